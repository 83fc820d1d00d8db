"""Footprint per token in the report: ground vs orbit on one boundary, and "is orbit greener?".

From a run's Dataset (its ``co2e_kg_per_mtok`` and ``water_l_per_mtok``):

- :func:`greener_probability`: per year, the share of samples in which orbit's CO2e per
  million tokens is below the ground's (the same sample: the same chips, the same model);
- :func:`footprint_table`: the chosen years' medians and 5-95 % ranges of CO2e and water per
  million tokens, ground and orbit, with the probability and the terms that decide it;
- :func:`greener_answer`: the claim-style answer, one sentence per year;
- :func:`footprint_chart`: a chart spec (Plotly in the HTML report, matplotlib for
  ``terawatt report --figures``): the terms stacked for both sides and the probability
  by year.

The terms (which category weighs what) are not in the Dataset: :func:`footprint_terms`
runs the engine on a few samples of the scenario with
:func:`terawatt.scenario.footprint.recording` and keeps each term's median per year and
side. The method and sources are in docs/footprint.md.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import xarray as xr

from terawatt.errors import InputError
from terawatt.report.spec import Bars, Chart, Line, Panel, Rule
from terawatt.scenario import engine, runner
from terawatt.scenario.footprint import CO2E_TERMS, NON_CO2_TERMS, WATER_TERMS, recording
from terawatt.scenario.schema import Scenario, default_scenario, sample_parameters

__all__ = [
    "TABLE_YEARS",
    "FootprintResult",
    "footprint_chart",
    "footprint_charts",
    "footprint_result",
    "footprint_table",
    "footprint_terms",
    "greener_answer",
    "greener_probability",
]

#: The years the report's table shows.
TABLE_YEARS = (2025, 2035)
#: Samples :func:`footprint_terms` runs (medians of the terms).
TERM_SAMPLES = 200


def _site(ds: xr.Dataset, kind: str, site: str | None) -> xr.Dataset:
    """One site's variables: ``site`` by name, or the first site of ``kind``."""
    kinds = ds["kind"].to_numpy()
    names = [str(s) for s in ds["site"].to_numpy()]
    if site is None:
        picked = [n for n, k in zip(names, kinds, strict=True) if k == kind]
        if not picked:
            raise InputError("kind", kind, f"a site of kind {kind} in the results")
        site = picked[0]
    if site not in names:
        raise InputError("site", site, f"one of {', '.join(names)}")
    return ds.sel(site=site, drop=True)


def greener_probability(
    ds: xr.Dataset, *, earth_site: str | None = None, orbit_site: str | None = None
) -> pd.Series:
    """P(orbit's CO2e per million tokens is below the ground's), per year.

    Over the samples where both are finite (same sample on both sides).
    """
    ground = _site(ds, "earth", earth_site)["co2e_kg_per_mtok"]
    orbit = _site(ds, "orbit", orbit_site)["co2e_kg_per_mtok"]
    both = np.isfinite(ground) & np.isfinite(orbit)
    below = (orbit < ground).where(both)
    return below.mean("sample").to_series().rename("p_orbit_greener")


def footprint_terms(
    scenario: Scenario, years: Sequence[int] = TABLE_YEARS, samples: int = TERM_SAMPLES
) -> pd.DataFrame:
    """Median of every footprint term per year and side, from a run of ``samples`` samples.

    Parameters
    ----------
    scenario : Scenario
        The scenario (its seed, sites and parameters); its first ``samples`` samples run.
    years : sequence of int
        Years to keep (within the scenario's).
    samples : int, optional
        Samples to run.

    Returns
    -------
    pandas.DataFrame
        Index (year, site column, kind); columns ``co2e.<term>`` [kg/Mtok], ``water.<term>``
        [L/Mtok], ``non_co2.<term>`` [kg/Mtok] and ``grid_g_per_kwh``: medians over the
        samples (the medians of terms need not add up to the median total).
    """
    run_years = np.arange(scenario.start_year, scenario.end_year + 1)
    wanted = {int(y) for y in years}
    if not wanted <= set(run_years.tolist()):
        raise InputError("years", sorted(wanted), f"years within {run_years[0]}-{run_years[-1]}")
    params = sample_parameters(scenario, 0, samples)
    last = max(wanted)
    with recording() as record:
        engine.run_chunk(params, run_years[run_years <= last], sites=scenario.sites)
    rows = []
    for year, col, foot in record:
        if year not in wanted:
            continue
        row: dict[str, object] = {"year": year, "site": col, "kind": foot.kind}
        for group, terms in (("co2e", foot.co2e), ("water", foot.water), ("non_co2", foot.non_co2)):
            for name, values in terms.items():
                row[f"{group}.{name}"] = float(np.nanmedian(values))
        row["grid_g_per_kwh"] = float(np.nanmedian(foot.intensity_g_per_kwh))
        rows.append(row)
    return pd.DataFrame(rows).set_index(["year", "site", "kind"])


