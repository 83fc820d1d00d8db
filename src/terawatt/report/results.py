"""Everything the report shows, computed once: verdicts, scenario runs, budgets, sensitivity.

:func:`collect` runs the model and returns a :class:`ReportData`; the HTML report
(:mod:`terawatt.report.html`) and the figures (:mod:`terawatt.report.charts`, drawn by
:mod:`terawatt.report.plotly_figures` and :mod:`terawatt.report.figures`) only draw from
it. The claims come from the registry :data:`terawatt.claims.CLAIMS`, so a newly
registered claim gets its section without a change here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import xarray as xr

from terawatt.claims import CLAIMS, Verdict
from terawatt.claims import evaluate as evaluate_claims
from terawatt.earth.electricity import grid_outlook
from terawatt.errors import InputError
from terawatt.physics.sunlight import sunlight_stats
from terawatt.scenario import analysis, runner
from terawatt.scenario.schema import Scenario
from terawatt.scenario.waterfall import Waterfall, cost_waterfall
from terawatt.space.presets import load_presets, preset_design
from terawatt.space.satellite import SatelliteBudget, size_satellite
from terawatt.typing import FloatArray

__all__ = [
    "ClaimResult",
    "ReportData",
    "ScenarioResult",
    "SensitivityResult",
    "SunlightGrid",
    "collect",
    "evaluate_claim",
    "run_scenario",
    "sensitivity_result",
    "sunlight_grid",
]

#: Sample count of the report's scenario runs unless told otherwise: the 5-95 % bands
#: move by well under a percent above this (a quick, readable report in ``make demo``).
DEFAULT_SAMPLES = 2000
#: Base sample count of the Saltelli design behind the Sobol' bars (a power of 2).
DEFAULT_SOBOL_N = 512
#: Output the sensitivity figures explain: orbit's cost per million tokens over the
#: ground's (claim C1), in this year (or the scenario's last year if it ends earlier).
SENSITIVITY_METRIC = "cost_ratio"
SENSITIVITY_YEAR = 2030
#: Countries and years of the generation figure (claim C9: China vs the US).
GRID_COUNTRIES = ("CHN", "USA")
GRID_YEARS = (2000, 2035)
#: Year of each scenario's cost waterfall (the sensitivity year, C1's; clamped to the
#: scenario's years).
WATERFALL_YEAR = SENSITIVITY_YEAR


@dataclass(frozen=True)
class ClaimResult:
    """One registered claim: its verdict, or why it could not be evaluated."""

    claim_id: str
    verdict: Verdict | None
    error: str | None = None


@dataclass(frozen=True)
class ScenarioResult:
    """A scenario, its Monte Carlo run and the cost waterfall of one year.

    The run is :func:`terawatt.scenario.runner.run`'s; the waterfall
    (:func:`terawatt.scenario.waterfall.cost_waterfall`) is on the same samples.
    """

    scenario: Scenario
    dataset: xr.Dataset
    waterfall: Waterfall | None = None


@dataclass(frozen=True)
class SensitivityResult:
    """Tornado swings and Sobol' indices of one output of one scenario."""

    scenario: str
    metric: str
    year: int
    site: str
    tornado: pd.DataFrame
    sobol: pd.DataFrame


@dataclass(frozen=True)
class SunlightGrid:
    """Annual sunlit fraction of sun-synchronous orbits over altitude x LTAN.

    ``sunlit_fraction`` has shape ``(altitude_m.size, ltan_h.size)``.
    """

    altitude_m: FloatArray
    ltan_h: FloatArray
    sunlit_fraction: FloatArray
    year: int


@dataclass(frozen=True)
class ReportData:
    """All results one report shows; figures and pages are drawn from it only."""

    claims: tuple[ClaimResult, ...]
    scenarios: tuple[ScenarioResult, ...]
    budgets: dict[str, SatelliteBudget]
    grid: pd.DataFrame
    sunlight: SunlightGrid
    sensitivity: SensitivityResult | None
    samples: int
    claims_seed: int
    extras: dict[str, Any] = field(default_factory=dict)


def evaluate_claim(claim_id: str, seed: int) -> ClaimResult:
    """Evaluate one registered claim; a claim that fails to evaluate reports why.

    A report shows every registered claim: one whose model raises (a claim registered
    before its model is complete) gets a section saying so instead of stopping the report.
    """
    try:
        (verdict,) = evaluate_claims([claim_id], seed=seed)
    except Exception as exc:
        return ClaimResult(claim_id, None, f"{type(exc).__name__}: {exc}")
    return ClaimResult(claim_id, verdict)


