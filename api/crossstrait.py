"""Cross-strait figures from the warehouse: TEU by port and month (with forecasts), visitor
arrivals by residence and purpose, and trade as each side's customs reports it.

Every function reads stored rows only (no hard-coded figures); the router and the pages share them.
"""

from __future__ import annotations

import pandas as pd
from haisi.warehouse import Warehouse
from haisi.warehouse.figures import TEU_DIRECTIONS, teu_with_taiwan

from haisi.errors import Conflict, NotFound

__all__ = [
    "DIRECTIONS",
    "DEMO_TEU",
    "teu_monthly",
    "teu_ports",
    "teu_forecast",
    "visitors_monthly",
    "visitor_residences",
    "trade_both_sides",
    "taiwan_ports",
]

#: to_taiwan: mainland port → Taiwan port; from_taiwan: Taiwan port → mainland port.
DIRECTIONS = TEU_DIRECTIONS
#: The series the demo forecasts up front (Fuzhou and Xiamen, both directions).
DEMO_TEU = (
    ("CNFOC", "to_taiwan"),
    ("CNFOC", "from_taiwan"),
    ("CNXMN", "to_taiwan"),
    ("CNXMN", "from_taiwan"),
)


def _check_range(period_from: str | None, period_to: str | None) -> None:
    """An inverted range: valid parts that conflict with each other (409, see api/README.md)."""
    if period_from and period_to and period_from > period_to:
        raise Conflict(
            f"期间起点晚于终点 period_from {period_from} is after period_to {period_to}",
            detail={"field": "period_from"},
        )


def teu_monthly(
    wh: Warehouse,
    port: str,
    direction: str,
    period_from: str | None = None,
    period_to: str | None = None,
    taiwan_port: str | None = None,
) -> pd.DataFrame:
    """Monthly TEU between ``port`` and Taiwan (all Taiwan ports, or one) in one direction."""
    _check_range(period_from, period_to)
    df = teu_with_taiwan(wh, direction)
    df = df[df["port"] == port]
    if df.empty:
        raise NotFound(
            f"无此港口的两岸集装箱数据 no cross-strait TEU rows for port {port!r}",
            detail={"field": "port"},
        )
    if taiwan_port:
        df = df[df["taiwan_port"] == taiwan_port]
    if period_from:
        df = df[df["period"] >= period_from]
    if period_to:
        df = df[df["period"] <= period_to]
    out = df.groupby("period", as_index=False)["teu"].sum().sort_values("period")
    return out.assign(port=port, direction=direction, taiwan_port=taiwan_port or "ALL")[
        ["period", "port", "taiwan_port", "direction", "teu"]
    ].reset_index(drop=True)


def teu_ports(wh: Warehouse, direction: str, n: int = 15) -> pd.DataFrame:
    """Mainland ports by total TEU with Taiwan in ``direction`` (largest first), with names."""
    df = teu_with_taiwan(wh, direction)
    tot = (
        df.groupby("port", as_index=False)["teu"].sum().sort_values("teu", ascending=False).head(n)
    )
    tot = tot.assign(last_period=tot["port"].map(df.groupby("port")["period"].max()))
    return _named(tot, df, "port")[["port", "name_zh", "name_en", "teu", "last_period"]]


def taiwan_ports(wh: Warehouse) -> pd.DataFrame:
    """Taiwan ports with containers to or from the mainland (``port``, ``name_zh``, ``name_en``),
    busiest first; codes with under 0.1 % of the containers (the source also lists terminals and
    carriers' codes, without names) are left out."""
    df = pd.concat([teu_with_taiwan(wh, d) for d in DIRECTIONS], ignore_index=True)
    tot = df.groupby("taiwan_port", as_index=False)["teu"].sum()
    tot = tot[tot["taiwan_port"].str.fullmatch(r"TW[A-Z]{3}")]
    tot = tot[tot["teu"] >= 0.001 * tot["teu"].sum()].sort_values("teu", ascending=False)
    return _named(tot.rename(columns={"taiwan_port": "port"}), df, "taiwan_port")[
        ["port", "name_zh", "name_en"]
    ]


