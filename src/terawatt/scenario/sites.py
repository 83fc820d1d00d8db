"""Where the scenario engine builds AI compute: Earth's countries, orbital shells, the Moon.

A scenario file may name its sites; without a ``sites:`` block the engine runs two, the
whole world's grid (``earth``) and one sun-synchronous shell at the satellite preset's
orbit (``orbit``)::

    sites:
      earth: [USA, CHN, DEU]           # ISO-3 codes or names; "World" for the whole world
      orbit:                           # shells sharing one launch market
        - {name: dawn-dusk-650, altitude: 650 km, ltan: "18:00", share: 0.7}
        - {name: terminator-1400, altitude: 1400 km, ltan: "06:00", share: 0.3}
      moon: true                       # lunar factories and a mass driver (moon.* parameters)

A country site scales the world-level ``ground.*`` parameters by that country's own data
(see :func:`earth_site_factors`): its generation and generation trend (Ember/OWID), its share
of the world's AI data-centre power (Epoch AI GPU clusters) and its electricity price relative
to the US (``energy_prices.yaml``). Orbital shells share the launch market and its cadence
limit; each takes its ``share`` of the orbital mass plan and sizes its satellites at its own
altitude and local time of the ascending node.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from terawatt.errors import InputError
from terawatt.parameters.quantity import parse_quantity
from terawatt.units import parse_clock_hours

__all__ = [
    "DEFAULT_SITES",
    "WORLD",
    "EarthFactors",
    "Shell",
    "Sites",
    "earth_site_factors",
    "parse_sites",
]

#: The code of the whole world's grid among the Earth sites.
WORLD = "World"

#: Altitudes a shell may have: above the ~160 km where drag ends an orbit within days (SMAD
#: 3rd ed., Table 8-5 lifetimes) and below the inner Van Allen belt's core (~2,000 km; the
#: edge of the LEO region in the IADC Space Debris Mitigation Guidelines, 2007, sec. 3.3.2).
ALTITUDE_RANGE_M = (160e3, 2_000e3)

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")

Where = Callable[[Sequence[str | int]], str]


@dataclass(frozen=True)
class Shell:
    """One orbital shell of the scenario.

    Attributes
    ----------
    name : str
        Short name (letters, digits, ``-_.``), used in the site name ``orbit:<name>``.
    altitude_m : float
        Circular-orbit altitude [m].
    ltan_h : float
        Local time of the ascending node [h] (18 for dawn-dusk).
    share : float
        Share of the orbital mass plan launched to this shell (shares sum to 1).
    """

    name: str
    altitude_m: float
    ltan_h: float
    share: float


@dataclass(frozen=True)
class Sites:
    """The sites of a scenario, in output order: Earth, orbital shells, the Moon.

    Attributes
    ----------
    earth : tuple of str
        ISO-3 codes of the Earth sites, or ``("World",)`` for the whole world (default).
    shells : tuple of Shell
        Orbital shells; empty for the default single shell at the satellite preset's orbit.
    moon : bool
        Whether the Moon is a site (lunar factories, a mass driver; ``moon.*`` parameters).
    """

    earth: tuple[str, ...] = (WORLD,)
    shells: tuple[Shell, ...] = ()
    moon: bool = False
    _names: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        earth = ("earth",) if self.earth == (WORLD,) else tuple(f"earth:{c}" for c in self.earth)
        orbit = ("orbit",) if not self.shells else tuple(f"orbit:{s.name}" for s in self.shells)
        object.__setattr__(self, "_names", earth + orbit + (("moon",) if self.moon else ()))

    @property
    def names(self) -> tuple[str, ...]:
        """Site names as in the results' ``site`` coordinate."""
        return self._names

    @property
    def kinds(self) -> tuple[str, ...]:
        """``"earth"``, ``"orbit"`` or ``"moon"`` for each site (the ``kind`` coordinate)."""
        return tuple(name.partition(":")[0] for name in self._names)

    @property
    def is_default(self) -> bool:
        """True for the default sites (the world's grid and one shell; no Moon)."""
        return self == DEFAULT_SITES

    def canonical(self) -> dict[str, Any]:
        """The sites as plain data (hashed with the scenario; written back by ``to_yaml``)."""
        return {
            "earth": list(self.earth),
            "orbit": [
                {
                    "name": s.name,
                    "altitude_m": s.altitude_m + 0.0,
                    "ltan_h": s.ltan_h + 0.0,
                    "share": s.share + 0.0,
                }
                for s in self.shells
            ],
            "moon": self.moon,
        }

    def to_yaml_data(self) -> dict[str, Any]:
        """The ``sites:`` block of a scenario file that reads back to these sites."""
        data: dict[str, Any] = {"earth": list(self.earth)}
        if self.shells:
            data["orbit"] = [
                {
                    "name": s.name,
                    "altitude": f"{s.altitude_m!r} m",
                    "ltan": s.ltan_h,
                    "share": s.share,
                }
                for s in self.shells
            ]
        data["moon"] = self.moon
        return data


