"""What every ``terawatt`` sub-command shares: consoles, the ``--json`` option, JSON output.

Kept apart from :mod:`terawatt.cli` so that the command modules (:mod:`.design`,
:mod:`.scenario`, :mod:`.moon`, ...) can import it without a cycle.
"""

from __future__ import annotations

import json
import math
import sys
from typing import Annotated, Any

import typer
from rich.console import Console

from terawatt.errors import InputError

__all__ = [
    "MAX_TIME_STEPS",
    "JsonOption",
    "check_time_steps",
    "err",
    "out",
    "parse_sets",
    "print_json",
    "quantity_option",
    "table_option",
]

#: Most time steps ``--duration`` over ``--step`` may make in ``constellation`` and
#: ``conjunctions``: a million. An estimate of what stays quick and small: the time grid
#: and the Sun's direction take 32 bytes a step (32 MB), and a million steps are a year at
#: 32 s or eleven days at 1 s; more is a typing error (``--step 1e-9``), refused rather
#: than an allocation of terabytes.
MAX_TIME_STEPS = 1_000_000

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

JsonOption = Annotated[
    bool, typer.Option("--json", help="Print one machine-readable JSON object instead of tables.")
]
#: ``--scheduler`` of every command that can run on Dask (:mod:`terawatt.cluster`).
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        metavar="ADDRESS",
        help="Run on this Dask scheduler, tcp://host:8786 (default $TERAWATT_SCHEDULER; "
        "neither: no Dask).",
    ),
]
#: ``--workers`` of every command that can run on Dask (:mod:`terawatt.cluster`).
WorkersOption = Annotated[
    int,
    typer.Option(help="Without a scheduler: N > 1 runs on a local Dask cluster of N workers."),
]


def jsonable(value: Any) -> Any:
    """Replace NaN/inf by None so the output is strict JSON."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def print_json(payload: dict[str, Any] | list[Any]) -> None:
    """Print one strict JSON document (NaN and inf as null) on standard output."""
    sys.stdout.write(json.dumps(jsonable(payload), indent=2, allow_nan=False) + "\n")


def parse_sets(pairs: list[str]) -> dict[str, str]:
    """Parse ``--set KEY=VALUE`` pairs into a mapping (values stay text).

    Raises
    ------
    InputError
        For a pair without ``=`` or key, or a key set twice (as a file refuses a key
        written twice, rather than keep the last silently).
    """
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InputError("--set", pair, "KEY=VALUE, e.g. --set radiator.temperature=320K")
        key = key.strip()
        if key in values:
            raise InputError(
                "--set",
                pair,
                f"each key once ({key} is already set to {values[key]!r} by an earlier --set)",
            )
        values[key] = value.strip()
    return values


def _bare_note(value: str, display_unit: str) -> str:
    """``"; a bare number is read in km"`` where ``value`` is a bare number, else ``""``."""
    from terawatt.parameters.quantity import is_number_text  # noqa: PLC0415 (fast --help)
    from terawatt.units import readable_unit  # noqa: PLC0415

    if display_unit and is_number_text(value.strip()):
        return f"; the bare number was read in {readable_unit(display_unit)}"
    return ""


def table_option(value: str, option: str, name: str) -> float:
    """An option that sets the parameter table's entry ``name``, read as that entry is read.

    A bare number is in the entry's display unit (the unit ``terawatt parameters`` and
    ``terawatt scenario-schema --defaults`` show), text with a unit is converted, and the
    value must lie within the entry's bounds.

    Parameters
    ----------
    value : str
        The option's text (``"2.4 km/s"``, ``"2.4"``).
    option : str
        The option, quoted in errors (``"--velocity"``).
    name : str
        The parameter table's entry (``"moon.driver_velocity"``).

    Returns
    -------
    float
        The value in the entry's (SI) unit.

    Raises
    ------
    InputError
        Naming the option, the text as typed and the unit a bare number was read in.
    """
    from terawatt.parameters.table import shipped_table  # noqa: PLC0415 (fast --help)
    from terawatt.units import readable_unit  # noqa: PLC0415

    entry = shipped_table()[name]
    si = entry.to_si(value, field=option)
    if not entry.admits(si):
        raise InputError(
            option,
            value,
            f"a value in {readable_unit(entry.interval())} (the bounds of {name})"
            f"{_bare_note(value, entry.display_unit)}",
        )
    return si


def quantity_option(
    value: str,
    option: str,
    unit: str,
    display_unit: str,
    *,
    low: float = -math.inf,
    low_open: bool = False,
) -> float:
    """An option with a declared unit that is no table entry: a bare number is in ``display_unit``.

    Parameters
    ----------
    value : str
        The option's text.
    option : str
        The option, quoted in errors.
    unit, display_unit : str
        The unit returned (SI) and the unit a bare number is read in (shown in ``--help``).
    low : float, optional
        Smallest value accepted [``unit``].
    low_open : bool, optional
        Whether ``low`` itself is refused (``> low`` rather than ``>= low``).

    Raises
    ------
    InputError
        Naming the option, the text as typed and the unit a bare number was read in.
    """
    from terawatt.parameters.quantity import parse_quantity  # noqa: PLC0415 (fast --help)
    from terawatt.units import registry  # noqa: PLC0415

    si = parse_quantity(value, unit, display_unit, option, None)
    if si < low or (low_open and si == low):
        shown = float(registry().Quantity(low, unit).to(display_unit).magnitude)
        sign = ">" if low_open else ">="
        raise InputError(
            option,
            value,
            f"a value {sign} {shown:g} {display_unit}{_bare_note(value, display_unit)}",
        )
    return si


def check_time_steps(duration_s: float, step_s: float, duration: str, step: str) -> None:
    """Refuse a ``--duration`` and ``--step`` that make more than :data:`MAX_TIME_STEPS` steps.

    Raises
    ------
    InputError
        Naming ``--step``, the text as typed, the shortest step the duration allows and
        the number of steps it would have made.
    """
    steps = duration_s / step_s
    if steps > MAX_TIME_STEPS:
        raise InputError(
            "--step",
            step,
            f"a step of at least {duration_s / MAX_TIME_STEPS:.3g} s for --duration {duration}"
            f" (at most {MAX_TIME_STEPS:,} steps; this step makes {steps:.3g})",
        )
