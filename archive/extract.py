"""HTML page → article fields, by platform selectors first and template-free rules after.

Two paths produce every field, and `paths` in the result says which one did:

* **platform** — parsel CSS selectors from a `sources/platforms.toml` block, for the template
  families we know (exact, fast, and a selector that stops matching shows up as a change of
  path rather than as silent garbage);
* **generic** — for pages without a platform or where a selector finds nothing: JSON-LD
  (`NewsArticle`/`Article`, also inside `@graph`), OpenGraph / `article:` meta, `<time>`,
  visible Vietnamese date forms and the URL for the date; `<h1>`/`og:title` for the title;
  a link-density/text-density detector for the main content block.

Both paths share the block walker and the boilerplate rules (archive.boilerplate): captions go
to `captions`/`images`, a trailing byline becomes `author`, "Tin liên quan" and everything after
it (unless the article goes on after the box's links), share widgets, counters, photo credits,
editors' notes, a closing gallery's intro line and `alt` leftovers leave the body. Everything
goes through `archive.normalize` (NFC, entities, invisible spaces) before it is returned.

The hot path stays on parsel/lxml (about 8× faster than BeautifulSoup here, see DESIGN.md).
trafilatura was measured against the density detector on our fixtures and the real pages
(`scripts/eval.py`); it loses captions/bylines to the body and is ~6× slower, so it is only a
last resort: for a page that declares itself an article but in whose markup the detector finds
no text.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import parsel

from archive.blocks import (
    Block,
    clean_tree,
    clean_tree_keep_root,
    drop_element,
    find_content,
    walk_blocks,
)
from archive.body import (
    DATELINE,
    description_opens_body,
    is_meta_line,
    meta_line_author,
    shape_body,
)
from archive.boilerplate import (
    has_byline_label,
    is_attribution,
    is_digest_title,
    is_initials_signature,
    is_outlet_name,
    is_widget_line,
    parse_byline,
    split_glued,
    split_photo_credit,
    split_trailing_byline,
    strip_outlet_prefix,
)
from archive.bylines import META_LINE_MAX, pick_author
from archive.encoding import fix_mojibake
from archive.headlines import find_title, is_section_name
from archive.leads import find_lead, teaser_box
from archive.normalize import clean_line, nfc
from archive.pagedates import find_date, iso_date, parse_date
from archive.pagekind import classify_page, is_document_page
from archive.pagemeta import (
    join_text,
    ld_article,
    ld_objects,
    ld_types,
    meta_values,
    select_nodes,
    site_names,
)
from archive.textmatch import same_text, starts_with_text
from archive.urls import canonical_url, document_base

# Bumped when a change alters what a stored page yields (`thidua reparse` re-reads archives);
# what each version changed is in CHANGELOG.md.
VERSION = "17"

FIELDS = ("is_article", "title", "published_at", "author", "lead", "body", "captions", "images",
          "url", "canonical_url", "paths", "page_kind")


class ExtractError(Exception):
    """The page cannot be read as HTML at all."""


# --- the record ----------------------------------------------------------------------------

def empty_record(url: str | None = None) -> dict[str, Any]:
    return {"is_article": False, "title": None, "published_at": None, "author": None,
            "lead": None, "body": "", "captions": [], "images": [], "url": url,
            "canonical_url": None, "paths": {}, "page_kind": "other"}


@dataclass(frozen=True)
class Page:
    """What every field of one page is read from: the parsed page, the platform's selectors, its
    <meta> values and JSON-LD, and the names the site goes by."""

    html: str
    url: str
    sel: parsel.Selector
    rules: dict[str, Any]
    meta: dict[str, str]
    objs: list[dict[str, Any]]
    ld: dict[str, Any] | None
    sites: list[str]
    base: str  # what its relative links and images resolve against (archive.urls.document_base)
    # Every element's lxml proxy, held for as long as the page is read. lxml.html builds a proxy
    # through a Python class lookup each time a walk meets an element no proxy is alive for, and
    # the stages walk the page many times (cleaning, content, blocks, classifier, dates, byline);
    # a proxy that is alive is reused. Holding them changes no answer, only what a walk costs.
    elements: list[Any]


@dataclass
class Text:
    """The lead and the body as the body stage settles them, with where each came from."""

    lead: str | None
    lead_path: str | None
    sapo_author: str | None
    body_info: dict[str, Any]
    body_path: str | None


def extract_article(html: str, url: str, platform: dict | None = None) -> dict[str, Any]:
    """Article fields of one HTML page (keys: `FIELDS`; README, "Schema", for the columns).

    `platform` is a platform block (with a source's overrides already applied); a selector that
    finds nothing falls back to the generic rules for that field only. The stages run in order —
    title, content area, lead and body, date, author, the article verdict — because each later
    one reads what the earlier found (the headline anchors the date and the byline; the body
    drops a repeated lead).
    """
    if not isinstance(html, str):
        raise ExtractError("extract_article expects decoded text (str)")
    # Pages from the crawler were decoded and repaired by archive.encoding already; this is for
    # callers that hand over text they decoded themselves (one owner: encoding.fix_mojibake).
    html = fix_mojibake(html)[0]
    record = empty_record(url)
    paths: dict[str, str] = {}
    record["paths"] = paths
    if not html.strip():
        return record
    page = _read_page(html, url, platform or {})
    record["canonical_url"] = canonical_url(url, html) if url else None

    title, tpath, title_el = _title(page)
    record["title"] = title
    if tpath:
        paths["title"] = tpath
    content, content_path, body_nodes = _content_area(page)
    blocks = walk_blocks(content, page.base) if content is not None else []
    text, page_kind, kind_features = _lead_and_body(page, content, content_path, blocks, title, title_el)
    record["lead"] = text.lead
    if text.lead_path:
        paths["lead"] = text.lead_path
    record["body"] = "\n\n".join(text.body_info["paragraphs"])
    if record["body"]:
        paths["body"] = text.body_path
    record["captions"] = text.body_info["captions"]
    record["images"] = text.body_info["images"]

    published, dpath = _published(page, content, title_el)
    record["published_at"] = published
    if dpath:
        paths["published_at"] = dpath
    author, apath = pick_author(page.sel, page.rules, text.body_info, content, text.sapo_author, page.meta,
                               page.ld, page.sites, title_el)
    record["author"] = author
    if apath:
        paths["author"] = apath

    record["is_article"] = _is_article(page.meta, page.ld, page.objs, url, record, page.sel, bool(body_nodes),
                                       _teaser_count(content, blocks), page.sites, kind_features.dated_headline)
    paths["is_article"] = "platform" if body_nodes else "generic"
    record["page_kind"] = page_kind
    _settle_verdict(record, page, kind_features)
    return record


def _read_page(html: str, url: str, rules: dict[str, Any]) -> Page:
    try:
        sel = parsel.Selector(text=html)
    except Exception as exc:
        raise ExtractError(f"cannot parse HTML: {exc}") from exc
    elements = list(sel.root.iter())  # held for every later walk (see Page.elements)
    meta = meta_values(sel)
    objs = ld_objects(sel)
    ld = ld_article(objs)
    return Page(html, url, sel, rules, meta, objs, ld, site_names(meta, ld, objs, url),
                document_base(sel.root, url) if url else url, elements)


def _title(page: Page) -> tuple[str | None, str | None, Any]:
    """The headline, where it came from, and its element (which anchors the date and byline)."""
    nodes = select_nodes(page.sel, page.rules.get("title"))
    if nodes:
        title = join_text(nodes) or None
        if title:
            return title, "platform", nodes[0].root
    return find_title(page.sel, page.meta, page.ld, page.sites)


def _content_area(page: Page) -> tuple[Any, str, list[Any]]:
    """The element holding the text: the platform's body selector (its drop and caption rules
    applied to a copy), else the density detector's pick in the cleaned page."""
    body_nodes = select_nodes(page.sel, page.rules.get("body"))
    if body_nodes:
        content = copy.deepcopy(body_nodes[0].root)
        for extra in body_nodes[1:]:
            content.append(copy.deepcopy(extra.root))
        drops = page.rules.get("drop") or []
        if isinstance(drops, str):
            drops = [drops]
        holder = parsel.Selector(root=content)
        for css in drops:
            for node in select_nodes(holder, css):
                drop_element(node.root)
        for node in select_nodes(holder, page.rules.get("captions")):
            node.root.set("class", (node.root.get("class") or "") + " caption")
        return clean_tree_keep_root(content), "platform", body_nodes
    body_el = page.sel.root.find(".//body")
    cleaned = clean_tree(body_el if body_el is not None else page.sel.root)
    return find_content(cleaned), "generic", body_nodes


