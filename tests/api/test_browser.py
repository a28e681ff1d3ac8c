"""Debian's chromium with every request outside 127.0.0.1 blocked: each page loads offline with no
blocked request, no console error, ``lang`` set and its key content; screenshots in test-output/."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from haisi.reference.places import label_violations
from haisi.warehouse import Warehouse

from haisi.numbers import fmt_number

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        yield b
        b.close()


class Visit:
    """A browser context with one key, every outside request blocked and console errors kept."""

    def __init__(
        self, browser, live_server: str, secret: str | None, width: int = 1280, height: int = 900
    ) -> None:
        self.base = live_server
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.ctx = browser.new_context(
            viewport={"width": width, "height": height}, accept_downloads=True
        )
        if secret:
            self.ctx.add_cookies([{"name": "haisi_key", "value": secret, "url": live_server}])
        self.ctx.route("**/*", self._route)
        self.page = self.ctx.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, r) -> None:
        if urlparse(r.request.url).hostname == "127.0.0.1":
            r.continue_()
        else:
            self.blocked.append(r.request.url)
            r.abort()

    def open(self, path: str, lang: str, shot, name: str, full: bool = True):
        """Load ``path``; check status, ``lang``, no blocked request, no console error;
        screenshot."""
        r = self.page.goto(f"{self.base}{path}", wait_until="networkidle")
        assert r.status == 200, (path, r.status)
        assert self.page.evaluate("document.documentElement.lang").startswith(lang), path
        self.page.wait_for_timeout(300)
        self.page.screenshot(path=str(shot / f"{name}.png"), full_page=full)
        assert self.blocked == [], (path, self.blocked)
        assert self.errors == [], (path, self.errors)
        if lang == "zh":  # Taiwan, Hong Kong and Macao as the override table names them
            assert label_violations(self.page.evaluate("document.body.innerText")) == [], path
        return self.page

    def close(self) -> None:
        self.ctx.close()


@pytest.fixture(scope="module")
def teu_forecast_stored(demo_settings):
    from haisi.api.crossstrait import teu_forecast

    return teu_forecast(Warehouse(demo_settings.store_dir), "CNFOC", "to_taiwan")


@pytest.mark.parametrize("layer,mode", [("sea-routes", "sea"), ("air-routes", "air")])
def test_route_map_draws_every_route_offline(
    browser, live_server, keys, demo_settings, test_output, layer, mode
):
    v = Visit(browser, live_server, keys["tourism"])
    page = v.open(f"/maps/{layer}.html", "zh", test_output, f"map_{layer}")
    assert page.evaluate("typeof window.L") == "object"
    n = (
        Warehouse(demo_settings.store_dir)
        .sql(f"SELECT count(*) AS n FROM routes WHERE mode = '{mode}'")
        .to_pylist()[0]["n"]
    )
    assert page.locator("path.haisi-route").count() == n > 0
    assert page.locator("path.haisi-arrow").count() == n
    v.close()


def _boxes_apart(page, a: str, b: str) -> bool:
    ra, rb = (page.locator(s).first.bounding_box() for s in (a, b))
    return (
        ra["x"] + ra["width"] <= rb["x"]
        or rb["x"] + rb["width"] <= ra["x"]
        or ra["y"] + ra["height"] <= rb["y"]
        or rb["y"] + rb["height"] <= ra["y"]
    )


@pytest.mark.parametrize("layer", ["visitors", "crossstrait-teu"])
@pytest.mark.parametrize("width,height", [(270, 420), (390, 700), (1280, 900)])
def test_map_chrome_never_overlaps(browser, live_server, keys, test_output, width, height, layer):
    """The gallery's thumbnails and a phone: the title wrapped one character per line under
    the tools, and the legend covered the scale bar; now the title and tools share a wrapping
    top bar and no two boxes overlap at any width (the TEU legend also lists the ports it
    could not draw)."""
    v = Visit(browser, live_server, keys["tourism"], width=width, height=height)
    page = v.open(f"/maps/{layer}.html", "zh", test_output, f"map_{layer}_{width}", full=False)
    boxes = (".haisi-title", ".haisi-tools", ".haisi-legend", ".leaflet-control-scale")
    for i, a in enumerate(boxes):
        for b in (*boxes[i + 1 :], ".leaflet-control-zoom"):
            assert _boxes_apart(page, a, b), (a, b)
    title = page.locator(".haisi-title").bounding_box()
    assert title["width"] >= min(200, width - 70)  # a readable line, not a column of characters
    v.close()


def test_pacific_map_wraps_legend_clear_and_png_export(browser, live_server, keys, test_output):
    v = Visit(browser, live_server, keys["tourism"])
    page = v.open(
        "/maps/trade.html?reporter=SGP&flow=export&view=pacific",
        "zh",
        test_output,
        "map_trade_pacific",
    )
    lines = page.locator("path.haisi-route")
    assert lines.count() > 50
    # the legend, the scale bar, the zoom buttons and the tools never overlap
    for other in (
        ".leaflet-control-scale",
        ".leaflet-control-zoom",
        ".haisi-tools",
        ".haisi-title",
    ):
        assert _boxes_apart(page, ".haisi-legend", other), other
    assert _boxes_apart(page, ".haisi-tools", ".haisi-title")
    # centred on the date line, the flows to the Americas continue east of it
    centre_x = page.evaluate("document.querySelector('.leaflet-container').clientWidth / 2")
    boxes = [p.bounding_box() for p in lines.all()]
    right = max(b["x"] + b["width"] for b in boxes)  # flows to the Americas reach far east
    assert right > centre_x + 200
    with page.expect_download() as dl:
        page.locator(".haisi-png").click()
    png = dl.value.path().read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
    (test_output / "map_trade_pacific_export.png").write_bytes(png)
    assert v.errors == []
    v.close()


def test_monthly_teu_map_slider_changes_widths(browser, live_server, keys, test_output):
    v = Visit(browser, live_server, keys["tourism"])
    page = v.open("/maps/crossstrait-teu.html", "zh", test_output, "map_crossstrait_teu")
    slider = page.locator(".haisi-slider input")
    first = page.locator("path.haisi-route.haisi-k-0")
    late = first.get_attribute("stroke-width")
    slider.fill("0")  # 2016-01
    assert page.locator(".haisi-slider output").inner_text() == "2016-01"
    assert first.get_attribute("stroke-width") != late
    page.screenshot(path=str(test_output / "map_crossstrait_teu_2016-01.png"))
    assert v.errors == []
    v.close()


def test_display_platform(browser, live_server, keys, test_output, teu_forecast_stored):
    anonymous = Visit(
        browser, live_server, None
    )  # keys required: figures yes, the map asks to log in
    page = anonymous.open("/ui", "zh", test_output, "ui_home_anonymous")
    assert page.locator(".tile").count() >= 5 and page.locator("#flowmap iframe").count() == 0
    anonymous.close()
    v = Visit(browser, live_server, keys["analyst"])
    page = v.open("/ui", "zh", test_output, "ui_home_zh")
    assert page.locator(".tile").count() >= 5
    assert "累计同比" in page.locator("#tiles").inner_text()
    assert "截至 2023-04" in page.locator(".tile[data-key='teu_foc']").inner_text()
    assert (
        page.locator(".tile.sample").count() == 1
        and "示例数据" in page.locator(".tile.sample").inner_text()
    )
    assert page.locator("svg.haisi-chart").count() >= 5
    assert page.frame_locator("#flowmap iframe").locator("path.haisi-route").count() > 10
    assert (
        page.locator("#partners tr").count() > 5
        and "RCEP" in page.locator("#partners").inner_text()
    )
    assert page.locator(".fcard").count() >= 1 and "MASE" in page.locator("#forecasts").inner_text()
    assert (
        "151 国已签署合作文件 · 中国一带一路网 · 截至 2023-08"
        in page.locator("#belt-road-source").inner_text()
    )
    en = v.open("/ui?lang=en", "en", test_output, "ui_home_en")
    assert "YTD YoY" in en.locator("#tiles").inner_text()
    v.close()


def test_wall_mode_fits_1920x1080(browser, live_server, keys, test_output, teu_forecast_stored):
    v = Visit(browser, live_server, keys["tourism"], 1920, 1080)
    page = v.open("/ui/wall", "zh", test_output, "ui_wall_1920x1080", full=False)
    assert page.evaluate("document.body.classList.contains('wall')")
    assert page.evaluate("document.documentElement.scrollHeight") <= 1080
    assert page.locator(".tile").count() >= 5
    # every link is readable on the dark wall: its colour is much lighter than the background
    light = page.evaluate("""() => [...document.querySelectorAll('main a')].map(a =>
        getComputedStyle(a).color.match(/\\d+/g).slice(0, 3).reduce((s, c) => s + +c, 0))""")
    assert light and min(light) > 3 * 160, light
    v.close()


def test_cross_strait_platform_is_interactive(
    browser, live_server, keys, test_output, teu_forecast_stored
):
    v = Visit(browser, live_server, keys["tourism"])
    page = v.open("/ui/cross-strait", "zh", test_output, "ui_cross_strait")
    page.wait_for_function(
        "window.HaisiReady && document.querySelectorAll('svg.haisi-chart').length === 3"
    )
    assert page.locator("#teu-forecast").inner_text().startswith("预测模型")  # the stored forecast
    months = page.evaluate("[...Array(+document.getElementById('teu-to').max + 1).keys()].length")
    assert months == 88  # 2016-01 … 2023-04
    page.evaluate("""() => { const f = document.getElementById('teu-from'), \
t = document.getElementById('teu-to');
        f.value = 0; t.value = 11; t.dispatchEvent(new Event('change')); }""")
    page.wait_for_function("document.getElementById('teu-to-out').textContent === '2016-12'")
    page.wait_for_function(
        f"document.getElementById('teu-total').textContent.includes('{fmt_number(164_875)}')"
    )
    page.select_option("#vis-residence", "HKG_MAC")
    page.wait_for_timeout(500)
    picker = page.locator("#vis-residence").inner_text()
    assert "大陆" in picker and "中国香港、中国澳门" in picker and "欧洲其他国家和地区" in picker
    rows = page.locator("#trade-table tbody tr")
    assert rows.count() == 21 and "2023" in rows.first.inner_text()
    assert "镜像" in page.locator("#mirror-note").inner_text()
    page.screenshot(path=str(test_output / "ui_cross_strait_2016.png"), full_page=True)
    assert v.errors == [] and v.blocked == []
    en = v.open("/ui/cross-strait?lang=en", "en", test_output, "ui_cross_strait_en")
    en.wait_for_function("document.querySelectorAll('svg.haisi-chart').length === 3")
    picker = en.locator("#vis-residence").inner_text()
    assert "Hong Kong and Macao, China" in picker and "Europe, other residences" in picker
    assert en.locator("#teu-forecast").inner_text().startswith("Forecast model")
    assert (
        "TEU" in en.locator("#teu-total").inner_text()
        and "万" not in en.locator("main").inner_text()
    )
    v.close()


_RAW_FLOAT = re.compile(r"\d+\.\d{5,}")
_FIELDS = ("pagerank", "strength_in", "hhi_partners", "betweenness", "exporter_reports", "value_a")


def test_network_page_labelled_and_rounded(browser, live_server, keys, test_output):
    v = Visit(browser, live_server, keys["customs"])
    page = v.open("/ui/network", "zh", test_output, "ui_network")
    text = page.locator("main").inner_text()
    for section in ("#partners", "#mirror", "#changes", "#seapath", "#community"):
        assert page.locator(section).count() == 1, section
    assert "因关闭增加的距离" in text and "红海" in text and "公里" in text
    assert "镜像统计差异" in text and "中国台湾" in text
    assert _RAW_FLOAT.findall(text) == [] and not any(f in text for f in _FIELDS)
    assert page.locator("main .error").count() == 0, page.locator("main .error").all_inner_texts()
    v.close()


def test_dataset_page_for_people(browser, live_server, keys, test_output):
    v = Visit(browser, live_server, keys["researcher"])
    page = v.open("/datasets/container_flows", "zh", test_output, "dataset_container_flows")
    assert page.locator("#dictionary tr").count() > 10
    assert "交通部航港局" in page.locator("#sources").inner_text()
    assert "@misc{haisi_container_flows_v" in page.locator("pre.bibtex").inner_text()
    assert '"type": "dataset"' in page.locator("pre.csl").inner_text()
    page.fill("#download input[name='period_from']", "2016-01")
    page.fill("#download input[name='period_to']", "2016-03")
    with page.expect_download() as dl:
        page.locator("#download button[type='submit']").click()
    body = dl.value.path().read_text(encoding="utf-8-sig")
    assert (
        body.splitlines()[0].startswith('"period",') and "2016-04" not in body and "2016-03" in body
    )
    v.open("/ui/datasets?lang=en", "en", test_output, "ui_datasets_en")
    assert page.locator("h1").inner_text() == "Dataset catalogue"
    assert page.locator("a.download").count() > 0
    v.close()


@pytest.mark.parametrize(
    "path,name,needle",
    [
        ("/ui/maps", "ui_maps", "sea-routes"),
        (
            "/ui/forecasts?series_id=trade/SGP/export/CHN/TOTAL",
            "ui_forecasts",
            "trade/SGP/export/CHN/TOTAL",
        ),
        ("/ui/login", "ui_login", "API"),
        ("/maps/visitors.html", "map_visitors", "haisi-route"),
        ("/maps/partner-share.html?reporter=SGP", "map_partner_share", "haisi-area"),
    ],
)
def test_other_pages_load_offline(
    browser, live_server, keys, demo_settings, test_output, path, name, needle
):
    from haisi.models.forecast.service import publish_forecast

    publish_forecast(Warehouse(demo_settings.store_dir), "trade/SGP/export/CHN/TOTAL")
    v = Visit(browser, live_server, keys["admin"])
    page = v.open(path, "zh", test_output, name)
    assert needle in page.content()
    if name == "ui_maps":
        assert (
            page.frame_locator("iframe[title='sea-routes']").locator("path.haisi-route").count() > 0
        )
    v.close()


def test_page_script_formats_numbers_as_the_one_formatter(browser, live_server, test_output):
    """The pages' script reads fmt_number's own table: the same text for the same figure."""
    values = [0, 5_124, 9_999, 12_345.6, 164_875, -2.5e6, 99_999_999, 1_234_567_890, 7.3e10]
    for lang in ("zh", "en"):
        v = Visit(browser, live_server, None)
        page = v.open(f"/ui/login?lang={lang}", lang, test_output, f"ui_login_{lang}")
        got = page.evaluate("(vs) => vs.map((x) => Haisi.num(x))", values)
        assert got == [fmt_number(x, lang) for x in values]
        v.close()


def test_every_dataset_page_and_the_catalogue_offline(browser, live_server, keys, test_output):
    """Each table's page for people in Chinese: its title, the dictionary, its citation."""
    from haisi.warehouse.schemas import TABLES

    v = Visit(browser, live_server, keys["admin"])
    page = v.open("/ui/datasets?lang=zh", "zh", test_output, "ui_datasets_zh")
    assert page.locator("#datasets tr").count() == len(TABLES) + 1
    assert "台湾地区交通部航港局" in page.locator("#datasets").inner_text()
    for name, t in TABLES.items():
        page = v.open(f"/datasets/{name}", "zh", test_output, f"dataset_{name}")
        assert t.title_zh in page.locator("h1").inner_text(), name
        assert page.locator("#dictionary tr").count() == len(t.all_columns) + 1, name
        cited = page.locator("p.citation")
        assert cited.count() == 0 or "Distributed by haisi" in cited.inner_text(), name
    v.close()
