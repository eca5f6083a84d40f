"""The spider's reading of a page, done in the crawl's analysis workers (crawler/pagereading.py):
the same answers the spider worked out on its own thread, and the spider asks the workers."""

from __future__ import annotations

import asyncio
import pickle

from scrapy.http import HtmlResponse, Request

from archive.ingestpool import AnalysisPool
from archive.menus import link_places
from archive.pagekind import classify_page
from archive.pagination import load_more, next_page
from archive.sources import Source
from archive.urls import document_base
from crawler.discovery import feed_links
from crawler.items import PageItem
from crawler.pagereading import ReadRequest, read_page, selector_type
from crawler.sitestate import absolute_links, frame_links
from crawler.spiders import sources as spider_module
from crawler.spiders.sources import SourcesSpider

ORIGIN = "http://hoinongdan-vidu.example"
MENU = "".join(f'<li><a href="/{slug}">{label}</a></li>' for slug, label in
               (("gioi-thieu", "Giới thiệu"), ("tin-tuc", "Tin tức"), ("lien-he", "Liên hệ")))
TEASERS = "".join(
    f'<div class="item"><h3><a href="tin-tuc/hoi-nghi-so-{n}.html">Hội nông dân xã {n} tổ chức hội '
    f'nghị sơ kết phong trào thi đua</a></h3><p>Sáng {n}/6, hội nghị đã đánh giá kết quả.</p></div>'
    for n in range(1, 9))
LISTING = (f'<html><head><base href="{ORIGIN}/"><title>Tin tức</title>'
           '<link rel="alternate" type="application/rss+xml" href="/rss/tin-tuc.xml"></head><body>'
           f'<nav class="menu"><ul>{MENU}</ul></nav><h2>Tin tức - Sự kiện</h2>'
           f'<div class="list">{TEASERS}</div><iframe src="/khung/lich.html"></iframe>'
           '<div class="pager"><a href="tin-tuc?page=2">2</a><a href="tin-tuc?page=3">3</a>'
           '<button class="btn" data-url="/api/tin-tuc?page=2">Xem thêm</button></div></body></html>')
STORY = ('<html><head><title>Hội nghị sơ kết</title><meta property="og:type" content="article">'
         '</head><body><h1>Hội Nông dân tỉnh tổ chức hội nghị sơ kết phong trào thi đua</h1>'
         '<p class="date">12/06/2024</p>'
         + "".join(f"<p>Đoạn {n}: hội nghị đã đánh giá kết quả sáu tháng đầu năm và bàn nhiệm vụ "
                   "những tháng cuối năm, biểu dương các tập thể tiêu biểu.</p>" for n in range(6))
         + f'<p><a href="{ORIGIN}/tin-tuc/khac.html">Tin khác</a></p></body></html>')


def _response(url: str, page: str, **meta) -> HtmlResponse:
    return HtmlResponse(url, body=page.encode("utf-8"), encoding="utf-8",
                        request=Request(url, meta={"source_id": "hnd", **meta}))


def _request(response: HtmlResponse, page: int = 1) -> ReadRequest:
    return ReadRequest(url=response.url, text=response.text, selector_type=selector_type(response),
                       base_url=response.url, places=True, links=True, page=page)


def test_a_worker_reads_a_page_as_the_spider_read_it_itself():
    response = _response(f"{ORIGIN}/tin-tuc", LISTING)
    root, url = response.selector.root, response.url
    kind, features = classify_page(root, url)
    reading = pickle.loads(pickle.dumps(read_page(_request(response))))  # it crosses processes
    assert (reading.kind, reading.features.as_dict()) == (kind, features.as_dict()) and kind != "article"
    assert reading.places == link_places(root, url)
    assert reading.links == absolute_links(root, url) and len(reading.links) > 8
    assert reading.frames == frame_links(root, url) == [f"{ORIGIN}/khung/lich.html"]
    assert reading.feeds == feed_links(root, url)
    assert reading.paged and reading.next_page == next_page(root, url, 1)
    assert reading.more == load_more(root, url) == f"{ORIGIN}/api/tin-tuc?page=2"
    assert reading.more_base == document_base(root, url)


def test_a_story_is_read_without_its_pager_and_a_leaf_without_its_links():
    story = _response(f"{ORIGIN}/tin-tuc/hoi-nghi-so-1.html", STORY)
    reading = read_page(_request(story))
    assert reading.kind == "article" and reading.links and not reading.paged
    leaf = read_page(ReadRequest(url=story.url, text=story.text, selector_type="html",
                                 base_url=story.url, places=False, links=False))
    assert leaf.kind == "article" and leaf.links is None and leaf.places is None


def test_a_pool_worker_gives_the_same_reading():
    response = _response(f"{ORIGIN}/tin-tuc", LISTING)
    pool = AnalysisPool(workers=1)
    try:
        remote = asyncio.run(pool.run(read_page, _request(response), counter="read/"))
    finally:
        pool.close()
    assert remote == read_page(_request(response))
    assert pool.counts["read/remote"] == 1


class _Pool:
    """Stands in for the crawl's AnalysisPool: records what it is asked to run."""

    def __init__(self) -> None:
        self.ran: list[str] = []

    async def run(self, function, *args, counter: str = ""):
        self.ran.append(f"{counter}{function.__name__}")
        return function(*args)


def test_the_spider_reads_its_pages_through_the_crawls_workers(monkeypatch):
    """The classifier, the links' places and the links used to run on the reactor thread (a
    third of the crawl process' CPU); the spider now asks the pool the pipeline shares."""
    pool = _Pool()
    monkeypatch.setattr(spider_module, "analysis_pool", lambda crawler: pool)
    source = Source(id="hnd", name="Hội Nông dân", province="X", platform="generic",
                    start_urls=(ORIGIN + "/",), rules={})
    spider = SourcesSpider(sources=[source])
    spider.count = lambda source_id, key, n=1: None  # type: ignore[method-assign]
    story = _response(f"{ORIGIN}/tin-tuc/hoi-nghi-so-1.html", STORY, thidua_kind="article",
                      thidua_depth=1)

    async def collect() -> list:
        return [out async for out in spider.parse_page(story)]

    out = asyncio.run(collect())
    assert pool.ran == ["read/read_page"]
    assert [o["url"] for o in out if isinstance(o, PageItem)] == [story.url]  # to ingest
