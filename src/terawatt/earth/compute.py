"""AI compute capacity by country: the binding minimum of power, chips and capital.

Each year ``t`` and country ``c`` the AI capacity that can run (facility power [W]) is the
smallest of three limits, and the model reports which one binds:

``power``
    The power that can be connected for AI: the installed AI power at the start plus the
    AI power added each year (an input, e.g. from the electricity model, or
    :func:`default_power_additions`), each year's additions arriving after a grid
    connection lag.
``chips``
    The capacity already installed and still in service plus the accelerators the country
    can obtain this year: its share of the world supply times an export-control access
    factor, plus its domestic production, converted to facility power through the power
    per H100-equivalent (chip TDP x host overhead x PUE).
``capital``
    The capacity in service plus this year's capital expenditure divided by the all-in
    cost per W.

Installed capacity is a stock: what is added in a year stays in service for the chip life
and then retires; retirements free power for new chips. :class:`ComputeScenario` holds
the inputs (SI floats or arrays over Monte Carlo samples); its defaults, each with its
source, are in ``terawatt/data/compute_defaults.yaml``. :func:`ai_compute_capacity` runs
the model and returns an :class:`xarray.Dataset` over ``(sample, year, country)``;
:func:`binding_summary` and :func:`leader_probability` summarise it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import xarray as xr
from numpy.typing import NDArray

from terawatt.data import read_yaml
from terawatt.data.clusters import UNASSIGNED, installed_ai_capacity
from terawatt.data.countries import resolve_country
from terawatt.errors import InputError
from terawatt.physics.constants import JULIAN_YEAR_S
from terawatt.typing import ArrayLike, FloatArray, as_float
from terawatt.validate import checked

__all__ = [
    "BINDING_CODES",
    "BINDING_MEANINGS",
    "DEFAULTS_FILE",
    "REST_OF_WORLD",
    "ComputeScenario",
    "ai_compute_capacity",
    "binding_summary",
    "default_countries",
    "default_power_additions",
    "leader_probability",
    "load_compute_defaults",
]

DEFAULTS_FILE = "compute_defaults.yaml"

#: Code of the rest-of-world aggregate (every country not listed, and clusters with no
#: single known country); not an ISO 3166 code.
REST_OF_WORLD = "ROW"

#: Constraint names in the order of their integer codes in the ``binding`` variable.
BINDING_MEANINGS: tuple[str, str, str] = ("power", "chips", "capital")
BINDING_CODES: Mapping[str, int] = {name: code for code, name in enumerate(BINDING_MEANINGS)}

_J_PER_TWH = 3.6e15

#: Parameters that are one value for the world (shape (samples,), stored (samples, 1)).
_WORLD_FIELDS: tuple[str, ...] = (
    "coverage_fraction",
    "chip_supply_h100e_per_year",
    "chip_supply_growth_per_year",
    "chip_tdp_w_per_h100e",
    "chip_reference_year",
    "chip_efficiency_gain_per_year",
    "domestic_chip_tdp_w_per_h100e",
    "domestic_chip_reference_year",
    "domestic_chip_efficiency_gain_per_year",
    "host_overhead",
    "pue",
    "chip_life_years",
    "ai_share_of_dc_growth",
    "dc_load_factor",
    "dc_electricity_base_year",
    "dc_electricity_target_year",
)

#: Parameters with one value per country (shape (samples, countries)).
_COUNTRY_FIELDS: tuple[str, ...] = (
    "installed_power_w",
    "installed_h100e",
    "chip_share",
    "grid_lag_years",
    "access_factor_start",
    "access_factor_end",
    "access_transition_start_year",
    "access_transition_end_year",
    "domestic_chip_h100e_per_year",
    "domestic_chip_growth_per_year",
    "capex_usd_per_year",
    "capex_growth_per_year",
    "all_in_cost_usd_per_w",
    "dc_electricity_base_twh",
    "dc_electricity_target_twh",
)

#: Country-group amounts that `rest` gives for the whole world outside the named groups.
_REST_AMOUNTS = frozenset(
    {
        "dc_electricity_base_twh",
        "dc_electricity_target_twh",
        "capex_usd_per_year",
        "domestic_chip_h100e_per_year",
    }
)

_GROWTH = {"low": -1.0, "low_open": True, "expected": "a growth rate > -1 (-100 %/yr)"}

#: Accepted interval of every numeric field (checked on construction).
_BOUNDS: Mapping[str, Mapping[str, Any]] = {
    "coverage_fraction": {"low": 0.0, "high": 1.0, "low_open": True},
    "chip_supply_h100e_per_year": {"low": 0.0},
    "chip_supply_growth_per_year": _GROWTH,
    "chip_tdp_w_per_h100e": {"low": 0.0, "low_open": True},
    "chip_reference_year": {"low": 1900.0, "high": 2200.0},
    "chip_efficiency_gain_per_year": _GROWTH,
    "domestic_chip_tdp_w_per_h100e": {"low": 0.0, "low_open": True},
    "domestic_chip_reference_year": {"low": 1900.0, "high": 2200.0},
    "domestic_chip_efficiency_gain_per_year": _GROWTH,
    "host_overhead": {"low": 0.0},
    "pue": {"low": 1.0},
    "chip_life_years": {"low": 0.0, "low_open": True},
    "ai_share_of_dc_growth": {"low": 0.0, "high": 1.0},
    "dc_load_factor": {"low": 0.0, "high": 1.0, "low_open": True},
    "dc_electricity_base_year": {"low": 1900.0, "high": 2200.0},
    "dc_electricity_target_year": {"low": 1900.0, "high": 2200.0},
    "installed_power_w": {"low": 0.0},
    "installed_h100e": {"low": 0.0},
    "chip_share": {"low": 0.0, "high": 1.0},
    "grid_lag_years": {"low": 0.0},
    "access_factor_start": {"low": 0.0, "high": 1.0},
    "access_factor_end": {"low": 0.0, "high": 1.0},
    "access_transition_start_year": {"low": 1900.0, "high": 2200.0},
    "access_transition_end_year": {"low": 1900.0, "high": 2200.0},
    "domestic_chip_h100e_per_year": {"low": 0.0},
    "domestic_chip_growth_per_year": _GROWTH,
    "capex_usd_per_year": {"low": 0.0},
    "capex_growth_per_year": _GROWTH,
    "all_in_cost_usd_per_w": {"low": 0.0, "low_open": True},
    "dc_electricity_base_twh": {"low": 0.0},
    "dc_electricity_target_twh": {"low": 0.0},
}


# --- The defaults file ---


@dataclass(frozen=True)
class _Entry:
    """One value of the defaults file: central value, optional spread, source."""

    value: Any
    source: str
    low: float | None = None
    high: float | None = None
    dist: str = "triangular"


def _entry(key: str, raw: Any, where: str) -> _Entry:
    if not isinstance(raw, Mapping) or "value" not in raw:
        raise InputError(key, raw, "a mapping with 'value' and 'source'", where)
    source = raw.get("source")
    if not isinstance(source, str) or not source.strip():
        raise InputError(f"{key}.source", source, "the source of the value (text)", where)
    low, high = raw.get("low"), raw.get("high")
    dist = str(raw.get("dist", "triangular"))
    if (low is None) != (high is None):
        raise InputError(key, raw, "both 'low' and 'high', or neither", where)
    if dist not in ("triangular", "uniform"):
        raise InputError(f"{key}.dist", dist, "'triangular' or 'uniform'", where)
    if low is not None and high is not None:
        try:
            lo, hi, mid = float(low), float(high), float(raw["value"])
        except (TypeError, ValueError) as exc:
            raise InputError(key, raw, "numbers for value, low and high", where) from exc
        if not lo <= mid <= hi:
            raise InputError(key, raw, "low <= value <= high", where)
        return _Entry(raw["value"], source, lo, hi, dist)
    return _Entry(raw["value"], source)


@dataclass(frozen=True)
class _Defaults:
    """The parsed defaults file: entries by section, and where it came from."""

    horizon: Mapping[str, _Entry]
    world: Mapping[str, _Entry]
    groups: Mapping[str, Mapping[str, _Entry]]
    where: str


def _parse(document: Any, where: str) -> _Defaults:
    if not isinstance(document, Mapping):
        raise InputError("defaults file", where, "a YAML mapping")
    sections: dict[str, Any] = {}
    for section in ("horizon", "world", "countries"):
        body = document.get(section)
        if not isinstance(body, Mapping):
            raise InputError(section, body, "a mapping of parameters", where)
        sections[section] = body
    horizon = {k: _entry(f"horizon.{k}", v, where) for k, v in sections["horizon"].items()}
    world = {k: _entry(f"world.{k}", v, where) for k, v in sections["world"].items()}
    groups: dict[str, dict[str, _Entry]] = {}
    for group, body in sections["countries"].items():
        if not isinstance(body, Mapping):
            raise InputError(f"countries.{group}", body, "a mapping of parameters", where)
        groups[str(group)] = {
            k: _entry(f"countries.{group}.{k}", v, where) for k, v in body.items()
        }
    if "rest" not in groups:
        raise InputError("countries.rest", None, "a 'rest' group for other countries", where)
    for name in ("base_year", "end_year", "installed_as_of", "ranking_as_of", "countries"):
        if name not in horizon:
            raise InputError(f"horizon.{name}", None, "a value", where)
    missing_world = [f for f in _WORLD_FIELDS if f not in world]
    if missing_world:
        raise InputError("world", missing_world, "every world parameter", where)
    group_fields = [f for f in _COUNTRY_FIELDS if f not in _DATA_FIELDS]
    for group, entries in groups.items():
        missing = [f for f in group_fields if f not in entries]
        if missing:
            raise InputError(f"countries.{group}", missing, "every country parameter", where)
    return _Defaults(horizon, world, groups, where)


#: Country fields taken from data, not from the defaults file.
_DATA_FIELDS = frozenset({"installed_power_w", "installed_h100e", "chip_share"})


def load_compute_defaults(path: str | Path | None = None) -> dict[str, Any]:
    """The defaults file as a plain mapping (for display and docs).

    Parameters
    ----------
    path : str or Path, optional
        A YAML file in the layout of the shipped ``compute_defaults.yaml`` (default: that
        file).

    Returns
    -------
    dict
        ``{"horizon": {...}, "world": {...}, "countries": {"USA": {...}, ...}}`` with each
        entry's ``value``, ``source`` and, where uncertain, ``low``, ``high``, ``dist``.

    Raises
    ------
    InputError
        For a missing or malformed file, an entry without a source, or a spread that
        does not bracket its value.
    """
    parsed = _defaults(None if path is None else str(path))

    def plain(entries: Mapping[str, _Entry]) -> dict[str, Any]:
        return {k: dataclasses.asdict(e) for k, e in entries.items()}

    return {
        "horizon": plain(parsed.horizon),
        "world": plain(parsed.world),
        "countries": {g: plain(e) for g, e in parsed.groups.items()},
    }


@cache
def _defaults(path: str | None) -> _Defaults:
    document, where = read_yaml(DEFAULTS_FILE, path)
    return _parse(document, where)


# --- Countries and the installed base from Epoch AI's data ---


def default_countries(n: int = 10, as_of: str = "2025-10-01") -> tuple[str, ...]:
    """USA, CHN and the next countries by installed AI power in Epoch AI's cluster data.

    Parameters
    ----------
    n : int
        How many countries in all (>= 2).
    as_of : str
        Date of the ranking (:func:`terawatt.data.clusters.installed_ai_capacity`).

    Returns
    -------
    tuple of str
        ISO-3 codes, ``("USA", "CHN", ...)``, the others largest first.

    Raises
    ------
    InputError
        ``n`` below 2.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 2:
        raise InputError("countries", n, "a whole number >= 2 of countries")
    ranked = installed_ai_capacity(as_of)["country"].tolist()
    others = [c for c in ranked if c not in ("USA", "CHN", UNASSIGNED)]
    return ("USA", "CHN", *others[: n - 2])


