"""The read scope of one derivation: which tables a computation read, so the rows it writes
inherit the strictest class of exactly those inputs.

A derived writer (forecast publication, network metrics, the nlp run) wraps its reads and its
write in ``with wh.derivation():``. The scope lives in a context variable, so it belongs to the
thread (or task) that opened it: two derivations in the API's thread pool never see each other's
reads, and a long-lived ``Warehouse`` keeps no memory of earlier reads. A scope opened inside
another starts empty and hands its reads to the outer one when it closes (what the inner
computation read, the outer one may have used). Derived rows written outside any scope are
restricted (fail closed): nothing says what they came from.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from haisi.warehouse.tables import Tables

__all__ = ["Derivation", "current", "derivation", "record"]


class Derivation:
    """The tables one derivation read, with the view (and so the clearance) each was read by."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # a scope handed to worker threads via copy_context
        self._reads: dict[tuple[str, str], tuple[Tables, set[str]]] = {}

    def record(self, view: Tables, names: list[str] | set[str]) -> None:
        """Note that ``view`` read ``names``."""
        if not names:
            return
        key = (view.location.describe(), view.clearance)
        with self._lock:
            self._reads.setdefault(key, (view, set()))[1].update(names)

    def reads(self) -> list[tuple[Tables, set[str]]]:
        """Each view this derivation read through, with the tables it read there."""
        with self._lock:
            return [(v, set(n)) for v, n in self._reads.values()]

    def absorb(self, other: Derivation) -> None:
        """Take over ``other``'s reads (a nested derivation that closed)."""
        for view, names in other.reads():
            self.record(view, names)


_SCOPE: ContextVar[Derivation | None] = ContextVar("haisi_derivation", default=None)


def current() -> Derivation | None:
    """The derivation open in this thread or task, if any."""
    return _SCOPE.get()


def record(view: Tables, names: list[str] | set[str]) -> None:
    """Note a read in the open derivation (nothing outside one)."""
    scope = _SCOPE.get()
    if scope is not None:
        scope.record(view, names)


@contextmanager
def derivation() -> Iterator[Derivation]:
    """Open a derivation: an empty read set for this thread or task until the block ends."""
    outer = _SCOPE.get()
    scope = Derivation()
    token = _SCOPE.set(scope)
    try:
        yield scope
    finally:
        _SCOPE.reset(token)
        if outer is not None:
            outer.absorb(scope)
