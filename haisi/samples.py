"""Deterministic SAMPLE data for the out-of-the-box demo (示例数据, not official statistics).

Shapes follow the real sources: monthly Fujian trade by partner and HS chapter with a trend,
seasonality and the Chinese New Year dip; visitor arrivals into Fuzhou by origin (with the
2020 collapse and recovery); sea and air routes from Fuzhou; monthly port calls at Fuzhou;
short bulletins whose figures
come from the sample tables. The trade rows stand for the customs' own declaration-level
statistics (``source_id = "sample-customs"``, class restricted, with the declarant count and the
largest declarant's share of each cell); every other row carries ``source_id = "sample"`` (public).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

__all__ = [
    "SAMPLE_SOURCE",
    "SAMPLE_CUSTOMS_SOURCE",
    "SAMPLE_LABEL",
    "SampleData",
    "generate",
    "cny_date",
]

SAMPLE_SOURCE = "sample"
SAMPLE_CUSTOMS_SOURCE = "sample-customs"  # the demo's restricted customs declaration statistics
SAMPLE_LABEL = "示例数据（非官方统计） Sample data, not official statistics"

# Chinese New Year (Spring Festival) dates, from the Chinese calendar.
_CNY = {
    2016: "02-08",
    2017: "01-28",
    2018: "02-16",
    2019: "02-05",
    2020: "01-25",
    2021: "02-12",
    2022: "02-01",
    2023: "01-22",
    2024: "02-10",
    2025: "01-29",
    2026: "02-17",
}

_PARTNERS = {  # partner: (base monthly exports in million USD, import share of exports)
    "USA": (1900, 0.35),
    "TWN": (420, 1.6),
    "HKG": (520, 0.08),
    "JPN": (610, 0.9),
    "KOR": (430, 1.1),
    "SGP": (380, 0.7),
    "MYS": (350, 1.0),
    "IDN": (400, 1.4),
    "PHL": (330, 0.5),
    "THA": (280, 0.8),
    "VNM": (450, 0.6),
    "IND": (300, 0.3),
    "DEU": (420, 0.6),
    "NLD": (380, 0.15),
    "GBR": (330, 0.25),
    "AUS": (260, 2.2),
    "BRA": (210, 2.0),
    "RUS": (230, 1.3),
    "SAU": (160, 2.5),
    "ARE": (200, 0.4),
    "GRC": (60, 0.2),
    "LKA": (40, 0.1),
}
_CHAPTERS = {  # HS chapter: share of exports, share of imports
    "85": (0.24, 0.30),
    "84": (0.14, 0.10),
    "61": (0.07, 0.01),
    "62": (0.06, 0.01),
    "64": (0.09, 0.01),
    "94": (0.06, 0.01),
    "95": (0.05, 0.01),
    "39": (0.06, 0.05),
    "03": (0.04, 0.06),
    "27": (0.02, 0.25),
    "44": (0.03, 0.05),
    "72": (0.04, 0.05),
    "26": (0.00, 0.09),
    "69": (0.04, 0.00),
}
_ORIGINS = {  # origin: monthly arrivals into Fuzhou before 2020, share by sea
    "TWN": (38000, 0.35),
    "HKG": (21000, 0.0),
    "MAC": (4200, 0.0),
    "MYS": (9800, 0.0),
    "SGP": (7600, 0.0),
    "IDN": (6100, 0.0),
    "PHL": (4300, 0.0),
    "THA": (3900, 0.0),
    "JPN": (8200, 0.0),
    "KOR": (6900, 0.0),
    "USA": (7400, 0.0),
    "AUS": (2900, 0.0),
    "DEU": (2100, 0.0),
    "GBR": (1800, 0.0),
    "RUS": (1500, 0.0),
}
_SEA_ROUTES = [  # Fuzhou (CNFOC) container services: destination, calls per week, TEU per week
    ("TWKEL", 14, 5200),
    ("TWKHH", 7, 4100),
    ("HKHKG", 10, 9800),
    ("SGSIN", 6, 16800),
    ("MYPKG", 4, 11200),
    ("IDJKT", 3, 7400),
    ("PHMNL", 3, 5100),
    ("VNSGN", 3, 6300),
    ("THLCH", 2, 5200),
    ("LKCMB", 1, 8600),
    ("AEJEA", 1, 9400),
    ("GRPIR", 1, 13800),
    ("NLRTM", 1, 14200),
    ("USLAX", 2, 15600),
    ("JPTYO", 3, 4800),
    ("KRPUS", 4, 6200),
]
_AIR_ROUTES = [  # Fuzhou Changle airport (FOC): destination, flights per week, seats per week
    ("TPE", 21, 3600),
    ("HKG", 14, 2400),
    ("MFM", 4, 700),
    ("SIN", 7, 1900),
    ("KUL", 7, 1700),
    ("BKK", 7, 1500),
    ("MNL", 5, 900),
    ("CGK", 4, 800),
    ("NRT", 7, 1400),
    ("ICN", 7, 1500),
    ("JFK", 3, 900),
    ("SYD", 2, 600),
]


def cny_date(year: int) -> date:
    """The Chinese New Year date of ``year`` (2016–2026 in this table)."""
    return date.fromisoformat(f"{year}-{_CNY[year]}")


def _cny_weight(year: int, month: int) -> float:
    """Share of the ~3-week Spring Festival slowdown falling in (year, month)."""
    d = cny_date(year)
    if d.month == 1:
        return {1: 0.6, 2: 0.4}.get(month, 0.0)
    return {1: 0.15, 2: 0.85}.get(month, 0.0)


def _months(start: str, end: str) -> list[pd.Period]:
    return list(pd.period_range(start, end, freq="M"))


@dataclass
class SampleData:
    trade_flows: pd.DataFrame
    tourism_flows: pd.DataFrame
    routes: pd.DataFrame
    documents: pd.DataFrame
    port_calls: pd.DataFrame

    @property
    def content_hash(self) -> str:
        """A hash of the generated tables, so re-running the demo stores nothing twice."""
        h = hashlib.sha256()
        for df in (self.trade_flows, self.tourism_flows, self.routes, self.port_calls):
            h.update(pd.util.hash_pandas_object(df, index=False).values.tobytes())
        return h.hexdigest()


def _trade(rng: np.random.Generator, months: list[pd.Period]) -> pd.DataFrame:
    rows = []
    for partner, (base, imp_ratio) in _PARTNERS.items():
        growth = rng.normal(0.05, 0.03)
        for flow, ratio in (("export", 1.0), ("import", imp_ratio)):
            for ch, (xs, ms) in _CHAPTERS.items():
                share = xs if flow == "export" else ms
                if share == 0:
                    continue
                level = base * ratio * share * 1e6
                for i, p in enumerate(months):
                    t = i / 12
                    season = 1 + 0.08 * np.sin(2 * np.pi * (p.month - 4) / 12)
                    dip = 1 - 0.35 * _cny_weight(p.year, p.month)
                    covid = 0.75 if (p.year == 2020 and p.month in (2, 3)) else 1.0
                    v = level * (1 + growth) ** t * season * dip * covid * rng.lognormal(0, 0.06)
                    rows.append((str(p), partner, flow, ch, round(v, 2)))
    df = pd.DataFrame(rows, columns=["period", "partner", "flow", "hs_code", "value"])
    n, top = _contributors(df["value"].to_numpy())
    return df.assign(
        frequency="M",
        reporter="CN-FJ",
        hs_revision="H6",
        regime="",
        mode="",
        currency="USD",
        quantity=np.nan,
        quantity_unit=None,
        supp_quantity=np.nan,
        supp_unit=None,
        vintage="sample",
        contributors=n,
        top_share=top,
    )


def _contributors(value: np.ndarray, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """Declarant enterprises per cell and the largest one's share of its value: few and
    dominant in small cells, many in large ones (a separate generator, so the values stay)."""
    rng = np.random.default_rng(seed)
    n = np.maximum(1, rng.poisson(np.sqrt(value) / 300)).astype("int64")
    concentration = rng.beta(1.2, 4.0, len(value))  # how far the top firm is above an equal share
    top = np.where(n == 1, 1.0, 1 / n + (1 - 1 / n) * concentration)
    return n, np.round(top, 4)


def _tourism(rng: np.random.Generator, months: list[pd.Period]) -> pd.DataFrame:
    rows = []
    for origin, (base, sea) in _ORIGINS.items():
        for i, p in enumerate(months):
            season = 1 + 0.15 * np.sin(2 * np.pi * (p.month - 5) / 12)
            festival = 1 + (0.25 if origin == "TWN" else 0.1) * _cny_weight(p.year, p.month)
            if p.year < 2020 or (p.year == 2020 and p.month == 1):
                shock = 1.0
            elif p < pd.Period("2023-01", "M"):
                shock = 0.04
            else:
                shock = min(1.0, 0.35 + 0.06 * (p - pd.Period("2023-01", "M")).n)
            trend = (1.03) ** (i / 12)
            total = base * season * festival * shock * trend * rng.lognormal(0, 0.05)
            for mode, share in (("air", 1 - sea), ("sea", sea)):
                if share > 0:
                    rows.append((str(p), origin, mode, round(total * share)))
    df = pd.DataFrame(rows, columns=["period", "origin", "mode", "value"])
    return df.assign(
        frequency="M",
        destination="CNFOC",
        measure="arrivals",
        purpose="",
        unit="persons",
        series_label="示例：福州入境游客 Sample: visitor arrivals into Fuzhou",
    )


def _routes() -> pd.DataFrame:
    import searoute as sr

    from haisi.reference.ports import port

    fz = port("CNFOC")
    rows = []
    for dest, freq, cap in _SEA_ROUTES:
        d = port(dest)
        route = sr.searoute([fz["lon"], fz["lat"]], [d["lon"], d["lat"]], units="km")
        rows.append(
            (
                "CNFOC",
                dest,
                "sea",
                freq,
                cap,
                round(route.properties["length"], 1),
                _geojson(route.geometry["coordinates"]),
            )
        )
    import airportsdata

    air = airportsdata.load("IATA")
    foc = air["FOC"]
    for dest, freq, cap in _AIR_ROUTES:
        a = air[dest]
        coords = [[foc["lon"], foc["lat"]], [a["lon"], a["lat"]]]
        rows.append(
            (
                "FOC",
                dest,
                "air",
                freq,
                cap,
                round(_haversine(coords[0], coords[1]), 1),
                _geojson(coords),
            )
        )
    df = pd.DataFrame(
        rows,
        columns=[
            "origin",
            "destination",
            "mode",
            "frequency_per_week",
            "capacity",
            "distance_km",
            "geometry",
        ],
    )
    return df.assign(operator="", valid_from="2025-01-01", valid_to=None)


def _port_calls(rng: np.random.Generator, months: list[pd.Period]) -> pd.DataFrame:
    """Monthly container calls at Fuzhou per service: weekly calls × days/7, less at the CNY dip."""
    rows = []
    for dest, per_week, teu_week in _SEA_ROUTES:
        for p in months:
            weeks = p.days_in_month / 7
            dip = 1 - 0.3 * _cny_weight(p.year, p.month)
            calls = max(0, round(per_week * weeks * dip * rng.lognormal(0, 0.05)))
            teu = round(teu_week * weeks * dip * rng.lognormal(0, 0.08))
            rows.append((str(p), dest, float(calls), float(teu)))
    df = pd.DataFrame(rows, columns=["period", "partner_port", "calls", "teu"])
    return df.assign(frequency="M", port="CNFOC", vessel_type="container")


def _geojson(coords: list) -> str:
    import json

    return json.dumps(
        {"type": "LineString", "coordinates": [[round(x, 4), round(y, 4)] for x, y in coords]}
    )


def _haversine(a: list[float], b: list[float]) -> float:
    lon1, lat1, lon2, lat2 = map(np.radians, (a[0], a[1], b[0], b[1]))
    h = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return float(6371.0 * 2 * np.arcsin(np.sqrt(h)))


def _documents(trade: pd.DataFrame) -> pd.DataFrame:
    """Short bulletins whose figures are computed from the sample trade table."""
    from haisi.reference.groups import GROUPS

    asean = set(GROUPS["ASEAN"].members)
    docs = []
    for year in sorted({p[:4] for p in trade.period})[1:]:
        cur = trade[(trade.period >= f"{year}-01") & (trade.period <= f"{year}-06")]
        prev = trade[
            (trade.period >= f"{int(year) - 1}-01") & (trade.period <= f"{int(year) - 1}-06")
        ]
        tot, tot0 = cur.value.sum() / 1e8, prev.value.sum() / 1e8
        a, a0 = (
            cur[cur.partner.isin(asean)].value.sum() / 1e8,
            prev[prev.partner.isin(asean)].value.sum() / 1e8,
        )
        text = (
            f"【示例数据】据海关统计，{year}年上半年，福建省货物贸易进出口{tot:.1f}亿美元，"
            f"同比增长{(tot / tot0 - 1) * 100:.1f}%。其中，对东盟进出口{a:.1f}亿美元，"
            f"同比增长{(a / a0 - 1) * 100:.1f}%。"
        )
        docs.append(
            {
                "doc_id": f"sample-bulletin-{year}h1",
                "url": f"sample://bulletins/{year}-h1",
                "title": f"【示例】{year}年上半年福建外贸 (sample)",
                "language": "zh",
                "published": f"{year}-07-15",
                "text": text,
            }
        )
    df = pd.DataFrame(docs)
    return df.assign(fetched_at=pd.Timestamp("2026-01-01", tz="UTC"), raw=None, raw_encoding=None)


def generate(seed: int = 20250101, start: str = "2018-01", end: str = "2025-12") -> SampleData:
    """Generate the sample tables (same seed → identical data)."""
    rng = np.random.default_rng(seed)
    months = _months(start, end)
    trade = _trade(rng, months)
    tourism = _tourism(rng, months)
    return SampleData(trade, tourism, _routes(), _documents(trade), _port_calls(rng, months))
