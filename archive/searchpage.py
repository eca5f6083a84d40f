"""The search in Datasette: the tables' search box and the ranked search page.

Why not Datasette's built-in table search: it runs `id in (select rowid from fts where fts match
…)`, which collects every match before sorting, counting and faceting them — seconds when a
query matches most of a million articles (`thi dua`). Here the `filters_from_request` hook
(plugins/thidua.py) writes that clause itself over the contentless index (archive/search.py):
when more than `TABLE_CAP` articles match, the table shows, counts and facets the `TABLE_CAP`
newest of them, and its description says so. The tables that get a search box are listed in the
metadata (`plugins.thidua.search`: table → the column holding the article id), so `meetings`
is searched through the text of the articles that report them.

The ranked search (`/<database>/search?q=…`, `.json` too) is archive.ranking run in Datasette's
database thread and rendered with `thidua_search.html`.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from datasette.filters import FilterArguments
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

from archive.ranking import PHRASE_WINDOW, Ranked, ranked_search
from archive.search import FTS_TABLE, MARK_CLOSE, MARK_OPEN, fts_query, search_clause

TABLE_CAP = 1000
PAGE_SIZE, MAX_PAGE_SIZE = 20, 100
_FLOOR_SQL = (f"SELECT rowid FROM [{FTS_TABLE}] WHERE [{FTS_TABLE}] MATCH :match "
              "ORDER BY rowid DESC LIMIT 1 OFFSET :offset")


# A table page of a search runs about ten queries (rows, count, each facet), and each reads the
# same ≤ TABLE_CAP article rows by id, spread over a file of gigabytes. With SQLite's default
# 2 MiB page cache every query read them again from the file (~20 µs a row, ~0.2 s a page at
# 1M articles). A page cache that holds them, and reads through a memory map (SQLite caps the
# map at 2 GiB), make the second and later queries of a page nearly free.
CONNECTION_PRAGMAS = ("PRAGMA cache_size = -65536", "PRAGMA mmap_size = 2147418112")


def tune_connection(conn: Any) -> None:
    """Datasette's `prepare_connection` hook (plugins/thidua.py): run on each connection."""
    for pragma in CONNECTION_PRAGMAS:
        conn.execute(pragma)


def search_columns(datasette: Any, database: str) -> dict[str, str]:
    """Table or view → its column holding an article id, from the metadata."""
    config = datasette.plugin_config("thidua", database=database) or {}
    return dict(config.get("search") or {})


async def table_filter(request: Any, database: str, table: str, datasette: Any) -> Any:
    """`?_search=` on a configured table: the matching articles, the TABLE_CAP newest at most."""
    column = search_columns(datasette, database).get(table)
    if column is None:
        return None
    query = request.args.get("_search", "")
    context = {"supports_search": True, "search": query}
    match = fts_query(query)
    if match is None:
        return FilterArguments([], extra_context=context)
    db = datasette.get_database(database)
    floor = (await db.execute(_FLOOR_SQL, {"match": match, "offset": TABLE_CAP - 1})).first()
    clause, params = search_clause(column, match, floor[0] if floor else None)
    description = f'search matches "{query}"'
    if floor is not None:
        description += f" — the {TABLE_CAP:,} newest matching articles"
    return FilterArguments([clause], params, [description], context)


def _marked(snippet: str) -> Markup:
    return Markup(str(escape(snippet)).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>"))


def notices(result: Ranked) -> list[str]:
    """What the page must say about how the results were found (Vietnamese / English)."""
    out = []
    if result.words > 1 and result.hits and not result.phrase_found:
        where = ("" if result.complete else
                 f" trong {PHRASE_WINDOW:,} bài mới nhất / among the {PHRASE_WINDOW:,} newest matches")
        out.append(f"Không có bài nào chứa nguyên cụm «{result.query.strip()}»{where}: các bài dưới "
                   "đây chứa đủ các từ nhưng không liền nhau. / The exact phrase was not found: "
                   "these articles hold all the words, apart.")
    if not result.complete:
        out.append(f"Nhiều bài khớp: xếp hạng {result.candidates} bài mới nhất (và các bài chứa "
                   "nguyên cụm từ). / Many articles match: the newest ones (and those holding the "
                   "exact phrase) are ranked; narrow the query, or use the search box of the "
                   "articles table for all of them, newest first.")
    if result.marked and result.hits:
        words = ", ".join(f"«{w}»" for w in result.marked)
        out.append(f"Bài chứa đúng {words} (đúng dấu) đứng trước. / Articles spelling {words} "
                   "with these accents come first.")
    return out


async def search_view(datasette: Any, request: Any) -> Response:
    """The ranked search page and its JSON (`_shape=array`: the rows alone)."""
    database = request.url_vars["database"]
    try:
        db = datasette.get_database(database)
    except KeyError:
        raise NotFound(f"Database not found: {database}") from None
    if FTS_TABLE not in await db.table_names():
        raise NotFound("This database has no search index")
    query = request.args.get("q", "")
    size_arg = request.args.get("_size", str(PAGE_SIZE))
    try:
        size = MAX_PAGE_SIZE if size_arg == "max" else min(MAX_PAGE_SIZE, max(1, int(size_arg)))
    except ValueError:
        size = PAGE_SIZE
    result: Ranked = await db.execute_fn(lambda conn: ranked_search(conn, query, size))
    rows = [asdict(h) for h in result.hits]
    if request.url_vars.get("format") == "json":
        if request.args.get("_shape") == "array":
            return Response.json(rows)
        return Response.json({"query": query, "rows": rows, "complete": result.complete,
                              "candidates": result.candidates, "notices": notices(result)})
    for row in rows:
        row["snippet_html"] = _marked(row["snippet"])
    html = await datasette.render_template(
        "thidua_search.html",
        {"database": database, "query": query, "rows": rows, "notices": notices(result),
         "result": result, "json_url": request.path + ".json?" + request.query_string},
        request=request)
    return Response.html(html)
