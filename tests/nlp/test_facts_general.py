"""Fact rules on made-up bulletin sentences, one group per error class of issue 17.

Every sentence here was written for these tests (none is copied from a labelled paragraph): the
rules must hold on phrasings the labelled sets never showed them.
"""

from __future__ import annotations

import pytest
from haisi.nlp.facts import extract_facts
from haisi.nlp.facts.names import named_subjects
from haisi.nlp.periods import combine, find_cues, parse_date


def _facts(text: str, date: str, *keys: str) -> list[tuple]:
    return [tuple(f.get(k) for k in keys) for f in extract_facts(text, date)]


# --- Reporter: the named region, belt, line, port or zone, never 全国 by default ---------------


@pytest.mark.parametrize(
    "text,reporter",
    [
        ("据海关统计，今年前三季度，中西部地区进出口4.1万亿元，同比增长5.2%。", "中西部地区"),
        ("今年前三季度，中老铁路累计运输货物1500万吨。", "中老铁路"),
        ("今年以来，我国中亚班列开行3200列，同比增长15%。", "中亚班列"),
        ("据统计，今年前三季度，海南自由贸易港进出口2300亿元。", "海南自由贸易港"),
        ("今年以来，浦东新区进出口1.8万亿元。", "浦东新区"),
        ("今年以来，洋山深水港区集装箱吞吐量1800万标箱。", "洋山深水港区"),
        ("前三季度，东北三省进出口8200亿元，同比增长3%。", "东北三省"),
        ("今年以来，厦门—马尼拉航线运送旅客12万人次。", "厦门—马尼拉航线"),
        ("前三季度，北部湾经济区进出口4000亿元。", "北部湾经济区"),
        ("前三季度，杭州综试区跨境电商进出口1500亿元。", "杭州综试区"),
        ("今年以来，湘粤非铁海联运通道开行班列500列。", "湘粤非铁海联运通道"),
        ("今年以来，中国（海南）自由贸易试验区新设外资企业1800家。", "中国（海南）自由贸易试验区"),
        ("前三季度，浙江自贸试验区进出口6.1万亿元。", "浙江自贸试验区"),
        ("前三季度，广州白云国际机场旅客吞吐量达5800万人次。", "广州白云国际机场"),
        ("今年前三季度，成渝地区双城经济圈进出口1.2万亿元。", "成渝地区双城经济圈"),
        ("今年以来，我国中西部和东北地区进出口增长6.3%。", "中西部和东北地区"),
        # trade routed through a corridor is the corridor's; a port that lets trains through is
        # the reporter, the trains are what it counts
        ("今年前三季度，重庆经西部陆海新通道进出口480亿元。", "西部陆海新通道"),
        ("今年前三季度，满洲里口岸进出境中欧班列3800列。", "满洲里口岸"),
        (
            "今年以来，阿拉山口、霍尔果斯两大口岸通行中欧班列超过1.2万列。",
            "阿拉山口、霍尔果斯两大口岸",
        ),
        # a generic line type after a named corridor narrows it; a determiner names nothing
        ("今年以来，西部陆海新通道铁海联运班列发送货物65万标箱。", "西部陆海新通道铁海联运班列"),
        # islands are places; offshore duty-free (离岛免税) is the province's
        ("今年以来，湄洲岛接待游客600万人次。", "湄洲岛"),
        ("国庆假期，鼓浪屿接待游客50万人次。", "鼓浪屿"),
        ("今年前三季度，海南离岛免税购物金额达到300亿元。", "海南"),
    ],
)
def test_reporter_is_the_typed_name_governing_the_figure(text: str, reporter: str) -> None:
    (f,) = extract_facts(text, "2025-10-20")
    assert f["reporter"] == reporter


def test_counted_objects_and_destinations_are_not_reporters() -> None:
    text = "今天的东部地区，开放水平持续提升，通达欧洲30个国家，拥有8个自贸片区、25个综合保税区。"
    assert {f["reporter"] for f in extract_facts(text, "2025-10-20")} == {"东部地区"}
    text = "2024年，钦州港集装箱吞吐量突破900万标箱。目前，该港共有航线80条。"
    assert [f["reporter"] for f in extract_facts(text, "2025-03-02")] == ["钦州港", "钦州港"]


def test_names_are_cut_at_time_words_verbs_and_the_nation() -> None:
    names = [n for _s, _e, n in named_subjects("今年以来，这里平均每天到发中欧班列2.3列，全国港口")]
    assert names == ["中欧班列"]  # 到发 is a verb, 这里 a pointer, 全国港口 the nation
    assert named_subjects("开通国际集装箱航线89条") == []  # a kind of route names nothing
    # forecasts, firsts and settling verbs end a name too (预计长三角地区, 国内首条洋浦港 before)
    for text, name in [
        ("预计长三角地区今年进出口总值将达到15万亿元", "长三角地区"),
        ("据预测洋浦港今年货物吞吐量将突破1亿吨", "洋浦港"),
        ("国内首条洋浦港至东盟的航线", "洋浦港"),
        ("一批重点项目纷纷落户临港新片区", "临港新片区"),
    ]:
        assert [n for _s, _e, n in named_subjects(text)][0] == name


# --- Periods ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,date,expected",
    [
        # a period stated early holds across "；" and later 累计 / 已 clauses
        (
            "今年前三季度，全省港口完成货物吞吐量15亿吨；集装箱吞吐量累计达到3200万标箱。",
            "2025-10-20",
            [("2025-01", "2025-09"), ("2025-01", "2025-09")],
        ),
        (
            "今年1至9月，口岸出入境人员1.2亿人次。其中，外国人已达到860万人次。",
            "2025-10-20",
            [("2025-01", "2025-09"), ("2025-01", "2025-09")],
        ),
        # five-year plans, over their years or from their start to now
        ("“十三五”时期，全省外贸进出口累计9万亿元。", "2024-03-05", [("2016-01", "2020-12")]),
        ("“十四五”以来，中欧班列累计开行8万列。", "2025-10-20", [("2021-01", "2025-10")]),
        # holidays take their days off; a bare 假期期间 is the holiday the broadcast follows
        (
            "今天是春节假期最后一天。假期期间，全国铁路累计发送旅客9800万人次。",
            "2025-02-05",
            [("2025-01", "2025-02")],
        ),
        ("元旦假期，全国国内出游1.35亿人次。", "2024-01-02", [("2023-12", "2024-01")]),
        ("国庆假日期间，全国铁路发送旅客1.5亿人次。", "2025-10-08", [("2025-10", "2025-10")]),
        ("今年暑期，新疆接待游客超过1.2亿人次。", "2025-08-25", [("2025-07", "2025-08")]),
        ("今年春运期间，全国铁路发送旅客5.1亿人次。", "2025-02-20", [("2025-01", "2025-02")]),
        # since this winter began: up to now, as the readers date it (a season alone stays open)
        ("今冬以来，冰雪大世界已接待游客50万人次。", "2025-12-03", [(None, "2025-12")]),
        # 前两个季度 is the first half; 1、2月 January and February (were July and February only)
        ("今年前两个季度，全国进出口总值20万亿元。", "2025-10-20", [("2025-01", "2025-06")]),
        ("今年1、2月份，厦门进出口总值160亿元。", "2025-03-10", [("2025-01", "2025-02")]),
        # 第三季 (Taiwan usage) is the third quarter (was the year to date)
        ("今年第三季，台灣外銷訂單金額達1,800億美元。", "2025-11-07", [("2025-07", "2025-09")]),
        # the counts of an emergency being reported, with no period of their own: the news month
        ("受持续强降雨影响，当地已转移安置群众2100多人。", "2026-07-08", [("2026-07", "2026-07")]),
        # 现有 states a stock as it stands now, whatever period came before it
        (
            "今年1月，德化出口9.8亿元。德化现有陶瓷企业3800多家。",
            "2026-02-10",
            [("2026-01", "2026-01"), (None, "2026-02")],
        ),
        # a league's season (首季“湘超”, 联赛第二季) is no quarter: the year named, or none
        ("去年首季“湘超”共进行比赛94场。", "2026-09-07", [("2025-01", "2025-12")]),
        ("江苏城市足球联赛第二季共进行比赛104场。", "2026-11-23", [(None, None)]),
        # the day a reporter learned the news is no period (a stock count took that month)
        ("记者今天从有关部门获悉，全省共有跨境电商企业5000家。", "2025-10-15", [(None, None)]),
        ("今天，记者从商务局了解到，目前全市外贸企业1.2万家。", "2025-10-15", [(None, "2025-10")]),
        # shopping festivals are their month (双11 was the year to date); a bare 618 is a number
        ("今年“双11”期间，全国快递业务量达到139亿件。", "2025-11-15", [("2025-11", "2025-11")]),
        ("双十一当天，厦门跨境电商出口订单达到50万单。", "2026-01-10", [("2025-11", "2025-11")]),
        ("“618”期间，福建网络零售额达到300亿元。", "2025-11-15", [("2025-06", "2025-06")]),
        ("福州今年接待游客618万人次。", "2025-11-15", [("2025-01", "2025-11")]),
        # a date the sentence schedules in the future does not anchor a count reported as done
        (
            "该港区将于12月正式开港，目前已有36家企业签约入驻。",
            "2025-10-15",
            [(None, "2025-10")],
        ),
        # 去年同期 opening a clause is the period in force a year earlier (was this year's)
        (
            "今年前10个月，福州进出口增长5.8%。去年同期，福州外贸进出口增长1.2%。",
            "2025-11-15",
            [("2025-01", "2025-10"), ("2024-01", "2024-10")],
        ),
        (
            "今年前10个月，福州进出口增长5.8%，而去年同期仅增长1.2%。",
            "2025-11-15",
            [("2025-01", "2025-10"), ("2024-01", "2024-10")],
        ),
        # …and 2024年同期为 / 去年同期为 give the same months of that year (took 2025's)
        (
            "2025年1至9月，福建实际使用台资4.5亿美元，2024年同期为3.8亿美元。",
            "2025-10-20",
            [("2025-01", "2025-09"), ("2024-01", "2024-09")],
        ),
        (
            "2025年1至9月，福建实际使用台资4.5亿美元，去年同期为3.8亿美元。",
            "2025-10-20",
            [("2025-01", "2025-09"), ("2024-01", "2024-09")],
        ),
        (
            "一季度，厦门跨境电商出口占全市的比重为41.5%，去年同期这一比重为36.2%。",
            "2026-04-20",
            [("2026-01", "2026-03"), ("2025-01", "2025-03")],
        ),
        # …and a stock up to now, a year before (took this year's end)
        (
            "截至11月20日，厦门关区经核准出口商累计达到512家，去年同期为390家。",
            "2026-11-25",
            [(None, "2026-11"), (None, "2025-11")],
        ),
        # 清明上河园 is a park, not the Qingming holiday (took April)
        (
            "刚刚过去的春节假期，开封清明上河园一票难求。假期郑州机场口岸共查验出入境人员3.86万人次。",
            "2026-02-24",
            [("2026-02", "2026-02")],
        ),
        # a figure made at a fair is dated like the fair's own (was no period)
        ("第八届进博会期间，福建交易团意向成交15亿美元。", "2025-11-10", [("2025-11", "2025-11")]),
        ("在本届广交会上，福建企业意向出口成交30亿美元。", "2025-10-20", [("2025-10", "2025-10")]),
    ],
)
def test_periods_generalise(text: str, date: str, expected: list) -> None:
    assert _facts(text, date, "period_start", "period_end") == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("“十四五”期间，", ("2021-01", "2025-12")),
        ("“十四五”前四年，", ("2021-01", "2024-12")),
        ("“十四五”开局以来，", ("2021-01", "2025-10")),
        ("“十三五”末，", (None, "2020-12")),
        ("十二五时期，", ("2011-01", "2015-12")),
        ("“十五五”开局之年，", ("2026-01", "2026-12")),  # its first year, not its five
        ("“十四五”的收官之年，", ("2025-01", "2025-12")),
    ],
)
def test_five_year_plans(text: str, expected: tuple) -> None:
    assert combine(find_cues(text, parse_date("2025-10-20")), (None, None)) == expected


def test_future_month_after_jiangyu_is_the_coming_one() -> None:
    cues = find_cues("该航线将于3月开通", parse_date("2025-10-15"))
    assert combine(cues, (None, None)) == ("2026-03", "2026-03")
    cues = find_cues("3月，该航线开通", parse_date("2025-10-15"))
    assert combine(cues, (None, None)) == ("2025-03", "2025-03")


def test_goals_for_a_later_year_are_not_facts() -> None:
    text = "目标是到2027年，全省跨境电商进出口达到3000亿元，目前已有企业1.2万家。"
    assert _facts(text, "2025-10-20", "indicator", "value") == [("enterprise_count", 12000)]
    text = "预计到2027年，全省跨境电商进出口将达到3000亿元。"  # a forecast is annotated
    assert _facts(text, "2025-10-20", "value", "period_end") == [(300_000_000_000, "2027-12")]


# --- Clause structure ------------------------------------------------------------------------


def test_respective_list_with_mixed_units_takes_each_items_quantity() -> None:
    text = "今年以来，接待游客和旅游收入分别为2300万人次和210亿元，同比分别增长12.5%和15.8%。"
    assert _facts(text, "2025-10-20", "indicator", "value", "unit", "yoy_pct") == [
        ("visitors", 23_000_000, "person_trips", 12.5),
        ("tourism_revenue", 21_000_000_000, "CNY", 15.8),
    ]
    text = "前三季度，跨境电商出口申报清单1.8亿票、货值320亿元，同比分别增长25%、18%。"
    assert _facts(text, "2025-10-20", "indicator", "value", "unit", "yoy_pct") == [
        ("export", 180_000_000, "票", 25.0),
        ("export", 32_000_000_000, "CNY", 18.0),
    ]


def test_each_list_stands_for_one_fact_per_item() -> None:
    text = "前三季度，机电产品、劳动密集型产品和农产品出口均增长一成以上。"
    assert _facts(text, "2025-10-20", "indicator", "commodity", "yoy_pct") == [
        ("export", "机电产品", 10.0),
        ("export", "劳动密集型产品", 10.0),
        ("export", "农产品", 10.0),
    ]
    text = "前三季度，进口和出口均增长5%以上。"
    assert _facts(text, "2025-10-20", "indicator", "yoy_pct") == [
        ("import", 5.0),
        ("export", 5.0),
    ]
    text = "前三季度，全省进出口、出口、进口均创同期新高，分别增长8.2%、9.1%和6.5%。"
    assert _facts(text, "2025-10-20", "indicator", "yoy_pct") == [
        ("trade_total", 8.2),
        ("export", 9.1),
        ("import", 6.5),
    ]


def test_growth_after_a_share_clause_and_average_growth_stay_with_their_figure() -> None:
    text = "前三季度，民营企业进出口2.1万亿元，占比提升到58.3%，比去年同期增长9.6%。"
    assert _facts(text, "2025-10-20", "indicator", "value", "yoy_pct") == [
        ("trade_total", 2_100_000_000_000, 9.6),
        ("share", 58.3, None),
    ]
    text = "前三季度，跨境电商进出口2000亿元，年均增速保持在15%以上。"
    assert _facts(text, "2025-10-20", "value", "yoy_pct", "change_pct") == [
        (200_000_000_000, None, 15.0)
    ]
    text = "前三季度，新能源汽车出口量增长超过两成，达到120万辆。"  # rate first, then its value
    assert _facts(text, "2025-10-20", "indicator", "value", "unit", "yoy_pct") == [
        ("export", 1_200_000, "辆", 20.0)
    ]
    text = "十年来，全省进出口年均增长8.6%，2024年达到3.2万亿元。"  # another period: two facts
    assert _facts(text, "2025-10-20", "value", "change_pct", "period_end") == [
        (None, 8.6, None),
        (3_200_000_000_000, None, "2024-12"),
    ]


# --- Value words -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("前三季度，民营企业进出口占全省外贸总值的近六成。", ("share", 60, "percent", None)),
        ("前三季度，跨境电商出口占比超过三成。", ("share", 30, "percent", None)),
        ("前三季度，对共建国家进出口占比过半。", ("share", 50, "percent", None)),
        ("前三季度，全省外贸的一半以上来自民营企业。", ("share", 50, "percent", None)),
        ("前三季度，高新技术产品出口占全省出口的比重为32.5%。", ("share", 32.5, "percent", None)),
        ("前三季度，集装箱吞吐量同比增长1成。", ("container_throughput", None, None, 10.0)),
        ("前三季度，锂电池出口下降两成。", ("export", None, None, -20.0)),
        ("前三季度，义乌进出口突破5000亿，同比增长18%。", ("trade_total", 5e11, "CNY", 18.0)),
        ("前三季度，免税店销售额超200亿。", ("tax_refund_or_other_money", 2e10, "CNY", None)),
        ("前三季度，跨境电商出口包裹3.6亿票。", ("export", 3.6e8, "票", None)),
        ("前三季度，海关验放进口清单5200万单。", ("import", 5.2e7, "单", None)),
    ],
)
def test_value_words_generalise(text: str, expected: tuple) -> None:
    assert _facts(text, "2025-10-20", "indicator", "value", "unit", "yoy_pct") == [expected]


def test_list_items_that_are_mainland_places_report_and_foreign_ones_are_partners() -> None:
    text = "前三季度，上海、江苏、浙江分别进出口3.2万亿元、4.1万亿元和3.9万亿元。"
    assert _facts(text, "2025-10-20", "reporter", "partner") == [
        ("上海", None),
        ("江苏", None),
        ("浙江", None),
    ]
    text = "前三季度，我国对东盟、欧盟分别进出口5.6万亿元和4.3万亿元。"
    assert _facts(text, "2025-10-20", "reporter", "partner") == [("全国", "东盟"), ("全国", "欧盟")]


def test_events_titles_and_national_ranks() -> None:
    text = "第21届中国—东盟博览会今天在广西南宁闭幕。东博会期间，签约项目120个，总投资3200亿元。"
    assert {f["reporter"] for f in extract_facts(text, "2024-09-28")} == {"第21届中国—东盟博览会"}
    text = (
        "《2030年港口发展规划》发布，全省港口今年货物吞吐量达到9亿吨。"  # a title names no period
    )
    assert _facts(text, "2025-06-10", "period_start", "period_end") == [("2025-01", "2025-06")]
    text = "洋浦港是我国西部陆海新通道的重要节点，今年以来集装箱吞吐量达到200万标箱。"
    assert _facts(text, "2025-06-10", "reporter") == [("洋浦港",)]  # 是我国…: a predicate


def test_growth_reaches_past_a_share_and_its_change() -> None:
    text = "前三季度，民营企业进出口2.1万亿元，占比58.3%，提升2.1个百分点，同比增长9.6%。"
    got = _facts(text, "2025-10-20", "indicator", "value", "yoy_pct")
    assert got[0] == ("trade_total", 2_100_000_000_000, 9.6)
    assert ("trade_total", None, 9.6) not in got  # never a rate-only fact of its own
    # a rate's gap in points is a fact of its own (most independent readers), after the figure's
    text = "前三季度，外贸进出口3.1万亿元，同比增长6.2%，增速高于全国2.2个百分点。"
    assert _facts(text, "2025-10-20", "value", "yoy_pct") == [
        (3_100_000_000_000, 6.2),
        (2.2, None),
    ]
    text = "前10个月，我国进出口37.31万亿元，同比增长3.6%，增速比前三季度加快0.1个百分点。"
    assert _facts(text, "2025-11-07", "value", "yoy_pct") == [
        (37_310_000_000_000, 3.6),
        (0.1, None),
    ]


def test_a_customs_office_as_source_gives_its_city() -> None:
    text = "厦门海关统计显示，今年前三季度，全市进出口7800亿元，同比增长5%。"
    assert _facts(text, "2025-10-20", "reporter") == [("厦门",)]
    text = "据南京海关统计，前三季度，江苏进出口4.1万亿元。"
    assert _facts(text, "2025-10-20", "reporter") == [("江苏",)]


def test_zheli_points_to_the_place_named_in_the_sentence_before() -> None:
    text = "一列满载家电的班列从郑州出发，驶向德国汉堡。今年以来，这里已开行中欧班列1800列。"
    assert _facts(text, "2025-10-20", "reporter") == [("郑州",)]


def test_rate_then_value_joined_by_zhi_and_a_rate_compared_after_a_comma() -> None:
    text = "前三季度，全省进出口同比增长5.2%至3.2万亿元。"
    assert _facts(text, "2025-10-20", "value", "yoy_pct") == [(3_200_000_000_000, 5.2)]
    text = "前三季度，外贸进出口增长5%，高于全国1个百分点。"
    assert _facts(text, "2025-10-20", "value", "yoy_pct") == [(None, 5.0), (1, None)]


# --- Reporter: names the gazetteer cuts, predicates, programmes and counted lines ----------------


def test_slogan_china_is_not_the_nation_and_bare_event_word_keeps_the_event() -> None:
    text = "昨天，第三届智慧物流论坛在昆明开幕。论坛期间，签约美丽中国示范项目36个，投资额120亿元。"
    facts = extract_facts(text, "2025-06-10")
    assert [f["reporter"] for f in facts] == ["第三届智慧物流论坛"] * 2
    assert [f["value"] for f in facts] == [36, 12_000_000_000]


def test_counted_kind_of_line_gives_the_count_to_the_port_before_it() -> None:
    text = "今年以来，广西钦州港集装箱航线增至72条。"
    (f,) = extract_facts(text, "2025-10-20")
    assert (f["reporter"], f["value"], f["unit"]) == ("广西钦州港", 72, "条")


def test_whole_province_word_goes_back_to_the_province_not_the_city_in_between() -> None:
    text = "前三季度，浙江进出口4.1万亿元。其中，宁波进出口1.1万亿元。全省出口3万亿元，增长7%。"
    facts = extract_facts(text, "2025-10-20")
    assert [f["reporter"] for f in facts] == ["浙江", "宁波", "浙江"]


def test_whole_city_word_goes_back_to_a_municipality() -> None:
    """北京, 上海, 天津 and 重庆 are provinces in the gazetteer; 全市 still means them."""
    text = (
        "北京市文化和旅游局数据显示，上半年，全市接待入境游客261.7万人次。上海全市进出口2万亿元。"
    )
    assert [f["reporter"] for f in extract_facts(text, "2026-07-20")] == ["北京", "上海"]


def test_a_rate_naming_one_item_of_a_list_is_that_items() -> None:
    text = "前三季度，北京、天津、河北分别进出口2.79万亿元、6168.4亿元和4532.7亿元，河北增长7.9%。"
    facts = extract_facts(text, "2026-10-20")
    assert [(f["reporter"], f["yoy_pct"]) for f in facts] == [
        ("北京", None),
        ("天津", None),
        ("河北", 7.9),
    ]


@pytest.mark.parametrize("rate", ["同比均增长5%", "增速均超过5%"])
def test_one_rate_said_of_each_after_a_respective_list_fills_the_list(rate: str) -> None:
    text = f"今年前8个月，天津港、曹妃甸港区集装箱吞吐量分别为1712万标箱和34.8万标箱，{rate}。"
    facts = extract_facts(text, "2026-09-02")
    assert [(f["reporter"], f["value"], f["yoy_pct"]) for f in facts] == [
        ("天津港", 17_120_000, 5.0),
        ("曹妃甸港区", 348_000, 5.0),
    ]


def test_each_after_the_growth_verb_fills_the_list() -> None:
    """同比增长均超过一成 holds for each item, as 均增长 does; an open list (…等地) stays one
    reporter, without the period named before its first place."""
    text = "前三季度，江苏、浙江和广东进出口同比增长均超过一成。"
    assert _facts(text, "2026-10-26", "reporter", "yoy_pct") == [
        ("江苏", 10.0),
        ("浙江", 10.0),
        ("广东", 10.0),
    ]
    text = "截至12月19日，元旦假期哈尔滨、长春、阿勒泰等地的酒店预订量同比增长均超过三成。"
    assert _facts(text, "2026-12-20", "reporter", "yoy_pct") == [("哈尔滨、长春、阿勒泰等地", 30.0)]


def test_foreign_exchange_an_export_earns_is_the_export() -> None:
    text = "前10个月，柬埔寨天然橡胶出口约40万吨，创汇约5.9亿美元。"
    facts = extract_facts(text, "2025-11-02")
    assert [(f["indicator"], f["value"]) for f in facts] == [
        ("export", 400_000),
        ("export", 590_000_000),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "我国约八成的飞机租赁资产在这里登记。",
        "目前已有超过三分之一的跨境电商出口企业拥有自主品牌。",
    ],
)
def test_a_proportion_of_a_group_joined_by_de_is_its_share(text: str) -> None:
    (f,) = extract_facts(text, "2026-07-20")
    assert f["indicator"] == "share"


@pytest.mark.parametrize(
    "text,indicator",
    [
        ("今年前10个月，首都机场口岸进出境跨境电商包裹1.12亿件。", "trade_total"),
        ("今年前10个月，经绥芬河公路口岸出境的跨境电商包裹共计1340万件。", "export"),
        ("展会期间，海口海关共验放进境展品1.56万件。", "other"),  # exhibits are not traded
        ("前三季度，经平潭口岸进出的两岸跨境电商包裹达到860万件。", "trade_total"),  # 进出的
    ],
)
def test_pieces_that_crossed_the_border_are_trade(text: str, indicator: str) -> None:
    (f,) = extract_facts(text, "2026-11-02")
    assert f["indicator"] == indicator


def test_a_rate_of_another_year_does_not_join_the_figure_before_it() -> None:
    text = "我们的产品去年出口额突破2亿元，今年前5个月又增长了三成多。"
    facts = extract_facts(text, "2026-06-20")
    assert [(f["value"], f["yoy_pct"], f["period_start"]) for f in facts] == [
        (200_000_000, None, "2025-01"),
        (None, 30.0, "2026-01"),
    ]


def test_a_rate_of_another_volume_named_before_it_is_not_the_figures() -> None:
    text = (
        "10月1日至8日，全国邮政快递业累计揽收快递包裹约31.2亿件，日均揽收量较去年国庆假期增长9.6%。"
    )
    facts = extract_facts(text, "2025-10-09")
    assert [(f["value"], f["yoy_pct"]) for f in facts] == [(3_120_000_000, None), (None, 9.6)]
    text = "天津总装线上半年交付飞机38架，交付量同比增长近两成。"  # the same volume restated
    assert [(f["value"], f["yoy_pct"]) for f in extract_facts(text, "2025-10-09")] == [(38, 20.0)]


def test_a_bare_bonded_zone_word_is_the_zone_named_before_it() -> None:
    text = "今年以来，成都国际铁路港综合保税区发运货物1.8万标箱。1—7月，综保区进出口货值约380亿元。"
    facts = extract_facts(text, "2026-08-20")
    assert [f["reporter"] for f in facts] == ["成都国际铁路港综合保税区"] * 2


def test_annual_average_change_joins_the_cumulative_figure_after_it() -> None:
    text = "五年来，西部陆海新通道班列发送量年均增长25%，累计发送货物260万标箱。"
    (f,) = extract_facts(text, "2025-10-20")
    assert (f["value"], f["yoy_pct"], f["change_pct"], f["change_basis"]) == (
        2_600_000,
        None,
        25.0,
        "年均",
    )
    assert (f["period_start"], f["period_end"]) == (None, "2025-10")


def test_a_sales_destination_is_not_the_reporter() -> None:
    text = "今年以来，宁波文具出口八成以上销往东南亚，出口额超过百亿。"
    assert {f["reporter"] for f in extract_facts(text, "2025-10-20")} == {"宁波"}


@pytest.mark.parametrize(
    "text,reporter",
    [
        # 在X with nothing acting before it in the clause: X is the subject
        ("目前在广西有近30座边民互市点，年交易额超过300亿元。", "广西"),
        # a venue is not the subject of the event's figures
        ("第五届海洋经济大会昨天在青岛开幕。来自40个国家的600多家企业参展。", "第五届海洋经济大会"),
        # 中国 reached through 当地 is the nation
        ("中国援外医疗队在当地累计诊治患者超过50万人次。", "全国"),
    ],
)
def test_reporter_place_after_zai_venue_and_nation(text: str, reporter: str) -> None:
    assert {f["reporter"] for f in extract_facts(text, "2025-10-20")} == {reporter}


def test_growth_after_a_share_with_a_qualifier_joins_the_figure() -> None:
    text = "前三季度，山东进出口2.5万亿元，占全国的一成以上，增长3.6%。"
    facts = extract_facts(text, "2025-10-20")
    assert [(f["indicator"], f["yoy_pct"]) for f in facts] == [
        ("trade_total", 3.6),
        ("share", None),
    ]


@pytest.mark.parametrize(
    "text,period",
    [
        ("2020年至2023年，我国跨境电商进出口年均增长12%。", ("2020-01", "2023-12")),
        ("2023—2024年雪季，吉林接待滑雪游客600万人次。", (None, None)),
        ("“十四五”时期以来，全国新增保税物流中心12个。", ("2021-01", "2025-10")),
        # an event's figure with no other period: the month it is reported in
        ("第二届链博会期间，到会专业观众达到15万人。", ("2025-10", "2025-10")),
    ],
)
def test_year_ranges_plans_and_events(text: str, period: tuple) -> None:
    (f,) = extract_facts(text, "2025-10-20")
    assert (f["period_start"], f["period_end"]) == period


def test_a_zone_after_a_verb_of_creation_is_counted_not_the_reporter() -> None:
    (f,) = extract_facts("今年以来，全国新设综合保税区5个。", "2025-10-20")
    assert (f["reporter"], f["value"]) == ("全国", 5)


@pytest.mark.parametrize(
    "text,roles",
    [
        # 我与X: 我 is China
        ("前8个月，我与欧盟贸易总值为3.5万亿元，增长2%。", ("全国", "欧盟")),
        # a country the clause calls China's partner or source market is the partner
        ("前三季度，东盟继续保持我国第一大贸易伙伴地位，双边贸易额5万亿元。", ("全国", "东盟")),
        ("今年以来，韩国是我国第一大入境客源国，入境游客达到260万人次。", ("全国", "韩国")),
    ],
)
def test_china_is_the_reporter_of_its_trade_with_a_named_partner(text: str, roles: tuple) -> None:
    (f,) = extract_facts(text, "2025-10-20")
    assert (f["reporter"], f["partner"]) == roles


def test_an_unnamed_company_is_the_reporter_as_written() -> None:
    """The tuning labels copy an unnamed company as written (一家光伏企业, 一家物流企业), with the
    place written right before it (晋江一家运动鞋企业), as the guide says of every reporter."""
    text = "在福建晋江，一家鞋服企业今年前三季度出口额达到3亿元，同比增长25%。"
    (f,) = extract_facts(text, "2025-10-20")
    assert (f["reporter"], f["value"], f["yoy_pct"]) == ("一家鞋服企业", 300_000_000, 25.0)
    text = "今年前三季度，深圳前海一家离岸贸易企业结算金额达到3亿美元。"
    (f,) = extract_facts(text, "2025-10-20")
    assert f["reporter"] == "深圳前海一家离岸贸易企业"


def test_a_share_of_a_train_total_is_kept() -> None:
    text = "今年前三季度，四川进出口5000亿元，占全国中欧班列货值的15%。"
    assert [f["indicator"] for f in extract_facts(text, "2025-10-20")] == ["trade_total", "share"]


def test_traditional_script_names_are_copied_as_written() -> None:
    (f,) = extract_facts("去年，金門接待旅客達120萬人次，較前年成長8%。", "2025-03-10")
    assert (f["reporter"], f["value"], f["yoy_pct"]) == ("金門", 1_200_000, 8.0)
    (g,) = extract_facts("今年前8個月，臺灣出口總額達3,100億美元。", "2025-10-20")
    assert g["reporter"] == "臺灣" and g["reporter"] in "今年前8個月，臺灣出口總額達3,100億美元。"


def test_a_whole_year_against_the_year_before_is_year_on_year() -> None:
    (f,) = extract_facts("2024年，青岛港集装箱吞吐量3100万标箱，比2023年增长7%。", "2025-03-10")
    assert f["yoy_pct"] == 7.0
    text = "今年前三季度，青岛港集装箱吞吐量2400万标箱，比2019年增长30%。"
    (g,) = extract_facts(text, "2025-10-20")
    assert (g["yoy_pct"], g["change_pct"], g["change_basis"]) == (None, 30.0, "2019年")


def test_comparison_with_the_nation_names_no_reporter() -> None:
    text = "前三季度，西南地区进出口增长9%，比全国高5个百分点，进出口总值达到1.1万亿元。"
    facts = extract_facts(text, "2025-10-20")
    assert [(f["reporter"], f["value"], f["unit"]) for f in facts] == [
        ("西南地区", None, None),
        ("西南地区", 5, "百分点"),
        ("西南地区", 1_100_000_000_000, "CNY"),
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        # an adverb between 同比 and the verb keeps the rate year on year (not 比 + a base)
        ("一季度，全省接待入境游客120万人次，同比大幅增长45%。", (1_200_000, 45.0, None)),
        ("前三季度，全市出口2100亿元，较快增长11%。", (210_000_000_000, 11.0, None)),
        # 截至2022年底 ends in December of that year; 至此 is up to now
        ("截至2023年底，全省累计建成5G基站12万个。", (120_000, None, "2023-12")),
        ("至此，我国的综合保税区达到170个。", (170, None, "2025-10")),
    ],
)
def test_adverbs_year_ends_and_up_to_now(text: str, expected: tuple) -> None:
    (f,) = extract_facts(text, "2025-10-20")
    value, yoy, end = expected
    assert (f["value"], f["yoy_pct"]) == (value, yoy)
    if end:
        assert f["period_end"] == end


def test_capacity_is_no_figure_and_a_zone_followed_by_its_count_is_counted() -> None:
    assert extract_facts("新港区建成后，年吞吐能力超过2000万吨。", "2025-10-20") == []
    (f,) = extract_facts("至此，我国的综合保税区达到170个。", "2025-10-20")
    assert f["reporter"] == "全国"


def test_participants_are_facts_organisational_counts_are_not() -> None:
    """Two independent readings of the news tuning paragraphs count the people who took part in
    an event (the guide excludes only organisational details such as 8个调研组)."""
    text = (
        "第三届海丝文化论坛昨天在泉州开幕，来自30个国家的500余名嘉宾参会，论坛设置8个分论坛。"
        "来自各地的2000多名青年参加了开幕活动。本届论坛签约项目60个，总金额120亿元。"
    )
    facts = extract_facts(text, "2025-10-20")
    assert [(f["value"], f["unit"]) for f in facts] == [
        (500, "persons"),
        (2000, "persons"),
        (60, "个"),
        (12_000_000_000, "CNY"),
    ]
    assert {f["reporter"] for f in facts} == {"第三届海丝文化论坛"}


# --- Reporter resolution on structures the labelled parts rarely show --------------------------


