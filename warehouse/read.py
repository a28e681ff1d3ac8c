"""The read path: DuckDB views over the Delta tables (latest revision per key, or all
revisions), at a table version or "as of" a time; scans, read-only SQL and the catalogue."""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import duckdb
import pyarrow as pa
from deltalake import DeltaTable
from haisi.warehouse import reads
from haisi.warehouse.classification import PUBLIC, RESTRICTED, strictest
from haisi.warehouse.disclosure import Suppression, publishable
from haisi.warehouse.filters import Filters, check_columns, compile_filters
from haisi.warehouse.schemas import spec, table_names
from haisi.warehouse.tables import Tables
from haisi.warehouse.tables import quote as _q
from haisi.warehouse.tables import utc as _utc

__all__ = [
    "DatasetInfo",
    "connect",
    "controlled",
    "datasets",
    "disclosure",
    "inherited",
    "scan",
    "source_classes",
    "sql",
]


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
    query = (
        f"SELECT {'DISTINCT ' if distinct else ''}"
        f"{', '.join(_q(c) for c in cols) if cols else '*'} "
        f"FROM {_q(table if revisions == 'latest' else table + '__all')} WHERE {cond}"
    )
    if order:
        query += " ORDER BY " + ", ".join(_q(name) + d for name, d in order)
    if limit is not None:
        query += " LIMIT ? OFFSET ?"
        params += [int(limit), int(offset)]
    versions = {table: version} if version is not None else None
    return sql(tables, query, versions=versions, as_of=as_of, params=params)


def connect(
    tables: Tables,
    *,
    versions: Mapping[str, int | None] | None = None,
    as_of: datetime | None = None,
    only: Sequence[str] | None = None,
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
            conds = []
            if as_of is not None:
                conds.append(f"ingested_at <= TIMESTAMPTZ '{_utc(as_of).isoformat()}'")
            if tables.clearance == PUBLIC:  # restricted rows only after disclosure control
                conds.append(f"classification = '{PUBLIC}'")
            cond = f" WHERE {' AND '.join(conds)}" if conds else ""
            body = f"SELECT * FROM {_q(name + '__raw')}{cond}"
            if tables.clearance == PUBLIC and t.extra.get("disclosure"):
                con.register(f"{name}__sdc", controlled(tables, name, dt, as_of)[0])
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
    reads.use(tables, named)
    con = connect(tables, versions=versions, as_of=as_of, only=named)
    try:
        return con.sql(query, params=params or None).to_arrow_table()
    finally:
        con.close()


def datasets(tables: Tables, only: Sequence[str] | None = None) -> list[DatasetInfo]:
    """Every table (or those in ``only``) with version, rows, distinct keys, period coverage
    and sources."""
    out = []
    con = connect(tables, only=only)
    try:
        for name in table_names() if only is None else [n for n in table_names() if n in only]:
            t = spec(name)
            v = tables.version(name)
            has_period = "period" in t.domain_names
            per = "min(period), max(period)" if has_period else "NULL, NULL"
            rows, keys, pmin, pmax, upd = con.sql(
                f"SELECT count(*), count(DISTINCT key_hash), {per}, max(ingested_at) "
                f"FROM {_q(name + '__all')}"
            ).fetchall()[0]
            srcs = [
                r[0]
                for r in con.sql(
                    f"SELECT DISTINCT source_id FROM {_q(name + '__all')} ORDER BY 1"
                ).fetchall()
            ]
            stored = (
                strictest(
                    r[0]
                    for r in con.sql(
                        f"SELECT DISTINCT classification FROM {_q(name + '__raw')}"
                    ).fetchall()
                )
                if v is not None
                else PUBLIC
            )
            out.append(
                DatasetInfo(
                    name,
                    t.title_zh,
                    t.title_en,
                    t.kind,
                    v,
                    tables.dataset_version(name, v),
                    rows,
                    keys,
                    pmin,
                    pmax,
                    srcs,
                    upd.isoformat() if upd else None,
                    stored,
                    _access(tables, t, stored),
                )
            )
    finally:
        con.close()
    return out


# ---- classification -----------------------------------------------------------------------
_SDC_CACHE: dict[tuple, tuple[pa.Table, Suppression]] = {}
_SDC_LOCK = threading.Lock()


def controlled(
    tables: Tables, table: str, dt: DeltaTable, as_of: datetime | None
) -> tuple[pa.Table, Suppression]:
    """The latest restricted cells of ``table`` that pass disclosure control, as public rows,
    and what was suppressed; cached per table version (and as-of time)."""
    key = (tables.location.table_uri(table), dt.version(), as_of)
    with _SDC_LOCK:
        if key in _SDC_CACHE:
            return _SDC_CACHE[key]
    cond = "" if as_of is None else f" AND ingested_at <= TIMESTAMPTZ '{_utc(as_of).isoformat()}'"
    con = duckdb.connect()
    try:
        con.register("raw", dt.to_pyarrow_dataset())
        rows = con.sql(
            "SELECT * EXCLUDE (_rn) FROM (SELECT *, row_number() OVER (PARTITION BY key_hash "
            "ORDER BY ingested_at DESC, batch_id DESC) AS _rn FROM raw "
            f"WHERE classification <> '{PUBLIC}'{cond}) WHERE _rn = 1"
        ).to_arrow_table()
    finally:
        con.close()
    result = publishable(rows, spec(table).extra["disclosure"], PUBLIC)
    with _SDC_LOCK:
        if len(_SDC_CACHE) > 32:
            _SDC_CACHE.clear()
        _SDC_CACHE[key] = result
    return result


def disclosure(tables: Tables, table: str) -> Suppression | None:
    """What disclosure control withholds of ``table``'s current version from public callers
    (None when the table holds no restricted cells under control)."""
    dt = tables.open(table)
    if dt is None or not spec(table).extra.get("disclosure"):
        return None
    summary = controlled(tables, table, dt, None)[1]
    return summary if summary.cells else None


def inherited() -> str:
    """The class of rows derived in the open derivation: the strictest class among the rows of
    every table it read, through the views it read them by (a public view yields public rows
    only). Restricted outside a derivation: nothing says what the rows came from."""
    scope = reads.current_derivation()
    if scope is None:
        return RESTRICTED
    classes: set[str] = set()
    for view, names in scope.used():
        if view.clearance == PUBLIC:
            classes.add(PUBLIC)
            continue
        con = connect(view, only=sorted(names))
        try:
            for name in sorted(names):
                found = con.sql(f"SELECT DISTINCT classification FROM {_q(name + '__all')}")
                classes.update(r[0] for r in found.fetchall())
        finally:
            con.close()
    return strictest(classes)


def source_classes(tables: Tables) -> dict[str, dict[str, set[str]]]:
    """Source id → table → the classes of that source's rows visible to ``tables``."""
    out: dict[str, dict[str, set[str]]] = {}
    for name in table_names():
        if tables.open(name) is None:
            continue
        found = sql(tables, f"SELECT DISTINCT source_id, classification FROM {_q(name + '__all')}")
        for sid, cls in zip(found.column(0).to_pylist(), found.column(1).to_pylist()):
            out.setdefault(sid, {}).setdefault(name, set()).add(cls)
    return out


def _access(tables: Tables, t, stored: str) -> str:
    """How ``tables`` serves a table whose strictest stored class is ``stored``."""
    if tables.clearance == RESTRICTED or stored == PUBLIC:
        return "full"
    return "disclosure-controlled" if t.extra.get("disclosure") else "restricted-withheld"
