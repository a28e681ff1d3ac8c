"""Candidate models: statsmodels ETS, Theta and SARIMA, plus naive and seasonal naive.

Every candidate fits on one array ``z`` (the series on its model scale, e.g. log values) and
forecasts ``(mean, se)``: the point forecast and the standard error of each step, both from
the model itself (analytic), so an interval is always the named model's own.
``extend(z_longer)`` re-runs a fitted model on more data with the same parameters; the
rolling-origin backtest uses it to move the origin without refitting.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd

__all__ = ["Candidate", "Fitted", "candidates_for"]


@dataclass
class Fitted:
    """A fitted model: ``forecast(h)`` → (mean, se); ``extend(z)`` → same parameters, more data."""

    name: str
    forecast: Callable[[int], tuple[np.ndarray, np.ndarray]]
    extend: Callable[[np.ndarray], "Fitted"]
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Candidate:
    """A model family member by name, with its fitting function."""

    name: str
    fit: Callable[[np.ndarray, int], Fitted]
    seasonal: bool = False


def _quiet(fn):
    """Run ``fn`` with statsmodels' convergence and value warnings silenced."""
    def run(*args, **kwargs):
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return fn(*args, **kwargs)
    return run


def _naive(z: np.ndarray, m: int) -> Fitted:
    """Random walk: last value; se = σ√h with σ the RMS of first differences."""
    d = np.diff(z)
    sigma = float(np.sqrt(np.mean(d ** 2))) if len(d) else 0.0

    def forecast(h: int):
        steps = np.arange(1, h + 1)
        return np.full(h, z[-1]), sigma * np.sqrt(steps)

    return Fitted("Naive", forecast, lambda z2: _naive(z2, m), {"sigma": sigma})


def _snaive(z: np.ndarray, m: int) -> Fitted:
    """Seasonal naive: the value one season back; se = σ√(k+1), k = whole seasons ahead."""
    d = z[m:] - z[:-m]
    sigma = float(np.sqrt(np.mean(d ** 2))) if len(d) else 0.0

    def forecast(h: int):
        steps = np.arange(h)
        last = z[-m:]
        return last[steps % m], sigma * np.sqrt(steps // m + 1)

    return Fitted("SeasonalNaive", forecast, lambda z2: _snaive(z2, m), {"sigma": sigma})


def _ets_factory(trend: bool, damped: bool, seasonal: bool) -> Callable[[np.ndarray, int], Fitted]:
    """ETS with additive errors (statsmodels ``ETSModel``), analytic prediction variance."""
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    name = f"ETS(A,{'Ad' if damped else ('A' if trend else 'N')},{'A' if seasonal else 'N'})"

    def model(z: np.ndarray, m: int):
        return ETSModel(pd.Series(z), error="add", trend="add" if trend else None,
                        damped_trend=damped, seasonal="add" if seasonal else None,
                        seasonal_periods=m if seasonal else None)

    def wrap(res, m: int) -> Fitted:
        n = res.nobs

        @_quiet
        def forecast(h: int):
            pred = res.get_prediction(start=n, end=n + h - 1)
            return (np.asarray(pred.predicted_mean, float),
                    np.sqrt(np.maximum(np.asarray(pred.var_pred_mean, float), 0.0)))

        @_quiet
        def extend(z2: np.ndarray) -> Fitted:
            return wrap(model(z2, m).smooth(res.params), m)

        params = dict(zip(res.model.param_names, map(float, res.params)))
        return Fitted(name, forecast, extend, params)

    @_quiet
    def fit(z: np.ndarray, m: int) -> Fitted:
        return wrap(model(z, m).fit(disp=False, maxiter=200), m)

    return fit


@_quiet
def _theta(z: np.ndarray, m: int) -> Fitted:
    """Theta method (statsmodels ``ThetaModel``, additive deseasonalising when seasonal)."""
    from scipy.stats import norm
    from statsmodels.tsa.forecasting.theta import ThetaModel

    res = ThetaModel(pd.Series(z), period=max(m, 1), deseasonalize=m > 1,
                     method="additive").fit()

    @_quiet
    def forecast(h: int):
        mean = np.asarray(res.forecast(h), float)
        pi = res.prediction_intervals(h, alpha=0.05)
        se = (np.asarray(pi["upper"], float) - np.asarray(pi["lower"], float)) / (2 * norm.ppf(0.975))
        return mean, se

    params = {k: float(v) for k, v in res.params.items()}
    return Fitted("Theta", forecast, lambda z2: _theta(z2, m), params)


def _sarima_factory(seasonal: bool) -> Callable[[np.ndarray, int], Fitted]:
    """SARIMA(0,1,1)(0,1,1)m, the airline model; ARIMA(0,1,1) with drift when not seasonal."""
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    def model(z: np.ndarray, m: int):
        if seasonal:
            return SARIMAX(z, order=(0, 1, 1), seasonal_order=(0, 1, 1, m))
        return SARIMAX(z, order=(0, 1, 1), trend="t")

    def wrap(res, m: int) -> Fitted:
        name = f"SARIMA(0,1,1)(0,1,1){m}" if seasonal else "ARIMA(0,1,1)+drift"

        @_quiet
        def forecast(h: int):
            fc = res.get_forecast(h)
            return np.asarray(fc.predicted_mean, float), np.asarray(fc.se_mean, float)

        @_quiet
        def extend(z2: np.ndarray) -> Fitted:
            return wrap(res.apply(z2), m)

        params = dict(zip(res.model.param_names, map(float, res.params)))
        return Fitted(name, forecast, extend, params)

    @_quiet
    def fit(z: np.ndarray, m: int) -> Fitted:
        return wrap(model(z, m).fit(disp=False, maxiter=50), m)

    return fit


def candidates_for(m: int, n_train: int) -> list[Candidate]:
    """The candidate set for season length ``m`` when the shortest training part has ``n_train``.

    Seasonal models need two full seasons plus two points, the airline model three seasons;
    below four points only the naive model is fitted.
    """
    out = [Candidate("Naive", _naive)]
    seasonal = m > 1 and n_train >= 2 * m + 2
    if seasonal:
        out += [Candidate("SeasonalNaive", _snaive, True),
                Candidate("ETS(A,N,A)", _ets_factory(False, False, True), True),
                Candidate("ETS(A,Ad,A)", _ets_factory(True, True, True), True)]
    elif n_train >= 4:
        out.append(Candidate("ETS(A,N,N)", _ets_factory(False, False, False)))
        if n_train >= 6:
            out.append(Candidate("ETS(A,Ad,N)", _ets_factory(True, True, False)))
    if n_train >= 4:
        out.append(Candidate("Theta", _theta, seasonal))
    if seasonal and n_train >= 3 * m + 2:
        out.append(Candidate(f"SARIMA(0,1,1)(0,1,1){m}", _sarima_factory(True), True))
    elif not seasonal and n_train >= 6:
        out.append(Candidate("ARIMA(0,1,1)+drift", _sarima_factory(False)))
    return out
