"""Number parsing for bulletin text: Arabic, full-width and Chinese numerals with 万/亿/万亿 scales.

Bulletins write the same figure many ways (4897.3亿, ４８９７.３亿, 四千八百九十七亿, 3.58 billion);
everything ends up as one float in base units so facts can be compared and charted.

Examples
--------
>>> parse_number("4897.3亿")
489730000000.0
>>> parse_number("四成")
40.0
>>> parse_number("十多")
10.0
"""

from __future__ import annotations

import re
from decimal import Decimal

__all__ = [
    "CN_DIGITS",
    "NUM_RE",
    "SCALE_RE",
    "format_cn",
    "halfwidth_digits",
    "parse_cn_integer",
    "parse_number",
    "to_halfwidth",
]

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_SCALES = {
    "万": 1e4,
    "亿": 1e8,
    "万亿": 1e12,
    "兆": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "千万": 1e7,
    "百万": 1e6,
    "thousand": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bln": 1e9,
    "trillion": 1e12,
}

# An Arabic number (optionally with thousands separators) or a run of Chinese numeral characters
# (with spoken decimals: 六点二 is 6.2).
_CN = "[零〇一二两三四五六七八九十百千]"
NUM_RE = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    rf"|{_CN}+亿{_CN}+万{_CN}*"  # 二亿三千万
    rf"|{_CN}+万{_CN}+"  # 四十一万三千
    rf"|{_CN}+(?:点[零〇一二三四五六七八九]+)?)"
)
# A scale word after the number: 万亿 must be tried before 万. 兆 is 10^12 in Taiwan usage
# (1.2兆新臺幣).
SCALE_RE = r"(?:万亿|千亿|百亿|千万|百万|万|亿|兆)"

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９－～", "0123456789-~")


def to_halfwidth(text: str) -> str:
    """Full-width digits, point, comma and percent to ASCII; same length so offsets stay valid."""
    return text.translate(_FULLWIDTH)


def halfwidth_digits(text: str) -> str:
    """Full-width digits, dash and tilde to ASCII (１－９月 → 1-9月); Chinese punctuation kept."""
    return text.translate(_FULLWIDTH_DIGITS)


def parse_cn_integer(s: str) -> int:
    """Integer value of a Chinese numeral (一千二百零三 → 1203, 十五 → 15, 二〇二三 → 2023)."""
    if not s:
        raise ValueError("empty numeral")
    if "亿" in s:  # 二亿三千万 → 230000000
        high, low = s.split("亿", 1)
        return parse_cn_integer(high) * 100_000_000 + (parse_cn_integer(low) if low else 0)
    if "万" in s:  # 四十一万三千 → 413000, 三千万 → 30000000
        high, low = s.split("万", 1)
        return parse_cn_integer(high) * 10000 + (parse_cn_integer(low) if low else 0)
    if (
        len(s) >= 2
        and s[0] in CN_DIGITS
        and s[1] in CN_DIGITS
        and CN_DIGITS[s[1]] == CN_DIGITS[s[0]] + 1 > 1
        and all(c in _CN_UNITS for c in s[2:])
    ):  # 七八百, 两三千: an approximate count, read at its low end (七八百 → 700)
        return parse_cn_integer(s[0] + s[2:])
    if all(c in CN_DIGITS for c in s):
        if len(s) == 1:
            return CN_DIGITS[s]
        return int("".join(str(CN_DIGITS[c]) for c in s))  # digit-by-digit: 二〇二三
    total, digit = 0, None
    for c in s:
        if c in CN_DIGITS:
            digit = CN_DIGITS[c]
        elif c in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[c]
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {s!r}")
    return total + (digit or 0)


_SPLIT = re.compile(
    rf"^(?P<num>{NUM_RE})\s*(?P<scale>{SCALE_RE}|thousand|million|mln|billion|bln|trillion)?$",
    re.IGNORECASE,
)


def parse_number(text: str) -> float:
    """Float value of a number with an optional scale word (1.2万亿 → 1.2e12, 3.58 billion →
    3.58e9).

    Also understands 成 (tenths, 四成 → 40) and 分之 fractions in percent (三分之一 → 33.3).
    Raises ValueError for text that is not a number.
    """
    t = to_halfwidth(text.strip()).replace("多", "").replace("余", "")
    if not t:
        raise ValueError("empty number")
    if "分之" in t:
        den, num = t.split("分之", 1)
        d, n = _atom(den), _atom(num)
        if d == 0:
            raise ValueError(f"zero denominator: {text!r}")
        return round(100.0 * n / d, 1)
    if t.endswith("成"):
        return _atom(t[:-1]) * 10.0
    m = _SPLIT.match(t)
    if not m:
        raise ValueError(f"not a number: {text!r}")
    value = Decimal(str(_atom(m.group("num"))))
    scale = m.group("scale")
    if scale:
        value *= Decimal(
            str(int(_SCALES[scale.lower()]))
        )  # exact: 4.23万亿 is 4230000000000, not …0.0005
    return float(value)


def _atom(s: str) -> float:
    """Value of a bare number without scale."""
    s = s.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s)
    whole, point, decimals = s.partition("点")
    if point:  # 六点二: the digits after 点 are read one by one
        return float(f"{parse_cn_integer(whole)}.{''.join(str(CN_DIGITS[c]) for c in decimals)}")
    return float(parse_cn_integer(s))


def format_cn(value: float) -> str:
    """Render a non-negative number the way bulletins do (4.8973e11 → '4897.3亿'); inverse of
    parse_number."""
    for word, scale in (("万亿", 1e12), ("亿", 1e8), ("万", 1e4)):
        if value >= scale:
            return f"{value / scale:.4f}".rstrip("0").rstrip(".") + word
    return f"{value:.4f}".rstrip("0").rstrip(".")
