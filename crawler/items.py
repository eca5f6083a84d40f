"""What the spider hands to the pipeline: a fetched article page, raw.

Extraction happens in the pipeline (archive.ingest), not in the spider, so that the raw page is
stored first and the same code can re-parse it later without the network.
"""

import scrapy


class PageItem(scrapy.Item):
    url = scrapy.Field()
    status = scrapy.Field()
    headers = scrapy.Field()
    body = scrapy.Field()
    source_id = scrapy.Field()
    fetched_at = scrapy.Field()
