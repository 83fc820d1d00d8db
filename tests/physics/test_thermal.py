"""Tests for terawatt.physics.thermal against published figures and physical properties."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from terawatt.errors import InputError
from terawatt.parameters.table import shipped_table
from terawatt.physics import thermal
from terawatt.physics.constants import STEFAN_BOLTZMANN_W_M2_K4

T_20C_K = 293.15
T_MINUS_20C_K = 253.15

# Starcloud (Lumen Orbit) whitepaper v1.03 (Sept 2024), "Why we should train AI in space",
# radiator section: ε = 0.92 at 20 °C, two faces; α_s = 0.09 in 1366 W/m² sunlight; Earth
# view factor 0.25, albedo 0.3, Earth at −20 °C, Earth infrared absorbed with α = 0.09.
STARCLOUD = {
    "faces": 2,
    "solar_absorptivity": 0.09,
    "solar_flux_w_per_m2": 1366.0,
    "earth_view_factor": 0.25,
    "albedo": 0.3,
    "earth_temperature_k": T_MINUS_20C_K,
}
#: The whitepaper's numbers follow from the rounded σ = 5.67e-8 W m⁻² K⁻⁴.
STARCLOUD_SIGMA_W_M2_K4 = 5.67e-8

temperatures = st.floats(1.0, 2000.0)
emissivities = st.floats(0.01, 1.0)
fractions = st.floats(0.0, 1.0)


def test_ideal_two_sided_black_radiator_at_20c() -> None:
    # 2 σ T⁴ at 293.15 K = 2 x 418.77 = 837.53 W/m² (CODATA σ); tolerance 0.1 W/m².
    q = thermal.radiator_net_flux_w_per_m2(T_20C_K, 1.0)
    assert float(q) == pytest.approx(837.5, abs=0.1)
    assert float(thermal.blackbody_flux_w_per_m2(T_20C_K)) == pytest.approx(418.77, abs=0.01)


def test_starcloud_radiator_reproduced(monkeypatch: pytest.MonkeyPatch) -> None:
    # Starcloud: 770.48 (emission) − 122.94 (sunlight) − 14.46 (Earth) = 633.08 W/m².
    # Their 14.46 is albedo α_s·S·a·F = 0.09·1366·0.3·0.25 = 9.22 plus Earth IR absorbed with
    # the *solar* absorptivity, 0.09·0.25·σ·253.15⁴ = 5.24. Their figures use σ = 5.67e-8;
    # with it every term matches to 0.01 W/m².
    monkeypatch.setattr(thermal, "STEFAN_BOLTZMANN_W_M2_K4", STARCLOUD_SIGMA_W_M2_K4)
    emitted = thermal.radiator_net_flux_w_per_m2(T_20C_K, 0.92)
    assert float(emitted) == pytest.approx(770.48, abs=0.01)
    sun = thermal.absorbed_flux_w_per_m2(0.0, solar_absorptivity=0.09, solar_flux_w_per_m2=1366)
    assert float(sun) == pytest.approx(122.94, abs=0.01)
    sun_and_albedo = thermal.absorbed_flux_w_per_m2(
        0.0, solar_absorptivity=0.09, solar_flux_w_per_m2=1366, earth_view_factor=0.25, albedo=0.3
    )
    albedo = sun_and_albedo - sun
    assert float(albedo) == pytest.approx(9.22, abs=0.01)
    earth_ir = thermal.absorbed_flux_w_per_m2(
        0.09, earth_view_factor=0.25, earth_temperature_k=T_MINUS_20C_K
    )
    assert float(earth_ir) == pytest.approx(5.24, abs=0.01)
    assert float(albedo + earth_ir) == pytest.approx(14.46, abs=0.01)
    net = thermal.radiator_net_flux_w_per_m2(T_20C_K, 0.92, ir_absorptivity=0.09, **STARCLOUD)
    assert float(net) == pytest.approx(633.08, abs=0.01)


def test_starcloud_radiator_with_codata_sigma() -> None:
    # Same assumptions with the exact CODATA σ: 770.53 − 122.94 − 14.46 = 633.13 W/m².
    net = thermal.radiator_net_flux_w_per_m2(T_20C_K, 0.92, ir_absorptivity=0.09, **STARCLOUD)
    assert float(net) == pytest.approx(633.13, abs=0.01)


def test_starcloud_radiator_corrected_by_kirchhoff() -> None:
    # Correction: at a given wavelength absorptivity equals emissivity (Kirchhoff). Earth's
    # infrared (~10 µm) lies in the same band as the radiator's own emission at 293 K, so the
    # radiator absorbs it with α_IR = ε = 0.92, not with the solar-band α_s = 0.09.
    # Earth IR absorbed = 0.92·0.25·σ·253.15⁴ = 53.56 W/m² (not 5.24); Earth total 62.78
    # W/m² (not 14.46); net 584.81 W/m² (CODATA σ) instead of 633.08: 7.6 % less heat per
    # m², so 8.3 % more radiator area than the whitepaper's figure.
    earth_ir = thermal.absorbed_flux_w_per_m2(
        0.92, earth_view_factor=0.25, earth_temperature_k=T_MINUS_20C_K
    )
    assert float(earth_ir) == pytest.approx(53.56, abs=0.01)
    net = thermal.radiator_net_flux_w_per_m2(T_20C_K, 0.92, **STARCLOUD)  # α_IR = ε
    assert float(net) == pytest.approx(584.81, abs=0.01)
    assert 633.08 / float(net) == pytest.approx(1.0826, abs=1e-4)
    # With the usual 255 K effective Earth (240 W/m² OLR) it is 583.22 W/m².
    std = thermal.radiator_net_flux_w_per_m2(
        T_20C_K, 0.92, **{**STARCLOUD, "earth_temperature_k": 255.0}
    )
    assert float(std) == pytest.approx(583.22, abs=0.01)


def test_iss_photovoltaic_radiator() -> None:
    # Boeing/NASA, ISS Active Thermal Control System (ATCS) Overview: each photovoltaic
    # radiator (PVR) rejects up to 14 kW with 42.4 m² (3.12 m x 13.6 m) of panel, mass 741 kg.
    # Implied net flux 330.2 W/m² of panel. A two-sided panel with a white coating (ε ≈ 0.92)
    # emits 597 W/m² at 275 K and 845 W/m² at 300 K with no environment, so 330 W/m² is 55 %
    # (39 %) of ideal: plausible for a ~275 K panel once Earth IR/albedo on both faces and fin
    # efficiency < 1 are counted, and more than one face alone could emit at 275 K (298 W/m²).
    flux = 14e3 / 42.4
    assert flux == pytest.approx(330.19, abs=0.01)
    two_face_275 = float(thermal.radiator_net_flux_w_per_m2(275.0, 0.92))
    one_face_275 = float(thermal.radiator_net_flux_w_per_m2(275.0, 0.92, faces=1))
    assert two_face_275 == pytest.approx(596.71, abs=0.01)
    assert one_face_275 < flux < two_face_275
    assert float(thermal.radiator_area_m2(14e3, flux)) == pytest.approx(42.4)
    # Lower bound on its temperature (no environmental load): 237.2 K.
    t_min = float(thermal.radiator_temperature_k(14e3, 42.4, 0.92))
    assert t_min == pytest.approx(237.18, abs=0.01)
    # Areal mass 741 kg / 42.4 m² = 17.48 kg/m².
    areal = 741.0 / 42.4
    assert areal == pytest.approx(17.48, abs=0.01)
    assert float(thermal.radiator_mass_kg(42.4, areal)) == pytest.approx(741.0)


def test_earth_view_factor_nadir_plate() -> None:
    # Howell's catalogue, plate element facing a sphere: F = (R/(R+h))²; 0.8475 at 550 km.
    assert float(thermal.earth_view_factor_nadir_plate(550e3)) == pytest.approx(0.8475, abs=1e-4)
    assert float(thermal.earth_view_factor_nadir_plate(0.0)) == 1.0
    f = thermal.earth_view_factor_nadir_plate(np.array([400e3, 1000e3, 36_000e3]))
    assert np.all(np.diff(f) < 0)


def test_scalar_and_array_runs() -> None:
    q = thermal.radiator_net_flux_w_per_m2(300.0, 0.9)
    assert isinstance(q, np.ndarray)
    assert q.shape == ()
    grid = thermal.radiator_net_flux_w_per_m2(
        np.array([250.0, 300.0, 350.0]), np.array([[0.8], [0.9]]), faces=np.array([[1], [2]])
    )
    assert grid.shape == (2, 3)
    assert grid[1, 1] == pytest.approx(2 * 0.9 * STEFAN_BOLTZMANN_W_M2_K4 * 300.0**4)
    area = thermal.radiator_area_m2(np.array([1e3, 2e3]), grid[:, :1])
    assert area.shape == (2, 2)
    t = thermal.radiator_temperature_k(np.array([1e3, 1e6]), 100.0, 0.9)
    assert t.shape == (2,)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: thermal.radiator_net_flux_w_per_m2(300.0, 1.2), "emissivity"),
        (lambda: thermal.radiator_net_flux_w_per_m2(300.0, 0.0), "emissivity"),
        (lambda: thermal.radiator_net_flux_w_per_m2([300.0, -1.0], 0.9), "temperature_k"),
        (lambda: thermal.radiator_net_flux_w_per_m2(300.0, 0.9, faces=3), "faces"),
        (lambda: thermal.radiator_net_flux_w_per_m2(300.0, 0.9, faces=0), "faces"),
        (
            lambda: thermal.radiator_net_flux_w_per_m2(300.0, 0.9, solar_absorptivity=1.5),
            "solar_absorptivity",
        ),
        (
            lambda: thermal.radiator_net_flux_w_per_m2(300.0, 0.9, earth_view_factor=-0.1),
            "earth_view_factor",
        ),
        (lambda: thermal.radiator_net_flux_w_per_m2(300.0, 0.9, albedo=2.0), "albedo"),
        (
            lambda: thermal.radiator_net_flux_w_per_m2(300.0, 0.9, ir_absorptivity=1.1),
            "ir_absorptivity",
        ),
        (lambda: thermal.radiator_area_m2(1e3, 0.0), "net_flux_w_per_m2"),
        (lambda: thermal.radiator_area_m2(1e3, [10.0, -5.0]), "net_flux_w_per_m2"),
        (lambda: thermal.radiator_area_m2(-1e3, 10.0), "heat_w"),
        (lambda: thermal.radiator_mass_kg(-1.0, 5.0), "area_m2"),
        (lambda: thermal.earth_view_factor_nadir_plate(-1.0), "altitude_m"),
        (lambda: thermal.radiator_temperature_k(1e3, 0.0, 0.9), "area_m2"),
        (lambda: thermal.radiator_temperature_k(1e3, 1.0, 0.9, faces=4), "faces"),
        (lambda: thermal.blackbody_flux_w_per_m2(float("nan")), "temperature_k"),
    ],
)
def test_bad_input_names_field(call: object, field: str) -> None:
    with pytest.raises(InputError) as info:
        call()  # type: ignore[operator]
    assert info.value.field == field


def test_cannot_reject_heat_when_too_cold() -> None:
    # A 150 K panel in full sunlight absorbs more than it emits: no area can reject heat.
    q = thermal.radiator_net_flux_w_per_m2(
        150.0, 0.9, solar_absorptivity=0.2, solar_flux_w_per_m2=1361.0
    )
    assert float(q) < 0
    with pytest.raises(InputError, match="cannot reject heat"):
        thermal.radiator_area_m2(1e3, q)


# --- properties --------------------------------------------------------------------------


@given(t1=temperatures, t2=temperatures, eps=emissivities, faces=st.sampled_from([1, 2]))
def test_flux_increases_with_temperature(t1: float, t2: float, eps: float, faces: int) -> None:
    lo, hi = sorted((t1, t2))
    env = {"solar_absorptivity": 0.2, "solar_flux_w_per_m2": 1361.0, "earth_view_factor": 0.5}
    q_lo = thermal.radiator_net_flux_w_per_m2(lo, eps, faces=faces, **env)
    q_hi = thermal.radiator_net_flux_w_per_m2(hi, eps, faces=faces, **env)
    assert q_lo <= q_hi


@given(t=st.floats(256.0, 2000.0), e1=emissivities, e2=emissivities, view=fractions)
def test_flux_increases_with_emissivity(t: float, e1: float, e2: float, view: float) -> None:
    # With α_IR = ε this holds whenever the radiator is warmer than the Earth (255 K).
    lo, hi = sorted((e1, e2))
    q_lo = thermal.radiator_net_flux_w_per_m2(t, lo, faces=1, earth_view_factor=view)
    q_hi = thermal.radiator_net_flux_w_per_m2(t, hi, faces=1, earth_view_factor=view)
    assert q_lo <= q_hi


@given(
    a1=fractions,
    a2=fractions,
    s=st.floats(0.0, 3000.0),
    view=fractions,
    albedo=fractions,
    t_earth=st.floats(0.0, 400.0),
)
def test_flux_decreases_with_absorbed_loads(
    *, a1: float, a2: float, s: float, view: float, albedo: float, t_earth: float
) -> None:
    lo, hi = sorted((a1, a2))
    env = {"solar_flux_w_per_m2": s, "albedo": albedo, "earth_temperature_k": t_earth}
    q = thermal.radiator_net_flux_w_per_m2
    assert q(300.0, 0.9, solar_absorptivity=hi, earth_view_factor=view, **env) <= q(
        300.0, 0.9, solar_absorptivity=lo, earth_view_factor=view, **env
    )
    more_earth = q(300.0, 0.9, solar_absorptivity=lo, earth_view_factor=1.0, **env)
    assert more_earth <= q(300.0, 0.9, solar_absorptivity=lo, earth_view_factor=view, **env)
    no_env = q(300.0, 0.9)
    assert q(300.0, 0.9, solar_absorptivity=lo, earth_view_factor=view, **env) <= no_env


@given(heat=st.floats(0.0, 1e12), flux=st.floats(1e-3, 1e5))
def test_area_times_flux_is_heat(heat: float, flux: float) -> None:
    area = thermal.radiator_area_m2(heat, flux)
    assert float(area * flux) == pytest.approx(heat, rel=1e-12)


@given(
    t=st.floats(150.0, 1500.0),
    eps=emissivities,
    faces=st.sampled_from([1, 2]),
    alpha_s=fractions,
    view=fractions,
    area=st.floats(1e-2, 1e6),
)
def test_round_trip_temperature_flux_temperature(
    *, t: float, eps: float, faces: int, alpha_s: float, view: float, area: float
) -> None:
    env = {
        "solar_absorptivity": alpha_s,
        "solar_flux_w_per_m2": 1361.0,
        "earth_view_factor": view,
        "albedo": 0.3,
    }
    q = float(thermal.radiator_net_flux_w_per_m2(t, eps, faces=faces, **env))
    assume(q > 0.0)
    absorbed = thermal.absorbed_flux_w_per_m2(eps, **env)
    t_back = thermal.radiator_temperature_k(q * area, area, eps, faces, absorbed)
    assert float(t_back) == pytest.approx(t, rel=1e-9)


# --- radiator realism: radiating fins, view factors, the lumped node -----------------------


def _fin_efficiency_by_bvp(n: float) -> float:
    """The radiating fin θ'' = N θ⁴, θ(0) = 1, θ'(1) = 0 solved by scipy's collocation."""
    from scipy.integrate import solve_bvp  # noqa: PLC0415

    x = np.linspace(0.0, 1.0, 201)
    y0 = np.vstack([np.ones_like(x), np.zeros_like(x)])
    sol = solve_bvp(
        lambda _x, y: np.vstack([y[1], n * np.maximum(y[0], 0.0) ** 4]),
        lambda ya, yb: np.array([ya[0] - 1.0, yb[1]]),
        x,
        y0,
        tol=1e-10,
        max_nodes=100_000,
    )
    assert sol.success
    return float(-sol.sol(0.0)[1] / n)  # root heat over the isothermal fin's emission


@pytest.mark.parametrize("n", [0.01, 0.1, 0.5, 2.0, 10.0])
def test_radiating_fin_efficiency_matches_a_boundary_value_solver(n: float) -> None:
    """The tabulated first-integral solution against an independent collocation solve: 1e-5."""
    assert float(thermal.radiating_fin_efficiency(n)) == pytest.approx(
        _fin_efficiency_by_bvp(n), abs=1e-5
    )


def test_radiating_fin_efficiency_limits() -> None:
    """η = 1 − 4N/3 + O(N²) for a short fin (Karam 1998, ch. 5, linearised fin) and
    √(2/(5N)) for a long one (the tip at deep-space temperature: Lieblein 1959)."""
    assert float(thermal.radiating_fin_efficiency(0.0)) == 1.0
    for n in (1e-9, 1e-6, 1e-4):
        assert float(thermal.radiating_fin_efficiency(n)) == pytest.approx(
            1 - 4 * n / 3, abs=5 * n**2 + 1e-10
        )
    assert float(thermal.radiating_fin_efficiency(1e4)) == pytest.approx(
        np.sqrt(2 / (5 * 1e4)), rel=1e-3
    )
    eta = thermal.radiating_fin_efficiency(np.geomspace(1e-6, 1e3, 200))
    assert np.all(np.diff(eta) < 0)
    with pytest.raises(InputError, match="profile_number"):
        thermal.radiating_fin_efficiency(1e7)
    with pytest.raises(InputError, match="profile_number"):
        thermal.radiating_fin_efficiency(-1.0)


def test_profile_number_of_an_aluminium_face_sheet() -> None:
    """ε σ T³ L²/(k t): 0.92, 305 K, 5 cm half-pitch, 0.5 mm of 6061 (167 W/m/K): 0.0443,
    a fin efficiency of 0.946 (an isothermal panel would overstate emission by 5.7 %)."""
    n = float(thermal.radiating_fin_profile_number(305.0, 0.92, 0.05, 0.5e-3, 167.0))
    expected = 0.92 * STEFAN_BOLTZMANN_W_M2_K4 * 305.0**3 * 0.05**2 / (167.0 * 0.5e-3)
    assert n == pytest.approx(expected, rel=1e-12)
    assert n == pytest.approx(0.0443, abs=1e-4)
    assert float(thermal.radiating_fin_efficiency(n)) == pytest.approx(0.946, abs=1e-3)
    with pytest.raises(InputError, match="thickness_m"):
        thermal.radiating_fin_profile_number(305.0, 0.92, 0.05, 0.0, 167.0)


def test_view_factor_perpendicular_plates() -> None:
    """Howell C-14 / Incropera Table 13.2: two equal squares sharing an edge see 0.2000 of
    each other; reciprocity A₁F₁₂ = A₂F₂₁; a plate a tiny width high sees half its sky
    filled by a wide floor (F → 0.5)."""
    assert float(thermal.view_factor_perpendicular_plates(1.0, 1.0, 1.0)) == pytest.approx(
        0.2000, abs=1e-4
    )
    x, y, z = 3.0, 1.5, 4.0
    f12 = float(thermal.view_factor_perpendicular_plates(x, y, z))
    f21 = float(thermal.view_factor_perpendicular_plates(x, z, y))
    assert x * y * f12 == pytest.approx(x * z * f21, rel=1e-12)
    assert float(thermal.view_factor_perpendicular_plates(1e3, 1e-3, 1e3)) == pytest.approx(
        0.5, abs=1e-3
    )


def test_radiator_temperature_step_conserves_energy_and_is_stable() -> None:
    """C (T₁ − T₀) = dt (Q_in − Q_out) to rounding; the steady state is a fixed point; steps
    of a twentieth of the time constant approach it without overshoot, and steps a hundred
    time constants long still converge to it (stable, if not accurate)."""
    k = 2 * 0.92 * STEFAN_BOLTZMANN_W_M2_K4 * 100.0  # 100 m², two faces
    t_ss = 300.0
    q_ss = k * (t_ss - 5.0) ** 4
    t1, q = thermal.radiator_temperature_step(t_ss, q_ss, k, 1e6, 10.0, 5.0)
    assert float(t1) == pytest.approx(t_ss, abs=1e-12)
    assert float(q) == pytest.approx(q_ss, rel=1e-12)
    t1, q = thermal.radiator_temperature_step(320.0, q_ss, k, 1e6, 10.0, 5.0)
    assert 1e6 * (float(t1) - 320.0) == pytest.approx(10.0 * (q_ss - float(q)), rel=1e-12)
    tau = 1e6 / (4 * k * (t_ss - 5.0) ** 3)
    for start in (250.0, 350.0):
        t = np.array(start)
        for _ in range(400):
            t, _q = thermal.radiator_temperature_step(t, q_ss, k, 1e6, tau / 20, 5.0)
            assert min(start, t_ss) - 1e-9 <= float(t) <= max(start, t_ss) + 1e-9
        assert float(t) == pytest.approx(t_ss, abs=1e-3)
        for _ in range(30):
            t, _q = thermal.radiator_temperature_step(t, q_ss, k, 1e6, 100 * tau, 5.0)
        assert float(t) == pytest.approx(t_ss, abs=1e-6)


def test_iss_photovoltaic_radiator_with_fins_and_earth_infrared() -> None:
    """Check against a flown panel, with the realism the sizing now has.

    ISS photovoltaic radiator (Boeing/NASA ATCS overview, as above): 14 kW from 42.4 m²,
    330 W/m² of panel. Our panel model at a 275 K (2 °C) ammonia loop, with the design's
    face sheets (0.5 mm aluminium, tubes 10 cm apart, 5 K tube-to-sheet drop), ε = 0.92 and
    the Earth's infrared on both faces at the ISS's ~410 km, rejects 407 W/m²: the rated
    330 W/m² is 81 % of it. Tolerance: the rating must be 70-100 % of the model, since the
    rating holds in the hot case (sun off the edge, albedo, coatings degraded by years of
    ultraviolet) that this check leaves out; the isothermal panel without the Earth
    (597 W/m², the test above) overstated it by 81 %, the isothermal panel with the Earth
    (471 W/m²) by 43 %. Areal mass: 17.5 kg/m² for the ISS PVR (741 kg, above) and 7.8 kg/m²
    for the Space Station Freedom PV radiator panels (SAE paper 932151, 1993); the design's
    default 10 kg/m² lies between."""
    from terawatt.space.satellite import earth_view_factor_vertical_plate  # noqa: PLC0415

    rated = 14e3 / 42.4
    t_root = 275.0 - 5.0
    eta = thermal.radiating_fin_efficiency(
        thermal.radiating_fin_profile_number(t_root, 0.92, 0.05, 0.5e-3, 167.0)
    )
    earth = thermal.absorbed_flux_w_per_m2(
        0.92, earth_view_factor=2 * earth_view_factor_vertical_plate(410e3)
    )
    model = float(eta * 2 * 0.92 * thermal.blackbody_flux_w_per_m2(t_root) - earth)
    assert model == pytest.approx(407.0, abs=1.0)
    assert 0.70 <= rated / model <= 1.0
    isothermal = float(thermal.radiator_net_flux_w_per_m2(275.0, 0.92) - earth)
    assert rated / isothermal < rated / model
    default = shipped_table()["satellite.radiator.areal_mass"].central()
    assert 7.8 <= default <= 741.0 / 42.4
