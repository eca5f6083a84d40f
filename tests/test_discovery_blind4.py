"""Fourth blind site set (issue 11, "generalise, never tune"): every site of
tests/fixtures/sitesets/blind4 (a custom Laravel news CMS whose "Xem thêm" fetches HTML fragments,
Sitefinity 13 with its news widget, Jekyll/minima on GitHub Pages: families in none of the
development set and the first three blind sets), added by the README's "Adding a source" steps
with no per-site hand edits, must give all of its articles and nothing else.

The steps and the scoring are test_discovery_blind's (imported, so every set is judged the same
way), the scoring of rows as test_discovery_blind2's: `thidua sources add` from an article page and
from the home page, start_urls = the home page, `sources check`, `thidua crawl --local`; per site
>= 95 % of the gold articles archived, 0 non-articles, 0 duplicates, each field right on >= 95 % of
the archived articles. The sites were labelled and committed before any crawler ran on them;
KNOWN_MISSES holds what the first run missed (strict xfail: the entry goes the day discovery is
fixed in general form, never by tuning to these sites). Scores print per site (`pytest -s`) and
go to test-output/discovery_blind4.json.
"""

from __future__ import annotations

import pytest
from siteset_harness import SiteSet

pytestmark = pytest.mark.crawl

# First run (branch blind4 at d2022e7, i.e. the extractor and discovery of main as of 0471e91; labelled and
# committed before it), the same from both routes:
# - laravel 7/7, 0 duplicates, every field 7/7 (the XHR "Xem thêm" fragments, the old-slug copy of L05 and the
#   meta line's dd/mm/yyyy | HH:MM date all handled), but 3 non-articles: the two "Giới thiệu" pages
#   (/gioi-thieu/chuc-nang-nhiem-vu-3.html, /gioi-thieu/co-cau-to-chuc-5.html) and the document page
#   (/van-ban/…-21.html), all in the news detail template with a date, stored as articles;
# - sitefinity 2/6 (S03, S06), 0 non-articles, 0 duplicates, title/date/lead/body 2/2 but author 0/2: the four
#   shorter items (S01, S02, S04, S05) were fetched (each under one or more of its URLs) and classified "not an
#   article": Sitefinity's og:type "website" counts against the page and it has no JSON-LD or
#   article:published_time, so only long bodies pass (with og:type article the same page extracts fine);
#   "Bởi NAME" after the date in div.text-muted is not read as the author;
#   Since: sitefinity 6/6 from both routes, every field 6/6 — og:type "website" no longer counts against a
#   page whose headline is signed by a date on the line under it (pagekind's dated headline, a page-title <h1>
#   over the item's <h3> looked past), and "Bởi/Đăng bởi/Người đăng NAME" on that dated meta line is the author;
# - jekyll 6/6, 0 non-articles, 0 duplicates, every field 6/6.
# Re-run after rebasing onto main 0180e9a (with 0a961e7's menu-only rule): the same numbers.
# Since: the fixed-page section rule (a short page under /gioi-thieu/, /van-ban/… that pages link from content,
# but no story and no page that links a story; crawler/sitestate.py fixed_page) laravel passes from both routes:
# 7/7, 0 non-articles, 0 duplicates, every field 7/7; its entries went.
# A miss is (site, route) -> reason; the test marks it xfail(strict=True), and the entry goes the day
# discovery or extraction is fixed in general form.
KNOWN_MISSES: dict[tuple[str, str], str] = {}

SET = SiteSet("blind4", KNOWN_MISSES)


@pytest.fixture(scope="module")
def origins():
    yield from SET.serve()


@pytest.mark.parametrize(("name", "route"), SET.params())
def test_blind4_site_added_by_the_readme_steps_gives_all_its_articles_and_nothing_else(name, route, origins, tmp_path):
    SET.run(name, route, origins, tmp_path)
