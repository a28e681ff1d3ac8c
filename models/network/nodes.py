"""Node attributes of the trade network: names in Chinese and English, region, coordinates.

Countries are ISO3 codes and Chinese provinces (``CN-FJ``) are nodes too, as the customs
statistics of Fujian report them; names come from :mod:`reference.places` (so Taiwan, Hong
Kong and Macao read 中国台湾 / 中国香港 / 中国澳门). Coordinates are the median of the
airports of the country (or province) in the pinned ``airportsdata`` package: a stable,
offline point inside the territory for drawing, not a geographic centroid.
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd
from haisi.reference.places import PROVINCES

__all__ = ["is_node_code", "node_attributes", "node_table"]

_ISO3 = re.compile(r"^[A-Z]{3}$")


@cache
def _country_codes() -> frozenset[str]:
    from haisi.reference.countries import countries

    return frozenset(countries()["iso3"])


@cache
def _historic() -> dict[str, str]:
    """ISO 3166-3 codes still used by sources (ANT Netherlands Antilles, SUN, YUG …) → name."""
    import pycountry

    return {h.alpha_3: h.name for h in pycountry.historic_countries if len(h.alpha_3) == 3}


def is_node_code(code: str) -> bool:
    """True for a country (ISO3, also former ones) or a Chinese province; False for W00, groups …"""
    return code in PROVINCES or (
        bool(_ISO3.match(code)) and (code in _country_codes() or code in _historic())
    )


@cache
def _airport_points() -> pd.DataFrame:
    import airportsdata

    rows = [
        (a["country"], a["subd"], a["lat"], a["lon"]) for a in airportsdata.load("IATA").values()
    ]
    return pd.DataFrame(rows, columns=["iso2", "subd", "lat", "lon"])


@cache
def _country_points() -> dict[str, tuple[float, float]]:
    from haisi.reference.countries import countries

    med = _airport_points().groupby("iso2")[["lat", "lon"]].median()
    iso2 = countries().set_index("iso3")["iso2"]
    return {
        iso3: (float(med.at[i2, "lat"]), float(med.at[i2, "lon"]))
        for iso3, i2 in iso2.items()
        if i2 in med.index
    }


@cache
def _province_points() -> dict[str, tuple[float, float]]:
    pts = _airport_points().loc[lambda d: d.iso2 == "CN"]
    med = pts.groupby("subd")[["lat", "lon"]].median()
    return {
        code: (float(med.at[en, "lat"]), float(med.at[en, "lon"]))
        for code, (_, en) in PROVINCES.items()
        if en in med.index
    }


@cache
def node_attributes(code: str) -> dict:
    """name_zh, name_en, region, lat, lon for one node code (None where unknown)."""
    from haisi.reference.countries import countries, name_en, name_zh

    if code in PROVINCES:
        zh, en = PROVINCES[code]
        lat, lon = _province_points().get(code, (None, None))
        return {"name_zh": zh, "name_en": f"{en}, China", "region": "Asia", "lat": lat, "lon": lon}
    if code not in _country_codes() and code in _historic():
        return {
            "name_zh": code,
            "name_en": _historic()[code],
            "region": None,
            "lat": None,
            "lon": None,
        }
    region = countries().set_index("iso3")["region"].get(code) or None
    lat, lon = _country_points().get(code, (None, None))
    return {
        "name_zh": name_zh(code),
        "name_en": name_en(code),
        "region": region,
        "lat": lat,
        "lon": lon,
    }


def node_table(codes: list[str]) -> pd.DataFrame:
    """One row per node code with its attributes (column ``node`` first)."""
    return pd.DataFrame(
        [{"node": c, **node_attributes(c)} for c in codes],
        columns=["node", "name_zh", "name_en", "region", "lat", "lon"],
    )
