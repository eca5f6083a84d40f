"""Article text stored compressed: zstd with a dictionary per source, read back by SQL.

Why: the article text is most of an archive — at 100k synthetic articles `body` was 84 % of
the raw text and the articles table 1.32× the raw text, the whole file 1.91× (README,
"Where the bytes go"). Articles of one source share their wording (the organisation's name,
its units, the phrases of a report), which per-article compression cannot see; a zstd
dictionary trained on the source's own articles holds that shared part once, as the raw store
does for HTML (archive/rawcodec.py).

A *packed* archive (`thidua pack`, `pack`): `articles.body_z` holds the text as stored — a
zstd frame (BLOB) naming its dictionary in its header (the dictionary's id is its `text_dicts`
row id), or TEXT when compressing would not make it smaller — and `articles.body` is a
generated column, `article_text(body_z)`. So every reader of the project — Datasette's pages,
JSON and CSV, the canned queries, exports, the ranking, the search triggers — reads the text as
before; the store writes `body_z` (`encode`), and a source's dictionary is trained once it has
DICT_MIN_ARTICLES articles.

Why packing is a step of its own and not a migration: `article_text()` is a function of ours,
not SQLite's. `open_archive` and Datasette's `prepare_connection` register it (`register`), but
a bare sqlite3 client on a packed archive fails on `body`, on `select * from articles` and on
any write to `articles` (the search triggers read the text) — loudly ("unknown function
article_text()"), never silently. An archive that is not packed keeps its text plain and
stays readable and writable by any SQLite client.
"""

from __future__ import annotations

import logging
import weakref
from dataclasses import dataclass, field
from typing import Any

import zstandard
from sqlite_utils import Database

from archive import rawcodec
from archive.store import now_iso, transaction

log = logging.getLogger(__name__)

FUNCTION = "article_text"
STORED = "body_z"
GENERATED_BODY = (f"ALTER TABLE articles ADD COLUMN body TEXT "
                  f"GENERATED ALWAYS AS ({FUNCTION}(body_z)) VIRTUAL")
# Level 9 with a dictionary: within ~5 % of level 19's size on article text at a twentieth of
# its time (~50 µs an article); storing is a small part of ingest either way.
TEXT_LEVEL = 9
# A source's dictionary is trained once, when it has this many articles, on its latest
# DICT_SAMPLES texts; earlier articles are recompressed with it.
DICT_MIN_ARTICLES = 40
DICT_SAMPLES = 300
DICT_MAX_SIZE = 32 * 1024
PLAIN_BELOW = 64   # bytes of UTF-8: a frame's header eats what compression could save


@dataclass
class _State:
    """Per-archive-connection cache: dictionaries are read and digested once."""

    packed: bool | None = None
    compressors: dict[str | None, tuple[int, Any]] = field(default_factory=dict)
    without_dict: dict[str, int] = field(default_factory=dict)
    next_try: dict[str, int] = field(default_factory=dict)


_STATE: weakref.WeakKeyDictionary[Database, _State] = weakref.WeakKeyDictionary()


def _state(db: Database) -> _State:
    state = _STATE.get(db)
    if state is None:
        state = _STATE[db] = _State()
    return state


def compress(text: str | None, compressor: zstandard.ZstdCompressor) -> str | bytes | None:
    """The stored form of `text`: a zstd frame, or the text itself when that is no larger."""
    if text is None:
        return None
    data = text.encode("utf-8")
    if len(data) < PLAIN_BELOW:
        return text
    blob = compressor.compress(data)
    return blob if len(blob) < len(data) else text


def decompress(stored: str | bytes | None, dictionaries: Any) -> str | None:
    """The text of a stored value; `dictionaries(id)` gives the decompressor of a dictionary."""
    if stored is None or isinstance(stored, str):
        return stored
    blob = bytes(stored)
    dict_id = rawcodec.frame_dict_id(blob)
    reader = dictionaries(dict_id)
    try:
        return str(reader.decompress(blob).decode("utf-8"))
    except (zstandard.ZstdError, UnicodeDecodeError) as exc:
        raise rawcodec.CodecError(f"cannot read stored article text: {exc}") from exc


