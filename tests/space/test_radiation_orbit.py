"""Radiation along an orbit: the AE-8/AP-8 port, the orbit average, published dose-depth curves."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from numpy.testing import assert_allclose

from terawatt.errors import InputError
from terawatt.space import radbelt
from terawatt.space import radiation as sr
from terawatt.space import radiation_effects as fx

MM_AL_KG_M2 = 2.699  # 1 mm of aluminium (2.699 g/cm^3) is 2.699 kg/m^2

# SPENVIS 4.6.11, SHIELDOSE-2, dose in Si at the centre of Al spheres, 550 km circular,
# AP-8 MIN and AE-8 MAX, 5 years from 1 Jan 2023: Pfandzelter & Bermbach, LEO edge
# failure models (github.com/pfandzelter/leo-edge-failure-models), files
# compute-failure/results/100.txt (100 deg) and 50.txt (50 deg). Columns: Al thickness
# [mm], electrons, bremsstrahlung, trapped protons [rad over 5 years].
SPENVIS_550KM = {
    100.0: [
        (1.0, 31824.0, 151.84, 1354.5),
        (2.0, 10555.0, 74.644, 975.06),
        (3.0, 4277.6, 48.157, 827.89),
        (4.0, 1802.9, 35.569, 750.57),
        (5.0, 745.19, 28.281, 693.52),
        (6.0, 292.04, 23.659, 655.85),
        (8.0, 38.864, 18.165, 595.85),
        (10.0, 4.0993, 15.132, 550.14),
        (14.0, 0.0076281, 11.850, 481.72),
        (20.0, 0.0, 9.2703, 402.46),
    ],
    50.0: [
        (1.0, 16384.0, 113.07, 2338.8),
        (3.0, 2254.5, 37.003, 1344.5),
        (5.0, 413.93, 22.512, 1108.5),
        (10.0, 2.6725, 12.021, 868.33),
        (20.0, 0.0, 6.9117, 629.92),
    ],
}


@pytest.fixture(scope="module")
def params() -> sr.RadiationParams:
    return sr.RadiationParams.from_table()


def _spenvis_mix(env: sr.OrbitEnvironment) -> sr.OrbitEnvironment:
    """AP-8 MIN with AE-8 MAX (SPENVIS's worst case), read through solar_max_fraction = 0."""
    return dataclasses.replace(env, protons_max=env.protons_min, electrons_min=env.electrons_max)


def test_trara_port_matches_radbelt_fortran() -> None:
    import radbelt as nasa  # noqa: PLC0415

    rng = np.random.default_rng(7)
    lon, lat = rng.uniform(-180, 180, 15), rng.uniform(-70, 70, 15)
    height = rng.uniform(300, 3000, 15)
    lv, bb0 = radbelt.field_l_bb0(lon, lat, height, 1970.0)
    cases = {"p": [0.5, 5.0, 30.0, 100.0, 300.0], "e": [0.05, 0.5, 1.0, 3.0, 6.0]}
    for particle, solar in radbelt.MODELS:
        energies = np.array(cases[particle])
        ours = radbelt.integral_flux(radbelt.load_model(particle, solar), lv, bb0, energies)
        theirs = np.array(
            [
                [float(nasa.aep8(e, lv_, b_, particle, solar)) for e in energies]
                for lv_, b_ in zip(lv, bb0, strict=True)
            ]
        )
        # the Fortran is single precision: agreement to 1e-4 of the flux
        assert_allclose(ours, theirs, rtol=1e-4, atol=1e-6)
        assert ours.max() > 1e3  # the points reach into the belts


@pytest.mark.parametrize("inclination", [100.0, 50.0])
def test_dose_depth_matches_spenvis_shieldose2(
    params: sr.RadiationParams, inclination: float
) -> None:
    env = _spenvis_mix(sr.orbit_environment(550e3, inclination))
    rows = np.array(SPENVIS_550KM[inclination])
    mm, electrons, brems, protons = rows.T / np.array([1.0, 5.0, 5.0, 5.0])[:, None]  # per year
    p0 = dataclasses.replace(params, solar_max_fraction=0.0)
    dose = sr.dose_breakdown(env, mm * MM_AL_KG_M2, p0)
    ours_p = dose.trapped_protons * 100.0
    ours_e = (dose.trapped_electrons + dose.bremsstrahlung) * 100.0
    # trapped protons: within 15 % of SHIELDOSE-2 from 2 to 20 mm (our CSDA sphere against
    # its Monte Carlo kernels; the same AP-8 MIN map)
    sel = mm >= 2.0
    assert_allclose(ours_p[sel], protons[sel], rtol=0.15)
    # trapped electrons with bremsstrahlung: within 30 % where they exceed 20 rad/yr
    # (1-6 mm at 100 deg, 1-5 mm at 50 deg); behind more, SHIELDOSE-2's bremsstrahlung
    # (which our one-energy photon term underestimates by up to 2x) is a third of it
    ref_e = electrons + brems
    sel = ref_e > 20.0
    assert_allclose(ours_e[sel], ref_e[sel], rtol=0.30)
    # the trapped total within 25 % at every depth from 1 to 20 mm
    assert_allclose(ours_p + ours_e, protons + ref_e, rtol=0.25)


def test_suncatcher_650km_five_year_dose(params: sr.RadiationParams) -> None:
    # Google, Project Suncatcher (arXiv:2511.19468, 2025): an expected shielded 5-year dose
    # of ~0.75 krad(Si) at 650 km dawn-dusk SSO. The paper's shield is not restated in our
    # reading; behind 10 mm of aluminium (an assumed, common box wall) the model's 5-year
    # dose lies within a factor 1.5 of it
    env = sr.orbit_environment(650e3)
    dose = sr.dose_breakdown(env, 10 * MM_AL_KG_M2, params)
    five_year_rad = float(dose.total) * 100.0 * 5.0
    assert 750.0 / 1.5 < five_year_rad < 750.0 * 1.5


def test_orbit_average_is_insensitive_to_coarser_sampling(params: sr.RadiationParams) -> None:
    # halving the span or doubling the step moves the orbit-averaged dose by < 5 %
    x = 3 * MM_AL_KG_M2
    ref = float(sr.dose_breakdown(sr.orbit_environment(650e3), x, params).total)
    for kwargs in ({"days": sr.ORBIT_DAYS / 2}, {"step_s": sr.ORBIT_STEP_S * 2}):
        env = sr.orbit_environment(650e3, **kwargs)  # type: ignore[arg-type]
        assert float(sr.dose_breakdown(env, x, params).total) == pytest.approx(ref, rel=0.05)


@pytest.mark.slow
@pytest.mark.parametrize("altitude_km", [400.0, 650.0, 1400.0])
def test_orbit_average_converged(params: sr.RadiationParams, altitude_km: float) -> None:
    # the default sampling is within 2 % of four times as many samples (20 days at 100 s)
    x = np.array([3.0, 10.0]) * MM_AL_KG_M2
    ref = sr.dose_breakdown(sr.orbit_environment(altitude_km * 1e3), x, params).total
    dense = sr.orbit_environment(altitude_km * 1e3, days=4 * sr.ORBIT_DAYS, step_s=100.0)
    assert_allclose(sr.dose_breakdown(dense, x, params).total, ref, rtol=0.02)


def test_inner_belt_dose_and_array_loss_at_1400km(params: sr.RadiationParams) -> None:
    # the eclipse-free shell sits in the inner proton belt: behind the same 3 mm the
    # trapped-proton dose is > 10x that at 650 km, and the array loses more power
    low = sr.orbit_environment(650e3)
    high = sr.orbit_environment(1400e3)
    x = 3 * MM_AL_KG_M2
    p_low = float(sr.dose_breakdown(low, x, params).trapped_protons)
    p_high = float(sr.dose_breakdown(high, x, params).trapped_protons)
    assert p_high > 10 * p_low
    a_low = fx.array_remaining_power(low, 5.0, params)
    a_high = fx.array_remaining_power(high, 5.0, params)
    for cell in ("triple_junction", "silicon"):
        assert 0.0 < a_high[cell]["remaining_power"] < a_low[cell]["remaining_power"] <= 1.0
    # silicon cells lose more than triple-junction cells (JPL handbooks)
    assert a_high["silicon"]["remaining_power"] < a_high["triple_junction"]["remaining_power"]


def test_chip_effects_add_to_the_ground_rate(params: sr.RadiationParams) -> None:
    env = sr.orbit_environment(650e3)
    dose = sr.dose_breakdown(env, 5 * MM_AL_KG_M2, params)
    tested = fx.chip_effects(env, dose, "Google TPU v6e Trillium", 5.0, params)
    untested = fx.chip_effects(env, dose, "NVIDIA B200", 5.0, params)
    assert tested["beam_tested"]
    assert not untested["beam_tested"]
    # the wider spread of the untested chip fails more parts by its 5th percentile
    assert untested["tid_life_p5_years"] < tested["tid_life_p5_years"]
    for effects in (tested, untested):
        assert effects["added_failure_rate_per_year"] == pytest.approx(
            effects["tid_failure_rate_per_year"] + effects["see_permanent_per_year"]
        )
        assert effects["see_interruptions_per_year"] > 0.0
        # TID life at the median: median dose over the dose rate
        assert effects["tid_life_median_years"] == pytest.approx(
            effects["tid_median_gy"] / float(dose.total), rel=1e-6
        )


def test_dose_table_two_depths(params: sr.RadiationParams) -> None:
    rows = sr.dose_table([650e3, 1400e3], [0.81 * 10, 2.7 * 10], params)
    assert len(rows) == 4
    for r in rows:
        parts = (
            r["trapped_protons"] + r["trapped_electrons"] + r["cosmic_rays"] + r["solar_protons"]
        )
        assert r["total"] == pytest.approx(parts)
    thin_650, thick_650, thin_1400, thick_1400 = (r["total"] for r in rows)
    assert thick_650 < thin_650
    assert thick_1400 < thin_1400
    assert thin_1400 > thin_650
    assert thick_1400 > thick_650
    assert rows[0]["inclination_deg"] == pytest.approx(97.99, abs=0.01)  # SSO at 650 km


@pytest.mark.slow
def test_dose_table_400_to_2000km_rises_with_altitude() -> None:
    rows = sr.dose_table(np.arange(400e3, 2001e3, 200e3), [0.81 * 10, 2.7 * 10])
    for depth in (0.81, 2.7):
        totals = [r["total"] for r in rows if r["shielding_g_cm2"] == pytest.approx(depth)]
        assert np.all(np.diff(totals) > 0)


def test_geodetic_from_ecef() -> None:
    r = 6_378_137.0 + 650e3
    lon, lat, h = sr.geodetic_from_ecef(np.array([[0.0, r, 0.0], [0.0, 0.0, 6_356_752.314 + 1e3]]))
    assert_allclose(lon[0], 90.0)
    assert_allclose(lat, [0.0, 90.0], atol=1e-9)
    assert_allclose(h, [650e3, 1e3], atol=1e-3)


@pytest.mark.parametrize(
    ("text", "kg_m2"),
    [("3 mm Al", 8.097), ("3 mm", 8.097), ("0.81 g/cm^2", 8.1), ("1 mm Ta", 16.654), ("0", 0.0)],
)
def test_parse_shielding(text: str, kg_m2: float) -> None:
    if text == "0":
        with pytest.raises(InputError, match="--shielding"):
            sr.parse_shielding(text)  # a bare number has no unit to read it in
        return
    assert sr.parse_shielding(text) == pytest.approx(kg_m2, rel=1e-4)


@pytest.mark.parametrize("text", ["3 parsec Al", "3 kg", "thick", "-1 mm", "3 mm unobtainium"])
def test_parse_shielding_rejects(text: str) -> None:
    with pytest.raises(InputError) as info:
        sr.parse_shielding(text)
    assert "\n" not in str(info.value)
    assert "--shielding" in str(info.value)


def test_orbit_out_of_range() -> None:
    with pytest.raises(InputError, match="altitude"):
        sr.orbit_environment(100e3)
    with pytest.raises(InputError, match="inclination"):
        sr.orbit_environment(650e3, 200.0)


def test_without_radbelt_the_error_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(radbelt.importlib.util, "find_spec", lambda name: None)
    assert not radbelt.radbelt_available()
    with pytest.raises(ModuleNotFoundError, match="radbelt"):
        radbelt._radbelt_folder()


def test_geomagnetic_shielding_of_solar_protons_and_cosmic_rays(
    params: sr.RadiationParams,
) -> None:
    # a polar orbit leaves the magnetosphere's field lines open near the poles; at 50 deg the
    # cutoff (16 L^-2 GV >= 0.5 GV) keeps solar protons below ~100 MeV out
    polar = sr.orbit_environment(550e3, 100.0)
    mid = sr.orbit_environment(550e3, 50.0)
    at_1au = sr.spe_integral_spectrum(
        polar.proton_energies_mev,
        params.spe_fluence_30mev_m2_year * 1e-4,
        params.spe_spectral_index,
    )
    for env in (polar, mid):
        reached = sr.solar_proton_fluence(env, params)
        assert np.all(np.diff(reached) <= 0)  # an integral spectrum
        assert np.all(reached <= at_1au * env.open_sky * (1 + 1e-12))
    e30 = np.searchsorted(polar.proton_energies_mev, 30.0)
    assert (
        sr.solar_proton_fluence(mid, params)[e30]
        < 0.01 * sr.solar_proton_fluence(polar, params)[e30]
    )
    gcr = [float(sr.dose_breakdown(env, 10.0, params).cosmic_rays) for env in (polar, mid)]
    assert gcr[0] > 2 * gcr[1]


def test_many_samples_match_one_at_a_time(params: sr.RadiationParams) -> None:
    # the engine's path: one value per sample (depth, solar-maximum share, solar-proton
    # fluence, tolerance) through the tabulated dose-depth curve, against direct sums
    env = sr.orbit_environment(650e3)
    rng = np.random.default_rng(3)
    n = 200
    depth = rng.uniform(2.0, 40.0, n)  # kg/m^2
    sampled = dataclasses.replace(
        params,
        solar_max_fraction=rng.uniform(0.3, 0.7, n),
        spe_fluence_30mev_m2_year=params.spe_fluence_30mev_m2_year * rng.lognormal(0, 1, n),
        tid_median_untested_gy=rng.uniform(50.0, 600.0, n),
        tj_damage_ratio=rng.uniform(300.0, 1000.0, n),
    )
    dose = sr.dose_breakdown(env, depth, sampled)
    effects = fx.chip_effects(env, dose, "NVIDIA B200", 5.0, sampled)
    arrays = fx.array_remaining_power(env, 5.0, sampled)
    assert effects["added_failure_rate_per_year"].shape == (n,)
    assert arrays["triple_junction"]["remaining_power"].shape == (n,)
    for i in range(0, n, 40):
        one = dataclasses.replace(
            params,
            solar_max_fraction=float(sampled.solar_max_fraction[i]),
            spe_fluence_30mev_m2_year=float(sampled.spe_fluence_30mev_m2_year[i]),
            tid_median_untested_gy=float(sampled.tid_median_untested_gy[i]),
            tj_damage_ratio=float(sampled.tj_damage_ratio[i]),
        )
        d1 = sr.dose_breakdown(env, float(depth[i]), one)
        # the tabulated curve is within 2 % of the direct sum in total dose
        assert float(dose.total[i]) == pytest.approx(float(d1.total), rel=0.02)
        assert float(dose.trapped_protons[i]) == pytest.approx(float(d1.trapped_protons), rel=0.01)
        e1 = fx.chip_effects(env, d1, "NVIDIA B200", 5.0, one)
        assert effects["see_permanent_per_year"][i] == pytest.approx(
            e1["see_permanent_per_year"], rel=1e-9
        )
        a1 = fx.array_remaining_power(env, 5.0, one)
        assert arrays["triple_junction"]["remaining_power"][i] == pytest.approx(
            a1["triple_junction"]["remaining_power"], rel=1e-9
        )
