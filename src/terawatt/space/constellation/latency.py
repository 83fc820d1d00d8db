r"""Latency of a finished result to the ground: direct, or relayed over inter-satellite links.

**Direct**: the result waits for the satellite's next contact with a station and then
travels the slant range at light speed; the streaming run's gap histogram gives the wait
distribution (:func:`terawatt.space.constellation.run.summarize`).

**Relayed**: at snapshot times the satellites and stations form a graph. Each satellite of
an orbit plane links fore and aft to its neighbours in the plane (a ring, two terminals) and
its remaining ``terminals - 2`` to its nearest other satellites (satellites alone in their
plane, e.g. element sets, use all ``terminals`` on nearest neighbours), where the line of
sight clears the Earth and an atmosphere margin and is within the terminal's range; each
station links to the satellites above its elevation mask. Edge weights are light time plus
a per-hop processing delay; Dijkstra's algorithm from all the stations at once
(``scipy.sparse.csgraph.dijkstra``, ``min_only``) gives every satellite's least latency to
any station. Satellites in components without a station are unreachable.

A line of sight between :math:`\mathbf p` and :math:`\mathbf q` clears a sphere of radius
:math:`R_g = R + h_{atm}` iff the point of the segment nearest the Earth's centre,
:math:`\mathbf p + t^*(\mathbf q - \mathbf p)` with
:math:`t^* = \mathrm{clip}(-\mathbf p\cdot(\mathbf q-\mathbf p)/|\mathbf q-\mathbf p|^2, 0, 1)`,
is farther than :math:`R_g`; two satellites at radius :math:`r` see each other up to
:math:`2\sqrt{r^2 - R_g^2}` apart (5,700 km at 650 km altitude with an 80 km margin).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import dijkstra
from scipy.spatial import cKDTree

from terawatt.errors import InputError
from terawatt.parameters.distributions import Uniform
from terawatt.parameters.table import shipped_table
from terawatt.physics.constants import (
    EARTH_EQUATORIAL_RADIUS_WGS84_M,
    SECONDS_PER_DAY,
    SPEED_OF_LIGHT_M_S,
)
from terawatt.physics.geodesy import cos_central_angle_limit
from terawatt.space.constellation.elements import Elements
from terawatt.space.constellation.ground import (
    Stations,
    station_positions,
    station_unit_vectors,
    table_value,
)
from terawatt.space.constellation.propagate import propagate
from terawatt.typing import FloatArray, as_float
from terawatt.units import to_si

__all__ = [
    "DEFAULT_ATMOSPHERE_MARGIN_M",
    "DEFAULT_HOP_DELAY_S",
    "DEFAULT_ISL_MAX_RANGE_M",
    "DEFAULT_TERMINALS",
    "IslSpec",
    "clears_earth",
    "latency_summary",
    "parse_isl",
    "plane_rings",
    "relay_latency",
]

#: Atmosphere margin of an inter-satellite line of sight [m]: ``comms.isl_atmosphere_margin``
#: (80 km, an estimate: near the mesopause).
DEFAULT_ATMOSPHERE_MARGIN_M = table_value("comms.isl_atmosphere_margin")
#: Optical terminals per satellite: ``comms.isl_terminals`` (4, two in-plane and two
#: cross-plane, the usual mesh of Starlink-class designs).
DEFAULT_TERMINALS = int(table_value("comms.isl_terminals"))
#: Maximum terminal range [m]: ``comms.isl_max_range`` (5,000 km, an estimate).
DEFAULT_ISL_MAX_RANGE_M = table_value("comms.isl_max_range")


def _hop_delay_mean_s() -> float:
    """Mean of the table's per-hop processing delay, ``comms.hop_processing_delay`` [s]."""
    dist = shipped_table()["comms.hop_processing_delay"].default
    if not isinstance(dist, Uniform):
        raise InputError("comms.hop_processing_delay", dist, "a uniform distribution")
    return 0.5 * (dist.low + dist.high)


#: Processing delay per hop [s]: the middle of ``comms.hop_processing_delay``, 0.05-1 ms.
DEFAULT_HOP_DELAY_S = _hop_delay_mean_s()

_R = EARTH_EQUATORIAL_RADIUS_WGS84_M


@dataclass(frozen=True)
class IslSpec:
    """Inter-satellite link settings.

    Attributes
    ----------
    terminals : int
        Links per satellite (nearest neighbours).
    max_range_m : float
        Terminal range [m].
    atmosphere_margin_m : float
        Clearance of the line of sight above the surface [m].
    hop_delay_s : float
        Processing delay per hop [s].
    """

    terminals: int = DEFAULT_TERMINALS
    max_range_m: float = DEFAULT_ISL_MAX_RANGE_M
    atmosphere_margin_m: float = DEFAULT_ATMOSPHERE_MARGIN_M
    hop_delay_s: float = DEFAULT_HOP_DELAY_S


