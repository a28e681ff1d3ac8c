"""Fixtures for the service: one demo store per session, an app, a key per role, a live server."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from haisi.loading import load_reference, load_samples
from haisi.settings import Settings
from warehouse import Warehouse
from warehouse.ops import ROLES


@pytest.fixture(scope="session")
def demo_settings(tmp_path_factory, shared_data: Path) -> Settings:
    """Settings over a store holding the reference tables and the sample data (``haisi demo``)."""
    root = tmp_path_factory.mktemp("api")
    s = Settings(data_dir=root / "var", shared_data=shared_data, tile_url="none",
                 rate_limit_per_minute=1_000_000)
    wh = Warehouse(s.store_dir)
    load_reference(wh)
    load_samples(wh)
    return s


@pytest.fixture(scope="session")
def app(demo_settings):
    from api.app import create_app

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


@pytest.fixture(scope="session")
def live_server(demo_settings):
    """A real uvicorn serving the app on 127.0.0.1 (free port), in a thread; yields its base URL."""
    import uvicorn

    from api.app import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(demo_settings), host="127.0.0.1", port=port,
                                           log_level="warning"))
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
