"""archive.urls.resolve_link and host_key are memoised by what decides their answer (a rooted
link against its base's origin, an address's head): the answers must be exactly urljoin's and
urlsplit's, whatever the base and the href."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest

from archive import urls
from archive.urls import host_key, resolve_link

BASES = [
    "http://example.vn/tin-tuc/bai-1.html?id=3#top",
    "http://example.vn",
    "http://example.vn?trang=2",
    "https://user@example.vn:8443/a/b/",
    "http://example.vn/a;p?q=1",
    "HTTP://Example.VN/Tin/",
    "http://127.0.0.1:8000/site/index.php?option=com_content",
    "http://example.vn/a/b/c/d.aspx",
]
HREFS = [
    "/a", "/a/../b", "/./x", "/a?b=1#c", "//other.vn/x", "//other.vn", "https://x.vn/y?",
    "http://x.vn/a/../b", "http://example.vn/a/./b/../c?", "/", "//", "/?q=1", "http://h",
    "HTTP://H/A", "a/b", "../c", "?p=2", "#frag", "", "./", "tin.html#x", "http:rel", "/a b/c",
    "/ph%E1%BA%A1m", "/hội-nghị.html", "ftp://files.vn/x", "https:/one-slash", "http:///x",
    "http://", "https://", "///x", "//?q", "//#f",
]


@pytest.mark.parametrize("base", BASES)
def test_resolve_link_is_urljoin(base: str) -> None:
    for href in HREFS:
        assert resolve_link(base, href) == urljoin(base, href).split("#")[0], (base, href)
    # asked again, from the memo (rooted links first met on another page of the site)
    for href in reversed(HREFS):
        assert resolve_link(base, href) == urljoin(base, href).split("#")[0], (base, href)


def _host_key_unmemoised(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url if "//" in url else f"http://{url}")
    host = (parts.hostname or "").rstrip(".").removeprefix("www.")
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is None or port == {"http": 80, "https": 443}.get(parts.scheme):
        return host
    return f"{host}:{port}"


@pytest.mark.parametrize("url", [
    "http://www.example.vn/a", "https://example.vn:443/a?b#c", "http://example.vn:8080",
    "example.vn", "example.vn:8080/x", " http://Example.VN./a ", "http://u:p@host:81/x",
    "http://host?x=1", "http://host#f", "example.vn/a//b/c", "http://[::1]:8000/a",
    "http://host:99999/a", "http://host:abc/", "//host/x", "http:///x", "",
])
def test_host_key_memoised_by_head(url: str) -> None:
    assert host_key(url) == _host_key_unmemoised(url)
    assert host_key(url) == _host_key_unmemoised(url)


def test_a_sites_rooted_links_resolve_once_for_all_its_pages() -> None:
    """A menu printed on every page of a site: its links are resolved on the first page only."""
    menu = ["/gioi-thieu.html", "/tin-tuc/", "http://cdn.example.vn/logo.png"]
    pages = [f"http://menu-site.vn/tin-tuc/bai-{n}.html" for n in range(5)]
    before = urls._resolved.cache_info().misses
    for page in pages:
        for href in menu:
            resolve_link(page, href)
    assert urls._resolved.cache_info().misses - before == len(menu)
