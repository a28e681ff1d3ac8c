"""``haisi forecast|gravity|network ...`` commands."""

import typer

forecast_app = typer.Typer(help="预测 Forecasts of trade and tourism flows.", no_args_is_help=True)
gravity_app = typer.Typer(help="引力模型 Gravity model (PPML).", no_args_is_help=True)
network_app = typer.Typer(help="贸易网络 Trade networks.", no_args_is_help=True)
