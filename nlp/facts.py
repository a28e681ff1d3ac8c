"""Statistical facts from bulletin paragraphs: one fact per reported figure.

Follows the fields and conventions of the hand-labelled guide in
``shared/data/text/xwlb-zh-facts-dev/SOURCE.md``: indicator, reporter, partner, commodity, value
in base units, unit, yoy_pct, period_start, period_end and span (an exact substring of the text).
"分别" lists expand item by item; a growth rate joins the figure it follows.

Examples
--------
>>> f = extract_facts("今年前8个月，长三角地区进出口规模达11.07万亿元，同比增长5.5%。", "2024-09-20")
>>> (f[0]["indicator"], f[0]["value"], f[0]["yoy_pct"], f[0]["period_end"])
('trade_total', 11070000000000.0, 5.5, '2024-08')
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date

from haisi.nlp.periods import Cue, combine, find_cues, parse_date
from haisi.nlp.quantities import Growth, Quantity, find_growths, find_quantities

__all__ = ["extract_facts", "INDICATORS", "MAX_CHARS", "MAX_SENTENCE"]

log = logging.getLogger(__name__)

INDICATORS = ("trade_total", "export", "import", "visitors", "tourism_revenue", "container_throughput",
              "cargo_throughput", "vessel_or_trip_count", "enterprise_count", "tax_refund_or_other_money",
              "share", "other")
MAX_CHARS = 200_000  # longer documents are cut (a 5 MB page is not a bulletin paragraph)
MAX_SENTENCE = 400  # longest sentence analysed as one unit (bulletin sentences are far shorter)

# Frequent characters that only traditional script uses; one of them switches on t2s conversion.
_TRADITIONAL = re.compile(r"[萬億與進貿額長減關臺灣這個們時區國經濟華業務運輸貨櫃數統計達較]")
_MONEY = {"CNY", "USD", "EUR", "JPY", "HKD", "TWD", "GBP", "RUB"}
_SENT_RE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;\n]?")
_TRADE_KW = re.compile(r"进出口|贸易额|贸易总额|外贸总值|货物贸易|外贸|出口|进口")
_KW = re.compile(
    r"贸易顺差|贸易逆差|顺差|逆差|进出口|贸易总值|贸易值|贸易额|贸易总额|外贸|货物贸易|出口|进口|集装箱吞吐量|旅游收入|旅游消费|产值|收入|销售额|成交额|成交金额|投资|增量"
    r"|生产总值|花费|外资|利润|营收|游客接待量|接待游客|游客|旅客|外国人|外籍|人次|患者|吞吐量|货物|集装箱|开行|航线|订单|储备|发电量|产量"
)
_TRADE_WORDS = ("进出口", "贸易总值", "贸易值", "贸易额", "贸易总额", "外贸", "货物贸易")
_PLACE_COUNT_AFTER = re.compile(r"^(?:的)?[^，。；,\d]{0,8}?(?:国家|地区|省|城市|城区|港口|县|区、?市|经济体|签署国|成员国)")
_PLACE_COUNT_BEFORE = re.compile(
    r"(?:覆盖|涵盖|辐射|通达|联通|涉及|遍及|来自)\s*(?:全球|全国|全省|世界)?\s*(?:近|超过?|约)?$")
_GE_AFTER = {
    "个": re.compile(r"^(?:多|余)?(?:月|季度|小时|工作日|品种|种|批次|调研组|督察组|组|目的地|门类|大类|类"
                    r"|方面|领域|层次|专业|环节|行业|站点|泊位|规格|型号|品类)"),
    "TEU": re.compile(r"^(?:级|超大型|集装箱船|的集装箱船|箱位)"),
    "tonnes": re.compile(r"^级"),
    "persons": re.compile(r"^(?:次|群|数)"),
}
_MILESTONE = re.compile(r"(?:首次)?(?:突破|跨越|迈上|站上)$")
_YOY_BLOCK = re.compile(r"[。；]")


@dataclass
class _Fact:
    """A fact under construction with the character offsets of its span."""

    indicator: str
    value: float | None
    unit: str | None
    yoy_pct: float | None
    start: int
    end: int
    period: tuple[str | None, str | None]
    reporter: str
    partner: str | None = None
    commodity: str | None = None
    indicator_text: str | None = None
    change_pct: float | None = None
    change_basis: str | None = None
    group: int | None = None  # facts expanded from one 分别 list share a group id
    noun: str | None = None  # the quantity word when it follows the figure (2800多家企业)


def _in_quotes(text: str, pos: int) -> bool:
    """True when ``pos`` lies inside a “…” quotation of more than a few characters (slogans, targets)."""
    left = text.rfind("“", 0, pos)
    if left < 0:
        return False
    right = text.find("”", left)
    return right > pos and right - left > 6


def _keep(q: Quantity, text: str, growths: list[Growth]) -> bool:
    """Whether a quantity is a reportable figure (not an ordinal, a place count, a tariff rate …)."""
    if any(g.start <= q.num_start < g.end for g in growths):
        return False
    before, after = text[max(0, q.num_start - 12):q.num_start], text[q.end:q.end + 14]
    if before.endswith("第") or re.search(r"(?<![人次总件户艘架位])数$", before) or _in_quotes(text, q.num_start):
        return False  # ordinals (第133届) and vague magnitudes (数千项)
    # Small Chinese numerals before a count word are mostly names or idioms (三台山, 五座城).
    if q.value < 10 and not q.text[:1].isdigit() and q.unit != "percent":
        return False
    if _PLACE_COUNT_AFTER.match(after) or _PLACE_COUNT_BEFORE.search(before):
        return False
    clause = text[max(text.rfind("，", 0, q.num_start), text.rfind(",", 0, q.num_start)) + 1:q.num_start]
    if re.search(r"辐射|通达|覆盖|涵盖|遍及", clause):  # counts of places reached (…18个省73个城市156个站点)
        return False
    if after.startswith("大关"):
        return False
    if q.unit == "persons" and re.search(r"人口(?:不到|超过|约|近|达)?$", before):
        return False  # population, not visitors
    if q.unit == "TEU" and re.search(r"(?:箱位数?|载箱量|运力)(?:达到|达|为)?$", before):
        return False  # the capacity of one ship
    clause = text[text.rfind("，", 0, q.num_start) + 1:q.num_start]
    if q.unit == "percent" and (re.match(r"^(?:的)?(?:关税|税率|附加税)", after) or re.search(r"关税|税率", clause)):
        return False  # tariff rates are policy, not reported activity
    pat = _GE_AFTER.get(q.unit if q.unit in _GE_AFTER else q.unit_word)
    return not (pat and pat.match(after))


def _nearest_kw(pre: str) -> re.Match[str] | None:
    """Last indicator keyword in the text before a figure."""
    last = None
    for m in _KW.finditer(pre):
        last = m
    return last


def _indicator(unit: str, pre: str, post: str, sentence_pre: str) -> str:
    """Indicator from the unit and the nearest quantity word before (or right after) the figure."""
    kw_m = _nearest_kw(pre)
    kw = kw_m.group(0) if kw_m else ""
    if unit == "percent":
        clause = sentence_pre[sentence_pre.rfind("，") + 1:]
        return "share" if "占" in pre or "占" in clause else "other"
    if unit in _MONEY:
        if kw == "货物":  # 出口货物181.2亿元: the trade word before the noun decides
            trade = [m.group(0) for m in _TRADE_KW.finditer(pre[:kw_m.start()][-6:])]  # type: ignore[union-attr]
            kw = trade[-1] if trade else kw
        if kw in _TRADE_WORDS:
            return "trade_total"
        if kw in ("出口", "进口"):
            return "export" if kw == "出口" else "import"
        if kw in ("旅游收入", "旅游消费") or (kw in ("产值", "收入", "花费") and re.search("旅游|出游", sentence_pre)):
            return "tourism_revenue"
        if kw == "增量":
            return "other"
        return "tax_refund_or_other_money"
    if unit in ("person_trips", "persons"):
        ctx = pre[-15:] + post
        if re.search("患者|病例|就诊|采购商|人才|学生|员工|志愿者", ctx):
            return "other"
        if unit == "person_trips" or re.search("游客|旅客|客流|出入境|入境|出境", ctx):
            return "visitors"
        return "other"
    if unit == "TEU":
        return "container_throughput"
    if unit == "tonnes":
        if re.search("货物|吞吐量|货运|运量|运送|货邮", pre[-20:]):
            return "cargo_throughput"
        if kw in ("出口", "进口"):
            return "export" if kw == "出口" else "import"
        return "other"
    if unit in ("trains", "flights", "vessel_calls"):
        return "vessel_or_trip_count"
    if unit == "enterprises":
        return "enterprise_count"
    if unit != "百分点" and kw in ("出口", "进口") and len(pre) - kw_m.end() <= 10:  # type: ignore[union-attr]
        return "export" if kw == "出口" else "import"  # 汽车出口338.8万辆, 出口跨境电商包裹108.54万件
    return "other"


def _growth_indicator(pre: str, sentence_pre: str) -> str:
    """Indicator for a growth rate with no figure, from the quantity word before it."""
    kw_m = _nearest_kw(pre)
    kw = kw_m.group(0) if kw_m else ""
    if kw in _TRADE_WORDS:
        return "trade_total"
    if kw in ("出口", "进口"):
        return "export" if kw == "出口" else "import"
    if kw in ("旅游收入", "旅游消费"):
        return "tourism_revenue"
    if kw in ("游客", "旅客", "外国人", "外籍", "人次", "游客接待量", "接待游客"):
        return "visitors"
    if kw in ("集装箱", "集装箱吞吐量"):
        return "container_throughput"
    if kw in ("吞吐量", "货物"):
        return "cargo_throughput"
    if kw in ("产值", "收入", "销售额", "成交额", "成交金额", "投资", "生产总值", "储备", "外资", "利润", "营收",
              "贸易顺差", "贸易逆差", "顺差", "逆差"):
        return "tax_refund_or_other_money"
    return "other"


_UNIT_OUT = {"vessel_calls": "vessels"}


def _span_start(pre_start: int, pre: str, fallback: int) -> int:
    """Span starts at the nearest quantity word before the figure in its clause, else at the figure."""
    cut = max(pre.rfind("，"), pre.rfind(","), pre.rfind("："))
    m = _nearest_kw(pre[cut + 1:])
    return pre_start + cut + 1 + m.start() if m else fallback


def _list_items(text: str, end: int) -> list[tuple[int, str]]:
    """Items of a "A、B和C分别" list ending at ``end`` (offset of 分别 or of the verb before it)."""
    seg_start = max(text.rfind(c, 0, end) for c in "，。；：,")
    if "、" not in text[seg_start + 1:end] and seg_start > 0 and text[seg_start] in "，,":
        # "欧洲、北美洲和大洋洲，分别占比30%和15%": the items sit in the clause before
        prev = max(text.rfind(c, 0, seg_start) for c in "，。；：,")
        seg_start, end = prev, seg_start
    seg = re.sub(r"^(?:其次是|其中|包括|分别是|主要是)", "", text[seg_start + 1:end])
    seg_start = end - len(seg) - 1
    m = re.search(r"(?:对|与|同|向|从|自)?([^对与同向从自]+)$", seg)
    if not m:
        return []
    body = m.group(1)
    body_start = seg_start + 1 + m.start(1)
    parts, pos = [], 0
    for p in re.split(r"[、和及与]", body):
        parts.append((body_start + pos, p))
        pos += len(p) + 1
    return parts


def _clean_item(item: str) -> str:
    """Strip the trailing verb/indicator from the last list item (锂电池出口 → 锂电池)."""
    item = re.sub(r"(的)?(进出口|出口|进口|贸易额|产量|分别).*$", "", item)
    return re.sub(r"等.*$", "", item).strip("“”\" ")


def _sentences(text: str) -> list[tuple[int, str]]:
    """Sentences (split on 。！？；) with their offsets; run-ons are cut at commas into ≤ MAX_SENTENCE chars.

    Work per sentence grows with its length times its figures, so a page with no full stops must
    not become one 200,000-character sentence.
    """
    out = []
    for m in _SENT_RE.finditer(text):
        start, sent = m.start(), m.group(0)
        while len(sent) > MAX_SENTENCE:
            cut = max(sent.rfind("，", 0, MAX_SENTENCE), sent.rfind(",", 0, MAX_SENTENCE))
            cut = cut + 1 if cut > 0 else MAX_SENTENCE
            out.append((start, sent[:cut]))
            start, sent = start + cut, sent[cut:]
        out.append((start, sent))
    return out


_NATIONAL = re.compile(r"我国|全国|中国(?!企业|船企)|海关总署")
_NOT_SUBJECT = re.compile(r"(?:对|与|同|从|自|至|到|向|和|、|占|于|在|为)$")


def _reporter(pre: str, carried: str) -> str:
    """The place or body the figure is about, as written; 全国 for China as a whole.

    The last place in the text before the figure wins, unless it is a counterpart
    (对东盟, 与美国, 占全国 …) or a later national mention (我国, 海关总署) follows it.
    """
    from haisi.nlp.gazetteer import places_in

    found = [p for p in places_in(pre) if not _NOT_SUBJECT.search(pre[:p[0]])]
    natl = [m.end() for m in _NATIONAL.finditer(pre) if not _NOT_SUBJECT.search(pre[:m.start()])]
    if natl and (not found or natl[-1] >= found[-1][1]):
        return "全国"
    if found:
        return found[-1][2]
    return carried


def _commodity(pre: str) -> str | None:
    """The last commodity named before the figure in its sentence (液化天然气, 跨境电商包裹 …)."""
    from haisi.nlp.gazetteer import match

    hits = [e["text"] for e in match(pre) if e["label"] == "COMMODITY"]
    return hits[-1] if hits else None


def _share_roles(sentence_pre: str, reporter: str) -> tuple[str, str | None]:
    """(reporter, partner) of a share: 东盟占我国外贸总值 → (全国, 东盟); 我国…占全球 → (全国, None)."""
    from haisi.nlp.gazetteer import places_in

    z = sentence_pre.rfind("占")
    if z < 0:
        return reporter, None
    whole = sentence_pre[z + 1:]
    subject = _reporter(sentence_pre[:z], reporter)
    if re.match(r"(?:我国|全国|中国)", whole) and subject != "全国":
        return "全国", subject
    hit = places_in(whole)
    if hit and hit[0][0] == 0 and subject != "全国" and hit[0][2] != subject:
        return hit[0][2], subject
    return subject, None


def _partner(pre: str) -> str | None:
    """The counterpart after 对/与/同/从 (东盟, 美国, RCEP其他成员 …) or None."""
    from haisi.nlp.gazetteer import places_in

    best = None
    for m in re.finditer(r"(?:对|与|同|从|自)", pre):
        for s, _e, name in places_in(pre[m.end():m.end() + 14]):
            if s == 0:
                best = name
                ext = re.match(r"(其他成员|成员国|沿线国家)", pre[m.end() + len(name):])
                if ext:
                    best = name + ext.group(1)
    if best is None:
        m = re.search(r"(?:对|与)(沿线国家|共建国家|金砖国家)", pre)
        best = m.group(1) if m else None
    return best


def _facts_in_sentence(text: str, s0: int, sent: str, doc: date, carried_period: tuple,
                       carried_reporter: str, next_group: int, topic: str | None = None
                       ) -> tuple[list[_Fact], tuple, str, int]:
    """Facts of one sentence; returns them with the period and reporter carried to the next one."""
    cues = find_cues(sent, doc)
    growths = find_growths(sent)
    quants = [q for q in find_quantities(sent) if _keep(q, sent, growths)]
    # A threshold ("首次突破4000列") is dropped when the exact figure of the same unit follows.
    quants = [q for i, q in enumerate(quants)
              if not (_MILESTONE.search(sent[max(0, q.num_start - 6):q.num_start])
                      and any(r.unit == q.unit for r in quants[i + 1:]))
              and not (i + 1 < len(quants) and quants[i + 1].unit == q.unit  # 超过4万亿元，达到4.06万亿元
                       and re.fullmatch(r"[，,]?(?:达到|达)", sent[q.end:quants[i + 1].num_start]))]
    facts: list[_Fact] = []
    events = sorted([(q.num_start, "q", q) for q in quants] + [(g.start, "g", g) for g in growths],
                    key=lambda e: e[0])
    reporter = carried_reporter
    last_end = 0
    i = 0
    while i < len(events):
        pos, kind, obj = events[i]
        cue_before = [c for c in cues if c.end <= pos and c.kind != "local"]
        period = combine(cue_before, carried_period)
        local = [c for c in cues if c.kind == "local" and 0 <= pos - c.end <= 3
                 and not re.search(r"[，。；、]", sent[c.end:pos])]
        if local:
            period = (local[0].period_start, local[0].period_end)
        pre = sent[last_end:pos]
        sentence_pre = sent[:pos]
        reporter = _reporter(sentence_pre, carried_reporter)
        if kind == "q":
            q: Quantity = obj
            # 分别 list of values?
            fb = sent.rfind("分别", last_end, pos)
            group: list[Quantity] = [q]
            if fb >= 0 and re.fullmatch(r"[^，。；\d]{0,8}", sent[fb + 2:q.num_start]):
                j = i + 1
                while j < len(events) and events[j][1] == "q" and re.fullmatch(
                        r"\s*[、和及与]\s*", sent[group[-1].end:events[j][0]]) and events[j][2].unit == q.unit:
                    group.append(events[j][2])
                    j += 1
            unit = q.unit
            post = sent[q.end:q.end + 10]
            ind = _indicator(unit, pre, post, sentence_pre)
            # An absolute change ("同比增长1.63亿人次", "增加1008.02亿元") is its own quantity: other.
            is_change = unit not in ("percent", "百分点") and re.search(
                r"(?:增长|增加|减少|下降|增)了?(?:近|约|超过?)?$", sent[max(0, q.num_start - 5):q.num_start])
            if is_change:
                ind = "other"
            # A figure with no quantity word of its own continues the one before it
            # (远高于2021年的5727万吨; 从2.9亿元逐步增加到3.1亿元、4.4亿元).
            elif facts and facts[-1].unit == _UNIT_OUT.get(unit, unit) and not _nearest_kw(pre):
                ind = facts[-1].indicator
            start = _span_start(last_end, pre, q.start if q.num_start == q.start else q.num_start)
            clause_zhan = sentence_pre.rfind("占", max(sentence_pre.rfind("，"), 0))
            if unit == "percent" and clause_zhan >= 0:
                start = clause_zhan  # a share's span starts at 占 (占全球市场份额从2021年的12%)
            elif local and not _nearest_kw(pre):
                start = local[0].start
            end = group[-1].end
            noun = None
            if start >= q.num_start - 1 and len(group) == 1 and unit not in ("percent", "百分点"):
                noun = _noun_after(sent[end:]) or None  # 2800多家企业: the quantity word follows
                end += len(noun or "")
            # A growth right after the figure(s) joins them.
            g_next = events[i + len(group)] if i + len(group) < len(events) else None
            yoys: list[float | None] = [None] * len(group)
            consumed = len(group)
            if (g_next and g_next[1] == "g" and unit not in ("percent", "百分点")
                    and not _YOY_BLOCK.search(sent[end:g_next[0]])
                    and len(g_next[2].values) == len(group)
                    and g_next[0] - end <= 30 and not _nearest_kw(sent[end:g_next[0]].replace("同比", ""))
                    and _change_basis(g_next[2], cues, sent, period) is None):
                g: Growth = g_next[2]
                yoys = list(g.values[:len(group)]) + [None] * (len(group) - len(g.values))
                end = g.end
                consumed += 1
            partner = None
            if len(group) == 1:
                partner = _partner(pre) or (facts[-1].partner if facts else None)
            rep = reporter
            if ind == "share":
                rep, share_partner = _share_roles(sentence_pre, reporter)
                partner = partner or share_partner
            items = _list_items(sent, fb) if len(group) > 1 else []
            gid = None
            if len(group) > 1:
                gid = next_group
                next_group += 1
                if items:
                    first = items[-len(group)] if len(items) >= len(group) else items[0]
                    start = min(start, first[0])
            for k, qq in enumerate(group):
                item = _clean_item(items[len(items) - len(group) + k][1]) if len(items) >= len(group) else None
                f = _Fact(ind, qq.value, _UNIT_OUT.get(unit, unit), yoys[k], s0 + start, s0 + end, period,
                          rep, partner=partner, group=gid, noun=noun)
                if item:
                    _assign_item(f, item)
                facts.append(f)
            last_end = end
            i += consumed
            continue
        g = obj
        if not g.yoy and g.basis is None:
            i += 1
            continue
        n = len(g.values)
        prev = [f for f in facts if f.group is None]
        spread = n > 1 and len(prev) >= n and g.yoy and g.start - (prev[-1].end - s0) <= 30
        if spread and all(f.value is not None and f.yoy_pct is None for f in prev[-n:]):
            for f, v in zip(prev[-n:], g.values):
                f.yoy_pct = v
            prev[-1].end = s0 + g.end
            last_end = g.end
            i += 1
            continue
        fb = sent.find("分别", max(last_end, g.start - 4), g.start + 4)
        if re.search(r"(?:效率|时效|时间|成本|速度|价格|指数)(?:将|已经|已|可)?$", sent[max(0, g.start - 8):g.start]):
            i += 1  # efficiency, cost and price changes are not reported activity
            continue
        ind = _growth_indicator(pre if _nearest_kw(pre) else sentence_pre, sentence_pre)
        if ind == "other" and topic and not _nearest_kw(sentence_pre):
            ind = topic  # "青海、新疆分别增长49.3%、27.3%" continues the paragraph's quantity
        start = _span_start(last_end, pre, g.start)
        items = _list_items(sent, fb if fb >= 0 else g.start) if len(g.values) > 1 else []
        gid = None
        if len(g.values) > 1:
            gid = next_group
            next_group += 1
            if len(items) >= len(g.values):
                start = min(start, items[-len(g.values)][0])
        change_basis = _change_basis(g, cues, sent, period)
        for k, v in enumerate(g.values):
            item = None
            if len(items) >= len(g.values):
                item = _clean_item(items[len(items) - len(g.values) + k][1])
            # A change since an open start ("这10年") has no period; one against a named base keeps it.
            f = _Fact(ind, None, None, None if change_basis else v, s0 + start, s0 + g.end,
                      (None, None) if change_basis and g.yoy else period, reporter,
                      partner=_partner(pre) or (facts[-1].partner if facts else None), group=gid)
            if change_basis:
                f.change_pct, f.change_basis = v, change_basis
            if item:
                _assign_item(f, item)
            facts.append(f)
        last_end = g.end
        i += 1
    for f in facts:
        if f.commodity is None and f.group is None:
            f.commodity = _commodity(text[s0:f.end])
    final_period = combine([c for c in cues if c.kind != "local"], carried_period)
    if not facts:
        reporter = _reporter(sent, carried_reporter)  # "福建今天…升为一级。目前，关闭了617个景区" keeps 福建
    return facts, final_period, reporter, next_group


def _last_year_basis(basis: str | None, period: tuple[str | None, str | None]) -> bool:
    """True when a comparison base names the year before the figure's period (较2023年同期 for 2024)."""
    y = re.search(r"(\d{4})年同期", basis or "")
    return bool(y and period[1] and int(y.group(1)) == int(period[1][:4]) - 1)


