"""Meeting extraction quality on the labelled real article texts in ../shared/realworld.

    python scripts/eval_meetings.py [REALWORLD_DIR] [--json] [--verbose] [--own] [--blind] [--corpus DIR]
                                    [--extractor current|v11] [--compare] [--calibrate]

`--extractor v11` scores version 11 (the cascade the staged extractor replaced) instead of the
staged extractor, from the rows scripts/record_v11.py recorded by running it from git history
(scripts/evaluation/v11_rows/<set>.jsonl; a set without them prints the command that records
them); `--compare` prints every labelled set scored by both; `--calibrate` measures,
per confidence bucket (how many of day, period, host or cluster, place a row filled), the share
of filled fields that were right on every labelled set and writes archive/meetings/calibration.toml,
which gives each meeting row its `confidence`.

`--own` also scores the project's own fixture corpus (tests/fixtures/meetings/corpus: texts
written for this project in the same three layouts, same gold format). It is printed under
its own heading and never gated here — rules were tuned on it, so it is a regression check
(tests/test_meetings_corpus.py pins its floors), not a measure of generalisation; the real
sample above and the held-out set are.

`--blind` also scores the own blind sets (tests/fixtures/meetings/blind and blind2: 30 texts
each; blind3: 24 texts; blind4: 20 texts in the 2013 layout; blind5: 24 texts in the newspaper page
layout of 2018-2025; blind6: 24 government e-portal and radio/TV station items of 2019-2026; blind7:
24 items of sector and central clusters on sector and union websites (a breadcrumb line above the
headline, dropped as the site's navigation; the related-items tail kept in the body); blind8: 24
items of mass organisations' PDF bulletins converted to text (the masthead's day read, the rest
through extract_text); blind9: 24 aggregator texts
(2013, 2017, 2025 layouts) from courts, procuracies, customs, tax, army, border guard, hospitals,
universities, schools and banks; blind10: 22 official documents as portals publish them (the header's place
and date line the day, the kind and subject the title) and radio/TV news transcripts (the station
line's day); blind11: 24 aggregator texts (2013, 2017, 2025 layouts) on the detection boundary and
ceremony-type meetings (biểu dương / tuyên dương / tôn vinh, phát động at a ceremony, near-miss
negatives); blind12: 22 posts of units' Facebook pages and Zalo official accounts (no title: the
saver's stamp line and the shown time, resolved against it) and e-mailed newsletters (the subject the
title, the Date header the day); blind13: 24 short news items of 2010-2016 (2013 and 2017 layouts)
from railways, electricity, post and telecom, the Red Cross, ethnic affairs, districts' clusters and
other sectors blind9 and blind11 did not use, 9 hard negatives of close shape; blind14: 23 long
provincial-newspaper and provincial-portal reports of 2018-2026 (long attendee paragraphs, online meetings across several points, post-merger clusters,
a joint meeting of two clusters, hosts named only in the closing paragraph, captions between
paragraphs); blind15: 24 district-level texts of 2005-2012 re-posted by an aggregator (2013 and
2017 layouts, ALL-CAPS headlines, spaced punctuation, glued source line and related links, two
meetings in one text, district blocs of vertical-sector branches, clusters of communes); written
and labelled before the extractor was run on them, committed first). Their first scores measured how the rules generalise; they are printed apart as "own
blind set", "own blind set 2", "own blind set 3" and "own blind set 4", never gated here, and tests/test_meetings_blind.py pins what the fixed extractor
achieves on each. `--corpus DIR` scores any directory in the same format (gold.jsonl or labels.jsonl + texts)
without floors.

Reads gold.jsonl's `kind: "text"` items, splits each file by its crawl layout (see the corpus
README), runs `extract_meetings`, prints detection precision/recall/F1 and per-field accuracy,
and exits 1 when a score is below its floor in scripts/eval_baseline.json ("meetings" key).
`run(realworld_dir) -> dict` is what scripts/eval.py calls.

Layouts: 2013 crawl = title, sapo, body, then a "dd/mm/yy HH:MM GMT+7" line, category, tags,
outlet; 2025 CSV row = title, content, ISO published time, author, url; 2017 crawl = title,
sapo, body; newspaper page (blind5) = title, the page's date line ("Thứ Năm, 03/01/2019 -
08:15"), sapo, paragraphs separated by blank lines; portal item (blind6) = the same with the
portal's meta line ("Ngày đăng: 22/12/2025 16:40 | Lượt xem: 317", "Cập nhật lúc: 10:25 -
18/07/2019") in place of the date line; bulletin item (blind8) = the bulletin's masthead with the
issue's day ("BẢN TIN … - Số 12 (205), ngày 26/12/2025"), then the text as extract_text reads it;
official document (blind10) = the header (issuer, national motto, "Số: …", "Lào Cai, ngày 5 tháng 7
năm 2024"), the kind ("THÔNG BÁO") and subject lines as the title, the rest as the body; broadcast
transcript (blind10) = the station line with the broadcast's day, headline, anchor's lead, body; social
post (blind12) = the saver's stamp ("Facebook · <page> · lưu lúc 17/01/2025 10:02"), the shown time
("2 ngày trước", "Hôm qua lúc 16:05", "15 tháng 1 lúc 09:30"), the post: no title, the first line the
lead; e-mail (blind12) = the header block (From/Từ, Date/Ngày, Subject/Chủ đề), the subject the title,
the message's first line the lead. The published date is read from the file (as a crawler would), never from gold.

Matching rules (what "right" means) — fields are scored over every gold meeting report, and
a missed detection is wrong on every field; the first returned row is the headline meeting:
- kind: equal to the gold primary `meeting_kind`;
- period, cluster, host, location (our `place`): both empty, or one contains the other after
  normalisation (NFC, folded, short forms expanded — LĐLĐ, CAH, VH-TT-DL —, parentheses and
  punctuation removed, spaces collapsed), since gold labels are free text copied from the
  article and may be longer or shorter than the phrase an extractor can delimit; a predicted
  period must contain a digit to count;
- meeting_date: equal ISO dates (or both null);
- provinces: equal sets after dropping "TP."/"Thành phố" and folding (our `provinces` list);
- members: equal sets of normalised names (or both empty);
- attendees: equal sets of normalised person names (titles are not scored: gold titles add
  words the text does not print, e.g. the city after "CATP").
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if str(ROOT / "scripts") not in sys.path:
    sys.path.insert(0, str(ROOT / "scripts"))

from evaluation import v11
from evaluation.layouts import (
    _PAGE_DATE,
    _PORTAL_DATE,
    BREADCRUMB,
    BROADCAST,
    BULLETIN,
    MAIL_FROM,
    SOCIAL,
    is_document,
    split_item,
)
from evaluation.meeting_judging import (
    FIELDS,
    RECORDED,
    ROW_KEYS,
    Judged,
    add_to_bucket,
    item_misses,
    judge,
    norm,
    score,
    score_extra_rows,
)
from evaluation.meeting_report import (
    CALIBRATION,
    format_calibration,
    format_comparison,
    format_report,
    merge_calibration,
    write_calibration,
)

# the names other scripts and the tests read here (the layout readers live in evaluation/layouts.py,
# the judging in evaluation/meeting_judging.py, the reports and the confidence table in
# evaluation/meeting_report.py)
__all__ = ["BREADCRUMB", "BROADCAST", "BULLETIN", "CALIBRATION", "FIELDS", "MAIL_FROM", "OWN_SETS", "RECORDED",
           "ROW_KEYS", "SOCIAL", "_PAGE_DATE", "_PORTAL_DATE", "all_sets",
           "format_calibration", "format_comparison", "format_report", "is_document", "judge", "labelled_items",
           "labels_path",
           "merge_calibration", "norm", "run", "score", "score_extra_rows", "split_item", "write_calibration"]


# ../shared/realworld beside the checkout (a worktree under /work/wt/NAME looks two levels up)
DEFAULT_DIR = next((p / "shared" / "realworld" for p in (ROOT.parent, ROOT.parent.parent)
                    if (p / "shared" / "realworld").exists()), ROOT.parent / "shared" / "realworld")
OWN_DIR = ROOT / "tests" / "fixtures" / "meetings" / "corpus"
BLIND_DIR = ROOT / "tests" / "fixtures" / "meetings" / "blind"
BLIND2_DIR = ROOT / "tests" / "fixtures" / "meetings" / "blind2"
BLIND3_DIR = ROOT / "tests" / "fixtures" / "meetings" / "blind3"
BLIND4_DIR = ROOT / "tests" / "fixtures" / "meetings" / "blind4"
BLIND5_DIR = ROOT / "tests" / "fixtures" / "meetings" / "blind5"
BLIND6_DIR = ROOT / "tests" / "fixtures" / "meetings" / "blind6"
BLIND7_DIR = ROOT / "tests" / "fixtures" / "meetings" / "blind7"
BLIND8_DIR = ROOT / "tests" / "fixtures" / "meetings" / "blind8"
BLIND9_DIR = ROOT / "tests" / "fixtures" / "meetings" / "blind9"
BLIND10_DIR = ROOT / "tests" / "fixtures" / "meetings" / "blind10"
BLIND11_DIR = ROOT / "tests" / "fixtures" / "meetings" / "blind11"
BLIND12_DIR = ROOT / "tests" / "fixtures" / "meetings" / "blind12"
BLIND13_DIR = ROOT / "tests" / "fixtures" / "meetings" / "blind13"
BLIND14_DIR = ROOT / "tests" / "fixtures" / "meetings" / "blind14"
BLIND15_DIR = ROOT / "tests" / "fixtures" / "meetings" / "blind15"
BASELINE = Path(__file__).with_name("eval_baseline.json")
# The real corpus ships gold.jsonl; the project's own labelled sets are labels.jsonl (same
# format), so that no file of ours can be mistaken for a copy of ../shared.
LABEL_FILES = ("gold.jsonl", "labels.jsonl")
EXTRACTORS = ("current", "v11")  # --extractor: the staged one, or version 11 as recorded


def labels_path(directory: Path) -> Path:
    """The labels of a corpus directory: gold.jsonl (realworld) or labels.jsonl (own sets)."""
    for name in LABEL_FILES:
        if (directory / name).exists():
            return directory / name
    return directory / LABEL_FILES[0]


class OwnSet(NamedTuple):
    """One of the project's own corpora: scored like the real sample but without floors and
    printed apart, never gated here (rules were tuned on the fixtures; tests/test_meetings_blind.py
    pins the blind sets)."""

    key: str  # in this script's --json report
    eval_key: str  # in scripts/eval.py's report ("<eval_key>" and "<eval_key>_text")
    flag: str  # the option that asks for it: "own" or "blind"
    directory: Path
    heading: str


OWN_SETS = (
    OwnSet("own_fixtures", "meetings_own", "own", OWN_DIR,
           "OWN FIXTURES (written for this project, rules tuned on them; not the judge)"),
    OwnSet("own_blind", "meetings_blind", "blind", BLIND_DIR,
           "OWN BLIND SET (30 texts written and labelled before the extractor saw them; "
           "pinned by tests/test_meetings_blind.py, not the judge)"),
    OwnSet("own_blind2", "meetings_blind2", "blind", BLIND2_DIR,
           "OWN BLIND SET 2 (30 texts: long 2020s provincial reports, district/commune/enterprise "
           "level, blocs, border guard and police, 10 new hard negatives; labelled before the "
           "extractor saw them; pinned by tests/test_meetings_blind.py, not the judge)"),
    OwnSet("own_blind3", "meetings_blind3", "blind", BLIND3_DIR,
           "OWN BLIND SET 3 (24 texts: national/sector level, Hanoi/HCMC districts and armed units, "
           "youth/women/farmers/veterans, an attendee's point of view, a day only in the headline, "
           "abbreviations only, 8 hard negatives; labelled before the extractor saw them; pinned by "
           "tests/test_meetings_blind.py, not the judge)"),
    OwnSet("own_blind4", "meetings_blind4", "blind", BLIND4_DIR,
           "OWN BLIND SET 4 (20 texts, all in the 2013 crawl layout with glued captions: Hanoi/HCMC "
           "police clusters and blocs, the army command, city departments, district and sector unions, "
           "Tỉnh đoàn, women's union, 8 hard negatives; labelled before the extractor saw them; pinned "
           "by tests/test_meetings_blind.py, not the judge)"),
    OwnSet("own_blind5", "meetings_blind5", "blind", BLIND5_DIR,
           "OWN BLIND SET 5 (24 texts in the newspaper page layout of 2018-2025: long attendee "
           "paragraphs, online meetings, hosts named as roles, post-merger communes, 9 hard "
           "negatives; labelled before the staged extractor saw them; not the judge)"),
    OwnSet("own_blind6", "meetings_blind6", "blind", BLIND6_DIR,
           "OWN BLIND SET 6 (24 government e-portal and radio/TV station items of 2019-2026: "
           "post-merger wards and communes, a Thông báo kết luận, numbered attendee lists, a table as "
           "text, bank and FDI blocs, army and police clusters, 9 hard negatives; labelled before the "
           "staged extractor saw them; not the judge)"),
    OwnSet("own_blind7", "meetings_blind7", "blind", BLIND7_DIR,
           "OWN BLIND SET 7 (24 items of sector and central clusters on sector and union websites, "
           "2023-2026: breadcrumb and related-items tail, digests, tables in space-aligned columns, "
           "rotating hosts, online points, post-merger names, 9 hard negatives; labelled before the "
           "extractor saw them; not the judge)"),
    OwnSet("own_blind8", "meetings_blind8", "blind", BLIND8_DIR,
           "OWN BLIND SET 8 (24 items of mass organisations' PDF bulletins converted to text, 2021-2026: "
           "hard line breaks, page footers and running headers, bulleted digests, hosts named by role "
           "after the list, inter-provincial and post-merger commune clusters, 9 hard negatives; "
           "labelled before the extractor saw them; not the judge)"),
    OwnSet("own_blind9", "meetings_blind9", "blind", BLIND9_DIR,
           "OWN BLIND SET 9 (24 aggregator texts of 2013, 2017 and 2025 from courts, procuracies, customs, "
           "tax, army, border guard, hospitals, universities, schools and banks: quotes first, hosts named "
           "by role, meetings inside other stories, late reports, several per article, 9 hard negatives; "
           "labelled before the extractor saw them; not the judge)"),
    OwnSet("own_blind10", "meetings_blind10", "blind", BLIND10_DIR,
           "OWN BLIND SET 10 (22 official documents as portals publish them and radio/TV news "
           "transcripts, 2023-2025: THÔNG BÁO kết luận, BIÊN BẢN, BÁO CÁO with their headers, dates "
           "apart from the meeting's, spoken leads and relative days, 8 hard negatives (a decision, a "
           "plan, a guideline, a call for nominations, sports); labelled before the extractor saw "
           "them; not the judge)"),
    OwnSet("own_blind11", "meetings_blind11", "blind", BLIND11_DIR,
           "OWN BLIND SET 11 (24 aggregator texts of 2013, 2017 and 2025 on the detection boundary: "
           "ceremonies honouring điển hình, lao động giỏi, Cháu ngoan Bác Hồ, thanh niên, phụ nữ, a "
           "district's Đại hội Thi đua yêu nước, phát động at a ceremony, a police cluster's tọa đàm; 12 "
           "near-miss negatives (union congress, executive committee, press conference, single-unit "
           "awards, feature, statistics, inauguration, digest, call for nominations, awards council); "
           "labelled before the extractor saw them; not the judge)"),
    OwnSet("own_blind12", "meetings_blind12", "blind", BLIND12_DIR,
           "OWN BLIND SET 12 (22 posts of units' social pages and messaging channels and e-mailed "
           "newsletters, 2022-2026: no title, emoji and hashtags, shown times relative to the saving, "
           "shared posts, photo caption lists, digests, 8 hard negatives (sports, a birthday, "
           "recruitment, a meeting to come, a decision shared, a photo contest, a schedule, one "
           "unit's award); labelled before the extractor saw them; not the judge)"),
    OwnSet("own_blind13", "meetings_blind13", "blind", BLIND13_DIR,
           "OWN BLIND SET 13 (24 short news items of 2010-2016 in the 2013 and 2017 aggregator layouts "
           "from railways, electricity, post and telecom, the Red Cross, ethnic affairs, a district "
           "cluster, a Party bloc committee, police, health, students, customs, defence factories, "
           "veterans, youth; 9 hard negatives of close shape; labelled before the extractor saw them; "
           "not the judge)"),
    OwnSet("own_blind14", "meetings_blind14", "blind", BLIND14_DIR,
           "OWN BLIND SET 14 (23 long provincial-newspaper and provincial-portal reports, 2018-2026: "
           "long attendee paragraphs, online meetings across several points, post-merger clusters "
           "(tỉnh X (mới)), a joint meeting of two clusters, hosts named only in the closing "
           "paragraph, captions between paragraphs, 8 hard negatives (a cross-inspection, a plan, a "
           "training course, a party cell's congress, a decision list, an awards council, one unit's "
           "flag, a sơ kết of administration); labelled before the extractor saw them; not the judge)"),
    OwnSet("own_blind15", "meetings_blind15", "blind", BLIND15_DIR,
           "OWN BLIND SET 15 (24 district-level texts of 2005-2012 re-posted by an aggregator, 2013 and "
           "2017 layouts: clusters of communes and wards, district blocs of justice offices and of "
           "vertical-sector branches, Red Cross chapters, cooperatives, market-surveillance teams; "
           "ALL-CAPS headlines, spaced punctuation, glued source line and related links, two meetings "
           "in one text; 9 hard negatives; labelled before the extractor saw them; not the judge)"),
)
def labelled_items(directory: Path) -> list[dict[str, Any]]:
    """A set's labelled text items whose files exist (the rows every scorer and recorder reads)."""
    gold_path = labels_path(directory)
    items = [json.loads(line) for line in gold_path.read_text("utf-8").splitlines() if line.strip()]
    return [g for g in items if g.get("kind") == "text" and (directory / g["file"]).exists()]


