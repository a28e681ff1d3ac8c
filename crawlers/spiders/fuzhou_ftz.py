"""Fujian FTZ Fuzhou area (中国（福建）自由贸易试验区福州片区) announcements: list → article pages.

Real site (structure unverified from here): ``http://ftz.fuzhou.gov.cn/zz/xxgk/tzgg/`` — a
government-portal column (通知公告) with ``index_1.html`` … pagination and article pages whose body
is one content ``<div>``. On the mirror: ``fuzhou_ftz/list_N.html`` → ``fuzhou_ftz/art/ID.html``.
"""

from __future__ import annotations

from haisi.crawlers.spiders.news import NewsSpider

__all__ = ["FuzhouFtzSpider"]


class FuzhouFtzSpider(NewsSpider):
    """自贸区福州片区 announcements → documents."""

    name = "fuzhou_ftz"
    source_id = "fuzhou_ftz"
    site = "http://ftz.fuzhou.gov.cn/zz/xxgk/tzgg"
    mirror_dir = "fuzhou_ftz"
