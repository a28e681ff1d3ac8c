"""``haisi forecast ...`` commands."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from haisi.roleopt import RoleOpt, warehouse_as

forecast_app = typer.Typer(help="预测 Forecasts of trade and tourism flows.", no_args_is_help=True)


def _levels(ctx: typer.Context, level: Optional[list[int]]) -> tuple[int, ...]:
    """``--level 50 80 95`` (or repeated ``--level``): the first value is the option's, the rest
    arrive as extra arguments; anything else left over is an error."""
    from haisi.models.forecast.auto import DEFAULT_LEVELS

    extra = list(ctx.args)
    bad = [a for a in extra if not a.isdigit()]
    if bad or (extra and not level):
        raise typer.BadParameter(
            f"意外参数 unexpected argument(s) {bad or extra}; "
            "levels go after --level, e.g. --level 50 80 95"
        )
    return tuple(level or ()) + tuple(int(a) for a in extra) or DEFAULT_LEVELS


@forecast_app.command(
    "batch", context_settings={"allow_extra_args": True, "ignore_unknown_options": False}
)
def batch(
    ctx: typer.Context,
    input_csv: Path = typer.Argument(
        ..., help="INPUT.csv: series_id, period, value [, frequency, horizon]"
    ),
    output: Path = typer.Option(..., "-o", "--output", help="OUTPUT.csv"),
    horizon: Optional[int] = typer.Option(
        None, "--horizon", help="步数 steps ahead (default 24 monthly, 8 quarterly, 4 yearly)"
    ),
    engine: Optional[str] = typer.Option(
        None,
        "--engine",
        help="local (all cores) or an installed engine: spark (haisi[spark]); default HAISI_ENGINE",
    ),
    master: Optional[str] = typer.Option(
        None, "--master", help="Spark master for --engine spark; default HAISI_SPARK_MASTER"
    ),
    jobs: Optional[int] = typer.Option(None, "--jobs", help="worker processes (default: cores)"),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="show a progress bar"),
    level: Optional[list[int]] = typer.Option(
        None,
        "--level",
        help="区间水平 interval levels in percent, e.g. --level 50 80 95 (default 80 95)",
    ),
) -> None:
    """批量预测 Forecast every series in INPUT.csv; interrupt and re-run to resume.

    OUTPUT: series_id, period, step, point, lo/hi per level, model, grade (A/B/C), reason.
    """
    import os

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from haisi.models.forecast.batch import checkpoint_path, errors_path, run_batch
    from haisi.models.forecast.periods import ForecastError

    from haisi.settings import get_settings

    levels = _levels(ctx, level)
    s = get_settings()
    try:
        stats = run_batch(
            input_csv,
            output,
            horizon=horizon,
            jobs=jobs,
            engine=engine or s.engine,
            master=master or s.spark_master,
            progress=progress,
            levels=levels,
        )
    except ForecastError as exc:
        typer.echo(f"错误 error: {exc}", err=True)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        typer.echo(
            f"已中断 interrupted; finished series are kept in {checkpoint_path(output)}. "
            "Re-run the same command to resume.",
            err=True,
        )
        raise typer.Exit(130) from None
    typer.echo(
        f"完成 done: {stats['series']} series ({stats['reused']} resumed from checkpoint, "
        f"{stats['fitted']} fitted, {stats['failed']} failed), {stats['rows']} rows → "
        f"{output}",
        err=True,
    )
    if stats["failed"]:
        typer.echo(
            f"无法预测的序列 series that could not be forecast: {errors_path(output)}", err=True
        )


@forecast_app.command("series")
def series(
    json_out: bool = typer.Option(False, "--json", help="JSON instead of a table"),
    role: RoleOpt = None,
) -> None:
    """列出可预测序列 List the series that can be forecast from the warehouse."""
    from haisi.models.forecast.service import list_series

    df = list_series(warehouse_as(role))
    if json_out:
        typer.echo(df.to_json(orient="records", force_ascii=False, double_precision=15))
    else:
        typer.echo(df.to_string(index=False))


def _show(series_id: str, df, json_out: bool) -> None:
    if json_out:
        typer.echo(df.to_json(orient="records", force_ascii=False, double_precision=15))
        return
    bands = [c for c in df.columns if c[:2] in ("lo", "hi") and c[2:].isdigit()]
    cols = ["period", "point", *bands]
    first = df.iloc[0]
    typer.echo(
        f"{series_id}  模型 model: {first['model']}  数据版本 data: "
        f"{first['data_version']}  MASE {first['mase']:.3f}"
    )
    typer.echo(f"可靠性 grade {first['grade']}: {first['reason']}")
    typer.echo(df[cols].to_string(index=False))


@forecast_app.command("run")
def run(
    series_id: str = typer.Argument(..., help="e.g. trade/CN-FJ/export/ASEAN/TOTAL"),
    horizon: Optional[int] = typer.Option(None, "--horizon", help="steps ahead"),
    level: Optional[list[int]] = typer.Option(None, "--level", help="interval level (repeat)"),
    json_out: bool = typer.Option(False, "--json", help="JSON instead of a table"),
    role: RoleOpt = None,
) -> None:
    """试算 Fit and backtest one warehouse series now; recorded as your run, NOT published."""
    import getpass
    import os
    import uuid

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from haisi.models.forecast.auto import DEFAULT_LEVELS
    from haisi.models.forecast.periods import ForecastError
    from haisi.models.forecast.service import compute_forecast
    from haisi.warehouse.ops import OpsDB

    levels = tuple(level) if level else DEFAULT_LEVELS
    try:
        df, version = compute_forecast(
            warehouse_as(role), series_id, horizon=horizon, levels=levels
        )
    except ForecastError as exc:
        typer.echo(f"错误 error: {exc}", err=True)
        raise typer.Exit(2) from None
    run_id = uuid.uuid4().hex
    OpsDB.from_settings().add_forecast_run(
        run_id,
        series_id,
        created_by=f"cli:{getpass.getuser()}",
        data_version=version,
        params={"horizon": horizon, "levels": list(levels)},
        result={"rows": df.drop(columns=["params"]).to_dict("records")},
    )
    _show(series_id, df, json_out)
    typer.echo(f"运行 run {run_id} (未发布 not published; haisi forecast publish)", err=True)


@forecast_app.command("publish")
def publish(
    series_ids: list[str] = typer.Argument(..., help="series ids to publish"),
    horizon: Optional[int] = typer.Option(None, "--horizon", help="steps ahead"),
) -> None:
    """发布 Publish the forecast everyone sees (a new version; unchanged data keeps the current)."""
    import getpass
    import os

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from haisi.models.forecast.service import publish_forecast
    from haisi.warehouse import Warehouse

    from haisi.errors import InvalidInput, NotFound

    wh, failed = Warehouse.from_settings(), 0
    for sid in series_ids:
        try:
            df = publish_forecast(wh, sid, horizon=horizon, published_by=f"cli:{getpass.getuser()}")
        except (InvalidInput, NotFound) as exc:  # one bad series: reported, the rest published
            typer.echo(f"错误 error: {sid}: {exc}", err=True)
            failed += 1
            continue
        typer.echo(
            f"{sid}: 版本 version {df['batch_id'].iloc[0]} · {df['data_version'].iloc[0]} · "
            f"{df['model'].iloc[0]} · 等级 grade {df['grade'].iloc[0]}"
        )
    if failed:
        raise typer.Exit(2)


@forecast_app.command("refresh")
def refresh() -> None:
    """定时刷新 Republish every published series whose data has a new version (schedule it)."""
    import os

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from haisi.models.forecast.service import refresh_published
    from haisi.warehouse import Warehouse

    out = refresh_published(Warehouse.from_settings())
    typer.echo(
        f"刷新 refreshed {len(out['refreshed'])}, 未变 unchanged {len(out['unchanged'])}, "
        f"失败 failed {len(out['failed'])}"
    )
    for sid, why in out["failed"].items():
        typer.echo(f"  {sid}: {why}", err=True)
    if out["failed"]:
        raise typer.Exit(2)


@forecast_app.command("versions")
def versions(series_id: str = typer.Argument(..., help="series id"), role: RoleOpt = None) -> None:
    """发布版本 List the published versions of a series, newest first."""
    from haisi.models.forecast.service import published_versions

    typer.echo(published_versions(warehouse_as(role), series_id).to_string(index=False))


@forecast_app.command("reconcile")
def reconcile_cmd(
    total_id: str = typer.Argument(..., help="e.g. trade/CN-FJ/export/ASEAN/TOTAL"),
    by: str = typer.Option("partner", "--by", help="partner or product (HS chapters)"),
    horizon: Optional[int] = typer.Option(None, "--horizon", help="steps ahead"),
    role: RoleOpt = None,
) -> None:
    """层级协调 Forecast a total and its parts so that the parts add up (MinT-diag), and store."""
    import os

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from haisi.models.forecast.periods import ForecastError
    from haisi.models.forecast.service import run_hierarchy

    try:
        out = run_hierarchy(warehouse_as(role), total_id, horizon=horizon, by=by)
    except (ForecastError, KeyError, ValueError) as exc:
        typer.echo(f"错误 error: {exc}", err=True)
        raise typer.Exit(2) from None
    for sid, frame in out.items():
        typer.echo(
            f"{sid}: {frame['model'].iloc[0]}  "
            f"{frame['period'].iloc[0]} {frame['point'].iloc[0]:,.0f}"
        )
