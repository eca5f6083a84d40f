"""What a page says about itself to machines: <meta> values, JSON-LD objects (also inside
@graph), the names the site goes by — and the two selector helpers the platform rules use.
Title, date, author and lead each read these; they live apart from archive.extract so the
byline finders (archive.bylines) read them the same way.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

import parsel

from archive.normalize import clean_line, fold
from archive.urls import site_key


def meta_values(sel: parsel.Selector) -> dict[str, str]:
    """First value of every meta name/property/itemprop, keys lower-cased."""
    out: dict[str, str] = {}
    for m in sel.xpath("//meta"):
        content = m.attrib.get("content")
        if content is None:
            continue
        for key in ("property", "name", "itemprop"):
            k = (m.attrib.get(key) or "").strip().lower()
            if k and k not in out and content.strip():
                out[k] = content.strip()
    return out


_ARTICLE_TYPES = {"newsarticle", "article", "blogposting", "reportagenews", "analysisnewsarticle",
                  "backgroundnewsarticle", "opinionnewsarticle", "report", "scholarlyarticle",
                  "techarticle", "liveblogposting"}


def ld_objects(sel: parsel.Selector) -> list[dict[str, Any]]:
    objs: list[dict[str, Any]] = []

    def collect(node: Any) -> None:
        if isinstance(node, list):
            for n in node:
                collect(n)
        elif isinstance(node, dict):
            objs.append(node)
            if "@graph" in node:
                collect(node["@graph"])

    for raw in sel.xpath('//script[contains(@type, "ld+json")]/text()').getall():
        raw = raw.strip().rstrip(";")
        try:
            collect(json.loads(raw, strict=False))
        except ValueError:
            # Some CMSs print two objects back to back or trailing commas; try the first one.
            try:
                collect(json.JSONDecoder(strict=False).raw_decode(raw)[0])
            except ValueError:
                continue
    return objs


def ld_types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return {t.lower()}
    if isinstance(t, list):
        return {str(x).lower() for x in t}
    return set()


def ld_article(objs: list[dict[str, Any]]) -> dict[str, Any] | None:
    for obj in objs:
        if ld_types(obj) & _ARTICLE_TYPES:
            return obj
    return None


def ld_names(value: Any) -> list[tuple[str, str]]:
    """(name, @type) pairs of a JSON-LD author/publisher value."""
    out: list[tuple[str, str]] = []
    if isinstance(value, list):
        for v in value:
            out.extend(ld_names(v))
    elif isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, str):
            out.append((name, ",".join(sorted(ld_types(value)))))
    elif isinstance(value, str):
        out.append((value, ""))
    return out


def site_names(meta: dict[str, str], ld: dict[str, Any] | None, objs: list[dict[str, Any]],
                url: str) -> list[str]:
    names = [meta.get("og:site_name", ""), meta.get("application-name", ""),
             meta.get("apple-mobile-web-app-title", ""), meta.get("copyright", ""),
             meta.get("twitter:site", "").lstrip("@")]
    if ld:
        names += [n for n, _ in ld_names(ld.get("publisher"))]
    for obj in objs:
        if ld_types(obj) & {"website", "organization", "newsmediaorganization"}:
            n = obj.get("name")
            if isinstance(n, str):
                names.append(n)
    host = site_key(urlsplit(url or "").netloc)
    if host:
        names.append(host)
        names.append(host.split(".")[0])
    return [n for n in (clean_line(x) for x in names) if n]


_NOT_PERSON = re.compile(
    r"\b(?:bao|tap chi|cong thong tin|ban bien tap|bbt|admin|administrator|super ?user|toa soan|trang tin|"
    r"dien tu|online|news|editor|quan tri|webmaster|tin tuc|thong tan xa|dai phat thanh|"
    r"truyen hinh|so |uy ban|ubnd|www|http)\b|\.(?:vn|com|net|org)\b|@")


def is_site_author(name: str, sites: list[str]) -> bool:
    f = fold(name)
    if _NOT_PERSON.search(f):
        return True
    compact = re.sub(r"[^a-z0-9]", "", f)
    for s in sites:
        fs = re.sub(r"[^a-z0-9]", "", fold(s))
        if fs and len(fs) >= 3 and (fs in compact or compact in fs):
            return True
    return False


def join_text(nodes: list[Any]) -> str:
    return clean_line(" ".join(" ".join(n.xpath(".//text()").getall()) for n in nodes))


def select_nodes(sel: parsel.Selector, css: str | None) -> list[Any]:
    if not css:
        return []
    try:
        return list(sel.css(css))
    except Exception:  # noqa: BLE001 — a broken selector in the registry: the generic path takes over
        return []
