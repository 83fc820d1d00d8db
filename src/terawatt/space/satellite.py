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
5. All electrical power ends as heat: the radiator rejects ``P_L`` at its
   temperature against sunlight, albedo and Earth infrared on both faces of a
   panel that is edge-on to the Sun and vertical to the Earth below.
6. Bus (avionics, attitude, propulsion, communications) and structure are
   fractions of the total mass: ``M = M_eq / (1 - f_bus,m - f_struct)``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from terawatt.errors import InputError
from terawatt.parameters import Parameter
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
    "SATELLITE_PARAMETERS",
    "SatelliteBudget",
    "SatelliteDesign",
    "earth_view_factor_vertical_plate",
    "size_satellite",
]

EclipseStrategy = Literal["battery", "throttle"]


@dataclass(frozen=True)
class SatelliteDesign:
    """Inputs of one satellite design (or of many: any numeric field may be an array).

    Every field is SI (W, kg, m, s, K, USD); fractions are plain numbers in [0, 1].
    :data:`SATELLITE_PARAMETERS` documents each one with its user-facing key and
    unit; presets with sources are in ``terawatt/data/satellite_presets.yaml``.
    """

    accelerator: str
    precision: str
    accelerator_price_usd: ArrayLike
    compute_power_w: ArrayLike
    host_overhead: ArrayLike
    compute_specific_mass_kg_per_w: ArrayLike
    host_cost_fraction: ArrayLike
    utilisation: ArrayLike
    model_parameters: ArrayLike
    altitude_m: ArrayLike
    ltan_h: ArrayLike
    year: int
    cell_efficiency: ArrayLike
    packing_factor: ArrayLike
    array_specific_power_w_per_kg: ArrayLike
    array_degradation_per_year: ArrayLike
    conversion_efficiency: ArrayLike
    bus_load_fraction: ArrayLike
    eclipse_strategy: EclipseStrategy
    battery_specific_energy_j_per_kg: ArrayLike
    battery_depth_of_discharge: ArrayLike
    battery_round_trip_efficiency: ArrayLike
    radiator_temperature_k: ArrayLike
    radiator_emissivity: ArrayLike
    radiator_solar_absorptivity: ArrayLike
    radiator_sun_fraction: ArrayLike
    radiator_areal_mass_kg_per_m2: ArrayLike
    thermal_transport_kg_per_w: ArrayLike
    shielding_kg_per_w: ArrayLike
    bus_mass_fraction: ArrayLike
    structure_mass_fraction: ArrayLike
    lifetime_s: ArrayLike
    platform_cost_usd_per_w: ArrayLike
    label: str = ""
    """Where the design came from (a preset name, a file), for tables and JSON."""

    def replace(self, **changes: Any) -> SatelliteDesign:
        """Return a copy with some fields changed (``design.replace(altitude_m=1.2e6)``)."""
        return dataclasses.replace(self, **changes)


def _p(
    key: str,
    attr: str,
    unit: str,
    display: str,
    description: str,
    interval: str = "(-inf, inf)",
    kind: Any = "quantity",
    choices: tuple[str, ...] = (),
) -> Parameter:
    """Declare a parameter; ``interval`` is written as in mathematics, e.g. ``"(0, 1]"``."""
    lo_text, hi_text = (t.strip() for t in interval[1:-1].split(","))
    lo = None if lo_text == "-inf" else float(lo_text)
    hi = None if hi_text == "inf" else float(hi_text)
    low_open = interval[0] == "(" and lo is not None
    return Parameter(key, attr, unit, display, description, kind, (lo, hi), choices, low_open)


