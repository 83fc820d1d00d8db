"""Satellite design presets and the YAML/``--set`` front door to :class:`SatelliteDesign`.

Presets live in ``terawatt/data/satellite_presets.yaml``: each value with its
source. A user design file names a preset to start from (``preset: today``) and
overrides any parameter in nested or dotted form, with units::

    preset: today
    compute:
      power: 250 kW
    radiator.temperature: 330 K
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from terawatt.errors import InputError
from terawatt.parameters import flatten, parse_parameters
from terawatt.space.satellite import SATELLITE_PARAMETERS, SatelliteDesign

__all__ = [
    "DEFAULT_PRESET",
    "Preset",
    "design_from_file",
    "design_from_values",
    "load_presets",
    "preset_design",
]

DEFAULT_PRESET = "today"


@dataclass(frozen=True)
class Preset:
    """A named design: raw values (with units, as written) and their sources."""

    name: str
    description: str
    values: dict[str, Any]
    sources: dict[str, str]


@cache
def load_presets() -> dict[str, Preset]:
    """All shipped presets by name."""
    text = resources.files("terawatt.data").joinpath("satellite_presets.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    presets = {}
    for name, body in raw.items():
        values = {k: v["value"] for k, v in body["values"].items()}
        sources = {k: str(v["source"]) for k, v in body["values"].items()}
        presets[name] = Preset(name, " ".join(body["description"].split()), values, sources)
    return presets


def _preset(name: str) -> Preset:
    presets = load_presets()
    if name not in presets:
        raise InputError("preset", name, f"one of {', '.join(map(repr, presets))}")
    return presets[name]


def design_from_values(
    values: Mapping[str, Any] | None = None,
    *,
    preset: str = DEFAULT_PRESET,
    where: str | None = None,
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
    where : str, optional
        Where ``values`` came from, quoted in errors.
    overrides, overrides_where : mapping and str, optional
        A second layer applied after ``values`` (the command line's ``--set`` over a
        design file), and where it came from.

    Raises
    ------
    InputError
        For an unknown preset or key, or a value with the wrong unit or out of bounds.
    """
    base = parse_parameters(_preset(preset).values, SATELLITE_PARAMETERS, where=f"preset {preset}")
    layer = parse_parameters(flatten(values or {}), SATELLITE_PARAMETERS, where=where)
    top = parse_parameters(flatten(overrides or {}), SATELLITE_PARAMETERS, where=overrides_where)
    label = preset if not (layer or top) else f"{preset} with overrides"
    return SatelliteDesign(**{**base, **layer, **top}, label=label)  # type: ignore[arg-type]


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
        If the file is missing, is not YAML mapping, or holds bad values.
    """
    where = str(path)
    try:
        data = yaml.safe_load(Path(path).read_text("utf-8")) or {}
    except FileNotFoundError as exc:
        raise InputError("design file", where, "an existing YAML file") from exc
    except yaml.YAMLError as exc:
        raise InputError("design file", where, f"valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise InputError("design file", where, "a YAML mapping of parameters")
    base = preset or str(data.pop("preset", DEFAULT_PRESET))
    data.pop("preset", None)
    design = design_from_values(data, preset=base, where=where, overrides=overrides)
    return design.replace(label=f"{where} (preset {base})")
