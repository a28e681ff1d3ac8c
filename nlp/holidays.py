"""Chinese public holidays and the Spring Festival travel rush: their days off by year.

A holiday figure covers the months of the holiday's days off (State Council notices): 2025 春节
1月28日—2月4日 → 2025-01..2025-02; 2024 元旦 starts on 2023-12-30. Years outside the table fall
back to the holiday's usual month(s).
"""

from __future__ import annotations

from datetime import date

__all__ = ["current_holiday", "days_off", "holiday_year"]

# Days off by holiday and year (first day, last day).
_DAYS_OFF: dict[str, dict[int, tuple[str, str]]] = {
    "春节": {
        2019: ("2019-02-04", "2019-02-10"),
        2020: ("2020-01-24", "2020-02-02"),
        2021: ("2021-02-11", "2021-02-17"),
        2022: ("2022-01-31", "2022-02-06"),
        2023: ("2023-01-21", "2023-01-27"),
        2024: ("2024-02-10", "2024-02-17"),
        2025: ("2025-01-28", "2025-02-04"),
        2026: ("2026-02-15", "2026-02-23"),
    },
    "元旦": {
        2022: ("2022-01-01", "2022-01-03"),
        2023: ("2022-12-31", "2023-01-02"),
        2024: ("2023-12-30", "2024-01-01"),
        2025: ("2025-01-01", "2025-01-01"),
        2026: ("2026-01-01", "2026-01-03"),
    },
    "清明": {
        2023: ("2023-04-05", "2023-04-05"),
        2024: ("2024-04-04", "2024-04-06"),
        2025: ("2025-04-04", "2025-04-06"),
        2026: ("2026-04-04", "2026-04-06"),
    },
    "五一": {
        2022: ("2022-04-30", "2022-05-04"),
        2023: ("2023-04-29", "2023-05-03"),
        2024: ("2024-05-01", "2024-05-05"),
        2025: ("2025-05-01", "2025-05-05"),
        2026: ("2026-05-01", "2026-05-05"),
    },
    "端午": {
        2022: ("2022-06-03", "2022-06-05"),
        2023: ("2023-06-22", "2023-06-24"),
        2024: ("2024-06-08", "2024-06-10"),
        2025: ("2025-05-31", "2025-06-02"),
        2026: ("2026-06-19", "2026-06-21"),
    },
    "中秋": {
        2020: ("2020-10-01", "2020-10-08"),
        2022: ("2022-09-10", "2022-09-12"),
        2023: ("2023-09-29", "2023-10-06"),
        2024: ("2024-09-15", "2024-09-17"),
        2025: ("2025-10-01", "2025-10-08"),
        2026: ("2026-09-25", "2026-09-27"),
    },
    "国庆": {
        2020: ("2020-10-01", "2020-10-08"),
        2022: ("2022-10-01", "2022-10-07"),
        2023: ("2023-09-29", "2023-10-06"),
        2024: ("2024-10-01", "2024-10-07"),
        2025: ("2025-10-01", "2025-10-08"),
        2026: ("2026-10-01", "2026-10-07"),
    },
    # The 40-day Spring Festival travel rush (春运), Ministry of Transport dates.
    "春运": {
        2022: ("2022-01-17", "2022-02-25"),
        2023: ("2023-01-07", "2023-02-15"),
        2024: ("2024-01-26", "2024-03-05"),
        2025: ("2025-01-14", "2025-02-22"),
        2026: ("2026-02-02", "2026-03-13"),
    },
}
# Months for years outside the table: the usual month(s) of each holiday.
_USUAL = {
    "春节": (2, 2),
    "元旦": (1, 1),
    "清明": (4, 4),
    "五一": (5, 5),
    "端午": (6, 6),
    "中秋": (9, 9),
    "国庆": (10, 10),
    "春运": (1, 2),
}
# Spring Festival month for years outside the day table (lunar calendar).
_SPRING_FESTIVAL = {2018: 2, 2027: 2, 2028: 1, 2029: 2, 2030: 2}


def _month(year: int, mon: int) -> str:
    return f"{year:04d}-{mon:02d}"


def days_off(name: str, year: int) -> tuple[str, str]:
    """First and last month (YYYY-MM) of a holiday's days off in ``year``."""
    known = _DAYS_OFF.get(name, {}).get(year)
    if known:
        return known[0][:7], known[1][:7]
    if name == "春节" and year in _SPRING_FESTIVAL:
        return _month(year, _SPRING_FESTIVAL[year]), _month(year, _SPRING_FESTIVAL[year])
    a, b = _USUAL[name]
    return _month(year, a), _month(year, b)


def holiday_year(name: str, doc: date) -> int:
    """The year of a holiday named without one: the occurrence nearest the broadcast date."""
    this = _DAYS_OFF.get(name, {}).get(doc.year)
    if name == "元旦" and doc.month == 12:
        return doc.year + 1
    if this and (date.fromisoformat(this[0]) - doc).days > 45:
        return doc.year - 1  # this year's is still far ahead: last year's
    if not this and _USUAL[name][0] > doc.month + 1:
        return doc.year - 1
    return doc.year


def current_holiday(doc: date) -> tuple[str, int] | None:
    """(holiday, year) the broadcast date falls in, or else the latest one that ended at most ten
    days before (2026-10-07: 国庆, not 中秋 of 9月25日—27日)."""
    best: tuple[date, str, int] | None = None
    for name, years in _DAYS_OFF.items():
        span = years.get(doc.year) or years.get(doc.year + 1)
        if name != "春运" and span:
            first, last = date.fromisoformat(span[0]), date.fromisoformat(span[1])
            if first <= doc and (doc - last).days <= 10:
                key = min(last, doc)  # a holiday still running ranks as ending today
                if best is None or key > best[0]:
                    best = (key, name, int(span[1][:4]))
    return (best[1], best[2]) if best else None
