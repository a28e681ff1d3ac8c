"""The storage of record: Delta Lake tables (local disk or S3-compatible object storage),
queried in-process with DuckDB.

Every write is one Delta commit (atomic: a crash leaves the previous version).
Rows are never updated in place: a revised figure is appended as a new row with
the same ``key_hash``; readers see the latest revision per key unless they ask
for all revisions, and can read any earlier table version or "as of" a time.
"""

from __future__ import annotations

import copy
import json
import os
import re
import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from deltalake import CommitProperties, DeltaTable
from deltalake.exceptions import TableNotFoundError
from deltalake.transaction import AddAction

from haisi.warehouse.classification import (
    CLASSES, DERIVED_SOURCES, PUBLIC, RESTRICTED, classify, strictest,
)
from haisi.warehouse.disclosure import Suppression, suppress
from haisi.warehouse.location import Location
from haisi.warehouse.schemas import PROVENANCE, TableSpec, spec

__all__ = ["Provenance", "WriteResult", "Warehouse", "WarehouseError", "WarehouseUnavailable",
           "DatasetInfo"]

_PROV_NAMES = [c.name for c in PROVENANCE]
_SEP = "chr(31)"
_FILE_ROWS = 1_000_000  # rows per Parquet file (files are written in parallel)
_SDC_CACHE: dict[tuple, tuple[pa.Table, Suppression]] = {}
_SDC_LOCK = threading.Lock()


class WarehouseError(ValueError):
    """Data that does not fit a table: the message names the table, column and row."""


class WarehouseUnavailable(WarehouseError):
    """The store cannot be reached or read (object storage down, credentials refused)."""


@dataclass(frozen=True)
class Provenance:
    """Where a batch of rows came from; fills the provenance columns rows do not carry."""

    source_id: str
    source_uri: str
    content_hash: str
    source_revision: str | None = None
    ingested_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    classification: str | None = None  # None: from the source registry, or inherited if derived


@dataclass(frozen=True)
class WriteResult:
    """What one append did: rows offered, rows stored (new or revised), the table version after."""

    table: str
    rows_in: int
    rows_stored: int
    rows_unchanged: int
    revisions: int
    version: int | None

    @property
    def dataset_version(self) -> str | None:
        return None if self.version is None else f"{self.table}@v{self.version}"


@dataclass(frozen=True)
class DatasetInfo:
    """A table as the catalogue shows it."""

    name: str
    title_zh: str
    title_en: str
    kind: str
    version: int | None
    dataset_version: str | None
    rows: int
    keys: int
    period_min: str | None
    period_max: str | None
    sources: list[str]
    updated_at: str | None
    classification: str = PUBLIC  # the strictest class among the stored rows
    access: str = "full"  # full | disclosure-controlled | restricted-withheld, for this view


