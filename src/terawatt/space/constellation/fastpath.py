r"""The fast path of the streaming run: positions of a block, and its step-by-step loop.

The kernel is written against the array-API namespace ``xp`` (see :mod:`.backend`), so
CuPy or PyTorch arrays run the same code on their devices; every step's positions are
folded at once into the block's counters (:class:`~.plan.Accumulators`).

Fast-path positions: first order in the eccentricity vector of :func:`.propagate.propagate`
(SGP4's near-Earth terms without drag): the phase ``λ = M + ω`` and the node in float64
turns reduced modulo one turn, everything after that in float32:

.. math::
    r &= A\,(1 - a_x\cos\lambda - a_y\sin\lambda) + K_c \cos 2\lambda, \qquad
    u = \lambda + 2(a_x\sin\lambda - a_y\cos\lambda) - K_s \sin 2\lambda \\
    \Omega' &= \Omega + K_n \sin 2\lambda, \qquad i' = i + K_i \cos 2\lambda

with :math:`(a_x, a_y) = (e\cos\omega, e\sin\omega + A_{J3})` including J3's long-period
eccentricity and the J2 short-period coefficients of SGP4; the node and inclination terms
enter as small rotations. Neglected second-order terms are :math:`O(e^2 a)`: metres for the
circular shells built here (e ≈ 10^-3 from J3), 320 m at e = 0.005, ~1.3 km at e = 0.01 —
use SGP4 (element sets) for eccentric orbits.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from terawatt.physics.constants import (
    EARTH_EQUATORIAL_RADIUS_WGS84_M,
    J2_EARTH_EGM96,
    J3_EARTH_EGM96,
)
from terawatt.physics.orbit import secular_rates
from terawatt.space.constellation import backend
from terawatt.space.constellation.elements import Elements
from terawatt.space.constellation.ground import station_plane_radius_m, station_unit_vectors
from terawatt.space.constellation.plan import ILLUMINATION_TICKS, Accumulators, IntArray, Plan
from terawatt.space.constellation.sunlight import illumination_conical, sun_vectors_m
from terawatt.typing import FloatArray

__all__ = ["ArraySource", "FastSource", "StepInputs", "prepare", "run_block", "step_inputs"]

_R = EARTH_EQUATORIAL_RADIUS_WGS84_M
_TWO_PI = 2.0 * math.pi
#: Padding of the conical-shadow candidate test beyond the shadow cylinder [m]: the penumbra
#: widens by the Sun's angular diameter (9.3 mrad) per metre behind the Earth, 75 km at
#: 8,000 km; 200 km covers orbits to ~20,000 km.
_PENUMBRA_PAD_M = 200e3


# --- per-satellite constants of the fast path ------------------------------------------------


def prepare(elements: Elements) -> dict[str, NDArray[Any]]:
    """Per-satellite constants of the first-order fast path (module notes), float64."""
    a, e, inc = elements.semi_major_axis_m, elements.eccentricity, elements.inclination_rad
    rates = secular_rates(a, e, inc)
    am = a / _R
    cos_i, sin_i = np.cos(inc), np.sin(inc)
    temp = 1.0 / (am * (1.0 - e * e))
    aycof = -0.5 * (J3_EARTH_EGM96 / J2_EARTH_EGM96) * sin_i
    den = np.where(np.abs(1.0 + cos_i) > 1.5e-12, 1.0 + cos_i, 1.5e-12)
    xlcof = -0.25 * (J3_EARTH_EGM96 / J2_EARTH_EGM96) * sin_i * (3.0 + 5.0 * cos_i) / den
    ax = e * np.cos(elements.arg_perigee_rad)
    ay = e * np.sin(elements.arg_perigee_rad) + temp * aycof
    el2 = ax * ax + ay * ay
    pl = am * (1.0 - el2)
    betal = np.sqrt(1.0 - el2)
    temp1 = 0.5 * J2_EARTH_EGM96 / pl
    temp2 = temp1 / pl
    con41 = 3.0 * cos_i**2 - 1.0
    lam_rate = rates.mean_anomaly_rad_s + rates.arg_perigee_rad_s
    lam0 = elements.mean_anomaly_rad + elements.arg_perigee_rad + temp * xlcof * ax
    return {
        "lam0": np.mod(lam0 / _TWO_PI, 1.0),
        "lam_rate": lam_rate / _TWO_PI,
        "node0": np.mod(elements.raan_rad / _TWO_PI, 1.0),
        "node_rate": rates.raan_rad_s / _TWO_PI,
        "argp0": elements.arg_perigee_rad,
        "argp_rate": rates.arg_perigee_rad_s,
        "ecc": e,
        "ay_j3": temp * aycof,
        "radius": a * (1.0 - 1.5 * temp2 * betal * con41),
        "kc": 0.5 * temp1 * (1.0 - cos_i**2) * _R,
        "ks": 0.25 * temp2 * (7.0 * cos_i**2 - 1.0),
        "kn": 1.5 * temp2 * cos_i,
        "ki": 1.5 * temp2 * cos_i * sin_i,
        "cos_i": cos_i,
        "sin_i": sin_i,
    }


_F64_KEYS = ("lam0", "lam_rate", "node0", "node_rate")


class FastSource:
    """Positions of one block from the first-order fast path, on an array backend."""

    def __init__(self, prep: dict[str, NDArray[Any]], xp: Any, device: Any) -> None:
        self.xp = xp
        self.c = {
            k: backend.to_backend(xp, device, v, xp.float32)
            for k, v in prep.items()
            if k not in ("argp0", "argp_rate", "ecc", "ay_j3", *_F64_KEYS)
        }
        # both phases (argument of latitude, node) as one (2, n) float64 array: half the calls
        self.c["phase0"] = backend.to_backend(
            xp, device, np.stack([prep["lam0"], prep["node0"]]), xp.float64
        )
        self.c["phase_rate"] = backend.to_backend(
            xp, device, np.stack([prep["lam_rate"], prep["node_rate"]]), xp.float64
        )
        self.eccentric = bool(np.any(prep["ecc"] > 0.0))
        self.prep = prep
        self.device = device
        self.two_pi = np.float32(_TWO_PI)
        self.ay = backend.to_backend(xp, device, prep["ay_j3"], xp.float32)

    def __call__(self, k: int, t: float) -> tuple[Any, Any, Any, Any]:
        """Unit-vector components and radius [m] at time ``t`` (sample ``k``)."""
        xp, c = self.xp, self.c
        if self.eccentric:  # e cos ω, e sin ω move with ω̇ (e > 0 only)
            w = self.prep["argp0"] + self.prep["argp_rate"] * t
            ax_np = self.prep["ecc"] * np.cos(w)
            ay_np = self.prep["ecc"] * np.sin(w) + self.prep["ay_j3"]
            ax = backend.to_backend(xp, self.device, ax_np, xp.float32)
            ay = backend.to_backend(xp, self.device, ay_np, xp.float32)
        else:
            ay, ax = self.ay, None
        return _kernel_positions(xp, c, ax, ay, t, self.two_pi)


def _turns32(xp: Any, x0: Any, rate: Any, t: float, two_pi: Any) -> Any:
    """float64 ``x0 + rate t`` reduced to [0, 1) turns, then float32 radians."""
    x = rate * t
    x += x0
    x -= xp.floor(x)
    y = xp.astype(x, xp.float32)
    y *= two_pi
    return y


def _kernel_positions(
    xp: Any, c: dict[str, Any], ax: Any, ay: Any, t: float, two_pi: Any
) -> tuple[Any, Any, Any, Any]:
    """The fast-path kernel (module notes): unit vector (x, y, z) and radius at ``t``."""
    phase = _turns32(xp, c["phase0"], c["phase_rate"], t, two_pi)  # (2, n): λ and Ω
    cos_p, sin_p = xp.cos(phase), xp.sin(phase)
    cl, co = cos_p[0], cos_p[1]
    sl, so = sin_p[0], sin_p[1]
    s2 = sl * cl
    s2 *= 2.0
    c2 = cl * cl
    c2 -= sl * sl
    # radius and argument of latitude to first order in (ax, ay), plus J2 short period
    ecc_c = ay * cl  # e-vector terms: ax cos λ + ay sin λ and ax sin λ − ay cos λ
    if ax is None:
        radial = ay * sl
        along = -ecc_c
    else:
        radial = ax * cl
        radial += ay * sl
        along = ax * sl
        along -= ecc_c
    r = 1.0 - radial
    r *= c["radius"]
    r += c["kc"] * c2
    du = along
    du *= 2.0
    du -= c["ks"] * s2
    cu = cl - sl * du
    su = sl + cl * du
    d_node = c["kn"] * s2
    q = c["ki"] * c2
    q *= su  # Δi sin u
    cis = c["cos_i"] * su
    x = co * cu
    x -= so * cis
    y = so * cu
    y += co * cis
    z = c["sin_i"] * su
    # small rotations: node by Δ (ẑ × r̂) and inclination by Δi sin u Ŵ
    qs = q * c["sin_i"]
    x2 = x - d_node * y
    x2 += qs * so
    y2 = y + d_node * x
    y2 -= qs * co
    z += q * c["cos_i"]
    return x2, y2, z, r


class ArraySource:
    """Positions of one block precomputed by SGP4 (element sets), on an array backend."""

    def __init__(self, pos_m: FloatArray, xp: Any, device: Any) -> None:
        r = np.linalg.norm(pos_m, axis=-1)
        self.xp = xp
        self.u = backend.to_backend(xp, device, pos_m / r[..., None], xp.float32)
        self.r = backend.to_backend(xp, device, r, xp.float32)

    def __call__(self, k: int, t: float) -> tuple[Any, Any, Any, Any]:
        """Unit-vector components and radius at sample ``k``."""
        del t
        return self.u[:, k, 0], self.u[:, k, 1], self.u[:, k, 2], self.r[:, k]


# --- the per-block loop ----------------------------------------------------------------------


@dataclass
class StepInputs:
    """Per-sample inputs shared by all blocks (float32 on the backend)."""

    sun: Any  # (T, 3)
    sun_np: FloatArray
    sun_dist_np: FloatArray
    stations: Any  # (T, K, 4): vertical n̂ and −(R_g − R̄) [m], or None
    station_radius_mean: float  # mean horizon-plane radius R̄ [m]


def step_inputs(plan: Plan, xp: Any, device: Any) -> StepInputs:
    """The Sun's direction and the stations' verticals at every sample, on the backend."""
    unit, dist = sun_vectors_m(plan.jd)
    st = None
    mean = _R
    if plan.stations is not None:
        g = station_unit_vectors(plan.stations, plan.jd)  # (T, K, 3)
        rg = station_plane_radius_m(plan.stations)
        mean = float(rg.mean())
        offset = np.broadcast_to(-(rg - mean)[None, :, None], (*g.shape[:2], 1))
        st = backend.to_backend(xp, device, np.concatenate([g, offset], axis=-1), xp.float32)
    sun = backend.to_backend(xp, device, unit, xp.float32)
    return StepInputs(sun, unit, dist, st, mean)


def _shell_counts(xp: Any, flags: Any, shell_onehot: Any | None) -> Any:
    """Satellites flagged per shell in a block: a sum, or a one-hot product if mixed."""
    if shell_onehot is None:
        return xp.reshape(xp.sum(xp.astype(flags, xp.int32)), (1,))
    return xp.astype(flags, xp.float32) @ shell_onehot


@dataclass
class _BlockState:
    """Per-satellite running state of one block on the backend."""

    sunlit: Any
    illum: Any
    contact: Any
    passes: Any
    gap: Any
    max_gap: Any
    prev: Any
    backlog: Any
    max_backlog: Any
    gap_lengths: list[Any] = field(default_factory=list)
    gap_shells: list[Any] = field(default_factory=list)


def _new_state(xp: Any, device: Any, n: int) -> _BlockState:
    def zeros(dtype: Any) -> Any:
        return xp.zeros((n,), dtype=dtype, device=device)

    return _BlockState(
        sunlit=zeros(xp.int32),
        illum=zeros(xp.int64),
        contact=zeros(xp.int32),
        passes=zeros(xp.int32),
        gap=zeros(xp.int32),
        max_gap=zeros(xp.int32),
        prev=zeros(xp.bool),
        backlog=zeros(xp.float64),
        max_backlog=zeros(xp.float64),
    )


def _sunlight_step(
    xp: Any,
    plan: Plan,
    inputs: StepInputs,
    k: int,
    pos: tuple[Any, Any, Any, Any],
    st: _BlockState,
) -> Any:
    """Add one sample's sunlight to the state; return the sunlit flags."""
    x, y, z, r = pos
    s = inputs.sun[k]
    proj = x * s[0]
    proj += y * s[1]
    proj += z * s[2]
    proj *= r  # r̂·ŝ r
    r2 = r * r
    perp2 = r2 - proj * proj
    behind = proj < 0.0
    if plan.shadow == "cylindrical":
        shadowed = behind & (perp2 < np.float32(_R * _R))
        lit = ~shadowed
        st.sunlit += xp.astype(lit, xp.int32)
        return lit
    cand = behind & (perp2 < np.float32((_R + _PENUMBRA_PAD_M) ** 2))
    ticks = xp.full(r.shape, ILLUMINATION_TICKS, dtype=xp.int64, device=None)
    cand_np = np.asarray(backend.to_numpy(cand))
    idx = np.nonzero(cand_np)[0]
    if idx.size:
        pos_np = np.stack(
            [backend.to_numpy(v)[idx].astype(np.float64) for v in (x, y, z)], axis=-1
        ) * backend.to_numpy(r)[idx, None].astype(np.float64)
        frac = illumination_conical(pos_np, inputs.sun_np[k], inputs.sun_dist_np[k])
        ticks_np = np.full(cand_np.shape, ILLUMINATION_TICKS, dtype=np.int64)
        ticks_np[idx] = np.rint(frac * ILLUMINATION_TICKS).astype(np.int64)
        ticks = xp.asarray(ticks_np)
    st.illum += ticks
    lit = ticks > 0
    st.sunlit += xp.astype(lit, xp.int32)
    return lit


