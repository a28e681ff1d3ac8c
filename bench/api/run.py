"""Bounded load on loopback against the real service; latency and throughput vs ``/health``.

Starts ``uvicorn haisi.api.app:create_app`` (one worker) on a free 127.0.0.1 port over a fresh
temporary store loaded like ``haisi demo``, stores one forecast, then drives each endpoint with
``wrk`` (a compiled load generator, so the client is not the bottleneck) for a few seconds per
round and reports the median over rounds of p50 / p99 latency, throughput and the server's CPU
time per request, each as a ratio to ``/health`` measured in the same rounds. Server and
generator are pinned to separate cores (``taskset``) when the machine has two. Every data request
is authenticated with a key and audited; at the end the server is killed with SIGKILL, started
again, and the audit rows per key are compared with the responses wrk received: none may be
missing.

    .venv/bin/python bench/api/run.py          # 3 rounds of 8 s per endpoint, 32 connections
    .venv/bin/python bench/api/run.py --quick  # 1 round of 4 s
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

SERIES = "trade/CN-FJ/export/ASEAN/TOTAL"
_UNIT = {"us": 1e-6, "ms": 1e-3, "s": 1.0}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _prepare(data_dir: Path) -> dict[str, tuple[str, str]]:
    """Load the demo store and make one key per role: role -> (key_id, secret)."""
    from haisi.warehouse import Warehouse
    from haisi.warehouse.ops import ROLES, OpsDB

    from haisi.loading import load_reference, load_samples
    from haisi.settings import Settings

    s = Settings(data_dir=data_dir)
    wh = Warehouse.from_settings(s)
    load_reference(wh)
    load_samples(wh)
    from haisi.models.forecast.service import publish_forecast

    publish_forecast(wh.cleared("public"), SERIES)  # the stored forecast the bench reads
    ops = OpsDB(s.ops_db)
    return {r: ops.create_key(r, "bench") for r in ROLES}


def _pin(core: int | None) -> list[str]:
    return ["taskset", "-c", str(core)] if core is not None and shutil.which("taskset") else []


def _start(env: dict[str, str], port: int, core: int | None, python: str) -> subprocess.Popen:
    proc = subprocess.Popen(
        [
            *_pin(core),
            python,
            "-m",
            "uvicorn",
            "haisi.api.app:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
            "--timeout-keep-alive",
            "60",
        ],
        cwd=Path(python).parents[2],
        env=env,
    )
    for _ in range(600):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError("the service did not start")


def _wrk(url: str, key: str | None, seconds: float, conns: int, core: int | None) -> dict:
    """One wrk run: p50/p99 (s), req/s, responses received and non-2xx count."""
    cmd = [
        *_pin(core),
        "wrk",
        "-t1",
        f"-c{conns}",
        f"-d{seconds:g}s",
        "--latency",
        "--timeout",
        "30s",
    ]
    if key:
        cmd += ["-H", f"X-API-Key: {key}"]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout

    def lat(pct: str) -> float:
        v, unit = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", out, re.MULTILINE).groups()
        return float(v) * _UNIT[unit]

    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: .*", out)
    return {
        "p50": lat("50"),
        "p99": lat("99"),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
        "n": int(re.search(r"(\d+) requests in", out)[1]),
        "non2xx": int(bad[1]) if bad else 0,
        "socket_errors": errors[0] if errors else "",
    }


def _cpu(pid: int) -> float:
    """CPU seconds (user + system, all threads) process ``pid`` has used so far; NaN without
    /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _audited(data_dir: Path) -> dict[str, int]:
    """Audit rows per key id in the ops database."""
    import sqlite3

    con = sqlite3.connect(data_dir / "ops.sqlite")
    rows = con.execute("select key_id, count(*) from audit group by key_id").fetchall()
    con.close()
    return {k: n for k, n in rows if k}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=8, help="seconds per endpoint per round")
    ap.add_argument("--rounds", type=int, default=3, help="rounds over all endpoints")
    ap.add_argument("--connections", type=int, default=32, help="wrk connections")
    ap.add_argument("--quick", action="store_true", help="1 round of 4 s")
    ap.add_argument(
        "--server-python",
        default=sys.executable,
        help="the Python (of a venv inside a checkout) that runs the server, e.g. an "
        "older checkout's .venv/bin/python for a before/after comparison",
    )
    args = ap.parse_args()
    seconds, rounds = (4, 1) if args.quick else (args.seconds, args.rounds)
    if not shutil.which("wrk"):
        sys.exit("wrk not found: run scripts/system-deps.sh (Debian package wrk)")
    server_core, client_core = (0, 1) if (os.cpu_count() or 1) >= 2 else (None, None)
    tmp = Path(tempfile.mkdtemp(prefix="haisi-bench-api-"))
    data_dir = tmp / "var"
    proc = None
    try:
        keys = _prepare(data_dir)
        port = _free_port()
        env = {
            **os.environ,
            "HAISI_DATA_DIR": str(data_dir),
            "HAISI_TILE_URL": "none",
            "HAISI_RATE_LIMIT_PER_MINUTE": "1000000000",
            "OMP_NUM_THREADS": "1",
            "OPENBLAS_NUM_THREADS": "1",
        }
        proc = _start(env, port, server_core, args.server_python)
        base = f"http://127.0.0.1:{port}"
        cases = [
            ("/health", "/health", None),
            ("network top partners", "/network/top-partners?reporter=CN-FJ&period=2024", "customs"),
            ("stored forecast", f"/forecasts/stored?series_id={SERIES}", "analyst"),
            ("dataset page", "/datasets/trade_flows", "researcher"),
        ]
        received = {role: 1 for _, _, role in cases if role}
        cold: dict[str, float] = {}
        with httpx.Client(base_url=base, timeout=600) as c:  # one request each builds the caches
            for name, path, role in cases:
                if role:
                    t0 = time.perf_counter()
                    assert c.get(path, headers={"X-API-Key": keys[role][1]}).status_code == 200
                    cold[name] = time.perf_counter() - t0
        results: dict[str, list[dict]] = {name: [] for name, _, _ in cases}
        for rnd in range(rounds + 1):  # round 0 warms every endpoint and is not reported
            for name, path, role in cases:
                cpu = _cpu(proc.pid)
                res = _wrk(
                    base + path,
                    keys[role][1] if role else None,
                    2 if rnd == 0 else seconds,
                    args.connections,
                    client_core,
                )
                res["cpu"] = (_cpu(proc.pid) - cpu) / max(res["n"], 1)  # server CPU s/request
                if role:
                    received[role] += res["n"]
                if res["non2xx"] or res["socket_errors"]:
                    print(f"  {name}: {res['non2xx']} non-2xx, {res['socket_errors']}")
                if rnd:
                    results[name].append(res)

        metrics = httpx.get(f"{base}/metrics").text
        kept = re.search(r"^haisi_kept_answers_served (\S+)$", metrics, re.MULTILINE)
        proc.send_signal(signal.SIGKILL)  # no shutdown flush: the journal must carry the audit
        proc.wait(10)
        before = _audited(data_dir)
        proc = _start(env, port, server_core, args.server_python)  # replays the dead one's journal
        deadline = time.time() + 60
        while time.time() < deadline:
            after = _audited(data_dir)
            if all(after.get(keys[r][0], 0) >= n for r, n in received.items()):
                break
            time.sleep(0.5)

        print(
            f"wrk 1 thread, {args.connections} connections, {rounds} round(s) of {seconds:g} s "
            f"per endpoint (medians); uvicorn 1 worker on 127.0.0.1; server on core {server_core}, "
            f"wrk on core {client_core}; load average {os.getloadavg()[0]:.1f}"
        )
        print(
            f"{'endpoint':24} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>8} {'p50 ×health':>11} "
            f"{'req/s ÷health':>13} {'CPU µs/req':>10} {'÷health by CPU':>14}"
        )
        med = {
            name: {k: statistics.median(r[k] for r in rs) for k in ("p50", "p99", "rps", "cpu")}
            for name, rs in results.items()
        }
        h = med["/health"]
        for name, m in med.items():
            print(
                f"{name:24} {m['p50'] * 1e3:8.2f} {m['p99'] * 1e3:8.2f} {m['rps']:8.0f} "
                f"{m['p50'] / h['p50']:11.2f} {m['rps'] / h['rps']:13.2f} "
                f"{m['cpu'] * 1e6:10.0f} {h['cpu'] / m['cpu']:14.2f}"
            )
        print(
            "CPU µs/req: the server process's CPU time (all threads, the audit flusher included) "
            "per response; ÷health by CPU = /health's CPU per request ÷ the endpoint's, the "
            "ratio an idle core would give a CPU-bound server"
        )
        print(
            "first (uncached) answer: "
            + ", ".join(f"{name} {t * 1e3:.0f} ms" for name, t in cold.items())
            + f"; answers sent from kept bytes (api.answers): "
            f"{int(float(kept[1])) if kept else 0} (wrk received {sum(received.values())})"
        )
        print(
            "audit after kill -9 and restart (rows / responses wrk received; rows in the DB "
            "before the restart):"
        )
        complete = True
        for role, n in received.items():
            rows = after.get(keys[role][0], 0)
            complete &= rows >= n
            was = before.get(keys[role][0], 0)
            print(f"  {role:10} {rows:7d} / {n:7d}   (before restart: {was})")
        print("audit complete 审计完整" if complete else "AUDIT ROWS MISSING 审计缺失")
        if not complete:
            sys.exit(1)
    finally:
        if proc is not None and proc.poll() is None:
            proc.terminate()
            proc.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
