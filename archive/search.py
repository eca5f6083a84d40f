"""Full-text search over articles that fits Vietnamese, in time that does not grow with the
number of matches.

One index, `articles_fts`: FTS5, contentless (`content=''`: it keeps token lists, no text), with
tokenizer `unicode61 remove_diacritics 2` over the article text in which đ/Đ are replaced by
d/D. The tokenizer folds case and every tone and vowel mark (also decomposed NFD input) but never
đ, which Unicode treats as a letter of its own; the replace() closes that gap. So the index holds
only folded tokens and the text is stored once, in `articles`. Queries are folded the same way
(`fts_query`): `thi dua`, `thi đua`, `THI ĐUA` and NFD input find the same rows, phrases in
quotes stay phrases. Telling `thể` from `the` is the ranking's job (archive/ranking.py), on the
text of the few rows it ranks.

Triggers on `articles` keep the index in step inside whatever transaction writes the article
(insert, update of its text or date, delete), in plain SQL, so any SQLite client can write the
table (a packed archive's, with `article_text()` registered: archive/textstore.py). A
contentless table forgets a row only when told the values it indexed: the triggers
have them as `old.*`.

The rowid of an index row is not the article id but its *search key*,
`julianday(publication date) << 32 | id`. FTS5 walks matches in rowid order and stops at a
LIMIT, so `ORDER BY rowid DESC LIMIT n` gives the n newest matches however many articles match,
and `rowid & 0xFFFFFFFF` is the article id. That bounds the work of every search: the table
search box and the ranked search read a window of the newest matches (`window_floor`).
Articles without a date get day 0: they come last.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import islice
from typing import Any

from sqlite_utils import Database

from archive import textstore
from archive.normalize import fold, nfc
from archive.rawcodec import decompress_body
from archive.store import transaction

FTS_TABLE = "articles_fts"
OLD_TABLES = ("articles_fts_exact",)   # indexes of earlier versions, dropped on upgrade
ID_MASK = 0xFFFFFFFF

# `text` is the first column on purpose: FTS5 writes a column marker (2 bytes) into the position
# list of every (article, word) entry of any column but the first, so the long column goes first
# and only title words pay it; with `title` first the index was 27 % larger.
_CREATE_FTS = (
    f"CREATE VIRTUAL TABLE [{FTS_TABLE}] USING fts5(text, title, content='', "
    "tokenize='unicode61 remove_diacritics 2')"
)


def key_sql(row: str) -> str:
    """SQL for the search key of the article row called `row` (`new`, `old`, a table alias)."""
    return (f"((coalesce(cast(julianday(substr({row}.published_at, 1, 10)) as integer), 0) << 32)"
            f" | {row}.id)")


def _fold_sql(expr: str) -> str:
    return f"replace(replace({expr}, 'đ', 'd'), 'Đ', 'D')"


def _text_sql(row: str) -> str:
    """Lead, body, author and captions of `row` as one text; captions are a JSON list (its
    items, in order), or plain text in archives that stored them so."""
    captions = (f"CASE WHEN json_valid({row}.captions) THEN (SELECT group_concat(value, char(10)) "
                f"FROM json_each({row}.captions)) ELSE {row}.captions END")
    parts = [f"coalesce({row}.{c}, '')" for c in ("lead", "body", "author")]
    return _fold_sql(" || char(10) || ".join([*parts, f"coalesce({captions}, '')"]))


def _values_sql(row: str) -> str:
    return f"{key_sql(row)}, {_fold_sql(f'{row}.title')}, {_text_sql(row)}"


_INDEXED_COLUMNS = "id, title, lead, body, author, captions, published_at"


def _triggers(indexed_columns: str) -> dict[str, str]:
    return {
        f"{FTS_TABLE}_ai": (
            f"CREATE TRIGGER [{FTS_TABLE}_ai] AFTER INSERT ON articles BEGIN "
            f"INSERT INTO [{FTS_TABLE}] (rowid, title, text) VALUES ({_values_sql('new')}); END"),
        f"{FTS_TABLE}_ad": (
            f"CREATE TRIGGER [{FTS_TABLE}_ad] AFTER DELETE ON articles BEGIN "
            f"INSERT INTO [{FTS_TABLE}] ([{FTS_TABLE}], rowid, title, text) "
            f"VALUES ('delete', {_values_sql('old')}); END"),
        f"{FTS_TABLE}_au": (
            f"CREATE TRIGGER [{FTS_TABLE}_au] AFTER UPDATE OF {indexed_columns} ON articles BEGIN "
            f"INSERT INTO [{FTS_TABLE}] ([{FTS_TABLE}], rowid, title, text) "
            f"VALUES ('delete', {_values_sql('old')}); "
            f"INSERT INTO [{FTS_TABLE}] (rowid, title, text) VALUES ({_values_sql('new')}); END"),
    }


TRIGGERS: dict[str, str] = _triggers(_INDEXED_COLUMNS)
# a packed archive (archive/textstore.py): `body` is generated from `body_z`, and an UPDATE OF a
# generated column never fires a trigger, an update of what it is generated from does
PACKED_TRIGGERS: dict[str, str] = _triggers(_INDEXED_COLUMNS.replace("body", "body_z"))


def triggers(conn: Any) -> dict[str, str]:
    """The triggers of this archive's layout (text plain, or packed)."""
    return PACKED_TRIGGERS if textstore.is_packed(conn) else TRIGGERS


