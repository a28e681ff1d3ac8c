"""Robustness and contracts of forecast_series: gaps, short series, zeros, shocks, errors."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from haisi.models.forecast import ForecastError, fit_series, forecast_series
from haisi.models.forecast.auto import OUTPUT_COLUMNS, SETTINGS, run_backtest
from haisi.models.forecast.members import members_for
from haisi.models.forecast.periods import to_periods

from haisi.samples import generate
from tests.models.forecast.conftest import as_series

COLUMNS = ["step", "period", "point", "lo80", "hi80", "lo95", "hi95", "model", "grade", "reason"]


def _ordered(fc: pd.DataFrame) -> bool:
    return bool(
        (
            (fc.lo95 <= fc.lo80)
            & (fc.lo80 <= fc.point)
            & (fc.point <= fc.hi80)
            & (fc.hi80 <= fc.hi95)
        ).all()
    )


@pytest.fixture(scope="module")
def m1(tcomp) -> pd.DataFrame:
    return as_series(tcomp[tcomp["series_id"] == "M1"])


def test_contract_columns_periods_and_default_horizons(tcomp):
    ids = list(dict.fromkeys(tcomp["series_id"]))
    q, y = next(i for i in ids if i[0] == "Q"), next(i for i in ids if i[0] == "Y")
    for sid, h, first in (("M1", 24, "1992-08"), (q, 8, None), (y, 4, None)):
        series = as_series(tcomp[tcomp["series_id"] == sid])
        fc = forecast_series(series)
        assert list(fc.columns) == COLUMNS and len(fc) == h
        assert fc["step"].tolist() == list(range(1, h + 1))
        freq = {"M": "M", "Q": "Q", "Y": "Y"}[sid[0]]
        expected = (
            pd.period_range(pd.Period(series["ds"].iloc[-1], freq) + 1, periods=h, freq=freq)
            .astype(str)
            .tolist()
        )
        assert fc["period"].tolist() == expected
        if first:
            assert fc["period"].iloc[0] == first
        assert _ordered(fc)


def test_named_model_produced_the_forecast(m1):
    """The point forecast is exactly the combination of the named members, refitted here."""
    from haisi.models.forecast.auto import AutoForecaster
    from haisi.models.forecast.periods import to_periods

    y = pd.Series(m1["y"].to_numpy(float), index=to_periods(m1["ds"], "monthly"))
    fc = AutoForecaster(frequency="monthly", horizon=24, cny=False).fit(y)
    res, bt = fc.result_, fc.backtest_
    members = list(res.params["members"])
    assert list(OUTPUT_COLUMNS) == COLUMNS and 1 <= len(members) <= 5
    assert res.model.startswith("Mean(" if len(members) > 1 else members[0])  # monthly: mean
    for name in members:  # the label names the form each member chose, e.g. ETS(M,Ad,M)
        assert res.params["members"][name] in res.model
    log = res.params["transform"] == "log"
    y = m1["y"].to_numpy(float)
    paths = [_refit_here(n, res.params["members"][n], np.log(y) if log else y, 24) for n in members]
    point = (np.mean if res.model.startswith("Mean") else np.median)(paths, axis=0)
    np.testing.assert_allclose(res.frame["point"], np.exp(point) if log else point, rtol=1e-6)
    # chosen = the best backtest scores among all members tried
    scores = res.params["backtest_scores"]
    assert sorted(scores, key=scores.get)[: len(members)] == members
    assert bt is not None and set(scores) == set(bt.paths)


def _refit_here(key: str, label: str, z: np.ndarray, h: int) -> np.ndarray:
    """A member's forecast from its label alone: that form fitted on all of ``z``."""
    from statsforecast import models as sf

    if key == "Naive":
        return np.full(h, z[-1])
    if key == "SeasonalNaive":
        return z[-12:][np.arange(h) % 12]
    inner = label[label.index("(") + 1 : -1]
    if key in ("ETS", "HWD"):
        e, t, s = inner.split(",")
        model = sf.AutoETS(season_length=12, model=e + t[0] + s, damped=t.endswith("d"))
    elif key == "Theta":
        model = sf.AutoTheta(season_length=12, model=inner)
    else:
        model = sf.AutoCES(season_length=12, model=inner)
    return np.asarray(model.forecast(y=z, h=h)["mean"], float)


def test_shorter_horizon_keeps_the_same_intervals(m1):
    """Steps 1–12 of a 12-step run equal those of a 24-step run (points and every bound)."""
    short, long = forecast_series(m1, horizon=12), forecast_series(m1, horizon=24)
    pd.testing.assert_frame_equal(short, long.head(12))


