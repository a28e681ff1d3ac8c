"""HTML statistics tables as they are published: merged cells expanded, footnote marks removed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import html as lxml_html

__all__ = ["Grid", "read_table", "strip_footnote"]

_FOOTNOTE = re.compile(r"(?:[①-⑳*＊†‡]+|\(\s*注?\d\s*\)|（注?\d）|注\d)$")


def strip_footnote(cell: str) -> tuple[str, bool]:
    """``cell`` without trailing footnote marks (①, *, (1), 注1) and whether it had any."""
    cleaned = _FOOTNOTE.sub("", cell.strip()).strip()
    return cleaned, cleaned != cell.strip()


@dataclass
class Grid:
    """A table as a rectangle of strings; header rows are those made of ``<th>`` cells."""

    caption: str
    header: list[list[str]]
    body: list[list[str]]
    merged: bool = False  # the table had rowspan/colspan cells
    footnotes: int = 0  # cells whose footnote marks were removed
    notes: list[str] = field(default_factory=list)


def read_table(table_html: str) -> Grid:
    """Expand rowspan/colspan so every row has every column; strip footnote marks from cells."""
    node = lxml_html.fragment_fromstring(table_html)
    caption = " ".join(node.xpath("string(.//caption)").split())
    pending: dict[tuple[int, int], str] = {}
    header: list[list[str]] = []
    body: list[list[str]] = []
    merged, footnotes = False, 0
    for r, tr in enumerate(node.xpath(".//tr")):
        row: list[str] = []
        c = 0
        cells = tr.xpath("./th|./td")
        is_header = bool(cells) and all(x.tag == "th" for x in cells)
        for cell in cells:
            while (r, c) in pending:
                row.append(pending.pop((r, c)))
                c += 1
            text, had = strip_footnote(" ".join(cell.text_content().split()))
            footnotes += had
            rs, cs = int(cell.get("rowspan", 1) or 1), int(cell.get("colspan", 1) or 1)
            merged |= rs > 1 or cs > 1
            for dc in range(cs):
                row.append(text)
                for dr in range(1, rs):
                    pending[(r + dr, c + dc)] = text
            c += cs
        while (r, c) in pending:
            row.append(pending.pop((r, c)))
            c += 1
        if row:
            (header if is_header else body).append(row)
    return Grid(caption, header, body, merged, footnotes)