def _lead_and_body(page: Page, content: Any, content_path: str, blocks: list[Block], title: str | None,
                   title_el: Any) -> tuple[Text, str, Any]:
    """Lead candidates first (the body drops a repeated lead), then the body — from the content
    area, or the page classifier's own block, or trafilatura as a last resort — then the lead
    settled against the body the text really came from. Also gives the page classifier's answer."""
    lead, lpath, sapo_author = None, None, None
    nodes = select_nodes(page.sel, page.rules.get("lead"))
    if nodes:
        lead = clean_line(join_text(nodes)) or None
        lpath = "platform" if lead else None
    if not lead:
        lead, lpath, sapo_author = find_lead(page.sel, page.meta, page.ld, content, title, page.sites, title_el)
    description = (lead, lpath) if lead and lpath in ("meta", "jsonld") else None
    if description and description_opens_body(lead, blocks, title, page.sites):
        lead, lpath = None, None

    body_info = shape_body(blocks, title=title, lead=lead,
                           byline_rule=(page.rules.get("byline") or "auto"), sites=page.sites)
    page_kind, kind_features = classify_page(page.sel.root, page.url or "")
    body_info, bpath, body_blocks = _fuller_body(page, content, content_path, blocks, body_info, page_kind,
                                                 kind_features, title, lead)
    if description and body_blocks is not blocks:
        # The same test as above, on the blocks the body came from after all: the first pick
        # (one paragraph's box of a block editor, say) could not show whether the description
        # only opens the running text or is a sapo set apart from it.
        opens = description_opens_body(description[0], body_blocks, title, page.sites)
        if opens == bool(lead):
            lead, lpath = (None, None) if opens else description
            body_info = shape_body(body_blocks, title=title, lead=lead, byline_rule="auto", sites=page.sites)
    lead, lpath = _settle_lead(lead, lpath, body_info, title, page.sites)
    return Text(lead, lpath, sapo_author, body_info, bpath), page_kind, kind_features


