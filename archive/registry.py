"""Checks and tools for the sources registry (`sources/*.toml`): validation, coverage,
proposing entries; platform guessing (archive/platformguess.py) and the live check
(archive/livecheck.py) live apart and are imported from here as before.

`archive.sources` loads the registry and stops at the first error, which is what a crawl
wants. Editing the registry wants the opposite: every problem at once, each naming the file
and the line, so that `thidua sources check` can be fixed in one pass. This module therefore
reads the files itself and reuses `archive.sources.parse_source` entry by entry.
"""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from parsel import Selector

from archive.lexicons import load as load_lexicon
from archive.livecheck import (
    USER_AGENT,
    LiveResult,
    check_live,
    fetch_url,
    live_exit_code,
    live_report,
    write_live_results,
)
from archive.normalize import fold, nfc, normalize_tone_marks
from archive.platformguess import guess_platform
from archive.sources import (
    DEFAULT_DIR,
    ORGANISATION_KINDS,
    PLATFORMS_FILE,
    Source,
    SourcesError,
    current_kind,
    load_platforms,
    parse_source,
    source_files,
)

# Names the CLI and the tests import from here.
__all__ = [
    "FORMER_TO_CURRENT",
    "ORGANISATION_KIND_LABELS",
    "USER_AGENT",
    "LiveResult",
    "Problem",
    "canonical_former",
    "canonical_province",
    "check_live",
    "check_registry",
    "coverage_counts",
    "coverage_table",
    "current_provinces",
    "fetch_url",
    "guess_platform",
    "live_exit_code",
    "live_report",
    "load_registry",
    "mark_verified",
    "propose_entry",
    "province_file_name",
    "write_live_results",
]

# Since 2025-07-01 (Resolution 202/2025/QH15) each former province (63) belongs to one current
# province or city (34). The table lives in archive/places.py (one source of truth for ingest,
# meetings and the registry); here it is keyed by name, with Huế under both its former name
# ("Thừa Thiên Huế") and its current one.
def _former_to_current() -> dict[str, str]:
    from archive.places import current_provinces as current_by_code
    from archive.places import former_provinces

    names = current_by_code()
    table = {former: names[new] for former, (_old, new) in former_provinces().items()}
    table.update({name: name for name in names.values()})
    return table


FORMER_TO_CURRENT: dict[str, str] = _former_to_current()

# Each kind's short label (archive/lexicons/organisations.toml `[kind_labels]`, the kinds' list).
ORGANISATION_KIND_LABELS: dict[str, str] = dict(load_lexicon("organisations")["kind_labels"])


def _key(name: str) -> str:
    """Comparable form of a province name: folded, 'thành phố/tỉnh' prefix and dashes out."""
    k = fold(unicodedata.normalize("NFC", name or ""))
    k = re.sub(r"^(thanh pho|tp\.?|tinh)\s+", "", k)
    return re.sub(r"[\s\-–—]+", " ", k).strip()


def current_provinces() -> list[str]:
    """The 34 current provinces and cities, short names ('Hà Nội', 'Huế', 'Thanh Hóa')."""
    import vietnam_provinces as vp

    names = [re.sub(r"^Thành phố\s+", "", p.name) for p in vp.Province.iter_all()]
    return names


_CURRENT = {_key(n): n for n in current_provinces()}
_FORMER = {_key(n): n for n in FORMER_TO_CURRENT}
assert {_key(v) for v in FORMER_TO_CURRENT.values()} == set(_CURRENT), "merger table drifted"


def canonical_province(name: str) -> str | None:
    """The gazetteer's spelling of a current province ('TP Hồ Chí Minh' → 'Hồ Chí Minh')."""
    return _CURRENT.get(_key(name))


def canonical_former(name: str) -> str | None:
    return _FORMER.get(_key(name))


def province_file_name(province: str) -> str:
    """'Thanh Hóa' → 'thanh-hoa.toml': the one registry file per current province."""
    return re.sub(r"[^a-z0-9]+", "-", fold(province)).strip("-") + ".toml"


