r"""C12: solar power in orbit yields several times (Google: up to 8x) that on the ground.

The same panel (same silicon cells, same STC efficiency, same temperature coefficient)
is put (a) in a dawn-dusk sun-synchronous orbit, pointing at the Sun, and (b) on the
ground at a real site (:mod:`terawatt.earth.groundsolar`), and its mean annual DC energy
over each side's design life is compared.

Orbit: :math:`\bar E_\mathrm{orbit} = S_0\,f_\mathrm{sun}\,[1 + \gamma (T_\mathrm{orbit}
- 25\,°\mathrm{C})]\,s\,D(d_o, L_o)` with the IAU solar constant :math:`S_0` = 1361 W/m²,
the annual sunlit fraction :math:`f_\mathrm{sun}` (`terawatt.physics.sunlight.sunlight_stats`),
the array's operating temperature, the AM0/AM1.5G efficiency ratio :math:`s` of a silicon
cell (it is rated under the ground spectrum) and the life-mean degradation factor
:math:`D(d, L) = [(1 - d)^L - 1] / [L \ln(1 - d)]`. Ground: all-sky plane-of-array
irradiance with the site's temperature losses, times :math:`D(d_g, L_g)`. Both per unit STC
efficiency, so the efficiency cancels.

What "several times" is taken to mean
-------------------------------------
"Several" is more than "two or three": the claim holds in a sample if the orbit/ground
ratio is at least ``threshold`` (default 3). The probability is the share of Monte Carlo
samples that reach it, each drawing (one sampler, name-keyed streams):

- the ground site, a structural choice (stream ``c12.site``): one of the shipped sites,
  weighted by where solar is built (``ground_solar.site_weight.*``: the GW of PV installed
  in the site's country, IRENA 2025), or equally (``site_weighting="equal"``);
- the mounting, a structural choice (stream ``c12.mounting``): single-axis trackers with
  the share ``ground_solar.tracker_share`` of utility PV (~0.4), else fixed at latitude tilt;
- the site's long-term GHI (normal, the site's relative 1-sigma uncertainty, 4-8 % in the
  Global Solar Atlas technical report);
- the temperature coefficient shared by orbit and ground
  (``orbital_solar.temperature_coefficient``), the orbit cell temperature
  (``orbital_solar.cell_temperature``), the AM0 spectral ratio of silicon
  (``orbital_solar.am0_efficiency_ratio.silicon``);
- degradation over the design life on each side: orbit ``fleet.array_degradation`` over
  ``orbit.design_life``, ground ``ground_solar.degradation`` over ``ground_solar.design_life``.

Every range is a default of the parameter table, with its source. Google's "up to 8x" is
checked separately: the central ratio for each site and mounting, and the ground yield that
8x implies.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np

from terawatt.claims.verdict import (
    FAILS_AT_OR_BELOW,
    HOLDS_AT_OR_ABOVE,
    Assumption,
    Number,
    Verdict,
)
from terawatt.earth import groundsites, groundsolar
from terawatt.earth.groundsites import Site
from terawatt.earth.groundsolar import MOUNTINGS, OVERCAST_CLEAR_SKY_INDEX, YEAR, Mounting
from terawatt.errors import InputError
from terawatt.parameters.distributions import (
    Distribution,
    Normal,
    Uniform,
    parameter_generator,
    sample_table,
)
from terawatt.parameters.table import DIST_TYPES, central, load_parameter_table
from terawatt.physics import solar, sunlight
from terawatt.physics.constants import J_PER_KWH, JULIAN_YEAR_S
from terawatt.physics.solar import OrbitPointing
from terawatt.typing import ArrayLike, FloatArray, as_float
from terawatt.validate import checked

__all__ = ["STATEMENT", "evaluate", "life_mean_factor"]

STATEMENT = (
    "Solar power in orbit yields several times (Google's figure: up to 8x) the energy of "
    "the same panel on the ground."
)

#: Parameter-table entries of the drawn inputs (their defaults are the distributions).
CELL_TEMPERATURE_PARAMETER = "orbital_solar.cell_temperature"
TEMPERATURE_COEFFICIENT_PARAMETER = "orbital_solar.temperature_coefficient"
SPECTRAL_PARAMETER = "orbital_solar.am0_efficiency_ratio.silicon"
ORBIT_DEGRADATION_PARAMETER = "fleet.array_degradation"
ORBIT_LIFE_PARAMETER = "orbit.design_life"
GROUND_DEGRADATION_PARAMETER = "ground_solar.degradation"
GROUND_LIFE_PARAMETER = "ground_solar.design_life"
TRACKER_SHARE_PARAMETER = "ground_solar.tracker_share"
#: Prefix of the sites' weights in the table (``ground_solar.site_weight.<key>``).
SITE_WEIGHT_PREFIX = "ground_solar.site_weight."
#: Stream names of the structural choices and of the GHI anomaly (one draw a sample each).
_SITE_STREAM = "c12.site"
_MOUNTING_STREAM = "c12.mounting"
_GHI_ANOMALY = "c12.ghi_anomaly"
#: Table entries drawn with their table distributions (spectrum, degradation, lives).
_DRAWN = (
    SPECTRAL_PARAMETER,
    ORBIT_DEGRADATION_PARAMETER,
    ORBIT_LIFE_PARAMETER,
    GROUND_DEGRADATION_PARAMETER,
    GROUND_LIFE_PARAMETER,
)
#: Google's figure: "up to 8x" the productivity of the same panel on the ground.
GOOGLE_RATIO = 8.0

SiteWeighting = Literal["capacity", "equal"]
_KWH_YR_PER_W = JULIAN_YEAR_S / J_PER_KWH  # annual-mean W/m² -> kWh/m²/yr

SOURCES = (
    (
        "Google, 'Towards a future space-based, highly scalable AI infrastructure system "
        "design' (Project Suncatcher, arXiv:2511.19468, 2025): dawn-dusk SSO ~650 km, solar "
        "'up to 8x' as productive (secondary)"
    ),
    "IAU 2015 Resolution B3: nominal total solar irradiance 1361 W/m^2",
    (
        "pvlib python 0.16 (Holmgren et al. 2018, JOSS 3, 884): NREL SPA, Ineichen-Perez clear "
        "sky with the SoDa/Remund Linke turbidity climatology, Perez 1990 transposition, SAPM "
        "cell temperature (King et al. 2004, SAND2004-3535)"
    ),
    "Kasten & Czeplak (1980), Solar Energy 24, 177-189: overcast-sky irradiance",
    (
        "Site GHI and climate: terawatt/data/solar_sites.yaml (Global Solar Atlas, NREL "
        "NSRDB, DWD, PVGIS; each value with its source, approximate readings marked)"
    ),
    "NREL PVWatts Version 5 Manual (Dobos 2014, NREL/TP-6A20-62641): temperature coefficient",
    "ASTM G173-03 reference spectra (AM0 and AM1.5G): the silicon cell's AM0/AM1.5G ratio",
    "IRENA, Renewable Capacity Statistics 2025: solar PV by country (site weights)",
    (
        "Wood Mackenzie (2024) tracker shipments, IEA PVPS Snapshot 2024, LBNL Utility-Scale "
        "Solar 2024: tracker share of utility PV"
    ),
    (
        "Jordan & Kurtz (2013), Prog. Photovolt. 21, 12-29; Jordan et al. (2016), Prog. "
        "Photovolt. 24, 978-989: ground module degradation; Wiser, Bolinger & Seel (LBNL "
        "2020): utility PV lifetimes"
    ),
)


def life_mean_factor(degradation_per_year: ArrayLike, life_years: ArrayLike) -> FloatArray:
    r"""Mean power over a life of ``L`` years, losing a share ``d`` a year, over the first year's.

    .. math:: D(d, L) = \frac1L \int_0^L (1 - d)^t\,dt = \frac{(1 - d)^L - 1}{L \ln(1 - d)},
              \qquad D(0, L) = 1.

    Parameters
    ----------
    degradation_per_year : array_like
        Loss of power per year, in [0, 1) [1/yr].
    life_years : array_like
        Design life, > 0 [yr].

    Returns
    -------
    FloatArray
        :math:`D` [-], in (0, 1]; about :math:`1 - dL/2` for small :math:`dL`.
    """
    d = checked("degradation_per_year", degradation_per_year, low=0.0, high=1.0, high_open=True)
    life = checked("life_years", life_years, low=0.0, low_open=True)
    log = np.log1p(-d)
    x = life * log  # <= 0
    # expm1(x)/x -> 1 as x -> 0 (no degradation)
    safe = np.where(x == 0.0, 1.0, x)
    return as_float(np.where(x == 0.0, 1.0, np.expm1(x) / safe))


def _table_range(name: str) -> tuple[float, float]:
    """The (low, high) of a uniform default of the parameter table."""
    default = load_parameter_table()[name].default
    if not isinstance(default, Uniform):
        raise InputError(name, default, "a uniform distribution in the parameter table")
    return default.low, default.high


def _table_distribution(name: str) -> Distribution:
    default = load_parameter_table()[name].default
    if not isinstance(default, DIST_TYPES):
        raise InputError(name, default, "a numeric default in the parameter table")
    return default


def _describe(dist: Distribution) -> str:
    """A distribution as short text: its kind and parameters (``triangular 25/30/35``)."""
    fields = dist.model_dump()
    kind = fields.pop("dist")
    return f"{kind} " + "/".join(f"{v:g}" for v in fields.values())


def _range(name: str, value: tuple[float, float], low: float, high: float) -> tuple[float, float]:
    pair = checked(name, value, low=low, high=high)
    if pair.shape != (2,) or pair[0] > pair[1]:
        raise InputError(name, value, "a (low, high) pair with low <= high")
    return float(pair[0]), float(pair[1])


def _sites(sites: Sequence[str | Site] | None) -> list[Site]:
    chosen = list(groundsites.load_sites() if sites is None else sites)
    if isinstance(sites, str) or not chosen:
        raise InputError("sites", sites, "a non-empty list of site keys or Site objects")
    unique: dict[str, Site] = {}
    for s in chosen:
        where = groundsites.site(s)
        unique.setdefault(where.key, where)
    return list(unique.values())


def _site_weights(chosen: list[Site], weighting: SiteWeighting) -> FloatArray:
    """Normalized weights of the chosen sites: equal, or the table's capacity weights."""
    if weighting == "equal":
        return as_float(np.full(len(chosen), 1.0 / len(chosen)))
    if weighting != "capacity":
        raise InputError("site_weighting", weighting, "'capacity' or 'equal'")
    table = load_parameter_table()
    missing = [w.key for w in chosen if SITE_WEIGHT_PREFIX + w.key not in table]
    if missing:
        raise InputError(
            "sites", missing, f"sites with a {SITE_WEIGHT_PREFIX}<key> weight, or 'equal'"
        )
    weights = np.array([central(SITE_WEIGHT_PREFIX + w.key) for w in chosen])
    if not weights.sum() > 0.0:
        raise InputError("sites", [w.key for w in chosen], "sites with a positive total weight")
    return as_float(weights / weights.sum())


