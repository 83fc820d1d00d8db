"""Shell capacity: closed-form pair separation, lattice minimum distance, packing bounds."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from terawatt.errors import InputError
from terawatt.physics.constants import EARTH_EQUATORIAL_RADIUS_WGS84_M, GM_EARTH_EGM96_M3_S2
from terawatt.space.constellation import capacity as cap
from terawatt.space.constellation.conjunctions import screen

R = EARTH_EQUATORIAL_RADIUS_WGS84_M


def _unit(raan: float, inc: float, u: np.ndarray) -> np.ndarray:
    co, so, ci, si = math.cos(raan), math.sin(raan), math.cos(inc), math.sin(inc)
    return np.stack(
        [
            co * np.cos(u) - so * ci * np.sin(u),
            so * np.cos(u) + co * ci * np.sin(u),
            si * np.sin(u),
        ],
        -1,
    )


@settings(max_examples=40, deadline=None)
@given(
    inc=st.floats(0.0, math.pi),
    d_raan=st.floats(0.0, 2 * math.pi),
    d_phase=st.floats(0.0, 2 * math.pi),
)
def test_pair_min_angle_matches_sampling(inc: float, d_raan: float, d_phase: float) -> None:
    """Closed form (Avendaño et al. 2020, arXiv:2003.11970) vs sampling one orbit densely."""
    u = np.linspace(0.0, 2 * math.pi, 20001)
    dots = np.sum(_unit(0.0, inc, u) * _unit(d_raan, inc, u + d_phase), axis=-1)
    sampled = float(np.arccos(np.clip(dots, -1.0, 1.0)).min())
    exact = float(cap.pair_min_angle_rad(inc, d_raan, d_phase))
    # arccos of a dot product near 1 resolves angles to ~sqrt(2 eps) = 2e-8 rad
    assert exact <= sampled + 3e-8
    assert exact == pytest.approx(sampled, abs=2e-4)  # sampling step 3e-4 rad


def test_coplanar_and_polar_special_cases() -> None:
    # same plane: the separation is the phase difference
    assert float(cap.pair_min_angle_rad(1.0, 0.0, 0.3)) == pytest.approx(0.3, abs=1e-7)
    # polar planes, equal phase: both reach the pole together
    assert float(cap.pair_min_angle_rad(math.pi / 2, 1.0, 0.0)) == pytest.approx(0.0, abs=1e-7)


def test_in_plane_capacity_is_the_chord_count() -> None:
    """2π a / d satellites on a ring (chord 2a sin(π/S) >= d): 4,415 at 650 km and 10 km."""
    a = R + 650e3
    s = int(cap.in_plane_capacity(650e3, 10e3))
    assert 2 * a * math.sin(math.pi / s) >= 10e3
    assert 2 * a * math.sin(math.pi / (s + 1)) < 10e3
    assert s == 4415


def test_lattice_separation_matches_propagated_walker() -> None:
    """Walker 24/3/1 at 56 deg (the Galileo pattern, 23,222 km) and a dawn-dusk lattice:
    exact lattice minimum vs the smallest distance over one orbit of exact circular motion."""
    for alt, inc, p, s, f, spread in [
        (23_222e3, math.radians(56.0), 3, 8, 1, 2 * math.pi),
        (650e3, math.radians(97.99), 5, 12, 2, math.radians(15.0)),
    ]:
        a = R + alt
        k = np.repeat(np.arange(p), s)
        j = np.tile(np.arange(s), p)
        raan = k * spread / p
        u0 = 2 * math.pi * (j / s + f * k / (p * s))
        u = np.linspace(0.0, 2 * math.pi, 4001)
        pos = np.stack([a * _unit(o, inc, uu + u) for o, uu in zip(raan, u0, strict=True)])
        diff = pos[:, None] - pos[None, :]
        dist = np.sqrt(np.einsum("abtj,abtj->abt", diff, diff)).min(axis=-1)
        dist[np.arange(p * s), np.arange(p * s)] = np.inf
        expected = cap.lattice_min_separation_m(alt, inc, p, s, f, spread)
        assert expected <= dist.min() + 1e-3
        assert expected == pytest.approx(dist.min(), rel=1e-3)


def test_slotted_capacity_is_a_valid_lattice() -> None:
    """The search returns a lattice that keeps the separation, and beats one ring for a
    Walker (2π) spread; a dawn-dusk spread (15 deg of node) gains little over one ring,
    because its planes cross at shallow angles near the poles."""
    d = 20e3
    walker = cap.slotted_capacity(650e3, d, planes=[1, 2, 4, 8, 16, 32])
    ring = int(cap.in_plane_capacity(650e3, d))
    assert walker.min_separation_m >= d
    assert walker.satellites > ring
    exact = cap.lattice_min_separation_m(
        650e3,
        walker.inclination_rad,
        walker.planes,
        walker.satellites_per_plane,
        walker.phasing,
        walker.raan_spread_rad,
    )
    assert exact == pytest.approx(walker.min_separation_m)
    assert math.degrees(walker.inclination_rad) == pytest.approx(97.99, abs=0.03)
    dawn = cap.slotted_capacity(650e3, d, raan_spread_rad=math.radians(15.0), planes=[1, 2, 4, 8])
    assert dawn.min_separation_m >= d
    assert ring <= dawn.satellites < 1.5 * ring


def test_packing_bounds() -> None:
    """Hexagonal packing: area per point (√3/2) d²; FCC: √2 / d³ per volume
    (Conway & Sloane, Sphere Packings, Lattices and Groups, ch. 1)."""
    a = R + 650e3
    n2 = float(cap.shell_packing_capacity(650e3, 10e3))
    assert n2 == pytest.approx(4 * math.pi * a**2 / (math.sqrt(3) / 2 * 1e8), rel=1e-12)
    n3 = float(cap.shell_volume_capacity(625e3, 675e3, 10e3))
    vol = 4 / 3 * math.pi * ((R + 675e3) ** 3 - (R + 625e3) ** 3)
    assert n3 == pytest.approx(math.sqrt(2) * vol / 1e12, rel=1e-12)
    # the static bounds exceed the dynamic slotting by orders of magnitude
    assert n2 > 100 * cap.slotted_capacity(650e3, 10e3, planes=[1, 8]).satellites


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: cap.in_plane_capacity(650e3, 0.0), "min_separation_m"),
        (lambda: cap.in_plane_capacity(-1.0, 1e3), "altitude_m"),
        (lambda: cap.lattice_min_separation_m(650e3, 1.7, 0, 3, 0), "planes"),
        (lambda: cap.lattice_min_separation_m(650e3, 1.7, 3, 3, 3), "phasing"),
        (lambda: cap.slotted_capacity(650e3, 1e3, raan_spread_rad=7.0), "raan_spread_rad"),
        (lambda: cap.shell_volume_capacity(700e3, 600e3, 1e3), "altitude_high_m"),
    ],
)
def test_bad_input(call: object, field: str) -> None:
    with pytest.raises(InputError) as info:
        call()  # type: ignore[operator]
    assert info.value.field == field


def test_lattice_separation_agrees_with_screening() -> None:
    """Two independent computations: the closed-form lattice minimum and the closest
    approach found by the conjunction screening of the same lattice over one orbit."""
    alt, inc, p, s, f, spread = 650e3, math.radians(97.99), 4, 12, 1, math.radians(15.0)
    a = R + alt
    n = math.sqrt(GM_EARTH_EGM96_M3_S2 / a**3)
    k = np.repeat(np.arange(p), s)
    j = np.tile(np.arange(s), p)
    raan = k * spread / p
    u0 = 2 * math.pi * (j / s + f * k / (p * s))

    def states(t: float) -> tuple[np.ndarray, np.ndarray]:
        u = u0 + n * t
        co, so, ci, si = np.cos(raan), np.sin(raan), math.cos(inc), math.sin(inc)
        rhat = np.stack(
            [
                co * np.cos(u) - so * ci * np.sin(u),
                so * np.cos(u) + co * ci * np.sin(u),
                si * np.sin(u),
            ],
            -1,
        )
        that = np.stack(
            [
                -co * np.sin(u) - so * ci * np.cos(u),
                -so * np.sin(u) + co * ci * np.cos(u),
                si * np.cos(u),
            ],
            -1,
        )
        return a * rhat, a * n * that

    expected = cap.lattice_min_separation_m(alt, inc, p, s, f, spread)
    report = screen(states, threshold_m=expected + 50e3, duration_s=2 * math.pi / n, step_s=30.0)
    closest = float(report.events["miss_m"].min())
    assert closest == pytest.approx(expected, abs=1.0)  # within 1 m
