"""Plotly figures for the HTML report and the dashboard, drawn from chart definitions.

:func:`to_plotly` draws a :class:`~terawatt.report.spec.Chart` (defined once in
:mod:`terawatt.report.charts`) as a ``plotly.graph_objects.Figure``; it adds no content
of its own. Only SVG traces are used (no WebGL), so the figures draw in any browser,
headless ones included. The same charts go to PNG and SVG for slides through
:func:`terawatt.report.figures.to_matplotlib`.
"""

from __future__ import annotations

import html
import math
from typing import Any

import numpy as np
import plotly.graph_objects as go  # type: ignore[import-untyped]
from plotly.subplots import make_subplots  # type: ignore[import-untyped]

from terawatt.report.labels import format_usd, usd_ticks
from terawatt.report.spec import Band, Bars, Chart, Contour, Histogram, Line, Panel, Series

__all__ = ["to_plotly"]

_LAYOUT: dict[str, Any] = {
    "template": "plotly_white",
    "legend": {"orientation": "h", "y": -0.18},
}
_MARGIN = {"l": 70, "r": 20, "t": 60, "b": 50}


def _plain(text: object) -> str:
    """Text for Plotly labels: Plotly reads a few HTML tags in labels, so escape them."""
    return html.escape(str(text), quote=False).replace("\n", "<br>")


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _hover(value: str, digits: str, unit: str) -> str:
    """A hover value with its format and unit: ``%{y:.3g} GW``, dollars ``$%{y:.3g}/kg``."""
    if unit == "USD" or unit.startswith("USD/"):
        return f"$%{{{value}:{digits}}}{unit[3:]}"
    return f"%{{{value}:{digits}}} {unit}".rstrip()


def _band(band: Band) -> list[Any]:
    """Three traces, two legend entries: the 5-95 % band and the median."""
    name = _plain(band.name)
    common = {"x": band.x, "mode": "lines", "legendgroup": name, "line": {"width": 0}}
    line: dict[str, Any] = {"color": band.colour, "width": 2.5}
    if band.dash:
        line["dash"] = "dash"
    return [
        go.Scatter(y=band.low, showlegend=False, hoverinfo="skip", **common),
        go.Scatter(
            y=band.high,
            fill="tonexty",
            fillcolor=_rgba(band.colour, 0.2),
            name=f"{name}: 5-95 %",
            hoverinfo="skip",
            **common,
        ),
        go.Scatter(
            x=band.x,
            y=band.mid,
            mode="lines",
            legendgroup=name,
            name=f"{name}: median",
            line=line,
            hovertemplate=f"%{{x}}: {_hover('y', band.digits, band.unit)}<extra>{name}</extra>",
        ),
    ]


def _line(line: Line) -> list[Any]:
    name = _plain(line.name)
    return [
        go.Scatter(
            x=line.x,
            y=line.y,
            mode="lines+markers" if line.markers else "lines",
            name=name,
            line={"color": line.colour, "width": line.width},
            marker={"size": 4},
            hovertemplate=f"%{{x}}: {_hover('y', line.digits, line.unit)}<extra>{name}</extra>",
        )
    ]


def _bars(bars: Bars, panel: Panel, base: Any, group: str | None) -> list[Any]:
    name = _plain(bars.name)
    categories = [_plain(c) for c in bars.categories]
    length, where = ("x", "y") if panel.horizontal else ("y", "x")
    value = _hover(length, bars.digits, bars.unit)
    options: dict[str, Any] = {
        length: bars.values - bars.base if panel.bars == "overlay" else bars.values,
        where: categories,
        "name": name,
        "marker_color": bars.colour,
        "orientation": "h" if panel.horizontal else "v",
        "base": bars.base if panel.bars == "overlay" else base,
        "hovertemplate": f"%{{{where}}}: {value}<extra>{name}</extra>",
    }
    if group is not None:
        options["offsetgroup"] = group
    if bars.error is not None:
        options[f"error_{length}"] = {"type": "data", "array": bars.error, "visible": True}
    if bars.notes is not None:
        options["customdata"] = [_plain(n) for n in bars.notes]
        options["hovertemplate"] = f"%{{{where}}}<br>%{{customdata}}: {value}<extra></extra>"
    return [go.Bar(**options)]


def _histogram(hist: Histogram) -> list[Any]:
    edges = hist.edges
    size = float(edges[1] - edges[0]) if edges.size > 1 else 1.0
    return [
        go.Histogram(
            x=hist.values,
            xbins={"start": float(edges[0]), "end": float(edges[-1]), "size": size},
            marker_color=hist.colour,
            name=_plain(hist.name),
        )
    ]


def _contour(contour: Contour, panel: Panel) -> list[Any]:
    return [
        go.Contour(
            x=contour.x,
            y=contour.y,
            z=contour.z,
            colorscale="Viridis",
            contours={
                "showlabels": True,
                "start": contour.start,
                "end": contour.end,
                "size": contour.step,
            },
            colorbar={"title": {"text": _plain(contour.label)}},
            hovertemplate=(
                f"{_plain(panel.x_title)}: %{{x}}<br>{_plain(panel.y_title)}: %{{y}}<br>"
                f"{_plain(contour.label.replace(chr(10), ' '))}: %{{z:{contour.digits}}}"
                "<extra></extra>"
            ),
        )
    ]


