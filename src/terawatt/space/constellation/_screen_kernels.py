r"""Compiled (numba) broad phase of the close-approach screening.

One uniform grid per *domain* — a run of classes (satellites sorted by class, see
:mod:`terawatt.space.constellation.conjunctions`) that no certified class pair straddles —
with cells as wide as the largest certified radius in the domain, so that every pair
within its radius lies in the same or a neighbouring cell. Cells are numbered linearly,
``key = (ix My + iy) Mz + iz``, and the satellites sorted by key (an LSD radix sort); a
neighbouring column of three cells along z is then one contiguous key range, and its
bounds only grow as the cells are visited in key order. Half the neighbourhood is
searched from each cell — its own column upwards and the four columns ahead of it — so
each pair of cells is visited once, and five moving pointers find every neighbour without
a search (Allen & Tildesley, *Computer Simulation of Liquids*, 1987, ch. 5: cell lists).
Each pair found is tested, in the same pass, with its class pair's certified
radius (the ball test of the k-d tree broad phase it replaces) and then with the exact
chord filter (the relative chord :math:`\Delta m + \tau \Delta c`, :math:`\tau \in [-1, 1]`,
within :math:`d` plus the chord-to-Hermite margin). Only pairs passing both are emitted.

Both tests carry a relative slack of 1e-9, so the pairs emitted are a superset of those
the NumPy formulation of the same tests keeps (rounding differences cannot drop a pair);
the refinement decides the events.
"""

from __future__ import annotations

import numpy as np
from numba import njit
from numpy.typing import NDArray

from terawatt.typing import FloatArray

#: Relative slack of the compiled tests (rounding can only add candidates).
_SLACK = 1e-9


@njit(cache=True, nogil=True)
def _grow(out: NDArray[np.int64], count: int) -> NDArray[np.int64]:
    bigger = np.empty((2 * out.shape[0], 2), dtype=np.int64)
    bigger[:count] = out[:count]
    return bigger


@njit(cache=True, nogil=True)
def _chord_ok(table: FloatArray, a: int, b: int, d: float, dt: float) -> bool:
    """Exact chord filter of one pair (rows ``a``, ``b`` of the (N, 12) table)."""
    dm0 = table[a, 0] - table[b, 0]
    dm1 = table[a, 1] - table[b, 1]
    dm2 = table[a, 2] - table[b, 2]
    dc0 = table[a, 3] - table[b, 3]
    dc1 = table[a, 4] - table[b, 4]
    dc2 = table[a, 5] - table[b, 5]
    cc = dc0 * dc0 + dc1 * dc1 + dc2 * dc2
    tau = 0.0
    if cc > 0.0:
        tau = -(dm0 * dc0 + dm1 * dc1 + dm2 * dc2) / cc
        tau = min(max(tau, -1.0), 1.0)
    x0 = dm0 + tau * dc0
    x1 = dm1 + tau * dc1
    x2 = dm2 + tau * dc2
    lin = np.sqrt(x0 * x0 + x1 * x1 + x2 * x2)
    e00 = dt * (table[a, 6] - table[b, 6]) - 2.0 * dc0
    e01 = dt * (table[a, 7] - table[b, 7]) - 2.0 * dc1
    e02 = dt * (table[a, 8] - table[b, 8]) - 2.0 * dc2
    e10 = dt * (table[a, 9] - table[b, 9]) - 2.0 * dc0
    e11 = dt * (table[a, 10] - table[b, 10]) - 2.0 * dc1
    e12 = dt * (table[a, 11] - table[b, 11]) - 2.0 * dc2
    margin = (4.0 / 27.0) * (
        np.sqrt(e00 * e00 + e01 * e01 + e02 * e02) + np.sqrt(e10 * e10 + e11 * e11 + e12 * e12)
    )
    return bool(lin <= (d + margin) * (1.0 + _SLACK))


