"""What a fetched page is: an article, a listing, or something else.

Three answers, because the crawl does three different things with them: an **article** is
archived; a **listing** (home, section, category, tag, archive page) is read for links and
walked page by page; **other** pages (introductions, contacts, document tables, logins, search
forms) are at most read for links. A listing must never be stored as an article: its teasers
would become meetings that never happened.

Two stages with an inspectable middle (`PageFeatures`): `page_features` measures the page once
(prose in the main block, teaser links, headline, date and type hints) and `decide` weighs the
measures. The measures are structural — how much running text sits together, how many linked
headlines share one address shape — so they hold on templates nobody has seen; no class name
or site is named here.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from lxml import html as lxml_html

from archive.dates import parse_date
from archive.lexicons import names, pattern
from archive.urls import document_base, resolve_link
from archive.urlshapes import coarse_shape, is_static, request_url, url_shape


@lru_cache(maxsize=16384)
def _host(url: str) -> str | None:
    return urlsplit(url).hostname


# Elements whose text is never the page's own: code, menus, forms, page furniture.
# (ASP.NET pages wrap the whole body in one <form>: a form is not furniture.)
_SKIP = {"script", "style", "noscript", "template", "svg", "select", "option", "button",
         "iframe", "nav", "footer", "aside"}
_BLOCKS = {"p", "div", "td", "li", "section", "article", "blockquote", "dd", "main", "span",
           "font", "center"}
_HEADINGS = ("h1", "h2", "h3")
_DATE = re.compile(r"(?<!\d)(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)\d{2}|(?:19|20)\d{2}-\d{2}-\d{2}"
                   r"|\d{1,2}\s+tháng\s+\d{1,2},?\s+(?:năm\s+)?(?:19|20)\d{2})(?!\d)", re.IGNORECASE)
# <meta> names that carry a publication date (besides article:published_time)
_DATE_META = {"pubdate", "publishdate", "publish-date", "date", "dc.date", "dc.date.issued",
              "article:published_time", "datepublished", "sailthru.date", "parsely-pub-date"}
_SENTENCE_END = re.compile(r"[.!?…:;”\")]\s*$")
PROSE_MIN = 60       # characters: shorter lines are labels, captions, teaser titles
# "Số ký hiệu:", "Ngày ban hành:", "Trích yếu:" … (lexicons/sections.toml document_fields)
_DOCUMENT_FIELD = re.compile(pattern("sections", "document_fields") + r"\s*[:：]", re.IGNORECASE)
RECORD_FIELDS = 3    # labelled fields of a document's record that make a text a record
# a download's address: its path ends in a document's file type (lexicons/sections.toml document_files)
_DOCUMENT_FILE = re.compile(r"\.(?:" + "|".join(map(re.escape, names("sections", "document_files"))) + r")$",
                            re.IGNORECASE)
ATTACHMENT_PROSE = 250  # characters of running text beside the file on a document's page
FILE_LEAD_MAX = 200     # characters before the file on a document's page: a byline, a description
TEASER_MIN = 20      # characters of link text that make a headline teaser


@dataclass
class PageFeatures:
    """The measures `decide` weighs; printed by `thidua crawl --dry-run -v` and the tests."""

    main_prose: int = 0         # characters of running text in the richest block
    main_paragraphs: int = 0    # prose paragraphs in that block
    main_teasers: int = 0       # linked headlines inside that block
    teasers: int = 0            # linked headlines sharing one address family, page-wide
    teaser_prose: int = 0       # prose that belongs to linked headlines (summaries)
    headline_words: int = 0     # words of the page's headline (h1, else the title-like h2/h3)
    headline_links_away: bool = False  # that headline is a link to another page (a teaser)
    dated_headline: bool = False  # a short line right under that headline prints a date
    dates: int = 0              # distinct dates printed on the page outside its running text
    article_meta: bool = False  # og:type article, JSON-LD Article, article:published_time
    website_meta: bool = False  # og:type website, JSON-LD CollectionPage/ItemList
    pager: bool = False         # the page links a next page
    entries: int = 0            # sibling blocks alike, each a linked headline + a short summary
    main_in_entries: bool = False  # the richest block is one of them, or mostly made of them
    site_root: bool = False     # the address is the site's root or its home page name
    record_fields: int = 0      # distinct document-record labels in the richest block
    attachment_first: bool = False  # the richest block opens with a link to a document's file
    reasons: list[str] = field(default_factory=list)
    block: Any = field(default=None, repr=False, compare=False)  # the richest block, for extract

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if k != "block"}


def _text(el: Any) -> str:
    return " ".join("".join(el.itertext()).split())


def _skipped(el: Any) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    return tag in _SKIP


class _Tree:
    """The page walked once, for every measure below.

    Why: lxml.html builds each element's Python proxy through a Python-level class lookup, and
    the measures walk the tree many times (teasers, blocks, entries, headline, dates, pager), so
    the same proxies were built again on every walk. A proxy that is alive is reused, so the walk
    keeps them all; it also notes which elements sit under page furniture (`hidden`, the
    question every finder asked of each element's ancestors) and memoises each element's text,
    which several finders read (an anchor's words, an entry's size)."""

    def __init__(self, root: Any) -> None:
        self.elements = list(root.iter())
        above = any(_skipped(a) for a in root.iterancestors())
        self.hidden: set[Any] = {root} if above else set()
        for el in self.elements[1:]:
            parent = el.getparent()
            if parent in self.hidden or _skipped(parent):
                self.hidden.add(el)
        self._texts: dict[Any, str] = {}

    def text(self, el: Any) -> str:
        """`el`'s words, spaces collapsed (computed once per element)."""
        known = self._texts.get(el)
        if known is None:
            known = self._texts[el] = _text(el)
        return known


def _own_text(el: Any) -> tuple[int, int]:
    """(characters, linked characters) of text directly inside `el` and its inline children —
    the unit of a paragraph whether it is a <p> or a <div> of <br>-separated lines."""
    total = linked = 0

    def visit(node: Any, in_link: bool) -> None:
        nonlocal total, linked
        if node.text:
            n = len(node.text.strip())
            total += n
            linked += n if in_link else 0
        for child in node:
            if not isinstance(child.tag, str) or _skipped(child):
                pass
            elif child.tag in _BLOCKS and child.tag not in ("span", "font"):
                pass  # a nested block is a paragraph of its own
            else:
                visit(child, in_link or child.tag == "a")
            if child.tail:
                n = len(child.tail.strip())
                total += n
                linked += n if in_link else 0

    visit(el, el.tag == "a")
    return total, linked


def _own_words(el: Any) -> str:
    """The text `_own_text` measures: `el`'s own and its inline children's, nested blocks left out."""
    parts: list[str] = []

    def visit(node: Any) -> None:
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str) and not _skipped(child) and \
                    not (child.tag in _BLOCKS and child.tag not in ("span", "font")):
                visit(child)
            parts.append(child.tail or "")

    visit(el)
    return " ".join(" ".join(parts).split())


