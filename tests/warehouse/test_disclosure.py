"""Disclosure control rules on cells computed here: the threshold and dominance boundaries, and
secondary suppression over deep hierarchies (HS8 → … → TOTAL, partner → world, month → year)
checked by relations and linear algebra written here, on tables built from real GACC lines."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from haisi.crawlers.feeds.declarations import edges_to_trade_flows
from haisi.scaleout.aggregate import edges_duckdb
from haisi.warehouse.disclosure import (
    DOMINANCE,
    MIN_CONTRIBUTORS,
    Control,
    determined,
    primary,
    relations,
    suppress,
)
from haisi.warehouse.schemas import spec

TRADE = spec("trade_flows").extra["disclosure"]
GACC = "trade/gacc_query_samples/gacc_china_exports_to_usa_2019-01_hs8_by_regime.csv"


def _cells(values: dict[tuple[str, str], list[float]]) -> pd.DataFrame:
    """Cells (partner, hs) from each contributor's value: count and top share computed here."""
    rows = []
    for (partner, hs), parts in values.items():
        total = sum(parts)
        rows.append(
            {
                "partner": partner,
                "hs_code": hs,
                "value": total,
                "contributors": len(parts),
                "top_share": max(parts) / total,
            }
        )
    return pd.DataFrame(rows)


def test_dominance_and_threshold_boundaries() -> None:
    df = _cells(
        {
            ("A", "01"): [85.0, 10.0, 5.0],  # exactly 85 %: suppressed
            ("A", "02"): [84.99, 10.01, 5.0],  # just under: shown
            ("A", "03"): [90.0, 5.0, 5.0],  # 90 %: suppressed
            ("A", "04"): [40.0, 30.0, 30.0],
            ("A", "05"): [50.0, 50.0],  # two contributors: suppressed
        }
    )
    assert DOMINANCE == 0.85 and MIN_CONTRIBUTORS == 3
    got = {h: r if isinstance(r, str) else None for h, r in zip(df["hs_code"], primary(df))}
    assert got == {"01": "dominance", "02": None, "03": "dominance", "04": None, "05": "threshold"}


def test_secondary_suppression_leaves_no_lone_suppressed_cell_in_any_margin() -> None:
    parts = {
        ("USA", "85"): [900.0, 50.0, 50.0],  # 90 %: primary
        ("USA", "84"): [50.0, 40.0, 30.0],
        ("USA", "87"): [30.0, 25.0, 25.0],
        ("JPN", "85"): [300.0, 200.0, 100.0],
        ("JPN", "84"): [70.0, 60.0, 50.0],
        ("JPN", "87"): [20.0, 20.0, 20.0],
    }
    df = _cells(parts)
    margins = [("partner",), ("hs_code",)]
    reason, summary = suppress(df, Control((), {"partner": "partner", "hs_code": "hs"}))
    sup = reason.notna()
    assert reason[(df.partner == "USA") & (df.hs_code == "85")].item() == "dominance"
    for m in margins:  # in every row and column of the table, 0 or ≥ 2 cells are hidden
        counts = sup.groupby([df[c] for c in m]).sum()
        assert not (counts == 1).any(), (m, counts)
    # the cells hidden in addition are the smallest that close each margin
    hidden = set(zip(df.partner[sup], df.hs_code[sup]))
    assert hidden == {("USA", "85"), ("USA", "87"), ("JPN", "85"), ("JPN", "87")}
    assert summary.by_reason["dominance"] == 1 and summary.by_reason["secondary"] == 3
    # no published row or column total minus its shown cells equals one hidden cell's value
    value = dict(zip(zip(df.partner, df.hs_code), df["value"]))
    for key in ("partner", "hs_code"):
        idx = 0 if key == "partner" else 1
        for g in {k[idx] for k in value}:
            gone = [v for k, v in value.items() if k[idx] == g and k in hidden]
            assert len(gone) != 1


# ---- an independent account of the relations a public reader can use ---------------------------
def _ancestors(kind: str, code: str) -> list[str]:
    """Every proper ancestor of ``code``, nearest first (written here, not from the module)."""
    if kind == "hs":
        if code == "TOTAL":
            return []
        digits = [code[:n] for n in range(len(code) - 2, 0, -2)] if code.isdigit() else []
        return [*digits, "TOTAL"]
    if kind == "partner":
        return [] if code == "W00" else ["W00"]
    if kind == "period":
        if len(code) == 7:  # YYYY-MM
            return [f"{code[:4]}Q{(int(code[5:]) + 2) // 3}", code[:4]]
        return [code[:4]] if "Q" in code else []
    return [] if code == "" else [""]