# ---------------------------------------------------------------------------------------
# Offline check
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    """One thing wrong in the registry, located precisely enough to fix without searching."""

    file: str
    line: int | None
    entry: str | None
    message: str
    severity: str = "error"  # "error" fails the check; "warning" is reported only

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        who = f" [{self.entry}]" if self.entry else ""
        return f"{where}{who}: {self.severity}: {self.message}"


def _entry_lines(text: str) -> list[int]:
    """Line numbers (1-based) where each `[[source]]` table starts."""
    return [i for i, line in enumerate(text.splitlines(), 1) if line.strip() == "[[source]]"]


def _toml_error_line(exc: tomllib.TOMLDecodeError) -> int | None:
    m = re.search(r"line (\d+)", str(exc))
    return int(m.group(1)) if m else None


def check_registry(directory: Path | str = DEFAULT_DIR) -> list[Problem]:
    """Every problem in the registry at `directory`, offline. Empty list = the registry is fine.

    Checks: TOML syntax; platform blocks load; each entry's schema (via `parse_source`);
    duplicate ids across files; unknown platforms; province and former-province names against
    the gazetteer and the merger table; start URLs are http(s); the file a province's
    entries live in; `verified` and `evidence` present (warnings).
    """
    directory = Path(directory)
    problems: list[Problem] = []
    platforms_path = directory / PLATFORMS_FILE
    try:
        platforms = load_platforms(directory)
    except SourcesError as exc:
        line = None
        if isinstance(exc.__cause__, tomllib.TOMLDecodeError):
            line = _toml_error_line(exc.__cause__)
        problems.append(Problem(str(platforms_path), line, None, str(exc)))
        platforms = {}
    if not platforms_path.exists():
        problems.append(Problem(str(platforms_path), None, None, "platforms file is missing"))

    seen: dict[str, str] = {}
    for path in source_files(directory):
        text = path.read_text(encoding="utf-8")
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            problems.append(Problem(str(path), _toml_error_line(exc), None,
                                    f"not valid TOML: {exc}"))
            continue
        entries = data.get("source", [])
        if not isinstance(entries, list):
            problems.append(Problem(str(path), None, None, "expected [[source]] tables"))
            continue
        lines = _entry_lines(text)
        for i, entry in enumerate(entries):
            line = lines[i] if i < len(lines) else None
            sid = str(entry.get("id", f"#{i + 1}"))
            problems.extend(_check_entry(path, line, sid, entry, platforms, seen))
    return problems


def _check_entry(path: Path, line: int | None, sid: str, entry: dict[str, Any],
                 platforms: dict[str, dict[str, Any]], seen: dict[str, str]) -> list[Problem]:
    """Every problem of one entry, in the order a reader meets its keys: id and platform, the
    province, the other fields. `seen` (id → where first defined) collects the ids."""
    found = [*_identity_problems(path, line, sid, entry, platforms, seen),
             *_province_problems(path, entry),
             *_field_problems(path, entry)]
    return [Problem(str(path), line, sid, msg, severity) for msg, severity in found]


def _error(message: str) -> tuple[str, str]:
    return message, "error"


def _warning(message: str) -> tuple[str, str]:
    return message, "warning"


def _identity_problems(path: Path, line: int | None, sid: str, entry: dict[str, Any],
                       platforms: dict[str, dict[str, Any]], seen: dict[str, str]) -> list[tuple[str, str]]:
    """A duplicate id, an unknown or missing platform, and what the loader's own schema
    checks say (the demo's ${DEMO_URL} is fine offline)."""
    out = []
    if sid in seen:
        out.append(_error(f"duplicate id '{sid}' (first defined at {seen[sid]})"))
    else:
        seen[sid] = f"{path}:{line}"
    platform = entry.get("platform")
    if platform and platforms and platform not in platforms:
        out.append(_error(f"unknown platform '{platform}'; known: {', '.join(sorted(platforms))}"))
    where = f"{path}:{line}"
    if platforms and platform in platforms:
        try:
            parse_source(entry, platforms, where)
        except SourcesError as exc:
            msg = str(exc).removeprefix(where + ": ")
            if "environment variable" not in msg:
                out.append(_error(msg))
    elif not platform:
        out.append(_error("missing platform"))
    return out


