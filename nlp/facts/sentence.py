"""One sentence, left to right: each figure and each growth rate becomes a fact (or joins one).

The walk visits the sentence's figures and growth phrases in text order. A figure takes the
period of the cues before it, the reporter named before it, its indicator from the nearest
quantity word, any "分别" list of values after it, and a growth rate that follows it. A growth
rate with no figure of its own either fills the rates of a list just read
("…、…，同比分别增长a%、b%")
or is a fact with a null value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from haisi.nlp.facts import roles
from haisi.nlp.facts.figures import COST_AFTER, figures, is_goal
from haisi.nlp.facts.growth import CONTRASTED, change_basis, joins_figure
from haisi.nlp.facts.indicators import (
    MONEY,
    growth_indicator,
    indicator,
    nearest_kw,
    noun_after,
    own_quantity,
    span_start,
)
from haisi.nlp.facts.lists import (
    each_items,
    item_growth_indicators,
    item_indicator,
    open_places,
    respective_item,
)
from haisi.nlp.facts.names import FAIRS, event_name, kind_only, type_word
from haisi.nlp.facts.record import Fact
from haisi.nlp.facts.timing import FORECAST, period_at
from haisi.nlp.periods import Cue, combine, find_cues
from haisi.nlp.quantities import MONEY_UNITS, Growth, Quantity, find_growths, find_quantities

__all__ = ["facts_in_sentence"]

Period = tuple[str | None, str | None]
_UNIT_OUT = {"vessel_calls": "vessels"}
_MONEY_INDICATORS = (
    "trade_total",
    "export",
    "import",
    "tourism_revenue",
    "tax_refund_or_other_money",
)


def _unit_out(unit: str, ind: str) -> str:
    """The guide's unit word (艘次 → vessels; 户 of enterprises → enterprises; 个 sailings →
    flights)."""
    if ind == "vessel_or_trip_count" and unit == "个":
        return "flights"  # 7个邮轮航次: sailings, as the guide counts ferry sailings
    return "enterprises" if ind == "enterprise_count" else _UNIT_OUT.get(unit, unit)


@dataclass
class _Walk:
    """The state of one sentence's walk: where we are and what was found so far."""

    text: str
    s0: int
    sent: str
    doc: date
    cues: list[Cue]
    events: list[tuple[int, str, Quantity | Growth]]
    carried_period: Period
    carried_reporter: str
    next_group: int
    topic: str | None
    facts: list[Fact] = field(default_factory=list)
    last_end: int = 0

    def new_group(self) -> int:
        """A fresh id for the facts expanded from one list."""
        self.next_group += 1
        return self.next_group - 1

    def last_partner(self) -> str | None:
        """The partner of the previous fact (a list of figures for one counterpart)."""
        return self.facts[-1].partner if self.facts else None


def _period_at(w: _Walk, pos: int, unit: str | None) -> tuple[Period, list[Cue]]:
    """The period for a figure (``unit``) or growth (None) at ``pos`` (see
    ``timing.period_at``)."""
    starts = [e[0] for e in w.events]
    cues = w.cues
    if (
        (to := _CHANGED_TO.search(w.sent, max(0, pos - 9), pos))  # the verb ends ≤ 3 before
        and (fr := _FROM_WHEN.search(w.sent, 0, to.start()))
        and "将" not in w.sent[: fr.start()]  # 将由目前的…扩大到: a plan, from now
    ):  # 占比由去年的两成提高到35%: the value changed to is not the year it changed from
        cues = [c for c in cues if not fr.start() < c.start < to.start()]
    period, local = period_at(
        w.sent, pos, w.doc, cues, starts, w.carried_period, w.text[: w.s0], unit
    )
    now = (None, f"{w.doc.year:04d}-{w.doc.month:02d}")
    if (
        period == w.carried_period != now
        and not any(c.end <= pos for c in w.cues)
        and any(f.period == now for f in w.facts)
    ):  # 入驻企业已达到168家，其中中资企业120家: the parts of a stock up to now are stocks too
        period = now
    if (
        _RISES_TO.match(w.sent, pos)  # anchored, so it goes first: this runs for every figure
        and _TIMELESS_FROM.search(w.sent, 0, pos)
        and "将" not in w.sent[:pos]  # 航班将由36班增至48班: a planned change starts from now
    ):
        period = (None, None)  # 损耗率由过去的3%降至千分之八: the value it changed from has no date
    return period, local


# Verbs of a change to a value (…增至5.4万吨, …提高到35%).
_CHANGE_TO = (
    r"(?:增至|增加到|增长到|提高到|提升到|扩大到|上升到|发展到|降至|降到|下降到|减少到|缩短到"
    r"|压缩到|压缩至|缩短至|增长至|增加至|提高至|提升至|扩大至|上升至|发展至)"
)
# The value a figure changed to (…提高到35%), and a time-named value it changed from before it
# in the clause (由去年的两成, 从2020年的12万吨).
_CHANGED_TO = re.compile(rf"{_CHANGE_TO}[^，。；\d]{{0,3}}$")
_FROM_WHEN = re.compile(r"(?:由|从)[^，。；由从]{1,12}?的[^，。；由从]{1,12}$")
# The value a change starts from, with no time named (由约1900个, 从开通初期的28列, 由过去的3%;
# not 由2020年的, 从去年的, 由目前的), and the change that follows it (…增至5.4万吨).
_TIMELESS_FROM = re.compile(r"(?:由|从)(?:(?!年|月|目前|现在|同期|季度|前)[^，。；由从\d]){0,8}$")
_RISES_TO = re.compile(
    rf"[\d.,万亿千百十一二三四五六七八九两零〇成分之%]+[^，。；\d]{{0,6}}?{_CHANGE_TO}"
)


