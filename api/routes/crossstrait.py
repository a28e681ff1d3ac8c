"""Cross-strait (海峡两岸) API: container TEU by port and month, visitor arrivals to Taiwan by
residence and purpose, trade as each side's customs reports it — all from published statistics."""

from __future__ import annotations

import json
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from haisi.api import crossstrait as cs
from haisi.api.deps import WarehouseDep, guard
from haisi.api.errors import ERROR_RESPONSES
from haisi.api.frames import records
from haisi.api.schemas import ForecastOut
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from haisi.errors import NotFound
from haisi.starter import starter_source

router = APIRouter(
    prefix="/crossstrait",
    tags=["crossstrait 海峡两岸"],
    dependencies=[guard("crossstrait")],
    responses=ERROR_RESPONSES,
)

_MONTH = r"^(19|20)\d\d-(0[1-9]|1[0-2])$"
Month = Annotated[
    str | None, Query(pattern=_MONTH, description="月份 month YYYY-MM", examples=["2016-01"])
]
Port = Annotated[
    str,
    Query(pattern=r"^[A-Z]{2}[A-Z0-9]{3}$", description="大陆港口 UN/LOCODE", examples=["CNFOC"]),
]
Direction = Literal["to_taiwan", "from_taiwan"]


class TeuRow(BaseModel):
    """One month of containers between a mainland port and Taiwan."""

    period: str = Field(examples=["2016-01"])
    port: str = Field(examples=["CNFOC"])
    taiwan_port: str = Field(examples=["ALL"], description="台湾港口 Taiwan port, or ALL")
    direction: Direction
    teu: float = Field(examples=[14210.0], description="标箱 TEU")


class TeuOut(BaseModel):
    data: list[TeuRow]
    count: int
    total_teu: float = Field(description="所选月份合计 sum over the rows")
    unit: str = "TEU"
    source: str = Field(
        examples=["台湾地区交通部航港局 iMarine 航港发展资料库 · Maritime and Port Bureau"]
    )


class PortRow(BaseModel):
    port: str
    name_zh: str
    name_en: str
    teu: float
    last_period: str


class PortsOut(BaseModel):
    data: list[PortRow]
    count: int


class VisitorRow(BaseModel):
    """One month of arrivals to Taiwan from one residence; purposes as columns."""

    model_config = {"extra": "allow"}
    period: str
    residence: str
    total: float = Field(description="人次 person-trips, sum of the purposes")


class VisitorsOut(BaseModel):
    data: list[VisitorRow]
    count: int
    unit: str = "persons"
    residence_zh: str = Field(examples=["欧洲其他国家和地区"])
    residence_en: str = Field(examples=["Europe, other residences"])
    residence_kind: str = Field(
        examples=["residual"],
        description="country; province (Hong Kong or Macao alone: regions of China); residual "
        "(其他国家和地区: disjoint from the listed residences, "
        "adds to them without double counting); region; unstated; combined (HKG_MAC)",
    )


class TradeRow(BaseModel):
    """One year of cross-strait trade as each side reports it (US$)."""

    period: str = Field(examples=["2023"])
    frequency: str = Field(examples=["A"], description="A annual, YTD year to date")
    tw_export_cn: float | None = Field(description="台湾地区海关：对大陆出口")
    cn_import_tw: float | None = Field(description="大陆海关：自台湾地区进口")
    gap_export: float | None = Field(description="镜像差额 cn_import_tw − tw_export_cn")
    gap_export_pct: float | None
    tw_import_cn: float | None = Field(description="台湾地区海关：自大陆进口")
    cn_export_tw: float | None = Field(description="大陆海关：对台湾地区出口")
    gap_import: float | None = Field(description="镜像差额 tw_import_cn − cn_export_tw")
    gap_import_pct: float | None
    tw_export_cnhk: float | None = Field(description="台湾地区海关：对大陆及中国香港出口")
    tw_import_cnhk: float | None


class TradeOut(BaseModel):
    data: list[TradeRow]
    count: int
    currency: str = "USD"


