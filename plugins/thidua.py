"""Datasette plugin for the thidua archive (loaded with `datasette --plugins-dir plugins/`).

Why a plugins directory and not an entry point: `archive.serve` always passes it, nothing
needs reinstalling when it changes, and a plain `datasette` run elsewhere in the same venv is
not altered. The logic lives in `archive.search` (tested on its own); this file only wires it
into Datasette's documented hooks:

- prepare_connection: SQL functions fold(), nfc(), vi_snippet(), decompress_text() for the
  canned queries (`search`, `meetings`, `attendee`, `raw_page`).
- asgi_wrapper: every query-string value NFC-normalised before Datasette sees it, so a
  decomposed (NFD) `thi đua` typed or pasted into the table search box hits the same index
  entries as the composed one.
- render_cell: raw HTML shown escaped in <pre> (never
  rendered or executed), an article URL paired with a link to its archived raw page, the stored
  (compressed) form of an article's text as its size (`body` shows the text).
- extra_css_urls + register_routes: a small stylesheet keeping body paragraphs visible; the
  ranked search page `/<database>/search` (archive/searchpage.py).
- filters_from_request (last, after Datasette's own): the search box of the tables listed under
  `plugins.thidua.search` in the metadata, bounded to the newest matches (archive/searchpage.py).
- register_facet_classes: Datasette's column facets, read in one query on a table search page
  (archive/searchpage.py WindowColumnFacet, in place of Datasette's ColumnFacet).
- extra_body_script: CSV export links download a file instead of opening as text.
- extra_template_vars + prepare_jinja2_environment: the article, cluster and person pages
  (archive/pages.py → archive/templates/row-archive-*.html) and the result excerpts of the
  table pages (`thidua_excerpt`).
- register_routes: `/-/thidua/wards.json`, the ward points that draw the country on the
  meetings map (archive/atlas.py; no tile server, no internet).
- startup: the served archive is named `archive` whatever its file is called (plugin setting
  `database_name`), so `/archive/…` links, bookmarks and the metadata's table settings hold
  for `data/archive.db`, `nightly.db` or `/srv/x/thidua.sqlite` alike.
"""

from __future__ import annotations

import unicodedata
import zlib
from typing import Any
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.facets import ArrayFacet, DateFacet
from datasette.plugins import pm
from datasette.utils import detect_json1, tilde_decode
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from archive import atlas, pages
from archive.search import SQL_FUNCTIONS, decompress_text, register_sql_functions
from archive.searchpage import WindowColumnFacet, search_view, table_filter, tune_connection

# row pages drawn by archive/templates/row-archive-<table>.html from archive/pages.py
PAGE_BUILDERS = {"articles": pages.article_page, "clusters": pages.cluster_page,
                 "people": pages.person_page}

CSS = """
td.col-body, td.col-lead, td.col-snippet { white-space: pre-wrap; min-width: 24em; }
td.col-title, td.col-article_title { min-width: 14em; }
table.rows-and-columns td.col-body { max-width: 60em; }
pre.raw-html { white-space: pre-wrap; word-break: break-all; max-width: 100em; font-size: 0.85em; }
td.col-snippet mark { background: #fff2a8; padding: 0 1px; }
.thidua-search input[type=search] { width: 24em; font-size: 1em; padding: 0.3em; }
"""


# Datasette's time limit (sql_time_limit_ms) cannot interrupt Python code running inside
# SQLite: fold() given 60 MB ran 9.6 s and took the server to 728 MB from one GET. Inputs over
# these sizes are refused instead (a stored page is about 250 KB, its text much less).
MAX_SQL_TEXT = 2_000_000      # characters (or bytes) one Python SQL function accepts
MAX_RAW_PAGE = 16_000_000     # bytes decompress_text() may produce


def _capped(name: str, func: Any) -> Any:
    def guarded(*args: Any) -> Any:
        for arg in args:
            if isinstance(arg, str | bytes) and len(arg) > MAX_SQL_TEXT:
                raise ValueError(f"{name}(): an input of {len(arg):,} characters is refused "
                                 f"(limit {MAX_SQL_TEXT:,})")
        if name == "decompress_text" and args and isinstance(args[0], bytes):
            try:
                size = len(zlib.decompressobj().decompress(args[0], MAX_RAW_PAGE + 1))
            except zlib.error:
                size = 0  # not zlib: the function shows the bytes as they are
            if size > MAX_RAW_PAGE:
                raise ValueError(f"decompress_text(): more than {MAX_RAW_PAGE:,} bytes refused")
        return func(*args)

    return guarded


# The column facets of a table search page are read in one query (WindowColumnFacet); the class
# takes the place of Datasette's ColumnFacet, so Datasette's default facet plugin is replaced by
# register_facet_classes below (same classes otherwise). Guarded: Datasette imports this file
# once per instance.
if pm.get_plugin("datasette.facets") is not None:
    pm.unregister(name="datasette.facets")


@hookimpl
def register_facet_classes() -> list[Any]:
    return [WindowColumnFacet, DateFacet, *([ArrayFacet] if detect_json1() else [])]


