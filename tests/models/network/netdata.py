"""Real trade data in the trade_flows layout, for the network tests.

Sources (all under ``shared/data/trade``): SingStat monthly by market (Singapore reports
imports and exports, SGD), the Yotov panel (bilateral flows, million USD), Taiwan customs HS
8542 exports by destination (USD, Chinese names), the KOR/JPN/USA–China monthly series and
UN Comtrade China-reported exports (for mirror statistics).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from haisi.models.network.nodes import is_node_code
from haisi.reference.countries import resolve_country
from haisi.warehouse import Provenance, Warehouse

_FILL = {
    "hs_revision": "H6",
    "regime": "",
    "mode": "",
    "quantity": None,
    "quantity_unit": None,
    "supp_quantity": None,
    "supp_unit": None,
    "vintage": "final",
}


def _frame(df: pd.DataFrame, **const) -> pd.DataFrame:
    keys = ["period", "frequency", "reporter", "partner", "flow", "hs_code", "currency"]
    df = df.assign(**const)
    df = df.groupby(keys, as_index=False)["value"].sum(min_count=1)
    return df.assign(**{k: v for k, v in _FILL.items() if k not in df})


def singstat(shared: Path, start: str = "2018-01", end: str = "2020-12") -> pd.DataFrame:
    d = pd.read_csv(
        shared
        / "trade"
        / "singstat_monthly_by_market"
        / "singstat_merchandise_trade_by_market_monthly_1976-01_2020-12.csv"
    )
    d = d[~d["is_aggregate"] & d["period"].between(start, end)]
    return _frame(
        pd.DataFrame(
            {
                "period": d["period"],
                "partner": d["market"].map(resolve_country),
                "flow": d["flow"],
                "value": d["value_sgd_thousand"] * 1000,
            }
        ),
        frequency="M",
        reporter="SGP",
        hs_code="TOTAL",
        currency="SGD",
    )


def yotov(shared: Path, years=(2002, 2006)) -> pd.DataFrame:
    d = pd.read_parquet(shared / "trade" / "yotov2016_agtpa" / "agtpa_applications.parquet")
    d = d[d["year"].isin(years)]
    iso = {c: c if is_node_code(c) else resolve_country(c) for c in set(d["exporter"])}  # ROM → ROU
    return _frame(
        pd.DataFrame(
            {
                "period": d["year"].astype(str),
                "reporter": d["importer"].map(iso),
                "partner": d["exporter"].map(iso),
                "value": d["trade"] * 1e6,
            }
        ),
        frequency="A",
        flow="import",
        hs_code="TOTAL",
        currency="USD",
    )


def taiwan(shared: Path) -> pd.DataFrame:
    d = pd.read_csv(
        shared / "trade" / "taiwan_hs8542_exports" / "taiwan_exports_by_country_2013_2025.csv",
        dtype={"HS Code": str},
    )
    d = d[d["Year"] < 2025]
    partner = d["Country"].map(resolve_country)
    d, partner = d[partner.notna()], partner[partner.notna()]
    return _frame(
        pd.DataFrame(
            {
                "period": d["Year"].astype(str),
                "partner": partner,
                "hs_code": d["HS Code"],
                "value": d["Export Value (USD)"],
            }
        ),
        frequency="A",
        reporter="TWN",
        flow="export",
        currency="USD",
    )


def china_bilateral(shared: Path) -> pd.DataFrame:
    d = pd.read_csv(
        shared / "trade" / "china_bilateral_monthly" / "china_bilateral_monthly_2001-01_2017-12.csv"
    )
    return _frame(
        pd.DataFrame(
            {
                "period": d["period"],
                "reporter": d["reporter_iso3"],
                "partner": d["partner_iso3"],
                "flow": d["flow"],
                "currency": d["currency"],
                "value": d["value"] * d["unit_multiplier"],
            }
        ),
        frequency="M",
        hs_code="TOTAL",
    )


def comtrade_china_exports(shared: Path) -> pd.DataFrame:
    d = pd.read_csv(
        shared / "trade" / "api_fixtures" / "comtrade" / "comtradr_parsed_example_2.csv"
    )
    return _frame(
        pd.DataFrame(
            {
                "period": d["period"].astype(str),
                "reporter": d["reporter_iso"],
                "partner": d["partner_iso"],
                "flow": d["flow_desc"].str.lower(),
                "hs_code": d["cmd_code"],
                "value": d["primary_value"],
            }
        ),
        frequency="A",
        currency="USD",
    )


LOADERS = {
    "singstat": singstat,
    "yotov2016": yotov,
    "taiwan-customs": taiwan,
    "china-bilateral": china_bilateral,
    "comtrade": comtrade_china_exports,
}


def load(wh: Warehouse, shared: Path, *names: str) -> dict[str, pd.DataFrame]:
    """Append the named real sources to ``wh`` (one commit each); returns the frames loaded."""
    out = {}
    for name in names:
        df = LOADERS[name](shared)
        wh.append(
            "trade_flows",
            df,
            provenance=Provenance(name, f"shared/data/trade ({name})", f"test-{name}"),
        )
        out[name] = df
    return out
