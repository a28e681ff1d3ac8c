"""Combination members: statsforecast's AutoETS, AutoTheta, AutoCES, damped Holt-Winters, ARIMA
(airline model or AutoARIMA), and the naives.

Each member is fitted ONCE, on the series up to the first backtest origin, and then applied
with the same parameters (``forward``) to every later origin and to the whole series: the
backtest never sees a parameter estimated on the periods it scores, and a series costs one
estimation per member (CPU budget: bench/forecast); the final forecast refits the form each
member chose (no search) on every observation. Forecasts are point paths on the model
scale (logs when the series is positive); intervals come from the backtest errors
(:mod:`.auto`), not from the members.
"""

from __future__ import annotations

import threading
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Callable, Iterator

import numpy as np

__all__ = ["MEMBERS", "MEMBER_ERRORS", "Member", "members_for", "seasonal_component"]

#: what a member may raise on a series it cannot model: statsforecast raises a bare
#: ``Exception("no model able to be fitted")`` (CES), NotImplementedError for tiny series,
#: ValueError / LinAlgError for degenerate ones — the member is then left out, never the series
MEMBER_ERRORS = (Exception,)


@dataclass
class Member:
    """A fitted member: ``path(z, h)`` → point forecast of ``h`` steps after ``z``."""

    name: str
    path: Callable[[np.ndarray, int], np.ndarray]
    #: the same form (e.g. ETS(M,Ad,M)) with parameters re-estimated on ``z``: the final
    #: forecast's member, fitted on every observation (one cheap fit, no search)
    refit: Callable[[np.ndarray], "Member"] | None = None


