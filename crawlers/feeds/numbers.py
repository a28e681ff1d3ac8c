"""Numbers as statistics tables write them: thousands separators, Chinese units (万, 亿),
and footnote marks for "no figure" ("—", "-", "…", "na", "x").
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = ["MISSING_MARKS", "CN_UNITS", "parse_number", "to_numbers"]

MISSING_MARKS = frozenset(
    {
        "",
        "—",
        "——",
        "–",
        "-",
        "--",
        "…",
        "……",
        "...",
        "..",
        "na",
        "n.a.",
        "n/a",
        "nan",
        "x",
        "*",
        "null",
        "none",
        "空",
    }
)
CN_UNITS = {
    "万亿": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "万": 1e4,
    "千": 1e3,
}
_UNIT_RX = re.compile(r"^(.*?)(万亿|千亿|百亿|亿|千万|百万|万|千)?(?:美元|元|人民币)?$")
_SEPARATORS = str.maketrans(
    {
        ",": None,
        "，": None,
        " ": None,
        "\u00a0": None,
        "\u2009": None,
        "＋": "+",
        "－": "-",
        "．": ".",
    }
)


def parse_number(text: object, *, scale: float = 1.0) -> float | None:
    """A float (times ``scale`` and any 万/亿 unit), None for a missing mark; ValueError otherwise.

    >>> parse_number("1,161"), parse_number("3.5亿"), parse_number("—"), parse_number("12万")
    (1161.0, 350000000.0, None, 120000.0)
    """
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return None
    if isinstance(text, (int, float)):
        return float(text) * scale
    s = str(text).strip()
    if s.casefold() in MISSING_MARKS:
        return None
    m = _UNIT_RX.match(s)  # None only for text across lines ('.' stops at a newline)
    if m is None:
        raise ValueError(f"not a number: {text!r}")
    body, unit = m.groups()
    body = body.translate(_SEPARATORS)
    try:
        value = float(body)
    except ValueError:
        raise ValueError(f"not a number: {text!r}") from None
    return value * CN_UNITS.get(unit or "", 1.0) * scale


def to_numbers(values: pd.Series, *, scale: float = 1.0) -> tuple[pd.Series, pd.Series]:
    """Vectorised :func:`parse_number`: (floats, mask of cells that are not numbers).

    Missing marks become NaN and are not errors; the mask flags text such as "12a".
    """
    if pd.api.types.is_numeric_dtype(values):
        v = values.astype("float64", copy=False)
        return (v if scale == 1.0 else v * scale), pd.Series(False, index=values.index)
    fast = _plain_numbers(values)
    if fast is not None:
        return fast * scale, pd.Series(False, index=values.index)
    s = values.astype("string").str.strip()
    missing = s.isna() | s.str.casefold().isin(MISSING_MARKS)
    parts = s.str.extract(_UNIT_RX)
    body = parts[0].str.replace(r"[,，\s\u00a0\u2009]", "", regex=True)
    body = body.str.replace("＋", "+").str.replace("－", "-").str.replace("．", ".")
    num = pd.to_numeric(body.where(~missing), errors="coerce").astype("float64")
    mult = parts[1].map(CN_UNITS).astype("float64").fillna(1.0)
    bad = ~missing & num.isna()
    return (num * mult * scale).astype("float64"), bad.fillna(False).astype(bool)


def _plain_numbers(values: pd.Series) -> pd.Series | None:
    """Fast path (Arrow cast) for columns of plain numbers and empty cells; None otherwise."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        arr = pc.utf8_trim_whitespace(pa.array(values, type=pa.string(), from_pandas=True))
        arr = pc.if_else(pc.equal(arr, ""), pa.scalar(None, pa.string()), arr)
        out = pc.cast(arr, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return None
    return pd.Series(out.to_numpy(zero_copy_only=False), index=values.index, dtype="float64")