def _relations_here(df: pd.DataFrame, control: Control) -> list[tuple[int | None, list[int]]]:
    """(total row or None for a total published elsewhere, child rows) for every parent: the
    children of a parent are the cells it is the nearest present ancestor of."""
    cols = control.columns
    keys = [tuple(map(str, r)) for r in df[cols].itertuples(index=False)]
    at = {k: i for i, k in enumerate(keys)}
    out = []
    for d, kind in control.hierarchies.items():
        pos = cols.index(d)
        groups: dict[tuple, list[int]] = {}
        for i, k in enumerate(keys):
            ups = _ancestors(kind, k[pos])
            if not ups:
                continue
            near = next((u for u in ups if (*k[:pos], u, *k[pos + 1 :]) in at), ups[-1])
            groups.setdefault((*k[:pos], near, *k[pos + 1 :]), []).append(i)
        for parent, children in groups.items():
            total = at.get(parent)
            if total is not None or len(children) >= 2:
                out.append((total, children))
    return out


def _lone(rels: list[tuple[int | None, list[int]]], hidden: np.ndarray) -> list:
    """Relations whose published members leave exactly one hidden member."""
    return [
        (t, c) for t, c in rels if sum(hidden[i] for i in c) + (0 if t is None else hidden[t]) == 1
    ]


def _uniquely_determined(rels: list, hidden: np.ndarray) -> list[int]:
    """Hidden cells fixed by the published cells and totals: e_j lies in the row space of the
    relations restricted to the hidden cells (a rank test per cell, by brute force)."""
    cols = list(np.flatnonzero(hidden))
    a = np.zeros((len(rels), len(cols)))
    for r, (t, children) in enumerate(rels):
        for i in children:
            if hidden[i]:
                a[r, cols.index(i)] += 1
        if t is not None and hidden[t]:
            a[r, cols.index(t)] -= 1
    rank = np.linalg.matrix_rank(a)
    out = []
    for j, i in enumerate(cols):
        e = np.zeros((1, len(cols)))
        e[0, j] = 1
        if np.linalg.matrix_rank(np.vstack([a, e])) == rank:
            out.append(int(i))
    return out


def _gacc_lines(shared_data: Path) -> pd.DataFrame:
    """China's exports to the USA in 2019-01 by HS8 × customs regime (12,993 real lines)."""
    raw = pd.read_csv(shared_data / GACC, dtype=str)
    return pd.DataFrame(
        {
            "hs_code": raw["Commodity code"],
            "regime": raw["Customs Regime code"],
            "value": raw["US dollar"].str.replace(",", "").astype(float),
        }
    )


def _table(lines: pd.DataFrame, cells: list[tuple[str, str]], seed: int = 0) -> pd.DataFrame:
    """The trade_flows cells (TOTAL, HS2 … HS8) the declarations feed stores for records built
    from real GACC lines: one (partner, period) as is, the others each a resampling of them
    (a line kept with probability 0.8, its value scaled by a log-normal factor)."""
    rng = np.random.default_rng(seed)
    parts = []
    for n, (partner, period) in enumerate(cells):
        take = lines if n == 0 else lines[rng.random(len(lines)) < 0.8]
        value = take["value"] * (1 if n == 0 else rng.lognormal(0, 0.5, len(take)))
        parts.append(
            take.assign(value=value.round(0), partner=partner, period=period, reporter="CHN")
        )
    records = pd.concat(parts).assign(flow="export")
    edges = edges_duckdb(records, levels=(0, 2, 4, 6, 8))
    return edges_to_trade_flows(edges).reset_index(drop=True)


def test_hierarchies_nest_as_published() -> None:
    rels = _relations_here(
        pd.DataFrame(
            {
                "hs_code": ["TOTAL", "85", "8542", "854231", "85423110", "85423190", "8541"],
                "period": "2019-01",
            }
        ),
        Control((), {"hs_code": "hs", "period": "period"}),
    )
    by_total = {t: sorted(c) for t, c in rels}
    assert by_total == {0: [1], 1: [2, 6], 2: [3], 3: [4, 5]}
    mine = relations(
        pd.DataFrame({"hs_code": ["TOTAL", "85", "8542", "85423110", "85423190", "8541"]}),
        Control((), {"hs_code": "hs"}),
    )
    # the module agrees: 85423110 and 85423190 sit under 8542 when HS6 is not in the table
    members = {int(r): sorted(mine.cell[mine.rel == r].tolist()) for r in np.unique(mine.rel)}
    assert sorted(members.values()) == [[0, 1], [1, 2, 5], [2, 3, 4]]


def test_deep_hs_hierarchy_of_real_gacc_lines_leaves_no_lone_hidden_cell(shared_data) -> None:
    df = _table(_gacc_lines(shared_data), [("USA", "2019-01")])
    reason, summary = suppress(df, TRADE)
    hidden = reason.notna().to_numpy()
    level = df["hs_code"].map(lambda c: 0 if c == "TOTAL" else len(c))
    # real declarations give primary cells at every level and secondary ones above HS8
    assert set(level[reason.isin(["threshold", "dominance"])]) >= {2, 4, 6, 8}
    assert set(level[reason == "secondary"]) >= {4, 6, 8}
    rels = _relations_here(df, TRADE)
    assert len(rels) > 1000 and _lone(rels, hidden) == []
    assert summary.suppressed == hidden.sum() and summary.exposed == 0
    # a hidden HS8 line under a shown HS6 total is never the only hidden line of that total
    shown = dict(zip(df["hs_code"], ~hidden))
    deep = [c for c in df["hs_code"][hidden] if len(c) == 8 and shown[c[:6]]]
    assert len(deep) > 100
    for code in deep:
        kids = [c for c in shown if len(c) == 8 and c.startswith(code[:6])]
        assert sum(not shown[c] for c in kids) >= 2, code


