"""Close-approach screening: complete against brute force, exact on a crafted encounter."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from terawatt.errors import InputError
from terawatt.physics.constants import EARTH_EQUATORIAL_RADIUS_WGS84_M, GM_EARTH_EGM96_M3_S2
from terawatt.space.constellation import _screen_kernels, conjunction_broad
from terawatt.space.constellation.conjunctions import (
    ConjunctionReport,
    ElementStates,
    brute_force,
    closest_approach,
    screen,
    screen_elements,
)
from terawatt.space.constellation.elements import Elements
from terawatt.space.constellation.propagate import propagate
from terawatt.typing import FloatArray

R = EARTH_EQUATORIAL_RADIUS_WGS84_M
MU = GM_EARTH_EGM96_M3_S2
States = Callable[[float], tuple[FloatArray, FloatArray]]


def circular(radius_m: FloatArray, inc: FloatArray, raan: FloatArray, u0: FloatArray) -> States:
    """Exact two-body circular motion, written out here independently of the package."""
    a = np.asarray(radius_m, float)
    n = np.sqrt(MU / a**3)

    def states(t: float) -> tuple[FloatArray, FloatArray]:
        u = u0 + n * t
        co, so, ci, si = np.cos(raan), np.sin(raan), np.cos(inc), np.sin(inc)
        cu, su = np.cos(u), np.sin(u)
        rhat = np.stack([co * cu - so * ci * su, so * cu + co * ci * su, si * su], -1)
        that = np.stack([-co * su - so * ci * cu, -so * su + co * ci * cu, si * cu], -1)
        return a[:, None] * rhat, (a * n)[:, None] * that

    return states


def random_shell(n: int, seed: int, planes: int | None = None) -> States:
    """Random circular orbits within 5 km of 650 km altitude (or in a few random planes)."""
    rng = np.random.default_rng(seed)
    radius = R + 650e3 + rng.uniform(0.0, 5e3, n)
    if planes is None:
        inc = rng.uniform(0.0, math.pi, n)
        raan = rng.uniform(0.0, 2 * math.pi, n)
    else:
        pick = rng.integers(0, planes, n)
        inc = rng.uniform(0.0, math.pi, planes)[pick]
        raan = rng.uniform(0.0, 2 * math.pi, planes)[pick]
    return circular(radius, inc, raan, rng.uniform(0.0, 2 * math.pi, n))


def keys(report: ConjunctionReport) -> set[tuple[int, int, float]]:
    ev = report.events
    return {
        (int(a), int(b), round(float(t), 3))
        for a, b, t in zip(ev["sat_a"].values, ev["sat_b"].values, ev["tca_s"].values, strict=True)
    }


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(2, 40),
    seed=st.integers(0, 2**31 - 1),
    threshold_km=st.floats(5.0, 300.0),
    step_s=st.sampled_from([10.0, 30.0, 60.0, 150.0]),
    steps=st.integers(1, 6),
    planes=st.one_of(st.none(), st.integers(1, 4)),
)
def test_screening_finds_every_pair_brute_force_finds(
    n: int, seed: int, threshold_km: float, step_s: float, steps: int, planes: int | None
) -> None:
    """Property: the sub-quadratic screening returns exactly the all-pairs events."""
    states = random_shell(n, seed, planes)
    kw: dict[str, Any] = {
        "threshold_m": threshold_km * 1e3,
        "duration_s": steps * step_s,
        "step_s": step_s,
    }
    fast = screen(states, **kw)
    slow = brute_force(states, **kw)
    assert keys(fast) == keys(slow)
    assert fast.events_total == slow.events_total
    # no false positives past the threshold
    assert np.all(fast.events["miss_m"].values <= threshold_km * 1e3)
    np.testing.assert_array_equal(fast.counts.values, slow.counts.values)


def stacked_shells(n: int, seed: int, shells: int, planes: int) -> States:
    """Random circular orbits in ``shells`` shells 20 km apart, a few planes per shell."""
    rng = np.random.default_rng(seed)
    shell = rng.integers(0, shells, n)
    plane = rng.integers(0, planes, n)
    radius = R + 500e3 + 20e3 * shell + rng.uniform(0.0, 3e3, n)
    inc = rng.uniform(0.0, math.pi, (shells, planes))[shell, plane]
    raan = rng.uniform(0.0, 2 * math.pi, (shells, planes))[shell, plane]
    return circular(radius, inc, raan, rng.uniform(0.0, 2 * math.pi, n))


@settings(max_examples=15, deadline=None)
@given(
    n=st.integers(20, 120),
    seed=st.integers(0, 2**31 - 1),
    threshold_km=st.floats(1.0, 40.0),
    step_s=st.sampled_from([30.0, 60.0, 150.0]),
    steps=st.integers(1, 5),
    shells=st.integers(1, 4),
    planes=st.integers(1, 6),
)
def test_many_classes_and_reused_partitions_find_every_pair(
    n: int, seed: int, threshold_km: float, step_s: float, steps: int, shells: int, planes: int
) -> None:
    """Property: with classes of a few satellites, stacked shells (radius groups) and the
    partition reused across steps, the screening still equals brute force."""
    states = stacked_shells(n, seed, shells, planes)
    kw: dict[str, Any] = {
        "threshold_m": threshold_km * 1e3,
        "duration_s": steps * step_s,
        "step_s": step_s,
    }
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(conjunction_broad, "_MIN_CLASS_SIZE", 2)
        mp.setattr(conjunction_broad, "_MAX_CLASSES", 24)
        mp.setattr(conjunction_broad, "_CLASS_SAMPLE", 10)
        mp.setattr(conjunction_broad, "_CLASS_REUSE", 2)
        mp.setattr(conjunction_broad, "_BATCH", 16)
        fast = screen(states, **kw)
    slow = brute_force(states, **kw)
    assert keys(fast) == keys(slow)
    np.testing.assert_array_equal(fast.counts.values, slow.counts.values)


def test_element_states_match_propagate() -> None:
    """The step kernel behind ElementStates is propagate()'s model: same states within 1 mm
    and 1 µm/s, from the epoch to ten days on, for circular and eccentric orbits."""
    rng = np.random.default_rng(11)
    n = 2_000
    elements = Elements(
        semi_major_axis_m=R + rng.uniform(400e3, 2_000e3, n),
        eccentricity=np.where(rng.random(n) < 0.5, 0.0, rng.uniform(0.0, 0.05, n)),
        inclination_rad=rng.uniform(0.0, math.pi, n),
        raan_rad=rng.uniform(0.0, 2 * math.pi, n),
        arg_perigee_rad=rng.uniform(0.0, 2 * math.pi, n),
        mean_anomaly_rad=rng.uniform(0.0, 2 * math.pi, n),
        epoch_jd=2_462_502.5,
        shell=np.zeros(n, dtype=np.int32),
    )
    states = ElementStates(elements)
    for t in (0.0, 60.0, 5_432.1, 86_400.0, 864_000.0):
        r, v = states(t)
        r_ref, v_ref = propagate(elements, t)
        assert np.max(np.abs(r - r_ref)) < 1e-3
        assert np.max(np.abs(v - v_ref)) < 1e-6


def test_screening_matches_brute_force_on_a_dense_case() -> None:
    """150 satellites in 3 planes over 40 minutes: many events, all found."""
    states = random_shell(150, 7, planes=3)
    kw: dict[str, Any] = {"threshold_m": 20e3, "duration_s": 2400.0, "step_s": 60.0}
    fast = screen(states, **kw)
    slow = brute_force(states, **kw)
    assert slow.events_total > 10
    assert keys(fast) == keys(slow)


def test_crossing_planes_encounter_time_and_miss_distance() -> None:
    """Equatorial and polar circular orbits meeting over the equator 500 m apart.

    Independent geometry: with A = a(cos θA, sin θA, 0) and B = b(cos θB, 0, sin θB), both
    angles zero at t_c, |A - B|² = a² + b² - 2ab cos θA cos θB is stationary and smallest
    at t_c, so the closest approach is at t_c with miss b - a = 500 m and relative speed
    sqrt(vA² + vB²). t_c = 1234.5 s lies inside a 60 s step.
    """
    a, b, t_c = R + 650e3, R + 650e3 + 500.0, 1234.5
    n_a, n_b = math.sqrt(MU / a**3), math.sqrt(MU / b**3)
    radius = np.array([a, b, R + 1200e3])
    inc = np.array([0.0, math.pi / 2, 1.0])
    raan = np.zeros(3)
    u0 = np.array([-n_a * t_c, -n_b * t_c, 2.0])
    report = screen(circular(radius, inc, raan, u0), threshold_m=1e3, duration_s=3000.0)
    assert report.events_total == 1
    ev = report.events.isel(event=0)
    assert (int(ev["sat_a"]), int(ev["sat_b"])) == (0, 1)
    assert float(ev["tca_s"]) == pytest.approx(t_c, abs=0.01)  # within 10 ms
    assert float(ev["miss_m"]) == pytest.approx(500.0, abs=0.5)  # within 0.5 m
    v_rel = math.hypot(a * n_a, b * n_b)
    assert float(ev["relative_speed_m_s"]) == pytest.approx(v_rel, abs=1.0)
    assert abs(float(ev["latitude_deg"])) < 0.01
    summary = report.summary()
    assert summary["closest_approach"]["miss_m"] == pytest.approx(500.0, abs=0.5)


def test_dawn_dusk_planes_meet_near_the_poles() -> None:
    """Sun-synchronous planes with nodes within 15 deg cross near their highest latitude.

    Equal-inclination planes intersect where the argument of latitude is 90 or 270 deg,
    i.e. at latitude ±(180 - i) = ±82 deg for i = 98 deg (Vallado 4th ed., ch. 11 for the
    inclination at 650 km), so the encounters pile up in the polar bands.
    """
    rng = np.random.default_rng(3)
    planes, per_plane = 8, 40
    n = planes * per_plane
    raan = np.repeat(np.linspace(0.0, math.radians(15.0), planes), per_plane)
    u0 = rng.uniform(0.0, 2 * math.pi, n)
    states = circular(np.full(n, R + 650e3), np.full(n, math.radians(98.0)), raan, u0)
    report = screen(states, threshold_m=10e3, duration_s=5900.0, step_s=60.0)
    rate = report.rate_by_latitude_per_day
    polar = float(rate.where(np.abs(rate["latitude_low_deg"] + 5.0) >= 60.0).sum())
    assert report.events_total > 20
    assert polar / float(rate.sum()) > 0.9
    lat = report.events["latitude_deg"].values
    assert np.median(np.abs(lat)) > 70.0


def test_closest_approach_of_straight_lines() -> None:
    """Straight-line relative motion: TCA and miss of two lines in closed form."""
    dr0 = np.array([[-300.0, 40.0, 0.0]])
    dv = np.array([[10.0, 0.0, 0.0]])
    dt = 60.0
    s, dist, speed = closest_approach(dr0, dv, dr0 + dv * dt, dv, dt)
    assert float(s[0]) * dt == pytest.approx(30.0, abs=1e-6)
    assert float(dist[0]) == pytest.approx(40.0, abs=1e-6)
    assert float(speed[0]) == pytest.approx(10.0, abs=1e-9)


def test_counts_by_threshold_are_nested_and_table_is_bounded() -> None:
    states = random_shell(150, 11, planes=2)
    report = screen(
        states, threshold_m=50e3, duration_s=1800.0, thresholds_m=[5e3, 20e3], max_events=5
    )
    totals = report.counts.sum("band").values
    assert list(report.counts["threshold_m"].values) == [5e3, 20e3, 50e3]
    assert np.all(np.diff(totals) >= 0)
    assert totals[-1] == report.events_total
    assert report.events.sizes["event"] == min(5, report.events_total)
    if report.events_total > 5:  # the kept rows are the closest ones
        full = brute_force(states, threshold_m=50e3, duration_s=1800.0)
        closest = np.sort(full.events["miss_m"].values)[:5]
        np.testing.assert_allclose(np.sort(report.events["miss_m"].values), closest)


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("threshold_m", {"threshold_m": 0.0}),
        ("threshold_m", {"threshold_m": -1.0}),
        ("threshold_m", {"threshold_m": float("nan")}),
        ("duration_s", {"duration_s": 0.0}),
        ("step_s", {"step_s": 0.0}),
        ("step_s", {"step_s": 900.0}),
        ("max_events", {"max_events": 0}),
        ("band_deg", {"band_deg": 0.0}),
        ("thresholds_m", {"thresholds_m": [2e3]}),
        ("t0_s", {"t0_s": float("inf")}),
        ("threshold_m", {"threshold_m": True}),
    ],
)
def test_bad_input_raises_input_error(field: str, kwargs: dict[str, float]) -> None:
    args: dict[str, object] = {"threshold_m": 1e3, "duration_s": 600.0, "step_s": 60.0}
    args.update(kwargs)
    with pytest.raises(InputError) as info:
        screen(random_shell(5, 1), **args)  # type: ignore[arg-type]
    assert info.value.field == field


def test_non_finite_states_raise_input_error() -> None:
    def bad(t: float) -> tuple[FloatArray, FloatArray]:
        r = np.ones((4, 3)) * 7e6
        r[2, 1] = np.nan
        return r, np.ones((4, 3))

    with pytest.raises(InputError) as info:
        screen(bad, threshold_m=1e3, duration_s=60.0)
    assert info.value.field == "states"


def test_states_of_wrong_shape_raise_input_error() -> None:
    def bad(t: float) -> tuple[FloatArray, FloatArray]:
        return np.zeros((4, 2)), np.zeros((4, 2))

    with pytest.raises(InputError):
        screen(bad, threshold_m=1e3, duration_s=60.0)


def test_two_worker_windows_match_the_serial_run() -> None:
    """Time windows screened in two processes give exactly the serial result."""
    rng = np.random.default_rng(5)
    n = 120
    elements = Elements(
        semi_major_axis_m=R + 650e3 + rng.uniform(0.0, 3e3, n),
        eccentricity=np.zeros(n),
        inclination_rad=np.repeat(rng.uniform(0.5, 2.5, 3), n // 3),
        raan_rad=np.repeat(rng.uniform(0.0, 6.0, 3), n // 3),
        arg_perigee_rad=np.zeros(n),
        mean_anomaly_rad=rng.uniform(0.0, 2 * math.pi, n),
        epoch_jd=2_462_502.5,
        shell=np.zeros(n, dtype=np.int32),
    )
    kw: dict[str, Any] = {"threshold_m": 30e3, "duration_s": 1500.0, "step_s": 60.0}
    serial = screen_elements(elements, **kw)
    parallel = screen(ElementStates(elements), workers=2, **kw)
    assert serial.events_total > 0
    assert keys(serial) == keys(parallel)
    np.testing.assert_array_equal(serial.counts.values, parallel.counts.values)
    assert serial.candidate_pairs == parallel.candidate_pairs


def pair_set(pairs: Any) -> set[tuple[int, int]]:
    return {(int(a), int(b)) for a, b in np.asarray(pairs).tolist()}


@settings(max_examples=20, deadline=None)
@given(
    n=st.integers(2, 150),
    seed=st.integers(0, 2**31 - 1),
    threshold_km=st.floats(0.5, 60.0),
    step_s=st.sampled_from([10.0, 60.0, 150.0, 300.0]),
    shells=st.integers(1, 4),
    planes=st.integers(1, 6),
    small_classes=st.booleans(),
)
def test_grid_broad_phase_keeps_every_kdtree_candidate(
    n: int,
    seed: int,
    threshold_km: float,
    step_s: float,
    shells: int,
    planes: int,
    small_classes: bool,
) -> None:
    """Property: the compiled grid broad phase plus chord filter never drops a candidate
    pair of the previous k-d tree broad phase (same certified radii, same exact filter),
    nor a pair the brute-force refinement finds within the threshold in the step."""
    states = stacked_shells(n, seed, shells, planes)
    d = threshold_km * 1e3
    s0, s1 = states(100.0), states(100.0 + step_s)
    with pytest.MonkeyPatch.context() as mp:
        if small_classes:
            mp.setattr(conjunction_broad, "_MIN_CLASS_SIZE", 2)
            mp.setattr(conjunction_broad, "_MAX_CLASSES", 24)
            mp.setattr(conjunction_broad, "_CLASS_SAMPLE", 10)
        grid = pair_set(conjunction_broad.ScreenFinder(d)(s0, s1, step_s))
        kdtree = pair_set(conjunction_broad.ScreenFinder(d, kdtree=True)(s0, s1, step_s))
    assert kdtree <= grid
    i, j = np.triu_indices(n, k=1)
    dr0, dv0 = s0[0][i] - s0[0][j], s0[1][i] - s0[1][j]
    dr1, dv1 = s1[0][i] - s1[0][j], s1[1][i] - s1[1][j]
    _, dist, _ = closest_approach(dr0, dv0, dr1, dv1, step_s)
    close = dist <= d
    assert pair_set(np.stack([i[close], j[close]], axis=1)) <= grid


def test_compiled_table_matches_the_numpy_decomposition() -> None:
    """The compiled per-step table equals the NumPy formulas of ``_decompose`` (to 10 nm
    in lengths and 1e-12 in the unit normal: a few ulp), rows in the order given."""
    states = random_shell(500, 4)
    s0, s1 = states(0.0), states(60.0)
    order = np.random.default_rng(1).permutation(500)
    table, parts = conjunction_broad.prepare(s0, s1, order)
    m = 0.5 * (s0[0] + s1[0])[order]
    c = 0.5 * (s1[0] - s0[0])[order]
    np.testing.assert_allclose(table[:, 0:3], m, rtol=0, atol=1e-9)
    np.testing.assert_allclose(table[:, 3:6], c, rtol=0, atol=1e-9)
    np.testing.assert_array_equal(table[:, 6:9], s0[1][order])
    np.testing.assert_array_equal(table[:, 9:12], s1[1][order])
    ref = conjunction_broad.decompose(m, c)
    for got, want in zip(parts, ref, strict=True):
        tol = 1e-12 if got.ndim == 2 else 1e-8
        np.testing.assert_allclose(got, want, rtol=0, atol=tol)


def test_steps_from_the_states_equal_the_table_path() -> None:
    """A step that reuses a partition reduces the decomposition per class in one pass and
    searches the grid straight from the states: its class ranges equal the ``reduceat`` of
    :func:`prepare`'s parts bit for bit, and its pairs (in order) the table path's."""
    states = stacked_shells(1_500, 2, shells=3, planes=6)
    s0, s1 = states(100.0), states(160.0)
    d = 20e3
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(conjunction_broad, "_MIN_CLASS_SIZE", 8)
        _, parts = conjunction_broad.prepare(s0, s1)
        partition = conjunction_broad.classes(parts, d)
    order, starts, _ = partition
    assert starts.size > 10
    sorted_table, sorted_parts = conjunction_broad.prepare(s0, s1, order)
    ranges = conjunction_broad.step_class_ranges(s0, s1, partition)
    want = conjunction_broad._class_ranges(sorted_parts, np.r_[starts, order.size])
    for got, expected in zip(ranges, want, strict=True):
        np.testing.assert_array_equal(got, expected)
    by_table = conjunction_broad.candidate_pairs(sorted_table, sorted_parts, partition, d, 60.0)
    by_states = conjunction_broad.candidate_pairs_states(s0, s1, partition, d, 60.0)
    np.testing.assert_array_equal(by_table, by_states)
    assert by_table.shape[0] > 10


@settings(max_examples=30, deadline=None)
@given(
    keys=st.lists(st.integers(0, 2**40), min_size=0, max_size=300),
)
def test_radix_argsort_is_a_stable_sort(keys: list[int]) -> None:
    """Property: the compiled radix argsort equals NumPy's stable argsort."""
    arr = np.asarray(keys, dtype=np.int64)
    np.testing.assert_array_equal(
        _screen_kernels._radix_argsort(arr), np.argsort(arr, kind="stable")
    )


