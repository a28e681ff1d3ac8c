"""Poisson pseudo-maximum-likelihood (PPML) with high-dimensional fixed effects.

The workhorse estimator of structural gravity (Santos Silva & Tenreyro 2006): it keeps zero
flows and is consistent under heteroskedasticity. Fixed effects such as exporter-year and
importer-year are absorbed by demeaning inside IRLS, as in ppmlhdfe (Correia, Guimarães &
Zylkin 2020), never as dummy columns.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from haisi.models.gravity.demean import demean
from haisi.models.gravity.fixed_effects import drop_separated, encode_fixed_effects, parse_fe_term
from haisi.models.gravity.vcov import cluster_vcov, count_fe_parameters, hetero_vcov

from haisi.errors import InvalidInput

__all__ = ["PPMLResult", "fit_ppml", "regressor_values"]

_LOG = re.compile(r"^\s*(log|ln)\s*\(\s*([^()]+?)\s*\)\s*$")


@dataclass
class PPMLResult:
    """A fitted PPML model.

    ``sample`` is a boolean mask over the rows of the input frame (after dropping missing and
    separated observations); ``mu`` and ``eta`` are the fitted mean and linear predictor of
    those rows, ``eta`` including any offset.
    """

    coef: pd.Series
    se: pd.Series
    vcov: pd.DataFrame
    nobs: int
    y: str
    x: list[str]
    fe: list[str]
    cluster: str | None
    vcov_type: str
    n_clusters: int | None
    sample: np.ndarray
    mu: np.ndarray
    eta: np.ndarray
    deviance: float
    iterations: int
    converged: bool
    dropped: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """The JSON shape of the command-line contract: ``{"coef", "se", "nobs"}``."""
        return {
            "coef": {k: float(v) for k, v in self.coef.items()},
            "se": {k: float(v) for k, v in self.se.items()},
            "nobs": int(self.nobs),
        }


def regressor_values(frame: pd.DataFrame, term: str) -> np.ndarray:
    """Values of one regressor term: a column name or ``log(COL)`` / ``ln(COL)``.

    Raises a ``KeyError`` naming a missing column and a ``ValueError`` naming the first row
    whose value cannot be logged.
    """
    m = _LOG.match(term)
    col = m.group(2) if m else term
    if col not in frame.columns:
        raise InvalidInput(f"regressor {term!r}: column {col!r} not in data")
    values = pd.to_numeric(frame[col], errors="coerce").to_numpy(np.float64)
    if m:
        bad = np.flatnonzero(values <= 0)
        if len(bad):
            raise InvalidInput(
                f"regressor {term!r}: {len(bad)} value(s) of {col!r} are <= 0 and cannot be "
                f"logged, first at row {int(bad[0])} (value {values[bad[0]]})"
            )
        values = np.log(values)
    return values


def _cluster_codes(frame: pd.DataFrame, cluster: str) -> np.ndarray:
    fe = encode_fixed_effects(frame, [cluster])[0]  # same COL#COL syntax as fixed effects
    return fe.codes


def fit_ppml(
    data: pd.DataFrame,
    y: str,
    x: list[str],
    fe: list[str] | None = None,
    cluster: str | None = None,
    *,
    offset: np.ndarray | None = None,
    drop_singletons: bool = True,
    tol: float = 1e-10,
    maxiter: int = 200,
) -> PPMLResult:
    """Fit ``E[y | x] = exp(x'b + fixed effects + offset)`` by PPML.

    Parameters
    ----------
    data : DataFrame
        One row per observation (e.g. exporter, importer, year).
    y : str
        Non-negative outcome column (trade flow, in levels; zeros are kept).
    x : list of str
        Regressor terms: column names or ``log(COL)``. Without fixed effects an
        ``Intercept`` is added.
    fe : list of str
        Fixed-effect terms: ``COL`` or interactions ``COL#COL`` (``COL^COL`` also accepted),
        e.g. ``["exporter#year", "importer#year"]``.
    cluster : str, optional
        Cluster column (or ``COL#COL``) for CRV1 standard errors; without it, HC1
        heteroskedasticity-robust errors.
    offset : (n,) array, optional
        Known part of the linear predictor (used by counterfactual scenarios).
    drop_singletons : bool
        Drop observations alone in a fixed-effect group (they do not change ``b``).
    tol : float
        IRLS stops when the relative change in deviance is below ``tol``.

    Returns
    -------
    PPMLResult

    Notes
    -----
    IRLS: with ``w = mu`` and working outcome ``z = eta - offset + (y - mu)/mu``, demean ``z``
    and ``x`` by the fixed effects in the ``w`` metric, solve weighted least squares for ``b``,
    and recover the new linear predictor as ``z - residual + offset``. Observations in a
    fixed-effect group whose outcomes are all zero are dropped first (their effect is −∞),
    as ppmlhdfe and pyfixest do; ``nobs`` counts what remains. Regressors that are collinear
    with the fixed effects are dropped with a warning.

    Standard errors (CRV1) use ``G/(G−1) · (N−1)/(N−K)``, ``K`` = regressors + fixed-effect
    levels − (number of fixed effects − 1), not counting fixed effects nested in the clusters.
    This is pyfixest's (and fixest's) default and reproduces its numbers; see
    ``models/gravity/README.md``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"y": [1.0, 2, 4, 8, 3, 5], "d": [0.0, 1, 2, 3, 1, 2],
    ...                    "g": ["a", "a", "a", "b", "b", "b"]})
    >>> res = fit_ppml(df, "y", ["d"], ["g"])
    >>> res.nobs, round(float(res.coef["d"]), 4)
    (6, 0.5474)
    """
    fe = list(fe or [])
    frame = data.reset_index(drop=True)
    if y not in frame.columns:
        raise InvalidInput(f"outcome column {y!r} not in data")
    if not x and not fe:
        raise InvalidInput("need at least one regressor (--x) or fixed effect (--fe)")
    yv = pd.to_numeric(frame[y], errors="coerce").to_numpy(np.float64)
    xs = (
        np.column_stack([regressor_values(frame, t) for t in x]) if x else np.empty((len(frame), 0))
    )
    names = list(x)
    off = np.zeros(len(frame)) if offset is None else np.asarray(offset, dtype=np.float64)

    if off.shape != (len(frame),):
        raise InvalidInput(f"offset has shape {off.shape}, data has {len(frame)} rows")

    ok = np.isfinite(yv) & np.isfinite(xs).all(axis=1) & np.isfinite(off)
    terms = [(t, "fixed effect") for t in fe] + ([(cluster, "cluster")] if cluster else [])
    for term, what in terms:
        ok &= ~frame[_term_columns(frame, term, what)].isna().any(axis=1).to_numpy()
    negative = np.flatnonzero(ok & (yv < 0))
    if len(negative):
        row = int(negative[0])
        raise InvalidInput(f"outcome {y!r} must be >= 0; row {row} has {yv[row]}")
    dropped = {"missing": int((~ok).sum())}

    fes = encode_fixed_effects(frame.loc[ok], fe) if fe else []
    keep_sub = (
        drop_separated(yv[ok], [f.codes for f in fes], singletons=drop_singletons)
        if fes
        else np.ones(int(ok.sum()), dtype=bool)
    )
    sample = ok.copy()
    sample[np.flatnonzero(ok)[~keep_sub]] = False
    dropped["separated_or_singleton"] = int((~keep_sub).sum())
    if not sample.any():
        raise InvalidInput("no observations left after dropping missing and separated rows")

    yv, xs, off = yv[sample], xs[sample], off[sample]
    sub = frame.loc[sample]
    groups = [f.codes for f in encode_fixed_effects(sub, fe)] if fe else []
    if not fe:
        xs = np.column_stack([np.ones(len(yv)), xs])
        names = ["Intercept", *names]

    mu = (yv + yv.mean()) / 2.0
    eta = np.log(mu)  # the full linear predictor, offset included
    # First demeaning decides which regressors survive the fixed effects.
    xt0, _ = demean(xs, groups, mu)
    keep_cols = _independent_columns(xs, xt0, mu)
    for j in np.flatnonzero(~keep_cols):
        warnings.warn(
            f"regressor {names[j]!r} is collinear with the fixed effects or other "
            "regressors; dropped",
            stacklevel=2,
        )
    xs = xs[:, keep_cols]
    names = [n for n, k in zip(names, keep_cols) if k]

    dev_old = np.inf
    converged = False
    beta = np.zeros(xs.shape[1])
    # Warm start: a column minus any fixed-effect combination has the same projection, so
    # demean ``z`` minus the fixed-effect part found last time (ppmlhdfe's trick), and loosen
    # the demeaning tolerance while IRLS is still far from converged.
    fe_part = np.zeros((len(yv), 1 + xs.shape[1]))
    change = 1.0
    for it in range(1, maxiter + 1):
        z = eta - off + (yv - mu) / mu
        raw = np.column_stack([z, xs])
        inner_tol = min(1e-6, max(tol * 1e-2, change * 1e-3))
        both, _ = demean(raw - fe_part, groups, mu, tol=inner_tol)
        fe_part = raw - both
        zt, xt = both[:, 0], both[:, 1:]
        if xt.shape[1]:
            wx = xt * mu[:, None]
            beta = np.linalg.solve(xt.T @ wx, wx.T @ zt)
            resid = zt - xt @ beta
        else:
            resid = zt
        eta_new = z - resid + off
        dev = _deviance(yv, np.exp(eta_new))
        for _ in range(30):  # step-halving if the update overshoots
            if np.isfinite(dev) and dev <= dev_old * (1 + 1e-6) + 1e-8:
                break
            eta_new = (eta + eta_new) / 2.0
            dev = _deviance(yv, np.exp(eta_new))
        if not np.isfinite(dev):
            raise FloatingPointError(f"IRLS diverged at iteration {it} (deviance {dev})")
        mu_new = np.exp(eta_new)
        eta, mu = eta_new, mu_new
        change = abs(dev - dev_old) / max(abs(dev), 0.1)
        if change < tol:
            converged = True
            break
        dev_old = dev
    if not converged:
        warnings.warn(f"PPML did not converge in {maxiter} iterations", stacklevel=2)

    xt, _ = demean(xs - fe_part[:, 1:], groups, mu, tol=tol * 1e-2)
    if cluster is not None:
        cl = _cluster_codes(sub, cluster)
        vc, n_clusters = cluster_vcov(xt, yv, mu, cl, n_fe_params=count_fe_parameters(groups, cl))
        vtype = f"CRV1({cluster})"
    else:
        vc, n_clusters = hetero_vcov(xt, yv, mu, n_fe_params=count_fe_parameters(groups)), None
        vtype = "HC1"
    coef = pd.Series(beta, index=names, name="coef")
    se = pd.Series(np.sqrt(np.diag(vc)), index=names, name="se")
    return PPMLResult(
        coef=coef,
        se=se,
        vcov=pd.DataFrame(vc, index=names, columns=names),
        nobs=len(yv),
        y=y,
        x=names,
        fe=fe,
        cluster=cluster,
        vcov_type=vtype,
        n_clusters=n_clusters,
        sample=sample,
        mu=mu,
        eta=eta,
        deviance=float(dev),
        iterations=it,
        converged=converged,
        dropped=dropped,
    )


def _term_columns(frame: pd.DataFrame, term: str, what: str) -> list[str]:
    """Columns of a fixed-effect or cluster term; a ``KeyError`` names any that are missing."""
    cols = list(parse_fe_term(term))
    missing = [c for c in cols if c not in frame.columns]
    if missing:
        raise InvalidInput(f"{what} {term!r}: column(s) {missing} not in data")
    return cols


def _independent_columns(xs: np.ndarray, xt: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Mask of regressors not (nearly) explained by the fixed effects and earlier regressors."""
    keep = np.zeros(xs.shape[1], dtype=bool)
    for j in range(xs.shape[1]):
        basis = xt[:, keep]
        col = xt[:, j]
        if basis.shape[1]:
            sw = np.sqrt(w)[:, None]
            coefs, *_ = np.linalg.lstsq(basis * sw, col * sw[:, 0], rcond=None)
            col = col - basis @ coefs
        total = float(np.sum(w * xs[:, j] ** 2))
        keep[j] = total > 0 and float(np.sum(w * col**2)) > 1e-9 * total
    return keep


def _deviance(y: np.ndarray, mu: np.ndarray) -> float:
    """Poisson deviance ``2 Σ [y log(y/mu) − (y − mu)]``, with ``0 log 0 = 0``."""
    pos = y > 0
    return float(2.0 * (np.sum(y[pos] * np.log(y[pos] / mu[pos])) - np.sum(y - mu)))
