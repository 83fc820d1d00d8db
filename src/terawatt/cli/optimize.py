"""The ``optimize`` command: the best satellite, orbit and design life, robustly.

Parse, call, print: the search lives in :mod:`terawatt.optimize`; it is imported inside
the command (pymoo loads matplotlib), so ``terawatt --help`` stays fast. ``--scheduler
ADDRESS`` (or ``$TERAWATT_SCHEDULER``) runs each generation's batch in pieces on a running
Dask scheduler, ``--workers N`` (N > 1) on a local cluster (:mod:`terawatt.cluster`); the
result is the serial one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from terawatt.cli._common import JsonOption, SchedulerOption, WorkersOption, out, print_json
from terawatt.errors import InputError

__all__ = ["optimize"]


def _limits(pairs: list[str]) -> dict[str, float]:
    """``NAME=LIMIT`` pairs of ``--constraint``."""
    limits: dict[str, float] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        try:
            limits[name.strip()] = float(value)
        except ValueError:
            raise InputError("--constraint", pair, "NAME=NUMBER, e.g. max_dose=50") from None
        if not sep:
            raise InputError("--constraint", pair, "NAME=NUMBER, e.g. max_dose=50")
    return limits


def _check_path(option: str, path: Path | None, suffixes: tuple[str, ...]) -> None:
    """Refuse an output file with another suffix or in a folder that does not exist."""
    if path is None:
        return
    if path.suffix.lower() not in suffixes:
        raise InputError(option, str(path), f"a file ending {' or '.join(suffixes)}")
    if not path.parent.is_dir():
        raise InputError(option, str(path), "a path in an existing folder")


def optimize(
    scenario_file: Annotated[Path, typer.Argument(help="Scenario YAML.")],
    objective: Annotated[
        list[str] | None,
        typer.Option(
            help="Objective (repeat): cost_median, cost_p90, w_per_kg, mass_per_gw, "
            "co2e_median, ..."
        ),
    ] = None,
    vary: Annotated[
        list[str] | None,
        typer.Option(
            help="Variable (repeat): radiator.temperature, orbit.altitude, accelerator, ..."
        ),
    ] = None,
    year: Annotated[int, typer.Option(help="Year of the objectives.")] = 2030,
    generations: Annotated[int, typer.Option(help="NSGA-II generations.")] = 30,
    population: Annotated[int, typer.Option(help="NSGA-II population size.")] = 40,
    samples: Annotated[int, typer.Option(help="Monte Carlo samples per design.")] = 64,
    seed: Annotated[int, typer.Option(help="Seed of the draws and the search.")] = 0,
    constraint: Annotated[
        list[str] | None,
        typer.Option(
            help="NAME=LIMIT (repeat): max_dose, max_failure_rate, max_cadence_limited, "
            "max_shell_fill; thermal_closure=0 lifts the closure imposed by default."
        ),
    ] = None,
    over_time: Annotated[
        bool, typer.Option("--over-time", help="Best design found each year 2025-2045 vs ground.")
    ] = False,
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write the Pareto set (.nc or .parquet).")
    ] = None,
    plot: Annotated[
        Path | None,
        typer.Option(help="Draw the front (.png/.svg/.pdf; with --over-time also *-over-time)."),
    ] = None,
    scheduler: SchedulerOption = None,
    workers: WorkersOption = 1,
    as_json: JsonOption = False,
) -> None:
    """Pareto front of satellite designs: NSGA-II on common Monte Carlo draws."""
    from terawatt.optimize import optimize as search  # noqa: PLC0415 (fast --help)
    from terawatt.optimize.variables import DEFAULT_VARIABLES  # noqa: PLC0415
    from terawatt.scenario.schema import load_scenario  # noqa: PLC0415

    # refuse a bad output path before the search, not after it
    _check_path("--out", out_file, (".nc", ".parquet"))
    _check_path("--plot", plot, (".png", ".svg", ".pdf"))
    if workers < 1:
        raise InputError("--workers", workers, "a whole number >= 1")
    scenario = load_scenario(scenario_file)
    result = search(
        scenario,
        variables=tuple(vary or DEFAULT_VARIABLES),
        objectives=tuple(objective or ("cost_median", "cost_p90")),
        year=year,
        generations=generations,
        population=population,
        samples=samples,
        seed=seed,
        constraints=_limits(constraint or []),
        over_time=over_time,
        scheduler=scheduler,
        workers=workers,
    )
    if out_file is not None:
        result.save(out_file)
    if plot is not None:
        from terawatt.report.optimize_plot import save_pareto_figure  # noqa: PLC0415

        save_pareto_figure(result, plot)
    payload = result.to_json()
    if as_json:
        print_json(payload)
        return
    n = len(result)
    t = Table(title=f"Pareto front, {scenario.name}, {year} ({n} design{'' if n == 1 else 's'})")
    for v in result.variables:
        t.add_column(v, justify="right")
    for o in result.objectives:
        t.add_column(o, justify="right")
    rows = [*payload["pareto"], {**payload["reference"], "label": "reference"}]
    for row in rows:
        cells = [_fmt(row["design"][v]) for v in result.variables]
        cells += [_fmt(row["objectives"][o]) for o in result.objectives]
        t.add_row(*cells, style="bold" if row.get("label") else None)
    out.print(t)
    out.print("last row: the scenario's own design, evaluated the same way")
    if result.over_time:
        ot = Table(title="Best design found each year: median USD per million tokens")
        for col in ("year", "orbit (best)", "orbit (reference)", "ground", "orbit/ground"):
            ot.add_column(col, justify="right")
        for r in result.over_time:
            ot.add_row(
                str(r["year"]),
                _fmt(r["best_cost_median"]),
                _fmt(r["reference_cost_median"]),
                _fmt(r["ground_cost_median"]),
                _fmt(r["orbit_over_ground"]),
            )
        out.print(ot)


def _fmt(value: object) -> str:
    return f"{value:.4g}" if isinstance(value, float) else str(value)
