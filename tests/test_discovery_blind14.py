"""Fourteenth blind site set (issue 11, "a new site added as the README says gives all of its articles
and nothing else"): every site of tests/fixtures/sitesets/blind14 (a Nuxt 3 site with prerendered
payloads, a hosted website builder's snapshot of nested divs with its Blog app, an ExpressionEngine 2
site with /index.php/ URLs and offset pagination: families in none of the development set and the
first thirteen blind sets), added by the README's "Adding a source" steps with no per-site hand
edits, must give all of its articles and nothing else.

The steps and the scoring are the shared harness's (tests/siteset_harness.py, as blind3 to blind13):
`thidua sources add` from an article page and from the home page, start_urls = the home page,
`sources check`, `thidua crawl --local`; per site >= 95 % of the gold articles archived, 0
non-articles, 0 duplicates, each field right on >= 95 % of the archived articles. The sites were
labelled and committed before any crawler ran on them; KNOWN_MISSES holds what the first run missed
(strict xfail: an entry goes the day discovery or extraction is fixed in general form, never by
tuning to these sites). Scores print per site (`pytest -s`) and go to test-output/discovery_blind14.json.
"""

from __future__ import annotations

import pytest
from siteset_harness import SiteSet

pytestmark = pytest.mark.crawl

# First run (01:21 UTC on 6863843 = main 7873520 + the set, committed labelled before any crawl), same
# crawler on both routes; fields are on the archived articles (load 7.7-10.8 on 2 cores; 2 failed, 4 passed in 116 s):
#   site         route    archived non-art dups  title date author body_first body_last lead  HTTP 404
#   nuxt3        article    5/5      0      0    5/5   5/5  5/5    5/5        5/5       5/5      0
#   nuxt3        home       5/5      0      0    5/5   5/5  5/5    5/5        5/5       5/5      0
#   wix          article    5/5      1      0    5/5   5/5  5/5    5/5        5/5       5/5      0
#   wix          home       5/5      1      0    5/5   5/5  5/5    5/5        5/5       5/5      0
#   ee           article    5/5      0      0    5/5   5/5  5/5    5/5        5/5       5/5      1
#   ee           home       5/5      0      0    5/5   5/5  5/5    5/5        5/5       5/5      1
# `sources add`: nuxt3 generic, id vinh-long-hccb; wix generic, khanh-hoa-127 ("Liên hiệp Hội Ninh Thuận", kind other);
# ee generic, hai-phong-ldld-2 (kind ldld; the HTTP 404 is a guessed feed address). Meetings (crawl_check): the README.
# Extractor 23 (a date inside a sentence signs no page: pagekind._signing_dates) stores the builder's
# 'Giới thiệu' page no more; every site clean from both routes.
KNOWN_MISSES: dict[tuple[str, str], str] = {}

SET = SiteSet("blind14", KNOWN_MISSES)


@pytest.fixture(scope="module")
def origins():
    yield from SET.serve()


@pytest.mark.parametrize(("name", "route"), SET.params())
def test_blind14_site_added_by_the_readme_steps_gives_all_its_articles_and_nothing_else(name, route, origins, tmp_path):
    SET.run(name, route, origins, tmp_path)
