"""Ground photovoltaic sites (``solar_sites.yaml``), checked and in SI units.

Each site of the orbit-versus-ground comparison (claim C12): where it is, how sunny and
its climate, every value with its source; the ``defaults`` section supplies a value a
site leaves out (the albedo). :mod:`terawatt.earth.groundsites` builds its sites from
:func:`load_solar_sites`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ConfigDict, create_model

from terawatt.data import read_yaml, validated
from terawatt.errors import InputError
from terawatt.units import to_si

__all__ = ["SITE_FIELDS", "SiteFigures", "load_solar_sites"]

#: The file.
SITES_FILE = "solar_sites.yaml"

#: Field name in the file -> (attribute of :class:`terawatt.earth.groundsites.Site`, the
#: SI unit it is converted to).
SITE_FIELDS: dict[str, tuple[str, str]] = {
    "latitude": ("latitude_deg", "deg"),
    "longitude": ("longitude_deg", "deg"),
    "elevation": ("elevation_m", "m"),
    "ghi": ("ghi_w_per_m2", "W/m^2"),
    "ghi_uncertainty": ("ghi_relative_uncertainty", ""),
    "air_temperature_mean": ("air_temperature_mean_k", "K"),
    "air_temperature_seasonal_amplitude": ("air_temperature_seasonal_amplitude_k", "K"),
    "air_temperature_daily_range": ("air_temperature_daily_range_k", "K"),
    "wind_speed": ("wind_speed_m_s", "m/s"),
    "albedo": ("albedo", ""),
}

_STRICT = ConfigDict(extra="forbid")


class _Value(BaseModel):
    """One figure: its value (a number or a quantity with its unit) and its source."""

    model_config = _STRICT

    value: int | float | str
    source: str


_OPTIONAL = dict.fromkeys(SITE_FIELDS, (_Value | None, None))
_Defaults = create_model("_Defaults", __config__=_STRICT, **_OPTIONAL)  # type: ignore[call-overload]
_Site = create_model(
    "_Site",
    __config__=_STRICT,
    name=(str, ...),
    role=(str, ...),
    **_OPTIONAL,
)  # type: ignore[call-overload]
_SitesFile = create_model(
    "_SitesFile",
    __config__=_STRICT,
    defaults=(_Defaults, None),
    sites=(dict[str, _Site], ...),
)


@dataclass(frozen=True)
class SiteFigures:
    """One site of the file, in SI units.

    Attributes
    ----------
    key, name, role : str
        Short name (``"phoenix"``), descriptive name, why it is in the set.
    values : Mapping of str to float
        Every figure by site attribute (``"ghi_w_per_m2"``) [SI unit of
        :data:`SITE_FIELDS`].
    sources : Mapping of str to str
        The source of each, by the same attribute.
    """

    key: str
    name: str
    role: str
    values: Mapping[str, float]
    sources: Mapping[str, str]


@cache
def load_solar_sites() -> dict[str, SiteFigures]:
    """The shipped ground sites by key, in SI units (read once; shared, do not modify).

    Returns
    -------
    dict of str to SiteFigures
        ``atacama``, ``phoenix``, ``riyadh``, ... in the file's order.

    Raises
    ------
    InputError
        For an unknown or ill-typed entry (its path in the file), a figure that neither
        the site nor ``defaults`` gives, or a value that is not a quantity in its unit.
    """
    raw, doc = read_yaml(SITES_FILE)
    document = validated(_SitesFile, raw, doc)
    defaults = document.defaults  # type: ignore[attr-defined]
    out: dict[str, SiteFigures] = {}
    for key, body in document.sites.items():  # type: ignore[attr-defined]
        values: dict[str, float] = {}
        sources: dict[str, str] = {}
        for name, (attribute, unit) in SITE_FIELDS.items():
            entry, at = getattr(body, name), doc.where(("sites", key, name))
            if entry is None and defaults is not None:
                entry, at = getattr(defaults, name), doc.where(("defaults", name))
            if entry is None:
                raise InputError(f"{key}.{name}", None, "a mapping with 'value' and 'source'", at)
            values[attribute] = to_si(entry.value, unit, f"{key}.{name}", where=at)
            sources[attribute] = entry.source
        out[str(key)] = SiteFigures(str(key), body.name, body.role, values, sources)
    return out
