"""Parameter values as a scenario file writes them: YAML scalars, quantities, entries.

Used to write scenarios (:meth:`terawatt.scenario.schema.Scenario.to_yaml`), the defaults
file and the JSON Schema's defaults; each text reads back to the identical value.
"""

from __future__ import annotations

import json
import math
from typing import Any

import yaml

from terawatt.errors import InputError
from terawatt.parameters.choice import Choice
from terawatt.parameters.distributions import Fixed
from terawatt.parameters.quantity import is_number_text, show_number
from terawatt.parameters.table import DIST_TYPES, Parameter, Value
from terawatt.yamldoc import loads

__all__ = ["quantity_text", "scalar", "value_entry"]


def scalar(value: str | int | float | None) -> str:
    """One YAML scalar that reads back as ``value`` in this dialect and in plain YAML 1.1.

    Floats are written shortest (``7e+10``, ``0.39``); YAML 1.1 reads ``7e+10`` as text,
    which the quantity parser reads as the same number.
    """
    if isinstance(value, float) and math.isfinite(value) and loads(show_number(value)) == value:
        return show_number(value)
    for style in (None, '"'):
        text = yaml.safe_dump(value, default_style=style, allow_unicode=True, width=2**31)
        text = text.removesuffix("\n").removesuffix("\n...").removesuffix("\n")
        if "\n" in text:
            continue
        try:
            if loads(text) == value and yaml.safe_load(text) == value:
                return text
        except yaml.YAMLError:
            continue
    return json.dumps(value)  # unreachable for str/int/float/None; a safe fallback


def quantity_text(param: Parameter, si: float, *, difference: bool = False) -> str | float:
    """``si`` as a file would write it, reading back to exactly ``si``.

    The display unit with the fewest digits that read back exactly (``0.1 Mt/yr``, a bare
    number where the display unit is ``""``), else the model unit (``3.17 kg/s``).
    """
    to_display = param.to_display
    shown = to_display(si) - to_display(0.0) if difference else to_display(si)
    numbers = [f"{shown:.{digits}g}" for digits in (6, 12, 15, 16)] + [show_number(shown)]
    candidates = [f"{number} {param.display_unit}".strip() for number in numbers]
    candidates.append(f"{show_number(si)} {param.unit or 'dimensionless'}")
    for text in candidates:
        try:
            if param.to_si(text, difference=difference) == si:
                return float(text) if is_number_text(text) else text
        except InputError:
            continue
    return candidates[-1]


def value_entry(param: Parameter, value: Value) -> dict[str, Any]:
    """A value as a scenario-file entry (without ``source``), as a user would write it.

    Parameters
    ----------
    param : Parameter
        The value's table entry (its units).
    value : Distribution, str or int
        The value in model units.

    Returns
    -------
    dict
        ``{"value": ...}`` for a fixed value, text or a whole number; ``{"dist": ...}`` and
        the distribution's fields otherwise (a structural choice's ``weights`` mapping),
        quantities in the display unit (:func:`quantity_text`).
    """
    if isinstance(value, Choice):
        return {"dist": "choice", "weights": dict(value.weights)}
    if not isinstance(value, DIST_TYPES):
        return {"value": value}
    if isinstance(value, Fixed):
        return {"value": quantity_text(param, value.value)}
    entry: dict[str, Any] = {"dist": value.dist}
    for key, number in value.model_dump(by_alias=True, exclude={"dist"}).items():
        if number is None:
            continue
        if key in type(value).unit_fields:
            entry[key] = quantity_text(param, float(number), difference=key == "sd")
        else:
            entry[key] = float(number)
    return entry
