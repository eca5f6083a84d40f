"""`thidua sources add`: a ready-to-paste registry entry for a site nobody here has seen.

From a home page, an article page or both (fetched politely by `archive.sitefetch`, or read from saved files) it
decodes the pages as ingest does (windows-1258, wrong charsets), tells them apart with the
page classifier, and proposes what a crawl needs: the start URL (the home page), the platform
block that fits the site's listing AND article pages (or none: generic discovery), sitemaps
and feeds, the organisation's name, kind and province. It says how many article links each
route gives, so a user sees before the first crawl whether the site will yield anything.
"""

from __future__ import annotations

import ipaddress
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from lxml import html as lxml_html
from parsel import Selector

from archive.encoding import decode_html
from archive.extract import extract_article
from archive.normalize import fold, normalize_tone_marks
from archive.organisations import (
    OWNER_LABELS,
    expand_head,
    normalise_dashes,
    org_kind,
    restore_case,
    starts_with_org_head,
)
from archive.pagekind import classify_page
from archive.pagination import next_page
from archive.platformguess import _score, listing_links, missed_fields
from archive.registry import _guess_kind, _guess_province, most_named_province
from archive.sources import ORGANISATION_KINDS, SOURCE_KEYS
from archive.urls import document_base, resolve_link
from archive.urlshapes import article_urls, is_static

USER_AGENT = "thidua-archive/0.1 (+registry: sources add; one request per second)"
_SEPARATORS = re.compile(r"\s+(?:[|»>:·/\\]|::|>>|-{1,2}|–|—)\s+|:\s+")
_PLACE = re.compile(r"(?i)\b(?:tỉnh|thành phố|tp\.?|huyện|quận|thị xã|xã|phường|việt nam)\b")
# Organisation kinds of the gazetteer (archive/organisations.py) → the registry's kinds
# (a trade union's site is its province's LĐLĐ as far as coverage goes)
_KIND_OF_ORG = {"cong-doan": "ldld"}
# A provincial department's name opens with "Sở" ("Sở Tài chính tỉnh X"), whichever field it is.
_DEPARTMENT = re.compile(r"^Sở\s", re.IGNORECASE)
# An address that names a feed in its path or its query (`/rss/`, `rss.php?cat=5`,
# `index.php?option=com_content&format=feed&type=rss`): worth asking, not yet a feed.
PLATFORM_FIT = 0.6  # a block's article score from which it may describe the site's articles


@dataclass
class SitePage:
    """One page of the site as the crawler would see it."""

    url: str
    html: str
    kind: str  # article | listing | other (archive/pagekind.py)
    repairs: list[str] = field(default_factory=list)

    @property
    def root(self) -> Any:
        return lxml_html.fromstring(self.html) if self.html.strip() else lxml_html.fromstring("<html/>")


def read_page(url: str, body: bytes, content_type: str | None = None) -> SitePage:
    """Bytes → a decoded, classified page (the charset repairs ingest would make)."""
    declared = None
    if content_type and "charset=" in content_type.lower():
        declared = content_type.lower().split("charset=")[-1].split(";")[0].strip().strip('"')
    html, repairs = decode_html(body, declared)
    kind = classify_page(html, url)[0] if html.strip() else "other"
    return SitePage(url, html, kind, repairs)


# -- who publishes it -----------------------------------------------------------------------

# an element whose id or class names a logo (#logo, .logo, dnn_dnnLOGO_imgLogo, .gh-head-logo);
# only the element itself or a near wrapper: a page-wide class ('is-head-left-logo' on <body>)
# names a layout, not the logo
_FEED_WORDS = re.compile(r"(?i)[\s:|–-]*\b(rss|atom|feed)\b[\s:|–-]*")
# an image's alt text says what it shows: "Logo Hội Nông dân tỉnh X", "Ban Thi đua … logo"
_LOGO_WORD = re.compile(r"(?i)^\s*logo\b[\s:|–-]*|[\s:|–-]*\blogo\s*$")
_LOGO = "contains(translate(concat(@id, ' ', @class), 'LOGO', 'logo'), 'logo')"
_LOGO_XPATH = (
    f"//img[{_LOGO} or contains(translate(@src, 'LOGO', 'logo'), 'logo')"
    f" or ancestor::*[position() <= 3][not(self::body or self::html)][{_LOGO}]]/@alt"
    f" | //a[{_LOGO}][not(.//img)]//text()")