class Warehouse:
    """All tables under one root: ``<root>/<table>/`` is a Delta table.

    ``root`` is a local folder or ``s3://bucket/prefix`` on any S3-compatible store;
    ``storage_options`` (endpoint, region, credentials) are deltalake's, for object storage.
    """

    def __init__(self, root: Path | str, storage_options: Mapping[str, str] | None = None) -> None:
        self.location = Location.parse(root, storage_options)
        self.root = self.location.root
        self._lock = threading.Lock()
        self.clearance = RESTRICTED  # batch jobs and the CLI see every row
        self._read: set[str] = set()

    def cleared(self, clearance: str) -> "Warehouse":
        """This store as a caller with ``clearance`` sees it: at ``public``, restricted rows are
        left out, except restricted cells that pass disclosure control (see :meth:`connect`).

        Every read through the returned view is filtered; rows it writes into derived tables
        take the strictest class of the tables it read.
        """
        if clearance not in CLASSES:
            raise WarehouseError(f"unknown clearance {clearance!r}; classes: {', '.join(CLASSES)}")
        view = copy.copy(self)  # shares the location and the write lock
        view.clearance, view._read = clearance, set()
        return view

    @property
    def cache_id(self) -> str:
        """What an in-process cache of results read through this view must be keyed by."""
        return f"{self.root}#{self.clearance}"

    @classmethod
    def from_settings(cls, settings: Any = None) -> "Warehouse":
        """The warehouse the settings name: STORE_URL (object storage) if set, else STORE_DIR."""
        from haisi.settings import get_settings

        s = settings or get_settings()
        return cls(s.store_url or s.store_dir, s.store_options)

    @classmethod
    def at(cls, location: Path | str | None, settings: Any = None) -> "Warehouse":
        """The warehouse at ``location`` (a folder or ``s3://`` URI, with the settings' store
        options), or the settings' own when ``location`` is None or empty: what ``--store`` means."""
        from haisi.settings import get_settings

        s = settings or get_settings()
        return cls(location, s.store_options) if location else cls.from_settings(s)

    # ---- table state -------------------------------------------------------------------
    def table_uri(self, table: str) -> str:
        """Folder or object-store URI of ``table`` (a Delta table)."""
        spec(table)
        return self.location.table_uri(table)

    def delta_table(self, table: str) -> DeltaTable:
        """The deltalake handle of ``table`` at its current version."""
        try:
            return DeltaTable(self.table_uri(table), storage_options=self.location.delta_options)
        except OSError as e:
            raise WarehouseUnavailable(self.location.explain(e)) from e

    def _open(self, table: str) -> DeltaTable | None:
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

    def version(self, table: str) -> int | None:
        """Current Delta version of ``table``; None if it was never written."""
        dt = self._open(table)
        return None if dt is None else dt.version()

    def dataset_version(self, table: str, version: int | None = None) -> str | None:
        """A citable id that gives the same rows again, e.g. ``trade_flows@v3``."""
        v = self.version(table) if version is None else version
        return None if v is None else f"{table}@v{v}"

    def history(self, table: str) -> list[dict]:
        """Commits of ``table``, newest first, with haisi's own metadata (rows, source)."""
        dt = self._open(table)
        if dt is None:
            return []
        out = []
        for h in dt.history():
            meta = h.get("haisi")
            out.append({
                "version": h.get("version"),
                "timestamp": h.get("timestamp"),
                "operation": h.get("operation"),
                **(json.loads(meta) if isinstance(meta, str) else {}),
            })
        return out

    def has_content(self, table: str, content_hash: str, source_id: str | None = None) -> bool:
        """True if a batch with this content hash (and source) was already ingested."""
        for h in self.history(table):
            if h.get("content_hash") == content_hash and (
                source_id is None or h.get("source_id") == source_id
            ):
                return True
        return False

    def _delta(self, table: str, version: int | None = None,
               as_of: datetime | None = None) -> DeltaTable | None:
        """``table`` at a version or time; None if it was never written."""
        dt = self._open(table)
        if dt is None:
            return None
        if version is not None:
            if version < 0 or version > dt.version():
                raise WarehouseError(
                    f"{table}: no version {version} (versions 0..{dt.version()} exist)"
                )
            dt.load_as_version(version)
        elif as_of is not None:
            dt.load_as_version(_utc(as_of))
        return dt

    # ---- writes -----------------------------------------------------------------------
    def append(
        self,
        table: str,
        data: pa.Table | pd.DataFrame,
        *,
        provenance: Provenance | None = None,
        dedupe: bool = True,
    ) -> WriteResult:
        """Validate ``data`` against the table schema and append it as one atomic commit.

        Rows identical to the current revision of their key are skipped (re-ingesting
        the same data adds nothing); rows whose values differ are stored as revisions.
        A duplicate key inside ``data`` is an error: the source must say one thing.
        """
        t = spec(table)
        tbl = _fill_provenance(t, _to_arrow(data), provenance, self._inherited)
        _check_columns(t, tbl)
        rows_in = tbl.num_rows
        with self._lock:
            con = duckdb.connect()
            try:
                typed = _typed_as_schema(t, tbl)
                if typed is not None:  # types already right: DuckDB computes the two hashes only
                    con.register("incoming", typed)
                    hashes = con.sql(_hash_sql(t, "incoming")).to_arrow_table()
                    hashed = pa.Table.from_arrays(
                        [*typed.columns, hashes.column("key_hash"), hashes.column("row_hash")],
                        names=[*typed.column_names, "key_hash", "row_hash"])
                else:
                    con.register("incoming", tbl)
                    try:
                        hashed = con.sql(_conform_and_hash_sql(t)).to_arrow_table()
                    except duckdb.ConversionException:
                        raise _conversion_error(t, con) from None
                _check_not_null(t, hashed)
                _check_unique_keys(t, con, hashed)
                stored, revisions = hashed, 0
                existing = self._open(table) if dedupe and rows_in else None
                if existing is not None:
                    con.register("hashed", hashed)
                    con.register("existing", existing.to_pyarrow_dataset())
                    con.execute(
                        "CREATE TEMP TABLE latest AS SELECT key_hash, "
                        "arg_max(row_hash, (ingested_at, batch_id)) AS row_hash FROM existing "
                        "WHERE key_hash IN (SELECT key_hash FROM hashed) GROUP BY key_hash"
                    )
                    stored = con.sql(
                        "SELECT h.* FROM hashed h LEFT JOIN latest l USING (key_hash) "
                        "WHERE l.row_hash IS NULL OR l.row_hash <> h.row_hash"
                    ).to_arrow_table()
                    revisions = con.sql(
                        "SELECT count(*) FROM hashed h JOIN latest l USING (key_hash) "
                        "WHERE l.row_hash <> h.row_hash"
                    ).fetchall()[0][0]
            finally:
                con.close()
            stored = _as_schema(stored, t.schema)
            if stored.num_rows == 0:
                return WriteResult(table, rows_in, 0, rows_in, 0, self.version(table))
            meta = {
                "rows": stored.num_rows,
                "revisions": int(revisions),
                "source_id": _first(stored, "source_id"),
                "content_hash": _first(stored, "content_hash"),
                "batch_id": _first(stored, "batch_id"),
            }
            version = self._commit(t, stored, meta)
            return WriteResult(
                table, rows_in, stored.num_rows, rows_in - stored.num_rows, int(revisions), version
            )

    def _commit(self, t: TableSpec, rows: pa.Table, meta: dict) -> int:
        """Write Parquet files with pyarrow, then add them in one Delta commit (atomic).

        Files written before a crash but never committed are invisible to readers.
        """
        fs, prefix = self.location.table_filesystem(t.name)
        if self._open(t.name) is None:
            DeltaTable.create(self.table_uri(t.name), t.schema, mode="ignore", name=t.name,
                              description=t.title_en, storage_options=self.location.delta_options)

        def write(start: int) -> AddAction:
            part = rows.slice(start, _FILE_ROWS)
            name = f"part-{uuid.uuid4().hex}.parquet"
            # no Arrow schema in the file: dictionary-encoded string columns read back as strings
            pq.write_table(part, prefix + name, compression="zstd", filesystem=fs,
                           store_schema=False)
            info = fs.get_file_info(prefix + name)
            mtime = info.mtime.timestamp() if info.mtime else datetime.now(timezone.utc).timestamp()
            return AddAction(
                path=name, size=info.size, partition_values={},
                modification_time=int(mtime * 1000), data_change=True,
                stats=json.dumps({"numRecords": part.num_rows}),
            )

        starts = range(0, rows.num_rows, _FILE_ROWS)
        with ThreadPoolExecutor(max_workers=min(len(starts), os.cpu_count() or 1) or 1) as pool:
            actions = list(pool.map(write, starts))  # pyarrow releases the GIL while encoding
        self.delta_table(t.name).create_write_transaction(
            actions, mode="append", schema=t.schema,
            commit_properties=CommitProperties(custom_metadata={"haisi": json.dumps(meta)}),
        )
        return self.delta_table(t.name).version()

    def compact(self, table: str, *, target_mb: int = 256) -> tuple[int, int, int | None]:
        """Rewrite ``table``'s data files into files of about ``target_mb`` (Delta OPTIMIZE).

        Many small appends (crawl batches) leave many small files, and every reader opens
        each one. The rows stay the same; the compacted files form a new version, and earlier
        versions stay readable. Returns (files before, files after, version after).
        """
        with self._lock:
            dt = self._open(table)
            if dt is None:
                return 0, 0, None
            before = len(dt.file_uris())
            if before > 1:
                dt.optimize.compact(target_size=target_mb << 20)
                dt = self.delta_table(table)
            return before, len(dt.file_uris()), dt.version()

    # ---- reads ------------------------------------------------------------------------
    def scan(
        self,
        table: str,
        *,
        version: int | None = None,
        as_of: datetime | None = None,
        revisions: Literal["latest", "all"] = "latest",
        where: str | None = None,
        columns: Sequence[str] | None = None,
    ) -> pa.Table:
        """Rows of ``table`` at a version or time; latest revision per key unless ``all``.

        ``as_of`` reads the table as it stood at that time (rows ingested later are
        invisible). ``where`` is a DuckDB SQL condition on the table's columns.
        """
        cols = ", ".join(_q(c) for c in columns) if columns else "*"
        sql = f"SELECT {cols} FROM {_q(table if revisions == 'latest' else table + '__all')}"
        if where:
            sql += f" WHERE {where}"
        return self.sql(sql, versions={table: version} if version is not None else None, as_of=as_of)

    def connect(
        self, *, versions: Mapping[str, int | None] | None = None, as_of: datetime | None = None,
        tables: Sequence[str] | None = None,
    ) -> duckdb.DuckDBPyConnection:
        """A DuckDB connection with a view per table (latest revisions) and ``<table>__all``.

        ``tables`` limits the views to those tables: each one opened costs a read of its Delta
        log, which on object storage is a few requests.
        """
        con = duckdb.connect()
        versions = dict(versions or {})
        for name in spec_names() if tables is None else [n for n in spec_names() if n in tables]:
            t = spec(name)
            dt = self._delta(name, versions.get(name), as_of)
            if dt is None:
                empty = t.schema.empty_table()
                con.register(f"{name}__all", empty)
            else:
                con.register(f"{name}__raw", dt.to_pyarrow_dataset())
                conds = []
                if as_of is not None:
                    conds.append(f"ingested_at <= TIMESTAMPTZ '{_utc(as_of).isoformat()}'")
                if self.clearance == PUBLIC:
                    conds.append(f"classification = '{PUBLIC}'")
                cond = f" WHERE {' AND '.join(conds)}" if conds else ""
                body = f"SELECT * FROM {_q(name + '__raw')}{cond}"
                if self.clearance == PUBLIC and t.extra.get("disclosure"):
                    con.register(f"{name}__sdc", self._controlled(name, dt, as_of)[0])
                    body += f" UNION ALL BY NAME SELECT * FROM {_q(name + '__sdc')}"
                con.execute(f"CREATE VIEW {_q(name + '__all')} AS {body}")
            con.execute(
                f"CREATE VIEW {_q(name)} AS SELECT * EXCLUDE (_rn) FROM ("
                f"SELECT *, row_number() OVER (PARTITION BY key_hash "
                f"ORDER BY ingested_at DESC, batch_id DESC) AS _rn FROM {_q(name + '__all')}) "
                f"WHERE _rn = 1"
            )
        return con

    def sql(
        self,
        query: str,
        *,
        versions: Mapping[str, int | None] | None = None,
        as_of: datetime | None = None,
        params: Sequence[Any] | None = None,
    ) -> pa.Table:
        """Run a read-only DuckDB query over the tables (see :meth:`connect`).

        Only the tables the query names are opened.
        """
        named = [n for n in spec_names() if re.search(rf"\b{n}(?:__all)?\b", query)]
        self._read.update(named)
        con = self.connect(versions=versions, as_of=as_of, tables=named)
        try:
            return con.sql(query, params=params or None).to_arrow_table()
        finally:
            con.close()

    # ---- classification ---------------------------------------------------------------
    def _controlled(self, table: str, dt: DeltaTable,
                    as_of: datetime | None) -> tuple[pa.Table, Suppression]:
        """The restricted cells of ``table`` that pass disclosure control, as public rows
        (contributor details blanked), and what was suppressed; cached per table version."""
        key = (self.location.table_uri(table), dt.version(), as_of)
        with _SDC_LOCK:
            if key in _SDC_CACHE:
                return _SDC_CACHE[key]
        t = spec(table)
        cond = "" if as_of is None else \
            f" AND ingested_at <= TIMESTAMPTZ '{_utc(as_of).isoformat()}'"
        con = duckdb.connect()
        try:
            con.register("raw", dt.to_pyarrow_dataset())
            rows = con.sql(
                "SELECT * EXCLUDE (_rn) FROM (SELECT *, row_number() OVER (PARTITION BY key_hash "
                "ORDER BY ingested_at DESC, batch_id DESC) AS _rn FROM raw "
                f"WHERE classification <> '{PUBLIC}'{cond}) WHERE _rn = 1").to_arrow_table()
        finally:
            con.close()
        margins = t.extra["disclosure"]
        need = sorted({c for m in margins for c in m} | {"value", "contributors", "top_share"})
        reason, summary = suppress(rows.select(need).to_pandas(), margins)
        kept = rows.filter(pa.array(reason.isna().to_numpy()))
        for col in ("contributors", "top_share"):
            i = kept.schema.get_field_index(col)
            kept = kept.set_column(i, kept.schema.field(i), pa.nulls(kept.num_rows, kept.schema.field(i).type))
        i = kept.schema.get_field_index("classification")
        kept = kept.set_column(i, kept.schema.field(i), pa.array([PUBLIC] * kept.num_rows, pa.string()))
        with _SDC_LOCK:
            if len(_SDC_CACHE) > 32:
                _SDC_CACHE.clear()
            _SDC_CACHE[key] = (kept, summary)
        return kept, summary

    def disclosure(self, table: str) -> Suppression | None:
        """What disclosure control suppresses from ``table``'s current version for public
        callers (None when the table has no restricted cells under control)."""
        dt = self._open(table)
        if dt is None or not spec(table).extra.get("disclosure"):
            return None
        summary = self._controlled(table, dt, None)[1]
        return summary if summary.cells else None

    def _inherited(self) -> str:
        """The class of rows derived from what this view read: the strictest class among the
        rows of every table it read (public for a public view: it sees public rows only)."""
        if self.clearance == PUBLIC:
            return PUBLIC
        classes: set[str] = set()
        for name in sorted(self._read):
            if self._open(name) is not None:
                found = self.sql(f"SELECT DISTINCT classification FROM {_q(name + '__all')}")
                classes.update(found.column(0).to_pylist())
        return strictest(classes)

    def source_classes(self) -> dict[str, dict[str, set[str]]]:
        """Source id → table → the classes of that source's rows visible in this view."""
        out: dict[str, dict[str, set[str]]] = {}
        for name in spec_names():
            if self._open(name) is None:
                continue
            found = self.sql(f"SELECT DISTINCT source_id, classification FROM {_q(name + '__all')}")
            for sid, cls in zip(found.column(0).to_pylist(), found.column(1).to_pylist()):
                out.setdefault(sid, {}).setdefault(name, set()).add(cls)
        return out

    def _access(self, t: TableSpec, stored: str) -> str:
        """How this view serves a table whose strictest stored class is ``stored``."""
        if self.clearance == RESTRICTED or stored == PUBLIC:
            return "full"
        return "disclosure-controlled" if t.extra.get("disclosure") else "restricted-withheld"

    def datasets(self) -> list[DatasetInfo]:
        """Every table with version, rows, distinct keys, period coverage and sources."""
        out = []
        con = self.connect()
        try:
            for name in spec_names():
                t = spec(name)
                v = self.version(name)
                has_period = "period" in t.domain_names
                per = "min(period), max(period)" if has_period else "NULL, NULL"
                rows, keys, pmin, pmax, upd = con.sql(
                    f"SELECT count(*), count(DISTINCT key_hash), {per}, max(ingested_at) "
                    f"FROM {_q(name + '__all')}"
                ).fetchall()[0]
                srcs = [r[0] for r in con.sql(
                    f"SELECT DISTINCT source_id FROM {_q(name + '__all')} ORDER BY 1"
                ).fetchall()]
                stored = strictest(r[0] for r in con.sql(
                    f"SELECT DISTINCT classification FROM {_q(name + '__raw')}").fetchall()
                ) if v is not None else PUBLIC
                out.append(DatasetInfo(
                    name, t.title_zh, t.title_en, t.kind, v, self.dataset_version(name, v),
                    rows, keys, pmin, pmax, srcs, upd.isoformat() if upd else None,
                    stored, self._access(t, stored),
                ))
        finally:
            con.close()
        return out


