"""The sources registry: `sources/platforms.toml` + one `[[source]]` table per site.

A site is a few lines of data pointing at a platform (a template family); everything that
varies between sites of one family goes into `overrides`. Loading fails loudly with the file
and the entry named, because a cron job that silently skips a misconfigured site loses data
for months before anyone notices.
"""

from __future__ import annotations

import os
import re
import string
import tomllib
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive import resources
from archive.lexicons import load as load_lexicon

DEFAULT_DIR = resources.path("sources")
PLATFORMS_FILE = "platforms.toml"

# Keys a platform block may set; anything else is a typo that would silently do nothing.
PLATFORM_KEYS = {
    "description", "article_links", "next_page", "article_url", "title", "date", "author",
    "lead", "body", "captions", "drop", "byline", "sitemap", "feed", "listing_url",
    "examples", "notes", "generic",
}
SOURCE_KEYS = {
    "id", "name", "organisation", "organisation_kind", "province", "province_former",
    "platform", "start_urls", "verified", "overrides", "evidence", "notes", "sitemaps",
    "feeds", "max_pages", "url", "status", "archive_hosts", "discovery_depth", "scope",
    # crawl policy (crawler/middlewares.py): hosts beyond the start URLs' that the source may
    # fetch, whether it may fetch local/private addresses, its pace (requests at once, seconds)
    "allowed_hosts", "allow_local", "concurrency", "delay",
}
REQUIRED_SOURCE_KEYS = ("id", "name", "province", "platform", "start_urls")
_ORGANISATIONS = load_lexicon("organisations")
# One list of kinds (archive/lexicons/organisations.toml): the gazetteer's kind codes, which
# `sources add` reads off a site's name, plus the kinds only a site has (newspaper, portal).
ORGANISATION_KINDS = {k["code"] for k in _ORGANISATIONS["kind"]} | set(_ORGANISATIONS["source_only_kinds"])
# A kind the registry once had → the kind it is read as now (`snv` → `so`): old entries load.
FORMER_KINDS: dict[str, str] = dict(_ORGANISATIONS["former_kinds"])
# A source's life since the 2025-07-01 merger: `active` sites are crawled every run; `frozen`
# ones (a former province's outlet that stopped publishing at the merger) hold only old pages,
# so `thidua crawl` visits them rarely and `thidua backfill` fills the gaps from web archives;
# `gone` ones are taken down, so only the archives still have their pages.
SOURCE_STATUSES = ("active", "frozen", "gone")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class SourcesError(Exception):
    """The registry cannot be used as written; the message names the file and entry."""


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    province: str
    platform: str
    start_urls: tuple[str, ...]
    rules: dict[str, Any]
    organisation: str = ""
    organisation_kind: str = "other"
    province_former: str | None = None
    verified: bool = False
    status: str = "active"
    file: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def domains(self) -> list[str]:
        from urllib.parse import urlsplit

        return sorted({urlsplit(u).hostname or "" for u in self.start_urls})

    @property
    def archive_hosts(self) -> list[str]:
        """Hosts whose captures in web archives are this source's pages: its start URLs'
        hosts (with their ports, as archives key them) and the domains it published under
        before (`archive_hosts`, e.g. a paper that moved from .org.vn to .vn)."""
        from urllib.parse import urlsplit

        hosts = [urlsplit(u).netloc for u in self.start_urls]
        return list(dict.fromkeys(hosts + list(self.extra.get("archive_hosts", []))))


    @property
    def allowed_hosts(self) -> frozenset[str]:
        """The hosts this source may fetch, as `archive.urls.host_key` spells them: those of
        its start URLs, sitemaps and feeds, plus `allowed_hosts` and its former
        `archive_hosts`. The one definition both the crawler's offsite policy (every request)
        and discovery (which links to follow) use."""
        from archive.urls import host_key

        extra = self.extra
        urls = [*self.start_urls, *extra.get("sitemaps", []), *extra.get("feeds", []),
                *extra.get("allowed_hosts", []), *extra.get("archive_hosts", [])]
        return frozenset(host_key(u) for u in urls)


