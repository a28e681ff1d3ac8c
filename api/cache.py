"""A small per-app cache of results that only change when a table gets a new version."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

__all__ = ["VersionCache"]


class VersionCache:
    """LRU of ``key -> (table versions, value)``; a stale entry is recomputed, not served."""

    def __init__(self, maxsize: int = 256) -> None:
        self.maxsize = maxsize
        self._data: OrderedDict[Hashable, tuple[Hashable, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, versions: Hashable, compute: Callable[[], Any]) -> Any:
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
