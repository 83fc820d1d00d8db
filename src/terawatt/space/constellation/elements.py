r"""Mean orbital elements of many satellites, as one structure of arrays.

An :class:`Elements` holds the *mean* (secular) Keplerian elements of ``N`` satellites at
one epoch: float64 arrays of shape ``(N,)`` in SI units and radians, plus the index of the
shell (or element-set file) each satellite came from. The semi-major axis is Brouwer's mean
semi-major axis :math:`a'' = (\mu / n''^2)^{1/3}` from the un-Kozai'd mean motion, the
convention of SGP4's internal ``ao`` (Hoots & Roehrich, *Spacetrack Report No. 3*, 1980;
Vallado, Crawford, Hujsak & Kelso, "Revisiting Spacetrack Report #3", AIAA 2006-6753), so
that :func:`terawatt.space.constellation.propagate.to_satrec` hands SGP4 the same orbit.

Angles are in the true-of-date equator and equinox (TEME to the precision here), like the
rest of :mod:`terawatt.physics.orbit` and :mod:`terawatt.physics.sun`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from terawatt.errors import InputError
from terawatt.physics.constants import EARTH_EQUATORIAL_RADIUS_WGS84_M
from terawatt.typing import FloatArray

__all__ = ["Elements", "concat"]

_FIELDS = (
    "semi_major_axis_m",
    "eccentricity",
    "inclination_rad",
    "raan_rad",
    "arg_perigee_rad",
    "mean_anomaly_rad",
)


@dataclass(frozen=True)
class Elements:
    """Mean orbital elements of N satellites (float64 arrays of shape (N,), SI, radians).

    Attributes
    ----------
    semi_major_axis_m : FloatArray
        Brouwer mean semi-major axis a'' [m], > the Earth's equatorial radius.
    eccentricity : FloatArray
        Mean eccentricity [-], in [0, 1).
    inclination_rad : FloatArray
        Mean inclination [rad], in [0, π].
    raan_rad : FloatArray
        Mean right ascension of the ascending node [rad].
    arg_perigee_rad : FloatArray
        Mean argument of perigee [rad].
    mean_anomaly_rad : FloatArray
        Mean anomaly [rad].
    epoch_jd : float
        Julian date (UTC) of the elements [day].
    shell : NDArray[np.int32]
        Index of the shell (or element-set file) each satellite belongs to.

    Raises
    ------
    InputError
        If the arrays differ in length, a perigee lies inside the Earth, an eccentricity is
        outside [0, 1) or a value is not finite.
    """

    semi_major_axis_m: FloatArray
    eccentricity: FloatArray
    inclination_rad: FloatArray
    raan_rad: FloatArray
    arg_perigee_rad: FloatArray
    mean_anomaly_rad: FloatArray
    epoch_jd: float
    shell: NDArray[np.int32]

    def __post_init__(self) -> None:
        """Coerce the arrays to contiguous float64 (int32 for ``shell``) and check them."""
        n = None
        for name in _FIELDS:
            arr = np.ascontiguousarray(np.atleast_1d(getattr(self, name)), dtype=np.float64)
            if arr.ndim != 1:
                raise InputError(
                    name, arr.shape, "a one-dimensional array, one value per satellite"
                )
            if n is None:
                n = arr.size
            elif arr.size != n:
                raise InputError(name, arr.size, f"{n} values, one per satellite")
            if not np.all(np.isfinite(arr)):
                raise InputError(name, "non-finite value", "finite numbers")
            object.__setattr__(self, name, arr)
        shell = np.ascontiguousarray(np.atleast_1d(self.shell), dtype=np.int32)
        if shell.shape != (n,):
            raise InputError("shell", shell.shape, f"{n} shell indices, one per satellite")
        object.__setattr__(self, "shell", shell)
        object.__setattr__(self, "epoch_jd", float(self.epoch_jd))
        e = self.eccentricity
        if np.any((e < 0.0) | (e >= 1.0)):
            raise InputError("eccentricity", float(e[(e < 0) | (e >= 1)][0]), "a value in [0, 1)")
        perigee = self.semi_major_axis_m * (1.0 - e)
        if np.any(perigee <= EARTH_EQUATORIAL_RADIUS_WGS84_M):
            bad = float(self.semi_major_axis_m[perigee <= EARTH_EQUATORIAL_RADIUS_WGS84_M][0])
            raise InputError(
                "semi_major_axis_m", bad, "an orbit whose perigee is above the Earth's surface"
            )

    def __len__(self) -> int:
        """Number of satellites."""
        return int(self.semi_major_axis_m.size)

    def take(self, index: Any) -> Elements:
        """Return the satellites selected by ``index`` (a slice, integer array or mask).

        Parameters
        ----------
        index : slice or array_like
            Anything numpy accepts to index a 1-D array.

        Returns
        -------
        Elements
            The subset, at the same epoch.
        """
        return Elements(
            **{name: getattr(self, name)[index] for name in _FIELDS},
            epoch_jd=self.epoch_jd,
            shell=self.shell[index],
        )

    @property
    def argument_of_latitude_rad(self) -> FloatArray:
        """Mean argument of latitude ω + M [rad] (exact for circular orbits)."""
        return np.asarray(self.arg_perigee_rad + self.mean_anomaly_rad, dtype=np.float64)


def concat(parts: Sequence[Elements]) -> Elements:
    """Join element sets taken at one epoch.

    Parameters
    ----------
    parts : sequence of Elements
        At least one, all with the same ``epoch_jd``.

    Returns
    -------
    Elements
        The satellites of every part, in order.

    Raises
    ------
    InputError
        If ``parts`` is empty or the epochs differ.
    """
    if not parts:
        raise InputError("shells", [], "at least one shell, cluster or element-set file")
    epoch = parts[0].epoch_jd
    for part in parts[1:]:
        if part.epoch_jd != epoch:
            raise InputError("epoch", part.epoch_jd, f"the common epoch JD {epoch}")
    return Elements(
        **{name: np.concatenate([getattr(p, name) for p in parts]) for name in _FIELDS},
        epoch_jd=epoch,
        shell=np.concatenate([p.shell for p in parts]),
    )