# The value of goods named between a figure of another unit and a rate (…14万吨，出口额增长…).
_VALUE_NAMED = re.compile(r"[，,][^，。；\d]{0,6}(?:额|货值|金额)(?:同比|比上年|较上年)?$")


def _value_list(w: _Walk, i: int, q: Quantity) -> tuple[int, list[Quantity]]:
    """A "分别" list of values of one unit starting at event ``i`` (a single figure otherwise)."""
    fb = w.sent.rfind("分别", w.last_end, q.num_start)
    group: list[Quantity] = [q]
    if fb >= 0 and re.fullmatch(r"[^，。；\d]{0,8}", w.sent[fb + 2 : q.num_start]):
        j = i + 1
        while (
            j < len(w.events)
            and w.events[j][1] == "q"
            and re.fullmatch(r"\s*[、和及与]\s*", w.sent[group[-1].end : w.events[j][0]])
            and w.events[j][2].unit == q.unit
        ):
            group.append(w.events[j][2])  # type: ignore[arg-type]
            j += 1
    return fb, group


# A clause whose subject and quantity are elided: only verbs and adverbs before the figure.
_ELIDED = re.compile(
    r"(?:[，,、]|已经|已|累计|共计|共|总计|合计|再次|首次|达到了?|达|突破|超过了?|超|约|近|为|这一数字|规模"
    r"|分别|完成)*"
)


def _product_dropped(text: str) -> str:
    """``text`` without a leading 其中 and one product it opens with (其中，集成电路…: the
    products of the total before)."""
    text = re.sub(r"^其中[，,]?", "", text)
    product = roles.commodity(text)
    return text[len(product) :] if product and text.startswith(product) else text


def _subject_dropped(text: str) -> str:
    """``text`` without the subject (or list of subjects) it opens with (；厦门6800亿元,
    其中，厦门、泉州分别完成…: parallel clauses naming only their places)."""
    hit = roles.subjects(text)
    if not hit or hit[0][0] != 0:
        return text
    end = hit[0][1]
    for start, stop, _name in hit[1:]:
        if start != end + 1 or text[end] not in "、和及与":
            break
        end = stop
    return text[end:]


def _without_cues(w: _Walk, text: str) -> str:
    """``text`` (a prefix of the sentence) with its period phrases removed."""
    out, at = [], 0
    for c in sorted(w.cues, key=lambda c: c.start):
        if c.start >= len(text):
            break
        out.append(text[at : c.start])
        at = max(at, c.end)
    return "".join(out) + text[at:]


# More than a base by an amount (比去年同期多开行近百列, 比前年多出约1600万吨): a change.
_MORE_THAN = re.compile(
    r"比[^，。；]{0,8}?多(?:出|完成|开行|接待|运送|发送|运输|了)?(?:近|约|超过?)?$"
)


def _absolute_change(sent: str, q: Quantity) -> bool:
    """True for an amount that is a change ("同比增长1.63亿人次", "增加1008.02亿元",
    比去年多开行近百列)."""
    return bool(
        re.search(
            # 新增500家 is a count of new ones, not a change
            r"(?:增长|增加|减少|下降|上升|提高|扩大|(?<!新)增)了?(?:近|约|超过?)?$",
            sent[max(0, q.num_start - 5) : q.num_start],
        )
        or _MORE_THAN.search(sent, max(0, q.num_start - 16), q.num_start)
    )


def _figure_indicator(w: _Walk, q: Quantity, pre: str) -> str:
    """Indicator of a figure; an absolute change is ``other``; a bare figure continues the one
    before."""
    sent = w.sent
    post, sentence_pre = sent[q.end : q.end + 10], sent[: q.num_start]
    earlier = [e[0] for e in w.events if e[1] == "q"]
    named = item_indicator(q.unit, respective_item(sent, q.num_start, earlier), post, sentence_pre)
    if named:  # 接待游客和旅游收入分别为2300万人次和210亿元: the item names the quantity
        return named
    if not nearest_kw(pre) and re.match(r"[、和及]", pre):  # 出口申报清单1.8亿票、货值320亿元
        clause = sentence_pre[max(sentence_pre.rfind(c) for c in "，,；") + 1 :]
        pre = clause if nearest_kw(clause) else pre
    ind = indicator(q.unit, pre, post, sentence_pre, q.unit_word)
    # An absolute change ("同比增长1.63亿人次", "增加1008.02亿元") is its own quantity: other.
    if q.unit not in ("percent", "百分点") and _absolute_change(sent, q):
        return "other"
    if ind == "share":
        return ind
    # A figure with no quantity word of its own continues the one before it (远高于2021年的5727万吨;
    # 从2.9亿元逐步增加到3.1亿元、4.4亿元; 进出口额年均增长超18%，2022年突破千亿元).
    if (
        w.facts
        and not nearest_kw(pre)
        and not (w.facts[-1].indicator == "other" and ind != "other")  # 比上届增加224家，…305家展商
        and (
            w.facts[-1].unit == _UNIT_OUT.get(q.unit, q.unit)
            or (
                w.facts[-1].value is None
                and w.facts[-1].indicator in _MONEY_INDICATORS
                and q.unit in MONEY
            )
            or (  # 吞吐量年均增长3.5%，2024年达到176亿吨: the rate's quantity, in its unit
                w.facts[-1].value is None and q.unit in _FITS.get(w.facts[-1].indicator, ())
            )
        )
    ):
        return w.facts[-1].indicator
    # 出口鞋靴10亿双，服装25亿件: the next product of a trade list, in its own unit, is traded too
    if (
        w.facts
        and w.facts[-1].indicator in ("export", "import")
        and q.unit not in MONEY
        and _PRODUCT_ONLY.fullmatch(pre)
        and roles.commodity(pre)
    ):
        return w.facts[-1].indicator
    # A sentence that names no quantity continues the paragraph's (…进出口规模将达到3万亿元。今年
    # 前三季度已达到1.9万亿元).
    if (
        ind == "tax_refund_or_other_money"
        and not w.facts
        and w.topic in _MONEY_INDICATORS
        and _ELIDED.fullmatch(_subject_dropped(_product_dropped(_without_cues(w, sentence_pre))))
    ):
        return w.topic
    # 其中，内河港口完成50.3亿吨: a part of the quantity the sentence before measured, in its unit
    if (
        ind == "other"
        and not w.facts
        and _SUB_GROUP.match(sent)
        and not nearest_kw(pre)
        and q.unit in _FITS.get(w.topic or "", ())
    ):
        return w.topic  # type: ignore[return-value]
    return ind


