r"""Annual yield of a photovoltaic panel on the ground at real sites, with pvlib.

The ground half of the orbit-versus-ground comparison (claim C12). For a site and a
mounting, one calendar year is computed hourly (all hours at once, vectorized):

1. **Sun**: NREL SPA solar position (``pvlib.solarposition``, ``nrel_numpy``).
2. **Clear sky**: the Ineichen–Perez model (``pvlib.clearsky.ineichen``) with the
   monthly Linke turbidity climatology that ships inside pvlib (SoDa/Remund,
   ``LinkeTurbidities.h5``, read offline by ``lookup_linke_turbidity``), Kasten–Young
   relative air mass corrected to the site's pressure.
3. **Plane of array**: the Perez 1990 anisotropic-sky transposition
   (``pvlib.irradiance.get_total_irradiance``) for (a) a fixed panel tilted at the
   latitude facing the equator and (b) a horizontal north–south single-axis tracker,
   ±60° with backtracking at a ground coverage ratio of 0.35 (``pvlib.tracking``).
4. **Weather**: the site's long-term measured (or satellite-derived) GHI over the clear-sky
   GHI gives the annual clear-sky index :math:`k`. The actual sky is a mixture of two states
   (below), so that cloudy sites lose the beam that tilting and tracking gain from.
5. **Temperature**: the Sandia (SAPM) open-rack glass/glass cell temperature model with an
   hourly air temperature from the site's climate normals and its mean wind speed; power
   falls by the temperature coefficient :math:`\gamma` per kelvin above 25 °C.

The two-state sky
-----------------
Each hour is either clear (irradiance as computed) or overcast, with a global irradiance
:math:`c = 0.25` of the clear-sky value (Kasten & Czeplak 1980, eight oktas) arriving as
isotropic diffuse light. The clear fraction :math:`p` matches the site's annual GHI:

.. math::
   k = \frac{\bar G_\mathrm{site}}{\bar G_\mathrm{clear}} = p + (1 - p)\,c
   \;\Rightarrow\; p = \frac{k - c}{1 - c}, \qquad
   \bar E_\mathrm{POA} = p\,\bar E_\mathrm{clear} + (1 - p)\,\bar E_\mathrm{overcast},

   E_\mathrm{overcast} = c\,G_\mathrm{clear}\left[\frac{1 + \cos\beta}{2}
   + \rho\,\frac{1 - \cos\beta}{2}\right]

with panel tilt :math:`\beta` and albedo :math:`\rho`. Where the clear-sky model is darker
than the site (:math:`k > 1`: the Linke climatology is too turbid over the cleanest
deserts) the clear-sky yield is scaled by :math:`k` instead. Everything is linear in
:math:`k` and in :math:`\gamma`, so the annual sums are computed once per site and mounting
and Monte Carlo samples cost one multiply-add each:

.. math::
   \bar P_\mathrm{DC}/\eta_\mathrm{STC} = \sum_{s \in \{\mathrm{clear}, \mathrm{overcast}\}}
   w_s \left[\overline{E_s} + \gamma\,\overline{E_s (T_{\mathrm{cell},s} - 25\,\mathrm{K})}
   \right].

Against the typical-meteorological-year files that ship with pvlib (TMY3 Greensboro, NC,
and Sand Point, AK; hourly measured-and-modelled weather), this two-state model gives the
annual latitude-tilt plane-of-array irradiation 4 % high at both; scaling the clear-sky POA
by :math:`k` instead is 7 % and 20 % high (see ``tests/earth/test_groundsolar.py``).

Not modelled, all of which make the ground look better than it is (the orbit/ground ratio
is therefore slightly low): reflection losses at oblique incidence (~2–4 %/yr), soiling
(1–5 % in deserts), spectral effects, snow, inverter and wiring losses (these last two
apply in orbit too). Results are annual means over the hours of ``year``; an annual energy
is the mean power times a Julian year.

References
----------
Ineichen, P. & Perez, R. (2002), Solar Energy 73, 151–157 (clear-sky model).
Remund, J. et al. (2003), "Worldwide Linke turbidity information", ISES Solar World
Congress (the climatology shipped with pvlib).
Perez, R. et al. (1990), Solar Energy 44, 271–289 (transposition).
Reda, I. & Andreas, A. (2004), Solar Energy 76, 577–589 (solar position, SPA).
Kasten, F. & Czeplak, G. (1980), Solar Energy 24, 177–189 (overcast-sky irradiance).
King, D. L., Boyson, W. E. & Kratochvil, J. A. (2004), SAND2004-3535, Sandia (SAPM
cell temperature, Table 1: open rack glass/glass a = −3.47, b = −0.0594, ΔT = 3 °C).
Dobos, A. (2014), PVWatts Version 5 Manual, NREL/TP-6A20-62641 (temperature
coefficient −0.35 %/°C for a "premium" module; albedo 0.2).
Holmgren, W. F., Hansen, C. W. & Mikofski, M. A. (2018), "pvlib python", Journal of Open
Source Software 3(29), 884.
"""

