"""The one-way flow is enforced: import-linter's contracts (.importlinter) pass on the tree.

The product installs under ``haisi`` from top-level folders (setuptools package-dir), which
import-linter cannot walk; the test lays the sources out as the installed package in a
temporary folder and lints that, so a backward import fails the build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_MAPPED = ("api", "crawlers", "maps", "models", "nlp", "reference", "scaleout", "warehouse")


def _lay_out(dest: Path) -> Path:
    """Copy the Python sources as the installed package tree ``dest/haisi/...``."""
    pkg = dest / "haisi"
    shutil.copytree(ROOT / "haisi", pkg, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in _MAPPED:
        shutil.copytree(
            ROOT / name,
            pkg / name,
            ignore=lambda d, names: [
                n
                for n in names
                if not (n.endswith(".py") or (Path(d) / n).is_dir()) or n == "__pycache__"
            ],
        )
    return dest


def _lint(tree: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [
            str(Path(sys.executable).with_name("lint-imports")),
            str(ROOT / ".importlinter"),
            "--no-cache",
        ],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_layers_hold(tmp_path: Path) -> None:
    done = _lint(_lay_out(tmp_path))
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "Contracts: 2 kept, 0 broken" in done.stdout


def test_a_backward_import_breaks_the_build(tmp_path: Path) -> None:
    """The contract can fail: the warehouse importing the API is reported as broken."""
    tree = _lay_out(tmp_path)
    bad = tree / "haisi" / "warehouse" / "ops.py"
    bad.write_text(
        bad.read_text(encoding="utf-8") + "\nfrom haisi.api import app  # noqa\n", encoding="utf-8"
    )
    done = _lint(tree)
    assert done.returncode != 0
    assert "haisi.warehouse.ops -> haisi.api" in done.stdout


@pytest.mark.parametrize("name", _MAPPED)
def test_no_generic_top_level_names_are_installed(name: str, tmp_path: Path) -> None:
    """Installed haisi claims no generic import name: ``import api`` fails outside the repo."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import haisi.{name}, importlib.util as u; print(u.find_spec({name!r}) is None)",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": ""},
    )
    assert done.stdout.strip() == "True", done.stderr


_NO_PYSPARK = (
    "import sys; sys.modules['pyspark'] = None; import pytest; sys.exit(pytest.main(sys.argv[1:]))"
)


def test_spark_is_optional_and_its_tests_skip_cleanly() -> None:
    """With pyspark absent the Spark tests skip (none fail or error) and the engine lookup says
    how to install it."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _NO_PYSPARK,
            "-q",
            "-p",
            "no:cacheprovider",
            "-m",
            "spark",
            "tests/scaleout",
            "tests/models/network/test_network_cli.py",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    tail = done.stdout.strip().splitlines()[-1]
    assert done.returncode == 0 and "skipped" in tail, done.stdout[-3000:]
    assert "failed" not in tail and "error" not in tail and "passed" not in tail, tail
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.modules['pyspark'] = None\n"
            "from haisi.models import engines\n"
            "from haisi.errors import Unavailable\n"
            "try:\n    engines.load('spark')\n"
            "except Unavailable as e:\n    print(e)",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "pip install 'haisi[spark]'" in probe.stdout, probe.stdout + probe.stderr