@pytest.mark.parametrize(
    "text,reporter",
    [
        # a boundary word inside a gazetteer name (建 of 福建) does not cut the typed name
        ("今年以来，福建自贸试验区新设企业4200户。", "福建自贸试验区"),
        # a waterway, a canal and an economic corridor are lines and belts like a railway
        ("今年前三季度，长江黄金水道货物通过量达28亿吨。", "长江黄金水道"),
        ("前三季度，中蒙俄经济走廊沿线口岸进出口货物1.1亿吨。", "中蒙俄经济走廊沿线口岸"),
        # a typed name after 成为 in its clause is the predicate, not the subject
        ("中吉乌铁路开通以来，已成为连接中亚的国际物流大通道，累计运输货物800万吨。", "中吉乌铁路"),
        # 港口 is not a port named 福建港: the province's ports together, as written
        ("今年前三季度，福建港口完成货物吞吐量6.2亿吨。", "福建港口"),
        # a gazetteer city whose last character is a stop word (都) still starts the name
        ("今年前三季度，成都国际铁路港进出口额达到420亿元。", "成都国际铁路港"),
        # a numbered group of provinces narrows the region before it
        ("今年前三季度，长三角地区三省一市进出口11万亿元。", "长三角地区三省一市"),
        # a counted kind of quoted line gives the count to the quoted name
        ("截至目前，“海上福州”命名航线总数达40条。", "“海上福州”"),
        # a city written before a port's or a scenic site's own name is where it is, not its name
        ("今年前三季度，青岛前湾港区集装箱吞吐量达到1600万标箱。", "青岛前湾港区"),
        ("国庆假期，杭州千岛湖景区接待游客80万人次。", "千岛湖景区"),
        # ... but not when the rest is only a kind or a name of its own
        ("今年前三季度，深圳湾口岸出入境旅客达到1200万人次。", "深圳湾口岸"),
        ("今年前三季度，宁波舟山港集装箱吞吐量达到3000万标箱。", "宁波舟山港"),
        # stations, experimental zones and towns are subjects as written
        ("国庆假期，杭州东站发送旅客260万人次。", "杭州东站"),
        ("今年以来，中老铁路磨憨站累计验放进出口货物500万吨。", "中老铁路磨憨站"),
        ("前三季度，郑州航空港经济综合实验区进出口2800亿元。", "郑州航空港经济综合实验区"),
        ("在浙江，乌镇接待游客90万人次。", "乌镇"),
        # a national ministry or commission speaks for the nation
        # a national body that acts is the reporter as written; as a source it is the nation
        ("商务部今天下达专项资金8亿元，支持中西部、东北省份外贸企业。", "商务部"),
        ("国家发展改革委近日下达3亿元中央预算内投资，支持四川、云南灾后恢复。", "国家发展改革委"),
        ("商务部今天（10月15日）介绍，今年以来汽车以旧换新补贴申请量超过900万份。", "全国"),
        # 这里 with nothing in the paragraph it could stand for stays as written
        ("目前，这里已建成12个海外仓。", "这里"),
        # a delegation at a fair is the body its deals are about, as written
        ("第138届广交会上，福建交易团意向成交额达到120亿元。", "福建交易团"),
        ("本届海交会上，台湾采购团采购金额达到5亿元。", "台湾采购团"),
        # a list closed by what its members are, or two of one kind, is one joint subject as
        # written; a 分别 list gives each member its own figure, a list where someone acts is no
        # subject, and two ports with 之间 are a route between them
        ("国庆假期，福建东山、云霄、诏安等口岸验放旅客12万人次。", "福建东山、云霄、诏安等口岸"),
        ("今年前三季度，江西九江、赣州两市合计进出口860亿元。", "江西九江、赣州两市"),
        ("一季度，咸阳国际机场和南泥湾机场共完成旅客吞吐量980万人次。", "咸阳国际机场和南泥湾机场"),
        ("国庆假期，鸡公山、白云山等景区共接待游客52万人次。", "鸡公山、白云山等景区"),
        ("今年前三季度，宁夏、甘肃、青海三省区共接待游客2.1亿人次。", "宁夏、甘肃、青海三省区"),
        ("今年前三季度，连云港港与哈萨克斯坦阿克套港之间的集装箱运量达到9.6万标箱。", "连云港港"),
        # a platform whose data the figures are reports them, as written
        ("在线旅游平台数据显示，“五一”假期赴澳大利亚游客量同比增长26%。", "在线旅游平台"),
        ("据一家在线旅游平台统计，假期出境跟团游订单量同比增长35%。", "一家在线旅游平台"),
        # a verb or 了 before a type word is no part of a name; an idiom ending in 市 is no city
        ("昆明长水国际机场今天计划执行东南亚航线航班96班。", "昆明长水国际机场"),
        ("在宁波舟山港，港口开辟了专用作业区，假期累计装运设备1200余件。", "宁波舟山港"),
        ("厦门邮轮港迎来春节客流高峰，假期共开出母港航次12个。", "厦门邮轮港"),
        ("今年以来，福州口岸累计办理外国人口岸签证8200人次。", "福州口岸"),
        # a class of a port's or an airport's lines is no subject of its own
        ("长沙黄花国际机场消息，今年以来，涉非航线运输旅客11.8万人次。", "长沙黄花国际机场"),
        # a section of a line reports its own figures
        ("今年前三季度，中老铁路老挝段发送旅客约1190万人次。", "中老铁路老挝段"),
        # named cruise boats and ferries report their own trips
        ("国庆假期，长江三峡游轮共接待游客5.6万人次。", "长江三峡游轮"),
        ("今年1至8月，漓江游船运送游客312.7万人次。", "漓江游船"),
        # a line named with its origin and listed destinations, as written
        (
            "今年前10个月，平潭至台中、台北的海上客滚航线运送旅客8.3万人次。",
            "平潭至台中、台北的海上客滚航线",
        ),
        (
            "春运期间，厦门至台北、高雄、台中等两岸航线计划执行往返航班1060个。",
            "厦门至台北、高雄、台中等两岸航线",
        ),
        # a quoted name keeps its marks, and a line named in quotes takes its type word
        ("今年前10个月，“二线口岸”共验放进出岛旅客23.5万人次。", "“二线口岸”"),
        ("今年以来，“港深中欧班列”累计开行216列。", "“港深中欧班列”"),
        ("春节假期，“澜湄快线”国际货物列车共开行46列。", "“澜湄快线”国际货物列车"),
        # a place's ports of one kind, as written
        ("今年前5个月，珠海各陆路口岸出入境旅客达6200万人次。", "珠海各陆路口岸"),
        ("“五一”假期，云南边境口岸出入境人员持续增长，共验放旅客52万人次。", "云南边境口岸"),
        # the country entered, not the travellers' own (中国内地游客: where they come from)
        ("春节假期，入境泰国的中国内地游客约52万人次。", "泰国"),
        ("国庆假期，入境马来西亚的中国大陆旅客约18万人次。", "马来西亚"),
        # a time word before a joint subject is no member of it
        ("去年全年莆田、漳州两大港口共完成货物吞吐量1.2亿吨。", "莆田、漳州两大港口"),
        # a province's or city's 教育部门 is no ministry (教育部)
        ("北京市教育部门牵头制定措施，开拓就业岗位4.1万个。", "北京市"),
        # a bare 全国 in a sentence about a foreign country is that country
        ("据马来西亚农业部门估算，今年全国榴莲产量有望达到48万吨。", "马来西亚"),
        ("我国对越南出口稳步增长，全国进出口总额达到21万亿元。", "全国"),
        # 地区 of 地区生产总值 belongs to the indicator (regional GDP), not to the place
        ("2025年，重庆地区生产总值达到3.41万亿元，增长5.6%。", "重庆"),
    ],
)
def test_reporter_resolution(text: str, reporter: str) -> None:
    (f,) = extract_facts(text, "2025-10-20")
    assert f["reporter"] == reporter


def test_a_list_where_someone_acts_is_no_joint_subject() -> None:
    (f,) = extract_facts("今年以来，海关部门在东兴、凭祥等口岸增开查验通道38条。", "2025-10-20")
    assert f["reporter"] != "东兴、凭祥等口岸"


# --- Not facts by structure: thresholds, standards, kinds, origins, goals, streaks -------------


@pytest.mark.parametrize(
    "text",
    [
        "本届论坛签约项目80个，其中投资10亿元以上项目26个。",
        "本届论坛签约项目80个，其中投资超过10亿元的项目26个。",
        "本届论坛签约项目80个，其中总投资超百亿元的有26个。",
    ],
)
def test_a_threshold_qualifying_a_counted_noun_is_no_figure(text: str) -> None:
    facts = extract_facts(text, "2025-10-20")
    assert [(f["value"], f["unit"]) for f in facts] == [(80, "个"), (26, "个")]


@pytest.mark.parametrize(
    "text",
    [
        # per-unit standards and per-mu yields are prices and efficiency
        "当地将护理补贴标准由每人每月800元提高至1000元。",
        "推广新技术后，每亩可增产8%。",
        # kinds, standards and techniques counted with modifiers between
        "今年，当地推广了36个耐旱高产玉米新品种和22项节水灌溉技术。",
        "两地联合制定了16项海产品加工标准。",
        # counts of countries by role, and origins inside 来自…的
        "会议宣布对44个最不发达建交国实施零关税。",
        "来自30个国家和地区及12个国际组织的代表出席会议。",
        # a plan to a named end (计划到“十五五”末) is a target
        "计划到“十五五”末，全省农村公路里程突破9万公里。",
        # what one site, ship or line holds or covers (the guide's size of a single object)
        "该港粮食筒仓设计总仓容160万吨，可同时靠泊5艘大型粮船作业。",
        "该船共有14层车辆甲板，可同时装载8000辆标准汽车。",
        "工厂占地280多公顷，今天迎来首批量产车下线。",
        "这条线路全长近24公里，设16座车站。",
        "这条步行街全长2100米，沿线分布着9个主题文化广场。",
    ],
)
def test_sentences_with_no_statistical_fact(text: str) -> None:
    assert extract_facts(text, "2025-10-20") == []


def test_a_rate_kept_for_years_has_no_period_and_is_no_fact() -> None:
    text = "近年来，全市数字经济增加值连年保持15%以上增长，去年达到3200亿元。"
    facts = extract_facts(text, "2025-10-20")
    assert [(f["value"], f["yoy_pct"]) for f in facts] == [(320_000_000_000, None)]


def test_a_gap_to_an_average_in_points_is_a_fact() -> None:
    """超过平均值10.6个百分点: both independent readers of the news paragraphs count it."""
    text = "一季度，全省航班恢复比例为92.3%，超过全国平均值8.1个百分点。"
    facts = extract_facts(text, "2025-04-20")
    assert [(f["value"], f["unit"]) for f in facts] == [(92.3, "percent"), (8.1, "百分点")]


def test_a_proportion_qualifying_a_group_is_its_share() -> None:
    (f,) = extract_facts("今年前三季度，超六成外贸企业订单同比增长。", "2025-10-20")
    assert (f["indicator"], f["value"]) == ("share", 60)
    (g,) = extract_facts("本届展会四分之一展品为首发新品。", "2025-10-20")
    assert (g["indicator"], g["value"]) == ("share", 25)


def test_since_a_dated_start_with_cong_runs_to_the_broadcast() -> None:
    text = "从2021年3月启动改造以来，全市已建设安置区40个，配套建设18所学校。"
    facts = extract_facts(text, "2025-10-20")
    assert [(f["value"], f["unit"], f["period_start"], f["period_end"]) for f in facts] == [
        (40, "个", "2021-03", "2025-10"),
        (18, "所", "2021-03", "2025-10"),
    ]


def test_the_day_before_a_holiday_is_that_day() -> None:
    text = "今天（9月30日）是国庆假期前一天，全国铁路预计发送旅客1800万人次。"
    (f,) = extract_facts(text, "2025-09-30")
    assert (f["period_start"], f["period_end"]) == ("2025-09", "2025-09")


# --- Reporter: locations, parts of a total, objects, scopes, events named again ----------------


def _roles(text: str, date: str = "2025-10-20") -> list[tuple]:
    return _facts(text, date, "indicator", "value", "reporter", "partner")


def test_a_place_after_weiyu_is_where_the_subject_lies() -> None:
    text = "洋浦港位于海南西北部，今年前三季度集装箱吞吐量达到150万标箱。"
    assert [r[2] for r in _roles(text)] == ["洋浦港"]


def test_a_foreign_part_of_a_total_is_the_partner_of_the_whole() -> None:
    text = "今年以来，我国入境游订单同比增长80%，欧洲仍是最大客源地区，占比约40%。"
    assert _roles(text)[-1] == ("share", 40, "全国", "欧洲")
    text = (
        "第8届中国—南亚博览会今天闭幕，到会境外采购商12万人。"
        "其中，东盟国家采购商超5万人，占比约42%。"
    )
    assert [r[2:] for r in _roles(text)[1:]] == [("第8届中国—南亚博览会", "东盟")] * 2


def test_a_share_of_a_sub_group_is_the_groups() -> None:
    """The group reports its own share (both independent readings; it was the province's)."""
    text = (
        "今年前三季度，浙江省对东盟进出口3000亿元，同比增长8%。"
        "其中，浙江省民营企业对东盟进出口2100亿元，占比七成。"
    )
    roles = _roles(text)
    assert roles[1][2] == "浙江省民营企业" and roles[2] == ("share", 70, "浙江省民营企业", "东盟")


@pytest.mark.parametrize(
    "text,reporter",
    [
        # a place right after a verb with 了 is its object
        ("我国援外医疗队填补了当地数百项技术空白，累计诊治患者2亿人次。", "全国"),
        # the world as a scope
        ("今年1月，全球范围内的20艘液化天然气运输船新船订单全部由中国船企承接。", "全球"),
        # 市、县两级 are levels of a province, not a city named 浙江市
        ("截至目前，浙江市、县两级共排查隐患3200个。", "浙江"),
        # 本届 + a kind of event is the event named in full earlier in the paragraph
        (
            "第6届中国—中东欧国家博览会首批展品经宁波海关监管入境。本届博览会预计有3000多家企业参展。",
            "第6届中国—中东欧国家博览会",
        ),
    ],
)
def test_objects_scopes_and_events_named_again(text: str, reporter: str) -> None:
    assert [r[2] for r in _roles(text)] == [reporter]


def test_a_count_of_provinces_taking_part_names_no_reporter() -> None:
    text = (
        "本届文博会参展企业3000家，比上届增加200家，全国31个省份全部参展，"
        "并吸引45个国家的260家展商参展。"
    )
    assert _roles(text) == [
        ("enterprise_count", 3000, "文博会", None),
        ("other", 200, "文博会", None),  # an absolute change
        ("enterprise_count", 260, "文博会", None),  # its own noun, not a continued change
    ]


def test_a_figure_named_again_with_zhe_is_one_fact() -> None:
    text = (
        "党的十八大以来，我国外贸年均增长近1.5万亿元，这1.5万亿元相当于一个中等国家的年进出口总额。"
    )
    assert [r[1] for r in _roles(text)] == [1_500_000_000_000]


def test_comparable_basis_is_year_on_year() -> None:
    text = "国庆假期，全省接待游客4200万人次，按可比口径同比增长6.4%。"
    (f,) = extract_facts(text, "2025-10-09")
    assert (f["yoy_pct"], f.get("change_pct")) == (6.4, None)


def test_a_holiday_of_so_many_days_is_the_holiday_just_passed() -> None:
    text = "假期8天，全国边检机关累计保障1900万人次中外人员出入境。"
    (f,) = extract_facts(text, "2025-10-09")
    assert (f["period_start"], f["period_end"]) == ("2025-10", "2025-10")


def test_a_proportion_after_qizhong_is_a_share_and_a_threshold_needs_a_noun() -> None:
    text = "今年上半年，全省免税店购物人数超过200万人次，其中一半以上是青年游客。"
    got = _facts(text, "2025-07-20", "indicator", "value")
    assert got == [("visitors", 2_000_000), ("share", 50)]
    # a group named between 其中 and the proportion (其中境外企业近四成)
    text = "本届展会吸引2300余家企业参展，其中境外企业近四成。"
    assert _facts(text, "2026-05-20", "indicator", "value")[-1] == ("share", 40)


def test_agreements_are_counted_organisations_are_not_and_their_value_is_money() -> None:
    # the news-like tuning parts' readers count agreements signed (5 of 6 times)
    text = "截至目前，我国已与140多个国家和30个国际组织签署230余份合作文件。"
    assert _facts(text, "2025-10-20", "indicator", "value") == [("other", 230)]
    (f,) = extract_facts("博览会期间，现场签署6.2亿美元经贸合作协议。", "2025-10-20")
    assert (f["value"], f["unit"]) == (620_000_000, "USD")


def test_a_foreign_part_within_the_sentence_reports_for_its_subject() -> None:
    text = "今年以来，义乌市场外商采购商超过60万人次，同比增长20%，其中东盟采购商占比三成。"
    assert [r[2:] for r in _roles(text, "2025-06-15")] == [("义乌", None), ("义乌", "东盟")]


def test_a_weekly_timetable_as_it_stands_is_counted_a_planned_one_is_not() -> None:
    text = "目前，福建已开通至东盟国家的海上航线32条，每周航班超过100班。"
    assert [
        (f["value"], f["unit"], f["period_end"]) for f in extract_facts(text, "2025-09-09")
    ] == [(32, "条", "2025-09"), (100, "flights", "2025-09")]
    planned = "按照计划，这条线路今后每周将固定开行3列。"
    assert extract_facts(planned, "2025-09-09") == []


@pytest.mark.parametrize(
    "text,reporters",
    [
        # a quoted train name before its kind of train is part of the name
        ("今年以来，“长安号”欧亚班列开行3100列，同比增长6%。", ["“长安号”欧亚班列"]),
        # a border cooperation centre is a zone
        (
            "今年以来，中哈霍尔果斯国际边境合作中心接待旅客超过400万人次。",
            ["中哈霍尔果斯国际边境合作中心"],
        ),
        # the port a service leaves from is its subject, not a counterpart
        ("今年以来，从厦门港出发的国际邮轮接待出入境游客超过20万人次。", ["厦门港"]),
        # trains counted through a port stay counted for the sentence's later figures
        (
            "今年以来，经二连浩特口岸进出境的中欧班列达到3200列，运输货物35万标箱。",
            ["二连浩特口岸", "二连浩特口岸"],
        ),
    ],
)
def test_named_trains_zones_origins_and_counted_lines(text: str, reporters: list[str]) -> None:
    assert [f["reporter"] for f in extract_facts(text, "2025-10-20")] == reporters


def test_a_rate_in_tenths_before_the_growth_word_is_year_on_year() -> None:
    (f,) = extract_facts("今年前三季度，全省外贸进出口实现了三成以上的增长。", "2025-10-20")
    assert (f["indicator"], f["value"], f["yoy_pct"]) == ("trade_total", None, 30.0)


def test_a_ratio_to_a_base_year_keeps_the_figures_period() -> None:
    text = "去年，全省接待入境游客300万人次，同比增长45%，恢复至2019年的八成。"
    facts = extract_facts(text, "2025-03-05")
    assert [(f["value"], f["period_start"], f["period_end"]) for f in facts] == [
        (3_000_000, "2024-01", "2024-12"),
        (80, "2024-01", "2024-12"),
    ]


def test_the_first_day_of_the_travel_rush_is_that_day() -> None:
    (f,) = extract_facts("春运首日，全国铁路发送旅客1100万人次。", "2025-01-15")
    assert (f["period_start"], f["period_end"]) == ("2025-01", "2025-01")


def test_a_later_years_figure_after_an_average_rate_keeps_the_rates_quantity() -> None:
    text = "“十四五”以来，全省港口货物吞吐量年均增长4%，2024年达到8亿吨。"
    facts = extract_facts(text, "2025-11-10")
    assert [(f["indicator"], f["value"], f["period_end"]) for f in facts] == [
        ("cargo_throughput", None, "2025-11"),
        ("cargo_throughput", 800_000_000, "2024-12"),
    ]


def test_an_absolute_rise_is_its_own_quantity() -> None:
    text = "9月末，我国外汇储备规模为33000亿美元，较8月末上升300亿美元。"
    got = _facts(text, "2025-10-08", "indicator", "value")
    assert got == [("tax_refund_or_other_money", 3_300_000_000_000), ("other", 30_000_000_000)]


def test_a_source_after_cong_is_no_partner_and_an_investors_origin_no_reporter() -> None:
    text = "记者从宁波海关了解到，今年前三季度，浙江省进出口4万亿元，同比增长6%。"
    assert _roles(text) == [("trade_total", 4_000_000_000_000, "浙江省", None)]
    text = "截至9月底，前海深港现代服务业合作区累计注册香港投资企业超过1.1万家。"
    assert [r[2] for r in _roles(text)] == ["前海深港现代服务业合作区"]


def test_china_dash_partner_trade_is_the_nations_with_that_partner() -> None:
    text = "今年前三季度，中国—东盟贸易额达到5.1万亿元，同比增长9%。"
    assert _roles(text) == [("trade_total", 5_100_000_000_000, "全国", "东盟")]


def test_a_count_up_to_now_after_a_scheduled_date_is_not_anchored_to_it() -> None:
    text = "该航线将于12月开通，届时每周将有4班往返，目前港口已开通国际航线38条。"
    (f,) = extract_facts(text, "2025-10-20")
    assert (f["value"], f["period_start"], f["period_end"]) == (38, None, "2025-10")


def test_quoted_train_names_and_regional_headquarters() -> None:
    text = "中欧班列“蓉欧号”今年以来开行3200列。"
    assert [r[2] for r in _roles(text)] == ["中欧班列“蓉欧号”"]
    text = (
        "今年前三季度，前海合作区实际使用外资60亿美元；截至9月底，累计落户跨国公司地区总部120家。"
    )
    assert [r[2] for r in _roles(text)] == ["前海合作区", "前海合作区"]


def test_guards_on_the_new_non_fact_rules() -> None:
    # a rate followed by a ranking is no group's share
    got = _facts("今年前三季度，全省外贸增速达到12.5%居全国首位。", "2025-10-20", "indicator")
    assert ("share",) not in got
    # a goal stated first does not swallow the figures reported after it
    text = "全省将推动外贸提质增效，今年前三季度，全省进出口1.5万亿元，同比增长6%。"
    assert _facts(text, "2025-10-20", "value", "yoy_pct") == [(1_500_000_000_000, 6.0)]


def test_after_parallel_examples_a_sentence_naming_no_one_speaks_for_the_nation() -> None:
    text = (
        "全国各地外贸企业加快开拓新兴市场。一季度，青岛口岸锂电池出口增长40%；"
        "天津口岸锂电池出口增长25%。而从全年看，一季度高技术产品出口同比增长9.1%。"
    )
    assert [f["reporter"] for f in extract_facts(text, "2025-04-20")] == [
        "青岛口岸",
        "天津口岸",
        "全国",
    ]
    # a subject named once and then continued is no list of examples
    text = (
        "近日，一列中欧班列从连云港启程。今年以来，这里到发中欧班列900列。"
        "十年来，江苏省深化陆海统筹。建成万吨级泊位60个，开通国际航线70条。"
    )
    assert [f["reporter"] for f in extract_facts(text, "2025-04-20")][-2:] == ["江苏省"] * 2


@pytest.mark.parametrize(
    "text,reporter",
    [  # 广西 stays (readers split); 江西, 湖南 … they leave off (108 : 18 in the labels), and
        # 新疆 (21 : 8 in the twenty-four news-like tuning parts)
        ("今年以来，江西赣州国际陆港开行中欧班列600列。", "赣州国际陆港"),
        ("今年前三季度，湖南城陵矶港集装箱吞吐量达到90万标箱。", "城陵矶港"),
        ("今年以来，新疆阿拉山口口岸通行中欧班列5000列。", "阿拉山口口岸"),
        ("国庆假期，新疆霍尔果斯铁路口岸共验放进出境班列186列。", "霍尔果斯铁路口岸"),
    ],
)
def test_a_province_before_a_port_stays_or_goes_as_readers_write_it(
    text: str, reporter: str
) -> None:
    assert [r[2] for r in _roles(text)] == [reporter]


def test_museums_are_sites_holiday_first_days_and_unit_first_counts() -> None:
    text = "国庆假期，西安秦始皇帝陵博物院每天接待游客3万人次。"
    assert [r[2] for r in _roles(text, "2025-10-08")] == ["西安秦始皇帝陵博物院"]
    text = "假期前五天，长白山景区累计接待游客20万人次。"
    (f,) = extract_facts(text, "2025-10-08")
    assert (f["period_start"], f["period_end"]) == ("2025-10", "2025-10")
    text = "国庆假期，全省免税店购物金额达到8亿元，购物人次12万。"
    assert _facts(text, "2025-10-08", "value", "unit")[-1] == (120_000, "person_trips")


def test_a_goal_rate_is_no_fact_and_a_counted_event_is_no_reporter() -> None:
    assert extract_facts("“十五五”期间，全省将推动服务贸易规模年均增长6%以上。", "2025-09-25") == []
    text = "本届论坛共设置9场专题论坛，签约项目38个，总投资额达420亿元。"
    assert {r[2] for r in _roles(text, "2025-09-25")} == {"论坛"}


def test_jingmao_inside_an_events_name() -> None:
    text = "本月，海峡两岸经贸交易会签约项目90个，总金额260亿元。"
    assert {r[2] for r in _roles(text)} == {"海峡两岸经贸交易会"}


def test_named_regions_and_ports_in_a_fenbie_list_each_report() -> None:
    text = "前三季度，东北地区、西南地区出口分别增长2.5%和7.2%。"
    assert [r[2] for r in _roles(text)] == ["东北地区", "西南地区"]
    text = "今年以来，满洲里、二连浩特口岸进出境中欧班列分别达到3500列和2400列。"
    assert [r[2] for r in _roles(text)] == ["满洲里", "二连浩特口岸"]


@pytest.mark.parametrize(
    "text,date,period",
    [
        ("今年首季，全省对东盟进出口900亿元。", "2025-04-15", ("2025-01", "2025-03")),
        ("春节以来，全省接待游客1500万人次。", "2025-03-10", ("2025-01", "2025-03")),
        ("三季度以来，全省口岸出入境人员达到400万人次。", "2025-10-20", ("2025-07", "2025-10")),
    ],
)
def test_first_quarter_and_since_a_holiday_or_quarter(text: str, date: str, period: tuple) -> None:
    (f,) = extract_facts(text, date)
    assert (f["period_start"], f["period_end"]) == period


def test_a_kind_of_site_is_no_reporter() -> None:
    text = "国庆假期，江西全省重点景区接待游客1900万人次，同比增长9%。"
    assert [r[2] for r in _roles(text, "2025-10-09")] == ["江西"]
    text = "今年前三季度，福州新增A级旅游景区15家，总数达到120家。"
    assert _facts(text, "2025-10-20", "reporter") == [("福州",), ("福州",)]


@pytest.mark.parametrize(
    "text,reporter",
    [
        (
            "海南自由贸易港建设稳步推进。今年1至9月，海南货物贸易进出口2000亿元，同比增长10%。",
            "海南",
        ),
        ("福州新区建设提速。今年1至9月，福州外贸进出口2000亿元，同比增长10%。", "福州"),
        ("厦门港加快建设。今年前三季度，厦门外贸进出口2000亿元。", "厦门"),
        # a shorter name is copied as written (four of five labellers of the made-up paragraphs)
        ("福州市开放步伐加快。前三季度，福州进出口2000亿元。", "福州"),
        ("中欧班列长安号开行稳定。今年以来，中欧班列开行1200列。", "中欧班列"),
        ("福建自贸试验区福州片区挂牌十年。今年1—7月，福州片区新增企业3856家。", "福州片区"),
    ],
)
def test_a_place_inside_an_earlier_subjects_name_reports_for_itself(
    text: str, reporter: str
) -> None:
    """A province or city named inside an earlier zone's, port's or area's name is another
    subject; a shorter name of the same subject is copied as written, as the guide says."""
    assert _facts(text, "2024-10-20", "reporter") == [(reporter,)]


@pytest.mark.parametrize(
    "text,facts",
    [
        ("9月份，福州外贸进出口250亿元，环比增长5%，同比增长8%。", [(2.5e10, 8.0, 5.0, "环比")]),
        ("9月份，福州外贸进出口250亿元，同比下降2.1%，环比增长5%。", [(2.5e10, -2.1, 5.0, "环比")]),
        (  # another figure in between: the second rate is that figure's own
            "9月份，福州外贸进出口250亿元，环比增长5%；出口150亿元，同比增长8%。",
            [(2.5e10, None, 5.0, "环比"), (1.5e10, 8.0, None, None)],
        ),
    ],
)
def test_a_yoy_rate_and_a_month_on_month_rate_are_one_fact(text: str, facts: list) -> None:
    keys = ("value", "yoy_pct", "change_pct", "change_basis")
    assert _facts(text, "2024-10-20", *keys) == facts


# --- Cross-strait phrasing: the mainland is the nation, 台 before a trade word is Taiwan -------


@pytest.mark.parametrize(
    "text,roles",
    [
        (
            "前三季度，两岸贸易额2000亿美元。其中，大陆对台出口600亿美元，自台进口1400亿美元。",
            [("全国", None), ("全国", "台"), ("全国", "台")],
        ),
        ("前三季度，福建对台出口200亿元，自台进口300亿元。", [("福建", "台"), ("福建", "台")]),
        ("前三季度，台湾地区对大陆出口1200亿美元。", [("台湾地区", "大陆")]),
        ("前三季度，美国对华出口下降20%。", [("美国", "华")]),
        ("今年以来，厦门与金门之间的“小三通”航线运送旅客150万人次。", [("“小三通”航线", "金门")]),
    ],
)
def test_cross_strait_reporters_and_partners(text: str, roles: list) -> None:
    assert _facts(text, "2024-10-20", "reporter", "partner") == roles


@pytest.mark.parametrize(
    "text,reporter",
    [
        ("今年以来，厦门邮轮母港共接待邮轮60艘次。", "厦门邮轮母港"),
        ("今年以来，天津国际邮轮母港接待旅客18万人次。", "天津国际邮轮母港"),
        ("今年以来，福州机场口岸入境外籍旅客达到20万人次。", "福州机场口岸"),
        ("今年以来，厦门邮轮码头口岸入境旅客10万人次。", "厦门邮轮码头口岸"),
        ("今年以来，深圳盐田港集装箱吞吐量1000万标箱。", "深圳盐田港"),  # as written, too
    ],
)
def test_a_city_stays_before_a_site_that_has_no_name_of_its_own(text: str, reporter: str) -> None:
    """邮轮母港, 机场口岸 are kinds of port, not names: the city before them stays."""
    assert _facts(text, "2024-10-20", "reporter") == [(reporter,)]


@pytest.mark.parametrize("place", ["长乐区", "马尾区", "闽侯县", "福清市", "集美区"])
def test_fuzhou_and_xiamen_districts_and_counties_report(place: str) -> None:
    text = f"今年前三季度，{place}实现进出口总值123.4亿元，同比增长6.5%。"
    assert _facts(text, "2024-10-20", "reporter") == [(place,)]


def test_the_partner_is_the_longest_group_name_as_written() -> None:
    text = "前三季度，福建对RCEP其他成员国进出口3000亿元，增长4.5%。"
    assert _facts(text, "2024-10-20", "partner") == [("RCEP其他成员国",)]


def test_taiwan_and_hong_kong_in_a_fenbie_list_are_partners() -> None:
    """Regions of China outside the mainland are counterparts in a list, never its reporters."""
    text = "前三季度，福建对台湾、香港出口分别增长5%、3%。"
    assert _facts(text, "2024-10-20", "reporter", "partner") == [
        ("福建", "台湾"),
        ("福建", "香港"),
    ]


def test_quan_sheng_is_the_mainland_province_not_taiwan_named_after_it() -> None:
    text = "前三季度，福建省对台湾出口200亿元。全省进出口总值1.5万亿元，增长5%。"
    assert _facts(text, "2024-10-20", "reporter", "partner") == [
        ("福建省", "台湾"),
        ("福建省", None),
    ]


@pytest.mark.parametrize("place", ["台湾", "香港", "中国澳门"])
def test_zheli_points_to_taiwan_hong_kong_or_macao_named_before(place: str) -> None:
    text = f"{place}经济稳步增长。这里前三季度进出口1000亿元。"
    assert _facts(text, "2024-10-20", "reporter") == [(place,)]


@pytest.mark.parametrize(
    "text,value",
    [
        ("前三季度，福州进出口增速比全省高2.3个百分点。", 2.3),
        ("前三季度，出口增幅比全国快1.5个百分点。", 1.5),
    ],
)
def test_a_rate_compared_with_another_in_points_is_a_fact(text: str, value: float) -> None:
    assert _facts(text, "2024-10-20", "value", "unit") == [(value, "百分点")]


@pytest.mark.parametrize(
    "text,roles",
    [
        ("前三季度，福州对美出口300亿元，下降4%。", [("福州", "美")]),
        ("前三季度，福州自日进口120亿元。", [("福州", "日")]),
        ("前三季度，福建对台进出口500亿元，增长6%。", [("福建", "台")]),
        ("1至4月，平潭对台小额贸易进出口5.6亿元。", [("平潭", "台")]),
        (
            "前三季度，东盟继续保持福州第一大贸易伙伴地位，双边贸易额480亿元，增长11%。",
            [("福州", "东盟")],
        ),
        ("前三季度，机电产品占福州出口总值的比重达58.3%。", [("福州", None)]),
        (
            # a place's private firms report as written (the guide's 厦门市民营企业)
            "前三季度，福州民营企业进出口1500亿元，增长9%，拉动全市外贸增长6.5个百分点。",
            [("福州民营企业", None), ("福州民营企业", None)],
        ),
    ],
)
def test_partners_and_reporters_of_a_citys_figures(text: str, roles: list) -> None:
    """One-character partners (对美, 自日), a place's first partner, a product's share of a
    place's total, and 全市 never read as part of a name (拉动全市)."""
    assert _facts(text, "2024-10-20", "reporter", "partner") == roles


@pytest.mark.parametrize("city", ["昆山", "南通", "洛阳", "柳州", "喀什", "绥芬河", "中山"])
def test_prefecture_and_port_cities_report(city: str) -> None:
    text = f"前三季度，{city}外贸进出口123亿元，同比增长6%。"
    assert _facts(text, "2024-10-20", "reporter") == [(city,)]


@pytest.mark.parametrize(
    "text", ["今天水路客运量预计175万人次。", "河南通过中欧班列出口汽车1.2万辆。"]
)
def test_a_city_name_across_two_words_is_no_place(text: str) -> None:
    """天水 in 今天水路 and 南通 in 河南通过 start inside a word: neither is the reporter."""
    assert all(r not in ("天水", "南通") for (r,) in _facts(text, "2024-10-20", "reporter"))


@pytest.mark.parametrize(
    "event",
    [
        "第二十四届中国国际投资贸易洽谈会",
        "第二十六届海峡两岸经贸交易会",
        "第八届丝博会",
        "2024年中国国际服务贸易交易会",
    ],
)
def test_fairs_named_in_full_report(event: str) -> None:
    text = f"{event}闭幕，意向成交额达到56.8亿元。"
    assert _facts(text, "2024-10-20", "reporter") == [(event,)]


def test_ben_jie_after_the_full_name_of_a_fair_is_that_fair() -> None:
    text = "第二十四届中国国际投资贸易洽谈会9月在厦门开幕。本届投洽会意向成交额达到56.8亿元。"
    assert _facts(text, "2024-10-20", "reporter") == [("第二十四届中国国际投资贸易洽谈会",)]


@pytest.mark.parametrize(
    "text",
    [
        "这艘长400米、宽61米的集装箱船可装载2.4万个标准箱。",
        "该项目建成后预计年产值可达100亿元。",
        "码头可停靠20万吨级集装箱船。",
        # images, savings, awards and programme participants are no activity either
        "如今，每分钟约有3600万元的货物在中国与共建“一带一路”国家间流动。",
        "电站每年将减少二氧化碳排放44万吨。",
    ],
)
def test_what_is_no_activity_is_no_fact(text: str) -> None:
    assert _facts(text, "2024-10-20", "value") == []


@pytest.mark.parametrize(
    "text,reporter",
    [
        ("去年访港旅客达4450万人次，按年增加31%。", "港"),
        ("今年以来，来闽台胞达到120万人次，同比增长30%。", "闽"),
        ("今年1-9月来台旅客达550万人次。", "台"),
        ("今年前三季度，赴台大陆游客人数为30万人次，较去年同期减少5%。", "台"),
    ],
)
def test_visitors_to_a_place_named_by_one_character_report_for_it(text: str, reporter: str) -> None:
    assert _facts(text, "2024-10-20", "reporter") == [(reporter,)]


@pytest.mark.parametrize("commodity", ["稀土", "鞋靴", "光伏产品", "电动汽车", "水果", "铝材"])
def test_more_commodities_are_named(commodity: str) -> None:
    text = f"前三季度，福建出口{commodity}120亿元，增长8%。"
    assert _facts(text, "2024-10-20", "commodity") == [(commodity,)]


def test_half_as_a_growth_rate_is_the_figures_rate_not_a_share() -> None:
    (f,) = extract_facts("今年以来，平潭对台小额贸易额达到5亿元，同比增长一半以上。", "2025-10-20")
    assert (f["indicator"], f["value"], f["yoy_pct"]) == ("trade_total", 500_000_000, 50.0)


def test_a_partner_after_zi_is_never_the_reporter() -> None:
    text = "今年前三季度，中国对台湾地区出口额达到5000亿元，自台湾地区进口额达到1.3万亿元。"
    facts = extract_facts(text, "2025-10-20")
    assert [(f["indicator"], f["reporter"]) for f in facts] == [
        ("export", "全国"),
        ("import", "全国"),
    ]
    # 自由 and 自贸 still belong to zone names
    (f,) = extract_facts(
        "今年以来，中国（福建）自由贸易试验区福州片区新增企业3000户。", "2025-10-20"
    )
    assert f["reporter"] == "中国（福建）自由贸易试验区福州片区"


def test_a_line_followed_by_what_it_carried_reports_it() -> None:
    """航线45万人次 is the line's passengers; 航线3条 counts lines (the port's figure)."""
    text = "今年以来，闽台海上航线运送旅客60万人次，其中厦金航线45万人次。"
    assert [f["reporter"] for f in extract_facts(text, "2025-10-20")] == [
        "闽台海上航线",
        "厦金航线",
    ]
    text = "今年以来，福州港新开通航线5条，其中外贸航线3条。"
    assert [f["reporter"] for f in extract_facts(text, "2025-10-20")] == ["福州港", "福州港"]


@pytest.mark.parametrize(
    "text,indicators",
    [
        (
            "据预测，到2027年，我国跨境电商进出口规模将达到3万亿元。今年前三季度已达到1.9万亿元。",
            ["trade_total", "trade_total"],
        ),
        # 其中 + a product: the products of the total before (export of 集成电路, of 汽车)
        (
            "前10个月，我国出口机电产品13.1万亿元，增长8.7%。其中，集成电路1.65万亿元，增长24.7%；"
            "汽车8500亿元，增长12%。",
            ["export", "export", "export"],
        ),
        # a new noun before the figure is a new quantity, not the paragraph's
        (
            "今年前三季度，福州港进出口100亿元。项目总额300亿元。",
            ["trade_total", "tax_refund_or_other_money"],
        ),
    ],
)
def test_a_sentence_with_its_quantity_elided_continues_the_paragraphs(
    text: str, indicators: list[str]
) -> None:
    assert [f["indicator"] for f in extract_facts(text, "2025-10-20")] == indicators


def test_dui_wai_mao_yi_is_one_trade_word() -> None:
    text = "今年前三季度，台湾地区对外贸易总额达到5200亿美元，年增率12%。"
    (f,) = extract_facts(text, "2025-10-20")
    assert (f["indicator"], f["span"]) == ("trade_total", "对外贸易总额达到5200亿美元，年增率12%")


@pytest.mark.parametrize(
    "text,reporters",
    [
        (
            "今年前三季度，福州、厦门、泉州三市进出口分别为2200亿元、6800亿元和2100亿元。",
            ["福州", "厦门", "泉州"],
        ),
        (
            "今年以来，福州港、厦门港集装箱吞吐量分别达到330万标箱和950万标箱。",
            ["福州港", "厦门港"],
        ),
    ],
)
def test_each_item_of_a_fenbie_list_reports_its_figure(text: str, reporters: list[str]) -> None:
    facts = extract_facts(text, "2025-10-20")
    assert [(f["reporter"], f["commodity"]) for f in facts] == [(r, None) for r in reporters]


