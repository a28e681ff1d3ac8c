"""Writers in separate processes append overlapping files to one table at the same instant, on a
folder and on the S3 test server: every key is stored once (the issue's case: 500,000 rows in
common were stored twice)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
from haisi.warehouse import Warehouse

BILATERAL = "trade/china_bilateral_monthly/china_bilateral_monthly_2001-01_2017-12.csv"
WRITER = """
import json, os, sys, time
from pathlib import Path
from haisi.crawlers.feeds.registry import get_feed
from haisi.warehouse import Provenance, Warehouse
a = json.loads(sys.argv[1])
raw = Path(a["file"]).read_bytes()
rows = get_feed("china-bilateral-monthly").parse(raw, source_uri=a["file"]).rows
wh = Warehouse(a["root"], a["options"])
Path(a["file"] + ".ready").touch()
while not os.path.exists(a["go"]):
    time.sleep(0.001)
prov = Provenance("national_bilateral", a["file"], a["file"])
r = wh.append("trade_flows", rows, provenance=prov)
print(json.dumps({"stored": r.rows_stored, "version": r.version}))
"""


def _windows(shared_data: Path, tmp_path: Path, n: int, size: int, step: int) -> list[Path]:
    """``n`` files of ``size`` rows of the real file, each starting ``step`` rows after the last."""
    src = pd.read_csv(shared_data / BILATERAL)
    out = []
    for i in range(n):
        p = tmp_path / f"window{i}.csv"
        src.iloc[i * step : i * step + size].to_csv(p, index=False)
        out.append(p)
    return out


def _race(files: list[Path], root: str, options: dict | None, tmp_path: Path) -> list[dict]:
    """One process per file; all append at the same instant (a go-file barrier)."""
    go = tmp_path / "go"
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                WRITER,
                json.dumps({"file": str(f), "root": root, "options": options, "go": str(go)}),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for f in files
    ]
    deadline = time.monotonic() + 120
    while not all(Path(str(f) + ".ready").exists() for f in files):
        assert time.monotonic() < deadline and all(p.poll() is None for p in procs), [
            p.communicate() for p in procs if p.poll() is not None
        ]
        time.sleep(0.05)
    go.touch()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def _check_each_key_once(wh: Warehouse, files: list[Path], results: list[dict]) -> None:
    union = pd.concat([pd.read_csv(f) for f in files]).drop_duplicates(
        ["reporter_iso3", "partner_iso3", "period", "flow"]
    )
    got = wh.sql(
        "SELECT count(*) AS n, count(DISTINCT key_hash) AS k FROM trade_flows__all"
    ).to_pylist()
    assert got == [{"n": len(union), "k": len(union)}]
    assert sum(r["stored"] for r in results) == len(union)
    committed = [r["version"] for r in results if r["stored"]]  # a writer whose rows all
    assert len(set(committed)) == len(committed)  # landed first commits nothing
    total = wh.sql("SELECT sum(value) AS v FROM trade_flows").to_pylist()[0]["v"]
    assert total == (union["value"] * union["unit_multiplier"]).sum()


def test_parallel_processes_on_a_folder_store_each_key_once(
    shared_data: Path, tmp_path: Path
) -> None:
    files = _windows(
        shared_data, tmp_path, n=4, size=600, step=200
    )  # 400 rows shared by neighbours
    root = tmp_path / "store"
    results = _race(files, str(root), None, tmp_path)
    _check_each_key_once(Warehouse(root), files, results)


def test_parallel_processes_on_object_storage_each_key_once(
    shared_data: Path, tmp_path: Path, s3_store
) -> None:
    files = _windows(shared_data, tmp_path, n=3, size=600, step=300)
    root = f"{s3_store['uri']}/race-{tmp_path.name}"
    results = _race(files, root, s3_store["options"], tmp_path)
    _check_each_key_once(Warehouse(root, s3_store["options"]), files, results)


def test_parallel_cli_ingests_of_overlapping_files(shared_data: Path, tmp_path: Path) -> None:
    """Three `haisi ingest` commands at once, each with the overlapping files in its own order."""
    files = _windows(shared_data, tmp_path, n=3, size=500, step=250)
    store = tmp_path / "store"
    haisi = str(Path(sys.executable).with_name("haisi"))
    orders = [files, files[::-1], [files[1], files[2], files[0]]]
    procs = [
        subprocess.Popen(
            [haisi, "ingest", "china-bilateral-monthly", *map(str, order), "--store", str(store)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "COLUMNS": "200"},
        )
        for order in orders
    ]
    for p in procs:
        out, _ = p.communicate(timeout=300)
        assert p.returncode == 0, out
    union = pd.concat([pd.read_csv(f) for f in files]).drop_duplicates(
        ["reporter_iso3", "partner_iso3", "period", "flow"]
    )
    got = Warehouse(store).sql(
        "SELECT count(*) n, count(DISTINCT key_hash) k FROM trade_flows__all"
    )
    assert got.to_pylist() == [{"n": len(union), "k": len(union)}]
