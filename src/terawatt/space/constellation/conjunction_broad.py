r"""Conjunction screening, broad phase: classes, certified radii, grid search, chord filter.

Stages 1 and 2 of :mod:`terawatt.space.constellation.conjunctions`, which derives the
bound, the partition, the grid and the chord filter's margin and gives the references. The
broad phase bounds each pair's relative chord over a step by certified radii between
classes of satellites (radius groups of stacked shells, then cells of orbit normal and
horizontal half-chord), searches a uniform grid per domain of classes for the pairs within
those radii (:func:`candidate_pairs`, compiled in
:func:`terawatt.space.constellation._screen_kernels.grid_pairs`) and passes them through
the chord filter in the same pass; :func:`candidate_pairs_kdtree` is the previous k-d tree
formulation, kept as a reference.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.spatial import cKDTree

from terawatt.errors import InputError
from terawatt.physics.constants import EARTH_EQUATORIAL_RADIUS_WGS84_M, GM_EARTH_EGM96_M3_S2
from terawatt.space.constellation import _screen_kernels
from terawatt.typing import FloatArray

__all__ = [
    "BruteFinder",
    "PairFinder",
    "Partition",
    "ScreenFinder",
    "candidate_pairs",
    "candidate_pairs_kdtree",
    "candidate_pairs_states",
    "classes",
    "decompose",
    "domains",
    "prepare",
    "step_class_ranges",
]

_MU = GM_EARTH_EGM96_M3_S2
_R_EARTH = EARTH_EQUATORIAL_RADIUS_WGS84_M
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
#: Pairs chord-filtered at once (bounds the temporaries to ~100 MB).
_FILTER_CHUNK = 1 << 18
#: Broad-phase candidates handed to the chord filter at once (its gathers stay in cache).
_BATCH = 1 << 15
#: Steps a partition into classes is reused for before it is recomputed.
_CLASS_REUSE = 30
#: Cells of the broad-phase grid searched on each side (cells are the radius / this wide).
_GRID_REACH = 1


def _curvature_factor(dt: float, r_min: float) -> float:
    """κ: the chord-to-Hermite margin is at most κ (|Δm| + |Δc|) (module notes)."""
    return 4.0 / 27.0 * _TIDAL_FACTOR * _MU * dt * dt / r_min**3


def decompose(m: FloatArray, c: FloatArray) -> tuple[FloatArray, ...]:
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


def classes(parts: tuple[FloatArray, ...], d: float) -> Partition:
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


#: Per-class ranges: ĝ's minimum and maximum (n, 3) each, then p's, q's (n,) each, the
#: lowest distance's minimum and the highest distance's maximum (n,) each.
ClassRanges = tuple[
    FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray
]


def _class_ranges(parts: tuple[FloatArray, ...], bounds: NDArray[np.intp]) -> ClassRanges:
    """Per-class ranges of :func:`decompose`'s parts sorted by class (``reduceat``)."""
    _, p, q, g, low, high = parts
    g_lo, g_hi = _ranges(g, bounds)
    p_lo, p_hi = _ranges(p, bounds)
    q_lo, q_hi = _ranges(q, bounds)
    low_lo, _ = _ranges(low, bounds)
    _, high_hi = _ranges(high, bounds)
    return g_lo, g_hi, p_lo, p_hi, q_lo, q_hi, low_lo, high_hi


def _class_radii(
    parts: tuple[FloatArray, ...],
    bounds: NDArray[np.intp],
    d: float,
    dt: float,
) -> tuple[FloatArray, FloatArray, float, float]:
    """:func:`_radii_from_ranges` of the parts sorted by class.

    Class k is rows ``bounds[k]:bounds[k + 1]``.
    """
    return _radii_from_ranges(_class_ranges(parts, bounds), d, dt)