def _code(name: object) -> str:
    """ISO-3 code of a country name or code, or ``"ROW"``."""
    if isinstance(name, str) and name.strip().upper() == REST_OF_WORLD:
        return REST_OF_WORLD
    return resolve_country(name)  # type: ignore[arg-type]  # rejects non-text itself


def _resolve(countries: str | Iterable[str]) -> tuple[str, ...]:
    names = [countries] if isinstance(countries, str) else list(countries)
    codes: list[str] = []
    for name in names:
        try:
            code = _code(name)
        except InputError as exc:
            raise InputError("countries", name, exc.expected) from exc
        if code in codes:
            raise InputError("countries", name, "each country once")
        codes.append(code)
    if not codes:
        raise InputError("countries", names, "at least one country")
    return tuple(codes)


@dataclass(frozen=True)
class _Base:
    """Installed base per country from Epoch AI's data, and the shares derived from it."""

    power_w: FloatArray  # (C,) covered clusters' power
    h100e: FloatArray  # (C,)
    h100e_share: FloatArray  # (C,) of the world's H100e
    rest_share: FloatArray  # (C,) of installed power outside the named groups
    named_h100e_share: Mapping[str, float]  # world H100e share of each named group


def _base(countries: tuple[str, ...], as_of: str, named: Iterable[str]) -> _Base:
    table = installed_ai_capacity(as_of).set_index("country")
    power = table["power_w"]
    h100e = table["h100_equivalents"]
    world_h100e = float(h100e.sum())
    named_set = [g for g in named if g != "rest"]
    outside_power = float(power.drop(labels=named_set, errors="ignore").sum())
    listed = [c for c in countries if c != REST_OF_WORLD]
    p = np.array([float(power.get(c, 0.0)) for c in countries])
    h = np.array([float(h100e.get(c, 0.0)) for c in countries])
    if REST_OF_WORLD in countries:
        i = countries.index(REST_OF_WORLD)
        p[i] = float(power.drop(labels=listed, errors="ignore").sum())
        h[i] = float(h100e.drop(labels=listed, errors="ignore").sum())
    share = h / world_h100e if world_h100e else np.zeros_like(h)
    rest = np.array([0.0 if c in named_set else p[k] for k, c in enumerate(countries)])
    if REST_OF_WORLD in countries:
        i = countries.index(REST_OF_WORLD)
        rest[i] = float(power.drop(labels=[*listed, *named_set], errors="ignore").sum())
    rest = rest / outside_power if outside_power else np.zeros_like(rest)
    named_share = {
        g: (float(h100e.get(g, 0.0)) / world_h100e if world_h100e else 0.0) for g in named_set
    }
    return _Base(p, h, share, rest, named_share)


