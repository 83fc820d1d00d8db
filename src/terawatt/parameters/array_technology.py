"""The solar array's technology and the entries it gives values to.

``satellite.array.technology`` names one of the technologies of
``terawatt/data/array_technologies.yaml`` (a roll-out III-V blanket, rigid III-V panels,
terrestrial-derived silicon). A technology stands for values of the array's own entries
(:data:`ARRAY_ENTRIES`: cell efficiency, packing factor, specific power, degradation; an
entry it does not list takes the table's default) and for a platform cost per W relative
to the table's: ``orbit.platform_cost`` is quoted for the default technology, and a
technology scales its distribution by its ``cost_factor`` (the same relative spread).

Which layer wins, for each of those entries (:data:`GOVERNED`):

1. a value the scenario (its files, ``--set``) or design (file, ``--set``) sets itself;
2. else, where the technology is named there too, the technology's value: naming an
   array overrides the preset's array;
3. else the preset's own value, where the preset sets the entry (a preset's values
   describe its own array);
4. else the technology's value (the table's default technology gives the table's
   defaults, so a scenario that names none is unchanged).

The rule is here, in the parameters layer, so every reader of the table follows the same
one: scenarios through :func:`resolve_array_technology` (called by
:mod:`terawatt.scenario.schema` after the preset), point designs through
:meth:`terawatt.parameters.records.RecordTable.build`, the design search through a
scenario pinned to each technology (:mod:`terawatt.optimize.evaluate`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from terawatt.data import read_yaml
from terawatt.errors import InputError
from terawatt.parameters.distributions import scaled
from terawatt.parameters.table import DIST_TYPES, Parameter, Value, parse_value, shipped_table

__all__ = [
    "ARRAY_ENTRIES",
    "GOVERNED",
    "PLATFORM_COST",
    "TECHNOLOGY",
    "ArrayTechnology",
    "array_technologies",
    "array_technology",
    "resolve_array_technology",
]

#: The parameter naming the technology.
TECHNOLOGY = "satellite.array.technology"
#: The platform cost per W of array that a technology scales.
PLATFORM_COST = "orbit.platform_cost"
#: The array's own entries a technology gives values to.
ARRAY_ENTRIES = (
    "satellite.array.cell_efficiency",
    "satellite.array.packing_factor",
    "satellite.array.specific_power",
    "satellite.array.degradation",
)
#: Every entry that follows the technology.
GOVERNED = (*ARRAY_ENTRIES, PLATFORM_COST)
_FILE = "array_technologies.yaml"
_PREFIX = "satellite."


@dataclass(frozen=True)
class ArrayTechnology:
    """One solar-array technology.

    Attributes
    ----------
    name, description : str
        Its name (an option of ``satellite.array.technology``) and what it is.
    values : dict
        Table name -> (value, source) of every entry of :data:`GOVERNED`: the
        technology's own where it lists one, else the table's default; the platform cost
        as the table's distribution scaled by :attr:`cost_factor`.
    cost_factor : float
        Its platform cost per W over the table's (``orbit.platform_cost``).
    """

    name: str
    description: str
    values: dict[str, tuple[Value, str]]
    cost_factor: float


@functools.cache
def array_technologies() -> dict[str, ArrayTechnology]:
    """Every shipped technology by name, its values parsed and checked against the table.

    Raises
    ------
    InputError
        If the file and the table's options of ``satellite.array.technology`` differ, or
        a value is not one of the array's entries or does not parse.
    """
    raw, doc = read_yaml(_FILE)
    table = shipped_table()
    options = tuple(table[TECHNOLOGY].choices or ())
    if tuple(raw) != options:
        raise InputError(TECHNOLOGY, list(raw), f"the table's options {list(options)}", doc.label)
    default = table[PLATFORM_COST].default
    out: dict[str, ArrayTechnology] = {}
    for name, body in raw.items():
        own = body.get("values") or {}
        values: dict[str, tuple[Value, str]] = {
            entry: (table[entry].default, table[entry].source) for entry in ARRAY_ENTRIES
        }
        for key, item in own.items():
            entry = _PREFIX + key
            if entry not in ARRAY_ENTRIES:
                raise InputError(
                    f"{name}.values.{key}", item, "an array entry", doc.where((name, "values", key))
                )
            parsed = parse_value(table[entry], item["value"], doc, (name, "values", key, "value"))
            values[entry] = (parsed, " ".join(str(item["source"]).split()))
        factor = float(body["cost_factor"]["value"])
        if not factor > 0.0:
            raise InputError(f"{name}.cost_factor", factor, "a number > 0", doc.where((name,)))
        cost_source = " ".join(str(body["cost_factor"]["source"]).split())
        if not isinstance(default, DIST_TYPES):  # pragma: no cover - the table's own entry
            raise InputError(PLATFORM_COST, default, "a quantity")
        cost = default if factor == 1.0 else scaled(default, factor)
        values[PLATFORM_COST] = (
            cost,
            f"{table[PLATFORM_COST].source} (x {factor:g} for the {name} array: {cost_source})",
        )
        out[name] = ArrayTechnology(
            name, " ".join(str(body["description"]).split()), values, factor
        )
    return out


def array_technology(name: str, where: str | None = None) -> ArrayTechnology:
    """One technology by name.

    Raises
    ------
    InputError
        ``satellite.array.technology`` for an unknown name.
    """
    known = array_technologies()
    if name not in known:
        raise InputError(TECHNOLOGY, name, f"one of {', '.join(map(repr, known))}", where)
    return known[name]


def resolve_array_technology(
    values: dict[str, Value],
    sources: dict[str, str],
    explicit: frozenset[str],
    table: Mapping[str, Parameter],
    preset_sets: frozenset[str] = frozenset(),
) -> None:
    """Give the entries of :data:`GOVERNED` the chosen technology's values (module rule).

    Parameters
    ----------
    values, sources : dict
        A scenario's values and sources, after its preset's (changed in place).
    explicit : frozenset of str
        The entries the scenario's files and ``--set`` set themselves.
    table : Mapping
        The scenario's parameter table; one without the technology is left as it is.
    preset_sets : frozenset of str
        The table names of the entries the scenario's preset sets itself.

    A technology that is a structural choice is left to each sample's pinned scenario
    (:meth:`terawatt.scenario.schema.Scenario.pinned`).
    """
    chosen = values.get(TECHNOLOGY)
    if TECHNOLOGY not in table or not isinstance(chosen, str):
        return
    named = TECHNOLOGY in explicit
    if not named and chosen == table[TECHNOLOGY].default:
        return  # the table's defaults are the default technology's values
    technology = array_technology(chosen, f"parameters.{TECHNOLOGY}")
    for entry, (value, source) in technology.values.items():
        if entry not in table or entry in explicit or (entry in preset_sets and not named):
            continue
        values[entry], sources[entry] = value, source
