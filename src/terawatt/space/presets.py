"""Satellite design presets and the YAML/``--set`` front door to :class:`SatelliteDesign`.

Every design input is declared once in the parameter table
(``terawatt/data/parameters/satellite.yaml``, keys ``satellite.*``), whose defaults are
the ``today`` preset. The other presets (``terawatt/data/satellite_presets.yaml``)
override those defaults by name, each value with its source. A user design file names a
preset to start from (``preset: today``) and overrides any parameter in nested or dotted
form, with units, keys without the ``satellite.`` prefix::

    preset: today
    compute:
      power: 250 kW
    radiator.temperature: 330 K

The design also reads shared entries under their own names (the chip ``compute.*``, and
``orbit.platform_cost``, ``orbit.design_life``), taking their central values; a preset
may override them too. In a scenario, ``orbit.satellite_preset`` names the preset whose
values are the defaults of the ``satellite.*`` entries and of the design's own platform
costs and design life (:func:`scenario_values`); the chip stays the scenario's own.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from terawatt.errors import InputError
from terawatt.parameters.distributions import Fixed, scaled
from terawatt.parameters.records import Preset
from terawatt.parameters.table import DIST_TYPES, Value, parse_value
from terawatt.space.satellite import SATELLITE_TABLE, SatelliteDesign
from terawatt.units import parse_clock_hours
from terawatt.yamldoc import Label, Locator, read_yaml_file

__all__ = [
    "DEFAULT_PRESET",
    "DESIGN_COST_ENTRIES",
    "design_from_file",
    "design_from_values",
    "load_presets",
    "preset_design",
    "preset_entries",
    "scenario_values",
]

DEFAULT_PRESET = SATELLITE_TABLE.default_preset


def load_presets() -> dict[str, Preset]:
    """All shipped presets by name, each with every input's value and source."""
    return SATELLITE_TABLE.presets


def design_from_values(
    values: Mapping[str, Any] | None = None,
    *,
    preset: str = DEFAULT_PRESET,
    where: Locator | str | None = None,
    overrides: Mapping[str, Any] | None = None,
    overrides_where: str | None = "--set",
) -> SatelliteDesign:
    """Build a design from a preset plus overrides given with units.

    Parameters
    ----------
    values : mapping, optional
        Overrides, nested (``{"compute": {"power": "1 MW"}}``) or dotted
        (``{"compute.power": "1 MW"}``). Bare numbers are read in the parameter's
        display unit (``compute.power: 100`` is 100 kW).
    preset : str
        Name of the preset to start from.
    where : Locator or str, optional
        Where ``values`` came from, quoted in errors: a design file's
        :class:`~terawatt.yamldoc.Doc` (errors name its line and column) or a label.
    overrides, overrides_where : mapping and str, optional
        A second layer applied after ``values`` (the command line's ``--set`` over a
        design file), and where it came from.

    Raises
    ------
    InputError
        For an unknown preset or key, or a value with the wrong unit or out of bounds.
    """
    SATELLITE_TABLE.preset(preset)
    layer = SATELLITE_TABLE.parse(values, where)
    top = SATELLITE_TABLE.parse(overrides, overrides_where)
    label = preset if not (layer or top) else f"{preset} with overrides"
    return SATELLITE_TABLE.build(preset, layer, top, label=label)


def preset_design(name: str = DEFAULT_PRESET) -> SatelliteDesign:
    """The design of a shipped preset."""
    return design_from_values(preset=name)


def design_from_file(
    path: str | Path, overrides: Mapping[str, Any] | None = None, preset: str | None = None
) -> SatelliteDesign:
    """Read a YAML design file (``preset:`` plus overrides), then apply ``overrides``.

    Raises
    ------
    InputError
        If the file is missing, empty (only comments), is not a YAML mapping (YAML 1.2,
        each key once), names an unknown preset or holds bad values: the message names
        the file, line and column of the field.
    """
    where = str(path)
    doc = read_yaml_file(Path(path), where, "design file", where, None)
    if doc.data is None:  # as `run` refuses an empty scenario file: a slip, not "today"
        raise InputError(
            "design file",
            "an empty file",
            "a YAML mapping of parameters, e.g. 'preset: today'",
            doc.where(()),
        )
    if not isinstance(doc.data, dict):
        raise InputError("design file", where, "a YAML mapping of parameters", doc.where(()))
    data = dict(doc.data)
    base = preset or str(data.pop("preset", DEFAULT_PRESET))
    data.pop("preset", None)
    SATELLITE_TABLE.preset(base, doc.where(("preset",)) if preset is None else None)
    design = design_from_values(data, preset=base, where=doc, overrides=overrides)
    return design.replace(label=f"{where} (preset {base})")


#: Shared entries a preset's own values replace in a scenario: the design's platform costs
#: and design life (a lighter, leaner design is a cheaper one per W). The chip stays the
#: scenario's (Earth and orbit compare like for like), and so do the orbit's altitude and
#: local time (the scenario's shells set them).
DESIGN_COST_ENTRIES = ("orbit.platform_cost", "orbit.platform_mass_cost", "orbit.design_life")


def preset_entries(name: str) -> frozenset[str]:
    """The table names of the entries a shipped preset sets itself (not the table's).

    Raises
    ------
    InputError
        For an unknown preset.
    """
    return frozenset(map(SATELLITE_TABLE.table_key, SATELLITE_TABLE.preset(name).overrides))


def scenario_values(name: str) -> dict[str, tuple[Value, str]]:
    """A preset's values of the satellite's own entries, as a scenario holds them.

    Parameters
    ----------
    name : str
        A shipped preset (``orbit.satellite_preset``).

    Returns
    -------
    dict
        Table name (``satellite.array.specific_power``) -> (value, source) for every
        ``satellite.*`` entry: the table's default and source where the preset keeps them,
        else the preset's value (a fixed value in the model's unit, text or a whole number)
        and its source; and each of :data:`DESIGN_COST_ENTRIES` the preset sets (its
        platform costs and design life), as the table's distribution scaled to the
        preset's value (the same relative spread). The chip stays the scenario's.

    Raises
    ------
    InputError
        For an unknown preset.
    """
    chosen = SATELLITE_TABLE.preset(name)
    where = Label(f"preset {name}")
    values: dict[str, tuple[Value, str]] = {}
    for key, entry in SATELLITE_TABLE.entries.items():
        table_name = SATELLITE_TABLE.table_key(key)
        if key in DESIGN_COST_ENTRIES and key in chosen.overrides:
            # the design's own cost and life: its point value, the table's spread around it
            point = parse_value(entry, chosen.values[key], where, (key,))
            default = entry.default
            if not isinstance(point, Fixed) or not isinstance(default, DIST_TYPES):
                raise InputError(key, chosen.values[key], "a fixed value", str(where))
            factor = point.value / default.central()
            source = f"{chosen.sources[key]} (the table's relative spread kept around it)"
            values[table_name] = (scaled(default, factor), source)
            continue
        if not table_name.startswith(SATELLITE_TABLE.prefix):
            continue
        if key not in chosen.overrides:
            values[table_name] = (entry.default, entry.source)
            continue
        raw = chosen.values[key]
        if key in SATELLITE_TABLE.clock:
            raw = parse_clock_hours(raw, key, where=str(where))
        values[table_name] = (parse_value(entry, raw, where, (key,)), chosen.sources[key])
    return values
