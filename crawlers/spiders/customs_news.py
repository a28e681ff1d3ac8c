"""Fuzhou and Xiamen customs news (福州海关, 厦门海关): Fujian trade figures in article text.

Real sites (structure unverified from here; the Chinese customs sites share one EasySite CMS):
- 福州海关 ``http://fuzhou.customs.gov.cn/fuzhou_customs/484190/484191/index.html`` — 海关统计 /
  新闻发布 column lists, paginated ``index_2.html`` …; articles with ``<div id="easysiteText">``.
  Pages are served GBK-encoded on older columns.
- 厦门海关 ``http://xiamen.customs.gov.cn/xiamen_customs/490976/490977/index.html``
  — same CMS, UTF-8.
On the mirror: ``fuzhou_customs/list_N.html`` (GBK) and ``xiamen_customs/list_N.html`` (UTF-8).
"""

from __future__ import annotations

from haisi.crawlers.spiders.news import NewsSpider

__all__ = ["FuzhouCustomsSpider", "XiamenCustomsSpider"]


class FuzhouCustomsSpider(NewsSpider):
    """福州海关 news and statistics releases → documents."""

    name = "fuzhou_customs"
    source_id = "fuzhou_customs"
    site = "http://fuzhou.customs.gov.cn/fuzhou_customs/484190/484191"
    mirror_dir = "fuzhou_customs"


class XiamenCustomsSpider(NewsSpider):
    """厦门海关 news and statistics releases → documents."""

    name = "xiamen_customs"
    source_id = "xiamen_customs"
    site = "http://xiamen.customs.gov.cn/xiamen_customs/490976/490977"
    mirror_dir = "xiamen_customs"