#: Every satellite input: dotted key, design attribute, SI unit, display unit, meaning, bounds.
SATELLITE_PARAMETERS: tuple[Parameter, ...] = (
    _p(
        "compute.accelerator",
        "accelerator",
        "",
        "",
        "accelerator name in Epoch AI's table",
        kind="text",
    ),
    _p(
        "compute.precision",
        "precision",
        "",
        "",
        "number format the FLOP ceiling is read at",
        kind="text",
        choices=("fp64", "fp32", "tf32", "bf16", "fp16", "fp8", "fp4", "int8"),
    ),
    _p(
        "compute.accelerator_price",
        "accelerator_price_usd",
        "USD",
        "USD",
        "price of one accelerator",
        "[0, inf)",
    ),
    _p(
        "compute.power",
        "compute_power_w",
        "W",
        "kW",
        "IT load: accelerators plus host (CPUs, memory, network)",
        "(0, inf)",
    ),
    _p(
        "compute.host_overhead",
        "host_overhead",
        "",
        "",
        "host CPUs, memory and network per W of accelerator TDP",
        "[0, inf)",
    ),
    _p(
        "compute.specific_mass",
        "compute_specific_mass_kg_per_w",
        "kg/W",
        "kg/kW",
        "mass of servers, boards and cold plates per W of IT load",
        "[0, inf)",
    ),
    _p(
        "compute.host_cost_fraction",
        "host_cost_fraction",
        "",
        "",
        "server cost on top of the accelerators, as a fraction of their price",
        "[0, inf)",
    ),
    _p(
        "compute.utilisation", "utilisation", "", "", "achieved share of the FLOP ceiling", "(0, 1]"
    ),
    _p(
        "compute.model_parameters",
        "model_parameters",
        "",
        "",
        "parameters of the served model (2 N FLOP per token)",
        "[1, inf)",
    ),
    _p("orbit.altitude", "altitude_m", "m", "km", "circular orbit altitude", "[1e5, 5.9e6]"),
    _p(
        "orbit.ltan",
        "ltan_h",
        "hour",
        "h",
        "local time of the ascending node, '18:00' = dawn-dusk",
        kind="clock",
    ),
    _p(
        "orbit.year",
        "year",
        "",
        "",
        "calendar year for the Sun's geometry",
        "[1950, 2100]",
        kind="integer",
    ),
    _p("array.cell_efficiency", "cell_efficiency", "", "", "solar cell efficiency (AM0)", "(0, 1]"),
    _p(
        "array.packing_factor",
        "packing_factor",
        "",
        "",
        "share of array area covered by cells",
        "(0, 1]",
    ),
    _p(
        "array.specific_power",
        "array_specific_power_w_per_kg",
        "W/kg",
        "W/kg",
        "array power per array mass, beginning of life at 1361 W/m^2",
        "(0, inf)",
    ),
    _p(
        "array.degradation",
        "array_degradation_per_year",
        "1/year_julian",
        "1/year_julian",
        "loss of array power per year",
        "[0, 0.99]",
    ),
    _p(
        "power.conversion_efficiency",
        "conversion_efficiency",
        "",
        "",
        "power conditioning and distribution efficiency",
        "(0, 1]",
    ),
    _p(
        "power.bus_load_fraction",
        "bus_load_fraction",
        "",
        "",
        "housekeeping load (attitude, pumps, radios) per W of compute",
        "[0, inf)",
    ),
    _p(
        "power.eclipse",
        "eclipse_strategy",
        "",
        "",
        "ride through eclipses on a battery or throttle compute in shadow",
        kind="text",
        choices=("battery", "throttle"),
    ),
    _p(
        "battery.specific_energy",
        "battery_specific_energy_j_per_kg",
        "J/kg",
        "W*h/kg",
        "battery pack specific energy",
        "(0, inf)",
    ),
    _p(
        "battery.depth_of_discharge",
        "battery_depth_of_discharge",
        "",
        "",
        "usable share of battery capacity",
        "(0, 1]",
    ),
    _p(
        "battery.round_trip_efficiency",
        "battery_round_trip_efficiency",
        "",
        "",
        "energy out per energy in",
        "(0, 1]",
    ),
    _p(
        "radiator.temperature",
        "radiator_temperature_k",
        "K",
        "K",
        "radiating surface temperature",
        "(0, inf)",
    ),
    _p("radiator.emissivity", "radiator_emissivity", "", "", "infrared emissivity", "(0, 1]"),
    _p(
        "radiator.solar_absorptivity",
        "radiator_solar_absorptivity",
        "",
        "",
        "solar absorptivity of the coating",
        "[0, 1]",
    ),
    _p(
        "radiator.sun_fraction",
        "radiator_sun_fraction",
        "",
        "",
        "cosine of the Sun's incidence on one face (0 = edge-on)",
        "[0, 1]",
    ),
    _p(
        "radiator.areal_mass",
        "radiator_areal_mass_kg_per_m2",
        "kg/m^2",
        "kg/m^2",
        "radiator mass per panel area",
        "[0, inf)",
    ),
    _p(
        "thermal.transport_specific_mass",
        "thermal_transport_kg_per_w",
        "kg/W",
        "kg/kW",
        "pumped loop, piping and fluid per W of heat",
        "[0, inf)",
    ),
    _p(
        "shielding.specific_mass",
        "shielding_kg_per_w",
        "kg/W",
        "kg/kW",
        "radiation shielding per W of IT load",
        "[0, inf)",
    ),
    _p(
        "bus.mass_fraction",
        "bus_mass_fraction",
        "",
        "",
        "avionics, attitude control, propulsion, radios as share of total mass",
        "[0, 0.9]",
    ),
    _p(
        "structure.mass_fraction",
        "structure_mass_fraction",
        "",
        "",
        "primary and secondary structure as share of total mass",
        "[0, 0.9]",
    ),
    _p("life.lifetime", "lifetime_s", "s", "year_julian", "design life", "[1, inf)"),
    _p(
        "cost.platform",
        "platform_cost_usd_per_w",
        "USD/W",
        "USD/W",
        "satellite cost excluding compute, per W of beginning-of-life array power",
        "[0, inf)",
    ),
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


def _check_design(d: SatelliteDesign) -> None:
    """Check every numeric field against its declared bounds (array-aware)."""
    for p in SATELLITE_PARAMETERS:
        if p.kind != "quantity":
            continue
        values = as_float(getattr(d, p.attr))
        if not np.all(np.isfinite(values)):
            raise InputError(p.key, getattr(d, p.attr), "finite numbers")
        for bound, worst in ((p.bounds[0], values.min()), (p.bounds[1], values.max())):
            if bound is not None:
                p.check(float(worst))
    if np.any(as_float(d.bus_mass_fraction) + as_float(d.structure_mass_fraction) >= 1.0):
        raise InputError(
            "bus.mass_fraction + structure.mass_fraction",
            (d.bus_mass_fraction, d.structure_mass_fraction),
            "a sum below 1 (they are shares of the total mass)",
        )
    if d.eclipse_strategy not in ("battery", "throttle"):
        raise InputError("power.eclipse", d.eclipse_strategy, "'battery' or 'throttle'")


def size_satellite(design: SatelliteDesign) -> SatelliteBudget:
    """Size an AI satellite (or an array of design samples) from physics.

    Parameters
    ----------
    design : SatelliteDesign
        Inputs in SI units; numeric fields broadcast against each other.

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
    shape = np.broadcast_shapes(
        *(np.shape(getattr(d, p.attr)) for p in SATELLITE_PARAMETERS if p.kind == "quantity")
    )

    def full(x: ArrayLike) -> FloatArray:
        """Every output gets the shape of the design samples."""
        return np.broadcast_to(as_float(x), shape).astype(np.float64)

    chip = compute.Accelerator.from_table(d.accelerator, d.precision)
    p_c = as_float(d.compute_power_w)

    # 1. compute and electrical load
    n_acc = compute.accelerators_for_power(p_c, chip.tdp_w, d.host_overhead, whole=False)
    p_load = p_c * (1.0 + as_float(d.bus_load_fraction)) / as_float(d.conversion_efficiency)

    # 2. sunlight: the worst orbit's eclipse share sizes the battery and its recharge
    sun = sunlight.sunlight_stats(d.altitude_m, d.ltan_h, d.year)
    period = orbit.period_s(d.altitude_m)
    f_e = np.clip(sun.max_eclipse_s / period, 0.0, 0.999)
    rt = as_float(d.battery_round_trip_efficiency)
    if d.eclipse_strategy == "battery":
        p_array_eol = p_load * (1.0 + f_e / ((1.0 - f_e) * rt))
        battery_j = p_load * sun.max_eclipse_s / (as_float(d.battery_depth_of_discharge) * rt)
        duty = np.ones_like(f_e)
    else:
        p_array_eol = p_load * np.ones_like(f_e)
        battery_j = np.zeros_like(f_e)
        duty = as_float(sun.sunlit_fraction)

    # 3. solar array: sized for end of life at aphelion, weighed at beginning of life
    years = as_float(d.lifetime_s) / JULIAN_YEAR_S
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

    # 4. heat: all electrical power ends as heat on the radiator (both faces see the Earth)
    f_earth = earth_view_factor_vertical_plate(d.altitude_m)
    flux = thermal.radiator_net_flux_w_per_m2(
        d.radiator_temperature_k,
        d.radiator_emissivity,
        faces=2,
        solar_absorptivity=d.radiator_solar_absorptivity,
        solar_flux_w_per_m2=as_float(d.radiator_sun_fraction) * SOLAR_CONSTANT_IAU2015_W_M2,
        earth_view_factor=2.0 * f_earth,
        albedo=EARTH_ALBEDO_MEAN * as_float(d.radiator_sun_fraction),
        earth_temperature_k=EARTH_EFFECTIVE_TEMPERATURE_K,
    )
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
        "platform": p_bol * as_float(d.platform_cost_usd_per_w),
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
