"""Lists that stand for several facts: "A和B分别为x和y" with mixed units, "A、B和C…均增长".

A bulletin often names the quantities first and gives their figures after 分别
(接待游客和旅游收入分别为2300万人次和210亿元; 进出口、出口、进口…分别增长8.2%、9.1%和6.5%), or
gives one rate that holds for each listed item (机电产品、劳动密集型产品和农产品出口均增长一成以上).
These helpers find the item a figure stands for and the indicator that item names.
"""

from __future__ import annotations

import re

from haisi.nlp.facts import roles
from haisi.nlp.facts.indicators import growth_indicator, indicator, nearest_kw

__all__ = ["each_items", "item_growth_indicators", "open_places", "respective_item"]

_EACH = re.compile(r"均(?:实现|保持)?(?:了)?(?:同比)?$")
# An open list of places (北京、上海、广州等地): one reporter, as readers write it.
_OPEN_PLACES = re.compile(r"等(?:地|城市|省份|省市|地区|口岸|港口)")


# The trade a list's last item closes with (汽车运输船出口额, 欧盟出口船舶): every item's.
_TRADE_TAIL = re.compile(r"(?:进出口|出口|进口)[^、，。；\d]{0,4}$")


def respective_item(sent: str, pos: int, earlier: list[int]) -> str | None:
    """The raw list item a figure at ``pos`` stands for in "A和B分别为x和y" (None otherwise).

    ``earlier`` holds the start offsets of the sentence's figures; the figure is the k-th after
    分别 and stands for the k-th item named before it.
    """
    fb = sent.rfind("分别", 0, pos)
    if fb < 0 or re.search(r"[。；]", sent[fb:pos]):
        return None
    k = sum(1 for s in earlier if fb < s < pos)
    items = roles.list_items(sent, fb)
    if len(items) < 2 or k >= len(items):
        return None
    item, tail = items[k][1], nearest_kw(items[-1][1])
    own = nearest_kw(item)
    if own and own.end() == len(item):
        return item
    if k < len(items) - 1 and (trade := _TRADE_TAIL.search(items[-1][1])):
        return item + trade.group(0)  # 集装箱船、液化气船出口额分别为…: each item's 出口额
    if tail and tail.end() == len(items[-1][1]):
        return item + tail.group(0)  # 外商投资企业和国有企业进出口分别为…: each item's 进出口
    return item


def item_indicator(unit: str, item: str | None, post: str, sentence_pre: str) -> str | None:
    """Indicator named by a list item (旅游收入 → tourism_revenue), None when it names none."""
    if not item or not nearest_kw(item):
        return None
    return indicator(unit, item, post, sentence_pre)


def item_growth_indicators(items: list[tuple[int, str]]) -> list[str] | None:
    """Per-item indicators when every item names its own quantity (进出口、出口、进口); goods
    listed before a trade word are that trade's (船舶、汽车出口分别增长: both exports)."""
    if len(items) < 2 or not all(nearest_kw(raw) for _s, raw in items):
        return None
    inds = [growth_indicator(raw) for _s, raw in items]
    if inds[-1] in ("export", "import"):
        goods = ("船舶", "货物")
        inds = [
            inds[-1] if (m := nearest_kw(raw)) and m.group(0) in goods else i
            for (_s, raw), i in zip(items, inds, strict=True)
        ]
    return inds


def each_items(sent: str, g_start: int) -> list[tuple[int, str]]:
    """Items of "A、B和C…均增长x%" before a growth at ``g_start``; [] when there is no list."""
    m = _EACH.search(sent, 0, g_start)
    if m:
        end = m.start()
    elif re.match(r"(?:同比)?(?:增速|增幅|增长|下降)均", sent[g_start:]):
        end = g_start  # 四川、湖北、江西进出口增速均超过一成; 江苏、浙江进出口同比增长均超过一成
    else:
        return []
    items = roles.list_items(sent, end)
    return items if len(items) >= 2 else []


def open_places(sent: str, items: list[tuple[int, str]]) -> str | None:
    """The list as written when ``items`` end in 等地 (北京、上海、广州等地…均增长一倍): the
    readers' one reporter for a rate the places share; None for a closed list."""
    end = _OPEN_PLACES.search(items[-1][1]) if items else None
    if end is None:
        return None
    first = items[0][1]
    # 退税商店数量较多的北京, 元旦假期哈尔滨: the places start after the lead
    lead = max(first.rfind(w) + len(w) if w in first else 0 for w in ("的", "假期", "期间", "以来"))
    return sent[items[0][0] + lead : items[-1][0] + end.end()]