class SearchError(Exception):
    """The search index cannot be built or queried."""


def _schema_sql(db: Database, name: str) -> str | None:
    row = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [name]).fetchone()
    return row[0] if row else None


def index_is_current(db: Database) -> bool:
    """True when the index table and its triggers are exactly what this version creates."""
    if _schema_sql(db, FTS_TABLE) != _CREATE_FTS:
        return False
    if any(_schema_sql(db, name) for name in OLD_TABLES):
        return False
    return all(_schema_sql(db, name) == sql for name, sql in triggers(db.conn).items())


def ensure_search(db: Database) -> None:
    """Create the index and its triggers, or upgrade an older layout in place; safe on every open.

    An archive built by an earlier version (text copies in `articles_fts`, the accent-exact
    `articles_fts_exact`) gets the new index built from its articles in one transaction, and the
    old tables dropped: their pages become free pages the archive reuses as it grows.
    """
    if "articles" not in db.table_names() or index_is_current(db):
        return
    with transaction(db):
        build_index(db.conn)


def drop_index(conn: Any) -> None:
    """Remove the index, its triggers and older indexes (a bulk load, or before rebuilding)."""
    for name in TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS [{name}]")
    for name in (FTS_TABLE, *OLD_TABLES):
        conn.execute(f"DROP TABLE IF EXISTS [{name}]")


def build_index(conn: Any) -> int:
    """(Re)create the index and its triggers and index every article; returns how many.

    Runs in the caller's transaction. Rows go in search-key order (the keys are sorted first,
    alone, then each article is read by id): FTS5 buffers terms in memory only while rowids
    rise, and writes a segment each time one goes down, which made an unordered build ~3×
    slower. Sorting the keys alone costs about a second at a million articles; sorting the
    folded texts instead (ranges of ids, each read in order and sorted by key) was 10 % slower,
    the sorter copying the text. `optimize` then merges everything into one segment: smallest,
    and fastest to query (a tenth of the build).
    """
    textstore.register(conn)   # a packed archive's text is read through article_text()
    drop_index(conn)
    conn.execute(_CREATE_FTS)
    conn.execute("DROP TABLE IF EXISTS temp.search_order")
    conn.execute(f"CREATE TEMP TABLE search_order AS SELECT {key_sql('articles')} AS key, id "
                 "FROM articles ORDER BY key")
    conn.execute(f"INSERT INTO [{FTS_TABLE}] (rowid, title, text) SELECT {_values_sql('a')} "
                 "FROM temp.search_order o CROSS JOIN articles a ON a.id = o.id ORDER BY o.rowid")
    count = conn.execute("SELECT count(*) FROM temp.search_order").fetchone()[0]
    conn.execute("DROP TABLE temp.search_order")
    conn.execute(f"INSERT INTO [{FTS_TABLE}] ([{FTS_TABLE}]) VALUES ('optimize')")
    for sql in triggers(conn).values():
        conn.execute(sql)
    return int(count)