def _sampled_ratio(
    chosen: list[Site],
    weights: FloatArray,
    tracking: Mounting | None,
    tracker_share: float,
    orbit_w: float,
    ranges: tuple[tuple[float, float], tuple[float, float]],
    samples: int,
    seed: int,
) -> FloatArray:
    """Orbit/ground lifetime-yield ratio of each sample (site and mounting drawn)."""
    (t_lo, t_hi), (g_lo, g_hi) = ranges
    # one sampler, name-keyed streams: a draw depends on the seed, its name and its index
    draws = sample_table(
        {
            TEMPERATURE_COEFFICIENT_PARAMETER: Uniform(low=g_lo, high=g_hi),
            CELL_TEMPERATURE_PARAMETER: Uniform(low=t_lo, high=t_hi),
            **{name: _table_distribution(name) for name in _DRAWN},
            _GHI_ANOMALY: Normal(mean=0.0, sd=1.0),
        },
        samples,
        seed,
    )
    # structural choices: categorical draws from named uniform streams
    u_site = parameter_generator(seed, _SITE_STREAM).random(samples)
    which = np.minimum(np.searchsorted(np.cumsum(weights), u_site, side="right"), len(chosen) - 1)
    if tracking is None:
        tracked = parameter_generator(seed, _MOUNTING_STREAM).random(samples) < tracker_share
    else:
        tracked = np.full(samples, tracking == "single-axis")
    gamma = draws[TEMPERATURE_COEFFICIENT_PARAMETER]
    spectral = draws[SPECTRAL_PARAMETER]
    life_orbit = life_mean_factor(draws[ORBIT_DEGRADATION_PARAMETER], draws[ORBIT_LIFE_PARAMETER])
    life_ground = life_mean_factor(
        draws[GROUND_DEGRADATION_PARAMETER], draws[GROUND_LIFE_PARAMETER]
    )
    orbit_eff = (
        solar.temperature_corrected_irradiance_w_per_m2(
            orbit_w, draws[CELL_TEMPERATURE_PARAMETER], gamma
        )
        * spectral
        * life_orbit
    )

    k_low = OVERCAST_CLEAR_SKY_INDEX + 1e-3
    ground = np.empty(samples)
    for i, where in enumerate(chosen):  # a handful of sites and two mountings
        for mounting in MOUNTINGS:
            m = (which == i) & (tracked == (mounting == "single-axis"))
            if not m.any():
                continue
            g = groundsolar.ground_yield(where, mounting)
            k = np.clip(
                g.clear_sky_index * (1.0 + where.ghi_relative_uncertainty * draws[_GHI_ANOMALY][m]),
                k_low,
                groundsolar.MAX_CLEAR_SKY_INDEX,
            )
            ground[m] = g.effective_irradiance_w_per_m2(gamma[m], k)
    return as_float(orbit_eff / (ground * life_ground))


