r"""Power and heat of a sized AI satellite through its orbits: battery, radiator and chips.

:func:`size_satellite` sizes a design for steady states: the array for the worst
orbit's recharge, the battery for its longest eclipse, the radiator for full load in
sunlight. :func:`orbit_transient` steps a sized design (or many: every quantity is an
array over the design samples) through one or more orbits of a chosen eclipse, the
longest of the year by default, and shows whether it survives: the battery's state of
charge, the radiator's and the chips' temperatures, and how much compute it throttles.

The model (docs/thermal.md)
---------------------------
* **Sunlight.** A circular orbit of period ``P`` with one eclipse of duration ``t_e``
  centred on orbit midnight (``P/2``); each step is credited with its exact share of
  sunlight, so the eclipse edges need not fall on steps. The array gives its end-of-life
  power at aphelion (the sizing point, ``budget.end_of_life_power_w``) in sunlight and
  nothing in shadow.
* **Power.** Compute runs at a fraction ``u`` of its power; the housekeeping bus is never
  throttled. Load ``(u P_c + f_bus P_c)/eta_pmad``. A battery design draws what the array
  does not give from the battery (all losses on the charge side, round-trip efficiency
  ``eta_rt``, as the sizing counts them) down to its floor ``1 - DoD``, and throttles
  compute below that; surplus sunlight recharges it, and what it cannot take is
  curtailed. A throttling design (no battery) runs only on the array: in shadow
  everything, bus included, is off, as the sizing assumes.
* **Heat.** One lumped node holds the radiator, its coolant loop and cold plates, with
  heat capacity ``C = (m_radiator + m_thermal_transport) c`` (``thermal.specific_heat``;
  the servers' own mass is left out, so swings are overstated, not understated). Heat
  in: the load (every electrical watt ends as heat) and the environment absorbed
  (sunlight, albedo, Earth infrared and the array's infrared in sunlight; Earth infrared
  and the cold array in shadow, :func:`~terawatt.space.satellite.radiator_absorbed_w_per_m2`).
  Heat out: :math:`K (T - \Delta)^4`, ``K = 2 eps eta sigma A`` with the sizing's fin
  efficiency ``eta`` (held fixed: it changes by under 1 % over the swings here) and the
  coolant-to-surface drop :math:`\Delta`. The step is the linearized backward Euler of
  :func:`terawatt.physics.thermal.radiator_temperature_step`: stable for any step, and the
  step is chosen for accuracy at no more than 1/20 of the node's time constant ``C/G``
  and 1/720 of the orbit.
* **Chips.** The die runs ``thermal.chip_temperature_rise`` above the node at full power,
  in proportion to ``u``; when the die would pass ``thermal.chip_temperature_limit``,
  compute throttles to the fraction that keeps it at the limit (decided at the start of
  each step).

Energy balance. Over the run, the array's energy plus the absorbed environment equals
the heat radiated plus the change stored (battery and node) plus the charge losses plus
the curtailed (unused, including throttled) array energy. The radiated heat of the
balance is integrated independently of the scheme (trapezoidal rule over the
temperatures), so :attr:`OrbitTransient.energy_balance_error` measures the time
discretization (tests: below 1e-4 at the default step).

References
----------
Gilmore, D. G. (ed.), *Spacecraft Thermal Control Handbook*, Vol. 1, 2nd ed. (2002),
ch. 2, 6 and 15; Wertz & Larson, *Space Mission Analysis and Design*, 3rd ed. (1999),
sec. 11.4 (power: battery depth of discharge and recharge); eclipse geometry as in
:mod:`terawatt.physics.sunlight`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from terawatt.errors import InputError
from terawatt.physics import orbit, sunlight, thermal
from terawatt.physics.constants import STEFAN_BOLTZMANN_W_M2_K4
from terawatt.space.satellite import SatelliteBudget, radiator_absorbed_w_per_m2
from terawatt.typing import FloatArray, as_float

__all__ = [
    "MIN_STEPS_PER_ORBIT",
    "OrbitTransient",
    "orbit_transient",
    "worst_day_transient",
]

#: Fewest steps per orbit (~8 s at 650 km).
MIN_STEPS_PER_ORBIT = 720
#: Steps per time constant C/G of the radiator node, at least.
STEPS_PER_TIME_CONSTANT = 20
#: Most steps per orbit (a bound on run time for tiny thermal masses).
MAX_STEPS_PER_ORBIT = 20_000
_DAY_S = 86_400.0
#: Values of the sunlight series computed at once, ahead of the time loop (bounds memory).
_BLOCK_VALUES = 1 << 16


@dataclass(frozen=True)
class OrbitTransient:
    """One design's (or many designs') orbit-by-orbit power and heat.

    Summary fields have the shape of the design samples; the series (``record=True``)
    have a leading time axis of ``steps + 1`` samples (values at the step ends; flows over
    each step are stored at its end sample, the first sample holding the initial state).
    Energies are over the whole run [J].
    """

    period_s: FloatArray
    eclipse_s: FloatArray
    orbits: float
    steps_per_orbit: int
    dt_s: FloatArray
    min_state_of_charge: FloatArray
    max_chip_temperature_k: FloatArray
    min_radiator_temperature_k: FloatArray
    max_radiator_temperature_k: FloatArray
    throttled_energy_share: FloatArray
    thermal_throttled_energy_share: FloatArray
    energy_balance_error: FloatArray
    energy_in_j: dict[str, FloatArray]
    energy_out_j: dict[str, FloatArray]
    series: dict[str, FloatArray] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        """The run's summary as plain Python numbers (lists for several designs)."""

        def plain(x: Any) -> Any:
            arr = np.asarray(x)
            return arr.item() if arr.ndim == 0 else arr.tolist()

        return {
            "period_s": plain(self.period_s),
            "eclipse_s": plain(self.eclipse_s),
            "orbits": self.orbits,
            "steps_per_orbit": self.steps_per_orbit,
            "dt_s": plain(self.dt_s),
            "min_state_of_charge": plain(self.min_state_of_charge),
            "max_chip_temperature_k": plain(self.max_chip_temperature_k),
            "min_radiator_temperature_k": plain(self.min_radiator_temperature_k),
            "max_radiator_temperature_k": plain(self.max_radiator_temperature_k),
            "throttled_energy_share": plain(self.throttled_energy_share),
            "thermal_throttled_energy_share": plain(self.thermal_throttled_energy_share),
            "energy_balance_error": plain(self.energy_balance_error),
            "energy_in_j": {k: plain(v) for k, v in self.energy_in_j.items()},
            "energy_out_j": {k: plain(v) for k, v in self.energy_out_j.items()},
        }


