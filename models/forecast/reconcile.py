"""Hierarchical reconciliation: make forecasts of parts add up to the forecast of their total.

Method: weighted least squares on the two-level hierarchy ``total = Σ parts`` with a diagonal
weight matrix of forecast variances ("MinT-diag"; Wickramasuriya, Athanasopoulos & Hyndman
2019, with the covariance shrunk to its diagonal). At each step the incoherence
``e = ŷ_total − Σ ŷ_part`` is shared out in proportion to each series' variance:
``ŷ_part += e·v_part / V`` and ``ŷ_total −= e·v_total / V`` with ``V = v_total + Σ v_part``.
Variances come from each forecast's own 95 % interval. Interval bounds move with their point
(widths unchanged).

Examples
--------
>>> import pandas as pd
>>> f = lambda p, w: pd.DataFrame({"step": [1], "period": ["2026-01"], "point": [p],
...     "lo80": [p - w], "hi80": [p + w], "lo95": [p - 2 * w], "hi95": [p + 2 * w]})
>>> total, parts = reconcile(f(100.0, 5.0), {"a": f(40.0, 5.0), "b": f(50.0, 5.0)})
>>> (float(round(total["point"][0], 6)),
...  float(round(parts["a"]["point"][0] + parts["b"]["point"][0], 6)))
(96.666667, 96.666667)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["reconcile"]

_BOUNDS = ("point", "lo80", "hi80", "lo95", "hi95")


def _variance(frame: pd.DataFrame) -> np.ndarray:
    """Forecast variance per step from the 95 % interval (a tiny floor keeps weights defined)."""
    se = (frame["hi95"].to_numpy(float) - frame["lo95"].to_numpy(float)) / (2 * 1.959964)
    return np.maximum(se, 1e-12) ** 2


def reconcile(
    total: pd.DataFrame, parts: dict[str, pd.DataFrame]
) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """Coherent copies of ``total`` and ``parts`` (forecast frames with the same periods)."""
    if not parts:
        raise ValueError("reconcile needs at least one part")
    periods = list(total["period"])
    for name, p in parts.items():
        if list(p["period"]) != periods:
            raise ValueError(
                f"part {name!r} has periods {list(p['period'])[:3]}…, total has {periods[:3]}…"
            )
    v_total = _variance(total)
    v_parts = {k: _variance(p) for k, p in parts.items()}
    big_v = v_total + sum(v_parts.values())
    gap = total["point"].to_numpy(float) - sum(p["point"].to_numpy(float) for p in parts.values())

    def shift(frame: pd.DataFrame, delta: np.ndarray) -> pd.DataFrame:
        out = frame.copy()
        for col in _BOUNDS:
            out[col] = frame[col].to_numpy(float) + delta
        return out

    new_total = shift(total, -gap * v_total / big_v)
    new_parts = {k: shift(p, gap * v_parts[k] / big_v) for k, p in parts.items()}
    return new_total, new_parts