def spec_names() -> list[str]:
    from haisi.warehouse.schemas import TABLES

    return list(TABLES)


# ---- helpers ----------------------------------------------------------------------------
def _utc(t: datetime) -> datetime:
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _first(tbl: pa.Table, col: str) -> str | None:
    return tbl.column(col)[0].as_py() if tbl.num_rows else None


def _to_arrow(data: pa.Table | pd.DataFrame) -> pa.Table:
    if isinstance(data, pa.Table):
        return data
    if isinstance(data, pd.DataFrame):
        return pa.Table.from_pandas(data, preserve_index=False)
    raise TypeError(f"expected a pyarrow Table or pandas DataFrame, got {type(data).__name__}")


def _fill_provenance(t: TableSpec, tbl: pa.Table, prov: Provenance | None,
                     inherited: Callable[[], str]) -> pa.Table:
    n = tbl.num_rows
    for c in t.columns:
        if c.optional and c.name not in tbl.column_names:
            tbl = tbl.append_column(c.name, pa.nulls(n, c.type))
    if "classification" not in tbl.column_names:
        sid = prov.source_id if prov else None
        if prov and prov.classification:
            cls = _constant(prov.classification, pa.string(), n)
        elif t.kind == "derived" or sid in DERIVED_SOURCES:
            cls = _constant(inherited(), pa.string(), n)
        elif "source_id" in tbl.column_names:
            ids = tbl.column("source_id").to_pylist()
            cls = pa.array([classify(i) for i in ids], pa.string())
        else:
            cls = _constant(classify(sid), pa.string(), n)
        tbl = tbl.append_column("classification", cls)
    bad = set(tbl.column("classification").to_pylist()) - set(CLASSES)
    if bad:
        raise WarehouseError(f"{t.name}: column 'classification' holds {sorted(map(str, bad))}; "
                             f"classes: {', '.join(CLASSES)}")
    given = {
        "source_id": prov and prov.source_id,
        "source_uri": prov and prov.source_uri,
        "source_revision": prov and prov.source_revision,
        "content_hash": prov and prov.content_hash,
        "ingested_at": _utc(prov.ingested_at if prov else datetime.now(timezone.utc)),
        "batch_id": uuid.uuid4().hex,
    }
    for name, value in given.items():
        if name not in tbl.column_names:
            tbl = tbl.append_column(name, _constant(value, t.column(name).type, n))
    return tbl


