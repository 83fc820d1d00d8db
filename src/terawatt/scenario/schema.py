"""Scenario files and the one parameter table they are checked against.

Every model parameter is declared once, in ``terawatt/data/scenario_parameters.yaml``: the
unit the model computes in, the unit people read, a description, admissible bounds (or
choices), a default value or distribution and its source. The same table validates scenario
files, writes the defaults file and the JSON Schema of a scenario, and labels tables
elsewhere (PyPSA's attribute tables; see ``STYLE.md``).

A scenario file overrides some defaults, each with its own source, may ``extends`` another
scenario file, and fixes the seed, the number of samples and the years. :func:`load_scenario`
reads it into a :class:`Scenario`: every parameter as a :data:`Distribution` in the model's
unit (SI; time in Julian years where the table says so), text or
a whole number), where each value came from, and a SHA-256 :attr:`Scenario.hash` of the
content that determines results. :func:`sample_parameters` draws any block of its samples.

Every mistake in a file is one :class:`~terawatt.errors.InputError` naming the field, the
value as written, what was expected, and the file, line and column::

    parameters.launch.learning_rate.high: got '120 %'; expected a value in [0, 100) %
    (in scenarios/x.yaml:12:5)

Files are read as YAML 1.2 (core schema): ``yes``, ``no``, ``on`` and ``off`` stay text,
``1e3`` is a number, there are no dates or base-60 numbers, and a key may appear only once
per mapping. The user guide is ``docs/scenarios.md``.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import json
import math
import os
import re
from collections.abc import Mapping, Sequence
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, Protocol, TypeAlias, cast

import numpy as np
import yaml
from pydantic import ValidationError

from terawatt.errors import InputError
from terawatt.parameters import Parameter
from terawatt.physics._types import FloatArray
from terawatt.scenario.distributions import (
    DISTRIBUTION_ADAPTER,
    PERT,
    Fixed,
    LogNormal,
    Normal,
    Triangular,
    Uniform,
    open_unit,
    sample_block,
)
from terawatt.scenario.sites import DEFAULT_SITES, Sites, parse_sites
from terawatt.units import registry, to_si

__all__ = [
    "DEFAULT_SAMPLES",
    "DEFAULT_SEED",
    "DEFAULT_YEARS",
    "Scenario",
    "ScenarioParameter",
    "Value",
    "default_scenario",
    "defaults_yaml",
    "json_schema",
    "load_parameter_table",
    "load_scenario",
    "sample_parameters",
]

_Dist: TypeAlias = Fixed | Uniform | Triangular | Normal | LogNormal | PERT
#: A parameter's value: a distribution (fixed or uncertain, model units), text or a whole number.
Value: TypeAlias = _Dist | str | int

Kind = Literal["quantity", "text", "integer"]
_KINDS: tuple[Kind, ...] = ("quantity", "text", "integer")

DEFAULT_SEED = 0
DEFAULT_SAMPLES = 1000
DEFAULT_YEARS = (2025, 2060)

#: Where the shipped table lives (``importlib.resources``): one file per part of the system,
#: read in this order into one table (a name may appear in one file only).
_TABLE_PACKAGE = "terawatt.data"
_TABLE_FILES = ("scenario_parameters.yaml", "moon_parameters.yaml")

#: Format tag hashed with the content: change it when the canonical form changes.
_HASH_FORMAT = "terawatt-scenario/1"

_DIST_TYPES = (Fixed, Uniform, Triangular, Normal, LogNormal, PERT)
#: ``dist`` name -> model class.
_DISTRIBUTIONS: dict[str, type[_Dist]] = {
    cast(str, cls.model_fields["dist"].default): cls for cls in _DIST_TYPES
}

_TOP_KEYS = ("name", "description", "extends", "seed", "samples", "years", "sites", "parameters")
_TABLE_KEYS = (
    "unit",
    "display_unit",
    "description",
    "kind",
    "bounds",
    "choices",
    "default",
    "source",
)
#: Keys of a scenario file that ``overrides`` may set besides parameters.
_OVERRIDABLE_TOP_KEYS = ("seed", "samples", "years")

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*(?:\.[A-Za-z0-9][A-Za-z0-9_-]*)*$")
_YEARS = re.compile(r"^\s*(\d{1,6})\s*:\s*(\d{1,6})\s*$")
_BOUNDS = re.compile(r"^\s*([\[(])\s*([^,\s]+)\s*,\s*([^,\s\])]+)\s*([\])])\s*$")

#: Quantity text longer than this is refused before pint evaluates it.
_MAX_QUANTITY_CHARS = 200
#: pint evaluates arithmetic (``2**10**10`` runs for a minute); powers are allowed only on
#: unit names, with a short literal exponent: ``m^2``, ``s**-1``, ``kg^(1/2)`` is refused.
_POWER = re.compile(r"\*\*|\^")
_UNIT_POWER = re.compile(
    r"[A-Za-z_]\s*(?:\*\*|\^)\s*(\(\s*)?[-+]?\d{1,2}(?:\.\d{1,3})?(?(1)\s*\))(?!\s*(?:\*\*|\^))"
)


# ----------------------------------------------------------------------------- YAML


class _Loader(yaml.SafeLoader):
    """YAML 1.2 core schema: only ``true``/``false`` are booleans, no dates, no base 60."""

    yaml_implicit_resolvers = {}  # noqa: RUF012 - replaced, not shared: filled below


for _tag, _pattern, _first in (
    ("null", r"~|null|Null|NULL|", ["~", "n", "N", ""]),
    ("bool", r"true|True|TRUE|false|False|FALSE", list("tTfF")),
    ("int", r"[-+]?[0-9]+", list("-+0123456789")),
    (
        "float",
        (
            r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
        ),
        list("-+0123456789."),
    ),
    ("merge", r"<<", ["<"]),
):
    _Loader.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", re.compile(f"^(?:{_pattern})$"), _first
    )


def _construct_int(loader: yaml.SafeLoader, node: yaml.Node) -> int:
    """Decimal integers as written (``010`` is ten, not YAML 1.1's octal eight)."""
    text = str(loader.construct_scalar(cast(yaml.ScalarNode, node)))
    try:
        return int(text, 10)
    except ValueError:  # an explicit !!int 0x1f
        return loader.construct_yaml_int(cast(yaml.ScalarNode, node))


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)

_PathKey: TypeAlias = tuple[str | int, ...]