from __future__ import annotations

import calendar
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import numpy as np
import pandas as pd
import pvlib

from terawatt.earth.groundsites import Site, load_sites, site
from terawatt.errors import InputError
from terawatt.parameters.table import central
from terawatt.physics.constants import J_PER_KWH, JULIAN_YEAR_S, ZERO_CELSIUS_K
from terawatt.physics.solar import STC_CELL_TEMPERATURE_C
from terawatt.typing import ArrayLike, FloatArray, as_float
from terawatt.validate import checked, positive, unit_interval

__all__ = [
    "MAX_CLEAR_SKY_INDEX",
    "MOUNTINGS",
    "OVERCAST_CLEAR_SKY_INDEX",
    "TEMPERATURE_COEFFICIENT_PARAMETER",
    "YEAR",
    "GroundYield",
    "Mounting",
    "air_temperature_k",
    "clear_sky",
    "ground_yield",
    "ground_yield_table",
    "hourly_times",
    "plane_of_array",
]

Mounting = Literal["fixed", "single-axis"]


#: The ground mountings modelled: fixed at latitude tilt, and horizontal N-S single axis.
MOUNTINGS: tuple[Mounting, ...] = ("fixed", "single-axis")

#: Calendar year computed by default (the claims' year; the Linke turbidity is a climatology).
YEAR = 2026
#: Table entry of the panel's power temperature coefficient [1/K] (the same panel in orbit
#: and on the ground); its central value is the default of every yield method.
TEMPERATURE_COEFFICIENT_PARAMETER = "orbital_solar.temperature_coefficient"
#: Standard-test-condition cell temperature [K] (``STC_CELL_TEMPERATURE_C`` of
#: :mod:`terawatt.physics.solar`).
_STC_CELL_TEMPERATURE_K = STC_CELL_TEMPERATURE_C + ZERO_CELSIUS_K
#: Global irradiance of a fully overcast sky as a fraction of the clear-sky value
#: (``ground_solar.overcast_clear_sky_index``: Kasten & Czeplak 1980, eight oktas).
OVERCAST_CLEAR_SKY_INDEX = central("ground_solar.overcast_clear_sky_index")
#: Largest annual clear-sky index accepted: above 1 the clear-sky model is too dark for the
#: site; more than 15 % too dark means the site's GHI or the model is wrong [-] (a check).
MAX_CLEAR_SKY_INDEX = 1.15
#: SAPM cell-temperature parameters, open rack glass/glass (King et al. 2004, Table 1).
SAPM_OPEN_RACK = pvlib.temperature.TEMPERATURE_MODEL_PARAMETERS["sapm"]["open_rack_glass_glass"]


def _temperature_coefficient(value: ArrayLike | None) -> ArrayLike:
    """``value``, or the table's central temperature coefficient [1/K] for None."""
    return central(TEMPERATURE_COEFFICIENT_PARAMETER) if value is None else value


# --- hourly layer (pvlib) --------------------------------------------------------------------


