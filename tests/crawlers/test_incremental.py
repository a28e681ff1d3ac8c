"""Incremental and resumable crawls: nothing stored twice, changed releases become revisions,
and a crawl killed mid-way (SIGINT or SIGKILL) then resumed stores exactly what an
uninterrupted crawl stores."""

from __future__ import annotations

import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
from haisi.crawlers.mirror import build, serve_background
from haisi.warehouse import Warehouse
from haisi.warehouse.ops import OpsDB

from tests.crawlers.helpers import crawl_cmd, run


@pytest.fixture(scope="module")
def mirror(tmp_path_factory: pytest.TempPathFactory, shared_data: Path):
    root = tmp_path_factory.mktemp("inc") / "mirror"
    build(root, source="shared", shared=shared_data, articles=60)
    server = serve_background(root, log=root.parent / "requests.log")
    yield root, server
    server.shutdown()


def _versions(wh: Warehouse) -> dict[str, int | None]:
    return {t: wh.version(t) for t in ("documents", "trade_flows")}


def test_second_crawl_stores_nothing_and_a_changed_release_is_a_revision(
    mirror, tmp_path: Path
) -> None:
    root, server = mirror
    run(crawl_cmd("gacc", server.url, tmp_path))
    wh = Warehouse(tmp_path / "wh")
    first = _versions(wh)
    n_rows = wh.sql("select count(*) n from trade_flows__all").to_pandas().n[0]
    log = root.parent / "requests.log"
    before = len(log.read_text().splitlines())

    run(crawl_cmd("gacc", server.url, tmp_path))
    assert _versions(wh) == first  # nothing stored twice
    second = log.read_text().splitlines()[before:]
    releases = [x for x in second if "/gacc/release/" in x]
    assert releases and all(x.endswith(" 304") for x in releases)  # conditional GET answered 304

    page = root / "gacc/release/201901.html"
    html = page.read_text("utf-8")
    usa = re.search(r"<td>美国</td><td>([\d,]+)</td>", html)
    new_value = int(usa[1].replace(",", "")) + 1000
    html = html.replace("总值表</h1>", "总值表（修正）</h1>").replace(
        usa[0], f"<td>美国</td><td>{new_value:,}</td>"
    )
    page.write_text(html, "utf-8")

    run(crawl_cmd("gacc", server.url, tmp_path))
    third = _versions(wh)
    assert (
        third["trade_flows"] == first["trade_flows"] + 1
        and third["documents"] == first["documents"] + 1
    )
    latest = wh.sql(
        "select value, vintage from trade_flows where source_id='gacc' and period='2019-01' and "
        "hs_code='TOTAL' and partner='USA' and flow='export'"
    ).to_pandas()
    assert latest.value[0] == new_value and latest.vintage[0] == "corrected"
    history = wh.sql(
        "select vintage from trade_flows__all where source_id='gacc' and period='2019-01' and "
        "hs_code='TOTAL' and partner='USA' and flow='export'"
    ).to_pandas()
    assert sorted(history.vintage) == ["corrected", "preliminary"]
    assert (
        wh.sql("select count(*) n from trade_flows__all").to_pandas().n[0] == n_rows + 4
    )  # the release table: world and USA, export and import


def _stored(work: Path) -> set[tuple]:
    wh = Warehouse(work / "wh")
    df = wh.sql("select doc_id, content_hash, text from documents__all").to_pandas()
    assert df.doc_id.is_unique, "a page was stored twice"
    return set(map(tuple, df.to_numpy().tolist()))


SLOW = [
    "-s",
    "DOWNLOAD_DELAY=0.05",
    "-s",
    "CONCURRENT_REQUESTS_PER_DOMAIN=1",
    "-s",
    "HAISI_BATCH_PAGES=5",
]


@pytest.fixture(scope="module")
def uninterrupted(mirror, tmp_path_factory: pytest.TempPathFactory) -> set[tuple]:
    ref = tmp_path_factory.mktemp("ref")
    run(crawl_cmd("fuzhou_customs", mirror[1].url, ref, *SLOW))
    return _stored(ref)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_killed_and_resumed_crawl_equals_uninterrupted(
    mirror, uninterrupted, tmp_path: Path, sig: int
) -> None:
    root, server = mirror
    slow = SLOW
    want = uninterrupted
    assert len(want) == 60

    work = tmp_path / "killed"
    cmd = crawl_cmd("fuzhou_customs", server.url, work, *slow, "--jobdir", str(work / "job"))
    log = root.parent / "requests.log"
    start = len(log.read_text().splitlines())
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(log.read_text().splitlines()) - start < 30 and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(sig)
    assert proc.wait(timeout=60) == (130 if sig == signal.SIGINT else -signal.SIGKILL)
    got_before = _stored(work) if (work / "wh/documents").exists() else set()
    assert len(got_before) < len(want)  # it really was cut short

    run(cmd)
    assert _stored(work) == want
    runs = OpsDB(work / "ops.sqlite").crawl_runs()
    assert runs[0]["status"] == "finished"
    assert runs[1]["status"] == "interrupted" and runs[1]["finished_at"]  # killed: closed as stale
    assert ("process_gone" in runs[1]["errors"]) == (sig == signal.SIGKILL)
