"""What in a page's tree is frame, not article: furniture blocks by their class and id (related
news, share bars, menus, hidden elements), and whether an element sits in the page's frame or in
an article box of its own. Extraction (archive.extract) and the byline finders (archive.bylines)
judge elements by the same rules, so a block the body leaves out is never read as the byline's
home either, and the other way round.
"""

from __future__ import annotations

import re
from typing import Any

# Class/id tokens of furniture blocks (whole tokens after splitting on - and _).
_JUNK_TOKENS = {
    "related", "relate", "relates", "lienquan", "tinlienquan", "tinkhac", "othernews", "other",
    "share", "sharing", "social", "socials", "comment", "comments", "binhluan", "sidebar",
    "menu", "nav", "navbar", "navigation", "breadcrumb", "breadcrumbs", "footer", "banner",
    "ads", "advert", "adv", "advertisement", "quangcao", "qc", "tags", "tag", "keyword",
    "keywords", "toolbar", "rating", "vote", "widget", "popup", "modal", "cookie",
    "subscribe", "newsletter", "login", "search", "pagination", "paging", "pager", "hotnews",
    "mostview", "xemnhieu", "docnhieu", "lienket", "weblink", "weblinks", "topbar", "masthead",
    "copyright", "fb", "facebook", "zalo", "twitter", "sharebox", "morenews", "readmore",
    "recommend", "recommended", "suggest", "trending", "popular", "tinmoi", "newest", "latest",
    "relatednews", "relatedposts", "yarpp", "jp", "sharedaddy", "addthis", "offcanvas",
    "marquee", "ticker", "slider", "carousel", "gallery-thumbs", "poll", "survey", "rss",
}


_HIDDEN_CLASSES = {"hidden", "hide", "d-none", "element-hidden", "visually-hidden", "sr-only",
                   "invisible", "is-hidden"}


_JUNK_EXACT = re.compile(
    r"(?:^|[\s_-])(?:box[-_]?(?:tin|news)[-_]?(?:khac|lien[-_]?quan|other|related)|"
    r"tin[-_]?(?:lien[-_]?quan|khac|cung[-_]?chuyen[-_]?muc)|lien[-_]?ket(?:[-_]?web(?:site)?)?|"
    r"bai[-_]?viet[-_]?lien[-_]?quan|news[-_]?(?:other|related)|other[-_]?news|"
    r"related[-_]?(?:news|posts?|articles?|box|list)|social[-_]?(?:share|links?)|"
    r"share[-_]?(?:box|buttons?|links?|tools?)|comment[-_]?(?:box|form|list|area)|"
    r"fb[-_]?comments?|author[-_]?box)(?:$|[\s_-])",
    re.IGNORECASE)


def attr_tokens(el: Any) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}".strip()


def is_junk(el: Any) -> bool:
    """A furniture block by its class/id — unless it holds running text.

    Class names lie: VnExpress keeps its whole article in `div.sidebar-1`. An element with
    three or more real paragraphs (≥ 100 characters outside links) is never furniture."""
    return junk_attrs(el) and not holds_article(el)


INLINE_TAGS = {"strong", "b", "em", "i", "span", "a", "font", "u", "sup", "sub"}


def holds_article(el: Any) -> bool:
    """Three or more paragraphs of ≥ 100 characters: in <p>/<td>, or as <br>-separated runs of
    a <div> (print views and old portals write the whole article as one div with <br><br>)."""
    found = 0
    for p in el.iter("p", "div", "td"):
        runs = [p.text or ""]
        for c in p:
            if c.tag == "br":
                runs.append("")
            elif c.tag in INLINE_TAGS:
                runs[-1] += c.text or ""
            elif p.tag == "div":
                runs.append("")  # a block child: what follows is another run
            runs[-1] += c.tail or ""
        found += sum(1 for r in runs if len(r.strip()) >= 100)
        if found >= 3:
            return True
    return False


def junk_attrs(el: Any) -> bool:
    attrs = attr_tokens(el)
    if not attrs:
        return False
    if _JUNK_EXACT.search(attrs):
        return True
    if set((el.get("class") or "").lower().split()) & _HIDDEN_CLASSES:
        return True  # a whole class that hides it ('field-label-hidden' hides only a label)
    tokens = {t for t in re.split(r"[\s_-]+", attrs.lower()) if t}
    if tokens & _JUNK_TOKENS:
        # "tags" inside a "post-content-tags"? still furniture. But never drop <body>/<html>
        # or an element that holds the article itself (e.g. class "detail-content print").
        return el.tag not in ("body", "html", "article", "main")
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


# A header line that holds the byline and the date together with the share buttons
# ("author-share-top", "date-social", "meta-toolbar"): furniture for the body, but the author
# and the date inside it are the article's own.
_META_TOKENS = {"author", "authors", "byline", "tacgia", "date", "time", "datetime", "ngay",
                "publish", "published", "posted", "meta", "info"}


_SHARE_TOKENS = {"share", "sharing", "social", "socials", "toolbar", "tool", "tools", "fb",
                 "facebook", "zalo", "twitter", "sharebox", "print", "rating", "vote", "top"}


def _class_words(el: Any) -> set[str]:
    """The words of an element's class and id, split at spaces, "-" and "_"."""
    return {t for t in re.split(r"[\s_-]+", attr_tokens(el).lower()) if t}


def hides_meta(el: Any) -> bool:
    """`el` is furniture whose text is no byline or date: `is_junk`, except a meta bar — a
    class that names the byline/date besides share widgets ("author-share-top")."""
    if not is_junk(el):
        return False
    tokens = _class_words(el)
    return not (tokens & _META_TOKENS and (tokens & _JUNK_TOKENS) <= _SHARE_TOKENS
                and not _JUNK_EXACT.search(attr_tokens(el)))


def _frames_page(el: Any) -> bool:
    return el.tag in ("nav", "aside", "footer") or hides_meta(el)


def _frames_article(el: Any) -> bool:
    """Page furniture inside an article box: its footer (tag or class) is the article's own
    meta line, a related list, share bar or nav inside it is still furniture."""
    if el.tag == "footer":
        return False
    tokens = _class_words(el)
    if "footer" in tokens and not _JUNK_EXACT.search(attr_tokens(el)) and not tokens & (_JUNK_TOKENS - {"footer"}):
        return False
    return _frames_page(el)


def _is_article_box(el: Any) -> bool:
    """An <article>, or a schema.org Article/BlogPosting microdata scope: what is inside is the
    article's own, its <footer> included (HTML5's article footer carries the author and date,
    tx_news's "div.footer" above the text does too)."""
    if el.tag == "article":
        return True
    itemtype = el.get("itemtype") or ""
    return el.get("itemscope") is not None and ("Article" in itemtype or "Posting" in itemtype)


def in_frame(el: Any) -> bool:
    """`el` sits in the page's frame (nav, aside, footer, furniture) — judged up to the article
    box holding it, where a footer is the article's own meta line, not the page's frame."""
    below: list[Any] = []
    for a in el.iterancestors():
        if _is_article_box(a):
            return any(_frames_article(b) for b in below)
        below.append(a)
    return any(_frames_page(b) for b in below)
