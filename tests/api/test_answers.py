"""Kept answers (``api.answers``) on a real ``haisi serve``: a repeated stored-result GET is sent
from the kept bytes, yet each one is authenticated and audited (also across ``kill -9``), a
revocation or a new table version ends it at once, and one role never gets another's bytes."""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path

import httpx
import pytest
from haisi.warehouse import Provenance, Warehouse
from haisi.warehouse.ops import OpsDB

from haisi.loading import load_reference, load_samples
from haisi.samples import SAMPLE_CUSTOMS_SOURCE, generate
from haisi.settings import Settings
from tests.api.conftest import serve

TOP = "/network/top-partners?reporter=CN-FJ&period=2024"
PAGE = "/datasets/trade_flows"


@pytest.fixture(scope="module")
def store(tmp_path_factory, shared_data) -> Path:
    """A store like ``haisi demo``'s (reference and sample tables); the last test revises it."""
    root = tmp_path_factory.mktemp("answers") / "store"
    wh = Warehouse(root)
    load_reference(wh)
    load_samples(wh)
    return root


@pytest.fixture
def env(store: Path, shared_data: Path, tmp_path: Path) -> dict[str, str]:
    """``haisi serve`` environment over ``store`` with its own ops database."""
    return {
        **os.environ,
        "HAISI_DATA_DIR": str(tmp_path / "var"),
        "HAISI_STORE_DIR": str(store),
        "HAISI_TILE_URL": "none",
        "HAISI_SHARED_DATA": str(shared_data),
        "HAISI_REQUIRE_API_KEY": "true",
        "HAISI_RATE_LIMIT_PER_MINUTE": "100000",
    }


def _ops(env: dict[str, str]) -> OpsDB:
    return OpsDB(Settings(data_dir=Path(env["HAISI_DATA_DIR"])).ops_db)


def _served(url: str) -> int:
    """Kept answers the server has sent so far (its /metrics)."""
    text = httpx.get(f"{url}/metrics").text
    return int(float(re.search(r"^haisi_kept_answers_served (\S+)$", text, re.M)[1]))


def _audit_rows(ops: OpsDB, key_id: str | None, want: int, wait_s: float = 30) -> list[dict]:
    """The audit rows of ``key_id`` once there are ``want`` (or after ``wait_s``)."""
    deadline = time.time() + wait_s
    while True:
        rows = [a for a in ops.audit_log(10_000) if a["key_id"] == key_id]
        if len(rows) >= want or time.time() > deadline:
            return rows
        time.sleep(0.2)


def test_every_kept_answer_is_audited_even_after_kill_9(env) -> None:
    ops = _ops(env)
    key_id, secret = ops.create_key("researcher", "kept answers")
    with serve(env) as (proc, url):
        with httpx.Client(base_url=url, headers={"X-API-Key": secret}, timeout=60) as c:
            bodies = {c.get(PAGE).content for _ in range(40)}
            assert len(bodies) == 1
            assert _served(url) >= 39  # all but the first were sent from the kept bytes
        proc.send_signal(signal.SIGKILL)  # no flush: the journal must hold the rows
        proc.wait(10)
    with serve(env):  # replays the dead process's journal
        rows = _audit_rows(ops, key_id, 40)
    assert len(rows) == 40
    assert {(r["resource"], r["status"], r["action"], r["role"]) for r in rows} == {
        (PAGE, 200, "read", "researcher")
    }


