r"""Compiled (numba) kernels of the engine's year glue: the chips' share and the launches.

Between the sites' own kernels (:mod:`terawatt.scenario._engine_kernels`) the engine's
year (``_Block.year``, ``_Orbit.chip_ask``, ``_Orbit.year``, ``_Shell.fly``) ran a few
dozen small NumPy lines on the block's samples: sums of the sites' asks, shares with
``numpy.divide(..., where=...)``, ``numpy.minimum``/``numpy.maximum``/``numpy.where``.
Each kernel here runs one group of those lines sample by sample in one pass, with the
same IEEE operations in the same order (no ``fastmath``): the same bits. The sums of a
list of arrays (``numpy.sum(list, axis=0)``) start from 0.0 and add the rows in order,
as NumPy's reduction does (so ``-0.0`` sums to ``0.0``); ``numpy.minimum`` and
``numpy.maximum`` are :func:`~terawatt.physics._minmax.minimum` and
:func:`~terawatt.physics._minmax.maximum` (NaN and signed zeros as NumPy).
A division by zero gives what NumPy's gives (``error_model="numpy"``: inf or NaN, no
exception). ``tests/scenario/test_engine_year_kernels.py`` compares each kernel with the NumPy lines
it replaces; ``tests/scenario/test_engine_speed.py`` the engine with a stored run.
"""

from __future__ import annotations

from typing import Any

from numba import njit

from terawatt.physics._minmax import maximum, minimum
from terawatt.scenario._engine_kernels import shell_mass, shell_want

__all__ = [
    "chip_share",
    "orbit_ask",
    "orbit_ask_one",
    "orbit_demand",
    "orbit_launched",
    "orbit_next",
    "shell_launch",
]


@njit(cache=True, nogil=True, error_model="numpy")
def chip_share(
    asks: Any,
    flop_per_j: Any,
    supply: Any,
    flies: Any,
    moon_ask_kg: Any,
    share: Any,
    limited: Any,
    orbit_share: Any,
    moon_kg: Any,
) -> None:
    r"""The share of the sites' asks the world's chips give (``_Block.year``).

    The NumPy lines, with ``asks`` the ``(sites, n)`` table of the sites' asks in IT
    power [W], each times this year's FLOP/J the ask in FLOP/s::

        total = numpy.sum([ask * flop_per_j for ask in asks], axis=0)
        share = numpy.minimum(1.0, numpy.divide(supply, total, out=ones, where=total > 0))
        limited = share < 1.0
        orbit_share = numpy.where(limited, share * flies, 1.0)
        moon_kg = flies * numpy.where(limited, share, 1.0) * moon_ask_kg  # with a Moon

    ``moon_ask_kg`` and ``moon_kg`` of size 0 without a Moon (``moon_kg`` not written).
    """
    sites = asks.shape[0]
    moon = moon_ask_kg.shape[0] > 0
    for i in range(share.shape[0]):
        total = 0.0
        phi = flop_per_j[i]
        for j in range(sites):
            total = total + asks[j, i] * phi
        s = minimum(1.0, supply[i] / total if total > 0.0 else 1.0)
        share[i] = s
        lim = s < 1.0
        limited[i] = lim
        orbit_share[i] = s * flies[i] if lim else 1.0
        if moon:
            moon_kg[i] = flies[i] * (s if lim else 1.0) * moon_ask_kg[i]


@njit(cache=True, nogil=True, inline="always")
def _room(
    capacity: Any, world: Any, capacity_kg: Any, world_kg: Any, room_kg: Any, i: int
) -> float:
    """The launch room of sample ``i``: ``maximum(capacity - world, 0)``, returned.

    The capacity, the rest of the world's launches and the room are written to their rows.
    """
    cap = capacity[i] * 1.0
    rest = world[i]
    room = maximum(cap - rest, 0.0)
    capacity_kg[i] = cap
    world_kg[i] = rest
    room_kg[i] = room
    return room


