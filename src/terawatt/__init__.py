"""terawatt: watts, tonnes and dollars of AI compute on Earth, in orbit and from the Moon."""

from __future__ import annotations

from terawatt.errors import InputError

__all__ = ["InputError", "__version__"]
__version__ = "0.1.0"
