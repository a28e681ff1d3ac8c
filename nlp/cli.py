"""``haisi nlp ...`` commands: facts, entities, evaluate, run, train, train-reporter.

Every command checks its input before it writes anything; a deliberate error (missing file, output
equal to input, unknown encoding) is printed as one line and exits with status 2, and a run where
no input line could be read exits with status 1.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from haisi.errors import HaisiError

nlp_app = typer.Typer(help="实体与统计事实抽取 Entity and fact extraction.", no_args_is_help=True)


@contextmanager
def _clear_errors() -> Iterator[None]:
    """Deliberate errors become a one-line message on stderr and exit status 2 (no traceback)."""
    try:
        yield
    except HaisiError as e:
        typer.echo(f"错误 error: {e}", err=True)
        raise typer.Exit(2) from e


def _jsonl_command(run: Callable, src: Path, dst: Path, what: str) -> None:
    """Run one JSONL-to-JSONL command and report documents, results and skipped lines."""
    with _clear_errors():
        report = run(src, dst)
    if report.errors_file:
        typer.echo(
            f"{report.skipped} 行跳过 lines skipped, "
            f"{len(report.problems) - report.skipped} 条警告 "
            f"warnings → {report.errors_file}",
            err=True,
        )
    if report.documents == 0:
        typer.echo(f"错误 error: 没有可读的行 no line of {src} could be read", err=True)
        raise typer.Exit(1)
    typer.echo(
        f"{report.documents} 篇文档 documents ({report.encoding}), {report.results} {what} → {dst}"
    )


@nlp_app.command("facts")
def facts(
    input: Path = typer.Argument(
        ..., help="输入 JSONL（每行 id, date, text） Input JSONL: id, date, text"
    ),
    output: Path = typer.Option(
        ..., "-o", "--output", help="输出 JSONL Output JSONL: {id, date, facts}"
    ),
) -> None:
    """从公报段落抽取统计事实 Extract statistical facts from bulletin paragraphs (one line per input
    line)."""
    from haisi.nlp.jsonl import facts_jsonl

    _jsonl_command(facts_jsonl, input, output, "条事实 facts")


@nlp_app.command("entities")
def entities(
    input: Path = typer.Argument(..., help="输入 JSONL（每行 id, text） Input JSONL with id, text"),
    output: Path = typer.Option(
        ..., "-o", "--output", help="输出 JSONL Output: {id, language, entities}"
    ),
) -> None:
    """识别实体并链接编号 Find entities (trained NER, gazetteer linking on top) with linked ids."""
    from haisi.nlp import ner
    from haisi.nlp.jsonl import entities_jsonl

    ner.load()  # a missing or altered model stops here (Unavailable), not once per document
    _jsonl_command(entities_jsonl, input, output, "个实体 entities")


@nlp_app.command("evaluate")
def evaluate(
    gold: Path = typer.Option(None, help="标注集 Labelled JSONL (default: --set)"),
    labels: str = typer.Option(
        "dev",
        "--set",
        help="标注集 Labelled set: dev (shared), tune, tune-other, test (frozen), "
        "tune-independent, test-independent (frozen), made-up-tune, made-up-test (frozen), "
        "made-up-news-tune, made-up-news-tune2, made-up-news-tune3, made-up-news-tune4, "
        "made-up-news-valid, "
        "made-up-news-test, "
        "made-up-news-test2, made-up-news-test3, made-up-news-test4, made-up-news-test5, "
        "made-up-news-test6, made-up-news-test7, made-up-news-test8, made-up-news-test9, "
        "made-up-news-test10, made-up-news-test11, made-up-news-test12, "
        "made-up-news-test13, made-up-news-test14, made-up-news-test15, "
        "made-up-news-test16, made-up-news-test17, made-up-news-test18, "
        "made-up-news-test19, made-up-news-test20, made-up-news-test21, "
        "made-up-news-test22, made-up-news-test23, made-up-news-test24, "
        "made-up-news-test25, made-up-news-test26, made-up-news-test27, "
        "made-up-news-test28 (frozen), made-up-news-test29 (frozen), "
        "made-up-news-test30 (frozen), made-up-news-test31 (frozen), "
        "made-up-news-test32 (frozen), made-up-news-test33 (frozen), "
        "made-up-news-test34 (frozen), made-up-news-test35 (frozen), "
        "made-up-news-test36 (frozen), made-up-news-test37 (frozen), "
        "made-up-news-test38 (frozen), made-up-news-test39 (frozen), "
        "made-up-news-test40 (frozen), made-up-news-test41 (frozen), "
        "made-up-news-test42 (frozen), made-up-news-test43 (frozen), "
        "made-up-news-test44 (frozen), made-up-news-test45 (frozen), "
        "made-up-news-test46 (frozen), "
        "made-up-news-tune5, "
        "made-up-news-tune6, made-up-news-tune7, made-up-news-tune8, made-up-news-tune9, "
        "made-up-news-tune10, made-up-news-tune11, made-up-news-tune12, made-up-news-tune13, "
        "made-up-news-tune14, made-up-news-tune15, made-up-news-tune16, made-up-news-tune17, "
        "made-up-news-tune18, made-up-news-tune19, made-up-news-tune20, "
        "made-up-news-tune21, made-up-news-tune22, made-up-news-tune23, "
        "made-up-news-tune24, made-up-news-tune25, made-up-news-tune26, "
        "made-up-news-tune27, made-up-news-tune28, made-up-news-tune29, "
        "made-up-news-tune30, made-up-news-tune31, made-up-news-tune32, "
        "made-up-news-tune33, made-up-news-tune34, made-up-news-tune35, "
        "made-up-news-tune36, made-up-news-tune37, made-up-news-tune38, made-up-news-tune39, "
        "made-up-news-tune40, made-up-news-tune41, made-up-news-tune42, made-up-news-tune43, "
        "made-up-news-tune44, made-up-news-tune45, made-up-news-tune46, made-up-news-tune47, "
        "made-up-news-tune48, made-up-news-tune49, made-up-news-tune50, made-up-news-tune51, "
        "made-up-news-tune52",
    ),
    predictions: Path = typer.Option(None, help="预测 JSONL Predictions (default: extract now)"),
) -> None:
    """事实抽取评分 Fact precision/recall/F1 (indicator, value ±0.5%, yoy ±0.05, period_end)."""
    import json

    from haisi.nlp.evaluate import (
        bootstrap_interval,
        evaluate_file,
        labelled_set,
        paragraph_scores,
        read_labelled,
    )
    from haisi.nlp.facts import extract_facts

    with _clear_errors():
        gold = gold or labelled_set(labels)
        rows = read_labelled(gold, "facts")
        if predictions:
            pred = {d["id"]: d["facts"] for d in read_labelled(predictions, "facts")}
        else:
            pred = {d["id"]: extract_facts(d["text"], d["date"], doc_id=d["id"]) for d in rows}
        total, per = evaluate_file(gold, pred)
        interval = bootstrap_interval(paragraph_scores(gold, pred))
    report = {
        "overall": total.as_dict(),
        # 95 % percentile interval over paragraphs drawn with replacement (2,000 draws, seed 0)
        "interval95": {k: list(v) for k, v in interval.items()},
        "per_indicator": {k: v.as_dict() for k, v in sorted(per.items())},
    }
    typer.echo(json.dumps(report, ensure_ascii=False, indent=1))


@nlp_app.command("run")
def run(limit: int = typer.Option(None, help="最多处理文档数 At most this many documents")) -> None:
    """处理仓库中的文档 Read `documents`, write `entities` and `facts` (skips unchanged
    documents)."""
    from haisi.nlp.store import run as run_store
    from haisi.warehouse import Warehouse

    r = run_store(Warehouse.from_settings(), limit=limit)
    typer.echo(
        f"文档 documents {r.documents}（跳过 skipped {r.skipped}），实体 entities +{r.entities}，"
        f"事实 facts +{r.facts}"
    )


@nlp_app.command("train")
def train(
    output: Path = typer.Option(
        ..., "-o", "--output", help="输出目录 Folder for model-last / model-best"
    ),
    epochs: int = typer.Option(4, help="训练轮数 Passes over the training sentences"),
    resume: bool = typer.Option(False, help="从 model-last 继续 Continue from OUTPUT/model-last"),
    eval_every: int = typer.Option(
        200, help="每多少批评估保存 Batches between dev scoring and saving"
    ),
    seed: int = typer.Option(13, help="随机种子 Random seed"),
    limit: int = typer.Option(
        None, help="每个语料最多句数（试跑） At most this many sentences per corpus"
    ),
    batch_chars: int = typer.Option(1000, help="每批字符数 Characters per update batch"),
) -> None:
    """训练中文实体识别 Train the Chinese PER/LOC/ORG NER on the public corpora
    (shared/data/text)."""
    from haisi.nlp.ner_train import train as run_training

    from haisi.settings import get_settings

    text_dir = Path(get_settings().shared_data) / "text"
    if not (text_dir / "msra-ner-train").is_dir():
        from haisi.errors import NotFound

        raise NotFound(
            f"训练语料不存在 training corpora not found under {text_dir} (set HAISI_SHARED_DATA)"
        )
    with _clear_errors():
        state = run_training(
            text_dir,
            output,
            epochs=epochs,
            resume=resume,
            eval_every=eval_every,
            seed=seed,
            limit=limit,
            max_chars=batch_chars,
            log=lambda m: typer.echo(m),
        )
    typer.echo(
        f"{state['train_sentences']} 句 sentences, {state['epoch']} 轮 epochs, "
        f"最佳 best dev F1 {state['best']} → {output / 'model-best'}"
    )


@nlp_app.command("train-reporter")
def train_reporter(
    output: Path = typer.Option(
        None, "-o", "--output", help="权重文件 Weights JSON (default: the shipped one)"
    ),
) -> None:
    """训练报告主体排序器 Train the reporter ranker on the tuning labels (rules' choices made
    before they were tuned on each paragraph); writes its weights."""
    from haisi.nlp.facts.ranker import WEIGHTS
    from haisi.nlp.train_reporter import fit

    target = output or WEIGHTS
    with _clear_errors():
        n = fit(target)
    typer.echo(f"{n} 条事实 matched facts → {target}")