# The text between two figures that names only the next product (，服装; 、家具).
_PRODUCT_ONLY = re.compile(r"[，,、]\s*[\u4e00-\u9fff]{1,8}")


# A sentence that breaks a total down (其中，…): its subject is a part of the whole's reporter.
_SUB_GROUP = re.compile(r"其中")
# The total a part is taken from, named before 中 (出入境旅客中，台湾同胞占比…).
_AMONG = re.compile(r"([^，。；]{2,30})中[，,]")
_LINK = re.compile(
    r"(?:[，,](?:规模|总量|总额|总数)?(?:已经|已|首次|再次)?"
    r"(?:达到了?|达|为|突破|超过|超|升至|增至|增长到|增加到|提升至)|至|到)(?:近|约)?"
)
_FITS = {
    "visitors": {"person_trips", "persons"},
    "container_throughput": {"TEU", "自然箱"},
    "cargo_throughput": {"tonnes"},
    "vessel_or_trip_count": {"trains", "flights", "vessel_calls", "vessels"},
}


# What lies between a share and the change of that share in points (，比去年同期提升).
_SHARE_CHANGE = re.compile(
    r"[，,]?(?:[比较][^，。；]{0,8}?)?(?:提升|提高|上升|增加|下降|回落|降低|减少)了?"
)


# "开行数量年均增长30%，累计开行8万列": a cumulative figure of the same quantity after a change
# on another base (the guide puts 年均 into change_pct of the same fact).
_CUMULATIVE = re.compile(r"[，,](?:累计|共计|总计|共|已经|已)+[\u4e00-\u9fff]{0,4}?(?:达到了?|达)?")


def _rate_before(w: _Walk, q: Quantity, pre: str, ind: str, period: Period) -> Fact | None:
    """The rate-only fact a figure completes when only a linking verb separates them.

    "出口量增长超过两成，达到120万辆" is one fact; a new period or quantity word in between
    (…年均增长18%，2022年突破千亿元; …全年有望超700万标箱) keeps two facts. A change on another
    base takes a cumulative figure of the same indicator and period (年均增长30%，累计开行8万列).
    """
    f = w.facts[-1] if w.facts else None
    if f is None or f.value is not None or f.group is not None:
        return None
    if not _LINK.fullmatch(pre) and not (
        f.change_pct is not None
        and f.indicator in (ind, "other")
        and f.period in (period, (None, None))
        and _CUMULATIVE.fullmatch(pre)
    ):
        return None
    fits = _FITS.get(f.indicator)
    if f.indicator in ("trade_total", "tourism_revenue", "tax_refund_or_other_money"):
        fits = MONEY
    if q.unit in ("percent", "百分点") or (
        q.unit in MONEY and f.indicator not in _MONEY_INDICATORS
    ):
        return None
    return None if fits and q.unit not in fits else f


def _figure_span_start(w: _Walk, q: Quantity, pre: str, local: list[Cue]) -> int:
    """Start of a figure's span: its quantity word, 占 for a share, a local period cue, or the
    number."""
    start = span_start(w.last_end, pre, q.start if q.num_start == q.start else q.num_start)
    sentence_pre = w.sent[: q.num_start]
    clause_zhan = sentence_pre.rfind("占", max(sentence_pre.rfind("，"), 0))
    if q.unit == "percent" and clause_zhan >= 0:
        return clause_zhan  # a share's span starts at 占 (占全球市场份额从2021年的12%)
    if local and not nearest_kw(pre):
        return local[0].start
    return start


def _part_of_whole(
    w: _Walk, rep: str, partner: str | None, ind: str, sentence_pre: str
) -> tuple[str, str | None]:
    """(reporter, partner) when the figure is a part of a total reported before it.

    亚洲…占比55% and 其中，东盟国家采购商… are a foreign part (the partner) of the total its
    reporter reports (其中，X省民营企业…占比超六成 is the group's own share).
    """
    wholes = [w.carried_reporter] + [f.reporter for f in w.facts]
    broken_down = bool(_SUB_GROUP.search(sentence_pre))
    if roles.foreign(rep) and partner in (None, rep) and (ind == "share" or broken_down):
        if among := _AMONG.search(sentence_pre):  # 厦门机场口岸出入境旅客中，台湾同胞占比25%
            named = roles.reporter(among.group(1), "")
            wholes += [named] if named and not roles.foreign(named) else []
        if not roles.foreign(wholes[-1]):  # not inside a foreign country's own figures
            return wholes[-1], rep
    return rep, partner


