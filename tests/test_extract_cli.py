"""`thidua extract`: the stable JSON interface for debugging a page without crawling."""

import json

import pytest
from click.testing import CliRunner

from archive.cli import cli
from demo.content import load_articles
from demo.render import render_ldld_page

KEYS = {"is_article", "title", "published_at", "author", "lead", "body", "captions", "url", "meetings"}


def extract(*args, env=None):
    result = CliRunner().invoke(cli, ["extract", *args], env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize("article", [a for a in load_articles("ldld")][:4], ids=lambda a: a["slug"])
def test_sample_page_prints_its_article_and_meetings(tmp_path, article):
    page = tmp_path / "page.html"
    page.write_text(render_ldld_page(article, base="http://127.0.0.1:8765"), encoding="utf-8")
    url = "http://127.0.0.1:8765" + article["path"]
    out = extract(str(page), "--url", url, "--source", "demo-ldld",
                  env={"DEMO_URL": "http://127.0.0.1:8765"})
    assert KEYS <= set(out)
    assert out["is_article"] is True
    assert out["title"] == article["title"]
    assert out["author"] == article["author"]
    assert out["published_at"] == article["published_shown"]
    assert out["body"] == "\n\n".join(article["paragraphs"])
    assert out["captions"] == [im["caption"] for im in article["images"]]
    assert out["url"] == url
    assert len(out["meetings"]) == len(article["meetings"])
    for got, want in zip(out["meetings"], article["meetings"]):
        assert got["kind"] == want["kind"]
        assert {"kind", "period_label", "period_start", "period_end", "cluster_name",
                "cluster_number", "host", "place", "meeting_date", "province", "members",
                "attendees"} <= set(got)


def test_text_input_takes_the_year_from_published(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text(
        "Cụm thi đua số 4 ký kết giao ước thi đua năm 2017\n"
        "Sáng 10-2, tại Hội trường UBND huyện, Cụm thi đua số 4 đã tổ chức hội nghị ký kết giao "
        "ước thi đua năm 2017.\n", encoding="utf-8")
    out = extract(str(text), "--text", "--published", "2017-02-11")
    assert out["title"] == "Cụm thi đua số 4 ký kết giao ước thi đua năm 2017"
    [m] = out["meetings"]
    assert m["kind"] == "ký kết giao ước thi đua"
    assert m["meeting_date"] == "2017-02-10"
    assert m["cluster_number"] == 4


def test_missing_file_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "none.html")])
    assert result.exit_code == 1
    assert "no such file" in result.output
