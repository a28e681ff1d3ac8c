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


@contextmanager
def serve_replicas(env: dict[str, str], n: int = 2) -> Iterator[list[str]]:
    """``n`` real ``haisi serve`` processes with ``env`` on free ports; yields their base URLs."""
    haisi = Path(sys.executable).with_name("haisi")
    ports = [_free_port() for _ in range(n)]
    procs = [
        subprocess.Popen(
            [str(haisi), "serve", "--host", "127.0.0.1", "--port", str(p)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for p in ports
    ]
    urls = [f"http://127.0.0.1:{p}" for p in ports]
    try:
        deadline = time.time() + 60
        for url in urls:
            while True:
                try:
                    if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert time.time() < deadline, "replica did not start"
                time.sleep(0.2)
        yield urls
    finally:
        for p in procs:
            p.terminate()
            p.wait(20)


@contextmanager
def serve(env: dict[str, str]) -> Iterator[tuple[subprocess.Popen, str]]:
    """One real ``haisi serve`` on a free port; yields the process and its base URL."""
    port = _free_port()
    haisi = Path(sys.executable).with_name("haisi")
    proc = subprocess.Popen(
        [haisi, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None and time.time() < deadline, "haisi serve did not start"
            time.sleep(0.2)
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