def _figure_facts(w: _Walk, i: int, q: Quantity, period: Period, local: list[Cue], rep: str) -> int:
    """Facts for the figure (or 分别 value list) at event ``i``; returns the events consumed."""
    sent, unit = w.sent, q.unit
    pre, sentence_pre = sent[w.last_end : q.num_start], sent[: q.num_start]
    fb, group = _value_list(w, i, q)
    ind = _figure_indicator(w, q, pre)
    rate_only = _rate_before(w, q, pre, ind, period) if len(group) == 1 else None
    if rate_only is not None:  # 出口量增长超过两成，达到120万辆: the value completes the rate
        rate_only.value, rate_only.unit = q.value, _unit_out(unit, rate_only.indicator)
        if rate_only.period == (None, None):  # 十年来…年均增长30%，累计开行8万列: up to now
            rate_only.period = period
        if rate_only.indicator == "other":  # 发送量年均增长…，累计发送260万标箱: the unit says
            rate_only.indicator = ind
        rate_only.end = w.s0 + q.end
        w.last_end = q.end
        return 1
    start = _figure_span_start(w, q, pre, local)
    end = group[-1].end
    noun = None
    if start >= q.num_start - 1 and len(group) == 1 and unit not in ("percent", "百分点"):
        noun = noun_after(sent[end:]) or None  # 2800多家企业: the quantity word follows
        end += len(noun or "")
    # A growth right after the figure(s) joins them: year on year, or a change on another base.
    g_next = w.events[i + len(group)] if i + len(group) < len(w.events) else None
    rates: list[float | None] = [None] * len(group)
    basis = None
    consumed = len(group)
    kw = nearest_kw(pre)
    if (
        g_next
        and g_next[1] == "g"
        and unit not in ("percent", "百分点")
        and (g_next[2].yoy or g_next[2].basis)
        and joins_figure(g_next[2], g_next[0], len(group), end, sent, kw and kw.group(0))
        # 货值5.3亿元，均比去年同期翻了一番: a rate said of each is spread over the run instead
        and not (len(group) == 1 and _EACH.search(sent[end : g_next[2].start]))  # type: ignore
        # 出口三文鱼约14万吨，出口额增长超一成: the value's rate, not the tonnage's
        and not (unit not in MONEY_UNITS and _VALUE_NAMED.search(sent, end, g_next[0]))
    ):  # type: ignore
        g: Growth = g_next[2]  # type: ignore[assignment]
        rates = list(g.values[: len(group)]) + [None] * (len(group) - len(g.values))
        basis = change_basis(g, w.cues, sent, period, w.doc.year, w.carried_reporter)
        fig_end, end = end, g.end
        consumed += 1
        prev = w.facts[-1] if w.facts else None
        if (  # 总额为900亿元，比去年同期增加100亿元，增长12.5%: the rate is the total's
            ind == "other"
            and len(group) == 1
            and basis is None
            and prev is not None
            and prev.yoy_pct is None
            and prev.value is not None
            and prev.unit == _unit_out(unit, prev.indicator)
            and _absolute_change(sent, q)
        ):
            prev.yoy_pct, rates = rates[0], [None]
            prev.end, end = w.s0 + g.end, fig_end
    partner = (roles.partner(pre) or w.last_partner()) if len(group) == 1 else None
    if ind == "share":
        rep, share_partner = roles.share_roles(sentence_pre, rep, w.text[: w.s0])
        partner = partner or share_partner
    elif (  # 占…比重65.3%，提升2.1个百分点: the share's change, the share's reporter
        unit == "百分点"
        and (last := w.facts[-1] if w.facts else None)
        and last.indicator == "share"
        and _SHARE_CHANGE.fullmatch(sent[last.end - w.s0 : q.start])
    ):
        rep, partner = last.reporter, last.partner
    rep, partner = _part_of_whole(w, rep, partner, ind, sentence_pre)
    items = roles.list_items(sent, fb) if len(group) > 1 else []
    gid = None
    if len(group) > 1:
        gid = w.new_group()
        if items:
            first = items[-len(group)] if len(items) >= len(group) else items[0]
            start = min(start, first[0])
    counted = roles.counted_places(sent, items)
    for k, qq in enumerate(group):
        raw = items[len(items) - len(group) + k][1] if len(items) >= len(group) else None
        item = roles.clean_item(raw) if raw is not None else None
        # 对台小额贸易和免税市场销售额分别为9.4亿元和7.1亿元: an item naming its own quantity
        own = item_indicator(unit, raw, "", sentence_pre) if k and ind != "share" else None
        f = Fact(
            own or ind,
            qq.value,
            _unit_out(unit, own or ind),
            None if basis else rates[k],
            w.s0 + start,
            w.s0 + end,
            period,
            rep,
            partner=partner,
            group=gid,
            noun=noun,
        )
        if basis and rates[k] is not None:
            f.change_pct, f.change_basis = rates[k], basis
        _assign_item(f, item, w.doc, counted)
        w.facts.append(f)
    if len(group) == 1:
        _each_of(w, q)
    w.last_end = end
    return consumed


# 均 of "each", not of an average (日均, 年均, 人均, 平均); before a figure, 均 or 双双.
_EACH_WORD = r"(?<![日年人场平月周户])均"
_EACH = re.compile(_EACH_WORD)
_EACH_LEAD = re.compile(
    rf"({_EACH_WORD}|双双)(?:超过|超|突破|达到|达|为|在|保持在|不足|不到|低于|高于|逾)?(?:近|约)?$"
)  # 进口玉米、小麦均不足300万吨: a bound said of each


