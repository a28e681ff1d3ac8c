"""The display platform's figures (海丝大数据展示平台), computed from the warehouse on each data
version: headline tiles (latest month, month on month, year to date 累计同比), top partners with
Belt-and-Road and RCEP shares, and the stored forecasts with their backtest reliability.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import pandas as pd
from haisi.warehouse import Warehouse

__all__ = [
    "Tile",
    "HEADLINES",
    "tile",
    "headline_tiles",
    "partner_shares",
    "forecast_cards",
    "reliability",
]


@dataclass(frozen=True)
class Headline:
    """A headline series: the SQL that yields ``period, value`` and how to present it."""

    key: str
    title_zh: str
    title_en: str
    unit_zh: str
    unit_en: str
    source_zh: str
    source_en: str
    query: str
    sample: bool = False


_TEU = (
    "SELECT period, sum(teu) AS value FROM container_flows WHERE {side} = '{port}' AND "
    "{other} LIKE 'TW%' GROUP BY period"
)
HEADLINES: tuple[Headline, ...] = (
    Headline(
        "teu_foc",
        "福州港→台湾地区集装箱量",
        "Fuzhou → Taiwan, China: containers",
        "标箱",
        "TEU",
        "台湾地区交通部航港局 iMarine",
        "MPB iMarine (Taiwan, China)",
        _TEU.format(side="origin", port="CNFOC", other="destination"),
    ),
    Headline(
        "teu_xmn",
        "厦门港→台湾地区集装箱量",
        "Xiamen → Taiwan, China: containers",
        "标箱",
        "TEU",
        "台湾地区交通部航港局 iMarine",
        "MPB iMarine (Taiwan, China)",
        _TEU.format(side="origin", port="CNXMN", other="destination"),
    ),
    Headline(
        "visitors_chn",
        "大陆居民赴台人次",
        "Mainland visitors to Taiwan, China",
        "人次",
        "visits",
        "台湾地区交通部观光局",
        "Tourism Bureau (Taiwan, China)",
        "SELECT period, sum(value) AS value FROM tourism_flows WHERE destination = 'TWN' "
        "AND origin = 'CHN' AND measure = 'arrivals' GROUP BY period",
    ),
    Headline(
        "sgp_chn",
        "新加坡与中国贸易额",
        "Singapore trade with China",
        "新元",
        "SGD",
        "新加坡统计局",
        "SingStat",
        "SELECT period, sum(value) AS value FROM trade_flows WHERE reporter = 'SGP' AND "
        "partner = 'CHN' AND frequency = 'M' GROUP BY period",
    ),
    Headline(
        "usa_chn",
        "美国自中国进口额",
        "US imports from China",
        "美元",
        "USD",
        "美国人口普查局",
        "US Census Bureau",
        "SELECT period, sum(value) AS value FROM trade_flows WHERE reporter = 'USA' AND "
        "partner = 'CHN' AND flow = 'import' AND frequency = 'M' GROUP BY period",
    ),
    Headline(
        "fj_export",
        "福建省出口额（示例数据）",
        "Fujian exports (sample data)",
        "美元",
        "USD",
        "示例数据（非官方统计）",
        "Sample data, not official statistics",
        "SELECT period, sum(value) AS value FROM trade_flows WHERE reporter = 'CN-FJ' AND "
        "flow = 'export' AND frequency = 'M' GROUP BY period",
        sample=True,
    ),
)


@dataclass(frozen=True)
class Tile:
    """One headline tile: the latest month and its growth rates (percent; None when undefined)."""

    headline: Headline
    as_of: str
    latest: float
    mom_pct: float | None
    ytd: float
    ytd_yoy_pct: float | None
    history: list[tuple[str, float]]

    def to_dict(self) -> dict:
        """Flat: the headline's fields beside the figures (without the SQL)."""
        d = asdict(self)
        head = d.pop("headline")
        head.pop("query")
        return {**head, **d}


def _pct(a: float, b: float) -> float | None:
    return None if not b or math.isnan(b) else 100.0 * (a / b - 1.0)


def tile(series: pd.DataFrame, h: Headline) -> Tile:
    """The tile of a monthly ``period, value`` series: latest, month on month, YTD year on year.

    YTD compares January…latest month with the same months a year earlier (累计同比).
    """
    s = series.dropna().sort_values("period").set_index("period")["value"]
    last = s.index[-1]
    year, month = last[:4], int(last[5:7])
    prev = (pd.Period(last, "M") - 1).strftime("%Y-%m")
    ytd = s[(s.index >= f"{year}-01") & (s.index <= last)].sum()
    before = [f"{int(year) - 1}-{m:02d}" for m in range(1, month + 1)]
    ytd0 = s.reindex(before)
    ytd_prev = ytd0.sum() if ytd0.notna().all() else float("nan")
    return Tile(
        h,
        last,
        float(s.iloc[-1]),
        _pct(s.iloc[-1], s.get(prev, float("nan"))),
        float(ytd),
        _pct(ytd, ytd_prev),
        [(p, float(v)) for p, v in s.tail(36).items()],
    )


