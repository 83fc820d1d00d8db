"""Ground photovoltaic sites: where each is, how sunny, and its climate.

The sites of the orbit-versus-ground comparison (claim C12) are read from
``terawatt/data/solar_sites.yaml`` by :func:`terawatt.data.solar_sites.load_solar_sites`,
every value with its source; :mod:`terawatt.earth.groundsolar` computes their yields.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from terawatt.data.solar_sites import load_solar_sites
from terawatt.errors import InputError
from terawatt.validate import checked, positive, unit_interval

__all__ = ["Site", "load_sites", "site"]


@dataclass(frozen=True)
class Site:
    """A ground photovoltaic site: where it is, how sunny, and its climate.

    Attributes
    ----------
    key : str
        Short name (``"phoenix"``).
    name : str
        Descriptive name.
    role : str
        Why it is in the set (``"best-case desert"``, ``"cloudy"``).
    latitude_deg, longitude_deg : float
        WGS-84 coordinates [deg], north and east positive.
    elevation_m : float
        Height above sea level [m].
    ghi_w_per_m2 : float
        Long-term annual mean global horizontal irradiance [W/m²]
        (1 W/m² = 8.766 kWh/m²/yr).
    ghi_relative_uncertainty : float
        1-sigma relative uncertainty of that long-term mean [-].
    air_temperature_mean_k : float
        Annual mean air temperature [K].
    air_temperature_seasonal_amplitude_k : float
        Half the difference of the warmest and coldest monthly means [K].
    air_temperature_daily_range_k : float
        Mean daily maximum minus minimum [K].
    wind_speed_m_s : float
        Annual mean wind speed at 10 m [m/s].
    albedo : float
        Ground reflectance [-].
    sources : Mapping of str to str
        Source of each value, by field name (not part of equality or hashing).

    Raises
    ------
    InputError
        For a coordinate, elevation or climate value out of range.
    """

    key: str
    name: str
    role: str
    latitude_deg: float
    longitude_deg: float
    elevation_m: float
    ghi_w_per_m2: float
    ghi_relative_uncertainty: float
    air_temperature_mean_k: float
    air_temperature_seasonal_amplitude_k: float
    air_temperature_daily_range_k: float
    wind_speed_m_s: float
    albedo: float = 0.2
    sources: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        checks: tuple[tuple[str, float, float, float], ...] = (
            ("latitude_deg", self.latitude_deg, -90.0, 90.0),
            ("longitude_deg", self.longitude_deg, -180.0, 180.0),
            ("elevation_m", self.elevation_m, -500.0, 9000.0),
            ("ghi_relative_uncertainty", self.ghi_relative_uncertainty, 0.0, 0.5),
            ("air_temperature_mean_k", self.air_temperature_mean_k, 200.0, 330.0),
            (
                "air_temperature_seasonal_amplitude_k",
                self.air_temperature_seasonal_amplitude_k,
                0.0,
                40.0,
            ),
            ("air_temperature_daily_range_k", self.air_temperature_daily_range_k, 0.0, 40.0),
            ("wind_speed_m_s", self.wind_speed_m_s, 0.0, 40.0),
        )
        for name, value, low, high in checks:
            checked(f"site.{name}", value, low=low, high=high)
        positive("site.ghi_w_per_m2", self.ghi_w_per_m2)
        unit_interval("site.albedo", self.albedo)


@cache
def _load_sites() -> dict[str, Site]:
    return {
        key: Site(key=key, name=f.name, role=f.role, sources=dict(f.sources), **f.values)
        for key, f in load_solar_sites().items()
    }


def load_sites() -> dict[str, Site]:
    """The shipped ground sites (``terawatt/data/solar_sites.yaml``), by key.

    Returns
    -------
    dict of str to Site
        ``atacama``, ``phoenix``, ``riyadh``, ``golmud``, ``germany``, ``london``; every
        value with its source in ``Site.sources`` (a new dict each call; read once).
    """
    return dict(_load_sites())


def site(key: str | Site) -> Site:
    """One shipped site by key (case-insensitive); a `Site` is returned as it is.

    Raises
    ------
    InputError
        For an unknown key, listing the known ones.
    """
    if isinstance(key, Site):
        return key
    sites = load_sites()
    if not isinstance(key, str) or key.strip().lower() not in sites:
        raise InputError("site", key, f"one of {', '.join(map(repr, sites))} or a Site")
    return sites[key.strip().lower()]
