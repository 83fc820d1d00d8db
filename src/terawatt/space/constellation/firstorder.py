r"""First-order latency of a finished result to its user, and the downlink a satellite needs.

The model behind claim C5 (:mod:`terawatt.claims.c05_latency`), answered to first order.

Bandwidth
    A satellite's text output needs ``tokens/s × bytes/token × 8 × overhead`` bit/s of
    downlink (:func:`terawatt.space.constellation.ground.downlink_need_bps`), compared with
    an optical ground link (photon budget of
    :func:`terawatt.physics.comms.optical_link_rate_bps`, capped at the 200 Gbit/s that
    NASA's TBIRD demonstrated) and a Ka-band RF link (Shannon limit of
    :func:`terawatt.physics.comms.rf_link_rate_bps`) (:func:`satellite_bandwidth`).

Latency of a finished result to a user
    A single satellite in a dawn-dusk sun-synchronous orbit is propagated over two days at
    :data:`TIME_STEP_S` steps (:func:`terawatt.physics.geodesy.ground_track_deg`: circular
    orbit, J2 node drift, Earth rotation, spherical Earth). A ground station sees it while
    the Earth central angle between them is within :math:`\lambda_{max}` of
    :func:`terawatt.physics.geodesy.earth_central_angle_deg` at the elevation mask (SMAD
    sec. 5.2) (:func:`request_geometry`). Requests arrive at random times in the first day,
    from users in the world's megacities weighted by population (or anywhere on Earth,
    area-weighted), and a random share of the stations is in service (weather,
    maintenance, antenna contention) (:func:`request_latencies`). Then

    - **direct**: the result waits until the satellite next sees a station in service,
      goes down over the slant range at light speed and through terrestrial fibre to the
      user at ``comms.fibre_speed`` over the great circle;
    - **relayed**: it crosses inter-satellite optical links (a Starlink-class mesh) along
      the great-circle arc at orbital radius, stretched by the mesh's routing, to a
      satellite that sees a station, with a processing delay per hop, then goes down and
      through fibre. The best station is chosen per request in both cases.

The mesh's figures (``comms.hop_length``, ``comms.hop_processing_delay``,
``comms.path_stretch``, ``comms.stations_in_service``) are the parameter table's
distributions, drawn by name (:func:`terawatt.parameters.distributions.sample_table`).

Notes
-----
For request :math:`j` at time :math:`t_j`, station :math:`s` in service, central angle
:math:`\theta_{js}` from the sub-satellite point and :math:`\lambda_{max}` the visibility
radius:

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

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from terawatt.parameters.distributions import Uniform, parameter_generator, sample_table
from terawatt.parameters.table import shipped_table
from terawatt.physics import comms
from terawatt.physics.constants import (
    EARTH_EQUATORIAL_RADIUS_WGS84_M,
    SECONDS_PER_DAY,
    SPEED_OF_LIGHT_M_S,
)
from terawatt.physics.geodesy import (
    central_angle_rad,
    earth_central_angle_deg,
    ground_track_deg,
    slant_range_from_central_angle_m,
)
from terawatt.space.constellation.ground import (
    comms_figures,
    downlink_need_bps,
    load_megacities,
)
from terawatt.space.presets import preset_design
from terawatt.space.satellite import size_satellite
from terawatt.typing import FloatArray, as_float

__all__ = [
    "MESH_PARAMETERS",
    "TIME_STEP_S",
    "RequestGeometry",
    "RequestLatencies",
    "mesh_distributions",
    "relay_to_station_s",
    "request_geometry",
    "request_latencies",
    "satellite_bandwidth",
    "user_locations",
]

#: Time step of the ground track [s] (a numerical setting).
TIME_STEP_S = 10.0
#: Parameter-table entries of the relay mesh and the ground network, drawn per request.
MESH_PARAMETERS = (
    "comms.hop_length",
    "comms.hop_processing_delay",
    "comms.path_stretch",
    "comms.stations_in_service",
)

_R = EARTH_EQUATORIAL_RADIUS_WGS84_M


def mesh_distributions() -> dict[str, Uniform]:
    """The table's distributions of :data:`MESH_PARAMETERS` (uniform ranges), by name."""
    table = shipped_table()
    out = {}
    for name in MESH_PARAMETERS:
        dist = table[name].default
        assert isinstance(dist, Uniform), name
        out[name] = dist
    return out


