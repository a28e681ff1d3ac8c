"""Forecasts for commerce analysts: series, history, stored and on-demand forecasts, jobs, charts.

Fitting runs in the thread pool (one series, synchronous) or as a background job whose
status and progress live in the OpsDB ``jobs`` table (many series).
"""

from __future__ import annotations

import json
import uuid
from typing import Annotated

import pandas as pd
from fastapi import APIRouter, BackgroundTasks, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from haisi.errors import NotFound
from haisi.api.deps import CallerDep, OpsDep, WarehouseDep, guard
from haisi.api.frames import envelope, records
from haisi.api.params import SERIES_RE, Offset, SeriesQ
from haisi.api.schemas import Envelope, ForecastOut
from haisi.warehouse.cache import versioned

router = APIRouter(prefix="/forecasts", tags=["forecasts 预测"], dependencies=[guard("forecasts")])

_MAX_JOB_SERIES = 500


class ForecastRequest(BaseModel):
    """One series to forecast now."""

    series_id: str = Field(pattern=SERIES_RE, max_length=120,
                           examples=["trade/CN-FJ/export/ASEAN/TOTAL"])
    horizon: int | None = Field(None, ge=1, le=60, description="步数 steps ahead; default by frequency")


class JobRequest(BaseModel):
    """Many series to forecast in the background."""

    series_ids: list[Annotated[str, Field(pattern=SERIES_RE, max_length=120)]] = Field(
                                  min_length=1, max_length=_MAX_JOB_SERIES,
                                  examples=[["trade/CN-FJ/export/ASEAN/TOTAL", "tourism/TWN/CNFOC/arrivals"]])
    horizon: int | None = Field(None, ge=1, le=60)


def series_table(wh) -> pd.DataFrame:
    """``list_series`` cached per (trade, tourism) data version: it scans both tables."""
    from haisi.models.forecast.service import list_series

    return versioned(wh, ["trade_flows", "tourism_flows"], ("series",), lambda: list_series(wh))


def _shape(series_id: str, rows: pd.DataFrame) -> dict:
    from haisi.models.forecast.service import titles

    first = rows.iloc[0]
    zh, en = titles(series_id)
    cols = ["step", "period", "point", "lo80", "hi80", "lo95", "hi95"]
    return {
        "series_id": series_id, "title_zh": zh, "title_en": en, "model": first["model"],
        "params": json.loads(first["params"]) if first["params"] else None,
        "data_version": first["data_version"], "interval_method": first["interval_method"],
        "backtest": records(rows[["mase", "smape", "coverage80", "coverage95"]].head(1))[0],
        "data": records(rows[cols]), "count": len(rows),
    }


async def _call(fn, *args, **kw):
    """Run in the thread pool; errors map to HTTP in haisi.api.errors."""
    return await run_in_threadpool(fn, *args, **kw)


@router.get("/series", response_model=Envelope, summary="可预测序列 Forecastable series")
async def series(request: Request, wh: WarehouseDep,
                 q: Annotated[str | None, Query(description="标题或编号包含 title or id contains")] = None,
                 limit: Annotated[int, Query(ge=1, le=1000)] = 100,
                 offset: Offset = 0) -> dict:
    """Every series with zh/en title, frequency, observations and period range."""
    df = await run_in_threadpool(series_table, wh)
    if q:
        hit = (df["series_id"].str.contains(q, case=False, regex=False)
               | df["title_zh"].str.contains(q, regex=False)
               | df["title_en"].str.contains(q, case=False, regex=False))
        df = df[hit]
    return envelope(df.iloc[offset:offset + limit], total=len(df))


@router.get("/history", response_model=Envelope, summary="历史数据 Observed history")
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


def stored_cached(wh, series_id: str, data_version: str | None = None):
    """``stored_forecast`` cached until the forecasts table gets a new version."""
    from haisi.models.forecast.service import stored_forecast

    return versioned(wh, ["forecasts"], ("forecast", series_id, data_version),
                     lambda: stored_forecast(wh, series_id, data_version))


@router.get("/stored", response_model=ForecastOut, summary="已存预测 Stored forecast",
            responses={404: {"description": "No stored forecast for this series"}})
async def stored(request: Request, wh: WarehouseDep, series_id: SeriesQ,
                 data_version: Annotated[str | None, Query(
                     pattern=r"^(trade_flows|tourism_flows)@v\d{1,9}$",
                     examples=["trade_flows@v1"])] = None) -> dict:
    """The latest stored forecast: points, 80/95 % intervals, model, data version, backtest."""
    if data_version is not None:
        await run_in_threadpool(_version_exists, wh, data_version)
    out = await _call(stored_shaped, wh, series_id, data_version)
    if out is None:
        raise NotFound(f"尚无预测 no stored forecast for {series_id!r}; POST /forecasts/run")
    return out


