"""The write path: validate a batch against its table, hash keys and values, skip what is
already stored, and add the rest as one atomic Delta commit; compaction of small files.

Rows are never updated in place: a revised figure is appended as a new row with the same
``key_hash``; the read path shows the latest revision per key.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from deltalake import DeltaTable
from haisi.warehouse.classification import (
    CLASSES,
    DERIVED_SOURCES,
    RESTRICTED,
    classify,
)
from haisi.warehouse.commit import Plan, commit_checked, storage_errors
from haisi.warehouse.schemas import TableSpec, spec
from haisi.warehouse.tables import Tables, WarehouseError
from haisi.warehouse.tables import quote as _q
from haisi.warehouse.tables import utc as _utc

__all__ = ["Provenance", "WriteResult", "append", "compact"]

_SEP = "chr(31)"


@dataclass(frozen=True)
class Provenance:
    """Where a batch of rows came from; fills the provenance columns rows do not carry."""

    source_id: str
    source_uri: str
    content_hash: str
    source_revision: str | None = None
    ingested_at: datetime = field(default_factory=lambda: datetime.now(UTC))
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
    seconds: dict[str, float] = field(default_factory=dict)  # stage → wall time (bench/ingest)

    @property
    def dataset_version(self) -> str | None:
        return None if self.version is None else f"{self.table}@v{self.version}"


def append(
    tables: Tables,
    table: str,
    data: pa.Table | pd.DataFrame,
    *,
    provenance: Provenance | None = None,
    dedupe: bool = True,
    inherited: Callable[[], str] = lambda: RESTRICTED,
) -> WriteResult:
    """Validate ``data`` against the table schema and append it as one atomic commit.

    Rows identical to the current revision of their key are skipped (re-ingesting
    the same data adds nothing); rows whose values differ are stored as revisions.
    A duplicate key inside ``data`` is an error: the source must say one thing.
    The caller serialises writers (see ``Warehouse.append``). Rows without a class get their
    source's; rows of a derived table get ``inherited()``, the strictest class their derivation
    read (``Warehouse.derivation``).
    """
    t = spec(table)
    seconds: dict[str, float] = {}
    start = time.perf_counter()
    tbl = _fill_provenance(t, _to_arrow(data), provenance, inherited)
    _check_columns(t, tbl)
    rows_in = tbl.num_rows
    con = duckdb.connect()
    try:
        hashed = _conform_and_hash(t, con, tbl)
        seconds["provenance + key/row hashes"] = time.perf_counter() - start
        start = time.perf_counter()
        _check_not_null(t, hashed)
        _check_unique_keys(t, con, hashed)
        seconds["not-null + unique-key checks"] = time.perf_counter() - start
    finally:
        con.close()

    def plan(existing: DeltaTable | None) -> Plan:
        """The rows to store against one table version: new keys and revised figures."""
        start, stored, revisions = time.perf_counter(), hashed, 0
        if existing is not None and dedupe and rows_in and existing.file_uris():  # rows to compare
            con = duckdb.connect()
            try:
                stored, revisions = _changed(con, hashed, existing)
            finally:
                con.close()
        stored = _as_schema(stored, t.schema)
        seconds["dedupe against the stored version"] = (
            seconds.get("dedupe against the stored version", 0.0) + time.perf_counter() - start
        )
        return (
            stored,
            revisions,
            {
                "rows": stored.num_rows,
                "revisions": revisions,
                "source_id": _first(stored, "source_id"),
                "content_hash": _first(stored, "content_hash"),
                "batch_id": _first(stored, "batch_id"),
            },
        )

    (stored, revisions, _), version = commit_checked(tables, t, plan, seconds)
    return WriteResult(
        table, rows_in, stored.num_rows, rows_in - stored.num_rows, revisions, version, seconds
    )


def _conform_and_hash(t: TableSpec, con: duckdb.DuckDBPyConnection, tbl: pa.Table) -> pa.Table:
    """``tbl`` in the table's types with ``key_hash`` and ``row_hash`` added."""
    typed = _typed_as_schema(t, tbl)
    if typed is not None:  # types already right: DuckDB computes the two hashes only
        con.register("incoming", typed)
        hashes = con.sql(_hash_sql(t, "incoming")).to_arrow_table()
        return pa.Table.from_arrays(
            [*typed.columns, _md5_bytes(hashes.column("key_hash")), hashes.column("row_hash")],
            names=[*typed.column_names, "key_hash", "row_hash"],
        )
    con.register("incoming", tbl)
    try:
        out = con.sql(_conform_and_hash_sql(t)).to_arrow_table()
    except duckdb.ConversionException:
        raise _conversion_error(t, con) from None
    i = out.schema.get_field_index("key_hash")
    return out.set_column(i, "key_hash", _md5_bytes(out.column(i)))


