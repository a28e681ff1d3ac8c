"""Data classification: which sources are public and which are the customs' own, and who sees what.

Every source is ``public`` (published aggregates: GACC releases and query results, Comtrade,
Taiwan MOF, SingStat, tourism bureaus, the project's reference tables) or ``restricted`` (the
customs' own declaration- or enterprise-level data). A row carries its class in the
``classification`` provenance column, filled from this registry when it is stored; rows written by
a model (forecasts, network metrics, facts) take the strictest class of the tables it read. A
source missing from the registry is restricted: an unknown feed fails closed.

A caller's *clearance* follows from its role: customs and admin see restricted rows; every other
role (and an anonymous demo caller) sees public rows and the disclosure-controlled form of
restricted ones (:mod:`haisi.warehouse.disclosure`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = [
    "PUBLIC",
    "RESTRICTED",
    "CLASSES",
    "Source",
    "SOURCES",
    "DERIVED_SOURCES",
    "classify",
    "strictest",
    "clearance",
    "sources",
]

PUBLIC, RESTRICTED = "public", "restricted"
CLASSES = (PUBLIC, RESTRICTED)  # least to most strict
_CLEARED_ROLES = frozenset({"customs", "admin"})


@dataclass(frozen=True)
class Source:
    """A source of rows: its id, class and what it is (zh/en)."""

    source_id: str
    classification: str
    title_zh: str
    title_en: str


def _s(source_id: str, cls: str, zh: str, en: str) -> tuple[str, Source]:
    return source_id, Source(source_id, cls, zh, en)


SOURCES: dict[str, Source] = dict(
    (
        _s("gacc", PUBLIC, "海关总署统计发布与查询", "GACC statistics releases and queries"),
        _s("fuzhou_customs", PUBLIC, "福州海关新闻发布", "Fuzhou customs press releases"),
        _s("xiamen_customs", PUBLIC, "厦门海关新闻发布", "Xiamen customs press releases"),
        _s("fuzhou_ftz", PUBLIC, "福州片区公告", "Fujian FTZ Fuzhou area announcements"),
        _s("un_comtrade", PUBLIC, "联合国商品贸易统计", "UN Comtrade"),
        _s(
            "tw_mof_customs",
            PUBLIC,
            "台湾地区财政部关务署贸易统计",
            "Taiwan MOF customs trade statistics",
        ),
        _s("tw_opendata", PUBLIC, "台湾地区政府资料开放平台", "Taiwan government open data"),
        _s(
            "tw_mpb_imarine",
            PUBLIC,
            "台湾地区交通部航港局两岸集装箱统计",
            "Maritime and Port Bureau (Taiwan, China): cross-strait container statistics",
        ),
        _s(
            "tw_mac_crossstrait",
            PUBLIC,
            "台湾地区两岸经贸统计（两岸各自发布）",
            "Cross-strait trade as each side reports it (Taiwan, China and mainland customs)",
        ),
        _s(
            "tw_tourism",
            PUBLIC,
            "台湾地区交通部观光署来台旅客统计",
            "Taiwan tourism administration visitors",
        ),
        _s("singstat", PUBLIC, "新加坡统计局", "Singapore Department of Statistics"),
        _s(
            "national_bilateral",
            PUBLIC,
            "各国官方双边贸易统计",
            "National bilateral trade statistics",
        ),
        _s(
            "tourism_research_australia", PUBLIC, "澳大利亚旅游研究局", "Tourism Research Australia"
        ),
        _s(
            "yotov2016_agtpa",
            PUBLIC,
            "结构引力模型面板数据",
            "Structural gravity panel (Yotov et al.)",
        ),
        _s(
            "hmr_gravity", PUBLIC, "引力模型横截面数据", "Gravity cross-section (Head, Mayer, Ries)"
        ),
        _s("reference", PUBLIC, "项目参考表", "Project reference tables"),
        _s("sample", PUBLIC, "示例数据（已公开汇总）", "Sample data (published aggregates)"),
        _s(
            "sample-customs",
            RESTRICTED,
            "示例数据：福建海关申报级统计（涉敏）",
            "Sample data: Fujian customs declaration-level statistics (restricted)",
        ),
    )
)

#: Writers whose rows are computed from other tables: their class is inherited, not registered.
DERIVED_SOURCES = frozenset({"models.network", "haisi.forecast", "nlp"})


def classify(source_id: str | None) -> str:
    """The class of a registered source; restricted for an unknown one (fail closed)."""
    src = SOURCES.get(source_id or "")
    return src.classification if src else RESTRICTED


def strictest(classes: Iterable[str | None]) -> str:
    """The strictest of ``classes`` (public when there are none)."""
    rank = max((CLASSES.index(c) if c in CLASSES else len(CLASSES) - 1 for c in classes), default=0)
    return CLASSES[rank]


def clearance(role: str | None) -> str:
    """The strictest class a caller with ``role`` may see unmasked."""
    return RESTRICTED if role in _CLEARED_ROLES else PUBLIC


def sources(stored: Mapping[str, Mapping[str, Iterable[str]]]) -> list[dict]:
    """Registered sources and every other source with stored rows, each with its class and
    the tables (with the classes) its rows sit in; ``stored`` maps source → table → classes.

    A derived source's class is the strictest of its stored rows (it inherits its inputs').
    """
    out = []
    for sid in [*SOURCES, *sorted(set(stored) - set(SOURCES))]:
        src, tables = SOURCES.get(sid), stored.get(sid, {})
        derived = sid in DERIVED_SOURCES
        if src:
            cls, zh, en = src.classification, src.title_zh, src.title_en
        elif derived:
            cls = strictest(c for cs in tables.values() for c in cs)
            zh, en = "派生数据（继承输入的最高密级）", "Derived rows (inputs' strictest class)"
        else:
            cls, zh, en = RESTRICTED, "未登记来源（按涉敏处理）", "Unregistered source (restricted)"
        out.append(
            {
                "source_id": sid,
                "classification": cls,
                "title_zh": zh,
                "title_en": en,
                "registered": src is not None,
                "derived": derived,
                "tables": {t: sorted(cs) for t, cs in sorted(tables.items())},
            }
        )
    return out