def _listed_apart(sent: str, items: list[tuple[int, str]]) -> bool:
    """True when two or more items are set apart by 、 or 和 and none is a period or a count;
    an open list (开元寺、关岳庙等…), 及 (国际及地区航班), holidays or a count (320多家民宿、客栈)
    make one subject instead (route ends, 至, are left out by the caller)."""
    if len(items) < 2 or re.search("等|假期", items[-1][1]):
        return False
    seps = [sent[a + len(raw) : b] for (a, raw), (b, _r) in zip(items, items[1:])]
    return all(sep in ("、", "和") for sep in seps) and not any(
        _PERIOD_ITEM.match(raw) or re.search(r"\d", raw) for _s, raw in items
    )


def _each_of(w: _Walk, q: Quantity) -> None:
    """ "A、B双双突破一千列" or "产销量均超过1500万辆": one figure stands for each listed item."""
    before = w.sent[: q.num_start]
    m = _EACH_LEAD.search(before)
    if not m:
        return
    f = w.facts[-1]
    clause_start = max(before.rfind(c, 0, m.start()) for c in "，。；,") + 1
    subject = before[clause_start : m.start()]
    if "产销" in subject:  # 产销量均…: production and sales
        w.facts.append(replace(f))
        f.indicator_text, w.facts[-1].indicator_text = "产量", "销量"
        return
    items = roles.list_items(w.sent, m.start())
    if any("至" in raw for _s, raw in items):
        return  # 长沙至曼谷、首尔等国际航线客座率均…: the routes, one subject
    if roles.counterparts(w.sent, items):  # 自卡塔尔、澳大利亚进口…均超过: one fact per partner
        partners = [roles.item_role(roles.clean_item(it))[0] for _s, it in items]
        if len(partners) >= 2 and all(partners):
            f.partner = partners[0]
            w.facts.extend(replace(f, partner=p) for p in partners[1:])
        return
    # 合肥、芜湖两市…均, 佛山、东莞、中山等制造业城市…均: the last item without the list's class
    reps = [r for r in (roles.each_reporter(it) for _s, it in items) if r]
    if len(reps) >= 2:
        f.reporter = reps[0]
        for r in reps[1:]:
            w.facts.append(replace(f, reporter=r))
    elif _listed_apart(w.sent, items):
        # 台湾水果、水产品均超过千吨: a figure for each item
        counted = roles.counted_places(w.sent, items)
        f.group = w.new_group()
        copies = [f] + [replace(f) for _it in items[1:]]
        for c, (_s, it) in zip(copies, items):
            _assign_item(c, roles.clean_item(it), w.doc, counted)
        w.facts.extend(copies[1:])


def _spread_rates(w: _Walk, g: Growth, period: Period) -> bool:
    """Fill "同比分别增长a%、b%" (or "年均增幅分别…", "同比增长均超过30%") into the rate-less
    figures just read; True when it did."""
    prev = [f for f in w.facts if f.group is None and f.indicator != "share"]
    each = len(g.values) == 1 and (
        "均" in w.sent[max(0, g.start - 2) : g.end]
        or bool(prev and _EACH.search(w.sent[prev[-1].end - w.s0 : g.start]))  # ，均比去年同期
    )
    n = len(g.values)
    if each and w.facts and (gid := w.facts[-1].group) is not None:
        prev = [f for f in w.facts if f.group == gid]  # 分别为x和y，同比均增长5%: the list's
    if each:  # one rate for every rate-less figure of the clause run before it
        n = 0
        while (
            n < len(prev)
            and prev[-n - 1].value is not None
            and prev[-n - 1].yoy_pct is None
            and prev[-n - 1].change_pct is None
        ):
            n += 1
    spread = (
        n > 1 and len(prev) >= n and (g.yoy or g.basis) and g.start - (prev[-1].end - w.s0) <= 30
    )
    if not (
        spread
        and all(
            f.value is not None and f.yoy_pct is None and f.change_pct is None for f in prev[-n:]
        )
    ):
        return False
    basis = change_basis(g, w.cues, w.sent, period, w.doc.year, w.carried_reporter)
    for f, v in zip(prev[-n:], g.values * n if each else g.values):
        if basis:
            f.change_pct, f.change_basis = v, basis
        else:
            f.yoy_pct = v
    prev[-1].end = w.s0 + g.end
    w.last_end = g.end
    return True


def _after_share(w: _Walk, g: Growth) -> bool:
    """ "约1000万人次，约占…的23.6%，同比增幅126.8%": the rate belongs to the figure before the
    share (also past the share's own change: 占比58.3%，提升2.1个百分点，同比增长9.6%)."""
    facts = w.facts
    if facts and facts[-1].unit == "百分点" and len(facts) > 2 and facts[-2].indicator == "share":
        facts = facts[:-1]
    if len(g.values) != 1 or not g.yoy or len(facts) < 2 or facts[-1].indicator != "share":
        return False
    fig = facts[-2]
    gap = w.sent[w.facts[-1].end - w.s0 : g.start]
    if (
        fig.value is None
        or fig.yoy_pct is not None
        or fig.indicator == "share"
        or not re.fullmatch(r"(?:以上|左右|多)?[，,]?(?:同比)?", gap)
        or fig.start < w.s0
    ):
        return False
    fig.yoy_pct = g.values[0]
    fig.end = w.s0 + g.end
    w.last_end = g.end
    return True


