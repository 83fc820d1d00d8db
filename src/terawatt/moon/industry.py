r"""Lunar industry as a growing system: factories, satellites, imports, the mass driver.

One step is one year; every array has shape ``(n,)`` over Monte Carlo samples.

One year
--------
Before ``moon.start_year`` everything is zero. In the first year of production a seed
factory of mass :math:`F_0` lands from Earth (counted as imported mass). In a year that
starts with factory mass :math:`F`:

1. the factories can make :math:`G = p F` kg of lunar-made product (``moon.productivity``
   :math:`p`, kg per kg of factory per year);
2. a share :math:`r` (``moon.reinvest_fraction``) becomes new factory, whose lunar share is
   :math:`c_f` (``moon.factory_lunar_fraction``): the new factory weighs :math:`r G / c_f`
   and :math:`r G (1/c_f - 1)` of it is imported;
3. the rest, :math:`(1 - r) G`, becomes satellites whose lunar share is
   :math:`c_s = \min(c_{s,0}, 1 - s\,\mu_c)`: the requested share ``moon.satellite_lunar_fraction``
   capped by the chips, which come from Earth (:math:`s` W/kg of AI power per kg of satellite,
   :math:`\mu_c` kg of electronics per W); satellites weigh :math:`S = (1 - r) G / c_s`;
4. imports cannot exceed what Earth can land that year. Landings ramp up from
   :math:`I_0` at a growth :math:`g` (``moon.import_capacity_start``,
   ``moon.import_capacity_growth``), and they fly on the world's launch market: the mass
   launched to low Earth orbit for the Moon, :math:`m` kg per kg landed
   (``moon.import_cost_multiplier``), is at most a share :math:`\lambda`
   (``moon.launch_share``) of the year's launch capacity :math:`C` (cadence times payload)
   and no more than the other payloads left unused, :math:`C - U`:
   :math:`I_\max = \min(I_0 (1 + g)^{t - t_0},\ \min(\lambda C,\ C - U) / m)`.
   If the imports the plan needs exceed it, factory additions, satellites and the
   lunar-made product used are all scaled down by :math:`I_\max / I` (lunar capacity then
   idles);
5. the factories and the driver cannot use more electricity than their arrays make from
   the sunlight they may collect: arrays on a share :math:`a` of the lunar surface
   (``moon.array_surface_share``) collect on average :math:`a\,S\,\pi R^2` (the surface
   averages a quarter of the solar constant :math:`S` over its area :math:`4 \pi R^2`);
   a plan that needs more is scaled down likewise (sunlight-limited);
6. the factory wears at a rate :math:`w`: :math:`F' = F (1 - w) + \text{additions}`;
7. the driver throws the satellites at its exit velocity (:mod:`terawatt.physics.massdriver`);
   AI power added is :math:`s S`; a share :math:`f` of the installed power fails each year
   and a share :math:`1/L` retires (mean life :math:`L`), both annual shares as
   ``compute.failure_rate``: :math:`P' = P (1 - f)(1 - 1/L) + s S`.

Energy: the factories use ``moon.factory_energy`` per kg of lunar-made product used; the
driver uses the electrical energy per kg thrown (bucket included). Money appears only at
the boundary with Earth: imported mass at the year's launch price to low Earth orbit times
``moon.import_cost_multiplier`` (the mass launched per kg landed), and the chips at
``chips_usd_per_w``. Lunar-made mass costs watts and tonnes, not dollars (the seed's premise).

Factory doubling time is reported from the year's growth, :math:`\ln 2 / \ln(F'/F)`.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from terawatt.errors import InputError
from terawatt.parameters.table import shipped_table
from terawatt.physics.constants import (
    JULIAN_YEAR_S,
    MOON_MEAN_RADIUS_M,
    SOLAR_CONSTANT_IAU2015_W_M2,
)
from terawatt.physics.massdriver import size_mass_driver
from terawatt.typing import ArrayLike, FloatArray, as_float

__all__ = [
    "MOON_DISC_SUNLIGHT_W",
    "YEAR_FIELDS",
    "MoonParams",
    "MoonState",
    "MoonYear",
    "chip_mass_fraction",
    "initial_state",
    "satellite_lunar_share",
    "simulate",
    "step",
    "sunlight_ceiling_w",
]


#: Sunlight the Moon's disc intercepts at 1 au, :math:`S \pi R^2` [W] (IAU 2015 solar
#: constant, IAU mean lunar radius): also the mean sunlight on its whole surface.
MOON_DISC_SUNLIGHT_W = SOLAR_CONSTANT_IAU2015_W_M2 * math.pi * MOON_MEAN_RADIUS_M**2


def _entry(name: str) -> dict[str, str]:
    """Field metadata: the parameter-table entry a field reads."""
    return {"table": name}


@dataclass(frozen=True)
class MoonParams:
    """Parameters of the lunar industry, each an array of shape ``(n,)`` (SI; per year).

    Build it with :meth:`from_mapping` from sampled scenario parameters; field names carry
    the unit, and each field's metadata names its ``moon.*`` entry of the parameter table
    (:meth:`table_names`), where its meaning, bounds, default and source are.
    """

    start_year: FloatArray = field(metadata=_entry("moon.start_year"))
    seed_factory_mass_kg: FloatArray = field(metadata=_entry("moon.seed_factory_mass"))
    productivity_per_year: FloatArray = field(metadata=_entry("moon.productivity"))
    reinvest_fraction: FloatArray = field(metadata=_entry("moon.reinvest_fraction"))
    factory_lunar_fraction: FloatArray = field(metadata=_entry("moon.factory_lunar_fraction"))
    factory_wear_per_year: FloatArray = field(metadata=_entry("moon.factory_wear"))
    factory_energy_j_per_kg: FloatArray = field(metadata=_entry("moon.factory_energy"))
    satellite_lunar_fraction: FloatArray = field(metadata=_entry("moon.satellite_lunar_fraction"))
    chip_mass_kg_per_w: FloatArray = field(metadata=_entry("moon.chip_mass_per_power"))
    satellite_specific_power_w_per_kg: FloatArray = field(
        metadata=_entry("moon.satellite_specific_power")
    )
    satellite_failure_rate_per_year: FloatArray = field(metadata=_entry("compute.failure_rate"))
    satellite_life_years: FloatArray = field(metadata=_entry("moon.satellite_life"))
    driver_velocity_m_s: FloatArray = field(metadata=_entry("moon.driver_velocity"))
    driver_acceleration_m_s2: FloatArray = field(metadata=_entry("moon.driver_acceleration"))
    driver_efficiency: FloatArray = field(metadata=_entry("moon.driver_efficiency"))
    bucket_mass_ratio: FloatArray = field(metadata=_entry("moon.bucket_mass_ratio"))
    bucket_recovery: FloatArray = field(metadata=_entry("moon.bucket_recovery"))
    payload_per_shot_kg: FloatArray = field(metadata=_entry("moon.payload_per_shot"))
    cell_efficiency: FloatArray = field(metadata=_entry("moon.cell_efficiency"))
    illumination_fraction: FloatArray = field(metadata=_entry("moon.illumination_fraction"))
    storage_efficiency: FloatArray = field(metadata=_entry("moon.storage_efficiency"))
    regolith_yield: FloatArray = field(metadata=_entry("moon.regolith_yield"))
    import_cost_multiplier: FloatArray = field(metadata=_entry("moon.import_cost_multiplier"))
    import_capacity_start_kg_per_year: FloatArray = field(
        metadata=_entry("moon.import_capacity_start")
    )
    import_capacity_growth_per_year: FloatArray = field(
        metadata=_entry("moon.import_capacity_growth")
    )
    launch_share: FloatArray = field(metadata=_entry("moon.launch_share"))
    array_surface_share: FloatArray = field(metadata=_entry("moon.array_surface_share"))

    @classmethod
    def table_names(cls) -> dict[str, str]:
        """Field -> parameter-table entry, for every field."""
        return {f.name: f.metadata["table"] for f in dataclasses.fields(cls)}

    @property
    def n(self) -> int:
        """Number of samples."""
        return int(self.start_year.shape[0])

    @classmethod
    def from_mapping(cls, params: Mapping[str, Any], n: int) -> MoonParams:
        """Read the ``moon.*`` parameters from a mapping of sampled values.

        Parameters
        ----------
        params : Mapping
            Parameter name -> value (scalar or array of shape ``(n,)``), as from
            :func:`terawatt.scenario.schema.sample_parameters`.
        n : int
            Number of samples, >= 1.

        Returns
        -------
        MoonParams
            Every field a float64 array of shape ``(n,)``.

        Raises
        ------
        InputError
            For a missing parameter, a value of the wrong shape or outside its range.
        """
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise InputError("n", n, "a whole number of samples >= 1")
        values: dict[str, FloatArray] = {}
        for name, key in cls.table_names().items():
            if key not in params:
                raise InputError(key, None, "a value (the parameter is missing)")
            try:
                arr = np.broadcast_to(np.asarray(params[key], dtype=np.float64), (n,)).copy()
            except (TypeError, ValueError) as exc:
                raise InputError(key, params[key], f"a number or an array of {n} numbers") from exc
            shipped_table()[key].check(arr)
            values[name] = arr
        return cls(**values)

    def replace(self, **changes: ArrayLike) -> MoonParams:
        """A copy with some fields changed (broadcast to ``(n,)`` and checked)."""
        new: dict[str, FloatArray] = {}
        names = self.table_names()
        for name, value in changes.items():
            if name not in names:
                raise InputError(name, value, f"one of {', '.join(names)}")
            arr = np.broadcast_to(np.asarray(value, dtype=np.float64), (self.n,)).copy()
            shipped_table()[names[name]].check(arr)
            new[name] = arr
        return dataclasses.replace(self, **new)


@dataclass(frozen=True)
class MoonState:
    """State of the lunar industry at the start of a year (arrays ``(n,)``).

    Attributes
    ----------
    factory_mass_kg : FloatArray
        Factory mass in operation [kg].
    ai_power_installed_w : FloatArray
        AI power of lunar-made satellites in service [W].
    started : FloatArray
        1.0 once the seed factory has landed, else 0.0.
    cumulative_satellite_mass_kg : FloatArray
        Satellite mass thrown so far [kg].
    cumulative_imported_mass_kg : FloatArray
        Mass landed from Earth so far [kg].
    """

    factory_mass_kg: FloatArray
    ai_power_installed_w: FloatArray
    started: FloatArray
    cumulative_satellite_mass_kg: FloatArray
    cumulative_imported_mass_kg: FloatArray


@dataclass(frozen=True)
class MoonYear:
    """One year of the lunar industry (arrays ``(n,)``; zero before the start year).

    Attributes
    ----------
    year : int
        Calendar year.
    factory_mass_kg : FloatArray
        Factory mass at the end of the year [kg].
    factory_added_kg : FloatArray
        Factory mass added (seed included in the first year) [kg].
    factory_scrapped_kg : FloatArray
        Factory mass worn out [kg].
    lunar_made_kg : FloatArray
        Lunar-made product used (into factory and satellites) [kg].
    satellite_mass_kg : FloatArray
        Satellite mass made and thrown this year [kg].
    imported_mass_kg : FloatArray
        Mass landed from Earth (seed, factory parts, chips and other satellite parts) [kg].
    import_capacity_kg : FloatArray
        What Earth could land this year: the landing ramp, bounded by the launch market [kg].
    leo_mass_kg : FloatArray
        Mass launched to low Earth orbit for the imports (propellant and landers) [kg].
    import_limited : FloatArray
        1.0 where the import capacity limited production, else 0.0.
    sunlight_ceiling_w : FloatArray
        Mean sunlight the industry's arrays may collect (0 before the start) [W].
    sunlight_limited : FloatArray
        1.0 where that sunlight limited production, else 0.0.
    regolith_mined_kg, tailings_kg : FloatArray
        Regolith dug and what of it was discarded [kg].
    ai_power_added_w : FloatArray
        AI power of the satellites thrown [W].
    ai_power_installed_w : FloatArray
        AI power of lunar-made satellites in service at the end of the year [W].
    factory_energy_j, driver_energy_j, electrical_energy_j : FloatArray
        Electrical energy of the factories, the driver and both [J].
    kinetic_energy_j : FloatArray
        Kinetic energy the thrown satellites leave the driver with [J].
    array_output_j : FloatArray
        Electrical energy the arrays produce (storage losses included) [J].
    solar_energy_in_j : FloatArray
        Sunlight on the arrays that produces it [J].
    mean_electrical_power_w, driver_mean_power_w : FloatArray
        Year-mean electrical power of everything / of the driver [W].
    driver_throughput_kg_s, driver_shots_per_s, driver_length_m, driver_peak_power_w : FloatArray
        The driver sized for this year's throughput.
    factory_doubling_time_years : FloatArray
        ln 2 / ln(F_end / F_start) [yr] (inf when not growing, NaN before the start).
    import_cost_usd : FloatArray
        Imported mass at the price delivered to the Moon [USD].
    capex_usd : FloatArray
        import_cost_usd plus the chips of the year's satellites [USD].
    cost_usd_per_w : FloatArray
        Capital cost per W of a lunar-made satellite this year: its imported mass and its
        chips [USD/W] (NaN before the start year).
    """

    year: int
    factory_mass_kg: FloatArray
    factory_added_kg: FloatArray
    factory_scrapped_kg: FloatArray
    lunar_made_kg: FloatArray
    satellite_mass_kg: FloatArray
    imported_mass_kg: FloatArray
    import_capacity_kg: FloatArray
    leo_mass_kg: FloatArray
    import_limited: FloatArray
    sunlight_ceiling_w: FloatArray
    sunlight_limited: FloatArray
    regolith_mined_kg: FloatArray
    tailings_kg: FloatArray
    ai_power_added_w: FloatArray
    ai_power_installed_w: FloatArray
    factory_energy_j: FloatArray
    driver_energy_j: FloatArray
    electrical_energy_j: FloatArray
    kinetic_energy_j: FloatArray
    array_output_j: FloatArray
    solar_energy_in_j: FloatArray
    mean_electrical_power_w: FloatArray
    driver_mean_power_w: FloatArray
    driver_throughput_kg_s: FloatArray
    driver_shots_per_s: FloatArray
    driver_length_m: FloatArray
    driver_peak_power_w: FloatArray
    factory_doubling_time_years: FloatArray
    import_cost_usd: FloatArray
    capex_usd: FloatArray
    cost_usd_per_w: FloatArray


#: MoonYear fields that are arrays (every field but ``year``).
YEAR_FIELDS = tuple(f.name for f in dataclasses.fields(MoonYear) if f.name != "year")


def initial_state(p: MoonParams) -> MoonState:
    """The state before the first year: no factory, nothing in service.

    Parameters
    ----------
    p : MoonParams
        Parameters (fixes the number of samples).

    Returns
    -------
    MoonState
        All zeros, shape ``(n,)``.
    """
    z = np.zeros(p.n)
    return MoonState(z, z.copy(), z.copy(), z.copy(), z.copy())


def chip_mass_fraction(p: MoonParams) -> FloatArray:
    r"""Share of a satellite's mass that is chips, imported from Earth.

    Parameters
    ----------
    p : MoonParams
        Parameters.

    Returns
    -------
    FloatArray
        :math:`s\,\mu_c`: AI power per kg of satellite times chip mass per W [-].
    """
    return as_float(p.satellite_specific_power_w_per_kg * p.chip_mass_kg_per_w)


def satellite_lunar_share(p: MoonParams) -> FloatArray:
    r"""Lunar share of a satellite's mass: the requested share, capped by the imported chips.

    Parameters
    ----------
    p : MoonParams
        Parameters.

    Returns
    -------
    FloatArray
        :math:`\\min(c_{s,0},\\ 1 - s \\mu_c)`, clipped at 0 [-].
    """
    chips = chip_mass_fraction(p)
    return as_float(np.clip(np.minimum(p.satellite_lunar_fraction, 1.0 - chips), 0.0, 1.0))


def driver_energy_per_kg_j(p: MoonParams) -> FloatArray:
    """Electrical energy the driver uses per kg of satellite thrown, bucket included [J/kg]."""
    v = p.driver_velocity_m_s
    ek = 0.5 * v * v
    return as_float(
        ek * (1.0 + p.bucket_mass_ratio * (1.0 - p.bucket_recovery)) / p.driver_efficiency
    )


def _safe_div(num: FloatArray, den: FloatArray) -> FloatArray:
    """Num / den, 0 where den is 0."""
    return as_float(np.divide(num, den, out=np.zeros_like(num), where=den > 0.0))


def sunlight_ceiling_w(p: MoonParams) -> FloatArray:
    r"""Mean sunlight the industry's arrays may collect [W].

    Arrays on a share :math:`a` of the lunar surface collect on average
    :math:`a\,S\,\pi R^2` (:data:`MOON_DISC_SUNLIGHT_W`): the surface, :math:`4 \pi R^2`,
    averages a quarter of the solar constant.

    Parameters
    ----------
    p : MoonParams
        Parameters.

    Returns
    -------
    FloatArray
        ``moon.array_surface_share`` times :data:`MOON_DISC_SUNLIGHT_W` [W].
    """
    return as_float(p.array_surface_share * MOON_DISC_SUNLIGHT_W)


def _array_output_per_electrical(p: MoonParams) -> FloatArray:
    """Array output per J of electricity used: the night is carried by storage [-]."""
    f, eta_s = p.illumination_fraction, p.storage_efficiency
    return as_float(f + (1.0 - f) / eta_s)


def _plan(
    p: MoonParams, factory: FloatArray, capacity: FloatArray, seed: FloatArray
) -> dict[str, FloatArray]:
    """Production, imports and the import and sunlight limits for a year, on a factory mass."""
    g = p.productivity_per_year * factory
    to_factory = p.reinvest_fraction * g
    share = satellite_lunar_share(p)
    # with no lunar share left for satellites (chips weigh it all) that product is not made;
    # shares below 1e-9 count as none (a satellite a billion times its lunar part is no plan)
    share = np.where(share >= 1e-9, share, 0.0)
    to_satellites = np.where(share > 0.0, g - to_factory, 0.0)
    g = to_factory + to_satellites
    satellites = _safe_div(to_satellites, share)
    import_factory = to_factory * (1.0 / p.factory_lunar_fraction - 1.0)
    import_satellites = satellites - to_satellites
    demand = import_factory + import_satellites
    room = np.maximum(capacity - seed, 0.0)
    import_limited = demand > room
    scale = np.divide(room, demand, out=np.ones_like(demand), where=import_limited)
    # the electricity the plan needs, and what the arrays' share of sunlight can make
    energy = g * p.factory_energy_j_per_kg + satellites * driver_energy_per_kg_j(p)
    energy_max = (
        sunlight_ceiling_w(p) * JULIAN_YEAR_S * p.cell_efficiency / _array_output_per_electrical(p)
    )
    sunlight_limited = energy * scale > energy_max
    scale = np.divide(energy_max, energy, out=scale, where=sunlight_limited)
    return {
        "lunar_made": g * scale,
        "factory_added": (to_factory + import_factory) * scale,
        "satellites": satellites * scale,
        "imports": demand * scale + seed,
        "limited": import_limited.astype(np.float64),
        "sunlight_limited": sunlight_limited.astype(np.float64),
    }


def step(
    p: MoonParams,
    s: MoonState,
    year: int,
    *,
    import_cost_usd_per_kg: ArrayLike,
    chips_usd_per_w: ArrayLike,
    launch_capacity_kg: ArrayLike,
    launch_used_kg: ArrayLike = 0.0,
) -> tuple[MoonYear, MoonState]:
    """One year of the lunar industry, for every sample at once.

    Parameters
    ----------
    p : MoonParams
        Parameters, arrays ``(n,)``.
    s : MoonState
        State at the start of ``year``.
    year : int
        Calendar year.
    import_cost_usd_per_kg : array_like
        Launch price to low Earth orbit this year [USD/kg], shape ``(n,)`` or scalar; the
        price delivered to the Moon is this times ``moon.import_cost_multiplier``.
    chips_usd_per_w : array_like
        Cost of accelerators and servers per W of AI power bought this year [USD/W].
    launch_capacity_kg : array_like
        The world's launch capacity to low Earth orbit this year (cadence times payload)
        [kg]; the Moon's imports may take ``moon.launch_share`` of it.
    launch_used_kg : array_like, optional
        What other payloads launch this year [kg]; the Moon flies on what they leave.

    Returns
    -------
    (MoonYear, MoonState)
        The year's flows and the state at its end.
    """
    n = p.n
    price = np.broadcast_to(as_float(import_cost_usd_per_kg), (n,))
    chips = np.broadcast_to(as_float(chips_usd_per_w), (n,))
    active = year >= np.floor(p.start_year)
    first = active & (s.started == 0.0)
    seed = np.where(first, p.seed_factory_mass_kg, 0.0)
    factory = s.factory_mass_kg + seed
    years_on = np.maximum(year - np.floor(p.start_year), 0.0)
    ramp = (
        p.import_capacity_start_kg_per_year * (1.0 + p.import_capacity_growth_per_year) ** years_on
    )
    world = np.broadcast_to(as_float(launch_capacity_kg), (n,))
    left = np.maximum(world - np.broadcast_to(as_float(launch_used_kg), (n,)), 0.0)
    leo_room = np.minimum(p.launch_share * world, left)
    capacity = np.where(active, np.minimum(ramp, leo_room / p.import_cost_multiplier), 0.0)
    plan = _plan(p, np.where(active, factory, 0.0), capacity, seed)
    scrapped = p.factory_wear_per_year * factory
    factory_end = factory - scrapped + plan["factory_added"]
    added_total = plan["factory_added"] + seed
    sats = plan["satellites"]
    lunar_made = plan["lunar_made"]
    regolith = lunar_made / p.regolith_yield

    ai_added = sats * p.satellite_specific_power_w_per_kg
    # annual shares, as compute.failure_rate: a share f fails and 1/L retires each year
    survival = 1.0 - p.satellite_failure_rate_per_year
    decay = survival * np.maximum(1.0 - 1.0 / p.satellite_life_years, 0.0)
    installed = s.ai_power_installed_w * decay + ai_added

    e_factory = lunar_made * p.factory_energy_j_per_kg
    e_driver = sats * driver_energy_per_kg_j(p)
    e_el = e_factory + e_driver
    array_out = e_el * _array_output_per_electrical(p)
    throughput = sats / JULIAN_YEAR_S
    driver = size_mass_driver(
        p.driver_velocity_m_s,
        p.driver_acceleration_m_s2,
        throughput,
        p.driver_efficiency,
        p.payload_per_shot_kg,
        bucket_mass_ratio=p.bucket_mass_ratio,
        bucket_recovery=p.bucket_recovery,
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = np.log(factory_end / factory)
        doubling = np.where(growth > 0.0, math.log(2.0) / growth, np.inf)
    delivered = price * p.import_cost_multiplier
    import_cost = plan["imports"] * delivered
    share = satellite_lunar_share(p)
    cost_per_w = (1.0 - share) * delivered / p.satellite_specific_power_w_per_kg + chips

    year_out = MoonYear(
        year=year,
        factory_mass_kg=as_float(factory_end),
        factory_added_kg=as_float(added_total),
        factory_scrapped_kg=as_float(scrapped),
        lunar_made_kg=as_float(lunar_made),
        satellite_mass_kg=as_float(sats),
        imported_mass_kg=as_float(plan["imports"]),
        import_capacity_kg=as_float(capacity),
        leo_mass_kg=as_float(plan["imports"] * p.import_cost_multiplier),
        import_limited=as_float(plan["limited"] * active),
        sunlight_ceiling_w=as_float(np.where(active, sunlight_ceiling_w(p), 0.0)),
        sunlight_limited=as_float(plan["sunlight_limited"] * active),
        regolith_mined_kg=as_float(regolith),
        tailings_kg=as_float(regolith - lunar_made),
        ai_power_added_w=as_float(ai_added),
        ai_power_installed_w=as_float(installed),
        factory_energy_j=as_float(e_factory),
        driver_energy_j=as_float(e_driver),
        electrical_energy_j=as_float(e_el),
        kinetic_energy_j=as_float(sats * 0.5 * p.driver_velocity_m_s**2),
        array_output_j=as_float(array_out),
        solar_energy_in_j=as_float(array_out / p.cell_efficiency),
        mean_electrical_power_w=as_float(e_el / JULIAN_YEAR_S),
        driver_mean_power_w=as_float(e_driver / JULIAN_YEAR_S),
        driver_throughput_kg_s=as_float(throughput),
        driver_shots_per_s=driver.shots_per_s,
        driver_length_m=as_float(np.where(active, driver.length_m, 0.0)),
        driver_peak_power_w=as_float(np.where(sats > 0.0, driver.shot_power_w, 0.0)),
        factory_doubling_time_years=as_float(np.where(active, doubling, np.nan)),
        import_cost_usd=as_float(import_cost),
        capex_usd=as_float(import_cost + chips * ai_added),
        cost_usd_per_w=as_float(np.where(active, cost_per_w, np.nan)),
    )
    state = MoonState(
        factory_mass_kg=as_float(factory_end),
        ai_power_installed_w=as_float(installed),
        started=as_float(np.where(active, 1.0, s.started)),
        cumulative_satellite_mass_kg=as_float(s.cumulative_satellite_mass_kg + sats),
        cumulative_imported_mass_kg=as_float(s.cumulative_imported_mass_kg + plan["imports"]),
    )
    return year_out, state


def simulate(
    p: MoonParams,
    years: np.ndarray[Any, np.dtype[Any]],
    *,
    import_cost_usd_per_kg: ArrayLike,
    chips_usd_per_w: ArrayLike,
    launch_capacity_kg: ArrayLike,
    launch_used_kg: ArrayLike = 0.0,
) -> dict[str, FloatArray]:
    """Run :func:`step` over consecutive years.

    Parameters
    ----------
    p : MoonParams
        Parameters, arrays ``(n,)``.
    years : ndarray of int
        Consecutive calendar years, shape ``(T,)``.
    import_cost_usd_per_kg, chips_usd_per_w, launch_capacity_kg, launch_used_kg : array_like
        Per year: shape ``(n, T)``, ``(T,)`` or a scalar (see :func:`step`).

    Returns
    -------
    dict
        Every :class:`MoonYear` array field -> array ``(n, T)``, plus ``"year"`` -> ``(T,)``.

    Raises
    ------
    InputError
        If the years are not consecutive or a price array does not fit ``(n, T)``.
    """
    yrs = np.asarray(years, dtype=np.int64).reshape(-1)
    if yrs.size and np.any(np.diff(yrs) != 1):
        raise InputError("years", yrs.tolist(), "consecutive calendar years")
    n, t = p.n, yrs.size
    prices = _per_year("import_cost_usd_per_kg", import_cost_usd_per_kg, n, t)
    chips = _per_year("chips_usd_per_w", chips_usd_per_w, n, t)
    capacity = _per_year("launch_capacity_kg", launch_capacity_kg, n, t)
    used = _per_year("launch_used_kg", launch_used_kg, n, t)
    out: dict[str, FloatArray] = {name: np.zeros((n, t)) for name in YEAR_FIELDS}
    state = initial_state(p)
    for j, year in enumerate(yrs):
        flows, state = step(
            p,
            state,
            int(year),
            import_cost_usd_per_kg=prices[:, j],
            chips_usd_per_w=chips[:, j],
            launch_capacity_kg=capacity[:, j],
            launch_used_kg=used[:, j],
        )
        for name in YEAR_FIELDS:
            out[name][:, j] = getattr(flows, name)
    out["year"] = yrs.astype(np.float64)
    return out


def _per_year(field: str, x: ArrayLike, n: int, t: int) -> FloatArray:
    """Broadcast a price to ``(n, T)``: a scalar, a ``(T,)`` series or an ``(n, T)`` array."""
    arr = as_float(x)
    try:
        if arr.ndim == 1 and arr.shape[0] == t:
            return as_float(np.broadcast_to(arr[None, :], (n, t)))
        return as_float(np.broadcast_to(arr, (n, t)))
    except ValueError as exc:
        raise InputError(
            field, f"array of shape {arr.shape}", f"a scalar, ({t},) or ({n}, {t})"
        ) from exc
