"""`thidua sources probe`: look for provincial union federation sites where they usually are.

Several federations publish under `ldld.<province>.gov.vn` or `congdoan.<province>.gov.vn`,
and every provincial portal links the province's organisations from a 'Liên kết website'
block or page. Public material found only some of them (see the registry), so where the
network allows, this tries the patterns and reads the portals' links, politely (one request
at a time, a delay between), and prints ready-to-review `[[source]]` entries whose `evidence`
says what answered and when. Nothing is written to the registry.

`resolve` maps host names to other base URLs (`*` for every host), the way curl's `--resolve`
does, so that tests (and a user behind a mirror) point the patterns at local servers; the
request keeps its `Host` header.
"""

from __future__ import annotations

import re
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from parsel import Selector

from archive.normalize import fold
from archive.registry import FORMER_TO_CURRENT, canonical_province, current_provinces
from archive.sources import Source
from archive.urls import document_base, resolve_link

USER_AGENT = "thidua-archive/0.1 (+sources probe: a few requests per province)"
PATTERNS = ("ldld.{slug}.gov.vn", "congdoan.{slug}.gov.vn")
PORTAL = "{slug}.gov.vn"
# Provinces whose domains do not follow the folded name (Hồ Chí Minh's portal is
# hochiminhcity.gov.vn, Bà Rịa - Vũng Tàu's baria-vungtau.gov.vn).
SLUG_EXCEPTIONS = {"Hồ Chí Minh": ["hochiminhcity", "tphcm"],
                   "Bà Rịa - Vũng Tàu": ["baria-vungtau"]}
_UNION_TEXT = re.compile(r"lien doan lao dong|cong doan")
_UNION_HOST = re.compile(r"(^|[.-])(ldld|congdoan|laodong)|congdoan|ldld")
_LINKS_PAGE = re.compile(r"lien ket")
EARLY_OFFLINE = 6  # this many network errors before any answer: no network


class OfflineError(Exception):
    """Nothing answered: no network (or every host refused)."""


def province_slugs(provinces: Iterable[str] | None = None) -> list[tuple[str, str, str]]:
    """(current province, province as named, slug) for the 34 current and 63 former
    provinces (or those named), one per slug."""
    if provinces:
        names = []
        for p in provinces:
            canon = canonical_province(p)
            former = next((f for f in FORMER_TO_CURRENT if fold(f) == fold(p)), None)
            if not canon and not former:
                raise ValueError(f"unknown province {p!r}: use one of the 34 current or 63 "
                                 f"former names")
            names.append(former or canon or p)
    else:
        names = list(current_provinces()) + sorted(FORMER_TO_CURRENT)
    out: dict[str, tuple[str, str, str]] = {}
    for name in names:
        current = canonical_province(FORMER_TO_CURRENT.get(name, name)) or name
        slugs = SLUG_EXCEPTIONS.get(name) or [re.sub(r"[^a-z0-9]", "", fold(name))]
        for slug in slugs:
            out.setdefault(slug, (current, name, slug))
    return list(out.values())


@dataclass
class Answer:
    url: str
    status: int | None
    html: str = ""
    error: str = ""
    network_error: bool = False


@dataclass
class Candidate:
    host: str
    url: str
    province: str
    named: str
    how: str  # what answered, for the evidence
    title: str = ""


def no_such_host(reason: object) -> bool:
    """DNS answered that the name does not exist: the network works, the host does not
    (most `ldld.<province>.gov.vn` guesses end here). A resolver that cannot be reached
    (EAI_AGAIN), a refused or timed-out connection say nothing about the host."""
    return isinstance(reason, socket.gaierror) and reason.errno in (
        socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME))


@dataclass
class Prober:
    """One request at a time, `delay` apart; `resolve` maps hosts to base URLs."""

    resolve: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.5
    timeout: float = 10.0
    sleep: Callable[[float], None] = time.sleep
    answered: int = 0
    network_errors: int = 0
    _last: float = 0.0

    def _target(self, url: str) -> tuple[str, dict[str, str]]:
        parts = urlsplit(url)
        host = parts.hostname or ""
        base = self.resolve.get(host) or self.resolve.get("*")
        if not base:
            return url, {}
        path = parts.path or "/"
        return base.rstrip("/") + path + ("?" + parts.query if parts.query else ""), \
            {"Host": parts.netloc}

    def get(self, url: str) -> Answer:
        gap = self._last + self.delay - time.monotonic()
        if gap > 0:
            self.sleep(gap)
        target, headers = self._target(url)
        req = urllib.request.Request(target, headers={"User-Agent": USER_AGENT, **headers})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                raw = resp.read(2_000_000)
                charset = resp.headers.get_content_charset() or "utf-8"
                answer = Answer(url, resp.status, raw.decode(charset, errors="replace"))
        except urllib.error.HTTPError as exc:
            answer = Answer(url, exc.code)
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            answer = Answer(url, None, error=f"{type(reason).__name__}: {reason}",
                            network_error=not no_such_host(reason))
        finally:
            self._last = time.monotonic()
        if answer.network_error:
            self.network_errors += 1
            if not self.answered and self.network_errors >= EARLY_OFFLINE:
                raise OfflineError(answer.error)
        else:
            self.answered += 1
        return answer

    def home(self, host: str) -> Answer:
        """https first, then http (many provincial sites still answer only on http)."""
        answer = self.get(f"https://{host}/")
        if answer.network_error:
            answer = self.get(f"http://{host}/")
        return answer


