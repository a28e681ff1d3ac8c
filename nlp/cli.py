"""``haisi nlp ...`` commands: facts, entities, evaluate, run, train.

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
        typer.echo(f"{report.skipped} 行跳过 lines skipped, {len(report.problems) - report.skipped} 条警告 "
                   f"warnings → {report.errors_file}", err=True)
    if report.documents == 0:
        typer.echo(f"错误 error: 没有可读的行 no line of {src} could be read", err=True)
        raise typer.Exit(1)
    typer.echo(f"{report.documents} 篇文档 documents ({report.encoding}), {report.results} {what} → {dst}")


@nlp_app.command("facts")
def facts(
    input: Path = typer.Argument(..., help="输入 JSONL（每行 id, date, text） Input JSONL: id, date, text"),
    output: Path = typer.Option(..., "-o", "--output", help="输出 JSONL Output JSONL: {id, date, facts}"),
) -> None:
    """从公报段落抽取统计事实 Extract statistical facts from bulletin paragraphs (one line per input line)."""
    from haisi.nlp.jsonl import facts_jsonl

    _jsonl_command(facts_jsonl, input, output, "条事实 facts")


@nlp_app.command("entities")
def entities(
    input: Path = typer.Argument(..., help="输入 JSONL（每行 id, text） Input JSONL with id, text"),
    output: Path = typer.Option(..., "-o", "--output", help="输出 JSONL Output: {id, language, entities}"),
) -> None:
    """识别实体并链接编号 Find entities (gazetteer + English NER) with linked ids."""
    from haisi.nlp.jsonl import entities_jsonl

    _jsonl_command(entities_jsonl, input, output, "个实体 entities")


@nlp_app.command("evaluate")
def evaluate(
    gold: Path = typer.Option(None, help="标注集 Labelled JSONL (default: --set)"),
    labels: str = typer.Option("dev", "--set", help="标注集 Labelled set: dev (shared), tune, test (frozen)"),
    predictions: Path = typer.Option(None, help="预测 JSONL Predictions (default: extract now)"),
) -> None:
    """事实抽取评分 Fact precision/recall/F1 (indicator, value ±0.5%, yoy ±0.05, period_end)."""
    import json

    from haisi.nlp.evaluate import evaluate_file, labelled_set, read_labelled
    from haisi.nlp.facts import extract_facts

    with _clear_errors():
        gold = gold or labelled_set(labels)
        rows = read_labelled(gold, "facts")
        if predictions:
            pred = {d["id"]: d["facts"] for d in read_labelled(predictions, "facts")}
        else:
            pred = {d["id"]: extract_facts(d["text"], d["date"], doc_id=d["id"]) for d in rows}
        total, per = evaluate_file(gold, pred)
    report = {"overall": total.as_dict(), "per_indicator": {k: v.as_dict() for k, v in sorted(per.items())}}
    typer.echo(json.dumps(report, ensure_ascii=False, indent=1))


@nlp_app.command("run")
def run(limit: int = typer.Option(None, help="最多处理文档数 At most this many documents")) -> None:
    """处理仓库中的文档 Read `documents`, write `entities` and `facts` (skips unchanged documents)."""
    from haisi.nlp.store import run as run_store
    from haisi.warehouse import Warehouse

    r = run_store(Warehouse.from_settings(), limit=limit)
    typer.echo(f"文档 documents {r.documents}（跳过 skipped {r.skipped}），实体 entities +{r.entities}，"
               f"事实 facts +{r.facts}")


@nlp_app.command("train")
def train(
    output: Path = typer.Option(..., "-o", "--output", help="模型目录 Folder for the trained pipeline"),
    epochs: int = typer.Option(10, help="训练轮数 Passes over the training sentences"),
    data: Path = typer.Option(None, help="训练数据 Labelled JSONL (default: nlp/data/train.jsonl)"),
) -> None:
    """训练中文实体识别 Train the Chinese LOC/ORG NER on haisi's own sentences and save it."""
    from haisi.nlp import ner

    with _clear_errors():
        _check_model_folder(output, data)
    sentences = ner.load_training(data)
    model = ner.train(sentences, epochs=epochs)
    _save_model(model, output)
    typer.echo(f"{len(sentences)} 句 sentences, {epochs} 轮 epochs → {output}")


def _check_model_folder(output: Path, data: Path | None) -> None:
    """The training data exists and the output is a new folder or an earlier trained pipeline."""
    from haisi.errors import InvalidInput, NotFound

    if data is not None and not data.is_file():
        raise NotFound(f"训练数据不存在 training data not found: {data}")
    if output.exists() and (not output.is_dir() or (any(output.iterdir())
                                                     and not (output / "config.cfg").is_file())):
        raise InvalidInput(f"输出已存在且不是模型目录 output exists and is not a trained pipeline: {output}")
    if not output.parent.is_dir():
        raise InvalidInput(f"输出文件夹不存在 output folder does not exist: {output.parent}")


def _save_model(model: object, output: Path) -> None:
    """Save to a temporary folder beside ``output`` and swap it in, so a failure keeps the old model."""
    import shutil
    import tempfile

    tmp = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
    try:
        model.to_disk(tmp)  # type: ignore[attr-defined]
        if output.exists():
            old = output.with_name(f".{output.name}.old")
            output.rename(old)
            tmp.rename(output)
            shutil.rmtree(old)
        else:
            tmp.rename(output)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
