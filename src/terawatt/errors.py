"""The one error type users see for bad input, and the one "did you mean" hint."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["MAX_SHOWN_CHARS", "InputError", "did_you_mean", "one_line", "shown_value"]


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
        message = f"{field}: got {shown_value(value)}; expected {expected}{location}"
        super().__init__(one_line(message))

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle by the constructor's arguments, so the error crosses to a Dask client."""
        return (type(self), (self.field, self.value, self.expected, self.where))


def one_line(text: str) -> str:
    r"""``text`` with each character that is not printable written as its escape.

    A message is one line whatever the input held: a key, a file name or a choice quoted
    from a file may contain a line break (``"a\nb": 1``), a control character that
    ``str.splitlines`` breaks at (``\x1c``, ``\x85``, ``\u2028``) or a lone surrogate.

    Examples
    --------
    >>> one_line("a\nb\x1cc")
    'a\\nb\\x1cc'
    """
    if text.isprintable():
        return text
    return "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text
    )


#: Characters of a value an error message quotes at most: enough for any quantity or name
#: typed by hand, not a whole file read where a value was expected.
MAX_SHOWN_CHARS = 80


def shown_value(value: Any) -> str:
    """The value as an error quotes it: its ``repr``, cut to :data:`MAX_SHOWN_CHARS`.

    Examples
    --------
    >>> shown_value("650 kg")
    "'650 kg'"
    >>> shown_value("x" * 1000)[-28:]
    'xxxxxx... (1,002 characters)'
    """
    try:
        text = repr(value)
    except ValueError:  # an int of more than 4300 digits
        return "(a number too long to show)"
    if len(text) <= MAX_SHOWN_CHARS:
        return text
    return f"{text[: MAX_SHOWN_CHARS - 20]}... ({len(text):,} characters)"


def did_you_mean(
    word: object,
    options: Iterable[str],
    *,
    n: int = 3,
    cutoff: float = 0.6,
    shown: Callable[[str], str] = repr,
) -> str:
    """``"; did you mean 'x'?"`` for close matches of ``word`` among ``options``, else ``""``.

    Parameters
    ----------
    word : object
        What the user wrote; anything but text gets no hint.
    options : iterable of str
        The accepted names (or the keys they are looked up by).
    n : int, optional
        At most this many close matches.
    cutoff : float, optional
        Similarity (0-1, :func:`difflib.get_close_matches`) a match needs.
    shown : callable, optional
        How a match is written (default: quoted); matches written alike appear once.
    """
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, list(options), n=n, cutoff=cutoff)
    names = list(dict.fromkeys(shown(match) for match in close))
    return f"; did you mean {', '.join(names)}?" if names else ""
