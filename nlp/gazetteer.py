"""Gazetteer layer: place, organisation and commodity names matched on the raw text, linked to ids.

Names come from the reference data (countries with ISO3, groups such as 东盟 / RCEP, UN/LOCODE
ports, HS chapters) plus curated lists in ``nlp/data`` (provinces, cities, customs offices, FTZs,
regions, organisations, common commodities). All names are compiled into one trie-shaped regex, so
matching costs one pass over the text whatever the size of the gazetteer.

Examples
--------
>>> [(e["text"], e["label"], e["linked_id"]) for e in match("对东盟、欧盟出口")]
[('东盟', 'REGION', 'ASEAN'), ('欧盟', 'REGION', 'EU')]
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

__all__ = ["Entry", "customs_province", "entries", "match", "places_in", "user_words"]

Entry = tuple[str, str, str | None]  # label, canonical name, linked id

# Two-character country names that are mostly other words in news text (中非经贸 = China–Africa).
_AMBIGUOUS = {"中非", "几内亚比绍"}
_PLACE_LABELS = {"COUNTRY", "REGION", "PROVINCE", "CITY", "PORT", "CUSTOMS", "FTZ", "ORG"}
# Suffixes a place's name runs on into (宁波口岸, 马尾海关, 厦门市民营企业); 福建港口 is no port.
# 南沙区外贸, 恩施州接待: a district's or prefecture's 区 / 州 as written (not 区域, 区内, 区外)
_EXTEND = re.compile(
    r"(?:舟山港|港口岸|港(?![口务])|口岸|海关|市民营企业|市|省"
    r"|区(?![域块内间划]|外(?!贸))|州|县(?![域城级]))"
)


def _rows(name: str) -> list[dict[str, str]]:
    """Rows of a curated CSV in nlp/data."""
    with (resources.files("haisi.nlp") / "data" / f"{name}.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@cache
def entries() -> dict[str, Entry]:
    """Every surface form → (label, canonical name, linked id); later sources do not override
    earlier ones."""
    from haisi.reference.countries import OVERRIDES, countries, place_kind
    from haisi.reference.groups import GROUPS
    from haisi.reference.hs import hs_chapters
    from haisi.reference.ports import ports

    out: dict[str, Entry] = {}

    from haisi.reference.script import simplified

    def add(form: str, entry: Entry) -> None:
        # Matching runs on simplified text, so traditional forms are stored simplified as well
        # (紐西蘭 → 纽西兰: a Taiwan usage that simplified news never writes).
        for f in (form, simplified(form) if form else form):
            if f and len(f) >= 2 and f not in out and f not in _AMBIGUOUS:
                out[f] = entry

    for r in _rows("orgs"):
        add(r["name"], (r["label"], r["name"], r["linked_id"] or None))
    for r in _rows("regions"):
        add(r["name"], (r["label"], r["name"], r["linked_id"] or None))
    for g in GROUPS.values():
        for form in (g.name_zh, *g.aliases):
            if not form.isascii():
                add(form, ("REGION", g.name_zh, g.code))
    for r in _rows("provinces"):
        for form in (r["name"], *r["aliases"].split("|")):
            add(form, ("PROVINCE", r["name"], r["code"]))
    for r in _rows("cities"):
        add(r["name"], ("CITY", r["name"], r["unlocode"] or r["province"]))
    for iso3, o in OVERRIDES.items():
        for key in ("name_zh", "name_zh_hant"):
            if o.get(key):
                add(o[key], (place_kind(iso3), o["name_zh"], iso3))
    for r in countries().itertuples(index=False):
        for form in (r.name_zh, r.name_zh_hant):
            if isinstance(form, str):
                add(form, (place_kind(r.iso3), r.name_zh, r.iso3))
    with (resources.files("haisi.reference") / "data" / "name_aliases.csv").open(
        encoding="utf-8"
    ) as fh:
        for r in csv.DictReader(fh):
            if not r["alias"].isascii():
                add(r["alias"], (place_kind(r["iso3"]), r["alias"], r["iso3"]))
    for r in ports().itertuples(index=False):
        for form in (r.name_zh, r.name_zh_hant):
            if isinstance(form, str):
                add(form, ("PORT", r.name_zh, r.unlocode))
    for r in _rows("commodities"):
        add(r["name"], ("COMMODITY", r["name"], f"HS:{r['hs']}" if r["hs"] else None))
    for r in hs_chapters().itertuples(index=False):
        if len(r.name_zh) <= 8:
            add(r.name_zh, ("COMMODITY", r.name_zh, f"HS:{r.code}"))
    return out


@cache
def _districts() -> dict[str, str]:
    """Customs office → the short name of the province its district is (all or nearly all of)."""
    names = {r["code"]: r["name"] for r in _rows("provinces")}
    return {r["office"]: names[r["province"]] for r in _rows("customs_districts")}


def customs_province(office: str) -> str | None:
    """The province a customs office's figures are (海口海关 → 海南, 南宁海关 → 广西: their
    districts are those provinces), or None for an office of part of one (厦门海关, 广州海关)."""
    return _districts().get(office)


def _trie_regex(words: list[str]) -> str:
    """A regex that matches the longest of ``words`` at a position, built as a character trie."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch != ""]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


@cache
def _pattern() -> re.Pattern[str]:
    """The compiled gazetteer regex."""
    return re.compile(_trie_regex(sorted(entries())))


def match(text: str) -> list[dict]:
    """Gazetteer entities in ``text``: start, end (exclusive), label, text, linked_id, canonical
    name."""
    ents = entries()
    out = []
    for m in _pattern().finditer(text):
        if not m.group(0):
            continue
        label, name, linked = ents[m.group(0)]
        out.append(
            {
                "start": m.start(),
                "end": m.end(),
                "label": label,
                "text": m.group(0),
                "linked_id": linked,
                "name": name,
            }
        )
    return out


def places_in(text: str) -> list[tuple[int, int, str]]:
    """Places and bodies in ``text`` as written, extended by 港/口岸/海关/市 suffixes (宁波口岸,
    马尾海关, 厦门市民营企业)."""
    from haisi.nlp.ner import word_starts

    out = []
    for e in match(text):
        if e["label"] not in _PLACE_LABELS:
            continue
        if e["end"] - e["start"] == 2 and e["label"] in ("CITY", "PROVINCE", "COUNTRY"):
            lo = max(0, e["start"] - 6)  # 天水 in 今天水路, 南通 in 河南通过, 海地 in 沿海地市
            if e["start"] - lo not in word_starts(text[lo : e["end"] + 6]):
                continue
        end = e["end"]
        ext = _EXTEND.match(text, end)
        if ext and (ext.group(0) == "省") == (e["label"] == "PROVINCE"):  # not 福建市、县两级
            end = ext.end()
        out.append((e["start"], end, text[e["start"] : end]))
    return out


def user_words() -> list[str]:
    """Gazetteer names for the jieba user dictionary, so tokens do not split a name."""
    return sorted(entries())
