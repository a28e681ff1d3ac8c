"""Shared fixtures: the real shared data folder and a fresh warehouse per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from haisi.warehouse import Warehouse  # noqa: E402
from haisi.warehouse.ops import OpsDB  # noqa: E402

from haisi.settings import Settings, get_settings  # noqa: E402


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``HAISI_SHARED_DATA`` (default ../shared/data); tests that need it fail loudly if absent."""
    path = get_settings().shared_data
    if not path.is_dir():
        pytest.fail(f"shared data folder not found at {path}; set HAISI_SHARED_DATA")
    return path


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings rooted in a temporary data dir, so each test has its own store."""
    return Settings(data_dir=tmp_path / "var", shared_data=get_settings().shared_data)


@pytest.fixture
def warehouse(settings: Settings) -> Warehouse:
    return Warehouse(settings.store_dir)


@pytest.fixture
def ops(settings: Settings) -> OpsDB:
    return OpsDB(settings.ops_db)


@pytest.fixture(scope="session")
def test_output() -> Path:
    """Folder for artefacts a person may want to look at (screenshots, maps)."""
    out = Path(__file__).resolve().parent.parent / "test-output"
    out.mkdir(exist_ok=True)
    return out


def start_s3_server(bucket: str = "haisi-test") -> tuple[object, dict[str, str]]:
    """A real S3-compatible server on 127.0.0.1 (moto's, in its own process) with one bucket.

    Returns the process and the store: bucket URI, endpoint and the storage options a
    warehouse needs. Its own process, because deltalake's object-store calls hold the GIL.
    """
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    import boto3

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(endpoint, timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"S3 test server did not start on {endpoint}")
            time.sleep(0.2)
    options = {
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_REGION": "us-east-1",
        "AWS_ALLOW_HTTP": "true",
        "AWS_ACCESS_KEY_ID": "haisi-test",
        "AWS_SECRET_ACCESS_KEY": "haisi-test-secret",
    }
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="haisi-test",
        aws_secret_access_key="haisi-test-secret",
    ).create_bucket(Bucket=bucket)
    return proc, {"uri": f"s3://{bucket}", "endpoint": endpoint, "options": options}


@pytest.fixture(scope="session")
def s3_store() -> dict[str, str]:
    """The session's S3-compatible server (see :func:`start_s3_server`)."""
    proc, store = start_s3_server()
    yield store
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def s3_warehouse(s3_store, request) -> Warehouse:
    """A warehouse under its own prefix of the S3 test bucket."""
    import uuid

    return Warehouse(
        f"{s3_store['uri']}/{request.node.name[:40]}-{uuid.uuid4().hex[:8]}", s3_store["options"]
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Spark is the optional extra ``haisi[spark]``: without pyspark its tests skip cleanly."""
    import importlib.util

    if importlib.util.find_spec("pyspark") is not None:
        return
    skip = pytest.mark.skip(reason="pyspark not installed (pip install 'haisi[spark]')")
    for item in items:
        if "spark" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    """The session's real PostgreSQL server on 127.0.0.1 (see :mod:`tests.opsdb`)."""
    from tests.opsdb import postgres_server

    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def ops_target(request, tmp_path: Path) -> str:
    """An empty ops database on each backend: a SQLite file path, then a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "ops.sqlite")
    from tests.opsdb import new_database

    return new_database(request.getfixturevalue("postgres_server_url"))