def _quantiles(values: xr.DataArray) -> tuple[float, float, float]:
    q = values.quantile([0.05, 0.5, 0.95], dim="sample", skipna=True).to_numpy()
    return float(q[1]), float(q[0]), float(q[2])


def _deciding(terms: pd.DataFrame | None, year: int) -> str:
    """The terms that decide the year's comparison: each side's largest CO2e terms."""
    if terms is None or year not in terms.index.get_level_values("year"):
        return ""
    at = terms.xs(year, level="year")
    parts = []
    for kind, label in (("earth", "ground"), ("orbit", "orbit")):
        rows = at.xs(kind, level="kind")
        if rows.empty:
            continue
        row = rows.iloc[0]
        co2e = {t: float(row[f"co2e.{t}"]) for t in CO2E_TERMS}
        total = sum(co2e.values())
        top = sorted(co2e.items(), key=lambda kv: -kv[1])[:2]
        shares = ", ".join(f"{t.replace('_', ' ')} {v / total:.0%}" for t, v in top if total > 0)
        extra = f" at {row['grid_g_per_kwh']:.0f} g/kWh" if kind == "earth" else ""
        parts.append(f"{label}: {shares}{extra}")
    return "; ".join(parts)


def _non_co2(terms: pd.DataFrame | None, year: int) -> dict[str, float]:
    """Orbit's median black carbon and alumina per million tokens [kg] (NaN without terms)."""
    out = {"orbit_black_carbon_kg": np.nan, "orbit_alumina_kg": np.nan}
    if terms is None or year not in terms.index.get_level_values("year"):
        return out
    rows = terms.xs(year, level="year").xs("orbit", level="kind")
    if not rows.empty:
        out["orbit_black_carbon_kg"] = float(rows.iloc[0]["non_co2.black_carbon"])
        out["orbit_alumina_kg"] = float(rows.iloc[0]["non_co2.alumina"])
    return out


def footprint_table(
    ds: xr.Dataset,
    *,
    terms: pd.DataFrame | None = None,
    years: Sequence[int] = TABLE_YEARS,
    earth_site: str | None = None,
    orbit_site: str | None = None,
) -> pd.DataFrame:
    """CO2e and water per million tokens, ground vs orbit, for ``years``.

    Parameters
    ----------
    ds : xarray.Dataset
        A run's results (with ``co2e_kg_per_mtok`` and ``water_l_per_mtok``).
    terms : pandas.DataFrame, optional
        :func:`footprint_terms` of the same scenario: adds the deciding terms.
    years : sequence of int
        The years shown (default 2025 and 2035).
    earth_site, orbit_site : str, optional
        The sites compared (default: the first of each kind).

    Returns
    -------
    pandas.DataFrame
        One row per year: ``ground_co2e_kg`` and ``orbit_co2e_kg`` (medians per million
        tokens) with their ``_p5`` and ``_p95``, the same for ``_water_l``,
        ``p_orbit_greener``, ``deciding`` (text; empty without ``terms``) and, beside CO2e,
        ``orbit_black_carbon_kg`` and ``orbit_alumina_kg`` (median terms per million
        tokens; NaN without ``terms``).
    """
    ground = _site(ds, "earth", earth_site)
    orbit = _site(ds, "orbit", orbit_site)
    p = greener_probability(ds, earth_site=earth_site, orbit_site=orbit_site)
    rows = []
    for year in years:
        if year not in p.index:
            raise InputError("years", year, "a year of the run")
        row: dict[str, object] = {"year": int(year)}
        for side, data in (("ground", ground), ("orbit", orbit)):
            for variable, label in (
                ("co2e_kg_per_mtok", "co2e_kg"),
                ("water_l_per_mtok", "water_l"),
            ):
                med, low, high = _quantiles(data[variable].sel(year=year))
                row[f"{side}_{label}"] = med
                row[f"{side}_{label}_p5"] = low
                row[f"{side}_{label}_p95"] = high
        row["p_orbit_greener"] = float(p.loc[year])
        row["deciding"] = _deciding(terms, int(year))
        row.update(_non_co2(terms, int(year)))
        rows.append(row)
    return pd.DataFrame(rows).set_index("year")


def greener_answer(table: pd.DataFrame) -> list[str]:
    """Is orbital compute greener? One claim-style sentence per row of :func:`footprint_table`."""
    lines = []
    for year, row in table.iterrows():
        p = float(row["p_orbit_greener"])
        verdict = "yes" if p >= 0.9 else "likely" if p >= 0.5 else "unlikely" if p > 0.1 else "no"
        text = (
            f"{year}: {verdict} - orbit emits less CO2e per million tokens than the ground in "
            f"{p:.0%} of samples (median {row['orbit_co2e_kg'] * 1e3:.1f} vs "
            f"{row['ground_co2e_kg'] * 1e3:.1f} g CO2e/Mtok, cradle to grave on both sides)"
        )
        if row.get("deciding"):
            text += f"; decided by {row['deciding']}"
        if np.isfinite(row.get("orbit_black_carbon_kg", np.nan)):
            text += (
                f"; beside CO2e, orbit emits {row['orbit_black_carbon_kg'] * 1e6:.2g} mg black "
                f"carbon and {row['orbit_alumina_kg'] * 1e6:.2g} mg alumina per million tokens "
                "into the upper atmosphere"
            )
        lines.append(text + ".")
    return lines


