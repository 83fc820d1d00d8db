"""Radiative heat rejection: radiator flux, area, mass and temperature in orbit.

A flat radiator panel emits from one or two faces and absorbs sunlight, Earth-reflected
sunlight (albedo) and Earth infrared on one face. A real panel is a set of fins: face
sheets between coolant tubes, each colder away from its tube, so it emits less than an
isothermal panel at the coolant's temperature (:func:`radiating_fin_efficiency`, the
classic straight radiating fin); a panel beside the solar array also absorbs the array's
infrared (:func:`view_factor_perpendicular_plates`). A lumped radiator's temperature
through an orbit steps with :func:`radiator_temperature_step` (linearized backward Euler).
All functions are pure and vectorized (numpy broadcasting, SI floats in, float64 arrays
out); impossible inputs raise :class:`terawatt.errors.InputError` naming the argument.

References
----------
Gilmore, D. G. (ed.), *Spacecraft Thermal Control Handbook*, Vol. 1, 2nd ed. (Aerospace
Press, 2002), ch. 2 (environment) and ch. 6 (radiators, fin efficiency). Lieblein, S.,
"Analysis of temperature distribution and radiant heat transfer along a rectangular fin of
constant thickness", NASA TN D-196 (1959). Chapman, A. J., *Heat Transfer*, 4th ed.
(Macmillan, 1984), radiating fins. Karam, R. D., *Satellite Thermal Control for Systems
Engineers* (AIAA Progress in Astronautics and Aeronautics 181, 1998), ch. 5 (fin
efficiency of radiator panels). Howell, J. R., *A Catalog of Radiation Heat Transfer
Configuration Factors*, 3rd ed., factor C-14 (perpendicular rectangles with a common edge),
also Incropera et al., *Fundamentals of Heat and Mass Transfer*, 6th ed., Table 13.2.
"""

from __future__ import annotations

from functools import lru_cache

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
    "radiating_fin_efficiency",
    "radiating_fin_profile_number",
    "radiator_area_m2",
    "radiator_mass_kg",
    "radiator_net_flux_w_per_m2",
    "radiator_temperature_k",
    "radiator_temperature_step",
    "view_factor_perpendicular_plates",
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


# --- radiator realism: fins, view factors ---------------------------------------------------


def radiating_fin_profile_number(
    root_temperature_k: ArrayLike,
    emissivity: ArrayLike,
    half_width_m: ArrayLike,
    thickness_m: ArrayLike,
    conductivity_w_per_m_k: ArrayLike,
) -> FloatArray:
    r"""Profile number of a straight fin radiating from one face to deep space.

    Parameters
    ----------
    root_temperature_k : array_like
        Temperature of the fin at its root (the coolant tube) [K], > 0.
    emissivity : array_like
        Infrared emissivity of the radiating face [-], in (0, 1].
    half_width_m : array_like
        Fin length from the tube to the adiabatic mid-line between two tubes, half the
        tube pitch [m], ≥ 0.
    thickness_m : array_like
        Thickness of the conducting sheet [m], > 0.
    conductivity_w_per_m_k : array_like
        Thermal conductivity of the sheet [W/(m K)], > 0.

    Returns
    -------
    FloatArray
        :math:`N = \varepsilon\sigma T_b^3 L^2 / (k t)` [-]: the ratio of what the fin
        could radiate at its root temperature to what it can conduct.

    References
    ----------
    .. [1] Lieblein, NASA TN D-196 (1959); Karam (1998), ch. 5; Gilmore (2002), ch. 6.
    """
    t_b = positive("root_temperature_k", root_temperature_k)
    eps = fraction("emissivity", emissivity)
    length = non_negative("half_width_m", half_width_m)
    thick = positive("thickness_m", thickness_m)
    k = positive("conductivity_w_per_m_k", conductivity_w_per_m_k)
    return as_float(eps * STEFAN_BOLTZMANN_W_M2_K4 * t_b**3 * length**2 / (k * thick))


#: The tabulated fin solution: tip temperature ratios, 1 - 1e-9 down to 0.02 (N from 2e-9
#: to 2.6e5); Gauss-Legendre panels of each quadrature and nodes per panel.
_FIN_TIPS = np.concatenate(
    [1.0 - np.geomspace(1e-9, 0.5, 1500)[:-1], np.geomspace(0.5, 0.02, 1500)]
)
_FIN_PANELS = 24
_FIN_NODES = 16


