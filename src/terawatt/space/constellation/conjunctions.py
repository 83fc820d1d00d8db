r"""All-pairs close-approach screening, streamed over time steps (sub-quadratic).

For every time step :math:`[t_0, t_1]` of length :math:`\Delta t` the screener holds each
satellite's position and velocity at both ends (one propagation per step, reused by the
next) and works in three stages.

1. **Broad phase** (a uniform grid per step, compiled with numba). Each satellite's
   motion over the step is summarised by its chord midpoint :math:`m = (r_0 + r_1)/2` and
   half-chord :math:`c = (r_1 - r_0)/2`. Two satellites can only come within :math:`d`
   during the step if :math:`|\Delta m| \le d + |\Delta c|` plus a small curvature
   margin. :math:`|\Delta c|` is the relative speed × step / 2 of the brief; a single
   global bound on it would be ~2 v Δt/2 ≈ 450 km at a 60 s step, which makes every
   satellite a neighbour of hundreds of others in a dense shell. Instead the half-chord is
   split exactly as :math:`c = p\,(\hat g \times \hat s) + q\,\hat s` with
   :math:`\hat s = m/|m|` (radial), :math:`\hat g \parallel m \times c` (the orbit normal
   over the step), :math:`p \ge 0` the horizontal and :math:`q` the radial half-chord. Then

   .. math:: |\Delta c| \le |\Delta p| + p_{max} |\Delta\hat g| + |\Delta q|
             + 2 (p_{max} + |q|_{max}) |\Delta m| / r_{min}

   (the last term from :math:`|\hat a - \hat b| \le 2|a - b|/\max(|a|, |b|)`).
   Satellites are first split into radius groups (sorted by the lowest distance from the
   Earth's centre their chords reach, a new group wherever that exceeds every earlier
   highest by more than 2 d + 1 km: stacked shells), then into classes by cells of
   :math:`\hat g` and :math:`p` inside each group; for each pair of classes the bound
   above (with the classes' ranges) gives a certified search radius. Two classes whose
   chords sweep ranges of radius further apart than the threshold plus the curvature
   margin are never compared.
   Satellites in nearly the same orbit plane (a dawn-dusk shell's planes share nearly one
   node) get a radius of a few km per minute of step, not hundreds: the padding follows
   the relative speed each pair can actually have. The partition is kept for 30 steps
   (a class's members, one shell's planes of nearly one orientation, stay together); the
   radii are certified from the classes' actual ranges at every step, so any partition is
   exact. The search (:func:`terawatt.space.constellation._screen_kernels.grid_pairs`)
   splits the classes
   into domains, runs of classes (sorted by radius group first) that no pair with a
   radius straddles, so that stacked shells are searched apart; each domain gets a
   uniform grid whose cells are as wide as its largest certified radius, so that every
   pair within its radius lies in the same or a neighbouring cell. With the satellites
   sorted by a linear cell key, each cell's own column and the four columns ahead of it are
   contiguous key ranges whose bounds only grow, found by moving pointers (no search, no
   tree); each pair met is tested against its class pair's radius, then, in the same
   compiled pass, by the chord filter of stage 2, so only the pairs passing both leave the
   kernel. The previous formulation (a ``scipy.spatial.cKDTree`` query per pair of
   classes, then the chord filter in NumPy batches) is kept as a reference
   (:func:`_candidate_pairs_kdtree`); the compiled tests carry a relative slack of 1e-9,
   so they keep every pair the NumPy tests keep (a property test checks it).
2. **Chord filter**: the relative chord :math:`\Delta m + \tau \Delta c`,
   :math:`\tau \in [-1, 1]`, must come within :math:`d + \epsilon_{ij}`, where
   :math:`\epsilon_{ij} = \tfrac{4}{27}\Delta t (|\Delta v_0 - \Delta\delta/\Delta t| +
   |\Delta v_1 - \Delta\delta/\Delta t|)` bounds the distance between the chord and the
   cubic Hermite curve of step 3 (the Hermite basis functions h10, h11 never exceed 4/27).
3. **Refinement**: the relative trajectory over the step is the cubic Hermite interpolant
   of both satellites' positions and velocities at :math:`t_0, t_1`; its minimum distance
   (17 samples, then Newton steps on :math:`\tfrac{d}{ds}|p(s)|^2 = 0`) gives the time of
   closest approach (TCA), the miss distance and the relative speed. For orbital motion
   the cubic Hermite error over a 60 s step is ~0.3 m in absolute position (fourth
   derivative :math:`n^4 r`, error :math:`\Delta t^4 |r^{(4)}|/384`) and less for the
   relative motion of two nearby satellites.

One event per encounter: a pair has a distance minimum in a step when its range is
falling at the step's start and no longer falling at its end (range rate from the states
at the step boundaries, which neighbouring steps share, so each encounter is counted in
exactly one step and time windows screened apart give the serial result). A pair at a
constant distance (a formation) counts once, at the start of the window; a pair still
approaching at the end of the window counts there. At most one minimum per step is
resolved (steps are at most 300 s, relative motion varies on the orbital period).

States of mean elements (:class:`ElementStates`) come from the analytic propagator's step
kernel (:class:`~terawatt.space.constellation.propagate.StepPropagator`), which computes
the time-independent constants once and stops Kepler's equation at convergence.

The broad phase's one physical assumption: over a step the relative acceleration of two
satellites a distance D apart is at most :math:`3 \mu D / r^3` (the tidal term is
:math:`2\mu D/r^3`; the extra half covers J2 and eccentric orbits). Every other bound is
exact, so the screening finds every pair the all-pairs refinement finds
(:func:`brute_force`; the tests check this property on random cases).

References
----------
Hoots, Crawford & Roehrich (1984), "An analytic method to determine future close
approaches between satellites", Celestial Mechanics 33, 143-158 (the classic apogee/
perigee, orbit-path and time filters this replaces by spatial search); Biscani & Izzo,
"cascade" (ESA), conjunction screening with per-step bounding volumes; Bentley (1975),
"Multidimensional binary search trees used for associative searching", CACM 18(9)
(k-d trees, the reference broad phase); Allen & Tildesley, *Computer Simulation of
Liquids* (1987), ch. 5 (cell lists); Burden & Faires, *Numerical Analysis*, sec. 3.4
(cubic Hermite interpolation and its error term).
"""

from __future__ import annotations

import itertools
import math
import numbers
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import xarray as xr
from numpy.typing import NDArray
from scipy.spatial import cKDTree

from terawatt.errors import InputError
from terawatt.physics.constants import (
    EARTH_EQUATORIAL_RADIUS_WGS84_M,
    GM_EARTH_EGM96_M3_S2,
    SECONDS_PER_DAY,
)
from terawatt.space.constellation import _screen_kernels
from terawatt.space.constellation.propagate import StepPropagator
from terawatt.typing import FloatArray

