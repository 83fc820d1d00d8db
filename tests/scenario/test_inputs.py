"""The engine's inputs record: each field names its table entry, of the field's kind."""

from __future__ import annotations

import dataclasses
import typing

import numpy as np
import pytest

from terawatt.earth.datacenter import FACILITY_CAPEX_ENTRIES
from terawatt.errors import InputError
from terawatt.parameters.table import shipped_table
from terawatt.scenario.inputs import ENGINE_PARAMETERS, EngineInputs, engine_parameters
from terawatt.scenario.schema import default_scenario, sample_parameters
from terawatt.scenario.sites import DEFAULT_SITES, Sites
from terawatt.space.satellite import SATELLITE_TABLE
from terawatt.typing import FloatArray

#: The table's kind of entry each type of field reads.
KINDS = {str: "text", int: "integer", FloatArray: "quantity"}


def test_each_field_reads_a_table_entry_of_its_kind() -> None:
    """Text fields read text entries, arrays quantities, whole numbers integer entries."""
    table = shipped_table()
    hints = typing.get_type_hints(EngineInputs)
    keys = EngineInputs.table_keys()
    assert len(set(keys.values())) == len(keys), "two fields read one entry"
    for attr, name in keys.items():
        assert name in table, name
        assert table[name].kind == KINDS[hints[attr]], (attr, name, table[name].kind)
    # the fields without an entry of their own are the chunk's size and the records
    plain = {f.name for f in dataclasses.fields(EngineInputs)} - set(keys)
    assert plain == {"n", "satellite", "share_of_growth", "moon", "radiation", "trend_window"}


def test_the_satellite_design_shares_the_record_s_entries() -> None:
    """The design's shared entries (the chip, ``orbit.*``) are fields of the record too,
    so the engine and the design it sizes read one value of each."""
    shared = {SATELLITE_TABLE.table_key(k) for k in SATELLITE_TABLE.entries}
    shared -= {n for n in shared if n.startswith(SATELLITE_TABLE.prefix)}
    assert shared
    assert shared <= set(EngineInputs.table_keys().values())
    assert len(set(ENGINE_PARAMETERS)) == len(ENGINE_PARAMETERS)


def test_from_mapping_broadcasts_every_quantity_to_the_chunk() -> None:
    sites = Sites(earth=("USA", "DEU"), moon=True)
    params = sample_parameters(default_scenario(samples=5), 0, 5)
    x = EngineInputs.from_mapping(params, sites)
    assert x.n == 5
    for attr in EngineInputs.table_keys():
        value = getattr(x, attr)
        assert isinstance(value, str | int) or np.shape(value) == (5,), attr
    assert x.accelerator == params["compute.accelerator"]
    np.testing.assert_array_equal(x.pue, params["datacenter.facility.pue"])
    assert set(x.share_of_growth) == {"USA", "DEU"}
    np.testing.assert_array_equal(x.share_of_growth["USA"], params["grid.share_of_growth.USA"])
    assert x.moon is not None
    assert x.moon.n == 5
    assert EngineInputs.from_mapping(params, DEFAULT_SITES).moon is None
    assert "moon.productivity" in engine_parameters(sites)
    assert "moon.productivity" not in engine_parameters(DEFAULT_SITES)


def test_from_mapping_reads_quantities_as_read_only_views() -> None:
    """Drawn arrays are viewed, not copied, and cannot be written through the record;
    a single value is spread to the chunk."""
    params: dict[str, typing.Any] = dict(sample_parameters(default_scenario(samples=6), 0, 6))
    params["datacenter.facility.pue"] = 1.25
    x = EngineInputs.from_mapping(params, DEFAULT_SITES)
    drawn = params["compute.utilisation"]
    assert isinstance(drawn, np.ndarray)
    assert np.shares_memory(x.utilisation, drawn)
    assert not x.utilisation.flags.writeable
    assert drawn.flags.writeable  # the caller's array is left as it was
    np.testing.assert_array_equal(x.pue, np.full(6, 1.25))
    assert not x.pue.flags.writeable


def test_a_missing_parameter_is_named() -> None:
    params = sample_parameters(default_scenario(samples=2), 0, 2)
    del params["orbit.insurance"]
    with pytest.raises(InputError, match=r"orbit\.insurance"):
        EngineInputs.from_mapping(params)


def test_facility_capex_is_the_design_s_categories_in_order() -> None:
    """The Earth site adds up the same capex entries, in the same order, as the design."""
    params = sample_parameters(default_scenario(samples=3), 0, 3)
    x = EngineInputs.from_mapping(params)
    for value, name in zip(x.facility_capex_usd_per_w, FACILITY_CAPEX_ENTRIES, strict=True):
        np.testing.assert_array_equal(value, params[name])