def _named(tot: pd.DataFrame, rows: pd.DataFrame, col: str) -> pd.DataFrame:
    """``tot`` (one row per ``port``) with the reference's names, or the source's own."""
    from haisi.reference.ports import port_names

    written = rows.dropna(subset=[f"{col}_name"]).groupby(col)[f"{col}_name"].first()
    names = [port_names(p, written.get(p)) for p in tot["port"]]
    return tot.assign(name_zh=[zh for zh, _ in names], name_en=[en for _, en in names]).reset_index(
        drop=True
    )


def teu_forecast(wh: Warehouse, port: str, direction: str) -> pd.DataFrame:
    """The published forecast of one port's monthly TEU with Taiwan, fitted and published when
    the current data has none (the scheduled refresh republishes it on new data)."""
    from haisi.models.forecast.service import publish_forecast

    return publish_forecast(wh, f"teu/{port}/{direction}")


def visitor_residences(wh: Warehouse) -> pd.DataFrame:
    """Residences of visitors to Taiwan with their total arrivals (largest first)."""
    df = wh.sql(
        "SELECT origin, sum(value) AS value FROM tourism_flows WHERE destination = 'TWN' "
        "AND measure = 'arrivals' GROUP BY origin ORDER BY value DESC"
    ).to_pandas()
    return df


def visitors_monthly(
    wh: Warehouse, residence: str, period_from: str | None = None, period_to: str | None = None
) -> pd.DataFrame:
    """Monthly arrivals to Taiwan from ``residence``: total and one column per purpose."""
    from haisi.crawlers.feeds.crossstrait import PURPOSES

    _check_range(period_from, period_to)
    df = wh.sql(
        "SELECT period, purpose, value FROM tourism_flows WHERE destination = 'TWN' AND "
        "measure = 'arrivals' AND origin = ? AND value IS NOT NULL",
        params=[residence],
    ).to_pandas()
    if df.empty:
        raise NotFound(
            f"无此客源地的来台旅客数据 no visitor arrivals to Taiwan from {residence!r}",
            detail={"field": "residence"},
        )
    if period_from:
        df = df[df["period"] >= period_from]
    if period_to:
        df = df[df["period"] <= period_to]
    wide = df.pivot_table(
        index="period", columns="purpose", values="value", aggfunc="sum", fill_value=0.0
    )
    cols = [c for c in PURPOSES.values() if c in wide.columns]
    wide = wide.reindex(columns=cols, fill_value=0.0)
    wide.insert(0, "total", wide.sum(axis=1))
    return wide.reset_index().assign(residence=residence)


#: (reporter, flow, partner) of each column of the both-sides table.
_BOTH = {
    "tw_export_cn": ("TWN", "export", "CHN"),
    "tw_import_cn": ("TWN", "import", "CHN"),
    "cn_import_tw": ("CHN", "import", "TWN"),
    "cn_export_tw": ("CHN", "export", "TWN"),
    "tw_export_cnhk": ("TWN", "export", "CHN_HKG"),
    "tw_import_cnhk": ("TWN", "import", "CHN_HKG"),
}


def trade_both_sides(wh: Warehouse) -> pd.DataFrame:
    """Annual cross-strait trade as each side reports it and the mirror gaps (US$).

    ``gap_export`` = what China's customs records as imports from Taiwan minus what Taiwan's
    customs records as exports to China (same flow, two reporters); ``gap_import`` likewise.
    """
    df = wh.sql(
        "SELECT period, frequency, reporter, flow, partner, value FROM trade_flows "
        "WHERE source_id = 'tw_mac_crossstrait' AND hs_code = 'TOTAL'"
    ).to_pandas()
    if df.empty:
        raise NotFound("无两岸贸易数据 no cross-strait both-sides trade rows (run `haisi demo`)")
    key = {v: k for k, v in _BOTH.items()}
    df["col"] = [key.get((r, f, p)) for r, f, p in zip(df.reporter, df.flow, df.partner)]
    wide = (
        df.dropna(subset=["col"])
        .pivot_table(index=["period", "frequency"], columns="col", values="value", aggfunc="sum")
        .reset_index()
    )
    wide["gap_export"] = wide["cn_import_tw"] - wide["tw_export_cn"]
    wide["gap_export_pct"] = 100 * wide["gap_export"] / wide["tw_export_cn"]
    wide["gap_import"] = wide["tw_import_cn"] - wide["cn_export_tw"]
    wide["gap_import_pct"] = 100 * wide["gap_import"] / wide["cn_export_tw"]
    wide.columns.name = None
    return wide.sort_values("period").reset_index(drop=True)
