"""The period of one figure: the cues before it in its sentence, the period carried from earlier.

A date after the broadcast (该港区将于12月开港) anchors only a forecast; a local year (2021年的…)
applies to the figure right after it; a daily figure with no period is current; a forecast for
今年 covers the whole year.
"""

from __future__ import annotations

import re
from datetime import date

from haisi.nlp.facts.names import FAIRS
from haisi.nlp.periods import Cue, combine

__all__ = ["FORECAST", "period_at"]

Period = tuple[str | None, str | None]
# Words that make a figure a forecast (预计…达, 将达305万件).
FORECAST = re.compile(r"预计|有望|计划|拟|预测|将(?!于|在)")


def _forecast(sent: str, cue: Cue, pos: int) -> bool:
    """True when a figure after a future date is a forecast for it (预计明年…达, 将达305万件).

    The forecast word must sit in the figure's clause or between the date and the figure; a date
    that only schedules an event (该港区将于12月开港，目前已有…) does not anchor a count.
    """
    clause = max(sent.rfind(c, 0, pos) for c in "，,；") + 1
    own = sent[clause:pos]
    if clause > cue.end and re.search(r"目前|截至|已经|已", own) and not FORECAST.search(own):
        return False  # …将于12月开通，…，目前已开通航线45条: a count up to now
    # 欧盟委员会预计，今年…增长1.2%，明年增长1.4%: a forecast word opening the sentence covers it
    before = sent[: cue.start]
    return bool(
        FORECAST.search(sent[min(clause, cue.end) : pos]) or re.search(r"预计|有望|预测", before)
    )


def _local(sent: str, pos: int, cues: list[Cue], starts: list[int]) -> list[Cue]:
    """A local year right before the figure (远高于2021年的5727万吨), no figure in between."""
    return [
        c
        for c in cues
        if c.kind == "local"
        and 0 <= pos - c.end <= 12
        and not re.search(r"[，。；、]", sent[c.end : pos])
        and not any(c.end <= s < pos for s in starts)
    ]


# 去年同期 (or 2024年同期) opening a clause (去年同期，…增长1.2%; 而去年同期仅增长…; 2024年同期为
# 3.8亿美元; 去年同期这一比重为82.3%): the period in force, in that earlier year; after a verb
# (比去年同期增长) it is the base of a change, not a period.
_YEAR_AGO = re.compile(
    r"(?:^|[，,；;])\s*(?:而|但|相比之下[，,]?)?(?:去年|上年|(?P<y>\d{4})年)同期"
    r"(?=[，,]|仅|只|则|也|还|为|这一(?:比重|占比|比例|数字|数据|指标))"
)


# The same period a year before, right before a figure (高于去年同期的2683亿元).
_YEAR_AGO_OF = re.compile(
    r"(?<!恢复至)(?<!恢复到)(?<!相当于)(?<!达到)(?<!是)(?:去年|上年|(?P<y>\d{4})年)"
    r"(?:同期|[^，。；的\d]{1,6}(?:假期|黄金周))的(?:近|约|超过)?$"
)  # but 恢复至2019年同期的九成 is this period's ratio to a base


def _years_before(month: str, years: int) -> str:
    """``YYYY-MM`` ``years`` years earlier."""
    return f"{int(month[:4]) - years:04d}{month[4:]}"


def _back_to(period: tuple[str | None, str], year: str | None) -> Period:
    """The same months in ``year`` (a year back when None), within ten years; else unchanged. A
    stock up to now (no start) goes back to the same day of that year."""
    back = int(period[1][:4]) - int(year) if year else 1
    if 0 < back < 10:
        start = _years_before(period[0], back) if period[0] else None
        return start, _years_before(period[1], back)
    return period


