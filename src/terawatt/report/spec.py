"""What a report figure shows, as data: the one definition every renderer draws.

A :class:`Chart` is one or more :class:`Panel` of series (:class:`Band`, :class:`Line`,
:class:`Bars`, :class:`Histogram`, :class:`Contour`) with their names, axis titles and
units; :mod:`terawatt.report.charts` builds every figure of the report as a Chart.
:func:`terawatt.report.plotly_figures.to_plotly` draws it with Plotly (the HTML report
and the dashboard) and :func:`terawatt.report.figures.to_matplotlib` with matplotlib
(PNG, SVG and PDF for slides); neither adds content of its own.

Text is plain (no markup): each renderer escapes it as its library needs, and a newline
breaks a label. Colours are ``#rrggbb``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from numpy.typing import NDArray

__all__ = [
    "Band",
    "Bars",
    "Chart",
    "Contour",
    "Histogram",
    "Line",
    "Panel",
    "Rule",
    "Series",
    "Values",
]

#: Numbers of a series (years may stay integers).
Values = NDArray[Any]


@dataclass(frozen=True)
class Band:
    """A median line over a shaded 5-95 % band (one legend entry each).

    ``unit`` and ``digits`` (a format spec) say how a value reads on hover.
    """

    x: Values
    low: Values
    mid: Values
    high: Values
    name: str
    colour: str
    unit: str = ""
    digits: str = ".3g"
    dash: bool = False


@dataclass(frozen=True)
class Line:
    """A line through ``(x, y)``, with markers at the points if asked."""

    x: Values
    y: Values
    name: str
    colour: str
    unit: str = ""
    digits: str = ".3g"
    width: float = 2.0
    markers: bool = False


@dataclass(frozen=True)
class Bars:
    """One bar per category, from ``base`` to the value (one legend entry).

    ``error`` gives symmetric error bars; ``notes`` a text per bar shown on hover.
    """

    categories: tuple[str, ...]
    values: Values
    name: str
    colour: str
    unit: str = ""
    digits: str = ".3g"
    base: float = 0.0
    error: Values | None = None
    notes: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Histogram:
    """Counts of ``values`` in the bins between the (evenly spaced) ``edges``."""

    values: Values
    edges: Values
    name: str
    colour: str


@dataclass(frozen=True)
class Contour:
    """Filled contours of ``z`` (shape ``(y.size, x.size)``) from ``start`` to ``end``."""

    x: Values
    y: Values
    z: Values
    start: float
    end: float
    step: float
    label: str
    digits: str = ".4f"


#: Everything a panel can hold.
Series = Band | Line | Bars | Histogram | Contour


@dataclass(frozen=True)
class Rule:
    """A reference line across a panel at ``at`` on the ``axis``, with an optional label."""

    axis: Literal["x", "y"]
    at: float
    label: str = ""
    colour: str = "#7f7f7f"
    dotted: bool = True


@dataclass(frozen=True)
class Panel:
    """One set of axes: its series, axis titles and scales.

    ``bars`` says how several :class:`Bars` share a category: side by side
    (``"group"``), stacked (``"stack"``) or over each other (``"overlay"``);
    ``horizontal`` puts the categories on the y axis. ``title`` is shown when the chart
    has several panels. ``x_dollars``/``y_dollars`` mark an axis in US dollars: both
    renderers label its ticks as dollars (``$0.01``, ``$1k``, by
    :func:`terawatt.report.labels.format_usd`).
    """

    series: tuple[Series, ...]
    x_title: str = ""
    y_title: str = ""
    title: str = ""
    log_y: bool = False
    bars: Literal["group", "stack", "overlay"] = "group"
    horizontal: bool = False
    rules: tuple[Rule, ...] = ()
    x_ticks: tuple[float, ...] | None = None
    y_range: tuple[float, float] | None = None
    x_dollars: bool = False
    y_dollars: bool = False


@dataclass(frozen=True)
class Chart:
    """A figure of the report: anchor id (also the slide file's name), title and panels.

    ``height`` is in CSS pixels in the HTML report (slides scale from it); ``label_width``
    reserves room for long category labels (pixels), ``caption`` is shown beneath the
    figure in the report.
    """

    figure_id: str
    title: str
    panels: tuple[Panel, ...]
    caption: str = ""
    height: int = 430
    label_width: int | None = None
