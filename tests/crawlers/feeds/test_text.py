"""Encodings and numbers as real feeds write them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from haisi.crawlers.feeds.base import FeedError
from haisi.crawlers.feeds.encoding import decode, detect_encoding
from haisi.crawlers.feeds.numbers import parse_number, to_numbers
from haisi.crawlers.feeds.registry import get_feed

TW = "trade/taiwan_hs8542_exports"


def test_real_file_encodings(shared_data: Path) -> None:
    d = shared_data / TW
    assert (
        detect_encoding((d / "taiwan_exports_by_country_2013_2025.csv").read_bytes(), file="a")
        == "utf-8-sig"
    )
    assert (
        detect_encoding((d / "taiwan_exports_8542_2013_2025.csv").read_bytes(), file="b") == "utf-8"
    )
    assert (
        detect_encoding(
            (d / "ic_exports_world_HS8542_raw.csv").read_bytes(), file="c", prefer=("cp1252",)
        )
        == "cp1252"
    )


def test_big5_copy_gives_the_same_rows(shared_data: Path, tmp_path: Path) -> None:
    """Taiwan open data comes in Big5 as well as UTF-8: both give identical rows."""
    raw = (shared_data / TW / "taiwan_exports_by_country_2013_2025.csv").read_bytes()
    big5 = raw.decode("utf-8-sig").encode("big5")
    feed = get_feed("taiwan-exports-by-country")
    a, b = feed.parse(raw, source_uri="u"), feed.parse(big5, source_uri="b")
    assert detect_encoding(big5, file="b", prefer=("big5", "gb18030", "cp1252")) == "big5"
    assert not a.errors and a.rows.equals(b.rows) and a.unresolved == b.unresolved


def test_gbk_text() -> None:
    text = "贸易伙伴,金额\n中国香港,1161万\n东南亚国家联盟,3.5亿\n越南,—\n"
    got, enc = decode(text.encode("gbk"), file="g.csv")
    assert (got, enc) == (text, "gb18030")


def test_empty_and_binary() -> None:
    with pytest.raises(FeedError, match="empty file"):
        detect_encoding(b"  \n", file="e")
    with pytest.raises(FeedError, match="binary data"):
        detect_encoding(b"PK\x03\x04\x00\x00", file="z.xlsx")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,161", 1161.0),
        ("3.5亿", 3.5e8),
        ("12万", 1.2e5),
        ("1.2万亿", 1.2e12),
        ("—", None),
        ("-", None),
        ("…", None),
        ("na", None),
        ("  56,121,645 ", 56121645.0),
        ("－3.2", -3.2),
        ("8亿美元", 8e8),
        ("", None),
    ],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


def test_vectorised_numbers_equal_scalar() -> None:
    cells = pd.Series(
        ["1,161", "3.5亿", "—", "12万", "7", "12a", "x", "2.5千万", " 9 "], dtype="string"
    )
    values, bad = to_numbers(cells)
    assert bad.tolist() == [False] * 5 + [True] + [False] * 3
    expect = [parse_number(c) if not b else None for c, b in zip(cells, bad)]
    assert [None if pd.isna(v) else v for v in values] == expect
    plain, bad2 = to_numbers(pd.Series(["1", "", " 2.5"], dtype="string[pyarrow]"))
    assert [None if pd.isna(v) else v for v in plain] == [1.0, None, 2.5] and not bad2.any()
    with pytest.raises(ValueError, match="not a number"):
        parse_number("12a")
