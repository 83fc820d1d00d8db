r"""Ground segment: stations, their visibility, contact windows and the downlink.

Stations (``terawatt/data/ground_stations.yaml``: positions, operators, sources, the
elevation mask) and the megacities where users are (UN DESA, World Urbanization Prospects
2018) are read here; the geometry is :mod:`terawatt.physics.geodesy` (stations on the
WGS-84 ellipsoid at height 0) turned into the true-of-date (TEME-like) frame by Greenwich
mean sidereal time (:func:`terawatt.physics.time.gmst_rad`).
:func:`contact_windows` uses the exact elevation above each station's horizon plane. The
streaming run uses a cheaper equivalent: with :math:`\hat n` the station's vertical and
:math:`R_g = \mathbf g\cdot\hat n` the distance of its horizon plane from the centre, a
satellite at radius :math:`r` is above the mask :math:`\varepsilon` iff the angle between
:math:`\hat r` and :math:`\hat n` is at most

.. math:: \lambda = 90° - \varepsilon - \eta, \qquad \sin\eta = \frac{R_g}{r}\cos\varepsilon,

i.e. :math:`\hat r \cdot \hat n \ge \cos\lambda = \sin\varepsilon\cos\eta +
\tfrac{R_g}{r}\cos^2\varepsilon` (Wertz & Larson, *SMAD*, 3rd ed., 1999, sec. 5.2;
:func:`terawatt.physics.geodesy.cos_central_angle_limit`): one dot product and one
comparison per satellite and station. It is exact when the station lies on its vertical
through the centre; the ellipsoid puts it up to 21 km aside, a few hundredths of a degree
of elevation. Pass counts agree with skyfield's (see the tests).

Downlink: while in contact a satellite sends at ``rate_bps``; its compute produces
``power_w × tokens_per_j`` tokens/s, each ``bytes_per_token`` bytes with a protocol overhead
(:func:`downlink_need_bps`). Those figures and the link hardware (:func:`optical_link`, a
TBIRD-class laser; :func:`ka_band_link`, a Ka-band radio) are the parameter table's
``comms.*`` and ``constellation.*`` entries (``data/parameters/comms.yaml``), read once into
:class:`CommsFigures` (:func:`comms_figures`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from terawatt.data import read_yaml
from terawatt.errors import InputError
from terawatt.parameters.distributions import Fixed
from terawatt.parameters.table import shipped_table
from terawatt.physics.comms import OpticalLink, RFLink
from terawatt.physics.constants import SECONDS_PER_DAY
from terawatt.physics.geodesy import elevation_deg, geodetic_to_ecef, slant_range_m
from terawatt.physics.time import gmst_rad
from terawatt.space.constellation.elements import Elements
from terawatt.space.constellation.propagate import propagate
from terawatt.typing import ArrayLike, FloatArray, as_float
from terawatt.units import to_si
from terawatt.validate import checked

__all__ = [
    "BITS_PER_BYTE",
    "CommsFigures",
    "Downlink",
    "GroundStation",
    "Stations",
    "comms_figures",
    "contact_windows",
    "default_elevation_mask_deg",
    "default_stations",
    "downlink_need_bps",
    "ka_band_link",
    "load_ground_stations",
    "load_megacities",
    "optical_link",
    "parse_downlink",
    "parse_stations",
    "station_ecef",
    "station_plane_radius_m",
    "station_positions",
    "station_unit_vectors",
    "table_value",
]

#: Bits per byte (a definition).
BITS_PER_BYTE = 8.0
_DATA_FILE = "ground_stations.yaml"


# --- the parameter table's figures ------------------------------------------------------------


def table_value(key: str) -> float:
    """The fixed default of a table entry [SI unit] (``comms.*``, ``constellation.*``).

    Parameters
    ----------
    key : str
        Entry name, e.g. ``"comms.bytes_per_token"``.

    Returns
    -------
    float
        Its default value.

    Raises
    ------
    InputError
        If the default is a distribution, not a value.
    """
    default = shipped_table()[key].default
    if isinstance(default, Fixed):
        return float(default.value)
    if isinstance(default, int | float) and not isinstance(default, bool):
        return float(default)
    raise InputError(key, default, "a fixed value in the parameter table")


@dataclass(frozen=True)
class CommsFigures:
    """Fixed figures of the downlink from the parameter table (``comms.yaml``).

    Attributes
    ----------
    bytes_per_token : float
        ``comms.bytes_per_token`` [B].
    protocol_overhead : float
        ``comms.protocol_overhead``, link bits per payload bit [-].
    streaming_bytes_per_token : float
        ``comms.streaming_bytes_per_token`` [B].
    fibre_speed_m_s : float
        ``comms.fibre_speed`` [m/s].
    compute_power_per_satellite_w : float
        ``constellation.compute_power_per_satellite`` [W].
    tokens_per_joule : float
        ``constellation.tokens_per_joule`` [1/J].
    optical : OpticalLink
        ``comms.optical_*``: the TBIRD-class laser downlink.
    ka_band : RFLink
        ``comms.ka_*``: the Ka-band downlink.
    """

    bytes_per_token: float
    protocol_overhead: float
    streaming_bytes_per_token: float
    fibre_speed_m_s: float
    compute_power_per_satellite_w: float
    tokens_per_joule: float
    optical: OpticalLink
    ka_band: RFLink


#: Table entry behind each scalar field of :class:`CommsFigures`.
COMMS_FIGURE_KEYS = {
    "bytes_per_token": "comms.bytes_per_token",
    "protocol_overhead": "comms.protocol_overhead",
    "streaming_bytes_per_token": "comms.streaming_bytes_per_token",
    "fibre_speed_m_s": "comms.fibre_speed",
    "compute_power_per_satellite_w": "constellation.compute_power_per_satellite",
    "tokens_per_joule": "constellation.tokens_per_joule",
}
#: Table entry behind each field of the optical and the Ka-band link.
OPTICAL_LINK_KEYS = {
    "tx_power_w": "comms.optical_tx_power",
    "wavelength_m": "comms.optical_wavelength",
    "tx_aperture_m": "comms.optical_tx_aperture",
    "rx_aperture_m": "comms.optical_rx_aperture",
    "demonstrated_rate_bps": "comms.optical_demonstrated_rate",
    "photons_per_bit": "comms.optical_photons_per_bit",
    "optical_efficiency": "comms.optical_efficiency",
}
KA_BAND_LINK_KEYS = {
    "tx_power_w": "comms.ka_tx_power",
    "frequency_hz": "comms.ka_frequency",
    "tx_dish_m": "comms.ka_tx_dish",
    "rx_dish_m": "comms.ka_rx_dish",
    "bandwidth_hz": "comms.ka_bandwidth",
    "noise_temperature_k": "comms.ka_noise_temperature",
    "losses_db": "comms.ka_losses",
    "dish_efficiency": "comms.dish_efficiency",
}


@cache
def comms_figures() -> CommsFigures:
    """The downlink's figures from the shipped parameter table (read once).

    Returns
    -------
    CommsFigures
        Text per token, overhead, fibre speed, compute per satellite and the two links.
    """
    scalars = {field: table_value(key) for field, key in COMMS_FIGURE_KEYS.items()}
    optical = OpticalLink(**{f: table_value(k) for f, k in OPTICAL_LINK_KEYS.items()})
    ka_band = RFLink(**{f: table_value(k) for f, k in KA_BAND_LINK_KEYS.items()})
    return CommsFigures(**scalars, optical=optical, ka_band=ka_band)


def optical_link() -> OpticalLink:
    """A TBIRD-class laser downlink (``comms.optical_*``).

    Demonstrated: 200 Gbit/s from a CubeSat in LEO to a 1 m ground telescope at JPL's Table
    Mountain station (NASA, TBIRD); transmitter an ESTIMATE of 1 W at 1,550 nm from a 5 cm
    aperture.
    """
    return comms_figures().optical


def ka_band_link() -> RFLink:
    """A Ka-band downlink in the 25.5-27.0 GHz Earth-exploration band (``comms.ka_*``).

    Satellite: ESTIMATE 20 W into a 0.5 m dish; ground: a 7.3 m dish (KSAT's standard polar
    antennas), 300 K system noise temperature and 5 dB of losses (ESTIMATES; SMAD 3rd ed.
    ch. 13 for the method).
    """
    return comms_figures().ka_band


def downlink_need_bps(
    tokens_per_s: ArrayLike,
    bytes_per_token: ArrayLike | None = None,
    overhead: ArrayLike | None = None,
) -> FloatArray:
    r"""Downlink rate a satellite needs to send its text output.

    Parameters
    ----------
    tokens_per_s : array_like
        Output tokens [1/s], >= 0.
    bytes_per_token : array_like, optional
        Bytes per token [B], > 0; default ``comms.bytes_per_token`` (4 for English text in
        UTF-8).
    overhead : array_like, optional
        Bits on the link per bit of payload [-], >= 1; default ``comms.protocol_overhead``.

    Returns
    -------
    FloatArray
        Rate [bit/s].

    Notes
    -----
    .. math:: R = \dot N_\mathrm{tok}\, b_\mathrm{tok}\, 8\, k_\mathrm{overhead}
    """
    figures = comms_figures()
    tok = checked("tokens_per_s", tokens_per_s, low=0.0)
    b = checked(
        "bytes_per_token",
        figures.bytes_per_token if bytes_per_token is None else bytes_per_token,
        low=0.0,
        low_open=True,
    )
    k = checked("overhead", figures.protocol_overhead if overhead is None else overhead, low=1.0)
    return as_float(tok * b * BITS_PER_BYTE * k)


# --- stations and users -----------------------------------------------------------------------


@dataclass(frozen=True)
class GroundStation:
    """A ground station: where it is and who runs it.

    Attributes
    ----------
    key, name, operator : str
        Short key (``"svalsat"``), full name and operator.
    latitude_deg, longitude_deg : float
        WGS-84 coordinates [deg], north and east positive.
    sources : dict of str to str
        Source of each coordinate.
    """

    key: str
    name: str
    operator: str
    latitude_deg: float
    longitude_deg: float
    sources: dict[str, str]


@cache
def _raw() -> dict[str, Any]:
    loaded: dict[str, Any] = read_yaml(_DATA_FILE)[0]
    return loaded


@cache
def _stations() -> dict[str, GroundStation]:
    out = {}
    for key, body in _raw()["stations"].items():
        out[key] = GroundStation(
            key=key,
            name=str(body["name"]),
            operator=str(body["operator"]),
            latitude_deg=float(body["latitude"]["value"]),
            longitude_deg=float(body["longitude"]["value"]),
            sources={c: str(body[c]["source"]) for c in ("latitude", "longitude")},
        )
    return out


def load_ground_stations() -> dict[str, GroundStation]:
    """The shipped ground stations (``terawatt/data/ground_stations.yaml``), by key.

    Returns
    -------
    dict of str to GroundStation
        SvalSat, TrollSat, Inuvik, Fairbanks, Esrange, Santiago, Punta Arenas,
        Hartebeesthoek, Awarua, Wallops and Okinawa (a new dict each call; read once).
    """
    return dict(_stations())


def load_megacities() -> pd.DataFrame:
    """The 33 urban agglomerations of 10 million or more in 2018, with their population.

    Returns
    -------
    pandas.DataFrame
        Columns ``city``, ``latitude_deg``, ``longitude_deg``, ``population``.

    References
    ----------
    UN DESA Population Division, *World Urbanization Prospects: The 2018 Revision*,
    "The World's Cities in 2018" data booklet.
    """
    rows = [(k, *map(float, v)) for k, v in _raw()["megacities"]["cities"].items()]
    return pd.DataFrame(rows, columns=["city", "latitude_deg", "longitude_deg", "population"])


def default_elevation_mask_deg() -> float:
    """The shipped stations' elevation mask [deg] (``ground_stations.yaml``; SMAD sec. 5.2)."""
    return float(_raw()["elevation_mask"]["value"])


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
    compute_power_w: float
    tokens_per_j: float
    bytes_per_token: float
    overhead: float

    @property
    def tokens_per_s(self) -> float:
        """Tokens produced per second by one satellite [1/s]."""
        return self.compute_power_w * self.tokens_per_j

    @property
    def need_bps(self) -> float:
        """Downlink the tokens need, averaged over time [bit/s]."""
        return float(downlink_need_bps(self.tokens_per_s, self.bytes_per_token, self.overhead))


