"""The ingest path end to end: idempotent re-ingest, a revised file as a new version with the old
rows readable by version and as of a time, bad files rejected while good ones load, the CLI."""

from __future__ import annotations

import time
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
from haisi.crawlers.feeds.ingest import ingest_file, ingest_files
from haisi.crawlers.feeds.registry import FORMATS, get_feed
from haisi.warehouse import Warehouse
from typer.testing import CliRunner

from haisi.cli import app

BILATERAL = "trade/china_bilateral_monthly/china_bilateral_monthly_2001-01_2017-12.csv"
GACC = "trade/gacc_query_samples"
WIDE = {"COLUMNS": "240"}  # rich tables one line per file


def test_same_file_twice_adds_nothing(
    shared_data: Path, tmp_path: Path, warehouse: Warehouse
) -> None:
    feed = get_feed("china-bilateral-monthly")
    first = ingest_file(feed, shared_data / BILATERAL, warehouse)
    assert first.status == "stored" and first.rows_stored == 1224
    again = ingest_file(feed, shared_data / BILATERAL, warehouse)
    assert again.status == "already ingested" and again.rows_stored == 0
    # the same rows in another file (re-sorted): no new row, no new version
    shuffled = tmp_path / "shuffled.csv"
    pd.read_csv(shared_data / BILATERAL).iloc[::-1].to_csv(shuffled, index=False)
    third = ingest_file(feed, shuffled, warehouse)
    assert (third.status, third.rows_stored, third.rows_unchanged) == ("unchanged", 0, 1224)
    assert warehouse.version("trade_flows") == first.version
    assert warehouse.sql("SELECT count(*) AS n FROM trade_flows__all").to_pylist() == [{"n": 1224}]


def test_revised_file_is_a_new_version(
    shared_data: Path, tmp_path: Path, warehouse: Warehouse
) -> None:
    feed = get_feed("china-bilateral-monthly")
    v_old = ingest_file(feed, shared_data / BILATERAL, warehouse).version
    between = datetime.now(timezone.utc)
    time.sleep(0.01)
    src = pd.read_csv(shared_data / BILATERAL)
    key = (src.reporter_iso3 == "KOR") & (src.period == "2017-12") & (src.flow == "export")
    old = float(src.loc[key, "value"].iloc[0])
    revised = src.copy()
    revised.loc[key, "value"] = old + 1234.0
    path = tmp_path / "china_bilateral_revised.csv"
    revised.to_csv(path, index=False)
    rep = ingest_file(feed, path, warehouse, source_revision="2018-03 revision")
    assert (rep.status, rep.rows_stored, rep.revisions, rep.version) == ("stored", 1, 1, v_old + 1)
    where = {"reporter": "KOR", "period": "2017-12", "flow": "export"}
    latest = warehouse.scan(
        "trade_flows", filters=where, columns=["value", "source_revision"]
    ).to_pylist()
    assert latest == [{"value": (old + 1234.0) * 1000, "source_revision": "2018-03 revision"}]
    v0 = warehouse.scan("trade_flows", version=v_old, filters=where, columns=["value"]).to_pylist()
    then = warehouse.scan(
        "trade_flows", as_of=between, filters=where, columns=["value"]
    ).to_pylist()
    assert v0 == then == [{"value": old * 1000}]
    assert warehouse.sql("SELECT count(*) AS n FROM trade_flows").to_pylist() == [{"n": 1224}]


def test_bad_file_keeps_earlier_data_and_good_files_load(
    shared_data: Path, tmp_path: Path, warehouse: Warehouse
) -> None:
    feed = get_feed("gacc-csv")
    good = sorted((shared_data / GACC).glob("*.csv"))
    ingest_file(feed, good[0], warehouse)
    before = warehouse.sql("SELECT count(*) AS n, sum(value) AS v FROM trade_flows").to_pylist()
    bad = tmp_path / "gacc_exports_bad.csv"
    bad.write_bytes(good[1].read_bytes().replace(b'"201901"', b'"2019-1"', 1))
    reports = ingest_files(feed, [bad, *good[2:]], warehouse)
    assert [r.status for r in reports] == ["rejected", "stored", "stored"]
    assert (
        str(reports[0].errors[0])
        == f"{bad}, row 1, column 'Date of data': unknown month (YYYYMM): '2019-1'"
    )
    n_after = warehouse.sql("SELECT count(*) AS n FROM trade_flows").to_pylist()[0]["n"]
    assert n_after == before[0]["n"] + sum(r.rows_stored for r in reports[1:])
    assert warehouse.sql(
        "SELECT count(*) AS n FROM trade_flows WHERE source_uri LIKE '%bad.csv'"
    ).to_pylist() == [{"n": 0}]


