"""Eighth blind site set (issue 11, "a new site added as the README says gives all of its articles
and nothing else"): every site of tests/fixtures/sitesets/blind8 (django CMS with djangocms-blog,
Craft CMS 4 with SEOmatic, a Vietnamese vendor's Java portal with a POST-JSON "Xem thêm": families in
none of the development set and the first seven blind sets), added by the README's "Adding a source"
steps with no per-site hand edits, must give all of its articles and nothing else.

The steps and the scoring are the shared harness's (tests/siteset_harness.py: `thidua sources add`
from an article page and from the home page, start_urls = the home page, `sources check`, `thidua
crawl --local`; per site >= 95 % of the gold articles archived, 0 non-articles, 0 duplicates, each
field right on >= 95 % of the archived articles). The sites were labelled and committed before any
crawler ran on them; KNOWN_MISSES holds what the first run missed (strict xfail: the entry goes the
day discovery or extraction is fixed in general form, never by tuning to these sites). Scores print
per site (`pytest -s`) and go to test-output/discovery_blind8.json.
"""

from __future__ import annotations

import pytest
from siteset_harness import SiteSet

pytestmark = pytest.mark.crawl

# First run (branch blind8 at 433c6d3 = main 9b8c9de + the labelled set, committed before any crawl), same
# crawler on both routes; fields are on the archived articles:
#   site         route    archived non-art dups  title date author body_first body_last lead  HTTP 404
#   djangocms    article    6/6      0      0    6/6   6/6  6/6    6/6        6/6       6/6      4
#   djangocms    home       6/6      0      0    6/6   6/6  6/6    6/6        6/6       6/6      4
#   craft        article    6/6      0      0    6/6   6/6  6/6    6/6        6/6       6/6      0
#   craft        home       6/6      0      0    6/6   6/6  6/6    6/6        6/6       6/6      0
#   javaportal   article    6/6      0      0    6/6   6/6  6/6    6/6        6/6       6/6      1
#   javaportal   home       6/6      0      0    6/6   6/6  6/6    6/6        6/6       6/6      1
# crawl_check.py's first run on the same code archived Craft 3/6 (C01, C03, C05, the meeting reports, lost:
# order-dependent, see the set's README), its second 6/6. `sources add` from the Java portal's home page named
# the site "Quốc huy" (the logo's alt). HTTP 404s are the set's unserved links (/en/, the document blog's
# category/author pages) and the Java portal's /sitemap.xml probe.
# After the fixes (extractor 17): the same on both routes, and Craft 6/6 whatever order answers arrive (a long
# section link beside the date under the headline is the meta line's, not a teaser: archive/pagekind.py;
# replayed below); `sources add` names the Java portal from its home page; django CMS's month archives are read
# as listings, not fetched as articles. KNOWN_MISSES stays empty.
KNOWN_MISSES: dict[tuple[str, str], str] = {}

SET = SiteSet("blind8", KNOWN_MISSES)


@pytest.fixture(scope="module")
def origins():
    yield from SET.serve()


@pytest.mark.parametrize(("name", "route"), SET.params())
def test_blind8_site_added_by_the_readme_steps_gives_all_its_articles_and_nothing_else(name, route, origins, tmp_path):
    SET.run(name, route, origins, tmp_path)


@pytest.fixture(scope="module")
def jittered():
    """The set's server with every answer held back a seeded 0..300 ms: an order of answers that lost
    Craft's C01 on every run before the fix (seeds 1 to 6 all did)."""
    yield from SET.serve(("--jitter", "300", "--seed", "1"))


@pytest.mark.parametrize("route", ["article", "home"])
def test_craft_gives_its_meeting_reports_whatever_order_answers_arrive(route, jittered, tmp_path):
    """C01, C03, C05 print their section "Thi đua - Khen thưởng" as a link beside the date under the
    headline, on pages with og:type "website": read as a teaser headline, the pages had no dated
    headline and were stored only when reached as expected articles (archive/pagekind.py)."""
    SET.run("craft", route, jittered, tmp_path)
