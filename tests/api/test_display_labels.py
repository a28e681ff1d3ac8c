"""Every Chinese label the platform produces names Taiwan, Hong Kong and Macao as the override
table says (中国台湾 / 台湾地区, 中国香港, 中国澳门): catalogue, /datasets and /ui pages, APIs."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from haisi.api.crossstrait import DEMO_TEU
from haisi.crawlers.feeds.registry import FORMATS
from haisi.reference.places import label_violations
from haisi.warehouse.classification import SOURCES
from haisi.warehouse.schemas import TABLES

from haisi.starter import starter_sets

#: catalogue fields that are labels (publisher_zh is the authority's own name, an input that
#: haisi.starter prefixes through the override table; file paths are the upstream's)
_CATALOGUE_LABELS = ("title_zh", "publisher", "publisher_label_zh", "citation", "licence")


def test_the_scanner_catches_each_kind_of_violation() -> None:
    for bad in (
        "交通部航港局 iMarine",
        "台湾交通部航港局",
        "中华民国交通部观光局",
        "台湾、日本、韩国",
        "经香港转运",
        "澳門",
        "台灣財政部關務署",
        "台湾地区交通部航港局、交通部观光局",
    ):
        assert label_violations(bad), bad
    for good in (
        "台湾地区交通部航港局 iMarine",
        "中国台湾、中国香港、中国澳门",
        "大陆港口至台湾港口集装箱量",
        "台湾海峡",
        "来台旅客",
        "台湾地区大陆委员会整理；台湾地区财政部与海关总署数据",
        "中国香港特别行政区政府统计处",
    ):
        assert label_violations(good) == [], good


def test_catalogue_sources_and_feeds() -> None:
    found = {
        (s["id"], k): label_violations(s[k])
        for s in starter_sets()
        for k in _CATALOGUE_LABELS
        if label_violations(s.get(k) or "")
    }
    assert found == {}
    assert {
        k: label_violations(s.title_zh) for k, s in SOURCES.items() if label_violations(s.title_zh)
    } == {}
    assert {
        k: label_violations(f.description)
        for k, f in FORMATS.items()
        if label_violations(f.description)
    } == {}
    assert starter_sets()[0]["publisher"].startswith("台湾地区交通部航港局")


@pytest.fixture(scope="module")
def pages(client, keys, app) -> dict[str, str]:
    from haisi.api.crossstrait import teu_forecast
    from haisi.models.forecast.service import publish_forecast

    wh = app.state.warehouse  # long-lived: each derivation inherits only what it read
    for port, direction in DEMO_TEU[:1]:
        teu_forecast(wh, port, direction)
    publish_forecast(wh, "trade/SGP/export/CHN/TOTAL")
    h = {"X-API-Key": keys["admin"], "Accept": "text/html"}
    paths = [
        "/ui?lang=zh",
        "/ui/wall?lang=zh",
        "/ui/cross-strait?lang=zh",
        "/ui/network?lang=zh",
        "/ui/network?lang=zh&reporter=TWN&mirror_reporter=CHN&mirror_partner=TWN",
        "/ui/forecasts?lang=zh&series_id=trade/SGP/export/CHN/TOTAL",
        "/ui/forecasts?lang=zh&series_id=teu/CNFOC/to_taiwan",
        "/ui/maps?lang=zh",
        "/ui/datasets?lang=zh",
        "/ui/login?lang=zh",
        *(f"/datasets/{name}?lang=zh" for name in TABLES),
    ]
    out = {}
    for p in paths:
        r = client.get(p, headers=h)
        assert r.status_code == 200, (p, r.status_code)
        out[p] = r.text
    api = {"X-API-Key": keys["admin"]}
    for p in (
        "/crossstrait/teu?port=CNFOC",
        "/crossstrait/teu/ports",
        "/crossstrait/teu/forecast?port=CNFOC",
        "/crossstrait/trade",
        "/datasets",
        *(f"/datasets/{name}" for name in TABLES),
    ):
        r = client.get(p, headers=api)
        assert r.status_code == 200, (p, r.status_code)
        out[p] = json.dumps(r.json(), ensure_ascii=False)  # Chinese as characters, not \\u
    for js in ("crossstrait.js", "haisi.js"):
        out[js] = (resources.files("haisi.api") / "static" / js).read_text("utf-8")
    return out


def test_every_page_and_answer_follows_the_override_table(pages) -> None:
    found = {p: label_violations(text) for p, text in pages.items() if label_violations(text)}
    assert found == {}
    assert "台湾地区交通部航港局" in pages["/datasets/container_flows?lang=zh"]
    assert "中国台湾" in pages["/ui/network?lang=zh"]
