r"""Analytic J2 secular propagation (the fast path) and SGP4 for element sets.

The fast path moves the mean elements of :class:`~.elements.Elements` at constant secular
rates (:func:`terawatt.physics.orbit.secular_rates`: Brouwer's first-order J2 terms plus his
second-order J2² and first-order J4 terms, as in SGP4's initialisation) and places each
satellite on its mean (Keplerian) ellipse. Short-period J2 terms (a few km, see the tests)
and drag are left out: this is a mean-element propagator.

The orbital phase is carried in float64 *turns* and reduced modulo one turn before any
conversion to float32 (see :func:`phase_turns`): float32 accumulation of ``n t`` would drift
by kilometres within a month.
"""

from __future__ import annotations

import importlib
import math
from typing import Any

import numpy as np

from terawatt.errors import InputError
from terawatt.physics.constants import (
    EARTH_EQUATORIAL_RADIUS_WGS84_M,
    GM_EARTH_EGM96_M3_S2,
    J2_EARTH_EGM96,
    J3_EARTH_EGM96,
)
from terawatt.physics.orbit import secular_rates
from terawatt.space.constellation.elements import Elements
from terawatt.typing import ArrayLike, FloatArray, as_float

__all__ = [
    "StepPropagator",
    "kepler_eccentric_anomaly",
    "phase_turns",
    "propagate",
    "propagate_mean",
    "propagate_sgp4",
    "satrec_array",
    "sgp4_api",
    "to_satrec",
]

_R = EARTH_EQUATORIAL_RADIUS_WGS84_M
_MU = GM_EARTH_EGM96_M3_S2
_TWO_PI = 2.0 * math.pi
#: Newton iterations for Kepler's equation: from E0 = M + e sin M the error after k steps
#: is ~e^(2^k); 6 steps reach machine precision for e <= 0.9.
_KEPLER_ITERATIONS = 6
#: Canonical velocity unit of SGP4 (Earth radius per canonical time) [m/s].
_V_UNIT = _R * math.sqrt(_MU / _R**3)


def phase_turns(angle0_rad: ArrayLike, rate_rad_s: ArrayLike, t_s: ArrayLike) -> FloatArray:
    """Angle ``angle0 + rate × t`` in turns, reduced to [0, 1), computed in float64.

    Parameters
    ----------
    angle0_rad : array_like
        Angle at the epoch [rad].
    rate_rad_s : array_like
        Its rate [rad/s].
    t_s : array_like
        Time since the epoch [s], broadcast against the angles.

    Returns
    -------
    FloatArray
        The reduced angle [turn]; multiply by 2π (in any precision) for radians.
    """
    turns = as_float(angle0_rad) / _TWO_PI + as_float(rate_rad_s) / _TWO_PI * as_float(t_s)
    return as_float(turns - np.floor(turns))


def kepler_eccentric_anomaly(mean_anomaly_rad: ArrayLike, eccentricity: ArrayLike) -> FloatArray:
    """Solve Kepler's equation M = E − e sin E by Newton's method (vectorized).

    Parameters
    ----------
    mean_anomaly_rad : array_like
        Mean anomaly M [rad].
    eccentricity : array_like
        Eccentricity e [-], in [0, 1).

    Returns
    -------
    FloatArray
        Eccentric anomaly E [rad].

    References
    ----------
    Vallado, 4th ed., 2013, algorithm 2 (KepEqtnE).
    """
    m = as_float(mean_anomaly_rad)
    e = as_float(eccentricity)
    big_e = m + e * np.sin(m)
    for _ in range(_KEPLER_ITERATIONS):
        big_e = big_e - (big_e - e * np.sin(big_e) - m) / (1.0 - e * np.cos(big_e))
    return as_float(big_e)


def _mean_state(elements: Elements, t_s: float) -> tuple[FloatArray, ...]:
    """Mean anomaly, argument of perigee and node at ``t_s`` [rad], with the rates."""
    rates = secular_rates(
        elements.semi_major_axis_m, elements.eccentricity, elements.inclination_rad
    )
    m = _TWO_PI * phase_turns(elements.mean_anomaly_rad, rates.mean_anomaly_rad_s, t_s)
    w = _TWO_PI * phase_turns(elements.arg_perigee_rad, rates.arg_perigee_rad_s, t_s)
    node = _TWO_PI * phase_turns(elements.raan_rad, rates.raan_rad_s, t_s)
    return m, w, node, rates.mean_anomaly_rad_s, rates.arg_perigee_rad_s, rates.raan_rad_s


