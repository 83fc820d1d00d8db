"""Static figures for slides: the report's charts drawn with matplotlib, written atomically.

:func:`to_matplotlib` draws a :class:`~terawatt.report.spec.Chart` (defined once in
:mod:`terawatt.report.charts`, the same definition the HTML report draws with Plotly);
it adds no content of its own. Every file appears whole or not at all
(:func:`terawatt.files.atomic_write`). :func:`export_figures` writes every figure of the
report as PNG and SVG, named by its anchor id in the report.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib as mpl

mpl.use("Agg")  # files only, never a screen

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import xarray as xr
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullFormatter

from terawatt.errors import InputError
from terawatt.files import atomic_write
from terawatt.report.charts import grid_chart, report_charts, scenario_chart
from terawatt.report.labels import format_usd
from terawatt.report.spec import Band, Bars, Chart, Contour, Histogram, Line, Panel

if TYPE_CHECKING:
    from terawatt.report.results import ReportData

__all__ = [
    "export_figures",
    "grid_figure",
    "save_chart",
    "save_figure",
    "scenario_figure",
    "to_matplotlib",
]

_FORMATS = (".png", ".svg", ".pdf")
#: CSS pixels of the HTML report per inch of a slide figure.
_PIXELS_PER_INCH = 100
#: Width of one panel [in].
_PANEL_WIDTH_IN = 7.0


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
    # a fixed date and fixed SVG element ids keep the files identical from run to run
    metadata = {"Date": None} if target.suffix.lower() in (".svg", ".pdf") else None
    with plt.rc_context({"svg.hashsalt": "terawatt"}):
        return atomic_write(
            target, lambda tmp: fig.savefig(tmp, dpi=dpi, bbox_inches="tight", metadata=metadata)
        )


# ----------------------------------------------------------------------------- drawing


def _band(ax: Axes, band: Band) -> None:
    ax.fill_between(band.x, band.low, band.high, color=band.colour, alpha=0.2, lw=0)
    ax.plot(
        band.x,
        band.mid,
        color=band.colour,
        lw=2,
        ls="--" if band.dash else "-",
        label=f"{band.name}: median, 5-95 %",
    )


def _line(ax: Axes, line: Line) -> None:
    ax.plot(
        line.x,
        line.y,
        color=line.colour,
        lw=line.width * 0.75,
        marker="o" if line.markers else None,
        ms=3,
        label=line.name,
    )


def _bars(ax: Axes, panel: Panel) -> None:
    """Every :class:`Bars` of the panel: grouped, stacked or overlaid per category."""
    bars = [s for s in panel.series if isinstance(s, Bars)]
    if not bars:
        return
    positions = np.arange(len(bars[0].categories), dtype=np.float64)
    width = 0.8 / len(bars) if panel.bars == "group" else 0.8
    stacked = np.zeros_like(positions)
    for j, b in enumerate(bars):
        at = positions + (j - (len(bars) - 1) / 2) * width if panel.bars == "group" else positions
        start: Any = stacked.copy() if panel.bars == "stack" else b.base
        length = b.values - b.base if panel.bars == "overlay" else b.values
        draw = ax.barh if panel.horizontal else ax.bar
        error: dict[str, Any] = {}
        if b.error is not None:
            error["xerr" if panel.horizontal else "yerr"] = b.error
        draw(at, length, width, start, color=b.colour, label=b.name, **error)
        if panel.bars == "stack":
            stacked = stacked + b.values
    set_ticks = ax.set_yticks if panel.horizontal else ax.set_xticks
    set_ticks(positions, bars[0].categories, fontsize=8)


def _histogram(ax: Axes, hist: Histogram) -> None:
    ax.hist(hist.values, bins=hist.edges.tolist(), color=hist.colour, label=hist.name)


def _contour(ax: Axes, contour: Contour) -> None:
    levels = np.arange(contour.start, contour.end + contour.step / 2, contour.step)
    filled = ax.contourf(contour.x, contour.y, contour.z, levels=levels, extend="min")
    lines = ax.contour(contour.x, contour.y, contour.z, levels=levels, colors="k", linewidths=0.6)
    decimals = max(0, -math.floor(math.log10(contour.step)))
    ax.clabel(lines, fontsize=7, fmt=f"%.{decimals}f")
    ax.figure.colorbar(filled, ax=ax, label=contour.label.replace("\n", " "))


def _panel(ax: Axes, panel: Panel) -> None:
    for series in panel.series:
        if isinstance(series, Band):
            _band(ax, series)
        elif isinstance(series, Line):
            _line(ax, series)
        elif isinstance(series, Histogram):
            _histogram(ax, series)
        elif isinstance(series, Contour):
            _contour(ax, series)
    _bars(ax, panel)
    for rule in panel.rules:
        across = ax.axvline if rule.axis == "x" else ax.axhline
        across(
            rule.at,
            color=rule.colour,
            ls=":" if rule.dotted else "-",
            lw=0.9,
            label=rule.label or None,
        )
    if panel.log_y:
        ax.set_yscale("log")
    if panel.y_range is not None:
        ax.set_ylim(*panel.y_range)
    if panel.x_ticks is not None:
        ax.set_xticks(panel.x_ticks)
    for dollars, axis in ((panel.x_dollars, ax.xaxis), (panel.y_dollars, ax.yaxis)):
        if dollars:
            axis.set_major_formatter(FuncFormatter(lambda value, _: format_usd(value)))
            axis.set_minor_formatter(NullFormatter())
    ax.set_xlabel(panel.x_title)
    ax.set_ylabel(panel.y_title)
    if not any(isinstance(s, Contour) for s in panel.series):
        _grid_and_legend(ax)


def _grid_and_legend(ax: Axes) -> None:
    """A light grid, and a legend of the labelled series (a panel may have none)."""
    ax.grid(alpha=0.3, which="both")
    if ax.get_legend_handles_labels()[0]:
        ax.legend(frameon=False, fontsize=8)


def to_matplotlib(chart: Chart) -> Figure:
    """Draw ``chart`` as a matplotlib figure (one axes per panel, side by side).

    The caller closes it (:func:`save_figure` does).
    """
    count = len(chart.panels)
    label_in = (chart.label_width or 0) / _PIXELS_PER_INCH
    size = (_PANEL_WIDTH_IN * count + label_in, max(chart.height / _PIXELS_PER_INCH, 3.0))
    fig, axes = plt.subplots(1, count, figsize=size, squeeze=False)
    for ax, panel in zip(axes[0], chart.panels, strict=True):
        _panel(ax, panel)
        if count > 1:
            ax.set_title(panel.title)
    fig.suptitle(chart.title)
    fig.tight_layout()
    return fig


def save_chart(chart: Chart, path: str | os.PathLike[str], *, dpi: int = 150) -> Path:
    """Draw ``chart`` and save it to ``path`` atomically (``.png``, ``.svg`` or ``.pdf``)."""
    return save_figure(to_matplotlib(chart), path, dpi=dpi)


def grid_figure(table: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Generation history and projection per country (:func:`~terawatt.report.charts.grid_chart`).

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`terawatt.earth.electricity.grid_outlook`.
    path : str or path-like
        ``.png``, ``.svg`` or ``.pdf``.
    """
    return save_chart(grid_chart(table), path)


def scenario_figure(ds: xr.Dataset, path: str | os.PathLike[str]) -> Path:
    """Cost per million tokens and AI power added per year, Earth vs orbit, with 5-95 % bands.

    Parameters
    ----------
    ds : xarray.Dataset
        Output of :func:`terawatt.scenario.runner.run`.
    path : str or path-like
        ``.png``, ``.svg`` or ``.pdf``.
    """
    return save_chart(scenario_chart(ds), path)


def export_figures(
    data: ReportData, folder: str | os.PathLike[str], formats: tuple[str, ...] = (".png", ".svg")
) -> list[Path]:
    """Write every figure of the report to ``folder`` in each format (for slides).

    The figures are those of the HTML report (:func:`terawatt.report.charts.report_charts`),
    each file named by the figure's anchor id (``scenario-0-cost.png``, ``sunlight.svg``).

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
    written: list[Path] = []
    for charts in report_charts(data).values():
        for chart in charts:
            fig = to_matplotlib(chart)
            try:
                written.extend(
                    _write(fig, target / f"{chart.figure_id}{suffix}") for suffix in formats
                )
            finally:
                plt.close(fig)
    return written
