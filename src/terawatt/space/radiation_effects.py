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
from dataclasses import dataclass
from typing import Any

import numpy as np

from terawatt.physics import radiation as rp
from terawatt.physics.constants import JULIAN_YEAR_S
from terawatt.space._radiation_kernels import interp_tables
from terawatt.space.radiation import (
    DoseBreakdown,
    OrbitEnvironment,
    RadiationParams,
    dose_breakdown,
    env_memo,
    orbit_environment,
    shape_value,
    solar_proton_fluence,
)
from terawatt.typing import FloatArray, as_float

__all__ = [
    "ARRAY_CELL",
    "TESTED_ACCELERATORS",
    "OrbitRadiation",
    "array_degradation_with_radiation",
    "array_remaining_power",
    "chip_effects",
    "combined_failure_rate",
    "orbit_radiation",
]

#: Accelerators with a published total-dose beam test (Google's TPU v6e: Project
#: Suncatcher, arXiv:2511.19468); the rest take the ``untested`` tolerance.
TESTED_ACCELERATORS = frozenset({"Google TPU v6e Trillium"})
#: The cell type of the satellite's array (``satellite.array.cell_efficiency``'s 30 % is a
#: triple-junction cell's, and both satellite presets fly triple-junction cells).
ARRAY_CELL = "triple_junction"
_TINY = 1e-30
#: Highest annual failure probability passed on (the fleet model takes [0, 1)): a chip
#: that fails within days of launch at the tolerance's far tail.
_MAX_FAILURE_RATE = 0.999


def _proton_flux_above(
    env: OrbitEnvironment, w: Any, energy_mev: float, x_g_cm2: Any
) -> FloatArray:
    """Trapped protons [cm⁻² s⁻¹] that reach the centre with more than ``energy_mev``."""
    x = as_float(x_g_cm2)
    outside = np.log(rp.energy_from_range(rp.proton_range(energy_mev) + x))
    log_e, log_j = env_memo(
        env,
        ("log_proton_spectra",),
        lambda: (
            np.log(env.proton_energies_mev),
            np.stack([np.log(np.maximum(j, _TINY)) for j in (env.protons_min, env.protons_max)]),
        ),
    )
    # both maps at once, each energy's interval found once (numpy.interp's result)
    logs = interp_tables(outside, log_e, log_j)
    j_min = np.exp(np.reshape(logs[0], np.shape(outside)))
    j_max = np.exp(np.reshape(logs[1], np.shape(outside)))
    w = as_float(w)
    flux = ((1.0 - w) * j_min + w * j_max) * np.exp(-x / rp.AL_NUCLEAR_INTERACTION_LENGTH_G_CM2)
    return as_float(np.where(flux > 1e-25, flux, 0.0))


@dataclass(frozen=True)
class _Hazards:
    """What :func:`chip_effects` and :func:`orbit_radiation` both need of the chips."""

    tested: bool
    median: FloatArray
    sigma: FloatArray
    rate: FloatArray
    failed: FloatArray
    flux: FloatArray
    permanent_see: FloatArray
    tid_rate: FloatArray


def _chip_hazards(
    env: OrbitEnvironment,
    dose: DoseBreakdown,
    accelerator: str,
    design_life_years: Any,
    params: RadiationParams,
    rate: FloatArray | None = None,
) -> _Hazards:
    """The chips' total-dose share failed, proton flux and hazards (see :func:`chip_effects`).

    ``rate`` is ``dose.total`` where the caller has it already.
    """
    tested = accelerator in TESTED_ACCELERATORS
    median = as_float(params.tid_median_tested_gy if tested else params.tid_median_untested_gy)
    sigma = as_float(params.tid_sigma_tested if tested else params.tid_sigma_untested)
    life = as_float(design_life_years)
    rate = dose.total if rate is None else rate
    failed = rp.failure_probability_tid(rate * life, median, sigma)
    x_g_cm2 = dose.areal_density_kg_m2 / 10.0
    threshold = shape_value(params.see_threshold_mev, "radiation.see_proton_threshold")
    flux = _proton_flux_above(env, params.solar_max_fraction, threshold, x_g_cm2)
    permanent_see = rp.see_rate_per_year(
        as_float(params.see_permanent_m2) * 1e4, flux, JULIAN_YEAR_S
    )
    tid_rate = -np.log(np.maximum(1.0 - failed, 1e-300)) / life
    return _Hazards(tested, median, sigma, rate, failed, flux, permanent_see, tid_rate)


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
    h = _chip_hazards(env, dose, accelerator, design_life_years, params)
    median, sigma, rate, failed, flux = h.median, h.sigma, h.rate, h.failed, h.flux
    interruptions = rp.see_rate_per_year(
        as_float(params.see_interruption_m2) * 1e4, flux, JULIAN_YEAR_S
    )
    permanent_see, tid_rate = h.permanent_see, h.tid_rate
    tested = h.tested

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
    return _remaining_power(env, years, params, ("triple_junction", "silicon"))


