"""Forecasts for commerce analysts: series, history, stored and on-demand forecasts, jobs, charts.

Fitting runs in the thread pool (one series, synchronous) or as a background job whose
status and progress live in the OpsDB ``jobs`` table (many series). A caller's run or job is
kept as that caller's run (OpsDB ``forecast_runs``: who, when, data version, parameters) and
never replaces the published forecast; publishing is an admin step
(``POST /admin/forecasts/publish``, ``haisi forecast publish``) or the refresh on new data
(``haisi forecast refresh``), and each
published forecast is kept as a version (``GET /forecasts/versions``).
"""

from __future__ import annotations

import json
import uuid
from typing import Annotated, Literal

import pandas as pd
from fastapi import APIRouter, BackgroundTasks, Query, Request
from fastapi.responses import Response
from haisi.api.answers import kept
from haisi.api.deps import CallerDep, OpsDep, WarehouseDep, guard
from haisi.api.frames import envelope, records
from haisi.api.params import SERIES_RE, Offset, SeriesQ
from haisi.api.schemas import Envelope, ForecastOut
from haisi.warehouse.cache import versioned
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from haisi.errors import NotFound

router = APIRouter(prefix="/forecasts", tags=["forecasts 预测"], dependencies=[guard("forecasts")])
#: publishing replaces what everyone sees: admin keys only
publish_router = APIRouter(
    prefix="/admin/forecasts", tags=["admin 管理"], dependencies=[guard("admin")]
)

_MAX_JOB_SERIES = 500


class ForecastRequest(BaseModel):
    """One series to forecast now (stored as the caller's run, not published)."""

    series_id: str = Field(
        pattern=SERIES_RE, max_length=120, examples=["trade/CN-FJ/export/ASEAN/TOTAL"]
    )
    horizon: int | None = Field(
        None, ge=1, le=60, description="步数 steps ahead; default by frequency"
    )
    levels: list[Annotated[int, Field(ge=1, le=99)]] = Field(
        [80, 95], min_length=1, max_length=5, description="区间水平 interval levels in percent"
    )


class JobRequest(BaseModel):
    """Many series to forecast in the background."""

    series_ids: list[Annotated[str, Field(pattern=SERIES_RE, max_length=120)]] = Field(
        min_length=1,
        max_length=_MAX_JOB_SERIES,
        examples=[["trade/CN-FJ/export/ASEAN/TOTAL", "tourism/TWN/CNFOC/arrivals"]],
    )
    horizon: int | None = Field(None, ge=1, le=60)


def series_table(wh) -> pd.DataFrame:
    """``list_series`` cached per (trade, tourism) data version: it scans both tables."""
    from haisi.models.forecast.service import list_series

    return versioned(wh, ["trade_flows", "tourism_flows"], ("series",), lambda: list_series(wh))


def _shape(series_id: str, rows: pd.DataFrame, **extra) -> dict:
    """The API shape of forecast rows (published or a run): points, bounds, grade and reason."""
    from haisi.models.forecast.service import titles

    first = rows.iloc[0]
    zh, en = titles(series_id)
    cols = ["step", "period", "point"] + [
        c for c in rows.columns if c[:2] in ("lo", "hi") and c[2:].isdigit()
    ]
    params = first["params"]
    return {
        "series_id": series_id,
        "title_zh": zh,
        "title_en": en,
        "model": first["model"],
        "params": json.loads(params) if isinstance(params, str) and params else None,
        "data_version": first["data_version"],
        "interval_method": first["interval_method"],
        "backtest": records(rows[["mase", "smape", "coverage80", "coverage95"]].head(1))[0],
        "grade": first.get("grade") or None,
        "reason": first.get("reason") or None,
        "data": records(rows[cols]),
        "count": len(rows),
        **extra,
    }


async def _call(fn, *args, **kw):
    """Run in the thread pool; errors map to HTTP in haisi.api.errors."""
    return await run_in_threadpool(fn, *args, **kw)


