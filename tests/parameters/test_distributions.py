"""Tests for terawatt.parameters.distributions."""

from __future__ import annotations

import hashlib
import itertools
import math
from typing import Any

import numpy as np
import pytest
import scipy.stats as st
from hypothesis import given
from hypothesis import strategies as st_h
from pydantic import ValidationError

from terawatt.errors import InputError
from terawatt.parameters.distributions import (
    DISTRIBUTION_ADAPTER,
    PERT,
    Distribution,
    Fixed,
    LogNormal,
    Normal,
    Triangular,
    Uniform,
    open_unit,
    parameter_generator,
    sample_block,
    sample_table,
)

# Reference moments, each from the closed forms in the cited texts:
#   uniform (b - a)^2/12; triangular (a^2 + b^2 + c^2 - ab - ac - bc)/18 (Kotz & van Dorp 2004,
#   "Beyond Beta", ch. 1); half-normal mean sqrt(2/pi) sd, variance (1 - 2/pi) sd^2 (Johnson,
#   Kotz & Balakrishnan 1994, vol. 1, ch. 13); lognormal mean m e^(s^2/2), variance
#   m^2 e^(s^2) (e^(s^2) - 1) (ibid., ch. 14); PERT mean (a + 4m + b)/6 and variance
#   (mu - a)(b - mu)/7 (Vose 2008, "Risk Analysis", 3rd ed., PERT distribution; modified
#   PERT with lambda: mean (a + lambda m + b)/(lambda + 2), variance (mu - a)(b - mu)/(lambda + 3)).
MOMENTS: list[tuple[Distribution, float, float]] = [
    (Fixed(value=7.5), 7.5, 0.0),
    (Uniform(low=2.0, high=6.0), 4.0, 16.0 / 12.0),
    (Triangular(low=0.0, mode=1.0, high=4.0), 5.0 / 3.0, 13.0 / 18.0),
    (Normal(mean=10.0, sd=2.0), 10.0, 4.0),
    (Normal(mean=0.0, sd=1.0, low=0.0), math.sqrt(2.0 / math.pi), 1.0 - 2.0 / math.pi),
    (
        LogNormal(median=2.0, sigma=0.5),
        2.0 * math.exp(0.125),
        4.0 * math.exp(0.25) * math.expm1(0.25),
    ),
    (PERT(low=1.0, mode=2.0, high=6.0), 2.5, 1.5 * 3.5 / 7.0),
    (PERT(low=0.0, mode=3.0, high=10.0, lamb=2.0), 4.0, 4.0 * 6.0 / 5.0),
]

# Non-degenerate distributions with their scipy.stats equivalents (independent implementations).
SCIPY_EQUIVALENTS: list[tuple[Distribution, Any]] = [
    (Uniform(low=-3.0, high=5.0), st.uniform(loc=-3.0, scale=8.0)),
    (Triangular(low=1.0, mode=2.0, high=5.0), st.triang(c=0.25, loc=1.0, scale=4.0)),
    (Triangular(low=1.0, mode=1.0, high=5.0), st.triang(c=0.0, loc=1.0, scale=4.0)),
    (Triangular(low=1.0, mode=5.0, high=5.0), st.triang(c=1.0, loc=1.0, scale=4.0)),
    (Normal(mean=3.0, sd=0.5), st.norm(loc=3.0, scale=0.5)),
    (Normal(mean=3.0, sd=0.5, low=2.5, high=4.5), st.truncnorm(-1.0, 3.0, loc=3.0, scale=0.5)),
    (Normal(mean=3.0, sd=0.5, high=2.0), st.truncnorm(-np.inf, -2.0, loc=3.0, scale=0.5)),
    (Normal(mean=0.0, sd=1.0, low=8.0, high=9.0), st.truncnorm(8.0, 9.0)),
    (LogNormal(median=150.0, sigma=0.3), st.lognorm(s=0.3, scale=150.0)),
    # PERT(a, m, b, lambda) = a + (b - a) Beta(1 + lambda (m - a)/(b - a),
    #                                         1 + lambda (b - m)/(b - a))
    (PERT(low=1.0, mode=2.0, high=6.0), st.beta(1.8, 4.2, loc=1.0, scale=5.0)),
    (PERT(low=0.0, mode=3.0, high=10.0, lamb=2.0), st.beta(1.6, 2.4, loc=0.0, scale=10.0)),
    (PERT(low=0.0, mode=0.0, high=1.0), st.beta(1.0, 5.0)),
]

