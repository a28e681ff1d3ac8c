"""Accuracy on held-out real data: beats seasonal naive, intervals cover, CNY helps Jan/Feb."""

from __future__ import annotations

import numpy as np
import pandas as pd
from haisi.models.forecast import fit_series
from haisi.models.forecast.metrics import coverage, mase, mase_scale

from haisi.samples import generate
from tests.models.forecast.conftest import as_series


def _holdout(series: pd.DataFrame, h: int) -> tuple[pd.DataFrame, np.ndarray]:
    return series.iloc[:-h].reset_index(drop=True), series["y"].to_numpy(float)[-h:]


def test_beats_seasonal_naive_on_held_out_arrivals(aus_inbound):
    """Last 24 months of 8 Australian arrival series held out: lower mean MASE than snaive."""
    ids = sorted(aus_inbound["series_id"].unique())[::14][:8]
    ours, naive = [], []
    for sid in ids:
        train, actual = _holdout(as_series(aus_inbound[aus_inbound["series_id"] == sid]), 24)
        y = train["y"].to_numpy(float)
        scale = mase_scale(y, 12)
        fc = fit_series(train, horizon=24).frame
        ours.append(mase(actual, fc["point"], scale))
        naive.append(mase(actual, y[-12:][np.arange(24) % 12], scale))
    assert len(ours) == 8
    assert np.mean(ours) < np.mean(naive)


def test_interval_coverage_on_held_out_tourism(tcomp):
    """95 % intervals cover most held-out quarterly outcomes, 80 % ones fewer (12 series)."""
    ids = [s for s in dict.fromkeys(tcomp["series_id"]) if s.startswith("Q")][:12]
    actuals, lo80, hi80, lo95, hi95 = [], [], [], [], []
    for sid in ids:
        train, actual = _holdout(as_series(tcomp[tcomp["series_id"] == sid]), 8)
        fc = fit_series(train, horizon=8).frame
        actuals.append(actual)
        for acc, col in ((lo80, "lo80"), (hi80, "hi80"), (lo95, "lo95"), (hi95, "hi95")):
            acc.append(fc[col].to_numpy())
    a = np.concatenate(actuals)
    c80 = coverage(a, np.concatenate(lo80), np.concatenate(hi80))
    c95 = coverage(a, np.concatenate(lo95), np.concatenate(hi95))
    assert len(a) == 96
    assert 0.85 <= c95 <= 1.0
    assert 0.6 <= c80 <= c95


def test_backtest_metrics_are_reported(tcomp):
    """The result carries the chosen model's own backtest MASE, sMAPE and coverage."""
    series = as_series(tcomp[tcomp["series_id"] == "M1"])
    res = fit_series(series, horizon=24)
    assert res.metrics["windows"] == 48  # every origin of the last 48 months
    assert res.metrics["mase"] > 0 and 0 < res.metrics["smape"] < 200
    assert 0 <= res.metrics["coverage80"] <= res.metrics["coverage95"] <= 1
    assert set(res.params["members"]) <= set(res.scores)  # the named members were backtested
    assert res.grade in "ABC" and res.reason


def _jan_feb_error(series: pd.DataFrame, ends: list[str], cny: bool) -> float:
    """Mean relative |error| in January and February over 12-month forecasts from ``ends``."""
    errs = []
    for end in ends:
        train = series[series["ds"] <= end].reset_index(drop=True)
        test = series[series["ds"] > end].head(12)
        fc = fit_series(train, horizon=12, cny=cny).frame
        jf = fc["period"].str[-2:].isin(["01", "02"]).to_numpy()
        errs.append(
            np.abs(test["y"].to_numpy()[jf] - fc["point"].to_numpy()[jf]) / test["y"].mean()
        )
    return float(np.mean(np.concatenate(errs)))


def test_cny_adjustment_lowers_jan_feb_error_on_real_trade(china_trade):
    """US imports from China 2013–2017: CNY adjustment lowers the Jan/Feb forecast error."""
    d = china_trade[(china_trade["reporter_iso3"] == "USA") & (china_trade["flow"] == "import")]
    series = as_series(d)
    ends = ["2012-12", "2013-12", "2014-12", "2015-12", "2016-12"]
    assert _jan_feb_error(series, ends, cny=True) < _jan_feb_error(series, ends, cny=False)


def test_cny_adjustment_lowers_jan_feb_error_on_sample_trade():
    """Fujian sample exports (CNY dip, moving dates): adjustment lowers Jan/Feb error."""
    trade = generate().trade_flows
    total = trade[trade["flow"] == "export"].groupby("period", as_index=False)["value"].sum()
    series = as_series(total)
    ends = ["2022-12", "2023-12", "2024-12"]
    assert _jan_feb_error(series, ends, cny=True) < _jan_feb_error(series, ends, cny=False)
    res = fit_series(series, horizon=12, cny=True)
    assert res.params["cny_beta"] < 0 and res.model.endswith("+CNY")  # a dip, not a boost
