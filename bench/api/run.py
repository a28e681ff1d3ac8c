"""Bounded load on loopback against the real service; latency and throughput vs ``/health``.

Starts ``uvicorn api.app:create_app`` in a subprocess on a free 127.0.0.1 port over a fresh
temporary store loaded like ``haisi demo`` (reference + sample data), warms each endpoint
once (network metrics built, one forecast stored), then sends N requests per endpoint with
C in flight and prints p50 / p99 latency, throughput and the ratio of each to ``/health``
measured in the same run. ``--quick`` is a short run (2,000 requests, 20 in flight).

    .venv/bin/python bench/api/run.py            # 20,000 requests, 50 concurrent per endpoint
    .venv/bin/python bench/api/run.py --quick
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
SERIES = "trade/CN-FJ/export/ASEAN/TOTAL"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _prepare(data_dir: Path) -> dict[str, str]:
    """Load the demo store and make one key per role."""
    from haisi.loading import load_reference, load_samples
    from haisi.settings import Settings
    from haisi.warehouse import Warehouse
    from haisi.warehouse.ops import ROLES, OpsDB

    s = Settings(data_dir=data_dir)
    wh = Warehouse.from_settings(s)
    load_reference(wh)
    load_samples(wh)
    ops = OpsDB(s.ops_db)
    return {r: ops.create_key(r, "bench")[1] for r in ROLES}


async def _load(base: str, path: str, headers: dict, n: int, conc: int) -> dict:
    """n GETs of ``path`` with ``conc`` in flight: latencies (s), errors, wall time."""
    lat: list[float] = []
    errors = 0
    queue = iter(range(n))
    limits = httpx.Limits(max_connections=conc, max_keepalive_connections=conc)
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits, timeout=60) as c:

        async def worker() -> None:
            nonlocal errors
            for _ in queue:
                t0 = time.perf_counter()
                try:
                    ok = (await c.get(path)).status_code == 200
                except httpx.TransportError:  # counted, not fatal: the run reports them
                    ok = False
                lat.append(time.perf_counter() - t0)
                errors += not ok

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(conc)))
        wall = time.perf_counter() - t0
    lat.sort()
    return {"p50": lat[len(lat) // 2], "p99": lat[min(len(lat) - 1, int(len(lat) * 0.99))],
            "rps": n / wall, "errors": errors}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=20_000, help="requests per endpoint")
    ap.add_argument("--concurrency", type=int, default=50, help="requests in flight")
    ap.add_argument("--quick", action="store_true", help="2,000 requests, 20 in flight")
    args = ap.parse_args()
    n, conc = (2_000, 20) if args.quick else (args.requests, args.concurrency)
    tmp = Path(tempfile.mkdtemp(prefix="haisi-bench-api-"))
    proc = None
    try:
        keys = _prepare(tmp / "var")
        port = _free_port()
        env = {**os.environ, "HAISI_DATA_DIR": str(tmp / "var"), "HAISI_RATE_LIMIT_PER_MINUTE": "1000000000",
               "HAISI_TILE_URL": "none", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
        proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "haisi.api.app:create_app", "--factory",
                                 "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
                                 "--no-access-log", "--timeout-keep-alive", "60"], cwd=ROOT, env=env)
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        with httpx.Client(base_url=base, timeout=120) as c:  # warm: network metrics, one forecast
            assert c.post("/forecasts/run", json={"series_id": SERIES},
                          headers={"X-API-Key": keys["analyst"]}).status_code == 200
        cases = [
            ("/health", "/health", {}),
            ("network top partners", "/network/top-partners?reporter=CN-FJ&period=2024",
             {"X-API-Key": keys["customs"]}),
            ("stored forecast", f"/forecasts/stored?series_id={SERIES}", {"X-API-Key": keys["analyst"]}),
            ("dataset page", "/datasets/trade_flows", {"X-API-Key": keys["researcher"]}),
        ]
        print(f"{n:,} requests per endpoint, {conc} in flight, uvicorn 1 worker on 127.0.0.1")
        print(f"{'endpoint':24} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>8} {'errors':>6} "
              f"{'p50 ×health':>11} {'req/s ÷health':>13}")
        base_res = None
        for name, path, headers in cases:
            asyncio.run(_load(base, path, headers, min(200, n), conc))  # warm-up, not counted
            res = asyncio.run(_load(base, path, headers, n, conc))
            base_res = base_res or res
            print(f"{name:24} {res['p50'] * 1e3:8.1f} {res['p99'] * 1e3:8.1f} {res['rps']:8.0f} "
                  f"{res['errors']:6d} {res['p50'] / base_res['p50']:11.2f} "
                  f"{res['rps'] / base_res['rps']:13.2f}")
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