def _former_latter(w: _Walk, g: Growth) -> bool:
    """ "A和B分别为x和y，前者增长8.4%，后者下降5.6%": the list's first or last figure's rate."""
    which = re.search(r"(前者|后者)(?:同比)?$", w.sent[max(0, g.start - 5) : g.start])
    group = [f for f in w.facts if f.group is not None and f.group == w.facts[-1].group]
    if not which or len(g.values) != 1 or len(group) < 2:
        return False
    f = group[0] if which.group(1) == "前者" else group[-1]
    if f.value is None or f.yoy_pct is not None or f.start < w.s0:
        return False
    f.yoy_pct = g.values[0]
    w.last_end = g.end
    return True


def _second_rate(w: _Walk, g: Growth, period: Period) -> bool:
    """ "250亿元，环比增长5%，同比增长8%": a year-on-year rate right after a change on another base
    (or the reverse) completes the same figure; the guide never makes it a separate fact."""
    f = w.facts[-1] if w.facts else None
    if f is None or len(g.values) != 1 or f.value is None or f.group is not None:
        return False
    gap = w.sent[f.end - w.s0 : g.start]
    if f.start < w.s0 or not re.fullmatch(r"[，,、]?(?:同比|环比)?", gap):
        return False
    basis = change_basis(g, w.cues, w.sent, period, w.doc.year, w.carried_reporter)
    if basis is None and f.yoy_pct is None and f.change_pct is not None:
        f.yoy_pct = g.values[0]
    elif basis is not None and f.change_pct is None and f.yoy_pct is not None:
        f.change_pct, f.change_basis = g.values[0], basis
    else:
        return False
    f.end = w.s0 + g.end
    w.last_end = g.end
    return True


def _partner_figure(w: _Walk, partner: str | None, ind: str) -> Fact | None:
    """The sentence's last figure for ``partner`` in ``ind`` still without a rate (与东盟、欧盟
    分别进出口612.4亿元、548.7亿元，对东盟进出口增长14.6%), or None."""
    if not partner:
        return None
    same = [f for f in w.facts if f.partner == partner and f.indicator == ind]
    f = next((f for f in reversed(same) if f.value is not None), None)
    return f if f and f.yoy_pct is None and f.change_pct is None else None


def _member_figure(w: _Walk, g: Growth) -> bool:
    """ "榴莲、火龙果和香蕉出口分别为9.6亿美元、3.1亿美元和2.4亿美元，榴莲同比增长41.2%" (or
    "…，对东盟、欧盟进出口分别增长6.4%、3.2%"): rates whose clause opens with items of the 分别 list
    just read, one rate per item, are those items'; True when taken."""
    last = w.facts[-1] if w.facts else None
    if not (last and last.group is not None and g.yoy):
        return False
    cut = max(w.sent.rfind(c, 0, g.start) for c in "，,；") + 1
    group = [f for f in w.facts if f.group == last.group]
    fb = w.sent.find("分别", max(group[0].start - w.s0, 0), cut)  # the values' own 分别
    if fb < 0:  # a group from another kind of list (均, 双双): no items to name
        return False
    items = roles.list_items(w.sent, fb)
    if len(items) < len(group):
        return False
    names = [raw.lstrip("的") for _s, raw in items[len(items) - len(group) :]]
    if len(g.values) == 1:
        heads = [w.sent[cut : g.start].removeprefix("其中").lstrip("，,")]
    elif (own := w.sent.find("分别", cut, g.end)) >= 0:
        heads = [raw for _s, raw in roles.list_items(w.sent, own)]
    else:
        return False
    heads = [h.removeprefix("对").removeprefix("与") for h in heads]
    owners = []
    for head in heads:
        own_f = [f for f, name in zip(group, names) if len(name) > 1 and head.startswith(name)]
        if len(own_f) != 1 or own_f[0].value is None or own_f[0].yoy_pct is not None:
            return False
        owners.append(own_f[0])
    if len(owners) != len(g.values) or len({id(f) for f in owners}) != len(owners):
        return False
    for f, v in zip(owners, g.values):
        f.yoy_pct, f.end = v, w.s0 + g.end
    w.last_end = g.end
    return True


# Orders counted in money earlier in the paragraph (外销订单金额为593.2亿美元, 累计接单…).
_ORDERS_IN_MONEY = re.compile(r"订单金额|订单额|外销订单|接单")


