"""Tables on S3-compatible object storage: concurrent writers, settings, errors that name the store.

The store contract itself (dedupe, revisions, versions, as-of, validation) runs on both a local
folder and the S3 server in test_store.py; this file covers what only object storage has.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from haisi.warehouse import Provenance, Warehouse, WarehouseUnavailable
from haisi.warehouse.location import Location

from haisi.settings import Settings


def _flows(partner: str, n: int, value: float = 1.0) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": [f"{2000 + i // 12}-{i % 12 + 1:02d}" for i in range(n)],
            "frequency": "M",
            "reporter": "CHN",
            "partner": partner,
            "flow": "export",
            "hs_code": "TOTAL",
            "hs_revision": "H6",
            "regime": "",
            "mode": "",
            "value": [value + i for i in range(n)],
            "currency": "USD",
            "quantity": None,
            "quantity_unit": None,
            "supp_quantity": None,
            "supp_unit": None,
            "vintage": "final",
        }
    )


def _writer(root: str, options: dict, partner: str, batches: int, rows: int) -> None:
    wh = Warehouse(root, options)
    for b in range(batches):
        df = _flows(partner, rows, value=1000.0 * b)
        df["period"] = [f"{1900 + b}-{m:02d}" for m in range(1, rows + 1)]
        wh.append(
            "trade_flows",
            df,
            provenance=Provenance(partner, f"mem://{partner}/{b}", f"{partner}{b}"),
        )


def test_two_processes_appending_to_one_s3_table_lose_nothing(s3_warehouse: Warehouse) -> None:
    """Each append is a Delta commit put with If-None-Match:
    a race retries, no commit is overwritten."""
    s3_warehouse.append("trade_flows", _flows("AAA", 1), provenance=Provenance("x", "mem://x", "x"))
    ctx = multiprocessing.get_context("spawn")  # deltalake's runtime does not survive fork()
    batches, rows = 6, 12
    procs = [
        ctx.Process(
            target=_writer,
            args=(s3_warehouse.root, s3_warehouse.location.storage_options, p, batches, rows),
        )
        for p in ("USA", "JPN")
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=300)
        assert p.exitcode == 0
    assert s3_warehouse.version("trade_flows") == 1 + 2 * batches
    got = s3_warehouse.sql(
        "SELECT partner, count(*) AS n, sum(value) AS total FROM trade_flows GROUP BY 1 ORDER BY 1"
    ).to_pylist()
    per_writer = rows * sum(1000.0 * b for b in range(batches)) + batches * sum(range(rows)) + 0.0
    assert got == [
        {"partner": "AAA", "n": 1, "total": 1.0},
        {"partner": "JPN", "n": batches * rows, "total": per_writer},
        {"partner": "USA", "n": batches * rows, "total": per_writer},
    ]


def test_the_warehouse_named_by_settings_is_on_object_storage(s3_store, monkeypatch) -> None:
    """HAISI_STORE_URL and HAISI_STORE_OPTIONS (JSON) replace STORE_DIR for every component."""
    monkeypatch.setenv("HAISI_STORE_URL", f"{s3_store['uri']}/from-settings/")
    monkeypatch.setenv("HAISI_STORE_OPTIONS", json.dumps(s3_store["options"]))
    s = Settings()
    assert s.store_options["AWS_ENDPOINT_URL"] == s3_store["endpoint"]
    wh = Warehouse.from_settings(s)
    assert wh.root == f"{s3_store['uri']}/from-settings"
    assert wh.table_uri("trade_flows") == f"{s3_store['uri']}/from-settings/trade_flows"
    assert not wh.location.is_local


def test_ingest_and_datasets_commands_use_the_s3_store(s3_store, shared_data, tmp_path) -> None:
    """`haisi ingest` stores real Taiwan export rows on S3 (the settings' or `--store s3://…`)
    exactly as in a local folder."""
    source = (
        shared_data / "trade" / "taiwan_hs8542_exports" / "taiwan_exports_by_country_2013_2025.csv"
    )
    env = {
        **os.environ,
        "HAISI_DATA_DIR": str(tmp_path / "var"),
        "HAISI_STORE_URL": f"{s3_store['uri']}/cli-{time.time_ns()}",
        "HAISI_STORE_OPTIONS": json.dumps(s3_store["options"]),
    }
    haisi = [str(Path(sys.executable).with_name("haisi"))]

    def run(*args: str) -> str:
        done = subprocess.run([*haisi, *args], env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    other = f"{s3_store['uri']}/cli-option-{time.time_ns()}"
    run("ingest", "taiwan-exports-by-country", str(source))
    run("ingest", "taiwan-exports-by-country", str(source), "--store", str(tmp_path / "local"))
    run("ingest", "taiwan-exports-by-country", str(source), "--store", other)
    assert env["HAISI_STORE_URL"] in run("datasets").replace("\n", "")
    assert not (tmp_path / "var" / "warehouse").exists()  # nothing went to the local default
    assert not Path("s3:").exists()  # an s3:// --store is a URI, not a relative folder

    query = "SELECT key_hash, row_hash, content_hash FROM trade_flows ORDER BY key_hash"
    on_s3 = Warehouse(env["HAISI_STORE_URL"], s3_store["options"])
    rows = on_s3.sql(query)
    assert rows.num_rows > 100  # the same rows, value for value, in all three stores:
    assert rows.equals(Warehouse(tmp_path / "local").sql(query))
    assert rows.equals(Warehouse(other, s3_store["options"]).sql(query))
    version = on_s3.version("trade_flows")
    run("ingest", "taiwan-exports-by-country", str(source))
    assert on_s3.version("trade_flows") == version  # the same file twice adds nothing


def test_unreachable_store_fails_fast_naming_the_endpoint() -> None:
    """A store that does not answer is an error naming its URL within seconds, not minutes."""
    wh = Warehouse(
        "s3://haisi-none/wh",
        {
            "AWS_ENDPOINT_URL": "http://127.0.0.1:9",
            "AWS_ALLOW_HTTP": "true",
            "AWS_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": "k",
            "AWS_SECRET_ACCESS_KEY": "s",
        },
    )
    with pytest.raises(
        WarehouseUnavailable,
        match=r"s3://haisi-none/wh \(endpoint http://127.0.0.1:9\) "
        r"cannot be reached.*Connection refused",
    ):
        wh.append("trade_flows", _flows("USA", 1), provenance=Provenance("x", "mem://x", "x"))
    # object_store alone would retry an unanswering store for 180 s; haisi bounds it, users may not
    assert Location.parse("s3://b/x").storage_options["retry_timeout"] == "30s"
    assert (
        Location.parse("s3://b/x", {"retry_timeout": "5m"}).storage_options["retry_timeout"] == "5m"
    )


@pytest.mark.parametrize(
    "root, message",
    [
        ("gs://bucket/wh", r"scheme gs:// is not supported"),
        ("s3://", r"name a bucket"),
    ],
)
def test_unsupported_locations_are_refused(root: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Location.parse(root)
    with pytest.raises(ValueError, match=message):  # already when the settings are read
        Settings(store_url=root)


def test_credentials_never_appear_in_messages(s3_store) -> None:
    loc = Location.parse(f"{s3_store['uri']}/x", s3_store["options"])
    assert "haisi-test-secret" not in loc.describe()
    assert s3_store["endpoint"] in loc.describe()


def test_credentials_may_come_from_the_standard_aws_variables(s3_store, monkeypatch) -> None:
    """Only the endpoint in HAISI_STORE_OPTIONS;
    keys and region from AWS_* as every AWS tool reads them."""
    opts = s3_store["options"]
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION"):
        monkeypatch.setenv(name, opts[name])
    wh = Warehouse(
        f"{s3_store['uri']}/env-creds-{time.time_ns()}",
        {"AWS_ENDPOINT_URL": opts["AWS_ENDPOINT_URL"], "AWS_ALLOW_HTTP": "true"},
    )
    wh.append("trade_flows", _flows("USA", 3), provenance=Provenance("x", "mem://x", "x"))
    assert wh.scan("trade_flows").num_rows == 3
