"""Scrapy settings: polite by default, because these are small provincial servers.

Every value here can be overridden per run (`thidua crawl` passes the archive path and the
sources; tests lower the delays for 127.0.0.1).
"""

BOT_NAME = "thidua"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Identify ourselves: a site owner who sees us in the logs can find out who we are.
USER_AGENT = "thidua-archive/0.1 (+https://github.com/thidua-archive/thidua-archive; research archive of thi dua news)"
ROBOTSTXT_OBEY = True

# Politeness: few parallel requests per site, AutoThrottle adapts to how fast the site answers.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
# Scrapy starts this many tasks for each response's output, whatever that output holds (a page
# yields one item and a few dozen requests; the analysis workers take two pages at a time):
# its default of 100 cost the reactor thread ~10 % of its time in task bookkeeping.
CONCURRENT_ITEMS = 16
DOWNLOAD_DELAY = 1.0           # ±50 % jitter (Scrapy's default); a source's `delay` is a floor
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Bounded work per request: provincial CMSs sometimes serve endless or huge pages.
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_GIVE_UP_LOG_LEVEL = "WARNING"  # a page given up is a `failures` row, not an error to mail
THIDUA_RETRY_AFTER_MAX = 120         # longest Retry-After (s) waited for; longer: page given up

# Every request of a source, whatever produced it (links, pagination, sitemaps, redirects,
# retries), passes these policies (crawler/middlewares.py): its own hosts only, no local or
# private addresses unless the source allows them, Retry-After honoured.
DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.OffsitePolicy": 40,
    "crawler.middlewares.AddressPolicy": 45,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.RetryAfter": 550,
}

COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REFERER_ENABLED = True
# Article pages may answer 304 to our conditional GETs; the spider handles it.
HTTPERROR_ALLOWED_CODES = [304]

ITEM_PIPELINES = {"crawler.pipelines.ArchivePipeline": 300}
EXTENSIONS = {"crawler.extensions.CrawlRecorder": 500, "crawler.extensions.ProgressLine": 510,
              # AutoThrottle that keeps a source's registry `delay` as its floor
              "scrapy.extensions.throttle.AutoThrottle": None,
              "crawler.extensions.RegistryThrottle": 0}

# Breadth-first keeps memory flat on sites with deep pagination.
DEPTH_PRIORITY = 1
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"

# thidua settings (THIDUA_*): where the archive lives and how incremental crawling behaves.
THIDUA_DB = "data/archive.db"
THIDUA_MAX_PAGES = 50          # listing pages per source and run
THIDUA_KNOWN_PAGES = 1         # extra listing pages walked after one full of known articles
THIDUA_RECHECK_DAYS = 0        # re-fetch known articles older than this (0 = never)
# Worker processes for decode/extract/meetings (archive/ingestpool.py); unset: one per core
# beyond the first, 0: analyse on the reactor thread. THIDUA_INGEST_PENDING bounds the pages
# in the workers at once (default twice the workers).
THIDUA_INGEST_WORKERS = None
THIDUA_INGEST_PENDING = 0