def _traces(panel: Panel, index: int) -> list[Any]:
    """The panel's traces; stacked bars get their bases here (Plotly stacks per figure)."""
    out: list[Any] = []
    stacked = None
    for series in panel.series:
        if isinstance(series, Bars):
            group = f"stack-{index}" if panel.bars == "stack" else None
            base = None
            if panel.bars == "stack":
                base = stacked.copy() if stacked is not None else 0.0 * series.values
                stacked = base + series.values
            out.extend(_bars(series, panel, base, group))
        else:
            out.extend(_draw(series, panel))
    return out


def _draw(series: Series, panel: Panel) -> list[Any]:
    if isinstance(series, Band):
        return _band(series)
    if isinstance(series, Line):
        return _line(series)
    if isinstance(series, Histogram):
        return _histogram(series)
    if isinstance(series, Contour):
        return _contour(series, panel)
    raise TypeError(f"no Plotly drawing for {type(series).__name__}")  # Bars: see _traces


def _extent(panel: Panel, axis: str) -> tuple[float, float] | None:
    """Smallest and largest value the panel draws along ``axis`` (finite; None if none)."""
    values: list[Any] = []
    if axis == "y" and panel.y_range is not None:
        values.append(np.asarray(panel.y_range, dtype=np.float64))
    stacked: Any = 0.0
    for series in panel.series:
        if isinstance(series, Band) and axis == "y":
            values += [series.low, series.mid, series.high]
        elif isinstance(series, Line) and axis == "y":
            values.append(series.y)
        elif isinstance(series, Bars) and (axis == "x") == panel.horizontal:
            if panel.bars == "stack":
                stacked = stacked + np.nan_to_num(series.values)
                values += [np.zeros(1), stacked]
            else:
                values += [series.values, np.asarray([series.base])]
    if not values:
        return None
    every = np.concatenate([np.ravel(np.asarray(v, dtype=np.float64)) for v in values])
    every = every[np.isfinite(every)]
    return (float(every.min()), float(every.max())) if every.size else None


def _dollar_axis(panel: Panel, axis: str, log: bool) -> dict[str, Any]:
    """Tick values and dollar labels for a dollar axis (``$0.01``, ``$1k``)."""
    extent = _extent(panel, axis)
    if extent is None:
        return {"tickprefix": "$"}
    low, high = extent
    if log:
        positive = [v for v in (low, high) if v > 0]
        if not positive:
            return {"tickprefix": "$"}
        low = low if low > 0 else min(positive)
    ticks = [t for t in usd_ticks(low, high, log=log) if math.isfinite(t)]
    return {"tickvals": ticks, "ticktext": [format_usd(t) for t in ticks]}


def _axes(fig: Any, panel: Panel, where: dict[str, Any]) -> None:
    """The panel's axis titles, scales, ticks and reference lines."""
    fig.update_xaxes(title_text=_plain(panel.x_title), **where)
    fig.update_yaxes(title_text=_plain(panel.y_title), **where)
    if panel.log_y:
        fig.update_yaxes(type="log", **where)
    if panel.y_range is not None:
        fig.update_yaxes(range=list(panel.y_range), **where)
    if panel.x_ticks is not None:
        fig.update_xaxes(tickvals=list(panel.x_ticks), **where)
    if panel.y_dollars:
        fig.update_yaxes(**_dollar_axis(panel, "y", panel.log_y), **where)
    if panel.x_dollars:
        fig.update_xaxes(**_dollar_axis(panel, "x", False), **where)
    for rule in panel.rules:
        line = {"color": rule.colour, "width": 1}
        if rule.dotted:
            line["dash"] = "dot"
        text = {"annotation_text": _plain(rule.label)} if rule.label else {}
        add = fig.add_vline if rule.axis == "x" else fig.add_hline
        add(rule.at, line=line, **text, **where)


def to_plotly(chart: Chart, *, title: bool = True) -> Any:
    """Draw ``chart`` as a Plotly figure (one subplot per panel, side by side).

    Parameters
    ----------
    chart : Chart
        A figure of :mod:`terawatt.report.charts`.
    title : bool
        Draw the chart's title in the figure; the HTML report shows it as text above the
        figure instead, where it wraps on a narrow screen.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    many = len(chart.panels) > 1
    if many:
        fig = make_subplots(
            rows=1,
            cols=len(chart.panels),
            subplot_titles=[_plain(p.title) for p in chart.panels],
            horizontal_spacing=0.12,
        )
    else:
        fig = go.Figure()
    for i, panel in enumerate(chart.panels):
        where: dict[str, Any] = {"row": 1, "col": i + 1} if many else {}
        for trace in _traces(panel, i):
            fig.add_trace(trace, **where)
        _axes(fig, panel, where)
    overlay = any(p.bars == "overlay" for p in chart.panels)
    margin = dict(_MARGIN)
    if chart.label_width is not None:
        margin.update(l=chart.label_width, b=_MARGIN["b"])
    if not title:
        margin["t"] = 30 if not many else 40
    fig.update_layout(
        title=_plain(chart.title) if title else None,
        barmode="overlay" if overlay else "group",
        height=chart.height,
        margin=margin,
        **_LAYOUT,
    )
    return fig
