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


def _enterprise_records() -> pd.DataFrame:
    """Declarations by enterprise for two partner cells of Fujian's exports in one month."""
    rows = [  # (partner, hs_code, enterprise, value)
        ("USA", "85010000", "E01", 900.0),  # E01 holds 90 % of USA × HS 85
        ("USA", "85020000", "E02", 50.0),
        ("USA", "85020000", "E03", 50.0),
        ("USA", "84010000", "E04", 50.0),
        ("USA", "84010000", "E05", 40.0),
        ("USA", "84020000", "E06", 30.0),
        ("USA", "87010000", "E07", 30.0),  # the smallest open USA cell: the secondary
        ("USA", "87010000", "E08", 25.0),
        ("USA", "87010000", "E09", 25.0),
        ("MYS", "73010000", "E10", 640.0),  # E10 holds 80 % of MYS × HS 73: shown
        ("MYS", "73020000", "E11", 80.0),
        ("MYS", "73020000", "E12", 80.0),
        ("MYS", "84010000", "E13", 100.0),
        ("MYS", "84010000", "E14", 100.0),
        ("MYS", "84010000", "E15", 100.0),
    ]
    df = pd.DataFrame(rows, columns=["partner", "hs_code", "enterprise", "value"])
    return df.assign(period="2024-01", reporter="CN-FJ", flow="export", regime="")


def test_dominance_is_stored_and_enforced_for_public_callers(
    tmp_path, warehouse: Warehouse, settings
):
    records = _enterprise_records()
    edges = edges_duckdb(records, levels=(0, 2))
    cells = edges.set_index(["importer", "product"])
    # contributors are enterprises; the top share is the largest one's summed value over the cell's
    assert cells.loc[("USA", "85"), "contributors"] == 3
    assert cells.loc[("USA", "85"), "top_share"] == pytest.approx(900 / 1000)
    assert cells.loc[("MYS", "73"), "top_share"] == pytest.approx(640 / 800)
    assert cells.loc[("USA", "TOTAL"), "top_share"] == pytest.approx(900 / 1200)
    assert (
        cells.loc[("USA", "84"), "records"] == 3 and cells.loc[("USA", "84"), "contributors"] == 3
    )
    res = store_edges(
        warehouse, edges, source_id="fj-declarations", source_uri="records", content_hash="d1"
    )
    assert res.rows_stored == len(edges) == 7
    stored = warehouse.sql(
        "SELECT partner, hs_code, contributors, top_share, classification FROM trade_flows"
    ).to_pandas()
    assert set(stored["classification"]) == {"restricted"}  # an unregistered feed fails closed
    assert stored.set_index(["partner", "hs_code"]).loc[("USA", "85"), "top_share"] == 0.9

    public = (
        warehouse.cleared("public")
        .sql("SELECT partner, hs_code, value, contributors, top_share FROM trade_flows")
        .to_pandas()
    )
    shown = dict(zip(zip(public["partner"], public["hs_code"]), public["value"]))
    assert ("USA", "85") not in shown  # 90 %: dominance
    assert shown[("MYS", "73")] == 800  # 80 %: below the rule, shown
    assert ("USA", "87") not in shown  # secondary: the smallest other USA cell
    assert public["contributors"].isna().all() and public["top_share"].isna().all()
    # the USA total minus what is shown leaves two cells together, never the dominated one
    rest = shown[("USA", "TOTAL")] - sum(
        v for (p, h), v in shown.items() if p == "USA" and h != "TOTAL"
    )
    assert rest == 1000 + 80 and rest != 1000
    summary = warehouse.disclosure("trade_flows")
    assert summary is not None
    assert summary.by_reason["dominance"] == 1 and summary.by_reason["secondary"] == 1
    assert summary.by_reason["threshold"] == 0 and summary.by_reason["unknown"] == 0
    full = warehouse.cleared("restricted").sql("SELECT count(*) AS n FROM trade_flows")
    assert full.to_pylist()[0]["n"] == 7
    # the dataset page says what was suppressed and why, for a researcher's key
    from fastapi.testclient import TestClient
    from haisi.api.app import create_app

    app = create_app(settings)
    key = app.state.ops.create_key("researcher", "sdc")[1]
    with TestClient(app) as client:
        page = client.get("/datasets/trade_flows", headers={"X-API-Key": key}).json()
        rows = client.get(
            "/datasets/trade_flows/download?format=json", headers={"X-API-Key": key}
        ).json()
    why = {r["reason"]: r for r in page["disclosure_control"]["by_reason"]}
    assert why["dominance"]["cells"] == 1 and "85" in why["dominance"]["text"]
    assert why["secondary"]["cells"] == 1 and page["disclosure_control"]["suppressed"] == 2
    assert sorted((r["partner"], r["hs_code"]) for r in rows["data"]) == sorted(shown)