def register(conn: Any) -> None:
    """`article_text(body_z)` on a sqlite3 connection; dictionaries are read from the same
    connection's `text_dicts` the first time a frame names them, then kept."""
    readers: dict[int, zstandard.ZstdDecompressor] = {}

    def reader(dict_id: int) -> zstandard.ZstdDecompressor:
        if dict_id not in readers:
            if dict_id == 0:
                readers[0] = zstandard.ZstdDecompressor()
            else:
                row = conn.execute("SELECT body FROM text_dicts WHERE id = ?", [dict_id]).fetchone()
                if row is None:
                    raise rawcodec.CodecError(f"text dictionary {dict_id} is missing")
                readers[dict_id] = rawcodec.decompressor(row[0])
        return readers[dict_id]

    conn.create_function(FUNCTION, 1, lambda stored: decompress(stored, reader),
                         deterministic=True)


def is_packed(conn: Any) -> bool:
    """True when the archive's text is stored compressed (`articles.body_z` exists)."""
    return any(row[1] == STORED for row in conn.execute("PRAGMA table_xinfo(articles)"))


def packed(db: Database) -> bool:
    """`is_packed`, asked once per connection (the store asks on every article)."""
    state = _state(db)
    if state.packed is None:
        state.packed = is_packed(db.conn)
    return state.packed


def _source_compressor(db: Database, source_id: str | None) -> tuple[int, Any]:
    """(dictionary id or 0, compressor) for new text of `source_id`."""
    state = _state(db)
    if source_id not in state.compressors:
        row = None if source_id is None else db.execute(
            "SELECT id, body FROM text_dicts WHERE source_id = ? ORDER BY id DESC LIMIT 1",
            [source_id]).fetchone()
        state.compressors[source_id] = (row[0], rawcodec.compressor(row[1], TEXT_LEVEL)) if row else (0, rawcodec.compressor(None, TEXT_LEVEL))
    return state.compressors[source_id]


def stored_text(db: Database, source_id: str | None, text: str | None) -> dict[str, Any]:
    """The column and value an article's text is written as: `body` plain, or in a packed
    archive `body_z` compressed with the source's compressor."""
    if not packed(db):
        return {"body": text}
    return {STORED: compress(text, _source_compressor(db, source_id)[1])}


def note_stored(db: Database, source_id: str | None) -> None:
    """After an article of `source_id` is written: train the source's dictionary when it is
    time (it has DICT_MIN_ARTICLES articles and no dictionary yet)."""
    if source_id is None or not packed(db) or _source_compressor(db, source_id)[0]:
        return
    state = _state(db)
    if source_id not in state.without_dict:
        state.without_dict[source_id] = db.execute(
            "SELECT count(*) FROM articles WHERE source_id = ?", [source_id]).fetchone()[0]
    else:
        state.without_dict[source_id] += 1
    n = state.without_dict[source_id]
    if n >= max(DICT_MIN_ARTICLES, state.next_try.get(source_id, 0)):
        if train_source(db, source_id) is None:
            state.next_try[source_id] = 2 * n   # too few or too alike: try again later
        else:
            recompress(db, source_id)


def train_source(db: Database, source_id: str, column: str = "body") -> int | None:
    """Train `source_id`'s text dictionary on its latest texts (read from `column`); returns
    its id, or None when there is too little to learn from."""
    samples = [row[0].encode("utf-8") for row in db.execute(
        f"SELECT [{column}] FROM articles WHERE source_id = ? AND [{column}] IS NOT NULL "
        "ORDER BY id DESC LIMIT ?", [source_id, DICT_SAMPLES])]
    if len(samples) < 8:
        return None
    with transaction(db):
        dict_id = int(db.execute("SELECT coalesce(max(id), 0) + 1 FROM text_dicts").fetchone()[0])
        try:
            dictionary = rawcodec.train_dictionary(samples, DICT_MAX_SIZE, level=TEXT_LEVEL,
                                                   dict_id=dict_id)
        except rawcodec.CodecError as exc:
            log.info("no text dictionary for %s yet: %s", source_id, exc)
            return None
        db.execute("INSERT INTO text_dicts (id, source_id, created_at, level, samples, size, body) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)", [dict_id, source_id, now_iso(), TEXT_LEVEL,
                                                    len(samples), len(dictionary), dictionary])
    _state(db).compressors[source_id] = (dict_id, rawcodec.compressor(dictionary, TEXT_LEVEL))
    return dict_id


