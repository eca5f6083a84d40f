"""Eleventh blind site set (issue 11, "a new site added as the README says gives all of its articles
and nothing else"): every site of tests/fixtures/sitesets/blind11 (a custom PHP site routed by query
string, a Gatsby 5 static site, an Angular Universal prerendered portal: families in none of the
development set and the first ten blind sets), added by the README's "Adding a source" steps with no
per-site hand edits, must give all of its articles and nothing else.

The steps and the scoring are the shared harness's (tests/siteset_harness.py, as blind3 to blind9):
`thidua sources add` from an article page and from the home page, start_urls = the home page,
`sources check`, `thidua crawl --local`; per site >= 95 % of the gold articles archived, 0
non-articles, 0 duplicates, each field right on >= 95 % of the archived articles. The sites were
labelled and committed before any crawler ran on them; KNOWN_MISSES holds what the first run missed
(strict xfail: an entry goes the day discovery or extraction is fixed in general form, never by
tuning to these sites). Scores print per site (`pytest -s`) and go to test-output/discovery_blind11.json.
"""

from __future__ import annotations

import pytest
from siteset_harness import SiteSet

pytestmark = pytest.mark.crawl

# First run (21:46 UTC on b945617 = main 2b8b609 + the set, committed labelled before any crawl), same
# crawler on both routes; fields are on the archived articles:
#   site         route    archived non-art dups  title date author body_first body_last lead  HTTP 404
#   phpmod       article    6/6      0      0    6/6   6/6  6/6    6/6        6/6       6/6      1
#   phpmod       home       6/6      0      0    6/6   6/6  6/6    6/6        6/6       6/6      1
#   gatsby       article    6/6      0      0    6/6   6/6  1/6    6/6        6/6       6/6      0
#   gatsby       home       6/6      0      0    6/6   6/6  1/6    6/6        6/6       6/6      0
#   angular      article    6/6      0      0    6/6   6/6  6/6    6/6        6/6       6/6      0
#   angular      home       6/6      0      0    6/6   6/6  6/6    6/6        6/6       6/6      0
# 2 failed, 4 passed (the 404: the look-up of a sitemap the PHP site does not have). `sources add`: phpmod
# generic, Lào Cai (former Yên Bái), kind hlhpn; gatsby generic, Thái Nguyên (former Bắc Kạn), kind
# tinh-doan, feed /rss.xml from the home page; angular generic, Quảng Ngãi (former Kon Tum), kind other and
# id quang-ngai-127 (a provincial department). Meetings (crawl_check, not scored here): see the set's README.
# Extractor 19 (a labelled byline in the article's own <footer> signs the story) gave the Gatsby author 6/6
# from both routes: no known misses since.
KNOWN_MISSES: dict[tuple[str, str], str] = {}

SET = SiteSet("blind11", KNOWN_MISSES)


@pytest.fixture(scope="module")
def origins():
    yield from SET.serve()


@pytest.mark.parametrize(("name", "route"), SET.params())
def test_blind11_site_added_by_the_readme_steps_gives_all_its_articles_and_nothing_else(name, route, origins, tmp_path):
    SET.run(name, route, origins, tmp_path)
