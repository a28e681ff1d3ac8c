"""Where a crawl writes: the warehouse and OpsDB named by Scrapy settings, else haisi settings."""

from __future__ import annotations

from typing import Any

from warehouse import Warehouse
from warehouse.ops import OpsDB

__all__ = ["ops_from", "warehouse_from"]


def ops_from(settings: Any) -> OpsDB:
    """OpsDB at ``HAISI_OPS_DB`` or, when unset, at haisi settings' ops_db."""
    path = settings.get("HAISI_OPS_DB")
    return OpsDB(path) if path else OpsDB.from_settings()


def warehouse_from(settings: Any) -> Warehouse:
    """Warehouse at ``HAISI_STORE_DIR`` or, when unset, at haisi settings' store_dir."""
    path = settings.get("HAISI_STORE_DIR")
    return Warehouse(path) if path else Warehouse.from_settings()