# --- The scenario ---


@dataclass(frozen=True)
class _Spec:
    """What :meth:`ComputeScenario.sample` needs to draw again: defaults and data."""

    defaults: _Defaults
    countries: tuple[str, ...]
    base: _Base


def _world_shape(name: str, x: ArrayLike) -> FloatArray:
    a = as_float(x)
    if a.ndim == 0:
        return a.reshape(1, 1)
    if a.ndim == 1:
        return a[:, None]
    if a.ndim == 2 and a.shape[1] == 1:
        return a
    raise InputError(name, f"array of shape {a.shape}", "a scalar or an array of shape (samples,)")


def _country_shape(name: str, x: ArrayLike, n_countries: int) -> FloatArray:
    a = as_float(x)
    if a.ndim == 0:
        return np.broadcast_to(a, (1, n_countries))
    if a.ndim == 1 and a.shape[0] == n_countries:
        return a[None, :]
    if a.ndim == 2 and a.shape[1] in (1, n_countries):
        return np.broadcast_to(a, (a.shape[0], n_countries))
    raise InputError(
        name,
        f"array of shape {a.shape}",
        f"a scalar, ({n_countries},) per country or (samples, {n_countries})",
    )


@dataclass(frozen=True, eq=False)
class ComputeScenario:
    """Inputs of the AI-compute model for a set of countries (or many Monte Carlo samples).

    Every numeric field is SI (W, USD) unless its name says otherwise (``_years``,
    ``_year``, ``_per_year`` fractions, ``_twh``, ``_h100e``). World fields take a scalar
    or an array of shape ``(samples,)``; country fields a scalar, an array of shape
    ``(countries,)`` or ``(samples, countries)``. They are stored as float arrays of shape
    ``(samples, 1)`` and ``(samples, countries)``. Build one with :meth:`from_defaults`,
    draw samples with :meth:`sample`, change fields with :meth:`replace`.

    Attributes
    ----------
    countries : tuple of str
        ISO-3 codes (and ``"ROW"`` for the rest of the world).
    base_year, end_year : int
        First and last modelled year; the installed base is the stock at the start of
        ``base_year``.
    installed_power_w, installed_h100e
        Installed AI power [W] and compute [H100e] of the clusters Epoch AI recorded
        (per country); the model divides them by ``coverage_fraction``.
    coverage_fraction
        Share of the world's AI compute that Epoch's cluster data covers [-] (world).
    chip_supply_h100e_per_year, chip_supply_growth_per_year
        World supply of accelerators in ``base_year`` [H100e/yr] and its growth [1/yr].
    chip_tdp_w_per_h100e, chip_reference_year, chip_efficiency_gain_per_year
        Chip power per H100e of the world supply in the reference year [W], that year, and
        the yearly fall of power per H100e, as a gain in H100e per W [1/yr].
    domestic_chip_tdp_w_per_h100e, domestic_chip_reference_year
        The same for domestically made chips (e.g. Huawei Ascend) ...
    domestic_chip_efficiency_gain_per_year
        ... and their yearly efficiency gain [1/yr].
    host_overhead, pue
        Server power (CPUs, memory, network) per W of chip power [-]; facility power over
        IT power [-].
    chip_life_years
        Years an installed accelerator stays in service [years].
    ai_share_of_dc_growth, dc_load_factor, dc_electricity_base_year, dc_electricity_target_year
        Used only by :func:`default_power_additions`: share of data-centre growth that is
        AI [-], average over connected power [-], and the years of the two projections.
    chip_share
        Each country's share of the world chip supply without export controls [-].
    grid_lag_years
        Years from power becoming available to AI loads being connected to it [years].
    access_factor_start, access_factor_end, access_transition_start_year, access_transition_end_year
        Share of its chip share a country may obtain under export controls [0-1], before
        and after a linear transition between the two years.
    domestic_chip_h100e_per_year, domestic_chip_growth_per_year
        Domestic accelerator production in ``base_year`` [H100e/yr] and its growth [1/yr].
    capex_usd_per_year, capex_growth_per_year
        AI capital expenditure in ``base_year`` [USD/yr] and its growth [1/yr].
    all_in_cost_usd_per_w
        Capital cost per W of facility power, chips included [USD/W].
    dc_electricity_base_twh, dc_electricity_target_twh
        Data-centre electricity in the two projection years [TWh]
        (:func:`default_power_additions` only).
    seed : int or None
        Seed of the draw (:meth:`sample`); None for central values.
    sources : mapping
        Source of each value, by dotted key (``"countries.CHN.access_factor_start"``).
    """

    countries: tuple[str, ...]
    base_year: int
    end_year: int
    installed_power_w: ArrayLike
    installed_h100e: ArrayLike
    coverage_fraction: ArrayLike
    chip_supply_h100e_per_year: ArrayLike
    chip_supply_growth_per_year: ArrayLike
    chip_tdp_w_per_h100e: ArrayLike
    chip_reference_year: ArrayLike
    chip_efficiency_gain_per_year: ArrayLike
    domestic_chip_tdp_w_per_h100e: ArrayLike
    domestic_chip_reference_year: ArrayLike
    domestic_chip_efficiency_gain_per_year: ArrayLike
    host_overhead: ArrayLike
    pue: ArrayLike
    chip_life_years: ArrayLike
    ai_share_of_dc_growth: ArrayLike
    dc_load_factor: ArrayLike
    dc_electricity_base_year: ArrayLike
    dc_electricity_target_year: ArrayLike
    chip_share: ArrayLike
    grid_lag_years: ArrayLike
    access_factor_start: ArrayLike
    access_factor_end: ArrayLike
    access_transition_start_year: ArrayLike
    access_transition_end_year: ArrayLike
    domestic_chip_h100e_per_year: ArrayLike
    domestic_chip_growth_per_year: ArrayLike
    capex_usd_per_year: ArrayLike
    capex_growth_per_year: ArrayLike
    all_in_cost_usd_per_w: ArrayLike
    dc_electricity_base_twh: ArrayLike
    dc_electricity_target_twh: ArrayLike
    seed: int | None = None
    sources: Mapping[str, str] = field(default_factory=dict, repr=False)
    _spec: _Spec | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        countries = _resolve(self.countries)
        object.__setattr__(self, "countries", countries)
        for name in ("base_year", "end_year"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | np.integer):
                raise InputError(name, value, "a whole year such as 2025")
            object.__setattr__(self, name, int(value))
        if self.end_year < self.base_year:
            raise InputError(
                "years", (self.base_year, self.end_year), "end_year >= base_year (in order)"
            )
        shaped: dict[str, FloatArray] = {}
        for name in _WORLD_FIELDS:
            shaped[name] = _world_shape(name, getattr(self, name))
        for name in _COUNTRY_FIELDS:
            shaped[name] = _country_shape(name, getattr(self, name), len(countries))
        sizes = {a.shape[0] for a in shaped.values()} - {1}
        if len(sizes) > 1:
            raise InputError("samples", sorted(sizes), "one number of samples for all fields")
        n = sizes.pop() if sizes else 1
        for name, array in shaped.items():
            checked(name, array, **_BOUNDS[name])
            full = np.broadcast_to(array, (n, array.shape[1]))
            full.flags.writeable = False
            object.__setattr__(self, name, full)
        start = shaped["access_transition_start_year"]
        end = shaped["access_transition_end_year"]
        if np.any(end < start):
            bad = np.broadcast_to(end < start, np.broadcast_shapes(end.shape, start.shape))
            raise InputError(
                "access_transition_end_year",
                float(np.broadcast_to(end, bad.shape)[bad][0]),
                "a year >= access_transition_start_year",
            )
        if np.any(shaped["dc_electricity_target_year"] <= shaped["dc_electricity_base_year"]):
            raise InputError(
                "dc_electricity_target_year",
                float(shaped["dc_electricity_target_year"].flat[0]),
                "a year after dc_electricity_base_year",
            )

    @property
    def n_samples(self) -> int:
        """Number of Monte Carlo samples (1 for central values)."""
        return int(as_float(self.pue).shape[0])

    def array(self, name: str) -> FloatArray:
        """A numeric field as stored: float array of shape (samples, 1) or (samples, countries)."""
        if name not in _BOUNDS:
            raise InputError("field", name, f"one of {', '.join(sorted(_BOUNDS))}")
        return as_float(getattr(self, name))

    def replace(self, **changes: Any) -> ComputeScenario:
        """A copy with some fields changed (``scenario.replace(access_factor_end=0.0)``)."""
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_defaults(
        cls,
        countries: Sequence[str] | None = None,
        *,
        rest_of_world: bool = False,
        path: str | Path | None = None,
    ) -> ComputeScenario:
        """Central values from the defaults file and the installed base from Epoch AI's data.

        Parameters
        ----------
        countries : sequence of str, optional
            Countries to model (ISO-3 codes or names; ``"ROW"`` for the rest of the world).
            Default: :func:`default_countries` with the file's ``horizon.countries`` and
            ``horizon.ranking_as_of``.
        rest_of_world : bool, optional
            Append ``"ROW"`` (every other country, and clusters of no single known
            country). Default False.
        path : str or Path, optional
            Another defaults file in the same layout.

        Raises
        ------
        InputError
            For an unknown country, a malformed defaults file or a value out of range.
        """
        spec = _spec(countries, rest_of_world, path)
        return _build(spec, lambda _key, entry: np.array([float(entry.value)]), seed=None)

    def sample(self, n: int, seed: int | None) -> ComputeScenario:
        """Draw ``n`` samples of every uncertain value of the defaults file.

        Each value with ``low``/``high`` is drawn independently: triangular
        ``(low, value, high)`` or uniform ``[low, high]``, with
        ``numpy.random.default_rng(seed)`` in the file's order. Values of the ``rest``
        group are drawn once and shared by every other country. Values set with
        :meth:`replace` are not kept: sample first, then replace.

        Parameters
        ----------
        n : int
            Number of samples (>= 1).
        seed : int or None
            Seed; the same seed gives the same draws.

        Raises
        ------
        InputError
            ``n`` below 1; ``scenario`` if it was not built from a defaults file.
        """
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise InputError("n", n, "a whole number of samples >= 1")
        if self._spec is None:
            raise InputError(
                "scenario", "built by hand", "a scenario from ComputeScenario.from_defaults"
            )
        rng = np.random.default_rng(seed)

        def draw(_key: str, entry: _Entry) -> FloatArray:
            if entry.low is None or entry.high is None:
                return np.full(n, float(entry.value))
            if entry.dist == "uniform" or entry.low == entry.high:
                return rng.uniform(entry.low, entry.high, size=n)
            return rng.triangular(entry.low, float(entry.value), entry.high, size=n)

        return _build(self._spec, draw, seed=seed)


