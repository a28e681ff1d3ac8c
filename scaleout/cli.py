"""``haisi network aggregate``: declarations → network edges on the local engine or Spark.

A batch job that may run on Spark, so it lives with the engine (the models never import it);
``haisi.cli`` mounts it under ``haisi network``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from haisi.errors import InvalidInput

__all__ = ["aggregate_cmd"]


def aggregate_cmd(
    records: Annotated[
        Path, typer.Argument(help="申报记录 Record-level declarations (.parquet or .csv).")
    ],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="边表 Edge table (.parquet or .csv).")
    ],
    engine: Annotated[str, typer.Option("--engine", help="local (DuckDB) or spark.")] = "local",
    master: Annotated[
        str, typer.Option("--master", help="Spark master, e.g. local[2].")
    ] = "local[2]",
    levels: Annotated[
        str, typer.Option("--levels", help="HS 层级 Levels: 0 (TOTAL), 2, 4, 6, 8.")
    ] = "0,2",
    store: Annotated[
        str | None,
        typer.Option(
            "--store", help="入库 Also append the edges to trade_flows as this source_id."
        ),
    ] = None,
    currency: Annotated[
        str, typer.Option("--currency", help="币种 Currency of the declared values.")
    ] = "USD",
) -> None:
    """汇总为网络边 Aggregate declarations (period, reporter, partner, flow, hs_code, regime,
    value) to network edges."""
    import pandas as pd
    from haisi.scaleout.aggregate import edges_duckdb, edges_spark, edges_to_pandas

    if engine not in ("local", "spark"):
        raise InvalidInput(f"引擎无效 engine must be local or spark, got {engine!r}")
    try:
        lv = [int(x) for x in levels.split(",") if x.strip()]
        src = (
            records
            if records.suffix == ".parquet"
            else pd.read_csv(records, dtype={"hs_code": str, "regime": str, "period": str})
        )
        if engine == "local":
            edges = edges_duckdb(src, levels=lv)
        else:
            from haisi.scaleout.spark import spark_session

            spark = spark_session(master)
            edges = edges_to_pandas(edges_spark(spark, src, levels=lv).toPandas())
    except FileNotFoundError as exc:
        raise InvalidInput(f"文件不存在 no such file: {exc.filename}") from exc
    if output.suffix == ".csv":
        edges.to_csv(output, index=False)
    else:
        edges.to_parquet(output, index=False)
    typer.echo(f"{output}: {len(edges):,} edges from {records} ({engine})")
    if store:
        import hashlib

        from haisi.crawlers.feeds.declarations import store_edges
        from haisi.warehouse import Warehouse

        digest = hashlib.sha256(records.read_bytes()).hexdigest()
        res = store_edges(
            Warehouse.from_settings(),
            edges,
            source_id=store,
            source_uri=str(records),
            content_hash=digest,
            currency=currency,
        )
        typer.echo(
            f"trade_flows: {res.rows_stored:,} rows stored as {store} ({res.dataset_version})"
        )
