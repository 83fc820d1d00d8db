r"""How many satellites a (sun-synchronous) shell can hold at a minimum separation.

Three answers, from strictest to loosest:

- **Coordinated slotting** (:func:`slotted_capacity`): satellites on circular orbits of one
  altitude and inclination arranged as a lattice — P planes with nodes spread evenly over
  ``raan_spread_rad``, S satellites per plane, Walker/lattice phasing F, satellite j of plane
  k at argument of latitude :math:`u = 2\pi (j/S + F k/(P S))`. All share the same secular
  J2 rates, so the pattern turns rigidly and the smallest distance between any two
  satellites never changes (:func:`lattice_min_separation_m`). This is the slotting
  architecture of Arnas, Lifson, Linares & Avendaño (2021), built from 2D lattice flower
  constellations (Avendaño & Mortari's 2D-LFC; for equal altitude and inclination the
  2D-LFC with configuration number F is the Walker pattern P/S/F above), and the minimum
  distance of each pair of satellites is computed in closed form (:func:`pair_min_angle_rad`)
  as in Avendaño, Arnas, Linares & Lifson (2020).
- **Static packing** (:func:`shell_packing_capacity`): hexagonal packing of points at
  distance d on the sphere of radius a, :math:`N = 4\pi a^2 / (\tfrac{\sqrt3}{2} d^2)` — an
  upper bound for one altitude that ignores that satellites move.
- **Volume** (:func:`shell_volume_capacity`): face-centred cubic packing of a shell of
  thickness Δh, :math:`N = \sqrt2\,V/d^3` — the simple "altitude-shell volume" estimate.

Dawn-dusk shells keep their planes near the terminator (a small ``raan_spread_rad``); their
planes then cross near the highest latitudes, which limits how many satellites each plane can
carry for a given separation.

References
----------
Arnas, D., Lifson, M., Linares, R. & Avendaño, M. E. (2021), "Definition of Low Earth Orbit
slotting architectures using 2D lattice flower constellations", Advances in Space Research
67(11), 3696-3711, doi:10.1016/j.asr.2020.04.021.
Avendaño, M. E., Arnas, D., Linares, R. & Lifson, M. (2020), "Efficient search of optimal
Flower Constellations", arXiv:2003.11970 (closed-form minimum angular distance between two
satellites in circular orbits at one altitude).
Walker, J. G. (1984), "Satellite constellations", J. Br. Interplanet. Soc. 37, 559-572.
Conway, J. H. & Sloane, N. J. A., *Sphere Packings, Lattices and Groups*, 3rd ed., 1999,
ch. 1 (hexagonal packing density π/√12, FCC density π/√18).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from terawatt.errors import InputError
from terawatt.physics import orbit
from terawatt.physics.constants import EARTH_EQUATORIAL_RADIUS_WGS84_M
from terawatt.typing import ArrayLike, FloatArray, as_float
from terawatt.validate import positive

__all__ = [
    "SlottedShell",
    "in_plane_capacity",
    "lattice_min_separation_m",
    "pair_min_angle_rad",
    "shell_packing_capacity",
    "shell_volume_capacity",
    "slotted_capacity",
]

_R = EARTH_EQUATORIAL_RADIUS_WGS84_M
_TWO_PI = 2.0 * math.pi
#: Largest lattice checked exactly pair by pair (P × S); bigger ones use the nearest
#: lattice points to each plane pair's crossing phase only.
_EXACT_LIMIT = 2_000_000


def _angle_for(altitude_m: ArrayLike, min_separation_m: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Radius a and the central angle α = 2 asin(d / 2a) of a separation d at that radius."""
    a = _R + positive("altitude_m", altitude_m)
    d = positive("min_separation_m", min_separation_m)
    if np.any(d >= 2.0 * a):
        raise InputError("min_separation_m", d, "a separation smaller than the orbit's diameter")
    return a, 2.0 * np.arcsin(d / (2.0 * a))


