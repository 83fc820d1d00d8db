"""Parameter declarations: bounds, display units, text choices, whole numbers."""

from __future__ import annotations

import pytest

from terawatt.errors import InputError
from terawatt.parameters import Parameter

SPECIFIC_POWER = Parameter("array.specific_power", "W/kg", "W/kg", "array W/kg", bounds=(0.0, None))
EFFICIENCY = Parameter("array.cell_efficiency", "", "", "cell efficiency", bounds=(1e-9, 1.0))
POWER = Parameter("compute.power", "W", "kW", "IT load", bounds=(0.0, None), low_open=True)
LIFE = Parameter("life.lifetime", "s", "year_julian", "design life")
ECLIPSE = Parameter(
    "power.eclipse", "", "", "strategy", kind="text", choices=("battery", "throttle")
)
YEAR = Parameter("orbit.year", "", "", "year", kind="integer", bounds=(1950.0, 2100.0))


def test_bare_numbers_are_read_in_the_display_unit() -> None:
    assert POWER.parse(100) == pytest.approx(1e5)
    assert LIFE.parse(5) == pytest.approx(5 * 365.25 * 86400)


def test_bounds_are_checked_and_shown_in_display_units() -> None:
    with pytest.raises(InputError, match=r"array\.cell_efficiency.*\[1e-09, 1\]"):
        EFFICIENCY.parse(1.2)
    with pytest.raises(InputError, match=r"compute\.power.*kW"):
        POWER.parse("-5 kW")
    with pytest.raises(InputError, match=r"\(0, \+inf\) kW"):
        POWER.parse(0)


def test_text_choices() -> None:
    assert ECLIPSE.parse("throttle") == "throttle"
    with pytest.raises(InputError, match="'battery', 'throttle'"):
        ECLIPSE.parse("nuclear")


def test_whole_numbers() -> None:
    assert YEAR.parse("2026") == 2026
    with pytest.raises(InputError, match="whole number"):
        YEAR.parse(2026.5)
    with pytest.raises(InputError, match=r"orbit\.year"):
        YEAR.parse(2200)


def test_numeric_text_is_read_like_a_bare_number() -> None:
    """`--set compute.power=100` means 100 kW, as `compute.power: 100` in YAML does."""
    assert POWER.parse("100") == pytest.approx(1e5)
    assert POWER.parse("100 W") == pytest.approx(100.0)
    assert SPECIFIC_POWER.to_display(59.0) == 59.0
    assert POWER.to_display(1e5) == pytest.approx(100.0)
