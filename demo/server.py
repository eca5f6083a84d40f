"""The demo sites' web server: stdlib only, one process, all three sites under path prefixes.

Run ``python -m demo.server [--host 127.0.0.1] [--port 0]``; the first stdout line is
``Serving on http://HOST:PORT`` (flushed), so tests and ``make demo`` can start it on a free
port and read its address, like Scrapy's own mock server. Besides the sites it serves what a
crawler must cope with: robots.txt, conditional GET (ETag / Last-Modified → 304), runtime
control (hide the newest articles, switch ldld to a redesigned template), request statistics,
and broken pages under /faults/. See demo/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import threading
import time
import unicodedata
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from demo import faults, render
from demo.content import SITES, article_path, load_articles, shown_time

# A 1×1 grey PNG: every demo image is this picture.
PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f5e5f20000000049454e44ae426082"
)
STYLE_CSS = b"body{font-family:Arial,sans-serif}.col-left{float:left;width:25%}\n"
ERROR_PAGE_BODY = ("<h1>Lỗi hệ thống</h1><p>Đã có lỗi xảy ra trong quá trình xử lý yêu cầu. "
                   "Vui lòng quay lại sau.</p>")
# The article every encoding fault page carries: its ground truth is in demo/content.
FAULT_ARTICLE = ("ldld", "cum-thi-dua-so-5-so-ket-6-thang-dau-nam-2016")


class DemoServerError(Exception):
    """The demo server did not start (its output is in the message)."""


class SiteState:
    """Everything a test may change at runtime, plus request counters; guarded by one lock."""

    def __init__(self, backlog: int = 0) -> None:
        self.lock = threading.Lock()
        self.articles: dict[str, list[dict[str, Any]]] = {}
        for site in SITES:
            own = load_articles(site)
            self.articles[site] = own + backlog_articles(own, site, backlog)
        self.reset()

    def reset(self) -> None:
        self.hide_newest = 0
        self.template = 1
        self.revisions: dict[tuple[str, str], tuple[int, str]] = {}
        self.broken: dict[str, str] = {}  # article path → "error" | "truncated"
        self.paths: Counter[str] = Counter()
        self.statuses: Counter[int] = Counter()
        self.agents: Counter[str] = Counter()
        self.conditional = 0
        self.total = 0
        self.log: list[dict[str, Any]] = []
        self.fault_hits: Counter[str] = Counter()  # per full URL of a /faults/ page (demo/faults.py)

    def visible(self, site: str) -> list[dict[str, Any]]:
        """Published articles of a site, newest first (the hidden newest ones left out)."""
        return [self._revised(a) for a in self.articles[site][self.hide_newest:]]

    def find(self, site: str, pred: Any) -> dict[str, Any] | None:
        for a in self.visible(site):
            if pred(a):
                return a
        return None

    def _revised(self, article: dict[str, Any]) -> dict[str, Any]:
        rev = self.revisions.get((article["site"], article["slug"]))
        if not rev:
            return article
        n, when = rev
        return {**article, "modified": when,
                "paragraphs": article["paragraphs"] + [f"Bài viết được cập nhật lần {n}."]}

    def record(self, path: str, status: int, agent: str, conditional: bool,
               host: str = "") -> None:
        with self.lock:
            self.total += 1
            self.paths[path] += 1
            self.statuses[status] += 1
            self.agents[agent] += 1
            self.conditional += int(conditional)
            self.log.append({"path": path, "status": status, "host": host, "t": time.time()})
            del self.log[:-500]

    def stats(self) -> dict[str, Any]:
        with self.lock:
            return {"total": self.total, "paths": dict(self.paths),
                    "statuses": {str(k): v for k, v in self.statuses.items()},
                    "user_agents": dict(self.agents), "conditional_requests": self.conditional,
                    "log": list(self.log), "state": self.describe()}

    def describe(self) -> dict[str, Any]:
        return {"hide_newest": self.hide_newest, "template": self.template,
                "revisions": {f"{s}/{g}": n for (s, g), (n, _) in self.revisions.items()},
                "broken": dict(self.broken),
                "visible": {s: len(self.articles[s]) - min(self.hide_newest, len(self.articles[s]))
                            for s in SITES}}


def backlog_articles(base: list[dict[str, Any]], site: str, n: int) -> list[dict[str, Any]]:
    """`n` older articles for `site`, made from its own articles `base`, for larger crawls.

    A 37-article demo cannot show that a re-crawl costs a few per cent of the first crawl:
    the home and first listing pages alone are that much. Each copy gets its own slug, id,
    an older date and a closing line of its own, so it is a distinct page and article.
    """
    if not n or not base:
        return []
    oldest = datetime.fromisoformat(min(a["published"] for a in base))
    out = []
    for k in range(1, n + 1):
        a = dict(base[(k - 1) % len(base)])
        when = oldest.replace(year=oldest.year - 1 - k // 300) - timedelta(days=k % 300)
        a.update(slug=f"{a['slug']}-luu-{k}", id=900_000 + k, meetings=[], is_meeting=False,
                 published=when.isoformat(), published_shown=shown_time(site, when.isoformat()),
                 paragraphs=[*a["paragraphs"], f"Tư liệu lưu trữ số {k} của chuyên mục."])
        a["path"] = article_path(site, a["slug"], a["id"], a["category"])
        out.append(a)
    return out


_TONE_MARKS = set("\u0300\u0301\u0303\u0309\u0323")


def to_cp1258(text: str) -> bytes:
    """Encode Vietnamese in windows-1258 the way legacy pages did: base letter (â, ê, ơ, ư…)
    precomposed where the code page has it, tone mark as a separate combining byte."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = [c for c in parts[1:] if c in _TONE_MARKS]
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        for piece in (base, *tones):
            out += piece.encode("cp1258", errors="xmlcharrefreplace")
    return bytes(out)


