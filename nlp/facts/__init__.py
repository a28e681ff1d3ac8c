"""Statistical facts from bulletin paragraphs: one fact per reported figure.

Follows the fields and conventions of the hand-labelled guide in
``shared/data/text/xwlb-zh-facts-dev/SOURCE.md``: indicator, reporter, partner, commodity, value
in base units, unit, yoy_pct, period_start, period_end and span (an exact substring of the text).

The rules, one module each, in the order a figure meets them:

- ``extract``: sentences in order; the period and reporter carry from one sentence to the next.
- ``sentence``: the walk over one sentence's figures and growth rates (分别 lists, rate spreading).
- ``figures``: which numbers are reportable figures (no ordinals, place counts, tariff rates …).
- ``indicators``: what a figure measures, where its span starts, its ``indicator_text``.
- ``growth``: whether a growth rate joins the figure before it; non-yoy bases (环比, 比2019年).
- ``timing``: the period of one figure (future dates anchor only forecasts, daily figures).
- ``lists``: lists that stand for several facts (分别 with mixed units, 均 lists).
- ``roles``: reporter, partner and commodity; share roles; 分别 list items.
- ``names``: subjects named by a type word (lines, corridors, ports, zones, regions, events).
- ``record``: the output record.
- ``ranker``: a learned second look at each reporter, over the names the paragraph offers.

Examples
--------
>>> f = extract_facts(
...     "今年前8个月，长三角地区进出口规模达11.07万亿元，同比增长5.5%。", "2024-09-20"
... )
>>> (f[0]["indicator"], f[0]["value"], f[0]["yoy_pct"], f[0]["period_end"])
('trade_total', 11070000000000, 5.5, '2024-08')
"""

from haisi.nlp.facts.extract import MAX_CHARS, MAX_SENTENCE, extract_facts

__all__ = ["INDICATORS", "MAX_CHARS", "MAX_SENTENCE", "extract_facts"]

INDICATORS = (
    "trade_total",
    "export",
    "import",
    "visitors",
    "tourism_revenue",
    "container_throughput",
    "cargo_throughput",
    "vessel_or_trip_count",
    "enterprise_count",
    "tax_refund_or_other_money",
    "share",
    "other",
)
