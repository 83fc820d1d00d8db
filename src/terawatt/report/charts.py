"""Every figure of the report, defined once as a :class:`~terawatt.report.spec.Chart`.

Each function takes model results and returns what the figure shows (series, names,
axis titles, units, caption); none computes physics and none draws.
:func:`terawatt.report.plotly_figures.to_plotly` draws a chart for the HTML report and
the dashboard, :func:`terawatt.report.figures.to_matplotlib` for slides.
:func:`report_charts` lists the figures of a whole report, section by section, in page
order: the HTML report and ``terawatt report --figures`` both draw that one list.
"""

from __future__ import annotations

import colorsys
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
import xarray as xr

from terawatt.report import extras
from terawatt.report.labels import parameter, parameter_label
from terawatt.report.results import ReportData, SensitivityResult, SunlightGrid
from terawatt.report.spec import Band, Bars, Chart, Contour, Line, Panel, Rule
from terawatt.scenario import analysis
from terawatt.scenario.waterfall import TERM_LABELS, Waterfall
from terawatt.space.satellite import SatelliteBudget

__all__ = [
    "SITE_COLOURS",
    "added_bands_chart",
    "added_chart",
    "budget_chart",
    "cost_bands_chart",
    "cost_chart",
    "grid_chart",
    "odds_chart",
    "odds_series_chart",
    "report_charts",
    "scenario_chart",
    "site_bands",
    "sobol_chart",
    "sunlight_chart",
    "tornado_chart",
    "waterfall_chart",
]

#: One colour per site, the same in every figure (matplotlib's C0 and C1).
SITE_COLOURS = {"earth": "#1f77b4", "orbit": "#ff7f0e", "moon": "#7f7f7f"}
_SITE_NAMES = {
    "earth": "ground (grid data centre)",
    "orbit": "orbit (solar AI satellite)",
    "moon": "Moon-made satellites",
}
_COUNTRY_COLOURS = ("#d62728", "#1f77b4", "#2ca02c", "#9467bd")
_DESIGN_COLOURS = ("#4c72b0", "#dd8452", "#55a868", "#c44e52")
_LOW_HIGH = ("#4c72b0", "#dd8452")
#: Bars shown in the sensitivity figures (the largest swings and shares).
TOP_PARAMETERS = 12
#: Room for the parameter labels of the sensitivity figures [px].
_LABEL_WIDTH = 380

_COST_CAPTION = (
    "Levelized cost per million tokens of compute built that year, same accelerator on "
    "the ground and in orbit: median and 5-95 % band."
)
_ADDED_CAPTION = (
    "AI compute power added per year by site (ground: limited by the power grids can "
    "connect; orbit: by the launch plan and cadence)."
)


# --------------------------------------------------------------------------- scenarios


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


def _band_panel(bands: Mapping[str, pd.DataFrame], unit: str, y_title: str) -> Panel:
    series = tuple(
        Band(
            band.index.to_numpy(),
            band["p5"].to_numpy(),
            band["p50"].to_numpy(),
            band["p95"].to_numpy(),
            name=_SITE_NAMES.get(site, site),
            colour=SITE_COLOURS.get(site, "#7f7f7f"),
            unit=unit,
        )
        for site, band in bands.items()
    )
    dollars = unit.startswith("USD")
    return Panel(series, x_title="year", y_title=y_title, log_y=True, y_dollars=dollars)


def _scenario_name(ds: xr.Dataset, name: str | None) -> str:
    return name if name is not None else str(ds.attrs.get("scenario", ""))


#: The two banded outputs of a scenario: variable, scale, hover unit, axis title.
_COST = ("cost_per_mtok_usd", 1.0, "USD", "levelized cost [USD per million tokens]")
_ADDED = ("compute_added_w", 1e-9, "GW/yr", "AI compute power added [GW/yr]")


def cost_bands_chart(
    bands: Mapping[str, pd.DataFrame], name: str, samples: int, *, figure_id: str = "cost"
) -> Chart:
    """Levelized cost per million tokens by year, from :func:`site_bands` (log axis)."""
    _, _, unit, y_title = _COST
    title = f"Cost per million tokens, {name} ({samples:,} samples)"
    return Chart(figure_id, title, (_band_panel(bands, unit, y_title),), _COST_CAPTION)


