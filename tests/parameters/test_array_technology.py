"""The solar array's technology: its values, their derivations, and who wins.

References for the derived values (each checked to the rounding the data file states):

- NASA on ROSA's flight test (June 2017): 20 % lighter than rigid panel arrays of the same
  performance; iROSA: 20 kW, ~340 kg (59 W/kg, NASA/Boeing 2021).
- Starcloud whitepaper v1.03 (Sept 2024): 22 % silicon cells, 90 % fill factor, cells at
  $0.03/W.
- Lohmeyer et al. 2018, Int. J. Space Sci. Eng. 5(1): on-orbit degradation of silicon
  arrays 0.71-1.69 %/yr, GaAs-based 0.44-1.03 %/yr.
- spacedc-mdao's solar-array catalogue: rigid triple-junction $50/W, ROSA-class $60/W.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from terawatt.errors import InputError
from terawatt.parameters.array_technology import (
    ARRAY_ENTRIES,
    GOVERNED,
    PLATFORM_COST,
    TECHNOLOGY,
    array_technologies,
    array_technology,
)
from terawatt.parameters.table import shipped_table
from terawatt.scenario.schema import load_scenario, sample_parameters
from terawatt.space.presets import design_from_values

BASELINE = "scenarios/baseline.yaml"


def _value(tech: str, entry: str) -> float:
    value = array_technology(tech).values[entry][0]
    return float(value.central())  # type: ignore[union-attr]


def test_technologies_are_the_tables_options_and_the_default_is_the_table() -> None:
    table = shipped_table()
    assert tuple(array_technologies()) == tuple(table[TECHNOLOGY].choices or ())
    default = array_technology(str(table[TECHNOLOGY].default))
    assert default.cost_factor == 1.0
    for entry in GOVERNED:  # the table's defaults are its values, one place for them
        assert default.values[entry][0] == table[entry].default


def test_rigid_panels_are_twenty_percent_heavier_than_a_roll_out_blanket() -> None:
    rollout = _value("iii-v-rollout", "satellite.array.specific_power")
    assert rollout == pytest.approx(59.0)  # iROSA, 20 kW / 340 kg
    # NASA: ROSA 20 % lighter than rigid panels of the same performance
    assert _value("iii-v-rigid", "satellite.array.specific_power") == pytest.approx(
        0.8 * rollout, abs=0.5
    )
    assert array_technology("iii-v-rigid").cost_factor == pytest.approx(50 / 60, abs=0.005)


def test_silicon_values_follow_from_their_sources() -> None:
    eff = _value("silicon", "satellite.array.cell_efficiency")
    pack = _value("silicon", "satellite.array.packing_factor")
    assert (eff, pack) == (0.22, 0.90)  # Starcloud whitepaper v1.03
    area_ratio = (0.30 * 0.85) / (eff * pack)  # blanket per W against the III-V default
    # same blanket mass per area as iROSA, less power per area: within 0.5 W/kg
    assert _value("silicon", "satellite.array.specific_power") == pytest.approx(
        59.0 / area_ratio, abs=0.5
    )
    # degradation: the table's III-V 2.5 %/yr x (1.69 / 1.03), within 0.05 %/yr
    assert _value("silicon", "satellite.array.degradation") == pytest.approx(
        0.025 * 1.69 / 1.03, abs=5e-4
    )
    # cost: half the array's cost (the cells) nearly vanishes, the rest scales with area
    assert array_technology("silicon").cost_factor == pytest.approx(
        0.5 * area_ratio + 0.03 / 7.0, abs=0.01
    )


def test_unknown_technology_is_refused_with_its_name() -> None:
    with pytest.raises(InputError) as err:
        array_technology("perovskite")
    assert err.value.field == TECHNOLOGY
    assert "silicon" in str(err.value)
    with pytest.raises(InputError) as err2:
        load_scenario(BASELINE, overrides={TECHNOLOGY: "perovskite"})
    assert "perovskite" in str(err2.value)


def test_a_scenario_follows_its_technology_on_the_same_draws() -> None:
    base = load_scenario(BASELINE)
    silicon = load_scenario(BASELINE, overrides={TECHNOLOGY: "silicon"})
    for entry in ARRAY_ENTRIES:
        assert silicon.parameters[entry] == array_technology("silicon").values[entry][0]
    p = sample_parameters(dataclasses.replace(base, samples=200))
    q = sample_parameters(dataclasses.replace(silicon, samples=200))
    factor = array_technology("silicon").cost_factor
    np.testing.assert_allclose(q[PLATFORM_COST], factor * p[PLATFORM_COST], rtol=1e-12)
    assert "silicon" in silicon.sources[PLATFORM_COST]
    # a value the scenario sets itself wins over the technology's
    own = load_scenario(
        BASELINE,
        overrides={TECHNOLOGY: "silicon", "satellite.array.specific_power": "80 W/kg"},
    )
    assert own.parameters["satellite.array.specific_power"].central() == 80.0  # type: ignore[union-attr]
    assert own.parameters["satellite.array.cell_efficiency"].central() == 0.22  # type: ignore[union-attr]


def test_a_presets_array_stands_unless_a_technology_is_named() -> None:
    preset = {"orbit.satellite_preset": "aggressive-100wpkg"}
    kept = load_scenario(BASELINE, overrides=preset)
    assert kept.parameters["satellite.array.specific_power"].central() == 300.0  # type: ignore[union-attr]
    assert kept.parameters[PLATFORM_COST].central() == pytest.approx(2.47)  # type: ignore[union-attr]
    named = load_scenario(BASELINE, overrides={**preset, TECHNOLOGY: "iii-v-rigid"})
    assert named.parameters["satellite.array.specific_power"].central() == 47.0  # type: ignore[union-attr]
    assert named.parameters[PLATFORM_COST].central() == pytest.approx(7.0 * 0.83)  # type: ignore[union-attr]


def test_a_point_design_follows_the_same_rule() -> None:
    assert design_from_values({}).array_specific_power_w_per_kg == 59.0
    silicon = design_from_values({}, overrides={"array.technology": "silicon"})
    assert silicon.cell_efficiency == 0.22
    assert silicon.platform_cost_usd_per_w == pytest.approx(7.0 * 0.65)
    mixed = design_from_values(
        {"array.specific_power": "90 W/kg"}, overrides={"array.technology": "silicon"}
    )
    assert mixed.array_specific_power_w_per_kg == 90.0
    assert mixed.array_degradation_per_year == pytest.approx(0.041)
    aggressive = design_from_values({}, preset="aggressive-100wpkg")
    assert aggressive.array_specific_power_w_per_kg == 300.0  # the preset's own array
    assert aggressive.platform_cost_usd_per_w == pytest.approx(2.47)
    named = design_from_values(
        {}, preset="aggressive-100wpkg", overrides={"array.technology": "silicon"}
    )
    assert named.array_specific_power_w_per_kg == 46.0
