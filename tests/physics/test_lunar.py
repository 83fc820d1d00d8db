"""Lunar constants, launch velocities, sunlight and regolith."""

from __future__ import annotations

import pytest

from terawatt.errors import InputError
from terawatt.physics import lunar


def test_escape_velocity_from_gm_and_radius() -> None:
    """sqrt(2 GM/R) with GM 4.9048695e12 m³/s² and R 1,737.4 km = 2.376 km/s.

    NASA GSFC Moon Fact Sheet: escape velocity 2.38 km/s (within 5 m/s).
    """
    assert float(lunar.escape_velocity_m_s()) == pytest.approx(2380.0, abs=5.0)
    assert float(lunar.escape_velocity_m_s()) == pytest.approx(
        (2 * 4.9048695e12 / 1.7374e6) ** 0.5, rel=1e-12
    )


def test_circular_velocity() -> None:
    """Low lunar orbit at 100 km: sqrt(GM/(R+h)) = 1.633 km/s (hand calculation, within 1 m/s)."""
    assert float(lunar.circular_velocity_m_s(100e3)) == pytest.approx(1633.0, abs=1.0)


def test_destinations_against_delta_v_maps() -> None:
    """Patched-conic estimates against published Δv budgets (secondary, within 0.15 km/s).

    Lunar surface to escape 2.38 km/s; to Earth orbit by aerobraking ~2.5 km/s (surface to
    LLO ~1.7-1.9 plus trans-Earth injection ~0.8 in commonly published Δv budgets);
    the perigee burn into LEO ~3.1 km/s (the mirror of the ~3.1-3.2 km/s TLI from LEO).
    """
    d = lunar.DESTINATIONS
    assert d["lunar_escape"].launch_velocity_m_s == pytest.approx(2376.0, abs=2.0)
    assert d["earth_orbit_aerobraking"].launch_velocity_m_s == pytest.approx(2520.0, abs=150.0)
    assert d["earth_orbit_propulsive"].propulsive_delta_v_m_s == pytest.approx(3100.0, abs=150.0)
    assert d["geostationary"].propulsive_delta_v_m_s == pytest.approx(1050.0, abs=100.0)
    # escaping the Earth-Moon system needs more than lunar escape, less than Earth orbit
    assert (
        d["lunar_escape"].launch_velocity_m_s
        < d["heliocentric_swarm"].launch_velocity_m_s
        < d["earth_orbit_aerobraking"].launch_velocity_m_s
    )
    # v_inf to escape Earth from the Moon's distance: sqrt(2 mu/a) - sqrt(mu/a) = 0.42 km/s
    assert lunar.v_inf_to_earth_escape_m_s() == pytest.approx(421.8, abs=1.0)


def test_night_storage() -> None:
    """14.77-day night: 1 W carried through it needs 1.276 MJ = 354 Wh (hand calculation)."""
    assert pytest.approx(14.77, abs=0.01) == lunar.EQUATORIAL_NIGHT_S / 86400
    e = float(lunar.night_storage_energy_j(1.0))
    assert e / 3600 == pytest.approx(354.4, abs=0.5)
    # 200 Wh/kg pack at 80 % depth of discharge: 2.2 kg per W carried
    assert float(lunar.storage_mass_kg(e, 200 * 3600, 0.8)) == pytest.approx(2.21, abs=0.01)
    # equator (f = 0.5, 90 % storage): array 2.11x the load; a 94 %-lit rim 1.071x
    assert float(lunar.array_power_for_continuous_load_w(1.0, 0.5, 0.9)) == pytest.approx(
        1 + 1 / 0.9, rel=1e-12
    )
    assert float(lunar.array_power_for_continuous_load_w(1.0, 0.94, 0.9)) == pytest.approx(
        1.071, abs=1e-3
    )


def test_regolith_elements_lunar_sourcebook() -> None:
    """Element fractions from oxides (Lunar Sourcebook 1991, ch. 7 soils; secondary).

    Highland soil is ~45 % O, ~21 % Si, ~14 % Al, ~11 % Ca; mare soil ~42 % O, ~12 % Fe,
    ~4.7 % Ti (widely quoted; within 1.5 percentage points).
    """
    hi = lunar.regolith_element_fractions("highland")
    ma = lunar.regolith_element_fractions("mare")
    assert hi["O"] == pytest.approx(0.45, abs=0.015)
    assert hi["Si"] == pytest.approx(0.21, abs=0.015)
    assert hi["Al"] == pytest.approx(0.14, abs=0.015)
    assert ma["Fe"] == pytest.approx(0.12, abs=0.015)
    assert ma["Ti"] == pytest.approx(0.047, abs=0.015)
    assert hi["C"] < 1e-3
    assert hi["H"] < 1e-4
    assert sum(hi.values()) == pytest.approx(1.0, abs=0.01)


def test_bad_perigee() -> None:
    """A perigee beyond the Moon's orbit is not a transfer from the Moon."""
    with pytest.raises(InputError) as info:
        lunar.v_inf_to_earth_perigee_m_s(5e8)
    assert info.value.field == "perigee_radius_m"