def propagate(elements: Elements, t_s: ArrayLike) -> tuple[FloatArray, FloatArray]:
    r"""Position and velocity of every satellite from the analytic mean-element model.

    Parameters
    ----------
    elements : Elements
        Mean elements at ``elements.epoch_jd``.
    t_s : float or array_like
        Time after the epoch [s] (negative goes back): one time for all, or one per
        satellite, shape (N,).

    Returns
    -------
    tuple of FloatArray
        ECI position [m] and velocity [m/s], each (N, 3), true-of-date equator and equinox
        (like TEME to the precision here).

    Notes
    -----
    The mean elements drift at the secular rates of :func:`secular_rates`; the osculating
    state then follows SGP4's near-Earth periodic terms without drag (Hoots & Roehrich
    1980, as coded by Vallado et al. 2006): the J3 long-period terms (an eccentricity of
    about :math:`\tfrac12 |J_3/J_2| (R/p) \sin i \approx 10^{-3}`, kilometres of radius and
    twice that along track), Kepler's equation in equinoctial form, and the J2 short-period
    terms in radius, argument of latitude, node and inclination (about 1 km each). The
    Earth constants are EGM-96 (:mod:`terawatt.physics.constants`), not SGP4's WGS-72/84.
    """
    pos, vel = StepPropagator(elements)(t_s)
    return as_float(pos), as_float(vel)


#: Kepler's equation is iterated until the Newton step is below this [rad]; the error left
#: is about its square (quadratic convergence), far below float64 resolution of a turn.
_KEPLER_TOL_RAD = 1e-10
_KEPLER_MAX_ITERATIONS = 10
#: Satellites per block of the state kernel (temporaries of 256 kB stay in cache).
_STATE_BLOCK = 1 << 15