#: Colours of the CO2e terms (the report's palette: Tableau 10).
_COLOURS = dict(
    zip(CO2E_TERMS, ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1"), strict=True)
)


def footprint_chart(
    ds: xr.Dataset, terms: pd.DataFrame, *, years: Sequence[int] = TABLE_YEARS
) -> Chart:
    """The footprint as a chart spec: stacked CO2e terms for ``years``, and P(greener).

    The HTML report draws it with Plotly, ``terawatt report --figures`` with matplotlib.

    Parameters
    ----------
    ds : xarray.Dataset
        A run's results.
    terms : pandas.DataFrame
        :func:`footprint_terms` of the same scenario (it holds ``years``).
    years : sequence of int
        The years whose terms are stacked.

    Returns
    -------
    Chart
    """
    categories: list[str] = []
    stacks: dict[str, list[float]] = {t: [] for t in CO2E_TERMS}
    for year in years:
        at = terms.xs(int(year), level="year")
        for kind, side in (("earth", "ground"), ("orbit", "orbit")):
            row = at.xs(kind, level="kind").iloc[0]
            categories.append(f"{side} {year}")
            for t in CO2E_TERMS:
                stacks[t].append(float(row[f"co2e.{t}"]) * 1e3)
    bars = tuple(
        Bars(
            tuple(categories),
            np.asarray(values),
            t.replace("_", " "),
            _COLOURS[t],
            unit="g",
        )
        for t, values in stacks.items()
    )
    p = greener_probability(ds)
    return Chart(
        "footprint",
        "Footprint per million tokens, ground vs orbit, one boundary",
        (
            Panel(
                bars,
                y_title="g CO2e per million tokens (median terms)",
                title="CO2e by category",
                bars="stack",
            ),
            Panel(
                (Line(p.index.to_numpy(), p.to_numpy(), "P(orbit greener)", "#59a14f"),),
                x_title="year",
                y_title="P(orbit's CO2e/Mtok < ground's)",
                title="Is orbital compute greener?",
                y_range=(0.0, 1.0),
                rules=(Rule("y", 0.5),),
            ),
        ),
        "Cradle to grave on both sides: embodied chips and site, operations, transport "
        "(launches in orbit), end of life (re-entry in orbit). Medians of the terms; "
        "non-CO2 (black carbon, alumina) is reported beside, not in CO2e.",
    )


#: Samples of the report's footprint run (:func:`footprint_result`).
REPORT_SAMPLES = 1000
#: One line on the section, for the report.
INTRO = (
    "CO2e and water per million tokens, ground vs orbit, cradle to grave on one boundary "
    "(embodied chips and site, operations, transport and launches, end of life and "
    "re-entry), on the parameter table's defaults; see docs/footprint.md."
)


@dataclass(frozen=True)
class FootprintResult:
    """The report's footprint section: the table, the answer and the chart."""

    table: pd.DataFrame
    answer: tuple[str, ...]
    chart: Chart


def footprint_result(seed: int = 0, samples: int = REPORT_SAMPLES) -> FootprintResult:
    """Run the default scenario and build the footprint section (the report's extras).

    Parameters
    ----------
    seed : int, optional
        Seed of the run.
    samples : int, optional
        Monte Carlo samples.

    Returns
    -------
    FootprintResult
        Its chart's caption is the claim-style answer for :data:`TABLE_YEARS`.
    """
    scenario = default_scenario(samples=samples, seed=seed)
    ds = runner.run(scenario, samples=samples)
    terms = footprint_terms(scenario)
    table = footprint_table(ds, terms=terms)
    answer = tuple(greener_answer(table))
    chart = dataclasses.replace(
        footprint_chart(ds, terms), caption=" ".join(answer) + " Method: docs/footprint.md."
    )
    return FootprintResult(table, answer, chart)


def footprint_charts(result: object) -> list[Chart]:
    """The section's charts (none for anything but a :class:`FootprintResult`: an error)."""
    return [result.chart] if isinstance(result, FootprintResult) else []


#: What the table's columns hold, for captions.
COLUMNS = {
    "co2e": "kg CO2e per million tokens (median, 5-95 %)",
    "water": "litres per million tokens (median, 5-95 %)",
    "non_co2": ", ".join(NON_CO2_TERMS),
    "water_terms": ", ".join(WATER_TERMS),
}
