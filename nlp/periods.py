"""Reporting periods in bulletin text (前8个月, 1—6月, 上半年, 一季度, 2024年1月 …) resolved to ISO
months.

A bulletin says "今年前8个月" and means January..August of the broadcast year; this module turns
such phrases into (period_start, period_end) pairs against the document date, following the
conventions of the facts guide (shared/data/text/xwlb-zh-facts-dev/SOURCE.md).

Each cue found in a sentence is a :class:`Cue`: ``kind`` says how it combines with cues before it
in the same sentence ("full" sets both ends, "ytd" (今年) sets January and keeps an end already
stated, "since" sets the start, "until" sets the end, "weak" (目前) means "up to now" and replaces
a period stated before it, "cum" (累计, 至此) keeps an end already stated; "local" (2021年的…)
applies to the figure right after it only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from haisi.nlp.gazetteer import match
from haisi.nlp.holidays import current_holiday, days_off, holiday_year
from haisi.nlp.numbers import halfwidth_digits, parse_cn_integer

__all__ = ["Cue", "combine", "find_cues", "month", "parse_date"]

# Five-year plans: “十四五”期间 → 2021–2025.
_PLANS = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026}
_QUARTERS = {
    "一": (1, 3),
    "二": (4, 6),
    "三": (7, 9),
    "四": (10, 12),
    "两": (4, 6),  # 前两个季度 (the first half); never a quarter by itself
    "1": (1, 3),
    "2": (4, 6),
    "3": (7, 9),
    "4": (10, 12),
}


@dataclass(frozen=True)
class Cue:
    """One period phrase: where it is and what it says."""

    start: int
    end: int
    kind: str  # full | ytd | since | until | weak | cum | fullyear | local
    period_start: str | None
    period_end: str | None


def parse_date(text: str) -> date | None:
    """The document date (YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD) or None when malformed."""
    m = re.fullmatch(r"\s*(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})(?:[T ].*)?\s*", text or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def month(year: int, mon: int) -> str | None:
    """ISO month string, or None when the month is out of range."""
    if not 1 <= mon <= 12 or not 1900 <= year <= 2100:
        return None
    return f"{year:04d}-{mon:02d}"


def _int(s: str) -> int:
    """Arabic or Chinese integer."""
    return int(s) if s.isdigit() else parse_cn_integer(s)


_N = r"(?:\d{1,2}|[一二两三四五六七八九十]{1,3})"
_Y = r"(?:(?P<y>\d{4})年|(?P<rel>今年|去年|上年|前年|明年))"
# a crop or sales season across two years (2025至2026作物年度): it names no calendar months
_CROP_SEASON = r"(?:产季|销售季|榨季|(?:作物|市场|农业)年度)"
# A season of a league or a show after 第二季 / 首季 (首季“湘超”, 第二季总决赛): no quarter.
_NOT_SEASON = r"(?![“\"]|[^，。；]{0,4}赛)"
_DASH = r"[—\-–~～至到]"
# "“五一”假期前一天" / "春节前夕" is a day before the holiday, not the holiday.
_NOT_EVE = r"(?![”\"]?(?:节)?(?:假期|假日|小长假|长假|黄金周)?(?:前一天|前两天|前夕|前\d+天|之前))"
_HOLIDAY_TAIL = _NOT_EVE + r"[”\"]?(?:节)?(?:假期|假日|小长假|长假|黄金周|期间|当天)?"
# Words that put the date after them in the future (将于12月开港): the event's date, not a period.
_FUTURE_BEFORE = re.compile(r"(?:将于|将在|即将于?|计划于|计划在|拟于|拟在|定于|预计于|将)$")

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # a partner's fiscal year (2024—25财年, 2026财年, 本财年前10个月, 2025—2026财年上半年)
    (
        "fiscal",
        re.compile(
            r"(?:(?P<y1>\d{4})\s*[—\-–/至]\s*(?:\d{2}(?!\d)|\d{4})年?|(?P<y>\d{4})|(?P<this>本))"
            rf"财年(?P<part>上半年|下半年|前(?P<n>{_N})个月|第?(?P<q>[一二三四])季度)?"
        ),
    ),
    # Iran's solar year, which starts on 21 March (伊朗历1404年, 伊朗历本年度前8个月)
    (
        "persian_year",
        re.compile(rf"伊朗历(?:(?P<y>\d{{4}})年|(?:本年度|新年以来的?)前(?P<n>{_N})个月)"),
    ),
    # a crop or sales year (2025/26年度, 2024—25销售季, 本产季): no calendar months
    (
        "crop_year",
        re.compile(
            r"\d{4}\s*/\s*\d{2,4}(?:年度|产季|销售季|榨季)"
            rf"|\d{{4}}\s*[—\-–至]\s*\d{{2,4}}年?{_CROP_SEASON}"
            r"|本(?:产季|销售季|销售年度|农业年度|榨季)(?!首)(?P<since>以来)?"
        ),
    ),
    # an academic year (2024至2025学年, 2025—2026学年): September to August
    ("school_year", re.compile(r"(?P<y1>\d{4})\s*[—\-–/至]\s*(?P<y2>\d{4}|\d{2})年?学年")),
    # twelve months to a month (截至今年9月的12个月, 截至今年6月底的四个季度)
    (
        "trailing",
        re.compile(
            rf"截[至止](?:{_Y})?(?P<m>\d{{1,2}})月(?:底|末)?的(?:过去|最近)?"
            r"(?:(?:12|十二)个月|四个季度)"
        ),
    ),
    ("year_range", re.compile(r"\d{4}年?\s*[—\-–~～至到]\s*\d{4}年")),
    # not 提前一个月 (a month early) nor 此前/之前/以前
    ("ytd_months", re.compile(rf"{_Y}?(?<![提此之以目])[前头](?P<n>{_N})个?月")),
    (
        "month_range",
        # 1—4月, 7、8月, 7、8两个月
        re.compile(
            rf"{_Y}?(?P<a>{_N})(?:月份?)?\s*(?P<sep>{_DASH}|、)\s*(?P<b>{_N})(?:两个)?月(?!\d+日)"
        ),
    ),
    (
        "date_range",
        re.compile(rf"{_Y}?(?P<a>\d{{1,2}})月\d{{1,2}}日{_DASH}(?:(?P<b>\d{{1,2}})月)?\d{{1,2}}日"),
    ),
    ("half", re.compile(rf"{_Y}?(?P<h>上|下)半年(?P<since>以来)?")),
    # 前三季度; 首三季 (Hong Kong usage) is the same; not 提前一个季度 (a quarter early)
    (
        "ytd_quarters",
        re.compile(
            rf"{_Y}?(?:(?<![提此之以目])前|首(?=[二两三四2-4]季))(?P<q>[一二两三四1-4])(?:个)?季度?"
        ),
    ),
    (  # 第三季 (Taiwan usage) is the third quarter too; not a league's or a show's season
        # (联赛第二季, “湘超”第二季, 首季“苏超”)
        "quarter",
        re.compile(
            rf"{_Y}?(?:第?(?P<q>[一二三四1-4])季度|(?<![赛”])第(?P<tq>[一二三四1-4])季{_NOT_SEASON}"
            rf"|首季(?:度|{_NOT_SEASON}))(?P<since>以来)?"
        ),
    ),
    (
        "since",
        re.compile(
            # 自…以来, 从2020年…以来, 2023年以来, 11月以来, 去年9月以来 (a start with no 自)
            r"(?:自|从(?=\d{4}年)|于(?=\d{1,2}月\d{1,2}日开幕[，,])|(?P<rel>今年(?=\d{1,2}月份?以来)|(?:去年|上年)(?=(?:\d{1,2}月份?)?以来))"
            r"|(?<![\d年—\-–~至到.])(?=(?:\d{4}年(?:\d{1,2}月份?)?|\d{1,2}月份?)以来"
            # 10月中旬以来; 1月中旬“网上年货节”启动以来
            r"|\d{1,2}月(?:[上中下]旬|初|底|末)(?:以来|[^，。；]{0,20}?(?:启动|开幕|开通|开始)以来)))"
            r"(?:(?<=自)(?:去年|上年|今年))?"  # 自去年9月以来
            r"(?:(?P<y>\d{4})年)?(?:(?P<m>\d{1,2})月份?)?(?:\d{1,2}日)?"
            # 以来, or an opening then a comma (本届广交会自10月15日开幕，…到会31万人)
            r"(?:[^，。；]{0,30}?以来|(?<=\d日)(?:开幕|开通|开行|启动|开园|开港)(?=[，,]))"
        ),
    ),
    (
        "from_to_now",
        re.compile(
            r"从(?P<y>\d{4})年(?:(?P<m>\d{1,2})月)?(?:\d{1,2}日)?(?:到|至)(?:现在|目前|今|如今)"
        ),
    ),
    (
        "years_since",
        re.compile(
            r"(?:近|这)?(?:\d+|[一二三四五六七八九十]+)(?:多|余)?年(?:来|以来)"
            r"|这(?:\d+|[一二三四五六七八九十]+)年|这些年|十余年来"
        ),
    ),
    (
        "until_end_of_year",
        re.compile(r"截[至止](?:到)?(?:(?P<rel>去年|今年|上年)|(?P<y>\d{4})年)(?:年)?(?:末|底)"),
    ),
    ("until_last_month", re.compile(r"截[至止](?:到)?上个?月(?:末|底)")),  # 截至上月底
    (
        "until",
        # (…从今天开始，到5月6日结束: to that day, as 至 writes it)
        re.compile(
            rf"(?:截[至止](?:到)?|至|到(?=\d{{1,2}}月\d{{1,2}}日结束))(?:{_Y})?(?P<m>\d{{1,2}})月"
            r"(?:\d{1,2}日)?(?:末|底)?"
        ),
    ),
    (
        "plan",
        re.compile(
            r"[“\"]?(?P<plan>十一五|十二五|十三五|十四五|十五五)[”\"]?"
            r"(?P<tail>(?:时期|期间|开局)?以来|期间|时期|规划期|前(?P<n>[一二三四两1-4])年|末|初"
            r"|(?:的)?(?:开局|收官)之?年)?"
        ),
    ),
    (
        "since_open",
        re.compile(
            r"(?:党的)?(?:十八大|十九大|二十大)以来|(?:开通|开行|运营|运行|实施|揭牌运作|揭牌|"
            r"启动建设|建设|挂牌|成立|设立|生效实施|生效|通车|开港|举办|开工|开放|投运|投产|开馆|开园"
            r"|开业)[^，。；\d]{0,6}?"
            # 来 alone only after years (开通三年来), not inside a name (开通了至马来西亚…)
            r"(?:(?:\d+|[一二三四五六七八九十]+)(?:多|余)?(?:年|周年)(?:多|余)?)?(?:以来|(?<=[年多余])来)"
        ),
    ),
    (  # the airlines' timetable seasons: summer-autumn from late March, winter-spring from late
        # October (2026年夏秋航季, 新航季, 今冬明春航班计划)
        "flight_season",
        re.compile(
            # 2026/2027年冬春航季: the season named by both its years starts in the first
            rf"(?:(?P<y0>\d{{4}})[/／—\-])?{_Y}?(?P<which>夏秋|冬春|新)航季"
            r"(?P<since>(?:开始|执行)?(?:以来|后))?"
            r"|今冬明春(?=[^，。；]{0,4}航班)"
        ),
    ),
    (
        "season",
        re.compile(
            # (今冬首个母港航次: the first of the season, today's, not the season's figure)
            r"(?:今冬(?:明春)?|这个冬季|今年冬季|本冬季|冬季旅游季|冰雪季|雪季|这个雪季)(?!首|第一)"
            r"(?P<since>以来)?"
        ),
    ),
    (
        "summer",
        re.compile(
            rf"{_Y}?(?:暑期|暑假|暑运|今夏|夏季(?=旅游|出游|旺季|期间|假期|[，,]))"
            r"(?:(?P<since>以来)|(?P<first>首月|第一个月))?"
        ),
    ),
    (
        "rush",
        re.compile(
            rf"{_Y}?春运(?:(?P<since>首日至|第一天至|(?:启动|开始|开启)(?:以来|至)|以来)|(?P<day>首日|第一天|首周|前[1-9一二三四五六七八九十]天))?"
        ),
    ),
    ("past_year", re.compile(r"过去一年|上一年")),
    ("year_full", re.compile(r"(?:(?P<y>\d{4})年?|(?P<rel>去年|上年|今年))全年(?!的)")),
    # 全年目标任务 names the year's target, not the figure's period (完成全年目标任务的88%)
    ("full_year", re.compile(r"(?<!去年)(?<!上年)(?<!\d{4}年)全年(?!目标|计划|任务)")),
    (
        "month_part",
        re.compile(
            rf"(?<!农历){_Y}?(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,2}})月(?:底|末|初|中旬|上旬|下旬)"
        ),
    ),
    (
        "to_date",
        re.compile(
            r"截[至止](?:到)?(?:目前|昨天|今天|昨日|今日)|目前|迄今|至今|至此|如今|现在|眼下"
            r"|(?<![在于将])现有(?![的基政规水])"  # 德化现有陶瓷企业3800多家: a stock now
        ),
    ),
    ("cumulative", re.compile(r"累计|累积|已有|已经有|已建成|先后")),
    ("spring_festival", re.compile(rf"{_Y}?(?:春节|除夕(?=以来)){_HOLIDAY_TAIL}")),  # 除夕以来
    # (长沙五一商圈, 五一广场 are places)
    ("may_day", re.compile(rf"{_Y}?[“\"]?五一(?!商圈|广场|大道|路|街|村){_HOLIDAY_TAIL}")),
    (
        "national_day",
        re.compile(
            rf"{_Y}?[“\"]?(?P<h>中秋国庆|国庆中秋|国庆|十一){_NOT_EVE}[”\"]?(?:节)?"
            r"(?:假期|假日|黄金周|长假|期间)"
        ),
    ),
    # (清明上河园 is a park, 清明上河图 a painting)
    ("holiday", re.compile(rf"{_Y}?[“\"]?(?P<h>端午|中秋|清明(?!上河)|元旦|国庆){_HOLIDAY_TAIL}")),
    # a numbered session of a fair held on fixed months (第138届广交会, 第八届进博会), not one a
    # firm took part in (参加…的企业)
    (
        "fair_session",
        re.compile(
            r"(?<!参加)(?<!参展)(?<!出席)(?<!亮相)第(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})届"
            r"(?P<fair>广交会|中国进出口商品交易会|进博会|中国国际进口博览会)(?:第?(?P<phase>[一二三])期)?"
        ),
    ),
    # online shopping festivals (双11, “618”): their month; a bare 618 is a number, not the day
    (
        "shopping_day",
        re.compile(
            rf"{_Y}?[“\"]?(?:(?P<d>双11|双十一|双12|双十二)[”\"]?|[“\"](?P<q>618)[”\"]"
            r"|(?P<b>618)(?=期间|当天|大促|购物节|电商节|年中大促))(?:期间|当天)?"
        ),
    ),
    # A holiday named before (or the one the broadcast falls in): 假日期间, 假期里, 小长假期间.
    (
        "holiday_ref",
        re.compile(
            r"(?:这个|今年)?(?:假日|假期|小长假|长假|黄金周)"
            r"(?:期间|里|中|内|(?=[，,])|(?=前?(?:\d|[一二三四五六七八九十])天[，,]))"
        ),
    ),
    # A festival outside the holiday table (“泼水节”期间, 元宵节期间, 节日期间): the one in the
    # news.
    ("festival", re.compile(r"(?:节日|[“\"]?[\u4e00-\u9fff]{1,6}节[”\"]?)期间")),
    (
        "year_month",
        re.compile(rf"{_Y}(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,2}})月(?:份)?(?!\d+日)"),
    ),
    (
        "month_only",
        re.compile(
            r"(?<![\d年—\-–~至到.])(?P<m>\d{1,2})月(?:份|当月)?(?!\d+日|底|末|[上中下]旬|以来|起)"
        ),
    ),
    (
        "month_day",
        # 8月1日当天: that day (当天 alone is the broadcast's)
        re.compile(
            r"(?<![\d—\-–~至到])(?:(?P<m>\d{1,2})月)?(?P<d>\d{1,2})日(?!\s*[—\-–~至到])(?:当天)?"
        ),
    ),
    # …远高于2021年的5727万吨, 已是2023年全年的2.3倍; but 恢复至2019年的九成 is this period's
    # ratio to a base year
    (
        "year_of",
        re.compile(
            r"(?<!\d)(?<!恢复至)(?<!恢复到)(?<!相当于)(?<!达到)(?:(?P<y>\d{4})年(?:全年)?|(?P<rel>去年|上年)全年"
            r"|(?<=由)(?P<ago>[一二三四五六七八九十]|\d{1,2})年前)的"  # 比重由三年前的不足两成
        ),
    ),
    (
        "year",
        re.compile(
            r"(?<![\d—\-–~])(?<!恢复至)(?<!恢复到)(?<!相当于)(?<!达到)"  # a base year
            r"(?P<y>\d{4})年(?![\d一二三四五六七八九十]|前|底|末|以来|来|同期)"
        ),
    ),
    ("ytd_since", re.compile(r"(?:今年|年初|今年初)以来|(?<![\d多半])(?:今)?年内")),
    # (网上年货节 holds no 上年)
    (
        "rel_year",
        re.compile(r"(?P<rel>去年|今年|(?<![网线路])上年|前年|明年)(?!同期|农历|末|底|以来)"),
    ),
    # 今天的西部: nowadays; 开幕首日, 封关首日 (an opening day, was the whole session's months)
    # 这几天, 近一周, 连日来: these days, the broadcast's month
    (
        "today",
        re.compile(
            r"今天(?!的)|今日(?!的)|近日|日前|当天|本月|刚刚(?!过去)"
            r"|(?:开幕|开展|开馆|开园|开港|封关|开业|启用|开通|开航|峰会|大会|展会)首日"
            r"|这[几两]天|近[几一]周|近几天|连日来|本周"
        ),
    ),
    # 上月, 上个月份, 上月中旬 (a part of last month is in it)
    ("last_month", re.compile(r"(?<![\d年])上个?月(?:份|[上中下]旬)?(?!底|末|初|以来)")),
]


# Characters one of which every match of a pattern contains: a pattern whose characters are all
# absent from a sentence is not run (most sentences name no holiday, plan or season).
_ANCHORS = {
    "fiscal": "财",
    "persian_year": "伊",
    "crop_year": "/季度",
    "school_year": "学",
    "trailing": "截",
    "year_range": "年",
    "ytd_months": "月",
    "month_range": "月",
    "date_range": "日",
    "half": "半",
    "ytd_quarters": "季",
    "quarter": "季",
    "since": "来幕通行动园港",
    "from_to_now": "从",
    "years_since": "来这",
    "until_end_of_year": "截",
    "until_last_month": "截",
    "until": "至止到",
    "plan": "五",
    "since_open": "来",
    "flight_season": "航冬",
    "season": "冬雪",
    "summer": "暑夏",
    "rush": "运",
    "past_year": "年",
    "year_full": "全",
    "full_year": "全",
    "month_part": "月",
    "to_date": "目迄至今现眼",
    "cumulative": "累已先",
    "spring_festival": "春除",
    "may_day": "五",
    "national_day": "国十",
    "holiday": "端秋清元国",
    "fair_session": "届",
    "shopping_day": "双6",
    "holiday_ref": "假周",
    "festival": "节",
    "year_month": "月",
    "month_only": "月",
    "month_day": "日",
    "year_of": "年",
    "year": "年",
    "ytd_since": "来内",
    "rel_year": "年",
    "today": "今日天当本近首这连刚",
    "last_month": "上",
}

Resolved = tuple[str, str | None, str | None] | None  # (kind, period_start, period_end)


def _named(m: re.Match[str]) -> bool:
    """True when the match names its year (2024年, 今年, 去年 …)."""
    gd = m.groupdict()
    return bool(gd.get("y") or gd.get("rel"))


def _year(m: re.Match[str], doc: date) -> int:
    """Year named by the match (explicit or relative) or the document year."""
    gd = m.groupdict()
    if gd.get("y"):
        return int(gd["y"])
    rel = gd.get("rel")
    return doc.year + {"去年": -1, "上年": -1, "前年": -2, "明年": 1}.get(rel or "", 0)


def _this_month(doc: date) -> str | None:
    return month(doc.year, doc.month)


# A sentence scheduling something ahead, and a date that ends it (…将于7月1日启动，8月31日结束).
_SCHEDULED = re.compile(r"将于|将在|拟于|计划于")
_ENDS = re.compile(r"(?:前)?(?:结束|闭幕|截止|落幕)")


def _future(m: re.Match[str]) -> bool:
    """True when a future word right before the date makes it the coming one (将于12月), or the
    date ends what its sentence schedules ahead (将于7月1日启动，8月31日结束)."""
    if _FUTURE_BEFORE.search(m.string[max(0, m.start() - 4) : m.start()]):
        return True
    sent = m.string[m.string.rfind("。", 0, m.start()) + 1 : m.start()]
    return bool(_SCHEDULED.search(sent) and _ENDS.match(m.string, m.end()))


def _month_year(m: re.Match[str], mon: int, doc: date, slack: int = 0) -> int:
    """Year of a month named without one: the last such month, or the coming one after 将于."""
    if _named(m):
        return _year(m, doc)
    if _future(m):
        return doc.year if mon >= doc.month else doc.year + 1
    return doc.year if mon <= doc.month + slack else doc.year - 1


_HOLIDAY_NAME = r"[“\"]?(?P<first>春节|五一|端午|中秋|国庆|元旦|清明)节?[”\"]?"
# A holiday listed after others that carry the year (今年中秋、国庆假期; 今年中秋节、国庆节两个假期)
_LISTED_AFTER = re.compile(
    rf"{_Y}{_HOLIDAY_NAME}(?:[、和与及][“\"]?(?:春节|五一|端午|中秋|国庆|元旦|清明)节?[”\"]?)*[、和与及]$"
)
# A forecast for a holiday still to come (目前，国庆假期期间的邮轮航次已全部排定，预计将有…).
_FORECAST = re.compile(r"预计|预测|即将|将有|将达|有望")


def _forecast_in_sentence(m: re.Match[str]) -> bool:
    """True when the sentence holding the match forecasts (预计, 即将, 有望 …)."""
    start = m.string.rfind("。", 0, m.start()) + 1
    stop = m.string.find("。", m.end())
    return bool(_FORECAST.search(m.string, start, stop if stop >= 0 else len(m.string)))


def _holiday_cue(name: str, m: re.Match[str], doc: date) -> Resolved:
    """The months of a named holiday's days off: of the year named, or the one the list it ends
    names (今年中秋、国庆假期 → both of this year, together), or this year's when the sentence
    forecasts for it and it is still to come, else the occurrence nearest the broadcast."""
    lead = max(0, m.start() - 24)
    listed = None if _named(m) else _LISTED_AFTER.search(m.string, lead, m.start())
    if _named(m) or listed:
        year = _year(listed or m, doc)
    else:
        year = holiday_year(name, doc)
        ahead = days_off(name, doc.year)[0] > doc.isoformat()[:7]
        if year < doc.year and ahead and _forecast_in_sentence(m):
            year = doc.year
    first, last = days_off(name, year)
    if listed:
        first = min(first, days_off(listed.group("first"), year)[0])
    if m.string.startswith("以来", m.end()):  # 春节以来: from the holiday up to now
        return ("since", first, _this_month(doc))
    return ("full", first, last)


# The month a partner's fiscal year starts in, by the ISO code of the country the paragraph names
# (the gazetteer owns the names): Australia's, Egypt's and Pakistan's in July, Myanmar's and
# India's in April, the United States' in October.
_FISCAL_START = {
    "AUS": 7, "NZL": 7, "PAK": 7, "EGY": 7, "BGD": 7, "KEN": 7, "TZA": 7, "MMR": 4, "IND": 4,
    "JPN": 4, "SGP": 4, "GBR": 4, "CAN": 4, "ZAF": 4, "HKG": 4, "USA": 10, "THA": 10,
}  # fmt: skip
# Countries whose fiscal year is named by the calendar year it starts in (Japan's 2025财年 is
# April 2025..March 2026); elsewhere an April year's single number is ambiguous.
_NAMED_BY_START = {"JPN"}


def _fiscal_start(text: str, at: int) -> tuple[int, str] | tuple[None, None]:
    """The fiscal year's first month and the ISO code of the country named nearest before ``at``
    (else after)."""
    found = [e for e in match(text) if e["linked_id"] in _FISCAL_START]
    before = [e for e in found if e["start"] < at]
    pick = before[-1] if before else (found[0] if found else None)
    return (_FISCAL_START[pick["linked_id"]], pick["linked_id"]) if pick else (None, None)


def _months_on(y: int, mon: int, k: int) -> str | None:
    """The ISO month ``k`` months after ``y``-``mon``."""
    i = y * 12 + mon - 1 + k
    return month(i // 12, i % 12 + 1)


def _r_fiscal(m: re.Match[str], doc: date) -> Resolved:
    """2024—25财年 → July 2024..June 2025 for Australia (its months from the country named; a
    range with none named starts in July); 2026财年 → the year ending in 2026 (United States:
    October 2025..September 2026); 本财年前10个月 → the current fiscal year's first ten months."""
    first, country = _fiscal_start(m.string, m.start())
    if m.group("y1"):
        y, first = int(m.group("y1")), first or 7
    elif m.group("y") and country in _NAMED_BY_START:
        y = int(m.group("y"))
    elif first is None or first == 4:  # 2026财年 of a year starting in April: named either way
        return None
    elif m.group("y"):
        y = int(m.group("y")) - 1  # named by the calendar year it ends in
    else:
        y = doc.year if doc.month >= first else doc.year - 1
    a, b = 0, 11
    if m.group("part") in ("上半年", "下半年"):
        a, b = (0, 5) if m.group("part") == "上半年" else (6, 11)
    elif m.group("n"):
        a, b = 0, _int(m.group("n")) - 1
    elif m.group("q"):
        q = _int(m.group("q"))
        a, b = 3 * (q - 1), 3 * q - 1
    return ("full", _months_on(y, first, a), _months_on(y, first, b))