def _signing_dates(tree: _Tree, body: Any) -> int:
    """Distinct dates the page prints outside its running text. A story is signed by a date on
    a line of its own (a meta line, a dateline box, a list's date column); a date inside a
    sentence ("được thành lập ngày 12/5/2001", "theo Quyết định … ngày 20/11/2023") is what the
    text is about, and an introduction page is full of them."""
    printed: dict[str, int] = {}
    # text nodes apart: a headline ending "năm 2024" right before a "18/12/2024" line is no "202418/12/2024"
    for d in _DATE.findall(" ".join(body.itertext())):
        printed[d] = printed.get(d, 0) + 1
    for el in body.iter(*_BLOCKS):
        if el not in tree.hidden and _is_prose(el):
            for d in _DATE.findall(_own_words(el)):
                printed[d] = printed.get(d, 0) - 1
    return sum(1 for n in printed.values() if n > 0)


def _is_prose(el: Any) -> int:
    total, linked = _own_text(el)
    if total < PROSE_MIN or linked > 0.3 * total:
        return 0
    return total


def _teaser_anchors(tree: _Tree, root: Any, url: str, base: str) -> dict[str, set[str]]:
    """Linked headlines (≥ 4 words) to other pages of the site, grouped by address family
    (links resolved against the page's `base`: archive.urls.document_base)."""
    host = _host(url)
    groups: dict[str, set[str]] = {}
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        text = tree.text(a)
        if len(text) < TEASER_MIN or len(text.split()) < 4:
            continue
        target = resolve_link(base, href)
        if _host(target) != host or is_static(target) or target.rstrip("/") == url.rstrip("/"):
            continue
        groups.setdefault(coarse_shape(url_shape(target)), set()).add(target)
    return groups


