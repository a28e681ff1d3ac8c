"""The ``haisi`` command: one root that mounts each package's own sub-commands.

Sub-command modules import their heavy libraries inside the commands, so that
``haisi --help`` stays fast.
"""

from __future__ import annotations

import click
import typer
import typer.core

from haisi.api.cli import keys_app, serve
from haisi.cli_data import compact, datasets, demo
from haisi.cli_upkeep import doctor, vacuum
from haisi.crawlers.cli import crawl, mirror_app
from haisi.crawlers.feeds.cli import ingest
from haisi.errors import Conflict, Forbidden, HaisiError, InvalidInput, NotFound, Unavailable
from haisi.models.forecast.cli import forecast_app
from haisi.models.gravity.cli import gravity_app
from haisi.models.network.cli import network_app
from haisi.nlp.cli import nlp_app
from haisi.scaleout.cli import aggregate_cmd


class _Root(typer.core.TyperGroup):
    """The root group: a deliberate error is one line on stderr and its kind's exit code."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except HaisiError as e:
            typer.echo(f"错误 error: {e}", err=True)
            raise SystemExit(exit_code(e)) from None


app = typer.Typer(
    cls=_Root,
    help="海丝 haisi — Maritime Silk Road trade and tourism analytics.",
    no_args_is_help=True,
    add_completion=False,
)
app.command("ingest")(ingest)
app.command("datasets")(datasets)
app.command("compact")(compact)
app.command("vacuum")(vacuum)
app.command("doctor")(doctor)
app.command("demo")(demo)
app.command("serve")(serve)
app.command("crawl")(crawl)
app.add_typer(mirror_app, name="mirror")
app.add_typer(nlp_app, name="nlp")
app.add_typer(forecast_app, name="forecast")
app.add_typer(gravity_app, name="gravity")
network_app.command("aggregate")(aggregate_cmd)
app.add_typer(network_app, name="network")
app.add_typer(keys_app, name="keys")


# The CLI's one map from error kind to exit code (the API's is haisi.api.errors.STATUS).
EXIT_CODES: dict[type[HaisiError], int] = {
    InvalidInput: 2,
    NotFound: 3,
    Forbidden: 4,
    Unavailable: 5,
    Conflict: 6,
}


def exit_code(exc: HaisiError) -> int:
    """The exit code of an error's kind (1 for a kind with no mapping)."""
    return next((EXIT_CODES[c] for c in type(exc).__mro__ if c in EXIT_CODES), 1)


def main() -> None:
    """Console-script entry point."""
    app()
