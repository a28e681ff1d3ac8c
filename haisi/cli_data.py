"""``haisi datasets`` and ``haisi demo``."""


def datasets() -> None:
    """数据集 List warehouse tables."""
    raise NotImplementedError


def demo() -> None:
    """演示 Prepare sample data."""
    raise NotImplementedError
