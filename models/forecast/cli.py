"""``haisi forecast ...`` commands."""

import typer

forecast_app = typer.Typer(help="预测 Forecasts of trade and tourism flows.", no_args_is_help=True)