def _province_problems(path: Path, entry: dict[str, Any]) -> list[tuple[str, str]]:
    """The province against the 34 current ones (spelling, the file it belongs in) and the
    former province against the 63 and the merger table."""
    out = []
    province = entry.get("province")
    if not province:
        out.append(_error("missing province"))
    elif canonical_province(province) is None:
        out.append(_error(f"province '{province}' is not one of the 34 current provinces/cities; "
                          f"former names go in province_former (e.g. province = "
                          f"\"{FORMER_TO_CURRENT.get(canonical_former(province) or '', 'Thanh Hóa')}\")"))
    elif canonical_province(province) != province:
        out.append(_warning(f"province '{province}' should be written '{canonical_province(province)}'"))
    elif path.name != "demo.toml" and path.name != province_file_name(province):
        out.append(_warning(f"entry for {province} belongs in sources/{province_file_name(province)}"))
    former = entry.get("province_former")
    if former:
        canon = canonical_former(former)
        if canon is None:
            out.append(_error(f"province_former '{former}' is not one of the 63 provinces before 2025-07-01"))
        elif province and canonical_province(province) and \
                canonical_province(FORMER_TO_CURRENT[canon]) != canonical_province(province):
            out.append(_error(f"province_former '{former}' merged into {FORMER_TO_CURRENT[canon]}, "
                              f"not {province}"))
    return out


def _field_problems(path: Path, entry: dict[str, Any]) -> list[tuple[str, str]]:
    """The organisation kind, the start URLs, and `verified` and `evidence` (warnings)."""
    out = []
    kind = entry.get("organisation_kind", "other")
    if current_kind(kind) not in ORGANISATION_KINDS:
        out.append(_error(f"organisation_kind '{kind}' is not one of {sorted(ORGANISATION_KINDS)}"))
    urls = entry.get("start_urls") or []
    if isinstance(urls, str):
        urls = [urls]
    for u in urls:
        if not isinstance(u, str) or not (re.match(r"^https?://[^/\s]+", u) or
                                          u.startswith("${")):
            out.append(_error(f"start URL {u!r} must be an absolute http(s) URL"))
    if "verified" not in entry:
        out.append(_warning("no 'verified' field (false until `thidua sources check --live` succeeds)"))
    if path.name != "demo.toml" and not entry.get("evidence"):
        out.append(_warning("no 'evidence' (where the domain was seen); unsourced entries are left out"))
    return out


# ---------------------------------------------------------------------------------------
# Coverage
# ---------------------------------------------------------------------------------------

# The coverage table's columns: the label list's order (newspaper, the provincial bodies, portal,
# other). The bodies every province has (ALWAYS_COUNTED) keep their column even when no source is
# one, so a gap shows; a kind the gazetteer also knows (a district union, the police) gets a
# column once a source has it.
COVERAGE_KINDS = tuple(ORGANISATION_KIND_LABELS)
ALWAYS_COUNTED = ("newspaper", "ldld", "btdkt", "so", "hnd", "hlhpn", "tinh-doan", "mttq",
                  "hccb", "lhh-khkt", "portal", "other")


def coverage_counts(sources: Iterable[Source]) -> dict[str, dict[str, int]]:
    """province → organisation kind → number of sources; every current province present."""
    table = {p: {k: 0 for k in COVERAGE_KINDS} for p in current_provinces()}
    for s in sources:
        province = canonical_province(s.province)
        if province is None:
            continue
        table[province][s.organisation_kind] = table[province].get(s.organisation_kind, 0) + 1
    return table


def coverage_table(sources: Iterable[Source]) -> str:
    """A Markdown table, province × organisation kind, with totals (for the README)."""
    counts = coverage_counts(sources)
    kinds = [k for k in COVERAGE_KINDS
             if k in ALWAYS_COUNTED or any(row.get(k) for row in counts.values())]
    header = ["Tỉnh/thành"] + [ORGANISATION_KIND_LABELS[k] for k in kinds] + ["Tổng"]
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    totals = {k: 0 for k in kinds}
    for province in sorted(counts, key=fold):
        row = counts[province]
        for k in kinds:
            totals[k] += row[k]
        cells = [str(row[k]) if row[k] else "·" for k in kinds]
        rows.append(f"| {province} | " + " | ".join(cells) + f" | {sum(row.values())} |")
    rows.append("| **Tổng** | " + " | ".join(str(totals[k]) for k in kinds)
                + f" | {sum(totals.values())} |")
    covered = sum(1 for r in counts.values() if sum(r.values()))
    rows.append("")
    rows.append(f"{sum(totals.values())} sources; {covered}/{len(counts)} current provinces "
                f"covered.")
    return "\n".join(rows)