def _fuller_body(page: Page, content: Any, content_path: str, blocks: list[Block], body_info: dict[str, Any],
                 page_kind: str, kind_features: Any, title: str | None,
                 lead: str | None) -> tuple[dict[str, Any], str, list[Block]]:
    """A fuller body than the content area's where it is too thin or a box of other stories."""
    bpath, body_blocks = content_path, blocks
    boxed = content_path == "generic" and page_kind == "article" and kind_features.block is not None \
        and teaser_box(content, kind_features.block)
    if page_kind == "article" and kind_features.block is not None and (
            boxed or sum(len(p) for p in body_info["paragraphs"]) < 200):
        # A short report the density detector passed over (or took a box of other stories for):
        # the page classifier's richest block — the text that made it call the page an
        # article — holds it.
        own = walk_blocks(clean_tree_keep_root(copy.deepcopy(kind_features.block)), page.base)
        shaped = shape_body(own, title=title, lead=lead, byline_rule="auto", sites=page.sites)
        if shaped["paragraphs"] and (boxed or sum(len(p) for p in shaped["paragraphs"])
                                     > sum(len(p) for p in body_info["paragraphs"])):
            body_info, bpath, body_blocks = shaped, "pagekind", own
    if sum(len(p) for p in body_info["paragraphs"]) < 200 and (page.ld or page.meta.get("og:type") == "article"):
        # The page says it is an article but the density detector found no text block (text in
        # odd markup): trafilatura's tree heuristics as a last resort, off the normal path.
        fallback = _trafilatura_blocks(page.html, page.url)
        if fallback:
            shaped = shape_body(fallback, title=title, lead=lead, byline_rule="auto", sites=page.sites)
            if sum(len(p) for p in shaped["paragraphs"]) > sum(len(p) for p in body_info["paragraphs"]):
                body_info, bpath, body_blocks = shaped, "trafilatura", fallback
    return body_info, bpath, body_blocks


