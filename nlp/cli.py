"""``haisi nlp ...`` commands: facts, entities, evaluate, run, train."""

from __future__ import annotations

from pathlib import Path

import typer

nlp_app = typer.Typer(help="实体与统计事实抽取 Entity and fact extraction.", no_args_is_help=True)

_DEV = "text/xwlb-zh-facts-dev/facts.jsonl"


@nlp_app.command("facts")
def facts(
    input: Path = typer.Argument(..., help="输入 JSONL（每行 id, date, text） Input JSONL: id, date, text"),
    output: Path = typer.Option(..., "-o", "--output", help="输出 JSONL Output JSONL: {id, date, facts}"),
) -> None:
    """从公报段落抽取统计事实 Extract statistical facts from bulletin paragraphs (one line per input line)."""
    from haisi.nlp.jsonl import facts_jsonl

    n_docs, n_facts = facts_jsonl(input, output)
    typer.echo(f"{n_docs} 篇文档 documents, {n_facts} 条事实 facts → {output}")


@nlp_app.command("entities")
def entities(
    input: Path = typer.Argument(..., help="输入 JSONL（每行 id, text） Input JSONL with id, text"),
    output: Path = typer.Option(..., "-o", "--output", help="输出 JSONL Output: {id, language, entities}"),
) -> None:
    """识别实体并链接编号 Find entities (trained NER, gazetteer linking on top) with linked ids."""
    from haisi.nlp import ner
    from haisi.nlp.jsonl import entities_jsonl

    ner.load()  # a missing or altered model stops here (Unavailable), not once per document
    n_docs, n_ents = entities_jsonl(input, output)
    typer.echo(f"{n_docs} 篇文档 documents, {n_ents} 个实体 entities → {output}")


@nlp_app.command("evaluate")
def evaluate(
    gold: Path = typer.Option(None, help="标注集 Labelled JSONL (default: shared facts-dev set)"),
    predictions: Path = typer.Option(None, help="预测 JSONL Predictions (default: extract now)"),
) -> None:
    """事实抽取评分 Fact precision/recall/F1 (indicator, value ±0.5%, yoy ±0.05, period_end)."""
    import json

    from haisi.settings import get_settings
    from haisi.nlp.evaluate import evaluate_file
    from haisi.nlp.facts import extract_facts

    gold = gold or Path(get_settings().shared_data) / _DEV
    if predictions:
        lines = predictions.read_text(encoding="utf-8").splitlines()
        pred = {d["id"]: d["facts"] for d in map(json.loads, filter(str.strip, lines))}
    else:
        pred = {d["id"]: extract_facts(d["text"], d["date"], doc_id=d["id"])
                for d in map(json.loads, gold.read_text(encoding="utf-8").splitlines()) if d}
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
    output: Path = typer.Option(..., "-o", "--output", help="输出目录 Folder for model-last / model-best"),
    epochs: int = typer.Option(4, help="训练轮数 Passes over the training sentences"),
    resume: bool = typer.Option(False, help="从 model-last 继续 Continue from OUTPUT/model-last"),
    eval_every: int = typer.Option(200, help="每多少批评估保存 Batches between dev scoring and saving"),
    seed: int = typer.Option(13, help="随机种子 Random seed"),
    limit: int = typer.Option(None, help="每个语料最多句数（试跑） At most this many sentences per corpus"),
    batch_chars: int = typer.Option(1000, help="每批字符数 Characters per update batch"),
) -> None:
    """训练中文实体识别 Train the Chinese PER/LOC/ORG NER on the public corpora (shared/data/text)."""
    from haisi.nlp.ner_train import train as run_training
    from haisi.settings import get_settings

    text_dir = Path(get_settings().shared_data) / "text"
    state = run_training(text_dir, output, epochs=epochs, resume=resume, eval_every=eval_every,
                         seed=seed, limit=limit, max_chars=batch_chars, log=lambda m: typer.echo(m))
    typer.echo(f"{state['train_sentences']} 句 sentences, {state['epoch']} 轮 epochs, "
               f"最佳 best dev F1 {state['best']} → {output / 'model-best'}")
