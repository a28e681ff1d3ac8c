"""The API keeps its contract: schemathesis with every check, a bounded number of examples per
operation, as admin (every router) against the real server on 127.0.0.1 over the demo store
(background jobs run after their 202, as in production)."""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hsettings
from schemathesis.checks import CHECKS

EXAMPLES = int(os.environ.get("HAISI_CONTRACT_EXAMPLES", "6"))


@pytest.fixture(scope="module")
def schema(live_server):
    return schemathesis.openapi.from_url(f"{live_server}/openapi.json")


def test_every_operation_passes_every_check(schema, keys, live_server) -> None:
    checks = CHECKS.get_all()
    failures: list[str] = []
    ops = [r.ok() for r in schema.get_all_operations()]
    assert len(ops) >= 30
    for op in ops:

        @given(case=op.as_strategy())
        @hsettings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],  # report, do not shrink
            suppress_health_check=list(HealthCheck),
        )
        def check(case) -> None:
            if case.method == "DELETE":
                case.path_parameters = {"key_id": "hs_00000000"}  # never revoke the keys under test
            try:
                case.call_and_validate(
                    base_url=live_server,
                    headers={"X-API-Key": keys["admin"]},
                    checks=checks,
                    timeout=60,
                )
            except BaseException as e:  # collect, so one run lists every operation's failures
                failures.append(
                    f"{op.method.upper()} {op.path}: {type(e).__name__}: {str(e)[:400]}"
                )
                raise

        try:
            check()
        except BaseExceptionGroup:  # schemathesis reports its findings as a group: listed above
            pass
    assert not failures, "\n\n".join(failures)
