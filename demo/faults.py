"""Fault pages for the crawler's policies and politeness, under /faults/ on the demo server.

Each one is a thing a real site (or a hostile page) does that must cost the archive nothing:
it is refused, waited for, cut off or recorded, and the good pages around it are archived.

    redirect?to=URL          302 to any URL: another host, another port, 169.254.169.254
    redirect/TOKEN           the same, the URL in the path (`redirect_path`): a crawler drops
                             a query parameter whose value is an address, not a path
    loop/a, loop/b           two pages redirecting to each other
    ratelimit?after=N&times=K[&code=503]   K answers 429 (or 503) with Retry-After: N, then the
                             fault article (counted per full URL, so each test has its own)
    trap/N                   an endless listing: every page the same three links, a next page
    stream?mb=N              N MB without Content-Length, sent in chunks (memory must stay flat)
    dataloss                 Content-Length promises more than is sent, then the connection ends
    list?item=URL&next=URL   a listing of the given article links and next page (any host:
                             offsite pagination, a redirecting or rate-limited article…)
    item/N                   a good article page (the fault article's text)
    cut                      that page cut off after 60 % (Content-Length right, no </html>)
    sitemap.xml?to=URL…      a sitemap with a good article and an entry per `to`
"""

from __future__ import annotations

import base64
import re
from typing import Any

from demo import render

# Not linked from /faults/ (whose every link the fault-suite crawl fetches as an article):
# each test points its registry at the ones it wants.
NAMES = ("redirect?to=/ldld/", "loop/a", "ratelimit?after=1&times=1", "trap/1", "stream?mb=1",
         "dataloss", "list?item=/faults/item/1&next=/ldld/", "item/1", "cut", "sitemap.xml?to=/ldld/")
CHUNK = 64 * 1024


def redirect_path(url: str) -> str:
    """The `redirect/TOKEN` page (under /faults/) that answers 302 to `url`."""
    return "redirect/" + base64.urlsafe_b64encode(url.encode("utf-8")).decode().rstrip("=")


def route(handler: Any, name: str, query: dict[str, list[str]]) -> int | None:
    """Answer one of the fault pages above; None when `name` is not one of them."""
    arg = query.get("to", [""])[0]
    if name == "redirect":
        return _redirect(handler, arg or "/ldld/")
    m = re.fullmatch(r"redirect/([A-Za-z0-9_-]+)", name)
    if m:
        token = m.group(1) + "=" * (-len(m.group(1)) % 4)
        return _redirect(handler, base64.urlsafe_b64decode(token).decode("utf-8", "replace"))
    m = re.fullmatch(r"loop/([ab])", name)
    if m:
        return _redirect(handler, "/faults/loop/" + ("b" if m.group(1) == "a" else "a"))
    if name == "ratelimit":
        return _ratelimit(handler, query)
    m = re.fullmatch(r"trap/(\d+)", name)
    if m:
        return _listing(handler, [f"/faults/item/{i}" for i in (1, 2, 3)],
                        f"/faults/trap/{int(m.group(1)) + 1}", f"Trang {m.group(1)}")
    if re.fullmatch(r"item/\d+", name):
        return handler._html(handler._fault_html())
    if name == "cut":
        body = handler._fault_html().encode("utf-8")
        handler._send(200, body[: len(body) * 3 // 5])
        return 200
    if name == "stream":
        return _stream(handler, float(query.get("mb", ["1"])[0]))
    if name == "dataloss":
        body = handler._fault_html().encode("utf-8")
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body) * 2))
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.wfile.write(body)
        handler.close_connection = True
        return 200
    if name == "list":
        return _listing(handler, query.get("item", []), query.get("next", [""])[0], "Tin")
    if name == "sitemap.xml":
        urls = [f"{handler.base}/faults/item/2", *query.get("to", [])]
        body = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/'
                'schemas/sitemap/0.9">' + "".join(f"<url><loc>{render.e(u)}</loc></url>"
                                                   for u in urls) + "</urlset>")
        handler._send(200, body.encode(), "application/xml; charset=utf-8")
        return 200
    return None


def _redirect(handler: Any, location: str) -> int:
    handler._send(302, b"", headers={"Location": location})
    return 302


def _ratelimit(handler: Any, query: dict[str, list[str]]) -> int:
    state = handler.state
    with state.lock:
        state.fault_hits[handler.path] += 1
        hit = state.fault_hits[handler.path]
    if hit <= int(query.get("times", ["1"])[0]):
        code = 503 if query.get("code", [""])[0] == "503" else 429
        handler._send(code, b"<html><body><h1>Qu\xc3\xa1 nhi\xe1\xbb\x81u y\xc3\xaau c\xe1\xba\xa7u</h1></body></html>",
                      headers={"Retry-After": query.get("after", ["1"])[0]})
        return code
    return handler._html(handler._fault_html())


def _listing(handler: Any, links: list[str], next_href: str, heading: str) -> int:
    items = "".join(f'<div class="news-item"><h3><a href="{render.e(h)}">Bài {i}</a></h3></div>'
                    for i, h in enumerate(links, 1))
    pager = (f'<div class="pagination"><a class="next" href="{render.e(next_href)}">Trang sau »'
             "</a></div>") if next_href else ""
    main = (f'<h2 class="cat-title">{render.e(heading)}</h2><div class="news-list">{items}</div>'
            + pager)
    return handler._html(render._ldld_shell(heading, main, "/faults"))


def _stream(handler: Any, megabytes: float) -> int:
    para = ("<p>Công tác thi đua, khen thưởng được các đơn vị quan tâm thực hiện.</p>\n" * 600
            ).encode("utf-8")
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    left = int(megabytes * 1024 * 1024)
    try:
        handler.wfile.write(b"%x\r\n%s\r\n" % (len(b"<html><body>"), b"<html><body>"))
        while left > 0:
            piece = para[:min(left, len(para))]
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            left -= len(piece)
        handler.wfile.write(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass  # the crawler hung up at its size limit: that is the point
    return 200