def _settle_lead(lead: str | None, lpath: str | None, body_info: dict[str, Any], title: str | None,
                 sites: list[str]) -> tuple[str | None, str | None]:
    """The lead once the body is known: the body's own sapo where none was found; no lead that
    is only the body's first words cut short, or only the title again."""
    if body_info["lead_from_body"] and not lead:
        lead, lpath = body_info["lead_from_body"], "sapo"
    if lead and body_info["paragraphs"] and starts_with_text(body_info["paragraphs"][0], lead.rstrip(".… ")) \
            and lpath in ("meta", "jsonld") and len(lead) < len(body_info["paragraphs"][0]) - 10:
        # A description that is only the body's first words cut short is no lead.
        lead, lpath = None, None
    if lead:
        lead = strip_outlet_prefix(lead, sites)
        if title and same_text(lead.rstrip(". "), title.rstrip(". ")):
            lead, lpath = None, None  # a description that only repeats the title
    return lead, lpath


def _published(page: Page, content: Any, title_el: Any) -> tuple[str | None, str | None]:
    """The platform's date element (its machine attribute, then its text), else `find_date`."""
    for node in select_nodes(page.sel, page.rules.get("date")):
        attrs = [node.attrib.get(a) for a in ("datetime", "content", "title")]
        for value in [a for a in attrs if a] + [join_text([node])]:
            published = iso_date(value) if re.match(r"^\d{4}-\d{2}-\d{2}", value.strip()) else parse_date(value)
            if published:
                return published, "platform"
    return find_date(page.sel, page.meta, page.ld, content, page.url, title_el)


def _settle_verdict(record: dict[str, Any], page: Page, kind_features: Any) -> None:
    """The page classifier (archive/pagekind.py) decides where it has an answer; a page that is
    no article keeps its <title> and none of an article's fields."""
    paths = record["paths"]
    if record["page_kind"] != "other" and record["body"] and \
            record["is_article"] != (record["page_kind"] == "article"):
        # A page of teasers never becomes an article, whatever its biggest text block says, and
        # a short report the score finds too thin still is one.
        record["is_article"], paths["is_article"] = record["page_kind"] == "article", "pagekind"
    elif record["is_article"] and is_document_page(kind_features):
        # A document's page in the news' markup (a record's labelled fields, a file download
        # opening a short text): dated and signed like a story, yet none (archive/pagekind.py).
        record["is_article"], paths["is_article"] = False, "pagekind"
    if record["is_article"]:
        return
    html_title = clean_line(" ".join(page.sel.xpath("//title//text()").getall()))
    if html_title and paths.get("title") != "platform" and record["title"] != html_title:
        # A home or listing page is named by its own <title>, whole ("Trang chủ - Sở Nội
        # vụ tỉnh X"): there is no article title to cut the site's name from.
        record["title"], paths["title"] = html_title, "title-tag"
    for key in ("body", "lead", "author", "published_at"):
        record[key] = "" if key == "body" else None
        paths.pop(key, None)
    record["captions"], record["images"] = [], []


def _trafilatura_blocks(html: str, url: str | None) -> list[Block]:
    try:
        import trafilatura

        text = trafilatura.extract(html, url=url, include_comments=False, include_tables=False,
                                   output_format="txt", favor_precision=True)
    except Exception:  # noqa: BLE001 — the fallback must never cost the article
        return []
    return [Block("p", clean_line(line), len(line)) for line in (text or "").split("\n")
            if clean_line(line)]


_LISTING_PATH = re.compile(r"/(?:tag|tags|category|categories|chuyen-muc|danh-muc|chu-de|topic|"
                           r"search|tim-kiem|page|trang)(?:/|$)", re.IGNORECASE)