@pytest.mark.parametrize(
    "text,reporter",
    [
        ("平潭与台湾隔海相望。今年以来，当地对台贸易额达到20亿元，同比增长15%。", "平潭"),
        ("罗源湾港区位于福州北部。前三季度，这里完成货物吞吐量5000万吨。", "罗源湾港区"),
    ],
)
def test_here_points_to_the_subject_not_its_neighbour_or_location(text: str, reporter: str) -> None:
    assert _facts(text, "2025-10-20", "reporter") == [(reporter,)]


def test_a_body_the_reporter_heard_from_is_no_partner() -> None:
    text = "记者从平潭综合实验区管委会获悉，今年以来，平潭接待游客5万人次。"
    assert _facts(text, "2025-10-20", "reporter", "partner") == [("平潭", None)]
    text = "今年以来，福建从台湾进口水果2万吨。"
    assert _facts(text, "2025-10-20", "reporter", "partner") == [("福建", "台湾")]


def test_a_rate_after_an_absolute_change_is_the_totals_rate() -> None:
    text = "2024年，全国进出口43.85万亿元，比上年增加1.64万亿元，增长5%。"
    got = _facts(text, "2025-01-13", "indicator", "value", "yoy_pct")
    assert got == [("trade_total", 43_850_000_000_000, 5.0), ("other", 1_640_000_000_000, None)]


def test_customs_documents_and_refunds() -> None:
    """签发RCEP原产地证书: RCEP names the certificate, not the reporter; 出口退税 is a refund."""
    text = "今年前三季度，福州海关签发RCEP原产地证书2.5万份，签证货值120亿元。"
    assert {f["reporter"] for f in extract_facts(text, "2025-10-20")} == {"福州海关"}
    (f,) = extract_facts("今年以来，厦门海关为企业办理出口退税80亿元，同比增长15%。", "2025-10-20")
    assert (f["indicator"], f["value"], f["yoy_pct"]) == (
        "tax_refund_or_other_money",
        8_000_000_000,
        15.0,
    )


def test_an_import_price_and_its_change_are_other_money() -> None:
    # the seventh tuning part's readers label import prices (7 of 7), as other money
    text = "前三季度，我国进口原油4.1亿吨，减少2%；进口均价每吨4000元，下跌10%。"
    assert _facts(text, "2025-10-20", "indicator", "value", "yoy_pct") == [
        ("import", 410_000_000, -2.0),
        ("tax_refund_or_other_money", 4000, -10.0),
    ]
    text = "今年前8个月，铁矿石、原油进口均价分别下降5.4%、9.1%。"
    assert _facts(text, "2025-09-10", "indicator", "yoy_pct") == [
        ("tax_refund_or_other_money", -5.4),
        ("tax_refund_or_other_money", -9.1),
    ]


@pytest.mark.parametrize(
    "text,roles",
    [
        # a domestic place's share of a larger total is its own share
        ("前三季度，福州进出口2200亿元，占福建省外贸总值的15%。", [("福州", None), ("福州", None)]),
        ("2024年，福建与台湾贸易额达到1200亿元，占两岸贸易总额的6%。", [("福建", "台湾")] * 2),
        # a partner's share of a place's total: the place reports, the partner is the part
        ("前三季度，东盟占福建外贸总值的20%。", [("福建", "东盟")]),
        # 在…中的比重 names the whole as 占 does (the partner was lost)
        ("今年前三季度，东盟在我国外贸中的比重为15.8%。", [("全国", "东盟")]),
    ],
)
def test_whose_share(text: str, roles: list) -> None:
    assert _facts(text, "2025-10-20", "reporter", "partner") == roles


@pytest.mark.parametrize(
    "text,commodities",
    [
        (
            "前三季度，厦门进口水果、冻品、粮食分别达到12万吨、30万吨和200万吨。",
            ["水果", "冻品", "粮食"],
        ),
        ("今年以来，全省机电产品、高新技术产品出口均增长两成以上。", ["机电产品", "高新技术产品"]),
    ],
)
def test_list_items_after_a_trade_verb_or_a_whole(text: str, commodities: list[str]) -> None:
    assert [f["commodity"] for f in extract_facts(text, "2025-10-20")] == commodities


def test_tourist_spending_is_tourism_revenue() -> None:
    """游客总花费 is 旅游消费 (tourism revenue in the guide), as 出游总花费 already was; it was
    other money when the sentence said 入境游客 but not 旅游."""
    text = "今年入境游持续升温，前三季度入境游客1.1亿人次，入境游客总花费800亿美元，同比增长40%。"
    assert _facts(text, "2025-12-10", "indicator", "value") == [
        ("visitors", 110_000_000),
        ("tourism_revenue", 80_000_000_000),
    ]


# Reporters that generalise, one table (each row's comment says what the rule is and what the
# extractor reported before it).
@pytest.mark.parametrize(
    "text,reporters",
    [
        # the province of a provincial organ, written without 省 (the read-twice labels' way)
        ("福建省商务厅消息，前三季度，我省外贸进出口1.46万亿元。", ["福建"]),
        # a provincial bulletin that never names its province keeps 我省 as written, not 全国
        (
            "今年前三季度，我省跨境电商进出口400亿元；目前，全省共有跨境电商企业5000家。",
            ["我省", "我省"],
        ),
        ("今年以来，我市跨境电商进出口150亿元，增长30%。", ["我市"]),
        # so does 全省 / 全市 with no province or city named before it (it was 全国)
        ("上半年，全省跨境电商进出口超过300亿元，增长一半以上。", ["全省"]),
        ("全市已有12个项目纳入省重点项目，总投资超过200亿元。", ["全市"]),
        ("前三季度，机电产品出口额占全省出口总额的比重达到45%。", ["全省"]),  # the whole's owner
        ("福建前三季度出口8000亿元，机电产品占全省出口总额的45%。", ["福建", "福建"]),
        # the places of a location phrase (位于 A 首都 B 以北) say where the subject lies
        (
            "钱凯港位于秘鲁首都利马以北80公里。开港后，每年将为秘鲁创造逾8000个就业机会。",
            ["钱凯港"],
        ),
        ("平潭位于福州东南部，今年接待游客500万人次。", ["平潭"]),
        # a city before a port's own name is cut, as for any site (the port is in the gazetteer)
        ("在深圳盐田港，今年前9个月新增了16条航线。", ["深圳盐田港"]),
        ("今年前三季度，宁波舟山港集装箱吞吐量达到3000万标箱。", ["宁波舟山港"]),
        # Fujian's counties and districts are places (安溪 was 全国 from 作为全国…)
        ("作为全国最大的茶叶出口基地，安溪茶叶出口额达5亿元，占全国的10%。", ["安溪", "安溪"]),
        ("今年前三季度，德化县陶瓷出口30亿元，同比增长8%。", ["德化县"]),
        ("春节假期，长汀古城接待游客20万人次。", ["长汀古城"]),
        # a known city written with 市 right after a time or reporting word starts at the city
        # (度青岛市, 来莆田市, 计青岛市 before)
        ("今年前三季度青岛市进出口总值5000亿元，同比增长5%。", ["青岛市"]),
        ("今年以来莆田市进出口总值300亿元。", ["莆田市"]),
        ("据统计福州市今年进出口总值2000亿元。", ["福州市"]),
        ("前10个月宁波市外贸进出口总值8000亿元。", ["宁波市"]),
        # 全岛 is the island named before: a free trade port or an island city (was 全岛)
        (
            "海南自由贸易港今天正式启动全岛封关运作。封关后首日，全岛进出口货值达到12亿元。",
            ["海南自由贸易港"],
        ),
        ("平潭今年接待游客500万人次，全岛旅游收入60亿元。", ["平潭", "平潭"]),
        # the place the counted act in, right after the figure, when nothing before names one
        ("截至目前，累计已有超过4万名台胞在福建申领居住证。", ["福建"]),
        ("今年以来，已有1.2万名台湾青年在厦门就业创业。", ["厦门"]),
        # a nation named before keeps it; a foreign place after is no reporter
        ("我国已有300万名外籍人员在福建工作。", ["全国"]),
        ("俄方表示，30万吨化肥滞留在欧洲多个港口。", ["全国"]),
        # airlines and shipping groups are bodies; 新开 ends a route's name
        # (中远海运集团新开国际航线 was one subject, 厦门航空 was 全国)
        ("今年以来，厦门航空新开国际航线8条，国际旅客突破300万人次。", ["厦门航空", "厦门航空"]),
        ("今年以来，中远海运集团新开国际航线8条。", ["中远海运集团"]),
        # a place's private firms are a reporter as written, with or without 省/市 (was 福建)
        ("今年1—9月，福建民营企业进出口1.1万亿元，同比增长5%。", ["福建民营企业"]),
        # a route between two places is one name (厦门至金门航线 reported 厦门)
        ("今年以来，厦门至金门客运航线运送旅客达到120万人次。", ["厦门至金门客运航线"]),
        ("福州至马祖航线今年运送旅客20万人次。", ["福州至马祖航线"]),
        # a city before an island is cut, as before a port or site (莆田湄洲岛 was kept whole)
        ("今年以来，莆田湄洲岛接待游客突破800万人次。", ["莆田湄洲岛"]),
        ("今年以来，厦门鼓浪屿接待游客突破800万人次。", ["厦门鼓浪屿"]),
        # Taiwan's own releases: their nation is Taiwan, a region of China (it was 全国, China)
        ("財政部今天公布，10月出口值達618億美元，年增49.7%。", ["台湾地区"]),
        ("9月出口金額為400億美元，創歷年同月新高，年增率為4.5%。", ["台湾地区"]),
        ("據關務署統計，10月出口值達618億美元，增長49.7%。", ["台湾地区"]),  # its authority
        # 成長 and 上年同月 are Taiwan's words too (this was 全国)
        ("10月出口金額為612億美元，較上年同月成長49.7%。", ["台湾地区"]),
        # the mainland's bulletins in traditional script keep China's nation
        ("海關總署公布，今年前10個月，我國進出口總值37.31萬億元，增長3.6%。", ["全国"]),
        # a named company is a body, not the city its name begins with (宁德时代 reported 宁德)
        ("今年前三季度，宁德时代锂电池出口额达到500亿元，同比增长25%。", ["宁德时代"]),
        # a foreign part's share of a total named before 中 reports for that total (was 全国)
        ("今年以来，厦门机场口岸出入境旅客中，台湾同胞占比达到25%。", ["厦门机场口岸"]),
        ("今年前三季度，福建外贸中，东盟占比20%。", ["福建"]),
        # 台商投资区 is a zone (was 漳州); 两岸 describing an activity is no reporter (was 两岸)
        ("今年1—9月，漳州台商投资区实现规上工业产值800亿元，增长9%。", ["漳州台商投资区"]),
        ("今年以来，福建共举办各类两岸交流活动1000多场。", ["福建"]),
        ("今年前三季度，两岸贸易额达到2000亿美元。", ["全国"]),  # the nation's, with Taiwan
        # a fair that 共有 exhibitors is their reporter, not a zone counting itself (was 全国)
        ("第22届中国—东盟博览会共有3200家企业参展。", ["第22届中国—东盟博览会"]),
        ("今年以来，福州片区共有企业3200家。", ["福州片区"]),
        # Fuzhou and Xiamen districts and counties, border ports and new areas written without
        # their type word (闽侯, 海沧, 阿拉山口, 横琴 reported 全国); 土楼 is a site
        ("今年前三季度，闽侯进出口300亿元，增长10%。", ["闽侯"]),
        ("今年以来，海沧完成集装箱吞吐量120万标箱。", ["海沧"]),
        ("今年前三季度，磨憨进出口300亿元，增长10%。", ["磨憨"]),
        ("今年以来，横琴接待游客300万人次。", ["横琴"]),
        ("今年以来，永定土楼接待游客300万人次。", ["永定土楼"]),
        # a named railway before 运输 is the line (中老铁路运输跨境货物 reported 全国)
        ("今年前三季度，中老铁路运输跨境货物超过500万吨。", ["中老铁路"]),
        ("今年前三季度，全国铁路运输货物30亿吨。", ["全国"]),
        # a place's customs office acting is the body (马尾海关共监管… reported 马尾); as a source
        # (厦门海关统计显示，全市…) its city reports
        ("今年以来，马尾海关共监管对台小额贸易进出口货值3.5亿元，增长12.3%。", ["马尾海关"]),
        ("厦门海关统计显示，今年前三季度全市进出口6800亿元。", ["厦门"]),
        # 大陆 and 内地 are China as a whole, as 我国 is (台胞入境大陆 reported 大陆)
        ("今年前三季度，台胞入境大陆人数达到320万人次，同比增长22%。", ["全国"]),
        # zones and sites by their type word (闽东北协同发展区 was 全国, 台湾农民创业园 台湾)
        ("今年前三季度，闽东北协同发展区进出口300亿元。", ["闽东北协同发展区"]),
        ("今年以来，漳浦台湾农民创业园进出口30亿元。", ["漳浦台湾农民创业园"]),
        ("今年以来，三坊七巷历史文化街区接待游客300万人次。", ["三坊七巷历史文化街区"]),
        ("今年前三季度，平潭两岸快件中心监管进出口快件1200万件。", ["平潭两岸快件中心"]),
        # a coordinated list sharing one type word is one subject, whatever its first item
        (
            "今年上半年，新疆铁路阿拉山口、霍尔果斯口岸通行中欧班列7746列。",
            ["阿拉山口、霍尔果斯口岸"],
        ),
        ("今年上半年，满洲里、二连浩特口岸通行中欧班列3000列。", ["满洲里、二连浩特口岸"]),
        # 两岸企业家 are the people at the summit, not the pair reporting; 年会 ends its name
        (
            "第二十一届两岸企业家峰会年会今天在厦门开幕，两岸企业家共签约项目68个。",
            ["第二十一届两岸企业家峰会年会"],
        ),
        # pointing words of a kind point back to the name of that kind (该码头, 这家工厂, 该工厂)
        (
            "在印尼雅加达港，中远海运雅加达集装箱码头的岸桥正在作业。"
            "记者了解到，去年该码头完成集装箱吞吐量96.2万标箱，同比增长11%。",
            ["中远海运雅加达集装箱码头"],
        ),
        (
            "玲珑轮胎工厂的生产线正在满负荷运转。这家工厂今年前9个月生产轮胎约1050万条。",
            ["玲珑轮胎工厂"],
        ),
        (
            "记者从比亚迪塞格德工厂获悉，截至8月底，该工厂今年已累计下线乘用车4.2万辆。",
            ["比亚迪塞格德工厂"],
        ),
        # 东疆 (Tianjin's bonded leasing hub) is a place; a bare 先行区 is the zone named before
        (
            "记者从天津海关获悉，今年前8个月，东疆以保税租赁方式进出口飞机59架，同比增长21.4%。",
            ["东疆"],
        ),
        (
            "记者从博鳌乐城国际医疗旅游先行区获悉，2024年，先行区全年接待医疗旅游人员41.2万人次。",
            ["博鳌乐城国际医疗旅游先行区"],
        ),
        # a marathon is an event, named with its year; 全马、半马、迷你马拉松 are kinds of it
        (
            "昨天，2025杭州马拉松鸣枪开跑，3.6万名跑者沿西湖奔跑，省外跑者占参赛选手的比重为52%。",
            ["2025杭州马拉松", "2025杭州马拉松"],
        ),
        (
            "2025兰州马拉松在黄河之滨举行，全马、半马、迷你马拉松共有4万名选手参赛。",
            ["2025兰州马拉松"],
        ),
        # a name starts after the words before it: 期间, a district, 港作 and a measure word are
        # no part of it (假期期间芒街市, 南海区叠滘村, 天津港港作机械, 该条航线)
        ("国庆假期期间芒街市接待中国游客约12万人次。", ["芒街市"]),
        ("在广东佛山南海区叠滘村，龙舟赛3天吸引观众18.6万人次。", ["叠滘村"]),
        ("数据显示，天津港港作机械一季度用电量完成620万千瓦时，同比增长56.3%。", ["天津港"]),
        ("今年以来，该条东南亚航线运送货物1200吨。", ["东南亚航线"]),
        # more events (动漫节, 交流会, 推介会), markets as named sites, a bare 铁路港 pointing back
        (
            "2026渝台经贸合作交流会在重庆开幕。交流会现场签约项目31个，协议金额达到186亿元。",
            ["2026渝台经贸合作交流会", "2026渝台经贸合作交流会"],
        ),
        (
            "第二十二届中国国际动漫节昨天在杭州落下帷幕。本届动漫节吸引参展企业2600多家。",
            ["第二十二届中国国际动漫节"],
        ),
        ("今年1—7月，中国轻纺城市场群实现成交额1863.5亿元。", ["中国轻纺城市场群"]),
        (
            "记者从成都国际铁路港获悉，今年铁路港累计开行国际班列2316列，同比增长9.5%。",
            ["成都国际铁路港"],
        ),
        # a port's or airport's routes to a region are the port's; a route between two places stays
        ("一季度，厦门港东盟航线完成集装箱吞吐量82万标箱。", ["厦门港"]),
        ("今年以来，钦州港—关丹港集装箱航线完成运量5.2万标箱。", ["钦州港—关丹港集装箱航线"]),
        # 中国 opening a name (中国—东盟自贸区, 中国船舶集团) is no national mention
        (
            "今年前三季度，福建省签发RCEP原产地证书7.9万份；签发中国—东盟自贸区原产地证书6.2万份。",
            ["福建省", "福建省"],
        ),
        # a kind of port or zone the nation counts is written with 全国; bare 全国港口 is the nation
        ("今年1至10月，全国邮轮口岸入境外国旅客达到28.7万人次。", ["全国邮轮口岸"]),
        ("一季度，全国综合保税区保税维修进出口1286.7亿元。", ["全国综合保税区"]),
        ("前三季度，全国港口完成集装箱吞吐量2.5亿标箱。", ["全国"]),
        # 参与 is no counterpart word; a bare 景区 whose head speaks points back to the site named;
        # 月 inside a name (月牙泉) is no month
        (
            "由中国企业承建并参与运营的蒙内铁路今年前8个月累计发送旅客183.6万人次。",
            ["蒙内铁路"],
        ),
        (
            "在湖南张家界天门山景区，索道站前已排起长队。景区负责人介绍，这两天日均接待游客4.2万人次。",
            ["张家界天门山景区"],
        ),
        ("今年7月以来，敦煌鸣沙山月牙泉景区累计接待游客186.5万人次。", ["敦煌鸣沙山月牙泉景区"]),
        # 该港 points back past a port area (宁波舟山港梅山港区 → 宁波舟山港) and past itself; a
        # place right after it qualifies the port's lines
        (
            "一艘集装箱船从宁波舟山港梅山港区起航，这是挂靠该港的第三十艘大船。"
            "据宁波舟山港集团统计，前5个月，该港完成货物吞吐量5.86亿吨。",
            ["宁波舟山港"],
        ),
        (
            "一艘货轮从连云港港旗台作业区起航。今年1—11月，该港欧洲航线完成集装箱吞吐量48万标箱。",
            ["连云港港"],
        ),
        # a place's ports as written (香港港口, 长江干线港口); ports of a country met are no subject
        ("香港特区海事处数据显示，9月香港港口集装箱吞吐量约116.5万标箱。", ["香港港口"]),
        ("前三季度，长江干线港口完成货物吞吐量30.2亿吨。", ["长江干线港口"]),
        ("济州港今年接待邮轮214艘次，其中与中国港口之间的航次占六成。", ["济州港", "济州港"]),
        # a power grid reports its own figures like a business group (南方电网, 云南电网)
        ("前三季度，南方电网与越南跨境电力交易电量54.1亿千瓦时，同比增长14.6%。", ["南方电网"]),
        # a bare 关区 opening a clause is the customs office named before it
        ("记者从青岛海关了解到，今年前三季度，关区共签发RCEP原产地证书4.7万份。", ["青岛海关"]),
        # 山东港口集团 is a business group's name; 山东港口日照港 is the port
        ("上半年，山东港口集团完成货物吞吐量9.9亿吨。", ["山东港口集团"]),
        ("上半年，山东港口日照港完成货物吞吐量2.9亿吨。", ["日照港"]),
        # a foreign customs office is the source of its country's figures; visitors from a
        # country (越南公民, 来华人员) are counted where they arrive
        ("俄罗斯海关部门数据显示，今年一季度，俄中贸易额为498亿美元。", ["俄罗斯"]),
        ("据国家移民管理局统计，今年1至4月经各口岸入境的越南公民共计108.3万人次。", ["全国"]),
        # 这家企业 stands for the firm written before it
        (
            "厦门一家航空维修企业的机库里灯火通明。公司负责人说，假期有人坚守岗位。"
            "今年一季度，这家企业维修订单金额同比增长36%。",
            ["厦门一家航空维修企业"],
        ),
        # a scenic area named in full (风景名胜区); a verb or a time word before a site is no part
        # of its name
        ("今年暑期，武夷山风景名胜区累计接待游客312.6万人次。", ["武夷山风景名胜区"]),
        (
            "福鼎市签约文旅项目27个，涵盖太姥山景区提升等领域。今年以来，太姥山景区接待游客213.7万人次。",
            ["福鼎市", "太姥山景区"],
        ),
        # nationals of listed countries arriving are counted where they arrive
        (
            "国家移民管理局数据显示，今年上半年，韩国、日本来华人员分别达到241.6万人次和152.3万人次。",
            ["全国", "全国"],
        ),
        # 服务 as a noun (服务外包, 服务贸易) belongs to the name; only the verb bounds one
        ("在同期举行的服务外包专场对接会上，85家企业达成合作意向。", ["服务外包专场对接会"]),
        # 进行 and 首场 before a match word name nothing: the place in force
        (
            "湖南省城市足球联赛昨天开幕，首场比赛吸引观众4.2万人。去年联赛共进行比赛94场。",
            ["湖南省", "湖南省"],
        ),
    ],
)
def test_reporters_generalise(text: str, reporters: list[str]) -> None:
    assert [f["reporter"] for f in extract_facts(text, "2025-10-20")] == reporters


@pytest.mark.parametrize(
    "text,expected",
    [
        # pairs are a unit (鞋靴10亿双 was no figure); the next product of a trade list is traded
        (
            "今年前三季度，福建出口鞋靴10亿双，服装25亿件，分别增长3%和5%。",
            [("export", 1_000_000_000, "双", 3.0), ("export", 2_500_000_000, "件", 5.0)],
        ),
        # the goods' value after a traded quantity is that trade (was other money)
        (
            "今年以来，厦门港出口电动汽车10万辆，货值达到200亿元。",
            [("export", 100_000, "辆", None), ("export", 20_000_000_000, "CNY", None)],
        ),
        # the same money in another currency is no second figure; the rate stays with the first
        (
            "今年前三季度，福建对东盟出口300亿美元（约合2100亿元人民币），同比增长10%。",
            [("export", 30_000_000_000, "USD", 10.0)],
        ),
        (
            "前三季度，福州实际使用外资8.2亿美元，折合人民币58亿元，增长6%。",
            [("tax_refund_or_other_money", 820_000_000, "USD", 6.0)],
        ),
        # a milestone followed by a part (其中) is the figure itself (突破30万人次 was dropped)
        (
            "今年以来，福州马尾口岸出入境人员突破30万人次，其中台胞20万人次。",
            [
                ("visitors", 300_000, "person_trips", None),
                ("visitors", 200_000, "person_trips", None),
            ],
        ),
        # 新增500家 counts new enterprises; it is no change (was other)
        ("前三季度，在闽台企新增500家。", [("enterprise_count", 500, "enterprises", None)]),
        # 实现翻番 doubles (+100 %; was no rate)
        (
            "今年以来，平潭对台小额贸易额实现翻番，达到10亿元。",
            [("trade_total", 1_000_000_000, "CNY", 100.0)],
        ),
        # a part's rate after the total (其中对俄罗斯…) is the part's fact, not the total's
        (
            "前三季度，福建对金砖国家进出口1200亿元，其中对俄罗斯进出口增长21%。",
            [("trade_total", 120_000_000_000, "CNY", None), ("trade_total", None, None, 21.0)],
        ),
    ],
)
def test_trade_lists_and_the_goods_value(text: str, expected: list) -> None:
    assert _facts(text, "2025-11-07", "indicator", "value", "unit", "yoy_pct") == expected


def test_the_partner_named_inside_a_fairs_name_is_no_partner() -> None:
    """中国—东盟博览会 names the fair, not trade with ASEAN (partner 东盟 before)."""
    facts = extract_facts("第二十一届中国—东盟博览会闭幕，意向成交额达到56.8亿元。", "2024-09-28")
    assert [(f["reporter"], f["partner"]) for f in facts] == [("第二十一届中国—东盟博览会", None)]
    trade = extract_facts("今年前三季度，中国—东盟贸易额达到5.37万亿元。", "2025-10-20")
    assert [(f["reporter"], f["partner"]) for f in trade] == [("全国", "东盟")]


def test_ships_counted_are_no_commodity() -> None:
    """国际航行船舶1200艘次 counts ships calling (was commodity 船舶); exported ships keep it."""
    calls = extract_facts(
        "假期期间，福州海关监管进出境国际航行船舶1200艘次，同比增长8%。", "2025-10-09"
    )
    assert [(f["indicator"], f["commodity"]) for f in calls] == [("vessel_or_trip_count", None)]
    exports = extract_facts("今年前三季度，我国出口船舶300亿美元，增长20%。", "2025-10-20")
    assert [(f["indicator"], f["commodity"]) for f in exports] == [("export", "船舶")]


def test_a_class_count_closes_a_list_of_products() -> None:
    """农产品三类商品: the count of the class is no part of the last product's name."""
    text = "今年前三季度，机电产品、劳动密集型产品和农产品三类商品出口均增长一成以上。"
    assert _facts(text, "2025-10-20", "indicator", "commodity", "yoy_pct") == [
        ("export", "机电产品", 10.0),
        ("export", "劳动密集型产品", 10.0),
        ("export", "农产品", 10.0),
    ]


def test_the_country_china_is_a_leading_partner_of_is_the_partner() -> None:
    """中国已成为哈萨克斯坦第一大贸易伙伴，双边贸易额…: China's trade with Kazakhstan."""
    text = "今年以来，中国已成为哈萨克斯坦第一大贸易伙伴，双边贸易额达到350亿美元，增长15%。"
    assert _facts(text, "2025-10-20", "reporter", "partner") == [("全国", "哈萨克斯坦")]


def test_a_bare_event_word_opening_a_sentence_is_the_event_named_in_full() -> None:
    """电影节以…为主题，… after 第九届丝绸之路国际电影节…开幕 is that festival (全国 before)."""
    text = (
        "第九届丝绸之路国际电影节昨晚在西安开幕。电影节以“丝路通世界”为主题，"
        "来自90个国家和地区的近1600部影片报名参与角逐。"
    )
    assert _facts(text, "2023-01-02", "reporter", "value") == [("第九届丝绸之路国际电影节", 1600)]


def test_a_ranked_list_and_its_values_report_per_item() -> None:
    """…排名前三的分别是上海港、宁波舟山港和深圳港，分别完成4000万、3000万和2600万标箱."""
    text = (
        "今年前三季度，全国港口集装箱吞吐量排名前三的分别是上海港、宁波舟山港和深圳港，"
        "分别完成4000万、3000万和2600万标箱。"
    )
    assert _facts(text, "2025-10-20", "reporter", "value") == [
        ("上海港", 40_000_000),
        ("宁波舟山港", 30_000_000),
        ("深圳港", 26_000_000),
    ]


def test_a_parallel_clause_naming_only_its_place_continues_the_indicator() -> None:
    """其中，福州进出口2900亿元，增长8%；厦门6800亿元，增长3.2%: 厦门's is trade too."""
    text = (
        "今年前三季度，福建省外贸进出口1.46万亿元。"
        "其中，福州进出口2900亿元，增长8%；厦门6800亿元，增长3.2%。"
    )
    assert _facts(text, "2025-10-20", "indicator", "reporter") == [
        ("trade_total", "福建省"),
        ("trade_total", "福州"),
        ("trade_total", "厦门"),
    ]


def test_duties_saved_are_no_trade() -> None:
    """进口国关税减让 and 享受关税优惠 are duties saved (they were imports: 进口 of 进口国)."""
    text = "今年前三季度，福州海关签发RCEP原产地证书1.2万份，企业可享受进口国关税减让1.3亿元。"
    assert _facts(text, "2025-10-20", "indicator", "value")[-1] == (
        "tax_refund_or_other_money",
        130_000_000,
    )
    text = "今年以来，福建企业享受RCEP协定税率进口货值达到80亿元，享受关税优惠1.6亿元。"
    assert _facts(text, "2025-10-20", "indicator") == [
        ("import",),
        ("tax_refund_or_other_money",),
    ]


def test_all_the_sites_of_a_place_are_the_place() -> None:
    """厦门各景区: 各 names every one of the place's sites; 福建各口岸 is written as it stands (as
    three of the made-up paragraphs' writers did)."""
    assert _facts("国庆假期，福建各口岸共验放出入境人员18万人次。", "2025-10-08", "reporter") == [
        ("福建各口岸",)
    ]
    assert _facts("国庆假期，厦门各景区共接待游客560万人次。", "2025-10-08", "reporter") == [
        ("厦门",)
    ]


def test_a_line_after_a_verb_is_what_the_port_did() -> None:
    """厦门港加密“丝路海运”航线，新增航线12条: the port added them (the verb ran into the name)."""
    text = "今年以来，厦门港加密“丝路海运”航线，新增航线12条。"
    assert _facts(text, "2025-10-15", "reporter", "value") == [("厦门港", 12)]


def test_spoken_percentages_are_rates() -> None:
    """同比增长百分之三点五，达到2300亿美元: one trade fact with its rate (was a 3 % share and
    other money)."""
    text = "1至10月，两岸贸易额同比增长百分之三点五，达到2300亿美元。"
    assert _facts(text, "2025-11-20", "indicator", "value", "unit", "yoy_pct") == [
        ("trade_total", 230_000_000_000, "USD", 3.5)
    ]


def test_containers_counted_as_boxes_are_container_throughput() -> None:
    text = "今年前10个月，福州港集装箱吞吐量达300万自然箱，同比增长6.2%。"
    assert _facts(text, "2025-11-20", "indicator", "value", "unit") == [
        ("container_throughput", 3_000_000, "自然箱")
    ]


@pytest.mark.parametrize(
    "text,reporter",
    [
        # a province before a city's port stays, as written (it was cut before)
        ("前三季度，广西钦州港完成集装箱吞吐量680万标箱。", "广西钦州港"),
        ("前三季度，山东青岛港完成集装箱吞吐量2400万标箱。", "山东青岛港"),
        # temples, streets and former residences are sites (were 全国, 泉州, 山路步行街)
        ("今年以来，湄洲妈祖祖庙接待台胞香客超过5万人次。", "湄洲妈祖祖庙"),
        ("国庆假期，泉州开元寺接待游客30万人次。", "泉州开元寺"),
        ("春节期间，厦门中山路步行街接待游客200万人次。", "厦门中山路步行街"),
        # named ships (were 全国)
        ("今年以来，“爱达·魔都”号邮轮共运送旅客20万人次。", "“爱达·魔都”号邮轮"),
        # villages as written, with the city before them (were 当地 / 宁德)
        ("今年以来，宁德下党村接待游客超过30万人次。", "宁德下党村"),
        ("国庆假期，福州市闽侯县竹岐乡榕西村接待游客5万人次。", "榕西村"),
        # a kind of village counted is no village (亿元强村305个)
        ("2024年，福建培育形成乡村特色产业亿元强村305个。", "福建"),
        ("今年以来，福建乡村旅游接待游客2.1亿人次。", "福建"),
        # 该口岸 / 该班列 point to the last sentence's port or train (were 东盟 and 全国)
        (
            "在广西凭祥友谊关口岸，满载水果的货车排起长队。今年以来，经该口岸进口的东盟水果超过"
            "120万吨，同比增长8%。",
            "广西凭祥友谊关口岸",
        ),
        (
            "在浙江义乌，“义新欧”中欧班列一列接一列开出。今年以来，该班列已开行2600列，同比增长10%。",
            "“义新欧”中欧班列",
        ),
        # …to the one of that kind, not the last name (钦州港是西部陆海新通道的…)
        (
            "钦州港是西部陆海新通道的重要枢纽。今年前三季度，该港完成集装箱吞吐量600万标箱。",
            "钦州港",
        ),
        # 走进 is no part of the zone's name
        (
            "走进厦门自贸片区，企业正忙着备货。前三季度，片区跨境电商进出口额达到180亿元。",
            "厦门自贸片区",
        ),
        # what settles in a place after its count reports for it (was 全国)
        (
            "昨天（2月21日），15家人工智能产业重点项目签约入驻上海自贸区临港新片区。",
            "上海自贸区临港新片区",
        ),
        ("截至今年9月，已有超过1.2万家台资企业落户福建。", "福建"),
    ],
)
def test_ports_and_sites_as_written(text: str, reporter: str) -> None:
    assert _facts(text, "2025-10-20", "reporter") == [(reporter,)]


def test_a_temple_fair_is_no_site() -> None:
    """庙会 is an event, not a temple: the city reports its visitors."""
    assert _facts("春节期间，福州庙会接待游客50万人次。", "2025-02-10", "reporter") == [("福州",)]


@pytest.mark.parametrize(
    "text,partner",
    [
        ("前8个月，我国向东盟出口机电产品1.9万亿元，增长10%。", "东盟"),
        ("1至8月，经厦门口岸进口台湾水果1.2万吨。", "台湾"),
        ("今年以来，我国面向东盟的出口1.9万亿元。", None),  # 面向 faces, names no counterpart
    ],
)
def test_a_counterpart_after_xiang_or_after_the_trade_verb(text: str, partner: str) -> None:
    """向东盟出口 and 进口台湾水果 name the partner (it was None)."""
    assert _facts(text, "2025-09-15", "partner")[0] == (partner,)


def test_a_list_of_rates_whose_sign_turns_keeps_its_partners() -> None:
    text = "前三季度，福建省对东盟、欧盟、美国进出口分别增长9.1%、3.4%和下降6.2%。"
    assert _facts(text, "2025-10-20", "partner", "yoy_pct") == [
        ("东盟", 9.1),
        ("欧盟", 3.4),
        ("美国", -6.2),
    ]


def test_a_ranking_in_the_province_is_no_subject() -> None:
    """厦门市…稳居全省首位，达到6800多亿元: 厦门市's figure (全省 reported it)."""
    text = "今年以来，厦门市外贸进出口规模稳居全省首位，达到6800多亿元。"
    assert _facts(text, "2025-10-20", "reporter") == [("厦门市",)]


def test_a_quality_ratio_is_no_fact_but_occupancy_is() -> None:
    """航班正常率达92% rates the service (it was an `other` fact); 入住率达到九成 stays, as
    labelled."""
    text = "8天假期，全国民航共运送旅客1900万人次，航班正常率达92%。"
    assert _facts(text, "2025-10-09", "indicator", "value") == [("visitors", 19_000_000)]
    text = "假期期间，澳门入境旅客107万人次，酒店平均入住率达到九成。"
    assert _facts(text, "2025-10-09", "indicator", "value")[-1] == ("other", 90)


def test_chinese_visitors_abroad_are_counted_by_the_place_visited() -> None:
    """中国游客赴泰人数 after 泰国旅游部门数据显示: Thailand's arrivals (中国 made it 全国)."""
    text = "泰国旅游部门数据显示，今年前10个月，中国游客赴泰人数达到380万人次。"
    assert _facts(text, "2025-10-30", "reporter") == [("泰国",)]


def test_consumers_are_no_consumption() -> None:
    """消费者2.7亿人次，人均…消费同比增长23.9%: 消费者 counts people, so the spending's rate is a
    fact of its own (it was the visitors' rate)."""
    text = "前三季度，四川累计吸引消费者2.7亿人次，人均文化娱乐类消费同比增长23.9%。"
    assert _facts(text, "2025-10-20", "indicator", "value", "yoy_pct") == [
        ("visitors", 270_000_000, None),
        ("tax_refund_or_other_money", None, 23.9),
    ]


def test_by_then_is_no_part_of_a_name() -> None:
    """届时航线总数将达到36条: 届时 (by then) is a time word (it was the line's name)."""
    text = (
        "目前，福州机场口岸已开通国际及地区航线35条，计划于12月再开通至迪拜的航线，"
        "届时航线总数将达到36条。"
    )
    assert [r for (r,) in _facts(text, "2025-10-25", "reporter")] == ["福州机场口岸"] * 2


def test_a_site_named_short_after_its_full_name_is_the_full_name() -> None:
    """遗址公园 after 国家考古遗址公园 (and a national figure between): the site in full."""
    text = (
        "国家考古遗址公园评定工作自2010年启动。截至目前，全国55处公园规划总面积6.7万公顷。"
        "近五年来，遗址公园累计游客接待量达1.46亿人次。"
    )
    assert _facts(text, "2025-10-20", "reporter")[-1] == ("国家考古遗址公园",)


def test_a_count_of_lines_named_after_it_reports_for_them() -> None:
    """厦门至金门、…这4条“小三通”客运航线: the lines counted (the count was 马尾's)."""
    text = (
        "目前，厦门至金门、泉州至金门、福州马尾至马祖、连江黄岐至马祖"
        "这4条“小三通”客运航线已全部复航。"
    )
    assert _facts(text, "2023-02-10", "reporter", "value") == [("“小三通”客运航线", 4)]


def test_a_places_china_europe_trains_are_the_places() -> None:
    """西安的中欧班列常态化开行18条国际运输干线: 西安's (it was 中欧班列 as a whole)."""
    text = "目前，西安的中欧班列常态化开行18条国际运输干线，实现亚欧主要货源地全覆盖。"
    assert _facts(text, "2024-02-10", "reporter", "value") == [("西安", 18)]


