"""Period phrases resolved against the broadcast date (conventions of the facts guide)."""

from __future__ import annotations

from datetime import date

import pytest
from haisi.nlp.periods import combine, find_cues, parse_date


def _period(text: str, doc: str) -> tuple[str | None, str | None]:
    return combine(find_cues(text, parse_date(doc)), (None, None))


@pytest.mark.parametrize(
    "text,doc,expected",
    [
        ("今年前8个月，", "2022-09-24", ("2022-01", "2022-08")),
        ("1—10月，湖南", "2022-11-09", ("2022-01", "2022-10")),
        ("今年1月到9月，全国铁路", "2025-10-20", ("2025-01", "2025-09")),
        ("今年夏季旅游旺季，平潭共接待游客", "2025-10-20", ("2025-07", "2025-08")),
        ("今夏，厦门接待游客", "2025-09-02", ("2025-07", "2025-08")),
        ("1月份到9月份，全国", "2025-10-20", ("2025-01", "2025-09")),
        ("前三季度，", "2022-11-03", ("2022-01", "2022-09")),
        ("今年一季度，", "2023-05-06", ("2023-01", "2023-03")),
        ("上半年，", "2024-07-12", ("2024-01", "2024-06")),
        ("2024年1月，", "2024-03-01", ("2024-01", "2024-01")),
        ("2022年，", "2023-02-01", ("2022-01", "2022-12")),
        ("去年，", "2023-03-20", ("2022-01", "2022-12")),
        ("港方预计，明年", "2025-12-20", ("2026-01", "2026-12")),  # next year, as 去年 is last
        ("截至去年末，", "2023-02-01", (None, "2022-12")),
        ("自2018年10月开通以来，截至今年9月，", "2022-11-01", ("2018-10", "2022-09")),
        ("目前，", "2023-03-30", (None, "2023-03")),
        ("今年“五一”假期，", "2023-05-06", ("2023-04", "2023-05")),
        ("在刚刚过去的春节假期，", "2023-02-06", ("2023-01", "2023-01")),
        ("本届广交会将于4月15日至5月5日在广州举办。", "2023-03-26", ("2023-04", "2023-05")),
        # a numbered fair session's months (截至目前 / 开幕以来 later still run to the broadcast)
        ("第138届广交会意向成交额", "2025-12-10", ("2025-10", "2025-11")),
        ("第137届广交会意向成交额", "2025-12-10", ("2025-04", "2025-05")),
        ("第134届广交会", "2023-10-27", ("2023-10", "2023-11")),  # during it, too
        ("第八届中国国际进口博览会按一年计意向成交额", "2025-12-01", ("2025-11", "2025-11")),
        ("第七届进博会", "2025-03-01", ("2024-11", "2024-11")),
        ("今年前10个月，参加第138届广交会的企业", "2025-11-20", ("2025-01", "2025-10")),
        ("2022—2023年冰雪季，", "2023-02-04", (None, None)),
        ("前两个月，", "2024-03-13", ("2024-01", "2024-02")),
        ("今年头两个月，", "2024-03-13", ("2024-01", "2024-02")),
        ("2023年以来，福州累计引进台资项目", "2024-10-20", ("2023-01", "2024-10")),
        ("2024年3月以来，", "2024-10-20", ("2024-03", "2024-10")),
        # a month of this year with no 自 (had no period)
        ("11月以来，两岸客滚航线运送旅客", "2025-11-18", ("2025-11", "2025-11")),
        ("9月份以来，福州港新开外贸航线", "2025-11-18", ("2025-09", "2025-11")),
        ("11月以来，", "2026-02-10", ("2025-11", "2026-02")),
        # a month or year before 以来 with 今年 / 去年 (今年9月以来 was September only,
        # 去年以来 had no period)
        ("今年9月以来，", "2025-11-18", ("2025-09", "2025-11")),
        ("去年9月以来，", "2025-11-18", ("2024-09", "2025-11")),
        ("去年以来，", "2025-11-18", ("2024-01", "2025-11")),
        ("自去年9月以来，", "2025-11-18", ("2024-09", "2025-11")),
        ("从2020年3月到现在，", "2025-11-18", ("2020-03", "2025-11")),
        # entering a quarter: so far (was the whole quarter, ending in the future)
        ("进入四季度，…民营企业数量突破5500万户", "2024-11-25", ("2024-10", "2024-11")),
        ("四季度，全国港口", "2024-12-20", ("2024-10", "2024-12")),
        ("高雄港前三季货柜装卸量", "2024-10-20", ("2024-01", "2024-09")),
        ("上月，", "2024-11-20", ("2024-10", "2024-10")),
        ("截至上月底，", "2026-11-20", (None, "2026-10")),  # a stock at last month's end
        ("截至上月末，", "2026-01-20", (None, "2025-12")),
        ("上个月，", "2025-01-08", ("2024-12", "2024-12")),
        ("截至11月底，中欧班列今年累计开行", "2025-12-03", ("2025-01", "2025-11")),
        ("今年以来，经福州口岸入境的旅客", "2025-10-20", ("2025-01", "2025-10")),
        ("今年，年度开行量首次突破4000列，目前已达到", "2022-11-23", ("2022-01", "2022-11")),
        ("端午节假期3天，", "2025-06-03", ("2025-05", "2025-06")),
        ("清明假期，", "2025-04-05", ("2025-04", "2025-04")),
        ("今年中秋国庆假期，", "2023-10-07", ("2023-09", "2023-10")),
        ("今年一季度，…创下自2018年口岸开通以来同期最高纪录", "2025-04-22", ("2025-01", "2025-03")),
        # a partner's fiscal year, its months from the country the text names
        ("澳大利亚统计局数据显示，2024—25财年，", "2025-09-19", ("2024-07", "2025-06")),
        ("缅甸商务部数据显示，2025—2026财年上半年，", "2025-11-14", ("2025-04", "2025-09")),
        ("巴基斯坦统计局数据显示，本财年前10个月，", "2026-05-20", ("2025-07", "2026-04")),
        ("美国财政部数据显示，2026财年，", "2026-10-15", ("2025-10", "2026-09")),
        ("日本财务省公布的数据显示，2025财年，", "2026-05-22", ("2025-04", "2026-03")),
        ("据埃及方面统计，2024/2025财年，", "2025-10-08", ("2024-07", "2025-06")),
        # a crop or sales year has no calendar months; a date it runs to stays
        ("巴西国家商品供应公司预计，2025/26年度，", "2025-09-24", (None, None)),
        ("刚刚结束的2025至2026年产季，", "2026-03-23", (None, None)),
        ("截至10月中旬，本销售年度，", "2025-10-30", (None, "2025-10")),
        # 五一商圈 and 五一广场 are places, not the May Day holiday
        ("今年1至10月，夜间消费额增长8%；五一商圈日均客流", "2025-11-15", ("2025-01", "2025-10")),
        # twelve months to a month
        ("截至今年9月的12个月，新西兰对华出口", "2025-11-21", ("2024-10", "2025-09")),
        ("截至去年12月的12个月，", "2026-03-20", ("2025-01", "2025-12")),
        ("截至今年6月底的四个季度，英国对华出口", "2025-11-25", ("2024-07", "2025-06")),
        ("国新办今天举行发布会，截至2025年底，我国累计建成5G基站", "2026-01-21", (None, "2025-12")),
        # a whole year neared (已接近去年全年水平) is a base, no period for what follows
        (
            "今年已接待旅客27.9万人次，已接近去年全年水平。其中，外籍旅客",
            "2025-09-28",
            ("2025-01", "2025-09"),
        ),
        # these days (这几天, 近一周, 连日来) are the broadcast's month
        ("古田会议纪念馆近一周日均接待量", "2025-09-28", ("2025-09", "2025-09")),
        ("“订单已经排到了11月中旬，这几天每天要发出", "2025-10-08", ("2025-10", "2025-10")),
        # the month right after the broadcast's is the coming one; a later one was last year's
        ("三四月是集中发运期，预计4月份到港粮船", "2026-03-10", ("2026-04", "2026-04")),
        ("据统计，5月份到港粮船", "2026-03-10", ("2025-05", "2025-05")),
    ],
)
def test_periods(text: str, doc: str, expected: tuple) -> None:
    assert _period(text, doc) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a holiday after a list that names the year: of that year, the list's months together
        ("据测算，今年端午、中秋假期，全市口岸预计", ("2026-06", "2026-09")),
        ("今年中秋节、国庆节两个假期，全国口岸日均", ("2026-09", "2026-10")),
        # forecast for a holiday still to come: this year's, not last year's
        ("目前，国庆假期期间的航班已全部排定，预计将有", ("2026-10", "2026-10")),
        # no forecast: the holiday nearest the broadcast, last year's
        ("国庆假期期间，全市共接待", ("2025-10", "2025-10")),
    ],
)
def test_holidays_ahead_of_the_broadcast(text: str, expected: tuple) -> None:
    assert _period(text, "2026-07-16") == expected


