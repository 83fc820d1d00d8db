"""Scenario files, checked against the one parameter table.

Every model parameter is declared once, in the parameter table
(:mod:`terawatt.parameters.table`, shipped as ``terawatt/data/parameters/*.yaml``). A
scenario is that table's defaults with overrides.

A scenario file overrides some defaults, each with its own source, may ``extends`` another
scenario file, and fixes the seed, the number of samples and the years. The satellite's
design entries (``satellite.*``) take their defaults from the design preset the scenario
names (``orbit.satellite_preset``): a value a file or ``--set`` gives wins over the preset's.
Likewise the accelerator's price (``compute.accelerator_price``) follows the chip
(``compute.accelerator``): the table holds one price entry per chip
(:func:`chip_price_entry`), and a scenario that picks an H100 pays an H100's price unless it
sets ``compute.accelerator_price`` itself.
:func:`load_scenario` reads it into a :class:`Scenario`: every parameter as a
:data:`Distribution` in the model's unit (SI; time in Julian years where the table says so),
text or a whole number), where each value came from, and a SHA-256 :attr:`Scenario.hash` of the
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
import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, cast

import numpy as np
import yaml

from terawatt.errors import InputError, did_you_mean
from terawatt.parameters.array_technology import (
    GOVERNED,
    TECHNOLOGY,
    resolve_array_technology,
)
from terawatt.parameters.chip_price import (
    ACCELERATOR,
    ACCELERATOR_PRICE,
    CHIP_PRICE_PREFIX,
    chip_price_entry,
    drawn_chip_prices,
    resolve_chip_price,
)
from terawatt.parameters.choice import Choice
from terawatt.parameters.distributions import sample_block
from terawatt.parameters.table import (
    DIST_TYPES,
    Parameter,
    Value,
    parse_value,
    shipped_table,
)
from terawatt.scenario.sites import DEFAULT_SITES, Sites, parse_sites
from terawatt.scenario.values import quantity_text, scalar, value_entry
from terawatt.space.presets import DESIGN_COST_ENTRIES, preset_entries, scenario_values
from terawatt.typing import FloatArray
from terawatt.yamldoc import Doc, Label, Locator, PathKey, field_name, loads, read_yaml_file

__all__ = [
    "ACCELERATOR",
    "ACCELERATOR_PRICE",
    "DEFAULT_SAMPLES",
    "DEFAULT_SEED",
    "DEFAULT_YEARS",
    "PRESET",
    "Scenario",
    "chip_price_entry",
    "default_scenario",
    "defaults_yaml",
    "load_scenario",
    "quantity_text",
    "sample_parameters",
    "value_entry",
]

DEFAULT_SEED = 0
DEFAULT_SAMPLES = 1000
DEFAULT_YEARS = (2025, 2060)
#: The last year a scenario may reach. Estimate: the longest run the claims make (C6's
#: search for the year of 100 TW/yr, to 2300); the trends the engine extrapolates (Wright's
#: law, growth rates, grid trends) mean nothing further, and 2025:99999 ran 75 s into
#: overflow.
LAST_YEAR = 2300

#: Format tag hashed with the content: change it when the canonical form changes.
_HASH_FORMAT = "terawatt-scenario/1"

_TOP_KEYS = ("name", "description", "extends", "seed", "samples", "years", "sites", "parameters")
#: Keys of a scenario file that ``overrides`` may set besides parameters.
_OVERRIDABLE_TOP_KEYS = ("seed", "samples", "years")
_YEARS = re.compile(r"^\s*(\d{1,6})\s*:\s*(\d{1,6})\s*$")
#: The parameter naming the satellite design preset, and the entries it gives defaults to.
PRESET = "orbit.satellite_preset"
_PRESET = PRESET
_PRESET_PREFIX = "satellite."


def _follows_chip(scenario: Scenario) -> bool:
    """Whether ``compute.accelerator_price`` follows the chip (a scenario did not set it)."""
    chip = scenario.parameters.get(ACCELERATOR)
    table = scenario.table if scenario.table is not None else shipped_table()
    options = chip.options if isinstance(chip, Choice) else (chip,)
    return (
        ACCELERATOR_PRICE in table
        and ACCELERATOR_PRICE not in scenario.explicit
        and all(isinstance(o, str) and chip_price_entry(o) in table for o in options)
    )


def _governed(names: Iterable[str]) -> frozenset[str]:
    """The entries a design preset gives values to: ``satellite.*`` and the design's costs."""
    return frozenset(n for n in names if n.startswith(_PRESET_PREFIX) or n in DESIGN_COST_ENTRIES)


