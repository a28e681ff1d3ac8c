"""What one piece of work read from the warehouse: the one read-recording context.

Two kinds of work need it. A **derivation** (a derived write: forecast publication, network
metrics, the nlp run) needs the tables its computation used and the view (so the clearance) each
was read by, so the rows it writes inherit the strictest class of exactly those inputs. A
**recording** (an API request whose answer may be kept, see ``api.answers``) needs every table
it touched and the version it saw first, so the kept answer is dropped when one of them changes.

Both are a :class:`ReadScope` in one context variable, so a scope belongs to the thread or task
that opened it (and the threads it hands work to via ``copy_context``): two requests or two
derivations never see each other's reads, and a long-lived ``Warehouse`` keeps no memory of
earlier ones. A scope opened inside another starts empty and hands what it noted outwards when
it closes (what the inner computation read, the outer one may have used). Derived rows written
outside any derivation are restricted (fail closed): nothing says what they came from.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from haisi.warehouse.tables import Tables

__all__ = ["ReadScope", "Versions", "current_derivation", "derivation", "recording", "touch", "use"]

# (store root, table) -> (the Tables object that touched it, the version it saw first); a table
# whose version could not be learnt maps to None.
Versions = dict[tuple[str, str], "tuple[Any, int | None] | None"]


class ReadScope:
    """The reads of one piece of work: tables used per view, and versions seen per table."""

    def __init__(self, *, derivation: bool, versions: bool) -> None:
        self.is_derivation = derivation
        self.wants_versions = versions  # probing a version is a round trip on object storage
        self.versions: Versions = {}
        self._lock = threading.Lock()  # worker threads share a scope through copy_context
        self._used: dict[tuple[str, str], tuple[Tables, set[str]]] = {}

    def use(self, view: Tables, names: list[str] | set[str]) -> None:
        """Note that ``view`` read the rows of ``names``."""
        if not names:
            return
        key = (view.location.describe(), view.clearance)
        with self._lock:
            self._used.setdefault(key, (view, set()))[1].update(names)

    def used(self) -> list[tuple[Tables, set[str]]]:
        """Each view this work read rows through, with the tables it read there."""
        with self._lock:
            return [(v, set(n)) for v, n in self._used.values()]

    def touch(self, tables: Tables, table: str) -> None:
        """Note ``table`` and the version ``tables`` sees now, once (the first version stays)."""
        if not self.wants_versions or (tables.root, table) in self.versions:
            return
        self.versions[(tables.root, table)] = None  # set first: the version probe comes back here
        self.versions[(tables.root, table)] = (tables, tables.version(table))

    def absorb(self, inner: ReadScope) -> None:
        """Take over what a nested scope noted when it closes; versions seen first here stay."""
        for view, names in inner.used():
            self.use(view, names)
        for key, seen in inner.versions.items():
            self.versions.setdefault(key, seen)


_SCOPE: ContextVar[ReadScope | None] = ContextVar("haisi_reads", default=None)


@contextmanager
def _scope(*, derivation: bool, versions: bool) -> Iterator[ReadScope]:
    outer = _SCOPE.get()
    scope = ReadScope(
        derivation=derivation, versions=versions or (outer is not None and outer.wants_versions)
    )
    token = _SCOPE.set(scope)
    try:
        yield scope
    finally:
        _SCOPE.reset(token)
        if outer is not None:
            outer.absorb(scope)


def derivation() -> AbstractContextManager[ReadScope]:
    """Open a derivation: an empty read set for this thread or task until the block ends."""
    return _scope(derivation=True, versions=False)


def recording() -> AbstractContextManager[ReadScope]:
    """Open a recording: every table touched in the block, with the version it saw first."""
    return _scope(derivation=False, versions=True)


def current_derivation() -> ReadScope | None:
    """The derivation open in this thread or task, if it is the innermost scope."""
    scope = _SCOPE.get()
    return scope if scope is not None and scope.is_derivation else None


def use(view: Tables, names: list[str] | set[str]) -> None:
    """Note a read of rows in the open scope (nothing outside one)."""
    scope = _SCOPE.get()
    if scope is not None:
        scope.use(view, names)


def touch(tables: Tables, table: str) -> None:
    """Called by every table access of ``tables``: note ``table`` and its version, once."""
    scope = _SCOPE.get()
    if scope is not None:
        scope.touch(tables, table)
