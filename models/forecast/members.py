"""Combination members: statsforecast's AutoETS, AutoTheta, AutoCES, AutoARIMA, and the naives.

Each member is fitted ONCE, on the series up to the first backtest origin, and then applied
with the same parameters (``forward``) to every later origin and to the whole series: the
backtest never sees a parameter estimated on the periods it scores, and a series costs one
estimation per member (CPU budget: bench/forecast). Forecasts are point paths on the model
scale (logs when the series is positive); intervals come from the backtest errors
(:mod:`.auto`), not from the members.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Callable

import numpy as np

__all__ = ["MEMBERS", "MEMBER_ERRORS", "Member", "members_for"]

#: what a member may raise on a series it cannot model: statsforecast raises a bare
#: ``Exception("no model able to be fitted")`` (CES), NotImplementedError for tiny series,
#: ValueError / LinAlgError for degenerate ones — the member is then left out, never the series
MEMBER_ERRORS = (Exception,)


@dataclass
class Member:
    """A fitted member: ``path(z, h)`` → point forecast of ``h`` steps after ``z``."""

    name: str
    path: Callable[[np.ndarray, int], np.ndarray]


def _naive(z: np.ndarray, m: int) -> Member:
    return Member("Naive", lambda z2, h: np.full(h, z2[-1]))


def _snaive(z: np.ndarray, m: int) -> Member:
    return Member("SeasonalNaive", lambda z2, h: z2[-m:][np.arange(h) % m])


def _statsforecast(kind: str) -> Callable[[np.ndarray, int], Member]:
    """A statsforecast model class by name, fitted once and moved with ``forward``."""

    def fit(z: np.ndarray, m: int) -> Member:
        from statsforecast import models as sf

        cls = {"ETS": sf.AutoETS, "Theta": sf.AutoTheta, "CES": sf.AutoCES, "ARIMA": sf.AutoARIMA}[
            kind
        ]
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            model = cls(season_length=m).fit(z)

        def path(z2: np.ndarray, h: int) -> np.ndarray:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                return np.asarray(model.forward(y=z2, h=h)["mean"], float)

        return Member(_label(kind, model), path)

    return fit


def _label(kind: str, model) -> str:
    """``ETS(A,Ad,M)``, ``Theta(DOTM)``, ``CES(P)``, ``ARIMA(p,d,q)(P,D,Q)m``: the chosen form."""
    info = getattr(model, "model_", {}) or {}
    if kind == "ETS":
        return str(info.get("method", "ETS"))
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
    "ARIMA": _statsforecast("ARIMA"),
}


def members_for(z: np.ndarray, m: int, names: tuple[str, ...]) -> list[Member]:
    """Fit the named members on ``z``; one that fails or gives non-finite output is left out."""
    out = []
    for name in names:
        if name == "SeasonalNaive" and (m <= 1 or len(z) < m):
            continue
        try:
            member = MEMBERS[name](z, m)
            if np.isfinite(member.path(z, 2)).all():
                out.append(member)
        except MEMBER_ERRORS:
            continue
    return out
