"""Random streams of the parameters, one per name: reproducible by seed, name and index.

:func:`parameter_generator` is the scheme :mod:`terawatt.parameters.distributions`
draws by (its ``sample_block``, ``sample_table``) and the structural choices too
(:mod:`terawatt.parameters.choice`): each parameter's stream depends on the scenario seed
and the parameter's name only, and is positioned at any sample index in O(log index).
"""

from __future__ import annotations

import hashlib
import operator
from functools import lru_cache
from typing import Any

import numpy as np

from terawatt.errors import InputError

__all__ = ["check_seed", "parameter_generator", "stream_at", "whole_count"]


def whole_count(field: str, n: Any) -> int:
    """Return ``n`` as an int >= 0, raising InputError for anything else."""
    if isinstance(n, bool):
        raise InputError(field, n, "a whole number >= 0")
    try:
        count = operator.index(n)
    except TypeError as exc:
        raise InputError(field, n, "a whole number >= 0") from exc
    if count < 0:
        raise InputError(field, n, "a whole number >= 0")
    return count


def check_seed(seed: Any) -> int:
    """Return ``seed`` as an int >= 0 (what ``numpy.random.SeedSequence`` takes)."""
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise InputError("seed", seed, "a whole number >= 0")
    return int(seed)


def _name_key(name: str) -> tuple[int, ...]:
    """Spawn key of a parameter: its UTF-8 BLAKE2b-128 digest as four little-endian uint32."""
    digest = hashlib.blake2b(name.encode("utf-8"), digest_size=16).digest()
    return tuple(int.from_bytes(digest[i : i + 4], "little") for i in range(0, 16, 4))


def parameter_generator(seed: int, name: str, start: int = 0) -> np.random.Generator:
    """The random stream of one parameter, positioned at sample ``start``.

    Parameters
    ----------
    seed : int
        Scenario seed (>= 0).
    name : str
        Parameter name; the stream depends on it and on ``seed`` only.
    start : int, optional
        Index of the first sample to draw (>= 0).

    Returns
    -------
    numpy.random.Generator
        A PCG64 generator seeded with ``SeedSequence(seed, spawn_key=key(name))`` and
        advanced by ``start`` steps.

    Notes
    -----
    ``key(name)`` is the 16-byte BLAKE2b digest of the UTF-8 name read as four
    little-endian uint32 words, so the stream does not depend on which other
    parameters exist or their order. Each draw consumes one 64-bit word of the PCG64
    stream (``Generator.random``), so ``PCG64.advance(start)`` — O(log start) — puts the
    generator where draw ``start`` begins (O'Neill 2014).
    """
    if not isinstance(name, str):
        raise InputError("parameter name", name, "text")
    bit_generator = np.random.PCG64(
        np.random.SeedSequence(check_seed(seed), spawn_key=_name_key(name))
    )
    bit_generator.advance(whole_count("start", start))
    return np.random.Generator(bit_generator)


@lru_cache(maxsize=4096)
def _seed_sequence(seed: int, name: str) -> np.random.SeedSequence:
    """:func:`parameter_generator`'s seed sequence, hashed once per seed and name.

    Hashing costs ~10 us, paid by every parameter of every chunk without the cache. The
    sequence is only read (``PCG64`` takes its state from ``generate_state``, which changes
    nothing) and never leaves this module.
    """
    return np.random.SeedSequence(seed, spawn_key=_name_key(name))


def stream_at(seed: int, name: str, start: int) -> np.random.Generator:
    """:func:`parameter_generator` ``(seed, name, start)`` for checked arguments.

    The same stream (the same seed sequence, advanced as far), its seed sequence made once
    per seed and name: what :func:`terawatt.parameters.distributions.sample_block` draws
    every chunk's parameters from.
    """
    bit_generator = np.random.PCG64(_seed_sequence(seed, name))
    bit_generator.advance(start)
    return np.random.Generator(bit_generator)
