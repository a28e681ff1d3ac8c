"""Response models shared by the routers (so the OpenAPI schema says what comes back)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Envelope", "ForecastOut", "Health"]


class Envelope(BaseModel):
    """The list shape of every list endpoint: ``data`` rows and their ``count``."""

    model_config = ConfigDict(extra="allow")

    data: list[dict[str, Any]] = Field(
        examples=[[{"partner": "USA", "value": 5.0e10, "share": 0.207}]]
    )
    count: int = Field(examples=[1])


class ForecastPoint(BaseModel):
    """One step of a forecast with its 80 % and 95 % intervals (other levels as asked)."""

    model_config = ConfigDict(extra="allow")

    step: int
    period: str
    point: float | None
    lo80: float | None
    hi80: float | None
    lo95: float | None
    hi95: float | None


class ForecastOut(BaseModel):
    """A stored forecast: points and intervals, model, data version and backtest accuracy."""

    series_id: str = Field(examples=["trade/CN-FJ/export/ASEAN/TOTAL"])
    title_zh: str = Field(examples=["福建省对东盟出口（全部商品）"])
    title_en: str = Field(examples=["Fujian exports to ASEAN (all products)"])
    model: str
    params: dict[str, Any] | None
    data_version: str = Field(examples=["trade_flows@v3"])
    interval_method: str | None
    backtest: dict[str, float | None]
    grade: str | None = Field(
        None, description="可靠性等级 reliability grade A/B/C", examples=["C"]
    )
    reason: str | None = Field(
        None,
        description="等级原因 why this grade",
        examples=["不可靠 unreliable: 回测误差 backtest MASE 1.81"],
    )
    status: str = Field(
        "published",
        description="published (everyone sees it) or run (the "
        "caller's own run; the published forecast is unchanged)",
    )
    run_id: str | None = None
    created_by: str | None = None
    created_at: str | None = None
    data: list[ForecastPoint]
    count: int


class Health(BaseModel):
    """Liveness."""

    status: str = Field(examples=["ok"])