def _huge_page(megabytes: float) -> bytes:
    para = ("<p>Công tác thi đua, khen thưởng được các đơn vị trong cụm quan tâm thực hiện, "
            "góp phần hoàn thành thắng lợi nhiệm vụ chính trị được giao.</p>\n").encode()
    head = b'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Trang rat lon</title></head><body><h1>Trang r\xe1\xba\xa5t l\xe1\xbb\x9bn</h1>\n'
    n = max(1, int(megabytes * 1024 * 1024) // len(para))
    return head + para * n + b"</body></html>"


BROKEN_PAGE = (
    b'<html><head><meta charset="utf-8"><title>Trang l\xe1\xbb\x97i\n<body><div class="news-detail">'
    b'<h1 class="news-title">B\xc3\xa0i vi\xe1\xba\xbft h\xe1\xbb\x8fng c\xe1\xba\xa5u tr\xc3\xbac'
    b'<div class="news-content"><p>\xc4\x90o\xe1\xba\xa1n m\xe1\xbb\x99t ch\xc6\xb0a \xc4\x91\xc3\xb3ng th\xe1\xba\xbb'
    b'<p>\xff\xfe\x00\x01 r\xc3\xa1c \x80\x81\x82 <b><i>ch\xe1\xbb\xaf \xc4\x91\xe1\xba\xadm'
    b'<table><tr><td>\xc3\xb4 b\xe1\xba\xa3ng <div></span></b></p></td>'
    b'<script>var x = "<p>kh\xc3\xb4ng ph\xe1\xba\xa3i n\xe1\xbb\x99i dung</p>"</scr'
    b'<!-- ch\xc3\xba th\xc3\xadch kh\xc3\xb4ng \xc4\x91\xc3\xb3ng <p>'
)


class DemoHandler(BaseHTTPRequestHandler):
    """Routes requests to the sites, the control endpoints and the fault pages."""

    server_version = "ThiduaDemo/1.0"
    protocol_version = "HTTP/1.1"
    state: SiteState  # set on the class made by make_server
    verbose = False

    # ---------------------------------------------------------------- plumbing
    def log_message(self, format: str, *args: Any) -> None:
        if self.verbose:
            super().log_message(format, *args)

    @property
    def base(self) -> str:
        host = self.headers.get("Host") or "{}:{}".format(*self.server.server_address[:2])
        return f"http://{host}"

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None, head_only: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if not head_only and self.command != "HEAD":
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    def _send_cacheable(self, body: bytes, ctype: str, last_modified: str | None) -> int:
        """200 with ETag/Last-Modified, or 304 when the client's copy is current."""
        if getattr(self, "truncate", False):
            body = body[: len(body) * 2 // 5]  # the CMS or a cache cut the page off
        etag = f'"{hashlib.sha1(body).hexdigest()[:20]}"'
        headers = {"ETag": etag, "Cache-Control": "max-age=0"}
        if last_modified:
            headers["Last-Modified"] = render.http_date(last_modified)
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        fresh = False
        if inm is not None:
            tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
            fresh = etag in tags or "*" in tags
        elif ims and last_modified:
            try:
                fresh = datetime.fromisoformat(last_modified) <= parsedate_to_datetime(ims)
            except (TypeError, ValueError):
                fresh = False
        if fresh:
            self._send(304, b"", ctype, headers, head_only=True)
            return 304
        self._send(200, body, ctype, headers)
        return 200

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)
        if path in ("/_control", "/_stats"):
            self._control(query) if path == "/_control" else self._json(self.state.stats())
            return
        conditional = bool(self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"))
        try:
            status = self._route(path, query)
        except Exception as exc:  # noqa: BLE001 - a bug in the demo must show, not hang the client
            body = f"<h1>500</h1><pre>{render.e(repr(exc))}</pre>".encode()
            self._send(500, body)
            status = 500
        self.state.record(self.path, status, self.headers.get("User-Agent", ""), conditional,
                          self.headers.get("Host", ""))

    def _json(self, data: Any, status: int = 200) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False, indent=1).encode(),
                   "application/json; charset=utf-8")

    def _not_found(self) -> int:
        self._send(404, "<html><body><h1>404 - Không tìm thấy trang</h1></body></html>".encode())
        return 404

    def _html(self, text: str, last_modified: str | None = None) -> int:
        return self._send_cacheable(text.encode("utf-8"), "text/html; charset=utf-8", last_modified)

    # ---------------------------------------------------------------- control
    def _control(self, query: dict[str, list[str]]) -> None:
        st = self.state
        with st.lock:
            if query.get("reset", ["0"])[0] not in ("0", ""):
                st.reset()
            if "hide_newest" in query:
                st.hide_newest = max(0, int(query["hide_newest"][0]))
            if "template" in query:
                st.template = 2 if query["template"][0] == "2" else 1
            for key in query.get("break", []):
                # site/slug:error → that article answers 200 with a system-error page;
                # site/slug:truncated → 200 with the first 40 % of its page; site/slug:ok heals
                target, _, kind = key.partition(":")
                site, _, slug = target.partition("/")
                article = next((a for a in st.articles.get(site, []) if a["slug"] == slug), None)
                if article is not None:
                    st.broken.pop(article["path"], None)
                    if kind in ("error", "truncated"):
                        st.broken[article["path"]] = kind
            for key in query.get("touch", []):
                site, _, slug = key.partition("/")
                n = st.revisions.get((site, slug), (0, ""))[0] + 1
                st.revisions[(site, slug)] = (n, datetime.now(UTC).replace(microsecond=0)
                                              .astimezone().isoformat())
            state = st.describe()
        self._json(state)

    # ---------------------------------------------------------------- routing
    def _route(self, path: str, query: dict[str, list[str]]) -> int:
        broken = self.state.broken.get(path)
        if broken == "error":
            # what a misconfigured CMS answers: status 200, the site's frame, an error message
            return self._html(render._ldld_shell("Lỗi hệ thống", ERROR_PAGE_BODY, "/ldld"))
        self.truncate = broken == "truncated"
        if path == "/":
            links = "".join(f'<li><a href="/{s}/">{render.e(render.SITE_NAMES[s])}</a></li>'
                            for s in SITES)
            return self._html(f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
                              f'<title>Trang mẫu thidua-archive</title></head><body>'
                              f'<h1>Các trang mẫu</h1><ul>{links}</ul></body></html>')
        if path == "/robots.txt":
            body = (f"User-agent: *\nDisallow: /admin/\nAllow: /\n\n"
                    f"Sitemap: {self.base}/baotinh/sitemap.xml\n").encode()
            self._send(200, body, "text/plain; charset=utf-8")
            return 200
        if path.startswith("/admin"):
            return self._html("<html><body><h1>Quản trị</h1><p>Khu vực cấm robot.</p></body></html>")
        if path == "/favicon.ico":
            self._send(200, PIXEL_PNG, "image/png")
            return 200
        site = path.strip("/").split("/", 1)[0]
        if site in SITES and re.match(rf"^/{site}/images/[\w.-]+$", path):
            self._send(200, PIXEL_PNG, "image/png", {"Cache-Control": "max-age=86400"})
            return 200
        if site == "ldld":
            return self._ldld(path)
        if site == "btdkt":
            return self._btdkt(path, query)
        if site == "baotinh":
            return self._baotinh(path)
        if site == "faults":
            return self._faults(path, query)
        return self._not_found()

    def _related(self, site: str, article: dict[str, Any], n: int = 3) -> list[dict[str, Any]]:
        others = [a for a in self.state.visible(site) if a["id"] != article["id"]]
        others.sort(key=lambda a: abs(a["id"] - article["id"]))
        return others[:n]

    def _listing(self, items: list[dict[str, Any]], page: int, renderer: Any, heading: str,
                 url: Any) -> int:
        pages = render.page_count(len(items))
        if page < 1 or page > pages:
            return self._not_found()
        return self._html(renderer(render.paginate(items, page), page, pages, heading=heading,
                                   url=url))

    def _ldld(self, path: str) -> int:
        st, tpl = self.state, self.state.template
        if path == "/ldld/static/style.css":
            self._send(200, STYLE_CSS, "text/css")
            return 200
        if path == "/ldld/lien-he.html":
            return self._html(render._ldld_shell("Liên hệ", "<h1>Liên hệ</h1><p>Điện thoại: 0237.xxx</p>", "/ldld"))

        def lst(items: list[dict[str, Any]], page: int, heading: str, url: Any) -> int:
            return self._listing(items, page, lambda *a, **k: render.render_ldld_listing(
                *a, **k, template=tpl), heading, url)

        m = re.fullmatch(r"/ldld/(?:tin-moi/trang-(\d+)/?)?", path)
        if m:
            return lst(st.visible("ldld"), int(m.group(1) or 1), "Tin mới",
                       lambda n: "/ldld/" if n == 1 else f"/ldld/tin-moi/trang-{n}/")
        m = re.fullmatch(r"/ldld/chuyen-muc/([\w-]+)/(?:trang-(\d+)/?)?", path)
        if m and m.group(1) in render.CATEGORIES["ldld"]:
            cat = m.group(1)
            items = [a for a in st.visible("ldld") if a["category"] == cat]
            return lst(items, int(m.group(2) or 1), render.CATEGORIES["ldld"][cat],
                       lambda n: f"/ldld/chuyen-muc/{cat}/" + ("" if n == 1 else f"trang-{n}/"))
        m = re.fullmatch(r"/ldld/tin/([\w-]+)\.html", path)
        if m:
            a = st.find("ldld", lambda x: x["slug"] == m.group(1))
            if not a:
                return self._not_found()
            html = render.render_ldld_page(a, self._related("ldld", a), base=self.base, template=tpl)
            return self._html(html, a.get("modified") or a["published"])
        return self._not_found()

    def _btdkt(self, path: str, query: dict[str, list[str]]) -> int:
        st = self.state
        try:
            page = int(query.get("page", ["1"])[0])
        except ValueError:
            page = 1
        if path in ("/btdkt", "/btdkt/", "/btdkt/tin-tuc"):
            return self._listing(st.visible("btdkt"), page, render.render_btdkt_listing,
                                 "Tin tức - Sự kiện", lambda n: f"/btdkt/tin-tuc?page={n}")
        m = re.fullmatch(r"/btdkt/chuyen-muc/([\w-]+)", path)
        if m and m.group(1) in render.CATEGORIES["btdkt"]:
            cat = m.group(1)
            items = [a for a in st.visible("btdkt") if a["category"] == cat]
            return self._listing(items, page, render.render_btdkt_listing,
                                 render.CATEGORIES["btdkt"][cat],
                                 lambda n: f"/btdkt/chuyen-muc/{cat}?page={n}")
        m = re.fullmatch(r"/btdkt/tin-tuc/(\d+)/([\w-]+)", path)
        if m:
            a = st.find("btdkt", lambda x: x["id"] == int(m.group(1)))
            if not a or a["slug"] != m.group(2):
                return self._not_found()
            html = render.render_btdkt_article(a, self._related("btdkt", a), base=self.base)
            return self._html(html, a.get("modified") or a["published"])
        if path == "/btdkt/van-ban":
            return self._html(render._btdkt_shell("Văn bản", "<h2>Văn bản chỉ đạo</h2><p>Đang cập nhật.</p>", "/btdkt"))
        return self._not_found()

    def _baotinh(self, path: str) -> int:
        st = self.state
        items = st.visible("baotinh")
        newest = items[0]["published"] if items else None
        if path == "/baotinh/sitemap.xml":
            return self._send_cacheable(render.render_sitemap(items, self.base).encode(),
                                        "application/xml; charset=utf-8", newest)
        if path in ("/baotinh/rss.xml", "/baotinh/rss"):
            return self._send_cacheable(render.render_rss(items, self.base).encode(),
                                        "application/rss+xml; charset=utf-8", newest)
        m = re.fullmatch(r"/baotinh/(?:trang-(\d+))?", path)
        if m:
            return self._listing(items, int(m.group(1) or 1), render.render_baotinh_listing,
                                 "Tin mới nhất",
                                 lambda n: "/baotinh/" if n == 1 else f"/baotinh/trang-{n}")
        m = re.fullmatch(r"/baotinh/([\w-]+)/(?:trang-(\d+))?", path)
        if m and m.group(1) in render.CATEGORIES["baotinh"]:
            cat = m.group(1)
            return self._listing([a for a in items if a["category"] == cat], int(m.group(2) or 1),
                                 render.render_baotinh_listing, render.CATEGORIES["baotinh"][cat],
                                 lambda n: f"/baotinh/{cat}/" + ("" if n == 1 else f"trang-{n}"))
        m = re.fullmatch(r"/baotinh/([\w-]+)/([\w-]+)-(\d+)\.html", path)
        if m:
            a = st.find("baotinh", lambda x: x["id"] == int(m.group(3)))
            if not a or a["path"] != path:
                return self._not_found()
            html = render.render_baotinh_article(a, self._related("baotinh", a), base=self.base)
            return self._html(html, a.get("modified") or a["published"])
        return self._not_found()

    # ---------------------------------------------------------------- faults
    def _fault_html(self, charset: str = "utf-8") -> str:
        site, slug = FAULT_ARTICLE
        a = next(x for x in self.state.articles[site] if x["slug"] == slug)
        return render.render_ldld_article(
            a["title"], a["paragraphs"], images=render._abs_images(a, "/ldld"), byline=a["byline"],
            published=a["published"], category=a["category"], charset=charset)

    def _faults(self, path: str, query: dict[str, list[str]]) -> int:
        name = path.removeprefix("/faults").strip("/")
        if name == "":
            links = "".join(f'<li><a href="/faults/{n}">{n}</a></li>' for n in (
                "status/404", "status/500", "status/503", "delay?s=6", "huge", "broken",
                "cp1258", "wrongcharset", "doubleutf8", "nfd"))
            return self._html(f"<html><body><h1>Faults</h1><ul>{links}</ul></body></html>")
        m = re.fullmatch(r"status/(\d{3})", name)
        if m:
            code = int(m.group(1))
            headers: dict[str, str] = {}
            if code in (301, 302, 303, 307, 308):
                headers["Location"] = "/ldld/"
            if code in (429, 503):
                headers["Retry-After"] = "1"
            self._send(code, f"<html><body><h1>Status {code}</h1></body></html>".encode(),
                       headers=headers)
            return code
        if name == "delay":
            seconds = min(float(query.get("s", ["1"])[0]), 60.0)
            time.sleep(max(0.0, seconds))
            self._send(200, f"<html><body><p>Chờ {seconds} giây</p></body></html>".encode())
            return 200
        if name == "huge":
            body = _huge_page(float(query.get("mb", ["12"])[0]))
            self._send(200, body)
            return 200
        if name == "broken":
            self._send(200, BROKEN_PAGE)
            return 200
        if name == "cp1258":
            body = to_cp1258(self._fault_html("windows-1258"))
            self._send(200, body, "text/html")
            return 200
        if name == "wrongcharset":
            self._send(200, to_cp1258(self._fault_html("utf-8")), "text/html; charset=utf-8")
            return 200
        if name == "doubleutf8":
            body = self._fault_html().encode("utf-8").decode("latin-1").encode("utf-8")
            self._send(200, body, "text/html; charset=utf-8")
            return 200
        if name == "nfd":
            body = unicodedata.normalize("NFD", self._fault_html()).encode("utf-8")
            self._send(200, body, "text/html; charset=utf-8")
            return 200
        answered = faults.route(self, name, query)
        return self._not_found() if answered is None else answered


