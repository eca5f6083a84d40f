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
from archive.body import DATELINE, description_opens_body, shape_body
from archive.bodyrun import widen_to_run
from archive.boilerplate import strip_outlet_prefix
from archive.bylines import pick_author
from archive.encoding import fix_mojibake
from archive.headlines import find_title, is_section_name
from archive.leads import find_lead, teaser_box
from archive.normalize import clean_line
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
from archive.plaintext import TextDraft, text_stages
from archive.textmatch import same_text, starts_with_text
from archive.urls import canonical_url, document_base

# Bumped when a change alters what a stored page yields (`thidua reparse` re-reads archives);
# what each version changed is in CHANGELOG.md.
VERSION = "23"

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
    return widen_to_run(find_content(cleaned)), "generic", body_nodes


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
    """Homepages and listings are not articles: weigh type hints, URL and text shape. The page
    is one story when what speaks for it (`article_evidence`) outweighs what speaks against it
    by 2 or more."""
    evidence = article_evidence(meta, ld, objs, url, record, sel, platform_body, teasers_in_content,
                                sites, dated_headline)
    return sum(points for _, points in evidence) >= 2


def article_evidence(meta: dict[str, str], ld: dict[str, Any] | None, objs: list[dict[str, Any]],
                     url: str, record: dict[str, Any], sel: parsel.Selector, platform_body: bool,
                     teasers_in_content: int = 0, sites: list[str] | None = None,
                     dated_headline: bool = False) -> list[tuple[str, int]]:
    """What speaks for (> 0) and against (< 0) the page being one story, as (reason, points):
    what the page declares itself, its address, the shape of its text, and what the extractor
    found on it (a byline, a story's headline, a menu entry's name, the platform's template)."""
    paragraphs = [p for p in (record["body"] or "").split("\n\n") if p]
    found = [*_declared_evidence(meta, ld, objs, record, dated_headline),
             *_address_evidence(url, sel),
             *_text_evidence(record["body"] or "", paragraphs, sel),
             *_found_evidence(record, paragraphs, sel, sites, teasers_in_content, platform_body)]
    return [(why, points) for why, points in found if points]


def _declared_evidence(meta: dict[str, str], ld: dict[str, Any] | None, objs: list[dict[str, Any]],
                       record: dict[str, Any], dated_headline: bool) -> list[tuple[str, int]]:
    """og:type, JSON-LD and a date. og:type "website" is what many CMSs print on every page
    (Sitefinity's default, site-builder themes), so it weighs against a page only when the page
    lacks a story's own shape: a headline signed by a date on the line under it
    (`dated_headline`, archive/pagekind.py)."""
    found = []
    og_type = (meta.get("og:type") or "").lower()
    if og_type == "article" or og_type.startswith("article"):
        found.append(("og:type article", 2))
    elif og_type in ("website", "webpage", "blog", "profile") and not dated_headline:
        found.append(("og:type website", -2))
    if ld:
        found.append(("JSON-LD article", 3))
    elif any(ld_types(o) & {"collectionpage", "searchresultspage", "itemlist"} for o in objs):
        found.append(("JSON-LD listing", -1))
    if meta.get("article:published_time") or (ld and ld.get("datePublished")):
        found.append(("declared date", 1))
    found.append(("a date", 1) if record["published_at"] else ("no date", -1))
    return found


def _address_evidence(url: str, sel: parsel.Selector) -> list[tuple[str, int]]:
    """The home page, a listing's or a story's address, and an address unlike the teasers'."""
    found = []
    parts = urlsplit(url or "")
    path = parts.path
    rootish = path in ("", "/") or re.fullmatch(r"/(?:index|default|home|trang-chu)(?:\.\w+)?", path, re.IGNORECASE)
    if rootish and not re.search(r"\d{2,}", parts.query):
        found.append(("home page", -3))  # (DNN portals serve articles as /Default.aspx?ItemID=123)
    elif rootish:
        found.append(("home page with an id", 1))
    elif _LISTING_PATH.search(path):
        found.append(("listing address", -2))
    elif re.search(r"\d{4,}|\.(?:html?|aspx?|php)$", path):
        found.append(("story address", 1))
    if _unlike_its_teasers(path, sel):
        found.append(("unlike its teasers", -2))
    return found


