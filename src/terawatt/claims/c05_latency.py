r"""C5: satellites in sun-synchronous orbit return finished results with low latency.

Two questions, answered to first order.

Bandwidth
    A satellite's text output needs ``tokens/s × bytes/token × 8 × overhead`` bit/s of
    downlink, compared with an optical ground link (photon budget of
    :func:`terawatt.physics.comms.optical_link_rate_bps`, capped at the 200 Gbit/s that
    NASA's TBIRD demonstrated) and a Ka-band RF link (Shannon limit of
    :func:`terawatt.physics.comms.rf_link_rate_bps`).

Latency of a finished result to a user
    A single satellite in a dawn-dusk sun-synchronous orbit (650 km) is propagated over two
    days at 10 s steps (:func:`ground_track_deg`: circular orbit, J2 node drift, Earth
    rotation, spherical Earth). A ground station sees it while the Earth central angle
    between them is within :math:`\lambda_{max}` of
    :func:`terawatt.physics.comms.earth_central_angle_deg` at the elevation mask (SMAD
    sec. 5.2). Requests arrive at random times in the first day, from users in the world's
    megacities weighted by population (or anywhere on Earth, area-weighted), and a random
    share of the stations is in service (weather, maintenance, antenna contention). Then

    - **direct**: the result waits until the satellite next sees a station in service,
      goes down over the slant range at light speed and through terrestrial fibre to the
      user at :data:`FIBRE_SPEED_M_S` over the great circle;
    - **relayed**: it crosses inter-satellite optical links (a Starlink-class mesh) along
      the great-circle arc at orbital radius, stretched by the mesh's routing, to a
      satellite that sees a station, with a processing delay per hop, then goes down and
      through fibre. The best station is chosen per request in both cases.

The probability is the share of requests answered within ``threshold_s`` (100 ms, the
limit of a response felt as immediate) under the chosen architecture.

Checked against the constellation simulator
    :func:`constellation_check` flies a dawn-dusk shell of 4 planes x 30 satellites at the
    same altitude with :mod:`terawatt.space.constellation` (J2 propagation, the shipped
    ground stations, contacts every 60 s over a day) and routes results over the real,
    time-varying laser-link graph (in-plane rings and nearest neighbours, line of sight
    clear of the atmosphere) to a station: the share of time a satellite sees a station,
    the wait of a direct downlink and the relayed latency to the ground come from that
    simulation and stand beside the first-order numbers. The first-order relay assumes
    the mesh exists wherever the path goes; the simulated one shows whether a shell of
    that size provides it. Queues and downlink contention are left out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

import numpy as np
import pandas as pd
import yaml
from numpy.typing import NDArray

from terawatt.claims.verdict import Assumption, Number, Verdict
from terawatt.errors import InputError
from terawatt.parameters.distributions import Uniform, parameter_generator, sample_table
from terawatt.physics import comms, orbit
from terawatt.physics.constants import (
    EARTH_EQUATORIAL_RADIUS_WGS84_M,
    EARTH_ROTATION_RATE_RAD_S,
    GM_EARTH_EGM96_M3_S2,
    SECONDS_PER_DAY,
    SPEED_OF_LIGHT_M_S,
)
from terawatt.space.presets import load_presets, preset_design
from terawatt.space.satellite import size_satellite
from terawatt.typing import ArrayLike, FloatArray, as_float
from terawatt.validate import checked

__all__ = [
    "BITS_PER_BYTE",
    "BYTES_PER_TOKEN",
    "CHECK_PER_PLANE",
    "CHECK_PLANES",
    "CHECK_SNAPSHOTS",
    "FIBRE_SPEED_M_S",
    "GEO_ALTITUDE_M",
    "HOP_LENGTH_RANGE_M",
    "HOP_PROCESSING_RANGE_S",
    "KA_BAND_LINK",
    "LOW_LATENCY_THRESHOLD_S",
    "OPTICAL_LINK",
    "PATH_STRETCH_RANGE",
    "PROTOCOL_OVERHEAD",
    "STATEMENT",
    "STATIONS_IN_SERVICE_RANGE",
    "STREAMING_BYTES_PER_TOKEN",
    "TIME_STEP_S",
    "GroundStation",
    "OpticalLink",
    "RFLink",
    "central_angle_rad",
    "constellation_check",
    "default_elevation_mask_deg",
    "downlink_need_bps",
    "evaluate",
    "ground_track_deg",
    "load_ground_stations",
    "load_megacities",
    "relay_latencies_s",
    "slant_range_from_central_angle_m",
]

STATEMENT = "Satellites in sun-synchronous orbit return finished results with low latency."

#: "Low" latency [s]: 0.1 s is the limit for a response to feel instantaneous (Nielsen, J.,
#: Usability Engineering, 1993, ch. 5; after Miller 1968 and Card, Robertson & Mackinlay
#: 1991). ITU-T G.114 (05/2003), sec. 3: one-way delay up to 150 ms leaves most
#: interactive (voice) applications unaffected -- the looser alternative.
LOW_LATENCY_THRESHOLD_S = 0.100
#: Signal speed in terrestrial optical fibre [m/s]: the ITU-T G.114 (05/2003) planning
#: value of 5 µs/km for optical fibre systems, i.e. 2/3 of c (group index ~1.47).
FIBRE_SPEED_M_S = 1.0 / 5e-9
#: Time step of the ground track [s].
TIME_STEP_S = 10.0
#: Geostationary altitude [m], from Kepler's third law at the Earth's rotation rate:
#: (GM/ω²)^(1/3) − R_E = 35,786 km.
GEO_ALTITUDE_M = (GM_EARTH_EGM96_M3_S2 / EARTH_ROTATION_RATE_RAD_S**2) ** (1.0 / 3.0) - (
    EARTH_EQUATORIAL_RADIUS_WGS84_M
)
#: UTF-8 bytes per token of English text [B]: "one token generally corresponds to ~4
#: characters of text for common English text" (OpenAI, "What are tokens and how to count
#: them?", help centre; secondary), one byte per character in UTF-8 (RFC 3629) for ASCII.
BYTES_PER_TOKEN = 4.0
BITS_PER_BYTE = 8.0
#: Bits on the link per bit of text [-]: an ESTIMATE covering TCP/IP and TLS headers
#: (~5 % on full-size packets), link framing and forward error correction (DVB-S2 code
#: rates 1/4-9/10, ETSI EN 302 307) and retransmissions.
PROTOCOL_OVERHEAD = 1.5
#: Bytes per token when every token is streamed as its own server-sent event [B]: an
#: ESTIMATE from the size of one OpenAI-style ``chat.completion.chunk`` JSON event
#: (~150-250 bytes), the worst case for the downlink.
STREAMING_BYTES_PER_TOKEN = 200.0
#: Length of one inter-satellite hop [m], drawn uniformly: cross-plane ~600 km and
#: in-plane ~2,000 km neighbours of Starlink's first shell (72 planes x 22 satellites at
#: 550 km, 53 deg: 2 pi (6,928 km) / 72 and / 22; SpaceX FCC filing 2018, secondary).
HOP_LENGTH_RANGE_M = (600e3, 2000e3)
#: Processing delay per hop (each relay satellite, and the ground station) [s], drawn
#: uniformly: an ESTIMATE -- frame decoding, switching and re-encoding in an optical
#: terminal and router; serialising a 1,500-byte packet at 10 Gbit/s takes 1.2 µs.
HOP_PROCESSING_RANGE_S = (0.05e-3, 1.0e-3)
#: Routed path over the great circle in the mesh [-], drawn uniformly: 1 along a plane,
#: up to sqrt(2) for a diagonal path on a grid of in-plane and cross-plane links (geometry).
PATH_STRETCH_RANGE = (1.0, math.sqrt(2.0))
#: Share of the stations in service for a request [-], drawn uniformly (then a random
#: subset of that size): an ESTIMATE for cloud cover at optical stations, maintenance and
#: antenna contention.
STATIONS_IN_SERVICE_RANGE = (0.5, 1.0)

_R = EARTH_EQUATORIAL_RADIUS_WGS84_M
_DATA_FILE = "ground_stations.yaml"


@dataclass(frozen=True)
class OpticalLink:
    """A laser downlink: transmitter, apertures and the rate a transceiver has reached.

    Attributes
    ----------
    tx_power_w : float
        Optical power launched [W].
    wavelength_m : float
        Wavelength [m].
    tx_aperture_m, rx_aperture_m : float
        Aperture diameters [m].
    demonstrated_rate_bps : float
        Rate a flown terminal has reached [bit/s]; the photon budget is capped at it
        (modulator and detector bandwidth are not in the photon budget).
    """

    tx_power_w: float
    wavelength_m: float
    tx_aperture_m: float
    rx_aperture_m: float
    demonstrated_rate_bps: float

    def rate_bps(self, distance_m: ArrayLike) -> FloatArray:
        """Rate at a range [bit/s]: min(photon budget, demonstrated rate)."""
        budget = comms.optical_link_rate_bps(
            self.tx_power_w, self.wavelength_m, self.tx_aperture_m, self.rx_aperture_m, distance_m
        )
        return as_float(np.minimum(budget, self.demonstrated_rate_bps))


@dataclass(frozen=True)
class RFLink:
    """A radio downlink with parabolic dishes at both ends.

    Attributes
    ----------
    tx_power_w : float
        RF power [W].
    frequency_hz : float
        Carrier frequency [Hz].
    tx_dish_m, rx_dish_m : float
        Dish diameters [m].
    bandwidth_hz : float
        Occupied bandwidth [Hz].
    noise_temperature_k : float
        Receiving system noise temperature [K].
    losses_db : float
        Atmospheric, pointing and implementation losses [dB].
    """

    tx_power_w: float
    frequency_hz: float
    tx_dish_m: float
    rx_dish_m: float
    bandwidth_hz: float
    noise_temperature_k: float
    losses_db: float

    def rate_bps(self, distance_m: ArrayLike) -> FloatArray:
        """Shannon-limited rate at a range [bit/s]."""
        lam = SPEED_OF_LIGHT_M_S / self.frequency_hz
        return comms.rf_link_rate_bps(
            self.tx_power_w,
            comms.parabolic_antenna_gain(self.tx_dish_m, lam),
            comms.parabolic_antenna_gain(self.rx_dish_m, lam),
            distance_m,
            self.frequency_hz,
            bandwidth_hz=self.bandwidth_hz,
            system_noise_temperature_k=self.noise_temperature_k,
            losses_db=self.losses_db,
        )


#: A TBIRD-class laser downlink. Demonstrated: 200 Gbit/s from a CubeSat in LEO to a 1 m
#: ground telescope at JPL's Table Mountain station (NASA, TBIRD, 2023 record of 4.8 TB
#: error-free at 200 Gbit/s in one pass; 200 Gbit/s announced for the May 2022 launch).
#: Transmitter: ESTIMATE of 1 W at 1,550 nm from a 5 cm aperture (telecom C-band
#: amplifiers and a small telescope).
OPTICAL_LINK = OpticalLink(
    tx_power_w=1.0,
    wavelength_m=1.55e-6,
    tx_aperture_m=0.05,
    rx_aperture_m=1.0,
    demonstrated_rate_bps=200e9,
)
#: A Ka-band downlink in the Earth-exploration-satellite band 25.5-27.0 GHz (ITU Radio
#: Regulations, Art. 5: 1.5 GHz wide). Satellite: ESTIMATE 20 W into a 0.5 m dish; ground:
#: a 7.3 m dish (the size of KSAT's standard polar antennas, e.g. TrollSat), 300 K system
#: noise temperature and 5 dB of rain, gas, pointing and implementation losses (ESTIMATES;
#: SMAD 3rd ed. ch. 13 for the method).
KA_BAND_LINK = RFLink(
    tx_power_w=20.0,
    frequency_hz=26.25e9,
    tx_dish_m=0.5,
    rx_dish_m=7.3,
    bandwidth_hz=1.5e9,
    noise_temperature_k=300.0,
    losses_db=5.0,
)

SOURCES = (
    (
        "Wertz & Larson (eds.), Space Mission Analysis and Design, 3rd ed. (1999), ch. 5 "
        "(ground-station geometry) and ch. 13 (link budgets)"
    ),
    "ITU-T Recommendation G.114 (05/2003), One-way transmission time: 150 ms; 5 us/km fibre",
    "Nielsen, J. (1993), Usability Engineering, ch. 5: 0.1 s feels instantaneous",
    "NASA/MIT Lincoln Laboratory TBIRD: 200 Gbit/s LEO-to-ground laser link (2022-2023)",
    "OpenAI help centre: ~4 characters per token of English text (secondary)",
    "Ground stations: terawatt/data/ground_stations.yaml (KSAT, NOAA, SSC, SANSA, JAXA, ...)",
    "UN DESA, World Urbanization Prospects 2018: the 33 megacities of 2018",
)


# --- data -----------------------------------------------------------------------------------


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
    text = resources.files("terawatt.data").joinpath(_DATA_FILE).read_text("utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
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


# --- geometry -------------------------------------------------------------------------------


def central_angle_rad(
    lat1_deg: ArrayLike, lon1_deg: ArrayLike, lat2_deg: ArrayLike, lon2_deg: ArrayLike
) -> FloatArray:
    r"""Great-circle (Earth central) angle between two points on a sphere.

    Parameters
    ----------
    lat1_deg, lon1_deg, lat2_deg, lon2_deg : array_like
        Latitudes and longitudes [deg]; broadcast against each other.

    Returns
    -------
    FloatArray
        Central angle [rad], in [0, π].

    Notes
    -----
    The haversine form, well conditioned for small angles:

    .. math:: \theta = 2 \arcsin\sqrt{\sin^2\frac{\Delta\varphi}{2}
              + \cos\varphi_1 \cos\varphi_2 \sin^2\frac{\Delta\lambda}{2}}

    References
    ----------
    Sinnott, R. W. (1984), "Virtues of the Haversine", Sky and Telescope 68(2), 159.
    """
    p1, p2 = np.deg2rad(as_float(lat1_deg)), np.deg2rad(as_float(lat2_deg))
    dl = np.deg2rad(as_float(lon2_deg) - as_float(lon1_deg))
    h = np.sin((p2 - p1) / 2.0) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2.0) ** 2
    return as_float(2.0 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))))


def slant_range_from_central_angle_m(altitude_m: ArrayLike, central_angle: ArrayLike) -> FloatArray:
    r"""Distance from a point on the surface to a satellite at a given Earth central angle.

    Parameters
    ----------
    altitude_m : array_like
        Satellite altitude h [m].
    central_angle : array_like
        Earth central angle θ between the point and the sub-satellite point [rad].

    Returns
    -------
    FloatArray
        Range [m] (law of cosines).

    Notes
    -----
    .. math:: D = \sqrt{R^2 + (R+h)^2 - 2 R (R+h) \cos\theta}

    References
    ----------
    Wertz & Larson (eds.), SMAD, 3rd ed. (1999), sec. 5.2.
    """
    r = _R + as_float(altitude_m)
    theta = as_float(central_angle)
    return as_float(np.sqrt(np.maximum(_R**2 + r**2 - 2.0 * _R * r * np.cos(theta), 0.0)))


def ground_track_deg(
    altitude_m: float,
    times_s: ArrayLike,
    *,
    inclination_deg: float | None = None,
    raan_rad: float = 0.0,
    argument_of_latitude_rad: float = 0.0,
    greenwich_angle_rad: float = 0.0,
) -> tuple[FloatArray, FloatArray]:
    r"""Sub-satellite point of a circular orbit over a rotating spherical Earth.

    Parameters
    ----------
    altitude_m : float
        Orbit altitude [m].
    times_s : array_like
        Times since the epoch [s].
    inclination_deg : float, optional
        Inclination [deg]; default the sun-synchronous one for the altitude.
    raan_rad, argument_of_latitude_rad, greenwich_angle_rad : float
        Right ascension of the ascending node, argument of latitude and Greenwich sidereal
        angle at the epoch [rad].

    Returns
    -------
    (FloatArray, FloatArray)
        Geocentric latitude and longitude [deg], longitude in [-180, 180).

    Notes
    -----
    With the Keplerian mean motion :math:`n`, the J2 node rate :math:`\dot\Omega` and the
    Earth's rotation rate :math:`\omega_E`,

    .. math::
        u &= u_0 + n t, \qquad \Omega = \Omega_0 + \dot\Omega t \\
        \varphi &= \arcsin(\sin i \sin u), \qquad
        \lambda = \Omega + \operatorname{atan2}(\cos i \sin u, \cos u)
                  - (\theta_{G,0} + \omega_E t)

    J2's small change of the along-track rate and the Earth's flattening are left out.

    References
    ----------
    Vallado, 4th ed., 2013, ch. 2 (circular orbits) and ch. 9 (secular J2 rates);
    SMAD 3rd ed., sec. 5.1 (ground tracks).
    """
    t = as_float(times_s)
    inc_deg = (
        float(orbit.sso_inclination_deg(altitude_m))
        if inclination_deg is None
        else float(checked("inclination_deg", inclination_deg, low=0.0, high=180.0))
    )
    inc = math.radians(inc_deg)
    n = orbit.mean_motion_rad_s(altitude_m)
    node_rate = orbit.nodal_precession_rad_s(altitude_m, inc_deg)
    u = argument_of_latitude_rad + n * t
    lat = np.arcsin(math.sin(inc) * np.sin(u))
    lon = (
        raan_rad
        + node_rate * t
        + np.arctan2(math.cos(inc) * np.sin(u), np.cos(u))
        - (greenwich_angle_rad + EARTH_ROTATION_RATE_RAD_S * t)
    )
    lon = np.mod(lon + np.pi, 2.0 * np.pi) - np.pi
    return as_float(np.rad2deg(lat)), as_float(np.rad2deg(lon))


def downlink_need_bps(
    tokens_per_s: ArrayLike,
    bytes_per_token: ArrayLike = BYTES_PER_TOKEN,
    overhead: ArrayLike = PROTOCOL_OVERHEAD,
) -> FloatArray:
    r"""Downlink rate a satellite needs to send its text output.

    Parameters
    ----------
    tokens_per_s : array_like
        Output tokens [1/s], >= 0.
    bytes_per_token : array_like
        Bytes per token [B], > 0 (4 for English text in UTF-8).
    overhead : array_like
        Bits on the link per bit of payload [-], >= 1.

    Returns
    -------
    FloatArray
        Rate [bit/s].

    Notes
    -----
    .. math:: R = \dot N_\mathrm{tok}\, b_\mathrm{tok}\, 8\, k_\mathrm{overhead}
    """
    tok = checked("tokens_per_s", tokens_per_s, low=0.0)
    b = checked("bytes_per_token", bytes_per_token, low=0.0, low_open=True)
    k = checked("overhead", overhead, low=1.0)
    return as_float(tok * b * BITS_PER_BYTE * k)


# --- the latency model ----------------------------------------------------------------------


def _percentiles(x: FloatArray) -> tuple[float, float]:
    """Median and 95th percentile (infinite values -- no contact -- sort last)."""
    p50, p95 = np.quantile(x, [0.5, 0.95], method="inverted_cdf")
    return float(p50), float(p95)


def _users(kind: str, u1: FloatArray, u2: FloatArray) -> tuple[FloatArray, FloatArray]:
    """User latitudes and longitudes [deg] from two uniform draws per request."""
    if kind == "uniform":  # area-uniform on the sphere
        return as_float(np.rad2deg(np.arcsin(2.0 * u1 - 1.0))), as_float(360.0 * u2 - 180.0)
    cities = load_megacities()
    cum = np.cumsum(cities["population"].to_numpy())
    pick = np.minimum(np.searchsorted(cum / cum[-1], u1, side="right"), len(cities) - 1)
    return (
        as_float(cities["latitude_deg"].to_numpy()[pick]),
        as_float(cities["longitude_deg"].to_numpy()[pick]),
    )


@dataclass(frozen=True)
class _Geometry:
    """Ground track against the stations: visibility and the next contact, per step."""

    visibility_radius_rad: float
    theta_rad: FloatArray  # (steps, stations) central angle sub-satellite point - station
    next_contact: NDArray[np.int64]  # (steps, stations); == steps where none follows
    steps: int
    contacts_per_day: float
    longest_gap_s: float


def _geometry(h: float, mask_deg: float, st_lat: FloatArray, st_lon: FloatArray) -> _Geometry:
    """Two days of ground track at :data:`TIME_STEP_S` against the stations."""
    lam = math.radians(float(comms.earth_central_angle_deg(h, mask_deg)))
    steps = round(2.0 * SECONDS_PER_DAY / TIME_STEP_S)
    sat_lat, sat_lon = ground_track_deg(h, np.arange(steps) * TIME_STEP_S)
    theta = central_angle_rad(sat_lat[:, None], sat_lon[:, None], st_lat, st_lon)
    visible = theta <= lam
    index = np.where(visible, np.arange(steps)[:, None], steps)
    next_contact = np.minimum.accumulate(index[::-1], axis=0)[::-1]
    # contacts in the first day: rising edges of "some station sees the satellite"
    any_visible: NDArray[np.bool_] = np.asarray(visible.any(axis=1))
    day = round(SECONDS_PER_DAY / TIME_STEP_S)
    rising = any_visible[1 : day + 1] & ~any_visible[:day]
    seen = np.flatnonzero(any_visible)
    gap = float(np.max(np.diff(seen)) - 1) * TIME_STEP_S if seen.size > 1 else math.inf
    return _Geometry(
        visibility_radius_rad=lam,
        theta_rad=theta,
        next_contact=next_contact.astype(np.int64),
        steps=steps,
        contacts_per_day=float(np.count_nonzero(rising)),
        longest_gap_s=gap,
    )


@dataclass(frozen=True)
class _Latencies:
    direct_s: FloatArray
    relayed_s: FloatArray
    fibre_best_s: FloatArray


def _latencies(
    geo: _Geometry,
    h: float,
    st_lat: FloatArray,
    st_lon: FloatArray,
    users: str,
    samples: int,
    seed: int,
) -> _Latencies:
    """Latency of each simulated request, direct and relayed (best station in service)."""
    n_st = st_lat.size
    draws = sample_table(
        {
            "c5.request_time": Uniform(low=0.0, high=SECONDS_PER_DAY),
            "c5.user_u1": Uniform(low=0.0, high=1.0),
            "c5.user_u2": Uniform(low=0.0, high=1.0),
            "c5.hop_length": Uniform(low=HOP_LENGTH_RANGE_M[0], high=HOP_LENGTH_RANGE_M[1]),
            "c5.hop_processing": Uniform(
                low=HOP_PROCESSING_RANGE_S[0], high=HOP_PROCESSING_RANGE_S[1]
            ),
            "c5.path_stretch": Uniform(low=PATH_STRETCH_RANGE[0], high=PATH_STRETCH_RANGE[1]),
            "c5.stations_in_service": Uniform(
                low=STATIONS_IN_SERVICE_RANGE[0], high=STATIONS_IN_SERVICE_RANGE[1]
            ),
        },
        samples,
        seed,
    )
    t_req = draws["c5.request_time"]
    k = np.minimum((t_req // TIME_STEP_S).astype(np.int64), geo.steps - 1)
    user_lat, user_lon = _users(users, draws["c5.user_u1"], draws["c5.user_u2"])
    # a random subset of the stations is in service for each request
    order = parameter_generator(seed, "c5.station_order").random((samples, n_st))
    rank = np.argsort(np.argsort(order, axis=1), axis=1)
    in_service = rank < np.maximum(np.ceil(draws["c5.stations_in_service"] * n_st), 1)[:, None]
    tau = draws["c5.hop_processing"][:, None]
    fibre_s = (
        central_angle_rad(user_lat[:, None], user_lon[:, None], st_lat, st_lon)
        * _R
        / FIBRE_SPEED_M_S
    )
    lam = geo.visibility_radius_rad

    # (a) direct: wait for the next contact, then down and through fibre
    contact = geo.next_contact[k]  # (n, S)
    seen = contact < geo.steps
    contact_safe = np.where(seen, contact, 0)
    wait = np.where(seen, np.maximum(contact_safe * TIME_STEP_S - t_req[:, None], 0.0), np.inf)
    down = slant_range_from_central_angle_m(h, geo.theta_rad[contact_safe, np.arange(n_st)])
    direct = wait + down / SPEED_OF_LIGHT_M_S + tau + fibre_s

    # (b) relayed: along the arc to the edge of a station's view, then down and through fibre
    theta_now = geo.theta_rad[k]  # (n, S)
    arc_m = np.maximum(theta_now - lam, 0.0) * (_R + h) * draws["c5.path_stretch"][:, None]
    hops = np.ceil(arc_m / draws["c5.hop_length"][:, None])
    down_relay = slant_range_from_central_angle_m(h, np.minimum(theta_now, lam))
    relayed = (arc_m + down_relay) / SPEED_OF_LIGHT_M_S + (hops + 1.0) * tau + fibre_s

    def best(x: FloatArray) -> FloatArray:
        return as_float(np.where(in_service, x, np.inf).min(axis=1))

    return _Latencies(direct_s=best(direct), relayed_s=best(relayed), fibre_best_s=best(fibre_s))


def _bandwidth(preset: str, slant_range_m: float) -> dict[str, float]:
    """Downlink need of one satellite of ``preset`` against the two links at a range."""
    budget = size_satellite(preset_design(preset))
    tokens = float(budget.tokens_per_s)
    need = float(downlink_need_bps(tokens))
    photons = comms.optical_link_rate_bps(
        OPTICAL_LINK.tx_power_w,
        OPTICAL_LINK.wavelength_m,
        OPTICAL_LINK.tx_aperture_m,
        OPTICAL_LINK.rx_aperture_m,
        slant_range_m,
    )
    return {
        "tokens_per_s": tokens,
        "downlink_need": need,
        "streaming": float(downlink_need_bps(tokens, STREAMING_BYTES_PER_TOKEN)),
        "need_per_gw": need / float(budget.compute_power_w) * 1e9,
        "optical": float(OPTICAL_LINK.rate_bps(slant_range_m)),
        "optical_photon_budget": float(photons),
        "ka_band": float(KA_BAND_LINK.rate_bps(slant_range_m)),
        "slant_range_m": slant_range_m,
    }


def _chosen_stations(stations: Sequence[str] | None) -> list[GroundStation]:
    known = load_ground_stations()
    if stations is None:
        return list(known.values())
    if isinstance(stations, str) or not list(stations):
        raise InputError("stations", stations, "a non-empty list of station keys")
    out = []
    for key in dict.fromkeys(stations):
        if key not in known:
            raise InputError("stations", key, f"one of {', '.join(map(repr, known))}")
        out.append(known[key])
    return out


#: The shell :func:`constellation_check` flies: 4 dawn-dusk planes of 30 satellites (a
#: first tranche; Google Project Suncatcher, arXiv:2511.19468, plans 81-satellite clusters).
CHECK_PLANES, CHECK_PER_PLANE = 4, 30
#: Snapshots of the link graph over the day (one every 30 minutes).
CHECK_SNAPSHOTS = 48


def _check_shell(altitude_m: float) -> tuple[Any, Any, Any]:
    """Configuration, elements and ground stations of the shell the checks fly."""
    # the simulator reads this module's station list: imported here, not at the top
    from terawatt.space.constellation import config, ground  # noqa: PLC0415

    shell = {
        "altitude": f"{altitude_m!r} m",
        "ltan": "18:00",
        "planes": CHECK_PLANES,
        "satellites_per_plane": CHECK_PER_PLANE,
    }
    cfg = config.parse_config({"name": "c5-check", "shells": [shell]}, "claim C5")
    return cfg, config.build(cfg), ground.parse_stations(cfg.options, cfg.where)


@cache
def relay_latencies_s(
    altitude_m: float = 650e3, snapshots: int = CHECK_SNAPSHOTS
) -> NDArray[np.float64]:
    """Latency of a result relayed over the laser-link graph to a station, per satellite.

    Parameters
    ----------
    altitude_m : float
        Altitude of the dawn-dusk shell of ``CHECK_PLANES`` x ``CHECK_PER_PLANE`` satellites [m].
    snapshots : int
        Snapshots of the time-varying link graph, evenly over one day.

    Returns
    -------
    numpy.ndarray
        Shape (snapshots, satellites) [s], light time and hops from the satellite to the
        nearest station by path; ``inf`` where no path reaches one. Read-only (cached).
    """
    from terawatt.space.constellation import latency  # noqa: PLC0415 (see _check_shell)

    cfg, elements, stations = _check_shell(altitude_m)
    times = np.linspace(0.0, SECONDS_PER_DAY, snapshots, endpoint=False)
    isl = latency.parse_isl(cfg.options, cfg.where)
    lat = np.asarray(latency.relay_latency(elements, stations, times, isl), dtype=np.float64)
    lat.flags.writeable = False
    return lat


@cache
def constellation_check(altitude_m: float = 650e3) -> dict[str, float]:
    """Contacts, direct wait and relayed latency from the constellation simulator.

    Parameters
    ----------
    altitude_m : float
        Altitude of the dawn-dusk shell [m].

    Returns
    -------
    dict
        ``contact_fraction`` (share of time a satellite sees a station), ``passes_per_day``,
        ``direct_wait_p50_s`` and ``direct_wait_p90_s`` (light time included),
        ``relay_latency_p50_s`` and ``relay_latency_p95_s`` (satellite to a station over the
        laser-link graph, light time and hops; :func:`relay_latencies_s`) and
        ``relay_reachable`` (share of satellite-snapshots with a path to a station).
    """
    from terawatt.space.constellation import run  # noqa: PLC0415 (see _check_shell)

    _, elements, stations = _check_shell(altitude_m)
    ds = run.simulate(elements, stations=stations, duration_s=SECONDS_PER_DAY, step_s=60.0)
    entry = run.summarize(ds)["shells"][0]
    lat = relay_latencies_s(altitude_m)
    finite = lat[np.isfinite(lat)]
    return {
        "contact_fraction": float(entry["contact_fraction_mean"]),
        "passes_per_day": float(entry["passes_per_day_mean"]),
        "direct_wait_p50_s": float(entry["direct_latency_s"]["p50_s"]),
        "direct_wait_p90_s": float(entry["direct_latency_s"]["p90_s"]),
        "relay_latency_p50_s": float(np.median(finite)) if finite.size else math.inf,
        "relay_latency_p95_s": float(np.quantile(finite, 0.95)) if finite.size else math.inf,
        "relay_reachable": float(np.isfinite(lat).mean()),
    }


def evaluate(
    *,
    relay: bool = True,
    threshold_s: float = LOW_LATENCY_THRESHOLD_S,
    stations: Sequence[str] | None = None,
    users: Literal["megacities", "uniform"] = "megacities",
    altitude_m: float = 650e3,
    elevation_mask_deg: float | None = None,
    preset: str = "today",
    samples: int = 4000,
    seed: int = 0,
    simulate: bool = True,
) -> Verdict:
    r"""Verdict on C5: P(a finished result reaches its user within ``threshold_s``).

    Parameters
    ----------
    relay : bool
        Relay over inter-satellite laser links to a satellite in view of a station
        (Starlink-class links exist) or wait for the satellite's own next contact.
    threshold_s : float
        One-way latency that counts as "low" [s]: 0.1 s (Nielsen 1993); 0.15 s is ITU-T
        G.114's limit for interactive voice.
    stations : sequence of str, optional
        Keys of the ground stations used (default: all of ``ground_stations.yaml``).
    users : {"megacities", "uniform"}
        Where users are: the 33 megacities weighted by population, or anywhere on Earth.
    altitude_m : float
        Altitude of the dawn-dusk sun-synchronous orbit [m] (Suncatcher: ~650 km).
    elevation_mask_deg : float, optional
        Minimum elevation for a ground contact [deg]; default 10 (SMAD sec. 5.2).
    preset : str
        Satellite design whose token output sizes the downlink need.
    samples, seed : int
        Requests simulated and the seed.
    simulate : bool
        Add the constellation simulator's numbers (:func:`constellation_check`, ~1 s).

    Returns
    -------
    Verdict
        Numbers: median and 95th percentile latency of both architectures, light time at
        the altitude and from GEO, the visibility radius and contacts per day, the downlink
        need against optical and Ka-band capacity.

    Notes
    -----
    For request :math:`j` at time :math:`t_j`, station :math:`s` in service, central angle
    :math:`\theta_{js}` from the sub-satellite point and :math:`\lambda_{max}` the
    visibility radius:

    .. math::
        L^\mathrm{direct}_{js} &= w_{js} + D(\theta_s(t_j + w_{js}))/c + \tau
            + d_{s,\mathrm{user}} / v_f \\
        L^\mathrm{relay}_{js} &= \frac{k_j (R+h)\,(\theta_{js} - \lambda_{max})^+
            + D(\min(\theta_{js}, \lambda_{max}))}{c}
            + (n_{js} + 1)\,\tau_j + d_{s,\mathrm{user}} / v_f

    with :math:`w` the wait for the next contact, :math:`D` the slant range,
    :math:`k` the path stretch, :math:`n = \lceil \mathrm{arc}/\ell_\mathrm{hop} \rceil`
    hops of processing delay :math:`\tau`, :math:`v_f` = 2/3 c; each request takes the
    best station in service.
    """
    threshold = float(checked("threshold_s", threshold_s, low=0.0, low_open=True))
    if users not in ("megacities", "uniform"):
        raise InputError("users", users, "'megacities' or 'uniform'")
    if preset not in load_presets():
        raise InputError("preset", preset, f"one of {', '.join(map(repr, load_presets()))}")
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
        raise InputError("samples", samples, "an int >= 1")
    h = float(checked("altitude_m", altitude_m, low=1e5, high=5.9e6))
    mask = default_elevation_mask_deg() if elevation_mask_deg is None else elevation_mask_deg
    mask = float(checked("elevation_mask_deg", mask, low=0.0, high=89.0))
    chosen = _chosen_stations(stations)
    st_lat = as_float([s.latitude_deg for s in chosen])
    st_lon = as_float([s.longitude_deg for s in chosen])
    n_st = len(chosen)

    geo = _geometry(h, mask, st_lat, st_lon)
    lat = _latencies(geo, h, st_lat, st_lon, users, samples, seed)
    direct, relayed = lat.direct_s, lat.relayed_s
    latency = relayed if relay else direct
    p = float(np.mean(latency <= threshold))
    d50, d95 = _percentiles(direct)
    r50, r95 = _percentiles(relayed)
    p_direct = float(np.mean(direct <= threshold))
    p_relay = float(np.mean(relayed <= threshold))
    bw = _bandwidth(preset, float(comms.slant_range_m(h, mask)))
    zenith_s = float(comms.light_time_s(h))
    geo_s = float(comms.light_time_s(GEO_ALTITUDE_M))
    geo_relay_s = float(comms.light_time_s(GEO_ALTITUDE_M - h + GEO_ALTITUDE_M))
    tokens, need, need_stream = bw["tokens_per_s"], bw["downlink_need"], bw["streaming"]
    optical, ka = bw["optical"], bw["ka_band"]

    arch = "relayed" if relay else "direct"
    summary = (
        f"Text is light: a '{preset}' satellite makes {tokens:,.0f} tokens/s, "
        f"{need / 1e6:.1f} Mbit/s with overhead ({need_stream / 1e6:.0f} Mbit/s streamed token "
        f"by token), {need / optical:.1e} of a 200 Gbit/s laser link and {need / ka:.1e} of a "
        f"Ka-band link; bandwidth is not the limit. Latency is geometry: from {h / 1e3:.0f} km "
        f"a zenith pass is {zenith_s * 1e3:.2f} ms away (GEO {geo_s * 1e3:.0f} ms), but one "
        f"satellite sees one of {n_st} stations only {geo.contacts_per_day:.0f} times a day: a "
        f"result sent direct is quick only if a station is in view ({p_direct:.0%} of results) "
        f"and otherwise waits for the next pass, {d50 / 60:.0f} min median, {d95 / 60:.0f} min "
        f"at the 95th percentile. Relayed over laser links it arrives in {r50 * 1e3:.0f} ms "
        f"(95th percentile {r95 * 1e3:.0f} ms). P({arch} <= {threshold * 1e3:g} ms) = {p:.2f}."
    )
    simulated: tuple[Number, ...] = ()
    if simulate:
        sim = constellation_check(h)
        summary += (
            f" Simulated ({CHECK_PLANES} x {CHECK_PER_PLANE} satellites, one day): a satellite "
            f"sees a station {sim['contact_fraction']:.0%} of the time; over the laser-link "
            f"graph {sim['relay_reachable']:.0%} of satellites reach a station, in "
            f"{sim['relay_latency_p50_s'] * 1e3:.0f} ms median to the ground."
        )
        simulated = (
            Number("sim_contact_fraction", sim["contact_fraction"], "1", "simulated shell"),
            Number("sim_passes_per_day", sim["passes_per_day"], "1/day", "per satellite"),
            Number("sim_direct_wait_p50", sim["direct_wait_p50_s"], "s", "direct, median"),
            Number("sim_direct_wait_p90", sim["direct_wait_p90_s"], "s", "direct, p90"),
            Number(
                "sim_relay_latency_p50",
                sim["relay_latency_p50_s"],
                "s",
                "satellite to a station over the simulated laser-link graph, median",
            ),
            Number("sim_relay_latency_p95", sim["relay_latency_p95_s"], "s", "same, p95"),
            Number(
                "sim_relay_reachable",
                sim["relay_reachable"],
                "1",
                "share of satellite-snapshots with a path to a station",
            ),
        )
    numbers = (
        Number("relayed_latency_p50", r50, "s", "relayed over laser links, median"),
        Number("relayed_latency_p95", r95, "s", "relayed, 95th percentile"),
        Number("direct_latency_p50", d50, "s", "waiting for the next station contact, median"),
        Number("direct_latency_p95", d95, "s", "direct, 95th percentile"),
        Number("p_relayed_within_threshold", p_relay, "1", f"P(relayed <= {threshold:g} s)"),
        Number("p_direct_within_threshold", p_direct, "1", f"P(direct <= {threshold:g} s)"),
        Number(
            "fibre_latency_p50",
            float(np.median(lat.fibre_best_s)),
            "s",
            "station nearest the user to the user, 2/3 c over the great circle, median",
        ),
        Number("light_time_zenith", zenith_s, "s", f"one way, {h / 1e3:g} km at zenith"),
        Number("light_time_geo", geo_s, "s", "one way, geostationary altitude at zenith"),
        Number(
            "geo_relay_latency_min",
            geo_relay_s,
            "s",
            "up to a GEO data relay and down, best geometry (light time only)",
        ),
        Number(
            "visibility_radius",
            math.degrees(geo.visibility_radius_rad),
            "deg",
            f"Earth central angle seen above {mask:g} deg elevation (SMAD sec. 5.2)",
        ),
        Number("slant_range_at_mask", bw["slant_range_m"], "m", f"range at {mask:g} deg elevation"),
        Number(
            "contacts_per_day",
            geo.contacts_per_day,
            "1/day",
            f"station contacts of one satellite with the {n_st} stations (all in service)",
        ),
        Number("longest_gap", geo.longest_gap_s, "s", "longest time without any station in view"),
        Number("tokens_per_s", tokens, "1/s", f"'{preset}' satellite"),
        Number("downlink_need", need, "bit/s", "text output with protocol overhead"),
        Number(
            "downlink_need_streaming",
            need_stream,
            "bit/s",
            "every token as its own server-sent event",
        ),
        Number("downlink_need_per_gw", bw["need_per_gw"], "bit/s/GW", "per GW of compute"),
        Number("optical_capacity", optical, "bit/s", "TBIRD-class laser link at the mask"),
        Number(
            "optical_photon_budget",
            bw["optical_photon_budget"],
            "bit/s",
            "photon-limited rate of the same link (transceivers cap it)",
        ),
        Number("ka_band_capacity", ka, "bit/s", "Ka-band Shannon limit at the mask"),
        Number("need_to_optical", need / optical, "1", "downlink need / optical capacity"),
        Number("need_to_ka_band", need / ka, "1", "downlink need / Ka-band capacity"),
        *simulated,
    )
    assumptions = (
        Assumption(
            "relay",
            relay,
            "",
            "Starlink-class laser inter-satellite links exist; direct = no relay",
            deciding=True,
        ),
        Assumption(
            "threshold_s",
            threshold,
            "s",
            "Nielsen (1993): 0.1 s feels instantaneous; ITU-T G.114: 150 ms for voice",
            deciding=True,
        ),
        Assumption(
            "stations",
            ", ".join(s.key for s in chosen),
            "",
            "ground_stations.yaml: today's polar and mid-latitude EO stations",
            deciding=True,
        ),
        Assumption(
            "users",
            users,
            "",
            "UN WUP 2018 megacities by population, or area-uniform on Earth",
        ),
        Assumption("altitude_m", h, "m", "Google Project Suncatcher: ~650 km dawn-dusk SSO"),
        Assumption("elevation_mask_deg", mask, "deg", "SMAD 3rd ed. sec. 5.2: 5-10 deg"),
        Assumption(
            "hop_length_m",
            f"{HOP_LENGTH_RANGE_M[0]:g}-{HOP_LENGTH_RANGE_M[1]:g} (uniform)",
            "m",
            "Starlink shell 1 neighbour spacing (FCC 2018, secondary)",
        ),
        Assumption(
            "hop_processing_s",
            f"{HOP_PROCESSING_RANGE_S[0]:g}-{HOP_PROCESSING_RANGE_S[1]:g} (uniform)",
            "s",
            "estimate: optical terminal and router per hop",
        ),
        Assumption(
            "path_stretch",
            f"{PATH_STRETCH_RANGE[0]:g}-{PATH_STRETCH_RANGE[1]:.2f} (uniform)",
            "1",
            "grid routing: 1 along a plane to sqrt(2) diagonally",
        ),
        Assumption(
            "stations_in_service",
            f"{STATIONS_IN_SERVICE_RANGE[0]:g}-{STATIONS_IN_SERVICE_RANGE[1]:g} (uniform)",
            "1",
            "estimate: clouds, maintenance, contention",
        ),
        Assumption("fibre_speed_m_s", FIBRE_SPEED_M_S, "m/s", "ITU-T G.114: 5 us/km (2/3 c)"),
        Assumption(
            "bytes_per_token", BYTES_PER_TOKEN, "B", "OpenAI: ~4 characters/token (secondary)"
        ),
        Assumption("protocol_overhead", PROTOCOL_OVERHEAD, "1", "estimate"),
        Assumption("preset", preset, "", "satellite_presets.yaml"),
    )
    return Verdict(
        id="C5",
        statement=STATEMENT,
        probability=p,
        summary=summary,
        numbers=numbers,
        assumptions=assumptions,
        sources=SOURCES,
    )
