"""The declaration of a parameter-table entry: its units, bounds and choices, checked.

Each check reads one field of an entry as written in a table file
(``terawatt/data/parameters/*.yaml``) and raises :class:`~terawatt.errors.InputError`
naming the file, line and field where it is wrong; :mod:`terawatt.parameters.table`
builds the :class:`~terawatt.parameters.table.Parameter` from the results.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from terawatt.errors import InputError
from terawatt.units import registry, to_si
from terawatt.yamldoc import Doc, PathKey, field_name

__all__ = ["display_conversion", "parse_bounds", "table_limits", "table_units", "text_field"]

_BOUNDS = re.compile(r"^\s*([\[(])\s*([^,\s]+)\s*,\s*([^,\s\])]+)\s*([\])])\s*$")


def parse_bounds(
    text: Any, field: str, where: str
) -> tuple[float | None, float | None, bool, bool]:
    """``"[0, 1)"`` -> ``(0.0, 1.0, low_open=False, high_open=True)``; infinite ends -> None."""
    expected = "an interval in the parameter's unit such as '[0, 1)', '(0, inf)', '[1, 60]'"
    match = _BOUNDS.match(text) if isinstance(text, str) else None
    if match is None:
        raise InputError(field, text, expected, where)
    ends = []
    for end in (match[2], match[3]):
        try:
            number = float(end.replace("∞", "inf"))
        except ValueError:
            raise InputError(field, text, expected, where) from None
        if math.isnan(number):
            raise InputError(field, text, expected, where)
        ends.append(number)
    lo_f, hi_f = ends
    if lo_f == math.inf or hi_f == -math.inf or not lo_f < hi_f:
        raise InputError(field, text, f"{expected}, with the lower end below the upper", where)
    lo = None if lo_f == -math.inf else lo_f
    hi = None if hi_f == math.inf else hi_f
    return lo, hi, match[1] == "(" and lo is not None, match[4] == ")" and hi is not None


def text_field(
    body: Mapping[str, Any], key: str, doc: Doc, path: PathKey, *, required: bool
) -> str:
    """Field ``key`` of an entry as one line of text (``""`` where optional and absent)."""
    sub = (*path, key)
    if key not in body:
        if required:
            raise InputError(field_name(sub), None, "a non-empty text", doc.where(path))
        return ""
    value = body[key]
    if not isinstance(value, str) or (required and not value.strip()):
        raise InputError(field_name(sub), value, "a non-empty text", doc.where(sub))
    return " ".join(value.split())


def check_unit(unit: str, doc: Doc, sub: PathKey) -> None:
    """``unit`` must be a unit pint knows (the unit the model computes in)."""
    try:
        registry().Quantity(1.0, unit).to_base_units()
    except Exception:
        expected = "a unit pint knows, e.g. 'W', 'USD/kg', '1/year_julian' ('' for dimensionless)"
        raise InputError(field_name(sub), unit, expected, doc.where(sub)) from None


#: Values a fast display conversion must convert exactly as pint does before it is used.
_PROBES = (0.0, 1.0, -1.0, 0.1, 1.0 / 3.0, 273.15, 300.0, 1e-7, 12345.678, 6.02e23)


def display_conversion(unit: str, display_unit: str) -> tuple[float | None, float, float | None]:
    """How to convert between ``unit`` and ``display_unit`` as pint does, without pint.

    Returns the :attr:`~terawatt.parameters.table.Parameter.display_scale`,
    :attr:`~terawatt.parameters.table.Parameter.display_offset` and
    :attr:`~terawatt.parameters.table.Parameter.si_scale` of an entry. pint converts a
    multiplicative unit as ``value * factor`` (``factor`` is what it gives for 1.0), both
    ways, and kelvin into degrees Celsius as ``value - 273.15`` (``value * 1.0 + offset``,
    offset what it gives for 0.0). Each form is kept only where it gives pint's own float
    for every value of :data:`_PROBES`; otherwise it is None and pint converts.
    """
    ureg = registry()

    def pint_converts(value: float, source: str, target: str) -> float:
        return float(ureg.Quantity(value, source).to(target).magnitude)

    offset = pint_converts(0.0, unit, display_unit)
    scale: float | None = pint_converts(1.0, unit, display_unit) if offset == 0.0 else 1.0
    si_scale: float | None = pint_converts(1.0, display_unit, unit) if offset == 0.0 else None
    for value in _PROBES:
        shown = pint_converts(value, unit, display_unit)
        if scale is not None and (value * scale + offset if offset else value * scale) != shown:
            scale, offset = None, 0.0
        if si_scale is not None and value * si_scale != pint_converts(value, display_unit, unit):
            si_scale = None
    return scale, offset, si_scale


def table_units(
    body: Mapping[str, Any], kind: str, doc: Doc, path: PathKey
) -> tuple[str, str, tuple[float | None, float, float | None]]:
    """Model unit, display unit and their conversion (:func:`display_conversion`), checked."""
    if kind != "quantity":
        for key in ("unit", "display_unit"):
            if body.get(key, "") != "":
                sub = (*path, key)
                expected = f"no unit for a {kind} parameter"
                raise InputError(field_name(sub), body[key], expected, doc.where(sub))
        return "", "", (None, 0.0, None)
    if "unit" not in body:
        raise InputError(
            field_name((*path, "unit")),
            None,
            "the unit the model computes in ('' for none)",
            doc.where(path),
        )
    unit = text_field(body, "unit", doc, path, required=False)
    check_unit(unit, doc, (*path, "unit"))
    display_unit = text_field(body, "display_unit", doc, path, required=False) or unit
    if display_unit != unit:
        sub = (*path, "display_unit")
        try:
            to_si(f"1 {display_unit}", unit, field_name(sub))
            registry().Quantity(1.0, unit or "").to(display_unit)
        except Exception:
            expected = f"a unit of the same dimension as {unit or 'a plain number'!r}"
            raise InputError(field_name(sub), display_unit, expected, doc.where(sub)) from None
        return unit, display_unit, display_conversion(unit, display_unit)
    return unit, display_unit, (None, 0.0, None)


def table_limits(
    body: Mapping[str, Any], kind: str, doc: Doc, path: PathKey
) -> tuple[tuple[float | None, float | None], bool, bool, tuple[str, ...]]:
    """Bounds (with open ends) and choices of a table entry, checked."""
    bounds: tuple[float | None, float | None] = (None, None)
    low_open = high_open = False
    if "bounds" in body:
        sub = (*path, "bounds")
        if kind == "text":
            expected = "no bounds for text (use choices)"
            raise InputError(field_name(sub), body["bounds"], expected, doc.where(sub))
        lo, hi, low_open, high_open = parse_bounds(body["bounds"], field_name(sub), doc.where(sub))
        bounds = (lo, hi)
    choices: tuple[str, ...] = ()
    if "choices" in body:
        sub = (*path, "choices")
        raw = body["choices"]
        ok = isinstance(raw, list) and raw and all(isinstance(c, str) and c for c in raw)
        if kind != "text" or not ok or len(set(raw)) != len(raw):
            expected = "a list of distinct texts" if kind == "text" else f"no choices for a {kind}"
            raise InputError(field_name(sub), raw, expected, doc.where(sub))
        choices = tuple(raw)
    return bounds, low_open, high_open, choices
