"""One read-recording context (``warehouse.reads``): derived rows inherit the class of what their
own derivation read (a long-lived Warehouse keeps no memory of earlier reads, nested scopes pass
reads outwards, threads do not share scopes), and a request's recording of table versions sees
what a derivation inside it touched."""

from __future__ import annotations

import threading

import pandas as pd
from haisi.models.network.graph import load_view
from haisi.models.network.selection import Selection
from haisi.models.network.stored import ensure_metrics
from haisi.warehouse import Provenance, Warehouse
from haisi.warehouse.cache import RESULTS
from haisi.warehouse.classification import PUBLIC, RESTRICTED
from haisi.warehouse.reads import recording

from tests.warehouse.test_classification import CUSTOMS, _tourism, _trade

DERIVED = Provenance("models.network", "test", "h")
SEL = Selection("2025-01", "export", "TOTAL")


def _summary(tag: str) -> pd.DataFrame:
    """One network_summaries row told apart by its ``product``."""
    ident = {"data_version": "t@v0", "period": "2025-01", "flow": "export", "product": tag}
    figures = ("value_total", "density", "reciprocity", "modularity")
    counts = ("nodes", "edges", "communities", "backbone_edges")
    row = {**ident, "currency": "USD", **dict.fromkeys(figures, 1.0)}
    return pd.DataFrame([{**row, **dict.fromkeys(counts, 1)}])


def _class_of(wh: Warehouse, tag: str) -> str:
    rows = wh.scan("network_summaries", filters={"product": tag}, columns=["classification"])
    return rows.column(0).to_pylist()[0]


def _public_trade_restricted_tourism(wh: Warehouse) -> None:
    cells = [(p, "TOTAL", 1e9 * (i + 1), 40, 0.2) for i, p in enumerate(["USA", "JPN", "KOR"])]
    wh.append("trade_flows", _trade(cells), provenance=Provenance("gacc", "x", "g"))
    wh.append("tourism_flows", _tourism(1234.0), provenance=CUSTOMS)


def test_long_lived_instance_derives_public_rows_after_reading_restricted(
    warehouse: Warehouse,
) -> None:
    _public_trade_restricted_tourism(warehouse)
    assert warehouse.sql("SELECT * FROM tourism_flows").num_rows == 1  # a restricted read first
    ensure_metrics(warehouse, SEL, store=True)  # the real writer: reads public trade_flows only
    classes = warehouse.sql("SELECT DISTINCT classification FROM network_metrics").column(0)
    assert classes.to_pylist() == [PUBLIC]
    assert warehouse.cleared(PUBLIC).sql("SELECT * FROM network_summaries").num_rows == 1


def test_a_derivation_that_reads_restricted_rows_writes_restricted_rows(
    warehouse: Warehouse,
) -> None:
    _public_trade_restricted_tourism(warehouse)
    with warehouse.derivation():
        warehouse.scan("trade_flows")
        warehouse.sql("SELECT sum(value) FROM tourism_flows")
        warehouse.append("network_summaries", _summary("mixed"), provenance=DERIVED)
    with warehouse.derivation():
        warehouse.scan("trade_flows")
        warehouse.append("network_summaries", _summary("public"), provenance=DERIVED)
    with warehouse.derivation():  # a public view reads no restricted row
        warehouse.cleared(PUBLIC).scan("tourism_flows")
        warehouse.append("network_summaries", _summary("via-public"), provenance=DERIVED)
    warehouse.append("network_summaries", _summary("no-scope"), provenance=DERIVED)
    assert _class_of(warehouse, "mixed") == RESTRICTED
    assert _class_of(warehouse, "public") == PUBLIC
    assert _class_of(warehouse, "via-public") == PUBLIC
    assert _class_of(warehouse, "no-scope") == RESTRICTED  # nothing says what it came from