def _spec(countries: Sequence[str] | None, rest_of_world: bool, path: str | Path | None) -> _Spec:
    defaults = _defaults(None if path is None else str(path))
    horizon = defaults.horizon
    if countries is None:
        codes = default_countries(
            int(horizon["countries"].value), str(horizon["ranking_as_of"].value)
        )
    else:
        codes = _resolve(countries)
    if rest_of_world and REST_OF_WORLD not in codes:
        codes = (*codes, REST_OF_WORLD)
    named = [g for g in defaults.groups if g != "rest"]
    if REST_OF_WORLD in codes and any(g not in codes for g in named):
        raise InputError(
            "countries", list(codes), f"{', '.join(named)} listed too when ROW is included"
        )
    base = _base(codes, str(horizon["installed_as_of"].value), defaults.groups)
    return _Spec(defaults, codes, base)


def _build(
    spec: _Spec, draw: Callable[[str, _Entry], FloatArray], *, seed: int | None
) -> ComputeScenario:
    """Assemble a scenario; ``draw`` gives each file value as an array of shape (samples,)."""
    defaults = spec.defaults
    countries = spec.countries
    sources: dict[str, str] = {}
    world: dict[str, FloatArray] = {}
    for name, entry in defaults.world.items():
        world[name] = draw(f"world.{name}", entry)
        sources[f"world.{name}"] = entry.source
    group_values: dict[str, dict[str, FloatArray]] = {}
    for group, entries in defaults.groups.items():
        group_values[group] = {}
        for name, entry in entries.items():
            group_values[group][name] = draw(f"countries.{group}.{name}", entry)
            sources[f"countries.{group}.{name}"] = entry.source
    named = [g for g in defaults.groups if g != "rest"]
    per_country: dict[str, FloatArray] = {}
    for name in _COUNTRY_FIELDS:
        if name in _DATA_FIELDS:
            continue
        columns = []
        for k, code in enumerate(countries):
            group = code if code in named else "rest"
            column = group_values[group][name]
            if group == "rest" and name in _REST_AMOUNTS:
                column = column * spec.base.rest_share[k]
            columns.append(column)
        per_country[name] = np.stack(columns, axis=-1)
    # Chip shares: named groups with a demand share keep it; everyone else gets their
    # share of installed H100e, rescaled so that the world's shares sum to one.
    explicit = {
        g: group_values[g]["chip_demand_share"]
        for g in named
        if "chip_demand_share" in group_values[g]
    }
    fixed = sum(explicit.values(), np.zeros(1))
    epoch_fixed = sum(spec.base.named_h100e_share.get(g, 0.0) for g in explicit)
    scale = (1.0 - fixed) / (1.0 - epoch_fixed) if epoch_fixed < 1.0 else np.zeros(1)
    share_columns = [
        explicit[code] if code in explicit else spec.base.h100e_share[k] * scale
        for k, code in enumerate(countries)
    ]
    n = max(a.shape[0] for a in [*world.values(), *per_country.values(), *share_columns])
    chip_share = np.stack([np.broadcast_to(c, (n,)) for c in share_columns], axis=-1)
    horizon = defaults.horizon
    for name in ("base_year", "end_year", "installed_as_of", "ranking_as_of", "countries"):
        sources[f"horizon.{name}"] = horizon[name].source
    sources["installed_power_w"] = sources["installed_h100e"] = (
        "Epoch AI GPU Clusters (shipped), installed_ai_capacity(as_of="
        f"{horizon['installed_as_of'].value!r})"
    )
    sources["chip_share"] = (
        "countries with chip_demand_share: that value; others: share of installed H100e in "
        "Epoch AI GPU Clusters, rescaled to sum to one"
    )
    return ComputeScenario(
        countries=countries,
        base_year=int(horizon["base_year"].value),
        end_year=int(horizon["end_year"].value),
        installed_power_w=spec.base.power_w,
        installed_h100e=spec.base.h100e,
        chip_share=chip_share,
        **world,
        **per_country,
        seed=seed,
        sources=sources,
        _spec=spec,
    )