def _title(html: str) -> str:
    return " ".join((Selector(text=html).css("title::text").get() or "").split())[:120]


def looks_like_union(html: str) -> bool:
    head = fold(html[:60_000])
    return bool(_UNION_TEXT.search(head))


def portal_links(html: str, base: str) -> tuple[list[tuple[str, str]], str | None]:
    """(links that name a union federation, as (URL, text)), and the portal's links page."""
    sel = Selector(text=html)
    base = document_base(sel.root, base)  # the page's <base href>, when it has one
    found: list[tuple[str, str]] = []
    links_page = None
    for a in sel.css("a[href], option[value]"):
        href = a.attrib.get("href") or a.attrib.get("value") or ""
        text = " ".join(" ".join(a.css("::text").getall()).split())
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        url = resolve_link(base, href)
        host = (urlsplit(url).hostname or "").lower()
        label = fold(text)
        if _UNION_TEXT.search(label) or (_UNION_HOST.search(host) and host.endswith(".vn")):
            found.append((url, text))
        elif links_page is None and _LINKS_PAGE.search(label) and \
                urlsplit(url).hostname == urlsplit(base).hostname:
            links_page = url
    return found, links_page


def probe_province(prober: Prober, current: str, named: str, slug: str) -> list[Candidate]:
    """Candidates for one province: the two host patterns, then the portal's links."""
    out: list[Candidate] = []
    for pattern in PATTERNS:
        host = pattern.format(slug=slug)
        answer = prober.home(host)
        if answer.status == 200 and looks_like_union(answer.html):
            out.append(Candidate(host, answer.url, current, named,
                                 f"{answer.url} answered HTTP 200", _title(answer.html)))
    portal = prober.home(PORTAL.format(slug=slug))
    if portal.status != 200:
        return out
    links, links_page = portal_links(portal.html, portal.url)
    where = portal.url
    if not links and links_page:
        page = prober.get(links_page)
        if page.status == 200:
            links, _ = portal_links(page.html, links_page)
            where = links_page
    seen = {c.host for c in out}
    for url, text in links:
        host = (urlsplit(url).hostname or "").lower()
        if host in seen:
            continue
        seen.add(host)
        answer = prober.home(host)
        state = f"answered HTTP {answer.status}" if answer.status else "did not answer"
        out.append(Candidate(host, f"https://{host}/", current, named,
                             f"linked as '{text}' from {where}; {state}",
                             _title(answer.html) if answer.status == 200 else ""))
    return out


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def candidate_entry(c: Candidate, today: str, taken: set[str] | None = None) -> str:
    """A `[[source]]` block to review and paste into sources/<province>.toml; its id is
    unique among `taken` (the registry's ids and those proposed before), which it joins."""
    from archive.registry import province_file_name

    taken = set() if taken is None else taken
    former = c.named if fold(c.named) != fold(c.province) else None
    sid = f"{_slug(c.province)}-ldld" + (f"-{_slug(former)}" if former else "")
    if sid in taken:
        sid = f"{sid}-{_slug(c.host.removeprefix('www.').split('.')[0])}"
    base, n = sid, 2
    while sid in taken:
        sid, n = f"{base}-{n}", n + 1
    taken.add(sid)
    name = c.title or f"Liên đoàn Lao động {c.named}"
    lines = [f"# for sources/{province_file_name(c.province)}: review before pasting",
             "[[source]]", f'id = "{sid}"', f'name = "{name}"',
             f'organisation = "Liên đoàn Lao động tỉnh {c.named}"',
             'organisation_kind = "ldld"', f'province = "{c.province}"']
    if former:
        lines.append(f'province_former = "{former}"')
    lines += ['platform = "generic"', f'start_urls = ["{c.url}"]', "verified = false",
              f'status = "{"frozen" if former else "active"}"',
              f'evidence = "probe {today}: {c.how}"']
    return "\n".join(lines) + "\n"


def run_probe(prober: Prober, provinces: Iterable[tuple[str, str, str]],
              known: Iterable[Source] = ()) -> tuple[list[Candidate], list[Candidate]]:
    """(new candidates, candidates already in the registry). Raises OfflineError."""
    known_hosts = {h.split(":")[0].lower().removeprefix("www.")
                   for s in known for h in s.archive_hosts}
    new: list[Candidate] = []
    old: list[Candidate] = []
    for current, named, slug in provinces:
        for c in probe_province(prober, current, named, slug):
            (old if c.host.removeprefix("www.") in known_hosts else new).append(c)
    if not prober.answered:
        raise OfflineError(f"{prober.network_errors} request(s), none answered")
    return new, old


def today() -> str:
    return datetime.now(UTC).date().isoformat()
