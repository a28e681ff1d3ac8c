"""Period phrases resolved against the broadcast date (conventions of the facts guide)."""

from __future__ import annotations

from datetime import date

import pytest

from nlp.periods import combine, find_cues, parse_date


def _period(text: str, doc: str) -> tuple[str | None, str | None]:
    return combine(find_cues(text, parse_date(doc)), (None, None))


@pytest.mark.parametrize("text,doc,expected", [
    ("今年前8个月，", "2022-09-24", ("2022-01", "2022-08")),
    ("1—10月，湖南", "2022-11-09", ("2022-01", "2022-10")),
    ("前三季度，", "2022-11-03", ("2022-01", "2022-09")),
    ("今年一季度，", "2023-05-06", ("2023-01", "2023-03")),
    ("上半年，", "2024-07-12", ("2024-01", "2024-06")),
    ("2024年1月，", "2024-03-01", ("2024-01", "2024-01")),
    ("2022年，", "2023-02-01", ("2022-01", "2022-12")),
    ("去年，", "2023-03-20", ("2022-01", "2022-12")),
    ("截至去年末，", "2023-02-01", (None, "2022-12")),
    ("自2018年10月开通以来，截至今年9月，", "2022-11-01", ("2018-10", "2022-09")),
    ("目前，", "2023-03-30", (None, "2023-03")),
    ("今年“五一”假期，", "2023-05-06", ("2023-04", "2023-05")),
    ("在刚刚过去的春节假期，", "2023-02-06", ("2023-01", "2023-01")),
    ("本届广交会将于4月15日至5月5日在广州举办。", "2023-03-26", ("2023-04", "2023-05")),
    ("2022—2023年冰雪季，", "2023-02-04", (None, None)),
    ("前两个月，", "2024-03-13", ("2024-01", "2024-02")),
    ("端午节假期3天，", "2025-06-03", ("2025-05", "2025-06")),
    ("清明假期，", "2025-04-05", ("2025-04", "2025-04")),
    ("今年中秋国庆假期，", "2023-10-07", ("2023-09", "2023-10")),
    ("今年一季度，…创下自2018年口岸开通以来同期最高纪录", "2025-04-22", ("2025-01", "2025-03")),
])
def test_periods(text: str, doc: str, expected: tuple) -> None:
    assert _period(text, doc) == expected


def test_no_cue_keeps_the_carried_period() -> None:
    assert combine(find_cues("东盟继续为我国第一大贸易伙伴，", date(2022, 11, 7)), ("2022-01", "2022-10")) == \
        ("2022-01", "2022-10")


@pytest.mark.parametrize("bad", ["", "2023-13-01", "yesterday", "2023-02-30", None])
def test_malformed_dates(bad) -> None:
    assert parse_date(bad) is None
