"""Table state shared by the write and read paths: where each Delta table is, its handle at a
version or time, its versions and commit history, and the warehouse's two errors."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from deltalake import DeltaTable
from deltalake.exceptions import TableNotFoundError
from haisi.warehouse.classification import RESTRICTED
from haisi.warehouse.location import Location
from haisi.warehouse.reads import touch
from haisi.warehouse.schemas import spec

from haisi.errors import InvalidInput, NotFound, Unavailable

__all__ = ["Tables", "WarehouseError", "WarehouseUnavailable", "UNKNOWN", "quote", "utc"]

UNKNOWN = object()  # what ``known_version`` answers when only a log read can tell


class WarehouseError(InvalidInput):
    """Data that does not fit a table: the message names the table, column and row."""


class WarehouseUnavailable(Unavailable):
    """The store cannot be reached or read (object storage down, credentials refused)."""

    def __init__(self, message: str) -> None:
        super().__init__(f"数据仓库暂时无法访问 Warehouse unavailable: {message}")


class Tables:
    """All tables under one root: ``<root>/<table>/`` is a Delta table.

    ``root`` is a local folder or ``s3://bucket/prefix`` on any S3-compatible store;
    ``storage_options`` (endpoint, region, credentials) are deltalake's, for object storage.
    """

    def __init__(self, root: Path | str, storage_options: Mapping[str, str] | None = None) -> None:
        self.location = Location.parse(root, storage_options)
        self.root = self.location.root
        self._versions: dict[str, tuple[int, int | None]] = {}  # table -> (log mtime, version)
        self._logs: dict[str, str] = {}  # table -> its local _delta_log folder
        self.clearance = RESTRICTED  # what reads see; batch jobs and the CLI see every row

    def table_uri(self, table: str) -> str:
        """Folder or object-store URI of ``table`` (a Delta table); every access to a table
        goes through here, so it is where a recorded read is noted (``reads.recording``)."""
        spec(table)
        touch(self, table)
        return self.location.table_uri(table)

    def delta_table(self, table: str) -> DeltaTable:
        """The deltalake handle of ``table`` at its current version."""
        try:
            return DeltaTable(self.table_uri(table), storage_options=self.location.delta_options)
        except OSError as e:
            raise WarehouseUnavailable(self.location.explain(e)) from e

    def open(self, table: str) -> DeltaTable | None:
        """``table``'s handle, or None if it was never written: one log read, no separate
        existence check (each is a round trip on object storage)."""
        try:
            return self.delta_table(table)
        except TableNotFoundError:
            return None

    def exists(self, table: str) -> bool:
        try:
            return DeltaTable.is_deltatable(self.table_uri(table), self.location.delta_options)
        except OSError as e:
            raise WarehouseUnavailable(self.location.explain(e)) from e

    def present(self) -> list[str]:
        """The tables this store holds (a Delta log under ``<root>/<table>/``)."""
        from haisi.warehouse.schemas import TABLES

        if self.location.is_local and not Path(self.root).is_dir():
            return []
        return [name for name in TABLES if self.exists(name)]

    def require_store(self) -> list[str]:
        """:meth:`present`, or NotFound naming the root: a misspelled store is not an empty one."""
        names = self.present()
        if not names:
            what = (
                "does not exist"
                if self.location.is_local and not Path(self.root).exists()
                else "holds no haisi tables"
            )
            raise NotFound(
                f"没有数据仓库 no warehouse at {self.location.describe()}: the location "
                f"{what} (misspelled --store or HAISI_STORE_DIR? `haisi ingest` or "
                "`haisi demo` creates one)"
            )
        return names

    def version(self, table: str) -> int | None:
        """Current Delta version of ``table``; None if it was never written.

        In a local folder the answer is reused while the table's ``_delta_log`` folder is
        unchanged (one stat instead of a log read: every commit adds a file there). It is only
        reused if the folder had been unchanged for 50 ms when it was read, so two commits within
        one tick of the file-system clock cannot hide the second.
        """
        touch(self, table)
        if not self.location.is_local:
            dt = self.open(table)
            return None if dt is None else dt.version()
        changed = self._log_changed(table)
        hit = self._versions.get(table)
        if hit is not None and changed is not None and hit[0] == changed:
            return hit[1]
        dt = self.open(table)
        v = None if dt is None else dt.version()
        if changed is not None and time.time_ns() - changed > 50_000_000:
            self._versions[table] = (changed, v)
        return v

    def known_version(self, table: str) -> int | None | object:
        """:meth:`version` when one ``stat`` answers it (a local table with no log, or whose log
        is unchanged since it was last read), else :data:`UNKNOWN`: never a log read, so it may
        run on an event loop."""
        if not self.location.is_local:
            return UNKNOWN
        changed = self._log_changed(table)
        if changed is None:
            return None
        hit = self._versions.get(table)
        return hit[1] if hit is not None and hit[0] == changed else UNKNOWN

    def _log_changed(self, table: str) -> int | None:
        """When ``table``'s ``_delta_log`` folder last changed (ns); None if there is none."""
        log = self._logs.get(table)
        if log is None:
            spec(table)
            log = self._logs[table] = os.path.join(self.location.table_uri(table), "_delta_log")
        try:
            return os.stat(log).st_mtime_ns
        except FileNotFoundError:
            return None

    def dataset_version(self, table: str, version: int | None = None) -> str | None:
        """A citable id that gives the same rows again, e.g. ``trade_flows@v3``."""
        v = self.version(table) if version is None else version
        return None if v is None else f"{table}@v{v}"

    def history(self, table: str) -> list[dict]:
        """Commits of ``table``, newest first, with haisi's own metadata (rows, source)."""
        dt = self.open(table)
        if dt is None:
            return []
        out = []
        for h in dt.history():
            meta = h.get("haisi")
            out.append(
                {
                    "version": h.get("version"),
                    "timestamp": h.get("timestamp"),
                    "operation": h.get("operation"),
                    **(json.loads(meta) if isinstance(meta, str) else {}),
                }
            )
        return out

    def snapshot(
        self, table: str, version: int | None = None, as_of: datetime | None = None
    ) -> DeltaTable | None:
        """``table`` at a version or time; None if it was never written."""
        dt = self.open(table)
        if dt is None:
            return None
        if version is not None:
            if version < 0 or version > dt.version():
                raise WarehouseError(
                    f"{table}: no version {version} (versions 0..{dt.version()} exist)"
                )
            dt.load_as_version(version)
        elif as_of is not None:
            dt.load_as_version(utc(as_of))
        return dt


def utc(t: datetime) -> datetime:
    """``t`` with UTC assumed when it carries no zone."""
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def quote(name: str) -> str:
    """``name`` as a quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'
