r"""Compiled (numba) quantile functions for the draws of large sample blocks.

A scenario draws every parameter for every sample of a chunk; the triangular
distribution's quantile function in NumPy makes ~10 passes over the block (both branches
are computed, then one is picked). :func:`triangular_ppf` makes one pass, with the same
IEEE operations in the same order as
:meth:`terawatt.parameters.distributions.Triangular._ppf` on the branch that applies (no
``fastmath``; the square root is correctly rounded in both), so the draws are bit for bit
the same (tested in ``tests/scenario/test_engine_speed.py`` and
``tests/parameters/test_distributions_kernels.py``). :func:`triangular_draws` also clips
the uniform draws into (0, 1) first, as :func:`~terawatt.parameters.distributions.open_unit`
does, so a block's draws take one pass from ``Generator.random``'s output.

Both branches' operands are formed and one square root is taken of the chosen one: no
branch on the random ``u`` (half of them would be mispredicted), so the loop runs as SIMD
instructions; the chosen branch's arithmetic is unchanged.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from llvmlite import ir  # type: ignore[import-untyped]  # numba's own dependency
from numba import njit, types
from numba.extending import intrinsic

__all__ = ["pcg64_random", "pcg64_triangular", "triangular_draws", "triangular_ppf"]


@njit(cache=True, nogil=True, inline="always")
def _quantile(
    v: float, a: float, b: float, width: float, rise: float, fall: float, at_mode: float
) -> float:
    """One triangular quantile: ``a + sqrt(v w r)`` below the mode, ``b - sqrt((1 - v) w f)``.

    Both operands are formed and the chosen one's root taken (selects, no jumps: SIMD).
    """
    lower = v * width * rise
    upper = (1.0 - v) * width * fall
    below = v < at_mode
    root = np.sqrt(lower if below else upper)  # correctly rounded; math.sqrt's not SIMD
    return float(a + root if below else b - root)


@njit(cache=True, nogil=True)
def triangular_ppf(u: Any, a: float, c: float, b: float, out: Any) -> None:
    r"""Triangular quantiles of the 1-D ``u`` into ``out``, with low ``a``, mode ``c``, high ``b``.

    .. math::

        F^{-1}(u) = \begin{cases} a + \sqrt{u (b - a)(c - a)} & u < (c - a)/(b - a) \\
                    b - \sqrt{(1 - u)(b - a)(b - c)} & \text{otherwise} \end{cases}
    """
    width = b - a
    rise = c - a
    fall = b - c
    at_mode = rise / width
    for i in range(u.size):
        out[i] = _quantile(u[i], a, b, width, rise, fall, at_mode)


@njit(cache=True, nogil=True)
def triangular_draws(
    u: Any, u_min: float, u_max: float, a: float, c: float, b: float, out: Any
) -> None:
    """:func:`triangular_ppf` of ``u`` clipped into ``[u_min, u_max]``, into ``out``.

    The clip is ``numpy.clip``'s (a NaN stays NaN), then the same quantile. ``out`` may be
    ``u``, but a separate array is ~2x faster (the compiler's overlap check then takes
    the SIMD loop).
    """
    width = b - a
    rise = c - a
    fall = b - c
    at_mode = rise / width
    for i in range(u.size):
        out[i] = _quantile(_clip(u[i], u_min, u_max), a, b, width, rise, fall, at_mode)


@njit(cache=True, nogil=True, inline="always")
def _clip(v: float, u_min: float, u_max: float) -> float:
    """``numpy.clip``: ``max(v, u_min)``, then ``min(., u_max)``, a NaN kept (unlike max/min)."""
    if v < u_min:  # noqa: PLR1730
        v = u_min
    if v > u_max:  # noqa: PLR1730
        v = u_max
    return v


# ----------------------------------------------------------------------------- PCG64 draws
# NumPy's PCG64 (XSL-RR 128/64, O'Neill 2014), as numpy/random/src/pcg64: a 128-bit LCG
# state, stepped before each output, ``Generator.random`` taking the top 53 bits. Held
# here as (high, low) uint64 halves; the 64 x 64 -> 128-bit product is LLVM's.

_MULT_HI = np.uint64(0x2360ED051FC65DA4)  # PCG_DEFAULT_MULTIPLIER_128
_MULT_LO = np.uint64(0x4385DF649FCCF645)
_ONE = np.uint64(1)
_ZERO = np.uint64(0)


@intrinsic
def _mulhi(typingctx: Any, a: Any, b: Any) -> Any:
    """The high 64 bits of the 128-bit product of two uint64."""
    sig = types.uint64(types.uint64, types.uint64)

    def codegen(context: Any, builder: Any, signature: Any, args: Any) -> Any:
        wide = ir.IntType(128)
        product = builder.mul(builder.zext(args[0], wide), builder.zext(args[1], wide))
        return builder.trunc(builder.lshr(product, ir.Constant(wide, 64)), ir.IntType(64))

    return sig, codegen


@njit(cache=True, nogil=True, inline="always")
def _mul(ah: Any, al: Any, bh: Any, bl: Any) -> tuple[Any, Any]:
    """``a b mod 2**128`` of (high, low) halves."""
    return _mulhi(al, bl) + al * bh + ah * bl, al * bl  # type: ignore[call-arg]  # intrinsic


@njit(cache=True, nogil=True, inline="always")
def _add(ah: Any, al: Any, bh: Any, bl: Any) -> tuple[Any, Any]:
    """``a + b mod 2**128`` of (high, low) halves."""
    lo = al + bl
    return ah + bh + (_ONE if lo < al else _ZERO), lo


@njit(cache=True, nogil=True, inline="always")
def _unit(hi: Any, lo: Any) -> float:
    """``Generator.random``'s double from a PCG64 state: XSL-RR output, its top 53 bits."""
    x = hi ^ lo
    rot = hi >> np.uint64(58)
    word = (x >> rot) | (x << ((np.uint64(64) - rot) & np.uint64(63)))
    return float(word >> np.uint64(11)) * (1.0 / 9007199254740992.0)


