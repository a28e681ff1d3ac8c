"""Gravity panels as trade flows: the Yotov et al. (2016) AGTPA panel and the Head–Mayer–Ries
cross-section. Flows are in million USD in both files; stored in USD. Domestic flows
(exporter = importer, AGTPA only) get flow ``domestic``. The pair covariates (distance, dummies)
stay in the source files, which the gravity model reads directly.
"""

from __future__ import annotations

import pandas as pd
from haisi.crawlers.feeds.base import BaseFeed, FeedResult, RowError, conform
from haisi.crawlers.feeds.tabular import check_values, numeric, raise_if, read_frame, resolve

__all__ = ["YotovPanelFeed", "HmrGravityFeed", "LEGACY_CODES"]

LEGACY_CODES = {
    "RKO": "KOR",
    "FRG": "DEU",
    "SUN": "RUS",
    "CZS": "CZE",
    "ROM": "ROU",
    "ZAR": "COD",
    "TMP": "TLS",
    "YUG": "SRB",
}  # pre-ISO codes these panels still use


def _iso(code: str) -> str | None:
    from haisi.reference.countries import resolve_country

    return LEGACY_CODES.get(code) or (resolve_country(code) if len(code) == 3 else None)


class _GravityFeed(BaseFeed):
    table = "trade_flows"
    source_id = ""
    origin = destination = period_col = value_col = ""
    year = ""  # the period of a cross-section without a year column
    product = "TOTAL"

    def _parse(self, raw: bytes, file: str) -> FeedResult:
        cols = tuple(
            c for c in (self.origin, self.destination, self.period_col, self.value_col) if c
        )
        df = read_frame(raw, file=file, required=cols)
        errors: list[RowError] = []
        if self.period_col:
            check_values(
                df,
                self.period_col,
                lambda s: s.str.fullmatch(r"(19|20)\d\d"),
                file=file,
                errors=errors,
                what="year",
            )
        value = numeric(df, self.value_col, file=file, errors=errors, required=True, scale=1e6)
        raise_if(errors)
        reporter, un_r = resolve(df[self.origin], _iso)
        partner, un_p = resolve(df[self.destination], _iso)
        unresolved = {f"exporter {k}": v for k, v in un_r.items()}
        unresolved.update({f"importer {k}": v for k, v in un_p.items()})
        keep = (reporter.notna() & partner.notna()).to_numpy()
        out = pd.DataFrame(
            {
                "period": df[self.period_col] if self.period_col else self.year,
                "reporter": reporter,
                "partner": partner,
                "flow": (reporter == partner).map({True: "domestic", False: "export"}),
                "value": value,
            }
        )[keep]
        rows = conform(
            self.table,
            out,
            {
                "frequency": "A",
                "hs_code": self.product,
                "hs_revision": "",
                "regime": "",
                "mode": "",
                "currency": "USD",
            },
        )
        return FeedResult(self.table, rows, [], unresolved, rows_read=len(df))


class YotovPanelFeed(_GravityFeed):
    """AGTPA structural-gravity panel: exporter, importer, year, trade
    (manufacturing, million USD)."""

    name = "gravity-agtpa"
    source_id = "yotov2016_agtpa"
    description = "Yotov et al. (2016) AGTPA gravity panel, manufacturing 结构引力模型面板"
    origin, destination, period_col, value_col = "exporter", "importer", "year", "trade"
    product = "MANUF"


class HmrGravityFeed(_GravityFeed):
    """Head–Mayer–Ries cross-section (about 2006): iso_o, iso_d, flow (million USD)."""

    name = "gravity-hmr"
    source_id = "hmr_gravity"
    description = "Head–Mayer–Ries gravity cross-section (~2006) 引力模型截面数据"
    origin, destination, value_col = "iso_o", "iso_d", "flow"
    year = "2006"
