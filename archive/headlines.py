"""Which text on the page is the article's headline: <title>, og:title, JSON-LD, <h1> and
title-classed elements are weighed against each other, and section names, portlet titles, menu
entries and the site's own name are told apart from the story's heading. The element found also
anchors the date and byline searches (archive.pagedates, archive.bylines).
"""

from __future__ import annotations

import copy
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

import parsel
from lxml import etree

from archive.blocks import TEXT_TAGS, drop_element
from archive.boilerplate import is_section_end
from archive.furniture import attr_tokens, junk_attrs
from archive.normalize import clean_line, fold
from archive.pagedates import BRACKET_DATE, DATE_CHILD, parse_date
from archive.textmatch import ends_with_text, folded_text, same_text, starts_with_text

TITLE_SEPARATORS = re.compile(r"\s+[-|–—:»/]+\s+|\s*[|»]\s*|\s+::\s+")


def _strip_site_suffix(title: str, sites: list[str]) -> str:
    """"Đau bụng … ruột non - Báo VnExpress Sức khỏe" → "Đau bụng … ruột non"."""
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    site_folds = [re.sub(r"[^a-z0-9]", "", fold(s)) for s in sites if s]
    site_folds = [s for s in site_folds if len(s) >= 3]

    def is_site(part: str) -> bool:
        fp = re.sub(r"[^a-z0-9]", "", fold(part))
        if not fp:
            return True
        if any(s in fp or fp in s for s in site_folds):
            return True
        return bool(re.match(r"^(?:bao|tap chi|cong thong tin|trang tin|trang chu|home)\b",
                             fold(part).strip()))

    while len(parts) > 1 and is_site(parts[-1]):
        parts.pop()
    while len(parts) > 1 and is_site(parts[0]):
        parts.pop(0)
    if len(parts) == len(TITLE_SEPARATORS.split(title)):
        return title
    # Re-cut the original string so the title keeps its own separators.
    first, last = parts[0], parts[-1]
    start = title.find(first)
    end = title.rfind(last) + len(last)
    return title[start:end].strip() if start >= 0 and end > start else " - ".join(parts)


def _is_site_heading(h: Any, text: str, sites: list[str]) -> bool:
    """The logo <h1> of a home page ("<h1 class=site-title><a href=/>Tin Miền Trung</a>")."""
    attrs = (attr_tokens(h) + " " + " ".join(attr_tokens(a) for a in h.iterancestors())).lower()
    if re.search(r"site[-_]?title|logo|brand|masthead", attrs):
        return True
    links = h.findall(".//a")
    if links and all(urlsplit(a.get("href") or "").path in ("", "/") for a in links):
        return True
    return any(same_text(text, s) for s in sites)


_SITE_PLACE = re.compile(r"logo|banner|brand|header|site[-_]?name|portal[-_]?name|masthead|"
                         r"ten[-_]?don[-_]?vi|print[-_]?head", re.IGNORECASE)


TITLE_CLASS = re.compile(r"title|tieu[-_]?de|headline|ten[-_]?bai", re.IGNORECASE)


# Words that make a "header" an article's own header (Joomla's page-header, WordPress's
# entry-header, Liferay's taglib-header/header-title), not the site's.
_ARTICLE_PART = re.compile(r"entry|post|article|page|detail|news|content|item|single|taglib|title|"
                          r"headline|tieu[-_]?de", re.IGNORECASE)


def _is_site_place(token: str) -> bool:
    """A class/id token of the site's own frame (logo, banner, masthead, the page header)."""
    if not _SITE_PLACE.search(token):
        return False
    return not _ARTICLE_PART.search(token)


# Section names portals put in <title> on every article page ("Tin tức", "Chi tiết tin"):
# folded, compared whole after the site's name is cut off.
GENERIC_PAGE_NAMES = {
    "tin tuc", "tin tuc - su kien", "tin tuc su kien", "chi tiet", "chi tiet tin", "chi tiet tin tuc",
    "xem tin", "xem chi tiet", "noi dung", "noi dung tin", "bai viet", "tin hoat dong",
    "hoat dong", "tin bai", "tin", "news", "news detail", "article", "detail", "trang chu",
    "home", "tin chi tiet", "thong tin chi tiet", "tin tuc chi tiet",
}