def added_bands_chart(
    bands: Mapping[str, pd.DataFrame], name: str, *, figure_id: str = "added"
) -> Chart:
    """AI compute power added per year by site [GW/yr], from :func:`site_bands` (log axis)."""
    _, _, unit, y_title = _ADDED
    title = f"AI compute power added per year, {name}"
    return Chart(figure_id, title, (_band_panel(bands, unit, y_title),), _ADDED_CAPTION)


def cost_chart(ds: xr.Dataset, *, name: str | None = None, figure_id: str = "cost") -> Chart:
    """Levelized cost per million tokens by year, ground vs orbit, median and 5-95 %.

    Parameters
    ----------
    ds : xarray.Dataset
        Output of :func:`terawatt.scenario.runner.run`.
    name : str, optional
        Scenario name for the title (default: the dataset's ``scenario`` attribute).
    figure_id : str
        The chart's anchor id.
    """
    variable, scale, _, _ = _COST
    return cost_bands_chart(
        site_bands(ds, variable, scale),
        _scenario_name(ds, name),
        ds.sizes["sample"],
        figure_id=figure_id,
    )


def added_chart(ds: xr.Dataset, *, name: str | None = None, figure_id: str = "added") -> Chart:
    """AI compute power added per year by site [GW/yr], median and 5-95 %."""
    variable, scale, _, _ = _ADDED
    return added_bands_chart(
        site_bands(ds, variable, scale), _scenario_name(ds, name), figure_id=figure_id
    )


def scenario_chart(ds: xr.Dataset, *, name: str | None = None) -> Chart:
    """Cost per million tokens and AI power added per year side by side (``--plot``)."""
    panels = tuple(
        _band_panel(site_bands(ds, variable, scale), unit, y_title)
        for variable, scale, unit, y_title in (_COST, _ADDED)
    )
    title = f"Scenario {_scenario_name(ds, name)}: {ds.sizes['sample']:,} Monte Carlo samples"
    return Chart("scenario", title, panels)


def odds_chart(ds: xr.Dataset, *, name: str | None = None, figure_id: str = "odds") -> Chart:
    """P(orbit is cheaper) and P(orbit adds more compute) by year."""
    return odds_series_chart(
        analysis.orbit_cheaper_probability(ds),
        analysis.orbit_faster_probability(ds),
        _scenario_name(ds, name),
        figure_id=figure_id,
    )


def odds_series_chart(
    cheaper: pd.Series, faster: pd.Series, name: str, *, figure_id: str = "odds"
) -> Chart:
    """P(orbit cheaper) and P(orbit adds more) by year, from the two series."""
    lines = tuple(
        Line(
            series.index.to_numpy(),
            series.to_numpy(),
            text,
            colour,
            digits=".2f",
            markers=True,
        )
        for series, text, colour in (
            (cheaper, "P(orbit cheaper per token)", SITE_COLOURS["orbit"]),
            (faster, "P(orbit adds more compute)", "#2ca02c"),
        )
    )
    panel = Panel(
        lines,
        x_title="year",
        y_title="share of samples [-]",
        rules=(Rule("y", 0.5),),
        y_range=(-0.02, 1.02),
    )
    return Chart(figure_id, f"Odds that orbit wins, {name}", (panel,))


def waterfall_chart(falls: Waterfall, *, figure_id: str = "waterfall") -> Chart:
    """The cost waterfall of one year: each site's cost per million tokens, term on term.

    One stacked bar per site, one segment per term of
    :data:`terawatt.scenario.engine.COST_TERMS` (its median over samples).
    """
    names = tuple(_SITE_NAMES.get(site, site) for site in falls.sites)
    bars = tuple(
        Bars(
            names,
            np.nan_to_num(falls.median[i]),
            TERM_LABELS.get(term, term),
            _hue(i, len(falls.terms)),
            unit="USD/Mtok",
            notes=tuple(
                f"5-95 %: {falls.low[i, j]:.3g}-{falls.high[i, j]:.3g}; "
                f"{falls.share[i, j]:.0%} of the total"
                for j in range(len(falls.sites))
            ),
        )
        for i, term in enumerate(falls.terms)
    )
    panel = Panel(
        bars, y_title="levelized cost [USD per million tokens]", bars="stack", y_dollars=True
    )
    title = f"Cost waterfall {falls.year}, {falls.scenario}: where each site's cost goes"
    caption = (
        f"Every term of the levelized cost per million tokens of capacity built in "
        f"{falls.year}, stacked: medians of {falls.samples:,} samples (hover: 5-95 % range "
        "and median share). Capital is recovered straight-line over each asset's life; the "
        "cost of capital is what the discount rate adds. A median is not additive: a bar's "
        "height can differ from the median total."
    )
    return Chart(figure_id, title, (panel,), caption, height=480)


