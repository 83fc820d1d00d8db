"""The AI satellite: size a solar-powered compute satellite from physics.

Layer 2 and 3 in pvlib's sense: :class:`SatelliteDesign` holds the inputs (SI
floats or numpy arrays, so one call sizes a million design samples) and
:func:`size_satellite` composes the physics functions into a
:class:`SatelliteBudget`: array, radiator, battery, shielding, bus and structure
masses that sum to the total, the satellite's specific power, its token output,
energy delivered and unit cost.

The sizing chain
----------------
1. Compute load ``P_c`` feeds ``N = P_c / (TDP (1 + f_host))`` accelerators (kept
   fractional, so budgets vary smoothly over design samples).
2. Electrical load ``P_L = P_c (1 + f_bus) / eta_pmad`` (housekeeping and power
   conversion on top of compute).
3. Eclipses: with a battery, the array also recharges what the worst orbit's
   eclipse drew, ``P_arr = P_L (1 + f_e / ((1 - f_e) eta_rt))``; throttled, the
   compute stops in shadow and ``P_arr = P_L``.
4. The array is sized for end of life at aphelion irradiance; its mass follows
   from beginning-of-life power at 1361 W/m^2 and the array's specific power.
5. All electrical power ends as heat: the radiator rejects ``P_L`` against sunlight,
   albedo and Earth infrared on both faces of a panel that is edge-on to the Sun and
   vertical to the Earth below, and against the solar array's infrared on the face that
   sees the array (``radiator.array_view_factor``). Its coolant runs at
   ``radiator.temperature``; the face sheets are colder by the coolant-to-surface drop at
   the tubes and colder still between tubes, as straight radiating fins
   (:func:`terawatt.physics.thermal.radiating_fin_efficiency`):
   ``q = eta 2 eps sigma (T - dT)^4 - q_abs`` per panel area (docs/thermal.md).
6. Bus (avionics, attitude, propulsion, communications) and structure are
   fractions of the total mass: ``M = M_eq / (1 - f_bus,m - f_struct)``.
7. Cost (launch excluded): the chips ``N p (1 + f_hc)`` and the platform, a part per W
   of array and a part per kg of satellite, ``P_BOL c_W + M c_kg`` (``orbit.platform_cost``,
   ``orbit.platform_mass_cost``), so a lighter design costs less.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from terawatt.data.hardware import Accelerator
from terawatt.errors import InputError
from terawatt.parameters.records import RecordTable
from terawatt.physics import compute, orbit, solar, sunlight, thermal
from terawatt.physics.constants import (
    EARTH_ALBEDO_MEAN,
    EARTH_EFFECTIVE_TEMPERATURE_K,
    EARTH_EQUATORIAL_RADIUS_WGS84_M,
    EARTH_ORBIT_ECCENTRICITY,
    JULIAN_YEAR_S,
    SOLAR_CONSTANT_IAU2015_W_M2,
)
from terawatt.typing import ArrayLike, FloatArray, as_float

__all__ = [
    "SATELLITE_TABLE",
    "SHARED_KEYS",
    "SatelliteBudget",
    "SatelliteDesign",
    "earth_view_factor_vertical_plate",
    "radiator_absorbed_w_per_m2",
    "size_satellite",
]

EclipseStrategy = Literal["battery", "throttle"]


@dataclass(frozen=True)
class SatelliteDesign:
    """Inputs of one satellite design (or of many: any numeric field may be an array).

    Every field is SI (W, kg, m, K, USD; the design life in Julian years); fractions are
    plain numbers in [0, 1]. Each field names its entry of the parameter table in its
    metadata, which declares the key people write, the unit, bounds, default and source
    (:data:`SATELLITE_TABLE`): ``satellite.`` + the key for the satellite's own inputs; the
    shared entries under their own names (the chip, ``compute.accelerator`` ...
    ``compute.model_parameters``, shared with the data centre; ``orbit.platform_cost``,
    ``orbit.platform_mass_cost`` and ``orbit.design_life``, which the scenario engine's
    orbital site reads too), whose central
    value a point design takes. Presets override the defaults by name
    (``terawatt/data/satellite_presets.yaml``).
    """

    accelerator: str = field(metadata={"key": "compute.accelerator"})
    precision: str = field(metadata={"key": "compute.precision"})
    accelerator_price_usd: ArrayLike = field(metadata={"key": "compute.accelerator_price"})
    compute_power_w: ArrayLike = field(metadata={"key": "compute.power"})
    host_overhead: ArrayLike = field(metadata={"key": "compute.host_overhead"})
    compute_specific_mass_kg_per_w: ArrayLike = field(metadata={"key": "compute.specific_mass"})
    host_cost_fraction: ArrayLike = field(metadata={"key": "compute.host_cost_fraction"})
    utilisation: ArrayLike = field(metadata={"key": "compute.utilisation"})
    model_parameters: ArrayLike = field(metadata={"key": "compute.model_parameters"})
    altitude_m: ArrayLike = field(metadata={"key": "orbit.altitude"})
    ltan_h: ArrayLike = field(metadata={"key": "orbit.ltan"})
    year: int = field(metadata={"key": "orbit.year"})
    array_technology: str = field(metadata={"key": "array.technology"})
    cell_efficiency: ArrayLike = field(metadata={"key": "array.cell_efficiency"})
    packing_factor: ArrayLike = field(metadata={"key": "array.packing_factor"})
    array_specific_power_w_per_kg: ArrayLike = field(metadata={"key": "array.specific_power"})
    array_degradation_per_year: ArrayLike = field(metadata={"key": "array.degradation"})
    conversion_efficiency: ArrayLike = field(metadata={"key": "power.conversion_efficiency"})
    bus_load_fraction: ArrayLike = field(metadata={"key": "power.bus_load_fraction"})
    #: one strategy, or each sample's (an array of them: a run of several design presets)
    eclipse_strategy: EclipseStrategy | NDArray[np.str_] = field(metadata={"key": "power.eclipse"})
    battery_specific_energy_j_per_kg: ArrayLike = field(metadata={"key": "battery.specific_energy"})
    battery_depth_of_discharge: ArrayLike = field(metadata={"key": "battery.depth_of_discharge"})
    battery_round_trip_efficiency: ArrayLike = field(
        metadata={"key": "battery.round_trip_efficiency"}
    )
    radiator_temperature_k: ArrayLike = field(metadata={"key": "radiator.temperature"})
    radiator_emissivity: ArrayLike = field(metadata={"key": "radiator.emissivity"})
    radiator_solar_absorptivity: ArrayLike = field(metadata={"key": "radiator.solar_absorptivity"})
    radiator_sun_fraction: ArrayLike = field(metadata={"key": "radiator.sun_fraction"})
    radiator_areal_mass_kg_per_m2: ArrayLike = field(metadata={"key": "radiator.areal_mass"})
    radiator_root_drop_k: ArrayLike = field(metadata={"key": "radiator.root_temperature_drop"})
    radiator_fin_half_width_m: ArrayLike = field(metadata={"key": "radiator.fin_half_width"})
    radiator_face_sheet_m: ArrayLike = field(metadata={"key": "radiator.face_sheet_thickness"})
    radiator_face_sheet_conductivity_w_per_m_k: ArrayLike = field(
        metadata={"key": "radiator.face_sheet_conductivity"}
    )
    radiator_array_view_factor: ArrayLike = field(metadata={"key": "radiator.array_view_factor"})
    array_temperature_k: ArrayLike = field(metadata={"key": "array.operating_temperature"})
    array_back_emissivity: ArrayLike = field(metadata={"key": "array.back_emissivity"})
    thermal_transport_kg_per_w: ArrayLike = field(
        metadata={"key": "thermal.transport_specific_mass"}
    )
    thermal_specific_heat_j_per_kg_k: ArrayLike = field(metadata={"key": "thermal.specific_heat"})
    chip_temperature_rise_k: ArrayLike = field(metadata={"key": "thermal.chip_temperature_rise"})
    chip_temperature_limit_k: ArrayLike = field(metadata={"key": "thermal.chip_temperature_limit"})
    shielding_kg_per_w: ArrayLike = field(metadata={"key": "shielding.specific_mass"})
    bus_mass_fraction: ArrayLike = field(metadata={"key": "bus.mass_fraction"})
    structure_mass_fraction: ArrayLike = field(metadata={"key": "structure.mass_fraction"})
    design_life_years: ArrayLike = field(metadata={"key": "orbit.design_life"})
    platform_cost_usd_per_w: ArrayLike = field(metadata={"key": "orbit.platform_cost"})
    platform_cost_usd_per_kg: ArrayLike = field(metadata={"key": "orbit.platform_mass_cost"})
    label: str = ""
    """Where the design came from (a preset name, a file), for tables and JSON."""

    def replace(self, **changes: Any) -> SatelliteDesign:
        """Return a copy with some fields changed (``design.replace(altitude_m=1.2e6)``)."""
        return dataclasses.replace(self, **changes)


#: The shared table entries the satellite reads under their own names: the chip (shared
#: with the data centre) and the platform costs and design life (shared with the scenario
#: engine's orbital site).
SHARED_KEYS = (
    "compute.accelerator",
    "compute.precision",
    "compute.accelerator_price",
    "compute.host_overhead",
    "compute.host_cost_fraction",
    "compute.utilisation",
    "compute.model_parameters",
    "orbit.platform_cost",
    "orbit.platform_mass_cost",
    "orbit.design_life",
)

#: The satellite's inputs in the parameter table (``satellite.*`` and :data:`SHARED_KEYS`),
#: their presets (``terawatt/data/satellite_presets.yaml``) and the record they fill.
SATELLITE_TABLE: RecordTable[SatelliteDesign] = RecordTable(
    SatelliteDesign,
    "satellite.",
    "satellite_presets.yaml",
    "today",
    clock=("orbit.ltan",),
    shared=SHARED_KEYS,
)


@dataclass(frozen=True)
class SatelliteBudget:
    """Mass, power, thermal and output budget of sized satellite design(s).

    All arrays broadcast to the shape of the design's numeric inputs. Units are in
    the names; ``mass_breakdown_kg`` sums exactly to ``mass_kg``.
    """

    design: SatelliteDesign
    accelerators: FloatArray
    compute_power_w: FloatArray
    electrical_load_w: FloatArray
    power_w: FloatArray
    end_of_life_power_w: FloatArray
    solar_array_area_m2: FloatArray
    radiator_area_m2: FloatArray
    radiator_net_flux_w_per_m2: FloatArray
    radiator_fin_efficiency: FloatArray
    radiator_surface_temperature_k: FloatArray
    radiator_absorbed_w_per_m2: FloatArray
    chip_temperature_k: FloatArray
    heat_rejected_w: FloatArray
    battery_energy_j: FloatArray
    mass_breakdown_kg: dict[str, FloatArray]
    mass_kg: FloatArray
    specific_power_w_per_kg: FloatArray
    compute_specific_power_w_per_kg: FloatArray
    sunlit_fraction: FloatArray
    max_eclipse_s: FloatArray
    compute_duty: FloatArray
    flop_per_s: FloatArray
    tokens_per_s: FloatArray
    annual_compute_energy_j: FloatArray
    annual_tokens: FloatArray
    cost_breakdown_usd: dict[str, FloatArray]
    unit_cost_usd: FloatArray

    def scalars(self) -> dict[str, Any]:
        """The budget as plain Python numbers (for a single design; arrays become lists)."""

        def plain(x: FloatArray) -> Any:
            return x.item() if x.ndim == 0 else x.tolist()

        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if f.name == "design":
                continue
            if isinstance(value, dict):
                out[f.name] = {k: plain(v) for k, v in value.items()}
            else:
                out[f.name] = plain(value)
        return out


def earth_view_factor_vertical_plate(altitude_m: ArrayLike) -> FloatArray:
    r"""View factor from one face of a vertical plate (normal horizontal) to the Earth.

    Parameters
    ----------
    altitude_m : array_like
        Altitude above the spherical Earth [m].

    Returns
    -------
    numpy.ndarray
        View factor [-]; 0.5 at the surface, ~0.24 at 650 km.

    Notes
    -----
    For a differential plate whose normal is perpendicular to the direction of the
    Earth's centre, with :math:`\sin\rho = R/(R+h)`,

    .. math:: F = \frac{\rho - \sin\rho\cos\rho}{\pi}.

    References
    ----------
    Howell, Mengüç & Siegel, *Thermal Radiation Heat Transfer*, 6th ed., view-factor
    catalogue, differential planar element to sphere (element tilted 90°).
    """
    h = as_float(altitude_m)
    rho = np.arcsin(EARTH_EQUATORIAL_RADIUS_WGS84_M / (EARTH_EQUATORIAL_RADIUS_WGS84_M + h))
    return np.asarray((rho - np.sin(rho) * np.cos(rho)) / np.pi, dtype=np.float64)


def radiator_absorbed_w_per_m2(design: SatelliteDesign, *, sunlit: bool) -> FloatArray:
    r"""Environmental heat a radiator panel absorbs per panel area, both faces [W/m²].

    Parameters
    ----------
    design : SatelliteDesign
        The design (altitude, coatings, the radiator's view of its array).
    sunlit : bool
        In sunlight: sunlight on the panel (``radiator.sun_fraction``), albedo, Earth
        infrared and the array's infrared. In the Earth's shadow: Earth infrared only, and
        the array's infrared at the array's eclipse temperature (radiative equilibrium with
        the Earth's infrared, :math:`T_E F_E^{1/4}`, reached within minutes by a thin array).

    Returns
    -------
    FloatArray
        :math:`q_\mathrm{abs} = lpha_s S s (1 + a s F) + arepsilon F\,\sigma T_E^4
        + arepsilonarepsilon_a F_a \sigma T_a^4`, with :math:`s` the sun fraction,
        :math:`F = 2F_E` the two faces' view of the Earth (vertical plate) and
        :math:`F_a` one face's view of the array's back (grey surfaces, one reflection
        neglected).

    References
    ----------
    Gilmore, Spacecraft Thermal Control Handbook, Vol. 1, 2nd ed. (2002), ch. 2 (orbital
    heat loads) and ch. 6 (radiator backloading by nearby surfaces).
    """
    d = design
    f_earth = earth_view_factor_vertical_plate(d.altitude_m)
    sun = as_float(d.radiator_sun_fraction) if sunlit else np.zeros(())
    eps = as_float(d.radiator_emissivity)
    environment = thermal.absorbed_flux_w_per_m2(
        eps,
        solar_absorptivity=d.radiator_solar_absorptivity,
        solar_flux_w_per_m2=sun * SOLAR_CONSTANT_IAU2015_W_M2,
        earth_view_factor=2.0 * f_earth,
        albedo=EARTH_ALBEDO_MEAN * sun,
        earth_temperature_k=EARTH_EFFECTIVE_TEMPERATURE_K,
    )
    t_array = (
        as_float(d.array_temperature_k)
        if sunlit
        else EARTH_EFFECTIVE_TEMPERATURE_K * f_earth**0.25 * np.ones(())
    )
    array_ir = (
        eps
        * as_float(d.array_back_emissivity)
        * as_float(d.radiator_array_view_factor)
        * thermal.blackbody_flux_w_per_m2(t_array)
    )
    return as_float(environment + array_ir)


def _check_design(d: SatelliteDesign) -> None:
    """Check every numeric field against its declared bounds (array-aware)."""
    SATELLITE_TABLE.check(d)
    if np.any(as_float(d.bus_mass_fraction) + as_float(d.structure_mass_fraction) >= 1.0):
        raise InputError(
            "bus.mass_fraction + structure.mass_fraction",
            (d.bus_mass_fraction, d.structure_mass_fraction),
            "a sum below 1 (they are shares of the total mass)",
        )
    modes = np.asarray(d.eclipse_strategy)
    if modes.dtype.kind not in "UO" or not np.isin(modes, ("battery", "throttle")).all():
        raise InputError("power.eclipse", d.eclipse_strategy, "'battery' or 'throttle'")


def _eclipse_power(
    d: SatelliteDesign, p_load: Any, f_e: Any, t_e: Any, sunlit: Any
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Array power at end of life, battery energy and compute duty for the eclipse strategy.

    With a battery the array also recharges it in sunlight, ``P_arr = P_L (1 + f_e / ((1 -
    f_e) eta_rt))``, and the battery carries the longest eclipse ``t_e`` at its depth of
    discharge; throttled, the compute pauses in shadow (duty = the sunlit share). An array
    of strategies sizes each sample with its own.
    """
    rt = as_float(d.battery_round_trip_efficiency)
    battery = np.asarray(d.eclipse_strategy) == "battery"
    if battery.ndim:  # each sample's own strategy (samples of several design presets)
        p_array_eol = np.where(battery, p_load * (1.0 + f_e / ((1.0 - f_e) * rt)), p_load)
        dod = as_float(d.battery_depth_of_discharge)
        battery_j = np.where(battery, p_load * t_e / (dod * rt), 0.0)
        duty = np.where(battery, 1.0, as_float(sunlit))
    elif battery:
        p_array_eol = p_load * (1.0 + f_e / ((1.0 - f_e) * rt))
        battery_j = p_load * t_e / (as_float(d.battery_depth_of_discharge) * rt)
        duty = np.ones_like(f_e)
    else:
        p_array_eol = p_load * np.ones_like(f_e)
        battery_j = np.zeros_like(f_e)
        duty = as_float(sunlit)
    return p_array_eol, battery_j, duty


def size_satellite(design: SatelliteDesign, *, copy: bool = True) -> SatelliteBudget:
    """Size an AI satellite (or an array of design samples) from physics.

    Parameters
    ----------
    design : SatelliteDesign
        Inputs in SI units; numeric fields broadcast against each other.
    copy : bool, optional
        Whether every output is an array of its own (default), or a read-only view of
        the value computed (spread to the samples' shape) where that needs no new array:
        the same numbers, without ~35 copies of the samples (what the scenario engine
        asks for, :func:`terawatt.scenario.inputs.size_for_shell`, which only reads them).

    Returns
    -------
    SatelliteBudget
        Masses, areas, power, heat, output and cost; see the module docstring for
        the chain of equations and ``docs/model.md`` for their sources.

    Raises
    ------
    InputError
        If an input lies outside its physical bounds.
    """
    d = design
    _check_design(d)
    shape = SATELLITE_TABLE.shape(d)

    def full(x: ArrayLike) -> FloatArray:
        """Every output gets the shape of the design samples."""
        spread = np.broadcast_to(as_float(x), shape)
        return spread.astype(np.float64) if copy else spread

    chip = Accelerator.from_table(d.accelerator, d.precision)
    p_c = as_float(d.compute_power_w)

    # 1. compute and electrical load
    n_acc = compute.accelerators_for_power(p_c, chip.tdp_w, d.host_overhead, whole=False)
    p_load = p_c * (1.0 + as_float(d.bus_load_fraction)) / as_float(d.conversion_efficiency)

    # 2. sunlight: the worst orbit's eclipse share sizes the battery and its recharge
    sun = sunlight.sunlight_stats(d.altitude_m, d.ltan_h, d.year)
    period = orbit.period_s(d.altitude_m)
    f_e = np.clip(sun.max_eclipse_s / period, 0.0, 0.999)
    p_array_eol, battery_j, duty = _eclipse_power(
        d, p_load, f_e, sun.max_eclipse_s, sun.sunlit_fraction
    )

    # 3. solar array: sized for end of life at aphelion, weighed at beginning of life
    years = as_float(d.design_life_years)
    s_min = SOLAR_CONSTANT_IAU2015_W_M2 / (1.0 + EARTH_ORBIT_ECCENTRICITY) ** 2
    area = solar.array_area_m2(
        p_array_eol,
        d.cell_efficiency,
        packing_factor=d.packing_factor,
        irradiance_w_per_m2=s_min,
        degradation_per_year=d.array_degradation_per_year,
        years=years,
    )
    p_bol = solar.array_power_w(area, d.cell_efficiency, packing_factor=d.packing_factor)
    m_array = solar.array_mass_kg(p_bol, d.array_specific_power_w_per_kg)

    # 4. heat: all electrical power ends as heat on the radiator (both faces see the Earth,
    #    one face the back of the solar array); the face sheets are fins fed by the tubes
    eps = as_float(d.radiator_emissivity)
    t_root = as_float(d.radiator_temperature_k) - as_float(d.radiator_root_drop_k)
    if np.any(t_root <= 0.0):
        raise InputError(
            "radiator.root_temperature_drop",
            d.radiator_root_drop_k,
            "a drop below the radiator's coolant temperature",
        )
    fin = thermal.radiating_fin_efficiency(
        thermal.radiating_fin_profile_number(
            t_root,
            eps,
            d.radiator_fin_half_width_m,
            d.radiator_face_sheet_m,
            d.radiator_face_sheet_conductivity_w_per_m_k,
        )
    )
    absorbed = radiator_absorbed_w_per_m2(d, sunlit=True)
    flux = fin * 2.0 * eps * thermal.blackbody_flux_w_per_m2(t_root) - absorbed
    area_rad = thermal.radiator_area_m2(p_load, flux)

    # 5. masses: equipment, then bus and structure as shares of the total
    equipment = {
        "compute": p_c * as_float(d.compute_specific_mass_kg_per_w),
        "solar_array": m_array,
        "radiator": thermal.radiator_mass_kg(area_rad, d.radiator_areal_mass_kg_per_m2),
        "thermal_transport": p_load * as_float(d.thermal_transport_kg_per_w),
        "battery": battery_j / as_float(d.battery_specific_energy_j_per_kg),
        "shielding": p_c * as_float(d.shielding_kg_per_w),
    }
    m_eq = sum(equipment.values(), np.zeros(()))
    f_bus, f_struct = as_float(d.bus_mass_fraction), as_float(d.structure_mass_fraction)
    total = m_eq / (1.0 - f_bus - f_struct)
    breakdown = {**equipment, "bus": total * f_bus, "structure": total * f_struct}

    # 6. output and cost
    flops = n_acc * chip.flop_per_s
    tok = compute.tokens_per_s(flops, d.model_parameters, d.utilisation)
    energy = p_c * duty * JULIAN_YEAR_S
    costs = {
        "accelerators": n_acc
        * as_float(d.accelerator_price_usd)
        * (1 + as_float(d.host_cost_fraction)),
        # per W of array (arrays, power electronics) and per kg of satellite (bus, structure)
        "platform": p_bol * as_float(d.platform_cost_usd_per_w)
        + total * as_float(d.platform_cost_usd_per_kg),
    }
    return SatelliteBudget(
        design=d,
        accelerators=full(n_acc),
        compute_power_w=full(p_c),
        electrical_load_w=full(p_load),
        power_w=full(p_bol),
        end_of_life_power_w=full(p_array_eol),
        solar_array_area_m2=full(area),
        radiator_area_m2=full(area_rad),
        radiator_net_flux_w_per_m2=full(flux),
        radiator_fin_efficiency=full(fin),
        radiator_surface_temperature_k=full(t_root),
        radiator_absorbed_w_per_m2=full(absorbed),
        chip_temperature_k=full(
            as_float(d.radiator_temperature_k) + as_float(d.chip_temperature_rise_k)
        ),
        heat_rejected_w=full(p_load),
        battery_energy_j=full(battery_j),
        mass_breakdown_kg={k: full(v) for k, v in breakdown.items()},
        mass_kg=full(total),
        specific_power_w_per_kg=full(p_bol / total),
        compute_specific_power_w_per_kg=full(p_c / total),
        sunlit_fraction=full(sun.sunlit_fraction),
        max_eclipse_s=full(sun.max_eclipse_s),
        compute_duty=full(duty),
        flop_per_s=full(flops),
        tokens_per_s=full(tok),
        annual_compute_energy_j=full(energy),
        annual_tokens=full(tok * duty * JULIAN_YEAR_S),
        cost_breakdown_usd={k: full(v) for k, v in costs.items()},
        unit_cost_usd=full(costs["accelerators"] + costs["platform"]),
    )
