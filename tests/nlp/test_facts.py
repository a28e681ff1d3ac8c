"""Fact extraction on real bulletin text: the CLI contract, exact figures, 分别 lists, bad input."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from haisi.nlp.facts import extract_facts
from typer.testing import CliRunner

from haisi.cli import app


def _paragraph(shared_data: Path, pid: str) -> dict:
    for line in (
        (shared_data / "text/xwlb-zh-news/paragraphs.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    ):
        d = json.loads(line)
        if d["id"] == pid:
            return d
    raise KeyError(pid)


def _match(p: dict, g: dict) -> bool:
    """The issue's rule, written out here independently of nlp.evaluate."""

    def close(a, b, ok):
        return (a is None and b is None) or (a is not None and b is not None and ok(a, b))

    return (
        p["indicator"] == g["indicator"]
        and p["period_end"] == g["period_end"]
        and close(p["value"], g["value"], lambda a, b: abs(a - b) <= 0.005 * abs(b))
        and close(p["yoy_pct"], g["yoy_pct"], lambda a, b: abs(a - b) <= 0.05 + 1e-9)
    )


def test_cli_contract_and_f1_on_the_labelled_set(shared_data: Path, tmp_path: Path) -> None:
    gold_path = shared_data / "text/xwlb-zh-facts-dev/facts.jsonl"
    src = tmp_path / "in.jsonl"
    gold = [json.loads(x) for x in gold_path.read_text(encoding="utf-8").splitlines()]
    src.write_text(
        "".join(
            json.dumps({"id": g["id"], "date": g["date"], "text": g["text"]}, ensure_ascii=False)
            + "\n"
            for g in gold
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(app, ["nlp", "facts", str(src), "-o", str(out)])
    assert res.exit_code == 0, res.output
    pred = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [(p["id"], p["date"]) for p in pred] == [(g["id"], g["date"]) for g in gold]
    tp = fp = fn = 0
    for p, g in zip(pred, gold):
        left = list(p["facts"])
        for f in p["facts"]:
            assert f["span"] in g["text"]
            assert set(f) >= {
                "indicator",
                "reporter",
                "partner",
                "commodity",
                "value",
                "unit",
                "yoy_pct",
                "period_start",
                "period_end",
                "span",
            }
        for gf in g["facts"]:
            hit = next((x for x in left if _match(x, gf)), None)
            if hit is None:
                fn += 1
            else:
                left.remove(hit)
                tp += 1
        fp += len(left)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.9, (tp, fp, fn)


def test_fenbie_list_is_aligned_item_by_item() -> None:
    text = "前三季度，我国对东盟、欧盟分别进出口4.7万亿元、4.23万亿元，同比分别增长15.2%、9%。"
    facts = extract_facts(text, "2023-10-13")
    assert [(f["partner"], f["value"], f["yoy_pct"]) for f in facts] == [
        ("东盟", 4_700_000_000_000, 15.2),
        ("欧盟", 4_230_000_000_000, 9.0),
    ]
    assert {f["indicator"] for f in facts} == {"trade_total"}
    assert {(f["period_start"], f["period_end"]) for f in facts} == {("2023-01", "2023-09")}
    assert (
        facts[0]["span"]
        == facts[1]["span"]
        == "东盟、欧盟分别进出口4.7万亿元、4.23万亿元，同比分别增长15.2%、9%"
    )


def test_half_year_trade_paragraph(shared_data: Path) -> None:
    d = _paragraph(
        shared_data, "xwlb-0177"
    )  # 上半年 … 21.17万亿元 … 出口12.13万亿元 … 进口9.04万亿元
    got = [
        (f["indicator"], f["value"], f["unit"], f["yoy_pct"], f["period_start"], f["period_end"])
        for f in extract_facts(d["text"], d["date"])
    ]
    assert got == [
        ("trade_total", 21_170_000_000_000, "CNY", 6.1, "2024-01", "2024-06"),
        ("export", 12_130_000_000_000, "CNY", 6.9, "2024-01", "2024-06"),
        ("import", 9_040_000_000_000, "CNY", 5.2, "2024-01", "2024-06"),
    ]


def test_growth_list_spread_over_preceding_figures(shared_data: Path) -> None:
    d = _paragraph(
        shared_data, "xwlb-0153"
    )  # 内地居民6954.1万人次、… 同比分别上升114.9%、100.4%、305.2%
    got = [(f["value"], f["unit"], f["yoy_pct"]) for f in extract_facts(d["text"], d["date"])]
    assert got == [
        (141_000_000, "person_trips", 117.8),
        (69_541_000, "person_trips", 114.9),
        (59_115_000, "person_trips", 100.4),
        (13_074_000, "person_trips", 305.2),
    ]


@pytest.mark.parametrize(
    "text,yoy",
    [
        ("一季度，深圳口岸锂电池出口同比增长13.8倍。", 1380.0),
        ("前4个月，进口下降2.1%。", -2.1),
        ("海上风电发电量同比翻一番。", 100.0),
        ("上半年，福建省外贸进出口同比增长-2.9%。", -2.9),
    ],
)
def test_growth_conversions(text: str, yoy: float) -> None:
    (f,) = extract_facts(text, "2023-05-06")
    assert f["value"] is None and f["yoy_pct"] == yoy


def test_percent_points_and_multiples_are_distinct() -> None:
    facts = extract_facts(
        "一季度，“新三样”拉高了出口整体增速2个百分点，占出口比重的近三成。", "2023-04-22"
    )
    assert [(f["value"], f["unit"], f["indicator"]) for f in facts] == [
        (2, "百分点", "other"),
        (30, "percent", "share"),
    ]


@pytest.mark.parametrize(
    "text,date",
    [
        ("", "2023-01-01"),
        ("   ", "2023-01-01"),
        ("<div class='x'><p>&nbsp;</p><script>var a=1;</script></div>", "2023-01-01"),
        ("会议于3日举行，共有代表参加，编号2023，比分3比1。", "2023-01-05"),  # numbers with no unit
        ("第133届广交会为期9天，连续14年位居第一。", "2023-04-15"),  # ordinals and durations
        (
            "Exports rose 5% to 3.2 billion dlrs, 14 pct of the total.",
            "1987-03-02",
        ),  # English: rules do not apply
    ],
)
def test_bad_input_invents_nothing(text: str, date: str) -> None:
    assert extract_facts(text, date, doc_id="bad-1") == []


def test_malformed_date_is_logged_with_the_document_id(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="haisi.nlp.facts"):
        extract_facts("进出口4.7万亿元", "2023-02-30", doc_id="doc-42")
    assert "doc-42" in caplog.text


def test_mixed_scripts_and_html_remnants_keep_exact_spans() -> None:
    text = "<p>Xiamen 厦门 customs: 1—2月厦门对金砖国家进出口１６０.７亿元，同比增长47.5%</p>"
    (f,) = extract_facts(text, "2023-03-15")
    assert (f["value"], f["yoy_pct"], f["period_end"]) == (16_070_000_000, 47.5, "2023-02")
    assert text[f["span_start"] : f["span_end"]] == f["span"]


def test_five_megabyte_document_does_not_crash(
    shared_data: Path, caplog: pytest.LogCaptureFixture
) -> None:
    para = _paragraph(shared_data, "xwlb-0177")["text"]
    big = (para * (5_000_000 // len(para) + 1))[:5_000_000]
    with caplog.at_level(logging.WARNING, logger="haisi.nlp.facts"):
        facts = extract_facts(big, "2024-07-12", doc_id="huge")
    assert "huge" in caplog.text
    assert {f["value"] for f in facts} == {
        21_170_000_000_000,
        12_130_000_000_000,
        9_040_000_000_000,
    }


def test_malformed_date_keeps_the_figure_without_a_period() -> None:
    (f,) = extract_facts("进出口4.7万亿元", "not-a-date", doc_id="bad-date")
    assert (f["value"], f["period_start"], f["period_end"]) == (4_700_000_000_000, None, None)


def test_comparison_with_an_older_year_is_not_year_on_year() -> None:
    text = "8月，民航完成旅客运输量6396.4万人次，较2019年同期增长4.5%。"
    (level,) = extract_facts(
        text, "2023-09-17"
    )  # the change joins its figure, never a fact of its own
    assert (level["value"], level["yoy_pct"], level["period_end"]) == (63_964_000, None, "2023-08")
    assert (level["change_pct"], level["change_basis"]) == (4.5, "2019年同期")
    (f,) = extract_facts("2024年，夜间客流量7257.58万人次，较2023年同期增长6.9%。", "2025-01-06")
    assert (f["value"], f["yoy_pct"]) == (72_575_800, 6.9)


def test_threshold_then_exact_figure_keeps_the_exact_one() -> None:
    (f,) = extract_facts(
        "自2019年8月实施以来，沿线省区市经新通道累计进出口超过4万亿元，达到4.06万亿元。",
        "2025-08-09",
    )
    assert (f["indicator"], f["value"], f["period_start"], f["period_end"]) == (
        "trade_total",
        4_060_000_000_000,
        "2019-08",
        "2025-08",
    )


# run-on text near the CLI's 50,000-character cap (a 143,000-character document is the bench's)
@pytest.mark.parametrize("text", ["进出口1万亿元，" * 6000, "1" * 100_000, "出口1吨增长2%" * 3000])
def test_run_on_and_digit_flood_documents_finish(text: str) -> None:
    facts = extract_facts(text, "2024-01-01", doc_id="flood")
    assert (
        len({(f["indicator"], f["value"]) for f in facts}) <= 2
    )  # the same figure repeated is one fact


def test_share_reporter_partner_and_list_commodities() -> None:
    text = (
        "前10个月，我国对东盟进出口5.26万亿元。东盟继续为我国第一大贸易伙伴，占我国外贸总值的15.2%。"
        "一季度，宁波口岸电动载人汽车、太阳能电池、锂电池出口分别增长143.4%、22.8%和145.4%。"
    )
    facts = extract_facts(text, "2022-11-07")
    share = next(f for f in facts if f["indicator"] == "share")
    assert (share["reporter"], share["partner"], share["value"]) == ("全国", "东盟", 15.2)
    lst = [f for f in facts if f["indicator"] == "export"]
    assert [(f["reporter"], f["commodity"], f["yoy_pct"]) for f in lst] == [
        ("宁波口岸", "电动载人汽车", 143.4),
        ("宁波口岸", "太阳能电池", 22.8),
        ("宁波口岸", "锂电池", 145.4),
    ]


def test_absolute_change_is_its_own_other_quantity() -> None:
    facts = extract_facts(
        "国庆假期，国内出游总花费8090.06亿元，较去年同期增加1008.02亿元。", "2025-10-09"
    )
    assert [(f["indicator"], f["value"]) for f in facts] == [
        ("tourism_revenue", 809_006_000_000),
        ("other", 100_802_000_000),
    ]


def test_traditional_script_bulletin_spans_point_into_the_original() -> None:
    text = (
        "據財政部統計，今年1至10月，臺灣對東協出口1,234.5億美元，"
        "較去年同期增長15.2%，進口下降3.1%。"
    )
    facts = extract_facts(text, "2025-11-10")
    assert [
        (f["indicator"], f["value"], f["unit"], f["yoy_pct"], f["period_end"]) for f in facts
    ] == [
        ("export", 123_450_000_000, "USD", 15.2, "2025-10"),
        ("import", None, None, -3.1, "2025-10"),
    ]
    assert facts[0]["span"] == "出口1,234.5億美元，較去年同期增長15.2%"
    assert all(text[f["span_start"] : f["span_end"]] == f["span"] for f in facts)


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "今年前三季度，臺灣出口總額達3,500億美元，成長12.5%。",
            ("export", 350_000_000_000, "USD", 12.5, "2024-09"),
        ),
        (
            "2024年，台灣對東協貿易總額達1.2兆新臺幣，較去年成長8%。",
            ("trade_total", 1_200_000_000_000, "TWD", 8.0, "2024-12"),
        ),
        (
            "據統計，今年1至9月進口額為2.3兆元新臺幣，年增5%。",
            ("import", 2_300_000_000_000, "TWD", 5.0, "2024-09"),
        ),
    ],
)
def test_traditional_units_resolve_like_simplified(text: str, expected: tuple) -> None:
    (f,) = extract_facts(text, "2024-10-20")  # 成長 = 增长, 兆 = 万亿, 新臺幣 = TWD, 億 = 亿
    assert (f["indicator"], f["value"], f["unit"], f["yoy_pct"], f["period_end"]) == expected
    assert f["span"] in text


@pytest.mark.parametrize(
    "text,date,expected",
    [
        # a period stated early carries over a later 累计 clause and across "；"
        (
            "今年前三季度，全省接待游客1.2亿人次；旅游收入累计完成1500亿元。",
            "2024-10-20",
            [
                ("visitors", 120_000_000, "2024-01", "2024-09"),
                ("tourism_revenue", 150_000_000_000, "2024-01", "2024-09"),
            ],
        ),
        (
            "“十四五”期间，我国累计进出口总额达到150万亿元。",
            "2025-12-01",
            [("trade_total", 150_000_000_000_000, "2021-01", "2025-12")],
        ),
        (
            "今年春节假期，海南接待游客950万人次。",
            "2025-02-05",
            [("visitors", 9_500_000, "2025-01", "2025-02")],
        ),
        (
            "这个冬季旅游季，长白山接待游客120万人次。",
            "2025-01-25",
            [("visitors", 1_200_000, None, None)],
        ),
        # a date after the broadcast does not anchor a count reported as done
        (
            "试点项目明年12月底前完成验收，目前已有300家企业参与。",
            "2023-11-18",
            [("enterprise_count", 300, None, "2023-11")],
        ),
    ],
)
def test_periods_carry_and_resolve(text: str, date: str, expected: list) -> None:
    got = [
        (f["indicator"], f["value"], f["period_start"], f["period_end"])
        for f in extract_facts(text, date)
    ]
    assert got == expected


def test_clause_structure_lists_shares_and_average_growth() -> None:
    text = "上半年，跨境电商备案量3.2万单、货值8.5亿元，同比分别增长12%、30%。"
    assert [(f["value"], f["unit"], f["yoy_pct"]) for f in extract_facts(text, "2024-07-15")] == [
        (32_000, "单", 12.0),
        (850_000_000, "CNY", 30.0),
    ]
    text = "三年来，出入境人员超4200万人次，车辆超502万辆次，年均增幅分别达到94.6%和55.1%。"
    facts = extract_facts(
        text, "2024-09-18"
    )  # 年均 is a change on its figure, never a fact of its own
    assert [(f["value"], f["yoy_pct"], f["change_pct"], f["change_basis"]) for f in facts] == [
        (42_000_000, None, 94.6, "年均"),
        (5_020_000, None, 55.1, "年均"),
    ]
    text = "其中澳门居民约1000万人次，约占出入境总人数的23.6%，同比增幅126.8%。"
    (people, share) = extract_facts(text, "2024-09-18")
    assert (people["value"], people["yoy_pct"], share["indicator"], share["value"]) == (
        10_000_000,
        126.8,
        "share",
        23.6,
    )
    text = "截至2月21日，新疆霍尔果斯口岸、阿拉山口口岸今年通行中欧班列双双突破一千列。"
    assert [(f["reporter"], f["value"]) for f in extract_facts(text, "2024-02-24")] == [
        ("霍尔果斯口岸", 1000),
        ("阿拉山口口岸", 1000),
    ]


@pytest.mark.parametrize(
    "text,value,unit",
    [
        ("上海港国际中转业务同比增长超两成。", None, None),
        ("中欧班列开行数量占全国总数的一半以上。", 50, "percent"),
        ("福建水果出口量超过一半销往东盟。", 50, "percent"),  # was no figure
        ("今年以来，平台销售额超过百亿。", 10_000_000_000, "CNY"),
        # the goods between the trade verb and the amount (had no value)
        ("今年以来，厦门口岸进口冰鲜水产品超过百亿。", 10_000_000_000, "CNY"),
    ],
)
def test_value_words(text: str, value: float | None, unit: str | None) -> None:
    (f,) = extract_facts(text, "2024-12-23")
    assert (f["value"], f["unit"]) == (value, unit)
    if value is None:
        assert f["yoy_pct"] == 20.0


@pytest.mark.parametrize(
    "text,reporter",
    [
        (
            "今年前10个月，西部陆海新通道铁海联运班列累计运输货物621026标箱。",
            "西部陆海新通道铁海联运班列",
        ),
        ("除夕以来，港珠澳大桥珠海公路口岸出入境旅客达到了64.5万人次。", "港珠澳大桥珠海公路口岸"),
        ("2023年，长三角区域外贸进出口达到15.17万亿元。", "长三角区域"),
        ("上半年，长江经济带进出口9.5万亿元。", "长江经济带"),
        ("今年，中欧班列东通道累计通行班列突破3000列。", "中欧班列东通道"),
        ("在黑龙江哈尔滨，冰雪旅游持续升温，当地接待游客超500万人次。", "哈尔滨"),
        (
            "在河南开封，今年前十个月，民营企业进出口85.1亿元。",
            "开封",
        ),  # a place the gazetteer lacks
    ],
)
def test_reporter_is_the_named_region_line_port_or_zone(text: str, reporter: str) -> None:
    (f,) = extract_facts(text, "2024-08-01")
    assert f["reporter"] == reporter


def test_multiples_of_a_base() -> None:
    (f,) = extract_facts("前两个月，义乌出口额达到上年同期的3倍。", "2024-03-10")
    assert (f["indicator"], f["value"], f["yoy_pct"]) == (
        "export",
        None,
        200.0,
    )  # 3倍 of last year: +200 %
    (f,) = extract_facts(
        "今天，“小三通”航线发送旅客1213人次，是2023年除夕当天的近16倍。", "2024-02-09"
    )
    assert (f["value"], f["yoy_pct"], f["change_pct"], f["change_basis"]) == (
        1213,
        None,
        1500.0,
        "2023年除夕当天",
    )
