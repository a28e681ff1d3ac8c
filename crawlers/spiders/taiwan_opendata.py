"""Taiwan open-data catalogue (政府資料開放平臺 data.gov.tw): dataset listings → CSV resources.

Real API: ``https://data.gov.tw/api/v2/rest/dataset?page=N`` (JSON; ``result`` holds datasets
with ``distribution[]`` entries: ``resourceDownloadUrl``, ``resourceFormat``,
``resourceCharacterEncoding`` BIG5 or UTF-8). Datasets of interest: 財政部關務署 cross-strait
trade (exports by destination, totals per CCC code; ROC years, 千美元) and 交通部觀光署 inbound
visitors by residence. The tourism API answers a rate-limited request with HTTP 200 and a
"Request Rejected" HTML page: that is retried with backoff (see middlewares), never stored.
Mirror layout (``taiwan/``): ``api/v2/rest/dataset/@page=N`` JSON → ``resources/NAME.csv``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from haisi.crawlers.feeds.national import TaiwanByCountryFeed, TaiwanTotalsFeed, TaiwanVisitorsFeed
from haisi.crawlers.spiders.base import HaisiSpider, document_row
from scrapy.http import Response

__all__ = ["TaiwanOpenDataSpider", "feed_for"]


def feed_for(raw: bytes) -> TaiwanByCountryFeed | TaiwanTotalsFeed | TaiwanVisitorsFeed | None:
    """The feed parser matching a CSV's header line (Big5 or UTF-8), or None."""
    head = raw[:512]
    for enc in ("utf-8-sig", "big5"):
        try:
            line = head.decode(enc, "ignore").splitlines()[0]
        except IndexError:
            return None
        if "Export Value (USD)" in line:
            return TaiwanByCountryFeed()
        if "進出口別" in line:
            return TaiwanTotalsFeed()
        if "居住地" in line:
            return TaiwanVisitorsFeed()
    return None


class TaiwanOpenDataSpider(HaisiSpider):
    """data.gov.tw dataset listing (JSON, paginated) → CSV resources → trade or tourism flows."""

    name = "taiwan_opendata"
    source_id = "tw_opendata"
    site = "https://data.gov.tw"
    mirror_dir = "taiwan"

    def first_requests(self) -> Iterator[Any]:
        yield self.list_request(
            self.url("api/v2/rest/dataset?page=1"), self.parse_listing, expect="json"
        )

    def parse_listing(self, response: Response) -> Iterator[Any]:
        try:
            doc = json.loads(response.body)
        except ValueError:
            self.bad(response, "not_json")
            return
        for ds in doc.get("result", []):
            for res in ds.get("distribution", []):
                if str(res.get("resourceFormat", "")).upper() == "CSV":
                    yield self.page_request(
                        response.urljoin(res["resourceDownloadUrl"]),
                        self.parse_csv,
                        expect="csv",
                        dataset=ds.get("identifier"),
                    )
        if doc.get("next"):
            yield self.list_request(
                response.urljoin(doc["next"]), self.parse_listing, expect="json"
            )

    def parse_csv(self, response: Response) -> Iterator[Any]:
        feed = feed_for(response.body)
        if feed is None:
            self.bad(response, "unknown_csv")
            return
        result = feed.parse(response.body, source_uri=response.url)
        if result.errors:
            self.bad(response, "parse_error")
            self.logger.warning("%s: %s", response.url, result.errors[0])
            return
        self.crawler.stats.inc_value("haisi/unresolved_names", sum(result.unresolved.values()))
        doc = document_row(
            response,
            doc_id=f"tw_opendata:{response.url.rsplit('/', 1)[-1]}",
            title=response.meta.get("dataset"),
            text=None,
            published=None,
            language="zh",
            encoding=None,
        )
        yield self.page_item(
            response, {"documents": doc, result.table: result.rows}, revision=result.source_revision
        )