def _change_basis(g: Growth, cues: list[Cue], sent: str,
                  period: tuple[str | None, str | None]) -> str | None:
    """The base of a change that is not year on year (环比, 年均, 比2019年, 这10年), or None for yoy."""
    if not g.yoy:
        if _last_year_basis(g.basis, period):
            return None  # 较2023年同期 in a 2024 figure is year on year
        return re.sub(r"^(较|比)", "", g.basis or "") or None
    since = [c for c in cues if c.end <= g.start and c.kind == "since" and c.period_start is None]
    if since and "同比" not in sent[max(0, g.start - 3):g.end]:
        return re.sub(r"^(回首|近)", "", sent[since[-1].start:since[-1].end])
    return None


def _assign_item(f: _Fact, item: str) -> None:
    """A 分别 list item is the partner when it is a place or group, else the commodity."""
    from haisi.nlp.gazetteer import places_in

    hit = places_in(item)
    if hit and hit[0][0] == 0 and hit[0][1] >= len(item) - 1:
        f.partner = item
    elif hit and hit[0][0] == 0:  # 宁波口岸电动载人汽车: the place is the reporter, the rest the commodity
        f.commodity = re.sub(r"^的", "", item[hit[0][1]:]) or None
    else:
        f.commodity = item


_NOUN_AFTER = re.compile(r"[^，。；、,;和与及\d（）()]{2,10}")
_NOUN_STOP = re.compile(r"(的|在|从|将|已|于|以|被|向|对|为|是|等|均|共|正|可|停止|加入|如约|云集|联通|通达|覆盖"
                        r"|辐射|满载|集中|签约|参加|参展|对接|落地|落户|陆续|不断|推进|出席|建立|到会|提高|增至"
                        r"|降至|达到|达|分别|同比|较|比|占).*$")