def _growth_facts(w: _Walk, g: Growth, period: Period, rep: str) -> None:
    """Facts with a null value for a growth rate that no figure took."""
    sent = w.sent
    pre, sentence_pre = sent[w.last_end : g.start], sent[: g.start]
    if not g.yoy and g.basis is None:
        return
    if (
        _spread_rates(w, g, period)
        or _after_share(w, g)
        or _second_rate(w, g, period)
        or _former_latter(w, g)
        or _member_figure(w, g)
    ):
        return
    if w.facts and re.search(r"[，,](?:扣除价格因素|按可比价格计算)[，,]?实际$", pre):
        return  # 名义增长5.1%，扣除价格因素实际增长5.0%: the same figure's real rate
    fb = sent.find("分别", max(w.last_end, g.start - 4), g.start + 4)
    if re.search(
        r"(?:效率|时效|时间|成本|速度|价格|指数|面积)(?:也)?(?:本月|本周|当月|当周)?(?:将|已经|已|可)?$",
        sent[max(0, g.start - 10) : g.start],
    ) or COST_AFTER.match(sent[g.end : g.end + 10]):
        return  # efficiency, cost, price and size changes are not reported activity
    clause = sentence_pre[max(sentence_pre.rfind(c) for c in "，,；") + 1 :]
    if re.search(r"连年|年年|多年(?:来)?保持|连续[^，。；\d]{0,3}年", clause):
        return  # "连年保持10%以上增长": a streak over years, no one period's rate
    if is_goal(sent, g.start) or _AIMED_RATE.search(clause):
        return  # "将推动服务贸易规模年均增长5%以上", "进出口力争增长10%以上": a goal
    ind = growth_indicator(pre if nearest_kw(pre) else sentence_pre)
    if ind == "other" and w.topic and not nearest_kw(sentence_pre) and not own_quantity(pre):
        ind = w.topic  # "青海、新疆分别增长49.3%、27.3%" continues the paragraph's quantity
    orders = (kw := nearest_kw(pre)) is not None and kw.group(0) == "订单"
    if ind == "other" and orders and _ORDERS_IN_MONEY.search(w.text, 0, w.s0 + g.start):
        ind = "tax_refund_or_other_money"  # 外销订单金额…，电子产品订单增长21.6%: orders in money
    if (
        g.yoy
        and len(g.values) == 1
        and not CONTRASTED.search(sent, 0, g.start)  # …，汽车对华出口则同比下降: its own rate
        and (f := _partner_figure(w, roles.partner(pre), ind))
    ):
        f.yoy_pct, f.end = g.values[0], w.s0 + g.end  # that partner's figure takes the rate
        return
    start = span_start(w.last_end, pre, g.start)
    values = list(g.values)
    items = roles.list_items(sent, fb if fb >= 0 else g.start) if len(values) > 1 else []
    each = each_items(sent, g.start) if len(values) == 1 else []
    if group := open_places(sent, each):  # 北京、上海、广州等地…均增长一倍: one fact for all
        each, rep = [], group
    if each:  # "A、B和C出口均增长一成以上": one fact per item, each with the rate
        items, values = each, values * len(each)
    items = items[-len(values) :] if len(items) >= len(values) else []
    inds = item_growth_indicators(items)  # 进出口、出口、进口…分别增长: each item its indicator
    reps = [roles.item_reporter(raw) for _s, raw in items]
    gid = None
    if len(values) > 1:
        gid = w.new_group()
        if items:
            start = min(start, items[0][0])
    basis = change_basis(g, w.cues, sent, period, w.doc.year, w.carried_reporter)
    # A change since an open start ("这10年", "十年来…年均") has no period; a named base keeps it.
    open_start = basis and (g.yoy or (g.basis == "年均" and period[0] is None))
    counted = roles.counted_places(sent, items)
    # 广东、浙江进出口均增长…: each place its rate (对阿联酋、沙特出口均…: partners, not places)
    own_items = each and all(reps) and not roles.counterparts(sent, items)
    for k, v in enumerate(values):
        f = Fact(
            inds[k] if inds else ind,
            None,
            None,
            None if basis else v,
            w.s0 + start,
            w.s0 + g.end,
            (None, None) if open_start else period,
            reps[k] if own_items else rep,
            partner=roles.partner(pre) or w.last_partner(),
            group=gid,
        )
        if basis:
            f.change_pct, f.change_basis = v, basis
        if items and not inds and not own_items:
            _assign_item(f, roles.clean_item(items[k][1]), w.doc, counted)
        w.facts.append(f)
    w.last_end = g.end


# A 分别 list item that is a period (一季度、二季度和三季度…分别增长): the fact's period.
_PERIOD_ITEM = re.compile(
    r"(?:\d{4}年)?(?:第?[一二三四1-4]季度|上半年|下半年|(?:\d{1,2}|[一二三四五六七八九十]{1,2})月份?)"
)


# A district or county named in full (崂山区、市南区…分别, 晋江市、石狮市): a place that reports.
_DISTRICT = re.compile(r"[\u4e00-\u9fff]{2,4}(?:(?<![地社山城郊牧林矿灾园景])区|县|旗)")


def _assign_item(
    f: Fact, item: str | None, doc: date, counted: frozenset[str] = frozenset()
) -> None:
    """A 分别 list item: a period dates the fact; a mainland place or a named port, line, zone or
    region reports, a foreign place or group is the partner, anything else is the commodity; an
    item of a list closed by its class's count (三个口岸, 四国) reports as written."""
    if not item:
        return
    if (when := _PERIOD_ITEM.match(item)) and (cues := find_cues(when.group(0), doc)):
        f.period = combine(cues, f.period)
        return
    if counted:
        f.reporter = item
        f.partner = None if f.partner in counted else f.partner
        return
    word = type_word(item)
    if (
        word and not kind_only(item[: -len(word)]) or roles.site(item) or _DISTRICT.fullmatch(item)
    ) and not roles.foreign(item):
        f.reporter = item  # 东部地区、中西部地区出口分别…; 满洲里、二连浩特口岸…分别: each reports
        return
    partner, commodity = roles.item_role(item)
    if partner and roles.domestic(partner):  # 上海、江苏分别进出口…: each place reports
        f.reporter = partner
    elif partner:
        f.partner = partner
    else:
        f.commodity = commodity


