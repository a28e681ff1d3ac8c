"""Load reference tables, the real open-data starter set and the labelled demo sample data into the
warehouse (idempotent)."""

from __future__ import annotations

import hashlib
from importlib.metadata import version

import pandas as pd

from haisi.warehouse import Provenance, Warehouse, WriteResult

__all__ = ["load_reference", "load_samples", "load_starter"]


def _hash_frame(df: pd.DataFrame) -> str:
    return hashlib.sha256(pd.util.hash_pandas_object(df, index=False).values.tobytes()).hexdigest()


def load_reference(wh: Warehouse) -> list[WriteResult]:
    """Write countries, ports and HS chapters from the reference package into the warehouse."""
    from haisi.reference.belt_road import belt_road_signings
    from haisi.reference.countries import countries
    from haisi.reference.hs import hs_chapters
    from haisi.reference.ports import ports

    pkgs = (
        f"pycountry=={version('pycountry')}; babel=={version('babel')}; "
        f"country_converter=={version('country_converter')}; searoute=={version('searoute')}"
    )
    signed = belt_road_signings().set_index("iso3")["signed"]  # '' for a member, date unknown
    c = countries().drop(columns=["subregion"]).assign(belt_road_since=lambda d: d.iso3.map(signed))
    p = ports()[["unlocode", "name_en", "name_zh", "country", "lat", "lon"]]
    h = (
        hs_chapters()
        .rename(columns={"code": "hs_code"})
        .assign(hs_revision="HS", level=2, parent="TOTAL")[
            ["hs_code", "hs_revision", "level", "parent", "name_en", "name_zh"]
        ]
    )
    out = []
    for table, df in (("countries", c), ("ports", p), ("hs_codes", h)):
        prov = Provenance("reference", f"haisi reference package ({pkgs})", _hash_frame(df))
        out.append(wh.append(table, df, provenance=prov))
    return out


def load_samples(wh: Warehouse) -> list[WriteResult]:
    """Generate the labelled sample data and store it (a second run stores nothing)."""
    from haisi.samples import SAMPLE_CUSTOMS_SOURCE, SAMPLE_SOURCE, generate

    data = generate()
    out = []
    for table in ("trade_flows", "tourism_flows", "routes", "documents", "port_calls"):
        df = getattr(data, table)
        source = SAMPLE_CUSTOMS_SOURCE if table == "trade_flows" else SAMPLE_SOURCE
        prov = Provenance(
            source,
            f"haisi.samples.generate (sample data) / {table}",
            _hash_frame(df.drop(columns=["raw"], errors="ignore")),
        )
        out.append(wh.append(table, df, provenance=prov))
    return out


def load_starter(wh: Warehouse) -> list:
    """Ingest every starter file through its real feed (a file already stored is skipped)."""
    from haisi.crawlers.feeds.ingest import ingest_file
    from haisi.crawlers.feeds.registry import get_feed
    from haisi.errors import InvalidInput
    from haisi.starter import STARTER_DIR, starter_sets

    out = []
    for s in starter_sets():
        report = ingest_file(get_feed(s["feed"]), STARTER_DIR / s["file"], wh)
        if not report.ok:
            raise InvalidInput(
                f"starter file {s['file']} rejected 示例文件被拒: "
                + "; ".join(str(e) for e in report.errors[:3])
            )
        out.append(report)
    return out