def _year(year: Any) -> int:
    if isinstance(year, bool) or not isinstance(year, int | np.integer) or not 1900 <= year <= 2100:
        raise InputError("year", year, "a calendar year as an int in [1900, 2100]")
    return int(year)


def hourly_times(year: int = YEAR) -> pd.DatetimeIndex:
    """Mid-points of every hour of ``year`` in UTC (8760 or 8784 instants).

    Parameters
    ----------
    year : int
        Calendar year.

    Returns
    -------
    pandas.DatetimeIndex
        ``year-01-01 00:30Z`` … ``year-12-31 23:30Z``; an hourly mean is the value at the
        mid-point (midpoint rule).
    """
    y = _year(year)
    hours = 24 * (366 if calendar.isleap(y) else 365)
    return pd.date_range(f"{y}-01-01 00:30", periods=hours, freq="h", tz="UTC")


def _times(times: Any) -> pd.DatetimeIndex:
    """``times`` as a UTC DatetimeIndex (naive values read as UTC), raising InputError."""
    try:
        index = pd.DatetimeIndex(pd.to_datetime(times if np.ndim(times) else [times]))
    except (TypeError, ValueError) as err:
        raise InputError("times", times, "datetimes (UTC if naive)") from err
    return index.tz_localize("UTC") if index.tz is None else index.tz_convert("UTC")


def _coordinates(latitude_deg: float, longitude_deg: float) -> tuple[float, float]:
    lat = checked("latitude_deg", latitude_deg, low=-90.0, high=90.0)
    lon = checked("longitude_deg", longitude_deg, low=-180.0, high=180.0)
    if lat.ndim or lon.ndim:
        raise InputError("latitude_deg", latitude_deg, "one site: scalar coordinates")
    return float(lat), float(lon)


def clear_sky(
    times: Any,
    latitude_deg: float,
    longitude_deg: float,
    elevation_m: float = 0.0,
    *,
    linke_turbidity: ArrayLike | None = None,
) -> pd.DataFrame:
    r"""Solar position and Ineichen–Perez clear-sky irradiance at one place.

    Parameters
    ----------
    times : datetime-like or array of them
        Instants (UTC if naive); a single instant gives a one-row frame.
    latitude_deg : float
        Latitude [deg], in [−90, 90].
    longitude_deg : float
        Longitude [deg], in [−180, 180], east positive.
    elevation_m : float
        Height above sea level [m]; sets the pressure (standard atmosphere) and the
        model's altitude terms.
    linke_turbidity : array_like, optional
        Linke turbidity factor [-] (air mass 2); by default the monthly climatology shipped
        with pvlib, interpolated to the day.

    Returns
    -------
    pandas.DataFrame
        Indexed by the UTC times; columns ``zenith_deg``, ``apparent_zenith_deg``,
        ``azimuth_deg``, ``airmass_relative``, ``linke_turbidity``,
        ``dni_extra_w_per_m2``, ``ghi_w_per_m2``, ``dni_w_per_m2``, ``dhi_w_per_m2``
        (irradiances zero at night).

    Notes
    -----
    .. math:: G = c_{g1}\,I_0 \cos z\, e^{-c_{g2} m (f_{h1} + f_{h2}(T_L - 1))}
              \, e^{0.01 m^{1.8}}

    with air mass :math:`m` at the site's pressure and :math:`f_{h1} = e^{-h/8000}`,
    :math:`f_{h2} = e^{-h/1250}` (Ineichen & Perez 2002); DHI = GHI − DNI cos z.

    References
    ----------
    Ineichen & Perez (2002), Solar Energy 73, 151–157; Remund et al. (2003); Reda &
    Andreas (2004); Kasten & Young (1989), Applied Optics 28, 4735 (air mass).
    """
    lat, lon = _coordinates(latitude_deg, longitude_deg)
    elevation = float(checked("elevation_m", elevation_m, low=-500.0, high=9000.0))
    index = _times(times)
    pressure = pvlib.atmosphere.alt2pres(elevation)
    with warnings.catch_warnings():  # pvlib 0.16 still calls DatetimeIndex.dayofyear
        warnings.filterwarnings("ignore", message=".*dayofyear is deprecated")
        position = pvlib.solarposition.get_solarposition(
            index, lat, lon, altitude=elevation, pressure=pressure
        )
        if linke_turbidity is None:
            turbidity = pvlib.clearsky.lookup_linke_turbidity(index, lat, lon).to_numpy(float)
        else:
            turbidity = np.broadcast_to(positive("linke_turbidity", linke_turbidity), index.shape)
        dni_extra = pvlib.irradiance.get_extra_radiation(index).to_numpy(float)
    apparent_zenith = position["apparent_zenith"].to_numpy(float)
    airmass = pvlib.atmosphere.get_relative_airmass(apparent_zenith)
    absolute = pvlib.atmosphere.get_absolute_airmass(airmass, pressure)
    with np.errstate(divide="ignore", invalid="ignore"):  # night: cos z <= 0, air mass NaN
        sky = pvlib.clearsky.ineichen(
            apparent_zenith, absolute, turbidity, altitude=elevation, dni_extra=dni_extra
        )
    return pd.DataFrame(
        {
            "zenith_deg": position["zenith"].to_numpy(float),
            "apparent_zenith_deg": apparent_zenith,
            "azimuth_deg": position["azimuth"].to_numpy(float),
            "airmass_relative": airmass,
            "linke_turbidity": np.asarray(turbidity, dtype=float),
            "dni_extra_w_per_m2": dni_extra,
            "ghi_w_per_m2": np.nan_to_num(np.asarray(sky["ghi"], dtype=float)),
            "dni_w_per_m2": np.nan_to_num(np.asarray(sky["dni"], dtype=float)),
            "dhi_w_per_m2": np.nan_to_num(np.asarray(sky["dhi"], dtype=float)),
        },
        index=index,
    )


