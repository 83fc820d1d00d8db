"""Tests for the shared range checks in terawatt.validate."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest

from terawatt.errors import InputError
from terawatt.validate import (
    checked,
    describe_interval,
    first_bad,
    fraction,
    non_negative,
    positive,
    unit_interval,
)

# --- checked: accepted input comes back as float64 ---


def test_scalar_gives_0d_float_array() -> None:
    out = checked("x", 3, low=0.0)
    assert isinstance(out, np.ndarray)
    assert out.shape == ()
    assert out.dtype == np.float64
    assert float(out) == 3.0


def test_array_keeps_shape_and_values() -> None:
    x = [[0.0, 0.5], [1.0, 0.25]]
    out = checked("x", x, low=0.0, high=1.0)
    assert out.dtype == np.float64
    np.testing.assert_array_equal(out, np.asarray(x))


def test_float64_array_is_not_copied() -> None:
    x = np.linspace(1.0, 2.0, 10)
    assert checked("x", x, low=0.0) is x


def test_no_bounds_accepts_infinities_rejects_nan() -> None:
    out = checked("x", [-np.inf, 0.0, np.inf])
    assert out.shape == (3,)
    with pytest.raises(InputError, match="not NaN") as info:
        checked("x", [1.0, np.nan])
    assert math.isnan(info.value.value)


# --- open and closed bounds ---


@pytest.mark.parametrize(
    ("value", "low_open", "high_open", "ok"),
    [
        (0.0, False, False, True),
        (1.0, False, False, True),
        (0.0, True, False, False),
        (1.0, True, False, True),
        (0.0, False, True, True),
        (1.0, False, True, False),
        (0.5, True, True, True),
        (-1e-300, False, False, False),
        (1.0 + 1e-15, False, False, False),
    ],
)
def test_bounds(value: float, low_open: bool, high_open: bool, ok: bool) -> None:
    kwargs = {"low": 0.0, "high": 1.0, "low_open": low_open, "high_open": high_open}
    if ok:
        assert float(checked("x", value, **kwargs)) == value  # type: ignore[arg-type]
    else:
        with pytest.raises(InputError) as info:
            checked("x", value, **kwargs)  # type: ignore[arg-type]
        assert info.value.value == value


def test_infinite_closed_bound_admits_infinity_open_one_does_not() -> None:
    assert float(checked("x", np.inf, low=0.0)) == np.inf
    with pytest.raises(InputError):
        checked("x", np.inf, low=0.0, high=np.inf, high_open=True)


def test_empty_interval_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="empty interval") as info:
        checked("x", 0.5, low=1.0, high=0.0)
    assert not isinstance(info.value, InputError)


def test_empty_array_passes() -> None:
    assert checked("x", np.array([]), low=0.0).shape == (0,)


# --- the error: field, first bad value, expectation ---


def test_error_names_field_and_first_bad_value() -> None:
    with pytest.raises(InputError) as info:
        checked("array.efficiency", [0.2, 1.5, -3.0, 2.0], low=0.0, high=1.0)
    err = info.value
    assert err.field == "array.efficiency"
    assert err.value == 1.5
    assert err.expected == "a value in [0, 1]"
    assert str(err).startswith("array.efficiency: got 1.5;")


def test_first_bad_is_in_row_major_order() -> None:
    x = np.array([[1.0, 2.0, 3.0], [4.0, -5.0, -6.0]])
    with pytest.raises(InputError) as info:
        positive("x", x)
    assert info.value.value == -5.0
    with pytest.raises(InputError) as info:
        positive("x", np.asfortranarray(x))
    assert info.value.value == -5.0


@pytest.mark.parametrize(
    "check", [positive, non_negative, fraction, unit_interval], ids=lambda f: f.__name__
)
def test_nan_rejected_by_every_shortcut(check: Callable[[str, object], object]) -> None:
    with pytest.raises(InputError) as info:
        check("field_name", [0.5, float("nan"), -1.0])
    assert info.value.field == "field_name"
    assert math.isnan(info.value.value)
    assert "field_name" in str(info.value)


def test_scalar_error_reports_the_scalar() -> None:
    with pytest.raises(InputError) as info:
        positive("power_w", 0)
    assert info.value.value == 0.0
    assert isinstance(info.value.value, float)


def test_custom_expected_text() -> None:
    with pytest.raises(InputError, match=r"power_w: got -1\.0; expected a power > 0 W"):
        positive("power_w", -1.0, expected="a power > 0 W")


# --- the shortcuts ---


@pytest.mark.parametrize(
    ("check", "good", "bad", "expected"),
    [
        (positive, [1e-300, 1.0, np.inf], 0.0, "a value > 0"),
        (non_negative, [0.0, 1.0, np.inf], -1e-300, "a value >= 0"),
        (fraction, [1e-300, 0.5, 1.0], 0.0, "a fraction in (0, 1]"),
        (fraction, [1.0], 1.0 + 1e-15, "a fraction in (0, 1]"),
        (unit_interval, [0.0, 0.5, 1.0], 1.0 + 1e-15, "a value in [0, 1]"),
        (unit_interval, [0.0], -1e-300, "a value in [0, 1]"),
    ],
    ids=lambda v: getattr(v, "__name__", None),
)
def test_shortcuts(
    check: Callable[[str, object], np.ndarray],
    good: list[float],
    bad: float,
    expected: str,
) -> None:
    np.testing.assert_array_equal(check("f", good), np.asarray(good))
    with pytest.raises(InputError) as info:
        check("f", [*good, bad])
    assert info.value.value == bad
    assert info.value.expected == expected


# --- messages derived from the interval ---


@pytest.mark.parametrize(
    ("kwargs", "text"),
    [
        ({"low": 0.0, "high": 1.0, "low_open": True}, "a value in (0, 1]"),
        ({"low": 0.0, "high": 1.0, "high_open": True}, "a value in [0, 1)"),
        ({"low": -90.0, "high": 90.0}, "a value in [-90, 90]"),
        ({"low": 0.0, "low_open": True}, "a value > 0"),
        ({"low": 0.0}, "a value >= 0"),
        ({"high": 1e16, "high_open": True}, "a value < 1e+16"),
        ({"high": 24.0}, "a value <= 24"),
        ({}, "a number (not NaN)"),
    ],
)
def test_describe_interval(kwargs: dict[str, float | bool], text: str) -> None:
    assert describe_interval(**kwargs) == text  # type: ignore[arg-type]


# --- first_bad ---


def test_first_bad_broadcasts_values_to_mask() -> None:
    m0 = np.array([5.0, 1.0])
    mf = np.array([[1.0], [2.0]])
    bad = m0 < mf  # shape (2, 2): [[F, F], [F, T]]
    assert first_bad(m0, bad) == 1.0


def test_first_bad_scalar_and_no_bad() -> None:
    assert first_bad(3.0, True) == 3.0
    with pytest.raises(ValueError, match="no element"):
        first_bad([1.0, 2.0], [False, False])


# --- a large array: the last element is the only bad one ---


def test_large_array_finds_the_one_bad_element() -> None:
    x = np.random.default_rng(0).uniform(0.1, 1.0, 1_000_000)
    assert fraction("x", x) is x  # no copy
    x[-1] = np.nan
    with pytest.raises(InputError) as info:
        fraction("x", x)
    assert math.isnan(info.value.value)
