"""Record-level customs declarations → the directed, valued edge table of the trade network.

One SQL text runs on both engines: DuckDB in-process (``edges_duckdb``) and Spark
(``edges_spark``). The two paths therefore share one definition and return the same rows.

Input columns (``trade_flows`` naming): ``period, reporter, partner, flow, hs_code, regime,
value``. ``flow`` is ``export``/``re_export`` (edge reporter → partner) or
``import``/``re_import`` (edge partner → reporter). Declarations are summed over regimes and
over the HS8 lines of each product group.

Output columns: ``period, flow, product, exporter, importer, value, records, contributors,
top_share``. ``product`` is ``TOTAL`` or the first ``n`` digits of the HS code, for each level
requested. ``records`` counts the declarations (rows) behind the edge; ``contributors`` the
enterprises behind it (the optional ``enterprise`` column, the declarant), or the declarations
when records carry no enterprise; ``top_share`` the largest contributor's share of the edge's
value. Both are what disclosure control needs (``haisi.warehouse.disclosure``: fewer than 3
contributors, or one holding ≥ 85 %, is confidential).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from haisi.errors import InvalidInput

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession

__all__ = [
    "RECORD_COLUMNS",
    "EDGE_COLUMNS",
    "ENTERPRISE",
    "edges_sql",
    "edges_duckdb",
    "edges_spark",
    "edges_to_pandas",
]

RECORD_COLUMNS = ("period", "reporter", "partner", "flow", "hs_code", "regime", "value")
EDGE_COLUMNS = (
    "period",
    "flow",
    "product",
    "exporter",
    "importer",
    "value",
    "records",
    "contributors",
    "top_share",
)
ENTERPRISE = "enterprise"  # optional record column: the declarant enterprise
_OUTWARD = ("export", "re_export")
_INWARD = ("import", "re_import")
_EDGE_ORDER = ["period", "flow", "product", "exporter", "importer"]


def _levels_ok(levels: Sequence[int]) -> list[int]:
    out = sorted(set(int(x) for x in levels))
    if not out or any(x not in (0, 2, 4, 6, 8) for x in out):
        raise InvalidInput(f"levels must be among 0 (TOTAL), 2, 4, 6, 8; got {list(levels)}")
    return out


def edges_sql(source: str, levels: Sequence[int] = (0, 2), *, enterprise: bool = False) -> str:
    """The aggregation as SQL over a relation ``source`` with the record columns (and the
    ``enterprise`` column when ``enterprise``).

    Valid in DuckDB and Spark SQL alike (``substr``, ``CASE``, ``UNION ALL``). Values are summed
    per contributor first (an enterprise, or each declaration), then per edge, so the largest
    contributor's share is its summed value over the edge's.
    """
    outward = ", ".join(f"'{f}'" for f in _OUTWARD)
    inward = ", ".join(f"'{f}'" for f in _INWARD)
    who = f"{ENTERPRISE}, " if enterprise else ""
    base = (
        f"SELECT period, flow, hs_code, value, {who}"
        f"CASE WHEN flow IN ({outward}) THEN reporter ELSE partner END AS exporter, "
        f"CASE WHEN flow IN ({outward}) THEN partner ELSE reporter END AS importer "
        f"FROM {source} WHERE flow IN ({outward}, {inward})"
    )
    keys = "period, flow, product, exporter, importer"
    parts = []
    for level in _levels_ok(levels):
        product = "'TOTAL'" if level == 0 else f"substr(hs_code, 1, {level})"
        cells = (  # one row per contributor of each edge
            f"SELECT period, flow, {product} AS product, exporter, importer, "
            f"sum(value) AS value, count(*) AS n FROM base "
            f"GROUP BY period, flow, {product}, exporter, importer, {ENTERPRISE}"
            if enterprise
            else f"SELECT period, flow, {product} AS product, exporter, importer, value, "
            f"1 AS n FROM base"
        )
        parts.append(
            f"SELECT {keys}, sum(value) AS value, sum(n) AS records, count(*) AS contributors, "
            f"CAST(max(value) AS DOUBLE) / nullif(CAST(sum(value) AS DOUBLE), 0) AS top_share "
            f"FROM ({cells}) c GROUP BY {keys}"
        )
    return f"WITH base AS ({base}) " + " UNION ALL ".join(parts)


def _bad_flow_sql(source: str) -> str:
    known = ", ".join(f"'{f}'" for f in (*_OUTWARD, *_INWARD))
    return (
        f"SELECT flow, count(*) AS n FROM {source} "
        f"WHERE flow IS NULL OR flow NOT IN ({known}) GROUP BY flow"
    )


def _check_columns(columns: Sequence[str], what: str) -> None:
    missing = [c for c in RECORD_COLUMNS if c not in columns]
    if missing:
        raise InvalidInput(
            f"{what}: missing record column(s) {missing}; need {list(RECORD_COLUMNS)}"
        )


def _raise_bad_flows(rows: list[tuple], what: str) -> None:
    if rows:
        detail = ", ".join(f"{flow!r} ×{n}" for flow, n in rows)
        raise InvalidInput(
            f"{what}: unknown flow value(s) {detail}; expected one of {list(_OUTWARD + _INWARD)}"
        )


def edges_to_pandas(frame: pd.DataFrame) -> pd.DataFrame:
    """Canonical order and dtypes of an edge table, so both engines' results compare equal."""
    out = frame.loc[:, list(EDGE_COLUMNS)].sort_values(_EDGE_ORDER, kind="stable")
    out = out.astype(
        {"value": "float64", "records": "int64", "contributors": "int64", "top_share": "float64"}
    )
    return out.reset_index(drop=True)


