"""Scenario commands: ``run`` and ``scenario-schema``.

Parse, call, print: the model lives in :mod:`terawatt.scenario`; it is imported inside the
commands, so ``terawatt --help`` stays fast.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from terawatt.cli._common import (
    JsonOption,
    SchedulerOption,
    WorkersOption,
    err,
    out,
    parse_sets,
    print_json,
)
from terawatt.errors import InputError

if TYPE_CHECKING:
    import xarray as xr

    from terawatt.scenario.waterfall import Waterfall

__all__ = ["run_payload", "run_scenario", "scenario_schema"]

_REPORT_YEARS = (2025, 2026, 2028, 2030, 2035, 2040, 2045, 2050, 2055, 2060, 2070, 2080, 2090, 2100)


def run_payload(ds: xr.Dataset) -> dict[str, Any]:
    """The JSON document of ``terawatt run --json``: per year, medians and odds.

    ``ds`` may be a result file opened lazily (``run(..., out=...)``): each output is then
    read, reduced and let go one at a time, so the whole result is never in memory.
    """
    from terawatt.scenario import analysis  # noqa: PLC0415 (fast --help)

    cheaper = analysis.orbit_cheaper_probability(analysis.loaded(ds, "cost_per_mtok_usd"))
    faster = analysis.orbit_faster_probability(analysis.loaded(ds, "compute_added_w"))
    medians = analysis.sample_medians(ds)  # ds.median("sample"), variable by variable
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
        Path | None,
        typer.Option(
            "--out",
            help="Write results to .nc (netCDF-4) or .parquet, chunk by chunk as they are "
            "computed; an interrupted run resumes from the partial file when run again.",
        ),
    ] = None,
    checkpoint: Annotated[
        Path | None,
        typer.Option(hidden=True, help="Retired: the --out file is the checkpoint."),
    ] = None,
    progress: Annotated[
        bool | None, typer.Option("--progress/--no-progress", help="Progress bar.")
    ] = None,
    workers: WorkersOption = 1,
    scheduler: SchedulerOption = None,
    plot: Annotated[
        Path | None, typer.Option(help="Also write a figure (.png, .svg or .pdf).")
    ] = None,
    waterfall: Annotated[
        int | None,
        typer.Option(
            metavar="YEAR",
            help="Also list every term of the cost per million tokens in YEAR, site by site.",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Run a scenario year by year under uncertainty: costs, build-out, launches."""
    from terawatt.scenario import runner as scenario_runner  # noqa: PLC0415 (fast --help)
    from terawatt.scenario import waterfall as cost_waterfall  # noqa: PLC0415
    from terawatt.scenario.schema import load_scenario  # noqa: PLC0415

    if checkpoint is not None:
        raise InputError(
            "--checkpoint",
            str(checkpoint),
            "no checkpoint folder: the --out file is the checkpoint now "
            "(run the same command with --out again to resume)",
        )
    overrides: dict[str, Any] = dict(parse_sets(set_ or []))
    if seed is not None:
        overrides["seed"] = seed
    scenario = load_scenario(scenario_file, overrides=overrides)
    if out_file is not None and out_file.suffix.lower() not in (".nc", ".parquet"):
        raise InputError("--out", str(out_file), "a file name ending in .nc or .parquet")
    if waterfall is not None:
        cost_waterfall.check_year(scenario, waterfall)
    show = err.is_terminal if progress is None else progress
    # with --out the result stays on disk and is read variable by variable (bounded memory);
    # the summary's arrays, like the run's, without huge pages (runner.small_pages)
    with scenario_runner.small_pages():
        ds = scenario_runner.run(
            scenario,
            samples=samples,
            progress=show,
            workers=workers,
            scheduler=scheduler,
            out=out_file,
        )
        try:
            _report(ds, scenario, plot, waterfall, as_json, out_file)
        finally:
            ds.close()