def _follows_preset(scenario: Scenario, name: str) -> bool:
    """Whether ``name`` follows each sample's drawn preset or array technology (a choice)."""
    if name in scenario.explicit:
        return False
    return (
        isinstance(scenario.parameters.get(_PRESET), Choice) and name in _governed((name,))
    ) or (isinstance(scenario.parameters.get(TECHNOLOGY), Choice) and name in GOVERNED)


def _canonical_value(value: Value) -> Any:
    """A value as hashed: distributions as their fields, ``-0.0`` as ``0.0`` (equal numbers)."""
    if isinstance(value, Choice):
        return value.model_dump()
    if not isinstance(value, DIST_TYPES):
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
        (``Fixed`` for a plain value), text, whole numbers. A ``satellite.*`` entry no file
        or override set holds the value of the design preset ``orbit.satellite_preset``.
    sources : Mapping[str, str]
        Where each value came from: the table's source for a default, the preset's for a
        preset's value, the override's source otherwise (``"--set on the command line"``
        without one).
    paths : tuple of Path
        The files read: the scenario file first, then each file it extends in turn.
    sites : Sites
        Where compute is built (:mod:`terawatt.scenario.sites`); the world's grid and one
        orbital shell by default.
    table : Mapping[str, Parameter], optional
        The parameter table the scenario was checked against (the shipped one if omitted).
    explicit : frozenset of str, optional
        The parameters its files and overrides set (the rest are the table's defaults or
        the preset's): with the design preset a structural choice
        (:class:`~terawatt.parameters.choice.Choice`), the ``satellite.*`` entries not
        among them follow each sample's preset (:meth:`pinned`).
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
    table: Mapping[str, Parameter] | None = dataclasses.field(
        default=None, repr=False, compare=False
    )
    explicit: frozenset[str] = frozenset()

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
    def choices(self) -> dict[str, Choice]:
        """The structural choices: parameter name -> :class:`Choice`, in table order."""
        return {k: v for k, v in self.parameters.items() if isinstance(v, Choice)}

    def pinned(self, options: Mapping[str, str]) -> Scenario:
        """The scenario with structural choices fixed to one option each.

        Parameters
        ----------
        options : Mapping[str, str]
            Parameter name -> option (the choice parameters to fix; others stay drawn).

        Returns
        -------
        Scenario
            The same scenario with those parameters set to the option, as ``--set`` would,
            so a pinned design preset gives its values to every ``satellite.*`` entry not in
            :attr:`explicit`. Samples that drew these options in this scenario are exactly
            the same samples of the pinned one (every draw is keyed by name and index).
        """
        if not options:
            return self
        table = self.table if self.table is not None else shipped_table()
        return _with_overrides(self, dict(options), table, self.explicit)

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
        if isinstance(self.parameters.get(PRESET), Choice) or isinstance(
            self.parameters.get(TECHNOLOGY), Choice
        ):
            # then which entries each sample's preset or technology may fill changes results
            payload["explicit"] = sorted(self.explicit & _governed(self.parameters))
        if isinstance(self.parameters.get(ACCELERATOR), Choice):
            # then whether the price follows each sample's chip changes results
            payload["price_follows_chip"] = _follows_chip(self)
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
        table = self.table if self.table is not None else shipped_table()
        return _scenario_text(self, table)


@dataclasses.dataclass(frozen=True)
class _Layer:
    """One scenario file, checked, before it is merged with what it extends."""

    path: Path
    doc: Doc
    name: str | None
    description: str | None
    extends: str | None
    seed: int | None
    samples: int | None
    years: tuple[int, int] | None
    sites: Sites | None
    values: dict[str, tuple[Value, str]]


#: The largest seed, sample count or whole number a scenario holds: a signed 64-bit integer,
#: what result files (netCDF attributes) and numpy's generators store.
_LARGEST_WHOLE = 2**63 - 1


def _whole(value: Any, field: str, where: str, minimum: int) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not minimum <= value <= _LARGEST_WHOLE
    ):
        raise InputError(field, value, f"a whole number in [{minimum}, 2^63 - 1]", where)
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
    if end > LAST_YEAR:
        raise InputError(field, value, f"{expected}, ending by {LAST_YEAR}", where)
    return start, end


