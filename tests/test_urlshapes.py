"""URL shapes: siblings share one shape, listings and stories do not, query variants fold."""

from __future__ import annotations

import pytest

from archive import urlshapes
from archive.urlshapes import SiteShapes, article_urls, coarse_shape, request_url, url_shape


def test_shapes_abstract_ids_and_slugs_but_keep_section_names() -> None:
    assert url_shape("https://x.vn/tin-tuc/hoi-nghi-so-ket-cum-thi-dua-so-3-nam-2024-12345.html") \
        == "/tin-tuc/{slug}-{n}.html"
    assert url_shape("https://x.vn/tin-tuc/trang-4.html") == "/tin-tuc/trang-{n}.html"
    assert url_shape("https://x.vn/Default.aspx?tabid=57&ArticleID=881") \
        == "/default.aspx?articleid={n}&tabid={n}"
    assert url_shape("https://x.vn/index.php?option=com_content&view=article&id=12:bai-viet&Itemid=3") \
        == "/index.php?id={n}:{slug}&itemid={n}&option=com_content&view=article"
    # a navigation parameter (an address) is not part of the page's name
    assert url_shape("https://x.vn/a/-/mot-bai-viet-dai-ve-thi-dua?redirect=%2Fa%2Ftin-tuc") \
        == "/a/-/{slug}"


def test_families_merge_sections_and_slug_ids() -> None:
    a = coarse_shape(url_shape("https://x.vn/xa-hoi/mot-hai-ba-bon-nam-111.html"))
    b = coarse_shape(url_shape("https://x.vn/kinh-te/sau-bay-tam-chin-muoi.html"))
    assert a == b


def test_request_url_drops_navigation_and_tracking() -> None:
    assert request_url("http://x.vn/w/-/cum-thi-dua-so-2-so-ket?inheritRedirect=true"
                       "&redirect=%2Fw%2Ftin-tuc&utm_source=fb#top") == "http://x.vn/w/-/cum-thi-dua-so-2-so-ket"
    assert request_url("http://x.vn/View.aspx?ItemID=33") == "http://x.vn/View.aspx?ItemID=33"


def test_a_print_template_link_is_requested_as_the_article_itself() -> None:
    # "In bài" links render the same node with another template: fetching them would store the
    # article twice (the print copy has no canonical link and a slightly different text)
    assert request_url("http://x.vn/tin/hoi-nghi-khoi-2/?altTemplate=Print") == "http://x.vn/tin/hoi-nghi-khoi-2/"
    assert request_url("http://x.vn/index.php?option=com_content&id=9&tmpl=component") == \
        "http://x.vn/index.php?option=com_content&id=9"


def test_iis_sites_are_case_insensitive_and_others_learn_it() -> None:
    s = SiteShapes()
    assert s.key("http://x.vn/Lists/Tin/View.aspx?ItemID=3") == s.key("http://x.vn/lists/tin/view.aspx?itemid=3")
    t = SiteShapes()
    t.see("http://y.vn/Tin/Bai-Mot")
    t.see("http://y.vn/tin/bai-mot")
    assert t.caseless
    assert t.key("http://y.vn/Tin/Bai-Mot") == t.key("http://y.vn/tin/bai-mot")


def test_verdict_learns_from_fetched_pages_and_families() -> None:
    s = SiteShapes()
    for i in range(5):
        s.see(f"http://x.vn/xa-hoi/bai-viet-so-{i}-ve-thi-dua-{1000 + i}.html")
    assert s.verdict("http://x.vn/xa-hoi/bai-viet-so-1-ve-thi-dua-1001.html") == "unknown"
    s.learn("http://x.vn/xa-hoi/bai-viet-so-1-ve-thi-dua-1001.html", "article")
    assert s.verdict("http://x.vn/xa-hoi/bai-viet-so-3-ve-thi-dua-1003.html") == "article"
    # a story of another section: its own shape is unseen, its family is known
    assert s.verdict("http://x.vn/kinh-te/mot-bai-khac-hoan-toan-moi-9999.html") == "article"
    s.learn("http://x.vn/xa-hoi/trang-2.html", "listing")
    assert s.verdict("http://x.vn/xa-hoi/trang-3.html") == "listing"


def test_unproductive_shapes_are_exhausted() -> None:
    s = SiteShapes()
    for month in range(1, 4):
        s.learn(f"http://x.vn/lich/2024/{month}", "other", productive=False)
    assert s.exhausted("http://x.vn/lich/2024/9")
    assert not s.exhausted("http://x.vn/tin-tuc/trang-2")


@pytest.mark.parametrize("family, articles, others", [
    ("joomla", [f"http://j.vn/index.php?option=com_content&view=article&id={i}:tin-{i}&catid=2&Itemid=9"
                for i in range(20, 26)],
     ["http://j.vn/index.php?option=com_content&view=category&id=2&Itemid=9",
      "http://j.vn/index.php?option=com_content&view=category&id=2&Itemid=9&start=10"]),
    ("drupal", [f"http://d.vn/node/{i}" for i in range(300, 306)],
     ["http://d.vn/tin-tuc?page=1", "http://d.vn/taxonomy/term/5", "http://d.vn/lien-he"]),
    ("dnn", [f"http://n.vn/tabid/88/ArticleID/{i}/Default.aspx" for i in range(7, 12)],
     ["http://n.vn/tabid/88/Default.aspx", "http://n.vn/Default.aspx?tabid=88&currentpage=2"]),
    ("wordpress", [f"http://w.vn/2024/0{m}/1{m}/hoi-nghi-so-ket-thi-dua-khoi-{m}/" for m in range(1, 7)],
     ["http://w.vn/2024/01/", "http://w.vn/2024/02/", "http://w.vn/page/2/",
      "http://w.vn/tag/thi-dua-yeu-nuoc-trong-cong-nhan/", "http://w.vn/category/tin-tuc/page/3/"]),
])
def test_article_urls_from_addresses_alone(family: str, articles: list[str], others: list[str]) -> None:
    got = article_urls(others + articles + ["http://x.vn/a.jpg"])
    assert set(got) == set(articles), family


