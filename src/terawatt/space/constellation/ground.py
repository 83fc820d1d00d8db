r"""Ground segment: stations, Earth rotation, visibility, contact windows, downlink.

Geometry: stations on the WGS-84 ellipsoid (height 0), turned into the true-of-date
(TEME-like) frame by Greenwich mean sidereal time. :func:`contact_windows` uses the exact
elevation above each station's horizon plane. The streaming run uses a cheaper equivalent:
with :math:`\hat n` the station's vertical and :math:`R_g = \mathbf g\cdot\hat n` the
distance of its horizon plane from the centre, a satellite at radius :math:`r` is above the
mask :math:`\varepsilon` iff the angle between :math:`\hat r` and :math:`\hat n` is at most

.. math:: \lambda = 90° - \varepsilon - \eta, \qquad \sin\eta = \frac{R_g}{r}\cos\varepsilon,

i.e. :math:`\hat r \cdot \hat n \ge \cos\lambda = \sin\varepsilon\cos\eta +
\tfrac{R_g}{r}\cos^2\varepsilon` (Wertz & Larson, *SMAD*, 3rd ed., 1999, sec. 5.2): one dot
product and one comparison per satellite and station. It is exact when the station lies on
its vertical through the centre; the ellipsoid puts it up to 21 km aside, a few hundredths
of a degree of elevation. Pass counts agree with skyfield's (see the tests).

Downlink: while in contact a satellite sends at ``rate_bps``; its compute produces
``power_w × tokens_per_j`` tokens/s, each ``bytes_per_token`` bytes with a protocol overhead
(the figures of claim C5, :mod:`terawatt.claims.c05_latency`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from terawatt.claims import c05_latency as c05
from terawatt.errors import InputError
from terawatt.physics import comms
from terawatt.physics.constants import EARTH_EQUATORIAL_RADIUS_WGS84_M, SECONDS_PER_DAY
from terawatt.space.constellation.elements import Elements
from terawatt.space.constellation.propagate import propagate
from terawatt.typing import ArrayLike, FloatArray, as_float
from terawatt.units import to_si

__all__ = [
    "DEFAULT_COMPUTE_POWER_W",
    "DEFAULT_TOKENS_PER_J",
    "Downlink",
    "Stations",
    "contact_windows",
    "cos_central_angle_limit",
    "default_stations",
    "elevation_deg",
    "gmst_rad",
    "parse_downlink",
    "parse_stations",
    "station_ecef",
    "station_plane_radius_m",
    "station_positions",
    "station_unit_vectors",
]

_R = EARTH_EQUATORIAL_RADIUS_WGS84_M
#: WGS-84 flattening (NIMA TR8350.2, 3rd ed., 2000, Table 3.1).
_WGS84_F = 1.0 / 298.257_223_563

#: Compute power per satellite [W]: ~100 kW, "~10,000 satellites per GW" (Google executive,
#: Dec 2025, secondary) and the seed's 100 kW per tonne.
DEFAULT_COMPUTE_POWER_W = 100e3
#: Tokens per joule of accelerator power [1/J]: ~865,000 tokens/s of Llama-2-70B per GB200
#: NVL72 rack of ~120 kW (MLPerf Inference-class figure, secondary) = 7.2 tokens/J.
DEFAULT_TOKENS_PER_J = 865e3 / 120e3


@dataclass(frozen=True)
class Stations:
    """Ground stations and their elevation mask.

    Attributes
    ----------
    names : tuple of str
        Station keys.
    latitude_deg, longitude_deg : FloatArray
        Geodetic latitude and longitude [deg], shape (K,).
    elevation_mask_deg : float
        Minimum elevation for a contact [deg].
    source : str
        Where the list came from.
    """

    names: tuple[str, ...]
    latitude_deg: FloatArray
    longitude_deg: FloatArray
    elevation_mask_deg: float
    source: str

    def __len__(self) -> int:
        """Number of stations."""
        return len(self.names)


@dataclass(frozen=True)
class Downlink:
    """Link rate while in contact and the data a satellite's compute produces.

    Attributes
    ----------
    rate_bps : float
        Downlink rate while a station sees the satellite [bit/s].
    rate_source : str
        Where the rate comes from.
    compute_power_w : float
        Compute power per satellite [W].
    tokens_per_j : float
        Tokens per joule [1/J].
    bytes_per_token : float
        Bytes per token [B].
    overhead : float
        Link bits per payload bit [-].
    """

    rate_bps: float
    rate_source: str
    compute_power_w: float = DEFAULT_COMPUTE_POWER_W
    tokens_per_j: float = DEFAULT_TOKENS_PER_J
    bytes_per_token: float = c05.BYTES_PER_TOKEN
    overhead: float = c05.PROTOCOL_OVERHEAD

    @property
    def tokens_per_s(self) -> float:
        """Tokens produced per second by one satellite [1/s]."""
        return self.compute_power_w * self.tokens_per_j

    @property
    def need_bps(self) -> float:
        """Downlink the tokens need, averaged over time [bit/s]."""
        return self.tokens_per_s * self.bytes_per_token * c05.BITS_PER_BYTE * self.overhead


def default_stations() -> Stations:
    """The shipped ground stations (``terawatt/data/ground_stations.yaml``) and mask.

    Returns
    -------
    Stations
        SvalSat, TrollSat, Inuvik, ... with the file's 10 deg elevation mask (SMAD sec. 5.2).
    """
    stations = c05.load_ground_stations()
    keys = tuple(stations)
    return Stations(
        names=keys,
        latitude_deg=as_float([stations[k].latitude_deg for k in keys]),
        longitude_deg=as_float([stations[k].longitude_deg for k in keys]),
        elevation_mask_deg=float(c05.default_elevation_mask_deg()),
        source="terawatt/data/ground_stations.yaml",
    )


def _station_item(item: Any, i: int, where: str) -> tuple[str, float, float]:
    if not isinstance(item, Mapping) or "latitude" not in item or "longitude" not in item:
        raise InputError(
            f"ground_stations[{i}]", item, "a mapping with name, latitude and longitude", where
        )
    lat = to_si(item["latitude"], "deg", f"ground_stations[{i}].latitude", where=where)
    lon = to_si(item["longitude"], "deg", f"ground_stations[{i}].longitude", where=where)
    if not -90.0 <= lat <= 90.0:
        raise InputError(f"ground_stations[{i}].latitude", item["latitude"], "[-90, 90] deg", where)
    return str(item.get("name", f"station {i}")), lat, lon


def parse_stations(options: Mapping[str, Any], where: str = "configuration") -> Stations:
    """Ground stations from a configuration's ``ground_stations`` and ``elevation_mask``.

    Parameters
    ----------
    options : Mapping
        ``ground_stations``: ``"default"`` (or absent) for the shipped list, or a list of
        ``{name, latitude, longitude}``; ``elevation_mask``: an angle (default: the shipped
        file's 10 deg).
    where : str, optional
        For errors.

    Returns
    -------
    Stations
        The stations.

    Raises
    ------
    InputError
        For a malformed list or a mask outside [0, 90) deg.
    """
    base = default_stations()
    mask = base.elevation_mask_deg
    if "elevation_mask" in options:
        mask = to_si(options["elevation_mask"], "deg", "elevation_mask", where=where)
        if not 0.0 <= mask < 90.0:
            raise InputError("elevation_mask", options["elevation_mask"], "[0, 90) deg", where)
    raw = options.get("ground_stations", "default")
    if raw == "default":
        return Stations(base.names, base.latitude_deg, base.longitude_deg, mask, base.source)
    if not isinstance(raw, Sequence) or isinstance(raw, str) or not raw:
        raise InputError("ground_stations", raw, "'default' or a non-empty list of stations", where)
    items = [_station_item(item, i, where) for i, item in enumerate(raw)]
    return Stations(
        names=tuple(n for n, _, _ in items),
        latitude_deg=as_float([lat for _, lat, _ in items]),
        longitude_deg=as_float([lon for _, _, lon in items]),
        elevation_mask_deg=mask,
        source=where,
    )


def parse_downlink(
    options: Mapping[str, Any], stations: Stations, altitude_m: float, where: str = "configuration"
) -> Downlink:
    """Downlink rate and compute from a configuration's ``downlink`` and ``compute`` sections.

    Parameters
    ----------
    options : Mapping
        ``downlink: {rate: "10 Gbit/s", source: "..."}`` (default: claim C5's Ka-band link,
        Shannon-limited at the slant range of the elevation mask) and ``compute: {power:
        "100 kW", tokens_per_joule: 7.2}``.
    stations : Stations
        For the elevation mask of the default rate.
    altitude_m : float
        Altitude for the default rate's slant range [m].
    where : str, optional
        For errors.

    Returns
    -------
    Downlink
        The link and the compute.
    """
    link = options.get("downlink", {}) or {}
    compute = options.get("compute", {}) or {}
    if not isinstance(link, Mapping) or not isinstance(compute, Mapping):
        raise InputError("downlink", link, "a mapping with rate (and source)", where)
    if "rate" in link:
        rate = to_si(link["rate"], "bit/s", "downlink.rate", where=where)
        if rate <= 0.0:
            raise InputError("downlink.rate", link["rate"], "a rate > 0 bit/s", where)
        source = str(link.get("source", where))
    else:
        slant = float(comms.slant_range_m(altitude_m, stations.elevation_mask_deg))
        rate = float(c05.KA_BAND_LINK.rate_bps(slant))
        source = (
            "claim C5's Ka-band downlink (20 W, 0.5 m to 7.3 m dishes, 1.5 GHz at 26 GHz; "
            "Shannon limit) at the slant range of the elevation mask"
        )
    power = to_si(compute.get("power", DEFAULT_COMPUTE_POWER_W), "W", "compute.power", where=where)
    tpj = to_si(
        compute.get("tokens_per_joule", DEFAULT_TOKENS_PER_J),
        "1/J",
        "compute.tokens_per_joule",
        where=where,
    )
    if power < 0.0 or tpj < 0.0:
        raise InputError("compute", compute, "power and tokens_per_joule >= 0", where)
    return Downlink(rate, source, power, tpj)


# --- Earth rotation and station directions ---------------------------------------------------


def gmst_rad(jd: ArrayLike) -> FloatArray:
    r"""Greenwich mean sidereal time (IAU 1982), taking UTC for UT1.

    Parameters
    ----------
    jd : array_like
        Julian date (UTC ≈ UT1; |UT1 − UTC| < 0.9 s, 0.004 deg) [day].

    Returns
    -------
    FloatArray
        GMST [rad], in [0, 2π).

    Notes
    -----
    .. math:: \theta = 67310.54841\,\mathrm{s} + (876600 \cdot 3600 + 8640184.812866)\,T
              + 0.093104\,T^2 - 6.2\times10^{-6}\,T^3, \quad T = (JD - 2451545)/36525

    References
    ----------
    Vallado, 4th ed., 2013, eq. 3-47; used by SGP4 for TEME to pseudo-Earth-fixed
    (Vallado et al., AIAA 2006-6753).
    """
    jd_arr = as_float(jd)
    t = (jd_arr - 2_451_545.0) / 36_525.0
    sec = 67_310.548_41 + (876_600.0 * 3600.0 + 8_640_184.812_866) * t
    sec = sec + 0.093_104 * t * t - 6.2e-6 * t * t * t
    return as_float(np.mod(np.deg2rad(sec / 240.0), 2.0 * math.pi))


def station_ecef(stations: Stations) -> tuple[FloatArray, FloatArray]:
    """Stations on the WGS-84 ellipsoid: Earth-fixed positions and local vertical.

    Parameters
    ----------
    stations : Stations
        K stations (height 0 on the ellipsoid).

    Returns
    -------
    tuple of FloatArray
        Positions [m] and unit normals (geodetic vertical), each (K, 3).

    References
    ----------
    Vallado, 4th ed., 2013, algorithm 51 (site position from geodetic latitude);
    NIMA TR8350.2 (WGS-84: a = 6,378,137 m, 1/f = 298.257223563).
    """
    lat = np.deg2rad(stations.latitude_deg)
    lon = np.deg2rad(stations.longitude_deg)
    e2 = _WGS84_F * (2.0 - _WGS84_F)
    c_lat, s_lat = np.cos(lat), np.sin(lat)
    big_n = _R / np.sqrt(1.0 - e2 * s_lat**2)
    normal = np.stack([c_lat * np.cos(lon), c_lat * np.sin(lon), s_lat], axis=-1)
    pos = np.stack(
        [big_n * c_lat * np.cos(lon), big_n * c_lat * np.sin(lon), big_n * (1.0 - e2) * s_lat],
        axis=-1,
    )
    return as_float(pos), as_float(normal)


def station_plane_radius_m(stations: Stations) -> FloatArray:
    """Distance from the Earth's centre to each station's horizon plane, ``g · n`` [m], (K,)."""
    pos, normal = station_ecef(stations)
    return as_float(np.sum(pos * normal, axis=-1))


def _rotate_z(vectors: FloatArray, angle: FloatArray) -> FloatArray:
    """Rotate (K, 3) Earth-fixed vectors by angles (T,) about z: (T, K, 3)."""
    c, s = np.cos(angle)[:, None], np.sin(angle)[:, None]
    x, y, z = vectors[:, 0][None, :], vectors[:, 1][None, :], vectors[:, 2][None, :]
    return as_float(
        np.stack([c * x - s * y, s * x + c * y, np.broadcast_to(z, c.shape[:1] + z.shape[1:])], -1)
    )


def station_unit_vectors(stations: Stations, jd: ArrayLike) -> FloatArray:
    """Stations' local vertical (geodetic normal) in the inertial frame.

    Parameters
    ----------
    stations : Stations
        K stations.
    jd : array_like
        Julian dates (UTC), shape (T,).

    Returns
    -------
    FloatArray
        Unit vectors, (T, K, 3), turned from Earth-fixed axes by GMST.
    """
    _, normal = station_ecef(stations)
    return _rotate_z(normal, np.atleast_1d(gmst_rad(jd)))


def station_positions(stations: Stations, jd: ArrayLike) -> FloatArray:
    """Stations' positions in the inertial frame [m], (T, K, 3)."""
    pos, _ = station_ecef(stations)
    return _rotate_z(pos, np.atleast_1d(gmst_rad(jd)))


def cos_central_angle_limit(
    radius_m: ArrayLike, elevation_mask_deg: float, station_radius_m: ArrayLike = _R
) -> FloatArray:
    r"""Cosine of the largest angle between a station's vertical and a visible satellite.

    Parameters
    ----------
    radius_m : array_like
        Satellite distance from the Earth's centre [m], > the station radius.
    elevation_mask_deg : float
        Elevation mask ε [deg].
    station_radius_m : array_like, optional
        Distance of the station's horizon plane from the centre, ``g · n`` [m]; default
        the equatorial radius.

    Returns
    -------
    FloatArray
        :math:`\cos\lambda = \sin\varepsilon \sqrt{1 - (R_g/r)^2\cos^2\varepsilon}
        + (R_g/r)\cos^2\varepsilon` (SMAD 3rd ed., sec. 5.2), broadcast.
    """
    eps = math.radians(elevation_mask_deg)
    k = as_float(station_radius_m) / as_float(radius_m)
    c2 = math.cos(eps) ** 2
    return as_float(math.sin(eps) * np.sqrt(np.maximum(1.0 - k * k * c2, 0.0)) + k * c2)


def elevation_deg(
    position_m: ArrayLike, station_position_m: ArrayLike, station_normal: ArrayLike
) -> FloatArray:
    """Elevation of satellites above stations' horizon planes.

    Parameters
    ----------
    position_m : array_like
        Satellite positions [m], (..., 3).
    station_position_m, station_normal : array_like
        Station positions [m] and local verticals (same frame), broadcast against
        ``position_m``.

    Returns
    -------
    FloatArray
        Elevation [deg].
    """
    n = as_float(station_normal)
    d = as_float(position_m) - as_float(station_position_m)
    sin_el = np.sum(d * n, axis=-1) / np.linalg.norm(d, axis=-1)
    return as_float(np.rad2deg(np.arcsin(np.clip(sin_el, -1.0, 1.0))))


# --- contact windows (small constellations) --------------------------------------------------


def _elevation_at(
    elements: Elements, sat: NDArrayInt, stations: Stations, sta: NDArrayInt, t_s: FloatArray
) -> FloatArray:
    pos, _ = propagate(elements.take(sat), t_s)
    jd = elements.epoch_jd + t_s / SECONDS_PER_DAY
    idx = np.arange(sat.size)
    g = station_positions(stations, jd)[idx, sta]
    n = station_unit_vectors(stations, jd)[idx, sta]
    return elevation_deg(pos, g, n)


NDArrayInt = np.ndarray[Any, np.dtype[np.int64]]


def contact_windows(
    elements: Elements,
    stations: Stations,
    start_s: float,
    duration_s: float,
    step_s: float = 30.0,
    *,
    tolerance_s: float = 0.01,
) -> pd.DataFrame:
    """Contact windows of every satellite with every station, rise and set refined.

    Parameters
    ----------
    elements : Elements
        Satellites (a few thousand at most: the grid is (N, T, K)).
    stations : Stations
        Stations and elevation mask.
    start_s, duration_s : float
        Window after the elements' epoch [s].
    step_s : float, optional
        Search step [s], default 30 s: shorter than any pass of a LEO satellite above a
        10 deg mask (a few minutes), so passes are not missed unless they graze the mask.
    tolerance_s : float, optional
        Bisection tolerance of the rise and set times [s].

    Returns
    -------
    pandas.DataFrame
        One row per window: ``satellite``, ``station``, ``start_s``, ``end_s``,
        ``duration_s``, ``max_elevation_deg`` (on the grid); windows open at the start or
        end of the span are clipped to it.
    """
    n_t = math.floor(duration_s / step_s) + 1
    t = as_float(start_s + step_s * np.arange(n_t))
    jd = elements.epoch_jd + t / SECONDS_PER_DAY
    g = station_positions(stations, jd)  # (T, K, 3)
    normal = station_unit_vectors(stations, jd)
    rows: list[pd.DataFrame] = []
    chunk = max(1, 2_000_000 // max(n_t * max(len(stations), 1), 1))
    for lo in range(0, len(elements), chunk):
        sats = np.arange(lo, min(lo + chunk, len(elements)))
        pos = np.stack([propagate(elements.take(sats), ti)[0] for ti in t], axis=1)  # (n, T, 3)
        el = elevation_deg(pos[:, :, None, :], g[None], normal[None])  # (n, T, K)
        rows.append(_windows_from_grid(elements, stations, sats, t, el, tolerance_s))
    columns = ["satellite", "station", "start_s", "end_s", "duration_s", "max_elevation_deg"]
    if not rows:
        return pd.DataFrame(columns=columns)
    return pd.concat(rows, ignore_index=True)[columns]


def _refine(
    elements: Elements,
    stations: Stations,
    sat: NDArrayInt,
    sta: NDArrayInt,
    lo: FloatArray,
    hi: FloatArray,
    rising: bool,
    tolerance_s: float,
) -> FloatArray:
    """Bisect the mask crossing of each (satellite, station) between ``lo`` and ``hi``."""
    mask = stations.elevation_mask_deg
    lo, hi = lo.copy(), hi.copy()
    while sat.size and np.max(hi - lo) > tolerance_s:
        mid = 0.5 * (lo + hi)
        above = _elevation_at(elements, sat, stations, sta, mid) >= mask
        after = above if rising else ~above
        hi = np.where(after, mid, hi)
        lo = np.where(after, lo, mid)
    return as_float(0.5 * (lo + hi))


def _windows_from_grid(
    elements: Elements,
    stations: Stations,
    sats: NDArrayInt,
    t: FloatArray,
    el: FloatArray,
    tolerance_s: float,
) -> pd.DataFrame:
    vis = el >= stations.elevation_mask_deg  # (n, T, K)
    padded = np.pad(vis, ((0, 0), (1, 1), (0, 0)))
    edges = np.diff(padded.astype(np.int8), axis=1)
    si, ti, ki = np.nonzero(edges == 1)  # rise at grid index ti (first visible sample)
    se, te, ke = np.nonzero(edges == -1)  # set after grid index te - 1
    order_r = np.lexsort((ti, ki, si))
    order_s = np.lexsort((te, ke, se))
    si, ti, ki = si[order_r], ti[order_r], ki[order_r]
    te = te[order_s]
    sat = sats[si]
    start = t[ti].copy()
    inner = ti > 0
    start[inner] = _refine(
        elements, stations, sat[inner], ki[inner], t[ti[inner] - 1], t[ti[inner]], True, tolerance_s
    )
    end = t[te - 1].copy()
    inner_e = te < t.size
    end[inner_e] = _refine(
        elements,
        stations,
        sat[inner_e],
        ki[inner_e],
        t[te[inner_e] - 1],
        t[te[inner_e]],
        False,
        tolerance_s,
    )
    peak = np.array([el[a, b:c, k].max() for a, b, c, k in zip(si, ti, te, ki, strict=True)])
    return pd.DataFrame(
        {
            "satellite": sat,
            "station": [stations.names[k] for k in ki],
            "start_s": start,
            "end_s": end,
            "duration_s": end - start,
            "max_elevation_deg": peak if peak.size else np.zeros(0),
        }
    )