def _entry(
    param: Parameter, raw: Any, loc: Locator, path: PathKey, default_source: str | None
) -> tuple[Value, str]:
    """One override (``{value: ..., source: ...}`` or ``{dist: ..., ..., source: ...}``)."""
    field, where = field_name(path), loc.where(path)
    shape = "a mapping with value: (or dist: ...) and source:, e.g. {value: 15 %, source: '...'}"
    if not isinstance(raw, Mapping):
        if default_source is None:
            raise InputError(field, raw, shape, where)
        return parse_value(param, raw, loc, path), default_source
    if "source" in raw:
        sub = (*path, "source")
        source = raw["source"]
        if not isinstance(source, str) or not source.strip():
            raise InputError(
                field_name(sub), source, "a non-empty text naming the source", loc.where(sub)
            )
        source = " ".join(source.split())
    elif default_source is not None:
        source = default_source
    else:
        expected = "a source: for the value (write 'estimate: ...' for your own estimate)"
        raise InputError(field_name((*path, "source")), None, expected, where)
    rest = {k: v for k, v in raw.items() if k != "source"}
    if "dist" in rest:
        return parse_value(param, rest, loc, path), source
    if "value" not in rest:
        raise InputError(field, dict(raw), shape, where)
    for key, value in rest.items():
        if key != "value":
            sub = (*path, key)
            expected = "only value: and source: (or a distribution with dist:)" + did_you_mean(
                key, ["dist"]
            )
            raise InputError(field_name(sub), value, expected, loc.where(sub))
    return parse_value(param, rest["value"], loc, (*path, "value")), source


def _unknown_parameter(
    name: Any, table: Mapping[str, Parameter], field: str, where: str
) -> InputError:
    return InputError(
        field, name, f"a parameter of the table{did_you_mean(name, list(table))}", where
    )


def _read_layer(
    path: Path,
    label: str,
    table: Mapping[str, Parameter],
    extends: tuple[str, str] | None,
) -> _Layer:
    """One scenario file, checked; ``extends`` is (what was written, where) for a parent."""
    field, value, where = ("extends", *extends) if extends else ("scenario file", label, None)
    doc = read_yaml_file(path, label, field, value, where)
    data = doc.data
    if not isinstance(data, Mapping):
        got = (
            "an empty file"
            if data is None
            else ("a YAML list" if isinstance(data, list) else "a single YAML value")
        )
        raise InputError(
            "scenario file", got, "a YAML mapping with name:, parameters: ...", doc.where(())
        )
    for key in data:
        if key not in _TOP_KEYS:
            expected = f"one of {', '.join(_TOP_KEYS)}{did_you_mean(key, _TOP_KEYS)}"
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
        at: PathKey = ("parameters", name)
        if name not in table:
            raise _unknown_parameter(name, table, field_name(at), doc.where(at))
        values[name] = _entry(table[name], raw, doc, at, None)
    title, description, base = text("name"), text("description"), text("extends")
    return _Layer(Path(label), doc, title, description, base, seed, samples, years, sites, values)


def _read_chain(path: Path, table: Mapping[str, Parameter]) -> list[_Layer]:
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
    """A ``--set`` value: YAML text (``{dist: uniform, ...}``, ``0.2``) unless it is text.

    Text is taken as written, except a flow mapping (``{dist: choice, weights: {...}}``).
    """
    if not isinstance(raw, str) or (kind == "text" and not raw.lstrip().startswith("{")):
        return raw
    try:
        return loads(raw)
    except Exception:  # not YAML: the quantity parser will say what is wrong
        return raw