def rebuild_search(db: Database) -> int:
    """Index every article again, in one transaction (`thidua reparse`, a change of the
    folding rules). Returns the number indexed."""
    with transaction(db):
        return build_index(db.conn)


def indexed_keys_sql() -> str:
    """The index's keys, one per indexed article. A contentless FTS5 table cannot be scanned;
    its `_docsize` shadow table (a plain table, one row per row indexed) can."""
    return f"SELECT id FROM [{FTS_TABLE}_docsize]"


def indexed_count(conn: Any) -> int:
    return int(conn.execute(f"SELECT count(*) FROM ({indexed_keys_sql()})").fetchone()[0])


def index_entries(conn: Any) -> list[tuple[str, int, str, int]]:
    """Every (term, key, column, offset) the index holds, in order: the index's whole content,
    for comparing it before and after a write (fts5vocab reads a contentless table's lists)."""
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.[{FTS_TABLE}_entries] "
                 f"USING fts5vocab(main, '{FTS_TABLE}', 'instance')")
    return conn.execute(f"SELECT term, doc, col, offset FROM temp.[{FTS_TABLE}_entries] "
                        "ORDER BY 1, 2, 3, 4").fetchall()


def check_index(conn: Any) -> None:
    """FTS5's own integrity check of the index against its structure; raises on damage."""
    conn.execute(f"INSERT INTO [{FTS_TABLE}] ([{FTS_TABLE}]) VALUES ('integrity-check')")


# --- query side: parsing and folding, shared by the table search and the ranked search -------

WORD = re.compile(r"\w+", re.UNICODE)
_QUOTED = re.compile(r'"([^"]*)(?:"|$)')
MARK_OPEN, MARK_CLOSE = "«", "»"


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    """`fold` of one word, cached: a page of snippets or a ranking window folds the same few
    thousand words over and over."""
    return fold(word)


def is_marked(word: str) -> bool:
    """True when a word was typed with a tone or vowel mark or đ (`thể`, `đua`, `Đảng`)."""
    return fold_word(word) != word.lower()


def query_words(query: str | None) -> list[str]:
    """The words of a query, NFC, in order; quotes and FTS operators are plain punctuation."""
    return WORD.findall(nfc(query or ""))


def query_terms(query: str | None) -> list[str]:
    """The folded words of a search query, quotes and FTS operators' punctuation ignored."""
    return [fold_word(w) for w in query_words(query)]


def fts_query(query: str | None) -> str | None:
    """The query as an FTS5 expression over the folded index: every word required, each
    double-quoted (so AND, OR, NOT, NEAR and * are words, never syntax), text in quotes kept
    as one phrase. None when the query holds no word."""
    text = nfc(query or "")
    parts: list[str] = []
    pos = 0
    for m in _QUOTED.finditer(text):
        parts += [f'"{fold_word(w)}"' for w in WORD.findall(text[pos:m.start()])]
        phrase = [fold_word(w) for w in WORD.findall(m.group(1))]
        if phrase:
            parts.append('"' + " ".join(phrase) + '"')
        pos = m.end()
    parts += [f'"{fold_word(w)}"' for w in WORD.findall(text[pos:])]
    return " ".join(parts) or None


def phrase_query(query: str | None) -> str | None:
    """All the query's words as one FTS5 phrase, or None for fewer than two words."""
    terms = query_terms(query)
    return '"' + " ".join(terms) + '"' if len(terms) > 1 else None


def near_query(query: str | None, distance: int) -> str | None:
    """All the query's words within `distance` other words of each other (FTS5 NEAR), or
    None for fewer than two distinct words."""
    terms = list(dict.fromkeys(query_terms(query)))
    if len(terms) < 2:
        return None
    return "NEAR(" + " ".join(f'"{t}"' for t in terms) + f", {distance})"


