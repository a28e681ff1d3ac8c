"""The display platform's figures against independent sums over the source files."""

from __future__ import annotations

import csv
import re
from collections import defaultdict

import pytest
from haisi.api.display import headline_tiles, partner_shares, reliability

from haisi.numbers import fmt_number


def test_numbers_for_people():
    assert fmt_number(164_875) == "16.49万" and fmt_number(164_875, "en") == "164,875"
    assert fmt_number(1_234_567_890) == "12.35亿" and fmt_number(1_234_567_890, "en") == "1.23 bn"
    assert fmt_number(5_124) == "5,124" and fmt_number(None) == "—"
    assert fmt_number(-2.5e6, "en") == "-2.50 m"
    assert fmt_number(12_345, signed=True) == "+1.23万"
    assert fmt_number(-5, "en", signed=True) == "-5"
    assert fmt_number(0.2, signed=True) == "0" and fmt_number(2_500, "en", signed=True) == "+2,500"


def _growth(series: dict[str, float], last: str) -> tuple[float, float | None, float, float | None]:
    y, m = last[:4], int(last[5:])
    prev = f"{y}-{m - 1:02d}" if m > 1 else f"{int(y) - 1}-12"
    ytd = sum(series.get(f"{y}-{k:02d}", 0.0) for k in range(1, m + 1))
    ytd0 = sum(series.get(f"{int(y) - 1}-{k:02d}", 0.0) for k in range(1, m + 1))
    return series[last], 100 * (series[last] / series[prev] - 1), ytd, 100 * (ytd / ytd0 - 1)


@pytest.fixture(scope="module")
def tiles(app):
    return {t.headline.key: t for t in headline_tiles(app.state.warehouse)}


def test_fuzhou_teu_tile(tiles, shared_data):
    src: dict[str, float] = defaultdict(float)
    with open(
        shared_data / "crossstrait/teu-monthly/import_from_china_teu.csv", encoding="utf-8"
    ) as f:
        for row in csv.DictReader(f):
            if row["來源港"].endswith("(CNFOC)"):  # every row's other end is a Taiwan port
                src[row["年月"].replace("/", "-")] += float(row["TEU"])
    t = tiles["teu_foc"]
    latest, mom, ytd, ytd_yoy = _growth(src, "2023-04")
    assert t.as_of == "2023-04" and t.latest == latest
    assert t.mom_pct == pytest.approx(mom) and t.ytd == ytd == 16_289  # SOURCE.md: 2023 Jan–Apr
    assert t.ytd_yoy_pct == pytest.approx(ytd_yoy)
    assert t.headline.source_zh == "台湾地区交通部航港局 iMarine"


def test_mainland_visitors_tile(tiles, shared_data):
    src: dict[str, float] = defaultdict(float)
    purposes = [
        "Business",
        "Pleasure",
        "Visit Relatives",
        "Conference",
        "Study",
        "Exhibition",
        "Medical Treatment",
        "Others",
        "Unstated",
    ]
    with open(
        shared_data / "crossstrait/visitor-arrivals-monthly/purpose.csv", encoding="utf-8"
    ) as f:
        for row in csv.DictReader(f):
            if row["Residence"] == "Mainland China":
                src[row["Period"]] += sum(float(row[p]) for p in purposes)
    t = tiles["visitors_chn"]
    latest, mom, ytd, ytd_yoy = _growth(src, "2017-09")
    assert (t.as_of, t.latest, t.ytd) == ("2017-09", latest, ytd) and ytd == 1_976_657
    assert t.mom_pct == pytest.approx(mom) and t.ytd_yoy_pct == pytest.approx(ytd_yoy)


def test_singapore_tile_and_partner_shares(tiles, app, shared_data):
    from haisi.reference.countries import resolve_country
    from haisi.reference.groups import GROUPS

    path = shared_data / (
        "trade/singstat_monthly_by_market/"
        "singstat_merchandise_trade_by_market_monthly_1976-01_2020-12.csv"
    )
    china: dict[str, float] = defaultdict(float)
    year: dict[str, float] = defaultdict(float)
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if not row["value_sgd_thousand"]:
                continue
            v = float(row["value_sgd_thousand"]) * 1000
            if row["market"] == "Mainland China":
                china[row["period"]] += v
            if row["period"].startswith("2020") and row["is_aggregate"] == "False":
                year[row["market"]] += v
    t = tiles["sgp_chn"]
    latest, mom, ytd, ytd_yoy = _growth(china, "2020-12")
    assert t.latest == pytest.approx(latest) and t.ytd_yoy_pct == pytest.approx(ytd_yoy)
    sh = partner_shares(app.state.warehouse, "SGP")
    assert (sh["period_from"], sh["period_to"]) == ("2020-01", "2020-12")
    codes = {m: resolve_country(m) for m in year}
    total = sum(v for m, v in year.items() if codes[m])
    top = max(year, key=year.get)
    assert sh["top"][0]["partner"] == codes[top] == "CHN"
    # listed with 中国台湾 and 中国香港, China is the mainland
    assert {"TWN", "HKG"} <= {p["partner"] for p in sh["top"]}
    assert (sh["top"][0]["name_zh"], sh["top"][0]["name_en"]) == ("中国大陆", "Chinese mainland")
    assert sh["top"][0]["share_pct"] == pytest.approx(100 * year[top] / total)
    rcep = set(GROUPS["RCEP"].members)
    assert sh["rcep_pct"] == pytest.approx(
        100 * sum(v for m, v in year.items() if codes[m] in rcep) / total
    )