def _r_persian_year(m: re.Match[str], doc: date) -> Resolved:
    """伊朗历1404年 → March 2025..March 2026 (the year starts on 21 March, so each Persian month
    spans two calendar months, the readers name both ends); 伊朗历本年度前8个月 → March..November
    of the Persian year the broadcast falls in."""
    if m.group("y"):
        y = int(m.group("y")) + 621
        return ("full", month(y, 3), month(y + 1, 3))
    y = doc.year if (doc.month, doc.day) >= (3, 21) else doc.year - 1
    return ("full", month(y, 3), _months_on(y, 3, _int(m.group("n"))))


def _r_crop_year(m: re.Match[str], doc: date) -> Resolved:
    """2025/26年度, 本产季: a crop or sales year, whose calendar months the text does not give;
    本产季以来 runs from its unknown start to the broadcast month."""
    if m.groupdict().get("since"):
        return ("full", None, month(doc.year, doc.month))
    return ("full", None, None)


def _r_school_year(m: re.Match[str], doc: date) -> Resolved:
    """2024至2025学年 → September 2024 to August 2025."""
    y1 = int(m.group("y1"))
    return ("full", month(y1, 9), month(y1 + 1, 8))


def _r_year_range(m: re.Match[str], doc: date) -> Resolved:
    """2021年至2024年 → its full years; a season across two years (2022—2023年冰雪季) → null."""
    if re.match(
        rf"(?:度)?(?:冰雪季|雪季|冬季|赛季|冬春|{_CROP_SEASON})",
        m.string[m.end() :],
    ):
        return ("full", None, None)
    a, b = (int(y) for y in re.findall(r"\d{4}", m.group(0)))
    return ("full", month(a, 1), month(b, 12)) if a <= b else None