async def _run(fn, *args):
    """``fn(*args)`` in the thread pool; its NotFound / InvalidInput map to 404 / 400 in one place
    (:mod:`haisi.api.errors`)."""
    return await run_in_threadpool(fn, *args)


@router.get("/teu", response_model=TeuOut)
async def teu(
    wh: WarehouseDep,
    port: Port,
    direction: Direction = "to_taiwan",
    period_from: Month = None,
    period_to: Month = None,
    taiwan_port: Annotated[str | None, Query(pattern=r"^TW[A-Z0-9]{3}$")] = None,
) -> dict:
    """集装箱量 Monthly TEU between a mainland port and Taiwan's ports (iMarine)."""
    df = await _run(cs.teu_monthly, wh, port, direction, period_from, period_to, taiwan_port)
    return {
        "data": records(df),
        "count": len(df),
        "total_teu": float(df["teu"].sum()),
        "unit": "TEU",
        "source": starter_source("tw_mpb_imarine")[0]["publisher"],
    }


@router.get("/teu/ports", response_model=PortsOut)
async def teu_ports(
    wh: WarehouseDep,
    direction: Direction = "to_taiwan",
    n: Annotated[int, Query(ge=1, le=100)] = 15,
) -> dict:
    """港口排名 Mainland ports by TEU with Taiwan."""
    df = await _run(cs.teu_ports, wh, direction, n)
    return {"data": records(df), "count": len(df)}


@router.get("/visitors", response_model=VisitorsOut)
async def visitors(
    wh: WarehouseDep,
    residence: Annotated[
        str,
        Query(
            pattern=r"^[A-Z]{3}(_[A-Z]{3})?$",
            description="居住地 CHN, HKG_MAC, ISO3 or a residual category (RES_EUR …)",
            examples=["CHN"],
        ),
    ] = "CHN",
    period_from: Month = None,
    period_to: Month = None,
) -> dict:
    """来台旅客 Monthly visitor arrivals to Taiwan by residence, split by purpose."""
    from haisi.reference.countries import place_kind
    from haisi.reference.places import AGGREGATES, place_names

    df = await _run(cs.visitors_monthly, wh, residence, period_from, period_to)
    zh, en = place_names(residence, "TWN")
    kind = AGGREGATES[residence].kind if residence in AGGREGATES else place_kind(residence).lower()
    return {
        "data": records(df),
        "count": len(df),
        "unit": "persons",
        "residence_zh": zh,
        "residence_en": en,
        "residence_kind": kind,
    }


@router.get("/trade", response_model=TradeOut)
async def trade(wh: WarehouseDep) -> dict:
    """两岸贸易 Trade as each side's customs reports it, with the mirror gaps."""
    df = await _run(cs.trade_both_sides, wh)
    return {"data": records(df), "count": len(df), "currency": "USD"}


@router.get("/teu/forecast", response_model=ForecastOut)
async def teu_forecast(wh: WarehouseDep, port: Port, direction: Direction = "to_taiwan") -> dict:
    """集装箱量预测 The published forecast of a port's monthly TEU with Taiwan (404 if none)."""
    from haisi.models.forecast.service import stored_forecast, titles

    series_id = f"teu/{port}/{direction}"
    title = titles(series_id)
    version = wh.dataset_version("container_flows")
    rows = (
        await run_in_threadpool(stored_forecast, wh, series_id, version)
        if version and wh.exists("forecasts")
        else None
    )
    if rows is None or rows.empty:
        raise NotFound(
            f"无已发布的预测 no published forecast for {series_id} at {version}; "
            f"`haisi demo` publishes Fuzhou's and Xiamen's, `haisi forecast publish {series_id}` "
            "any port's"
        )
    first = rows.iloc[0]
    return {
        "series_id": series_id,
        "title_zh": title[0],
        "title_en": title[1],
        "model": first["model"],
        "params": json.loads(first["params"]) if first["params"] else None,
        "data_version": first["data_version"],
        "interval_method": first["interval_method"],
        "backtest": records(rows[["mase", "smape", "coverage80", "coverage95"]].head(1))[0],
        "data": records(rows[["step", "period", "point", "lo80", "hi80", "lo95", "hi95"]]),
        "count": len(rows),
    }