def _rebuild_scenario(fields: dict[str, Any]) -> Scenario:
    return Scenario(**fields)


def load_scenario(
    path: str | Path,
    table: Mapping[str, Parameter] | None = None,
    *,
    overrides: Mapping[str, Any] | None = None,
) -> Scenario:
    """Read a scenario file, the files it extends, and ``overrides``, over the table's defaults.

    Parameters
    ----------
    path : str or Path
        The scenario file (YAML; format in ``docs/scenarios.md``).
    table : Mapping[str, Parameter], optional
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
        the chain down, then this file, then ``overrides``; then every ``satellite.*``
        entry none of these set takes the value and source of the design preset
        ``orbit.satellite_preset`` names.

    Raises
    ------
    InputError
        For any mistake, naming file, line and column, the field and what was expected:
        unknown keys and parameters (with close matches), a missing source, a wrong unit,
        an invalid distribution, a value (or a distribution's support) outside the bounds,
        text not among the choices, YAML syntax, a missing file or an ``extends`` cycle.
    """
    table = shipped_table() if table is None else table
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
    explicit = frozenset(name for layer in chain for name in layer.values)
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
        explicit=explicit,
    )
    return _with_overrides(scenario, overrides or {}, table, explicit)


def _resolve_preset(
    values: dict[str, Value],
    sources: dict[str, str],
    explicit: frozenset[str],
    table: Mapping[str, Parameter],
) -> None:
    """Give every ``satellite.*`` entry not in ``explicit`` the chosen preset's value and source.

    The preset is ``orbit.satellite_preset``; a table without it or without ``satellite.*``
    entries is left as it is.
    """
    preset = values.get(_PRESET)
    if not isinstance(preset, str) or not any(n.startswith(_PRESET_PREFIX) for n in table):
        return
    for name, (value, source) in scenario_values(preset).items():
        if name in table and name not in explicit:
            values[name], sources[name] = value, source


def _with_overrides(
    scenario: Scenario,
    overrides: Mapping[str, Any],
    table: Mapping[str, Parameter],
    explicit: frozenset[str] = frozenset(),
) -> Scenario:
    """``scenario`` with ``--set``-style overrides applied (see :func:`load_scenario`).

    ``explicit`` names the parameters the scenario's files set; then every ``satellite.*``
    entry neither they nor ``overrides`` set takes the preset's value (:func:`_resolve_preset`).
    """
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
            param, parsed, Label(where), (key,), "--set on the command line"
        )
        explicit |= {key}
    _resolve_preset(values, sources, explicit, table)
    preset = values.get(_PRESET)  # the array's technology, where the files and preset leave it
    own = preset_entries(preset) if isinstance(preset, str) and _PRESET in table else frozenset()
    resolve_array_technology(values, sources, explicit, table, own)
    resolve_chip_price(values, sources, explicit, table)
    if values == scenario.parameters and sources == scenario.sources and not overrides:
        return scenario
    return dataclasses.replace(
        scenario,
        seed=seed,
        samples=samples,
        start_year=years[0],
        end_year=years[1],
        parameters=values,
        sources=sources,
        explicit=explicit,
    )


