"""Change reports and mirror statistics on real data, against direct computations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from haisi.models.network.mirror import CIF_FOB_NOTE
from haisi.models.network.queries import changes, mirror_gaps
from haisi.models.network.selection import NetworkError


def _year_edges(frame: pd.DataFrame, year: str) -> dict[tuple[str, str], float]:
    d = frame[frame["period"].str[:4] == year]
    d = d.assign(
        exporter=d["reporter"].where(d["flow"] == "export", d["partner"]),
        importer=d["partner"].where(d["flow"] == "export", d["reporter"]),
    )
    g = d.groupby(["exporter", "importer", "flow"])["value"].sum().reset_index()
    g = g[g["value"] > 0].sort_values("flow").drop_duplicates(["exporter", "importer"], keep="last")
    return {(r.exporter, r.importer): r.value for r in g.itertuples()}


def test_change_report_matches_direct_comparison_of_edge_lists(real):
    wh, frames = real
    a, b = _year_edges(frames["singstat"], "2019"), _year_edges(frames["singstat"], "2020")
    got = changes(wh, period_a="2019", period_b="2020", source="singstat")
    by_key = got.set_index(["exporter", "importer"])
    assert set(by_key.index) == set(a) | set(b)
    for key in set(a) | set(b):
        row = by_key.loc[key]
        if key not in a:
            assert row["status"] == "new" and row["value_b"] == pytest.approx(b[key])
        elif key not in b:
            assert row["status"] == "broken" and row["value_a"] == pytest.approx(a[key])
        else:
            want = "grown" if b[key] > a[key] else "shrunk" if b[key] < a[key] else "unchanged"
            assert row["status"] == want
            assert row["change"] == pytest.approx(b[key] - a[key])
            assert row["change_pct"] == pytest.approx((b[key] / a[key] - 1) * 100)
    assert got["change"].abs().is_monotonic_decreasing
    assert got["exporter_name_zh"].notna().all() and got["currency"].eq("SGD").all()


def test_change_report_for_one_reporter_on_the_yotov_panel(real):
    wh, frames = real
    got = changes(wh, period_a="2002", period_b="2006", source="yotov2016", reporter="CHN")
    assert ((got["exporter"] == "CHN") | (got["importer"] == "CHN")).all()
    y = frames["yotov2016"]
    chn_usa = y[(y["reporter"] == "USA") & (y["partner"] == "CHN")].set_index("period")["value"]
    row = got.set_index(["exporter", "importer"]).loc[("CHN", "USA")]
    assert row["value_a"] == pytest.approx(chn_usa["2002"])
    assert row["value_b"] == pytest.approx(chn_usa["2006"])
    assert row["status"] == "grown"


def test_changes_refuse_mixed_currencies(real):
    wh, _ = real
    with pytest.raises(NetworkError, match="mixes currencies"):
        changes(wh, period_a="2016", period_b="2017")


def test_mirror_china_exports_vs_usa_and_korea_imports(real):
    """China's exports (UN Comtrade, FOB) against US Census and KOSIS imports from China (CIF)."""
    wh, frames = real
    got = mirror_gaps(wh, reporter="CHN")
    cb = frames["china-bilateral"]
    ct = frames["comtrade"].set_index(["period", "partner"])["value"]
    for partner in ("USA", "KOR"):
        imp = cb[(cb["reporter"] == partner) & (cb["flow"] == "import")]
        annual = imp.groupby(imp["period"].str[:4])["value"].sum()
        for year in map(str, range(2012, 2018)):
            row = got[
                (got["period"] == year) & (got["exporter"] == "CHN") & (got["importer"] == partner)
            ].iloc[0]
            assert row["exporter_reports"] == pytest.approx(ct[(year, partner)])
            assert row["importer_reports"] == pytest.approx(annual[year])
            assert row["ratio"] == pytest.approx(annual[year] / ct[(year, partner)])
            assert row["gap"] == pytest.approx(annual[year] - ct[(year, partner)])
            assert row["note"] == CIF_FOB_NOTE and row["complete"]
    usa17 = got[(got["period"] == "2017") & (got["importer"] == "USA")].iloc[0]
    assert 1.15 < usa17["ratio"] < 1.20  # the well-known US–China statistical gap


def test_mirror_flags_currencies_missing_sides_and_partial_periods(real):
    wh, _ = real
    jpn = mirror_gaps(wh, reporter="CHN", partner="JPN", period="2012")
    assert len(jpn) == 2 and jpn["ratio"].isna().all()
    assert set(jpn["note"]) == {
        "出口方未报告 exporter does not report",
        "进口方未报告 importer does not report",
    }
    twn = mirror_gaps(wh, reporter="TWN", period="2024")
    assert len(twn) > 100 and twn["ratio"].isna().all()
    assert (twn["note"] == "进口方未报告 importer does not report").all()
    assert twn.set_index("importer").loc["CHN", "exporter_reports"] == pytest.approx(
        4.847e10, rel=1e-3
    )
    month = mirror_gaps(wh, reporter="USA", partner="CHN", period="2017-03")
    assert len(month) == 2 and month["complete"].isna().sum() == 0
    assert np.isnan(month["ratio"]).all()  # China's side is annual only: nothing monthly to compare
