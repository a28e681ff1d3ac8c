"""Search crawled documents and the facts extracted from them (SQL over two tables)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from haisi.api.deps import SettingsDep, WarehouseDep, guard
from haisi.api.frames import envelope
from haisi.api.params import Date, Offset
from haisi.api.schemas import Envelope
from haisi.warehouse.filters import within
from starlette.concurrency import run_in_threadpool

router = APIRouter(tags=["documents 文档与事实"], dependencies=[guard("documents")])

Limit = Annotated[int, Query(ge=1, le=1000)]
Short = Annotated[str | None, Query(max_length=100)]


def _search(
    wh,
    table: str,
    cols: list[str],
    filters: dict,
    any_of: list[dict] | None,
    order: list[str],
    limit: int,
    offset: int,
):
    """Rows of ``table`` under parameterised filters, one page in ``order``."""
    return wh.scan(
        table,
        columns=cols,
        filters=filters,
        any_of=any_of,
        order_by=order,
        limit=limit,
        offset=offset,
    ).to_pandas()


@router.get("/documents/search", response_model=Envelope, summary="检索文档 Search documents")
async def documents(
    wh: WarehouseDep,
    settings: SettingsDep,
    q: Annotated[
        str | None,
        Query(
            max_length=200, description="标题或正文包含 title or text contains", examples=["出口"]
        ),
    ] = None,
    language: Annotated[str | None, Query(pattern=r"^[a-z]{2}$", examples=["zh"])] = None,
    published_from: Date = None,
    published_to: Date = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Documents whose title or text contains q (case-insensitive), newest first, with a snippet."""
    any_of = [{"title": ("contains", q)}, {"text": ("contains", q)}] if q else None
    filters = {
        col: v
        for col, v in (("language", language), ("published", within(published_from, published_to)))
        if v
    }
    cols = ["doc_id", "url", "title", "language", "published", "text", "source_id"]
    df = await run_in_threadpool(
        _search,
        wh,
        "documents",
        cols,
        filters,
        any_of,
        ["-published", "doc_id"],
        min(limit, settings.max_returned_rows),
        offset,
    )
    df.insert(5, "snippet", df.pop("text").str[:200])
    return envelope(df)


@router.get("/facts/search", response_model=Envelope, summary="检索统计事实 Search extracted facts")
async def facts(
    wh: WarehouseDep,
    settings: SettingsDep,
    q: Annotated[
        str | None, Query(max_length=200, description="原文包含 text span contains")
    ] = None,
    indicator: Annotated[str | None, Query(max_length=100, examples=["export"])] = None,
    reporter: Short = None,
    partner: Short = None,
    commodity: Short = None,
    doc_id: Short = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Facts with value, unit, growth, period and the text span they were read from."""
    filters: dict = {
        col: v
        for col, v in (
            ("indicator", indicator),
            ("reporter", reporter),
            ("partner", partner),
            ("commodity", commodity),
            ("doc_id", doc_id),
        )
        if v
    }
    if q:
        filters["span"] = ("contains", q)
    cols = [
        "doc_id",
        "fact_index",
        "indicator",
        "reporter",
        "partner",
        "commodity",
        "value",
        "unit",
        "yoy_pct",
        "period_start",
        "period_end",
        "span",
        "source_id",
    ]
    df = await run_in_threadpool(
        _search,
        wh,
        "facts",
        cols,
        filters,
        None,
        ["doc_id", "fact_index"],
        min(limit, settings.max_returned_rows),
        offset,
    )
    return envelope(df)
