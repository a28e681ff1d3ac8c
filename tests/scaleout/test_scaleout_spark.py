"""Spark reads exactly one warehouse version, from the Delta table's list of active files."""

from __future__ import annotations

import pandas as pd
import pytest
from haisi.scaleout.aggregate import edges_duckdb, edges_spark, edges_to_pandas
from haisi.scaleout.spark import read_table, table_files
from haisi.warehouse import Provenance
from haisi.warehouse.classification import PUBLIC, RESTRICTED

from haisi.errors import NotFound

pytestmark = [
    pytest.mark.spark,
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas"),
]

KEY = ["period", "reporter", "partner", "flow", "hs_code", "regime"]


def _trade_rows(records: pd.DataFrame) -> pd.DataFrame:
    """GACC declaration records in the warehouse's trade_flows layout."""
    return records.assign(
        frequency="M",
        hs_revision="CN8",
        mode="",
        currency="USD",
        quantity=None,
        quantity_unit=None,
        supp_quantity=None,
        supp_unit=None,
        vintage="preliminary",
    )


def _write_two_versions(warehouse, gacc_records):
    """v0: table created empty; v1: the four GACC extracts; v2: 100 USA export lines revised
    (+1 %) and one new line."""
    rows = _trade_rows(gacc_records)
    warehouse.append("trade_flows", rows, provenance=Provenance("gacc", "gacc_query_samples", "h0"))
    revised = rows[rows["flow"] == "export"].head(100).copy()
    revised["value"] = revised["value"] * 1.01
    extra = rows.head(1).assign(hs_code="99999999", value=5.0)
    warehouse.append(
        "trade_flows",
        pd.concat([revised, extra]),
        provenance=Provenance("gacc", "gacc_query_samples", "h1"),
    )
    return warehouse


@pytest.fixture
def two_versions(warehouse, gacc_records):
    return _write_two_versions(warehouse, gacc_records)


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    cols = [*KEY, "value", "ingested_at", "batch_id"]
    return frame[cols].sort_values([*KEY, "ingested_at"]).reset_index(drop=True)


@pytest.mark.parametrize(
    ("version", "revisions"),
    [(0, "latest"), (1, "latest"), (2, "latest"), (2, "all"), (None, "latest")],
)
def test_spark_reads_same_rows_as_warehouse_scan(spark, two_versions, version, revisions):
    pinned = read_table(spark, two_versions, "trade_flows", version=version, revisions=revisions)
    expected = two_versions.scan("trade_flows", version=version, revisions=revisions).to_pandas()
    got = pinned.frame.toPandas()
    assert pinned.dataset_version == f"trade_flows@v{2 if version is None else version}"
    rows = {0: 0, 1: 24_418, 2: 24_419}[2 if version is None else version]
    assert len(got) == len(expected) == rows + (100 if revisions == "all" else 0)
    got["ingested_at"] = pd.to_datetime(got["ingested_at"], utc=True)
    expected["ingested_at"] = pd.to_datetime(expected["ingested_at"], utc=True)
    pd.testing.assert_frame_equal(_sorted(got), _sorted(expected), check_dtype=False)


@pytest.mark.parametrize(
    ("version", "revisions", "compacted"),
    [(1, "latest", False), (2, "all", False), (None, "latest", False), (None, "all", True)],
)
def test_spark_reads_an_object_store_table_like_warehouse_scan(
    spark, s3_warehouse, gacc_records, version, revisions, compacted
):
    """Tables on S3: executors read the version's listed files through deltalake's client,
    also files rewritten by `haisi compact` (deltalake's own writer)."""
    wh = _write_two_versions(s3_warehouse, gacc_records)
    if compacted:
        assert wh.compact("trade_flows")[:2] == (2, 1)
    read_version, files = table_files(wh, "trade_flows", version)
    assert files and all(f.startswith(wh.root + "/trade_flows/") for f in files)
    pinned = read_table(spark, wh, "trade_flows", version=version, revisions=revisions)
    got = pinned.frame.toPandas()
    expected = wh.scan("trade_flows", version=version, revisions=revisions).to_pandas()
    assert pinned.dataset_version == f"trade_flows@v{read_version}"
    assert (
        len(got)
        == len(expected)
        == {1: 24_418, 2: 24_419, 3: 24_419}[read_version] + (100 if revisions == "all" else 0)
    )
    got["ingested_at"] = pd.to_datetime(got["ingested_at"], utc=True)
    expected["ingested_at"] = pd.to_datetime(expected["ingested_at"], utc=True)
    pd.testing.assert_frame_equal(_sorted(got), _sorted(expected), check_dtype=False)


