"""Counterfactual bilateral flows from a fitted PPML gravity model.

Answers "what happens to flows if distance-like costs fall or an RTA is signed": change the
covariates, then predict with the estimated coefficients, either holding every fixed effect
at its fitted value (direct, partial-equilibrium effect) or re-solving the fixed effects so
that each exporter's and importer's totals stay fixed (conditional general equilibrium,
Yotov et al. 2016, ch. 2, "GEPPML" step 2).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd
from haisi.models.gravity.ppml import PPMLResult, fit_ppml, regressor_values

from haisi.errors import InvalidInput

__all__ = ["with_change", "predict_scenario"]


def with_change(
    frame: pd.DataFrame,
    column: str,
    *,
    value: float | None = None,
    factor: float | None = None,
    mask: pd.Series | np.ndarray | None = None,
) -> pd.DataFrame:
    """Copy of ``frame`` with ``column`` set to ``value`` or scaled by ``factor`` where ``mask``.

    Examples
    --------
    >>> df = pd.DataFrame({"dist": [100.0, 200.0], "rta": [0, 0]})
    >>> with_change(df, "dist", factor=0.9, mask=df["dist"] > 150)["dist"].tolist()
    [100.0, 180.0]
    """
    if (value is None) == (factor is None):
        raise InvalidInput("give exactly one of value= or factor=")
    if column not in frame.columns:
        raise InvalidInput(f"scenario column {column!r} not in data")
    out = frame.copy()
    rows = np.ones(len(out), dtype=bool) if mask is None else np.asarray(mask, dtype=bool)
    if len(rows) != len(out):
        raise InvalidInput(f"mask has {len(rows)} rows, data has {len(out)}")
    if value is not None:
        out.loc[rows, column] = value
    else:
        out.loc[rows, column] = out.loc[rows, column].astype(np.float64) * factor
    return out


def predict_scenario(
    result: PPMLResult,
    data: pd.DataFrame,
    counterfactual: pd.DataFrame,
    *,
    mode: Literal["direct", "conditional"] = "direct",
) -> pd.DataFrame:
    """Baseline and counterfactual predicted flows for the rows ``result`` was fit on.

    Parameters
    ----------
    result : PPMLResult
        A model fit on ``data``.
    data : DataFrame
        The frame the model was fit on (same rows, same order).
    counterfactual : DataFrame
        ``data`` with some covariates changed (see :func:`with_change`); same rows.
    mode : {"direct", "conditional"}
        ``direct``: ``scenario = baseline · exp((x_cf − x)'b)``, fixed effects unchanged.
        ``conditional``: fixed effects re-estimated with ``x_cf'b`` as an offset on the
        observed flows, so every fixed-effect group's total (e.g. each exporter's output and
        each importer's expenditure in a year) is kept and multilateral resistances adjust.

    Returns
    -------
    DataFrame with the index of ``data`` and columns ``baseline``, ``scenario`` and
    ``change`` (scenario / baseline − 1); rows outside the estimation sample are NaN.
    """
    if len(counterfactual) != len(data) or not counterfactual.index.equals(data.index):
        raise InvalidInput("counterfactual must have the same rows (index) as data")
    if len(result.sample) != len(data):
        raise InvalidInput(f"result was fit on {len(result.sample)} rows, data has {len(data)}")
    s = result.sample
    terms = [t for t in result.x if t != "Intercept"]
    b_terms = result.coef[terms].to_numpy()

    def xb(frame: pd.DataFrame) -> np.ndarray:
        if not terms:
            return np.zeros(int(s.sum()))
        cols = np.column_stack([regressor_values(frame, t)[s] for t in terms])
        return cols @ b_terms

    base_xb, cf_xb = xb(data), xb(counterfactual)
    if not np.all(np.isfinite(cf_xb)):
        raise InvalidInput("counterfactual covariates have missing values in the estimation sample")
    baseline = result.mu
    if mode == "direct":
        scenario = baseline * np.exp(cf_xb - base_xb)
    elif mode == "conditional":
        if not result.fe:
            raise InvalidInput("conditional scenarios need fixed effects in the model")
        refit = fit_ppml(data.loc[s], result.y, [], result.fe, offset=cf_xb, drop_singletons=False)
        if refit.nobs != len(cf_xb):
            raise RuntimeError("re-estimation dropped observations; sample is not stable")
        scenario = refit.mu
    else:
        raise InvalidInput(f"mode must be 'direct' or 'conditional', not {mode!r}")
    out = pd.DataFrame(index=data.index, columns=["baseline", "scenario"], dtype=np.float64)
    out.loc[s, "baseline"] = baseline
    out.loc[s, "scenario"] = scenario
    out["change"] = out["scenario"] / out["baseline"] - 1.0
    return out