def _noun_after(rest: str) -> str:
    """The noun right after a figure ("景区景点" in 617个景区景点和…), '' when a clause break follows."""
    m = _NOUN_AFTER.match(rest)
    return _NOUN_STOP.sub("", m.group(0)) if m else ""


_TRAIL = re.compile(r"(?:已经|已|将|共|累计|约|近|超过了?|超|达到了?|达|为|突破|保持在|接近|同比|比[^，。]*同期"
                    r"|比上届|增长了?|下降了?|翻了?|分别|了|是|有|上|从|由|的)+$")


def _indicator_text(text: str, f: _Fact) -> str | None:
    """Short Chinese phrase naming the quantity (required for other / other money).

    The words of the span before the figure; else the noun after it (617个景区景点); else the
    clause before it (整体参展商品将达305万件).
    """
    span = text[f.start:f.end]
    m = re.match(r"[^\d０-９一二三四五六七八九十百千万亿%、，]+", span)
    phrase = _TRAIL.sub("", m.group(0)) if m else ""
    if not phrase:
        phrase = f.noun or ""
    if len(phrase) < 2:
        clause_start = max(text.rfind(c, 0, f.start) for c in "，。；：,、") + 1
        phrase = re.sub(r"^.*(?:目前|今年|去年|其中|此外|同时|月|年|季度|[\d一二三四五六七八九十][个项例处条件家])", "",
                        text[clause_start:f.start])
        phrase = _TRAIL.sub("", phrase)
    return phrase.strip() or None


