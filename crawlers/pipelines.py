"""Item pipelines: validate and normalise page rows, then store them in batches with provenance.

Each Delta append is one commit (~0.1 s), so pages are buffered and written together: one append
per table per batch, in a worker thread (never on the reactor). A page whose content hash is
already stored is skipped whole, so a resumed or repeated crawl stores nothing twice; a page's
incremental state (ETag, Last-Modified, hash) is saved only after its rows are committed.
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Any

import pandas as pd
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

from crawlers.feeds.base import conform
from crawlers.items import PageItem
from crawlers.middlewares import record_bad
from crawlers.storage import ops_from, warehouse_from
from warehouse import Provenance
from warehouse.schemas import spec

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

__all__ = ["ValidatePipeline", "WarehousePipeline", "normalise"]

_PERIOD = re.compile(r"^(19|20)\d\d(-(0[1-9]|1[0-2])|Q[1-4])?$")
_CODES = ("reporter", "partner", "origin", "destination")


def normalise(table: str, df: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Rows in schema order with trimmed text, upper-case codes, float values; drop invalid rows.

    Returns the valid rows and how many were dropped (null required column, bad period).
    """
    t = spec(table)
    out = conform(table, df)
    for c in t.columns:
        if str(c.type) == "string":
            out[c.name] = out[c.name].map(lambda v: v.strip() if isinstance(v, str) else v)
        elif str(c.type) == "double":
            out[c.name] = pd.to_numeric(out[c.name], errors="coerce").astype(float)
    for name in _CODES:
        if name in out:
            out[name] = out[name].map(lambda v: v.upper() if isinstance(v, str) else v)
    ok = pd.Series(True, index=out.index)
    for c in t.columns:
        if not c.nullable:
            ok &= out[c.name].notna()
    if "period" in out:
        ok &= out["period"].astype(str).str.match(_PERIOD)
    good = out[ok].drop_duplicates(subset=list(t.key), keep="last")
    return good.reset_index(drop=True), len(out) - len(good)


class ValidatePipeline:
    """Check every table's rows against its schema; invalid rows are counted, never stored."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawler)

    def process_item(self, item: PageItem) -> PageItem:
        spider = self.crawler.spider
        rows = {}
        for table, df in (item.get("rows") or {}).items():
            good, bad = normalise(table, df)
            if bad:
                spider.crawler.stats.inc_value("haisi/invalid_rows", bad)
                record_bad(spider, item["url"], f"invalid_rows:{table}")
            if len(good):
                rows[table] = good
        item["rows"] = rows
        return item


class WarehousePipeline:
    """Buffer pages; write one append per table per batch; then save the pages' crawl state."""

    def __init__(self, crawler: Crawler) -> None:
        s = crawler.settings
        self.crawler = crawler
        self.stats = crawler.stats
        self.batch_pages = s.getint("HAISI_BATCH_PAGES")
        self.batch_seconds = s.getfloat("HAISI_BATCH_SECONDS")
        self.wh = warehouse_from(s)
        self.ops = ops_from(s)
        self.buffer: list[PageItem] = []
        self.last_flush = time.monotonic()
        self.stored_hashes: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarehousePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        """Load the page hashes already stored for this source (documents hold one row per page)."""
        if self.wh.exists("documents"):
            src = self.crawler.spider.source_id.replace("'", "''")
            tbl = self.wh.sql(f"select distinct content_hash from documents__all where source_id = '{src}'")
            self.stored_hashes = set(tbl.column("content_hash").to_pylist())

    async def process_item(self, item: PageItem) -> PageItem:
        if item["content_hash"] in self.stored_hashes:
            self.stats.inc_value("haisi/pages_already_stored")
            return item
        self.stored_hashes.add(item["content_hash"])
        self.buffer.append(item)
        due = time.monotonic() - self.last_flush >= self.batch_seconds
        if len(self.buffer) >= self.batch_pages or due:
            await self._flush_async()
        return item

    async def close_spider(self) -> None:
        await self._flush_async()

    async def _flush_async(self) -> None:
        pages, self.buffer = self.buffer, []
        self.last_flush = time.monotonic()
        await maybe_deferred_to_future(deferToThread(self.flush, pages))

    def flush(self, pages: list[PageItem]) -> None:
        """Store ``pages`` (rows with per-row provenance), then mark them crawled in OpsDB."""
        if not pages:
            return
        tables: dict[str, list[pd.DataFrame]] = {}
        for p in pages:
            for table, df in p["rows"].items():
                tables.setdefault(table, []).append(df.assign(
                    source_id=p["source_id"], source_uri=p["url"],
                    source_revision=p.get("source_revision"), content_hash=p["content_hash"]))
        for table, frames in tables.items():
            for chunk in _no_key_clash(table, frames):
                res = self.wh.append(table, chunk, provenance=_batch_provenance(chunk))
                self.stats.inc_value(f"haisi/rows_stored/{table}", res.rows_stored)
                self.stats.inc_value(f"haisi/revisions/{table}", res.revisions)
        for p in pages:
            self.ops.save_page_state(p["url"], etag=p.get("etag"), last_modified=p.get("last_modified"),
                                     content_hash=p["content_hash"])
        self.stats.inc_value("haisi/pages_stored", len(pages))


def _batch_provenance(df: pd.DataFrame) -> Provenance:
    first = df.iloc[0]
    return Provenance(source_id=first.source_id, source_uri=first.source_uri,
                      content_hash=first.content_hash, source_revision=first.source_revision)


def _no_key_clash(table: str, frames: list[pd.DataFrame]) -> list[pd.DataFrame]:
    """Concatenate page frames in order, starting a new chunk when a business key repeats.

    Two releases of one figure (preliminary, then corrected) in one batch become two appends,
    so the later one is stored as a revision of the earlier.
    """
    key = list(spec(table).key)
    chunks: list[pd.DataFrame] = []
    current: list[pd.DataFrame] = []
    seen: set[tuple] = set()
    for df in frames:
        keys = set(map(tuple, df[key].astype(str).to_numpy().tolist()))
        if keys & seen:
            chunks.append(pd.concat(current, ignore_index=True))
            current, seen = [], set()
        current.append(df)
        seen |= keys
    if current:
        chunks.append(pd.concat(current, ignore_index=True))
    return chunks
