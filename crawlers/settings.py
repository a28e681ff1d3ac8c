"""Scrapy settings for every haisi spider: polite by default, re-rootable at a local mirror.

Keep settings alphabetical within a group. Each ``HAISI_*`` setting is haisi's own knob; the
rest are Scrapy's. ``HAISI_BASE_URL`` re-roots every spider at a mirror (``haisi crawl
--mirror URL`` sets it); ``HAISI_REDIS_URL`` switches on the shared scrapy-redis queue.
"""

from __future__ import annotations

__all__ = [
    "AUTOTHROTTLE_ENABLED",
    "AUTOTHROTTLE_MAX_DELAY",
    "AUTOTHROTTLE_START_DELAY",
    "AUTOTHROTTLE_TARGET_CONCURRENCY",
    "BOT_NAME",
    "CONCURRENT_REQUESTS",
    "CONCURRENT_REQUESTS_PER_DOMAIN",
    "DOWNLOAD_DELAY",
    "DOWNLOAD_MAXSIZE",
    "DOWNLOAD_TIMEOUT",
    "DOWNLOAD_WARNSIZE",
    "DOWNLOADER",
    "DOWNLOADER_MIDDLEWARES",
    "DUPEFILTER_CLASS",
    "EXTENSIONS",
    "HAISI_BASE_URL",
    "HAISI_BATCH_PAGES",
    "HAISI_COMTRADE_API_KEY",
    "HAISI_BATCH_SECONDS",
    "HAISI_GACC_QUERY_CAP",
    "HAISI_INCREMENTAL",
    "HAISI_OPS_DB",
    "HAISI_PROGRESS",
    "HAISI_REDIS_IDLE_SECONDS",
    "HAISI_REDIS_URL",
    "HAISI_REJECT_BACKOFF",
    "HAISI_STORE_DIR",
    "ITEM_PIPELINES",
    "LOG_LEVEL",
    "NEWSPIDER_MODULE",
    "REQUEST_FINGERPRINTER_IMPLEMENTATION",
    "RETRY_ENABLED",
    "RETRY_HTTP_CODES",
    "RETRY_TIMES",
    "ROBOTSTXT_OBEY",
    "SPIDER_MODULES",
    "TELNETCONSOLE_ENABLED",
    "TWISTED_REACTOR",
    "USER_AGENT",
]

BOT_NAME = "haisi"
SPIDER_MODULES = ["haisi.crawlers.spiders"]
NEWSPIDER_MODULE = "haisi.crawlers.spiders"

# ---- politeness -----------------------------------------------------------------------------
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
ROBOTSTXT_OBEY = True
USER_AGENT = (
    "haisi-crawler/0.1 (+https://github.com/haisi; Maritime Silk Road statistics; polite bot)"
)

# ---- failures -------------------------------------------------------------------------------
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024  # a page over this is cancelled and counted as "oversize"
DOWNLOAD_TIMEOUT = 60
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_TIMES = 3

# ---- components -----------------------------------------------------------------------------
# responses pass from the highest number down: 304/unchanged stop at 580, HTTP retries at 550,
# content checks ("Request Rejected" with 200, HTML where CSV/JSON was asked) at 540
DOWNLOADER_MIDDLEWARES = {
    "haisi.crawlers.middlewares.IncrementalMiddleware": 580,
    "haisi.crawlers.middlewares.BackoffRetryMiddleware": 550,
    "haisi.crawlers.middlewares.ContentCheckMiddleware": 540,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
}
DOWNLOADER = "haisi.crawlers.downloader.PoliteDownloader"  # per-domain limit honoured with no delay
DUPEFILTER_CLASS = "haisi.crawlers.middlewares.RunDupeFilter"
EXTENSIONS = {
    "haisi.crawlers.runs.CrawlRunRecorder": 500,
    "scrapy.extensions.telnet.TelnetConsole": None,
}
ITEM_PIPELINES = {
    "haisi.crawlers.pipelines.ValidatePipeline": 100,
    "haisi.crawlers.pipelines.WarehousePipeline": 800,
}
LOG_LEVEL = "INFO"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TELNETCONSOLE_ENABLED = False
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

# ---- haisi ----------------------------------------------------------------------------------
HAISI_BASE_URL = ""  # re-root every spider here (a mirror); "" = the real site
HAISI_BATCH_PAGES = 200  # pages buffered before one warehouse commit per table
HAISI_BATCH_SECONDS = 30.0  # …or this long since the last commit
HAISI_GACC_QUERY_CAP = 10_000  # rows at which a GACC query download counts as cut off
HAISI_INCREMENTAL = True  # conditional GET + content hash against OpsDB crawl_state
HAISI_OPS_DB = ""  # "" = haisi settings' ops_db
HAISI_REDIS_URL = ""  # "" = single process; redis://… = scrapy-redis shared queue
HAISI_REJECT_BACKOFF = 2.0  # seconds × 2**retry before re-asking after a rejected response
HAISI_STORE_DIR = ""  # "" = haisi settings' warehouse (STORE_URL or STORE_DIR)
HAISI_PROGRESS = False  # print a live progress line (haisi crawl sets it)
HAISI_REDIS_IDLE_SECONDS = 5.0  # distributed mode: stop after the shared queue is empty this long
HAISI_COMTRADE_API_KEY = (
    ""  # "" = haisi settings comtrade_api_key; sent as Ocp-Apim-Subscription-Key
)