@njit(cache=True, nogil=True, error_model="numpy")
def orbit_ask(
    want_w: Any,
    want_kg: Any,
    capacity: Any,
    world: Any,
    extra_kg: Any,
    capacity_kg: Any,
    world_kg: Any,
    room_kg: Any,
    flies: Any,
    ask: Any,
) -> None:
    r"""The shells' chip ask and the share of it the cadence flies (``_Orbit.chip_ask``).

    The NumPy lines, with ``want_w`` and ``want_kg`` the ``(shells, n)`` tables of what
    each shell asks and ``extra_kg`` the Moon's imports (size 0 without a Moon)::

        want_w, want_kg = numpy.sum(want_w, axis=0), numpy.sum(want_kg, axis=0)
        capacity_kg = capacity * numpy.ones(n)
        world_kg = numpy.array(numpy.broadcast_to(world, (n,)))
        room_kg = numpy.maximum(capacity_kg - world_kg, 0.0)
        want_kg = want_kg + extra_kg  # with a Moon
        flies = numpy.minimum(1.0, numpy.divide(room_kg, want_kg, out=ones, where=want_kg > 0))
        ask = want_w * flies  # IT power [W]: times the FLOP/J, the ask (chip_share)
    """
    shells = want_w.shape[0]
    extra = extra_kg.shape[0] > 0
    for i in range(ask.shape[0]):
        w = 0.0
        kg = 0.0
        for j in range(shells):
            w = w + want_w[j, i]
            kg = kg + want_kg[j, i]
        room = _room(capacity, world, capacity_kg, world_kg, room_kg, i)
        if extra:
            kg = kg + extra_kg[i]
        f = minimum(1.0, room / kg if kg > 0.0 else 1.0)
        flies[i] = f
        ask[i] = w * f


@njit(cache=True, nogil=True, error_model="numpy")
def orbit_ask_one(
    fixed: Any,
    falling: Any,
    plan_kg: Any,
    ceiling_kg: Any,
    share: float,
    failed_w: Any,
    serviced: Any,
    capacity: Any,
    world: Any,
    mass_per_w: Any,
    capacity_kg: Any,
    world_kg: Any,
    room_kg: Any,
    flies: Any,
    ask: Any,
) -> None:
    r"""One shell's ask and the share the cadence flies, without a Moon, in one pass.

    :func:`terawatt.scenario._engine_kernels.shell_ask` (this year's mass per W, filled
    into ``mass_per_w``, and the power and mass asked) and then :func:`orbit_ask` of that
    one shell, sample by sample: the same operations in the same order (the sums of
    one shell's asks are ``0.0 + ask``, as NumPy's), without the asks between them.
    """
    for i in range(ask.shape[0]):
        mass = shell_mass(fixed, falling, i)
        mass_per_w[i] = mass
        want_w, want_kg = shell_want(fixed, mass, plan_kg, ceiling_kg, share, failed_w, serviced, i)
        w = 0.0 + want_w
        kg = 0.0 + want_kg
        room = _room(capacity, world, capacity_kg, world_kg, room_kg, i)
        f = minimum(1.0, room / kg if kg > 0.0 else 1.0)
        flies[i] = f
        ask[i] = w * f


@njit(cache=True, nogil=True, error_model="numpy")
def orbit_demand(
    asked_kg: Any,
    chip_share: Any,
    room_kg: Any,
    moon_kg: Any,
    demands: Any,
    total: Any,
    flown: Any,
    launch_kg: Any,
) -> None:
    r"""What the shells launch this year, before the market's step (``_Orbit.year``).

    The NumPy lines, with ``asked_kg`` the ``(shells, n)`` table of each shell's
    ``demand_kg``::

        demands = [asked * chip_share for asked in asked_kg]
        total = demands[0] if len(demands) == 1 else numpy.sum(demands, axis=0)
        flown = numpy.minimum(total, numpy.maximum(room_kg - moon_kg, 0.0))
        launch_kg = flown + moon_kg
    """
    shells = asked_kg.shape[0]
    for i in range(total.shape[0]):
        cs = chip_share[i]
        if shells == 1:
            t = asked_kg[0, i] * cs
            demands[0, i] = t
        else:
            t = 0.0
            for j in range(shells):
                d = asked_kg[j, i] * cs
                demands[j, i] = d
                t = t + d
        total[i] = t
        moon = moon_kg[i]
        f = minimum(t, maximum(room_kg[i] - moon, 0.0))
        flown[i] = f
        launch_kg[i] = f + moon