def _unlike_its_teasers(path: str, sel: parsel.Selector) -> bool:
    """The page links five or more stories whose addresses carry the CMS's numeric id
    ("/video/ninh-binh-…-20241010203000111.htm") and its own address carries none
    ("/video/thoi-su.htm"): a section page of a site whose stories all have ids. Read from the
    visible links, so it holds where no og:type says "website"."""
    if re.search(r"\d{4,}", path):
        return False
    with_id = set()
    for a in sel.root.iter("a"):
        href = a.get("href") or ""
        if len(a.text_content().strip()) >= 30 and re.search(r"\d{6,}", urlsplit(href).path):
            with_id.add(href)
    return len(with_id) >= 5


def _teaser_count(content: Any, blocks: list[Block]) -> int:
    """How many teaser units the content area holds: headings that are links to other pages,
    and lines that are only a date ("15/10/2025 10:20") — a category or home page, where the
    density detector picks the list of summaries as the "article"."""
    if content is None:
        return 0
    linked = 0
    for h in content.iter("h2", "h3", "h4", "h5"):
        text = h.text_content().strip()
        links = "".join(a.text_content() for a in h.iter("a")).strip()
        if text and len(links) >= 0.8 * len(text):
            linked += 1
    dated = sum(1 for b in blocks if b.kind == "p" and DATELINE.match(b.text))
    return max(linked, dated)


def _is_article(meta: dict[str, str], ld: dict[str, Any] | None, objs: list[dict[str, Any]],
                url: str, record: dict[str, Any], sel: parsel.Selector, platform_body: bool,
                teasers_in_content: int = 0, sites: list[str] | None = None,
                dated_headline: bool = False) -> bool:
    """Homepages and listings are not articles: weigh type hints, URL and text shape.

    og:type "website" is what many CMSs print on every page (Sitefinity's default, site-builder
    themes), so it weighs against a page only when the page lacks a story's own shape: a
    headline signed by a date on the line under it (`dated_headline`, archive/pagekind.py)."""
    score = 0
    og_type = (meta.get("og:type") or "").lower()
    if og_type == "article" or og_type.startswith("article"):
        score += 2
    elif og_type in ("website", "webpage", "blog", "profile") and not dated_headline:
        score -= 2
    if ld:
        score += 3
    elif any(ld_types(o) & {"collectionpage", "searchresultspage", "itemlist"} for o in objs):
        score -= 1
    if meta.get("article:published_time") or (ld and ld.get("datePublished")):
        score += 1
    score += 1 if record["published_at"] else -1
    parts = urlsplit(url or "")
    path = parts.path
    rootish = path in ("", "/") or re.fullmatch(r"/(?:index|default|home|trang-chu)(?:\.\w+)?", path, re.IGNORECASE)
    if rootish and not re.search(r"\d{2,}", parts.query):
        score -= 3  # the home page (DNN portals serve articles as /Default.aspx?ItemID=123)
    elif rootish:
        score += 1
    elif _LISTING_PATH.search(path):
        score -= 2
    elif re.search(r"\d{4,}|\.(?:html?|aspx?|php)$", path):
        score += 1
    if _unlike_its_teasers(path, sel):
        score -= 2
    body = record["body"] or ""
    paragraphs = [p for p in body.split("\n\n") if p]
    long_paras = [p for p in paragraphs if len(p) >= 150]
    if len(body) >= 500 and long_paras:
        score += 2
    elif len(body) < 80:
        score -= 3
    elif len(body) < 200:
        score -= 1
    # Many teaser links and little contiguous text: a listing.
    teasers = sum(1 for a in sel.root.iter("a") if len(a.text_content().strip()) >= 30)
    if teasers >= 40 and len(long_paras) < 2:
        score -= 2
    sentences = [p for p in paragraphs if len(p) >= 60 and re.search(r"[.!?…”\"]\s*$", p)]
    if len(sentences) >= 3 and sum(len(p) for p in sentences) >= 300:
        score += 1  # running prose, several full sentences (short gov-portal news items)
    if record.get("author") and record["paths"].get("author") in ("byline", "label", "element", "sapo",
                                                                  "meta-line"):
        score += 1  # a signed text: listings and home pages carry no byline
    if record["paths"].get("title") == "h1" and len((record.get("title") or "").split()) >= 6:
        # A headline-length <h1> that the page's <title> repeats: the page is named after one
        # story (a section's <h1> and <title> are its short name) — visible even with no meta.
        score += 1
    if teasers_in_content >= 4 or sum(1 for p in paragraphs if DATELINE.match(p)) >= 3:
        # the "content" is a list of linked headlines with dates and summaries (the density
        # detector or its trafilatura fallback took a listing's teasers for text)
        score -= 4
    if record.get("title") and is_section_name(record["title"], sel, sites or []):
        score -= 3  # the page is named like an entry of the site's menu: a section (category) page
    if platform_body:
        score += 3  # the page matched the article template of its platform
    return score >= 2


