"""Distributed crawling: N worker processes share one Redis (scrapy-redis queue and dupefilter).

Every worker runs the same spider with the same ``run_id``; the first to schedule a request
wins it (the shared dupefilter drops the others' copies), so each page is fetched once. A worker
stops on its own once the shared queue has stayed empty for ``HAISI_REDIS_IDLE_SECONDS``.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

__all__ = ["RedisIdleStop", "redis_settings"]


def redis_settings(redis_url: str, run_id: str) -> dict[str, object]:
    """Scrapy settings for the shared scheduler: keys are per run, kept until the run is over."""
    return {
        "HAISI_REDIS_URL": redis_url,
        "REDIS_URL": redis_url,
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,  # one worker's exit must not wipe the others' queue
        "SCHEDULER_QUEUE_KEY": f"haisi:{run_id}:%(spider)s:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"haisi:{run_id}:%(spider)s:dupefilter",
        "EXTENSIONS": {
            "haisi.crawlers.runs.CrawlRunRecorder": 500,
            "haisi.crawlers.distributed.RedisIdleStop": 510,
            "scrapy.extensions.telnet.TelnetConsole": None,
        },
    }


class RedisIdleStop:
    """Keeps an idle worker alive while the shared queue may still fill;
    stops it after a quiet spell."""

    def __init__(self, crawler: Crawler, idle_seconds: float) -> None:
        self.crawler = crawler
        self.idle_seconds = idle_seconds
        self.empty_since: float | None = None
        crawler.signals.connect(self.idle, signal=signals.spider_idle)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisIdleStop:
        if not crawler.settings.get("HAISI_REDIS_URL"):
            raise NotConfigured
        return cls(crawler, crawler.settings.getfloat("HAISI_REDIS_IDLE_SECONDS"))

    def idle(self, spider: Spider) -> None:
        scheduler = self.crawler.engine._slot.scheduler
        if len(scheduler) > 0:
            self.empty_since = None
            raise DontCloseSpider
        now = time.monotonic()
        if self.empty_since is None:
            self.empty_since = now
        if now - self.empty_since < self.idle_seconds:
            raise DontCloseSpider
