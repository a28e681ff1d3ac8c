"""Disclosure control rules on cells computed here: the threshold and dominance boundaries, and
secondary suppression leaving no margin with a lone suppressed cell."""

from __future__ import annotations

import pandas as pd
from haisi.warehouse.disclosure import DOMINANCE, MIN_CONTRIBUTORS, primary, suppress


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
    reason, summary = suppress(df, margins)
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
