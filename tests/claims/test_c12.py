"""C12: solar in orbit yields several times (Google: up to 8x) the same panel on the ground."""

from __future__ import annotations

import numpy as np
import pytest

from terawatt.claims import Verdict
from terawatt.claims.c12_orbital_solar import GOOD_SOLAR_SITES, evaluate
from terawatt.earth import groundsolar as gs
from terawatt.errors import InputError
from terawatt.parameters.distributions import Uniform
from terawatt.parameters.table import load_parameter_table
from terawatt.physics import sunlight
from terawatt.physics.constants import HOURS_PER_YEAR
from terawatt.physics.solar import (
    orbit_irradiance_w_per_m2,
    temperature_corrected_irradiance_w_per_m2,
)

N = 1000
KWH_YR = HOURS_PER_YEAR / 1e3  # annual-mean W/m² -> kWh/m²/yr


@pytest.fixture(scope="module")
def verdict() -> Verdict:
    return evaluate(samples=N)


def test_orbit_yield_is_the_hand_calculation() -> None:
    """1361 W/m² (IAU 2015 B3) x 8766 h x the annual sunlit fraction of a 650 km dawn-dusk
    SSO. That orbit has an eclipse season around the June solstice (|beta| dips to ~58 deg,
    below beta* = 65.2 deg, SMAD 3rd ed. sec. 5.1), so it is lit ~96 % of the year:
    ~11,450 kWh/m²/yr on a sun-pointing panel."""
    f = float(sunlight.sunlight_stats(650e3, 18.0, gs.YEAR).sunlit_fraction)
    assert 0.95 < f < 0.97
    kwh = orbit_irradiance_w_per_m2(650e3, 18.0, year=gs.YEAR) * KWH_YR
    assert kwh == pytest.approx(1361.0 * 8766.0 * f / 1e3, rel=1e-12)
    assert kwh == pytest.approx(11450.0, rel=0.01)
    # 60-80 C at -0.35 %/K: 12-19 % below the 25 C rating
    hot = temperature_corrected_irradiance_w_per_m2([1000.0, 1000.0], [60.0, 80.0], -0.0035)
    np.testing.assert_allclose(hot, [877.5, 807.5])


def test_fixed_orbit_panel_gets_a_little_less() -> None:
    """A panel fixed along the orbit normal is lit at |sin beta|; in a dawn-dusk orbit beta
    stays between ~58 and 90 deg, so it loses 3-10 % against Sun pointing."""
    sun = orbit_irradiance_w_per_m2(650e3, 18.0, year=gs.YEAR)
    normal = orbit_irradiance_w_per_m2(650e3, 18.0, year=gs.YEAR, pointing="orbit-normal")
    assert 0.90 * sun < normal < 0.97 * sun


def test_several_times_holds_at_typical_good_sites(verdict: Verdict) -> None:
    """Against utility-style single-axis trackers at the sun-belt sites the ratio is
    3.4-3.9x (median 3.6x): >= 3, so 'several times' holds; the best desert (Atacama)
    sits at ~2.9x."""
    assert verdict.verdict == "holds"
    assert 3.3 < verdict.number("ratio_typical_p50").value < 4.0
    assert verdict.number("ratio_atacama").value < 3.2
    for key in GOOD_SOLAR_SITES:
        assert 2.5 < verdict.number(f"ratio_{key}").value < 4.5
    # the orbit panel at 60-80 C vs 25 C rating: ~9,650 kWh/m²/yr per unit efficiency
    assert verdict.number("orbit_yield").value == pytest.approx(9650.0, rel=0.02)