@pytest.mark.parametrize(
    "text,value",
    [
        ("保定市共建设52个安置区，配套规划建设了20所学校。", 20),  # built: a stock
        ("我国已与41个国家和地区的46家医院建立对口合作。", 46),  # partners: a stock
    ],
)
def test_institutions_built_or_partnered_are_counted(text: str, value: int) -> None:
    assert (value,) in _facts(text, "2024-06-06", "value")


def test_a_shares_change_in_points_keeps_the_shares_reporter() -> None:
    """占福建外贸比重达到65.3%，提升2.1个百分点: both are the group's own share (the change was
    全国's; the share was 福建's before the independent readings)."""
    text = "前三季度，民营企业进出口占福建外贸比重达到65.3%，提升2.1个百分点。"
    assert _facts(text, "2025-10-20", "reporter", "unit") == [
        ("民营企业", "percent"),
        ("民营企业", "百分点"),
    ]


# --- Eleventh pass: made-up paragraphs labelled by hand with the guide (not by the extractor) ---


def test_a_milestone_said_of_the_figure_just_given_is_no_second_fact() -> None:
    """…45.47万亿元，同比增长3.8%，规模首次突破45万亿元: the guide keeps only the exact figure;
    another subject's milestone after it stays (福州港首次突破400万标箱)."""
    text = "2025年，我国货物贸易进出口总值45.47万亿元，同比增长3.8%，规模首次突破45万亿元。"
    assert _facts(text, "2026-01-14", "value") == [(45.47e12,)]
    # …and a rate after the milestone is the exact figure's
    text = "去年全年，海南接待国内外游客1.05亿人次，首次突破1亿人次，同比增长8.3%。"
    assert _facts(text, "2026-01-14", "value", "yoy_pct") == [(1.05e8, 8.3)]
    text = "2025年，厦门港集装箱吞吐量1300万标箱，福州港首次突破400万标箱。"
    assert _facts(text, "2026-01-14", "reporter", "value") == [
        ("厦门港", 1.3e7),
        ("福州港", 4e6),
    ]


@pytest.mark.parametrize(
    "text,date,reporters",
    [
        # one item of a list named before reports for itself, not for the list
        (
            "霍尔果斯口岸、阿拉山口口岸进出境班列分别达到7826列和6543列。"
            "预计全年霍尔果斯口岸进出境班列将突破8500列。",
            "2025-12-20",
            ["霍尔果斯口岸", "阿拉山口口岸", "霍尔果斯口岸"],
        ),
        # 日均 between the last item and the quantity word is no part of the item
        (
            "罗湖口岸、拱北口岸、上海浦东国际机场口岸日均出入境人员分别为13.2万、11.8万和10.5万人次。",
            "2026-02-25",
            ["罗湖口岸", "拱北口岸", "上海浦东国际机场口岸"],
        ),
        # 两岸航班 is a kind of flight, 往来两岸的旅客 where they travel: neither is a subject
        (
            "暑运期间，厦门高崎国际机场两岸航线客流持续攀升。"
            "7月1日至8月31日，厦门机场共保障两岸航班1862架次。",
            "2026-09-08",
            ["厦门机场"],
        ),
        # a route between places before 的 is part of the line's name
        (
            "今年以来，平潭至台中、台北的海上客滚航线共运送旅客6.8万人次。",
            "2025-11-20",
            ["平潭至台中、台北的海上客滚航线"],
        ),
        (
            "今年以来，福州港江阴港区至台北港的海上快件航线累计运送跨境电商包裹860万件。",
            "2026-11-05",
            ["福州港江阴港区至台北港的海上快件航线"],
        ),
        # a kind of site under 全省 is the province's; 已建成滑雪场 is counted; 全国首创 is a rank
        (
            "国庆假期，全国入境游订单量同比增长46.2%。"
            "在江苏，全省重点监测景区累计接待游客3862.5万人次，同比增长6.5%。",
            "2026-10-08",
            ["全国", "江苏"],
        ),
        (
            "截至目前，全国已建成滑雪场超过800个，其中室内滑雪场60余个。",
            "2026-03-05",
            ["全国", "全国"],
        ),
        (
            "自2015年4月挂牌以来，福建自贸试验区累计推出创新举措652项，其中全国首创264项。",
            "2026-04-14",
            ["福建自贸试验区", "福建自贸试验区"],
        ),
    ],
)
def test_reporters_of_hand_labelled_paragraphs(text: str, date: str, reporters: list) -> None:
    assert [f["reporter"] for f in extract_facts(text, date)] == reporters


@pytest.mark.parametrize(
    "text,date,expected",
    [
        # 进口 in 进口博览会 is the fair's name; 意向成交 is a deal amount, not an export
        (
            "第八届中国国际进口博览会按一年计的意向成交总额达834.9亿美元，较上届增长4.4%。",
            "2025-11-10",
            [("tax_refund_or_other_money", 83.49e9)],
        ),
        (
            "第138届广交会今天闭幕，现场出口意向成交256亿美元。",
            "2025-11-04",
            [("tax_refund_or_other_money", 25.6e9)],
        ),
        # 文旅消费 is tourism spending; a cinema audience is no visitor; 航班…个 are flights
        (
            "国庆假期，全省文旅消费总额428.6亿元，同比增长7.9%。",
            "2026-10-08",
            [("tourism_revenue", 42.86e9)],
        ),
        (
            "2025年国庆档全国电影票房为18.35亿元，观影人次为4587万。",
            "2025-10-10",
            [("tax_refund_or_other_money", 18.35e8), ("other", 45.87e6)],
        ),
        (
            "今年1至11月，“两马”航线开行往返航班2140个。",
            "2025-12-05",
            [("vessel_or_trip_count", 2140)],
        ),
    ],
)
def test_indicators_of_hand_labelled_paragraphs(text: str, date: str, expected: list) -> None:
    assert _facts(text, date, "indicator", "value") == expected


def test_a_start_date_with_an_opening_runs_to_the_broadcast() -> None:
    """本届广交会自10月15日开幕，…到会31.1万名: October to the broadcast month, as 自…以来."""
    text = "本届广交会自10月15日开幕，分三期举办，31.1万名境外采购商到会，比上届增长8.6%。"
    assert _facts(text, "2025-11-04", "period_start", "period_end") == [("2025-10", "2025-11")]


@pytest.mark.parametrize(
    "text,date,expected",
    [
        # 其中国际地区 is no 中国; the share is the airport's
        (
            "2025年，郑州机场完成货邮吞吐量92.6万吨，其中国际地区货邮吞吐量占比超过六成。",
            "2026-01-08",
            [("cargo_throughput", "郑州机场"), ("share", "郑州机场")],
        ),
        # a kind of train (回程班列) is part of the line's total, not a subject
        (
            "1—11月，中欧班列（渝新欧）开行2460列。其中，回程班列占比达到45%。",
            "2025-12-09",
            [("vessel_or_trip_count", "中欧班列（渝新欧）"), ("share", "中欧班列（渝新欧）")],
        ),
        # destinations closed by 等地 are where the lines go
        (
            "目前，中欧班列（厦门）已开通至波兰罗兹、德国杜伊斯堡、俄罗斯莫斯科等地的国际线路8条。",
            "2025-12-18",
            [("other", "中欧班列（厦门）")],
        ),
        # market shares in a 分别 list and a part's 比例 after 其中 are shares
        (
            "造船完工量、新接订单量和手持订单量国际市场份额分别为54.6%、68.9%和65.4%。",
            "2026-01-15",
            [("share", "全国")] * 3,
        ),
        (
            "今年以来，洋山深水港区完成集装箱吞吐量2560万标箱，其中水水中转比例达到55.3%。",
            "2025-12-26",
            [("container_throughput", "洋山深水港区"), ("share", "洋山深水港区")],
        ),
        # ore unloaded is cargo; the port of a 港区 named before reports for itself
        (
            "今天，一艘40万吨级矿石船靠泊山东港口青岛港董家口港区。"
            "前三季度，青岛港铁矿石接卸量同比增长5.7%。",
            "2025-10-28",
            [("cargo_throughput", "青岛港")],
        ),
        # the size of each ship delivered is no figure
        (
            "5月份，江南造船交付2艘17.5万立方米大型液化天然气运输船。",
            "2026-06-12",
            [("other", "全国")],
        ),
        # a clause with a count of its own keeps its rate; 经“小三通” names the route; a list
        # closed by what its members are is one joint subject
        (
            "假期期间，经“小三通”往来两岸的旅客达9.8万人次，"
            "厦门鼓浪屿、福州三坊七巷等景区接待台胞数量同比增长超过两成。",
            "2026-10-09",
            [("visitors", "“小三通”"), ("visitors", "厦门鼓浪屿、福州三坊七巷等景区")],
        ),
    ],
)
def test_more_hand_labelled_paragraphs(text: str, date: str, expected: list) -> None:
    assert _facts(text, date, "indicator", "reporter") == expected


def test_a_holiday_named_ahead_is_the_one_its_days_refer_to() -> None:
    """国庆假期即将到来，…预计，假期期间…将达到28万人次: October, not the 中秋 just passed."""
    text = "国庆假期即将到来，厦门边检部门预计，假期期间经厦门口岸出入境旅客将达到28万人次。"
    assert _facts(text, "2026-09-29", "period_start", "period_end") == [("2026-10", "2026-10")]


@pytest.mark.parametrize(
    "text,date,expected",
    [
        # 边民互市 is trade, no city; 同期 is no counterpart (同期我国与中亚五国 is the nation's)
        ("前三季度，广西边民互市贸易进出口312.5亿元。", "2025-10-20", [("trade_total", "广西")]),
        (
            "霍尔果斯口岸进出口货运量达4120万吨。据海关统计，同期我国与中亚五国进出口3216.8亿元。",
            "2025-11-12",
            [("cargo_throughput", "霍尔果斯口岸"), ("trade_total", "全国")],
        ),
        # a site of a kind (古城) named with its city stays whole; a 经 before list items is no name
        ("其中，喀什古城景区接待游客426万人次。", "2025-09-25", [("visitors", "喀什古城景区")]),
        (
            "同期，经满洲里口岸、二连浩特口岸进出境的中欧班列分别达5280列和3620列。",
            "2026-01-15",
            [("vessel_or_trip_count", "满洲里口岸"), ("vessel_or_trip_count", "二连浩特口岸")],
        ),
        # a part's rate after 其中 is its own (flights); counts of tariff lines are kinds
        (
            "春节假期，三亚凤凰国际机场保障航班5230架次，其中国际及地区航班同比增长46%。",
            "2026-02-24",
            [("vessel_or_trip_count", "三亚凤凰国际机场")] * 2,
        ),
        ("封关后，零关税商品税目由1900个左右增加至6600个左右。", "2025-12-18", []),
        # a city's Taiwan-funded firms report as written, like its private firms
        (
            "今年前11个月，泉州台资企业进出口214.5亿元。",
            "2025-12-09",
            [("trade_total", "泉州台资企业")],
        ),
        # young people from Taiwan coming to Fujian: where they come from is no reporter
        (
            "截至6月底，福建已建成青年就业创业基地89个。今年上半年，台湾青年来闽实习就业6800余人。",
            "2026-07-08",
            [("other", "福建"), ("other", "福建")],
        ),
        # cross-strait trade is the nation's trade with Taiwan
        (
            "据海关统计，2025年两岸贸易额为3016.4亿美元，同比增长3.0%。",
            "2026-01-21",
            [("trade_total", "全国")],
        ),
        # 本届农博会: the fair named in full before
        (
            "2026海峡两岸农业合作博览会今天在福州闭幕。本届农博会现场交易额达16.8亿元。",
            "2026-11-16",
            [("tax_refund_or_other_money", "2026海峡两岸农业合作博览会")],
        ),
        # supply and link projects are subjects, as written
        (
            "厦金大桥（厦门段）工程总投资约98亿元。",
            "2026-09-20",
            [("tax_refund_or_other_money", "厦金大桥（厦门段）工程")],
        ),
        (
            "截至8月底，晋江向金门供水工程累计向金门供水超过3200万吨。",
            "2025-09-03",
            [("other", "晋江向金门供水工程")],
        ),
    ],
)
def test_hand_labelled_province_and_cross_strait_paragraphs(
    text: str, date: str, expected: list
) -> None:
    assert _facts(text, date, "indicator", "reporter") == expected


def test_a_yearly_amount_once_built_has_no_period() -> None:
    """建成后预计每年可向金门供电约4亿千瓦时: an undated capacity (the guide: both null)."""
    text = "福建至金门联网工程今天开工建设，建成后预计每年可向金门供电约4亿千瓦时。"
    assert _facts(text, "2026-08-10", "reporter", "value", "unit", "period_end") == [
        ("福建至金门联网工程", 4e8, "千瓦时", None)
    ]


def test_a_year_before_a_name_and_a_flow_rate() -> None:
    """2025年上海关区: the year is no part of the name (上海海关 is the source); 客流量比去年同期
    增长25% is a visitor flow's rate (was tourism revenue from the sentence before)."""
    text = "上海海关今天发布，2025年上海关区进出口总值11.35万亿元，增长3.4%。"
    assert _facts(text, "2026-01-22", "reporter") == [("上海关区",)]
    text = "国庆假期，平潭实现旅游收入7.9亿元。平潭对台小额商品交易市场客流量比去年同期增长25%。"
    assert _facts(text, "2026-10-09", "indicator", "yoy_pct") == [
        ("tourism_revenue", None),
        ("visitors", 25.0),
    ]


@pytest.mark.parametrize(
    "text,date,expected",
    [
        # 去年全年的 / 去年同期的 before a figure: that earlier period
        (
            "今年以来，外国人出入境7461.5万人次，已超过去年全年的6488.2万人次。",
            "2025-12-15",
            [("2025-01", "2025-12"), ("2024-01", "2024-12")],
        ),
        (
            "今年前8个月，广西对东盟进出口2916.5亿元，高于去年同期的2683亿元。",
            "2026-09-21",
            [("2026-01", "2026-08"), ("2025-01", "2025-08")],
        ),
        # 于10月15日开幕，… at the close: since the opening
        (
            "第138届广交会今天在广州闭幕。本届广交会于10月15日开幕，分三期举办，线下出口成交额达256.8亿美元。",
            "2025-11-04",
            [("2025-10", "2025-11")],
        ),
    ],
)
def test_earlier_periods_of_a_figure_and_an_opening_date(
    text: str, date: str, expected: list
) -> None:
    assert _facts(text, date, "period_start", "period_end") == expected


@pytest.mark.parametrize(
    "text,date,expected",
    [
        # sales, turnover and retail sales are money, their rates too
        (
            "前三季度，海南离岛免税购物金额218.6亿元。其中，9月份离岛免税购物金额同比增长3.9%。",
            "2025-10-25",
            ["tax_refund_or_other_money"] * 2,
        ),
        (
            "5月13日至6月18日，全国网上零售额同比增长9.1%。",
            "2026-06-19",
            ["tax_refund_or_other_money"],
        ),
    ],
)
def test_sales_and_retail_rates_are_money(text: str, date: str, expected: list) -> None:
    assert [f["indicator"] for f in extract_facts(text, date)] == expected


@pytest.mark.parametrize(
    "text,date,reporters",
    [
        # 两岸 is never a subject: both sides, a kind of flight or trade
        ("第十七届海峡论坛期间，两岸共签约项目50个。", "2025-06-20", ["第十七届海峡论坛"]),
        # a city's private firms report their sentence; the next sentence is the city's again
        (
            "2025年福州市外贸进出口3682.4亿元。其中，福州市民营企业进出口2415.7亿元。机电产品出口986.2亿元。",
            "2026-01-20",
            ["福州市", "福州市民营企业", "福州市"],
        ),
        # a route written with a dash before its quoted name; 北京首都国际机场 is one name
        (
            "今年以来，福州—马祖“小三通”客运航线累计运送旅客18.6万人次。",
            "2025-09-25",
            ["福州—马祖“小三通”客运航线"],
        ),
        (
            "今年前三季度，北京首都国际机场完成货物吞吐量1234万吨。",
            "2025-10-20",
            ["北京首都国际机场"],
        ),
    ],
)
def test_reporters_of_fuzhou_and_cross_strait_paragraphs(
    text: str, date: str, reporters: list
) -> None:
    assert [f["reporter"] for f in extract_facts(text, date)] == reporters


@pytest.mark.parametrize(
    "text,date,roles",
    [
        # a country before a port or line with its own name is where it is
        (
            "2025年，希腊比雷埃夫斯港完成集装箱吞吐量520万标箱。",
            "2026-02-06",
            [("比雷埃夫斯港", None)],
        ),
        ("今年以来，香港国际机场客运量达到4000万人次。", "2025-10-20", [("香港国际机场", None)]),
        # destinations after 开往 are counterparts, not reporters
        (
            "2025年，中欧班列长安号全年开行5216列。其中，开往德国杜伊斯堡、波兰华沙的班列分别为820列和1150列。",
            "2026-01-08",
            [
                ("中欧班列长安号", None),
                ("中欧班列长安号", "德国杜伊斯堡"),
                ("中欧班列长安号", "波兰华沙"),
            ],
        ),
        # 位于福清的江阴港区: the zone after 的 is the subject; 往来澳门: where they travel
        (
            "同期，位于福清的江阴港区进口大宗商品1126万吨。",
            "2026-01-08",
            [("江阴港区", None)],
        ),
        ("春节假期，经拱北口岸往来澳门的旅客达到326.5万人次。", "2026-02-24", [("拱北口岸", None)]),
        # 培养 ends a name (培养铁路 is no railway)
        (
            "自2017年5月开通以来，蒙内铁路累计为当地培养铁路专业人才3200名。",
            "2026-05-31",
            [("蒙内铁路", None)],
        ),
    ],
)
def test_foreign_ports_destinations_and_locations(text: str, date: str, roles: list) -> None:
    assert _facts(text, date, "reporter", "partner") == roles


def test_a_clause_with_its_own_counted_group_keeps_its_rate() -> None:
    """…3200家，对台小额贸易商品交易市场入驻商户较去年同期增加近两成: the merchants' rate."""
    text = (
        "目前，平潭已有台资企业超过3200家，对台小额贸易商品交易市场入驻商户较去年同期增加近两成。"
    )
    assert _facts(text, "2026-09-18", "value", "yoy_pct") == [(3200, None), (None, 20.0)]


def test_earlier_year_figures_milestones_across_sentences_and_shares_of_the_same_period() -> None:
    """超过2019年同期的5.8万人次 is 2019's; 恢复至2019年同期的九成 keeps this period; a threshold
    whose exact figure the next sentence gives is dropped; 占同期厦门外贸总值 names no subject."""
    text = "国庆中秋假期，厦金航线共运送旅客6.52万人次，超过2019年同期的5.8万人次。"
    assert _facts(text, "2025-10-09", "period_end") == [("2025-10",), ("2019-10",)]
    text = "今年前三季度，澳门入境旅客达到2900万人次，恢复至2019年同期的90%。"
    assert _facts(text, "2025-10-20", "period_end") == [("2025-09",), ("2025-09",)]
    text = "2025年，“小三通”客运航线旅客运输量首次突破180万人次。全年共运送旅客186.5万人次。"
    assert _facts(text, "2026-01-08", "value") == [(1865000,)]
    text = "2025年，厦门港集装箱吞吐量首次突破1200万标箱。福州港集装箱吞吐量达到1300万标箱。"
    assert _facts(text, "2026-01-08", "value") == [(12e6,), (13e6,)]  # another port's
    text = (
        "前三季度，厦门市对台湾地区进出口413.7亿元，占同期厦门外贸总值的5.6%。"
        "其中，一般贸易进出口268.2亿元。"
    )
    assert _facts(text, "2025-10-22", "reporter") == [("厦门市",)] * 3


def test_sites_in_a_respective_list_report_each_figure() -> None:
    """三坊七巷历史文化街区、马尾船政文化景区分别接待游客…: each site reports (was a commodity)."""
    text = "国庆假期，三坊七巷历史文化街区、马尾船政文化景区分别接待游客136万人次和28.7万人次。"
    assert _facts(text, "2025-10-09", "reporter", "commodity") == [
        ("三坊七巷历史文化街区", None),
        ("马尾船政文化景区", None),
    ]


@pytest.mark.parametrize(
    "text,date,expected",
    [
        # trains routed through a port report for the port
        (
            "今年以来，经霍尔果斯口岸进出境的中欧（中亚）班列目前已达7826列，同比增长8.1%。",
            "2026-11-12",
            [("霍尔果斯口岸", "2026-01", "2026-11")],
        ),
        # a line named in a 随着 clause is no subject; 下半年以来 runs from July to the broadcast
        (
            "今年上半年，广西北部湾港完成货物吞吐量2.35亿吨。下半年以来，随着西部陆海新通道班列加密开行，"
            "港口完成集装箱吞吐量236万标箱，同比增长15.2%。",
            "2025-09-26",
            [("广西北部湾港", "2025-01", "2025-06"), ("广西北部湾港", "2025-07", "2025-09")],
        ),
        # last year's holiday figure; 春运首周 is the rush's first week
        (
            "元旦假期3天，全国国内出游1.42亿人次，高于去年元旦假期的1.36亿人次。",
            "2026-01-05",
            [("全国", "2026-01", "2026-01"), ("全国", "2025-01", "2025-01")],
        ),
        (
            "春运首周，铁路福州站、厦门站共发送旅客196.4万人次，同比增长6.2%。",
            "2026-02-10",
            [("铁路福州站、厦门站", "2026-02", "2026-02")],
        ),
        # a route between two places before a quoted name (not 等 before it)
        (
            "8天假期里，厦门至金门“小三通”航线共运送旅客8.6万人次。",
            "2025-10-09",
            [("厦门至金门“小三通”航线", "2025-10", "2025-10")],
        ),
    ],
)
def test_ports_routes_and_periods_of_hand_labelled_paragraphs(
    text: str, date: str, expected: list
) -> None:
    assert _facts(text, date, "reporter", "period_start", "period_end") == expected


def test_deals_at_a_fair_are_money() -> None:
    """现场意向出口成交256亿美元: a deal value (all the labels of every set), not an export."""
    text = "第138届广交会闭幕，现场意向出口成交256亿美元，其中与共建“一带一路”国家成交179亿美元。"
    assert _facts(text, "2025-11-04", "indicator") == [("tax_refund_or_other_money",)] * 2


def test_fair_days_milestones_with_earlier_figures_and_a_period_after_since() -> None:
    """第138届广交会今天（10月15日）开幕: the session's months, not the day's; 突破200万人次，
    高于去年…的178.4万人次 keeps both; …以来…，一季度…增长21.3% is the quarter's yoy rate."""
    text = "第138届中国进出口商品交易会今天（10月15日）在广州开幕。本届广交会参展企业超过3.2万家。"
    assert _facts(text, "2025-10-15", "period_start", "period_end") == [("2025-10", "2025-11")]
    text = "春节假期，三亚接待游客突破200万人次，高于去年春节假期的178.4万人次。"
    assert _facts(text, "2026-02-25", "value") == [(2e6,), (1784000,)]
    text = (
        "海南自由贸易港封关运作以来政策效应持续释放，一季度海南货物贸易进出口812.4亿元，增长21.3%。"
    )
    assert _facts(text, "2026-04-14", "yoy_pct") == [(21.3,)]


def test_a_forecasts_year_is_not_the_period_carried_on() -> None:
    """…，预计全年发送货物将超过135万标箱。…钦州港同期完成…: 同期 is January–October."""
    text = (
        "今年1—10月，西部陆海新通道班列累计发送货物112.6万标箱，预计全年发送货物将超过135万标箱。"
        "作为通道的重要出海口，钦州港同期完成集装箱吞吐量712万标箱。"
    )
    assert _facts(text, "2025-11-20", "period_end") == [("2025-10",), ("2025-12",), ("2025-10",)]


@pytest.mark.parametrize(
    "text,date,expected",
    [
        # a bare type word opening a clause is the one named before (here in the source clause)
        (
            "记者从厦门高崎国际机场获悉，中秋国庆假期，机场累计保障进出港航班4862架次。",
            "2025-10-09",
            [("厦门高崎国际机场", 4862)],
        ),
        (
            "记者从横琴粤澳深度合作区了解到，截至10月底，合作区实有澳资企业6512户。",
            "2025-11-12",
            [("横琴粤澳深度合作区", 6512)],
        ),
        # 特区 and 各口岸 run on as written; 访港旅客 is 香港's when the paragraph writes it
        ("“五一”假期5天，澳门特区共接待入境旅客78.6万人次。", "2026-05-06", [("澳门特区", 786000)]),
        (
            "国庆假期7天，深圳各口岸出入境旅客累计达到742.6万人次。",
            "2026-10-09",
            [("深圳各口岸", 7426000)],
        ),
        (
            "香港特区政府统计处数据显示，今年前8个月，香港整体出口货值同比增长11.6%。同期，访港旅客达3260万人次。",
            "2026-09-24",
            [("香港", None), ("香港", 32600000)],
        ),
        # a range is read as its low end; a capacity to unload is no activity
        ("预计假期日均旅客运输量在200万至210万人次之间。", "2025-09-30", [("全国", 2000000)]),
        (
            "今天，中海油福建LNG接收站扩建工程投产，接收站年接卸能力由630万吨提升至1000万吨。",
            "2026-05-20",
            [],
        ),
    ],
)
def test_bare_type_words_regions_ranges_and_capacities(
    text: str, date: str, expected: list
) -> None:
    assert _facts(text, date, "reporter", "value") == expected


def test_ships_rates_times_last_year_and_a_yearly_milestone() -> None:
    """其中国际航行船舶同比增长11.6% is a trips rate; 是上年的2倍 is +100 % year on year; 年度规模
    首次突破45万亿元 after the exact figure is no second fact."""
    text = "1至10月，福建沿海港口进出港船舶达38.7万艘次，其中国际航行船舶同比增长11.6%。"
    assert _facts(text, "2025-11-18", "indicator")[1] == ("vessel_or_trip_count",)
    text = "2025年，经北部湾港出口的新能源汽车数量是上年的2倍。"
    assert _facts(text, "2026-01-20", "yoy_pct") == [(100.0,)]
    text = "2025年，我国货物贸易进出口总值达到45.47万亿元，同比增长3.8%，年度规模首次突破45万亿元。"
    assert _facts(text, "2026-01-14", "value") == [(45.47e12,)]


def test_the_last_canton_fair_session_is_no_year_ago() -> None:
    """广交会…比上届增长8.6%: the fair is held twice a year, so 上届 is half a year back (the
    guide counts 比上届 as year on year for a yearly fair such as 进博会, which stays)."""
    text = "第138届广交会今天闭幕，境外采购商到会31.1万人，比上届增长8.6%。"
    assert _facts(text, "2025-11-04", "yoy_pct") == [(None,)]
    text = "第八届进博会按一年计意向成交额834.9亿美元，比上届增长4.4%。"
    assert _facts(text, "2025-11-10", "yoy_pct") == [(4.4,)]


# --- Twelfth pass: two independent readings of the news tuning paragraphs, adjudicated ---------


@pytest.mark.parametrize(
    "text,expected",
    [
        # stocks of things set up, selected or built are facts (were organisational details)
        ("截至目前，已有厦门东南海域等20个海湾入选全国美丽海湾优秀案例。", [(20, "全国")]),
        ("深圳49家银行上架103款信贷产品。", [(49, "深圳")]),
        ("连江县18家医疗机构在偏远山区设置了氧疗区。", [(18, "连江县")]),
        ("福建在全省建设了近300家省级重点创新平台。", [(300, "福建")]),  # 省级 is no province
        # capacity and intensity rates and survey indices are figures too
        ("目前，全区蓄水能力达到35.6%。", [(35.6, "全区")]),
        ("其中，二季度中小企业出口指数为52.8%。", [(52.8, "全国")]),
        # …but not the index's change in points from last month
        ("8月份，非制造业商务活动指数为50.3%，比上月回升0.5个百分点。", [(50.3, "全国")]),
        # a target stated without quotes is an announced figure for the whole year
        ("今年还将新增城镇就业60万人以上。", [(600_000, "全国")]),
    ],
)
def test_what_the_independent_readings_count(text: str, expected: list) -> None:
    assert _facts(text, "2024-06-20", "value", "reporter") == expected


def test_a_forecast_is_for_the_whole_year() -> None:
    text = "今年，山东将深化粮仓建设。同时，预计山东沿海港口货物吞吐量突破20亿吨。"
    assert _facts(text, "2024-04-10", "period_start", "period_end") == [("2024-01", "2024-12")]


@pytest.mark.parametrize(
    "text,reporters",
    [
        # 内地 with Hong Kong is written as such (it was 全国)
        ("今年前5个月，内地对香港地区进出口值达7620.3亿元。", ["内地"]),
        # the nation's private firms, with no place in force, are 民营企业; after a place, its
        ("今年上半年，民营企业进出口占我国进出口总值的52.7%。", ["民营企业"]),
        ("在河南开封，今年前十个月，民营企业进出口85.1亿元。", ["开封"]),
        # a place in a list closed by 等 + the count is not whose count it is
        ("已先后筛选出深圳茅洲河、厦门筼筜湖等56个美丽河湖优秀案例。", ["全国"]),
        # a city's main districts, a quoted cross-strait line and a numbered contest as written
        ("保定市主城区已建设52个安置区。", ["保定市主城区"]),
        ("今天，4条两岸“小三通”航线共开行12班次。", ["两岸“小三通”航线"] * 2),
        (
            "第二十四届“汉语桥”世界大学生中文比赛今天举办，吸引5万多名大学生参加。",
            ["第二十四届“汉语桥”世界大学生中文比赛"],
        ),
        # coastal ports with no place in force are the nation's; after a place, the place's
        ("前三季度，海洋对外贸易平稳发展。沿海港口完成外贸货物吞吐量同比增长超10%。", ["沿海港口"]),
        ("福建今天将防台风应急响应升为一级。目前，沿海港口186家企业停止作业。", ["福建"]),
        # a group reports its own sentence only; the next sentence is the nation's or the place's
        (
            "沿海港口完成外贸货物吞吐量同比增长超10%。超五成涉海企业营业收入实现同比增长。",
            ["沿海港口", "全国"],
        ),
        # 该港 after the port named earlier in the same sentence (记者从…获悉)
        ("记者从宁波舟山港获悉，7月份，该港完成集装箱吞吐量375.6万标准箱。", ["宁波舟山港"]),
        # a theme in quotes (以“投资中国”为主题) is no national reporter
        (
            "第二十六届中国国际投资贸易洽谈会今天举行。本届投洽会以“投资中国”为主题。开幕以来，已有300多个项目签约。",
            ["第二十六届中国国际投资贸易洽谈会"],
        ),
        # numbered and first-edition weeks are events
        ("9月5日，第七届中国—东盟视听周开幕，共签署合作协议21项。", ["第七届中国—东盟视听周"]),
        # a national statistics body as a source, however long its full name
        (
            "国家统计局服务业调查中心和中国物流与采购联合会今天（3月31日）发布，3月份，制造业采购经理指数为50.6%。",
            ["全国"],
        ),
    ],
)
def test_reporters_of_the_independent_readings(text: str, reporters: list) -> None:
    assert [r for (r,) in _facts(text, "2024-06-20", "reporter")] == reporters


def test_last_session_of_the_canton_fair_named_before_is_no_year_on_year_rate() -> None:
    """较上届同期 of 广交会 named in an earlier sentence: half a year back, not year on year."""
    text = (
        "第134届广交会二期今天结束。开幕以来，已有157000多位境外采购商到会，较上届同期增长53.6%。"
    )
    (f,) = extract_facts(text, "2023-10-27")
    # buyers counted in persons are other (the guide's visitors are 游客, 旅客, 人次, 出入境人员)
    assert (f["indicator"], f["yoy_pct"], f.get("change_basis")) == ("other", None, "上届同期")


# --- Twelfth pass, news-like paragraphs read twice independently ------------------------------


def test_ships_calling_are_trips_and_an_announced_end_lies_ahead() -> None:
    text = "今天，该港共有17艘船舶靠泊装卸。"
    assert _facts(text, "2026-08-06", "indicator", "unit") == [("vessel_or_trip_count", "vessels")]
    text = "国庆中秋假期铁路运输自9月28日启动，至10月9日结束。全国铁路预计发送旅客2.3亿人次。"
    assert _facts(text, "2025-09-27", "period_start", "period_end") == [("2025-09", "2025-10")]


def test_last_years_holiday_is_year_on_year_and_a_groups_rate_is_its_own() -> None:
    text = "春节假期9天，全国国内出游6.02亿人次，按可比口径较2025年春节假期增长17.4%。"
    assert _facts(text, "2026-02-24", "value", "yoy_pct") == [(602_000_000, 17.4)]
    text = "2025年，全年对台湾地区进出口1135.7亿元，台资企业进出口增长4.4%。"
    assert _facts(text, "2026-01-23", "value", "yoy_pct") == [(113_570_000_000, None), (None, 4.4)]
    text = "2025年，厦门新设台资企业（项目）620家，实际使用台资同比增长15.3%。"
    assert _facts(text, "2026-01-10", "indicator", "value", "yoy_pct") == [
        ("enterprise_count", 620, None),
        ("tax_refund_or_other_money", None, 15.3),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "一艘2.4万标箱的超大型集装箱船刚刚靠泊。",  # the size of one ship
        "这艘邮轮总吨位13.9万吨。",
        "园方将每日最大承载量调整为3万人。",  # a cap, no activity
    ],
)
def test_layout_sizes_and_caps_are_no_facts(text: str) -> None:
    assert extract_facts(text, "2025-09-17") == []


@pytest.mark.parametrize(
    "text,date,period",
    [
        # 上年四季度 is last year's; as a comparison base it dates nothing after it
        (
            "一季度国内生产总值同比增长5.1%，比上年四季度加快0.6个百分点。高技术制造业增加值同比增长9.2%。",
            "2026-04-16",
            [("2026-01", "2026-03")] * 3,
        ),
        # 今天的西部 is the West of our days, not a figure of the broadcast month
        (
            "今天的西部，正从开放末梢加快走向前沿，6个自贸试验区、40个综合保税区加快建设。",
            "2024-04-22",
            [(None, None)] * 2,
        ),
        # a work report's figures for this year are for the whole year
        (
            "政府工作报告提出，今年城镇新增就业1200万人以上。",
            "2026-03-05",
            [("2026-01", "2026-12")],
        ),
    ],
)
def test_periods_of_news_like_paragraphs(text: str, date: str, period: list) -> None:
    assert _facts(text, date, "period_start", "period_end") == period


def test_vehicle_crossings_and_a_forecast_to_the_year_end() -> None:
    text = "“五一”假期，深中通道日均车流量达14.6万车次，比去年同期增长9.3%。"
    assert _facts(text, "2026-05-08", "value", "unit", "yoy_pct") == [(146_000, "车次", 9.3)]
    text = (
        "今年以来，全省已投运重点数据中心37个。"
        "预计到年底，贵州数字经济增加值将占全省地区生产总值的四成以上。"
    )
    assert _facts(text, "2026-10-28", "period_start", "period_end") == [
        ("2026-01", "2026-10"),
        ("2026-01", "2026-12"),
    ]


def test_a_real_rate_after_the_nominal_one_is_no_second_fact() -> None:
    text = (
        "上半年，全国居民人均可支配收入22950元，比上年同期名义增长5.1%，扣除价格因素实际增长5.0%。"
    )
    assert _facts(text, "2026-07-15", "value", "yoy_pct") == [(22950, 5.1)]


def test_a_part_of_a_target_is_a_share_and_seven_and_a_half_tenths_is_75() -> None:
    text = "前三季度，全国城镇新增就业1057万人，完成全年目标任务的88%。"
    assert _facts(text, "2025-10-28", "indicator", "value")[-1] == ("share", 88)
    text = "2025年全年访港旅客约4900万人次，其中内地旅客约3700万人次，占总数的七成半以上。"
    assert _facts(text, "2026-01-09", "value")[-1] == (75,)


@pytest.mark.parametrize(
    "text,expected",
    [
        # areas sown, lengths built and harvests are figures in their own unit words
        ("在黑龙江富锦市，当地今年种植水稻186万亩。", [(1_860_000, "亩", "富锦市")]),
        ("“十四五”期间，全国新改建农村公路超过70万公里。", [(700_000, "公里", "全国")]),
        ("今年，四川粮食产量稳定在720亿斤以上。", [(72_000_000_000, "斤", "四川")]),
        # the area of one site, the length of one line, a yield per mu are no figures
        ("在浙江杭州建德的之江村，600多亩早熟油菜花相继盛开。", []),
        ("秦岭输水隧洞全长98.3公里。", []),
        ("今年，当地水稻亩产达到1200斤。", []),
    ],
)
def test_areas_lengths_and_harvests(text: str, expected: list) -> None:
    assert _facts(text, "2025-09-23", "value", "unit", "reporter") == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a partner's investment into China is China's figure
        ("从来源地看，日本、英国实际对华投资分别增长56.9%和41.1%。", ["全国", "全国"]),
        (
            "今年前11个月，瑞士、英国、德国对华实际投资分别增长62.5%、31.2%和18.4%。",
            ["全国", "全国", "全国"],
        ),
        ("同期，中国澳门、台湾地区对内地实际投资分别增长31.5%和14.2%。", ["全国", "全国"]),
        # a ministry's monitored sample is national; two bodies acting together as written
        ("商务部重点监测的78个步行街客流量同比增长6.1%。", ["全国"]),
        ("财政部、应急管理部紧急预拨中央自然灾害救灾资金1.6亿元。", ["财政部、应急管理部"]),
        ("今年入汛以来，中央财政已累计下达救灾资金超过90亿元。", ["中央财政"]),
        # 转移危险区域群众: no region is named
        ("截至今天上午8时，广东已累计转移危险区域群众12.6万人。", ["广东"]),
        # a fair named 第N届…博览会暨…洽谈会 in full; a place after 设置 is an exhibit
        (
            "第二十一届海峡两岸（三明）林业博览会暨投资贸易洽谈会今天开幕。"
            "本届林博会设置台湾馆等6大展区，吸引两岸1300多家企业参展。",
            ["第二十一届海峡两岸（三明）林业博览会暨投资贸易洽谈会"],
        ),
        # 全国重点实验室 is a class of labs: 这里 is still the science city
        (
            "在湖北武汉东湖科学城，一批重大科技基础设施正在加紧建设。"
            "目前，这里已集聚全国重点实验室30个。",
            ["武汉东湖科学城"],  # readers leave 湖北 off a site's own name
        ),
        # a park's administration as the source, then 园区规模以上企业: the park
        (
            "记者从中关村科技园区管委会获悉，今年1至7月，园区规模以上企业实现总收入5.2万亿元。",
            ["中关村科技园区"],
        ),
        # a place before a quoted route names whose route it is
        ("今年上半年，福建沿海“小三通”航线出入境旅客96.8万人次。", ["福建沿海“小三通”航线"]),
        # a foreign country's own release keeps the country for the sentences after it
        (
            "今年第三季度美国实际国内生产总值按年率计算增长2.8%。"
            "数据显示，住宅类固定资产投资第三季度下降5.1%。",
            ["美国", "美国"],
        ),
    ],
)
def test_reporters_of_bodies_partners_fairs_and_foreign_releases(
    text: str, expected: list[str]
) -> None:
    assert [r for (r,) in _facts(text, "2026-02-25", "reporter")] == expected