def window_floor(conn: Any, match: str, size: int) -> int | None:
    """The search key of the `size`-th newest article matching `match`, or None when fewer
    match. Cost grows with `size`, not with the number of matches."""
    row = conn.execute(f"SELECT rowid FROM [{FTS_TABLE}] WHERE [{FTS_TABLE}] MATCH ? "
                       "ORDER BY rowid DESC LIMIT 1 OFFSET ?", [match, size - 1]).fetchone()
    return None if row is None else int(row[0])


def search_clause(column: str, match: str, floor: int | None) -> tuple[str, dict[str, Any]]:
    """`column IN (ids of the articles matching match, newer than the key floor)` and its
    parameters: the where clause of a table's search box (archive/searchpage.py)."""
    params: dict[str, Any] = {"thidua_match": match}
    newer = ""
    if floor is not None:
        params["thidua_floor"] = floor
        newer = " AND rowid >= :thidua_floor"
    clause = (f"[{column}] IN (SELECT rowid & {ID_MASK} FROM [{FTS_TABLE}] "
              f"WHERE [{FTS_TABLE}] MATCH :thidua_match{newer})")
    return clause, params


def _spellings() -> dict[str, str]:
    """Folded letter → every Latin letter that folds to it (`d` → dđDĐ, `u` → uúùủũụưứừửữự…)."""
    groups: dict[str, set[str]] = {}
    for code in [*range(0x41, 0x250), *range(0x1E00, 0x1F00)]:
        ch = chr(code)
        folded = fold(ch)
        if len(folded) == 1 and folded.isalpha():
            groups.setdefault(folded, {folded, folded.upper()}).update({ch, ch.lower(), ch.upper()})
    return {base: "".join(sorted(chars)) for base, chars in groups.items()}


_SPELLINGS = _spellings()


def any_spelling(term: str) -> str:
    """A regex for the lower-case spellings of a folded term (`dua` → [dđ][uúùủũụư…][aà…])."""
    return "".join(f"[{re.escape(''.join(sorted(set(_SPELLINGS[c].lower()))))}]"
                   if c in _SPELLINGS else re.escape(c) for c in term)


def _as_typed(word: str) -> str:
    """A query word as a regex over lower-case text: its own spelling when typed with marks,
    any spelling that folds to it otherwise."""
    return re.escape(word.lower()) if is_marked(word) else any_spelling(fold_word(word))


@lru_cache(maxsize=1024)
def hit_pattern(query: str | None) -> re.Pattern[str] | None:
    """Any word of the query in lower-case text: a word typed with marks matches that spelling
    only (`thể`, not `the`), a word typed without marks any spelling that folds to it (`thi dua`
    → thi đua, THI ĐUA). Use through `word_matches`. None for a query without words."""
    parts = sorted({_as_typed(w) for w in query_words(query)}, key=len, reverse=True)
    return re.compile("(?:" + "|".join(parts) + r")(?!\w)") if parts else None


@lru_cache(maxsize=1024)
def phrase_pattern(query: str | None) -> re.Pattern[str] | None:
    """The query's words in order, next to each other, each matched as `hit_pattern` matches
    it; None for fewer than two words."""
    words = query_words(query)
    if len(words) < 2:
        return None
    return re.compile(r"\W+".join(_as_typed(w) for w in words) + r"(?!\w)")


_DECOMPOSED = re.compile("[\u0300-\u036f]")


def composed(text: str) -> str:
    """NFC, checked with a regex first: the archive stores NFC, and the regex is cheaper than
    unicodedata's own check on a page of text."""
    return nfc(text) if _DECOMPOSED.search(text) else text


def lower_case(text: str) -> str:
    """`text` in lower case, letter for letter (offsets stay valid for the original)."""
    lowered = text.lower()
    if len(lowered) != len(text):   # a letter whose lower case is longer (İ): keep it
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lowered


def word_matches(pattern: re.Pattern[str], text: str, lowered: str | None = None
                 ) -> list[tuple[int, int]]:
    """Spans of `pattern`'s matches in `text` that start a word. The patterns above have no
    look-behind and no IGNORECASE and run on lower-cased text (`lowered`, when the caller has
    it), so the regex engine skips straight to the letters a match can start with; the word's
    start is checked here."""
    lowered = lower_case(text) if lowered is None else lowered
    return [m.span() for m in pattern.finditer(lowered)
            if m.start() == 0 or not (lowered[m.start() - 1].isalnum()
                                      or lowered[m.start() - 1] == "_")]