def recompress(db: Database, source_id: str | None, column: str = "body",
               chunk: int = 500) -> int:
    """Write every article of `source_id` into `body_z` again from `column`, with the source's
    current compressor. Joins the caller's transaction; returns the rows written."""
    compressor = _source_compressor(db, source_id)[1]
    done, last = 0, 0
    where = "source_id IS ?"
    with transaction(db):
        while rows := db.execute(f"SELECT id, [{column}] FROM articles WHERE {where} AND id > ? "
                                 "ORDER BY id LIMIT ?", [source_id, last, chunk]).fetchall():
            db.conn.executemany("UPDATE articles SET body_z = ? WHERE id = ?",
                                [(compress(text, compressor), i) for i, text in rows])
            done, last = done + len(rows), rows[-1][0]
    return done


def pack_all(db: Database, column: str = "body") -> int:
    """Compress the text of every article from `column` into `body_z` (an archive written
    before the text was stored compressed): each source with enough articles gets its
    dictionary first. Returns the rows written."""
    sources = [row[0] for row in db.execute(
        "SELECT source_id FROM articles GROUP BY source_id ORDER BY source_id")]
    done = 0
    for source_id in sources:
        if source_id is not None and not _source_compressor(db, source_id)[0]:
            count = db.execute("SELECT count(*) FROM articles WHERE source_id = ?",
                               [source_id]).fetchone()[0]
            if count >= DICT_MIN_ARTICLES:
                train_source(db, source_id, column)
        done += recompress(db, source_id, column)
    return done


def pack(db: Database) -> dict[str, int]:
    """Store the archive's text compressed, in place (see the module's docstring); on an archive
    already packed, train the dictionaries now due and recompress those sources. Joins the
    caller's transaction. The search index keeps its entries (the text does not change); its
    triggers are re-created for the layout. Returns counts: rows written, dictionaries.

    The file keeps its size until `VACUUM` returns the freed pages (`thidua pack --vacuum`);
    new rows reuse them in the meantime.
    """
    from archive import search

    register(db.conn)
    with transaction(db):
        before = db.execute("SELECT count(*) FROM text_dicts").fetchone()[0]
        if packed(db):
            rows = _train_due(db)
        else:
            rows = _convert(db, search)
        after = db.execute("SELECT count(*) FROM text_dicts").fetchone()[0]
    return {"rows": rows, "dictionaries": after - before}


def _convert(db: Database, search: Any) -> int:
    """The layout change: body_z filled from body, body dropped and added back generated."""
    for name in search.TRIGGERS:   # a rewrite of the stored text is no change of the text
        db.execute(f"DROP TRIGGER IF EXISTS [{name}]")
    db.execute("DROP VIEW IF EXISTS stories")
    db.execute(f"ALTER TABLE articles ADD COLUMN {STORED} BLOB")
    rows = pack_all(db, column="body")
    db.execute("ALTER TABLE articles DROP COLUMN body")
    db.execute(GENERATED_BODY)
    db.execute("CREATE VIEW stories AS SELECT * FROM articles WHERE duplicate_of IS NULL")
    _state(db).packed = True
    if search.FTS_TABLE in db.table_names():
        for sql in search.PACKED_TRIGGERS.values():
            db.execute(sql)
    return rows


def _train_due(db: Database) -> int:
    """Sources with enough articles and no dictionary: train it, recompress their text."""
    due = [row[0] for row in db.execute(
        "SELECT source_id FROM articles WHERE source_id IS NOT NULL AND source_id NOT IN "
        "(SELECT source_id FROM text_dicts WHERE source_id IS NOT NULL) "
        "GROUP BY source_id HAVING count(*) >= ?", [DICT_MIN_ARTICLES])]
    rows = 0
    for source_id in due:
        if train_source(db, source_id) is not None:
            rows += recompress(db, source_id)
    return rows