def default_stations() -> Stations:
    """The shipped ground stations (``terawatt/data/ground_stations.yaml``) and mask.

    Returns
    -------
    Stations
        SvalSat, TrollSat, Inuvik, ... with the file's 10 deg elevation mask (SMAD sec. 5.2).
    """
    stations = load_ground_stations()
    keys = tuple(stations)
    return Stations(
        names=keys,
        latitude_deg=as_float([stations[k].latitude_deg for k in keys]),
        longitude_deg=as_float([stations[k].longitude_deg for k in keys]),
        elevation_mask_deg=float(default_elevation_mask_deg()),
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
        ``downlink: {rate: "10 Gbit/s", source: "..."}`` (default: the Ka-band link,
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
        slant = float(slant_range_m(altitude_m, stations.elevation_mask_deg))
        rate = float(ka_band_link().rate_bps(slant))
        source = (
            "the Ka-band downlink (20 W, 0.5 m to 7.3 m dishes, 1.5 GHz at 26 GHz; "
            "Shannon limit) at the slant range of the elevation mask"
        )
    figures = comms_figures()
    power = to_si(
        compute.get("power", figures.compute_power_per_satellite_w),
        "W",
        "compute.power",
        where=where,
    )
    tpj = to_si(
        compute.get("tokens_per_joule", figures.tokens_per_joule),
        "1/J",
        "compute.tokens_per_joule",
        where=where,
    )
    if power < 0.0 or tpj < 0.0:
        raise InputError("compute", compute, "power and tokens_per_joule >= 0", where)
    return Downlink(rate, source, power, tpj, figures.bytes_per_token, figures.protocol_overhead)


# --- Earth rotation and station directions ---------------------------------------------------


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

    See :func:`terawatt.physics.geodesy.geodetic_to_ecef`.
    """
    return geodetic_to_ecef(stations.latitude_deg, stations.longitude_deg)


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
