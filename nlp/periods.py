"""Reporting periods in bulletin text (前8个月, 1—6月, 上半年, 一季度, 2024年1月 …) resolved to ISO
months.

A bulletin says "今年前8个月" and means January..August of the broadcast year; this module turns
such phrases into (period_start, period_end) pairs against the document date, following the
conventions of the facts guide (shared/data/text/xwlb-zh-facts-dev/SOURCE.md).

Each cue found in a sentence is a :class:`Cue`: ``kind`` says how it combines with cues before it
in the same sentence ("full" sets both ends, "ytd" (今年) sets January and keeps an end already
stated, "since" sets the start, "until" sets the end, "weak" means "cumulative to date" and applies
only when nothing else was said; "local" (2021年的…) applies to the figure right after it only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from haisi.nlp.numbers import parse_cn_integer

__all__ = ["Cue", "combine", "find_cues", "month", "parse_date"]

# Spring Festival (春节) and the May Day holiday by year: public calendars, used to place holiday
# figures in the right month(s).
_SPRING_FESTIVAL = {
    2018: 2,
    2019: 2,
    2020: 1,
    2021: 2,
    2022: 2,
    2023: 1,
    2024: 2,
    2025: 1,
    2026: 2,
    2027: 2,
    2028: 1,
    2029: 2,
    2030: 2,
}
# The Spring Festival holiday's days off (first month, last month) where they cross a month
# boundary.
_SPRING_HOLIDAY = {2020: (1, 2), 2022: (1, 2), 2025: (1, 2)}
# Five-year plans: “十四五”期间 → 2021–2025.
_PLANS = {"十三五": 2016, "十四五": 2021, "十五五": 2026}
_MAY_DAY_FROM_APRIL = {
    2019: False,
    2020: False,
    2021: False,
    2022: True,
    2023: True,
    2024: False,
    2025: False,
    2026: False,
}
# Dragon Boat (端午) and Mid-Autumn (中秋) holidays: (first month, last month) of the days off.
_DRAGON_BOAT = {
    2019: (6, 6),
    2020: (6, 6),
    2021: (6, 6),
    2022: (6, 6),
    2023: (6, 6),
    2024: (6, 6),
    2025: (5, 6),
    2026: (6, 6),
}
_MID_AUTUMN = {
    2019: (9, 9),
    2020: (10, 10),
    2021: (9, 9),
    2022: (9, 9),
    2023: (9, 10),
    2024: (9, 9),
    2025: (10, 10),
    2026: (9, 9),
}
_QUARTERS = {
    "一": (1, 3),
    "二": (4, 6),
    "三": (7, 9),
    "四": (10, 12),
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
_Y = r"(?:(?P<y>\d{4})年|(?P<rel>今年|去年|前年|明年))"
_DASH = r"[—\-–~～至到]"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("year_range", re.compile(r"\d{4}\s*[—\-–~～至到]\s*\d{4}年")),
    ("ytd_months", re.compile(rf"{_Y}?前(?P<n>{_N})个?月")),
    ("month_range", re.compile(rf"{_Y}?(?P<a>{_N})\s*{_DASH}\s*(?P<b>{_N})月(?!\d*日)")),
    (
        "date_range",
        re.compile(rf"{_Y}?(?P<a>\d{{1,2}})月\d{{1,2}}日{_DASH}(?:(?P<b>\d{{1,2}})月)?\d{{1,2}}日"),
    ),
    ("half", re.compile(rf"{_Y}?(?P<h>上|下)半年")),
    ("ytd_quarters", re.compile(rf"{_Y}?前(?P<q>[一二三四1-4])(?:个)?季度")),
    ("quarter", re.compile(rf"{_Y}?第?(?P<q>[一二三四1-4])季度")),
    (
        "since",
        re.compile(r"自(?:(?P<y>\d{4})年)?(?:(?P<m>\d{1,2})月)?(?:\d{1,2}日)?[^，。；]{0,30}?以来"),
    ),
    (
        "years_since",
        re.compile(
            r"(?:近|这)?(?:\d+|[一二三四五六七八九十]+)(?:多|余)?年(?:来|以来)"
            r"|这(?:\d+|[一二三四五六七八九十]+)年|这些年|十余年来"
        ),
    ),
    ("until_end_of_year", re.compile(r"截[至止](?:到)?(?P<rel>去年|今年|上年)(?:年)?(?:末|底)")),
    (
        "until",
        re.compile(rf"(?:截[至止](?:到)?|至)(?:{_Y})?(?P<m>\d{{1,2}})月(?:\d{{1,2}}日)?(?:末|底)?"),
    ),
    ("plan", re.compile(r"[“\"]?(?P<plan>十三五|十四五|十五五)[”\"]?(?:期间|时期|以来)?")),
    (
        "since_open",
        re.compile(
            r"(?:党的)?(?:十八大|十九大|二十大)以来|(?:开通|开行|运营|运行|实施|揭牌运作|揭牌|"
            r"启动建设|建设|挂牌|成立|设立|生效实施|生效|通车|开港|举办)[^，。；\d]{0,6}?"
            r"(?:(?:\d+|[一二三四五六七八九十]+)(?:多|余)?(?:年|周年))?(?:以来|来)"
        ),
    ),
    ("season", re.compile(r"今冬|这个冬季|今年冬季|冬季旅游季|冰雪季|雪季|这个雪季")),
    ("past_year", re.compile(r"过去一年|上一年")),
    ("year_full", re.compile(r"(?:(?P<y>\d{4})年?|(?P<rel>去年|上年|今年))全年")),
    ("full_year", re.compile(r"全年")),
    (
        "month_part",
        re.compile(
            rf"{_Y}?(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,2}})月(?:底|末|初|中旬|上旬|下旬)"
        ),
    ),
    ("to_date", re.compile(r"截[至止](?:到)?目前|目前|迄今|至今|如今|现在")),
    ("cumulative", re.compile(r"累计|累积|已有|已经有|已建成|先后")),
    ("spring_festival", re.compile(rf"{_Y}?春节")),
    ("may_day", re.compile(rf"{_Y}?[“\"]?五一[”\"]?")),
    (
        "national_day",
        re.compile(rf"{_Y}?[“\"]?(?:中秋国庆|国庆|十一)[”\"]?(?:节)?(?:假期|黄金周|长假|期间)"),
    ),
    (
        "holiday",
        re.compile(
            rf"{_Y}?[“\"]?(?P<h>端午|中秋|清明|元旦)[”\"]?(?:节)?(?:假期|小长假|期间|当天)?"
        ),
    ),
    (
        "year_month",
        re.compile(rf"{_Y}(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,2}})月(?:份)?(?!\d*日)"),
    ),
    (
        "month_only",
        re.compile(
            r"(?<![\d年—\-–~至到.])(?P<m>\d{1,2})月(?:份|当月)?(?!\d*日|底|末|[上中下]旬|以来|起)"
        ),
    ),
    (
        "month_day",
        re.compile(r"(?<![\d—\-–~至到])(?:(?P<m>\d{1,2})月)?(?P<d>\d{1,2})日(?!\s*[—\-–~至到])"),
    ),
    ("year_of", re.compile(r"(?<!\d)(?P<y>\d{4})年的")),
    (
        "year",
        re.compile(
            r"(?<![\d—\-–~])(?P<y>\d{4})年(?![\d一二三四五六七八九十]|前|底|末|以来|来|同期)"
        ),
    ),
    ("ytd_since", re.compile(r"(?:今年|年初|今年初)以来")),
    ("rel_year", re.compile(r"(?P<rel>去年|今年|上年|前年)(?!同期|农历|末|底|以来)")),
    ("today", re.compile(r"今天|今日|近日|日前|当天|本月")),
]


# Characters one of which every match of a pattern contains: a pattern whose characters are all
# absent from a sentence is not run (most sentences name no holiday, plan or season).
_ANCHORS = {
    "year_range": "年",
    "ytd_months": "月",
    "month_range": "月",
    "date_range": "日",
    "half": "半",
    "ytd_quarters": "季",
    "quarter": "季",
    "since": "来",
    "years_since": "来这",
    "until_end_of_year": "截",
    "until": "至止",
    "plan": "五",
    "since_open": "来",
    "season": "冬雪",
    "past_year": "年",
    "year_full": "全",
    "full_year": "全",
    "month_part": "月",
    "to_date": "目迄至今现",
    "cumulative": "累已先",
    "spring_festival": "春",
    "may_day": "五",
    "national_day": "国十",
    "holiday": "端秋清元",
    "year_month": "月",
    "month_only": "月",
    "month_day": "日",
    "year_of": "年",
    "year": "年",
    "ytd_since": "来",
    "rel_year": "年",
    "today": "今日天当本近",
}


def _year(m: re.Match[str], doc: date) -> int:
    """Year named by the match (explicit or relative) or the document year."""
    gd = m.groupdict()
    if gd.get("y"):
        return int(gd["y"])
    rel = gd.get("rel")
    return doc.year + {"去年": -1, "上年": -1, "前年": -2, "明年": 1}.get(rel or "", 0)


def _cue(kind: str, m: re.Match[str], doc: date) -> Cue | None:
    """Resolve one matched pattern to a cue; None when the match is not a period."""
    y = _year(m, doc)
    s, e = m.start(), m.end()
    if kind == "year_range":
        return Cue(s, e, "full", None, None)
    if kind == "ytd_months":
        n = _int(m.group("n"))
        return Cue(s, e, "full", month(y, 1), month(y, n)) if 1 <= n <= 12 else None
    if kind == "month_range":
        a, b = _int(m.group("a")), _int(m.group("b"))
        if not (1 <= a <= b <= 12):
            return None
        return Cue(s, e, "full", month(y, a), month(y, b))
    if kind == "date_range":
        a = int(m.group("a"))
        b = int(m.group("b") or a)
        if not (1 <= a <= 12 and 1 <= b <= 12):
            return None
        return Cue(s, e, "full", month(y, a), month(y if b >= a else y + 1, b))
    if kind == "half":
        first, last = (1, 6) if m.group("h") == "上" else (7, 12)
        return Cue(s, e, "full", month(y, first), month(y, last))
    if kind == "ytd_quarters":
        return Cue(s, e, "full", month(y, 1), month(y, _QUARTERS[m.group("q")][1]))
    if kind == "quarter":
        a, b = _QUARTERS[m.group("q")]
        return Cue(s, e, "full", month(y, 1 if a == 1 else a), month(y, b))
    if kind == "since":
        if not m.group("m") and not m.group("y"):
            return Cue(s, e, "since", None, month(doc.year, doc.month))
        mon = int(m.group("m") or 1)
        yy = int(m.group("y")) if m.group("y") else (doc.year if mon <= doc.month else doc.year - 1)
        return Cue(s, e, "since", month(yy, mon), month(doc.year, doc.month))
    if kind == "years_since":
        return (
            Cue(s, e, "since", None, month(doc.year, doc.month))
            if "这些年" not in m.group(0)
            else Cue(s, e, "full", None, None)
        )
    if kind == "until_end_of_year":
        return Cue(s, e, "until", None, month(y, 12))
    if kind == "until":
        mon = int(m.group("m"))
        named = m.groupdict().get("y") or m.groupdict().get("rel")
        yy = y if named else (doc.year if mon <= doc.month else doc.year - 1)
        return Cue(s, e, "until", None, month(yy, mon))
    if kind == "to_date":
        return Cue(s, e, "weak", None, month(doc.year, doc.month))
    if kind == "month_part":
        mon = _int(m.group("m"))
        named = m.groupdict().get("y") or m.groupdict().get("rel")
        yy = y if named else (doc.year if mon <= doc.month else doc.year - 1)
        return Cue(s, e, "full", month(yy, mon), month(yy, mon)) if 1 <= mon <= 12 else None
    if kind == "cumulative":
        return Cue(s, e, "cum", None, month(doc.year, doc.month))
    if kind == "plan":
        first = _PLANS[m.group("plan")]
        return Cue(s, e, "full", month(first, 1), month(first + 4, 12))
    if kind == "since_open":
        return Cue(s, e, "since", None, month(doc.year, doc.month))
    if kind == "season":
        return Cue(s, e, "full", None, None)
    if kind == "past_year":
        return Cue(s, e, "full", month(doc.year - 1, 1), month(doc.year - 1, 12))
    if kind == "year_full":
        return Cue(s, e, "full", month(y, 1), month(y, 12))
    if kind == "full_year":
        return Cue(s, e, "fullyear", month(doc.year, 1), month(doc.year, 12))
    if kind == "spring_festival":
        mon = _SPRING_FESTIVAL.get(y, 2)
        if not m.groupdict().get("y") and not m.groupdict().get("rel") and mon > doc.month:
            y -= 1
            mon = _SPRING_FESTIVAL.get(y, 2)
        a, b = _SPRING_HOLIDAY.get(y, (mon, mon))
        return Cue(s, e, "full", month(y, a), month(y, b))
    if kind == "may_day":
        return Cue(s, e, "full", month(y, 4 if _MAY_DAY_FROM_APRIL.get(y) else 5), month(y, 5))
    if kind == "national_day":
        first = 9 if "中秋" in m.group(0) and _MID_AUTUMN.get(y, (10, 10))[0] == 9 else 10
        return Cue(s, e, "full", month(y, first), month(y, 10))
    if kind == "holiday":
        h = m.group("h")
        a, b = {
            "端午": _DRAGON_BOAT.get(y, (6, 6)),
            "中秋": _MID_AUTUMN.get(y, (9, 9)),
            "清明": (4, 4),
            "元旦": (1, 1),
        }[h]
        if (
            h == "元旦"
            and doc.month == 12
            and not (m.groupdict().get("y") or m.groupdict().get("rel"))
        ):
            y += 1
        return Cue(s, e, "full", month(y, a), month(y, b))
    if kind == "year_month":
        mon = _int(m.group("m"))
        return Cue(s, e, "full", month(y, mon), month(y, mon)) if 1 <= mon <= 12 else None
    if kind == "month_only":
        mon = int(m.group("m"))
        yy = doc.year if mon <= doc.month else doc.year - 1
        return Cue(s, e, "full", month(yy, mon), month(yy, mon)) if 1 <= mon <= 12 else None
    if kind == "month_day":
        mon = int(m.group("m")) if m.group("m") else None
        day = int(m.group("d"))
        if mon is None:
            mon = doc.month if day <= doc.day else (doc.month - 1 or 12)
        if not (1 <= mon <= 12 and 1 <= day <= 31):
            return None
        yy = doc.year if mon <= doc.month + 1 else doc.year - 1
        return Cue(s, e, "full", month(yy, mon), month(yy, mon))
    if kind == "year_of":
        return Cue(s, e, "local", month(y, 1), month(y, 12))
    if kind == "year":
        return Cue(s, e, "full", month(y, 1), month(y, 12))
    if kind == "ytd_since":
        return Cue(s, e, "ytd", month(doc.year, 1), month(doc.year, doc.month))
    if kind == "rel_year":
        if m.group("rel") == "今年":
            return Cue(s, e, "ytd", month(doc.year, 1), month(doc.year, doc.month))
        return Cue(s, e, "full", month(y, 1), month(y, 12))
    if kind == "today":
        return Cue(s, e, "full", month(doc.year, doc.month), month(doc.year, doc.month))
    return None


def find_cues(text: str, doc: date) -> list[Cue]:
    """All period cues in ``text``, non-overlapping, earliest pattern wins on overlap, in text
    order."""
    taken: list[tuple[int, int]] = []
    cues: list[Cue] = []
    present = set(text)
    for kind, pat in _PATTERNS:
        if present.isdisjoint(_ANCHORS[kind]):
            continue
        for m in pat.finditer(text):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            if kind == "since" and re.match(r"同期|最高|新高", text[m.end() : m.end() + 4]):
                taken.append(
                    (m.start(), m.end())
                )  # "创下自2018年…以来同期最高纪录" names a record, not a period
                continue
            if kind != "year_of" and re.search(
                r"(?:较|比|相比|同|超过|高于|低于|相当于)$", text[max(0, m.start() - 3) : m.start()]
            ):
                taken.append((m.start(), m.end()))  # 较2012年增长, 超过去年全年: a comparison base
                continue
            cue = _cue(kind, m, doc)
            if cue is not None:
                taken.append((m.start(), m.end()))
                cues.append(cue)
    return sorted(cues, key=lambda c: c.start)


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
    for c in cues:
        if c.kind == "full":
            start, end, seen = c.period_start, c.period_end, True
        elif c.kind == "ytd":  # 截至11月底，…今年累计 → January..November
            keep = seen and end and c.period_start and end[:4] == c.period_start[:4]
            start, end, seen = c.period_start, end if keep else c.period_end, True
        elif c.kind == "since":
            start, end, seen = c.period_start, c.period_end, True
        elif c.kind == "until":
            if not seen:
                start = None
            end, seen = c.period_end, True
        elif c.kind == "weak" and not seen:
            start, end, seen = None, c.period_end, True
        elif c.kind == "cum" and not seen and carried == (None, None):
            start, end, seen = None, c.period_end, True  # 累计 keeps a period stated before it
        elif c.kind == "fullyear":  # 全年: the whole year of the period in force
            base = end if seen else carried[1]
            y = (base or c.period_end or "")[:4]
            start, end, seen = f"{y}-01", f"{y}-12", True
    if not seen:
        return carried
    return start, end