@pytest.mark.parametrize("headings", [("8471", "9503"), ("0713", "1902", "2501")])
def test_partner_and_period_too_and_no_hidden_cell_solves_out(shared_data, headings) -> None:
    """Small real-shaped tables: a few HS4 headings' real lines × 3 partners × 3 months; every
    relation along every hierarchy and the brute-force linear algebra agree they are protected."""
    lines = _gacc_lines(shared_data)
    lines = lines[lines["hs_code"].str[:4].isin(headings)]
    cells = list(itertools.product(["USA", "JPN", "KOR"], ["2019-01", "2019-02", "2019-03"]))
    df = _table(lines, cells, seed=4)
    reason, summary = suppress(df, TRADE)
    hidden = reason.notna().to_numpy()
    assert 0 < summary.by_reason["secondary"] and hidden.sum() < len(df)
    rels = _relations_here(df, TRADE)
    kinds = dict.fromkeys(TRADE.hierarchies, 0)
    for t, c in rels:  # each hierarchy contributes relations holding hidden cells
        members = c if t is None else [*c, t]
        varying = [d for d in TRADE.hierarchies if df.loc[members, d].nunique() > 1]
        if hidden[members].any():
            kinds[varying[0]] += 1
    assert kinds["hs_code"] and kinds["partner"] and kinds["period"], kinds
    assert _lone(rels, hidden) == []
    # by the totals this table publishes, no hidden cell solves out
    own = [(t, c) for t, c in rels if t is not None]
    assert _uniquely_determined(own, hidden) == []
    # with world and year totals published elsewhere too, only cells those totals fix on their
    # own (every cell of the table hidden) solve out, and the summary counts them
    fixed = _uniquely_determined(rels, hidden)
    assert set(fixed) <= set(_uniquely_determined(rels, np.ones(len(df), bool)))
    assert summary.exposed == len(fixed)
    # primary suppression alone would give cells away, through totals at some level
    first = reason.isin(["threshold", "dominance", "unknown"]).to_numpy()
    assert _lone(rels, first) and set(_uniquely_determined(own, first))


def test_a_bridge_between_two_hidden_rectangles_is_found_and_covered() -> None:
    """4 × 4 cells with both margins published elsewhere: two hidden 2 × 2 rectangles joined by
    one hidden cell leave no margin with a lone hidden cell, yet that cell is the sum of two
    margins minus two others; linear algebra finds it and one more cell covers it."""
    rows = []
    bridge = ("B", "3")
    hide = {(p, h) for p in "AB" for h in "12"} | {(p, h) for p in "CD" for h in "34"} | {bridge}
    for p, h in itertools.product("ABCD", "1234"):
        rows.append(
            {
                "partner": p,
                "hs_code": h.rjust(2, "0"),
                "value": 100.0 + 10 * "ABCD".index(p) + int(h),
                "contributors": 1 if (p, h) in hide else 10,
                "top_share": 0.3,
            }
        )
    df = pd.DataFrame(rows)
    control = Control((), {"partner": "partner", "hs_code": "hs"})
    first = primary(df).notna().to_numpy()
    rels = _relations_here(df, control)
    assert _lone(rels, first) == []  # the lone-cell rule alone sees nothing to do
    assert _uniquely_determined(rels, first) == [4 * 1 + 2]  # ("B", "03")
    assert determined(first.copy(), relations(df, control)) == [6]
    reason, summary = suppress(df, control)
    hidden = reason.notna().to_numpy()
    assert summary.by_reason["secondary"] >= 1 and _uniquely_determined(rels, hidden) == []


def test_a_hidden_cell_in_no_relation_is_not_determined() -> None:
    """A stratum holding only its hidden total (no children, no parent) takes part in no
    relation: nothing fixes it, and the check does not fail on the empty system."""
    df = pd.DataFrame(
        {"partner": ["A", "A", "B"], "hs_code": ["01", "0101", "TOTAL"], "value": [5.0, 5.0, 3.0]}
    )
    r = relations(df, Control(("partner",), {"hs_code": "hs"}))
    assert r.count == 1 and 2 not in set(r.cell)
    assert determined(np.array([False, False, True]), r) == []
    assert determined(np.array([True, False, True]), r) == [0]  # chapter 01 = its one heading


def test_sample_sized_table_is_protected_in_every_relation() -> None:
    """The demo's restricted trade cells (22 partners × 14 chapters × 96 months × 2 flows)."""
    from haisi.samples import generate

    df = generate().trade_flows
    reason, summary = suppress(df, TRADE)
    hidden = reason.notna().to_numpy()
    rels = _relations_here(df.reset_index(drop=True), TRADE)
    assert _lone(rels, hidden) == [] and summary.exposed == 0
