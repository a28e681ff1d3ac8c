"""Accuracy measures: MASE (as in the Tourism Forecasting Competition), sMAPE, coverage."""

from __future__ import annotations

import numpy as np

__all__ = ["mase_scale", "mase", "smape", "coverage"]


def mase_scale(y_train: np.ndarray, m: int) -> float:
    """Mean |y_t − y_{t−m}| over the training part (m=1 when shorter than two seasons)."""
    y = np.asarray(y_train, float)
    lag = m if len(y) > m else 1
    d = np.abs(y[lag:] - y[:-lag])
    d = d[np.isfinite(d)]
    return float(d.mean()) if len(d) else float("nan")


def mase(actual: np.ndarray, forecast: np.ndarray, scale: float) -> float:
    """Mean absolute error over the horizon divided by the in-sample seasonal naive MAE."""
    err = np.abs(np.asarray(actual, float) - np.asarray(forecast, float))
    return float(err.mean() / scale) if scale > 0 else float("nan")


def smape(actual: np.ndarray, forecast: np.ndarray) -> float:
    """Symmetric MAPE in percent: mean 200·|y − ŷ| / (|y| + |ŷ|) (0 where both are 0)."""
    a, f = np.asarray(actual, float), np.asarray(forecast, float)
    den = np.abs(a) + np.abs(f)
    ratio = np.divide(2 * np.abs(a - f), den, out=np.zeros_like(den), where=den > 0)
    return float(100 * ratio.mean())


def coverage(actual: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> float:
    """Share of outcomes inside [lo, hi]."""
    a = np.asarray(actual, float)
    return float(np.mean((a >= np.asarray(lo)) & (a <= np.asarray(hi))))