def _contact_step(
    xp: Any,
    plan: Plan,
    inputs: StepInputs,
    k: int,
    pos: tuple[Any, Any, Any, Any],
    st: _BlockState,
    shell: Any,
    consts: tuple[float, float, float, float],
) -> tuple[Any, Any]:
    """Add one sample's ground contacts to the state; return in-contact flags and per-station."""
    x, y, z, r = pos
    sin_e, cos2_e, produced, capacity = consts
    # cos λ(R_g / r) at the stations' mean horizon radius R̄, per satellite, and its slope in
    # R_g: the stations' R_g - R̄ (≤ 15 km) enter linearly, an angle error ~1e-6 rad
    inv_r = 1.0 / r
    kk = inv_r * inputs.station_radius_mean
    root = kk * kk
    root *= -cos2_e
    root += 1.0
    root = xp.sqrt(xp.clip(root, 1e-6, None))
    lim = root * sin_e
    lim += kk * cos2_e
    slope = kk / root
    slope *= -sin_e * cos2_e
    slope += cos2_e
    slope *= inv_r  # d cos λ / d R_g
    # one product gives n̂·r̂ − (R_g − R̄) slope for every station: (K, 4) @ (4, n)
    vis = inputs.stations[k] @ xp.stack([x, y, z, slope]) >= lim  # (K, n)
    seen = xp.any(vis, axis=0)
    ended = seen & (st.gap > 0)
    if bool(xp.any(ended)):
        st.gap_lengths.append(st.gap[ended])
        st.gap_shells.append(shell[ended])
    st.passes += xp.astype(seen & ~st.prev, xp.int32)
    st.prev = seen
    st.contact += xp.astype(seen, xp.int32)
    st.gap = (st.gap + 1) * xp.astype(~seen, xp.int32)
    st.max_gap = xp.maximum(st.max_gap, st.gap)
    if produced > 0.0 or capacity > 0.0:
        st.backlog += produced
        st.backlog -= xp.astype(seen, xp.float64) * capacity
        st.backlog = xp.clip(st.backlog, 0.0, None)
        st.max_backlog = xp.maximum(st.max_backlog, st.backlog)
    return seen, xp.count_nonzero(vis, axis=1)


