"""Tests for terawatt.physics.compute."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from terawatt.data.hardware import Accelerator
from terawatt.errors import InputError
from terawatt.physics.compute import (
    accelerators_for_power,
    compute_power_w,
    inference_tokens_per_s,
    memory_bound_tokens_per_s,
    tokens_per_joule,
    tokens_per_s,
)

LLAMA2_70B_PARAMETERS = 70e9  # Touvron et al. 2023, "Llama 2" (nominal 70 B)

positive = st.floats(min_value=1e-3, max_value=1e20, allow_nan=False, allow_infinity=False)
fraction = st.floats(min_value=1e-6, max_value=1.0, allow_nan=False)
factor = st.floats(min_value=1.01, max_value=1e3, allow_nan=False)


# --- token rates ---


def test_tokens_per_s_hand_value() -> None:
    # 989.4e12 FLOP/s * 0.5 / (2 * 70e9 FLOP/token) = 3533.6 token/s
    rate = tokens_per_s(989.4e12, LLAMA2_70B_PARAMETERS, 0.5)
    assert float(rate) == pytest.approx(989.4e12 * 0.5 / 140e9, rel=1e-12)
    assert float(rate) == pytest.approx(3533.57, rel=1e-5)


def test_tokens_per_joule_hand_check() -> None:
    # 1 PFLOP/s at 50 % on a 1 B model: 2.5e5 token/s; at 1 kW that is 250 token/J.
    assert float(tokens_per_joule(1e15, 1000.0, 1e9, 0.5)) == pytest.approx(250.0, rel=1e-12)


def test_gb200_nvl72_llama2_70b_does_not_break_flop_ceiling() -> None:
    # Azure ND GB200 v6: 865,000 token/s on Llama 2 70B on one GB200 NVL72 rack (72 GPUs),
    # an unverified MLPerf Inference v4.1 offline submission (Microsoft Tech Community blog,
    # "Azure's ND GB200 v6 delivers record performance for inference workloads", 2025).
    measured = 865_000.0
    n_gpu = 72
    fp8 = Accelerator.from_table("GB200", "fp8")  # 5 PFLOP/s dense per GPU, 1,200 W
    fp4 = Accelerator.from_table("GB200", "fp4")  # 10 PFLOP/s dense per GPU
    assert fp8.tdp_w == pytest.approx(1200.0)
    ceiling_fp8 = tokens_per_s(n_gpu * fp8.flop_per_s, LLAMA2_70B_PARAMETERS, 1.0)
    ceiling_fp4 = tokens_per_s(n_gpu * fp4.flop_per_s, LLAMA2_70B_PARAMETERS, 1.0)
    u_fp8 = measured / float(ceiling_fp8)
    u_fp4 = measured / float(ceiling_fp4)
    # 865e3 * 2 * 70e9 = 1.21e17 FLOP/s against 3.6e17 (FP8) and 7.2e17 (FP4).
    assert u_fp8 == pytest.approx(0.3364, rel=1e-3)
    assert u_fp4 == pytest.approx(0.1682, rel=1e-3)
    assert 0.0 < u_fp4 < u_fp8 <= 1.0
    # Counting prompt (prefill) tokens too -- of the same order as output tokens in
    # MLPerf's OpenOrca set -- roughly doubles the FLOP; still under the FP8 ceiling.
    assert 2.0 * u_fp8 < 1.0
    # The implied utilisation reproduces the measurement.
    assert float(
        tokens_per_s(n_gpu * fp8.flop_per_s, LLAMA2_70B_PARAMETERS, u_fp8)
    ) == pytest.approx(measured)
    # Energy: GPU TDP only (72 x 1,200 W = 86.4 kW) gives ~10 token/J.
    rack_power = compute_power_w(n_gpu, fp8.tdp_w)
    assert float(rack_power) == pytest.approx(86_400.0)
    eff = tokens_per_joule(n_gpu * fp8.flop_per_s, rack_power, LLAMA2_70B_PARAMETERS, u_fp8)
    assert float(eff) == pytest.approx(865_000.0 / 86_400.0, rel=1e-9)


def test_memory_bound_decode_h100_batch_one() -> None:
    # 3.35e12 B/s / (70e9 params * 2 B) = 23.9 token/s at batch 1.
    rate = memory_bound_tokens_per_s(3.35e12, LLAMA2_70B_PARAMETERS, 2.0)
    assert float(rate) == pytest.approx(23.93, rel=1e-3)
    assert float(memory_bound_tokens_per_s(3.35e12, 70e9, 2.0, batch=64)) == pytest.approx(
        64 * float(rate)
    )


def test_inference_tokens_per_s_is_roofline_minimum() -> None:
    batch = np.array([1.0, 64.0, 4096.0])
    rate = inference_tokens_per_s(
        989.4e12, 3.35e12, 70e9, 0.5, bytes_per_parameter=2.0, batch=batch
    )
    flop = tokens_per_s(989.4e12, 70e9, 0.5)
    mem = memory_bound_tokens_per_s(3.35e12, 70e9, 2.0, batch)
    np.testing.assert_allclose(rate, np.minimum(flop, mem))
    assert rate[0] == pytest.approx(mem[0])  # memory-bound at batch 1
    assert rate[2] == pytest.approx(float(flop))  # compute-bound at large batch


def test_scalar_and_array_broadcast() -> None:
    flops = np.array([1e15, 2e15, 4e15])
    out = tokens_per_s(flops[:, None], np.array([1e9, 1e10]), 0.4)
    assert out.shape == (3, 2)
    assert out.dtype == np.float64
    np.testing.assert_allclose(out[:, 0], 0.4 * flops / 2e9)
    scalar = tokens_per_s(1e15, 1e9, 0.4)
    assert scalar.shape == ()


@pytest.mark.parametrize("bad_u", [0.0, -0.1, 1.5, [0.5, 1.2]])
def test_bad_utilisation(bad_u: object) -> None:
    with pytest.raises(InputError) as err:
        tokens_per_s(1e15, 1e9, bad_u)  # type: ignore[arg-type]
    assert err.value.field == "utilisation"


def test_bad_inputs_name_the_field() -> None:
    with pytest.raises(InputError) as err:
        tokens_per_s(1e15, 0.0, 0.5)
    assert err.value.field == "parameters"
    with pytest.raises(InputError) as err:
        tokens_per_joule(1e15, [100.0, 0.0], 1e9, 0.5)
    assert err.value.field == "power_w"
    assert err.value.value == 0.0
    with pytest.raises(InputError) as err:
        compute_power_w(1, 700.0, -0.1)
    assert err.value.field == "overhead_fraction"
    with pytest.raises(InputError) as err:
        accelerators_for_power(1e6, 0.0)
    assert err.value.field == "tdp_w"


# --- power and chip counts ---


def test_compute_power_and_chip_count_hand_values() -> None:
    # 8 x 700 W with 80 % overhead = 10.08 kW (a DGX H100 is rated ~10.2 kW).
    assert float(compute_power_w(8, 700.0, 0.8)) == pytest.approx(10_080.0)
    # 1 MW feeds 1,428 H100 at TDP alone, 793 with 80 % overhead.
    assert float(accelerators_for_power(1e6, 700.0)) == 1428.0
    assert float(accelerators_for_power(1e6, 700.0, 0.8)) == 793.0
    assert float(accelerators_for_power(1e6, 700.0, 0.8, whole=False)) == pytest.approx(
        1e6 / 1260.0
    )


@given(n=st.integers(0, 10**9), tdp=st.floats(1e-3, 1e6), f=st.floats(0.0, 5.0))
def test_chip_count_inverts_power(n: int, tdp: float, f: float) -> None:
    assert float(accelerators_for_power(compute_power_w(n, tdp, f), tdp, f)) == n


@given(power=st.floats(0.0, 1e12), tdp=st.floats(1.0, 1e5), f=st.floats(0.0, 5.0))
def test_chip_count_fits_budget(power: float, tdp: float, f: float) -> None:
    n = accelerators_for_power(power, tdp, f)
    assert float(compute_power_w(n, tdp, f)) <= power * (1.0 + 1e-12)
    assert float(compute_power_w(n + 1.0, tdp, f)) > power


# --- properties ---


@given(flop=positive, n=positive, u=fraction, k=factor)
def test_tokens_per_s_monotonic(flop: float, n: float, u: float, k: float) -> None:
    base = float(tokens_per_s(flop, n, u))
    assert float(tokens_per_s(flop * k, n, u)) > base
    assert float(tokens_per_s(flop, n * k, u)) < base
    if u * k <= 1.0:
        assert float(tokens_per_s(flop, n, u * k)) > base


@given(flop=positive, n=positive, u=fraction, k=factor)
def test_tokens_per_s_linear_in_flop(flop: float, n: float, u: float, k: float) -> None:
    assert float(tokens_per_s(flop * k, n, u)) == pytest.approx(
        k * float(tokens_per_s(flop, n, u)), rel=1e-12
    )


@given(flop=positive, power=positive, n=positive, u=fraction, k=factor)
def test_tokens_per_joule_invariant_to_fleet_size(
    flop: float, power: float, n: float, u: float, k: float
) -> None:
    one = float(tokens_per_joule(flop, power, n, u))
    many = float(tokens_per_joule(k * flop, k * power, n, u))
    assert many == pytest.approx(one, rel=1e-12)
