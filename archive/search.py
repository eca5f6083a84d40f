"""Full-text search over articles that fits Vietnamese: with or without diacritics, đ or d.

Two FTS5 indexes, because no single SQLite tokenizer does both jobs:

`articles_fts` — recall. Tokenizer `unicode61 remove_diacritics 2` over the original text
*and* a folded copy (`archive.normalize.fold`: lower case, no marks, đ→d). `remove_diacritics 2`
already folds every tone and vowel mark (also the stacked ones in ộ, ế, and decomposed NFD
input), but never đ/Đ, which Unicode treats as a letter of its own: `thi dua` would miss
`thi đua`. The folded columns close that gap, the original columns answer `thi đua`, `Đảng ủy`,
`sơ kết` and NFD queries. Both live in one table so Datasette's built-in table search
(`fts_table` in the metadata, `escape_fts` on the query) matches any mix: `thi đua so ket`.
This table stores the text (FTS5 "content" table), which also makes it the content table of:

`articles_fts_exact` — precision for ranking. Tokenizer `unicode61 remove_diacritics 0` over
the original columns (external content = `articles_fts`, so the text is stored once). A query
that matches here matched with its marks as typed, so `thể` ranks above `the`. Its tokens are
case-folded but keep marks, so the query must be NFC like the index: the Datasette plugin
normalises request parameters and the canned query calls `nfc()`.

`index_article` runs inside the caller's transaction (`archive.store.transaction`).
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterable, Sequence
from typing import Any

from sqlite_utils import Database

from archive.normalize import fold, nfc
from archive.store import transaction

FTS_TABLE = "articles_fts"
EXACT_TABLE = "articles_fts_exact"

ORIGINAL_COLUMNS: tuple[str, ...] = ("title", "lead", "body", "author", "captions")
FOLDED_COLUMNS: tuple[str, ...] = ("title_folded", "text_folded")
FTS_COLUMNS = ORIGINAL_COLUMNS + FOLDED_COLUMNS

# bm25 column weights, in FTS_COLUMNS order: a title hit beats a body hit; an original-column
# hit (query typed with its đ) beats the same hit in the folded copy.
FTS_WEIGHTS: tuple[float, ...] = (10.0, 4.0, 1.0, 2.0, 1.0, 5.0, 0.5)
EXACT_WEIGHTS: tuple[float, ...] = (10.0, 4.0, 1.0, 2.0, 1.0)

_CREATE_FTS = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS [{FTS_TABLE}] USING fts5("
    + ", ".join(FTS_COLUMNS)
    + ", tokenize = 'unicode61 remove_diacritics 2')"
)
_CREATE_EXACT = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS [{EXACT_TABLE}] USING fts5("
    + ", ".join(ORIGINAL_COLUMNS)
    + f", content = '{FTS_TABLE}', tokenize = 'unicode61 remove_diacritics 0')"
)


class SearchError(Exception):
    """The search index cannot be built or queried."""


def _columns(db: Database, table: str) -> list[str]:
    return [row[1] for row in db.execute(f"PRAGMA table_info([{table}])").fetchall()]


def ensure_search(db: Database) -> None:
    """Create both FTS5 tables if missing; rebuild them when their layout is out of date.

    Safe to call on every open. An archive whose articles predate the index (or whose index
    has an older column layout) is indexed here once, so search never silently misses rows.
    """
    stale = False
    existing = set(db.table_names())
    if FTS_TABLE in existing and tuple(_columns(db, FTS_TABLE)) != FTS_COLUMNS:
        stale = True
    if EXACT_TABLE in existing and tuple(_columns(db, EXACT_TABLE)) != ORIGINAL_COLUMNS:
        stale = True
    with transaction(db):
        if stale:
            db.execute(f"DROP TABLE IF EXISTS [{EXACT_TABLE}]")
            db.execute(f"DROP TABLE IF EXISTS [{FTS_TABLE}]")
        db.execute(_CREATE_FTS)
        db.execute(_CREATE_EXACT)
    if "articles" in db.table_names():
        has_articles = db.execute("SELECT EXISTS (SELECT 1 FROM articles)").fetchone()[0]
        has_index = db.execute(f"SELECT EXISTS (SELECT 1 FROM [{FTS_TABLE}])").fetchone()[0]
        if has_articles and not has_index:
            rebuild_search(db)


def captions_text(captions: Any) -> str:
    """The `captions` column (a JSON list, or already text) as searchable lines."""
    if not captions:
        return ""
    if isinstance(captions, str):
        try:
            captions = json.loads(captions)
        except ValueError:
            return nfc(captions)
    if isinstance(captions, (list, tuple)):
        return "\n".join(nfc(str(c)) for c in captions if c)
    return nfc(str(captions))


def search_values(row: dict[str, Any]) -> tuple[str, ...]:
    """An article row → the FTS_COLUMNS values: NFC originals, then their folded copies."""
    title = nfc(row.get("title") or "")
    lead = nfc(row.get("lead") or "")
    body = nfc(row.get("body") or "")
    author = nfc(row.get("author") or "")
    captions = captions_text(row.get("captions"))
    folded_text = "\n".join(fold(t) for t in (lead, body, author, captions) if t)
    return (title, lead, body, author, captions, fold(title), folded_text)


def _unindex(db: Database, article_id: int) -> None:
    """Remove one article from both indexes.

    The exact index keeps no text of its own, so FTS5 needs the values it indexed to delete
    them: they are read back from `articles_fts` before that row goes.
    """
    old = db.execute(
        f"SELECT {', '.join(ORIGINAL_COLUMNS)} FROM [{FTS_TABLE}] WHERE rowid = ?", [article_id]
    ).fetchone()
    if old is None:
        return
    db.execute(
        f"INSERT INTO [{EXACT_TABLE}] ([{EXACT_TABLE}], rowid, {', '.join(ORIGINAL_COLUMNS)}) "
        f"VALUES ('delete', ?, {', '.join('?' * len(ORIGINAL_COLUMNS))})",
        [article_id, *old],
    )
    db.execute(f"DELETE FROM [{FTS_TABLE}] WHERE rowid = ?", [article_id])


def _insert(db: Database, article_id: int, values: Sequence[str]) -> None:
    db.execute(
        f"INSERT INTO [{FTS_TABLE}] (rowid, {', '.join(FTS_COLUMNS)}) "
        f"VALUES (?, {', '.join('?' * len(FTS_COLUMNS))})",
        [article_id, *values],
    )
    db.execute(
        f"INSERT INTO [{EXACT_TABLE}] (rowid, {', '.join(ORIGINAL_COLUMNS)}) "
        f"VALUES (?, {', '.join('?' * len(ORIGINAL_COLUMNS))})",
        [article_id, *values[: len(ORIGINAL_COLUMNS)]],
    )


def index_article(db: Database, article_id: int) -> None:
    """(Re)index one article from its current `articles` row; a deleted row is unindexed.

    Does not commit: the store calls it inside the transaction that wrote the article, so the
    article and its index entry land together or not at all.
    """
    _unindex(db, article_id)
    cursor = db.execute(
        f"SELECT {', '.join(ORIGINAL_COLUMNS)} FROM articles WHERE id = ?", [article_id]
    )
    row = cursor.fetchone()
    if row is None:
        return
    record = dict(zip(ORIGINAL_COLUMNS, row))
    _insert(db, article_id, search_values(record))


def rebuild_search(db: Database, batch: int = 500) -> int:
    """Drop every index entry and index all articles again. Returns the number indexed.

    For `thidua reparse` and after a change of the folding rules.
    """
    count = 0
    with transaction(db):
        db.execute(_CREATE_FTS)
        db.execute(_CREATE_EXACT)
        db.execute(f"INSERT INTO [{EXACT_TABLE}] ([{EXACT_TABLE}]) VALUES ('delete-all')")
        db.execute(f"DELETE FROM [{FTS_TABLE}]")
        cursor = db.conn.execute(
            f"SELECT id, {', '.join(ORIGINAL_COLUMNS)} FROM articles ORDER BY id"
        )
        while rows := cursor.fetchmany(batch):
            for row in rows:
                _insert(db, row[0], search_values(dict(zip(ORIGINAL_COLUMNS, row[1:]))))
                count += 1
        db.execute(f"INSERT INTO [{FTS_TABLE}] ([{FTS_TABLE}]) VALUES ('optimize')")
        db.execute(f"INSERT INTO [{EXACT_TABLE}] ([{EXACT_TABLE}]) VALUES ('optimize')")
    return count


# --- query side: helpers that are also registered as SQL functions for Datasette -------------

_WORD = re.compile(r"\w+", re.UNICODE)
MARK_OPEN, MARK_CLOSE = "«", "»"


def query_terms(query: str) -> list[str]:
    """The folded words of a search query, quotes and FTS operators' punctuation ignored."""
    return [fold(w) for w in _WORD.findall(nfc(query or ""))]