@lru_cache(maxsize=1)
def _fin_table() -> tuple[FloatArray, FloatArray]:
    r"""Tabulated exact solution of the radiating fin: (ln N, ln efficiency), N increasing.

    With :math:`\theta = T/T_b` and :math:`\xi = x/L`, the fin obeys
    :math:`\theta'' = N\theta^4`, :math:`\theta(0) = 1`, :math:`\theta'(1) = 0`. Its first
    integral :math:`\theta'^2 = \tfrac{2N}{5}(\theta^5 - \theta_t^5)` gives, for each tip
    temperature :math:`\theta_t`, the profile number
    :math:`N = \tfrac52\left(\int_{\theta_t}^1 d\theta/\sqrt{\theta^5-\theta_t^5}\right)^2`
    and the efficiency :math:`\eta = |\theta'(0)|/N = \sqrt{2(1-\theta_t^5)/(5N)}`. The
    integral is taken with :math:`\theta = \theta_t + u^2`, which removes the root
    singularity, by composite Gauss-Legendre quadrature on panels whose edges grow
    geometrically from :math:`u \sim 10^{-3}\sqrt{\theta_t}` (the integrand falls as
    :math:`u^{-4}` once :math:`u^2 \gg \theta_t`); within 1e-10 of adaptive quadrature.
    """
    tip = _FIN_TIPS
    top = np.sqrt(1.0 - tip)
    first = np.minimum(1e-3 * np.sqrt(tip), 1e-3 * top)
    inner = first[:, None] * (top / first)[:, None] ** np.linspace(0.0, 1.0, _FIN_PANELS)
    edges = np.concatenate([np.zeros((tip.size, 1)), inner], axis=1)
    x, w = np.polynomial.legendre.leggauss(_FIN_NODES)
    lo, hi = edges[:, :-1, None], edges[:, 1:, None]
    u = lo + 0.5 * (hi - lo) * (x + 1.0)
    t = tip[:, None, None]
    theta = t + u * u
    # (θ⁵ − θ_t⁵)/(θ − θ_t) = Σ θ^k θ_t^(4−k): no cancellation near the root
    poly = sum(theta**k * t ** (4 - k) for k in range(5))
    integral = (0.5 * (hi - lo) * w * 2.0 / np.sqrt(poly)).sum(axis=(1, 2))
    n = 2.5 * integral**2
    eta = np.sqrt(2.0 * (1.0 - tip**5) / (5.0 * n))
    order = np.argsort(n)
    return as_float(np.log(n[order])), as_float(np.log(eta[order]))


def radiating_fin_efficiency(profile_number: ArrayLike) -> FloatArray:
    r"""Efficiency of a straight rectangular fin radiating to deep space (0 K sink).

    Parameters
    ----------
    profile_number : array_like
        :math:`N = \varepsilon\sigma T_b^3 L^2/(k t)` [-], ≥ 0
        (:func:`radiating_fin_profile_number`).

    Returns
    -------
    FloatArray
        Heat the fin radiates over what it would radiate were it all at its root
        temperature [-], in (0, 1]: 1 at N = 0, :math:`1 - \tfrac43 N` for small N,
        :math:`\sqrt{2/(5N)}` for large N.

    Notes
    -----
    The exact solution of :math:`\theta'' = N\theta^4` with a fixed root temperature and
    an adiabatic tip (the mid-line between two tubes), tabulated once from its first
    integral (:func:`_fin_table`, within 1e-5 of a boundary-value solver, tests) and
    interpolated linearly in :math:`(\ln N, \ln\eta)`; below N = 2e-9 the series
    :math:`1 - \tfrac43 N`.
    Valid for N up to ~5e5 (tip at 2 % of the root temperature), far beyond any radiator.
    Environmental loads are counted separately (as absorbed flux), the usual
    approximation for radiators far hotter than their sink.

    References
    ----------
    .. [1] Lieblein, S., NASA TN D-196 (1959): the rectangular radiating fin, exact solution.
    .. [2] Chapman, A. J., Heat Transfer, 4th ed. (1984): radiating fin efficiency.
    .. [3] Karam, R. D., Satellite Thermal Control for Systems Engineers (AIAA, 1998), ch. 5.
    """
    n = non_negative("profile_number", profile_number)
    log_n, log_eta = _fin_table()
    if np.any(n > np.exp(log_n[-1])):
        raise InputError(
            "profile_number", float(n.max()), f"at most {np.exp(log_n[-1]):.3g} (tip > 2 %)"
        )
    small = n < np.exp(log_n[0])
    inside = np.exp(np.interp(np.log(np.where(small, np.exp(log_n[0]), n)), log_n, log_eta))
    return as_float(np.where(small, 1.0 - 4.0 * n / 3.0, inside))


