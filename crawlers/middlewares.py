"""Downloader middlewares: content checks, retries with backoff, conditional GET;
the run dupefilter.

A response is only data when its content is what the spider asked for (``request.meta["expect"]``
is ``html``, ``csv`` or ``json``): Taiwan's tourism API answers a rate-limited request with HTTP
200 and a "Request Rejected" HTML page, and the GACC query answers a failed CSV download with an
HTML page. Such responses are retried with exponential backoff and, when retries run out, counted
as bad pages (URL and reason) — never stored.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from typing import TYPE_CHECKING, Any

from scrapy.downloadermiddlewares import cookies as _cookies
from scrapy.downloadermiddlewares.retry import RetryMiddleware, get_retry_request
from scrapy.dupefilters import RFPDupeFilter
from scrapy.exceptions import IgnoreRequest
from tldextract import TLDExtract

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

__all__ = [
    "BackoffRetryMiddleware",
    "ContentCheckMiddleware",
    "IncrementalMiddleware",
    "RunDupeFilter",
    "NotModified",
    "BadContent",
    "content_problem",
    "record_bad",
]

log = logging.getLogger(__name__)

# Scrapy's cookie middleware splits domains with tldextract, which downloads the public suffix
# list on first use; haisi must not reach the internet at run time, so use the bundled snapshot.
_cookies._split_domain = TLDExtract(suffix_list_urls=(), include_psl_private_domains=True)


class NotModified(IgnoreRequest):
    """The page has not changed since the last crawl (304, or the same content hash)."""


class BadContent(IgnoreRequest):
    """The response is not what the spider expected, after all retries; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def record_bad(spider: Spider, url: str, reason: str) -> None:
    """Count a bad page under ``haisi/bad/<reason>`` and keep its URL for the run record."""
    stats = spider.crawler.stats
    stats.inc_value(f"haisi/bad/{reason}")
    bad = stats.get_value("haisi/bad_pages") or []
    if len(bad) < 1000:
        stats.set_value("haisi/bad_pages", [*bad, {"url": url, "reason": reason}])
    log.warning("bad page %s: %s", url, reason)


def content_problem(body: bytes, expect: str | None) -> str | None:
    """Why ``body`` is not a ``expect`` response (None when it is fine)."""
    head = body[:4096].lstrip().lower()
    if b"request rejected" in head:
        return "rejected"
    if expect is None:
        return None
    looks_html = head.startswith((b"<!doctype html", b"<html")) or b"<body" in head
    if expect == "csv" and looks_html:
        return "html_not_csv"
    if expect == "json":
        if looks_html:
            return "html_not_json"
        if not head.startswith((b"{", b"[")):
            return "not_json"
    if expect == "html" and not body.strip():
        return "empty"
    return None


async def _sleep(seconds: float) -> None:
    if seconds > 0:
        await asyncio.sleep(seconds)


class ContentCheckMiddleware:
    """A 200 whose content is not what was expected is retried with backoff, then dropped."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.backoff = crawler.settings.getfloat("HAISI_REJECT_BACKOFF")
        self.max_retry = crawler.settings.getint("RETRY_TIMES")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ContentCheckMiddleware:
        return cls(crawler)

    async def process_response(self, request: Request, response: Response) -> Any:
        if response.status != 200:
            return response
        reason = content_problem(response.body, request.meta.get("expect"))
        if reason is None:
            return response
        retries = request.meta.get("retry_times", 0)
        retry = get_retry_request(
            request,
            spider=self.crawler.spider,
            reason=f"haisi/{reason}",
            max_retry_times=self.max_retry,
        )
        if retry is None:
            raise BadContent(reason)
        await _sleep(self.backoff * 2**retries)
        return retry


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry on 429/5xx/timeouts, waiting ``backoff × 2**n`` (or Retry-After) first."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.backoff = settings.getfloat("HAISI_REJECT_BACKOFF")

    async def process_response(self, request: Request, response: Response) -> Any:
        out = super().process_response(request, response)
        if out is not response:
            wait = self.backoff * 2 ** request.meta.get("retry_times", 0)
            after = response.headers.get(b"Retry-After")
            if after and after.isdigit():
                wait = min(float(after), 60.0) if self.backoff > 0 else 0.0
            await _sleep(wait)
        return out

    async def process_exception(self, request: Request, exception: Exception) -> Any:
        out = super().process_exception(request, exception)
        if out is not None:
            await _sleep(self.backoff * 2 ** request.meta.get("retry_times", 0))
        return out


class IncrementalMiddleware:
    """Conditional GET from OpsDB crawl_state; an unchanged page (304 / same hash) is not parsed.

    Only requests with ``meta["incremental"]`` take part (release and article pages, resources);
    list pages are always fetched so that new links are found. The pipeline saves a page's state
    after its rows are committed, so an interrupted crawl never marks unsaved pages as seen.
    """

    def __init__(self, crawler: Crawler, states: Any) -> None:
        self.crawler = crawler
        self.states = states
        self.enabled = crawler.settings.getbool("HAISI_INCREMENTAL")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IncrementalMiddleware:
        from haisi.crawlers.storage import PageStates, ops_from

        return cls(crawler, PageStates(ops_from(crawler.settings)))

    def process_request(self, request: Request) -> None:
        if not (self.enabled and request.meta.get("incremental")):
            return None
        state = self.states.get(request.url)
        if state:
            etag, last_modified, request.meta["known_hash"] = state
            if etag:
                request.headers.setdefault(b"If-None-Match", etag)
            if last_modified:
                request.headers.setdefault(b"If-Modified-Since", last_modified)
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        if not request.meta.get("incremental") or response.status not in (200, 304):
            return response
        stats = self.crawler.stats
        if response.status == 304:
            stats.inc_value("haisi/not_modified")
            raise NotModified(request.url)
        digest = hashlib.sha256(response.body).hexdigest()
        request.meta["content_hash"] = digest
        if self.enabled and request.meta.get("known_hash") == digest:
            stats.inc_value("haisi/unchanged")
            raise NotModified(request.url)
        return response


class RunDupeFilter(RFPDupeFilter):
    """Request fingerprints for this run only (kept in memory, never in JOBDIR).

    Across runs, OpsDB crawl_state and the content hashes in the warehouse decide what is new;
    a resumed crawl therefore re-walks the list pages and refetches pages whose rows were not yet
    committed when it was killed, instead of trusting fingerprints written before the commit.
    """

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunDupeFilter:
        return cls(
            None,
            debug=crawler.settings.getbool("DUPEFILTER_DEBUG"),
            fingerprinter=crawler.request_fingerprinter,
        )
