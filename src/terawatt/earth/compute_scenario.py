"""Inputs of the AI-compute-by-country model: :class:`ComputeScenario` and its defaults.

Every input comes from the parameter table (``terawatt/data/parameters/earth_compute.yaml``,
names ``earth.*``, each with its unit, bounds, default distribution and source); the
installed base per country and the chip shares of countries without their own entry come
from Epoch AI's GPU Clusters data. Per-country entries are named ``earth.<input>.<group>``:
``USA`` and ``CHN`` are themselves, ``rest`` applies to every other country (and to the
rest-of-world aggregate ``"ROW"``). :mod:`terawatt.earth.compute` runs the model on a
scenario.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np

from terawatt.data.clusters import UNASSIGNED, installed_ai_capacity
from terawatt.data.countries import resolve_country
from terawatt.errors import InputError
from terawatt.parameters.distributions import Distribution, Fixed, sample_table
from terawatt.parameters.table import Parameter, shipped_table
from terawatt.physics.constants import J_PER_TWH
from terawatt.typing import ArrayLike, FloatArray, as_float
from terawatt.validate import checked

__all__ = [
    "REST_OF_WORLD",
    "ComputeScenario",
    "default_countries",
]

#: Code of the rest-of-world aggregate (every country not listed, and clusters with no
#: single known country); not an ISO 3166 code.
REST_OF_WORLD = "ROW"


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


#: World field -> name in the parameter table.
_WORLD_NAMES: Mapping[str, str] = {
    "coverage_fraction": "earth.epoch_coverage",
    "chip_supply_h100e_per_year": "earth.chip_supply",
    "chip_supply_growth_per_year": "earth.chip_supply_growth",
    "chip_tdp_w_per_h100e": "earth.chip_power_per_h100e",
    "chip_reference_year": "earth.chip_reference_year",
    "chip_efficiency_gain_per_year": "earth.chip_efficiency_gain",
    "domestic_chip_tdp_w_per_h100e": "earth.domestic_chip_power_per_h100e",
    "domestic_chip_reference_year": "earth.domestic_chip_reference_year",
    "domestic_chip_efficiency_gain_per_year": "earth.domestic_chip_efficiency_gain",
    "host_overhead": "earth.host_overhead",
    "pue": "earth.pue",
    "chip_life_years": "earth.chip_life",
    "ai_share_of_dc_growth": "earth.ai_share_of_dc_growth",
    "dc_load_factor": "earth.dc_load_factor",
    "dc_electricity_base_year": "earth.dc_electricity_base_year",
    "dc_electricity_target_year": "earth.dc_electricity_target_year",
}

#: Country field -> name stem in the parameter table (``<stem>.<group>``); the chip demand
#: share is given only for some groups.
_COUNTRY_NAMES: Mapping[str, str] = {
    "access_factor_start": "earth.export_control_access_start",
    "access_factor_end": "earth.export_control_access_end",
    "access_transition_start_year": "earth.export_control_transition_start",
    "access_transition_end_year": "earth.export_control_transition_end",
    "domestic_chip_h100e_per_year": "earth.domestic_chips",
    "domestic_chip_growth_per_year": "earth.domestic_chips_growth",
    "capex_usd_per_year": "earth.ai_capex",
    "capex_growth_per_year": "earth.ai_capex_growth",
    "all_in_cost_usd_per_w": "earth.all_in_cost",
    "dc_electricity_base_twh": "earth.dc_electricity_base",
    "dc_electricity_target_twh": "earth.dc_electricity_target",
}
_CHIP_DEMAND_SHARE = "earth.chip_demand_share"

#: Fields in TWh/yr whose table entries are in J/yr.
_TWH_FIELDS = frozenset({"dc_electricity_base_twh", "dc_electricity_target_twh"})

#: Country fields taken from data, not from the table.
_DATA_FIELDS = frozenset({"installed_power_w", "installed_h100e", "chip_share"})

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
    """What :meth:`ComputeScenario.sample` needs to draw again: the table and the data."""

    table: Mapping[str, Parameter]
    groups: tuple[str, ...]
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
        Used only by :func:`terawatt.earth.power.iea_path_power_additions`: share of
        data-centre growth that is AI [-], average over connected power [-], and the years
        of the two projections.
    chip_share
        Each country's share of the world chip supply without export controls [-].
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
        (:func:`terawatt.earth.power.iea_path_power_additions` only).
    seed : int or None
        Seed of the draw (:meth:`sample`); None for central values.
    sources : mapping
        Source of each value, by its name in the parameter table
        (``"earth.export_control_access_start.CHN"``) or field (``"installed_power_w"``).
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
        table: Mapping[str, Parameter] | None = None,
    ) -> ComputeScenario:
        """Central values from the parameter table and the installed base from Epoch AI's data.

        Parameters
        ----------
        countries : sequence of str, optional
            Countries to model (ISO-3 codes or names; ``"ROW"`` for the rest of the world).
            Default: :func:`default_countries` with the table's ``earth.countries`` and
            ``earth.ranking_as_of``.
        rest_of_world : bool, optional
            Append ``"ROW"`` (every other country, and clusters of no single known
            country). Default False.
        table : mapping, optional
            A parameter table (:func:`terawatt.parameters.table.load_parameter_table`);
            default the shipped one, whose ``earth.*`` entries hold every input.

        Raises
        ------
        InputError
            For an unknown country, a table without the ``earth.*`` entries or a value out
            of range.
        """
        spec = _spec(countries, rest_of_world, table)
        central = {
            name: np.array([cast(Distribution, spec.table[name].default).central()])
            for name in _names(spec)
        }
        return _build(spec, central, seed=None)

    def sample(self, n: int, seed: int | None) -> ComputeScenario:
        """Draw ``n`` samples of every uncertain ``earth.*`` input of the parameter table.

        Each entry is drawn from its default distribution by
        :func:`terawatt.parameters.distributions.sample_table`: the draws depend on the seed,
        the entry's name and the sample index only, not on the order of the table or the
        countries modelled. Entries of the ``rest`` group are drawn once and shared by every
        other country. Values set with :meth:`replace` are not kept: sample first, then
        replace.

        Parameters
        ----------
        n : int
            Number of samples (>= 1).
        seed : int or None
            Seed (>= 0); the same seed gives the same draws; None draws a fresh one.

        Raises
        ------
        InputError
            ``n`` below 1; ``scenario`` if it was not built from the parameter table.
        """
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise InputError("n", n, "a whole number of samples >= 1")
        if self._spec is None:
            raise InputError(
                "scenario", "built by hand", "a scenario from ComputeScenario.from_defaults"
            )
        spec = self._spec
        entropy = int(np.random.SeedSequence().generate_state(1)[0]) if seed is None else seed
        dists = {name: _distribution(spec.table[name].default) for name in _names(spec)}
        return _build(spec, sample_table(dists, n, entropy), seed=seed)


# --- Reading the table ---


def _distribution(value: Any) -> Distribution:
    """A table default as a distribution (a plain number is fixed)."""
    return value if hasattr(value, "sample") else Fixed(value=float(value))


def _groups(table: Mapping[str, Parameter]) -> tuple[str, ...]:
    """Country groups of the table (``USA``, ``CHN``, ``rest``): those with an AI capex."""
    stem = _COUNTRY_NAMES["capex_usd_per_year"] + "."
    groups = tuple(k[len(stem) :] for k in table if k.startswith(stem))
    if "rest" not in groups:
        raise InputError(f"{stem}rest", None, "a 'rest' group for other countries")
    for group in groups:
        missing = [f"{s}.{group}" for s in _COUNTRY_NAMES.values() if f"{s}.{group}" not in table]
        if missing:
            raise InputError(f"group {group}", missing, "every country parameter")
    return groups


def _names(spec: _Spec) -> list[str]:
    """Every table entry a scenario draws."""
    names = list(_WORLD_NAMES.values())
    for group in spec.groups:
        names += [f"{stem}.{group}" for stem in _COUNTRY_NAMES.values()]
        if f"{_CHIP_DEMAND_SHARE}.{group}" in spec.table:
            names.append(f"{_CHIP_DEMAND_SHARE}.{group}")
    return names


def _horizon(table: Mapping[str, Parameter], name: str) -> Any:
    key = f"earth.{name}"
    if key not in table:
        raise InputError(key, None, "an entry of the parameter table")
    return table[key].default


def _spec(
    countries: Sequence[str] | None,
    rest_of_world: bool,
    table: Mapping[str, Parameter] | None,
) -> _Spec:
    table = shipped_table() if table is None else table
    groups = _groups(table)
    missing = [k for k in _WORLD_NAMES.values() if k not in table]
    if missing:
        raise InputError("parameter table", missing, "every world parameter (earth.*)")
    if countries is None:
        codes = default_countries(
            int(_horizon(table, "countries")), str(_horizon(table, "ranking_as_of"))
        )
    else:
        codes = _resolve(countries)
    if rest_of_world and REST_OF_WORLD not in codes:
        codes = (*codes, REST_OF_WORLD)
    named = [g for g in groups if g != "rest"]
    if REST_OF_WORLD in codes and any(g not in codes for g in named):
        raise InputError(
            "countries", list(codes), f"{', '.join(named)} listed too when ROW is included"
        )
    base = _base(codes, str(_horizon(table, "installed_as_of")), groups)
    return _Spec(table, groups, codes, base)


def _build(spec: _Spec, values: Mapping[str, FloatArray], *, seed: int | None) -> ComputeScenario:
    """Assemble a scenario; ``values`` gives each table entry as an array of shape (samples,)."""
    table = spec.table
    countries = spec.countries

    def value(field_name: str, key: str) -> FloatArray:
        v = values[key]
        return v / J_PER_TWH if field_name in _TWH_FIELDS else v

    sources: dict[str, str] = {}
    world: dict[str, FloatArray] = {}
    for name, key in _WORLD_NAMES.items():
        world[name] = value(name, key)
        sources[key] = table[key].source
    named = [g for g in spec.groups if g != "rest"]
    per_country: dict[str, FloatArray] = {}
    for name, stem in _COUNTRY_NAMES.items():
        columns = []
        for k, code in enumerate(countries):
            group = code if code in named else "rest"
            key = f"{stem}.{group}"
            sources[key] = table[key].source
            column = value(name, key)
            if group == "rest" and name in _REST_AMOUNTS:
                column = column * spec.base.rest_share[k]
            columns.append(column)
        per_country[name] = np.stack(columns, axis=-1)
    # Chip shares: named groups with a demand share keep it; everyone else gets their
    # share of installed H100e, rescaled so that the world's shares sum to one.
    explicit = {
        g: values[f"{_CHIP_DEMAND_SHARE}.{g}"]
        for g in named
        if f"{_CHIP_DEMAND_SHARE}.{g}" in values
    }
    for g in explicit:
        sources[f"{_CHIP_DEMAND_SHARE}.{g}"] = table[f"{_CHIP_DEMAND_SHARE}.{g}"].source
    fixed = sum(explicit.values(), np.zeros(1))
    epoch_fixed = sum(spec.base.named_h100e_share.get(g, 0.0) for g in explicit)
    scale = (1.0 - fixed) / (1.0 - epoch_fixed) if epoch_fixed < 1.0 else np.zeros(1)
    share_columns = [
        explicit[code] if code in explicit else spec.base.h100e_share[k] * scale
        for k, code in enumerate(countries)
    ]
    n = max(a.shape[0] for a in [*world.values(), *per_country.values(), *share_columns])
    chip_share = np.stack([np.broadcast_to(c, (n,)) for c in share_columns], axis=-1)
    for name in ("base_year", "end_year", "installed_as_of", "ranking_as_of", "countries"):
        sources[f"earth.{name}"] = table[f"earth.{name}"].source
    sources["installed_power_w"] = sources["installed_h100e"] = (
        "Epoch AI GPU Clusters (shipped), installed_ai_capacity(as_of="
        f"{_horizon(table, 'installed_as_of')!r})"
    )
    sources["chip_share"] = (
        "countries with earth.chip_demand_share: that value; others: share of installed H100e "
        "in Epoch AI GPU Clusters, rescaled to sum to one"
    )
    return ComputeScenario(
        countries=countries,
        base_year=int(_horizon(table, "base_year")),
        end_year=int(_horizon(table, "end_year")),
        installed_power_w=spec.base.power_w,
        installed_h100e=spec.base.h100e,
        chip_share=chip_share,
        **world,
        **per_country,
        seed=seed,
        sources=sources,
        _spec=spec,
    )
