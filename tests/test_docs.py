"""The docs cover every setting and every command (Datasette's test_docs idea)."""

from __future__ import annotations

from pathlib import Path

import typer.main

from haisi.cli import app
from haisi.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_is_documented() -> None:
    doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    missing = [n for n in Settings.model_fields if f"`HAISI_{n.upper()}`" not in doc]
    assert not missing, f"settings missing from docs/settings.md: {missing}"


def test_every_setting_has_help_text() -> None:
    assert all(f.description for f in Settings.model_fields.values())


def _commands(cmd, prefix: str) -> list[str]:
    """Every leaf command under ``cmd`` as it is typed ("haisi network top")."""
    if not hasattr(cmd, "commands"):
        return [prefix]
    return [leaf for name, sub in cmd.commands.items() for leaf in _commands(sub, f"{prefix} {name}")]


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = _commands(typer.main.get_command(app), "haisi")
    assert len(names) > 20
    missing = [n for n in names if n not in readme]
    assert not missing, f"commands missing from README.md: {missing}"
