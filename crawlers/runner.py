"""Run spiders in this process (``haisi crawl``): settings from arguments, then a summary."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["CrawlSummary", "crawl_settings", "run_crawl"]


@dataclass
class CrawlSummary:
    """What one spider did in this run."""

    spider: str
    pages: int
    items: int
    rows_stored: dict[str, int]
    errors: dict[str, int]
    finish_reason: str
    status: str = "finished"  # finished, interrupted or failed (as recorded in OpsDB)
    store_error: str = ""  # the first failed warehouse write, if any


def crawl_settings(
    *,
    mirror: str | None = None,
    redis_url: str | None = None,
    run_id: str = "run",
    jobdir: Path | None = None,
    store_dir: Path | str | None = None,
    ops_db: Path | str | None = None,
    progress: bool = False,
    overrides: dict[str, str] | None = None,
) -> Any:
    """Scrapy Settings from crawlers.settings, haisi settings and command-line choices."""
    from scrapy.utils.project import get_project_settings

    from haisi.settings import get_settings

    hs = get_settings()
    s = get_project_settings()
    s.setmodule("haisi.crawlers.settings", priority="project")
    s.set("HAISI_STORE_DIR", str(store_dir) if store_dir else "", priority="cmdline")
    s.set("HAISI_OPS_DB", str(ops_db or hs.ops_db_url or hs.ops_db), priority="cmdline")
    s.set("HAISI_COMTRADE_API_KEY", hs.comtrade_api_key or "", priority="cmdline")
    s.set("HAISI_PROGRESS", progress, priority="cmdline")
    if mirror:
        s.set("HAISI_BASE_URL", mirror, priority="cmdline")
    redis_url = redis_url or hs.redis_url
    if redis_url:
        from haisi.crawlers.distributed import redis_settings

        for k, v in redis_settings(redis_url, run_id).items():
            s.set(k, v, priority="cmdline")
    elif jobdir:
        s.set("JOBDIR", str(jobdir), priority="cmdline")
    for k, v in (overrides or {}).items():
        s.set(k, v, priority="cmdline")
    return s


def run_crawl(
    spiders: list[str], settings: Any, spider_args: dict[str, str] | None = None
) -> list[CrawlSummary]:
    """Run ``spiders`` one after another in one reactor; return each one's summary."""
    from haisi.crawlers.runs import errors_of, run_status
    from scrapy.crawler import CrawlerProcess
    from twisted.internet import defer

    process = CrawlerProcess(settings)
    crawlers = []

    @defer.inlineCallbacks
    def sequence():  # type: ignore[no-untyped-def]
        for name in spiders:
            crawler = process.create_crawler(name)
            if settings.get("JOBDIR"):
                crawler.settings.set(
                    "JOBDIR", str(Path(settings["JOBDIR"]) / name), priority="cmdline"
                )
            crawlers.append(crawler)
            yield process.crawl(crawler, **(spider_args or {}))
            if crawler.stats.get_value("finish_reason") == "shutdown":
                break  # Ctrl-C: the spiders after this one do not start

    sequence()
    process.start()
    out = []
    for c in crawlers:
        st = c.stats.get_stats()
        out.append(
            CrawlSummary(
                spider=c.spider.name if c.spider else "?",
                pages=int(st.get("response_received_count", 0)),
                items=int(st.get("item_scraped_count", 0)),
                rows_stored={
                    k.removeprefix("haisi/rows_stored/"): int(v)
                    for k, v in st.items()
                    if k.startswith("haisi/rows_stored/")
                },
                errors=errors_of(st),
                finish_reason=str(st.get("finish_reason", "")),
                status=run_status(str(st.get("finish_reason", "")), st),
                store_error=str(st.get("haisi/store_error", "")),
            )
        )
    return out
