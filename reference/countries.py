"""Countries and regions: ISO 3166 codes, M49, region, names in en / zh-Hans / zh-Hant.

Sources: pycountry (ISO 3166), babel's CLDR (Chinese names), country_converter's data file
(UN region, English-name regexes). The override table ``data/region_overrides.csv`` is the
one place that says how Taiwan, Hong Kong and Macao are named (中国台湾, 中国香港, 中国澳门).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache
from importlib import resources

import pandas as pd
import pycountry
from babel import Locale
from haisi.reference._files import curated

__all__ = [
    "countries",
    "resolve_country",
    "name_zh",
    "name_en",
    "NameResolver",
    "OVERRIDES",
    "place_kind",
    "outside_mainland",
]


def _overrides() -> dict[str, dict[str, str]]:
    return {r.iso3: r._asdict() for r in curated("region_overrides").itertuples(index=False)}


OVERRIDES: dict[str, dict[str, str]] = _overrides()


@cache
def _coco() -> pd.DataFrame:
    path = resources.files("country_converter") / "country_data.tsv"
    with path.open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, sep="\t", dtype=str, keep_default_na=False)


@cache
def countries() -> pd.DataFrame:
    """One row per ISO 3166 country: iso3, iso2, m49, name_en, name_zh, name_zh_hant,
    region, subregion."""
    zh = Locale.parse("zh_Hans").territories
    zht = Locale.parse("zh_Hant_TW").territories
    coco = _coco().set_index("ISO3")
    rows = []
    for c in pycountry.countries:
        iso3 = c.alpha_3
        info = coco.loc[iso3] if iso3 in coco.index else None
        if isinstance(info, pd.DataFrame):
            info = info.iloc[0]
        row = {
            "iso3": iso3,
            "iso2": c.alpha_2,
            "m49": c.numeric,
            "name_en": getattr(c, "common_name", None) or c.name,
            "name_zh": zh.get(c.alpha_2, c.name),
            "name_zh_hant": zht.get(c.alpha_2, c.name),
            "region": info["continent"] if info is not None else "",
            "subregion": info["UNregion"] if info is not None else "",
        }
        if iso3 in OVERRIDES:
            o = OVERRIDES[iso3]
            row.update(name_zh=o["name_zh"], name_zh_hant=o["name_zh_hant"], name_en=o["name_en"])
        rows.append(row)
    return pd.DataFrame(rows).sort_values("iso3", ignore_index=True)


def name_zh(iso3: str) -> str:
    """Simplified-Chinese label for ``iso3`` (override table applied); the code if unknown."""
    return _by_iso3().get(iso3, {}).get("name_zh", iso3)


def place_kind(iso3: str) -> str:
    """Entity type of an economy: PROVINCE for Taiwan, Hong Kong and Macao (provincial-level
    regions of China, GB/T 2260 71/81/82; the override table), COUNTRY for the others."""
    return "PROVINCE" if outside_mainland(iso3) else "COUNTRY"


def outside_mainland(code: str | None) -> bool:
    """True for TWN, HKG and MAC (the override table): regions of China with their own customs
    territory, partners in trade, never mainland places."""
    return code in OVERRIDES


def name_en(iso3: str) -> str:
    """English label for ``iso3``; the code if unknown."""
    return _by_iso3().get(iso3, {}).get("name_en", iso3)


@cache
def _by_iso3() -> dict[str, dict]:
    return {r["iso3"]: r for r in countries().to_dict("records")}


def _norm(name: str) -> str:
    s = unicodedata.normalize("NFKC", name).strip().casefold()
    return re.sub(r"\s+", " ", s)


@cache
def _exact_index() -> dict[str, str]:
    """Normalised name or code → ISO3, from ISO, CLDR, the overrides and the curated aliases."""
    idx: dict[str, str] = {}
    zh_cn = Locale.parse("zh_Hans").territories
    zh_hk = Locale.parse("zh_Hant_HK").territories
    zh_tw = Locale.parse("zh_Hant_TW").territories
    for c in pycountry.countries:
        for n in (
            c.alpha_3,
            c.alpha_2,
            c.name,
            getattr(c, "common_name", None),
            getattr(c, "official_name", None),
            zh_cn.get(c.alpha_2),
            zh_hk.get(c.alpha_2),
            zh_tw.get(c.alpha_2),
        ):
            if n:
                idx.setdefault(_norm(n), c.alpha_3)
        idx.setdefault(c.numeric.lstrip("0") or "0", c.alpha_3)
    for h in pycountry.historic_countries:  # ISO 3166-3: YUG, SUN, CSK, ANT … keep their own codes
        idx.setdefault(_norm(h.alpha_3), h.alpha_3)
        idx.setdefault(_norm(h.name), h.alpha_3)
    for iso3, o in OVERRIDES.items():
        for n in (o["name_zh"], o["name_zh_hant"], o["name_en"]):
            idx[_norm(n)] = iso3
    for r in curated("name_aliases").itertuples(index=False):
        idx[_norm(r.alias)] = r.iso3
    for r in curated("comtrade_codes").itertuples(index=False):
        idx[r.code] = r.iso3
    return idx


@cache
def _regexes() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(r.regex, re.IGNORECASE), r.ISO3) for r in _coco().itertuples() if r.regex]


@cache
def resolve_country(name: str) -> str | None:
    """ISO3 for a country name or code as sources write it; None if it cannot be resolved.

    Handles English, simplified and traditional Chinese names, ISO alpha-2/3, M49 numbers
    (with UN Comtrade's own codes, e.g. 490 "Other Asia, nes" → TWN) and source aliases.
    """
    if not name or not name.strip():
        return None
    key = _norm(name)
    if key.isdigit():
        key = key.lstrip("0") or "0"
    hit = _exact_index().get(key)
    if hit:
        return hit
    matches = {iso3 for rx, iso3 in _regexes() if rx.search(name.strip())}
    return matches.pop() if len(matches) == 1 else None


class NameResolver:
    """Resolve many names, remembering each one that could not be resolved (with counts)."""

    def __init__(self) -> None:
        self.unresolved: Counter[str] = Counter()

    def __call__(self, name: str) -> str | None:
        iso3 = resolve_country(name)
        if iso3 is None:
            self.unresolved[name] += 1
        return iso3
