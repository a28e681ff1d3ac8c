"""One figure per link or series from ``trade_flows``, ``tourism_flows`` and (containers
across the strait) ``container_flows``.

Sources report at several granularities at once; this module is the one place that reduces
them to one consistent figure, so the network, the forecasts and the maps count alike.

Notes
-----
Within each (source, reporter, partner, flow, product, period) of trade — (source, origin,
destination, measure, period) of tourism — the rows are reduced in this order:

- **frequency**: with a target ``granularity`` (``A``, ``Q``, ``M``) native periods are mapped
  onto it and the coarsest native frequency wins (an annual figure over the sum of its months);
  without one, periods stay as stored and each frequency is its own series;
- **HS level**: ``TOTAL`` rows win; otherwise the coarsest level present is summed (never two
  levels at once, which would count a value twice); for an HS prefix or per chapter likewise;
- **breakdowns**: rows for all customs regimes (``regime = ''``) win over per-regime rows,
  which are summed otherwise; then the same for transport modes (tourism: purpose, mode).

Then one source is chosen, so a figure is never the sum of two sources' reports of one thing:
``choose="latest"`` keeps each link's report ingested last (a network of one period);
``choose="largest"`` keeps, per reporter (tourism: destination), the source and currency (unit)
with most rows in the selection, so a series does not switch source over time. Values in
different currencies or units are never added.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Literal

import pandas as pd
from haisi.warehouse.filters import Filters

from haisi.errors import InvalidInput, NotFound

__all__ = [
    "TEU_DIRECTIONS",
    "choose_latest",
    "parse_period",
    "period_filter",
    "teu_with_taiwan",
    "tourism_figures",
    "trade_figures",
]

Choice = Literal["latest", "largest"] | None

_PERIOD = re.compile(r"^(\d{4})(?:Q([1-4])|-(0[1-9]|1[0-2]))?$")
_FREQ_RANK = {"A": 0, "Q": 1, "M": 2}
_TRADE_COLUMNS = [
    "source_id",
    "reporter",
    "partner",
    "flow",
    "period",
    "frequency",
    "hs_code",
    "regime",
    "mode",
    "currency",
    "value",
    "ingested_at",
]
_TOURISM_COLUMNS = [
    "source_id",
    "origin",
    "destination",
    "measure",
    "period",
    "frequency",
    "purpose",
    "mode",
    "unit",
    "value",
    "ingested_at",
]


def parse_period(period: str) -> str:
    """The granularity of a period string: ``A`` (2024), ``Q`` (2024Q1) or ``M`` (2024-03)."""
    m = _PERIOD.match(period or "")
    if not m:
        raise InvalidInput(
            f"期间格式无效 period must be YYYY, YYYYQn or YYYY-MM, got {period!r}",
            detail={"field": "period"},
        )
    return "Q" if m.group(2) else "M" if m.group(3) else "A"


def period_filter(period: str) -> Any:
    """The ``period`` filter for all native rows inside ``period`` (a year: its quarters and
    months; a quarter: its months)."""
    g = parse_period(period)
    if g == "A":
        return ("prefix", period)
    if g == "Q":
        y, q = period[:4], int(period[5])
        return [period, *(f"{y}-{m:02d}" for m in range(3 * q - 2, 3 * q + 1))]
    return period


def trade_figures(
    wh: Any,
    *,
    period: str | None = None,
    granularity: str | None = None,
    product: str = "TOTAL",
    levels: Sequence[int] | None = None,
    filters: Filters | None = None,
    any_of: Sequence[Filters] | None = None,
    choose: Choice = None,
) -> pd.DataFrame:
    """One value per source (or chosen source), reporter, partner, flow, product and period.

    ``product`` is ``TOTAL``, an HS code prefix (``"85"``, ``"8542"``) or ``"chapters"`` (one
    figure per HS chapter). ``levels`` limits the HS levels a figure may be built from
    (``(0, 2)``: TOTAL rows and chapters only, so a source publishing only HS 8542 gives no
    TOTAL); by default the coarsest level present is used. ``filters`` / ``any_of`` are scan
    filters on ``trade_flows``.
    Returns ``source_id, reporter, partner, flow, product, period, frequency, currency, value,
    n_sub, ingested_at``; ``frequency`` is the native one used, ``n_sub`` counts the native
    periods summed (12 months for a full year).
    """
    cond = dict(filters or {})
    if product == "chapters":
        cond["hs_code"] = ("!=", "TOTAL")
    elif product != "TOTAL":
        if not re.fullmatch(r"\d{2,10}", product):
            raise InvalidInput(
                f"商品编码无效 product must be TOTAL, chapters or HS digits, got {product!r}",
                detail={"field": "product"},
            )
        cond["hs_code"] = ("prefix", product)
    df = _rows(wh, "trade_flows", _TRADE_COLUMNS, cond, period, any_of)
    if product == "chapters":
        df["product"] = df["hs_code"].str[:2]
    else:
        df["product"] = product
    df["level"] = df["hs_code"].where(df["hs_code"] != "TOTAL", "").str.len()
    if levels is not None:
        df = df[df["level"].isin(list(levels))]
    link = ["reporter", "partner", "flow", "product"]
    if choose == "largest":
        df = _largest(df, "reporter", "currency")
    df = _reduce(df, granularity, link, ["level", "regime", "mode"], "currency")
    return _done(df, choose, link)


def tourism_figures(
    wh: Any,
    *,
    period: str | None = None,
    granularity: str | None = None,
    filters: Filters | None = None,
    any_of: Sequence[Filters] | None = None,
    choose: Choice = None,
) -> pd.DataFrame:
    """One value per source (or chosen source), origin, destination, measure and period.

    Returns ``source_id, origin, destination, measure, period, frequency, unit, value, n_sub,
    ingested_at`` (see :func:`trade_figures`).
    """
    df = _rows(wh, "tourism_flows", _TOURISM_COLUMNS, dict(filters or {}), period, any_of)
    link = ["origin", "destination", "measure"]
    if choose == "largest":
        df = _largest(df, "destination", "unit")
    df = _reduce(df, granularity, link, ["purpose", "mode"], "unit")
    return _done(df, choose, link)


#: to_taiwan: mainland port → Taiwan port; from_taiwan: Taiwan port → mainland port
TEU_DIRECTIONS = ("to_taiwan", "from_taiwan")


def teu_with_taiwan(wh: Any, direction: str) -> pd.DataFrame:
    """Containers between mainland ports and Taiwan's in one direction, one row per stored month
    and port pair: ``period, port`` (mainland), ``taiwan_port, teu, port_name,
    taiwan_port_name`` (the names as the source writes them)."""
    if direction not in TEU_DIRECTIONS:
        raise InvalidInput(
            f"未知方向 unknown direction {direction!r}; use {', '.join(TEU_DIRECTIONS)}",
            detail={"field": "direction"},
        )
    if not wh.exists("container_flows"):
        raise NotFound("无集装箱数据 container_flows holds no data (run `haisi demo` or ingest)")
    mainland, taiwan = (
        ("origin", "destination") if direction == "to_taiwan" else ("destination", "origin")
    )
    return wh.sql(
        f"SELECT period, {mainland} AS port, {taiwan} AS taiwan_port, teu, "
        f"{mainland}_name AS port_name, {taiwan}_name AS taiwan_port_name "
        f"FROM container_flows WHERE {taiwan} LIKE 'TW%' AND teu IS NOT NULL"
    ).to_pandas()


def choose_latest(df: pd.DataFrame, link: Sequence[str]) -> pd.DataFrame:
    """Each ``link``'s (and period's) figure from the source ingested last."""
    return df.sort_values(["ingested_at", "source_id"]).drop_duplicates(
        [*link, "period"], keep="last"
    )


def _rows(
    wh: Any,
    table: str,
    columns: list[str],
    cond: dict,
    period: str | None,
    any_of: Sequence[Filters] | None,
) -> pd.DataFrame:
    cond["value"] = ("not null",)
    if period is not None:
        cond["period"] = period_filter(period)
    if not wh.exists(table):
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    return wh.scan(table, filters=cond, any_of=any_of, columns=columns).to_pandas()


def _reduce(
    df: pd.DataFrame, granularity: str | None, link: list[str], ranks: list[str], money: str
) -> pd.DataFrame:
    """Apply the frequency, level and breakdown rules (module notes) and sum what is left."""
    out = [*link, "period", money, "frequency", "value", "n_sub", "ingested_at", "source_id"]
    if df.empty:
        return pd.DataFrame(
            {
                c: pd.Series(dtype="int64" if c == "n_sub" else "object")
                for c in ["source_id", *out[:-1]]
            }
        )
    if granularity is None:
        df["period_t"] = df["period"]
        group = ["source_id", *link, "period_t", "frequency"]
    else:
        df["period_t"] = _to_granularity(df["period"], df["frequency"], granularity)
        df = df[df["period_t"].notna()].copy()
        df["freq_rank"] = df["frequency"].map(_FREQ_RANK).fillna(3)
        ranks = ["freq_rank", *ranks]
        group = ["source_id", *link, "period_t"]
    for col in ranks:
        rank = df[col] if col in ("freq_rank", "level") else (df[col] != "").astype(int)
        df = df[rank == rank.groupby([df[g] for g in group]).transform("min")]
    # Summing in value order makes a total independent of the scan's row order (bit for bit).
    df = df.sort_values("value", kind="stable")
    res = df.groupby([*dict.fromkeys([*group, money, "frequency"])], as_index=False).agg(
        value=("value", "sum"), n_sub=("period", "nunique"), ingested_at=("ingested_at", "max")
    )
    res = res.drop(columns=["period"], errors="ignore").rename(columns={"period_t": "period"})
    return res[["source_id", *out[:-1]]]


def _largest(df: pd.DataFrame, reporter: str, money: str) -> pd.DataFrame:
    """Rows of each reporter's source and currency (unit) with most rows in the selection."""
    if df.empty:
        return df
    best = (
        df.groupby([reporter, "source_id", money])
        .size()
        .reset_index(name="n")
        .sort_values([reporter, "n", "source_id"], ascending=[True, False, True])
        .drop_duplicates(reporter)
    )
    return df.merge(best[[reporter, "source_id", money]], how="inner")


def _done(df: pd.DataFrame, choose: Choice, link: list[str]) -> pd.DataFrame:
    if choose == "latest":
        df = choose_latest(df, link)
    return df.sort_values([*link, "period", "source_id"], ignore_index=True)


def _to_granularity(period: pd.Series, freq: pd.Series, target: str) -> pd.Series:
    """Map native periods to the target granularity; None where the row is coarser."""
    year = period.str[:4]
    month = pd.to_numeric(period.str[5:7], errors="coerce")
    quarter = year + "Q" + ((month - 1) // 3 + 1).astype("Int64").astype(str)
    if target == "A":
        return year
    if target == "Q":
        return period.where(freq == "Q", quarter.where(freq == "M"))
    return period.where(freq == "M")
