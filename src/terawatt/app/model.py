"""What the dashboard computes, without Streamlit: scenarios, sliders, bounded runs.

The Streamlit script (:mod:`terawatt.app.streamlit_app`) only lays out widgets and
calls these functions, so every number it shows is computed (and tested) here.
Scenarios come from a folder on the server chosen when the dashboard starts; the
browser picks one by name and never sends a path.
"""

from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from terawatt.claims.verdict import verdict_word
from terawatt.errors import InputError
from terawatt.parameters.choice import Choice
from terawatt.parameters.distributions import Fixed
from terawatt.report.charts import site_bands
from terawatt.report.labels import parameter, parameter_label, pretty_unit
from terawatt.report.results import first_year_at_least
from terawatt.scenario import analysis, runner
from terawatt.scenario.schema import Scenario, default_scenario, load_scenario
from terawatt.space.presets import design_from_values
from terawatt.space.satellite import SATELLITE_TABLE, SatelliteBudget, size_satellite

__all__ = [
    "DEFAULTS_NAME",
    "DEFAULT_SAMPLES",
    "MAX_SAMPLES",
    "SATELLITE_SLIDERS",
    "SCENARIO_SLIDERS",
    "SEARCH_OBJECTIVES",
    "SEARCH_VARIABLES",
    "DashboardResult",
    "DesignSearch",
    "SliderSpec",
    "compute",
    "load_choice",
    "scenario_choices",
    "scenario_dir",
    "scenario_value",
    "search_designs",
    "size_design",
]

#: Samples per run unless the user asks for more; keeps a re-render well under a second.
DEFAULT_SAMPLES = 500
MIN_SAMPLES = 100
#: The most samples one dashboard run may ask for (memory and time stay bounded).
MAX_SAMPLES = 20_000
#: The scenario offered when no scenario folder exists: the parameter table's defaults.
DEFAULTS_NAME = "defaults (parameter table)"


@dataclass(frozen=True)
class SliderSpec:
    """A slider over one parameter, in the parameter's display unit.

    ``low``, ``high`` and ``step`` are the slider's range (a user interface choice: wide
    enough to cover the published range of the parameter, see its source); the start
    value is the scenario's median.
    """

    name: str
    low: float
    high: float
    step: float

    @property
    def label(self) -> str:
        """Description and display unit from the parameter table."""
        return parameter_label(self.name, short=False)


#: The deciding assumptions of the cost and build-out verdicts (claims C1, C2, C4), as
#: sliders. Ranges cover the spread in each parameter's source and beyond.
SCENARIO_SLIDERS = (
    SliderSpec("launch.initial_cost", 50.0, 5000.0, 50.0),
    SliderSpec("launch.learning_rate", 0.0, 40.0, 1.0),
    SliderSpec("orbit.specific_mass_decline", 0.0, 20.0, 0.5),
    SliderSpec("orbit.array_mass_factor", 0.2, 3.0, 0.05),
    SliderSpec("orbit.radiator_mass_factor", 0.2, 3.0, 0.05),
    SliderSpec("orbit.platform_cost", 0.5, 40.0, 0.5),
    SliderSpec("orbit.platform_mass_cost", 0.0, 1500.0, 10.0),
    SliderSpec("orbit.design_life", 1.0, 15.0, 0.5),
    SliderSpec("compute.accelerator_price", 5000.0, 80000.0, 1000.0),
    SliderSpec("datacenter.life.chips", 1.0, 10.0, 0.5),
    SliderSpec("datacenter.energy.price", 0.01, 0.30, 0.005),
    SliderSpec("ground.world_generation_growth", 0.0, 8.0, 0.1),
    SliderSpec("ground.additions_growth", -10.0, 50.0, 1.0),
    SliderSpec("orbit.mass_growth", 0.0, 300.0, 5.0),
)


@dataclass(frozen=True)
class SatelliteSlider:
    """A slider over a satellite design parameter (display unit of the design table)."""

    key: str
    low: float
    high: float
    step: float

    @property
    def label(self) -> str:
        """Description and display unit from the satellite parameter table."""
        p = SATELLITE_TABLE.entries.get(self.key)
        if p is None:
            return self.key
        unit = pretty_unit(p.display_unit)
        return p.description + (f" [{unit}]" if unit else "")


#: Array and radiator specific masses and the radiator temperature: what sets W/kg.
SATELLITE_SLIDERS = (
    SatelliteSlider("array.specific_power", 20.0, 500.0, 5.0),
    SatelliteSlider("radiator.areal_mass", 0.5, 15.0, 0.1),
    SatelliteSlider("radiator.temperature", 280.0, 400.0, 1.0),
    SatelliteSlider("compute.specific_mass", 1.0, 20.0, 0.1),
    SatelliteSlider("shielding.specific_mass", 0.0, 5.0, 0.1),
)