# --- Power additions ---


def default_power_additions(
    scenario: ComputeScenario, *, first_year: int | None = None, last_year: int | None = None
) -> xr.DataArray:
    r"""AI power added per year from projected data-centre electricity growth.

    Parameters
    ----------
    scenario : ComputeScenario
        Supplies ``dc_electricity_base_twh``, ``dc_electricity_target_twh`` and their
        years, ``ai_share_of_dc_growth`` and ``dc_load_factor``.
    first_year, last_year : int, optional
        Years covered (default: ten years before ``base_year`` to ``end_year``, so that
        grid connection lags up to ten years see earlier additions).

    Returns
    -------
    xarray.DataArray
        ``ai_power_added_w`` [W] over ``(sample, year, country)``: power that becomes
        available for AI loads in each year, before the grid connection lag.

    Raises
    ------
    InputError
        ``years`` if ``first_year > last_year``.

    Notes
    -----
    Data-centre electricity grows at the compound rate of the two projections,
    :math:`E(y) = E_b (E_t / E_b)^{(y - y_b) / (y_t - y_b)}`, also before the base year and
    after the target year. The AI power added in year :math:`y` is

    .. math:: A(y) = s_{AI} \, \frac{E(y) - E(y - 1)}{T_{yr} \, f_L}

    with :math:`s_{AI}` the AI share of the growth, :math:`T_{yr}` a Julian year and
    :math:`f_L` the load factor (average over connected power). The IEA figures are
    consumption projections that already reflect connection delays; the model applies
    its grid lag on top, as it will to the electricity model's generation-based
    additions (set ``grid_lag_years`` to 0 to use the IEA path as is).

    References
    ----------
    IEA (2025), *Energy and AI*, Paris: data-centre electricity 2024 and 2030 by region.
    """
    first = scenario.base_year - 10 if first_year is None else int(first_year)
    last = scenario.end_year if last_year is None else int(last_year)
    if first > last:
        raise InputError("years", (first, last), "first year <= last year (in order)")
    years = np.arange(first, last + 1)
    base_twh = scenario.array("dc_electricity_base_twh")[:, None, :]
    target_twh = scenario.array("dc_electricity_target_twh")[:, None, :]
    y_b = scenario.array("dc_electricity_base_year")[:, None, :]
    y_t = scenario.array("dc_electricity_target_year")[:, None, :]
    y = years[None, :, None].astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(base_twh > 0, target_twh / np.where(base_twh > 0, base_twh, 1.0), 1.0)
        growth = ratio ** (1.0 / (y_t - y_b))
        energy_twh = base_twh * growth ** (y - y_b)
        previous_twh = base_twh * growth ** (y - 1.0 - y_b)
    share = scenario.array("ai_share_of_dc_growth")[:, None, :]
    load = scenario.array("dc_load_factor")[:, None, :]
    added = share * (energy_twh - previous_twh) * _J_PER_TWH / (JULIAN_YEAR_S * load)
    return xr.DataArray(
        added,
        dims=("sample", "year", "country"),
        coords={
            "sample": np.arange(added.shape[0]),
            "year": years,
            "country": list(scenario.countries),
        },
        name="ai_power_added_w",
        attrs={
            "units": "W",
            "long_name": "AI power made available per year (before the grid connection lag)",
        },
    )


