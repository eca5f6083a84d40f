"""Seventh blind site set (issue 11, "a new site added as the README says gives all of its articles
and nothing else"): every site of tests/fixtures/sitesets/blind7 (1C-Bitrix, Silverstripe CMS 5 with
silverstripe/blog, MODX Revolution with pdoTools: families in none of the development set and the
first six blind sets), added by the README's "Adding a source" steps
with no per-site hand edits, must give all of its articles and nothing else.

The steps and the scoring are test_discovery_blind's (imported, so every set is judged the same
way), the scoring of rows as test_discovery_blind2's: `thidua sources add` from an article page and
from the home page, start_urls = the home page, `sources check`, `thidua crawl --local`; per site
>= 95 % of the gold articles archived, 0 non-articles, 0 duplicates, each field right on >= 95 % of
the archived articles. The sites were labelled and committed before any crawler ran on them;
KNOWN_MISSES held what the first run missed (strict xfail: the entry goes the day discovery is
fixed in general form, never by tuning to these sites; empty since extractor 16). For MODX the
crawl must also meet no HTTP 404 (MAX_404). Scores print per site (`pytest -s`) and
go to test-output/discovery_blind7.json.
"""

from __future__ import annotations

import pytest
from siteset_harness import SiteSet

pytestmark = pytest.mark.crawl

# First run (branch blind7 at 34551f9 = main 5ebb246 + the labelled set, committed before any crawl; the set
# landed rebased, as "blind7: three sites of new families, labelled before any crawl", on main 6451ca7, where
# a re-run gave the same figures), same
# crawler on both routes; fields are on the archived articles:
#   site         route    archived non-art dups  title date author body_first body_last lead
#   bitrix       article    6/6      0      0    6/6   6/6  6/6    6/6        6/6       2/6
#   bitrix       home       6/6      0      0    6/6   6/6  6/6    6/6        6/6       2/6
#   silverstripe article    6/6      0      0    6/6   6/6  2/6    6/6        6/6       6/6
#   silverstripe home       6/6      0      0    6/6   6/6  2/6    6/6        6/6       6/6
#   modx         article    5/5      0      0    5/5   5/5  5/5    5/5        5/5       5/5
#   modx         home       5/5      0      0    5/5   5/5  5/5    5/5        5/5       5/5
# `sources add` proposed `generic` and the right organisation and province on every site and route
# (bitrix: Bắc Ninh, former Bắc Giang; silverstripe: An Giang, former Kiên Giang, kind hlhpn; modx:
# Thanh Hóa). No fixed page, document page or alias stored anywhere.
# - bitrix lead (both routes): the lead is Bitrix's PREVIEW_TEXT, printed by news.detail as
#   <div class="news-detail-preview">TEXT</div> between span.news-date-time and the first paragraph
#   of DETAIL_TEXT (B01, B03, B04, B06; the same text is the news.list summary under the title on
#   /tin-tuc/ and the section lists). Stored as the body's first paragraph, lead empty. B02/B05 have
#   no preview text (right as empty). Date "21.12.2018" (d.m.Y), "Tác giả:&nbsp;NAME<br />" as author
#   and "Nguồn:&nbsp;…" as no author: all right.
#   From the article route B06 is stored under /tin-tuc/detail.php?ID=2014 (the home page's "Tin nổi
#   bật" link; no canonical on either form), from the home route under /tin-tuc/thi-dua-khen-thuong/2014/:
#   a gold variant, one row either way.
# - silverstripe author (both routes): the blog's credit sits after the text, in the EntryMeta
#   p.blog-post-meta "… Đăng lúc <a href=/tin-tuc/archive/y/m/><time datetime="2019-01-10 14:20:00">14:20
#   10 thg 1, 2019</time></a> bởi <a href="/tin-tuc/profile/<seg>/">NAME</a>" (S01, S04, S06; a Member
#   with a profile page listing his posts) or "… bởi NAME" as plain text (S03, the AuthorNames field):
#   all four stored with no author. S02 ("Ban Biên tập") and S05 ("quantri") are accounts: right as none.
#   Date and time from the <time datetime> (no T, no zone) right.
# - modx passes, but the crawler resolves relative links against the page's URL, not the page's
#   <base href="…/">: from /tin-tuc/<x>.html, /gioi-thieu/, /van-ban/ and /tin-tuc/thi-dua-khen-thuong/
#   it requested /tin-tuc/tin-tuc/<y>.html, /gioi-thieu/tin-tuc/…, /van-ban/van-ban/… and the pager's
#   /tin-tuc/tin-tuc/?page=2 (21 HTTP 404 failures each route). Every article was still found, from the
#   home page (at /, where both resolutions agree: its "Tin mới nhất" sidebar lists all five) and the
#   sitemap. /index.php?id=<id> aliases (the home page's "Tiêu điểm") merged by the canonical link.
# Meetings (crawl_check.py, same crawler, the committed labels): see the set's README.
# A miss is (site, route) -> reason; the test marks it xfail(strict=True), and the entry goes the day
# discovery or extraction is fixed in general form.
# After the fixes (extractor 16, branch fields7): every site, both routes, every field right (bitrix lead 6/6,
# silverstripe author 6/6), MODX 0 HTTP 404s (asserted below; silverstripe's 2 are /van-ban/archive/<y>/<m>/
# pages the set does not serve). The rules, each tested on pages of its own: links resolve against the
# document base URL (<base href>; tests/test_base_href.py); a "preview"/"anons" box right under the headline
# is the lead (test_extract_fields.py); a dated "bởi NAME" in the story's meta box wherever it stands, and a
# link to the writer's own page, name the author (test_bylines.py); a story every page links (a template's
# sidebar) makes no page a news page for the fixed-page rule (test_menus.py; without it MODX's history,
# structure and document pages, now reached from their section pages, were stored). KNOWN_MISSES is empty.
KNOWN_MISSES: dict[tuple[str, str], str] = {}


# HTTP 404s a crawl may meet per site: MODX's links are all relative to <base href> (its first run,
# resolving them against the page's address, asked for 21 addresses the site does not have on each
# route). The other sites' counts are recorded, not bounded (Silverstripe's /van-ban/ blog links its
# monthly archive pages, which the set does not serve: 2 a route).
MAX_404 = {"modx": 0}

SET = SiteSet("blind7", KNOWN_MISSES)


@pytest.fixture(scope="module")
def origins():
    yield from SET.serve()


@pytest.mark.parametrize(("name", "route"), SET.params())
def test_blind7_site_added_by_the_readme_steps_gives_all_its_articles_and_nothing_else(name, route, origins, tmp_path):
    SET.run(name, route, origins, tmp_path, max_404=MAX_404)
