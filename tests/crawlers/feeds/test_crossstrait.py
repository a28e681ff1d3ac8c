"""Cross-strait feeds on the published files: totals as the publishers state them, clear errors."""

from __future__ import annotations

from haisi.crawlers.feeds.registry import get_feed


def test_teu_feed_keeps_the_source_codes_and_totals(shared_data):
    raw = (shared_data / "crossstrait/teu-monthly/import_from_china_teu.csv").read_bytes()
    res = get_feed("crossstrait-teu-import").parse(raw, source_uri="import.csv")
    assert res.errors == [] and len(res.rows) == 9_430
    by_year = res.rows.assign(y=res.rows["period"].str[:4]).groupby("y")["teu"].sum()
    assert by_year["2016"] == 2_023_960 and by_year["2022"] == 1_966_651  # SOURCE.md
    foc = res.rows[(res.rows["origin"] == "CNFOC") & res.rows["period"].str.startswith("2016")]
    assert foc["teu"].sum() == 164_875
    assert set(res.rows.loc[res.rows["origin_name"] == "福州港(CNFZH)", "origin"]) == {"CNFZH"}


def test_teu_feed_names_file_row_and_column_of_a_bad_cell():
    raw = (
        "年月,來源港,來源洲,臺灣港,目的洲,TEU\n2016/01,大連港(CNDAL),亞洲,基隆港(TWKEL),未知,95\n"
        "2016-13,大連港(CNDAL),亞洲,高雄港(TWKHH),未知,x\n"
    )
    res = get_feed("crossstrait-teu-import").parse(raw.encode(), source_uri="bad.csv")
    msgs = [str(e) for e in res.errors]
    assert len(res.rows) == 0
    assert any("bad.csv, row 2, column '年月'" in m for m in msgs)
    assert any("row 2, column 'TEU'" in m for m in msgs)


def test_visitor_feed_totals_and_hong_kong_macao(shared_data):
    raw = (shared_data / "crossstrait/visitor-arrivals-monthly/purpose.csv").read_bytes()
    res = get_feed("crossstrait-visitors-purpose").parse(raw, source_uri="purpose.csv")
    chn = res.rows[(res.rows["origin"] == "CHN") & res.rows["period"].str.startswith("2016")]
    assert chn["value"].sum() == 3_511_734
    assert "HKG_MAC" in set(res.rows["origin"])
    assert dict(res.unresolved) == {}  # the residual rows are stored under their own codes
    year = res.rows.assign(y=res.rows["period"].str[:4]).groupby("y")["value"].sum()
    published = {  # SOURCE.md: all residences, the Tourism Bureau's totals
        "2011": 6_087_484,
        "2012": 7_311_470,
        "2013": 8_016_280,
        "2014": 9_910_204,
        "2015": 10_439_785,
        "2016": 10_690_279,
        "2017": 7_686_456,
    }
    assert year.to_dict() == published  # residuals complete the total, nothing counted twice
    rest = res.rows[res.rows["origin"].str.startswith("RES_")]
    residual = ("AFR", "AME", "ASI", "EUR", "OCE", "SEA", "MDE", "UNS")
    assert rest.groupby("origin")["period"].nunique().to_dict() == {
        f"RES_{c}": 81 for c in residual
    }
    assert set(rest["series_label"].str.split(": ").str[1].str.split(" / ").str[0]) == {
        "Others, Africa",
        "Others, America",
        "Others, Asia",
        "Others, Europe",
        "Others, Oceania",
        "Others, Southeast Asia",
        "Middle East",
        "Unstated",
    }


def test_both_sides_trade_is_a_mirror_pair(shared_data):
    raw = (shared_data / "crossstrait/trade-annual-both-sides/兩岸貿易統計.csv").read_bytes()
    res = get_feed("crossstrait-trade-both-sides").parse(raw, source_uri="both.csv")
    r = res.rows.set_index(["period", "reporter", "flow", "partner"])["value"]
    assert r[("2023", "TWN", "export", "CHN")] == 95_732.7e6
    assert r[("2023", "CHN", "import", "TWN")] == 199_349.8e6
    assert r[("2024-05", "TWN", "export", "CHN_HKG")] == 57_374.7e6
    bad = raw.replace(b"2023,152247.6,71714.4,223962.0", b"2023,152247.6,71714.4,323962.0")
    err = get_feed("crossstrait-trade-both-sides").parse(bad, source_uri="both.csv").errors
    assert err and "export + import" in str(err[0]) and "row 21" in str(err[0])


def test_ingest_stores_every_row_with_provenance(shared_data, tmp_path):
    import hashlib

    from haisi.crawlers.feeds.ingest import ingest_file
    from haisi.warehouse import Warehouse

    wh = Warehouse(tmp_path / "wh")
    for fmt, rel, table, col in (
        (
            "crossstrait-teu-export",
            "crossstrait/teu-monthly/export_to_china_teu.csv",
            "container_flows",
            "teu",
        ),
        (
            "crossstrait-visitors-purpose",
            "crossstrait/visitor-arrivals-monthly/purpose.csv",
            "tourism_flows",
            "value",
        ),
    ):
        path = shared_data / rel
        report = ingest_file(get_feed(fmt), path, wh)
        assert report.ok and report.rows_stored > 0, [str(e) for e in report.errors]
        got = wh.sql(
            f"SELECT count(*) AS n, any_value(content_hash) AS h FROM {table}"
        ).to_pylist()[0]
        n, digest = got["n"], got["h"]
        assert n == report.rows_stored and digest == hashlib.sha256(path.read_bytes()).hexdigest()
        assert ingest_file(get_feed(fmt), path, wh).status == "already ingested"
    total = wh.sql(
        "SELECT sum(teu) AS t FROM container_flows WHERE destination = 'CNFOC' "
        "AND period LIKE '2016-%'"
    ).to_pylist()[0]["t"]
    assert total == 53_119  # Taiwan → Fuzhou 2016, SOURCE.md