def _additions_array(
    added: xr.DataArray | ArrayLike, scenario: ComputeScenario, years: FloatArray
) -> tuple[FloatArray, int]:
    """Additions as (samples, years, countries) [W] and the first year they cover."""
    n_c = len(scenario.countries)
    if isinstance(added, xr.DataArray):
        extra = [d for d in added.dims if d not in ("sample", "year", "country")]
        if extra or "year" not in added.dims or "country" not in added.dims:
            raise InputError(
                "ai_power_added_w",
                f"dims {tuple(added.dims)}",
                "dims 'year' and 'country', and optionally 'sample'",
            )
        labels = [str(c) for c in added["country"].values]
        try:
            codes = [_code(c) for c in labels]
        except InputError as exc:
            raise InputError("ai_power_added_w", exc.value, exc.expected) from exc
        missing = [c for c in scenario.countries if c not in codes]
        if missing:
            raise InputError("ai_power_added_w", f"no values for {missing}", "every country")
        data = added.assign_coords(country=codes).sel(country=list(scenario.countries))
        if "sample" not in data.dims:
            data = data.expand_dims("sample")
        data = data.transpose("sample", "year", "country").sortby("year")
        have = np.asarray(data["year"].values, dtype=np.int64)
        if have.size == 0 or np.any(np.diff(have) != 1):
            raise InputError("ai_power_added_w", "years", "consecutive whole years")
        if have[0] > years[0] or have[-1] < years[-1]:
            raise InputError(
                "ai_power_added_w",
                f"years {have[0]}-{have[-1]}",
                f"values for every year {int(years[0])}-{int(years[-1])}",
            )
        array = as_float(data.values)[:, : int(years[-1] - have[0]) + 1, :]
        first = int(have[0])
    else:
        array = as_float(added)
        if array.ndim == 2:
            array = array[None]
        if array.ndim != 3 or array.shape[1:] != (len(years), n_c):
            raise InputError(
                "ai_power_added_w",
                f"array of shape {array.shape}",
                f"(samples, {len(years)} years from {int(years[0])}, {n_c} countries)",
            )
        first = int(years[0])
    checked("ai_power_added_w", array, expected="finite power in W (negative: lost)")
    if not np.all(np.isfinite(array)):
        raise InputError("ai_power_added_w", "inf", "finite power in W")
    return array, first


# --- The model ---


def _years(scenario: ComputeScenario, years: tuple[int, int] | None) -> tuple[int, int]:
    if years is None:
        return scenario.base_year, scenario.end_year
    try:
        first, last = (int(y) for y in years)
    except (TypeError, ValueError) as exc:
        raise InputError("years", years, "a pair (first, last) of whole years") from exc
    if first > last:
        raise InputError("years", years, "first year <= last year (in order)")
    if first < scenario.base_year:
        raise InputError("years", years, f"years from the base year {scenario.base_year} on")
    return first, last


def _growth(value0: FloatArray, rate: FloatArray, elapsed: float) -> FloatArray:
    """``value0 (1 + rate)^elapsed``."""
    return np.asarray(value0 * (1.0 + rate) ** elapsed, dtype=np.float64)


def _access(scenario: ComputeScenario, year: float) -> FloatArray:
    """Export-control access factor in ``year``: linear between start and end years."""
    start = scenario.array("access_factor_start")
    end = scenario.array("access_factor_end")
    t0 = scenario.array("access_transition_start_year")
    t1 = scenario.array("access_transition_end_year")
    span = t1 - t0
    progress = np.where(span > 0, (year - t0) / np.where(span > 0, span, 1.0), year >= t1)
    return np.asarray(start + (end - start) * np.clip(progress, 0.0, 1.0), dtype=np.float64)


def _cost(
    scenario: ComputeScenario,
    override: xr.DataArray | ArrayLike | None,
    years: FloatArray,
) -> FloatArray:
    """All-in cost [USD/W] as (samples, years, countries)."""
    n_c = len(scenario.countries)
    if override is None:
        return scenario.array("all_in_cost_usd_per_w")[:, None, :]
    if isinstance(override, xr.DataArray):
        data = override
        if "country" in data.dims:
            try:
                codes = [_code(str(c)) for c in data["country"].values]
            except InputError as exc:
                raise InputError("all_in_cost_usd_per_w", exc.value, exc.expected) from exc
            data = data.assign_coords(country=codes).reindex(country=list(scenario.countries))
        if "year" in data.dims:
            data = data.reindex(year=years.astype(np.int64))
        for dim in ("sample", "year", "country"):
            if dim not in data.dims:
                data = data.expand_dims(dim)
        array = as_float(data.transpose("sample", "year", "country").values)
    else:
        array = as_float(override)
        if array.ndim < 3:
            array = _country_shape("all_in_cost_usd_per_w", array, n_c)[:, None, :]
    checked(
        "all_in_cost_usd_per_w",
        array,
        low=0.0,
        low_open=True,
        expected="a cost > 0 USD/W for every sample, year and country",
    )
    return array


