"""The article that started the project, wrapped in sample template (a), through the whole
page → article → meeting path. Read from ../shared/seed when present (never copied here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.extract import extract_article
from archive.meetings import extract_meetings
from archive.sources import load_platforms
from demo.render import render_ldld_text

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / "article.txt"
CAPTION = "Toàn cảnh Hội nghị sơ kết Cụm Thi đua số 7 tỉnh Thanh Hóa"


@pytest.fixture(scope="module")
def page() -> str:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED} (../shared is not beside this checkout)")
    return render_ldld_text(SEED.read_text(encoding="utf-8"), published="2016-07-20T08:00:00+07:00")


@pytest.mark.parametrize("platform", ["ldld-portal", None], ids=["platform", "generic"])
def test_seed_page_extracts_cleanly(page, platform):
    rules = load_platforms()[platform] if platform else None
    a = extract_article(page, "http://127.0.0.1/ldld/tin/cum-thi-dua-so-7.html", rules)
    assert a["is_article"]
    assert a["title"] == ("Cụm thi đua số 7 tỉnh Thanh Hóa tổ chức Hội nghị sơ kết công tác thi "
                          "đua, khen thưởng 6 tháng đầu năm 2016")
    assert a["author"] == "Mai Ngọc Tuấn"
    body = a["body"]
    assert body.startswith("Vừa qua, tại Liên đoàn Lao động tỉnh Thanh Hóa")
    assert body.endswith("góp phần thực hiện thắng lợi các nhiệm vụ phát triển kinh tế, xã hội năm 2016.")
    assert len(body.split("\n\n")) == 4  # paragraphs kept
    for leftover in ("Liên kết website", "Mai Ngọc Tuấn", CAPTION, "\nalt", "  "):
        assert leftover not in body, leftover
    assert a["captions"] == [CAPTION]
    assert a["published_at"].startswith("2016-07-20")


def test_seed_page_yields_its_one_meeting(page):
    a = extract_article(page, "http://127.0.0.1/ldld/tin/cum-thi-dua-so-7.html",
                        load_platforms()["ldld-portal"])
    [m] = extract_meetings(a["title"], a["body"], lead=a["lead"], published=a["published_at"])
    assert m["kind"] == "sơ kết"
    assert (m["period_start"], m["period_end"]) == ("2016-01-01", "2016-06-30")
    assert m["cluster_number"] == 7
    assert m["province"] == "Thanh Hóa"
    assert len(m["members"]) == 6
    assert [p["name"] for p in m["attendees"]] == ["Nguyễn Hữu Hiệp"]
