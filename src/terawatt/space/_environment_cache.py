"""The orbit-averaged particle environment kept on disk between processes.

Averaging the AE-8/AP-8 maps along an orbit (:func:`terawatt.space.radiation.
orbit_environment`) takes about a second per orbit, paid again by every new process: each
``terawatt run`` with an orbital site, each Dask worker. Its result is a few arrays of
floats that depend only on the orbit, the propagation's span and step, the cutoff
coefficient, the maps and the code that computes them. They are kept in the project's
cache folder (:mod:`terawatt.parameters.cache`, ``$TERAWATT_CACHE_DIR``) as JSON, whose
floats read back to the identical doubles, under a name per orbit and a key that hashes
the code, the maps' files and the ``radbelt`` version (:data:`SOURCES`,
:func:`sources_key`): a change to either
computes the environment again. A document that is missing, unreadable or of another
shape is computed again too; where the folder cannot be written every process computes
its own, as without a cache.
"""

from __future__ import annotations

import functools
import importlib.metadata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np

from terawatt.parameters.cache import cache_key, read_cached, write_cached

__all__ = ["SOURCES", "cached_environment", "sources_key"]

_SPACE = Path(__file__).resolve().parent
_PACKAGE = _SPACE.parent
#: The code the environment is computed by: the sampling of the orbit (propagation, time,
#: geodesy), the maps' reader and field, the cutoff.
SOURCES: tuple[Path, ...] = (
    _SPACE / "radiation.py",
    _SPACE / "radbelt.py",
    _SPACE / "_environment_cache.py",
    _PACKAGE / "physics" / "radiation.py",
    _PACKAGE / "physics" / "time.py",
    _PACKAGE / "physics" / "orbit.py",
    _PACKAGE / "physics" / "constants.py",
    *sorted((_SPACE / "constellation").glob("*.py")),
)


@functools.cache
def sources_key(maps: tuple[Path, ...]) -> str:
    """The key of every environment document: the code, the maps, ``radbelt``'s version.

    The code is :data:`SOURCES`; ``radbelt``'s compiled IGRF gives the field.
    """
    try:
        version = importlib.metadata.version("radbelt")
    except importlib.metadata.PackageNotFoundError:
        version = ""
    parts: list[tuple[str, bytes]] = [("radbelt", version.encode())]
    for path in (*SOURCES, *maps):
        try:
            parts.append((path.name, path.read_bytes()))
        except OSError:  # an installation without a source file: key on its absence
            parts.append((path.name, b""))
    return cache_key(parts)


def _document_name(args: Iterable[float]) -> str:
    """A file-name-safe name per orbit: its arguments, shortest-exact."""
    return "radiation-env-" + "_".join(repr(float(a)) for a in args)


def cached_environment(
    args: tuple[float, ...],
    maps: tuple[Path, ...],
    compute: Callable[[], dict[str, Any]],
) -> dict[str, Any]:
    """The environment's fields for ``args``: from the cache, else ``compute()`` (then kept).

    Parameters
    ----------
    args : tuple of float
        Everything the environment depends on besides the code and maps: altitude,
        inclination, cutoff coefficient, days, step.
    maps : tuple of Path
        The AE-8/AP-8 files the environment is averaged from.
    compute : callable
        Returns the fields: floats and 1-d float arrays, by name.

    Returns
    -------
    dict
        The fields as ``compute`` returns them; arrays as float64.
    """
    name, key = _document_name(args), sources_key(maps)
    document = read_cached(name, key)
    fields = _read(document) if isinstance(document, dict) else None
    if fields is None:
        fields = compute()
        write_cached(name, key, _written(fields))
    return fields


def _written(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields as JSON: arrays as lists of floats (Python's repr: exact round trip)."""
    out: dict[str, Any] = {}
    for k, v in fields.items():
        out[k] = {"array": np.asarray(v, dtype=np.float64).tolist()} if np.ndim(v) else float(v)
    return out


def _read(document: dict[str, Any]) -> dict[str, Any] | None:
    """The fields of a document, or None where it is not of the written shape."""
    out: dict[str, Any] = {}
    for k, v in document.items():
        if isinstance(v, dict) and isinstance(v.get("array"), list):
            array = np.asarray(v["array"], dtype=np.float64)
            if array.ndim != 1:
                return None
            out[k] = array
        elif isinstance(v, float | int) and not isinstance(v, bool):
            out[k] = float(v)
        else:
            return None
    return out
