"""``haisi keys create / list / revoke``: the secret is printed once, stored only hashed."""

from __future__ import annotations

import sqlite3

from haisi.warehouse.ops import OpsDB
from typer.testing import CliRunner

from haisi.cli import app
from haisi.settings import get_settings


def test_keys_create_list_revoke(tmp_path, monkeypatch):
    monkeypatch.setenv("HAISI_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    try:
        run = CliRunner().invoke
        out = run(app, ["keys", "create", "--role", "customs", "--label", "福州海关"])
        assert out.exit_code == 0, out.output
        fields = dict(line.split(": ", 1) for line in out.stdout.splitlines() if ": " in line)
        key_id, secret = fields["key_id"], fields["secret"]
        ops = OpsDB(tmp_path / "ops.sqlite")
        assert ops.lookup_key(secret)["role"] == "customs"
        dump = "\n".join(sqlite3.connect(tmp_path / "ops.sqlite").iterdump())
        assert secret not in dump and key_id in dump
        listed = run(app, ["keys", "list"])
        assert (
            key_id in listed.stdout and "customs" in listed.stdout and secret not in listed.stdout
        )
        assert run(app, ["keys", "revoke", key_id]).exit_code == 0
        assert ops.lookup_key(secret) is None
        again = run(app, ["keys", "revoke", key_id])
        assert again.exit_code == 1
        bad = run(app, ["keys", "create", "--role", "pirate"])
        assert bad.exit_code == 2 and "unknown role 'pirate'" in bad.output
    finally:
        get_settings.cache_clear()