@njit(cache=True, nogil=True)
def _jump(steps: Any, inc_hi: Any, inc_lo: Any) -> tuple[Any, Any, Any, Any]:
    """The LCG's ``steps``-step map ``s -> m s + p``, as (m high, m low, p high, p low).

    Brown's jump-ahead, as ``PCG64.advance`` (``pcg_advance_lcg_128``).
    """
    acc_mh, acc_ml, acc_ph, acc_pl = _ZERO, _ONE, _ZERO, _ZERO
    cur_mh, cur_ml, cur_ph, cur_pl = _MULT_HI, _MULT_LO, inc_hi, inc_lo
    delta = steps
    while delta > _ZERO:
        if delta & _ONE:
            acc_mh, acc_ml = _mul(acc_mh, acc_ml, cur_mh, cur_ml)
            acc_ph, acc_pl = _mul(acc_ph, acc_pl, cur_mh, cur_ml)
            acc_ph, acc_pl = _add(acc_ph, acc_pl, cur_ph, cur_pl)
        plus_h, plus_l = _add(cur_mh, cur_ml, _ZERO, _ONE)
        cur_ph, cur_pl = _mul(plus_h, plus_l, cur_ph, cur_pl)
        cur_mh, cur_ml = _mul(cur_mh, cur_ml, cur_mh, cur_ml)
        delta = delta >> _ONE
    return acc_mh, acc_ml, acc_ph, acc_pl


@njit(cache=True, nogil=True, inline="always")
def _step(sh: Any, sl: Any, mh: Any, ml: Any, ph: Any, pl: Any) -> tuple[Any, Any]:
    """``m s + p mod 2**128``."""
    xh, xl = _mul(sh, sl, mh, ml)
    return _add(xh, xl, ph, pl)


@njit(cache=True, nogil=True)
def pcg64_random(words: Any, start: Any, out: Any) -> None:
    """``Generator.random`` draws ``start`` to ``start + out.size - 1`` of a PCG64 stream.

    Parameters
    ----------
    words : numpy.ndarray
        The seeded generator's state and increment as uint64 (state high, state low, inc
        high, inc low): ``PCG64(seed_sequence).state["state"]`` before any draw.
    start : numpy.uint64
        Draws to skip (``PCG64.advance(start)``).
    out : numpy.ndarray
        float64, filled with the draws.

    Notes
    -----
    Four interleaved lanes (draws ``i``, ``i + 4``, ... each stepped by the LCG's 4-step
    map) so that the serial 128-bit products overlap (~3x NumPy's speed); every draw is
    still the stream's ``i``-th word, turned into a double as NumPy does.
    """
    inc_h, inc_l = words[2], words[3]
    mh, ml, ph, pl = _jump(start, inc_h, inc_l)
    s0h, s0l = _step(words[0], words[1], mh, ml, ph, pl)  # at draw ``start``, not stepped
    # the next four states (each output follows a step)
    s1h, s1l = _step(s0h, s0l, _MULT_HI, _MULT_LO, inc_h, inc_l)
    s2h, s2l = _step(s1h, s1l, _MULT_HI, _MULT_LO, inc_h, inc_l)
    s3h, s3l = _step(s2h, s2l, _MULT_HI, _MULT_LO, inc_h, inc_l)
    s4h, s4l = _step(s3h, s3l, _MULT_HI, _MULT_LO, inc_h, inc_l)
    fh, fl, gh, gl = _jump(np.uint64(4), inc_h, inc_l)
    n = out.size
    whole = n - n % 4
    for i in range(0, whole, 4):
        out[i] = _unit(s1h, s1l)
        out[i + 1] = _unit(s2h, s2l)
        out[i + 2] = _unit(s3h, s3l)
        out[i + 3] = _unit(s4h, s4l)
        s1h, s1l = _step(s1h, s1l, fh, fl, gh, gl)
        s2h, s2l = _step(s2h, s2l, fh, fl, gh, gl)
        s3h, s3l = _step(s3h, s3l, fh, fl, gh, gl)
        s4h, s4l = _step(s4h, s4l, fh, fl, gh, gl)
    lanes = ((s1h, s1l), (s2h, s2l), (s3h, s3l))
    for j in range(n - whole):
        hi, lo = lanes[j]
        out[whole + j] = _unit(hi, lo)


@njit(cache=True, nogil=True)
def pcg64_triangular(
    words: Any, start: Any, u_min: float, u_max: float, a: float, c: float, b: float, out: Any
) -> None:
    """:func:`triangular_draws` of :func:`pcg64_random`'s draws, into ``out``.

    The draws first (written to ``out``), then their quantiles in place: one pass each,
    the second in SIMD (in place, the compiler sees no overlap to guard against).
    """
    pcg64_random(words, start, out)
    width = b - a
    rise = c - a
    fall = b - c
    at_mode = rise / width
    for i in range(out.size):
        out[i] = _quantile(_clip(out[i], u_min, u_max), a, b, width, rise, fall, at_mode)
