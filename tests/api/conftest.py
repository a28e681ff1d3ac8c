"""Fixtures for the service: one demo store per session, an app, a key per role, a live server."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from haisi.warehouse import Warehouse
from haisi.warehouse.ops import ROLES

from haisi.loading import load_reference, load_samples, load_starter
from haisi.settings import Settings


@pytest.fixture(scope="session")
def demo_settings(tmp_path_factory, shared_data: Path) -> Settings:
    """Settings over a store like ``haisi demo``'s: reference tables, the real starter set and the
    sample data."""
    root = tmp_path_factory.mktemp("api")
    s = Settings(
        data_dir=root / "var",
        shared_data=shared_data,
        tile_url="none",
        rate_limit_per_minute=1_000_000,
        failed_key_limit_per_minute=1_000_000,
    )
    wh = Warehouse(s.store_dir)
    load_reference(wh)
    load_samples(wh)
    load_starter(wh)
    return s


@pytest.fixture(scope="session")
def app(demo_settings):
    from haisi.api.app import create_app

    return create_app(demo_settings)


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="session")
def keys(app) -> dict[str, str]:
    """One fresh secret per role."""
    return {role: app.state.ops.create_key(role, f"test {role}")[1] for role in ROLES}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def haisi_cli(env: dict[str, str], *args: str) -> str:
    """Run ``haisi ARGS`` with ``env``; fail the test with its stderr when it exits non-zero."""
    haisi = Path(sys.executable).with_name("haisi")
    out = subprocess.run([str(haisi), *args], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


def _start_serve(env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """Start one real ``haisi serve`` on a free port: its process and base URL."""
    port = _free_port()
    haisi = Path(sys.executable).with_name("haisi")
    proc = subprocess.Popen(
        [haisi, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return proc, f"http://127.0.0.1:{port}"


def _wait_healthy(started: list[tuple[subprocess.Popen, str]], deadline: float) -> None:
    """Wait until each started server answers ``/health`` (fail if one exits or time runs out)."""
    for proc, url in started:
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None and time.time() < deadline, "haisi serve did not start"
            time.sleep(0.2)


@contextmanager
def serve_replicas(env: dict[str, str], n: int = 2) -> Iterator[list[str]]:
    """``n`` real ``haisi serve`` processes with ``env`` on free ports; yields their base URLs."""
    started = [_start_serve(env) for _ in range(n)]
    try:
        _wait_healthy(started, time.time() + 60)
        yield [url for _, url in started]
    finally:
        for proc, _ in started:
            proc.terminate()
            proc.wait(20)


@contextmanager
def serve(env: dict[str, str]) -> Iterator[tuple[subprocess.Popen, str]]:
    """One real ``haisi serve`` on a free port; yields the process and its base URL."""
    proc, url = _start_serve(env)
    try:
        _wait_healthy([(proc, url)], time.time() + 60)
        yield proc, url
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(30)


@pytest.fixture(scope="session")
def live_server(demo_settings):
    """A real uvicorn serving the app on 127.0.0.1 (free port), in a thread; yields its base URL."""
    import uvicorn
    from haisi.api.app import create_app

    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(demo_settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not server.started:
        if time.time() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