def test_a_plan_carried_from_a_work_report_and_this_years_sown_area_are_for_the_whole_year() -> (
    None
):
    text = (
        "四川省政府工作报告提出，今年全省地区生产总值预期增长5.5%左右。"
        "报告还提出，将新建和改造提升高标准农田300万亩。"
    )
    assert _facts(text, "2026-01-15", "period_end") == [("2026-12",), ("2026-12",)]
    text = "今年富锦水稻种植面积186万亩。"
    assert _facts(text, "2025-09-23", "period_start", "period_end") == [("2025-01", "2025-12")]


def test_the_years_target_an_anniversary_and_now_set_no_period_of_their_own() -> None:
    text = "前三季度，全国城镇新增就业1057万人，完成全年目标任务的88%。"
    assert _facts(text, "2025-10-28", "period_end") == [("2025-09",), ("2025-09",)]
    text = (
        "中老铁路开通运营即将满四周年，截至11月10日，经磨憨铁路口岸进出口货物累计突破1500万吨，"
        "其中今年以来超过480万吨，同比增长21%。"
    )
    assert _facts(text, "2025-11-12", "value", "period_end")[-1] == (4_800_000, "2025-11")
    text = "1至7月，宁波舟山港累计完成集装箱吞吐量2455万标准箱。眼下，港口新开3条远洋航线。"
    assert _facts(text, "2026-08-12", "period_start", "period_end")[-1] == (None, "2026-08")


def test_sailings_counted_in_ge_are_trips() -> None:
    text = "“五一”假期，上海吴淞口国际邮轮港将迎来7个邮轮航次。"
    assert _facts(text, "2026-04-29", "indicator", "value", "unit") == [
        ("vessel_or_trip_count", 7, "flights")
    ]
    text = "今年1至7月，厦门国际邮轮中心以厦门为母港的航次达到97个。"
    assert _facts(text, "2026-08-17", "indicator", "unit") == [("vessel_or_trip_count", "flights")]


def test_travellers_entering_a_place_are_its_figure() -> None:
    text = "春节9天假期，澳门迎来旅游旺季。假期期间入境澳门旅客累计超过151万人次。"
    assert _facts(text, "2026-02-24", "reporter", "value") == [("澳门", 1_510_000)]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "2025两岸企业家峰会年会今天（12月3日）在南京开幕，两岸工商界代表800多人出席。",
            ["2025两岸企业家峰会年会"],
        ),
        (
            "今天（10月19日），湄洲妈祖祖庙秋祭大典在莆田湄洲岛举行，2000余名信众跨海而来。",
            ["湄洲妈祖祖庙秋祭大典"],
        ),
    ],
)
def test_an_event_opening_its_sentence_where_it_is_held_reports_its_participants(
    text: str, expected: list[str]
) -> None:
    assert [r for (r,) in _facts(text, "2025-12-03", "reporter")] == expected


def test_places_listed_before_a_counted_kind_report_together() -> None:
    text = "乌鲁木齐、喀什、霍尔果斯三个片区新设外贸企业4700余家。"
    assert _facts(text, "2026-06-10", "reporter") == [("乌鲁木齐、喀什、霍尔果斯三个片区",)]


def test_cities_reached_and_a_size_by_comparison_are_no_figures() -> None:
    text = "今年前5个月，宁波舟山港海铁联运业务已延伸至16个省份的66个地级市。"
    assert _facts(text, "2026-06-10", "value") == []
    text = "目前，全省21个地级以上市均已设立跨境电商综合试验区。"
    assert _facts(text, "2026-06-10", "value") == []
    text = "该船总长399.9米，甲板面积相当于3.5个标准足球场。"
    assert _facts(text, "2025-12-08", "value") == []


@pytest.mark.parametrize(
    "text,expected",
    [
        # a line's anniversary names the line; 这条…铁路 points back to it, not to 东南亚
        (
            "10月17日是雅万高铁开通运营两周年。两年来，这条东南亚第一条高速铁路累计发送旅客超过1100万人次。",
            ["雅万高铁"],
        ),
        (
            "今天（12月3日）是中老铁路开通运营四周年。四年来，这条“黄金线路”累计发送旅客超过5900万人次。",
            ["中老铁路"],
        ),
        # 园区 after a park named 工业园; 回港, 访港 and 部分地区 name no port or region
        (
            "在明斯克近郊，中白工业园的厂房又向外延伸了一大片。截至今年5月底，园区入驻企业达到158家。",
            ["中白工业园"],
        ),
        ("福建全省已有1.8万艘渔船回港避风，转移群众13.7万人。", ["福建", "福建"]),
        ("香港方面，假期内地访港旅客约118万人次，同比增长9.6%。", ["香港"]),
        (
            "江西、湖南等地部分地区遭受洪涝灾害。截至6月17日，中央已累计预拨救灾资金14.8亿元。",
            ["中央"],
        ),
        # 关闭A级旅游景区 is a kind of site; 海地 (Haiti) is no word in 沿海地市
        ("福建省文旅部门启动应急响应，全省累计关闭A级旅游景区213家。", ["福建省"]),
        ("电力部门在沿海地市预置抢修人员2.1万余人。", ["全国"]),
    ],
)
def test_anniversaries_parks_and_words_that_name_no_place(text: str, expected: list[str]) -> None:
    assert [r for (r,) in _facts(text, "2026-07-28", "reporter")] == expected


def test_the_holiday_just_ended_and_a_quarter_named_after_the_year_turned() -> None:
    # 2026: 中秋 9月25日—27日 ended ten days before; the 国庆 days off (10月1日—7日) are meant
    text = "国庆假期，全国文化和旅游市场平稳有序。7天假期，全国国内出游7.86亿人次。"
    assert _facts(text, "2026-10-07", "period_start", "period_end") == [("2026-10", "2026-10")]
    # 四季度 in a January release is last year's; said in September it is the coming one
    text = "国家统计局发布2025年国民经济运行数据。其中，四季度国内生产总值同比增长4.6%。"
    assert _facts(text, "2026-01-19", "period_start", "period_end") == [("2025-10", "2025-12")]
    text = "据港口方面预计，四季度集装箱吞吐量将达到265万标箱。"
    assert _facts(text, "2025-09-26", "period_start", "period_end") == [("2025-10", "2025-12")]


def test_now_after_a_past_period_is_now_and_by_then_keeps_its_end() -> None:
    text = (
        "2025年厦门港完成集装箱吞吐量1318万标箱。"
        "去年，该港新开集装箱航线21条，目前在运营航线达到185条。"
    )
    assert _facts(text, "2026-01-10", "value", "period_start", "period_end")[-1] == (
        185,
        None,
        "2026-01",
    )
    text = "6月份，福州港江阴港区新增外贸集装箱航线2条，至此，江阴港区外贸航线总数达到46条。"
    assert _facts(text, "2026-07-20", "value", "period_end")[-1] == (46, "2026-06")


def test_one_and_a_half_tenths_growth_is_15() -> None:
    text = "“五一”假期，平潭接待游客86万人次，旅游收入增长一成半。"
    assert _facts(text, "2026-05-06", "yoy_pct")[-1] == (15.0,)


def test_a_list_of_quarters_dates_each_rate() -> None:
    text = "分季度看，一季度、二季度和三季度国内生产总值分别同比增长5.4%、5.2%和4.7%。"
    assert _facts(text, "2025-10-20", "yoy_pct", "period_start", "period_end", "commodity") == [
        (5.4, "2025-01", "2025-03", None),
        (5.2, "2025-04", "2025-06", None),
        (4.7, "2025-07", "2025-09", None),
    ]


def test_compensated_gross_tonnage_is_a_unit() -> None:
    text = "一季度，中国船企承接新船订单610万修正总吨。"
    assert _facts(text, "2026-04-23", "value", "unit") == [(6_100_000, "修正总吨")]


@pytest.mark.parametrize(
    "text,expected",
    [
        # a foreign country's national bodies and 全国 are that country's, not China's
        (
            "乌兹别克斯坦国家统计委员会发布数据，今年一季度，乌对外贸易额达175.4亿美元。",
            ["乌兹别克斯坦"],
        ),
        (
            "柬埔寨西哈努克港经济特区今年前5个月进出口总额达到14.7亿美元，"
            "约占柬埔寨全国同期进出口总额的6%。",
            ["西哈努克港经济特区", "西哈努克港经济特区"],
        ),
        # a province's organ as the source: the province as written without 省 (四川, 福建)
        ("四川省政府工作报告提出，今年全省地区生产总值预期增长5.5%左右。", ["四川"]),
        ("据福建省文旅厅测算，假期8天，全省累计接待游客4615.3万人次。", ["福建"]),
    ],
)
def test_foreign_nations_and_provincial_organs(text: str, expected: list[str]) -> None:
    assert [r for (r,) in _facts(text, "2026-05-12", "reporter")] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("今年前4个月，郑州航空港区进出口1573.6亿元，同比增长16.2%。", ["郑州航空港区"]),
        ("今年以来，宁德港漳湾作业区新开通外贸航线5条。", ["宁德港漳湾作业区"]),
        ("截至9月底，前海合作区累计注册港资企业1.1万家。", ["前海合作区"]),
        (
            "2025年，上海港集装箱吞吐量达到5310万标准箱。"
            "今年，上海港将加快推进小洋山北作业区建设，预计全年集装箱吞吐量突破5500万标准箱。",
            ["上海港", "上海港"],
        ),
    ],
)
def test_port_areas_and_hong_kong_capital(text: str, expected: list[str]) -> None:
    assert [r for (r,) in _facts(text, "2026-01-06", "reporter")] == expected


def test_a_provinces_port_group_reports_as_written() -> None:
    text = "记者从山东省港口集团获悉，2025年，山东港口完成货物吞吐量19.3亿吨，同比增长4.6%。"
    assert _facts(text, "2026-01-09", "reporter") == [("山东港口",)]


@pytest.mark.parametrize(
    "text,period",
    [
        # a stock built up since an undated start, in a sentence with no period of its own
        (
            "前三季度，南平市出口茶叶9.2亿元，同比增长12%。依托龙头企业带动，当地茶产业链企业已集聚超过600家。",
            (None, "2026-10"),
        ),
        (
            "今年前10个月，三明市进出口320亿元。在沙县，全县已有1200多家小吃企业开设线上店铺。",
            (None, "2026-10"),
        ),
        # a growth after it makes it a flow of the period in force
        (
            "今年前三季度，全国邮政业务量增长12%。其中，包裹业务量累计完成52.1亿件，增长8.4%。",
            ("2026-01", "2026-09"),
        ),
        # a period stated as 截至 in the sentence before: the stock at that date
        (
            "截至9月底，今年全省以旧换新带动销售额超过300亿元。在家电领域，补贴累计发放120万件。",
            ("2026-01", "2026-09"),
        ),
    ],
)
def test_a_stock_without_its_own_period_is_up_to_now(text: str, period: tuple) -> None:
    got = _facts(text, "2026-10-28", "period_start", "period_end")
    assert got[-1] == period


@pytest.mark.parametrize(
    "text,expected",
    [
        # a 分别 list whose items share the quantity word written after the last one
        (
            "前三季度，全省外贸进出口1.9万亿元。同期，外资企业和国有企业进出口分别为4200亿元和1800亿元。",
            ["trade_total", "trade_total", "trade_total"],
        ),
        # a count before a quantity word that the next figure measures keeps its noun short
        (
            "今年前5个月，全省18个综合保税区进出口1620.5亿元，同比增长6.1%。",
            ["other", "trade_total"],
        ),
        # 其中: a part of the quantity the sentence before measured, in its unit
        (
            "前三季度，全国港口完成货物吞吐量120.4亿吨。其中，沿海港口完成78.2亿吨，同比增长3.1%。",
            ["cargo_throughput", "cargo_throughput"],
        ),
        ("2025年，满洲里口岸全年过货量达3180万吨，同比增长4.2%。", ["cargo_throughput"]),
    ],
)
def test_shared_quantity_words_and_parts(text: str, expected: list[str]) -> None:
    assert [i for (i,) in _facts(text, "2026-10-20", "indicator")] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("今年前7个月，澳门博彩毛收入累计1420亿澳门元，同比增长8.3%。", [(142e9, "MOP", 8.3)]),
        ("一季度，澳大利亚对华出口铁矿石货值310亿澳元。", [(31e9, "AUD", None)]),
        # a change against last year said as more or fewer: year on year, no figure
        ("今年以来，当地家具企业的海外订单比去年同期多了两成。", [(None, None, 20.0)]),
        ("受天气影响，这批果园的订单比去年少了一成。", [(None, None, -10.0)]),
        ("负责人说，今年的订单量比去年同期多了将近一倍。", [(None, None, 100.0)]),
    ],
)
def test_macao_and_australian_money_and_more_than_last_year(text: str, expected: list) -> None:
    assert _facts(text, "2026-08-05", "value", "unit", "yoy_pct") == expected


@pytest.mark.parametrize(
    "text,values",
    [
        # a threshold passed, after the exact figure: only the exact figure is a fact
        ("2025年，智利对华出口额达1012亿美元，重回千亿美元以上。", [101.2e9]),
        (
            "2025年，全省地区生产总值61250亿元，比上年增长5.1%。“十四五”时期，经济总量连续跨越5万亿元、6万亿元台阶。",
            [6125e9],
        ),
        # a threshold alone stays (an announced milestone)
        ("2024年预计广东全省地区生产总值迈上14万亿元新台阶。", [14e12]),
    ],
)
def test_milestones_before_or_after_the_exact_figure(text: str, values: list) -> None:
    assert [v for (v,) in _facts(text, "2026-01-20", "value")] == values


@pytest.mark.parametrize(
    "text,date,period",
    [
        (
            "第141届广交会一期昨天闭幕，境外采购商到会15.2万人。",
            "2027-04-20",
            ("2027-04", "2027-04"),
        ),
        ("第141届广交会三期昨天闭幕，意向成交85亿美元。", "2027-05-06", ("2027-05", "2027-05")),
        ("第142届广交会昨天闭幕，境外采购商到会31万人。", "2027-11-05", ("2027-10", "2027-11")),
        # its opening day is that day's month (was the whole session's)
        (
            "昨天（4月15日），第139届中国进出口商品交易会在广州开幕。开幕首日，到会境外采购商达8.6万人。",
            "2026-04-16",
            ("2026-04", "2026-04"),
        ),
    ],
)
def test_a_canton_fair_phase_has_its_own_months(text: str, date: str, period: tuple) -> None:
    assert _facts(text, date, "period_start", "period_end")[0] == period


def test_since_the_spring_rush_began_runs_to_the_broadcast() -> None:
    text = "春运开始以来至昨天，渤海湾客滚航线累计运送旅客52.6万人次，同比增长6.2%。"
    assert _facts(text, "2026-02-10", "period_start", "period_end") == [("2026-02", "2026-02")]


@pytest.mark.parametrize(
    "text",
    [
        "2025年，全市对台贸易增长6%。在刚刚结束的两岸企业对接会上，又有18个合作项目现场签约，总投资超40亿元。",
        "去年全省文旅消费持续回暖。会上，多家旅行社签署合作协议，意向金额超50亿元。",
        "2025年，全省对东盟出口增长9%。开幕首日，各地企业签约投资项目31个，计划总投资约210亿元。",
        # and what this session's fair drew (was no period)
        "正在举行的中国国际投资贸易洽谈会上，东盟展区人气颇旺。本届投洽会展览面积12万平方米，"
        "吸引东盟国家的参展企业和机构380多家，比上届增加约六成。",
    ],
)
def test_deals_signed_at_a_meeting_or_a_fair_now_are_of_the_broadcast_month(text: str) -> None:
    assert _facts(text, "2026-03-26", "period_end")[-1] == ("2026-03",)


def test_a_special_regions_own_release_keeps_it_as_reporter() -> None:
    text = (
        "香港特区政府统计处28日公布，8月份香港整体出口货值达4410亿港元，同比增长12.6%；"
        "进口货值4650亿港元，同比增长10.2%。"
    )
    assert _facts(text, "2026-09-29", "reporter", "unit") == [("香港", "HKD"), ("香港", "HKD")]


def test_macao_patacas_are_one_figure() -> None:
    text = "澳门博彩监察协调局1日公布，6月份澳门幸运博彩毛收入为198.6亿澳门元，同比增长7.2%。"
    assert _facts(text, "2026-07-02", "value", "reporter") == [(198.6e8, "澳门")]


def test_a_bare_kind_word_points_to_the_name_before() -> None:
    text = "西部陆海新通道建设提速。今年前9个月，通道铁海联运班列开行8120列，同比增长11.2%。"
    assert _facts(text, "2026-10-12", "reporter") == [("西部陆海新通道",)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("去年，各类自然灾害共造成全国7300万人次受灾，紧急转移安置210万人次。", ["other", "other"]),
        ("全年以旧换新惠及消费者2800多万人次。", ["other"]),
        ("春运期间，全市出动除雪人员3500多人次。", ["other"]),
        ("春节假期，全市接待游客380万人次。", ["visitors"]),
        ("国庆假期，全国边检机关查验中外人员出入境1580万人次。", ["visitors"]),
    ],
)
def test_people_affected_helped_or_at_work_are_not_visitors(text: str, expected: list) -> None:
    assert [i for (i,) in _facts(text, "2026-03-18", "indicator")] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "越南统计总局公布，今年第三季度越南经济同比增长6.8%。",
            [("tax_refund_or_other_money", None, 6.8)],
        ),
        ("今年上半年，中国游客在马来西亚消费约126亿林吉特。", [("tourism_revenue", 126e8, None)]),
        ("据统计，前9个月内地旅客在澳门消费约398亿澳门元。", [("tourism_revenue", 398e8, None)]),
        ("一季度，韩国对华出口额达到38.6万亿韩元。", [("export", 38.6e12, None)]),
    ],
)
def test_economies_travellers_spending_and_partner_currencies(text: str, expected: list) -> None:
    assert _facts(text, "2026-10-20", "indicator", "value", "yoy_pct") == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a multiple of the same month last year is year on year
        ("8月份，经钦州港中转的东盟水果达到1.8万吨，是去年同月的3.2倍。", [(18000, 220.0)]),
        # doubled against an ordinary day is no change over a year: a change on that base (the
        # guide's change_pct), with no value and no yoy
        ("假期里，古镇里的小吃店营业额普遍比平日翻番。", [(None, None)]),
    ],
)
def test_multiples_of_last_years_month_and_of_an_ordinary_day(text: str, expected: list) -> None:
    assert _facts(text, "2026-09-10", "value", "yoy_pct") == expected


def test_the_first_days_of_the_spring_rush_are_its_first_month() -> None:
    text = "春运前5天，全国铁路累计发送旅客5620万人次。"
    assert _facts(text, "2026-02-07", "period_start", "period_end") == [("2026-02", "2026-02")]


@pytest.mark.parametrize(
    "text,values",
    [
        # what is striven for or ensured is a target, whoever states it; a forecast is a figure
        ("港口负责人表示，四季度将加密航线，力争全年集装箱吞吐量超过3600万标准箱。", []),
        ("会议提出，力争到2028年全市外贸进出口突破2000亿元。", []),
        ("省政府工作报告提出，今年城镇新增就业力争达到80万人以上。", []),
        ("今年，全省将确保粮食产量稳定在720亿斤以上。", []),
        ("省政府工作报告预计，今年城镇新增就业达到80万人以上。", [800000]),
    ],
)
def test_targets_are_not_figures(text: str, values: list) -> None:
    assert [v for (v,) in _facts(text, "2026-02-10", "value")] == values


@pytest.mark.parametrize(
    "text,expected",
    [
        ("受寒潮影响，昨天华北电网用电负荷达到3.2亿千瓦，同比增长6.5%。", [(3.2e8, "千瓦", 6.5)]),
        ("今年以来，全省新增投产新能源装机1260万千瓦。", [(1.26e7, "千瓦", None)]),
        # the size of one plant is no fact
        ("在甘肃酒泉，一座装机容量为200万千瓦的风电基地并网发电。", []),
        ("由中国企业承建的300兆瓦光伏电站今天并网发电。", []),
        ("这座电站位于沙漠腹地，装机容量2.6吉瓦。", []),
        ("一家电池工厂今天投产，一期规划年产能30吉瓦时。", []),
        # gigawatts shipped or installed and gigawatt-hours made are facts
        ("前三季度，我国光伏组件出口量约为178.5吉瓦，同比下降6.2%。", [(178.5, "吉瓦", -6.2)]),
        ("去年，我国锂离子电池总产量突破1800吉瓦时。", [(1800, "吉瓦时", None)]),
        # a standard kept is no activity
        ("当地海关实行预约通关，分拣差错率控制在千分之三以内。", []),
    ],
)
def test_power_load_and_capacity_installed(text: str, expected: list) -> None:
    assert _facts(text, "2026-01-12", "value", "unit", "yoy_pct") == expected


@pytest.mark.parametrize(
    "text,date,period",
    [
        ("截至昨天，两市共转移群众3.1万人。", "2026-04-22", (None, "2026-04")),
        ("今冬以来，该基地已向京津冀输送清洁电力36亿千瓦时。", "2025-12-09", (None, "2025-12")),
        (
            "一批重2.6吨的冷冻榴莲今天（7月11日）从吉隆坡启运。",
            "2026-07-11",
            ("2026-07", "2026-07"),
        ),
        # a winter season across two years stays open
        ("2025—2026冰雪季，我国冰雪休闲旅游人次预计达到5.2亿。", "2026-03-05", (None, None)),
    ],
)
def test_up_to_yesterday_since_this_winter_and_a_day_said_after(
    text: str, date: str, period: tuple
) -> None:
    assert _facts(text, date, "period_start", "period_end")[0] == period


@pytest.mark.parametrize(
    "text,expected",
    [
        ("海关共监管“一线”进出境货物3.1万吨、货值52.4亿元。", ["cargo_throughput", "trade_total"]),
        ("今年以来，经洋浦港“一线”口岸进境货物货值达96.2亿元。", ["import"]),
        (
            "展会期间，海关共验放进境展品1.2万件，货值3.6亿元。",
            ["other", "tax_refund_or_other_money"],
        ),
        ("今年1至10月，平潭港区对台海运快件进出口量达到1120万票，同比增长18%。", ["trade_total"]),
    ],
)
def test_goods_crossing_the_border_and_consignments_traded(text: str, expected: list) -> None:
    assert [i for (i,) in _facts(text, "2026-11-20", "indicator")] == expected


def test_singapore_dollars_and_a_taiwan_departments_own_count() -> None:
    text = "新加坡旅游局公布，今年上半年新加坡旅游收入约148亿新元。"
    assert _facts(text, "2026-07-30", "value", "unit") == [(148e8, "SGD")]
    text = "台湾地区财政部门公布，8月份台湾出口额约480亿美元；进口额约390亿美元。"
    assert [r for (r,) in _facts(text, "2026-09-08", "reporter")] == ["台湾", "台湾"]


@pytest.mark.parametrize(
    "text,values",
    [
        ("为应对节前客流，边检站将旅客查验通道由20条增加至32条。", []),
        ("车站增开了10个临时售票窗口，新建3个5万吨级集装箱泊位。", []),
        ("会议部署了15项重点任务，海关将再推出8项支持保税维修发展的措施。", []),
        ("当地交警在港外设置了5处待渡区，沿途设置了24处补给站，5座船坞全部满负荷运转。", []),
        ("商务部重点监测的60个步行街客流量同比增长5.1%。", [None]),
        # counts of activity stay
        ("今年以来，口岸累计验放出入境旅客120万人次。", [1_200_000]),
    ],
)
def test_facilities_tasks_and_monitored_samples_are_not_figures(text: str, values: list) -> None:
    assert [v for (v,) in _facts(text, "2026-02-10", "value")] == values


def test_a_fairs_booths_are_counted_as_the_readers_do() -> None:
    text = "本届东博会设置展位约6600个，设8个展区。"
    assert _facts(text, "2025-09-17", "indicator", "value", "unit") == [("other", 6600, "个")]


@pytest.mark.parametrize(
    "text,date,expected",
    [
        # 来 inside a name (马来西亚) is no "since the opening"; 全年 keeps 去年
        (
            "去年，泉州港开通了至马来西亚巴生港的邮轮航线，全年靠泊邮轮14艘次。",
            "2026-01-28",
            [("2025-01", "2025-12")],
        ),
        ("今年7、8两个月，莫高窟接待游客超过93万人次。", "2025-09-03", [("2025-07", "2025-08")]),
        (
            "今年前10个月，该关查获走私冻品2.1万吨。上月中旬，缉私部门在海上查获冻牛肉38吨。",
            "2025-12-03",
            [("2025-01", "2025-10"), ("2025-11", "2025-11")],
        ),
    ],
)
def test_a_name_with_lai_a_month_pair_and_part_of_last_month(
    text: str, date: str, expected: list
) -> None:
    assert _facts(text, date, "period_start", "period_end") == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a site's own income is other money; tourism revenue is 旅游收入
        (
            "国庆假期，景区接待游客12万人次，门票收入6100余万元，旅游收入3亿元。",
            ["visitors", "tax_refund_or_other_money", "tourism_revenue"],
        ),
        ("当地面向游客发放文旅消费券一千万元。", ["tax_refund_or_other_money"]),
        # a trade named right before its amount
        ("今年前9个月，东兴边民互市贸易203.8亿元，增长17.2%。", ["trade_total"]),
        # each item of a 分别 list names its own quantity
        (
            "去年，对台小额贸易和台湾商品免税市场销售额分别为9.4亿元和7.1亿元。",
            ["trade_total", "tax_refund_or_other_money"],
        ),
        # more than a base by an amount is a change
        ("今年以来，班列开行1200列，比去年同期多开行近百列。", ["vessel_or_trip_count", "other"]),
        # goods exported in tonnes; cargo shipped or unloaded
        ("前4个月，口岸出口建材、蔬菜等货物3.2万吨，增长7.9%。", ["export"]),
        ("前5个月，港区发运风电装备86万吨，渔港卸港海产品超过6800吨。", ["cargo_throughput"] * 2),
    ],
)
def test_own_income_bare_trade_list_items_and_amounts_more(text: str, expected: list) -> None:
    assert [i for (i,) in _facts(text, "2026-05-22", "indicator")] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # customs enforcement and quarantine counts, each with its rate
        (
            "今年上半年，全国海关立案侦办走私犯罪案件2860起，案值318.6亿元，同比分别增长6.2%和11.4%。",
            [("other", 2860, "起", 6.2), ("tax_refund_or_other_money", 318.6e8, "CNY", 11.4)],
        ),
        (
            "上半年，口岸截获动植物及其产品4.3万批次，同比增长17%，检出有害生物1260种次。",
            [("other", 43000, "批次", 17.0), ("other", 1260, "种次", None)],
        ),
        # kilograms stay kilograms, as the readers keep them
        ("今年前两个月，智利车厘子出口量约5.3亿公斤。", [("export", 5.3e8, "公斤", None)]),
        # sailings counted in 个班次
        (
            "目前，厦金之间的货运班轮每周运行21个班次。",
            [("vessel_or_trip_count", 21, "flights", None)],
        ),
    ],
)
def test_case_and_batch_counts_kilograms_and_sailings(text: str, expected: list) -> None:
    assert _facts(text, "2025-07-20", "indicator", "value", "unit", "yoy_pct") == expected


def test_growth_each_after_its_word_and_saudi_arabia_by_its_short_name() -> None:
    text = "前三季度，四川、湖北、江西进出口增速均超过一成。"
    assert _facts(text, "2025-10-20", "reporter", "yoy_pct") == [
        ("四川", 10.0),
        ("湖北", 10.0),
        ("江西", 10.0),
    ]
    text = "前三季度，沙特、阿联酋、伊拉克出口均超过150亿元。"
    assert [r for (r,) in _facts(text, "2025-10-20", "reporter")] == ["沙特", "阿联酋", "伊拉克"]


@pytest.mark.parametrize(
    "text,expected",
    [
        # a multiple of last year's same period is a year-on-year rate
        ("今年以来，芜湖港已发运商品车5.6万辆，相当于去年同期的2.1倍。", [("other", 110.0)]),
        # a measure of its own between a figure and a rate keeps the rate from the figure
        (
            "上半年，该关完成集装箱机检查验12.6万标箱，查验效率提升约四成。",
            [("container_throughput", None)],
        ),
        # taxes, relief and costs are other money; an amount after a trade word is that trade
        ("前8个月，海关征收进口环节增值税1.46万亿元。", [("tax_refund_or_other_money", None)]),
        ("新接订单合同金额同比增长21%。", [("tax_refund_or_other_money", 21.0)]),
        ("前10个月，技术出口合同金额41.8亿美元，增长21.4%。", [("export", 21.4)]),
    ],
)
def test_multiples_own_measures_taxes_and_amounts(text: str, expected: list) -> None:
    assert _facts(text, "2026-03-12", "indicator", "yoy_pct") == expected


def test_partner_currencies_facilities_and_long_named_measures() -> None:
    text = (
        "据挪威海产局统计，去年挪威大西洋鲑出口额98亿挪威克朗。墨西哥货物贸易总额约合5300亿比索。"
    )
    assert _facts(text, "2026-02-20", "indicator", "value", "unit") == [
        ("export", 98e8, "NOK"),
        ("trade_total", 5300e8, "比索"),
    ]
    # places and facilities counted, and measures announced, are no activity
    text = "汛期以来，42个渡口设立了便民服务点，15个展馆免费开放。海关出台20条促进贸易便利化措施。"
    assert _facts(text, "2026-07-20", "value") == []


@pytest.mark.parametrize(
    "text,reporter",
    [
        (
            "今天，2026长江航运物流博览会在武汉开幕。本届博览会吸引了830多家企业参展。",
            "2026长江航运物流博览会",
        ),
        (
            "2025丝绸之路国际旅游博览会今天闭幕。本届旅博会签约文旅项目87个。",
            "2025丝绸之路国际旅游博览会",
        ),
    ],
)
def test_this_sessions_fair_is_named_in_full_by_its_year(text: str, reporter: str) -> None:
    assert [r for (r,) in _facts(text, "2026-09-15", "reporter")] == [reporter]


@pytest.mark.parametrize(
    "text,expected",
    [
        # supplies to Macao are exports
        ("前4个月，供澳鲜活农产品货值8.6亿元，供澳蔬菜4.1万吨。", ["export", "export"]),
        # parcels traded, a destination between the trade word and the count; contracts are deals
        ("前9个月，跨境电商进出口包裹超过4200万件。", ["trade_total"]),
        ("前7个月，出口至欧洲的跨境电商包裹达到1.46亿件。", ["export"]),
        ("一季度，登记技术出口合同2958份。", ["other"]),
        # income earned abroad is an export; tourism revenue by other names
        ("去年，知识产权使用费出口收入达到38.2亿美元。", ["export"]),
        ("台湾地区春节期间观光收入约2.4亿元新台币。", ["tourism_revenue"]),
        ("前三季度，岛内观光外汇收入约合新台币2280亿元。", ["tourism_revenue"]),
        ("金山区去年文旅总收入完成186亿元，同比增长24.6%。", ["tourism_revenue"]),
        # fishing boats sheltering are counted ships, no sailings
        ("受台风影响，1.2万艘渔船回港避风。", ["other"]),
        # aircraft, screens and transactions are counts
        ("上半年，交付A320系列飞机38架，新增银幕1460块，办理线上业务43万笔。", ["other"] * 3),
    ],
)
def test_supplies_parcels_income_abroad_boats_and_new_counts(text: str, expected: list) -> None:
    assert [i for (i,) in _facts(text, "2026-08-05", "indicator")] == expected


def test_what_a_year_can_carry_has_no_period() -> None:
    text = "新航线每周固定开行两班，全年可运输集装箱1.5万标箱。"
    assert _facts(text, "2026-03-27", "period_start", "period_end") == [(None, None)]


def test_a_partners_rate_after_a_list_and_a_change_since_a_date() -> None:
    text = "前三季度，福州市与东盟、欧盟分别进出口612.4亿元、548.7亿元，对东盟进出口增长14.6%。"
    assert _facts(text, "2025-10-21", "partner", "yoy_pct") == [("东盟", 14.6), ("欧盟", None)]
    # 比去年底 is a change since a date, not year on year
    text = "目前，214家企业完成标准合同备案，比去年底增加近一倍。"
    assert _facts(text, "2026-06-15", "yoy_pct") == [(None,)]


@pytest.mark.parametrize(
    "text,date,expected",
    [
        # the year in an event's name is a name; the event's figures are its month
        (
            "今天，2026年中国国际服务贸易交易会在北京开幕。本届服贸会线下参展企业约2200家。",
            "2026-09-09",
            [("2026-09", "2026-09")],
        ),
        # 网上年货节 holds no 上年
        (
            "今年以来，“网上年货节”期间全国网上零售额达到1.02万亿元。",
            "2026-02-09",
            [("2026-01", "2026-02")],
        ),
    ],
)
def test_years_in_names_are_no_periods(text: str, date: str, expected: list) -> None:
    assert _facts(text, date, "period_start", "period_end") == expected


def test_a_numeral_spanning_wan_and_a_ships_capacity() -> None:
    text = "前三季度，上海口岸出口整车四十一万三千辆，增长31.5%。"
    assert _facts(text, "2026-10-22", "value", "yoy_pct") == [(413000, 31.5)]
    text = "航线上最大的一艘客滚船可一次装载小汽车120辆。"
    assert _facts(text, "2026-02-25", "value") == []


@pytest.mark.parametrize(
    "text,date,expected",
    [
        # a single shipment is counted, in the month it moves (every reader so far)
        (
            "今年前3个月，中欧班列开行2100列。今天上午，一列满载52个集装箱的中欧班列从乌鲁木齐出发。",
            "2026-04-03",
            [("2026-01", "2026-03", 2100), ("2026-04", "2026-04", 52)],
        ),
        (
            "一季度，芜湖港发运商品车5.6万辆。一艘满载2000辆汽车的滚装船近日启航。",
            "2026-04-12",
            [("2026-01", "2026-03", 56000), ("2026-04", "2026-04", 2000)],
        ),
    ],
)
def test_a_single_shipment_is_counted_in_its_month(text: str, date: str, expected: list) -> None:
    assert _facts(text, date, "period_start", "period_end", "value") == expected


def test_a_contributed_part_is_a_share_and_duty_free_goods_are_imports() -> None:
    text = "前三季度，北京贡献了全国技术出口的78.4%。"
    assert _facts(text, "2026-10-20", "indicator", "value") == [("share", 78.4)]
    text = "封关以来，海关监管享惠“零关税”货物3.2亿元。"
    assert _facts(text, "2025-12-22", "indicator") == [("import",)]


@pytest.mark.parametrize(
    "text,date,expected",
    [
        (
            "10月中旬以来，重点电商平台数码产品销售额同比增长24.7%。",
            "2025-11-12",
            ("2025-10", "2025-11"),
        ),
        (
            "1月中旬“网上年货节”启动以来，全国网上零售额达到1.02万亿元。",
            "2026-02-09",
            ("2026-01", "2026-02"),
        ),
    ],
)
def test_since_part_of_a_month(text: str, date: str, expected: tuple) -> None:
    assert _facts(text, date, "period_start", "period_end") == [expected]


def test_pairs_of_trains_are_trips_kept_as_pairs() -> None:
    text = "春运期间，铁路部门每天加开动车组12对。"
    assert _facts(text, "2026-02-10", "indicator", "value", "unit") == [
        ("vessel_or_trip_count", 12, "对")
    ]


