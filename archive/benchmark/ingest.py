"""Ingest per core against trafilatura, and raw-page storage against zlib per page, on the
same pages: the article pages of the bench's sample site (`python -m demo.server --backlog N`).

Ingest per core is the whole of what the crawl does with a page — decode, extract, normalise,
meetings, store (one transaction into a fresh archive) — on one core, no workers; the peer is
`trafilatura.extract(html, with_metadata=True)`, the extraction a user would pick instead. The
extraction alone (`archive.extract.extract_article`) is shown beside it. Cases are interleaved
over rounds; the figure is the median.

Raw storage is the bytes the archive needs for the bodies — compressed rows, their dictionary,
and the table space SQLite really uses for them (`dbstat`) — against zlib level 6 per page.
"""

from __future__ import annotations

import tempfile
import urllib.request
import zlib
from pathlib import Path

from archive.benchmark.report import Figure
from archive.benchmark.runner import BenchContext
from archive.benchmark.timing import interleaved, median

PAGES = 300
GOAL_INGEST, GOAL_EXTRACT, GOAL_RAW = 2.0, 5.0, 10.0


def site_pages(n: int = PAGES) -> list[tuple[str, bytes, dict[str, str]]]:
    """n article pages of one sample site as the server sends them (one source, as a real
    source's pages share one template)."""
    import threading

    from demo.server import SiteState, base_url, make_server

    articles = SiteState(backlog=n).articles["baotinh"][:n]
    server = make_server(backlog=n)
    url = base_url(server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        pages = []
        for a in articles:
            with urllib.request.urlopen(url + a["path"], timeout=10) as resp:
                pages.append((url + a["path"], resp.read(), dict(resp.headers.items())))
        return pages
    finally:
        server.shutdown()


def _source():
    from archive.sources import Source

    return Source(id="bench-baotinh", name="Báo (bench)", province="Đắk Lắk",
                  platform="news-jsonld", start_urls=("http://127.0.0.1/baotinh/",), rules={})


def _ingest_all(pages: list[tuple[str, bytes, dict[str, str]]], tmp: Path) -> None:
    from archive import store
    from archive.ingest import ingest_page

    path = tmp / "ingest.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = store.open_archive(path)
    source = _source()
    store.save_source(db, source)
    for url, body, headers in pages:
        ingest_page(db, url=url, body=body, headers=headers, source=source)
    db.conn.close()


def _trafilatura_all(pages: list[tuple[str, bytes, dict[str, str]]]) -> None:
    import trafilatura

    for url, body, _ in pages:
        trafilatura.extract(body.decode("utf-8"), url=url, with_metadata=True)


def _extract_all(pages: list[tuple[str, bytes, dict[str, str]]]) -> None:
    from archive.extract import extract_article

    for url, body, _ in pages:
        extract_article(body.decode("utf-8"), url)


def raw_storage(pages: list[tuple[str, bytes, dict[str, str]]], tmp: Path) -> dict[str, float]:
    """Bytes of raw bodies, zlib per page, and what the archive stores (rows, dictionary,
    table space)."""
    from archive import rawstore, store

    db = store.open_archive(tmp / "raw.db")
    source = _source()
    store.save_source(db, source)
    for url, body, headers in pages:
        rawstore.save_page(db, url=url, body=body, status=200, headers=headers,
                           source_id=source.id)
    rows = db.execute("select coalesce(sum(compressed_size), 0) from page_versions").fetchone()[0]
    dicts = db.execute("select coalesce(sum(size), 0) from page_dicts").fetchone()[0]
    space = db.execute(
        "select coalesce(sum(pgsize), 0) from dbstat where name in ('page_versions', "
        "'page_dicts') or name like 'idx_page_versions%' or name like 'idx_page_dicts%'"
    ).fetchone()[0]
    db.conn.close()
    return {"raw": sum(len(b) for _, b, _ in pages),
            "zlib": sum(len(zlib.compress(b, 6)) for _, b, _ in pages),
            "stored": rows + dicts, "space": space}


def run(ctx: BenchContext) -> list[Figure]:
    pages = site_pages()
    n = len(pages)
    with tempfile.TemporaryDirectory() as tmp:
        times = interleaved({
            "ingest": lambda: _ingest_all(pages, Path(tmp)),
            "extract": lambda: _extract_all(pages),
            "trafilatura": lambda: _trafilatura_all(pages),
        }, ctx.rounds)
        sizes = raw_storage(pages, Path(tmp))
    rate = {k: n / median(v) for k, v in times.items()}
    raw = sizes["raw"]
    return [
        Figure("ingest", f"ingest per core: decode, extract, normalise, meetings, store "
               f"({n} pages)", rate["ingest"], "pages/s", rate["trafilatura"],
               "trafilatura.extract(with_metadata=True)", f"≥ {GOAL_INGEST:.0f}× the peer",
               rate["ingest"] / rate["trafilatura"] >= GOAL_INGEST),
        Figure("ingest", "extraction alone, one core", rate["extract"], "pages/s",
               rate["trafilatura"], "trafilatura", f"≥ {GOAL_EXTRACT:.0f}× the peer",
               rate["extract"] / rate["trafilatura"] >= GOAL_EXTRACT),
        Figure("raw", f"raw pages: raw size / stored size, dictionary counted ({n} pages of "
               "one source)", raw / sizes["stored"], "× smaller", raw / sizes["zlib"],
               "zlib per page", f"≥ {GOAL_RAW:.0f}× smaller", raw / sizes["stored"] >= GOAL_RAW),
        Figure("raw", "raw pages: raw size / SQLite table space of the bodies",
               raw / sizes["space"], "× smaller", raw / sizes["zlib"], "zlib per page",
               note="counts page fill and row overhead"),
    ]
