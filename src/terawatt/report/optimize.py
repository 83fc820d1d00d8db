"""Figures of the design search: its Pareto front, and its best design over the years.

The front marks the scenario's own design; the years compare the best design found with
the ground.

Both take a :class:`terawatt.optimize.ParetoResult` and write a file (``.png``, ``.svg`` or
``.pdf``, atomically, through :func:`terawatt.report.figures.save_figure`).
"""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from terawatt.errors import InputError
from terawatt.optimize import ParetoResult
from terawatt.optimize.evaluate import OBJECTIVES
from terawatt.report.figures import save_figure

__all__ = ["over_time_figure", "pareto_figure", "save_pareto_figure"]


def pareto_figure(result: ParetoResult, x: str | None = None, y: str | None = None) -> Figure:
    """The front in two objectives, the scenario's own design as a star.

    Parameters
    ----------
    result : ParetoResult
    x, y : str, optional
        Objectives on the axes (default: the first two; with one objective, the objective
        against the first variable).

    Raises
    ------
    InputError
        For an objective the search did not have.
    """
    objs = result.objectives
    if len(objs) == 1:
        xname, yname = result.variables[0], objs[0]
        xs = np.asarray(result.designs[xname], dtype=np.float64)
        xref = float(result.reference_design[xname])
    else:
        xname, yname = x or objs[0], y or objs[1]
        for name in (xname, yname):
            if name not in objs:
                raise InputError("objective", name, f"one of {', '.join(objs)}")
        xs = np.asarray(result.values[xname])
        xref = result.reference_values[xname]
    ys = np.asarray(result.values[yname])
    order = np.argsort(xs)
    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    ax.plot(xs[order], ys[order], "o-", color="C0", label=f"Pareto front ({len(result)} designs)")
    ax.plot(
        [xref],
        [result.reference_values[yname]],
        "*",
        color="C3",
        markersize=14,
        label="the scenario's own design",
    )
    ax.set_xlabel(_label(xname))
    ax.set_ylabel(_label(yname))
    ax.set_title(f"{result.scenario}, {result.year}: {result.samples} samples per design")
    ax.grid(alpha=0.3)
    ax.legend()
    return fig


def over_time_figure(result: ParetoResult) -> Figure:
    """Median cost per million tokens each year: best design found, the reference, ground.

    Raises
    ------
    InputError
        If the search did not tabulate the years (``over_time=True``).
    """
    if not result.over_time:
        raise InputError("--over-time", False, "a search run with over_time=True")
    years = [r["year"] for r in result.over_time]
    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    for key, label, style in (
        ("best_cost_median", "orbit, best design found", "o-"),
        ("reference_cost_median", "orbit, the scenario's own design", "s--"),
        ("ground_cost_median", "ground (the world's grid)", "^-"),
    ):
        ax.semilogy(years, [r[key] for r in result.over_time], style, label=label)
    ax.set_xlabel("year of the build")
    ax.set_ylabel("median cost [USD per million tokens]")
    ax.set_title(result.scenario)
    ax.grid(alpha=0.3, which="both")
    ax.legend()
    return fig


def save_pareto_figure(result: ParetoResult, path: str | os.PathLike[str]) -> Path:
    """Write :func:`pareto_figure` (and, beside it, ``*-over-time``, if tabulated)."""
    target = Path(path)
    written = save_figure(pareto_figure(result), target)
    if result.over_time:
        save_figure(
            over_time_figure(result), target.with_name(f"{target.stem}-over-time{target.suffix}")
        )
    return written


def _label(name: str) -> str:
    if name in OBJECTIVES:
        o = OBJECTIVES[name]
        return f"{o.description} [{o.unit}]"
    return name
