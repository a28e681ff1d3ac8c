"""A session store like ``haisi demo``'s (reference tables, starter set, sample data),
for map layers."""

from __future__ import annotations

import pytest
from haisi.warehouse import Warehouse

from haisi.loading import load_reference, load_samples, load_starter


@pytest.fixture(scope="session")
def demo_wh(tmp_path_factory) -> Warehouse:
    wh = Warehouse(tmp_path_factory.mktemp("maps") / "warehouse")
    load_reference(wh)
    load_samples(wh)
    load_starter(wh)
    return wh
