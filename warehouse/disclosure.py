"""Statistical disclosure control of restricted cells in public outputs, as statistical offices do.

Primary suppression (the threshold and dominance rules of Eurostat's confidentiality practice and
τ-ARGUS / sdcMicro): a cell is confidential when fewer than :data:`MIN_CONTRIBUTORS` enterprises
or declarations contribute to it, or when one contributor holds :data:`DOMINANCE` (85 %) or more
of its value. A cell without contributor counts cannot be shown safe and is suppressed too.

Secondary suppression over every hierarchy of the table at once. Cells are split into strata that
never add up (reporter, flow, currency, HS revision); inside a stratum each hierarchical column
(HS8 → HS6 → HS4 → HS2 → TOTAL, partner → world, month → quarter → year, a regime or transport
mode → all) gives one *relation* per parent cell and setting of the other columns: the parent equals
the sum of its children, the children being the cells whose nearest ancestor present in the table
is that parent. A parent the table does not hold (the world over partners, a year over months, a
missing TOTAL) is taken as published elsewhere, so its relation counts when it has two or more
children. Then, as τ-ARGUS' modular/hypercube approach does in spirit:

1. every relation with exactly one suppressed member would give it away as the total minus the
   rest (or the sum of the children); its smallest open child (else its open total) is suppressed
   too, repeated over all relations until none has a lone suppressed member;
2. the relations are then solved as a linear system whose unknowns are the suppressed cells
   (per connected block, by the null space of its matrix): a suppressed cell that the published
   cells and totals still fix uniquely (a chain of relations each with two unknowns, say) gets
   another cell of one of its relations suppressed (or, when those are all hidden, of the nearest
   relation linked to them), and both steps repeat until no suppressed cell is determined. A cell
   fixed by totals from outside the table alone cannot be helped by suppression here; the summary
   counts such cells (``exposed``).

Suppressed cells are left out of every public output, so no public total or difference contains
them. (Exactness only: bounds from non-negative values, the "protection interval" of τ-ARGUS,
are not enforced.)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa

__all__ = [
    "MIN_CONTRIBUTORS",
    "DOMINANCE",
    "HIERARCHIES",
    "Control",
    "Relations",
    "Suppression",
    "primary",
    "publishable",
    "relations",
    "suppress",
]

MIN_CONTRIBUTORS = 3
DOMINANCE = 0.85

REASONS = {
    "threshold": f"申报企业少于{MIN_CONTRIBUTORS}家 fewer than {MIN_CONTRIBUTORS} contributing "
    "enterprises/declarations",
    "dominance": f"单一申报人占比≥{DOMINANCE:.0%} one contributor holds "
    f"≥ {DOMINANCE:.0%} of the value",
    "unknown": "无申报人数，无法判定 no contributor counts, so the cell cannot be shown safe",
    "secondary": "次级隐藏：否则可由任一层级的合计减去其余单元格（或解线性方程组）"
    "推算出被隐藏的单元格 "
    "secondary: otherwise a hidden cell could be derived from a total at some level minus the "
    "other cells (or by solving the published totals as equations)",
}


def _hs_parent(code: str) -> str | None:
    """HS8 → HS6 → HS4 → HS2 → TOTAL; any other code sits directly under TOTAL."""
    if code == "TOTAL":
        return None
    return code[:-2] if code.isdigit() and len(code) > 2 else "TOTAL"


def _partner_parent(code: str) -> str | None:
    """Every partner adds up to the world (``W00``)."""
    return None if code in ("W00", "WLD") else "W00"


_PERIOD = re.compile(r"^(\d{4})(?:Q([1-4])|-(\d{2}))?$")


def _period_parent(code: str) -> str | None:
    """Month → quarter → year (``2024-05`` → ``2024Q2`` → ``2024``)."""
    m = _PERIOD.match(code)
    if m is None or not (m.group(2) or m.group(3)):
        return None
    return f"{m.group(1)}Q{(int(m.group(3)) - 1) // 3 + 1}" if m.group(3) else m.group(1)


def _all_parent(code: str) -> str | None:
    """A regime or transport mode → all of them (``''``)."""
    return None if code == "" else ""


@dataclass(frozen=True)
class Hierarchy:
    """How the codes of one column nest, as the dataset page states it."""

    parent: Callable[[str], str | None]
    zh: str
    en: str


HIERARCHIES: dict[str, Hierarchy] = {
    "hs": Hierarchy(_hs_parent, "HS8 → HS6 → HS4 → HS2 → 总计", "HS8 → HS6 → HS4 → HS2 → TOTAL"),
    "partner": Hierarchy(_partner_parent, "各贸易伙伴 → 全球", "each partner → world"),
    "period": Hierarchy(_period_parent, "月 → 季 → 年", "month → quarter → year"),
    "all": Hierarchy(_all_parent, "各类别 → 全部", "each code → all ('')"),
}


@dataclass(frozen=True)
class Control:
    """What disclosure control of a table needs: the columns that never add up (strata) and each
    hierarchical column with the kind of its hierarchy (a key of :data:`HIERARCHIES`)."""

    strata: tuple[str, ...]
    hierarchies: Mapping[str, str]

    @property
    def columns(self) -> list[str]:
        return [*self.strata, *self.hierarchies]


@dataclass(frozen=True)
class Suppression:
    """What one disclosure-control pass did: cells in, cells suppressed by reason."""

    cells: int
    by_reason: dict[str, int]
    hierarchies: Mapping[str, str] = field(default_factory=dict)  # column -> hierarchy kind
    exposed: int = 0  # suppressed cells fixed by totals from outside the table alone

    @property
    def suppressed(self) -> int:
        return sum(self.by_reason.values())

    def as_dict(self) -> dict:
        """The dataset page's account of what was suppressed and why."""
        out = {
            "cells": self.cells,
            "suppressed": self.suppressed,
            "rules": {"min_contributors": MIN_CONTRIBUTORS, "dominance": DOMINANCE},
            "by_reason": [
                {"reason": k, "cells": v, "text": REASONS[k]}
                for k, v in self.by_reason.items()
                if v
            ],
            "hierarchies": [
                {"column": c, "zh": HIERARCHIES[k].zh, "en": HIERARCHIES[k].en}
                for c, k in self.hierarchies.items()
            ],
            "method_zh": "次级隐藏覆盖每个层级和每个维度：任何已公布的合计"
            "（含表外公布的全球、全年、总计）都不会只剩一个被隐藏的组成项，"
            "且被隐藏的单元格无法由已公布的单元格和合计通过线性方程组唯一解出。",
            "method_en": "Secondary suppression covers every level of every hierarchy: no "
            "published total (world, year and TOTAL figures published elsewhere included) is "
            "left with exactly one hidden part, and no hidden cell is uniquely determined by "
            "the published cells and totals taken as linear equations.",
        }
        if self.exposed:
            out["exposed_by_outside_totals"] = {
                "cells": self.exposed,
                "zh": "这些被隐藏的单元格仅凭表外公布的合计即可推算，本表的隐藏无法改变",
                "en": "hidden cells that totals published outside this table fix on their own; "
                "no suppression here can change that",
            }
        return out


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


