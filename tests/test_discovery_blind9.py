"""Ninth blind site set (issue 11, "a new site added as the README says gives all of its articles
and nothing else"): every site of tests/fixtures/sitesets/blind9 (a Java/JSP portal on Struts 1.3
with displaytag, a Nuxt 2 SSR newspaper, a Classic ASP site in windows-1258: families in none of
the development set and the first seven blind sets), added by the README's "Adding a source" steps
with no per-site hand edits, must give all of its articles and nothing else.

The steps and the scoring are the shared harness's (tests/siteset_harness.py, as blind3 to blind7):
`thidua sources add` from an article page and from the home page, start_urls = the home page,
`sources check`, `thidua crawl --local`; per site >= 95 % of the gold articles archived, 0
non-articles, 0 duplicates, each field right on >= 95 % of the archived articles. The sites were
labelled and landed on main (814cb9a) before any crawler ran on them, and first run late in the
session, after the day's other fixes; KNOWN_MISSES holds what the first run missed (strict xfail:
an entry goes the day discovery or extraction is fixed in general form, never by tuning to these
sites). Scores print per site (`pytest -s`) and go to test-output/discovery_blind9.json.
"""

from __future__ import annotations

import pytest
from siteset_harness import SiteSet

pytestmark = pytest.mark.crawl

# First run (20:00 UTC, the set's branch rebased onto main 08a205f; the set itself landed labelled as 814cb9a
# + b7cd8b3 before any crawl), same crawler on both routes; fields are on the archived articles:
#   site         route    archived non-art dups  title date author body_first body_last lead  HTTP 404
#   struts       article    6/6      0      0    6/6   6/6  6/6    6/6        6/6       6/6      1
#   struts       home       6/6      0      0    6/6   6/6  6/6    6/6        6/6       6/6      1
#   nuxt         article    6/6      0      0    6/6   6/6  6/6    6/6        6/6       6/6      0
#   nuxt         home       6/6      0      0    6/6   6/6  6/6    6/6        6/6       6/6      0
#   classicasp   article    5/5      0      0    5/5   5/5  5/5    5/5        5/5       5/5      1
#   classicasp   home       5/5      0      0    5/5   5/5  5/5    5/5        5/5       5/5      1
# All six passed (the 404s: the look-up of a sitemap the Struts and Classic ASP sites do not have).
# `sources add`: struts generic, Đồng Tháp (former Tiền Giang), kind btdkt; nuxt news-cms-post, Lâm Đồng,
# kind newspaper; classicasp generic, Quảng Trị (former Quảng Bình), kind ldld, named "LĐLĐ tỉnh Quảng Bình"
# (the <title>'s abbreviation; "Liên đoàn Lao động tỉnh Quảng Bình" since the short-form fix). Meetings (crawl_check, not scored here): see the set's README.

KNOWN_MISSES: dict[tuple[str, str], str] = {}

SET = SiteSet("blind9", KNOWN_MISSES)


@pytest.fixture(scope="module")
def origins():
    yield from SET.serve()


@pytest.mark.parametrize(("name", "route"), SET.params())
def test_blind9_site_added_by_the_readme_steps_gives_all_its_articles_and_nothing_else(name, route, origins, tmp_path):
    SET.run(name, route, origins, tmp_path)
