"""A "Xem thêm" answer that says what comes next: JSON APIs behind load-more buttons name the next
batch themselves (`"next": "/api/tin?sau=<cursor>"`, Laravel's `next_page_url`, JSON:API's
`links.next`) and write `null` after the last one. A cursor is no page number, so arithmetic on the
endpoint finds nothing past the first batch, and a `null` says to stop where arithmetic would ask
for one batch more. Answers of our own; the spider's callback is called directly."""

from __future__ import annotations

import json

from scrapy.http import Request, TextResponse

from archive.sources import Source
from crawler.spiders.sources import SourcesSpider

ORIGIN = "http://tinhdoan.example"


def _spider() -> SourcesSpider:
    source = Source(id="td", name="Tỉnh Đoàn", province="X", platform="generic", start_urls=(ORIGIN + "/",), rules={})
    spider = SourcesSpider(sources=[source])
    spider.count = lambda source_id, key, n=1: None  # type: ignore[method-assign]
    spider.max_pages = lambda source: 50  # type: ignore[method-assign]  # the setting a crawl reads
    return spider


def _answer(url: str, payload: dict) -> TextResponse:
    return TextResponse(url, body=json.dumps(payload, ensure_ascii=False).encode("utf-8"), encoding="utf-8",
                        headers={"Content-Type": "application/json"},
                        request=Request(url, meta={"source_id": "td", "thidua_depth": 1, "page": 2,
                                                   "doc_base": ORIGIN + "/tin-tuc"}))


def _items(*slugs: str) -> list[dict]:
    return [{"tieu_de": f"Bài {s}", "duong_dan": f"/tin-tuc/{s}"} for s in slugs]


def test_a_cursor_named_by_the_answer_is_the_next_batch() -> None:
    spider = _spider()
    answer = _answer(ORIGIN + "/api/tin-moi", {"data": _items("hoi-nghi-cum-1", "hoi-nghi-cum-2"),
                                               "links": {"next": "/api/tin-moi?sau=MjAyNC0wMy0xNQ"}})
    requests = list(spider.parse_more(answer))
    batches = [r.url for r in requests if r.callback == spider.parse_more]
    assert batches == [ORIGIN + "/api/tin-moi?sau=MjAyNC0wMy0xNQ"]
    pages = {r.url for r in requests if r.callback != spider.parse_more}
    assert ORIGIN + "/tin-tuc/hoi-nghi-cum-1" in pages and ORIGIN + "/api/tin-moi?sau=MjAyNC0wMy0xNQ" not in pages


def test_a_null_next_ends_the_batches() -> None:
    spider = _spider()
    answer = _answer(ORIGIN + "/api/tin-moi?trang=3", {"data": _items("so-ket-6-thang"), "next_page_url": None})
    requests = list(spider.parse_more(answer))
    assert [r.url for r in requests if r.callback == spider.parse_more] == []


def test_without_a_next_key_the_endpoint_is_counted_on() -> None:
    spider = _spider()
    answer = _answer(ORIGIN + "/api/tin-moi?trang=2", {"data": _items("tong-ket-nam")})
    requests = list(spider.parse_more(answer))
    assert [r.url for r in requests if r.callback == spider.parse_more] == [ORIGIN + "/api/tin-moi?trang=3"]