def _r_ytd_months(m: re.Match[str], doc: date) -> Resolved:
    n, y = _int(m.group("n")), _year(m, doc)
    return ("full", month(y, 1), month(y, n)) if 1 <= n <= 12 else None


def _r_month_range(m: re.Match[str], doc: date) -> Resolved:
    a, b = _int(m.group("a")), _int(m.group("b"))
    if not (1 <= a <= b <= 12) or (m.group("sep") == "、" and b != a + 1):
        return None  # 1、2月 is January and February; 1、3月 two separate months
    y = _month_year(m, a, doc, slack=12) if _future(m) else _year(m, doc)
    return ("full", month(y, a), month(y, b))


def _r_date_range(m: re.Match[str], doc: date) -> Resolved:
    a = int(m.group("a"))
    b = int(m.group("b") or a)
    if not (1 <= a <= 12 and 1 <= b <= 12):
        return None
    y = _month_year(m, a, doc, slack=12) if _future(m) else _year(m, doc)
    return ("full", month(y, a), month(y if b >= a else y + 1, b))


def _r_half(m: re.Match[str], doc: date) -> Resolved:
    first, last = (1, 6) if m.group("h") == "上" else (7, 12)
    y = _year(m, doc)
    if m.group("since"):  # 下半年以来: July to the broadcast
        return ("since", month(y, first), _this_month(doc))
    return ("full", month(y, first), month(y, last))


