"""Helpers for crawler tests: build and serve a mirror, run ``haisi crawl`` in a subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HAISI = str(Path(sys.executable).parent / "haisi")

# fast and deterministic against a local mirror: no throttling, tiny backoff, small size limit
FAST = [
    "-s",
    "AUTOTHROTTLE_ENABLED=0",
    "-s",
    "DOWNLOAD_DELAY=0",
    "-s",
    "HAISI_REJECT_BACKOFF=0.02",
    "-s",
    "DOWNLOAD_MAXSIZE=1000000",
    "-s",
    "DOWNLOAD_TIMEOUT=1.5",
    "-s",
    "LOG_LEVEL=WARNING",
    "-s",
    "CONCURRENT_REQUESTS_PER_DOMAIN=4",
]


def crawl_cmd(spider: str, mirror: str, work: Path, *extra: str) -> list[str]:
    """The ``haisi crawl`` command line writing into ``work``/wh and ``work``/ops.sqlite."""
    return [
        HAISI,
        "crawl",
        spider,
        "--mirror",
        mirror,
        "--store",
        str(work / "wh"),
        "--ops-db",
        str(work / "ops.sqlite"),
        "--no-progress",
        *FAST,
        *extra,
    ]


def run(cmd: list[str], timeout: float = 120) -> subprocess.CompletedProcess:
    """Run a command; fail the test with its output when it exits non-zero."""
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    return p


def fetches(log: Path) -> list[str]:
    """Request targets (path?query) with a 200/304 answer, in order, from the mirror's log."""
    out = []
    for line in log.read_text().splitlines() if log.exists() else []:
        _, target, status = line.split(" ")
        out.append(f"{target} {status}")
    return out
