"""The one quantity parser: text or numbers with units into the model's SI value.

A bare number is read in the parameter's display unit (the unit ``terawatt parameters``
shows); text with a unit is converted by pint (:func:`terawatt.units.to_si`). Arithmetic
that pint would evaluate for a long time (``2**10**10``) is refused before it runs.

pint's registry takes ~0.6 s to build, paid by every new process that reads a unit: each
Dask worker pinning a design preset (``"650 km"``) would pay it for a handful of texts.
So what pint converts is kept on disk (:mod:`terawatt.parameters.cache`): text, unit
and kind -> the float, read back exactly (JSON floats are shortest-exact), under a key
of pint's version and this module's and :mod:`terawatt.units`' code; a process whose
texts are all there never imports pint. An error is never kept: bad text goes to pint.
"""

from __future__ import annotations

import functools
import math
import re
import sys
from pathlib import Path
from typing import Any

from terawatt import units
from terawatt.errors import InputError
from terawatt.parameters.cache import cache_key, read_cached, write_cached
from terawatt.units import number_in_unit, readable_unit, registry, to_si

__all__ = ["expected_quantity", "is_number_text", "parse_quantity", "plain_number", "show_number"]

#: Quantity text longer than this is refused before pint evaluates it.
_MAX_QUANTITY_CHARS = 200
#: pint evaluates arithmetic (``2**10**10`` runs for a minute); powers are allowed only on
#: unit names, with a short literal exponent: ``m^2``, ``s**-1``, ``kg^(1/2)`` is refused.
_POWER = re.compile(r"\*\*|\^")
_UNIT_POWER = re.compile(
    r"[A-Za-z_]\s*(?:\*\*|\^)\s*(\(\s*)?[-+]?\d{1,2}(?:\.\d{1,3})?(?(1)\s*\))(?!\s*(?:\*\*|\^))"
)


def expected_quantity(display_unit: str) -> str:
    """What an error message says a quantity in ``display_unit`` should look like."""
    display_unit = readable_unit(display_unit)  # '%/year_julian' -> '%/yr'
    if not display_unit:
        return "a plain number, e.g. 0.9 (or with a unit such as '%')"
    example = f"e.g. '1 {display_unit}'"
    return f"a quantity in {display_unit}, {example} (a bare number is read in {display_unit})"


def is_number_text(text: str) -> bool:
    """Whether ``text`` is a bare number (read in the display unit)."""
    try:
        float(text)
    except ValueError:
        return False
    return True


def parse_quantity(
    value: Any,
    unit: str,
    display_unit: str,
    field: str,
    where: str | None,
    *,
    difference: bool = False,
    si_scale: float | None = None,
) -> float:
    """A value written with units (or a bare number, read in ``display_unit``) in ``unit``.

    ``difference`` converts a difference (a standard deviation): scale only, no offset.
    ``si_scale``: ``unit`` per ``display_unit`` as pint computes it
    (:attr:`terawatt.parameters.table.Parameter.si_scale`); a plain number in the display
    unit is then read without pint.
    """
    expected = expected_quantity(display_unit)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise InputError(field, value, expected, where)
    try:
        text = value.strip() if isinstance(value, str) else repr(value)
    except ValueError:  # an int of more than 4300 digits
        raise InputError(field, "(a huge number)", expected, where) from None
    if is_number_text(text):
        text = f"{text} {display_unit}".strip()
    if si_scale is not None and not difference:  # a plain number in the display unit
        number = number_in_unit(text, display_unit)
        if number is not None and math.isfinite(si := number * si_scale):
            return si
    if len(text) > _MAX_QUANTITY_CHARS:
        raise InputError(
            field, value, f"{expected}, at most {_MAX_QUANTITY_CHARS} characters", where
        )
    if len(_POWER.findall(text)) != len(_UNIT_POWER.findall(text)):
        raise InputError(
            field, value, f"{expected}; powers only on unit names, e.g. 'm^2', 's^-1'", where
        )
    memo, name = _converted(), f"{text}\x00{unit}\x00{int(difference)}"
    if (known := memo.get(name)) is not None:
        return known
    si = _pint_quantity(value, text, unit, expected, field, where, difference=difference)
    memo[name] = si
    if (key := _memo_key()) is not None:
        write_cached(_MEMO_NAME, key, memo)
    return si


def _pint_quantity(
    value: Any,
    text: str,
    unit: str,
    expected: str,
    field: str,
    where: str | None,
    *,
    difference: bool,
) -> float:
    """:func:`parse_quantity` of ``text`` by pint (in ``unit``; a difference: no offset)."""
    try:
        si = to_si(text, unit, field, where=where)
        if difference:  # remove the offset of e.g. degC: f(x) - f(0) in the same unit
            quantity = registry().Quantity(text.replace("%", " percent"))
            zero = f"0 {quantity.units}" if hasattr(quantity, "units") else "0"
            si -= to_si(zero, unit, field, where=where)
    except InputError as exc:
        detail = exc.expected.partition("; its dimension is ")[2]
        dimension = f"; its dimension is {detail}" if detail else ""
        raise InputError(field, value, f"{expected}{dimension}", where) from None
    except Exception as exc:  # pint's evaluator raises many types (TypeError for complex)
        raise InputError(field, value, expected, where) from exc
    if not math.isfinite(si):
        raise InputError(field, value, f"a finite value: {expected}", where)
    return si


_MEMO_NAME = "quantities"


@functools.cache
def _memo_key() -> str | None:
    """Key of the kept conversions: pint's version and the converting code; None if unknown."""
    try:
        import importlib.metadata  # noqa: PLC0415 (only where a text reaches pint)

        version = importlib.metadata.version("pint").encode()
        code = [(m, Path(str(sys.modules[m].__file__)).read_bytes()) for m in _CODE]
    except (OSError, KeyError, importlib.metadata.PackageNotFoundError):
        return None
    return cache_key([("pint", version), *code])


#: The modules whose code decides what a text converts to.
_CODE = (__name__, units.__name__)


@functools.cache
def _converted() -> dict[str, float]:
    """The conversions kept on disk (read once per process), added to as pint converts."""
    key = _memo_key()
    kept = None if key is None else read_cached(_MEMO_NAME, key)
    if not isinstance(kept, dict):
        return {}
    return {k: float(v) for k, v in kept.items() if isinstance(v, float) and math.isfinite(v)}


def plain_number(value: Any, field: str, where: str | None) -> float:
    """A dimensionless value (``0.9``, ``'90 %'``) as a float."""
    return parse_quantity(value, "", "", field, where)


def show_number(x: float) -> str:
    """Shortest text that reads back as ``x``: ``1500``, ``0.15``, ``1e-07``."""
    return repr(float(x)).removesuffix(".0")
