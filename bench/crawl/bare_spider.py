"""The baseline: a bare Scrapy spider that only fetches the same list and article pages."""

from __future__ import annotations

from typing import Any

import scrapy


class BareSpider(scrapy.Spider):
    """Follows list pages and article links; parses nothing, stores nothing."""

    name = "bare"

    def __init__(self, start: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_url = start

    async def start(self) -> Any:
        yield scrapy.Request(self.start_url, callback=self.parse_list)

    def parse_list(self, response: scrapy.http.Response) -> Any:
        for href in response.css("ul.news-list li a::attr(href)").getall():
            yield response.follow(href, callback=self.parse_article)
        nxt = response.css("a.next::attr(href)").get()
        if nxt:
            yield response.follow(nxt, callback=self.parse_list)

    def parse_article(self, response: scrapy.http.Response) -> None:
        return None