def ai_compute_capacity(
    scenario: ComputeScenario,
    ai_power_added_w: xr.DataArray | ArrayLike,
    *,
    years: tuple[int, int] | None = None,
    all_in_cost_usd_per_w: xr.DataArray | ArrayLike | None = None,
) -> xr.Dataset:
    r"""AI compute capacity by country and year: the binding minimum of power, chips, capital.

    Parameters
    ----------
    scenario : ComputeScenario
        Inputs (central values or samples).
    ai_power_added_w : xarray.DataArray or array_like
        AI power made available each year before the grid lag [W]. A DataArray with dims
        ``year`` and ``country`` (and optionally ``sample``) must cover every modelled
        year; years before ``base_year`` are used by the lag, and years before the first
        given repeat its value. An array must have shape ``(samples, years, countries)``
        over ``base_year``..last year. Negative values remove power.
    years : (int, int), optional
        First and last year reported, inclusive (default: the scenario's ``base_year`` and
        ``end_year``). The model always runs from ``base_year``.
    all_in_cost_usd_per_w : xarray.DataArray or array_like, optional
        Capital cost per W of facility power [USD/W] overriding the scenario's, e.g. from
        the data-centre model; a DataArray may vary over ``sample``, ``year`` and
        ``country``.

    Returns
    -------
    xarray.Dataset
        Over ``(sample, year, country)``:

        ``capacity_w`` [W]: AI capacity in operation; ``power_limit_w``, ``chip_limit_w``,
        ``capital_limit_w`` [W]: the three limits; ``binding`` (int8 code into
        ``flag_meanings`` "power chips capital"; the first in that order on ties);
        ``h100e`` [H100e]: capacity in operation in H100-equivalents;
        ``chips_obtainable_h100e`` [H100e/yr]: new accelerators the country can obtain
        that year (imports within its access plus domestic production);
        ``domestic_chips_h100e`` [H100e/yr]; ``access_factor`` [-];
        ``w_per_h100e_new`` [W]: facility power per H100e of that year's obtainable chips.
        Attributes record the seed and the base year.

    Raises
    ------
    InputError
        ``years`` reversed or before the base year; ``ai_power_added_w`` of the wrong
        shape or missing a country or year, or not finite; ``all_in_cost_usd_per_w`` not
        positive.

    Notes
    -----
    With :math:`i` the year index from ``base_year``, :math:`L` the chip life, :math:`f`
    the coverage of Epoch's data and :math:`P_0, H_0` its installed power and compute:

    Power, with the additions :math:`A` shifted by the grid lag :math:`\ell` (linear
    interpolation between whole years):

    .. math:: P_{lim}(i) = \max\Big(0,\ P_0/f + \sum_{j \le i} A(y_j - \ell)\Big)

    Chips: imports :math:`I = S_0 (1+g_S)^i\,\sigma_c\,a_c(y)` (world supply, the
    country's share, its access factor, linear from ``access_factor_start`` to
    ``access_factor_end``) and domestic production :math:`D = D_0 (1 + g_D)^i`, at
    facility power per H100e

    .. math:: w(y) = w_{TDP}\,(1+g_e)^{-(y - y_{ref})}\,(1 + h)\,\mathrm{PUE}

    (separate :math:`w_{TDP}, y_{ref}, g_e` for domestic chips). Capital:
    :math:`K = K_0 (1+g_K)^i / c` with :math:`c` the all-in cost per W. With
    :math:`R(i)` the installed capacity still in service,

    .. math::

        C(i) = \min\big(P_{lim}(i),\ R(i) + I w_I + D w_D,\ R(i) + K\big)

    and :math:`\max(C - R, 0)` is installed in year :math:`i`. A year's additions stay
    in service while their age :math:`a` (0 in the year installed) is below :math:`L`,
    weight :math:`\mathrm{clip}(L - a, 0, 1)`; the initial stock retires linearly,
    :math:`\mathrm{clip}(1 - (i + 1)/L, 0, 1)`. Chips or capital unused in a year are
    not carried to the next. Operating H100e follow the installed vintages, scaled down
    when the power limit falls below the stock.
    """
    first, last = _years(scenario, years)
    sim_years = np.arange(scenario.base_year, last + 1, dtype=np.float64)
    n_years = sim_years.size
    n_c = len(scenario.countries)
    added, added_first = _additions_array(ai_power_added_w, scenario, sim_years)
    cost = _cost(scenario, all_in_cost_usd_per_w, sim_years)
    n = max(scenario.n_samples, added.shape[0], cost.shape[0])
    for name, size in (
        ("ai_power_added_w", added.shape[0]),
        ("all_in_cost_usd_per_w", cost.shape[0]),
    ):
        if size not in (1, n):
            raise InputError(name, f"{size} samples", f"1 or {n} samples")
    shape = (n, n_c)

    def arr(name: str) -> FloatArray:
        return np.broadcast_to(scenario.array(name), shape)

    coverage = arr("coverage_fraction")
    power0 = arr("installed_power_w") / coverage
    h100e0 = arr("installed_h100e") / coverage
    life = arr("chip_life_years")
    power_limit = _power_limit(added, added_first, power0, arr("grid_lag_years"), sim_years)

    names = (
        "capacity_w",
        "chip_limit_w",
        "capital_limit_w",
        "h100e",
        "chips_obtainable_h100e",
        "domestic_chips_h100e",
        "access_factor",
        "w_per_h100e_new",
    )
    out = {key: np.zeros((n, n_years, n_c)) for key in names}
    added_w = np.zeros((n, n_years, n_c))
    added_h = np.zeros((n, n_years, n_c))
    for i, year in enumerate(sim_years):
        # Stock still in service: initial stock retiring linearly, vintages after L years.
        retained0 = np.clip(1.0 - (i + 1) / life, 0.0, 1.0)
        ages = i - np.arange(i, dtype=np.float64)
        alive = np.clip(life[:, None, :] - ages[None, :, None], 0.0, 1.0)
        stock_w = power0 * retained0 + (added_w[:, :i, :] * alive).sum(axis=1)
        stock_h = h100e0 * retained0 + (added_h[:, :i, :] * alive).sum(axis=1)

        chips = _new_chips(scenario, float(year), shape)
        elapsed = float(year - scenario.base_year)
        capex = _growth(arr("capex_usd_per_year"), arr("capex_growth_per_year"), elapsed)
        capital_new_w = capex / np.broadcast_to(cost[:, min(i, cost.shape[1] - 1), :], shape)

        chip_limit = stock_w + chips["power_w"]
        capital_limit = stock_w + capital_new_w
        capacity = np.minimum(np.minimum(power_limit[:, i, :], chip_limit), capital_limit)
        added_w[:, i, :] = np.maximum(capacity - stock_w, 0.0)
        added_h[:, i, :] = added_w[:, i, :] / chips["w_per_h100e"]
        total_w = stock_w + added_w[:, i, :]
        safe = np.where(total_w > 0, total_w, 1.0)
        running = np.where(total_w > 0, np.minimum(capacity / safe, 1.0), 0.0)

        out["capacity_w"][:, i, :] = capacity
        out["chip_limit_w"][:, i, :] = chip_limit
        out["capital_limit_w"][:, i, :] = capital_limit
        out["h100e"][:, i, :] = (stock_h + added_h[:, i, :]) * running
        out["chips_obtainable_h100e"][:, i, :] = chips["h100e"]
        out["domestic_chips_h100e"][:, i, :] = chips["domestic_h100e"]
        out["access_factor"][:, i, :] = chips["access"]
        out["w_per_h100e_new"][:, i, :] = chips["w_per_h100e"]

    out["power_limit_w"] = power_limit
    keep = slice(first - scenario.base_year, last - scenario.base_year + 1)
    return _dataset(
        {k: v[:, keep, :] for k, v in out.items()}, scenario, np.arange(first, last + 1)
    )


def _power_limit(
    added: FloatArray,
    added_first: int,
    power0: FloatArray,
    lag: FloatArray,
    sim_years: FloatArray,
) -> FloatArray:
    """Connectable AI power [W] (samples, years, countries): base plus lagged additions.

    Additions are shifted by the lag with linear interpolation between whole years; before
    the first year given, the first value repeats.
    """
    n, n_c = power0.shape
    ext = np.broadcast_to(added, (n, added.shape[1], n_c))
    lagged = np.empty((n, sim_years.size, n_c))
    for i, year in enumerate(sim_years):
        position = np.clip(year - lag - added_first, 0.0, ext.shape[1] - 1.0)
        low = np.floor(position).astype(np.int64)
        high = np.minimum(low + 1, ext.shape[1] - 1)
        a_low = np.take_along_axis(ext, low[:, None, :], axis=1)[:, 0, :]
        a_high = np.take_along_axis(ext, high[:, None, :], axis=1)[:, 0, :]
        lagged[:, i, :] = a_low + (a_high - a_low) * (position - low)
    return np.maximum(power0[:, None, :] + np.cumsum(lagged, axis=1), 0.0)