def _publisher_names(sel: Selector) -> list[str]:
    """schema.org publisher (or the WebSite/Organization described) in JSON-LD."""
    names: list[str] = []
    for raw in sel.css("script[type='application/ld+json']::text").getall():
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if not isinstance(item, dict):
                continue
            stack += item.get("@graph") or []
            publisher = item.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                names.append(publisher["name"])
            if item.get("@type") in ("WebSite", "Organization", "NewsMediaOrganization") \
                    and isinstance(item.get("name"), str):
                names.append(item["name"])
    return names


# a banner or footer line longer than this is a sentence or a story, not a name
_BANNER_WORDS = 16
_FOOTER_XPATH = ("//footer | //*[not(ancestor::footer)][contains(translate(concat(@id, ' ', @class),"
                 " 'FOTER', 'foter'), 'footer')]")
_OWNER_LABEL = re.compile(
    r"(?i)^(?:©|\(c\)|copyright)?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*[.,:]?\s*(?:©\s*)?"
    rf"(?:(?:{'|'.join(re.escape(w) for w in sorted(OWNER_LABELS, key=len, reverse=True))})\s*[:.]?\s*)?")
# a sentence end followed by the next line's label ('… tỉnh X. Địa chỉ: …', 'X. ĐT: …'), not the
# dot of 'TP. Hồ Chí Minh'
_SENTENCE_END = re.compile(r"\.\s+(?=[^.:]{1,30}:)|\s+[-–|]\s+(?=[^.:]{1,30}:)")


def _name_candidates(pages: list[SitePage]) -> list[str]:
    """Texts that may hold the site's name, most telling first: og:site_name and the JSON-LD
    publisher, the logo's text, the home page's <title>, a banner heading, each article's
    <title> with its headline (as the extractor reads it) taken out, and a feed's title. A text
    that is an article's headline never is; neither is a person's card beside an article."""
    out: list[str] = []
    footers: list[list[str]] = []
    headlines: set[str] = set()
    for page in sorted(pages, key=lambda p: p.kind == "article"):
        sel = Selector(text=page.html)
        out += sel.css("meta[property='og:site_name']::attr(content)").getall()
        out += _publisher_names(sel)
        out += [_LOGO_WORD.sub("", t) for t in sel.xpath(_LOGO_XPATH).getall()]
        title = " ".join(" ".join(sel.css("title ::text").getall()).split())
        if page.kind == "article":
            headline = " ".join(str(extract_article(page.html, page.url).get("title") or "").split())
            headlines.add(headline)
            title = title.replace(headline, " | ") if headline else title
        out.append(title)
        out += sel.css("header h1 ::text").getall()
        out += _banner_headings(sel, headlines)
        out += [_FEED_WORDS.sub("", t) for t in sel.css(
            "link[rel='alternate'][type*='rss']::attr(title),"
            "link[rel='alternate'][type*='atom']::attr(title)").getall()]
        footers.append(_footer_lines(sel))
    out += [line for lines in footers for line in lines]
    texts = (" ".join(c.split()) for c in out)
    kept = [t for t in texts if t.strip(" |") and not _is_headline(t, headlines)]
    return [restore_case(t) for t in kept]


def _is_headline(text: str, headlines: set[str]) -> bool:
    """The text is an article's headline, in any case or spacing (a banner may shout it)."""
    folded = " ".join(fold(text).split())
    return any(h and " ".join(fold(h).split()) == folded for h in headlines)


def _banner_headings(sel: Selector, headlines: set[str]) -> list[str]:
    """The page's <h1>s that are not the article's headline, outside <header> too: templates that
    print the headline in an <h2> keep the organisation in a banner <h1> ('BAN THI ĐUA - KHEN
    THƯỞNG TỈNH X') on every page. A long h1 is a story's (a list's lead item), never a banner."""
    out = []
    for el in sel.xpath("//h1[not(ancestor::header)]"):
        text = " ".join(" ".join(el.css("::text").getall()).split())
        if text and len(text.split()) <= _BANNER_WORDS and not _is_headline(text, headlines):
            out.append(text)
    return out