def test_other_levels_are_nested(m1):
    fc = forecast_series(m1, horizon=6, levels=(50, 80, 95))
    assert [c for c in fc.columns if c[:2] in ("lo", "hi")] == [
        "lo50",
        "hi50",
        "lo80",
        "hi80",
        "lo95",
        "hi95",
    ]
    assert (
        (fc.lo95 <= fc.lo80)
        & (fc.lo80 <= fc.lo50)
        & (fc.lo50 <= fc.point)
        & (fc.point <= fc.hi50)
        & (fc.hi50 <= fc.hi80)
        & (fc.hi80 <= fc.hi95)
    ).all()
    with pytest.raises(ForecastError, match="between 0 and 100"):
        forecast_series(m1, horizon=6, levels=(80, 100))


def test_poor_forecasts_are_graded_and_explained():
    """A noisy series with a regime break: grade C and the reason names the cause."""
    rng = np.random.default_rng(7)
    y = np.exp(rng.normal(0, 1.2, 60)) * 1000
    s = pd.DataFrame(
        {"ds": [str(p) for p in pd.period_range("2015-01", periods=60, freq="M")], "y": y}
    )
    fc = forecast_series(s, horizon=12)
    assert (fc["grade"] == "C").all()
    assert fc["reason"].iloc[0].startswith("不可靠 unreliable:")
    assert "band up to" in fc["reason"].iloc[0] or "MASE" in fc["reason"].iloc[0]


def test_missing_months_are_filled_and_reported(m1):
    gappy = m1.drop(index=[30, 31, 77]).reset_index(drop=True)
    res = fit_series(gappy, horizon=12)
    assert res.params["filled_gaps"] == 3 and res.params["n_obs"] == len(m1)
    assert _ordered(res.frame) and np.isfinite(res.frame["point"]).all()


def test_short_series_use_simple_models():
    s = pd.DataFrame({"ds": ["2020", "2021", "2022", "2023", "2024"], "y": [5.0, 6, 7, 7.5, 8]})
    fc = forecast_series(s, horizon=3)
    assert len(fc) == 3 and _ordered(fc)
    three = forecast_series(s.head(3), horizon=2)
    assert three["model"].iloc[0].startswith("Naive")


def test_two_seasons_and_four_months_get_seasonal_members(aus_inbound):
    """33 months: seasonal members backtested from 7 origins, far better on the next 12 months
    than the non-seasonal members the earlier rule (half a horizon of origins) fell back to."""
    better = 0
    for sid in sorted(aus_inbound["series_id"].unique())[:4]:
        s = as_series(aus_inbound[aus_inbound["series_id"] == sid])
        train, actual = s.iloc[:33], s["y"].to_numpy(float)[33:45]
        res = fit_series(train, horizon=12)
        assert res.params["backtest_windows"] == 7 and "SeasonalNaive" in res.params["members"]
        z = train["y"].to_numpy(float)
        old = run_backtest(z, 12, 24, 12, SETTINGS["monthly"][1], seasonal_lead=12, research=())
        assert "SeasonalNaive" not in old.final  # the earlier rule: non-seasonal members only
        old_point = np.mean([v[:12] for v in old.final.values()], axis=0)
        mae_new = np.abs(actual - res.frame["point"].to_numpy()).mean()
        better += mae_new < np.abs(actual - old_point).mean()
    assert better == 4


def test_ets_form_searched_again_when_the_backtest_leaves_under_half(m1):
    """60 months (first origin 26): ETS' final forecast is a fresh AutoETS search on all 60;
    144 months (first origin 96): the pre-origin form refitted."""
    z = m1["y"].to_numpy(float)
    short = run_backtest(z[:60], 12, 24, 24, ("ETS",))
    fresh = members_for(z[:60], 12, ("ETS",))["ETS"]
    assert short.origins[0] == 26 and short.names["ETS"] == fresh.name
    np.testing.assert_allclose(short.final["ETS"], fresh.path(z[:60], 24), rtol=1e-9)
    long = run_backtest(z[:144], 12, 24, 24, ("ETS",))
    pre = members_for(z[:96], 12, ("ETS",))["ETS"]
    assert long.origins[0] == 96 and long.names["ETS"] == pre.name
    np.testing.assert_allclose(long.final["ETS"], pre.refit(z[:144]).path(z[:144], 24), rtol=1e-9)


def test_zeros_give_nonnegative_intervals():
    s = pd.DataFrame(
        {
            "ds": [str(p) for p in pd.period_range("2015Q1", periods=32, freq="Q")],
            "y": [0.0, 3, 5, 2] * 8,
        }
    )
    fc = forecast_series(s, horizon=8)
    assert "[log]" not in fc["model"].iloc[0]
    assert (fc["lo95"] >= 0).all() and _ordered(fc)


