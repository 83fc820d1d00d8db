"""Medians over samples by a sampled bracket: the same numbers as xarray's, bit for bit."""

from __future__ import annotations

import numpy as np
import pytest
import xarray as xr

from terawatt.scenario import analysis, runner, schema
from terawatt.scenario._median_kernels import column_medians


def _hard_columns(n: int, seed: int) -> np.ndarray:
    """Columns that test each path: NaNs, ties, infinities, two values, all NaN."""
    rng = np.random.default_rng(seed)
    a = rng.lognormal(0.0, 3.0, (n, 8)).astype(np.float32)
    a[:, 1] = np.nan  # all NaN
    a[rng.random(n) < 0.3, 2] = np.nan  # some NaN
    a[:, 3] = np.round(a[:, 3])  # many ties
    a[:, 4] = np.where(rng.random(n) < 0.7, 0.0, a[:, 4])  # most samples at one value
    a[rng.random(n) < 0.1, 5] = np.inf
    a[rng.random(n) < 0.1, 5] = -np.inf
    a[:, 6] = np.where(rng.random(n) < 0.5, 0.0, 1.0)  # two values: the middle between
    a[:, 7] = -a[:, 7]
    return a


@pytest.mark.parametrize("n", [1, 2, 599, 600, 4096, 4097, 20_001, 60_000])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_column_medians_equal_xarray(n, dtype):
    a = _hard_columns(n, n).astype(dtype)
    expected = xr.DataArray(a, dims=("sample", "column")).median("sample").to_numpy()
    got = column_medians(a)
    assert got.dtype == expected.dtype
    np.testing.assert_array_equal(got, expected)
    # a strided view (one site of a (sample, year, site) result) gives the same
    wide = np.stack([a, a * 2], axis=-1)
    np.testing.assert_array_equal(column_medians(wide[:, :, 0]), expected)


def test_a_bracket_that_misses_falls_back():
    # the subsample (every k-th row) sees only zeros; the middle of the column is not zero
    n = 40_000
    a = np.ones((n, 1), dtype=np.float32)
    a[:: max(1, n // 20_000), 0] = 0.0
    a[1::4, 0] = 0.5
    expected = np.nanmedian(a, axis=0)
    np.testing.assert_array_equal(column_medians(a), expected)


def test_sample_medians_equal_dataset_median():
    scenario = schema.default_scenario(samples=5000, years=(2025, 2028))
    ds = runner.run(scenario)
    xr.testing.assert_identical(analysis.sample_medians(ds), ds.median("sample"))
    for kind in ("earth", "orbit"):
        picked = analysis.by_kind(ds, "cost_per_mtok_usd", kind)
        xr.testing.assert_identical(analysis.sample_median(picked), picked.median("sample"))
    part = analysis.loaded(ds, "compute_added_w")
    assert list(part.data_vars) == ["compute_added_w"]
