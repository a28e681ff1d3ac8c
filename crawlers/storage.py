"""Where a crawl writes: the warehouse and OpsDB named by Scrapy settings, else haisi settings."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from haisi.warehouse import Warehouse
from haisi.warehouse.ops import PAGE_STATE_SELECT, PAGE_STATE_UPSERT, OpsDB

__all__ = ["PageStates", "ops_from", "warehouse_from"]


def ops_from(settings: Any) -> OpsDB:
    """OpsDB at ``HAISI_OPS_DB`` (SQLite path or postgresql:// URL), else haisi settings'."""
    from haisi.settings import get_settings

    target = settings.get("HAISI_OPS_DB")
    hs = get_settings()
    if not target:
        return OpsDB.from_settings(hs)
    return OpsDB(target, retry_s=hs.ops_db_retry_seconds, journal_root=hs.data_dir / "ops-journal")


def warehouse_from(settings: Any) -> Warehouse:
    """Warehouse at ``HAISI_STORE_DIR`` or, when unset, the one haisi settings name
    (STORE_URL or STORE_DIR)."""
    return Warehouse.at(settings.get("HAISI_STORE_DIR"))


class PageStates:
    """Incremental state (OpsDB crawl_state) over one long-lived connection, written in batches.

    A crawl asks once per page, so it reads over the storage thread's own connection; writes
    retry a busy database like every other ops write.
    """

    def __init__(self, ops: OpsDB) -> None:
        self.ops = ops

    def get(self, url: str) -> tuple[str | None, str | None, str] | None:
        """(etag, last_modified, content_hash) last seen for ``url``, or None."""
        rows = self.ops.backend.fetchall(self.ops.connection(), PAGE_STATE_SELECT, (url,))
        if not rows:
            return None
        return rows[0]["etag"], rows[0]["last_modified"], rows[0]["content_hash"]

    def save(self, rows: list[tuple[str, str | None, str | None, str]]) -> None:
        """Upsert (url, etag, last_modified, content_hash) rows in one transaction."""
        now = datetime.now(timezone.utc).isoformat()

        def write() -> None:
            with self.ops.backend.transaction() as con:
                self.ops.backend.executemany(con, PAGE_STATE_UPSERT, [(*r, now) for r in rows])

        self.ops.retry(write, "saving crawl state")