def _mounting(mounting: Any) -> Mounting:
    if mounting not in MOUNTINGS:
        raise InputError("mounting", mounting, f"one of {', '.join(map(repr, MOUNTINGS))}")
    result: Mounting = mounting
    return result


def plane_of_array(
    sky: pd.DataFrame, latitude_deg: float, mounting: Mounting = "fixed", albedo: float = 0.2
) -> pd.DataFrame:
    r"""Panel orientation and plane-of-array irradiance for a mounting (Perez 1990).

    Parameters
    ----------
    sky : pandas.DataFrame
        Output of :func:`clear_sky` (or the same columns from another source).
    latitude_deg : float
        Site latitude [deg]; sets the fixed tilt and which way the panel faces.
    mounting : {"fixed", "single-axis"}
        ``"fixed"``: tilt |latitude|, facing the equator. ``"single-axis"``: horizontal
        north–south axis, rotation ±60°, backtracking at ground coverage ratio 0.35
        (table entries ``ground_solar.tracker_max_angle`` and
        ``ground_solar.tracker_ground_coverage_ratio``).
    albedo : float
        Ground reflectance [-].

    Returns
    -------
    pandas.DataFrame
        Columns ``surface_tilt_deg``, ``surface_azimuth_deg``, ``poa_w_per_m2``.

    Notes
    -----
    .. math:: E_\mathrm{POA} = E_b \cos\theta + E_{d,\mathrm{Perez}}
              + \rho\,G\,\frac{1 - \cos\beta}{2}

    References
    ----------
    Perez et al. (1990), Solar Energy 44, 271–289; Marion & Dobos (2013), "Rotation angle
    for the optimum tracking of one-axis trackers", NREL/TP-6A20-58891 (tracking and
    backtracking as in ``pvlib.tracking.singleaxis``).
    """
    lat = float(checked("latitude_deg", latitude_deg, low=-90.0, high=90.0))
    rho = float(unit_interval("albedo", albedo))
    kind = _mounting(mounting)
    n = len(sky)
    zenith = sky["apparent_zenith_deg"].to_numpy(float)
    azimuth = sky["azimuth_deg"].to_numpy(float)
    if kind == "fixed":
        tilt = np.full(n, abs(lat))
        surface_azimuth = np.full(n, 180.0 if lat >= 0.0 else 0.0)
    else:
        tracker = pvlib.tracking.singleaxis(
            zenith,
            azimuth,
            axis_tilt=0.0,
            axis_azimuth=180.0,
            max_angle=central("ground_solar.tracker_max_angle"),
            backtrack=True,
            gcr=central("ground_solar.tracker_ground_coverage_ratio"),
        )
        tilt = np.nan_to_num(np.asarray(tracker["surface_tilt"], dtype=float))
        surface_azimuth = np.nan_to_num(
            np.asarray(tracker["surface_azimuth"], dtype=float), nan=90.0
        )
    poa = pvlib.irradiance.get_total_irradiance(
        tilt,
        surface_azimuth,
        zenith,
        azimuth,
        sky["dni_w_per_m2"].to_numpy(float),
        sky["ghi_w_per_m2"].to_numpy(float),
        sky["dhi_w_per_m2"].to_numpy(float),
        dni_extra=sky["dni_extra_w_per_m2"].to_numpy(float),
        airmass=sky["airmass_relative"].to_numpy(float),
        albedo=rho,
        model="perez",
    )
    return pd.DataFrame(
        {
            "surface_tilt_deg": tilt,
            "surface_azimuth_deg": surface_azimuth,
            "poa_w_per_m2": np.clip(np.nan_to_num(np.asarray(poa["poa_global"], float)), 0, None),
        },
        index=sky.index,
    )