def view_factor_perpendicular_plates(
    common_edge_m: ArrayLike, width_from_m: ArrayLike, width_to_m: ArrayLike
) -> FloatArray:
    r"""View factor between two perpendicular rectangles that share an edge.

    Parameters
    ----------
    common_edge_m : array_like
        Length of the shared edge X [m], > 0.
    width_from_m : array_like
        Width Y of the emitting rectangle, perpendicular to the edge [m], > 0.
    width_to_m : array_like
        Width Z of the receiving rectangle, perpendicular to the edge [m], > 0.

    Returns
    -------
    FloatArray
        :math:`F_{1\to2}` [-]; 0.2000 for two equal squares.

    Notes
    -----
    With :math:`W = Y/X`, :math:`H = Z/X`:

    .. math::
        F = \frac{1}{\pi W}\Big[W\arctan\frac1W + H\arctan\frac1H
            - \sqrt{H^2+W^2}\arctan\frac{1}{\sqrt{H^2+W^2}}
            + \frac14\ln\Big(\frac{(1+W^2)(1+H^2)}{1+W^2+H^2}
            \Big[\frac{W^2(1+W^2+H^2)}{(1+W^2)(W^2+H^2)}\Big]^{W^2}
            \Big[\frac{H^2(1+H^2+W^2)}{(1+H^2)(H^2+W^2)}\Big]^{H^2}\Big)\Big]

    References
    ----------
    .. [1] Howell, A Catalog of Radiation Heat Transfer Configuration Factors, 3rd ed., C-14.
    .. [2] Incropera, DeWitt, Bergman & Lavine, Fundamentals of Heat and Mass Transfer,
       6th ed. (2007), Table 13.2 (perpendicular rectangles with a common edge).
    """
    x = positive("common_edge_m", common_edge_m)
    w = positive("width_from_m", width_from_m) / x
    h = positive("width_to_m", width_to_m) / x
    w2, h2 = w * w, h * h
    r = np.sqrt(w2 + h2)
    log_term = (
        np.log((1 + w2) * (1 + h2) / (1 + w2 + h2))
        + w2 * np.log(w2 * (1 + w2 + h2) / ((1 + w2) * (w2 + h2)))
        + h2 * np.log(h2 * (1 + h2 + w2) / ((1 + h2) * (h2 + w2)))
    )
    f = (w * np.arctan(1 / w) + h * np.arctan(1 / h) - r * np.arctan(1 / r) + 0.25 * log_term) / (
        np.pi * w
    )
    return as_float(f)


def radiator_temperature_step(
    temperature_k: ArrayLike,
    heat_in_w: ArrayLike,
    emitting_w_per_k4: ArrayLike,
    heat_capacity_j_per_k: ArrayLike,
    dt_s: ArrayLike,
    offset_k: ArrayLike = 0.0,
) -> tuple[FloatArray, FloatArray]:
    r"""One linearized backward-Euler step of a lumped radiating node.

    Parameters
    ----------
    temperature_k : array_like
        Node temperature at the start of the step :math:`T_n` [K].
    heat_in_w : array_like
        Heat into the node over the step (electrical load, absorbed environment) [W].
    emitting_w_per_k4 : array_like
        :math:`K` in the emission :math:`Q = K (T - \Delta)^4` [W/K⁴], ≥ 0 (area, faces,
        emissivity, fin efficiency and σ).
    heat_capacity_j_per_k : array_like
        Heat capacity of the node [J/K], > 0.
    dt_s : array_like
        Time step [s], > 0.
    offset_k : array_like
        :math:`\Delta`: the emitting surface is this much colder than the node (the
        coolant-to-surface drop) [K].

    Returns
    -------
    (FloatArray, FloatArray)
        :math:`T_{n+1}` [K] and the heat emitted over the step [W] (the step's mean, so
        ``C (T_{n+1} - T_n) = dt (heat_in - emitted)`` exactly).

    Notes
    -----
    The emission is linearized about :math:`T_n`,
    :math:`Q(T_{n+1}) \approx Q_n + G_n (T_{n+1} - T_n)` with
    :math:`G_n = 4K(T_n-\Delta)^3`, and the step solved implicitly:

    .. math:: T_{n+1} = T_n + \frac{\Delta t\,(Q_\mathrm{in} - Q_n)}{C + G_n\Delta t}.

    It is stable for any step (a departure from the steady state shrinks by
    :math:`1/(1 + G\Delta t/C)` per step to first order) and first-order accurate. A
    warming node can overshoot its steady state in steps much longer than its time
    constant :math:`C/G` (the tangent underestimates the convex :math:`T^4`), so the step
    is chosen for accuracy, a small share of :math:`C/G`.

    References
    ----------
    .. [1] Gilmore (2002), ch. 15 (thermal analysis: lumped nodes, implicit stepping).
    """
    t = as_float(temperature_k)
    surface = np.maximum(t - as_float(offset_k), 0.0)
    k = as_float(emitting_w_per_k4)
    q_n = k * surface**4
    g_n = 4.0 * k * surface**3
    dt = as_float(dt_s)
    c = as_float(heat_capacity_j_per_k)
    t_next = t + dt * (as_float(heat_in_w) - q_n) / (c + g_n * dt)
    emitted = q_n + g_n * (t_next - t)
    return as_float(t_next), as_float(emitted)
