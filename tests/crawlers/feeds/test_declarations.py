"""The declarations feed: record-level declarations → edges → trade_flows rows, as reporters
would publish them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from haisi.crawlers.feeds.declarations import edges_to_trade_flows, store_edges
from haisi.scaleout.aggregate import edges_duckdb
from haisi.warehouse import Warehouse
from haisi.warehouse.figures import trade_figures

from haisi.errors import InvalidInput

GACC = {
    "gacc_china_exports_to_usa_2019-01_hs8_by_regime.csv": ("export", "USA"),
    "gacc_china_imports_from_usa_2019-01_hs8_by_regime.csv": ("import", "USA"),
}


def _records(shared: Path) -> pd.DataFrame:
    frames = []
    for name, (flow, partner) in GACC.items():
        raw = pd.read_csv(
            shared / "trade" / "gacc_query_samples" / name, dtype=str, keep_default_na=False
        )
        frames.append(
            pd.DataFrame(
                {
                    "period": raw["Date of data"].str[:4] + "-" + raw["Date of data"].str[4:],
                    "reporter": "CHN",
                    "partner": partner,
                    "flow": flow,
                    "hs_code": raw["Commodity code"],
                    "regime": raw["Customs Regime code"],
                    "value": pd.to_numeric(raw["US dollar"].str.replace(",", "")),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def test_declarations_become_the_reporters_rows(tmp_path, shared_data, warehouse: Warehouse):
    records = _records(shared_data)
    src = tmp_path / "records.parquet"
    records.to_parquet(src)
    edges = edges_duckdb(src, levels=(0, 2))  # the engine's aggregation, as the CLI runs it
    rows = edges_to_trade_flows(edges)
    assert set(zip(rows["reporter"], rows["flow"])) == {("CHN", "export"), ("CHN", "import")}
    assert set(rows["partner"]) == {"USA"} and set(rows["frequency"]) == {"M"}
    res = store_edges(warehouse, edges, source_id="gacc", source_uri=str(src), content_hash="h")
    assert res.rows_stored == len(rows)
    got = trade_figures(warehouse, period="2019-01", granularity="M").set_index("flow")["value"]
    want = records.groupby("flow")["value"].sum()
    assert got.to_dict() == want.to_dict()  # TOTAL rows; equal to the SOURCE.md sums
    assert want["export"] == 36_626_321_423


def test_edges_without_a_needed_column_are_refused() -> None:
    with pytest.raises(InvalidInput, match="lacks column"):
        edges_to_trade_flows(pd.DataFrame({"period": ["2019-01"], "flow": ["export"]}))
