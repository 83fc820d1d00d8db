"""The one error type users see for bad input."""

from __future__ import annotations

from typing import Any


class InputError(ValueError):
    """Bad input: names the field, the value given and what was expected.

    Parameters
    ----------
    field : str
        Dotted name of the offending field (``"array.specific_power"``).
    value : Any
        The value that was given.
    expected : str
        What would have been accepted (``"a power per mass, e.g. '150 W/kg'"``).
    where : str, optional
        Where the value came from (a file and line), if known.
    """

    def __init__(self, field: str, value: Any, expected: str, where: str | None = None) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        self.where = where
        location = f" (in {where})" if where else ""
        super().__init__(f"{field}: got {value!r}; expected {expected}{location}")