def _is_generic_page_name(title: str, sites: list[str]) -> bool:
    for candidate in (title, _strip_site_suffix(title, sites)):
        if folded_text(candidate).strip(" -|:") in GENERIC_PAGE_NAMES:
            return True
    return False


# What Vietnamese portals call themselves ("Cổng thông tin điện tử tỉnh X", "Trang TTĐT Sở Y"):
# folded, at the start of a text. No article headline begins like this.
_PORTAL_NAME = re.compile(r"^(?:cong|trang) (?:thong tin dien tu|ttdt|thong tin)\b|^website (?:cua|chinh thuc)\b")


# Where a page prints its owner's name apart from the logo: the footer (never "header": article
# headers — WordPress's entry-header, Liferay's taglib-header — hold the headline).
_FRAME_PLACE = re.compile(r"footer|copyright|chan[-_]?trang", re.IGNORECASE)


def names_the_site(text: str, sel: parsel.Selector, sites: list[str]) -> bool:
    """`text` is the site's own name: a known site name, a logo's alt text, the text of the
    page's banner/logo element, a line of its footer ("CỔNG THÔNG TIN ĐIỆN TỬ ĐẢNG BỘ TỈNH X"
    over the address), or a portal's self-description ("Cổng thông tin điện tử …")."""
    f = folded_text(text)
    if not f:
        return False
    if any(same_text(text, s) for s in sites) or _PORTAL_NAME.search(f):
        return True
    for alt in sel.xpath("//img/@alt").getall():
        if folded_text(alt) == f:
            return True
    for el in sel.root.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body", "head", "title"):
            continue
        if any(_is_site_place(t) for t in attr_tokens(el).split()) and folded_text(" ".join(el.itertext())) == f:
            return True
    for frame in sel.root.iter():
        if not isinstance(frame.tag, str) or frame.tag in ("html", "body"):
            continue
        if frame.tag != "footer" and not _FRAME_PLACE.search(attr_tokens(frame)):
            continue
        for el in frame.iter():
            if not isinstance(el.tag, str) or el.tag not in TEXT_TAGS:
                continue
            raw = " ".join(el.itertext())
            if len(f) // 2 <= len(raw) <= 2 * len(f) + 20 and folded_text(raw).strip(" .") == f:
                return True
    return False


def is_section_name(text: str, sel: parsel.Selector, sites: list[str]) -> bool:
    """A heading that names a section, not an article: a generic page name ("Tin tức - Sự
    kiện", "Chi tiết tin") or the text of a link in the site's menu. Portals (Liferay's
    portlet title, SharePoint web-part titles) print the section as the page's <h1> and the
    headline in a smaller heading."""
    if _is_generic_page_name(text, sites):
        return True
    f = folded_text(text)
    for a in sel.root.iter("a"):
        raw = " ".join(a.itertext())
        if not len(f) // 2 <= len(raw) <= 2 * len(f) + 20 or folded_text(raw) != f:
            continue
        for anc in a.iterancestors():
            if anc.tag == "nav" or re.search(r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|mainmenu)"
                                             r"(?:$|[\s_-])", attr_tokens(anc), re.IGNORECASE):
                return True
    return False


def _heading_text(el: Any) -> str:
    """The text of a headline element without the date its block prints beside it.

    Gov portals (VNPT eGov, old CMSs) put the date inside the title's block — a date-classed
    child or a bracketed "(15/01/2025 08:50)" after the words; neither is part of the title."""
    dated = [i for i, c in enumerate(el.iter()) if c is not el and isinstance(c.tag, str)
             and DATE_CHILD.search(attr_tokens(c)) and parse_date(" ".join(c.itertext()))]
    if dated:
        el = copy.deepcopy(el)  # the page keeps its date for the date rules
        nodes = list(el.iter())  # the copy iterates in the same order
        for i in dated:
            drop_element(nodes[i])
    text = clean_line("".join(el.itertext()))
    return BRACKET_DATE.sub("", text).strip() or text