@njit(cache=True, nogil=True)
def _radix_argsort(key: NDArray[np.int64]) -> NDArray[np.int64]:
    """Stable argsort of non-negative int64 keys (LSD radix, 11 bits a pass)."""
    n = key.size
    order = np.arange(n)
    if n == 0:
        return order
    top = key.max()
    tmp = np.empty(n, dtype=np.int64)
    count = np.empty(2049, dtype=np.int64)
    shift = 0
    while shift == 0 or (top >> shift) > 0:
        count[:] = 0
        for i in range(n):
            count[((key[order[i]] >> shift) & 2047) + 1] += 1
        for b in range(2048):
            count[b + 1] += count[b]
        for i in range(n):
            b = (key[order[i]] >> shift) & 2047
            tmp[count[b]] = order[i]
            count[b] += 1
        order, tmp = tmp, order
        shift += 11
    return order


@njit(cache=True, nogil=True)
def _search_reach1(  # noqa: PLR0912, PLR0915
    radius: FloatArray,
    sk: NDArray[np.int64],
    rows: NDArray[np.int64],
    sc: NDArray[np.int64],
    pm: FloatArray,
    my: int,
    mz: int,
    d: float,
    dt: float,
    out: NDArray[np.int64],
    count: int,
) -> tuple[NDArray[np.int64], int]:
    """:func:`grid_pairs`' search of one domain for ``reach`` = 1, pointers as scalars.

    The cell's own z-column upwards (cells c, c + 1), then the columns (0, +1), (1, -1),
    (1, 0) and (1, +1) ahead of it, each three cells along z: the same pairs as the
    general loop, visited in the same order. ``sk`` ends with a sentinel larger than any
    key, so the pointers need no bounds test. ``pm`` holds the domain's table rows (m, c,
    v0, v1) in cell order, ``rows`` their rows in the class order.
    """
    n = rows.size
    s1 = mz
    s2 = (my - 1) * mz
    s3 = my * mz
    s4 = (my + 1) * mz
    a1 = b1 = a2 = b2 = a3 = b3 = a4 = b4 = 0
    s = 0
    while s < n:
        c = sk[s]
        e = s + 1
        while sk[e] == c:
            e += 1
        f = e
        while sk[f] <= c + 1:
            f += 1
        t = c + s1 - 1
        while sk[a1] < t:
            a1 += 1
        b1 = max(b1, a1)
        while sk[b1] <= t + 2:
            b1 += 1
        t = c + s2 - 1
        while sk[a2] < t:
            a2 += 1
        b2 = max(b2, a2)
        while sk[b2] <= t + 2:
            b2 += 1
        t = c + s3 - 1
        while sk[a3] < t:
            a3 += 1
        b3 = max(b3, a3)
        while sk[b3] <= t + 2:
            b3 += 1
        t = c + s4 - 1
        while sk[a4] < t:
            a4 += 1
        b4 = max(b4, a4)
        while sk[b4] <= t + 2:
            b4 += 1
        for i in range(s, e):
            ci = sc[i]
            xi = pm[i, 0]
            yi = pm[i, 1]
            zi = pm[i, 2]
            for q in range(5):
                if q == 0:
                    j0, j1 = i + 1, f
                elif q == 1:
                    j0, j1 = a1, b1
                elif q == 2:
                    j0, j1 = a2, b2
                elif q == 3:
                    j0, j1 = a3, b3
                else:
                    j0, j1 = a4, b4
                for j in range(j0, j1):
                    r = radius[ci, sc[j]]
                    if r < 0.0:
                        continue
                    x = xi - pm[j, 0]
                    y = yi - pm[j, 1]
                    z = zi - pm[j, 2]
                    if x * x + y * y + z * z > r * r * (1.0 + _SLACK):
                        continue
                    # the chord filter on the cell-ordered rows (read near each other),
                    # the lower row first, as on the table sorted by class
                    if rows[i] < rows[j]:
                        if not _chord_ok(pm, i, j, d, dt):
                            continue
                        out_a, out_b = rows[i], rows[j]
                    else:
                        if not _chord_ok(pm, j, i, d, dt):
                            continue
                        out_a, out_b = rows[j], rows[i]
                    if count == out.shape[0]:
                        out = _grow(out, count)
                    out[count, 0] = out_a
                    out[count, 1] = out_b
                    count += 1
        s = e
    return out, count


