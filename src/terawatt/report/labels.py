"""Labels with units for figures, tables and the dashboard, read from the parameter table.

Every scenario parameter is declared once, with its display unit and description, in
the scenario parameter table (:func:`terawatt.parameters.table.load_parameter_table`);
figures and the dashboard label axes and sliders from it, so a unit is never typed twice.
"""

from __future__ import annotations

import math
from functools import cache

from terawatt.parameters.table import Parameter, load_parameter_table

__all__ = ["format_number", "parameter", "parameter_label", "pretty_unit"]

#: Unit names as pint spells them -> as people read them.
_UNIT_WORDS = (
    ("year_julian", "yr"),
    ("dimensionless", ""),
)


#: Units shown with an SI prefix (17.5 GW rather than 1.75e+10 W).
_PREFIXABLE = ("W", "J", "Wh")
_PREFIXES = ("", "k", "M", "G", "T", "P", "E")


def pretty_unit(unit: str) -> str:
    """A unit as people read it: ``"%/year_julian"`` -> ``"%/yr"``."""
    text = unit
    for word, shown in _UNIT_WORDS:
        text = text.replace(word, shown)
    return text.strip()


@cache
def _table() -> dict[str, Parameter]:
    return load_parameter_table()


def parameter(name: str) -> Parameter | None:
    """The parameter table's entry called ``name`` (None if the table has no such entry)."""
    return _table().get(name)


def parameter_label(name: str, *, with_name: bool = False, short: bool = True) -> str:
    """``"price to low Earth orbit in the start year [USD/kg]"`` for ``launch.initial_cost``.

    Parameters
    ----------
    name : str
        Dotted parameter name.
    with_name : bool, optional
        Append the dotted name in parentheses.
    short : bool, optional
        Cut the description to an axis label (:func:`short_description`); ``False`` keeps
        it whole (the dashboard's sliders wrap long text).

    Returns
    -------
    str
        The description with the display unit; the name itself for an unknown parameter.
    """
    param = parameter(name)
    if param is None:
        return name
    unit = pretty_unit(param.display_unit) if param.kind == "quantity" else ""
    description = short_description(param.description) if short else param.description
    text = description + (f" [{unit}]" if unit else "")
    return f"{text} ({name})" if with_name else text


#: Longest label a figure's axis gets (characters); longer descriptions are cut.
LABEL_CHARS = 70


def short_description(text: str, limit: int = LABEL_CHARS) -> str:
    """A description short enough for an axis label: up to its first clause, then cut.

    The parameter table's descriptions say what an input is and, after a ";" or ":",
    how it is used; a label keeps the first part and ends with "…" past ``limit``.
    """
    for mark in ("; ", ": "):
        head = text.split(mark, 1)[0]
        if len(head) >= 20:
            text = head
            break
    if len(text) > limit:
        text = text[: limit - 1].rstrip(" ,") + "…"
    if text.count("(") > text.count(")"):  # a parenthesis cut open: drop it
        text = text[: text.rfind("(")].rstrip(" ,")
    return text


def format_number(value: float | None, unit: str = "") -> str:
    """A number for people: three significant digits, thousands separated, unit appended.

    ``None`` and NaN read "n/a" (a year that never comes, a quantity that does not exist).
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "n/a"
    unit = pretty_unit(unit)
    if unit in _PREFIXABLE and abs(float(value)) >= 1e3:
        exponent = min(int(math.log10(abs(float(value))) // 3), len(_PREFIXES) - 1)
        value, unit = float(value) / 10 ** (3 * exponent), _PREFIXES[exponent] + unit
    suffix = "" if unit in ("", "1") else f" {unit}"
    if unit in ("yr", "year") and float(value).is_integer() and 1000 <= abs(value) <= 3000:
        return f"{int(value)}"  # a calendar year
    magnitude = abs(float(value))
    if magnitude == 0.0:
        text = "0"
    elif 1e-3 <= magnitude < 1e6:
        digits = max(0, 2 - math.floor(math.log10(magnitude)))
        text = f"{float(value):,.{digits}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    else:
        text = f"{float(value):.3g}"
    return text + suffix
