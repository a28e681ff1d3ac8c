"""Select trade reports from the warehouse and turn them into the directed edges of one network.

A network is defined by a :class:`Selection`: period (``2024``, ``2024Q1`` or ``2024-03``), flow
(``export``, ``import`` or ``total``), product (``TOTAL`` or an HS code prefix) and, optionally,
one source. Edges always point from exporter to importer.

Notes
-----
Sources report at several granularities at once, so each (source, reporter, partner, flow)
series is reduced to one consistent set of rows before summing:

- the coarsest frequency available wins (an annual figure over the sum of its months);
- for ``TOTAL`` the ``TOTAL`` rows win, otherwise the coarsest HS level present is summed
  (never two levels at once, which would count a value twice); likewise for an HS prefix;
- rows for all regimes / modes (``''``) win over per-regime rows, which are summed otherwise.

``re_export`` / ``re_import`` rows are left out: most sources already include them in
exports / imports. Partners that are not countries or Chinese provinces (``W00`` world,
regional aggregates) and domestic flows (exporter = importer) are dropped. When two sources
report the same link, the one ingested last is used. For ``flow="total"`` each link takes the
importer's report where there is one (CIF, usually the more complete record) and the
exporter's otherwise; :func:`models.network.mirror.mirror_gaps` shows how far they differ.
"""

from __future__ import annotations

from haisi.errors import InvalidInput, NotFound


import re
from dataclasses import dataclass

import pandas as pd

from haisi.models.network.nodes import is_node_code

__all__ = ["NetworkError", "Selection", "parse_period", "reports", "edges_for"]

FLOWS = ("export", "import", "total")
_PERIOD = re.compile(r"^(\d{4})(?:Q([1-4])|-(0[1-9]|1[0-2]))?$")
_FREQ_RANK = {"A": 0, "Q": 1, "M": 2}


class NetworkError(InvalidInput):
    """A request the network models cannot answer; the message says why (zh + en)."""


@dataclass(frozen=True)
class Selection:
    """Which network: period, flow, product and (optionally) one source and one currency."""

    period: str
    flow: str = "total"
    product: str = "TOTAL"
    source: str | None = None
    currency: str | None = None

    def __post_init__(self) -> None:
        parse_period(self.period)
        if self.flow not in FLOWS:
            raise NetworkError(
                f"流向无效 unknown flow {self.flow!r}; expected one of {list(FLOWS)}"
            )
        if self.product != "TOTAL" and not re.fullmatch(r"\d{2,10}", self.product):
            raise NetworkError(
                f"商品编码无效 product must be TOTAL or HS digits, got {self.product!r}"
            )
        if self.currency is not None and not re.fullmatch(r"[A-Z]{3}", self.currency):
            raise NetworkError(f"币种无效 currency must be an ISO 4217 code, got {self.currency!r}")


def parse_period(period: str) -> str:
    """The granularity of a period string: ``A`` (2024), ``Q`` (2024Q1) or ``M`` (2024-03)."""
    m = _PERIOD.match(period or "")
    if not m:
        raise NetworkError(f"期间格式无效 period must be YYYY, YYYYQn or YYYY-MM, got {period!r}")
    return "Q" if m.group(2) else "M" if m.group(3) else "A"


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


def _period_sql(period: str | None) -> str:
    if period is None:
        return "TRUE"
    g, y = parse_period(period), period[:4]
    if g == "A":
        return f"(period = '{y}' OR period LIKE '{y}-%' OR period LIKE '{y}Q%')"
    if g == "Q":
        q = int(period[5])
        months = ", ".join(f"'{y}-{m:02d}'" for m in range(3 * q - 2, 3 * q + 1))
        return f"(period = '{period}' OR period IN ({months}))"
    return f"period = '{period}'"


def _product_sql(product: str) -> str:
    return "TRUE" if product == "TOTAL" else f"(hs_code LIKE '{product}%')"


