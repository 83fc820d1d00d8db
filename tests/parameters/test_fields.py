"""Parameter tables: flattening, unknown keys, bounds, display units."""

from __future__ import annotations

import pytest

from terawatt.errors import InputError
from terawatt.parameters import Parameter, flatten, parse_parameters

TABLE = (
    Parameter("array.specific_power", "sp", "W/kg", "W/kg", "array W/kg", bounds=(1e-9, None)),
    Parameter("array.cell_efficiency", "eff", "", "", "cell efficiency", bounds=(1e-9, 1.0)),
    Parameter("compute.power", "p", "W", "kW", "IT load", bounds=(1e-9, None)),
    Parameter("life.lifetime", "life", "s", "year_julian", "design life"),
    Parameter(
        "power.eclipse", "ecl", "", "", "strategy", kind="text", choices=("battery", "throttle")
    ),
)


def test_flatten_nested_and_dotted() -> None:
    assert flatten({"a": {"b": 1, "c": {"d": 2}}, "e.f": 3}) == {"a.b": 1, "a.c.d": 2, "e.f": 3}


def test_bare_numbers_are_read_in_the_display_unit() -> None:
    parsed = parse_parameters({"compute.power": 100, "life.lifetime": 5}, TABLE)
    assert parsed["p"] == pytest.approx(1e5)
    assert parsed["life"] == pytest.approx(5 * 365.25 * 86400)


def test_unknown_key_suggests_close_match() -> None:
    with pytest.raises(InputError, match=r"did you mean 'array\.specific_power'"):
        parse_parameters({"array.specific_powr": "1 W/kg"}, TABLE)


def test_bounds_are_checked_and_shown_in_display_units() -> None:
    with pytest.raises(InputError, match=r"array\.cell_efficiency.*\[1e-09, 1\]"):
        parse_parameters({"array.cell_efficiency": 1.2}, TABLE)
    with pytest.raises(InputError, match=r"compute\.power.*kW"):
        parse_parameters({"compute.power": "-5 kW"}, TABLE)


def test_text_choices() -> None:
    assert parse_parameters({"power.eclipse": "throttle"}, TABLE) == {"ecl": "throttle"}
    with pytest.raises(InputError, match="'battery', 'throttle'"):
        parse_parameters({"power.eclipse": "nuclear"}, TABLE)


def test_numeric_text_is_read_like_a_bare_number() -> None:
    """`--set compute.power=100` means 100 kW, as `compute.power: 100` in YAML does."""
    assert parse_parameters({"compute.power": "100"}, TABLE)["p"] == pytest.approx(1e5)
    assert parse_parameters({"compute.power": "100 W"}, TABLE)["p"] == pytest.approx(100.0)