def _footer_lines(sel: Selector) -> list[str]:
    """The footer's lines that may name the owner, each cut to its first sentence: 'Ban … tỉnh X.
    Địa chỉ: …' → 'Ban … tỉnh X'; a copyright label before the name ('Bản quyền thuộc về …',
    lexicons/organisations.toml owner_labels) taken off. Read last: a footer also names the
    bodies a site links to and the firm that built it."""
    lines = []
    for el in sel.xpath(_FOOTER_XPATH)[:3]:
        for raw in el.xpath(".//text()[normalize-space()][not(ancestor::script or ancestor::style"
                            " or ancestor::a)]").getall():
            line = _OWNER_LABEL.sub("", " ".join(raw.split()))
            line = _SENTENCE_END.split(line, maxsplit=1)[0].strip(" .,;")
            if line and len(line.split()) <= _BANNER_WORDS:
                lines.append(line)
    return lines


def _org_spans(text: str) -> list[str]:
    """Parts of a title that name an organisation, rejoined where a dash inside the name
    ('Ban Thi đua – Khen thưởng tỉnh X') split it; a portal's self-description before the name
    ('Cổng thông tin điện tử Sở Tư pháp tỉnh X': lexicons/organisations.toml owner_labels) is
    taken off, as on a footer's line."""
    parts = [_OWNER_LABEL.sub("", p, count=1).strip() for p in _SEPARATORS.split(text) if p and p.strip()]
    parts = [p for p in parts if p]
    spans = []
    for i, part in enumerate(parts):
        if not starts_with_org_head(part) or re.match(r"(?i)(cụm|khối) thi đua", part):
            continue
        span = part
        for nxt in parts[i + 1:]:
            # 'Ban Thi đua' + 'Khen thưởng tỉnh X': the dash was inside the name, whose place
            # comes last; 'Hội Nông dân tỉnh X' + 'Trang chủ' is a name and a page name
            if starts_with_org_head(nxt) or len(nxt.split()) > 8 or _PLACE.search(span) \
                    or not _PLACE.search(nxt):
                break
            span = f"{span} – {nxt}"
        spans.append(span)
    return spans


def site_name(pages: list[SitePage], host: str) -> str:
    candidates = _name_candidates(pages)
    for text in candidates:
        spans = _org_spans(text)
        if spans:
            return _written_out(max(spans, key=len), candidates)
    # no organisation named: the most telling candidate's longest part (a title's remainder
    # after its headline, 'Blog: Post' → 'Blog')
    for text in candidates:
        parts = [p.strip() for p in _SEPARATORS.split(text) if p.strip(" |")]
        if parts:
            return max(parts, key=len)
    # nothing names the site (a document in a frame): the body its text names most
    return _most_named_organisation(" ".join(_page_text(p) for p in pages)) or host


_PROVINCE_WORD = re.compile(r"\b(?:tỉnh|thành phố) (?=\w)")


def _place_words(words: list[str]) -> list[str]:
    """The capitalised words of a place's name, up to the first lower-case word or punctuation."""
    out = []
    for word in words:
        bare = word.rstrip(".,;:)")
        if not bare[:1].isupper():
            break
        out.append(bare)
        if bare != word:
            break
    return out


def _most_named_organisation(text: str) -> str | None:
    """The organisation of a province that a page's text names at least twice, most often: a
    document shown in a frame (Lotus Domino) has no banner, footer or title naming its site, but
    its text names its own body at every turn. Each name is the shortest run of up to six words
    before 'tỉnh/thành phố X' that opens with an organisation's head ('Hội trường Hội Nông dân
    tỉnh X' → 'Hội Nông dân tỉnh X')."""
    counts: dict[str, list[str]] = {}
    for m in _PROVINCE_WORD.finditer(text):
        place = _place_words(text[m.end():].split()[:3])
        if not place:
            continue
        tail = m.group(0) + " ".join(place)
        words = text[:m.start()].split()[-6:]
        for i in range(len(words) - 1, -1, -1):
            span = " ".join([*words[i:], tail])
            if starts_with_org_head(span):  # not a hall or a conference (lexicon: not_organisations)
                counts.setdefault(_name_key(span), []).append(span)
                break
    best = max(counts.values(), key=len, default=[])
    return best[0] if len(best) >= 2 else None


