"""Every shipped scenario at its tails: finite outputs, no overflow, no RuntimeWarning.

Each uncertain input is set, per sample, to its 0.1 % or its 99.9 % quantile (chosen at
random per input and sample), so the run visits the corners of the input space where
compounding growth is largest; no output may be infinite and no numpy operation may warn.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from terawatt.moon import industry
from terawatt.scenario import engine
from terawatt.scenario.inputs import ChipTrends, EngineInputs
from terawatt.scenario.schema import load_scenario, sample_parameters

SCENARIOS = sorted((Path(__file__).parents[2] / "scenarios").glob("*.yaml"))
DRAWS = 1000  # draws whose quantiles give the tails
CORNERS = 200  # samples run, each a corner of the inputs


def _corners(path: Path) -> tuple[dict[str, object], np.ndarray]:
    scenario = load_scenario(path)
    drawn = sample_parameters(scenario, 0, DRAWS)
    rng = np.random.default_rng(12345)
    params: dict[str, object] = {}
    for name, value in drawn.items():
        if isinstance(value, np.ndarray) and value.dtype.kind == "f" and np.ptp(value) > 0:
            low, high = np.quantile(value, [0.001, 0.999])
            params[name] = np.where(rng.integers(0, 2, CORNERS) == 1, high, low)
        elif isinstance(value, np.ndarray):
            params[name] = np.broadcast_to(value[:1], (CORNERS,)).copy()
        else:
            params[name] = value
    years = np.arange(scenario.start_year, scenario.end_year + 1)
    return params, years


@pytest.mark.filterwarnings("error::RuntimeWarning")
@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario_tails_are_finite(path: Path) -> None:
    """No output is infinite (NaN marks only undefined figures), and nothing warns."""
    scenario = load_scenario(path)
    params, years = _corners(path)
    flows = (
        {name: np.zeros((CORNERS, years.size)) for name in industry.YEAR_FIELDS}
        if scenario.sites.moon
        else None
    )
    out = engine.run_chunk(params, years, sites=scenario.sites, moon_flows=flows)
    for name, arr in out.items():
        assert not np.isinf(arr).any(), name
    assert np.isfinite(out["flop_per_s"]).all()
    assert np.isfinite(out["compute_installed_w"]).all()
    # under the ceilings: no compute beats Landauer's FLOP/J, and the sites' new chips
    # never exceed the world's supply
    x = EngineInputs.from_mapping(params, scenario.sites)
    chips = ChipTrends(x)
    ceiling = chips.ceiling[:, np.newaxis, np.newaxis]
    assert np.all(out["flop_per_s"] <= out["compute_installed_w"] * ceiling * (1 + 1e-6))
    kinds = np.asarray(scenario.sites.kinds)
    pue = np.where(kinds == "earth", x.pue[:, np.newaxis], 1.0)  # IT W per W added
    for k in range(years.size):
        it_w = out["compute_added_w"][:, k, :] / pue
        drawn = it_w[:, kinds != "moon"].sum(axis=1)
        assert np.all(drawn * chips.flop_per_j <= chips.supply_flop_per_s * (1 + 1e-5)), k
        chips.next_year()
    for name, arr in (flows or {}).items():
        assert not np.isinf(arr[:, :]).any() or name == "factory_doubling_time_years", name
    if flows is not None:
        # the Moon's arrays never collect more than their share of its sunlight
        sun = flows["solar_energy_in_j"] / engine.JULIAN_YEAR_S
        assert np.all(sun <= flows["sunlight_ceiling_w"] * (1 + 1e-9))
