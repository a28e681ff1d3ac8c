"""Growth rates: whether one joins the figure before it, and the base of a change that is not
yoy."""

from __future__ import annotations

import re

from haisi.nlp.facts.indicators import nearest_kw
from haisi.nlp.periods import Cue
from haisi.nlp.quantities import Growth

__all__ = ["CONTRASTED", "change_basis", "joins_figure"]

# A volume of its own named before the rate (…31.2亿件，日均揽收量较去年增长9.6%): its rate.
_OTHER_VOLUME = re.compile(r"[，,]([^，。；\d]{1,10}?)量(?:同比|[比较][^，。；]{0,8})?$")
_YOY_BLOCK = re.compile(r"[。；]|[，,](?:而|又)?(?:今年|明年)")  # 去年…2亿元，今年前5个月又增长三成
# A part named between the figure and a rate (，其中对俄罗斯进出口增长21%): the part's rate.
_PART_BLOCK = re.compile(r"其中")
_PART_NAMED = re.compile(r"其中[，,]?[^，。；\d]{2,}?(?:同比|比上年|较上年)?$")
# A measure of its own between the figure and a rate (…12.6万标箱，查验效率提升约四成): its rate.
_OWN_MEASURE = re.compile(
    r"[，,][^，。；\d]{0,8}(?:效率|时间|时长|成本|费用|能耗|价格|均价|速度|率|运力|产能)"
    r"(?:比去年同期|比上年|较去年同期|同比)?$"
)
# A group of firms named before the restated quantity word: the group's own rate.
_GROUP_NAMED = re.compile(r"[，,][^，。；\d]{0,6}(?:企业|民营|外资|台资|国有)[^，。；\d]{0,6}$")


def _last_year_basis(
    basis: str | None, period: tuple[str | None, str | None], doc_year: int
) -> bool:
    """True when a comparison base names the year before the figure's period (较2023年同期 or
    较2023年春节假期 for 2024; 较前年 for a whole 去年).

    With no period stated, the figure is taken to be of the broadcast year.
    """
    year = int(period[1][:4]) if period[1] else doc_year
    if y := re.search(r"(\d{4})年(?:同期|[^，。；的\d]{0,6}?(?:假期|黄金周))", basis or ""):
        return int(y.group(1)) == year - 1
    # a whole year against the year before it (去年…较前年, 2024年…比2023年) is year on year
    whole = bool(period[0] and period[1]) and period[0][5:] == "01" and period[1][5:] == "12"
    named = re.fullmatch(r"(?:较|比)?(?:(\d{4})年|(前年))", basis or "")
    if not (whole and named and period[0][:4] == period[1][:4]):  # type: ignore[index]
        return False
    base = int(named.group(1)) if named.group(1) else doc_year - 2
    return base == year - 1


def change_basis(
    g: Growth,
    cues: list[Cue],
    sent: str,
    period: tuple[str | None, str | None],
    doc_year: int,
    about: str = "",
) -> str | None:
    """The base of a change that is not year on year (环比, 年均, 比2019年, 这10年), or None for
    yoy. ``about`` is the subject in force from earlier sentences (第134届广交会)."""
    if not g.yoy:
        if _last_year_basis(g.basis, period, doc_year):
            return None  # 较2023年同期 in a 2024 figure is year on year
        return re.sub(r"^(较|比)", "", g.basis or "") or None
    if (upper := _LAST_SESSION.match(sent, g.start)) and _TWICE_A_YEAR.search(sent + about):
        return upper.group(1)  # 广交会…比上届增长8.6%: half a year back, not year on year
    if whole := _LAST_WHOLE_YEAR.match(sent, g.start):
        return whole.group(1)  # 截至12月28日…比去年全年增长约四成: against a whole year
    before = [c for c in cues if c.end <= g.start]
    since = [c for c in before if c.kind == "since" and c.period_start is None]
    if since and any(c.start >= since[-1].end and c.kind in ("full", "ytd") for c in before):
        since = []  # …以来政策效应持续释放，一季度…增长21.3%: the quarter's, year on year
    if since and "同比" not in sent[max(0, g.start - 3) : g.end]:
        return re.sub(r"^(回首|近)", "", sent[since[-1].start : since[-1].end])
    return None