def _constant(value: Any, type_: pa.DataType, n: int) -> pa.Array:
    """``n`` copies of ``value``; a string as one dictionary entry, not n copies of its bytes."""
    if value is None:
        return pa.nulls(n, type_)
    if type_ == pa.string():
        return pa.DictionaryArray.from_arrays(pa.nulls(n, pa.int32()).fill_null(0),
                                              pa.array([value], type_))
    return pa.repeat(pa.scalar(value, type_), n)


def _as_schema(tbl: pa.Table, schema: pa.Schema) -> pa.Table:
    """``tbl`` in ``schema``'s column order and types; dictionary-encoded columns of the right
    value type stay encoded (Parquet stores them the same; readers get the plain type)."""
    arrays = []
    for f in schema:
        col = tbl.column(f.name)
        keep = pa.types.is_dictionary(col.type) and col.type.value_type == f.type
        arrays.append(col if keep or col.type == f.type else col.cast(f.type))
    fields = [f.with_type(a.type) for f, a in zip(schema, arrays)]  # keeps NOT NULL
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields, metadata=schema.metadata))


def _check_columns(t: TableSpec, tbl: pa.Table) -> None:
    names = set(tbl.column_names) - {"key_hash", "row_hash"}
    wanted = [c.name for c in t.all_columns if c.name not in ("key_hash", "row_hash")]
    missing = [c for c in wanted if c not in names]
    if missing:
        raise WarehouseError(f"{t.name}: missing column(s) {', '.join(missing)}")
    unknown = sorted(names - set(wanted))
    if unknown:
        raise WarehouseError(f"{t.name}: unknown column(s) {', '.join(unknown)}")


