"""The trend window, a structural choice: which years a generation trend is fitted over.

Where the literature disagrees on whether the 2020s' acceleration of US demand (data
centres, electrification) lasts, the window of a trend fit is drawn per sample
(``grid.trend_window``): the decade of :func:`terawatt.earth.electricity.default_fit_window`,
or the recent years from ``grid.trend_fit_recent_first_year``.
"""

from __future__ import annotations

from collections.abc import Iterable

from terawatt.earth.electricity import default_fit_window, history
from terawatt.errors import InputError
from terawatt.parameters.table import central

__all__ = ["TREND_WINDOW", "TREND_WINDOWS", "fit_window"]

#: The structural choice of trend window (``grid.trend_window``) and its two options.
TREND_WINDOW = "grid.trend_window"
TREND_WINDOWS = ("decade", "recent")


def fit_window(window: str, countries: Iterable[str]) -> tuple[int, int]:
    """The years of a trend fit for one option of ``grid.trend_window``.

    Parameters
    ----------
    window : {"decade", "recent"}
        ``"decade"``: :func:`default_fit_window`. ``"recent"``: from
        ``grid.trend_fit_recent_first_year`` to the last year in which every one of
        ``countries`` has generation data (so growth relative to another is like for like).
    countries : iterable of str
        The countries (ISO-3 codes or aggregates such as ``"World"``) fitted together.

    Returns
    -------
    tuple of int
        First and last year, inclusive.

    Raises
    ------
    InputError
        For another window.
    """
    if window == "decade":
        return default_fit_window()
    if window != "recent":
        raise InputError(TREND_WINDOW, window, f"one of {', '.join(map(repr, TREND_WINDOWS))}")
    first = int(central("grid.trend_fit_recent_first_year"))
    hist = history(list(countries), start=first).dropna(subset=["generation_twh"])
    last = int(hist.groupby("country")["year"].max().min())
    return first, last