__all__ = [
    "DEFAULT_LATITUDE_BAND_DEG",
    "DEFAULT_MAX_EVENTS",
    "MAX_STEP_S",
    "ConjunctionReport",
    "ElementStates",
    "StateFunction",
    "brute_force",
    "closest_approach",
    "screen",
    "screen_elements",
]

#: A function of time [s] returning ECI positions [m] and velocities [m/s], each (N, 3).
StateFunction = Callable[[float], tuple[FloatArray, FloatArray]]

#: Width of the latitude bands the events are counted in [deg].
DEFAULT_LATITUDE_BAND_DEG = 10.0
#: Events kept in the table (the closest ones); counts always cover all events.
DEFAULT_MAX_EVENTS = 100_000
#: Longest step accepted [s]: the cubic Hermite refinement error grows as Δt^4 (~0.3 m at
#: 60 s, ~200 m at 300 s for absolute LEO positions) and the curvature margin with Δt^2.
MAX_STEP_S = 300.0

_MU = GM_EARTH_EGM96_M3_S2
_R_EARTH = EARTH_EQUATORIAL_RADIUS_WGS84_M
_TWO_PI = 2.0 * math.pi
#: Canonical velocity unit of the SGP4 formulation [m/s] (Earth radii per canonical time).
_V_UNIT = _R_EARTH * math.sqrt(_MU / _R_EARTH**3)
#: Relative acceleration bound factor: |Δa| <= 3 μ D / r^3 (tidal 2 μ D / r^3 plus margin).
_TIDAL_FACTOR = 3.0
#: Largest number of (orbit normal, chord) classes per step; beyond it the cells coarsen.
_MAX_CLASSES = 512
#: Fewest satellites per class on average: small sets are not worth splitting.
_MIN_CLASS_SIZE = 256
#: Initial cell of the orbit-normal classes [rad] and of the horizontal half-chord [m].
_NORMAL_CELL = 0.01
_CHORD_CELL_M = 1_000.0
#: Satellites sampled to choose the class cell sizes.
_CLASS_SAMPLE = 20_000
_SAMPLES = 17
#: Range rate below which a pair counts as approaching [m/s]; float64 states carry
#: ~1e-9 m/s of noise, so a formation at constant distance is not read as encounters.
_RANGE_RATE_TOL_M_S = 1e-6
#: Pairs refined at once (bounds the temporaries to ~100 MB).
_CHUNK = 1 << 18
#: Broad-phase candidates handed to the chord filter at once (its gathers stay in cache).
_BATCH = 1 << 15
#: Steps a partition into classes is reused for before it is recomputed.
_CLASS_REUSE = 30
_NEWTON_STEPS = 6
#: Cells of the broad-phase grid searched on each side (cells are the radius / this wide).
_GRID_REACH = 1


# --- refinement ------------------------------------------------------------------------------


def _hermite_coefficients(
    dr0: FloatArray, dv0: FloatArray, dr1: FloatArray, dv1: FloatArray, dt: float
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Power-basis coefficients A + B s + C s² + D s³ of the cubic Hermite curve, s ∈ [0, 1]."""
    b = dt * dv0
    e = dt * dv1
    c = 3.0 * (dr1 - dr0) - 2.0 * b - e
    d = 2.0 * (dr0 - dr1) + b + e
    return dr0, b, c, d


def _poly(
    coef: tuple[FloatArray, FloatArray, FloatArray, FloatArray], s: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Value, first and second derivative (per unit s) of the cubic at ``s`` (shape (K,))."""
    a, b, c, d = coef
    s1 = s[:, None]
    p = a + s1 * (b + s1 * (c + s1 * d))
    dp = b + s1 * (2.0 * c + 3.0 * s1 * d)
    ddp = 2.0 * c + 6.0 * s1 * d
    return p, dp, ddp


def closest_approach(
    dr0: FloatArray, dv0: FloatArray, dr1: FloatArray, dv1: FloatArray, dt: float
) -> tuple[FloatArray, FloatArray, FloatArray]:
    r"""Time and distance of closest approach of relative trajectories within one step.

    Parameters
    ----------
    dr0, dv0 : FloatArray
        Relative position [m] and velocity [m/s] at the start of the step, (K, 3).
    dr1, dv1 : FloatArray
        The same at the end of the step, (K, 3).
    dt : float
        Step length [s], > 0.

    Returns
    -------
    tuple of FloatArray
        Fraction of the step at the closest approach ``s`` in [0, 1], the miss distance [m]
        and the relative speed at that time [m/s], each (K,).

    Notes
    -----
    The relative position over the step is the cubic Hermite interpolant
    :math:`p(s) = h_{00} \Delta r_0 + h_{10} \Delta t \Delta v_0 + h_{01} \Delta r_1 +
    h_{11} \Delta t \Delta v_1`. Its squared norm is minimised on [0, 1]: the best of 17
    samples, then Newton steps on :math:`p \cdot p' = 0` kept inside [0, 1].

    References
    ----------
    Burden & Faires, *Numerical Analysis*, sec. 3.4 (Hermite interpolation).
    """
    coef = _hermite_coefficients(dr0, dv0, dr1, dv1, dt)
    k = dr0.shape[0]
    grid = np.linspace(0.0, 1.0, _SAMPLES)
    # distance² on the sample grid, (K, S)
    a, b, c, d = coef
    g = grid[None, :, None]
    p = a[:, None, :] + g * (b[:, None, :] + g * (c[:, None, :] + g * d[:, None, :]))
    f = np.einsum("ksj,ksj->ks", p, p)
    s = grid[np.argmin(f, axis=1)] if k else np.zeros(0)
    for _ in range(_NEWTON_STEPS):
        pv, dp, ddp = _poly(coef, s)
        grad = np.einsum("kj,kj->k", pv, dp)
        curv = np.einsum("kj,kj->k", dp, dp) + np.einsum("kj,kj->k", pv, ddp)
        step = np.where(curv > 0.0, grad / np.where(curv > 0.0, curv, 1.0), 0.0)
        s = np.clip(s - step, 0.0, 1.0)
    pv, dp, _ = _poly(coef, s)
    dist = np.sqrt(np.einsum("kj,kj->k", pv, pv))
    # the sampled minimum can only be beaten; keep whichever is smaller
    best = np.argmin(f, axis=1) if k else np.zeros(0, dtype=np.intp)
    f_best = f[np.arange(k), best] if k else np.zeros(0)
    worse = dist**2 > f_best
    s = np.where(worse, grid[best], s)
    pv, dp, _ = _poly(coef, s)
    dist = np.sqrt(np.einsum("kj,kj->k", pv, pv))
    speed = np.sqrt(np.einsum("kj,kj->k", dp, dp)) / dt
    return s, dist, speed


# --- broad phase -----------------------------------------------------------------------------


def _curvature_factor(dt: float, r_min: float) -> float:
    """κ: the chord-to-Hermite margin is at most κ (|Δm| + |Δc|) (module notes)."""
    return 4.0 / 27.0 * _TIDAL_FACTOR * _MU * dt * dt / r_min**3


def _decompose(m: FloatArray, c: FloatArray) -> tuple[FloatArray, ...]:
    """Split half-chords as c = p (ĝ × ŝ) + q ŝ (module notes).

    Returns ``|m|``, ``p``, ``q``, ``ĝ`` and the lowest and highest distance from the
    Earth's centre along the chord, ``min/max |m + τ c|`` for τ in [-1, 1].
    """
    r_mid = np.sqrt(np.einsum("ij,ij->i", m, m))
    s_hat = m / r_mid[:, None]
    q = np.einsum("ij,ij->i", c, s_hat)
    c_perp = c - q[:, None] * s_hat
    p = np.sqrt(np.einsum("ij,ij->i", c_perp, c_perp))
    normal = np.cross(s_hat, c_perp)
    norm = np.sqrt(np.einsum("ij,ij->i", normal, normal))
    g = normal / np.where(norm > 0.0, norm, 1.0)[:, None]
    # |m + τc|² = |m|² + 2τ|m|q + τ²|c|²: convex in τ, lowest at τ* (clipped), highest at ±1
    cc = p * p + q * q
    tau = np.clip(-r_mid * q / np.where(cc > 0.0, cc, 1.0), -1.0, 1.0)
    low = np.sqrt(np.maximum(r_mid**2 + 2.0 * tau * r_mid * q + tau**2 * cc, 0.0))
    high = np.sqrt(r_mid**2 + 2.0 * r_mid * np.abs(q) + cc)
    return r_mid, p, q, g, low, high


def _radius_groups(low: FloatArray, high: FloatArray, pad: float) -> NDArray[np.int64]:
    """Label runs of satellites whose radius ranges [low, high] overlap within ``pad``.

    Sorted by ``low``, a new group starts wherever ``low`` exceeds every earlier ``high``
    by more than ``pad``: stacked shells become separate groups (one sort, no cells).
    """
    order = np.argsort(low, kind="stable")
    lo = low[order]
    hi = np.maximum.accumulate(high[order])
    new = np.empty(lo.size, dtype=bool)
    new[:1] = True
    np.greater(lo[1:], hi[:-1] + pad, out=new[1:])
    gid = np.empty(lo.size, dtype=np.int64)
    gid[order] = np.cumsum(new) - 1
    return gid


def _class_keys(
    group: NDArray[np.int64], g: FloatArray, p: FloatArray, normal_cell: float, chord_cell: float
) -> NDArray[np.int64]:
    """One integer per (radius group, orbit-normal cell, half-chord cell)."""
    gi = np.clip(np.floor(g / normal_cell).astype(np.int64) + (1 << 9), 0, (1 << 10) - 1)
    pi = np.clip(np.floor(p / chord_cell).astype(np.int64), 0, (1 << 12) - 1)
    key: NDArray[np.int64] = (
        (((group << 10 | gi[:, 0]) << 10 | gi[:, 1]) << 10 | gi[:, 2]) << 12
    ) | pi
    return key


#: Satellites sorted by class, and each class's start and size in that order.
Partition = tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.intp]]


