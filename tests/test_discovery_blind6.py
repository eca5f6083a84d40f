"""Sixth blind site set (issue 11, "generalise, never tune"): every site of
tests/fixtures/sitesets/blind6 (Plone 6 classic UI, Concrete CMS 9, an ASP.NET MVC 5 portal of a
local vendor: families in none of the development set and the first five blind sets), added by the README's "Adding a source" steps
with no per-site hand edits, must give all of its articles and nothing else.

The steps and the scoring are test_discovery_blind's (imported, so every set is judged the same
way), the scoring of rows as test_discovery_blind2's: `thidua sources add` from an article page and
from the home page, start_urls = the home page, `sources check`, `thidua crawl --local`; per site
>= 95 % of the gold articles archived, 0 non-articles, 0 duplicates, each field right on >= 95 % of
the archived articles. The sites were labelled and committed before any crawler ran on them;
KNOWN_MISSES holds what the first run missed (strict xfail: the entry goes the day discovery is
fixed in general form, never by tuning to these sites). Scores print per site (`pytest -s`) and
go to test-output/discovery_blind6.json.
"""

from __future__ import annotations

import pytest
from siteset_harness import SiteSet

pytestmark = pytest.mark.crawl

# First run (branch blind6 at 2fed3df = main fde5a66 + the labelled set, committed before any crawl), same
# crawler on both routes; fields are on the archived articles:
#   site     route    archived non-art dups  title date author body_first body_last lead
#   plone    article    6/6      2      0    6/6   6/6  6/6    6/6        6/6       6/6   (flaky: 4/6 on a re-run)
#   plone    home       3/6      2      0    3/3   3/3  3/3    3/3        3/3       3/3   (flaky: 6/6 on a re-run)
#   concrete article    5/5      1      0    5/5   5/5  5/5    5/5        5/5       5/5
#   concrete home       5/5      1      0    5/5   5/5  5/5    5/5        5/5       5/5
#   aspmvc   article    0/6      0      0    -     (no source: `sources check` rejects the entry)
#   aspmvc   home       6/6      1      1    6/6   6/6  6/6    6/6        6/6       6/6
# - plone: the Documents /gioi-thieu/lich-su and the File /van-ban/ke-hoach-thi-dua-2023 (same
#   h1.documentFirstHeading, a dated documentByLine and a Description as a News Item) stored as articles,
#   both routes. The /tin-tuc/<id> classification depends on the order responses arrive (crawler/sitestate.py learns shapes from siblings; the Collection
#   /tin-tuc/thi-dua-khen-thuong shares the shape): 5 manual runs from the home page stored 5, 6, 6, 8 and 5
#   pages; the test run 3 of the 6 News Items from the home (P02, P04, P05 missing), a re-run 6/6 from the
#   home and 4/6 from the article; /view aliases never stored; fields all right on what is stored.
# - concrete: /gioi-thieu/lich-su-hinh-thanh (the same dated Page Title byline "Bởi admin") stored, both
#   routes; /index.php?cID= and /index.php/ forms not stored twice; "Bởi admin/bientap" read as no author.
# - aspmvc (article): `sources add` from an article page proposed name "127.0.0.1", kind other, no
#   province — there the organisation is only in the upper-case banner <h1>/footer and <title> is the
#   article's — so `sources check` fails ("missing province") and nothing is crawled. From the home page
#   (<title> "Ban Thi đua - Khen thưởng tỉnh Sóc Trăng - Trang chủ") the entry is right.
# - aspmvc (home): /van-ban/chi-tiet/87 (the news template, a dated date-detail) stored; A02 stored twice
#   (/Home/ChiTiet/1302 and its print view /Home/InBaiViet/1302: no canonical link on either, and A02 has
#   no writer line); the other articles stored under /Home/ChiTiet/<id> or the print view (gold variants).
#   Title from h2.title-detail under the banner h1, "Cập nhật: dd/MM/yyyy HH:mm", the writer paragraph
#   and the sapo all right; "Người đăng: <account>" ignored.
#   Since srcadd6: `sources add` reads the banner h1 / footer owner line (upper case restored), so the
#   article route proposes Ban Thi đua – Khen thưởng tỉnh Sóc Trăng, Cần Thơ (former Sóc Trăng) and crawls
#   6/6; a trailing "Người đăng: <account>" line is no body text, so A02's print view has its page's
#   fingerprint and is merged (duplicates 0, both routes). Left: /van-ban/chi-tiet/87 stored (both routes).
# Meetings (crawl_check.py, same crawler): P/R/F1 1.00 on every site; fields 85.9 % with the committed
# labels, 89.9 % after 8a9fafe fixed a kind spelling slip (see the set's README).
# A miss is (site, route) -> reason; the test marks it xfail(strict=True), and the entry goes the day
# discovery or extraction is fixed in general form.
KNOWN_MISSES: dict[tuple[str, str], str] = {
    # Since disc6: every News Item stored from both routes, whatever order responses arrive (a mixed
    # address family outvotes nothing; a page the site speaks against waits for the crawl's end).
    # Since fixed6: plone passes from both routes — a short page whose main block opens with a file
    # download is a document page (archive/pagekind.py attachment_first), and a short page under a
    # fixed-page section that only the sitemap names, on a site whose listings link its stories, is a
    # fixed page (crawler/sitestate.py sitemap_only).
    # Since fixed6: concrete passes from both routes (the same sitemap-only rule; such a page is held to
    # the crawl's end, so the verdict does not depend on whether a story was read before it).
    # Since: aspmvc passes from both routes — a short text made of a document record's labelled
    # fields ("Số ký hiệu:", "Ngày ban hành:", "Trích yếu:" …) is a document record, not a story
    # (archive/pagekind.py record_fields; lexicons/sections.toml document_fields).
}

SET = SiteSet("blind6", KNOWN_MISSES)


@pytest.fixture(scope="module")
def origins():
    yield from SET.serve()


@pytest.mark.parametrize(("name", "route"), SET.params())
def test_blind6_site_added_by_the_readme_steps_gives_all_its_articles_and_nothing_else(name, route, origins, tmp_path):
    SET.run(name, route, origins, tmp_path)
