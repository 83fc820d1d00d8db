"""Static figures for slides: matplotlib, written atomically.

Every function takes tidy model output and a path; the file appears whole or not at
all (written to a temporary file beside the target, then renamed).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import matplotlib as mpl

mpl.use("Agg")  # files only, never a screen

import matplotlib.pyplot as plt
import pandas as pd
import xarray as xr
from matplotlib.figure import Figure

from terawatt.errors import InputError

__all__ = ["grid_figure", "save_figure", "scenario_figure"]

_FORMATS = (".png", ".svg", ".pdf")


def save_figure(fig: Figure, path: str | os.PathLike[str], *, dpi: int = 150) -> Path:
    """Save ``fig`` to ``path`` atomically; the format follows the suffix.

    Raises
    ------
    InputError
        For an unsupported suffix or a folder that does not exist.
    """
    target = Path(path)
    if target.suffix.lower() not in _FORMATS:
        raise InputError("--plot", str(path), f"a file name ending in {', '.join(_FORMATS)}")
    if not target.parent.is_dir():
        raise InputError("--plot", str(path), "a path in an existing folder")
    fd, tmp = tempfile.mkstemp(suffix=target.suffix, dir=target.parent, prefix=".tmp-")
    os.close(fd)
    try:
        fig.savefig(tmp, dpi=dpi, bbox_inches="tight")
        os.replace(tmp, target)
    finally:
        plt.close(fig)
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
    return save_figure(fig, path)


def scenario_figure(ds: xr.Dataset, path: str | os.PathLike[str]) -> Path:
    """Cost per million tokens and AI power added per year, Earth vs orbit, with 5-95 % bands.

    Parameters
    ----------
    ds : xarray.Dataset
        Output of :func:`terawatt.scenario.runner.run`.
    path : str or path-like
        ``.png``, ``.svg`` or ``.pdf``.
    """
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
    return save_figure(fig, path)