def _visible_title_element(sel: parsel.Selector, title: str, links: bool = False) -> Any:
    """The element that prints `title` on the page when no <h1> does (a "title-detail" div,
    a bold <font> in a table cell): it anchors the search for the date, lead and byline.
    With `links`, a link printing it counts too (is the text on the page at all?)."""
    n = len(title)
    initial = unicodedata.normalize("NFD", title)[:1].lower()
    try:
        # Elements of about the title's length that hold text of their own (wrappers around
        # the real element are found through it); NFD pages are longer, hence the wide window.
        nodes = sel.root.xpath(
            "//body//*[not(self::script) and not(self::style) and not(self::option)]"
            "[text()[normalize-space()]]"
            "[string-length(normalize-space(.)) >= $lo][string-length(normalize-space(.)) <= $hi]",
            lo=max(5, int(n * 0.7)), hi=int(n * 1.4) + 10)
    except etree.XPathError:
        return None
    for el in nodes:
        first = (el.text or "").strip() or " ".join(el.itertext()).strip()
        if unicodedata.normalize("NFD", first)[:1].lower() != initial:
            continue
        if not links and (el.tag == "a" or any(a.tag in ("a", "nav", "aside", "footer")
                                               for a in el.iterancestors())):
            continue
        text = _heading_text(el)
        if same_text(text, title):
            return el
    return None


def find_title(sel: parsel.Selector, meta: dict[str, str], ld: dict[str, Any] | None,
                   sites: list[str]) -> tuple[str | None, str | None, Any]:
    title, path, el = _generic_title_text(sel, meta, ld, sites)
    if title and el is None and path in ("jsonld", "meta", "title-tag"):
        el = _visible_title_element(sel, title)
    return title, path, el


def _generic_title_text(sel: parsel.Selector, meta: dict[str, str], ld: dict[str, Any] | None,
                        sites: list[str]) -> tuple[str | None, str | None, Any]:
    html_title = clean_line(" ".join(sel.xpath("//title//text()").getall()))
    og = clean_line(meta.get("og:title", "") or meta.get("twitter:title", ""))
    headline = clean_line(str(ld.get("headline") or ld.get("name") or "")) if ld else ""
    references = [x for x in (headline, og, html_title) if x]
    h1s = []
    for h in sel.xpath("//h1"):
        if h.xpath("ancestor::nav|ancestor::aside|ancestor::footer"):
            continue
        text = _heading_text(h.root)
        if text and not is_section_end(text) and 5 <= len(text) <= 400 \
                and not _is_site_heading(h.root, text, sites) and not is_section_name(text, sel, sites):
            h1s.append((text, h.root))
    # An <h1> that the page's own title/og:title/headline confirms.
    for h, el in h1s:
        for ref in references:
            if same_text(h, ref) or starts_with_text(ref, h) or starts_with_text(h, _strip_site_suffix(ref, sites)):
                return h, "h1", el
    if headline:
        return _strip_site_suffix(headline, sites), "jsonld", (h1s[0][1] if h1s else None)
    if og:
        return _strip_site_suffix(og, sites), "meta", (h1s[0][1] if h1s else None)
    # schema.org microdata (Joomla, older CMSs): the visible element marked itemprop=headline
    # ("name" is not enough: teaser lists mark every linked title as an Article's name).
    for h in sel.xpath("//*[@itemprop='headline'][ancestor::*[@itemscope]"
                       "[contains(@itemtype,'Article') or contains(@itemtype,'Posting')]]"):
        if h.root.tag in ("meta", "link") or h.xpath("ancestor::nav|ancestor::aside|ancestor::footer"):
            continue
        text = clean_line(" ".join(h.xpath(".//text()").getall()))
        if 10 <= len(text) <= 400 and not is_section_end(text) and not names_the_site(text, sel, sites):
            return text, "microdata", h.root
    # Headings with a title-ish class (many portals have no <h1> around the article title).
    for h in sel.xpath("//*[self::h2 or self::h3 or self::div or self::p or self::span]"
                       "[contains(translate(@class,'TITLE','title'),'title')]"):
        text = clean_line("".join(h.xpath(".//text()").getall()))
        if html_title and text and 10 <= len(text) <= 400 and not is_section_end(text) and (
                starts_with_text(html_title, text) or ends_with_text(html_title, text)
                or same_text(text, _strip_site_suffix(html_title, sites))) \
                and not is_section_name(text, sel, sites) and not _is_site_heading(h.root, text, sites):
            return text, "generic", h.root
    if html_title and (names_the_site(html_title, sel, sites) or _is_generic_page_name(html_title, sites)
                       or is_section_name(_strip_site_suffix(html_title, sites), sel, sites)
                       or _visible_title_element(sel, _strip_site_suffix(html_title, sites), links=True) is None):
        # Print views and bare portal templates: <title> is only the site's name or a section
        # name ("Tin tức", "Chi tiết tin", a link of the site's menu: a portal titles the page
        # of its section a story is shown on) — or any text the page prints nowhere else, so not its
        # headline — and the article's title is a div/span/p with a title class ("title",
        # "tieude", "headline") or an unconfirmed <h1>: whichever comes first on the page (a
        # sidebar portlet's <h1> comes after the headline).
        found = _title_part_in_page(sel, [x for x in (og, html_title) if x], sites) \
            or _classed_title(sel, h1s, html_title, sites)
        if found:
            return found
    if html_title:
        return _strip_site_suffix(html_title, sites), "title-tag", None
    if h1s:
        return h1s[0][0], "h1", h1s[0][1]
    return None, None, None


