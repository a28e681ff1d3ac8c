"""Network edge aggregation: Spark and DuckDB give the same edges from real GACC declarations."""

from __future__ import annotations

import pandas as pd
import pytest
from haisi.scaleout.aggregate import edges_duckdb, edges_spark, edges_to_pandas

from haisi.errors import InvalidInput

pytestmark = [
    pytest.mark.spark,
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas"),
]


def test_duckdb_edges_equal_pandas_groupby(gacc_records):
    """The DuckDB path against an independent pandas computation (TOTAL and HS2 levels)."""
    edges = edges_duckdb(gacc_records, levels=(0, 2))
    rec = gacc_records.assign(
        exporter=gacc_records["reporter"].where(
            gacc_records["flow"] == "export", gacc_records["partner"]
        ),
        importer=gacc_records["partner"].where(
            gacc_records["flow"] == "export", gacc_records["reporter"]
        ),
    )
    expected = []
    for product in (pd.Series("TOTAL", index=rec.index), rec["hs_code"].str[:2]):
        g = (
            rec.assign(product=product)
            .groupby(["period", "flow", "product", "exporter", "importer"], as_index=False)
            .agg(
                value=("value", "sum"),
                records=("value", "size"),
                contributors=("value", "size"),  # no enterprise column: each declaration
                top_share=("value", lambda v: v.max() / v.sum()),
            )
        )
        expected.append(g)
    expected = edges_to_pandas(pd.concat(expected))
    pd.testing.assert_frame_equal(edges, expected)
    total = edges[edges["product"] == "TOTAL"].set_index(["flow", "exporter", "importer"])
    # SOURCE.md: sums of the US dollar column of the two USA files
    assert total.loc[("export", "CHN", "USA"), "value"] == 36_626_321_423
    assert total.loc[("import", "USA", "CHN"), "value"] == 9_211_213_264
    assert edges.loc[edges["product"] == "TOTAL", "records"].sum() == len(gacc_records) == 24_418


def test_spark_edges_equal_duckdb_edges(spark, gacc_records):
    levels = (0, 2, 4, 8)
    local = edges_duckdb(gacc_records, levels=levels)
    distributed = edges_to_pandas(edges_spark(spark, gacc_records, levels=levels).toPandas())
    assert len(local) > 10_000
    pd.testing.assert_frame_equal(distributed, local)


def test_both_engines_read_the_same_parquet(spark, gacc_records, tmp_path):
    path = tmp_path / "records.parquet"
    gacc_records.to_parquet(path)
    local = edges_duckdb(path)
    distributed = edges_to_pandas(edges_spark(spark, str(path)).toPandas())
    pd.testing.assert_frame_equal(distributed, local)


def test_unknown_flow_is_named_by_both_engines(spark, gacc_records):
    bad = gacc_records.head(20).copy()
    bad.loc[3, "flow"] = "transit"
    with pytest.raises(InvalidInput, match="'transit' ×1"):
        edges_duckdb(bad)
    with pytest.raises(InvalidInput, match="'transit' ×1"):
        edges_spark(spark, bad)
    with pytest.raises(InvalidInput, match="hs_code"):
        edges_duckdb(bad.drop(columns="hs_code"))
    with pytest.raises(InvalidInput, match="levels"):
        edges_duckdb(gacc_records, levels=(3,))
