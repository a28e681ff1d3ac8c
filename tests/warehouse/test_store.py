"""The warehouse: revisions as versions, as-of reads, idempotence, validation, atomic commits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import pytest
from haisi.warehouse import Provenance, Warehouse, WarehouseError, spec


def _flows(values: list[float], vintage: str = "preliminary") -> pd.DataFrame:
    n = len(values)
    return pd.DataFrame(
        {
            "period": [f"2024-{m:02d}" for m in range(1, n + 1)],
            "frequency": "M",
            "reporter": "CHN",
            "partner": "USA",
            "flow": "export",
            "hs_code": "TOTAL",
            "hs_revision": "H6",
            "regime": "",
            "mode": "",
            "value": values,
            "currency": "USD",
            "quantity": None,
            "quantity_unit": None,
            "supp_quantity": None,
            "supp_unit": None,
            "vintage": vintage,
        }
    )


def _prov(h: str, rev: str | None = None) -> Provenance:
    return Provenance("gacc", f"file:///tmp/{h}.csv", h, source_revision=rev)


@pytest.fixture(params=["local", "s3"])
def store(request) -> Warehouse:
    """The same contract on both kinds of location: a local folder and an S3-compatible store."""
    return request.getfixturevalue("warehouse" if request.param == "local" else "s3_warehouse")


def test_same_data_twice_stores_nothing(store: Warehouse) -> None:
    first = store.append("trade_flows", _flows([1.0, 2.0, 3.0]), provenance=_prov("a"))
    again = store.append("trade_flows", _flows([1.0, 2.0, 3.0]), provenance=_prov("a"))
    assert (first.rows_stored, again.rows_stored, again.rows_unchanged) == (3, 0, 3)
    assert store.version("trade_flows") == 1  # v0 is the empty table's creation


def test_typed_and_untyped_input_hash_alike(store: Warehouse) -> None:
    """Typed frames skip the DuckDB cast; text or categorical copies must dedupe against them."""
    typed = _flows([1.0, 2.5, 3.0])
    assert store.append("trade_flows", typed, provenance=_prov("a")).rows_stored == 3
    as_text = typed.assign(value=["1.0", "2.5", "3"])  # cast by DuckDB
    categorical = typed.astype({"partner": "category", "flow": "category"})
    for df in (as_text, categorical):
        r = store.append("trade_flows", df, provenance=_prov("a"))
        assert (r.rows_stored, r.rows_unchanged) == (0, 3)


def test_revision_is_a_new_version_and_old_rows_stay_readable(store: Warehouse) -> None:
    store.append("trade_flows", _flows([1.0, 2.0, 3.0]), provenance=_prov("a", "preliminary"))
    t_between = datetime.now(timezone.utc)
    time.sleep(0.01)
    r = store.append("trade_flows", _flows([1.0, 2.5, 3.0]), provenance=_prov("b", "corrected"))
    assert (r.rows_stored, r.revisions, r.version) == (1, 1, 2)

    def values(tbl) -> dict[str, float]:
        d = tbl.to_pandas()
        return dict(zip(d.period, d.value))

    assert values(store.scan("trade_flows")) == {"2024-01": 1.0, "2024-02": 2.5, "2024-03": 3.0}
    assert values(store.scan("trade_flows", version=1))["2024-02"] == 2.0
    assert values(store.scan("trade_flows", as_of=t_between))["2024-02"] == 2.0
    every = store.scan("trade_flows", revisions="all").to_pandas()
    assert sorted(every.loc[every.period == "2024-02", "value"]) == [2.0, 2.5]
    assert set(every.source_revision) == {"preliminary", "corrected"}


@pytest.mark.parametrize("encoded", [False, True])
def test_key_hash_is_the_md5_of_source_and_key(warehouse: Warehouse, encoded: bool) -> None:
    """Stored key hashes stay what every earlier version wrote: MD5 of the source id and the
    key joined by chr(31), from plain and from dictionary-encoded (categorical) input."""
    import hashlib

    t = spec("trade_flows")
    frame = _flows([1.0, 2.0, 3.0])
    frame.loc[2, "regime"] = "C00"
    if encoded:
        frame = frame.astype({c: "category" for c in t.key})
    warehouse.append("trade_flows", frame, provenance=_prov("md5"))
    got = warehouse.sql(f"SELECT key_hash, {', '.join(t.key)} FROM trade_flows").to_pylist()
    assert len(got) == 3
    for row in got:
        text = "\x1f".join(["gacc", *(row[k] for k in t.key)])
        assert row["key_hash"] == hashlib.md5(text.encode()).digest()


def test_duplicate_keys_found_in_dictionary_encoded_columns(warehouse: Warehouse) -> None:
    """Keys held as dictionaries (as feeds hand them over) are compared by value, whatever the
    dictionaries' order, chunking or repeated entries; the verdict equals key_hash's."""
    import duckdb
    import numpy as np
    import pyarrow as pa
    from haisi.warehouse import write

    t = spec("trade_flows")
    rng = np.random.default_rng(7)
    cats = ["A", "B", "C", "D"]
    frame = _flows([1.0] * 400)
    for c in ("reporter", "partner", "hs_code", "mode"):
        frame[c] = pd.Categorical(rng.choice(cats, 400), categories=cats)
    frame["period"] = pd.Categorical(rng.choice(["2024-01", "2024-02"], 400))
    frame = frame.astype({c: "category" for c in t.key})
    tbl = write._fill_provenance(t, pa.Table.from_pandas(frame), _prov("k"))
    hashed = write._conform_and_hash(t, duckdb.connect(), tbl)
    codes = write._key_codes(t, hashed)
    assert codes is not None
    by_hash = pd.factorize(pd.Series(hashed["key_hash"].to_pylist()))[0]
    assert len(set(zip(codes, by_hash))) == len(set(codes)) == len(set(by_hash))  # same partition

    def keyed(chunks: list[tuple[list[str], list[int]]]) -> pa.Table:
        """One-row-per-index rows whose 'mode' is a chunked dictionary column."""
        mode = pa.chunked_array(
            [pa.DictionaryArray.from_arrays(pa.array(i, pa.int8()), pa.array(d)) for d, i in chunks]
        )
        one = _flows([1.0]).astype({c: "category" for c in t.key})
        base = pa.Table.from_pandas(one.loc[[0] * len(mode)].reset_index(drop=True))
        out = base.set_column(base.schema.get_field_index("mode"), "mode", mode)
        assert write._key_codes(t, write._fill_provenance(t, out, _prov("x"))) is not None
        return out

    fine = keyed([(["a", "b"], [0, 1]), (["c"], [0])])
    assert warehouse.append("trade_flows", fine, provenance=_prov("f")).rows_stored == 3
    for dup in (
        keyed([(["a", "b"], [0, 1]), (["b", "a"], [1])]),  # 'a' twice, other dictionary order
        keyed([(["x", "x"], [0, 1])]),  # one value entered twice in a dictionary
    ):
        with pytest.raises(WarehouseError, match="1 duplicate key"):
            warehouse.append("trade_flows", dup, provenance=_prov("d"))
    assert warehouse.scan("trade_flows").num_rows == 3


def test_version_read_is_repeatable(store: Warehouse) -> None:
    store.append("trade_flows", _flows([1.0, 2.0]), provenance=_prov("a"))
    before = store.scan("trade_flows", version=1).to_pandas().sort_values("period")
    store.append("trade_flows", _flows([9.0, 9.0, 9.0]), provenance=_prov("b"))
    again = store.scan("trade_flows", version=1).to_pandas().sort_values("period")
    pd.testing.assert_frame_equal(before.reset_index(drop=True), again.reset_index(drop=True))
    assert store.dataset_version("trade_flows") == "trade_flows@v2"


def test_bad_rows_are_rejected_with_column_and_row(store: Warehouse) -> None:
    store.append("trade_flows", _flows([1.0]), provenance=_prov("a"))
    bad = _flows([1.0, 2.0])
    bad.loc[1, "partner"] = None
    with pytest.raises(WarehouseError, match=r"column 'partner' is empty at row 2"):
        store.append("trade_flows", bad, provenance=_prov("b"))
    dup = pd.concat([_flows([1.0]), _flows([5.0])])
    with pytest.raises(WarehouseError, match="duplicate key"):
        store.append("trade_flows", dup, provenance=_prov("c"))
    with pytest.raises(WarehouseError, match="missing column"):
        store.append("trade_flows", _flows([1.0]).drop(columns=["flow"]), provenance=_prov("d"))
    text_value = _flows([1.0]).astype({"value": object})
    text_value.loc[0, "value"] = "12,3x"
    with pytest.raises(WarehouseError, match="column 'value'"):
        store.append("trade_flows", text_value, provenance=_prov("e"))
    assert store.version("trade_flows") == 1  # nothing of the bad batches was stored
    assert store.scan("trade_flows").num_rows == 1


def test_unknown_version_is_a_clear_error(store: Warehouse) -> None:
    store.append("trade_flows", _flows([1.0]), provenance=_prov("a"))
    with pytest.raises(WarehouseError, match="no version 7"):
        store.scan("trade_flows", version=7)


def test_kill_9_mid_write_leaves_previous_version(warehouse: Warehouse) -> None:
    """A writer killed while appending a large batch leaves the table at its last commit."""
    warehouse.append("trade_flows", _flows([1.0, 2.0]), provenance=_prov("a"))
    script = textwrap.dedent(f"""
        import sys, numpy as np, pandas as pd
        from haisi.warehouse import Provenance, Warehouse
        n = 3_000_000
        df = pd.DataFrame({{
            "period": "2023-01", "frequency": "M", "reporter": "CHN",
            "partner": np.char.add("P", np.arange(n).astype(str)), "flow": "export",
            "hs_code": "TOTAL", "hs_revision": "H6", "regime": "", "mode": "",
            "value": np.arange(n, dtype=float), "currency": "USD", "quantity": None,
            "quantity_unit": None, "supp_quantity": None, "supp_unit": None, "vintage": "x"}})
        print("writing", flush=True)
        Warehouse({str(warehouse.root)!r}).append(
            "trade_flows", df, provenance=Provenance("big", "mem://big", "big"))
        print("done", flush=True)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"
    table_dir = Path(warehouse.table_uri("trade_flows"))
    before = set(table_dir.glob("*.parquet"))
    deadline = time.monotonic() + 60
    while not (set(table_dir.glob("*.parquet")) - before) and time.monotonic() < deadline:
        time.sleep(0.005)  # kill as soon as the first data file of the batch appears
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert warehouse.version("trade_flows") == 1
    assert warehouse.scan("trade_flows").num_rows == 2
    r = warehouse.append("trade_flows", _flows([1.0, 2.0, 3.0]), provenance=_prov("b"))
    assert (r.rows_stored, r.version) == (1, 2)


