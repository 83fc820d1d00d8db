"""Dose behind aluminium, and its effects: against published stopping powers and ranges."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from terawatt.parameters.distributions import Triangular
from terawatt.parameters.table import shipped_table
from terawatt.physics import radiation as rp


def test_proton_csda_range_in_water_matches_pstar() -> None:
    # NIST PSTAR (Berger, Coursey, Zucker & Chang; ICRU Report 49, 1993), liquid water,
    # CSDA range [g/cm^2]: 10 MeV 0.1230, 50 MeV 2.227, 70 MeV 4.080, 100 MeV 7.718,
    # 200 MeV 25.96. Tolerance 1.5 % of the range: the shell and Barkas corrections this
    # Bethe formula leaves out move the range at 10 MeV by about 1 %.
    energies = np.array([10.0, 50.0, 70.0, 100.0, 200.0])
    pstar = np.array([0.1230, 2.227, 4.080, 7.718, 25.96])
    assert_allclose(rp.proton_range(energies, "water"), pstar, rtol=0.015)


def test_range_and_energy_are_inverse_and_shield_slows_protons() -> None:
    e = np.array([1.0, 10.0, 100.0, 300.0])
    assert_allclose(rp.energy_from_range(rp.proton_range(e)), e, rtol=1e-3)
    # a 100 MeV proton through its own range less 1 g/cm^2 of aluminium keeps the energy
    # whose range is 1 g/cm^2
    r100 = float(rp.proton_range(100.0))
    assert float(rp.proton_energy_after(100.0, r100 - 1.0)) == pytest.approx(
        float(rp.energy_from_range(1.0)), rel=1e-3
    )
    assert float(rp.proton_energy_after(10.0, 1.0)) == 0.0  # stops (range 0.17 g/cm^2)
    assert float(rp.proton_dose_per_fluence(10.0, 1.0)) == 0.0


def test_electron_collision_stopping_power_matches_estar() -> None:
    # NIST ESTAR (ICRU Report 37, 1984), water, 1 MeV: collision stopping power
    # 1.849 MeV cm^2/g. Tolerance 2 %: the density-effect term left out is ~1 % at 1 MeV.
    assert float(rp.electron_collision_stopping_power(1.0, "water")) == pytest.approx(
        1.849, rel=0.02
    )


def test_katz_penfold_range_is_continuous_and_reaches_1mev_value() -> None:
    # Katz & Penfold, Rev. Mod. Phys. 24, 28 (1952): R(1 MeV) = 0.412 g/cm^2; the two
    # branches meet at 2.5 MeV within 1 % (1.212 vs 1.219 g/cm^2)
    assert float(rp.electron_range_katz_penfold(1.0)) == pytest.approx(0.412)
    low, high = rp.electron_range_katz_penfold([2.5 - 1e-9, 2.5 + 1e-9])
    assert low == pytest.approx(high, rel=0.01)


def test_monoenergetic_spectrum_gives_its_kernel() -> None:
    # J(>E) = 1 /cm^2/s below 50 MeV and 0 above: 1 proton/cm^2/s of ~50 MeV, so the dose
    # rate behind 1 g/cm^2 is the dose per proton at 50 MeV (within the quadrature's 3 %)
    e = np.geomspace(0.1, 400.0, 400)
    j = np.where(e <= 50.0, 1.0, 0.0)
    rate = rp.dose_rate_from_integral_spectrum(e, j, 1.0, "p")
    kernel = rp.proton_dose_per_fluence(50.0, 1.0)
    assert float(rate) == pytest.approx(float(kernel), rel=0.03)
    # vectorized: (2 spectra) x (3 depths)
    both = rp.dose_rate_from_integral_spectrum(e, np.stack([j, 2 * j]), [0.1, 1.0, 3.0], "p")
    assert both.shape == (2, 3)
    assert_allclose(both[1], 2 * both[0])
    # the Bragg peak: a shield slows 50 MeV protons, which then deposit more, until their
    # range (2.9 g/cm^2 of aluminium) is used up
    assert both[0, 1] > both[0, 0]
    assert both[0, 2] == 0.0
    broad = rp.dose_rate_from_integral_spectrum(e, 1e3 * e**-1.5, [0.1, 1.0, 3.0], "p")
    assert np.all(np.diff(broad) < 0)  # a broad spectrum: thicker shield, less dose


def test_dose_falls_with_shield_for_every_particle() -> None:
    e = np.geomspace(0.04, 7.0, 30)
    j = 1e6 * np.exp(-e / 0.5)  # an AE-8-like exponential electron spectrum
    depths = [0.05, 0.2, 0.5, 1.0]
    for particle in ("e", "brems"):
        rate = rp.dose_rate_from_integral_spectrum(e, j, depths, particle)
        assert np.all(np.diff(rate) < 0), particle
    with pytest.raises(ValueError, match="particle"):
        rp.dose_rate_from_integral_spectrum(e, j, 1.0, "neutron")


def test_suncatcher_fluence_behind_the_permanent_cross_section_bound() -> None:
    # radiation.see_permanent_cross_section: 15 krad(Si) of 67 MeV protons without a hard
    # failure (Suncatcher) is a fluence D / (S rho-conv); 3 / fluence is the table's bound
    s_si = float(rp.proton_stopping_power(67.0, "silicon"))
    fluence = 150.0 / (s_si * rp.RAD_PER_MEV_PER_G * 0.01)  # Gy / (Gy cm^2 per proton)
    bound_cm2 = 3.0 / fluence
    prior = shipped_table()["radiation.see_permanent_cross_section"].default
    assert isinstance(prior, Triangular)  # the zero-failure posterior's mean, cut at the bound
    table_high_m2 = prior.high
    assert bound_cm2 == pytest.approx(table_high_m2 * 1e4, rel=0.02)


def test_tid_failure_probability_and_life() -> None:
    assert float(rp.failure_probability_tid(300.0, 300.0, 0.4)) == pytest.approx(0.5)
    # 5th percentile of the lognormal: D50 exp(-1.645 sigma)
    d5 = 300.0 * np.exp(-1.6449 * 0.4)
    assert float(rp.failure_probability_tid(d5, 300.0, 0.4)) == pytest.approx(0.05, abs=1e-4)
    assert float(rp.tid_life_years(10.0, 300.0, 0.4, 0.05)) == pytest.approx(d5 / 10.0, rel=1e-4)


def test_remaining_power_reproduces_the_triple_junction_data() -> None:
    # Fetzer et al., IEEE PVSC 2008: Spectrolab XTJ keeps 0.89 of its maximum power after
    # 5e14 1-MeV e/cm^2 (the table's fit point); within 0.005 of power
    table = shipped_table()
    c = table["radiation.cell.triple_junction.c"].central()
    phi_x_cm2 = table["radiation.cell.triple_junction.fluence_x"].central() * 1e-4
    assert float(rp.remaining_power_factor(5e14, c, phi_x_cm2)) == pytest.approx(0.89, abs=0.005)
    assert float(rp.remaining_power_factor(0.0, c, phi_x_cm2)) == 1.0


def test_equivalent_fluence_counts_protons_by_damage_ratio() -> None:
    # 1e10 protons of 10 MeV behind no cover count as 400 x 1e10 x 1/2 (one face)
    phi = rp.equivalent_1mev_electron_fluence(
        np.array([10.0]), np.array([1e10]), np.array([1.0]), np.array([0.0]), 0.0, 400.0, 0.5, 0.2
    )
    assert phi == pytest.approx(0.5 * 400.0 * 1e10, rel=1e-3)


def test_cutoff_and_rigidity() -> None:
    # Shea, Smart & Gentile (1987): R_c = 16 L^-2 GV; a 30 MeV proton: pc = 239.2 MeV
    assert float(rp.stormer_cutoff_rigidity_gv(2.0)) == pytest.approx(4.0)
    assert float(rp.proton_rigidity_gv(30.0)) == pytest.approx(0.2392, rel=1e-3)