# --------------------------------------------------------------------------- satellite

_POWER_ROWS = (
    ("compute_power_w", "compute (IT)"),
    ("electrical_load_w", "electrical load"),
    ("end_of_life_power_w", "array, end of life"),
    ("power_w", "array, beginning of life"),
    ("heat_rejected_w", "heat rejected"),
)


def _hue(i: int, n: int) -> str:
    """The i-th of n hues at 55 % saturation and lightness, as ``#rrggbb``."""
    degrees = int(i * 360 / max(n, 1))
    r, g, b = colorsys.hls_to_rgb(degrees / 360, 0.55, 0.55)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


def budget_chart(budgets: Mapping[str, SatelliteBudget]) -> Chart:
    """Mass budget (stacked by subsystem) and power budget of satellite designs.

    Parameters
    ----------
    budgets : mapping of str to SatelliteBudget
        Design name -> :func:`terawatt.space.satellite.size_satellite` of one design.
    """
    names = tuple(budgets)
    parts = list(next(iter(budgets.values())).mass_breakdown_kg) if budgets else []
    mass = tuple(
        Bars(
            names,
            np.array([float(budgets[n].mass_breakdown_kg[part]) / 1e3 for n in names]),
            part.replace("_", " "),
            _hue(i, len(parts)),
            unit="t",
        )
        for i, part in enumerate(parts)
    )
    power = tuple(
        Bars(
            tuple(label for _, label in _POWER_ROWS),
            np.array([float(getattr(b, attr)) / 1e3 for attr, _ in _POWER_ROWS]),
            f"{name} ({float(b.specific_power_w_per_kg):.0f} W/kg)",
            _DESIGN_COLOURS[j % len(_DESIGN_COLOURS)],
            unit="kW",
            digits=".4g",
        )
        for j, (name, b) in enumerate(budgets.items())
    )
    return Chart(
        "satellite-budget",
        "AI satellite: where the mass goes and where the power goes",
        (
            Panel(mass, y_title="mass [t]", title="mass budget [t]", bars="stack"),
            Panel(power, y_title="power [kW]", title="power budget [kW]", bars="group"),
        ),
        height=480,
    )


# ------------------------------------------------------------------------- sensitivity


def _display_value(name: str, value: float) -> float:
    """A parameter's value in its display unit (as the table shows it)."""
    param = parameter(name)
    if param is None or param.kind != "quantity":
        return float(value)
    return float(param.to_display(float(value)))


def _metric_title(result: SensitivityResult) -> str:
    if result.metric == "cost_ratio":
        return "orbit / ground cost per million tokens [-]"
    return f"{result.metric} ({result.site})"


def tornado_chart(result: SensitivityResult, *, top: int = TOP_PARAMETERS) -> Chart:
    """Tornado: the output with each parameter at its 10th and 90th percentile."""
    table = result.tornado.head(top).iloc[::-1]
    base = float(result.tornado.attrs.get("base_output", np.nan))
    labels = tuple(parameter_label(p) for p in table["parameter"])
    bars = tuple(
        Bars(
            labels,
            table[output].to_numpy(dtype=np.float64),
            name,
            colour,
            base=base,
            notes=tuple(
                f"input {_display_value(p, v):.3g}"
                for p, v in zip(table["parameter"], table[value], strict=True)
            ),
        )
        for output, value, name, colour in (
            ("output_low", "low_value", "parameter at its 10th percentile", _LOW_HIGH[0]),
            ("output_high", "high_value", "parameter at its 90th percentile", _LOW_HIGH[1]),
        )
    )
    metric = _metric_title(result)
    panel = Panel(
        bars,
        x_title=metric,
        bars="overlay",
        horizontal=True,
        rules=(Rule("x", base, colour="#333333", dotted=False),),
        x_dollars="usd" in result.metric,
    )
    title = (
        f"Tornado: {metric} ({result.year}), scenario {result.scenario}; all at median = {base:.3g}"
    )
    return Chart("tornado", title, (panel,), height=120 + 32 * len(table), label_width=_LABEL_WIDTH)


