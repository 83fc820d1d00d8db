"""The engine's per-chunk set-up, made faster, gives the numbers it gave, bit for bit.

- :func:`terawatt.scenario._engine_kernels.annual_failure_share` is
  :func:`terawatt.space.fleet_steady.annual_failure_share` (NumPy's pairwise row sums
  included: fleets of 1 to 30 years);
- :meth:`EngineInputs.rows` gives a block of samples the inputs :meth:`EngineInputs.from_mapping`
  reads from that block's parameters;
- a chunk larger than the engine's block (read once, sliced per block) gives what its
  halves give run on their own;
- one trend window for the chunk gives the growth ratio the per-sample path gives.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pytest

from terawatt.scenario import _engine_kernels as kernels
from terawatt.scenario import engine
from terawatt.scenario.inputs import EngineInputs
from terawatt.scenario.schema import default_scenario, sample_parameters
from terawatt.scenario.sites import Shell, Sites
from terawatt.space import fleet, fleet_steady
from terawatt.space.fleet_params import FleetParams


def _bits(a: Any) -> bytes:
    return np.ascontiguousarray(a).tobytes()


@pytest.mark.parametrize("n", [1, 2, 7, 300])
@pytest.mark.parametrize("longest", [1.0, 5.99, 8.5, 9.0, 17.3, 30.0])
def test_annual_failure_share_kernel_is_fleet_steady_s(n: int, longest: float) -> None:
    rng = np.random.default_rng(n * 100 + int(longest))
    life = rng.uniform(1.0, longest, n)
    life[0] = longest
    lam = rng.uniform(0.0, 0.3, n)
    lam[::4] = 0.0
    for degradation in (0.0, rng.uniform(0.0, 0.05, n)):
        params = FleetParams(
            design_life_years=life,
            failure_probability_per_year=lam,
            array_degradation_per_year=degradation,
            infant_failure_probability=rng.uniform(0.0, 0.1, n),
        )
        plan = fleet.plan(params, n, fleet.initial_state(params, n).max_age)
        want = fleet_steady.annual_failure_share(params, n, plan=plan)
        out = np.empty(n)
        r = plan.resolved
        kernels.annual_failure_share(
            plan.shares[0].T, np.ascontiguousarray(r.life), np.ascontiguousarray(r.degradation), out
        )
        assert _bits(out) == _bits(want)
        assert _bits(engine._failure_share(params, n, plan)) == _bits(want)


def test_a_plan_deeper_than_the_longest_life_takes_the_numpy_function() -> None:
    params = FleetParams(
        design_life_years=np.array([3.5, 4.2]), failure_probability_per_year=np.array([0.1, 0.02])
    )
    plan = fleet.plan(params, 2, 9)  # 9 ages for lives of at most 4 years
    want = fleet_steady.annual_failure_share(params, 2, plan=plan)
    assert _bits(engine._failure_share(params, 2, plan)) == _bits(want)


@pytest.fixture(scope="module")
def drawn() -> dict[str, Any]:
    return sample_parameters(dataclasses.replace(default_scenario(), samples=64))


def _same_record(a: Any, b: Any) -> None:
    """Field by field, the same values (arrays bit for bit, records and dicts within)."""
    if dataclasses.is_dataclass(a):
        assert type(a) is type(b)
        for f in dataclasses.fields(a):
            _same_record(getattr(a, f.name), getattr(b, f.name))
    elif isinstance(a, dict):
        assert a.keys() == b.keys()
        for k in a:
            _same_record(a[k], b[k])
    elif isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        assert np.shape(a) == np.shape(b)
        numeric = np.asarray(a).dtype.kind == "f"
        assert np.array_equal(a, b, equal_nan=numeric)
    else:
        assert a == b or (a != a and b != b)  # noqa: PLR0124 - NaN


@pytest.mark.parametrize(("a", "b"), [(0, 64), (0, 10), (10, 64), (63, 64)])
def test_rows_are_what_from_mapping_reads_from_the_rows(
    drawn: dict[str, Any], a: int, b: int
) -> None:
    sites = Sites(earth=("World", "USA"), shells=(Shell("a", 650e3, 18.0, 1.0),), moon=True)
    whole = EngineInputs.from_mapping(drawn, sites)
    part = {k: v[a:b] if isinstance(v, np.ndarray) else v for k, v in drawn.items()}
    rows = whole.rows(a, b)
    assert rows.n == b - a
    read = EngineInputs.from_mapping(part, sites)
    for f in dataclasses.fields(EngineInputs):
        # the design's inputs that agree within the rows are one number there, arrays here
        # (the engine's blocks take the chunk's sized satellite, not this record)
        if f.name != "satellite":
            _same_record(getattr(rows, f.name), getattr(read, f.name))
    assert np.array_equal(rows.pue, drawn["datacenter.facility.pue"][a:b])
    with pytest.raises(ValueError, match="rows"):
        whole.rows(5, 5)


def test_one_window_gives_the_per_sample_growth_ratio(drawn: dict[str, Any]) -> None:
    sites = Sites(earth=("World", "USA"), shells=(Shell("a", 650e3, 18.0, 1.0),))
    x = EngineInputs.from_mapping(drawn, sites)
    one = dataclasses.replace(x, trend_window="recent")
    each = dataclasses.replace(x, trend_window=np.full(x.n, "recent"))
    assert _bits(one.growth_ratio("USA")) == _bits(each.growth_ratio("USA"))
    assert one.growth_ratio("USA").shape == (x.n,)


def test_a_chunk_of_several_blocks_is_its_halves_run_alone() -> None:
    n = engine.BLOCK + 40
    params = sample_parameters(dataclasses.replace(default_scenario(), samples=n))
    years = np.arange(2026, 2029)
    whole = engine.run_chunk(params, years)
    cut = n // 2  # each half fits one block: its inputs read from its own parameters
    halves = [
        engine.run_chunk(
            {k: v[a:b] if isinstance(v, np.ndarray) else v for k, v in params.items()}, years
        )
        for a, b in ((0, cut), (cut, n))
    ]
    for name, values in whole.items():
        joined = np.concatenate([h[name] for h in halves])
        assert np.array_equal(values, joined, equal_nan=True), name


def test_reuse_heap_changes_no_number() -> None:
    """The heap settings (scenario._heap) come before every chunk; a chunk run after them
    again gives the same numbers."""
    from terawatt.scenario._heap import reuse_heap  # noqa: PLC0415

    params = sample_parameters(dataclasses.replace(default_scenario(), samples=50))
    years = np.arange(2026, 2028)
    first = engine.run_chunk(params, years)
    reuse_heap()
    again = engine.run_chunk(params, years)
    for name, values in first.items():
        assert _bits(values) == _bits(again[name]), name


def test_another_chip_after_a_cached_one_gives_its_own_figures(drawn: dict[str, Any]) -> None:
    """ChipTrends looks each chip up once (inputs._chip); a changed accelerator or precision
    after a cached call gives that chip's figures, as the table gives them."""
    from terawatt.data.hardware import Accelerator  # noqa: PLC0415
    from terawatt.scenario.inputs import ChipTrends  # noqa: PLC0415

    x = EngineInputs.from_mapping(drawn)
    first = ChipTrends(x).flop_per_j0
    another = "NVIDIA H100 SXM5 80GB" if x.accelerator != "NVIDIA H100 SXM5 80GB" else "NVIDIA B200"
    precision = "bf16" if x.precision != "bf16" else "fp16"
    for name in (another, x.accelerator):  # another chip, the same chip at another precision
        other = dataclasses.replace(x, accelerator=name, precision=precision)
        chip = Accelerator.from_table(name, precision)
        want = chip.flop_per_s / (chip.tdp_w * (1.0 + other.host_overhead))
        got = ChipTrends(other).flop_per_j0
        assert _bits(got) == _bits(want)
        assert not np.array_equal(got, first)


def test_reuse_heap_sets_the_thresholds_once_unless_the_user_has(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """scenario._heap: mallopt once per process, never over glibc's own variables."""
    import sys  # noqa: PLC0415

    from terawatt.scenario import _heap  # noqa: PLC0415

    calls: list[tuple[int, int]] = []
    monkeypatch.setattr(_heap, "_glibc_mallopt", lambda: lambda k, v: calls.append((k, v)))
    monkeypatch.setattr(sys, "platform", "linux")
    for variable in _heap._USER_SETTINGS:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(_heap, "_done", False)
    _heap.reuse_heap()
    _heap.reuse_heap()
    assert calls == [
        (_heap._M_MMAP_THRESHOLD, _heap.MMAP_THRESHOLD_BYTES),
        (_heap._M_TRIM_THRESHOLD, _heap.TRIM_THRESHOLD_BYTES),
    ]
    calls.clear()
    monkeypatch.setattr(_heap, "_done", False)
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "131072")
    _heap.reuse_heap()
    assert calls == []
