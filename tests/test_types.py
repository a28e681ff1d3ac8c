"""mypy passes on warehouse, models and api (and what they import), as installed under ``haisi``.

The product installs from top-level folders (setuptools package-dir), which mypy cannot follow
through the editable finder; the test lays the sources out as the installed package in a
temporary folder and checks that, with the settings of ``[tool.mypy]`` in pyproject.toml.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.test_layers import ROOT, _lay_out

_PACKAGES = ("haisi.warehouse", "haisi.models", "haisi.api")


def _mypy(tree: Path) -> subprocess.CompletedProcess:
    args = [
        str(Path(sys.executable).with_name("mypy")),
        "--config-file",
        str(ROOT / "pyproject.toml"),
    ]
    for name in _PACKAGES:
        args += ["-p", name]
    return subprocess.run(args, check=False, cwd=tree, capture_output=True, text=True, timeout=600)


def test_mypy_is_clean(tmp_path: Path) -> None:
    done = _mypy(_lay_out(tmp_path))
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "Success" in done.stdout


def test_a_type_error_fails_the_check(tmp_path: Path) -> None:
    """The check can fail: a str returned where an int is declared is reported with its line."""
    tree = _lay_out(tmp_path)
    bad = tree / "haisi" / "warehouse" / "ops.py"
    bad.write_text(
        bad.read_text(encoding="utf-8") + "\n\ndef _bad() -> int:\n    return 'x'\n",
        encoding="utf-8",
    )
    done = _mypy(tree)
    assert done.returncode != 0
    assert "haisi/warehouse/ops.py" in done.stdout and "[return-value]" in done.stdout


def test_ruff_is_clean_at_the_declared_line_length() -> None:
    """``ruff check`` with the rules and line length of ``[tool.ruff]`` finds nothing."""
    done = subprocess.run(
        [str(Path(sys.executable).with_name("ruff")), "check", str(ROOT)],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-4000:]