DEFAULT_SITES = Sites()


def _earth(raw: Any, where: Where) -> tuple[str, ...]:
    from terawatt.data.countries import resolve_country  # noqa: PLC0415  (data on demand)

    path: tuple[str | int, ...] = ("sites", "earth")
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not items:
        raise InputError(
            "sites.earth", raw, "a list of countries (ISO-3 codes or names) or 'World'", where(path)
        )
    codes: list[str] = []
    for i, item in enumerate(items):
        if not isinstance(item, str):
            raise InputError(f"sites.earth[{i}]", item, "a country name or code", where((*path, i)))
        if item.strip().lower() == WORLD.lower():
            code = WORLD
        else:
            try:
                code = resolve_country(item)
            except InputError as exc:
                raise InputError(
                    f"sites.earth[{i}]", item, exc.expected, where((*path, i))
                ) from None
        if code in codes:
            raise InputError(f"sites.earth[{i}]", item, "each country once", where((*path, i)))
        codes.append(code)
    if WORLD in codes and len(codes) > 1:
        raise InputError(
            "sites.earth",
            items,
            "'World' alone, or countries (the world would count them twice)",
            where(path),
        )
    return tuple(codes)


def _shell(raw: Any, i: int, where: Where) -> Shell:
    path: tuple[str | int, ...] = ("sites", "orbit", i)
    label = f"sites.orbit[{i}]"
    keys = ("name", "altitude", "ltan", "share")
    if not isinstance(raw, Mapping):
        raise InputError(label, raw, f"a mapping with {', '.join(keys)}", where(path))
    for key in raw:
        if key not in keys:
            raise InputError(f"{label}.{key}", raw[key], f"one of {', '.join(keys)}", where(path))
    for key in keys:
        if key not in raw:
            raise InputError(f"{label}.{key}", None, f"a value for {key}:", where(path))
    name = raw["name"]
    if not isinstance(name, str) or not _NAME.match(name):
        raise InputError(
            f"{label}.name", name, "a short name of letters, digits, '-', '_' or '.'", where(path)
        )
    altitude = parse_quantity(
        raw["altitude"], "m", "km", f"{label}.altitude", where((*path, "altitude"))
    )
    low, high = ALTITUDE_RANGE_M
    if not low <= altitude <= high:
        raise InputError(
            f"{label}.altitude",
            raw["altitude"],
            "an altitude from 160 km to 2,000 km",
            where((*path, "altitude")),
        )
    ltan = parse_clock_hours(raw["ltan"], f"{label}.ltan", where=where((*path, "ltan")))
    share = raw["share"]
    if isinstance(share, bool) or not isinstance(share, int | float) or not 0 < share <= 1:
        raise InputError(f"{label}.share", share, "a fraction in (0, 1]", where((*path, "share")))
    return Shell(name, altitude, ltan, float(share))


def _shells(raw: Any, where: Where) -> tuple[Shell, ...]:
    path: tuple[str | int, ...] = ("sites", "orbit")
    if not isinstance(raw, list) or not raw:
        raise InputError("sites.orbit", raw, "a list of shells", where(path))
    shells = tuple(_shell(item, i, where) for i, item in enumerate(raw))
    names = [s.name for s in shells]
    for i, name in enumerate(names):
        if name in names[:i]:
            raise InputError(f"sites.orbit[{i}].name", name, "a name not used before", where(path))
    total = math.fsum(s.share for s in shells)
    if abs(total - 1.0) > 1e-9:
        raise InputError(
            "sites.orbit", [s.share for s in shells], "shares summing to 1", where(path)
        )
    return shells