@pytest.mark.parametrize(
    "text,reporter",
    [
        ("截至12月27日，今年三峡船闸通过货物1.58亿吨。", "三峡船闸"),
        ("今年7、8两个月，莫高窟累计接待游客超过93万人次。", "莫高窟"),
        ("今年6月1日全线通车以来，独库公路累计通行车辆达到61.3万辆次。", "独库公路"),
        ("今年上半年，中国船舶集团新接船舶订单152艘。", "中国船舶集团"),
    ],
)
def test_waterway_works_roads_sites_and_groups_report_their_own(text: str, reporter: str) -> None:
    assert [r for (r,) in _facts(text, "2026-09-01", "reporter")] == [reporter]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "今天上午，一艘可载客3800人的大型邮轮靠泊厦门国际邮轮中心，今年以来该中心接待旅客42万人次。",
            ("visitors", 420000),
        ),
        (
            "新开通的全货机航线单班最大载重约90吨，今年以来该机场货邮吞吐量达到12.3万吨。",
            ("cargo_throughput", 123000),
        ),
        (
            "一家新开业的影城，最大的巨幕厅拥有460个座位，今年以来当地影院观众达到86万人次。",
            ("visitors", 860000),
        ),
        (
            "企业将在口岸建设一座设计库容15万吨的冷库，今年以来口岸进口水果28万吨。",
            ("import", None),
        ),
    ],
)
def test_the_size_of_one_ship_hall_or_store_is_no_figure(text: str, expected: tuple) -> None:
    # only the year's activity remains, never the capacity of one ship, flight, hall or store
    got = _facts(text, "2026-06-10", "indicator", "value")
    assert [g[0] for g in got] == [expected[0]]
    assert expected[1] is None or got[0][1] == expected[1]


def test_hong_kong_and_macao_carry_to_the_next_sentence_taiwan_does_not() -> None:
    text = (
        "去年，澳门本地生产总值超过4000亿澳门元。今年1至10月，入境旅客累计达到3300万人次，"
        "同比增长11.2%。"
    )
    assert [r for (r,) in _facts(text, "2026-11-20", "reporter")] == ["澳门", "澳门"]
    text = "今年以来，已有2万名台湾青年来大陆实习就业。今年前10个月，两岸贸易额达到2.1万亿元。"
    assert [r for (r,) in _facts(text, "2026-11-20", "reporter")][-1] != "台湾"


@pytest.mark.parametrize(
    "text,reporter",
    [
        ("泰国旅游局日前发布，今年前8个月，中国赴泰国游客达到312万人次，同比增长21%。", "泰国"),
        (
            "马来西亚今年前9个月接待国际游客1800万人次。中国继续是马来西亚第二大客源市场，"
            "到访游客达到260万人次。",
            "马来西亚",
        ),
    ],
)
def test_chinese_visitors_abroad_are_the_destinations_figure(text: str, reporter: str) -> None:
    assert [r for (r,) in _facts(text, "2026-10-20", "reporter")][-1] == reporter


def test_tenths_after_cheng_are_read() -> None:
    # 八成五 is 85 %, 九成六 96 %; a growth of 一成三 is 13 %
    assert _facts("今年国庆假期，出境航班客座率超过八成五。", "2025-10-10", "value") == [(85,)]
    text = "10月，国际航线旅客运输量恢复至2019年同期的九成六。"
    assert _facts(text, "2025-11-10", "value")[-1] == (96,)
    assert _facts("今年前10个月，出口增长一成三。", "2025-11-10", "yoy_pct") == [(13,)]


def test_hong_kong_first_three_quarters() -> None:
    text = "今年首三季，整体出口货值较去年同期上升12.4%。"
    assert _facts(text, "2025-11-10", "period_start", "period_end") == [("2025-01", "2025-09")]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("上月，机场新开通至列日、莱比锡两条货运航线。", [("other", 2)]),
        ("昨天（10月26日），两艘国际邮轮同时靠泊厦门。", [("vessel_or_trip_count", 2)]),
        ("这里正对两座矿石泊位进行智能化改造。", []),  # other small numerals stay no figure
    ],
)
def test_two_routes_opened_and_two_cruise_ships_calling_are_counted(
    text: str, expected: list
) -> None:
    assert _facts(text, "2025-10-27", "indicator", "value") == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("假期9天，港区完成铁矿石作业量520万吨。", ("cargo_throughput", 5_200_000)),
        ("原油码头接卸油轮18艘次，卸油量约410万吨。", ("cargo_throughput", 4_100_000)),
        ("今年9月，共有1210艘船只通过苏伊士运河。", ("vessel_or_trip_count", 1210)),
        ("今年以来，经该港运往中国的农产品累计超过26万吨。", ("cargo_throughput", 260_000)),
        ("今年以来，班列运回小麦、大麦等粮油产品近40万吨。", ("cargo_throughput", 400_000)),
        ("今年以来，航线累计运输大豆和玉米1560万吨。", ("cargo_throughput", 15_600_000)),
        ("前4个月，该港区完成粮食中转量1120万吨。", ("cargo_throughput", 11_200_000)),
        ("今年以来，玉米经营口港下水量突破1800万吨。", ("cargo_throughput", 18_000_000)),
        ("10月份，民航完成运输总周转量142.5亿吨公里。", ("other", 14_250_000_000)),
        ("上半年，中欧班列（长安号）开行2860列，货重196.4万吨。", ("cargo_throughput", 1_964_000)),
    ],
)
def test_cargo_worked_or_carried_and_ships_passing(text: str, expected: tuple) -> None:
    assert _facts(text, "2026-10-10", "indicator", "value")[-1] == expected


def test_a_month_early_is_no_period() -> None:
    text = (
        "今年前11个月，经大桥进出口3100亿元，同比增长14.7%，提前一个月超过去年全年水平。"
        "其中，出口2043.2亿元。"
    )
    got = _facts(text, "2025-12-05", "period_start", "period_end")
    assert got == [("2025-01", "2025-11"), ("2025-01", "2025-11")]


def test_a_change_against_last_whole_year_is_not_year_on_year() -> None:
    text = "今年以来，口岸累计通行车辆193万辆次，比去年全年增长约四成。"
    got = extract_facts(text, "2025-12-01")
    assert [(f["value"], f["yoy_pct"], f.get("change_basis")) for f in got] == [
        (1_930_000, None, "去年全年")
    ]


def test_the_base_year_of_a_multiple_is_not_carried() -> None:
    text = (
        "今年前11个月，烟台港商品车出口量达到28.7万辆，已是2023年全年的2.3倍。"
        "同期，该港接卸铝土矿6870万吨。"
    )
    got = _facts(text, "2025-12-05", "value", "period_end")
    assert (68_700_000, "2025-11") in got


def test_an_industrial_park_is_named_in_full() -> None:
    text = "今年1—10月，苏州工业园区实际使用外资18.6亿美元，同比增长7.3%。"
    assert [r for (r,) in _facts(text, "2025-11-20", "reporter")] == ["苏州工业园区"]


def test_a_stock_reached_in_a_sentence_of_its_own_is_up_to_now() -> None:
    text = "今年1—6月，广东跨境电商进出口3290亿元。全省跨境电商综试区已达21个，实现地级市全覆盖。"
    assert _facts(text, "2026-07-20", "period_start", "period_end")[-1] == (None, "2026-07")


def test_a_ferry_strait_reports_its_own_crossings() -> None:
    text = "“五一”假期最后一天，琼州海峡预计运送旅客9.3万人次。"
    assert [r for (r,) in _facts(text, "2026-05-05", "reporter")] == ["琼州海峡"]
    text = "海峡两岸贸易额达到2.1万亿元。"  # 海峡两岸 names both sides, not a strait
    assert [r for (r,) in _facts(text, "2026-05-05", "reporter")] != ["海峡"]


def test_a_port_of_a_port_group_reports_by_its_own_name() -> None:
    text = "记者从山东港口日照港获悉，今年前8个月，该港完成货物吞吐量4.21亿吨。"
    assert [r for (r,) in _facts(text, "2025-09-10", "reporter")] == ["日照港"]


def test_a_name_with_qi_inside_is_not_cut_there() -> None:
    text = "今年以来，红其拉甫口岸进出口货物已超过8.5万吨。"
    assert [r for (r,) in _facts(text, "2026-10-09", "reporter")] == ["红其拉甫口岸"]


def test_a_cruise_centre_reports_its_own_calls() -> None:
    text = "一季度，厦门国际邮轮中心共接待邮轮43艘次，旅客吞吐量9.6万人次。"
    assert {r for (r,) in _facts(text, "2026-04-10", "reporter")} == {"厦门国际邮轮中心"}


def test_a_whole_autonomous_region_reports_by_its_short_name() -> None:
    text = "据广西壮族自治区商务厅统计，今年前三季度，全区跨境电商进出口412.6亿元，同比增长18.3%。"
    assert [r for (r,) in _facts(text, "2026-10-20", "reporter")] == ["广西"]


def test_gai_guan_points_back_to_the_customs_named() -> None:
    text = "记者从青岛海关获悉，今年前8个月，该关共查获侵权货物12.3万件，同比增长15%。"
    assert {r for (r,) in _facts(text, "2026-09-10", "reporter")} == {"青岛海关"}


def test_a_bare_kind_word_after_a_year_points_back_to_its_name() -> None:
    text = "记者从钦州港片区获悉，去年片区新增注册企业3200家，同比增长12%。"
    assert {r for (r,) in _facts(text, "2026-03-10", "reporter")} == {"钦州港片区"}


def test_a_forecast_for_a_period_to_come_dates_its_breakdown() -> None:
    text = "预计春运期间全国铁路将发送旅客5.1亿人次。其中，民航预计运送旅客9200万人次。"
    got = _facts(text, "2026-01-15", "value", "period_start", "period_end")
    assert (92_000_000, "2026-02", "2026-03") in got
    text = "该馆预计2027年建成开放。预计全年全省博物馆观众量将突破1.1亿人次。"  # a date to open by
    assert _facts(text, "2026-03-10", "period_end") == [("2026-12",)]


def test_an_airline_timetable_season_is_its_months() -> None:
    text = "新航季，厦门高崎国际机场每周计划执行国际客运航班420班，新开国际航线6条。"
    assert set(_facts(text, "2025-10-29", "period_start", "period_end")) == {("2025-10", "2026-03")}
    text = "2026年夏秋航季，福州长乐国际机场每周执行国际航班180班。"
    assert _facts(text, "2026-03-30", "period_start", "period_end") == [("2026-03", "2026-10")]
    text = "冬春航季开始后，该机场国际航线达到19条。"  # since it began: up to now
    assert _facts(text, "2026-11-26", "period_end") == [("2026-11",)]


def test_a_multiple_of_last_years_holiday_is_year_on_year() -> None:
    text = "假期期间，鼓浪屿接待游客46万人次，是去年国庆假期的1.3倍。"
    assert _facts(text, "2026-10-08", "value", "yoy_pct") == [(460_000, 30.0)]
    text = "春运以来，琼州海峡运送旅客120万人次，是去年春运同期的1.2倍。"
    assert _facts(text, "2026-02-24", "value", "yoy_pct") == [(1_200_000, 20.0)]


def test_more_than_the_last_session_by_a_share_is_its_growth() -> None:
    text = "目前已确认参展的境外企业1360家，比上届同期多出一成半。"
    assert _facts(text, "2026-08-20", "value", "yoy_pct") == [(1360, 15.0)]


def test_a_rate_aimed_at_with_no_figure_is_no_fact() -> None:
    text = "省政府工作报告提出，今年全省货物贸易进出口力争增长8%以上。"
    assert _facts(text, "2026-01-25", "yoy_pct") == []
    text = "今年全省货物贸易进出口增长8.2%。"  # an outcome stays
    assert _facts(text, "2026-01-25", "yoy_pct") == [(8.2,)]


def test_figures_listed_as_targets_or_named_a_target_are_no_facts() -> None:
    text = "报告提出今年主要预期目标：国内生产总值增长5%左右，城镇新增就业1200万人以上。"
    assert extract_facts(text, "2026-03-05") == []
    text = "省政府工作报告提出全年增长5.5%左右的预期目标，上半年全省进出口增长6.1%。"
    assert _facts(text, "2026-07-20", "yoy_pct") == [(6.1,)]


def test_an_open_list_of_places_sharing_a_rate_is_one_fact() -> None:
    text = "春节期间，厦门、泉州、漳州等地入境游订单量同比均增长五成以上。"
    assert _facts(text, "2026-02-24", "reporter", "yoy_pct") == [("厦门、泉州、漳州等地", 50.0)]
    text = "机电产品、劳动密集型产品和农产品出口均增长一成以上。"  # a closed list: one each
    assert len(_facts(text, "2026-02-24", "yoy_pct")) == 3


def test_a_seasons_planned_weekly_flights_are_its_figure() -> None:
    text = "新航季，厦门高崎国际机场每周计划执行客运航班2360班，同比增长6.2%。"
    assert _facts(text, "2025-10-28", "value", "yoy_pct") == [(2360, 6.2)]
    text = "新开通的福州至河内航线计划每周执飞3班。"  # a new route's plan: no figure
    assert _facts(text, "2026-03-10", "value") == []


def test_the_base_of_a_multiple_is_no_period_to_carry() -> None:
    text = "假期期间，东兴口岸出入境6.2万人次，是去年国庆假期的1.3倍。铁路每天加开列车14列。"
    assert _facts(text, "2025-10-08", "value", "period_end")[-1] == (14, "2025-10")


def test_a_price_cheaper_by_a_share_is_no_figure() -> None:
    text = "“同样一瓶香水，比内地便宜了差不多三分之一。”来自湖南的游客说。"
    assert _facts(text, "2026-10-08", "value") == []


def test_a_trade_value_between_two_places_is_their_trade() -> None:
    text = "今年一季度，澳门与横琴之间的贸易货值达到12.6亿澳门元，同比增长近两成。"
    assert _facts(text, "2026-05-20", "indicator") == [("trade_total",)]


def test_people_registered_for_insurance_are_no_visitors() -> None:
    text = "今年以来，合作区已为澳门居民办理社保参保登记1.3万人次。"
    assert _facts(text, "2025-12-18", "indicator") == [("other",)]


def test_weekly_flights_in_a_running_season_keep_the_season() -> None:
    text = "新航季，厦门航空每周计划执行航班1900班，同比增长5%。其中，厦门至东京每周执行航班14班。"
    assert _facts(text, "2026-10-27", "value", "period_end")[-1] == (14, "2027-03")
    text = "目前，厦门至金门航线每周往返航班超过300班。"  # no season: up to now
    assert _facts(text, "2026-10-27", "period_start", "period_end") == [(None, "2026-10")]


def test_kip_riel_and_kyat_are_currencies() -> None:
    text = "上半年，老挝钾肥出口收入达到11.2万亿基普，同比增长12%。"
    assert _facts(text, "2026-08-19", "value", "unit") == [(11_200_000_000_000, "LAK")]


def test_spectators_counted_in_persons_are_other_but_a_fairs_are_visitors() -> None:
    match = "昨天（7月26日），两支城市足球队的比赛吸引现场观众5.8万人，刷新本赛季纪录。"
    fair = "本届博览会为期五天，共吸引专业观众3.2万人，同比增长12%。"
    assert _facts(match, "2026-07-27", "indicator") == [("other",)]
    assert _facts(fair, "2026-07-27", "indicator") == [("visitors",)]
    league = "今年联赛共进行比赛94场，现场观众累计163万人次。博物馆接待观众2.1万人次。"
    assert _facts(league, "2026-07-27", "indicator")[1:] == [("other",), ("visitors",)]


def test_ringgit_as_lingji_and_a_count_after_renshu() -> None:
    text = "前三季度，马来西亚对华出口1582.7亿令吉。本届比赛报名人数超过22.6万，创历史新高。"
    assert _facts(text, "2026-11-10", "value", "unit") == [
        (158_270_000_000, "MYR"),
        (226_000, "persons"),
    ]


def test_a_rate_said_of_each_and_a_rate_against_last_season() -> None:
    text = "今年以来，铁路港已开行专列18列，发运药品2600多吨，货值5.3亿元，均比去年同期翻了一番。"
    assert [y for (y,) in _facts(text, "2026-06-11", "yoy_pct")] == [100.0, 100.0, 100.0]
    daily = "国庆假期7天，民航共运送旅客1690万人次，日均约241万人次，日均同比增长4.8%。"
    assert _facts(daily, "2026-10-08", "yoy_pct")[0] == (None,)
    text = "本赛季现场观众累计达到292万人次，比上赛季增长近四成。"
    assert _facts(text, "2026-11-23", "yoy_pct", "change_pct") == [(40.0, None)]
    text = "本冰雪季，冰雪大世界累计接待游客286万人次，比上一冰雪季增长12.4%。"
    assert _facts(text, "2026-03-02", "yoy_pct", "change_pct") == [(12.4, None)]
    text = "今年以来，智利已有2.3万个集装箱的车厘子运抵中国，较上一产季增加三成。"
    assert _facts(text, "2026-02-02", "yoy_pct", "change_pct") == [(30.0, None)]


def test_the_value_of_goods_counted_just_before_is_their_trade() -> None:
    text = (
        "同期，全国以租赁贸易方式进口飞机42架，价值26.1亿美元。去年我国进口榴莲156万吨，"
        "金额约484亿元。截至目前，海南累计进口“零关税”飞机货值约328亿元。"
    )
    assert [i for (i,) in _facts(text, "2026-04-13", "indicator")] == ["import"] * 5


def test_one_with_a_scale_is_a_figure_and_gross_tonnage_a_unit() -> None:
    text = "今年迪拜国际机场旅客吞吐量将接近一亿人次。香港注册船舶总吨位约1.33亿总吨，增长2.1%。"
    assert _facts(text, "2026-06-08", "value", "unit") == [
        (100_000_000, "person_trips"),
        (133_000_000, "总吨"),
    ]
    ship = "一艘13.55万总吨的国产大型邮轮今天首航。"
    assert _facts(ship, "2026-06-08", "value") == []


def test_riyals_forints_zlotys_and_dinars_are_currencies() -> None:
    text = (
        "今年第三季度，沙特对中国非石油出口83亿里亚尔，同比下降3.1%。匈牙利对华出口额达到4120亿福林，"
        "同比增长12%。波兰自华进口额达到520亿兹罗提。卡塔尔对华出口120亿卡塔尔里亚尔。"
    )
    assert _facts(text, "2025-11-24", "value", "unit", "yoy_pct") == [
        (8_300_000_000, "里亚尔", -3.1),
        (412_000_000_000, "HUF", 12.0),
        (52_000_000_000, "PLN", None),
        (12_000_000_000, "QAR", None),
    ]


def test_the_parts_of_a_stock_up_to_now_are_up_to_now() -> None:
    text = "上半年，园区产值增长12%。在赛色塔开发区，入驻企业已达到168家，其中中资企业120家。"
    got = _facts(text, "2026-08-19", "value", "period_start", "period_end")
    assert (120, None, "2026-08") in got


def test_since_a_start_up_to_a_date_ends_there() -> None:
    text = "截至7月底，江苏中欧班列自开行以来已累计开行超过1.6万列。"
    assert _facts(text, "2026-08-19", "period_end") == [("2026-07",)]
    text = "春运开始至昨天，厦门高崎国际机场共运送旅客86万人次。"
    assert _facts(text, "2026-02-13", "period_end") == [("2026-02",)]


def test_a_year_and_more_since_opening_runs_to_now() -> None:
    text = "去年，园区产值增长9%。这条铁路通车一年多来，已累计开行列车5400多列，运送旅客620万人次。"
    assert _facts(text, "2026-01-26", "value", "period_end")[-1] == (6_200_000, "2026-01")


def test_a_rate_after_gengshi_jiejin_is_a_growth() -> None:
    text = "1—8月，福建跨境电商进出口312.5亿元，同比增长19.6%，对东盟出口增长更是接近五成。"
    assert _facts(text, "2026-10-08", "indicator", "yoy_pct")[-1] == ("export", 50.0)


def test_weekly_flights_in_a_small_chinese_numeral_are_counted() -> None:
    text = "今天，福州至曼谷直飞航线首航，每周执飞三班。"
    assert _facts(text, "2026-04-29", "value", "unit") == [(3, "flights")]


def test_round_trips_of_a_route_are_flights() -> None:
    text = "假期期间，烟台至韩国平泽的客货班轮加密到每周4个往返。"
    assert _facts(text, "2025-10-09", "indicator", "value") == [("vessel_or_trip_count", 4)]


def test_the_former_and_the_latter_take_their_rates() -> None:
    text = "前两个月，欧盟、美国进出口分别为9365.4亿元和6478.2亿元，前者增长5.3%，后者下降4.7%"
    assert _facts(text, "2026-03-10", "value", "yoy_pct") == [
        (936_540_000_000, 5.3),
        (647_820_000_000, -4.7),
    ]


def test_parcels_counted_in_dan_are_no_money_and_goods_after_a_trade_word_are_traded() -> None:
    text = "今年1—2月，义乌市跨境电商出口包裹达到1.28亿单，同比增长23%。"
    assert _facts(text, "2026-03-10", "indicator", "value", "unit", "yoy_pct") == [
        ("export", 128000000, "单", 23.0)
    ]
    text = "今年1至10月，泉州以9610模式出口跨境电商货物2.87亿票，同比增长19.3%。"
    assert _facts(text, "2026-11-20", "indicator", "unit") == [("export", "票")]
    text = "今年以来，办理享惠“零关税”进口货物申报1430票。"  # declarations, not goods
    assert _facts(text, "2026-11-20", "indicator") == [("other",)]
    text = "国庆假期，宁波海关共办理出口报关单5.2万票。"  # declarations, not goods
    assert _facts(text, "2026-10-09", "indicator") == [("other",)]


def test_a_growth_after_a_milestone_passed_is_the_figures() -> None:
    text = "截至11月底，蛇口邮轮母港今年旅客达到42.6万人次，首次突破40万人次大关，同比增长57.3%。"
    assert _facts(text, "2025-12-02", "value", "yoy_pct") == [(426000, 57.3)]


def test_a_growth_of_goods_after_a_trade_word_is_that_trades() -> None:
    text = "公司重庆工厂经陆海新通道出口东南亚的货物比去年同期翻了一番。"
    assert _facts(text, "2026-10-10", "indicator", "yoy_pct") == [("export", 100.0)]


def test_a_daily_average_after_a_list_is_one_fact() -> None:
    text = "深圳湾、福田、罗湖等陆路口岸出入境旅客累计突破2亿人次，日均超过65万人次。"
    assert _facts(text, "2026-11-25", "value") == [(200000000,), (650000,)]


def test_the_count_closing_a_list_leaves_its_last_member_bare() -> None:
    text = "其中，上海、天津两地邮轮口岸出入境旅客分别占全国的41%和19%。"
    assert _facts(text, "2026-10-07", "reporter") == [("上海",), ("天津",)]
    text = "前三季度，南平、三明、龙岩三市地区生产总值分别增长5.7%、6.0%和6.3%。"
    assert _facts(text, "2025-10-20", "reporter") == [("南平",), ("三明",), ("龙岩",)]


def test_trainees_are_no_visitors() -> None:
    text = "今年以来，古田干部学院已举办培训班460期，培训学员2.1万人次，同比增长13.5%。"
    assert ("other", 21000) in _facts(text, "2026-07-01", "indicator", "value")


def test_an_estimate_for_months_named_keeps_those_months() -> None:
    text = "今年前三季度，越南水果蔬菜出口额预计达到61.4亿美元，同比增长8.2%。"
    assert _facts(text, "2026-09-30", "period_start", "period_end") == [("2026-01", "2026-09")]
    text = "今年，越南水果蔬菜出口额预计达到61.4亿美元。"  # a forecast for this year: the year
    assert _facts(text, "2026-09-30", "period_start", "period_end") == [("2026-01", "2026-12")]


def test_a_growth_of_bookings_or_orders_is_other_whatever_the_paragraph() -> None:
    text = "假期全市接待游客120万人次。在线旅游平台数据显示，酒店预订量同比增长68%。"
    assert _facts(text, "2025-10-08", "indicator", "yoy_pct")[-1] == ("other", 68.0)
    text = "今年上半年，集团新接船舶订单152艘，新接订单合同金额同比增长21%。"  # money
    assert _facts(text, "2026-07-18", "indicator", "yoy_pct")[-1] == (
        "tax_refund_or_other_money",
        21.0,
    )


def test_a_share_of_a_bare_quanguo_in_a_foreign_sentence_is_that_countrys() -> None:
    text = "今年上半年，巴西新增风电装机1.46吉瓦，同比增长12%，风电占全国发电量的比重约为14%。"
    assert _facts(text, "2026-07-08", "indicator", "reporter", "partner")[-1] == (
        "share",
        "巴西",
        None,
    )


def test_weekly_ship_calls_are_counted_and_a_capacity_growth_is_its_own() -> None:
    text = "目前每周往返中国与南美西海岸的集装箱班轮已达到21艘次，运力比去年同期增加约25%。"
    assert _facts(text, "2026-08-10", "indicator", "value", "yoy_pct") == [
        ("vessel_or_trip_count", 21, None),
        ("other", None, 25.0),
    ]


def test_two_aircraft_delivered_and_two_ships_calling_are_counted() -> None:
    text = "今天（11月25日），两架C919客机以保税租赁方式交付。"
    assert _facts(text, "2026-11-25", "value") == [(2,)]
    text = "在深圳蛇口邮轮母港，今天有两艘邮轮先后靠港，4000多名旅客通关。"
    assert (2, "vessel_or_trip_count") in _facts(text, "2026-10-07", "value", "indicator")


def test_deals_are_no_trade_but_a_contracted_technology_export_is() -> None:
    text = "今年1—7月，宁波纺织服装企业出口订单金额同比增长6.8%。"
    assert _facts(text, "2026-08-10", "indicator") == [("tax_refund_or_other_money",)]
    text = "展会期间实现文化产品出口交易额242.6亿元，比上届增长7.8%。"
    assert _facts(text, "2026-05-20", "indicator") == [("tax_refund_or_other_money",)]
    text = "前5个月，技术出口合同金额7.7亿美元。"
    assert _facts(text, "2026-06-20", "indicator") == [("export",)]


def test_the_value_a_change_starts_from_has_no_date_unless_one_is_named() -> None:
    text = "调查显示，调查期内涉案产品进口量由3.1万吨增至5.4万吨。"
    assert _facts(text, "2025-11-21", "value", "period_end")[0] == (31_000, None)
    text = "今年以来，日均开行列车由开通初期的28列增至62列。"
    assert _facts(text, "2025-09-04", "value", "period_end")[0] == (28, None)
    text = "其中，回程班列占比由2024年的不足两成提高到近三成。"
    assert _facts(text, "2026-01-28", "value", "period_end")[0] == (20, "2024-12")
    text = "春节假期，厦金航线预计往返旅客1.3万人次。航运企业将每天的航班由36班增至48班。"
    assert _facts(text, "2026-02-21", "value", "period_end")[1] == (36, "2026-02")


def test_the_summed_floor_area_of_warehouses_is_a_figure_one_sites_area_is_not() -> None:
    text = "截至8月底，深圳企业在全球布局海外仓超过560个，面积约480万平方米。"
    assert _facts(text, "2026-09-10", "value", "unit") == [(560, "个"), (4_800_000, "平方米")]
    text = "宁波企业在全球运营海外仓392个，总面积突破380万平方米。"
    assert (3_800_000, "平方米") in _facts(text, "2026-07-10", "value", "unit")
    for text in ("本届广交会展览总面积155万平方米。", "这个海外仓投用，设计仓储面积3万平方米。"):
        assert _facts(text, "2026-09-10", "unit") == []


def test_the_value_of_goods_re_exported_shipped_out_or_brought_in_is_that_trade() -> None:
    text = "今年上半年，经香港转口的重庆货物货值达386.5亿港元，同比增长9.3%。"
    assert _facts(text, "2026-08-10", "indicator") == [("export",)]
    text = "今年前4个月，经友谊关口岸出口的跨境电商货物货值达到14.6亿元，同比增长1.3倍。"
    assert _facts(text, "2026-05-10", "indicator") == [("export",)]
    text = "今年1—2月，经深圳湾口岸入境的相关药械货值约4800万港元，同比增长三成多。"
    assert _facts(text, "2026-03-10", "indicator") == [("import",)]


def test_a_list_of_multiples_of_a_year_ago_gives_each_figure_its_growth() -> None:
    text = "春节假期，邮轮母港接待邮轮27艘次、旅客9.8万人次，分别是去年同期的1.6倍和1.9倍。"
    assert _facts(text, "2026-02-10", "value", "yoy_pct") == [(27, 60.0), (98_000, 90.0)]


def test_a_lines_box_count_growing_is_container_throughput() -> None:
    text = "其中，环渤海内支线、东南亚航线箱量分别增长9.4%和18.6%。"
    assert _facts(text, "2026-07-10", "indicator", "yoy_pct") == [
        ("container_throughput", 9.4),
        ("container_throughput", 18.6),
    ]


def test_the_parts_of_a_total_are_reported_by_whoever_reported_the_total() -> None:
    # Taiwan's figures are not carried on into mainland news, but 其中 gives the total's parts
    text = "前三季度，台湾出口总额4312亿美元，增长18.1%。其中，对欧洲出口512亿美元，增长7.2%。"
    assert _facts(text, "2026-10-12", "reporter", "value") == [
        ("台湾", 431_200_000_000),
        ("台湾", 51_200_000_000),
    ]
    text = "前三季度，台湾出口总额4312亿美元，增长18.1%。福建对台贸易额增长5.1%。"
    assert _facts(text, "2026-10-12", "reporter")[1] == ("福建",)


def test_a_numbered_forum_is_named_in_full_with_what_is_held_with_it() -> None:
    text = (
        "6月3日至5日，第二届中国（西安）丝路开放合作论坛暨加工贸易产业转移对接会在西安举行。"
        "来自上海等地的210多家企业签约项目96个。"
    )
    name = "第二届中国（西安）丝路开放合作论坛暨加工贸易产业转移对接会"
    assert _facts(text, "2026-06-06", "reporter") == [(name,), (name,)]
    text = "第二届海峡论坛大会今天在厦门举行，签约项目96个。"  # 论坛大会 as written
    assert _facts(text, "2026-06-06", "reporter") == [("第二届海峡论坛大会",)]


def test_the_zone_pointed_to_is_the_bonded_zone_named_in_full() -> None:
    text = "在厦门海沧综合保税区，装卸作业一派繁忙。今年前5个月，该综保区进出口额达286.4亿元。"
    assert _facts(text, "2026-06-10", "reporter") == [("厦门海沧综合保税区",)]


def test_a_port_with_ri_in_its_name_is_named_whole() -> None:
    text = "泽布吕赫—布鲁日港上半年集装箱吞吐量约61万标箱，同比增长3.1%。"
    assert _facts(text, "2026-07-20", "reporter") == [("泽布吕赫—布鲁日港",)]
    text = "12日厦门港集装箱吞吐量达到5.2万标箱。"  # a date's 日 is no part of the name
    assert _facts(text, "2026-07-20", "reporter") == [("厦门港",)]


def test_an_economic_development_zones_bonded_zone_keeps_its_jingkai() -> None:
    text = "合肥经开综合保税区今年前5个月进出口额达到96.3亿元，同比增长12.4%。"
    assert _facts(text, "2026-06-10", "reporter") == [("合肥经开综合保税区",)]


def test_taiwans_own_release_with_its_date_carries_its_figures_on() -> None:
    text = (
        "台湾地区有关部门今天（3月9日）发布数据，前两个月台湾出口985.2亿美元，同比增长16.7%。"
        "同期，对东盟出口增长11.2%。"
    )
    assert _facts(text, "2026-03-09", "reporter") == [("台湾",), ("台湾",)]


def test_a_countdown_and_island_countries_name_no_subject() -> None:
    text = "距离第五届消博会开幕还有10天。记者了解到，已有2800多家企业确认参展。"
    assert _facts(text, "2026-04-03", "reporter") == [("第五届消博会",)]
    text = "第三届福州渔业博览会今天闭幕。来自斐济、萨摩亚等太平洋岛国的86家企业参展。"
    assert _facts(text, "2026-05-06", "reporter") == [("第三届福州渔业博览会",)]  # 岛国: no island


def test_a_customs_office_whose_district_is_a_province_reports_for_that_province() -> None:
    text = "据南昌海关统计，今年前7个月，全省跨境电商进出口186.2亿元，同比增长9.1%。"
    assert _facts(text, "2026-08-20", "reporter") == [("江西",)]
    text = "乌鲁木齐海关数据显示，海关共监管中欧班列进出境货物420万吨，同比增长6.3%。"
    assert _facts(text, "2026-08-20", "reporter") == [("新疆",)]
    text = "据厦门海关统计，今年前7个月，全市进出口5412亿元，同比增长3.2%。"  # part of Fujian
    assert _facts(text, "2026-08-20", "reporter") == [("厦门",)]


def test_an_airports_authority_reports_for_the_airport_named_in_full() -> None:
    text = (
        "一架全货机今天降落广州白云国际机场。广州白云机场管理局介绍，前10个月机场货运量"
        "约198万吨，同比增长8.2%。"
    )
    assert _facts(text, "2026-11-12", "reporter") == [("广州白云国际机场",)]


def test_a_run_from_today_to_a_named_end_day_spans_both_months() -> None:
    text = "国庆假期铁路运输从今天开始，到10月8日结束。全国铁路预计发送旅客2.2亿人次。"
    assert _facts(text, "2026-09-30", "period_start", "period_end") == [("2026-09", "2026-10")]


def test_wine_by_volume_in_kilolitres_is_a_figure() -> None:
    text = "前三季度，我国自智利进口葡萄酒2.6万千升，货值18.4亿元，同比分别增长7.5%和9.1%。"
    assert _facts(text, "2026-10-20", "value", "unit", "yoy_pct") == [
        (26_000, "千升", 7.5),
        (1_840_000_000, "CNY", 9.1),
    ]


def test_the_value_a_share_rose_to_is_this_periods_not_the_year_it_rose_from() -> None:
    text = "今年前10个月，厦门港集装箱吞吐量1050万标箱，其中外贸箱占比由去年的五成提高到56%。"
    assert _facts(text, "2026-11-10", "value", "period_end")[1:] == [
        (50, "2025-12"),
        (56, "2026-10"),
    ]


def test_a_rate_of_the_value_after_a_tonnage_is_the_values_own() -> None:
    text = "前三季度，福建出口茶叶约3.1万吨，出口额同比增长12.4%。"
    assert _facts(text, "2026-10-20", "value", "yoy_pct") == [(31_000, None), (None, 12.4)]


def test_registered_museums_are_a_kind_and_a_ship_named_in_quotes_reports() -> None:
    text = "据浙江省文物局统计，上半年，全省备案博物馆共接待观众4120万人次，同比增长9.2%。"
    assert _facts(text, "2026-07-20", "reporter") == [("浙江",)]
    text = "2025年，厦门邮轮母港靠泊邮轮118艘次。其中，国产邮轮“海上明珠号”全年运营母港航次46个。"
    assert _facts(text, "2026-01-20", "reporter")[1] == ("“海上明珠号”",)


def test_here_is_not_where_a_ship_came_from_nor_what_the_subject_is() -> None:
    text = (
        "在厦门港海沧港区，岸桥正在连续作业。刚靠泊的货轮来自越南海防港，一次可装载6000标箱。"
        "今年以来，这里新开通外贸航线7条。"
    )
    assert _facts(text, "2026-06-20", "reporter")[-1] == ("厦门港海沧港区",)
    text = "兰州新区是西北地区第一个国家级新区。今年以来，这里新签约项目52个。"
    assert _facts(text, "2026-06-20", "reporter") == [("兰州新区",)]


def test_each_member_of_a_list_closed_by_its_class_count_reports_as_written() -> None:
    text = "北大湖、松花湖、万峰通化三家滑雪度假区分别接待滑雪者96万人次、88万人次和51万人次。"
    assert _facts(text, "2026-03-10", "reporter") == [("北大湖",), ("松花湖",), ("万峰通化",)]
    text = "其中，越南、泰国、柬埔寨三国均设立国家馆，参展企业分别为210家、185家和96家。"
    assert _facts(text, "2026-09-20", "reporter", "partner") == [
        ("越南", None),
        ("泰国", None),
        ("柬埔寨", None),
    ]
    text = "今年以来，乌鲁木齐机场至阿勒泰、喀纳斯、富蕴三地分别执行航班560班、280班和210班。"
    assert {r for (r,) in _facts(text, "2026-03-10", "reporter")} == {"乌鲁木齐机场"}


def test_a_places_firms_doing_something_abroad_are_the_reporter_as_written() -> None:
    text = "据深圳市商务局介绍，截至8月底，深圳企业在全球布局海外仓超过560个。"
    assert _facts(text, "2026-09-10", "reporter") == [("深圳企业",)]
    text = "今年前10个月，山东企业申领RCEP原产地证书13.6万份，签证货值582.4亿元。"
    assert {r for (r,) in _facts(text, "2026-11-10", "reporter")} == {"山东企业"}


def test_the_places_before_a_quoted_name_belong_to_it() -> None:
    text = "据厦门边检站统计，假期8天，厦金“小三通”航线共保障出入境旅客8.7万人次。"
    assert _facts(text, "2026-10-09", "reporter") == [("厦金“小三通”航线",)]
    text = "封关运作首4天，海南“一线”口岸共监管进境货物货值18.7亿元。"
    assert _facts(text, "2025-12-22", "reporter") == [("海南“一线”口岸",)]


def test_a_fairs_phase_reports_its_own_figures() -> None:
    text = "第138届广交会一期今天进入第三天。本期展区设置展位2.5万个，参展企业超过1万家。"
    assert {r for (r,) in _facts(text, "2025-10-17", "reporter")} == {"第138届广交会一期"}


def test_a_region_a_line_sails_straight_to_is_no_subject() -> None:
    text = "截至10月底，以“丝路海运”命名的航线已达到148条。其中，通往中东、南亚的航线有46条。"
    assert _facts(text, "2025-11-10", "reporter")[-1] == ("“丝路海运”",)


def test_consignments_inspected_are_no_imports_but_those_cleared_are() -> None:
    text = "同期，青岛海关共检验进口食品4.6万批次，检出不合格食品127批次。"
    assert _facts(text, "2025-10-20", "indicator") == [("other",), ("other",)]
    text = "今年前三季度，海口海关共监管进口研发用生物材料及试剂1260批次。"
    assert _facts(text, "2025-10-20", "indicator") == [("import",)]


