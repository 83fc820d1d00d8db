"""The compiled fleet plan (_fleet_kernels.expected_shares) against the NumPy lines it
replaces, bit for bit: shares, retirement mask and the compact shares of ages 0 and 1."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from terawatt.space import fleet
from terawatt.space.fleet_params import FleetParams


def _numpy_plan(params: FleetParams, n: int, depth: int) -> tuple[Any, Any, Any]:
    """The lines fleet.plan ran before the kernel (NumPy, column-major shares)."""
    r = fleet._resolve(params, n)
    shares = fleet._expected_shares(r, depth, bool(params.failure_disables_satellite))
    ages = np.arange(depth)
    retire = (ages[:, None] + 1 >= r.life[None, :]).T
    first = [0, min(1, depth - 1)]
    compact = tuple(np.ascontiguousarray(share[:, first]) for share in shares)
    return shares, retire, compact


def _same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and a.dtype == b.dtype and a.tobytes() == b.tobytes()


@pytest.mark.parametrize("seed", range(8))
def test_plan_is_the_numpy_lines_bit_for_bit(seed: int) -> None:
    """Random parameters (scalars or per sample, 0.0 and -0.0 among them, losses of 1
    and below, both derelict policies, depths 1 and deeper than the longest life)."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 200))
    lam = rng.uniform(0.0, 0.3, n)
    lam[rng.random(n) < 0.05] = -0.0
    loss = rng.choice([0.3, 1.0, 1.0 + 1e-16], n)
    infant = rng.uniform(0.0, 0.1, n) if seed % 2 else 0.02
    lam[rng.random(n) < 0.05] = 0.0
    params = FleetParams(
        design_life_years=rng.uniform(1.0, 12.0, n) if seed % 4 else 1.0,
        failure_probability_per_year=lam,
        failure_loss_fraction=loss,
        infant_failure_probability=infant,
        failure_disables_satellite=bool(seed % 3 == 0),
    )
    deepest = fleet.initial_state(params, n).max_age
    for depth in {deepest, deepest + 2}:
        made = fleet.plan(params, n, depth)
        shares, retire, compact = _numpy_plan(params, n, depth)
        for got, want in zip(made.shares, shares, strict=True):
            assert _same_bits(got, want)
            assert got.flags.f_contiguous  # the layout NumPy's lines made (sums' order)
        assert _same_bits(made.retire, retire)
        for got, want in zip(made.compact[:3], compact, strict=True):
            assert _same_bits(got, want)
            assert got.flags.c_contiguous


def test_a_changed_line_would_show() -> None:
    """The comparison can fail: a share off by one ulp is not the same bits."""
    params = FleetParams(design_life_years=5.0, failure_probability_per_year=0.09)
    made = fleet.plan(params, 3, 5)
    shares, _, _ = _numpy_plan(params, 3, 5)
    assert not _same_bits(np.nextafter(made.shares[0], 2.0), shares[0])