def user_locations(kind: str, u1: FloatArray, u2: FloatArray) -> tuple[FloatArray, FloatArray]:
    """User latitudes and longitudes [deg] from two uniform draws per request.

    Parameters
    ----------
    kind : {"megacities", "uniform"}
        The 33 megacities weighted by population, or area-uniform on the sphere.
    u1, u2 : FloatArray
        Uniform draws in [0, 1), one each per request.

    Returns
    -------
    tuple of FloatArray
        Latitudes and longitudes [deg].
    """
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
class RequestGeometry:
    """Ground track against the stations: visibility and the next contact, per step."""

    visibility_radius_rad: float
    theta_rad: FloatArray  # (steps, stations) central angle sub-satellite point - station
    next_contact: NDArray[np.int64]  # (steps, stations); == steps where none follows
    steps: int
    contacts_per_day: float
    longest_gap_s: float


def request_geometry(
    h: float, mask_deg: float, st_lat: FloatArray, st_lon: FloatArray
) -> RequestGeometry:
    """Two days of ground track at :data:`TIME_STEP_S` against the stations.

    Parameters
    ----------
    h : float
        Altitude of the dawn-dusk sun-synchronous orbit [m].
    mask_deg : float
        Elevation mask [deg].
    st_lat, st_lon : FloatArray
        Station latitudes and longitudes [deg].

    Returns
    -------
    RequestGeometry
        Visibility radius, central angles and the next contact per step and station.
    """
    lam = math.radians(float(earth_central_angle_deg(h, mask_deg)))
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
    return RequestGeometry(
        visibility_radius_rad=lam,
        theta_rad=theta,
        next_contact=next_contact.astype(np.int64),
        steps=steps,
        contacts_per_day=float(np.count_nonzero(rising)),
        longest_gap_s=gap,
    )


def relay_to_station_s(
    theta_rad: FloatArray,
    h: float,
    visibility_radius_rad: float,
    path_stretch: FloatArray | float,
    hop_length_m: FloatArray | float,
    hop_processing_s: FloatArray | float,
) -> FloatArray:
    r"""First-order latency from a satellite over the relay mesh down to a station [s].

    Light time along the great-circle arc at orbital radius to the edge of the station's
    view, stretched by the mesh's routing, plus the slant range down, plus a processing
    delay for each of the :math:`\lceil \mathrm{arc}/\ell_\mathrm{hop} \rceil` hops and
    the downlink (the space segment of :math:`L^\mathrm{relay}` in the module notes; no
    terrestrial fibre).

    Parameters
    ----------
    theta_rad : FloatArray
        Earth central angle between the sub-satellite point and the station [rad].
    h : float
        Altitude [m].
    visibility_radius_rad : float
        Central angle the station sees above its elevation mask [rad].
    path_stretch, hop_length_m, hop_processing_s : FloatArray or float
        Route length over the arc [-], distance per hop [m], processing per hop [s];
        broadcast against ``theta_rad``.

    Returns
    -------
    FloatArray
        Latency [s], the shape of the broadcast inputs.
    """
    arc_m = np.maximum(theta_rad - visibility_radius_rad, 0.0) * (_R + h) * path_stretch
    hops = np.ceil(arc_m / hop_length_m)
    down = slant_range_from_central_angle_m(h, np.minimum(theta_rad, visibility_radius_rad))
    return as_float((arc_m + down) / SPEED_OF_LIGHT_M_S + (hops + 1.0) * hop_processing_s)


@dataclass(frozen=True)
class RequestLatencies:
    """Latency of each request [s].

    Attributes
    ----------
    direct_s, relayed_s : FloatArray
        To the user, direct (next contact) and relayed, best station in service.
    fibre_best_s : FloatArray
        Fibre from the station nearest the user (in service) to the user.
    relayed_to_station_s : FloatArray
        Space segment only: satellite over the mesh to the nearest station in service
        (:func:`relay_to_station_s`), no fibre and no user; the simulator's
        ``relay_latency`` measures the same leg.
    relayed_fibre_s : FloatArray
        Fibre from the station the relayed result lands at (the best for the user, not
        the nearest to the satellite) to the user.
    """

    direct_s: FloatArray
    relayed_s: FloatArray
    fibre_best_s: FloatArray
    relayed_to_station_s: FloatArray
    relayed_fibre_s: FloatArray


