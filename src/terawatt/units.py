"""Units at the boundary: parse ``"100 kW"`` into SI floats, once, with clear errors.

Inside the model every number is an SI float (W, kg, m, s, K, USD). Text from YAML
files, the command line or the dashboard passes through :func:`to_si` here, which
checks the dimension against the parameter's declared unit and names the field
when it does not fit. Angles are dimensionless in pint, so angle parameters keep
``_deg`` in their names and are parsed with unit ``"deg"``.
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any

from terawatt.errors import InputError

__all__ = [
    "CLOCK_EXPECTED",
    "format_quantity",
    "number_in_unit",
    "parse_clock_hours",
    "readable_unit",
    "registry",
    "to_si",
]


@cache
def registry() -> Any:
    """The project's pint registry (with ``USD`` as a base currency unit).

    pint is imported here, on first use: building the registry takes a few tenths of a
    second, which a command that reads only numbers already in their unit never spends.
    """
    import pint  # noqa: PLC0415 (loaded on first use: see above)

    ureg: Any = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    ureg.define("USD = [currency] = usd = dollar = $")
    ureg.define("year_julian = 365.25 * day = yr_j")
    ureg.define("tonne_per_year = tonne / year_julian")
    return ureg


#: Unit names as the parameter table spells them -> as people read them; each reading is a
#: unit pint reads back alike (pint's ``yr`` is the Julian year, 365.25 days).
_READABLE = (("year_julian", "yr"), ("dimensionless", ""))


def readable_unit(unit: str) -> str:
    """A unit as people read and type it: ``"%/year_julian"`` -> ``"%/yr"``.

    Examples
    --------
    >>> readable_unit("%/year_julian")
    '%/yr'
    >>> to_si("5 %/yr", "1/year_julian", "x") == to_si("5 %/year_julian", "1/year_julian", "x")
    True
    """
    text = unit
    for word, shown in _READABLE:
        text = text.replace(word, shown)
    return text.strip()


def _example(unit: str) -> str:
    return f"e.g. '1 {unit}'" if unit not in ("", "1") else "a plain number, e.g. 0.9"


def to_si(value: Any, unit: str, field: str, *, where: str | None = None) -> float:
    """Convert a user-supplied value to a float in ``unit``.

    Parameters
    ----------
    value : str, int or float
        ``"150 W/kg"``, ``"20 degC"``, ``"22 %"`` or a bare number. A bare number
        (or a numeric string without unit) is taken to be in ``unit`` already; a value
        written as dimensionless (``"5 dimensionless"``) is one only where ``unit`` is.
    unit : str
        The unit the model uses for this field (``"W/kg"``, ``"K"``, ``""`` for
        dimensionless).
    field : str
        Dotted field name, quoted in errors.
    where : str, optional
        Where the value came from (file, option), quoted in errors.

    Returns
    -------
    float
        The magnitude in ``unit``.

    Raises
    ------
    InputError
        If the text is not a quantity, has the wrong dimension, or is not finite.
    """
    expected = f"a quantity in {unit or 'dimensionless units'} ({_example(unit)})"
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise InputError(field, value, expected, where)
    if isinstance(value, int | float):
        magnitude = float(value)
    elif (plain := number_in_unit(value, unit)) is not None:
        magnitude = float(plain)
    else:
        magnitude = _pint_to_si(value, unit, field, where, expected)
    if not math.isfinite(magnitude):
        raise InputError(field, value, f"a finite value: {expected}", where)
    return magnitude


def _pint_to_si(value: str, unit: str, field: str, where: str | None, expected: str) -> float:
    """:func:`to_si` of text that is not a plain number in ``unit``: pint reads it."""
    import pint  # noqa: PLC0415 (loaded by registry() on first use)

    ureg = registry()
    target = ureg.Unit(unit) if unit else ureg.dimensionless
    text = value.strip().replace("%", " percent")
    if len(text) > _MAX_TEXT or _POWER_TOWER.search(text):
        # pint would evaluate 2**10**10 for a minute: refuse towers of powers outright
        raise InputError(field, value, expected, where)
    try:
        quantity: Any = ureg.Quantity(text)
        if isinstance(getattr(quantity, "magnitude", quantity), complex):
            raise TypeError("complex magnitude")
    except Exception as exc:  # pint raises several unrelated types for bad text
        raise InputError(field, value, expected, where) from exc
    if not isinstance(quantity, ureg.Quantity):  # a bare number
        return float(quantity)
    if quantity.units == ureg.dimensionless and (
        target == ureg.dimensionless or _NUMBER_TEXT.match(text)
    ):  # a number written as text ("1e3", "2*3"): in `unit`
        return float(quantity.magnitude)
    if quantity.units == ureg.dimensionless:  # "1e30 dimensionless" where USD is due
        raise InputError(field, value, f"{expected}; its dimension is dimensionless", where)
    try:
        return float(quantity.to(target).magnitude)
    except pint.DimensionalityError as exc:
        got = f"{quantity.dimensionality}"
        raise InputError(field, value, f"{expected}; its dimension is {got}", where) from exc


#: Text longer than this is refused before pint reads it.
_MAX_TEXT = 200

#: Text that is a number or arithmetic on numbers, without a unit name.
_NUMBER_TEXT = re.compile(r"^[\d\s.eE+\-*/()]+$")

#: A decimal number as pint reads it (no leading zeros: pint reads ``010`` as 0), then
#: optionally a unit: ``"150"``, ``"-2.5e3 W"``.
_PLAIN_NUMBER = re.compile(
    r"^\s*(?P<number>[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)"
    r"(?:\s+(?P<unit>\S.*?))?\s*$"
)


def number_in_unit(text: str, unit: str) -> int | float | None:
    """A bare number, or a number written in ``unit`` itself, as pint would read it; else None.

    ``"150"`` and ``"150 W/kg"`` (for unit ``"W/kg"``) need no unit registry: their
    value in ``unit`` is the number itself, an ``int`` where pint reads one (``"-0"`` is
    0, not -0.0). Every other text (another unit, arithmetic) returns None and goes
    through pint.
    """
    if len(text) > _MAX_TEXT:
        return None
    match = _PLAIN_NUMBER.match(text)
    if match is None or match["unit"] not in (None, unit):
        return None
    number = match["number"]
    if any(c in number for c in ".eE"):
        return float(number)
    return int(number)


_POWER_TOWER = re.compile(r"(\*\*|\^)\s*\(?\s*[-+]?[\d.]+\s*\)?\s*(\*\*|\^)")

_CLOCK = re.compile(r"^\s*([-+]?)(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$")

#: What a local time of day may be, quoted in every error about one.
CLOCK_EXPECTED = (
    "a local time of day from 00:00 to 23:59 ('HH:MM'), or hours in [0, 24) "
    "(a bare number is read in hours), e.g. '18:00' or 18"
)


def parse_clock_hours(value: Any, field: str, *, where: str | None = None) -> float:
    """Parse a local time such as ``"18:00"`` (or a number of hours) into hours.

    A time of day is ``HH:MM`` (or ``HH:MM:SS``) from ``00:00`` to ``23:59:59``, or a
    number of hours in [0, 24) (a bare number is read in hours, ``"6 h"`` and ``"360 min"``
    go through pint). Nothing is wrapped round the clock: ``-6:00``, ``-6`` and ``24:00``
    are errors, not 18:00 or 00:00.

    Raises
    ------
    InputError
        If the value is not a time of day in [0, 24).
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        hours = float(value)
    elif isinstance(value, str) and ":" in value:
        m = _CLOCK.match(value)
        if m is None or int(m[3]) >= 60 or int(m[4] or 0) >= 60:
            raise InputError(field, value, CLOCK_EXPECTED, where)
        if m[1] == "-":
            raise InputError(field, value, f"{CLOCK_EXPECTED}; a negative time is refused", where)
        hours = int(m[2]) + int(m[3]) / 60 + int(m[4] or 0) / 3600
    elif isinstance(value, str):
        try:
            hours = to_si(value, "hour", field, where=where)
        except InputError:
            raise InputError(field, value, CLOCK_EXPECTED, where) from None
    else:
        raise InputError(field, value, CLOCK_EXPECTED, where)
    if hours < 0.0:
        raise InputError(field, value, f"{CLOCK_EXPECTED}; a negative time is refused", where)
    if not hours < 24.0:  # NaN too
        raise InputError(field, value, CLOCK_EXPECTED, where)
    return hours


def format_quantity(value: float, unit: str, digits: int = 4) -> str:
    """Format an SI float with a sensible SI prefix, e.g. ``1.234e5, "W"`` -> ``"123.4 kW"``."""
    if not unit or not math.isfinite(value) or value == 0:
        return f"{value:.{digits}g} {unit}".strip()
    if unit == "kg" and abs(value) >= 1e3:  # engineers count satellites in tonnes
        return format_quantity(value / 1e3, "t", digits)
    q = registry().Quantity(value, unit).to_compact()
    return f"{q.magnitude:.{digits}g} {q.units:~P}"
