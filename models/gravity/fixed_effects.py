"""Fixed-effect specifications: parse ``exporter#year`` style terms and encode them as group codes.

A term is one column name or several joined by ``#`` (Stata/ppmlhdfe) or ``^`` (fixest), meaning
the interaction: one effect per distinct combination, e.g. one per exporter and year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from haisi.errors import InvalidInput

__all__ = ["FixedEffect", "parse_fe_term", "encode_fixed_effects", "drop_separated"]

_SEPARATORS = re.compile(r"[#^]")


@dataclass(frozen=True)
class FixedEffect:
    """One fixed effect: its term (e.g. ``exporter#year``), source columns and integer codes."""

    term: str
    columns: tuple[str, ...]
    codes: np.ndarray  # int64, 0..n_levels-1, one per observation
    n_levels: int


def parse_fe_term(term: str) -> tuple[str, ...]:
    """Split ``"exporter#year"`` (or ``"exporter^year"``) into its column names.

    Examples
    --------
    >>> parse_fe_term("exporter#year")
    ('exporter', 'year')
    >>> parse_fe_term("pair_id")
    ('pair_id',)
    """
    parts = tuple(p.strip() for p in _SEPARATORS.split(term))
    if not term.strip() or any(not p for p in parts):
        raise InvalidInput(f"fixed effect {term!r}: expected COL or COL#COL[#COL...]")
    return parts


def encode_fixed_effects(frame: pd.DataFrame, terms: list[str]) -> list[FixedEffect]:
    """Encode each term as dense integer codes over the rows of ``frame``.

    Raises a ``KeyError`` naming the term and the missing column, and a ``ValueError`` if a
    fixed-effect column has missing values (an observation must belong to exactly one group).
    """
    out: list[FixedEffect] = []
    for term in terms:
        cols = parse_fe_term(term)
        missing = [c for c in cols if c not in frame.columns]
        if missing:
            raise InvalidInput(f"fixed effect {term!r}: column(s) {missing} not in data")
        sub = frame[list(cols)]
        na = sub.isna().any(axis=1).to_numpy()
        if na.any():
            raise InvalidInput(
                f"fixed effect {term!r}: {int(na.sum())} row(s) have a missing value, "
                f"first at row {int(np.flatnonzero(na)[0])}"
            )
        codes = sub.groupby(list(cols), sort=True, observed=True).ngroup().to_numpy(np.int64)
        out.append(FixedEffect(term, cols, codes, int(codes.max()) + 1 if len(codes) else 0))
    return out


def drop_separated(
    y: np.ndarray, groups: list[np.ndarray], *, singletons: bool = True
) -> np.ndarray:
    """Boolean mask of observations to keep for Poisson estimation with fixed effects.

    Drops every observation in a fixed-effect group whose outcomes are all zero (their effect
    would be minus infinity and the observation is perfectly predicted), and, if ``singletons``,
    every observation alone in a group (it is fit exactly and only inflates the count N).
    Repeats until nothing changes, because dropping singletons can create new ones.

    Notes
    -----
    This is the "fe" separation check of ppmlhdfe (Correia, Guimarães & Zylkin 2019) and
    pyfixest. Separation caused by the regressors themselves (their "simplex"/"relu" checks)
    is not detected here.
    """
    keep = np.ones(len(y), dtype=bool)
    positive = (y > 0).astype(np.float64)
    while True:
        before = int(keep.sum())
        for codes in groups:
            n_levels = int(codes.max()) + 1 if len(codes) else 0
            kept = keep.astype(np.float64)
            total = np.bincount(codes, weights=positive * kept, minlength=n_levels)
            keep &= total[codes] > 0
            if singletons:
                count = np.bincount(codes, weights=keep.astype(np.float64), minlength=n_levels)
                keep &= count[codes] > 1
        if int(keep.sum()) == before:
            return keep
