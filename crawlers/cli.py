"""``haisi crawl`` and ``haisi mirror ...``."""

import typer

mirror_app = typer.Typer(help="本地镜像 Local mirror of the real sources.", no_args_is_help=True)


def crawl() -> None:
    """抓取 Run a spider."""
    raise NotImplementedError
