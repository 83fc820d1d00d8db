"""Radiative heat rejection: radiator flux, area, mass and temperature in orbit.

A flat radiator panel emits from one or two faces and absorbs sunlight, Earth-reflected
sunlight (albedo) and Earth infrared on one face. All functions are pure and vectorized
(numpy broadcasting, SI floats in, float64 arrays out); impossible inputs raise
:class:`terawatt.errors.InputError` naming the argument.
"""

from __future__ import annotations

import numpy as np

from terawatt.errors import InputError
from terawatt.physics.constants import (
    EARTH_EFFECTIVE_TEMPERATURE_K,
    EARTH_EQUATORIAL_RADIUS_WGS84_M,
    STEFAN_BOLTZMANN_W_M2_K4,
)
from terawatt.typing import ArrayLike, FloatArray, as_float
from terawatt.validate import first_bad, fraction, non_negative, positive, unit_interval

__all__ = [
    "absorbed_flux_w_per_m2",
    "blackbody_flux_w_per_m2",
    "earth_view_factor_nadir_plate",
    "radiator_area_m2",
    "radiator_mass_kg",
    "radiator_net_flux_w_per_m2",
    "radiator_temperature_k",
]


def _faces(faces: ArrayLike) -> FloatArray:
    """Return the number of radiating faces, raising InputError unless it is 1 or 2."""
    n = as_float(faces)
    bad = ~((n == 1.0) | (n == 2.0))
    if np.any(bad):
        raise InputError("faces", first_bad(n, bad), "1 or 2 radiating faces")
    return n


def blackbody_flux_w_per_m2(temperature_k: ArrayLike) -> FloatArray:
    r"""Hemispherical emissive power of a black body.

    Parameters
    ----------
    temperature_k : array_like
        Absolute temperature [K], ≥ 0.

    Returns
    -------
    FloatArray
        Emitted power per area of one face [W/m²].

    Notes
    -----
    .. math:: E_b = \sigma T^4

    References
    ----------
    .. [1] CODATA 2018: σ = 5.670374419e-8 W m⁻² K⁻⁴ (exact in the 2019 SI).
    """
    t = non_negative("temperature_k", temperature_k)
    return as_float(STEFAN_BOLTZMANN_W_M2_K4 * t**4)


def absorbed_flux_w_per_m2(
    ir_absorptivity: ArrayLike,
    *,
    solar_absorptivity: ArrayLike = 0.0,
    solar_flux_w_per_m2: ArrayLike = 0.0,
    earth_view_factor: ArrayLike = 0.0,
    albedo: ArrayLike = 0.0,
    earth_temperature_k: ArrayLike = EARTH_EFFECTIVE_TEMPERATURE_K,
) -> FloatArray:
    r"""Environmental heat absorbed per radiator area: sunlight, albedo and Earth infrared.

    Parameters
    ----------
    ir_absorptivity : array_like
        Infrared absorptivity of the Earth-facing face [-], in [0, 1]; equals the
        infrared emissivity for a grey surface (Kirchhoff).
    solar_absorptivity : array_like
        Solar absorptivity α_s [-], in [0, 1].
    solar_flux_w_per_m2 : array_like
        Solar irradiance on the sunlit face [W/m²], ≥ 0.
    earth_view_factor : array_like
        View factor from the Earth-facing face to the Earth [-], in [0, 1].
    albedo : array_like
        Earth's Bond albedo [-], in [0, 1].
    earth_temperature_k : array_like
        Earth's effective black-body temperature [K], ≥ 0 (255 K ↔ 240 W/m² OLR).

    Returns
    -------
    FloatArray
        Absorbed power per radiator area [W/m²].

    Notes
    -----
    .. math:: q_\mathrm{abs} = \alpha_s S + \alpha_s S a F + \alpha_\mathrm{IR} F \sigma T_E^4

    References
    ----------
    .. [1] Gilmore, D. G. (ed.), Spacecraft Thermal Control Handbook, Vol. 1, 2nd ed.
       (Aerospace Press, 2002), ch. 2 (orbital heat loads: direct solar, albedo, Earth IR).
    .. [2] Anderson, Justus & Batts, NASA/TM-2001-211221 (2001) (albedo 0.30, OLR 240 W/m²).
    """
    alpha_s = unit_interval("solar_absorptivity", solar_absorptivity)
    solar = non_negative("solar_flux_w_per_m2", solar_flux_w_per_m2)
    view = unit_interval("earth_view_factor", earth_view_factor)
    a = unit_interval("albedo", albedo)
    alpha_ir = unit_interval("ir_absorptivity", ir_absorptivity)
    earth_ir = alpha_ir * view * blackbody_flux_w_per_m2(earth_temperature_k)
    return as_float(alpha_s * solar * (1.0 + a * view) + earth_ir)