# A forecast clause up to a period cue: a forecast word since the last comma.
# Chinese firms counted where they are registered (在沙特登记注册的中国企业已超过1200家).
_HOST = re.compile(
    r"在((?!该|这|当地)[\u4e00-\u9fff]{2,6}?)(?:新)?(?:注册|登记|投资|设立|经营)[^，。；]{0,6}?的"
    r"(?:中国|中资)企业[^，。；]{0,6}$"
)
# A rate aimed at, with no figure of its own (力争增长10%, 争取明年再翻一番, 未来十年…增长五成).
_AIMED_RATE = re.compile(r"力争|争取|还要|未来[一二三四五六七八九十两\d]+年")
_FORECAST_CLAUSE = re.compile(f"(?:{FORECAST.pattern})[^，。；,;]*$")
# A target's year (力争到2027年…, 希望到2030年…): the next sentence's figures are not its.
_TARGET_BY = re.compile(r"(?:力争|争取|希望|目标是?|要)到$")
# A date things are to be finished or opened by (预计2027年建成开放): no period of any figure.
_EVENT_DATE = re.compile(
    r"[^，。；]{0,4}?(?:建成|开放|投用|投运|投产|开通|完工|竣工|开园|开港|开业)"
)
# A figure made at a fair (进博会期间，…; 在第八届进博会上，…) is dated like the fair's own.
_AT_EVENT = re.compile(f"(?:{FAIRS})(?:期间|上|现场)")
# A sentence opening at the event itself (论坛现场，…; 展会期间，…; 开幕式上，…).
_AT_VENUE = re.compile(
    rf"\s*(?:本届)?(?:{FAIRS}|论坛|展会|大会|会议|会上)(?:现场|期间|上)?[，,]|\s*(?:开幕式|闭幕式|签约仪式)上"
)
# A bare kind word opening a name (通道铁海联运班列): the one of that kind named before.
_BARE_KIND = re.compile(r"通道|口岸|港区|片区|园区")


def facts_in_sentence(
    text: str,
    s0: int,
    sent: str,
    doc: date,
    carried_period: Period,
    carried_reporter: str,
    next_group: int,
    topic: str | None = None,
) -> tuple[list[Fact], Period, str, int]:
    """Facts of one sentence; returns them with the period and reporter carried to the next one."""
    cues = find_cues(sent, doc)
    growths = find_growths(sent)
    quants = figures(sent, find_quantities(sent), growths)
    events = sorted(
        [(q.num_start, "q", q) for q in quants] + [(g.start, "g", g) for g in growths],
        key=lambda e: e[0],
    )
    w = _Walk(
        text, s0, sent, doc, cues, events, carried_period, carried_reporter, next_group, topic
    )
    rep = carried_reporter
    deixis = roles.DEICTIC.search(sent)
    pointed = None
    if deixis and s0:  # 这里 / 当地: the last place before; 该港区: the last 港区 named
        pointed = roles.antecedent(text[:s0], roles.deictic_kind(deixis.group(0)))
    this_month = f"{doc.year:04d}-{doc.month:02d}"
    i = 0
    while i < len(events):
        pos, kind, obj = events[i]
        period, local = _period_at(w, pos, obj.unit if kind == "q" else None)  # type: ignore[union-attr]
        rep = roles.reporter(sent[:pos], carried_reporter, sent, pointed, text[:s0])
        if rep == "全国" and not roles.national(sent[:pos]):  # nothing before names a subject
            rep = roles.place_after(sent[pos:]) or rep
        if (bare := _BARE_KIND.match(rep)) and s0 and rep != bare.group(0):
            # 西部陆海新通道建设…。今年以来，通道铁海联运班列…: the corridor named before
            rep = roles.antecedent(text[:s0], bare.group(0)) or rep
        if kind == "q" and obj.unit_word == "条":  # type: ignore[union-attr]
            rep = roles.counted_line(sent[obj.end :]) or rep  # type: ignore[union-attr]
        if rep in ("全国", "中国企业", "中资企业") and (host := _HOST.search(sent, 0, pos)):
            rep = host.group(1)  # 在阿联酋注册经营的中国企业超过1.6万家: the host country's count
        if period == (None, None) and (event_name(rep) or _AT_EVENT.search(sent[:pos])):
            # an event's figure, or one made at it (进博会期间，福建交易团…): the event's month
            period = (this_month, this_month)
        elif (
            period == carried_period
            and _AT_VENUE.match(sent)
            and not any(c.end <= pos for c in cues)
        ):  # 论坛现场，…签署合作协议21项: made at the event, not in the months the last sentence
            period = (this_month, this_month)  # counted (今年前10个月，…)
        if kind == "q":
            i += _figure_facts(w, i, obj, period, local, rep)  # type: ignore[arg-type]
        else:
            _growth_facts(w, obj, period, rep)  # type: ignore[arg-type]
            i += 1
    for f in w.facts:
        if f.commodity is None and f.group is None:
            f.commodity = roles.commodity(text[s0 : f.end])
            if f.indicator == "vessel_or_trip_count" and f.commodity in ("船舶", "船"):
                f.commodity = None  # 国际航行船舶1200艘次: the ships are counted, not traded
    # a forecast's period (预计全年…将超过135万标箱) is not what the next sentence's 同期 means;
    # a period still to come (预计春运期间…。其中，铁路…) is, for its breakdown, all there is
    final_period = combine(
        [
            c
            for c in cues
            if c.kind != "local"
            and not _TARGET_BY.search(sent, 0, c.start)
            and not (
                _FORECAST_CLAUSE.search(sent, 0, c.start)
                and ((c.period_start or "") <= this_month or _EVENT_DATE.match(sent, c.end))
            )
        ],
        carried_period,
    )
    # "福建今天…升为一级。目前，关闭了617个景区" keeps 福建 for the next sentence.
    if not w.facts:
        rep = roles.reporter(sent, carried_reporter, before=text[:s0])
    return w.facts, final_period, roles.carries(sent, rep, carried_reporter), w.next_group
