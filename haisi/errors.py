"""The one exception family of the product: every deliberate error says what kind it is.

Four kinds (plus conflict) cover every failure a caller can act on; the API maps each kind to
one HTTP status in one place (``haisi.api.errors``) and the CLI to one exit code. Nothing is
chosen by matching message text, and builtin exceptions (``KeyError``, ``ValueError``) are bugs,
never "not found" or "invalid". Messages are Chinese first with English beside.
"""

from __future__ import annotations

from typing import Any, ClassVar

__all__ = ["HaisiError", "NotFound", "InvalidInput", "Forbidden", "Unavailable", "Conflict"]


class HaisiError(Exception):
    """Base of every deliberate error; ``kind`` names it for HTTP, CLI and logs."""

    kind: ClassVar[str] = "error"

    def __init__(self, message: str, *, detail: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or {}

    def __str__(self) -> str:
        return self.message


class NotFound(HaisiError):
    """The thing asked for does not exist (unknown series, node, dataset, version, key)."""

    kind = "not_found"


class InvalidInput(HaisiError):
    """The request or the data is malformed: the message names the field, file, row or column."""

    kind = "invalid"


class Forbidden(HaisiError):
    """The caller's role may not see or do this."""

    kind = "forbidden"


class Unavailable(HaisiError):
    """A dependency (object storage, ops database, a model) cannot be reached now; try later."""

    kind = "unavailable"


class Conflict(HaisiError):
    """The request collides with the current state (a concurrent commit, a running job)."""

    kind = "conflict"