def parse_sites(raw: Any, where: Where) -> Sites:
    """Check a scenario's ``sites:`` block.

    Parameters
    ----------
    raw : Any
        The block as read from YAML.
    where : callable
        Maps a key path (``("sites", "orbit", 0)``) to a location for error messages.

    Returns
    -------
    Sites

    Raises
    ------
    InputError
        For an unknown key, a country that does not resolve, a shell's bad altitude, local
        time or share, repeated names, or shares not summing to 1.
    """
    keys = ("earth", "orbit", "moon")
    if not isinstance(raw, Mapping):
        raise InputError(
            "sites", raw, f"a mapping with any of {', '.join(keys)}", where(("sites",))
        )
    for key in raw:
        if key not in keys:
            raise InputError(
                f"sites.{key}", raw[key], f"one of {', '.join(keys)}", where(("sites", key))
            )
    earth = _earth(raw["earth"], where) if "earth" in raw else DEFAULT_SITES.earth
    shells = _shells(raw["orbit"], where) if "orbit" in raw else ()
    moon = raw.get("moon", False)
    if not isinstance(moon, bool):
        raise InputError("sites.moon", moon, "true or false", where(("sites", "moon")))
    return Sites(earth=earth, shells=shells, moon=moon)


@dataclass(frozen=True)
class EarthFactors:
    """How one country's Earth site scales the world-level ``ground.*`` parameters.

    Attributes
    ----------
    generation_share : float
        The country's share of world generation in its latest year of data.
    growth_ratio : float
        Its generation trend over the world's (log-linear fits over the trend window,
        ``grid.trend_window``); the sampled world growth is multiplied by it.
    ai_share : float
        Its share of the world's AI data-centre power (Epoch AI GPU clusters, 2025-10-01);
        multiplies the world's installed AI power and its build rate in the start year.
    price_ratio : float
        Its electricity price over the US's (``energy_prices.yaml``); multiplies the sampled
        price, whose default is anchored on the US industrial average.
    """

    generation_share: float
    growth_ratio: float
    ai_share: float
    price_ratio: float


@cache
def earth_site_factors(code: str, window: str = "decade") -> EarthFactors:
    """The factors of one Earth site (all 1 for the whole world).

    Parameters
    ----------
    code : str
        ISO-3 code, or ``"World"``.
    window : {"decade", "recent"}
        The trend window (``grid.trend_window``) of the country's and the world's
        generation growth (:func:`terawatt.earth.electricity.fit_window`).

    Returns
    -------
    EarthFactors
    """
    if code == WORLD:
        return EarthFactors(1.0, 1.0, 1.0, 1.0)
    # imported here: reading the datasets takes a moment, and the default sites need none
    from terawatt.data.clusters import installed_ai_capacity  # noqa: PLC0415
    from terawatt.data.electricity import load_electricity  # noqa: PLC0415
    from terawatt.earth.datacenter import energy_price  # noqa: PLC0415
    from terawatt.earth.electricity import fit_trend  # noqa: PLC0415
    from terawatt.earth.trend_window import fit_window  # noqa: PLC0415

    data = load_electricity(aggregates=True)
    latest = data.dropna(subset=["generation_twh"])
    world = latest[latest["iso3"] == "OWID_WRL"]
    country = latest[latest["iso3"] == code]
    if country.empty:
        raise InputError("sites.earth", code, "a country with generation data (Ember/OWID)")
    year = int(min(country["year"].max(), world["year"].max()))
    gen_share = float(
        country.loc[country["year"] == year, "generation_twh"].iloc[0]
        / world.loc[world["year"] == year, "generation_twh"].iloc[0]
    )
    years = fit_window(window, (code, "World"))
    growth_ratio = fit_trend(code, years).growth_rate / fit_trend("World", years).growth_rate
    capacity = installed_ai_capacity()
    row = capacity[capacity["country"] == code]
    ai_share = float(row["share_of_world_power"].iloc[0]) if not row.empty else 0.0
    price_ratio = energy_price(code).price_usd_per_j / energy_price("USA").price_usd_per_j
    return EarthFactors(gen_share, growth_ratio, ai_share, price_ratio)
