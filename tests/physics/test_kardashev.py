"""Tests for terawatt.physics.kardashev."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from terawatt.errors import InputError
from terawatt.physics.constants import SOLAR_LUMINOSITY_IAU2015_W
from terawatt.physics.kardashev import TYPE_I_W, TYPE_II_W, TYPE_III_W, level, power_w


def test_humanity_today() -> None:
    # Primary energy ~19-20 TW (Energy Institute Statistical Review 2024: ~620 EJ/yr).
    assert float(level(2e13)) == pytest.approx(0.7301, abs=1e-4)
    assert 0.72 < float(level(19e12)) < float(level(20e12)) < 0.74


def test_integer_types() -> None:
    assert float(level(TYPE_I_W)) == pytest.approx(1.0)
    assert float(level(TYPE_II_W)) == pytest.approx(2.0)
    assert float(level(TYPE_III_W)) == pytest.approx(3.0)
    assert float(level(1e6)) == 0.0


def test_sun() -> None:
    # Whole solar luminosity, 3.828e26 W (IAU 2015 B3): K ≈ 2.058.
    assert float(level(SOLAR_LUMINOSITY_IAU2015_W)) == pytest.approx(2.058, abs=1e-3)


def test_vectorised() -> None:
    out = level(np.array([1e16, 1e26]))
    np.testing.assert_allclose(out, [1.0, 2.0])
    np.testing.assert_allclose(power_w(np.array([[1.0], [2.0]])), [[1e16], [1e26]])


@pytest.mark.parametrize("bad", [0.0, -1.0, [1e13, 0.0]])
def test_non_positive_power(bad: object) -> None:
    with pytest.raises(InputError) as err:
        level(bad)  # type: ignore[arg-type]
    assert err.value.field == "power_w"


@given(p=st.floats(min_value=1e-30, max_value=1e300, allow_nan=False))
def test_round_trip(p: float) -> None:
    assert float(power_w(level(p))) == pytest.approx(p, rel=1e-12)


@given(k=st.floats(-3.0, 4.0), step=st.floats(0.01, 1.0))
def test_one_level_is_ten_orders_of_magnitude(k: float, step: float) -> None:
    assert float(power_w(k + 1.0) / power_w(k)) == pytest.approx(1e10, rel=1e-9)
    assert float(power_w(k + step)) > float(power_w(k))