def test_nested_derivations_start_empty_and_pass_reads_outwards(warehouse: Warehouse) -> None:
    _public_trade_restricted_tourism(warehouse)
    with warehouse.derivation():
        warehouse.scan("tourism_flows")  # restricted, read by the outer scope only
        with warehouse.derivation():
            warehouse.scan("trade_flows")
            warehouse.append("network_summaries", _summary("inner"), provenance=DERIVED)
        warehouse.append("network_summaries", _summary("outer"), provenance=DERIVED)
    with warehouse.derivation():
        with warehouse.derivation():
            warehouse.scan("tourism_flows")  # the inner result may flow into the outer one
        warehouse.append("network_summaries", _summary("after-inner"), provenance=DERIVED)
    assert _class_of(warehouse, "inner") == PUBLIC
    assert _class_of(warehouse, "outer") == RESTRICTED
    assert _class_of(warehouse, "after-inner") == RESTRICTED


def test_a_cached_answer_counts_as_a_read(warehouse: Warehouse) -> None:
    cells = [(p, "TOTAL", 1e9 * (i + 1), 40, 0.2) for i, p in enumerate(["USA", "JPN", "KOR"])]
    warehouse.append("trade_flows", _trade(cells), provenance=CUSTOMS)
    RESULTS.clear()
    load_view(warehouse, SEL)  # outside any derivation: the network view is now cached
    ensure_metrics(warehouse, SEL, store=True)  # served from the cache, no table read
    classes = warehouse.sql("SELECT DISTINCT classification FROM network_metrics").column(0)
    assert classes.to_pylist() == [RESTRICTED]


def test_concurrent_derivations_do_not_leak_into_each_other(warehouse: Warehouse) -> None:
    _public_trade_restricted_tourism(warehouse)
    both_read = threading.Barrier(2, timeout=60)
    errors: list[BaseException] = []

    def derive(table: str, tag: str) -> None:
        try:
            with warehouse.derivation():
                warehouse.scan(table)
                both_read.wait()  # each scope has read before either writes
                warehouse.append("network_summaries", _summary(tag), provenance=DERIVED)
        except BaseException as e:  # noqa: BLE001 - reported by the main thread
            errors.append(e)

    for _ in range(3):
        runs = [
            threading.Thread(target=derive, args=("tourism_flows", f"r{_}")),
            threading.Thread(target=derive, args=("trade_flows", f"p{_}")),
        ]
        for t in runs:
            t.start()
        for t in runs:
            t.join()
        assert not errors, errors
        assert _class_of(warehouse, f"r{_}") == RESTRICTED
        assert _class_of(warehouse, f"p{_}") == PUBLIC


def test_a_recording_sees_versions_touched_inside_a_derivation_and_is_no_derivation(
    warehouse: Warehouse,
) -> None:
    """A request (recording) that runs a derivation: the versions the derivation touched reach
    the request's record (its answer depends on them), the first version seen stays, and rows
    derived in the request outside the derivation are restricted (a recording says nothing of
    where rows came from)."""
    _public_trade_restricted_tourism(warehouse)
    with warehouse.derivation() as alone:
        warehouse.scan("trade_flows")
    assert alone.versions == {}  # no request is recording: no version is probed
    with recording() as request:
        warehouse.scan("tourism_flows")
        with warehouse.derivation() as inner:
            warehouse.scan("trade_flows")
            warehouse.append("network_summaries", _summary("in-request"), provenance=DERIVED)
        assert [names for _, names in inner.used()] == [{"trade_flows"}]
        warehouse.append("network_summaries", _summary("request-only"), provenance=DERIVED)
    seen = {table: v[1] for (_, table), v in request.versions.items() if v is not None}
    assert seen["tourism_flows"] == warehouse.version("tourism_flows")
    assert seen["trade_flows"] == warehouse.version("trade_flows")
    assert seen["network_summaries"] is None  # first seen inside the derivation, before it existed
    assert warehouse.version("network_summaries") is not None  # written since
    assert _class_of(warehouse, "in-request") == PUBLIC
    assert _class_of(warehouse, "request-only") == RESTRICTED