def stored_shaped(wh, series_id: str, data_version: str | None = None) -> dict | None:
    """The stored forecast as the API answers it, cached like ``stored_cached`` (shaping: ms)."""
    def shape() -> dict | None:
        rows = stored_cached(wh, series_id, data_version)
        return None if rows is None else _shape(series_id, rows)

    return versioned(wh, ["forecasts"], ("forecast-out", series_id, data_version), shape)


@router.post("/run", status_code=202, summary="预测一个序列（后台任务）Forecast one series (job)")
async def run(wh: WarehouseDep, ops: OpsDep, caller: CallerDep, req: ForecastRequest,
              tasks: BackgroundTasks) -> dict:
    """Check the series has data (404 if not), then fit, backtest and store it in the background
    (a fit takes seconds): poll ``status_url``; the forecast is then at ``result_url``."""
    from urllib.parse import quote

    from haisi.models.forecast.service import series_history

    await _call(series_history, wh, req.series_id)
    out = await _queue(wh, ops, caller, [req.series_id], req.horizon, tasks)
    return {**out, "result_url": f"/forecasts/stored?series_id={quote(req.series_id, safe='')}"}


async def _queue(wh, ops, caller, ids: list[str], horizon: int | None,
                 tasks: BackgroundTasks) -> dict:
    """Record a forecast job in the ops DB and start it after the response."""
    job_id = uuid.uuid4().hex
    await run_in_threadpool(ops.create_job, job_id, "forecast",
                            {"series_ids": ids, "horizon": horizon}, caller.key_id)
    tasks.add_task(_run_job, wh, ops, job_id, ids, horizon)
    return {"job_id": job_id, "status": "queued", "status_url": f"/forecasts/jobs/{job_id}"}


def _run_job(wh, ops, job_id: str, ids: list[str], horizon: int | None) -> None:
    """Background job body: forecast each series, recording progress and failures."""
    from haisi.models.forecast.service import run_forecast

    ops.update_job(job_id, status="running")
    done, failed = [], {}
    for i, sid in enumerate(ids, 1):
        try:
            run_forecast(wh, sid, horizon=horizon)
            done.append(sid)
        except Exception as e:  # one bad series must not stop the others; it is reported
            failed[sid] = str(e)
        ops.update_job(job_id, progress=i / len(ids))
    ops.update_job(job_id, status="failed" if failed and not done else "done",
                   result={"done": done, "failed": failed})


@router.post("/jobs", status_code=202, summary="批量预测任务 Forecast many series (job)")
async def create_job(wh: WarehouseDep, ops: OpsDep, caller: CallerDep, req: JobRequest,
                     tasks: BackgroundTasks) -> dict:
    """Queue a background job; poll GET /forecasts/jobs/{job_id} for status and progress."""
    from haisi.models.forecast.service import parse_series_id

    for sid in req.series_ids:
        parse_series_id(sid)
    return await _queue(wh, ops, caller, list(req.series_ids), req.horizon, tasks)


@router.get("/jobs/{job_id}", summary="任务状态 Job status")
async def job(ops: OpsDep, job_id: str) -> dict:
    """Status, progress (0–1) and result of a forecast job."""
    row = await run_in_threadpool(ops.get_job, job_id)
    if row is None or row["kind"] != "forecast":
        raise NotFound(f"未知任务 unknown job {job_id!r}")
    for k in ("params", "result"):
        row[k] = json.loads(row[k]) if row[k] else None
    return row


@router.get("/chart.svg", summary="预测图 Chart of history and forecast",
            response_class=Response, responses={200: {"content": {"image/svg+xml": {}}}})
async def chart(request: Request, wh: WarehouseDep, series_id: SeriesQ) -> Response:
    """SVG: recent history, the stored point forecast and its 80 %/95 % intervals."""
    from haisi.api.charts import forecast_svg, series_unit
    from haisi.models.forecast.service import series_history, titles

    rows = await _call(stored_cached, wh, series_id)
    if rows is None:
        raise NotFound(f"尚无预测 no stored forecast for {series_id!r}; POST /forecasts/run")
    hist = await _call(series_history, wh, series_id)
    zh, en = titles(series_id)
    unit = await run_in_threadpool(series_unit, wh, series_id)
    svg = forecast_svg(hist, rows, title_zh=zh, title_en=f"{en} · {rows['model'].iloc[0]}", unit=unit)
    return Response(svg, media_type="image/svg+xml")
