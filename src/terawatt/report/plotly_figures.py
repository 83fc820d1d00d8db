"""Interactive figures (Plotly) for the HTML report and the dashboard.

Each function takes model results and returns a ``plotly.graph_objects.Figure``; none
computes physics. Only SVG traces are used (no WebGL), so the figures draw in any
browser, headless ones included. Their static twins for slides are in
:mod:`terawatt.report.figures` (matplotlib, PNG/SVG/PDF).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go  # type: ignore[import-untyped]
import xarray as xr
from plotly.subplots import make_subplots  # type: ignore[import-untyped]

from terawatt.report.labels import parameter_label
from terawatt.report.results import SensitivityResult, SunlightGrid
from terawatt.scenario import analysis
from terawatt.space.satellite import SatelliteBudget

__all__ = [
    "SITE_COLOURS",
    "added_figure",
    "band_figure",
    "budget_figure",
    "cost_figure",
    "grid_figure",
    "odds_figure",
    "odds_series_figure",
    "site_bands",
    "sobol_figure",
    "sunlight_figure",
    "tornado_figure",
]

#: One colour per site, the same in every figure (matplotlib's C0 and C1).
SITE_COLOURS = {"earth": "#1f77b4", "orbit": "#ff7f0e", "moon": "#7f7f7f"}
_SITE_NAMES = {
    "earth": "ground (grid data centre)",
    "orbit": "orbit (solar AI satellite)",
    "moon": "Moon-made satellites",
}
_COUNTRY_COLOURS = ("#d62728", "#1f77b4", "#2ca02c", "#9467bd")
_LAYOUT: dict[str, Any] = {
    "template": "plotly_white",
    "margin": {"l": 70, "r": 20, "t": 60, "b": 50},
    "legend": {"orientation": "h", "y": -0.18},
    "height": 430,
}


def _plain(text: object) -> str:
    """Text for Plotly labels: Plotly reads a few HTML tags in labels, so escape them."""
    return html.escape(str(text), quote=False)


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _band(
    fig: Any,
    x: Any,
    low: Any,
    mid: Any,
    high: Any,
    *,
    name: str,
    colour: str,
    unit: str,
    **where: Any,
) -> None:
    """A median line with a shaded 5-95 % band (three traces, one legend entry)."""
    common = {"x": x, "mode": "lines", "legendgroup": name, "line": {"width": 0}}
    fig.add_trace(
        go.Scatter(y=low, showlegend=False, hoverinfo="skip", **common),
        **where,
    )
    fig.add_trace(
        go.Scatter(
            y=high,
            fill="tonexty",
            fillcolor=_rgba(colour, 0.2),
            name=f"{name}: 5-95 %",
            hoverinfo="skip",
            **common,
        ),
        **where,
    )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=mid,
            mode="lines",
            legendgroup=name,
            name=f"{name}: median",
            line={"color": colour, "width": 2.5},
            hovertemplate=f"%{{x}}: %{{y:.3g}} {unit}<extra>{name}</extra>",
        ),
        **where,
    )


def site_bands(ds: xr.Dataset, variable: str, scale: float = 1.0) -> dict[str, pd.DataFrame]:
    """Per kind of site (ground, orbit): 5th, 50th and 95th percentile of ``variable`` by year.

    Several sites of one kind (countries, shells) are combined as
    :func:`terawatt.scenario.analysis.by_kind` does: the cheapest site's cost, the sum of
    the power added.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``"earth"``/``"orbit"`` -> frame indexed by year with columns ``p5``, ``p50``, ``p95``
        (times ``scale``).
    """
    kinds = ds["kind"].to_numpy() if "kind" in ds.coords else ds["site"].to_numpy()
    out = {}
    for kind in dict.fromkeys(str(k) for k in kinds):
        values = analysis.by_kind(ds, variable, kind)
        q = values.quantile([0.05, 0.5, 0.95], dim="sample") * scale
        out[kind] = pd.DataFrame(
            {
                "p5": q.sel(quantile=0.05).to_numpy(),
                "p50": q.sel(quantile=0.5).to_numpy(),
                "p95": q.sel(quantile=0.95).to_numpy(),
            },
            index=ds["year"].to_numpy(),
        )
    return out


def band_figure(bands: Mapping[str, pd.DataFrame], unit: str, title: str, y_title: str) -> Any:
    """Median lines and 5-95 % bands by year for each site (log axis), from :func:`site_bands`."""
    fig = go.Figure()
    for site, band in bands.items():
        _band(
            fig,
            band.index,
            band["p5"],
            band["p50"],
            band["p95"],
            name=_SITE_NAMES.get(site, site),
            colour=SITE_COLOURS.get(site, "#7f7f7f"),
            unit=unit,
        )
    fig.update_layout(title=title, xaxis_title="year", yaxis_title=y_title, **_LAYOUT)
    fig.update_yaxes(type="log")
    return fig


def cost_figure(ds: xr.Dataset, *, name: str | None = None) -> Any:
    """Levelized cost per million tokens by year, ground vs orbit, median and 5-95 %.

    Parameters
    ----------
    ds : xarray.Dataset
        Output of :func:`terawatt.scenario.runner.run`.
    name : str, optional
        Scenario name for the title (default: the dataset's ``scenario`` attribute).
    """
    label = _plain(name if name is not None else ds.attrs.get("scenario", ""))
    return band_figure(
        site_bands(ds, "cost_per_mtok_usd"),
        "USD",
        f"Cost per million tokens, {label} ({ds.sizes['sample']:,} samples)",
        "levelized cost [USD per million tokens]",
    )


def added_figure(ds: xr.Dataset, *, name: str | None = None) -> Any:
    """AI compute power added per year by site [GW/yr], median and 5-95 %."""
    label = _plain(name if name is not None else ds.attrs.get("scenario", ""))
    return band_figure(
        site_bands(ds, "compute_added_w", 1e-9),
        "GW/yr",
        f"AI compute power added per year, {label}",
        "AI compute power added [GW/yr]",
    )


def odds_figure(ds: xr.Dataset, *, name: str | None = None) -> Any:
    """P(orbit is cheaper) and P(orbit adds more compute) by year."""
    label = name if name is not None else str(ds.attrs.get("scenario", ""))
    return odds_series_figure(
        analysis.orbit_cheaper_probability(ds), analysis.orbit_faster_probability(ds), label
    )


def odds_series_figure(cheaper: pd.Series, faster: pd.Series, name: str) -> Any:
    """P(orbit cheaper) and P(orbit adds more) by year, from the two series."""
    label = _plain(name)
    fig = go.Figure()
    for series, text, colour in (
        (cheaper, "P(orbit cheaper per token)", SITE_COLOURS["orbit"]),
        (faster, "P(orbit adds more compute)", "#2ca02c"),
    ):
        fig.add_trace(
            go.Scatter(
                x=series.index,
                y=series.to_numpy(),
                mode="lines+markers",
                name=text,
                line={"color": colour},
                marker={"size": 4},
                hovertemplate="%{x}: %{y:.2f}<extra>" + text + "</extra>",
            )
        )
    fig.add_hline(y=0.5, line={"dash": "dot", "color": "#7f7f7f"})
    fig.update_layout(
        title=f"Odds that orbit wins, {label}",
        xaxis_title="year",
        yaxis_title="share of samples [-]",
        **_LAYOUT,
    )
    fig.update_yaxes(range=[-0.02, 1.02])
    return fig


def budget_figure(budgets: Mapping[str, SatelliteBudget]) -> Any:
    """Mass budget (stacked by subsystem) and power budget of satellite designs.

    Parameters
    ----------
    budgets : mapping of str to SatelliteBudget
        Design name -> :func:`terawatt.space.satellite.size_satellite` of a single design.
    """
    fig = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=("mass budget [t]", "power budget [kW]"),
        horizontal_spacing=0.12,
    )
    names = list(budgets)
    parts = list(next(iter(budgets.values())).mass_breakdown_kg) if budgets else []
    bottom = np.zeros(len(names))
    for i, part in enumerate(parts):
        tonnes = np.array([float(budgets[n].mass_breakdown_kg[part]) / 1e3 for n in names])
        label = part.replace("_", " ")
        fig.add_trace(
            go.Bar(
                x=names,
                y=tonnes,
                base=bottom.copy(),  # stacked by hand: the power panel is grouped
                offsetgroup="mass",
                name=label,
                marker_color=f"hsl({int(i * 360 / max(len(parts), 1))},55%,55%)",
                hovertemplate="%{x}: %{y:.3g} t<extra>" + label + "</extra>",
            ),
            row=1,
            col=1,
        )
        bottom += tonnes
    power_rows = (
        ("compute_power_w", "compute (IT)"),
        ("electrical_load_w", "electrical load"),
        ("end_of_life_power_w", "array, end of life"),
        ("power_w", "array, beginning of life"),
        ("heat_rejected_w", "heat rejected"),
    )
    for j, name in enumerate(names):
        b = budgets[name]
        fig.add_trace(
            go.Bar(
                x=[label for _, label in power_rows],
                y=[float(getattr(b, attr)) / 1e3 for attr, _ in power_rows],
                name=f"{name} ({float(b.specific_power_w_per_kg):.0f} W/kg)",
                marker_color=("#4c72b0", "#dd8452", "#55a868", "#c44e52")[j % 4],
                hovertemplate="%{x}: %{y:.4g} kW<extra>" + _plain(name) + "</extra>",
            ),
            row=1,
            col=2,
        )
    fig.update_layout(
        barmode="group",
        title="AI satellite: where the mass goes and where the power goes",
        **{**_LAYOUT, "height": 480},
    )
    fig.update_yaxes(title_text="mass [t]", row=1, col=1)
    fig.update_yaxes(title_text="power [kW]", row=1, col=2)
    return fig


def _display_values(name: str, values: Any) -> np.ndarray:
    from terawatt.report.labels import parameter  # noqa: PLC0415 - cached table

    param = parameter(name)
    arr = np.asarray(values, dtype=np.float64)
    if param is None or param.kind != "quantity":
        return arr
    return np.array([param.parameter.to_display(float(v)) for v in arr.ravel()])


def tornado_figure(result: SensitivityResult, *, top: int = 12) -> Any:
    """Tornado: the output with each parameter at its 10th and 90th percentile."""
    table = result.tornado.head(top).iloc[::-1]
    base = float(result.tornado.attrs.get("base_output", np.nan))
    labels = [parameter_label(p) for p in table["parameter"]]
    low = table["output_low"].to_numpy() - base
    high = table["output_high"].to_numpy() - base
    low_text = [
        f"{v:.3g}"
        for p, v in zip(table["parameter"], table["low_value"], strict=True)
        for v in _display_values(p, [v])
    ]
    high_text = [
        f"{v:.3g}"
        for p, v in zip(table["parameter"], table["high_value"], strict=True)
        for v in _display_values(p, [v])
    ]
    fig = go.Figure()
    for values, text, name, colour in (
        (low, low_text, "parameter at its 10th percentile", "#4c72b0"),
        (high, high_text, "parameter at its 90th percentile", "#dd8452"),
    ):
        fig.add_trace(
            go.Bar(
                y=labels,
                x=values,
                base=base,
                orientation="h",
                name=name,
                marker_color=colour,
                customdata=text,
                hovertemplate="%{y}<br>input %{customdata}: output %{x:.3g}<extra></extra>",
            )
        )
    fig.add_vline(x=base, line={"color": "#333", "width": 1})
    fig.update_layout(
        barmode="overlay",
        title=(
            f"Tornado: {_metric_title(result)} ({result.year}), "
            f"scenario {_plain(result.scenario)}; all at median = {base:.3g}"
        ),
        xaxis_title=_metric_title(result),
        **{**_LAYOUT, "height": 120 + 32 * len(table), "margin": {"l": 380, "r": 20, "t": 60}},
    )
    return fig


def _metric_title(result: SensitivityResult) -> str:
    if result.metric == "cost_ratio":
        return "orbit / ground cost per million tokens [-]"
    return f"{result.metric} ({result.site})"


def sobol_figure(result: SensitivityResult, *, top: int = 12) -> Any:
    """First-order and total Sobol' indices with their bootstrap confidence half-widths."""
    table = result.sobol.head(top).iloc[::-1]
    labels = [parameter_label(p) for p in table["parameter"]]
    fig = go.Figure()
    for key, name, colour in (
        ("S1", "first order S1", "#4c72b0"),
        ("ST", "total ST", "#dd8452"),
    ):
        fig.add_trace(
            go.Bar(
                y=labels,
                x=table[key],
                error_x={"type": "data", "array": table[f"{key}_conf"], "visible": True},
                orientation="h",
                name=name,
                marker_color=colour,
                hovertemplate="%{y}: %{x:.3f}<extra>" + name + "</extra>",
            )
        )
    runs = result.sobol.attrs.get("model_runs", "")
    fig.update_layout(
        barmode="group",
        title=f"Sobol' indices of {_metric_title(result)} ({result.year}); {runs} model runs",
        xaxis_title="share of output variance [-]",
        **{**_LAYOUT, "height": 140 + 40 * len(table), "margin": {"l": 380, "r": 20, "t": 60}},
    )
    return fig


def grid_figure(table: pd.DataFrame) -> Any:
    """Electricity generation history and projection (median, 5-95 %) per country.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`terawatt.earth.electricity.grid_outlook`.
    """
    fig = go.Figure()
    for i, (country, rows) in enumerate(table.groupby("country", sort=False)):
        colour = _COUNTRY_COLOURS[i % len(_COUNTRY_COLOURS)]
        hist = rows[rows["kind"] == "history"]
        proj = rows[rows["kind"] == "projection"]
        fig.add_trace(
            go.Scatter(
                x=hist["year"],
                y=hist["generation_twh"],
                mode="lines",
                name=f"{country}: history (Ember/OWID)",
                line={"color": colour, "width": 2.5},
                hovertemplate="%{x}: %{y:,.0f} TWh<extra>" + str(country) + "</extra>",
            )
        )
        if len(proj):
            joined = pd.concat([hist.tail(1), proj])
            low = joined["generation_twh_p5"].fillna(joined["generation_twh"])
            high = joined["generation_twh_p95"].fillna(joined["generation_twh"])
            _band(
                fig,
                joined["year"],
                low,
                joined["generation_twh"],
                high,
                name=f"{country}: projection",
                colour=colour,
                unit="TWh",
            )
            fig.data[-1].line.dash = "dash"
    fig.update_layout(
        title="Electricity generation: history and trend projection",
        xaxis_title="year",
        yaxis_title="electricity generation [TWh/yr]",
        **_LAYOUT,
    )
    return fig


def sunlight_figure(grid: SunlightGrid) -> Any:
    """Annual sunlit fraction of sun-synchronous orbits by altitude and LTAN (heat map)."""
    fig = go.Figure(
        go.Contour(
            x=grid.ltan_h,
            y=grid.altitude_m / 1e3,
            z=grid.sunlit_fraction,
            colorscale="Viridis",
            contours={"showlabels": True, "start": 0.6, "end": 1.0, "size": 0.05},
            colorbar={"title": {"text": "sunlit<br>fraction"}},
            hovertemplate="LTAN %{x:.1f} h, %{y:.0f} km: %{z:.4f}<extra></extra>",
        )
    )
    fig.update_layout(
        title=f"Sunlit fraction of the year {grid.year}, sun-synchronous orbits",
        xaxis_title="local time of the ascending node [h]",
        yaxis_title="altitude [km]",
        **{**_LAYOUT, "legend": {}},
    )
    fig.update_xaxes(tickvals=list(range(0, 25, 3)))
    return fig