def _classes(parts: tuple[FloatArray, ...], d: float) -> Partition:
    """Group satellites by radius group, then by cells of orbit normal and half-chord.

    Radius groups (:func:`_radius_groups`, padded by 2 d + 1 km) keep stacked shells apart;
    inside them the normal and chord cells double until there are at most about
    ``_MAX_CLASSES`` classes (counted on a subsample, so that only one full sort is needed).
    Returns the satellites sorted by class, and each class's start and size in that order.
    The classes are only a partition: :func:`_class_radii` certifies every pair of them.
    """
    _, p, _, g, low, high = parts
    n = p.size
    max_classes = min(_MAX_CLASSES, max(1, n // _MIN_CLASS_SIZE))
    group = _radius_groups(low, high, 2.0 * d + 1_000.0)
    n_groups = int(group.max()) + 1 if n else 1
    if n_groups > max_classes // 2:  # merge neighbouring groups (still contiguous in radius)
        group = group * max(1, max_classes // 2) // n_groups
    stride = max(1, n // _CLASS_SAMPLE)
    normal_cell, chord_cell = _NORMAL_CELL, _CHORD_CELL_M
    while normal_cell < 4.0:
        sample = _class_keys(group[::stride], g[::stride], p[::stride], normal_cell, chord_cell)
        if np.unique(sample).size <= max_classes:
            break
        normal_cell *= 2.0
        chord_cell *= 2.0
    key = _class_keys(group, g, p, normal_cell, chord_cell)
    order = np.argsort(key, kind="stable").astype(np.intp)
    sorted_key = key[order]
    starts = np.flatnonzero(np.r_[True, sorted_key[1:] != sorted_key[:-1]]).astype(np.intp)
    sizes = np.diff(np.r_[starts, key.size]).astype(np.intp)
    return order, starts, sizes


def _ranges(values: FloatArray, bounds: NDArray[np.intp]) -> tuple[FloatArray, FloatArray]:
    """Per-class minimum and maximum of ``values`` ((N,) or (N, k)) sorted by class."""
    lo = np.minimum.reduceat(values, bounds[:-1], axis=0)
    hi = np.maximum.reduceat(values, bounds[:-1], axis=0)
    return np.asarray(lo, np.float64), np.asarray(hi, np.float64)


def _spread(lo: FloatArray, hi: FloatArray) -> FloatArray:
    """Largest difference between a member of class a and one of class b, (n, n[, k])."""
    return np.asarray(np.maximum(hi[:, None] - lo[None, :], hi[None, :] - lo[:, None]))


def _class_radii(
    parts: tuple[FloatArray, ...],
    bounds: NDArray[np.intp],
    d: float,
    dt: float,
) -> tuple[FloatArray, FloatArray, float, float]:
    r"""Certified search radius for every pair of classes [m], (n, n); -1 where none can meet.

    Also returns the bound B on the half-chord difference (:math:`|\Delta c| \le B +
    \gamma |\Delta m|`, (n, n)), the curvature factor κ and γ.

    Two classes are skipped when the ranges of distance from the Earth's centre that
    their chords sweep are further apart than ``d`` plus the curvature margin: the
    distance between two points is at least the difference of their radii. ``parts`` are
    sorted by class; class k is rows ``bounds[k]:bounds[k + 1]``.
    """
    _, p, q, g, low, high = parts
    r_min = float(low.min())
    p_max = float(p.max())
    q_max = float(np.abs(q).max())
    kappa = _curvature_factor(dt, r_min)
    gamma = 2.0 * (p_max + q_max) / r_min
    denom = 1.0 - kappa - (1.0 + kappa) * gamma
    if denom <= 0.1:
        raise InputError("step_s", dt, f"a shorter step: at most about {MAX_STEP_S:g} s in LEO")
    g_lo, g_hi = _ranges(g, bounds)
    p_lo, p_hi = _ranges(p, bounds)
    q_lo, q_hi = _ranges(q, bounds)
    low_lo, _ = _ranges(low, bounds)
    _, high_hi = _ranges(high, bounds)
    dg = _spread(g_lo, g_hi)
    dg_norm = np.minimum(np.sqrt(np.einsum("abj,abj->ab", dg, dg)), 2.0)
    bound_c = _spread(p_lo, p_hi) + p_max * dg_norm + _spread(q_lo, q_hi)
    radius: FloatArray = (d + (1.0 + kappa) * bound_c) / denom
    gap = np.maximum(low_lo[:, None] - high_hi[None, :], low_lo[None, :] - high_hi[:, None])
    apart = gap > d + kappa * (radius + bound_c + gamma * radius)
    return np.where(apart, -1.0, radius), bound_c, kappa, gamma


def _prepare(
    s0: tuple[FloatArray, FloatArray],
    s1: tuple[FloatArray, FloatArray],
    order: NDArray[np.intp] | None = None,
) -> tuple[FloatArray, tuple[FloatArray, ...]]:
    """Per-satellite table (m, c, v0, v1), (N, 12), and :func:`_decompose`'s parts.

    Rows follow ``order`` when given (satellites sorted by class). One compiled pass
    (:func:`terawatt.space.constellation._screen_kernels.prepare`, the formulas of
    :func:`_decompose`).
    """
    n = s0[0].shape[0]
    idx = np.arange(n, dtype=np.int64) if order is None else order.astype(np.int64, copy=False)
    table, r_mid, p, q, g, low, high = _screen_kernels.prepare(s0[0], s0[1], s1[0], s1[1], idx)
    return table, (r_mid, p, q, g, low, high)


def _domains(radius: FloatArray) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """First and one-past-last class of each run of classes no certified pair straddles."""
    n = radius.shape[0]
    idx = np.arange(n)
    meets = radius >= 0.0
    reach = np.where(meets, idx[None, :], -1).max(axis=1)
    reach = np.maximum.accumulate(np.maximum(reach, idx))
    ends = np.flatnonzero(reach == idx) + 1
    starts = np.r_[0, ends[:-1]]
    return starts.astype(np.int64), ends.astype(np.int64)


def _candidate_pairs(
    sorted_table: FloatArray,
    sorted_parts: tuple[FloatArray, ...],
    partition: Partition,
    d: float,
    dt: float,
) -> NDArray[np.intp]:
    """Every pair (i < j) whose relative chord passes within ``d`` + margin, (K, 2).

    The broad phase (a uniform grid per domain of classes, certified radii per class pair)
    and the exact chord filter run in one compiled pass
    (:func:`terawatt.space.constellation._screen_kernels.grid_pairs`) on the table sorted
    by class; the pairs returned are original satellite indices.
    """
    order, starts, sizes = partition
    n = sorted_table.shape[0]
    if n < 2:
        return np.zeros((0, 2), dtype=np.intp)
    bounds = np.r_[starts, n]
    radius = np.ascontiguousarray(_class_radii(sorted_parts, bounds, d, dt)[0])
    c_lo, c_hi = _domains(radius)
    cell = np.array([radius[a:b, a:b].max() for a, b in zip(c_lo, c_hi, strict=True)])
    # cells wide enough that the linear cell keys stay far below 2^63 (≤ 10^6 per axis)
    extent = 2.0 * float(sorted_parts[5].max())  # twice the highest distance from the centre
    # (1 + 1e-6): a pair at the largest radius stays within one cell despite rounding
    cell = np.maximum(cell * (1.0 + 1e-6) / _GRID_REACH, extent / 1e6 + 1.0)
    cls = np.repeat(np.arange(starts.size, dtype=np.int64), sizes)
    rows = _screen_kernels.grid_pairs(
        np.ascontiguousarray(sorted_table),
        cls,
        radius,
        bounds[c_lo].astype(np.int64),
        bounds[c_hi].astype(np.int64),
        np.ascontiguousarray(cell, dtype=np.float64),
        float(d),
        float(dt),
        _GRID_REACH,
    )
    if rows.shape[0] == 0:
        return np.zeros((0, 2), dtype=np.intp)
    i, j = order[rows[:, 0]], order[rows[:, 1]]
    return np.stack([np.minimum(i, j), np.maximum(i, j)], axis=1).astype(np.intp, copy=False)


def _candidate_pairs_kdtree(
    sorted_table: FloatArray,
    sorted_parts: tuple[FloatArray, ...],
    partition: Partition,
    d: float,
    dt: float,
) -> NDArray[np.intp]:
    """The previous broad phase (reference for tests and benchmarks), same result set.

    The broad phase (k-d trees per pair of classes, certified radii) hands its candidates in
    batches to the exact chord filter. Both work on the table sorted by class (rows in the
    partition's order), so that a class is a contiguous slice and the gathers of a batch
    stay in cache; the pairs returned are original satellite indices.
    """
    order, starts, sizes = partition
    n = sorted_table.shape[0]
    if n < 2:
        return np.zeros((0, 2), dtype=np.intp)
    bounds = np.r_[starts, n]
    radius = _class_radii(sorted_parts, bounds, d, dt)[0]
    m_sorted = sorted_table[:, 0:3]
    trees: dict[int, Any] = {}

    def tree(k: int) -> Any:
        if k not in trees:
            trees[k] = cKDTree(
                m_sorted[bounds[k] : bounds[k + 1]], balanced_tree=False, compact_nodes=False
            )
        return trees[k]

    batch: list[NDArray[np.intp]] = []
    batch_size = 0
    kept: list[NDArray[np.intp]] = []
    rows, cols = np.nonzero(np.triu(radius >= 0.0))
    for a, b in zip(rows.tolist(), cols.tolist(), strict=True):
        r_ab = float(radius[a, b])
        if a == b:
            if sizes[a] < 2:
                continue
            found = tree(a).query_pairs(r_ab, output_type="ndarray")
            found += starts[a]
        else:
            sparse = tree(a).sparse_distance_matrix(tree(b), r_ab, output_type="ndarray")
            found = np.empty((sparse.size, 2), dtype=np.intp)
            np.add(sparse["i"], starts[a], out=found[:, 0])
            np.add(sparse["j"], starts[b], out=found[:, 1])
        if found.size:
            batch.append(found)
            batch_size += found.shape[0]
        if batch_size >= _BATCH:
            kept.append(_chord_filter(np.concatenate(batch), sorted_table, d, dt))
            batch, batch_size = [], 0
    if batch:
        kept.append(_chord_filter(np.concatenate(batch), sorted_table, d, dt))
    if not kept:
        return np.zeros((0, 2), dtype=np.intp)
    local = np.concatenate(kept)
    i, j = order[local[:, 0]], order[local[:, 1]]
    return np.stack([np.minimum(i, j), np.maximum(i, j)], axis=1).astype(np.intp, copy=False)


def _chord_filter(
    pairs: NDArray[np.intp], table: FloatArray, d: float, dt: float
) -> NDArray[np.intp]:
    """Keep the pairs whose relative chord passes within d + the Hermite margin (exact).

    ``table`` holds per satellite, in columns, the chord midpoint m, the half-chord c and
    the velocities v0, v1 (N, 12): one gather per pair side.
    """
    if pairs.shape[0] <= _CHUNK:
        return _chord_filter_chunk(pairs, table, d, dt)
    parts = [
        _chord_filter_chunk(pairs[lo : lo + _CHUNK], table, d, dt)
        for lo in range(0, pairs.shape[0], _CHUNK)
    ]
    return np.concatenate(parts)


def _chord_filter_chunk(
    pairs: NDArray[np.intp], table: FloatArray, d: float, dt: float
) -> NDArray[np.intp]:
    """:func:`_chord_filter` on one chunk of pairs."""
    diff = table[pairs[:, 0]] - table[pairs[:, 1]]
    dm, dc = diff[:, 0:3], diff[:, 3:6]
    cc = np.einsum("kj,kj->k", dc, dc)
    tau = np.clip(-np.einsum("kj,kj->k", dm, dc) / np.where(cc > 0.0, cc, 1.0), -1.0, 1.0)
    closest = dm + tau[:, None] * dc
    lin = np.sqrt(np.einsum("kj,kj->k", closest, closest))
    # chord-to-Hermite margin: (4/27)(|Δt Δv0 - Δδ| + |Δt Δv1 - Δδ|), Δδ = 2 Δc
    e0 = dt * diff[:, 6:9] - 2.0 * dc
    e1 = dt * diff[:, 9:12] - 2.0 * dc
    margin = (4.0 / 27.0) * (
        np.sqrt(np.einsum("kj,kj->k", e0, e0)) + np.sqrt(np.einsum("kj,kj->k", e1, e1))
    )
    keep: NDArray[np.intp] = pairs[lin <= d + margin]
    return keep


# --- results ---------------------------------------------------------------------------------


@dataclass
class _Accumulator:
    """Running counts and the closest events of a screening (bounded memory)."""

    thresholds_m: FloatArray
    band_edges_deg: FloatArray
    max_events: int
    counts: NDArray[np.int64] = field(init=False)
    columns: dict[str, list[NDArray[Any]]] = field(default_factory=dict)
    kept: int = 0
    total: int = 0

    def __post_init__(self) -> None:
        self.counts = np.zeros((self.thresholds_m.size, self.band_edges_deg.size - 1), np.int64)
        self.columns = {k: [] for k in _EVENT_COLUMNS}

    def add(self, events: dict[str, NDArray[Any]]) -> None:
        """Count a batch of events and keep the closest ``max_events`` of all so far."""
        miss = events["miss_m"]
        if miss.size == 0:
            return
        self.total += int(miss.size)
        band = np.clip(
            np.searchsorted(self.band_edges_deg, events["latitude_deg"], side="right") - 1,
            0,
            self.band_edges_deg.size - 2,
        )
        for k, thr in enumerate(self.thresholds_m):
            sel = miss <= thr
            self.counts[k] += np.bincount(band[sel], minlength=self.counts.shape[1])
        for key in _EVENT_COLUMNS:
            self.columns[key].append(events[key])
        self.kept += int(miss.size)
        if self.kept > 2 * self.max_events:
            self.trim()

    def merge(self, other: _Accumulator) -> None:
        """Add another window's counts and events."""
        self.counts += other.counts
        self.total += other.total
        for key in _EVENT_COLUMNS:
            self.columns[key].extend(other.columns[key])
        self.kept += other.kept
        self.trim()

    def trim(self) -> None:
        """Keep only the closest ``max_events`` events."""
        if not self.columns["miss_m"]:
            return
        merged = {k: np.concatenate(v) for k, v in self.columns.items()}
        if merged["miss_m"].size > self.max_events:
            keep = np.argpartition(merged["miss_m"], self.max_events - 1)[: self.max_events]
            merged = {k: v[keep] for k, v in merged.items()}
        self.columns = {k: [v] for k, v in merged.items()}
        self.kept = int(merged["miss_m"].size)

    def table(self) -> dict[str, NDArray[Any]]:
        """The kept events, sorted by time of closest approach."""
        self.trim()
        merged = {
            k: (np.concatenate(v) if v else np.zeros(0, _EVENT_DTYPES[k]))
            for k, v in self.columns.items()
        }
        order = np.lexsort((merged["sat_b"], merged["sat_a"], merged["tca_s"]))
        return {k: v[order] for k, v in merged.items()}


_EVENT_COLUMNS = ("sat_a", "sat_b", "tca_s", "miss_m", "relative_speed_m_s", "latitude_deg")
_EVENT_DTYPES: dict[str, Any] = {
    "sat_a": np.int64,
    "sat_b": np.int64,
    "tca_s": np.float64,
    "miss_m": np.float64,
    "relative_speed_m_s": np.float64,
    "latitude_deg": np.float64,
}


@dataclass(frozen=True)
class ConjunctionReport:
    """Result of a close-approach screening.

    Attributes
    ----------
    events : xarray.Dataset
        One row per encounter along dimension ``event`` (the closest ``max_events`` if
        there were more): ``sat_a`` < ``sat_b`` (satellite indices), ``tca_s`` (time of
        closest approach after the epoch [s]), ``miss_m``, ``relative_speed_m_s`` and
        ``latitude_deg`` (geocentric latitude of the encounter), sorted by time.
    counts : xarray.DataArray
        Number of encounters closer than each threshold (dimension ``threshold_m``) in each
        latitude band (dimension ``band``, coordinates ``latitude_low_deg`` and
        ``latitude_high_deg``); counts cover every event, kept or not.
    satellites : int
        Number of satellites screened.
    steps : int
        Number of time steps.
    step_s, duration_s, threshold_m : float
        Step, window length and screening threshold.
    events_total : int
        Number of encounters (all of them).
    candidate_pairs : int
        Pairs handed from the broad phase to the refinement, summed over steps.
    elapsed_s : float
        Wall-clock time of the screening, propagation included [s].
    """

    events: xr.Dataset
    counts: xr.DataArray
    satellites: int
    steps: int
    step_s: float
    duration_s: float
    threshold_m: float
    events_total: int
    candidate_pairs: int
    elapsed_s: float

    @property
    def events_per_day(self) -> float:
        """Encounters closer than the threshold per day of the window."""
        return self.events_total / self.duration_s * SECONDS_PER_DAY

    @property
    def object_steps_per_s(self) -> float:
        """Screening throughput: satellites × steps per second of wall clock."""
        return self.satellites * self.steps / max(self.elapsed_s, 1e-12)

    @property
    def rate_by_latitude_per_day(self) -> xr.DataArray:
        """Encounters per day in each latitude band, closer than the screening threshold."""
        per_day = self.counts.sel(threshold_m=self.threshold_m) / self.duration_s
        return per_day * SECONDS_PER_DAY

    def summary(self) -> dict[str, Any]:
        """Plain-JSON summary (the ``terawatt conjunctions --json`` payload)."""
        ev = self.events
        closest: dict[str, Any] | None = None
        if ev.sizes["event"]:
            k = int(np.argmin(ev["miss_m"].values))
            closest = {
                "sat_a": int(ev["sat_a"].values[k]),
                "sat_b": int(ev["sat_b"].values[k]),
                "tca_s": float(ev["tca_s"].values[k]),
                "miss_m": float(ev["miss_m"].values[k]),
                "relative_speed_m_s": float(ev["relative_speed_m_s"].values[k]),
                "latitude_deg": float(ev["latitude_deg"].values[k]),
            }
        rate = self.rate_by_latitude_per_day
        bands = [
            {
                "latitude_low_deg": float(lo),
                "latitude_high_deg": float(hi),
                "events_per_day": float(r),
            }
            for lo, hi, r in zip(
                rate["latitude_low_deg"].values,
                rate["latitude_high_deg"].values,
                rate.values,
                strict=True,
            )
        ]
        by_threshold = [
            {
                "threshold_m": float(t),
                "events": int(self.counts.sel(threshold_m=t).sum()),
                "events_per_day": float(self.counts.sel(threshold_m=t).sum())
                / self.duration_s
                * SECONDS_PER_DAY,
            }
            for t in self.counts["threshold_m"].values
        ]
        return {
            "satellites": self.satellites,
            "steps": self.steps,
            "step_s": self.step_s,
            "duration_s": self.duration_s,
            "threshold_m": self.threshold_m,
            "events": self.events_total,
            "events_per_day": self.events_per_day,
            "by_threshold": by_threshold,
            "rate_by_latitude": bands,
            "closest_approach": closest,
            "candidate_pairs": self.candidate_pairs,
            "elapsed_s": self.elapsed_s,
            "object_steps_per_s": self.object_steps_per_s,
        }


# --- screening -------------------------------------------------------------------------------


def _real(value: Any) -> bool:
    """Whether ``value`` is a finite real number (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return False
    return math.isfinite(float(value))


def _check(
    threshold_m: float, duration_s: float, step_s: float, t0_s: float
) -> tuple[float, float, float, int]:
    """Validate the screening window; return the values and the number of steps."""
    for name, value in (("threshold_m", threshold_m), ("duration_s", duration_s)):
        if not (_real(value) and value > 0):
            raise InputError(name, value, "a finite value > 0")
    if not (_real(step_s) and 0 < step_s <= MAX_STEP_S):
        raise InputError("step_s", step_s, f"a step in (0, {MAX_STEP_S:g}] s")
    if not _real(t0_s):
        raise InputError("t0_s", t0_s, "a finite time after the epoch [s]")
    steps = max(1, math.ceil(duration_s / step_s - 1e-9))
    return float(threshold_m), float(duration_s), float(step_s), steps


def _step_events(
    state0: tuple[FloatArray, FloatArray],
    state1: tuple[FloatArray, FloatArray],
    pairs: NDArray[np.intp],
    t0: float,
    dt: float,
    d: float,
    edges: tuple[bool, bool],
) -> dict[str, NDArray[Any]]:
    """Refine candidate pairs of one step and keep the encounters within ``d``."""
    if pairs.shape[0] > _CHUNK:
        chunks = [
            _step_events(state0, state1, pairs[lo : lo + _CHUNK], t0, dt, d, edges)
            for lo in range(0, pairs.shape[0], _CHUNK)
        ]
        return {k: np.concatenate([c[k] for c in chunks]) for k in _EVENT_COLUMNS}
    r0, v0 = state0
    r1, v1 = state1
    i, j = pairs[:, 0], pairs[:, 1]
    dr0, dv0, dr1, dv1 = r0[i] - r0[j], v0[i] - v0[j], r1[i] - r1[j], v1[i] - v1[j]
    s, dist, speed = closest_approach(dr0, dv0, dr1, dv1, dt)
    keep = _encounters(dr0, dv0, dr1, dv1, edges)
    # boundary events of the window: at its start (not approaching) or end (still approaching)
    first, last = edges
    start = keep & first & ~_approaching(dr0, dv0)
    end = keep & last & _approaching(dr1, dv1) & ~start
    s = np.where(start, 0.0, np.where(end, 1.0, s))
    if first or last:
        ends = start | end
        edge_dist = np.where(start, np.linalg.norm(dr0, axis=1), np.linalg.norm(dr1, axis=1))
        dist = np.where(ends, edge_dist, dist)
        edge_speed = np.where(start, np.linalg.norm(dv0, axis=1), np.linalg.norm(dv1, axis=1))
        speed = np.where(ends, edge_speed, speed)
    keep &= dist <= d
    i, j, s = i[keep], j[keep], s[keep]
    # position of the encounter: Hermite interpolation of satellite i, then the pair's midpoint
    coef = _hermite_coefficients(r0[i], v0[i], r1[i], v1[i], dt)
    pos_i, _, _ = _poly(coef, s)
    coef_j = _hermite_coefficients(r0[j], v0[j], r1[j], v1[j], dt)
    pos_j, _, _ = _poly(coef_j, s)
    mid = 0.5 * (pos_i + pos_j)
    lat = np.degrees(np.arcsin(np.clip(mid[:, 2] / np.linalg.norm(mid, axis=1), -1.0, 1.0)))
    return {
        "sat_a": i.astype(np.int64),
        "sat_b": j.astype(np.int64),
        "tca_s": t0 + s * dt,
        "miss_m": dist[keep],
        "relative_speed_m_s": speed[keep],
        "latitude_deg": lat,
    }


def _approaching(dr: FloatArray, dv: FloatArray) -> NDArray[np.bool_]:
    """Whether the range is falling faster than the noise floor (range rate < -1 µm/s)."""
    rng = np.sqrt(np.einsum("kj,kj->k", dr, dr))
    rate = np.einsum("kj,kj->k", dr, dv)
    return np.asarray(rate < -_RANGE_RATE_TOL_M_S * rng)


def _encounters(
    dr0: FloatArray, dv0: FloatArray, dr1: FloatArray, dv1: FloatArray, edges: tuple[bool, bool]
) -> NDArray[np.bool_]:
    """Pairs with a distance minimum in this step (one per encounter; module notes).

    A minimum lies in the step when the range is falling at its start and no longer
    falling at its end. Both ends' range rates come from the states shared with the
    neighbouring steps, so each sign change is counted in exactly one step; a pair at a
    constant distance (a formation) counts once, at the start of the window.
    """
    falling0 = _approaching(dr0, dv0)
    falling1 = _approaching(dr1, dv1)
    first, last = edges
    keep = falling0 & ~falling1
    if first:
        keep |= ~falling0
    if last:
        keep |= falling1
    return keep


def _band_edges(band_deg: float) -> FloatArray:
    if not (math.isfinite(band_deg) and 0.0 < band_deg <= 180.0):
        raise InputError("band_deg", band_deg, "a latitude band width in (0, 180] deg")
    n = math.ceil(180.0 / band_deg - 1e-9)
    return np.asarray(np.minimum(-90.0 + band_deg * np.arange(n + 1), 90.0), dtype=np.float64)


def _thresholds(threshold_m: float, thresholds_m: Sequence[float] | None) -> FloatArray:
    if thresholds_m is None:
        return np.asarray([threshold_m * f for f in (0.1, 0.25, 0.5, 1.0)], dtype=np.float64)
    values = np.asarray(sorted({float(t) for t in thresholds_m} | {threshold_m}), np.float64)
    if np.any(~np.isfinite(values)) or np.any(values <= 0.0) or values.max() > threshold_m:
        raise InputError("thresholds_m", list(thresholds_m), f"distances in (0, {threshold_m:g}] m")
    return values


def _report(
    acc: _Accumulator,
    *,
    satellites: int,
    steps: int,
    step_s: float,
    duration_s: float,
    threshold_m: float,
    candidates: int,
    elapsed_s: float,
) -> ConjunctionReport:
    table = acc.table()
    events = xr.Dataset(
        {k: ("event", v) for k, v in table.items()},
        attrs={"threshold_m": threshold_m, "step_s": step_s, "duration_s": duration_s},
    )
    edges = acc.band_edges_deg
    counts = xr.DataArray(
        acc.counts,
        dims=("threshold_m", "band"),
        coords={
            "threshold_m": acc.thresholds_m,
            "latitude_low_deg": ("band", edges[:-1]),
            "latitude_high_deg": ("band", edges[1:]),
        },
        name="encounters",
    )
    return ConjunctionReport(
        events=events,
        counts=counts,
        satellites=satellites,
        steps=steps,
        step_s=step_s,
        duration_s=duration_s,
        threshold_m=threshold_m,
        events_total=acc.total,
        candidate_pairs=candidates,
        elapsed_s=elapsed_s,
    )


PairFinder = Callable[
    [tuple[FloatArray, FloatArray], tuple[FloatArray, FloatArray], float], NDArray[np.intp]
]


@dataclass(frozen=True)
class _ScreenFinder:
    """Broad phase plus chord filter (picklable, for worker processes).

    The partition into classes is kept for up to ``_CLASS_REUSE`` steps: members of a
    class (one shell's planes of nearly one orientation) stay together, and the radii are
    certified from the classes' actual ranges at every step, so any partition is exact.
    """

    threshold_m: float
    kdtree: bool = False
    _cache: list[Any] = field(default_factory=list, init=False, repr=False, compare=False)

    def __call__(
        self, s0: tuple[FloatArray, FloatArray], s1: tuple[FloatArray, FloatArray], h: float
    ) -> NDArray[np.intp]:
        n = s0[0].shape[0]
        if self._cache and self._cache[0] == n and self._cache[1] < _CLASS_REUSE:
            partition = self._cache[2]
            table, parts = _prepare(s0, s1, partition[0])
        else:
            table, parts = _prepare(s0, s1)
            partition = _classes(parts, self.threshold_m)
            self._cache[:] = [n, 0, partition]
            table = table[partition[0]]
            parts = tuple(x[partition[0]] for x in parts)
        self._cache[1] += 1
        find = _candidate_pairs_kdtree if self.kdtree else _candidate_pairs
        return find(table, parts, partition, self.threshold_m, h)

    def __getstate__(self) -> dict[str, Any]:
        """Pickle the threshold and the choice of broad phase only."""
        return {"threshold_m": self.threshold_m, "kdtree": self.kdtree}

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Restore from :meth:`__getstate__`."""
        object.__setattr__(self, "threshold_m", state["threshold_m"])
        object.__setattr__(self, "kdtree", state["kdtree"])
        object.__setattr__(self, "_cache", [])


@dataclass(frozen=True)
class _BruteFinder:
    """Every pair, every step (the O(N²) reference)."""

    def __call__(
        self, s0: tuple[FloatArray, FloatArray], s1: tuple[FloatArray, FloatArray], h: float
    ) -> NDArray[np.intp]:
        del s1, h
        i, j = np.triu_indices(s0[0].shape[0], k=1)
        return np.stack([i, j], axis=1).astype(np.intp)


@dataclass(frozen=True)
class _Window:
    """Steps k0..k1-1 of a screening of ``steps`` steps (one worker's share)."""

    states: StateFunction
    finder: PairFinder
    threshold_m: float
    step_s: float
    duration_s: float
    t0_s: float
    steps: int
    k0: int
    k1: int
    thresholds_m: FloatArray
    band_edges_deg: FloatArray
    max_events: int

    def __call__(self) -> tuple[_Accumulator, int, int]:
        """Screen the window; return its accumulator, candidate count and N."""
        acc = _Accumulator(self.thresholds_m, self.band_edges_deg, self.max_events)
        dt, d = self.step_s, self.threshold_m
        state0 = _state(self.states, self.t0_s + self.k0 * dt)
        candidates = 0
        for k in range(self.k0, self.k1):
            t_a = self.t0_s + k * dt
            t_b = min(self.t0_s + (k + 1) * dt, self.t0_s + self.duration_s)
            state1 = _state(self.states, t_b)
            pairs = self.finder(state0, state1, t_b - t_a)
            candidates += int(pairs.shape[0])
            edges = (k == 0, k == self.steps - 1)
            acc.add(_step_events(state0, state1, pairs, t_a, t_b - t_a, d, edges))
            state0 = state1
        acc.trim()
        return acc, candidates, int(state0[0].shape[0])


def _call(window: _Window) -> tuple[_Accumulator, int, int]:
    return window()


def _run(
    states: StateFunction,
    pair_finder: PairFinder,
    *,
    threshold_m: float,
    duration_s: float,
    step_s: float,
    t0_s: float,
    thresholds_m: Sequence[float] | None,
    band_deg: float,
    max_events: int,
    workers: int = 1,
) -> ConjunctionReport:
    d, duration, dt, steps = _check(threshold_m, duration_s, step_s, t0_s)
    if isinstance(max_events, bool) or not isinstance(max_events, int) or max_events < 1:
        raise InputError("max_events", max_events, "a whole number >= 1")
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise InputError("workers", workers, "a whole number >= 1")
    thresholds = _thresholds(d, thresholds_m)
    edges = _band_edges(band_deg)
    start = time.perf_counter()
    n_windows = min(workers, steps)
    bounds = np.linspace(0, steps, n_windows + 1).round().astype(int)
    windows = [
        _Window(
            states,
            pair_finder,
            d,
            dt,
            duration,
            float(t0_s),
            steps,
            int(a),
            int(b),
            thresholds,
            edges,
            max_events,
        )
        for a, b in itertools.pairwise(bounds)
    ]
    if n_windows == 1:
        results = [windows[0]()]
    else:
        with ProcessPoolExecutor(max_workers=n_windows) as pool:
            results = list(pool.map(_call, windows))
    acc = _Accumulator(thresholds, edges, max_events)
    for part, _, _ in results:
        acc.merge(part)
    return _report(
        acc,
        satellites=results[0][2],
        steps=steps,
        step_s=dt,
        duration_s=duration,
        threshold_m=d,
        candidates=sum(r[1] for r in results),
        elapsed_s=time.perf_counter() - start,
    )


def _state(states: StateFunction, t: float) -> tuple[FloatArray, FloatArray]:
    r, v = states(t)
    r = np.ascontiguousarray(r, dtype=np.float64)
    v = np.ascontiguousarray(v, dtype=np.float64)
    if r.ndim != 2 or r.shape[1] != 3 or v.shape != r.shape:
        raise InputError("states", r.shape, "positions and velocities of shape (N, 3)")
    if not (np.isfinite(r).all() and np.isfinite(v).all()):
        raise InputError(
            "states", f"non-finite state at t = {t} s", "finite positions and velocities"
        )
    return r, v


def screen(
    states: StateFunction,
    *,
    threshold_m: float,
    duration_s: float,
    step_s: float = 60.0,
    t0_s: float = 0.0,
    thresholds_m: Sequence[float] | None = None,
    band_deg: float = DEFAULT_LATITUDE_BAND_DEG,
    max_events: int = DEFAULT_MAX_EVENTS,
    workers: int = 1,
) -> ConjunctionReport:
    """Find every close approach closer than ``threshold_m`` within a time window.

    Parameters
    ----------
    states : callable
        ``states(t_s) -> (r, v)``: ECI positions [m] and velocities [m/s] of N satellites,
        each (N, 3), at ``t_s`` seconds after the epoch; called once per step.
    threshold_m : float
        Screening distance [m], > 0.
    duration_s : float
        Length of the window [s], > 0.
    step_s : float, optional
        Time step [s], in (0, 300]; default 60 s. Longer steps miss nothing (the search
        radius grows with the step) but hand more candidates to the refinement.
    t0_s : float, optional
        Start of the window after the epoch [s], default 0.
    thresholds_m : sequence of float, optional
        Distances to count encounters by (each ≤ ``threshold_m``); default 10 %, 25 %,
        50 % and 100 % of the threshold.
    band_deg : float, optional
        Width of the latitude bands [deg], default 10.
    max_events : int, optional
        Encounters kept in the table (the closest ones), default 100,000; the counts
        include all of them.
    workers : int, optional
        Processes screening consecutive time windows in parallel (default 1). Results are
        identical to the serial run; ``states`` must then be picklable (e.g.
        :class:`ElementStates`, not a lambda).

    Returns
    -------
    ConjunctionReport
        The events, counts by threshold and latitude, and throughput.

    Raises
    ------
    InputError
        If the threshold, duration or step is not positive and finite, the step exceeds
        300 s, or ``states`` returns arrays of the wrong shape.

    Notes
    -----
    Memory is bounded by one step's states and candidates plus ``2 × max_events`` rows;
    the window streams step by step. See the module notes for the method and its bounds.
    """
    return _run(
        states,
        _ScreenFinder(threshold_m),
        threshold_m=threshold_m,
        duration_s=duration_s,
        step_s=step_s,
        t0_s=t0_s,
        thresholds_m=thresholds_m,
        band_deg=band_deg,
        max_events=max_events,
        workers=workers,
    )


def brute_force(
    states: StateFunction,
    *,
    threshold_m: float,
    duration_s: float,
    step_s: float = 60.0,
    t0_s: float = 0.0,
    thresholds_m: Sequence[float] | None = None,
    band_deg: float = DEFAULT_LATITUDE_BAND_DEG,
    max_events: int = DEFAULT_MAX_EVENTS,
    workers: int = 1,
) -> ConjunctionReport:
    """The O(N²) reference: refine every pair at every step (for tests and benchmarks).

    Parameters and result as :func:`screen`; use it for a few thousand satellites at most.

    Parameters
    ----------
    states : callable
        As :func:`screen`.
    threshold_m, duration_s, step_s, t0_s, thresholds_m, band_deg, max_events, workers
        As :func:`screen`.

    Returns
    -------
    ConjunctionReport
        As :func:`screen`.
    """
    return _run(
        states,
        _BruteFinder(),
        threshold_m=threshold_m,
        duration_s=duration_s,
        step_s=step_s,
        t0_s=t0_s,
        thresholds_m=thresholds_m,
        band_deg=band_deg,
        max_events=max_events,
        workers=workers,
    )


@dataclass(frozen=True)
class ElementStates:
    """Picklable ``states(t)`` of mean elements through the analytic J2 propagator.

    The model is :func:`terawatt.space.constellation.propagate.propagate`'s; its
    time-independent constants are computed on the first call and kept (see
    :class:`StepPropagator`), which makes a step about three times cheaper.

    Attributes
    ----------
    elements : Elements
        Mean elements (:class:`terawatt.space.constellation.elements.Elements`).
    """

    elements: Any
    _kernel: list[StepPropagator] = field(
        default_factory=list, init=False, repr=False, compare=False, hash=False
    )

    def __call__(self, t_s: float) -> tuple[FloatArray, FloatArray]:
        """ECI position [m] and velocity [m/s] at ``t_s`` after the epoch, each (N, 3)."""
        if not self._kernel:
            self._kernel.append(StepPropagator(self.elements))
        return self._kernel[0](float(t_s))

    def __getstate__(self) -> dict[str, Any]:
        """Pickle the elements only (worker processes rebuild the constants)."""
        return {"elements": self.elements}

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Restore from :meth:`__getstate__`."""
        object.__setattr__(self, "elements", state["elements"])
        object.__setattr__(self, "_kernel", [])


def screen_elements(elements: Any, **kwargs: Any) -> ConjunctionReport:
    """Screen a constellation's mean elements, propagated with the analytic J2 model.

    Parameters
    ----------
    elements : Elements
        Mean elements (:class:`terawatt.space.constellation.elements.Elements`).
    **kwargs
        Passed to :func:`screen` (``threshold_m``, ``duration_s``, ``step_s``,
        ``workers``, ...).

    Returns
    -------
    ConjunctionReport
        As :func:`screen`.
    """
    return screen(ElementStates(elements), **kwargs)