def parse_isl(options: Mapping[str, Any], where: str = "configuration") -> IslSpec:
    """Inter-satellite link settings from a configuration's ``isl`` section.

    Parameters
    ----------
    options : Mapping
        ``isl: {terminals: 4, max_range: "5000 km", atmosphere_margin: "80 km",
        hop_delay: "0.5 ms"}``; every key optional.
    where : str, optional
        For errors.

    Returns
    -------
    IslSpec
        The settings.

    Raises
    ------
    InputError
        For a bad value.
    """
    raw = options.get("isl", {}) or {}
    if not isinstance(raw, Mapping):
        raise InputError("isl", raw, "a mapping (terminals, max_range, ...)", where)
    terminals = raw.get("terminals", DEFAULT_TERMINALS)
    if isinstance(terminals, bool) or not isinstance(terminals, int) or terminals < 1:
        raise InputError("isl.terminals", terminals, "a whole number >= 1", where)
    rng = to_si(raw.get("max_range", DEFAULT_ISL_MAX_RANGE_M), "m", "isl.max_range", where=where)
    margin = to_si(
        raw.get("atmosphere_margin", DEFAULT_ATMOSPHERE_MARGIN_M),
        "m",
        "isl.atmosphere_margin",
        where=where,
    )
    hop = to_si(raw.get("hop_delay", DEFAULT_HOP_DELAY_S), "s", "isl.hop_delay", where=where)
    if rng <= 0.0 or margin < 0.0 or hop < 0.0:
        raise InputError("isl", raw, "max_range > 0, atmosphere_margin >= 0, hop_delay >= 0", where)
    return IslSpec(int(terminals), rng, margin, hop)


def clears_earth(p: FloatArray, q: FloatArray, radius_m: float) -> np.ndarray[Any, Any]:
    """Whether the segments ``p``-``q`` stay outside a sphere of ``radius_m`` (module notes).

    Parameters
    ----------
    p, q : FloatArray
        End points [m], (..., 3).
    radius_m : float
        Radius to clear [m].

    Returns
    -------
    numpy.ndarray of bool
        True where the line of sight is clear.
    """
    d = q - p
    dd = np.maximum(np.sum(d * d, axis=-1), 1e-30)
    t = np.clip(-np.sum(p * d, axis=-1) / dd, 0.0, 1.0)
    near = p + t[..., None] * d
    return np.asarray(np.sum(near * near, axis=-1) > radius_m * radius_m)


def plane_rings(elements: Elements) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """In-plane links: each satellite to the next one along its orbit plane (a ring).

    Parameters
    ----------
    elements : Elements
        Satellites; a plane is a shell's satellites sharing node, inclination and size.

    Returns
    -------
    tuple of NDArray[np.int64]
        Link ends (i, j); empty for satellites alone in their plane (element sets).
    """
    keys = np.stack(
        [
            elements.shell.astype(np.float64),
            np.round(elements.raan_rad, 9),
            np.round(elements.inclination_rad, 9),
            np.round(elements.semi_major_axis_m, 0),
        ]
    )
    _, group = np.unique(keys, axis=1, return_inverse=True)
    group = group.ravel()
    order = np.lexsort((np.mod(elements.argument_of_latitude_rad, 2 * np.pi), group))
    g = group[order]
    same = g[1:] == g[:-1]
    src, dst = order[:-1][same], order[1:][same]
    # close each ring: last of a plane back to its first (planes of 3 or more)
    starts = np.flatnonzero(np.r_[True, ~same])
    ends = np.r_[starts[1:] - 1, g.size - 1]
    ring = ends - starts >= 2
    src = np.r_[src, order[ends[ring]]]
    dst = np.r_[dst, order[starts[ring]]]
    return src.astype(np.int64), dst.astype(np.int64)


