"""Scrapy's downloader with the per-domain concurrency limit enforced when there is no delay.

In Scrapy 2.19 ``Downloader._process_queue`` pops queued requests while
``slot.free_transfer_slots() > 0`` but a request only joins ``slot.transferring`` once its
download coroutine starts, so with ``DOWNLOAD_DELAY = 0`` every queued request of a domain is
started at once and ``CONCURRENT_REQUESTS_PER_DOMAIN`` is not honoured (measured against the
mirror: 8 requests in flight with a limit of 1). Counting a request as transferring the moment
it is popped restores the limit; ``_download`` adds it again (a set) and removes it when done.
"""

from __future__ import annotations

from time import monotonic

from scrapy.core.downloader import Downloader, Slot
from scrapy.utils.asyncio import call_later
from scrapy.utils.defer import _schedule_coro

__all__ = ["PoliteDownloader"]


class PoliteDownloader(Downloader):
    """Downloader whose slots never start more than their concurrency."""

    def _process_queue(self, slot: Slot) -> None:
        if slot.latercall:
            return
        now = monotonic()
        delay = slot.download_delay()
        if delay:
            penalty = delay - now + slot.lastseen
            if penalty > 0:
                slot.latercall = call_later(penalty, self._latercall, slot)
                return
        while slot.queue and slot.free_transfer_slots() > 0:
            slot.lastseen = now
            request, queue_dfd = slot.queue.popleft()
            slot.transferring.add(request)  # counted now, not when the coroutine first runs
            _schedule_coro(self._wait_for_download(slot, request, queue_dfd))
            if delay:
                self._process_queue(slot)
                break
