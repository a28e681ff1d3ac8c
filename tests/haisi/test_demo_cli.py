"""``haisi demo`` (what ``make run`` does first):
sample data, facts and headline forecasts, once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from haisi.api.crossstrait import DEMO_TEU
from haisi.warehouse import Warehouse

from haisi.cli_data import DEMO_FORECASTS

HAISI = Path(sys.executable).with_name("haisi")


def test_demo_prepares_a_useful_store_and_a_second_run_adds_nothing(tmp_path: Path) -> None:
    env = {**os.environ, "HAISI_DATA_DIR": str(tmp_path / "var")}
    first = subprocess.run(
        [str(HAISI), "demo"], env=env, capture_output=True, text=True, timeout=300
    )
    assert first.returncode == 0, first.stderr
    wh = Warehouse(tmp_path / "var" / "warehouse")
    stored = wh.sql("SELECT DISTINCT series_id FROM forecasts").column("series_id").to_pylist()
    assert sorted(stored) == sorted([*DEMO_FORECASTS, *(f"teu/{p}/{d}" for p, d in DEMO_TEU)])
    # the real starter set came in through its feeds: Fuzhou → Taiwan 2016 as published
    teu = (
        wh.sql(
            "SELECT sum(teu) AS t FROM container_flows WHERE origin = 'CNFOC' AND "
            "destination LIKE 'TW%' AND period LIKE '2016-%'"
        )
        .column("t")[0]
        .as_py()
    )
    assert teu == 164_875
    sources = set(
        wh.sql("SELECT DISTINCT source_id FROM trade_flows").column("source_id").to_pylist()
    )
    assert {"singstat", "national_bilateral", "tw_mac_crossstrait", "sample-customs"} <= sources
    facts = wh.sql("SELECT count(*) AS n FROM facts").column("n")[0].as_py()
    assert facts >= 7  # every sample bulletin states at least its total
    versions = {d.name: d.version for d in wh.datasets()}
    again = subprocess.run(
        [str(HAISI), "demo"], env=env, capture_output=True, text=True, timeout=300
    )
    assert again.returncode == 0, again.stderr
    assert {d.name: d.version for d in Warehouse(wh.root).datasets()} == versions


def test_compact_command_merges_files_and_refuses_unknown_tables(tmp_path: Path) -> None:
    """Three appends of sample routes (a third each) → `haisi compact routes` leaves one file."""
    from haisi.warehouse import Provenance

    from haisi.samples import _routes

    env = {**os.environ, "HAISI_DATA_DIR": str(tmp_path / "var")}
    wh = Warehouse(tmp_path / "var" / "warehouse")
    routes = _routes()
    for i in range(3):
        wh.append("routes", routes.iloc[i::3], provenance=Provenance("t", f"mem://{i}", str(i)))
    out = subprocess.run(
        [str(HAISI), "compact", "routes"], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert "routes@v4" in out.stdout and len(wh.delta_table("routes").file_uris()) == 1
    assert wh.scan("routes").num_rows == len(routes)
    bad = subprocess.run(
        [str(HAISI), "compact", "nope"], env=env, capture_output=True, text=True, timeout=120
    )
    assert bad.returncode != 0 and "unknown table" in bad.stdout + bad.stderr
