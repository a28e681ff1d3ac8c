"""The storage of record: Delta Lake tables (local disk or S3-compatible object storage),
queried in-process with DuckDB.

``Warehouse`` is the one handle the rest of the code uses; it holds the table state
(:mod:`tables`) and hands writes to :mod:`write` and reads to :mod:`read`.
Every write is one Delta commit (atomic: a crash leaves the previous version).
Rows are never updated in place: a revised figure is appended as a new row with
the same ``key_hash``; readers see the latest revision per key unless they ask
for all revisions, and can read any earlier table version or "as of" a time.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, cast

import duckdb
import pandas as pd
import pyarrow as pa
from haisi.warehouse import read, reads, write
from haisi.warehouse.classification import CLASSES
from haisi.warehouse.disclosure import Suppression
from haisi.warehouse.filters import Filters
from haisi.warehouse.read import DatasetInfo
from haisi.warehouse.schemas import table_names
from haisi.warehouse.tables import Tables, WarehouseError, WarehouseUnavailable
from haisi.warehouse.write import Provenance, WriteResult

__all__ = [
    "DatasetInfo",
    "Provenance",
    "Warehouse",
    "WarehouseError",
    "WarehouseUnavailable",
    "WriteResult",
]


class Warehouse(Tables):
    """All tables under one root: ``<root>/<table>/`` is a Delta table.

    ``root`` is a local folder or ``s3://bucket/prefix`` on any S3-compatible store;
    ``storage_options`` (endpoint, region, credentials) are deltalake's, for object storage.
    """

    def __init__(self, root: Path | str, storage_options: Mapping[str, str] | None = None) -> None:
        super().__init__(root, storage_options)
        self._lock = threading.Lock()

    def cleared(self, clearance: str) -> Warehouse:
        """This store as a caller with ``clearance`` sees it: at ``public``, restricted rows are
        left out, except restricted cells that pass disclosure control (see :func:`read.connect`).

        Every read through the returned view is filtered; derived rows take the strictest class
        of what their derivation read (see :meth:`derivation`).
        """
        if clearance not in CLASSES:
            raise WarehouseError(f"unknown clearance {clearance!r}; classes: {', '.join(CLASSES)}")
        view = copy.copy(self)  # shares the location and the write lock
        view.clearance = clearance
        return view

    @staticmethod
    @contextmanager
    def derivation() -> Iterator[reads.ReadScope]:
        """The read scope of one derived write: derived rows written inside the block inherit the
        strictest class of the tables read inside it (through any view), and of nothing read
        before or elsewhere. Per thread or task; a nested scope passes its reads outwards.
        Derived rows written outside any scope are restricted (see :mod:`derivation`)."""
        with reads.derivation() as scope:
            yield scope

    @property
    def cache_id(self) -> str:
        """What an in-process cache of results read through this view must be keyed by."""
        return f"{self.root}#{self.clearance}"

    @classmethod
    def from_settings(cls, settings: Any = None) -> Warehouse:
        """The warehouse the settings name: STORE_URL (object storage) if set, else STORE_DIR."""
        from haisi.settings import get_settings

        s = settings or get_settings()
        # store_dir is filled by the settings' validator when unset
        return cls(cast("str | Path", s.store_url or s.store_dir), s.store_options)

    @classmethod
    def at(cls, location: Path | str | None, settings: Any = None) -> Warehouse:
        """The warehouse at ``location`` (a folder or ``s3://`` URI, with the settings' store
        options), or the settings' own when ``location`` is None or empty (``--store``)."""
        from haisi.settings import get_settings

        s = settings or get_settings()
        return cls(location, s.store_options) if location else cls.from_settings(s)

    # ---- writes (serialised in this process) ---------------------------------------------
    def append(
        self,
        table: str,
        data: pa.Table | pd.DataFrame,
        *,
        provenance: Provenance | None = None,
        dedupe: bool = True,
    ) -> WriteResult:
        """Validate ``data`` and append it as one atomic commit (see :func:`write.append`)."""
        with self._lock:
            return write.append(
                self,
                table,
                data,
                provenance=provenance,
                dedupe=dedupe,
                inherited=read.inherited,
            )

    def compact(self, table: str, *, target_mb: int = 256) -> tuple[int, int, int | None]:
        """Merge ``table``'s small data files into a new version (see :func:`write.compact`)."""
        with self._lock:
            return write.compact(self, table, target_mb=target_mb)

    # ---- reads ------------------------------------------------------------------------
    def scan(
        self,
        table: str,
        *,
        version: int | None = None,
        as_of: datetime | None = None,
        revisions: Literal["latest", "all"] = "latest",
        filters: Filters | None = None,
        any_of: Sequence[Filters] | None = None,
        columns: Sequence[str] | None = None,
        distinct: bool = False,
        order_by: Sequence[str] = (),
        limit: int | None = None,
        offset: int = 0,
    ) -> pa.Table:
        """Rows of ``table`` at a version or time, under parameterised filters
        (see :func:`read.scan`)."""
        return read.scan(
            self,
            table,
            version=version,
            as_of=as_of,
            revisions=revisions,
            filters=filters,
            any_of=any_of,
            columns=columns,
            distinct=distinct,
            order_by=order_by,
            limit=limit,
            offset=offset,
        )

    def connect(
        self,
        *,
        versions: Mapping[str, int | None] | None = None,
        as_of: datetime | None = None,
        tables: Sequence[str] | None = None,
    ) -> duckdb.DuckDBPyConnection:
        """A DuckDB connection with a view per table (see :func:`read.connect`); a derivation
        counts every table it opens as read."""
        reads.use(self, table_names() if tables is None else list(tables))
        return read.connect(self, versions=versions, as_of=as_of, only=tables)

    def sql(
        self,
        query: str,
        *,
        versions: Mapping[str, int | None] | None = None,
        as_of: datetime | None = None,
        params: Sequence[Any] | None = None,
    ) -> pa.Table:
        """Run a read-only DuckDB query over the tables (see :func:`read.sql`)."""
        return read.sql(self, query, versions=versions, as_of=as_of, params=params)

    def datasets(self, only: Sequence[str] | None = None) -> list[DatasetInfo]:
        """Every table (or those in ``only``) with version, rows, keys, period coverage and
        sources (the catalogue)."""
        return read.datasets(self, only)

    def disclosure(self, table: str) -> Suppression | None:
        """What disclosure control withholds from public callers (see :func:`read.disclosure`)."""
        return read.disclosure(self, table)

    def source_classes(self) -> dict[str, dict[str, set[str]]]:
        """Source → table → classes of its rows in this view (see :func:`read.source_classes`)."""
        return read.source_classes(self)