def _meta_hints(root: Any) -> tuple[bool, bool]:
    article = website = False
    for m in root.iter("meta"):
        prop = (m.get("property") or m.get("name") or "").lower()
        content = (m.get("content") or "").lower()
        if prop == "og:type":
            article |= content.startswith("article")
            website |= content in ("website", "webpage", "blog")
        elif prop in ("article:published_time", "article:section"):
            article = True
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        kinds = " ".join(re.findall(r'"@type"\s*:\s*"?([A-Za-z]+)', json.dumps(data))).lower()
        article |= bool(re.search(r"\b(?:newsarticle|article|blogposting|reportage)\b", kinds))
        website |= bool(re.search(r"\b(?:collectionpage|itemlist|searchresultspage)\b", kinds))
    return article, website


def _machine_dates(tree: _Tree, root: Any) -> int:
    """Dates printed for machines: <time datetime>, itemprop datePublished, date <meta>s."""
    n = sum(1 for t in root.iter("time") if t.get("datetime"))
    n += sum(1 for el in tree.elements if isinstance(el.tag, str)
             and (el.get("itemprop") or "").lower() == "datepublished")
    n += sum(1 for m in root.iter("meta")
             if (m.get("name") or m.get("property") or "").lower() in _DATE_META and m.get("content"))
    return n


def _is_ancestor(path: str, of: str) -> bool:
    """`/btdkt/` is above `/btdkt/tin-tuc/2012/x`: a link up the site's tree (home, section)."""
    path = path.rstrip("/")
    return path == "" or (of.startswith(path + "/") and of.rstrip("/") != path)


def _headline(tree: _Tree, root: Any, url: str, base: str) -> tuple[int, bool, Any]:
    """(words, links elsewhere, element) of the page's first heading of three words or more. A
    heading that links to another page is a teaser's: an archive or home page that shows a story
    whole still links its title to the story's own page (which links to itself, or not at all)."""
    here = url.split("#")[0].rstrip("/")
    for tag in _HEADINGS:
        for h in root.iter(tag):
            if h in tree.hidden:
                continue
            words = len(tree.text(h).split())
            if words < 3 or _DATE.search(tree.text(h)):
                continue  # too short for a headline, or a blog's date header
            link = h.find(".//a")
            if link is not None and len(tree.text(link)) >= 0.8 * len(tree.text(h)):
                href = (link.get("href") or "").strip()
                # a fragment alone ("#", "#top") stays on the page whatever its <base> says
                target = here if href.startswith("#") else resolve_link(base, href).rstrip("/")
                if _is_ancestor(urlsplit(target).path, urlsplit(here).path):
                    continue  # the site's (or section's) name in a banner heading, linking up
                return words, bool(link.get("href")) and request_url(target) != request_url(here), h
            return words, False, h
    return 0, False, None


_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
META_LINE_MAX = 100  # characters: a meta line (date, author, views), not a sentence of the text
META_LINES = 4       # text lines under the headline where a story's meta line is printed


_INLINE_TAGS = {"a", "span", "time", "strong", "b", "em", "i", "small", "abbr", "font", "label", "sup", "sub"}


def _dated_meta_link(a: Any, headlines: frozenset[str], base: str) -> bool:
    """A long link under the headline that is the meta line's section link, not a teaser: the
    line it sits on (its nearest block) is short and holds a date ("Thi đua - Khen thưởng
    22/03/2019 | 08:50"), and it links none of the page's headlines of one address family (a
    list of dated teasers has the same line shape, each linking one of them)."""
    if resolve_link(base, (a.get("href") or "").strip()) in headlines:
        return False
    line = next((e for e in a.iterancestors() if e.tag not in _INLINE_TAGS), None)
    text = " ".join(_text(line).split()) if line is not None else ""
    return 0 < len(text) <= META_LINE_MAX and parse_date(text) is not None


