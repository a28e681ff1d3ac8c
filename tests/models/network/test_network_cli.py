"""``haisi network …``: metrics, top, changes, mirror, path, export and aggregate on real data."""

from __future__ import annotations

import json

import networkx as nx
import pandas as pd
import pytest
from haisi.scaleout.aggregate import edges_duckdb
from haisi.warehouse import Warehouse
from typer.testing import CliRunner

from haisi.cli import app
from haisi.settings import get_settings
from tests.models.network.netdata import load

runner = CliRunner()
GACC = {
    "gacc_china_exports_to_usa_2019-01_hs8_by_regime.csv": ("export", "USA"),
    "gacc_china_imports_from_usa_2019-01_hs8_by_regime.csv": ("import", "USA"),
}


@pytest.fixture
def env(tmp_path, monkeypatch, shared_data):
    """A data dir with SingStat and China-bilateral loaded, seen by the CLI through settings."""
    monkeypatch.setenv("HAISI_DATA_DIR", str(tmp_path / "var"))
    get_settings.cache_clear()
    wh = Warehouse.from_settings()
    load(wh, shared_data, "singstat", "china-bilateral", "comtrade")
    yield wh
    get_settings.cache_clear()


def _run(*args: str):
    result = runner.invoke(app, ["network", *args])
    return result


def test_metrics_top_changes_mirror_export(env, tmp_path):
    r = _run("metrics", "--period", "2019", "--source", "singstat", "--json", "--top", "3")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert rows[0]["node"] == "SGP" and len(rows) == 3
    r = _run("metrics", "--period", "2019", "--source", "singstat", "--top", "3")
    assert "read from store" in r.stdout

    r = _run("top", "SGP", "--period", "2019", "--source", "singstat", "-n", "3", "--json")
    assert [x["partner"] for x in json.loads(r.stdout)] == ["CHN", "MYS", "USA"]

    r = _run(
        "changes",
        "--from",
        "2019",
        "--to",
        "2020",
        "--source",
        "singstat",
        "--status",
        "new",
        "--json",
    )
    assert r.exit_code == 0 and all(x["status"] == "new" for x in json.loads(r.stdout))

    # the test's china-bilateral and comtrade source ids are unregistered, so restricted: customs
    r = _run("mirror", "CHN", "--partner", "USA", "--period", "2017", "--json", "--role", "customs")
    row = [x for x in json.loads(r.stdout) if x["importer"] == "USA"][0]
    assert 1.15 < row["ratio"] < 1.20

    out = tmp_path / "g.graphml"
    r = _run(
        "export", "--period", "2019", "--source", "singstat", "--format", "graphml", "-o", str(out)
    )
    assert r.exit_code == 0, r.output
    assert nx.read_graphml(out).has_edge("SGP", "CHN")


def test_errors_exit_2_with_message(env):
    r = _run("top", "SGP", "--period", "2019", "--role", "customs")
    assert r.exit_code == 2 and "mixes currencies" in r.output
    r = _run("path", "CNFOC", "IRBND", "--avoid", "hormuz")
    assert r.exit_code == 2 and "no sea route" in r.output


def test_path_reports_the_cape_detour(env):
    r = _run("path", "CNFOC", "GRPIR", "--avoid", "red_sea", "--json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert "cape_of_good_hope" in [c["id"] for c in out["chokepoints"]]
    assert out["extra_km_vs_unrestricted"] > 8000
    assert (get_settings().data_dir / "network" / "sea_routes.sqlite").exists()
    r = _run("path", "CNFOC", "GRPIR", "--avoid", "red_sea")
    assert "好望角" in r.stdout and "extra" in r.stdout


def _gacc_records(shared_data) -> pd.DataFrame:
    frames = []
    for name, (flow, partner) in GACC.items():
        raw = pd.read_csv(
            shared_data / "trade" / "gacc_query_samples" / name, dtype=str, keep_default_na=False
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


@pytest.mark.parametrize("engine", ["local", pytest.param("spark", marks=pytest.mark.spark)])
@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas")
def test_aggregate_gacc_declarations_to_edges(tmp_path, shared_data, engine):
    records = _gacc_records(shared_data)
    src = tmp_path / "records.parquet"
    records.to_parquet(src)
    out = tmp_path / "edges.parquet"
    r = _run(
        "aggregate",
        str(src),
        "-o",
        str(out),
        "--engine",
        engine,
        "--master",
        "local[2]",
        "--levels",
        "0,2",
    )
    assert r.exit_code == 0, r.output
    edges = pd.read_parquet(out)
    pd.testing.assert_frame_equal(edges, edges_duckdb(records, levels=(0, 2)))
    total = edges[edges["product"] == "TOTAL"].set_index(["flow", "exporter", "importer"])["value"]
    assert total[("export", "CHN", "USA")] == 36_626_321_423  # SOURCE.md sums
    assert total[("import", "USA", "CHN")] == 9_211_213_264


def test_aggregate_stores_edges_that_the_network_reads(env, tmp_path, shared_data):
    src = tmp_path / "records.parquet"
    _gacc_records(shared_data).to_parquet(src)
    r = _run("aggregate", str(src), "-o", str(tmp_path / "e.csv"), "--store", "gacc")
    assert r.exit_code == 0, r.output
    assert "rows stored as gacc" in r.stdout
    r = _run("top", "CHN", "--period", "2019-01", "--source", "gacc", "--flow", "export", "--json")
    rows = json.loads(r.stdout)
    assert rows[0]["partner"] == "USA" and rows[0]["value"] == 36_626_321_423
    r = _run(
        "top",
        "CHN",
        "--period",
        "2019-01",
        "--source",
        "gacc",
        "--flow",
        "import",
        "--product",
        "85",
        "--json",
    )
    raw = _gacc_records(shared_data)
    ch85 = raw[(raw["flow"] == "import") & raw["hs_code"].str.startswith("85")]["value"].sum()
    assert json.loads(r.stdout)[0]["value"] == ch85
    again = _run("aggregate", str(src), "-o", str(tmp_path / "e.csv"), "--store", "gacc")
    assert "0 rows stored" in again.stdout  # the same file adds nothing


def test_aggregate_refuses_unknown_engine(tmp_path):
    r = _run(
        "aggregate",
        str(tmp_path / "x.parquet"),
        "-o",
        str(tmp_path / "y.parquet"),
        "--engine",
        "hadoop",
    )
    assert r.exit_code == 2 and "engine must be local or spark" in r.output