def air_temperature_k(times: Any, where: str | Site) -> FloatArray:
    r"""Hourly air temperature from a site's climate normals (seasonal and daily cosines).

    Parameters
    ----------
    times : datetime-like or array of them
        Instants (UTC if naive).
    where : str or Site
        The site (key of a shipped one, or a `Site`).

    Returns
    -------
    FloatArray
        Air temperature [K], one per instant.

    Notes
    -----
    .. math:: T = \bar T + A_s \cos\frac{2\pi (d - d_\mathrm{max})}{365.25}
              + \frac{R_d}{2} \cos\frac{2\pi (h_\odot - 15)}{24}

    with :math:`d_\mathrm{max}` = day 200 in the north and 17 in the south and
    :math:`h_\odot` the local mean solar hour (UTC + longitude/15°).
    """
    s = site(where)
    index = _times(times)
    day = index.day_of_year.to_numpy(float) + index.hour.to_numpy(float) / 24.0
    utc_hour = index.hour.to_numpy(float) + index.minute.to_numpy(float) / 60.0
    solar_hour = np.mod(utc_hour + s.longitude_deg / 15.0, 24.0)
    warmest_hour = central("ground_solar.warmest_solar_hour")
    peak_day = central("ground_solar.warmest_day_of_year") - (
        0.0 if s.latitude_deg >= 0.0 else 365.25 / 2.0
    )
    seasonal = s.air_temperature_seasonal_amplitude_k * np.cos(
        2.0 * np.pi * (day - peak_day) / 365.25
    )
    daily = (
        0.5
        * s.air_temperature_daily_range_k
        * np.cos(2.0 * np.pi * (solar_hour - warmest_hour) / 24.0)
    )
    return as_float(s.air_temperature_mean_k + seasonal + daily)


def _cell_temperature_k(poa_w_per_m2: FloatArray, air_k: FloatArray, wind_m_s: float) -> FloatArray:
    """SAPM open-rack cell temperature [K] (pvlib works in °C)."""
    cell_c = pvlib.temperature.sapm_cell(
        poa_w_per_m2, air_k - ZERO_CELSIUS_K, wind_m_s, **SAPM_OPEN_RACK
    )
    return as_float(np.asarray(cell_c, dtype=float) + ZERO_CELSIUS_K)


# --- annual layer ----------------------------------------------------------------------------


