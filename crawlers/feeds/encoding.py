"""Detect and decode the text encodings real feeds use: UTF-8 (with or without BOM),
GBK/GB18030 (mainland files), Big5 (Taiwan files) and cp1252 (UN Comtrade CSV).

A file that is mostly UTF-8 but has a broken byte is an error naming the row, not a
guess: decoding it as another encoding would store mojibake.
"""

from __future__ import annotations

import re

from charset_normalizer import from_bytes
from haisi.crawlers.feeds.base import FeedError, RowError

__all__ = ["decode", "detect_encoding", "LEGACY_ENCODINGS"]

LEGACY_ENCODINGS = ("gb18030", "big5", "cp1252")
_SAMPLE = 256 * 1024
_UTF8_EVIDENCE = 4  # non-ASCII characters that decoded as UTF-8 before a bad byte: a UTF-8 file


def detect_encoding(
    raw: bytes, *, file: str, prefer: tuple[str, ...] = LEGACY_ENCODINGS, header_lines: int = 1
) -> str:
    """Python codec name for ``raw``; :class:`FeedError` for empty, binary or broken text.

    ``prefer`` orders the legacy candidates tried when the bytes are not UTF-8 (e.g. Taiwan
    feeds put big5 first); ``header_lines`` converts a byte offset to a 1-based data row.
    """
    if not raw or raw.isspace():  # not raw.strip(): no copy of a large file
        raise FeedError(RowError(file, None, None, "empty file (no data) 空文件"))
    if raw.startswith(b"\xef\xbb\xbf"):
        _strict(raw, "utf-8-sig", file, header_lines)
        return "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in raw[:_SAMPLE]:
        raise FeedError(RowError(file, None, None, "binary data, not a text file (NUL bytes)"))
    if raw.isascii():
        return "utf-8"
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as e:
        utf8_error = _broken(raw, e.start, "utf-8", file, header_lines)
        before = raw[: e.start].decode("utf-8")
        if sum(ord(ch) > 127 for ch in before) >= _UTF8_EVIDENCE:  # a broken UTF-8 file
            raise FeedError(utf8_error) from None
    candidates = []
    for enc in prefer:
        try:
            raw.decode(enc)
            candidates.append(enc)
        except UnicodeDecodeError:
            continue
    if not candidates:  # neither UTF-8 nor any legacy encoding: name the first bad byte
        raise FeedError(utf8_error)
    if len(candidates) == 1:
        enc = candidates[0]
    else:
        best = from_bytes(raw[:_SAMPLE], cp_isolation=candidates).best()
        enc = _codec(best.encoding) if best is not None else candidates[0]
    if enc == "cp1252":
        _refuse_cjk_in_cp1252(raw, file, header_lines)
    return enc


def decode(
    raw: bytes, *, file: str, prefer: tuple[str, ...] = LEGACY_ENCODINGS, header_lines: int = 1
) -> tuple[str, str]:
    """(text, encoding) of a feed file, with the encoding detected as in :func:`detect_encoding`."""
    enc = detect_encoding(raw, file=file, prefer=prefer, header_lines=header_lines)
    return _strict(raw, enc, file, header_lines), enc


def _strict(raw: bytes, enc: str, file: str, header_lines: int) -> str:
    try:
        return raw.decode(enc)
    except UnicodeDecodeError as e:
        raise FeedError(_broken(raw, e.start, enc, file, header_lines)) from None


_CJK_RUN = re.compile(rb"[\x81-\xfe][\x40-\xfe][\x81-\xfe][\x40-\xfe]")
_CJK = re.compile(r"[\u3400-\u9fff]{2}")


def _refuse_cjk_in_cp1252(raw: bytes, file: str, header_lines: int) -> None:
    """A run of Chinese (GBK/GB18030 or Big5) bytes in a file otherwise read as cp1252 would be
    stored as mojibake (中国大陆 → 'ÖÐ¹ú´óÂ½'): refuse it with the row and what it says.

    cp1252 text has accented letters one at a time (Côte d'Ivoire); two CJK characters in a row
    are four high bytes that decode as Chinese.
    """
    for m in _CJK_RUN.finditer(raw):
        start = raw.rfind(b"\n", 0, m.start()) + 1
        end = raw.find(b"\n", m.end())
        line = raw[start : end if end >= 0 else len(raw)]
        for enc in ("gb18030", "big5"):
            text = line.decode(enc, "replace")
            if _CJK.search(text):
                n = raw.count(b"\n", 0, m.start()) + 1
                row = n - header_lines if n > header_lines else None
                word_m = re.search(r"[\u3400-\u9fff]+", text)
                run_m = re.match(rb"[\x80-\xff]+", raw[m.start() :])
                assert word_m and run_m  # _CJK matched the text; the run starts at a high byte
                word, run = word_m.group(0), run_m.group(0)
                raise FeedError(
                    RowError(
                        file,
                        row,
                        None,
                        f"mixed encodings: line {n} holds {enc} Chinese text ({word}) in a "
                        f"cp1252 file, which would be stored as "
                        f"{run.decode('cp1252', 'replace')!r}; "
                        "save the file in one encoding (UTF-8) 编码混杂",
                    )
                )


def _broken(raw: bytes, offset: int, enc: str, file: str, header_lines: int) -> RowError:
    line = raw.count(b"\n", 0, offset) + 1
    row = line - header_lines if line > header_lines else None
    if offset >= len(raw) - 3 and not raw.endswith(b"\n"):
        return RowError(
            file,
            row,
            None,
            f"the file ends inside a {enc} character (truncated file?) 文件可能被截断",
        )
    return RowError(
        file,
        row,
        None,
        f"invalid {enc} byte {raw[offset : offset + 1]!r} at byte {offset} (line {line}); "
        "wrong or mixed encoding 编码错误",
    )


def _codec(name: str) -> str:
    """charset_normalizer names → Python codec names we use ('gb2312'/'gbk' → gb18030 superset)."""
    n = name.lower().replace("-", "_")
    return {
        "gb2312": "gb18030",
        "gbk": "gb18030",
        "big5hkscs": "big5",
        "windows_1252": "cp1252",
    }.get(n, n)
