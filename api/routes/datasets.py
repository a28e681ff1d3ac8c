"""Datasets for researchers: catalogue, data dictionary (zh/en), versions and downloads."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse
from haisi.api.answers import kept
from haisi.api.citation import citation_formats, source_details
from haisi.api.deps import SettingsDep, WarehouseDep, guard
from haisi.api.downloads import FORMATS, Filters, build_download, citation, download_columns
from haisi.api.errors import CONFLICT
from haisi.api.params import Code, Hs, Partner, PeriodOpt, ReporterOpt
from haisi.api.schemas import Envelope
from haisi.warehouse.cache import versioned
from haisi.warehouse.disclosure import Suppression
from haisi.warehouse.schemas import TABLES, spec
from starlette.concurrency import run_in_threadpool

from haisi.errors import NotFound

router = APIRouter(prefix="/datasets", tags=["datasets 数据集"], dependencies=[guard("datasets")])

_EXAMPLE = {
    "name": "trade_flows",
    "title_zh": "货物贸易流量",
    "title_en": "Merchandise trade flows",
    "dataset_version": "trade_flows@v3",
    "rows": 54912,
}


def _entry(info) -> dict:
    t = spec(info.name)
    return {
        "name": info.name,
        "title_zh": t.title_zh,
        "title_en": t.title_en,
        "kind": t.kind,
        "description": t.description,
        "licence": t.licence,
        "version": info.version,
        "dataset_version": info.dataset_version,
        "rows": info.rows,
        "keys": info.keys,
        "period_min": info.period_min,
        "period_max": info.period_max,
        "sources": info.sources,
        "updated_at": info.updated_at,
        "classification": info.classification,
        "access": info.access,
    }


@router.get(
    "",
    response_model=Envelope,
    summary="数据集目录 Dataset catalogue",
    responses={
        200: {"content": {"application/json": {"example": {"data": [_EXAMPLE], "count": 1}}}}
    },
)
@kept
async def catalogue(request: Request, wh: WarehouseDep) -> dict:
    """Every table with title, description, licence, version, rows and period coverage."""
    infos = await run_in_threadpool(datasets_cached, wh)
    data = [_entry(i) for i in infos]
    return {"data": data, "count": len(data)}


def datasets_cached(wh) -> list:
    """``Warehouse.datasets()`` (a scan of every table) cached until any table changes version."""
    return versioned(wh, list(TABLES), ("datasets",), wh.datasets)


def _known(name: str) -> None:
    if name not in TABLES:
        raise NotFound(f"未知数据集 unknown dataset {name!r}")


def _wants_html(request: Request) -> bool:
    """A browser (text/html before any JSON in Accept) gets the page; API clients get JSON."""
    accept = request.headers.get("accept", "")
    html, js = accept.find("text/html"), accept.find("application/json")
    return html >= 0 and (js < 0 or html < js)


@router.get(
    "/{name}",
    summary="数据集详情与数据字典 Dataset details and data dictionary",
    responses={200: {"content": {"application/json": {}, "text/html": {}}}},
)
@kept
async def dataset(request: Request, name: str, wh: WarehouseDep):
    """One dataset: data dictionary (zh/en), provenance, versions, sources and citations.

    JSON for ``Accept: application/json`` (the default); an HTML page for a browser."""
    _known(name)
    t = spec(name)

    def load() -> tuple[dict, Suppression | None]:
        def compute() -> dict:
            (info,) = wh.datasets(only=[name])
            return {**_entry(info), "history": wh.history(name)}

        sdc = versioned(wh, [name], ("disclosure", name), lambda: wh.disclosure(name))
        return dict(versioned(wh, [name], ("dataset", name), compute)), sdc

    out, sdc = await run_in_threadpool(load)
    shipped = set(download_columns(name))
    out["key"] = list(t.key)
    out["dictionary"] = [
        {
            "name": c.name,
            "type": str(c.type),
            "zh": c.zh,
            "en": c.en,
            "nullable": c.nullable,
            "provenance": c.name not in t.domain_names,
            "in_downloads": c.name in shipped,
        }
        for c in t.all_columns
    ]
    out["formats"] = list(FORMATS)
    out["disclosure_control"] = (
        None
        if sdc is None
        else {
            **sdc.as_dict(),
            "applies_to": "public",
            "note_zh": "非海关角色看到的涉敏单元格已做统计披露控制："
            "被隐藏的单元格不出现在任何公开输出中。",
            "note_en": "Restricted cells reach non-customs roles only after statistical disclosure "
            "control; suppressed cells are left out of every public output.",
        }
    )
    out["citation"] = citation(wh, name, out["version"]) if out["version"] is not None else None
    out["source_details"] = source_details(out["sources"])
    if out["version"] is not None:
        out["citations"] = citation_formats(
            name,
            out["version"],
            updated_at=out["updated_at"],
            base_url=str(request.base_url),
            publishers=[d["publisher"] for d in out["source_details"]],
        )
    if _wants_html(request):
        from haisi.api.dashboard import dataset_page

        return dataset_page(request, out, spec(name))
    return out


@router.get(
    "/{name}/download",
    summary="下载数据集 Download a dataset",
    response_class=FileResponse,
    responses={
        200: {
            "content": {m.split(";")[0]: {} for m in FORMATS.values()},
            "description": "The file; headers X-Dataset-Version, X-Content-SHA256 and X-Citation.",
        },
        400: {"description": "Bad version, filter or format"},
        **CONFLICT,  # period_from after period_to
    },
)
async def download(
    name: str,
    wh: WarehouseDep,
    settings: SettingsDep,
    format: Annotated[
        Literal["csv", "parquet", "json", "ndjson"], Query(description="文件格式 file format")
    ] = "csv",
    version: Annotated[
        int | None,
        Query(
            ge=1,
            le=1_000_000_000,
            description=(
                "Delta版本（≥1），同一版本字节相同 version (from 1); same version, same bytes"
            ),
        ),
    ] = None,
    period_from: PeriodOpt = None,
    period_to: PeriodOpt = None,
    reporter: ReporterOpt = None,
    partner: Partner = None,
    hs: Hs = None,
    origin: Code = None,
    destination: Code = None,
) -> FileResponse:
    """Stream the rows (latest revision per key) of one version as CSV, Parquet, JSON or NDJSON."""
    _known(name)
    filters = Filters(period_from, period_to, reporter, partner, hs, origin, destination)
    path, digest, v = await run_in_threadpool(
        build_download,
        wh,
        settings.data_dir / "downloads",
        name,
        fmt=format,
        version=version,
        filters=filters,
    )
    filename = f"{name}_v{v}.{format}"
    return FileResponse(
        path,
        media_type=FORMATS[format],
        filename=filename,
        headers={
            "X-Dataset-Version": f"{name}@v{v}",
            "X-Content-SHA256": digest,
            "X-Citation": citation(wh, name, v, digest),
            "Cache-Control": "private, max-age=3600",
        },
    )
