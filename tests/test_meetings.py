"""Meeting extraction: the seed article, our own fixture texts for every rule, hard negatives.

Fixtures (tests/fixtures/meetings/<case>.txt + .expected.json) are written for this project in
the shapes real reports take (glued captions, outlet prefixes, several meetings in one text);
`neg-*` cases are the shapes that must yield no meeting. Expected files list only the fields
a case is about; every listed field is compared exactly.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.meetings import (
    EXTRACTOR_VERSION,
    extract_meetings,
    parse_cluster,
    parse_members,
    parse_period,
    parse_place,
    repair_glued,
    resolve_date,
    strip_outlet,
)

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "article.txt"
FIXTURES = Path(__file__).parent / "fixtures" / "meetings"
CONTRACT_KEYS = {"kind", "title", "period_label", "period_start", "period_end", "cluster_kind", "cluster_name",
                 "cluster_number", "host", "place", "meeting_date", "province", "province_former",
                 "confidence", "members", "attendees"}


def _fixture(name: str) -> tuple[str, str, dict]:
    text = (FIXTURES / f"{name}.txt").read_text("utf-8")
    title, _, body = text.partition("\n\n")
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text("utf-8"))
    return title.strip(), body, expected


@pytest.fixture(scope="module")
def seed_meetings() -> list[dict]:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED} (shared/ is beside the repo in CI)")
    blocks = [b.strip() for b in SEED.read_text("utf-8").split("\n\n") if b.strip()]
    # The seed file starts with a site navigation line ("Liên kết website"), then the title.
    title = next(b for b in blocks if "Cụm thi đua" in b)
    body = "\n\n".join(blocks[blocks.index(title) + 1:])
    return extract_meetings(title, body, published="2016-07-20")


def test_seed_yields_exactly_one_meeting(seed_meetings: list[dict]) -> None:
    assert len(seed_meetings) == 1
    m = seed_meetings[0]
    assert CONTRACT_KEYS <= set(m)
    assert m["kind"] == "sơ kết"
    assert (m["period_label"], m["period_start"], m["period_end"]) == (
        "6 tháng đầu năm 2016", "2016-01-01", "2016-06-30")
    assert (m["cluster_kind"], m["cluster_name"], m["cluster_number"]) == ("cụm", "Cụm thi đua số 7", 7)
    assert m["province"] == "Thanh Hóa"
    assert m["place"] == m["host"] == "Liên đoàn Lao động tỉnh Thanh Hóa"
    assert len(m["members"]) == 6
    assert m["members"][0] == "Ủy ban Mặt trận Tổ quốc"
    assert m["members"][-1] == "Liên đoàn Lao động Thanh Hoá"  # as written (old tone placement)
    assert {"name": "Nguyễn Hữu Hiệp", "title": "Phó Trưởng Ban Thi đua - Khen thưởng tỉnh"} in [
        {"name": a["name"], "title": a["title"]} for a in m["attendees"]]


CASES = sorted(p.name[:-len(".txt")] for p in FIXTURES.glob("*.txt"))


@pytest.mark.parametrize("case", CASES)
def test_fixture(case: str) -> None:
    title, body, expected = _fixture(case)
    got = extract_meetings(title, body, published=expected["published"])
    want = expected["meetings"]
    assert len(got) == len(want), [(m["kind"], m["host"]) for m in got]
    for g, w in zip(got, want):
        for field, value in w.items():
            if field == "attendees":
                assert [{"name": a["name"], "title": a["title"]} for a in g["attendees"]] == value
            else:
                assert g[field] == value, field


def test_lead_is_read_and_outlet_prefix_dropped() -> None:
    rows = extract_meetings("Biểu dương công nhân tiêu biểu",
                            "Năm qua, phong trào thi đua đã có nhiều chuyển biến.",
                            lead="ANTĐ - Sáng 27-3, LĐLĐ tỉnh Bắc Giang tổ chức hội nghị biểu dương "
                                 "100 công nhân lao động tiêu biểu năm 2017.",
                            published="2017-03-28T08:00:00+07:00")
    assert len(rows) == 1
    assert rows[0]["kind"] == "biểu dương điển hình"
    assert rows[0]["host"] == "LĐLĐ tỉnh Bắc Giang"
    assert rows[0]["meeting_date"] == "2017-03-27"
    assert rows[0]["province_former"] == "Bắc Giang" and rows[0]["province"] == "Bắc Ninh"


def test_not_a_meeting_is_empty() -> None:
    assert extract_meetings("", "") == []
    assert extract_meetings("Giá lúa tăng mạnh", "Sáng 3-4, giá lúa tại Đồng Tháp tăng 200 đồng/kg.") == []


@pytest.mark.parametrize("text, label, start, end", [
    ("sơ kết 6 tháng đầu năm 2016", "6 tháng đầu năm 2016", "2016-01-01", "2016-06-30"),
    ("sơ kết 6 tháng đầu năm và triển khai nhiệm vụ 6 tháng cuối năm 2016",
     "6 tháng đầu năm 2016", "2016-01-01", "2016-06-30"),
    ("tổng kết năm 2016", "năm 2016", "2016-01-01", "2016-12-31"),
    ("sơ kết quý I/2023", "quý I/2023", "2023-01-01", "2023-03-31"),
    ("sơ kết quý IV năm 2022", "quý IV năm 2022", "2022-10-01", "2022-12-31"),
    ("sơ kết 9 tháng năm 2019", "9 tháng năm 2019", "2019-01-01", "2019-09-30"),
    ("tổng kết giai đoạn 2015-2020", "giai đoạn 2015-2020", "2015-01-01", "2020-12-31"),
    ("tổng kết nhiệm kỳ 2008 – 2013", "nhiệm kỳ 2008 – 2013", "2008-01-01", "2013-12-31"),
    ("sơ kết 5 năm (2009-2013)", "5 năm (2009-2013)", "2009-01-01", "2013-12-31"),
    # a school year runs 1 September … 31 August (its review is held in August)
    ("tổng kết năm học 2018-2019", "năm học 2018-2019", "2018-09-01", "2019-08-31"),
    ("tổng kết phong trào thi đua năm học 2020 – 2021", "năm học 2020 – 2021", "2020-09-01", "2021-08-31"),
])
def test_periods(text: str, label: str, start: str, end: str) -> None:
    assert parse_period(text) == {"period_label": label, "period_start": start, "period_end": end}


@pytest.mark.parametrize("text, name, number, kind", [
    ("Cụm thi đua số 7 tỉnh Thanh Hóa gồm", "Cụm thi đua số 7", 7, "cụm"),
    ("Cụm thi đua số 8 - CATP Hà Nội: Một cuộc tọa đàm", "Cụm thi đua số 8 - CATP Hà Nội", 8, "cụm"),
    ("Khối thi đua các cơ quan Đảng tổ chức", "Khối thi đua các cơ quan Đảng", None, "khối"),
    ("Cụm thi đua số IV tỉnh Nghệ An", "Cụm thi đua số IV", 4, "cụm"),
    ("Khối thi đua các Đảng bộ trực thuộc Tỉnh ủy Lạng Sơn họp", "Khối thi đua các Đảng bộ trực thuộc Tỉnh ủy",
     None, "khối"),
    ("Khối thi đua các cơ quan Đảng, đoàn thể tỉnh Yên Bái tổ chức", "Khối thi đua các cơ quan Đảng, đoàn thể",
     None, "khối"),
])
def test_clusters(text: str, name: str, number: int | None, kind: str) -> None:
    assert parse_cluster(text) == {"cluster_kind": kind, "cluster_name": name, "cluster_number": number}


def test_members_split_at_organisations_not_at_every_va() -> None:
    text = ("Khối gồm: Sở Giáo dục và Đào tạo, Sở Văn hóa, Thể thao và Du lịch; Sở Lao động - Thương binh "
            "và Xã hội và Hội Nông dân tỉnh đã tổ chức hội nghị.")
    assert parse_members(text) == ["Sở Giáo dục và Đào tạo", "Sở Văn hóa, Thể thao và Du lịch",
                                   "Sở Lao động - Thương binh và Xã hội", "Hội Nông dân tỉnh"]
    # names enumerated after a colon stay bare, after a plural as after a number (members.py)
    assert parse_members("Cụm gồm các huyện: Nam Giang, Tây Giang và Phước Sơn.") == [
        "Nam Giang", "Tây Giang", "Phước Sơn"]
    assert parse_members("Cụm gồm 3 huyện: Nam Giang, Tây Giang và Phước Sơn.") == [
        "Nam Giang", "Tây Giang", "Phước Sơn"]


def test_glued_text_is_repaired() -> None:
    assert repair_glued("điển hình thi đua yêu nướcDịp này") == "điển hình thi đua yêu nước. Dịp này"
    assert repair_glued("đối với CBCS.Các ý kiến") == "đối với CBCS. Các ý kiến"
    assert repair_glued("Sở VH-TT-DL TP.HCM") == "Sở VH-TT-DL TP.HCM"
    assert strip_outlet("(SGGP). – Sáng 29-5, Sở") == "Sáng 29-5, Sở"
    assert strip_outlet("NDĐT- Chiều 29-5") == "Chiều 29-5"


def test_year_resolution() -> None:
    from datetime import date

    # printed year wins; a day after publication belongs to the previous year
    assert resolve_date(27, 12, None, published=date(2017, 1, 3), period=None, kind="tổng kết") == "2016-12-27"
    assert resolve_date(27, 3, 2015, published=date(2017, 1, 3), period=None, kind="sơ kết") == "2015-03-27"
    # without publication date: a signing opens its period, a review closes its year
    year_2017 = {"period_start": "2017-01-01", "period_end": "2017-12-31"}
    assert resolve_date(10, 2, None, published=None, period=year_2017, kind="ký kết giao ước thi đua") == "2017-02-10"
    assert resolve_date(15, 1, None, published=None, period=year_2017, kind="tổng kết") == "2018-01-15"
    assert resolve_date(15, 1, None, published=None, period=None, kind="tổng kết") is None


def test_version_constant() -> None:
    assert EXTRACTOR_VERSION


@pytest.mark.parametrize("text, place", [
    ("Chiều 3-8, tại Nhà văn hóa tỉnh (phường Đông Hà), Cụm thi đua số 2 sơ kết", "Nhà văn hóa tỉnh (phường Đông Hà)"),
    ("Tại trụ sở Công an huyện Mê Linh (Hà Nội), các đơn vị", "trụ sở Công an huyện Mê Linh (Hà Nội)"),
    ("tại Hội trường UBND tỉnh (số 1 đường Trần Phú), hội nghị", "Hội trường UBND tỉnh"),
])
def test_place_keeps_the_locality_in_brackets(text: str, place: str) -> None:
    assert parse_place(text) == place


def _demo_truth_cases() -> list:
    from demo.content import load_articles

    return [pytest.param(a, id=a["slug"][:60]) for a in load_articles() if a["meetings"]]


@pytest.mark.parametrize("article", _demo_truth_cases())
def test_demo_meeting_reports_match_their_ground_truth(article: dict) -> None:
    """The sample sites' own labels (demo/content) are a second labelled set, written apart from
    the extractor: every field of every meeting must come out as labelled."""
    from demo.content import body_text

    got = extract_meetings(article["title"], body_text(article), lead=article.get("lead"),
                           published=article["published"])
    assert len(got) == len(article["meetings"])
    for m, want in zip(got, article["meetings"], strict=True):
        for key in ("kind", "period_label", "period_start", "period_end", "cluster_kind", "cluster_name",
                    "cluster_number", "host", "place", "meeting_date", "province"):
            assert m[key] == want[key], key
        assert m["members"] == (want["members"] or [])
        assert [(p["name"], p["title"]) for p in m["attendees"]] == \
            [(p["name"], p["title"]) for p in want["attendees"] or []]