# --- plain text input ----------------------------------------------------------------------

_TEXT_DATE_LINE = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}(?:\s*GMT\s*[+-]\s*\d+)?\s*$",
                             re.IGNORECASE)
# Machine times as CSV exports print them: "2025-06-28T22:46:00+07:00", "2025-06-28 22:46:00",
# "…T22:46:00.000+07:00", "…T15:46:00Z", "…+0700", "…+07", "2025-06-28".
_ISO_LINE = re.compile(r"^\s*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?"
                       r"\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?\s*$")
_URL_LINE = re.compile(r"^\s*https?://\S+\s*$")


HEADER_LINES = 2   # lines under the headline where a page's dated header line may be printed


def _header_lines(lines: list[str]) -> tuple[list[str], str | None, str | None]:
    """The dated header line a page prints under its headline ("Thứ Năm, 03/01/2019 - 08:15",
    "Ngày đăng: 22/12/2025 16:40 | Lượt xem: 317"), copied with the text: its date is the
    publication's and its labelled writer the author, and it is neither lead nor body — the
    same test (`is_meta_line`) the HTML path puts a content area's header line to."""
    seen = 0
    for i, line in enumerate(lines):
        if not line:
            continue
        if seen >= HEADER_LINES:
            break
        seen += 1
        if is_meta_line(line):
            return lines[:i] + lines[i + 1:], parse_date(line), meta_line_author(line)
        if len(line) > META_LINE_MAX:
            break  # the running text has begun: a date below it is no header's
    return lines, None, None


def _footer_lines(lines: list[str]) -> tuple[list[str], str | None, str | None]:
    """What aggregator dumps append after the body — "30/05/13 07:36 GMT+7", category, tags
    (2013 crawls) or an ISO date, author and URL (2025 CSV rows) — cut off: (the lines before
    it, its date, its author column). The author column is the first line after an ISO time,
    or the one between any date and a closing URL (a CSV row), never a 2013 footer's category."""
    date, author = None, None
    for i, line in enumerate(lines):
        if _TEXT_DATE_LINE.match(line) or (_ISO_LINE.match(line) and i > 0):
            date = parse_date(line.split("GMT")[0]) if not _ISO_LINE.match(line) else iso_date(line)
            tail = [x for x in lines[i + 1:] if x]
            csv_row = len(tail) == 2 and bool(_URL_LINE.match(tail[1]))  # date, author, url
            if tail and not _URL_LINE.match(tail[0]) and (_ISO_LINE.match(line) or csv_row):
                author = tail[0]
            lines = lines[:i]
            break
    while lines and (not lines[-1] or _URL_LINE.match(lines[-1])):
        lines.pop()
    return lines, date, author


def _closing_lines(content: list[str]) -> tuple[list[str], str | None]:
    """The text's last lines without what closes it: attributions and widget lines, a byline on
    a line of its own or glued to the last sentence ("…Thủ đô.Minh Hà"), initials alone, a photo
    credit closing the last caption — (the lines left, the signature nearest the end)."""
    content = list(content)
    signature = None
    while content:
        last = content[-1]
        if is_attribution(last) or is_widget_line(last):
            content.pop()
            continue
        name = parse_byline(last) or (last if is_initials_signature(last) else None)
        if not name:
            break
        signature = signature or name
        content.pop()
    if content:
        pieces = split_glued(content[-1])
        rest_text, name = split_trailing_byline(pieces[-1])
        if name:
            signature = signature or name
            pieces[-1] = rest_text
            content[-1] = "\n".join(p for p in pieces if p)
            if not content[-1]:
                content.pop()
    if content:
        # A photo credit closing the last caption ("…nhận bằng khen. Ảnh: X"): out of the body.
        kept, credit = split_photo_credit(content[-1])
        if credit:
            content[-1] = kept
            if not kept:
                content.pop()
    return content, signature


