r"""Compiled (numba) block loop of the streaming run on the CPU: positions, shadow, contacts.

The same model and the same float32 arithmetic as the array-API kernel of :mod:`.fastpath`
(first-order fast path, cylindrical shadow, ground contacts), fused into one loop per time
step over the block's satellites, so that no temporary array is written and the loop holds
no GIL (``nogil=True``): the blocks of :func:`.run.run_blocks` then run truly in parallel
on the thread pool, where the NumPy kernel's ~50 short calls per step took the GIL between
calls and two threads were no faster than one (slower when another process held a core).

The only difference from the NumPy kernel is the sine and cosine: a polynomial in float64
after reducing the float32 angle by quarter turns, rounded to float32 — within half a
float32 unit in the last place of the exact value (to 10^-4 ulp near ties; tested), where
NumPy's SIMD ``sin`` and ``cos`` are within 1.4 (measured) — so positions agree to ~1 m and a sunlit
or contact flag can differ only for a satellite within ~1 m of a shadow or visibility edge
at a sample (tests: the counts of both kernels on the same runs are equal). The station
products are summed in a fixed order (x, y, z, then the radius slope) where BLAS may sum in
another.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
from numba import njit
from numpy.typing import NDArray

from terawatt.physics.constants import EARTH_EQUATORIAL_RADIUS_WGS84_M

if TYPE_CHECKING:
    from terawatt.space.constellation.fastpath import StepInputs
from terawatt.space.constellation.plan import Accumulators, Plan

__all__ = [
    "block_loop",
    "kernel_arrays",
    "positions_at",
    "positions_only",
    "run_block_compiled",
    "sincos32",
]

#: The fast path's float32 constants in the order :func:`block_loop` reads them.
_CONST_KEYS = ("radius", "kc", "ks", "kn", "ki", "cos_i", "sin_i")

_F32 = np.float32
_TWO_PI = _F32(2.0 * math.pi)
_ONE = _F32(1.0)
_TWO = _F32(2.0)
_ZERO = _F32(0.0)
_R2 = _F32(EARTH_EQUATORIAL_RADIUS_WGS84_M**2)
_ROOT_FLOOR = _F32(1e-6)
_INV_HALF_PI = 2.0 / math.pi
_HALF_PI = math.pi / 2.0
# Taylor coefficients of sin (to r^11) and cos (to r^12); on |r| <= pi/4 the truncation
# error is < 1e-11 (sin, next term r^13/13!) and < 1e-12 (cos, r^14/14!): 2e-4 of a float32
# ulp at 0.5, so the result is the correctly rounded float32 but within ~1e-4 ulp of a tie
_S = (-1.0 / 6.0, 1.0 / 120.0, -1.0 / 5040.0, 1.0 / 362880.0, -1.0 / 39916800.0)
_C = (-0.5, 1.0 / 24.0, -1.0 / 720.0, 1.0 / 40320.0, -1.0 / 3628800.0, 1.0 / 479001600.0)
_S1, _S2, _S3, _S4, _S5 = _S
_C1, _C2, _C3, _C4, _C5, _C6 = _C


@njit(cache=True, nogil=True, inline="always")
def sincos32(angle: Any) -> tuple[Any, Any]:
    """Sine and cosine of a float32 angle (|angle| < 2^20 rad), as float32."""
    d = np.float64(angle)
    j = math.floor(d * _INV_HALF_PI + 0.5)
    r = d - j * _HALF_PI
    r2 = r * r
    s = r * (1.0 + r2 * (_S1 + r2 * (_S2 + r2 * (_S3 + r2 * (_S4 + r2 * _S5)))))
    c = 1.0 + r2 * (_C1 + r2 * (_C2 + r2 * (_C3 + r2 * (_C4 + r2 * (_C5 + r2 * _C6)))))
    q = np.int64(j)
    odd = (q & 1) == 1
    ss = c if odd else s
    cc = s if odd else c
    sign_s = 1.0 - 2.0 * ((q >> 1) & 1)
    sign_c = 1.0 - 2.0 * (((q + 1) >> 1) & 1)
    return _F32(sign_s * ss), _F32(sign_c * cc)


@njit(cache=True, nogil=True)
def _positions(
    t: float,
    phase0: NDArray[np.float64],
    rate: NDArray[np.float64],
    c: NDArray[np.float32],
    ax: NDArray[np.float32],
    ay: NDArray[np.float32],
    out: NDArray[np.float32],
) -> None:
    """Unit vector and radius of every satellite at ``t`` into ``out`` (4, n)."""
    radius, kc, ks, kn, ki, cos_i, sin_i = c[0], c[1], c[2], c[3], c[4], c[5], c[6]
    for i in range(radius.size):
        xl = rate[0, i] * t
        xl += phase0[0, i]
        xl -= math.floor(xl)
        xn = rate[1, i] * t
        xn += phase0[1, i]
        xn -= math.floor(xn)
        sl, cl = sincos32(_F32(xl) * _TWO_PI)
        so, co = sincos32(_F32(xn) * _TWO_PI)
        s2 = sl * cl * _TWO
        c2 = cl * cl - sl * sl
        radial = ax[i] * cl + ay[i] * sl
        along = ax[i] * sl - ay[i] * cl
        r = (_ONE - radial) * radius[i] + kc[i] * c2
        du = along * _TWO - ks[i] * s2
        cu = cl - sl * du
        su = sl + cl * du
        d_node = kn[i] * s2
        q = ki[i] * c2 * su
        cis = cos_i[i] * su
        x = co * cu - so * cis
        y = so * cu + co * cis
        qs = q * sin_i[i]
        out[0, i] = x - d_node * y + qs * so
        out[1, i] = y + d_node * x - qs * co
        out[2, i] = sin_i[i] * su + q * cos_i[i]
        out[3, i] = r


@njit(cache=True, nogil=True)
def positions_at(
    t: float,
    phase0: NDArray[np.float64],
    rate: NDArray[np.float64],
    c: NDArray[np.float32],
    ay: NDArray[np.float32],
) -> NDArray[np.float32]:
    """Unit vectors and radii [m] (4, n) of circular satellites at ``t`` [s after epoch]."""
    pos = np.empty((4, ay.size), dtype=np.float32)
    _positions(t, phase0, rate, c, np.zeros(ay.size, dtype=np.float32), ay, pos)
    return pos


@njit(cache=True, nogil=True)
def positions_only(
    times: NDArray[np.float64],
    phase0: NDArray[np.float64],
    rate: NDArray[np.float64],
    c: NDArray[np.float32],
    ay: NDArray[np.float32],
) -> float:
    """Propagate circular satellites over ``times`` with nothing else (for the benchmark).

    The positions of each step overwrite one (4, n) buffer; returns the sum of the last
    step's radii [m] so that the work is used.
    """
    pos = np.empty((4, ay.size), dtype=np.float32)
    ax = np.zeros(ay.size, dtype=np.float32)
    for k in range(times.size):
        _positions(times[k], phase0, rate, c, ax, ay, pos)
    return float(pos[3].astype(np.float64).sum())


@njit(cache=True, nogil=True)
def _eccentric(
    t: float,
    ecc: NDArray[np.float64],
    argp0: NDArray[np.float64],
    argp_rate: NDArray[np.float64],
    ay_j3: NDArray[np.float64],
    ax: NDArray[np.float32],
    ay: NDArray[np.float32],
) -> None:
    """The eccentricity vector (e cos ω, e sin ω + J3 term) at ``t`` (ω moves with ω̇)."""
    for i in range(ecc.size):
        w = argp_rate[i] * t
        w = argp0[i] + w
        ax[i] = _F32(ecc[i] * math.cos(w))
        ay[i] = _F32(ecc[i] * math.sin(w) + ay_j3[i])


@njit(cache=True, nogil=True)
def _shadow(
    pos: NDArray[np.float32], sun: NDArray[np.float32], flag: NDArray[np.int32], sunlit: Any
) -> None:
    """Cylindrical shadow at one sample: ``flag`` 1 where sunlit, added to ``sunlit``."""
    s0, s1, s2 = sun[0], sun[1], sun[2]
    for i in range(flag.size):
        r = pos[3, i]
        proj = pos[0, i] * s0
        proj += pos[1, i] * s1
        proj += pos[2, i] * s2
        proj *= r  # r̂·ŝ r
        perp2 = r * r - proj * proj
        flag[i] = np.int32(1) - np.int32((proj < _ZERO) & (perp2 < _R2))
        sunlit[i] += flag[i]


@njit(cache=True, nogil=True)
def _visible(
    pos: NDArray[np.float32],
    stations: NDArray[np.float32],
    consts: NDArray[np.float64],
    work: NDArray[np.float32],
    seen: NDArray[np.int32],
    station_steps: NDArray[np.int64],
) -> None:
    """Ground contact at one sample: ``seen`` 1 where any station (K, 4) sees the satellite.

    As :func:`.fastpath._contact_step`: cos λ at the stations' mean horizon radius R̄ and
    its slope in R_g, then n̂·r̂ − (R_g − R̄) slope >= cos λ per station.
    """
    sin_e, cos2_e = _F32(consts[0]), _F32(consts[1])
    neg_cos2_e, slope_k = _F32(-consts[1]), _F32(-consts[0] * consts[1])
    r_mean = _F32(consts[2])
    for i in range(seen.size):
        inv_r = _ONE / pos[3, i]
        kk = inv_r * r_mean
        root = kk * kk
        root *= neg_cos2_e
        root += _ONE
        root = math.sqrt(max(root, _ROOT_FLOOR))
        work[0, i] = root * sin_e + kk * cos2_e
        slope = kk / root
        slope *= slope_k
        slope += cos2_e
        work[1, i] = slope * inv_r
        seen[i] = 0
    x, y, z, radial, lim = pos[0], pos[1], pos[2], work[1], work[0]
    for j in range(stations.shape[0]):
        g0, g1, g2, g3 = stations[j, 0], stations[j, 1], stations[j, 2], stations[j, 3]
        hits = 0
        for i in range(seen.size):  # one-dimensional views: LLVM vectorizes this loop
            v = (g0 * x[i] + g1 * y[i] + g2 * z[i] + g3 * radial[i]) >= lim[i]
            hits += v
            seen[i] = seen[i] | v
        station_steps[j] += hits


@njit(cache=True, nogil=True)
def _contact_state(
    seen: NDArray[np.int32],
    shell: NDArray[np.int32],
    consts: NDArray[np.float64],
    acc_sat: NDArray[np.int32],
    backlog: NDArray[np.float64],
    gap_histogram: NDArray[np.int64],
) -> None:
    """Fold one sample's contacts into passes, gaps, their histogram and the backlog.

    ``acc_sat`` rows: 1 contact steps, 2 passes, 3 the open gap, 4 the longest gap, 5 the
    previous flag. Three loops, so that the two without the histogram's scatter vectorize.
    """
    gap, prev, contact, passes, max_gap = acc_sat[3], acc_sat[5], acc_sat[1], acc_sat[2], acc_sat[4]
    for i in range(seen.size):  # a gap ends: count it at its length
        if seen[i] == 1 and gap[i] > 0:
            gap_histogram[shell[i], gap[i]] += 1
    for i in range(seen.size):
        s = seen[i]
        passes[i] += s & (1 - prev[i])
        prev[i] = s
        contact[i] += s
        g = (gap[i] + 1) * (1 - s)
        gap[i] = g
        max_gap[i] = max(max_gap[i], g)
    produced, capacity = consts[3], consts[4]
    if produced > 0.0 or capacity > 0.0:
        now, top = backlog[0], backlog[1]
        for i in range(seen.size):
            b = now[i] + produced
            b -= np.float64(seen[i]) * capacity
            b = max(b, 0.0)
            now[i] = b
            top[i] = max(top[i], b)


@njit(cache=True, nogil=True)
def block_loop(
    times: NDArray[np.float64],
    phase0: NDArray[np.float64],
    rate: NDArray[np.float64],
    c: NDArray[np.float32],
    ay_const: NDArray[np.float32],
    ecc_terms: NDArray[np.float64],
    sun: NDArray[np.float32],
    shell: NDArray[np.int32],
    single_shell: int,
    stations: NDArray[np.float32],
    contact_consts: NDArray[np.float64],
    acc_sat: NDArray[np.int32],
    backlog: NDArray[np.float64],
    shell_counts: NDArray[np.int64],
    station_steps: NDArray[np.int64],
    gap_histogram: NDArray[np.int64],
) -> None:
    """Walk the steps for one block of satellites, adding into the counters.

    ``c`` holds radius, kc, ks, kn, ki, cos i, sin i (7, n) float32; ``ecc_terms`` is empty
    for circular blocks or holds e, ω0, ω̇, the J3 term (4, n). ``stations`` is (T, K, 4)
    (K = 0: no contacts) and ``contact_consts`` is sin ε, cos² ε, the stations' mean
    horizon radius, data produced and downlinked per step. ``acc_sat`` (6, n) receives
    sunlit steps, contact steps, passes, the open gap, the longest gap and the previous
    contact flag; ``backlog`` (2, n) the backlog and its maximum; ``shell_counts`` (2, T, S)
    sunlit and in-contact satellites per step and shell.
    """
    n = shell.size
    pos = np.empty((4, n), dtype=np.float32)
    work = np.empty((2, n), dtype=np.float32)
    flag = np.zeros(n, dtype=np.int32)
    seen = np.zeros(n, dtype=np.int32)
    ax = np.zeros(n, dtype=np.float32)
    ay = ay_const.copy()
    for k in range(times.size):
        if ecc_terms.shape[0] > 0:
            _eccentric(times[k], ecc_terms[0], ecc_terms[1], ecc_terms[2], ecc_terms[3], ax, ay)
        _positions(times[k], phase0, rate, c, ax, ay, pos)
        _shadow(pos, sun[k], flag, acc_sat[0])
        _count(flag, shell, single_shell, shell_counts[0, k])
        if stations.shape[1] > 0:
            _visible(pos, stations[k], contact_consts, work, seen, station_steps)
            _contact_state(seen, shell, contact_consts, acc_sat, backlog, gap_histogram)
            _count(seen, shell, single_shell, shell_counts[1, k])
    if stations.shape[1] > 0:  # gaps still open at the end count at their length so far
        for i in range(n):
            if acc_sat[3, i] > 0:
                gap_histogram[shell[i], acc_sat[3, i]] += 1


@njit(cache=True, nogil=True, inline="always")
def _count(
    flag: NDArray[np.int32], shell: NDArray[np.int32], single: int, out: NDArray[np.int64]
) -> None:
    """Add flagged satellites per shell (one sum when the block has a single shell)."""
    if single >= 0:
        out[single] += flag.sum()
    else:
        for i in range(flag.size):
            out[shell[i]] += flag[i]


def kernel_arrays(
    prep: dict[str, NDArray[Any]],
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float32], NDArray[np.float32]]:
    """The compiled loop's inputs from the fast-path constants (:func:`.fastpath.prepare`).

    Returns
    -------
    tuple
        Phases at the epoch and their rates (2, n) float64 turns (argument of latitude,
        node), the float32 constants (7, n) in the order :func:`block_loop` reads them, and
        the J3 term of the eccentricity vector (n,) float32.
    """
    phase0 = np.ascontiguousarray(np.stack([prep["lam0"], prep["node0"]]), dtype=np.float64)
    rate = np.ascontiguousarray(np.stack([prep["lam_rate"], prep["node_rate"]]), dtype=np.float64)
    c = np.ascontiguousarray(np.stack([prep[k] for k in _CONST_KEYS]), dtype=np.float32)
    ay = np.ascontiguousarray(prep["ay_j3"], dtype=np.float32)
    return phase0, rate, c, ay


def run_block_compiled(
    plan: Plan, inputs: StepInputs, prep: dict[str, NDArray[Any]], shell_np: NDArray[np.int32]
) -> Accumulators:
    """One block's reductions with :func:`block_loop` (cylindrical shadow, NumPy arrays).

    Parameters
    ----------
    plan : Plan
        The run (its shadow model must be cylindrical).
    inputs : StepInputs
        The Sun and stations per sample, as NumPy float32 arrays.
    prep : dict
        The block's fast-path constants (:func:`.fastpath.prepare`).
    shell_np : NDArray[np.int32]
        Shell of each satellite.

    Returns
    -------
    Accumulators
        The block's reductions, as :func:`.fastpath.run_block` returns them.
    """
    n, t, s = shell_np.size, plan.steps, plan.n_shells
    phase0, rate, c, ay = kernel_arrays(prep)
    ecc_terms = np.zeros((0, n))
    if np.any(prep["ecc"] > 0.0):
        ecc_terms = np.stack([prep[k] for k in ("ecc", "argp0", "argp_rate", "ay_j3")])
    stations = np.zeros((t, 0, 4), dtype=np.float32)
    consts = np.zeros(5)
    if plan.stations is not None:
        stations = np.ascontiguousarray(inputs.stations, dtype=np.float32)
        eps = math.radians(plan.stations.elevation_mask_deg)
        dl = plan.downlink
        consts = np.array(
            [
                math.sin(eps),
                math.cos(eps) ** 2,
                inputs.station_radius_mean,
                dl.need_bps * plan.step_s if dl else 0.0,
                dl.rate_bps * plan.step_s if dl else 0.0,
            ]
        )
    here = np.unique(shell_np)
    acc_sat = np.zeros((6, n), dtype=np.int32)
    backlog = np.zeros((2, n))
    shell_counts = np.zeros((2, t, s), dtype=np.int64)
    station_steps = np.zeros(stations.shape[1], dtype=np.int64)
    hist = np.zeros((s, t + 1), dtype=np.int64)
    block_loop(
        np.ascontiguousarray(plan.times_s, dtype=np.float64),
        phase0,
        rate,
        c,
        ay,
        np.ascontiguousarray(ecc_terms, dtype=np.float64),
        np.ascontiguousarray(inputs.sun, dtype=np.float32),
        np.ascontiguousarray(shell_np, dtype=np.int32),
        int(here[0]) if here.size == 1 else -1,
        stations,
        consts,
        acc_sat,
        backlog,
        shell_counts,
        station_steps,
        hist,
    )
    return Accumulators(
        sunlit_steps=acc_sat[0].copy(),
        illumination_ticks=np.zeros(n, dtype=np.int64),
        contact_steps=acc_sat[1].copy(),
        passes=acc_sat[2].copy(),
        max_gap_steps=acc_sat[4].copy(),
        max_backlog_bits=backlog[1].copy(),
        shell_sunlit=shell_counts[0],
        shell_contact=shell_counts[1],
        gap_histogram=hist,
        station_steps=station_steps,
        shell=shell_np,
    )
