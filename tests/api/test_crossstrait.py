"""The cross-strait API against independent sums over the published files in shared/data."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import pytest


@pytest.fixture
def api(client, keys):
    """GET with a tourism key (the cross-strait router admits every role)."""
    h = {"X-API-Key": keys["tourism"]}
    return lambda path, **params: client.get(path, params=params, headers=h)


def _teu_by_month(shared: Path, file: str, port_col: str, locode: str) -> dict[str, float]:
    """Monthly TEU of one mainland port (all Taiwan ports), straight from the source CSV."""
    out: dict[str, float] = defaultdict(float)
    with open(shared / "crossstrait" / "teu-monthly" / file, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row[port_col].endswith(f"({locode})") or row[port_col] == locode:
                out[row["年月"].replace("/", "-")] += float(row["TEU"])
    return dict(out)


def test_fuzhou_to_taiwan_2016_sums_to_the_published_164875(api, shared_data):
    r = api(
        "/crossstrait/teu",
        **{
            "port": "CNFOC",
            "direction": "to_taiwan",
            "period_from": "2016-01",
            "period_to": "2016-12",
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["count"] == 12 and [d["period"] for d in body["data"]] == [
        f"2016-{m:02d}" for m in range(1, 13)
    ]
    assert sum(d["teu"] for d in body["data"]) == body["total_teu"] == 164_875
    src = _teu_by_month(shared_data, "import_from_china_teu.csv", "來源港", "CNFOC")
    assert {d["period"]: d["teu"] for d in body["data"]} == {
        p: v for p, v in src.items() if p[:4] == "2016"
    }


@pytest.mark.parametrize(
    "port,direction,file,col",
    [
        ("CNXMN", "to_taiwan", "import_from_china_teu.csv", "來源港"),
        ("CNFOC", "from_taiwan", "export_to_china_teu.csv", "目的港"),
        ("CNXMN", "from_taiwan", "export_to_china_teu.csv", "目的港"),
    ],
)
def test_every_month_matches_the_source_file(api, shared_data, port, direction, file, col):
    body = api("/crossstrait/teu", **{"port": port, "direction": direction}).json()
    assert {d["period"]: d["teu"] for d in body["data"]} == _teu_by_month(
        shared_data, file, col, port
    )


def test_taiwan_port_filter_and_port_ranking(api, shared_data):
    one = api(
        "/crossstrait/teu",
        **{
            "port": "CNFOC",
            "taiwan_port": "TWKEL",
            "period_from": "2016-01",
            "period_to": "2016-12",
        },
    )
    n = 0.0
    with open(
        shared_data / "crossstrait/teu-monthly/import_from_china_teu.csv", encoding="utf-8"
    ) as f:
        for row in csv.DictReader(f):
            if (
                row["來源港"].endswith("(CNFOC)")
                and row["臺灣港"].endswith("(TWKEL)")
                and row["年月"][:4] == "2016"
            ):
                n += float(row["TEU"])
    assert one.json()["total_teu"] == n > 0
    ports = api("/crossstrait/teu/ports", **{"direction": "to_taiwan", "n": 40}).json()["data"]
    codes = [p["port"] for p in ports]
    assert "CNFOC" in codes and "CNXMN" in codes
    assert [p["teu"] for p in ports] == sorted((p["teu"] for p in ports), reverse=True)
    assert ports[codes.index("CNFOC")]["name_zh"] == "福州港"
    assert all(p["last_period"] for p in ports)
    # a port the reference does not name is labelled as the source writes it, in simplified form
    written = {}
    with open(
        shared_data / "crossstrait/teu-monthly/import_from_china_teu.csv", encoding="utf-8"
    ) as f:
        for row in csv.DictReader(f):
            written.setdefault(row["來源港"][-6:-1], row["來源港"][:-7])
    assert written["CNTXG"] == "天津新港" and ports[codes.index("CNTXG")]["name_zh"] == "天津新港"
    assert written["CNTAO"] == "青島港" and ports[codes.index("CNTAO")]["name_zh"] == "青岛港"
    assert not any(p["name_zh"].startswith("中国") for p in ports)


def test_teu_errors_are_clear(api):
    bad_range = api(
        "/crossstrait/teu", **{"port": "CNFOC", "period_from": "2017-01", "period_to": "2016-01"}
    )
    assert bad_range.status_code == 409 and "period_from" in bad_range.text
    assert (
        api("/crossstrait/teu", **{"port": "CNFOC", "period_from": "2016/01"}).status_code == 400
    )  # the one error schema: no 422 (haisi.api.errors)
    assert (
        api("/crossstrait/teu", **{"port": "CNFOC", "direction": "sideways"}).status_code == 400
    )  # the one error schema: no 422 (haisi.api.errors)
    unknown = api("/crossstrait/teu", **{"port": "ZZZZZ"})
    assert unknown.status_code == 404 and "ZZZZZ" in unknown.text


def _visitors(shared: Path, residence: str) -> dict[str, float]:
    purposes = [
        "Business",
        "Pleasure",
        "Visit Relatives",
        "Conference",
        "Study",
        "Exhibition",
        "Medical Treatment",
        "Others",
        "Unstated",
    ]
    out = {}
    with open(shared / "crossstrait/visitor-arrivals-monthly/purpose.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["Residence"] == residence:
                out[row["Period"]] = sum(float(row[p]) for p in purposes)
    return out


def test_visitors_from_the_mainland_and_hong_kong_macao(api, shared_data):
    chn = api(
        "/crossstrait/visitors",
        **{"residence": "CHN", "period_from": "2016-01", "period_to": "2016-12"},
    ).json()
    assert chn["count"] == 12
    assert sum(d["total"] for d in chn["data"]) == 3_511_734  # the Tourism Bureau's 2016 figure
    for d in chn["data"]:  # the purposes add up to the total
        assert d["total"] == sum(
            d[k]
            for k in (
                "business",
                "pleasure",
                "visit_relatives",
                "conference",
                "study",
                "exhibition",
                "medical",
                "other",
                "unstated",
            )
        )
    hkm = api("/crossstrait/visitors", **{"residence": "HKG_MAC"}).json()
    assert {d["period"]: d["total"] for d in hkm["data"]} == _visitors(
        shared_data, "HongKong. Macao"
    )
    assert api("/crossstrait/visitors", **{"residence": "ATA"}).status_code == 404


def test_residual_residences_are_stored_and_labelled(api, app, client, keys, shared_data):
    """The source's eight residual rows ("Others, Europe" … "Unstated") are stored under their
    own codes, so all residences add up to the published totals without double counting."""
    from haisi.api.crossstrait import visitor_residences
    from haisi.reference.places import AGGREGATES

    eur = api("/crossstrait/visitors", **{"residence": "RES_EUR"}).json()
    assert (eur["residence_zh"], eur["residence_kind"]) == ("欧洲其他国家和地区", "residual")
    hkm = api("/crossstrait/visitors", **{"residence": "HKG_MAC"}).json()
    assert (hkm["residence_zh"], hkm["residence_kind"]) == ("中国香港、中国澳门", "combined")
    chn = api("/crossstrait/visitors", **{"residence": "CHN"}).json()  # the mainland, not 中国
    assert (chn["residence_zh"], chn["residence_en"]) == ("中国大陆", "Chinese mainland")
    assert {d["period"]: d["total"] for d in eur["data"]} == _visitors(
        shared_data, "Others, Europe"
    )
    res = visitor_residences(app.state.warehouse).set_index("origin")["value"]
    residual = [c for c in res.index if c in AGGREGATES and AGGREGATES[c].kind != "combined"]
    assert len(residual) == 8 and len(res) == 39
    published = 6_087_484 + 7_311_470 + 8_016_280 + 9_910_204 + 10_439_785 + 10_690_279
    assert res.sum() == published + 7_686_456  # SOURCE.md: 2011 … 2017-09, every residence
    page = client.get("/ui/cross-strait?lang=zh", headers={"X-API-Key": keys["tourism"]}).text
    assert "欧洲其他国家和地区" in page and "居住地未说明" in page and "中国香港、中国澳门" in page
    h = {"X-API-Key": keys["researcher"], "Accept": "text/html"}
    assert "RES_AFR … RES_UNS" in client.get("/datasets/tourism_flows", headers=h).text


def test_trade_as_each_side_reports_it(api, shared_data):
    body = api("/crossstrait/trade").json()
    rows = {d["period"]: d for d in body["data"]}
    with open(
        shared_data / "crossstrait/trade-annual-both-sides/兩岸貿易統計.csv", encoding="utf-8"
    ) as f:
        src = {r[0]: [float(x) for x in r[1:]] for r in list(csv.reader(f))[1:]}
    assert set(rows) == {p if p.isdigit() else "2024-05" for p in src}
    for period, v in src.items():
        d = rows[period if period.isdigit() else "2024-05"]
        assert d["tw_export_cnhk"] == pytest.approx(v[0] * 1e6)
        assert d["tw_export_cn"] == pytest.approx(v[3] * 1e6)
        assert d["tw_import_cn"] == pytest.approx(v[4] * 1e6)
        assert d["cn_import_tw"] == pytest.approx(v[6] * 1e6)
        assert d["cn_export_tw"] == pytest.approx(v[7] * 1e6)
        assert d["gap_export"] == pytest.approx((v[6] - v[3]) * 1e6)
    assert rows["2023"]["gap_export"] == pytest.approx(103_617.1e6)
    assert rows["2024-05"]["frequency"] == "YTD"


def test_openapi_declares_the_models(client):
    spec = client.get("/openapi.json").json()
    teu = spec["paths"]["/crossstrait/teu"]["get"]
    ref = teu["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/TeuOut")
    assert {"teu", "period", "port", "direction"} <= set(
        spec["components"]["schemas"]["TeuRow"]["properties"]
    )
    params = {p["name"]: p for p in teu["parameters"]}
    assert params["period_from"]["schema"]["anyOf"][0]["pattern"]
    for path in ("/crossstrait/visitors", "/crossstrait/trade", "/crossstrait/teu/forecast"):
        assert path in spec["paths"]


def test_teu_forecast_is_stored_with_its_backtest(api, app):
    from haisi.api.crossstrait import teu_forecast

    assert api("/crossstrait/teu/forecast", **{"port": "CNFOC"}).status_code in (200, 404)
    # the app's own long-lived instance, after other tests read restricted tables through it:
    # the forecast inherits only what its own derivation read (public container flows)
    rows = teu_forecast(app.state.warehouse, "CNFOC", "to_taiwan")
    body = api("/crossstrait/teu/forecast", **{"port": "CNFOC"}).json()
    assert body["count"] == len(rows) > 0 and body["data"][0]["period"] == "2023-05"
    assert all(d["lo80"] <= d["point"] <= d["hi80"] for d in body["data"])
    assert body["backtest"]["mase"] is not None
    # the CNY term is decided on the series' own backtest, as for every monthly forecast (a
    # forced whole-series β also entered the backtest windows and flattered the grade)
    assert body["params"]["cny_tested"] is True


def test_teu_map_draws_the_busiest_ports_and_names_those_it_cannot_place(api, shared_data):
    """The map's ports are the busiest of the year in the source file, in order: each drawn
    (Tianjin Xingang, which iMarine codes CNTXG, at searoute's Xingang) or named as left out."""
    totals: dict[str, float] = defaultdict(float)
    path = shared_data / "crossstrait/teu-monthly/import_from_china_teu.csv"
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["年月"].startswith("2016"):
                code = row["來源港"].rstrip(")").rsplit("(", 1)[-1]
                totals[code] += float(row["TEU"])
    fc = api("/maps/crossstrait-teu.geojson", year="2016", direction="to_taiwan").json()
    drawn = [f["properties"]["port"] for f in fc["features"]]
    left_out = fc["properties"].get("left_out_en", "")
    out_codes = [c for c in totals if re.search(rf"(?:^|[ (]){c}(?:$|[,)])", left_out)]
    ranked = sorted(totals, key=lambda c: -totals[c])[: len(drawn) + len(out_codes)]
    assert len(drawn) == 12 and sorted(drawn + out_codes) == sorted(ranked)
    assert [c for c in ranked if c in drawn] == drawn  # busiest first
    assert "CNTXG" in drawn and out_codes  # the source has busy ports no reference places
    tianjin = fc["features"][drawn.index("CNTXG")]
    assert tianjin["properties"]["label_zh"].startswith("天津新港 → ")
    lon, lat = tianjin["geometry"]["coordinates"][0]
    assert abs(lat - 38.98) < 0.1 and abs(lon - 117.74) < 0.1
    assert fc["properties"]["left_out_zh"].startswith(f"未绘制{len(out_codes)}个港口")
    page = api("/maps/crossstrait-teu.html", year="2016", direction="to_taiwan").text
    assert "haisi-left-out" in page and fc["properties"]["left_out_zh"] in page