def make_server(host: str = "127.0.0.1", port: int = 0, verbose: bool = False,
                backlog: int = 0) -> ThreadingHTTPServer:
    """A ready (bound, not yet serving) server with its own fresh state."""
    handler = type("BoundDemoHandler", (DemoHandler,),
                   {"state": SiteState(backlog), "verbose": verbose})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def base_url(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}"


def start_in_thread(port: int = 0, host: str = "127.0.0.1") -> tuple[ThreadingHTTPServer, str]:
    """Serve from a daemon thread of this process; stop with ``server.shutdown()``."""
    server = make_server(host, port)
    threading.Thread(target=server.serve_forever, name="demo-server", daemon=True).start()
    return server, base_url(server)


def start_subprocess(port: int = 0, host: str = "127.0.0.1", timeout: float = 20.0,
                     python: str | None = None, backlog: int = 0) -> tuple[subprocess.Popen[str], str]:
    """Start ``python -m demo.server`` and return (process, base URL) once it prints its address.

    If the process dies or stays silent, DemoServerError carries its stdout/stderr so the
    failing test says why. The caller terminates the process.
    """
    proc = subprocess.Popen(
        [python or sys.executable, "-m", "demo.server", "--host", host, "--port", str(port),
         "--backlog", str(backlog)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    line: list[str] = []
    reader = threading.Thread(target=lambda: line.append(proc.stdout.readline()), daemon=True)  # type: ignore[union-attr]
    reader.start()
    reader.join(timeout)
    m = re.match(r"Serving on (http://\S+)", line[0]) if line else None
    if not m:
        proc.kill()
        out, err = proc.communicate(timeout=5)
        raise DemoServerError(f"demo server did not start: stdout={(line[0] if line else '') + out!r} "
                              f"stderr={err!r}")
    return proc, m.group(1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m demo.server", description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    parser.add_argument("--backlog", type=int, default=0, metavar="N",
                        help="add N older generated articles to each site (scale tests)")
    args = parser.parse_args(argv)
    server = make_server(args.host, args.port, args.verbose, args.backlog)
    print(f"Serving on {base_url(server)}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