def _dated_headline(h: Any, over: bool = False, headlines: frozenset[str] = frozenset(), base: str = "") -> bool:
    """A date on one of the few short lines right under the headline, before any other heading
    or linked headline: the meta line that signs one story ("Thg1 8, 2019, 14:30 CH Bởi …",
    "15/07/2016 | Lượt xem: 30"). Read with archive.dates, so every form the extractor reads
    counts (the page-wide date count only knows numeric forms). A listing's first heading is
    followed by a teaser's headline before any date, and an introduction page prints no date
    there: neither has a dated headline. A heading followed at once by another heading is the
    page's title over the story's own (a CMS widget's "Thi đua - Khen thưởng" <h1> above the
    news item's <h3>): the lines under the second one are asked."""
    if h is None:
        return False
    lines = 0
    for node in h.xpath("following::text()[normalize-space()][position() <= 12]"):
        holder = node.getparent()
        if holder is not None and getattr(node, "is_tail", False):
            holder = holder.getparent()
        if holder is None:
            return False
        chain = [holder, *holder.iterancestors()]
        if any(_skipped(a) for a in chain):
            continue  # code, menus, page furniture (a footer's "Cập nhật 01/04/2024")
        heading = next((a for a in chain if a.tag in _HEADING_TAGS), None)
        if heading is not None:
            if lines == 0 and not over:
                return _dated_headline(heading, True, headlines, base)  # a page title over the headline
            return False  # the next heading: the headline's own lines are over
        line = " ".join(str(node).split())
        link = next((a for a in chain if a.tag == "a"), None)
        if link is not None:
            if len(line) >= TEASER_MIN:  # a linked headline (a teaser) comes first, or the
                return _dated_meta_link(link, headlines, base)  # section's link beside the date
            continue  # a short link in the meta line (its section, a tag)
        if len(line) > META_LINE_MAX:
            return False  # the running text has begun: the meta line comes before it
        if parse_date(line):
            return True
        lines += 1
        if lines >= META_LINES:
            return False
    return False


def _teasers_in(el: Any, teasers: set[str], base: str) -> int:
    """Distinct teaser headlines linked inside `el`."""
    return len({t for a in el.iter("a")
                if (t := resolve_link(base, (a.get("href") or "").strip())) in teasers})


def _is_summary(tree: _Tree, el: Any, teasers: set[str], base: str) -> bool:
    """A paragraph that belongs to one teaser: it holds the linked headline, follows a lone
    headline within two siblings, or shares a small item element with one. A box of several
    links beside a paragraph ("Tin liên quan" inside an article) makes it no summary."""
    if _teasers_in(el, teasers, base):
        return True
    sib = el.getprevious()
    for _ in range(2):
        if sib is None:
            break
        n = _teasers_in(sib, teasers, base)
        if n:
            return n == 1
        sib = sib.getprevious()
    parent = el.getparent()
    if parent is None or _teasers_in(parent, teasers, base) != 1:
        return False
    return len(tree.text(parent)) <= len(tree.text(el)) + 200


def _main_block(tree: _Tree, root: Any, teasers: set[str], base: str) -> tuple[Any, int, int, int]:
    """The element holding the most running text that is not a teaser's summary:
    (element, characters, paragraphs, summary characters page-wide).

    Prose paragraphs vote for their parent and grandparent; the richest voter wins."""
    votes: dict[Any, list[int]] = {}
    summaries = 0
    for el in root.iter(*_BLOCKS):
        if el in tree.hidden:
            continue
        n = _is_prose(el)
        if not n:
            continue
        if teasers and _is_summary(tree, el, teasers, base):
            summaries += n
            continue
        parent = el.getparent()
        for holder in (parent, parent.getparent() if parent is not None else None):
            if holder is not None:
                entry = votes.setdefault(holder, [0, 0])
                entry[0] += n
                entry[1] += 1
    if not votes:
        return None, 0, 0, summaries
    best = max(votes, key=lambda e: votes[e][0])
    return best, votes[best][0], votes[best][1], summaries


ENTRY_MAX = 800      # characters: a teaser's headline and summary, not a story


def _link_label(tree: _Tree, a: Any) -> str:
    """An anchor's words, or its aria-label/title when it is an empty overlay on a card."""
    return tree.text(a) or " ".join((a.get("aria-label") or a.get("title") or "").split())


def _entry_target(tree: _Tree, el: Any, url: str, base: str) -> str | None:
    """The page a teaser block links with a headline: a heading of three words or more (linked
    or not) and an anchor to another page of the site, or an anchor labelled like a headline."""
    host, here = _host(url), url.split("#")[0].rstrip("/")
    headed = any(len(tree.text(h).split()) >= 3 for h in el.iter("h1", "h2", "h3", "h4", "h5", "h6"))
    for a in el.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.lower().startswith(("#", "javascript:", "mailto:")):
            continue
        target = resolve_link(base, href)
        if _host(target) != host or is_static(target) or target.rstrip("/") == here:
            continue
        if headed or len(_link_label(tree, a).split()) >= 4:
            return target
    return None


