"""The parameter table: every model input declared once, with unit, bounds, default and source.

Each entry of the shipped table (``terawatt/data/parameters/*.yaml``, one file per part of
the system) declares one model input, a :class:`Parameter`: the unit the model computes
in, the unit people read, a description, admissible bounds (or choices), a default value
or distribution and its source. The same table validates scenario files and ``--set``
values, writes the defaults file and the JSON Schema, labels tables and sliders, and
documents the model (PyPSA's attribute tables). A table file is read with the
line-numbered YAML loader, so every mistake in it names file, line and field.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
import sys
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, TypeAlias, cast

import numpy as np
from pydantic import ValidationError

from terawatt.data import parameter_table_files
from terawatt.errors import InputError, did_you_mean
from terawatt.parameters.cache import cache_key, read_cached, write_cached
from terawatt.parameters.choice import Choice
from terawatt.parameters.declaration import table_limits, table_units, text_field
from terawatt.parameters.distributions import (
    DISTRIBUTION_ADAPTER,
    PERT,
    Fixed,
    LogNormal,
    Normal,
    Triangular,
    Uniform,
    open_unit,
)
from terawatt.parameters.quantity import parse_quantity, plain_number
from terawatt.typing import ArrayLike, FloatArray
from terawatt.units import registry
from terawatt.validate import checked
from terawatt.yamldoc import Doc, Label, Locator, PathKey, field_name, parse_yaml, read_yaml_file

__all__ = [
    "DISTRIBUTIONS",
    "DIST_TYPES",
    "Dist",
    "Kind",
    "Parameter",
    "Value",
    "central",
    "check_support",
    "dist_keys",
    "load_parameter_table",
    "parse_value",
    "shipped_defaults_as_written",
    "shipped_table",
]

Dist: TypeAlias = Fixed | Uniform | Triangular | Normal | LogNormal | PERT
#: A parameter's value: a distribution (fixed or uncertain, model units), text, a structural
#: choice among texts drawn per sample (:class:`~terawatt.parameters.choice.Choice`) or a
#: whole number.
Value: TypeAlias = Dist | Choice | str | int

Kind = Literal["quantity", "text", "integer"]
KINDS: tuple[Kind, ...] = ("quantity", "text", "integer")

DIST_TYPES = (Fixed, Uniform, Triangular, Normal, LogNormal, PERT)
#: ``dist`` name -> model class.
DISTRIBUTIONS: dict[str, type[Dist]] = {
    cast(str, cls.model_fields["dist"].default): cls for cls in DIST_TYPES
}

_TABLE_KEYS = (
    "unit",
    "display_unit",
    "description",
    "kind",
    "bounds",
    "choices",
    "default",
    "source",
    "stream",
)
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*(?:\.[A-Za-z0-9][A-Za-z0-9_-]*)*$")


@dataclasses.dataclass(frozen=True)
class Parameter:
    """One model input: one entry of the parameter table.

    Following PyPSA's attribute tables, each model input is declared once: its dotted
    name, the unit the model computes in, the unit people read, what it is, its
    admissible values, its default and the default's source. The same declaration parses
    values as written in files and on the command line, checks them against the bounds
    (or choices) and shows values to people.

    Attributes
    ----------
    name : str
        Dotted name used in YAML and on the command line (``"launch.learning_rate"``).
    unit : str
        Unit the model computes in: SI, or ``year_julian`` for time (``""``: dimensionless).
    display_unit : str
        Unit shown to people (``"W/kg"``, ``"kg/kW"``, ``"%"``); bare numbers in files are
        read in it.
    description : str
        One line saying what it is.
    default : Distribution, Choice, str or int
        The default value: a :data:`~terawatt.parameters.distributions.Distribution` in model
        units for a quantity (``Fixed`` for a plain value), text or a structural
        :class:`~terawatt.parameters.choice.Choice` for ``text``, a whole number for
        ``integer``; ``default.central()`` is a quantity's point value.
    source : str
        Where the default comes from (``"estimate: ..."`` where it is one).
    kind : {"quantity", "text", "integer"}, optional
        How values are parsed.
    bounds : tuple of float or None, optional
        Admissible interval in :attr:`unit` (``None``: unbounded on that side).
    low_open, high_open : bool, optional
        Whether the lower (upper) bound itself is excluded (``(0, 1]``, ``[0, 1)``).
    choices : tuple of str, optional
        Admissible values of a ``text`` parameter (empty: any text).
    stream : str, optional
        Name of the random stream the parameter draws from (empty: its own name). Entries
        that name one stream draw the same quantile in every sample: fully correlated, as
        for estimates that share one basis (the facility capex categories).
    display_scale, display_offset : float or None, and float, optional
        How :meth:`to_display` converts without loading pint: ``value * display_scale``
        (``+ display_offset`` where it is not 0, for K -> °C), the float pint gives
        (:func:`terawatt.parameters.declaration.display_conversion`). A scale of None
        (the default, for an entry built without the table's loader): pint converts.
    si_scale : float or None, optional
        The other way: :meth:`to_si` reads a number in :attr:`display_unit` (``"650 km"``,
        or a bare 650) as ``number * si_scale``, pint's float; None: pint reads it.
    """

    name: str
    unit: str
    display_unit: str
    description: str
    default: Value
    source: str
    kind: Kind = "quantity"
    bounds: tuple[float | None, float | None] = (None, None)
    low_open: bool = False
    high_open: bool = False
    choices: tuple[str, ...] = ()
    stream: str = ""
    display_scale: float | None = None
    display_offset: float = 0.0
    si_scale: float | None = None

    @property
    def stream_name(self) -> str:
        """The random stream this parameter draws from: :attr:`stream`, or its own name."""
        return self.stream or self.name

    def central_text(self) -> str:
        """A text parameter's point value: the text, or a choice's most probable option.

        Raises
        ------
        InputError
            For a numeric parameter.
        """
        default = self.default
        if isinstance(default, Choice):
            return default.central()
        if not isinstance(default, str):
            raise InputError(self.name, default, "a text parameter (this one is numeric)")
        return default

    def to_display(self, value: float) -> float:
        """Convert a value in :attr:`unit` into :attr:`display_unit`."""
        if self.kind != "quantity" or self.unit == self.display_unit:
            return value
        if self.display_scale is not None:
            shown = value * self.display_scale
            return shown + self.display_offset if self.display_offset else shown
        ureg = registry()
        return float(ureg.Quantity(value, self.unit or "").to(self.display_unit or "").magnitude)

    def central(self) -> float:
        """The default's point value [:attr:`unit`].

        A distribution's ``central()`` (mode, fixed value or median); a whole number as a
        float.

        Raises
        ------
        InputError
            For a text parameter.
        """
        default = self.default
        if isinstance(default, str | Choice):
            raise InputError(self.name, default, "a numeric parameter (this one is text)")
        if isinstance(default, int):
            return float(default)
        return default.central()

    def interval(self) -> str:
        """The bounds in the display unit, e.g. ``"[0, 100) %"``; ``""`` without bounds."""
        lo, hi = self.bounds
        if lo is None and hi is None:
            return ""
        lo_s = "-inf" if lo is None else f"{self.to_display(lo):g}"
        hi_s = "inf" if hi is None else f"{self.to_display(hi):g}"
        left = "(" if lo is None or self.low_open else "["
        right = ")" if hi is None or self.high_open else "]"
        unit = self.display_unit if self.kind == "quantity" else ""
        return f"{left}{lo_s}, {hi_s}{right} {unit}".rstrip()

    def admits(self, value: float) -> bool:
        """Whether a value in :attr:`unit` lies within the bounds."""
        lo, hi = self.bounds
        if lo is not None and (value <= lo if self.low_open else value < lo):
            return False
        return not (hi is not None and (value >= hi if self.high_open else value > hi))

    def check(self, value: ArrayLike) -> FloatArray:
        """``value`` as floats, raising InputError naming the entry unless within the bounds.

        Parameters
        ----------
        value : array_like
            Values in :attr:`unit`.

        Returns
        -------
        FloatArray
            ``value`` as float64 (:func:`terawatt.validate.checked`).

        Raises
        ------
        InputError
            If any element lies outside the bounds or is NaN.
        """
        lo, hi = self.bounds
        return checked(
            self.name,
            value,
            low=-math.inf if lo is None else lo,
            high=math.inf if hi is None else hi,
            low_open=self.low_open,
            high_open=self.high_open and hi is not None,
        )

    def to_si(
        self,
        value: Any,
        *,
        field: str | None = None,
        where: str | None = None,
        difference: bool = False,
    ) -> float:
        """Convert ``"15 %"`` or a bare number (read in :attr:`display_unit`) to :attr:`unit`.

        Parameters
        ----------
        value : str, int or float
            A quantity with units, or a bare number (or numeric text) in the display unit.
        field, where : str, optional
            Field name and location quoted in errors (default: the parameter's name).
        difference : bool, optional
            Convert a difference (a standard deviation): scale only, no offset (°C -> K).

        Returns
        -------
        float
            The value in :attr:`unit`. Bounds are not checked here.

        Raises
        ------
        InputError
            For text that is not a quantity or has the wrong dimension.
        """
        return parse_quantity(
            value,
            self.unit,
            self.display_unit,
            field or self.name,
            where,
            difference=difference,
            si_scale=self.si_scale,
        )

    def parse(self, value: Any, *, where: str | None = None) -> Value:
        """Parse a value as written in a file (no ``source``) into its model form.

        Parameters
        ----------
        value : Any
            A quantity (``"15 %"``, a bare number in the display unit), a distribution
            mapping (``{"dist": "uniform", "low": "10 %", "high": "30 %"}``), a
            :data:`Distribution` already in :attr:`unit`, text or a whole number.
        where : str, optional
            Where the value came from, quoted in errors.

        Returns
        -------
        Distribution, str or int
            Checked against the bounds (the whole support of a distribution) or choices.

        Raises
        ------
        InputError
            For a value of the wrong kind, unit or range.
        """
        return parse_value(self, value, Label(where or ""), (self.name,))

    def display(self, value: Value) -> str:
        """A value as people read it: ``"15 %"``, ``"triangular(10, 15, 25) %"``, ``"today"``.

        A structural choice reads ``"choice(today: 0.7, aggressive-100wpkg: 0.3)"``
        (probabilities).
        """
        if isinstance(value, Choice):
            options = ", ".join(f"{k}: {p:.3g}" for k, p in value.probabilities.items())
            return f"choice({options})"
        if not isinstance(value, DIST_TYPES):
            return str(value)
        unit = f" {self.display_unit}" if self.display_unit else ""
        if isinstance(value, Fixed):
            return f"{self.to_display(value.value):g}{unit}"
        parts = []
        for key, number in value.model_dump(by_alias=True, exclude={"dist"}).items():
            if number is None:
                continue
            shown = float(number)
            if key in type(value).unit_fields:
                shown = (
                    self.to_display(number) - self.to_display(0.0)
                    if key == "sd"
                    else self.to_display(number)
                )
            parts.append(f"{key}={shown:g}")
        return f"{value.dist}({', '.join(parts)}){unit}"


#: The field that sets the spread, blamed when draws overflow.
_SPREAD_FIELD = {"normal": "sd", "lognormal": "sigma"}


def _support_problem(param: Parameter, dist: Dist) -> tuple[str, str] | None:
    """The field and the complaint when draws of ``dist`` can leave the bounds, else None.

    Checks the support analytically (a lognormal never draws 0 itself), then the two most
    extreme values the samplers can draw, ``ppf(2**-54)`` and ``ppf(1 - 2**-53)``, which
    must be finite and inside the bounds too (a lognormal with sigma = 90 underflows to 0).
    """
    interval = param.interval()
    if isinstance(dist, Fixed):
        return None if param.admits(dist.value) else ("value", f"a value in {interval}")
    lo_b, hi_b = param.bounds
    if isinstance(dist, LogNormal):  # support (0, inf): 0 itself is never drawn
        fits = (lo_b is None or lo_b <= 0.0) and hi_b is None
        expected = f"a distribution that stays in {interval}; a lognormal takes every value > 0"
        if not fits:
            return "dist", expected
    else:
        for side, bound, end in zip(("low", "high"), (lo_b, hi_b), dist.support(), strict=True):
            if bound is None:
                continue
            if not math.isfinite(end):
                return side, f"a truncation point ({side}:) that keeps values in {interval}"
            if not param.admits(end):
                return side, f"a value in {interval}"
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):  # what we look for
        extremes = dist.ppf(open_unit(np.array([0.0, 1.0])))
    for side, draw in zip(("smallest", "largest"), extremes.tolist(), strict=True):
        if not (math.isfinite(draw) and param.admits(draw)):
            key = _SPREAD_FIELD.get(dist.dist, "low" if side == "smallest" else "high")
            shown = f"{param.to_display(draw):g}" if math.isfinite(draw) else f"{draw}"
            where = f"in {interval}" if interval else "finite"
            expected = f"a distribution whose draws stay {where}; its {side} draw is {shown}"
            return key, expected
    return None


def check_support(
    param: Parameter, dist: Dist, raw: Any, loc: Locator, path: PathKey, *, scalar: bool
) -> None:
    """Raise InputError, naming the offending field, if ``dist`` can draw outside the bounds."""
    problem = _support_problem(param, dist)
    if problem is None:
        return
    key, expected = problem
    if scalar:
        raise InputError(field_name(path), raw, expected, loc.where(path))
    sub = (*path, key)
    shown = raw.get(key) if isinstance(raw, Mapping) else raw
    raise InputError(field_name(sub), shown, expected, loc.where(sub))


def dist_keys(cls: type[Dist]) -> list[str]:
    """Keys a distribution takes in a file (aliases: ``mean``, ``median``), without ``dist``."""
    return [f.alias or name for name, f in cls.model_fields.items() if name != "dist"]


def _parse_distribution(
    param: Parameter, raw: Mapping[str, Any], loc: Locator, path: PathKey
) -> Dist:
    """A ``{dist: ..., ...}`` mapping as a distribution in model units, checked."""
    name = raw.get("dist")
    names = list(DISTRIBUTIONS)
    if not isinstance(name, str) or name not in DISTRIBUTIONS:
        sub = (*path, "dist")
        raise InputError(
            field_name(sub),
            name,
            f"one of {', '.join(names)}{did_you_mean(name, names)}",
            loc.where(sub),
        )
    cls = DISTRIBUTIONS[name]
    keys = dist_keys(cls)
    fields: dict[str, Any] = {"dist": name}
    for key, value in raw.items():
        sub = (*path, key)
        if key == "dist":
            continue
        if key not in keys:
            expected = (
                f"a field of a {name} distribution: {', '.join(keys)}{did_you_mean(key, keys)}"
            )
            raise InputError(field_name(sub), value, expected, loc.where(sub))
        if value is None:
            fields[key] = None
        elif key in cls.unit_fields:
            fields[key] = param.to_si(
                value, field=field_name(sub), where=loc.where(sub), difference=key == "sd"
            )
        else:
            fields[key] = plain_number(value, field_name(sub), loc.where(sub))
    try:
        dist = DISTRIBUTION_ADAPTER.validate_python(fields)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = str(error["loc"][1]) if len(error["loc"]) > 1 else "dist"
        sub = (*path, key)
        if error["type"] == "missing":
            required = [f.alias or n for n, f in cls.model_fields.items() if f.is_required()]
            expected = f"a value: a {name} distribution needs {', '.join(required)}"
        else:
            message = str(error["msg"]).removeprefix("Value error, ")
            message = message.replace("Input should be", "should be")
            note = ""
            if param.display_unit != param.unit:
                one = f"{param.to_display(1.0):g} {param.display_unit}"
                note = (
                    f" (values in {param.unit})"
                    if param.unit
                    else f" (as plain numbers: 1 = {one})"
                )
            expected = f"a valid {name} distribution: {key} {message}{note}"
        raise InputError(field_name(sub), raw.get(key), expected, loc.where(sub)) from None
    check_support(param, dist, raw, loc, path, scalar=False)
    return dist


def _parse_choice(param: Parameter, raw: Any, loc: Locator, path: PathKey) -> Choice:
    """A ``{dist: choice, weights: {...}}`` mapping (or a Choice) as a checked Choice."""
    if isinstance(raw, Choice):
        raw = raw.model_dump()
    for key in raw:
        if key not in ("dist", "weights"):
            sub = (*path, key)
            raise InputError(
                field_name(sub), raw[key], "a field of a choice: weights", loc.where(sub)
            )
    sub = (*path, "weights")
    weights = raw.get("weights")
    if not isinstance(weights, Mapping) or not weights:
        expected = "a mapping of option -> weight, e.g. {today: 0.7, aggressive-100wpkg: 0.3}"
        raise InputError(field_name(sub), weights, expected, loc.where(sub))
    parsed: dict[str, float] = {}
    for option, weight in weights.items():
        at = (*sub, str(option))
        if not isinstance(option, str) or (param.choices and option not in param.choices):
            allowed = ", ".join(map(repr, param.choices)) if param.choices else "text"
            expected = f"an option among {allowed}{did_you_mean(str(option), param.choices)}"
            raise InputError(field_name(at), option, expected, loc.where(at))
        number = plain_number(weight, field_name(at), loc.where(at))
        if not (math.isfinite(number) and number > 0.0):
            raise InputError(field_name(at), weight, "a weight > 0", loc.where(at))
        parsed[option] = number
    return Choice(weights=parsed)


def parse_value(param: Parameter, raw: Any, loc: Locator, path: PathKey) -> Value:
    """A value as written (scalar or distribution mapping) in its model form, checked."""
    field, where = field_name(path), loc.where(path)
    if param.kind == "quantity":
        if isinstance(raw, DIST_TYPES):  # from Python: already in the model's unit
            fields = raw.model_dump(by_alias=True)
            check_support(param, raw, fields, loc, path, scalar=isinstance(raw, Fixed))
            return raw
        if isinstance(raw, Mapping):
            return _parse_distribution(param, raw, loc, path)
        dist = Fixed(value=param.to_si(raw, field=field, where=where))
        check_support(param, dist, raw, loc, path, scalar=True)
        return dist
    if param.kind == "text" and (
        isinstance(raw, Choice) or (isinstance(raw, Mapping) and raw.get("dist") == "choice")
    ):
        return _parse_choice(param, raw, loc, path)
    if isinstance(raw, Mapping):
        what = (
            "text or a structural choice ({dist: choice, weights: {option: weight, ...}})"
            if param.kind == "text"
            else "a whole number"
        )
        raise InputError(
            field, raw, f"{what} (a {param.kind} parameter takes no distribution)", where
        )
    if param.kind == "text":
        if not isinstance(raw, str) or (param.choices and raw not in param.choices):
            expected = f"one of {', '.join(map(repr, param.choices))}" if param.choices else "text"
            raise InputError(field, raw, expected, where)
        return raw
    if isinstance(raw, bool) or not isinstance(raw, int | str):
        raise InputError(field, raw, "a whole number", where)
    try:
        number = int(raw)
    except ValueError:
        raise InputError(field, raw, "a whole number", where) from None
    if not param.admits(number):
        raise InputError(field, raw, f"a value in {param.interval()}", where)
    return number


def _table_entry(name: str, body: Any, doc: Doc) -> Parameter:
    """One checked entry of the parameter table."""
    path: PathKey = (name,)
    where = doc.where(path)
    if not _NAME.match(name):
        raise InputError(name, name, "a dotted name such as 'launch.learning_rate'", where)
    if not isinstance(body, Mapping):
        raise InputError(name, body, f"a mapping with the fields {', '.join(_TABLE_KEYS)}", where)
    for key in body:
        if key not in _TABLE_KEYS:
            sub = (*path, key)
            expected = f"one of the fields {', '.join(_TABLE_KEYS)}{did_you_mean(key, _TABLE_KEYS)}"
            raise InputError(field_name(sub), key, expected, doc.where(sub))
    kind = body.get("kind", "quantity")
    if kind not in KINDS:
        sub = (*path, "kind")
        raise InputError(field_name(sub), kind, f"one of {', '.join(KINDS)}", doc.where(sub))
    description = text_field(body, "description", doc, path, required=True)
    source = text_field(body, "source", doc, path, required=True)
    if "default" not in body:
        raise InputError(field_name((*path, "default")), None, "a default value", where)
    unit, display_unit, (display_scale, display_offset, si_scale) = table_units(
        body, kind, doc, path
    )
    bounds, low_open, high_open, choices = table_limits(body, kind, doc, path)
    stream = text_field(body, "stream", doc, path, required=False)
    if stream and not _NAME.match(stream):
        sub = (*path, "stream")
        raise InputError(field_name(sub), stream, "a dotted stream name", doc.where(sub))
    draft = Parameter(  # the default is parsed against the declaration
        name=name,
        unit=unit,
        display_unit=display_unit,
        description=description,
        default="",
        source=source,
        kind=cast(Kind, kind),
        bounds=bounds,
        low_open=low_open,
        high_open=high_open,
        choices=choices,
        stream=stream,
        display_scale=display_scale,
        display_offset=display_offset,
        si_scale=si_scale,
    )
    default = parse_value(draft, body["default"], doc, (*path, "default"))
    return dataclasses.replace(draft, default=default)


def _parse_table(doc: Doc) -> dict[str, Parameter]:
    if not isinstance(doc.data, Mapping) or not doc.data:
        raise InputError(
            "parameter table", doc.data, "a mapping of parameter name -> fields", doc.where(())
        )
    return {name: _table_entry(name, body, doc) for name, body in doc.data.items()}


#: Modules whose code decides what the shipped table parses into: their files are part of
#: the cache key (:mod:`terawatt.parameters.cache`), so a changed parser never reads an old
#: document.
_PARSER_MODULES = (
    __name__,
    "terawatt.parameters.choice",
    "terawatt.parameters.declaration",
    "terawatt.parameters.distributions",
    "terawatt.parameters.quantity",
    "terawatt.units",
    "terawatt.yamldoc",
)
_CACHE_NAME = "parameter-table"

Shipped: TypeAlias = tuple[dict[str, Parameter], dict[str, Any]]


def _parse_shipped(files: list[tuple[str, bytes]]) -> Shipped:
    """Every entry of the shipped files, and each entry's default as written."""
    table: dict[str, Parameter] = {}
    written: dict[str, Any] = {}
    for name, raw in files:
        label = f"terawatt/data/parameters/{name}"
        doc = parse_yaml(raw, label)
        part = _parse_table(doc)
        for clash in table.keys() & part.keys():
            raise InputError(clash, label, "a parameter declared in one table file only")
        table.update(part)
        written.update({key: body["default"] for key, body in doc.data.items()})
    return table, written


def _to_document(shipped: Shipped) -> dict[str, Any]:
    """The parsed table as plain JSON data (a distribution or choice as its fields)."""
    table, written = shipped
    entries = []
    for param in table.values():
        fields = dataclasses.asdict(param)
        if isinstance(param.default, (*DIST_TYPES, Choice)):
            fields["default"] = {"model": param.default.model_dump()}
        entries.append(fields)
    return {"entries": entries, "written": written}


def _from_document(document: Any) -> Shipped | None:
    """:func:`_to_document` undone; None for a document that does not read back."""
    try:
        table: dict[str, Parameter] = {}
        for fields in document["entries"]:
            default = fields["default"]
            if isinstance(default, dict):
                model = default["model"]
                is_choice = model["dist"] == "choice"
                default = (
                    Choice.model_validate(model)
                    if is_choice
                    else DISTRIBUTION_ADAPTER.validate_python(model)
                )
            table[fields["name"]] = Parameter(
                **{
                    **fields,
                    "default": default,
                    "bounds": tuple(fields["bounds"]),
                    "choices": tuple(fields["choices"]),
                }
            )
        return table, dict(document["written"])
    except (KeyError, TypeError, ValueError):  # pydantic's ValidationError is a ValueError
        return None


def _cache_key(files: list[tuple[str, bytes]]) -> str | None:
    """Key of the cached table: the files, the parser's code and pint; None if unreadable."""
    try:
        import importlib.metadata  # noqa: PLC0415 (only where the cache is used)

        code = [(m, Path(str(sys.modules[m].__file__)).read_bytes()) for m in _PARSER_MODULES]
        pint = ("pint", importlib.metadata.version("pint").encode())
    except (OSError, KeyError, ValueError, importlib.metadata.PackageNotFoundError):
        return None
    return cache_key([*files, *code, pint])


def _load_shipped(files: list[tuple[str, bytes]]) -> Shipped:
    """The shipped table and its defaults as written: from the cache, or parsed (and cached).

    A document is cached only if it reads back into exactly the parsed table.
    """
    key = _cache_key(files)
    if key is not None and (cached := _from_document(read_cached(_CACHE_NAME, key))):
        return cached
    shipped = _parse_shipped(files)
    if key is not None:
        document = _to_document(shipped)
        if _from_document(json.loads(json.dumps(document))) == shipped:
            write_cached(_CACHE_NAME, key, document)
    return shipped


@cache
def _shipped() -> Shipped:
    return _load_shipped(parameter_table_files())


@cache
def shipped_table() -> Mapping[str, Parameter]:
    """The shipped table (read once): every file of :func:`terawatt.data.parameter_table_files`.

    Kept parsed in the user's cache folder between runs (:mod:`terawatt.parameters.cache`).
    """
    return MappingProxyType(_shipped()[0])


@cache
def shipped_defaults_as_written() -> Mapping[str, Any]:
    """Each shipped entry's ``default`` as written in its file (``"650 km"``, a mapping)."""
    return MappingProxyType(_shipped()[1])


def central(name: str) -> float:
    """The point value of a shipped table entry [its SI unit] (:meth:`Parameter.central`)."""
    return shipped_table()[name].central()


def load_parameter_table(path: str | Path | None = None) -> dict[str, Parameter]:
    """The parameter table: every scenario parameter with its unit, bounds, default and source.

    Parameters
    ----------
    path : str or Path, optional
        A table file in the format of the shipped ones (``terawatt/data/parameters/*.yaml``;
        the default is the shipped table, read once and cached).

    Returns
    -------
    dict of str to Parameter
        In file order. Every default is checked against its bounds or choices.

    Raises
    ------
    InputError
        For a missing file, bad YAML, an unknown field, a unit pint does not know, a bad
        interval or a default out of bounds; the message names file, line and field.
    """
    if path is None:
        return dict(shipped_table())
    file = Path(path)
    return _parse_table(read_yaml_file(file, str(path), "parameter table", str(path), None))