_DUCK_TYPES = {pa.string(): "VARCHAR", pa.float64(): "DOUBLE", pa.int64(): "BIGINT",
               pa.binary(): "BLOB", pa.timestamp("us", tz="UTC"): "TIMESTAMPTZ"}


def _hash_exprs(t: TableSpec) -> str:
    """key_hash: MD5 of source id + key; row_hash: 64-bit hash of the domain values."""
    key = ", ".join(f"coalesce(CAST({_q(c)} AS VARCHAR), chr(0))" for c in ["source_id", *t.key])
    values = [c for c in t.domain_names if t.column(c).type != pa.binary()]
    return (f"unhex(md5(concat_ws({_SEP}, {key}))) AS key_hash, "
            f"(hash({', '.join(_q(c) for c in values)}) >> 1)::BIGINT AS row_hash")


def _conform_and_hash_sql(t: TableSpec, source: str = "incoming") -> str:
    """One pass: cast every column to its type and add key_hash and row_hash."""
    cols = [c for c in t.all_columns if c.name not in ("key_hash", "row_hash")]
    casts = ", ".join(f"CAST({_q(c.name)} AS {_DUCK_TYPES[c.type]}) AS {_q(c.name)}" for c in cols)
    return f"SELECT *, {_hash_exprs(t)} FROM (SELECT {casts} FROM {source})"


