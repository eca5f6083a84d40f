"""The live check of the sources registry (`thidua sources check --live`): one polite fetch of
each source's start page and of one article it links, what they showed, the report and its
exit code. The offline checks are archive/registry.py's.
"""

from __future__ import annotations

import json
import re
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from cssselect import SelectorError
from parsel import Selector

from archive.platformguess import field_hit
from archive.sources import Source
from archive.urls import document_base, resolve_link

USER_AGENT = "thidua-archive/0.1 (+registry check; polite: one request per source)"


@dataclass
class LiveResult:
    """What one polite fetch of a source's start URL (and one article) showed."""

    source_id: str
    url: str
    status: int | None = None
    error: str | None = None
    network_error: bool = False
    article_links: int = 0
    article_url: str | None = None
    article_status: int | None = None
    fields: dict[str, bool] = field(default_factory=dict)
    elapsed: float = 0.0

    @property
    def ok(self) -> bool:
        """Verified: the start page answered, had article links, and one article gave
        at least a title and a body."""
        return (self.status == 200 and self.article_links > 0
                and self.fields.get("title", False) and self.fields.get("body", False))


Fetch = Callable[[str, float], tuple[int, str]]


def fetch_url(url: str, timeout: float) -> tuple[int, str]:
    """GET with our user agent; returns (status, text). HTTP errors return their status."""
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                               "Accept-Language": "vi,en;q=0.5"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            raw = resp.read(5_000_000)
            charset = resp.headers.get_content_charset() or "utf-8"
            return resp.status, raw.decode(charset, errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def _is_network_error(exc: BaseException) -> bool:
    if isinstance(exc, urllib.error.URLError):
        exc = exc.reason if isinstance(exc.reason, BaseException) else exc
    return isinstance(exc, (socket.gaierror, socket.timeout, TimeoutError,
                            ConnectionError, OSError, urllib.error.URLError))


def _article_fields(html: str, url: str, rules: dict[str, Any]) -> dict[str, bool]:
    try:
        from archive.extract import extract_article
    except ImportError:  # the extractor not installed yet: the platform's own selectors
        sel = Selector(text=html)
        return {f: field_hit(sel, rules.get(f), f) for f in ("title", "date", "body")}
    art = extract_article(html, url, rules)
    return {"title": bool(art.get("title")), "date": bool(art.get("published_at")),
            "body": len(art.get("body") or "") >= 120}


def check_live(sources: Iterable[Source], *, timeout: float = 15.0, delay: float = 1.0,
               fetch: Fetch = fetch_url) -> list[LiveResult]:
    """Fetch each source's first start URL once (plus its first article link), politely:
    one source at a time, `delay` seconds apart, our user agent, a timeout."""
    results: list[LiveResult] = []
    for i, src in enumerate(sources):
        if i and delay:
            time.sleep(delay)
        url = src.start_urls[0]
        res = LiveResult(source_id=src.id, url=url)
        t0 = time.monotonic()
        try:
            res.status, html = fetch(url, timeout)
        except Exception as exc:  # noqa: BLE001 - every failure is reported, none raised
            res.error = f"{type(exc).__name__}: {exc}"
            res.network_error = _is_network_error(exc)
            res.elapsed = round(time.monotonic() - t0, 2)
            results.append(res)
            continue
        rules = src.rules
        if res.status == 200 and html:
            links = _link_urls(html, url, rules)
            res.article_links = len(links)
            if links:
                res.article_url = links[0]
                try:
                    res.article_status, art_html = fetch(links[0], timeout)
                    if res.article_status == 200:
                        res.fields = _article_fields(art_html, links[0], rules)
                except Exception as exc:  # noqa: BLE001
                    res.error = f"article: {type(exc).__name__}: {exc}"
        res.elapsed = round(time.monotonic() - t0, 2)
        results.append(res)
    return results


def _link_urls(html: str, base: str, rules: dict[str, Any]) -> list[str]:
    sel = Selector(text=html)
    css = rules.get("article_links") or "a"
    try:
        hrefs = sel.css(css).css("::attr(href)").getall() or sel.css(css + "::attr(href)").getall()
    except (SelectorError, ValueError):
        hrefs = []
    base = document_base(sel.root, base)  # the page's <base href>, when it has one
    urls = [resolve_link(base, h.strip()) for h in hrefs if h and not h.startswith(("#", "javascript:"))]
    pattern = rules.get("article_url")
    if pattern:
        try:
            urls = [u for u in urls if re.search(pattern, u)]
        except re.error:
            pass
    return list(dict.fromkeys(urls))


def live_exit_code(results: list[LiveResult]) -> int:
    """0 all verified; 1 some sources failed; 2 nothing reachable (no internet here)."""
    if results and all(r.network_error for r in results):
        return 2
    return 0 if all(r.ok for r in results) else 1


def live_report(results: list[LiveResult]) -> str:
    """Human-readable lines, one per source, plus the verdict (says 'no internet' clearly)."""
    lines = []
    for r in results:
        if r.error and r.status is None:
            lines.append(f"FAIL {r.source_id}: {r.url} — {r.error}")
            continue
        flags = " ".join(f"{k}={'yes' if v else 'no'}" for k, v in r.fields.items())
        mark = "OK  " if r.ok else "FAIL"
        lines.append(f"{mark} {r.source_id}: HTTP {r.status}, {r.article_links} article links"
                     + (f", article HTTP {r.article_status} {flags}" if r.article_url else ""))
    code = live_exit_code(results)
    if code == 2:
        lines.append(f"No internet connection: all {len(results)} sources failed with network "
                     f"errors. Run `thidua sources check --live` where the sites are "
                     f"reachable; nothing was marked verified.")
    else:
        ok = sum(r.ok for r in results)
        lines.append(f"{ok}/{len(results)} sources verified.")
    return "\n".join(lines)


def write_live_results(results: list[LiveResult], path: Path | str) -> None:
    """JSON with one object per source, so `verified` can be updated from it."""
    data = [{**asdict(r), "ok": r.ok} for r in results]
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
