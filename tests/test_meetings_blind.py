"""Meeting extraction over the own blind set, scored by the eval's own code.

tests/fixtures/meetings/blind holds 30 article texts written for this project (never copied or
paraphrased from ../shared/realworld or from the corpus) in the three aggregator layouts, in
the topics the real sample is heavy on (city police clusters, city departments' honouring
conferences, district and sector unions, Tỉnh đoàn "Cháu ngoan Bác Hồ", an army Cuộc vận
động, women's unions, farmers' associations) plus 11 hard negatives. They were labelled and
committed before the extractor was run on them: the first score (detection F1 97.3 %, period,
host and meeting_date 84.2 %) measured generalisation; the rules then added are general ones
(archive/meetings.py docstrings), and the floors below pin what the fixed extractor achieves,
so that any regression fails.

Three misses are known and left standing, because the labels follow the realworld labeller
where the project's own convention differs (see KNOWN_MISSES).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from archive.meetings import extract_meetings

ROOT = Path(__file__).resolve().parents[1]
BLIND = Path(__file__).parent / "fixtures" / "meetings" / "blind"
# What the extractor achieves (19 meeting reports: 18/19 = 94.7 %, 17/19 = 89.5 %).
FLOORS = {"detection_f1": 1.0, "kind": 1.0, "period": 0.947, "cluster": 1.0, "host": 0.894,
          "location": 1.0, "meeting_date": 1.0, "provinces": 1.0, "members": 1.0, "attendees": 1.0}
KNOWN_MISSES = {
    # A police cluster meeting "tại hội trường CAQ/Công an quận X" with no organiser named: the
    # realworld labeller leaves host null (rw-007, "tại trụ sở CAH …"); the project's demo and
    # corpus take the unit whose hall it is as host, and the extractor follows them.
    ("201.txt", "host"), ("210.txt", "host"),
    # A launched drive "kéo dài từ ngày 3-6 đến hết ngày 31-7-2013": labelled with the drive's
    # run; the extractor takes "năm 2013" from the lead (the corpus labels such runs null).
    ("217.txt", "period"),
}


def _load_eval() -> Any:
    spec = importlib.util.spec_from_file_location("eval_meetings", ROOT / "scripts" / "eval_meetings.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


EVAL = _load_eval()
GOLD = [json.loads(line) for line in (BLIND / "gold.jsonl").read_text("utf-8").splitlines() if line.strip()]


def _rows(item: dict[str, Any]) -> list[dict[str, Any]]:
    parts = EVAL.split_item((BLIND / item["file"]).read_text("utf-8"))
    return extract_meetings(parts["title"], parts["body"], lead=parts["lead"], published=parts["published"])


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    return EVAL.run(BLIND, floors=FLOORS)


def test_blind_set_is_well_formed() -> None:
    # 30 items, both classes, every layout; the published time the layout gives is gold's
    assert len(GOLD) == 30
    assert sum(g["is_meeting"] for g in GOLD) == 19
    layouts = {"2013": 0, "2017": 0, "2025": 0}
    for g in GOLD:
        parts = EVAL.split_item((BLIND / g["file"]).read_text("utf-8"))
        assert parts["title"] == g["title"], g["file"]
        assert parts["published"] == g["published"], g["file"]
        layouts["2017" if not g["published"] else "2013" if parts["lead"] else "2025"] += 1
    assert min(layouts.values()) >= 5, layouts


def test_scores_at_or_above_what_the_fixed_extractor_achieves(report: dict[str, Any]) -> None:
    assert not report["below_floor"], (report["below_floor"], report["misses"])
    assert report["detection"]["fp"] == report["detection"]["fn"] == 0, report["misses"]
    assert report["extra_rows"] == {"found": 1, "wanted": 1, "spurious": 0}


def test_only_the_known_label_disagreements_miss(report: dict[str, Any]) -> None:
    # a new miss anywhere fails, even when the field's rate still clears its floor
    misses = {(m["file"], m["field"]) for m in report["misses"]}
    assert misses <= KNOWN_MISSES, sorted(misses - KNOWN_MISSES)


@pytest.mark.parametrize("item", [g for g in GOLD if not g["is_meeting"]], ids=lambda g: g["file"])
def test_hard_negative_gives_no_row(item: dict[str, Any]) -> None:
    # congress, executive session, press conference, one unit's flag, profile, cooperation
    # signing, building site, crime news, digest, inspection, a tọa đàm on a social topic
    assert _rows(item) == [], item["notes"]


def test_headline_agenda_with_a_lead_that_only_names_the_event() -> None:
    # 206: the headline says "tuyên dương", the lead only "tổ chức Liên hoan … Sáng nay"
    item = next(g for g in GOLD if g["file"] == "206.txt")
    [row] = _rows(item)
    assert (row["kind"], row["meeting_date"], row["place"]) == (
        "tuyên dương điển hình", "2013-05-30", "Nhà văn hóa Thiếu nhi tỉnh")
    assert [a["name"] for a in row["attendees"]] == ["Hoàng Thị Kim Liên", "Lê Văn Hòa"]


def test_scoring_can_fail() -> None:
    item = next(g for g in GOLD if g["is_meeting"] and g["host"])
    assert not any(EVAL.score([], item).values())
    rows = _rows(item)
    rows[0] = {**rows[0], "meeting_date": "1999-01-01"}
    assert EVAL.score(rows, item)["meeting_date"] is False


# --- the rules added after the blind run, each on text of its own ------------------------------

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
