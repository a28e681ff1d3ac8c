"""Names of every place code the warehouse uses, in Chinese and English, from one table each.

Countries are ISO3 codes named by :mod:`reference.countries` (so Taiwan, Hong Kong and Macao
read 中国台湾 / 中国香港 / 中国澳门); Chinese provinces and cities (``CN-FJ``, ``CN-FZ``) come
from the curated ``data/cn_divisions.csv``, which also names the port a sub-national place is
drawn at on maps; ports are UN/LOCODEs (:mod:`reference.ports`); groups are
:mod:`reference.groups` codes; ``WLD`` / ``W00`` is the world and ``ALL`` all origins.
"""

from __future__ import annotations

from functools import cache

from haisi.reference._files import curated

__all__ = ["CN_DIVISIONS", "PROVINCES", "city_of_port", "map_port", "place_names"]

#: code → (name_zh, name_en) of the Chinese provinces and cities the sources report.
CN_DIVISIONS: dict[str, tuple[str, str]] = {
    r.code: (r.name_zh, r.name_en) for r in curated("cn_divisions").itertuples(index=False)
}
#: the provincial-level divisions only (network nodes).
PROVINCES: dict[str, tuple[str, str]] = {
    r.code: (r.name_zh, r.name_en)
    for r in curated("cn_divisions").itertuples(index=False)
    if r.level == "province"
}
_WORLD = {"WLD": ("全球", "World"), "W00": ("全球", "World"), "ALL": ("全部客源地", "all origins")}


def map_port(code: str) -> str | None:
    """The port (UN/LOCODE) a sub-national place is drawn at on maps; None if it has none."""
    hit = curated("cn_divisions").loc[lambda d: d.code == code, "map_port"]
    return hit.iloc[0] or None if len(hit) else None


def city_of_port(unlocode: str) -> str | None:
    """The city code whose port ``unlocode`` is (``CNFOC`` → ``CN-FZ``); None if none."""
    d = curated("cn_divisions")
    hit = d.loc[(d.map_port == unlocode) & (d.level == "city"), "code"]
    return hit.iloc[0] if len(hit) else None


@cache
def place_names(code: str) -> tuple[str, str]:
    """(Chinese, English) names of a reporter, partner, origin or destination code; the code
    itself for both when nothing names it."""
    from haisi.reference.countries import name_en, name_zh
    from haisi.reference.groups import GROUPS

    if code in CN_DIVISIONS:
        return CN_DIVISIONS[code]
    if code in _WORLD:
        return _WORLD[code]
    if code in GROUPS:
        return GROUPS[code].name_zh, GROUPS[code].name_en
    if len(code) == 5:
        from haisi.reference.ports import port

        from haisi.errors import NotFound

        try:
            p = port(code)
        except NotFound:
            return code, code
        return p["name_zh"] or name_zh(p["country"] or "") or code, p["name_en"] or code
    return name_zh(code), name_en(code)