@njit(cache=True, nogil=True)
def grid_pairs(  # noqa: PLR0912, PLR0915
    table: FloatArray,
    cls: NDArray[np.int64],
    radius: FloatArray,
    dom_lo: NDArray[np.int64],
    dom_hi: NDArray[np.int64],
    cell: FloatArray,
    d: float,
    dt: float,
    reach: int,
) -> NDArray[np.int64]:
    """Rows (a < b) of every pair within its class pair's radius that passes the chord filter.

    Parameters
    ----------
    table : FloatArray
        Per satellite m, c, v0, v1 (N, 12), sorted by class.
    cls : ndarray of int64
        Class of each row, (N,).
    radius : FloatArray
        Certified radius of each class pair [m], (n, n); negative where none can meet.
    dom_lo, dom_hi : ndarray of int64
        Rows of each domain (no class pair with a radius straddles two domains).
    cell : FloatArray
        Cell size of each domain [m], at least its largest radius / ``reach``.
    d, dt : float
        Threshold [m] and step [s].
    reach : int
        Neighbouring cells searched on each side along each axis.

    Returns
    -------
    ndarray of int64
        Row pairs (K, 2), first < second.
    """
    out = np.empty((1024, 2), dtype=np.int64)
    count = 0
    for dom in range(dom_lo.size):
        lo = dom_lo[dom]
        hi = dom_hi[dom]
        n = hi - lo
        if n < 2:
            continue
        h = cell[dom]
        ix = np.empty(n, dtype=np.int64)
        iy = np.empty(n, dtype=np.int64)
        iz = np.empty(n, dtype=np.int64)
        for k in range(n):
            ix[k] = np.int64(np.floor(table[lo + k, 0] / h))
            iy[k] = np.int64(np.floor(table[lo + k, 1] / h))
            iz[k] = np.int64(np.floor(table[lo + k, 2] / h))
        # offsets of ``reach`` empty cells on each side, so neighbour keys never wrap
        ix -= ix.min() - reach
        iy -= iy.min() - reach
        iz -= iz.min() - reach
        my = iy.max() + reach + 1
        mz = iz.max() + reach + 1
        key = (ix * my + iy) * mz + iz
        order = _radix_argsort(key)
        # the domain in cell order, contiguous: keys, rows, classes and midpoints
        sk = np.empty(n + 1, dtype=np.int64)
        sk[n] = np.iinfo(np.int64).max  # sentinel: every pointer stops at n
        rows = np.empty(n, dtype=np.int64)
        sc = np.empty(n, dtype=np.int64)
        pm = np.empty((n, 12))
        for k in range(n):
            o = order[k]
            sk[k] = key[o]
            rows[k] = o + lo
            sc[k] = cls[o + lo]
            for col in range(12):
                pm[k, col] = table[o + lo, col]
        if reach == 1:  # the default: five pointers held in registers
            out, count = _search_reach1(radius, sk, rows, sc, pm, my, mz, d, dt, out, count)
            continue
        # the cell's own z-column upwards, then the (2 reach + 1) reach + reach columns
        # ahead of it (half the neighbourhood: each pair of cells is visited once)
        cols = 1 + (2 * reach + 1) * reach + reach
        shift = np.zeros(cols, dtype=np.int64)
        q = 1
        for dx in range(reach + 1):
            for dy in range(-reach, reach + 1):
                if dx > 0 or dy > 0:
                    shift[q] = (dx * my + dy) * mz
                    q += 1
        p_lo = np.zeros(cols, dtype=np.int64)
        p_hi = np.zeros(cols, dtype=np.int64)
        s = 0
        while s < n:
            c = sk[s]
            e = s + 1
            while e < n and sk[e] == c:
                e += 1
            for q in range(cols):
                first = c + shift[q] - reach
                last = c + shift[q] + reach
                if q == 0:
                    first = c
                while p_lo[q] < n and sk[p_lo[q]] < first:
                    p_lo[q] += 1
                p_hi[q] = max(p_hi[q], p_lo[q])
                while p_hi[q] < n and sk[p_hi[q]] <= last:
                    p_hi[q] += 1
                for i in range(s, e):
                    ra = radius[sc[i]]
                    j0 = i + 1 if q == 0 else p_lo[q]
                    for j in range(j0, p_hi[q]):
                        r = ra[sc[j]]
                        if r < 0.0:
                            continue
                        x = pm[i, 0] - pm[j, 0]
                        y = pm[i, 1] - pm[j, 1]
                        z = pm[i, 2] - pm[j, 2]
                        if x * x + y * y + z * z > r * r * (1.0 + _SLACK):
                            continue
                        a = min(rows[i], rows[j])
                        b = max(rows[i], rows[j])
                        if not _chord_ok(table, a, b, d, dt):
                            continue
                        if count == out.shape[0]:
                            out = _grow(out, count)
                        out[count, 0] = a
                        out[count, 1] = b
                        count += 1
            s = e
    return out[:count].copy()


