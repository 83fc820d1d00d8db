"""The ``terawatt`` command: parse, call, print. No physics lives here.

Every command that computes something takes ``--json`` and then prints one JSON
document on standard output and nothing else. Bad input prints one line naming
the field, the value and what was expected, and exits with status 2.
"""

from __future__ import annotations

import math
import sys
from importlib import import_module
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import pandas as pd
import typer
import xarray as xr
from rich.table import Table
from rich.text import Text

from terawatt import __version__
from terawatt._cli_common import JsonOption, err, out
from terawatt._cli_common import parse_sets as _parse_sets
from terawatt._cli_common import print_json as _print_json
from terawatt.claims import Verdict
from terawatt.claims import evaluate as evaluate_claims
from terawatt.earth import compute as compute_model
from terawatt.earth.electricity import grid_outlook
from terawatt.errors import InputError
from terawatt.physics import orbit as orbit_physics
from terawatt.report.figures import grid_figure, scenario_figure
from terawatt.scenario import analysis
from terawatt.scenario import runner as scenario_runner
from terawatt.scenario.jsonschema import json_schema
from terawatt.scenario.schema import defaults_yaml, load_scenario
from terawatt.space.presets import (
    DEFAULT_PRESET,
    design_from_file,
    design_from_values,
    load_presets,
)
from terawatt.space.satellite import SATELLITE_PARAMETERS, SatelliteBudget, size_satellite
from terawatt.units import format_quantity, parse_clock_hours, to_si