def test_a_crop_year_across_two_years_names_no_months() -> None:
    text = "该部当地时间5日发布报告，预计2025至2026作物年度巴西大豆产量将达到1.77亿吨。"
    assert _facts(text, "2026-03-06", "period_start", "period_end") == [(None, None)]


def test_a_proportion_named_as_such_is_a_share_but_a_recovery_ratio_is_not() -> None:
    text = "一季度，天津港港作机械电动化比例达到98%。"
    assert _facts(text, "2026-04-20", "indicator") == [("share",)]
    text = "目前，两国贸易中以本币结算的比例已经超过90%。"  # 已经, 接近: still its level
    assert _facts(text, "2026-04-20", "indicator") == [("share",)]
    text = "今年一季度，我国与共建“一带一路”国家间航班恢复比例为94.5%。"
    assert _facts(text, "2026-04-27", "indicator") == [("other",)]


def test_a_shows_audience_is_no_visitors() -> None:
    text = "今年上半年，全市举办大型营业性演出236场，观众总数突破420万人次。"
    assert _facts(text, "2026-07-20", "indicator")[-1] == ("other",)


def test_the_mainland_is_the_nation_for_the_ranker_too() -> None:
    text = "发言人表示，2025年，大陆新设台资企业7600余家，同比增长10.7%。"
    assert _facts(text, "2026-01-21", "reporter") == [("全国",)]


def test_a_ministrys_release_speaks_for_the_nation_but_its_grant_is_its_own() -> None:
    text = "景区开放了两条应急通道。交通运输部预计，今天全社会跨区域人员流动量约2.9亿人次。"
    assert _facts(text, "2026-10-03", "reporter") == [("全国",)]
    text = "国庆假期平稳有序。据交通运输部测算，假期全社会跨区域人员流动量累计达22.6亿人次。"
    assert _facts(text, "2026-10-08", "reporter") == [("全国",)]
    text = "财政部、水利部今天（8月5日）下达水利救灾资金3.8亿元。"
    assert _facts(text, "2026-08-05", "reporter") == [("财政部、水利部",)]


def test_a_bureau_that_runs_what_it_counts_reports_its_figures() -> None:
    text = "7月1日至29日，国铁哈尔滨局累计发送旅客1365万人次，同比增长6.8%。"
    assert _facts(text, "2026-07-30", "reporter") == [("国铁哈尔滨局",)]
    text = "今年以来，湛江海关缉私局共立案侦办走私案件86起，案值约12亿元。"
    assert {r for (r,) in _facts(text, "2026-10-20", "reporter")} == {"湛江海关缉私局"}


def test_a_province_before_its_long_named_organ_is_written_short() -> None:
    text = "据海南省旅游和文化广电体育厅统计，5天假期全省共接待游客486.3万人次。"
    assert _facts(text, "2026-05-06", "reporter") == [("海南",)]
    text = "江西省防汛抗旱指挥部今天启动应急响应。截至今天，全省共转移群众3.2万人。"
    assert _facts(text, "2026-06-22", "reporter") == [("江西",)]


def test_a_fair_named_short_after_its_year_keeps_the_year() -> None:
    text = "2025年进博会今天闭幕。六天来，到场观众累计达到41.2万人次。"
    assert _facts(text, "2025-11-10", "reporter") == [("2025年进博会",)]


def test_one_shipment_belongs_to_its_goods_origin_or_where_it_leaves_from() -> None:
    text = "今天，一艘装载5.8万吨澳大利亚铁矿石的散货船靠泊福州港罗源湾港区。"
    assert _facts(text, "2026-03-02", "reporter") == [("澳大利亚",)]
    text = "今天上午，一列满载60个标箱日用百货的班列从义乌西站驶出，驶往西班牙马德里。"
    assert _facts(text, "2026-03-02", "reporter") == [("义乌西站",)]
    text = "防城港今年以来完成货物吞吐量1.2亿吨。当天，一艘载有2万吨钢材的货轮从这里启航。"
    assert _facts(text, "2026-03-02", "reporter") == [("防城港",), ("防城港",)]


def test_chinas_part_of_a_foreign_total_is_the_foreign_places_share() -> None:
    text = "欧盟统计局数据显示，去年中国占欧盟进口总额的比重为21.2%。"
    assert _facts(text, "2026-02-10", "reporter", "partner") == [("欧盟", "中国")]


def test_a_record_since_a_year_names_no_period() -> None:
    text = (
        "2025年，美国对华商品贸易逆差降至2032亿美元，为2004年以来最低水平，"
        "而对墨西哥的逆差扩大至1948亿美元。"
    )
    assert _facts(text, "2026-03-06", "period_start", "period_end") == [("2025-01", "2025-12")] * 2


def test_a_date_then_dang_tian_is_that_day() -> None:
    text = "假期以来，拱北口岸客流持续攀升，10月31日当天出入境旅客达到42.6万人次。"
    assert _facts(text, "2026-11-02", "period_start", "period_end") == [("2026-10", "2026-10")]


def test_a_count_before_a_verb_leaves_the_next_figures_keyword_whole() -> None:
    text = "去年，全省12个综合保税区预计实现进出口3600亿元。"
    assert ("trade_total", 360_000_000_000) in _facts(text, "2026-01-10", "indicator", "value")


def test_an_export_whose_part_is_shipped_somewhere_stays_an_export() -> None:
    text = "今年前三季度，该国出口铁矿石约4600万吨，其中七成以上运往中国。"
    assert _facts(text, "2025-10-20", "indicator")[0] == ("export",)


def test_how_far_a_backlog_runs_is_no_period() -> None:
    text = "春节过后，当地企业的订单已经排到了6月。节后首周，该港完成集装箱吞吐量5.2万标箱。"
    assert _facts(text, "2026-02-26", "period_start", "period_end") == [("2026-02", "2026-02")]


def test_years_since_before_a_record_name_no_period() -> None:
    text = "8月，长滩港处理集装箱约88万标箱，创建港50年来单月最高。其中，进口重箱41万标箱。"
    assert _facts(text, "2025-09-20", "period_start", "period_end") == [("2025-08", "2025-08")] * 2


def test_a_targets_year_is_not_the_next_sentences_period() -> None:
    text = (
        "今天，全省口岸工作会议在福州召开。会议提出，力争到2028年推动全省口岸通关效率再提升三成。"
        "会上发布了第五批口岸改革创新案例31个。"
    )
    assert _facts(text, "2026-11-06", "period_start", "period_end") == [("2026-11", "2026-11")]


@pytest.mark.parametrize(
    "text,date,expected",
    [
        ("除夕以来，鼓浪屿日均接待游客约3.6万人次。", "2026-02-20", ("2026-02", "2026-02")),
        (
            "今天，厦门国际邮轮中心迎来今冬首个母港航次，2300多名游客从这里启程。",
            "2025-11-20",
            ("2025-11", "2025-11"),
        ),
    ],
)
def test_since_new_years_eve_and_the_seasons_first_sailing(
    text: str, date: str, expected: tuple
) -> None:
    assert _facts(text, date, "period_start", "period_end") == [expected]


def test_a_share_years_ago_after_you_is_that_years() -> None:
    text = "前8个月，该市跨境电商进出口86亿元，占全市外贸的比重由五年前的不足一成提高到两成以上。"
    periods = _facts(text, "2026-09-10", "period_start", "period_end")
    assert periods == [("2026-01", "2026-08"), ("2021-01", "2021-12"), ("2026-01", "2026-08")]


def test_the_years_forecast_is_dated_and_a_years_capacity_is_not() -> None:
    text = "旅游局表示，预计全年入境旅客可达3600万人次以上。"
    assert _facts(text, "2026-08-10", "period_start", "period_end") == [("2026-01", "2026-12")]
    text = "该航线每周开行两班，预计全年可运输集装箱1.2万标箱。"
    assert _facts(text, "2026-08-10", "period_start", "period_end") == [(None, None)]


def test_since_it_opened_runs_to_now() -> None:
    text = "去年5月开放的省博物馆新馆人气不减，开放以来累计接待观众超过260万人次。"
    assert _facts(text, "2026-09-10", "period_end") == [("2026-09",)]
    text = "该铁路于1998年建成。改造项目开工以来，已累计更新轨道320多公里。"
    assert _facts(text, "2025-12-10", "period_end") == [("2025-12",)]


def test_gang_gang_is_the_broadcasts_month() -> None:
    text = (
        "今年前5个月，全省外贸进出口3200亿元。"
        "一家电池企业刚刚与欧洲客户签下订单，金额约6000万美元。"
    )
    assert _facts(text, "2026-07-02", "period_start", "period_end")[-1] == ("2026-07", "2026-07")


@pytest.mark.parametrize(
    "text",
    [
        "今年前10个月，该市进出口增长8%。项目建成后，日均客流有望达到25万人次。",
        "今年前10个月，该市进出口增长8%。按照规划，北部片区未来将提供约50万个就业岗位。",
        "今年前10个月，该港完成吞吐量1.2亿吨。港湾局表示，今后5年内将投资约1200亿日元。",
    ],
)
def test_what_a_project_brings_once_done_is_undated(text: str) -> None:
    assert _facts(text, "2026-11-10", "period_start", "period_end")[-1] == (None, None)


def test_a_count_already_over_a_figure_is_a_stock_up_to_now() -> None:
    text = "今年1—10月，这里接待游客186万人次。市场内经营的台胞商户已超过400家。"
    assert _facts(text, "2026-11-10", "period_start", "period_end")[-1] == (None, "2026-11")
    text = "前三季度，我国出口锂电池2936亿元。对东盟出口占比已超过四成。"  # a share is no stock
    assert _facts(text, "2025-10-20", "period_start", "period_end")[-1] == ("2025-01", "2025-09")


@pytest.mark.parametrize(
    "text,reporter",
    [
        ("今年前7个月，全国22个自贸试验区实现进出口4.86万亿元。", "全国22个自贸试验区"),
        ("上半年，22个自贸试验区实现进出口4.39万亿元。", "22个自贸试验区"),
        ("上半年，全国自贸试验区实现进出口4.39万亿元。", "全国自贸试验区"),
        ("上半年，福建自贸试验区实现进出口439亿元。", "福建自贸试验区"),
    ],
)
def test_the_pilot_zones_counted_as_a_whole_report_as_written(text: str, reporter: str) -> None:
    assert _facts(text, "2026-08-10", "reporter")[-1] == (reporter,)


def test_every_household_is_no_count_of_firms() -> None:
    text = "航空物流让湖北的小龙虾走进千家万户。今年以来，转运中心分拣货物1.2万吨。"
    assert _facts(text, "2026-05-10", "value") == [(12000,)]


@pytest.mark.parametrize(
    "text",
    [
        "春节前后，琼州海峡单日最大运力可达360个航班。",
        "新船设计航速38节，可载客756人、载小汽车160辆。",
        "这艘滚装船单船最大载车量达到9500辆。",
        "陕西历史博物馆秦汉馆推出夜场，每晚限流3000人。",
        "故宫博物院实行全网实名预约，每日开放限额4万人次。",
        "今年，鼓浪屿继续实行登岛游客每日5万人次的总量控制。",
        "这艘邮轮总吨14.2万吨，全长341米。",
        "今年1至8月，全国进口、出口整体通关时间较2017年分别压缩超过七成和九成。",
        "港区加氢站日加氢能力达到2吨。",
        "新货站投用后，园区的货邮保障能力提升至每年120万吨。",
        "为应对运输高峰，车站的换装能力提升至每天26列。",
    ],
)
def test_what_a_facility_or_vessel_can_do_is_no_figure(text: str) -> None:
    assert _facts(text, "2026-02-10", "value") == []


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "第十届中国（厦门）国际茶业博览会将于9月8日至11日在厦门举行。"
            "今年博览会预计参展企业超过5000家。",
            [("2026-09", "2026-09")],
        ),
        (  # what is so far stays of now; what is forecast for the event is of its time
            "2026年服贸会将于9月9日至13日在北京举办。截至目前，已有1200多家企业报名参展，"
            "组委会预计，展会期间将举办各类论坛120多场。",
            [(None, "2026-08"), ("2026-09", "2026-09")],
        ),
    ],
)
def test_a_forecast_for_an_event_announced_before_is_of_the_event(
    text: str, expected: list
) -> None:
    assert _facts(text, "2026-08-20", "period_start", "period_end") == expected


@pytest.mark.parametrize(
    "text",
    [
        "走进金乡县一家大蒜企业的冷库，这批21吨鲜蒜将从青岛港出海。",
        "一艘鱿钓船正在卸货，船上1800多吨鱿鱼将进入冷库。",
        "这艘船一次运来6.8万吨矿石。",
    ],
)
def test_a_single_shipment_shown_is_of_the_broadcast_month(text: str) -> None:
    assert _facts(text, "2025-11-10", "period_start", "period_end") == [("2025-11", "2025-11")]


@pytest.mark.parametrize(
    "text",
    [
        "本届进博会共有来自非洲的参展企业约180家，其中近一半是首次参展。",
        "同期，该港接待国际邮轮127艘次，中国母港始发航次占比近半。",
        "落户当地的世界500强企业已达316家，其中近半数在这里设立区域总部。",
    ],
)
def test_nearly_half_is_a_share_of_fifty(text: str) -> None:
    assert ("share", 50) in _facts(text, "2026-11-10", "indicator", "value")


@pytest.mark.parametrize(
    "text",
    [
        "这艘大型邮轮单航次可搭载游客近5000人。",
        "三跑道系统全面投入运作后，机场设计容量可达每年1.2亿人次。",
        "T2航站楼设计满足年旅客吞吐量3600万人次。",
        "关税上调后，一辆售价29.99美元的遥控车进价上涨。",
        "按每公斤6万越南盾左右的收购价计算，收入可观。",
    ],
)
def test_what_a_ship_or_terminal_holds_and_unit_prices_are_no_figures(text: str) -> None:
    assert _facts(text, "2026-08-10", "value") == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("统计显示，10月日本对华出口1.58万亿日元。", ("2025-10", "2025-10")),  # 日本, no day
        ("1—10月日均接待游客3万人次。", ("2025-01", "2025-10")),
    ],
)
def test_a_month_before_a_word_in_ri_is_still_that_month(text: str, expected: tuple) -> None:
    assert _facts(text, "2025-11-28", "period_start", "period_end") == [expected]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "浙江外贸2025年成绩单今天出炉。据海关统计，全年浙江进出口5.52万亿元。",
            ("2025-01", "2025-12"),
        ),  # January: the year just ended
        ("今年，中欧班列（武汉）计划全年开行1200列以上。", ("2026-01", "2026-12")),  # a plan
        ("据海关统计，预计全年浙江进出口将达6万亿元。", ("2026-01", "2026-12")),  # a forecast
    ],
)
def test_the_full_year_in_january_is_the_one_just_ended(text: str, expected: tuple) -> None:
    assert _facts(text, "2026-01-23", "period_start", "period_end")[-1] == expected


def test_same_period_after_a_stock_is_the_flows_period() -> None:
    text = (
        "今年前4个月，常设展馆共接待采购商约18万人次。目前入驻展馆的非洲企业有320多家。"
        "同期，长沙至内罗毕直飞航线执行往返航班34班。"
    )
    assert _facts(text, "2026-05-12", "period_start", "period_end")[-1] == ("2026-01", "2026-04")


def test_the_summer_rushs_first_month_is_july() -> None:
    text = "暑运首月，民航完成旅客运输量6930万人次。"
    assert _facts(text, "2026-08-12", "period_start", "period_end") == [("2026-07", "2026-07")]


def test_a_weekly_timetable_planned_is_counted() -> None:
    text = "其中，国内航空公司每周计划执行3980班，占比约六成。"
    assert ("vessel_or_trip_count", 3980) in _facts(text, "2025-10-26", "indicator", "value")


@pytest.mark.parametrize(
    "text",
    [
        "截至目前，我国给予单方面免签待遇的国家已扩大至48个。",
        "浦东机场国际通航点达到130个。",
    ],
)
def test_countries_or_destinations_grown_to_a_number_are_no_figure(text: str) -> None:
    assert _facts(text, "2026-11-10", "value") == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("同期国际货邮吞吐量增至31.5万吨，比去年同期增长近三分之一。", [(315000, 33.3)]),
        ("今年前8个月，该港进口下降四分之一。", [(None, -25.0)]),
        ("鼓浪屿上的民宿有280家，较2020年减少了四分之一。", [(280, None)]),  # another base
    ],
)
def test_a_fraction_grown_or_fallen_is_a_rate(text: str, expected: list) -> None:
    assert _facts(text, "2026-09-10", "value", "yoy_pct") == expected


@pytest.mark.parametrize(
    "text,names",
    [
        ("其中，江海直达航线完成42.1万标箱", []),  # a kind of route
        ("去年武汉至上海江海直达航线共开行1870航次", ["武汉至上海江海直达航线"]),
    ],
)
def test_river_sea_direct_routes_are_a_kind_unless_a_route_is_named(text: str, names: list) -> None:
    assert [n for _s, _e, n in named_subjects(text)] == names


def test_a_market_opening_is_no_city() -> None:
    text = "今天是正月初十，义乌国际商贸城正式开市，首日迎来境外客商超过4800人次。"
    assert _facts(text, "2026-02-26", "reporter") == [("义乌国际商贸城",)]


@pytest.mark.parametrize(
    "text,date,reporter",
    [
        (
            "为期5天的2025海峡两岸非遗文化周今天在泉州闭幕。本届活动吸引相关企业380多家参展。",
            "2025-11-28",
            "2025海峡两岸非遗文化周",
        ),
        ("五一假期，重点监测商圈客流量增长9.1%。", "2026-05-06", "全国"),  # a sample, no name
    ],
)
def test_culture_weeks_report_as_named_and_watched_samples_name_nothing(
    text: str, date: str, reporter: str
) -> None:
    assert _facts(text, date, "reporter")[-1] == (reporter,)


def test_a_rate_in_a_clause_set_against_the_figure_is_its_own() -> None:
    text = "从商品看，集成电路对华出口1380亿日元，汽车对华出口则同比下降21.2%。"
    assert _facts(text, "2025-11-28", "value", "yoy_pct") == [(138000000000, None), (None, -21.2)]


def test_flights_named_after_their_count_in_ge_are_flights() -> None:
    text = "目前，每周有近百个国际货运航班在这里起降。"
    assert _facts(text, "2026-09-10", "indicator", "value") == [("vessel_or_trip_count", 100)]


def test_naira_and_coffee_sacks_are_units_and_a_sacks_weight_no_figure() -> None:
    text = "其中，出口18.9万亿奈拉，进口12.3万亿奈拉。"
    assert _facts(text, "2025-10-10", "value", "unit") == [
        (18_900_000_000_000, "NGN"),
        (12_300_000_000_000, "NGN"),
    ]
    text = "今年前8个月，巴西对华出口咖啡约62万袋。按照行业惯例，每袋咖啡重60公斤。"
    assert _facts(text, "2025-09-10", "value", "unit") == [(620000, "袋")]


def test_online_views_in_renci_are_no_visitors() -> None:
    text = "全年，“数字故宫”小程序访问量达到1.9亿人次。"
    assert _facts(text, "2026-01-06", "indicator") == [("other",)]


@pytest.mark.parametrize(
    "text",
    [
        "泉州古城、福州三坊七巷双双跻身全国热门景区前十位。",  # a ranking
        "为保护洞窟，景区继续执行每日6000人的最大承载量。",  # a limit
    ],
)
def test_a_top_ten_ranking_or_a_daily_limit_is_no_figure(text: str) -> None:
    assert _facts(text, "2026-10-09", "value") == []


def test_the_size_a_tour_group_must_reach_is_no_count() -> None:
    text = "今天起，韩国对中国团体游客实施免签入境试点，3人以上的中国旅游团可免签停留最长15天。"
    assert _facts(text, "2025-09-29", "value") == []


def test_buses_run_in_checi_are_trips_and_vehicles_crossing_are_not() -> None:
    text = "一季度，至越南的跨境公路班车开行860车次，同比增长15%。当天，口岸车流量达1.2万车次。"
    assert _facts(text, "2026-04-12", "indicator", "value") == [
        ("vessel_or_trip_count", 860),
        ("other", 12000),
    ]
    # trucks crossing with goods (验放进口水果货车…辆次) are vehicles, not the goods traded
    text = "国庆假期，满洲里口岸日均验放进出口货车950余辆次，同比增长8.6%。"
    assert _facts(text, "2026-10-09", "indicator", "value") == [("other", 950)]


def test_gaiguo_points_back_to_the_foreign_country_named_before() -> None:
    text = "据菲律宾国家减灾委员会通报，台风造成该国北部吕宋岛多个省份受灾，约3.2万人被疏散。"
    assert _facts(text, "2026-01-20", "reporter", "value") == [("菲律宾", 32000)]


def test_a_world_region_named_with_diqu_is_a_partner_not_a_reporter() -> None:
    text = "今年前5个月，深圳进出口9836.5亿元。其中，对东盟、拉美地区进出口分别增长19.2%和13.5%。"
    assert _facts(text, "2026-06-10", "reporter") == [("深圳",)] * 3


@pytest.mark.parametrize(
    ("text", "reporter"),
    [
        ("春运期间，琼州海峡进出岛旅客将达到460万人次。", "琼州海峡"),  # crossing, no island
        ("今年以来，义乌西站发往宁波舟山港的海铁联运班列累计开行1120列。", "义乌西站"),
        ("今年以来，持台胞证乘坐福厦高铁的旅客达到6.8万人次。", "福厦高铁"),  # 乘坐, not a name
        ("去年，仅火炬高新区就有36家台资企业增资扩产。", "火炬高新区"),  # 仅: only
        ("去年，江西开行铁海联运班列4210列，其中开往厦门港的班列超过2100列。", "江西"),
        (
            "今年1至8月，吴淞口国际邮轮港接靠邮轮186艘次。暑期以来，每逢母港航次，"
            "码头日均接待旅客超过1.2万人次。",
            "吴淞口国际邮轮港",  # 每逢: whenever, no part of a name
        ),
    ],
)
def test_a_name_stops_before_a_verb_or_an_adverb(text: str, reporter: str) -> None:
    assert {r for (r,) in _facts(text, "2026-05-06", "reporter")} == {reporter}


@pytest.mark.parametrize(
    ("text", "reporter"),
    [
        (
            "全国粮食和物资储备工作会议今天召开，各省区市粮食和物资储备部门负责同志参加会议。"
            "会议介绍，去年各类粮食企业收购粮食4亿吨。",
            "全国",  # 省区市: the provinces as a class, no county or city
        ),
        ("黑龙江冬捕季在大庆杜尔伯特蒙古族自治县开幕，一网就能捞出30多万斤的鱼。", "黑龙江"),
    ],
)
def test_no_county_or_city_is_cut_from_a_class_word_or_a_longer_name(
    text: str, reporter: str
) -> None:
    assert _facts(text, "2026-01-08", "reporter") == [(reporter,)]


def test_a_forecast_word_opening_the_sentence_dates_next_years_rate() -> None:
    text = "欧盟委员会在秋季经济预测中预计，今年欧盟经济将增长1.2%，明年增长1.4%。"
    assert _facts(text, "2026-11-20", "yoy_pct", "period_start", "period_end") == [
        (1.2, "2026-01", "2026-12"),
        (1.4, "2027-01", "2027-12"),
    ]


def test_the_ranker_leaves_each_place_of_a_fenbie_list_its_own_figure() -> None:
    text = (
        "记者从广东省邮政管理局了解到，1—2月，广东省快递业务量完成81.4亿件，同比增长10.6%，"
        "快递业务收入完成617.9亿元，同比增长7.2%，两项指标均居全国首位。其中，广州、深圳、揭阳"
        "三市快递业务量分别完成28.3亿件、17.9亿件和9.6亿件，同比分别增长8.1%、12.4%和15.7%。"
    )
    assert _facts(text, "2026-03-15", "reporter")[-3:] == [("广州",), ("深圳",), ("揭阳",)]


def test_the_ranker_leaves_each_place_of_a_jun_list_its_own_rate() -> None:
    text = (
        "今年一季度，安徽外贸进出口2314.5亿元，同比增长10.8%，增速居全国前列，"
        "合肥、芜湖、滁州三市进出口增速均超过15%。"
    )
    assert _facts(text, "2026-04-20", "reporter")[1:] == [("合肥",), ("芜湖",), ("滁州",)]


@pytest.mark.parametrize(
    "text",
    [
        "今天上午，一艘巴西矿砂船在日照港靠泊，码头5台卸船机同时开工。",
        "在一家印染企业的车间里，20多条生产线满负荷运转，一匹匹面料正在下线。",
    ],
)
def test_machines_or_lines_shown_at_work_are_no_count(text: str) -> None:
    assert _facts(text, "2026-02-10", "value") == []


def test_a_railways_passenger_trains_are_a_line_of_their_own() -> None:
    text = "一季度，中老铁路国际旅客列车累计开行362列，发送跨境旅客21.3万人次，同比增长41.6%。"
    assert {r for (r,) in _facts(text, "2026-04-08", "reporter")} == {"中老铁路国际旅客列车"}


@pytest.mark.parametrize(
    ("text", "reporter"),
    [
        (
            "过去一年，中哈（连云港）物流合作基地完成集装箱进出场量41.2万标箱，同比增长9.7%。",
            "中哈（连云港）物流合作基地",
        ),
        (
            "在连云港，上合组织（连云港）国际物流园今年以来累计进出集装箱41.3万标箱。",
            "上合组织（连云港）国际物流园",
        ),
    ],
)
def test_a_place_in_brackets_is_part_of_the_name_around_it(text: str, reporter: str) -> None:
    assert _facts(text, "2026-03-12", "reporter") == [(reporter,)]


def test_a_places_group_carries_past_a_semicolon() -> None:
    text = "4月，福建沿海港口完成货物吞吐量6820万吨，同比增长3.9%；集装箱吞吐量182万标箱。"
    assert _facts(text, "2026-05-12", "reporter") == [("福建沿海港口",)] * 2


def test_zhejia_qiye_in_a_share_finds_the_firm_named_sentences_before() -> None:
    text = (
        "厦门一家航空维修企业的机库里依然灯火通明。公司负责人说，假期将有260多名机务人员坚守岗位。"
        "今年一季度，这家企业的境外客户收入占到营收的七成。"
    )
    assert _facts(text, "2026-04-28", "reporter")[-1:] == [("厦门一家航空维修企业",)]


@pytest.mark.parametrize(
    ("text", "date", "reporter"),
    [
        (  # 经 before a route is no part of its name
            "今年以来，经厦门—金门“小三通”航线往返两岸的旅客达12万人次，同比增长8%。",
            "2026-03-09",
            "厦门—金门“小三通”航线",
        ),
        (  # a village's name does not start inside the place before it (湘西)
            "国庆假期，在湖南湘西十八洞村，假期日均接待游客超过5000人次。",
            "2026-10-06",
            "十八洞村",
        ),
        (  # a foreign port is named without its country
            "记者从秘鲁钱凯港了解到，开港以来，该港累计靠泊船舶超过260艘次。",
            "2025-09-20",
            "钱凯港",
        ),
        (  # 该港 after a port's one-character area (东港区) is the port
            "清晨，俄罗斯纳霍德卡港东港区，一船煤炭正在装运。今年前10个月，该港货物吞吐量2870万吨。",
            "2025-11-12",
            "纳霍德卡港",
        ),
        (  # the ranker keeps 全国 for a figure a national bureau gives
            "中秋国庆假期临近，各大快递企业提前调配运力。国家邮政局预计，10月1日至8日，"
            "全行业揽收快递包裹将超过42亿件，日均揽收量与平常基本持平。",
            "2025-09-28",
            "全国",
        ),
        (  # duty-free shops report their own sales
            "据海口海关统计，5天假期里，海南离岛免税店销售额7.36亿元，同比增长16.9%。",
            "2026-05-06",
            "海南离岛免税店",
        ),
        (  # a short quoted name before a line is part of its name
            "春运开始以来，“小三通”厦金航线共运送旅客6.8万人次，同比增长23.4%。",
            "2026-02-20",
            "“小三通”厦金航线",
        ),
        (  # a district or prefecture is named with its 区 / 州 as written
            "据广州海关统计，今年前两个月，南沙区外贸进出口完成542.7亿元，同比增长8.9%。",
            "2026-03-20",
            "南沙区",
        ),
        (
            "湖北恩施州今年前三季度接待游客6720万人次，同比增长8.8%。",
            "2026-10-20",
            "恩施州",
        ),
        (  # …but not before its own bureau, where the place is written without it
            "南沙区商务局有关负责人介绍，当地跨境电商全年进出口额有望突破700亿元。",
            "2026-08-20",
            "南沙",
        ),
        (  # a time word before a line or a list of airports is no part of it
            "国庆假期，在安徽合肥，8天假期里中欧班列（合肥）共开行42列。",
            "2026-10-09",
            "中欧班列（合肥）",
        ),
        (
            "交通方面，假期期间海口美兰、三亚凤凰两大机场共保障航班1.21万架次。",
            "2026-10-09",
            "海口美兰、三亚凤凰两大机场",
        ),
        (  # a named tourist train runs its own figures (not a kind: 研学专列)
            "今年以来，“敦煌号”旅游专列已开行68列。",
            "2026-08-20",
            "“敦煌号”旅游专列",
        ),
        (  # a passenger train service between two places is a line named with them
            "截至9月24日，昆明至万象国际旅客列车累计开行2160列。",
            "2026-09-25",
            "昆明至万象国际旅客列车",
        ),
        (  # a youth festival is an event (not 海峡, a strait)
            "第十届海峡青年节今天在福州开幕，本届创业大赛共征集两岸青年创业项目312个。",
            "2026-12-15",
            "第十届海峡青年节",
        ),
        (  # a line to Taiwan is named with its place (not 对台集装箱航线 alone: a kind)
            "今年前三季度，平潭对台高速客滚航线共运送旅客6.8万人次，同比增长32.5%。",
            "2026-10-20",
            "平潭对台高速客滚航线",
        ),
        (  # 该公司 is the company whose release the paragraph reports
            "哈萨克斯坦邮政股份公司日前发布数据显示，今年前4个月，该公司处理来自中国的国际小包裹"
            "1860万件，同比增长32.5%。",
            "2026-05-20",
            "哈萨克斯坦邮政股份公司",
        ),
        (  # readers name a port or airport without 内蒙古, 湖北 … before it (甘其毛都: 都 and 其
            # are in the name)
            "在内蒙古甘其毛都口岸，今年1至10月，该口岸进口煤炭2215万吨，同比增长6.4%。",
            "2026-11-10",
            "甘其毛都口岸",
        ),
        (
            "湖北鄂州花湖国际机场今年前8个月完成货邮吞吐量106.8万吨，同比增长19.2%。",
            "2026-09-10",
            "鄂州花湖国际机场",
        ),
        (  # a customs district (关区) is named by its office; a group (集团) by its name
            "据青岛海关统计，今年前8个月，关区进口葡萄酒1870万升，同比增长12.6%。",
            "2026-09-20",
            "青岛海关",
        ),
        (  # 全区 with no autonomous region named: the zone or district the paragraph named
            "平潭综合实验区管委会今天（1月27日）发布，去年全区新增台资企业312家。",
            "2026-01-27",
            "平潭综合实验区",
        ),
        (  # a border inspection station counts what it inspects, unless it is the source
            "春节假期，港珠澳大桥边检站单日验放车辆最高达到2.1万辆次。",
            "2026-02-24",
            "港珠澳大桥边检站",
        ),
        (
            "春节假期，据青岛边检站统计，青岛口岸共验放出入境人员8.7万人次。",
            "2026-02-24",
            "青岛口岸",
        ),
        (  # 所属 and 驶入 are no part of a name
            "一季度，辽港集团所属大连港、营口港共完成货物吞吐量1.52亿吨，同比增长3.3%。",
            "2026-04-20",
            "大连港、营口港",
        ),
        (
            "一列粮食班列缓缓驶入霍尔果斯铁路口岸。1月份，该口岸进口粮食及油料18.7万吨。",
            "2026-02-10",
            "霍尔果斯铁路口岸",
        ),
        (  # a trading centre, a train assembly hub and a market city report their own figures
            "中秋国庆假期，在上海西郊国际农产品交易中心，进口水果交易量达到3.2万吨。",
            "2025-10-09",
            "上海西郊国际农产品交易中心",
        ),
        (
            "今年前7个月，乌鲁木齐集结中心累计开行中欧（中亚）班列1058列，同比增长12.3%。",
            "2026-08-10",
            "乌鲁木齐集结中心",
        ),
        (
            "国庆假期，舟山国际水产城接待游客18.6万人次，同比增长14.2%。",
            "2026-10-08",
            "舟山国际水产城",
        ),
        (  # 承运 ends a line's name; the place after it is where the goods come from
            "据成都海关统计，前三季度，中欧（成都）班列承运越南转口货物2360标箱，同比增长18.4%。",
            "2026-10-16",
            "中欧（成都）班列",
        ),
        (  # 各类 …论坛 names no event: the fair the paragraph named reports
            "2026年中国国际服务贸易交易会今天在北京闭幕。展会期间，共举办各类会议论坛200余场。",
            "2026-09-16",
            "2026年中国国际服务贸易交易会",
        ),
    ],
)
def test_reporters_named_as_readers_write_them(text: str, date: str, reporter: str) -> None:
    assert _facts(text, date, "reporter") == [(reporter,)]


@pytest.mark.parametrize(
    "text,reporters",
    [
        ("今年前10个月，合肥、芜湖两市进出口均超过600亿元。", ["合肥", "芜湖"]),
        ("今年前10个月，广州、佛山、东莞等制造业城市出口均超过500亿元。", ["广州", "佛山", "东莞"]),
        (
            "今年1至2月，港澳居民消费金额中，在深圳、珠海两地的消费分别为92亿元和31亿元。",
            ["深圳", "珠海"],
        ),
    ],
)
def test_list_items_report_without_the_class_and_the_preposition(
    text: str, reporters: list
) -> None:
    assert [r for (r,) in _facts(text, "2026-11-10", "reporter")] == reporters


@pytest.mark.parametrize(
    "text",
    [
        "分船型看，集装箱船、液化气船、汽车运输船出口额分别为286.4亿元、173.1亿元和129.5亿元。",
        "从市场看，对东盟、欧盟出口船舶分别为612.4亿元和538.7亿元。",
        "今年前10个月，对东盟、欧盟、非洲出口船舶同比分别增长19.2%、8.5%和26.7%。",
    ],
)
def test_ships_exported_are_exports_for_every_item(text: str) -> None:
    assert {i for (i,) in _facts(text, "2026-11-10", "indicator")} == {"export"}


def test_a_trade_balance_that_shrank_is_a_figure_and_a_cost_saved_is_not() -> None:
    text = "今年前7个月，服务贸易逆差同比减少1208.5亿元，企业物流成本减少12亿元。"
    assert _facts(text, "2026-08-10", "value") == [(120_850_000_000,)]


def test_offshore_duty_free_under_customs_is_hainans() -> None:
    text = "离岛免税方面，海口海关共监管离岛免税购物金额28.6亿元，购物人数29.3万人次。"
    assert _facts(text, "2026-02-24", "reporter") == [("海南",)] * 2


def test_taiwanese_youth_counted_in_a_mainland_city_are_the_citys() -> None:
    text = "截至8月底，厦门已建成台湾青年创业就业基地26个，累计入驻台湾青年创业团队1120个。"
    assert _facts(text, "2025-09-10", "reporter") == [("厦门",)] * 2
    text = "今年1至10月，经福建口岸往来两岸的台湾同胞达218.7万人次，同比增长21.6%。"
    assert _facts(text, "2026-11-10", "reporter") == [("福建口岸",)]


@pytest.mark.parametrize(
    "text,reporter",
    [
        ("进出平潭港区的对台货运船舶1860艘次，同比增长9.1%。", "平潭港区"),
        ("今年前三季度，厦门累计售出鼓浪屿船票和景点联票8.6万张。", "鼓浪屿"),
        ("据龙岩、漳州两市文旅部门统计，前三季度两地接待游客652.8万人次。", "龙岩、漳州两市"),
    ],
)
def test_a_verb_or_a_source_word_before_a_name_is_no_part_of_it(text: str, reporter: str) -> None:
    assert _facts(text, "2026-10-10", "reporter") == [(reporter,)]


def test_central_and_eastern_europe_is_a_foreign_part_not_the_middle_east() -> None:
    text = (
        "第六届中国—中东欧国家博览会今天闭幕，其中中东欧商品意向采购额142.6亿元。"
        "展会期间，线下入场观众42.3万人次。"
    )
    assert _facts(text, "2026-05-20", "reporter") == [("第六届中国—中东欧国家博览会",)] * 2


def test_a_list_before_a_counterpart_gives_each_item_its_rate() -> None:
    """辽宁、吉林、黑龙江对俄进出口分别增长…: the places before 对 are the list (对华: China's)."""
    text = "今年前5个月，辽宁、吉林、黑龙江对俄进出口分别增长5.3%、7.8%、3.9%。"
    assert _facts(text, "2026-06-20", "reporter", "yoy_pct") == [
        ("辽宁", 5.3),
        ("吉林", 7.8),
        ("黑龙江", 3.9),
    ]
    text = (  # 对华: investment into China by source is China's figure
        "商务部今天发布，今年1—10月，全国实际使用外资金额6219.3亿元。"
        "东盟、英国对华实际投资分别增长9.4%和117.8%。"
    )
    assert _facts(text, "2025-11-19", "reporter")[1:] == [("全国",), ("全国",)]


