"""``haisi gravity fit``: the JSON contract used by evaluation and analysts' scripts."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from haisi.cli import app

runner = CliRunner()
TABLE1_ARGS = [
    "--y",
    "trade",
    "--x",
    "log(dist)",
    "--x",
    "cntg",
    "--x",
    "lang",
    "--x",
    "clny",
    "--fe",
    "exporter#year",
    "--fe",
    "importer#year",
    "--cluster",
    "pair_id",
    "--json",
]


def test_fit_json_reproduces_table1_from_parquet(tmp_path, table1_sample, table1_fit):
    path = tmp_path / "table1.parquet"
    table1_sample.to_parquet(path)
    result = runner.invoke(app, ["gravity", "fit", str(path), *TABLE1_ARGS])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert set(out) == {"coef", "se", "nobs"}
    assert out["nobs"] == 28_152
    assert {k: round(v, 3) for k, v in out["coef"].items()} == {
        "log(dist)": -0.841,
        "cntg": 0.437,
        "lang": 0.247,
        "clny": -0.222,
    }
    assert out["se"]["log(dist)"] == pytest.approx(table1_fit.se["log(dist)"], rel=1e-9)


def test_fit_from_csv_with_query_filter(tmp_path, agtpa):
    """A CSV of the full panel, filtered on the command line, gives the same fit."""
    path = tmp_path / "panel.csv"
    agtpa[agtpa["year"] >= 2002].to_csv(path, index=False)
    result = runner.invoke(
        app,
        [
            "gravity",
            "fit",
            str(path),
            *TABLE1_ARGS,
            "--query",
            "exporter != importer and year in [2002, 2006]",
        ],
    )
    assert result.exit_code == 0, result.output
    from haisi.models.gravity import fit_ppml

    sub = agtpa[(agtpa["exporter"] != agtpa["importer"]) & agtpa["year"].isin([2002, 2006])]
    ref = fit_ppml(
        sub,
        "trade",
        ["log(dist)", "cntg", "lang", "clny"],
        ["exporter#year", "importer#year"],
        "pair_id",
    )
    out = json.loads(result.stdout)
    assert out["nobs"] == ref.nobs
    assert out["coef"]["cntg"] == pytest.approx(ref.coef["cntg"], rel=1e-9)


def test_fit_errors_are_clear(tmp_path, hmr):
    path = tmp_path / "hmr.parquet"
    hmr.head(300).to_parquet(path)
    bad = runner.invoke(
        app, ["gravity", "fit", str(path), "--y", "flow", "--x", "log(dst)", "--json"]
    )
    assert bad.exit_code == 2
    assert "regressor 'log(dst)': column 'dst' not in data" in bad.output
    wrong = tmp_path / "hmr.xlsx"
    wrong.write_bytes(b"")
    res = runner.invoke(app, ["gravity", "fit", str(wrong), "--y", "flow", "--x", "rta"])
    assert res.exit_code != 0 and "expected .csv, .csv.gz or .parquet" in res.output


def test_fit_table_output(tmp_path, hmr):
    path = tmp_path / "hmr.parquet"
    hmr.to_parquet(path)
    res = runner.invoke(
        app,
        [
            "gravity",
            "fit",
            str(path),
            "--y",
            "flow",
            "--x",
            "log(distw)",
            "--fe",
            "iso_o",
            "--fe",
            "iso_d",
            "--cluster",
            "iso_o",
        ],
    )
    assert res.exit_code == 0, res.output
    assert "log(distw)" in res.output and "CRV1(iso_o)" in res.output
