"""What every haisi spider shares: re-rooting at a mirror, error accounting, page items,
parsing aids.

A spider names its real site in ``site`` and its folder on the mirror in ``mirror_dir``;
``HAISI_BASE_URL`` (``haisi crawl --mirror URL``) replaces ``site`` by ``URL/<mirror_dir>``.
"""

from __future__ import annotations

import hashlib
import html as htmlmod
import re
import zlib
from datetime import datetime, timezone
from typing import Any

import pandas as pd
import scrapy
from haisi.crawlers.items import PageItem
from haisi.crawlers.middlewares import BadContent, NotModified, record_bad
from scrapy.http import Response
from twisted.python.failure import Failure

__all__ = ["HaisiSpider", "document_row", "decode_page", "text_of"]

_TAGS = re.compile(r"<[^>]+>")
_WS = re.compile(r"[ \t\r\f\v]+")


def decode_page(response: Response) -> tuple[str, str, bool]:
    """(text, encoding, declared_ok): decode strictly by the declared charset, else detect.

    A page whose bytes do not decode in the charset its headers or ``<meta>`` declare is a bad
    page ("wrong_encoding") but is still read, in the encoding that does decode it.
    """
    declared = getattr(response, "encoding", None) or "utf-8"
    try:
        return response.body.decode(declared), declared, True
    except (UnicodeDecodeError, LookupError):
        pass
    for enc in ("utf-8", "gb18030", "big5"):
        try:
            return response.body.decode(enc), enc, False
        except UnicodeDecodeError:
            continue
    return response.body.decode("utf-8", "replace"), "utf-8", False


def text_of(fragment: str) -> str:
    """Plain text of an HTML fragment: paragraphs on their own lines, tags and entities gone."""
    fragment = re.sub(r"(?i)</p>|<br\s*/?>", "\n", fragment)
    lines = (
        _WS.sub(" ", htmlmod.unescape(_TAGS.sub("", line))).strip() for line in fragment.split("\n")
    )
    return "\n".join(x for x in lines if x)


def document_row(
    response: Response,
    *,
    doc_id: str,
    title: str | None,
    text: str | None,
    published: str | None,
    language: str | None,
    encoding: str | None,
) -> pd.DataFrame:
    """The documents row of a page: its text and the raw bytes, zlib-compressed."""
    return pd.DataFrame(
        [
            {
                "doc_id": doc_id,
                "url": response.url,
                "title": title,
                "language": language,
                "published": published,
                "fetched_at": datetime.now(timezone.utc),
                "text": text,
                "raw": zlib.compress(response.body, 6),
                "raw_encoding": encoding,
            }
        ]
    )


class HaisiSpider(scrapy.Spider):
    """Base spider: ``url(path)`` on the real site or the mirror;
    bad pages counted, never stored."""

    site: str = ""  # the real site's root URL
    mirror_dir: str = ""  # this source's folder on the local mirror
    source_id: str = ""
    relist: bool = True  # re-walk list pages every run (off in distributed mode)

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> HaisiSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        base = crawler.settings.get("HAISI_BASE_URL")
        spider.root = f"{base.rstrip('/')}/{spider.mirror_dir}" if base else spider.site.rstrip("/")
        spider.relist = not crawler.settings.get("HAISI_REDIS_URL")
        return spider

    async def start(self) -> Any:
        """Scrapy ≥2.13 entry point: the spider's :meth:`first_requests`."""
        for request in self.first_requests():
            yield request

    def first_requests(self) -> Any:  # pragma: no cover - every spider defines it
        raise NotImplementedError

    def url(self, path: str) -> str:
        """Absolute URL of ``path`` under this source's root."""
        return f"{self.root}/{path.lstrip('/')}"

    def list_request(self, url: str, callback: Any, **meta: Any) -> scrapy.Request:
        """A list page: fetched every run, so new entries are found."""
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.on_error,
            dont_filter=self.relist,
            meta={"expect": "html", **meta},
        )

    def page_request(
        self, url: str, callback: Any, *, expect: str = "html", **meta: Any
    ) -> scrapy.Request:
        """A content page: conditional GET, parsed only when new or changed."""
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.on_error,
            meta={"expect": expect, "incremental": True, **meta},
        )

    def page_item(
        self, response: Response, rows: dict[str, pd.DataFrame], *, revision: str | None = None
    ) -> PageItem:
        """The item for one page: rows per table with the page's provenance and state."""
        digest = response.meta.get("content_hash") or hashlib.sha256(response.body).hexdigest()
        return PageItem(
            url=response.url,
            source_id=self.source_id,
            source_revision=revision,
            content_hash=digest,
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
            rows=rows,
        )

    def bad(self, response_or_url: Response | str, reason: str) -> None:
        """Count and log a bad page (URL and reason); the crawl goes on."""
        url = response_or_url if isinstance(response_or_url, str) else response_or_url.url
        record_bad(self, url, reason)

    def on_error(self, failure: Failure) -> None:
        """Errback: classify a failed request (HTTP status, truncated, oversize, timeout …)."""
        if failure.check(NotModified):
            return
        url = failure.request.url
        if failure.check(BadContent):
            reason = failure.value.reason
        elif "robots.txt" in str(failure.value):
            reason = "robots_disallowed"
        elif hasattr(failure.value, "response") and failure.value.response is not None:
            reason = f"http_{failure.value.response.status}"
        else:
            reason = _exception_reason(failure)
        self.bad(url, reason)


def _header(response: Response, name: bytes) -> str | None:
    v = response.headers.get(name)
    return v.decode("latin-1") if v else None


def _exception_reason(failure: Failure) -> str:
    name = type(failure.value).__name__
    text = str(failure.value).lower()
    if "dataloss" in name.lower() or "data loss" in text or "partial" in text:
        return "truncated"
    if "cancel" in name.lower() or "maxsize" in text or "max size" in text:
        return "oversize"
    if "timeout" in name.lower():
        return "timeout"
    if "refused" in name.lower() or "connection" in name.lower():
        return "connection"
    return name