def test_us_imports_tile(tiles, shared_data):
    src = {}
    with open(
        shared_data / "trade/china_bilateral_monthly/china_bilateral_monthly_2001-01_2017-12.csv",
        encoding="utf-8",
    ) as f:
        for row in csv.DictReader(f):
            if row["reporter_iso3"] == "USA" and row["flow"] == "import":
                src[row["period"]] = float(row["value"]) * float(row["unit_multiplier"])
    t = tiles["usa_chn"]
    latest, mom, ytd, ytd_yoy = _growth(src, "2017-12")
    assert t.latest == pytest.approx(latest) and t.ytd == pytest.approx(ytd)
    assert t.ytd_yoy_pct == pytest.approx(ytd_yoy)


def test_sample_tile_is_labelled(tiles):
    assert tiles["fj_export"].headline.sample and "示例" in tiles["fj_export"].headline.title_zh
    assert not tiles["teu_foc"].headline.sample


def test_home_page_shows_the_figures(client, tiles):
    zh = client.get("/ui?lang=zh").text
    assert fmt_number(tiles["teu_foc"].ytd) in zh and "累计同比" in zh and "截至 2023-04" in zh
    assert "示例数据" in zh
    en = client.get("/ui?lang=en").text
    assert fmt_number(tiles["usa_chn"].latest, "en") in en and "YTD YoY" in en
    wall = client.get("/ui/wall")
    assert wall.status_code == 200 and 'class="wall"' in wall.text


def test_reliability_grades():
    assert reliability(0.8, 0.82) == ("较可靠", "good")
    assert reliability(0.8, 0.3) == ("一般", "fair")
    assert reliability(2.0, 0.8) == ("较弱", "weak")
    assert reliability(None, None) == ("未评估", "not assessed")


def test_belt_and_road_share_matches_the_published_list(app, shared_data):
    """The share over SingStat's 2020 markets, with membership read straight from the CSV."""
    from importlib import resources

    from haisi.reference.countries import resolve_country

    with (resources.files("haisi.reference") / "data" / "belt_road_signings.csv").open(
        encoding="utf-8"
    ) as f:
        members = {r["iso3"] for r in csv.DictReader(f)}
    path = shared_data / (
        "trade/singstat_monthly_by_market/"
        "singstat_merchandise_trade_by_market_monthly_1976-01_2020-12.csv"
    )
    year: dict[str, float] = defaultdict(float)
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if (
                row["value_sgd_thousand"]
                and row["period"].startswith("2020")
                and row["is_aggregate"] == "False"
            ):
                year[row["market"]] += float(row["value_sgd_thousand"]) * 1000
    codes = {m: resolve_country(m) for m in year}
    total = sum(v for m, v in year.items() if codes[m])
    expected = 100 * sum(v for m, v in year.items() if codes[m] in members) / total
    sh = partner_shares(app.state.warehouse, "SGP")
    assert sh["belt_road_n"] == len(members) == 151
    assert sh["belt_road_pct"] == pytest.approx(expected)
    assert 30 < expected < 70  # ASEAN, Korea, the Gulf … : far above the old 10-country table


_RAW = re.compile(r"\d{4,}\.\d|\d\.\d{4,}")  # an unrounded float: 4705.01…, 0.46298…


def test_forecast_page_formats_figures_with_unit(client, keys, app):
    """The forecast table shows 万/亿 in Chinese, separators in English, and the currency."""
    from haisi.models.forecast.service import publish_forecast, stored_forecast

    sid = "trade/SGP/export/CHN/TOTAL"
    wh = app.state.warehouse  # long-lived: each derivation inherits only what it read
    publish_forecast(wh, sid)
    rows = stored_forecast(wh, sid)
    h = {"X-API-Key": keys["analyst"]}
    for lang, unit in (("zh", "新元"), ("en", "SGD")):
        page = client.get(f"/ui/forecasts?series_id={sid}&lang={lang}", headers=h).text
        table = page[page.index('<div id="published">') :]
        table = table[: table.index("</table>")]
        for r in rows.itertuples():
            assert f'<td class="n">{fmt_number(r.point, lang)}</td>' in table
            assert f"{fmt_number(r.lo80, lang)} – {fmt_number(r.hi80, lang)}" in table
        assert table.count(f"<td>{unit}</td>") == len(rows) and not _RAW.search(table)
        assert ("亿" in table) == (lang == "zh") and (" bn" in table) == (lang == "en")
        svg = client.get(f"/forecasts/chart.svg?series_id={sid}&lang={lang}", headers=h).text
        assert ("亿</text>" in svg) == (lang == "zh") and unit in svg


def test_forecast_page_opens_on_a_published_forecast(client, keys, app):
    """Without a series picked, the page shows the first listed series that has a published
    forecast (it showed an empty page: the first series, yearly China–Taiwan trade, has none)."""
    from haisi.api.routes.forecasts import series_table
    from haisi.models.forecast.service import publish_forecast

    wh = app.state.warehouse
    sid = "trade/SGP/export/CHN/TOTAL"
    publish_forecast(wh, sid)
    done = set(wh.sql("SELECT DISTINCT series_id FROM forecasts").column("series_id").to_pylist())
    first = next(s for s in series_table(wh)["series_id"].head(300) if s in done)
    page = client.get("/ui/forecasts?lang=en", headers={"X-API-Key": keys["analyst"]}).text
    assert f'<option value="{first}" selected>' in page and '<div id="published">' in page
    assert f"<small>{first} ·" in page
