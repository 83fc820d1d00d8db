"""Static figures for slides: matplotlib, written atomically.

Every function takes tidy model output and a path; the file appears whole or not at
all (written to a temporary file beside the target, then renamed).
:func:`export_figures` writes every figure of the report as PNG and SVG.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib as mpl

mpl.use("Agg")  # files only, never a screen

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import xarray as xr
from matplotlib.figure import Figure

from terawatt.errors import InputError

if TYPE_CHECKING:
    from terawatt.report.results import ReportData, SensitivityResult, SunlightGrid
    from terawatt.space.satellite import SatelliteBudget

__all__ = [
    "budget_figure",
    "export_figures",
    "grid_figure",
    "save_figure",
    "scenario_figure",
    "sensitivity_figure",
    "sunlight_figure",
]

_FORMATS = (".png", ".svg", ".pdf")


def save_figure(fig: Figure, path: str | os.PathLike[str], *, dpi: int = 150) -> Path:
    """Save ``fig`` to ``path`` atomically; the format follows the suffix.

    Raises
    ------
    InputError
        For an unsupported suffix or a folder that does not exist.
    """
    try:
        return _write(fig, path, dpi=dpi)
    finally:
        plt.close(fig)


def _write(fig: Figure, path: str | os.PathLike[str], *, dpi: int = 150) -> Path:
    """Write ``fig`` atomically without closing it (one figure, several formats)."""
    target = Path(path)
    if target.suffix.lower() not in _FORMATS:
        raise InputError("--plot", str(path), f"a file name ending in {', '.join(_FORMATS)}")
    if not target.parent.is_dir():
        raise InputError("--plot", str(path), "a path in an existing folder")
    fd, tmp = tempfile.mkstemp(suffix=target.suffix, dir=target.parent, prefix=".tmp-")
    os.close(fd)
    try:
        # a fixed date keeps SVG and PDF files identical from run to run
        metadata = {"Date": None} if target.suffix.lower() in (".svg", ".pdf") else None
        fig.savefig(tmp, dpi=dpi, bbox_inches="tight", metadata=metadata)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # mkstemp makes the file private; figures are shared
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def grid_figure(table: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Generation history and projection (median, 5-95 % band) per country.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`terawatt.earth.electricity.grid_outlook`.
    path : str or path-like
        ``.png``, ``.svg`` or ``.pdf``.
    """
    return save_figure(_grid(table), path)


def _grid(table: pd.DataFrame) -> Figure:
    fig, ax = plt.subplots(figsize=(8, 4.5))
    for i, (country, rows) in enumerate(table.groupby("country", sort=False)):
        colour = f"C{i}"
        hist = rows[rows["kind"] == "history"]
        proj = rows[rows["kind"] == "projection"]
        ax.plot(hist["year"], hist["generation_twh"], color=colour, label=f"{country}")
        if len(proj):
            joined = pd.concat([hist.tail(1), proj])
            ax.plot(joined["year"], joined["generation_twh"], color=colour, ls="--")
            ax.fill_between(
                proj["year"],
                proj["generation_twh_p5"],
                proj["generation_twh_p95"],
                color=colour,
                alpha=0.2,
                label=f"{country} projection, 5-95 %",
            )
    ax.set_xlabel("year")
    ax.set_ylabel("electricity generation [TWh/yr]")
    ax.set_title("Electricity generation: history (Ember/OWID) and trend projection")
    ax.grid(alpha=0.3)
    ax.legend(frameon=False)
    return fig


def scenario_figure(ds: xr.Dataset, path: str | os.PathLike[str]) -> Path:
    """Cost per million tokens and AI power added per year, Earth vs orbit, with 5-95 % bands.

    Parameters
    ----------
    ds : xarray.Dataset
        Output of :func:`terawatt.scenario.runner.run`.
    path : str or path-like
        ``.png``, ``.svg`` or ``.pdf``.
    """
    return save_figure(_scenario(ds), path)