def in_plane_capacity(altitude_m: ArrayLike, min_separation_m: ArrayLike) -> FloatArray:
    r"""Most satellites one circular orbit holds with neighbours at least d apart.

    Parameters
    ----------
    altitude_m : array_like
        Altitude [m], > 0.
    min_separation_m : array_like
        Minimum distance between satellites [m], > 0.

    Returns
    -------
    FloatArray
        :math:`\lfloor 2\pi / \alpha \rfloor`, α = 2 asin(d / 2a) the chord's central angle.
    """
    _, alpha = _angle_for(altitude_m, min_separation_m)
    return as_float(np.floor(_TWO_PI / alpha * (1.0 + 1e-12)))


def pair_min_angle_rad(
    inclination_rad: ArrayLike, delta_raan_rad: ArrayLike, delta_phase_rad: ArrayLike
) -> FloatArray:
    r"""Smallest central angle between two satellites on circular orbits of one radius.

    Parameters
    ----------
    inclination_rad : array_like
        Common inclination i [rad].
    delta_raan_rad : array_like
        Node of the second orbit minus the first [rad].
    delta_phase_rad : array_like
        Argument of latitude of the second satellite minus the first, at the same time [rad].

    Returns
    -------
    FloatArray
        The minimum over all times of the angle between the two position vectors [rad].

    Notes
    -----
    With :math:`a = (\cos u, \sin u)` the first satellite's in-plane direction, the dot
    product of the two unit position vectors is the quadratic form :math:`a^T B a`,
    :math:`B = A\,R(\Delta\varphi)`, with :math:`A = P_1^T P_2` the 2×2 product of the two
    planes' bases (:math:`A_{11} = \cos\Delta\Omega`, :math:`A_{12} = -\sin\Delta\Omega\cos i`,
    :math:`A_{21} = \sin\Delta\Omega \cos i`, :math:`A_{22} = \cos^2 i \cos\Delta\Omega +
    \sin^2 i`). Its maximum over unit :math:`a` — the largest eigenvalue of the symmetric
    part — is :math:`\cos\rho_{min}`:

    .. math:: \cos\rho_{min} = \tfrac12 (B_{11} + B_{22})
              + \sqrt{\tfrac14 (B_{11} - B_{22})^2 + \tfrac14 (B_{12} + B_{21})^2}

    Equivalent to the closed form of Avendaño, Arnas, Linares & Lifson (2020); the relative
    position traces an ellipse whose minor axis is the closest approach (Soop, 1990).
    """
    inc, dO, dphi = np.broadcast_arrays(
        as_float(inclination_rad), as_float(delta_raan_rad), as_float(delta_phase_rad)
    )
    ci = np.cos(inc)
    cO, sO = np.cos(dO), np.sin(dO)
    a11, a12, a21, a22 = cO, -sO * ci, sO * ci, ci * ci * cO + (1.0 - ci * ci)
    cp, sp = np.cos(dphi), np.sin(dphi)
    # B = A R(Δφ), R = [[cos, -sin], [sin, cos]] maps u to u + Δφ
    b11 = a11 * cp + a12 * sp
    b12 = -a11 * sp + a12 * cp
    b21 = a21 * cp + a22 * sp
    b22 = -a21 * sp + a22 * cp
    half_trace = 0.5 * (b11 + b22)
    radius = np.hypot(0.5 * (b11 - b22), 0.5 * (b12 + b21))
    return as_float(np.arccos(np.clip(half_trace + radius, -1.0, 1.0)))


def _plane_offsets(planes: int, raan_spread_rad: float) -> FloatArray:
    """Node difference of plane k from plane 0, k = 0..P-1 (nodes spread evenly)."""
    return as_float(np.arange(planes) * raan_spread_rad / planes)


