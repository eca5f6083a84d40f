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

from datasette.database import QueryInterrupted, Results
from datasette.facets import ColumnFacet
from datasette.filters import FilterArguments
from datasette.utils import escape_sqlite, sqlite3
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


def window_facets_sql(sql: str, columns: list[str], limit: int) -> str:
    """One query for every column facet of `sql`: its rows are read once (MATERIALIZED), then
    each column grouped as Datasette's ColumnFacet groups it (not null, count desc, value,
    `limit` rows); rows (facet = index in `columns`, value, count)."""
    read = ", ".join(escape_sqlite(c) for c in dict.fromkeys(columns))
    parts = [f"SELECT * FROM (SELECT {i} AS facet, {escape_sqlite(c)} AS value, count(*) AS count "
             f"FROM thidua_window WHERE {escape_sqlite(c)} IS NOT NULL GROUP BY {escape_sqlite(c)} "
             f"ORDER BY count DESC, value LIMIT {limit})" for i, c in enumerate(columns)]
    return (f"WITH thidua_window AS MATERIALIZED (SELECT {read} FROM ({sql})) "
            + " UNION ALL ".join(parts))


class _Answered:
    """Datasette as a ColumnFacet sees it, its `execute` answered from results already read."""

    def __init__(self, ds: Any, answers: list[Results]) -> None:
        self._ds, self._answers = ds, iter(answers)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ds, name)

    async def execute(self, *args: Any, **kwargs: Any) -> Results:
        return next(self._answers)


class WindowColumnFacet(ColumnFacet):
    """Datasette's column facets (plugins/thidua.py puts this class in ColumnFacet's place).

    On a page of a table search (its queries carry the `thidua_match` parameter, and read at
    most TABLE_CAP rows) the facets are computed by one query that reads the window once
    (`window_facets_sql`), not one query per facet that each matches and reads it again; the
    results are then laid out by Datasette's own code, so they are the same: values, counts,
    order, labels, toggle links, the time limit. Any other page, or a failure of the one
    query, runs Datasette's facets unchanged."""

    async def facet_results(self) -> Any:
        params = self.params if isinstance(self.params, dict) else {}
        columns = [c["config"].get("column") or c["config"]["simple"] for c in self.get_configs()]
        if "thidua_match" not in params or len(columns) < 2:
            return await super().facet_results()
        try:
            combined = await self.ds.execute(
                self.database, window_facets_sql(self.sql, columns, self.get_facet_size() + 1),
                params, truncate=False, custom_time_limit=self.ds.setting("facet_time_limit_ms"))
        except (QueryInterrupted, sqlite3.DatabaseError):
            return await super().facet_results()
        per_facet: list[list[dict[str, Any]]] = [[] for _ in columns]
        for row in combined.rows:
            per_facet[row["facet"]].append({"value": row["value"], "count": row["count"]})
        ds = self.ds
        self.ds = _Answered(ds, [Results(rows, False, None) for rows in per_facet])
        try:
            return await super().facet_results()
        finally:
            self.ds = ds


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