# ---------------------------------------------------------------------------------------
# Proposing entries (the platform guessed by archive/platformguess.py)
# ---------------------------------------------------------------------------------------

_KIND_HINTS = [
    ("btdkt", ("thiduakhenthuong", "thi dua khen thuong", "ban thi dua")),
    ("so", ("sonoivu", "sonv.", "so noi vu")),
    ("ldld", ("ldld", "congdoan", "lien doan lao dong", "cong doan", "laodong")),
    ("hnd", ("hoinongdan", "hoi nong dan")),
    ("hlhpn", ("phunu", "hpn.", "hoilhpn", "lien hiep phu nu")),
    ("tinh-doan", ("tinhdoan", "thanhdoan", "tinh doan", "thanh doan", "doan thanh nien")),
    ("mttq", ("mttq", "mattran", "mat tran to quoc")),
    ("hccb", ("cuuchienbinh", "ccb.", "cuu chien binh")),
    ("newspaper", ("bao", "tv.vn", "truyen hinh")),
    ("portal", (".gov.vn",)),
]


def _guess_kind(host: str, text: str) -> str:
    hay = host + " " + fold(text)
    for kind, hints in _KIND_HINTS:
        if any(h in hay for h in hints):
            return kind
    return "other"


def _guess_province(host: str, text: str) -> tuple[str | None, str | None]:
    """(current, former) from the host name and the site's own name, longest match first.

    The host outranks the text: a provincial paper's page names other provinces in its
    headlines ('baobacninh.vn' reporting on Thanh Hóa), never in its domain.
    """
    squashed_host = host.replace(".", " ").replace("-", "")
    hay = fold(text)
    best: tuple[bool, int, str] | None = None
    for key, former in _FORMER.items():
        bare = key.replace(" ", "")
        in_host = len(bare) > 4 and bare in squashed_host
        if in_host or re.search(rf"(?<![a-z]){re.escape(key)}(?![a-z])", hay):
            rank = (in_host, len(key), former)
            if best is None or rank[:2] > best[:2]:
                best = rank
    if best is None:
        return None, None
    former = best[2]
    current = canonical_province(FORMER_TO_CURRENT[former]) or FORMER_TO_CURRENT[former]
    return current, (former if _key(former) != _key(current) else None)


def most_named_province(text: str) -> tuple[str | None, str | None]:
    """(current, former) of the province a text names most often (the longer name on a tie):
    a page with nothing but its text (a document in a frame) lists every province of an
    inter-provincial meeting once, and names its own at every turn. Only names count, not the
    common nouns a name folds to ("giữ gìn hòa bình", "lòng an tâm": `_written_as_name`)."""
    text = nfc(text)
    hay = fold(text)
    aligned = len(hay) == len(text)  # fold keeps a precomposed letter one letter
    best: tuple[int, int, str] | None = None
    for key, former in _FORMER.items():
        n = sum(1 for m in re.finditer(rf"(?<![a-z]){re.escape(key)}(?![a-z])", hay)
                if not aligned or _written_as_name(text[m.start():m.end()], former))
        if n and (best is None or (n, len(key)) > best[:2]):
            best = (n, len(key), former)
    if best is None:
        return None, None
    former = best[2]
    current = canonical_province(FORMER_TO_CURRENT[former]) or FORMER_TO_CURRENT[former]
    return current, (former if _key(former) != _key(current) else None)


def _written_as_name(written: str, name: str) -> bool:
    """Whether text that folds to a province's name is the name: each word capitalised, and its
    letters, tone marks included, the name's ("Hoà Bình" is "Hòa Bình", "hòa bình" is peace)."""
    def letters(s: str) -> str:
        return "".join(c for c in normalize_tone_marks(s).lower() if c.isalpha())
    capitalised = all(w[:1].isupper() for w in written.split() if w[:1].isalpha())
    return capitalised and letters(written) == letters(name)