@dataclass(frozen=True)
class Relations:
    """The additive relations of a table, one row per (relation, member cell): member ``cell``
    of relation ``rel`` is its parent (``total``) or one of its children."""

    rel: np.ndarray
    cell: np.ndarray
    total: np.ndarray
    count: int


def relations(df: pd.DataFrame, control: Control) -> Relations:
    """Every relation "parent = sum of children" along each hierarchy of ``control``."""
    keys = [tuple(r) for r in df[control.columns].astype(str).itertuples(index=False)]
    index = {k: i for i, k in enumerate(keys)}
    groups: dict[tuple, tuple[int, list[int]]] = {}
    offset = len(control.strata)
    for d, kind in enumerate(control.hierarchies.values()):
        parent, pos = HIERARCHIES[kind].parent, offset + d
        for i, k in enumerate(keys):
            code, up = k[pos], parent(k[pos])
            total = -1
            while up is not None:
                code = up
                if (*k[:pos], up, *k[pos + 1 :]) in index:
                    total = index[(*k[:pos], up, *k[pos + 1 :])]
                    break
                up = parent(up)
            if code == k[pos]:
                continue  # a root: the child of nothing
            groups.setdefault((pos, *k[:pos], code, *k[pos + 1 :]), (total, []))[1].append(i)
    rel: list[int] = []
    cell: list[int] = []
    tot: list[bool] = []
    n = 0
    for total, children in groups.values():
        if total < 0 and len(children) < 2:
            continue  # an outside total over one cell is that cell: nothing to protect here
        members = children if total < 0 else [*children, total]
        rel += [n] * len(members)
        cell += members
        tot += [False] * len(children) + ([] if total < 0 else [True])
        n += 1
    return Relations(np.array(rel, int), np.array(cell, int), np.array(tot, bool), n)


