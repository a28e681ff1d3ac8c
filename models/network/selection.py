"""Select trade reports from the warehouse and turn them into the directed edges of one network.

A network is defined by a :class:`Selection`: period (``2024``, ``2024Q1`` or ``2024-03``), flow
(``export``, ``import`` or ``total``), product (``TOTAL`` or an HS code prefix) and, optionally,
one source. Edges always point from exporter to importer.

Notes
-----
Each (source, reporter, partner, flow) series is reduced to one figure per period by
:mod:`haisi.warehouse.figures` (coarsest frequency, coarsest HS level, all-regime and
all-mode rows first), the rules the forecasts and maps use too.

``re_export`` / ``re_import`` rows are left out: most sources already include them in
exports / imports. Partners that are not countries or Chinese provinces (``W00`` world,
regional aggregates) and domestic flows (exporter = importer) are dropped. When two sources
report the same link, the one ingested last is used. For ``flow="total"`` each link takes the
importer's report where there is one (CIF, usually the more complete record) and the
exporter's otherwise; :func:`models.network.mirror.mirror_gaps` shows how far they differ.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from haisi.models.network.nodes import is_node_code
from haisi.warehouse import figures

from haisi.errors import Conflict, InvalidInput, NotFound

__all__ = ["NetworkError", "Selection", "parse_period", "reports", "edges_for"]

FLOWS = ("export", "import", "total")


class NetworkError(InvalidInput):
    """A request the network models cannot answer; the message says why (zh + en)."""


class MixedCurrencies(Conflict, NetworkError):
    """A valid selection whose stored rows are in several currencies: a conflict with what the
    store holds (409), resolved by picking a source or currency; the message names them."""


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
    try:
        return figures.parse_period(period)
    except InvalidInput as e:
        raise NetworkError(str(e)) from None


def reports(
    wh,
    *,
    period: str | None,
    product: str = "TOTAL",
    granularity: str | None = None,
    source: str | None = None,
    currency: str | None = None,
    any_of: list[dict] | None = None,
) -> pd.DataFrame:
    """Reported values per source, reporter, partner, flow and period (at ``granularity``).

    The figures are :func:`haisi.warehouse.figures.trade_figures` of exports and imports.
    Returns columns ``source_id, reporter, partner, flow, product, period, currency, frequency,
    value, n_sub, ingested_at``.
    """
    target = granularity or (parse_period(period) if period else "A")
    if not wh.exists("trade_flows"):
        raise NotFound("仓库中没有贸易流量 the warehouse has no trade_flows table yet")
    filters: dict = {"flow": ["export", "import"]}
    if source:
        filters["source_id"] = source
    if currency:
        filters["currency"] = currency
    return figures.trade_figures(
        wh, period=period, granularity=target, product=product, filters=filters, any_of=any_of
    )


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
    rep = figures.choose_latest(rep[keep], ["exporter", "importer", "basis"])
    if sel.flow != "total":
        rep = rep[rep["basis"] == sel.flow]
    else:
        rep = rep.sort_values("basis", key=lambda s: s.eq("import")).drop_duplicates(
            ["exporter", "importer"], keep="last"
        )
    currencies = sorted(rep["currency"].unique())
    if len(currencies) > 1:
        by_source = rep.groupby("currency")["source_id"].unique().map(list).to_dict()
        raise MixedCurrencies(
            f"所选数据含多种币种，请指定来源 the selection mixes currencies {currencies} "
            f"(sources by currency: {by_source}); pass source=… or currency=… to pick one"
        )
    return rep[cols].sort_values(["exporter", "importer"]).reset_index(drop=True)
