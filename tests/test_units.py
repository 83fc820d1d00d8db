"""Units at the boundary: parsing, dimension checks, round trips."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from terawatt.errors import InputError
from terawatt.units import format_quantity, parse_clock_hours, registry, to_si


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


def _pint_reads(text: str, unit: str) -> float:
    """What pint itself makes of ``text`` in ``unit`` (the reference for the fast path)."""
    ureg = registry()
    quantity = ureg.Quantity(text)
    if quantity.units == ureg.dimensionless:  # a bare number is read in `unit`
        return float(quantity.magnitude)
    return float(quantity.to(unit).magnitude)


def _same_float(a: float, b: float) -> bool:
    """Equal to the last bit, the sign of zero included."""
    return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)


@pytest.mark.parametrize(
    "text",
    ["0.82", "33600", "-0", "-0.0", "+5", ".5", "5.", "1e3", "70e9", "1E-7", "-2.5e+3", "0"],
)
@pytest.mark.parametrize("unit", ["", "W", "USD", "kg/W", "1/year_julian"])
def test_plain_numbers_read_as_pint_reads_them(text: str, unit: str) -> None:
    """A bare number, or one written in the model unit, skips pint with pint's own float."""
    assert _same_float(to_si(text, unit, "x"), _pint_reads(text, unit))
    if unit:
        with_unit = f" {text}  {unit} "
        assert _same_float(to_si(with_unit, unit, "x"), _pint_reads(with_unit, unit))


@given(
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.sampled_from(["{!r}", "{:.3e}", "{:f}", "{:.17g}", "{:g}"]),
    st.sampled_from(["", "W", "USD/kg"]),
)
def test_any_plain_number_reads_as_pint_reads_it(x: float, form: str, unit: str) -> None:
    number = form.format(x)
    if not math.isfinite(float(number)) or len(number) > 190:  # refused either way
        return
    text = f"{number} {unit}".strip()
    assert _same_float(to_si(text, unit, "x"), _pint_reads(text, unit))


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("010", "W", 0.0),  # pint reads a leading zero as a number of its own: not ten
        ("1_000", "", 1000.0),
        ("5 kW", "W", 5000.0),  # another unit: converted by pint
        ("5 W", "kW", 0.005),
        ("15 %", "", 0.15),
    ],
)
def test_other_text_still_goes_through_pint(text: str, unit: str, expected: float) -> None:
    assert to_si(text, unit, "x") == pytest.approx(expected, rel=1e-15)
    assert to_si(text, unit, "x") == _pint_reads(text.replace("%", "percent"), unit)


def test_plain_number_text_longer_than_the_limit_is_refused() -> None:
    with pytest.raises(InputError, match="expected a quantity in W"):
        to_si("1" * 201, "W", "compute.power")


def test_importing_units_loads_no_pint(modules_loaded_by) -> None:  # type: ignore[no-untyped-def]
    """pint (and its registry) load on the first conversion that needs them only."""
    code = (
        "from terawatt.units import to_si\n"
        "assert to_si('150 W/kg', 'W/kg', 'x') == 150.0\n"
        "assert to_si(3, 'm', 'x') == 3.0"
    )
    assert modules_loaded_by(code, ["pint"]) == []


@pytest.mark.parametrize("unit", ["%", "%/year_julian"])
@pytest.mark.parametrize("number", ["15", "0.5", "-0.0", "2e-3"])
def test_a_number_in_a_percent_unit_reads_as_pint_reads_it(number: str, unit: str) -> None:
    text = f"{number} {unit}"
    expected = _pint_reads(text.replace("%", " percent"), unit.replace("%", "percent"))
    assert _same_float(to_si(text, unit, "x"), expected)