def run_scenario(scenario: Scenario, samples: int) -> ScenarioResult:
    """Run ``scenario`` for ``samples`` Monte Carlo samples, and its cost waterfall."""
    year = min(max(WATERFALL_YEAR, scenario.start_year), scenario.end_year)
    return ScenarioResult(
        scenario,
        runner.run(scenario, samples=samples),
        cost_waterfall(scenario, year, samples=samples),
    )


def sensitivity_result(
    scenario: Scenario, *, n: int = DEFAULT_SOBOL_N, year: int = SENSITIVITY_YEAR
) -> SensitivityResult | None:
    """Tornado and Sobol' indices of orbit/ground cost per Mtok (None without uncertainty)."""
    at = min(max(year, scenario.start_year), scenario.end_year)
    try:
        sobol = analysis.sensitivity(
            scenario, metric=SENSITIVITY_METRIC, year=at, site="orbit", n=n, method="sobol"
        )
        tornado = analysis.sensitivity(
            scenario, metric=SENSITIVITY_METRIC, year=at, site="orbit", method="tornado"
        )
    except InputError:
        return None  # a scenario with every parameter fixed has nothing to attribute
    return SensitivityResult(scenario.name, SENSITIVITY_METRIC, at, "orbit", tornado, sobol)


def sunlight_grid(
    year: int = 2026,
    altitudes_m: Sequence[float] | None = None,
    ltans_h: Sequence[float] | None = None,
) -> SunlightGrid:
    """Sunlit fraction over 400-1,500 km and every half hour of LTAN (one call, vectorized)."""
    alt = np.asarray(
        altitudes_m if altitudes_m is not None else np.arange(400e3, 1500e3 + 1, 50e3),
        dtype=np.float64,
    )
    ltan = np.asarray(
        ltans_h if ltans_h is not None else np.arange(0.0, 24.0 + 1e-9, 0.5), dtype=np.float64
    )
    stats = sunlight_stats(alt[:, np.newaxis], ltan[np.newaxis, :], year)
    return SunlightGrid(alt, ltan, np.asarray(stats.sunlit_fraction, dtype=np.float64), year)


def satellite_budgets() -> dict[str, SatelliteBudget]:
    """The mass and power budget of every shipped satellite preset."""
    return {name: size_satellite(preset_design(name)) for name in load_presets()}


def collect(
    scenarios: Sequence[Scenario],
    *,
    samples: int = DEFAULT_SAMPLES,
    claims_seed: int = 0,
    sobol_n: int = DEFAULT_SOBOL_N,
    extras: dict[str, Any] | None = None,
) -> ReportData:
    """Run everything the report shows.

    Parameters
    ----------
    scenarios : sequence of Scenario
        At least one; the first one's sensitivity is shown.
    samples : int
        Monte Carlo samples of each scenario run (>= 1).
    claims_seed : int
        Seed of the claim verdicts.
    sobol_n : int
        Base sample count of the Sobol' design (a power of 2).
    extras : dict, optional
        Further results with figures of their own (the lunar industry, the constellation).

    Returns
    -------
    ReportData

    Raises
    ------
    InputError
        Without scenarios, or for a bad sample count.
    """
    if not scenarios:
        raise InputError("scenarios", "(none)", "at least one scenario")
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
        raise InputError("--samples", samples, "a whole number >= 1")
    runs = tuple(run_scenario(s, samples) for s in scenarios)
    return ReportData(
        claims=tuple(evaluate_claim(c, claims_seed) for c in CLAIMS),
        scenarios=runs,
        budgets=satellite_budgets(),
        grid=grid_outlook(list(GRID_COUNTRIES), *GRID_YEARS, seed=claims_seed),
        sunlight=sunlight_grid(),
        sensitivity=sensitivity_result(scenarios[0], n=sobol_n),
        samples=samples,
        claims_seed=claims_seed,
        extras=dict(extras or {}),
    )


def first_year_at_least(series: pd.Series, level: float = 0.5) -> int | None:
    """The first index (year) where ``series`` reaches ``level``; None if it never does."""
    hit = series[series >= level]
    return int(hit.index[0]) if len(hit) else None


def finite_or_none(value: float) -> float | None:
    """``value`` as a float, or None where it is NaN or infinite (JSON, tables)."""
    number = float(value)
    return number if math.isfinite(number) else None
