"""The peer of `make bench`'s crawl figure: what a user would write instead of this project —
a bare Scrapy spider with parsel selectors that walks the same listing pages, follows the same
article links and yields title, date and body text to a JSON-lines feed.

It reads the demo platforms' selectors from sources/platforms.toml (plain TOML, no project
code) and runs with the crawl's own settings (`crawler.settings` plus the local-site
overrides), so the two crawls differ only in what this project does with each page.
Run by archive/benchmark/crawl.py as `scrapy runspider crawler/bench_peer.py -a base=URL`.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import scrapy

PLATFORMS = Path(__file__).resolve().parent.parent / "sources" / "platforms.toml"
SITES = {"ldld": ("/ldld/", "ldld-portal"), "btdkt": ("/btdkt/tin-tuc", "btdkt-portal"),
         "baotinh": ("/baotinh/", "news-jsonld")}


class PeerSpider(scrapy.Spider):
    name = "bench-peer"

    def __init__(self, base: str = "", max_pages: str = "10000", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.base = base.rstrip("/")
        self.max_pages = int(max_pages)
        self.platforms = tomllib.loads(PLATFORMS.read_text(encoding="utf-8"))["platforms"]

    async def start(self):  # type: ignore[override]
        for path, platform in SITES.values():
            yield scrapy.Request(self.base + path, callback=self.listing,
                                 cb_kwargs={"platform": platform, "page": 1})

    def listing(self, response: scrapy.http.Response, platform: str, page: int) -> Any:
        rules = self.platforms[platform]
        for href in response.css(rules["article_links"] + "::attr(href)").getall():
            yield response.follow(href, callback=self.article, cb_kwargs={"platform": platform})
        following = response.css(rules["next_page"] + "::attr(href)").get()
        if following and page < self.max_pages:
            yield response.follow(following, callback=self.listing,
                                  cb_kwargs={"platform": platform, "page": page + 1})

    def article(self, response: scrapy.http.Response, platform: str) -> Any:
        rules = self.platforms[platform]
        yield {
            "url": response.url,
            "title": " ".join(response.css(rules["title"] + " ::text").getall()).strip(),
            "date": " ".join(response.css(rules["date"] + " ::text").getall()).strip(),
            "body": "\n".join(t.strip() for t in response.css(rules["body"] + " ::text").getall()
                              if t.strip()),
        }
