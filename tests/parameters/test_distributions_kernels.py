"""The compiled draws and the cached streams give the NumPy draws, bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from terawatt.errors import InputError
from terawatt.parameters import distributions
from terawatt.parameters._kernels import triangular_draws, triangular_ppf
from terawatt.parameters.distributions import (
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
)
from terawatt.parameters.streams import stream_at

U_MIN, U_MAX = distributions._U_MIN, distributions._U_MAX  # open_unit's bounds
SHAPES = [  # low, mode, high: peaked, at either end, tiny and huge widths
    (1.5, 2.0, 7.25),
    (0.0, 0.0, 1.0),
    (0.0, 1.0, 1.0),
    (-3e-9, 1e-9, 2e-9),
    (1e12, 3e14, 5e14),
]


def _u() -> np.ndarray:
    """Uniform draws with the ends of [0, 1], the samplers' clip points and a NaN."""
    u = np.random.default_rng(7).random(5001)
    u[:6] = (0.0, 1.0, U_MIN, U_MAX, 0.5, np.nan)
    return u


@pytest.mark.parametrize(("a", "c", "b"), SHAPES)
def test_compiled_triangular_equals_numpy(a: float, c: float, b: float) -> None:
    u = _u()
    u[6] = (c - a) / (b - a)  # the mode itself
    dist = Triangular(low=a, mode=c, high=b)
    with np.errstate(invalid="ignore"):
        want = np.asarray(
            np.where(
                open_unit(u) < (c - a) / (b - a),
                a + np.sqrt(open_unit(u) * (b - a) * (c - a)),
                b - np.sqrt((1.0 - open_unit(u)) * (b - a) * (b - c)),
            )
        )
    drawn, ppf = np.empty_like(u), np.empty_like(u)
    triangular_draws(u, U_MIN, U_MAX, a, c, b, drawn)
    triangular_ppf(open_unit(u), a, c, b, ppf)
    assert np.array_equal(drawn, want, equal_nan=True)
    assert np.array_equal(ppf, want, equal_nan=True)
    inplace = u.copy()
    triangular_draws(inplace, U_MIN, U_MAX, a, c, b, inplace)
    assert np.array_equal(inplace, want, equal_nan=True)
    assert dist.low == a


@pytest.mark.parametrize(("a", "c", "b"), SHAPES)
def test_large_triangular_samples_are_the_numpy_samples(
    monkeypatch: pytest.MonkeyPatch, a: float, c: float, b: float
) -> None:
    dist = Triangular(low=a, mode=c, high=b)
    got = dist.sample(6000, np.random.default_rng(3))
    monkeypatch.setattr(distributions, "_COMPILED_FROM", 10**9)
    want = dist.sample(6000, np.random.default_rng(3))
    assert got.dtype == want.dtype == np.float64
    assert np.array_equal(got, want)


DISTS: dict[str, Distribution] = {
    "a.fixed": Fixed(value=3.5),
    "a.uniform": Uniform(low=1.0, high=4.0),
    "a.triangular": Triangular(low=1.0, mode=2.0, high=9.0),
    "a.normal": Normal(mean=1.0, sd=0.5, low=0.0),
    "a.lognormal": LogNormal(median=2.0, sigma=0.4),
    "a.pert": PERT(low=0.0, mode=1.0, high=3.0),
}


@pytest.mark.parametrize(("start", "stop"), [(0, 5000), (123, 4321), (10**9, 10**9 + 4100)])
def test_sample_block_draws_each_parameter_s_stream(start: int, stop: int) -> None:
    """Each value is the parameter's ppf of its own stream's draw (a fresh generator)."""
    got = sample_block(DISTS, start, stop, 11, {"a.pert": "shared"})
    for name, dist in DISTS.items():
        stream = "shared" if name == "a.pert" else name
        want = dist.sample(stop - start, parameter_generator(11, stream, start))
        assert np.array_equal(got[name], want), name
    assert list(got) == list(DISTS)


def test_sample_block_splits_give_the_whole_block() -> None:
    whole = sample_block(DISTS, 0, 9000, 4)
    parts = [sample_block(DISTS, a, b, 4) for a, b in ((0, 10), (10, 4500), (4500, 9000))]
    for name in DISTS:
        assert np.array_equal(np.concatenate([p[name] for p in parts]), whole[name])


def test_cached_streams_are_parameter_generator_s() -> None:
    for start in (0, 1, 77, 2**40):
        got = stream_at(5, "x.y", start).random(64)
        assert np.array_equal(got, parameter_generator(5, "x.y", start).random(64))
    # the cache hands out fresh generators: drawing from one leaves the next unchanged
    stream_at(5, "x.y", 0).random(10)
    assert np.array_equal(stream_at(5, "x.y", 0).random(3), parameter_generator(5, "x.y").random(3))


def test_sample_block_refuses_a_stream_that_is_not_text() -> None:
    with pytest.raises(InputError, match="parameter name"):
        sample_block({"a": Uniform(low=0.0, high=1.0)}, 0, 3, 0, {"a": 5})  # type: ignore[dict-item]
    with pytest.raises(InputError, match="seed"):
        sample_block(DISTS, 0, 3, -1)
