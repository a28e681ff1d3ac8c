"""A warehouse holding every real source of :mod:`netdata`, loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from haisi.warehouse import Warehouse

from tests.models.network.netdata import LOADERS, load


@pytest.fixture(scope="session")
def real(tmp_path_factory, shared_data: Path):
    """(warehouse, frames): every source of netdata.LOADERS; tests add only derived tables."""
    wh = Warehouse(tmp_path_factory.mktemp("network") / "warehouse")
    frames = load(wh, shared_data, *LOADERS)
    return wh, frames