def radiator_net_flux_w_per_m2(
    temperature_k: ArrayLike,
    emissivity: ArrayLike,
    *,
    faces: ArrayLike = 2,
    solar_absorptivity: ArrayLike = 0.0,
    solar_flux_w_per_m2: ArrayLike = 0.0,
    earth_view_factor: ArrayLike = 0.0,
    albedo: ArrayLike = 0.0,
    ir_absorptivity: ArrayLike | None = None,
    earth_temperature_k: ArrayLike = EARTH_EFFECTIVE_TEMPERATURE_K,
) -> FloatArray:
    r"""Net heat rejected per radiator (planform) area: emission minus absorbed loads.

    Parameters
    ----------
    temperature_k : array_like
        Radiator surface temperature [K], ≥ 0.
    emissivity : array_like
        Infrared hemispherical emissivity ε [-], in (0, 1].
    faces : array_like
        Number of radiating faces, 1 or 2.
    solar_absorptivity, solar_flux_w_per_m2, earth_view_factor, albedo : array_like
        As in :func:`absorbed_flux_w_per_m2`; sunlight and Earth are seen by one face.
    ir_absorptivity : array_like, optional
        Infrared absorptivity [-]; None means equal to ``emissivity`` (Kirchhoff's law).
    earth_temperature_k : array_like
        Earth's effective temperature [K].

    Returns
    -------
    FloatArray
        Net flux per area of the panel [W/m²]; negative when it absorbs more than it emits.

    Notes
    -----
    .. math:: q = n\,\varepsilon\sigma T^4 - \alpha_s S - \alpha_s S a F
              - \alpha_\mathrm{IR} F \sigma T_E^4, \qquad \alpha_\mathrm{IR} = \varepsilon

    References
    ----------
    .. [1] Gilmore, Spacecraft Thermal Control Handbook, Vol. 1, 2nd ed. (2002), ch. 2 and
       ch. 6 (radiators).
    .. [2] Incropera, DeWitt, Bergman & Lavine, Fundamentals of Heat and Mass Transfer,
       6th ed. (2007), ch. 12 (Kirchhoff's law: α = ε for a grey surface).
    """
    eps = fraction("emissivity", emissivity)
    emitted = _faces(faces) * eps * blackbody_flux_w_per_m2(temperature_k)
    absorbed = absorbed_flux_w_per_m2(
        eps if ir_absorptivity is None else ir_absorptivity,
        solar_absorptivity=solar_absorptivity,
        solar_flux_w_per_m2=solar_flux_w_per_m2,
        earth_view_factor=earth_view_factor,
        albedo=albedo,
        earth_temperature_k=earth_temperature_k,
    )
    return as_float(emitted - absorbed)


def radiator_area_m2(heat_w: ArrayLike, net_flux_w_per_m2: ArrayLike) -> FloatArray:
    r"""Radiator (planform) area needed to reject a heat load.

    Parameters
    ----------
    heat_w : array_like
        Heat to reject [W], ≥ 0.
    net_flux_w_per_m2 : array_like
        Net rejected flux per area [W/m²], > 0 (from :func:`radiator_net_flux_w_per_m2`).

    Returns
    -------
    FloatArray
        Radiator area [m²].

    Raises
    ------
    InputError
        If the net flux is ≤ 0: the radiator cannot reject heat at that temperature.

    Notes
    -----
    .. math:: A = Q / q

    References
    ----------
    .. [1] Gilmore, Spacecraft Thermal Control Handbook, Vol. 1, 2nd ed. (2002), ch. 6.
    """
    heat = non_negative("heat_w", heat_w)
    flux = as_float(net_flux_w_per_m2)
    bad = ~(flux > 0.0)
    if np.any(bad):
        raise InputError(
            "net_flux_w_per_m2",
            float(flux[bad][0]),
            "a positive net flux (the radiator cannot reject heat at that temperature)",
        )
    return as_float(heat / flux)


