"""Structural gravity: PPML with high-dimensional fixed effects, and counterfactual scenarios."""

from __future__ import annotations

from haisi.models.gravity.ppml import PPMLResult, fit_ppml
from haisi.models.gravity.scenario import predict_scenario, with_change

__all__ = ["PPMLResult", "fit_ppml", "predict_scenario", "with_change"]
