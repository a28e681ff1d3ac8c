"""Storage faults through the real ``haisi`` command: a store path that is a file, a misspelled
store, a read-only store and a full disk each give one line and a non-zero exit, never a
traceback, and lose nothing stored; ``haisi vacuum`` removes orphan files of interrupted writes;
``haisi doctor`` says what is wrong."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest
from haisi.crawlers.feeds.registry import get_feed
from haisi.warehouse import Provenance, Warehouse
from haisi.warehouse.commit import _write_files
from haisi.warehouse.schemas import spec
from haisi.warehouse.write import _as_schema, _conform_and_hash, _fill_provenance

HAISI = str(Path(sys.executable).with_name("haisi"))
BILATERAL = "trade/china_bilateral_monthly/china_bilateral_monthly_2001-01_2017-12.csv"
GACC = "trade/gacc_query_samples/gacc_china_exports_to_usa_2019-01_hs8_by_regime.csv"


def _haisi(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full = {**os.environ, "COLUMNS": "200", **(env or {})}
    return subprocess.run([HAISI, *args], capture_output=True, text=True, timeout=300, env=full)


def _one_line_error(res: subprocess.CompletedProcess, rc: int, text: str) -> None:
    assert res.returncode == rc, (res.returncode, res.stdout, res.stderr)
    out = res.stdout + res.stderr
    assert "Traceback" not in out and text in out, out


@pytest.fixture
def mount(tmp_path: Path):
    """A real small file system (tmpfs) of its own, so disk-full and read-only are real."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mnt)]).returncode:
        pytest.skip("mounting a tmpfs needs root (CAP_SYS_ADMIN)")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_store_path_that_is_a_file(shared_data: Path, tmp_path: Path) -> None:
    f = tmp_path / "warehouse.txt"
    f.write_text("not a store")
    _one_line_error(
        _haisi(
            "ingest", "china-bilateral-monthly", str(shared_data / BILATERAL), "--store", str(f)
        ),
        2,
        f"warehouse location {f} is a file, not a folder",
    )
    _one_line_error(
        _haisi("datasets", env={"HAISI_STORE_DIR": str(f)}), 2, "is a file, not a folder"
    )
    assert f.read_text() == "not a store"


def test_misspelled_store_is_not_an_empty_catalogue(shared_data: Path, tmp_path: Path) -> None:
    store = tmp_path / "warehouse"
    assert (
        _haisi(
            "ingest", "china-bilateral-monthly", str(shared_data / BILATERAL), "--store", str(store)
        ).returncode
        == 0
    )
    res = _haisi("datasets", env={"HAISI_STORE_DIR": str(tmp_path / "warehose")})
    _one_line_error(res, 3, f"no warehouse at {tmp_path / 'warehose'}: the location does not exist")
    (tmp_path / "empty").mkdir()
    _one_line_error(
        _haisi("datasets", env={"HAISI_STORE_DIR": str(tmp_path / "empty")}),
        3,
        "the location holds no haisi tables",
    )
    ok = _haisi("datasets", env={"HAISI_STORE_DIR": str(store)})
    assert ok.returncode == 0 and "trade_flows@v1" in ok.stdout


def test_read_only_store(shared_data: Path, mount: Path) -> None:
    store = mount / "warehouse"
    assert (
        _haisi(
            "ingest", "china-bilateral-monthly", str(shared_data / BILATERAL), "--store", str(store)
        ).returncode
        == 0
    )
    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
    res = _haisi("ingest", "gacc-csv", str(shared_data / GACC), "--store", str(store))
    _one_line_error(res, 1, "the store is on a read-only file system 只读文件系统")
    ok = _haisi("datasets", env={"HAISI_STORE_DIR": str(store)})  # reading still works
    assert ok.returncode == 0 and "trade_flows@v1" in ok.stdout
    assert Warehouse(store).sql("SELECT count(*) n FROM trade_flows").to_pylist() == [{"n": 1224}]


def test_full_disk_loses_nothing_and_leaves_no_partial_file(shared_data: Path, mount: Path) -> None:
    store = mount / "warehouse"
    assert (
        _haisi(
            "ingest", "china-bilateral-monthly", str(shared_data / BILATERAL), "--store", str(store)
        ).returncode
        == 0
    )
    files = sorted(p.name for p in (store / "trade_flows").iterdir())
    filler = mount / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:  # fill the file system to the last block
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    res = _haisi("ingest", "gacc-csv", str(shared_data / GACC), "--store", str(store))
    _one_line_error(res, 1, "no space left on the device 磁盘已满")
    assert sorted(p.name for p in (store / "trade_flows").iterdir()) == files  # no partial file
    filler.unlink()
    again = _haisi("ingest", "gacc-csv", str(shared_data / GACC), "--store", str(store))
    assert again.returncode == 0, again.stdout
    assert Warehouse(store).sql("SELECT count(*) n FROM trade_flows").to_pylist() == [
        {"n": 1224 + 12993}
    ]


