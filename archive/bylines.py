"""Who wrote the article: one list of candidate bylines, most trusted first, each with where it
was found (the platform selector, a labelled line, a byline element, microdata, the sapo, the
text's closing signature, the dated meta line under the headline, JSON-LD/meta) and whether it
names a person (`author_candidates`), and one choice over them (`pick_author`): the first that
does. A CMS account or a desk ('bởi bientap', 'Quản trị', 'BBT') or an office is where a byline
goes but names nobody, so the next candidate is asked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import parsel

from archive.boilerplate import parse_byline
from archive.dates import parse_date
from archive.furniture import attr_tokens, hides_meta, in_frame, junk_attrs
from archive.lexicons import is_account, pattern
from archive.lexicons import names as lexicon_names
from archive.normalize import clean_line
from archive.organisations import starts_with_org_head
from archive.pagemeta import is_site_author, join_text, ld_names, select_nodes

_AUTHOR_CLASS = re.compile(r"author|byline|tacgia|tac[-_]gia|writer|nguoi[-_]?viet|but[-_]?danh",
                           re.IGNORECASE)


def _platform_author(sel: parsel.Selector, rules: dict[str, Any]) -> str | None:
    nodes = select_nodes(sel, rules.get("author"))
    if not nodes:
        return None
    text = join_text(nodes)
    return parse_byline(_strip_author_label(text)) or (
        clean_line(_strip_author_label(text)) if 0 < len(text) <= 60 else None)


@dataclass(frozen=True)
class Byline:
    """A name found where a byline goes, where it was found, and why it names nobody (None: it
    names a person)."""

    name: str
    found_in: str
    rejected: str | None = None


def author_candidates(sel: parsel.Selector, rules: dict[str, Any], body_info: dict[str, Any], content: Any,
                      sapo_author: str | None, meta: dict[str, str], ld: dict[str, Any] | None,
                      sites: list[str], title_el: Any = None) -> Iterator[Byline]:
    """Every byline the page offers, most trusted first: the platform's selector, a labelled
    line in the text, a byline element, microdata, a labelled line outside the text, the sapo's
    opening name, the text's closing signature, the dated meta line under the headline, a dated
    meta box elsewhere in the story (a blog's "Đăng lúc … bởi X" after the text), a link to the
    writer's profile page, JSON-LD and <meta>. Lazy: each finder walks the tree only when the ones before it gave no person."""
    finders = (
        lambda: (_platform_author(sel, rules), "platform"),
        lambda: (body_info["label_author"], "label"),
        lambda: _author_element(sel, content),
        lambda: _microdata_author(sel, sites),
        lambda: _label_line_author(sel, title_el),
        lambda: (sapo_author, "sapo"),
        lambda: (body_info["byline"], "byline"),
        lambda: _meta_line_author(sel, title_el),
        lambda: _meta_box_author(sel, title_el, content),
        lambda: _profile_link_author(sel, title_el, content),
        lambda: _meta_author(meta, ld, sites),
    )
    for finder in finders:
        name, found_in = finder()
        if name:
            yield Byline(name, found_in or "", _rejection(name))


def _rejection(name: str) -> str | None:
    if is_account(name):
        return "account"
    if _names_a_unit(name):
        return "office"
    return None


def pick_author(sel: parsel.Selector, rules: dict[str, Any], body_info: dict[str, Any], content: Any,
                sapo_author: str | None, meta: dict[str, str], ld: dict[str, Any] | None,
                sites: list[str], title_el: Any = None) -> tuple[str | None, str | None]:
    """The first candidate (`author_candidates`) that names a person, and where it was found."""
    for byline in author_candidates(sel, rules, body_info, content, sapo_author, meta, ld, sites, title_el):
        if byline.rejected is None:
            return byline.name, byline.found_in
    return None, None


def _names_a_unit(name: str) -> bool:
    """An office or unit in the author slot ("Văn phòng Hội", "Phòng Tổ chức cán bộ"): it opens
    like an organisation and is not written as a personal name, whose every word is
    capitalised ("Đoàn Thị Mai Hương" opens like 'Đoàn' the Youth Union, but is a person)."""
    words = name.split()
    return len(words) >= 2 and starts_with_org_head(name) and any(w[:1].islower() for w in words[1:])


def _strip_author_label(text: str) -> str:
    return _LABEL_PREFIX.sub("", text).strip()


# "Tác giả bài viết: X", "Bài và ảnh: X" (archive/lexicons/article_parts.toml): a line naming
# the writer; _LABEL_PREFIX also takes the shorter forms a byline element opens with ("Bài: X",
# "Đăng bởi X", "Người đăng: X", "by X" — the meta-line labels too), where the element's own
# class already says it is a byline.
BYLINE_LABELS = pattern("article_parts", "byline.labels")


AUTHOR_LABEL = re.compile(rf"^\s*{BYLINE_LABELS}\s*[:：]\s*(.{{2,80}})$", re.IGNORECASE)


_LABEL_PREFIX = re.compile(rf"^\s*(?:{BYLINE_LABELS}|{pattern('article_parts', 'byline.meta_labels')}"
                           r"|bài|tin|bài viết|by|posted by)\s*[:：]?\s*", re.IGNORECASE)


_LABEL_LINE_TAGS = {"p", "div", "span", "li", "td", "address", "em", "i", "small"}


def is_account_line(line: str) -> bool:
    """A labelled line naming a CMS account ("Người đăng: admin", "Đăng bởi: tdkt_bientap"):
    the template's poster field, printed under the text on some portals, is furniture, never a
    sentence of the article — left in, it makes the body (and the fingerprint that merges a
    print view with its article) depend on whether the page also has a writer line."""
    text = line.strip()
    if len(text) > 80 or not _LABEL_PREFIX.match(text):
        return False
    rest = _strip_author_label(text)
    return bool(rest) and rest != text and all(is_account(n) for n in re.split(r"\s*[/,;]\s*", rest) if n)


_LINE_BREAKERS = {"p", "div", "li", "ul", "ol", "table", "br", "section", "article"}


def _label_line_author(sel: parsel.Selector, title_el: Any) -> tuple[str | None, str | None]:
    """A labelled byline printed on a line of its own after the headline but outside the
    content area the body came from — NukeViet's "Tác giả bài viết: X" under the text, beside
    "Nguồn tin:" — and not in the page's frame (nav, aside, footer, furniture). A footer inside
    the article box is the article's own (`furniture.in_frame`, HTML5): a blog template's
    "Người viết: X" there signs the story, the page's footer never does."""
    after = title_el is None
    for el in sel.root.iter():
        if el is title_el:
            after = True
            continue
        if not after or not isinstance(el.tag, str) or el.tag not in _LABEL_LINE_TAGS:
            continue
        if any(isinstance(c.tag, str) and c.tag in _LINE_BREAKERS for c in el.iterdescendants()):
            continue  # a wrapper of several lines: its own lines are asked one by one
        text = clean_line(" ".join(el.itertext()))
        m = AUTHOR_LABEL.match(text) if len(text) <= 100 else None
        if not m or in_frame(el) or any(junk_attrs(a) for a in el.iterancestors()):
            continue
        name = parse_byline(m.group(1))
        if name:
            return name, "label"
    return None, None


# "Bởi X", "Đăng bởi: X" inside the dated meta line under the headline (article_parts.toml
# byline.meta_labels); the name runs to the line's next separator ("| Lượt xem: 30").
_META_LINE_LABEL = re.compile(rf"(?:^|[\s|·•,;])(?:{pattern('article_parts', 'byline.meta_labels')})"
                              r"\s*[:：]?\s*(?P<name>[^|·•;]{2,80}?)\s*(?:$|[|·•;]|\s[-–]\s)", re.IGNORECASE)


META_LINE_MAX = 120   # characters: a meta line (date, byline, views), not a sentence of the text


META_LINES = 6        # lines under the headline where the meta line may be printed


def _meta_line_author(sel: parsel.Selector, title_el: Any) -> tuple[str | None, str | None]:
    """The name after "Bởi"/"Đăng bởi"/"Người đăng" on the short dated line right under the
    headline (Sitefinity's "Thg1 8, 2019, 14:30 CH Bởi X", a WordPress theme's "15/07/2016 ·
    Đăng bởi X"): the meta line signs the one story the page holds. Only a line that also
    prints a date, among the first few after the headline and before the running text or the
    next heading, is asked — "bởi vì" in the text is no byline. The name may be the posting
    account ("quantri") or an office: pick_author's filters still apply."""
    if title_el is None:
        return None, None
    lines = 0
    after = False
    for el in sel.root.iter():
        if el is title_el:
            after = True
            continue
        if not after or not isinstance(el.tag, str) or title_el in el.iterancestors():
            continue
        if el.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            break  # the next heading: the headline's lines are over
        if el.tag not in _LABEL_LINE_TAGS or \
                any(isinstance(c.tag, str) and c.tag in _LINE_BREAKERS for c in el.iterdescendants()):
            continue  # a wrapper of several lines: its own lines are asked one by one
        text = clean_line(" ".join(el.itertext()))
        if not text:
            continue
        if len(text) > META_LINE_MAX or lines >= META_LINES:
            break  # the running text has begun
        lines += 1
        if any(a.tag in ("nav", "aside", "footer") or junk_attrs(a) for a in el.iterancestors()):
            continue
        m = _META_LINE_LABEL.search(text)
        if m and parse_date(text):
            name = parse_byline(m.group("name"))
            if name:
                return name, "meta-line"
    return None, None


_META_BOX_WORDS = {"meta", "metadata", "info", "footer"}  # class words of a story's meta box
META_BOX_MAX = 600  # characters: a box of meta lines (category, tags, date, credit), no text
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _story_after_headline(sel: parsel.Selector, title_el: Any, content: Any) -> Iterator[Any]:
    """The elements after the headline that still belong to its story, in page order: up to the
    first heading outside the text (a "Tin khác", "Bình luận" section) or a heading that links
    another page (a list of other stories' teasers); the page's frame left out."""
    after = False
    for el in sel.root.iter():
        if el is title_el:
            after = True
            continue
        if not after or not isinstance(el.tag, str) or title_el in el.iterancestors():
            continue
        if el.tag in _HEADINGS and (el.find(".//a") is not None or content is None
                                    or not (el is content or content in el.iterancestors())):
            return
        yield el


def _text_lines(el: Any) -> list[str]:
    """An element's text as the lines a reader sees: broken at <br> and at block elements."""
    parts: list[str] = []
    stack: list[tuple[Any, bool]] = [(el, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            parts.append(node.tail or "")
            continue
        if isinstance(node.tag, str) and (node.tag == "br" or node.tag in _LINE_BREAKERS):
            parts.append("\n")
        if isinstance(node.tag, str) and node.tag not in ("script", "style"):
            parts.append(node.text or "")
        if node is not el:
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    return [line for line in (clean_line(x) for x in "".join(parts).split("\n")) if line]


def _meta_box_author(sel: parsel.Selector, title_el: Any, content: Any) -> tuple[str | None, str | None]:
    """The name after "bởi"/"Đăng bởi" on a dated line of the story's meta box (a class that says
    meta or info), wherever the template prints it: under the headline or after the text
    (Silverstripe's blog: "Đăng trong …; Thẻ …<br>Đăng lúc <time>…</time> bởi X"). Only a box of
    the headline's story is asked (`_story_after_headline`), only a line that also prints a
    date — "bởi vì" in the text is no byline, the teasers of other stories are not this one's."""
    if title_el is None:
        return None, None
    for el in _story_after_headline(sel, title_el, content):
        words = {t for t in re.split(r"[\s_-]+", attr_tokens(el).lower()) if t}
        if not words & _META_BOX_WORDS or in_frame(el) or hides_meta(el):
            continue
        if len(clean_line(" ".join(el.itertext()))) > META_BOX_MAX:
            continue
        for line in _text_lines(el):
            m = _META_LINE_LABEL.search(line)
            if m and len(line) <= META_LINE_MAX and parse_date(line):
                name = parse_byline(m.group("name"))
                if name:
                    return name, "meta-box"
    return None, None


# the path of a writer's own page: /tac-gia/<x>, /author/<x>, /profile/<x> (a blog's Member page)
_PROFILE_PATH = re.compile(r"/(?:author|authors|tac-?gia|profile|nguoi-viet|writer|writers)/[^/?#]+/?$",
                           re.IGNORECASE)


def _profile_link_author(sel: parsel.Selector, title_el: Any, content: Any) -> tuple[str | None, str | None]:
    """A link of the headline's story to its writer's own page (rel=author, or an address such
    as /tac-gia/<x>, /author/<x>, /profile/<x>) whose text is a name: the CMS credits the post's
    author record there, with or without a "bởi" before it."""
    if title_el is None:
        return None, None
    for el in _story_after_headline(sel, title_el, content):
        if el.tag != "a":
            continue
        rel = (el.get("rel") or "").lower().split()
        path = urlsplit((el.get("href") or "").strip()).path
        if "author" not in rel and not _PROFILE_PATH.search(path):
            continue
        if in_frame(el) or any(hides_meta(a) for a in el.iterancestors()):
            continue
        text = clean_line(" ".join(el.itertext()))
        if text and len(text) <= 60:
            name = parse_byline(_strip_author_label(text))
            if name:
                return name, "profile-link"
    return None, None


# data-field, data-oe-field, data-sf-field …: the attribute a CMS names a record field with.
_DATA_FIELD_ATTR = re.compile(r"^data-(?:[a-z0-9]+-)*field$", re.IGNORECASE)


_AUTHOR_FIELDS = frozenset(re.sub(r"[-_\s]", "", n.lower()) for n in lexicon_names("article_parts", "byline.field_names"))


def _names_author_field(el: Any) -> bool:
    """The element prints the record's author field by its data-*field attribute (Odoo's
    `data-oe-field="author_id"`): a field name says what the element holds more surely than a
    class word, but only a value that is the author field itself counts — not "author_avatar",
    not "author_bio"."""
    for key, value in el.attrib.items():
        if isinstance(key, str) and _DATA_FIELD_ATTR.match(key):
            field = re.sub(r"[-_\s]", "", (value or "").rsplit(".", 1)[-1].lower())
            if field in _AUTHOR_FIELDS:
                return True
    return False


def _author_element(sel: parsel.Selector, content: Any) -> tuple[str | None, str | None]:
    """The byline element: one whose class/id says author/byline, or whose data-*field
    attribute names the author field (`_names_author_field`)."""
    for el in sel.root.iter():
        if not isinstance(el.tag, str) or el.tag.lower() in ("meta", "script", "style", "link", "body"):
            continue
        attrs = attr_tokens(el)
        if not (attrs and _AUTHOR_CLASS.search(attrs) and "author-box" not in attrs.lower()) \
                and not _names_author_field(el):
            continue
        if hides_meta(el) or in_frame(el):
            continue
        text = clean_line(" ".join(el.itertext()))
        if not text or len(text) > 100:
            continue
        name = parse_byline(_strip_author_label(text))
        if name:
            return name, "element"
    return None, None


def _microdata_author(sel: parsel.Selector, sites: list[str]) -> tuple[str | None, str | None]:
    """schema.org microdata: itemprop=author inside an Article scope — the name the page marks
    up for machines, like JSON-LD's, but printed (TYPO3's tx_news, Joomla, many themes). A
    Person's itemprop=name is read when it has one; an Organization is the publisher."""
    for node in sel.xpath("//*[@itemprop='author'][ancestor::*[@itemscope]"
                          "[contains(@itemtype,'Article') or contains(@itemtype,'Posting')]]"):
        el = node.root
        if el.tag in ("meta", "link") or in_frame(el):
            continue
        if "Organization" in (el.get("itemtype") or ""):
            continue
        names = node.xpath(".//*[@itemprop='name']")
        text = clean_line(" ".join((names[0] if names else node).xpath(".//text()").getall()))
        if not text or len(text) > 100:
            continue
        name = parse_byline(_strip_author_label(text))
        if name and not is_site_author(name, sites):
            return name, "microdata"
    return None, None


def _meta_author(meta: dict[str, str], ld: dict[str, Any] | None,
                 sites: list[str]) -> tuple[str | None, str | None]:
    if ld:
        for name, typ in ld_names(ld.get("author")):
            name = clean_line(name)
            if "organization" in typ or not name or is_site_author(name, sites):
                continue
            if len(name) <= 60:
                return name, "jsonld"
    for key in ("author", "article:author", "dc.creator", "byl", "dable:author", "twitter:creator"):
        name = clean_line(meta.get(key, ""))
        if name.lower().startswith("by "):
            name = name[3:]
        if name and len(name) <= 60 and not name.startswith(("http", "@")) \
                and not is_site_author(name, sites):
            return name, "meta"
    return None, None
