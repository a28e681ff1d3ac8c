"""CLI exports are filtered by role through the one read path (``Warehouse.cleared``): canaries
planted in restricted cells of a real temporary store never reach the output of a ``haisi``
command run without ``--role`` or as a non-customs role; customs and admin do see them.

Customs and admin run first, so restricted results they store (network metrics) are in the store
when the other roles run: a stored answer must not leak either."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from haisi.warehouse import Provenance, Warehouse
from typer.testing import CliRunner

from haisi.cli import app
from haisi.loading import load_reference, load_samples
from haisi.samples import SAMPLE_CUSTOMS_SOURCE, generate
from haisi.settings import get_settings

CANARIES = ("918726354", "617283945")  # the planted values' leading digits
SHOWN = [  # commands whose output names the canary cell itself (customs sees the value)
    ["network", "top", "CN-FJ", "--period", "2025-06", "--product", "85", "--flow", "export"],
    ["network", "top", "CN-FJ", "--period", "2025-03", "--product", "84", "--flow", "import"],
    ["network", "changes", "--from", "2025-05", "--to", "2025-06", "--product", "85"],
]
OTHERS = [  # commands whose output is derived from the canary cells among others
    ["network", "metrics", "--period", "2025-06", "--product", "85", "--flow", "export"],
    ["network", "mirror", "CN-FJ", "--period", "2025-06"],
    ["forecast", "series"],
    ["forecast", "run", "trade/CN-FJ/export/USA/85", "--horizon", "2"],
]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """A store with the sample data and two restricted canary cells: one with two declarants,
    one where a declarant holds 91 % (disclosure control suppresses both)."""
    root = tmp_path_factory.mktemp("cliroles") / "var"
    wh = Warehouse(root / "warehouse")
    load_reference(wh)
    load_samples(wh)
    trade = generate().trade_flows

    def cell(period: str, partner: str, flow: str, hs: str) -> pd.DataFrame:
        t = trade
        pick = (t.period == period) & (t.partner == partner) & (t.flow == flow)
        return t[pick & (t.hs_code == hs)].copy()

    planted = pd.concat(
        [
            cell("2025-06", "USA", "export", "85").assign(
                value=9187263544.37, contributors=2, top_share=0.7
            ),
            cell("2025-03", "JPN", "import", "84").assign(
                value=6172839451.29, contributors=40, top_share=0.91
            ),
        ]
    )
    assert len(planted) == 2
    wh.append(
        "trade_flows", planted, provenance=Provenance(SAMPLE_CUSTOMS_SOURCE, "canary", "canary")
    )
    return root


@pytest.fixture
def run(store: Path, monkeypatch):
    """``haisi ARGS`` in-process over the canary store; returns (exit code, output)."""
    monkeypatch.setenv("HAISI_DATA_DIR", str(store))
    monkeypatch.setenv("COLUMNS", "250")
    get_settings.cache_clear()
    runner = CliRunner()

    def invoke(*args: str) -> tuple[int, str]:
        r = runner.invoke(app, list(args))
        assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
        return r.exit_code, r.output

    yield invoke
    get_settings.cache_clear()


def _outputs(run, tmp_path: Path, role: list[str]) -> dict[str, tuple[int, str]]:
    """Every exporting command's output (stdout, stderr, and any file it wrote) as ``role``."""
    out = {}
    for cmd in SHOWN + OTHERS:
        out[" ".join(cmd)] = run(*cmd, "--json", *role)
    out["datasets"] = run("datasets", *role)
    csv = tmp_path / f"edges{'-'.join(role)}.csv"
    code, text = run(
        "network", "export", "--period", "2025-06", "--product", "85", "--format", "csv",
        "-o", str(csv), *role,
    )  # fmt: skip
    out["network export"] = (code, text + (csv.read_text() if csv.exists() else ""))
    return out


def test_cli_exports_show_restricted_cells_to_customs_only(run, tmp_path: Path) -> None:
    for role in ("customs", "admin"):
        seen = _outputs(run, tmp_path, ["--role", role])
        for cmd in [" ".join(c) for c in SHOWN] + ["network export"]:
            code, text = seen[cmd]
            assert code == 0, (role, cmd, text)
            assert any(c in text for c in CANARIES), (role, cmd, text[:500])
        assert seen["forecast run trade/CN-FJ/export/USA/85 --horizon 2"][0] == 0
    for role in ([], ["--role", "analyst"], ["--role", "researcher"], ["--role", "tourism"]):
        seen = _outputs(run, tmp_path, role)
        for cmd, (code, text) in seen.items():
            assert code in (0, 2, 3), (role, cmd, text)  # an answer or a one-line error
            assert "Traceback" not in text
            for c in CANARIES:
                assert c not in text, (role, cmd, c)
        # the public view still answers from the public and disclosure-controlled rows
        assert seen["datasets"][0] == 0 and "trade_flows" in seen["datasets"][1]
        assert seen[" ".join(SHOWN[2])][0] == 0


def test_an_unknown_role_is_refused_in_one_line(run) -> None:
    code, text = run("network", "top", "CN-FJ", "--period", "2025-06", "--role", "customz")
    assert code == 2 and "customz" in text and "Traceback" not in text
