"""One model input's declaration: bounds, display units, text choices, whole numbers."""

from __future__ import annotations

import pytest

from terawatt.errors import InputError
from terawatt.parameters import Parameter
from terawatt.parameters.distributions import Fixed, Triangular

SPECIFIC_POWER = Parameter(
    "array.specific_power", "W/kg", "W/kg", "array W/kg", Fixed(value=59.0), "s", bounds=(0.0, None)
)
EFFICIENCY = Parameter(
    "array.cell_efficiency", "", "", "cell efficiency", Fixed(value=0.3), "s", bounds=(1e-9, 1.0)
)
POWER = Parameter(
    "compute.power", "W", "kW", "IT load", Fixed(value=1e5), "s", bounds=(0.0, None), low_open=True
)
LIFE = Parameter("life.lifetime", "s", "year_julian", "design life", Fixed(value=1.0), "s")
ECLIPSE = Parameter(
    "power.eclipse",
    "",
    "",
    "strategy",
    "battery",
    "s",
    kind="text",
    choices=("battery", "throttle"),
)
YEAR = Parameter(
    "orbit.year", "", "", "year", 2026, "s", kind="integer", bounds=(1950.0, 2100.0), high_open=True
)
SHARE = Parameter("x.share", "", "%", "a share", Fixed(value=0.5), "s", bounds=(0.0, 1.0))


def si(param: Parameter, value: object) -> float:
    """A quantity parsed as written, in the model's unit."""
    parsed = param.parse(value)
    assert isinstance(parsed, Fixed)
    return parsed.value


def test_bare_numbers_are_read_in_the_display_unit() -> None:
    assert si(POWER, 100) == pytest.approx(1e5)
    assert si(LIFE, 5) == pytest.approx(5 * 365.25 * 86400)
    assert POWER.to_si("2 MW") == pytest.approx(2e6)


def test_bounds_are_checked_and_shown_in_display_units() -> None:
    with pytest.raises(InputError, match=r"array\.cell_efficiency.*\[1e-09, 1\]"):
        EFFICIENCY.parse(1.2)
    with pytest.raises(InputError, match=r"compute\.power.*kW"):
        POWER.parse("-5 kW")
    with pytest.raises(InputError, match=r"\(0, inf\) kW"):
        POWER.parse(0)
    assert POWER.interval() == "(0, inf) kW"
    assert SHARE.interval() == "[0, 100] %"
    assert LIFE.interval() == ""
    assert POWER.admits(1.0)
    assert not POWER.admits(0.0)
    assert YEAR.admits(2099)
    assert not YEAR.admits(2100)
    assert not YEAR.admits(1949)


def test_text_choices() -> None:
    assert ECLIPSE.parse("throttle") == "throttle"
    with pytest.raises(InputError, match="'battery', 'throttle'"):
        ECLIPSE.parse("nuclear")


def test_whole_numbers() -> None:
    assert YEAR.parse("2026") == 2026
    with pytest.raises(InputError, match="whole number"):
        YEAR.parse(2026.5)
    with pytest.raises(InputError, match=r"orbit\.year.*\[1950, 2100\)"):
        YEAR.parse(2100)


def test_numeric_text_is_read_like_a_bare_number() -> None:
    """`--set compute.power=100` means 100 kW, as `compute.power: 100` in YAML does."""
    assert si(POWER, "100") == pytest.approx(1e5)
    assert si(POWER, "100 W") == pytest.approx(100.0)
    assert SPECIFIC_POWER.to_display(59.0) == 59.0
    assert POWER.to_display(1e5) == pytest.approx(100.0)


def test_distributions_and_display() -> None:
    dist = SHARE.parse({"dist": "triangular", "low": "10 %", "mode": 15, "high": "25 %"})
    assert dist == Triangular(low=0.1, mode=0.15, high=0.25)
    assert SHARE.display(dist) == "triangular(low=10, mode=15, high=25) %"
    assert POWER.display(POWER.default) == "100 kW"
    assert ECLIPSE.display(ECLIPSE.default) == "battery"
    with pytest.raises(InputError, match=r"x\.share\.high"):
        SHARE.parse({"dist": "uniform", "low": 50, "high": 200})