def lattice_min_separation_m(
    altitude_m: float,
    inclination_rad: float,
    planes: int,
    satellites_per_plane: int,
    phasing: int,
    raan_spread_rad: float = _TWO_PI,
) -> float:
    """Smallest distance between any two satellites of a lattice (Walker-type) shell, ever.

    Parameters
    ----------
    altitude_m : float
        Altitude [m], > 0.
    inclination_rad : float
        Inclination [rad].
    planes, satellites_per_plane, phasing : int
        P ≥ 1, S ≥ 1 and F in [0, P) (Walker's notation; the layout of
        :mod:`terawatt.space.constellation.config`).
    raan_spread_rad : float, optional
        The planes' nodes are spread evenly over this span [rad]; 2π (Walker delta, the
        default) or a small span for a dawn-dusk shell.

    Returns
    -------
    float
        Minimum distance [m] (0 when two satellites collide; the in-plane chord when P = 1).

    Raises
    ------
    InputError
        If P, S or F are out of range.

    Notes
    -----
    Every pair (plane difference k, slot difference j) is evaluated with
    :func:`pair_min_angle_rad` up to P × S = 2 × 10^6; larger lattices evaluate only the
    slots nearest each plane pair's crossing phase (agreeing with the full evaluation to
    ~1e-5 relative in the tests).
    """
    a, _ = _angle_for(altitude_m, 1.0)
    p, s, f = _check_lattice(planes, satellites_per_plane, phasing)
    d_raan = _plane_offsets(p, raan_spread_rad)
    if p * s <= _EXACT_LIMIT:
        k = np.repeat(np.arange(p), s)
        j = np.tile(np.arange(s), p)
        phase = _TWO_PI * (j / s + f * k / (p * s))
        angle = pair_min_angle_rad(inclination_rad, d_raan[k], phase)
        angle[0] = math.inf  # a satellite and itself
        return float(2.0 * a * np.sin(0.5 * angle.min()))
    angle_min = _nearest_lattice_angles(inclination_rad, d_raan, s, np.array([f]), p)
    return float(2.0 * a * np.sin(0.5 * angle_min[0]))


def _check_lattice(planes: int, satellites_per_plane: int, phasing: int) -> tuple[int, int, int]:
    for name, value, low in (
        ("planes", planes, 1),
        ("satellites_per_plane", satellites_per_plane, 1),
    ):
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < low:
            raise InputError(name, value, f"a whole number >= {low}")
    if isinstance(phasing, bool) or not isinstance(phasing, int | np.integer):
        raise InputError("phasing", phasing, "a whole number in [0, planes)")
    if not 0 <= phasing < max(planes, 1):
        raise InputError("phasing", phasing, f"a whole number in [0, {planes - 1}]")
    return int(planes), int(satellites_per_plane), int(phasing)


def _crossing_phase(inclination_rad: float, d_raan: FloatArray) -> FloatArray:
    """Phase difference at which two satellites of planes ΔΩ apart meet (mod 2π)."""
    si, ci = math.sin(inclination_rad), math.cos(inclination_rad)
    n1 = np.array([0.0, -si, ci])
    n2 = np.stack([si * np.sin(d_raan), -si * np.cos(d_raan), np.full_like(d_raan, ci)], -1)
    line = np.cross(n1, n2)
    # argument of latitude of the line in each plane: node direction e, in-plane normal n × e
    e1 = np.array([1.0, 0.0, 0.0])
    u1 = np.arctan2(line @ np.cross(n1, e1), line @ e1)
    e2 = np.stack([np.cos(d_raan), np.sin(d_raan), np.zeros_like(d_raan)], -1)
    u2 = np.arctan2(np.einsum("kj,kj->k", line, np.cross(n2, e2)), np.einsum("kj,kj->k", line, e2))
    return as_float(u2 - u1)


