"""Distributed mode: two crawler processes share one real redis-server (scrapy-redis)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
from haisi.crawlers.mirror import build, serve_background
from haisi.warehouse import Warehouse
from haisi.warehouse.ops import OpsDB

from tests.crawlers.helpers import crawl_cmd, run

pytestmark = pytest.mark.redis

REDIS = shutil.which("redis-server") or "/usr/bin/redis-server"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path: Path):
    if not Path(REDIS).exists():
        pytest.skip("redis-server not installed")
    port = _free_port()
    proc = subprocess.Popen(
        [
            REDIS,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(timeout=10)


def _docs(work: Path) -> set[tuple]:
    df = (
        Warehouse(work / "wh")
        .sql("select doc_id, content_hash, text from documents__all")
        .to_pandas()
    )
    assert df.doc_id.is_unique
    return set(map(tuple, df.to_numpy().tolist()))


def test_two_workers_fetch_each_page_once_and_store_what_one_process_stores(
    redis_url: str, tmp_path: Path, shared_data: Path
) -> None:
    build(tmp_path / "mirror", source="shared", shared=shared_data, articles=40)
    log = tmp_path / "requests.log"
    server = serve_background(tmp_path / "mirror", log=log, delay=0.3)
    try:
        single = tmp_path / "single"
        run(crawl_cmd("fuzhou_customs", server.url, single))
        want = _docs(single)
        log.write_text("")

        work = tmp_path / "cluster"
        cmd = crawl_cmd(
            "fuzhou_customs",
            server.url,
            work,
            "--redis",
            redis_url,
            "--run-id",
            "t1",
            "-s",
            "HAISI_REDIS_IDLE_SECONDS=3",
            "-s",
            "CONCURRENT_REQUESTS=2",
        )
        workers = [
            subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for _ in range(2)
        ]
        outs = [w.communicate(timeout=180)[0] for w in workers]  # they stop on their own when idle
        assert [w.returncode for w in workers] == [0, 0], "\n".join(o[-2000:] for o in outs)
    finally:
        server.shutdown()

    fetched = Counter(line.split(" ")[1] for line in log.read_text().splitlines())
    pages = {p: n for p, n in fetched.items() if p != "/robots.txt"}
    assert len(pages) == 40 + 4  # 40 articles, 4 list pages
    assert set(pages.values()) == {1}, {p: n for p, n in pages.items() if n != 1}
    assert _docs(work) == want
    runs = OpsDB(work / "ops.sqlite").crawl_runs()
    assert len(runs) == 2 and all(r["status"] == "finished" for r in runs), (
        runs,
        "\n".join(o[-3000:] for o in outs),
    )
    assert sum(r["pages"] for r in runs) >= 44 and all(r["pages"] > 1 for r in runs), (
        runs
    )  # both did work
