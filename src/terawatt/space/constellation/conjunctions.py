r"""All-pairs close-approach screening, streamed over time steps (sub-quadratic).

For every time step :math:`[t_0, t_1]` of length :math:`\Delta t` the screener holds each
satellite's position and velocity at both ends (one propagation per step, reused by the
next) and works in three stages.

1. **Broad phase** (a uniform grid per step, compiled with numba;
   :mod:`~terawatt.space.constellation.conjunction_broad`). Each satellite's
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
   (:func:`~.conjunction_broad.candidate_pairs_kdtree`); the compiled tests carry a
   relative slack of 1e-9, so they keep every pair the NumPy tests keep (a property test
   checks it).
2. **Chord filter**: the relative chord :math:`\Delta m + \tau \Delta c`,
   :math:`\tau \in [-1, 1]`, must come within :math:`d + \epsilon_{ij}`, where
   :math:`\epsilon_{ij} = \tfrac{4}{27}\Delta t (|\Delta v_0 - \Delta\delta/\Delta t| +
   |\Delta v_1 - \Delta\delta/\Delta t|)` bounds the distance between the chord and the
   cubic Hermite curve of step 3 (the Hermite basis functions h10, h11 never exceed 4/27).
3. **Refinement** (:mod:`~terawatt.space.constellation.conjunction_refine`): the relative
   trajectory over the step is the cubic Hermite interpolant of both satellites' positions
   and velocities at :math:`t_0, t_1`; its minimum distance (17 samples, then Newton steps
   on :math:`\tfrac{d}{ds}|p(s)|^2 = 0`) gives the time of closest approach (TCA), the miss
   distance and the relative speed. For orbital motion the cubic Hermite error over a 60 s
   step is ~0.3 m in absolute position (fourth derivative :math:`n^4 r`, error
   :math:`\Delta t^4 |r^{(4)}|/384`) and less for the relative motion of two nearby
   satellites.

One event per encounter: a pair has a distance minimum in a step when its range is
falling at the step's start and no longer falling at its end (range rate from the states
at the step boundaries, which neighbouring steps share, so each encounter is counted in
exactly one step and time windows screened apart give the serial result). A pair at a
constant distance (a formation) counts once, at the start of the window; a pair still
approaching at the end of the window counts there. At most one minimum per step is
resolved (steps are at most 300 s, relative motion varies on the orbital period).

States of mean elements (:class:`ElementStates`) come from the analytic propagator's step
kernel (:class:`~terawatt.space.constellation.propagate.StepPropagator`), which computes
the time-independent constants once, run as one compiled loop per step that stops
Kepler's equation at convergence.

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

import ctypes
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

from terawatt.errors import InputError
from terawatt.physics.constants import J2_EARTH_EGM96, SECONDS_PER_DAY
from terawatt.space.constellation import _screen_kernels
from terawatt.space.constellation.conjunction_broad import (
    BruteFinder,
    PairFinder,
    ScreenFinder,
)
from terawatt.space.constellation.conjunction_refine import (
    EVENT_COLUMNS,
    closest_approach,
    step_events,
)
from terawatt.space.constellation.propagate import (
    _KEPLER_MAX_ITERATIONS,
    _KEPLER_TOL_RAD,
    _R,
    _V_UNIT,
    StepPropagator,
)
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
        self.columns = {k: [] for k in EVENT_COLUMNS}

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
        for key in EVENT_COLUMNS:
            self.columns[key].append(events[key])
        self.kept += int(miss.size)
        if self.kept > 2 * self.max_events:
            self.trim()

    def merge(self, other: _Accumulator) -> None:
        """Add another window's counts and events."""
        self.counts += other.counts
        self.total += other.total
        for key in EVENT_COLUMNS:
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
            acc.add(step_events(state0, state1, pairs, t_a, t_b - t_a, d, edges))
            state0 = state1
        acc.trim()
        return acc, candidates, int(state0[0].shape[0])


def _call(window: _Window) -> tuple[_Accumulator, int, int]:
    return window()