ALL = [d for d, _, _ in MOMENTS] + [d for d, _ in SCIPY_EQUIVALENTS]


def _id(d: Any) -> str:
    return repr(d)


# --- Moments and sampling ---


@pytest.mark.parametrize(("dist", "mean", "var"), MOMENTS, ids=_id)
def test_mean_and_variance_match_closed_forms(dist: Distribution, mean: float, var: float) -> None:
    assert dist.mean() == pytest.approx(mean, rel=1e-12)
    assert dist.var() == pytest.approx(var, rel=1e-9, abs=1e-15)


@pytest.mark.parametrize(("dist", "mean", "var"), MOMENTS, ids=_id)
def test_sample_moments_within_five_standard_errors(
    dist: Distribution, mean: float, var: float
) -> None:
    n = 100_000
    x = dist.sample(n, np.random.default_rng(20240601))
    assert x.shape == (n,)
    assert x.dtype == np.float64
    if var == 0.0:
        assert np.all(x == mean)
        return
    # standard error of the mean sd/sqrt(n); of the variance sd^2 sqrt((kurtosis + 2)/n),
    # kurtosis being the excess kurtosis (scipy's moments='k' of an equivalent distribution)
    kurtosis = float(_scipy_equivalent(dist).stats(moments="k"))
    assert abs(x.mean() - mean) < 5.0 * math.sqrt(var / n)
    assert abs(x.var() - var) < 5.0 * var * math.sqrt((kurtosis + 2.0) / n)


def _scipy_equivalent(dist: Distribution) -> Any:
    if isinstance(dist, Uniform):
        return st.uniform(loc=dist.low, scale=dist.high - dist.low)
    if isinstance(dist, Triangular):
        width = dist.high - dist.low
        return st.triang(c=(dist.mode - dist.low) / width, loc=dist.low, scale=width)
    if isinstance(dist, Normal):
        a = -np.inf if dist.low is None else (dist.low - dist.mu) / dist.sd
        b = np.inf if dist.high is None else (dist.high - dist.mu) / dist.sd
        return st.truncnorm(a, b, loc=dist.mu, scale=dist.sd)
    if isinstance(dist, LogNormal):
        return st.lognorm(s=dist.sigma, scale=dist.scale)
    assert isinstance(dist, PERT)
    width = dist.high - dist.low
    a1 = 1.0 + dist.lamb * (dist.mode - dist.low) / width
    a2 = 1.0 + dist.lamb * (dist.high - dist.mode) / width
    return st.beta(a1, a2, loc=dist.low, scale=width)


@pytest.mark.parametrize("dist", ALL, ids=_id)
def test_samples_lie_in_the_support(dist: Distribution) -> None:
    x = dist.sample(50_000, np.random.default_rng(1))
    low, high = dist.support()
    assert np.all((x >= low) & (x <= high))
    assert np.all(np.isfinite(x))


@pytest.mark.parametrize("dist", ALL, ids=_id)
def test_sample_of_zero_is_empty(dist: Distribution) -> None:
    assert dist.sample(0, np.random.default_rng(1)).shape == (0,)


@pytest.mark.parametrize("n", [-1, 2.5, True, "3"])
def test_sample_rejects_bad_counts(n: Any) -> None:
    with pytest.raises(InputError, match="n: got"):
        Uniform(low=0.0, high=1.0).sample(n, np.random.default_rng(1))


def test_sample_consumes_one_word_per_draw() -> None:
    # the chunking scheme relies on it: draw i uses the i-th 64-bit word of the stream
    rng = np.random.default_rng(5)
    reference = np.random.PCG64(5)  # what default_rng(5) wraps
    PERT(low=0.0, mode=1.0, high=2.0).sample(1000, rng)
    reference.advance(1000)
    assert rng.random() == np.random.Generator(reference).random()
    before = rng.bit_generator.state
    Fixed(value=1.0).sample(1000, rng)  # a fixed value draws nothing
    assert rng.bit_generator.state == before


# --- Quantile function against scipy ---