def run_block(
    plan: Plan,
    inputs: StepInputs,
    source: Callable[[int, float], Any],
    shell_np: NDArray[np.int32],
    xp: Any,
    device: Any,
) -> Accumulators:
    """Walk the time steps for one block of satellites and return its reductions."""
    n = shell_np.size
    st = _new_state(xp, device, n)
    shells_here = np.unique(shell_np)
    onehot = None
    if shells_here.size > 1:
        onehot = backend.to_backend(
            xp, device, (shell_np[:, None] == np.arange(plan.n_shells)[None, :]), xp.float32
        )
    shell = backend.to_backend(xp, device, shell_np, xp.int32)
    consts = (0.0, 0.0, 0.0, 0.0)
    if plan.stations is not None:
        eps = math.radians(plan.stations.elevation_mask_deg)
        dl = plan.downlink
        consts = (
            math.sin(eps),
            math.cos(eps) ** 2,
            dl.need_bps * plan.step_s if dl else 0.0,
            dl.rate_bps * plan.step_s if dl else 0.0,
        )
    lit_counts, contact_counts, station_counts = [], [], []
    times = plan.times_s
    for k in range(plan.steps):
        pos = source(k, float(times[k]))
        lit = _sunlight_step(xp, plan, inputs, k, pos, st)
        lit_counts.append(_shell_counts(xp, lit, onehot))
        if plan.stations is not None:
            seen, per_station = _contact_step(xp, plan, inputs, k, pos, st, shell, consts)
            contact_counts.append(_shell_counts(xp, seen, onehot))
            station_counts.append(per_station)
    return _block_result(
        plan, st, shell_np, shells_here, lit_counts, contact_counts, station_counts
    )


