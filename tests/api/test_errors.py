"""The one error map: each kind has one status and one body; builtin exceptions are not kinds."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from haisi.api import errors
from haisi.warehouse import WarehouseError, WarehouseUnavailable

from haisi.cli import exit_code
from haisi.errors import Conflict, Forbidden, HaisiError, InvalidInput, NotFound, Unavailable


def _app(exc: Exception) -> TestClient:
    app = FastAPI()
    errors.install(app)

    @app.get("/boom")
    def boom() -> None:
        raise exc

    return TestClient(app, raise_server_exceptions=False)


@pytest.mark.parametrize(
    ("exc", "status", "kind"),
    [
        (InvalidInput("期间无效 bad period"), 400, "invalid"),
        (Forbidden("角色无权 role may not"), 403, "forbidden"),
        (NotFound("未知 unknown series"), 404, "not_found"),
        (Conflict("冲突 concurrent commit"), 409, "conflict"),
        (Unavailable("暂不可用 store down"), 503, "unavailable"),
        (WarehouseError("bad row"), 400, "invalid"),
        (WarehouseUnavailable("s3://b/x down"), 503, "unavailable"),
    ],
)
def test_each_kind_has_one_status_and_body(exc: HaisiError, status: int, kind: str) -> None:
    r = _app(exc).get("/boom")
    assert r.status_code == status
    assert r.json() == {"detail": str(exc), "kind": kind}
    assert ("Retry-After" in r.headers) == (status == 503)


@pytest.mark.parametrize("exc", [KeyError("series"), ValueError("no trade flows")])
def test_builtin_exceptions_are_bugs_not_kinds(exc: Exception) -> None:
    """A stray KeyError is a 500, never a 404 by accident; no status is read off a message."""
    assert _app(exc).get("/boom").status_code == 500


def test_storage_outage_is_not_invalid_input() -> None:
    assert not isinstance(WarehouseUnavailable("x"), (ValueError, InvalidInput))
    assert errors.status_of(WarehouseUnavailable("x")) == 503


def test_cli_exit_codes_follow_the_kind() -> None:
    codes = [exit_code(e("x")) for e in (InvalidInput, NotFound, Forbidden, Unavailable, Conflict)]
    assert codes == [2, 3, 4, 5, 6]
    assert exit_code(WarehouseUnavailable("x")) == 5