@pytest.mark.parametrize(("dist", "ref"), SCIPY_EQUIVALENTS, ids=_id)
def test_ppf_matches_scipy(dist: Distribution, ref: Any) -> None:
    u = np.linspace(1e-9, 1.0 - 1e-9, 2001)
    assert np.allclose(dist.ppf(u), ref.ppf(u), rtol=1e-9, atol=1e-12)
    assert np.allclose(ref.cdf(dist.ppf(u)), u, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize(("dist", "ref"), SCIPY_EQUIVALENTS, ids=_id)
def test_ppf_inverts_scipy_cdf(dist: Distribution, ref: Any) -> None:
    x = ref.ppf(np.linspace(0.001, 0.999, 501))  # points inside the support
    assert np.allclose(dist.ppf(ref.cdf(x)), x, rtol=1e-8, atol=1e-10)


@pytest.mark.parametrize(("dist", "ref"), SCIPY_EQUIVALENTS, ids=_id)
def test_moments_and_median_match_scipy(dist: Distribution, ref: Any) -> None:
    assert dist.mean() == pytest.approx(ref.mean(), rel=1e-9)
    assert dist.var() == pytest.approx(ref.var(), rel=1e-8)
    assert dist.median() == pytest.approx(ref.median(), rel=1e-9)


@pytest.mark.parametrize("dist", ALL, ids=_id)
def test_ppf_keeps_shape_and_maps_0_and_1_to_the_support(dist: Distribution) -> None:
    u = np.full((3, 4), 0.25)
    assert dist.ppf(u).shape == (3, 4)
    assert dist.ppf(0.3).shape == ()
    assert tuple(dist.ppf([0.0, 1.0])) == pytest.approx(dist.support())


@pytest.mark.parametrize("u", [-0.1, 1.5, math.nan])
def test_ppf_rejects_probabilities_outside_0_1(u: float) -> None:
    with pytest.raises(InputError, match="u: got"):
        Normal(mean=0.0, sd=1.0).ppf([0.5, u])


def test_open_unit_keeps_every_ppf_finite() -> None:
    u = open_unit([0.0, 0.5, 1.0])
    assert 0.0 < u[0] < 2.0**-53
    assert u[1] == 0.5
    assert u[2] < 1.0
    assert np.all(np.isfinite(Normal(mean=0.0, sd=1.0).ppf(u)))


# --- Bounds ---


def test_bounds_are_the_support_where_finite() -> None:
    assert Uniform(low=1.0, high=2.0).bounds() == (1.0, 2.0)
    assert PERT(low=1.0, mode=1.5, high=2.0).bounds() == (1.0, 2.0)
    assert Normal(mean=0.0, sd=1.0, low=-1.0, high=2.0).bounds() == (-1.0, 2.0)
    assert Fixed(value=3.0).bounds() == (3.0, 3.0)


def test_bounds_use_the_0_1_and_99_9_percent_quantiles_where_infinite() -> None:
    z = 3.090232306167813  # standard normal 99.9 % quantile (scipy.stats.norm.ppf(0.999))
    assert Normal(mean=10.0, sd=2.0).bounds() == pytest.approx((10.0 - 2.0 * z, 10.0 + 2.0 * z))
    low, high = Normal(mean=10.0, sd=2.0, low=9.0).bounds()
    assert low == 9.0
    assert high == pytest.approx(st.truncnorm(-0.5, np.inf, loc=10.0, scale=2.0).ppf(0.999))
    assert LogNormal(median=1.0, sigma=1.0).bounds() == pytest.approx((0.0, math.exp(z)))


def test_lognormal_from_percentiles() -> None:
    d = LogNormal.from_percentiles(1000.0, 5000.0)
    assert d.ppf([0.05, 0.95]) == pytest.approx([1000.0, 5000.0], rel=1e-12)
    assert d.median() == pytest.approx(math.sqrt(1000.0 * 5000.0))
    with pytest.raises(InputError, match="p5"):
        LogNormal.from_percentiles(0.0, 1.0)
    with pytest.raises(InputError, match="p95"):
        LogNormal.from_percentiles(2.0, 1.0)


# --- Validation: messages the scenario loader shows as file/line/field ---


@pytest.mark.parametrize(
    ("data", "loc", "message"),
    [
        ({"dist": "uniform", "low": 2, "high": 1}, ("uniform", "high"), "greater than low = 2"),
        ({"dist": "uniform", "low": 1, "high": 1}, ("uniform", "high"), "greater than low = 1"),
        (
            {"dist": "triangular", "low": 0, "mode": -1, "high": 4},
            ("triangular", "mode"),
            "at least low = 0",
        ),
        (
            {"dist": "triangular", "low": 0, "mode": 5, "high": 4},
            ("triangular", "high"),
            "at least mode = 5",
        ),
        (
            {"dist": "triangular", "low": 0, "mode": 0, "high": 0},
            ("triangular", "high"),
            "greater than low = 0",
        ),
        ({"dist": "normal", "mean": 0, "sd": 0}, ("normal", "sd"), "greater than 0"),
        ({"dist": "normal", "mean": 0, "sd": -1}, ("normal", "sd"), "greater than 0"),
        (
            {"dist": "normal", "mean": 0, "sd": 1, "low": 1, "high": 0},
            ("normal", "high"),
            "greater than low = 1",
        ),
        (
            {"dist": "normal", "mean": 0, "sd": 1, "low": 31},
            ("normal", "low"),
            "at most 30 sd above",
        ),
        (
            {"dist": "normal", "mean": 0, "sd": 1, "high": -31},
            ("normal", "high"),
            "at most 30 sd below",
        ),
        ({"dist": "lognormal", "median": 0, "sigma": 1}, ("lognormal", "median"), "greater than 0"),
        ({"dist": "lognormal", "median": 1, "sigma": 0}, ("lognormal", "sigma"), "greater than 0"),
        ({"dist": "pert", "low": 0, "mode": 3, "high": 2}, ("pert", "high"), "at least mode = 3"),
        (
            {"dist": "pert", "low": 0, "mode": 1, "high": 2, "lamb": 0},
            ("pert", "lamb"),
            "greater than 0",
        ),
        ({"dist": "uniform", "low": 0, "high": math.inf}, ("uniform", "high"), "finite number"),
        ({"dist": "fixed", "value": math.nan}, ("fixed", "value"), "finite number"),
        ({"dist": "uniform", "low": 0}, ("uniform", "high"), "Field required"),
        (
            {"dist": "uniform", "low": 0, "high": 1, "mode": 0.5},
            ("uniform", "mode"),
            "Extra inputs",
        ),
        ({"dist": "gamma", "shape": 2}, (), "'fixed', 'uniform', 'triangular', 'normal'"),
    ],
)
def test_validation_errors_name_the_field(
    data: dict[str, Any], loc: tuple[str, ...], message: str
) -> None:
    with pytest.raises(ValidationError) as info:
        DISTRIBUTION_ADAPTER.validate_python(data)
    errors = info.value.errors()
    assert len(errors) == 1
    assert errors[0]["loc"] == loc
    assert message in errors[0]["msg"]
    assert isinstance(info.value, ValueError)  # what the loader catches


def test_validation_error_from_the_constructor() -> None:
    with pytest.raises(
        ValidationError, match=r"high\n.*must be greater than low = 3; got high = 2"
    ):
        Uniform(low=3.0, high=2.0)


def test_models_are_frozen_and_hashable() -> None:
    d = PERT(low=0.0, mode=1.0, high=2.0)
    with pytest.raises(ValidationError, match="frozen"):
        d.low = -1.0  # type: ignore[misc]
    assert hash(d) == hash(PERT(low=0.0, mode=1.0, high=2.0))


@pytest.mark.parametrize("dist", ALL, ids=_id)
def test_round_trip_through_the_file_form(dist: Distribution) -> None:
    data = dist.model_dump()  # file field names: Normal "mean", LogNormal "median"
    assert set(dist.unit_fields) <= set(data)
    assert DISTRIBUTION_ADAPTER.validate_python(data) == dist


def test_file_names_of_aliased_fields() -> None:
    n = DISTRIBUTION_ADAPTER.validate_python({"dist": "normal", "mean": 5, "sd": 1})
    assert isinstance(n, Normal)
    assert (n.mu, n.mean(), n.median()) == (5.0, 5.0, 5.0)
    ln = DISTRIBUTION_ADAPTER.validate_python({"dist": "lognormal", "median": 5, "sigma": 1})
    assert isinstance(ln, LogNormal)
    assert (ln.scale, ln.median()) == (5.0, 5.0)


# --- Reproducible draws ---

DISTS: dict[str, Distribution] = {
    "launch_cost_usd_per_kg": LogNormal(median=1500.0, sigma=0.6),
    "specific_power_w_per_kg": PERT(low=80.0, mode=120.0, high=200.0),
    "radiator_temperature_k": Normal(mean=330.0, sd=15.0, low=280.0),
    "pue": Triangular(low=1.05, mode=1.1, high=1.4),
    "lifetime_s": Fixed(value=1.6e8),
    "discount_rate": Uniform(low=0.03, high=0.1),
}


def test_same_seed_same_draws_and_another_seed_others() -> None:
    a, b = sample_table(DISTS, 1000, seed=7), sample_table(DISTS, 1000, seed=7)
    c = sample_table(DISTS, 1000, seed=8)
    assert list(a) == list(DISTS)
    for name in DISTS:
        assert np.array_equal(a[name], b[name])
        assert a[name].shape == (1000,)
        if name != "lifetime_s":
            assert not np.array_equal(a[name], c[name])


def test_adding_removing_or_reordering_parameters_leaves_draws_unchanged() -> None:
    full = sample_table(DISTS, 500, seed=3)
    reordered = dict(reversed(list(DISTS.items())))
    fewer = {k: v for k, v in DISTS.items() if k != "pue"}
    more = {"new_parameter": Uniform(low=0.0, high=1.0), **DISTS}
    for variant in (reordered, fewer, more):
        draws = sample_table(variant, 500, seed=3)
        for name in variant.keys() & DISTS.keys():
            assert np.array_equal(draws[name], full[name])


def test_two_parameters_with_the_same_distribution_draw_independently() -> None:
    same = Uniform(low=0.0, high=1.0)
    draws = sample_table({"a": same, "b": same}, 10_000, seed=0)
    # sample correlation of independent uniforms: sd 1/sqrt(n) = 0.01
    assert abs(np.corrcoef(draws["a"], draws["b"])[0, 1]) < 0.05


def test_chunked_equals_unchunked() -> None:
    whole = sample_table(DISTS, 10_000, seed=11)
    cuts = [0, 1, 999, 1000, 4096, 9999, 10_000]
    # blocks drawn in reverse order, as independent workers might
    blocks = [
        sample_block(DISTS, lo, hi, seed=11) for lo, hi in reversed(list(itertools.pairwise(cuts)))
    ]
    for name in DISTS:
        joined = np.concatenate([block[name] for block in reversed(blocks)])
        assert np.array_equal(joined, whole[name])


@given(
    cuts=st_h.lists(st_h.integers(min_value=0, max_value=600), max_size=6),
    seed=st_h.integers(min_value=0, max_value=2**63),
)
def test_any_partition_into_blocks_reproduces_the_table(cuts: list[int], seed: int) -> None:
    edges = [0, *sorted(cuts), 600]
    whole = sample_table(DISTS, 600, seed)
    for lo, hi in itertools.pairwise(edges):
        block = sample_block(DISTS, lo, hi, seed)
        for name in DISTS:
            assert np.array_equal(block[name], whole[name][lo:hi])


def test_scheme_is_the_documented_one() -> None:
    # an independent re-implementation of the documented scheme pins it down: the stream of
    # a parameter is PCG64(SeedSequence(seed, spawn_key=BLAKE2b-128(name) as 4 LE uint32))
    name, seed = "pue", 2024
    digest = hashlib.blake2b(name.encode("utf-8"), digest_size=16).digest()
    key = tuple(int.from_bytes(digest[i : i + 4], "little") for i in range(0, 16, 4))
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=key)))
    u = rng.random(100)
    assert np.array_equal(sample_table(DISTS, 100, seed)[name], DISTS[name].ppf(open_unit(u)))
    positioned = parameter_generator(seed, name, start=40).random(60)
    assert np.array_equal(positioned, u[40:])


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"start": 5, "stop": 4, "seed": 0}, "stop"),
        ({"start": -1, "stop": 4, "seed": 0}, "start"),
        ({"start": 0, "stop": 4, "seed": -3}, "seed"),
        ({"start": 0, "stop": 4, "seed": 1.5}, "seed"),
    ],
)
def test_sample_block_rejects_bad_arguments(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(InputError, match=f"^{field}: got"):
        sample_block(DISTS, **kwargs)


# --- Properties ---

finite = st_h.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
width = st_h.floats(min_value=1e-3, max_value=1e6, allow_nan=False)
fraction = st_h.floats(min_value=0.0, max_value=1.0)
probabilities = st_h.lists(st_h.floats(min_value=0.0, max_value=1.0), min_size=1, max_size=50)


@st_h.composite
def bounded(draw: st_h.DrawFn) -> Distribution:
    low, span, at = draw(finite), draw(width), draw(fraction)
    mode = min(low + at * span, low + span)
    kind = draw(st_h.sampled_from(["uniform", "triangular", "pert"]))
    if kind == "uniform":
        return Uniform(low=low, high=low + span)
    if kind == "triangular":
        return Triangular(low=low, mode=mode, high=low + span)
    lamb = draw(st_h.floats(min_value=0.1, max_value=50.0))
    return PERT(low=low, mode=mode, high=low + span, lamb=lamb)


@given(dist=bounded(), u=probabilities)
def test_bounded_ppf_is_monotone_and_within_the_support(dist: Distribution, u: list[float]) -> None:
    x = dist.ppf(np.sort(u))
    low, high = dist.support()
    tol = 1e-12 * (abs(low) + abs(high))
    assert np.all(np.diff(x) >= -tol)
    assert np.all((x >= low - tol) & (x <= high + tol))
    assert low - tol <= dist.mean() <= high + tol
    assert dist.median() == dist.ppf(0.5)


@given(
    mu=finite,
    sd=width,
    a=st_h.floats(min_value=-6.0, max_value=6.0),
    span=st_h.floats(min_value=0.05, max_value=10.0),
    side=st_h.sampled_from(["both", "low", "high", "none"]),
    u=st_h.lists(st_h.floats(min_value=1e-8, max_value=1.0 - 1e-8), min_size=1, max_size=20),
)
def test_normal_ppf_matches_scipy(
    mu: float, sd: float, a: float, span: float, side: str, u: list[float]
) -> None:
    low = mu + a * sd if side in ("both", "low") else None
    high = mu + (a + span) * sd if side in ("both", "high") else None
    dist = Normal(mean=mu, sd=sd, low=low, high=high)
    # u within 1e-8 of 0 or 1: scipy's truncnorm itself loses digits closer in (at
    # u = 1 - 1e-10 above low = -1.25 it is 1.4e-8 off the quantile norm.isf gives, the
    # test below); the tails are checked against that exact form instead
    assert np.allclose(dist.ppf(u), _scipy_equivalent(dist).ppf(u), rtol=1e-8, atol=1e-8 * sd)


@pytest.mark.parametrize("low", [-1.0, 0.0, 1.0, 20.0])
def test_truncated_normal_keeps_precision_in_the_upper_tail(low: float) -> None:
    # for u -> 1 the quantile solves Phi(-z) = (1 - u) Phi(-low): evaluated directly with
    # scipy.stats.norm.isf; 1 - u is exact here, so this is the correctly rounded answer
    u = np.array([1.0 - 2.0**-53, 1.0 - 1e-12, 1.0 - 1e-6])
    exact = st.norm.isf((1.0 - u) * st.norm.sf(low))
    assert np.allclose(Normal(mean=0.0, sd=1.0, low=low).ppf(u), exact, rtol=1e-12)


@given(low=finite, high=finite)
def test_uniform_accepts_exactly_the_ordered_pairs(low: float, high: float) -> None:
    if high > low:
        assert Uniform(low=low, high=high).support() == (low, high)
    else:
        with pytest.raises(ValidationError, match="must be greater than low"):
            Uniform(low=low, high=high)


@given(low=finite, mode=finite, high=finite)
def test_pert_accepts_exactly_the_ordered_triples(low: float, mode: float, high: float) -> None:
    if low <= mode <= high and low < high:
        d = PERT(low=low, mode=mode, high=high)
        assert d.mean() == pytest.approx((low + 4.0 * mode + high) / 6.0, abs=1e-9 * (high - low))
    else:
        with pytest.raises(ValidationError):
            PERT(low=low, mode=mode, high=high)


def test_z95_is_scipys() -> None:
    """The 95th percentile of the standard normal, written out so that importing the
    distributions does not import scipy.special (0.3 s), is scipy's to the last bit."""
    import scipy.special  # noqa: PLC0415

    from terawatt.parameters import distributions  # noqa: PLC0415

    assert float(scipy.special.ndtri(0.95)) == distributions._Z95