def _md5_bytes(numbers: pa.ChunkedArray) -> pa.ChunkedArray:
    """The 16 MD5 bytes of each key (as ``unhex(md5(…))`` gives them) from DuckDB's
    ``md5_number``, which skips writing and parsing 32 hex digits: its 128-bit integer arrives
    as a decimal128 whose buffer holds those bytes in that order."""
    chunks = [
        pa.Array.from_buffers(pa.binary(16), len(c), c.buffers()[:2], offset=c.offset)
        for c in numbers.chunks
    ]
    return pa.chunked_array(chunks, pa.binary(16)).cast(pa.binary())


def _changed(
    con: duckdb.DuckDBPyConnection, hashed: pa.Table, existing: DeltaTable
) -> tuple[pa.Table, int]:
    """Rows of ``hashed`` that are new or differ from their key's current revision, and how
    many of them are revisions (dedupe: re-ingesting the same data adds nothing)."""
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
    return stored, int(revisions)


def compact(tables: Tables, table: str, *, target_mb: int = 256) -> tuple[int, int, int | None]:
    """Rewrite ``table``'s data files into files of about ``target_mb`` (Delta OPTIMIZE).

    Many small appends (crawl batches) leave many small files, and every reader opens
    each one. The rows stay the same; the compacted files form a new version, and earlier
    versions stay readable. Returns (files before, files after, version after).
    """
    with storage_errors(tables, table):
        dt = tables.open(table)
        if dt is None:
            return 0, 0, None
        before = len(dt.file_uris())
        if before > 1:
            dt.optimize.compact(target_size=target_mb << 20)
            dt = tables.delta_table(table)
        return before, len(dt.file_uris()), dt.version()


# ---- helpers ----------------------------------------------------------------------------
def _first(tbl: pa.Table, col: str) -> str | None:
    return tbl.column(col)[0].as_py() if tbl.num_rows else None


def _to_arrow(data: pa.Table | pd.DataFrame) -> pa.Table:
    if isinstance(data, pa.Table):
        return data
    if isinstance(data, pd.DataFrame):
        return pa.Table.from_pandas(data, preserve_index=False)
    raise TypeError(f"expected a pyarrow Table or pandas DataFrame, got {type(data).__name__}")


def _fill_provenance(
    t: TableSpec,
    tbl: pa.Table,
    prov: Provenance | None,
    inherited: Callable[[], str] = lambda: RESTRICTED,
) -> pa.Table:
    n = tbl.num_rows
    for c in t.columns:
        if c.optional and c.name not in tbl.column_names:
            tbl = tbl.append_column(c.name, pa.nulls(n, c.type))
    if "classification" not in tbl.column_names:
        tbl = tbl.append_column("classification", _classes(t, tbl, prov, inherited))
    bad = set(pc.unique(tbl.column("classification")).to_pylist()) - set(CLASSES)
    if bad:
        raise WarehouseError(
            f"{t.name}: column 'classification' holds {sorted(map(str, bad))}; "
            f"classes: {', '.join(CLASSES)}"
        )
    given = {
        "source_id": prov and prov.source_id,
        "source_uri": prov and prov.source_uri,
        "source_revision": prov and prov.source_revision,
        "content_hash": prov and prov.content_hash,
        "ingested_at": _utc(prov.ingested_at if prov else datetime.now(UTC)),
        "batch_id": uuid.uuid4().hex,
    }
    for name, value in given.items():
        if name not in tbl.column_names:
            tbl = tbl.append_column(name, _constant(value, t.column(name).type, n))
    return tbl


def _classes(
    t: TableSpec, tbl: pa.Table, prov: Provenance | None, inherited: Callable[[], str]
) -> pa.Array:
    """Each row's class: the provenance's, inherited for derived rows, else its source's."""
    n, sid = tbl.num_rows, prov.source_id if prov else None
    if prov and prov.classification:
        return _constant(prov.classification, pa.string(), n)
    if t.kind == "derived" or sid in DERIVED_SOURCES:
        return _constant(inherited(), pa.string(), n)
    if "source_id" in tbl.column_names:
        ids = tbl.column("source_id").combine_chunks()
        uniq = pc.unique(ids)  # one lookup per distinct source
        found = pa.array([classify(i) for i in uniq.to_pylist()], pa.string())
        return pc.take(found, pc.index_in(ids, uniq))
    return _constant(classify(sid), pa.string(), n)


def _constant(value: Any, type_: pa.DataType, n: int) -> pa.Array:
    """``n`` copies of ``value``; a string as one dictionary entry, not n copies of its bytes."""
    if value is None:
        return pa.nulls(n, type_)
    if type_ == pa.string():
        return pa.DictionaryArray.from_arrays(
            pa.nulls(n, pa.int32()).fill_null(0), pa.array([value], type_)
        )
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