@njit(cache=True, nogil=True)
def grid_pairs_states(
    r0: FloatArray,
    v0: FloatArray,
    r1: FloatArray,
    v1: FloatArray,
    order: NDArray[np.int64],
    cls: NDArray[np.int64],
    radius: FloatArray,
    dom_lo: NDArray[np.int64],
    dom_hi: NDArray[np.int64],
    cell: FloatArray,
    d: float,
    dt: float,
) -> NDArray[np.int64]:
    """:func:`grid_pairs` for ``reach`` = 1, its rows made from the states on the way.

    Row ``k`` of the table sorted by class is satellite ``order[k]``: its chord midpoint,
    half-chord and velocities are computed here, with :func:`prepare`'s expressions (so
    the same values), for the cell keys and again for the rows in cell order, so no
    (N, 12) table is written and read back. Same pairs in the same order as
    :func:`grid_pairs` on :func:`prepare`'s table.
    """
    out = np.empty((1024, 2), dtype=np.int64)
    count = 0
    for dom in range(dom_lo.size):
        lo = dom_lo[dom]
        hi = dom_hi[dom]
        n = hi - lo
        if n < 2:
            continue
        h = cell[dom]
        ix = np.empty(n, dtype=np.int64)
        iy = np.empty(n, dtype=np.int64)
        iz = np.empty(n, dtype=np.int64)
        for k in range(n):
            o = order[lo + k]
            ix[k] = np.int64(np.floor(0.5 * (r0[o, 0] + r1[o, 0]) / h))
            iy[k] = np.int64(np.floor(0.5 * (r0[o, 1] + r1[o, 1]) / h))
            iz[k] = np.int64(np.floor(0.5 * (r0[o, 2] + r1[o, 2]) / h))
        ix -= ix.min() - 1
        iy -= iy.min() - 1
        iz -= iz.min() - 1
        my = iy.max() + 2
        mz = iz.max() + 2
        key = (ix * my + iy) * mz + iz
        corder = _radix_argsort(key)
        sk = np.empty(n + 1, dtype=np.int64)
        sk[n] = np.iinfo(np.int64).max
        rows = np.empty(n, dtype=np.int64)
        sc = np.empty(n, dtype=np.int64)
        pm = np.empty((n, 12))
        for k in range(n):
            c = corder[k]
            o = order[lo + c]
            sk[k] = key[c]
            rows[k] = c + lo
            sc[k] = cls[c + lo]
            for j in range(3):
                pm[k, j] = 0.5 * (r0[o, j] + r1[o, j])
                pm[k, 3 + j] = 0.5 * (r1[o, j] - r0[o, j])
                pm[k, 6 + j] = v0[o, j]
                pm[k, 9 + j] = v1[o, j]
        out, count = _search_reach1(radius, sk, rows, sc, pm, my, mz, d, dt, out, count)
    return out[:count].copy()