def extract_facts(text: str, date: str, *, doc_id: str | None = None) -> list[dict]:
    """Facts in one document (fields of the facts guide); [] for empty text or a malformed date."""
    doc = parse_date(date)
    if doc is None:
        log.warning("文档 %s 日期无法解析 malformed date %r: no facts", doc_id, date)
        return []
    if not text or not text.strip():
        return []
    from haisi.nlp.pipeline import detect_language, to_simplified

    if detect_language(text) != "zh":
        log.info("文档 %s 不是中文 not Chinese: the bulletin rules do not apply", doc_id)
        return []
    if len(text) > MAX_CHARS:
        log.warning("文档 %s 过长 document too long (%d chars): first %d used",
                    doc_id, len(text), MAX_CHARS)
        text = text[:MAX_CHARS]
    original, offsets = text, None
    if _TRADITIONAL.search(text):  # 進出口4.7萬億元: rules run on simplified text, spans map back
        text, offsets = to_simplified(text)
    period: tuple[str | None, str | None] = (None, None)
    reporter = "全国"
    facts: list[_Fact] = []
    group = 0
    for s0, sent in _sentences(text):
        topic = next((f.indicator for f in reversed(facts) if f.indicator not in ("share", "other")),
                     None)
        got, period, reporter, group = _facts_in_sentence(text, s0, sent, doc, period, reporter, group,
                                                          topic)
        facts.extend(got)
    out, seen = [], set()
    for f in facts:  # the same figure mentioned twice is one fact
        key = (f.indicator, f.value, f.unit, f.yoy_pct, f.period[1])
        if f.value is not None and key in seen:
            continue
        seen.add(key)
        d = _as_dict(text, f)
        if offsets is not None:
            d["span_start"], d["span_end"] = offsets[f.start], offsets[f.end - 1] + 1
            d["span"] = original[d["span_start"]:d["span_end"]]
        out.append(d)
    return out