def _new_chips(
    scenario: ComputeScenario, year: float, shape: tuple[int, int]
) -> dict[str, FloatArray]:
    """Chips a country can obtain in ``year``: H100e, facility power, W per H100e, access."""

    def arr(name: str) -> FloatArray:
        return np.broadcast_to(scenario.array(name), shape)

    elapsed = year - scenario.base_year
    overhead = (1.0 + arr("host_overhead")) * arr("pue")
    access = np.broadcast_to(_access(scenario, year), shape)
    supply = _growth(arr("chip_supply_h100e_per_year"), arr("chip_supply_growth_per_year"), elapsed)
    imported = supply * arr("chip_share") * access
    domestic = _growth(
        arr("domestic_chip_h100e_per_year"), arr("domestic_chip_growth_per_year"), elapsed
    )
    gain = 1.0 + arr("chip_efficiency_gain_per_year")
    w_imported = arr("chip_tdp_w_per_h100e") * gain ** -(year - arr("chip_reference_year"))
    gain_domestic = 1.0 + arr("domestic_chip_efficiency_gain_per_year")
    w_domestic = arr("domestic_chip_tdp_w_per_h100e") * gain_domestic ** -(
        year - arr("domestic_chip_reference_year")
    )
    power_w = (imported * w_imported + domestic * w_domestic) * overhead
    h100e = imported + domestic
    w_per_h100e = np.where(
        h100e > 0, power_w / np.where(h100e > 0, h100e, 1.0), w_imported * overhead
    )
    return {
        "h100e": h100e,
        "domestic_h100e": domestic,
        "power_w": power_w,
        "w_per_h100e": w_per_h100e,
        "access": access,
    }


#: Units and meanings of the model's output variables.
_OUTPUT_VARIABLES: Mapping[str, tuple[str, str]] = {
    "capacity_w": ("W", "AI capacity in operation (facility power)"),
    "power_limit_w": ("W", "power that can be connected for AI"),
    "chip_limit_w": ("W", "capacity in service plus the chips obtainable this year"),
    "capital_limit_w": ("W", "capacity in service plus this year's capex / cost per W"),
    "h100e": ("H100e", "AI capacity in operation in H100-equivalents"),
    "chips_obtainable_h100e": ("H100e/yr", "new accelerators the country can obtain"),
    "domestic_chips_h100e": ("H100e/yr", "domestic accelerator production"),
    "access_factor": ("1", "export-control access factor"),
    "w_per_h100e_new": ("W", "facility power per H100e of this year's chips"),
}


def _dataset(
    values: Mapping[str, FloatArray], scenario: ComputeScenario, years: NDArray[np.int64]
) -> xr.Dataset:
    """The model's output as a Dataset over (sample, year, country), binding included."""
    dims = ("sample", "year", "country")
    stacked = np.stack([values["power_limit_w"], values["chip_limit_w"], values["capital_limit_w"]])
    binding = np.argmin(stacked, axis=0).astype(np.int8)
    data_vars = {
        name: xr.DataArray(values[name], dims=dims, attrs={"units": unit, "long_name": meaning})
        for name, (unit, meaning) in _OUTPUT_VARIABLES.items()
    }
    data_vars["binding"] = xr.DataArray(
        binding,
        dims=dims,
        attrs={
            "long_name": "binding constraint",
            "flag_values": np.arange(len(BINDING_MEANINGS), dtype=np.int8),
            "flag_meanings": " ".join(BINDING_MEANINGS),
        },
    )
    order = ["capacity_w", "power_limit_w", "chip_limit_w", "capital_limit_w", "binding", "h100e"]
    order += [k for k in _OUTPUT_VARIABLES if k not in order]
    return xr.Dataset(
        {k: data_vars[k] for k in order},
        coords={
            "sample": np.arange(binding.shape[0]),
            "year": years,
            "country": list(scenario.countries),
        },
        attrs={
            "title": "AI compute capacity by country: binding minimum of power, chips, capital",
            "base_year": scenario.base_year,
            "seed": "none" if scenario.seed is None else scenario.seed,
            "model": "terawatt.earth.compute.ai_compute_capacity",
        },
    )


# --- Summaries ---


def binding_summary(ds: xr.Dataset) -> pd.DataFrame:
    """Per country and year: how often each constraint binds, and the capacity's spread.

    Parameters
    ----------
    ds : xarray.Dataset
        Output of :func:`ai_compute_capacity`.

    Returns
    -------
    pandas.DataFrame
        Columns ``country``, ``year``, ``share_power``, ``share_chips``,
        ``share_capital`` (fractions of samples, summing to one), ``capacity_w_median``,
        ``capacity_w_p05``, ``capacity_w_p95`` [W], ``h100e_median`` [H100e].
    """
    columns: dict[str, xr.DataArray] = {}
    for code, name in enumerate(BINDING_MEANINGS):
        columns[f"share_{name}"] = (ds["binding"] == code).mean("sample")
    capacity = ds["capacity_w"]
    columns["capacity_w_median"] = capacity.median("sample")
    columns["capacity_w_p05"] = capacity.quantile(0.05, dim="sample").drop_vars("quantile")
    columns["capacity_w_p95"] = capacity.quantile(0.95, dim="sample").drop_vars("quantile")
    columns["h100e_median"] = ds["h100e"].median("sample")
    frame = xr.Dataset(columns).to_dataframe().reset_index()
    ordered = ["country", "year", *columns]
    return frame[ordered].sort_values(["country", "year"], ignore_index=True)


def leader_probability(ds: xr.Dataset, variable: str = "capacity_w") -> pd.DataFrame:
    """Per year: the share of samples in which each country has the most of ``variable``.

    Parameters
    ----------
    ds : xarray.Dataset
        Output of :func:`ai_compute_capacity`.
    variable : str
        ``"capacity_w"`` (default) or ``"h100e"``.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``country``, ``probability`` (fraction of samples; over the
        countries of ``ds`` only, so add ``"ROW"`` to compare with the rest of the world).

    Raises
    ------
    InputError
        ``variable`` not in ``ds``.
    """
    if variable not in ds:
        raise InputError("variable", variable, f"one of {sorted(map(str, ds.data_vars))}")
    values = ds[variable].transpose("sample", "year", "country").values
    leader = np.argmax(values, axis=2)
    countries = [str(c) for c in ds["country"].values]
    rows = [
        {
            "year": int(year),
            "country": country,
            "probability": float(np.mean(leader[:, j] == k)),
        }
        for j, year in enumerate(ds["year"].values)
        for k, country in enumerate(countries)
    ]
    return pd.DataFrame(rows)
