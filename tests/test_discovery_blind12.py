"""Twelfth blind site set (issue 11, "a new site added as the README says gives all of its articles
and nothing else"): every site of tests/fixtures/sitesets/blind12 (a Next.js 13 SSR site with a JSON
"Tải thêm" button, a Hexo 7 static blog whose index pages render whole posts, a Contao 4.13 news site
with `<base href>` and relative links: families in none of the development set and the first eleven
blind sets), added by the README's "Adding a source" steps with no per-site hand edits, must give
all of its articles and nothing else.

The steps and the scoring are the shared harness's (tests/siteset_harness.py, as blind3 to blind11):
`thidua sources add` from an article page and from the home page, start_urls = the home page,
`sources check`, `thidua crawl --local`; per site >= 95 % of the gold articles archived, 0
non-articles, 0 duplicates, each field right on >= 95 % of the archived articles. The sites were
labelled and committed before any crawler ran on them; KNOWN_MISSES holds what the first run missed
(strict xfail: an entry goes the day discovery or extraction is fixed in general form, never by
tuning to these sites). Scores print per site (`pytest -s`) and go to test-output/discovery_blind12.json.
"""

from __future__ import annotations

import pytest
from siteset_harness import SiteSet

pytestmark = pytest.mark.crawl

# First run (23:22 UTC on 04e2961 = main d644b5b + the set, committed labelled before any crawl), same
# crawler on both routes; fields are on the archived articles (load 1.9 on 2 cores; 2 failed, 4 passed in 22 s):
#   site         route    archived non-art dups  title date author body_first body_last lead  HTTP 404
#   nextjs       article    5/5      0      0    5/5   5/5  5/5    5/5        5/5       5/5      0
#   nextjs       home       5/5      0      0    5/5   5/5  5/5    5/5        5/5       5/5      0
#   hexo         article    5/5      0      0    5/5   5/5  5/5    5/5        5/5       5/5      0
#   hexo         home       5/5      0      0    5/5   5/5  5/5    5/5        5/5       5/5      0
#   contao       article    5/5      0      0    5/5   5/5  5/5    5/5        1/5       5/5      0
#   contao       home       5/5      0      0    5/5   5/5  5/5    5/5        1/5       5/5      0
# `sources add`: nextjs generic, "Liên đoàn Lao động tỉnh Bình Định", kind ldld, Gia Lai (former Bình Định);
# hexo generic, "Hội Nông dân tỉnh Hà Giang", kind hnd, Tuyên Quang (former Hà Giang), feed /atom.xml from the
# home page; contao generic, "Ban Thi đua – Khen thưởng tỉnh Sóc Trăng", kind btdkt, Cần Thơ (former Sóc
# Trăng), feed /share/tin-tuc.xml from the home page. Meetings (crawl_check, not scored here): see the README.
# The Contao misses of the first run (body_last 1/5 on both routes: the body stopped at the first
# ce_text block of a story written as sibling content elements) went with extractor 21's sibling-block
# run (archive/bodyrun.py; tests/test_extract_sibling_blocks.py on a Drupal-paragraphs page of its own).
KNOWN_MISSES: dict[tuple[str, str], str] = {}

SET = SiteSet("blind12", KNOWN_MISSES)


@pytest.fixture(scope="module")
def origins():
    yield from SET.serve()


@pytest.mark.parametrize(("name", "route"), SET.params())
def test_blind12_site_added_by_the_readme_steps_gives_all_its_articles_and_nothing_else(name, route, origins, tmp_path):
    SET.run(name, route, origins, tmp_path)