def _eclipse_overlap_s(a: FloatArray, b: FloatArray, period: FloatArray, t_e: FloatArray) -> Any:
    """Time in shadow within [a, b] (b - a < period); eclipses centred at P/2 + kP."""
    k0 = np.floor(a / period)
    total = np.zeros(np.broadcast_shapes(a.shape, period.shape))
    for k in (k0 - 1.0, k0, k0 + 1.0):
        lo = (k + 0.5) * period - 0.5 * t_e
        hi = lo + t_e
        total = total + np.maximum(0.0, np.minimum(b, hi) - np.maximum(a, lo))
    return total


def _heat_capacity_j_per_k(budget: SatelliteBudget) -> FloatArray:
    m = budget.mass_breakdown_kg
    c = as_float(budget.design.thermal_specific_heat_j_per_kg_k)
    return as_float((m["radiator"] + m["thermal_transport"]) * c)


def orbit_transient(  # noqa: PLR0912, PLR0915 (one time loop, read top to bottom)
    budget: SatelliteBudget,
    *,
    orbits: float = 1.0,
    eclipse_s: Any = None,
    beta_deg: Any = None,
    steps_per_orbit: int | None = None,
    heat_capacity_scale: float = 1.0,
    record: bool = True,
) -> OrbitTransient:
    """Step sized design(s) through orbits: array power, battery, radiator, chips.

    Parameters
    ----------
    budget : SatelliteBudget
        From :func:`~terawatt.space.satellite.size_satellite` (one design or many).
    orbits : float
        Length of the run in orbits, > 0.
    eclipse_s : array_like, optional
        Eclipse duration per orbit [s] (0 for none). Default: from ``beta_deg``, or else
        the year's longest eclipse (``budget.max_eclipse_s``), the sizing's worst case.
    beta_deg : array_like, optional
        Beta angle [deg] whose eclipse to run
        (:func:`terawatt.physics.sunlight.eclipse_duration_s`).
    steps_per_orbit : int, optional
        Time steps per orbit; default the larger of 720 and 20 per radiator time constant.
    heat_capacity_scale : float
        Multiplies the node's heat capacity (a test of the steady-state limit), > 0.
    record : bool
        Keep the time series (``False`` for many designs: summaries only).

    Returns
    -------
    OrbitTransient

    Raises
    ------
    InputError
        For a bad run length, step count, eclipse or capacity scale.

    Notes
    -----
    The run starts in sunlight at orbit noon with a full battery and the radiator at its
    sizing temperature (the sunlit full-load steady state, by construction of the sizing).
    """
    d = budget.design
    if not (isinstance(orbits, int | float) and math.isfinite(orbits) and orbits > 0):
        raise InputError("orbits", orbits, "a number of orbits > 0")
    if not (math.isfinite(heat_capacity_scale) and heat_capacity_scale > 0):
        raise InputError("heat_capacity_scale", heat_capacity_scale, "a factor > 0")
    shape = budget.mass_kg.shape
    period = np.broadcast_to(as_float(orbit.period_s(d.altitude_m)), shape)
    if eclipse_s is None:
        if beta_deg is None:
            t_e = budget.max_eclipse_s
        else:
            t_e = sunlight.eclipse_duration_s(d.altitude_m, beta_deg)
    else:
        t_e = as_float(eclipse_s)
    t_e = np.broadcast_to(as_float(t_e), shape)
    if np.any(~np.isfinite(t_e)) or np.any(t_e < 0.0) or np.any(t_e >= period):
        raise InputError("eclipse_s", eclipse_s, "an eclipse >= 0 s and shorter than the orbit")

    # --- constants of the run ------------------------------------------------------------
    area = budget.radiator_area_m2
    eps = as_float(d.radiator_emissivity)
    k_emit = np.broadcast_to(
        2.0 * eps * budget.radiator_fin_efficiency * STEFAN_BOLTZMANN_W_M2_K4 * area, shape
    )
    drop = np.broadcast_to(as_float(d.radiator_root_drop_k), shape)
    heat_cap = _heat_capacity_j_per_k(budget) * heat_capacity_scale
    absorbed_sun = area * radiator_absorbed_w_per_m2(d, sunlit=True)
    absorbed_shadow = area * radiator_absorbed_w_per_m2(d, sunlit=False)
    t0 = np.broadcast_to(as_float(d.radiator_temperature_k), shape).astype(np.float64)
    g0 = 4.0 * k_emit * np.maximum(t0 - drop, 1.0) ** 3
    tau = heat_cap / g0
    if steps_per_orbit is None:
        want = np.max(STEPS_PER_TIME_CONSTANT * period / tau)
        steps_per_orbit = int(min(max(MIN_STEPS_PER_ORBIT, math.ceil(want)), MAX_STEPS_PER_ORBIT))
    if not isinstance(steps_per_orbit, int) or steps_per_orbit < 4:
        raise InputError("steps_per_orbit", steps_per_orbit, "an int >= 4")
    n_steps = max(1, round(orbits * steps_per_orbit))
    dt = period / steps_per_orbit

    p_c = budget.compute_power_w
    p_bus = p_c * as_float(d.bus_load_fraction)
    eta_pmad = np.broadcast_to(as_float(d.conversion_efficiency), shape)
    p_array = budget.end_of_life_power_w
    battery = d.eclipse_strategy == "battery"
    e_max = budget.battery_energy_j
    e_floor = e_max * (1.0 - as_float(d.battery_depth_of_discharge))
    rt = np.broadcast_to(as_float(d.battery_round_trip_efficiency), shape)
    rise = np.broadcast_to(as_float(d.chip_temperature_rise_k), shape)
    t_lim = np.broadcast_to(as_float(d.chip_temperature_limit_k), shape)

    # --- state and accumulators -----------------------------------------------------------
    temp = t0.copy()
    energy = np.array(e_max, dtype=np.float64, copy=True)
    zeros = np.zeros(shape)
    acc = {
        k: zeros.copy()
        for k in (
            "array",
            "absorbed",
            "load",
            "compute",
            "charge_loss",
            "curtailed",
            "radiated_scheme",
            "radiated_trapezoid",
            "thermal_throttled",
        )
    }
    min_soc = np.where(e_max > 0, 1.0, np.nan) * np.ones(shape)
    u0 = np.where(rise > 0, np.clip((t_lim - t0) / rise, 0.0, 1.0), (t0 <= t_lim) * 1.0)
    max_chip = t0 + rise * u0
    min_t, max_t = t0.copy(), t0.copy()
    names = (
        *("time_s", "sunlit", "array_w", "load_w", "compute_fraction", "state_of_charge"),
        *("radiator_temperature_k", "chip_temperature_k", "radiated_w", "absorbed_w"),
    )
    series = {k: np.empty((n_steps + 1, *shape)) for k in names} if record else {}
    if record:
        first = {
            "time_s": zeros,
            "sunlit": zeros + 1.0,
            "array_w": p_array,
            "load_w": (u0 * p_c + p_bus) / eta_pmad,
            "compute_fraction": u0,
            "state_of_charge": np.where(e_max > 0, 1.0, np.nan) + zeros,
            "radiator_temperature_k": t0,
            "chip_temperature_k": t0 + rise * u0,
            "radiated_w": k_emit * (t0 - drop) ** 4,
            "absorbed_w": absorbed_sun + zeros,
        }
        for k, v in first.items():
            series[k][0] = v

    def emitted(t: FloatArray) -> FloatArray:
        return as_float(k_emit * np.maximum(t - drop, 0.0) ** 4)

    def sunlight_block(start: int, stop: int) -> tuple[FloatArray, ...]:
        """End time, sunlit share, array power and absorbed heat of steps start..stop-1.

        They do not depend on the state, so they are computed ahead, a block of steps at
        once, with the same arithmetic per element as one step at a time.
        """
        n = np.arange(start, stop, dtype=np.float64).reshape(-1, *(1,) * len(shape))
        a, b = n * dt, (n + 1.0) * dt
        sun = 1.0 - _eclipse_overlap_s(a, b, period, t_e) / dt
        absorbed = sun * absorbed_sun + (1.0 - sun) * absorbed_shadow
        return b, sun, p_array * sun, absorbed

    block = max(1, _BLOCK_VALUES // max(1, math.prod(shape)))
    emitted_now = emitted(temp)  # at the start of the step (the end of the last one)
    with np.errstate(divide="ignore", invalid="ignore"):
        for n in range(n_steps):
            if n % block == 0:
                ahead = sunlight_block(n, min(n + block, n_steps))
            b, sun, avail, absorbed = (values[n % block] for values in ahead)
            # thermal limit on compute, decided from the node at the start of the step
            u_th = np.where(rise > 0, np.clip((t_lim - temp) / rise, 0.0, 1.0), 1.0)
            u_th = np.where((rise <= 0) & (temp > t_lim), 0.0, u_th)
            supply = avail + ((energy - e_floor) / dt if battery else 0.0)
            u_pow = np.clip((supply * eta_pmad - p_bus) / p_c, 0.0, 1.0)
            u = np.minimum(u_th, u_pow)
            load = np.minimum((u * p_c + p_bus) / eta_pmad, np.maximum(supply, 0.0))
            net = avail - load
            if battery:
                room = np.maximum(e_max - energy, 0.0) / (rt * dt)
                charge = np.clip(net, 0.0, room)
                energy = energy + np.where(net >= 0.0, rt * charge, net) * dt
                loss = (1.0 - rt) * charge
                curtailed = np.maximum(net, 0.0) - charge
                min_soc = np.minimum(min_soc, energy / e_max)
            else:
                loss = zeros
                curtailed = np.maximum(net, 0.0)
            t_next, q_out = thermal.radiator_temperature_step(
                temp, load + absorbed, k_emit, heat_cap, dt, drop
            )
            chip = t_next + rise * u
            acc["array"] += avail * dt
            acc["absorbed"] += absorbed * dt
            acc["load"] += load * dt
            acc["compute"] += u * p_c * dt
            acc["thermal_throttled"] += np.maximum(u_pow - u, 0.0) * p_c * dt
            acc["charge_loss"] += loss * dt
            acc["curtailed"] += curtailed * dt
            acc["radiated_scheme"] += q_out * dt
            emitted_next = emitted(t_next)
            acc["radiated_trapezoid"] += 0.5 * (emitted_now + emitted_next) * dt
            emitted_now = emitted_next
            temp = t_next
            max_chip = np.maximum(max_chip, chip)
            min_t, max_t = np.minimum(min_t, temp), np.maximum(max_t, temp)
            if record:
                row = {
                    "time_s": b,
                    "sunlit": sun,
                    "array_w": avail,
                    "load_w": load,
                    "compute_fraction": u,
                    "state_of_charge": energy / e_max,
                    "radiator_temperature_k": temp,
                    "chip_temperature_k": chip,
                    "radiated_w": q_out,
                    "absorbed_w": absorbed,
                }
                for k, v in row.items():
                    series[k][n + 1] = v

    duration = n_steps * dt
    stored_battery = energy - e_max
    stored_heat = heat_cap * (temp - t0)
    e_in = {"array": acc["array"], "absorbed": acc["absorbed"]}
    e_out = {
        "radiated": acc["radiated_trapezoid"],
        "battery_stored": stored_battery,
        "heat_stored": stored_heat,
        "charge_loss": acc["charge_loss"],
        "curtailed": acc["curtailed"],
    }
    total_in = e_in["array"] + e_in["absorbed"]
    error = np.abs(total_in - sum(e_out.values(), zeros)) / total_in
    nominal = p_c * duration
    return OrbitTransient(
        period_s=as_float(period),
        eclipse_s=as_float(t_e),
        orbits=float(orbits),
        steps_per_orbit=int(steps_per_orbit),
        dt_s=as_float(dt),
        min_state_of_charge=as_float(min_soc),
        max_chip_temperature_k=as_float(max_chip),
        min_radiator_temperature_k=as_float(min_t),
        max_radiator_temperature_k=as_float(max_t),
        throttled_energy_share=as_float(1.0 - acc["compute"] / nominal),
        thermal_throttled_energy_share=as_float(acc["thermal_throttled"] / nominal),
        energy_balance_error=as_float(error),
        energy_in_j={k: as_float(v) for k, v in e_in.items()},
        energy_out_j={k: as_float(v) for k, v in e_out.items()},
        series={k: as_float(v) for k, v in series.items()},
    )


def worst_day_transient(budget: SatelliteBudget, **kwargs: Any) -> OrbitTransient:
    """A day of orbits at the year's longest eclipse (the worst day of the eclipse season).

    Parameters
    ----------
    budget : SatelliteBudget
        The sized design(s).
    **kwargs
        Passed to :func:`orbit_transient` (``steps_per_orbit``, ``record``, ...).

    Returns
    -------
    OrbitTransient
        Over ``ceil(86,400 s / P)`` orbits of the longest design period.
    """
    period = float(np.max(orbit.period_s(budget.design.altitude_m)))
    return orbit_transient(budget, orbits=float(math.ceil(_DAY_S / period)), **kwargs)