def _scenario(ds: xr.Dataset) -> Figure:
    fig, (cost_ax, added_ax) = plt.subplots(1, 2, figsize=(11, 4.2))
    years = ds["year"].to_numpy()
    panels = (
        (cost_ax, "cost_per_mtok_usd", 1.0, "levelized cost [USD per million tokens]"),
        (added_ax, "compute_added_w", 1e-9, "AI compute power added [GW/yr]"),
    )
    for ax, variable, scale, label in panels:
        q = ds[variable].quantile([0.05, 0.5, 0.95], dim="sample") * scale
        for i, site in enumerate(ds["site"].to_numpy()):
            band = q.sel(site=site)
            ax.fill_between(
                years, band.sel(quantile=0.05), band.sel(quantile=0.95), color=f"C{i}", alpha=0.2
            )
            ax.plot(years, band.sel(quantile=0.5), color=f"C{i}", label=f"{site} (median, 5-95 %)")
        ax.set_yscale("log")
        ax.set_xlabel("year")
        ax.set_ylabel(label)
        ax.grid(alpha=0.3, which="both")
    cost_ax.legend(frameon=False)
    fig.suptitle(
        f"Scenario {ds.attrs.get('scenario', '')}: {ds.sizes['sample']:,} Monte Carlo samples"
    )
    return fig


def budget_figure(budgets: Mapping[str, SatelliteBudget], path: str | os.PathLike[str]) -> Path:
    """Mass budget (stacked by subsystem) and power budget of satellite designs.

    Parameters
    ----------
    budgets : mapping of str to SatelliteBudget
        Design name -> :func:`terawatt.space.satellite.size_satellite` of one design.
    path : str or path-like
        ``.png``, ``.svg`` or ``.pdf``.
    """
    return save_figure(_budget(budgets), path)


def _budget(budgets: Mapping[str, SatelliteBudget]) -> Figure:
    fig, (mass_ax, power_ax) = plt.subplots(1, 2, figsize=(11, 4.5))
    names = list(budgets)
    x = np.arange(len(names))
    bottom = np.zeros(len(names))
    parts = list(next(iter(budgets.values())).mass_breakdown_kg) if budgets else []
    for i, part in enumerate(parts):
        tonnes = np.array([float(budgets[n].mass_breakdown_kg[part]) / 1e3 for n in names])
        colour = plt.get_cmap("tab10")(i % 10)
        mass_ax.bar(x, tonnes, bottom=bottom, label=part.replace("_", " "), color=colour)
        bottom += tonnes
    mass_ax.set_xticks(x, names)
    mass_ax.set_ylabel("mass [t]")
    mass_ax.set_title("mass budget")
    mass_ax.legend(frameon=False, fontsize=8)
    rows = (
        ("compute_power_w", "compute\n(IT)"),
        ("electrical_load_w", "electrical\nload"),
        ("end_of_life_power_w", "array,\nend of life"),
        ("power_w", "array, begin-\nning of life"),
        ("heat_rejected_w", "heat\nrejected"),
    )
    width = 0.8 / max(len(names), 1)
    positions = np.arange(len(rows))
    for j, name in enumerate(names):
        b = budgets[name]
        values = [float(getattr(b, attr)) / 1e3 for attr, _ in rows]
        power_ax.bar(
            positions + (j - (len(names) - 1) / 2) * width,
            values,
            width,
            label=f"{name} ({float(b.specific_power_w_per_kg):.0f} W/kg)",
        )
    power_ax.set_xticks(positions, [label for _, label in rows], fontsize=8)
    power_ax.set_ylabel("power [kW]")
    power_ax.set_title("power budget")
    power_ax.legend(frameon=False, fontsize=8)
    fig.suptitle("AI satellite: where the mass goes and where the power goes")
    fig.tight_layout()
    return fig


def sensitivity_figure(result: SensitivityResult, path: str | os.PathLike[str]) -> Path:
    """Tornado swings and Sobol' indices side by side (labels with units from the table).

    Parameters
    ----------
    result : SensitivityResult
        From :func:`terawatt.report.results.sensitivity_result`.
    path : str or path-like
        ``.png``, ``.svg`` or ``.pdf``.
    """
    return save_figure(_sensitivity(result), path)