def headline_tiles(wh: Warehouse) -> list[Tile]:
    """Tiles for the headline series the warehouse holds (a series with no rows is left out)."""
    out = []
    for h in HEADLINES:
        table = next(t for t in ("container_flows", "tourism_flows", "trade_flows") if t in h.query)
        if not wh.exists(table):
            continue
        df = wh.sql(h.query).to_pandas()
        df = df[df["period"].str.fullmatch(r"\d{4}-\d\d")]
        if not df.empty:
            out.append(tile(df, h))
    return out


def partner_shares(wh: Warehouse, reporter: str = "SGP", n: int = 10) -> dict | None:
    """Top partners of ``reporter`` over its latest 12 months, and Belt-and-Road / RCEP shares."""
    from haisi.reference.belt_road import SOURCE
    from haisi.reference.groups import GROUPS
    from haisi.reference.places import listed_names

    df = wh.sql(
        "SELECT period, partner, value, currency FROM trade_flows WHERE reporter = ? AND "
        "frequency = 'M' AND hs_code = 'TOTAL' AND value IS NOT NULL",
        params=[reporter],
    ).to_pandas()
    df = df[df["partner"].str.fullmatch(r"[A-Z]{3}") & (df["partner"] != "W00")]
    if df.empty:
        return None
    months = sorted(df["period"].unique())[-12:]
    df = df[df["period"].isin(months)]
    by = df.groupby("partner")["value"].sum().sort_values(ascending=False)
    total = by.sum()
    br = (
        set(
            wh.sql("SELECT iso3 FROM countries WHERE belt_road_since IS NOT NULL").to_pandas()[
                "iso3"
            ]
        )
        if wh.exists("countries")
        else set()
    )
    rcep = set(GROUPS["RCEP"].members)
    names = listed_names(by.head(n).index)
    top = [
        {
            "partner": p,
            "name_zh": names[p][0],
            "name_en": names[p][1],
            "value": float(v),
            "share_pct": 100 * v / total,
        }
        for p, v in by.head(n).items()
    ]
    return {
        "reporter": reporter,
        "period_from": months[0],
        "period_to": months[-1],
        "currency": df["currency"].iloc[0],
        "total": float(total),
        "top": top,
        "belt_road_pct": 100 * by[by.index.isin(br)].sum() / total,
        "belt_road_n": len(br),
        "belt_road_as_of": SOURCE["as_of"],
        "belt_road_source_zh": SOURCE["publisher_zh"],
        "belt_road_source_en": SOURCE["publisher_en"],
        "rcep_pct": 100 * by[by.index.isin(rcep)].sum() / total,
    }


def reliability(mase: float | None, coverage80: float | None) -> tuple[str, str]:
    """A plain-language grade of a forecast from its backtest: MASE below 1 beats the seasonal
    naive forecast; an 80 % interval should hold about 80 % of the backtest outcomes."""
    if mase is None or (isinstance(mase, float) and math.isnan(mase)):
        return "未评估", "not assessed"
    cov_ok = (
        coverage80 is None
        or (isinstance(coverage80, float) and math.isnan(coverage80))
        or coverage80 >= 0.65
    )
    if mase < 1.0 and cov_ok:
        return "较可靠", "good"
    if mase < 1.5:
        return "一般", "fair"
    return "较弱", "weak"


def forecast_cards(wh: Warehouse, limit: int = 8) -> list[dict]:
    """The latest stored forecast per series: title, unit, next periods, model and backtest
    reliability."""
    from haisi.api.charts import series_unit
    from haisi.models.forecast.service import titles

    if not wh.exists("forecasts"):
        return []
    df = wh.sql(
        "SELECT series_id, model, step, period, point, lo80, hi80, mase, coverage80, "
        "data_version, ingested_at FROM forecasts"
    ).to_pandas()
    out = []
    for sid, g in df.groupby("series_id"):
        g = g[g["ingested_at"] == g["ingested_at"].max()].sort_values("step")
        first = g.iloc[0]
        zh, en = reliability(first["mase"], first["coverage80"])
        title_zh, title_en = titles(sid)
        unit_zh, unit_en = series_unit(wh, sid)
        out.append(
            {
                "series_id": sid,
                "title_zh": title_zh,
                "title_en": title_en,
                "unit_zh": unit_zh,
                "unit_en": unit_en,
                "model": first["model"],
                "data_version": first["data_version"],
                "mase": first["mase"],
                "coverage80": first["coverage80"],
                "grade_zh": zh,
                "grade_en": en,
                "steps": g[["period", "point", "lo80", "hi80"]].to_dict("records"),
            }
        )
    return sorted(out, key=lambda c: c["series_id"])[:limit]