def _r_ytd_quarters(m: re.Match[str], doc: date) -> Resolved:
    y = _year(m, doc)
    return ("full", month(y, 1), month(y, _QUARTERS[m.group("q")][1]))


def _r_quarter(m: re.Match[str], doc: date) -> Resolved:
    """A quarter (首季 is the first; with no year, the last one begun, or the coming one after
    将于); 三季度以来 and 进入四季度 run from its start up to now."""
    a, b = _QUARTERS[m.group("q") or m.group("tq") or "一"]
    y = _month_year(m, a, doc, slack=3)  # 四季度 said in January: last year's
    first, last, now = month(y, a), month(y, b), _this_month(doc)
    entering = (  # 进入四季度 said during that quarter: so far
        m.string.endswith("进入", 0, m.start()) and first and last and now and first <= now <= last
    )
    if m.group("since") or entering:
        return ("since", first, now)
    return ("full", first, last)


def _r_since(m: re.Match[str], doc: date) -> Resolved:
    lead = re.match(r"(?:自|从)(去年|上年|今年)", m.group(0))  # 自去年以来
    rel = m.groupdict().get("rel") or (lead.group(1) if lead else None)
    if not m.group("m") and not m.group("y") and not rel:
        return ("since", None, _this_month(doc))
    mon = int(m.group("m") or 1)
    if m.group("y"):
        yy = int(m.group("y"))
    elif rel:
        yy = doc.year - (rel != "今年")
    else:
        yy = doc.year if mon <= doc.month else doc.year - 1
    return ("since", month(yy, mon), _this_month(doc))


