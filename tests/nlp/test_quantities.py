"""Quantity layer: units, currencies, percent vs 百分点 vs 倍, growth signs, English amounts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from haisi.nlp.quantities import find_growths, find_quantities, find_quantities_en


@pytest.mark.parametrize(
    "text,value,unit",
    [
        ("进出口4897.3亿元", 489_730_000_000, "CNY"),
        ("投资164.3亿美元", 16_430_000_000, "USD"),
        ("贸易额12亿新台币", 1_200_000_000, "TWD"),
        ("接待游客3125万人次", 31_250_000, "person_trips"),
        ("运输货物621026标箱", 621_026, "TEU"),
        ("吞吐量2.5万TEU", 25_000, "TEU"),
        ("集装箱吞吐量300万自然箱", 3_000_000, "自然箱"),  # boxes, not TEU (had no unit)
        ("运送货物368.2万吨", 3_682_000, "tonnes"),
        ("累计开行15482列", 15_482, "trains"),
        ("运行62个往返航班", 62, "flights"),
        ("2800多家企业", 2800, "enterprises"),
        ("进出口１６０.７亿元", 16_070_000_000, "CNY"),
        ("占比超六成", 60, "percent"),
        ("拉高增速2个百分点", 2, "百分点"),
        ("上百条航线", 100, "条"),
        ("造船完工量3800万载重吨", 38_000_000, "载重吨"),  # ships' tonnage, not cargo
        ("总库容超过230亿立方米", 23_000_000_000, "立方米"),
        ("累计开行超过2万个航次", 20_000, "flights"),
        ("运送标箱23.4万个", 234_000, "TEU"),  # TEU counted in 个
        ("集装箱吞吐量120万个标箱", 1_200_000, "TEU"),  # 个 before the word
        ("满载1200多个标准箱", 1_200, "TEU"),
        ("出口鞋靴10亿双", 1_000_000_000, "双"),  # pairs
        ("开工建设保障性住房1万套", 10_000, "套"),
        ("关区进口葡萄酒1870万升", 18_700_000, "升"),  # volume, not 提升
        ("出口实物图书138万册", 1_380_000, "册"),
        ("累计出口风电设备超过1800台套", 1_800, "台套"),
        ("日均装车17.6万车。", 176_000, "车"),  # wagons loaded, in 万 where the clause ends
    ],
)
def test_units(text: str, value: float, unit: str) -> None:
    (q,) = find_quantities(text)
    assert (q.value, q.unit) == (value, unit)
    assert text[q.start : q.end] == q.text


def test_visits_are_counted_in_wan_ci_and_a_count_of_times_is_not() -> None:
    """线上平台访问量突破1200万次 counts visits; 巡查4100多次 and 首次 are no such count."""
    qs = find_quantities("线上平台访问量突破1200万次、2.1亿次，今年首次开展巡查4100多次。")
    assert [(q.value, q.unit) for q in qs] == [(12_000_000, "次"), (210_000_000, "次")]


def test_wagons_are_counted_in_wan_che_and_a_trains_length_is_not() -> None:
    """日均装车17.9万车 counts wagons loaded; 编组由50车扩大 and 约1100车 are no such count."""
    qs = find_quantities("日均装车17.9万车，编组由50车扩大到55车，日均进口约1100车。")
    assert [(q.value, q.unit) for q in qs if q.unit == "车"] == [(179_000, "车")]


@pytest.mark.parametrize(
    "text,values,yoy",
    [
        ("同比增长5.5%", [5.5], True),
        ("下降2.1%", [-2.1], True),
        ("增长1.68倍", [168.0], True),
        ("同比分别增长15.8%、8.1%、6.8%和6.5%", [15.8, 8.1, 6.8, 6.5], True),
        ("比上届增长3.9%", [3.9], True),
        ("比去年农历同期增长6.8%", [6.8], True),
        ("环比增长5.09%", [5.09], False),
        ("比2019年增长12%", [12.0], False),
        ("同比增长近四成", [40.0], True),
        ("年均增长6.3%", [6.3], False),
        ("同比增长一半以上", [50.0], True),
        ("下降近一半", [-50.0], True),
        ("增长过半", [50.0], True),
        # rate words: 升幅 and 降幅 like 增幅 (升幅 was a percent fact of its own)
        ("外汇储备33387亿美元，升幅为0.5%", [0.5], True),
        ("进出口总值1500亿元，降幅为5%", [-5.0], True),
        # after a change on another base, the rate word keeps that base (was year on year)
        ("外汇储备33387亿美元，较8月末上升165亿美元，增幅为0.5%", [0.5], False),
        ("货物吞吐量15亿吨，环比增加1亿吨，增幅为7%", [7.0], False),
        ("总额为900亿元，比上年增加100亿元，增幅为12.5%", [12.5], True),
        # spoken percentages (read 6, as a share, before)
        ("同比增长百分之六点二", [6.2], True),
        ("下降百分之三", [-3.0], True),
        ("增长千分之三", [0.3], True),  # per mille
        ("同比微升0.8%", [0.8], True),
        ("同比微降1.2%", [-1.2], True),
        ("分别增长百分之五和百分之七点五", [5.0, 7.5], True),
        # a 分别 list whose sign turns (the last item was a growth of its own)
        ("分别增长9.1%、3.4%和下降6.2%", [9.1, 3.4, -6.2], True),
        ("分别下降3.1%和增长2.4%", [-3.1, 2.4], True),
        ("经济成长率为7.6%", [7.6], True),  # Taiwan's word for the growth rate (was a 7.6 % figure)
        # the year before, however said (was another base)
        ("接待外国游客3317万人次，比上一年下降5.8%", [-5.8], True),
        ("贸易逆差为9016亿美元，比前一年收窄约1.9%", [-1.9], True),
        ("进口水果42.3万吨，是上一年的1.8倍", [80.0], True),
        ("发送旅客1213人次，是去年除夕当天的3倍", [200.0], True),  # the same day a year before
    ],
)
def test_growths(text: str, values: list[float], yoy: bool) -> None:
    (g,) = find_growths(text)
    assert g.values == pytest.approx(values) and g.yoy is yoy


def test_english_amounts_in_1987_reuters_style(shared_data: Path) -> None:
    first = json.loads(
        (shared_data / "text/reuters21578-trade-en/articles.jsonl")
        .open(encoding="utf-8")
        .readline()
    )
    got = [(q.value, q.unit) for q in find_quantities_en(first["text"])][:4]
    assert got == [(3.58e9, "USD"), (1.94e9, "number"), (965.04e6, "USD"), (14.6, "percent")]


def test_english_amounts_in_modern_style() -> None:
    got = [
        (q.value, q.unit)
        for q in find_quantities_en("Exports rose 5.3% to $1.2 billion, up 4 percent in 2024.")
    ]
    assert got == [(5.3, "percent"), (1.2e9, "USD"), (4.0, "percent")]


@pytest.mark.parametrize(
    "text,found",
    [
        ("前三季度，港口货物吞吐量超亿吨", [(1e8, "tonnes")]),
        ("全年旅客吞吐量突破千万人次", [(1e7, "person_trips")]),
        ("春运期间旅客超亿人次", [(1e8, "person_trips")]),
        ("建成超亿吨级大港", []),  # a class of port, not a figure
        ("新签约超亿元项目35个", [(35.0, "个")]),  # a threshold, not money
    ],
)
def test_a_scale_with_no_number_after_a_verb_is_one_of_it(text: str, found: list) -> None:
    assert [(q.value, q.unit) for q in find_quantities(text)] == found


@pytest.mark.parametrize(
    "text,rate",
    [("出口金額為400億美元，年增率為4.5%", 4.5), ("貨櫃裝卸量達700萬TEU，年減3%", -3.0)],
)
def test_taiwan_year_on_year_words(text: str, rate: float) -> None:
    """年增率 and 年减 (Taiwan usage) are year-on-year rates, 年减 a fall."""
    from haisi.nlp.pipeline import to_simplified

    (g,) = find_growths(to_simplified(text)[0])
    assert (g.values, g.yoy) == ([rate], True)


def test_a_rate_after_wei_is_a_growth() -> None:
    """增长仅为5.8% and 增长为5.8% are rates (a bare 5.8 % figure before)."""
    for text in ("进出口增长仅为5.8%", "进出口增长为5.8%"):
        assert [g.values for g in find_growths(text)] == [[5.8]]


def test_films_are_counted_in_bu_and_ministries_are_not() -> None:
    """1600部影片 is a count of films (no figure before); 3部委 is no count."""
    qs = find_quantities("来自90个国家和地区的近1600部影片报名，3部委联合发布。")
    assert [(q.value, q.unit) for q in qs if q.unit == "部"] == [(1600, "部")]


@pytest.mark.parametrize(
    "text,values",
    [
        ("分别完成4000万、3000万和2600万标箱", [(4e7, "TEU"), (3e7, "TEU"), (2.6e7, "TEU")]),
        ("分别为120、150和180亿元", [(1.2e10, "CNY"), (1.5e10, "CNY"), (1.8e10, "CNY")]),
        ("1、2月出口300亿元", [(3e10, "CNY")]),  # months are no listed values
    ],
)
def test_numbers_listed_before_a_unit_share_it(text: str, values: list) -> None:
    """4000万、3000万和2600万标箱: one unit (and scale) written once for the list."""
    assert [(q.value, q.unit) for q in find_quantities(text)] == values


@pytest.mark.parametrize(
    "text,values",
    [
        ("贸易额达到600亿元至650亿元", [(6e10, "CNY")]),
        ("每天将有20万至30万人次出入境", [(2e5, "person_trips")]),
        ("旅客运输量在200万至210万人次之间", [(2e6, "person_trips")]),
        ("运量3万吨—5万吨", [(3e4, "tonnes")]),
        ("出口600亿元，至9月底进口300亿元", [(6e10, "CNY"), (3e10, "CNY")]),  # no range
        ("1至9月出口300亿元", [(3e10, "CNY")]),  # months are no range
    ],
)
def test_a_range_is_one_figure_read_as_its_low_end(text: str, values: list) -> None:
    """600亿元至650亿元 and 20万至30万人次 are one figure each: the low end, as labelled."""
    assert [(q.value, q.unit) for q in find_quantities(text)] == values


@pytest.mark.parametrize(
    "text,rate",
    [
        ("博物馆暑期预约量同比增长均在两成以上", 20.0),  # 均在…以上: each at least
        ("三地预约量同比增长在20%以上", 20.0),
    ],
)
def test_a_rate_after_zai_is_a_growth(text: str, rate: float) -> None:
    (g,) = find_growths(text)
    assert g.values == [rate] and g.yoy
    assert not [q for q in find_quantities(text) if q.unit == "percent" and q.start > g.end]


def test_cases_and_sets_are_counted_and_a_ship_size_is_not() -> None:
    """箱 counts cases (40万箱车厘子), containers after 集装箱 (as TEU); 组 counts sets
    (灯组280余组); a ship's size in 箱 (7000箱集装箱船) is no figure."""
    text = "超过40万箱车厘子经洋山港入境，展出灯组280余组。"
    got = [(q.value, q.unit) for q in find_quantities(text)]
    assert got == [(400_000, "箱"), (280, "组")]
    (q,) = find_quantities("车站日均装卸集装箱近3000箱")
    assert (q.value, q.unit) == (3000, "TEU")
    assert not find_quantities("一艘7000箱集装箱船今天首航")