def _radii_from_ranges(
    ranges: ClassRanges, d: float, dt: float
) -> tuple[FloatArray, FloatArray, float, float]:
    r"""Certified search radius for every pair of classes [m], (n, n); -1 where none can meet.

    Also returns the bound B on the half-chord difference (:math:`|\Delta c| \le B +
    \gamma |\Delta m|`, (n, n)), the curvature factor κ and γ.

    Two classes are skipped when the ranges of distance from the Earth's centre that
    their chords sweep are further apart than ``d`` plus the curvature margin: the
    distance between two points is at least the difference of their radii. The global
    extremes (lowest distance, largest ``p`` and ``|q|``) are those of the class ranges.
    """
    g_lo, g_hi, p_lo, p_hi, q_lo, q_hi, low_lo, high_hi = ranges
    r_min = float(low_lo.min())
    p_max = float(p_hi.max())
    q_max = max(float(-q_lo.min()), float(q_hi.max()))  # max |q|: exact, as np.abs(q).max()
    kappa = _curvature_factor(dt, r_min)
    gamma = 2.0 * (p_max + q_max) / r_min
    denom = 1.0 - kappa - (1.0 + kappa) * gamma
    if denom <= 0.1:
        expected = "a shorter step (the curvature margin grows as the step squared)"
        raise InputError("step_s", dt, expected)
    dg = _spread(g_lo, g_hi)
    dg_norm = np.minimum(np.sqrt(np.einsum("abj,abj->ab", dg, dg)), 2.0)
    bound_c = _spread(p_lo, p_hi) + p_max * dg_norm + _spread(q_lo, q_hi)
    radius: FloatArray = (d + (1.0 + kappa) * bound_c) / denom
    gap = np.maximum(low_lo[:, None] - high_hi[None, :], low_lo[None, :] - high_hi[:, None])
    apart = gap > d + kappa * (radius + bound_c + gamma * radius)
    return np.where(apart, -1.0, radius), bound_c, kappa, gamma


def prepare(
    s0: tuple[FloatArray, FloatArray],
    s1: tuple[FloatArray, FloatArray],
    order: NDArray[np.intp] | None = None,
) -> tuple[FloatArray, tuple[FloatArray, ...]]:
    """Per-satellite table (m, c, v0, v1), (N, 12), and :func:`decompose`'s parts.

    Rows follow ``order`` when given (satellites sorted by class). One compiled pass
    (:func:`terawatt.space.constellation._screen_kernels.prepare`, the formulas of
    :func:`decompose`).
    """
    n = s0[0].shape[0]
    idx = np.arange(n, dtype=np.int64) if order is None else order.astype(np.int64, copy=False)
    table, r_mid, p, q, g, low, high = _screen_kernels.prepare(s0[0], s0[1], s1[0], s1[1], idx)
    return table, (r_mid, p, q, g, low, high)


def step_class_ranges(
    s0: tuple[FloatArray, FloatArray],
    s1: tuple[FloatArray, FloatArray],
    partition: Partition,
) -> ClassRanges:
    """Per-class ranges of the step's decomposition, for a step that reuses a partition.

    One compiled pass (:func:`terawatt.space.constellation._screen_kernels.class_ranges`)
    that reduces the decomposition per class as it goes: the same ranges as
    :func:`prepare` followed by ``reduceat`` (:func:`_class_ranges`), without writing and
    reading back the per-satellite table and parts (at 10^6 satellites ~200 MB a step).
    """
    order, starts, _ = partition
    g_lo, g_hi, pq, lh = _screen_kernels.class_ranges(
        s0[0], s1[0], order.astype(np.int64, copy=False), starts.astype(np.int64, copy=False)
    )
    return g_lo, g_hi, pq[:, 0], pq[:, 1], pq[:, 2], pq[:, 3], lh[:, 0], lh[:, 1]


def domains(radius: FloatArray) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """First and one-past-last class of each run of classes no certified pair straddles."""
    n = radius.shape[0]
    idx = np.arange(n)
    meets = radius >= 0.0
    reach = np.where(meets, idx[None, :], -1).max(axis=1)
    reach = np.maximum.accumulate(np.maximum(reach, idx))
    ends = np.flatnonzero(reach == idx) + 1
    starts = np.r_[0, ends[:-1]]
    return starts.astype(np.int64), ends.astype(np.int64)


def _grid(
    ranges: ClassRanges, partition: Partition, d: float, dt: float
) -> tuple[FloatArray, NDArray[np.int64], NDArray[np.int64], FloatArray, NDArray[np.int64]]:
    """The grid search's inputs: class radii, domains' first and end rows, cells, classes."""
    _, starts, sizes = partition
    bounds = np.r_[starts, int(sizes.sum())]
    radius = np.ascontiguousarray(_radii_from_ranges(ranges, d, dt)[0])
    c_lo, c_hi = domains(radius)
    cell = np.array([radius[a:b, a:b].max() for a, b in zip(c_lo, c_hi, strict=True)])
    # cells wide enough that the linear cell keys stay far below 2^63 (≤ 10^6 per axis)
    extent = 2.0 * float(ranges[7].max())  # twice the highest distance from the centre
    # (1 + 1e-6): a pair at the largest radius stays within one cell despite rounding
    cell = np.maximum(cell * (1.0 + 1e-6) / _GRID_REACH, extent / 1e6 + 1.0)
    cls = np.repeat(np.arange(starts.size, dtype=np.int64), sizes)
    return (
        radius,
        bounds[c_lo].astype(np.int64),
        bounds[c_hi].astype(np.int64),
        np.ascontiguousarray(cell, dtype=np.float64),
        cls,
    )