def test_cli_ingest_summary_and_exit_code(shared_data: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    bad = tmp_path / "empty.csv"
    bad.write_bytes(b"")
    files = [str(p) for p in sorted((shared_data / GACC).glob("*.csv"))]
    runner = CliRunner()
    res = runner.invoke(
        app, ["ingest", "gacc-csv", *files, str(bad), "--store", str(store)], env=WIDE
    )
    assert res.exit_code == 1, res.output
    assert f"{bad}: empty file (no data) 空文件" in res.output
    for name, n in [
        ("gacc_china_exports_to_usa_2019-01_hs8_by_regime.csv", 12993),
        ("gacc_china_imports_from_usa_2019-01_hs8_by_regime.csv", 11419),
    ]:
        line = next(ln for ln in res.output.splitlines() if name in ln)
        assert line.split("│")[2].strip() == "stored" and line.split("│")[3].strip() == str(n)
    wh = Warehouse(store)
    assert wh.sql("SELECT count(*) AS n FROM trade_flows").to_pylist() == [
        {"n": 12993 + 11419 + 3 + 3}
    ]
    res2 = runner.invoke(app, ["ingest", "gacc-csv", *files, "--store", str(store)], env=WIDE)
    assert res2.exit_code == 0 and res2.output.count("already ingested") == 4
    assert wh.version("trade_flows") == 4  # table creation, then one commit per stored file


def test_cli_lists_formats_and_rejects_unknown(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["ingest", "--list"], env=WIDE)
    assert res.exit_code == 0 and all(name in res.output for name in FORMATS)
    res = runner.invoke(app, ["ingest", "nope", "x.csv", "--store", str(tmp_path)], env=WIDE)
    assert res.exit_code == 2 and "unknown format 'nope'" in res.output


def test_cli_reports_unresolved_names(shared_data: Path, tmp_path: Path) -> None:
    path = shared_data / "trade/taiwan_hs8542_exports/taiwan_exports_by_country_2013_2025.csv"
    res = CliRunner().invoke(
        app, ["ingest", "taiwan-exports-by-country", str(path), "--store", str(tmp_path)], env=WIDE
    )
    assert res.exit_code == 0
    assert (
        "未识别 unresolved taiwan_exports_by_country_2013_2025.csv: '其他國家' × 39" in res.output
    )


def test_an_earlier_vintage_loaded_again_undoes_a_revision(
    shared_data: Path, tmp_path: Path, warehouse: Warehouse
) -> None:
    """An agency withdraws a correction: loading the original file again restores its figure
    as a new revision (it was skipped as already seen)."""
    feed = get_feed("china-bilateral-monthly")
    first = ingest_file(feed, shared_data / BILATERAL, warehouse)
    src = pd.read_csv(shared_data / BILATERAL)
    key = (src.reporter_iso3 == "JPN") & (src.period == "2016-06") & (src.flow == "import")
    old = float(src.loc[key, "value"].iloc[0])
    revised = src.copy()
    revised.loc[key, "value"] = old * 2
    path = tmp_path / "china_bilateral_corrected.csv"
    revised.to_csv(path, index=False)
    assert ingest_file(feed, path, warehouse).revisions == 1
    undo = ingest_file(
        feed, shared_data / BILATERAL, warehouse, source_revision="correction withdrawn"
    )
    assert (undo.status, undo.rows_stored, undo.revisions) == ("stored", 1, 1)
    cell = {"reporter": "JPN", "period": "2016-06", "flow": "import"}
    assert warehouse.scan(
        "trade_flows", filters=cell, columns=["value", "source_revision"]
    ).to_pylist() == [{"value": old * 1000, "source_revision": "correction withdrawn"}]
    assert warehouse.scan("trade_flows", filters=cell, revisions="all").num_rows == 3
    assert warehouse.version("trade_flows") == first.version + 2
    assert ingest_file(feed, shared_data / BILATERAL, warehouse).status == "already ingested"