def test_an_opening_day_is_the_broadcast_month() -> None:
    text = "海南自由贸易港启动全岛封关运作。今年1至11月，海南新设外资企业1836家。封关首日，洋浦港"
    assert _period(text, "2025-12-19") == ("2025-12", "2025-12")


def test_summer_named_before_june_is_last_summer_unless_forecast() -> None:
    assert _period("2025年，全国铁路发送旅客44亿人次，其中，暑运期间", "2026-01-09") == (
        "2025-07",
        "2025-08",
    )
    assert _period("铁路部门预计，暑运期间", "2026-05-20") == ("2026-07", "2026-08")


def test_a_level_reached_is_a_comparison_base_not_a_period() -> None:
    text = "今年货邮吞吐量已超过360万吨，提前一个多月达到去年全年水平。其中，"
    assert _period(text, "2026-11-20") == ("2026-01", "2026-11")


def test_no_cue_keeps_the_carried_period() -> None:
    assert combine(
        find_cues("东盟继续为我国第一大贸易伙伴，", date(2022, 11, 7)), ("2022-01", "2022-10")
    ) == ("2022-01", "2022-10")


@pytest.mark.parametrize("bad", ["", "2023-13-01", "yesterday", "2023-02-30", None])
def test_malformed_dates(bad) -> None:
    assert parse_date(bad) is None


