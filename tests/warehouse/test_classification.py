"""Classification rides on every row; public views see restricted cells only after disclosure
control."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from haisi.warehouse import Provenance, Warehouse, WarehouseError
from haisi.warehouse.classification import PUBLIC, RESTRICTED, classify, clearance, strictest
from haisi.warehouse.disclosure import DOMINANCE, MIN_CONTRIBUTORS, suppress
from haisi.warehouse.schemas import spec

CONTROL = spec("trade_flows").extra["disclosure"]
CUSTOMS = Provenance("sample-customs", "x", "h")


def _trade(cells: list[tuple[str, str, float, int | None, float | None]]) -> pd.DataFrame:
    """CN-FJ export rows of 2025-01 from (partner, hs_code, value, contributors, top_share)."""
    df = pd.DataFrame(cells, columns=["partner", "hs_code", "value", "contributors", "top_share"])
    return df.assign(
        period="2025-01",
        frequency="M",
        reporter="CN-FJ",
        flow="export",
        hs_revision="H6",
        regime="",
        mode="",
        currency="USD",
        quantity=np.nan,
        quantity_unit=None,
        supp_quantity=np.nan,
        supp_unit=None,
        vintage="final",
    )


def _tourism(value: float) -> pd.DataFrame:
    """One 2025-01 arrivals row (TWN → CNFOC) of ``value``."""
    row = {"period": "2025-01", "frequency": "M", "origin": "TWN", "destination": "CNFOC"}
    row |= {"measure": "arrivals", "purpose": "", "mode": "", "unit": "persons"}
    return pd.DataFrame([{**row, "value": value, "series_label": "x"}])


def test_classes_come_from_the_registry_and_unknown_sources_fail_closed() -> None:
    assert classify("gacc") == classify("un_comtrade") == classify("singstat") == PUBLIC
    assert classify("sample-customs") == RESTRICTED
    assert classify("someone-elses-declarations") == RESTRICTED
    assert strictest([PUBLIC, RESTRICTED, PUBLIC]) == RESTRICTED and strictest([]) == PUBLIC
    roles = ("customs", "admin", "analyst", "researcher", "tourism", None)
    assert [clearance(r) for r in roles] == [RESTRICTED, RESTRICTED, PUBLIC, PUBLIC, PUBLIC, PUBLIC]


def test_rows_carry_their_class_and_a_bad_class_is_refused(warehouse: Warehouse) -> None:
    warehouse.append(
        "trade_flows",
        _trade([("USA", "85", 1e9, 40, 0.2)]),
        provenance=Provenance("gacc", "x", "h1"),
    )
    warehouse.append(
        "trade_flows",
        _trade([("JPN", "85", 2e9, 40, 0.2)]),
        provenance=Provenance("customs-declarations", "x", "h2"),
    )
    rows = warehouse.sql("SELECT partner, classification FROM trade_flows").to_pylist()
    got = {r["partner"]: r["classification"] for r in rows}
    assert got == {"USA": PUBLIC, "JPN": RESTRICTED}
    with pytest.raises(WarehouseError, match="classification"):
        warehouse.append(
            "trade_flows",
            _trade([("KOR", "85", 1e9, 40, 0.2)]),
            provenance=Provenance("gacc", "x", "h3", classification="secret"),
        )


def test_suppression_rules_and_no_lone_suppressed_cell_in_any_margin() -> None:
    rng = np.random.default_rng(3)
    partners, chapters = ["USA", "JPN", "KOR", "SGP", "MYS"], ["85", "84", "61", "27"]
    cells = []
    for p, h in itertools.product(partners, chapters):
        n = int(rng.integers(1, 30))
        value, share = float(rng.integers(1_000, 1_000_000)), float(rng.uniform(0.05, 0.95))
        cells.append((p, h, value, n, share))
    df = _trade(cells)
    reason, summary = suppress(df, CONTROL)
    n, share = df["contributors"], df["top_share"]
    # primary exactly where a rule says so, independent of the module's own code path
    primary = (n < MIN_CONTRIBUTORS) | (share >= DOMINANCE)
    assert (reason.isin(["threshold", "dominance"]) == primary).all()
    assert primary.any() and (reason == "secondary").any()
    # each partner and each chapter holds 0 or ≥ 2 hidden cells: no total minus the rest shows one
    hidden = reason.notna()
    for by in ("partner", "hs_code"):  # a row of chapters, a column of partners
        per_group = hidden.groupby(df[by]).sum()
        assert not (per_group == 1).any(), by
    assert summary.suppressed == int(hidden.sum()) and summary.cells == len(df)


def test_public_view_leaves_out_suppressed_cells_and_contributors(warehouse: Warehouse) -> None:
    cells = [
        ("USA", "85", 5e9, 40, 0.2),
        ("USA", "84", 3e9, 30, 0.3),
        ("USA", "61", 7e8, 2, 0.6),
        ("JPN", "85", 4e9, 50, 0.1),
        ("JPN", "84", 2e9, 25, 0.9),
        ("JPN", "61", 9e8, 20, 0.2),
    ]
    warehouse.append("trade_flows", _trade(cells), provenance=CUSTOMS)
    warehouse.append(
        "tourism_flows", _tourism(1234.0), provenance=Provenance("customs-declarations", "x", "t")
    )
    full = warehouse.sql("SELECT partner, hs_code, value FROM trade_flows").to_pandas()
    assert len(full) == 6
    public = warehouse.cleared(PUBLIC)
    seen = public.sql(
        "SELECT partner, hs_code, value, contributors, top_share, classification "
        "FROM trade_flows ORDER BY partner, hs_code"
    ).to_pandas()
    # USA/61 (2 declarants) and JPN/84 (one holds 90 %) are primary; each margin then needs a second
    assert ("USA", "61") not in set(zip(seen.partner, seen.hs_code))
    assert ("JPN", "84") not in set(zip(seen.partner, seen.hs_code))
    assert seen.contributors.isna().all() and seen.top_share.isna().all()
    assert set(seen.classification) == {PUBLIC}
    for p in ("USA", "JPN"):
        assert (seen.partner == p).sum() <= 1  # the lone primary in each partner forced a second
    # restricted rows of a table without disclosure control are withheld
    assert public.sql("SELECT * FROM tourism_flows").num_rows == 0
    summary = public.disclosure("trade_flows").as_dict()
    assert summary["cells"] == 6 and summary["suppressed"] == 6 - len(seen)
    assert {r["reason"] for r in summary["by_reason"]} >= {"threshold", "dominance"}


def test_derived_rows_inherit_the_strictest_class_they_read(warehouse: Warehouse) -> None:
    from haisi.models.network.selection import Selection
    from haisi.models.network.stored import ensure_metrics

    cells = [(p, "TOTAL", 1e9 * (i + 1), 40, 0.2) for i, p in enumerate(["USA", "JPN", "KOR"])]
    warehouse.append("trade_flows", _trade(cells), provenance=CUSTOMS)
    sel = Selection("2025-01", "export", "TOTAL")
    ensure_metrics(warehouse, sel, store=True)  # the full view read restricted rows
    assert set(
        warehouse.sql("SELECT DISTINCT classification FROM network_metrics").column(0).to_pylist()
    ) == {RESTRICTED}
    # a public view sees no restricted metrics, and what it stores from its own reads is public
    public = warehouse.cleared(PUBLIC)
    assert public.sql("SELECT * FROM network_metrics").num_rows == 0
    v = warehouse.version("network_metrics")
    ensure_metrics(public, sel)  # a read: computes on the public view, stores nothing
    assert warehouse.version("network_metrics") == v
    ensure_metrics(public, sel, store=True)
    classes = warehouse.sql("SELECT DISTINCT classification FROM network_metrics").column(0)
    assert set(classes.to_pylist()) == {PUBLIC, RESTRICTED}
