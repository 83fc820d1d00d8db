"""Arrhenius acceleration of chip wear-out (terawatt.physics.reliability)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from terawatt.errors import InputError
from terawatt.physics.reliability import accelerated_failure_probability, arrhenius_acceleration

EV_J = 1.602_176_634e-19  # CODATA 2018, exact


def test_htol_example_55_to_125_celsius() -> None:
    """The standard high-temperature operating-life example: use at 55 C, stress at 125 C,
    Ea = 0.7 eV gives an acceleration factor of about 78 (JEDEC JESD85's Arrhenius model;
    recomputed here from k_B = 8.617e-5 eV/K: exp(0.7/8.617e-5 (1/328.15 - 1/398.15)) =
    77.7). Tolerance 0.5 % (the rounding of k_B in eV/K in published tables)."""
    af = arrhenius_acceleration(398.15, 0.7 * EV_J, 328.15)
    assert float(af) == pytest.approx(77.7, rel=5e-3)


def test_one_at_reference_and_inverse_below() -> None:
    ea = 0.7 * EV_J
    assert float(arrhenius_acceleration(310.0, ea, 310.0)) == 1.0
    up = float(arrhenius_acceleration(320.0, ea, 310.0))
    down = float(arrhenius_acceleration(310.0, ea, 320.0))
    assert up * down == pytest.approx(1.0, rel=1e-12)
    # 10 K above a 310 K coolant at 0.7 eV: a factor of about 2.3 (the rule of thumb that
    # wear-out doubles every ~10 K near room temperature)
    assert 2.0 < up < 2.5


def test_probability_hazard_scaling() -> None:
    # small probabilities scale linearly; large ones stay below 1
    assert float(accelerated_failure_probability(1e-6, 10.0)) == pytest.approx(1e-5, rel=1e-5)
    p = accelerated_failure_probability(np.array([0.05, 0.5, 0.9]), 10.0)
    assert np.all(p < 1.0)
    assert float(p[1]) == pytest.approx(1.0 - 0.5**10, rel=1e-12)
    # a factor of 1 returns the probability itself; two factors compose multiplicatively
    q = np.array([0.0, 0.03, 0.4])
    np.testing.assert_allclose(accelerated_failure_probability(q, 1.0), q, rtol=1e-14)
    twice = accelerated_failure_probability(accelerated_failure_probability(q, 2.0), 3.0)
    np.testing.assert_allclose(twice, accelerated_failure_probability(q, 6.0), rtol=1e-12)
    assert math.isclose(float(accelerated_failure_probability(0.1, 0.0)), 0.0)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: arrhenius_acceleration(0.0, 1e-19, 300.0), "temperature_k"),
        (lambda: arrhenius_acceleration(300.0, -1e-19, 300.0), "activation_energy_j"),
        (lambda: arrhenius_acceleration(300.0, 1e-19, np.nan), "reference_temperature_k"),
        (lambda: accelerated_failure_probability(1.0, 2.0), "annual_probability"),
        (lambda: accelerated_failure_probability(0.1, -1.0), "acceleration"),
    ],
)
def test_bad_input_names_the_field(call, field: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as err:
        call()
    assert field in str(err.value)