def _as_dict(text: str, f: _Fact) -> dict:
    """The output record of one fact."""
    out = {
        "indicator": f.indicator, "reporter": f.reporter, "partner": f.partner, "commodity": f.commodity,
        "value": _num(f.value), "unit": f.unit if f.value is not None else None, "yoy_pct": f.yoy_pct,
        "period_start": f.period[0], "period_end": f.period[1], "span": text[f.start:f.end],
        "span_start": f.start, "span_end": f.end,
    }
    clause = text[max(text.rfind(c, 0, f.start) for c in "，。；,") + 1:f.end]
    sentence = text[max(text.rfind(c, 0, f.start) for c in "。；！？") + 1:f.end]
    forecast = re.search(r"预计|预测", sentence) or re.search(r"有望|将(?:达|接近|突破|超|实现|增|提高)", clause)
    if f.indicator in ("other", "tax_refund_or_other_money", "share") or forecast:
        out["indicator_text"] = _indicator_text(text, f)
    if forecast:  # forecasts and announced figures are marked （预计）
        out["indicator_text"] = (out["indicator_text"] or f.indicator) + "（预计）"
    if f.change_pct is not None:
        out["change_pct"], out["change_basis"] = f.change_pct, f.change_basis
    return out


def _num(v: float | None) -> float | int | None:
    """Integral values as int so JSON shows 489730000000, not 4.8973e11."""
    if v is None:
        return None
    r = round(v, 6)
    return int(r) if r == int(r) and abs(r) < 1e18 else r
