"""The accelerator's price follows the chosen chip (one price entry per chip in the table)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_array_equal

from terawatt.data.hardware import Accelerator
from terawatt.parameters.choice import Choice
from terawatt.parameters.table import DIST_TYPES, Dist, Value, shipped_table
from terawatt.scenario.schema import (
    ACCELERATOR,
    ACCELERATOR_PRICE,
    chip_price_entry,
    default_scenario,
    load_scenario,
    sample_parameters,
)

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "scenarios" / "baseline.yaml"
H100 = "NVIDIA H100 SXM5 80GB"
TABLE = shipped_table()
CHIPS = tuple(TABLE[ACCELERATOR].choices)


def _dist(value: Value) -> Dist:
    """A quantity's distribution (the prices are quantities)."""
    assert isinstance(value, DIST_TYPES)
    return value


def test_every_chip_has_a_price_entry_with_a_source_on_one_stream() -> None:
    assert len(CHIPS) == 4
    for chip in CHIPS:
        entry = TABLE[chip_price_entry(chip)]
        assert entry.unit == "USD"
        assert entry.source.strip()
        assert entry.stream == ACCELERATOR_PRICE  # one quantile whatever the chip
    assert chip_price_entry(H100) == "compute.chip_price.nvidia_h100_sxm5_80gb"


def test_the_h100_price_is_epochs_release_price() -> None:
    """Epoch AI's ML hardware table lists the H100 SXM5 80GB at 33,600 USD at release."""
    mode = _dist(TABLE[chip_price_entry(H100)].default).central()
    assert mode == pytest.approx(33_600.0, rel=0.02)
    assert Accelerator.from_table(H100).price_usd == 33_600.0


def test_the_default_chip_keeps_its_price() -> None:
    """The B200 (the default chip) pays what compute.accelerator_price held before."""
    s = load_scenario(BASELINE)
    assert s.parameters[ACCELERATOR] == "NVIDIA B200"
    b200 = TABLE[chip_price_entry("NVIDIA B200")]
    assert s.parameters[ACCELERATOR_PRICE] == b200.default == TABLE[ACCELERATOR_PRICE].default
    assert s.sources[ACCELERATOR_PRICE] == b200.source


def test_a_scenario_that_picks_an_h100_pays_an_h100s_price() -> None:
    s = load_scenario(BASELINE, overrides={ACCELERATOR: H100})
    assert s.parameters[ACCELERATOR_PRICE] == TABLE[chip_price_entry(H100)].default
    drawn = sample_parameters(s, 0, 64)[ACCELERATOR_PRICE]
    assert isinstance(drawn, np.ndarray)
    low, high = _dist(TABLE[chip_price_entry(H100)].default).support()
    assert low <= drawn.min()
    assert drawn.max() <= high < 45_000.0 - 1_000.0


def test_a_price_the_scenario_sets_wins() -> None:
    """scenarios/suncatcher.yaml names the TPU v6e and its own price: it keeps its own."""
    s = load_scenario(ROOT / "scenarios" / "suncatcher.yaml")
    assert _dist(s.parameters[ACCELERATOR_PRICE]).central() == 12_000.0
    t = default_scenario(overrides={ACCELERATOR: H100, ACCELERATOR_PRICE: "20000 USD"})
    assert _dist(t.parameters[ACCELERATOR_PRICE]).central() == 20_000.0


def test_a_chip_entry_the_scenario_sets_is_the_price_of_that_chip() -> None:
    s = default_scenario(overrides={ACCELERATOR: H100, chip_price_entry(H100): "25000 USD"})
    assert _dist(s.parameters[ACCELERATOR_PRICE]).central() == 25_000.0


def test_each_sample_of_a_drawn_chip_pays_its_chips_price() -> None:
    """A structural choice of chip: sample i's price is the pinned scenario's sample i."""
    choice = "{dist: choice, weights: {NVIDIA B200: 1, NVIDIA H100 SXM5 80GB: 1}}"
    s = default_scenario(overrides={ACCELERATOR: choice}, samples=200)
    assert isinstance(s.parameters[ACCELERATOR], Choice)
    drawn = sample_parameters(s)
    chips, prices = np.asarray(drawn[ACCELERATOR]), np.asarray(drawn[ACCELERATOR_PRICE])
    assert {"NVIDIA B200", H100} == set(chips)
    for chip in ("NVIDIA B200", H100):
        pinned = np.asarray(sample_parameters(s.pinned({ACCELERATOR: chip}))[ACCELERATOR_PRICE])
        assert_array_equal(prices[chips == chip], pinned[chips == chip])
    # blocks reproduce the whole
    parts = [sample_parameters(s, a, b)[ACCELERATOR_PRICE] for a, b in ((0, 71), (71, 200))]
    assert_array_equal(np.concatenate(parts), prices)
    # a price set by the scenario is every sample's, and the hash tells the two apart
    fixed = default_scenario(
        overrides={ACCELERATOR: choice, ACCELERATOR_PRICE: "20000 USD"}, samples=200
    )
    assert set(np.asarray(sample_parameters(fixed)[ACCELERATOR_PRICE])) == {20_000.0}
    assert fixed.hash != s.hash


def test_to_yaml_leaves_the_price_to_the_chip(tmp_path: Path) -> None:
    """Written out, the price stays a follower: a file edited to another chip pays its price."""
    s = load_scenario(BASELINE)
    text = s.to_yaml()
    assert f"# {ACCELERATOR_PRICE}: follows {ACCELERATOR}" in text
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    again = load_scenario(path)
    assert again.hash == s.hash
    path.write_text(text.replace("value: NVIDIA B200", f"value: {H100}"), encoding="utf-8")
    edited = load_scenario(path)
    assert edited.parameters[ACCELERATOR_PRICE] == TABLE[chip_price_entry(H100)].default