def test_datasets_lists_tables(store: Warehouse) -> None:
    store.append("trade_flows", _flows([1.0, 2.0]), provenance=_prov("a"))
    info = {d.name: d for d in store.datasets()}
    assert info["trade_flows"].rows == 2
    assert (info["trade_flows"].period_min, info["trade_flows"].period_max) == (
        "2024-01",
        "2024-02",
    )
    assert info["trade_flows"].sources == ["gacc"]
    assert info["forecasts"].version is None and info["forecasts"].rows == 0


def test_a_batch_split_over_several_files_reads_back_whole(store: Warehouse, monkeypatch) -> None:
    """Large appends are written as several Parquet files in parallel, all in one commit."""
    from haisi.warehouse import commit

    monkeypatch.setattr(commit, "FILE_ROWS", 2)
    values = [1.0, 2.0, 3.0, 4.0, 5.0]
    r = store.append("trade_flows", _flows(values), provenance=_prov("multi"))
    assert (r.rows_stored, r.version) == (5, 1)
    assert len(store.delta_table("trade_flows").file_uris()) == 3
    back = store.scan("trade_flows").to_pandas().sort_values("period")
    assert back.value.tolist() == values


def test_data_files_hold_the_table_types_for_any_parquet_reader(store: Warehouse) -> None:
    """Categorical input and constant provenance are written dictionary-encoded, yet a plain
    Parquet reader (no Delta, no schema given) sees the table's own types and values."""
    import pyarrow.parquet as pq

    frame = _flows([1.0, 2.0]).astype({"partner": "category", "flow": "category"})
    store.append("trade_flows", frame, provenance=_prov("a"))
    fs, prefix = store.location.table_filesystem("trade_flows")
    name = store.delta_table("trade_flows").file_uris()[0].rsplit("/", 1)[1]
    with fs.open_input_file(prefix + name) as f:
        got = pq.read_table(f)
    assert got.schema.equals(spec("trade_flows").schema, check_metadata=False)
    assert got.column("partner").to_pylist() == ["USA", "USA"]
    assert got.column("source_uri").to_pylist() == ["file:///tmp/a.csv"] * 2