@dataclass(frozen=True)
class GroundYield:
    r"""Annual plane-of-array irradiance and temperature sums of a panel at a site.

    All irradiances are annual means [W/m²] (× 8.766 for kWh/m²/yr). Methods take the
    temperature coefficient and the clear-sky index as scalars or arrays (Monte Carlo
    samples) and broadcast.

    Attributes
    ----------
    site : Site
        Where.
    mounting : {"fixed", "single-axis"}
        How the panel is mounted.
    year : int
        Calendar year computed.
    ghi_clear_w_per_m2 : float
        Clear-sky global horizontal irradiance [W/m²].
    clear_sky_index : float
        The site's long-term GHI over the clear-sky GHI [-].
    poa_clear_w_per_m2 : float
        Clear-sky plane-of-array irradiance [W/m²].
    poa_overcast_w_per_m2 : float
        Plane-of-array irradiance if every hour were overcast [W/m²].
    poa_heat_clear_w_k_per_m2, poa_heat_overcast_w_k_per_m2 : float
        Means of :math:`E_\mathrm{POA} (T_\mathrm{cell} - 25\,\mathrm{K})` in the clear
        and the overcast state [W K/m²].
    """

    site: Site
    mounting: Mounting
    year: int
    ghi_clear_w_per_m2: float
    clear_sky_index: float
    poa_clear_w_per_m2: float
    poa_overcast_w_per_m2: float
    poa_heat_clear_w_k_per_m2: float
    poa_heat_overcast_w_k_per_m2: float

    def _weights(self, clear_sky_index: ArrayLike | None) -> tuple[FloatArray, FloatArray]:
        """Weights of the clear and overcast states for an annual clear-sky index."""
        k = as_float(self.clear_sky_index if clear_sky_index is None else clear_sky_index)
        checked(
            "clear_sky_index",
            k,
            low=OVERCAST_CLEAR_SKY_INDEX,
            high=MAX_CLEAR_SKY_INDEX,
            expected=(
                f"an annual clear-sky index in [{OVERCAST_CLEAR_SKY_INDEX}, "
                f"{MAX_CLEAR_SKY_INDEX}] (overcast all year .. brighter than the model)"
            ),
        )
        c = OVERCAST_CLEAR_SKY_INDEX
        clear = np.where(k >= 1.0, k, (k - c) / (1.0 - c))
        overcast = np.where(k >= 1.0, 0.0, 1.0 - clear)
        return as_float(clear), as_float(overcast)

    def poa_w_per_m2(self, clear_sky_index: ArrayLike | None = None) -> FloatArray:
        """All-sky plane-of-array irradiance, annual mean [W/m²].

        Parameters
        ----------
        clear_sky_index : array_like, optional
            Annual clear-sky index [-]; the site's by default.
        """
        clear, overcast = self._weights(clear_sky_index)
        return as_float(clear * self.poa_clear_w_per_m2 + overcast * self.poa_overcast_w_per_m2)

    def effective_irradiance_w_per_m2(
        self,
        temperature_coefficient_per_k: ArrayLike | None = None,
        clear_sky_index: ArrayLike | None = None,
    ) -> FloatArray:
        r"""Temperature-corrected plane-of-array irradiance, annual mean [W/m²].

        The panel's mean DC power per m² is this times its STC efficiency.

        Parameters
        ----------
        temperature_coefficient_per_k : array_like, optional
            Relative power change per kelvin above 25 °C [1/K], in [−0.02, 0.01]; the
            central value of the table's ``orbital_solar.temperature_coefficient``
            (−0.35 %/K) by default.
        clear_sky_index : array_like, optional
            Annual clear-sky index [-]; the site's by default.

        Notes
        -----
        .. math:: \bar E_\mathrm{eff} = \sum_s w_s \left[\overline{E_s}
                  + \gamma\,\overline{E_s (T_{\mathrm{cell},s} - 25\,\mathrm{K})}\right]
        """
        gamma = checked(
            "temperature_coefficient_per_k",
            _temperature_coefficient(temperature_coefficient_per_k),
            low=-0.02,
            high=0.01,
        )
        clear, overcast = self._weights(clear_sky_index)
        return as_float(
            clear * (self.poa_clear_w_per_m2 + gamma * self.poa_heat_clear_w_k_per_m2)
            + overcast * (self.poa_overcast_w_per_m2 + gamma * self.poa_heat_overcast_w_k_per_m2)
        )

    def temperature_factor(
        self,
        temperature_coefficient_per_k: ArrayLike | None = None,
        clear_sky_index: ArrayLike | None = None,
    ) -> FloatArray:
        """Energy-weighted temperature factor, effective over plane-of-array irradiance [-]."""
        effective = self.effective_irradiance_w_per_m2(
            temperature_coefficient_per_k, clear_sky_index
        )
        return as_float(effective / self.poa_w_per_m2(clear_sky_index))

    def annual_energy_j_per_m2(
        self,
        efficiency: ArrayLike = 1.0,
        temperature_coefficient_per_k: ArrayLike | None = None,
        clear_sky_index: ArrayLike | None = None,
    ) -> FloatArray:
        r"""DC energy per m² of panel in a (Julian) year [J/m²].

        Parameters
        ----------
        efficiency : array_like
            STC efficiency [-], in (0, 1]; 1 gives the temperature-corrected insolation.
        temperature_coefficient_per_k, clear_sky_index : array_like
            As in :meth:`effective_irradiance_w_per_m2`.

        Notes
        -----
        .. math:: E = \eta_\mathrm{STC}\,\bar E_\mathrm{eff}\,t_\mathrm{yr},
                  \qquad t_\mathrm{yr} = 365.25\ \mathrm{d}
        """
        eta = checked("efficiency", efficiency, low=0.0, high=1.0, low_open=True)
        effective = self.effective_irradiance_w_per_m2(
            temperature_coefficient_per_k, clear_sky_index
        )
        return as_float(eta * effective * JULIAN_YEAR_S)