def _field(path: Sequence[str | int]) -> str:
    """Dotted field name of a path: ``('parameters', 'a.b', 'high')`` -> ``parameters.a.b.high``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(file)"


class _Locator(Protocol):
    def where(self, path: Sequence[str | int]) -> str:
        """Location of the field at ``path``, for error messages."""


@dataclasses.dataclass(frozen=True)
class _Label:
    """A locator without lines: the command line, a Python call."""

    label: str

    def where(self, path: Sequence[str | int]) -> str:
        return self.label


@dataclasses.dataclass(frozen=True)
class _Doc:
    """A YAML document as Python data, with the line and column of every key."""

    label: str
    data: Any
    marks: dict[_PathKey, tuple[int, int]]

    def where(self, path: Sequence[str | int]) -> str:
        """``file:line:column`` of ``path`` (or of its nearest enclosing key)."""
        key = tuple(path)
        while key and key not in self.marks:
            key = key[:-1]
        line, column = self.marks.get(key, (1, 1))
        return f"{self.label}:{line}:{column}"


def _line_of(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _snippet(text: str, line: int) -> str:
    """The offending line, shortened (``"(end of file)"`` past the last line)."""
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return "(end of file)"
    shown = lines[line - 1].strip()
    return shown if len(shown) <= 60 else shown[:57] + "..."


class _Budget:
    """Counts constructed nodes, so that alias bombs stop early."""

    limit = 200_000

    def __init__(self) -> None:
        self.left = self.limit


def _construct(
    loader: _Loader,
    node: yaml.Node,
    path: _PathKey,
    marks: dict[_PathKey, tuple[int, int]],
    label: str,
    active: set[int],
    budget: _Budget,
) -> Any:
    """Python data of a composed node; records the mark of every key and list item."""
    budget.left -= 1
    mark = node.start_mark
    where = f"{label}:{mark.line + 1}:{mark.column + 1}"
    if budget.left < 0:
        raise InputError(_field(path), "(aliases)", f"at most {_Budget.limit} YAML nodes", where)
    if isinstance(node, yaml.ScalarNode):
        try:
            return loader.construct_object(node, deep=True)
        except yaml.YAMLError:
            raise
        except Exception as exc:  # e.g. an integer of more than 4300 digits
            raise InputError(_field(path), node.value, f"a readable value ({exc})", where) from exc
    if id(node) in active:
        raise InputError(
            _field(path), "(alias)", "a YAML alias that does not contain itself", where
        )
    active.add(id(node))
    try:
        if isinstance(node, yaml.SequenceNode):
            items = []
            for i, child in enumerate(node.value):
                marks[(*path, i)] = (child.start_mark.line + 1, child.start_mark.column + 1)
                items.append(_construct(loader, child, (*path, i), marks, label, active, budget))
            return items
        loader.flatten_mapping(cast(yaml.MappingNode, node))
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_mark = key_node.start_mark
            key_where = f"{label}:{key_mark.line + 1}:{key_mark.column + 1}"
            if not isinstance(key_node, yaml.ScalarNode):
                raise InputError(_field(path), "(a list or mapping)", "a key of text", key_where)
            key = str(key_node.value)
            child_path = (*path, key)
            if key in out:
                first = marks[child_path][0]
                raise InputError(
                    _field(child_path),
                    key,
                    f"each key once (it is already on line {first})",
                    key_where,
                )
            marks[child_path] = (key_mark.line + 1, key_mark.column + 1)
            out[key] = _construct(loader, value_node, child_path, marks, label, active, budget)
        return out
    finally:
        active.discard(id(node))


def _parse_yaml(raw: bytes, label: str) -> _Doc:
    """Parse YAML bytes into a :class:`_Doc`; every failure is an InputError with a line."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError(
            "file", f"byte 0x{raw[exc.start]:02x}", "UTF-8 text", f"{label}:{line}"
        ) from None
    marks: dict[_PathKey, tuple[int, int]] = {}
    loader: _Loader | None = None
    try:
        loader = _Loader(text)  # checks every character first (ReaderError)
        node = loader.get_single_node()
        data = (
            None if node is None else _construct(loader, node, (), marks, label, set(), _Budget())
        )
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(str(exc.problem or exc.context or "a syntax error").split())
        raise InputError(
            "YAML", _snippet(text, line), f"valid YAML ({problem})", f"{label}:{line}:{column}"
        ) from None
    except yaml.YAMLError as exc:  # ReaderError: a character YAML does not allow
        line, column = _line_of(text, getattr(exc, "position", 0))
        reason = getattr(exc, "reason", "a character YAML does not allow")
        character = getattr(exc, "character", "")
        got = f"character {ord(character):#06x}" if isinstance(character, str) and character else ""
        raise InputError(
            "YAML",
            got or _snippet(text, line),
            f"valid YAML ({reason})",
            f"{label}:{line}:{column}",
        ) from None
    except RecursionError:
        raise InputError("YAML", "(nesting)", "YAML nested less deeply", f"{label}:1") from None
    finally:
        if loader is not None:
            loader.dispose()
    return _Doc(label, data, marks)


def _read_file(path: Path, label: str, field: str, value: Any, where: str | None) -> _Doc:
    """Read and parse a YAML file, with a clear error when it cannot be read."""
    shown = "" if value == label else f" ({label})"
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(field, value, f"an existing YAML file{shown}", where) from None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        expected = f"a readable YAML file{shown} ({reason})"
        raise InputError(field, value, expected, where) from None
    return _parse_yaml(raw, label)


def _loads(text: str) -> Any:
    """Load one YAML value with the scenario dialect (for ``--set`` values and round trips)."""
    return yaml.load(text, Loader=_Loader)  # a SafeLoader: builds plain data only


# ----------------------------------------------------------------------------- quantities


def _hint(word: object, options: Sequence[str]) -> str:
    """``"; did you mean 'x'?"`` for close matches of ``word`` among ``options``."""
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, list(options), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(map(repr, close))}?" if close else ""


def _expected_quantity(display_unit: str) -> str:
    if not display_unit:
        return "a plain number, e.g. 0.9 (or with a unit such as '%')"
    example = f"e.g. '1 {display_unit}'"
    return f"a quantity in {display_unit}, {example} (a bare number is read in {display_unit})"


