"""``haisi forecast ...`` commands."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

forecast_app = typer.Typer(help="预测 Forecasts of trade and tourism flows.", no_args_is_help=True)


@forecast_app.command("batch")
def batch(
    input_csv: Path = typer.Argument(..., help="INPUT.csv: series_id, period, value "
                                     "[, frequency, horizon]"),
    output: Path = typer.Option(..., "-o", "--output", help="OUTPUT.csv"),
    horizon: Optional[int] = typer.Option(None, "--horizon", help="步数 steps ahead "
                                          "(default 24 monthly, 8 quarterly, 4 yearly)"),
    engine: Optional[str] = typer.Option(
        None, "--engine", help="local (all cores) or an installed engine: spark (haisi[spark]); "
        "default HAISI_ENGINE"),
    master: Optional[str] = typer.Option(None, "--master", help="Spark master for --engine "
                                         "spark; default HAISI_SPARK_MASTER"),
    jobs: Optional[int] = typer.Option(None, "--jobs", help="worker processes (default: cores)"),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="show a progress bar"),
) -> None:
    """批量预测 Forecast every series in INPUT.csv; interrupt and re-run to resume."""
    import os

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from haisi.models.forecast.batch import checkpoint_path, errors_path, run_batch
    from haisi.models.forecast.periods import ForecastError
    from haisi.settings import get_settings

    s = get_settings()
    try:
        stats = run_batch(input_csv, output, horizon=horizon, jobs=jobs,
                          engine=engine or s.engine, master=master or s.spark_master,
                          progress=progress)
    except ForecastError as exc:
        typer.echo(f"错误 error: {exc}", err=True)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        typer.echo(f"已中断 interrupted; finished series are kept in {checkpoint_path(output)}. "
                   "Re-run the same command to resume.", err=True)
        raise typer.Exit(130) from None
    typer.echo(f"完成 done: {stats['series']} series ({stats['reused']} resumed from checkpoint, "
               f"{stats['fitted']} fitted, {stats['failed']} failed), {stats['rows']} rows → "
               f"{output}", err=True)
    if stats["failed"]:
        typer.echo(f"无法预测的序列 series that could not be forecast: {errors_path(output)}",
                   err=True)


@forecast_app.command("series")
def series(
    json_out: bool = typer.Option(False, "--json", help="JSON instead of a table"),
) -> None:
    """列出可预测序列 List the series that can be forecast from the warehouse."""
    from haisi.warehouse import Warehouse

    from haisi.models.forecast.service import list_series

    df = list_series(Warehouse.from_settings())
    if json_out:
        typer.echo(df.to_json(orient="records", force_ascii=False, double_precision=15))
    else:
        typer.echo(df.to_string(index=False))


@forecast_app.command("run")
def run(
    series_id: str = typer.Argument(..., help="e.g. trade/CN-FJ/export/ASEAN/TOTAL"),
    horizon: Optional[int] = typer.Option(None, "--horizon", help="steps ahead"),
    json_out: bool = typer.Option(False, "--json", help="JSON instead of a table"),
) -> None:
    """预测并入库 Fit, backtest and store a forecast of one warehouse series."""
    import os

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from haisi.warehouse import Warehouse

    from haisi.models.forecast.periods import ForecastError
    from haisi.models.forecast.service import run_forecast

    try:
        df = run_forecast(Warehouse.from_settings(), series_id, horizon=horizon)
    except (ForecastError, KeyError) as exc:
        typer.echo(f"错误 error: {exc}", err=True)
        raise typer.Exit(2) from None
    if json_out:
        typer.echo(df.to_json(orient="records", force_ascii=False, double_precision=15))
    else:
        cols = ["period", "point", "lo80", "hi80", "lo95", "hi95"]
        first = df.iloc[0]
        typer.echo(f"{series_id}  模型 model: {first['model']}  数据版本 data: "
                   f"{first['data_version']}  MASE {first['mase']:.3f}  "
                   f"95%覆盖率 coverage {first['coverage95']:.2f}")
        typer.echo(df[cols].to_string(index=False))


@forecast_app.command("reconcile")
def reconcile_cmd(
    total_id: str = typer.Argument(..., help="e.g. trade/CN-FJ/export/ASEAN/TOTAL"),
    by: str = typer.Option("partner", "--by", help="partner or product (HS chapters)"),
    horizon: Optional[int] = typer.Option(None, "--horizon", help="steps ahead"),
) -> None:
    """层级协调 Forecast a total and its parts so that the parts add up (MinT-diag), and store."""
    import os

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from haisi.warehouse import Warehouse

    from haisi.models.forecast.periods import ForecastError
    from haisi.models.forecast.service import run_hierarchy

    try:
        out = run_hierarchy(Warehouse.from_settings(), total_id, horizon=horizon, by=by)
    except (ForecastError, KeyError, ValueError) as exc:
        typer.echo(f"错误 error: {exc}", err=True)
        raise typer.Exit(2) from None
    for sid, frame in out.items():
        typer.echo(f"{sid}: {frame['model'].iloc[0]}  "
                   f"{frame['period'].iloc[0]} {frame['point'].iloc[0]:,.0f}")