def test_full_width_digits_and_dashes_read_as_ascii() -> None:
    """今年1－9月 (full-width dash) and １－９月 are January to September (September before)."""
    for text in ("今年1－9月，福州进出口2100亿元。", "今年１－９月，福州进出口2100亿元。"):
        cues = find_cues(text, date(2025, 10, 20))
        assert [(c.period_start, c.period_end) for c in cues] == [("2025-01", "2025-09")]


def test_since_this_season_began_ends_in_the_broadcast_month() -> None:
    assert _period("本产季以来，经上海口岸进口", "2026-01-15") == (None, "2026-01")
    assert _period("本产季，智利樱桃出口", "2026-01-15") == (None, None)


def test_a_first_since_a_year_is_a_record_not_a_period() -> None:
    """为2021年以来首次同期下降, 为近四年来首次: the span a record is counted over is no period;
    the period named before (今年前10个月) still holds."""
    cues = find_cues(
        "今年前10个月，访日外国游客同比下降4.8%，为2021年以来首次同期下降。", date(2026, 11, 18)
    )
    assert [(c.period_start, c.period_end) for c in cues] == [("2026-01", "2026-10")]


def test_a_trend_since_last_year_is_no_period() -> None:
    """扭转了去年以来的下行态势: a trend described, not the months of a figure."""
    cues = find_cues("一季度，吞吐量同比增长1.8%，扭转了去年以来的下行态势。", date(2026, 4, 21))
    assert [(c.period_start, c.period_end) for c in cues] == [("2026-01", "2026-03")]


@pytest.mark.parametrize(
    "text,doc,expected",
    [
        # a festival outside the holiday table, in the news now: the broadcast month
        ("老挝新年“泼水节”期间，琅勃拉邦古城街头人潮涌动", "2026-04-20", ("2026-04", "2026-04")),
        ("刚刚过去的元宵节期间，两地民众参与人数约1.5万人次", "2026-03-12", ("2026-03", "2026-03")),
        # 节日期间 in a public holiday's week: that holiday's days off
        ("节日期间，这条航线每天加开航班8个", "2025-10-05", ("2025-10", "2025-10")),
        # a festival of another year names no months of its own (去年 is the year)
        ("上届艺术节期间，共签约项目56个", "2026-06-15", (None, None)),
    ],
)
def test_festivals_outside_the_holiday_table(text: str, doc: str, expected: tuple) -> None:
    assert _period(text, doc) == expected


def test_an_academic_year_runs_september_to_august() -> None:
    assert _period("2024至2025学年，在英国高校就读的中国学生共14.9万人", "2026-05-22") == (
        "2024-09",
        "2025-08",
    )


@pytest.mark.parametrize(
    "text",
    [
        "农历九月初九，纪念大典在湄洲妈祖祖庙举行，",  # a lunar date, not early September
        "日均开行量与去年假期基本持平；",  # 与去年…持平: a comparison's base, not last year
    ],
)
def test_a_lunar_date_and_a_base_after_yu_name_no_period(text: str) -> None:
    assert _period(text, "2026-10-18") == (None, None)


def test_the_end_of_a_schedule_announced_ahead_is_this_years() -> None:
    """将于7月1日启动，8月31日结束 said in June: the coming 31 August, not last year's."""
    text = "2026年暑运将于7月1日启动，8月31日结束，为期62天。"
    assert _period(text, "2026-06-12") == ("2026-08", "2026-08")
