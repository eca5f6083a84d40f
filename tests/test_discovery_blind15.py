"""Fifteenth blind site set (issue 11, "a new site added as the README says gives all of its articles
and nothing else"), built to test DISCOVERY: every site of tests/fixtures/sitesets/blind15 (an Astro 4
static site whose "Xem thêm" island loads older posts from JSON chunks, a Magnolia CMS 6 site with
`?currentPage=N` lists, `/magnoliaPublic/` context-path twins and a sitemap index of `.xml.gz`
sitemaps, a headless Strapi + React single-page app served as prerendered snapshots whose home
page links no post and whose oldest posts are only in a gzipped sitemap: families in none of the
development set and the first fourteen blind sets) hides articles that no page of the home's
links reaches, and must give all of them and nothing else when added by the README's "Adding a
source" steps with no per-site hand edits.

The steps and the scoring are the shared harness's (tests/siteset_harness.py, as blind3 to blind14):
`thidua sources add` from an article page and from the home page, start_urls = the home page,
`sources check`, `thidua crawl --local`; per site >= 95 % of the gold articles archived, 0
non-articles, 0 duplicates, each field right on >= 95 % of the archived articles. The sites were
labelled and committed before any crawler ran on them; KNOWN_MISSES holds what the first run missed
(strict xfail: an entry goes the day discovery or extraction is fixed in general form, never by
tuning to these sites). Scores print per site (`pytest -s`) and go to test-output/discovery_blind15.json.
"""

from __future__ import annotations

import pytest
from siteset_harness import SiteSet

pytestmark = pytest.mark.crawl

# First run (03:38 UTC on bef6f0a = main 8ec1919 + the set, committed labelled before any crawl), same
# crawler on both routes; fields are on the archived articles (load 6.0 on 2 cores; 2 failed, 4 passed in 76 s):
#   site         route    archived non-art dups  title date author body_first body_last lead  HTTP 404
#   astro        article    3/5      0      0    3/3   3/3  3/3    3/3        3/3       3/3      1
#   astro        home       3/5      0      0    3/3   3/3  3/3    3/3        3/3       3/3      1
#   magnolia     article    5/5      0      0    5/5   5/5  5/5    5/5        5/5       5/5      0
#   magnolia     home       5/5      0      0    5/5   5/5  5/5    5/5        5/5       5/5      0
#   spa          article    5/5      0      0    5/5   5/5  5/5    5/5        5/5       5/5      0
#   spa          home       5/5      0      0    5/5   5/5  5/5    5/5        5/5       5/5      0
# `sources add`: astro generic, quang-ngai-hlhpn; magnolia generic, lao-cai-btdkt ("Ban Thi đua – Khen thưởng
# tỉnh Yên Bái"); spa generic, can-tho-tinh-doan (the HTTP 404 is the conventional /sitemap.xml probe: Astro has none).
# Meetings (crawl_check): the set's README.
# archive.pagination.load_more reads the endpoint from the component that wraps the button (its data-* or
# JSON props: an island's, a web component's, a Stimulus controller's), so A01 and A02 are found from both routes.
KNOWN_MISSES: dict[tuple[str, str], str] = {}

SET = SiteSet("blind15", KNOWN_MISSES)


@pytest.fixture(scope="module")
def origins():
    yield from SET.serve()


@pytest.mark.parametrize(("name", "route"), SET.params())
def test_blind15_site_added_by_the_readme_steps_gives_all_its_articles_and_nothing_else(name, route, origins, tmp_path):
    SET.run(name, route, origins, tmp_path)