def edges_duckdb(
    records: "pd.DataFrame | pa.Table | str | Path",
    *,
    levels: Sequence[int] = (0, 2),
    threads: int | None = None,
) -> pd.DataFrame:
    """Aggregate with DuckDB: ``records`` is a frame, an Arrow table or Parquet path/glob."""
    import duckdb

    con = duckdb.connect()
    try:
        if threads:
            con.execute(f"SET threads = {int(threads)}")
        if isinstance(records, (str, Path)):
            con.read_parquet(str(records)).create_view("records")
            what = str(records)
        else:
            con.register("records", records)
            what = "records"
        columns = [r[0] for r in con.execute("DESCRIBE records").fetchall()]
        _check_columns(columns, what)
        _raise_bad_flows(con.execute(_bad_flow_sql("records")).fetchall(), what)
        sql = edges_sql("records", levels, enterprise=ENTERPRISE in columns)
        return edges_to_pandas(con.sql(sql).df())
    finally:
        con.close()


def edges_spark(
    spark: "SparkSession",
    records: "DataFrame | pd.DataFrame | str | Path | list[str]",
    *,
    levels: Sequence[int] = (0, 2),
) -> "DataFrame":
    """Aggregate with Spark; ``records`` is a Spark or pandas frame or Parquet path(s).

    Returns a lazy Spark DataFrame; :func:`edges_to_pandas` on ``.toPandas()`` collects it.
    """
    if isinstance(records, pd.DataFrame):
        df = spark.createDataFrame(records)
        what = "records"
    elif isinstance(records, (str, Path)):
        df, what = spark.read.parquet(str(records)), str(records)
    elif isinstance(records, list):
        df, what = spark.read.parquet(*records), f"{len(records)} Parquet files"
    else:
        df, what = records, "records"
    _check_columns(df.columns, what)
    view = f"haisi_records_{id(df)}"
    df.createOrReplaceTempView(view)
    try:
        _raise_bad_flows([tuple(r) for r in spark.sql(_bad_flow_sql(view)).collect()], what)
        return spark.sql(edges_sql(view, levels, enterprise=ENTERPRISE in df.columns))
    finally:
        # the returned plan is already resolved; the view name is no longer needed
        spark.catalog.dropTempView(view)
