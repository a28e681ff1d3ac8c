"""The one in-process cache of results that only change when a table gets a new version.

Every answer computed from warehouse tables (a network, its stored metrics, a map layer, a
query result, the catalogue) goes through :data:`RESULTS`: one LRU with a size limit, each
entry keyed by the store and the caller's key and valid for the table versions it was computed
at. A new version of a table (an ingest, a revision) makes the entry stale: it is recomputed,
never served.

What a piece of work read (for a derivation's class or a kept answer's validity) is noted by
:mod:`haisi.warehouse.reads`; a cache hit counts as a read of the tables it stands for.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

from haisi.warehouse import reads

__all__ = ["RESULTS", "VersionCache", "versioned"]

T = TypeVar("T")


class VersionCache:
    """LRU of ``key -> (table versions, value)`` holding at most ``maxsize`` entries.

    One computation per key and versions at a time: callers asking for the same while it runs
    wait for its value (after an ingest, 32 requests do not compute one network 32 times).
    """

    def __init__(self, maxsize: int = 256) -> None:
        self.maxsize = maxsize
        self._data: OrderedDict[Hashable, tuple[Hashable, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._running: dict[tuple[Hashable, Hashable], threading.Event] = {}

    def __len__(self) -> int:
        return len(self._data)

    def get(self, key: Hashable, versions: Hashable, compute: Callable[[], T]) -> T:
        """The cached value for ``key`` at ``versions``, computing (outside the lock) on a miss."""
        while True:
            with self._lock:
                hit = self._data.get(key)
                if hit is not None and hit[0] == versions:
                    self._data.move_to_end(key)
                    return hit[1]
                running = self._running.get((key, versions))
                if running is None:
                    done = self._running[(key, versions)] = threading.Event()
                    break
            running.wait()  # then a hit, or (the computation failed) compute it here
        try:
            value = compute()
            with self._lock:
                self._data[key] = (versions, value)
                self._data.move_to_end(key)
                while len(self._data) > self.maxsize:
                    self._data.popitem(last=False)
            return value
        finally:
            with self._lock:
                del self._running[(key, versions)]
            done.set()

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
    reads.use(wh, list(tables))
    versions = tuple(wh.version(t) for t in tables)
    return RESULTS.get((wh.cache_id, key), versions, compute)
