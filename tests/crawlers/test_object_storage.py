"""A crawl writes to the warehouse the settings name: with HAISI_STORE_URL set, that is S3."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

from haisi.crawlers.mirror import build, serve_background
from haisi.warehouse import Warehouse

from tests.crawlers.helpers import FAST, HAISI


def test_taiwan_open_data_crawl_stores_the_same_rows_on_s3_as_in_a_folder(
    s3_store, shared_data: Path, tmp_path: Path
) -> None:
    build(tmp_path / "mirror", source="shared", shared=shared_data, articles=2, faults=False)
    server = serve_background(tmp_path / "mirror")
    url = f"{s3_store['uri']}/crawl-{time.time_ns()}"
    env = {
        **os.environ,
        "HAISI_DATA_DIR": str(tmp_path / "var"),
        "HAISI_STORE_URL": url,
        "HAISI_STORE_OPTIONS": json.dumps(s3_store["options"]),
    }
    try:
        for store in ([], ["--store", str(tmp_path / "local")]):  # the settings' S3 store, a folder
            p = subprocess.run(
                [
                    HAISI,
                    "crawl",
                    "taiwan_opendata",
                    "--mirror",
                    server.url,
                    "--ops-db",
                    str(tmp_path / f"ops{len(store)}.sqlite"),
                    "--no-progress",
                    *store,
                    *FAST,
                ],
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    finally:
        server.shutdown()
    assert not (tmp_path / "var" / "warehouse").exists()
    on_s3, local = Warehouse(url, s3_store["options"]), Warehouse(tmp_path / "local")
    for table in ("trade_flows", "tourism_flows"):
        q = f"SELECT key_hash, row_hash FROM {table} ORDER BY key_hash"
        rows = on_s3.sql(q)
        assert rows.num_rows > 0 and rows.equals(local.sql(q)), table
    q = "SELECT url, content_hash FROM documents ORDER BY url"
    assert on_s3.sql(q).equals(local.sql(q))
