"""A session store with the reference tables and the sample data, for map layers."""

from __future__ import annotations

import pytest

from haisi.loading import load_reference, load_samples
from haisi.warehouse import Warehouse


@pytest.fixture(scope="session")
def demo_wh(tmp_path_factory) -> Warehouse:
    wh = Warehouse(tmp_path_factory.mktemp("maps") / "warehouse")
    load_reference(wh)
    load_samples(wh)
    return wh
