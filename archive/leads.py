"""The lead (sapo): a description the page sets apart, a sapo-classed block, or a bold first
paragraph — not the site's own description, a picture's caption, a teaser box or a description
that only repeats the body's first words. A writer's name opening the sapo is the author.
"""

from __future__ import annotations

import re
from typing import Any

import parsel
from lxml import etree

from archive.blocks import Block, is_caption_el
from archive.boilerplate import is_outlet_name, parse_byline
from archive.furniture import attr_tokens, is_junk
from archive.headlines import TITLE_CLASS, TITLE_SEPARATORS, names_the_site
from archive.lexicons import class_pattern, names
from archive.normalize import clean_line
from archive.places import find_provinces
from archive.textmatch import same_text, starts_with_text

_SAPO_CLASS = re.compile(class_pattern("article_parts", "sapo.class_words"), re.IGNORECASE)
_NOT_SAPO_CLASS = re.compile(class_pattern("article_parts", "sapo.not_class_words"), re.IGNORECASE)


def _is_site_description(text: str, title: str | None, sel: parsel.Selector, sites: list[str]) -> bool:
    """A description that says nothing about the article: it repeats the headline, or it is the
    site's own name/tagline — templates that put one description on every page ("Cổng thông
    tin điện tử tỉnh X", the logo's text, the part of <title> after the headline)."""
    if title and (same_text(text.rstrip(". "), title.rstrip(". "))):
        return True
    if names_the_site(text, sel, sites):
        return True
    html_title = clean_line(" ".join(sel.xpath("//title//text()").getall()))
    parts = [x for x in TITLE_SEPARATORS.split(html_title) if x.strip()]
    if len(parts) > 1 and any(same_text(text, part) for part in parts[1:]):
        return True
    # the whole <title> when it does not carry the headline (a portal's one title for all pages)
    return same_text(text, html_title) and not (title and starts_with_text(html_title, title))


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")  # 'articleSummary' names a summary too
# "des"/"desc" class parts ("box-des-detail", "news-desc", "cms-desc") name a sapo too — but also
# captions ("img-desc") and teaser blurbs, so they count only after the headline and away from
# picture words.
_SAPO_ABBR = re.compile(r"(?:^|[\s_-])(?:des|desc)(?:$|[\s_-])", re.IGNORECASE)
# "preview", "anons" (lexicon sapo.after_title_words): a summary right under the headline, a
# picture's, a file's or a link's preview anywhere else
_SAPO_AFTER_TITLE = re.compile(class_pattern("article_parts", "sapo.after_title_words"), re.IGNORECASE)
_PICTURE_WORDS = frozenset(names("article_parts", "sapo.picture_words"))
_PREVIEW_OF = frozenset(names("article_parts", "sapo.preview_of_words"))
UNDER_TITLE_MAX = 250  # characters of text between the headline and a block "right under" it


def _class_words(attrs: str) -> set[str]:
    """An element's class/id words, lower-case, split at spaces, "-" and "_"."""
    return {t for t in re.split(r"[\s_-]+", attrs.lower()) if t}


def _says(pattern: re.Pattern[str], attrs: str) -> bool:
    """`pattern` finds its word in the class/id words as written or with camelCase split."""
    return bool(pattern.search(attrs) or pattern.search(_CAMEL.sub(" ", attrs)))


def _names_a_picture(attrs: str) -> bool:
    return bool(_PICTURE_WORDS & _class_words(attrs))


def _weak_sapo(attrs: str) -> bool:
    """A class word that names a summary in some templates only ("preview", "anons"), and not
    as a picture's, a file's or a link's preview ('preview_picture', 'link-preview')."""
    if not _says(_SAPO_AFTER_TITLE, attrs):
        return False
    return not (_class_words(_CAMEL.sub(" ", attrs)) & (_PICTURE_WORDS | _PREVIEW_OF))


def _right_under(title_el: Any, el: Any) -> bool:
    """`el` comes after the headline with no more than a meta line's worth of text between
    them (a date, a byline, a picture): where a story's summary stands, before its text."""
    if title_el is None:
        return False
    n, after = 0, False
    for event, node in etree.iterwalk(title_el.getroottree().getroot(), events=("start", "end")):
        if event == "start":
            if node is el:
                return after
            if after and isinstance(node.tag, str) and node.tag.lower() not in ("script", "style"):
                n += len((node.text or "").strip())
        elif node is title_el:
            after = True
            n += len((node.tail or "").strip())
        elif after:
            n += len((node.tail or "").strip())
        if n > UNDER_TITLE_MAX:
            return False
    return False