def _original(rows: NDArray[np.int64], order: NDArray[np.intp]) -> NDArray[np.intp]:
    """Pairs of rows sorted by class as pairs (i < j) of satellite indices, (K, 2)."""
    if rows.shape[0] == 0:
        return np.zeros((0, 2), dtype=np.intp)
    i, j = order[rows[:, 0]], order[rows[:, 1]]
    return np.stack([np.minimum(i, j), np.maximum(i, j)], axis=1).astype(np.intp, copy=False)


def candidate_pairs(
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
    order, starts, _ = partition
    n = sorted_table.shape[0]
    if n < 2:
        return np.zeros((0, 2), dtype=np.intp)
    ranges = _class_ranges(sorted_parts, np.r_[starts, n])
    radius, dom_lo, dom_hi, cell, cls = _grid(ranges, partition, d, dt)
    rows = _screen_kernels.grid_pairs(
        np.ascontiguousarray(sorted_table),
        cls,
        radius,
        dom_lo,
        dom_hi,
        cell,
        float(d),
        float(dt),
        _GRID_REACH,
    )
    return _original(rows, order)


def candidate_pairs_states(
    s0: tuple[FloatArray, FloatArray],
    s1: tuple[FloatArray, FloatArray],
    partition: Partition,
    d: float,
    dt: float,
) -> NDArray[np.intp]:
    """:func:`candidate_pairs` from the states, for a step that reuses a partition.

    The per-class ranges come from one compiled pass (:func:`step_class_ranges`) and the
    grid search makes its rows from the states as it goes
    (:func:`terawatt.space.constellation._screen_kernels.grid_pairs_states`), so the
    (N, 12) table and the per-satellite parts are never written (at 10^6 satellites
    ~200 MB a step); same values, same pairs. Searches of more than one cell a side
    (``_GRID_REACH``) take the table path.
    """
    order, _, _ = partition
    if order.size < 2:
        return np.zeros((0, 2), dtype=np.intp)
    if _GRID_REACH != 1:
        sorted_table, sorted_parts = prepare(s0, s1, order)
        return candidate_pairs(sorted_table, sorted_parts, partition, d, dt)
    ranges = step_class_ranges(s0, s1, partition)
    radius, dom_lo, dom_hi, cell, cls = _grid(ranges, partition, d, dt)
    rows = _screen_kernels.grid_pairs_states(
        s0[0],
        s0[1],
        s1[0],
        s1[1],
        order.astype(np.int64, copy=False),
        cls,
        radius,
        dom_lo,
        dom_hi,
        cell,
        float(d),
        float(dt),
    )
    return _original(rows, order)


def candidate_pairs_kdtree(
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
    if pairs.shape[0] <= _FILTER_CHUNK:
        return _chord_filter_chunk(pairs, table, d, dt)
    parts = [
        _chord_filter_chunk(pairs[lo : lo + _FILTER_CHUNK], table, d, dt)
        for lo in range(0, pairs.shape[0], _FILTER_CHUNK)
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


PairFinder = Callable[
    [tuple[FloatArray, FloatArray], tuple[FloatArray, FloatArray], float], NDArray[np.intp]
]


@dataclass(frozen=True)
class ScreenFinder:
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
        """Candidate pairs (i < j) of the step from ``s0`` to ``s1`` of length ``h``, (K, 2)."""
        n = s0[0].shape[0]
        reuse = bool(self._cache) and self._cache[0] == n and self._cache[1] < _CLASS_REUSE
        if reuse and not self.kdtree:  # straight from the states: no table written
            self._cache[1] += 1
            return candidate_pairs_states(s0, s1, self._cache[2], self.threshold_m, h)
        if reuse:
            partition = self._cache[2]
            table, parts = prepare(s0, s1, partition[0])
        else:
            table, parts = prepare(s0, s1)
            partition = classes(parts, self.threshold_m)
            self._cache[:] = [n, 0, partition]
            table = table[partition[0]]
            parts = tuple(x[partition[0]] for x in parts)
        self._cache[1] += 1
        find = candidate_pairs_kdtree if self.kdtree else candidate_pairs
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
class BruteFinder:
    """Every pair, every step (the O(N²) reference)."""

    def __call__(
        self, s0: tuple[FloatArray, FloatArray], s1: tuple[FloatArray, FloatArray], h: float
    ) -> NDArray[np.intp]:
        """Candidate pairs (i < j) of the step from ``s0`` to ``s1`` of length ``h``, (K, 2)."""
        del s1, h
        i, j = np.triu_indices(s0[0].shape[0], k=1)
        return np.stack([i, j], axis=1).astype(np.intp)
