"""The one in-process cache of results that only change when a table gets a new version.

Every answer computed from warehouse tables (a network, its stored metrics, a map layer, a
query result, the catalogue) goes through :data:`RESULTS`: one LRU with a size limit, each
entry keyed by the store and the caller's key and valid for the table versions it was computed
at. A new version of a table (an ingest, a revision) makes the entry stale: it is recomputed,
never served.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

from haisi.warehouse import derivation

__all__ = ["RESULTS", "VersionCache", "versioned"]

T = TypeVar("T")


class VersionCache:
    """LRU of ``key -> (table versions, value)`` holding at most ``maxsize`` entries."""

    def __init__(self, maxsize: int = 256) -> None:
        self.maxsize = maxsize
        self._data: OrderedDict[Hashable, tuple[Hashable, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._data)

    def get(self, key: Hashable, versions: Hashable, compute: Callable[[], T]) -> T:
        """The cached value for ``key`` at ``versions``, computing (outside the lock) on a miss."""
        with self._lock:
            hit = self._data.get(key)
            if hit is not None and hit[0] == versions:
                self._data.move_to_end(key)
                return hit[1]
        value = compute()
        with self._lock:
            self._data[key] = (versions, value)
            self._data.move_to_end(key)
            while len(self._data) > self.maxsize:
                self._data.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget every entry (benchmarks measure cold computations with it)."""
        with self._lock:
            self._data.clear()


# A network view holds a graph of up to tens of thousands of edges (megabytes): 128 entries keep
# the dozens of selections a session uses without letting memory grow with every new query.
RESULTS = VersionCache(maxsize=128)


def versioned(wh: Any, tables: Sequence[str], key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()`` cached in :data:`RESULTS` under ``key`` for ``wh``'s store as its caller's
    clearance sees it (a public view never gets a customs answer), until one of ``tables`` gets a
    new version. An open derivation counts ``tables`` as read, hit or miss (the answer came from
    them)."""
    derivation.record(wh, list(tables))
    versions = tuple(wh.version(t) for t in tables)
    return RESULTS.get((wh.cache_id, key), versions, compute)
