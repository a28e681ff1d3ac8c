"""The warehouse: table schemas, versioned Delta storage, DuckDB reads, operational SQLite."""

from haisi.warehouse.schemas import TABLES, Column, TableSpec, spec
from haisi.warehouse.store import (
    DatasetInfo,
    Provenance,
    Warehouse,
    WarehouseError,
    WarehouseUnavailable,
    WriteResult,
)

__all__ = [
    "TABLES",
    "Column",
    "TableSpec",
    "spec",
    "DatasetInfo",
    "Provenance",
    "Warehouse",
    "WarehouseError",
    "WarehouseUnavailable",
    "WriteResult",
]