def _damage_per_second(
    env: OrbitEnvironment, params: RadiationParams
) -> tuple[float, float, float, float, float]:
    """The orbit's equivalent fluences behind the cover: trapped and solar, per unit.

    Protons (per unit damage ratio) of the solar-minimum and maximum maps, electrons of
    each, per second, and the solar protons per unit fluence above 30 MeV; they depend on
    the orbit and the spectral shapes only, so they are kept on the environment
    (:func:`~terawatt.space.radiation.env_memo`) for every chunk of a run.
    """
    cover = shape_value(params.cover_glass_kg_m2, "radiation.cover_glass") / 10.0
    exponent = shape_value(params.proton_damage_exponent, "radiation.cell.proton_damage_exponent")
    threshold = shape_value(params.electron_threshold_mev, "radiation.cell.electron_threshold")
    spe_index = shape_value(params.spe_spectral_index, "radiation.spe_spectral_index")

    def make() -> tuple[float, float, float, float, float]:
        unit_spe = dataclasses.replace(
            params, spe_fluence_30mev_m2_year=1e4, spe_spectral_index=spe_index
        )
        ep = env.proton_energies_mev
        ee = env.electron_energies_mev
        mid_p = np.sqrt(ep[:-1] * ep[1:])
        mid_e = np.sqrt(ee[:-1] * ee[1:])
        none_p, none_e = np.zeros(mid_p.size), np.zeros(mid_e.size)

        def bins(j: FloatArray) -> FloatArray:
            return as_float(np.maximum(j[:-1] - j[1:], 0.0))

        def damage(jp: FloatArray | None, je: FloatArray | None) -> tuple[float, float]:
            """Equivalent fluence of the protons (per unit damage ratio) and the electrons."""
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
        return p_min, p_max, p_spe, e_min, e_max

    key = ("array_damage", cover, exponent, threshold, spe_index)
    damage_terms: tuple[float, float, float, float, float] = env_memo(env, key, make)
    return damage_terms


def _remaining_power(
    env: OrbitEnvironment, years: Any, params: RadiationParams, cell_types: tuple[str, ...]
) -> dict[str, dict[str, Any]]:
    """:func:`array_remaining_power` of the cell types named."""
    w = as_float(params.solar_max_fraction)
    seconds = as_float(years) * JULIAN_YEAR_S
    p_min, p_max, p_spe, e_min, e_max = _damage_per_second(env, params)
    per_s_p = (1.0 - w) * p_min + w * p_max  # per second of trapped protons
    per_s_e = (1.0 - w) * e_min + w * e_max
    spe_years = as_float(years) * as_float(params.spe_fluence_30mev_m2_year) * 1e-4 * p_spe
    cells = {
        "triple_junction": (params.tj_c, params.tj_fluence_x_m2, params.tj_damage_ratio),
        "silicon": (params.si_c, params.si_fluence_x_m2, params.si_damage_ratio),
    }
    out: dict[str, dict[str, Any]] = {}
    for name in cell_types:
        c, phi_x_m2, ratio = cells[name]
        phi = per_s_e * seconds + as_float(ratio) * (per_s_p * seconds + spe_years)
        power = rp.remaining_power_factor(phi, c, as_float(phi_x_m2) * 1e-4)
        out[name] = {
            "fluence_1mev_e_cm2": float(phi) if np.ndim(phi) == 0 else as_float(phi),
            "remaining_power": float(power) if np.ndim(power) == 0 else power,
        }
    return out


def combined_failure_rate(ground_rate: Any, added_rate_per_year: Any) -> FloatArray:
    r"""Annual failure probability in orbit: the ground-measured one and radiation's.

    Radiation adds to the ground-measured rate, it does not replace it: a chip survives a
    year in orbit if it survives the ground's causes (probability ``1 - ground_rate``) and
    radiation's (``exp(-added)``, the added rate being a hazard: the TID share failed over
    the design life as ``-ln(1 - P)/L`` plus the permanent single events' Poisson rate),

    .. math:: p = 1 - (1 - p_\oplus)\,e^{-\lambda_\mathrm{rad}}

    which is :math:`p_\oplus + \lambda_\mathrm{rad}` to first order and stays below 1.

    Parameters
    ----------
    ground_rate : array_like
        ``compute.failure_rate`` [1/yr], an annual probability in [0, 1).
    added_rate_per_year : array_like
        Radiation's hazard [1/yr], ``added_failure_rate_per_year`` of :func:`chip_effects`.

    Returns
    -------
    FloatArray
        The annual failure probability in orbit [1/yr], in [ground_rate, 1).
    """
    ground = as_float(ground_rate)
    added = np.maximum(as_float(added_rate_per_year), 0.0)
    return as_float(np.minimum(1.0 - (1.0 - ground) * np.exp(-added), _MAX_FAILURE_RATE))


