"""Where a crawl writes: the warehouse and OpsDB named by Scrapy settings, else haisi settings."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from typing import Any

from haisi.warehouse import Warehouse
from haisi.warehouse.ops import PAGE_STATE_SELECT, PAGE_STATE_UPSERT, OpsDB

__all__ = ["PageStates", "ops_from", "warehouse_from"]


def ops_from(settings: Any) -> OpsDB:
    """OpsDB at ``HAISI_OPS_DB`` or, when unset, at haisi settings' ops_db."""
    path = settings.get("HAISI_OPS_DB")
    return OpsDB(path) if path else OpsDB.from_settings()


def warehouse_from(settings: Any) -> Warehouse:
    """Warehouse at ``HAISI_STORE_DIR`` or, when unset, the one haisi settings name (STORE_URL or STORE_DIR)."""
    return Warehouse.at(settings.get("HAISI_STORE_DIR"))


class PageStates:
    """Incremental state (OpsDB crawl_state) over one long-lived connection, written in batches.

    OpsDB opens a connection per call; a crawl asks once per page, so it keeps its own.
    """

    def __init__(self, ops: OpsDB) -> None:
        self.con = sqlite3.connect(ops.path, timeout=30, isolation_level=None, check_same_thread=False)
        self.con.execute("PRAGMA busy_timeout=30000")

    def get(self, url: str) -> tuple[str | None, str | None, str] | None:
        """(etag, last_modified, content_hash) last seen for ``url``, or None."""
        return self.con.execute(PAGE_STATE_SELECT, (url,)).fetchone()

    def save(self, rows: list[tuple[str, str | None, str | None, str]]) -> None:
        """Upsert (url, etag, last_modified, content_hash) rows in one transaction."""
        now = datetime.now(timezone.utc).isoformat()
        self.con.execute("BEGIN")
        self.con.executemany(PAGE_STATE_UPSERT, [(*r, now) for r in rows])
        self.con.execute("COMMIT")