def evaluate(
    *,
    sites: Sequence[str | Site] | None = None,
    site_weighting: SiteWeighting = "capacity",
    tracking: Mounting | None = None,
    altitude_m: float | None = None,
    ltan_h: float | None = None,
    threshold: float = 3.0,
    orbit_pointing: OrbitPointing = "sun",
    orbit_cell_temperature_c: tuple[float, float] | None = None,
    temperature_coefficient_per_k: tuple[float, float] | None = None,
    samples: int = 4000,
    seed: int = 0,
) -> Verdict:
    r"""Verdict on C12: P(orbit/ground lifetime-yield ratio ≥ ``threshold``).

    Parameters
    ----------
    sites : sequence of str or Site, optional
        Ground sites the drawn site is chosen from. Default: every shipped site
        (Atacama, Phoenix, Riyadh, Golmud, central Germany, London). ``["london"]`` asks
        about a cloudy site alone.
    site_weighting : {"capacity", "equal"}
        Weight of each site: the GW of PV installed in its country (the table's
        ``ground_solar.site_weight.<key>``: where solar is built), or equal weights.
    tracking : {"single-axis", "fixed"}, optional
        Ground mounting; drawn by default (single-axis with the table's
        ``ground_solar.tracker_share``, else fixed at latitude tilt).
    altitude_m : float, optional
        Orbit altitude [m]; the table's ``satellite.orbit.altitude`` by default (Google's
        Suncatcher: ~650 km).
    ltan_h : float, optional
        Local time of the ascending node [h]; 18 is dawn-dusk; the table's
        ``satellite.orbit.ltan`` by default.
    threshold : float
        The ratio "several times" must reach [-]; 8 tests Google's figure.
    orbit_pointing : {"sun", "orbit-normal"}
        Orbit panel pointed at the Sun, or fixed along the orbit normal.
    orbit_cell_temperature_c : (float, float), optional
        Range of the orbit cell temperature [°C], drawn uniformly; default the table's
        ``orbital_solar.cell_temperature`` (60-80 °C).
    temperature_coefficient_per_k : (float, float), optional
        Range of the panel's power temperature coefficient [1/K], drawn uniformly; default
        the table's ``orbital_solar.temperature_coefficient`` (−0.0040 to −0.0030).
    samples, seed : int
        Monte Carlo size and seed.

    Returns
    -------
    Verdict
        Probability that the ratio reaches ``threshold``; numbers: its median and 90 %
        range, the thresholds at which the verdict flips, the central ratio for every site
        and mounting, and the ground yield that 8x implies.

    Notes
    -----
    Per sample :math:`j`, with the drawn site :math:`i_j` and mounting :math:`m_j`,

    .. math:: R_j = \frac{S_0 f_\mathrm{sun} [1 + \gamma_j (T_j - 25)]\, s_j\,
              D(d_{o,j}, L_{o,j})}{\bar E_{\mathrm{eff},i_j m_j}(\gamma_j, k_j)\,
              D(d_{g,j}, L_{g,j})}, \qquad k_j = k_{i_j} (1 + u_{i_j} z_j),

    and the claim holds in sample :math:`j` if :math:`R_j` ≥ threshold. The verdict is
    *holds* for thresholds up to the 10th percentile of :math:`R` and *fails* from the
    90th percentile on.
    """
    chosen = _sites(sites)
    weights = _site_weights(chosen, site_weighting)
    if tracking is not None and tracking not in MOUNTINGS:
        raise InputError("tracking", tracking, f"None or one of {', '.join(map(repr, MOUNTINGS))}")
    threshold_ = float(checked("threshold", threshold, low=1.0, low_open=True))
    if orbit_cell_temperature_c is None:
        orbit_cell_temperature_c = _table_range(CELL_TEMPERATURE_PARAMETER)
    if temperature_coefficient_per_k is None:
        temperature_coefficient_per_k = _table_range(TEMPERATURE_COEFFICIENT_PARAMETER)
    t_lo, t_hi = _range("orbit_cell_temperature_c", orbit_cell_temperature_c, -100.0, 200.0)
    g_lo, g_hi = _range("temperature_coefficient_per_k", temperature_coefficient_per_k, -0.02, 0.01)
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
        raise InputError("samples", samples, "an int >= 1")
    kind = solar.orbit_pointing(orbit_pointing)
    altitude_m = central("satellite.orbit.altitude") if altitude_m is None else altitude_m
    ltan_h = central("satellite.orbit.ltan") if ltan_h is None else ltan_h
    tracker_share = float(central(TRACKER_SHARE_PARAMETER))

    orbit_w = solar.orbit_irradiance_w_per_m2(altitude_m, ltan_h, year=YEAR, pointing=kind)
    sunlit = float(sunlight.sunlight_stats(altitude_m, ltan_h, YEAR).sunlit_fraction)
    ratio = _sampled_ratio(
        chosen,
        weights,
        tracking,
        tracker_share,
        orbit_w,
        ((t_lo, t_hi), (g_lo, g_hi)),
        samples,
        seed,
    )
    p = float(np.mean(ratio >= threshold_))
    p5, p10, p50, p90, p95 = (float(x) for x in np.percentile(ratio, [5, 10, 50, 90, 95]))
    p_google = float(np.mean(ratio >= GOOGLE_RATIO))

    # Central case (every input at its central value) for every chosen site and mounting.
    t_mid, g_mid = 0.5 * (t_lo + t_hi), 0.5 * (g_lo + g_hi)
    orbit_life_mid = float(
        life_mean_factor(central(ORBIT_DEGRADATION_PARAMETER), central(ORBIT_LIFE_PARAMETER))
    )
    ground_life_mid = float(
        life_mean_factor(central(GROUND_DEGRADATION_PARAMETER), central(GROUND_LIFE_PARAMETER))
    )
    orbit_mid = float(solar.temperature_corrected_irradiance_w_per_m2(orbit_w, t_mid, g_mid)) * (
        central(SPECTRAL_PARAMETER) * orbit_life_mid
    )
    ground_mid = {
        (w.key, m): float(groundsolar.ground_yield(w, m).effective_irradiance_w_per_m2(g_mid))
        * ground_life_mid
        for w in chosen
        for m in MOUNTINGS
    }
    ratio_mid = {key: orbit_mid / g for key, g in ground_mid.items()}
    (lo_key, lo_m), lo = min(ratio_mid.items(), key=lambda kv: kv[1])
    (hi_key, hi_m), hi = max(ratio_mid.items(), key=lambda kv: kv[1])
    reach_8 = sorted(f"{k} ({m})" for (k, m), r in ratio_mid.items() if r >= GOOGLE_RATIO * 0.95)

    weighting = "equal weights" if site_weighting == "equal" else "weighted by PV built"
    mount_text = (
        f"single-axis trackers with P = {tracker_share:g}, else fixed"
        if tracking is None
        else f"{tracking} mounts"
    )
    summary = (
        f"A {kind}-pointing silicon panel in a {altitude_m / 1e3:.0f} km orbit (LTAN "
        f"{ltan_h:g} h, sunlit {sunlit:.1%} of the year) yields {orbit_mid * _KWH_YR_PER_W:,.0f} "
        f"kWh/m^2/yr per unit STC efficiency over its life (cells at {t_lo:g}-{t_hi:g} C, "
        f"AM0 spectrum, degradation). Against the same panel at a drawn site "
        f"({', '.join(w.key for w in chosen)}; {weighting}) on {mount_text}, the ratio "
        f"has median {p50:.1f}x (90 % range {p5:.1f}-{p95:.1f}); central cases span "
        f"{lo:.1f}x ({lo_key}, {lo_m}) to {hi:.1f}x ({hi_key}, {hi_m}). "
        f"P(ratio >= {threshold_:g}) = {p:.2f}: holds for thresholds up to {p10:.1f}x, fails "
        f"from {p90:.1f}x. Google's 'up to 8x' needs a ground yield of "
        f"{orbit_mid / GOOGLE_RATIO * _KWH_YR_PER_W:,.0f} kWh/m^2/yr; within 5 % of it: "
        f"{', '.join(reach_8) or 'none of the chosen sites'}."
    )
    numbers = [
        Number("orbit_sunlit_fraction", sunlit, "1", "annual sunlit fraction of the orbit"),
        Number(
            "orbit_insolation",
            orbit_w * _KWH_YR_PER_W,
            "kWh/m^2/yr",
            f"irradiation on the {kind}-pointing orbit panel",
        ),
        Number(
            "orbit_yield",
            orbit_mid * _KWH_YR_PER_W,
            "kWh/m^2/yr",
            "per unit STC efficiency: temperature, AM0 spectrum and life-mean degradation, "
            "central values",
        ),
        Number("ratio_p50", p50, "1", "orbit/ground lifetime yield, median over all draws"),
        Number("ratio_p5", p5, "1", "5th percentile"),
        Number("ratio_p95", p95, "1", "95th percentile"),
        Number(
            "threshold_holds_up_to",
            p10,
            "1",
            f"largest threshold with P >= {HOLDS_AT_OR_ABOVE:g} (10th percentile of the ratio)",
        ),
        Number(
            "threshold_fails_from",
            p90,
            "1",
            f"smallest threshold with P <= {FAILS_AT_OR_BELOW:g} (90th percentile of the ratio)",
        ),
        Number("p_ratio_ge_8", p_google, "1", "P(ratio >= Google's 8x)"),
        Number("orbit_life_factor", orbit_life_mid, "1", "life-mean over first-year power, orbit"),
        Number("ground_life_factor", ground_life_mid, "1", "life-mean over first-year, ground"),
    ]
    for i, w in enumerate(chosen):
        numbers.append(Number(f"weight_{w.key}", float(weights[i]), "1", f"{w.name}: weight"))
        for m in MOUNTINGS:
            tag = m.replace("-", "_")
            numbers += [
                Number(
                    f"ratio_{w.key}_{tag}", ratio_mid[(w.key, m)], "1", f"{w.name}, {m}: central"
                ),
                Number(
                    f"ground_yield_{w.key}_{tag}",
                    ground_mid[(w.key, m)] * _KWH_YR_PER_W,
                    "kWh/m^2/yr",
                    f"{w.name}, {m}: all-sky, temperature-corrected, life-mean, per unit "
                    "efficiency",
                ),
                Number(
                    f"ratio_insolation_{w.key}_{tag}",
                    orbit_w / float(groundsolar.ground_yield(w, m).poa_w_per_m2()),
                    "1",
                    f"{w.name}, {m}: irradiation only (no temperature, spectrum, degradation)",
                ),
            ]
    numbers += [
        Number("ratio_min_all", lo, "1", f"lowest central case: {lo_key}, {lo_m}"),
        Number("ratio_max_all", hi, "1", f"highest central case: {hi_key}, {hi_m}"),
        Number(
            "ground_yield_for_8x",
            orbit_mid / GOOGLE_RATIO * _KWH_YR_PER_W,
            "kWh/m^2/yr",
            "ground yield at which orbit/ground = 8; within 5 %: " + (", ".join(reach_8) or "none"),
        ),
    ]
    table = load_parameter_table()
    return Verdict(
        id="C12",
        statement=STATEMENT,
        probability=p,
        summary=summary,
        numbers=tuple(numbers),
        assumptions=(
            Assumption(
                "threshold",
                threshold_,
                "1",
                "'several times' read as >= 3x: 'several' is more than 'two or three'",
                deciding=True,
            ),
            Assumption(
                "sites",
                ", ".join(f"{w.key} {weights[i]:.3f}" for i, w in enumerate(chosen)),
                "",
                "drawn per sample; "
                + (
                    "equal weights"
                    if site_weighting == "equal"
                    else "weights: GW of PV installed in the site's country (IRENA 2025)"
                ),
                deciding=True,
            ),
            Assumption(
                "tracking",
                "drawn" if tracking is None else tracking,
                "",
                f"single-axis share of utility PV {tracker_share:g} "
                f"({table[TRACKER_SHARE_PARAMETER].source.split(':')[0]})"
                if tracking is None
                else "ground mounting fixed by the caller",
                deciding=True,
            ),
            Assumption(
                "orbit_cell_temperature_c",
                f"{t_lo:g}-{t_hi:g}",
                "degC",
                "estimate: sun-pointing LEO arrays ~60-80 C; radiative balance ~50 C",
                deciding=True,
            ),
            Assumption(
                "temperature_coefficient_per_k",
                f"{g_lo:g} to {g_hi:g}",
                "1/K",
                "PVWatts v5 manual (Dobos 2014): -0.35 %/K premium c-Si",
            ),
            *(
                Assumption(
                    name, _describe(_table_distribution(name)), table[name].unit, table[name].source
                )
                for name in _DRAWN
            ),
            Assumption("altitude_m", altitude_m, "m", "Google Suncatcher: ~650 km dawn-dusk SSO"),
            Assumption("ltan_h", ltan_h, "h", "dawn-dusk orbit"),
            Assumption(
                "orbit_pointing", kind, "", "sun-pointing array (or fixed on the orbit normal)"
            ),
            Assumption(
                "overcast_clear_sky_index",
                OVERCAST_CLEAR_SKY_INDEX,
                "1",
                "Kasten & Czeplak (1980): overcast GHI = 0.25 x clear sky (two-state sky)",
            ),
            Assumption("year", YEAR, "", "hourly year computed; the turbidity is a climatology"),
        ),
        sources=SOURCES,
    )
