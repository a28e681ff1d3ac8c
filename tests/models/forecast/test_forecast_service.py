"""Warehouse forecasts: series ids, history, fit-and-store with data versions, hierarchies."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from haisi.models.forecast.service import (
    compute_forecast,
    list_series,
    publish_forecast,
    published_versions,
    refresh_published,
    run_hierarchy,
    series_history,
    stored_forecast,
)
from haisi.reference.groups import GROUPS
from haisi.warehouse import Warehouse
from haisi.warehouse.store import Provenance

from haisi.errors import InvalidInput, NotFound
from haisi.samples import generate


@pytest.fixture(scope="module")
def sample():
    return generate()


@pytest.fixture
def wh(tmp_path, sample) -> Warehouse:
    """A warehouse holding the sample trade and tourism tables."""
    w = Warehouse(tmp_path / "store")
    for table in ("trade_flows", "tourism_flows"):
        w.append(
            table,
            getattr(sample, table),
            provenance=Provenance("sample", f"haisi.samples/{table}", f"hash-{table}"),
        )
    return w


def test_list_series_ids_titles_and_groups(wh, sample):
    s = list_series(wh).set_index("series_id")
    row = s.loc["trade/CN-FJ/export/ASEAN/TOTAL"]
    assert (row.title_zh, row.title_en) == (
        "福建省对东盟出口（全部商品）",
        "Fujian exports to ASEAN (all products)",
    )
    assert (row.frequency, row.n_obs, row.first_period, row.last_period) == (
        "monthly",
        96,
        "2018-01",
        "2025-12",
    )
    assert s.loc["trade/CN-FJ/import/TWN/TOTAL", "title_zh"] == "福建省自中国台湾进口（全部商品）"
    assert s.loc["tourism/TWN/CNFOC/arrivals", "title_zh"] == "福州港入境游客：来自中国台湾"
    for sid in (
        "trade/CN-FJ/export/EU/TOTAL",
        "trade/CN-FJ/export/WLD/TOTAL",
        "trade/CN-FJ/export/WLD/85",
        "tourism/ALL/CNFOC/arrivals",
    ):
        assert sid in s.index
    partners = sample.trade_flows["partner"].nunique()
    assert (
        len(
            [
                i
                for i in s.index
                if i.startswith("trade/CN-FJ/export/")
                and i.endswith("/TOTAL")
                and i.split("/")[3] not in (*GROUPS, "WLD")
            ]
        )
        == partners
    )


def test_china_opposite_taiwan_hong_kong_or_macao_is_the_mainland() -> None:
    from haisi.models.forecast.service import titles
    from haisi.reference.places import label_violations

    got = [
        titles(s)[0]
        for s in (
            "trade/CHN/export/TWN/TOTAL",
            "tourism/CHN/TWN/arrivals",
            "trade/HKG/import/CHN/TOTAL",
            "trade/CHN/export/USA/TOTAL",
        )
    ]
    assert got == [
        "中国大陆对中国台湾出口（全部商品）",
        "中国台湾入境游客：来自中国大陆",
        "中国香港自中国大陆进口（全部商品）",
        "中国对美国出口（全部商品）",
    ]
    assert not any(label_violations(t) for t in got)


def test_history_of_a_group_is_the_sum_over_members(wh, sample):
    t = sample.trade_flows
    members = GROUPS["ASEAN"].members
    expected = (
        t[(t.flow == "export") & t.partner.isin(members)]
        .groupby("period")["value"]
        .sum()
        .sort_index()
    )
    got = series_history(wh, "trade/CN-FJ/export/ASEAN/TOTAL")
    assert list(got.columns) == ["period", "value"]
    np.testing.assert_allclose(got["value"], expected.to_numpy(), rtol=1e-12)
    tour = series_history(wh, "tourism/TWN/CNFOC/arrivals")  # air + sea modes summed
    tt = sample.tourism_flows
    np.testing.assert_allclose(
        tour["value"], tt[tt.origin == "TWN"].groupby("period")["value"].sum().to_numpy()
    )
    with pytest.raises(NotFound, match="no data for series 'trade/CN-FJ/export/XXX/TOTAL'"):
        series_history(wh, "trade/CN-FJ/export/XXX/TOTAL")
    with pytest.raises(InvalidInput, match="bad series id 'trade/CN-FJ'"):
        series_history(wh, "trade/CN-FJ")


def test_year_to_date_rows_are_no_observations(wh, sample):
    """A yearly figure with a January–May cumulative row (the cross-strait customs feed's
    YTD rows): the listing and the history both count the years only."""
    t = sample.trade_flows
    row = t[(t.partner == "USA") & (t.flow == "export")].iloc[:1].assign(hs_code="TOTAL")
    years = pd.concat([row.assign(period=str(y), value=100.0 + y) for y in range(2015, 2024)])
    ytd = row.assign(period="2024-05", frequency="YTD", value=40.0)
    rows = pd.concat([years.assign(frequency="A"), ytd]).assign(reporter="CN-XM")
    wh.append("trade_flows", rows, provenance=Provenance("test", "ytd", "hash-ytd"))
    sid = "trade/CN-XM/export/USA/TOTAL"
    listed = list_series(wh).set_index("series_id").loc[sid]
    history = series_history(wh, sid)
    assert (listed.frequency, listed.n_obs, listed.last_period) == ("yearly", 9, "2023")
    assert list(history["period"]) == [str(y) for y in range(2015, 2024)]
    wh.append("trade_flows", ytd.assign(reporter="CN-PT"), provenance=Provenance("t", "y", "h"))
    assert not list_series(wh)["series_id"].str.startswith("trade/CN-PT/").any()
    with pytest.raises(NotFound, match="no data for series"):
        series_history(wh, "trade/CN-PT/export/USA/TOTAL")


def test_publish_keeps_versions_and_reuses(wh, sample):
    sid = "trade/CN-FJ/export/ASEAN/TOTAL"
    assert stored_forecast(wh, sid) is None
    v0 = wh.dataset_version("trade_flows")
    rows, used = compute_forecast(wh, sid, horizon=12)  # a run: computes, stores nothing
    assert used == v0 and not wh.exists("forecasts")
    first = publish_forecast(wh, sid, horizon=12, published_by="k_admin")
    assert len(first) == 12 and (first["data_version"] == v0).all()
    # deterministic up to the optimiser's last bits (≈ 1e-12 relative on raw values of 1e9)
    np.testing.assert_allclose(first["point"], rows["point"], rtol=1e-9)
    assert first["model"].iloc[0].endswith("+CNY")  # a Chinese monthly series
    params = json.loads(first["params"].iloc[0])
    assert params["cny_beta"] < 0 and params["members"] and params["published_by"] == "k_admin"
    assert first["grade"].iloc[0] in "ABC" and first["reason"].iloc[0]
    assert params["reliability"] == {
        "grade": first["grade"].iloc[0],
        "reason": first["reason"].iloc[0],
    }
    for col in ("mase", "smape", "coverage80", "coverage95"):
        assert first[col].notna().all()
    version = wh.version("forecasts")
    again = publish_forecast(wh, sid, horizon=12)
    assert wh.version("forecasts") == version  # unchanged data: nothing refitted or written
    pd.testing.assert_frame_equal(again, first)
    assert refresh_published(wh) == {"refreshed": [], "unchanged": [sid], "failed": {}}
    # new data → the scheduled refresh publishes a new version; the old one stays readable
    t = sample.trade_flows
    extra = t[t["period"] == "2025-12"].assign(period="2026-01")
    wh.append("trade_flows", extra, provenance=Provenance("sample", "x", "hash-extra"))
    v1 = wh.dataset_version("trade_flows")
    assert v1 != v0
    assert refresh_published(wh) == {"refreshed": [sid], "unchanged": [], "failed": {}}
    newer = stored_forecast(wh, sid)
    assert (newer["data_version"] == v1).all() and len(newer) == 12
    assert newer["period"].iloc[0] == "2026-02"
    versions = published_versions(wh, sid)
    assert versions["data_version"].tolist() == [v1, v0]
    old = stored_forecast(wh, sid, version=versions["version"].iloc[1])
    assert old["period"].iloc[0] == "2026-01"
    pd.testing.assert_frame_equal(old, first)


def test_hierarchy_parts_add_up_to_total(wh):
    out = run_hierarchy(wh, "trade/CN-FJ/export/ASEAN/TOTAL", horizon=6)
    total = out.pop("trade/CN-FJ/export/ASEAN/TOTAL")
    assert len(out) == 6  # SGP MYS IDN PHL THA VNM in the sample
    parts = sum(f["point"].to_numpy() for f in out.values())
    np.testing.assert_allclose(parts, total["point"].to_numpy(), rtol=1e-9)
    assert total["model"].str.endswith("| reconciled").all()
    stored = stored_forecast(wh, "trade/CN-FJ/export/ASEAN/TOTAL")
    assert stored["model"].iloc[0].endswith("| reconciled")


def test_cli_series_and_run(settings, sample):
    """``forecast series`` lists ids; ``forecast run`` prints (not published);
    ``publish`` stores."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    w = Warehouse(settings.store_dir)
    w.append(
        "tourism_flows",
        sample.tourism_flows,
        provenance=Provenance("sample", "haisi.samples/tourism_flows", "hash-t"),
    )
    env = {**os.environ, "HAISI_DATA_DIR": str(settings.data_dir)}
    haisi = str(Path(sys.executable).with_name("haisi"))
    listed = subprocess.run(
        [haisi, "forecast", "series", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert listed.returncode == 0, listed.stderr
    ids = [r["series_id"] for r in json.loads(listed.stdout)]
    assert "tourism/TWN/CNFOC/arrivals" in ids and "tourism/ALL/CNFOC/arrivals" in ids
    ran = subprocess.run(
        [haisi, "forecast", "run", "tourism/TWN/CNFOC/arrivals", "--horizon", "3", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ran.returncode == 0, ran.stderr
    rows = json.loads(ran.stdout)
    assert [r["period"] for r in rows] == ["2026-01", "2026-02", "2026-03"]
    assert "not published" in ran.stderr
    assert stored_forecast(w, "tourism/TWN/CNFOC/arrivals") is None  # a run publishes nothing
    pub = subprocess.run(
        [haisi, "forecast", "publish", "tourism/TWN/CNFOC/arrivals", "--horizon", "3"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert pub.returncode == 0, pub.stderr
    stored = stored_forecast(w, "tourism/TWN/CNFOC/arrivals")
    assert stored["point"].tolist() == pytest.approx([r["point"] for r in rows], rel=1e-13)
    assert f"grade {stored['grade'].iloc[0]}" in pub.stdout
    bad = subprocess.run(
        [haisi, "forecast", "run", "tourism/XXX/CNFOC/arrivals"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 3  # not found (haisi.cli.EXIT_CODES)
    assert "no data for series 'tourism/XXX/CNFOC/arrivals'" in bad.stderr


def test_hierarchy_by_product(wh):
    out = run_hierarchy(wh, "trade/CN-FJ/import/SAU/TOTAL", horizon=3, by="product")
    total = out.pop("trade/CN-FJ/import/SAU/TOTAL")
    assert all(i.split("/")[-1].isdigit() for i in out) and len(out) >= 10
    np.testing.assert_allclose(
        sum(f["point"].to_numpy() for f in out.values()), total["point"].to_numpy(), rtol=1e-9
    )


def test_history_is_read_once_per_data_version_and_again_after_an_ingest(wh, sample):
    """The figures behind every trade series are read once while trade_flows is unchanged (a
    hierarchy asks three times per part); a new month is seen at once."""
    from haisi.models.forecast.service import _trade_base

    base = _trade_base(wh)
    assert _trade_base(wh) is base
    sid = "trade/CN-FJ/import/SAU/TOTAL"
    before = series_history(wh, sid)
    rows = sample.trade_flows
    last = rows[(rows.period == "2025-12") & (rows.partner == "SAU") & (rows.flow == "import")]
    wh.append(
        "trade_flows",
        last.assign(period="2026-01", value=last["value"] * 2),
        provenance=Provenance("sample", "haisi.samples/next", "hash-next"),
    )
    after = series_history(wh, sid)
    assert _trade_base(wh) is not base
    assert list(after["period"]) == [*before["period"], "2026-01"]
    assert after["value"].iloc[-1] == pytest.approx(2 * before["value"].iloc[-1])


def test_port_containers_are_a_published_series_the_refresh_keeps(tmp_path):
    """teu/<port>/<direction> (the cross-strait page's forecasts) is published like any series:
    its history sums the port's rows with every Taiwan port, its title names the port, and
    the scheduled refresh republishes it when the container data gets a new version (it
    stayed on the old version, so the page lost its forecast on new data)."""
    from haisi.models.forecast.service import titles

    from haisi.loading import load_starter

    wh = Warehouse(tmp_path / "store")
    load_starter(wh)
    sid = "teu/CNFOC/to_taiwan"
    rows = wh.scan("container_flows").to_pandas()
    fz = rows[(rows.origin == "CNFOC") & rows.destination.str.startswith("TW")]
    history = series_history(wh, sid)
    expected = fz.groupby("period")["teu"].sum()
    assert list(history["period"]) == list(expected.index)
    np.testing.assert_allclose(history["value"], expected.to_numpy())
    assert titles(sid) == ("福州港至台湾地区集装箱量", "Fuzhou → Taiwan, China: containers (TEU)")
    first = publish_forecast(wh, sid)
    params = json.loads(first["params"].iloc[0])
    assert params["cny_tested"] and first["grade"].iloc[0] in "ABC"
    assert first["period"].iloc[0] == "2023-05" and len(first) == 24
    last = rows[rows.period == rows.period.max()].assign(period="2023-05")
    wh.append("container_flows", last, provenance=Provenance("test", "may", "hash-may"))
    assert refresh_published(wh) == {"refreshed": [sid], "unchanged": [], "failed": {}}
    assert stored_forecast(wh, sid)["period"].iloc[0] == "2023-06"
    with pytest.raises(InvalidInput, match="teu/<port>/<to_taiwan|from_taiwan>"):
        series_history(wh, "teu/CNFOC/sideways")
    with pytest.raises(NotFound, match="no data for series 'teu/CNXXX/to_taiwan'"):
        series_history(wh, "teu/CNXXX/to_taiwan")