def sobol_chart(result: SensitivityResult, *, top: int = TOP_PARAMETERS) -> Chart:
    """First-order and total Sobol' indices with their bootstrap confidence half-widths."""
    table = result.sobol.head(top).iloc[::-1]
    labels = tuple(parameter_label(p) for p in table["parameter"])
    bars = tuple(
        Bars(
            labels,
            table[key].to_numpy(dtype=np.float64),
            name,
            colour,
            digits=".3f",
            error=table[f"{key}_conf"].to_numpy(dtype=np.float64),
        )
        for key, name, colour in (
            ("S1", "first order S1", _LOW_HIGH[0]),
            ("ST", "total ST", _LOW_HIGH[1]),
        )
    )
    panel = Panel(bars, x_title="share of output variance [-]", horizontal=True)
    runs = result.sobol.attrs.get("model_runs", "")
    title = f"Sobol' indices of {_metric_title(result)} ({result.year}); {runs} model runs"
    return Chart("sobol", title, (panel,), height=140 + 40 * len(table), label_width=_LABEL_WIDTH)


# ------------------------------------------------------------------------ earth, orbit


def grid_chart(table: pd.DataFrame) -> Chart:
    """Electricity generation history and projection (median, 5-95 %) per country.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`terawatt.earth.electricity.grid_outlook`.
    """
    series: list[Band | Line] = []
    for i, (country, rows) in enumerate(table.groupby("country", sort=False)):
        colour = _COUNTRY_COLOURS[i % len(_COUNTRY_COLOURS)]
        hist = rows[rows["kind"] == "history"]
        proj = rows[rows["kind"] == "projection"]
        series.append(
            Line(
                hist["year"].to_numpy(),
                hist["generation_twh"].to_numpy(dtype=np.float64),
                f"{country}: history (Ember/OWID)",
                colour,
                unit="TWh",
                digits=",.0f",
                width=2.5,
            )
        )
        if len(proj):
            joined = pd.concat([hist.tail(1), proj])
            mid = joined["generation_twh"]
            series.append(
                Band(
                    joined["year"].to_numpy(),
                    joined["generation_twh_p5"].fillna(mid).to_numpy(dtype=np.float64),
                    mid.to_numpy(dtype=np.float64),
                    joined["generation_twh_p95"].fillna(mid).to_numpy(dtype=np.float64),
                    name=f"{country}: projection",
                    colour=colour,
                    unit="TWh",
                    dash=True,
                )
            )
    panel = Panel(tuple(series), x_title="year", y_title="electricity generation [TWh/yr]")
    return Chart("grid", "Electricity generation: history and trend projection", (panel,))


def sunlight_chart(grid: SunlightGrid) -> Chart:
    """Annual sunlit fraction of sun-synchronous orbits by altitude and LTAN (contours)."""
    contour = Contour(
        grid.ltan_h,
        grid.altitude_m / 1e3,
        grid.sunlit_fraction,
        start=0.6,
        end=1.0,
        step=0.05,
        label="sunlit\nfraction",
    )
    panel = Panel(
        (contour,),
        x_title="local time of the ascending node [h]",
        y_title="altitude [km]",
        x_ticks=tuple(float(h) for h in range(0, 25, 3)),
    )
    title = f"Sunlit fraction of the year {grid.year}, sun-synchronous orbits"
    return Chart("sunlight", title, (panel,))


# ------------------------------------------------------------------------------ report


def report_charts(data: ReportData) -> dict[str, tuple[Chart, ...]]:
    """Every figure of the report: section id -> its charts, in page order.

    Scenario sections are ``scenario-0``, ``scenario-1``, ...; the optional models'
    sections are keyed as in :data:`terawatt.report.extras.SECTIONS` (a model that failed
    has none).
    """
    out: dict[str, tuple[Chart, ...]] = {}
    for i, run in enumerate(data.scenarios):
        ident, name = f"scenario-{i}", run.scenario.name
        out[ident] = (
            cost_chart(run.dataset, name=name, figure_id=f"{ident}-cost"),
            added_chart(run.dataset, name=name, figure_id=f"{ident}-added"),
            odds_chart(run.dataset, name=name, figure_id=f"{ident}-odds"),
        )
        if run.waterfall is not None:
            out[ident] += (waterfall_chart(run.waterfall, figure_id=f"{ident}-waterfall"),)
    out["satellite"] = (budget_chart(data.budgets),)
    if data.sensitivity is not None:
        out["sensitivity"] = (tornado_chart(data.sensitivity), sobol_chart(data.sensitivity))
    out["earth"] = (grid_chart(data.grid),)
    out["orbit"] = (sunlight_chart(data.sunlight),)
    for key, value in data.extras.items():
        section: Any = extras.SECTIONS.get(key)
        if section is not None:
            out[key] = tuple(section[2](value))
    return out
