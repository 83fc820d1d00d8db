"""The whitepaper's data file: read through terawatt.data, every section and key checked."""

from __future__ import annotations

import copy
import math

import pytest

from terawatt.data import read_yaml, validated
from terawatt.data.starcloud import (
    MODEL_UNITS,
    WHITEPAPER_FILE,
    _Whitepaper,
    load_starcloud_whitepaper,
)
from terawatt.errors import InputError


def test_every_entry_in_model_units() -> None:
    figures = load_starcloud_whitepaper()
    assert {s: list(v) for s, v in figures.items()} == {s: list(v) for s, v in MODEL_UNITS.items()}
    assert figures["assumptions"]["it_power"].model_value == pytest.approx(40e6)
    assert figures["terrestrial"]["energy"].resolution == pytest.approx(1e6)
    assert math.isnan(figures["corrections"]["ground_preset"].model_value)


@pytest.mark.parametrize(
    ("edit", "field", "expected"),
    [
        (lambda d: d["assumptions"].pop("it_power"), "assumptions.it_power", "required"),
        (
            lambda d: d["table1"]["space"].update(radiator={"value": 1, "unit": "", "source": "x"}),
            "table1.space.radiator",
            "unknown key",
        ),
        (
            lambda d: d["corrections"]["failure_rate"].pop("source"),
            "failure_rate.source",
            "required",
        ),
        (
            lambda d: d["assumptions"]["duration"].update(unit=["year"]),
            "assumptions.duration.unit",
            "string",
        ),
    ],
)
def test_schema_errors_name_the_entry(edit, field, expected) -> None:
    raw, doc = read_yaml(WHITEPAPER_FILE)
    broken = copy.deepcopy(raw)
    edit(broken)
    with pytest.raises(InputError, match=expected) as info:
        validated(_Whitepaper, broken, doc)
    assert info.value.field.endswith(field)
    # file:line:column of the entry (or of the nearest key above it that the file has)
    assert info.value.where == doc.where(tuple(info.value.field.split(".")))
