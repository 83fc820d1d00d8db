"""Tests for terawatt.physics.rocketry."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from terawatt.errors import InputError
from terawatt.physics.constants import G0_M_S2, JULIAN_YEAR_S, SECONDS_PER_DAY
from terawatt.physics.rocketry import (
    delta_v_m_s,
    launch_cost_usd,
    launches_needed,
    mass_ratio,
    propellant_mass_kg,
    specific_launch_cost_usd_per_kg,
)

isps = st.floats(min_value=50.0, max_value=10_000.0, allow_nan=False)
dvs = st.floats(min_value=0.0, max_value=20_000.0, allow_nan=False)
masses = st.floats(min_value=1e-3, max_value=1e7, allow_nan=False)


def test_textbook_mass_ratio_e() -> None:
    # Isp 450 s (LOX/LH2) and m0/mf = e give Δv = Isp g0 = 4,412.99 m/s.
    dv = float(delta_v_m_s(450.0, math.e * 1000.0, 1000.0))
    assert dv == pytest.approx(450.0 * 9.80665, rel=1e-12)
    assert dv == pytest.approx(4412.99, abs=0.01)
    assert float(mass_ratio(dv, 450.0)) == pytest.approx(math.e, rel=1e-12)
    assert float(propellant_mass_kg(dv, 450.0, 1000.0)) == pytest.approx(
        1000.0 * (math.e - 1), rel=1e-12
    )


def test_no_burn_no_delta_v() -> None:
    assert float(delta_v_m_s(300.0, 500.0, 500.0)) == 0.0
    assert float(mass_ratio(0.0, 300.0)) == 1.0
    assert float(propellant_mass_kg(0.0, 300.0, 500.0)) == 0.0


def test_launch_prices_jones_2018() -> None:
    # Jones (2018), ICES-2018-81: Falcon 9 $62 M for 22,800 kg to LEO ≈ $2,720/kg;
    # Space Shuttle $1.5 B for 27,500 kg ≈ $54,500/kg; a factor ~20.
    falcon9 = float(specific_launch_cost_usd_per_kg(62e6, 22_800.0))
    shuttle = float(specific_launch_cost_usd_per_kg(1.5e9, 27_500.0))
    assert falcon9 == pytest.approx(2_720.0, rel=1e-3)
    assert shuttle == pytest.approx(54_500.0, rel=1e-3)
    assert shuttle / falcon9 == pytest.approx(20.0, rel=0.01)
    # One full Falcon 9 at that price costs the launch price back.
    assert float(launch_cost_usd(22_800.0, falcon9)) == pytest.approx(62e6)
    # A thousand tonnes at Falcon 9 prices: $2.72 B.
    assert float(launch_cost_usd(1e6, 2_720.0)) == pytest.approx(2.72e9)


def test_starship_megatonne_per_year() -> None:
    # ~200 t per Starship flight: 1 Mt/yr needs 5,000 launches/yr ≈ 13.7 per day.
    per_year = float(launches_needed(1e9, 200e3))
    assert per_year == 5_000.0
    per_day = per_year / (JULIAN_YEAR_S / SECONDS_PER_DAY)
    assert per_day == pytest.approx(13.69, abs=0.005)  # ≈ 13.7 a day


def test_launches_needed_rounding() -> None:
    assert float(launches_needed(0.0, 100.0)) == 0.0
    assert float(launches_needed(1.0, 100.0)) == 1.0
    assert float(launches_needed(100.0, 100.0)) == 1.0
    assert float(launches_needed(100.001, 100.0)) == 2.0
    # 2.1 / 0.3 = 7.000000000000001 in floating point: still 7 launches.
    assert 2.1 / 0.3 > 7.0
    assert float(launches_needed(2.1, 0.3)) == 7.0


def test_vectorised() -> None:
    out = launches_needed(np.array([1e6, 1e7, 1e9]), np.array([[15e3], [200e3]]))
    assert out.shape == (2, 3)
    np.testing.assert_array_equal(out[1], [5.0, 50.0, 5000.0])
    dv = delta_v_m_s(np.array([300.0, 450.0]), 3000.0, 1000.0)
    np.testing.assert_allclose(dv, np.array([300.0, 450.0]) * G0_M_S2 * math.log(3.0))


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: delta_v_m_s(0.0, 2.0, 1.0), "isp_s"),
        (lambda: delta_v_m_s(300.0, 1.0, 2.0), "initial_mass_kg"),
        (lambda: delta_v_m_s(300.0, 2.0, 0.0), "final_mass_kg"),
        (lambda: mass_ratio(-1.0, 300.0), "delta_v_m_s"),
        (lambda: propellant_mass_kg(100.0, 300.0, -1.0), "final_mass_kg"),
        (lambda: launches_needed(1e6, 0.0), "payload_per_launch_kg"),
        (lambda: launches_needed([1e6, -1.0], 1e3), "payload_mass_kg"),
        (lambda: launch_cost_usd(1e3, -5.0), "cost_usd_per_kg"),
    ],
)
def test_impossible_inputs_name_the_field(call: object, field: str) -> None:
    with pytest.raises(InputError) as err:
        call()  # type: ignore[operator]
    assert err.value.field == field


@given(dv=dvs, isp=isps, mf=masses)
def test_rocket_equation_round_trip(dv: float, isp: float, mf: float) -> None:
    mp = float(propellant_mass_kg(dv, isp, mf))
    assert float(mass_ratio(dv, isp)) == pytest.approx((mf + mp) / mf, rel=1e-12)
    assert float(delta_v_m_s(isp, mf + mp, mf)) == pytest.approx(dv, rel=1e-9, abs=1e-6)


@given(dv=dvs, isp=isps, mf=masses, k=st.floats(1.01, 10.0))
def test_propellant_monotonic_and_linear(dv: float, isp: float, mf: float, k: float) -> None:
    mp = float(propellant_mass_kg(dv, isp, mf))
    assert float(propellant_mass_kg(dv, isp, k * mf)) == pytest.approx(k * mp, rel=1e-12)
    assert float(propellant_mass_kg(dv, isp * k, mf)) <= mp
    assert float(propellant_mass_kg(dv + 1.0, isp, mf)) > mp


@given(total=st.one_of(st.just(0.0), st.floats(1e-3, 1e12)), per=st.floats(1.0, 1e6))
def test_launches_bracket_quotient(total: float, per: float) -> None:
    n = float(launches_needed(total, per))
    assert n == math.floor(n)
    assert n * per >= total * (1 - 1e-12)
    assert (n - 1) * per < total or n == 0.0
