"""Tests for terawatt.physics.comms."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from terawatt.errors import InputError
from terawatt.physics.comms import (
    free_space_path_loss_db,
    light_time_s,
    optical_link_rate_bps,
    optical_received_power_w,
    parabolic_antenna_gain,
    parabolic_antenna_gain_dbi,
    rf_link_rate_bps,
    shannon_capacity_bps,
)
from terawatt.physics.constants import (
    BOLTZMANN_J_K,
    EARTH_EQUATORIAL_RADIUS_WGS84_M,
    PLANCK_J_S,
    SPEED_OF_LIGHT_M_S,
)

R_E = EARTH_EQUATORIAL_RADIUS_WGS84_M
LAMBDA_1550_M = 1550e-9
#: Typical parabolic-dish aperture efficiency (Wertz & Larson, SMAD 3rd ed., sec. 13.3).
SMAD_DISH = 0.55
#: The table's laser-link estimates (comms.optical_efficiency, comms.optical_photons_per_bit).
ETA = 0.5
PHOTON_BUDGET = {"photons_per_bit": 100.0, "optical_efficiency": ETA}
PHOTON_1550_J = PLANCK_J_S * SPEED_OF_LIGHT_M_S / LAMBDA_1550_M

altitudes = st.floats(min_value=100e3, max_value=40_000e3, allow_nan=False)
elevations = st.floats(min_value=0.0, max_value=90.0, allow_nan=False)
distances = st.floats(min_value=1.0, max_value=1e12, allow_nan=False)
freqs = st.floats(min_value=1e6, max_value=1e15, allow_nan=False)


# --- RF ---


def test_fspl_known_case() -> None:
    # 1 km at 2.4 GHz: 92.45 + 20 log10(1 km) + 20 log10(2.4 GHz) = 100.05 dB.
    assert float(free_space_path_loss_db(1e3, 2.4e9)) == pytest.approx(100.05, abs=0.01)


@given(d=distances, f=freqs)
def test_fspl_six_db_per_doubling(d: float, f: float) -> None:
    step = float(free_space_path_loss_db(2 * d, f) - free_space_path_loss_db(d, f))
    assert step == pytest.approx(20 * math.log10(2), abs=1e-9)
    assert float(free_space_path_loss_db(d, 2 * f)) > float(free_space_path_loss_db(d, f))


def test_shannon_hand_values() -> None:
    assert float(shannon_capacity_bps(1e6, 1.0)) == pytest.approx(1e6)
    assert float(shannon_capacity_bps(1e6, 15.0)) == pytest.approx(4e6)
    assert float(shannon_capacity_bps(1e6, 0.0)) == 0.0


@given(b=st.floats(1.0, 1e12), snr=st.floats(0.0, 1e9), k=st.floats(1.01, 100.0))
def test_shannon_monotonic(b: float, snr: float, k: float) -> None:
    c = float(shannon_capacity_bps(b, snr))
    assert float(shannon_capacity_bps(b * k, snr)) >= c
    assert float(shannon_capacity_bps(b, snr * k + 1e-9)) > c


def test_parabolic_gain_matches_smad_rule_of_thumb() -> None:
    # SMAD: G ≈ 17.8 + 20 log10 D[m] + 20 log10 f[GHz] dBi for η = 0.55.
    wavelength = SPEED_OF_LIGHT_M_S / 10e9
    assert float(parabolic_antenna_gain_dbi(1.0, wavelength, SMAD_DISH)) == pytest.approx(
        37.8, abs=0.02
    )
    linear = float(parabolic_antenna_gain(1.0, wavelength, SMAD_DISH))
    assert linear == pytest.approx(0.55 * (math.pi / wavelength) ** 2)
    assert float(parabolic_antenna_gain(1.0, wavelength, efficiency=1.0)) == pytest.approx(
        linear / 0.55
    )


def test_rf_link_rate_against_friis_by_hand() -> None:
    p_t, g_t, g_r, d, f, b, t_s = 10.0, 1000.0, 1000.0, 1e6, 8e9, 10e6, 500.0
    lam = SPEED_OF_LIGHT_M_S / f
    p_r = p_t * g_t * g_r * (lam / (4 * math.pi * d)) ** 2  # Friis 1946
    snr = p_r / (BOLTZMANN_J_K * t_s * b)
    expected = b * math.log2(1 + snr)
    rate = rf_link_rate_bps(p_t, g_t, g_r, d, f, bandwidth_hz=b, system_noise_temperature_k=t_s)
    assert float(rate) == pytest.approx(expected, rel=1e-12)
    # 3 dB of extra loss halves the SNR.
    lossy = rf_link_rate_bps(
        p_t, g_t, g_r, d, f, bandwidth_hz=b, system_noise_temperature_k=t_s, losses_db=3.0
    )
    half = b * math.log2(1 + snr * 10 ** (-0.3))
    assert float(lossy) == pytest.approx(half, rel=1e-12)


def test_rf_link_rate_vectorised() -> None:
    d = np.array([1e6, 2e6, 4e6])
    rate = rf_link_rate_bps(
        10.0, 1e3, 1e3, d, 8e9, bandwidth_hz=10e6, system_noise_temperature_k=500.0
    )
    assert rate.shape == (3,)
    assert np.all(np.diff(rate) < 0)


# --- optical ---


def test_optical_far_field_inverse_square() -> None:
    near = optical_received_power_w(1.0, LAMBDA_1550_M, 0.1, 0.1, 1e7, optical_efficiency=ETA)
    far = optical_received_power_w(1.0, LAMBDA_1550_M, 0.1, 0.1, 2e7, optical_efficiency=ETA)
    assert float(near / far) == pytest.approx(4.0, rel=1e-6)


def test_optical_short_range_collects_everything() -> None:
    # At 10 m the beam from a 10 cm aperture is still ~5 cm in radius and fits a 20 cm
    # receiver: P_r = η P.
    p_r = optical_received_power_w(1.0, LAMBDA_1550_M, 0.1, 0.2, 10.0, optical_efficiency=0.5)
    assert float(p_r) == pytest.approx(0.5, rel=1e-12)
    # Equal apertures catch slightly less than all of it (the beam has grown a little).
    assert (
        0.49
        < float(
            optical_received_power_w(1.0, LAMBDA_1550_M, 0.1, 0.1, 10.0, optical_efficiency=ETA)
        )
        < 0.5
    )
    rate = optical_link_rate_bps(
        1e-3, LAMBDA_1550_M, 0.1, 0.2, 10.0, photons_per_bit=10.0, optical_efficiency=1.0
    )
    assert float(rate) == pytest.approx(1e-3 / (10.0 * PHOTON_1550_J), rel=1e-12)


@given(
    p=st.floats(1e-6, 1e3),
    d=st.floats(1.0, 1e9),
    dt=st.floats(1e-3, 10.0),
    dr=st.floats(1e-3, 10.0),
    k=st.floats(1.01, 100.0),
)
def test_optical_rate_properties(p: float, d: float, dt: float, dr: float, k: float) -> None:
    rate = float(optical_link_rate_bps(p, LAMBDA_1550_M, dt, dr, d, **PHOTON_BUDGET))
    assert float(
        optical_link_rate_bps(k * p, LAMBDA_1550_M, dt, dr, d, **PHOTON_BUDGET)
    ) == pytest.approx(k * rate, rel=1e-12)
    assert float(optical_link_rate_bps(p, LAMBDA_1550_M, dt, dr, k * d, **PHOTON_BUDGET)) <= rate
    assert float(optical_link_rate_bps(p, LAMBDA_1550_M, dt, k * dr, d, **PHOTON_BUDGET)) >= rate
    # Never more than all the light, efficiency applied.
    assert rate <= p * 0.5 / (100.0 * PHOTON_1550_J) * (1 + 1e-12)


def test_tbird_leo_downlink_order_of_magnitude() -> None:
    # NASA/MIT-LL TBIRD (2022): 200 Gbit/s from a 6U CubeSat (~530 km) to JPL's 1 m OCTL
    # telescope (Schieler et al., "On-orbit demonstration of 200-Gbps laser communication
    # downlink from the TBIRD CubeSat", Proc. SPIE, 2023). Assumed here (not published
    # figures): ~1 W launched, 3 cm transmit aperture, 1,000 km slant range. The
    # photon-budget ceiling must allow 200 Gbit/s, with margin left for the atmosphere,
    # pointing and implementation (so within ~2 orders of magnitude above it).
    rate = float(optical_link_rate_bps(1.0, LAMBDA_1550_M, 0.03, 1.0, 1e6, **PHOTON_BUDGET))
    assert 200e9 <= rate <= 200e9 * 100


def test_suncatcher_bench_link_order_of_magnitude() -> None:
    # Google Project Suncatcher (arXiv:2511.19468, 2025): a bench free-space link carried
    # 1.6 Tbit/s (800 Gbit/s each way) over a short range. Loose check only: at the
    # default 100 photons/bit, 1.6 Tbit/s needs ~20 µW received (-17 dBm), a typical
    # sensitivity of commercial transceivers (-30 to 0 dBm), and a 10 mW beam between
    # 10 cm apertures 1 km apart (within the Suncatcher formation scale) is not photon-
    # starved for it.
    needed_w = 1.6e12 * 100.0 * PHOTON_1550_J
    assert needed_w == pytest.approx(2.06e-5, rel=0.01)
    assert 1e-6 < needed_w < 1e-3
    rate = float(optical_link_rate_bps(10e-3, LAMBDA_1550_M, 0.1, 0.1, 1e3, **PHOTON_BUDGET))
    assert rate >= 1.6e12


# --- light time ---


def test_light_times() -> None:
    assert float(light_time_s(550e3)) == pytest.approx(1.835e-3, rel=1e-3)
    assert float(light_time_s(35_786e3)) == pytest.approx(0.1194, rel=1e-3)
    assert float(light_time_s(0.0)) == 0.0


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: free_space_path_loss_db(0.0, 1e9), "distance_m"),
        (lambda: free_space_path_loss_db(1.0, -1e9), "frequency_hz"),
        (lambda: shannon_capacity_bps(1e6, -1.0), "snr_linear"),
        (lambda: parabolic_antenna_gain(1.0, 0.03, efficiency=1.2), "efficiency"),
        (lambda: light_time_s(-1.0), "distance_m"),
        (
            lambda: optical_link_rate_bps(
                1.0, 1.55e-6, 0.1, 0.1, 1e3, photons_per_bit=0, optical_efficiency=ETA
            ),
            "photons_per_bit",
        ),
        (
            lambda: rf_link_rate_bps(
                1, 1, 1, 1e6, 1e9, bandwidth_hz=1e6, system_noise_temperature_k=0.0
            ),
            "system_noise_temperature_k",
        ),
    ],
)
def test_impossible_inputs_name_the_field(call: object, field: str) -> None:
    with pytest.raises(InputError) as err:
        call()  # type: ignore[operator]
    assert err.value.field == field