@njit(cache=True, nogil=True, error_model="numpy")
def orbit_launched(
    launched_kg: Any,
    launches_per_day: Any,
    moon_kg: Any,
    flown: Any,
    total: Any,
    demands: Any,
    shells_kg: Any,
    unmet_kg: Any,
    parts_kg: Any,
    parts_per_day: Any,
) -> None:
    r"""The shells' part of the year's launches, and each shell's (``_Orbit.year``).

    The NumPy lines, with ``launched_kg`` and ``launches_per_day`` the market's year and
    ``demands`` the ``(shells, n)`` table of :func:`orbit_demand`::

        shells_kg = numpy.maximum(launched_kg - moon_kg, 0.0)
        unmet_kg = total - shells_kg
        per_day = launches_per_day * numpy.divide(
            shells_kg, flown + moon_kg, out=zeros, where=shells_kg > 0
        )
        part = 1.0 if one shell else numpy.divide(demand, total, out=zeros, where=total > 0)
        parts_kg[shell], parts_per_day[shell] = shells_kg * part, per_day * part
    """
    shells = demands.shape[0]
    for i in range(total.shape[0]):
        moon = moon_kg[i]
        kg = maximum(launched_kg[i] - moon, 0.0)
        shells_kg[i] = kg
        t = total[i]
        unmet_kg[i] = t - kg
        per_day = launches_per_day[i] * (kg / (flown[i] + moon) if kg > 0.0 else 0.0)
        for j in range(shells):
            part = 1.0 if shells == 1 else (demands[j, i] / t if t > 0.0 else 0.0)
            parts_kg[j, i] = kg * part
            parts_per_day[j, i] = per_day * part


@njit(cache=True, nogil=True, error_model="numpy")
def shell_launch(
    launched_kg: Any,
    mass_per_w: Any,
    capex_per_w: Any,
    asked_kg: Any,
    asked_w: Any,
    serviced: Any,
    failed_w: Any,
    serviced_capex_per_w: Any,
    launched_w: Any,
    capex_usd: Any,
) -> None:
    r"""The compute a shell launched this year and its capex (the start of ``_Shell.fly``).

    The NumPy lines (``services = serviced > 0``: what flew is the asked mix, the plan's
    satellites and the serviced failures' servers at their own mass and cost)::

        launched_w = launched_kg / mass_per_w
        capex_usd = launched_w * capex_per_w
        flown = numpy.divide(launched_kg, asked_kg, out=zeros, where=asked_kg > 0)
        serviced_w = flown * serviced * failed_w
        launched_w = numpy.where(services, flown * asked_w, launched_w)
        capex_usd = numpy.where(
            services,
            launched_w * capex_per_w - serviced_w * (capex_per_w - serviced_capex_per_w),
            capex_usd,
        )
    """
    for i in range(launched_kg.shape[0]):
        kg = launched_kg[i]
        capex = capex_per_w[i]
        if serviced[i] > 0.0:
            asked = asked_kg[i]
            flown = kg / asked if asked > 0.0 else 0.0
            serviced_w = flown * serviced[i] * failed_w[i]
            w = flown * asked_w[i]
            launched_w[i] = w
            capex_usd[i] = w * capex - serviced_w * (capex - serviced_capex_per_w[i])
        else:
            w = kg / mass_per_w[i]
            launched_w[i] = w
            capex_usd[i] = w * capex


@njit(cache=True, nogil=True, error_model="numpy")
def orbit_next(
    falling: Any,
    platform_w: Any,
    platform_kg: Any,
    plan: Any,
    mass_decline: Any,
    platform_decline: Any,
    plan_growth: Any,
) -> None:
    r"""Next year's specific masses, platform costs and launch plan, in place.

    ``falling *= 1 - mass_decline``, ``platform_w`` and ``platform_kg *= 1 -
    platform_decline``, ``plan *= 1 + plan_growth`` (as ``x * (1.0 - d)``: the factor
    first, then the product, as the NumPy lines of ``_Orbit.year``).
    """
    for i in range(falling.shape[0]):
        falling[i] = falling[i] * (1.0 - mass_decline[i])
        keep = 1.0 - platform_decline[i]
        platform_w[i] = platform_w[i] * keep
        platform_kg[i] = platform_kg[i] * keep
        plan[i] = plan[i] * (1.0 + plan_growth[i])