def _entries(tree: _Tree, body: Any, url: str, base: str) -> list[Any]:
    """The longest run of sibling blocks of one tag and class that each hold their own linked
    headline and a short summary: the items of a list page, whether or not it has a pager
    and however its links are labelled (an empty `a` over a card, an `aria-label`)."""
    best: list[Any] = []
    for parent in body.iter():
        if not isinstance(parent.tag, str) or _skipped(parent) or len(parent) < 3:
            continue
        groups: dict[tuple[str, str], list[Any]] = {}
        for child in parent:
            if isinstance(child.tag, str) and not _skipped(child):
                groups.setdefault((child.tag, child.get("class") or ""), []).append(child)
        for group in groups.values():
            if len(group) < 3 or len(group) <= len(best):
                continue
            found, targets = [], set()
            for el in group:
                # an entry's size first: its text is memoised, its link is a walk of its anchors
                if not PROSE_MIN <= len(tree.text(el)) <= ENTRY_MAX:
                    continue
                target = _entry_target(tree, el, url, base)
                if target and target not in targets:
                    found.append(el)
                    targets.add(target)
            if len(found) >= 3 and len(found) > len(best):
                best = found
    return best


def _main_in_entries(tree: _Tree, block: Any, entries: list[Any]) -> bool:
    """The richest block is an entry (or inside one), or most of its text is entries': its
    "story" is a teaser's summary, not a text of its own."""
    if block is None or not entries:
        return False
    if any(block is e or e in block.iterancestors() for e in entries):
        return True
    inside = sum(len(tree.text(e)) for e in entries if block in e.iterancestors())
    return inside >= 0.6 * max(1, len(tree.text(block)))


_PAGER_WORDS = re.compile(r"^(?:trang sau|tiếp|tiếp theo|sau|next|»|›|>|>>|\d{1,3})$", re.IGNORECASE)


_HOME_PATH = re.compile(r"^/?(?:(?:index|default|home|trang-?chu|homepage)(?:\.[a-z0-9]+)?)?/?$"
                        r"|^/web/[^/]+/?(?:trang-?chu|home)?/?$", re.IGNORECASE)


def is_site_root(url: str) -> bool:
    """`/`, `/index.php`, `/Default.aspx`, `/trang-chu` with no page id in the query: the home
    page, whatever its markup says (a portal's home may open with a long welcome text)."""
    parts = urlsplit(url)
    return bool(_HOME_PATH.match(parts.path)) and not re.search(r"\d", parts.query)


def page_features(root: Any, url: str) -> PageFeatures:
    """Measure the page once. `root` is an lxml HTML tree (a parsel Selector's `.root`)."""
    f = PageFeatures()
    tree = _Tree(root)
    body = root.find(".//body")
    body = body if body is not None else root
    base = document_base(root, url)
    groups = _teaser_anchors(tree, body, url, base)
    biggest = max(groups.values(), key=len) if groups else set()
    f.teasers = len(biggest)
    teasers = set().union(*groups.values()) if groups else set()
    f.block, f.main_prose, f.main_paragraphs, f.teaser_prose = _main_block(tree, body, teasers, base)
    if f.block is not None:
        hosted = set()
        for a in f.block.iter("a"):
            target = resolve_link(base, (a.get("href") or "").strip())
            if target in biggest:
                hosted.add(target)
        f.main_teasers = len(hosted)
        f.record_fields = len({_fold_label(m.group(0)) for m in _DOCUMENT_FIELD.finditer(tree.text(f.block))})
        f.attachment_first = _opens_with_file(f.block, base)
    entries = _entries(tree, body, url, base)
    f.entries, f.main_in_entries = len(entries), _main_in_entries(tree, f.block, entries)
    f.headline_words, f.headline_links_away, headline = _headline(tree, body, url, base)
    f.dated_headline = not f.headline_links_away and _dated_headline(headline, headlines=frozenset(biggest), base=base)
    f.site_root = is_site_root(url)
    f.dates = _signing_dates(tree, body) + _machine_dates(tree, root)
    f.article_meta, f.website_meta = _meta_hints(root)
    f.pager = any(a.get("rel") == "next" or _PAGER_WORDS.match(tree.text(a) or "")
                  for a in body.iter("a")) or root.find(".//link[@rel='next']") is not None
    return f


