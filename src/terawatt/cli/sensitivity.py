"""The ``sensitivity`` command: which uncertain parameter drives an output.

Parse, call, print: the model lives in :mod:`terawatt.scenario.sensitivity`; it is
imported inside the command, so ``terawatt --help`` stays fast. Sobol' runs go through
the engine ``--batch`` rows at a time (memory is set by the batch, not by ``--n``), here
or on Dask: ``--scheduler ADDRESS`` (or ``$TERAWATT_SCHEDULER``) sends the batches to a
running scheduler, ``--workers N`` (N > 1) starts a local cluster; the indices are the
same bit for bit. With neither, Dask is not imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from terawatt.cli._common import JsonOption, SchedulerOption, WorkersOption, out, print_json
from terawatt.errors import InputError

__all__ = ["sensitivity"]


def sensitivity(
    scenario_file: Annotated[Path, typer.Argument(help="Scenario YAML.")],
    metric: Annotated[str, typer.Option(help="Output to explain, e.g. cost_per_mtok.")] = (
        "cost_per_mtok"
    ),
    year: Annotated[int, typer.Option(help="Year of the output.")] = 2030,
    site: Annotated[str, typer.Option(help="earth or orbit.")] = "orbit",
    n: Annotated[int, typer.Option(help="Sobol base samples (a power of 2).")] = 512,
    method: Annotated[str, typer.Option(help="sobol or tornado.")] = "sobol",
    batch: Annotated[
        int | None,
        typer.Option(help="Most engine rows per call or Dask task (default 65536; sets memory)."),
    ] = None,
    scheduler: SchedulerOption = None,
    workers: WorkersOption = 1,
    as_json: JsonOption = False,
) -> None:
    """Which uncertain parameter drives an output: Sobol indices or a tornado."""
    from terawatt.scenario import analysis  # noqa: PLC0415 (fast --help)
    from terawatt.scenario.schema import load_scenario  # noqa: PLC0415

    if method == "sobol" and (n < 2 or n & (n - 1)):
        raise InputError("--n", n, "a power of 2 >= 2 (e.g. 1024)")
    if batch is not None and batch < 1:
        raise InputError("--batch", batch, "a whole number of engine rows >= 1")
    if workers < 1:
        raise InputError("--workers", workers, "a whole number >= 1")
    scenario = load_scenario(scenario_file)
    table = analysis.sensitivity(
        scenario,
        metric=metric,
        year=year,
        site=site,
        n=n,
        method=method,
        batch=batch,
        scheduler=scheduler,
        workers=workers,
    )
    if as_json:
        print_json(
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