def _orphan(wh: Warehouse, shared_data: Path, hours_old: float) -> list[str]:
    """Data files written but never committed (what a write killed before its commit leaves)."""
    rows = (
        get_feed("china-bilateral-monthly")
        .parse((shared_data / BILATERAL).read_bytes(), source_uri="x")
        .rows
    )
    t = spec("trade_flows")
    prov = Provenance("national_bilateral", "killed-ingest.csv", "h")
    tbl = _as_schema(
        _conform_and_hash(
            t,
            duckdb.connect(),
            _fill_provenance(
                t, pa.Table.from_pandas(rows, preserve_index=False), prov, lambda: "public"
            ),
        ),
        t.schema,
    )
    names = [a.path for a in _write_files(wh, t, tbl)]
    old = time.time() - hours_old * 3600
    for n in names:
        os.utime(Path(wh.root) / "trade_flows" / n, (old, old))
    return names


def test_vacuum_removes_orphans_and_keeps_every_version(shared_data: Path, tmp_path: Path) -> None:
    store = tmp_path / "warehouse"
    for rel in (BILATERAL, GACC):
        fmt = "gacc-csv" if "gacc" in rel else "china-bilateral-monthly"
        assert _haisi("ingest", fmt, str(shared_data / rel), "--store", str(store)).returncode == 0
    wh = Warehouse(store)
    assert (
        _haisi("compact", env={"HAISI_STORE_DIR": str(store)}).returncode == 0
    )  # old files tombstoned
    v1 = wh.sql("SELECT count(*) n FROM trade_flows", versions={"trade_flows": 1}).to_pylist()
    stale = _orphan(wh, shared_data, hours_old=3)
    fresh = _orphan(wh, shared_data, hours_old=0)  # a running ingest's files: kept
    dry = _haisi("vacuum", "--retention-hours", "2", "--dry-run", "--store", str(store))
    assert dry.returncode == 0 and all((store / "trade_flows" / n).exists() for n in stale)
    assert "dry run" in dry.stdout
    doc = _haisi("doctor", "--store", str(store), env={"HAISI_DATA_DIR": str(tmp_path / "var")})
    assert doc.returncode == 0 and "orphan data file(s)" in doc.stdout, doc.stdout
    res = _haisi("vacuum", "--retention-hours", "2", "--store", str(store))
    assert res.returncode == 0 and "removed" in res.stdout, res.stdout
    assert not any((store / "trade_flows" / n).exists() for n in stale)
    assert all((store / "trade_flows" / n).exists() for n in fresh)
    assert (
        wh.sql("SELECT count(*) n FROM trade_flows", versions={"trade_flows": 1}).to_pylist() == v1
    )
    assert wh.sql("SELECT count(*) n FROM trade_flows").to_pylist() == [{"n": 1224 + 12993}]
    _one_line_error(
        _haisi("vacuum", "--retention-hours", "0", "--store", str(store)),
        2,
        "retention of 0 h is shorter than 1 h",
    )


def test_doctor_says_what_is_wrong(shared_data: Path, tmp_path: Path) -> None:
    store = tmp_path / "warehouse"
    env = {"HAISI_DATA_DIR": str(tmp_path / "var"), "HAISI_STORE_DIR": str(store)}
    res = _haisi("doctor", env=env)
    assert res.returncode == 1 and "no warehouse at" in res.stdout and "Traceback" not in res.stdout
    assert (
        _haisi(
            "ingest", "china-bilateral-monthly", str(shared_data / BILATERAL), env=env
        ).returncode
        == 0
    )
    ok = _haisi("doctor", env=env)
    assert ok.returncode == 0 and "1 table(s): trade_flows" in ok.stdout, ok.stdout
    (tmp_path / "opsdir").mkdir()
    bad_ops = _haisi("doctor", env={**env, "HAISI_OPS_DB": str(tmp_path / "opsdir")})
    assert bad_ops.returncode == 1 and "ops database" in bad_ops.stdout and "FAIL" in bad_ops.stdout
    prod = _haisi(
        "doctor", env={**env, "HAISI_ENVIRONMENT": "production", "HAISI_REQUIRE_API_KEY": "false"}
    )
    assert prod.returncode == 1 and "FAIL" in prod.stdout