def default_scenario(
    table: Mapping[str, Parameter] | None = None,
    *,
    overrides: Mapping[str, Any] | None = None,
    seed: int = DEFAULT_SEED,
    samples: int = DEFAULT_SAMPLES,
    years: tuple[int, int] = DEFAULT_YEARS,
) -> Scenario:
    """The table's defaults as a scenario (named ``defaults``), with ``overrides`` applied.

    Parameters
    ----------
    table : Mapping[str, Parameter], optional
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
    table = shipped_table() if table is None else table
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
        for a structural choice, an array of the option each sample drew (text); text and
        whole numbers as they are. Any split of ``[0, n)`` into blocks gives the same values
        as one call (:func:`~terawatt.parameters.distributions.sample_block`). Parameters
        whose table entries name one ``stream`` draw the same quantile (fully correlated).
        The engine takes one option per run: :func:`terawatt.scenario.structural.run_grouped`
        splits the samples by the options they drew.

    Raises
    ------
    InputError
        For ``start`` or ``stop`` that is not a whole number with ``0 <= start <= stop``.
    """
    last = scenario.samples if stop is None else stop
    table = scenario.table if scenario.table is not None else shipped_table()
    dists = {k: v for k, v in scenario.parameters.items() if isinstance(v, DIST_TYPES)}
    streams = {k: table[k].stream for k in dists if k in table and table[k].stream}
    drawn: dict[str, Any] = sample_block(dists, start, last, scenario.seed, streams)
    for name, choice in scenario.choices.items():
        index = choice.draw(scenario.seed, name, _whole(start, "start", "samples", 0), last)
        drawn[name] = np.asarray(choice.options)[index]
    chip = scenario.parameters.get(ACCELERATOR)
    if isinstance(chip, Choice) and _follows_chip(scenario):
        drawn[ACCELERATOR_PRICE] = drawn_chip_prices(
            scenario.parameters, table, chip.options, drawn[ACCELERATOR], scenario.seed, start, last
        )
    return {
        k: drawn[k] if k in drawn else cast(str | int, v) for k, v in scenario.parameters.items()
    }


# ----------------------------------------------------------------------------- writing


def _scenario_text(scenario: Scenario, table: Mapping[str, Parameter]) -> str:
    lines = [
        f"# terawatt scenario, every parameter written out (sha256 {scenario.hash[:16]})",
        f"name: {scalar(scenario.name)}",
        f"description: {scalar(scenario.description)}",
        f"seed: {scenario.seed}",
        f"samples: {scenario.samples}",
        f"years: {scalar(f'{scenario.start_year}:{scenario.end_year}')}",
    ]
    if not scenario.sites.is_default:
        block = yaml.safe_dump({"sites": scenario.sites.to_yaml_data()}, sort_keys=False)
        lines.extend(block.rstrip().splitlines())
    lines.append("parameters:")
    for name, value in scenario.parameters.items():
        if name not in table:
            raise _unknown_parameter(name, table, f"parameters.{name}", "Scenario.to_yaml")
        if _follows_preset(scenario, name):  # written out, it would no longer follow it
            lines.append(
                f"  # {name}: the preset or array technology drawn by each sample gives it"
            )
            continue
        if name == ACCELERATOR_PRICE and _follows_chip(scenario):  # likewise
            lines.append(f"  # {name}: follows {ACCELERATOR} (its {CHIP_PRICE_PREFIX}* entry)")
            continue
        param = table[name]
        unit = f" [{param.display_unit}]" if param.display_unit else ""
        lines.append(f"  # {param.description}{unit}")
        lines.append(f"  {scalar(name)}:")
        lines.extend(
            f"    {key}: {scalar(text)}" for key, text in value_entry(param, value).items()
        )
        lines.append(f"    source: {scalar(scenario.sources.get(name, ''))}")
    return "\n".join(lines) + "\n"


def _defaults_scenario(table: Mapping[str, Parameter]) -> Scenario:
    values: dict[str, Value] = {name: p.default for name, p in table.items()}
    sources = {name: p.source for name, p in table.items()}
    resolve_chip_price(values, sources, frozenset(), table)
    return Scenario(
        name="defaults",
        description="Every parameter at the default of the parameter table.",
        seed=DEFAULT_SEED,
        samples=DEFAULT_SAMPLES,
        start_year=DEFAULT_YEARS[0],
        end_year=DEFAULT_YEARS[1],
        parameters=values,
        sources=sources,
        table=table,
    )


def defaults_yaml(table: Mapping[str, Parameter] | None = None) -> str:
    """The table's defaults written as a scenario file (``terawatt scenario defaults``).

    Parameters
    ----------
    table : Mapping[str, Parameter], optional
        The parameter table (default: the shipped one).

    Returns
    -------
    str
        A scenario file with every parameter, its description and unit as a comment, its
        default and the default's source; :func:`load_scenario` reads it back unchanged.
    """
    table = shipped_table() if table is None else table
    return _defaults_scenario(table).to_yaml()
