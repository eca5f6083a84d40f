"""A date archive (`/tin-tuc/2019/12/`, `/blog/2023/05/17/`) is a list of the stories of a month or
a day, never a story: its numbers are a date, not a page id. Found by the eighth blind site set's
first run: django CMS's blog archive links `/vi/tin-tuc/<y>/<m>/` (a sidebar on every page, six
siblings of one shape ending in a number) were fetched as expected articles and each refused by
ingest (a `failures` row a month, every crawl), where they should be read as listings."""

from __future__ import annotations

import pytest

from archive.sources import Source
from archive.urlshapes import is_date_archive
from crawler.sitestate import SiteState

ORIGIN = "https://lhh.example.vn"


@pytest.mark.parametrize("path", ["/vi/tin-tuc/2019/12/", "/blog/2023/5/", "/2024/03/17/", "/tin-tuc/2025/09"])
def test_a_year_and_month_at_the_end_of_the_path_is_a_date_archive(path: str) -> None:
    assert is_date_archive(ORIGIN + path)


@pytest.mark.parametrize("path", [
    "/vi/tin-tuc/2019/12/20/cum-thi-dua-tong-ket/",   # a story under its date
    "/tin-tuc/thi-dua-khen-thuong/2014/",             # a story whose id looks like a year
    "/tin-tuc/2019/1234/",                            # a folder and an id
    "/van-ban/2019/13/",                              # no month 13
    "/tin-tuc/12/2019/",
])
def test_a_story_or_an_id_is_no_date_archive(path: str) -> None:
    assert not is_date_archive(ORIGIN + path)


def test_month_archive_links_are_read_as_pages_not_fetched_as_articles() -> None:
    source = Source(id="lhh", name="Liên hiệp hội", province="X", platform="generic", start_urls=(ORIGIN + "/",), rules={})
    site = SiteState(source, {"depth": 3, "budget": 10})
    months = [f"{ORIGIN}/vi/tin-tuc/{y}/{m:02d}/" for y, m in ((2019, 12), (2020, 9), (2022, 7), (2023, 5), (2025, 8))]
    stories = [f"{ORIGIN}/vi/tin-tuc/{y}/{m:02d}/1{m}/tin-so-{m}/" for y, m in ((2019, 12), (2020, 9), (2022, 7), (2023, 5))]
    for url in months + stories:
        site.shapes.see(url)
    assert not any(site.likely_article(u) for u in months)
    assert all(site.worth_reading(u, depth=1, leaf=False) for u in months)
    assert all(site.likely_article(u) for u in stories)
