"""The terawatt dashboard: move the deciding assumptions, watch the verdicts recompute.

Run it with ``terawatt serve`` (bound to 127.0.0.1 by default). Scenarios are chosen by
name from the server's scenario folder; sample counts are bounded; every label's unit
comes from the parameter table. The numbers are computed by :mod:`terawatt.app.model`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from terawatt.app import model
from terawatt.claims import c01_cheapest, c02_fastest
from terawatt.errors import InputError
from terawatt.report import charts
from terawatt.report.labels import format_number, parameter
from terawatt.report.plotly_figures import to_plotly
from terawatt.space.presets import DEFAULT_PRESET, load_presets

#: Years of the claims: C1 "within ~3 years" of 2026, C2 "within ~4 years" (the claims' reading).
C1_YEAR = c01_cheapest.CLAIM_YEAR + c01_cheapest.YEARS_AFTER
C2_YEAR = c01_cheapest.CLAIM_YEAR + c02_fastest.YEARS_AFTER


def _start_samples() -> int:
    """Sample count the dashboard starts with (``TERAWATT_APP_SAMPLES`` for quick tests)."""
    text = os.environ.get("TERAWATT_APP_SAMPLES", "")
    try:
        n = int(text) if text else model.DEFAULT_SAMPLES
    except ValueError:
        n = model.DEFAULT_SAMPLES
    return min(max(n, model.MIN_SAMPLES), model.MAX_SAMPLES)


@st.cache_data(max_entries=64, show_spinner=False)
def _choices(folder: str) -> dict[str, Path | None]:
    return model.scenario_choices(Path(folder) if folder else None)


@st.cache_data(max_entries=64, show_spinner=False)
def _run(
    name: str, folder: str, overrides: tuple[tuple[str, float | str], ...], samples: int
) -> model.DashboardResult:
    return model.compute(name, _choices(folder), overrides, samples)


@st.cache_data(max_entries=16, show_spinner=False)
def _start_values(name: str, folder: str) -> dict[str, float | str]:
    scenario = model.load_choice(name, _choices(folder))
    names = [s.name for s in model.SCENARIO_SLIDERS] + ["orbit.satellite_preset"]
    return {n: model.scenario_value(scenario, n) for n in names}


def _sidebar(folder: str) -> tuple[str, tuple[tuple[str, float | str], ...], int, int]:
    st.sidebar.header("Scenario")
    choices = _choices(folder)
    name = st.sidebar.selectbox("scenario", list(choices), key="scenario")
    samples = int(
        st.sidebar.number_input(
            "Monte Carlo samples",
            min_value=model.MIN_SAMPLES,
            max_value=model.MAX_SAMPLES,
            value=_start_samples(),
            step=100,
            key="samples",
        )
    )
    start = _start_values(name, folder)
    year = int(st.sidebar.slider("year shown", 2025, 2060, C1_YEAR, key="year"))
    st.sidebar.header("Deciding assumptions")
    st.sidebar.caption(
        "Each starts at the scenario's median. Moving one fixes that parameter at the "
        "chosen value in every sample (its uncertainty is removed)."
    )
    overrides: list[tuple[str, float | str]] = []
    preset_param = parameter("orbit.satellite_preset")
    presets = list(preset_param.choices) if preset_param else list(load_presets())
    first = str(start["orbit.satellite_preset"])
    if first not in presets:  # a structural choice: drawn per sample, as the scenario says
        presets.insert(0, first)
    chosen = st.sidebar.selectbox(
        preset_param.description if preset_param else "satellite preset",
        presets,
        index=presets.index(first),
        key=f"{name}:orbit.satellite_preset",
    )
    if chosen != start["orbit.satellite_preset"]:
        overrides.append(("orbit.satellite_preset", chosen))
    for spec in model.SCENARIO_SLIDERS:
        begin = float(start[spec.name])
        value = st.sidebar.slider(
            spec.label,
            min_value=spec.low,
            max_value=spec.high,
            value=min(max(round(begin / spec.step) * spec.step, spec.low), spec.high),
            step=spec.step,
            key=f"{name}:{spec.name}",
            help=f"{spec.name}; scenario median {begin:.4g}",
        )
        if model.moved(float(value), begin, spec.step):
            overrides.append((spec.name, float(value)))
    return name, tuple(overrides), samples, year


def _verdicts(result: model.DashboardResult, year: int) -> None:
    year = min(max(year, result.years[0]), result.years[-1])  # inside the scenario's years
    cols = st.columns(4)
    cols[0].metric(f"P(orbit cheaper per token), {year}", f"{result.p_cheaper.loc[year]:.2f}")
    cols[1].metric(
        f"median $/Mtok in orbit, {year}",
        format_number(result.median_cost("orbit", year), "USD"),
    )
    cols[2].metric(
        f"median $/Mtok on the ground, {year}",
        format_number(result.median_cost("earth", year), "USD"),
    )
    first = result.first_cheaper_year()
    cols[3].metric("orbit cheaper in half the samples from", "never" if first is None else first)
    lines = []
    for claim, claim_year, faster, text in (
        ("C1", C1_YEAR, False, "orbit cheapest"),
        ("C2", C2_YEAR, True, "orbit adds the most compute"),
    ):
        series = result.p_faster if faster else result.p_cheaper
        if claim_year in series.index:
            word = result.word(claim_year, faster=faster)
            p = float(series.loc[claim_year])
            lines.append(f"**{claim}** ({text} by {claim_year}): P = {p:.2f}, *{word}*")
    st.markdown(" · ".join(lines))


def _satellite_tab(preset: str) -> None:
    st.caption(
        "Size one satellite of the chosen preset from physics; these sliders change the "
        "design only (the scenario run uses the preset as shipped)."
    )
    values: list[tuple[str, float]] = []
    cols = st.columns(len(model.SATELLITE_SLIDERS))
    for col, spec in zip(cols, model.SATELLITE_SLIDERS, strict=True):
        begin = model.preset_value(preset, spec.key)
        value = col.number_input(
            spec.label,
            min_value=spec.low,
            max_value=spec.high,
            value=min(max(begin, spec.low), spec.high),
            step=spec.step,
            key=f"sat:{preset}:{spec.key}",
        )
        if model.moved(float(value), begin, spec.step):
            values.append((spec.key, float(value)))
    specific_power, figure = _budget(preset, tuple(values))
    st.metric("array power per satellite mass", f"{specific_power:.1f} W/kg")
    st.plotly_chart(figure)


@st.cache_data(max_entries=64, show_spinner=False)
def _budget(preset: str, values: tuple[tuple[str, float], ...]) -> tuple[float, Any]:
    budget = model.size_design(preset, values)
    return float(budget.specific_power_w_per_kg), to_plotly(charts.budget_chart({preset: budget}))


def main() -> None:
    """Lay out the dashboard (Streamlit runs this script top to bottom on every change)."""
    st.set_page_config(page_title="terawatt dashboard", layout="wide")
    st.title("terawatt: orbit or ground, which assumption decides?")
    found = model.scenario_dir()
    folder = str(found) if found is not None else ""
    try:
        name, overrides, samples, year = _sidebar(folder)
        result = _run(name, folder, overrides, samples)
    except InputError as exc:
        st.error(str(exc))
        return
    _verdicts(result, year)
    st.caption(
        f"{result.samples:,} samples of scenario {result.scenario}; run in "
        f"{result.elapsed_s * 1e3:.0f} ms"
        + (f"; overrides: {', '.join(f'{k}={v}' for k, v in overrides)}" if overrides else "")
    )
    view = st.radio("figure", [*_VIEWS, _SATELLITE, _SEARCH], horizontal=True, key="view")
    if view == _SEARCH:
        _search_tab(name, folder)
    elif view == _SATELLITE:
        preset = dict(overrides).get("orbit.satellite_preset")
        start = _start_values(name, folder)["orbit.satellite_preset"]
        shown = str(preset) if preset else str(start)
        if shown not in load_presets():  # drawn per sample: show the most likely design
            table = parameter("orbit.satellite_preset")
            shown = table.central_text() if table else DEFAULT_PRESET
        _satellite_tab(shown)
    else:
        # only the chosen figure is built and sent: a re-render stays quick
        st.plotly_chart(_VIEWS[view](result, name))


def _search_tab(name: str, folder: str) -> None:
    """The design search: pick objectives and variables, run a small NSGA-II, see the front."""
    st.caption(
        f"NSGA-II over the chosen design variables of scenario {name}, every design on the "
        f"same {model.SEARCH_SAMPLES} draws, objectives in {model.SEARCH_YEAR}; the red "
        "point is the scenario's own design (terawatt optimize runs larger searches)."
    )
    left, right = st.columns(2)
    objectives = left.multiselect(
        "objectives", model.SEARCH_OBJECTIVES, default=["cost_median", "mass_per_gw"]
    )
    variables = right.multiselect(
        "variables", model.SEARCH_VARIABLES, default=["radiator.temperature", "orbit.altitude"]
    )
    a, b, c = st.columns(3)
    population = a.number_input(
        "population", *model.SEARCH_POPULATION, value=12, step=1, key="search:population"
    )
    generations = b.number_input(
        "generations", *model.SEARCH_GENERATIONS, value=4, step=1, key="search:generations"
    )
    seed = c.number_input("seed", 0, 10_000, value=0, step=1, key="search:seed")
    if st.button("run the search", key="search:run"):
        st.session_state["search:asked"] = (
            name,
            folder,
            tuple(objectives),
            tuple(variables),
            int(population),
            int(generations),
            int(seed),
        )
    asked = st.session_state.get("search:asked")
    if asked is None:
        return
    try:
        with st.spinner("searching..."):
            found = _search(*asked)
    except InputError as exc:
        st.error(str(exc))
        return
    gap = found.result.reference_gap()
    st.metric("front designs dominating the scenario's own", f"{gap['dominated_by']}")
    st.plotly_chart(to_plotly(found.chart))
    st.dataframe(found.table, hide_index=True)
    st.caption(f"{found.result.evaluations} designs evaluated in {found.elapsed_s:.1f} s")


@st.cache_data(max_entries=16, show_spinner=False)
def _search(
    name: str,
    folder: str,
    objectives: tuple[str, ...],
    variables: tuple[str, ...],
    population: int,
    generations: int,
    seed: int,
) -> model.DesignSearch:
    return model.search_designs(
        name, _choices(folder), objectives, variables, population, generations, seed
    )


def _cost(result: model.DashboardResult, name: str) -> Any:
    return to_plotly(charts.cost_bands_chart(result.cost_bands, name, result.samples))


def _added(result: model.DashboardResult, name: str) -> Any:
    return to_plotly(charts.added_bands_chart(result.added_bands, name))


def _odds(result: model.DashboardResult, name: str) -> Any:
    return to_plotly(charts.odds_series_chart(result.p_cheaper, result.p_faster, name))


_VIEWS: dict[str, Callable[[model.DashboardResult, str], Any]] = {
    "cost per token": _cost,
    "compute added": _added,
    "odds": _odds,
}
_SATELLITE = "satellite budget"
_SEARCH = "design search"


main()
