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

__all__ = ["JsonOption", "err", "out", "parse_sets", "print_json"]

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

JsonOption = Annotated[
    bool, typer.Option("--json", help="Print one machine-readable JSON object instead of tables.")
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
    """Parse ``--set KEY=VALUE`` pairs into a mapping (values stay text)."""
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InputError("--set", pair, "KEY=VALUE, e.g. --set radiator.temperature=320K")
        values[key.strip()] = value.strip()
    return values
