"""Range checks shared by every layer.

Every physics function turns its inputs into float64 arrays and rejects values outside
the range it is defined on with one :class:`terawatt.errors.InputError` naming the
argument, the first offending value and the accepted range. NaN is always rejected.

:func:`checked` does the work for any interval; :func:`positive`, :func:`non_negative`,
:func:`fraction` and :func:`unit_interval` name the common ones. Valid input costs one
vectorized comparison per finite bound and no copy; the offending element is only
looked for once one is known to exist.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np
from numpy.typing import NDArray

from terawatt.errors import InputError
from terawatt.typing import ArrayLike, FloatArray, as_float

__all__ = [
    "checked",
    "describe_interval",
    "first_bad",
    "fraction",
    "non_negative",
    "positive",
    "unit_interval",
]


def first_bad(x: ArrayLike, bad: ArrayLike) -> float:
    """First element of ``x`` where the boolean mask ``bad`` is set.

    Parameters
    ----------
    x : array_like
        Values; broadcast to the shape of ``bad``.
    bad : array_like of bool
        Mask of offending elements; must have at least one ``True``.

    Returns
    -------
    float
        The offending value first in C (row-major) order.

    Raises
    ------
    ValueError
        If ``bad`` has no ``True`` element.
    """
    mask: NDArray[np.bool_] = np.asarray(bad, dtype=np.bool_)
    index = int(np.argmax(mask))  # first True, as a flat index
    if not mask.flat[index]:
        msg = "first_bad: the mask marks no element"
        raise ValueError(msg)
    return float(np.broadcast_to(as_float(x), mask.shape).flat[index])


def describe_interval(
    low: float = -math.inf,
    high: float = math.inf,
    *,
    low_open: bool = False,
    high_open: bool = False,
) -> str:
    """Text naming the values in an interval, for an error message.

    Parameters
    ----------
    low, high : float
        Bounds; an infinite, closed bound is no constraint and is not mentioned.
    low_open, high_open : bool
        Whether the bound itself is excluded.

    Returns
    -------
    str
        ``"a value in (0, 1]"``, ``"a value > 0"``, ``"a value <= 90"``, or
        ``"a number (not NaN)"`` when neither bound constrains.
    """
    has_low = low_open or low > -math.inf
    has_high = high_open or high < math.inf
    if has_low and has_high:
        return f"a value in {'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"
    if has_low:
        return f"a value {'>' if low_open else '>='} {low:g}"
    if has_high:
        return f"a value {'<' if high_open else '<='} {high:g}"
    return "a number (not NaN)"


def _passing(
    arr: FloatArray, low: float, high: float, low_open: bool, high_open: bool
) -> Iterator[NDArray[np.bool_]]:
    """Yield, one bound at a time, the mask of elements that satisfy it.

    Every comparison with NaN is False, so NaN fails whichever test applies. Taking one
    mask at a time lets the caller stop at the first failing bound and keep one
    temporary alive (two live 1e6-element masks cost ~1 ms, several times the compares).
    """
    has_low = low_open or low > -math.inf
    has_high = high_open or high < math.inf
    if has_low:
        yield np.asarray(arr > low if low_open else arr >= low)
    if has_high:
        yield np.asarray(arr < high if high_open else arr <= high)
    if not (has_low or has_high):
        yield np.asarray(~np.isnan(arr))


def _all_pass(masks: Iterator[NDArray[np.bool_]]) -> bool:
    """Whether every mask is all True, freeing each before the next is made."""
    for passed in masks:
        ok = bool(passed.all())
        del passed
        if not ok:
            return False
    return True


def checked(
    field: str,
    x: ArrayLike,
    *,
    low: float = -math.inf,
    high: float = math.inf,
    low_open: bool = False,
    high_open: bool = False,
    expected: str | None = None,
) -> FloatArray:
    """Return ``x`` as floats, raising InputError unless every element lies in an interval.

    Parameters
    ----------
    field : str
        Name of the argument, reported in the error.
    x : array_like
        Values to check; scalars give a 0-d array.
    low, high : float, optional
        Bounds of the accepted interval (default: the whole real line, infinities included).
    low_open, high_open : bool, optional
        Exclude the bound itself (default: closed).
    expected : str, optional
        What was expected, for the error message (default: from the interval, see
        :func:`describe_interval`).

    Returns
    -------
    FloatArray
        ``x`` as float64 (no copy when it already is one).

    Raises
    ------
    InputError
        If any element is outside the interval or NaN; names ``field`` and the first
        offending element (in C order).
    ValueError
        If ``low > high`` (a bug in the caller, not bad input).
    """
    if not low <= high:
        msg = f"checked: empty interval, low={low!r} > high={high!r}"
        raise ValueError(msg)
    arr = as_float(x)
    if not _all_pass(_passing(arr, low, high, low_open, high_open)):
        bad = np.zeros(arr.shape, dtype=np.bool_)
        for passed in _passing(arr, low, high, low_open, high_open):
            bad |= ~passed
        message = expected or describe_interval(low, high, low_open=low_open, high_open=high_open)
        raise InputError(field, first_bad(arr, bad), message)
    return arr


def positive(field: str, x: ArrayLike, *, expected: str | None = None) -> FloatArray:
    """Return ``x`` as floats, raising InputError unless every element is > 0 (inf allowed).

    See :func:`checked` for the parameters and errors.
    """
    return checked(field, x, low=0.0, low_open=True, expected=expected)


def non_negative(field: str, x: ArrayLike, *, expected: str | None = None) -> FloatArray:
    """Return ``x`` as floats, raising InputError unless every element is >= 0 (inf allowed).

    See :func:`checked` for the parameters and errors.
    """
    return checked(field, x, low=0.0, expected=expected)


def fraction(field: str, x: ArrayLike, *, expected: str = "a fraction in (0, 1]") -> FloatArray:
    """Return ``x`` as floats, raising InputError unless every element is in (0, 1].

    For efficiencies and utilisations, where zero would divide or mean nothing works.
    See :func:`checked` for the parameters and errors.
    """
    return checked(field, x, low=0.0, high=1.0, low_open=True, expected=expected)


def unit_interval(field: str, x: ArrayLike, *, expected: str | None = None) -> FloatArray:
    """Return ``x`` as floats, raising InputError unless every element is in [0, 1].

    For absorptivities, albedos and view factors, where 0 and 1 are both physical.
    See :func:`checked` for the parameters and errors.
    """
    return checked(field, x, low=0.0, high=1.0, expected=expected)
