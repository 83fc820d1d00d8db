"""Units at the boundary: parsing, dimension checks, round trips."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from terawatt.errors import InputError
from terawatt.units import format_quantity, parse_clock_hours, to_si


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("650 km", "m", 650_000.0),
        ("650km", "m", 650_000.0),
        ("20 degC", "K", 293.15),
        ("22 %", "", 0.22),
        ("150 W/kg", "W/kg", 150.0),
        ("12.8 kg/kW", "kg/W", 0.0128),
        ("150 W*h/kg", "J/kg", 540_000.0),
        # 1 Mt per Julian year in kg/s: 1e9 / (365.25 * 86400)
        ("1 Mt/yr_j", "kg/s", 1e9 / 31_557_600.0),
        ("2.5 %/year_julian", "1/year_julian", 0.025),
        ("5000 USD/kg", "USD/kg", 5000.0),
        (3, "m", 3.0),
        ("3", "m", 3.0),
    ],
)
def test_to_si_parses_units(text: str | int, unit: str, expected: float) -> None:
    assert to_si(text, unit, "field") == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("5 kg", "[mass]"),  # a mass where a power is expected
        ("twelve watts", "expected a quantity in W"),
        ("inf W", "finite"),
        (True, "expected a quantity in W"),
        (None, "expected a quantity in W"),
    ],
)
def test_to_si_rejects_bad_input_naming_the_field(value: object, fragment: str) -> None:
    with pytest.raises(InputError, match=r"compute\.power") as info:
        to_si(value, "W", "compute.power")
    assert fragment in str(info.value)
    assert info.value.field == "compute.power"


@given(st.floats(min_value=1e-6, max_value=1e12), st.sampled_from(["W", "kW", "MW", "GW"]))
def test_unit_round_trip_through_text(x: float, unit: str) -> None:
    """A value written with any power unit parses back to the same number of watts."""
    scale = {"W": 1.0, "kW": 1e3, "MW": 1e6, "GW": 1e9}[unit]
    assert to_si(f"{x!r} {unit}", "W", "p") == pytest.approx(x * scale, rel=1e-12)


@given(st.floats(min_value=1e-3, max_value=1e15))
def test_formatted_quantities_parse_back(x: float) -> None:
    """What the CLI prints (4 significant digits) reads back within 5e-4 relative."""
    text = format_quantity(x, "W")
    assert math.isclose(to_si(text, "W", "p"), x, rel_tol=5e-4)


def test_format_quantity_masses_in_tonnes() -> None:
    assert format_quantity(740.0, "kg") == "740 kg"
    assert format_quantity(7.4e5, "kg") == "740 t"


@pytest.mark.parametrize(
    ("value", "hours"), [("18:00", 18.0), ("06:30", 6.5), ("0:00:36", 0.01), (12, 12.0)]
)
def test_parse_clock_hours(value: str | int, hours: float) -> None:
    assert parse_clock_hours(value, "orbit.ltan") == pytest.approx(hours)


@pytest.mark.parametrize("value", ["25:00", "18:75", "noon", -1, 24])
def test_parse_clock_hours_rejects(value: str | int) -> None:
    with pytest.raises(InputError, match=r"orbit\.ltan"):
        parse_clock_hours(value, "orbit.ltan")