def scenario_dir() -> Path | None:
    """The folder of scenario files the dashboard offers.

    ``TERAWATT_SCENARIO_DIR`` if set (``terawatt serve --scenarios``), else ``scenarios/``
    in the working folder, else the one beside the source tree; None if none exists.
    """
    candidates = []
    if os.environ.get("TERAWATT_SCENARIO_DIR"):
        candidates.append(Path(os.environ["TERAWATT_SCENARIO_DIR"]))
    candidates += [Path.cwd() / "scenarios", Path(__file__).resolve().parents[3] / "scenarios"]
    for folder in candidates:
        if folder.is_dir():
            return folder
    return None


def scenario_choices(folder: Path | None) -> dict[str, Path | None]:
    """Scenario name (file stem) -> file, ``baseline`` first; the defaults when none."""
    if folder is None:
        return {DEFAULTS_NAME: None}
    files = sorted(folder.glob("*.yaml"), key=lambda p: (p.stem != "baseline", p.stem))
    choices: dict[str, Path | None] = {p.stem: p for p in files}
    return choices or {DEFAULTS_NAME: None}


def load_choice(
    name: str, choices: dict[str, Path | None], overrides: dict[str, Any] | None = None
) -> Scenario:
    """The scenario called ``name`` among ``choices``, with ``overrides`` applied.

    Raises
    ------
    InputError
        For a name that is not offered (the browser cannot name a file).
    """
    if name not in choices:
        raise InputError("scenario", name, f"one of {', '.join(choices)}")
    path = choices[name]
    if path is None:
        return default_scenario(overrides=overrides)
    return load_scenario(path, overrides=overrides)


def scenario_value(scenario: Scenario, name: str) -> float | str:
    """A parameter's median (its value if fixed) in the display unit, or its text.

    A structural choice reads as its options with their probabilities
    (``"choice(today: 0.75, aggressive-100wpkg: 0.25)"``).
    """
    value = scenario.parameters[name]
    param = parameter(name)
    if isinstance(value, str):
        return value
    if isinstance(value, Choice):
        return param.display(value) if param is not None else value.central()
    if isinstance(value, int):
        return float(value)
    si = value.value if isinstance(value, Fixed) else float(value.median())
    if param is None:
        return si
    return float(param.to_display(si))


@dataclass(frozen=True)
class DashboardResult:
    """Small summaries of one run (cached; the samples themselves are not kept)."""

    scenario: str
    samples: int
    years: tuple[int, ...]
    cost_bands: dict[str, pd.DataFrame]
    added_bands: dict[str, pd.DataFrame]
    p_cheaper: pd.Series
    p_faster: pd.Series
    elapsed_s: float

    def median_cost(self, site: str, year: int) -> float:
        """Median cost per million tokens [USD] of capacity built in ``year`` at ``site``."""
        return float(self.cost_bands[site]["p50"].loc[year])

    def first_cheaper_year(self) -> int | None:
        """First year orbit is cheaper in at least half the samples (None: never)."""
        return first_year_at_least(self.p_cheaper)

    def word(self, year: int, *, faster: bool = False) -> str:
        """*holds*, *fails* or *depends* for "orbit is cheaper (adds more) by ``year``"."""
        series = self.p_faster if faster else self.p_cheaper
        return verdict_word(float(series.loc[year]))


def _checked_samples(samples: int) -> int:
    if isinstance(samples, bool) or not isinstance(samples, int | np.integer):
        raise InputError("samples", samples, f"a whole number in [{MIN_SAMPLES}, {MAX_SAMPLES}]")
    if not MIN_SAMPLES <= int(samples) <= MAX_SAMPLES:
        raise InputError("samples", samples, f"a whole number in [{MIN_SAMPLES}, {MAX_SAMPLES}]")
    return int(samples)


def compute(
    name: str,
    choices: dict[str, Path | None],
    overrides: tuple[tuple[str, float | str], ...],
    samples: int,
) -> DashboardResult:
    """Run the chosen scenario with slider overrides (display units) for ``samples``.

    Parameters
    ----------
    name : str
        Scenario name among ``choices``.
    choices : dict
        From :func:`scenario_choices`.
    overrides : tuple of (str, float or str)
        Parameter name -> value in its display unit (text for text parameters); each
        replaces the scenario's distribution by that fixed value.
    samples : int
        Monte Carlo samples, in [MIN_SAMPLES, MAX_SAMPLES].

    Returns
    -------
    DashboardResult

    Raises
    ------
    InputError
        For an unknown scenario, a value out of its parameter's bounds, or a sample count
        out of range.
    """
    start = time.perf_counter()
    n = _checked_samples(samples)
    scenario = load_choice(name, choices, dict(overrides))
    ds = runner.run(scenario, samples=n)
    return DashboardResult(
        scenario=name,
        samples=n,
        years=tuple(int(y) for y in ds["year"].to_numpy()),
        cost_bands=site_bands(ds, "cost_per_mtok_usd", 1.0),
        added_bands=site_bands(ds, "compute_added_w", 1e-9),
        p_cheaper=analysis.orbit_cheaper_probability(ds),
        p_faster=analysis.orbit_faster_probability(ds),
        elapsed_s=time.perf_counter() - start,
    )