def array_degradation_with_radiation(
    degradation_per_year: Any, radiation_remaining_power: Any, years: Any
) -> FloatArray:
    r"""The array's degradation rate over the design life, radiation counted once.

    ``satellite.array.degradation`` already holds a radiation loss: its sources are cell
    irradiations (Spectrolab XTJ at 5e14 1-MeV e/cm², Fetzer et al. 2008) and on-orbit
    telemetry, whose loss is mostly displacement damage. Adding the orbit's own radiation
    loss to it would count radiation twice. The rule: the array keeps the lesser of the two
    end-of-life powers, the table's compound rate over the life and the orbit's radiation
    remaining power,

    .. math:: f_\mathrm{EOL} = \min\left((1 - d)^L,\; R_\mathrm{rad}(L)\right),

    returned as the compound rate that gives it, :math:`1 - f_\mathrm{EOL}^{1/L}`. Where
    the orbit is gentler than the table's rate assumes the table's rate stands (it is an
    envelope, and its other causes, UV darkening and thermal cycling, remain); where the
    orbit's radiation alone takes more (silicon cells in the inner belt, a thin cover) the
    radiation loss sets the end of life. It understates the loss where both are
    comparable (by at most the non-radiation share of the table's rate).

    Parameters
    ----------
    degradation_per_year : array_like
        ``satellite.array.degradation`` [1/yr].
    radiation_remaining_power : array_like
        The radiation remaining power after ``years`` (:func:`array_remaining_power`) [-].
    years : array_like
        The design life [yr], > 0.

    Returns
    -------
    FloatArray
        The degradation per year that sizes the array [1/yr].
    """
    life = as_float(years)
    table = np.clip(as_float(degradation_per_year), 0.0, 1.0)
    remaining = np.clip(as_float(radiation_remaining_power), 1e-9, 1.0)
    from_radiation = 1.0 - remaining ** (1.0 / life)
    return as_float(np.maximum(table, from_radiation))


@dataclass(frozen=True)
class OrbitRadiation:
    """What one circular orbit's radiation does to a satellite design, per sample.

    Attributes
    ----------
    areal_density_kg_m2 : FloatArray
        The shield: shielding mass per W over the enclosure area per W [kg/m²].
    dose_gy_per_year : FloatArray
        Total ionizing dose behind it [Gy(Si)/yr].
    tid_failure_rate_per_year, see_permanent_per_year : FloatArray
        Radiation's hazards: total dose (over the design life) and permanent single
        events [1/yr].
    added_failure_rate_per_year : FloatArray
        Their sum, the hazard that adds to ``compute.failure_rate`` [1/yr].
    array_remaining_power : FloatArray
        The array's (:data:`ARRAY_CELL`) power left by radiation at the end of the design
        life [-].
    """

    areal_density_kg_m2: FloatArray
    dose_gy_per_year: FloatArray
    tid_failure_rate_per_year: FloatArray
    see_permanent_per_year: FloatArray
    added_failure_rate_per_year: FloatArray
    array_remaining_power: FloatArray


def orbit_radiation(
    altitude_m: float,
    shielding_kg_per_w: Any,
    accelerator: str,
    design_life_years: Any,
    params: RadiationParams,
    inclination_deg: float | None = None,
) -> OrbitRadiation:
    """Dose, added failure rate and array loss of a design in one orbit (vectorized).

    The environment is computed once per orbit and process
    (:func:`~terawatt.space.radiation.orbit_environment` is cached); the dose and the
    effects are vectorized over the samples of the shield, the design life and ``params``,
    the dose always from the tabulated dose-depth curve (so a sample's result does not
    depend on how many samples share the call).

    Parameters
    ----------
    altitude_m : float
        Orbit altitude [m].
    shielding_kg_per_w : array_like
        ``satellite.shielding.specific_mass`` [kg/W]; over
        ``radiation.enclosure_area`` it is the shield's areal density.
    accelerator : str
        The chip (``compute.accelerator``).
    design_life_years : array_like
        ``orbit.design_life`` [yr].
    params : RadiationParams
        The table inputs (arrays of samples or scalars).
    inclination_deg : float, optional
        Default: sun-synchronous at the altitude.

    Returns
    -------
    OrbitRadiation
    """
    env = orbit_environment(
        float(altitude_m),
        inclination_deg,
        cutoff_coefficient_gv=shape_value(
            params.cutoff_coefficient_gv, "radiation.cutoff_coefficient"
        ),
    )
    areal = as_float(shielding_kg_per_w) / as_float(params.enclosure_area_m2_per_w)
    dose = dose_breakdown(env, areal, params, tabulated=True)
    # the chips' hazards and the array's cell only (what chip_effects and
    # array_remaining_power compute of them, by the same lines)
    total = dose.total  # a sum of the parts: taken once
    h = _chip_hazards(env, dose, accelerator, design_life_years, params, total)
    added = h.tid_rate + h.permanent_see
    array = _remaining_power(env, design_life_years, params, (ARRAY_CELL,))[ARRAY_CELL]
    shape = np.broadcast_shapes(np.shape(total), np.shape(added))

    def full(v: Any) -> FloatArray:
        return as_float(np.broadcast_to(as_float(v), shape))

    return OrbitRadiation(
        areal_density_kg_m2=full(areal),
        dose_gy_per_year=full(total),
        tid_failure_rate_per_year=full(h.tid_rate),
        see_permanent_per_year=full(h.permanent_see),
        added_failure_rate_per_year=full(added),
        array_remaining_power=full(array["remaining_power"]),
    )
