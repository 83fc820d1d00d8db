"""The scenario engine's inputs: one typed record, each field naming its table entry.

:class:`EngineInputs` is what :func:`terawatt.scenario.engine.run_chunk` computes with.
Like the design records (:mod:`terawatt.parameters.records`), each of its fields names
the parameter-table entry that feeds it in its metadata::

    datacenter_om_fraction: FloatArray = field(metadata={"key": "datacenter.opex.om_fraction"})

and :meth:`EngineInputs.from_mapping` reads every entry once from the sampled parameters
(:func:`terawatt.scenario.schema.sample_parameters`), each quantity broadcast to the
chunk's shape ``(n,)``. The inputs that are records of their own are built here too:

- ``satellite``: the scenario's :class:`~terawatt.space.satellite.SatelliteDesign`, from
  its own ``satellite.*`` entries and the shared ones it names (the chip, ``orbit.*``);
  each orbital shell sizes it at its altitude and local time;
- ``share_of_growth``: each Earth site's share of generation growth for new data
  centres, read from the site's entry (:func:`terawatt.earth.power.share_of_growth_entry`);
- ``moon``: the lunar industry's :class:`~terawatt.moon.industry.MoonParams` (only
  when the Moon is a site);
- ``radiation``: the radiation chain's :class:`~terawatt.space.radiation.RadiationParams`
  (``radiation.*``), with which each orbital shell takes its own dose.

Derived from the record, for the engine: :func:`size_for_shell` sizes the satellite
design for one orbital shell (per-W figures, :class:`ShellSatellite`), and
:class:`ChipTrends` holds the shared chip's figures and carries its trends year by year.

So the list of what the engine reads (:data:`ENGINE_PARAMETERS`,
:func:`engine_parameters`, which the sensitivity analysis varies) is derived from the
record and cannot drift from it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from terawatt.data.hardware import Accelerator
from terawatt.earth.power import share_of_growth_entry
from terawatt.earth.trend_window import TREND_WINDOW
from terawatt.errors import InputError
from terawatt.moon.industry import MoonParams
from terawatt.parameters.records import FIELD_KEY
from terawatt.physics.constants import LANDAUER_J_PER_BIT_K
from terawatt.physics.reliability import accelerated_failure_probability, arrhenius_acceleration
from terawatt.scenario.footprint import FootprintParams
from terawatt.scenario.sites import DEFAULT_SITES, WORLD, Shell, Sites, earth_site_factors
from terawatt.space.launch import cost_usd_per_kg_from_launch
from terawatt.space.radiation import RadiationParams
from terawatt.space.radiation_effects import (
    OrbitRadiation,
    array_degradation_with_radiation,
    combined_failure_rate,
    orbit_radiation,
)
from terawatt.space.satellite import SATELLITE_TABLE, SatelliteDesign, size_satellite
from terawatt.typing import FloatArray

__all__ = [
    "ENGINE_PARAMETERS",
    "ChipTrends",
    "EngineInputs",
    "ShellSatellite",
    "engine_parameters",
    "size_for_shell",
]


def _key(name: str) -> dict[str, str]:
    """Field metadata: the parameter-table entry a field reads."""
    return {FIELD_KEY: name}


def _design_input(value: Any) -> Any:
    """A sampled design input as the design takes it: one number where all samples agree.

    The design is then sized once for those inputs and per sample (vectorized) only for the
    inputs that vary; text and whole numbers pass as they are.
    """
    if not isinstance(value, np.ndarray):
        return value
    flat = value.reshape(-1)
    if flat.size > 1 and flat[1] != flat[0]:  # most sampled inputs vary: no full pass
        return value
    if flat.size and bool(np.all(flat == flat[0])):
        return float(flat[0])
    return value


@dataclass(frozen=True)
class EngineInputs:
    """The engine's inputs for one chunk of samples (SI; rates per Julian year).

    Build it with :meth:`from_mapping`. Text and whole-number fields are one value for the
    chunk; every quantity is a float64 array of shape ``(n,)`` (a read-only broadcast
    view); the field names carry the unit.
    """

    n: int

    # the shared chip (ground and orbit alike) and what it serves
    accelerator: str = field(metadata=_key("compute.accelerator"))
    precision: str = field(metadata=_key("compute.precision"))
    accelerator_price_usd: FloatArray = field(metadata=_key("compute.accelerator_price"))
    host_overhead: FloatArray = field(metadata=_key("compute.host_overhead"))
    host_cost_fraction: FloatArray = field(metadata=_key("compute.host_cost_fraction"))
    utilisation: FloatArray = field(metadata=_key("compute.utilisation"))
    model_parameters: FloatArray = field(metadata=_key("compute.model_parameters"))
    flop_per_watt_growth: FloatArray = field(metadata=_key("compute.flop_per_watt_growth"))
    flop_per_dollar_growth: FloatArray = field(metadata=_key("compute.flop_per_dollar_growth"))
    # physical ceiling of FLOP per joule: Landauer's k_B T ln 2 per erased bit
    bit_erasures_per_flop: FloatArray = field(metadata=_key("compute.bit_erasures_per_flop"))
    logic_temperature_k: FloatArray = field(metadata=_key("compute.logic_temperature"))
    # the world accelerator supply every site draws its new chips from [H100e per year]
    reference_accelerator: str = field(metadata=_key("compute.reference_accelerator"))
    reference_precision: str = field(metadata=_key("compute.reference_precision"))
    chip_supply_h100e_per_year: FloatArray = field(metadata=_key("earth.chip_supply"))
    chip_supply_growth: FloatArray = field(metadata=_key("earth.chip_supply_growth"))
    # permanent hardware failures: spares on the ground, lost satellites in orbit
    failure_rate: FloatArray = field(metadata=_key("compute.failure_rate"))
    # ... measured at this coolant temperature; hotter chips wear faster (Arrhenius)
    failure_reference_temperature_k: FloatArray = field(
        metadata=_key("compute.failure_reference_temperature")
    )
    activation_energy_j: FloatArray = field(metadata=_key("compute.activation_energy"))
    discount_rate: FloatArray = field(metadata=_key("finance.discount_rate"))

    # the data centre (Earth sites)
    capex_power_usd_per_w: FloatArray = field(metadata=_key("datacenter.capex.power"))
    capex_electrical_usd_per_w: FloatArray = field(metadata=_key("datacenter.capex.electrical"))
    capex_mechanical_usd_per_w: FloatArray = field(metadata=_key("datacenter.capex.mechanical"))
    capex_shell_usd_per_w: FloatArray = field(metadata=_key("datacenter.capex.shell"))
    capex_network_usd_per_w: FloatArray = field(metadata=_key("datacenter.capex.network"))
    pue: FloatArray = field(metadata=_key("datacenter.facility.pue"))
    availability: FloatArray = field(metadata=_key("datacenter.facility.availability"))
    datacenter_om_fraction: FloatArray = field(metadata=_key("datacenter.opex.om_fraction"))
    spares_overhead: FloatArray = field(metadata=_key("datacenter.opex.spares_overhead"))
    facility_life_s: FloatArray = field(metadata=_key("datacenter.life.facility"))
    chip_life_s: FloatArray = field(metadata=_key("datacenter.life.chips"))
    energy_price_usd_per_j: FloatArray = field(metadata=_key("datacenter.energy.price"))

    # the world's build-out on the ground
    facility_capex_decline: FloatArray = field(metadata=_key("ground.facility_capex_decline"))
    energy_price_growth: FloatArray = field(metadata=_key("ground.energy_price_growth"))
    ground_installed_start_w: FloatArray = field(metadata=_key("ground.installed_start"))
    ground_additions_start_w: FloatArray = field(metadata=_key("ground.additions_start"))
    ground_additions_growth: FloatArray = field(metadata=_key("ground.additions_growth"))
    world_generation_start_j: FloatArray = field(metadata=_key("ground.world_generation_start"))
    world_generation_growth: FloatArray = field(metadata=_key("ground.world_generation_growth"))

    # the orbital fleet
    specific_mass_decline: FloatArray = field(metadata=_key("orbit.specific_mass_decline"))
    array_mass_factor: FloatArray = field(metadata=_key("orbit.array_mass_factor"))
    radiator_mass_factor: FloatArray = field(metadata=_key("orbit.radiator_mass_factor"))
    platform_cost_usd_per_w: FloatArray = field(metadata=_key("orbit.platform_cost"))
    platform_cost_usd_per_kg: FloatArray = field(metadata=_key("orbit.platform_mass_cost"))
    platform_cost_decline: FloatArray = field(metadata=_key("orbit.platform_cost_decline"))
    design_life_years: FloatArray = field(metadata=_key("orbit.design_life"))
    ground_segment_usd_per_w: FloatArray = field(metadata=_key("orbit.ground_segment_cost"))
    insurance: FloatArray = field(metadata=_key("orbit.insurance"))
    # failure replacement: the serviced share (failed servers only) and its cost per W
    servicing_share: FloatArray = field(metadata=_key("orbit.servicing_share"))
    servicing_usd_per_w: FloatArray = field(metadata=_key("orbit.servicing_cost"))
    orbit_mass_start_kg: FloatArray = field(metadata=_key("orbit.mass_start"))
    orbit_mass_growth: FloatArray = field(metadata=_key("orbit.mass_growth"))
    orbit_mass_ceiling_kg: FloatArray = field(metadata=_key("orbit.mass_ceiling"))

    # the launch market
    launch_initial_cost_usd_per_kg: FloatArray = field(metadata=_key("launch.initial_cost"))
    launch_initial_cumulative_mass_kg: FloatArray = field(
        metadata=_key("launch.initial_cumulative_mass")
    )
    launch_learning_rate: FloatArray = field(metadata=_key("launch.learning_rate"))
    launch_floor_usd_per_kg: FloatArray = field(metadata=_key("launch.floor"))
    launch_payload_kg: FloatArray = field(metadata=_key("launch.payload"))
    launch_cadence_start_per_day: FloatArray = field(metadata=_key("launch.cadence_start"))
    launch_cadence_growth: FloatArray = field(metadata=_key("launch.cadence_growth"))
    launch_cadence_ceiling_per_day: FloatArray = field(metadata=_key("launch.cadence_ceiling"))
    # the rest of the world's launches, which the learning curve counts too
    launch_world_mass_kg_per_year: FloatArray = field(
        metadata=_key("launch.reference.world_upmass_2024")
    )
    launch_world_mass_year: int = field(metadata=_key("launch.world_upmass_year"))
    launch_world_mass_growth: FloatArray = field(metadata=_key("launch.world_upmass_growth"))
    launch_world_mass_ceiling_kg_per_year: FloatArray = field(
        metadata=_key("launch.world_upmass_ceiling")
    )
    # an imposed price path ("none": the learning curve sets the price)
    launch_price_path: str = field(metadata=_key("launch.price_path"))
    vehicle_cost_usd: FloatArray = field(metadata=_key("launch.bottom_up.vehicle_cost"))
    vehicle_reuses: FloatArray = field(metadata=_key("launch.bottom_up.reuses"))
    refurbishment_fraction: FloatArray = field(
        metadata=_key("launch.bottom_up.refurbishment_fraction")
    )
    propellant_cost_usd: FloatArray = field(metadata=_key("launch.bottom_up.propellant_cost"))
    operations_cost_usd: FloatArray = field(metadata=_key("launch.bottom_up.operations_cost"))
    vehicle_payload_kg: FloatArray = field(metadata=_key("launch.bottom_up.payload"))

    # records of their own (their entries: SATELLITE_ENTRIES, share_of_growth_entry,
    # MoonParams.table_names, RadiationParams.table_names)
    satellite: SatelliteDesign
    share_of_growth: dict[str, FloatArray]
    moon: MoonParams | None
    radiation: RadiationParams
    #: the generation trend window of country sites (``grid.trend_window``; read only where
    #: an Earth site is a country: the whole world's factors do not depend on it): one
    #: option for the chunk, or each sample's (a structural choice drawn per sample)
    trend_window: str | NDArray[np.str_] = "decade"

    def growth_ratio(self, country: str) -> FloatArray:
        """Each sample's generation trend of ``country`` over the world's, in its window."""
        if isinstance(self.trend_window, str):  # one window for the chunk
            return np.full(self.n, earth_site_factors(country, self.trend_window).growth_ratio)
        windows = np.broadcast_to(np.asarray(self.trend_window, dtype=str), (self.n,))
        ratio = np.empty(self.n)
        for window in np.unique(windows):
            ratio[windows == window] = earth_site_factors(country, str(window)).growth_ratio
        return ratio

    def rows(self, a: int, b: int) -> EngineInputs:
        """Samples ``a`` to ``b - 1`` of these inputs (views: nothing is read again).

        Every per-sample array (of length :attr:`n`), in the records of their own too,
        is sliced; text, whole numbers and one-value inputs are kept. The values are the
        ones :meth:`from_mapping` reads from the same samples' parameters, element by
        element (the engine's blocks of samples take their inputs so).
        """
        if not 0 <= a < b <= self.n:
            raise ValueError(f"rows {a}:{b} of {self.n} samples")
        sliced: EngineInputs = _sample_rows(self, self.n, a, b)
        return dataclasses.replace(sliced, n=b - a)

    @classmethod
    def table_keys(cls) -> dict[str, str]:
        """Field -> parameter-table entry, for every field that reads one entry."""
        return {f.name: f.metadata[FIELD_KEY] for f in dataclasses.fields(cls) if f.metadata}

    @property
    def facility_capex_usd_per_w(self) -> tuple[FloatArray, ...]:
        """The facility capex categories per W of IT power, in the design's order.

        The same entries, in the same order, as
        :data:`terawatt.earth.datacenter.FACILITY_CAPEX_ENTRIES`.
        """
        return (
            self.capex_power_usd_per_w,
            self.capex_electrical_usd_per_w,
            self.capex_mechanical_usd_per_w,
            self.capex_shell_usd_per_w,
            self.capex_network_usd_per_w,
        )

    @property
    def facility_capex_total_usd_per_w(self) -> FloatArray:
        """Facility capex per W of IT power [USD/W]: the sum of the categories.

        The same entries and the same sum as :func:`terawatt.earth.datacenter.levelized_cost`,
        so a sample at the table's central values costs what the default design costs.
        """
        return np.asarray(sum(self.facility_capex_usd_per_w, np.zeros(self.n)), dtype=np.float64)

    @property
    def launch_price_floor_usd_per_kg(self) -> FloatArray:
        """The launch price floor: ``launch.floor``, or a reused flight's cost if higher.

        The bottom-up cost of a reused flight from ``launch.bottom_up.*``
        (:func:`terawatt.space.launch.cost_usd_per_kg_from_launch`) [USD/kg].
        """
        reused_flight = cost_usd_per_kg_from_launch(
            self.vehicle_cost_usd,
            self.vehicle_reuses,
            self.refurbishment_fraction,
            self.propellant_cost_usd,
            self.operations_cost_usd,
            self.vehicle_payload_kg,
        )
        return np.maximum(self.launch_floor_usd_per_kg, reused_flight)

    @classmethod
    def from_mapping(cls, params: Mapping[str, Any], sites: Sites = DEFAULT_SITES) -> EngineInputs:
        """Read the engine's inputs for these sites from sampled parameters, each once.

        Parameters
        ----------
        params : Mapping
            Parameter name -> SI value: arrays of shape ``(n,)`` for sampled quantities,
            scalars or text for fixed ones (as
            :func:`terawatt.scenario.schema.sample_parameters` returns them); ``n`` is the
            largest array's size (1 if there is none).
        sites : Sites, optional
            The scenario's sites: which shares of growth to read, and the Moon's inputs.

        Returns
        -------
        EngineInputs

        Raises
        ------
        InputError
            For a parameter the engine reads that is missing.
        """
        missing = [name for name in engine_parameters(sites) if name not in params]
        if missing:
            raise InputError(missing[0], None, "a value (the parameter is missing)")
        n = max((v.size for v in params.values() if isinstance(v, np.ndarray)), default=1)

        def full(name: str) -> FloatArray:
            value = params[name]
            if type(value) is np.ndarray and value.dtype == np.float64 and value.shape == (n,):
                view = value.view()  # as broadcast_to gives it (~5x cheaper): read-only
                view.flags.writeable = False
                return view
            return np.broadcast_to(np.asarray(value, dtype=np.float64), (n,))

        # field annotations are strings (``from __future__ import annotations``)
        kinds = {f.name: str(f.type) for f in dataclasses.fields(cls)}
        read: dict[str, type] = {"str": str, "int": int}
        values: dict[str, Any] = {
            attr: read[kinds[attr]](params[name]) if kinds[attr] in read else full(name)
            for attr, name in cls.table_keys().items()
        }
        design = {
            attr: _design_input(params[SATELLITE_TABLE.table_key(key)])
            for key, attr in SATELLITE_TABLE.attrs.items()
        }
        return cls(
            n=n,
            **values,
            satellite=SatelliteDesign(**design, label="scenario"),
            share_of_growth={code: full(share_of_growth_entry(code)) for code in sites.earth},
            moon=MoonParams.from_mapping(params, n) if sites.moon else None,
            radiation=RadiationParams.from_mapping(params, n),
            trend_window=_window(params[TREND_WINDOW]) if _has_countries(sites) else "decade",
        )


#: The satellite's own design entries (``satellite.*``), which the orbital sites are sized
#: with (the design's shared entries, the chip and ``orbit.*``, are fields of the record).
SATELLITE_ENTRIES = tuple(
    name
    for name in map(SATELLITE_TABLE.table_key, SATELLITE_TABLE.entries)
    if name.startswith(SATELLITE_TABLE.prefix)
)

#: The parameters the engine reads whatever the sites (the table holds more: reference
#: figures and inputs of the standalone launch and fleet models).
ENGINE_PARAMETERS = (
    *EngineInputs.table_keys().values(),
    *SATELLITE_ENTRIES,
    *RadiationParams.table_names().values(),
    *FootprintParams.table_names().values(),
)


def engine_parameters(sites: Sites = DEFAULT_SITES) -> tuple[str, ...]:
    """The parameters the engine reads for these sites; sensitivity analyses vary only these.

    :data:`ENGINE_PARAMETERS`, each Earth site's share of growth and, with a Moon site,
    the ``moon.*`` entries: exactly the names :meth:`EngineInputs.from_mapping` reads.
    """
    shares = tuple(dict.fromkeys(share_of_growth_entry(code) for code in sites.earth))
    moon = tuple(MoonParams.table_names().values()) if sites.moon else ()
    window = (TREND_WINDOW,) if _has_countries(sites) else ()
    return ENGINE_PARAMETERS + shares + moon + window


def _sample_rows(value: Any, n: int, a: int, b: int) -> Any:
    """``value`` with every array of ``n`` samples sliced to ``a:b`` (records, dicts too)."""
    if isinstance(value, np.ndarray):
        return value[a:b] if value.ndim and value.shape[0] == n else value
    if isinstance(value, dict):
        return {k: _sample_rows(v, n, a, b) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _sample_rows(getattr(value, f.name), n, a, b)
            for f in dataclasses.fields(value)
            if f.init
        }
        return dataclasses.replace(value, **changes)
    return value


def _window(value: Any) -> str | NDArray[np.str_]:
    """The trend window as drawn: one option, or an array of each sample's."""
    return np.asarray(value, dtype=str) if isinstance(value, np.ndarray) else str(value)


def _has_countries(sites: Sites) -> bool:
    """Whether an Earth site is a country (its growth follows the trend window)."""
    return any(code != WORLD for code in sites.earth)


@dataclass(frozen=True)
class ShellSatellite:
    """Per-W figures of a sized satellite design in one shell (arrays over samples)."""

    fixed_mass_per_w: FloatArray  # compute (servers) per W of compute, kg/W
    falling_mass_per_w: FloatArray  # array, radiator, battery, shielding, thermal, kg/W
    overhead_fraction: FloatArray  # bus + structure share of total mass
    array_w_per_w: FloatArray  # array power at beginning of life per W of compute
    duty: FloatArray  # share of the year the compute runs
    #: the shell's radiation: total ionizing dose behind the design's shield [Gy(Si)/yr]
    dose_gy_per_year: FloatArray
    #: radiation's hazard (TID over the design life, permanent single events) [1/yr]
    radiation_failure_rate: FloatArray
    #: annual failure probability in orbit: compute.failure_rate with radiation's [1/yr]
    failure_rate: FloatArray
    #: the array's power left by radiation at the end of the design life [-]
    array_radiation_remaining: FloatArray
    #: the degradation per year the array is sized with (table's or radiation's) [1/yr]
    array_degradation_per_year: FloatArray


def size_for_shell(x: EngineInputs, shell: Shell | None = None) -> ShellSatellite:
    """Size the scenario's satellite design (``x.satellite``) for one shell and its dose.

    The design's chip is the scenario's shared ``compute.*`` (the Earth's too, like for
    like), its design life and platform costs are ``orbit.design_life``,
    ``orbit.platform_cost`` (per W of array) and ``orbit.platform_mass_cost`` (per kg of
    satellite, charged on the year's mass); the shell (if any) sets the altitude and local
    time, and the array and radiator masses are scaled by ``orbit.array_mass_factor`` and
    ``orbit.radiator_mass_factor``.

    Radiation follows the shell (:func:`terawatt.space.radiation_effects.orbit_radiation`,
    docs/radiation.md): the environment of its sun-synchronous orbit (computed once per
    altitude and process), the dose behind the design's shield
    (``satellite.shielding.specific_mass`` over ``radiation.enclosure_area``), and per
    sample

    - the failure rate in orbit: ``compute.failure_rate`` (measured on the ground, with
      coolant at ``compute.failure_reference_temperature``), its hazard scaled by
      Arrhenius' factor at the design's coolant (radiator) temperature
      (``compute.activation_energy``; :mod:`terawatt.physics.reliability`: a loop 30 K
      hotter wears chips ~10x faster at 0.7 eV), with radiation's hazard added (total dose
      over the design life, permanent single events;
      :func:`~terawatt.space.radiation_effects.combined_failure_rate`). The ground keeps
      ``compute.failure_rate`` alone: its coolant is the reference;
    - the array's end of life: the lesser of the table's degradation over the life and the
      radiation remaining power of its triple-junction cells
      (:func:`~terawatt.space.radiation_effects.array_degradation_with_radiation`: the
      table's rate already holds a radiation loss, so radiation is counted once).
    """
    design = x.satellite
    altitude = design.altitude_m if shell is None else shell.altitude_m
    rad = _shell_radiation(x, altitude)
    degradation = array_degradation_with_radiation(
        design.array_degradation_per_year, rad.array_remaining_power, x.design_life_years
    )
    design = design.replace(
        array_specific_power_w_per_kg=np.asarray(design.array_specific_power_w_per_kg)
        / x.array_mass_factor,
        radiator_areal_mass_kg_per_m2=np.asarray(design.radiator_areal_mass_kg_per_m2)
        * x.radiator_mass_factor,
        array_degradation_per_year=degradation,
    )
    if shell is not None:
        design = design.replace(altitude_m=shell.altitude_m, ltan_h=shell.ltan_h)
    budget = size_satellite(design, copy=False)  # read only here: no copies
    pc = budget.compute_power_w
    m = budget.mass_breakdown_kg
    falling = m["solar_array"] + m["radiator"] + m["thermal_transport"] + m["battery"]
    falling = falling + m["shielding"]
    overhead = np.asarray(design.bus_mass_fraction) + np.asarray(design.structure_mass_fraction)

    wear = arrhenius_acceleration(
        design.radiator_temperature_k, x.activation_energy_j, x.failure_reference_temperature_k
    )
    worn = accelerated_failure_probability(x.failure_rate, wear)

    def full(v: Any) -> FloatArray:
        """Each sample's value, contiguous: a per-sample array as it is, one value spread."""
        arr = np.asarray(v, dtype=np.float64)
        if arr.shape == (x.n,) and arr.flags.c_contiguous:
            return arr
        return np.broadcast_to(arr, (x.n,)).copy()

    return ShellSatellite(
        fixed_mass_per_w=full(m["compute"] / pc),
        falling_mass_per_w=full(falling / pc),
        overhead_fraction=full(overhead),
        array_w_per_w=full(budget.power_w / pc),
        duty=full(budget.compute_duty),
        dose_gy_per_year=full(rad.dose_gy_per_year),
        radiation_failure_rate=full(rad.added_failure_rate_per_year),
        failure_rate=full(combined_failure_rate(worn, rad.added_failure_rate_per_year)),
        array_radiation_remaining=full(rad.array_remaining_power),
        array_degradation_per_year=full(degradation),
    )


#: Most distinct altitudes a chunk may draw: each needs its own orbit environment (~1 s).
MAX_SAMPLED_ALTITUDES = 16


def _shell_radiation(x: EngineInputs, altitude_m: Any) -> OrbitRadiation:
    """The shell's radiation per sample, one orbit environment per distinct altitude."""
    heights = np.broadcast_to(np.asarray(altitude_m, dtype=np.float64), (x.n,))
    # one altitude for the chunk (a shell's, or the design's held fixed): no sort
    distinct = heights[:1].copy() if np.ndim(altitude_m) == 0 else np.unique(heights)
    if distinct.size > MAX_SAMPLED_ALTITUDES:
        raise InputError(
            "satellite.orbit.altitude",
            f"{distinct.size} values",
            f"at most {MAX_SAMPLED_ALTITUDES} distinct altitudes (each its own radiation belt "
            "average); name shells instead",
        )
    parts = [
        orbit_radiation(
            float(h),
            x.satellite.shielding_kg_per_w,
            x.accelerator,
            x.design_life_years,
            x.radiation,
        )
        for h in distinct
    ]
    if len(parts) == 1:
        return parts[0]
    index = np.searchsorted(distinct, heights)
    rows = np.arange(x.n)
    return OrbitRadiation(
        **{
            f.name: np.stack([getattr(p, f.name) for p in parts])[index, rows]
            for f in dataclasses.fields(OrbitRadiation)
        }
    )


@lru_cache(maxsize=32)
def _chip(name: str, precision: str) -> Accelerator:
    """:meth:`Accelerator.from_table`, looked up once per name and precision.

    The hardware table is read once per process (:mod:`terawatt.data`) and the record is
    frozen, so every block of every chunk can share it.
    """
    return Accelerator.from_table(name, precision)


class ChipTrends:
    """The shared chip: what it computes and costs per W, this year's and the start year's.

    FLOP per joule compounds at ``compute.flop_per_watt_growth`` up to Landauer's ceiling,
    ``1 / (compute.bit_erasures_per_flop x k_B T ln 2)`` at ``compute.logic_temperature``;
    FLOP per dollar improves with it (in the same proportion of its trend), so beyond the
    ceiling the chips' cost per W stops falling too. The world's supply of new chips
    (``earth.chip_supply`` H100e in the start year, growing at ``earth.chip_supply_growth``)
    is held as the dense FLOP/s it adds: one H100e is ``compute.reference_accelerator``'s
    throughput at ``compute.reference_precision``, scaled to ``compute.precision`` as the
    shared chip scales.
    """

    def __init__(self, x: EngineInputs) -> None:
        self.x = x
        chip = _chip(x.accelerator, x.precision)
        it_w_per_chip = chip.tdp_w * (1.0 + x.host_overhead)
        #: FLOP per joule of IT energy, start year [FLOP/J]
        self.flop_per_j0 = chip.flop_per_s / it_w_per_chip
        #: Landauer's ceiling on FLOP per joule [FLOP/J]
        self.ceiling = 1.0 / (
            x.bit_erasures_per_flop * LANDAUER_J_PER_BIT_K * x.logic_temperature_k
        )
        #: chip and server cost per W of IT power, start year [USD/W]
        price = x.accelerator_price_usd * (1.0 + x.host_cost_fraction)
        self.chips_usd_per_w0 = price / it_w_per_chip
        self.tokens_per_flop = x.utilisation / (2.0 * x.model_parameters)
        #: FLOP per joule of the trend (uncapped) and of the accelerators bought this year
        self.trend = self.flop_per_j0.copy()
        self.flop_per_j = np.minimum(self.flop_per_j0, self.ceiling)
        #: chip cost per W of the accelerators bought this year
        self.chips_per_w = self.chips_usd_per_w0.copy()
        #: dense FLOP/s of the new accelerators the world makes this year
        # one H100e is the reference chip's dense FLOP/s at the reference precision; in the
        # scenario's precision it is worth the shared chip's ratio of the two precisions
        reference = _chip(x.reference_accelerator, x.reference_precision)
        at_reference = _chip(x.accelerator, x.reference_precision)
        h100e_flop_per_s = reference.flop_per_s * chip.flop_per_s / at_reference.flop_per_s
        self.supply_flop_per_s = x.chip_supply_h100e_per_year * h100e_flop_per_s
        #: the yearly growth factors of FLOP/J, FLOP/$ and the supply (set at the first step)
        self._factors: tuple[FloatArray, FloatArray, FloatArray] | None = None
        #: log of the FLOP/J factor and where it is not 0 (set at the first capped year)
        self._log_eff: tuple[FloatArray, NDArray[np.bool_]] | None = None

    @property
    def capped(self) -> NDArray[np.bool_]:
        """Samples whose FLOP/J trend has reached the ceiling."""
        return self.trend > self.ceiling

    def next_year(self) -> None:
        """Advance the chip trends by one year (compounding, no powers in the loop).

        One compiled pass (:func:`terawatt.scenario._footprint_kernels.chip_year`, the
        NumPy lines of ``tests/scenario/test_footprint_kernels.py`` in the same order) while
        no sample's FLOP/J has reached the ceiling; once one has, the block's chip cost
        takes NumPy's logarithms and powers as those lines do. Each year's arrays are new ones (the
        sites may hold last year's).
        """
        from terawatt.scenario import _footprint_kernels as kernels  # noqa: PLC0415 (numba)

        x, n = self.x, self.x.n
        if self._factors is None:  # the growth factors, the same every year
            self._factors = (
                _contiguous(1.0 + x.flop_per_watt_growth, n),
                _contiguous(1.0 + x.flop_per_dollar_growth, n),
                _contiguous(1.0 + x.chip_supply_growth, n),
            )
        eff, dollar, supply_factor = self._factors
        trend, flop_per_j, chips_per_w, supply = (np.empty(n) for _ in range(4))
        ceiling = _contiguous(self.ceiling, n)
        capped = kernels.chip_year(
            _contiguous(self.trend, n),
            ceiling,
            eff,
            dollar,
            _contiguous(self.chips_per_w, n),
            _contiguous(self.supply_flop_per_s, n),
            supply_factor,
            trend,
            flop_per_j,
            chips_per_w,
            supply,
        )
        if capped:
            # the year's realized gain in FLOP/J, and the same share (in log) of FLOP/$'s:
            # the logarithm and the power in NumPy, between compiled passes
            if self._log_eff is None:  # np.log(eff) and where it is not 0, as every year
                log_eff = np.log(eff)
                self._log_eff = (log_eff, np.abs(log_eff) > 0.0)
            log_eff, grows = self._log_eff
            realized, share = np.empty(n), np.empty(n)
            last = _contiguous(self.flop_per_j, n)
            kernels.chip_realized(trend, ceiling, flop_per_j, last, eff, realized)
            kernels.chip_share(trend, ceiling, np.log(realized), log_eff, grows, share)
            chips_per_w = self.chips_per_w * realized / dollar**share
        self.trend, self.flop_per_j = trend, flop_per_j
        self.chips_per_w, self.supply_flop_per_s = chips_per_w, supply


def _contiguous(values: Any, n: int) -> FloatArray:
    """``values`` as a contiguous float64 array of ``(n,)`` (no copy if it is one)."""
    return np.ascontiguousarray(np.broadcast_to(np.asarray(values, dtype=np.float64), (n,)))