def extract_text(text: str, published: str | None = None) -> dict[str, Any]:
    """Plain article text → the same record: first line title, the rest body.

    Aggregator dumps append metadata after the body — "30/05/13 07:36 GMT+7", category, tags,
    outlet (2013 crawls) or an ISO date, author and URL (2025 CSV rows); those lines become
    `published_at`/`author`, never body. A byline on its own line or glued to the last sentence
    ("…Thủ đô.Minh Hà") becomes `author`.

    Which line after the date is the author column: the first one after an ISO time, or the
    one between any date and a closing URL (a CSV row) — never a 2013 footer's category. An
    author column or byline that names a news organisation ("TTXVN", "Báo Bắc Giang") is the
    source, not an author; a photo credit alone ("Ảnh: X") credits the picture (see
    archive.boilerplate.parse_byline). A labelled byline printed between the headline and the
    sapo ("Bài và ảnh: X") is the author, not the lead; initials alone on the last line ("N.Q")
    are a signature. A digest ("Tin hoạt động CĐ …", "Tin vắn") signs each item, so its last
    signature is not the article's author.
    """
    record = empty_record(None)
    paths: dict[str, str] = {}
    record["paths"] = paths
    text = nfc(text or "").replace("\r\n", "\n").replace("\r", "\n")
    lines = [clean_line(line) for line in text.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    if not lines:
        return record
    record["title"] = lines[0]
    paths["title"] = "text"
    rest, found_date, header_author = _header_lines(lines[1:])
    rest, footer_date, meta_author = _footer_lines(rest)
    found_date = found_date or footer_date
    content = [x for x in rest if x]
    author, apath = (header_author, "byline") if header_author else (None, None)
    if meta_author and not (is_outlet_name(meta_author) or is_attribution(meta_author)):
        # The author column as printed when it is no byline parse_byline knows, but never an
        # outlet, a "Theo …" credit or a photo credit.
        raw = None if has_byline_label(meta_author) else meta_author
        author, apath = parse_byline(meta_author) or raw, "text"
    # A labelled byline printed between the headline and the sapo ("Bài và ảnh: X").
    if len(content) >= 2 and has_byline_label(content[0]):
        name = parse_byline(content[0])
        if name:
            author, apath = author or name, apath or "byline"
            content = content[1:]
    content, signature = _closing_lines(content)
    if signature:
        author, apath = author or signature, apath or "byline"
    lead = None
    if len(content) >= 2:
        lead = strip_outlet_prefix(content[0])
        content = content[1:]
    paragraphs: list[str] = []
    for i, line in enumerate(content):
        parts = [p for piece in line.split("\n") for p in split_glued(piece)]
        if i == 0 and parts and lead is None:
            parts[0] = strip_outlet_prefix(parts[0])
        paragraphs.extend(p for p in parts if p)
    record["lead"] = lead or None
    if lead:
        paths["lead"] = "text"
    record["body"] = "\n\n".join(paragraphs)
    if paragraphs:
        paths["body"] = "text"
    if author and apath != "text" and is_digest_title(record["title"]):
        author = None  # a digest's last signature signs its last item only
    record["author"] = author
    if author:
        paths["author"] = apath or "text"
    if published:
        record["published_at"] = iso_date(published) if re.match(r"^\d{4}-", published.strip()) \
            else parse_date(published)
        paths["published_at"] = "argument"
    elif found_date:
        record["published_at"] = found_date
        paths["published_at"] = "text"
    record["is_article"] = bool(record["body"] or record["lead"])
    record["page_kind"] = "article" if record["is_article"] else "other"
    return record