def test_domains_split_where_no_certified_pair_straddles() -> None:
    """Runs of classes: a pair (0, 2) with a radius joins 0..2; class 3 meets only itself;
    classes 4 and 5 meet each other."""
    radius = -np.ones((6, 6))
    for a, b in [(0, 2), (1, 1), (3, 3), (4, 5)]:
        radius[a, b] = radius[b, a] = 1.0
    lo, hi = conjunction_broad.domains(radius)
    assert list(zip(lo.tolist(), hi.tolist(), strict=True)) == [(0, 3), (3, 4), (4, 6)]


@pytest.mark.parametrize("seed", [3, 8])
def test_default_grid_search_equals_the_general_loop(seed: int) -> None:
    """The grid search for reach 1 (five pointers as scalars, the default) hands the same
    pairs as the general loop searching two cells on each side (cells half as wide)."""
    states = stacked_shells(1_500, seed, shells=3, planes=6)
    s0, s1 = states(100.0), states(160.0)
    d = 20e3
    default = pair_set(conjunction_broad.ScreenFinder(d)(s0, s1, 60.0))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(conjunction_broad, "_GRID_REACH", 2)
        general = pair_set(conjunction_broad.ScreenFinder(d)(s0, s1, 60.0))
    assert default == general
    assert len(default) > 10