def _opens_with_file(block: Any, base: str) -> bool:
    """The block's first link is a document's file (.pdf, .docx …) and little text comes before
    it but the headline (a byline, a one-line description): a CMS's File page shows the download
    first, where a news item that attaches a plan tells its story first and links the file below."""
    before = 0
    stack: list[tuple[Any, bool]] = [(block, False)]
    while stack:
        el, tail = stack.pop()
        if tail:
            before += len((el.tail or "").strip())
            continue
        if not isinstance(el.tag, str) or _skipped(el):
            stack.append((el, True))
            continue
        if el.tag == "a" and el.get("href"):
            path = urlsplit(resolve_link(base, el.get("href").strip())).path
            return bool(_DOCUMENT_FILE.search(path)) and before < FILE_LEAD_MAX
        if el.tag in _HEADINGS:
            stack.append((el, True))  # the headline is no text before the file
            continue
        before += len((el.text or "").strip())
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    return False


def is_document_page(f: PageFeatures) -> bool:
    """A document's page, not a story, whatever template it wears: a short text of a record's
    labelled fields, or a short text under a file download that opens the main block. The
    extractor asks it too, since it weighs a short dated page on its own otherwise."""
    return (f.record_fields >= RECORD_FIELDS and f.main_prose < 800) or \
        (f.attachment_first and f.main_prose < ATTACHMENT_PROSE)


def _fold_label(label: str) -> str:
    """A field label as one key whatever its case and spacing ('Trích yếu :' = 'trích  yếu:')."""
    return " ".join(label.rstrip(":： ").lower().split())


def _is_story(f: PageFeatures) -> bool:
    """Running text enough for a report: a long block, or a short item of two paragraphs or
    more under a headline of its own, or shorter still when the page says it is an article."""
    prose, paras = f.main_prose, f.main_paragraphs
    if prose >= 500:
        return True
    if paras >= 2 and (prose >= 250 or (prose >= 200 and f.headline_words >= 5)):
        return True
    return f.article_meta and prose >= 150 and f.main_teasers < 3 and \
        (f.teasers < 5 or f.headline_words >= 7)


def decide(f: PageFeatures) -> str:
    """article | listing | other, from the measures alone; `f.reasons` says why."""
    prose, paras = f.main_prose, f.main_paragraphs
    story = _is_story(f)
    signed = f.article_meta or f.dates >= 1 or f.dated_headline
    if f.site_root and not f.article_meta:
        f.reasons.append("the site's home page")
        return "listing"
    if f.headline_links_away and not f.article_meta:
        f.reasons.append("its headline links to another page (a story shown on an archive page)")
        return "listing"
    if f.entries >= 3 and f.main_in_entries:
        f.reasons.append(f"its text is {f.entries} entries alike, each a linked headline and a short summary")
        return "listing"
    # og:type "website" is what many CMSs print on every page (Sitefinity, site-builder
    # themes): it counts against a short text only when nothing else gives the page a story's
    # shape — a headline of its own signed by a date on the line under it.
    website_only = f.website_meta and prose < 800 and not f.dated_headline
    if f.record_fields >= RECORD_FIELDS and prose < 800:
        # a document's record page in the news template ("Số ký hiệu: … Trích yếu: …")
        f.reasons.append(f"a document's record: {f.record_fields} labelled fields (number, date of issue, abstract …)")
        return "other"
    if f.attachment_first and prose < ATTACHMENT_PROSE:
        f.reasons.append(f"a document's page: a file download opens it, {prose} characters of text beside it")
        return "other"
    if story and signed and not website_only:
        f.reasons.append(f"{prose} characters of running text in {paras} paragraphs"
                         + (", article metadata" if f.article_meta
                            else ", a dated headline" if f.dated_headline else ", a date"))
        return "article"
    if f.teasers >= 5 or (f.teasers >= 3 and f.pager) or f.main_teasers >= 4:
        f.reasons.append(f"{f.teasers} linked headlines of one address family")
        return "listing"
    f.reasons.append("neither a story (running text with a date) nor a list of stories"
                     if not story else "running text with no date or article metadata")
    return "other"


def classify_page(html: str | Any, url: str) -> tuple[str, PageFeatures]:
    """(kind, features) for a page given as text or as an lxml tree."""
    root = lxml_html.fromstring(html) if isinstance(html, str | bytes) else html
    features = page_features(root, url)
    return decide(features), features
