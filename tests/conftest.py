"""Shared fixtures: the real shared data folder and a fresh warehouse per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from haisi.settings import Settings, get_settings  # noqa: E402
from warehouse import Warehouse  # noqa: E402
from warehouse.ops import OpsDB  # noqa: E402


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