def _keep_freed_memory() -> None:
    """Worker initializer: let glibc's malloc keep freed memory for the next step.

    Each step allocates ~110 MB of arrays (states, the per-satellite table) and frees
    them; above glibc's mmap threshold (32 MB at most by default) every one is a fresh
    mapping, page-faulted in and zeroed again (~28,000 faults and 13 % of a step's CPU at
    10^6 satellites). With the threshold at 1 GiB and no trimming, the worker reuses its
    heap (mallopt(3): M_MMAP_THRESHOLD = -3, M_TRIM_THRESHOLD = -1). Only the screening's
    own worker processes do this; elsewhere (not glibc) it does nothing.
    """
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(-3, 1 << 30)
        libc.mallopt(-1, 1 << 30)
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        return


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
        with ProcessPoolExecutor(max_workers=n_windows, initializer=_keep_freed_memory) as pool:
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
        ScreenFinder(threshold_m),
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
        BruteFinder(),
        threshold_m=threshold_m,
        duration_s=duration_s,
        step_s=step_s,
        t0_s=t0_s,
        thresholds_m=thresholds_m,
        band_deg=band_deg,
        max_events=max_events,
        workers=workers,
    )


def _compiled_constants(
    kernel: StepPropagator,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """The step kernel's constants as the compiled loop takes them (turns, rates, table)."""
    el = kernel.elements
    two_pi = 2.0 * math.pi
    angles = (el.mean_anomaly_rad, el.arg_perigee_rad, el.raan_rad)
    n = kernel.e.size
    # phase_turns' operations: angle / 2π + (rate / 2π) t, reduced in the loop
    turns0 = np.stack(
        [np.broadcast_to(np.asarray(a, np.float64), (n,)) / two_pi for a in angles], 1
    )
    rates = np.stack(
        [np.broadcast_to(np.asarray(r, np.float64), (n,)) / two_pi for r in kernel.rates], 1
    )
    columns = (
        kernel.am,
        kernel.e,
        kernel.temp,
        kernel.cos_i,
        kernel.sin_i,
        kernel.con41,
        kernel.x1mth2,
        kernel.n_c,
        kernel.aycof,
        kernel.xlcof,
        kernel.x7thm1,
    )
    coef = np.stack([np.broadcast_to(np.asarray(c, np.float64), (n,)) for c in columns], 1)
    return np.ascontiguousarray(turns0), np.ascontiguousarray(rates), np.ascontiguousarray(coef)


@dataclass(frozen=True)
class ElementStates:
    """Picklable ``states(t)`` of mean elements through the analytic J2 propagator.

    The model is :func:`terawatt.space.constellation.propagate.propagate`'s; its
    time-independent constants are computed on the first call and kept (see
    :class:`StepPropagator`), which makes a step about three times cheaper, and each step
    runs as one compiled loop over the satellites
    (:func:`terawatt.space.constellation._screen_kernels.element_states`: Kepler's
    equation per satellite, its sine and cosine carried by rotation; states within
    1 mm and 1 µm/s of :func:`propagate`'s, see the tests; ~25 % less CPU per step than
    the NumPy kernel at 10^6 satellites).

    Attributes
    ----------
    elements : Elements
        Mean elements (:class:`terawatt.space.constellation.elements.Elements`).
    """

    elements: Any
    _kernel: list[tuple[FloatArray, FloatArray, FloatArray]] = field(
        default_factory=list, init=False, repr=False, compare=False, hash=False
    )

    def __call__(self, t_s: float) -> tuple[FloatArray, FloatArray]:
        """ECI position [m] and velocity [m/s] at ``t_s`` after the epoch, each (N, 3)."""
        if not self._kernel:
            self._kernel.append(_compiled_constants(StepPropagator(self.elements)))
        turns0, turn_rates, coef = self._kernel[0]
        pos, vel = _screen_kernels.element_states(
            float(t_s),
            turns0,
            turn_rates,
            coef,
            J2_EARTH_EGM96,
            _R,
            _V_UNIT,
            _KEPLER_TOL_RAD,
            _KEPLER_MAX_ITERATIONS,
        )
        return pos, vel

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