def _block_result(
    plan: Plan,
    st: _BlockState,
    shell_np: NDArray[np.int32],
    shells_here: NDArray[Any],
    lit_counts: list[Any],
    contact_counts: list[Any],
    station_counts: list[Any],
) -> Accumulators:
    """Bring a block's state back to NumPy as :class:`Accumulators`."""
    t, s = plan.steps, plan.n_shells
    k_st = len(plan.stations) if plan.stations is not None else 0

    def per_shell(counts: list[Any]) -> IntArray:
        out = np.zeros((t, s), dtype=np.int64)
        if not counts:
            return out
        arr = np.rint(np.stack([np.asarray(backend.to_numpy(c)) for c in counts])).astype(np.int64)
        if arr.shape[1] == 1:
            out[:, int(shells_here[0])] = arr[:, 0]
        else:
            out[:, : arr.shape[1]] = arr
        return out

    hist = np.zeros((s, t + 1), dtype=np.int64)
    gap = np.asarray(backend.to_numpy(st.gap))
    lengths = [np.asarray(backend.to_numpy(v)) for v in st.gap_lengths]
    shells = [np.asarray(backend.to_numpy(v)) for v in st.gap_shells]
    if plan.stations is not None:  # gaps still open at the end count at their length so far
        lengths.append(gap[gap > 0])
        shells.append(shell_np[gap > 0])
    if lengths:
        flat = np.concatenate(shells).astype(np.int64) * (t + 1) + np.concatenate(lengths)
        hist += np.bincount(flat, minlength=s * (t + 1)).reshape(s, t + 1)
    stations = np.zeros(k_st, dtype=np.int64)
    if station_counts:
        stations = np.sum([np.asarray(backend.to_numpy(c)) for c in station_counts], axis=0)
    return Accumulators(
        sunlit_steps=np.asarray(backend.to_numpy(st.sunlit), dtype=np.int32),
        illumination_ticks=np.asarray(backend.to_numpy(st.illum), dtype=np.int64),
        contact_steps=np.asarray(backend.to_numpy(st.contact), dtype=np.int32),
        passes=np.asarray(backend.to_numpy(st.passes), dtype=np.int32),
        max_gap_steps=np.asarray(backend.to_numpy(st.max_gap), dtype=np.int32),
        max_backlog_bits=np.asarray(backend.to_numpy(st.max_backlog), dtype=np.float64),
        shell_sunlit=per_shell(lit_counts),
        shell_contact=per_shell(contact_counts),
        gap_histogram=hist,
        station_steps=stations.astype(np.int64),
        shell=shell_np,
    )
