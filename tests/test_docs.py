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
    return [
        leaf for name, sub in cmd.commands.items() for leaf in _commands(sub, f"{prefix} {name}")
    ]


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = _commands(typer.main.get_command(app), "haisi")
    assert len(names) > 20
    missing = [n for n in names if n not in readme]
    assert not missing, f"commands missing from README.md: {missing}"


_PACKAGES = (
    "haisi",
    "api",
    "crawlers",
    "maps",
    "models",
    "nlp",
    "reference",
    "scaleout",
    "warehouse",
)


def _product_sources() -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for d in _PACKAGES for p in (ROOT / d).rglob("*.py")}


def test_every_haisi_name_is_declared() -> None:
    """A ``HAISI_*`` name in the code is a setting (docs/settings.md) or a crawler setting
    (crawlers/settings.py, crawlers/README.md): nothing is read that is not declared."""
    import re

    from haisi.crawlers import settings as crawler_settings

    declared = {f"HAISI_{n.upper()}" for n in Settings.model_fields}
    crawl = {n for n in crawler_settings.__all__ if n.startswith("HAISI_")}
    crawl_doc = (ROOT / "crawlers" / "README.md").read_text(encoding="utf-8")
    assert all(hasattr(crawler_settings, n) and f"`{n}`" in crawl_doc for n in crawl)
    used = {m for src in _product_sources().values() for m in re.findall(r"HAISI_[A-Z0-9_]+", src)}
    assert not used - declared - crawl, (
        f"undeclared HAISI_* names: {sorted(used - declared - crawl)}"
    )


def test_every_setting_is_read_somewhere() -> None:
    """A declared setting that no code reads is a knob that does nothing."""
    sources = [src for p, src in _product_sources().items() if p.name != "settings.py"]
    own = (ROOT / "haisi" / "settings.py").read_text(encoding="utf-8")  # its own validators
    unread = [
        n
        for n in Settings.model_fields
        if f"self.{n}" not in own and not any(f".{n}" in src or f'"{n}"' in src for src in sources)
    ]
    assert not unread, f"settings no code reads: {unread}"
