"""terawatt.physics.finance: the capital recovery factor and the obsolescence factor.

Reference values: Short, Packey & Holt (1995), NREL/TP-462-5173, sec. 4 (the capital
recovery factor); the obsolescence factor's worked figures in its docstring. The fast
path (no rate near zero) is checked bit for bit against the lines with the limits taken.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from terawatt.errors import InputError
from terawatt.physics.finance import capital_recovery_factor, obsolescence_factor


def _crf_lines(r: Any, life: Any) -> np.ndarray:
    """The capital recovery factor's lines with the r -> 0 limit taken everywhere."""
    small = np.abs(r) < 1e-12
    safe_r = np.where(small, 1.0, r)
    crf = safe_r / -np.expm1(-life * np.log1p(safe_r))
    return np.asarray(np.where(small, 1.0 / life, crf), dtype=np.float64)


def _level_share_lines(x: Any) -> Any:
    small = np.abs(x) < 1e-12
    safe = np.where(small, 1.0, x)
    return np.where(small, 1.0, -np.expm1(-safe) / safe)


def _obsolescence_lines(r: Any, g: Any, life: Any) -> np.ndarray:
    log_r = np.log1p(r)
    x = life * log_r
    x_v = life * (log_r + np.log1p(g))
    return np.asarray(_level_share_lines(x) / _level_share_lines(x_v), dtype=np.float64)


def _same_bits(a: Any, b: Any) -> bool:
    return bool(a.shape == b.shape and a.dtype == b.dtype and a.tobytes() == b.tobytes())


def test_crf_reference_values() -> None:
    """CRF(7 %, 20 yr) = 0.094393 (NREL/TP-462-5173 eq. 4-4's formula, annuity tables);
    1/L at r = 0."""
    assert float(capital_recovery_factor(0.07, 20.0)) == pytest.approx(0.0943929, abs=1e-7)
    assert float(capital_recovery_factor(0.0, 8.0)) == 0.125


def test_obsolescence_worked_figures() -> None:
    """The docstring's figures: F = 1.7818 at r = 7 %, g = 32 %, L = 5 yr; 2.88 at 12 yr."""
    assert float(obsolescence_factor(0.07, 0.32, 5.0)) == pytest.approx(1.7818, abs=1e-4)
    assert float(obsolescence_factor(0.07, 0.32, 12.0)) == pytest.approx(2.88, abs=5e-3)
    assert float(obsolescence_factor(0.07, 0.0, 5.0)) == 1.0


@pytest.mark.parametrize("seed", range(6))
def test_same_bits_as_the_lines_with_limits(seed: int) -> None:
    """Arrays, scalars and broadcast shapes, rates near 0 or not, lives to infinity: the
    results are the lines' bits (the fast path skips only the limits' wheres)."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 500))
    r = rng.uniform(-0.5, 0.3, n)
    if seed % 2:
        r[rng.random(n) < 0.1] = 0.0  # the limit taken for some samples
    life = rng.uniform(0.1, 40.0, n)
    life[0] = np.inf
    g = rng.uniform(-0.2, 0.6, n)
    cases: list[tuple[Any, Any, Any]] = [
        (r, life, g),
        (r[:1].reshape(()), life, g[:1].reshape(())),
        (r, life[:1].reshape(()), g),
        (r[:, None], life[None, :5], g[:, None]),
        (np.float64(0.07), np.float64(5.0), np.float64(0.32)),
    ]
    for rr, ll, gg in cases:
        with np.errstate(invalid="ignore", over="ignore"):  # inf / inf in both, the same NaN
            want = _obsolescence_lines(rr, gg, ll)
            got = obsolescence_factor(rr, gg, ll)
        assert _same_bits(got, want)
        assert _same_bits(capital_recovery_factor(rr, ll), _crf_lines(rr, ll))


def test_inputs_are_not_modified() -> None:
    r, life, g = np.full(4, 0.07), np.full(4, 5.0), np.full(4, 0.3)
    capital_recovery_factor(r, life)
    obsolescence_factor(r, g, life)
    assert np.all(r == 0.07)
    assert np.all(life == 5.0)
    assert np.all(g == 0.3)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: capital_recovery_factor(-1.0, 5.0), "rate_per_year"),
        (lambda: capital_recovery_factor(0.05, np.array([5.0, 0.0])), "life_years"),
        (lambda: capital_recovery_factor(np.nan, 5.0), "rate_per_year"),
        (lambda: obsolescence_factor(0.05, -1.5, 5.0), "growth_per_year"),
        (lambda: obsolescence_factor(0.05, 0.3, -2.0), "life_years"),
    ],
)
def test_bad_input_names_the_argument(call: object, field: str) -> None:
    with pytest.raises(InputError) as err:
        call()  # type: ignore[operator]
    assert err.value.field == field
