"""Parameter tables: one declaration per parameter drives parsing, docs and labels.

Following PyPSA's attribute tables, each model input is declared once as a
:class:`Parameter` (dotted key, SI unit, display unit, kind, description). The
same table parses YAML and ``--set key=value`` input (pint at the boundary),
labels CLI tables and documents the model. Values and their sources live in data
files (presets), never in code.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from terawatt.errors import InputError
from terawatt.units import parse_clock_hours, registry, to_si

__all__ = ["Parameter", "ParameterDefault", "flatten", "parse_parameters"]

Kind = Literal["quantity", "clock", "text", "integer"]


@dataclass(frozen=True)
class Parameter:
    """One model input.

    Attributes
    ----------
    key : str
        Dotted name used in YAML and on the command line (``"array.specific_power"``).
    attr : str
        Attribute of the design object that receives the SI value.
    unit : str
        SI unit the model uses inside (``"W/kg"``; ``""`` for dimensionless).
    display_unit : str
        Unit shown to people (``"W/kg"``, ``"kg/kW"``, ``"%/yr"``).
    description : str
        One line saying what it is.
    kind : {"quantity", "clock", "text", "integer"}
        How text input is parsed.
    bounds : tuple of float or None, optional
        Physically admissible interval in SI units; ``None`` for no limit.
    low_open : bool, optional
        Exclude the lower bound itself (``(0, 1]``: a positive fraction).
    choices : tuple of str, optional
        Admissible values of a ``text`` parameter (empty: any text).
    """

    key: str
    attr: str
    unit: str
    display_unit: str
    description: str
    kind: Kind = "quantity"
    bounds: tuple[float | None, float | None] = (None, None)
    choices: tuple[str, ...] = ()
    low_open: bool = False

    def parse(self, value: Any, *, where: str | None = None) -> float | int | str:
        """Parse a user value into the model's SI representation and check its bounds."""
        if self.kind == "text":
            if not isinstance(value, str) or (self.choices and value not in self.choices):
                expected = (
                    f"one of {', '.join(map(repr, self.choices))}" if self.choices else "text"
                )
                raise InputError(self.key, value, expected, where)
            return value
        if self.kind == "integer":
            if isinstance(value, bool) or not isinstance(value, int | str):
                raise InputError(self.key, value, "a whole number", where)
            try:
                number: float | int = int(value)
            except ValueError as exc:
                raise InputError(self.key, value, "a whole number", where) from exc
        elif self.kind == "clock":
            number = parse_clock_hours(value, self.key, where=where)
        else:
            number = self._parse_quantity(value, where)
        self.check(number, where=where)
        return number

    def _parse_quantity(self, value: Any, where: str | None) -> float:
        # Bare numbers (or numbers written as text, as on the command line) are read in
        # the display unit, the unit people see in tables.
        number = value
        if isinstance(value, str):
            try:
                number = float(value)
            except ValueError:
                number = value
        if isinstance(number, int | float) and not isinstance(number, bool) and self.display_unit:
            text = f"{number!r} {self.display_unit}"
            return to_si(text, self.unit, self.key, where=where)
        return to_si(value, self.unit, self.key, where=where)

    def check(self, value: float, *, where: str | None = None) -> None:
        """Raise :class:`InputError` if an SI value lies outside the admissible bounds."""
        lo, hi = self.bounds
        too_low = lo is not None and (value <= lo if self.low_open else value < lo)
        if too_low or (hi is not None and value > hi):
            lo_s = "-inf" if lo is None else f"{self.to_display(lo):g}"
            hi_s = "+inf" if hi is None else f"{self.to_display(hi):g}"
            bracket = "(" if self.low_open or lo is None else "["
            close = ")" if hi is None else "]"
            interval = f"{bracket}{lo_s}, {hi_s}{close} {self.display_unit}".rstrip()
            raise InputError(self.key, self.to_display(value), f"a value in {interval}", where)

    def to_display(self, value: float) -> float:
        """Convert an SI value into the display unit."""
        if self.kind != "quantity" or self.unit == self.display_unit:
            return value
        ureg = registry()
        return float(ureg.Quantity(value, self.unit or "").to(self.display_unit or "").magnitude)


def flatten(mapping: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Flatten nested mappings into dotted keys: ``{"a": {"b": 1}}`` -> ``{"a.b": 1}``."""
    flat: dict[str, Any] = {}
    for key, value in mapping.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, f"{dotted}."))
        else:
            flat[dotted] = value
    return flat


def parse_parameters(
    values: Mapping[str, Any], table: Iterable[Parameter], *, where: str | None = None
) -> dict[str, float | int | str]:
    """Parse dotted ``key: value`` pairs against a parameter table.

    Returns
    -------
    dict
        Design attribute name -> SI value.

    Raises
    ------
    InputError
        For an unknown key (with close matches) or a value that does not parse.
    """
    by_key = {p.key: p for p in table}
    parsed: dict[str, float | int | str] = {}
    for key, value in values.items():
        if key not in by_key:
            close = difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
            raise InputError(key, value, f"a known parameter{hint}", where)
        parsed[by_key[key].attr] = by_key[key].parse(value, where=where)
    return parsed


@dataclass(frozen=True)
class ParameterDefault:
    """One default value with its source and uncertainty, in the model's unit.

    Attributes
    ----------
    key : str
        Name of the entry in the parameter table (``"launch.learning_rate"``).
    attr : str
        Attribute it feeds (``"learning_rate"``), unit in the name where it has one.
    value : float or bool
        Central value [``unit``]: the mode of a triangular default, the median of the
        other distributions; a flag for true/false switches.
    unit : str
        The model's unit for it (``"USD/kg"``, ``"kg"``, ``"1/day"``; ``""`` for none).
    source : str
        Where the value comes from; "estimate" and "secondary" say so.
    low, high : float or None
        Spread around ``value`` [``unit``] of a triangular or uniform default.
    dist : str
        ``"fixed"``, ``"triangular"`` (low, value, high), ``"uniform"`` (low, high) or the
        ``dist`` of another distribution.
    distribution : dict or None
        Any other distribution (lognormal, normal, PERT), its fields in ``unit`` (keys as
        in :mod:`terawatt.parameters.distributions`).
    """

    key: str
    attr: str
    value: float | bool
    unit: str
    source: str
    low: float | None = None
    high: float | None = None
    dist: str = "fixed"
    distribution: dict[str, Any] | None = None

    def distribution_spec(self) -> dict[str, Any]:
        """The uncertainty as a mapping for ``terawatt.parameters.distributions``.

        Returns
        -------
        dict
            ``{"dist": "fixed", "value": v}``, ``{"dist": "triangular", "low": a,
            "mode": v, "high": b}``, ``{"dist": "uniform", "low": a, "high": b}`` or the
            table's own distribution, in the model's unit (``DISTRIBUTION_ADAPTER``
            validates it).
        """
        if self.distribution is not None:
            return dict(self.distribution)
        if self.low is None or self.high is None or self.low == self.high:
            return {"dist": "fixed", "value": self.value}
        if self.dist == "uniform":
            return {"dist": "uniform", "low": self.low, "high": self.high}
        return {"dist": "triangular", "low": self.low, "mode": self.value, "high": self.high}
