"""What the dose of an orbit does: the chips' end of life and failure rates, the arrays' power.

* **Total ionizing dose** against a lognormal part tolerance gives the share of chips
  failed over the design life, as an annual hazard that adds to the ground-measured
  ``compute.failure_rate`` (it does not replace it), and the radiation end of life.
* **Single events**: trapped protons above a threshold behind the shield times a per-chip
  cross-section give interruptions (time lost, no part) and permanent losses (parts, added
  to the failure rate).
* **Solar arrays**: the damage-equivalent 1 MeV electron fluence behind the cover glass
  and the cells' remaining power.

Inputs and sources: the ``radiation.*`` entries of the parameter table; the environment and
the dose: :mod:`terawatt.space.radiation`.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from terawatt.physics import radiation as rp
from terawatt.physics.constants import JULIAN_YEAR_S
from terawatt.space.radiation import (
    DoseBreakdown,
    OrbitEnvironment,
    RadiationParams,
    shape_value,
    solar_proton_fluence,
)
from terawatt.typing import FloatArray, as_float

__all__ = ["TESTED_ACCELERATORS", "array_remaining_power", "chip_effects"]

#: Accelerators with a published total-dose beam test (Google's TPU v6e: Project
#: Suncatcher, arXiv:2511.19468); the rest take the ``untested`` tolerance.
TESTED_ACCELERATORS = frozenset({"Google TPU v6e Trillium"})
_TINY = 1e-30


def _proton_flux_above(
    env: OrbitEnvironment, w: Any, energy_mev: float, x_g_cm2: Any
) -> FloatArray:
    """Trapped protons [cm⁻² s⁻¹] that reach the centre with more than ``energy_mev``."""
    x = as_float(x_g_cm2)
    outside = np.log(rp.energy_from_range(rp.proton_range(energy_mev) + x))
    log_e = np.log(env.proton_energies_mev)
    j_min = np.exp(np.interp(outside, log_e, np.log(np.maximum(env.protons_min, _TINY))))
    j_max = np.exp(np.interp(outside, log_e, np.log(np.maximum(env.protons_max, _TINY))))
    w = as_float(w)
    flux = ((1.0 - w) * j_min + w * j_max) * np.exp(-x / rp.AL_NUCLEAR_INTERACTION_LENGTH_G_CM2)
    return as_float(np.where(flux > 1e-25, flux, 0.0))


def chip_effects(
    env: OrbitEnvironment,
    dose: DoseBreakdown,
    accelerator: str,
    design_life_years: Any,
    params: RadiationParams,
) -> dict[str, Any]:
    """Radiation end of life and single-event rates of one accelerator behind the shield.

    Parameters
    ----------
    env : OrbitEnvironment
        The orbit's environment.
    dose : DoseBreakdown
        The dose behind the shield (:func:`dose_breakdown`; arrays broadcast).
    accelerator : str
        The chip (``compute.accelerator``); a chip without a published beam test takes the
        ``untested`` tolerance.
    design_life_years : float or array_like
        Design life [yr] (``orbit.design_life``).
    params : RadiationParams
        The table inputs (tolerances and cross-sections may be arrays of samples).

    Returns
    -------
    dict
        ``tid_tolerance`` (median [Gy], sigma, whether beam-tested), years to the median
        and to the 5th-percentile failure dose, the share failed by TID over the design life
        and as an annual hazard, years to the HBM irregularity dose, single-event
        interruptions and permanent losses per accelerator-year, and the permanent failure
        rate to add to ``compute.failure_rate``. Floats for scalar inputs, else arrays.
    """
    tested = accelerator in TESTED_ACCELERATORS
    median = as_float(params.tid_median_tested_gy if tested else params.tid_median_untested_gy)
    sigma = as_float(params.tid_sigma_tested if tested else params.tid_sigma_untested)
    life = as_float(design_life_years)
    rate = dose.total
    failed = rp.failure_probability_tid(rate * life, median, sigma)
    x_g_cm2 = dose.areal_density_kg_m2 / 10.0
    threshold = shape_value(params.see_threshold_mev, "radiation.see_proton_threshold")
    flux = _proton_flux_above(env, params.solar_max_fraction, threshold, x_g_cm2)
    interruptions = rp.see_rate_per_year(
        as_float(params.see_interruption_m2) * 1e4, flux, JULIAN_YEAR_S
    )
    permanent_see = rp.see_rate_per_year(
        as_float(params.see_permanent_m2) * 1e4, flux, JULIAN_YEAR_S
    )
    tid_rate = -np.log(np.maximum(1.0 - failed, 1e-300)) / life

    def out(value: Any) -> Any:
        arr = as_float(value)
        return float(arr) if arr.ndim == 0 else arr

    return {
        "accelerator": accelerator,
        "beam_tested": tested,
        "tid_median_gy": out(median),
        "tid_sigma_ln": out(sigma),
        "tid_life_median_years": out(rp.tid_life_years(rate, median, sigma, 0.5)),
        "tid_life_p5_years": out(rp.tid_life_years(rate, median, sigma, 0.05)),
        "tid_failed_share_over_design_life": out(failed),
        "tid_failure_rate_per_year": out(tid_rate),
        "hbm_irregularity_years": out(
            as_float(params.hbm_irregularity_gy) / np.maximum(rate, 1e-300)
        ),
        "see_proton_flux_cm2_s": out(flux),
        "see_interruptions_per_year": out(interruptions),
        "see_permanent_per_year": out(permanent_see),
        "added_failure_rate_per_year": out(tid_rate + permanent_see),
    }


def array_remaining_power(
    env: OrbitEnvironment, years: Any, params: RadiationParams
) -> dict[str, dict[str, Any]]:
    """Equivalent 1 MeV electron fluence and remaining power of the array's cell types.

    Trapped protons and electrons of the mixed spectrum and the solar protons of
    ``years`` years, through the cover glass (front face only).

    Parameters
    ----------
    env : OrbitEnvironment
        The orbit's environment.
    years : float or array_like
        Time in orbit [yr] (the design life for the end-of-life power).
    params : RadiationParams
        The table inputs; the solar-maximum share, the solar-proton fluence and the cells'
        damage ratios and fit coefficients may be arrays of samples (the fluence is linear
        in them); cover, damage exponent, electron threshold and spectral index take one
        value.

    Returns
    -------
    dict
        For ``"triple_junction"`` and ``"silicon"``: ``fluence_1mev_e_cm2`` and
        ``remaining_power`` (floats for scalar inputs, else arrays).
    """
    w = as_float(params.solar_max_fraction)
    seconds = as_float(years) * JULIAN_YEAR_S
    ep = env.proton_energies_mev
    ee = env.electron_energies_mev
    cover = shape_value(params.cover_glass_kg_m2, "radiation.cover_glass") / 10.0
    exponent = shape_value(params.proton_damage_exponent, "radiation.cell.proton_damage_exponent")
    threshold = shape_value(params.electron_threshold_mev, "radiation.cell.electron_threshold")
    unit_spe = dataclasses.replace(
        params,
        spe_fluence_30mev_m2_year=1e4,
        spe_spectral_index=shape_value(params.spe_spectral_index, "radiation.spe_spectral_index"),
    )
    mid_p = np.sqrt(ep[:-1] * ep[1:])
    mid_e = np.sqrt(ee[:-1] * ee[1:])
    none_p, none_e = np.zeros(mid_p.size), np.zeros(mid_e.size)

    def bins(j: FloatArray) -> FloatArray:
        return as_float(np.maximum(j[:-1] - j[1:], 0.0))

    def damage(jp: FloatArray | None, je: FloatArray | None) -> tuple[float, float]:
        """Equivalent fluence of the protons (per unit damage ratio) and of the electrons."""
        p = rp.equivalent_1mev_electron_fluence(
            mid_p,
            bins(jp) if jp is not None else none_p,
            mid_e,
            none_e,
            cover,
            1.0,
            exponent,
            threshold,
        )
        e = rp.equivalent_1mev_electron_fluence(
            mid_p,
            none_p,
            mid_e,
            bins(je) if je is not None else none_e,
            cover,
            1.0,
            exponent,
            threshold,
        )
        return p, e

    p_min, _ = damage(env.protons_min, None)
    p_max, _ = damage(env.protons_max, None)
    p_spe, _ = damage(solar_proton_fluence(env, unit_spe), None)
    _, e_min = damage(None, env.electrons_min)
    _, e_max = damage(None, env.electrons_max)
    per_s_p = (1.0 - w) * p_min + w * p_max  # per second of trapped protons
    per_s_e = (1.0 - w) * e_min + w * e_max
    spe_years = as_float(years) * as_float(params.spe_fluence_30mev_m2_year) * 1e-4 * p_spe
    cells = {
        "triple_junction": (params.tj_c, params.tj_fluence_x_m2, params.tj_damage_ratio),
        "silicon": (params.si_c, params.si_fluence_x_m2, params.si_damage_ratio),
    }
    out: dict[str, dict[str, Any]] = {}
    for name, (c, phi_x_m2, ratio) in cells.items():
        phi = per_s_e * seconds + as_float(ratio) * (per_s_p * seconds + spe_years)
        power = rp.remaining_power_factor(phi, c, as_float(phi_x_m2) * 1e-4)
        out[name] = {
            "fluence_1mev_e_cm2": float(phi) if np.ndim(phi) == 0 else as_float(phi),
            "remaining_power": float(power) if np.ndim(power) == 0 else power,
        }
    return out
