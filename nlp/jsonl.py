"""JSONL in, JSONL out: the file contract of ``haisi nlp facts`` and ``haisi nlp entities``.

Safe by construction: the input is checked (exists, is not the output, is UTF-8 with or without
BOM, GB18030 or Big5) before the output is touched; results go to a temporary file in the output's
folder that replaces the output only when the whole input was read, so a failed run never
truncates an earlier output. Every line that cannot be used (bad bytes, not JSON, not an object,
no ``text``) is skipped and reported with its line number in ``<output>.errors.jsonl``, as are
warnings (a document cut at ``MAX_DOC_CHARS`` characters, a malformed date).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from haisi.errors import InvalidInput, NotFound

__all__ = [
    "MAX_DOC_CHARS",
    "Report",
    "check_paths",
    "entities_jsonl",
    "errors_path",
    "facts_jsonl",
    "read_documents",
]

log = logging.getLogger(__name__)

# Longest document analysed, in characters, for every language: English entity recognition runs
# at about 6,000 chars/s, so 50,000 characters stay within seconds and a few hundred MB.
MAX_DOC_CHARS = 50_000


@dataclass
class Report:
    """What a run read and wrote: documents, results (facts or entities) and per-line problems."""

    documents: int = 0
    results: int = 0
    encoding: str = "utf-8"
    problems: list[dict] = field(default_factory=list)
    errors_file: Path | None = None

    @property
    def skipped(self) -> int:
        """Lines that gave no output row."""
        return sum(p["level"] == "error" for p in self.problems)

    def add(self, line: int, level: str, message: str, doc_id: object = None) -> None:
        """Record one problem of an input line (level: error = skipped, warning = used)."""
        self.problems.append({"line": line, "id": doc_id, "level": level, "message": message})


def errors_path(dst: Path) -> Path:
    """Where the per-line problems of a run writing ``dst`` go."""
    return dst.with_name(dst.name + ".errors.jsonl")


def _same(a: Path, b: Path) -> bool:
    """Whether two paths name the same file (also through links)."""
    if a.resolve() == b.resolve():
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_paths(src: Path, dst: Path) -> str:
    """Validate input and output before anything is written; returns the input's encoding."""
    from haisi.nlp.encoding import detect_encoding

    if not src.exists():
        raise NotFound(f"输入文件不存在 input file not found: {src}")
    if not src.is_file():
        raise InvalidInput(f"输入不是文件 input is not a file: {src}")
    if _same(src, dst) or _same(src, errors_path(dst)):
        raise InvalidInput(f"输出文件不能是输入文件 the output must not be the input file: {dst}")
    if dst.is_dir():
        raise InvalidInput(f"输出是文件夹 the output is a folder: {dst}")
    if not dst.parent.is_dir():
        raise InvalidInput(f"输出文件夹不存在 output folder does not exist: {dst.parent}")
    try:
        return detect_encoding(src)
    except PermissionError as e:
        raise InvalidInput(f"无法读取输入文件 cannot read the input file {src}: {e}") from e


def read_documents(src: Path, encoding: str, report: Report) -> Iterator[tuple[int, dict]]:
    """(line number, document) for each usable line; problems go to ``report``."""
    with open(src, "rb") as fh:
        for n, raw in enumerate(fh, 1):
            try:
                line = raw.decode(encoding if n == 1 else encoding.replace("-sig", ""))
            except UnicodeDecodeError as e:
                report.add(
                    n,
                    "error",
                    f"第 {n} 行不是 {encoding} 文本 line {n} is not valid {encoding}: {e.reason}",
                )
                continue
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                report.add(
                    n,
                    "error",
                    f"第 {n} 行不是 JSON line {n} is not JSON: {e.msg} (column {e.colno})",
                )
                continue
            if not isinstance(obj, dict):
                report.add(n, "error", f"第 {n} 行不是 JSON 对象 line {n} is not a JSON object")
                continue
            text = obj.get("text")
            if not isinstance(text, str):
                msg = (
                    f"第 {n} 行缺少 text 字段 line {n} has no text field"
                    if text is None
                    else f"第 {n} 行的 text 不是字符串 line {n}: text is not a string"
                )
                report.add(n, "error", msg, obj.get("id"))
                continue
            if len(text) > MAX_DOC_CHARS:
                report.add(
                    n,
                    "warning",
                    f"第 {n} 行文档过长（{len(text)} 字符），只处理前 {MAX_DOC_CHARS} 字符 "
                    f"line {n}: document too long ({len(text)} chars), first "
                    f"{MAX_DOC_CHARS} used",
                    obj.get("id"),
                )
                obj = {**obj, "text": text[:MAX_DOC_CHARS]}
            yield n, obj