def suppress(
    df: pd.DataFrame,
    control: Control,
    *,
    value: str = "value",
    contributors: str = "contributors",
    top_share: str = "top_share",
) -> tuple[pd.Series, Suppression]:
    """The suppression reason of each cell of ``df`` (None: publishable) and a summary."""
    reason = primary(df, contributors, top_share)
    if df.empty:
        return reason, Suppression(0, {}, dict(control.hierarchies))
    size = pd.to_numeric(df[value], errors="coerce").abs().fillna(0).to_numpy()
    sup = reason.notna().to_numpy().copy()
    first = sup.copy()
    r = relations(df.reset_index(drop=True), control)
    outside = _Outside(r, len(df))
    tried: set[int] = set()
    while True:
        _close_lone(sup, r, size)
        fixed = determined(sup, r)
        # a cell still fixed after one more suppression may be fixed by outside totals alone
        helpless = [j for j in fixed if j in tried and outside.fixes(j)]
        tried.update(fixed)
        extra = _second_cells(sorted(set(fixed) - set(helpless)), sup, r, size)
        if not extra:  # what is still fixed has a fully hidden block: outside totals fix it
            exposed = len(fixed)
            break
        sup[extra] = True
    reason.iloc[np.flatnonzero(sup & ~first)] = "secondary"
    by = reason.value_counts().to_dict()
    summary = Suppression(
        len(df), {k: int(by.get(k, 0)) for k in REASONS}, dict(control.hierarchies), exposed
    )
    return reason, summary


def _close_lone(sup: np.ndarray, r: Relations, size: np.ndarray) -> None:
    """Suppress, per relation with exactly one suppressed member, its smallest open child (else
    its open total), until no relation has a lone suppressed member that could be covered."""
    if not r.count:
        return
    while True:
        hidden = np.bincount(r.rel, weights=sup[r.cell], minlength=r.count)
        open_ = (hidden[r.rel] == 1) & ~sup[r.cell]
        if not open_.any():
            return
        rel, cell = r.rel[open_], r.cell[open_]
        order = np.lexsort((size[cell], r.total[open_], rel))  # children first, smallest first
        pick = np.unique(rel[order], return_index=True)[1]
        sup[cell[order][pick]] = True


