"""The ground's footprint: grid intensity paths, generation water, a data centre's terms.

References: Ember, Global Electricity Review 2025 (world power-sector intensity 473 gCO2/kWh
in 2024); Luccioni et al. 2023, JMLR 24(253), 'Estimating the Carbon Footprint of BLOOM'
(433,196 kWh at 57 gCO2e/kWh = 24.7 t CO2e); Macknick et al. 2012, Environ. Res. Lett. 7
045802 (water consumption factors).
"""

from __future__ import annotations

import numpy as np
import pytest

from terawatt.earth.footprint import (
    SOURCES,
    generation_water_m3_per_j,
    grid_footprint,
    grid_intensity_kg_per_j,
    ground_terms,
)
from terawatt.errors import InputError
from terawatt.parameters.table import central
from terawatt.physics.constants import JULIAN_YEAR_S

G_PER_KWH = 1e-3 / 3.6e6  # kg/J
L_PER_KWH = 1e-3 / 3.6e6  # m^3/J


def _ground(**over: float) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    kw: dict[str, float] = {
        "intensity_kg_per_j": 400 * G_PER_KWH,
        "generation_water_m3_per_j": 2.0 * L_PER_KWH,
        "wue_m3_per_j": 0.45 * L_PER_KWH,
        "pue": 1.2,
        "availability": 0.95,
        "chips_kg_per_w": 0.74,
        "chips_mass_kg_per_w": 0.0128,
        "chip_life_years": 5.0,
        "failure_rate_per_year": 0.09,
        "facility_kg_per_w": 1.5,
        "facility_life_years": 20.0,
        "freight_kg_per_kg": 2.0,
        "end_of_life_share": 0.01,
    }
    kw.update(over)
    return ground_terms(**kw)


def test_world_intensity_matches_embers_published_2024_figure() -> None:
    # Ember, Global Electricity Review 2025: 473 gCO2/kWh in 2024 (within 2 %)
    grid = grid_footprint("World")
    assert grid.year == 2024
    assert grid.intensity_kg_per_j / G_PER_KWH == pytest.approx(473, rel=0.02)
    # the decade's trend is a decline of about 1 %/yr (530 -> 473 g/kWh, 2014-2024)
    assert -0.02 < grid.trend_per_year < -0.005
    assert sum(grid.mix.values()) == pytest.approx(1.0)


def test_path_starts_at_the_data_follows_the_trend_and_stays_in_bounds() -> None:
    grid = grid_footprint("DEU")
    floor = 25 * G_PER_KWH
    at_origin = grid_intensity_kg_per_j(grid, grid.year, 1.0, floor)
    assert float(at_origin) == pytest.approx(grid.intensity_kg_per_j, rel=1e-12)
    ten = grid_intensity_kg_per_j(grid, grid.year + 10, np.array([0.0, 1.0, 2.0]), floor)
    expected = grid.intensity_kg_per_j * np.exp(
        np.array([0.0, 1.0, 2.0]) * grid.trend_per_year * 10
    )
    np.testing.assert_allclose(ten, np.maximum(expected, floor), rtol=1e-12)
    far = grid_intensity_kg_per_j(grid, 2200, 3.0, floor)
    assert float(far) == pytest.approx(floor)  # the floor holds
    backwards = grid_intensity_kg_per_j(grid, 1900, 1.0, floor)
    assert float(backwards) == pytest.approx(grid.highest_kg_per_j)  # and the window's top


def test_a_country_without_intensity_data_is_refused() -> None:
    with pytest.raises(InputError):
        grid_footprint("XXX")


def test_generation_water_weights_the_sources_by_the_mix() -> None:
    factors = {s: central(f"footprint.water.{s}") for s in SOURCES}
    # all coal: Macknick et al. 2012, coal with cooling towers, 687 gal/MWh = 2.60 L/kWh
    coal = dict.fromkeys(SOURCES, 0.0) | {"coal": 1.0}
    assert float(generation_water_m3_per_j(coal, factors)) / L_PER_KWH == pytest.approx(
        687 * 3.785411784e-3, rel=0.005
    )
    # half wind (0) and half nuclear (672 gal/MWh)
    half = dict.fromkeys(SOURCES, 0.0) | {"wind": 0.5, "nuclear": 0.5}
    assert float(generation_water_m3_per_j(half, factors)) / L_PER_KWH == pytest.approx(
        0.5 * 672 * 3.785411784e-3, rel=0.005
    )
    # hydro-heavy Norway consumes several times more per kWh than coal-and-gas Poland
    norway = generation_water_m3_per_j(grid_footprint("NOR").mix, factors)
    poland = generation_water_m3_per_j(grid_footprint("POL").mix, factors)
    assert float(norway) > 4 * float(poland)


def test_operations_reproduce_bloom_training_emissions() -> None:
    # Luccioni et al. 2023: 433,196 kWh on the French grid at 57 gCO2e/kWh -> 24.7 t CO2e
    co2e, _ = _ground(intensity_kg_per_j=57 * G_PER_KWH, pue=1.0, availability=1.0)
    kwh_per_w_year = JULIAN_YEAR_S / 3.6e6
    tonnes = float(co2e["operations"]) * 433_196 / kwh_per_w_year / 1e3
    assert tonnes == pytest.approx(24.7, rel=0.005)


def test_a_data_centres_terms_per_w_year() -> None:
    co2e, water = _ground()
    kwh = 0.95 * JULIAN_YEAR_S / 3.6e6  # IT kWh per W-year
    assert float(co2e["operations"]) == pytest.approx(kwh * 1.2 * 0.400)
    assert float(co2e["embodied_chips"]) == pytest.approx(0.74 * (1 / 5 + 0.09))
    assert float(co2e["embodied_site"]) == pytest.approx(1.5 / 20)
    assert float(co2e["end_of_life"]) == pytest.approx(0.01 * (0.74 * 0.29 + 0.075))
    assert float(water["on_site"]) == pytest.approx(kwh * 0.45e-3)
    assert float(water["electricity"]) == pytest.approx(kwh * 1.2 * 2.0e-3)


def test_operations_dominate_on_a_coal_heavy_grid() -> None:
    # South Africa's grid (~85 % coal): operations are far above everything embodied
    grid = grid_footprint("ZAF")
    co2e, _ = _ground(intensity_kg_per_j=grid.intensity_kg_per_j)
    total = sum(float(v) for v in co2e.values())
    assert float(co2e["operations"]) / total > 0.85
