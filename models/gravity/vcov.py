"""Sandwich variance of PPML coefficients: cluster-robust (CRV1) and heteroskedasticity-robust.

The small-sample factors follow fixest/pyfixest defaults, so standard errors agree with
``pyfixest.fepois(..., vcov={"CRV1": col})`` to printed precision.
"""

from __future__ import annotations

import numpy as np

from haisi.errors import InvalidInput

__all__ = ["cluster_vcov", "hetero_vcov", "count_fe_parameters"]


def count_fe_parameters(groups: list[np.ndarray], cluster: np.ndarray | None = None) -> int:
    """Number of fixed-effect parameters counted in K for the small-sample correction.

    Levels of every fixed effect are summed, minus one reference level for each fixed effect
    after the first. A fixed effect nested in the cluster variable (each of its groups lies in
    one cluster) is not counted, because the cluster correction already accounts for it
    (fixest's ``fixef.K = "nested"``).
    """
    total, counted = 0, 0
    for codes in groups:
        if cluster is not None and _nested(codes, cluster):
            continue
        total += int(codes.max()) + 1
        counted += 1
    return total - max(counted - 1, 0)


def _nested(codes: np.ndarray, cluster: np.ndarray) -> bool:
    """True if every level of ``codes`` falls in exactly one cluster."""
    first = np.full(int(codes.max()) + 1, -1, dtype=np.int64)
    first[codes[::-1]] = cluster[::-1]
    return bool(np.all(first[codes] == cluster))


def _bread(xt: np.ndarray, mu: np.ndarray) -> np.ndarray:
    return np.linalg.inv(xt.T @ (xt * mu[:, None]))


def cluster_vcov(
    xt: np.ndarray, y: np.ndarray, mu: np.ndarray, cluster: np.ndarray, *, n_fe_params: int
) -> tuple[np.ndarray, int]:
    """CRV1 covariance ``c · B (Σ_g s_g s_gᵀ) B`` and the number of clusters G.

    ``xt`` are the regressors demeaned with weights ``mu``; ``s_g = Σ_{i∈g} xt_i (y_i − mu_i)``;
    ``B = (xtᵀ diag(mu) xt)⁻¹``; ``c = G/(G−1) · (N−1)/(N−K)`` with
    ``K = n_regressors + n_fe_params``.
    """
    n, p = xt.shape
    codes = np.unique(cluster, return_inverse=True)[1].ravel()
    g = int(codes.max()) + 1
    if g < 2:
        raise InvalidInput("clustered standard errors need at least two clusters")
    scores = xt * (y - mu)[:, None]
    sums = np.zeros((g, p))
    np.add.at(sums, codes, scores)
    bread = _bread(xt, mu)
    k = p + n_fe_params
    c = g / (g - 1) * (n - 1) / (n - k)
    return c * bread @ (sums.T @ sums) @ bread, g


def hetero_vcov(xt: np.ndarray, y: np.ndarray, mu: np.ndarray, *, n_fe_params: int) -> np.ndarray:
    """Heteroskedasticity-robust (HC1) covariance with factor ``N/(N−K)``."""
    n, p = xt.shape
    scores = xt * (y - mu)[:, None]
    bread = _bread(xt, mu)
    return n / (n - p - n_fe_params) * bread @ (scores.T @ scores) @ bread