def _sensitivity(result: SensitivityResult, top: int = 10) -> Figure:
    from terawatt.report.labels import parameter_label  # noqa: PLC0415 - avoids a cycle

    fig, (tornado_ax, sobol_ax) = plt.subplots(1, 2, figsize=(13, 0.5 * top + 1.5))
    table = result.tornado.head(top).iloc[::-1]
    base = float(result.tornado.attrs.get("base_output", np.nan))
    labels = [parameter_label(p) for p in table["parameter"]]
    y = np.arange(len(table))
    tornado_ax.barh(y, table["output_low"] - base, left=base, label="10th percentile")
    tornado_ax.barh(y, table["output_high"] - base, left=base, label="90th percentile")
    tornado_ax.axvline(base, color="k", lw=0.8)
    tornado_ax.set_yticks(y, labels, fontsize=8)
    metric = "orbit / ground cost per Mtok" if result.metric == "cost_ratio" else result.metric
    tornado_ax.set_xlabel(f"{metric} ({result.year}) [-]")
    tornado_ax.set_title("tornado: each input at its 10th / 90th percentile")
    tornado_ax.legend(frameon=False, fontsize=8)
    sobol = result.sobol.head(top).iloc[::-1]
    ys = np.arange(len(sobol))
    sobol_ax.barh(ys - 0.2, sobol["S1"], 0.4, xerr=sobol["S1_conf"], label="first order S1")
    sobol_ax.barh(ys + 0.2, sobol["ST"], 0.4, xerr=sobol["ST_conf"], label="total ST")
    sobol_ax.set_yticks(ys, [parameter_label(p) for p in sobol["parameter"]], fontsize=8)
    sobol_ax.set_xlabel("share of output variance [-]")
    sobol_ax.set_title("Sobol' indices")
    sobol_ax.legend(frameon=False, fontsize=8)
    fig.suptitle(f"What drives {metric} in {result.year}, scenario {result.scenario}")
    fig.tight_layout()
    return fig


def sunlight_figure(grid: SunlightGrid, path: str | os.PathLike[str]) -> Path:
    """Annual sunlit fraction of sun-synchronous orbits by altitude and LTAN.

    Parameters
    ----------
    grid : SunlightGrid
        From :func:`terawatt.report.results.sunlight_grid`.
    path : str or path-like
        ``.png``, ``.svg`` or ``.pdf``.
    """
    return save_figure(_sunlight(grid), path)


def _sunlight(grid: SunlightGrid) -> Figure:
    fig, ax = plt.subplots(figsize=(8, 4.5))
    levels = np.linspace(0.6, 1.0, 17)
    filled = ax.contourf(
        grid.ltan_h, grid.altitude_m / 1e3, grid.sunlit_fraction, levels=levels, extend="min"
    )
    lines = ax.contour(
        grid.ltan_h, grid.altitude_m / 1e3, grid.sunlit_fraction, levels=levels[::2], colors="k"
    )
    ax.clabel(lines, fontsize=7, fmt="%.2f")
    fig.colorbar(filled, ax=ax, label="sunlit fraction of the year [-]")
    ax.set_xticks(range(0, 25, 3))
    ax.set_xlabel("local time of the ascending node [h]")
    ax.set_ylabel("altitude [km]")
    ax.set_title(f"Sunlit fraction, sun-synchronous orbits, {grid.year}")
    return fig


def export_figures(
    data: ReportData, folder: str | os.PathLike[str], formats: tuple[str, ...] = (".png", ".svg")
) -> list[Path]:
    """Write every figure of the report to ``folder`` in each format (for slides).

    Parameters
    ----------
    data : ReportData
        From :func:`terawatt.report.results.collect`.
    folder : path
        Created if missing.
    formats : tuple of str
        Suffixes among ``.png``, ``.svg``, ``.pdf``.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    InputError
        For a folder that cannot be created or an unsupported format.
    """
    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            "--figures", str(folder), f"a folder that can be made ({exc.strerror})"
        ) from None
    builders: list[tuple[str, Callable[[], Figure]]] = [
        (f"scenario-{i}-{_safe(run.scenario.name)}", partial(_scenario, run.dataset))
        for i, run in enumerate(data.scenarios)
    ]
    builders.append(("satellite-budget", partial(_budget, data.budgets)))
    if data.sensitivity is not None:
        builders.append(("sensitivity", partial(_sensitivity, data.sensitivity)))
    builders.append(("grid-china-us", partial(_grid, data.grid)))
    builders.append(("sunlight", partial(_sunlight, data.sunlight)))
    from terawatt.report.extras import STATIC  # noqa: PLC0415 - optional models

    for key, value in data.extras.items():
        builders.extend((stem, partial(draw, value)) for stem, draw in STATIC.get(key, []))
    written: list[Path] = []
    for stem, build in builders:
        fig = build()
        try:
            written.extend(_write(fig, target / f"{stem}{suffix}") for suffix in formats)
        finally:
            plt.close(fig)
    return written


def _safe(name: str) -> str:
    """A file-name-safe version of a scenario name."""
    text = "".join(c if c.isalnum() or c in "-_" else "-" for c in name).strip("-")
    return text[:60] or "scenario"
