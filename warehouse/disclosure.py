"""Statistical disclosure control of restricted cells in public outputs, as statistical offices do.

Primary suppression (the threshold and dominance rules of Eurostat's confidentiality practice and
τ-ARGUS / sdcMicro): a cell is confidential when fewer than :data:`MIN_CONTRIBUTORS` enterprises
or declarations contribute to it, or when one contributor holds :data:`DOMINANCE` (85 %) or more
of its value. A cell without contributor counts cannot be shown safe and is suppressed too.

Secondary suppression: along every margin the output could be summed over (each ``margins``
entry names the columns that stay fixed while the others vary), a group holding exactly one
suppressed cell would give it away as total minus the rest; the smallest other publishable cell of
that group is suppressed as well, repeated until no group has a lone suppressed cell (the
greedy heuristic of τ-ARGUS' hypercube method). Suppressed cells are left out of every public
output, so no public total or difference contains them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

__all__ = ["MIN_CONTRIBUTORS", "DOMINANCE", "Suppression", "suppress", "publishable"]

MIN_CONTRIBUTORS = 3
DOMINANCE = 0.85

REASONS = {
    "threshold": f"申报企业少于{MIN_CONTRIBUTORS}家 fewer than {MIN_CONTRIBUTORS} contributing "
    "enterprises/declarations",
    "dominance": f"单一申报人占比≥{DOMINANCE:.0%} one contributor holds "
    f"≥ {DOMINANCE:.0%} of the value",
    "unknown": "无申报人数，无法判定 no contributor counts, so the cell cannot be shown safe",
    "secondary": "次级隐藏：防止由合计或差额推算 secondary: would be revealed by a total or a "
    "difference",
}


@dataclass(frozen=True)
class Suppression:
    """What one disclosure-control pass did: cells in, cells suppressed by reason."""

    cells: int
    by_reason: dict[str, int]

    @property
    def suppressed(self) -> int:
        return sum(self.by_reason.values())

    def as_dict(self) -> dict:
        """The dataset page's account of what was suppressed and why."""
        return {
            "cells": self.cells,
            "suppressed": self.suppressed,
            "rules": {"min_contributors": MIN_CONTRIBUTORS, "dominance": DOMINANCE},
            "by_reason": [
                {"reason": k, "cells": v, "text": REASONS[k]}
                for k, v in self.by_reason.items()
                if v
            ],
        }


def primary(
    df: pd.DataFrame, contributors: str = "contributors", top_share: str = "top_share"
) -> pd.Series:
    """The primary-suppression reason of each cell (None where the cell may be shown)."""
    n = pd.to_numeric(df[contributors], errors="coerce")
    share = pd.to_numeric(df[top_share], errors="coerce")
    reason = pd.Series(None, index=df.index, dtype=object)
    reason[share >= DOMINANCE] = "dominance"
    reason[n < MIN_CONTRIBUTORS] = "threshold"
    reason[n.isna()] = "unknown"
    return reason


def suppress(
    df: pd.DataFrame,
    margins: Sequence[Sequence[str]],
    *,
    value: str = "value",
    contributors: str = "contributors",
    top_share: str = "top_share",
) -> tuple[pd.Series, Suppression]:
    """The suppression reason of each cell of ``df`` (None: publishable) and a summary."""
    reason = primary(df, contributors, top_share)
    if df.empty:
        return reason, Suppression(0, {})
    size = pd.to_numeric(df[value], errors="coerce").abs().fillna(0).to_numpy()
    sup = reason.notna().to_numpy().copy()
    groups = [df.groupby(list(m), sort=False, dropna=False).ngroup().to_numpy() for m in margins]
    changed = True
    while changed:
        changed = False
        for g in groups:
            counts = np.bincount(g, weights=sup, minlength=g.max() + 1)
            sizes = np.bincount(g, minlength=g.max() + 1)
            lone = np.flatnonzero((counts == 1) & (sizes > 1))
            if not len(lone):
                continue
            cand = np.isin(g, lone) & ~sup
            if not cand.any():
                continue
            order = np.lexsort((size[cand], g[cand]))  # per group, the smallest open cell first
            idx = np.flatnonzero(cand)[order]
            first = np.unique(g[idx], return_index=True)[1]
            sup[idx[first]] = True
            reason.iloc[idx[first]] = "secondary"
            changed = True
    by = reason.value_counts().to_dict()
    return reason, Suppression(len(df), {k: int(by.get(k, 0)) for k in REASONS})


def publishable(
    rows: pa.Table, margins: Sequence[Sequence[str]], public: str = "public"
) -> tuple[pa.Table, Suppression]:
    """The cells of ``rows`` that may be shown, as public rows with the contributor details
    blanked (they would tell one declarant's value), and what was suppressed."""
    need = sorted({c for m in margins for c in m} | {"value", "contributors", "top_share"})
    reason, summary = suppress(rows.select(need).to_pandas(), margins)
    kept = rows.filter(pa.array(reason.isna().to_numpy()))
    for col in ("contributors", "top_share", "classification"):
        i = kept.schema.get_field_index(col)
        f = kept.schema.field(i)
        value = (
            pa.array([public] * kept.num_rows, pa.string())
            if col == "classification"
            else pa.nulls(kept.num_rows, f.type)
        )
        kept = kept.set_column(i, f.with_type(value.type), value)
    return kept, summary