def _title_parts(title: str) -> list[str]:
    """Every run of whole parts of a <title> cut at its separators, longest first: "Trang - Cụm
    thi đua số 3 sơ kết năm học 2013 - 2014" → the whole, "Cụm thi đua … 2013 - 2014", …"""
    cuts = [0] + [x for m in TITLE_SEPARATORS.finditer(title) for x in m.span()] + [len(title)]
    starts, ends = cuts[0::2], cuts[1::2]
    runs = {title[a:b].strip() for i, a in enumerate(starts) for b in ends[i:]}
    return sorted((r for r in runs if r), key=len, reverse=True)


def _title_part_in_page(sel: parsel.Selector, references: list[str],
                        sites: list[str]) -> tuple[str, str, Any] | None:
    """The headline as the part of <title>/og:title that the page prints by itself outside its
    frame (a plain div in SharePoint's article header, a table cell): it agrees with what the
    page calls itself, where a title-classed wrapper of the site's banner and menu, or a banner
    <h1>, does not. Site names, section names and short labels are no headline."""
    for ref in references:
        for part in _title_parts(ref):
            if len(part) < 10 or len(part.split()) < 3 or names_the_site(part, sel, sites) \
                    or _is_generic_page_name(part, sites) or is_section_name(part, sel, sites):
                continue
            el = _visible_title_element(sel, part)
            if el is None or any(_is_site_place(t) for a in [el, *el.iterancestors()]
                                 for t in attr_tokens(a).split()):
                continue
            return _heading_text(el), "title-tag", el
    return None


def _is_box_label(text: str) -> bool:
    """'VĂN BẢN MỚI', 'TIN NỔI BẬT': a sidebar box's label in capitals, not a headline."""
    words = text.split()
    return len(words) <= 4 and text == text.upper()


def _classed_title(sel: parsel.Selector, h1s: list[tuple[str, Any]], html_title: str,
                   sites: list[str]) -> tuple[str, str, Any] | None:
    """The headline among elements with a title-ish class: a vetted <h1> where one comes first,
    else the first that reads like a headline (five words or more) — sidebar boxes come before
    the article in many portals and carry short labels with the same class words."""
    fallback = None
    for el in sel.root.iter("h1", "h2", "h3", "h4", "div", "p", "span", "td", "strong"):
        if el.tag == "h1":
            vetted = next((t for t, e in h1s if e is el), None)
            if vetted:
                return vetted, "h1", el
            continue
        attrs = attr_tokens(el)
        if not attrs or not TITLE_CLASS.search(attrs) or junk_attrs(el):
            continue
        if any(junk_attrs(a) or a.tag in ("nav", "aside", "footer", "header", "a")
               for a in el.iterancestors()):
            continue
        text = clean_line(" ".join(el.itertext()))
        if len(text) <= 400:
            text = _heading_text(el)
        if 10 <= len(text) <= 300 and not is_section_end(text) and not same_text(text, html_title) \
                and len(text.split()) >= 3 and not names_the_site(text, sel, sites) \
                and not is_section_name(text, sel, sites) and not _is_box_label(text):
            if len(text.split()) >= 5:
                return text, "generic", el
            fallback = fallback or (text, "generic", el)
    return fallback