def test_googles_8x_is_a_cloudy_fixed_panel_not_a_desert(verdict: Verdict) -> None:
    """8x needs a ground yield of orbit/8 ~ 1,200 kWh/m²/yr per unit efficiency: what a
    fixed panel gets at a site of ~1,000 kWh/m²/yr GHI (London: 1,000, central Germany:
    1,050; solar_sites.yaml). There the ratio is 7-8.5x; at the desert trackers 3-4x."""
    for8 = verdict.number("ground_yield_for_8x").value
    assert for8 == pytest.approx(verdict.number("orbit_yield").value / 8.0)
    assert 1100.0 < for8 < 1300.0
    cloudy = evaluate(sites=["london", "germany"], tracking="fixed", samples=N)
    assert 7.0 < cloudy.number("ratio_london").value < 8.5
    assert 6.5 < cloudy.number("ratio_germany").value < 8.0
    assert cloudy.number("ground_yield_london").value == pytest.approx(for8, rel=0.08)
    # by irradiation alone (the hot orbit array's losses left out) London's fixed panel
    # is at ~8.9x and Germany's at ~8.3x: "up to 8x" there, 3-4x at the desert trackers
    assert cloudy.number("ratio_insolation_london").value > 8.0
    assert cloudy.number("ratio_insolation_germany").value > 8.0
    assert verdict.number("ratio_insolation_phoenix").value < 4.5
    assert verdict.number("p_ratio_ge_8").value == 0.0
    assert verdict.number("ratio_max_all").value < 8.5  # nothing reaches much beyond 8x
    assert "london" in verdict.number("ratio_max_all").description
    assert "atacama" in verdict.number("ratio_min_all").description


def test_the_verdict_moves_with_its_deciding_assumptions(verdict: Verdict) -> None:
    # Google's figure as the threshold: fails at the good sites ...
    assert evaluate(threshold=8.0, samples=N).verdict == "fails"
    # ... and is a coin toss for fixed panels in London (7.7x)
    london = evaluate(sites=["london"], tracking="fixed", threshold=8.0, samples=N)
    assert london.verdict == "depends"
    # the best desert alone: ~2.9x, not clearly several times
    assert evaluate(sites=["atacama"], samples=N).verdict == "depends"
    # at 4x: fixed ground panels (4.3x) hold, trackers (3.6x) fail
    assert evaluate(tracking="fixed", threshold=4.0, samples=N).verdict == "holds"
    assert evaluate(threshold=4.0, samples=N).verdict == "fails"
    # a cooler orbit array raises the ratio
    cool = evaluate(orbit_cell_temperature_c=(40.0, 50.0), samples=N)
    assert cool.number("ratio_typical_p50").value > verdict.number("ratio_typical_p50").value


def test_same_seed_same_verdict() -> None:
    a, b = evaluate(seed=7, samples=300), evaluate(seed=7, samples=300)
    assert a.to_dict() == b.to_dict()
    assert {n.name for n in a.numbers} >= {"ratio_phoenix", "ratio_phoenix_clear_sky"}


def test_bad_input() -> None:
    with pytest.raises(InputError, match="site"):
        evaluate(sites=["mars"], samples=10)
    with pytest.raises(InputError, match="sites"):
        evaluate(sites="london", samples=10)
    with pytest.raises(InputError, match="tracking"):
        evaluate(tracking="two-axis", samples=10)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="threshold"):
        evaluate(threshold=0.5, samples=10)
    with pytest.raises(InputError, match="orbit_pointing"):
        evaluate(orbit_pointing="nadir", samples=10)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="orbit_cell_temperature_c"):
        evaluate(orbit_cell_temperature_c=(80.0, 60.0), samples=10)
    with pytest.raises(InputError, match="altitude_m"):
        evaluate(altitude_m=-1.0, samples=10)
    with pytest.raises(InputError, match="samples"):
        evaluate(samples=0)


def test_ranges_come_from_the_parameter_table() -> None:
    """The drawn ranges are the table's uniform defaults (60-80 C, -0.40 to -0.30 %/K)."""
    table = load_parameter_table()
    cell = table["orbital_solar.cell_temperature"].default
    gamma = table["orbital_solar.temperature_coefficient"].default
    assert isinstance(cell, Uniform)
    assert isinstance(gamma, Uniform)
    assert (cell.low, cell.high) == (60.0, 80.0)
    assert (gamma.low, gamma.high) == (-0.004, -0.003)
    explicit = evaluate(
        orbit_cell_temperature_c=(60.0, 80.0),
        temperature_coefficient_per_k=(-0.004, -0.003),
        samples=200,
    )
    assert explicit.numbers == evaluate(samples=200).numbers
