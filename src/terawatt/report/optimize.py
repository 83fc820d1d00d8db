"""Figures of the design search: its Pareto front, and its best design over the years.

Both are chart specs (:mod:`terawatt.report.spec`), one definition for every renderer:
the HTML report and the dashboard draw them with Plotly
(:func:`terawatt.report.plotly_figures.to_plotly`), ``terawatt optimize --plot`` with
matplotlib (:func:`terawatt.report.optimize_plot.save_pareto_figure`).

- :func:`pareto_chart`: the front in two objectives, the scenario's own design marked
  (a red point where two dotted rules cross);
- :func:`over_time_chart`: each year's median cost of the best design found, of the
  scenario's own design and of the ground, 2025-2045;
- :func:`report_result` and :func:`optimize_charts`: the report's small search on the
  parameter table's defaults and its section's charts (:mod:`terawatt.report.extras`).

The method is in docs/optimize.md.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import numpy as np

from terawatt.errors import InputError
from terawatt.optimize import ParetoResult
from terawatt.optimize.evaluate import OBJECTIVES
from terawatt.report.spec import Chart, Line, Panel, Rule

__all__ = [
    "REPORT_SEARCH",
    "optimize_charts",
    "over_time_chart",
    "pareto_chart",
    "report_result",
]

#: The report's search: small enough to run in seconds on two cores (one warm-up of the
#: engine aside) every time the report is built, deterministic by its seed.
REPORT_SEARCH: dict[str, Any] = {
    "objectives": ("cost_median", "mass_per_gw"),
    "year": 2030,
    "population": 16,
    "generations": 6,
    "samples": 32,
    "over_time": True,
}

_FRONT = "#1f77b4"
_REFERENCE = "#d62728"
_GROUND = "#2ca02c"


def pareto_chart(
    result: ParetoResult,
    x: str | None = None,
    y: str | None = None,
    *,
    figure_id: str = "optimize-front",
) -> Chart:
    """The front in two objectives, the scenario's own design marked.

    Parameters
    ----------
    result : ParetoResult
    x, y : str, optional
        Objectives on the axes (default: the first two; with one objective, the objective
        against the first variable).
    figure_id : str
        The chart's anchor (and slide file name).

    Raises
    ------
    InputError
        For an objective the search did not have, or a one-objective search whose first
        variable is a choice.
    """
    objs = result.objectives
    if len(objs) == 1:
        xname, yname = result.variables[0], objs[0]
        try:
            xs = np.asarray(result.designs[xname], dtype=np.float64)
            xref = float(result.reference_design[xname])
        except (TypeError, ValueError):
            raise InputError("variable", xname, "a numeric first variable to draw") from None
    else:
        xname, yname = x or objs[0], y or objs[1]
        for name in (xname, yname):
            if name not in objs:
                raise InputError("objective", name, f"one of {', '.join(objs)}")
        xs = np.asarray(result.values[xname], dtype=np.float64)
        xref = float(result.reference_values[xname])
    ys = np.asarray(result.values[yname], dtype=np.float64)
    yref = float(result.reference_values[yname])
    order = np.argsort(xs, kind="stable")
    n = len(result)
    panel = Panel(
        (
            Line(
                xs[order],
                ys[order],
                f"Pareto front ({n} design{'' if n == 1 else 's'})",
                _FRONT,
                unit=_unit(yname),
                markers=True,
            ),
            Line(
                np.asarray([xref]),
                np.asarray([yref]),
                "the scenario's own design",
                _REFERENCE,
                unit=_unit(yname),
                markers=True,
            ),
        ),
        x_title=_label(xname),
        y_title=_label(yname),
        rules=(Rule("x", xref, "", _REFERENCE), Rule("y", yref, "", _REFERENCE)),
    )
    return Chart(
        figure_id,
        f"Pareto front, {result.scenario}, {result.year}: {result.samples} draws per design",
        (panel,),
        _gap_caption(result),
        height=450,
    )


def over_time_chart(result: ParetoResult, *, figure_id: str = "optimize-over-time") -> Chart:
    """Median cost per million tokens each year: best design found, the reference, ground.

    Raises
    ------
    InputError
        If the search did not tabulate the years (``over_time=True``).
    """
    if not result.over_time:
        raise InputError("--over-time", False, "a search run with over_time=True")
    years = np.asarray([r["year"] for r in result.over_time])
    series = tuple(
        Line(
            years,
            np.asarray([r[key] for r in result.over_time], dtype=np.float64),
            label,
            colour,
            unit="USD/Mtok",
            markers=True,
        )
        for key, label, colour in (
            ("best_cost_median", "orbit, best design found", _FRONT),
            ("reference_cost_median", "orbit, the scenario's own design", _REFERENCE),
            ("ground_cost_median", "ground (the world's grid)", _GROUND),
        )
    )
    last = result.over_time[-1]
    caption = (
        f"Every design the {result.year} search evaluated, scored in each year on the same "
        f"draws; in {last['year']} the best is {last['orbit_over_ground']:.2f} times the "
        "ground's cost."
    )
    return Chart(
        figure_id,
        f"The best design found against the ground, {years[0]}-{years[-1]}",
        (
            Panel(
                series,
                x_title="year of the build",
                y_title="median cost per million tokens (log)",
                log_y=True,
                y_dollars=True,
            ),
        ),
        caption,
        height=430,
    )


def optimize_charts(result: Any) -> Sequence[Chart]:
    """The report section's charts (none for a search that failed: its error is shown)."""
    if not isinstance(result, ParetoResult):
        return []
    charts = [pareto_chart(result)]
    if result.over_time:
        charts.append(over_time_chart(result))
    return charts


@functools.cache
def report_result(seed: int = 0) -> ParetoResult:
    """The report's search on the parameter table's defaults (:data:`REPORT_SEARCH`).

    Cached in the process: the same seed gives the same search.
    """
    from terawatt.optimize import optimize  # noqa: PLC0415 (pymoo only when run)
    from terawatt.scenario.schema import default_scenario  # noqa: PLC0415

    scenario = default_scenario(samples=REPORT_SEARCH["samples"], seed=seed)
    return optimize(scenario, seed=seed, **REPORT_SEARCH)


def _gap_caption(result: ParetoResult) -> str:
    """How far the scenario's own design is from the front, in words."""
    gap = result.reference_gap()
    n = len(result)
    parts = [
        (
            f"{n} non-dominated design{'' if n == 1 else 's'} of {result.evaluations} "
            f"evaluated (NSGA-II, population {result.population}, {result.generations} "
            f"generations, seed {result.seed}); the scenario's own design (red) is dominated "
            f"by {gap['dominated_by']}."
        )
    ]
    for name, best in gap["best"].items():
        parts.append(f"Best {name} on the front: {best['ratio']:.2f} of the scenario's design.")
    return " ".join(parts)


def _unit(name: str) -> str:
    return OBJECTIVES[name].unit if name in OBJECTIVES else ""


def _label(name: str) -> str:
    if name in OBJECTIVES:
        o = OBJECTIVES[name]
        return f"{o.description} [{o.unit}]"
    return name
