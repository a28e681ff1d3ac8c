"""Crawl runs in OpsDB (start, end, pages, items, errors per reason) and a live progress line."""

from __future__ import annotations

import json
import sqlite3
import sys
import time
import uuid
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from scrapy import signals

from haisi.crawlers.storage import ops_from

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

__all__ = ["CrawlRunRecorder", "errors_of", "run_status"]

_STATUS = {"finished": "finished", "shutdown": "interrupted"}


def errors_of(stats: dict) -> dict[str, int]:
    """Bad-page counts per reason from Scrapy stats (``haisi/bad/<reason>``)."""
    return {k.removeprefix("haisi/bad/"): int(v) for k, v in stats.items() if k.startswith("haisi/bad/")}


def run_status(reason: str) -> str:
    """OpsDB status for a Scrapy close reason: finished, interrupted or failed."""
    return _STATUS.get(reason, "failed")


class CrawlRunRecorder:
    """Records each spider run in OpsDB crawl_runs; prints progress when HAISI_PROGRESS is set."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.ops = ops_from(crawler.settings)
        self.progress = crawler.settings.getbool("HAISI_PROGRESS")
        self.run_id = ""
        self.started_at: str | None = None
        self.last_print = 0.0
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)
        crawler.signals.connect(self.tick, signal=signals.response_received)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlRunRecorder:
        return cls(crawler)

    def opened(self, spider: Spider) -> None:
        self.run_id = f"{spider.name}-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"
        self.started_at = datetime.now(timezone.utc).isoformat()
        try:
            self.ops.start_crawl(self.run_id, spider.name)
        except sqlite3.OperationalError as e:  # recorded whole when the run closes
            spider.logger.warning("crawl run start not recorded yet 运行记录暂未写入: %s", e)

    def tick(self, response: object, request: object, spider: Spider) -> None:
        now = time.monotonic()
        if self.progress and now - self.last_print >= 1.0:
            self.last_print = now
            s = self.crawler.stats.get_stats()
            sys.stderr.write(f"\r{spider.name}: 页面 pages {s.get('response_received_count', 0)}  "
                             f"条目 items {s.get('item_scraped_count', 0)}  "
                             f"错误 errors {sum(errors_of(s).values())}   ")
            sys.stderr.flush()

    def closed(self, spider: Spider, reason: str) -> None:
        s = self.crawler.stats.get_stats()
        self.ops.finish_crawl(self.run_id, spider=spider.name, started_at=self.started_at,
                              status=run_status(reason),
                              pages=int(s.get("response_received_count", 0)),
                              items=int(s.get("item_scraped_count", 0)), errors=errors_of(s))
        bad = s.get("haisi/bad_pages") or []
        if bad:
            spider.logger.info("bad pages 问题页面: %s", json.dumps(bad[:50], ensure_ascii=False))