@pytest.mark.parametrize(
    "text,rate",
    [
        ("营业额比平日翻了一番", 100.0),
        ("日均收寄量较平时增长一半以上", 50.0),
        ("街区客流比平时多出一半以上", 50.0),
        ("水果柜比平时多出一倍", 100.0),
    ],
)
def test_a_change_against_an_ordinary_day_is_not_year_on_year(text: str, rate: float) -> None:
    """比平日翻番, 较平时增长一半: a change on an ordinary day's level (the guide's change_pct), not
    a rate over a year and not a share."""
    (g,) = find_growths(text)
    assert (g.values, g.yoy) == ([rate], False)
    assert g.basis in ("平日", "平时")
    assert [g.values for g in find_growths("营业额同比翻了一番")] == [[100.0]]


def test_users_counted_in_wan_are_persons() -> None:
    """海外注册用户超过3000万: users counted with a bare 万 are persons, not a bare number."""
    got = [
        (q.value, q.unit)
        for q in find_quantities("该平台海外注册用户超过3000万，用户累计超过3.6亿。")
    ]
    assert got == [(30_000_000, "persons"), (360_000_000, "persons")]


def test_stems_and_pots_are_counted_units() -> None:
    """鲜切花交易量达120亿枝, 年宵花卉320万盆: flowers counted by the stem and the pot."""
    got = [(q.value, q.unit) for q in find_quantities("鲜切花交易量达120亿枝，年宵花卉320万盆")]
    assert got == [(12_000_000_000, "枝"), (3_200_000, "盆")]