# 比上届 is year on year only for a yearly fair (the guide: 进博会); 广交会 is held twice a year.
_LAST_SESSION = re.compile(r"(?:比|较)(上届(?:同期)?)")
_TWICE_A_YEAR = re.compile(r"广交会|中国进出口商品交易会")
_LAST_WHOLE_YEAR = re.compile(r"(?:比|较)((?:去年|上年)全年)")
# A clause that names a count of its own before the rate (…，…接待台胞数量同比增长两成).
_OWN_COUNT = re.compile(
    r"[，,][^，。；]{2,24}(?:数量|人数|商户|户数|客流量|客流)"
    r"(?:同比|比上年|较上年|较去年同期|比去年同期)?$"
)


# A milestone the figure passed, said in a clause of its own (，首次突破40万人次大关，): no figure
# between the figure and its growth (figures.py drops a milestone threshold before a figure).
_MILESTONE_PASSED = re.compile(
    r"(?:首次|再次|一举|历史性地?)?(?:突破|超过|跨过|迈上|站上|跃上)[^，。；]{0,12}?(?:大关|关口|台阶)"
    r"|(?:首次|再次|一举)(?:突破|超过|迈上|站上)[\d.]+[万亿]*[^，。；\d]{0,3}(?=[，,])"
)  # …1.05亿人次，首次突破1亿人次，同比增长8.3%: the milestone restates the figure


def _another_volume(stem: str, before: str, fig_kw: str | None) -> bool:
    """True when the volume named before a rate (日均揽收量, 货运量) is not the figure's own: an
    average of it, or a word the figure's clause does not use (交付38架，交付量增长 restates it)."""
    if stem.startswith(("日均", "月均", "人均", "单日")):
        return True
    return not (fig_kw and fig_kw in stem) and stem[-2:] not in before


# A clause set against the figure's (，汽车对华出口则同比下降21.2%): another item's rate.
CONTRASTED = re.compile(r"[，,][^，。；,]{1,12}?则(?:同比|比上年|比去年)?$")


def joins_figure(
    g: Growth, g_pos: int, n_values: int, end: int, sent: str, fig_kw: str | None
) -> bool:
    """A growth right after ``n_values`` figures (ending at ``end``) belongs to them.

    A quantity word in between stops it, unless it restates the figure's own word
    (进出口总值3.7万亿元，进出口同比增长1.2%).
    """
    between = nearest_kw(_MILESTONE_PASSED.sub("", sent[end:g_pos]).replace("同比", ""))
    other = _OTHER_VOLUME.search(sent, end, g_pos)
    return (
        not (other and _another_volume(other.group(1), sent[max(0, end - 25) : end], fig_kw))
        and not _YOY_BLOCK.search(sent[end:g_pos])
        and not _OWN_COUNT.search(sent, end, g_pos)  # …，景区接待台胞数量同比增长: another count
        and not _OWN_MEASURE.search(sent, end, g_pos)
        and not (between is not None and _PART_BLOCK.search(sent[end:g_pos]))
        and not _PART_NAMED.search(sent, end, g_pos)  # …5230架次，其中国际及地区航班同比增长46%
        and not _GROUP_NAMED.search(sent, end, g_pos)  # …1135.7亿元，台资企业进出口增长4.4%
        and not CONTRASTED.search(sent, end, g_pos)  # …1380亿日元，汽车对华出口则同比下降21.2%
        and len(g.values) == n_values
        and g_pos - end <= 30
        and (between is None or between.group(0) == fig_kw)
    )