def _toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def propose_entry(url: str, html: str, platforms: dict[str, dict[str, Any]]) -> str:
    """A ready-to-paste `[[source]]` entry for the site of this article page.

    The platform is the best guess (or `generic-discovery` when nothing fits); the
    organisation kind and province are guessed from the host name and the page's site name
    and are marked for review in a comment when unsure.
    """
    sel = Selector(text=html)
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    page_title = " ".join((sel.css("title::text").get() or "").split())
    tail = re.split(r"\s+[|\-–]\s+", page_title)
    site_name = (sel.css("meta[property='og:site_name']::attr(content)").get()
                 or (tail[-1] if len(tail) > 1 else "") or host).strip()
    guesses = guess_platform(html, url, platforms)
    fallback = "generic"
    platform = guesses[0][0] if guesses and guesses[0][1] >= 0.5 else fallback
    kind = _guess_kind(host, site_name + " " + host)
    title = sel.css("title::text").get() or ""
    current, former = _guess_province(host, site_name + " " + title)
    slug = re.sub(r"[^a-z0-9]+", "-", host.split(".")[0].lower()).strip("-") or "site"
    prov_slug = re.sub(r"[^a-z0-9]+", "-", fold(current)).strip("-") if current else "province"
    sid = f"{prov_slug}-{slug}" if not slug.startswith(prov_slug.replace("-", "")) else slug
    lines = []
    if guesses:
        lines.append("# platform guesses: " + ", ".join(f"{p} {s:.2f}" for p, s in guesses[:3]))
    else:
        lines.append("# no platform block matched this page: generic discovery + extractor")
    if not current:
        lines.append("# province not recognised: set province (one of the 34) by hand")
    lines += [
        "[[source]]",
        f"id = {_toml_str(sid)}",
        f"name = {_toml_str(site_name)}",
        f"organisation = {_toml_str(site_name)}",
        f"organisation_kind = {_toml_str(kind)}",
        f"province = {_toml_str(current or '')}",
    ]
    if former:
        lines.append(f"province_former = {_toml_str(former)}")
    lines += [
        f"platform = {_toml_str(platform or '')}",
        f"start_urls = [{_toml_str(f'{parts.scheme}://{parts.netloc}/')}]",
        "verified = false",
        f"evidence = {_toml_str(url)}",
    ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------
# After the live check (archive/livecheck.py)
# ---------------------------------------------------------------------------------------

def mark_verified(directory: Path | str, source_ids: Iterable[str]) -> list[str]:
    """Set `verified = true` on these sources' entries, editing the files as text.

    A TOML writer would drop the comments and the order people keep in the province files, so
    only the one line changes. Returns the ids that were changed (already-verified ones and
    ids not found are left out); every edited file is parsed again before it is written.
    """
    wanted = set(source_ids)
    changed: list[str] = []
    for path in sorted(Path(directory).glob("*.toml")):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        starts = [n - 1 for n in _entry_lines("".join(lines))] + [len(lines)]
        edits = 0
        for begin, end in pairwise(starts):
            block = lines[begin:end]
            sid = next((m.group(1) for line in block
                        if (m := re.match(r'\s*id\s*=\s*"([^"]+)"', line))), None)
            if sid not in wanted:
                continue
            for i, line in enumerate(block, begin):
                if re.match(r"\s*verified\s*=\s*false\b", line):
                    lines[i] = re.sub(r"false", "true", line, count=1)
                    changed.append(sid)
                    edits += 1
        if edits:
            text = "".join(lines)
            tomllib.loads(text)  # never write a file the registry can no longer read
            path.write_text(text, encoding="utf-8")
    return changed


def load_registry(directory: Path | str = DEFAULT_DIR) -> tuple[dict[str, dict[str, Any]],
                                                                 list[Source]]:
    """(platforms, sources) through `archive.sources` — the crawler's own loader."""
    from archive.sources import load_sources

    directory = Path(directory)
    return load_platforms(directory), load_sources(directory=directory,
                                                   skip_unexpandable=True)
