"""``haisi network ...`` commands."""

import typer

network_app = typer.Typer(help="贸易网络 Trade networks.", no_args_is_help=True)