def _r_years_since(m: re.Match[str], doc: date) -> Resolved:
    if "这些年" in m.group(0):
        return ("full", None, None)
    return ("since", None, _this_month(doc))


def _r_until_end_of_year(m: re.Match[str], doc: date) -> Resolved:
    return ("until", None, month(_year(m, doc), 12))


def _r_trailing(m: re.Match[str], doc: date) -> Resolved:
    """截至今年9月的12个月 → October of the year before .. September."""
    mon = int(m.group("m"))
    y = _month_year(m, mon, doc)
    return ("full", _months_on(y, mon, -11), month(y, mon)) if 1 <= mon <= 12 else None


def _r_until(m: re.Match[str], doc: date) -> Resolved:
    mon = int(m.group("m"))
    if m.string.startswith("结束", m.end()) and not _named(m):  # …启动，至10月9日结束: ahead
        return ("until", None, month(doc.year + (mon < doc.month), mon))
    return ("until", None, month(_month_year(m, mon, doc), mon))


def _r_plan(m: re.Match[str], doc: date) -> Resolved:
    """A five-year plan: its five years; “十四五”以来 runs from its start to the broadcast."""
    first, tail = _PLANS[m.group("plan")], m.group("tail") or ""
    if tail.endswith("以来"):
        return ("since", month(first, 1), _this_month(doc))
    if m.group("n"):  # “十四五”前四年
        return ("full", month(first, 1), month(first + _int(m.group("n")) - 1, 12))
    if tail.endswith("年"):  # “十五五”开局之年 (收官之年): its first (last) year
        y = first if "开局" in tail else first + 4
        return ("full", month(y, 1), month(y, 12))
    if tail in ("末", "初"):  # “十三五”末: its last (or first) year's end
        y = first + 4 if tail == "末" else first
        return ("until", None, month(y, 12))
    return ("full", month(first, 1), month(first + 4, 12))


