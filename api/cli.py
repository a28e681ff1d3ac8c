"""``haisi serve`` and ``haisi keys ...``."""

import typer

keys_app = typer.Typer(help="API密钥 API keys.", no_args_is_help=True)


def serve() -> None:
    """启动服务 Start the API service (uvicorn)."""
    raise NotImplementedError
