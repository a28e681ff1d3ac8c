"""The one results cache: bounded (least recently used goes first) and keyed by table version."""

from __future__ import annotations

import threading
import time

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


def test_concurrent_misses_compute_once_and_a_failure_is_not_shared() -> None:
    """Eight threads missing the same key and versions at once: one computation, one value;
    when the computation fails, a waiting caller computes again rather than getting nothing."""
    cache, calls = VersionCache(), []

    def slow() -> str:
        calls.append(1)
        time.sleep(0.3)
        return "v"

    out: list[str] = []
    threads = [
        threading.Thread(target=lambda: out.append(cache.get("k", (1,), slow))) for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert out == ["v"] * 8 and len(calls) == 1
    assert cache.get("k", (2,), lambda: "w") == "w"  # another version: computed anew

    attempts: list[int] = []

    def flaky() -> str:
        attempts.append(1)
        time.sleep(0.2)
        if len(attempts) == 1:
            raise RuntimeError("store hiccup")
        return "ok"

    got: list[object] = []

    def ask() -> None:
        try:
            got.append(cache.get("f", (1,), flaky))
        except RuntimeError as e:
            got.append(e)

    pair = [threading.Thread(target=ask) for _ in range(2)]
    for t in pair:
        t.start()
    for t in pair:
        t.join()
    assert len(attempts) == 2 and sorted(map(str, got)) == ["ok", "store hiccup"]


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
