"""C12: solar in orbit yields several times (Google: up to 8x) the same panel on the ground."""

from __future__ import annotations

import numpy as np
import pvlib
import pytest

from terawatt.claims import Verdict
from terawatt.claims.c12_orbital_solar import evaluate, life_mean_factor
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


def test_life_mean_factor() -> None:
    """Mean of (1 - d)^t over [0, L]: 1 without degradation, ~1 - dL/2 for small dL."""
    assert life_mean_factor(0.0, 5.0) == pytest.approx(1.0)
    assert life_mean_factor(0.005, 30.0) == pytest.approx(1 - 0.005 * 30 / 2, abs=4e-3)
    d, life = 0.025, 5.0
    exact = ((1 - d) ** life - 1) / (life * np.log(1 - d))
    assert life_mean_factor(d, life) == pytest.approx(exact, rel=1e-12)
    with pytest.raises(InputError, match="degradation_per_year"):
        life_mean_factor(1.0, 5.0)


def test_am0_ratio_of_silicon_is_the_spectra() -> None:
    """The table's 0.88-0.92 brackets the ideal 1.12 eV photocurrent per W, AM0 over
    AM1.5G, from the ASTM G173-03 spectra that ship with pvlib (0.899)."""
    spectra = pvlib.spectrum.get_reference_spectra(standard="ASTM G173-03")
    nm = spectra.index.to_numpy()
    cutoff = 1239.84 / 1.12  # nm
    per_w = {}
    for col in ("extraterrestrial", "global"):
        e = spectra[col].to_numpy()
        photons = np.where(nm <= cutoff, e * nm, 0.0)
        per_w[col] = np.trapezoid(photons, nm) / np.trapezoid(e, nm)
    ratio = per_w["extraterrestrial"] / per_w["global"]
    assert ratio == pytest.approx(0.899, abs=0.002)
    spectral = load_parameter_table()["orbital_solar.am0_efficiency_ratio.silicon"].default
    assert isinstance(spectral, Uniform)
    assert spectral.low < ratio < spectral.high


def test_several_times_holds_where_solar_is_built(verdict: Verdict) -> None:
    """Was P = 1.00 (median over four sun-belt sites on trackers, 3.6x; no spectrum, no
    degradation). Now the site (weighted by PV installed in its country, China's Golmud
    ~74 %) and the mounting (trackers 40 %) are drawn, the silicon cell loses ~10 % in the
    AM0 spectrum and each side degrades over its life: median ~4.0x, 90 % range ~3.2-6.7x,
    P(>= 3) ~ 0.99 -- still holds, but only up to a threshold of ~3.4x."""
    assert verdict.verdict == "holds"
    assert 0.97 < verdict.probability < 1.0
    assert 3.7 < verdict.number("ratio_p50").value < 4.3
    assert 3.0 < verdict.number("ratio_p5").value < 3.5
    assert 3.2 < verdict.number("threshold_holds_up_to").value < 3.5
    assert 4.7 < verdict.number("threshold_fails_from").value < 5.5
    # the best desert on trackers is below 3x in the central case
    assert verdict.number("ratio_atacama_single_axis").value < 2.9
    assert "atacama" in verdict.number("ratio_min_all").description
    for key in ("phoenix", "riyadh", "golmud"):
        assert 3.2 < verdict.number(f"ratio_{key}_single_axis").value < 3.6
        assert 3.8 < verdict.number(f"ratio_{key}_fixed").value < 4.2
    assert sum(n.value for n in verdict.numbers if n.name.startswith("weight_")) == (
        pytest.approx(1.0)
    )
    # 11,450 kWh/m²/yr of light; 60-80 C (x0.84), AM0 (x0.90), 5 years at 2.5 %/yr (x0.94)
    assert verdict.number("orbit_yield").value == pytest.approx(8160.0, rel=0.02)
    assert verdict.number("ground_life_factor").value == pytest.approx(0.928, abs=0.005)


def test_googles_8x_is_a_cloudy_fixed_panel_by_irradiation(verdict: Verdict) -> None:
    """8x needs a ground yield of orbit/8 ~ 1,020 kWh/m²/yr per unit efficiency, below
    even London's fixed panel (~1,160). By irradiation alone London's fixed panel is at
    ~8.9x and Germany's at ~8.3x: "up to 8x" is the cloudy case before the orbit's hot,
    AM0-mismatched, degrading cells are counted; at the desert trackers 3-4x."""
    for8 = verdict.number("ground_yield_for_8x").value
    assert for8 == pytest.approx(verdict.number("orbit_yield").value / 8.0)
    assert 950.0 < for8 < 1100.0
    assert 6.5 < verdict.number("ratio_london_fixed").value < 7.5
    assert 6.0 < verdict.number("ratio_germany_fixed").value < 7.0
    assert verdict.number("ratio_insolation_london_fixed").value > 8.0
    assert verdict.number("ratio_insolation_germany_fixed").value > 8.0
    assert verdict.number("ratio_insolation_phoenix_single_axis").value < 4.5
    assert verdict.number("p_ratio_ge_8").value < 0.01
    assert verdict.number("ratio_max_all").value < 8.0
    assert "london" in verdict.number("ratio_max_all").description


def test_the_verdict_moves_with_its_deciding_assumptions() -> None:
    # Google's figure as the threshold fails everywhere, London and Germany included
    assert evaluate(threshold=8.0, samples=N).verdict == "fails"
    cloudy = evaluate(sites=["london", "germany"], tracking="fixed", threshold=8.0, samples=N)
    assert cloudy.verdict == "fails"
    # at 4x: a coin toss
    assert evaluate(threshold=4.0, samples=N).verdict == "depends"
    # the best desert alone: depends (P ~ 0.6); on trackers only: fails (~2.7x)
    assert evaluate(sites=["atacama"], samples=N).verdict == "depends"
    assert evaluate(sites=["atacama"], tracking="single-axis", samples=N).verdict == "fails"
    # the four sun-belt sites on trackers, equally weighted (the old reading): depends
    belt = evaluate(
        sites=["atacama", "phoenix", "riyadh", "golmud"],
        site_weighting="equal",
        tracking="single-axis",
        samples=N,
    )
    assert belt.verdict == "depends"
    # every shipped site with equal weight: still holds (P ~ 0.94)
    assert evaluate(site_weighting="equal", samples=N).verdict == "holds"
    # a cooler orbit array raises the ratio
    base = evaluate(samples=N).number("ratio_p50").value
    cool = evaluate(orbit_cell_temperature_c=(40.0, 50.0), samples=N)
    assert cool.number("ratio_p50").value > base


def test_same_seed_same_verdict() -> None:
    a, b = evaluate(seed=7, samples=300), evaluate(seed=7, samples=300)
    assert a.to_dict() == b.to_dict()
    assert {n.name for n in a.numbers} >= {"ratio_phoenix_fixed", "ratio_phoenix_single_axis"}


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
    with pytest.raises(InputError, match="site_weighting"):
        evaluate(site_weighting="gdp", samples=10)  # type: ignore[arg-type]


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