def radiator_mass_kg(area_m2: ArrayLike, areal_mass_kg_per_m2: ArrayLike) -> FloatArray:
    r"""Radiator mass from its area and areal density.

    Parameters
    ----------
    area_m2 : array_like
        Radiator area [m²], ≥ 0.
    areal_mass_kg_per_m2 : array_like
        Mass per area, including panels, tubing and fluid [kg/m²], ≥ 0.

    Returns
    -------
    FloatArray
        Radiator mass [kg].

    Notes
    -----
    .. math:: m = A\,\rho_A

    References
    ----------
    .. [1] Gilmore, Spacecraft Thermal Control Handbook, Vol. 1, 2nd ed. (2002), ch. 6.
    """
    area = non_negative("area_m2", area_m2)
    return as_float(area * non_negative("areal_mass_kg_per_m2", areal_mass_kg_per_m2))


def earth_view_factor_nadir_plate(
    altitude_m: ArrayLike, earth_radius_m: ArrayLike = EARTH_EQUATORIAL_RADIUS_WGS84_M
) -> FloatArray:
    r"""View factor from a flat plate facing nadir to a spherical Earth.

    Parameters
    ----------
    altitude_m : array_like
        Altitude above the surface [m], ≥ 0.
    earth_radius_m : array_like
        Earth radius [m], > 0 (WGS-84 equatorial by default).

    Returns
    -------
    FloatArray
        View factor F [-], in (0, 1].

    Notes
    -----
    .. math:: F = \left(\frac{R}{R + h}\right)^2

    (a differential planar element whose normal passes through the sphere's centre).
    E.g. 0.848 at 550 km.

    References
    ----------
    .. [1] Howell, J. R., A Catalog of Radiation Heat Transfer Configuration Factors,
       3rd ed. (Univ. of Texas at Austin): "differential planar element to sphere; normal
       to element passes through center of sphere", F = (r/d)².
    .. [2] Gilmore, Spacecraft Thermal Control Handbook, Vol. 1, 2nd ed. (2002), ch. 2.
    """
    h = non_negative("altitude_m", altitude_m)
    radius = positive("earth_radius_m", earth_radius_m)
    return as_float((radius / (radius + h)) ** 2)


def radiator_temperature_k(
    heat_w: ArrayLike,
    area_m2: ArrayLike,
    emissivity: ArrayLike,
    faces: ArrayLike = 2,
    absorbed_w_per_m2: ArrayLike = 0.0,
) -> FloatArray:
    r"""Equilibrium radiator temperature for a heat load (inverse of the net flux).

    Parameters
    ----------
    heat_w : array_like
        Heat rejected [W], ≥ 0.
    area_m2 : array_like
        Radiator (planform) area [m²], > 0.
    emissivity : array_like
        Infrared emissivity [-], in (0, 1].
    faces : array_like
        Number of radiating faces, 1 or 2.
    absorbed_w_per_m2 : array_like
        Environmental flux absorbed per area [W/m²], ≥ 0 (from
        :func:`absorbed_flux_w_per_m2`).

    Returns
    -------
    FloatArray
        Radiator temperature [K].

    Notes
    -----
    .. math:: T = \left(\frac{Q/A + q_\mathrm{abs}}{n\,\varepsilon\sigma}\right)^{1/4}

    References
    ----------
    .. [1] Gilmore, Spacecraft Thermal Control Handbook, Vol. 1, 2nd ed. (2002), ch. 6.
    """
    heat = non_negative("heat_w", heat_w)
    area = positive("area_m2", area_m2)
    eps = fraction("emissivity", emissivity)
    absorbed = non_negative("absorbed_w_per_m2", absorbed_w_per_m2)
    emitted = heat / area + absorbed
    return as_float((emitted / (_faces(faces) * eps * STEFAN_BOLTZMANN_W_M2_K4)) ** 0.25)
