"""The ``terawatt`` command: parse, call, print. No physics lives here.

Every command that computes something takes ``--json`` and then prints one JSON
document on standard output and nothing else. Bad input prints one line naming
the field, the value and what was expected, and exits with status 2.

The commands live in modules by domain: :mod:`.design` (satellite, orbit, parameters,
demo), :mod:`.earth` (grid, compute by country), :mod:`.scenario` (run, sensitivity,
schema), :mod:`.claims`, :mod:`.moon` (mass driver, lunar industry),
:mod:`.constellation`, :mod:`.conjunctions`, :mod:`.radiation` (dose by orbit, chips'
and arrays' end of life), :mod:`.report` (report, dashboard) and :mod:`.audit` (published
designs recomputed).
They import the model inside each command, so that ``terawatt --help`` and argument
parsing load no numerical library.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer
from rich.text import Text

from terawatt import __version__
from terawatt.cli import (
    audit,
    claims,
    conjunctions,
    constellation,
    design,
    earth,
    moon,
    radiation,
    report,
    scenario,
)
from terawatt.cli._common import err, out
from terawatt.errors import InputError

__all__ = ["COMMANDS", "app", "main"]

app = typer.Typer(
    name="terawatt",
    help="Watts, tonnes and dollars of AI compute: Earth's grids, solar AI satellites, the Moon.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

#: Every command, in the order ``terawatt --help`` lists them.
COMMANDS: tuple[tuple[str, Callable[..., Any]], ...] = (
    ("orbit", design.orbit),
    ("satellite", design.satellite),
    ("parameters", design.parameters),
    ("grid", earth.grid),
    ("compute-by-country", earth.compute_by_country),
    ("run", scenario.run_scenario),
    ("sensitivity", scenario.sensitivity),
    ("scenario-schema", scenario.scenario_schema),
    ("claims", claims.claims),
    ("audit", audit.audit),
    ("demo", design.demo),
    ("massdriver", moon.massdriver),
    ("moon", moon.moon),
    ("constellation", constellation.constellation),
    ("conjunctions", conjunctions.conjunctions),
    ("radiation", radiation.radiation),
    ("report", report.report),
    ("serve", report.serve),
)
for _name, _command in COMMANDS:
    app.command(_name)(_command)


def _print_version(value: bool) -> None:
    if value:
        out.print(__version__)
        raise typer.Exit


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", callback=_print_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Watts, tonnes and dollars of AI compute: Earth's grids, solar AI satellites, the Moon."""


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
