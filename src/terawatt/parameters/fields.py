"""One model input's declaration: key, units, kind, bounds; and a default's record.

Following PyPSA's attribute tables, each model input is declared once in the parameter
table (:mod:`terawatt.parameters.table`), which builds a :class:`Parameter` (dotted key,
SI unit, display unit, kind, description, bounds) for each entry. The same declaration
parses text and whole numbers, checks bounds and converts values for display. Values and
their sources live in data files, never in code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from terawatt.errors import InputError
from terawatt.parameters.quantity import parse_quantity
from terawatt.units import registry

__all__ = ["Parameter", "ParameterDefault"]

Kind = Literal["quantity", "text", "integer"]


@dataclass(frozen=True)
class Parameter:
    """One model input.

    Attributes
    ----------
    key : str
        Dotted name used in YAML and on the command line (``"array.specific_power"``).
    unit : str
        SI unit the model uses inside (``"W/kg"``; ``""`` for dimensionless).
    display_unit : str
        Unit shown to people (``"W/kg"``, ``"kg/kW"``, ``"%/yr"``).
    description : str
        One line saying what it is.
    kind : {"quantity", "text", "integer"}
        How text input is parsed.
    bounds : tuple of float or None, optional
        Physically admissible interval in SI units; ``None`` for no limit.
    low_open : bool, optional
        Exclude the lower bound itself (``(0, 1]``: a positive fraction).
    choices : tuple of str, optional
        Admissible values of a ``text`` parameter (empty: any text).
    """

    key: str
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
        else:  # bare numbers (or numeric text) are read in the display unit
            number = parse_quantity(value, self.unit, self.display_unit, self.key, where)
        self.check(number, where=where)
        return number

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
