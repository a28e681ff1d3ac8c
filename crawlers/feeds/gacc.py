"""China Customs (GACC, 海关总署) online-query results: the CSV download and the HTML result page.

Twelve columns (GACC's own spelling); values carry thousands separators; missing quantities are
"-" in CSV and "—" in HTML. The file does not say export or import (the query's ``iEType`` does),
so the flow comes from the format name or from the file name / URL.
"""

from __future__ import annotations

import re

import pandas as pd
from haisi.crawlers.feeds.base import BaseFeed, FeedError, FeedResult, RowError, conform
from haisi.crawlers.feeds.encoding import decode
from haisi.crawlers.feeds.numbers import MISSING_MARKS
from haisi.crawlers.feeds.tabular import (
    YEAR_MONTH,
    check_columns,
    numeric,
    raise_if,
    read_text_table,
    resolve,
)

__all__ = ["GaccCsvFeed", "GaccHtmlFeed", "GACC_COLUMNS", "flow_from_uri"]

GACC_COLUMNS = (
    "Date of data",
    "Trading partner code",
    "Trading partner",
    "Commodity code",
    "Commodity",
    "Customs Regime code",
    "Customs Regime",
    "Quantity",
    "Unit",
    "Supplimentary Quantity",
    "Supplimentary Unit",
    "US dollar",
)


def flow_from_uri(uri: str) -> str | None:
    """'export'/'import' from ``iEType=0|1`` or the words export/import (出口/进口) in a name."""
    m = re.search(r"iEType=([01])", uri)
    if m:
        return "export" if m.group(1) == "0" else "import"
    name = uri.rsplit("/", 1)[-1].lower()
    has_x = bool(re.search(r"export|出口", name))
    has_m = bool(re.search(r"import|进口|進口", name))
    return "export" if has_x and not has_m else "import" if has_m and not has_x else None


class _GaccFeed(BaseFeed):
    table = "trade_flows"
    source_id = "gacc"

    def __init__(self, name: str, flow: str | None) -> None:
        self.name = name
        self.flow = flow

    def _flow(self, file: str) -> str:
        flow = self.flow or flow_from_uri(file)
        if flow is None:
            raise FeedError(
                RowError(
                    file,
                    None,
                    None,
                    "cannot tell export from import: use format "
                    f"{self.name}-export or {self.name}-import 无法判断进出口",
                )
            )
        return flow

    def _rows(self, df: pd.DataFrame, file: str) -> FeedResult:
        flow = self._flow(file)
        errors: list[RowError] = []
        rules = {
            "Date of data": (YEAR_MONTH, "month (YYYYMM)"),
            "Commodity code": (r"\d{2,10}", "commodity code"),
        }
        check_columns(df, rules, file=file, errors=errors)
        value = numeric(df, "US dollar", file=file, errors=errors, required=True)
        qty = numeric(df, "Quantity", file=file, errors=errors)
        supp = numeric(df, "Supplimentary Quantity", file=file, errors=errors)
        raise_if(errors)
        partner, unresolved = resolve(
            df["Trading partner"],
            label=None,
        )
        if unresolved:
            codes = dict(zip(df["Trading partner"], df["Trading partner code"]))
            unresolved = {f"{n} (GACC {codes[n]})": k for n, k in unresolved.items()}
        out = pd.DataFrame(
            {
                "period": df["Date of data"].str[:4] + "-" + df["Date of data"].str[4:],
                "partner": partner,
                "hs_code": df["Commodity code"],
                "regime": df["Customs Regime code"],
                "value": value,
                "quantity": qty,
                "quantity_unit": _unit(df["Unit"]),
                "supp_quantity": supp,
                "supp_unit": _unit(df["Supplimentary Unit"]),
            }
        )[partner.notna().to_numpy()]
        rows = conform(
            self.table,
            out,
            {
                "frequency": "M",
                "reporter": "CHN",
                "flow": flow,
                "hs_revision": "CN",
                "mode": "",
                "currency": "USD",
            },
        )
        return FeedResult(self.table, rows, [], unresolved, rows_read=len(df))


def _unit(s: pd.Series) -> pd.Series:
    return s.where(~s.str.casefold().isin(MISSING_MARKS), None)


class GaccCsvFeed(_GaccFeed):
    """The CSV download of the GACC query platform (trailing comma on every line)."""

    description = "GACC online-query CSV 海关统计数据在线查询 CSV"

    def _parse(self, raw: bytes, file: str) -> FeedResult:
        df = read_text_table(raw, file=file, required=GACC_COLUMNS, prefer=("gb18030", "cp1252"))
        return self._rows(df, file)


_TR_OPEN = re.compile(r"<tr[\s>]", re.I)
_CELL_OPEN = re.compile(r'<div class="th-line"[^>]{0,2000}>', re.I)
_TITLE = re.compile(r'\stitle="([^"]*)"')
MAX_PAGE_BYTES = 32 << 20  # a saved result page; the platform shows at most a few thousand rows


class GaccHtmlFeed(_GaccFeed):
    """The saved HTML result table: a ``<div class="th-line" title="full name">`` per cell."""

    description = "GACC online-query HTML result page 查询结果页面"

    def _parse(self, raw: bytes, file: str) -> FeedResult:
        if len(raw) > MAX_PAGE_BYTES:
            raise FeedError(
                RowError(
                    file,
                    None,
                    None,
                    f"{len(raw):,} bytes is larger than a result "
                    f"page ({MAX_PAGE_BYTES:,}) 文件过大",
                )
            )
        text, _ = decode(raw, file=file, prefer=("gb18030",), header_lines=0)
        rows = []
        *closed, tail = re.split(r"</tr\s*>", text, flags=re.I)
        for n, piece in enumerate(closed, start=1):
            opened = list(_TR_OPEN.finditer(piece))
            cells = _cells(piece[opened[-1].end() :]) if opened else []
            if not cells:
                continue  # header or layout row
            if len(cells) != len(GACC_COLUMNS):
                raise FeedError(
                    RowError(
                        file,
                        len(rows) + 1,
                        None,
                        f"table row {n} has {len(cells)} cells, expected "
                        f"{len(GACC_COLUMNS)} (truncated page?) 行不完整",
                    )
                )
            rows.append(cells)
        if rows and _TR_OPEN.search(tail):
            raise FeedError(
                RowError(file, len(rows) + 1, None, "unterminated table row (truncated page?)")
            )
        if rows and not re.search(r"</table\s*>", tail, re.I):
            raise FeedError(
                RowError(
                    file,
                    None,
                    None,
                    "the result table is not closed (no </table> "
                    "after the last row; truncated page?) 表格不完整",
                )
            )
        if not rows:
            raise FeedError(
                RowError(
                    file,
                    None,
                    None,
                    'no result rows (<div class="th-line"> cells) in the page 无数据行',
                )
            )
        return self._rows(pd.DataFrame(rows, columns=list(GACC_COLUMNS)), file)


def _cells(row: str) -> list[str]:
    """The th-line cells of one table row (its ``title`` holds the full text where shown cut);
    one pass over the row, so a page without closing tags costs linear time."""
    import html

    out = []
    for piece in re.split(r"</div\s*>", row, flags=re.I)[:-1]:
        opened = list(_CELL_OPEN.finditer(piece))
        if not opened:
            continue
        tag = opened[-1]
        title = _TITLE.search(tag.group(0))
        shown = re.sub(r"<[^>]+>", "", piece[tag.end() :])
        value = title.group(1) if title and title.group(1) else shown
        out.append(html.unescape(value).strip())
    return out
