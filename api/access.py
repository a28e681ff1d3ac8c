"""Who may reach what: the role matrix, the open-in-demo routers and per-key rate limits.

One table says which role reaches which router. ``network`` serves customs figures
(declaration-level mirror gaps, partner links) and is reachable by customs and admin only;
``admin`` by admin only. With ``settings.require_api_key = False`` (a local demo) the
routers in :data:`OPEN_WITHOUT_KEY` answer anonymous callers too; ``network`` and
``admin`` never do. A presented key is always checked: a wrong key is 401 even in a demo.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from dataclasses import dataclass

__all__ = ["ROLE_MATRIX", "OPEN_WITHOUT_KEY", "Caller", "RateLimiter", "allowed"]

ROLE_MATRIX: dict[str, frozenset[str]] = {
    "forecasts": frozenset({"analyst", "researcher", "admin"}),
    "network": frozenset({"customs", "admin"}),
    "maps": frozenset({"tourism", "analyst", "customs", "researcher", "admin"}),
    "datasets": frozenset({"researcher", "analyst", "customs", "admin"}),
    "documents": frozenset({"analyst", "customs", "tourism", "researcher", "admin"}),
    "admin": frozenset({"admin"}),
    "crossstrait": frozenset({"tourism", "analyst", "customs", "researcher", "admin"}),
}

OPEN_WITHOUT_KEY = frozenset({"forecasts", "maps", "datasets", "documents", "crossstrait"})


@dataclass(frozen=True)
class Caller:
    """Who is calling: a key id and role, or anonymous (both None) with the client address."""

    key_id: str | None
    role: str | None
    client: str

    @property
    def identity(self) -> str:
        """The rate-limit bucket: the key id, or the client address for anonymous callers."""
        return self.key_id or f"ip:{self.client}"


def allowed(router: str, role: str | None, *, require_api_key: bool) -> bool:
    """Whether ``role`` (None = anonymous) may use ``router`` under the key setting."""
    if role is None:
        return not require_api_key and router in OPEN_WITHOUT_KEY
    return role in ROLE_MATRIX[router]


class RateLimiter:
    """At most ``per_minute`` requests per identity in any 60 seconds; thread-safe, in process.

    A sliding window: fixed one-minute windows let a burst straddling a minute boundary through
    twice (the limit at 11:59:59 and again at 12:00:00).
    """

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._lock = threading.Lock()
        self._hits: dict[str, deque[float]] = {}

    def hit(self, identity: str, now: float | None = None) -> int:
        """Count one request; returns 0 if allowed, else the seconds until one is allowed again."""
        now = time.time() if now is None else now
        with self._lock:
            hits = self._hits.setdefault(identity, deque())
            while hits and hits[0] <= now - 60:
                hits.popleft()
            if len(hits) >= self.per_minute:
                return max(1, math.ceil(hits[0] + 60 - now)) if hits else 60
            hits.append(now)
            if len(self._hits) > 100_000:
                self._hits = {k: v for k, v in self._hits.items() if v and v[-1] > now - 60}
        return 0
