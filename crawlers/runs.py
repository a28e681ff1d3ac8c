"""Crawl runs in OpsDB (start, end, pages, items, errors per reason) and a live progress line."""

from __future__ import annotations

import json
import sys
import time
import uuid
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from haisi.crawlers.storage import ops_from
from scrapy import signals

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

__all__ = ["CrawlRunRecorder", "errors_of", "run_status", "exit_code", "STORE_FAILURES"]

#: Scrapy stat counting failed warehouse writes; any makes the run "failed".
STORE_FAILURES = "haisi/store_failures"
_EXIT = {"finished": 0, "failed": 1, "interrupted": 130}  # 130 = 128 + SIGINT, as shells report


def errors_of(stats: dict) -> dict[str, int]:
    """Bad-page counts per reason from Scrapy stats (``haisi/bad/<reason>``)."""
    return {
        k.removeprefix("haisi/bad/"): int(v) for k, v in stats.items() if k.startswith("haisi/bad/")
    }


def run_status(reason: str, stats: dict) -> str:
    """OpsDB status of a run: interrupted (SIGINT), failed (a store write failed, or an
    abnormal close reason) or finished."""
    if reason == "shutdown":
        return "interrupted"
    if stats.get(STORE_FAILURES) or reason != "finished":
        return "failed"
    return "finished"


def exit_code(statuses: list[str]) -> int:
    """The process exit code for these run statuses: 130 if interrupted, 1 if failed, else 0."""
    return max((_EXIT[s] for s in statuses), default=0)


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
        """Journal the run as running (the journal also replays dead runs and closes stale ones)."""
        self.run_id = f"{spider.name}-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"
        self.started_at = datetime.now(timezone.utc).isoformat()
        self.ops.open_journal()
        self.ops.start_crawl(self.run_id, spider.name, started_at=self.started_at)

    def tick(self, response: object, request: object, spider: Spider) -> None:
        now = time.monotonic()
        if self.progress and now - self.last_print >= 1.0:
            self.last_print = now
            s = self.crawler.stats.get_stats()
            sys.stderr.write(
                f"\r{spider.name}: 页面 pages {s.get('response_received_count', 0)}  "
                f"条目 items {s.get('item_scraped_count', 0)}  "
                f"错误 errors {sum(errors_of(s).values())}   "
            )
            sys.stderr.flush()

    def closed(self, spider: Spider, reason: str) -> None:
        """Journal the run's true status and store it (the journal keeps it if the DB is busy)."""
        s = self.crawler.stats.get_stats()
        status = run_status(reason, s)
        self.crawler.stats.set_value("haisi/run_status", status)
        self.ops.finish_crawl(
            self.run_id,
            spider=spider.name,
            started_at=self.started_at,
            status=status,
            pages=int(s.get("response_received_count", 0)),
            items=int(s.get("item_scraped_count", 0)),
            errors=errors_of(s),
        )
        if not self.ops.close_journal():
            spider.logger.error(
                "运维库繁忙，运行记录保存在日志中，下次启动时写入 ops database busy: run %s "
                "kept in %s and stored at the next start",
                self.run_id,
                self.ops.journal_dir,
            )
        bad = s.get("haisi/bad_pages") or []
        if bad:
            spider.logger.info("bad pages 问题页面: %s", json.dumps(bad[:50], ensure_ascii=False))
