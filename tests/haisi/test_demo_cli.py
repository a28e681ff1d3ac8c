"""``haisi demo`` (what ``make run`` does first): sample data, facts and headline forecasts, once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from haisi.cli_data import DEMO_FORECASTS
from warehouse import Warehouse

HAISI = Path(sys.executable).with_name("haisi")


def test_demo_prepares_a_useful_store_and_a_second_run_adds_nothing(tmp_path: Path) -> None:
    env = {**os.environ, "HAISI_DATA_DIR": str(tmp_path / "var")}
    first = subprocess.run([str(HAISI), "demo"], env=env, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    wh = Warehouse(tmp_path / "var" / "warehouse")
    stored = wh.sql("SELECT DISTINCT series_id FROM forecasts").column("series_id").to_pylist()
    assert sorted(stored) == sorted(DEMO_FORECASTS)
    facts = wh.sql("SELECT count(*) AS n FROM facts").column("n")[0].as_py()
    assert facts >= 7  # every sample bulletin states at least its total
    versions = {d.name: d.version for d in wh.datasets()}
    again = subprocess.run([str(HAISI), "demo"], env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert {d.name: d.version for d in Warehouse(wh.root).datasets()} == versions