def test_slash_twins_are_one_page_only_once_the_site_served_both_alike() -> None:
    s = SiteShapes()
    page = b"<html><link rel='canonical' href='%s'><h1>Ban thi dua</h1><p>Hoi nghi Khoi 4</p></html>"
    # a folder and a file of the same name with different pages: nothing is learnt
    s.served("http://z.vn/van-ban/", page % b"/van-ban/")
    s.served("http://z.vn/van-ban", b"<html><h1>Van ban</h1><table>...</table></html>")
    assert s.twin("http://z.vn/tin/hoi-nghi-khoi-4/") is None
    # one page at both spellings (its own address echoed in the markup): learnt for every page
    s.served("http://z.vn/tin/hoi-nghi-khoi-4", page % b"/tin/hoi-nghi-khoi-4")
    s.served("http://z.vn/tin/hoi-nghi-khoi-4/", page % b"/tin/hoi-nghi-khoi-4/")
    assert s.twin("http://z.vn/tin/so-ket-cum-2/") == "http://z.vn/tin/so-ket-cum-2"
    assert s.twin("http://z.vn/tin/so-ket-cum-2") == "http://z.vn/tin/so-ket-cum-2/"
    assert s.twin("http://z.vn/") is None


def test_a_query_value_naming_content_inside_the_app_is_part_of_the_page_name() -> None:
    # A value that is an address (scheme, or a path from the root) is where the visitor came from;
    # a value that names a route or an item inside the application (a portal's content path, an
    # MVC route, a module's path-like operation) picks the page: dropping it fetches another page.
    portal = ("http://x.vn/wps/portal/so/!ut/p/z1/04_Sj9CPyk!!/dz/d5/L2dBISEvZ0FBIS9nQSEh/"
              "?urile=wcm%3Apath%3A%2Flib%2Fso%2Ftin-tuc%2Fhoi-nghi-cum-thi-dua")
    assert request_url(portal) == portal
    assert request_url("http://x.vn/index.php?r=news%2Fview&id=12") == "http://x.vn/index.php?r=news%2Fview&id=12"
    assert url_shape("http://x.vn/index.php?nv=news&op=thi-dua/cum-thi-dua-so-3-tong-ket-903") \
        == "/index.php?nv=news&op={v}"
    # addresses still go, escaped or not
    assert request_url("http://x.vn/a/b?returnUrl=https%3A%2F%2Fx.vn%2Ftin&id=3") == "http://x.vn/a/b?id=3"
    assert request_url("http://x.vn/a/b?Source=%2Fsites%2Ftin&ID=3") == "http://x.vn/a/b?ID=3"


def test_a_presentation_template_is_the_same_content_in_another_dress() -> None:
    assert request_url("http://x.vn/wps/wcm/connect/lib/so/tin/bai?presentationtemplate=lib/PT_In") \
        == "http://x.vn/wps/wcm/connect/lib/so/tin/bai"


def test_a_bare_query_key_stays_bare() -> None:
    # Lotus Domino's URL commands (`?OpenDocument`, `?OpenView&Start=3`) are keys without a value;
    # `?OpenDocument=` is another command line to the server, so the address is fetched as written.
    assert request_url("http://x.vn/hoi/web.nsf/0/7F3A1C9E4B2D58A6482584F2002A91C3?OpenDocument") \
        == "http://x.vn/hoi/web.nsf/0/7F3A1C9E4B2D58A6482584F2002A91C3?OpenDocument"
    assert request_url("http://x.vn/hoi/web.nsf/vwTin?OpenView&Start=3&utm_source=zalo") \
        == "http://x.vn/hoi/web.nsf/vwTin?OpenView&Start=3"
    assert request_url("http://x.vn/tin?id=3&q=") == "http://x.vn/tin?id=3&q="


def test_the_archives_address_keeps_a_bare_key_bare() -> None:
    from archive.urls import canonical_url
    assert canonical_url("http://x.vn/hoi/web.nsf/0/7F3A1C9E4B2D58A6482584F2002A91C3?OpenDocument&utm_source=fb") \
        == "http://x.vn/hoi/web.nsf/0/7F3A1C9E4B2D58A6482584F2002A91C3?OpenDocument"


def test_page_key_is_computed_once_per_address_and_case_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """Discovery asks for the key of every link of every page it reads, many times over:
    the answer is remembered per address and case rule, never shared between the two rules."""
    calls: list[str] = []
    real = urlshapes.request_url
    monkeypatch.setattr(urlshapes, "request_url", lambda u: calls.append(u) or real(u))
    urlshapes.page_key.cache_clear()
    site = SiteShapes()
    url = "http://so-noivu.example/Tin-Tuc/Bai-Viet?ID=7&b=2#top"
    first = site.key(url)
    assert site.key(url) == first == "http://so-noivu.example/Tin-Tuc/Bai-Viet?ID=7&b=2"
    assert len(calls) == 1
    site.caseless = True  # learnt from two spellings of one link: the other rule's answer
    assert site.key(url) == "http://so-noivu.example/tin-tuc/bai-viet?b=2&id=7"
    assert len(calls) == 2