def vi_snippet(text: str | None, query: str | None, words: int = 40) -> str:
    """A window of `text` around the query's words, hits wrapped in «…».

    Works on folded words, so `thi dua` highlights `thi đua` in the original spelling. FTS5's
    own snippet() would show the folded copy (without marks) for such a query.
    """
    if not text:
        return ""
    text = " ".join(nfc(text).split())
    terms = set(query_terms(query or ""))
    tokens = list(_WORD.finditer(text))
    if not tokens:
        return text[:300]
    # words spelled as typed (marks included) are the hits when there are any, so `thể`
    # highlights thể and not the; otherwise any spelling that folds alike
    exact = {w.lower() for w in _WORD.findall(nfc(query or ""))}
    hits = [i for i, m in enumerate(tokens) if m.group(0).lower() in exact]
    if not hits:
        hits = [i for i, m in enumerate(tokens) if fold(m.group(0)) in terms]
    if not hits:
        start = 0
    else:
        # the window of `words` tokens holding the most hits
        best, start, j = -1, 0, 0
        for i, h in enumerate(hits):
            while hits[j] < h - words + 1:
                j += 1
            if i - j + 1 > best:
                best, start = i - j + 1, hits[j]
        start = max(0, start - 3)
    end = min(len(tokens), start + words)
    hit_set = set(hits)
    out: list[str] = []
    pos = tokens[start].start()
    for i in range(start, end):
        m = tokens[i]
        out.append(text[pos : m.start()])
        word = m.group(0)
        out.append(f"{MARK_OPEN}{word}{MARK_CLOSE}" if i in hit_set else word)
        pos = m.end()
    if end == len(tokens):
        out.append(text[pos:])
    snippet = "".join(out).strip()
    return ("… " if start > 0 else "") + snippet + (" …" if end < len(tokens) else "")


