"""Metrics are computed once per data version, stored, read back, and recomputed on new data."""

from __future__ import annotations

import pandas as pd
import pytest
from haisi.models.network.metrics import node_metrics
from haisi.models.network.selection import Selection
from haisi.models.network.stored import ensure_metrics
from haisi.warehouse import Provenance
from haisi.warehouse.cache import RESULTS

from tests.models.network.netdata import load, singstat


@pytest.fixture(autouse=True)
def _cold_caches():
    RESULTS.clear()
    yield
    RESULTS.clear()


def test_metrics_stored_once_per_data_version(warehouse, shared_data):
    load(warehouse, shared_data, "singstat")
    sel = Selection("2019", source="singstat")
    dv0 = f"{warehouse.dataset_version('trade_flows')}[source=singstat]"
    first = ensure_metrics(warehouse, sel, store=True)
    assert first.computed
    v_metrics = warehouse.version("network_metrics")
    rows = warehouse.scan("network_metrics").to_pandas()
    assert set(rows["data_version"]) == {dv0} == {first.view.data_version}
    assert len(rows) == first.summary["nodes"] == len(first.nodes)

    RESULTS.clear()
    again = ensure_metrics(warehouse, sel, store=True)
    assert not again.computed  # read back, not recomputed
    assert warehouse.version("network_metrics") == v_metrics
    pd.testing.assert_frame_equal(again.nodes, first.nodes, check_dtype=False)
    assert again.summary == pytest.approx(first.summary)

    # an ingest of another source is a new data version, but this network is unchanged:
    # its metrics are stored again under the new version without recomputing
    load(warehouse, shared_data, "china-bilateral")
    dv1 = f"{warehouse.dataset_version('trade_flows')}[source=singstat]"
    reused = ensure_metrics(warehouse, sel, store=True)
    assert dv1 != dv0 and not reused.computed and reused.reused_from == dv0
    pd.testing.assert_frame_equal(reused.nodes, first.nodes, check_dtype=False)

    # a revision of one figure changes the network: metrics are computed afresh
    row = singstat(shared_data)
    row = row[(row["period"] == "2019-06") & (row["partner"] == "CHN") & (row["flow"] == "export")]
    warehouse.append(
        "trade_flows",
        row.assign(value=row["value"] * 2, vintage="revised"),
        provenance=Provenance("singstat", "revision", "test-revision"),
    )
    dv2 = f"{warehouse.dataset_version('trade_flows')}[source=singstat]"
    third = ensure_metrics(warehouse, sel, store=True)
    assert third.computed and third.reused_from is None and third.view.data_version == dv2
    n3 = third.nodes.set_index("node")
    assert n3.loc["SGP", "strength_out"] == pytest.approx(
        first.nodes.set_index("node").loc["SGP", "strength_out"] + float(row["value"].iloc[0])
    )
    fresh, _ = node_metrics(third.view.graph, third.view.edges)
    pd.testing.assert_frame_equal(third.nodes.reset_index(drop=True), fresh)
    versions = set(warehouse.scan("network_metrics").to_pandas()["data_version"])
    assert versions == {dv0, dv1, dv2}
