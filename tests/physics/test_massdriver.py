"""Mass-driver physics against hand-checkable kinematics and the classic design studies."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from terawatt.errors import InputError
from terawatt.physics import massdriver as md
from terawatt.physics.constants import G0_M_S2


def test_kinetic_energy_at_2p4_km_s() -> None:
    """½ v² at 2.4 km/s = 2.88 MJ/kg (hand calculation: 0.5 x 2400² J/kg)."""
    assert float(md.kinetic_energy_per_kg_j(2400.0)) == pytest.approx(2.88e6, rel=1e-12)


def test_sp413_launcher_shots_and_power() -> None:
    """NASA SP-413 (1977), ch. 5 "The Mass Launcher": five 10-kg masses a second at 2,400 m/s.

    50 kg/s at ½v² = 2.88 MJ/kg is 144 MW of kinetic power (hand calculation); 5 shots a
    second of 10 kg.
    """
    d = md.size_mass_driver(2400.0, 288.0, 50.0, 1.0, 10.0)
    assert float(d.shots_per_s) == pytest.approx(5.0)
    assert float(d.mean_kinetic_power_w) == pytest.approx(144e6, rel=1e-12)
    assert float(d.acceleration_g) == pytest.approx(288.0 / G0_M_S2)
    # kinematics by hand: 288 m/s² (~29 g) takes exactly 10 km (within 1 m) and 8.33 s
    assert float(d.length_m) == pytest.approx(10_000.0, abs=1.0)
    assert float(d.time_on_track_s) == pytest.approx(2400.0 / 288.0)


def test_oneill_1975_launcher() -> None:
    """O'Neill's 1975 transport linear accelerator (PRC, "A Survey of SPS", 1976; secondary).

    ~14 km long to 2.4 km/s, ~5-kg buckets carrying ~9 kg, overall efficiency above 60 %.
    Were the whole length accelerating, a = v²/2L = 206 m/s² (21 g, within 1 m/s²); the
    electrical energy per kg of payload with the bucket unrecovered is
    2.88 MJ x (1 + 5/9) / 0.6 = 7.47 MJ/kg (within 0.01 MJ/kg).
    """
    a = 2400.0**2 / (2 * 14_000.0)
    assert a == pytest.approx(206.0, abs=1.0)
    d = md.size_mass_driver(2400.0, a, 10 * 9.0, 0.6, 9.0, bucket_mass_ratio=5.0 / 9.0)
    assert float(d.length_m) == pytest.approx(14_000.0, abs=1.0)
    assert float(d.electrical_energy_per_kg_j) == pytest.approx(7.47e6, abs=1e4)


def test_kolm_oneill_ten_buckets_a_second() -> None:
    """Kolm, "Mass Driver Update", L5 News (Sept 1980): buckets at about ten a second.

    At 10 shots a second of 10 kg each the throughput is 100 kg/s = 3.16 Mt a year
    (Julian year), and shots_per_s inverts it exactly.
    """
    assert float(md.shots_per_s(100.0, 10.0)) == pytest.approx(10.0)
    d = md.size_mass_driver(2400.0, 1000.0 * G0_M_S2, 100.0, 0.8, 10.0)
    assert float(d.shots_per_s) == pytest.approx(10.0)
    assert float(d.throughput_kg_s) * 365.25 * 86400 / 1e9 == pytest.approx(3.156, abs=1e-3)
    # 1000 g over 2.4 km/s: L = 2400² / (2 x 9806.65) = 293.7 m (within 0.1 m)
    assert float(d.length_m) == pytest.approx(293.7, abs=0.1)


def test_efficiency_bucket_and_shot_power() -> None:
    """e_el = ½v²(1 + r_b(1-ρ))/η and P_shot = m(1+r_b) a v / η, by hand."""
    e = md.electrical_energy_per_kg_j(2000.0, 0.5, bucket_mass_ratio=1.0, bucket_recovery=0.5)
    assert float(e) == pytest.approx(0.5 * 2000.0**2 * 1.5 / 0.5)
    p = md.shot_power_w(10.0, 100.0, 2000.0, 0.5, bucket_mass_ratio=1.0)
    assert float(p) == pytest.approx(10.0 * 2.0 * 100.0 * 2000.0 / 0.5)
    d = md.size_mass_driver(2000.0, 100.0, 20.0, 0.5, 10.0, bucket_mass_ratio=1.0)
    assert float(d.energy_storage_per_shot_j) == pytest.approx(10.0 * 0.5 * 2000.0**2 * 2.0 / 0.5)


@given(
    v=st.floats(100.0, 1e4),
    a=st.floats(1.0, 1e5),
    q=st.floats(0.0, 1e5),
    m=st.floats(0.1, 1e4),
)
def test_many_shots_on_track_average_to_the_mean(v: float, a: float, q: float, m: float) -> None:
    """Shots spread evenly in time: sum of m a v_i over shots on track = mean kinetic power."""
    d = md.size_mass_driver(v, a, q, 1.0, m)
    # mean power of one shot over its time on track is m a v / 2
    per_shot_mean = float(d.shot_power_w) / 2.0
    assert float(d.shots_on_track) * per_shot_mean == pytest.approx(
        float(d.mean_kinetic_power_w), rel=1e-9, abs=1e-6
    )


def test_vectorized_broadcast() -> None:
    """Arrays broadcast (pvlib style)."""
    d = md.size_mass_driver(np.array([2000.0, 2400.0]), 100.0, 1.0, 0.7, 1.0)
    assert d.length_m.shape == (2,)
    assert d.length_m[1] == pytest.approx(2400.0**2 / 200.0)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"acceleration_m_s2": 0.0}, "acceleration_m_s2"),
        ({"acceleration_m_s2": -5.0}, "acceleration_m_s2"),
        ({"efficiency": 1.2}, "efficiency"),
        ({"efficiency": 0.0}, "efficiency"),
        ({"velocity_m_s": 0.0}, "velocity_m_s"),
        ({"throughput_kg_s": -1.0}, "throughput_kg_s"),
        ({"payload_per_shot_kg": 0.0}, "payload_per_shot_kg"),
    ],
)
def test_bad_input_names_field(kwargs: dict[str, float], field: str) -> None:
    """Bad input raises InputError naming the field, the value and what was expected."""
    args = {
        "velocity_m_s": 2400.0,
        "acceleration_m_s2": 300.0,
        "throughput_kg_s": 10.0,
        "efficiency": 0.7,
        "payload_per_shot_kg": 10.0,
    } | kwargs
    with pytest.raises(InputError) as info:
        md.size_mass_driver(**args)
    assert info.value.field == field
    assert info.value.value == kwargs[field]


def test_scalars_refuses_arrays() -> None:
    """scalars() is for one design."""
    d = md.size_mass_driver([2000.0, 2400.0], 100.0, 1.0, 0.7, 1.0)
    with pytest.raises(ValueError, match="elements"):
        d.scalars()