def _hits(text: str, query: str | None) -> list[int]:
    """Start offsets of the words to mark: the words of each occurrence of the whole query as a
    phrase when the text holds one (`thi dua` marks «thi đua», not the «Thị» of a name),
    otherwise every query word."""
    phrase = phrase_pattern(query)
    if phrase is not None:
        spans = word_matches(phrase, text)
        if spans:
            return [w.start() for a, b in spans for w in WORD.finditer(text, a, b)]
    pattern = hit_pattern(query)
    return [a for a, _ in word_matches(pattern, text)] if pattern else []


def vi_snippet(text: str | None, query: str | None, words: int = 40) -> str:
    """`words` words of `text` around the query's words, three words of context before the
    first, hits wrapped in «…» in the text's own spelling (`thi dua` marks «thi» «đua»; a
    contentless index has no text for FTS5's snippet()). Reads the text with one regex scan and
    splits only the window into words: a page of results stays cheap."""
    if not text:
        return ""
    text = " ".join(composed(text).split())
    hits = _hits(text, query)
    start = 0
    if hits:
        # the hit that starts the stretch of about `words` words holding the most hits
        span, best, first, j = words * 7, -1, hits[0], 0
        for i, h in enumerate(hits):
            while hits[j] < h - span:
                j += 1
            if i - j + 1 > best:
                best, first = i - j + 1, hits[j]
        context = min(3, words // 4)
        before = [m.start() for m in WORD.finditer(text, max(0, first - 120), first)]
        before = before[len(before) - context:] if context else []
        start = before[0] if before else first
    window = list(islice(WORD.finditer(text, start), words + 1))
    if not window:
        return text[:300]
    more = len(window) > words
    window = window[:words]
    hit_set = set(hits)
    out: list[str] = []
    pos = window[0].start()
    for m in window:
        out.append(text[pos:m.start()])
        out.append(f"{MARK_OPEN}{m.group(0)}{MARK_CLOSE}" if m.start() in hit_set else m.group(0))
        pos = m.end()
    if not more:
        out.append(text[pos:])
    snippet = "".join(out).strip()
    return ("… " if window[0].start() > 0 else "") + snippet + (" …" if more else "")


def decompress_text(blob: bytes | None, encoding: str | None = None,
                    dictionary: bytes | None = None) -> str | None:
    """A stored page body (zlib, plain or zstd with its source's dictionary, see
    archive/rawcodec.py) as text, for reading the raw HTML, never for rendering it."""
    if blob is None:
        return None
    raw = decompress_body(blob, dictionary)
    for enc in (encoding, "utf-8", "cp1258"):
        if not enc:
            continue
        try:
            return nfc(raw.decode(enc))
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("utf-8", errors="replace")


def _nullsafe(func: Any) -> Any:
    def wrapper(*args: Any) -> Any:
        return None if args and args[0] is None else func(*args)

    return wrapper


SQL_FUNCTIONS: dict[str, tuple[int, Any]] = {
    "fold": (1, _nullsafe(lambda s: fold(str(s)))),
    "nfc": (1, _nullsafe(lambda s: nfc(str(s)))),
    "vi_snippet": (2, lambda text, q: vi_snippet(text, q)),
    "decompress_text": (1, decompress_text),
}


def register_sql_functions(conn: Any, names: Iterable[str] | None = None) -> None:
    """Register fold(), nfc(), vi_snippet(), decompress_text() and article_text() (which the
    articles table's `body` column is generated by) on a sqlite3 connection.

    Datasette's `prepare_connection` hook (plugins/thidua.py) calls this, so canned queries can
    fold their parameters; tests call it to run the very same SQL.
    """
    for name in names or SQL_FUNCTIONS:
        nargs, func = SQL_FUNCTIONS[name]
        conn.create_function(name, nargs, func, deterministic=True)
    textstore.register(conn)   # `articles.body` is generated by it
    conn.create_function("decompress_text", 2, decompress_text, deterministic=True)
    conn.create_function("decompress_text", 3, decompress_text, deterministic=True)