def reports(
    wh,
    *,
    period: str | None,
    product: str = "TOTAL",
    granularity: str | None = None,
    source: str | None = None,
    currency: str | None = None,
    where: str | None = None,
) -> pd.DataFrame:
    """Reported values per source, reporter, partner, flow and period (at ``granularity``).

    Returns columns ``source_id, reporter, partner, flow, period, currency, frequency, value,
    n_sub, ingested_at``; ``frequency`` is the native one used and ``n_sub`` counts the native
    periods summed (12 months for a full year).
    """
    target = granularity or (parse_period(period) if period else "A")
    conds = [
        _period_sql(period),
        _product_sql(product),
        "flow IN ('export', 'import')",
        "value IS NOT NULL",
    ]
    if source:
        conds.append(f"source_id = '{source.replace(chr(39), '')}'")
    if currency:
        conds.append(f"currency = '{currency.replace(chr(39), '')}'")
    if where:
        conds.append(where)
    if not wh.exists("trade_flows"):
        raise NotFound("仓库中没有贸易流量 the warehouse has no trade_flows table yet")
    cols = [
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
    df = wh.scan("trade_flows", where=" AND ".join(conds), columns=cols).to_pandas()
    if df.empty:
        return df.assign(n_sub=pd.Series(dtype="int64"))
    df["period_t"] = _to_granularity(df["period"], df["frequency"], target)
    df = df[df["period_t"].notna()]
    df["freq_rank"] = df["frequency"].map(_FREQ_RANK).fillna(3)
    df["level"] = df["hs_code"].where(df["hs_code"] != "TOTAL", "").str.len()
    df["regime_all"] = (df["regime"] != "").astype(int)
    df["mode_all"] = (df["mode"] != "").astype(int)
    group = ["source_id", "reporter", "partner", "flow", "period_t"]
    for col in ("freq_rank", "level", "regime_all", "mode_all"):
        df = df[df[col] == df.groupby(group)[col].transform("min")]
    out = df.groupby(group + ["currency", "frequency"], as_index=False).agg(
        value=("value", "sum"), n_sub=("period", "nunique"), ingested_at=("ingested_at", "max")
    )
    return out.rename(columns={"period_t": "period"})


def edges_for(wh, sel: Selection) -> pd.DataFrame:
    """Directed, valued edges of one network: exporter, importer, value, currency, basis, source."""
    rep = reports(
        wh, period=sel.period, product=sel.product, source=sel.source, currency=sel.currency
    )
    cols = ["exporter", "importer", "value", "currency", "basis", "source_id"]
    if rep.empty:
        return pd.DataFrame(columns=cols)
    out = rep["flow"] == "export"
    rep = rep.assign(
        exporter=rep["reporter"].where(out, rep["partner"]),
        importer=rep["partner"].where(out, rep["reporter"]),
        basis=rep["flow"],
    )
    keep = (
        (rep["exporter"] != rep["importer"])
        & rep["exporter"].map(is_node_code)
        & rep["importer"].map(is_node_code)
        & (rep["value"] > 0)
    )
    rep = rep[keep].sort_values(["ingested_at", "source_id"])
    rep = rep.drop_duplicates(["exporter", "importer", "basis"], keep="last")
    if sel.flow != "total":
        rep = rep[rep["basis"] == sel.flow]
    else:
        rep = rep.sort_values("basis", key=lambda s: s.eq("import")).drop_duplicates(
            ["exporter", "importer"], keep="last"
        )
    currencies = sorted(rep["currency"].unique())
    if len(currencies) > 1:
        by_source = rep.groupby("currency")["source_id"].unique().map(list).to_dict()
        raise NetworkError(
            f"所选数据含多种币种，请指定来源 the selection mixes currencies {currencies} "
            f"(sources by currency: {by_source}); pass source=… or currency=… to pick one"
        )
    return rep[cols].sort_values(["exporter", "importer"]).reset_index(drop=True)