@njit(cache=True, nogil=True, inline="always")
def _decompose(
    m0: float, m1: float, m2: float, c0: float, c1: float, c2: float
) -> tuple[float, float, float, float, float, float, float, float]:
    """One chord's decomposition, as ``conjunction_broad.decompose`` defines it.

    From the chord's midpoint ``m`` and half-chord ``c``: ``|m|``, the half-chord's parts
    across (``p``) and along (``q``) the radial direction, the unit normal ``ĝ`` of the
    plane they span, and the lowest and highest distance from the Earth's centre along the
    chord. The one copy of these lines, for :func:`prepare` and :func:`class_ranges`.
    """
    rm = np.sqrt(m0 * m0 + m1 * m1 + m2 * m2)
    s0 = m0 / rm
    s1 = m1 / rm
    s2 = m2 / rm
    q = c0 * s0 + c1 * s1 + c2 * s2
    x0 = c0 - q * s0
    x1 = c1 - q * s1
    x2 = c2 - q * s2
    p = np.sqrt(x0 * x0 + x1 * x1 + x2 * x2)
    g0 = s1 * x2 - s2 * x1
    g1 = s2 * x0 - s0 * x2
    g2 = s0 * x1 - s1 * x0
    norm = np.sqrt(g0 * g0 + g1 * g1 + g2 * g2)
    if norm <= 0.0:
        norm = 1.0
    cc = p * p + q * q
    tau = -rm * q / (cc if cc > 0.0 else 1.0)
    tau = min(max(tau, -1.0), 1.0)
    low = np.sqrt(max(rm * rm + 2.0 * tau * rm * q + tau * tau * cc, 0.0))
    high = np.sqrt(rm * rm + 2.0 * rm * abs(q) + cc)
    return rm, p, q, g0 / norm, g1 / norm, g2 / norm, low, high


@njit(cache=True, nogil=True)
def prepare(
    r0: FloatArray,
    v0: FloatArray,
    r1: FloatArray,
    v1: FloatArray,
    order: NDArray[np.int64],
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray]:
    """Per-satellite table and chord decomposition, rows in ``order`` (one pass).

    Returns the table (m, c, v0, v1), (N, 12), and ``|m|``, ``p``, ``q``, ``ĝ`` (N, 3) and
    the lowest and highest distance from the Earth's centre along the chord, as
    ``conjunction_broad.decompose`` defines them.
    """
    n = order.size
    table = np.empty((n, 12))
    r_mid = np.empty(n)
    p_out = np.empty(n)
    q_out = np.empty(n)
    g = np.empty((n, 3))
    low = np.empty(n)
    high = np.empty(n)
    for k in range(n):
        o = order[k]
        m0 = 0.5 * (r0[o, 0] + r1[o, 0])
        m1 = 0.5 * (r0[o, 1] + r1[o, 1])
        m2 = 0.5 * (r0[o, 2] + r1[o, 2])
        c0 = 0.5 * (r1[o, 0] - r0[o, 0])
        c1 = 0.5 * (r1[o, 1] - r0[o, 1])
        c2 = 0.5 * (r1[o, 2] - r0[o, 2])
        table[k, 0] = m0
        table[k, 1] = m1
        table[k, 2] = m2
        table[k, 3] = c0
        table[k, 4] = c1
        table[k, 5] = c2
        for j in range(3):
            table[k, 6 + j] = v0[o, j]
            table[k, 9 + j] = v1[o, j]
        rm, p, q, g[k, 0], g[k, 1], g[k, 2], low[k], high[k] = _decompose(m0, m1, m2, c0, c1, c2)
        r_mid[k] = rm
        p_out[k] = p
        q_out[k] = q
    return table, r_mid, p_out, q_out, g, low, high