class StepPropagator:
    """The analytic mean-element model with its per-satellite constants computed once.

    The same mean-element model (Brouwer secular rates from J2, J2² and J4; SGP4's
    near-Earth J3 long-period and J2 short-period terms without drag; Hoots & Roehrich,
    *Spacetrack Report No. 3*, 1980, as coded by Vallado et al., AIAA 2006-6753; EGM-96
    constants), evaluated step after step: the rates and the J3 coefficients do not depend
    on time and are computed once, and Kepler's equation (equinoctial form) stops once the
    Newton step is below 1e-10 rad (two or three steps for the near-circular shells built
    here). :func:`propagate` is one call of it; make one and call it step after step to
    skip the constants (conjunction screening does).

    Parameters
    ----------
    elements : Elements
        Mean elements at ``elements.epoch_jd``.
    """

    def __init__(self, elements: Elements) -> None:
        a = np.asarray(elements.semi_major_axis_m, np.float64)
        e = np.asarray(elements.eccentricity, np.float64)
        inc = np.asarray(elements.inclination_rad, np.float64)
        rates = secular_rates(a, e, inc)
        self.elements = elements
        self.rates = (rates.mean_anomaly_rad_s, rates.arg_perigee_rad_s, rates.raan_rad_s)
        self.am = a / _R
        self.e = e
        self.inc = inc
        self.n_c = 1.0 / np.sqrt(self.am**3)
        cos_i, sin_i = np.cos(inc), np.sin(inc)
        self.cos_i, self.sin_i = cos_i, sin_i
        j3oj2 = J3_EARTH_EGM96 / J2_EARTH_EGM96
        den = np.where(np.abs(1.0 + cos_i) > 1.5e-12, 1.0 + cos_i, 1.5e-12)
        self.aycof = -0.5 * j3oj2 * sin_i
        self.xlcof = -0.25 * j3oj2 * sin_i * (3.0 + 5.0 * cos_i) / den
        self.temp = 1.0 / (self.am * (1.0 - e * e))
        self.con41 = 3.0 * cos_i**2 - 1.0
        self.x1mth2 = 1.0 - cos_i**2
        self.x7thm1 = 7.0 * cos_i**2 - 1.0

    def __call__(self, t_s: ArrayLike) -> tuple[FloatArray, FloatArray]:
        """ECI position [m] and velocity [m/s], each (N, 3), at ``t_s`` after the epoch.

        ``t_s`` is one time for all satellites or one per satellite, shape (N,).
        """
        n = self.e.size
        t = np.asarray(t_s, dtype=np.float64)
        if t.ndim not in (0, 1) or (t.ndim == 1 and t.size != n):
            raise InputError("t_s", t.shape, f"one time, or one per satellite ({n})")
        pos = np.empty((n, 3))
        vel = np.empty((n, 3))
        # cache-sized blocks: the ~80 temporaries of a block are reused, not page-faulted
        for lo in range(0, n, _STATE_BLOCK):
            hi = min(lo + _STATE_BLOCK, n)
            tb = t if t.ndim == 0 else t[lo:hi]
            self._block(slice(lo, hi), tb, pos[lo:hi], vel[lo:hi])
        return pos, vel

    def _block(self, sl: slice, t_s: FloatArray, pos: FloatArray, vel: FloatArray) -> None:
        """States of satellites ``sl`` into ``pos`` and ``vel`` (SGP4's order of operations)."""
        el = self.elements
        mdot, wdot, nodedot = (r[sl] for r in self.rates)
        m = _TWO_PI * phase_turns(el.mean_anomaly_rad[sl], mdot, t_s)
        w = _TWO_PI * phase_turns(el.arg_perigee_rad[sl], wdot, t_s)
        node = _TWO_PI * phase_turns(el.raan_rad[sl], nodedot, t_s)
        am, e, temp = self.am[sl], self.e[sl], self.temp[sl]
        cos_i, sin_i, con41 = self.cos_i[sl], self.sin_i[sl], self.con41[sl]
        x1mth2, n_c = self.x1mth2[sl], self.n_c[sl]
        if e.any():
            axnl = e * np.cos(w)
            aynl = e * np.sin(w) + temp * self.aycof[sl]
        else:  # circular mean orbits: skip two sines
            axnl = np.zeros_like(e)
            aynl = temp * self.aycof[sl]
        xl = m + w + node + temp * self.xlcof[sl] * axnl
        u = np.mod(xl - node, _TWO_PI)
        s1, c1 = _kepler_equinoctial(u, axnl, aynl)
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
        sin2u, cos2u = 2.0 * cosu * sinu, 1.0 - 2.0 * sinu * sinu
        temp1 = 0.5 * J2_EARTH_EGM96 / pl
        temp2 = temp1 / pl
        mrt = rl * (1.0 - 1.5 * temp2 * betal * con41) + 0.5 * temp1 * x1mth2 * cos2u
        # su = atan2(sinu, cosu) - du and xinc = i + di with |du|, |di| < 1e-2: angle sums
        # with 4-term series for the small angles (error < 1e-17) instead of atan2/sin/cos
        du = 0.25 * temp2 * self.x7thm1[sl] * sin2u
        cdu, sdu = _cos_sin_small(du)
        sinsu = sinu * cdu - cosu * sdu
        cossu = cosu * cdu + sinu * sdu
        xnode = node + 1.5 * temp2 * cos_i * sin2u
        cdi, sdi = _cos_sin_small(1.5 * temp2 * cos_i * sin_i * cos2u)
        sini = sin_i * cdi + cos_i * sdi
        cosi = cos_i * cdi - sin_i * sdi
        mvt = rdotl - n_c * temp1 * x1mth2 * sin2u
        rvdot = rvdotl + n_c * temp1 * (x1mth2 * cos2u + 1.5 * con41)
        _to_cartesian((mrt, mvt, rvdot), (sinsu, cossu), xnode, (sini, cosi), pos, vel)


