"""Tests for terawatt.scenario.sensitivity."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from SALib.analyze import sobol as salib_analyze
from SALib.sample import sobol as salib_sample

from terawatt.errors import InputError
from terawatt.parameters.distributions import (
    PERT,
    Distribution,
    Fixed,
    LogNormal,
    Normal,
    Triangular,
    Uniform,
    open_unit,
)
from terawatt.scenario.sensitivity import DEFAULT_BATCH, saltelli_rows, sobol_indices, tornado
from terawatt.typing import FloatArray

# --- Ishigami function ---
# Ishigami, T., Homma, T. (1990). An importance quantification technique in uncertainty
# analysis for computer models. Proc. ISUMA '90, 398-403, doi:10.1109/ISUMA.1990.151285.
# Indices quoted in Saltelli et al. (2008), "Global Sensitivity Analysis: The Primer", Wiley,
# and in SALib 1.6, SALib/test_functions/Ishigami.py (S1 = 0.3139, 0.4424, 0.0). Analytic
# variances (Sobol' & Levitan 1999, Comput. Phys. Commun. 117, 52-61), inputs uniform on
# [-pi, pi]:
#   V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2,  V1 = (1 + b pi^4/5)^2/2,  V2 = a^2/8,
#   V3 = 0,  VT3 = V13 = 8 b^2 pi^8/225,  VT1 = V1 + V13,  VT2 = V2.
A_ISHIGAMI, B_ISHIGAMI = 7.0, 0.1
S1_ISHIGAMI = (0.3139, 0.4424, 0.0)  # rounded to 4 decimals as published
ST_ISHIGAMI = (0.5576, 0.4424, 0.2437)

UNIFORM_PI: dict[str, Distribution] = {
    name: Uniform(low=-math.pi, high=math.pi) for name in ("x1", "x2", "x3")
}


def ishigami(x: dict[str, FloatArray]) -> FloatArray:
    return np.asarray(
        np.sin(x["x1"])
        + A_ISHIGAMI * np.sin(x["x2"]) ** 2
        + B_ISHIGAMI * x["x3"] ** 4 * np.sin(x["x1"])
    )


def test_ishigami_analytic_values_are_the_published_ones() -> None:
    a, b, pi = A_ISHIGAMI, B_ISHIGAMI, math.pi
    v = a**2 / 8 + b * pi**4 / 5 + b**2 * pi**8 / 18 + 0.5
    v1, v2, v13 = 0.5 * (1 + b * pi**4 / 5) ** 2, a**2 / 8, 8 * b**2 * pi**8 / 225
    assert (v1 / v, v2 / v, 0.0) == pytest.approx(S1_ISHIGAMI, abs=5e-5)
    assert ((v1 + v13) / v, v2 / v, v13 / v) == pytest.approx(ST_ISHIGAMI, abs=5e-5)


def test_ishigami_indices_within_their_confidence_intervals() -> None:
    # N = 4096 (20,480 model runs). The 95 % bootstrap half-widths measured at this N and
    # seed are S1 0.028-0.030 and ST 0.014-0.049 (they shrink as 1/sqrt(N): 0.05-0.10 at
    # N = 1024). Each estimate must hold the analytic value within its own interval, and the
    # intervals must be that narrow (< 0.06) for the check to mean something. Measured
    # errors are <= 0.005 (the published values are rounded to 1e-4): the scrambled Sobol'
    # design converges faster than the i.i.d. bootstrap assumes.
    frame = sobol_indices(ishigami, UNIFORM_PI, 4096, seed=2024)
    assert list(frame.columns) == ["parameter", "S1", "S1_conf", "ST", "ST_conf"]
    assert list(frame["parameter"]) == ["x1", "x2", "x3"]
    for key, reference in (("S1", S1_ISHIGAMI), ("ST", ST_ISHIGAMI)):
        conf = frame[f"{key}_conf"].to_numpy()
        assert np.all(conf < 0.06)
        assert np.all(np.abs(frame[key].to_numpy() - reference) <= conf)
    assert frame.attrs["seed"] == 2024
    assert frame.attrs["model_runs"] == 4096 * 5


def test_ishigami_second_order() -> None:
    # S13 = V13/V = 0.2437 (all of x3's effect is its interaction with x1); S12 = S23 = 0.
    # Measured at N = 2048: 0.2455, 0.0052, -0.0001, half-widths 0.05-0.08.
    frame = sobol_indices(ishigami, UNIFORM_PI, 2048, seed=7, calc_second_order=True)
    s2, conf = frame.attrs["S2"], frame.attrs["S2_conf"]
    assert set(s2) == {"x1", "x2", "x3"}
    assert frame.attrs["model_runs"] == 2048 * 8
    for p, q, reference in (("x1", "x3", 0.2437), ("x1", "x2", 0.0), ("x2", "x3", 0.0)):
        assert conf[p][q] < 0.1
        assert abs(s2[p][q] - reference) <= conf[p][q]


# --- Linear model with non-uniform inputs: checks the mapping through each ppf ---

LINEAR_COEFFICIENTS = {"x_normal": 2.0, "x_triangular": -1.0, "x_pert": 0.5, "x_lognormal": 3.0}
LINEAR_DISTS: dict[str, Distribution] = {
    "x_normal": Normal(mean=1.0, sd=1.0, low=-1.0),  # truncated at -2 sd
    "x_triangular": Triangular(low=0.0, mode=1.0, high=5.0),
    "x_pert": PERT(low=0.0, mode=1.0, high=10.0),
    "x_lognormal": LogNormal(median=1.0, sigma=0.25),
    "fixed_offset": Fixed(value=100.0),
}


def linear(x: dict[str, FloatArray]) -> FloatArray:
    return np.asarray(
        x["fixed_offset"] + sum(c * x[name] for name, c in LINEAR_COEFFICIENTS.items())
    )


def test_linear_model_with_non_uniform_inputs() -> None:
    # Y = sum a_i X_i with independent X_i: S1_i = ST_i = a_i^2 Var(X_i) / sum_j a_j^2 Var(X_j)
    # (Saltelli et al. 2008, The Primer, ch. 1: S_i = beta_i^2 sigma_i^2 / sigma_Y^2 for a
    # linear model). Variances from the closed forms tested in test_distributions.py:
    # shares 0.594, 0.195, 0.107, 0.104. Had the unit samples been scaled linearly onto
    # bounds() instead of mapped through each ppf, the shares would be 0.530, 0.127, 0.127,
    # 0.215, off by 0.02-0.11; the 95 % half-widths at N = 4096 are S1 0.013-0.031 and
    # ST 0.005-0.022, and the measured errors <= 0.001.
    parts = {name: c**2 * LINEAR_DISTS[name].var() for name, c in LINEAR_COEFFICIENTS.items()}
    total = sum(parts.values())
    frame = sobol_indices(linear, LINEAR_DISTS, 4096, seed=99).set_index("parameter")
    for name, part in parts.items():
        row = frame.loc[name]
        assert max(row["S1_conf"], row["ST_conf"]) < 0.05
        assert abs(row["S1"] - part / total) <= row["S1_conf"]
        assert abs(row["ST"] - part / total) <= row["ST_conf"]
    fixed = frame.loc["fixed_offset"]
    assert (fixed["S1"], fixed["S1_conf"], fixed["ST"], fixed["ST_conf"]) == (0.0, 0.0, 0.0, 0.0)


def test_model_is_called_block_by_block_in_design_order() -> None:
    calls: list[dict[str, FloatArray]] = []

    def model(x: dict[str, FloatArray]) -> FloatArray:
        calls.append(x)
        return linear(x)

    # D = 4 varying parameters: 6 rows per base sample; a batch of 100 rows holds 16 base
    # samples (96 rows), so N = 256 takes 16 calls of 96 rows.
    frame = sobol_indices(model, LINEAR_DISTS, 256, seed=1, batch=100)
    assert frame.attrs["batch"] == 96
    assert frame.attrs["model_runs"] == 256 * 6
    assert [len(c["x_pert"]) for c in calls] == [96] * 16
    assert all(set(c) == set(LINEAR_DISTS) for c in calls)
    inputs = {name: np.concatenate([c[name] for c in calls]) for name in LINEAR_DISTS}
    assert all(v.dtype == np.float64 for v in inputs.values())
    assert np.all(inputs["fixed_offset"] == 100.0)
    unit = open_unit(saltelli_rows(4, 1, 0, 256))  # the whole design, in order
    for j, name in enumerate(("x_normal", "x_triangular", "x_pert", "x_lognormal")):
        dist = LINEAR_DISTS[name]
        np.testing.assert_array_equal(inputs[name], dist.ppf(unit[:, j]))
        low, high = dist.support()
        assert np.all((inputs[name] >= low) & (inputs[name] <= high))
        assert np.all(np.isfinite(inputs[name]))


def test_default_batch_runs_a_small_design_in_one_call() -> None:
    calls: list[int] = []

    def model(x: dict[str, FloatArray]) -> FloatArray:
        calls.append(len(x["x1"]))
        return ishigami(x)

    frame = sobol_indices(model, UNIFORM_PI, 1024, seed=3)
    assert calls == [1024 * 5]
    assert DEFAULT_BATCH >= 1024 * 5
    assert frame.attrs["batch"] == 1024 * 5


# --- The design and the estimators are SALib's, bit for bit ---


def _salib_all_at_once(
    model: Any, dists: dict[str, Distribution], n: int, seed: int, second_order: bool
) -> tuple[Any, list[str]]:
    """The previous implementation: SALib's whole design, one model call, SALib's analyze."""
    names = [name for name, dist in dists.items() if not isinstance(dist, Fixed)]
    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    design_ss, bootstrap_ss = np.random.SeedSequence(seed).spawn(2)
    unit = open_unit(
        salib_sample.sample(
            problem, n, calc_second_order=second_order, seed=np.random.default_rng(design_ss)
        )
    )
    columns = {name: j for j, name in enumerate(names)}
    half = np.full(unit.shape[0], 0.5)
    y = np.asarray(
        model({k: d.ppf(unit[:, columns[k]] if k in columns else half) for k, d in dists.items()}),
        dtype=np.float64,
    )
    result = salib_analyze.analyze(
        problem,
        y,
        calc_second_order=second_order,
        num_resamples=100,
        conf_level=0.95,
        seed=np.random.default_rng(bootstrap_ss),
    )
    return result, names


@pytest.mark.parametrize("second_order", [False, True])
@pytest.mark.parametrize(("d", "n"), [(1, 8), (3, 64), (7, 32)])
def test_saltelli_rows_are_salib_sample_rows(d: int, n: int, second_order: bool) -> None:
    problem = {"num_vars": d, "names": [f"x{i}" for i in range(d)], "bounds": [[0.0, 1.0]] * d}
    design_ss, _ = np.random.SeedSequence(11).spawn(2)
    whole = salib_sample.sample(
        problem, n, calc_second_order=second_order, seed=np.random.default_rng(design_ss)
    )
    step = (2 if second_order else 1) * d + 2
    assert whole.shape == (n * step, d)
    # blocks of every size, including ones that are not powers of 2 or that cross one
    for count in (1, 3, n // 2, n):
        for start in range(0, n, count):
            size = min(count, n - start)
            block = saltelli_rows(d, 11, start, size, calc_second_order=second_order)
            np.testing.assert_array_equal(block, whole[start * step : (start + size) * step])


@pytest.mark.parametrize("second_order", [False, True])
@pytest.mark.parametrize("batch", [None, 1, 7, 100, 1000])
@pytest.mark.parametrize(
    ("model", "dists"), [(ishigami, UNIFORM_PI), (linear, LINEAR_DISTS)], ids=["ishigami", "linear"]
)
def test_indices_are_the_all_at_once_salib_ones_bit_for_bit(
    model: Any, dists: dict[str, Distribution], batch: int | None, second_order: bool
) -> None:
    reference, names = _salib_all_at_once(model, dists, 128, 5, second_order)
    frame = sobol_indices(
        model, dists, 128, seed=5, calc_second_order=second_order, batch=batch
    ).set_index("parameter")
    for key in ("S1", "S1_conf", "ST", "ST_conf"):
        np.testing.assert_array_equal(frame.loc[names, key].to_numpy(), reference[key])
    if second_order:
        for i, p in enumerate(names):
            for j, q in enumerate(names[i + 1 :], start=i + 1):
                assert frame.attrs["S2"][p][q] == reference["S2"][i, j]
                assert frame.attrs["S2_conf"][p][q] == reference["S2_conf"][i, j]


def test_serial_run_does_not_import_dask_distributed() -> None:
    # (pint imports dask's core package when it is installed; the cluster client,
    # dask.distributed, is what a serial run must not load)
    code = (
        "import sys, numpy as np\n"
        "from terawatt.parameters.distributions import Uniform\n"
        "from terawatt.scenario.sensitivity import sobol_indices\n"
        "d = {'a': Uniform(low=0.0, high=1.0), 'b': Uniform(low=0.0, high=2.0)}\n"
        "sobol_indices(lambda x: x['a'] + x['b'] ** 2, d, 64, 0, batch=40)\n"
        "print(sorted(m for m in sys.modules if 'distributed' in m.split('.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "[]"


def test_same_seed_same_indices() -> None:
    a = sobol_indices(ishigami, UNIFORM_PI, 256, seed=0)
    b = sobol_indices(ishigami, UNIFORM_PI, 256, seed=0)
    c = sobol_indices(ishigami, UNIFORM_PI, 256, seed=1)
    pd.testing.assert_frame_equal(a, b)
    assert not np.array_equal(a["S1"].to_numpy(), c["S1"].to_numpy())


def _constant(x: dict[str, FloatArray]) -> FloatArray:
    return np.ones_like(x["x1"])


@pytest.mark.parametrize(
    ("model", "dists", "kwargs", "field"),
    [
        (ishigami, UNIFORM_PI, {"n": 1000}, "n"),
        (ishigami, UNIFORM_PI, {"n": 1}, "n"),
        (ishigami, UNIFORM_PI, {"n": 64, "seed": -1}, "seed"),
        (ishigami, UNIFORM_PI, {"n": 64, "backend": "dask"}, "backend"),
        (ishigami, UNIFORM_PI, {"n": 64, "conf_level": 1.0}, "conf_level"),
        (ishigami, UNIFORM_PI, {"n": 64, "batch": 0}, "batch"),
        (ishigami, UNIFORM_PI, {"n": 64, "batch": 2.5}, "batch"),
        (ishigami, UNIFORM_PI, {"n": 64, "workers": 0}, "workers"),
        (ishigami, UNIFORM_PI, {"n": 64, "workers": True}, "workers"),
        (ishigami, {"x1": Fixed(value=1.0)}, {"n": 64}, "dists"),
        (_constant, UNIFORM_PI, {"n": 64}, "model output"),
        (lambda x: ishigami(x)[:-1], UNIFORM_PI, {"n": 64}, "model output"),
        (lambda x: np.log(ishigami(x)), UNIFORM_PI, {"n": 64}, r"model output \[row"),
        (lambda x: ishigami(x)[:-1], UNIFORM_PI, {"n": 64, "batch": 10}, "model output"),
    ],
)
def test_sobol_rejects_bad_input(
    model: Any, dists: Any, kwargs: dict[str, Any], field: str
) -> None:
    arguments: dict[str, Any] = {"seed": 0, **kwargs}
    with np.errstate(invalid="ignore"), pytest.raises(InputError, match=f"^{field}"):
        sobol_indices(model, dists, **arguments)


def test_bad_output_names_its_row_in_the_whole_design() -> None:
    calls: list[int] = []

    def model(x: dict[str, FloatArray]) -> FloatArray:
        y = ishigami(x)
        if calls:
            y[3] = np.nan
        calls.append(len(y))
        return y

    # 3 parameters: 5 rows per base sample, 4 base samples (20 rows) a call
    with pytest.raises(InputError, match=r"^model output \[row 23\]"):
        sobol_indices(model, UNIFORM_PI, 64, seed=0, batch=20)
    assert calls == [20, 20]


# --- Tornado ---


def test_tornado_of_a_linear_model() -> None:
    # one-at-a-time: output_low/high = base + a_i (q_i - median_i), swing = a_i (q90_i - q10_i)
    calls: list[int] = []

    def model(x: dict[str, FloatArray]) -> FloatArray:
        calls.append(len(x["x_pert"]))
        return linear(x)

    frame = tornado(model, LINEAR_DISTS)
    assert calls == [1 + 2 * len(LINEAR_DISTS)]
    assert list(frame.columns) == [
        "parameter",
        "low_value",
        "high_value",
        "output_low",
        "output_high",
        "swing",
    ]
    medians = {name: d.median() for name, d in LINEAR_DISTS.items()}
    base = linear({k: np.array([v]) for k, v in medians.items()})[0]
    assert frame.attrs["base_output"] == pytest.approx(base, rel=1e-12)
    for row in frame.itertuples():
        name = str(row.parameter)
        dist, c = LINEAR_DISTS[name], LINEAR_COEFFICIENTS.get(name, 0.0)
        q10, q90 = float(dist.ppf(0.1)), float(dist.ppf(0.9))
        assert (row.low_value, row.high_value) == pytest.approx((q10, q90), rel=1e-12)
        shift_low, shift_high = c * (q10 - medians[name]), c * (q90 - medians[name])
        assert row.output_low == pytest.approx(base + shift_low, rel=1e-12)
        assert row.output_high == pytest.approx(base + shift_high, rel=1e-12)
        assert row.swing == pytest.approx(c * (q90 - q10), rel=1e-9, abs=1e-12)
    swings = np.abs(frame["swing"].to_numpy())
    assert np.all(np.diff(swings) <= 0.0)
    assert frame["parameter"].iloc[-1] == "fixed_offset"  # no swing, listed last
    assert frame.loc[frame["parameter"] == "x_triangular", "swing"].item() < 0.0  # a < 0


def test_tornado_custom_quantiles_and_ties_keep_input_order() -> None:
    dists: dict[str, Distribution] = {
        "b": Uniform(low=0.0, high=1.0),
        "a": Uniform(low=0.0, high=1.0),
    }
    frame = tornado(lambda x: x["a"] + x["b"], dists, low_q=0.25, high_q=0.75)
    assert list(frame["parameter"]) == ["b", "a"]
    assert frame["swing"].tolist() == pytest.approx([0.5, 0.5])
    assert (frame.attrs["low_q"], frame.attrs["high_q"]) == (0.25, 0.75)


@pytest.mark.parametrize(
    ("low_q", "high_q", "field"),
    [(0.0, 0.9, "low_q"), (0.5, 0.5, "high_q"), (0.1, 1.0, "high_q"), (0.9, 0.1, "high_q")],
)
def test_tornado_rejects_bad_quantiles(low_q: float, high_q: float, field: str) -> None:
    with pytest.raises(InputError, match=f"^{field}"):
        tornado(ishigami, UNIFORM_PI, low_q=low_q, high_q=high_q)


# --- The command's options ---


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        (["--batch", "0"], "--batch: got 0"),
        (["--workers", "0"], "--workers: got 0"),
        (["--scheduler", "nonsense::"], "--scheduler: got 'nonsense::'"),
        (["--n", "48"], "--n: got 48"),
    ],
)
def test_cli_bad_options_are_one_line(
    options: list[str], fragment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from terawatt.cli import main  # noqa: PLC0415

    baseline = Path(__file__).resolve().parents[2] / "scenarios" / "baseline.yaml"
    code = main(["sensitivity", str(baseline), "--n", "32", *options])
    captured = capsys.readouterr()
    assert code == 2
    assert fragment in captured.err
    assert len(captured.err.strip().splitlines()) == 1
    assert captured.out == ""