def _written_out(name: str, candidates: list[str]) -> str:
    """The name with its head written out: a <title> short of space says 'LĐLĐ tỉnh X' where the
    banner or footer writes 'Liên đoàn Lao động tỉnh X'. The page's own full form of the same
    organisation is preferred (its spelling, a 'tỉnh' the short one left out), else the short
    forms are expanded from the lexicon (organisations.toml, archive/organisations.expand_head)."""
    expanded = expand_head(name)
    if expanded == normalize_tone_marks(name.strip()):
        return _spelled_in_full(name, candidates) or name
    key = _name_key(expanded)
    for text in candidates:
        for span in _org_spans(text):
            if expand_head(span) == normalize_tone_marks(span.strip()) and _name_key(span) == key:
                return span
    return expanded


def _spelled_in_full(name: str, candidates: list[str]) -> str | None:
    """The page's fuller form of a short name the lexicon cannot expand: a site builder's
    og:site_name says 'Liên hiệp Hội X' (the KH&KT union or the arts union alike) where its banner
    writes 'Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh X'. A span is the fuller form when it names
    the same place, opens with the same word, and its head holds the short head's words in order
    among more of its own; a body of a district of X ('… huyện Y tỉnh X') names another place."""
    short = _name_key(name).split()
    for text in candidates:
        for span in _org_spans(text):
            place_at = _PLACE.search(span)
            if place_at is None:
                continue
            head, place = _name_key(span[:place_at.start()]).split(), _name_key(span[place_at.start():]).split()
            own = short[:len(short) - len(place)]
            if head and len(short) > len(place) and short[len(own):] == place and own[0] == head[0] \
                    and len(head) > len(own) and _in_order(own, head):
                return span
    return None


def _in_order(words: list[str], among: list[str]) -> bool:
    """`words` appear in `among` in the same order, other words between them allowed."""
    rest = iter(among)
    return all(w in rest for w in words)


def _name_key(name: str) -> str:
    """What two spellings of one organisation's name share: case, tone-mark placement, dashes
    and the place words ('tỉnh', 'thành phố') aside."""
    return " ".join(fold(_PLACE.sub(" ", normalise_dashes(name))).split())


def province_guess(host: str, name: str, titles: str, pages: list[SitePage]) -> tuple[str | None, str | None]:
    """(current, former): from the host and the name, else the pages' titles, else the banner and
    footer lines, else any text of the pages. A site whose name was not found still says where it
    is somewhere (an address, a banner in capitals): a province to check beats none, which the
    registry check rejects outright."""
    current, former = _guess_province(host, name)
    for text in (titles, " ".join(_name_candidates(pages))):
        if current:
            break
        current, former = _guess_province(host, text)
    if not current:  # the text alone: the province it names most
        current, former = most_named_province(" ".join(_page_text(p) for p in pages))
    return current, former


def _page_text(page: SitePage) -> str:
    """The page's visible text (no scripts or styles)."""
    sel = Selector(text=page.html)
    return " ".join(sel.xpath("//body//text()[not(ancestor::script or ancestor::style)]").getall())


def organisation_kind(name: str, host: str) -> str:
    """The registry's kind: from the organisation's name (the gazetteer), else the host and
    name's hints ('baothanhhoa.vn', 'ldld.', 'Cổng thông tin')."""
    kind = org_kind(name)
    kind = _KIND_OF_ORG.get(kind, kind) if kind else None
    if kind in (None, "other") and _DEPARTMENT.match(unicodedata.normalize("NFC", name.strip())):
        kind = "so"
    folded = fold(name)
    if not kind and "thi dua" in folded and "khen thuong" in folded:
        kind = "btdkt"
    if not kind and re.search(r"\bthanh doan\b", folded):
        kind = "tinh-doan"
    if not kind and re.match(r"^(bao|tap chi|dai phat thanh|truyen hinh)\b", folded):
        kind = "newspaper"
    if not kind and re.search(r"cong thong tin|cong ttdt", folded):
        kind = "portal"
    return kind if kind in ORGANISATION_KINDS else _guess_kind(host, name + " " + host)