def _r_open(m: re.Match[str], doc: date) -> Resolved:
    return ("since", None, _this_month(doc))


def _r_season(m: re.Match[str], doc: date) -> Resolved:
    if m.group("since"):  # 今冬以来: from an unstated start up to now
        return ("since", None, _this_month(doc))
    return ("full", None, None)  # a winter season spans two years


def _r_flight_season(m: re.Match[str], doc: date) -> Resolved:
    """An airline timetable season: 夏秋 March to October, 冬春 October to March; 新航季 and
    今冬明春 the one that starts around the broadcast (winter from 20 October to 19 March)."""
    which = m.groupdict().get("which") or "冬春"
    winter_now = (doc.month, doc.day) >= (10, 20) or (doc.month, doc.day) < (3, 20)
    if which == "新":
        which = "冬春" if winter_now else "夏秋"
    y = _year(m, doc) if _named(m) else doc.year
    if m.groupdict().get("y0"):
        y = int(m.group("y0"))
    if which == "夏秋":
        first, last = month(y, 3), month(y, 10)
    else:
        if not _named(m) and doc.month <= 3:
            y -= 1  # in January, this winter's season began last October
        first, last = month(y, 10), month(y + 1, 3)
    if m.groupdict().get("since"):  # 冬春航季开始后, 航季以来: from its start up to now
        return ("since", first, _this_month(doc))
    return ("full", first, last)


def _r_summer(m: re.Match[str], doc: date) -> Resolved:
    """The summer holidays: July and August (暑期以来: July to the broadcast). Named without a
    year before June, it is last summer unless its sentence forecasts (2025年…其中，暑运期间发送
    旅客…, said in January)."""
    y = _year(m, doc)
    if not _named(m) and doc.month < 6 and not _forecast_in_sentence(m):
        y -= 1
    if m.group("since"):
        return ("since", month(y, 7), _this_month(doc))
    if m.group("first"):  # 暑运首月: July
        return ("full", month(y, 7), month(y, 7))
    return ("full", month(y, 7), month(y, 8))


def _r_rush(m: re.Match[str], doc: date) -> Resolved:
    """The Spring Festival travel rush (春运): its forty days; 春运首日至… / 以来 run to now."""
    y = _year(m, doc) if _named(m) else doc.year + (doc.month == 12)
    first, last = days_off("春运", y)
    if m.group("since"):
        return ("since", first, _this_month(doc))
    if m.group("day"):  # 春运首日: the first day
        return ("full", first, first)
    return ("full", first, last)


def _r_past_year(m: re.Match[str], doc: date) -> Resolved:
    return ("full", month(doc.year - 1, 1), month(doc.year - 1, 12))


def _r_year_full(m: re.Match[str], doc: date) -> Resolved:
    y = _year(m, doc)
    return ("full", month(y, 1), month(y, 12))


# Words that make 全年 the year ahead: a forecast, plan or target (预计全年, 计划全年, 全年将).
_AHEAD = re.compile(r"预计|有望|力争|计划|今年|目标|将")
_AHEAD_AFTER = re.compile(rf"[^，。；]{{0,3}}(?:{_AHEAD.pattern})")


def _r_full_year(m: re.Match[str], doc: date) -> Resolved:
    # in January or February a year's results (全年浙江进出口…) are the year just ended; a
    # forecast or plan (预计全年…, 计划全年开行, 全年将举办) is the new one's
    y = doc.year
    if (
        doc.month <= 2
        and not _AHEAD.search(m.string, max(0, m.start() - 8), m.start())
        and not _AHEAD_AFTER.match(m.string, m.end())
    ):
        y -= 1
    return ("fullyear", month(y, 1), month(y, 12))


def _r_month_part(m: re.Match[str], doc: date) -> Resolved:
    mon = _int(m.group("m"))
    if not 1 <= mon <= 12:
        return None
    yy = _month_year(m, mon, doc)
    return ("full", month(yy, mon), month(yy, mon))


def _r_to_date(m: re.Match[str], doc: date) -> Resolved:
    # 至此 ("by then") keeps the end of a period stated before it (6月份，…，至此…达到46条)
    return ("cum" if m.group(0) == "至此" else "weak", None, _this_month(doc))


def _r_cumulative(m: re.Match[str], doc: date) -> Resolved:
    return ("cum", None, _this_month(doc))


def _r_spring_festival(m: re.Match[str], doc: date) -> Resolved:
    return _holiday_cue("春节", m, doc)


def _r_may_day(m: re.Match[str], doc: date) -> Resolved:
    return _holiday_cue("五一", m, doc)


def _r_national_day(m: re.Match[str], doc: date) -> Resolved:
    return _holiday_cue("中秋" if "中秋" in m.group("h") else "国庆", m, doc)


def _r_holiday(m: re.Match[str], doc: date) -> Resolved:
    return _holiday_cue(m.group("h"), m, doc)


def _fair_months(fair: str, n: int) -> tuple[int, int]:
    """(year, first month) of session ``n``: 广交会 twice a year since spring 1957 (odd sessions
    mid-April to early May, even ones mid-October to early November); 进博会 each November since
    2018."""
    if "广交" in fair or "商品" in fair:
        return 1957 + (n - 1) // 2, 4 if n % 2 else 10
    return 2017 + n, 11


def _r_fair_session(m: re.Match[str], doc: date) -> Resolved:
    """A numbered fair session's months (截至目前, 开幕以来 said of it later in the sentence or the
    paragraph still run to the broadcast, as the labels do)."""
    y, first = _fair_months(m.group("fair"), _int(m.group("n")))
    last = first + (first != 11)
    if m.group("phase") in ("一", "二"):  # 广交会一期 / 二期: the second half of April or October
        last = first
    elif m.group("phase") == "三" and first == 4:  # the spring third phase: early May
        first = last
    return ("full", month(y, first), month(y, last))


