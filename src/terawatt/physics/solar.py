"""Solar irradiance in space, photovoltaic array power, area and mass, temperature derating.

All functions are pure and vectorized: inputs broadcast with numpy rules, SI floats in,
float64 arrays out (0-d for scalar input). Physically impossible inputs raise
:class:`terawatt.errors.InputError` naming the offending argument.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from terawatt.errors import InputError
from terawatt.physics import orbit, sunlight
from terawatt.physics.constants import EARTH_ORBIT_ECCENTRICITY, SOLAR_CONSTANT_IAU2015_W_M2
from terawatt.physics.sun import sun_position
from terawatt.physics.time import julian_date
from terawatt.typing import ArrayLike, FloatArray, as_float
from terawatt.validate import checked, fraction, non_negative, positive

#: Mean motion of the Sun's mean anomaly, 0.9856 deg/day (Astronomical Almanac, sec. C5,
#: low-precision formulae for the Sun: g = 357.529° + 0.98560028° n).
MEAN_ANOMALY_RATE_DEG_PER_DAY = 0.9856
#: Day of year (1 = 1 January) of perihelion; it falls on 2–5 January (Astronomical
#: Almanac; USNO "Earth's Seasons" tables), so the mean anomaly is ~0 on day 4.
PERIHELION_DAY_OF_YEAR = 4.0

__all__ = [
    "MEAN_ANOMALY_RATE_DEG_PER_DAY",
    "ORBIT_POINTINGS",
    "PERIHELION_DAY_OF_YEAR",
    "STC_CELL_TEMPERATURE_C",
    "OrbitPointing",
    "array_area_m2",
    "array_mass_from_area_kg",
    "array_mass_kg",
    "array_power_per_area_w_per_m2",
    "array_power_w",
    "earth_sun_distance_au",
    "end_of_life_factor",
    "orbit_irradiance_w_per_m2",
    "orbit_pointing",
    "solar_irradiance_w_per_m2",
    "temperature_corrected_irradiance_w_per_m2",
]


def earth_sun_distance_au(day_of_year: ArrayLike) -> FloatArray:
    r"""Earth–Sun distance on a day of the year (low-precision, first order in e).

    Parameters
    ----------
    day_of_year : array_like
        Day of the year [d], 1 = 1 January; fractions allowed.

    Returns
    -------
    FloatArray
        Earth–Sun distance [au].

    Notes
    -----
    .. math:: r = 1 - e \cos\bigl(0.9856^\circ\,(d - 4)\bigr)

    with e = 0.0167, perihelion (r = 1 − e) on day 4 and aphelion (r = 1 + e) ~183 days
    later. Agrees with the JPL DE421 ephemeris to better than 1e-3 au over 2023–2025.

    References
    ----------
    .. [1] Astronomical Almanac, sec. C5, "Low precision formulas for the Sun":
       R = 1.00014 − 0.01671 cos g − 0.00014 cos 2g, g = 357.529° + 0.98560028° n.
    """
    d = as_float(day_of_year)
    mean_anomaly_rad = np.radians(MEAN_ANOMALY_RATE_DEG_PER_DAY * (d - PERIHELION_DAY_OF_YEAR))
    return as_float(1.0 - EARTH_ORBIT_ECCENTRICITY * np.cos(mean_anomaly_rad))


def solar_irradiance_w_per_m2(
    day_of_year: ArrayLike | None = None,
    distance_au: ArrayLike = 1.0,
    solar_constant_w_per_m2: ArrayLike = SOLAR_CONSTANT_IAU2015_W_M2,
) -> FloatArray:
    """Total solar irradiance at a given day of year or distance from the Sun.

    Parameters
    ----------
    day_of_year : array_like, optional
        Day of the year [d] (1 = 1 January). When given, it sets the Earth–Sun distance
        and ``distance_au`` must be left at 1.
    distance_au : array_like
        Distance from the Sun [au]; used when ``day_of_year`` is None. Must be > 0.
    solar_constant_w_per_m2 : array_like
        Irradiance at 1 au [W/m²]; IAU 2015 nominal 1361 W/m² by default.

    Returns
    -------
    FloatArray
        Irradiance on a surface normal to the Sun [W/m²].

    Notes
    -----
    .. math:: S(r) = S_0 / r^2

    Over a year S varies by +3.4 % / −3.3 % about S₀ (maximum early January).

    References
    ----------
    .. [1] IAU 2015 Resolution B3 (nominal total solar irradiance 1361 W/m²).
    .. [2] Kopp, G. & Lean, J. L. (2011), Geophys. Res. Lett. 38, L01706.
    """
    solar_constant = non_negative("solar_constant_w_per_m2", solar_constant_w_per_m2)
    distance = positive("distance_au", distance_au)
    if day_of_year is not None:
        if np.any(distance != 1.0):
            raise InputError("distance_au", distance_au, "1 (omitted) when day_of_year is given")
        distance = earth_sun_distance_au(day_of_year)
    return as_float(solar_constant / distance**2)


def end_of_life_factor(degradation_per_year: ArrayLike, years: ArrayLike) -> FloatArray:
    r"""Fraction of beginning-of-life power left after ``years`` of compound degradation.

    Parameters
    ----------
    degradation_per_year : array_like
        Fractional power loss per year [1/yr], in [0, 1).
    years : array_like
        Age of the array [yr], ≥ 0.

    Returns
    -------
    FloatArray
        End-of-life factor [-], in (0, 1].

    Notes
    -----
    .. math:: f_\mathrm{EOL} = (1 - d)^{t}

    References
    ----------
    .. [1] Wertz, J. R. & Larson, W. J. (eds.), Space Mission Analysis and Design, 3rd ed.
       (1999), sec. 11.4 (lifetime degradation L_d = (1 − degradation/yr)^life).
    """
    d = checked("degradation_per_year", degradation_per_year, low=0.0, high=1.0, high_open=True)
    t = non_negative("years", years)
    return as_float((1.0 - d) ** t)


def array_power_per_area_w_per_m2(
    efficiency: ArrayLike,
    *,
    packing_factor: ArrayLike = 0.9,
    irradiance_w_per_m2: ArrayLike = SOLAR_CONSTANT_IAU2015_W_M2,
    incidence_deg: ArrayLike = 0.0,
    degradation_per_year: ArrayLike = 0.0,
    years: ArrayLike = 0.0,
    other_losses: ArrayLike = 0.0,
) -> FloatArray:
    r"""Electrical power per unit of array area.

    Parameters
    ----------
    efficiency : array_like
        Cell conversion efficiency [-], in (0, 1].
    packing_factor : array_like
        Fraction of array area covered by cells [-], in (0, 1].
    irradiance_w_per_m2 : array_like
        Solar irradiance normal to the Sun [W/m²], ≥ 0.
    incidence_deg : array_like
        Angle between the array normal and the Sun direction [deg]; cos θ clipped at 0.
    degradation_per_year : array_like
        Fractional power loss per year [1/yr], in [0, 1).
    years : array_like
        Array age [yr], ≥ 0.
    other_losses : array_like
        Other fractional losses (wiring, mismatch, temperature) [-], in [0, 1).

    Returns
    -------
    FloatArray
        Power per array area [W/m²].

    Notes
    -----
    .. math:: P/A = S\,\eta\,f_\mathrm{pack}\,\max(\cos\theta, 0)\,(1-d)^{t}\,(1-L)

    References
    ----------
    .. [1] Wertz & Larson, Space Mission Analysis and Design, 3rd ed. (1999), sec. 11.4
       (P_BOL = P_0 I_d cos θ, P_EOL = P_BOL L_d).
    """
    eta = fraction("efficiency", efficiency)
    packing = fraction("packing_factor", packing_factor)
    irradiance = non_negative("irradiance_w_per_m2", irradiance_w_per_m2)
    losses = checked("other_losses", other_losses, low=0.0, high=1.0, high_open=True)
    cos_incidence = as_float(np.clip(np.cos(np.radians(as_float(incidence_deg))), 0.0, None))
    eol = end_of_life_factor(degradation_per_year, years)
    return as_float(irradiance * eta * packing * cos_incidence * eol * (1.0 - losses))


def array_power_w(
    area_m2: ArrayLike,
    efficiency: ArrayLike,
    *,
    packing_factor: ArrayLike = 0.9,
    irradiance_w_per_m2: ArrayLike = SOLAR_CONSTANT_IAU2015_W_M2,
    incidence_deg: ArrayLike = 0.0,
    degradation_per_year: ArrayLike = 0.0,
    years: ArrayLike = 0.0,
    other_losses: ArrayLike = 0.0,
) -> FloatArray:
    r"""Electrical power of a solar array of given area at a given age.

    Parameters
    ----------
    area_m2 : array_like
        Array area [m²], ≥ 0.
    efficiency : array_like
        Cell conversion efficiency [-], in (0, 1].
    packing_factor, irradiance_w_per_m2, incidence_deg : array_like
        As in :func:`array_power_per_area_w_per_m2`.
    degradation_per_year, years, other_losses : array_like
        As in :func:`array_power_per_area_w_per_m2`.

    Returns
    -------
    FloatArray
        Electrical power [W].

    Notes
    -----
    .. math:: P = S\,A\,\eta\,f_\mathrm{pack}\,\max(\cos\theta, 0)\,(1-d)^{t}\,(1-L)

    References
    ----------
    .. [1] Wertz & Larson, Space Mission Analysis and Design, 3rd ed. (1999), sec. 11.4.
    """
    area = non_negative("area_m2", area_m2)
    per_area = array_power_per_area_w_per_m2(
        efficiency,
        packing_factor=packing_factor,
        irradiance_w_per_m2=irradiance_w_per_m2,
        incidence_deg=incidence_deg,
        degradation_per_year=degradation_per_year,
        years=years,
        other_losses=other_losses,
    )
    return as_float(area * per_area)


def array_area_m2(
    power_w: ArrayLike,
    efficiency: ArrayLike,
    *,
    packing_factor: ArrayLike = 0.9,
    irradiance_w_per_m2: ArrayLike = SOLAR_CONSTANT_IAU2015_W_M2,
    incidence_deg: ArrayLike = 0.0,
    degradation_per_year: ArrayLike = 0.0,
    years: ArrayLike = 0.0,
    other_losses: ArrayLike = 0.0,
) -> FloatArray:
    r"""Array area needed to deliver ``power_w`` at age ``years`` (inverse of array_power_w).

    Sizing for end of life means ``years`` = mission lifetime.

    Parameters
    ----------
    power_w : array_like
        Required electrical power [W], ≥ 0.
    efficiency : array_like
        Cell conversion efficiency [-], in (0, 1].
    packing_factor, irradiance_w_per_m2, incidence_deg : array_like
        As in :func:`array_power_per_area_w_per_m2`.
    degradation_per_year, years, other_losses : array_like
        As in :func:`array_power_per_area_w_per_m2`.

    Returns
    -------
    FloatArray
        Array area [m²].

    Notes
    -----
    .. math:: A = P \big/ \bigl[S\,\eta\,f_\mathrm{pack}\,\max(\cos\theta,0)\,
              (1-d)^{t}\,(1-L)\bigr]

    References
    ----------
    .. [1] Wertz & Larson, Space Mission Analysis and Design, 3rd ed. (1999), sec. 11.4
       (array area A_sa = P_sa / P_EOL).
    """
    power = non_negative("power_w", power_w)
    per_area = array_power_per_area_w_per_m2(
        efficiency,
        packing_factor=packing_factor,
        irradiance_w_per_m2=irradiance_w_per_m2,
        incidence_deg=incidence_deg,
        degradation_per_year=degradation_per_year,
        years=years,
        other_losses=other_losses,
    )
    if np.any(per_area <= 0.0):
        dark = np.any(as_float(irradiance_w_per_m2) <= 0.0)
        field, value = (
            ("irradiance_w_per_m2", irradiance_w_per_m2)
            if dark
            else ("incidence_deg", incidence_deg)
        )
        raise InputError(field, value, "sunlight on the array (irradiance > 0, incidence < 90°)")
    return as_float(power / per_area)


def array_mass_kg(power_w: ArrayLike, specific_power_w_per_kg: ArrayLike) -> FloatArray:
    """Array mass from its power and its specific power.

    Parameters
    ----------
    power_w : array_like
        Electrical power [W], ≥ 0.
    specific_power_w_per_kg : array_like
        Power per mass of the array [W/kg], > 0.

    Returns
    -------
    FloatArray
        Array mass [kg].

    Notes
    -----
    .. math:: m = P / (P/m)

    References
    ----------
    .. [1] Wertz & Larson, Space Mission Analysis and Design, 3rd ed. (1999), sec. 11.4
       (specific power of array types).
    """
    power = non_negative("power_w", power_w)
    specific_power = positive("specific_power_w_per_kg", specific_power_w_per_kg)
    return as_float(power / specific_power)


def array_mass_from_area_kg(area_m2: ArrayLike, areal_mass_kg_per_m2: ArrayLike) -> FloatArray:
    r"""Array mass from its area and its areal density.

    Parameters
    ----------
    area_m2 : array_like
        Array area [m²], ≥ 0.
    areal_mass_kg_per_m2 : array_like
        Mass per area of the array [kg/m²], ≥ 0.

    Returns
    -------
    FloatArray
        Array mass [kg].

    Notes
    -----
    .. math:: m = A\,\rho_A

    References
    ----------
    .. [1] Wertz & Larson, Space Mission Analysis and Design, 3rd ed. (1999), sec. 11.4.
    """
    area = non_negative("area_m2", area_m2)
    return as_float(area * non_negative("areal_mass_kg_per_m2", areal_mass_kg_per_m2))


#: Orientation of a panel in a sun-synchronous orbit: at the Sun whenever lit, or fixed
#: facing along the orbit normal (no drive).
OrbitPointing = Literal["sun", "orbit-normal"]
ORBIT_POINTINGS: tuple[OrbitPointing, ...] = ("sun", "orbit-normal")
#: Cell temperature of standard test conditions, 25 °C (IEC 60904-3), at which a panel's
#: efficiency is rated.
STC_CELL_TEMPERATURE_C = 25.0


def orbit_pointing(pointing: object) -> OrbitPointing:
    """Check a panel orientation name.

    Raises
    ------
    InputError
        ``orbit_pointing`` for a name other than ``"sun"`` or ``"orbit-normal"``.
    """
    if pointing not in ORBIT_POINTINGS:
        raise InputError(
            "orbit_pointing", pointing, f"one of {', '.join(map(repr, ORBIT_POINTINGS))}"
        )
    result: OrbitPointing = pointing
    return result


def orbit_irradiance_w_per_m2(
    altitude_m: float, ltan_h: float, *, year: int, pointing: OrbitPointing = "sun"
) -> float:
    r"""Annual-mean solar irradiance on a panel in a circular sun-synchronous orbit.

    Parameters
    ----------
    altitude_m : float
        Orbit altitude [m].
    ltan_h : float
        Local time of the ascending node [h] (18: dawn-dusk).
    year : int
        Calendar year.
    pointing : {"sun", "orbit-normal"}
        ``"sun"``: the panel faces the Sun whenever lit. ``"orbit-normal"``: a panel fixed
        facing along the orbit normal (no drive), lit at :math:`|\sin\beta|`.

    Returns
    -------
    float
        Annual-mean irradiance on the panel [W/m²] (× 8.766 for kWh/m²/yr).

    Notes
    -----
    .. math:: \bar E_\mathrm{sun} = S_0 f_\mathrm{sun}, \qquad
              \bar E_\mathrm{normal} = S_0\,\overline{|\sin\beta|\,(1 - f_E(\beta))}

    with :math:`S_0` = 1361 W/m² at 1 au; the annual mean of :math:`1/r^2` (1.00014) is left
    out. The orbit-normal mean is over the hours of the year.

    References
    ----------
    IAU 2015 Resolution B3; SMAD 3rd ed., sec. 5.1 (eclipses) and 11.4 (arrays).
    """
    kind = orbit_pointing(pointing)
    if kind == "sun":
        stats = sunlight.sunlight_stats(altitude_m, ltan_h, year)
        return float(SOLAR_CONSTANT_IAU2015_W_M2 * stats.sunlit_fraction)
    start = np.datetime64(f"{year:04d}-01-01T00:30", "m")
    end = np.datetime64(f"{year + 1:04d}-01-01T00:00", "m")
    jd = julian_date(np.arange(start, end, np.timedelta64(60, "m")))
    sun = sun_position(jd)
    beta = sunlight.beta_angle_deg(
        orbit.sso_raan_rad(ltan_h, jd),
        orbit.sso_inclination_deg(altitude_m),
        sun.right_ascension_rad,
        sun.declination_rad,
    )
    lit = 1.0 - sunlight.eclipse_fraction(altitude_m, beta)
    return float(SOLAR_CONSTANT_IAU2015_W_M2 * np.mean(np.abs(np.sin(np.deg2rad(beta))) * lit))


def temperature_corrected_irradiance_w_per_m2(
    irradiance_w_per_m2: ArrayLike,
    cell_temperature_c: ArrayLike,
    temperature_coefficient_per_k: ArrayLike,
) -> FloatArray:
    r"""Irradiance times a panel's temperature derating: DC power per unit STC efficiency.

    Parameters
    ----------
    irradiance_w_per_m2 : array_like
        Irradiance on the panel [W/m²], ≥ 0 (an annual mean, or hourly values).
    cell_temperature_c : array_like
        Operating cell temperature [°C], in [−100, 200].
    temperature_coefficient_per_k : array_like
        Relative power change per kelvin above 25 °C [1/K], in [−0.02, 0.01]
        (crystalline silicon: about −0.0035).

    Returns
    -------
    FloatArray
        Effective irradiance [W/m²].

    Notes
    -----
    .. math:: E_\mathrm{eff} = E\,[1 + \gamma\,(T - 25\,°\mathrm{C})]

    References
    ----------
    Dobos, A. P. (2014), *PVWatts Version 5 Manual*, NREL/TP-6A20-62641, sec. 9
    (temperature correction); IEC 60904-3 (standard test conditions, 25 °C).
    """
    irradiance = checked("irradiance_w_per_m2", irradiance_w_per_m2, low=0.0)
    temperature = checked("cell_temperature_c", cell_temperature_c, low=-100.0, high=200.0)
    gamma = checked(
        "temperature_coefficient_per_k", temperature_coefficient_per_k, low=-0.02, high=0.01
    )
    return as_float(irradiance * (1.0 + gamma * (temperature - STC_CELL_TEMPERATURE_C)))
