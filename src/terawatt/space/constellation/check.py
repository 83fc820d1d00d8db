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
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from terawatt.physics.constants import SECONDS_PER_DAY
from terawatt.space.constellation import config, ground, latency, run

__all__ = [
    "CHECK_PER_PLANE",
    "CHECK_PLANES",
    "CHECK_SNAPSHOTS",
    "constellation_check",
    "relay_latencies_s",
]

#: The shell :func:`constellation_check` flies: 4 dawn-dusk planes of 30 satellites (a
#: first tranche; Google Project Suncatcher, arXiv:2511.19468, plans 81-satellite clusters).
CHECK_PLANES, CHECK_PER_PLANE = 4, 30
#: Snapshots of the link graph over the day (one every 30 minutes).
CHECK_SNAPSHOTS = 48


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