def test_a_bare_group_is_the_group_the_paragraph_named() -> None:
    """集团新开…航线 after 青岛港、日照港、烟台港: the group the paragraph named, not its ports."""
    text = (
        "记者从山东省港口集团获悉，2025年，青岛港、日照港、烟台港货物吞吐量分别达7.1亿吨、5.9亿吨"
        "和5.0亿吨。一季度，集团新开日韩航线27条。"
    )
    assert _facts(text, "2026-04-10", "reporter")[-1] == ("山东省港口集团",)


def test_a_list_of_services_gives_each_service_its_figure() -> None:
    """铁海联运班列、跨境公路班车分别…: each line or service reports its own figure, as written
    (a place routing its goods through one is left off: 重庆经…班列 → the service)."""
    text = "今年1至9月，中老铁路国际货物列车、中越跨境公路班车分别运送货物420万吨和36万吨。"
    assert _facts(text, "2026-10-12", "reporter") == [
        ("中老铁路国际货物列车",),
        ("中越跨境公路班车",),
    ]
    text = (
        "今年1至9月，重庆经西部陆海新通道铁海联运班列、跨境公路班车分别发送货物21.4万标箱"
        "和3.6万标箱。"
    )
    assert _facts(text, "2026-10-12", "reporter") == [
        ("西部陆海新通道铁海联运班列",),
        ("跨境公路班车",),
    ]


def test_a_bare_zone_word_before_nei_is_the_zone_named_before() -> None:
    """片区内已集聚…: the zone the paragraph named, not the line of the sentence before."""
    text = (
        "在福州自贸片区，跨境电商产业加快集聚。今年前5个月，福州口岸经“丝路海运”航线出口跨境电商"
        "货物3200标箱。目前，片区内已集聚跨境电商企业560家。"
    )
    assert _facts(text, "2026-06-20", "reporter")[-1] == ("福州自贸片区",)


def test_yu_qunian_tongqi_xiangbi_is_year_on_year_for_each_listed_figure() -> None:
    """与去年同期相比分别增长…: the rates belong to the figures before, year on year (与2019年同期
    相比 is a change on an older base)."""
    text = (
        "国庆假期，三亚免税店销售额12.6亿元，购物人数18.4万人次，与去年同期相比分别增长9.2%和6.5%。"
    )
    assert _facts(text, "2026-10-09", "value", "yoy_pct") == [(1260000000, 9.2), (184000, 6.5)]
    text = "国庆假期，三亚接待游客186.2万人次，与2019年同期相比增长35.6%。"
    assert _facts(text, "2026-10-09", "yoy_pct", "change_basis")[0][0] is None


def test_figures_made_at_the_event_keep_its_month_not_the_last_sentences_months() -> None:
    """论坛现场，…签署合作协议…: the forum's month, not 今年前10个月 of the sentence before."""
    text = (
        "2026中国—中亚合作论坛今天（11月18日）在乌鲁木齐开幕。今年前10个月，新疆对中亚五国进出口"
        "3120.6亿元。论坛现场，各方签署合作协议35项，涉及金额超过200亿元。"
    )
    assert _facts(text, "2026-11-18", "value", "period_start", "period_end")[1:] == [
        (35, "2026-11", "2026-11"),
        (20000000000, "2026-11", "2026-11"),
    ]


def test_a_port_area_after_gaigang_is_the_area_named() -> None:
    """该港江阴港区新开…: the port area the port named before owns, not the port."""
    text = "今年前三季度，厦门港集装箱吞吐量915.2万标箱。该港海天港区新开通至中东的集装箱航线3条。"
    assert _facts(text, "2026-10-20", "reporter") == [("厦门港",), ("海天港区",)]


def test_a_list_after_a_counterpart_word_lists_partners_not_reporters() -> None:
    """对阿联酋、沙特阿拉伯出口均增长…: the city's exports to each partner; 自卡塔尔、澳大利亚
    进口…均超过…: one figure for each partner (a list of places alone still reports each place)."""
    text = "今年前三季度，深圳出口1115.2亿元，增长12.6%；对阿联酋、沙特阿拉伯出口均增长两成以上。"
    assert _facts(text, "2026-10-21", "reporter", "partner", "yoy_pct")[1:] == [
        ("深圳", "阿联酋", 20.0),
        ("深圳", "沙特阿拉伯", 20.0),
    ]
    text = "前10个月，我国进口原油4.6亿吨；自卡塔尔、澳大利亚进口液化天然气均超过800万吨。"
    assert _facts(text, "2026-11-07", "reporter", "partner", "value")[1:] == [
        ("全国", "卡塔尔", 8000000),
        ("全国", "澳大利亚", 8000000),
    ]
    text = "前10个月，广东、浙江进出口均增长一成以上。"
    assert _facts(text, "2026-11-07", "reporter", "partner") == [("广东", None), ("浙江", None)]


def test_a_pipeline_reports_the_oil_it_carries() -> None:
    """中哈原油管道…累计向我国输送原油…: cargo carried by a line of its own (输送), reported by the
    pipeline, not by the country the oil comes from; 输送能力 is a capacity."""
    text = "中缅原油管道自2017年4月投运以来，已累计输送中东原油超过8000万吨。"
    assert _facts(text, "2026-05-20", "indicator", "reporter") == [
        ("cargo_throughput", "中缅原油管道")
    ]


def test_a_winter_spring_timetable_counts_its_weekly_flights() -> None:
    """今冬明春，…计划每周执行航班…: the season's timetable, counted like 航季 (a new route's plan
    alone is not)."""
    text = "今冬明春，长春龙嘉国际机场计划每周执行客运航班2180班，同比增加6.4%。"
    assert _facts(text, "2025-11-20", "value", "yoy_pct") == [(2180, 6.4)]


def test_yuefen_and_verbs_of_suspension_end_no_name() -> None:
    """8月份香港国际机场…: 份 of the month is no part of the airport's name; 暂停/延长 end none."""
    text = "澳门国际机场管理公司今天公布，10月份澳门国际机场客运量达74万人次，同比增长12.5%。"
    assert _facts(text, "2025-11-14", "reporter") == [("澳门国际机场",)]


def test_a_time_phrase_after_the_last_list_item_is_not_in_its_name() -> None:
    """宁波舟山港、上海港前2个月…分别完成: the second port reports its own figure."""
    text = "交通运输部数据显示，天津港、青岛港前5个月集装箱吞吐量分别完成1060万标箱和1420万标箱。"
    assert _facts(text, "2026-06-20", "reporter") == [("天津港",), ("青岛港",)]


def test_countries_listed_before_their_travellers_are_where_they_come_from() -> None:
    """韩国、菲律宾和泰国旅客分别为…: the place visited reports, each country is a partner (a list
    of the place's own counties, 布尔津县、富蕴县游客, still reports each county)."""
    text = (
        "澳门统计暨普查局今天公布，4月份澳门入境旅客约320万人次。"
        "其中，日本、越南和印度尼西亚旅客分别为3.1万人次、2.6万人次和1.9万人次。"
    )
    assert _facts(text, "2026-05-20", "reporter", "partner")[1:] == [
        ("澳门", "日本"),
        ("澳门", "越南"),
        ("澳门", "印度尼西亚"),
    ]


def test_later_rates_naming_list_items_are_those_items_rates() -> None:
    """A、B、C分别为x、y、z，A和B同比分别增长a、b，C则下降c: each rate list or rate whose clause
    names items of the 分别 list just read belongs to those items' figures."""
    text = (
        "前三季度，全省新能源产品出口中，电动汽车、锂电池、风电设备分别为206.3亿元、48.7亿元和"
        "37.5亿元，电动汽车和锂电池出口同比分别增长15.8%和41.2%，风电设备出口则下降9.6%。"
    )
    assert _facts(text, "2026-10-20", "value", "yoy_pct") == [
        (206.3e8, 15.8),
        (48.7e8, 41.2),
        (37.5e8, -9.6),
    ]


def test_a_rate_of_travellers_spending_is_tourism_revenue() -> None:
    """出游总花费同比增长…: a rate with no figure of travellers' spending is tourism revenue, as a
    money figure of it is."""
    text = "今年前三季度，国内出游人次和出游总花费同比分别增长7.2%和9.5%。"
    assert _facts(text, "2026-10-28", "indicator", "yoy_pct") == [
        ("visitors", 7.2),
        ("tourism_revenue", 9.5),
    ]


def test_one_projects_total_investment_has_no_period_but_signed_projects_do() -> None:
    """项目总投资约38亿欧元 in a sentence of its own: the size of one project, not activity of the
    month named before; projects counted or signed (签约项目56个，总投资…) keep the period."""
    text = "今天（6月3日），一座动力电池工厂举行设备进场仪式。项目总投资约38亿欧元。"
    assert _facts(text, "2026-06-03", "period_start", "period_end") == [(None, None)]
    text = "今天（9月18日），新片区举行项目集中签约活动。其中，外资项目21个，总投资约230亿元。"
    assert _facts(text, "2025-09-19", "value", "period_end")[-1] == (230e8, "2025-09")


def test_rates_of_orders_counted_in_money_are_money() -> None:
    """外销订单金额为…亿美元…，电子产品订单增长21.6%: where the paragraph counts orders in money,
    a rate of a kind of order is a money rate; other orders (研学订单) stay other."""
    text = (
        "台湾地区经济主管部门公布，7月份外销订单金额为654.7亿美元，同比增长14.2%。"
        "其中，电子产品订单增长21.6%。"
    )
    assert _facts(text, "2026-08-20", "indicator", "yoy_pct")[-1] == (
        "tax_refund_or_other_money",
        21.6,
    )
    text = "暑期以来，多家在线旅游平台的亲子研学订单同比增长56%。"
    assert _facts(text, "2026-08-20", "indicator") == [("other",)]


def test_a_list_of_places_with_bare_figures_continues_the_quantity_before() -> None:
    """…跨境电商进出口1032.6亿元。其中，厦门、泉州分别完成…: places listed with figures and no
    quantity word of their own take the total's quantity."""
    text = (
        "前三季度，福建省跨境电商进出口1032.6亿元，同比增长14.8%。"
        "其中，厦门、泉州分别完成412.3亿元和338.7亿元。"
    )
    assert _facts(text, "2025-10-27", "indicator", "reporter")[1:] == [
        ("trade_total", "厦门"),
        ("trade_total", "泉州"),
    ]


def test_ruijing_before_a_place_is_no_part_of_its_name() -> None:
    """入境台湾地区旅客…: the place visited reports, 入境 is the movement, not the name."""
    text = "台湾地区观光主管部门公布，今年1至9月，入境台湾地区旅客612.4万人次，同比增长8.2%。"
    assert _facts(text, "2025-10-20", "reporter") == [("台湾地区",)]


def test_a_range_stated_as_bounds_gives_both_ends() -> None:
    """介于600亿至630亿美元之间: both bounds are figures, as readers write them; a plain range
    (预计在290亿至300亿新元) stays one figure, its low end."""
    text = "该部门预计，10月份外销订单金额将介于600亿至630亿美元之间。"
    assert _facts(text, "2025-10-21", "value") == [(600e8,), (630e8,)]
    text = "新加坡旅游局预计，今年旅游收入在290亿至300亿新元之间。"
    assert _facts(text, "2025-10-21", "value") == [(290e8,)]


def test_one_figure_said_of_each_listed_item_is_a_fact_per_item() -> None:
    """进口台湾水果、水产品均超过千吨: one figure for each item set apart by 、; an open list (等)
    or items joined by 及 (国际及地区航班) stays one fact."""
    text = "今年前4个月，平潭进口台湾水果、水产品均超过千吨。"
    assert _facts(text, "2026-05-20", "value", "commodity") == [(1000, "水果"), (1000, "水产品")]
    text = "假期期间，高崎国际机场国际及地区航班客座率均保持在八成五。"
    assert len(_facts(text, "2026-05-06", "value")) == 1


def test_routes_listed_by_their_ends_share_one_figure() -> None:
    """长沙至曼谷、胡志明市、首尔等国际航线客座率均…: the routes are one subject, not one fact per
    destination (自卡塔尔、澳大利亚进口…均 still gives each partner its own)."""
    text = "假期期间，长沙至曼谷、胡志明市、首尔等国际航线客座率均保持在九成以上。"
    assert len(_facts(text, "2025-10-08", "value")) == 1


def test_buyers_counted_as_persons_are_other_but_their_visits_are_visitors() -> None:
    """境外采购商3.2万人: buyers in persons are no visitors by the guide (readers 42 : 28); counted
    in 人次 (采购商超过60万人次) they are visits."""
    text = "本届博览会吸引境外采购商3.2万人，比上届增长12%。"
    assert _facts(text, "2026-06-20", "indicator") == [("other",)]
    text = "今年以来，义乌市场外商采购商超过60万人次，同比增长20%。"
    assert _facts(text, "2026-06-20", "indicator") == [("visitors",)]


def test_a_proportion_of_a_named_total_after_xiangdangyu_is_a_share() -> None:
    """相当于国内生产总值的0.29%: a part of a total; 相当于去年全年的六成 is a level against a
    period, not a share."""
    text = "据测算，旅游消费损失将达1.8万亿日元，相当于国内生产总值的0.29%。"
    assert _facts(text, "2026-06-20", "indicator")[-1] == ("share",)
    text = "今年前5个月，该港发运商品车12万辆，相当于去年全年的六成。"
    assert _facts(text, "2026-06-20", "indicator")[-1] == ("other",)


def test_a_trade_word_after_the_last_listed_place_is_no_part_of_it() -> None:
    """凭祥市、东兴市边境贸易进出口分别为…: each city reports its own figure."""
    text = "前三季度，凭祥市、东兴市边境贸易进出口分别为612.4亿元和398.7亿元。"
    assert _facts(text, "2025-10-20", "reporter") == [("凭祥市",), ("东兴市",)]


def test_a_proportion_before_a_port_word_is_no_count_of_ports() -> None:
    """…包裹中，超过三成经由平潭口岸通关: a share of the parcels, not a count of ports (十多个
    国家和地区 stays a place count)."""
    text = "目前大陆经海运寄往台湾地区的跨境电商包裹中，超过三成经由平潭口岸通关。"
    assert _facts(text, "2026-01-20", "indicator", "value") == [("share", 30)]


def test_shuwang_before_a_place_is_no_part_of_its_name() -> None:
    """香港输往台湾地区的整体出口…: 香港 exports, the goods go to 台湾地区 (输往 is the movement,
    like 运往 and 销往)."""
    text = "统计处公布，3月，香港输往台湾地区的整体出口货值约1020亿港元，同比增长28.6%。"
    assert _facts(text, "2026-04-27", "reporter") == [("香港",)]


def test_control_points_name_no_reporter() -> None:
    """经各陆路管制站入境的内地旅客: the control points are a kind, the place counting is 香港."""
    text = "香港入境事务处数据显示，国庆假期经各陆路管制站入境的内地旅客超过160万人次。"
    assert _facts(text, "2025-10-09", "reporter") == [("香港",)]


def test_consumer_goods_are_a_commodity_and_retail_totals_are_money() -> None:
    """进口食品、化妆品等消费品4.6亿元: 消费品 names the goods of an import, not spending;
    社会消费品零售总额 is retail sales, money."""
    text = "今年1至11月，义乌自台湾地区进口食品、化妆品等消费品4.6亿元，同比增长18.2%。"
    assert _facts(text, "2025-12-20", "indicator") == [("import",)]
    text = "“十四五”期间，我国社会消费品零售总额年均增长5.5%。"
    assert _facts(text, "2026-03-09", "indicator") == [("tax_refund_or_other_money",)]


def test_irans_solar_year_starts_in_march() -> None:
    """伊朗历本年度前8个月 runs from March; 伊朗历1404年 is March 2025..March 2026 (its months
    start on the 21st, so the readers name both calendar months at the ends)."""
    text = "伊朗历本年度前8个月，阿巴斯港集装箱吞吐量达到142.6万标箱，同比增长6.4%。"
    assert _facts(text, "2025-12-22", "period_start", "period_end") == [("2025-03", "2025-11")]
    text = "伊朗海关总署日前公布伊朗历1404年，伊朗对华出口120亿美元。"
    assert _facts(text, "2026-03-30", "period_start", "period_end") == [("2025-03", "2026-03")]


def test_goods_listed_before_a_trade_word_are_that_trade() -> None:
    """船舶、汽车出口分别增长…: ships are exported goods here, not vessel trips."""
    text = "今年1至2月，江苏船舶、汽车出口分别增长41.2%和27.5%。"
    assert _facts(text, "2026-03-12", "indicator") == [("export",), ("export",)]


def test_students_after_a_place_come_from_it() -> None:
    """招收台湾学生1362名: the students come from Taiwan; the province enrolling them reports."""
    text = "记者从福建省教育厅获悉，今年秋季学期，全省28所高校共招收台湾学生1362名。"
    assert _facts(text, "2025-09-20", "reporter")[-1] == ("福建",)


def test_a_breakdown_by_region_names_no_place_and_a_taiwan_ministry_release_carries() -> None:
    """按接单地区看: a breakdown, not a place called 按接单地区; 台湾地区“经济部”公布: Taiwan's own
    release, so its figures in the next sentence stay Taiwan's."""
    text = (
        "台湾地区“经济部”今天（11月20日）公布，10月台湾外销订单金额为629.4亿美元，同比增长25.1%。"
        "按接单地区看，来自大陆及香港的订单133.7亿美元，增长8.6%。"
    )
    assert _facts(text, "2025-11-20", "reporter") == [("台湾",), ("台湾",)]


def test_a_threshold_within_half_a_year_is_no_fact_and_no_period() -> None:
    """首次在半年内突破千亿元: 半年内 is not 年内 (this year so far), so the threshold shares the
    half year of the figure it rounds and goes; the next sentence keeps the half year."""
    text = (
        "记者今天从山东省青岛市获悉，上半年，青岛市接待游客6012万人次，同比增长7.9%；"
        "实现旅游总收入1068亿元，同比增长9.2%，首次在半年内突破千亿元。"
        "其中，崂山区、市南区两个区域接待游客分别为1286万人次和1542万人次。"
    )
    got = _facts(text, "2026-07-15", "value", "period_end")
    assert got == [
        (60120000, "2026-06"),
        (106800000000, "2026-06"),
        (12860000, "2026-06"),
        (15420000, "2026-06"),
    ]


def test_a_figure_whose_span_runs_over_a_later_threshold_is_kept() -> None:
    """快递业务量完成1003.8亿件，首次突破千亿件，同比增长11.9%: the exact figure is no threshold
    because its growth's span runs over one; the larger total before it does not absorb it."""
    text = (
        "上半年，全国邮政行业寄递业务量累计完成1092.4亿件，同比增长10.6%。"
        "其中，快递业务量完成1003.8亿件，首次突破千亿件，同比增长11.9%。"
    )
    assert _facts(text, "2026-07-16", "value") == [(109240000000,), (100380000000,)]


def test_a_threshold_within_a_time_goes_before_the_growth_is_attached() -> None:
    """1003.8亿件，首次在半年内突破千亿件，同比增长11.9%: the threshold is dropped with its
    figure, so the growth is the exact figure's."""
    text = "上半年，快递业务量完成1003.8亿件，首次在半年内突破千亿件，同比增长11.9%。"
    assert _facts(text, "2026-07-16", "value", "yoy_pct") == [(100380000000, 11.9)]


def test_districts_listed_before_their_figures_each_report() -> None:
    """崂山区、市南区、西海岸新区三个…区域…分别为: each district reports its own figure, and the
    count of their class (三个滨海旅游重点区域) is no part of the last one's name."""
    text = (
        "上半年，崂山区、市南区、西海岸新区三个滨海旅游重点区域接待游客分别为1286万人次、"
        "1542万人次和1375万人次。"
    )
    assert _facts(text, "2026-07-15", "reporter") == [("崂山区",), ("市南区",), ("西海岸新区",)]
    text = "上半年，静安区、徐汇区接待游客分别为1286万人次和1542万人次。"
    assert _facts(text, "2026-07-15", "reporter") == [("静安区",), ("徐汇区",)]


def test_a_short_form_pair_names_the_country_that_reports() -> None:
    """中国仍是菲律宾最大的贸易伙伴，…菲中贸易额: China is the partner named in passing; the pair
    in short form starts with the Philippines, whose release it is."""
    text = (
        "菲律宾统计署近日发布，前三季度，菲律宾货物进出口总额1586.9亿美元。"
        "从贸易伙伴看，中国仍是菲律宾最大的贸易伙伴，前三季度菲中贸易额274.3亿美元。"
    )
    assert _facts(text, "2025-11-10", "reporter") == [("菲律宾",), ("菲律宾",)]


def test_travellers_listed_before_a_region_are_no_part_of_its_name() -> None:
    """中国香港旅客和台湾地区旅客分别…: travellers by origin in Macao's release, not a place
    called 香港旅客和台湾地区; Macao, the releasing region, reports."""
    text = (
        "澳门特区政府统计暨普查局今天公布，今年前三季度，澳门入境旅客2946.4万人次。"
        "按客源划分，中国香港旅客和台湾地区旅客分别为581.7万人次和69.2万人次。"
    )
    assert _facts(text, "2025-10-21", "reporter") == [("澳门",)] * 3


def test_macaos_statistics_bureau_needs_no_region_named() -> None:
    """统计暨普查局公布 is Macao's own release: its figures after ；stay Macao's, not the places
    of the sentence before (赛车博物馆、渔人码头等地)."""
    text = (
        "赛事期间，主办方在赛车博物馆、渔人码头等地设置多个观赛点和市集。"
        "统计暨普查局公布，10月份澳门酒店场所入住率为92.4%；酒店住客137.6万人次，增长6.1%。"
    )
    assert _facts(text, "2025-11-14", "reporter")[-1] == ("澳门",)


def test_travellers_from_regions_named_with_diqu_come_from_them() -> None:
    """中国香港、中国澳门和台湾地区游客…: where the visitors come from; the province that
    received them reports (a region named with 地区 is a place, not a port or zone)."""
    text = (
        "今年上半年，海南接待入境游客52万人次。其中，中国香港、中国澳门和台湾地区游客17.9万人次。"
    )
    assert _facts(text, "2026-07-20", "reporter") == [("海南",), ("海南",)]


def test_names_run_across_no_verb_of_handling_and_no_season() -> None:
    """共吞吐台湾地区水产品: 吞吐 is the verb, the place is 台湾地区; 新航季国内航线: a season and
    a kind of route, no line called 新航季国内航线."""
    names = [n for _a, _b, n in named_subjects("去年全年共吞吐台湾地区水产品6.3万吨")]
    assert names == ["台湾地区"]
    names = [n for _a, _b, n in named_subjects("新航季国内航线每周计划航班9.42万班")]
    assert all("航季" not in n for n in names)


def test_a_platform_opening_the_sentence_with_its_data_reports() -> None:
    """同程旅行数据显示，…搜索量环比增长近两倍: the platform's own data, as readers name it."""
    text = "同程旅行数据显示，截至10月8日，平台上清明、端午假期的旅游线路搜索量环比增长近两倍。"
    assert _facts(text, "2025-10-09", "reporter") == [("同程旅行",)]


def test_a_palace_is_a_site_that_reports_its_visitors() -> None:
    """布达拉宫已接待游客62.3万人次: the palace counts its visitors, as a museum or temple does;
    故宫博物院 stays the museum."""
    text = "记者了解到，今年以来，布达拉宫已接待游客62.3万人次。"
    assert _facts(text, "2026-07-10", "reporter") == [("布达拉宫",)]
    text = "今年以来，北京故宫博物院接待游客320万人次。"
    assert _facts(text, "2026-07-10", "reporter") == [("北京故宫博物院",)]


def test_a_time_word_inside_quoted_speech_dates_nothing_after_it() -> None:
    """“大陆市场空间大，我们明年还要来”: the speaker's 明年 is no period of the fair's figures in
    the next sentence."""
    text = (
        "第二十八届海峡两岸经贸交易会今天在福州闭幕。负责人告诉记者，短短几天就达成了合作意向，"
        "“大陆市场空间大，我们明年还要来”。本届海交会共吸引采购商和观众26.4万人次。"
    )
    assert _facts(text, "2026-05-21", "period_start", "period_end") == [("2026-05", "2026-05")]


def test_a_bound_said_of_each_listed_item_is_a_figure_for_each() -> None:
    """进口玉米、小麦均不足300万吨，同比均下降七成以上: one bounded figure for each grain, each with
    the rate said of both."""
    text = "今年前11个月，我国进口玉米、小麦均不足300万吨，同比均下降七成以上。"
    got = _facts(text, "2025-12-09", "value", "yoy_pct", "commodity")
    assert got == [(3000000, -70.0, "玉米"), (3000000, -70.0, "小麦")]


def test_a_first_since_some_time_is_no_period_of_the_figures_after() -> None:
    """这是自2024年年中以来对华出口首次实现同比正增长: a record, not a period; the next sentence's
    rates keep the month given before."""
    text = (
        "今年1月，加拿大对华出口23.8亿加元，同比增长6.1%，这是自2024年年中以来对华出口首次实现"
        "同比正增长。其中，铜精矿出口增长42.7%。"
    )
    got = _facts(text, "2026-03-12", "period_start", "period_end")
    assert got == [("2026-01", "2026-01")] * 2


def test_a_ranking_names_no_reporter() -> None:
    """增速居中部六省第一位: the six central provinces are what Hubei is ranked among, no subject
    (and 增速居 no part of a name); the figures after it stay Hubei's."""
    text = "同期，湖北省进出口6384.5亿元，同比增长12.3%，增速居中部六省第一位，规模占全国的1.8%。"
    assert _facts(text, "2026-10-20", "reporter") == [("湖北省",), ("湖北省",)]


@pytest.mark.parametrize(
    "text",
    [
        "这家企业新建的智能化产线投产后，年产能可达800万台。",
        "天津港冷链物流基地冷库总库容已达到18万吨。",
        "新型动车组采用8辆编组，设计时速160公里，定员684人。",
    ],
)
def test_what_one_line_store_or_train_holds_is_no_figure(text: str) -> None:
    assert _facts(text, "2026-08-27", "value") == []


def test_a_stock_built_or_added_across_a_region_is_a_figure() -> None:
    """全区共建成…总库容超过230亿立方米, 新增冷库库容3万吨: what a region built or added counts."""
    text = "截至2022年底，新疆全区共建成各类水库671座，总库容超过230亿立方米。"
    assert _facts(text, "2023-03-10", "value") == [(671,), (23_000_000_000,)]
    text = "今年，该口岸新增冷库库容3万吨。"
    assert _facts(text, "2026-08-27", "value") == [(30000,)]


def test_barrels_of_crude_are_a_unit_and_no_money() -> None:
    """对华原油出口量为日均158万桶: a figure in barrels; 2.35亿桶 is no bare 亿 of yuan."""
    text = "今年5月，沙特对华原油出口量为日均158万桶，同比下降2.1%。"
    assert _facts(text, "2026-07-02", "value", "unit", "yoy_pct") == [(1_580_000, "桶", -2.1)]
    text = "今年前5个月，沙特对华原油出口合计约2.35亿桶。"
    assert _facts(text, "2026-07-02", "value", "unit") == [(235_000_000, "桶")]


@pytest.mark.parametrize(
    "text,reporter",
    [
        (
            "12月14日，2025中国邮轮产业发展大会在厦门开幕。来自国内外邮轮公司、港口、船舶制造企业等的"
            "600余名代表参会。",
            "2025中国邮轮产业发展大会",
        ),
        (
            "据台湾媒体报道，台北故宫博物院南部院区举办的“丝路佛光”特展近日闭幕。展览历时4个月，"
            "累计吸引观众约58万人次。",
            "“丝路佛光”特展",
        ),
    ],
)
def test_a_development_conference_or_a_special_exhibition_reports(text: str, reporter: str) -> None:
    """…产业发展大会 and a named 特展 are events: their participants and visitors are theirs."""
    assert _facts(text, "2025-12-15", "reporter") == [(reporter,)]


def test_an_events_edition_is_in_its_name() -> None:
    """第36届青岛国际啤酒节: the edition before the name is part of it (not 届青岛国际啤酒节)."""
    text = "8月24日，第36届青岛国际啤酒节落下帷幕。本届啤酒节共吸引游客620万人次。"
    assert _facts(text, "2026-08-25", "reporter") == [("第36届青岛国际啤酒节",)]


def test_a_quarter_early_is_no_first_quarter() -> None:
    """提前一个季度突破万亿元大关: a quarter early, not 前一个季度 (January to March); the figures
    after it keep the first three quarters."""
    text = (
        "前三季度，宁波市外贸进出口总值1.11万亿元，同比增长5.2%，提前一个季度突破万亿元大关。"
        "其中，出口7423.6亿元，增长6.8%。"
    )
    got = _facts(text, "2026-10-23", "period_start", "period_end")
    assert got == [("2026-01", "2026-09")] * 2


def test_a_threshold_crossed_by_a_port_named_in_full_yields_to_its_exact_figure() -> None:
    """宁波舟山港梅山港区…首次突破1200万标箱 and 梅山港区…已完成1203.5万标箱: one port, named in
    full and then short; only the exact figure is a fact."""
    text = (
        "今天，宁波舟山港梅山港区年集装箱吞吐量首次突破1200万标箱。截至当天，梅山港区今年已完成"
        "集装箱吞吐量1203.5万标箱，同比增长12.6%。"
    )
    assert _facts(text, "2025-12-27", "value") == [(12_035_000,)]


def test_visitors_spending_is_tourism_revenue() -> None:
    """中国访客消费98.5亿澳元: 访客 are travellers as 游客 and 旅客 are."""
    text = "截至今年9月的一年中，赴澳国际游客总消费达到348亿澳元。其中，中国访客消费98.5亿澳元。"
    got = _facts(text, "2025-12-10", "indicator")
    assert got == [("tourism_revenue",), ("tourism_revenue",)]


def test_money_converted_with_a_bound_is_the_same_money() -> None:
    """103.2亿澳元，约合人民币超480亿元，同比增长16.3%: one figure, the growth its own."""
    text = "去年全年，中国访客在澳消费总额达到103.2亿澳元，约合人民币超480亿元，同比增长16.3%。"
    assert _facts(text, "2026-03-26", "value", "yoy_pct") == [(10_320_000_000, 16.3)]


def test_students_trips_are_visits_and_students_enrolled_are_not() -> None:
    """接待研学团队2870个、学生14.3万人次: study-tour trips are visitors; 招收台湾学生1362名 is
    other."""
    text = "7月，平遥古城共接待研学团队2870个、学生14.3万人次，分别增长18.5%和22.7%。"
    assert _facts(text, "2026-08-07", "indicator")[-1] == ("visitors",)
    text = "今年秋季学期，全省高校共招收台湾学生1362名。"
    assert _facts(text, "2026-10-10", "indicator") == [("other",)]


def test_a_growth_of_passenger_throughput_is_visitors() -> None:
    """大同云冈国际机场旅客吞吐量同比增长27.8%: passengers, not cargo."""
    text = "今年1至2月，大同云冈国际机场旅客吞吐量同比增长27.8%。"
    assert _facts(text, "2026-03-11", "indicator", "yoy_pct") == [("visitors", 27.8)]


def test_places_counted_or_a_verb_before_a_port_name_nothing() -> None:
    """通达38个城市 counts places (no list of them is named); 随即开赴上海港 is a ship's move, the
    port is 上海港."""
    from haisi.nlp.facts.names import named_subjects

    text = "敦煌莫高国际机场本航季开通航线41条，通达38个城市，每周计划执行航班412班。"
    assert [n for _a, _b, n in named_subjects(text)] == ["敦煌莫高国际机场"]
    text = "一艘汽车运输船在江苏南通交付，随即开赴上海港装载首航车辆。"
    assert [n for _a, _b, n in named_subjects(text)] == ["上海港"]


def test_a_winter_season_named_by_both_years_starts_in_the_first() -> None:
    """民航2026/2027年冬春航季: October 2026 to March 2027, not the season that starts in 2027."""
    text = (
        "10月25日起，民航2026/2027年冬春航季开始执行，"
        "海南各机场计划每周执行国际及地区客运航班580班。"
    )
    assert _facts(text, "2026-10-29", "period_start", "period_end") == [("2026-10", "2027-03")]


def test_a_planned_weekly_timetable_against_last_year_is_a_figure() -> None:
    """计划每周执行航班3126班，同比增长8.5%: compared with last year's, the season's timetable is
    reported, not only planned."""
    text = "三亚凤凰国际机场计划每周执行航班3126班，同比增长8.5%。"
    assert _facts(text, "2025-10-26", "value", "yoy_pct") == [(3126, 8.5)]


@pytest.mark.parametrize(
    "text",
    [
        "国庆假期，西江千户苗寨迎来客流高峰。",  # a village's name, not a thousand households
        "贵阳至新加坡直飞航线单程飞行时间约4个半小时。",  # a duration, not four of something
    ],
)
def test_a_village_name_and_a_duration_hold_no_count(text: str) -> None:
    assert extract_facts(text, "2025-10-05") == []


def test_spending_where_travellers_go_is_tourism_revenue() -> None:
    """在英消费 and 人均消费 after a count of visitors in the sentence are the visitors'
    spending."""
    text = (
        "今年二季度，中国大陆游客赴英国旅游访问14.2万人次，同比增长18.6%，在英消费3.1亿英镑。"
        "中国游客平均在英停留11晚，人均消费约2180英镑。"
    )
    assert _facts(text, "2025-09-19", "indicator", "value") == [
        ("visitors", 142_000),
        ("tourism_revenue", 310_000_000),
        ("tourism_revenue", 2180),
    ]


def test_a_quoted_slogan_and_a_verb_are_no_part_of_a_name() -> None:
    """班列“不停运、不断档” quotes a slogan, not a line; 设置国际陆港…展区 sets up exhibition
    areas."""
    text = (
        "春节假期，兰州国际陆港一线职工坚守岗位，保障国际班列“不停运、不断档”。"
        "假期9天，陆港共开行国际货运班列29列。"
    )
    assert _facts(text, "2026-02-20", "reporter", "value") == [("兰州国际陆港", 29)]
    text = (
        "本届兰洽会设置国际陆港与通道经济、新能源等6个展区，来自45个国家和地区的1300多家企业参展。"
    )
    assert [r for (r,) in _facts(text, "2026-07-08", "reporter")] != ["设置国际陆港"]


@pytest.mark.parametrize(
    "text",
    [
        "目前，澳门机场通航63个航点。",  # destinations served: a network's reach, not a count
        "今年以来，宁波舟山港先后受3个台风正面或外围影响。",
        "平台整合了海关、港口、粮库等6个部门的数据。",
        "来东莞5年，团队已从3个人发展到46个人。",  # a team's size in an anecdote
        "今年，郑州—卢森堡“空中丝绸之路”走过第11个年头。",  # years, not a count
        "长沙至约翰内斯堡直航航线今天开通，执飞机型拥有300个座位。",  # one aircraft's size
        "航线使用宽体客机，单程可提供座位300余个。",  # one flight's seats
        "这座仓库设有12万个标准货位，配备自动分拣线。",  # one warehouse's size
        "封关后“零关税”商品范围将由目前的约1900个税目扩大至约6600个税目。",  # kinds of goods
    ],
)
def test_counts_in_ge_that_measure_no_activity_are_no_figures(text: str) -> None:
    assert extract_facts(text, "2026-08-10") == []


def test_a_list_counted_again_is_no_figure_but_lines_opened_are() -> None:
    """平潭至台中、台北两条航线 counts the list just named; 新开通至…、…的两条航线 counts lines
    opened."""
    text = "今年一季度，平潭至台中、台北两条客滚航线共运送旅客3.2万人次。"
    assert _facts(text, "2026-04-10", "value") == [(32_000,)]
    text = "5月，钦州港新开通至印尼雅加达、马来西亚巴生港的两条汽车滚装航线。"
    assert _facts(text, "2026-06-10", "value") == [(2,)]


@pytest.mark.parametrize(
    "text",
    [
        "青海盐湖工业股份有限公司新建的4万吨/年基础锂盐一体化项目投产。",  # a plant's rate
        "会议对适老化改造、随团医护等内容提出48条具体要求。",  # a policy's provisions
    ],
)
def test_a_plants_rate_a_monitored_sample_and_provisions_are_no_figures(text: str) -> None:
    assert extract_facts(text, "2026-02-20") == []


def test_the_sample_a_ministry_monitors_is_no_count() -> None:
    text = "夜间消费成为亮点，商务部监测的全国78个步行街（商圈）夜间客流量较去年同期增长5.9%。"
    assert 78 not in [v for (v,) in _facts(text, "2026-02-20", "value")]


def test_chinese_firms_registered_abroad_are_the_host_countrys_count() -> None:
    text = "阿联酋经济部近日发布，截至今年3月底，在阿联酋注册经营的中国企业超过1.6万家。"
    assert _facts(text, "2026-05-08", "reporter", "value") == [("阿联酋", 16_000)]


def test_qinghais_prefectures_are_places() -> None:
    text = "其中，西宁市、海西州、海北州分别接待游客158.3万人次、61.7万人次和54.2万人次。"
    assert [r for (r,) in _facts(text, "2025-10-09", "reporter")] == ["西宁市", "海西州", "海北州"]


def test_a_bridge_section_in_brackets_is_the_reporter() -> None:
    text = "截至上月底，厦金大桥（厦门段）累计完成投资82.3亿元，约占项目总投资的六成。"
    assert {r for (r,) in _facts(text, "2026-09-10", "reporter")} == {"厦金大桥（厦门段）"}


def test_a_produce_market_is_the_reporter() -> None:
    text = "去年，斗南花卉市场鲜切花交易量达120亿枝，交易额124.3亿元。"
    assert {r for (r,) in _facts(text, "2026-02-10", "reporter")} == {"斗南花卉市场"}
