"""Reconciliation equals the generalised least-squares projection computed independently."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from haisi.models.forecast.reconcile import reconcile


def _frame(point: np.ndarray, se: np.ndarray) -> pd.DataFrame:
    z80, z95 = 1.2815516, 1.959964
    return pd.DataFrame(
        {
            "step": np.arange(1, len(point) + 1),
            "period": [f"2026-0{i}" for i in range(1, len(point) + 1)],
            "point": point,
            "lo80": point - z80 * se,
            "hi80": point + z80 * se,
            "lo95": point - z95 * se,
            "hi95": point + z95 * se,
            "model": "x",
        }
    )


def test_matches_mint_diag_projection():
    rng = np.random.default_rng(7)
    h, k = 4, 3
    parts_pt = rng.uniform(50, 100, (k, h))
    total_pt = parts_pt.sum(axis=0) + rng.normal(0, 20, h)
    se = rng.uniform(1, 10, (k + 1, h))
    total, parts = reconcile(
        _frame(total_pt, se[0]), {f"p{i}": _frame(parts_pt[i], se[i + 1]) for i in range(k)}
    )
    s_mat = np.vstack([np.ones(k), np.eye(k)])  # total on top, then the parts
    for t in range(h):
        y_hat = np.concatenate([[total_pt[t]], parts_pt[:, t]])
        w_inv = np.diag(1 / se[:, t] ** 2)
        beta = np.linalg.solve(s_mat.T @ w_inv @ s_mat, s_mat.T @ w_inv @ y_hat)
        expected = s_mat @ beta
        got = [total["point"][t]] + [parts[f"p{i}"]["point"][t] for i in range(k)]
        np.testing.assert_allclose(got, expected, rtol=1e-6)
    widths = total["hi95"] - total["lo95"]
    np.testing.assert_allclose(widths, 2 * 1.959964 * se[0])  # widths unchanged


def test_periods_must_match():
    a = _frame(np.array([1.0, 2.0]), np.array([1.0, 1.0]))
    b = a.assign(period=["2026-02", "2026-03"])
    with pytest.raises(ValueError, match="part 'b' has periods"):
        reconcile(a, {"b": b})