def test_collapse_and_recovery_of_sample_tourism():
    """Taiwan arrivals into Fuzhou fall 96 % in 2020 and recover from 2023: still forecastable."""
    t = generate().tourism_flows
    s = as_series(t[(t["origin"] == "TWN")].groupby("period", as_index=False)["value"].sum())
    fc = forecast_series(s, horizon=12)
    last_year = s["y"].iloc[-12:].to_numpy()
    assert _ordered(fc) and (fc["point"] > 0).all()
    assert 0.5 * last_year.mean() < fc["point"].mean() < 2 * last_year.mean()


def test_an_outlier_does_not_derail_the_forecast(m1):
    spiked = m1.copy()
    spiked.loc[100, "y"] *= 20
    fc, clean = forecast_series(spiked, horizon=12), forecast_series(m1, horizon=12)
    assert _ordered(fc)
    assert np.abs(np.log(fc["point"] / clean["point"])).max() < np.log(2)


@pytest.mark.parametrize(
    "frame, message",
    [
        (
            pd.DataFrame({"ds": ["2020-01", "2020-02"], "y": [1.0, 2.0]}),
            "序列太短 series too short: 2 observations, need at least 3",
        ),
        (
            pd.DataFrame({"ds": ["2020-01", "2020-02", "2020-03", "2020-04"], "y": [0.0] * 4}),
            "序列全为零 the series is all zeros; nothing to forecast",
        ),
        (
            pd.DataFrame({"ds": ["2020-01", "2020-01", "2020-02", "2020-03"], "y": [1.0, 2, 3, 4]}),
            "期间重复 duplicate period 2020-01 in the series",
        ),
        (
            pd.DataFrame({"ds": ["2020/01", "2020/02", "2020/03"], "y": [1.0, 2, 3]}),
            "无法识别期间格式 cannot infer the frequency from period '2020/01'; "
            "expected YYYY-MM, YYYYQn or YYYY",
        ),
        (
            pd.DataFrame(
                {"ds": ["2020-01", "2020-02", "2020-03", "2020-04"], "y": [1.0, np.inf, 3, 4]}
            ),
            "序列含无穷值 the series contains infinite values",
        ),
        (
            pd.DataFrame({"period": ["2020"], "value": [1.0]}),
            "缺少列 missing column(s) ['ds', 'y']; need ds, y",
        ),
        (
            pd.DataFrame({"ds": ["2010", "2011", "2020", "2021"], "y": [1.0, 2, 3, 4]}),
            "缺失过多 too many missing periods: 8 of 12",
        ),
    ],
)
def test_clear_errors(frame, message):
    with pytest.raises(ForecastError, match=re.escape(message)):
        forecast_series(frame)


def test_horizon_and_frequency_errors(m1):
    with pytest.raises(ForecastError, match=re.escape("horizon must be at least 1, not 0")):
        forecast_series(m1, horizon=0)
    with pytest.raises(ForecastError, match=re.escape("unknown frequency 'weekly'")):
        forecast_series(m1, frequency="weekly")


def test_timestamps_with_explicit_frequency(m1):
    stamped = m1.assign(ds=to_periods(m1["ds"], "monthly").to_timestamp())
    fc = forecast_series(stamped, horizon=6, frequency="M")
    pd.testing.assert_frame_equal(fc, forecast_series(m1, horizon=6))


def test_conformal_halfwidths_are_order_statistics_per_step():
    """Step j: the ⌈(N+1)·l⌉-th smallest |error| of steps j−1..j+1, then non-decreasing."""
    from haisi.models.forecast.auto import conformal_halfwidths

    rng = np.random.default_rng(3)
    errors = rng.normal(0, 1, (30, 4)) * np.array([1.0, 2.0, 3.0, 0.5])
    errors[25:, 3] = np.nan  # later origins have fewer steps
    half = conformal_halfwidths(errors, (80,), 6)[80]
    expected = []
    for j in range(4):
        e = np.abs(errors[:, max(0, j - 1) : j + 2])
        e = np.sort(e[np.isfinite(e)])
        expected.append(e[int(np.ceil((len(e) + 1) * 0.8)) - 1])
    expected = np.maximum.accumulate(expected)
    np.testing.assert_allclose(half[:4], expected)
    np.testing.assert_allclose(half[4:], expected[-1] * np.sqrt(np.array([5, 6]) / 4))
    both = conformal_halfwidths(errors, (80, 95), 4, {80: 0.9, 95: 1.2})  # factors per level
    np.testing.assert_allclose(both[80], 0.9 * half[:4])
    np.testing.assert_allclose(both[95], 1.2 * conformal_halfwidths(errors, (95,), 4)[95])