def _snapshot_graph(
    pos: FloatArray,
    g_pos: FloatArray,
    g_unit: FloatArray,
    stations: Stations,
    isl: IslSpec,
    rings: tuple[NDArray[np.int64], NDArray[np.int64]],
) -> tuple[coo_matrix, int]:
    """Sparse graph of one snapshot: stations are nodes 0..K-1, satellites K..K+N-1."""
    n, k = pos.shape[0], g_unit.shape[0]
    ring_src, ring_dst = rings
    # satellites in a ring spend two terminals fore and aft, the rest on nearest neighbours
    in_ring = np.zeros(n, dtype=bool)
    in_ring[ring_src] = True
    spare = isl.terminals - 2 if in_ring.any() else isl.terminals
    src = ring_src
    dst = ring_dst
    length = np.linalg.norm(pos[ring_src] - pos[ring_dst], axis=1)
    if spare > 0:
        tree = cKDTree(pos)
        want = min(spare + 3 if in_ring.any() else spare + 1, n)
        dist, idx = tree.query(pos, k=want, distance_upper_bound=isl.max_range_m)
        dist, idx = np.atleast_2d(dist)[:, 1:], np.atleast_2d(idx)[:, 1:]
        s_nn = np.repeat(np.arange(n), dist.shape[1])
        d_nn, l_nn = idx.ravel(), dist.ravel()
        ok = np.isfinite(l_nn) & (d_nn < n)
        src = np.r_[src, s_nn[ok]]
        dst = np.r_[dst, d_nn[ok]]
        length = np.r_[length, l_nn[ok]]
    ok = length <= isl.max_range_m
    src, dst, length = src[ok], dst[ok], length[ok]
    # each link once (a pair found from both ends would be summed by the sparse format)
    lo, hi = np.minimum(src, dst), np.maximum(src, dst)
    _, first = np.unique(lo * n + hi, return_index=True)
    src, dst, length = lo[first], hi[first], length[first]
    clear = clears_earth(pos[src], pos[dst], _R + isl.atmosphere_margin_m)
    src, dst, length = src[clear], dst[clear], length[clear]
    w_isl = length / SPEED_OF_LIGHT_M_S + isl.hop_delay_s
    # station links: satellites above the mask
    r = np.linalg.norm(pos, axis=1)
    rg = np.sum(g_pos * g_unit, axis=1)
    lim = cos_central_angle_limit(r[:, None], stations.elevation_mask_deg, rg[None, :])
    cosang = (pos / r[:, None]) @ g_unit.T  # (n, k)
    sat_i, sta_j = np.nonzero(cosang >= lim)
    slant = np.linalg.norm(pos[sat_i] - g_pos[sta_j], axis=1)
    w_down = slant / SPEED_OF_LIGHT_M_S + isl.hop_delay_s
    rows = np.concatenate([src + k, dst + k, sta_j, sat_i + k])
    cols = np.concatenate([dst + k, src + k, sat_i + k, sta_j])
    data = np.concatenate([w_isl, w_isl, w_down, w_down])
    return coo_matrix((data, (rows, cols)), shape=(n + k, n + k)), k


def relay_latency(
    elements: Elements,
    stations: Stations,
    times_s: Sequence[float] | FloatArray,
    isl: IslSpec | None = None,
    *,
    positions_m: Sequence[FloatArray] | None = None,
) -> FloatArray:
    """Least latency from each satellite to any ground station over the link graph.

    Parameters
    ----------
    elements : Elements
        The satellites.
    stations : Stations
        Ground stations and mask.
    times_s : sequence of float
        Snapshot times after the epoch [s].
    isl : IslSpec, optional
        Link settings (defaults of this module).
    positions_m : sequence of FloatArray, optional
        Positions (N, 3) per snapshot (e.g. from SGP4); default the analytic propagator.

    Returns
    -------
    FloatArray
        Latency [s], (len(times_s), N): light time plus hop delays along the best path;
        ``inf`` where no path reaches a station.
    """
    spec = isl or IslSpec()
    rings = plane_rings(elements)
    times = np.atleast_1d(as_float(times_s))
    out = np.empty((times.size, len(elements)))
    for i, t in enumerate(times):
        pos = positions_m[i] if positions_m is not None else propagate(elements, float(t))[0]
        jd = elements.epoch_jd + t / SECONDS_PER_DAY
        g = station_unit_vectors(stations, jd)[0]
        gp = station_positions(stations, jd)[0]
        graph, k = _snapshot_graph(as_float(pos), gp, g, stations, spec, rings)
        dist = dijkstra(graph.tocsr(), directed=False, indices=np.arange(k), min_only=True)
        out[i] = dist[k:]
    return as_float(out)


def latency_summary(
    latency_s: FloatArray, shell: Sequence[int] | np.ndarray[Any, Any]
) -> list[dict[str, Any]]:
    """Per-shell mean and quantiles of relayed latency, and the unreachable share.

    Parameters
    ----------
    latency_s : FloatArray
        Output of :func:`relay_latency`, (snapshots, N).
    shell : array_like of int
        Shell index per satellite, (N,).

    Returns
    -------
    list of dict
        ``shell``, ``reachable_share``, ``mean_s``, ``p50_s``, ``p90_s``, ``p99_s``.
    """
    sh = np.asarray(shell)
    out = []
    for s in np.unique(sh):
        vals = latency_s[:, sh == s].ravel()
        ok = np.isfinite(vals)
        q = np.quantile(vals[ok], [0.5, 0.9, 0.99]) if ok.any() else [math.nan] * 3
        out.append(
            {
                "shell": int(s),
                "reachable_share": float(ok.mean()),
                "mean_s": float(vals[ok].mean()) if ok.any() else math.nan,
                "p50_s": float(q[0]),
                "p90_s": float(q[1]),
                "p99_s": float(q[2]),
            }
        )
    return out