app = typer.Typer(
    name="terawatt",
    help="Watts, tonnes and dollars of AI compute: Earth's grids, solar AI satellites, the Moon.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
# --------------------------------------------------------------------------- orbit


def orbit_summary(altitude_m: float, ltan_h: float, year: int) -> dict[str, Any]:
    """Inclination, period and sunlight statistics of a sun-synchronous orbit."""
    stats = orbit_physics.sunlight_stats(altitude_m, ltan_h, year)
    return {
        "altitude_m": altitude_m,
        "ltan_h": ltan_h,
        "year": year,
        "inclination_deg": float(orbit_physics.sso_inclination_deg(altitude_m)),
        "period_s": float(orbit_physics.period_s(altitude_m)),
        "sunlit_fraction": float(stats.sunlit_fraction),
        "eclipse_season_days": float(stats.eclipse_season_days),
        "max_eclipse_s": float(stats.max_eclipse_s),
        "min_abs_beta_deg": float(stats.min_abs_beta_deg),
    }


def _orbit_table(s: dict[str, Any]) -> Table:
    h, m = divmod(round(s["ltan_h"] * 60), 60)
    table = Table(
        title=f"Sun-synchronous orbit, {s['altitude_m'] / 1e3:g} km, LTAN {h:02d}:{m:02d}"
        f", {s['year']}"
    )
    table.add_column("quantity")
    table.add_column("value", justify="right")
    table.add_row("inclination", f"{s['inclination_deg']:.3f} deg")
    table.add_row("period", f"{s['period_s'] / 60:.2f} min")
    table.add_row("sunlit fraction (year)", f"{s['sunlit_fraction']:.4f}")
    table.add_row("eclipse season", f"{s['eclipse_season_days']:.0f} days")
    table.add_row("longest eclipse", f"{s['max_eclipse_s'] / 60:.1f} min")
    table.add_row("minimum |beta|", f"{s['min_abs_beta_deg']:.2f} deg")
    return table


@app.command()
def orbit(
    altitude: Annotated[str, typer.Option(help="Orbit altitude with unit, e.g. 650km.")] = "650 km",
    ltan: Annotated[
        str, typer.Option(help="Local time of the ascending node, e.g. 18:00 (dawn-dusk).")
    ] = "18:00",
    year: Annotated[int, typer.Option(help="Year for the Sun's geometry.")] = 2026,
    as_json: JsonOption = False,
) -> None:
    """Inclination, period and sunlight of a sun-synchronous orbit."""
    altitude_m = to_si(altitude, "m", "--altitude")
    if not 1.0e5 <= altitude_m <= 5.9e6:
        raise InputError("--altitude", altitude, "an altitude between 100 km and 5,900 km")
    summary = orbit_summary(altitude_m, parse_clock_hours(ltan, "--ltan"), year)
    if as_json:
        _print_json(summary)
    else:
        out.print(_orbit_table(summary))


# ----------------------------------------------------------------------- satellite


def satellite_payload(budget: SatelliteBudget) -> dict[str, Any]:
    """The JSON document of ``terawatt satellite --json``."""
    payload = budget.scalars()
    d = budget.design
    payload["design"] = d.label
    payload["inputs"] = {
        p.key: getattr(d, p.attr)
        if p.kind != "quantity"
        else {"value": p.to_display(float(getattr(d, p.attr))), "unit": p.display_unit}
        for p in SATELLITE_PARAMETERS
    }
    return payload


def _satellite_table(b: SatelliteBudget, title: str) -> Table:
    s = b.scalars()
    total = s["mass_kg"]
    table = Table(title=title)
    table.add_column("budget")
    table.add_column("value", justify="right")
    table.add_column("share", justify="right")
    for name, kg in s["mass_breakdown_kg"].items():
        table.add_row(
            f"mass: {name.replace('_', ' ')}", format_quantity(kg, "kg"), f"{kg / total:.1%}"
        )
    table.add_row(
        "[b]mass: total[/b]", f"[b]{format_quantity(total, 'kg')}[/b]", "100.0%", end_section=True
    )
    rows = [
        ("compute (IT) power", format_quantity(s["compute_power_w"], "W")),
        ("accelerators", f"{s['accelerators']:.0f} x {b.design.accelerator}"),
        ("array power, beginning of life", format_quantity(s["power_w"], "W")),
        ("array power needed, end of life", format_quantity(s["end_of_life_power_w"], "W")),
        (
            "[b]specific power (array / total mass)[/b]",
            f"[b]{s['specific_power_w_per_kg']:.1f} W/kg[/b]",
        ),
        ("compute power / total mass", f"{s['compute_specific_power_w_per_kg']:.1f} W/kg"),
        ("solar array area", f"{s['solar_array_area_m2']:.0f} m^2"),
        ("radiator area (both faces radiate)", f"{s['radiator_area_m2']:.0f} m^2"),
        ("radiator net flux", f"{s['radiator_net_flux_w_per_m2']:.0f} W/m^2"),
        ("battery energy", f"{s['battery_energy_j'] / 3.6e6:,.1f} kWh"),
        ("sunlit fraction / compute duty", f"{s['sunlit_fraction']:.4f} / {s['compute_duty']:.4f}"),
        ("longest eclipse", f"{s['max_eclipse_s'] / 60:.1f} min"),
        ("FLOP ceiling", f"{s['flop_per_s'] / 1e15:,.1f} PFLOP/s"),
        ("tokens/s", f"{s['tokens_per_s']:,.0f}"),
        ("compute energy per year", format_quantity(s["annual_compute_energy_j"] / 3.6e9, "MWh")),
        ("unit cost (excl. launch)", f"${s['unit_cost_usd'] / 1e6:,.2f} M"),
    ]
    for label, value in rows:
        table.add_row(label, value, "")
    return table


@app.command()
def satellite(
    design_file: Annotated[
        Path | None, typer.Argument(help="YAML design: 'preset:' plus parameter overrides.")
    ] = None,
    preset: Annotated[
        str | None, typer.Option(help=f"Preset to start from (default {DEFAULT_PRESET}).")
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set", help="Override a parameter with units: --set array.specific_power='150 W/kg'."
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Mass, power and output budget of a solar-powered AI satellite."""
    overrides = _parse_sets(set_ or [])
    if design_file is not None:
        design = design_from_file(design_file, overrides, preset=preset)
    else:
        design = design_from_values(overrides, preset=preset or DEFAULT_PRESET, where="--set")
    budget = size_satellite(design)
    if as_json:
        _print_json(satellite_payload(budget))
    else:
        out.print(_satellite_table(budget, f"AI satellite budget: {design.label}"))


@app.command()
def parameters(
    preset: Annotated[
        str, typer.Option(help="Preset whose values and sources to show.")
    ] = DEFAULT_PRESET,
    as_json: JsonOption = False,
) -> None:
    """List the satellite design parameters with the preset's values and sources."""
    presets = load_presets()
    if preset not in presets:
        raise InputError("--preset", preset, f"one of {', '.join(map(repr, presets))}")
    p = presets[preset]
    rows = [
        {
            "key": q.key,
            "value": p.values.get(q.key),
            "unit": q.display_unit,
            "description": q.description,
            "source": p.sources.get(q.key),
        }
        for q in SATELLITE_PARAMETERS
    ]
    if as_json:
        _print_json({"preset": preset, "description": p.description, "parameters": rows})
        return
    table = Table(title=f"Satellite parameters, preset {preset!r}", show_lines=False)
    for col in ("key", "value", "description", "source"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(r["key"], str(r["value"]), r["description"], r["source"] or "")
    out.print(table)


# ---------------------------------------------------------------------------- grid


def _year_range(text: str, field: str) -> tuple[int, int]:
    start, sep, end = text.partition(":")
    try:
        lo, hi = int(start), int(end if sep else start)
    except ValueError as exc:
        raise InputError(field, text, "a year range START:END, e.g. 2000:2035") from exc
    if lo > hi:
        raise InputError(field, text, "a year range with START <= END")
    return lo, hi


def _grid_table(table: pd.DataFrame) -> Table:
    first = str(table["country"].iloc[0])
    t = Table(title="Electricity generation [TWh/yr]; projection = median (5-95 %)")
    t.add_column("year", justify="right")
    codes = list(dict.fromkeys(table["country"]))
    for c in codes:
        t.add_column(c, justify="right")
    for c in codes[1:]:
        t.add_column(f"{first}/{c}", justify="right")
    t.add_column("AI power added [GW]", justify="right")
    for year, rows in table.groupby("year"):
        cells = [str(year)]
        by = {str(r["country"]): r for r in rows.to_dict(orient="records")}
        for c in codes:
            r = by.get(c)
            if r is None:
                cells.append("")
            elif r["kind"] == "projection":
                cells.append(
                    f"{r['generation_twh']:,.0f} ({r['generation_twh_p5']:,.0f}-"
                    f"{r['generation_twh_p95']:,.0f})"
                )
            else:
                cells.append(f"{r['generation_twh']:,.0f}")
        for c in codes[1:]:
            r = by.get(c)
            cells.append("" if r is None else f"{1.0 / r['ratio_to_first']:.2f}")
        added = [by[c]["ai_power_added_w"] for c in codes if c in by]
        cells.append(" / ".join("-" if np.isnan(a) else f"{a / 1e9:.1f}" for a in added))
        t.add_row(*cells)
    return t


@app.command()
def grid(
    countries: Annotated[
        list[str], typer.Argument(help="Countries: ISO-3 codes or names, e.g. CHN USA.")
    ],
    years: Annotated[str, typer.Option(help="Year range START:END.")] = "2000:2035",
    fit: Annotated[str, typer.Option(help="Years the trend is fitted over.")] = "2015:2024",
    samples: Annotated[int, typer.Option(min=1, max=200_000, help="Monte Carlo samples.")] = 2000,
    seed: Annotated[int, typer.Option(help="Seed of every random draw.")] = 0,
    plot: Annotated[
        Path | None, typer.Option(help="Also write a figure (.png, .svg or .pdf).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Electricity generation by country: history, projection, ratio, power for AI."""
    lo, hi = _year_range(years, "--years")
    table = grid_outlook(
        countries, lo, hi, fit_window=_year_range(fit, "--fit"), samples=samples, seed=seed
    )
    if plot is not None:
        grid_figure(table, plot)
    if as_json:
        records = table.to_dict(orient="records")
        for r in records:
            if r["kind"] == "history":
                r.pop("generation_twh_p5", None)
                r.pop("generation_twh_p95", None)
        _print_json(records)
        return
    out.print(_grid_table(table))
    if plot is not None:
        err.print(f"figure written to {plot}")


# --------------------------------------------------------------- compute by country


def compute_outlook(
    countries: list[str] | None, start: int, end: int, samples: int, seed: int
) -> pd.DataFrame:
    """Per country and year: AI capacity quantiles, binding shares and the usual binding."""
    scenario = compute_model.ComputeScenario.from_defaults(countries or None)
    if start < scenario.base_year:
        raise InputError("--years", f"{start}:{end}", f"years from {scenario.base_year} on")
    scenario = scenario.replace(end_year=max(end, scenario.base_year))
    drawn = scenario.sample(samples, seed)
    ds = compute_model.ai_compute_capacity(
        drawn, compute_model.default_power_additions(drawn), years=(start, end)
    )
    table = compute_model.binding_summary(ds)
    shares = table[[f"share_{b}" for b in compute_model.BINDING_MEANINGS]].to_numpy()
    table["binding"] = [compute_model.BINDING_MEANINGS[i] for i in shares.argmax(axis=1)]
    return table


@app.command("compute-by-country")
def compute_by_country(
    countries: Annotated[
        list[str] | None,
        typer.Option("--countries", help="Countries (repeat the option); default the top 10."),
    ] = None,
    years: Annotated[str, typer.Option(help="Year range START:END.")] = "2025:2035",
    samples: Annotated[int, typer.Option(min=1, max=100_000, help="Monte Carlo samples.")] = 2000,
    seed: Annotated[int, typer.Option(help="Seed of every random draw.")] = 0,
    as_json: JsonOption = False,
) -> None:
    """AI compute capacity by country and year, and which constraint binds."""
    lo, hi = _year_range(years, "--years")
    table = compute_outlook(countries, lo, hi, samples, seed)
    if as_json:
        _print_json(table.to_dict(orient="records"))
        return
    t = Table(title="AI compute capacity [GW of AI data centres in use], median (5-95 %)")
    for col in ("country", "year", "capacity", "binds", "power / chips / capital"):
        t.add_column(col, justify="right" if col != "country" else "left")
    for r in table.to_dict(orient="records"):
        t.add_row(
            str(r["country"]),
            str(r["year"]),
            f"{r['capacity_w_median'] / 1e9:,.1f} ({r['capacity_w_p05'] / 1e9:,.1f}-"
            f"{r['capacity_w_p95'] / 1e9:,.1f})",
            str(r["binding"]),
            f"{r['share_power']:.0%} / {r['share_chips']:.0%} / {r['share_capital']:.0%}",
        )
    out.print(t)


# ------------------------------------------------------------------------ scenarios

_REPORT_YEARS = (2025, 2026, 2028, 2030, 2035, 2040, 2045, 2050, 2055, 2060, 2070, 2080, 2090, 2100)


def run_payload(ds: xr.Dataset) -> dict[str, Any]:
    """The JSON document of ``terawatt run --json``: per year, medians and odds."""
    cheaper = analysis.orbit_cheaper_probability(ds)
    faster = analysis.orbit_faster_probability(ds)
    medians = ds.median("sample")
    years = []
    for year in ds["year"].to_numpy():
        row: dict[str, Any] = {
            "year": int(year),
            "p_orbit_cheaper": float(cheaper.loc[year]),
            "p_orbit_faster": float(faster.loc[year]),
        }
        for site in ds["site"].to_numpy():
            at = medians.sel(year=year, site=site)
            row[str(site)] = {v: float(at[v]) for v in ds.data_vars}
        years.append(row)
    return {**dict(ds.attrs), "statistic": "median", "years": years}


@app.command("run")
def run_scenario(
    scenario_file: Annotated[Path, typer.Argument(help="Scenario YAML (see scenarios/).")],
    samples: Annotated[
        int | None, typer.Option(min=1, max=10_000_000, help="Monte Carlo samples.")
    ] = None,
    seed: Annotated[int | None, typer.Option(min=0, help="Seed of every random draw.")] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", help="Override a parameter: --set launch.initial_cost='500 USD/kg'."),
    ] = None,
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write results to .nc (netCDF) or .parquet.")
    ] = None,
    checkpoint: Annotated[
        Path | None,
        typer.Option(
            help="Folder for finished chunks; rerun with it to resume an interrupted run."
        ),
    ] = None,
    progress: Annotated[
        bool | None, typer.Option("--progress/--no-progress", help="Progress bar.")
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, max=256, help="Processes computing chunks in parallel.")
    ] = 1,
    plot: Annotated[
        Path | None, typer.Option(help="Also write a figure (.png, .svg or .pdf).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Run a scenario year by year under uncertainty: costs, build-out, launches."""
    overrides: dict[str, Any] = dict(_parse_sets(set_ or []))
    if seed is not None:
        overrides["seed"] = seed
    scenario = load_scenario(scenario_file, overrides=overrides)
    if out_file is not None and out_file.suffix.lower() not in (".nc", ".parquet"):
        raise InputError("--out", str(out_file), "a file name ending in .nc or .parquet")
    show = err.is_terminal if progress is None else progress
    ds = scenario_runner.run(
        scenario, samples=samples, checkpoint_dir=checkpoint, progress=show, workers=workers
    )
    if out_file is not None:
        scenario_runner.save_results(ds, out_file)
    if plot is not None:
        scenario_figure(ds, plot)
    if as_json:
        _print_json(run_payload(ds))
        return
    cheaper = analysis.orbit_cheaper_probability(ds)
    faster = analysis.orbit_faster_probability(ds)
    kinds = tuple(k for k in ("earth", "orbit", "moon") if k in set(ds["kind"].to_numpy()))
    med = {
        (var, kind): analysis.by_kind(ds, var, kind).median("sample")
        for var in ("cost_per_mtok_usd", "compute_added_w", "launch_cost_usd_per_kg")
        for kind in kinds
    }
    several = len(ds["site"]) > len(kinds)
    t = Table(
        title=f"Scenario {scenario.name}: medians of {ds.sizes['sample']:,} samples",
        caption="$/Mtok: levelized cost of a million tokens from capacity built that year"
        + (" at the cheapest site of each kind; GW+: summed over sites" if several else "")
        + "; P: share of samples in which orbit is cheaper / adds more compute than Earth",
    )
    columns = ["year", "$/Mtok Earth", "$/Mtok orbit", "P cheaper", "GW+ Earth", "GW+ orbit"]
    columns += ["P faster", "launch $/kg"]
    for col in columns:
        t.add_column(col, justify="right")
    for year in _REPORT_YEARS:
        if year not in cheaper.index:
            continue

        def at(var: str, kind: str, year: int = year) -> float:
            return float(med[var, kind].sel(year=year))

        t.add_row(
            str(year),
            f"{at('cost_per_mtok_usd', 'earth'):.2g}",
            f"{at('cost_per_mtok_usd', 'orbit'):.2g}",
            f"{cheaper.loc[year]:.2f}",
            f"{at('compute_added_w', 'earth') / 1e9:,.1f}",
            f"{at('compute_added_w', 'orbit') / 1e9:,.2f}",
            f"{faster.loc[year]:.2f}",
            f"{at('launch_cost_usd_per_kg', 'orbit'):,.0f}",
        )
    out.print(t)
    if "moon" in kinds:
        out.print(_moon_table(ds, set(cheaper.index)))
    if out_file is not None:
        err.print(f"results written to {out_file}")


def _number(x: float, spec: str) -> str:
    """``x`` formatted, or a dash where it is not a number (a site not yet producing)."""
    return format(x, spec) if math.isfinite(x) else "-"


def _moon_table(ds: xr.Dataset, years: set[int]) -> Table:
    moon = ds.sel(site="moon").median("sample")
    t = Table(
        title="Moon: lunar factories and a mass driver (medians)",
        caption="$/Mtok: from lunar-made satellites, whose only dollar costs are imports "
        "from Earth and the chips; kt thrown: satellite mass the mass driver throws",
    )
    for col in ("year", "$/Mtok Moon", "GW+ Moon", "GW Moon", "kt thrown"):
        t.add_column(col, justify="right")
    for year in _REPORT_YEARS:
        if year in years:
            m = moon.sel(year=year)
            t.add_row(
                str(year),
                _number(float(m.cost_per_mtok_usd), ".2g"),
                f"{float(m.compute_added_w) / 1e9:,.2f}",
                f"{float(m.compute_installed_w) / 1e9:,.2f}",
                f"{float(m.mass_launched_kg) / 1e6:,.1f}",
            )
    return t


@app.command()
def sensitivity(
    scenario_file: Annotated[Path, typer.Argument(help="Scenario YAML.")],
    metric: Annotated[str, typer.Option(help="Output to explain, e.g. cost_per_mtok.")] = (
        "cost_per_mtok"
    ),
    year: Annotated[int, typer.Option(help="Year of the output.")] = 2030,
    site: Annotated[str, typer.Option(help="earth or orbit.")] = "orbit",
    n: Annotated[int, typer.Option(help="Sobol base samples (a power of 2).")] = 512,
    method: Annotated[str, typer.Option(help="sobol or tornado.")] = "sobol",
    as_json: JsonOption = False,
) -> None:
    """Which uncertain parameter drives an output: Sobol indices or a tornado."""
    scenario = load_scenario(scenario_file)
    table = analysis.sensitivity(scenario, metric=metric, year=year, site=site, n=n, method=method)
    if as_json:
        _print_json(
            {
                "scenario": scenario.name,
                "metric": metric,
                "year": year,
                "site": site,
                "method": method,
                "parameters": table.to_dict(orient="records"),
            }
        )
        return
    t = Table(title=f"{method} sensitivity of {metric} ({site}, {year}), scenario {scenario.name}")
    for col in table.columns:
        t.add_column(str(col), justify="left" if col == "parameter" else "right")
    for r in table.head(15).to_dict(orient="records"):
        t.add_row(*(f"{v:.3g}" if isinstance(v, float) else str(v) for v in r.values()))
    out.print(t)


@app.command("scenario-schema")
def scenario_schema(
    defaults: Annotated[
        bool, typer.Option("--defaults", help="Print the defaults as a scenario YAML instead.")
    ] = False,
) -> None:
    """Print the JSON Schema of scenario files (or every default as a scenario file)."""
    if defaults:
        sys.stdout.write(defaults_yaml())
    else:
        _print_json(json_schema())


# -------------------------------------------------------------------------- claims


def _claims_table(verdicts: list[Verdict]) -> Table:
    table = Table(title="Verdicts on the public claims", show_lines=True)
    table.add_column("id")
    table.add_column("claim", overflow="fold", max_width=40)
    table.add_column("verdict")
    table.add_column("P(holds)", justify="right")
    table.add_column("why", overflow="fold")
    colour = {"holds": "green", "fails": "red", "depends": "yellow"}
    for v in verdicts:
        table.add_row(
            v.id,
            v.statement,
            f"[{colour[v.verdict]}]{v.verdict}[/]",
            f"{v.probability:.2f}",
            Text(v.summary),
        )
    return table


@app.command()
def claims(
    ids: Annotated[
        list[str] | None,
        typer.Argument(help="Claim ids (e.g. C9 C11); all implemented by default."),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of every random draw.")] = 0,
    as_json: JsonOption = False,
) -> None:
    """Verdicts on the public claims: probability, key numbers, deciding assumptions, sources."""
    verdicts = evaluate_claims(ids, seed=seed)
    if as_json:
        _print_json([v.to_dict() for v in verdicts])
        return
    out.print(_claims_table(verdicts))


# ---------------------------------------------------------------------------- demo


@app.command()
def demo() -> None:
    """The main job until the report exists: satellite budgets and the orbit they fly in."""
    out.print(f"[b]terawatt {__version__}[/b]: sizing solar-powered AI satellites from physics\n")
    for name, preset in load_presets().items():
        budget = size_satellite(design_from_values(preset=name))
        out.print(_satellite_table(budget, f"AI satellite budget: preset {name}"))
        out.print(f"  {preset.description}\n")
    design = design_from_values()
    out.print(
        _orbit_table(
            orbit_summary(
                float(np.asarray(design.altitude_m)), float(np.asarray(design.ltan_h)), design.year
            )
        )
    )
    out.print(
        "\nThe seed claims ~100 kW per tonne (100 W/kg). "
        "See `terawatt parameters --preset today` for every input and its source.\n"
    )
    out.print(_claims_table(evaluate_claims()))


#: Modules that add their commands to ``app`` through ``register(app)``.
COMMAND_MODULES = (
    "terawatt.cli_moon",
    "terawatt.cli_constellation",
    "terawatt.cli_conjunctions",
    "terawatt.cli_report",
)
for _module in COMMAND_MODULES:
    import_module(_module).register(app)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        out.print(__version__)
        raise typer.Exit


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``terawatt`` console script; returns the exit status."""
    try:
        app(args=argv, prog_name="terawatt")  # click's standalone mode ends in SystemExit
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    except InputError as exc:
        err.print(Text.assemble(("error: ", "bold red"), str(exc)), soft_wrap=True)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
