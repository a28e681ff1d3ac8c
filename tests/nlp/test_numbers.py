"""Number parsing: Arabic, full-width, Chinese numerals and scale words,
with round-trip properties."""

from __future__ import annotations

import pytest
from haisi.nlp.numbers import format_cn, parse_cn_integer, parse_number, to_halfwidth
from hypothesis import given
from hypothesis import strategies as st

_DIGITS = "零一二三四五六七八九"


def _cn(n: int) -> str:
    """Chinese numeral for 0 <= n < 10000, written independently of the parser (一千二百零三)."""
    if n == 0:
        return "零"
    out, zero = "", False
    for unit, word in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit % 10
        if d:
            if zero and out:
                out += "零"
            out += _DIGITS[d] + word
            zero = False
        else:
            zero = bool(out)
    return out


@given(st.integers(min_value=0, max_value=9999))
def test_chinese_integer_round_trip(n: int) -> None:
    assert parse_cn_integer(_cn(n)) == n


@given(st.integers(min_value=1, max_value=10**15))
def test_format_then_parse_is_within_rounding(n: int) -> None:
    v = float(n)
    assert parse_number(format_cn(v)) == pytest.approx(v, rel=1e-4)


@given(
    st.decimals(min_value=0, max_value=99999, places=2, allow_nan=False),
    st.sampled_from([("万", 1e4), ("亿", 1e8), ("万亿", 1e12), ("", 1)]),
)
def test_scale_words(d, scale) -> None:
    word, mult = scale
    assert parse_number(f"{d}{word}") == pytest.approx(float(d) * mult)


@given(st.integers(min_value=0, max_value=10**9))
def test_full_width_digits_parse_like_ascii(n: int) -> None:
    fw = "".join(chr(ord(c) - 0x30 + 0xFF10) for c in str(n))
    assert len(to_halfwidth(fw)) == len(fw)
    assert parse_number(fw) == n


@pytest.mark.parametrize(
    "text,value",
    [
        ("4897.3亿", 489730000000),
        ("108.54万", 1085400),
        ("11.07万亿", 11070000000000),
        ("四成", 40),
        ("三分之一", 33.3),
        ("十多", 10),
        ("二〇二三", 2023),
        ("两千", 2000),
        ("1,234.5", 1234.5),
        ("3.58 billion", 3.58e9),
        ("14 mln", 14e6),
        ("百分之五十", 50),
        ("六点二", 6.2),  # spoken decimals: the digits after 点 one by one
        ("三点零五亿", 305_000_000),
        ("十二点五", 12.5),
    ],
)
def test_known_forms(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("bad", ["", "亿", "abc", "1..2", "零分之三"])
def test_not_a_number(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_number(bad)


@pytest.mark.parametrize(
    "text,value",
    [("七八百", 700), ("两三千", 2000), ("三四十", 30), ("二十三", 23), ("二〇二三", 2023)]
    + [("四十一万三千", 413000), ("一万三千", 13000), ("两万零五百", 20500)]
    + [("二亿三千万", 230_000_000), ("三亿五千万", 350_000_000)],
)
def test_approximate_pairs_and_numerals_spanning_wan_and_yi(text: str, value: int) -> None:
    assert parse_cn_integer(text) == value