# Words that make a figure for this year a forecast, plan or target.
# (即将满四周年 dates an anniversary, it plans nothing)
_PLAN = re.compile(r"预计|有望|确保|力争|谋划|计划|预期|提出|安排|拟|(?<!即)将(?!于|在)")
# 今年 alone (not 今年以来, 今年前8个月), and an area sown or planted in it (今年种植面积186万亩)
# Months of this year named before a figure (前三季度, 1至9月, 前8个月, 上半年).
_MONTHS_NAMED = re.compile(
    r"前[一二三1-3]季度|[一二三1-3]季度|\d{1,2}[至—–-]\d{1,2}月|前\d{1,2}个月|上半年"
)
_THIS_YEAR = re.compile(r"今年(?!以来|前|[一二三四\d上下]|年初)")
_AREA = re.compile(r"[\d.]+(?:多|余)?万?(?:亩|公顷)")
# A yearly amount once something is built (建成后预计每年可向金门供电约4亿千瓦时): undated.
_ONCE_BUILT = re.compile(
    r"(?:建成|投产|投用|投运|通车|达产)后[^。；]{0,12}?(?:每年|年均|一年)"
    r"|(?:全年|每年|(?<![今去明])年)[^，。；\d]{0,6}?可(?:达到?|运输|接待|处理|完成|实现|装卸)?"
    r"[^，。；\d]{0,8}$"
)  # 全年可运输集装箱1.5万标箱, 年运输货物可达1.2万吨: what a year can carry, no period
# The year's forecast (预计全年入境旅客可达4000万人次), not what a year can carry.
_YEAR_FORECAST = re.compile(r"预计全年[^，。；\d]{0,6}?可达到?[^，。；\d]{0,8}$")
# A stock built up over time (已集聚企业800家, 已累计入驻160家, 全市已有2100多家, 航线已增至7条):
# up to now, from an undated start, when its own sentence names no period and no growth follows it.
_STOCK = re.compile(
    r"累计|累积|已(?:经)?(?:有|累计|集聚|聚集|培育|入驻|吸引|落户|建成|设立|开通|孵化|签约"
    r"|达(?!成)到?|增至|增加到|增加至)"
)
_STOCK_OVER = re.compile(r"已(?:经)?(?:超过?|突破)")  # 商户已超过400家 (a share is not a stock)
_GROWTH_AFTER = re.compile(r"[^；。]*?(?:同比|增长|下降|增幅|降幅|减少|提高|提升)")
# Deals signed at a meeting going on now (会上，…签署协议，意向金额超百亿元; 在刚刚结束的对接会上，
# 又有23个项目签约; 峰会首日，现场签约项目156个): the broadcast month, whatever was carried.
_SIGNED_AT_EVENT = re.compile(
    f"(?:^|[，,])会上|在[^，。；]{{0,30}}(?:{FAIRS}|会|论坛)(?:上|期间|现场)"
    f"|(?:{FAIRS}|会|会议|论坛|开幕)(?:首日|当天|期间)"
)
_SIGNED = re.compile(r"签约|签署|签下|达成")
# A single shipment being shown (满载…, 这批21吨鲜蒜, 船上1800多吨鱿鱼, 这艘船一次运来6.8万吨矿石).
_LOAD = re.compile(r"满载|载有|搭载了?|装载着?|这批|这一船|这艘船|船上|一次运来")
# What a project brings once done, or some day (建成后…日均客流有望达到25万人次, 未来将提供约50万个
# 就业岗位, 今后5年内将投资…), with no period in its own sentence: undated, not the period carried.
_UNDATED = re.compile(r"未来|今后|(?:建成|投产|投用|投运|通车|开通)后")
# One project's total investment (项目总投资约38亿欧元): its size, not a period's activity…
_PROJECT_TOTAL = re.compile(r"(?:^|项目|工程|中心|基地|期)总投资额?(?:约|达到|达|超过|为|近)?$")
# …unless projects are counted or signed (签约项目56个，总投资…; 其中外资项目21个，总投资…).
_DEALS = re.compile(r"签约|签署|累计|引进|落户|新签|已有|集聚|落地|发布|其中|项目\d|\d+个")
# A disaster or an emergency being reported: its counts with no period are of the news month.
_EMERGENCY = re.compile(r"灾情|险情|洪涝|强降雨|暴雨|台风|寒潮|地震|滑坡|泥石流|抢险")
_THIS_FAIR = re.compile(f"(?:本届|此次|今年的)[^，。；]{{0,16}}?(?:{FAIRS}|展会|大会)")


# An event announced for later (服贸会将于9月9日至13日在北京举办, 将于10月15日至11月4日分三期在广州
# 举办).
_EVENT_AHEAD = re.compile(
    r"将于(\d{1,2})月\d{1,2}日(?:至(?:(\d{1,2})月)?\d{1,2}日)?[^。；，,]{0,20}?"
    r"(?:举办|举行|开幕|召开)[。；]"
)


_AHEAD_NEAR = 600  # characters before a sentence where its event may be announced


def _event_ahead(before_text: str, doc: date) -> Period | None:
    """The months of an event an earlier sentence announced for later (…将于9月8日至11日在厦门
    举行。…预计参展企业超过6500家 → September): what is forecast for it is of its time. Only the
    last ``_AHEAD_NEAR`` characters are read, so a long document costs no more per figure."""
    m = None
    for m in _EVENT_AHEAD.finditer(before_text, max(0, len(before_text) - _AHEAD_NEAR)):
        pass
    if m is None:
        return None
    first, last = int(m.group(1)), int(m.group(2) or m.group(1))
    year = doc.year + (first < doc.month)  # 将于1月… said in December: next year's
    return f"{year:04d}-{first:02d}", f"{year + (last < first):04d}-{last:02d}"