def test_compact_keeps_rows_and_versions_and_dedupe(store: Warehouse) -> None:
    """Three appends leave three files; compaction leaves one with the same rows, as a new
    version; the older versions read as before and re-ingesting still stores nothing."""
    for i, vals in enumerate(([1.0, 2.0], [1.0, 2.5, 3.0], [1.0, 2.5, 3.0, 4.0])):
        store.append("trade_flows", _flows(vals), provenance=_prov(f"c{i}"))
    cols = ["period", "value", "ingested_at", "batch_id"]

    def rows(**kw) -> pd.DataFrame:
        return (
            store.scan("trade_flows", **kw)
            .to_pandas()[cols]
            .sort_values(cols)
            .reset_index(drop=True)
        )

    before, v2 = rows(), rows(version=2)
    every = len(store.scan("trade_flows", revisions="all"))
    assert store.compact("trade_flows") == (3, 1, 4)
    pd.testing.assert_frame_equal(rows(), before)
    pd.testing.assert_frame_equal(rows(version=2), v2)
    assert len(store.scan("trade_flows", revisions="all")) == every
    again = store.append("trade_flows", _flows([1.0, 2.5, 3.0, 4.0]), provenance=_prov("c2"))
    assert again.rows_stored == 0
    assert store.compact("trade_flows") == (1, 1, 4)  # nothing left to do
    assert store.compact("forecasts") == (0, 0, None)  # never written
