"""The read path: DuckDB views over the Delta tables (latest revision per key, or all
revisions), at a table version or "as of" a time; scans, read-only SQL and the catalogue."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import duckdb
import pyarrow as pa
from haisi.warehouse.filters import Filters, check_columns, compile_filters
from haisi.warehouse.schemas import spec, table_names
from haisi.warehouse.tables import Tables
from haisi.warehouse.tables import quote as _q
from haisi.warehouse.tables import utc as _utc

__all__ = ["DatasetInfo", "connect", "datasets", "scan", "sql"]


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


def scan(
    tables: Tables,
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
    """Rows of ``table`` at a version or time; latest revision per key unless ``all``.

    ``as_of`` reads the table as it stood at that time (rows ingested later are invisible).
    ``filters`` / ``any_of`` select rows (see :mod:`haisi.warehouse.filters`: values are
    bound as parameters); ``order_by`` names columns, ``-name`` for descending. Every column
    named is checked against the table's schema (InvalidInput if unknown).
    """
    t = spec(table)
    cols = check_columns(t, columns or [])
    order = [(o[1:], " DESC") if o.startswith("-") else (o, "") for o in order_by]
    check_columns(t, [name for name, _ in order])
    cond, params = compile_filters(t, filters, any_of)
    query = (f"SELECT {'DISTINCT ' if distinct else ''}"
             f"{', '.join(_q(c) for c in cols) if cols else '*'} "
             f"FROM {_q(table if revisions == 'latest' else table + '__all')} WHERE {cond}")
    if order:
        query += " ORDER BY " + ", ".join(_q(name) + d for name, d in order)
    if limit is not None:
        query += " LIMIT ? OFFSET ?"
        params += [int(limit), int(offset)]
    versions = {table: version} if version is not None else None
    return sql(tables, query, versions=versions, as_of=as_of, params=params)


def connect(
    tables: Tables, *, versions: Mapping[str, int | None] | None = None,
    as_of: datetime | None = None, only: Sequence[str] | None = None,
) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with a view per table (latest revisions) and ``<table>__all``.

    ``only`` limits the views to those tables: each one opened costs a read of its Delta
    log, which on object storage is a few requests.
    """
    con = duckdb.connect()
    versions = dict(versions or {})
    for name in table_names() if only is None else [n for n in table_names() if n in only]:
        t = spec(name)
        dt = tables.snapshot(name, versions.get(name), as_of)
        if dt is None:
            empty = t.schema.empty_table()
            con.register(f"{name}__all", empty)
        else:
            con.register(f"{name}__raw", dt.to_pyarrow_dataset())
            cond = ""
            if as_of is not None:
                cond = f" WHERE ingested_at <= TIMESTAMPTZ '{_utc(as_of).isoformat()}'"
            con.execute(
                f"CREATE VIEW {_q(name + '__all')} AS SELECT * FROM {_q(name + '__raw')}{cond}")
        con.execute(
            f"CREATE VIEW {_q(name)} AS SELECT * EXCLUDE (_rn) FROM ("
            f"SELECT *, row_number() OVER (PARTITION BY key_hash "
            f"ORDER BY ingested_at DESC, batch_id DESC) AS _rn FROM {_q(name + '__all')}) "
            f"WHERE _rn = 1"
        )
    return con


def sql(
    tables: Tables,
    query: str,
    *,
    versions: Mapping[str, int | None] | None = None,
    as_of: datetime | None = None,
    params: Sequence[Any] | None = None,
) -> pa.Table:
    """Run a read-only DuckDB query over the tables (see :func:`connect`).

    Only the tables the query names are opened.
    """
    named = [n for n in table_names() if re.search(rf"\b{n}(?:__all)?\b", query)]
    con = connect(tables, versions=versions, as_of=as_of, only=named)
    try:
        return con.sql(query, params=params or None).to_arrow_table()
    finally:
        con.close()


def datasets(tables: Tables) -> list[DatasetInfo]:
    """Every table with version, rows, distinct keys, period coverage and sources."""
    out = []
    con = connect(tables)
    try:
        for name in table_names():
            t = spec(name)
            v = tables.version(name)
            has_period = "period" in t.domain_names
            per = "min(period), max(period)" if has_period else "NULL, NULL"
            rows, keys, pmin, pmax, upd = con.sql(
                f"SELECT count(*), count(DISTINCT key_hash), {per}, max(ingested_at) "
                f"FROM {_q(name + '__all')}"
            ).fetchall()[0]
            srcs = [r[0] for r in con.sql(
                f"SELECT DISTINCT source_id FROM {_q(name + '__all')} ORDER BY 1"
            ).fetchall()]
            out.append(DatasetInfo(
                name, t.title_zh, t.title_en, t.kind, v, tables.dataset_version(name, v),
                rows, keys, pmin, pmax, srcs, upd.isoformat() if upd else None,
            ))
    finally:
        con.close()
    return out
