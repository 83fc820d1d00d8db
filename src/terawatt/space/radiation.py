r"""The radiation a satellite takes in its orbit, and what it does to chips and arrays.

The chain (docs/radiation.md):

1. **Orbit.** A circular orbit is propagated (:func:`terawatt.space.constellation.propagate`)
   for :data:`ORBIT_DAYS` days at :data:`ORBIT_STEP_S`, so that the samples cover the
   Earth-fixed longitudes of the node and the South Atlantic Anomaly and the polar horns
   count as often as the satellite meets them.
2. **Environment.** At each sample: McIlwain L and B/B₀ from the IGRF field at each map's
   epoch, AE-8/AP-8 integral fluxes (:mod:`terawatt.space.radbelt`), averaged over the
   orbit and mixed between solar minimum and maximum; the share of each solar-proton
   energy above the local geomagnetic cutoff and the share of sky the Earth leaves open,
   for cosmic rays and solar particle events.
3. **Dose** behind a shield (:mod:`terawatt.physics.radiation`); its **effects** (the
   years until the chips' total-dose tolerance, single-event rates, the solar array's
   remaining power) are in :mod:`terawatt.space.radiation_effects`.

``radbelt`` (a dependency) supplies the field code and the flux maps; without it
:func:`orbit_environment` raises ``ModuleNotFoundError`` naming the package.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any, cast

import numpy as np

from terawatt.errors import InputError
from terawatt.parameters.table import shipped_table
from terawatt.physics import radiation as rp
from terawatt.physics.constants import (
    EARTH_EQUATORIAL_RADIUS_WGS84_M,
    EARTH_FLATTENING_WGS84,
    JULIAN_YEAR_S,
)
from terawatt.physics.orbit import sso_inclination_deg
from terawatt.physics.time import gmst_rad
from terawatt.space import radbelt
from terawatt.space._environment_cache import cached_environment
from terawatt.space._radiation_kernels import interp_tables
from terawatt.space.constellation.elements import Elements
from terawatt.space.constellation.propagate import propagate
from terawatt.typing import FloatArray, as_float

__all__ = [
    "ELECTRON_ENERGIES_MEV",
    "ORBIT_DAYS",
    "ORBIT_STEP_S",
    "PROTON_ENERGIES_MEV",
    "DoseBreakdown",
    "OrbitEnvironment",
    "RadiationParams",
    "default_areal_density_kg_m2",
    "dose_breakdown",
    "dose_table",
    "env_memo",
    "geodetic_from_ecef",
    "orbit_environment",
    "parse_shielding",
    "shape_value",
    "shielding_specific_mass_kg_per_w",
    "solar_proton_fluence",
]

#: Days propagated and the step [s]: 5 days at 200 s give 2,160 samples on ~75 orbits; the
#: orbit-averaged dose is within 2 % of 20 days at 100 s at 400, 650 and 1,400 km (tests).
ORBIT_DAYS = 5.0
ORBIT_STEP_S = 200.0
#: Energies of the integral spectra [MeV]: AP-8 spans 0.1-400 MeV, AE-8 0.04-7 MeV.
PROTON_ENERGIES_MEV = np.geomspace(0.1, 400.0, 37)
ELECTRON_ENERGIES_MEV = np.geomspace(0.04, 7.0, 23)
#: Epoch of the propagated orbit (J2000; the maps are static, only Earth rotation matters).
_EPOCH_JD = 2_451_545.0
#: The two (altitude, inclination) limits of the orbit average [m]: AE-8/AP-8 stop at
#: L = 15.6 (TRARA1), far above 2,000 km, and the IGRF code works from the surface up.
ALTITUDE_RANGE_M = (200e3, 20_000e3)
#: Thickest shield accepted [kg/m²]: 100 g/cm², far beyond any satellite's (the dose
#: behind it is the cosmic rays' alone).
MAX_AREAL_DENSITY_KG_M2 = 1000.0


@dataclass(frozen=True)
class RadiationParams:
    """Inputs of the radiation chain, each naming its entry of the parameter table (SI).

    Build it with :meth:`from_table` (the table's central values) and replace fields with
    :func:`dataclasses.replace`.
    """

    solar_max_fraction: float = field(metadata={"key": "radiation.solar_max_fraction"})
    gcr_free_space_gy_per_year: float = field(
        metadata={"key": "radiation.gcr_free_space_dose_rate"}
    )
    gcr_spectral_index: float = field(metadata={"key": "radiation.gcr_spectral_index"})
    gcr_modulation_rigidity_gv: float = field(metadata={"key": "radiation.gcr_modulation_rigidity"})
    cutoff_coefficient_gv: float = field(metadata={"key": "radiation.cutoff_coefficient"})
    spe_fluence_30mev_m2_year: float = field(metadata={"key": "radiation.spe_fluence_30mev"})
    spe_spectral_index: float = field(metadata={"key": "radiation.spe_spectral_index"})
    enclosure_area_m2_per_w: float = field(metadata={"key": "radiation.enclosure_area"})
    cover_glass_kg_m2: float = field(metadata={"key": "radiation.cover_glass"})
    tid_median_tested_gy: float = field(metadata={"key": "radiation.tid_median.tested"})
    tid_sigma_tested: float = field(metadata={"key": "radiation.tid_sigma.tested"})
    tid_median_untested_gy: float = field(metadata={"key": "radiation.tid_median.untested"})
    tid_sigma_untested: float = field(metadata={"key": "radiation.tid_sigma.untested"})
    hbm_irregularity_gy: float = field(metadata={"key": "radiation.hbm_irregularity_dose"})
    see_threshold_mev: float = field(metadata={"key": "radiation.see_proton_threshold"})
    see_interruption_m2: float = field(metadata={"key": "radiation.see_interruption_cross_section"})
    see_permanent_m2: float = field(metadata={"key": "radiation.see_permanent_cross_section"})
    tj_c: float = field(metadata={"key": "radiation.cell.triple_junction.c"})
    tj_fluence_x_m2: float = field(metadata={"key": "radiation.cell.triple_junction.fluence_x"})
    tj_damage_ratio: float = field(metadata={"key": "radiation.cell.triple_junction.damage_ratio"})
    si_c: float = field(metadata={"key": "radiation.cell.silicon.c"})
    si_fluence_x_m2: float = field(metadata={"key": "radiation.cell.silicon.fluence_x"})
    si_damage_ratio: float = field(metadata={"key": "radiation.cell.silicon.damage_ratio"})
    proton_damage_exponent: float = field(metadata={"key": "radiation.cell.proton_damage_exponent"})
    electron_threshold_mev: float = field(metadata={"key": "radiation.cell.electron_threshold"})

    @classmethod
    def from_table(cls) -> RadiationParams:
        """The record at the central values of the shipped table's defaults."""
        table = shipped_table()
        return cls(**{f.name: table[f.metadata["key"]].central() for f in fields(cls)})

    @classmethod
    def table_names(cls) -> dict[str, str]:
        """Field -> parameter-table entry, for every field."""
        return {f.name: f.metadata["key"] for f in fields(cls)}

    @classmethod
    def from_mapping(cls, params: Mapping[str, Any], n: int) -> RadiationParams:
        """The record from sampled parameters: every field an array of shape ``(n,)``.

        Parameters
        ----------
        params : Mapping
            Parameter name -> SI value (arrays of samples or scalars), as
            :func:`terawatt.scenario.schema.sample_parameters` returns them.
        n : int
            The number of samples.

        Returns
        -------
        RadiationParams
            Each field a read-only float64 array of shape ``(n,)``; the spectral shapes
            (indices, rigidities, thresholds, cover) hold one value, which the functions
            check with :func:`shape_value`.

        Raises
        ------
        InputError
            For a missing entry.
        """
        values: dict[str, Any] = {}
        for attr, name in cls.table_names().items():
            if name not in params:
                raise InputError(name, None, "a value (the parameter is missing)")
            values[attr] = np.broadcast_to(np.asarray(params[name], dtype=np.float64), (n,))
        return cls(**values)


def default_areal_density_kg_m2(
    shielding_specific_mass_kg_per_w: float, enclosure_area_m2_per_w: float
) -> float:
    """Shield areal density [kg/m²] from shield mass per W over enclosure area per W."""
    return shielding_specific_mass_kg_per_w / enclosure_area_m2_per_w


def shielding_specific_mass_kg_per_w(
    areal_density_kg_m2: Any, enclosure_area_m2_per_w: Any
) -> FloatArray:
    """Shield mass per W of IT load [kg/W]: areal density times enclosure area per W.

    The inverse of :func:`default_areal_density_kg_m2`; what a chosen shield weighs, for
    ``satellite.shielding.specific_mass``.
    """
    return as_float(as_float(areal_density_kg_m2) * as_float(enclosure_area_m2_per_w))


def geodetic_from_ecef(position_m: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    r"""Geodetic longitude, latitude [deg] and height [m] on WGS-84 (Bowring's method).

    One Bowring iteration (Bowring, Survey Review 23, 323, 1976) is accurate to
    well under a metre in low Earth orbit.
    """
    a = EARTH_EQUATORIAL_RADIUS_WGS84_M
    f = EARTH_FLATTENING_WGS84
    b = a * (1.0 - f)
    e2 = f * (2.0 - f)
    ep2 = e2 / (1.0 - e2)
    x, y, z = position_m[..., 0], position_m[..., 1], position_m[..., 2]
    p = np.hypot(x, y)
    theta = np.arctan2(z * a, p * b)
    lat = np.arctan2(z + ep2 * b * np.sin(theta) ** 3, p - e2 * a * np.cos(theta) ** 3)
    n = a / np.sqrt(1.0 - e2 * np.sin(lat) ** 2)
    height = p * np.cos(lat) + (z + e2 * n * np.sin(lat)) * np.sin(lat) - n  # also at the poles
    return as_float(np.degrees(np.arctan2(y, x))), as_float(np.degrees(lat)), as_float(height)


@dataclass(frozen=True)
class OrbitEnvironment:
    """Orbit-averaged particle environment of one circular orbit.

    Attributes
    ----------
    altitude_m, inclination_deg : float
        The orbit.
    proton_energies_mev, electron_energies_mev : FloatArray
        Threshold energies of the spectra [MeV].
    protons_min, protons_max, electrons_min, electrons_max : FloatArray
        Orbit-averaged integral fluxes J(>E) [cm⁻² s⁻¹] of the four AE-8/AP-8 maps.
    proton_access : FloatArray
        For each proton energy, the share of the orbit where a proton of that energy is
        above the local geomagnetic cutoff (the access of solar protons) [-].
    cutoff_rigidity_gv : FloatArray
        Vertical cutoff rigidity at each sample [GV].
    open_sky : float
        Share of the sky the Earth does not hide, (1 + cos η)/2, sin η = R/(R + h) [-].
    """

    altitude_m: float
    inclination_deg: float
    proton_energies_mev: FloatArray
    electron_energies_mev: FloatArray
    protons_min: FloatArray
    protons_max: FloatArray
    electrons_min: FloatArray
    electrons_max: FloatArray
    proton_access: FloatArray
    cutoff_rigidity_gv: FloatArray
    open_sky: float

    def protons(self, solar_max_fraction: float) -> FloatArray:
        """Integral proton spectrum mixed between solar minimum and maximum [cm⁻² s⁻¹]."""
        w = solar_max_fraction
        return as_float((1.0 - w) * self.protons_min + w * self.protons_max)

    def electrons(self, solar_max_fraction: float) -> FloatArray:
        """Integral electron spectrum mixed between solar minimum and maximum [cm⁻² s⁻¹]."""
        w = solar_max_fraction
        return as_float((1.0 - w) * self.electrons_min + w * self.electrons_max)


def _check_orbit(altitude_m: float, inclination_deg: float) -> None:
    lo, hi = ALTITUDE_RANGE_M
    if not (math.isfinite(altitude_m) and lo <= altitude_m <= hi):
        raise InputError("altitude", f"{altitude_m / 1e3:g} km", f"{lo / 1e3:g}-{hi / 1e3:g} km")
    if not (math.isfinite(inclination_deg) and 0.0 <= inclination_deg <= 180.0):
        raise InputError("inclination", f"{inclination_deg:g} deg", "0-180 deg")


def _samples(altitude_m: float, inclination_deg: float, days: float, step_s: float) -> Any:
    t = np.arange(0.0, days * 86_400.0, step_s)
    n = t.size
    elements = Elements(
        semi_major_axis_m=np.full(n, EARTH_EQUATORIAL_RADIUS_WGS84_M + altitude_m),
        eccentricity=np.zeros(n),
        inclination_rad=np.full(n, math.radians(inclination_deg)),
        raan_rad=np.zeros(n),
        arg_perigee_rad=np.zeros(n),
        mean_anomaly_rad=np.zeros(n),
        epoch_jd=_EPOCH_JD,
        shell=np.zeros(n, dtype=np.int32),
    )
    eci, _ = propagate(elements, t)
    theta = gmst_rad(_EPOCH_JD + t / 86_400.0)
    c, s = np.cos(theta), np.sin(theta)
    ecef = np.stack(
        [c * eci[:, 0] + s * eci[:, 1], -s * eci[:, 0] + c * eci[:, 1], eci[:, 2]], axis=-1
    )
    return geodetic_from_ecef(ecef)


def orbit_environment(
    altitude_m: float,
    inclination_deg: float | None = None,
    *,
    cutoff_coefficient_gv: float | None = None,
    days: float = ORBIT_DAYS,
    step_s: float = ORBIT_STEP_S,
) -> OrbitEnvironment:
    """Propagate a circular orbit and average the trapped-particle fluxes along it.

    Parameters
    ----------
    altitude_m : float
        Orbit altitude [m], 200-20,000 km.
    inclination_deg : float, optional
        Inclination [deg]; default the sun-synchronous one for the altitude.
    cutoff_coefficient_gv : float, optional
        R_c at L = 1 [GV]; default ``radiation.cutoff_coefficient``'s.
    days, step_s : float, optional
        Span and step of the propagation.

    Returns
    -------
    OrbitEnvironment
        The orbit-averaged spectra and cutoff statistics.

    Raises
    ------
    InputError
        For an altitude or inclination out of range.
    ModuleNotFoundError
        Without the optional ``radbelt`` package.
    """
    if inclination_deg is None:
        inclination_deg = float(sso_inclination_deg(altitude_m))
    _check_orbit(float(altitude_m), float(inclination_deg))
    if cutoff_coefficient_gv is None:
        cutoff_coefficient_gv = shipped_table()["radiation.cutoff_coefficient"].central()
    return _environment(
        float(altitude_m),
        float(inclination_deg),
        float(cutoff_coefficient_gv),
        float(days),
        float(step_s),
    )


@lru_cache(maxsize=64)
def _environment(
    altitude_m: float,
    inclination_deg: float,
    cutoff_coefficient_gv: float,
    days: float,
    step_s: float,
) -> OrbitEnvironment:
    args = (altitude_m, inclination_deg, cutoff_coefficient_gv, days, step_s)
    fields = cached_environment(args, radbelt.model_files(), lambda: _averaged(*args))
    return OrbitEnvironment(
        altitude_m=float(altitude_m),
        inclination_deg=float(inclination_deg),
        proton_energies_mev=PROTON_ENERGIES_MEV,
        electron_energies_mev=ELECTRON_ENERGIES_MEV,
        **fields,
    )


def _averaged(
    altitude_m: float,
    inclination_deg: float,
    cutoff_coefficient_gv: float,
    days: float,
    step_s: float,
) -> dict[str, Any]:
    """The orbit-averaged fields of :class:`OrbitEnvironment` (kept on disk by the caller)."""
    lon, lat, height = _samples(altitude_m, inclination_deg, days, step_s)
    spectra: dict[tuple[str, str], FloatArray] = {}
    field_at: dict[float, tuple[FloatArray, FloatArray]] = {}
    for particle, solar in radbelt.MODELS:
        model = radbelt.load_model(particle, solar)
        if model.epoch_year not in field_at:
            field_at[model.epoch_year] = radbelt.field_l_bb0(
                lon, lat, height / 1e3, model.epoch_year
            )
        l_value, bb0 = field_at[model.epoch_year]
        energies = PROTON_ENERGIES_MEV if particle == "p" else ELECTRON_ENERGIES_MEV
        spectra[(particle, solar)] = as_float(
            radbelt.integral_flux(model, l_value, bb0, energies).mean(axis=0)
        )
    # cutoffs in the later of the maps' fields (the one nearer today's)
    cutoff = rp.stormer_cutoff_rigidity_gv(field_at[max(field_at)][0], cutoff_coefficient_gv)
    rigidity = rp.proton_rigidity_gv(PROTON_ENERGIES_MEV)
    access = as_float((rigidity[None, :] > cutoff[:, None]).mean(axis=0))
    sin_eta = EARTH_EQUATORIAL_RADIUS_WGS84_M / (EARTH_EQUATORIAL_RADIUS_WGS84_M + altitude_m)
    open_sky = 0.5 * (1.0 + math.sqrt(1.0 - sin_eta**2))
    return {
        "protons_min": spectra[("p", "min")],
        "protons_max": spectra[("p", "max")],
        "electrons_min": spectra[("e", "min")],
        "electrons_max": spectra[("e", "max")],
        "proton_access": access,
        "cutoff_rigidity_gv": cutoff,
        "open_sky": open_sky,
    }


@dataclass(frozen=True)
class DoseBreakdown:
    """Annual dose in silicon behind a shield, by source [Gy/yr].

    Attributes
    ----------
    areal_density_kg_m2 : FloatArray
        The shield's areal density [kg/m²] (aluminium equivalent).
    trapped_protons, trapped_electrons, bremsstrahlung, cosmic_rays, solar_protons : FloatArray
        The parts [Gy/yr].
    """

    areal_density_kg_m2: FloatArray
    trapped_protons: FloatArray
    trapped_electrons: FloatArray
    bremsstrahlung: FloatArray
    cosmic_rays: FloatArray
    solar_protons: FloatArray

    @property
    def total(self) -> FloatArray:
        """Total ionizing dose rate [Gy/yr]."""
        return as_float(
            self.trapped_protons
            + self.trapped_electrons
            + self.bremsstrahlung
            + self.cosmic_rays
            + self.solar_protons
        )


_GY_PER_RAD = 0.01


def spe_integral_spectrum(
    energies_mev: FloatArray, fluence_30mev_cm2: float, index: float
) -> FloatArray:
    """Solar-proton integral fluence J(>E) = J30 (E/30 MeV)^-index, flat below 10 MeV."""
    e = np.maximum(energies_mev, 10.0)
    return as_float(fluence_30mev_cm2 * (e / 30.0) ** (-index))


def solar_proton_fluence(env: OrbitEnvironment, params: RadiationParams) -> FloatArray:
    """Annual solar-proton integral fluence that reaches the orbit, J(>E) [cm⁻² yr⁻¹].

    The fluence at 1 AU (:func:`spe_integral_spectrum`) bin by bin, times the share of the
    orbit where protons of the bin's energy are above the geomagnetic cutoff
    (``env.proton_access``) and the share of sky the Earth leaves open, summed from the
    top energy down.
    """
    j = spe_integral_spectrum(
        env.proton_energies_mev, params.spe_fluence_30mev_m2_year * 1e-4, params.spe_spectral_index
    )
    access = env.proton_access * env.open_sky
    reached = (j[:-1] - j[1:]) * 0.5 * (access[:-1] + access[1:])
    top = j[-1] * access[-1]
    return as_float(np.concatenate([np.cumsum(reached[::-1])[::-1] + top, [top]]))


def gcr_transmission(cutoff_gv: FloatArray, index: float, modulation_gv: float) -> float:
    """Orbit-averaged share of the free-space cosmic-ray flux above the local cutoff."""
    share = ((cutoff_gv + modulation_gv) / modulation_gv) ** (-index)
    return float(np.mean(share))


#: Depths of the tabulated dose-depth curve [g/cm²] that many-sample calls interpolate
#: (log dose in log depth, 20 a decade; within 1 % of the direct sum, tests/space).
_DEPTH_GRID_G_CM2 = np.geomspace(1e-3, 100.0, 101)
#: Above this many depths the dose comes from the tabulated curve.
_DIRECT_DEPTHS = 32
_TINY = 1e-30


def _spectra(env: OrbitEnvironment) -> dict[str, tuple[FloatArray, FloatArray, str]]:
    """The four maps' spectra and their bremsstrahlung: name -> (energies, J(>E), particle)."""
    return {
        "p_min": (env.proton_energies_mev, env.protons_min, "p"),
        "p_max": (env.proton_energies_mev, env.protons_max, "p"),
        "e_min": (env.electron_energies_mev, env.electrons_min, "e"),
        "e_max": (env.electron_energies_mev, env.electrons_max, "e"),
        "b_min": (env.electron_energies_mev, env.electrons_min, "brems"),
        "b_max": (env.electron_energies_mev, env.electrons_max, "brems"),
    }


def env_memo(env: OrbitEnvironment, key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
    """A value derived from ``env`` alone and the scalars in ``key``, computed once per env.

    The environment is cached per orbit (:func:`orbit_environment`) and frozen, so what
    depends on it and on one value of each spectral shape (``key``, naming the quantity
    and every scalar it is computed from) is kept on it: every chunk of a run reuses it.
    A key with other values computes anew (a NaN key is never found again).
    """
    memo: dict[tuple[Any, ...], Any] | None = env.__dict__.get("_memo")
    if memo is None:
        memo = {}
        object.__setattr__(env, "_memo", memo)  # a frozen record's memo, not a field
    if key not in memo:
        memo[key] = make()
    return memo[key]


def _grid_rates(env: OrbitEnvironment) -> dict[str, FloatArray]:
    """Dose rates [rad/s] of each spectrum on the tabulated depth grid, once per environment.

    The environment is itself cached per orbit (:func:`orbit_environment`), so every chunk
    of a run at that orbit reuses the curve (0.07-0.12 s to compute).
    """

    def make() -> dict[str, FloatArray]:
        return {
            name: rp.dose_rate_from_integral_spectrum(energies, j, _DEPTH_GRID_G_CM2, particle)
            for name, (energies, j, particle) in _spectra(env).items()
        }

    rates: dict[str, FloatArray] = env_memo(env, ("grid_rates",), make)
    return rates


def _log_grid_rates(env: OrbitEnvironment) -> tuple[FloatArray, FloatArray]:
    """The log depths of the grid and the log rates of :func:`_grid_rates`, one row each."""

    def make() -> tuple[FloatArray, FloatArray]:
        rates = _grid_rates(env)
        logs = np.stack([np.log(np.maximum(rates[name], _TINY)) for name in _spectra(env)])
        return np.log(_DEPTH_GRID_G_CM2), logs

    logs: tuple[FloatArray, FloatArray] = env_memo(env, ("log_grid_rates",), make)
    return logs


def _trapped_rates(
    env: OrbitEnvironment, x_g_cm2: FloatArray, grid: bool, extra: FloatArray | None = None
) -> tuple[dict[str, FloatArray], FloatArray | None]:
    """Dose rates [rad/s] of the four maps' spectra (and bremsstrahlung) at flat depths.

    On the grid, each depth's log is taken once and its interval found once for the six
    curves (:func:`~terawatt.space._radiation_kernels.interp_tables`, ``numpy.interp``'s
    result bit for bit), and for ``extra`` (a log curve on the same grid, which comes back
    interpolated at the depths, in their shape).
    """
    flat = x_g_cm2.ravel()
    if not grid:
        rates = {
            name: as_float(
                np.reshape(
                    rp.dose_rate_from_integral_spectrum(energies, j, flat, particle),
                    x_g_cm2.shape,
                )
            )
            for name, (energies, j, particle) in _spectra(env).items()
        }
        return rates, None
    log_x = np.log(np.clip(flat, _DEPTH_GRID_G_CM2[0], _DEPTH_GRID_G_CM2[-1]))
    log_depths, log_rates = _log_grid_rates(env)
    tables = log_rates if extra is None else np.concatenate([log_rates, extra[np.newaxis, :]])
    logs = interp_tables(log_x, log_depths, tables)
    out = {}
    for name, log_rate in zip(_spectra(env), logs, strict=False):
        rate = np.exp(log_rate)
        out[name] = as_float(np.reshape(np.where(rate > 1e-25, rate, 0.0), x_g_cm2.shape))
    return out, None if extra is None else np.reshape(logs[-1], x_g_cm2.shape)


def shape_value(value: Any, name: str) -> float:
    """A shape input of the spectra, which a sampled run holds at one value."""
    flat = as_float(value).reshape(-1)
    # the sampled case, one value repeated (a zero left to np.unique, which picks its sign)
    if flat.size and flat[0] != 0.0 and bool(np.all(flat == flat[0])):
        return float(flat[0])
    arr = np.unique(flat)
    if arr.size != 1:
        raise InputError(name, "several values", "one value (a spectral shape, not sampled)")
    return float(arr[0])


def dose_breakdown(
    env: OrbitEnvironment,
    areal_density_kg_m2: Any,
    params: RadiationParams,
    *,
    tabulated: bool | None = None,
) -> DoseBreakdown:
    """Annual dose in silicon at the centre of an aluminium sphere, by source.

    Parameters
    ----------
    env : OrbitEnvironment
        The orbit's environment (:func:`orbit_environment`).
    areal_density_kg_m2 : float or array_like
        Shield areal density [kg/m², aluminium equivalent], e.g. one per sample.
    params : RadiationParams
        The table inputs. ``solar_max_fraction``, ``gcr_free_space_gy_per_year`` and
        ``spe_fluence_30mev_m2_year`` may be arrays broadcast against the depths (the dose
        is linear in them); the spectral shapes (indices, modulation and cutoff rigidities)
        take one value.
    tabulated : bool, optional
        Interpolate a tabulated dose-depth curve (within 1 % of the direct sum) instead of
        summing at each depth; default: where there are more than 32 depths. A sampled
        run asks for it always, so a sample's dose does not depend on how many samples
        share its call.

    Returns
    -------
    DoseBreakdown
        Doses [Gy/yr], each of the broadcast shape.
    """
    x_g_cm2 = as_float(areal_density_kg_m2) / 10.0
    if np.any(~np.isfinite(x_g_cm2)) or np.any(x_g_cm2 < 0.0):
        raise InputError("shielding", areal_density_kg_m2, "an areal density >= 0")
    w = as_float(params.solar_max_fraction)
    to_gy = _GY_PER_RAD * JULIAN_YEAR_S
    grid = x_g_cm2.size > _DIRECT_DEPTHS if tabulated is None else bool(tabulated)
    gcr_shape = (
        shape_value(params.gcr_spectral_index, "radiation.gcr_spectral_index"),
        shape_value(params.gcr_modulation_rigidity_gv, "radiation.gcr_modulation_rigidity"),
    )
    # solar protons: linear in the fluence, so per unit fluence and scaled
    spe_index = shape_value(params.spe_spectral_index, "radiation.spe_spectral_index")

    def spe_unit_at(depths: FloatArray) -> FloatArray:
        unit = dataclasses.replace(
            params,
            spe_fluence_30mev_m2_year=1e4,  # 1 proton/cm² above 30 MeV
            spe_spectral_index=spe_index,
        )
        return np.atleast_1d(
            rp.dose_rate_from_integral_spectrum(
                env.proton_energies_mev, solar_proton_fluence(env, unit), depths, "p"
            )
        )

    if grid:
        # the curve on the grid, in log; interpolated with the trapped curves: the
        # points log(clip(x) + 1e-30) and abscissae log(grid + 1e-30) of the direct
        # path are log(clip(x)) and log(grid), the depths being at least 1e-3 g/cm²
        spe_log: FloatArray = env_memo(
            env,
            ("spe_unit_grid_log", spe_index),
            lambda: np.log(np.maximum(spe_unit_at(_DEPTH_GRID_G_CM2), _TINY)),
        )
        r, spe_interp = _trapped_rates(env, x_g_cm2, grid, spe_log)
        spe_per_fluence = np.exp(cast("FloatArray", spe_interp))  # asked for: not None
    else:
        r, _ = _trapped_rates(env, x_g_cm2, grid)
        spe_depths = np.unique(x_g_cm2)
        spe_per_fluence = np.exp(
            np.interp(
                np.log(np.clip(x_g_cm2, spe_depths[0], spe_depths[-1]) + _TINY),
                np.log(spe_depths + _TINY),
                np.log(np.maximum(spe_unit_at(spe_depths), _TINY)),
            )
        )
    p = ((1.0 - w) * r["p_min"] + w * r["p_max"]) * to_gy
    e = ((1.0 - w) * r["e_min"] + w * r["e_max"]) * to_gy
    b = ((1.0 - w) * r["b_min"] + w * r["b_max"]) * to_gy
    transmission: float = env_memo(
        env,
        ("gcr_transmission", *gcr_shape),
        lambda: gcr_transmission(env.cutoff_rigidity_gv, *gcr_shape),
    )
    gcr = as_float(params.gcr_free_space_gy_per_year) * env.open_sky * transmission
    spe_per_fluence = np.where(spe_per_fluence > 1e-40, spe_per_fluence, 0.0)
    spe = spe_per_fluence * _GY_PER_RAD * as_float(params.spe_fluence_30mev_m2_year) * 1e-4
    shape = np.broadcast_shapes(p.shape, np.shape(gcr), np.shape(spe))
    return DoseBreakdown(
        areal_density_kg_m2=as_float(np.broadcast_to(as_float(areal_density_kg_m2), shape)),
        trapped_protons=as_float(np.broadcast_to(p, shape)),
        trapped_electrons=as_float(np.broadcast_to(e, shape)),
        bremsstrahlung=as_float(np.broadcast_to(b, shape)),
        cosmic_rays=as_float(np.broadcast_to(gcr, shape)),
        solar_protons=as_float(np.broadcast_to(spe, shape)),
    )


def dose_table(
    altitudes_m: Any,
    areal_densities_kg_m2: Any,
    params: RadiationParams | None = None,
    inclination_deg: float | None = None,
) -> list[dict[str, float]]:
    """Annual dose in silicon against altitude for several shield depths (the issue's table).

    Parameters
    ----------
    altitudes_m : array_like
        Orbit altitudes [m].
    areal_densities_kg_m2 : array_like
        Shield areal densities [kg/m²].
    params : RadiationParams, optional
        Default: the table's central values.
    inclination_deg : float, optional
        Default: sun-synchronous at each altitude.

    Returns
    -------
    list of dict
        One row per (altitude, depth): ``altitude_km``, ``inclination_deg``,
        ``shielding_g_cm2``, the parts and ``total`` [rad(Si)/yr].
    """
    params = params or RadiationParams.from_table()
    rows = []
    depths = np.atleast_1d(as_float(areal_densities_kg_m2))
    for h in np.atleast_1d(as_float(altitudes_m)):
        env = orbit_environment(
            float(h), inclination_deg, cutoff_coefficient_gv=params.cutoff_coefficient_gv
        )
        dose = dose_breakdown(env, depths, params)
        for k, x in enumerate(depths):
            rows.append(
                {
                    "altitude_km": float(h) / 1e3,
                    "inclination_deg": env.inclination_deg,
                    "shielding_g_cm2": float(x) / 10.0,
                    "trapped_protons": float(dose.trapped_protons[k]) * 100.0,
                    "trapped_electrons": float(dose.trapped_electrons[k] + dose.bremsstrahlung[k])
                    * 100.0,
                    "cosmic_rays": float(dose.cosmic_rays[k]) * 100.0,
                    "solar_protons": float(dose.solar_protons[k]) * 100.0,
                    "total": float(dose.total[k]) * 100.0,
                }
            )
    return rows


def parse_shielding(text: str, option: str = "--shielding") -> float:
    """A shield written as a thickness with a material, or as an areal density [kg/m²].

    Parameters
    ----------
    text : str
        ``"3 mm Al"``, ``"0.5 cm tantalum"``, ``"3 mm"`` (aluminium) or ``"0.81 g/cm^2"``
        (aluminium equivalent).
    option : str, optional
        Name quoted in errors.

    Returns
    -------
    float
        Areal density [kg/m²]. A material other than aluminium counts by its areal density
        (mass stopping powers differ by < 15 % between Al and Ti/Cu for protons of 10-100
        MeV, PSTAR; more for electrons and heavy metals, which this ignores).

    Raises
    ------
    InputError
        For text that is neither, a material not known or a negative value.
    """
    from terawatt.units import registry  # noqa: PLC0415

    expected = (
        "a thickness with a unit and an optional material, e.g. '3 mm Al', or an areal "
        f"density, e.g. '0.81 g/cm^2'; materials: {', '.join(sorted(rp.MATERIAL_DENSITY_G_CM3))}"
    )
    words = str(text).strip().split()
    material = "aluminium"
    if len(words) >= 2 and words[-1].lower() in rp.MATERIAL_DENSITY_G_CM3:
        material = words[-1].lower()
        words = words[:-1]
    ureg = registry()
    try:
        quantity = ureg.Quantity(" ".join(words))
    except Exception as exc:
        raise InputError(option, text, expected) from exc
    try:
        finite = hasattr(quantity, "dimensionality") and np.isfinite(float(quantity.magnitude))
    except (OverflowError, TypeError, ValueError):  # a number past float's range
        finite = False
    if not finite:
        raise InputError(option, text, expected)
    if quantity.dimensionality == ureg.meter.dimensionality:
        value = float(quantity.to("m").magnitude) * rp.MATERIAL_DENSITY_G_CM3[material] * 1e3
    elif quantity.dimensionality == (ureg.kilogram / ureg.meter**2).dimensionality:
        value = float(quantity.to("kg/m^2").magnitude)
    else:
        raise InputError(option, text, expected)
    if not 0.0 <= value <= MAX_AREAL_DENSITY_KG_M2:
        raise InputError(
            option, text, "a shield of 0-1000 kg/m^2 (0-100 g/cm^2, 0-37 cm of aluminium)"
        )
    return value
