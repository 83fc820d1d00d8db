"""Design records from the parameter table: table defaults, named presets, overrides.

A design record is a frozen dataclass of SI values (the satellite's
:class:`~terawatt.space.satellite.SatelliteDesign`, the data centre's
:class:`~terawatt.earth.datacenter.DataCenterDesign`). Each of its fields names the
entry of the parameter table that feeds it, in the field's metadata::

    compute_power_w: ArrayLike = field(metadata={"key": "compute.power"})

and the table declares the input once, under the record's prefix
(``satellite.compute.power``): unit, display unit, bounds, description, default and
source. An input several designs share (the chip: ``compute.accelerator``,
``compute.accelerator_price`` ...) is declared once outside any record's prefix, and each
record names it under a *shared* prefix; a point design takes the central value of its
default distribution (its ``central()`` value).

A *preset* is a named set of overrides of those defaults, each value with its source,
in a data file::

    aggressive-100wpkg:
      description: ...
      values:
        array.specific_power: {value: 300 W/kg, source: "estimate: ..."}

:class:`RecordTable` builds a record from the defaults, a preset and any further layers
of overrides (a design file, ``--set``), and checks a record (of floats or arrays of
samples) against the bounds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Generic, TypeVar, cast

import numpy as np

from terawatt.data import read_yaml
from terawatt.errors import InputError, did_you_mean
from terawatt.parameters.array_technology import TECHNOLOGY, array_technology
from terawatt.parameters.chip_price import ACCELERATOR, ACCELERATOR_PRICE, chip_price_entry
from terawatt.parameters.table import (
    DIST_TYPES,
    Parameter,
    parse_value,
    shipped_defaults_as_written,
    shipped_table,
)
from terawatt.typing import as_float
from terawatt.units import parse_clock_hours
from terawatt.yamldoc import Label, Locator, PathKey

__all__ = ["FIELD_KEY", "Preset", "RecordTable", "flatten"]

#: Metadata key of a record field that names its table entry (without the prefix).
FIELD_KEY = "key"

R = TypeVar("R")


def flatten(mapping: Mapping[str, Any]) -> dict[str, Any]:
    """Flatten nested mappings into dotted keys: ``{"a": {"b": 1}}`` -> ``{"a.b": 1}``."""
    return {dotted: value for dotted, (_, value) in _leaves(mapping).items()}


def _leaves(mapping: Mapping[str, Any], path: PathKey = ()) -> dict[str, tuple[PathKey, Any]]:
    """Dotted key -> (path of keys as nested in the file, value) of every leaf."""
    out: dict[str, tuple[PathKey, Any]] = {}
    for key, value in mapping.items():
        here = (*path, key)
        if isinstance(value, Mapping):
            out.update(_leaves(value, here))
        else:
            out[".".join(map(str, here))] = (here, value)
    return out


@dataclass(frozen=True)
class Preset:
    """A named design: every input's value as written (with units) and its source.

    Attributes
    ----------
    name, description : str
        The preset's name and what it stands for.
    values : dict
        Key (without the prefix) -> value as written: the preset's override where it has
        one, else the table's default.
    sources : dict
        Key -> source of that value.
    overrides : tuple of str
        The keys the preset sets itself (the others are the table's defaults).
    """

    name: str
    description: str
    values: dict[str, Any]
    sources: dict[str, str]
    overrides: tuple[str, ...]


class RecordTable(Generic[R]):
    """The table entries under one prefix, the presets over them and the record they fill.

    Parameters
    ----------
    record : dataclass type
        The design record; every field with ``metadata={"key": ...}`` is an input.
    prefix : str
        Prefix of its entries in the parameter table (``"satellite."``).
    presets_file : str
        Data file of the presets (``"satellite_presets.yaml"``), read through
        :func:`terawatt.data.read_yaml`.
    default_preset : str
        Name of the preset whose values are the table's defaults (it overrides nothing
        under ``prefix``; it may set shared inputs).
    clock : tuple of str, optional
        Keys whose values may be written as a local time ``"HH:MM"`` (in hours).
    shared : tuple of str, optional
        Prefixes of shared entries (``("compute.",)``): a field key starting with one is the
        table's key itself, not a key under ``prefix``.
    """

    def __init__(
        self,
        record: Callable[..., R],
        prefix: str,
        presets_file: str,
        default_preset: str,
        *,
        clock: tuple[str, ...] = (),
        shared: tuple[str, ...] = (),
    ) -> None:
        self.record = record
        self.prefix = prefix
        self.presets_file = presets_file
        self.default_preset = default_preset
        self.clock = frozenset(clock)
        self.shared = shared

    def table_key(self, key: str) -> str:
        """The parameter-table name of a field key.

        ``"array.specific_power"`` -> ``"satellite.array.specific_power"``; a shared key
        such as ``"compute.accelerator"`` is the table's name itself.
        """
        return key if self.shared and key.startswith(self.shared) else self.prefix + key

    @cached_property
    def attrs(self) -> dict[str, str]:
        """Key (without the prefix) -> record attribute, in table order."""
        fields = {
            f.metadata[FIELD_KEY]: f.name
            for f in dataclasses.fields(cast(Any, self.record))
            if FIELD_KEY in f.metadata
        }
        return {key: fields[key] for key in self.entries if key in fields}

    @cached_property
    def entries(self) -> dict[str, Parameter]:
        """Key (without the prefix) -> table entry, in table order.

        Raises
        ------
        InputError
            If the record's fields and the table's entries under the prefix disagree.
        """
        n = len(self.prefix)
        fields = {
            f.metadata[FIELD_KEY]
            for f in dataclasses.fields(cast(Any, self.record))
            if FIELD_KEY in f.metadata
        }
        entries = {
            (k[n:] if k.startswith(self.prefix) else k): e
            for k, e in shipped_table().items()
            if k.startswith(self.prefix) or (k in fields and k == self.table_key(k))
        }
        if fields != set(entries):
            raise InputError(
                f"{self.prefix}*",
                sorted(fields ^ set(entries)),
                "one parameter-table entry per design field",
            )
        return entries

    @cached_property
    def _raw_defaults(self) -> dict[str, Any]:
        """Key -> the table's default as written in its file (for listings)."""
        written = shipped_defaults_as_written()
        raw: dict[str, Any] = {}
        for key, entry in self.entries.items():
            value = written[self.table_key(key)]
            if isinstance(value, Mapping):  # a distribution: its central value
                central = entry.to_display(cast(Any, entry.default).central())
                value = f"{central:g} {entry.display_unit}".strip()
            raw[key] = value
        return raw

    @cached_property
    def _defaults(self) -> dict[str, Any]:
        """Record attribute -> the table's default in the model's unit."""
        return {attr: _plain(self.entries[key].default) for key, attr in self.attrs.items()}

    @cached_property
    def presets(self) -> dict[str, Preset]:
        """All shipped presets by name, each over every key (defaults filled in)."""
        raw, doc = read_yaml(self.presets_file)
        presets: dict[str, Preset] = {}
        for name, body in raw.items():
            overrides = body.get("values") or {}
            for key in overrides:
                self._entry(key, overrides[key], doc.where((name, "values", key)))
            values = {**self._raw_defaults, **{k: v["value"] for k, v in overrides.items()}}
            sources = {key: entry.source for key, entry in self.entries.items()}
            sources |= {k: " ".join(str(v["source"]).split()) for k, v in overrides.items()}
            description = " ".join(str(body["description"]).split())
            presets[name] = Preset(name, description, values, sources, tuple(overrides))
        default = presets.get(self.default_preset)
        own = [key for key in (default.overrides if default else ()) if self.table_key(key) != key]
        if default is None or own:
            expected = "a preset that overrides nothing (the table's defaults are its values)"
            raise InputError("preset", self.default_preset, expected, doc.label)
        return presets

    def preset(self, name: str, where: str | None = None) -> Preset:
        """One shipped preset (``where``: where its name was written, for errors).

        Raises
        ------
        InputError
            ``preset`` for an unknown name.
        """
        if name not in self.presets:
            choices = ", ".join(map(repr, self.presets))
            raise InputError("preset", name, f"one of {choices}", where)
        return self.presets[name]

    def _entry(self, key: str, value: Any, where: str | None) -> Parameter:
        if key not in self.entries:
            hint = did_you_mean(key, self.entries, cutoff=0.5)
            raise InputError(key, value, f"a known parameter{hint}", where)
        return self.entries[key]

    def parse(
        self, values: Mapping[str, Any] | None, where: Locator | str | None = None
    ) -> dict[str, Any]:
        """Parse overrides, nested or dotted, into record attribute -> model value.

        Bare numbers are read in the entry's display unit; values are checked against the
        bounds or choices. A design takes single values (a nested mapping is read as more
        keys, so it takes no distributions). ``where`` says where the values came from:
        a file's :class:`~terawatt.yamldoc.Doc` (errors name its line and column) or a
        label (``"--set"``).

        Raises
        ------
        InputError
            For an unknown key (with close matches) or a value that does not parse.
        """
        loc = Label(where or "") if where is None or isinstance(where, str) else where
        parsed: dict[str, Any] = {}
        for key, (path, value) in _leaves(values or {}).items():
            at = loc.where(path) or None
            entry = self._entry(key, value, at)
            raw = parse_clock_hours(value, key, where=at) if key in self.clock else value
            parsed[self.attrs[key]] = _plain(parse_value(entry, raw, loc, path))
        return parsed

    def values(self, preset: str) -> dict[str, Any]:
        """Record attribute -> model value of a preset (the defaults with its overrides)."""
        chosen = self.preset(preset)
        overrides = {key: chosen.values[key] for key in chosen.overrides}
        return {**self._defaults, **self.parse(overrides, f"preset {preset}")}

    def build(self, preset: str, *layers: dict[str, Any], label: str) -> R:
        """The record of a preset with parsed layers (:meth:`parse`) over it, last wins."""
        merged = self.values(preset)
        for layer in layers:
            merged.update(layer)
        self._follow_technology(preset, merged, layers)
        self._follow_chip_price(preset, merged, layers)
        return self.record(**merged, label=label)

    def _follow_technology(
        self, preset: str, merged: dict[str, Any], layers: tuple[dict[str, Any], ...]
    ) -> None:
        """The array's entries at the chosen technology's values (its central ones).

        The rule of :mod:`terawatt.parameters.array_technology`, for a point design: a
        layer's own value wins; a technology a layer names overrides the preset's array;
        else the preset's own values stand and the technology fills the rest.
        """
        if not TECHNOLOGY.startswith(self.prefix):  # a record without a solar array
            return
        tech_attr = self.attrs.get(TECHNOLOGY.removeprefix(self.prefix))
        if tech_attr is None:
            return
        named = any(tech_attr in layer for layer in layers)
        chosen = str(merged[tech_attr])
        if not named and chosen == shipped_table()[TECHNOLOGY].default:
            return  # the table's defaults are the default technology's values
        own = self.preset(preset).overrides
        values = array_technology(chosen).values
        for key, attr in self.attrs.items():
            entry = self.table_key(key)
            if entry not in values or any(attr in layer for layer in layers):
                continue
            if key in own and not named:
                continue
            merged[attr] = _plain(values[entry][0])

    def _follow_chip_price(
        self, preset: str, merged: dict[str, Any], layers: tuple[dict[str, Any], ...]
    ) -> None:
        """``compute.accelerator_price`` at the chosen chip's own price entry, unless set.

        The rule of :mod:`terawatt.parameters.chip_price`, for a point design: the price
        follows the chip where neither the preset nor a layer names a price.
        """
        chip, price = self.attrs.get(ACCELERATOR), self.attrs.get(ACCELERATOR_PRICE)
        if chip is None or price is None or ACCELERATOR_PRICE in self.preset(preset).overrides:
            return
        if any(price in layer for layer in layers):
            return
        entry = shipped_table().get(chip_price_entry(str(merged[chip])))
        if entry is not None:
            merged[price] = _plain(entry.default)

    def check(self, record: Any) -> None:
        """Check every numeric field against its bounds (fields may be arrays of samples).

        Raises
        ------
        InputError
            Naming the key, for a value that is not finite or lies outside the bounds.
        """
        for key, attr in self.attrs.items():
            entry = self.entries[key]
            if entry.kind != "quantity":
                continue
            values = as_float(getattr(record, attr))
            if not np.all(np.isfinite(values)):
                raise InputError(key, getattr(record, attr), "finite numbers")
            for worst in (float(values.min()), float(values.max())):
                if not entry.admits(worst):
                    shown = entry.to_display(worst)
                    raise InputError(key, shown, f"a value in {entry.interval()}")

    def shape(self, record: Any) -> tuple[int, ...]:
        """Broadcast shape of the record's numeric fields (``()`` for one design)."""
        return np.broadcast_shapes(
            *(
                np.shape(getattr(record, attr))
                for key, attr in self.attrs.items()
                if self.entries[key].kind == "quantity"
            )
        )

    def inputs(self, record: Any) -> dict[str, Any]:
        """Key -> a single design's input as people read it: value and display unit."""
        out: dict[str, Any] = {}
        for key, attr in self.attrs.items():
            entry, value = self.entries[key], getattr(record, attr)
            if entry.kind != "quantity" or key in self.clock:
                out[key] = float(value) if key in self.clock else value
            else:
                shown = entry.to_display(float(value))
                out[key] = {"value": shown, "unit": entry.display_unit}
        return out


def _plain(value: Any) -> Any:
    """A table value as a point design takes it: a distribution's central value, else as is."""
    return value.central() if isinstance(value, DIST_TYPES) else value