@cache
def _clear_sky_year(where: Site, year: int) -> pd.DataFrame:
    """Hourly clear sky of a site over a year (cached: shared by the mountings)."""
    return clear_sky(hourly_times(year), where.latitude_deg, where.longitude_deg, where.elevation_m)


@cache
def _annual_sums(where: Site, mounting: Mounting, year: int) -> GroundYield:
    sky = _clear_sky_year(where, year)
    times = sky.index
    poa = plane_of_array(sky, where.latitude_deg, mounting, where.albedo)
    ghi = sky["ghi_w_per_m2"].to_numpy(float)
    e_clear = poa["poa_w_per_m2"].to_numpy(float)
    cos_tilt = np.cos(np.deg2rad(poa["surface_tilt_deg"].to_numpy(float)))
    view = 0.5 * (1.0 + cos_tilt) + where.albedo * 0.5 * (1.0 - cos_tilt)
    e_overcast = OVERCAST_CLEAR_SKY_INDEX * ghi * view
    air = air_temperature_k(times, where)
    heat_clear = e_clear * (
        _cell_temperature_k(e_clear, air, where.wind_speed_m_s) - _STC_CELL_TEMPERATURE_K
    )
    heat_overcast = e_overcast * (
        _cell_temperature_k(e_overcast, air, where.wind_speed_m_s) - _STC_CELL_TEMPERATURE_K
    )
    ghi_clear = float(ghi.mean())
    index = where.ghi_w_per_m2 / ghi_clear
    if not OVERCAST_CLEAR_SKY_INDEX <= index <= MAX_CLEAR_SKY_INDEX:
        raise InputError(
            "site.ghi_w_per_m2",
            where.ghi_w_per_m2,
            f"a long-term GHI between {OVERCAST_CLEAR_SKY_INDEX} and {MAX_CLEAR_SKY_INDEX} "
            f"times the site's clear-sky GHI of {ghi_clear:.1f} W/m² "
            f"({ghi_clear * JULIAN_YEAR_S / J_PER_KWH:.0f} kWh/m²/yr)",
            where=where.key,
        )
    return GroundYield(
        site=where,
        mounting=mounting,
        year=year,
        ghi_clear_w_per_m2=ghi_clear,
        clear_sky_index=float(index),
        poa_clear_w_per_m2=float(e_clear.mean()),
        poa_overcast_w_per_m2=float(e_overcast.mean()),
        poa_heat_clear_w_k_per_m2=float(heat_clear.mean()),
        poa_heat_overcast_w_k_per_m2=float(heat_overcast.mean()),
    )