def split_items(directory: Path, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each item's file read as a crawler would (title, lead, body, published time)."""
    return [split_item((directory / g["file"]).read_text("utf-8", errors="replace")) for g in items]


def _live(items: list[dict[str, Any]], inputs: list[dict[str, Any]], tally: dict[str, dict[str, int]]
          ) -> list[tuple[Judged, list[dict[str, Any]] | None]]:
    """The staged extractor run on every item, judged (and its headline rows bucketed)."""
    from archive.meetings import extract_meetings

    out = []
    for g, parts in zip(items, inputs):
        rows = extract_meetings(parts["title"], parts["body"], lead=parts["lead"], published=parts["published"])
        judged = judge(g, rows)
        add_to_bucket(tally, rows, judged.verdicts if g.get("is_meeting") else None)
        out.append((judged, rows))
    return out


def _recorded(directory: Path, items: list[dict[str, Any]], inputs: list[dict[str, Any]]
              ) -> list[tuple[Judged, list[dict[str, Any]] | None]] | str:
    """Version 11's recorded output of every item, judged; or why it cannot be (the line printed
    in place of its column)."""
    record = v11.load_record(directory)
    if record is None:
        return v11.not_recorded(directory)
    stale = v11.stale_items(record, {g["file"]: (v11.input_digest(parts), v11.digest(g))
                                     for g, parts in zip(items, inputs)})
    if stale:
        return v11.not_recorded(directory, f"recorded on other input or labels for {len(stale)} of "
                                           f"{len(items)} items ({', '.join(stale[:3])}…)")
    out: list[tuple[Judged, list[dict[str, Any]] | None]] = []
    for g in items:
        entry = record.items[g["file"]]
        if "rows" in entry:
            out.append((judge(g, entry["rows"]), entry["rows"]))
            continue
        j = entry["judged"]
        if j["verdicts"] is not None and set(j["verdicts"]) != set(FIELDS):
            return v11.not_recorded(directory, "recorded for other fields")
        verdicts = None if j["verdicts"] is None else {f: j["verdicts"][f] for f in FIELDS}
        out.append((Judged(j["found"], verdicts, (j["extra"][0], j["extra"][1], j["extra"][2])), None))
    return out


def run(realworld_dir: str | Path | None = None, *, floors: dict[str, float] | None = None,
        extractor_name: str = "current") -> dict[str, Any]:
    """Evaluate; returns {detection: {precision, recall, f1, tp, fp, fn}, fields: {name: rate},
    extra_rows: {found, wanted, spurious}, calibration: {bucket: {rows, filled, right}}, n,
    misses, below_floor, ok}. `extractor_name="v11"` scores version 11's recorded rows
    (scripts/evaluation/v11.py); a set without them is skipped with `not_recorded`."""
    directory = Path(realworld_dir or DEFAULT_DIR)
    if not labels_path(directory).exists():
        return {"skipped": f"no {' or '.join(LABEL_FILES)} in {directory}", "ok": True}
    items = labelled_items(directory)
    inputs = split_items(directory, items)
    tally: dict[str, dict[str, int]] = {}
    scored = _recorded(directory, items, inputs) if extractor_name == "v11" else _live(items, inputs, tally)
    if isinstance(scored, str):
        return {"skipped": scored, "not_recorded": scored, "ok": True}
    det = {"tp": 0, "fp": 0, "fn": 0}
    extra = [0, 0, 0]
    verdicts: dict[str, list[bool]] = {f: [] for f in FIELDS}
    misses: list[dict[str, Any]] = []
    for g, (judged, rows) in zip(items, scored):
        wanted = bool(g.get("is_meeting"))
        outcome = "tp" if judged.found and wanted else "fp" if judged.found else "fn" if wanted else None
        if outcome:
            det[outcome] += 1
        extra = [x + y for x, y in zip(extra, judged.extra)]
        for field, ok in (judged.verdicts or {}).items():
            verdicts[field].append(ok)
        misses.extend(item_misses(g, judged, rows))
    return _report(directory, len(items), det, verdicts, misses, extra, tally, floors)


def _report(directory: Path, n: int, det: dict[str, int], verdicts: dict[str, list[bool]],
            misses: list[dict[str, Any]], extra: list[int], tally: dict[str, dict[str, int]],
            floors: dict[str, float] | None) -> dict[str, Any]:
    tp, fp, fn = det["tp"], det["fp"], det["fn"]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    fields = {f: round(sum(v) / len(v), 4) if v else None for f, v in verdicts.items()}
    report: dict[str, Any] = {
        "corpus": str(directory), "n": n, "meeting_reports": tp + fn,
        "detection": {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                      "tp": tp, "fp": fp, "fn": fn},
        "fields": fields, "misses": misses, "calibration": tally,
        "extra_rows": {"found": extra[0], "wanted": extra[1], "spurious": extra[2]},
    }
    floors = load_floors() if floors is None else floors
    scores = {"detection_f1": report["detection"]["f1"], **{f: v for f, v in fields.items() if v is not None}}
    report["below_floor"] = [f"{key}: {scores[key]:.1%} < floor {floor:.1%}" for key, floor in floors.items()
                             if scores.get(key) is not None and scores[key] + 1e-9 < floor]
    report["ok"] = not report["below_floor"]
    return report


def load_floors(path: Path = BASELINE) -> dict[str, float]:
    if not path.exists():
        return {}
    return dict(json.loads(path.read_text("utf-8")).get("meetings") or {})


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("realworld_dir", nargs="?", default=None)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    parser.add_argument("--own", action="store_true",
                        help=f"also score the project's own fixture corpus ({OWN_DIR.relative_to(ROOT)}), not gated")
    parser.add_argument("--blind", action="store_true",
                        help="also score the own blind sets (tests/fixtures/meetings/blind*), not gated")
    parser.add_argument("--corpus", metavar="DIR", default=None,
                        help="score only this directory (gold.jsonl or labels.jsonl + texts, realworld format), without floors")
    parser.add_argument("--extractor", choices=EXTRACTORS, default="current",
                        help="the staged extractor (current) or the frozen version 11 cascade")
    parser.add_argument("--compare", action="store_true",
                        help="print every labelled set scored by the staged extractor beside version 11")
    parser.add_argument("--calibrate", action="store_true",
                        help=f"measure precision per confidence bucket on every labelled set and write {CALIBRATION.relative_to(ROOT)}")
    return parser


def all_sets(realworld_dir: str | None) -> list[tuple[str, Path]]:
    """(heading, directory) of the real sample and every own set, in report order."""
    return [("REAL SAMPLE", Path(realworld_dir or DEFAULT_DIR))] + [(s.heading, s.directory) for s in OWN_SETS]


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.calibrate or args.compare:
        reports = []
        for heading, directory in all_sets(args.realworld_dir):
            new = run(directory, floors={})
            reports.append(new)
            if args.compare:
                print(format_comparison(new, run(directory, floors={}, extractor_name="v11"), heading), "\n")
        tally = merge_calibration(reports)
        if args.calibrate:
            write_calibration(tally, sets=[directory.name for (_h, directory), report
                                           in zip(all_sets(args.realworld_dir), reports) if "skipped" not in report])
        print(format_calibration(tally))
        return 0
    if args.corpus:
        report = run(args.corpus, floors={}, extractor_name=args.extractor)
        print(json.dumps(report, ensure_ascii=False, indent=2) if args.json
              else format_report(report, verbose=args.verbose, heading=f"meetings ({args.corpus})"))
        return 0
    report = run(args.realworld_dir, extractor_name=args.extractor)
    wanted = {"own": args.own, "blind": args.blind}
    extra = {s.key: (s, run(s.directory, floors={}, extractor_name=args.extractor))
             for s in OWN_SETS if wanted[s.flag]}
    if args.json:
        extra_json = {key: scored for key, (_s, scored) in extra.items()}
        print(json.dumps({"realworld": report, **extra_json} if extra else report, ensure_ascii=False, indent=2))
    else:
        print(format_report(report, verbose=args.verbose))
        for own_set, scored in extra.values():
            print()
            print(format_report(scored, verbose=args.verbose, heading=own_set.heading))
    return 0 if report.get("ok", True) else 1


if __name__ == "__main__":
    sys.exit(main())
