"""Scans under parameterised filters: values are bound, never spliced into SQL; unknown
columns and malformed conditions are refused with InvalidInput."""

from __future__ import annotations

import pandas as pd
import pytest
from haisi.warehouse import Provenance, Warehouse

from haisi.errors import InvalidInput

HOSTILE = ["CN-FJ' OR 1=1 --", "'; DROP TABLE trade_flows; --", 'CN"FJ', "\\' OR ''='", "%", "_"]


def _flows(partners: list[str]) -> pd.DataFrame:
    n = len(partners)
    return pd.DataFrame(
        {
            "period": [f"2024-{m:02d}" for m in range(1, n + 1)],
            "frequency": "M",
            "reporter": "CN-FJ",
            "partner": partners,
            "flow": "export",
            "hs_code": [f"{i % 3 + 1:02d}" for i in range(n)],
            "hs_revision": "H6",
            "regime": "",
            "mode": "",
            "value": [float(i + 1) for i in range(n)],
            "currency": "USD",
            "quantity": None,
            "quantity_unit": None,
            "supp_quantity": None,
            "supp_unit": None,
            "vintage": "final",
        }
    )


@pytest.fixture
def filled(warehouse: Warehouse) -> Warehouse:
    partners = ["MYS", "SGP", "IDN", "THA", *HOSTILE]
    warehouse.append("trade_flows", _flows(partners), provenance=Provenance("t", "mem://", "h"))
    return warehouse


def _partners(wh: Warehouse, **kw) -> list[str]:
    return sorted(wh.scan("trade_flows", columns=["partner"], **kw).column("partner").to_pylist())


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_are_bound_and_match_only_themselves(filled: Warehouse, value: str) -> None:
    assert _partners(filled, filters={"partner": value}) == [value]
    assert _partners(filled, filters={"partner": [value, "MYS"]}) == sorted([value, "MYS"])
    assert _partners(filled, filters={"partner": ("prefix", value)}) == sorted(
        p for p in ["MYS", "SGP", "IDN", "THA", *HOSTILE] if p.startswith(value)
    )


def test_injection_through_a_value_returns_nothing(filled: Warehouse) -> None:
    """The classic tautology would return every row if it were spliced in;
    bound, it matches none."""
    assert _partners(filled, filters={"reporter": "x' OR 1=1 --"}) == []
    assert _partners(filled, filters={"reporter": ("contains", "' OR '1'='1")}) == []
    assert filled.scan("trade_flows").num_rows == 10  # and the table is intact


def test_operators_select_what_they_say(filled: Warehouse) -> None:
    df = filled.scan("trade_flows").to_pandas()
    got = filled.scan(
        "trade_flows",
        filters={
            "period": ("between", "2024-02", "2024-05"),
            "hs_code": ("!=", "02"),
            "value": (">=", 3.0),
        },
    ).to_pandas()
    want = df[df.period.between("2024-02", "2024-05") & (df.hs_code != "02") & (df.value >= 3)]
    assert sorted(got.partner) == sorted(want.partner) and len(want) > 0
    either = _partners(filled, any_of=[{"partner": "MYS"}, {"partner": "SGP", "hs_code": "02"}])
    assert either == ["MYS", "SGP"]
    assert _partners(filled, filters={"partner": ("not in", HOSTILE)}) == [
        "IDN",
        "MYS",
        "SGP",
        "THA",
    ]
    assert _partners(filled, filters={"partner": []}) == []
    assert _partners(filled, filters={"quantity": ("not null",)}) == []
    assert len(_partners(filled, filters={"quantity": None})) == 10


def test_order_limit_and_distinct(filled: Warehouse) -> None:
    top = filled.scan("trade_flows", columns=["value"], order_by=["-value"], limit=2, offset=1)
    assert top.column("value").to_pylist() == [9.0, 8.0]
    codes = filled.scan("trade_flows", columns=["hs_code"], distinct=True, order_by=["hs_code"])
    assert codes.column("hs_code").to_pylist() == ["01", "02", "03"]


@pytest.mark.parametrize(
    "kw",
    [
        {"filters": {"partner = 'MYS' OR 1=1 --": "x"}},
        {"filters": {"nope": 1}},
        {"any_of": [{"reporter": "CN-FJ"}, {"bogus": 1}]},
        {"columns": ["partner", "1; DROP TABLE x"]},
        {"order_by": ["-value; --"]},
    ],
)
def test_unknown_columns_are_refused(filled: Warehouse, kw: dict) -> None:
    with pytest.raises(InvalidInput, match="unknown column"):
        filled.scan("trade_flows", **kw)


@pytest.mark.parametrize("cond", [("like", "x%"), ("between", "a"), (), ("=",)])
def test_malformed_conditions_are_refused(filled: Warehouse, cond: tuple) -> None:
    with pytest.raises(InvalidInput, match="bad filter"):
        filled.scan("trade_flows", filters={"partner": cond})
