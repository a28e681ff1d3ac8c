"""Shared list → article crawling for news sites built on the same CMS pattern.

List page: ``<ul class="news-list"><li><a href="…">title</a><span class="date">YYYY-MM-DD</span>``
with a ``<a class="next">下一页</a>`` pager; article page: ``<h1>`` title, ``.date`` line and the
body in ``<div id="easysiteText">`` paragraphs. The body is stored in documents (raw page kept,
compressed) for nlp/ to extract the figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from haisi.crawlers.spiders.base import HaisiSpider, decode_page, document_row, text_of
from scrapy.http import Response

__all__ = ["NewsSpider"]

_DATE = re.compile(r"(20\d\d)[-年/.](\d{1,2})[-月/.](\d{1,2})")


class NewsSpider(HaisiSpider):
    """List pages with pagination → article pages → documents rows."""

    list_path = "list_1.html"
    language = "zh"

    def first_requests(self) -> Iterator[Any]:
        yield self.list_request(self.url(self.list_path), self.parse_list)

    def parse_list(self, response: Response) -> Iterator[Any]:
        for href in response.css("ul.news-list li a::attr(href)").getall():
            yield self.page_request(response.urljoin(href), self.parse_article)
        nxt = response.css("a.next::attr(href)").get()
        if nxt:
            yield self.list_request(response.urljoin(nxt), self.parse_list)

    def parse_article(self, response: Response) -> Iterator[Any]:
        text, enc, declared_ok = decode_page(response)
        if not declared_ok:
            self.bad(response, "wrong_encoding")
        title = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
        body = re.search(r'<div id="easysiteText"[^>]*>(.*?)</div>', text, re.S)
        if not (title and body) or "</html>" not in text.lower():
            self.bad(response, "broken_html")
            return
        date = _DATE.search(text_of(text[title.end() : body.start()]) or "")
        published = f"{date[1]}-{int(date[2]):02d}-{int(date[3]):02d}" if date else None
        doc_id = f"{self.source_id}:{response.url.rsplit('/', 1)[-1].rsplit('.', 1)[0]}"
        row = document_row(
            response,
            doc_id=doc_id,
            title=text_of(title[1]),
            text=text_of(body[1]),
            published=published,
            language=self.language,
            encoding=enc,
        )
        yield self.page_item(response, {"documents": row})
