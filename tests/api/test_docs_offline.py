"""/docs and /redoc render from the package with every request outside 127.0.0.1 blocked."""

from __future__ import annotations

import pytest

from tests.api.test_browser import Visit, browser  # noqa: F401  (the module's chromium fixture)

pytestmark = pytest.mark.browser


def test_swagger_ui_renders_offline(browser, live_server, keys, test_output):  # noqa: F811
    v = Visit(browser, live_server, keys["admin"], width=1200, height=800)
    page = v.page
    page.goto(f"{live_server}/docs", wait_until="networkidle")
    page.wait_for_selector(".opblock-summary-path", timeout=30_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/datasets/{name}/download" in {p.replace("\u200b", "") for p in paths}
    assert page.locator(".swagger-ui .info .title").inner_text().startswith("海丝 haisi API")
    page.screenshot(path=str(test_output / "docs_swagger.png"))
    assert v.blocked == []
    v.close()


def test_redoc_renders_offline(browser, live_server, keys, test_output):  # noqa: F811
    v = Visit(browser, live_server, keys["admin"], width=1200, height=800)
    page = v.page
    page.goto(f"{live_server}/redoc", wait_until="networkidle")
    page.wait_for_selector("h1", timeout=30_000)
    assert "海丝 haisi API" in page.locator("h1").first.inner_text()
    assert page.get_by_text("下载数据集 Download a dataset").count() >= 1
    page.screenshot(path=str(test_output / "docs_redoc.png"))
    assert v.blocked == []
    v.close()
