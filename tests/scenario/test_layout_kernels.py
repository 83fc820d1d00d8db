"""The compiled layout copies and the grouped run's reused buffers change no value."""

from __future__ import annotations

import numpy as np
import pytest

from terawatt.scenario import engine, schema, structural
from terawatt.scenario._layout_kernels import gather_transpose

MIXED = "{dist: choice, weights: {today: 0.6, aggressive-100wpkg: 0.4}}"


def _where(n: int, rng: np.random.Generator) -> np.ndarray:
    """Positions of a two-group buffer, as run_grouped makes them."""
    first = rng.random(n) < 0.5
    order = np.concatenate([np.flatnonzero(first), np.flatnonzero(~first)])
    where = np.empty(n, dtype=np.intp)
    where[order] = np.arange(n)
    return where


@pytest.mark.parametrize("dtype", [np.float32, np.int8])
@pytest.mark.parametrize("n", [1, 63, 64, 65, 300])
def test_kernels_equal_numpy(dtype, n):
    rng = np.random.default_rng(n)
    src = (rng.standard_normal((5, 3, n + 7)) * 50).astype(dtype)[:, :, 3 : n + 3]
    where = _where(n, rng)
    expected = np.take(src, where, axis=2)
    transposed = np.empty((n, 5, 3), dtype=dtype)
    gather_transpose(src, where, transposed)
    np.testing.assert_array_equal(transposed, np.moveaxis(expected, 2, 0))


def test_group_parameters_equal_each_pinned_draw():
    scenario = schema.default_scenario(
        overrides={"orbit.satellite_preset": MIXED}, samples=50, years=(2025, 2027)
    )
    groups = structural.choice_groups(scenario, 10, 50)
    assert len(groups) == 2
    for (index, pinned), params in zip(
        groups, structural.group_parameters(scenario, groups, 10, 50), strict=True
    ):
        direct = schema.sample_parameters(pinned, 10, 50)
        assert list(params) == list(direct)
        for name, value in direct.items():
            if isinstance(value, np.ndarray):
                np.testing.assert_array_equal(params[name], value[index], err_msg=name)
            else:
                assert params[name] == value, name


def test_reused_buffers_leave_nothing_of_an_earlier_chunk():
    # the engine must write every element: scratch buffers are reused between chunks
    scenario = schema.default_scenario(
        overrides={"orbit.satellite_preset": MIXED}, samples=40, years=(2025, 2029)
    )
    years = np.arange(2025, 2030)
    fresh = structural.run_sample_major(scenario, 0, 40, years)
    for arr in structural._scratch((5, len(scenario.sites.names), 40)).values():
        arr[...] = 77
    again = structural.run_sample_major(scenario, 0, 40, years)
    inplace = structural.run_grouped(scenario, 0, 40, years)
    for name in engine.OUTPUTS:
        np.testing.assert_array_equal(again[name], fresh[name], err_msg=name)
        np.testing.assert_array_equal(inplace[name], fresh[name], err_msg=name)
        assert again[name].flags.c_contiguous


def test_a_worker_writes_its_rows_into_the_shared_result():
    from terawatt.scenario import runner  # noqa: PLC0415

    if not runner._SharedResult.available():
        pytest.skip("no memfd_create or /proc here")
    scenario = schema.default_scenario(
        overrides={"orbit.satellite_preset": MIXED}, samples=30, years=(2025, 2027)
    )
    years = np.arange(2025, 2028)
    shared = runner._SharedResult(3, len(scenario.sites.names), 30)
    try:
        for start, stop in ((0, 17), (17, 30)):  # in this process, as a worker would
            runner.compute_into_shared(scenario, start, stop, years, shared.source, shared.layout)
    finally:
        shared.close()
    whole = runner.compute_block(scenario, 0, 30, years)
    for name in engine.OUTPUTS:  # the shared result is (year, site, sample): bit for bit
        moved = np.moveaxis(shared.arrays[name], 2, 0)
        assert np.ascontiguousarray(moved).tobytes() == whole[name].tobytes(), name