def test_a_revocation_ends_a_kept_answer_at_once_and_etags_revalidate(env) -> None:
    ops = _ops(env)
    _, admin = ops.create_key("admin", "revoker")
    key_id, secret = ops.create_key("researcher", "to revoke")
    with serve(env) as (_, url):
        with httpx.Client(base_url=url, headers={"X-API-Key": secret}, timeout=60) as c:
            first, again = c.get(PAGE), c.get(PAGE)
            assert again.content == first.content and _served(url) == 1
            etag = again.headers["etag"]
            assert etag == first.headers["etag"]
            same = c.get(PAGE, headers={"If-None-Match": etag})
            assert same.status_code == 304 and same.content == b""
            other = c.get(PAGE, headers={"If-None-Match": '"not-it"'})
            assert other.status_code == 200 and other.content == first.content
            r = httpx.delete(f"{url}/admin/keys/{key_id}", headers={"X-API-Key": admin}, timeout=30)
            assert r.status_code == 200
            assert c.get(PAGE).status_code == 401  # the same process: at once
            assert c.get(PAGE, headers={"If-None-Match": etag}).status_code == 401
        rows = _audit_rows(ops, key_id, 4)
        refused = _audit_rows(ops, None, 2)  # a refused key leaves nothing of itself
    assert sorted(r["status"] for r in rows) == [200, 200, 200, 304]
    assert [(r["status"], r["action"], r["resource"]) for r in refused] == [
        (401, "auth_failed", PAGE)
    ] * 2


def test_a_role_never_gets_the_kept_answer_of_another(env) -> None:
    """Customs see the restricted trade cells in full; a researcher asking the same URL right
    after gets the disclosure-controlled page, never the customs bytes."""
    ops = _ops(env)
    customs = ops.create_key("customs", "cleared")[1]
    researcher = ops.create_key("researcher", "public")[1]
    with serve(env) as (_, url):
        with httpx.Client(base_url=url, timeout=60) as c:
            full = [c.get(PAGE, headers={"X-API-Key": customs}) for _ in range(2)]
            assert full[0].content == full[1].content and _served(url) == 1
            assert full[0].json()["access"] == "full"
            for _ in range(2):
                public = c.get(PAGE, headers={"X-API-Key": researcher})
                assert public.status_code == 200 and public.content != full[0].content
                assert public.json()["access"] == "disclosure-controlled"
                assert public.json()["disclosure_control"]["suppressed"] >= 1
                assert public.headers["etag"] != full[0].headers["etag"]
            assert _served(url) == 2  # the researcher's second answer: its own kept bytes
            # the same answer for a browser is the HTML page, never the kept JSON
            page = c.get(PAGE, headers={"X-API-Key": researcher, "Accept": "text/html"})
            assert page.headers["content-type"].startswith("text/html")


def test_a_new_version_of_a_table_read_replaces_the_kept_answer(env, store: Path) -> None:
    """Revise one trade cell (another process's ingest): the very next answer is the new one,
    the same as a fresh service computes, and it is kept again."""
    from fastapi.testclient import TestClient
    from haisi.api.app import create_app

    ops = _ops(env)
    secret = ops.create_key("customs", "network")[1]
    with serve(env) as (_, url):
        with httpx.Client(base_url=url, headers={"X-API-Key": secret}, timeout=120) as c:
            before = c.get(TOP)
            assert c.get(TOP).content == before.content and _served(url) == 1
            assert before.json()["data"][0]["partner"] != "IDN"
            trade = generate().trade_flows
            cell = trade[
                (trade.period == "2024-06")
                & (trade.partner == "IDN")
                & (trade.flow == "export")
                & (trade.hs_code == "85")
            ].assign(value=9.0e12, contributors=60, top_share=0.1)
            assert len(cell) == 1
            Warehouse(store).append(
                "trade_flows", cell, provenance=Provenance(SAMPLE_CUSTOMS_SOURCE, "rev", "rev-1")
            )
            after = c.get(TOP)
            assert after.status_code == 200 and _served(url) == 1  # not the kept bytes
            assert after.json()["data"][0]["partner"] == "IDN"
            assert after.headers["etag"] != before.headers["etag"]
            assert c.get(TOP).content == after.content and _served(url) == 2  # kept again
    fresh = create_app(Settings(data_dir=Path(env["HAISI_DATA_DIR"]), store_dir=store))
    with TestClient(fresh) as tc:
        expected = tc.get(TOP, headers={"X-API-Key": secret})
    assert expected.json() == after.json()
