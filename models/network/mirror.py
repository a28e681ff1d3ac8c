"""Mirror statistics: what A reports exporting to B against what B reports importing from A.

Notes
-----
Exports are usually valued FOB at the exporter's border and imports CIF at the importer's,
so a ratio ``importer / exporter`` of about 1.05–1.10 is expected from freight and insurance
alone; larger gaps point at re-exports via third places (e.g. Hong Kong), timing, country of
origin vs consignment, or under-/over-reporting. Pairs reported in different currencies are
shown side by side but not compared (no exchange rates are applied). Monthly reports are summed
to the requested granularity; periods with missing months are flagged ``complete = False``
and not compared.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from haisi.models.network.selection import parse_period, reports
from haisi.warehouse.figures import choose_latest

__all__ = ["CIF_FOB_NOTE", "mirror_gaps"]

CIF_FOB_NOTE = (
    "进口按到岸价(CIF)、出口按离岸价(FOB)计，进口方数值通常高5%–10% — imports are CIF "
    "and exports FOB, so the importer's figure is typically 5–10% higher"
)


def mirror_gaps(
    wh,
    *,
    reporter: str,
    partner: str | None = None,
    period: str | None = None,
    product: str = "TOTAL",
) -> pd.DataFrame:
    """Both sides' reports of every link between ``reporter`` and its partners, with ratio and gap.

    One row per (period, exporter, importer) where either side reports: ``exporter_reports``
    (exports, FOB), ``importer_reports`` (imports, CIF), each with its currency and source,
    ``ratio`` = importer / exporter,
    ``gap`` = importer − exporter, ``gap_pct`` relative to the exporter's figure, and ``note``.
    Granularity follows ``period`` (``2012`` → years); without a period, years.
    """
    gran = parse_period(period) if period else "A"
    involve: list[dict] = [{"reporter": reporter}, {"partner": reporter}]
    if partner:
        involve = [
            {"reporter": reporter, "partner": partner},
            {"reporter": partner, "partner": reporter},
        ]
    rep = reports(wh, period=period, product=product, granularity=gran, any_of=involve)
    cols = [
        "period",
        "exporter",
        "importer",
        "exporter_reports",
        "exporter_currency",
        "exporter_source",
        "importer_reports",
        "importer_currency",
        "importer_source",
        "ratio",
        "gap",
        "gap_pct",
        "complete",
        "note",
    ]
    if rep.empty:
        return pd.DataFrame(columns=cols)
    rep["complete"] = _complete(rep, gran)
    rep = choose_latest(rep, ["reporter", "partner", "flow"])
    exp = rep[rep["flow"] == "export"].rename(
        columns={
            "reporter": "exporter",
            "partner": "importer",
            "value": "exporter_reports",
            "currency": "exporter_currency",
            "complete": "exp_complete",
            "source_id": "exporter_source",
        }
    )
    imp = rep[rep["flow"] == "import"].rename(
        columns={
            "reporter": "importer",
            "partner": "exporter",
            "value": "importer_reports",
            "currency": "importer_currency",
            "complete": "imp_complete",
            "source_id": "importer_source",
        }
    )
    key = ["period", "exporter", "importer"]
    m = pd.merge(
        exp[key + ["exporter_reports", "exporter_currency", "exporter_source", "exp_complete"]],
        imp[key + ["importer_reports", "importer_currency", "importer_source", "imp_complete"]],
        on=key,
        how="outer",
    )
    m["complete"] = m["exp_complete"].fillna(False).astype(bool) & m["imp_complete"].fillna(
        False
    ).astype(bool)
    both = m["exporter_reports"].notna() & m["importer_reports"].notna()
    same = m["exporter_currency"] == m["importer_currency"]
    ok = both & same & m["complete"] & (m["exporter_reports"] > 0)
    m["ratio"] = np.where(ok, m["importer_reports"] / m["exporter_reports"], np.nan)
    m["gap"] = np.where(ok, m["importer_reports"] - m["exporter_reports"], np.nan)
    m["gap_pct"] = m["ratio"] * 100 - 100
    m["note"] = np.select(
        [m["importer_reports"].isna(), m["exporter_reports"].isna(), ~same, ~m["complete"]],
        [
            "进口方未报告 importer does not report",
            "出口方未报告 exporter does not report",
            "币种不同，未比较 different currencies, not compared",
            "期间不完整，未比较 incomplete period, not compared",
        ],
        default=CIF_FOB_NOTE,
    )
    return m[cols].sort_values(key, ignore_index=True)


def _complete(rep: pd.DataFrame, gran: str) -> pd.Series:
    """True where the native periods summed cover the whole requested period."""
    per_unit = {
        ("A", "A"): 1,
        ("A", "Q"): 4,
        ("A", "M"): 12,
        ("Q", "Q"): 1,
        ("Q", "M"): 3,
        ("M", "M"): 1,
    }
    need = rep["frequency"].map(lambda f: per_unit.get((gran, f), 10**9))
    return rep["n_sub"] >= need
