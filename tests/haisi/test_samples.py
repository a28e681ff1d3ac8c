"""The demo's sample data: deterministic, labelled, realistic in shape, loaded idempotently."""

from __future__ import annotations

import re

import pandas as pd
from haisi.warehouse import Warehouse

from haisi.loading import load_reference, load_samples
from haisi.samples import SAMPLE_CUSTOMS_SOURCE, cny_date, generate


def test_same_seed_same_data_and_labelled() -> None:
    a, b = generate(), generate()
    pd.testing.assert_frame_equal(a.trade_flows, b.trade_flows)
    assert a.content_hash == b.content_hash
    assert generate(seed=1).content_hash != a.content_hash
    assert set(a.trade_flows.vintage) == {"sample"}
    assert a.tourism_flows.series_label.str.contains("示例").all()
    assert a.documents.text.str.startswith("【示例数据】").all()


def test_chinese_new_year_dip_follows_the_holiday() -> None:
    t = generate().trade_flows
    monthly = t[t.flow == "export"].groupby("period").value.sum()
    for year in (2018, 2019, 2021, 2022, 2023, 2024, 2025):  # 2020: the COVID-19 shock
        jan, feb = monthly[f"{year}-01"], monthly[f"{year}-02"]
        # the month holding the Spring Festival is the weaker one
        assert (feb < jan) == (cny_date(year).month == 2), year


def test_bulletin_figures_match_the_trade_table() -> None:
    data = generate()
    t = data.trade_flows
    doc = data.documents.set_index("doc_id").loc["sample-bulletin-2024h1", "text"]
    total = float(re.search(r"进出口([\d.]+)亿美元", doc).group(1))
    expected = t[(t.period >= "2024-01") & (t.period <= "2024-06")].value.sum() / 1e8
    assert abs(total - expected) < 0.051


def test_demo_load_is_idempotent(warehouse: Warehouse) -> None:
    first = load_reference(warehouse) + load_samples(warehouse)
    again = load_reference(warehouse) + load_samples(warehouse)
    assert all(r.rows_stored > 0 for r in first)
    assert all(r.rows_stored == 0 for r in again)
    info = {d.name: d for d in warehouse.datasets()}
    assert info["trade_flows"].sources == [SAMPLE_CUSTOMS_SOURCE]
    assert info["trade_flows"].rows == len(generate().trade_flows)
    sea = warehouse.sql("SELECT * FROM routes WHERE mode = 'sea' AND destination = 'GRPIR'")
    assert sea.num_rows == 1 and sea.column("distance_km")[0].as_py() > 13000


def test_port_calls_follow_the_weekly_schedule() -> None:
    calls = generate().port_calls
    # a weekly service yields about days/7 calls a month; over 2019 the daily Keelung ferry-feeder
    # (14 calls a week) must total near 14 * 365 / 7, less the Spring Festival slowdown
    kel = calls[(calls.partner_port == "TWKEL") & calls.period.str.startswith("2019")]
    assert 0.93 * 14 * 365 / 7 < kel.calls.sum() < 1.02 * 14 * 365 / 7
    assert set(calls.port) == {"CNFOC"} and (calls.calls >= 0).all()
    feb = calls[calls.period == "2018-02"].calls.sum()  # CNY on 16 Feb 2018
    apr = calls[calls.period == "2018-04"].calls.sum()
    assert feb < apr
