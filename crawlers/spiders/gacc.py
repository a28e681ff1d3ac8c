"""China Customs (GACC, 海关总署) statistics releases and online-query results.

Real site: ``http://www.customs.gov.cn/customs/302249/zfxxgk/2799825/302274/302277/index.html``
(海关统计 → 统计数据), an EasySite CMS list (``index_2.html`` … pagination) of monthly release
pages; each holds press text and HTML tables such as 进出口商品国别(地区)总值表 (亿元) with merged
header cells and footnote marks. The online query (``stats.customs.gov.cn``) needs a session
cookie and a Referer, caps one download at 10,000 records and reports errors as an HTML page
where CSV was asked for (see SOURCES.md §1). Figures pass through preliminary (初步),
corrected (修正) and yearbook (年鉴) releases; each is stored as its own revision (vintage).

Mirror layout (``gacc/``): ``query/index.html`` (sets the session cookie), ``list_N.html`` →
``release/ID.html``, whose ``a.query-result`` / ``a.query-csv`` links point at ``query/…`` pages.

Query mode (``-a query_years=2018,2019``): the spider asks the download endpoint
``queryDataForEN/downloadQueryData`` (mirror: ``query/downloadQueryData``) with the platform's
parameters (``iEType`` 0 export / 1 import, ``year``, ``startMonth``/``endMonth``, ``outerValue1``
partner code, ``outerValue2`` HS code prefix, ``codeLength=8``), one query per year and flow. A
result with exactly ``HAISI_GACC_QUERY_CAP`` rows (10,000 on the real platform) was cut off: it is
never stored; the query is split (month range in halves, then per partner listed on the query
page, then one HS digit longer) and each part asked again, recursively, so nothing is cut off.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pandas as pd
from haisi.crawlers.feeds.gacc import GaccCsvFeed, GaccHtmlFeed, flow_from_uri
from haisi.crawlers.spiders.base import HaisiSpider, decode_page, document_row, text_of
from haisi.crawlers.tables import read_table
from haisi.reference.countries import resolve_country
from scrapy.http import Response

__all__ = ["GaccSpider", "release_rows", "split_query", "vintage_of"]

_UNITS = {
    "亿元": ("CNY", 1e8),
    "万元": ("CNY", 1e4),
    "亿美元": ("USD", 1e8),
    "万美元": ("USD", 1e4),
    "千美元": ("USD", 1e3),
    "美元": ("USD", 1.0),
}
_TOTALS = {"总值", "总计", "合计", "全部"}
_FLOWS = {"出口": "export", "进口": "import"}
_QUERY_FIXED = {
    "currencyType": "usd",
    "monthFlag": "1",
    "codeLength": "8",
    "outerField1": "ORIGIN_COUNTRY",
    "outerField2": "CODE_TS",
    "outerField3": "TRADE_MODE",
}


def split_query(query: dict[str, str], partners: list[str]) -> list[dict[str, str]]:
    """Parts of a capped query that together cover it: months in halves, then partners,
    then HS digits.

    Returns [] when the query cannot be split further (one month, one partner, an 8-digit code).
    """
    first, last = int(query["startMonth"]), int(query["endMonth"])
    if last > first:
        mid = (first + last) // 2
        return [
            {**query, "startMonth": str(first), "endMonth": str(mid)},
            {**query, "startMonth": str(mid + 1), "endMonth": str(last)},
        ]
    if not query.get("outerValue1"):
        return [{**query, "outerValue1": p} for p in partners]
    hs = query.get("outerValue2", "")
    if len(hs) < 8:
        return [{**query, "outerValue2": hs + d} for d in "0123456789"]
    return []


def vintage_of(title: str) -> str:
    """Vintage of a release from its title: corrected (修正/更正), yearbook (年鉴),
    else preliminary."""
    if "年鉴" in title:
        return "yearbook"
    if "修正" in title or "更正" in title or "修订" in title:
        return "corrected"
    return "preliminary"


def release_rows(
    caption: str, header: list[list[str]], body: list[list[str]], *, vintage: str
) -> tuple[pd.DataFrame, int]:
    """trade_flows rows of a 国别(地区) table: China's exports and imports by partner, one month.

    Returns the rows and the number of partner names that could not be resolved (regions such
    as 亚洲 are not countries; they are skipped, not guessed).
    """
    period = re.search(r"(\d{4})年(\d{1,2})月", caption)
    unit = next((u for u in sorted(_UNITS, key=len, reverse=True) if u in caption), None)
    if not (period and unit and header):
        return pd.DataFrame(), 0
    currency, scale = _UNITS[unit]
    cols = header[-1]
    rows, unresolved = [], 0
    for r in body:
        name = r[0]
        partner = "W00" if name in _TOTALS else resolve_country(name)
        if partner is None:
            unresolved += 1
            continue
        for c, label in enumerate(cols[1:], start=1):
            flow = _FLOWS.get(label)
            value = pd.to_numeric(r[c].replace(",", ""), errors="coerce") if c < len(r) else None
            if flow and value is not None and pd.notna(value):
                rows.append(
                    {
                        "period": f"{period[1]}-{int(period[2]):02d}",
                        "frequency": "M",
                        "reporter": "CHN",
                        "partner": partner,
                        "flow": flow,
                        "hs_code": "TOTAL",
                        "hs_revision": "",
                        "regime": "",
                        "mode": "",
                        "value": value * scale,
                        "currency": currency,
                        "vintage": vintage,
                    }
                )
    return pd.DataFrame(rows), unresolved


class GaccSpider(HaisiSpider):
    """GACC release pages (tables + press text) and the query results they link to."""

    name = "gacc"
    source_id = "gacc"
    site = "http://www.customs.gov.cn/customs/302249/zfxxgk/2799825/302274/302277"
    mirror_dir = "gacc"

    def first_requests(self) -> Iterator[Any]:
        # the query platform hands out its session cookie on the entry page
        yield self.list_request(self.url("query/index.html"), self.after_session)

    def after_session(self, response: Response) -> Iterator[Any]:
        yield self.list_request(self.url("list_1.html"), self.parse_list)
        years = [y for y in str(getattr(self, "query_years", "") or "").split(",") if y.strip()]
        self.partners = [
            p for p in response.css("select[name=outerValue1] option::attr(value)").getall() if p
        ]
        for year in years:
            for flow in ("0", "1"):
                yield self.query_request(
                    {
                        "iEType": flow,
                        "year": year.strip(),
                        "startMonth": "1",
                        "endMonth": "12",
                        "outerValue1": "",
                        "outerValue2": "",
                    }
                )

    def query_request(self, query: dict[str, str]) -> Any:
        """One download of the query platform (CSV), remembering its parameters for a split."""
        url = self.url("query/downloadQueryData") + "?" + urlencode({**_QUERY_FIXED, **query})
        request = self.page_request(
            url, self.parse_query, expect="csv", query=query, vintage="preliminary"
        )
        request.headers.setdefault("Referer", self.url("query/index.html"))
        return request

    def parse_list(self, response: Response) -> Iterator[Any]:
        for href in response.css("ul.news-list li a::attr(href)").getall():
            yield self.page_request(response.urljoin(href), self.parse_release)
        nxt = response.css("a.next::attr(href)").get()
        if nxt:
            yield self.list_request(response.urljoin(nxt), self.parse_list)

    def parse_release(self, response: Response) -> Iterator[Any]:
        text, enc, declared_ok = decode_page(response)
        if not declared_ok:
            self.bad(response, "wrong_encoding")
        title_m = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
        if not title_m or "</html>" not in text.lower():
            self.bad(response, "broken_html")
            return
        title = text_of(title_m[1])
        vintage = vintage_of(title)
        frames = []
        for table_html in re.findall(r"<table.*?</table>", text, re.S | re.I):
            grid = read_table(table_html)
            if grid.merged:
                self.bad(response, "merged_cells")
            if grid.footnotes:
                self.bad(response, "footnote_marks")
            rows, unresolved = release_rows(grid.caption, grid.header, grid.body, vintage=vintage)
            self.crawler.stats.inc_value("haisi/unresolved_names", unresolved)
            if len(rows):
                frames.append(rows)
        body = re.search(r'<div id="easysiteText"[^>]*>(.*?)</div>', text, re.S)
        date = re.search(r"(20\d\d)-(\d\d)-(\d\d)", text_of(text[title_m.end() :]))
        doc = document_row(
            response,
            doc_id=f"gacc:{response.url.rsplit('/', 1)[-1].rsplit('.', 1)[0]}",
            title=title,
            text=text_of(body[1]) if body else None,
            published=date[0] if date else None,
            language="zh",
            encoding=enc,
        )
        tables = {"documents": doc}
        if frames:
            tables["trade_flows"] = pd.concat(frames, ignore_index=True)
        yield self.page_item(response, tables, revision=vintage)
        for href in response.css("a.query-result::attr(href)").getall():
            yield self.page_request(response.urljoin(href), self.parse_query, vintage=vintage)
        for href in response.css("a.query-csv::attr(href)").getall():
            yield self.page_request(
                response.urljoin(href), self.parse_query, expect="csv", vintage=vintage
            )

    def parse_query(self, response: Response) -> Iterator[Any]:
        """A query result (HTML table or CSV download) → trade_flows via the GACC feed parsers."""
        csv = response.meta.get("expect") == "csv"
        query = response.meta.get("query")
        if query is not None and response.body.strip().count(b"\n") == 0:
            self.crawler.stats.inc_value("haisi/gacc_query_empty")
            return  # header only: nothing matches this part of the query
        flow = flow_from_uri(response.url)
        feed = (GaccCsvFeed if csv else GaccHtmlFeed)("gacc-csv" if csv else "gacc-html", flow)
        result = feed.parse(response.body, source_uri=response.url)
        if result.errors:
            self.bad(response, "parse_error")
            self.logger.warning("%s: %s", response.url, result.errors[0])
            return
        if result.n_read >= self.settings.getint("HAISI_GACC_QUERY_CAP"):
            # the platform cut the download off: never store it; split the query and ask again
            self.crawler.stats.inc_value("haisi/gacc_query_capped")
            parts = split_query(query, getattr(self, "partners", [])) if query is not None else []
            if not parts:
                self.bad(response, "row_cap")
            self.crawler.stats.inc_value("haisi/gacc_query_splits", 1 if parts else 0)
            for part in parts:
                yield self.query_request(part)
            return
        rows = result.rows.assign(reporter="CHN", vintage=response.meta.get("vintage"))
        doc = document_row(
            response,
            doc_id=f"gacc:{response.url.rsplit('/', 1)[-1]}",
            title=None,
            text=None,
            published=None,
            language=None,
            encoding="gb18030" if csv else getattr(response, "encoding", None),
        )
        yield self.page_item(
            response, {"documents": doc, "trade_flows": rows}, revision=response.meta.get("vintage")
        )
