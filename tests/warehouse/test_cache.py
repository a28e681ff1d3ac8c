"""The one results cache: bounded (least recently used goes first) and keyed by table version."""

from __future__ import annotations

import pandas as pd
from haisi.warehouse import Provenance, Warehouse
from haisi.warehouse.cache import RESULTS, VersionCache, versioned


def test_the_least_recently_used_entry_is_evicted_at_the_bound() -> None:
    cache, calls = VersionCache(maxsize=3), []

    def get(k: str) -> str:
        return cache.get(k, (1,), lambda: calls.append(k) or k.upper())

    for k in "abc":
        get(k)
    get("a")  # a is now the most recently used
    get("d")  # over the bound: b goes
    assert len(cache) == 3
    assert [get(k) for k in "acd"] == ["A", "C", "D"] and calls == list("abcd")
    get("b")
    assert calls == [*"abcd", "b"] and len(cache) == 3


def test_a_new_table_version_invalidates_the_entry(warehouse: Warehouse, shared_data) -> None:
    rows = pd.read_csv(
        shared_data / "tourism" / "aus-inbound-outbound" / "inbound_train.csv",
        dtype={"period": str},
    ).head(24)
    frame = pd.DataFrame(
        {
            "period": rows["period"],
            "frequency": "M",
            "origin": rows["country"],
            "destination": "AUS",
            "measure": "arrivals",
            "purpose": rows["purpose"],
            "mode": "",
            "value": rows["value"],
            "unit": "persons",
            "series_label": rows["series_id"],
        }
    )
    prov = Provenance("abs", "shared/data/tourism", "h")
    warehouse.append("tourism_flows", frame.head(12), provenance=prov)

    def total() -> float:
        return float(warehouse.scan("tourism_flows").to_pandas()["value"].sum())

    first = versioned(warehouse, ["tourism_flows"], ("test", "total"), total)
    assert first == rows["value"].head(12).sum()
    assert versioned(warehouse, ["tourism_flows"], ("test", "total"), lambda: -1.0) == first
    warehouse.append("tourism_flows", frame, provenance=prov)  # a new version
    again = versioned(warehouse, ["tourism_flows"], ("test", "total"), total)
    assert again == rows["value"].sum() != first
    other = Warehouse(warehouse.root + "-other")  # another store never sees this entry
    assert versioned(other, ["tourism_flows"], ("test", "total"), lambda: -1.0) == -1.0
    assert RESULTS.maxsize > 0 and len(RESULTS) <= RESULTS.maxsize