def _is_number_text(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _quantity(
    value: Any,
    unit: str,
    display_unit: str,
    field: str,
    where: str | None,
    *,
    difference: bool = False,
) -> float:
    """A value written with units (or a bare number, read in ``display_unit``) in ``unit``.

    ``difference`` converts a difference (a standard deviation): scale only, no offset.
    """
    expected = _expected_quantity(display_unit)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise InputError(field, value, expected, where)
    try:
        text = value.strip() if isinstance(value, str) else repr(value)
    except ValueError:  # an int of more than 4300 digits
        raise InputError(field, "(a huge number)", expected, where) from None
    if _is_number_text(text):
        text = f"{text} {display_unit}".strip()
    if len(text) > _MAX_QUANTITY_CHARS:
        raise InputError(
            field, value, f"{expected}, at most {_MAX_QUANTITY_CHARS} characters", where
        )
    if len(_POWER.findall(text)) != len(_UNIT_POWER.findall(text)):
        raise InputError(
            field, value, f"{expected}; powers only on unit names, e.g. 'm^2', 's^-1'", where
        )
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


def _plain_number(value: Any, field: str, where: str | None) -> float:
    return _quantity(value, "", "", field, where)


def _show(x: float) -> str:
    """Shortest text that reads back as ``x``: ``1500``, ``0.15``, ``1e-07``."""
    return repr(float(x)).removesuffix(".0")


# ----------------------------------------------------------------------------- parameters


@dataclasses.dataclass(frozen=True)
class ScenarioParameter:
    """One entry of the parameter table: a :class:`~terawatt.parameters.Parameter` and its default.

    Attributes
    ----------
    parameter : terawatt.parameters.Parameter
        Name (``key``), model unit, display unit, description, kind, bounds, choices; it parses
        text and integers and checks bounds.
    default : Distribution, str or int
        The default value: a :data:`~terawatt.scenario.distributions.Distribution` in model
        units for a quantity (``Fixed`` for a plain value), text for ``text``, a whole
        number for ``integer``.
    source : str
        Where the default comes from (``"estimate: ..."`` where it is one).
    high_open : bool, optional
        Whether the upper bound itself is excluded (``[0, 1)``); ``Parameter`` carries the
        lower one as ``low_open``.
    """

    parameter: Parameter
    default: Value
    source: str
    high_open: bool = False

    @property
    def name(self) -> str:
        """Dotted name (``launch.learning_rate``)."""
        return self.parameter.key

    @property
    def unit(self) -> str:
        """Unit the model computes in: SI, or ``year_julian`` for time (``""``: dimensionless)."""
        return self.parameter.unit

    @property
    def display_unit(self) -> str:
        """Unit shown to people; bare numbers in files are read in it."""
        return self.parameter.display_unit

    @property
    def description(self) -> str:
        """One line saying what it is."""
        return self.parameter.description

    @property
    def kind(self) -> Kind:
        """``quantity``, ``text`` or ``integer``."""
        return cast(Kind, self.parameter.kind)

    @property
    def bounds(self) -> tuple[float | None, float | None]:
        """Admissible interval in :attr:`unit` (``None``: unbounded on that side)."""
        return self.parameter.bounds

    @property
    def low_open(self) -> bool:
        """Whether the lower bound itself is excluded."""
        return self.parameter.low_open

    @property
    def choices(self) -> tuple[str, ...]:
        """Admissible text values (empty: any text)."""
        return self.parameter.choices

    def interval(self) -> str:
        """The bounds in the display unit, e.g. ``"[0, 100) %"``; ``""`` without bounds."""
        lo, hi = self.bounds
        if lo is None and hi is None:
            return ""
        lo_s = "-inf" if lo is None else f"{self.parameter.to_display(lo):g}"
        hi_s = "inf" if hi is None else f"{self.parameter.to_display(hi):g}"
        left = "(" if lo is None or self.low_open else "["
        right = ")" if hi is None or self.high_open else "]"
        unit = self.display_unit if self.kind == "quantity" else ""
        return f"{left}{lo_s}, {hi_s}{right} {unit}".rstrip()

    def admits(self, value: float) -> bool:
        """Whether a value in :attr:`unit` lies within the bounds."""
        try:
            self.parameter.check(value)
        except InputError:
            return False
        hi = self.bounds[1]
        return not (self.high_open and hi is not None and value >= hi)

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
        return _quantity(
            value, self.unit, self.display_unit, field or self.name, where, difference=difference
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
        return _parse_value(self, value, _Label(where or ""), (self.name,))

    def display(self, value: Value) -> str:
        """A value as people read it: ``"15 %"``, ``"triangular(10, 15, 25) %"``, ``"today"``."""
        if not isinstance(value, _DIST_TYPES):
            return str(value)
        unit = f" {self.display_unit}" if self.display_unit else ""
        if isinstance(value, Fixed):
            return f"{self.parameter.to_display(value.value):g}{unit}"
        parts = []
        for key, number in value.model_dump(by_alias=True, exclude={"dist"}).items():
            if number is None:
                continue
            shown = float(number)
            if key in type(value).unit_fields:
                shown = (
                    self.parameter.to_display(number) - self.parameter.to_display(0.0)
                    if key == "sd"
                    else self.parameter.to_display(number)
                )
            parts.append(f"{key}={shown:g}")
        return f"{value.dist}({', '.join(parts)}){unit}"


#: The field that sets the spread, blamed when draws overflow.
_SPREAD_FIELD = {"normal": "sd", "lognormal": "sigma"}


def _support_problem(param: ScenarioParameter, dist: _Dist) -> tuple[str, str] | None:
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
            shown = f"{param.parameter.to_display(draw):g}" if math.isfinite(draw) else f"{draw}"
            where = f"in {interval}" if interval else "finite"
            expected = f"a distribution whose draws stay {where}; its {side} draw is {shown}"
            return key, expected
    return None


def _check_support(
    param: ScenarioParameter, dist: _Dist, raw: Any, loc: _Locator, path: _PathKey, *, scalar: bool
) -> None:
    """Raise InputError, naming the offending field, if ``dist`` can draw outside the bounds."""
    problem = _support_problem(param, dist)
    if problem is None:
        return
    key, expected = problem
    if scalar:
        raise InputError(_field(path), raw, expected, loc.where(path))
    sub = (*path, key)
    shown = raw.get(key) if isinstance(raw, Mapping) else raw
    raise InputError(_field(sub), shown, expected, loc.where(sub))


def _dist_keys(cls: type[_Dist]) -> list[str]:
    """Keys a distribution takes in a file (aliases: ``mean``, ``median``), without ``dist``."""
    return [f.alias or name for name, f in cls.model_fields.items() if name != "dist"]


def _parse_distribution(
    param: ScenarioParameter, raw: Mapping[str, Any], loc: _Locator, path: _PathKey
) -> _Dist:
    """A ``{dist: ..., ...}`` mapping as a distribution in model units, checked."""
    name = raw.get("dist")
    names = list(_DISTRIBUTIONS)
    if not isinstance(name, str) or name not in _DISTRIBUTIONS:
        sub = (*path, "dist")
        raise InputError(
            _field(sub), name, f"one of {', '.join(names)}{_hint(name, names)}", loc.where(sub)
        )
    cls = _DISTRIBUTIONS[name]
    keys = _dist_keys(cls)
    fields: dict[str, Any] = {"dist": name}
    for key, value in raw.items():
        sub = (*path, key)
        if key == "dist":
            continue
        if key not in keys:
            expected = f"a field of a {name} distribution: {', '.join(keys)}{_hint(key, keys)}"
            raise InputError(_field(sub), value, expected, loc.where(sub))
        if value is None:
            fields[key] = None
        elif key in cls.unit_fields:
            fields[key] = param.to_si(
                value, field=_field(sub), where=loc.where(sub), difference=key == "sd"
            )
        else:
            fields[key] = _plain_number(value, _field(sub), loc.where(sub))
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
                one = f"{param.parameter.to_display(1.0):g} {param.display_unit}"
                note = (
                    f" (values in {param.unit})"
                    if param.unit
                    else f" (as plain numbers: 1 = {one})"
                )
            expected = f"a valid {name} distribution: {key} {message}{note}"
        raise InputError(_field(sub), raw.get(key), expected, loc.where(sub)) from None
    _check_support(param, dist, raw, loc, path, scalar=False)
    return dist


def _parse_value(param: ScenarioParameter, raw: Any, loc: _Locator, path: _PathKey) -> Value:
    """A value as written (scalar or distribution mapping) in its model form, checked."""
    field, where = _field(path), loc.where(path)
    if param.kind == "quantity":
        if isinstance(raw, _DIST_TYPES):  # from Python: already in the model's unit
            fields = raw.model_dump(by_alias=True)
            _check_support(param, raw, fields, loc, path, scalar=isinstance(raw, Fixed))
            return raw
        if isinstance(raw, Mapping):
            return _parse_distribution(param, raw, loc, path)
        dist = Fixed(value=param.to_si(raw, field=field, where=where))
        _check_support(param, dist, raw, loc, path, scalar=True)
        return dist
    if isinstance(raw, Mapping):
        what = "text" if param.kind == "text" else "a whole number"
        raise InputError(
            field, raw, f"{what} (a {param.kind} parameter takes no distribution)", where
        )
    try:
        value = param.parameter.parse(raw, where=where)
    except InputError as exc:
        expected = exc.expected
        if expected.startswith("a value in"):  # bounds: say it with both ends right
            expected = f"a value in {param.interval()}"
        raise InputError(field, raw, expected, where) from None
    if isinstance(value, int) and not param.admits(value):  # an open upper bound
        raise InputError(field, raw, f"a value in {param.interval()}", where)
    return cast(str | int, value)


# ----------------------------------------------------------------------------- the table


def _parse_bounds(
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


def _text_field(
    body: Mapping[str, Any], key: str, doc: _Doc, path: _PathKey, *, required: bool
) -> str:
    sub = (*path, key)
    if key not in body:
        if required:
            raise InputError(_field(sub), None, "a non-empty text", doc.where(path))
        return ""
    value = body[key]
    if not isinstance(value, str) or (required and not value.strip()):
        raise InputError(_field(sub), value, "a non-empty text", doc.where(sub))
    return " ".join(value.split())


def _check_unit(unit: str, doc: _Doc, sub: _PathKey) -> None:
    """``unit`` must be a unit pint knows (the unit the model computes in)."""
    try:
        registry().Quantity(1.0, unit).to_base_units()
    except Exception:
        expected = "a unit pint knows, e.g. 'W', 'USD/kg', '1/year_julian' ('' for dimensionless)"
        raise InputError(_field(sub), unit, expected, doc.where(sub)) from None


def _table_units(body: Mapping[str, Any], kind: str, doc: _Doc, path: _PathKey) -> tuple[str, str]:
    """Model unit and display unit of a table entry, checked."""
    if kind != "quantity":
        for key in ("unit", "display_unit"):
            if body.get(key, "") != "":
                sub = (*path, key)
                expected = f"no unit for a {kind} parameter"
                raise InputError(_field(sub), body[key], expected, doc.where(sub))
        return "", ""
    if "unit" not in body:
        raise InputError(
            _field((*path, "unit")),
            None,
            "the unit the model computes in ('' for none)",
            doc.where(path),
        )
    unit = _text_field(body, "unit", doc, path, required=False)
    _check_unit(unit, doc, (*path, "unit"))
    display_unit = _text_field(body, "display_unit", doc, path, required=False) or unit
    if display_unit != unit:
        sub = (*path, "display_unit")
        try:
            to_si(f"1 {display_unit}", unit, _field(sub))
            registry().Quantity(1.0, unit or "").to(display_unit)
        except Exception:
            expected = f"a unit of the same dimension as {unit or 'a plain number'!r}"
            raise InputError(_field(sub), display_unit, expected, doc.where(sub)) from None
    return unit, display_unit


def _table_limits(
    body: Mapping[str, Any], kind: str, doc: _Doc, path: _PathKey
) -> tuple[tuple[float | None, float | None], bool, bool, tuple[str, ...]]:
    """Bounds (with open ends) and choices of a table entry, checked."""
    bounds: tuple[float | None, float | None] = (None, None)
    low_open = high_open = False
    if "bounds" in body:
        sub = (*path, "bounds")
        if kind == "text":
            expected = "no bounds for text (use choices)"
            raise InputError(_field(sub), body["bounds"], expected, doc.where(sub))
        lo, hi, low_open, high_open = _parse_bounds(body["bounds"], _field(sub), doc.where(sub))
        bounds = (lo, hi)
    choices: tuple[str, ...] = ()
    if "choices" in body:
        sub = (*path, "choices")
        raw = body["choices"]
        ok = isinstance(raw, list) and raw and all(isinstance(c, str) and c for c in raw)
        if kind != "text" or not ok or len(set(raw)) != len(raw):
            expected = "a list of distinct texts" if kind == "text" else f"no choices for a {kind}"
            raise InputError(_field(sub), raw, expected, doc.where(sub))
        choices = tuple(raw)
    return bounds, low_open, high_open, choices


def _table_entry(name: str, body: Any, doc: _Doc) -> ScenarioParameter:
    """One checked entry of the parameter table."""
    path: _PathKey = (name,)
    where = doc.where(path)
    if not _NAME.match(name):
        raise InputError(name, name, "a dotted name such as 'launch.learning_rate'", where)
    if not isinstance(body, Mapping):
        raise InputError(name, body, f"a mapping with the fields {', '.join(_TABLE_KEYS)}", where)
    for key in body:
        if key not in _TABLE_KEYS:
            sub = (*path, key)
            expected = f"one of the fields {', '.join(_TABLE_KEYS)}{_hint(key, _TABLE_KEYS)}"
            raise InputError(_field(sub), key, expected, doc.where(sub))
    kind = body.get("kind", "quantity")
    if kind not in _KINDS:
        sub = (*path, "kind")
        raise InputError(_field(sub), kind, f"one of {', '.join(_KINDS)}", doc.where(sub))
    description = _text_field(body, "description", doc, path, required=True)
    source = _text_field(body, "source", doc, path, required=True)
    if "default" not in body:
        raise InputError(_field((*path, "default")), None, "a default value", where)
    unit, display_unit = _table_units(body, kind, doc, path)
    bounds, low_open, high_open, choices = _table_limits(body, kind, doc, path)
    parameter = Parameter(
        key=name,
        attr=name,
        unit=unit,
        display_unit=display_unit,
        description=description,
        kind=cast(Kind, kind),
        bounds=bounds,
        choices=choices,
        low_open=low_open,
    )
    draft = ScenarioParameter(parameter, "", source, high_open)
    default = _parse_value(draft, body["default"], doc, (*path, "default"))
    return dataclasses.replace(draft, default=default)


def _parse_table(doc: _Doc) -> dict[str, ScenarioParameter]:
    if not isinstance(doc.data, Mapping) or not doc.data:
        raise InputError(
            "parameter table", doc.data, "a mapping of parameter name -> fields", doc.where(())
        )
    return {name: _table_entry(name, body, doc) for name, body in doc.data.items()}


@cache
def _shipped_table() -> Mapping[str, ScenarioParameter]:
    table: dict[str, ScenarioParameter] = {}
    for name in _TABLE_FILES:
        resource = resources.files(_TABLE_PACKAGE).joinpath(name)
        label = f"terawatt/data/{name}"
        try:
            raw = resource.read_bytes()
        except OSError:
            raise InputError("parameter table", label, "the file shipped with terawatt") from None
        part = _parse_table(_parse_yaml(raw, label))
        for clash in table.keys() & part.keys():
            raise InputError(clash, label, "a parameter declared in one table file only")
        table.update(part)
    return MappingProxyType(table)


def load_parameter_table(path: str | Path | None = None) -> dict[str, ScenarioParameter]:
    """The parameter table: every scenario parameter with its unit, bounds, default and source.

    Parameters
    ----------
    path : str or Path, optional
        A table file in the format of ``terawatt/data/scenario_parameters.yaml`` (the
        default, read once and cached).

    Returns
    -------
    dict of str to ScenarioParameter
        In file order. Every default is checked against its bounds or choices.

    Raises
    ------
    InputError
        For a missing file, bad YAML, an unknown field, a unit pint does not know, a bad
        interval or a default out of bounds; the message names file, line and field.
    """
    if path is None:
        return dict(_shipped_table())
    file = Path(path)
    return _parse_table(_read_file(file, str(path), "parameter table", str(path), None))


# ----------------------------------------------------------------------------- scenarios


def _canonical_value(value: Value) -> Any:
    """A value as hashed: distributions as their fields, ``-0.0`` as ``0.0`` (equal numbers)."""
    if not isinstance(value, _DIST_TYPES):
        return value
    fields = value.model_dump(by_alias=True)
    return {k: v + 0.0 if isinstance(v, float) else v for k, v in fields.items()}


@dataclasses.dataclass(frozen=True)
class Scenario:
    """A scenario: every model parameter (defaults with overrides), seed, samples and years.

    Attributes
    ----------
    name, description : str
        From the file (the name defaults to the file's stem).
    seed : int
        Seed of every random draw (>= 0).
    samples : int
        Number of Monte Carlo samples (>= 1).
    start_year, end_year : int
        First and last year simulated (inclusive).
    parameters : Mapping[str, Distribution | str | int]
        Every parameter of the table, in table order: quantities as distributions in model units
        (``Fixed`` for a plain value), text, whole numbers.
    sources : Mapping[str, str]
        Where each value came from: the table's source for a default, the override's
        source otherwise (``"--set on the command line"`` without one).
    paths : tuple of Path
        The files read: the scenario file first, then each file it extends in turn.
    sites : Sites
        Where compute is built (:mod:`terawatt.scenario.sites`); the world's grid and one
        orbital shell by default.
    table : Mapping[str, ScenarioParameter], optional
        The parameter table the scenario was checked against (the shipped one if omitted).
    """

    name: str
    description: str
    seed: int
    samples: int
    start_year: int
    end_year: int
    parameters: Mapping[str, Value]
    sources: Mapping[str, str]
    paths: tuple[Path, ...] = ()
    sites: Sites = DEFAULT_SITES
    table: Mapping[str, ScenarioParameter] | None = dataclasses.field(
        default=None, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        # read-only views: the hash must stay the hash of what is inside
        object.__setattr__(self, "parameters", MappingProxyType(dict(self.parameters)))
        object.__setattr__(self, "sources", MappingProxyType(dict(self.sources)))
        if self.table is not None:
            object.__setattr__(self, "table", MappingProxyType(dict(self.table)))

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle with plain dicts (read-only views cannot be pickled): for worker processes."""
        fields = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        for name in ("parameters", "sources", "table"):
            if fields[name] is not None:
                fields[name] = dict(fields[name])
        return (_rebuild_scenario, (fields,))

    @property
    def years(self) -> range:
        """The years simulated, ``start_year`` to ``end_year`` inclusive."""
        return range(self.start_year, self.end_year + 1)

    @property
    def path(self) -> Path | None:
        """The scenario file (None for a scenario built in code)."""
        return self.paths[0] if self.paths else None

    def canonical(self) -> str:
        """The content that determines results as canonical JSON (what :attr:`hash` hashes).

        Seed, samples, years, the sites where they are not the default, and every parameter
        value (distributions with all their fields, floats written shortest-exact); keys
        sorted. The name, description, sources and paths are left out: they do not change a
        single draw.
        """
        payload: dict[str, Any] = {
            "format": _HASH_FORMAT,
            "seed": self.seed,
            "samples": self.samples,
            "years": [self.start_year, self.end_year],
            "parameters": {
                name: _canonical_value(value) for name, value in self.parameters.items()
            },
        }
        if not self.sites.is_default:
            payload["sites"] = self.sites.canonical()
        return json.dumps(payload, sort_keys=True, separators=(",", ":"), allow_nan=False)

    def __hash__(self) -> int:
        return int(self.hash[:16], 16)

    @cached_property
    def hash(self) -> str:
        """SHA-256 (hex) of :meth:`canonical`: equal for scenarios that give equal results."""
        return hashlib.sha256(self.canonical().encode("utf-8")).hexdigest()

    def to_yaml(self) -> str:
        """The scenario as a stand-alone scenario file: every parameter, with its source.

        Values are written in display units where that text reads back to the identical
        float, else in the model's unit, so that loading the text gives the same :attr:`hash`.
        """
        table = self.table if self.table is not None else _shipped_table()
        return _scenario_text(self, table)


@dataclasses.dataclass(frozen=True)
class _Layer:
    """One scenario file, checked, before it is merged with what it extends."""

    path: Path
    doc: _Doc
    name: str | None
    description: str | None
    extends: str | None
    seed: int | None
    samples: int | None
    years: tuple[int, int] | None
    sites: Sites | None
    values: dict[str, tuple[Value, str]]


def _whole(value: Any, field: str, where: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InputError(field, value, f"a whole number >= {minimum}", where)
    return value


def _years(value: Any, field: str, where: str) -> tuple[int, int]:
    expected = "a year range START:END, e.g. 2025:2060"
    if isinstance(value, int) and not isinstance(value, bool):  # one year: the same rule
        text = f"{value}:{value}" if 0 <= value < 10**6 else None
    else:
        text = value if isinstance(value, str) else None
    match = _YEARS.match(text) if text is not None else None
    if match is None:
        raise InputError(field, value, expected, where)
    start, end = int(match[1]), int(match[2])
    if start > end:
        raise InputError(field, value, f"{expected}, with START <= END", where)
    return start, end


def _entry(
    param: ScenarioParameter, raw: Any, loc: _Locator, path: _PathKey, default_source: str | None
) -> tuple[Value, str]:
    """One override (``{value: ..., source: ...}`` or ``{dist: ..., ..., source: ...}``)."""
    field, where = _field(path), loc.where(path)
    shape = "a mapping with value: (or dist: ...) and source:, e.g. {value: 15 %, source: '...'}"
    if not isinstance(raw, Mapping):
        if default_source is None:
            raise InputError(field, raw, shape, where)
        return _parse_value(param, raw, loc, path), default_source
    if "source" in raw:
        sub = (*path, "source")
        source = raw["source"]
        if not isinstance(source, str) or not source.strip():
            raise InputError(
                _field(sub), source, "a non-empty text naming the source", loc.where(sub)
            )
        source = " ".join(source.split())
    elif default_source is not None:
        source = default_source
    else:
        expected = "a source: for the value (write 'estimate: ...' for your own estimate)"
        raise InputError(_field((*path, "source")), None, expected, where)
    rest = {k: v for k, v in raw.items() if k != "source"}
    if "dist" in rest:
        return _parse_value(param, rest, loc, path), source
    if "value" not in rest:
        raise InputError(field, dict(raw), shape, where)
    for key, value in rest.items():
        if key != "value":
            sub = (*path, key)
            expected = "only value: and source: (or a distribution with dist:)" + _hint(
                key, ["dist"]
            )
            raise InputError(_field(sub), value, expected, loc.where(sub))
    return _parse_value(param, rest["value"], loc, (*path, "value")), source


def _unknown_parameter(
    name: Any, table: Mapping[str, ScenarioParameter], field: str, where: str
) -> InputError:
    return InputError(field, name, f"a parameter of the table{_hint(name, list(table))}", where)


def _read_layer(
    path: Path,
    label: str,
    table: Mapping[str, ScenarioParameter],
    extends: tuple[str, str] | None,
) -> _Layer:
    """One scenario file, checked; ``extends`` is (what was written, where) for a parent."""
    field, value, where = ("extends", *extends) if extends else ("scenario file", label, None)
    doc = _read_file(path, label, field, value, where)
    data = doc.data
    if not isinstance(data, Mapping):
        got = "an empty file" if data is None else data
        raise InputError(
            "scenario file", got, "a YAML mapping with name:, parameters: ...", doc.where(())
        )
    for key in data:
        if key not in _TOP_KEYS:
            expected = f"one of {', '.join(_TOP_KEYS)}{_hint(key, _TOP_KEYS)}"
            raise InputError(key, data[key], expected, doc.where((key,)))

    def text(key: str) -> str | None:
        if key not in data:
            return None
        value = data[key]
        if not isinstance(value, str) or (key != "description" and not value.strip()):
            expected = "text" if key == "description" else "a non-empty text"
            raise InputError(key, value, expected, doc.where((key,)))
        return value if key == "extends" else " ".join(value.split())

    seed = _whole(data["seed"], "seed", doc.where(("seed",)), 0) if "seed" in data else None
    samples = (
        _whole(data["samples"], "samples", doc.where(("samples",)), 1)
        if "samples" in data
        else None
    )
    years = _years(data["years"], "years", doc.where(("years",))) if "years" in data else None
    sites = parse_sites(data["sites"], doc.where) if "sites" in data else None
    overrides = data.get("parameters")
    if overrides is None:
        overrides = {}
    if not isinstance(overrides, Mapping):
        raise InputError(
            "parameters",
            overrides,
            "a mapping of parameter name -> value and source",
            doc.where(("parameters",)),
        )
    values: dict[str, tuple[Value, str]] = {}
    for name, raw in overrides.items():
        at: _PathKey = ("parameters", name)
        if name not in table:
            raise _unknown_parameter(name, table, _field(at), doc.where(at))
        values[name] = _entry(table[name], raw, doc, at, None)
    title, description, base = text("name"), text("description"), text("extends")
    return _Layer(Path(label), doc, title, description, base, seed, samples, years, sites, values)


def _read_chain(path: Path, table: Mapping[str, ScenarioParameter]) -> list[_Layer]:
    """The scenario file and every file it extends, the scenario first."""
    chain: list[_Layer] = []
    seen: list[Path] = []
    current, label = path, str(path)
    parent: tuple[str, str] | None = None  # (extends: as written, where it is written)
    while True:
        field, value, where = ("extends", *parent) if parent else ("scenario file", label, None)
        try:
            resolved = current.resolve()
        except (OSError, ValueError, RuntimeError) as exc:
            raise InputError(field, value, f"a readable path ({exc})", where) from None
        if resolved in seen:
            cycle = " -> ".join([*(str(layer.path) for layer in chain), label])
            expected = f"a file that is not already in the chain: {cycle} is a cycle"
            raise InputError(field, value, expected, where)
        layer = _read_layer(current, label, table, parent)
        chain.append(layer)
        seen.append(resolved)
        if layer.extends is None:
            return chain
        parent = (layer.extends, layer.doc.where(("extends",)))
        current = current.parent / layer.extends
        label = os.path.normpath(current)  # for people: a/b/../c.yaml -> a/c.yaml


def _override_value(raw: Any, kind: str) -> Any:
    """A ``--set`` value: YAML text (``{dist: uniform, ...}``, ``0.2``) unless it is text."""
    if not isinstance(raw, str) or kind == "text":
        return raw
    try:
        return _loads(raw)
    except Exception:  # not YAML: the quantity parser will say what is wrong
        return raw


def _rebuild_scenario(fields: dict[str, Any]) -> Scenario:
    return Scenario(**fields)


def load_scenario(
    path: str | Path,
    table: Mapping[str, ScenarioParameter] | None = None,
    *,
    overrides: Mapping[str, Any] | None = None,
) -> Scenario:
    """Read a scenario file, the files it extends, and ``overrides``, over the table's defaults.

    Parameters
    ----------
    path : str or Path
        The scenario file (YAML; format in ``docs/scenarios.md``).
    table : Mapping[str, ScenarioParameter], optional
        The parameter table (default: :func:`load_parameter_table`).
    overrides : Mapping[str, Any], optional
        Applied last, e.g. the command line's ``--set name=value`` pairs: parameter name ->
        a quantity (``"1.5 Mt/yr"``), YAML text (``"{dist: uniform, low: 1, high: 2}"``),
        a mapping (a ``source`` in it is kept), a :data:`Distribution` in model units, text or
        a whole number; also ``seed``, ``samples`` and ``years``.

    Returns
    -------
    Scenario
        Every parameter of the table: defaults, then each extended file from the root of
        the chain down, then this file, then ``overrides``.

    Raises
    ------
    InputError
        For any mistake, naming file, line and column, the field and what was expected:
        unknown keys and parameters (with close matches), a missing source, a wrong unit,
        an invalid distribution, a value (or a distribution's support) outside the bounds,
        text not among the choices, YAML syntax, a missing file or an ``extends`` cycle.
    """
    table = _shipped_table() if table is None else table
    chain = _read_chain(Path(path), table)
    values: dict[str, Value] = {name: p.default for name, p in table.items()}
    sources = {name: p.source for name, p in table.items()}
    seed, samples, years, sites = DEFAULT_SEED, DEFAULT_SAMPLES, DEFAULT_YEARS, DEFAULT_SITES
    for layer in reversed(chain):
        for name, (value, source) in layer.values.items():
            values[name], sources[name] = value, source
        seed = seed if layer.seed is None else layer.seed
        samples = samples if layer.samples is None else layer.samples
        years = years if layer.years is None else layer.years
        sites = sites if layer.sites is None else layer.sites
    leaf = chain[0]
    scenario = Scenario(
        name=leaf.name if leaf.name is not None else leaf.path.stem,
        description=leaf.description or "",
        seed=seed,
        samples=samples,
        start_year=years[0],
        end_year=years[1],
        parameters=values,
        sources=sources,
        paths=tuple(layer.path for layer in chain),
        sites=sites,
        table=table,
    )
    return _with_overrides(scenario, overrides or {}, table)


def _with_overrides(
    scenario: Scenario, overrides: Mapping[str, Any], table: Mapping[str, ScenarioParameter]
) -> Scenario:
    """``scenario`` with ``--set``-style overrides applied (see :func:`load_scenario`)."""
    if not overrides:
        return scenario
    values, sources = dict(scenario.parameters), dict(scenario.sources)
    seed, samples, years = scenario.seed, scenario.samples, (scenario.start_year, scenario.end_year)
    for key, raw in overrides.items():
        where = f"--set {key}"
        if key in _OVERRIDABLE_TOP_KEYS:
            value = _override_value(raw, "integer")
            if key == "years":
                years = _years(value, key, where)
            elif key == "seed":
                seed = _whole(value, key, where, 0)
            else:
                samples = _whole(value, key, where, 1)
            continue
        if key not in table:
            raise _unknown_parameter(key, table, str(key), where)
        param = table[key]
        parsed = _override_value(raw, param.kind)
        values[key], sources[key] = _entry(
            param, parsed, _Label(where), (key,), "--set on the command line"
        )
    return dataclasses.replace(
        scenario,
        seed=seed,
        samples=samples,
        start_year=years[0],
        end_year=years[1],
        parameters=values,
        sources=sources,
    )


def default_scenario(
    table: Mapping[str, ScenarioParameter] | None = None,
    *,
    overrides: Mapping[str, Any] | None = None,
    seed: int = DEFAULT_SEED,
    samples: int = DEFAULT_SAMPLES,
    years: tuple[int, int] = DEFAULT_YEARS,
) -> Scenario:
    """The table's defaults as a scenario (named ``defaults``), with ``overrides`` applied.

    Parameters
    ----------
    table : Mapping[str, ScenarioParameter], optional
        The parameter table (default: the shipped one).
    overrides : Mapping[str, Any], optional
        As for :func:`load_scenario` (``{"launch.initial_cost": "500 USD/kg"}``).
    seed, samples : int, optional
        Seed (>= 0) and number of samples (>= 1).
    years : tuple of int, optional
        First and last year (inclusive).

    Returns
    -------
    Scenario
        No file behind it: ``paths`` is empty.

    Raises
    ------
    InputError
        For a bad seed, sample count, year range or override.
    """
    table = _shipped_table() if table is None else table
    start, end = _years(f"{years[0]}:{years[1]}", "years", "default_scenario")
    base = dataclasses.replace(
        _defaults_scenario(table),
        seed=_whole(seed, "seed", "default_scenario", 0),
        samples=_whole(samples, "samples", "default_scenario", 1),
        start_year=start,
        end_year=end,
    )
    return _with_overrides(base, overrides or {}, table)


def sample_parameters(
    scenario: Scenario, start: int = 0, stop: int | None = None
) -> dict[str, FloatArray | str | int]:
    """Samples ``start`` to ``stop - 1`` of every parameter of a scenario.

    Parameters
    ----------
    scenario : Scenario
        The scenario; its seed fixes every draw.
    start, stop : int, optional
        The block ``[start, stop)`` of sample indices, ``0 <= start <= stop`` (default: all
        ``scenario.samples``). Sample ``i`` depends on the seed, the parameter's name and
        ``i`` only, so a run may draw more samples than the file asks for.

    Returns
    -------
    dict
        Parameter name -> array of shape ``(stop - start,)`` in model units for quantities;
        text and whole numbers as they are. Any split of ``[0, n)`` into blocks gives the
        same values as one call (:func:`~terawatt.scenario.distributions.sample_block`).

    Raises
    ------
    InputError
        For ``start`` or ``stop`` that is not a whole number with ``0 <= start <= stop``.
    """
    last = scenario.samples if stop is None else stop
    dists = {k: v for k, v in scenario.parameters.items() if isinstance(v, _DIST_TYPES)}
    drawn = sample_block(dists, start, last, scenario.seed)
    return {
        k: drawn[k] if k in drawn else cast(str | int, v) for k, v in scenario.parameters.items()
    }


# ----------------------------------------------------------------------------- writing


def _scalar(value: str | int | float | None) -> str:
    """One YAML scalar that reads back as ``value`` in this dialect and in plain YAML 1.1.

    Floats are written shortest (``7e+10``, ``0.39``); YAML 1.1 reads ``7e+10`` as text,
    which the quantity parser reads as the same number.
    """
    if isinstance(value, float) and math.isfinite(value) and _loads(_show(value)) == value:
        return _show(value)
    for style in (None, '"'):
        text = yaml.safe_dump(value, default_style=style, allow_unicode=True, width=2**31)
        text = text.removesuffix("\n").removesuffix("\n...").removesuffix("\n")
        if "\n" in text:
            continue
        try:
            if _loads(text) == value and yaml.safe_load(text) == value:
                return text
        except yaml.YAMLError:
            continue
    return json.dumps(value)  # unreachable for str/int/float/None; a safe fallback


def _quantity_text(param: ScenarioParameter, si: float, *, difference: bool = False) -> str | float:
    """``si`` as a file would write it, reading back to exactly ``si``.

    The display unit with the fewest digits that read back exactly (``0.1 Mt/yr``, a bare
    number where the display unit is ``""``), else the model unit (``3.17 kg/s``).
    """
    to_display = param.parameter.to_display
    shown = to_display(si) - to_display(0.0) if difference else to_display(si)
    numbers = [f"{shown:.{digits}g}" for digits in (6, 12, 15, 16)] + [_show(shown)]
    candidates = [f"{number} {param.display_unit}".strip() for number in numbers]
    candidates.append(f"{_show(si)} {param.unit or 'dimensionless'}")
    for text in candidates:
        try:
            if param.to_si(text, difference=difference) == si:
                return float(text) if _is_number_text(text) else text
        except InputError:
            continue
    return candidates[-1]


def _value_lines(param: ScenarioParameter, value: Value, indent: str) -> list[str]:
    if not isinstance(value, _DIST_TYPES):
        return [f"{indent}value: {_scalar(value)}"]
    if isinstance(value, Fixed):
        return [f"{indent}value: {_scalar(_quantity_text(param, value.value))}"]
    lines = [f"{indent}dist: {value.dist}"]
    for key, number in value.model_dump(by_alias=True, exclude={"dist"}).items():
        if number is None:
            continue
        if key in type(value).unit_fields:
            text = _quantity_text(param, float(number), difference=key == "sd")
        else:
            text = float(number)
        lines.append(f"{indent}{key}: {_scalar(text)}")
    return lines


def _scenario_text(scenario: Scenario, table: Mapping[str, ScenarioParameter]) -> str:
    lines = [
        f"# terawatt scenario, every parameter written out (sha256 {scenario.hash[:16]})",
        f"name: {_scalar(scenario.name)}",
        f"description: {_scalar(scenario.description)}",
        f"seed: {scenario.seed}",
        f"samples: {scenario.samples}",
        f"years: {_scalar(f'{scenario.start_year}:{scenario.end_year}')}",
    ]
    if not scenario.sites.is_default:
        block = yaml.safe_dump({"sites": scenario.sites.to_yaml_data()}, sort_keys=False)
        lines.extend(block.rstrip().splitlines())
    lines.append("parameters:")
    for name, value in scenario.parameters.items():
        if name not in table:
            raise _unknown_parameter(name, table, f"parameters.{name}", "Scenario.to_yaml")
        param = table[name]
        unit = f" [{param.display_unit}]" if param.display_unit else ""
        lines.append(f"  # {param.description}{unit}")
        lines.append(f"  {_scalar(name)}:")
        lines.extend(_value_lines(param, value, "    "))
        lines.append(f"    source: {_scalar(scenario.sources.get(name, ''))}")
    return "\n".join(lines) + "\n"


def _defaults_scenario(table: Mapping[str, ScenarioParameter]) -> Scenario:
    return Scenario(
        name="defaults",
        description="Every parameter at the default of the parameter table.",
        seed=DEFAULT_SEED,
        samples=DEFAULT_SAMPLES,
        start_year=DEFAULT_YEARS[0],
        end_year=DEFAULT_YEARS[1],
        parameters={name: p.default for name, p in table.items()},
        sources={name: p.source for name, p in table.items()},
        table=table,
    )


def defaults_yaml(table: Mapping[str, ScenarioParameter] | None = None) -> str:
    """The table's defaults written as a scenario file (``terawatt scenario defaults``).

    Parameters
    ----------
    table : Mapping[str, ScenarioParameter], optional
        The parameter table (default: the shipped one).

    Returns
    -------
    str
        A scenario file with every parameter, its description and unit as a comment, its
        default and the default's source; :func:`load_scenario` reads it back unchanged.
    """
    table = _shipped_table() if table is None else table
    return _defaults_scenario(table).to_yaml()


# ----------------------------------------------------------------------------- JSON Schema


def _number_bounds(param: ScenarioParameter) -> dict[str, float]:
    """JSON Schema limits of a bare number (in the display unit)."""
    lo, hi = param.bounds
    limits: dict[str, float] = {}
    if lo is not None:
        limits["exclusiveMinimum" if param.low_open else "minimum"] = param.parameter.to_display(lo)
    if hi is not None:
        limits["exclusiveMaximum" if param.high_open else "maximum"] = param.parameter.to_display(
            hi
        )
    return limits


def _default_entry(param: ScenarioParameter) -> dict[str, Any]:
    """The default as a scenario-file entry (what a user would write)."""
    value = param.default
    entry: dict[str, Any]
    if not isinstance(value, _DIST_TYPES):
        entry = {"value": value}
    elif isinstance(value, Fixed):
        entry = {"value": _quantity_text(param, value.value)}
    else:
        entry = {"dist": value.dist}
        for key, number in value.model_dump(by_alias=True, exclude={"dist"}).items():
            if number is not None:
                unit_field = key in type(value).unit_fields
                entry[key] = (
                    _quantity_text(param, number, difference=key == "sd") if unit_field else number
                )
    entry["source"] = param.source
    return entry


def _entry_schema(param: ScenarioParameter) -> dict[str, Any]:
    source = {"$ref": "#/$defs/source"}
    if param.kind == "text":
        value: dict[str, Any] = (
            {"enum": list(param.choices)} if param.choices else {"type": "string"}
        )
    elif param.kind == "integer":
        value = {"type": "integer", **_number_bounds(param)}
    else:
        value = {
            "anyOf": [
                {"type": "number", **_number_bounds(param)},
                {"$ref": "#/$defs/quantity"},
            ]
        }
    alternatives: list[dict[str, Any]] = [
        {
            "type": "object",
            "properties": {"value": value, "source": source},
            "required": ["value", "source"],
            "additionalProperties": False,
        }
    ]
    if param.kind == "quantity":
        alternatives += [{"$ref": f"#/$defs/{name}"} for name in _DISTRIBUTIONS]
    unit = f" [{param.display_unit}]" if param.display_unit else ""
    interval = param.interval()
    limits = f" Bounds: {interval}." if interval else ""
    default_text = param.display(param.default)
    return {
        "description": (
            f"{param.description}{unit}.{limits} Default: {default_text} ({param.source})."
        ),
        "default": _default_entry(param),
        "x-unit": param.unit,
        "x-display-unit": param.display_unit,
        "x-kind": param.kind,
        "oneOf": alternatives,
    }


def _distribution_schema(name: str, cls: type[_Dist]) -> dict[str, Any]:
    properties: dict[str, Any] = {"dist": {"const": name}}
    required = ["dist"]
    for field_name, info in cls.model_fields.items():
        if field_name == "dist":
            continue
        key = info.alias or field_name
        schema: dict[str, Any] = (
            {"$ref": "#/$defs/quantity_or_number"} if key in cls.unit_fields else {"type": "number"}
        )
        if not info.is_required() and info.default is None:
            schema = {"anyOf": [schema, {"type": "null"}]}
        properties[key] = schema
        if info.is_required():
            required.append(key)
    properties["source"] = {"$ref": "#/$defs/source"}
    required.append("source")
    doc = (cls.__doc__ or name).strip().splitlines()[0]
    return {
        "description": doc,
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def json_schema(table: Mapping[str, ScenarioParameter] | None = None) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of a scenario file, generated from the parameter table.

    Parameters
    ----------
    table : Mapping[str, ScenarioParameter], optional
        The parameter table (default: the shipped one).

    Returns
    -------
    dict
        A schema editors can use to complete and check scenario files: every parameter
        with its description, units (``x-unit``, ``x-display-unit``), bounds and default.
        Units inside text, distribution constraints (``low < high``) and the support of a
        distribution are checked by :func:`load_scenario` only.
    """
    table = _shipped_table() if table is None else table
    defs: dict[str, Any] = {
        "source": {
            "type": "string",
            "minLength": 1,
            "description": "Where the value comes from ('estimate: ...' for an estimate).",
        },
        "quantity": {
            "type": "string",
            "minLength": 1,
            "description": "A number with a unit pint understands, e.g. '15 %', '2720 USD/kg'.",
        },
        "quantity_or_number": {
            "anyOf": [{"type": "number"}, {"$ref": "#/$defs/quantity"}],
            "description": "A quantity with units, or a bare number in the display unit.",
        },
    }
    defs.update({name: _distribution_schema(name, cls) for name, cls in _DISTRIBUTIONS.items()})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "terawatt scenario",
        "description": "Overrides of the parameter table's defaults, each with a source.",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "name": {"type": "string", "minLength": 1},
            "description": {"type": "string"},
            "extends": {
                "type": "string",
                "minLength": 1,
                "description": "A scenario file this one builds on, relative to this file.",
            },
            "seed": {"type": "integer", "minimum": 0, "default": DEFAULT_SEED},
            "samples": {"type": "integer", "minimum": 1, "default": DEFAULT_SAMPLES},
            "years": {
                "anyOf": [
                    {"type": "string", "pattern": r"^\s*\d{1,6}\s*:\s*\d{1,6}\s*$"},
                    {"type": "integer", "minimum": 0},
                ],
                "default": f"{DEFAULT_YEARS[0]}:{DEFAULT_YEARS[1]}",
                "description": "First and last year, START:END.",
            },
            "parameters": {
                "type": "object",
                "additionalProperties": False,
                "properties": {name: _entry_schema(param) for name, param in table.items()},
            },
        },
        "$defs": defs,
    }