@router.get("/series", response_model=Envelope, summary="可预测序列 Forecastable series")
@kept
async def series(
    request: Request,
    wh: WarehouseDep,
    q: Annotated[str | None, Query(description="标题或编号包含 title or id contains")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Offset = 0,
) -> dict:
    """Every series with zh/en title, frequency, observations and period range."""
    df = await run_in_threadpool(series_table, wh)
    if q:
        hit = (
            df["series_id"].str.contains(q, case=False, regex=False)
            | df["title_zh"].str.contains(q, regex=False)
            | df["title_en"].str.contains(q, case=False, regex=False)
        )
        df = df[hit]
    return envelope(df.iloc[offset : offset + limit], total=len(df))


@router.get("/history", response_model=Envelope, summary="历史数据 Observed history")
@kept
async def history(wh: WarehouseDep, series_id: SeriesQ) -> dict:
    """The observed series, oldest first."""
    from haisi.models.forecast.service import series_history

    df = await _call(series_history, wh, series_id)
    return envelope(df, series_id=series_id)


def _version_exists(wh, data_version: str) -> None:
    """NotFound naming ``data_version`` (``trade_flows@v99``) when that table version was never
    written, rather than blaming the series."""
    table, v = data_version.split("@v")
    latest = wh.version(table)
    if latest is None or not 1 <= int(v) <= latest:
        have = f"latest {table}@v{latest}" if latest is not None else f"{table} has no data"
        raise NotFound(f"数据版本不存在 data version {data_version} does not exist ({have})")


def stored_cached(wh, series_id: str, data_version: str | None = None, version: str | None = None):
    """``stored_forecast`` cached until the forecasts table gets a new version."""
    from haisi.models.forecast.service import stored_forecast

    return versioned(
        wh,
        ["forecasts"],
        ("forecast", series_id, data_version, version),
        lambda: stored_forecast(wh, series_id, data_version, version),
    )


@router.get(
    "/stored",
    response_model=ForecastOut,
    summary="已存预测 Stored forecast",
    responses={404: {"description": "No stored forecast for this series"}},
)
@kept
async def stored(
    request: Request,
    wh: WarehouseDep,
    series_id: SeriesQ,
    data_version: Annotated[
        str | None,
        Query(pattern=r"^(trade_flows|tourism_flows)@v\d{1,9}$", examples=["trade_flows@v1"]),
    ] = None,
    version: Annotated[
        str | None, Query(description="发布版本 a published version (GET /forecasts/versions)")
    ] = None,
) -> dict:
    """The published forecast (latest, or the version asked): points, 80/95 % intervals,
    model, data version, backtest, reliability grade and reason."""
    if data_version is not None:
        await run_in_threadpool(_version_exists, wh, data_version)
    out = await _call(stored_shaped, wh, series_id, data_version, version)
    if out is None:
        raise NotFound(
            f"尚无发布的预测 no published forecast for {series_id!r}; "
            "POST /admin/forecasts/publish (admin)"
        )
    return out


def stored_shaped(
    wh, series_id: str, data_version: str | None = None, version: str | None = None
) -> dict | None:
    """The published forecast as the API answers it, cached like ``stored_cached``."""

    def shape() -> dict | None:
        rows = stored_cached(wh, series_id, data_version, version)
        return (
            None
            if rows is None
            else _shape(
                series_id, rows, status="published", created_at=str(rows["ingested_at"].iloc[0])
            )
        )

    return versioned(wh, ["forecasts"], ("forecast-out", series_id, data_version, version), shape)


def _run_and_record(
    wh,
    ops,
    caller_id: str | None,
    series_id: str,
    horizon: int | None,
    levels: tuple[int, ...],
    job_id: str | None = None,
    run_id: str | None = None,
) -> dict:
    """Compute a forecast on the current data and keep it as the caller's run (never published)."""
    from haisi.models.forecast.service import compute_forecast

    rows, data_version = compute_forecast(wh, series_id, horizon=horizon, levels=levels)
    run_id = run_id or uuid.uuid4().hex
    params = {"horizon": horizon, "levels": list(levels)} | ({"job_id": job_id} if job_id else {})
    shaped = _shape(series_id, rows)
    ops.add_forecast_run(
        run_id,
        series_id,
        created_by=caller_id,
        data_version=data_version,
        params=params,
        result=shaped,
    )
    return ops.forecast_run(run_id)


def _run_out(run: dict) -> dict:
    return {
        **run["result"],
        "status": "run",
        "run_id": run["run_id"],
        "created_by": run["created_by"],
        "created_at": run["created_at"],
    }


@router.post("/run", status_code=202, summary="预测一个序列（后台任务）Forecast one series (job)")
async def run(
    wh: WarehouseDep, ops: OpsDep, caller: CallerDep, req: ForecastRequest, tasks: BackgroundTasks
) -> dict:
    """Check the series has data (404 if not), then fit and backtest it in the background (a fit
    takes seconds) and keep it as YOUR run (who, when, data version, parameters): poll
    ``status_url``; the run is then at ``result_url``. The published forecast everyone sees is
    not changed (see POST /admin/forecasts/publish)."""
    from haisi.models.forecast.auto import levels_ok
    from haisi.models.forecast.service import series_history

    levels = await _call(levels_ok, tuple(req.levels))
    await _call(series_history, wh, req.series_id)
    run_id = uuid.uuid4().hex
    out = await _queue(
        wh,
        ops,
        caller,
        [req.series_id],
        req.horizon,
        tasks,
        levels,
        run_ids={req.series_id: run_id},
    )
    return {**out, "run_id": run_id, "result_url": f"/forecasts/runs/{run_id}"}


async def _queue(
    wh,
    ops,
    caller,
    ids: list[str],
    horizon: int | None,
    tasks: BackgroundTasks,
    levels: tuple[int, ...] | None = None,
    run_ids: dict[str, str] | None = None,
) -> dict:
    """Record a forecast job in the ops DB and start it after the response."""
    job_id = uuid.uuid4().hex
    await run_in_threadpool(
        ops.create_job, job_id, "forecast", {"series_ids": ids, "horizon": horizon}, caller.key_id
    )
    tasks.add_task(_run_job, wh, ops, job_id, ids, horizon, caller.key_id, levels, run_ids)
    return {"job_id": job_id, "status": "queued", "status_url": f"/forecasts/jobs/{job_id}"}


@router.get("/runs", response_model=Envelope, summary="我的预测运行 My forecast runs")
async def runs(
    ops: OpsDep,
    caller: CallerDep,
    series_id: Annotated[str | None, Query(description="序列编号 series id")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> dict:
    """The caller's own runs, newest first (admins see everyone's)."""
    who = None if caller.role == "admin" else caller.key_id
    rows = await run_in_threadpool(
        ops.forecast_runs, created_by=who, series_id=series_id, limit=limit
    )
    return {"data": rows, "count": len(rows)}


@router.get("/runs/{run_id}", response_model=ForecastOut, summary="一次运行 One run")
async def run_detail(ops: OpsDep, caller: CallerDep, run_id: str) -> dict:
    """One of the caller's runs with its forecast (404 for another caller's run)."""
    row = await run_in_threadpool(ops.forecast_run, run_id)
    if row is None or (caller.role != "admin" and row["created_by"] != caller.key_id):
        raise NotFound(f"未知运行 unknown run {run_id!r}")
    return _run_out(row)


@router.get("/versions", response_model=Envelope, summary="已发布版本 Published versions")
@kept
async def versions(wh: WarehouseDep, series_id: SeriesQ) -> dict:
    """Every published version of a series, newest first (GET /forecasts/stored?version=)."""
    from haisi.models.forecast.service import published_versions

    df = await _call(published_versions, wh, series_id)
    return envelope(df, series_id=series_id)


class PublishRequest(BaseModel):
    """Series whose published forecast is replaced by a fit on the current data."""

    series_ids: list[Annotated[str, Field(pattern=SERIES_RE, max_length=120)]] = Field(
        min_length=1, max_length=_MAX_JOB_SERIES
    )
    horizon: int | None = Field(None, ge=1, le=60)


@publish_router.post(
    "/publish", response_model=Envelope, summary="发布预测 Publish forecasts (admin)"
)
async def publish(wh: WarehouseDep, caller: CallerDep, req: PublishRequest) -> dict:
    """Publish (admin): fit each series on the current data and keep it as a new published
    version; unchanged data and horizon keep the current version."""
    from haisi.models.forecast.service import publish_forecast

    out = []
    for sid in req.series_ids:
        rows = await _call(
            publish_forecast, wh, sid, horizon=req.horizon, published_by=caller.key_id or "admin"
        )
        out.append(
            {
                "series_id": sid,
                "version": rows["batch_id"].iloc[0],
                "data_version": rows["data_version"].iloc[0],
                "model": rows["model"].iloc[0],
                "grade": rows["grade"].iloc[0],
            }
        )
    return {"data": out, "count": len(out)}


def _run_job(
    wh,
    ops,
    job_id: str,
    ids: list[str],
    horizon: int | None,
    caller_id: str | None,
    levels: tuple[int, ...] | None = None,
    run_ids: dict[str, str] | None = None,
) -> None:
    """Background job body: one run per series for the caller, recording progress and failures."""
    from haisi.models.forecast.auto import DEFAULT_LEVELS

    ops.update_job(job_id, status="running")
    done, failed = {}, {}
    for i, sid in enumerate(ids, 1):
        try:
            done[sid] = _run_and_record(
                wh,
                ops,
                caller_id,
                sid,
                horizon,
                levels or DEFAULT_LEVELS,
                job_id,
                (run_ids or {}).get(sid),
            )["run_id"]
        except Exception as e:  # one bad series must not stop the others; it is reported
            failed[sid] = str(e)
        ops.update_job(job_id, progress=i / len(ids))
    ops.update_job(
        job_id,
        status="failed" if failed and not done else "done",
        result={"runs": done, "failed": failed},
    )


@router.post("/jobs", status_code=202, summary="批量预测任务 Forecast many series (job)")
async def create_job(
    wh: WarehouseDep, ops: OpsDep, caller: CallerDep, req: JobRequest, tasks: BackgroundTasks
) -> dict:
    """Queue a background job of runs for the caller (not published); poll its status."""
    from haisi.models.forecast.service import parse_series_id

    for sid in req.series_ids:
        parse_series_id(sid)
    return await _queue(wh, ops, caller, list(req.series_ids), req.horizon, tasks)


@router.get("/jobs/{job_id}", summary="任务状态 Job status")
async def job(ops: OpsDep, job_id: str) -> dict:
    """Status, progress (0–1) and result (run id per series) of a forecast job."""
    row = await run_in_threadpool(ops.get_job, job_id)
    if row is None or row["kind"] != "forecast":
        raise NotFound(f"未知任务 unknown job {job_id!r}")
    for k in ("params", "result"):
        row[k] = json.loads(row[k]) if row[k] else None
    return row


@router.get(
    "/chart.svg",
    summary="预测图 Chart of history and forecast",
    response_class=Response,
    responses={200: {"content": {"image/svg+xml": {}}}},
)
async def chart(
    request: Request,
    wh: WarehouseDep,
    series_id: SeriesQ,
    lang: Annotated[
        Literal["zh", "en"], Query(description="轴标签数字格式 axis numbers: 万/亿 or 1,234")
    ] = "zh",
) -> Response:
    """SVG: recent history, the stored point forecast and its 80 %/95 % intervals."""
    from haisi.api.charts import forecast_svg, series_unit
    from haisi.models.forecast.service import series_history, titles

    rows = await _call(stored_cached, wh, series_id)
    if rows is None:
        raise NotFound(f"尚无发布的预测 no published forecast for {series_id!r}")
    hist = await _call(series_history, wh, series_id)
    zh, en = titles(series_id)
    unit = await run_in_threadpool(series_unit, wh, series_id)
    svg = forecast_svg(
        hist, rows, title_zh=zh, title_en=f"{en} · {rows['model'].iloc[0]}", unit=unit, lang=lang
    )
    return Response(svg, media_type="image/svg+xml")
