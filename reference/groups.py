"""Country groupings used in trade reporting: ASEAN (东盟), RCEP, BRICS (金砖国家), EU (欧盟) …

Curated memberships live in ``data/groups.csv``; the EU-27 comes from country_converter's data.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from haisi.reference._files import curated
from haisi.reference.countries import _coco

__all__ = ["Group", "GROUPS", "resolve_group"]


@dataclass(frozen=True)
class Group:
    code: str
    name_zh: str
    name_en: str
    aliases: tuple[str, ...]
    members: tuple[str, ...]


def _load() -> dict[str, Group]:
    out = {
        r.group: Group(
            r.group,
            r.name_zh,
            r.name_en,
            tuple(a for a in r.aliases.split("|") if a),
            tuple(r.members.split("|")),
        )
        for r in curated("groups").itertuples(index=False)
    }
    eu = tuple(sorted(_coco().loc[lambda d: d.EU27 == "EU27", "ISO3"]))
    out["EU"] = Group(
        "EU", "欧盟", "European Union", ("欧洲联盟", "歐盟", "EU", "European Union"), eu
    )
    return out


GROUPS: dict[str, Group] = _load()


@cache
def resolve_group(name: str) -> str | None:
    """Group code for a group name or alias (东盟, 東協, ASEAN, 金砖国家 …); None if unknown."""
    n = name.strip()
    for g in GROUPS.values():
        if n in (g.code, g.name_zh, g.name_en) or n in g.aliases:
            return g.code
    return None
