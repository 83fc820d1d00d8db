"""The orbital footprint: launch CO2e per kg, the satellite's terms, re-entry.

References: FAA Draft PEA for Starship/Super Heavy at Boca Chica (2021): ~4,600 t of LOX and
methane at 3.6:1 per full-stack flight; Everyday Astronaut's rocket-emissions comparison
(2021, via The Eco Experts, secondary): 2,683 t CO2 per Starship/Super Heavy flight;
Ferreira et al. 2024, Geophys. Res. Lett. 51, e2024GL109280: a 250 kg satellite forms about
30 kg of aluminium oxide on re-entry.
"""

from __future__ import annotations

import numpy as np
import pytest

from terawatt.parameters.table import central
from terawatt.space.footprint import launch_co2e_kg_per_kg, orbit_terms, propellant_kg_per_kg


def test_starship_flight_co2_matches_the_published_figure() -> None:
    payload = 150e3
    per_kg = launch_co2e_kg_per_kg(
        propellant_kg=central("footprint.launch.propellant"),
        payload_kg=payload,
        fuel_fraction=central("footprint.launch.fuel_fraction"),
        co2_per_fuel=central("footprint.launch.co2_per_fuel"),
        production_per_propellant=0.0,
    )
    # combustion alone: 2,683 t per flight (Everyday Astronaut), within 3 %
    assert float(per_kg) * payload / 1e3 == pytest.approx(2683, rel=0.03)
    # ~18 kg CO2 per kg to orbit at 150 t, before propellant production and the vehicle
    assert 15 < float(per_kg) < 21


def test_production_and_the_vehicle_add_per_kg() -> None:
    base = {"propellant_kg": 4.6e6, "payload_kg": 100e3, "fuel_fraction": 0.2174}
    burned = launch_co2e_kg_per_kg(**base, co2_per_fuel=2.743, production_per_propellant=0.0)
    made = launch_co2e_kg_per_kg(**base, co2_per_fuel=2.743, production_per_propellant=0.3)
    assert float(made - burned) == pytest.approx(46.0 * 0.3)
    built = launch_co2e_kg_per_kg(
        **base,
        co2_per_fuel=2.743,
        production_per_propellant=0.0,
        vehicle_kg=1.5e6,
        reuses=np.array([0.0, 19.0]),
    )
    np.testing.assert_allclose(built - burned, [15.0, 0.75])
    assert float(propellant_kg_per_kg(4.6e6, 100e3)) == pytest.approx(46.0)


def _orbit(**over: float) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    kw: dict[str, float] = {
        "mass_kg_per_w": 0.02,
        "servers_kg_per_w": 0.005,
        "array_w_per_w": 1.4,
        "life_years": 5.0,
        "failed_share_per_year": 0.1,
        "serviced_share": 0.0,
        "chips_kg_per_w": 0.74,
        "array_kg_per_w": 2.0,
        "platform_kg_per_kg": 25.0,
        "freight_kg_per_kg": 2.0,
        "launch_kg_per_kg": 30.0,
        "propellant_kg_per_kg": 40.0,
        "black_carbon_per_propellant": 5e-4,
        "reentry_co2_per_kg": 0.1,
        "reentry_alumina_per_kg": 0.12,
    }
    kw.update(over)
    return orbit_terms(**kw)


def test_a_satellites_terms_per_w_year() -> None:
    co2e, other = _orbit()
    per_year = 1 / 5 + 0.1  # satellites replaced per W-year: end of life and failures
    assert float(co2e["embodied_chips"]) == pytest.approx(0.74 * per_year)
    assert float(co2e["embodied_site"]) == pytest.approx(per_year * (1.4 * 2.0 + 0.015 * 25))
    assert float(co2e["operations"]) == 0.0  # sunlight
    assert float(co2e["transport"]) == pytest.approx(per_year * 0.02 * 32.0)
    assert float(co2e["end_of_life"]) == pytest.approx(per_year * 0.02 * 0.1)
    # what goes up comes down: the mass re-entering is the mass launched
    assert float(other["mass_reentered"]) == pytest.approx(per_year * 0.02)
    assert float(other["black_carbon"]) == pytest.approx(per_year * 0.02 * 40 * 5e-4)


def test_serviced_failures_launch_servers_only() -> None:
    whole, _ = _orbit()
    serviced, other = _orbit(serviced_share=1.0)
    assert float(serviced["embodied_chips"]) == pytest.approx(float(whole["embodied_chips"]))
    assert float(serviced["embodied_site"]) < float(whole["embodied_site"])
    assert float(other["mass_reentered"]) == pytest.approx(0.02 / 5 + 0.1 * 0.005)


def test_alumina_on_reentry_matches_ferreira_2024() -> None:
    # a 250 kg satellite forms ~30 kg of aluminium oxide (the table's central 0.12 per kg)
    assert 250 * central("footprint.reentry.alumina") == pytest.approx(30, rel=0.01)


def test_embodied_and_launch_dominate_in_orbit() -> None:
    co2e, _ = _orbit(
        chips_kg_per_w=central("footprint.chips.embodied"),
        array_kg_per_w=central("footprint.satellite.array_embodied"),
        platform_kg_per_kg=central("footprint.satellite.platform_embodied"),
    )
    total = sum(float(v) for v in co2e.values())
    made_and_flown = co2e["embodied_chips"] + co2e["embodied_site"] + co2e["transport"]
    assert float(made_and_flown) / total > 0.95
