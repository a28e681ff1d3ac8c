"""Traditional → simplified Chinese: the one converter (OpenCC ``t2s``) for names and text."""

from __future__ import annotations

from functools import cache

__all__ = ["simplified"]


@cache
def _converter():  # type: ignore[no-untyped-def]
    from opencc import OpenCC

    return OpenCC("t2s")


def simplified(text: str) -> str:
    """``text`` in simplified characters (臺中港 → 台中港); simplified text comes back as is."""
    return str(_converter().convert(text))
