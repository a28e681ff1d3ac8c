"""``haisi gravity ...`` commands."""

import typer

gravity_app = typer.Typer(help="引力模型 Gravity model (PPML).", no_args_is_help=True)