def _said_now(
    sent: str, pos: int, cues: list[Cue], unit: str | None, this_month: str, period: Period
) -> Period:
    """The period of a figure whose own sentence names no period before it but says it is
    current: a weekly timetable as it stands (目前每周往返航班超过300班 → up to now), deals
    signed at a meeting now, a single shipment (一列满载52个集装箱的班列), or a day named after
    the figure (一批3.2吨榴莲今天（7月11日）启运)."""
    if any(c.end <= pos for c in cues):
        return period
    clause = sent[max(sent.rfind(c, 0, pos) for c in "，,") + 1 : pos]
    running = period[0] and period[1] and period[0] <= this_month < period[1]
    if unit in ("flights", "trains") and "每周" in clause and not running:
        period = (None, this_month)  # but a season running now (新航季…每周执行) keeps it
    if _SIGNED_AT_EVENT.search(sent, 0, pos) and _SIGNED.search(sent):
        period = (this_month, this_month)
    if _LOAD.search(clause):  # 一列满载52个集装箱的班列: a single shipment, moving now
        period = (this_month, this_month)
    if period == (None, None) and _THIS_FAIR.search(sent, 0, pos):
        period = (this_month, this_month)  # 本届投洽会…吸引参展企业380多家: the fair now on
    if period == (None, None) and any(
        c.start > pos and c.period_start == c.period_end == this_month for c in cues
    ):
        period = (this_month, this_month)
    return period


def period_at(
    sent: str,
    pos: int,
    doc: date,
    cues: list[Cue],
    starts: list[int],
    carried: Period,
    before_text: str,
    unit: str | None = None,
) -> tuple[Period, list[Cue]]:
    """The period for a figure (in ``unit``; None for a growth) at ``pos`` and the local cues
    that set it.

    ``starts`` are the offsets of the sentence's figures and growths; ``carried`` is the period
    in force from earlier sentences, ``before_text`` the paragraph before the sentence.
    """
    this_month = f"{doc.year:04d}-{doc.month:02d}"
    before_cues = [
        c
        for c in cues
        if c.end <= pos
        and c.kind != "local"
        and not (c.period_start and c.period_start > this_month and not _forecast(sent, c, pos))
    ]
    period = combine(before_cues, carried)
    ago = list(_YEAR_AGO.finditer(sent, 0, pos))
    if ago and period[1] and all(c.end <= ago[-1].start() for c in before_cues):
        period = _back_to(period, ago[-1].group("y"))  # 去年同期，…; 2024年同期: back to 2024
    if period[0] and period[1] and (ago_of := _YEAR_AGO_OF.search(sent, max(0, pos - 16), pos)):
        period = _back_to(period, ago_of.group("y"))  # 高于去年同期的…, 超过2019年同期的…
    local = _local(sent, pos, cues, starts)
    if local:
        period = (local[0].period_start, local[0].period_end)
    before = sent[:pos]
    clause = before[max(before.rfind(c) for c in "，,") + 1 :]
    built = _ONCE_BUILT.search(before) if not _YEAR_FORECAST.search(before) else None
    # a stock (全市已有2100多家) in a statement of its own (a sentence, or 在莆田，… after ；), not
    # after 截至4月底，…。
    last = before_text[before_text.rfind("。", 0, len(before_text) - 1) + 1 :]
    if built and not any(c.end > built.end() for c in before_cues):
        period = (None, None)  # 建成后每年可供电4亿千瓦时: a yearly capacity, no period
    elif (
        carried[1]
        and (before_text.rstrip().endswith(("。", "！", "？")) or sent.startswith("在"))
        and not re.search(r"截[至止]", last)
        and all(c.kind == "cum" for c in before_cues)
        and (
            _STOCK.search(clause) or (unit not in (None, "percent") and _STOCK_OVER.search(clause))
        )
        and not _GROWTH_AFTER.match(sent, pos)
        and not re.match(r"其中|同期", sent)
    ):
        period = (None, this_month)
    elif period == (f"{doc.year:04d}-01", this_month) and (
        (re.search("今年|年内|到年底", before) or not before_cues)
        and _PLAN.search(before)
        and not _MONTHS_NAMED.search(before)  # 今年前三季度…预计达到: those months
        or re.search(r"确保|力争", clause)
        or (_THIS_YEAR.search(before) and _AREA.match(sent, pos))
    ):  # a forecast, plan or target for this year, or this year's sown area, is the whole year
        period = (period[0], f"{doc.year:04d}-12")
    if (
        not local
        and _PLAN.search(clause)
        and all(c.period_end in (this_month, f"{doc.year:04d}-12") for c in before_cues)
    ):  # with no months of its own (今年, 截至目前 say nothing the event does not)
        period = _event_ahead(before_text, doc) or period
    if (
        period == carried != (None, None)
        and not before_cues
        and not local
        and (
            _UNDATED.search(before) or (_PROJECT_TOTAL.search(clause) and not _DEALS.search(before))
        )
    ):
        period = (None, None)
    if period == (None, None) and not before_cues and _EMERGENCY.search(before_text + before):
        # 受强降雨影响…当地已转移安置群众2100多人: the emergency, now
        period = (this_month, this_month)
    return _said_now(sent, pos, cues, unit, this_month, period), local
