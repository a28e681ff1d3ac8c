"""Chinese NER: corpus readers and split, the model's manifest, held-out scores, training."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from haisi.nlp import corpora, ner
from haisi.nlp.ner_train import training_data

from haisi.cli import exit_code
from haisi.errors import InvalidInput, Unavailable


def _count(data: list[corpora.Sentence]) -> dict[str, int]:
    out: dict[str, int] = {}
    for _, spans in data:
        for *_, lab in spans:
            out[lab] = out.get(lab, 0) + 1
    return out


def test_readers_recover_the_counts_of_each_source_md(shared_data: Path) -> None:
    text = shared_data / "text"
    msra = corpora.read("msra", text)
    assert len(msra) == 45_000 and sum(len(t) for t, _ in msra) == 2_171_573
    assert _count(msra) == {"LOC": 36_860, "ORG": 20_584, "PER": 17_615}
    pd = corpora.read("peoples-daily", text)
    assert len(pd) == 1000 and _count(pd) == {"LOC": 879, "ORG": 419, "PER": 415}
    resume = corpora.read("resume", text)
    assert len(resume) == 3821 and _count(resume)["PER"] == 952  # NAME as published
    clue = corpora.read_cluener(text / "cluener2020-train/train.json", {"address": "LOC"})
    assert len(clue) == 10_748 and _count(clue) == {"LOC": 2891}  # SOURCE.md: all spans, address
    for data in (msra[:2000], resume[:500], corpora.read("weibo", text)):
        for t, spans in data:
            assert all(0 <= s < e <= len(t) and t[s:e].strip() for s, e, _ in spans)


def test_weibo_keeps_names_and_drops_nominal_mentions(shared_data: Path) -> None:
    weibo = corpora.read("weibo", shared_data / "text")
    assert len(weibo) == 1310  # SOURCE.md: 40 of 1,350 dropped because they are in the test split
    # Named mentions of the 1,310 kept sentences (published file: PER.NAM 574, GPE.NAM 205 +
    # LOC.NAM 56, ORG.NAM 183); the 766 PER.NOM (老师, 朋友 …) are not names and are dropped.
    assert _count(weibo) == {"PER": 549, "LOC": 255, "ORG": 178}


def test_weibo_nominal_keeps_the_nominal_mentions_on_the_same_split(shared_data: Path) -> None:
    text = shared_data / "text"
    names, both = corpora.parts("weibo", text), corpora.parts("weibo-nominal", text)
    for part in ("train", "dev", "test"):
        assert [t for t, _ in names[part]] == [t for t, _ in both[part]]
        for (_, n), (_, b) in zip(names[part], both[part]):
            assert set(n) <= set(b)  # every name is also scored in the "overall" figure
    # + PER.NOM 741 (735 B- tags, 6 spans open on I-), LOC.NOM 51 + GPE.NOM 8, ORG.NOM 40
    assert _count(corpora.read("weibo-nominal", text)) == {"PER": 1290, "LOC": 314, "ORG": 218}
    train, dev = training_data(text, {"weibo": 1})
    assert set(dev) == {"weibo"} and len(train) == len(names["train"])


def test_bio_spans_read_bio_and_bmes() -> None:
    assert corpora.bio_spans(["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG"]) == [
        (0, 2, "PER"),
        (3, 4, "LOC"),
        (4, 5, "LOC"),
        (5, 6, "ORG"),
    ]
    assert corpora.bio_spans(["B-ORG", "M-ORG", "E-ORG", "S-NAME", "O"]) == [
        (0, 3, "ORG"),
        (3, 4, "NAME"),
    ]


def test_split_is_fixed_and_test_parts_never_reach_training(shared_data: Path) -> None:
    text = shared_data / "text"
    weibo = corpora.parts("weibo", text)
    again = corpora.parts("weibo", text)
    assert weibo == again
    n = sum(map(len, weibo.values()))
    assert 0.15 < len(weibo["test"]) / n < 0.25  # test_pct 20
    train, dev = training_data(text, {"msra": 1, "peoples-daily": 1})
    tests = {t for name in ("msra", "peoples-daily") for t, _ in corpora.parts(name, text)["test"]}
    assert tests and not tests & {t for t, _ in train}
    assert not tests & {t for d in dev.values() for t, _ in d}


def test_entity_f1_counts() -> None:
    gold = [[(0, 2, "LOC"), (3, 5, "ORG")]]
    pred = [[(0, 2, "LOC"), (3, 6, "ORG"), (7, 9, "PER")]]
    assert ner.entity_f1(gold, pred, {"LOC", "ORG"}) == {
        "tp": 1,
        "fp": 1,
        "fn": 1,
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
    }


def test_shipped_model_matches_its_manifest_and_a_changed_file_is_refused(tmp_path: Path) -> None:
    ner.verify(ner.model_dir())
    listed = (ner.model_dir() / ner.MANIFEST).read_text(encoding="utf-8").split("\n")
    assert any(line.endswith("  ner/model") for line in listed)
    copy = tmp_path / "ner_zh"
    shutil.copytree(ner.model_dir(), copy)
    ner.verify(copy)
    weights = copy / "ner" / "model"
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0xFF
    weights.write_bytes(bytes(data))
    with pytest.raises(Unavailable, match="ner/model"):
        ner.verify(copy)
    (copy / ner.MANIFEST).unlink()
    with pytest.raises(Unavailable, match="manifest"):
        ner.verify(copy)


# Floors: the shipped model scored 0.894 (first 400 MSRA test sentences) and 0.367 (all 257
# Weibo test sentences, names only) when it was packaged; floors sit 0.038 and 0.037 below. The
# issue's Weibo target (0.60) is NOT met (bench/nlp/README.md).
@pytest.mark.parametrize(("corpus", "n", "floor"), [("msra", 400, 0.856), ("weibo", 257, 0.330)])
def test_held_out_sentences_score_above_the_floor(
    shared_data: Path, corpus: str, n: int, floor: float
) -> None:
    data = corpora.parts(corpus, shared_data / "text")["test"][:n]
    pred = ner.predict([t for t, _ in data])
    for (t, _), spans in zip(data, pred):
        assert all(0 <= s < e <= len(t) and lab in ner.LABELS for s, e, lab in spans)
    assert ner.entity_f1([s for _, s in data], pred, ner.LABELS)["f1"] >= floor


def test_the_model_finds_people_places_and_bodies() -> None:
    (doc,) = [ner.load()("国务院总理李强在北京会见了新加坡总理，双方在中国银行举行签约仪式。")]
    got = {(e.text, e.label_) for e in doc.ents}
    assert {("李强", "PER"), ("北京", "LOC"), ("新加坡", "LOC")} <= got


def test_train_command_runs_and_saves_a_loadable_pipeline(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from haisi.cli import app

    args = [
        "nlp",
        "train",
        "-o",
        str(tmp_path / "run"),
        "--epochs",
        "1",
        "--limit",
        "40",
        "--eval-every",
        "5",
    ]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    nlp = ner.load_from(tmp_path / "run" / "model-last")
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert set(nlp.get_pipe("ner").labels) == set(ner.LABELS)
    record = ner.summary(tmp_path / "run" / "model-last")
    assert record["epoch"] == 1 and record["history"] and (tmp_path / "run" / "model-best").is_dir()

    # `make ner-model` reruns its phases (growing batches) with --resume after an interruption:
    # a phase whose epochs are done passes whatever the saved batch size; an unfinished one that
    # stopped mid-epoch refuses a different batch size (the order of its batches would change).
    state_file = tmp_path / "run" / "model-last" / "training.json"
    state = {**record, "epoch": 1, "batch": 5}
    state_file.write_text(json.dumps(state), encoding="utf-8")
    phase = [*args, "--resume", "--batch-chars", "3000"]
    res = CliRunner().invoke(app, phase)
    assert res.exit_code == 0, res.output
    assert ner.summary(tmp_path / "run" / "model-last")["batch"] == 5  # nothing trained
    res = CliRunner().invoke(app, [*phase[:5], "2", *phase[6:]])
    assert res.exit_code == exit_code(InvalidInput("x")) and "batch size" in res.output


def test_entities_command_uses_the_ner_and_refuses_an_altered_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from haisi.cli import app

    text = "国务院总理李强在北京会见新加坡总理。"
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(app, ["nlp", "entities", str(src), "-o", str(out)])
    assert res.exit_code == 0, res.output
    (row,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert any(e["source"] == "ner" for e in row["entities"])
    for e in row["entities"]:
        assert text[e["start"] : e["end"]] == e["text"] and e["label"]

    copy = tmp_path / "ner_zh"
    shutil.copytree(ner.model_dir(), copy)
    (copy / "tok2vec" / "model").write_bytes(b"not the trained weights")
    monkeypatch.setattr(ner, "model_dir", lambda: copy)
    ner.load.cache_clear()
    try:
        res = CliRunner().invoke(
            app, ["nlp", "entities", str(src), "-o", str(tmp_path / "o2.jsonl")]
        )
        assert res.exit_code == exit_code(Unavailable("x"))  # one line, the kind's exit code
        assert "tok2vec/model" in res.output and not (tmp_path / "o2.jsonl").exists()
    finally:
        ner.load.cache_clear()
