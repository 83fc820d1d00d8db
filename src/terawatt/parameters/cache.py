"""A cache on disk of what the shipped data files parse into, for a fast start.

Parsing the shipped parameter table (YAML with line numbers, every unit through pint)
takes about half a second, more than the rest of ``terawatt satellite``. The parsed table
is therefore kept as a JSON document in the user's cache folder, under a key that hashes
everything the result depends on: the data files' bytes, the parsing code's files and
the terawatt version. Any change to one gives a new key, so a stale document is never
read; a missing, unreadable or corrupt one is parsed afresh.

The cache is an accelerator only. Where no folder can be written (a read-only home, a
locked-down installation) every process parses the files itself, as without a cache.
The folder is ``$TERAWATT_CACHE_DIR`` if set (set it empty to turn the cache off), else
``$XDG_CACHE_HOME/terawatt``, else ``~/.cache/terawatt``. A document is written to a
temporary file in that folder and renamed over the old one (atomic on POSIX and
Windows), so a reader never sees half a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from terawatt import __version__

__all__ = ["CACHE_ENV", "cache_folder", "cache_key", "read_cached", "write_cached"]

#: Environment variable naming the cache folder (empty: no cache).
CACHE_ENV = "TERAWATT_CACHE_DIR"

#: Bumped when the layout of a cached document changes.
_FORMAT = 1

#: Documents kept per name (the newest): two installations or checkouts used in turn each
#: keep theirs instead of replacing the other's every run.
_KEEP = 4


def cache_folder() -> Path | None:
    """The folder cached documents live in, or None where the cache is turned off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    try:
        base = Path(xdg) if xdg else Path.home() / ".cache"
    except RuntimeError:  # no home folder to be found
        return None
    return base / "terawatt"


def cache_key(parts: Iterable[tuple[str, bytes]]) -> str:
    """Hex digest naming a cached document: the version, the format and every named part.

    Parameters
    ----------
    parts : iterable of (str, bytes)
        Everything the document is computed from: each file's name and bytes (the data
        files and the code that parses them).
    """
    digest = hashlib.sha256(f"terawatt {__version__} cache format {_FORMAT}\n".encode())
    for name, raw in parts:
        digest.update(f"{name}\n{len(raw)}\n".encode())
        digest.update(raw)
    return digest.hexdigest()


def _path(folder: Path, name: str, key: str) -> Path:
    return folder / f"{name}-{key[:24]}.json"


def read_cached(name: str, key: str) -> Any | None:
    """The document cached under ``name`` for ``key``, or None (missing, stale, unreadable).

    The document's own ``key`` field must equal ``key`` (the file name holds a prefix).
    """
    folder = cache_folder()
    if folder is None:
        return None
    try:
        with _path(folder, name, key).open("rb") as fh:
            document = json.load(fh)
    except (OSError, ValueError):  # missing, unreadable, or not JSON (a torn disk, an edit)
        return None
    if not isinstance(document, dict) or document.get("key") != key:
        return None
    return document.get("data")


def write_cached(name: str, key: str, data: Any) -> bool:
    """Cache ``data`` (JSON-able) under ``name`` for ``key``; False where it cannot be written.

    Written to a temporary file and renamed into place; of the documents of ``name`` under
    other keys (other versions of the files) the :data:`_KEEP` newest stay. Never raises
    for a folder that cannot be written: the cache is then simply not used.
    """
    folder = cache_folder()
    if folder is None:
        return False
    target = _path(folder, name, key)
    temporary: Path | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=folder, prefix=f".{name}-", suffix=".tmp", delete=False
        ) as fh:
            temporary = Path(fh.name)
            json.dump({"key": key, "data": data}, fh)
        os.replace(temporary, target)
    except OSError:  # a read-only or full disk: no cache
        _remove(temporary)
        return False
    except BaseException:  # data that is not JSON: a bug, not the disk's fault
        _remove(temporary)
        raise
    _prune(folder, name)
    return True


def _prune(folder: Path, name: str) -> None:
    """Remove all but the :data:`_KEEP` newest documents of ``name``."""
    dated = []
    for path in folder.glob(f"{name}-*.json"):
        with contextlib.suppress(OSError):  # removed meanwhile by another process
            dated.append((path.stat().st_mtime_ns, path))
    for _, path in sorted(dated, reverse=True)[_KEEP:]:
        _remove(path)


def _remove(path: Path | None) -> None:
    """Remove a file if it is there (another process may have removed it first)."""
    if path is not None:
        with contextlib.suppress(OSError):
            path.unlink()