def test_interval_description_says_widened_or_narrowed(tcomp):
    """The method text names each level's factor as it is: ×0.90 is a narrowing, ×1.15 a
    widening; the half-widths are the unscaled conformal ones times exactly those factors."""
    from haisi.models.forecast.auto import (
        AutoForecaster,
        _window_values,
        conformal_halfwidths,
        interval_factor,
    )

    sid = next(s for s in dict.fromkeys(tcomp["series_id"]) if s.startswith("Y"))
    s = as_series(tcomp[tcomp["series_id"] == sid])
    y = pd.Series(s["y"].to_numpy(float), index=to_periods(s["ds"], "yearly"))
    fc = AutoForecaster(frequency="yearly", horizon=4).fit(y)
    res = fc.result_
    f80, f95 = interval_factor(80, "yearly"), interval_factor(95, "yearly")
    assert f80 < 1 < f95
    assert f"80 % narrowed ×{f80:.2f}" in res.interval_method
    assert f"95 % widened ×{f95:.2f}" in res.interval_method
    assert res.params["interval_factors"] == {80: f80, 95: f95}
    point = np.log(res.frame["point"].to_numpy())
    hi95 = np.log(res.frame["hi95"].to_numpy())
    assert res.params["transform"] == "log" and not res.params["cny_tested"]
    assert np.all(hi95 - point > 0)
    ratio = (hi95 - point) / (np.log(res.frame["hi80"].to_numpy()) - point)
    bt = fc.backtest_
    comb = np.mean([bt.paths[k] for k in res.params["members"]], axis=0)  # yearly: the mean
    errors = _window_values(np.log(s["y"].to_numpy(float)), bt.origins, bt.horizon) - comb
    unscaled = conformal_halfwidths(errors, (80, 95), 4)
    np.testing.assert_allclose(ratio, f95 * unscaled[95] / (f80 * unscaled[80]), rtol=1e-9)


def test_t_bound_holds_its_level_for_normal_errors():
    """t(N)·RMS of N zero-mean normal errors holds a new one with the level's probability,
    whatever N (Monte Carlo, 40,000 draws), where the largest error or a normal quantile of
    the RMS would not."""
    from haisi.models.forecast.auto import t_bound

    rng = np.random.default_rng(11)
    for n in (1, 3, 8):
        past, new = rng.normal(0, 2.0, (40_000, n)), rng.normal(0, 2.0, 40_000)
        for level in (80, 95):
            bound = np.array([t_bound(e, level) for e in past[:4000]])
            held = np.mean(np.abs(new[:4000]) <= bound)
            assert abs(held - level / 100) < 0.02, (n, level, held)
        largest = np.abs(past).max(axis=1)
        assert np.mean(np.abs(new) <= largest) < 0.95 - 0.04  # N ≤ 8: the max is no 95 % bound


def test_short_backtests_pool_more_steps_and_floor_at_t():
    """A 7-step window with one error at step 7: that step's half-width comes from the
    nearest steps holding MIN_ERRORS errors, and is at least t_bound of them."""
    from haisi.models.forecast.auto import MIN_ERRORS, conformal_halfwidths, t_bound

    rng = np.random.default_rng(5)
    errors = rng.normal(0, 1, (7, 7))
    errors[np.add.outer(np.arange(7), np.arange(7)) >= 7] = np.nan  # origin i: 7 − i steps
    half = conformal_halfwidths(errors, (95,), 9)[95]
    expected = []
    for j in range(7):
        r = 1
        while True:
            e = np.abs(errors[:, max(0, j - r) : j + r + 1])
            e = e[np.isfinite(e)]
            if len(e) >= MIN_ERRORS or r >= 7:
                break
            r += 1
        rank = int(np.ceil((len(e) + 1) * 0.95))
        q = np.sort(e)[min(rank, len(e)) - 1]
        expected.append(max(q, t_bound(e, 95)) if rank > len(e) else q)
    expected = np.maximum.accumulate(expected)
    np.testing.assert_allclose(half[:7], expected)
    np.testing.assert_allclose(half[7:], expected[-1] * np.sqrt(np.array([8, 9]) / 7))
    assert (half[:7] > np.nanmax(np.abs(errors))).all()  # wider than every error seen


def test_too_short_series_get_student_t_random_walk_bands():
    """Four yearly points: no backtest; bands = last value ± t(3)·RMS(differences)·√step."""
    from scipy.stats import t

    y = np.array([10.0, 12.0, 11.0, 14.0])
    fc = forecast_series(pd.DataFrame({"ds": ["2001", "2002", "2003", "2004"], "y": y}))
    d = np.diff(np.log(y))  # yearly positive series are modelled on logs
    half = t.ppf(0.975, 3) * np.sqrt(np.mean(d**2)) * np.sqrt(np.arange(1, 5))
    np.testing.assert_allclose(fc["hi95"], 14.0 * np.exp(half))
    np.testing.assert_allclose(fc["lo95"], 14.0 * np.exp(-half))
    np.testing.assert_allclose(fc["point"], 14.0)
    assert (fc["grade"] == "C").all()