def seasonal_component(x: np.ndarray, model: str = "additive", period: int = 1) -> SimpleNamespace:
    """Classical decomposition's seasonal component, as statsmodels' ``seasonal_decompose``.

    The same centred moving average, per-period mean of the detrended series and
    normalisation, and the same errors, in numpy: statsmodels' pandas-based version took a
    fifth of the forecaster's CPU (statsforecast's Theta calls it at every backtest origin).
    Only ``.seasonal`` is returned, all that statsforecast reads.
    """
    x = np.asarray(x, dtype=float)
    n, mul = len(x), model.startswith("mul")
    if not np.isfinite(x).all():
        raise ValueError("This function does not handle missing values")
    if mul and (x <= 0).any():
        raise ValueError(
            "Multiplicative seasonality is not appropriate for zero and negative values"
        )
    if n < 2 * period:
        raise ValueError(f"x must have 2 complete cycles requires {2 * period} observations")
    filt = (
        np.r_[0.5, np.ones(period - 1), 0.5] / period
        if period % 2 == 0
        else np.full(period, 1.0 / period)
    )
    lead = len(filt) // 2
    trend = np.full(n, np.nan)
    trend[lead : n - (len(filt) - 1 - lead)] = np.convolve(x, filt, mode="valid")
    detrended = x / trend if mul else x - trend
    rows = -(-n // period)
    table = np.full(rows * period, np.nan)
    table[:n] = detrended
    means = np.nanmean(table.reshape(rows, period), axis=0)
    means = means / means.mean() if mul else means - means.mean()
    return SimpleNamespace(seasonal=np.tile(means, rows + 1)[:n])


#: the name under which statsforecast's ces, ets and theta modules import statsmodels' function
_DECOMPOSE = "seasonal_decompose"
#: haisi calls in progress in any thread, and statsforecast's own functions while they run
_swap: dict = {"lock": threading.Lock(), "active": 0, "saved": []}


@contextmanager
def _quiet() -> Iterator[None]:
    """statsforecast without its warnings, its decompositions by :func:`seasonal_component`.

    The swap lasts while any haisi call runs (counted across threads; the first in installs,
    the last out restores), so baselines run alone in a process keep statsmodels'; the
    results are the same to ~1e-15 either way.
    """
    from statsforecast import ces, ets, theta

    modules = (ces, ets, theta)
    with _swap["lock"]:
        if _swap["active"] == 0:
            _swap["saved"] = [getattr(mod, _DECOMPOSE) for mod in modules]
            for mod in modules:
                setattr(mod, _DECOMPOSE, seasonal_component)
        _swap["active"] += 1
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            yield
    finally:
        with _swap["lock"]:
            _swap["active"] -= 1
            if _swap["active"] == 0:
                for mod, fn in zip(modules, _swap["saved"], strict=True):
                    setattr(mod, _DECOMPOSE, fn)


def _naive(z: np.ndarray, m: int) -> Member:
    return Member("Naive", lambda z2, h: np.full(h, z2[-1]))


def _snaive(z: np.ndarray, m: int) -> Member:
    return Member("SeasonalNaive", lambda z2, h: z2[-m:][np.arange(h) % m])


def _sf_model(kind: str, m: int, form: str | None = None):
    """An unfitted statsforecast model: the automatic search, or one ``form`` of it."""
    from statsforecast import models as sf

    if kind == "ETS":
        if form is None:  # additive errors only: a third of the full search's CPU
            return sf.AutoETS(season_length=m, model="AZZ")
        err, trend, season = form[4:-1].split(",")
        return sf.AutoETS(
            season_length=m, model=err + trend[0] + season, damped=trend.endswith("d")
        )
    if kind == "Theta":
        return sf.AutoTheta(season_length=m, model=form)
    if kind == "CES":
        return sf.AutoCES(season_length=m, model=form or "Z")
    if kind == "HWD":  # damped Holt-Winters: ETS(A,Ad,A), additive on the model scale
        return sf.AutoETS(season_length=m, model="AAA" if m > 1 else "AAN", damped=True)
    if kind == "Airline":  # ARIMA(0,1,1)(0,1,1)m; ARIMA(0,1,1) with drift when m = 1
        if m > 1:
            return sf.ARIMA(order=(0, 1, 1), seasonal_order=(0, 1, 1), season_length=m)
        return sf.ARIMA(order=(0, 1, 1), include_drift=True)
    return sf.AutoARIMA(season_length=m)


def _form(kind: str, model) -> str | None:
    """The chosen form that :func:`_sf_model` refits: ``ETS(M,Ad,M)``, ``DOTM``, ``S``."""
    info = getattr(model, "model_", {}) or {}
    if kind == "ETS":
        return str(info.get("method"))
    if kind == "Theta":
        return str(info.get("modeltype"))
    if kind == "CES":
        return str(info.get("seasontype"))
    return None


def _statsforecast(kind: str) -> Callable[[np.ndarray, int], Member]:
    """A statsforecast model by name, fitted once and moved with ``forward``."""

    def fit(z: np.ndarray, m: int, form: str | None = None) -> Member:
        with _quiet():
            model = _sf_model(kind, m, form).fit(z)

        def path(z2: np.ndarray, h: int) -> np.ndarray:
            with _quiet():
                return np.asarray(model.forward(y=z2, h=h)["mean"], float)

        chosen = _form(kind, model) if form is None else form
        return Member(_label(kind, model), path, lambda z2: fit(z2, m, chosen))

    return fit


def _label(kind: str, model) -> str:
    """``ETS(A,Ad,M)``, ``Theta(DOTM)``, ``CES(P)``, ``ARIMA(p,d,q)(P,D,Q)m``: the chosen form."""
    info = getattr(model, "model_", {}) or {}
    if kind == "ETS":
        return str(info.get("method", "ETS"))
    if kind == "HWD":
        return "DampedHW" + str(info.get("method", "ETS"))[3:]
    if kind == "Theta":
        return f"Theta({info.get('modeltype', '?')})"
    if kind == "CES":
        return f"CES({info.get('seasontype', '?')})"
    arma = info.get("arma")
    if arma is not None and len(arma) >= 7:
        p, q, P, Q, m, d, D = arma[:7]
        return f"ARIMA({p},{d},{q})({P},{D},{Q}){m}" if m > 1 else f"ARIMA({p},{d},{q})"
    return "ARIMA"


#: member name → fitting function; ARIMA is the costly one (≈ 13× AutoETS per series)
MEMBERS: dict[str, Callable[[np.ndarray, int], Member]] = {
    "Naive": _naive,
    "SeasonalNaive": _snaive,
    "ETS": _statsforecast("ETS"),
    "Theta": _statsforecast("Theta"),
    "CES": _statsforecast("CES"),
    "HWD": _statsforecast("HWD"),
    "Airline": _statsforecast("Airline"),
    "ARIMA": _statsforecast("ARIMA"),
}


def members_for(z: np.ndarray, m: int, names: tuple[str, ...]) -> dict[str, Member]:
    """The named members fitted on ``z``; one that fails or gives non-finite output is left out."""
    out = {}
    for name in names:
        if name == "SeasonalNaive" and (m <= 1 or len(z) < m):
            continue
        try:
            member = MEMBERS[name](z, m)
            if np.isfinite(member.path(z, 2)).all():
                out[name] = member
        except MEMBER_ERRORS:
            continue
    return out
