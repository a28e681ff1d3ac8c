"""What a spider yields: one :class:`PageItem` per fetched page, holding that page's rows per table.

A page is the unit of provenance (URL, fetched-at, content hash, the source's revision) and of
incremental state (ETag / Last-Modified), so its rows are stored — or skipped — together.
"""

from __future__ import annotations

import scrapy

__all__ = ["PageItem"]


class PageItem(scrapy.Item):
    """Rows parsed from one page: ``rows`` maps a warehouse table name to a pandas DataFrame."""

    url = scrapy.Field()  # the page's URL (source_uri of every row)
    source_id = scrapy.Field()  # e.g. gacc, fuzhou_customs, un_comtrade
    source_revision = scrapy.Field()  # e.g. GACC vintage (preliminary, corrected, yearbook)
    content_hash = scrapy.Field()  # SHA-256 of the response body
    etag = scrapy.Field()
    last_modified = scrapy.Field()
    rows = scrapy.Field()  # {table: DataFrame of the table's domain columns}