def decompress_text(blob: bytes | None, encoding: str | None = None) -> str | None:
    """A stored page body (zlib) as text, for reading the raw HTML, never for rendering it."""
    if blob is None:
        return None
    try:
        raw = zlib.decompress(blob)
    except zlib.error:
        raw = bytes(blob)
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
    """Register fold(), nfc(), vi_snippet(), decompress_text() on a sqlite3 connection.

    Datasette's `prepare_connection` hook (plugins/thidua.py) calls this, so canned queries can
    fold their parameters; tests call it to run the very same SQL.
    """
    for name in names or SQL_FUNCTIONS:
        nargs, func = SQL_FUNCTIONS[name]
        conn.create_function(name, nargs, func, deterministic=True)
    conn.create_function("decompress_text", 2, decompress_text, deterministic=True)



def drop_index(conn: Any) -> None:
    """Remove the search index (tables, and triggers when there are any) for a bulk load;
    `rebuild_search` or the next `open_archive` builds it again."""
    conn.execute(f"DROP TABLE IF EXISTS [{EXACT_TABLE}]")
    conn.execute(f"DROP TABLE IF EXISTS [{FTS_TABLE}]")


def build_index(conn: Any) -> int:
    """Build the search index of every article on a plain sqlite3 connection (the benchmark and
    bulk loads). Returns the number of articles indexed."""
    db = Database(conn)
    db.execute(_CREATE_FTS)
    db.execute(_CREATE_EXACT)
    return rebuild_search(db)