@njit(cache=True, nogil=True)
def class_ranges(
    r0: FloatArray,
    r1: FloatArray,
    order: NDArray[np.int64],
    starts: NDArray[np.int64],
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """:func:`prepare`'s decomposition for rows sorted by class, reduced per class.

    The same formulas in the same order as :func:`prepare` (so the same values, bit for
    bit), but instead of the per-satellite table, ``|m|``, ``p``, ``q``, ``ĝ``, lowest and
    highest distance (arrays of N that were written, then read back by one ``reduceat``
    each) it returns only what the class radii need: per class (``starts``: first row of
    each class, ascending) the minimum and maximum of ``ĝ``, ``p`` and ``q``, the minimum
    of the lowest and the maximum of the highest distance from the Earth's centre. Minima
    and maxima are exact, so these equal the ``reduceat`` of :func:`prepare`'s arrays.

    Returns
    -------
    tuple
        ``g_lo``, ``g_hi`` (n, 3); ``p_lo``, ``p_hi``, ``q_lo``, ``q_hi`` packed as (n, 4);
        ``low_lo`` and ``high_hi`` packed as (n, 2); n classes.
    """
    n = order.size
    k_classes = starts.size
    g_lo = np.empty((k_classes, 3))
    g_hi = np.empty((k_classes, 3))
    pq = np.empty((k_classes, 4))
    lh = np.empty((k_classes, 2))
    for cl in range(k_classes):
        first = starts[cl]
        last = starts[cl + 1] if cl + 1 < k_classes else n
        for k in range(first, last):
            o = order[k]
            m0 = 0.5 * (r0[o, 0] + r1[o, 0])
            m1 = 0.5 * (r0[o, 1] + r1[o, 1])
            m2 = 0.5 * (r0[o, 2] + r1[o, 2])
            c0 = 0.5 * (r1[o, 0] - r0[o, 0])
            c1 = 0.5 * (r1[o, 1] - r0[o, 1])
            c2 = 0.5 * (r1[o, 2] - r0[o, 2])
            _, p, q, g0, g1, g2, low, high = _decompose(m0, m1, m2, c0, c1, c2)
            if k == first:
                g_lo[cl, 0] = g_hi[cl, 0] = g0
                g_lo[cl, 1] = g_hi[cl, 1] = g1
                g_lo[cl, 2] = g_hi[cl, 2] = g2
                pq[cl, 0] = pq[cl, 1] = p
                pq[cl, 2] = pq[cl, 3] = q
                lh[cl, 0] = low
                lh[cl, 1] = high
            else:
                g_lo[cl, 0] = min(g_lo[cl, 0], g0)
                g_hi[cl, 0] = max(g_hi[cl, 0], g0)
                g_lo[cl, 1] = min(g_lo[cl, 1], g1)
                g_hi[cl, 1] = max(g_hi[cl, 1], g1)
                g_lo[cl, 2] = min(g_lo[cl, 2], g2)
                g_hi[cl, 2] = max(g_hi[cl, 2], g2)
                pq[cl, 0] = min(pq[cl, 0], p)
                pq[cl, 1] = max(pq[cl, 1], p)
                pq[cl, 2] = min(pq[cl, 2], q)
                pq[cl, 3] = max(pq[cl, 3], q)
                lh[cl, 0] = min(lh[cl, 0], low)
                lh[cl, 1] = max(lh[cl, 1], high)
    return g_lo, g_hi, pq, lh


@njit(cache=True, nogil=True)
def _cos_sin_small(x: float) -> tuple[float, float]:
    """Cosine and sine of a small angle (Taylor series to x^7 below 0.05 rad)."""
    if abs(x) > 0.05:
        return np.cos(x), np.sin(x)
    x2 = x * x
    cos = 1.0 - x2 * (0.5 - x2 * (1.0 / 24.0 - x2 / 720.0))
    sin = x * (1.0 - x2 * (1.0 / 6.0 - x2 * (1.0 / 120.0 - x2 / 5040.0)))
    return cos, sin


@njit(cache=True, nogil=True, fastmath=True)
def element_states(  # noqa: PLR0915
    t: float,
    turns0: FloatArray,
    turn_rates: FloatArray,
    coef: FloatArray,
    j2: float,
    r_unit: float,
    v_unit: float,
    tol: float,
    max_iterations: int,
) -> tuple[FloatArray, FloatArray]:
    """ECI positions [m] and velocities [m/s] (N, 3) of the analytic model at ``t`` [s].

    The per-satellite loop of :class:`terawatt.space.constellation.propagate.StepPropagator`
    (same formulas and order of operations; Kepler's equation stops per satellite once its
    Newton step is below ``tol``, where the NumPy kernel stops per block).

    Parameters
    ----------
    t : float
        Time after the epoch [s].
    turns0, turn_rates : FloatArray
        Mean anomaly, argument of perigee and node at the epoch [turn] and their rates
        [turn/s], (N, 3) each.
    coef : FloatArray
        Per satellite (N, 11): am, e, temp, cos i, sin i, con41, x1mth2, n_c, aycof,
        xlcof, x7thm1 (see ``StepPropagator``).
    j2, r_unit, v_unit : float
        J2, the Earth radius [m] and SGP4's canonical velocity unit [m/s].
    tol : float
        Kepler tolerance [rad].
    max_iterations : int
        Newton iterations at most.
    """
    two_pi = 2.0 * np.pi
    n = turns0.shape[0]
    pos = np.empty((n, 3))
    vel = np.empty((n, 3))
    for k in range(n):
        tt = turns0[k, 0] + turn_rates[k, 0] * t
        m = two_pi * (tt - np.floor(tt))
        tt = turns0[k, 1] + turn_rates[k, 1] * t
        w = two_pi * (tt - np.floor(tt))
        tt = turns0[k, 2] + turn_rates[k, 2] * t
        node = two_pi * (tt - np.floor(tt))
        am = coef[k, 0]
        e = coef[k, 1]
        temp = coef[k, 2]
        cos_i = coef[k, 3]
        sin_i = coef[k, 4]
        con41 = coef[k, 5]
        x1mth2 = coef[k, 6]
        n_c = coef[k, 7]
        if e != 0.0:
            axnl = e * np.cos(w)
            aynl = e * np.sin(w) + temp * coef[k, 8]
        else:
            axnl = 0.0
            aynl = temp * coef[k, 8]
        xl = m + w + node + temp * coef[k, 9] * axnl
        u = (xl - node) % two_pi
        # Newton from E = u; sin E and cos E follow each step by rotation (the steps of a
        # near-circular orbit are small: series, not two more transcendentals each)
        eo1 = u
        s1 = np.sin(eo1)
        c1 = np.cos(eo1)
        for _ in range(max_iterations):
            step = (u - aynl * c1 + axnl * s1 - eo1) / (1.0 - c1 * axnl - s1 * aynl)
            step = min(max(step, -0.95), 0.95)
            eo1 += step
            if abs(step) <= 0.05:
                cs, ss = _cos_sin_small(step)
                s1, c1 = s1 * cs + c1 * ss, c1 * cs - s1 * ss
            else:
                s1 = np.sin(eo1)
                c1 = np.cos(eo1)
            if abs(step) < tol:
                break
        ecose = axnl * c1 + aynl * s1
        esine = axnl * s1 - aynl * c1
        el2 = axnl * axnl + aynl * aynl
        pl = am * (1.0 - el2)
        rl = am * (1.0 - ecose)
        rdotl = np.sqrt(am) * esine / rl
        rvdotl = np.sqrt(pl) / rl
        betal = np.sqrt(1.0 - el2)
        tmp = esine / (1.0 + betal)
        sinu = am / rl * (s1 - aynl - axnl * tmp)
        cosu = am / rl * (c1 - axnl + aynl * tmp)
        sin2u = 2.0 * cosu * sinu
        cos2u = 1.0 - 2.0 * sinu * sinu
        temp1 = 0.5 * j2 / pl
        temp2 = temp1 / pl
        mrt = rl * (1.0 - 1.5 * temp2 * betal * con41) + 0.5 * temp1 * x1mth2 * cos2u
        du = 0.25 * temp2 * coef[k, 10] * sin2u
        cdu, sdu = _cos_sin_small(du)
        sinsu = sinu * cdu - cosu * sdu
        cossu = cosu * cdu + sinu * sdu
        xnode = node + 1.5 * temp2 * cos_i * sin2u
        cdi, sdi = _cos_sin_small(1.5 * temp2 * cos_i * sin_i * cos2u)
        sini = sin_i * cdi + cos_i * sdi
        cosi = cos_i * cdi - sin_i * sdi
        mvt = rdotl - n_c * temp1 * x1mth2 * sin2u
        rvdot = rvdotl + n_c * temp1 * (x1mth2 * cos2u + 1.5 * con41)
        snod = np.sin(xnode)
        cnod = np.cos(xnode)
        xmx = -snod * cosi
        xmy = cnod * cosi
        ux = xmx * sinsu + cnod * cossu
        uy = xmy * sinsu + snod * cossu
        uz = sini * sinsu
        vx = xmx * cossu - cnod * sinsu
        vy = xmy * cossu - snod * sinsu
        vz = sini * cossu
        radius = mrt * r_unit
        speed_r = v_unit * mvt
        speed_t = v_unit * rvdot
        pos[k, 0] = radius * ux
        pos[k, 1] = radius * uy
        pos[k, 2] = radius * uz
        vel[k, 0] = speed_r * ux + speed_t * vx
        vel[k, 1] = speed_r * uy + speed_t * vy
        vel[k, 2] = speed_r * uz + speed_t * vz
    return pos, vel