def _hash_sql(t: TableSpec, source: str) -> str:
    """Only the two hash columns, for input whose columns already have the table's types."""
    return f"SELECT {_hash_exprs(t)} FROM {source}"


_LARGE = {pa.string(): pa.large_string(), pa.binary(): pa.large_binary()}


def _typed_as_schema(t: TableSpec, tbl: pa.Table) -> pa.Table | None:
    """``tbl``'s columns in schema order if each already has (or losslessly decodes to) its type.

    Dictionary-encoded columns (pandas categoricals, constant provenance) stay encoded and
    all-null columns are typed; any other mismatch returns None, and the caller casts in
    DuckDB, which names a bad value's row.
    """
    arrays = []
    for c in t.all_columns:
        if c.name in ("key_hash", "row_hash"):
            continue
        col = tbl.column(c.name)
        if pa.types.is_dictionary(col.type) and col.type.value_type in (c.type, _LARGE.get(c.type)):
            if col.type.value_type != c.type:  # pandas 3 strings: cast the dictionary only
                col = col.cast(pa.dictionary(col.type.index_type, c.type))
            arrays.append(col)
            continue
        if pa.types.is_null(col.type):
            col = pa.nulls(len(col), c.type)
        elif col.type == _LARGE.get(c.type):
            col = col.cast(c.type)
        if col.type != c.type:
            return None
        arrays.append(col)
    names = [c.name for c in t.all_columns if c.name not in ("key_hash", "row_hash")]
    return pa.Table.from_arrays(arrays, names=names)