def ground_yield(
    where: str | Site, mounting: Mounting = "fixed", *, year: int = YEAR
) -> GroundYield:
    """Annual irradiance and temperature sums of a panel at a site (cached).

    Parameters
    ----------
    where : str or Site
        A shipped site's key (``"phoenix"``) or a `Site`.
    mounting : {"fixed", "single-axis"}
        Fixed at latitude tilt facing the equator, or a horizontal N–S single-axis
        tracker (see :func:`plane_of_array`).
    year : int
        Calendar year computed hourly.

    Returns
    -------
    GroundYield
        Annual means; its methods give all-sky and temperature-corrected yields.

    Raises
    ------
    InputError
        For an unknown site or mounting, or a site whose long-term GHI is not between
        0.25 and 1.15 times its clear-sky GHI.
    """
    return _annual_sums(site(where), _mounting(mounting), _year(year))


def ground_yield_table(
    sites: Iterable[str | Site] | None = None,
    mountings: Iterable[Mounting] = MOUNTINGS,
    *,
    temperature_coefficient_per_k: float | None = None,
    year: int = YEAR,
) -> pd.DataFrame:
    """Annual ground yields of the sites and mountings, one row per pair.

    Parameters
    ----------
    sites : iterable of str or Site, optional
        Sites (all shipped ones by default).
    mountings : iterable of {"fixed", "single-axis"}
        Mountings.
    temperature_coefficient_per_k : float, optional
        Power temperature coefficient [1/K]; the table's central value by default.
    year : int
        Calendar year.

    Returns
    -------
    pandas.DataFrame
        Columns ``site``, ``mounting``, ``latitude_deg``, ``ghi_kwh_per_m2_yr`` (the
        site's long-term value), ``ghi_clear_kwh_per_m2_yr``, ``clear_sky_index``,
        ``poa_clear_kwh_per_m2_yr``, ``poa_kwh_per_m2_yr`` (all-sky),
        ``temperature_factor``, ``yield_kwh_per_m2_yr`` (temperature-corrected all-sky
        insolation: DC energy per m² at 100 % STC efficiency).
    """
    per_kwh_yr = JULIAN_YEAR_S / J_PER_KWH  # W/m² (annual mean) -> kWh/m²/yr
    rows = []
    for where in load_sites().values() if sites is None else [site(s) for s in sites]:
        for mounting in mountings:
            g = ground_yield(where, mounting, year=year)
            rows.append(
                {
                    "site": where.key,
                    "mounting": mounting,
                    "latitude_deg": where.latitude_deg,
                    "ghi_kwh_per_m2_yr": where.ghi_w_per_m2 * per_kwh_yr,
                    "ghi_clear_kwh_per_m2_yr": g.ghi_clear_w_per_m2 * per_kwh_yr,
                    "clear_sky_index": g.clear_sky_index,
                    "poa_clear_kwh_per_m2_yr": g.poa_clear_w_per_m2 * per_kwh_yr,
                    "poa_kwh_per_m2_yr": float(g.poa_w_per_m2()) * per_kwh_yr,
                    "temperature_factor": float(
                        g.temperature_factor(temperature_coefficient_per_k)
                    ),
                    "yield_kwh_per_m2_yr": float(
                        g.effective_irradiance_w_per_m2(temperature_coefficient_per_k)
                    )
                    * per_kwh_yr,
                }
            )
    return pd.DataFrame(rows)
