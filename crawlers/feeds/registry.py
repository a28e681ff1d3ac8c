"""Every feed format by name: ``haisi ingest FORMAT PATH...`` looks the format up here."""

from __future__ import annotations

from haisi.crawlers.feeds.base import BaseFeed
from haisi.crawlers.feeds.comtrade import ComtradeCsvFeed, ComtradeJsonFeed
from haisi.crawlers.feeds.crossstrait import BothSidesTradeFeed, TeuFeed, VisitorPurposeFeed
from haisi.crawlers.feeds.gacc import GaccCsvFeed, GaccHtmlFeed
from haisi.crawlers.feeds.gravity import HmrGravityFeed, YotovPanelFeed
from haisi.crawlers.feeds.national import (
    BilateralMonthlyFeed,
    SingStatFeed,
    TaiwanByCountryFeed,
    TaiwanTotalsFeed,
    TaiwanVisitorsFeed,
)
from haisi.crawlers.feeds.tourism import AusArrivalsFeed, AusDeparturesFeed, AusDomesticTripsFeed

from haisi.errors import NotFound

__all__ = ["FORMATS", "get_feed", "UnknownFormat"]


def _gacc() -> list[BaseFeed]:
    feeds: list[BaseFeed] = []
    for cls, base in ((GaccCsvFeed, "gacc-csv"), (GaccHtmlFeed, "gacc-html")):
        for flow in (None, "export", "import"):
            f = cls(base if flow is None else f"{base}-{flow}", flow)
            if flow is not None:
                f.description = (
                    f"{cls.description} — {flow} ({'出口' if flow == 'export' else '进口'})"
                )
            else:
                f.description = f"{cls.description} — flow from the file name (export/import)"
            feeds.append(f)
    return feeds


FORMATS: dict[str, BaseFeed] = {
    f.name: f
    for f in [
        ComtradeCsvFeed(),
        ComtradeJsonFeed(),
        *_gacc(),
        TaiwanByCountryFeed(),
        TaiwanTotalsFeed(),
        TaiwanVisitorsFeed(),
        SingStatFeed(),
        BilateralMonthlyFeed(),
        YotovPanelFeed(),
        HmrGravityFeed(),
        AusDomesticTripsFeed(),
        AusArrivalsFeed(),
        AusDeparturesFeed(),
        TeuFeed("to_taiwan"),
        TeuFeed("from_taiwan"),
        VisitorPurposeFeed(),
        BothSidesTradeFeed(),
    ]
}


class UnknownFormat(NotFound):
    """A format name that is not in :data:`FORMATS`."""


def get_feed(name: str) -> BaseFeed:
    """The feed registered as ``name``; the error lists the known formats."""
    try:
        return FORMATS[name]
    except KeyError:  # the dict lookup, not an error kind
        raise UnknownFormat(
            f"unknown format {name!r} 未知格式; known: {', '.join(FORMATS)}"
        ) from None