# -- which template and which routes --------------------------------------------------------

class PlatformFit(NamedTuple):
    """One platform block's evidence on the site's pages; `weak` says why it is not proposed
    ("" when it is)."""

    platform: str
    score: float
    detail: str
    weak: str


def _article_side(articles: list[SitePage], rules: dict[str, Any]) -> tuple[float | None, str]:
    """The block's best article score, and why that page does not make it the site's template."""
    if not articles:
        return None, "no article page given"
    sels = [(Selector(text=p.html), p) for p in articles]
    score, sel = max(((_score(s, p.url, rules), s) for s, p in sels), key=lambda x: x[0])
    missed = missed_fields(sel, rules)
    if missed:
        return score, "its selectors miss the article page's " + ", ".join(missed)
    return score, "" if score >= PLATFORM_FIT else f"article {score:.2f} < {PLATFORM_FIT}"


def _listing_side(listings: list[SitePage], rules: dict[str, Any]) -> tuple[float | None, str]:
    """The block's listing score: its article links (of its own address shape) on the listing
    page, three or more."""
    if not listings:
        return None, "no listing page given"
    if not rules.get("article_links"):
        return None, "it has no listing selector"
    score = max(min(1.0, len(listing_links(Selector(text=p.html), rules)) / 3) for p in listings)
    return score, "" if score >= 1.0 else "its listing selector finds no article links"


def score_platforms(pages: list[SitePage], platforms: dict[str, dict[str, Any]]) -> list[PlatformFit]:
    """Every block with some evidence, best first. A block is proposed only on evidence from
    both kinds of page (the issue's Deliver 3): its fields on the article page, the core ones
    all found, and three or more article links of its own shape on a listing page. Evidence
    from one page, or fields only partly found, is weak: many portals share class names
    (`h1.news-title`, `div.news-item h3 a`), and a wrong block's listing selector would hide
    the articles generic discovery finds. A block whose listing selector finds nothing on the
    listing page given is left out."""
    articles = [p for p in pages if p.kind == "article"]
    listings = [p for p in pages if p.kind == "listing"]
    out = []
    for pid, rules in platforms.items():
        if rules.get("generic"):
            continue
        art, art_weak = _article_side(articles, rules)
        lst, lst_weak = _listing_side(listings, rules)
        if lst is not None and lst < 1.0:
            continue  # its listing selector does not find the site's articles
        parts = [x for x in (art, lst) if x is not None]
        if not parts or not sum(parts):
            continue
        detail = ", ".join(f"{k} {v:.2f}" for k, v in (("article", art), ("listing", lst)) if v is not None)
        out.append(PlatformFit(pid, round(sum(parts) / len(parts), 3), detail, art_weak or lst_weak))
    return sorted(out, key=lambda x: (-x.score, x.platform))


def page_routes(pages: list[SitePage]) -> dict[str, Any]:
    """What the given pages offer to discovery: article links by address shape, the listing's
    next page, announced feeds."""
    routes: dict[str, Any] = {"links": 0, "pagination": None, "feeds": []}
    for page in pages:
        if page.kind == "article":
            continue
        root = page.root
        host = urlsplit(page.url).netloc
        base = document_base(root, page.url)  # <base href>: what the page's relative links mean
        links = [resolve_link(base, a.get("href")) for a in root.iter("a") if a.get("href")]
        links = [u for u in links if urlsplit(u).netloc == host and not is_static(u)]
        routes["links"] = max(routes["links"], len(article_urls(links)))
        found = next_page(root, page.url)
        if found and not routes["pagination"]:
            routes["pagination"] = found.how
        for el in root.iter("link"):
            if "alternate" in (el.get("rel") or "") and "xml" in (el.get("type") or ""):
                routes["feeds"].append(resolve_link(base, (el.get("href") or "").strip()))
    routes["feeds"] = list(dict.fromkeys(routes["feeds"]))
    return routes


