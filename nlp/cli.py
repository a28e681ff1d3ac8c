"""``haisi nlp ...`` commands (filled by the NLP work)."""

import typer

nlp_app = typer.Typer(help="实体与统计事实抽取 Entity and fact extraction.", no_args_is_help=True)
