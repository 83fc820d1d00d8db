"""The launch market's paths: the rest of the world's launched mass, an imposed price.

:func:`world_mass_kg` is the mass the rest of the world launches each year, which
Wright's curve in :mod:`terawatt.space.launch` learns on besides the caller's launches.

A scenario may set ``launch.price_path`` (``"2030: 100 USD/kg, 2040: 30 USD/kg"``) to
impose the launch price instead of Wright's curve (:mod:`terawatt.space.launch`):
:func:`parse_price_path` reads the text once, :func:`imposed_price_usd_per_kg` gives the
year's price.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from terawatt.errors import InputError
from terawatt.parameters.quantity import parse_quantity
from terawatt.typing import ArrayLike, FloatArray
from terawatt.validate import checked, non_negative, positive

__all__ = [
    "PricePath",
    "check_price_path",
    "imposed_price_usd_per_kg",
    "parse_price_path",
    "world_mass_kg",
]


def world_mass_kg(
    base_mass_kg_per_year: ArrayLike,
    base_year: ArrayLike,
    growth_per_year: ArrayLike,
    year: ArrayLike,
    capacity_kg: ArrayLike,
    ceiling_kg_per_year: ArrayLike = np.inf,
) -> FloatArray:
    r"""Mass the rest of the world launches in a year: a geometric path to a ceiling.

    Parameters
    ----------
    base_mass_kg_per_year : array_like
        The world's mass launched to orbit in the base year W_b [kg/yr], >= 0 and finite.
    base_year : array_like
        That year t_b [yr].
    growth_per_year : array_like
        Fractional growth of that mass per year g_w [1/yr], > -1.
    year : array_like
        The year t [yr].
    capacity_kg : array_like
        Most mass the year's cadence can lift K(t) [kg], >= 0.
    ceiling_kg_per_year : array_like, optional
        Most the rest of the world ever launches in a year C_w [kg/yr], >= 0 (its demand
        saturates: constellations replenished, crewed and cargo flights; default: none).

    Returns
    -------
    FloatArray
        W(t) [kg] launched in year t by everyone else, which Wright's curve learns on.

    Notes
    -----
    .. math:: W(t) = \min\left(K(t),\; C_w,\; W_b (1 + g_w)^{t - t_b}\right)

    The world cannot launch more than the market's capacity, nor more than its own demand
    at saturation; the scenario engine gives the compute fleet what it leaves,
    :math:`K - W` (the rest of the world flies first).

    References
    ----------
    Definition; defaults ``launch.reference.world_upmass_2024``,
    ``launch.world_upmass_year``, ``launch.world_upmass_growth`` and
    ``launch.world_upmass_ceiling`` in
    ``terawatt/data/parameters/launch.yaml``.
    """
    w0 = non_negative("base_mass_kg_per_year", base_mass_kg_per_year)
    t0 = checked("base_year", base_year)
    g = checked("growth_per_year", growth_per_year, low=-1.0, low_open=True)
    t = checked("year", year)
    k = non_negative("capacity_kg", capacity_kg)
    ceiling = non_negative("ceiling_kg_per_year", ceiling_kg_per_year)
    return np.minimum(_world(w0, t0, g, t, k), ceiling)


def _world(
    w0: FloatArray, t0: FloatArray, g: FloatArray, t: FloatArray, capacity: FloatArray
) -> FloatArray:
    with np.errstate(over="ignore"):  # the capacity caps an overflowing path
        grown = w0 * np.power(1.0 + g, t - t0)
    return np.asarray(np.minimum(capacity, np.where(w0 == 0.0, 0.0, grown)), dtype=np.float64)


#: An imposed price path: (year, price [USD/kg]) points, years strictly increasing.
PricePath = tuple[tuple[int, float], ...]

#: Texts that mean "no imposed price path" (the price follows Wright's curve).
_NO_PATH = ("", "none")


def parse_price_path(text: str, field: str = "launch.price_path") -> PricePath:
    """Read an imposed launch price path, ``"2030: 100 USD/kg, 2040: 30 USD/kg"``.

    Parameters
    ----------
    text : str
        Comma-separated ``YEAR: PRICE`` points, years strictly increasing, each price a
        positive quantity (a bare number is read in USD/kg); ``""`` or ``"none"`` for no
        path.
    field : str, optional
        The name errors give (the parameter-table entry).

    Returns
    -------
    PricePath
        ``((year, USD/kg), ...)``; empty for no path.

    Raises
    ------
    InputError
        Naming ``field`` (and the point) for a malformed point, a year out of order or a
        price that is not positive and finite.
    """
    if not isinstance(text, str):
        raise InputError(field, text, "text such as '2030: 100 USD/kg, 2040: 30 USD/kg'")
    if text.strip().lower() in _NO_PATH:
        return ()
    points: list[tuple[int, float]] = []
    for item in text.split(","):
        year_text, sep, price_text = item.partition(":")
        try:
            year = int(year_text.strip())
        except ValueError:
            year = None
        if not sep or year is None or not price_text.strip():
            raise InputError(field, item.strip(), "a point 'YEAR: PRICE', e.g. '2030: 100 USD/kg'")
        price = parse_quantity(price_text.strip(), "USD/kg", "USD/kg", f"{field} ({year})", None)
        points.append((year, price))
    return check_price_path(tuple(points), field)


def check_price_path(path: PricePath, field: str = "launch.price_path") -> PricePath:
    """A price path checked: whole years strictly increasing, prices > 0 and finite.

    Parameters
    ----------
    path : PricePath
        ``((year, USD/kg), ...)``.
    field : str, optional
        The name errors give.

    Returns
    -------
    PricePath
        The same points as ``(int, float)`` pairs.

    Raises
    ------
    InputError
        Naming ``field`` and the point.
    """
    out: list[tuple[int, float]] = []
    for point in path:
        try:
            year, price = point
        except (TypeError, ValueError):
            raise InputError(field, point, "a (year, USD/kg) point") from None
        if isinstance(year, bool) or not isinstance(year, int | np.integer):
            raise InputError(field, year, "a whole year")
        if isinstance(price, bool) or not isinstance(price, int | float | np.floating):
            raise InputError(f"{field} ({year})", price, "a price > 0 USD/kg")
        if not (math.isfinite(price) and price > 0.0):
            raise InputError(f"{field} ({year})", price, "a price > 0 USD/kg")
        if out and year <= out[-1][0]:
            raise InputError(field, year, f"years in increasing order (after {out[-1][0]})")
        out.append((int(year), float(price)))
    return tuple(out)


def imposed_price_usd_per_kg(
    path: PricePath, year: int, start_year: int, initial_cost_usd_per_kg: ArrayLike
) -> FloatArray:
    r"""The launch price a path imposes in a year.

    Parameters
    ----------
    path : PricePath
        ``((year, USD/kg), ...)`` from :func:`parse_price_path`, not empty.
    year : int
        The year.
    start_year : int
        The market's first year, where the path starts from ``initial_cost_usd_per_kg``
        if its first point is later.
    initial_cost_usd_per_kg : array_like
        The price in ``start_year`` c_0 [USD/kg], > 0.

    Returns
    -------
    FloatArray
        Price [USD/kg]: exactly a point's price in its year; log-linear between points
        (:math:`p = p_a (p_b / p_a)^{(t - t_a)/(t_b - t_a)}`), from ``(start_year, c_0)``
        to the first point; the last point's price after it (and before ``start_year``,
        the first's).
    """
    if not path:
        raise InputError("price_path", path, "at least one 'YEAR: PRICE' point")
    c0 = positive("initial_cost_usd_per_kg", initial_cost_usd_per_kg)
    points: list[tuple[float, FloatArray]] = [(float(y), np.asarray(p)) for y, p in path]
    if start_year < path[0][0]:
        points.insert(0, (float(start_year), c0))
    t = float(year)
    price: ArrayLike = points[-1][1]
    if t <= points[0][0]:
        price = points[0][1]
    else:
        for (ta, pa), (tb, pb) in itertools.pairwise(points):
            if t == tb:
                price = pb
                break
            if ta < t < tb:
                price = pa * (pb / pa) ** ((t - ta) / (tb - ta))
                break
    return np.array(np.broadcast_to(price, c0.shape), dtype=np.float64)
