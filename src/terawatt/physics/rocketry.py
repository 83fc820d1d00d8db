"""Rocketry: the rocket equation, propellant, launch counts and launch cost."""

from __future__ import annotations

import numpy as np

from terawatt.errors import InputError
from terawatt.physics.constants import G0_M_S2
from terawatt.typing import ArrayLike, FloatArray
from terawatt.validate import first_bad, non_negative, positive

__all__ = [
    "delta_v_m_s",
    "launch_cost_usd",
    "launches_needed",
    "mass_ratio",
    "propellant_mass_kg",
    "specific_launch_cost_usd_per_kg",
]


def delta_v_m_s(
    isp_s: ArrayLike, initial_mass_kg: ArrayLike, final_mass_kg: ArrayLike
) -> FloatArray:
    r"""Ideal velocity change of a rocket (Tsiolkovsky).

    Parameters
    ----------
    isp_s : array_like
        Specific impulse I_sp [s], > 0.
    initial_mass_kg : array_like
        Mass before the burn m_0 [kg], >= m_f.
    final_mass_kg : array_like
        Mass after the burn m_f [kg], > 0.

    Returns
    -------
    FloatArray
        Δv [m/s] (no gravity or drag losses).

    Notes
    -----
    .. math:: \Delta v = I_{sp} \, g_0 \ln(m_0 / m_f)

    References
    ----------
    Sutton, G. P. & Biblarz, O., Rocket Propulsion Elements, 9th ed. (2017), ch. 4;
    g0 = 9.80665 m/s² (3rd CGPM, 1901).
    """
    isp = positive("isp_s", isp_s)
    m0 = positive("initial_mass_kg", initial_mass_kg)
    mf = positive("final_mass_kg", final_mass_kg)
    bad = np.asarray(m0 < mf)
    if np.any(bad):
        raise InputError("initial_mass_kg", first_bad(m0, bad), "a mass >= final_mass_kg")
    return np.asarray(isp * G0_M_S2 * np.log(m0 / mf), dtype=np.float64)


def mass_ratio(delta_v_m_s: ArrayLike, isp_s: ArrayLike) -> FloatArray:
    r"""Initial-to-final mass ratio needed for a velocity change.

    Parameters
    ----------
    delta_v_m_s : array_like
        Velocity change Δv [m/s], >= 0.
    isp_s : array_like
        Specific impulse I_sp [s], > 0.

    Returns
    -------
    FloatArray
        m_0 / m_f [-], >= 1.

    Notes
    -----
    .. math:: m_0 / m_f = \exp\left(\frac{\Delta v}{I_{sp} g_0}\right)

    References
    ----------
    Sutton & Biblarz, Rocket Propulsion Elements, 9th ed. (2017), ch. 4.
    """
    dv = non_negative("delta_v_m_s", delta_v_m_s)
    isp = positive("isp_s", isp_s)
    return np.asarray(np.exp(dv / (isp * G0_M_S2)), dtype=np.float64)


def propellant_mass_kg(
    delta_v_m_s: ArrayLike, isp_s: ArrayLike, final_mass_kg: ArrayLike
) -> FloatArray:
    r"""Propellant burned to give a final (dry plus payload) mass a velocity change.

    Parameters
    ----------
    delta_v_m_s : array_like
        Velocity change Δv [m/s], >= 0.
    isp_s : array_like
        Specific impulse I_sp [s], > 0.
    final_mass_kg : array_like
        Mass after the burn m_f [kg], >= 0.

    Returns
    -------
    FloatArray
        Propellant mass [kg].

    Notes
    -----
    .. math:: m_p = m_f \left[\exp\left(\frac{\Delta v}{I_{sp} g_0}\right) - 1\right]

    References
    ----------
    Sutton & Biblarz, Rocket Propulsion Elements, 9th ed. (2017), ch. 4.
    """
    mf = non_negative("final_mass_kg", final_mass_kg)
    dv = non_negative("delta_v_m_s", delta_v_m_s)
    isp = positive("isp_s", isp_s)
    return np.asarray(mf * np.expm1(dv / (isp * G0_M_S2)), dtype=np.float64)


def launches_needed(payload_mass_kg: ArrayLike, payload_per_launch_kg: ArrayLike) -> FloatArray:
    r"""Whole launches needed to lift a payload mass.

    Parameters
    ----------
    payload_mass_kg : array_like
        Mass to lift M [kg], >= 0.
    payload_per_launch_kg : array_like
        Payload per launch m [kg], > 0.

    Returns
    -------
    FloatArray
        Launches [-] (integer-valued floats; a quotient within 1e-12 of an integer
        counts as that integer, so 2.1 t / 0.3 t is 7 launches, not 8).

    Notes
    -----
    .. math:: n = \lceil M / m \rceil

    References
    ----------
    Definition (no source needed).
    """
    total = non_negative("payload_mass_kg", payload_mass_kg)
    per = positive("payload_per_launch_kg", payload_per_launch_kg)
    q = total / per
    nearest = np.rint(q)
    close = np.isclose(q, nearest, rtol=1e-12, atol=0.0)
    return np.asarray(np.where(close, nearest, np.ceil(q)), dtype=np.float64)


def launch_cost_usd(payload_mass_kg: ArrayLike, cost_usd_per_kg: ArrayLike) -> FloatArray:
    r"""Cost of lifting a payload mass at a specific launch price.

    Parameters
    ----------
    payload_mass_kg : array_like
        Mass to lift M [kg], >= 0.
    cost_usd_per_kg : array_like
        Launch price per kilogram to the target orbit c [USD/kg], >= 0.

    Returns
    -------
    FloatArray
        Cost [USD].

    Notes
    -----
    .. math:: C = M c

    References
    ----------
    Jones, H. W. (2018), "The Recent Large Reduction in Space Launch Cost",
    48th International Conference on Environmental Systems, ICES-2018-81.
    """
    m = non_negative("payload_mass_kg", payload_mass_kg)
    c = non_negative("cost_usd_per_kg", cost_usd_per_kg)
    return np.asarray(m * c, dtype=np.float64)


def specific_launch_cost_usd_per_kg(
    cost_per_launch_usd: ArrayLike, payload_per_launch_kg: ArrayLike
) -> FloatArray:
    r"""Launch price per kilogram from the price of one launch and its payload.

    Parameters
    ----------
    cost_per_launch_usd : array_like
        Price of one launch C_1 [USD], >= 0.
    payload_per_launch_kg : array_like
        Payload per launch to the target orbit m [kg], > 0.

    Returns
    -------
    FloatArray
        Specific cost [USD/kg].

    Notes
    -----
    .. math:: c = C_1 / m

    References
    ----------
    Jones, H. W. (2018), ICES-2018-81 (Falcon 9: $62 M / 22,800 kg ≈ $2,720/kg to LEO;
    Space Shuttle: $1.5 B / 27,500 kg ≈ $54,500/kg).
    """
    cost = non_negative("cost_per_launch_usd", cost_per_launch_usd)
    per = positive("payload_per_launch_kg", payload_per_launch_kg)
    return np.asarray(cost / per, dtype=np.float64)