_SHOPPING_MONTH = {"双11": 11, "双十一": 11, "双12": 12, "双十二": 12, "618": 6}


def _r_shopping_day(m: re.Match[str], doc: date) -> Resolved:
    """双11 / 双12 / “618”: the month of the festival (the last one unless a year is named)."""
    mon = _SHOPPING_MONTH[m.group("d") or m.group("q") or m.group("b")]
    y = _month_year(m, mon, doc)
    return ("full", month(y, mon), month(y, mon))


def _r_holiday_ref(m: re.Match[str], doc: date) -> Resolved:
    """假日期间 with no holiday named: the holiday the broadcast falls in (or just followed)."""
    current = current_holiday(doc)
    return ("full", *days_off(*current)) if current else None


def _r_festival(m: re.Match[str], doc: date) -> Resolved:
    """A festival named without a year: the public holiday the broadcast falls in (节日期间 in
    the National Day week), else the broadcast month; one of another year (去年泼水节期间, 上届
    艺术节期间) names no months here."""
    if re.search(r"去年|上年|前年|明年|往年|上届|上一届|历届|每年", m.group(0)):
        return None
    current = current_holiday(doc) if m.group(0) == "节日期间" else None
    if current:
        return ("full", *days_off(*current))
    return ("full", _this_month(doc), _this_month(doc))


def _r_year_month(m: re.Match[str], doc: date) -> Resolved:
    mon, y = _int(m.group("m")), _year(m, doc)
    return ("full", month(y, mon), month(y, mon)) if 1 <= mon <= 12 else None


def _r_month_only(m: re.Match[str], doc: date) -> Resolved:
    mon = int(m.group("m"))
    if not 1 <= mon <= 12:
        return None
    yy = _month_year(m, mon, doc, slack=1)
    return ("full", month(yy, mon), month(yy, mon))


def _r_month_day(m: re.Match[str], doc: date) -> Resolved:
    mon = int(m.group("m")) if m.group("m") else None
    day = int(m.group("d"))
    if mon is None:
        mon = doc.month if day <= doc.day or _future(m) else (doc.month - 1 or 12)
    if not (1 <= mon <= 12 and 1 <= day <= 31):
        return None
    yy = _month_year(m, mon, doc, slack=1)
    return ("full", month(yy, mon), month(yy, mon))


def _r_year_of(m: re.Match[str], doc: date) -> Resolved:
    y = doc.year - _int(m.group("ago")) if m.group("ago") else _year(m, doc)
    return ("local", month(y, 1), month(y, 12))


def _r_year(m: re.Match[str], doc: date) -> Resolved:
    y = _year(m, doc)
    return ("full", month(y, 1), month(y, 12))


def _r_ytd_since(m: re.Match[str], doc: date) -> Resolved:
    return ("ytd", month(doc.year, 1), _this_month(doc))


def _r_rel_year(m: re.Match[str], doc: date) -> Resolved:
    if m.group("rel") == "今年":
        return ("ytd", month(doc.year, 1), _this_month(doc))
    y = _year(m, doc)
    return ("full", month(y, 1), month(y, 12))


def _r_today(m: re.Match[str], doc: date) -> Resolved:
    return ("full", _this_month(doc), _this_month(doc))


def _prev_month(doc: date) -> str:
    """The month before the broadcast."""
    return month(doc.year, doc.month - 1) if doc.month > 1 else month(doc.year - 1, 12)


def _r_last_month(m: re.Match[str], doc: date) -> Resolved:
    """上月, 上个月: the month before the broadcast."""
    return ("full", _prev_month(doc), _prev_month(doc))


def _r_until_last_month(m: re.Match[str], doc: date) -> Resolved:
    """截至上月底: a stock or running total up to the end of the month before the broadcast."""
    return ("until", None, _prev_month(doc))


_RESOLVERS = {
    "fiscal": _r_fiscal,
    "persian_year": _r_persian_year,
    "crop_year": _r_crop_year,
    "school_year": _r_school_year,
    "trailing": _r_trailing,
    "year_range": _r_year_range,
    "ytd_months": _r_ytd_months,
    "month_range": _r_month_range,
    "date_range": _r_date_range,
    "half": _r_half,
    "ytd_quarters": _r_ytd_quarters,
    "quarter": _r_quarter,
    "since": _r_since,
    "from_to_now": _r_since,
    "years_since": _r_years_since,
    "until_end_of_year": _r_until_end_of_year,
    "until": _r_until,
    "until_last_month": _r_until_last_month,
    "plan": _r_plan,
    "since_open": _r_open,
    "flight_season": _r_flight_season,
    "season": _r_season,
    "summer": _r_summer,
    "rush": _r_rush,
    "past_year": _r_past_year,
    "year_full": _r_year_full,
    "full_year": _r_full_year,
    "month_part": _r_month_part,
    "to_date": _r_to_date,
    "cumulative": _r_cumulative,
    "spring_festival": _r_spring_festival,
    "may_day": _r_may_day,
    "national_day": _r_national_day,
    "holiday": _r_holiday,
    "fair_session": _r_fair_session,
    "shopping_day": _r_shopping_day,
    "holiday_ref": _r_holiday_ref,
    "festival": _r_festival,
    "year_month": _r_year_month,
    "month_only": _r_month_only,
    "month_day": _r_month_day,
    "year_of": _r_year_of,
    "year": _r_year,
    "ytd_since": _r_ytd_since,
    "rel_year": _r_rel_year,
    "today": _r_today,
    "last_month": _r_last_month,
}


def _cue(kind: str, m: re.Match[str], doc: date) -> Cue | None:
    """Resolve one matched pattern to a cue; None when the match is not a period."""
    got = _RESOLVERS[kind](m, doc)
    return None if got is None else Cue(m.start(), m.end(), *got)


_TITLE = re.compile(r"《[^》]{0,60}》")
# When the reporter learned the news (记者今天（5月20日）从工信部了解到): attribution, no period.
_LEARNED = re.compile(
    r"(?:(?:今天|今日|近日|日前)(?:（[^）]{0,12}）)?[，,]?)?记者(?:今天|今日|近日|日前)?(?:（[^）]{0,12}）)?"
    r"(?:从|在)[^，。；]{1,24}?(?:获悉|了解到|得知)"
)


