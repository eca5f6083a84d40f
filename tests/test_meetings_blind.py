"""Meeting extraction over the own blind sets, scored by the eval's own code.

Three sets of article texts (30, 30 and 24) written for this project (never copied or paraphrased from
../shared/realworld, from the corpus or from each other) in the three aggregator layouts, each
labelled and committed before the extractor was run on it, so that its first score measured
generalisation; the rules then added are general ones (archive/meetings.py docstrings) and the
floors below pin what the fixed extractor achieves, so that any regression fails.

- `blind` (tests/fixtures/meetings/blind): the topics the real sample is heavy on (city police
  clusters, city departments' honouring conferences, district and sector unions, Tỉnh đoàn
  "Cháu ngoan Bác Hồ", an army Cuộc vận động, women's unions, farmers' associations) plus 11
  hard negatives. First score: detection F1 97.3 %, period, host and meeting_date 84.2 %.
- `blind2` (tests/fixtures/meetings/blind2): long 2020s provincial reports with the facts spread
  over paragraphs, district/commune/enterprise level, sector blocs, school clusters, border
  guard and police, next year's cluster heads, ethnic-minority names, merged provinces, plus 10
  hard negatives of new kinds. First score (extractor v4): detection F1 90.5 % (a bloc hosted
  by "Sở Kế hoạch và Đầu tư" missed — "kế hoạch" read as a plan —, a plan, an interview and an
  anniversary ceremony taken for meetings), attendees 70 %, host 80 %, provinces 85 %, location
  90 %, kind/period/cluster/meeting_date/members 95 %, extra rows 0/1. After v5: see FLOORS.
- `blind3` (tests/fixtures/meetings/blind3, 24 texts): national and sector level (a ministry, a
  Tổng cục, a central sector union, a Tập đoàn), Hanoi/HCMC districts and armed units in
  ANTĐ/QĐND style, youth/women/farmers/veterans, a meeting told from an attendee's point of view,
  a day only in the headline, a two-unit digest, abbreviations only, glued captions with names,
  plus 8 hard negatives (charity visit, union congress, a movement's results, a policy workshop, a
  national award list, a hội nghị cán bộ, công chức, viên chức, a lễ ra quân, a họp mặt kỷ niệm).
  First score (extractor v5): detection F1 97.0 % (the staff conference that launched a drive
  taken for a meeting), attendees 87.5 %, period, host, meeting_date and provinces 93.8 %,
  kind/cluster/location/members 100 %, extra rows 1/1. After v6: see FLOORS.
- `blind4` (tests/fixtures/meetings/blind4, 20 texts, all in the 2013 crawl layout with one run-on
  body line and glued captions): Hanoi/HCMC police clusters and blocs, the HCMC army command, city
  departments, district and sector unions, a Tỉnh đoàn, a women's union, a provincial police
  drive, plus 8 hard negatives (a women's congress, a cluster's football cup, a single-case reward,
  a movement feature, a press conference, an executive-committee meeting, one unit's Huân chương, a
  cooperation signing). First score (extractor v7): detection F1 100 %, members 91.7 % (a bloc
  "CA các quận 1, 3, 5 và 10" after "Công an TP.HCM gồm"), period 91.7 % (a drive named by its
  length, "đợt thi đua cao điểm 100 ngày đêm"), every other field 100 %. After v8: see FLOORS.

- `blind5` (tests/fixtures/meetings/blind5, 24 texts in the newspaper page layout of 2018-2025,
  labelled before the staged extractor ran on it): long attendee paragraphs, an online meeting,
  hosts named as roles, members after counts and "hiện có N …:", cluster names with commas and
  dashes, a year rollover, a post-merger commune cluster, two meetings in one article, 9 hard
  negatives. First score (version 11, and the staged extractor before its fixes, same output):
  detection F1 96.8 %, kind 93.3 %, period 80 %, host 73.3 %, location 86.7 %, provinces 93.3 %,
  members 73.3 %, attendees 93.3 %. After extractor 12: see FLOORS.
- `blind6` (tests/fixtures/meetings/blind6, 24 government e-portal and radio/TV station items of
  2019-2026, labelled before the staged extractor ran on it): post-merger wards and communes, a
  Thông báo kết luận with a numbered attendee list, a dashed list, a table as text, bank and FDI
  blocs, army and ward-police clusters, TV transcripts with quotes, the kind only in the headline,
  9 hard negatives. First score (meeting extractor 16): detection F1 87.5 % (fp 3, fn 1), members
  46.7 %, location 73.3 %, attendees 80 %, kind and host 86.7 %, period, cluster, meeting_date and
  provinces 93.3 %. After extractor 17 (its miss groups fixed in general form, tests in
  tests/test_meetings_portal.py; labels of 702, 713 and 715 corrected to the bare-names convention
  for names after a colon): every field 100 %, no false detection.
- `blind7` (tests/fixtures/meetings/blind7, 24 items of sector and central clusters on sector and
  union websites, 2023-2026: a breadcrumb above the headline, a related-items tail, digests with two
  meetings, tables of space-aligned columns, dashed and semicolon member lists, rotating hosts, an
  online meeting at 12 points, post-merger names, 9 hard negatives; labelled and landed before the
  extractor ran on it). First score (meeting extractor 18): detection F1 87.5 % (fp 3, fn 1),
  members 46.7 %, attendees 73.3 %, location and provinces 80 %, period and host 86.7 %, kind,
  cluster and meeting_date 93.3 %, extra rows 0/2. After extractor 19 (its miss groups fixed in
  general form, tests in tests/test_meetings_sector.py): every field 100 %, no false detection.
- `blind8` (tests/fixtures/meetings/blind8, 24 items of mass organisations' PDF bulletins converted to
  text, 2021-2026: the printed column's line breaks in mid-sentence, page footers and running
  headers, bulleted digests, hosts named by role after the list, online meetings, a delegation
  leader, inter-provincial and post-merger commune clusters, 9 hard negatives; labelled and landed
  before the extractor ran on it). First score (meeting extractor 19): detection F1 92.9 % (fn 2),
  location and attendees 0 %, members 6.7 %, host 26.7 %, provinces 60 %, cluster 66.7 %, period and
  meeting_date 80 %, kind 86.7 %, extra rows 0/1. After extractor 20 (a printed text read as
  paragraphs, and the rest in general form; tests in tests/test_meetings_print.py): every field
  100 %, no false detection.
- `blind9` (tests/fixtures/meetings/blind9, 24 texts back in the three aggregator layouts, from sectors
  no set used there: courts and procuracies, customs, tax, a military region, border guard, hospitals,
  universities, schools, banks; quotes first, hosts named by role, meetings inside other stories, late
  reports, a year rollover, an online meeting, several meetings per article, 9 hard negatives; labelled
  and landed before the extractor ran on it). First score (meeting extractor 25): detection F1 92.9 %
  (fn 2: a quote-first sapo, a quote as the reporting sentence's subject), host 66.7 %, attendees
  73.3 %, provinces and members 80 %, every other field 86.7 %, extra rows 3/3. After extractor 29
  (its miss groups fixed in general form, tests in tests/test_meetings_quotes.py; 1009's provinces
  label corrected to the project's convention): every field 100 % but provinces 93.3 %.
- `blind10` (tests/fixtures/meetings/blind10, 22 texts in two layouts no set used: official documents as
  portals publish them — THÔNG BÁO kết luận, BIÊN BẢN, BÁO CÁO with the header, number, place and date
  line and `Nơi nhận:` tail, the document's day apart from the meeting's — and provincial radio/TV
  news transcripts — the station line's day, `Thưa quý vị, …`, relative days, bites, credits; 14
  meetings, 8 hard negatives: a decision, a plan, a guideline, a call for nominations, a report
  before its meeting, sports, training, a Huân chương; labelled and landed before the extractor ran
  on it). First score (meeting extractor 25): detection F1 80.0 % (fp 4, fn 2), host 42.9 %, members
  71.4 %, attendees 78.6 %, every other field 85.7 %. After extractors 27, 28, 30 and 31 (its miss
  groups in general form, tests in tests/test_meetings_documents.py; 1005's member label corrected
  to blind6's convention): every field 100 %, no false detection.
- `blind12` (tests/fixtures/meetings/blind12, 22 posts of units' Facebook pages and Zalo official
  accounts — no title, the saver's stamp and a shown time relative to it, emoji, hashtags, `📍 Địa
  điểm:` items, shared posts, photo caption lists — and e-mailed newsletters; 14 meetings, 8 hard
  negatives; labelled and committed before the extractor ran on it). Pinned at its first score
  (meeting extractor 32): detection F1 100 %, location 64.3 %, members 78.6 %, provinces 85.7 %,
  host, date and attendees 92.9 %, extra rows 0/1 (1 spurious).
- `blind11` (tests/fixtures/meetings/blind11, 24 texts in the three aggregator layouts on the detection
  boundary: ceremonies honouring điển hình, lao động giỏi, Cháu ngoan Bác Hồ, thanh niên, phụ nữ, a
  district's Đại hội Thi đua yêu nước, phát động at a ceremony, a police cluster's tọa đàm, and 12
  near-miss negatives; labelled and committed before the extractor ran on it). First score (meeting
  extractor 29): detection F1 92.3 % (fp 2: a feature naming a past honouring, an inauguration
  greeting an emulation congress), period and host 91.7 %, every other field 100 %, extra rows 1/1.
  After extractor 32 (tests in tests/test_meetings_ceremonies.py): no false detection, every field
  100 % but one host (a chairing Cụm trưởng's unit), read since extractor 48.
- `blind13` (tests/fixtures/meetings/blind13, 24 short news items of 2010–2016 in the 2013 and 2017
  aggregator layouts from sectors blind9 and blind11 did not use — railways, electricity, post and
  telecom, the Red Cross, ethnic affairs, a districts' cluster, a Party bloc committee, the police's
  emulation congress, health, students, customs, defence factories, veterans, youth; 15 meetings, 9 hard
  negatives of close shape; labelled with the realworld definitions and committed before the extractor
  ran on it). Pinned at its first score (meeting extractor 39): detection F1 96.5 % (fn 1), host and
  members 73.3 %, period, provinces and attendees 86.7 %, every other field 93.3 %, extra rows 1/1.
- `blind14` (tests/fixtures/meetings/blind14, 23 long provincial-newspaper and provincial-portal reports
  of 2018–2026 in the page and portal layouts: long attendee paragraphs, online meetings across
  several points, post-merger clusters, a joint meeting of two clusters, hosts named only in the
  closing paragraph, captions between paragraphs; 15 meetings, 8 hard negatives; labelled and
  committed before the extractor ran on it). Pinned at its first score (meeting extractor 38):
  detection F1 100 %, host and location 93.3 %, members and attendees 86.7 %, every other field 100 %.
  After extractor 44 (tests in tests/test_meetings_reports.py): members and attendees 100 %, host and
  location 93.3 % (two label disagreements, see KNOWN_MISSES).

The misses left standing are label conventions where the sets follow the realworld labeller (or
another labelled set) and the extractor follows the seed/corpus (see KNOWN_MISSES).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import load_script

from archive.meetings import (
    city_of_district,
    extract_meetings,
    hosting_unit,
    parse_period,
    parse_titled_person,
    strip_outlet,
)

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "meetings"


@dataclass(frozen=True)
class BlindSet:
    directory: Path
    meetings: int
    floors: dict[str, float]
    known_misses: set[tuple[str, str]] = field(default_factory=set)
    extra_rows: dict[str, int] = field(default_factory=lambda: {"found": 1, "wanted": 1, "spurious": 0})
    items: int = 30
    layouts: tuple[str, ...] = ("2013", "2017", "2025")  # the crawl layouts the set is written in
    # false and missed detections the set still has (a blind set pinned at its first run)
    detection: dict[str, int] = field(default_factory=lambda: {"fp": 0, "fn": 0})
    false_positives: set[str] = field(default_factory=set)  # hard negatives that still give a row
    layout_min: int = 3  # each of the set's layouts at least this often (blind15 has two 2017 items)


# blind10 as the fixed extractor leaves it (meeting extractor 31: every field 100 %)
FLOORS_10 = {"detection_f1": 1.0, "kind": 1.0, "period": 1.0, "cluster": 1.0, "host": 1.0, "location": 1.0,
             "meeting_date": 1.0, "provinces": 1.0, "members": 1.0, "attendees": 1.0}
FALSE_10: set[str] = set()
KNOWN_10: set[tuple[str, str]] = set()
DETECTION_10 = {"fp": 0, "fn": 0}

# blind12 as each fix leaves it (first run, meeting extractor 32: location 64.3 %, provinces 85.7 %;
# 34 reads a venue under "📍 Địa điểm:"; 35 the host that "vinh dự đăng cai", "cơ sở" counted, "ThS.",
# the day after an album's captions, a locality chairing at the venue; 37 a district named by its
# body, "Huyện Đoàn Vị Xuyên", for the province); the set's README lists each
# miss left by its general pattern
FLOORS_12 = {"detection_f1": 1.0, "kind": 1.0, "period": 1.0, "cluster": 1.0, "host": 1.0, "location": 0.928,
             "meeting_date": 1.0, "provinces": 1.0, "members": 0.857, "attendees": 1.0}
KNOWN_12: set[tuple[str, str]] = {
    ("1202.txt", "members"),
    ("1213.txt", "location"), ("1213.txt", "members")}
EXTRA_12 = {"found": 1, "wanted": 1, "spurious": 0}

# blind13 as each fix leaves it (first run, meeting extractor 39: detection F1 96.5 %, host and members
# 73.3 %; 41 takes an honouring of a quoted title for a meeting, 1310; 42 gives a head written once to the
# province names after it and opens an item at a unit named for its province, 1302, 1312; 43 reads a
# capitalised plural head over codes, "các Nhà máy Z111, Z113", 1313; 46 reads guests before "dự đại hội"
# and a congress's term in brackets after its ordinal, 1308; 48 the unit of a Cụm/Khối trưởng who chairs,
# 1306, 1312; 64 no longer takes the member's factory where the bloc only "đã có buổi tọa đàm" for the
# host, 1313, README "Meetings", "A cluster's own unit as the venue"); the set's README lists each miss
# by its general pattern
FLOORS_13 = {"detection_f1": 1.0, "kind": 1.0, "period": 1.0, "cluster": 1.0, "host": 1.0,
             "location": 1.0, "meeting_date": 1.0, "provinces": 1.0, "members": 1.0, "attendees": 1.0}
KNOWN_13: set[tuple[str, str]] = set()
DETECTION_13 = {"fp": 0, "fn": 0}

# blind14 as each fix leaves it (first run, meeting extractor 38: host and location 93.3 %, members and
# attendees 86.7 %; 44 reads "các đồng chí: A, …; B, …", a province named as the Cụm trưởng, the venue of a
# far sentence describing the meeting, two clusters' lists, a count running on to its colon); the set's
# README lists each miss by its general pattern; 52 drops the rule that made a member locality the venue
# the host (1411: the text names no host, realworld's "null where the text is silent"); 53 copies a venue
# that points back at the host as written (1406 "hội trường cơ quan", blind7-811 relabelled to match)
FLOORS_14 = {"detection_f1": 1.0, "kind": 1.0, "period": 1.0, "cluster": 1.0, "host": 1.0, "location": 1.0,
             "meeting_date": 1.0, "provinces": 1.0, "members": 1.0, "attendees": 1.0}
KNOWN_14: set[tuple[str, str]] = set()

# blind15 as each fix leaves it (first run, meeting extractor 59: detection F1 93.3 % (fp 1518, fn 1510),
# members 66.7 %, location 73.3 %, host 80 %, cluster 86.7 %, every other field 93.3 %, extra rows 0/1;
# 60 reads place names after a counted kind and a colon as names, "có 5 HTX :", numbered units after a
# plural with their address in brackets, and a plural's kind as written; 61 a locality after a time word
# as this year's chair, a Chi cục's numbered team as a unit, the venue after the event the chair runs, a
# stadium or square in lower case; 62 a spaced full stop and a number glued to the next sentence end it,
# "(sản xuất|kinh doanh) giỏi" as an honour's object, "dưới sự chủ trì của X", clusters in the plural
# no cluster, "cũng" after a cluster's name; 63 the place opening the sentence that names a round-up's
# first cluster (tests/test_meetings_district.py); the set's README lists each
FLOORS_15 = {"detection_f1": 1.0, "kind": 1.0, "period": 1.0, "cluster": 1.0, "host": 1.0, "location": 1.0,
             "meeting_date": 1.0, "provinces": 1.0, "members": 1.0, "attendees": 1.0}
KNOWN_15: set[tuple[str, str]] = set()

SETS = {
    # 19 meeting reports: 18/19 = 94.7 %. (201/210, a police cluster meeting "tại hội trường
    # CAQ/Công an quận X" with no organiser named, are labelled host null as in rw-007; since v7
    # a hall, meeting room or headquarters names a place, not a host, and they pass.)
    "blind": BlindSet(FIXTURES / "blind", 19, {
        "detection_f1": 1.0, "kind": 1.0, "period": 0.947, "cluster": 1.0, "host": 1.0, "location": 1.0,
        "meeting_date": 1.0, "provinces": 1.0, "members": 1.0, "attendees": 1.0}, {
        # A launched drive "kéo dài từ ngày 3-6 đến hết ngày 31-7-2013": labelled with the drive's
        # run; the extractor takes "năm 2013" from the lead (the corpus labels such runs null).
        ("217.txt", "period")}),
    # 20 meeting reports. 303's province (only "huyện Hòa Vang" in the text) comes from the district
    # gazetteer since v6. 305 ("Đồng chí A, Giám đốc Công ty B, Trưởng khối năm 2024 chủ trì hội nghị")
    # and 315 ("Hội nghị do Thượng tá A, Trưởng Công an huyện B, Cụm trưởng chủ trì"), labelled with the
    # chair's unit, pass since meeting extractor 48 (the corpus's own-112 corrected to the same reading).
    "blind2": BlindSet(FIXTURES / "blind2", 20, {
        "detection_f1": 1.0, "kind": 1.0, "period": 1.0, "cluster": 1.0, "host": 1.0, "location": 1.0,
        "meeting_date": 1.0, "provinces": 1.0, "members": 1.0, "attendees": 1.0}),
    # 16 meeting reports, 8 hard negatives; no label disagreement left after v6
    "blind3": BlindSet(FIXTURES / "blind3", 16, {
        "detection_f1": 1.0, "kind": 1.0, "period": 1.0, "cluster": 1.0, "host": 1.0, "location": 1.0,
        "meeting_date": 1.0, "provinces": 1.0, "members": 1.0, "attendees": 1.0}, items=24),
    # 12 meeting reports, 8 hard negatives, all in the 2013 layout; no label disagreement after v8
    "blind4": BlindSet(FIXTURES / "blind4", 12, {
        "detection_f1": 1.0, "kind": 1.0, "period": 1.0, "cluster": 1.0, "host": 1.0, "location": 1.0,
        "meeting_date": 1.0, "provinces": 1.0, "members": 1.0, "attendees": 1.0}, items=20, layouts=("2013",)),
    # 15 meeting reports, 9 hard negatives, all in the newspaper page layout; 14/15 periods
    "blind5": BlindSet(FIXTURES / "blind5", 15, {
        "detection_f1": 1.0, "kind": 1.0, "period": 0.93, "cluster": 1.0, "host": 1.0, "location": 1.0,
        "meeting_date": 1.0, "provinces": 1.0, "members": 1.0, "attendees": 1.0}, {
        # an emulation congress named for the term it opens ("lần thứ V, giai đoạn 2020 - 2025")
        # reviews the term before it ("Giai đoạn 2015 - 2020, …"): the extractor takes the name's
        ("609.txt", "period")}, items=24, layouts=("page",)),
    # 15 meeting reports, 9 hard negatives, all in the portal layout; pinned at its first run
    # (extractor 16) until extractor 17 fixed its miss groups (tests/fixtures/meetings/blind6/README.md)
    "blind6": BlindSet(FIXTURES / "blind6", 15, {
        "detection_f1": 1.0, "kind": 1.0, "period": 1.0, "cluster": 1.0, "host": 1.0, "location": 1.0,
        "meeting_date": 1.0, "provinces": 1.0, "members": 1.0, "attendees": 1.0}, set(),
        extra_rows={"found": 2, "wanted": 2, "spurious": 0}, items=24, layouts=("portal",)),
    # 15 meeting reports, 9 hard negatives, all in a sector website's layout (breadcrumb, date line,
    # related-items tail); first run (extractor 18) F1 87.5 %, members 46.7 %, attendees 73.3 %;
    # after extractor 19 every field 100 % (tests/fixtures/meetings/blind7/README.md)
    "blind7": BlindSet(FIXTURES / "blind7", 15, {
        "detection_f1": 1.0, "kind": 1.0, "period": 1.0, "cluster": 1.0, "host": 1.0, "location": 1.0,
        "meeting_date": 1.0, "provinces": 1.0, "members": 1.0, "attendees": 1.0}, set(),
        extra_rows={"found": 2, "wanted": 2, "spurious": 0}, items=24, layouts=("sector",)),
    # 15 meeting reports, 9 hard negatives, all PDF bulletin items read through extract_text; first
    # run (extractor 19) F1 92.9 %, location and attendees 0 %, members 6.7 %, host 26.7 %; after
    # extractor 20 every field 100 % (tests/fixtures/meetings/blind8/README.md)
    "blind8": BlindSet(FIXTURES / "blind8", 15, {
        "detection_f1": 1.0, "kind": 1.0, "period": 1.0, "cluster": 1.0, "host": 1.0, "location": 1.0,
        "meeting_date": 1.0, "provinces": 1.0, "members": 1.0, "attendees": 1.0}, set(),
        extra_rows={"found": 1, "wanted": 1, "spurious": 0}, items=24, layouts=("bulletin",)),
    # 15 meeting reports, 9 hard negatives in the three aggregator layouts (8 of 2013, 7 of 2017, 9 CSV
    # rows of 2025), sectors no set used there; first run (meeting extractor 25) F1 92.9 % (fn 2), host
    # 66.7 %, attendees 73.3 %; after extractor 29 every field 100 % but one province (the set's README)
    "blind9": BlindSet(FIXTURES / "blind9", 15, {
        "detection_f1": 1.0, "kind": 1.0, "period": 1.0, "cluster": 1.0, "host": 1.0, "location": 1.0,
        "meeting_date": 1.0, "provinces": 0.93, "members": 1.0, "attendees": 1.0}, {
        # a universities' bloc meeting at Trường Đại học Vinh, no province named for the venue: labelled
        # Nghệ An (the meeting's province, as blind5-611 labels a schools' cluster); the extractor
        # names none, the members' names carrying three of their provinces
        ("1009.txt", "provinces")},
        extra_rows={"found": 3, "wanted": 3, "spurious": 0}, items=24),
    # 14 meeting reports, 8 hard negatives: official documents as portals publish them and radio/TV
    # transcripts; first run (meeting extractor 25) F1 80.0 % (fp 4, fn 2), host 42.9 %; pinned at
    # what the fixed extractor achieves (tests/fixtures/meetings/blind10/README.md)
    "blind10": BlindSet(FIXTURES / "blind10", 14, FLOORS_10, KNOWN_10,
        extra_rows={"found": 1, "wanted": 1, "spurious": 0}, items=22, layouts=("document", "broadcast"),
        detection=DETECTION_10, false_positives=FALSE_10),
    # 12 meeting reports, 12 near-miss negatives in the three aggregator layouts, ceremony-type meetings;
    # first run (meeting extractor 29) F1 92.3 % (fp 2), period and host 91.7 %; after extractor 32 every
    # field 100 % but one host, 1114's chairing Cụm trưởng's unit, read since extractor 48
    # (tests/fixtures/meetings/blind11/README.md)
    "blind11": BlindSet(FIXTURES / "blind11", 12, {
        "detection_f1": 1.0, "kind": 1.0, "period": 1.0, "cluster": 1.0, "host": 1.0, "location": 1.0,
        "meeting_date": 1.0, "provinces": 1.0, "members": 1.0, "attendees": 1.0}, set(),
        extra_rows={"found": 1, "wanted": 1, "spurious": 0}, items=24),
    # 14 meeting reports, 8 hard negatives: posts of units' Facebook pages and Zalo official accounts
    # (no title) and e-mailed newsletters; pinned at its first run (meeting extractor 32)
    # (tests/fixtures/meetings/blind12/README.md)
    "blind12": BlindSet(FIXTURES / "blind12", 14, FLOORS_12, KNOWN_12, extra_rows=EXTRA_12, items=22,
        layouts=("social", "mail")),
    # 15 meeting reports, 9 hard negatives: short news of 2010-2016 in the 2013 and 2017 layouts; pinned at
    # its first run (meeting extractor 39) (tests/fixtures/meetings/blind13/README.md)
    "blind13": BlindSet(FIXTURES / "blind13", 15, FLOORS_13, KNOWN_13, items=24, layouts=("2013", "2017"),
        detection=DETECTION_13),
    # 15 meeting reports, 8 hard negatives: long provincial-newspaper and portal reports of 2018-2026;
    # pinned at its first run (meeting extractor 38) (tests/fixtures/meetings/blind14/README.md)
    "blind14": BlindSet(FIXTURES / "blind14", 15, FLOORS_14, KNOWN_14,
        extra_rows={"found": 0, "wanted": 0, "spurious": 0}, items=23, layouts=("page", "portal")),
    # 15 meeting reports, 9 hard negatives: district-level news of 2005-2012 re-posted by an aggregator
    # (22 in the 2013 layout, 2 in the 2017 one); first run meeting extractor 59, fixed by 60 to 63
    # (tests/fixtures/meetings/blind15/README.md)
    "blind15": BlindSet(FIXTURES / "blind15", 15, FLOORS_15, KNOWN_15,
        extra_rows={"found": 1, "wanted": 1, "spurious": 0}, items=24, layouts=("2013", "2017"), layout_min=2),
}


EVAL = load_script("eval_meetings")


def _gold(name: str) -> list[dict[str, Any]]:
    text = (SETS[name].directory / "labels.jsonl").read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


GOLD = {name: _gold(name) for name in SETS}


def _rows(name: str, item: dict[str, Any]) -> list[dict[str, Any]]:
    parts = EVAL.split_item((SETS[name].directory / item["file"]).read_text("utf-8"))
    return extract_meetings(parts["title"], parts["body"], lead=parts["lead"], published=parts["published"])


@pytest.fixture(scope="module", params=list(SETS))
def scored(request: pytest.FixtureRequest) -> tuple[str, dict[str, Any]]:
    name = request.param
    return name, EVAL.run(SETS[name].directory, floors=SETS[name].floors)


@pytest.mark.parametrize("name", list(SETS))
def test_blind_set_is_well_formed(name: str) -> None:
    # all items, both classes, every layout; the published time the layout gives is gold's
    gold = GOLD[name]
    assert len(gold) == SETS[name].items
    assert sum(g["is_meeting"] for g in gold) == SETS[name].meetings
    layouts = {"2013": 0, "2017": 0, "2025": 0, "page": 0, "portal": 0, "sector": 0, "bulletin": 0, "document": 0,
               "broadcast": 0, "social": 0, "mail": 0}
    for g in gold:
        text = (SETS[name].directory / g["file"]).read_text("utf-8")
        parts = EVAL.split_item(text)
        assert parts["title"] == g["title"], g["file"]
        assert parts["published"] == g["published"], g["file"]
        sector = bool(EVAL.BREADCRUMB.match(text.split("\n")[0].strip()))  # a breadcrumb above the headline
        bulletin = bool(EVAL.BULLETIN.match(text.split("\n")[0].strip()))  # a bulletin's masthead
        page = bool(EVAL._PAGE_DATE.match(text.split("\n")[1].strip()))
        portal = bool(EVAL._PORTAL_DATE.match(text.split("\n")[1].strip()))
        document = EVAL.is_document(text.split("\n"))  # an official document's header
        broadcast = bool(EVAL.BROADCAST.match(text.split("\n")[0].strip()))  # a station's line
        social = bool(EVAL.SOCIAL.match(text.split("\n")[0].strip()))  # a saved post's stamp
        mail = bool(EVAL.MAIL_FROM.match(text.split("\n")[0].strip()))  # a saved e-mail's header
        layouts["social" if social else "mail" if mail else "document" if document
                else "broadcast" if broadcast else "bulletin" if bulletin else "sector" if sector
                else "page" if page else "portal" if portal else "2017" if not g["published"]
                else "2013" if parts["lead"] else "2025"] += 1
    # each of the set's layouts three times or more (blind12 has three e-mails), no other layout
    assert all(layouts[k] >= SETS[name].layout_min if k in SETS[name].layouts else layouts[k] == 0
               for k in layouts), layouts


def test_scores_at_or_above_what_the_fixed_extractor_achieves(scored: tuple[str, dict[str, Any]]) -> None:
    name, report = scored
    assert not report["below_floor"], (report["below_floor"], report["misses"])
    detection = SETS[name].detection
    assert (report["detection"]["fp"], report["detection"]["fn"]) == (detection["fp"], detection["fn"]), report["misses"]
    assert report["extra_rows"] == SETS[name].extra_rows


def test_only_the_known_label_disagreements_miss(scored: tuple[str, dict[str, Any]]) -> None:
    # a new miss anywhere fails, even when the field's rate still clears its floor
    name, report = scored
    misses = {(m["file"], m["field"]) for m in report["misses"]}
    assert misses <= SETS[name].known_misses, sorted(misses - SETS[name].known_misses)


@pytest.mark.parametrize("name, item", [
    pytest.param(n, g, marks=pytest.mark.xfail(strict=True, reason="a first-run false detection of a blind set"))
    if g["file"] in SETS[n].false_positives else (n, g)
    for n in SETS for g in GOLD[n] if not g["is_meeting"]], ids=lambda x: x if isinstance(x, str) else x["file"])
def test_hard_negative_gives_no_row(name: str, item: dict[str, Any]) -> None:
    # blind: congress, executive session, press conference, one unit's flag, profile, cooperation
    # signing, building site, crime news, digest, inspection, a tọa đàm on a social topic;
    # blind2: a decision listing awardees, a plan for the clusters' year, an interview, an
    # obituary, a cluster's sports day, a unit's anniversary, a workers' conference, a court
    # story, a weather story, a list of good deeds; blind3: a cluster's charity visit, a union
    # congress that honours, a movement's results, a policy workshop, a national award list, a
    # staff conference that launches a drive, a lễ ra quân, a họp mặt kỷ niệm
    assert _rows(name, item) == [], item["notes"]


def test_headline_agenda_with_a_lead_that_only_names_the_event() -> None:
    # 206: the headline says "tuyên dương", the lead only "tổ chức Liên hoan … Sáng nay"
    item = next(g for g in GOLD["blind"] if g["file"] == "206.txt")
    [row] = _rows("blind", item)
    assert (row["kind"], row["meeting_date"], row["place"]) == (
        "tuyên dương điển hình", "2013-05-30", "Nhà văn hóa Thiếu nhi tỉnh")
    assert [a["name"] for a in row["attendees"]] == ["Hoàng Thị Kim Liên", "Lê Văn Hòa"]


@pytest.mark.parametrize("name", list(SETS))
def test_scoring_can_fail(name: str) -> None:
    # the first meeting with a host that the extractor finds (a set pinned at its first run may miss some)
    item = next(g for g in GOLD[name] if g["is_meeting"] and g["host"] and _rows(name, g))
    assert not any(EVAL.score([], item).values())
    rows = _rows(name, item)
    rows[0] = {**rows[0], "meeting_date": "1999-01-01"}
    assert EVAL.score(rows, item)["meeting_date"] is False


# --- the rules added after the first blind run, each on text of its own ------------------------

def _one(title: str, lead: str, body: str = "", published: str | None = None) -> list[dict[str, Any]]:
    return extract_meetings(title, body, lead=lead, published=published)


def test_police_short_forms_are_organisations() -> None:
    from archive.organisations import starts_with_org_head

    assert starts_with_org_head("CAQ Ba Đình") and starts_with_org_head("CAH Mê Linh")
    assert not starts_with_org_head("CNLĐ tiêu biểu")  # workers, not a body
    [row] = _one("Cụm thi đua số 4 sơ kết quý II", "Chiều 2-7, Cụm thi đua số 4 - CATP Hà Nội sơ kết công tác "
                 "thi đua quý II năm 2014.", "Hội nghị do CAH Mê Linh - đơn vị Cụm trưởng - chủ trì.")
    assert row["host"] == "CAH Mê Linh"


def test_a_second_plural_kind_in_a_shared_member_list() -> None:
    [row] = _one("Cụm thi đua số 6 tọa đàm", "Sáng 9-4, Cụm thi đua số 6 gồm công an các quận Hà Đông, Nam Từ "
                 "Liêm và các huyện Hoài Đức, Đan Phượng tổ chức tọa đàm về phong trào thi đua.",
                 published="2014-04-10T08:00:00+07:00")
    assert row["members"] == ["công an quận Hà Đông", "công an quận Nam Từ Liêm", "công an huyện Hoài Đức",
                              "công an huyện Đan Phượng"]


def test_afternoon_of_the_same_day_opens_a_second_meeting() -> None:
    rows = _one("Tuyên dương công nhân giỏi", "Sáng 2-5, LĐLĐ huyện Nhà Bè tuyên dương 40 công nhân giỏi, "
                "tiêu biểu năm 2014.", "Có 12 sáng kiến được công nhận. Ảnh: T.AN- Chiều cùng ngày, LĐLĐ huyện "
                "Cần Giờ tổ chức hội nghị tuyên dương 30 CNLĐ tiêu biểu.", "2014-05-02T20:00:00+07:00")
    assert [(r["host"], r["meeting_date"]) for r in rows] == [("LĐLĐ huyện Nhà Bè", "2014-05-02"),
                                                              ("LĐLĐ huyện Cần Giờ", "2014-05-02")]


def test_mid_term_review_gives_no_year_and_an_anniversary_gives_one() -> None:
    [mid] = _one("Hội Nông dân sơ kết giữa nhiệm kỳ", "Ngày 14-9, Hội Nông dân huyện Tiên Du sơ kết giữa "
                 "nhiệm kỳ 2018 - 2023 phong trào thi đua sản xuất giỏi.")
    assert mid["meeting_date"] is None and mid["period_label"].startswith("giữa nhiệm kỳ")
    [anniversary] = _one("Cụm thi đua số 3 tọa đàm", "Ngày 1-9, Cụm thi đua số 3 Công an tỉnh tổ chức tọa đàm "
                         "nhân kỷ niệm 70 năm Ngày truyền thống lực lượng CAND (19/8/1945 - 19/8/2015).")
    assert anniversary["meeting_date"] == "2015-09-01"


def test_a_target_later_in_the_text_is_not_the_period() -> None:
    [row] = _one("Cụm thi đua số 9 tọa đàm", "Sáng 6-3, Cụm thi đua số 9 - CATP Hà Nội tọa đàm về dân vận khéo.",
                 "Lãnh đạo CATP đề nghị các đơn vị phấn đấu hoàn thành các chỉ tiêu thi đua năm 2014.",
                 "2014-03-07T07:00:00+07:00")
    assert row["period_label"] is None


def test_a_given_name_that_also_opens_a_role_word() -> None:
    [row] = _one("Biểu dương 60 hội viên tiêu biểu", "Sáng 8-3, Hội LHPN quận 5 biểu dương 60 hội viên "
                 "tiêu biểu năm 2014.", "Dự hội nghị có bà Phạm Thị Bích Liên, Phó Chủ tịch Hội LHPN thành phố.",
                 "2014-03-08T20:00:00+07:00")
    assert [a["name"] for a in row["attendees"]] == ["Phạm Thị Bích Liên"]


# --- the rules added after the second blind run (extractor v5) ---------------------------------

def test_an_office_named_kế_hoạch_is_not_a_plan() -> None:
    # "Sở Kế hoạch và Đầu tư" hosts many provincial blocs; a plan is lower case or after "ban hành"
    [row] = _one("Khối thi đua tổng kết", "Chiều 27/12, tại hội trường Sở Kế hoạch và Đầu tư tỉnh Hà Nam, Khối "
                 "thi đua các sở, ngành tổng hợp tổ chức hội nghị tổng kết công tác thi đua năm 2023.",
                 published="2023-12-28T08:00:00+07:00")
    assert (row["kind"], row["meeting_date"], row["place"]) == (
        "tổng kết", "2023-12-27", "hội trường Sở Kế hoạch và Đầu tư tỉnh Hà Nam")
    assert _one("Khối thi đua", "Ngày 3/1, các khối thi đua theo kế hoạch sẽ tổ chức hội nghị ký kết giao ước "
                "thi đua năm 2024.") == []


def test_a_plan_a_decision_an_interview_and_a_units_own_ceremony_report_no_meeting() -> None:
    assert _one("Hướng dẫn hoạt động cụm, khối", "Ngày 8/1/2024, UBND tỉnh Ninh Bình ban hành Hướng dẫn hoạt "
                "động của các cụm, khối thi đua năm 2024.", "Theo đó, chậm nhất ngày 10/3/2024, các cụm, khối "
                "tổ chức hội nghị ký kết giao ước thi đua.") == []
    assert _one("Bằng khen cho 20 tập thể", "Ngày 2/12, Chủ tịch UBND tỉnh ký Quyết định tặng Bằng khen cho 20 "
                "tập thể.", "Đây là các tập thể tiêu biểu đã được biểu dương tại hội nghị sơ kết phong trào "
                "thi đua của tỉnh.", "2024-12-06T08:00:00+07:00") == []
    assert _one("Người làm thi đua", "Phóng viên trò chuyện với Trưởng ban Thi đua tỉnh.",
                "PV: Ông đánh giá thế nào? Ông Lê Văn Tú: Tại hội nghị tổng kết ngày 10/1/2024, tỉnh đã "
                "tuyên dương 50 điển hình tiên tiến. PV: Xin cảm ơn ông.") == []
    assert _one("Trường THPT Chuyên kỷ niệm 40 năm thành lập", "Ngày 20/11, Trường THPT Chuyên Hùng Vương tổ "
                "chức Lễ kỷ niệm 40 năm Ngày thành lập và đón nhận Huân chương Lao động hạng Nhì.",
                "Tại buổi lễ, nhà trường tuyên dương 30 giáo viên tiêu biểu.", "2024-11-21T08:00:00+07:00") == []
    # a ceremony about emulation itself still reports its honouring
    [row] = _one("Kỷ niệm Ngày Bác Hồ ra Lời kêu gọi thi đua ái quốc", "Sáng 11/6, UBND tỉnh Thái Bình tổ "
                 "chức Lễ kỷ niệm 76 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc.",
                 "Tại buổi lễ, UBND tỉnh tuyên dương 76 điển hình tiên tiến.", "2024-06-11T20:00:00+07:00")
    assert (row["kind"], row["meeting_date"]) == ("tuyên dương điển hình", "2024-06-11")


@pytest.mark.parametrize("text, name, title", [
    ("Phó Chủ tịch UBND tỉnh Quảng Nam Trần Văn Cường phát biểu", "Trần Văn Cường", "Phó Chủ tịch UBND tỉnh Quảng Nam"),
    ("Bí thư Huyện ủy Đam Rông Kră Jăn Ha Thu và", "Kră Jăn Ha Thu", "Bí thư Huyện ủy Đam Rông"),
    ("Chủ tịch UBND huyện K’Bang Nguyễn Văn Hùng", "Nguyễn Văn Hùng", "Chủ tịch UBND huyện K’Bang"),
    ("Phó Chủ tịch UBND huyện Mèo Vạc Vàng Thị Hoa", "Vàng Thị Hoa", "Phó Chủ tịch UBND huyện Mèo Vạc"),
    ("Chủ tịch UBND xã Ea Sol H’Mai Niê trao", "H’Mai Niê", "Chủ tịch UBND xã Ea Sol"),
    ("Giám đốc Sở Công Thương phát biểu", None, None),  # the office's name is no person
    ("Giám đốc Sở Công Thương Lê Thị Hà phát biểu", "Lê Thị Hà", "Giám đốc Sở Công Thương"),
    ("Phó Chủ tịch UBND tỉnh Bà Rịa - Vũng Tàu Lê Văn Nam", "Lê Văn Nam", "Phó Chủ tịch UBND tỉnh Bà Rịa - Vũng Tàu"),
    ("Chủ tịch UBND huyện Thào Mí Lử trao", "Thào Mí Lử", "Chủ tịch UBND huyện"),
])
def test_role_first_names_after_a_place_or_an_office(text: str, name: str | None, title: str | None) -> None:
    got = parse_titled_person(text)
    assert (got[0]["name"], got[0]["title"]) == (name, title) if name else got is None


def test_ethnic_minority_names_in_lists_and_people_running_the_session() -> None:
    [row] = _one("Cụm thi đua sơ kết", "Sáng 3/7, Cụm thi đua số 4 tỉnh Gia Lai sơ kết công tác thi đua 6 tháng "
                 "đầu năm 2024.", "Dự hội nghị có các đồng chí: H’Yơn Rcom, Phó Chủ tịch Hội LHPN tỉnh; Rơ Mah "
                 "Tuấn, Phó Trưởng ban Dân tộc tỉnh. Đồng chí Kpă Thuyên, Phó Giám đốc Sở Nội vụ điều hành hội "
                 "nghị. Thiếu tá Siu Hieo, Đồn trưởng Đồn Biên phòng Ia Mơr trình bày tham luận.",
                 "2024-07-04T08:00:00+07:00")
    assert [(a["name"], a["title"]) for a in row["attendees"]] == [
        ("H’Yơn Rcom", "Phó Chủ tịch Hội LHPN tỉnh"), ("Rơ Mah Tuấn", "Phó Trưởng ban Dân tộc tỉnh"),
        ("Kpă Thuyên", "Phó Giám đốc Sở Nội vụ"), ("Siu Hieo", "Thiếu tá, Đồn trưởng Đồn Biên phòng Ia Mơr")]


def test_the_unit_that_hosts_is_the_subject_of_đăng_cai_and_next_years_head_is_not() -> None:
    assert hosting_unit("Là đơn vị Trưởng cụm năm 2024, UBND huyện Tiên Lữ đăng cai tổ chức hội nghị.") \
        == "UBND huyện Tiên Lữ"
    assert hosting_unit("Trường THPT Nguyễn Du (Cụm trưởng) đăng cai hội nghị.") == "Trường THPT Nguyễn Du"
    assert hosting_unit("Năm 2025, Sở Xây dựng sẽ đăng cai hội nghị.") is None
    assert hosting_unit("Hội nghị do Thượng tá Lê Văn A, Trưởng Công an huyện B, Cụm trưởng chủ trì.") is None
    [row] = _one("Cụm thi đua số 5 tổng kết", "Ngày 20/12, Cụm thi đua số 5 tỉnh Hưng Yên tổng kết công tác thi "
                 "đua năm 2024.", "Là đơn vị Cụm trưởng năm 2024, UBND huyện Tiên Lữ đăng cai tổ chức hội nghị. "
                 "Hội nghị đã bầu UBND huyện Phù Cừ làm Trưởng cụm năm 2025.", "2024-12-21T08:00:00+07:00")
    assert row["host"] == "UBND huyện Tiên Lữ"


def test_a_meeting_in_another_locality_is_a_second_row_with_its_own_host() -> None:
    rows = _one("Các xã tổng kết thi đua", "Sáng 26/12, UBND xã Hòa Phong tổ chức hội nghị tổng kết phong trào "
                "thi đua năm 2024.", "Tại xã Hòa Khương, hội nghị tổng kết phong trào thi đua năm 2024 diễn ra "
                "chiều 27/12, do UBND xã tổ chức.", "2024-12-28T08:00:00+07:00")
    assert [(r["host"], r["meeting_date"]) for r in rows] == [("UBND xã Hòa Phong", "2024-12-26"),
                                                              ("UBND xã Hòa Khương", "2024-12-27")]


def test_place_of_a_later_sentence_a_number_closing_it_and_a_bracketed_address() -> None:
    [row] = _one("Cụm thi đua sơ kết", "Mới đây, Cụm thi đua số 2 các trường THPT tỉnh Nghệ An sơ kết học kỳ I.",
                 "Hội nghị do Trường THPT Quỳnh Lưu 3 – đơn vị Trưởng cụm – chủ trì, tổ chức tại Trường THPT "
                 "Hoàng Mai 2.", "2025-01-15T08:00:00+07:00")
    assert (row["host"], row["place"], row["meeting_date"]) == (
        "Trường THPT Quỳnh Lưu 3", "Trường THPT Hoàng Mai 2", None)
    [firm] = _one("Tổng kết thi đua", "Sáng 20/1, Công ty CP Chè Phú Bền (huyện Thanh Ba, tỉnh Phú Thọ) tổ chức "
                  "hội nghị tổng kết phong trào thi đua năm 2024.", published="2025-01-20T20:00:00+07:00")
    assert firm["host"] == "Công ty CP Chè Phú Bền (huyện Thanh Ba, tỉnh Phú Thọ)"


def test_the_only_province_named_as_a_unit_and_a_movement_run_as_the_period() -> None:
    [row] = _one("Huyện đảo tổng kết thi đua", "Ngày 6/1, UBND huyện Bạch Long Vĩ tổ chức hội nghị tổng kết "
                 "công tác thi đua năm 2024.", "Phát biểu tại hội nghị, Phó Chủ tịch UBND thành phố Hải Phòng "
                 "Lê Anh Quân ghi nhận kết quả của huyện.", "2025-01-07T08:00:00+07:00")
    assert row["provinces"] == ["Hải Phòng"] and [a["name"] for a in row["attendees"]] == ["Lê Anh Quân"]
    [bare] = _one("Tuyên dương đoàn viên", "Sáng 2/4, Đoàn Thanh niên Bộ Y tế tuyên dương 40 đoàn viên tiêu biểu.",
                  "Năm qua, đoàn viên đã xây nhà nhân ái tại Hà Tĩnh.", "2024-04-03T08:00:00+07:00")
    assert bare["provinces"] == []  # a place of an activity, not the meeting's province
    period = parse_period("sơ kết 3 năm thực hiện phong trào thi đua “Dân vận khéo” giai đoạn 2021-2024")
    assert period == {"period_label": "3 năm thực hiện phong trào thi đua “Dân vận khéo” giai đoạn 2021-2024",
                      "period_start": "2021-01-01", "period_end": "2024-12-31"}


def test_kinds_add_what_else_was_done_at_the_meeting() -> None:
    [row] = _one("Tổng kết thi đua", "Sáng 9/1, Sở Tư pháp tỉnh Bắc Ninh tổ chức hội nghị tổng kết công tác thi "
                 "đua, khen thưởng năm 2024.", "Dịp này, các phòng, đơn vị trực thuộc Sở ký kết giao ước thi đua "
                 "năm 2025.", "2025-01-10T08:00:00+07:00")
    assert row["kinds"] == ["tổng kết", "ký kết giao ước thi đua"]


# --- the rules added after the third blind run (extractor v6) ----------------------------------

def test_locality_short_forms_keep_their_names_and_an_upper_case_byline_ends_a_title() -> None:
    [row] = _one("Tuyên dương CNVCLĐ", "Chiều 3.6, LĐLĐ Q.Gò Vấp (TP.HCM) tổ chức hội nghị tuyên dương 60 "
                 "CNVCLĐ tiêu biểu năm 2014.", "Dự hội nghị có bà Trần Thị Lan - Phó Chủ tịch LĐLĐ TP. Hồ Chí "
                 "Minh; ông Lê Văn Tâm - Chủ tịch UBMTTQ quận.HỒNG NHUNG", "2014-06-04T07:00:00+07:00")
    assert row["host"] == "LĐLĐ Q.Gò Vấp (TP.HCM)"
    assert [(a["name"], a["title"]) for a in row["attendees"]] == [
        ("Trần Thị Lan", "Phó Chủ tịch LĐLĐ TP. Hồ Chí Minh"), ("Lê Văn Tâm", "Chủ tịch UBMTTQ quận")]
    assert strip_outlet("QĐND Online - Sáng 3-4, Sư đoàn 312") == "Sáng 3-4, Sư đoàn 312"


def test_a_staff_conference_that_launches_a_drive_is_no_emulation_meeting() -> None:
    assert _one("Hội nghị viên chức, người lao động năm 2024", "Ngày 10/1, Trung tâm Y tế huyện Yên Dũng tổ "
                "chức Hội nghị viên chức, người lao động năm 2024.", "Tại hội nghị, Giám đốc Trung tâm phát "
                "động phong trào thi đua năm 2024 và khen thưởng 20 cá nhân.", "2024-01-11T08:00:00+07:00") == []
    assert _one("Hội nghị cán bộ, công chức", "Sáng 12/1, Chi cục Thuế khu vực Lục Ngạn tổ chức Hội nghị cán bộ, "
                "công chức năm 2024 và phát động phong trào thi đua năm 2024.",
                published="2024-01-12T20:00:00+07:00") == []
    # the emulation meeting of the same office stays one
    [row] = _one("Chi cục Thuế phát động thi đua", "Sáng 12/1, Chi cục Thuế khu vực Lục Ngạn tổ chức hội nghị "
                 "phát động phong trào thi đua năm 2024.", published="2024-01-12T20:00:00+07:00")
    assert row["kind"] == "phát động thi đua"


def test_a_meeting_told_from_a_guests_point_of_view_is_hosted_by_its_owner() -> None:
    lead = ("Sáng 5/1, Phó Chủ tịch UBND tỉnh Bắc Ninh Lê Văn Bình dự Hội nghị tổng kết công tác thi đua, khen "
            "thưởng năm 2023 của huyện Tiên Du.")
    [bare] = _one("Đồng chí Lê Văn Bình dự hội nghị", lead, published="2024-01-05T20:00:00+07:00")
    assert (bare["host"], bare["meeting_date"]) == ("huyện Tiên Du", "2024-01-05")
    [row] = _one("Đồng chí Lê Văn Bình dự hội nghị tổng kết của huyện Tiên Du", lead,
                 "Hội nghị do UBND huyện Tiên Du tổ chức. Năm 2023, huyện đạt 16/16 chỉ tiêu.",
                 "2024-01-05T20:00:00+07:00")
    assert row["host"] == "UBND huyện Tiên Du"
    # the bare name of the headline takes the role the lead prints
    assert [(a["name"], a["title"]) for a in row["attendees"]] == [("Lê Văn Bình", "Phó Chủ tịch UBND tỉnh Bắc Ninh")]


def test_the_headline_is_the_last_place_for_the_day() -> None:
    [row] = _one("Chiều 14/8, Hội CCB huyện Kim Sơn sơ kết phong trào “Cựu chiến binh gương mẫu”",
                 "Hội CCB huyện Kim Sơn tổ chức hội nghị sơ kết 5 năm phong trào thi đua “Cựu chiến binh gương mẫu” "
                 "giai đoạn 2019-2024.", published="2024-08-15T07:00:00+07:00")
    assert row["meeting_date"] == "2024-08-14"


def test_a_statistics_span_is_no_period_but_six_months_are() -> None:
    [talk] = _one("Cụm thi đua số 2 tọa đàm", "Sáng 12-8, Cụm thi đua số 2 - CATP Hải Phòng tổ chức tọa đàm về "
                  "công tác dân vận.", "Theo báo cáo, 7 tháng đầu năm 2014, các đơn vị đã hòa giải 120 vụ việc.",
                  "2014-08-13T07:00:00+07:00")
    assert talk["period_label"] is None
    [review] = _one("Cụm thi đua số 2 sơ kết", "Sáng 12-7, Cụm thi đua số 2 - CATP Hải Phòng tổ chức hội nghị.",
                    "Các đơn vị đã sơ kết công tác thi đua 6 tháng đầu năm 2014.", "2014-07-13T07:00:00+07:00")
    assert review["period_label"] == "6 tháng đầu năm 2014"


def test_a_list_that_goes_on_by_side_and_a_one_word_office_before_a_name() -> None:
    got = parse_titled_person("Cục trưởng Cục Thuế Trần Văn Hùng phát biểu")
    assert got and (got[0]["name"], got[0]["title"]) == ("Trần Văn Hùng", "Cục trưởng Cục Thuế")
    assert parse_titled_person("Giám đốc Sở Văn Hóa Thể Thao phát biểu") is None
    [row] = _one("Tôn vinh 100 công nhân", "Ngày 20/4, Tổng công ty Sông Đà tổ chức hội nghị tôn vinh 100 công "
                 "nhân tiêu biểu năm 2023.", "Dự hội nghị có đồng chí Trần Minh Hòa, Thứ trưởng Bộ Xây dựng. Về "
                 "phía Tổng công ty có đồng chí Nguyễn Hữu Kiên, Chủ tịch HĐQT và đồng chí Đào Thị Mai, Tổng Giám "
                 "đốc.", "2023-04-21T08:00:00+07:00")
    assert [a["name"] for a in row["attendees"]] == ["Trần Minh Hòa", "Nguyễn Hữu Kiên", "Đào Thị Mai"]


@pytest.mark.parametrize("text, city", [
    ("LĐLĐ quận 10", "TP. Hồ Chí Minh"), ("Q.Hai Bà Trưng", "Hà Nội"), ("CAH Phú Xuyên", "Hà Nội"),
    ("UBND xã Hòa Tiến (huyện Hoà Vang)", "Đà Nẵng"), ("thị xã Sơn Tây", "Hà Nội"), ("quận Tân Phú", "TP. Hồ Chí Minh"),
    # names another province's district shares give no city
    ("huyện Sơn Tây", None), ("huyện Tân Phú", None), ("huyện Phong Điền", None), ("Quận đoàn", None),
])
def test_a_centrally_run_citys_district_gives_the_city(text: str, city: str | None) -> None:
    assert city_of_district(text) == city


def test_a_district_gives_the_province_only_when_the_text_names_none() -> None:
    [row] = _one("LĐLĐ quận 10 tuyên dương 80 CNVCLĐ", "Sáng 2-6, LĐLĐ quận 10 tuyên dương 80 CNVCLĐ tiêu biểu "
                 "năm 2014.", published="2014-06-02T20:00:00+07:00")
    assert row["provinces"] == ["TP. Hồ Chí Minh"]
    [named] = _one("Tuyên dương", "Sáng 2-6, LĐLĐ huyện Gia Lâm (Hà Nội) tuyên dương 80 CNVCLĐ tiêu biểu năm 2014.",
                   published="2014-06-02T20:00:00+07:00")
    assert named["provinces"] == ["Hà Nội"]


def test_the_honouring_conference_named_without_its_verb() -> None:
    [row] = _one("Hội nghị điển hình tiên tiến huyện Đông Anh", "Ngày 12/5, UBND huyện Đông Anh tổ chức Hội nghị "
                 "điển hình tiên tiến giai đoạn 2020-2025.", published="2025-05-13T20:00:00+07:00")
    assert (row["kind"], row["host"], row["period_label"], row["provinces"]) == (
        "biểu dương điển hình", "UBND huyện Đông Anh", "giai đoạn 2020-2025", ["Hà Nội"])
    [verb] = _one("Bộ Xây dựng tôn vinh 90 điển hình", "Sáng 8/6, Bộ Xây dựng tổ chức Hội nghị điển hình tiên "
                  "tiến giai đoạn 2020-2025.", published="2025-06-08T20:00:00+07:00")
    assert verb["kind"] == "tôn vinh điển hình"  # the headline's verb
    # none in particular, the occasion of another meeting, a plan
    assert _one("Vĩnh biệt ông A", "Ông A từ trần ngày 1-6-2013. Ông từng dự một hội nghị điển hình tiên tiến "
                "năm 1999.", published="2013-06-02T07:00:00+07:00") == []
    [other] = _one("LĐLĐ huyện sơ kết", "Hướng tới Hội nghị điển hình tiên tiến tỉnh lần thứ V, ngày 5/3, LĐLĐ "
                   "huyện Yên Lạc tổ chức hội nghị sơ kết phong trào thi đua năm 2024.",
                   published="2024-03-06T08:00:00+07:00")
    assert other["kind"] == "sơ kết"
    assert _one("Tỉnh sẽ tổ chức", "Tháng 10 tới, tỉnh sẽ tổ chức Hội nghị điển hình tiên tiến giai đoạn "
                "2020-2025.", published="2024-03-06T08:00:00+07:00") == []


# --- the rules added after the blind4 run (v8), each on text of its own -------------------------

def test_numbered_districts_in_a_shared_plural_after_an_abbreviation_with_a_dot() -> None:
    from archive.meetings import parse_members

    # HCMC/Hanoi numbered quận and phường share the prefix like named ones; "TP.HCM" is no stop
    assert parse_members("Khối thi đua số 4 - CA TP.HCM gồm CA các quận 4, 7 và 8 đã họp") == [
        "CA quận 4", "CA quận 7", "CA quận 8"]
    assert parse_members("Cụm thi đua gồm Hội LHPN các phường 2, 11 và 12 tổ chức") == [
        "Hội LHPN phường 2", "Hội LHPN phường 11", "Hội LHPN phường 12"]
    # a sentence that ends before "gồm" still ends there; a head count stays no list
    assert parse_members("Cụm thi đua số 1. Đoàn gồm các quận 3, 5") is None
    assert parse_members("Khối thi đua gồm 9 đơn vị thuộc các quận 1, 3 tham gia") is None


def test_a_launched_drive_is_named_by_its_length() -> None:
    assert parse_period("phát động đợt thi đua cao điểm 90 ngày đêm bảo đảm trật tự")["period_label"] == (
        "90 ngày đêm")
    assert parse_period("mở đợt thi đua 60 ngày chào mừng")["period_label"] == "60 ngày"
    assert parse_period("sau 100 ngày triển khai") is None  # a length with no drive
    [row] = _one("CA tỉnh Bến Tre phát động thi đua", "Sáng 2-8, Công an tỉnh Bến Tre tổ chức lễ phát động "
                 "đợt thi đua cao điểm 120 ngày đêm bảo đảm an ninh trật tự.",
                 published="2014-08-03T07:00:00+07:00")
    assert (row["kind"], row["period_label"], row["meeting_date"]) == ("phát động thi đua", "120 ngày đêm",
                                                                       "2014-08-02")
