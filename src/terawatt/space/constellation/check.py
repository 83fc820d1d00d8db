"""A small dawn-dusk shell flown with the constellation simulator: contacts and relayed latency.

Claim C5 (:mod:`terawatt.claims.c05_latency`) stands these numbers beside its first-order
ones (:mod:`terawatt.space.constellation.firstorder`): :func:`constellation_check` flies a
dawn-dusk shell of :data:`CHECK_PLANES` x :data:`CHECK_PER_PLANE` satellites with J2
propagation, the shipped ground stations and contacts every 60 s over a day, and routes
results over the real, time-varying laser-link graph (in-plane rings and nearest
neighbours, line of sight clear of the atmosphere) to a station
(:func:`relay_latencies_s`). The first-order relay assumes the mesh exists wherever the path
goes; the simulated one shows whether a shell of that size provides it. Queues and downlink
contention are left out.

Reconciliation
    The simulated relay is the *space segment* only: from every satellite of the shell to
    the nearest of all the stations, over the real links, with no users and no fibre. C5's
    first-order "relayed" latency is a different quantity: from one satellite to a user in a
    megacity, through a random share of stations in service and terrestrial fibre. On the
    same inputs -- the simulated satellites' positions at the same snapshots, all stations
    in service, the in-plane spacing as the hop length, the simulator's hop delay and the
    middle of the table's path stretch -- the first-order formula
    (:func:`terawatt.space.constellation.firstorder.relay_to_station_s`, applied by
    :func:`first_order_relay_latencies_s`) gives the simulated median within
    :data:`RECONCILE_TOLERANCE`. Its 95th percentile is lower: a shell of four planes has
    few cross-plane links, so the far satellites' real routes detour beyond the stretch.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from terawatt.physics.constants import EARTH_EQUATORIAL_RADIUS_WGS84_M, SECONDS_PER_DAY
from terawatt.physics.geodesy import earth_central_angle_deg
from terawatt.space.constellation import config, ground, latency, run
from terawatt.space.constellation.firstorder import mesh_distributions, relay_to_station_s
from terawatt.space.constellation.propagate import propagate

__all__ = [
    "CHECK_PER_PLANE",
    "CHECK_PLANES",
    "CHECK_SNAPSHOTS",
    "RECONCILE_TOLERANCE",
    "constellation_check",
    "first_order_relay_latencies_s",
    "relay_latencies_s",
]

#: The shell :func:`constellation_check` flies: 4 dawn-dusk planes of 30 satellites (a
#: first tranche; Google Project Suncatcher, arXiv:2511.19468, plans 81-satellite clusters).
CHECK_PLANES, CHECK_PER_PLANE = 4, 30
#: Snapshots of the link graph over the day (one every 30 minutes).
CHECK_SNAPSHOTS = 48
#: Relative difference of the first-order and simulated median relay latency to a station on
#: the same inputs within which the two models count as reconciled (module notes; a model
#: tolerance: the first-order arc ignores the real link graph's detours).
RECONCILE_TOLERANCE = 0.20


def _check_shell(altitude_m: float) -> tuple[Any, Any, Any]:
    """Configuration, elements and ground stations of the shell the checks fly."""
    shell = {
        "altitude": f"{altitude_m!r} m",
        "ltan": "18:00",
        "planes": CHECK_PLANES,
        "satellites_per_plane": CHECK_PER_PLANE,
    }
    cfg = config.parse_config({"name": "c5-check", "shells": [shell]}, "the C5 check shell")
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
    cfg, elements, stations = _check_shell(altitude_m)
    times = np.linspace(0.0, SECONDS_PER_DAY, snapshots, endpoint=False)
    isl = latency.parse_isl(cfg.options, cfg.where)
    lat = np.asarray(latency.relay_latency(elements, stations, times, isl), dtype=np.float64)
    lat.flags.writeable = False
    return lat


@cache
def first_order_relay_latencies_s(
    altitude_m: float = 650e3, snapshots: int = CHECK_SNAPSHOTS
) -> NDArray[np.float64]:
    """The first-order relay to a station on the simulated shell's own inputs.

    Parameters
    ----------
    altitude_m : float
        Altitude of the shell [m].
    snapshots : int
        Snapshots, evenly over one day (those of :func:`relay_latencies_s`).

    Returns
    -------
    numpy.ndarray
        Shape (snapshots, satellites) [s]:
        :func:`~terawatt.space.constellation.firstorder.relay_to_station_s` from each
        satellite to the best of all the stations, with the in-plane spacing as the hop
        length, the simulator's hop delay and the middle of ``comms.path_stretch``.
        Read-only (cached).
    """
    cfg, elements, stations = _check_shell(altitude_m)
    isl = latency.parse_isl(cfg.options, cfg.where)
    radius = EARTH_EQUATORIAL_RADIUS_WGS84_M + altitude_m
    lam = math.radians(float(earth_central_angle_deg(altitude_m, stations.elevation_mask_deg)))
    stretch = mesh_distributions()["comms.path_stretch"]
    out = np.empty((snapshots, len(elements)))
    for i, t in enumerate(np.linspace(0.0, SECONDS_PER_DAY, snapshots, endpoint=False)):
        pos = propagate(elements, float(t))[0]
        g = ground.station_unit_vectors(stations, elements.epoch_jd + t / SECONDS_PER_DAY)[0]
        cos = (pos / np.linalg.norm(pos, axis=1)[:, None]) @ g.T
        theta = np.arccos(np.clip(cos, -1.0, 1.0))  # (satellites, stations)
        lat = relay_to_station_s(
            theta,
            altitude_m,
            lam,
            0.5 * (stretch.low + stretch.high),
            2.0 * math.pi * radius / CHECK_PER_PLANE,
            isl.hop_delay_s,
        )
        out[i] = lat.min(axis=1)
    out.flags.writeable = False
    return out


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
        laser-link graph, light time and hops; :func:`relay_latencies_s`),
        ``relay_reachable`` (share of satellite-snapshots with a path to a station), and
        ``first_order_relay_p50_s`` and ``first_order_relay_p95_s``, the first-order
        formula on the same inputs (:func:`first_order_relay_latencies_s`).
    """
    _, elements, stations = _check_shell(altitude_m)
    ds = run.simulate(elements, stations=stations, duration_s=SECONDS_PER_DAY, step_s=60.0)
    entry = run.summarize(ds)["shells"][0]
    lat = relay_latencies_s(altitude_m)
    finite = lat[np.isfinite(lat)]
    first = first_order_relay_latencies_s(altitude_m)
    return {
        "contact_fraction": float(entry["contact_fraction_mean"]),
        "passes_per_day": float(entry["passes_per_day_mean"]),
        "direct_wait_p50_s": float(entry["direct_latency_s"]["p50_s"]),
        "direct_wait_p90_s": float(entry["direct_latency_s"]["p90_s"]),
        "relay_latency_p50_s": float(np.median(finite)) if finite.size else math.inf,
        "relay_latency_p95_s": float(np.quantile(finite, 0.95)) if finite.size else math.inf,
        "relay_reachable": float(np.isfinite(lat).mean()),
        "first_order_relay_p50_s": float(np.median(first)),
        "first_order_relay_p95_s": float(np.quantile(first, 0.95)),
    }