def current_kind(kind: str) -> str:
    """The kind an entry's `organisation_kind` is read as: a former kind's successor (`snv` →
    `so`), so a registry file written before the rename still loads and counts with its peers."""
    return FORMER_KINDS.get(kind, kind)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{path}: not valid TOML ({exc}). Fix the syntax and run "
                           f"`thidua sources check`.") from exc
    except OSError as exc:
        raise SourcesError(f"{path}: cannot be read ({exc}).") from exc


# Built in: no selectors at all, so links are discovered by URL shape (and sitemaps/feeds) and
# pages go through the generic extractor (JSON-LD, meta tags, main-content detection).
GENERIC = {"description": "Any site: generic link discovery and generic extraction."}


def load_platforms(directory: Path = DEFAULT_DIR) -> dict[str, dict[str, Any]]:
    """Platform id → rules. Unknown keys are errors: a misspelt selector would match nothing."""
    path = Path(directory) / PLATFORMS_FILE
    if not path.exists():
        return {"generic": dict(GENERIC)}
    data = _read_toml(path)
    platforms = {"generic": dict(GENERIC), **data.get("platforms", {})}
    if not isinstance(platforms, dict):
        raise SourcesError(f"{path}: expected [platforms.<id>] tables.")
    for pid, rules in platforms.items():
        unknown = set(rules) - PLATFORM_KEYS
        if unknown:
            raise SourcesError(f"{path}: platform '{pid}' has unknown keys {sorted(unknown)}; "
                               f"allowed: {sorted(PLATFORM_KEYS)}.")
    return platforms


def _expand(value: str, where: str) -> str:
    """`${DEMO_URL}` style placeholders from the environment (used by the bundled demo)."""
    try:
        return string.Template(value).substitute(os.environ)
    except KeyError as exc:
        raise SourcesError(f"{where}: start URL '{value}' needs the environment variable "
                           f"{exc.args[0]} (the demo sets it; `thidua demo` does that).") from exc


def parse_source(entry: dict[str, Any], platforms: dict[str, dict[str, Any]], where: str) -> Source:
    missing = [k for k in REQUIRED_SOURCE_KEYS if not entry.get(k)]
    if missing:
        raise SourcesError(f"{where}: missing {', '.join(missing)}.")
    unknown = set(entry) - SOURCE_KEYS
    if unknown:
        raise SourcesError(f"{where}: unknown keys {sorted(unknown)}; allowed: {sorted(SOURCE_KEYS)}.")
    sid = entry["id"]
    if not _ID.match(sid):
        raise SourcesError(f"{where}: id '{sid}' must be kebab-case ASCII (e.g. thanh-hoa-ldld).")
    platform = entry["platform"]
    if platform not in platforms:
        raise SourcesError(f"{where}: unknown platform '{platform}'; known: {sorted(platforms)}.")
    overrides = entry.get("overrides", {}) or {}
    unknown = set(overrides) - PLATFORM_KEYS
    if unknown:
        raise SourcesError(f"{where}: unknown override keys {sorted(unknown)}.")
    start_urls = entry["start_urls"]
    if isinstance(start_urls, str):
        start_urls = [start_urls]
    urls = tuple(_expand(u, where) for u in start_urls)
    for u in urls:
        if not re.match(r"^https?://", u):
            raise SourcesError(f"{where}: start URL '{u}' must start with http:// or https://.")
    for key in ("sitemaps", "feeds", "scope"):
        if key in entry:
            values = [entry[key]] if isinstance(entry[key], str) else list(entry[key])
            entry = {**entry, key: [_expand(u, where) for u in values]}
    kind = current_kind(entry.get("organisation_kind", "other"))
    if kind not in ORGANISATION_KINDS:
        raise SourcesError(f"{where}: organisation_kind '{kind}' is not one of {sorted(ORGANISATION_KINDS)}.")
    status = entry.get("status", "active")
    if status not in SOURCE_STATUSES:
        raise SourcesError(f"{where}: status '{status}' is not one of {list(SOURCE_STATUSES)} "
                           f"(frozen: stopped publishing; gone: taken down).")
    hosts = entry.get("archive_hosts", [])
    if isinstance(hosts, str) or not all(isinstance(h, str) and h and "/" not in h
                                          for h in hosts):
        raise SourcesError(f"{where}: archive_hosts must be a list of host names "
                           f"(e.g. [\"baobackan.org.vn\"]), not {hosts!r}.")
    _check_policy_keys(entry, where)
    rules = {**platforms[platform], **overrides}
    known = SOURCE_KEYS | {"file"}
    return Source(
        id=sid, name=entry["name"], province=entry["province"], platform=platform,
        start_urls=urls, rules=rules, organisation=entry.get("organisation", ""),
        organisation_kind=kind, province_former=entry.get("province_former"),
        verified=bool(entry.get("verified", False)), status=status, file=where.split(":")[0],
        extra={k: v for k, v in entry.items() if k in known and k not in {
            "id", "name", "province", "platform", "start_urls", "overrides", "organisation",
            "organisation_kind", "province_former", "verified", "status"}},
    )


