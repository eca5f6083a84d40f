"""What `thidua sources` prints besides the coverage table: each source's status, and the
union federations (the sites the Cụm/Khối thi đua reports appear on first) with the public
evidence their domains came from.

Kept apart from archive/registry.py (checks, guesses, live check) because these are views of
a loaded registry, nothing more; the README's tables are pasted from this output, so they
stay generated rather than typed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from archive.normalize import fold
from archive.registry import ORGANISATION_KIND_LABELS, canonical_province, current_provinces
from archive.sources import SOURCE_STATUSES, Source


def _registered(sources: Iterable[Source]) -> list[Source]:
    """The real registry: the bundled demo sites are not sources anyone archives."""
    return [s for s in sources if not (s.file or "").endswith("demo.toml")]


def status_summary(sources: Iterable[Source]) -> str:
    """'118 sources: 96 active, 19 frozen, 3 gone.'"""
    sources = _registered(sources)
    counts = Counter(s.status for s in sources)
    parts = ", ".join(f"{counts.get(k, 0)} {k}" for k in SOURCE_STATUSES)
    return f"{len(sources)} sources: {parts}."


def federation_lines(sources: Iterable[Source], kind: str = "ldld") -> list[str]:
    """One block per source of `kind` (default: the union federations), by province: id,
    status, site and evidence; then the provinces that have none."""
    chosen = [s for s in _registered(sources) if s.organisation_kind == kind]
    by_province: dict[str, list[Source]] = {}
    for s in chosen:
        by_province.setdefault(canonical_province(s.province) or s.province, []).append(s)
    provinces = current_provinces()
    label = ORGANISATION_KIND_LABELS.get(kind, kind)
    head = f"{label}: {len(chosen)} source(s) in {len(by_province)}/{len(provinces)} provinces"
    lines = [head]
    for province in sorted(by_province, key=fold):
        for s in sorted(by_province[province], key=lambda x: x.id):
            former = f" (former {s.province_former})" if s.province_former else ""
            lines.append(f"  {province}{former}: {s.id} [{s.status}] "
                         f"{' '.join(s.archive_hosts)}")
            lines.append(f"      evidence: {s.extra.get('evidence') or '(none)'}")
    missing = [p for p in sorted(provinces, key=fold) if p not in by_province]
    if missing:
        lines.append(f"  none known yet: {', '.join(missing)}")
    return lines


def source_lines(sources: Iterable[Source], *, kind: str | None = None,
                 status: str | None = None, province: str | None = None) -> list[str]:
    """One line per source (tab-separated: id, status, kind, province, former province,
    hosts), filtered; for `thidua sources list`."""
    wanted = canonical_province(province) if province else None
    rows = []
    for s in sorted(_registered(sources), key=lambda x: (fold(x.province), x.id)):
        if (kind and s.organisation_kind != kind) or (status and s.status != status):
            continue
        if province and canonical_province(s.province) != wanted \
                and fold(s.province_former or "") != fold(province):
            continue
        rows.append("\t".join([s.id, s.status, s.organisation_kind, s.province,
                               s.province_former or "-", " ".join(s.archive_hosts)]))
    return rows


def status_lines(sources: Iterable[Source]) -> list[str]:
    """Every source that is not `active`, by status and province, so that the plain
    `thidua sources` accounts for every source's status (the rest are active)."""
    sources = _registered(sources)
    lines = []
    for status in SOURCE_STATUSES[1:]:
        chosen = sorted((s for s in sources if s.status == status),
                        key=lambda s: (fold(s.province), s.id))
        lines.append(f"{status} ({len(chosen)}):" + ("" if chosen else " none"))
        by_province: dict[str, list[str]] = {}
        for s in chosen:
            by_province.setdefault(s.province, []).append(s.id)
        lines += [f"  {p}: {', '.join(ids)}" for p, ids in by_province.items()]
    active = sum(1 for s in sources if s.status == "active")
    lines.append(f"active: the other {active} sources.")
    return lines
