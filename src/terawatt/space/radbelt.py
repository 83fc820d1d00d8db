r"""Trapped protons and electrons: NASA's AP-8 and AE-8 models with the IGRF field.

The models are the published flux maps of Vette (AE-8, NSSDC/WDC-A-R&S 91-24, 1991) and
Sawyer & Vette (AP-8, NASA-TM-X-72605, 1976), read from the coefficient files that the
``radbelt`` package (NASA GSFC, github.com/nasa/radbelt, NASA Open Source Agreement 1.3;
a dependency of terawatt) ships, with the McIlwain L-value and
:math:`B/B_0` from its IGRF/DGRF code (CCMC ``bilcal``/``shellig``).

``radbelt`` evaluates the maps one point at a time and re-reads the model file on each
call (about 1 ms a point); an orbit average needs ~10^5 map look-ups, so the map look-up
(the CCMC routines ``TRARA1``/``TRARA2`` of ``trmfun.f``, 1987) is ported here line by
line and compiled with numba. The tests check the port against ``radbelt``'s Fortran at
points across the belts.

Notes
-----
Each map is a table of the decadic logarithm of the omnidirectional *integral* flux
:math:`J(>E)` [cm⁻² s⁻¹] on energies and on contours in (L, B/B₀); between maps the
logarithm is interpolated linearly in energy, within a map along the contours (Vette
1991, sec. 3). The field epoch that goes with each map is the one in its header (AP-8 MIN
and AE-8 MIN: 1964; MAX: 1970): the maps were built in the field of that epoch, and
evaluating them in today's field moves the South Atlantic Anomaly westward by ~0.3°/yr
(ECSS-E-ST-10-04C, sec. 9.2.2, recommends the original field models for AE-8/AP-8).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from numba import njit
from numpy.typing import NDArray

from terawatt.typing import ArrayLike, FloatArray, as_float

__all__ = [
    "MODELS",
    "TrappedModel",
    "field_l_bb0",
    "integral_flux",
    "load_model",
    "model_files",
    "radbelt_available",
]

#: The four maps: (particle, solar condition) -> file name in radbelt's data folder.
MODELS: dict[tuple[str, str], str] = {
    ("e", "min"): "ae8min.asc",
    ("e", "max"): "ae8max.asc",
    ("p", "min"): "ap8min.asc",
    ("p", "max"): "ap8max.asc",
}

_EXTRA = "the radbelt package, a dependency of terawatt: pip install 'radbelt>=0.1.8'"


def radbelt_available() -> bool:
    """Whether the ``radbelt`` package (AE-8/AP-8 maps and the IGRF code) is installed."""
    return importlib.util.find_spec("radbelt") is not None


def _radbelt_folder() -> Path:
    spec = importlib.util.find_spec("radbelt")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"trapped-particle fluxes need {_EXTRA}")
    return Path(next(iter(spec.submodule_search_locations)))


def model_files() -> tuple[Path, ...]:
    """The files of the four maps (:data:`MODELS`) in ``radbelt``'s data folder.

    Raises
    ------
    ModuleNotFoundError
        If ``radbelt`` is not installed.
    """
    folder = _radbelt_folder() / "extern" / "aep8"
    return tuple(folder / name for name in MODELS.values())


@dataclass(frozen=True)
class TrappedModel:
    """One AE-8/AP-8 flux map as published (header and integer map).

    Attributes
    ----------
    particle : {"e", "p"}
        Electrons or protons.
    solar : {"min", "max"}
        Solar minimum or maximum map.
    header : NDArray[np.int64]
        The eight header integers (``DESCR`` of ``TRARA1``): model type, flux-step divisor,
        field epoch [yr], energy scale, L scale, B/B₀ scale, log-flux scale, map length.
    map : NDArray[np.int64]
        The map, with a leading 0 so that the Fortran's 1-based indices carry over.
    energies_mev : FloatArray
        The map's energies [MeV].
    """

    particle: str
    solar: str
    header: NDArray[np.int64]
    map: NDArray[np.int64]
    energies_mev: FloatArray

    @property
    def epoch_year(self) -> float:
        """Epoch of the field model the map was built with [yr]."""
        return float(self.header[2])


def _read_fortran_ints(text: str) -> list[int]:
    """Integers of a ``FORMAT(1X,12I6)`` file: six-character fields after one blank."""
    values: list[int] = []
    for line in text.splitlines():
        body = line[1:]
        values.extend(
            int(body[i : i + 6]) for i in range(0, len(body), 6) if body[i : i + 6].strip()
        )
    return values


@cache
def load_model(particle: str, solar: str) -> TrappedModel:
    """Read one AE-8/AP-8 map from the ``radbelt`` package's data files.

    Parameters
    ----------
    particle : {"e", "p"}
        Electrons (AE-8) or protons (AP-8).
    solar : {"min", "max"}
        Solar minimum or maximum.

    Returns
    -------
    TrappedModel
        The map.

    Raises
    ------
    ValueError
        For a particle or solar condition not among :data:`MODELS`.
    ModuleNotFoundError
        If ``radbelt`` is not installed.
    """
    if (particle, solar) not in MODELS:
        raise ValueError(f"model {(particle, solar)!r}: expected one of {sorted(MODELS)}")
    name = MODELS[(particle, solar)]
    values = _read_fortran_ints((_radbelt_folder() / "extern" / "aep8" / name).read_text())
    header = np.array(values[:8], dtype=np.int64)
    body = np.array([0, *values[8 : 8 + int(header[7])]], dtype=np.int64)
    energies = []
    i = 0
    while True:
        energies.append(body[i + 2] / header[3])
        length = body[i + 1]
        if length == 0:
            break
        i += length
        if i + 1 >= body.size or body[i + 1] == 0:
            break
    return TrappedModel(particle, solar, header, body, np.array(energies, dtype=np.float64))


@njit(cache=True, nogil=True)
def _trara2(m: NDArray[np.int64], off: int, il: int, ib: int, fistep: float) -> float:  # noqa: PLR0911, PLR0912, PLR0915
    """Port of CCMC ``TRARA2``: scaled log flux at scaled (L, B/B0-1) in one energy map.

    ``m[off + k]`` is the Fortran's ``MAP(k)`` of the sub-map; labels are the Fortran's.
    """
    fnl = float(il)
    fnb = float(ib)
    itime = 0
    i1 = 0
    l1 = 0
    i2 = 0
    while True:  # label 1
        l2 = m[off + i2 + 1]
        if m[off + i2 + 2] > il:
            break
        i1 = i2
        l1 = l2
        i2 = i2 + l2
    if i2 == 0:  # below the map's lowest L (the Fortran reads an unset index here)
        return 0.0
    if l1 < 4 and l2 < 4:
        return 0.0
    label = 10 if m[off + i2 + 3] > m[off + i1 + 3] else 5
    dfl = flog1 = flog2 = fkb1 = fkb2 = fincr1 = fincr2 = 0.0
    sl1 = sl2 = fkbj1 = fkbj2 = fkb = flog = flogm = fkbm = 0.0
    j1 = j2 = 0
    while True:
        if label == 5:
            i1, i2 = i2, i1
            l1, l2 = l2, l1
            label = 10
        elif label == 10:
            fll1 = float(m[off + i1 + 2])
            fll2 = float(m[off + i2 + 2])
            dfl = (fnl - fll1) / (fll2 - fll1)
            flog1 = float(m[off + i1 + 3])
            flog2 = float(m[off + i2 + 3])
            fkb1 = 0.0
            fkb2 = 0.0
            if l1 < 4:
                label = 32
                continue
            found = False
            j2 = 4
            while j2 <= l2:
                fincr2 = float(m[off + i2 + j2])
                if fkb2 + fincr2 > fnb:
                    found = True
                    break
                fkb2 += fincr2
                flog2 -= fistep
                j2 += 1
            if not found:
                itime += 1
                if itime == 1:
                    label = 5
                    continue
                return 0.0
            if itime == 1:  # label 23
                label = 30
                continue
            if j2 == 4:
                label = 28
                continue
            sl2 = flog2 / fkb2
            jumped = False
            j1 = 4
            while j1 <= l1:
                fincr1 = float(m[off + i1 + j1])
                fkb1 += fincr1
                flog1 -= fistep
                fkbj1 = ((flog1 / fistep) * fincr1 + fkb1) / ((fincr1 / fistep) * sl2 + 1.0)
                if fkbj1 <= fkb1:
                    jumped = True
                    break
                j1 += 1
            if not jumped and fkbj1 <= fkb2:
                return 0.0
            if fkbj1 <= fkb2:  # label 31
                label = 29
                continue
            fkb1 = 0.0
            label = 30
        elif label == 30:
            fkb2 = 0.0
            label = 32
        elif label == 32:
            j2 = 4
            fincr2 = float(m[off + i2 + j2])
            flog2 = float(m[off + i2 + 3])
            flog1 = float(m[off + i1 + 3])
            label = 28
        elif label == 28:
            flogm = flog1 + (flog2 - flog1) * dfl
            fkbm = 0.0
            fkb2 += fincr2
            flog2 -= fistep
            sl2 = flog2 / fkb2
            if l1 < 4:
                label = 35
                continue
            j1 = 4
            fincr1 = float(m[off + i1 + j1])
            fkb1 += fincr1
            flog1 -= fistep
            sl1 = flog1 / fkb1
            label = 15
        elif label == 29:
            fkbm = fkbj1 + (fkb2 - fkbj1) * dfl
            flogm = fkbm * sl2
            flog2 -= fistep
            fkb2 += fincr2
            sl1 = flog1 / fkb1
            sl2 = flog2 / fkb2
            label = 15
        elif label == 15:
            if sl1 < sl2:
                label = 20
                continue
            fkbj2 = ((flog2 / fistep) * fincr2 + fkb2) / ((fincr2 / fistep) * sl1 + 1.0)
            fkb = fkb1 + (fkbj2 - fkb1) * dfl
            flog = fkb * sl1
            if fkb >= fnb:
                label = 60
                continue
            fkbm = fkb
            flogm = flog
            if j1 >= l1:
                return 0.0
            j1 += 1
            fincr1 = float(m[off + i1 + j1])
            flog1 -= fistep
            fkb1 += fincr1
            sl1 = flog1 / fkb1
        elif label == 20:
            fkbj1 = ((flog1 / fistep) * fincr1 + fkb1) / ((fincr1 / fistep) * sl2 + 1.0)
            fkb = fkbj1 + (fkb2 - fkbj1) * dfl
            flog = fkb * sl2
            if fkb >= fnb:
                label = 60
                continue
            fkbm = fkb
            flogm = flog
            if j2 >= l2:
                return 0.0
            j2 += 1
            fincr2 = float(m[off + i2 + j2])
            flog2 -= fistep
            fkb2 += fincr2
            sl2 = flog2 / fkb2
            label = 15
        elif label == 35:
            fincr1 = 0.0
            sl1 = -900000.0
            label = 20
        else:  # label 60
            if fkb < fkbm + 1e-10:
                return 0.0
            value = flogm + (flog - flogm) * ((fnb - fkbm) / (fkb - fkbm))
            return max(value, 0.0)


@njit(cache=True, nogil=True)
def _log_flux(
    m: NDArray[np.int64],
    descr: NDArray[np.int64],
    l_value: NDArray[np.float64],
    bb0: NDArray[np.float64],
    energies: NDArray[np.float64],
) -> NDArray[np.float64]:
    """Port of CCMC ``TRARA1`` for many points and energies: log10 J(>E), shape (P, E)."""
    fistep = float(descr[6] // descr[1])
    escale = float(descr[3])
    fscale = float(descr[6])
    out = np.zeros((l_value.size, energies.size))
    for p in range(l_value.size):
        xnl = min(15.6, abs(l_value[p]))
        nl = int(xnl * descr[4])
        b = max(bb0[p], 1.0)
        nb = int((b - 1.0) * descr[5])
        for k in range(energies.size):
            e = energies[k]
            i0 = 0
            i1 = 0
            i2 = m[1]
            i3 = i2 + m[i2 + 1]
            l3 = m[i3 + 1]
            e0 = 0.0
            e1 = m[i1 + 2] / escale
            e2 = m[i2 + 2] / escale
            while not (e <= e2 or l3 == 0):
                i0 = i1
                i1 = i2
                i2 = i3
                i3 = i3 + l3
                l3 = m[i3 + 1]
                e0 = e1
                e1 = e2
                e2 = m[i2 + 2] / escale
            f1 = _trara2(m, i1 + 2, nl, nb, fistep) / fscale
            f2 = _trara2(m, i2 + 2, nl, nb, fistep) / fscale
            f = f1 + (f2 - f1) * (e - e1) / (e2 - e1)
            if f2 <= 0.0 and i1 != 0:
                f0 = _trara2(m, i0 + 2, nl, nb, fistep) / fscale
                f = min(f, f0 + (f1 - f0) * (e - e0) / (e1 - e0))
            out[p, k] = max(f, 0.0)
    return out


def integral_flux(
    model: TrappedModel, l_value: ArrayLike, bb0: ArrayLike, energy_mev: ArrayLike
) -> FloatArray:
    """Omnidirectional integral flux J(>E) of one AE-8/AP-8 map [cm⁻² s⁻¹].

    Parameters
    ----------
    model : TrappedModel
        The map (:func:`load_model`).
    l_value : array_like
        McIlwain L-value [Earth radii], shape (P,).
    bb0 : array_like
        Field strength over its value at the equator of the field line, B/B₀ [-], (P,).
    energy_mev : array_like
        Threshold energies [MeV], shape (E,).

    Returns
    -------
    FloatArray
        J(>E), shape (P, E); 0 where the map has no flux (a log flux of 0, as in the
        CCMC driver).
    """
    log_j = _log_flux(
        model.map,
        model.header,
        np.ascontiguousarray(np.atleast_1d(as_float(l_value))),
        np.ascontiguousarray(np.atleast_1d(as_float(bb0))),
        np.ascontiguousarray(np.atleast_1d(as_float(energy_mev))),
    )
    return as_float(np.where(log_j > 0.0, 10.0**log_j, 0.0))


def field_l_bb0(
    lon_deg: ArrayLike, lat_deg: ArrayLike, height_km: ArrayLike, year: float
) -> tuple[FloatArray, FloatArray]:
    """McIlwain L and B/B₀ from the IGRF/DGRF field (``radbelt``'s CCMC Fortran).

    Parameters
    ----------
    lon_deg, lat_deg : array_like
        Geodetic longitude and latitude [deg].
    height_km : array_like
        Height above the WGS-84 ellipsoid [km].
    year : float
        Field epoch [decimal year], 1945-2025 (IGRF-13 with its secular variation).

    Returns
    -------
    tuple of FloatArray
        L [Earth radii] and B/B₀ [-], each shaped like the broadcast inputs.

    Notes
    -----
    ``radbelt`` changes the process's working directory while the Fortran reads its
    coefficient files, so this is not safe to call from several threads at once.
    """
    try:
        import radbelt  # type: ignore[import-untyped]  # noqa: PLC0415 (optional extra)
    except ModuleNotFoundError as exc:
        raise ModuleNotFoundError(f"the geomagnetic field needs {_EXTRA}") from exc
    lv, bb = radbelt.igrf(as_float(lon_deg), as_float(lat_deg), as_float(height_km), float(year))
    return as_float(lv), as_float(bb)
