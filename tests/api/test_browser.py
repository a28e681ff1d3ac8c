"""Debian's chromium, every request outside 127.0.0.1 blocked: maps and dashboard load offline."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from haisi.warehouse import Warehouse

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        yield b
        b.close()


def _page(browser, live_server, secret, blocked):
    ctx = browser.new_context(viewport={"width": 1200, "height": 800})
    ctx.add_cookies([{"name": "haisi_key", "value": secret, "url": live_server}])

    def route(r):
        if urlparse(r.request.url).hostname == "127.0.0.1":
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    ctx.route("**/*", route)
    return ctx, ctx.new_page()


@pytest.mark.parametrize("layer,mode", [("sea-routes", "sea"), ("air-routes", "air")])
def test_route_map_draws_every_route_offline(browser, live_server, keys, demo_settings, test_output,
                                             layer, mode):
    blocked: list[str] = []
    ctx, page = _page(browser, live_server, keys["tourism"], blocked)
    page.goto(f"{live_server}/maps/{layer}.html", wait_until="networkidle")
    assert page.evaluate("typeof window.L") == "object"
    n = Warehouse(demo_settings.store_dir).sql(
        f"SELECT count(*) AS n FROM routes WHERE mode = '{mode}'").to_pylist()[0]["n"]
    assert page.locator("path.haisi-route").count() == n > 0
    assert page.locator("path.haisi-arrow").count() == n
    page.screenshot(path=str(test_output / f"map_{layer}.png"))
    assert blocked == []  # the page asked for nothing outside haisi
    ctx.close()


def test_dashboard_pages_load_offline(browser, live_server, keys, test_output):
    blocked: list[str] = []
    ctx, page = _page(browser, live_server, keys["admin"], blocked)
    for path in ("/ui", "/ui/datasets", "/ui/maps", "/ui/network",
                 "/ui/forecasts?series_id=trade/CN-FJ/export/ASEAN/TOTAL"):
        r = page.goto(f"{live_server}{path}", wait_until="networkidle")
        assert r.status == 200, path
        name = path.strip("/").split("?")[0].replace("/", "_")
        page.screenshot(path=str(test_output / f"dashboard_{name}.png"), full_page=True)
    page.goto(f"{live_server}/ui/datasets?lang=en", wait_until="networkidle")
    assert page.locator("h1").inner_text() == "Dataset catalogue"
    assert page.locator("a.download").count() > 0
    page.goto(f"{live_server}/ui/maps", wait_until="networkidle")
    frame = page.frame_locator("iframe[title='sea-routes']")
    assert frame.locator("path.haisi-route").count() > 0
    assert blocked == []
    ctx.close()