_DUCK_TYPES = {
    pa.string(): "VARCHAR",
    pa.float64(): "DOUBLE",
    pa.int64(): "BIGINT",
    pa.binary(): "BLOB",
    pa.timestamp("us", tz="UTC"): "TIMESTAMPTZ",
}


def _hash_exprs(t: TableSpec) -> str:
    """key_hash: MD5 of source id + key; row_hash: 64-bit hash of the domain values."""
    key = ", ".join(f"coalesce(CAST({_q(c)} AS VARCHAR), chr(0))" for c in ["source_id", *t.key])
    values = [c for c in t.domain_names if t.column(c).type != pa.binary()]
    return (
        f"md5_number(concat_ws({_SEP}, {key})) AS key_hash, "
        f"(hash({', '.join(_q(c) for c in values)}) >> 1)::BIGINT AS row_hash"
    )


def _conform_and_hash_sql(t: TableSpec, source: str = "incoming") -> str:
    """One pass: cast every column to its type and add key_hash and row_hash."""
    cols = [c for c in t.all_columns if c.name not in ("key_hash", "row_hash")]
    casts = ", ".join(f"CAST({_q(c.name)} AS {_DUCK_TYPES[c.type]}) AS {_q(c.name)}" for c in cols)
    return f"SELECT *, {_hash_exprs(t)} FROM (SELECT {casts} FROM {source})"


def _hash_sql(t: TableSpec, source: str) -> str:
    """Only the two hash columns, for input whose columns already have the table's types."""
    return f"SELECT {_hash_exprs(t)} FROM {source}"


_LARGE = {pa.string(): pa.large_string(), pa.binary(): pa.large_binary()}
_TEXT = (pa.string(), pa.large_string())


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
            f"SELECT rn, v FROM (SELECT row_number() OVER () AS rn, {_q(c.name)} AS v "
            "FROM incoming) "
            f"WHERE v IS NOT NULL AND TRY_CAST(v AS {typ}) IS NULL LIMIT 1"
        ).fetchall()
        if bad:
            return WarehouseError(
                f"{t.name}: column {c.name!r} is not {c.type}: "
                f"value {bad[0][1]!r} at row {bad[0][0]}"
            )
    return WarehouseError(f"{t.name}: a value does not convert to the table's types")


def _check_not_null(t: TableSpec, tbl: pa.Table) -> None:
    for c in t.all_columns:
        col = tbl.column(c.name)
        if not c.nullable and col.null_count:
            row = pc.index(pc.is_null(col), True).as_py()
            raise WarehouseError(f"{t.name}: column {c.name!r} is empty at row {row + 1}")


def _check_unique_keys(t: TableSpec, con: duckdb.DuckDBPyConnection, hashed: pa.Table) -> None:
    """A batch may hold each key once; the error names two rows that share one."""
    codes = _key_codes(t, hashed)
    if codes is not None and not _has_repeats(codes):
        return  # the common case, decided on small integers instead of 16-byte hashes
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


def _has_repeats(codes: np.ndarray) -> bool:
    """Whether any integer occurs twice (a sort: numpy's is vectorised, far faster than hashing)."""
    ordered = np.sort(codes)
    return bool((ordered[1:] == ordered[:-1]).any())


def _key_codes(t: TableSpec, tbl: pa.Table) -> np.ndarray | None:
    """One integer per row, equal for two rows exactly when their ``key_hash`` inputs are
    (source id and key); None unless every key column is dictionary-encoded text whose
    distinct values fit one int64 (then the caller counts distinct ``key_hash`` instead)."""
    combined, span = np.zeros(tbl.num_rows, np.int64), 1
    for name in ("source_id", *t.key):
        col = tbl.column(name)
        if not (pa.types.is_dictionary(col.type) and col.type.value_type in _TEXT):
            return None
        arr = col.combine_chunks()
        # null hashes as chr(0) (see _hash_exprs): one more dictionary entry, and the same value
        values = pa.concat_arrays(
            [
                pc.fill_null(arr.dictionary, "\x00").cast(pa.large_string()),
                pa.array(["\x00"], pa.large_string()),
            ]
        )
        uniq = pc.unique(values)
        remap = pc.index_in(values, uniq).to_numpy(zero_copy_only=False).astype(np.int64)
        if arr.null_count == 0 and len(set(remap[:-1])) == 1:
            continue  # one value in every row (a constant): it tells no rows apart
        idx = arr.indices.fill_null(len(arr.dictionary)).to_numpy(zero_copy_only=False)
        size = len(uniq)
        if span * size >= 1 << 62:
            return None
        combined += remap[idx] * span
        span *= size
    return combined