_SAPO_DASH = re.compile(r"^\s*[-–—]+\s*(?=\S)")


def _sapo_byline(el: Any, text: str) -> tuple[str | None, str]:
    """A writer's name opening the sapo in bold before a dash ("<strong>Thu Phương</strong> –
    Sáng 15/7, …") → (name, sapo without it); otherwise (None, text).

    Only a separately bold run counts, and only when it reads as a personal name: not an outlet
    tag ("<b>TPO</b> -", see strip_outlet_prefix) and not a place — VnExpress-style sapos open
    with where it happened ("Hà Nội - …"), which is no byline."""
    bold = next((c for c in el.iter("strong", "b") if c is not el), None)
    if bold is None:
        return None, text
    name = clean_line(" ".join(bold.itertext()))
    if not name or len(name) > 40 or not text.startswith(name):
        return None, text
    m = _SAPO_DASH.match(text[len(name):])
    rest = text[len(name):][m.end():] if m else ""
    if not m or len(rest) < 40 or not (rest[0].isupper() or rest[0].isdigit()):
        return None, text
    author = parse_byline(name)
    if not author or is_outlet_name(name) or find_provinces(name):
        return None, text
    return author, rest


def teaser_box(content: Any, block: Any) -> bool:
    """The density detector's pick is a box of other stories (two or more linked headlines with
    their summaries) that does not hold the page classifier's own running text: a short report
    next to a longer "Cùng chuyên mục" box."""
    if content is None:
        return False
    headlines = sum(1 for a in content.iter("a") if _headline_link(a))
    own = " ".join(" ".join(block.itertext()).split())[:80]
    return headlines >= 2 and own not in " ".join(" ".join(content.itertext()).split())


def _not_a_sapo(el: Any, content: Any, title_el: Any, after_title: bool) -> bool:
    """A sapo-classed element that cannot be this page's sapo: one that holds the whole text
    (Drupal's 'text-with-summary' body field) or several paragraphs, one printed before the
    headline, or a teaser's summary (it sits beside a linked headline of another story)."""
    if content is not None and (el is content or el in content.iterancestors()):
        return True
    if sum(1 for p in el.iter("p") if len(" ".join(p.itertext()).strip()) >= 40) >= 2:
        return True
    if title_el is not None and not after_title:
        return True
    item = el.getparent()
    own = len(" ".join(el.itertext()))
    small_item = item is not None and len(" ".join(item.itertext())) <= own + 200
    previous = el.getprevious()
    for holder in (previous, previous.getprevious() if previous is not None else None,
                   item if small_item else None):
        if holder is None or holder is title_el:
            continue
        for a in holder.iter("a"):
            if _headline_link(a) and (a.get("href") or "").strip() not in ("", "#"):
                return True
    return False


def _headline_link(a: Any) -> bool:
    """A link that is a story's headline: four words or more, in a heading or title-classed."""
    if len(" ".join(a.itertext()).split()) < 4:
        return False
    parent = a.getparent()
    if parent is not None and parent.tag in ("h2", "h3", "h4", "h5", "h6"):
        return True
    if any(isinstance(el.tag, str) and el.tag in ("h2", "h3", "h4", "h5", "h6") for el in a.iterdescendants()):
        return True  # a card whose link wraps its heading
    return bool(TITLE_CLASS.search(attr_tokens(a) + " " + (attr_tokens(parent) if parent is not None else "")))


def _box_kind(el: Any) -> tuple[str, str]:
    """A box's tag and class words: what one block of a block-per-paragraph body shares with the next."""
    return str(el.tag), " ".join(sorted((el.get("class") or "").split()))


def own_box(texts: list[Block], i: int) -> bool:
    """The paragraph `texts[i]` sits in a box of its own, apart from the running text: the next
    paragraph is in another box, and that box is either of another kind or holds the paragraph
    after it too. Block editors (Wagtail's StreamField, Gutenberg groups) give every paragraph a
    box of one kind ("block-paragraph"); the first of those is no more set apart than the rest."""
    if i + 1 >= len(texts):
        return False
    block, following = texts[i], texts[i + 1]
    if block.container is None or following.container is None or following.container is block.container:
        return False
    if _box_kind(block.container) != _box_kind(following.container):
        return True
    after = texts[i + 2] if i + 2 < len(texts) else None
    return after is not None and after.container is following.container