@hookimpl
def startup(datasette: Any) -> None:
    """Serve the one archive file under the configured name (Datasette 0.65 takes the stem)."""
    wanted = (datasette.plugin_config("thidua") or {}).get("database_name")
    files = [name for name, db in datasette.databases.items()
             if not db.is_memory and name != "_internal"]
    if not wanted or len(files) != 1 or files[0] == wanted or wanted in datasette.databases:
        return
    db = datasette.databases[files[0]]
    datasette.remove_database(files[0])
    datasette.add_database(db, name=wanted)


@hookimpl
def extra_template_vars(database: str | None, table: str | None, view_name: str,
                        request: Any, datasette: Any) -> Any:
    builder = PAGE_BUILDERS.get(table or "")
    if view_name != "row" or builder is None or request is None:
        return {}

    async def page_vars() -> dict[str, Any]:
        try:
            row_id = int(tilde_decode(request.url_vars.get("pks", "")))
        except ValueError:
            return {"page": None}
        db = datasette.get_database(database)
        return {"page": await db.execute_fn(lambda conn: builder(conn, row_id))}

    return page_vars


def thidua_excerpt(lead: str, body: str, query: str | None = None) -> Markup:
    """Two clipped lines under a result, the query's words marked in their own spelling."""
    text, spans = pages.excerpt(lead, body, query)
    out, last = [], 0
    for start, end in spans:
        if start < last:
            continue
        out += [str(escape(text[last:start])), "<mark>", str(escape(text[start:end])), "</mark>"]
        last = end
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


@hookimpl
def prepare_jinja2_environment(env: Any) -> None:
    env.globals["thidua_excerpt"] = thidua_excerpt


@hookimpl
def prepare_connection(conn: Any) -> None:
    register_sql_functions(conn)
    for name, (nargs, func) in SQL_FUNCTIONS.items():  # the same functions, size-capped
        conn.create_function(name, nargs, _capped(name, func), deterministic=True)
    conn.create_function("decompress_text", 2, _capped("decompress_text", decompress_text),
                         deterministic=True)
    tune_connection(conn)


def _nfc_query_string(raw: bytes) -> bytes | None:
    """The query string with every value in NFC, or None when it already is."""
    text = raw.decode("latin-1")
    pairs = parse_qsl(text, keep_blank_values=True)
    normalised = [(k, unicodedata.normalize("NFC", v)) for k, v in pairs]
    if normalised == pairs:
        return None
    return urlencode(normalised).encode("latin-1")


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    def wrap(app: Any) -> Any:
        async def nfc_params(scope: dict, receive: Any, send: Any) -> None:
            if scope.get("type") == "http" and scope.get("query_string"):
                fixed = _nfc_query_string(scope["query_string"])
                if fixed is not None:
                    scope = dict(scope, query_string=fixed)
            await app(scope, receive, send)

        return nfc_params

    return wrap


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str,
                datasette: Any) -> Any:
    if table is None and column == "html" and isinstance(value, str):
        return Markup('<pre class="raw-html">{}</pre>').format(value)
    if column == "body_z" and isinstance(value, bytes):
        # the stored form of `body` (archive/textstore.py), which shows the text itself
        return Markup('<span class="stored-text">{:,} bytes, zstd</span>').format(len(value))
    if column == "published_at" and table == "articles" and isinstance(value, str) and value:
        # shown as a date; the full timestamp stays in the tooltip, JSON and CSV
        return Markup('<time datetime="{}" title="{}">{}</time>').format(value, value, value[:10])
    if table == "articles" and column == "url" and isinstance(value, str):
        try:
            article_id = row["id"]
            page_id = row["page_id"]
        except (IndexError, KeyError):
            return None
        link = Markup('<a href="{}">{}</a>').format(value, value)
        if page_id is not None:
            raw = datasette.urls.database(database) + f"/raw_page?article_id={int(article_id)}"
            link += Markup(' · <a href="{}">archived raw page</a>').format(raw)
        return link
    return None


# CSV export links download a file (named after the table or query) instead of showing the
# text in the browser tab: researchers open them in a spreadsheet.
DOWNLOAD_CSV_JS = """
document.querySelectorAll('.export-links a[href*=".csv"]').forEach(function (a) {
  var name = decodeURIComponent(new URL(a.href).pathname.split('/').pop());
  a.setAttribute('download', name);  // Datasette sends text/plain; keep the .csv name
});
"""


@hookimpl
def extra_body_script() -> str:
    return DOWNLOAD_CSV_JS


@hookimpl
def extra_css_urls(datasette: Any) -> list[str]:
    return [datasette.urls.path("/-/thidua.css")]


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    async def css() -> Response:
        return Response(CSS, content_type="text/css; charset=utf-8",
                        headers={"cache-control": "max-age=3600"})

    async def wards() -> Response:
        return Response.json(atlas.ward_points(), headers={"cache-control": "max-age=86400"})

    return [(r"^/-/thidua\.css$", css), (r"^/-/thidua/wards\.json$", wards),
            (r"^/(?P<database>[^/]+)/search(\.(?P<format>json))?$", search_view)]


@hookimpl(trylast=True)
def filters_from_request(request: Any, database: str, table: str, datasette: Any) -> Any:
    async def inner() -> Any:
        return await table_filter(request, database, table, datasette)

    return inner