def determined(sup: np.ndarray, r: Relations) -> list[int]:
    """The suppressed cells that the relations fix uniquely given every published cell: those
    on which every solution of the homogeneous system over the suppressed cells is zero."""
    hidden = np.flatnonzero(sup)
    if not len(hidden) or not r.count:
        return []
    col = np.full(len(sup), -1)
    col[hidden] = np.arange(len(hidden))
    m = sup[r.cell]
    if not m.any():  # no hidden cell is in any relation (e.g. a lone hidden total)
        return []
    rel, cols = r.rel[m], col[r.cell[m]]
    coef = np.where(r.total[m], -1.0, 1.0)
    block = _blocks(rel, cols, len(hidden))[cols]
    order = np.argsort(block, kind="stable")
    starts = np.flatnonzero(np.r_[True, np.diff(block[order]) != 0])
    out: list[int] = []
    for part in np.split(order, starts[1:]):
        urel, ri = np.unique(rel[part], return_inverse=True)
        ucol, ci = np.unique(cols[part], return_inverse=True)
        a = np.zeros((len(urel), len(ucol)))
        np.add.at(a, (ri, ci), coef[part])
        s, vt = np.linalg.svd(a, full_matrices=False)[1:]
        rank = int((s > s.max() * max(a.shape) * np.finfo(float).eps).sum())
        # e_j in the row space: its projection onto the row space has length one
        fixed = (vt[:rank] ** 2).sum(axis=0) > 1 - 1e-8
        out += [int(hidden[c]) for c in ucol[fixed]]
    return out


class _Outside:
    """Which cells the totals from outside the table fix on their own (every cell of the table
    hidden): suppressing more cells here cannot help those. Worked out per block, on demand."""

    def __init__(self, r: Relations, n: int) -> None:
        self.r, self.n = r, n
        self.block: np.ndarray | None = None
        self.known: dict[int, set[int]] = {}

    def fixes(self, j: int) -> bool:
        if self.block is None:
            self.block = _blocks(self.r.rel, self.r.cell, self.n)
        label = int(self.block[j])
        if label not in self.known:
            alone = self.block == label
            self.known[label] = set(determined(alone, self.r))
        return j in self.known[label]


def _blocks(rel: np.ndarray, cols: np.ndarray, n: int) -> np.ndarray:
    """A block label per suppressed cell: cells linked through shared relations share one."""
    root = list(range(n))

    def find(x: int) -> int:
        while root[x] != x:
            root[x] = root[root[x]]
            x = root[x]
        return x

    first: dict[int, int] = {}
    for g, c in zip(rel.tolist(), cols.tolist()):
        if g in first:
            a, b = find(first[g]), find(c)
            if a != b:
                root[a] = b
        else:
            first[g] = c
    return np.array([find(i) for i in range(n)])


def _second_cells(fixed: list[int], sup: np.ndarray, r: Relations, size: np.ndarray) -> list[int]:
    """For each determined cell, more cells to suppress: in each of its relations the smallest
    open child (else the open total), so that new unknowns meet it from every side; when all its
    relations are hidden, one cell of the nearest relation linked to them through hidden cells;
    none when its whole block is hidden (only outside totals fix it)."""
    out: set[int] = set()
    for j in fixed:
        cells = np.array([j])
        seen = np.zeros(r.count, bool)
        while True:
            rels = np.setdiff1d(np.unique(r.rel[np.isin(r.cell, cells)]), np.flatnonzero(seen))
            if not len(rels):
                break
            seen[rels] = True
            m = np.isin(r.rel, rels)
            open_ = m & ~sup[r.cell]
            if open_.any():
                rel, cand = r.rel[open_], r.cell[open_]
                order = np.lexsort((size[cand], r.total[open_], rel))
                pick = cand[order][np.unique(rel[order], return_index=True)[1]]
                out.update(int(c) for c in (pick if len(cells) == 1 else pick[:1]))
                break
            cells = np.unique(r.cell[m])
    return sorted(out)


def publishable(
    rows: pa.Table, control: Control, public: str = "public"
) -> tuple[pa.Table, Suppression]:
    """The cells of ``rows`` that may be shown, as public rows with the contributor details
    blanked (they would tell one declarant's value), and what was suppressed."""
    need = sorted({*control.columns, "value", "contributors", "top_share"})
    reason, summary = suppress(rows.select(need).to_pandas(), control)
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