_SENTENCE_END = re.compile(r"[.!?…][\"”')]?$")


def _bold_under_title(sel: parsel.Selector, title_el: Any, content: Any, title: str | None) -> str | None:
    """A summary printed wholly in bold right under the headline, outside the body's block (a
    document form's Summary row between the date and the Body in the table layouts of Lotus
    Domino and the 2000s): sentences, not a label, a byline or the headline again. A bold first
    paragraph inside the body is the body's to judge (`lead_from_body`)."""
    if title_el is None:
        return None
    for el in sel.root.iter("b", "strong"):
        if el is title_el or title_el in el.iterancestors() or el in title_el.iterancestors():
            continue
        if content is not None and (el is content or content in el.iterancestors()):
            return None  # the body begins: its own bold opening is judged there
        if any(a.tag in ("nav", "aside", "footer", "a") for a in el.iterancestors()) or is_junk(el):
            continue
        if not _right_under(title_el, el):
            if _after(title_el, el):
                return None  # past the headline's meta lines
            continue
        text = clean_line(" ".join(el.itertext()))
        cell = el.getparent()
        alone = cell is not None and clean_line(" ".join(cell.itertext())) == text
        if alone and 40 <= len(text) <= 600 and _SENTENCE_END.search(text) \
                and not (title and same_text(text, title)):
            return text
    return None


def _after(first: Any, el: Any) -> bool:
    """`el` comes after `first` in the document."""
    for node in first.getroottree().getroot().iter():
        if node is first:
            return True
        if node is el:
            return False
    return False


def find_lead(sel: parsel.Selector, meta: dict[str, str], ld: dict[str, Any] | None,
                  content: Any, title: str | None = None, sites: list[str] | None = None,
                  title_el: Any = None) -> tuple[str | None, str | None, str | None]:
    """The sapo: a visible sapo element first (inside the body's box or out of it, not the box
    itself), then the JSON-LD/meta description, and without either a summary printed in bold
    right under the headline (`_bold_under_title`); with the writer's name when the sapo opens
    with it (`_sapo_byline`) — (lead, path, author)."""
    after_title = False
    for el in sel.root.iter():
        if el is title_el:
            after_title = True
        if not isinstance(el.tag, str) or el.tag.lower() in ("meta", "script", "style", "body", "html"):
            continue
        attrs = _NOT_SAPO_CLASS.sub(" ", attr_tokens(el)).strip()
        if not attrs or is_junk(el):
            continue
        if not _says(_SAPO_CLASS, attrs) and not (
                after_title and _SAPO_ABBR.search(attrs) and not _names_a_picture(attrs)
                and not is_caption_el(el)) and not (
                after_title and _weak_sapo(attrs) and not is_caption_el(el) and _right_under(title_el, el)):
            continue
        if any(a.tag in ("nav", "aside", "footer") for a in el.iterancestors()):
            continue
        if _not_a_sapo(el, content, title_el, after_title):
            continue
        text = clean_line(" ".join(el.itertext()))
        if 40 <= len(text) <= 1200 and not any(is_junk(a) for a in el.iterancestors()):
            # a sapo inside the body's box is one too: the body drops the repeat
            author, text = _sapo_byline(el, text)
            return text, "sapo", author
    descriptions = []
    if ld and isinstance(ld.get("description"), str):
        descriptions.append((clean_line(ld["description"]), "jsonld"))
    for key in ("og:description", "description", "twitter:description"):
        if meta.get(key):
            descriptions.append((clean_line(meta[key]), "meta"))
    descriptions = [(d, p) for d, p in descriptions
                    if len(d) >= 20 and not _is_site_description(d, title, sel, sites or [])]
    if not descriptions:
        bold = _bold_under_title(sel, title_el, content, title)
        return (bold, "sapo", None) if bold else (None, None, None)
    # The longest of those that agree: og:description is often the JSON-LD one cut short.
    best, path = descriptions[0]
    for d, p in descriptions[1:]:
        if len(d) > len(best) and starts_with_text(d, best.rstrip(".… ")):
            best, path = d, p
    return best, path, None
