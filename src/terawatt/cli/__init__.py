"""The ``terawatt`` command: parse, call, print. No physics lives here.

Every command that computes something takes ``--json`` and then prints one JSON
document on standard output and nothing else. Bad input prints one line naming
the field, the value and what was expected, and exits with status 2.

The commands live in modules by domain: :mod:`.design` (satellite, orbit, parameters,
demo), :mod:`.earth` (grid, compute by country), :mod:`.scenario` (run,
schema), :mod:`.sensitivity`, :mod:`.claims`, :mod:`.moon` (mass driver, lunar industry),
:mod:`.constellation`, :mod:`.conjunctions`, :mod:`.radiation` (dose by orbit, chips'
and arrays' end of life), :mod:`.report` (report, dashboard) and :mod:`.audit` (published
designs recomputed).
They import the model inside each command, so that ``terawatt --help`` and argument
parsing load no numerical library.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer
from rich.text import Text
from typer.exceptions import TyperException

from terawatt import __version__
from terawatt.cli import (
    audit,
    claims,
    conjunctions,
    constellation,
    design,
    earth,
    moon,
    optimize,
    radiation,
    report,
    scenario,
    sensitivity,
    transient,
)
from terawatt.cli._common import err, out
from terawatt.errors import InputError, one_line

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
    ("sensitivity", sensitivity.sensitivity),
    ("scenario-schema", scenario.scenario_schema),
    ("claims", claims.claims),
    ("audit", audit.audit),
    ("demo", design.demo),
    ("massdriver", moon.massdriver),
    ("moon", moon.moon),
    ("constellation", constellation.constellation),
    ("conjunctions", conjunctions.conjunctions),
    ("radiation", radiation.radiation),
    ("transient", transient.transient),
    ("optimize", optimize.optimize),
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


def _error(message: str) -> int:
    """Print one ``error:`` line on stderr; the exit status of bad input, 2."""
    err.print(Text.assemble(("error: ", "bold red"), one_line(message)), soft_wrap=True)
    return 2


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``terawatt`` console script; returns the exit status.

    Bad input is one ``error:`` line and exit 2, whether the model refuses it
    (:class:`~terawatt.errors.InputError`) or the command-line parser does (an option it
    cannot convert, an unknown option, a missing argument: click's usage error, which its
    standalone mode would print as four lines). ``terawatt`` alone still shows the help.
    """
    args = sys.argv[1:] if argv is None else list(argv)
    if not args:  # no_args_is_help: the help, as click's standalone mode prints it
        args = ["--help"]
    try:
        result = app(args=args, prog_name="terawatt", standalone_mode=False)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    except InputError as exc:
        return _error(str(exc))
    except typer.Abort:  # Ctrl-C: as click's standalone mode says it
        err.print("Aborted!")
        return 1
    except TyperException as exc:  # click's usage errors, as typer raises them
        formatter = getattr(exc, "format_message", None)
        message = formatter() if callable(formatter) else str(exc)
        command = getattr(getattr(exc, "ctx", None), "command_path", "terawatt")
        return _error(f"{message} (see '{command} --help')")
    return result if isinstance(result, int) else 0
