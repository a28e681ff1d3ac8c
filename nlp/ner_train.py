"""Training of the Chinese NER on the public corpora: resumable, checkpointed, logged.

``haisi nlp train -o OUT`` runs :func:`train`. Every ``eval_every`` batches it scores the dev
parts (never the test parts) and writes ``OUT/model-last``; the best dev score so far is kept in
``OUT/model-best``. ``--resume`` continues from ``OUT/model-last`` at the saved epoch and batch,
so a killed run loses at most one evaluation interval. The order of sentences is a function of
the seed and the epoch only, so a run is reproducible.
"""

from __future__ import annotations

import json
import random
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from haisi.nlp import corpora, ner

from haisi.errors import InvalidInput

__all__ = ["DEFAULT_MIX", "training_data", "train"]

# Corpus → how many times its train part is repeated per epoch (Weibo is small and unlike news).
DEFAULT_MIX = {"msra": 1, "weibo": 3, "cluener": 1, "resume": 1, "peoples-daily": 1}


def training_data(
    text_dir: Path, mix: dict[str, int], limit: int | None = None
) -> tuple[list[corpora.Sentence], dict[str, list[corpora.Sentence]]]:
    """Train sentences (repeated per ``mix``) and the dev part of each corpus (``limit`` each).

    A train or dev sentence whose text is also in any corpus's test part is dropped, so the frozen
    test parts stay unseen even where corpora overlap (MSRA and People's Daily share 1998 news).
    """
    split = {name: corpora.parts(name, text_dir) for name in mix}
    held_out = {t for p in split.values() for t, _ in p["test"]}
    train: list[corpora.Sentence] = []
    for name, times in mix.items():
        train += [s for s in split[name]["train"] if s[0] not in held_out][:limit] * times
    dev = {name: [s for s in p["dev"] if s[0] not in held_out][:limit] for name, p in split.items()}
    return train, dev


def _batches(data: list[corpora.Sentence], rng: random.Random, max_chars: int) -> Iterator[list]:
    """Shuffled batches of about ``max_chars`` characters."""
    order = list(range(len(data)))
    rng.shuffle(order)
    batch, size = [], 0
    for i in order:
        batch.append(data[i])
        size += len(data[i][0])
        if size >= max_chars:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _score(nlp, dev: dict[str, list[corpora.Sentence]]) -> dict[str, float]:
    """Exact-span PER/LOC/ORG F1 on each dev part, and their mean."""
    out = {}
    for name, data in dev.items():
        pred = ner.predict([t for t, _ in data], nlp)
        out[name] = ner.entity_f1([s for _, s in data], pred, ner.LABELS)["f1"]
    out["mean"] = round(sum(out.values()) / len(out), 4)
    return out


def _save(nlp, folder: Path, state: dict) -> None:
    """Write the pipeline and its training record, replacing the folder atomically."""
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    nlp.to_disk(tmp)
    record = json.dumps(state, indent=1, ensure_ascii=False)
    (tmp / "training.json").write_text(record, encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)


def _examples(nlp, batch: list[corpora.Sentence]) -> list:
    from spacy.training import Example

    return [
        Example.from_dict(nlp.make_doc(t), {"entities": [list(s) for s in sp]}) for t, sp in batch
    ]


def train(
    text_dir: Path,
    output: Path,
    *,
    epochs: int = 4,
    mix: dict[str, int] | None = None,
    seed: int = 13,
    eval_every: int = 400,
    max_chars: int = 3000,
    dropout: float = 0.15,
    resume: bool = False,
    limit: int | None = None,
    log: Callable[[str], None] = print,
) -> dict:
    """Train (or resume) the NER; returns the final training record.

    ``limit`` keeps the first sentences of each corpus only (a smoke run, not a model to ship).
    """
    from spacy.util import fix_random_seed, load_config, load_model_from_config

    mix = mix or DEFAULT_MIX
    data, dev = training_data(text_dir, mix, limit)
    last, best = output / "model-last", output / "model-best"
    fix_random_seed(seed)
    ner._register()
    if resume and last.is_dir():
        nlp = ner.load_from(last)
        state = ner.summary(last)
        optimizer = nlp.resume_training()
        # A finished phase of a schedule (epochs reached) may be rerun with its own batch size.
        if state["batch"] and state["epoch"] < epochs and max_chars != state["max_chars"]:
            raise InvalidInput(
                "批大小只能在轮次之间改变 batch size can change only at an epoch boundary"
            )
        state["max_chars"] = max_chars
        log(
            f"resume at epoch {state['epoch']} batch {state['batch']} (best {state['best']}), "
            f"batches of {max_chars} chars"
        )
    else:
        nlp = load_model_from_config(load_config(ner.config_path()), auto_fill=True, validate=True)
        sample = random.Random(seed).sample(data, min(2000, len(data)))
        optimizer = nlp.initialize(lambda: _examples(nlp, sample))
        state = {
            "epoch": 0,
            "batch": 0,
            "best": -1.0,
            "mix": mix,
            "seed": seed,
            "dropout": dropout,
            "max_chars": max_chars,
            "train_sentences": len(data),
            "train_chars": sum(len(t) for t, _ in data),
            "history": [],
        }
    output.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    while state["epoch"] < epochs:
        rng = random.Random(seed * 1000 + state["epoch"])
        losses: dict[str, float] = {}
        for i, batch in enumerate(_batches(data, rng, state["max_chars"])):
            if i < state["batch"]:
                continue
            nlp.update(_examples(nlp, batch), sgd=optimizer, drop=dropout, losses=losses)
            state["batch"] = i + 1
            if state["batch"] % eval_every == 0:
                with nlp.use_params(optimizer.averages):
                    _checkpoint(nlp, state, dev, losses, last, best, t0, log)
        state["epoch"] += 1
        state["batch"] = 0
        with nlp.use_params(optimizer.averages):
            _checkpoint(nlp, state, dev, losses, last, best, t0, log)
    return state


def _checkpoint(nlp, state: dict, dev, losses, last: Path, best: Path, t0: float, log) -> None:
    """Score on dev, save model-last, and model-best when the dev mean improved.

    Called with the optimizer's moving averages of the weights in place (as ``spacy train``
    scores and saves), which are steadier than the last update's weights.
    """
    scores = _score(nlp, dev)
    state["history"].append(
        {
            "epoch": state["epoch"],
            "batch": state["batch"],
            "loss": round(float(losses.get("ner", 0.0)), 1),
            "dev": scores,
            "seconds": round(time.perf_counter() - t0),
        }
    )
    log(json.dumps(state["history"][-1], ensure_ascii=False))
    improved = scores["mean"] > state["best"]
    if improved:
        state["best"] = scores["mean"]
    _save(nlp, last, state)
    if improved:
        _save(nlp, best, state)