def _report(
    ds: xr.Dataset,
    scenario: Any,
    plot: Path | None,
    waterfall: int | None,
    as_json: bool,
    out_file: Path | None,
) -> None:
    """Print a run's summary (table or JSON), and its figure and waterfall if asked for."""
    from terawatt.scenario import analysis  # noqa: PLC0415 (fast --help)
    from terawatt.scenario import waterfall as cost_waterfall  # noqa: PLC0415

    if plot is not None:
        from terawatt.report.figures import scenario_figure  # noqa: PLC0415 (matplotlib: ~3 s)

        scenario_figure(ds, plot)
    # the waterfall runs the same samples, on the same draws, up to its year
    falls = (
        None
        if waterfall is None
        else cost_waterfall.cost_waterfall(scenario, waterfall, samples=ds.sizes["sample"])
    )
    if as_json:
        print_json(run_payload(ds) | ({} if falls is None else {"waterfall": falls.to_dict()}))
        return
    kinds = tuple(k for k in ("earth", "orbit", "moon") if k in set(ds["kind"].to_numpy()))
    # only the years the table shows (10 of 2025-2060): a third of the reading and medians
    run_years = set(ds["year"].to_numpy().tolist())
    shown = ds.sel(year=[y for y in _REPORT_YEARS if y in run_years])
    # each output read once (a result file is read lazily), then every question asked of it
    med = {}
    for var in ("cost_per_mtok_usd", "compute_added_w", "launch_cost_usd_per_kg"):
        part = analysis.loaded(shown, var)
        for kind in kinds:
            med[var, kind] = analysis.sample_median(analysis.by_kind(part, var, kind))
        if var == "cost_per_mtok_usd":
            cheaper = analysis.orbit_cheaper_probability(part)
        elif var == "compute_added_w":
            faster = analysis.orbit_faster_probability(part)
        del part
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
        out.print(_moon_table(shown, set(cheaper.index)))
    if falls is not None:
        out.print(waterfall_table(falls))
    if out_file is not None:
        err.print(f"results written to {out_file}")


def _number(x: float, spec: str) -> str:
    """``x`` formatted, or a dash where it is not a number (a site not yet producing)."""
    return format(x, spec) if math.isfinite(x) else "-"


def waterfall_table(falls: Waterfall) -> Table:
    """The cost waterfall as a table: each term's median, 5-95 % range and share, by site."""
    from terawatt.scenario.waterfall import TERM_LABELS  # noqa: PLC0415 (fast --help)

    t = Table(
        title=f"Cost waterfall {falls.year}, scenario {falls.scenario}: USD per million "
        f"tokens, medians of {falls.samples:,} samples",
        caption="each term: median (5-95 %) and its median share of the total; a median "
        "is not additive, so the terms' medians need not add up to the total's",
    )
    t.add_column("term", justify="left")
    for site in falls.sites:
        t.add_column(f"{site} $/Mtok", justify="right")
        t.add_column("share", justify="right")

    def cell(mid: float, low: float, high: float) -> str:
        if not math.isfinite(mid):
            return "-"
        return f"{mid:.3g} ({low:.2g}-{high:.2g})"

    for i, term in enumerate(falls.terms):
        row = [TERM_LABELS.get(term, term)]
        for j in range(len(falls.sites)):
            mid, low, high = falls.median[i, j], falls.low[i, j], falls.high[i, j]
            zero = mid == 0.0 and low == 0.0 and high == 0.0
            row += ["" if zero else cell(mid, low, high), "" if zero else _share(falls.share[i, j])]
        t.add_row(*row)
    total = ["total"]
    for j in range(len(falls.sites)):
        total += [cell(*(float(falls.total[q, j]) for q in (1, 0, 2))), ""]
    t.add_row(*total, style="bold")
    return t


def _share(value: float) -> str:
    return f"{value:.0%}" if math.isfinite(value) else "-"


def _moon_table(ds: xr.Dataset, years: set[int]) -> Table:
    from terawatt.scenario import analysis  # noqa: PLC0415 (fast --help)

    shown = ["cost_per_mtok_usd", "compute_added_w", "compute_installed_w", "mass_launched_kg"]
    moon = analysis.sample_medians(ds[shown].sel(site="moon"))
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


def scenario_schema(
    defaults: Annotated[
        bool, typer.Option("--defaults", help="Print the defaults as a scenario YAML instead.")
    ] = False,
) -> None:
    """Print the JSON Schema of scenario files (or every default as a scenario file)."""
    from terawatt.scenario.jsonschema import json_schema  # noqa: PLC0415 (fast --help)
    from terawatt.scenario.schema import defaults_yaml  # noqa: PLC0415

    if defaults:
        sys.stdout.write(defaults_yaml())
    else:
        print_json(json_schema())
