"""The trainable Chinese NER: a tiny run on haisi's own sentences, and the evaluation readers."""

from __future__ import annotations

from pathlib import Path

from haisi.nlp import ner


def test_tiny_training_run_learns_the_training_entities() -> None:
    data = ner.load_training()
    assert len(data) >= 300
    for text, spans in data:
        assert all(0 <= s < e <= len(text) and lab in ("LOC", "ORG") for s, e, lab in spans)
    model = ner.train(data, epochs=10)
    pred = [[(e.start_char, e.end_char, e.label_) for e in model(t).ents] for t, _ in data]
    assert ner.entity_f1([s for _, s in data], pred, {"LOC", "ORG"})["f1"] > 0.9
    doc = model("据厦门海关统计，福建对东盟出口增长。")
    assert {(e.text, e.label_) for e in doc.ents} >= {("厦门海关", "ORG"), ("东盟", "LOC")}


def test_readers_recover_the_published_counts(shared_data: Path) -> None:
    pd = ner.read_bio(shared_data / "text/peoples-daily-ner-dev-slice/dev_slice.bio")
    assert len(pd) == 1000
    counts = {lab: sum(1 for _, sp in pd for s in sp if s[2] == lab) for lab in ("LOC", "ORG", "PER")}
    assert counts == {"LOC": 879, "ORG": 419, "PER": 415}  # as stated in the slice's SOURCE.md
    conll = ner.read_conll(shared_data / "text/conll2003-en-dev-slice/testa_slice.conll")
    assert len(conll) == 1000
    assert sum(1 for _, sp in conll for s in sp if s[2] == "LOC") == 559
    text, spans = conll[0]
    assert all(text[s:e].strip() == text[s:e] for s, e, _ in spans)
    clue = ner.read_cluener(shared_data / "text/cluener2020-train-slice/train_slice.jsonl",
                            {"address": "LOC"})
    assert sum(len(sp) for _, sp in clue) == 534


def test_entity_f1_counts() -> None:
    gold = [[(0, 2, "LOC"), (3, 5, "ORG")]]
    pred = [[(0, 2, "LOC"), (3, 6, "ORG"), (7, 9, "PER")]]
    assert ner.entity_f1(gold, pred, {"LOC", "ORG"}) == {
        "tp": 1, "fp": 1, "fn": 1, "precision": 0.5, "recall": 0.5, "f1": 0.5}


def test_train_command_saves_a_loadable_pipeline(tmp_path: Path) -> None:
    import spacy
    from typer.testing import CliRunner

    from haisi.cli import app

    res = CliRunner().invoke(app, ["nlp", "train", "-o", str(tmp_path / "ner"), "--epochs", "1"])
    assert res.exit_code == 0, res.output
    nlp = spacy.load(tmp_path / "ner")
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert set(nlp.get_pipe("ner").labels) == {"LOC", "ORG"}
