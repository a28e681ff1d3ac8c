"""Safe I/O of every ``haisi nlp`` command, through the CLI: input checked before output, atomic
writes, encodings, per-line errors with line numbers, length caps and bad dates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from haisi.nlp.evaluate import INDEPENDENT_SETS, MADE_UP_SETS, SETS, labelled_set
from haisi.nlp.jsonl import MAX_DOC_CHARS
from typer.testing import CliRunner

from haisi.cli import app

GOOD = {"id": "a", "date": "2024-07-12", "text": "上半年，我国出口12.13万亿元，增长6.9%。"}


def _run(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(app, ["nlp", *args])
    return res.exit_code, res.output


def _lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def _write(path: Path, rows: list, encoding: str = "utf-8", bom: bool = False) -> Path:
    text = "".join(
        (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows
    )
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
    return path


@pytest.mark.parametrize("command", ["facts", "entities"])
def test_missing_input_is_a_clear_error_and_keeps_the_output(tmp_path: Path, command: str) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("earlier results\n", encoding="utf-8")
    code, output = _run(command, str(tmp_path / "nope.jsonl"), "-o", str(out))
    assert code == 2
    assert "input file not found" in output and "Traceback" not in output
    assert out.read_text(encoding="utf-8") == "earlier results\n"


@pytest.mark.parametrize("command", ["facts", "entities"])
def test_output_equal_to_input_is_refused(tmp_path: Path, command: str) -> None:
    src = _write(tmp_path / "in.jsonl", [GOOD])
    before = src.read_bytes()
    code, output = _run(command, str(src), "-o", str(tmp_path / "." / "in.jsonl"))
    assert code == 2 and "must not be the input" in output
    assert src.read_bytes() == before


def test_output_into_a_missing_folder_is_refused_before_reading(tmp_path: Path) -> None:
    src = _write(tmp_path / "in.jsonl", [GOOD])
    code, output = _run("facts", str(src), "-o", str(tmp_path / "no" / "out.jsonl"))
    assert code == 2 and "output folder does not exist" in output


def test_bad_lines_are_reported_with_line_numbers_and_skipped(tmp_path: Path) -> None:
    src = _write(
        tmp_path / "in.jsonl",
        [GOOD, "not json", "[1, 2]", {"id": "b", "date": "2024-07-12"}, "", {"id": "c", "text": 5}],
    )
    out = tmp_path / "out.jsonl"
    code, output = _run("facts", str(src), "-o", str(out))
    assert code == 0, output
    assert [r["id"] for r in _lines(out)] == ["a"]  # no row with id null for an unreadable line
    problems = _lines(tmp_path / "out.jsonl.errors.jsonl")
    assert [(p["line"], p["level"]) for p in problems] == [
        (2, "error"),
        (3, "error"),
        (4, "error"),
        (6, "error"),
    ]
    assert "not JSON" in problems[0]["message"] and "no text field" in problems[2]["message"]
    assert problems[2]["id"] == "b"
    # a clean run removes the problems file of the earlier one
    _write(src, [GOOD])
    assert _run("facts", str(src), "-o", str(out))[0] == 0
    assert not (tmp_path / "out.jsonl.errors.jsonl").exists()


@pytest.mark.parametrize("command", ["facts", "entities"])
def test_no_readable_line_exits_non_zero_and_keeps_the_output(tmp_path: Path, command: str) -> None:
    src = _write(tmp_path / "in.jsonl", ["not json", '{"id": 1}'])
    out = tmp_path / "out.jsonl"
    out.write_text("earlier\n", encoding="utf-8")
    code, output = _run(command, str(src), "-o", str(out))
    assert code == 1 and "could be read" in output
    assert out.read_text(encoding="utf-8") == "earlier\n"
    assert len(_lines(tmp_path / "out.jsonl.errors.jsonl")) == 2


@pytest.mark.parametrize("encoding,bom", [("utf-8", True), ("gb18030", False), ("gbk", False)])
def test_utf8_bom_and_gb_encodings_are_read(tmp_path: Path, encoding: str, bom: bool) -> None:
    src = _write(tmp_path / "in.jsonl", [GOOD, {**GOOD, "id": "b"}], encoding, bom)
    out = tmp_path / "out.jsonl"
    code, output = _run("facts", str(src), "-o", str(out))
    assert code == 0, output
    rows = _lines(out)
    assert [r["id"] for r in rows] == ["a", "b"]
    assert rows[0]["facts"][0]["value"] == 12_130_000_000_000
    assert rows[0]["facts"][0]["span"] == "出口12.13万亿元，增长6.9%"


def test_big5_file_is_read_as_traditional_chinese(tmp_path: Path) -> None:
    doc = {
        "id": "tw",
        "date": "2024-10-20",
        "text": "今年前三季度，臺灣出口總額達3,500億美元，成長12.5%。",
    }
    src = _write(tmp_path / "in.jsonl", [doc], "big5")
    out = tmp_path / "out.jsonl"
    assert _run("facts", str(src), "-o", str(out))[0] == 0
    (f,) = _lines(out)[0]["facts"]
    assert (f["indicator"], f["value"], f["unit"], f["yoy_pct"]) == (
        "export",
        350_000_000_000,
        "USD",
        12.5,
    )
    ents = tmp_path / "ents.jsonl"
    assert _run("entities", str(src), "-o", str(ents))[0] == 0
    assert _lines(ents)[0]["language"] == "zh"


def test_unknown_encoding_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(json.dumps(GOOD, ensure_ascii=False).encode("utf-16-le"))
    out = tmp_path / "out.jsonl"
    code, output = _run("facts", str(src), "-o", str(out))
    assert code == 2 and "encoding" in output
    assert not out.exists()


def test_invalid_date_keeps_the_facts_of_the_text(tmp_path: Path) -> None:
    doc = {
        "id": "d",
        "date": "2024-02-30",
        "text": "2024年1—6月，出口12.13万亿元，增长6.9%。今年前8个月进口3万亿元。",
    }
    src = _write(tmp_path / "in.jsonl", [doc])
    out = tmp_path / "out.jsonl"
    assert _run("facts", str(src), "-o", str(out))[0] == 0
    facts = _lines(out)[0]["facts"]
    # an explicit period needs no broadcast date; 今年前8个月 cannot be placed without it
    assert [(f["value"], f["period_start"], f["period_end"]) for f in facts] == [
        (12_130_000_000_000, "2024-01", "2024-06"),
        (3_000_000_000_000, None, None),
    ]
    (problem,) = _lines(tmp_path / "out.jsonl.errors.jsonl")
    assert problem["level"] == "warning" and "invalid date" in problem["message"]


@pytest.mark.parametrize("command", ["facts", "entities"])
def test_long_documents_are_cut_with_a_message(tmp_path: Path, command: str) -> None:
    tail = "今年前8个月，厦门进出口9999亿元。"
    doc = {
        "id": "long",
        "date": "2024-09-20",
        "text": GOOD["text"] + "。" * (MAX_DOC_CHARS + 10) + tail,
    }
    src = _write(tmp_path / "in.jsonl", [doc])
    out = tmp_path / "out.jsonl"
    code, output = _run(command, str(src), "-o", str(out))
    assert code == 0, output
    (problem,) = _lines(tmp_path / "out.jsonl.errors.jsonl")
    assert (
        problem["level"] == "warning" and "too long" in problem["message"] and problem["line"] == 1
    )
    row = _lines(out)[0]
    if command == "facts":
        assert [f["value"] for f in row["facts"]] == [
            12_130_000_000_000
        ]  # the tail past the cap is not read
    else:
        assert all(e["end"] <= MAX_DOC_CHARS for e in row["entities"])


def test_evaluate_and_train_check_their_files(tmp_path: Path, monkeypatch) -> None:
    code, output = _run("evaluate", "--gold", str(tmp_path / "nope.jsonl"))
    assert code == 2 and "file not found" in output
    bad = _write(tmp_path / "gold.jsonl", [{"id": "x", "text": "t"}])
    code, output = _run("evaluate", "--gold", str(bad))
    assert code == 2 and "line 1" in output
    from haisi.settings import get_settings

    monkeypatch.setenv("HAISI_SHARED_DATA", str(tmp_path / "none"))
    get_settings.cache_clear()
    try:
        code, output = _run("train", "-o", str(tmp_path / "model"))
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
    assert code == 3 and "training corpora not found" in output  # not found (haisi.cli)
    assert not (tmp_path / "model").exists()


@pytest.mark.parametrize("name", SETS + INDEPENDENT_SETS + MADE_UP_SETS)
def test_evaluate_scores_every_fact_of_every_named_set(name: str) -> None:
    """Each ``--set`` resolves to its file and every labelled fact in it is scored."""
    rows = labelled_set(name).read_text(encoding="utf-8").splitlines()
    facts = sum(len(json.loads(x)["facts"]) for x in rows)
    code, output = _run("evaluate", "--set", name)
    assert code == 0, output
    report = json.loads(output)
    overall, interval = report["overall"], report["interval95"]
    assert overall["tp"] + overall["fn"] == facts > 0
    for key in ("f1", "reporter_exact"):
        lo, hi = interval[key]
        assert lo <= overall[key] <= hi


def test_train_reporter_writes_the_weights_it_reports(tmp_path: Path) -> None:
    out = tmp_path / "ranker.json"
    code, text = _run("train-reporter", "-o", str(out))
    n = json.loads(out.read_text(encoding="utf-8"))["examples"]
    assert code == 0 and f"{n} 条事实 matched facts" in text and n > 4300
    assert not list(tmp_path.glob("*.tmp"))
