"""``haisi ingest FORMAT PATH...``."""


def ingest() -> None:
    """导入 Ingest files."""
    raise NotImplementedError