# -- the entry --------------------------------------------------------------------------------

def _toml(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _source_id(province: str | None, kind: str, host: str, taken: set[str]) -> str:
    prov = re.sub(r"[^a-z0-9]+", "-", fold(province or "")).strip("-") or "tinh"
    label = re.sub(r"[^a-z0-9]+", "-", host.split(".")[0].lower()).strip("-") or "site"
    base = f"{prov}-{kind}" if kind not in ("other", "portal") else f"{prov}-{label}"
    sid, n = base, 2
    while sid in taken:
        sid, n = f"{base}-{n}", n + 1
    return sid


def _local_host(host: str) -> bool:
    """localhost or a loopback/private address literal: a site the user runs nearby (the
    crawler refuses such addresses unless the entry allows them)."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return not ipaddress.ip_address(host).is_global
    except ValueError:
        return False


def propose(url: str, pages: list[SitePage], platforms: dict[str, dict[str, Any]], *,
            sitemaps: Iterable[str] = (), sitemap_entries: int | None = None,
            taken_ids: Iterable[str] = (), feeds: Iterable[str] = ()) -> str:
    """The `[[source]]` entry (with comments saying what was found) for the site of `url`;
    `feeds`: linked feeds found to answer RSS/Atom (answered_feeds), beside the announced ones."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    home = f"{parts.scheme}://{parts.netloc}/"
    name = site_name(pages, host)
    kind = organisation_kind(name, host)
    text = name + " " + " ".join(Selector(text=p.html).css("title::text").get() or "" for p in pages)
    current, former = province_guess(host, name, text, pages)
    guesses = score_platforms(pages, platforms)
    chosen = next((g for g in guesses if not g.weak), None)
    platform = chosen.platform if chosen else "generic"
    routes = page_routes(pages)
    routes["feeds"] = list(dict.fromkeys([*routes["feeds"], *feeds]))
    lines = ["# pages read: " + ", ".join(f"{p.kind} {p.url}" for p in pages)]
    lines.append("# platform guesses: " + (", ".join(f"{g.platform} {g.score:.2f} ({g.detail})" for g in guesses[:3])
                                           or "none fits: generic discovery and extraction"))
    if guesses and not chosen:
        hint = "; a block needs an article page and a listing page (--file, repeatable)" \
            if guesses[0].weak.endswith("page given") else ""
        lines.append(f"# not proposed: {guesses[0].platform} ({guesses[0].weak}): generic discovery and "
                     f"extraction{hint}")
    lines.append(f"# article links on the listing page: {routes['links']}; next page: "
                 f"{routes['pagination'] or 'none found'}; feeds: {len(routes['feeds'])}; sitemaps: "
                 + (f"{len(list(sitemaps))} ({sitemap_entries} entries)" if sitemap_entries is not None
                    else "not looked up (offline): the crawl reads robots.txt and /sitemap.xml"))
    if not current:
        lines.append("# province not recognised: set province (one of the 34) by hand")
    for page in pages:
        if page.repairs:
            lines.append(f"# {page.url}: decoded with repairs: {'; '.join(page.repairs)}")
    lines += ["[[source]]", f"id = {_toml(_source_id(current, kind, host, set(taken_ids)))}",
              f"name = {_toml(name)}", f"organisation = {_toml(name)}",
              f"organisation_kind = {_toml(kind)}", f"province = {_toml(current or '')}"]
    if former:
        lines.append(f"province_former = {_toml(former)}")
    lines += [f"platform = {_toml(platform)}", f"start_urls = [{_toml(home)}]"]
    if list(sitemaps):
        lines.append(f"sitemaps = {_toml(list(sitemaps))}")
    if routes["feeds"]:
        lines.append(f"feeds = {_toml(routes['feeds'])}")
    if _local_host(parts.hostname or "") and "allow_local" in SOURCE_KEYS:
        lines.append("allow_local = true  # the site lives on a local or private address")
    lines += ["verified = false", f"evidence = {_toml(url)}"]
    return "\n".join(lines) + "\n"