def _check_policy_keys(entry: dict[str, Any], where: str) -> None:
    """The crawl-policy keys have the types the crawler needs; a wrong one is named."""
    hosts = entry.get("allowed_hosts", [])
    if isinstance(hosts, str) or not all(isinstance(h, str) and h for h in hosts):
        raise SourcesError(f"{where}: allowed_hosts must be a list of hosts (\"host\" or "
                           f"\"host:port\"), not {hosts!r}.")
    if not isinstance(entry.get("allow_local", False), bool):
        raise SourcesError(f"{where}: allow_local must be true or false.")
    conc = entry.get("concurrency", 1)
    if isinstance(conc, bool) or not isinstance(conc, int) or conc < 1:
        raise SourcesError(f"{where}: concurrency must be a whole number ≥ 1, not {conc!r}.")
    delay = entry.get("delay", 0)
    if isinstance(delay, bool) or not isinstance(delay, int | float) or delay < 0:
        raise SourcesError(f"{where}: delay must be a number of seconds ≥ 0, not {delay!r}.")


def source_files(directory: Path = DEFAULT_DIR) -> list[Path]:
    return sorted(p for p in Path(directory).glob("*.toml") if p.name != PLATFORMS_FILE)


def load_sources(
    files: list[Path] | None = None,
    directory: Path = DEFAULT_DIR,
    *,
    skip_unexpandable: bool | Collection[str] = False,
) -> list[Source]:
    """Every source in `files` (default: all registry files). Duplicate ids are errors.

    `skip_unexpandable` leaves out entries whose placeholders are unset (the demo sources when
    no demo server runs), so that `thidua crawl` over the whole registry works outside the demo.
    Given ids instead of True, it leaves out all such entries but those: `thidua crawl --source
    thanh-hoa-ldld` must not stop at the demo's `${DEMO_URL}`, `--source demo-ldld` must.
    """
    platforms = load_platforms(directory)
    if files is None:
        files = source_files(directory)
    seen: dict[str, str] = {}
    sources: list[Source] = []
    for path in files:
        path = Path(path)
        data = _read_toml(path)
        entries = data.get("source", [])
        if not isinstance(entries, list):
            raise SourcesError(f"{path}: expected [[source]] entries.")
        for i, entry in enumerate(entries, 1):
            where = f"{path}: [[source]] #{i} ({entry.get('id', '?')})"
            try:
                src = parse_source(entry, platforms, where)
            except SourcesError as exc:
                wanted = skip_unexpandable if not isinstance(skip_unexpandable, bool) else ()
                if skip_unexpandable and "environment variable" in str(exc) \
                        and entry.get("id") not in wanted:
                    continue
                raise
            if src.id in seen:
                raise SourcesError(f"{where}: duplicate id '{src.id}' (also in {seen[src.id]}).")
            seen[src.id] = str(path)
            sources.append(src)
    return sources


def select_sources(sources: list[Source], ids: list[str] | tuple[str, ...]) -> list[Source]:
    """Keep the sources named by `ids`; an unknown id is an error that lists the known ones."""
    if not ids:
        return sources
    by_id = {s.id: s for s in sources}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise SourcesError(f"unknown source id(s) {unknown}; run `thidua sources` to list them.")
    return [by_id[i] for i in ids]
