"""Names of every place code the warehouse uses, in Chinese and English, from one table each.

Countries are ISO3 codes named by :mod:`reference.countries` (so Taiwan, Hong Kong and Macao
read 中国台湾 / 中国香港 / 中国澳门); Chinese provinces and cities (``CN-FJ``, ``CN-FZ``) come
from the curated ``data/cn_divisions.csv``, which also names the port a sub-national place is
drawn at on maps; ports are UN/LOCODEs (:mod:`reference.ports`); groups are
:mod:`reference.groups` codes; ``WLD`` / ``W00`` is the world and ``ALL`` all origins;
residual, regional and combined codes a source reports (``RES_EUR``, ``HKG_MAC``) come from
``data/aggregate_places.csv``. Authorities of Taiwan, Hong Kong and Macao are labelled through
the override table (:func:`agency_zh`), and :func:`label_violations` checks any Chinese text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from haisi.reference._files import curated

__all__ = [
    "AGGREGATES",
    "Aggregate",
    "CN_DIVISIONS",
    "MAINLAND",
    "PROVINCES",
    "agency_zh",
    "aggregate_code",
    "city_of_port",
    "label_violations",
    "listed_names",
    "map_port",
    "place_names",
]

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


@dataclass(frozen=True)
class Aggregate:
    """A place code that is not one country: a residual (``RES_EUR`` 欧洲其他国家和地区, disjoint
    from the places a source lists on their own rows, so it adds to them without double counting),
    a region reported as one, the unstated, or a combination a source reports together
    (``HKG_MAC``, never stored beside its members from the same source)."""

    code: str
    name_zh: str
    name_en: str
    kind: str  # residual | region | unstated | combined
    region: str
    members: tuple[str, ...]
    source_label: str


#: code → the aggregate and residual place codes sources report (``data/aggregate_places.csv``).
AGGREGATES: dict[str, Aggregate] = {
    r.code: Aggregate(
        r.code,
        r.name_zh,
        r.name_en,
        r.kind,
        r.region,
        tuple(m for m in r.members.split("|") if m),
        r.source_label,
    )
    for r in curated("aggregate_places").itertuples(index=False)
}


def aggregate_code(source_label: str) -> str | None:
    """The aggregate code of a source's own label (``Others, Europe`` → ``RES_EUR``); None if
    the label is not an aggregate."""
    return next((a.code for a in AGGREGATES.values() if a.source_label == source_label), None)


def map_port(code: str) -> str | None:
    """The port (UN/LOCODE) a sub-national place is drawn at on maps; None if it has none."""
    hit = curated("cn_divisions").loc[lambda d: d.code == code, "map_port"]
    return hit.iloc[0] or None if len(hit) else None


def city_of_port(unlocode: str) -> str | None:
    """The city code whose port ``unlocode`` is (``CNFOC`` → ``CN-FZ``); None if none."""
    d = curated("cn_divisions")
    hit = d.loc[(d.map_port == unlocode) & (d.level == "city"), "code"]
    return hit.iloc[0] if len(hit) else None


#: China opposite Taiwan, Hong Kong or Macao (both regions of China): the mainland
MAINLAND = ("中国大陆", "Chinese mainland")


@cache
def place_names(code: str, opposite: str | None = None) -> tuple[str, str]:
    """(Chinese, English) names of a reporter, partner, origin or destination code; the code
    itself for both when nothing names it. ``opposite`` is the other side of the flow or pair:
    China opposite Taiwan, Hong Kong or Macao is :data:`MAINLAND` (中国大陆对中国台湾出口, never
    中国对中国台湾出口)."""
    from haisi.reference.countries import name_en, name_zh, outside_mainland, resolve_country

    if code == "CHN" and outside_mainland(opposite):
        return MAINLAND
    from haisi.reference.groups import GROUPS

    if code in CN_DIVISIONS:
        return CN_DIVISIONS[code]
    if code in _WORLD:
        return _WORLD[code]
    if code in AGGREGATES:
        return AGGREGATES[code].name_zh, AGGREGATES[code].name_en
    if code in GROUPS:
        return GROUPS[code].name_zh, GROUPS[code].name_en
    if len(code) == 5:
        from haisi.reference.ports import port_names

        zh, en = port_names(code)
        if zh == code and en != code:  # a known port without a Chinese name: its country's
            zh = name_zh(resolve_country(code[:2]) or "") or code
        return zh, en
    return name_zh(code), name_en(code)


def listed_names(codes: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Names of codes shown together (a partner table, a community, one map's flows): when the
    list holds Taiwan, Hong Kong or Macao, China is the mainland as beside one of them
    (新加坡的伙伴：中国大陆、…、中国台湾, never 中国 and 中国台湾 as two partners)."""
    from haisi.reference.countries import outside_mainland

    codes = list(dict.fromkeys(codes))
    region = next((c for c in codes if outside_mainland(c)), None)
    return {c: place_names(c, region) for c in codes}


def agency_zh(region: str, name: str) -> str:
    """The Chinese label of an authority of Taiwan, Hong Kong or Macao: the override table's
    prefix before its own name (``TWN``, 交通部航港局 → 台湾地区交通部航港局); other regions'
    names unchanged."""
    from haisi.reference.countries import OVERRIDES

    prefix = OVERRIDES[region]["agency_prefix_zh"] if region in OVERRIDES else ""
    return name if not prefix or name.startswith(prefix) else prefix + name


#: characters that end a phrase when looking back from an authority's name for its prefix
_PHRASE_END = re.compile(r"[，,、。；;：:（）()\[\]【】《》“”\"'|/\n]")


@cache
def _label_rules() -> tuple[re.Pattern[str], list[tuple[re.Pattern[str], str]]]:
    """(bare-name pattern, [(authority pattern, required prefix)]) from the override table."""
    from haisi.reference.countries import OVERRIDES

    aliases = curated("name_aliases")
    names, agencies = ["中华民国", "中華民國"], []
    for iso3, o in OVERRIDES.items():
        short = {
            n.removeprefix("中国").removeprefix("中國") for n in (o["name_zh"], o["name_zh_hant"])
        }
        ok_after = re.compile(f"(?:{o['ok_after_zh']})$")
        short |= {
            a
            for a in aliases.loc[aliases.iso3 == iso3, "alias"]
            if _CJK.fullmatch(a) and not a.startswith(("中国", "中國")) and not ok_after.search(a)
        }
        for n in sorted(short, key=len, reverse=True):
            names.append(f"(?<!中国)(?<!中國){n}(?!{o['ok_after_zh']})")
        agencies.append((re.compile(o["agencies_zh"]), o["agency_prefix_zh"]))
    return re.compile("|".join(names)), agencies


_CJK = re.compile(r"[\u4e00-\u9fff]+")


def label_violations(text: str) -> list[str]:
    """Where a Chinese text names Taiwan, Hong Kong or Macao other than as the override table says
    (a bare 台湾/香港, 中华民国, an authority without 台湾地区 …): each hit in its context."""
    bare, agencies = _label_rules()
    hits = [m.start() for m in bare.finditer(text)]
    for rx, prefix in agencies:
        for m in rx.finditer(text):
            phrase = _PHRASE_END.split(text[max(0, m.start() - 24) : m.start()])[-1]
            if prefix not in phrase:
                hits.append(m.start())
    return [text[max(0, i - 12) : i + 16].replace("\n", " ") for i in sorted(set(hits))]
