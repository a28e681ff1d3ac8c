"""``haisi gravity ...`` commands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from haisi.errors import HaisiError, InvalidInput

gravity_app = typer.Typer(help="引力模型 Gravity model (PPML).", no_args_is_help=True)


@gravity_app.command("fit")
def fit(
    data: Annotated[Path, typer.Argument(help="数据文件 Data file: .csv, .csv.gz or .parquet.")],
    y: Annotated[str, typer.Option("--y", help="因变量 Outcome column (flows in levels).")],
    x: Annotated[list[str], typer.Option("--x", help="自变量 Regressor: COL or log(COL); repeat.")],
    fe: Annotated[
        list[str] | None,
        typer.Option(
            "--fe",
            help="固定效应 Fixed effect: COL, or an interaction COL#COL (e.g. exporter#year); "
            "repeat for several.",
        ),
    ] = None,
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster",
            help="聚类 Cluster column (or COL#COL) for CRV1 standard errors; "
            "default heteroskedasticity-robust (HC1).",
        ),
    ] = None,
    query: Annotated[
        str | None,
        typer.Option(
            "--query", help="筛选 Row filter, a pandas query, e.g. 'exporter != importer'."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON {coef, se, nobs}.")] = False,
) -> None:
    """PPML 估计 Fit a PPML gravity model with high-dimensional fixed effects."""
    import pandas as pd
    from haisi.models.gravity.ppml import fit_ppml

    try:
        frame = _read(data)
        if query:
            frame = _filter(frame, query)
        result = fit_ppml(frame, y, list(x), list(fe or []), cluster)
    except HaisiError as exc:
        typer.echo(f"错误 Error: {exc.args[0] if exc.args else exc}", err=True)
        raise typer.Exit(2) from exc
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"PPML  {y}  N={result.nobs}  SE={result.vcov_type}")
    for col in ("变量 term", "系数 coef", "标准误 se", "z"):
        table.add_column(col, justify="right")
    for name in result.coef.index:
        c, s = result.coef[name], result.se[name]
        table.add_row(name, f"{c:.4f}", f"{s:.4f}", f"{c / s:.2f}")
    Console().print(table)
    dropped = pd.Series(result.dropped)
    typer.echo(
        f"dropped: {dropped.to_dict()}; fixed effects: {result.fe}; iterations: {result.iterations}"
    )


def _read(path: Path):
    """Read a CSV or Parquet file into pandas, failing with the file name on a bad suffix."""
    import pandas as pd

    if not path.is_file():
        raise InvalidInput(f"{path}: no such file")
    name = path.name.lower()
    if name.endswith(".parquet"):
        return pd.read_parquet(path)
    if name.endswith((".csv", ".csv.gz")):
        return pd.read_csv(path)
    raise InvalidInput(f"{path}: expected .csv, .csv.gz or .parquet")


def _filter(frame, query: str):
    """Apply ``--query``; any pandas parse or name error becomes one ``ValueError``."""
    try:
        return frame.query(query)
    except Exception as exc:  # pandas raises many exception types for a bad expression
        raise InvalidInput(f"--query {query!r}: {exc}") from exc
