"""Where batch work runs: the one small interface the models call, and how engines are found.

The models never import an engine. ``local`` (this process, or its process pool) is built in;
other engines (Spark: ``pip install haisi[spark]``) register under the entry-point group
``haisi.engines`` and are looked up by name, so a missing optional engine is a clear error,
not an import failure.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Protocol, runtime_checkable

import pandas as pd

from haisi.errors import InvalidInput, Unavailable

__all__ = ["Engine", "Forecaster", "ENTRY_POINT_GROUP", "available", "load"]

ENTRY_POINT_GROUP = "haisi.engines"

#: ``forecaster(series, horizon=h)``: ``series`` has columns ``ds`` (sorted) and ``y``; it returns
#: one row per forecast step. ``horizon=None`` means the forecaster's own default.
Forecaster = Callable[..., pd.DataFrame]


@runtime_checkable
class Engine(Protocol):
    """A place to run many independent per-series fits at once."""

    name: str

    def forecast_many(
        self,
        frame: pd.DataFrame,
        *,
        horizon: int | None,
        forecaster: Forecaster,
        id_col: str = "unique_id",
    ) -> pd.DataFrame:
        """``forecaster`` on every series of the long frame ``(id_col, ds, y)``, rows per series."""
        ...


def available() -> list[str]:
    """Names of the engines installed here (``local`` always)."""
    return ["local", *sorted(ep.name for ep in entry_points(group=ENTRY_POINT_GROUP))]


def load(name: str, **options: object) -> Engine:
    """The engine registered as ``name``, built with ``options`` (e.g. ``master`` for Spark)."""
    eps = {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}
    if name not in eps:
        raise InvalidInput(f"未知引擎 unknown engine {name!r}; installed: {', '.join(available())}")
    try:
        engine = eps[name].load()(**options)
    except ImportError as exc:
        raise Unavailable(
            f"引擎未安装 engine {name!r} is not installed here ({exc}); "
            f"install it with: pip install 'haisi[{name}]'"
        ) from exc
    if not isinstance(engine, Engine):
        raise InvalidInput(f"entry point {name!r} does not build a haisi engine")
    return engine