def test_pinned_version_ignores_later_commits(spark, two_versions, gacc_records):
    """A job planned on v2 still sees v2 after v3 is committed: its file list is fixed."""
    pinned = read_table(spark, two_versions, "trade_flows")
    before = pinned.frame.count()
    new = gacc_records.head(10)
    rows = _trade_rows(new.assign(hs_code=[f"8888{i:04d}" for i in range(len(new))]))
    two_versions.append("trade_flows", rows, provenance=Provenance("gacc", "x", "h2"))
    assert pinned.frame.count() == before == 24_419
    assert read_table(spark, two_versions, "trade_flows").frame.count() == 24_429
    version, files = table_files(two_versions, "trade_flows", 1)
    assert version == 1 and len(files) == 1 and files[0].endswith(".parquet")
    assert len(table_files(two_versions, "trade_flows")[1]) == 3


def test_edges_from_the_warehouse_equal_on_both_engines(spark, two_versions):
    """trade_flows@v2 → network edges: Spark from Parquet files = DuckDB from the warehouse view."""
    pinned = read_table(spark, two_versions, "trade_flows", version=2)
    local = edges_duckdb(two_versions.scan("trade_flows", version=2))
    distributed = edges_to_pandas(edges_spark(spark, pinned.frame).toPandas())
    pd.testing.assert_frame_equal(distributed, local)
    usa = local.query("product == 'TOTAL' and flow == 'export' and importer == 'USA'")
    revised_extra = two_versions.scan("trade_flows", version=2).to_pandas()
    assert usa["value"].iloc[0] == pytest.approx(
        revised_extra.query("flow == 'export' and partner == 'USA'")["value"].sum()
    )


def test_missing_table_and_version_errors(spark, warehouse, two_versions):
    with pytest.raises(NotFound, match="forecasts"):
        read_table(spark, warehouse, "forecasts")
    with pytest.raises(NotFound, match="no version 7"):
        read_table(spark, two_versions, "trade_flows", version=7)


def _mixed_classes(warehouse, gacc_records):
    """The USA lines as public rows, the other partners' lines as restricted declarations
    (contributor counts made up: some cells pass disclosure control, some do not)."""
    rows = _trade_rows(gacc_records)
    rows["contributors"] = [2 + i % 5 for i in range(len(rows))]
    rows["top_share"] = 0.3
    usa = rows["partner"] == "USA"
    for part, cls in ((rows[usa], PUBLIC), (rows[~usa], RESTRICTED)):
        prov = Provenance("gacc", "gacc_query_samples", f"h-{cls}", classification=cls)
        warehouse.append("trade_flows", part, provenance=prov)
    return warehouse


@pytest.mark.parametrize("revisions", ["latest", "all"])
def test_a_public_view_reads_in_spark_what_it_reads_in_duckdb(
    spark, warehouse, gacc_records, revisions
):
    """Spark through a public view: the public rows and the disclosure-controlled cells of the
    restricted ones, exactly the DuckDB view's rows; never a restricted declaration as stored."""
    wh = _mixed_classes(warehouse, gacc_records)
    public = wh.cleared(PUBLIC)
    got = read_table(spark, public, "trade_flows", revisions=revisions).frame.toPandas()
    expected = public.scan("trade_flows", revisions=revisions).to_pandas()
    stored = wh.scan("trade_flows", revisions=revisions).to_pandas()
    assert set(got["classification"]) == {PUBLIC}
    restricted = stored[stored["classification"] == RESTRICTED]
    assert 0 < len(got) < len(stored) and len(restricted) > 0
    assert (got["partner"] != "USA").any()  # restricted cells that passed disclosure control
    got["ingested_at"] = pd.to_datetime(got["ingested_at"], utc=True)
    expected["ingested_at"] = pd.to_datetime(expected["ingested_at"], utc=True)
    pd.testing.assert_frame_equal(_sorted(got), _sorted(expected), check_dtype=False)
    full = read_table(spark, wh, "trade_flows", revisions=revisions).frame.count()
    assert full == len(stored)


def test_a_derivation_counts_a_spark_read(spark, warehouse, gacc_records):
    """Rows derived from a Spark read inherit the class of the table it read."""
    wh = _mixed_classes(warehouse, gacc_records)
    with wh.derivation() as scope:
        read_table(spark, wh, "trade_flows")
    assert [(view.clearance, names) for view, names in scope.used()] == [
        (RESTRICTED, {"trade_flows"})
    ]