# How far a backlog runs (订单排到了8月, 档期已排至年底, 订单排到了明年一季度): a future date, no
# period of any figure.
_BOOKED_TO = re.compile(r"排(?:产|期)?(?:已经?)?(?:到了?|至)[^，。；]{0,8}")
# The year in an event's name (2026年中国国际服务贸易交易会在北京开幕): a name, no period.
_EVENT_YEAR = re.compile(
    r"(?<!\d)\d{4}年?(?=[^，。；\d年]{2,20}?(?:交易会|博览会|展览会|洽谈会|论坛|峰会|年会|艺术节"
    r"|旅游节|电影节|年货节|购物节)(?:在|于|今天|今日|日前|近日|开幕|闭幕|举行|启动|落幕))"
)


# What follows the base of a multiple (是去年国庆假期的1.3倍).
_MULTIPLE_OF = re.compile(
    r"[^，。；]{0,8}?的(?:近|约|超过)?[\d.一二三四五六七八九十两]+(?:多|余)?倍"
)


# Words quoted as said (“大陆市场空间大，我们明年还要来”): their 明年 is the speaker's, no period
# of the figures around them. A quote with a clause break in it is speech, not a name.
_SPEECH = re.compile(r"“[^”]*[，,。！？!?][^”]*”")


def find_cues(text: str, doc: date) -> list[Cue]:
    """All period cues in ``text``, non-overlapping, earliest pattern wins on overlap, in text
    order. Titles (《2024年重大项目清单》) and the day a reporter learned the news name no
    period: their text is masked. Full-width digits and dashes read as ASCII (1－9月)."""
    text = halfwidth_digits(text)
    if "《" in text:
        text = _TITLE.sub(lambda m: " " * len(m.group(0)), text)
    if "记者" in text:
        text = _LEARNED.sub(lambda m: " " * len(m.group(0)), text)
    if "“" in text:
        text = _SPEECH.sub(lambda m: " " * len(m.group(0)), text)
    text = _EVENT_YEAR.sub(lambda m: " " * len(m.group(0)), text)
    if "排" in text:
        text = _BOOKED_TO.sub(lambda m: " " * len(m.group(0)), text)
    taken: list[tuple[int, int]] = []
    cues: list[Cue] = []
    named: list[Cue] = []  # holidays named
    refs: list[Cue] = []  # 假期期间, 假日里: the holiday meant
    days: list[Cue] = []  # 今天, 10月15日: with a fair session named, its days
    fair = False
    present = set(text)
    for kind, pat in _PATTERNS:
        if present.isdisjoint(_ANCHORS[kind]):
            continue
        for m in pat.finditer(text):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            if (
                kind in ("since", "years_since")
                and re.match(
                    r"同期|最|新高|新低|单[月日](?:第|最|新)|第[二三四五]高|首次|首度|第一次"
                    r"|[^，。；]{0,8}?(?:首次|首度|第一次)实现"  # 自…以来对华出口首次实现正增长
                    r"|的[^，。；]{0,6}?(?:态势|趋势|势头)",
                    text[m.end() : m.end() + 10],
                )
            ):
                # 创下自2018年…以来同期最高纪录, 建港117年来单月第二高, 为2021年以来首次同期下降,
                # 扭转了去年以来的下行态势: a record or a trend, not a period
                taken.append((m.start(), m.end()))
                continue
            if (
                kind != "year_of"
                and (
                    re.search(
                        r"(?:较|比|相比|同|与|超过|高于|低于|相当于|接近)$",
                        text[max(0, m.start() - 3) : m.start()],
                    )
                    or (  # 是去年国庆假期的1.3倍: the base of a multiple
                        re.search(r"[是为]$", text[max(0, m.start() - 1) : m.start()])
                        and _MULTIPLE_OF.match(text, m.end())
                    )
                    # 达到去年全年水平: a level reached is the comparison's base
                    or text.startswith(("水平", "的水平"), m.end())
                )
            ):
                taken.append((m.start(), m.end()))  # 较2012年增长, 超过去年全年: a comparison base
                continue
            cue = _cue(kind, m, doc)
            if cue is not None:
                taken.append((m.start(), m.end()))
                cues.append(cue)
                if kind in _HOLIDAYS:
                    named.append(cue)
                elif kind == "holiday_ref":
                    refs.append(cue)
                elif kind in ("today", "month_day"):
                    days.append(cue)
                elif kind == "fair_session":
                    fair = True
    for r in refs:  # 国庆假期即将到来，…假期期间: the holiday named before it, not the last one
        before = [c for c in named if c.end <= r.start]
        if before:
            cues[cues.index(r)] = replace(
                r, period_start=before[-1].period_start, period_end=before[-1].period_end
            )
    if fair:  # 第138届广交会今天（10月15日）开幕。本届广交会…: the session's months
        cues = [c for c in cues if c not in days]
    return sorted(cues, key=lambda c: c.start)


_HOLIDAYS = ("spring_festival", "may_day", "national_day", "holiday")


def combine(
    cues: list[Cue], carried: tuple[str | None, str | None]
) -> tuple[str | None, str | None]:
    """Period for a figure given the cues before it in its sentence and the period carried from
    earlier."""
    if not cues:
        return carried
    start: str | None = None
    end: str | None = None
    seen = False
    until: str | None = None  # 截至7月底，…自开行以来已累计: since then, up to that date
    for c in cues:
        if c.kind == "full":  # no months keeps a date it runs to (截至10月中旬，本销售年度…)
            start, end, seen = c.period_start, c.period_end or until, True
        elif c.kind == "ytd":  # 截至11月底，…今年累计 → January..November
            keep = seen and end and c.period_start and end[:4] == c.period_start[:4]
            start, end, seen = c.period_start, end if keep else c.period_end, True
        elif c.kind == "since":
            start, end, seen = c.period_start, until or c.period_end, True
        elif c.kind == "until":
            if not seen:
                start = None
            end, seen, until = c.period_end, True, c.period_end
        elif c.kind == "weak" and not (seen and end == c.period_end):
            # 目前 after a past period (去年新开…，目前…达到185条): now; after 今年 it adds nothing
            start, end, seen = None, c.period_end, True
        elif c.kind == "cum" and not seen and carried == (None, None):
            start, end, seen = None, c.period_end, True  # 累计 keeps a period stated before it
        elif c.kind == "fullyear":  # 全年: the whole year of the period in force
            base = end if seen else carried[1]
            y = (base or c.period_end or "")[:4]
            if base and base[5:] <= "02" and c.period_end and c.period_end[:4] < y:
                y = c.period_end[:4]  # 今天（1月23日）…全年: no year has run in January
            start, end, seen = f"{y}-01", f"{y}-12", True
    if not seen:
        return carried
    if start and end and start > end:  # 今天…介绍，截至2025年底: a stock at that date, no start
        start = None
    return start, end
