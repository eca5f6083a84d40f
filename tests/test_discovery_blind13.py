"""Thirteenth blind site set (issue 11, "a new site added as the README says gives all of its articles
and nothing else"): every site of tests/fixtures/sitesets/blind13 (an Adobe Experience Manager 6.5
site with Sling selectors and unmapped /content paths, a Next.js 14 app router site whose post text
is a streamed Suspense boundary, a Kentico 12 portal-engine site on case-insensitive IIS: families
in none of the development set and the first twelve blind sets), added by the README's "Adding a
source" steps with no per-site hand edits, must give all of its articles and nothing else.

The steps and the scoring are the shared harness's (tests/siteset_harness.py, as blind3 to blind12):
`thidua sources add` from an article page and from the home page, start_urls = the home page,
`sources check`, `thidua crawl --local`; per site >= 95 % of the gold articles archived, 0
non-articles, 0 duplicates, each field right on >= 95 % of the archived articles. The sites were
labelled and committed before any crawler ran on them; KNOWN_MISSES holds what the first run missed
(strict xfail: an entry goes the day discovery or extraction is fixed in general form, never by
tuning to these sites). Scores print per site (`pytest -s`) and go to test-output/discovery_blind13.json.
"""

from __future__ import annotations

import pytest
from siteset_harness import SiteSet

pytestmark = pytest.mark.crawl

# First run (00:39 UTC on dbf5b7f = main ad04c85 + the set, committed labelled before any crawl), same
# crawler on both routes; fields are on the archived articles (load 5.1 on 2 cores; 4 failed, 2 passed in 33 s):
#   site         route    archived non-art dups  title date author body_first body_last lead  HTTP 404
#   aem          article    5/5      0      0    5/5   5/5  5/5    5/5        0/5       5/5      0
#   aem          home       5/5      0      0    5/5   5/5  5/5    5/5        0/5       5/5      0
#   nextapp      article    5/5      0      0    5/5   5/5  5/5    5/5        5/5       0/5      0
#   nextapp      home       5/5      0      0    5/5   5/5  5/5    5/5        5/5       0/5      0
#   kentico      article    5/5      0      0    5/5   5/5  5/5    5/5        5/5       5/5      1
#   kentico      home       5/5      0      0    5/5   5/5  5/5    5/5        5/5       5/5      1
# `sources add`: aem generic, id ho-chi-minh-so; nextapp generic, lam-dong-tinh-doan-2; kentico generic,
# hung-yen-hlhpn (the HTTP 404 is a guessed feed address, fetch/feed/missing). Meetings (crawl_check): the README.
# The first run's misses went with extractor 22 (the set committed as dbf5b7f, rebased onto main as 34767ba):
# the AEM body (a component's only-child box widens to the run of its wrappers; a lazy picture's box and a
# schema.org caption join it: tests/test_extract_component_blocks.py, a Sitecore SXA page of its own) and the
# Next.js lead (Tailwind's `leading-*` is no sapo class word: tests/test_extract_utility_classes.py).
KNOWN_MISSES: dict[tuple[str, str], str] = {}

SET = SiteSet("blind13", KNOWN_MISSES)


@pytest.fixture(scope="module")
def origins():
    yield from SET.serve()


@pytest.mark.parametrize(("name", "route"), SET.params())
def test_blind13_site_added_by_the_readme_steps_gives_all_its_articles_and_nothing_else(name, route, origins, tmp_path):
    SET.run(name, route, origins, tmp_path)
