"""Country names and ISO 3166-1 alpha-3 codes: one resolver for every dataset.

The canonical table is the (country, ISO-3) pairs of the shipped electricity data
(Our World in Data entity names, countries only; Kosovo as ``XKX``), plus the aliases in
``countries.yaml``: ISO 3166-1 short names as Epoch AI writes them ("Korea (Republic
of)", "United States of America"), UN and World Bank names and short forms ("USA", "UK",
"UAE"). Names match regardless of case, accents, dots and repeated spaces.

With ``aggregates=True`` the resolver also knows the regional aggregates of the
electricity data: OWID's by code or name (``OWID_WRL`` / ``"World"``) and Ember's and the
Energy Institute's by name (``"EU (Ember)"``), whose code is their name.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import pandas as pd

from terawatt.data import read_yaml
from terawatt.data.electricity import load_electricity
from terawatt.errors import InputError, did_you_mean

__all__ = ["country_name", "known_countries", "resolve_country"]


def _key(text: str) -> str:
    """Matching key: accents removed, case folded, dots dropped, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("\u2019", "'").replace(".", "").casefold()
    return " ".join(plain.split())


@dataclass(frozen=True)
class _Table:
    """Lookup tables: code -> name, and matching key -> (code, spelling as written)."""

    names: Mapping[str, str]
    keys: Mapping[str, tuple[str, str]]


def _aliases() -> dict[str, list[str]]:
    loaded, _ = read_yaml("countries.yaml")
    aliases = loaded.get("aliases", {}) if isinstance(loaded, dict) else {}
    return {str(code): [str(a) for a in names] for code, names in aliases.items()}


def _add(keys: dict[str, tuple[str, str]], spelling: str, code: str) -> None:
    key = _key(spelling)
    known = keys.get(key)
    if known is not None and known[0] != code:
        msg = f"countries: {spelling!r} names both {known[0]} and {code}"
        raise ValueError(msg)
    keys.setdefault(key, (code, spelling))


@cache
def _table(aggregates: bool) -> _Table:
    entities = load_electricity(aggregates=aggregates)[["iso3", "country"]].drop_duplicates()
    names: dict[str, str] = dict(zip(entities["iso3"], entities["country"], strict=True))
    keys: dict[str, tuple[str, str]] = {}
    for code, name in names.items():
        _add(keys, code, code)
        _add(keys, name, code)
    for code, spellings in _aliases().items():
        if code not in names:
            msg = f"countries.yaml: alias code {code!r} is not in the electricity data"
            raise ValueError(msg)
        for spelling in spellings:
            _add(keys, spelling, code)
    return _Table(names=names, keys=keys)


def resolve_country(name_or_code: str, *, aggregates: bool = False) -> str:
    """ISO 3166-1 alpha-3 code of a country given by code, name or common alias.

    Parameters
    ----------
    name_or_code : str
        An ISO-3 code in any case (``"chn"``), an OWID country name (``"United
        States"``), or an alias (``"USA"``, ``"US"``, ``"United States of America"``,
        ``"UK"``, ``"Korea (Republic of)"``, ``"Russian Federation"``, ``"Türkiye"``,
        ``"UAE"`` ...). Case, accents, dots and extra spaces are ignored.
    aggregates : bool, optional
        Also accept the aggregates of the electricity data (``"World"`` ->
        ``"OWID_WRL"``; ``"EU (Ember)"`` -> ``"EU (Ember)"``). Default False.

    Returns
    -------
    str
        The code: ``"CHN"``; ``"XKX"`` for Kosovo; an aggregate's code or name.

    Raises
    ------
    InputError
        ``country`` for an unknown name, listing close matches.
    """
    if not isinstance(name_or_code, str) or not name_or_code.strip():
        raise InputError("country", name_or_code, "an ISO-3 code or country name (text)")
    table = _table(aggregates)
    code = name_or_code.strip()
    if code.upper() in table.names:
        return code.upper()
    if code in table.names:  # an aggregate spelled exactly as its name
        return code
    found = table.keys.get(_key(code))
    if found is not None:
        return found[0]

    def shown(key: str) -> str:
        iso3 = table.keys[key][0]
        return f"{table.names[iso3]!r} ({iso3})"

    listing = did_you_mean(_key(code), table.keys, n=10, cutoff=0.6, shown=shown)
    expected = (
        "an ISO-3 code or country name"
        + listing
        + ("" if listing else " (see terawatt.data.countries.known_countries())")
    )
    raise InputError("country", name_or_code, expected)


def country_name(iso3: str) -> str:
    """The OWID name of a country (or aggregate) given by any spelling ``resolve_country`` takes.

    Parameters
    ----------
    iso3 : str
        ``"CHN"``, ``"usa"``, ``"OWID_WRL"``, an alias.

    Returns
    -------
    str
        ``"China"``, ``"United States"``, ``"World"``.

    Raises
    ------
    InputError
        ``country`` for an unknown code or name.
    """
    code = resolve_country(iso3, aggregates=True)
    return _table(True).names[code]


def known_countries() -> pd.DataFrame:
    """Every country of the canonical table.

    Returns
    -------
    pandas.DataFrame
        Columns ``iso3`` and ``name`` (OWID entity name), sorted by ``iso3``; 214
        countries and territories.
    """
    names = _table(False).names
    frame = pd.DataFrame({"iso3": list(names), "name": list(names.values())})
    return frame.sort_values("iso3", ignore_index=True)
