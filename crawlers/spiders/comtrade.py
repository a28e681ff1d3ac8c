"""UN Comtrade API (JSON), one request per period, split by partner when a response is capped.

Real API: ``https://comtradeapi.un.org/data/v1/get/C/A/HS?reporterCode=156&period=2010`` with
the ``Ocp-Apim-Subscription-Key`` header (haisi setting ``comtrade_api_key``); without a key the
public ``/public/v1/preview/…`` endpoint answers at most 500 records. Rate limited (HTTP 429):
retried with backoff. A response holding ``cap`` records or more was cut, so the spider asks
again per partner. Mirror layout (``comtrade/``): the same paths, query files named ``@query``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from haisi.crawlers.feeds.comtrade import ComtradeJsonFeed
from haisi.crawlers.spiders.base import HaisiSpider, document_row
from scrapy.http import Response

__all__ = ["ComtradeSpider"]


class ComtradeSpider(HaisiSpider):
    """Comtrade annual HS data for one reporter: per period, per partner when capped."""

    name = "comtrade"
    source_id = "un_comtrade"
    site = "https://comtradeapi.un.org"
    mirror_dir = "comtrade"

    def __init__(
        self, *args: Any, reporter: str = "156", periods: str = "2010", cap: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.reporter = reporter
        self.periods = [p.strip() for p in periods.split(",") if p.strip()]
        self.cap_arg = cap

    def first_requests(self) -> Iterator[Any]:
        self.key = self.settings.get("HAISI_COMTRADE_API_KEY", "")
        self.cap = int(self.cap_arg) if self.cap_arg else (100_000 if self.key else 500)
        for period in self.periods:
            yield self._request(period)

    def _request(self, period: str, partner: str | None = None) -> Any:
        q = {"period": period, "reporterCode": self.reporter}
        if partner is not None:
            q["partnerCode"] = partner
        path = (
            "data/v1/get/C/A/HS"
            if self.key or self.root != self.site
            else "public/v1/preview/C/A/HS"
        )
        req = self.page_request(
            f"{self.url(path)}?{urlencode(sorted(q.items()))}",
            self.parse_response,
            expect="json",
            period=period,
            partner=partner,
        )
        if self.key:
            req.headers["Ocp-Apim-Subscription-Key"] = self.key
        return req

    def parse_response(self, response: Response) -> Iterator[Any]:
        try:
            doc = json.loads(response.body)
        except ValueError:
            self.bad(response, "not_json")
            return
        records = doc.get("data") or []
        if response.meta.get("partner") is None and len(records) >= self.cap:
            for partner in sorted({str(r.get("partnerCode")) for r in records}):
                yield self._request(response.meta["period"], partner)
            return
        if not records:
            self.crawler.stats.inc_value("haisi/empty_responses")
            return
        result = ComtradeJsonFeed().parse(response.body, source_uri=response.url)
        if result.errors:
            self.bad(response, "parse_error")
            self.logger.warning("%s: %s", response.url, result.errors[0])
            return
        doc_row = document_row(
            response,
            doc_id=f"un_comtrade:{response.url.split('?', 1)[-1]}",
            title=None,
            text=None,
            published=None,
            language="en",
            encoding="utf-8",
        )
        yield self.page_item(
            response,
            {"documents": doc_row, "trade_flows": result.rows},
            revision=result.source_revision,
        )