def _to_cartesian(
    radial: tuple[FloatArray, FloatArray, FloatArray],
    su: tuple[FloatArray, FloatArray],
    xnode: FloatArray,
    inc: tuple[FloatArray, FloatArray],
    pos: FloatArray,
    vel: FloatArray,
) -> None:
    """SGP4's orientation vectors: osculating state to ECI position [m] and velocity [m/s].

    Takes the radius and the radial and transverse speeds (canonical units), sine and
    cosine of the argument of latitude and of the inclination, and the node [rad].
    """
    mrt, mvt, rvdot = radial
    sinsu, cossu = su
    sini, cosi = inc
    snod, cnod = np.sin(xnode), np.cos(xnode)
    xmx, xmy = -snod * cosi, cnod * cosi
    uvec = (xmx * sinsu + cnod * cossu, xmy * sinsu + snod * cossu, sini * sinsu)
    vvec = (xmx * cossu - cnod * sinsu, xmy * cossu - snod * sinsu, sini * cossu)
    radius = mrt * _R
    speed_r = _V_UNIT * mvt
    speed_t = _V_UNIT * rvdot
    for k in range(3):
        pos[:, k] = radius * uvec[k]
        vel[:, k] = speed_r * uvec[k] + speed_t * vvec[k]


def _kepler_equinoctial(
    u: FloatArray, axnl: FloatArray, aynl: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Sine and cosine of the solution of SGP4's equinoctial Kepler equation.

    Newton's method on ``u = E + axnl sin E - aynl cos E`` (SGP4's loop, steps clipped to
    ±0.95 rad), stopped once every step is below ``_KEPLER_TOL_RAD``.
    """
    eo1 = u.copy()
    for _ in range(_KEPLER_MAX_ITERATIONS):
        s1, c1 = np.sin(eo1), np.cos(eo1)
        step = (u - aynl * c1 + axnl * s1 - eo1) / (1.0 - c1 * axnl - s1 * aynl)
        np.clip(step, -0.95, 0.95, out=step)
        eo1 += step
        if not step.size or float(np.max(np.abs(step))) < _KEPLER_TOL_RAD:
            # last step tiny: rotate (s1, c1) by it instead of two more transcendentals
            cs, ss = _cos_sin_small(step)
            return s1 * cs + c1 * ss, c1 * cs - s1 * ss
    return np.sin(eo1), np.cos(eo1)


def _cos_sin_small(x: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Cosine and sine of small angles (Taylor series to x^7; np.cos/np.sin past 0.05 rad).

    The series error is below x^8/8! < 1e-15 for |x| < 0.05 rad.
    """
    if x.size and float(np.max(np.abs(x))) > 0.05:
        return np.cos(x), np.sin(x)
    x2 = x * x
    cos = 1.0 - x2 * (0.5 - x2 * (1.0 / 24.0 - x2 / 720.0))
    sin = x * (1.0 - x2 * (1.0 / 6.0 - x2 * (1.0 / 120.0 - x2 / 5040.0)))
    return cos, sin


def propagate_mean(elements: Elements, t_s: float) -> FloatArray:
    """Position [m], (N, 3), on the secularly drifted mean circle: no periodic terms.

    Parameters
    ----------
    elements : Elements
        Mean elements (eccentricity is ignored: the mean orbit is taken circular).
    t_s : float
        Time after the epoch [s].

    Returns
    -------
    FloatArray
        ECI position [m], (N, 3). Differs from :func:`propagate` by the J3 long-period and
        J2 short-period terms (up to ~17 km for 500-1,500 km orbits; see the tests).
    """
    a, e, inc = elements.semi_major_axis_m, elements.eccentricity, elements.inclination_rad
    rates = secular_rates(a, e, inc)
    u = _TWO_PI * phase_turns(
        elements.argument_of_latitude_rad,
        rates.mean_anomaly_rad_s + rates.arg_perigee_rad_s,
        float(t_s),
    )
    node = _TWO_PI * phase_turns(elements.raan_rad, rates.raan_rad_s, float(t_s))
    cos_u, sin_u = np.cos(u), np.sin(u)
    cos_o, sin_o = np.cos(node), np.sin(node)
    cos_i, sin_i = np.cos(inc), np.sin(inc)
    rhat = np.stack(
        [
            cos_o * cos_u - sin_o * cos_i * sin_u,
            sin_o * cos_u + cos_o * cos_i * sin_u,
            sin_i * sin_u,
        ],
        axis=-1,
    )
    return as_float(a[:, None] * rhat)


# --- SGP4 ------------------------------------------------------------------------------------


def sgp4_api() -> Any:
    """The ``sgp4.api`` module (imported lazily: SGP4 is only needed for element sets)."""
    return importlib.import_module("sgp4.api")