def request_latencies(
    geo: RequestGeometry,
    h: float,
    st_lat: FloatArray,
    st_lon: FloatArray,
    users: str,
    samples: int,
    seed: int,
) -> RequestLatencies:
    """Latency of each simulated request, direct and relayed (best station in service).

    Parameters
    ----------
    geo : RequestGeometry
        Output of :func:`request_geometry`.
    h : float
        Altitude [m].
    st_lat, st_lon : FloatArray
        Station latitudes and longitudes [deg].
    users : {"megacities", "uniform"}
        Where the users are (:func:`user_locations`).
    samples, seed : int
        Requests simulated and the seed (name-keyed streams).

    Returns
    -------
    RequestLatencies
        Per request [s].
    """
    n_st = st_lat.size
    draws = sample_table(
        {
            "c5.request_time": Uniform(low=0.0, high=SECONDS_PER_DAY),
            "c5.user_u1": Uniform(low=0.0, high=1.0),
            "c5.user_u2": Uniform(low=0.0, high=1.0),
            **mesh_distributions(),
        },
        samples,
        seed,
    )
    t_req = draws["c5.request_time"]
    k = np.minimum((t_req // TIME_STEP_S).astype(np.int64), geo.steps - 1)
    user_lat, user_lon = user_locations(users, draws["c5.user_u1"], draws["c5.user_u2"])
    # a random subset of the stations is in service for each request
    order = parameter_generator(seed, "c5.station_order").random((samples, n_st))
    rank = np.argsort(np.argsort(order, axis=1), axis=1)
    in_service = rank < np.maximum(np.ceil(draws["comms.stations_in_service"] * n_st), 1)[:, None]
    tau = draws["comms.hop_processing_delay"][:, None]
    fibre_s = (
        central_angle_rad(user_lat[:, None], user_lon[:, None], st_lat, st_lon)
        * _R
        / comms_figures().fibre_speed_m_s
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
    space = relay_to_station_s(
        geo.theta_rad[k],
        h,
        lam,
        draws["comms.path_stretch"][:, None],
        draws["comms.hop_length"][:, None],
        tau,
    )
    relayed = space + fibre_s

    def best(x: FloatArray) -> FloatArray:
        return as_float(np.where(in_service, x, np.inf).min(axis=1))

    landing = np.argmin(np.where(in_service, relayed, np.inf), axis=1)[:, None]
    return RequestLatencies(
        direct_s=best(direct),
        relayed_s=best(relayed),
        fibre_best_s=best(fibre_s),
        relayed_to_station_s=best(space),
        relayed_fibre_s=as_float(np.take_along_axis(fibre_s, landing, axis=1)[:, 0]),
    )


def satellite_bandwidth(preset: str, slant_range_m: float) -> dict[str, float]:
    """Downlink need of one satellite of ``preset`` against the two links at a range.

    Parameters
    ----------
    preset : str
        Satellite design preset (its token output sizes the need).
    slant_range_m : float
        Range of the links [m].

    Returns
    -------
    dict of str to float
        ``tokens_per_s``, ``downlink_need`` and ``streaming`` [bit/s], ``need_per_gw``
        [bit/s/GW], ``optical``, ``optical_photon_budget`` and ``ka_band`` [bit/s],
        ``slant_range_m`` [m].
    """
    figures = comms_figures()
    optical, ka_band = figures.optical, figures.ka_band
    budget = size_satellite(preset_design(preset))
    tokens = float(budget.tokens_per_s)
    need = float(downlink_need_bps(tokens))
    photons = comms.optical_link_rate_bps(
        optical.tx_power_w,
        optical.wavelength_m,
        optical.tx_aperture_m,
        optical.rx_aperture_m,
        slant_range_m,
        photons_per_bit=optical.photons_per_bit,
        optical_efficiency=optical.optical_efficiency,
    )
    return {
        "tokens_per_s": tokens,
        "downlink_need": need,
        "streaming": float(downlink_need_bps(tokens, figures.streaming_bytes_per_token)),
        "need_per_gw": need / float(budget.compute_power_w) * 1e9,
        "optical": float(optical.rate_bps(slant_range_m)),
        "optical_photon_budget": float(photons),
        "ka_band": float(ka_band.rate_bps(slant_range_m)),
        "slant_range_m": slant_range_m,
    }
