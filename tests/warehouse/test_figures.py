"""One figure per link or series: the figures module against independent pandas sums of the
real source files (China bilateral monthly, GACC HS8-by-regime queries, Australian arrivals)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from haisi.warehouse import Provenance, Warehouse
from haisi.warehouse.figures import period_filter, tourism_figures, trade_figures

from haisi.errors import InvalidInput
from tests.models.network.netdata import china_bilateral

_FILL = {
    "hs_revision": "H6",
    "regime": "",
    "mode": "",
    "quantity": None,
    "quantity_unit": None,
    "supp_quantity": None,
    "supp_unit": None,
    "vintage": "final",
}
GACC = {
    "gacc_china_exports_to_usa_2019-01_hs8_by_regime.csv": "export",
    "gacc_china_imports_from_usa_2019-01_hs8_by_regime.csv": "import",
}


def _raw_bilateral(shared: Path) -> pd.DataFrame:
    d = pd.read_csv(
        shared / "trade" / "china_bilateral_monthly" / "china_bilateral_monthly_2001-01_2017-12.csv"
    )
    return d.assign(value=d["value"] * d["unit_multiplier"], year=d["period"].str[:4])


def _gacc(shared: Path) -> pd.DataFrame:
    frames = []
    for name, flow in GACC.items():
        raw = pd.read_csv(
            shared / "trade" / "gacc_query_samples" / name, dtype=str, keep_default_na=False
        )
        frames.append(
            pd.DataFrame(
                {
                    "period": "2019-01",
                    "frequency": "M",
                    "reporter": "CHN",
                    "partner": "USA",
                    "flow": flow,
                    "hs_code": raw["Commodity code"],
                    "currency": "USD",
                    "regime": raw["Customs Regime code"],
                    "value": pd.to_numeric(raw["US dollar"].str.replace(",", "")),
                }
            )
        )
    return pd.concat(frames, ignore_index=True).assign(
        **{k: v for k, v in _FILL.items() if k != "regime"}
    )


def _append(wh: Warehouse, df: pd.DataFrame, source: str, table: str = "trade_flows") -> None:
    wh.append(table, df, provenance=Provenance(source, f"shared/data ({source})", source))


@pytest.fixture(scope="module")
def bilateral(tmp_path_factory, shared_data: Path) -> Warehouse:
    wh = Warehouse(tmp_path_factory.mktemp("figures") / "wh")
    _append(wh, china_bilateral(shared_data), "china-bilateral")
    return wh


def test_annual_figures_are_the_sum_of_the_months(bilateral, shared_data) -> None:
    raw = _raw_bilateral(shared_data)
    want = (
        raw.groupby(["reporter_iso3", "partner_iso3", "flow", "year"])["value"]
        .sum()
        .rename_axis(["reporter", "partner", "flow", "period"])
    )
    got = trade_figures(bilateral, granularity="A").set_index(
        ["reporter", "partner", "flow", "period"]
    )
    assert len(got) == len(want) == 6 * 17
    np.testing.assert_allclose(got["value"].loc[want.index], want, rtol=1e-12)
    assert set(got["n_sub"]) == {12} and set(got["frequency"]) == {"M"}
    assert dict(zip(got.index.get_level_values("reporter"), got["currency"])) == {
        "JPN": "JPY",
        "KOR": "USD",
        "USA": "USD",
    }


def test_quarter_and_period_filters_select_the_right_months(bilateral, shared_data) -> None:
    raw = _raw_bilateral(shared_data)
    q = raw[raw["period"].isin(["2016-04", "2016-05", "2016-06"]) & (raw.reporter_iso3 == "USA")]
    got = trade_figures(
        bilateral, period="2016Q2", granularity="Q", filters={"reporter": "USA"}
    ).set_index("flow")["value"]
    np.testing.assert_allclose(
        got.sort_index(), q.groupby("flow")["value"].sum().sort_index(), rtol=1e-12
    )
    assert period_filter("2016") == ("prefix", "2016")
    assert period_filter("2016Q2") == ["2016Q2", "2016-04", "2016-05", "2016-06"]
    with pytest.raises(InvalidInput, match="period must be"):
        trade_figures(bilateral, period="2016-13")


def test_an_annual_figure_wins_over_its_months(tmp_path, shared_data) -> None:
    wh = Warehouse(tmp_path / "wh")
    monthly = china_bilateral(shared_data)
    kor = monthly[(monthly.reporter == "KOR") & (monthly.period.str[:4] == "2016")]
    year = (
        kor.groupby(["reporter", "partner", "flow", "hs_code", "currency"], as_index=False)["value"]
        .sum()
        .assign(period="2016", frequency="A", value=lambda d: d["value"] * 1.05)
    )
    _append(wh, pd.concat([monthly, year.assign(**_FILL)], ignore_index=True), "china-bilateral")
    got = trade_figures(wh, granularity="A", filters={"reporter": "KOR"}).set_index(
        ["flow", "period"]
    )
    for flow in ("export", "import"):
        assert got.loc[(flow, "2016"), "value"] == pytest.approx(
            year.set_index("flow").loc[flow, "value"], rel=1e-12
        )
        assert (got.loc[(flow, "2016"), "frequency"], got.loc[(flow, "2016"), "n_sub"]) == ("A", 1)
        months = kor[(kor.flow == flow)]["value"].sum()
        quarters = trade_figures(
            wh, period="2016", granularity="Q", filters={"reporter": "KOR", "flow": flow}
        )
        assert quarters["value"].sum() == pytest.approx(months, rel=1e-12)  # Q ignores the year


def test_hs8_by_regime_rows_sum_to_one_figure_per_product(tmp_path, shared_data) -> None:
    wh = Warehouse(tmp_path / "wh")
    rows = _gacc(shared_data)
    _append(wh, rows, "gacc")
    total = trade_figures(wh).set_index("flow")["value"]
    assert total["export"] == 36_626_321_423 and total["import"] == 9_211_213_264  # SOURCE.md
    ch85 = trade_figures(wh, product="85").set_index("flow")["value"]
    want85 = rows[rows.hs_code.str.startswith("85")].groupby("flow")["value"].sum()
    assert ch85.to_dict() == want85.to_dict()
    assert trade_figures(wh, levels=(0, 2)).empty  # HS8 rows alone make no TOTAL there
    chapters = trade_figures(wh, product="chapters").set_index(["flow", "product"])["value"]
    want = rows.groupby(["flow", rows.hs_code.str[:2]])["value"].sum()
    assert chapters.sort_index().to_dict() == want.sort_index().to_dict()
    # an all-regime chapter row, as a yearbook would publish it, wins over the HS8 breakdown
    published = rows.iloc[:1].assign(hs_code="85", regime="", value=123.0, flow="export")
    _append(wh, published, "gacc")
    after = trade_figures(wh, product="85").set_index("flow")["value"]
    assert after.to_dict() == {"export": 123.0, "import": want85["import"]}


def test_one_source_per_link_or_per_reporter(tmp_path, shared_data) -> None:
    wh = Warehouse(tmp_path / "wh")
    monthly = china_bilateral(shared_data)
    _append(wh, monthly, "china-bilateral")
    later = monthly[(monthly.reporter == "KOR") & (monthly.period.str[:4] == "2017")]
    _append(wh, later.assign(value=later["value"] * 2), "kor-revised")
    kor = {"reporter": "KOR"}
    per_link = trade_figures(wh, period="2017", granularity="A", filters=kor, choose="latest")
    assert set(per_link["source_id"]) == {"kor-revised"} and len(per_link) == 2
    assert per_link["value"].sum() == pytest.approx(2 * later["value"].sum(), rel=1e-12)
    largest = trade_figures(wh, period="2017", granularity="A", filters=kor, choose="largest")
    assert set(largest["source_id"]) == {"china-bilateral"}
    assert largest["value"].sum() == pytest.approx(later["value"].sum(), rel=1e-12)
    every = trade_figures(wh, period="2017", granularity="A", filters=kor)
    assert len(every) == 4  # both sources' figures when no choice is asked for


def test_tourism_arrivals_sum_purposes_unless_an_all_purpose_row_exists(
    tmp_path, shared_data
) -> None:
    raw = pd.read_csv(
        shared_data / "tourism" / "aus-inbound-outbound" / "inbound_train.csv",
        dtype={"period": str},
    )
    rows = pd.DataFrame(
        {
            "period": raw["period"],
            "frequency": "M",
            "origin": raw["country"],
            "destination": "AUS",
            "measure": "arrivals",
            "purpose": raw["purpose"],
            "mode": "",
            "value": raw["value"],
            "unit": "persons",
            "series_label": raw["series_id"],
        }
    )
    wh = Warehouse(tmp_path / "wh")
    _append(wh, rows, "abs", table="tourism_flows")
    got = tourism_figures(wh, granularity="A").set_index(["origin", "period"])["value"]
    want = raw.groupby(["country", raw["period"].str[:4]])["value"].sum()
    assert len(got) == len(want)
    np.testing.assert_allclose(got.loc[want.index], want, rtol=1e-12)
    whole = rows.iloc[:1].assign(purpose="", value=1.0, series_label="all purposes")
    _append(wh, whole, "abs", table="tourism_flows")
    month = tourism_figures(
        wh, period=whole["period"].iloc[0], filters={"origin": whole["origin"].iloc[0]}
    )
    assert month["value"].tolist() == [1.0]


def test_a_figure_does_not_depend_on_the_order_rows_were_stored(tmp_path, shared_data) -> None:
    """The same rows stored in another order give the same totals to the last bit, so an answer
    (and its ETag) does not change between two computations of one data version."""
    rows = _gacc(shared_data)
    rows = rows.assign(value=rows["value"] * 1.000000123)  # fractional values: order shows
    totals = []
    for seed in (1, 2, 3):
        wh = Warehouse(tmp_path / f"wh{seed}")
        _append(wh, rows.sample(frac=1.0, random_state=seed), "gacc")
        totals.append(trade_figures(wh, product="chapters")["value"].tolist())
    assert len(totals[0]) > 100
    assert totals[0] == totals[1] == totals[2]