def _kozai_from_brouwer(n_brouwer: float, e: float, inc: float, j2: float, xke: float) -> float:
    """Kozai mean motion [rad/min] whose SGP4 un-Kozai step gives ``n_brouwer`` [rad/min]."""
    n_k = n_brouwer
    for _ in range(50):  # fixed point of SGP4's initl(): no_unkozai = no_kozai / (1 + del)
        ak = (xke / n_k) ** (2.0 / 3.0)
        d1 = 0.75 * j2 * (3.0 * math.cos(inc) ** 2 - 1.0) / (1.0 - e * e) ** 1.5
        delta = d1 / ak**2
        adel = ak * (1.0 - delta**2 - delta * (1.0 / 3.0 + 134.0 * delta**2 / 81.0))
        delta = d1 / adel**2
        n_new = n_brouwer * (1.0 + delta)
        if abs(n_new - n_k) < 1e-15 * n_brouwer:
            return float(n_new)
        n_k = n_new
    return float(n_k)


def to_satrec(elements: Elements, index: int, *, bstar: float = 0.0) -> Any:
    """An SGP4 ``Satrec`` for one satellite, initialised from its mean elements.

    Parameters
    ----------
    elements : Elements
        Mean elements (Brouwer mean semi-major axis, see :mod:`.elements`).
    index : int
        Which satellite.
    bstar : float, optional
        SGP4 drag term [1/earth radii], default 0 (no drag, like the fast path).

    Returns
    -------
    sgp4.api.Satrec
        Initialised with ``sgp4init`` on the WGS-84 constants; its Kozai mean motion is
        chosen so that SGP4's own un-Kozai step recovers our Brouwer mean motion — the
        same orbit, not one 0.1 % (kilometres per day) off.

    Notes
    -----
    SGP4 (Hoots & Roehrich 1980) takes the Kozai mean motion of a TLE and converts it to
    Brouwer's (``no_unkozai``) in ``initl``; this inverts that step by fixed-point iteration.
    """
    api = sgp4_api()
    sat = api.Satrec()
    # WGS-84 as in sgp4's getgravconst('wgs84'): mu 398600.5 km3/s2, R 6378.137 km
    mu_km, r_km, j2 = 398_600.5, 6378.137, 0.001_082_629_989_05
    xke = 60.0 / math.sqrt(r_km**3 / mu_km)
    a = float(elements.semi_major_axis_m[index])
    e = float(elements.eccentricity[index])
    inc = float(elements.inclination_rad[index])
    n_brouwer = math.sqrt(_MU / a**3) * 60.0  # rad/min with our GM
    n_kozai = _kozai_from_brouwer(n_brouwer, e, inc, j2, xke)
    epoch = elements.epoch_jd - 2_433_281.5  # days since 1949 December 31 00:00 UT
    sat.sgp4init(
        api.WGS84,
        "i",
        index % 100_000,
        epoch,
        bstar,
        0.0,
        0.0,
        e,
        float(elements.arg_perigee_rad[index]) % _TWO_PI,
        inc,
        float(elements.mean_anomaly_rad[index]) % _TWO_PI,
        n_kozai,
        float(elements.raan_rad[index]) % _TWO_PI,
    )
    return sat


def satrec_array(satrecs: list[Any]) -> Any:
    """Wrap Satrec objects in SGP4's vectorized ``SatrecArray``."""
    return sgp4_api().SatrecArray(satrecs)


def propagate_sgp4(satrecs: Any, jd: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Positions and velocities from SGP4 (``SatrecArray.sgp4``) at Julian dates.

    Parameters
    ----------
    satrecs : sgp4.api.SatrecArray
        The satellites.
    jd : array_like
        Julian dates (UTC) [day], shape (T,).

    Returns
    -------
    tuple of FloatArray
        TEME position [m] and velocity [m/s], each (N, T, 3).

    Raises
    ------
    InputError
        If SGP4 reports an error for any satellite (decayed, bad elements).
    """
    jd_arr = np.atleast_1d(as_float(jd))
    whole = np.floor(jd_arr)
    err, r_km, v_km = satrecs.sgp4(whole, jd_arr - whole)
    if np.any(err != 0):
        code = int(err[err != 0][0])
        raise InputError("element set", code, "elements SGP4 can propagate (error code 0)")
    return as_float(r_km) * 1e3, as_float(v_km) * 1e3
