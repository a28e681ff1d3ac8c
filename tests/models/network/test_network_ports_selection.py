"""Port partners and service paths (demo port calls), and the selection rules on real data."""

from __future__ import annotations

import pandas as pd
import pytest
from haisi.models.network.graph import load_view
from haisi.models.network.queries import port_path, sea_path, top_partners
from haisi.models.network.selection import Selection
from haisi.warehouse import Provenance

from haisi.loading import load_samples
from haisi.samples import generate
from tests.models.network.netdata import load, taiwan


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from haisi.warehouse import Warehouse

    wh = Warehouse(tmp_path_factory.mktemp("demo") / "warehouse")
    load_samples(wh)
    return wh


def test_top_partners_of_a_port_are_its_partner_ports_by_teu(demo):
    got = top_partners(demo, reporter="CNFOC", period="2024Q3", n=3)
    calls = generate().port_calls
    calls = calls[calls["period"].isin(["2024-07", "2024-08", "2024-09"])]
    exp = calls.groupby("partner_port")["teu"].sum()
    share = (exp / exp.sum()).sort_values(ascending=False).head(3)
    assert got["partner"].tolist() == share.index.tolist()
    assert got["share"].to_numpy() == pytest.approx(share.to_numpy())
    assert (got["unit"] == "TEU").all() and got["name_zh"].notna().all()


def test_service_path_uses_the_services_and_respects_closures(demo, tmp_path):
    cache = tmp_path / "sea.sqlite"
    open_ = port_path(demo, origin="SGSIN", destination="GRPIR", cache=cache)
    assert open_["ports"] == ["SGSIN", "CNFOC", "GRPIR"]  # every demo service starts at Fuzhou
    closed = port_path(demo, origin="SGSIN", destination="GRPIR", avoid=("red_sea",), cache=cache)
    cape = sea_path("CNFOC", "GRPIR", avoid=("red_sea",), cache=cache)
    assert closed["legs"][1]["distance_km"] == pytest.approx(cape["distance_km"])
    assert closed["distance_km"] > open_["distance_km"] + 8000


def test_demo_fujian_total_sums_hs_chapters(demo):
    view = load_view(demo, Selection("2024"))
    t = generate().trade_flows
    t = t[t["period"].str.startswith("2024")]
    usa = t[t["partner"] == "USA"].groupby("flow")["value"].sum()
    e = view.edges.set_index(["exporter", "importer"])["value"]
    assert e[("CN-FJ", "USA")] == pytest.approx(usa["export"])
    assert e[("USA", "CN-FJ")] == pytest.approx(usa["import"])
    assert view.graph.nodes["CN-FJ"]["name_zh"] == "福建省"


def test_annual_figure_wins_over_the_sum_of_months_and_prefixes_sum_codes(warehouse, shared_data):
    cb = load(warehouse, shared_data, "china-bilateral")["china-bilateral"]
    usa = cb[(cb["reporter"] == "USA") & (cb["flow"] == "import")]
    months_2017 = usa[usa["period"].str.startswith("2017")]["value"].sum()
    annual = usa.iloc[:1].assign(period="2017", frequency="A", value=months_2017 * 1.01)
    warehouse.append(
        "trade_flows", annual, provenance=Provenance("china-bilateral", "yearbook", "test-yearbook")
    )
    year = load_view(warehouse, Selection("2017", flow="import", currency="USD"))
    e = year.edges.set_index(["exporter", "importer"])["value"]
    assert e[("CHN", "USA")] == pytest.approx(months_2017 * 1.01)  # the yearbook figure
    quarter = load_view(warehouse, Selection("2017Q1", flow="import", currency="USD"))
    q1 = usa[usa["period"].isin(["2017-01", "2017-02", "2017-03"])]["value"].sum()
    assert quarter.edges.set_index(["exporter", "importer"])["value"][
        ("CHN", "USA")
    ] == pytest.approx(q1)

    load(warehouse, shared_data, "taiwan-customs")
    t = taiwan(shared_data)
    t = t[t["period"] == "2023"]
    for prefix in ("8542", "854231", "85423900"):
        view = load_view(warehouse, Selection("2023", product=prefix, source="taiwan-customs"))
        exp = t[t["hs_code"].str.startswith(prefix)].groupby("partner")["value"].sum()
        got = view.edges.set_index("importer")["value"]
        exp = exp[exp > 0].drop("TWN", errors="ignore")
        pd.testing.assert_series_equal(got.sort_index(), exp.sort_index(), check_names=False)
