"""Design records from the parameter table: defaults, presets, overrides, bounds."""

from __future__ import annotations

import numpy as np
import pytest

from terawatt.earth.datacenter import DATACENTER_TABLE
from terawatt.errors import InputError
from terawatt.parameters.records import flatten
from terawatt.space.satellite import SATELLITE_TABLE


def test_flatten_nested_and_dotted() -> None:
    assert flatten({"a": {"b": 1, "c": {"d": 2}}, "e.f": 3}) == {"a.b": 1, "a.c.d": 2, "e.f": 3}


def test_parse_reads_bare_numbers_in_the_display_unit() -> None:
    parsed = SATELLITE_TABLE.parse({"compute": {"power": 100}, "orbit.design_life": "5"})
    assert parsed == {"compute_power_w": pytest.approx(1e5), "design_life_years": 5.0}


def test_unknown_key_suggests_close_match() -> None:
    with pytest.raises(InputError, match=r"did you mean 'array\.specific_power'"):
        SATELLITE_TABLE.parse({"array.specific_powr": "1 W/kg"}, "--set")


def test_defaults_are_the_default_preset() -> None:
    for table in (SATELLITE_TABLE, DATACENTER_TABLE):
        defaults = table.presets[table.default_preset]
        # it may name its own value of a shared input (compute.*), nothing under the prefix
        assert all(table.table_key(key) == key for key in defaults.overrides)
        for key, entry in table.entries.items():
            if key not in defaults.overrides:
                assert defaults.sources[key] == entry.source


def test_preset_overrides_win_and_layers_stack() -> None:
    base = SATELLITE_TABLE.values("aggressive-100wpkg")
    assert base["array_specific_power_w_per_kg"] == 300.0
    top = SATELLITE_TABLE.parse({"array.specific_power": "150 W/kg"})
    design = SATELLITE_TABLE.build("aggressive-100wpkg", top, label="x")
    assert design.array_specific_power_w_per_kg == 150.0
    assert design.accelerator == "NVIDIA B200"


def test_unknown_preset_lists_the_presets() -> None:
    with pytest.raises(InputError, match="'today', 'aggressive-100wpkg'"):
        SATELLITE_TABLE.preset("orbital-2030")


def test_check_is_array_aware() -> None:
    design = SATELLITE_TABLE.build("today", label="x").replace(
        radiator_emissivity=np.array([0.9, 1.1])
    )
    with pytest.raises(InputError, match=r"radiator\.emissivity.*\(0, 1\]"):
        SATELLITE_TABLE.check(design)
    nan = design.replace(radiator_emissivity=np.array([0.9, np.nan]))
    with pytest.raises(InputError, match="finite"):
        SATELLITE_TABLE.check(nan)
    assert SATELLITE_TABLE.shape(design.replace(radiator_emissivity=np.ones(3) * 0.9)) == (3,)