def _text_evidence(body: str, paragraphs: list[str], sel: parsel.Selector) -> list[tuple[str, int]]:
    """How much text, in long paragraphs and full sentences, against how many teaser links."""
    found = []
    long_paras = [p for p in paragraphs if len(p) >= 150]
    if len(body) >= 500 and long_paras:
        found.append(("long text", 2))
    elif len(body) < 80:
        found.append(("no text", -3))
    elif len(body) < 200:
        found.append(("little text", -1))
    # Many teaser links and little contiguous text: a listing.
    teasers = sum(1 for a in sel.root.iter("a") if len(a.text_content().strip()) >= 30)
    if teasers >= 40 and len(long_paras) < 2:
        found.append(("teaser links", -2))
    sentences = [p for p in paragraphs if len(p) >= 60 and re.search(r"[.!?…”\"]\s*$", p)]
    if len(sentences) >= 3 and sum(len(p) for p in sentences) >= 300:
        found.append(("running prose", 1))  # several full sentences (short gov-portal news items)
    return found


def _found_evidence(record: dict[str, Any], paragraphs: list[str], sel: parsel.Selector,
                    sites: list[str] | None, teasers_in_content: int,
                    platform_body: bool) -> list[tuple[str, int]]:
    """What the extractor found: a byline, a story's headline, teasers for content, a menu
    entry's name, the platform's article template."""
    found = []
    if record.get("author") and record["paths"].get("author") in ("byline", "label", "element", "sapo",
                                                                  "meta-line"):
        found.append(("signed", 1))  # listings and home pages carry no byline
    if record["paths"].get("title") == "h1" and len((record.get("title") or "").split()) >= 6:
        # A headline-length <h1> that the page's <title> repeats: the page is named after one
        # story (a section's <h1> and <title> are its short name) — visible even with no meta.
        found.append(("story headline", 1))
    if teasers_in_content >= 4 or sum(1 for p in paragraphs if DATELINE.match(p)) >= 3:
        # the "content" is a list of linked headlines with dates and summaries (the density
        # detector or its trafilatura fallback took a listing's teasers for text)
        found.append(("teasers for content", -4))
    if record.get("title") and is_section_name(record["title"], sel, sites or []):
        found.append(("section name", -3))  # named like an entry of the site's menu: a section page
    if platform_body:
        found.append(("platform template", 3))  # the page matched its platform's article template
    return found


# --- plain text input (archive/plaintext.py reads it) -----------------------------------------

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
    signature is not the article's author. The stages are archive.plaintext's `text_stages`.
    """
    return _text_record(text_stages(text)[-1][1], published)


def _text_record(draft: TextDraft, published: str | None) -> dict[str, Any]:
    """The record of a text's last draft; a `published` argument (ISO or a Vietnamese date)
    wins over the date the text prints."""
    record = empty_record(None)
    paths: dict[str, str] = {}
    record["paths"] = paths
    if draft.title is None:
        return record
    record["title"] = draft.title
    paths["title"] = "text"
    record["lead"] = draft.lead or None
    if draft.lead:
        paths["lead"] = "text"
    record["body"] = "\n\n".join(draft.paragraphs)
    if draft.paragraphs:
        paths["body"] = "text"
    record["author"] = draft.author
    if draft.author:
        paths["author"] = draft.author_path or "text"
    if published:
        record["published_at"] = iso_date(published) if re.match(r"^\d{4}-", published.strip()) \
            else parse_date(published)
        paths["published_at"] = "argument"
    elif draft.found_date:
        record["published_at"] = draft.found_date
        paths["published_at"] = "text"
    record["is_article"] = bool(record["body"] or record["lead"])
    record["page_kind"] = "article" if record["is_article"] else "other"
    return record