def _conversion_error(t: TableSpec, con: duckdb.DuckDBPyConnection) -> WarehouseError:
    """Find the first column and row whose value does not convert, for the error message."""
    for c in t.all_columns:
        if c.name in ("key_hash", "row_hash"):
            continue
        typ = _DUCK_TYPES[c.type]
        bad = con.sql(
            f"SELECT rn, v FROM (SELECT row_number() OVER () AS rn, {_q(c.name)} AS v FROM incoming) "
            f"WHERE v IS NOT NULL AND TRY_CAST(v AS {typ}) IS NULL LIMIT 1"
        ).fetchall()
        if bad:
            return WarehouseError(
                f"{t.name}: column {c.name!r} is not {c.type}: value {bad[0][1]!r} at row {bad[0][0]}"
            )
    return WarehouseError(f"{t.name}: a value does not convert to the table's types")


def _check_not_null(t: TableSpec, tbl: pa.Table) -> None:
    for c in t.all_columns:
        col = tbl.column(c.name)
        if not c.nullable and col.null_count:
            row = pc.index(pc.is_null(col), True).as_py()
            raise WarehouseError(f"{t.name}: column {c.name!r} is empty at row {row + 1}")


def _check_unique_keys(t: TableSpec, con: duckdb.DuckDBPyConnection, hashed: pa.Table) -> None:
    con.register("hashed_chk", hashed)
    n_dup = con.sql("SELECT count(*) - count(DISTINCT key_hash) FROM hashed_chk").fetchall()[0][0]
    if not n_dup:
        return
    rows = con.sql(
        f"SELECT rn, {', '.join(_q(k) for k in t.key)} FROM "
        "(SELECT *, row_number() OVER () AS rn, count(*) OVER (PARTITION BY key_hash) AS n "
        "FROM hashed_chk) WHERE n > 1 ORDER BY key_hash, rn LIMIT 2"
    ).fetchall()
    raise WarehouseError(
        f"{t.name}: {n_dup} duplicate key(s) in one batch, e.g. rows "
        f"{rows[0][0]} and {rows[1][0]} share key {dict(zip(t.key, rows[0][1:]))}"
    )
