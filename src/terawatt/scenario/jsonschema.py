"""The JSON Schema of a scenario file, written from the parameter table.

Editors that read JSON Schema (VS Code's YAML extension, for one) check and complete a
scenario file with it; ``terawatt scenario-schema`` prints it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from terawatt.parameters.table import (
    DISTRIBUTIONS,
    Dist,
    Parameter,
    shipped_table,
)
from terawatt.scenario.schema import DEFAULT_SAMPLES, DEFAULT_SEED, DEFAULT_YEARS, value_entry

__all__ = ["json_schema"]


def _sites_schema() -> dict[str, Any]:
    """``sites:`` as :func:`terawatt.scenario.sites.parse_sites` reads it."""
    text_or_number: list[dict[str, Any]] = [{"type": "number"}, {"type": "string"}]
    shell = {
        "type": "object",
        "description": "an orbital shell: its share of the orbital mass plan",
        "properties": {
            "name": {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"},
            "altitude": {"anyOf": text_or_number, "description": "160 km to 2,000 km"},
            "ltan": {"anyOf": text_or_number, "description": "local time, 00:00 to 23:59"},
            "share": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
        },
        "required": ["name", "altitude", "ltan", "share"],
        "additionalProperties": False,
    }
    countries = {"type": "array", "items": {"type": "string"}, "minItems": 1}
    return {
        "type": "object",
        "description": "Where AI compute is built: countries, orbital shells, the Moon.",
        "properties": {
            "earth": {"anyOf": [{"type": "string"}, countries]},
            "orbit": {"type": "array", "items": shell, "minItems": 1},
            "moon": {"type": "boolean"},
        },
        "additionalProperties": False,
    }


def _number_bounds(param: Parameter) -> dict[str, float]:
    """JSON Schema limits of a bare number (in the display unit)."""
    lo, hi = param.bounds
    limits: dict[str, float] = {}
    if lo is not None:
        limits["exclusiveMinimum" if param.low_open else "minimum"] = param.to_display(lo)
    if hi is not None:
        limits["exclusiveMaximum" if param.high_open else "maximum"] = param.to_display(hi)
    return limits


def _default_entry(param: Parameter) -> dict[str, Any]:
    """The default as a scenario-file entry (what a user would write)."""
    entry = value_entry(param, param.default)
    entry["source"] = param.source
    return entry


def _entry_schema(param: Parameter) -> dict[str, Any]:
    source = {"$ref": "#/$defs/source"}
    if param.kind == "text":
        value: dict[str, Any] = (
            {"enum": list(param.choices)} if param.choices else {"type": "string"}
        )
    elif param.kind == "integer":
        value = {"type": "integer", **_number_bounds(param)}
    else:
        value = {
            "anyOf": [
                {"type": "number", **_number_bounds(param)},
                {"$ref": "#/$defs/quantity"},
            ]
        }
    alternatives: list[dict[str, Any]] = [
        {
            "type": "object",
            "properties": {"value": value, "source": source},
            "required": ["value", "source"],
            "additionalProperties": False,
        }
    ]
    if param.kind == "quantity":
        alternatives += [{"$ref": f"#/$defs/{name}"} for name in DISTRIBUTIONS]
    if param.kind == "text":  # a structural choice: options with weights
        option = {"enum": list(param.choices)} if param.choices else {"type": "string"}
        alternatives.append(
            {
                "type": "object",
                "description": "a structural choice drawn per sample: option -> weight",
                "properties": {
                    "dist": {"const": "choice"},
                    "weights": {
                        "type": "object",
                        "propertyNames": option,
                        "additionalProperties": {"type": "number", "exclusiveMinimum": 0},
                        "minProperties": 1,
                    },
                    "source": source,
                },
                "required": ["dist", "weights", "source"],
                "additionalProperties": False,
            }
        )
    unit = f" [{param.display_unit}]" if param.display_unit else ""
    interval = param.interval()
    limits = f" Bounds: {interval}." if interval else ""
    default_text = param.display(param.default)
    return {
        "description": (
            f"{param.description}{unit}.{limits} Default: {default_text} ({param.source})."
        ),
        "default": _default_entry(param),
        "x-unit": param.unit,
        "x-display-unit": param.display_unit,
        "x-kind": param.kind,
        "oneOf": alternatives,
    }


def _distribution_schema(name: str, cls: type[Dist]) -> dict[str, Any]:
    properties: dict[str, Any] = {"dist": {"const": name}}
    required = ["dist"]
    for field_name, info in cls.model_fields.items():
        if field_name == "dist":
            continue
        key = info.alias or field_name
        schema: dict[str, Any] = (
            {"$ref": "#/$defs/quantity_or_number"} if key in cls.unit_fields else {"type": "number"}
        )
        if not info.is_required() and info.default is None:
            schema = {"anyOf": [schema, {"type": "null"}]}
        properties[key] = schema
        if info.is_required():
            required.append(key)
    properties["source"] = {"$ref": "#/$defs/source"}
    required.append("source")
    doc = (cls.__doc__ or name).strip().splitlines()[0]
    return {
        "description": doc,
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def json_schema(table: Mapping[str, Parameter] | None = None) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of a scenario file, generated from the parameter table.

    Parameters
    ----------
    table : Mapping[str, Parameter], optional
        The parameter table (default: the shipped one).

    Returns
    -------
    dict
        A schema editors can use to complete and check scenario files: every parameter
        with its description, units (``x-unit``, ``x-display-unit``), bounds and default.
        Units inside text, distribution constraints (``low < high``) and the support of a
        distribution are checked by :func:`load_scenario` only.
    """
    table = shipped_table() if table is None else table
    defs: dict[str, Any] = {
        "source": {
            "type": "string",
            "minLength": 1,
            "description": "Where the value comes from ('estimate: ...' for an estimate).",
        },
        "quantity": {
            "type": "string",
            "minLength": 1,
            "description": "A number with a unit pint understands, e.g. '15 %', '2720 USD/kg'.",
        },
        "quantity_or_number": {
            "anyOf": [{"type": "number"}, {"$ref": "#/$defs/quantity"}],
            "description": "A quantity with units, or a bare number in the display unit.",
        },
    }
    defs.update({name: _distribution_schema(name, cls) for name, cls in DISTRIBUTIONS.items()})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "terawatt scenario",
        "description": "Overrides of the parameter table's defaults, each with a source.",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "name": {"type": "string", "minLength": 1},
            "description": {"type": "string"},
            "extends": {
                "type": "string",
                "minLength": 1,
                "description": "A scenario file this one builds on, relative to this file.",
            },
            "seed": {"type": "integer", "minimum": 0, "default": DEFAULT_SEED},
            "samples": {"type": "integer", "minimum": 1, "default": DEFAULT_SAMPLES},
            "years": {
                "anyOf": [
                    {"type": "string", "pattern": r"^\s*\d{1,6}\s*:\s*\d{1,6}\s*$"},
                    {"type": "integer", "minimum": 0},
                ],
                "default": f"{DEFAULT_YEARS[0]}:{DEFAULT_YEARS[1]}",
                "description": "First and last year, START:END.",
            },
            "sites": _sites_schema(),
            "parameters": {
                "type": "object",
                "additionalProperties": False,
                "properties": {name: _entry_schema(param) for name, param in table.items()},
            },
        },
        "$defs": defs,
    }