def moved(value: float, start: float, step: float) -> bool:
    """Whether a slider sits away from its start value (by more than half a step)."""
    return not math.isclose(value, start, abs_tol=step / 2)


def size_design(preset: str, values: tuple[tuple[str, float], ...]) -> SatelliteBudget:
    """Size a satellite preset with design overrides (display units).

    Raises
    ------
    InputError
        For an unknown preset or a value out of bounds.
    """
    return size_satellite(design_from_values(dict(values), preset=preset, where="dashboard"))


def preset_value(preset: str, key: str) -> float:
    """A preset's value of a satellite parameter, in the display unit."""
    design = design_from_values(preset=preset)
    if key not in SATELLITE_TABLE.entries:
        raise InputError("key", key, "a satellite design parameter")
    value = float(np.asarray(getattr(design, SATELLITE_TABLE.attrs[key])))
    return float(SATELLITE_TABLE.entries[key].to_display(value))


#: Objectives the dashboard's design search offers (:data:`terawatt.optimize.evaluate.OBJECTIVES`).
SEARCH_OBJECTIVES = (
    "cost_median",
    "cost_p90",
    "mass_per_gw",
    "w_per_kg",
    "vs_ground_median",
    "dose",
    "failure_rate",
    "co2e_median",
)
#: Variables it offers (:data:`terawatt.optimize.variables.VARIABLES`).
SEARCH_VARIABLES = (
    "radiator.temperature",
    "orbit.altitude",
    "orbit.design_life",
    "orbit.ltan",
    "shielding.specific_mass",
    "power.eclipse",
    "array.technology",
    "accelerator",
)
#: Bounds of a dashboard search: population x generations x samples engine runs stay
#: a few seconds on a laptop (``terawatt optimize`` runs the large ones).
SEARCH_POPULATION = (4, 32)
SEARCH_GENERATIONS = (1, 10)
SEARCH_SAMPLES = 16
SEARCH_YEAR = 2030


@dataclass(frozen=True)
class DesignSearch:
    """A dashboard search: its front, the chart of it and a table of the front.

    ``table`` has one row per Pareto design and a last row for the scenario's own design
    (``design`` column ``"reference"``), variables then objectives, each column titled
    with its unit.
    """

    result: Any  # terawatt.optimize.ParetoResult
    chart: Any  # terawatt.report.spec.Chart
    table: pd.DataFrame
    elapsed_s: float


def _bounded(value: int, bounds: tuple[int, int], field: str) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not (bounds[0] <= value <= bounds[1])
    ):
        raise InputError(field, value, f"a whole number from {bounds[0]} to {bounds[1]}")
    return value


def search_designs(
    name: str,
    choices: dict[str, Path | None],
    objectives: tuple[str, ...],
    variables: tuple[str, ...],
    population: int,
    generations: int,
    seed: int = 0,
) -> DesignSearch:
    """Search the designs of the scenario ``name`` (a small NSGA-II, bounded sizes).

    :data:`SEARCH_SAMPLES` draws per design, objectives in :data:`SEARCH_YEAR`.

    Raises
    ------
    InputError
        For an unknown scenario, objective or variable, none of either, or a population or
        number of generations outside :data:`SEARCH_POPULATION`, :data:`SEARCH_GENERATIONS`.
    """
    from terawatt.optimize import optimize  # noqa: PLC0415 (pymoo when a search runs)
    from terawatt.optimize import variables as var_mod  # noqa: PLC0415
    from terawatt.optimize.evaluate import OBJECTIVES  # noqa: PLC0415
    from terawatt.report.optimize import pareto_chart  # noqa: PLC0415

    for field, names, offered in (
        ("objective", objectives, SEARCH_OBJECTIVES),
        ("variable", variables, SEARCH_VARIABLES),
    ):
        if not names:
            raise InputError(field, names, f"one or more of {', '.join(offered)}")
        for n in names:
            if n not in offered:
                raise InputError(field, n, f"one of {', '.join(offered)}")
    _bounded(population, SEARCH_POPULATION, "population")
    _bounded(generations, SEARCH_GENERATIONS, "generations")
    scenario = load_choice(name, choices)
    start = time.perf_counter()
    result = optimize(
        scenario,
        variables=variables,
        objectives=objectives,
        year=SEARCH_YEAR,
        population=population,
        generations=generations,
        samples=SEARCH_SAMPLES,
        seed=seed,
    )
    elapsed = time.perf_counter() - start
    payload = result.to_json()
    rows = [
        {"design": str(i + 1), **p["design"], **p["objectives"]}
        for i, p in enumerate(payload["pareto"])
    ]
    rows.append(
        {
            "design": "reference",
            **payload["reference"]["design"],
            **payload["reference"]["objectives"],
        }
    )
    units = {v: var_mod.get(v).unit for v in result.variables}
    units |= {o: OBJECTIVES[o].unit for o in result.objectives}
    titles = {k: f"{k} [{u}]" if u and u != "1" else k for k, u in units.items()}
    table = pd.DataFrame(rows).rename(columns=titles)
    return DesignSearch(result, pareto_chart(result), table, elapsed)
