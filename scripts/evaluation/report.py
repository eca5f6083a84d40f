"""The report dict as the text `make eval` prints: one table per corpus, then its misses."""

from __future__ import annotations

import json
from typing import Any

from evaluation.corpora import BLIND_HEADING, BLIND_SETS, TEXT_BLIND_HEADING


def _pct(x: Any) -> str:
    return "    –" if x is None else f"{x:6.1%}"


def _miss_lines(misses: list[dict[str, Any]]) -> list[str]:
    return [f"  {m['file']} {m['field']}: got {str(m['got'])[:90]!r} want {str(m['want'])[:90]!r}"
            for m in misses]


def format_article_table(report: dict[str, Any], floors: dict[str, Any], heading: str = "HTML pages",
                         floor_label: str = "floor") -> list[str]:
    """The per-field table (ours, trafilatura, floor or threshold) of one HTML corpus."""
    lines = [f"{heading:<27}n     ours   trafilatura   {floor_label}"]
    for field, row in report["article"].items():
        floor = floors.get(field)
        lines.append(f"  {field:<22}{row.get('n', 0):>4}  {_pct(row.get('ours'))}   {_pct(row.get('trafilatura')):>10}"
                     f"   {_pct(floor) if floor is not None else '    –'}")
    sp = report["speed"]
    lines.append(f"  {'pages/s':<22}      {sp.get('ours') or 0:>6.1f}   {sp.get('trafilatura') or 0:>10.1f}")
    return lines


def format_text_table(table: dict[str, Any], floors: dict[str, Any],
                      heading: str = "Text items (extract_text)") -> list[str]:
    """The per-field table of text items (ours, floor); the *_spurious rows are informational."""
    lines = [f"{heading:<27}n     ours                floor"]
    for field, row in table.items():
        floor = floors.get(field)
        lines.append(f"  {field:<22}{row.get('n', 0):>4}  {_pct(row.get('ours'))}              "
                     f"{_pct(floor) if floor is not None else '    –'}")
    return lines


def format_text_corpus(report: dict[str, Any], heading: str, floors: dict[str, Any] | None = None,
                       show_misses: bool = True) -> str:
    """A text corpus (`run_text_corpus`) as its own labelled table, with our misses."""
    if "skipped" in report:
        return f"{heading}\n  skipped: {report['skipped']}"
    lines = [heading, f"  {report['corpus']} — {report['text_items']} text items", ""]
    lines += format_text_table(report["article_text"], floors or {})
    if show_misses and report["misses"]:
        lines += ["", "Misses (ours, text items):"] + _miss_lines(report["misses"])
    return "\n".join(lines)


def format_corpus_report(report: dict[str, Any], heading: str = BLIND_HEADING,
                         floors: dict[str, Any] | None = None, label: str = "Own blind pages") -> str:
    """An own corpus (`run_corpus` / `run_any_corpus`) as its own labelled tables, with our misses."""
    if "skipped" in report:
        return f"{heading}\n  skipped: {report['skipped']}"
    sizes = [f"{report[k]} {what}" for k, what in (("html_pages", "HTML pages"), ("text_items", "text items"))
             if report.get(k)]
    lines = [heading, f"  {report['corpus']} — {', '.join(sizes)}"]
    if report.get("html_pages"):
        lines += [""] + format_article_table(report, floors or {}, label, "floor")
    if report.get("text_items"):
        lines += [""] + format_text_table(report["article_text"], {})
    if report["misses"]:
        lines += ["", f"Misses (ours, {label.lower() if report.get('html_pages') else 'text items'}):"]
        lines += _miss_lines(report["misses"])
    return "\n".join(lines)


def _own_tables(report: dict[str, Any], floors: dict[str, Any]) -> list[str]:
    """The own blind HTML sets and the own blind text items, each under its heading."""
    texts = [format_corpus_report(report[section], heading, floors=floors.get(section), label=label.capitalize())
             for section, _dir, heading, label in BLIND_SETS if report.get(section)]
    if report.get("article_text_blind"):
        texts.append(format_text_corpus(report["article_text_blind"], TEXT_BLIND_HEADING,
                                        floors.get("article_text_blind")))
    return texts


def _meeting_lines(report: dict[str, Any]) -> list[str]:
    """The meetings report as JSON, then every printed meetings text (own sets, comparison,
    calibration) in the order the report holds them."""
    lines: list[str] = []
    if "meetings" in report:
        lines += ["", "Meetings:", json.dumps(report["meetings"], ensure_ascii=False, indent=2)
                  if not isinstance(report["meetings"], str) else report["meetings"]]
    for key, text in report.items():  # the own meeting corpora, in eval_meetings.OWN_SETS's order
        if key.startswith("meetings_") and key.endswith("_text") and text:
            lines += ["", text]
    return lines


def format_report(report: dict[str, Any], floors: dict[str, Any]) -> str:
    """Everything `make eval` prints before its verdict."""
    if "skipped" in report:
        return "\n\n".join([f"eval skipped: {report['skipped']}"] + _own_tables(report, floors))
    lines = [(f"Real-world corpus: {report['corpus']} — {report['html_pages']} HTML pages, "
              f"{report['text_items']} text items"), ""]
    lines += format_article_table(report, floors.get("article") or {})
    lines += [""] + format_text_table(report["article_text"], floors.get("article_text") or {})
    if report["misses"]:
        lines += ["", "Misses (ours):"] + _miss_lines(report["misses"])
    for text in _own_tables(report, floors):
        lines += ["", text]
    for sub in report.get("text_fields_meetings_blind") or []:
        lines += ["", format_text_corpus(sub, f"TEXT FIELDS OF A BLIND MEETING SET ({sub.get('corpus')}; "
                                              "printed, not gated)")]
    return "\n".join(lines + _meeting_lines(report))
