"""Sea ports: UN/LOCODE and coordinates from searoute's port list, Chinese names curated here.

searoute's ids are UN/LOCODEs (Fuzhou is CNFOC). Coordinates are [lon, lat] in searoute's
GeoJSON; this table gives ``lat`` and ``lon`` columns so callers never swap them.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

import pandas as pd
from haisi.reference._files import curated
from haisi.reference.countries import resolve_country
from haisi.reference.script import simplified

from haisi.errors import NotFound

__all__ = ["ports", "silk_road_ports", "port", "port_names"]


@cache
def ports() -> pd.DataFrame:
    """unlocode, name_en, name_zh, name_zh_hant, country (ISO3), lat, lon, silk_road (bool)."""
    path = resources.files("searoute") / "data" / "ports.geojson"
    with path.open("r", encoding="utf-8") as fh:
        feats = json.load(fh)["features"]
    rows = {}
    for f in feats:
        p = f["properties"]
        code = p.get("port")
        if not code or code in rows:
            continue
        lon, lat = f["geometry"]["coordinates"]
        rows[code] = {
            "unlocode": code,
            "name_en": p.get("name", code),
            "name_zh": None,
            "name_zh_hant": None,
            "country": resolve_country(code[:2]),
            "lat": float(lat),
            "lon": float(lon),
            "silk_road": False,
        }
    for r in curated("ports_zh").itertuples(index=False):
        if r.unlocode not in rows:
            raise ValueError(f"curated port {r.unlocode} is not in searoute's port list")
        rows[r.unlocode].update(
            name_zh=r.name_zh,
            name_zh_hant=r.name_zh_hant,
            name_en=r.name_en,
            silk_road=r.silk_road == "1",
        )
    return pd.DataFrame(list(rows.values())).sort_values("unlocode", ignore_index=True)


def silk_road_ports() -> pd.DataFrame:
    """The curated Maritime Silk Road ports (Fuzhou, Xiamen, Singapore, Colombo, Piraeus …)."""
    return ports().loc[lambda d: d.silk_road].reset_index(drop=True)


@cache
def _aliases() -> dict[str, dict]:
    """Codes a source uses for a port searoute lists under another code (iMarine's CNTXG is
    searoute's CNXIP, Xingang at Tianjin): code → the alias row (unlocode, names)."""
    return {r["code"]: r for r in curated("port_aliases").to_dict("records")}


def port(unlocode: str) -> dict:
    """One port as a dict (a source's alias code is placed at the port it names, under its own
    code and names); ``NotFound`` naming the code if it is unknown."""
    code = unlocode.upper()
    alias = _aliases().get(code)
    hit = ports().loc[lambda d: d.unlocode == (alias["unlocode"] if alias else code)]
    if hit.empty:
        raise NotFound(f"未知港口 unknown port UN/LOCODE {unlocode!r}")
    row = hit.iloc[0].to_dict()
    if alias:
        names = ("name_zh", "name_zh_hant", "name_en")
        row.update(unlocode=code, silk_road=False, **{k: alias[k] for k in names})
    return row


#: a source's port name: the name, an optional province tag such as [FJ], its UN/LOCODE
_SOURCE_NAME = re.compile(
    r"\s*(?P<name>[^()（）\[\]]+?)\s*(?P<tag>\[[A-Z]{2}\])?\s*(?:[(（][A-Z]{5}[)）])?\s*"
)


def port_names(code: str, source_name: str | None = None) -> tuple[str, str]:
    """(Chinese, English) label of a port for people.

    The curated Chinese name first; else the name the source writes (e.g. iMarine's
    ``黃桑口港(CNHSK)`` → ``黄桑口港``, simplified, its code dropped, a province tag kept); a
    port of Taiwan, Hong Kong or Macao is prefixed by the override table's name (中国台湾…).
    English: the curated or searoute name, else the code.
    """
    from haisi.reference.countries import OVERRIDES

    code = code.upper()
    try:
        row = port(code)
    except NotFound:
        row = {}
    zh = str(row["name_zh"]) if isinstance(row.get("name_zh"), str) else None
    en = str(row["name_en"]) if isinstance(row.get("name_en"), str) else code
    region = OVERRIDES.get(resolve_country(code[:2]) or "")
    m = _SOURCE_NAME.fullmatch(source_name or "")
    if zh is None and m and re.search(r"[\u4e00-\u9fff]", m["name"]):
        zh = simplified(m["name"]) + (m["tag"] or "")
        if region and not zh.startswith(region["name_zh"]):
            zh = region["name_zh"] + zh
    if region and row and region["name_en"] not in en:
        en = f"{en} ({region['name_en']})"
    return zh or code, en