def _nearest_lattice_angles(
    inclination_rad: float, d_raan: FloatArray, s: int, phasings: FloatArray, p: int
) -> FloatArray:
    """Lattice minimum angle for each phasing F, shape (len(phasings),).

    Only the lattice points nearest each plane pair's crossing phase (and zero phase) are
    evaluated: the pair separation grows away from the crossing phase.
    """
    k = np.arange(p)
    star = _crossing_phase(inclination_rad, d_raan)
    offset = phasings[:, None] * k[None, :] / (p * s)  # (F, k) in turns
    best = np.full(phasings.size, math.inf)
    for centre in (star / _TWO_PI, np.zeros(p)):
        j0 = np.round((centre[None, :] - offset) * s)
        for dj in (-1.0, 0.0, 1.0):
            j = j0 + dj
            phase = _TWO_PI * (j / s + offset)
            angle = pair_min_angle_rad(inclination_rad, d_raan[None, :], phase)
            same = (k[None, :] == 0) & (np.mod(j, s) == 0)
            angle = np.where(same, math.inf, angle)
            best = np.minimum(best, angle.min(axis=1))
    return as_float(best)


@dataclass(frozen=True)
class SlottedShell:
    """Best lattice found by :func:`slotted_capacity`.

    Attributes
    ----------
    satellites : int
        P × S.
    planes, satellites_per_plane, phasing : int
        The lattice (Walker P, S, F).
    min_separation_m : float
        Its smallest distance between satellites [m] (≥ the requirement).
    inclination_rad, raan_spread_rad : float
        Inclination and span of the nodes [rad].
    """

    satellites: int
    planes: int
    satellites_per_plane: int
    phasing: int
    min_separation_m: float
    inclination_rad: float
    raan_spread_rad: float


def _best_for_planes(
    inclination_rad: float, alpha: float, p: int, s_max: int, spread: float
) -> tuple[int, int]:
    """Largest S (and its F) with every lattice point pair at least α apart (bisection)."""
    phasings = np.arange(p, dtype=np.float64)
    d_raan = _plane_offsets(p, spread)

    def feasible(s: int) -> int:
        ok = _nearest_lattice_angles(inclination_rad, d_raan, s, phasings, p) >= alpha
        return int(np.argmax(ok)) if ok.any() else -1

    lo, hi, best = 0, s_max, (0, 0)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        f = feasible(mid)
        if f >= 0:
            lo, best = mid, (mid, f)
        else:
            hi = mid - 1
    return best


