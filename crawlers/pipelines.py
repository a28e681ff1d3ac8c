"""Item pipelines: validate and normalise page rows, then store them in batches with provenance.

Each Delta append is one commit (~0.1 s), so pages are buffered and written together: one append
per table per batch, in a worker thread (never on the reactor). A page whose content hash is
already stored is skipped whole, so a resumed or repeated crawl stores nothing twice; a page's
incremental state (ETag, Last-Modified, hash) is saved only after its rows are committed.
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING

import pandas as pd
from haisi.crawlers.feeds.base import conform
from haisi.crawlers.items import PageItem
from haisi.crawlers.middlewares import record_bad
from haisi.crawlers.runs import STORE_FAILURES
from haisi.crawlers.storage import PageStates, ops_from, warehouse_from
from haisi.warehouse import Provenance
from haisi.warehouse.ops import OpsUnavailable
from haisi.warehouse.schemas import spec
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet.threads import deferToThread

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

__all__ = ["ValidatePipeline", "WarehousePipeline", "normalise"]

_PERIOD = re.compile(r"^(19|20)\d\d(-(0[1-9]|1[0-2])|Q[1-4])?$")
_CODES = ("reporter", "partner", "origin", "destination")
_PROVENANCE = ("source_id", "source_uri", "source_revision", "content_hash")


def normalise(table: str, df: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """Rows in schema order with trimmed text, upper-case codes, float values; drop invalid rows.

    Provenance columns in ``df`` are kept. Returns the valid rows and a mask of the dropped ones
    (null required column, bad period, a key repeated within one page: the last one wins).
    """
    t = spec(table)
    out = conform(table, df)
    prov = [c for c in _PROVENANCE if c in df.columns]
    out[prov] = df[prov].to_numpy()
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
    page = list(t.key) + (["source_uri"] if "source_uri" in out else [])
    ok &= ~out.duplicated(subset=page, keep="last")
    return out[ok].reset_index(drop=True), ~ok


class ValidatePipeline:
    """Check each page's tables against the schemas: known table, no unknown columns.

    Row-level checks and normalisation (:func:`normalise`) run once per batch in the storage
    thread, where pandas works on all the batch's rows at once.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawler)

    def process_item(self, item: PageItem) -> PageItem:
        rows = {}
        for table, df in (item.get("rows") or {}).items():
            unknown = set(df.columns) - set(spec(table).domain_names)
            if unknown:
                record_bad(self.crawler.spider, item["url"], f"unknown_columns:{table}")
                continue
            if len(df):
                rows[table] = df
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
        self.states = PageStates(ops_from(s))
        self.buffer: list[PageItem] = []
        self.last_flush = time.monotonic()
        self.stored_hashes: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarehousePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        """Load the page hashes already stored for this source (documents hold one row per page)."""
        if self.wh.exists("documents"):
            tbl = self.wh.scan(
                "documents",
                revisions="all",
                columns=["content_hash"],
                distinct=True,
                filters={"source_id": self.crawler.spider.source_id},
            )
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
        try:
            await maybe_deferred_to_future(deferToThread(self.flush, pages))
        except Exception as e:  # a failed store write fails the run: counted, reported, stopped
            self.stats.inc_value(STORE_FAILURES)
            if not self.stats.get_value("haisi/store_error"):
                first_line = f"{type(e).__name__}: {e}".splitlines()[0]
                self.stats.set_value("haisi/store_error", first_line)
            spider = self.crawler.spider
            spider.logger.error(
                "入库失败 store write failed (%d page(s) not stored): %s", len(pages), e
            )
            engine = self.crawler.engine
            if engine is not None and engine.running:  # not awaited: closing waits for this item
                deferred_from_coro(engine.close_spider_async(reason="store_failed"))

    def flush(self, pages: list[PageItem]) -> None:
        """Store ``pages`` (rows with per-row provenance), then mark them crawled in OpsDB."""
        if not pages:
            return
        tables: dict[str, list[pd.DataFrame]] = {}
        for p in pages:
            for table, df in p["rows"].items():
                tables.setdefault(table, []).append(
                    df.assign(
                        source_id=p["source_id"],
                        source_uri=p["url"],
                        source_revision=p.get("source_revision"),
                        content_hash=p["content_hash"],
                    )
                )
        for table, frames in tables.items():
            good = self._valid(table, pd.concat(frames, ignore_index=True))
            pages_rows = [g for _, g in good.groupby("source_uri", sort=False)]
            for chunk in _no_key_clash(table, pages_rows):
                res = self.wh.append(table, chunk, provenance=_batch_provenance(chunk))
                self.stats.inc_value(f"haisi/rows_stored/{table}", res.rows_stored)
                self.stats.inc_value(f"haisi/revisions/{table}", res.revisions)
        self.stats.inc_value("haisi/pages_stored", len(pages))
        try:
            self.states.save(
                [
                    (p["url"], p.get("etag"), p.get("last_modified"), p["content_hash"])
                    for p in pages
                ]
            )
        except OpsUnavailable as e:  # rows are stored; only the next conditional GET is lost
            self.stats.inc_value("haisi/state_not_saved", len(pages))
            self.crawler.spider.logger.warning("抓取状态未保存 crawl state not saved: %s", e)

    def _valid(self, table: str, df: pd.DataFrame) -> pd.DataFrame:
        """Normalised rows of a batch; invalid rows are counted under their page's URL."""
        good, bad = normalise(table, df)
        if bad.any():
            self.stats.inc_value("haisi/invalid_rows", int(bad.sum()))
            for url in df.source_uri[bad].unique():
                record_bad(self.crawler.spider, url, f"invalid_rows:{table}")
        return good


def _batch_provenance(df: pd.DataFrame) -> Provenance:
    first = df.iloc[0]
    return Provenance(
        source_id=first.source_id,
        source_uri=first.source_uri,
        content_hash=first.content_hash,
        source_revision=first.source_revision,
    )


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
