"""Statistics tables with merged cells and footnote marks; release vintages."""

from __future__ import annotations

from haisi.crawlers.spiders.gacc import release_rows, vintage_of
from haisi.crawlers.tables import read_table, strip_footnote

TABLE = """<table><caption>2024年3月进出口商品国别(地区)总值表 (亿元)</caption>
<tr><th rowspan="2">国别(地区)</th><th colspan="2">2024年3月</th></tr>
<tr><th>出口</th><th>进口</th></tr>
<tr><td>总值①</td><td>1,000.5</td><td>800</td></tr>
<tr><td rowspan="2">美国*</td><td>10</td><td>20</td></tr>
<tr><td>11</td><td>21</td></tr>
<tr><td>亚洲</td><td>5</td><td>—</td></tr>
</table>"""


def test_merged_cells_are_expanded_and_footnotes_removed() -> None:
    g = read_table(TABLE)
    assert g.caption.startswith("2024年3月")
    assert g.header == [["国别(地区)", "2024年3月", "2024年3月"], ["国别(地区)", "出口", "进口"]]
    assert g.body == [
        ["总值", "1,000.5", "800"],
        ["美国", "10", "20"],
        ["美国", "11", "21"],
        ["亚洲", "5", "—"],
    ]
    assert g.merged and g.footnotes == 2


def test_strip_footnote() -> None:
    assert strip_footnote("1,234.5①") == ("1,234.5", True)
    assert strip_footnote("越南(注1)") == ("越南", True)
    assert strip_footnote("越南") == ("越南", False)


def test_release_rows_scale_units_and_skip_regions() -> None:
    g = read_table(TABLE)
    rows, unresolved = release_rows(g.caption, g.header, g.body[:2], vintage="preliminary")
    assert unresolved == 0
    got = {(r.partner, r.flow): r.value for r in rows.itertuples()}
    assert got == {
        ("W00", "export"): 1000.5e8,
        ("W00", "import"): 800e8,
        ("USA", "export"): 10e8,
        ("USA", "import"): 20e8,
    }
    assert set(rows.period) == {"2024-03"} and set(rows.currency) == {"CNY"}
    _, unresolved = release_rows(g.caption, g.header, g.body[3:], vintage="preliminary")
    assert unresolved == 1


def test_vintage_from_title() -> None:
    assert vintage_of("2024年3月进出口商品国别(地区)总值表") == "preliminary"
    assert vintage_of("2024年3月进出口商品国别(地区)总值表（修正）") == "corrected"
    assert vintage_of("2023年海关统计年鉴") == "yearbook"