def slotted_capacity(
    altitude_m: float,
    min_separation_m: float,
    *,
    inclination_rad: float | None = None,
    raan_spread_rad: float = _TWO_PI,
    planes: Sequence[int] | None = None,
) -> SlottedShell:
    """Largest lattice shell found whose satellites always stay ``min_separation_m`` apart.

    Parameters
    ----------
    altitude_m : float
        Altitude [m], > 0.
    min_separation_m : float
        Required minimum distance between any two satellites [m], > 0.
    inclination_rad : float, optional
        Inclination [rad]; default the sun-synchronous one at that altitude
        (:func:`terawatt.physics.orbit.sso_inclination_deg`).
    raan_spread_rad : float, optional
        Span of the planes' nodes [rad]: 2π (default) spreads them around the equator; a
        dawn-dusk shell keeps them within a few degrees of the terminator.
    planes : sequence of int, optional
        Plane counts to try; default 1-12, then every 4th up to 60 and every 10th to 200.

    Returns
    -------
    SlottedShell
        The best (P, S, F) found, checked pair by pair.

    Raises
    ------
    InputError
        For non-positive altitude or separation, or bad plane counts.

    Notes
    -----
    Estimate: for each P the largest S is found by bisection (feasibility is close to, but
    not exactly, monotone in S) over all phasings F, testing the lattice points nearest
    each plane pair's crossing phase; the winner is then re-checked over every pair
    (:func:`lattice_min_separation_m`, pair by pair up to 2 × 10^6 satellites). The
    result is an achievable lattice, so a lower
    bound on the best lattice capacity, and its separation holds under secular J2 (every
    satellite drifts alike). Station-keeping tolerances are not included: add them to the
    separation (Arnas et al. 2021 add the along- and cross-track control boxes).
    """
    _, alpha_arr = _angle_for(altitude_m, min_separation_m)
    alpha = float(alpha_arr)
    inc = (
        math.radians(float(orbit.sso_inclination_deg(altitude_m)))
        if inclination_rad is None
        else float(inclination_rad)
    )
    if not (math.isfinite(raan_spread_rad) and 0.0 <= raan_spread_rad <= _TWO_PI):
        raise InputError("raan_spread_rad", raan_spread_rad, "a span in [0, 2π] rad")
    candidates = (
        list(range(1, 13)) + list(range(16, 61, 4)) + list(range(70, 201, 10))
        if planes is None
        else [int(x) for x in planes]
    )
    if not candidates or any(x < 1 for x in candidates):
        raise InputError("planes", planes, "plane counts >= 1")
    s_max = int(in_plane_capacity(altitude_m, min_separation_m))
    best = SlottedShell(0, 0, 0, 0, 0.0, inc, raan_spread_rad)
    for p in sorted(set(candidates)):
        s, f = _best_for_planes(inc, alpha, p, s_max, raan_spread_rad)
        if s == 0 or p * s <= best.satellites:
            continue
        sep = lattice_min_separation_m(altitude_m, inc, p, s, f, raan_spread_rad)
        while sep < float(min_separation_m) * (1.0 - 1e-9) and s > 1:  # rare: not monotone
            s -= 1
            sep = lattice_min_separation_m(altitude_m, inc, p, s, f, raan_spread_rad)
        if sep >= float(min_separation_m) * (1.0 - 1e-9) and p * s > best.satellites:
            best = SlottedShell(p * s, p, s, f, sep, inc, raan_spread_rad)
    return best


def shell_packing_capacity(altitude_m: ArrayLike, min_separation_m: ArrayLike) -> FloatArray:
    r"""Static hexagonal packing of one altitude: an upper bound that ignores motion.

    Parameters
    ----------
    altitude_m : array_like
        Altitude [m], > 0.
    min_separation_m : array_like
        Minimum distance [m], > 0.

    Returns
    -------
    FloatArray
        :math:`4\pi a^2 / (\tfrac{\sqrt3}{2} d^2)` (hexagonal lattice: one point per
        :math:`\tfrac{\sqrt3}{2} d^2` of area; Conway & Sloane, ch. 1).
    """
    a, _ = _angle_for(altitude_m, min_separation_m)
    d = as_float(min_separation_m)
    return as_float(4.0 * math.pi * a**2 / (math.sqrt(3.0) / 2.0 * d**2))


def shell_volume_capacity(
    altitude_low_m: ArrayLike, altitude_high_m: ArrayLike, min_separation_m: ArrayLike
) -> FloatArray:
    r"""Face-centred cubic packing of a spherical shell: the simple volume estimate.

    Parameters
    ----------
    altitude_low_m, altitude_high_m : array_like
        Bottom and top of the shell [m], 0 < low < high.
    min_separation_m : array_like
        Minimum distance [m], > 0.

    Returns
    -------
    FloatArray
        :math:`\sqrt2\,V / d^3` with :math:`V = \tfrac43\pi (r_{hi}^3 - r_{lo}^3)` (FCC:
        number density :math:`\sqrt2/d^3`; Conway & Sloane, ch. 1). Estimate: a static
        packing, far above what moving satellites on crossing orbits can hold.
    """
    lo = positive("altitude_low_m", altitude_low_m)
    hi = positive("altitude_high_m", altitude_high_m)
    d = positive("min_separation_m", min_separation_m)
    if np.any(hi <= lo):
        raise InputError("altitude_high_m", hi, "an altitude above altitude_low_m")
    volume = 4.0 / 3.0 * math.pi * ((_R + hi) ** 3 - (_R + lo) ** 3)
    return as_float(math.sqrt(2.0) * volume / d**3)