def _replace_atomically(dst: Path, write: Callable[[object], bool | None]) -> None:
    """Write through a temporary file in ``dst``'s folder and rename it over ``dst`` when done.

    When ``write`` returns False the temporary file is dropped and ``dst`` is left as it was.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{dst.name}.", suffix=".tmp", dir=dst.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            keep = write(out)
        if keep is False:
            Path(tmp).unlink()
        else:
            os.replace(tmp, dst)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _run(src: Path, dst: Path, row: Callable[[int, dict, Report], tuple[dict, int]]) -> Report:
    """Check paths, read every usable line, write one output row each, then the problems file."""
    report = Report(encoding=check_paths(src, dst))

    def write(out: object) -> bool:
        for n, obj in read_documents(src, report.encoding, report):
            result, count = row(n, obj, report)
            out.write(json.dumps(result, ensure_ascii=False) + "\n")  # type: ignore[attr-defined]
            report.documents += 1
            report.results += count
        return report.documents > 0  # nothing readable: an earlier output stays as it was

    _replace_atomically(dst, write)
    problems = errors_path(dst)
    if report.problems:
        _replace_atomically(
            problems,
            lambda out: out.write(  # type: ignore[attr-defined]
                "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in report.problems)
            ),
        )
        report.errors_file = problems
    elif problems.is_file():
        problems.unlink()  # a problems file of an earlier run would describe another input
    return report


def facts_jsonl(src: Path, dst: Path) -> Report:
    """Write {id, date, facts} per usable input line."""
    from haisi.nlp.facts import extract_facts
    from haisi.nlp.periods import parse_date

    def row(n: int, obj: dict, report: Report) -> tuple[dict, int]:
        doc_id, date = obj.get("id"), obj.get("date")
        if parse_date(str(date or "")) is None:
            report.add(
                n,
                "warning",
                f"第 {n} 行日期无效 {date!r}，期间不按播出日期推算 line {n}: invalid date "
                f"{date!r}; periods resolved without the broadcast date",
                doc_id,
            )
        try:
            facts = extract_facts(obj["text"], str(date or ""), doc_id=doc_id)
        except Exception as e:  # never lose the rest of the file to one document
            log.exception("文档 %s（第 %d 行）抽取失败 extraction failed", doc_id, n)
            report.add(
                n, "warning", f"第 {n} 行抽取失败 line {n}: extraction failed: {e!r}", doc_id
            )
            facts = []
        for f in facts:
            f.pop("span_start", None)
            f.pop("span_end", None)
        return {"id": doc_id, "date": date, "facts": facts}, len(facts)

    return _run(src, dst, row)


def entities_jsonl(src: Path, dst: Path) -> Report:
    """Write {id, language, entities} per usable input line."""
    from haisi.nlp.pipeline import detect_language, extract_entities

    def row(n: int, obj: dict, report: Report) -> tuple[dict, int]:
        text = obj["text"]
        lang = detect_language(text)
        try:
            ents = extract_entities(text, lang)
        except Exception as e:
            log.exception(
                "文档 %s（第 %d 行）实体识别失败 entity extraction failed", obj.get("id"), n
            )
            report.add(
                n,
                "warning",
                f"第 {n} 行实体识别失败 line {n}: entity extraction failed: {e!r}",
                obj.get("id"),
            )
            ents = []
        return {"id": obj.get("id"), "language": lang, "entities": ents}, len(ents)

    return _run(src, dst, row)
