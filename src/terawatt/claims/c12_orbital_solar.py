r"""C12: solar power in orbit yields several times (Google: up to 8x) that on the ground.

The same panel (same cells, same STC efficiency, same temperature coefficient) is put
(a) in a dawn-dusk sun-synchronous orbit, pointing at the Sun, and (b) on the ground at
real sites (:mod:`terawatt.earth.groundsolar`), and its annual DC energy is compared.

Orbit: :math:`\bar E_\mathrm{orbit} = S_0\,f_\mathrm{sun}\,[1 + \gamma (T_\mathrm{orbit}
- 25\,°\mathrm{C})]` with the IAU solar constant :math:`S_0` = 1361 W/m², the annual sunlit
fraction :math:`f_\mathrm{sun}` of the orbit (`terawatt.physics.sunlight.sunlight_stats`) and
the array's operating temperature. Ground: all-sky plane-of-array irradiance with the
site's temperature losses. Both per unit STC efficiency, so the efficiency cancels.

What "several times" is taken to mean
-------------------------------------
The claim holds if the orbit/ground ratio is at least ``threshold`` (default 3: "several"
is more than "two or three") at a *typical good solar site*: the median ratio over the
ground sites chosen (default: the four sun-belt sites where utility plants are built --
Atacama, Phoenix, Riyadh, Golmud), with the panel mounted as such plants mount it (on
single-axis trackers). The probability is the share of Monte Carlo samples in which that
median ratio reaches the threshold, drawing the uncertain inputs:

- the site's long-term GHI, hence its clear-sky index: normal with the site's relative
  1-sigma uncertainty (4-8 % in the Global Solar Atlas technical report), per site;
- the temperature coefficient of the panel, shared by orbit and ground (same panel):
  uniform in −0.40 … −0.30 %/K (PVWatts v5 manual: −0.35 %/K for a "premium" module;
  ``orbital_solar.temperature_coefficient`` in the parameter table);
- the array's cell temperature in orbit: uniform in 60 … 80 °C (estimate,
  ``orbital_solar.cell_temperature``).

The model (irradiance in orbit, temperature derating) is in :mod:`terawatt.physics.solar`;
the ranges are defaults of the parameter table, with their sources.

Google's "up to 8x" is checked separately: the ratio for each site and mounting, and the
ground yield that 8x implies.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from terawatt.claims.verdict import Assumption, Number, Verdict
from terawatt.earth import groundsites, groundsolar
from terawatt.earth.groundsites import Site
from terawatt.earth.groundsolar import MOUNTINGS, OVERCAST_CLEAR_SKY_INDEX, YEAR, Mounting
from terawatt.errors import InputError
from terawatt.parameters.distributions import Normal, Uniform, sample_table
from terawatt.parameters.table import load_parameter_table
from terawatt.physics import solar, sunlight
from terawatt.physics.constants import JULIAN_YEAR_S
from terawatt.physics.solar import OrbitPointing
from terawatt.validate import checked

__all__ = ["GOOD_SOLAR_SITES", "STATEMENT", "evaluate"]

STATEMENT = (
    "Solar power in orbit yields several times (Google's figure: up to 8x) the energy of "
    "the same panel on the ground."
)

#: Ground sites of the default comparison: the sun-belt sites where utility PV is built.
GOOD_SOLAR_SITES = ("atacama", "phoenix", "riyadh", "golmud")
#: Parameter-table entries of the two uniformly drawn ranges (defaults of ``evaluate``).
CELL_TEMPERATURE_PARAMETER = "orbital_solar.cell_temperature"
TEMPERATURE_COEFFICIENT_PARAMETER = "orbital_solar.temperature_coefficient"
#: Stream name of a site's relative anomaly of irradiance (one standard normal draw a sample).
_GHI_ANOMALY = "c12.ghi_anomaly"
#: Google's figure: "up to 8x" the productivity of the same panel on the ground.
GOOGLE_RATIO = 8.0

_KWH_YR_PER_W = JULIAN_YEAR_S / 3.6e6  # annual-mean W/m² -> kWh/m²/yr

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
)


def _table_range(name: str) -> tuple[float, float]:
    """The (low, high) of a uniform default of the parameter table."""
    default = load_parameter_table()[name].default
    if not isinstance(default, Uniform):
        raise InputError(name, default, "a uniform distribution in the parameter table")
    return default.low, default.high


def _table_central(name: str, value: float | None) -> float:
    """``value``, or the central value of a parameter-table entry for None."""
    if value is not None:
        return value
    default = load_parameter_table()[name].default
    if isinstance(default, str | int):
        raise InputError(name, default, "a numeric default in the parameter table")
    return default.central()


def _range(name: str, value: tuple[float, float], low: float, high: float) -> tuple[float, float]:
    pair = checked(name, value, low=low, high=high)
    if pair.shape != (2,) or pair[0] > pair[1]:
        raise InputError(name, value, "a (low, high) pair with low <= high")
    return float(pair[0]), float(pair[1])


def _sites(sites: Sequence[str | Site] | None) -> list[Site]:
    chosen = list(GOOD_SOLAR_SITES if sites is None else sites)
    if isinstance(sites, str) or not chosen:
        raise InputError("sites", sites, "a non-empty list of site keys or Site objects")
    unique: dict[str, Site] = {}
    for s in chosen:
        where = groundsites.site(s)
        unique.setdefault(where.key, where)
    return list(unique.values())


def evaluate(
    *,
    sites: Sequence[str | Site] | None = None,
    altitude_m: float | None = None,
    ltan_h: float | None = None,
    tracking: Mounting = "single-axis",
    threshold: float = 3.0,
    orbit_pointing: OrbitPointing = "sun",
    orbit_cell_temperature_c: tuple[float, float] | None = None,
    temperature_coefficient_per_k: tuple[float, float] | None = None,
    samples: int = 4000,
    seed: int = 0,
) -> Verdict:
    r"""Verdict on C12: P(orbit/ground yield ratio ≥ ``threshold`` at a typical good site).

    Parameters
    ----------
    sites : sequence of str or Site, optional
        Ground sites compared; the claim is judged on the median ratio over them. Default
        :data:`GOOD_SOLAR_SITES` (Atacama, Phoenix, Riyadh, Golmud). ``["london"]`` asks
        about a cloudy site.
    altitude_m : float, optional
        Orbit altitude [m]; the table's ``satellite.orbit.altitude`` by default (Google's
        Suncatcher: ~650 km).
    ltan_h : float, optional
        Local time of the ascending node [h]; 18 is dawn-dusk; the table's
        ``satellite.orbit.ltan`` by default.
    tracking : {"single-axis", "fixed"}
        Ground mounting: horizontal N-S single-axis trackers (as utility plants are built)
        or fixed at latitude tilt.
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
        Probability that the median ratio over ``sites`` reaches ``threshold``; numbers:
        per-site ratios (all-sky and clear-sky), the orbit yield, the range of the ratio
        over all shipped sites and both mountings, and the ground yield that 8x implies.

    Notes
    -----
    Per sample :math:`j` and site :math:`i`,

    .. math:: R_{ij} = \frac{S_0 f_\mathrm{sun} [1 + \gamma_j (T_j - 25)]}
              {\bar E_{\mathrm{eff},i}(\gamma_j, k_{ij})}, \qquad
              k_{ij} = k_i (1 + u_i z_{ij}),

    and the claim holds in sample :math:`j` if :math:`\mathrm{median}_i R_{ij}` ≥ threshold.
    """
    chosen = _sites(sites)
    if tracking not in MOUNTINGS:
        raise InputError("tracking", tracking, f"one of {', '.join(map(repr, MOUNTINGS))}")
    mounting: Mounting = tracking
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
    altitude_m = _table_central("satellite.orbit.altitude", altitude_m)
    ltan_h = _table_central("satellite.orbit.ltan", ltan_h)

    orbit_w = solar.orbit_irradiance_w_per_m2(altitude_m, ltan_h, year=YEAR, pointing=kind)
    sunlit = float(sunlight.sunlight_stats(altitude_m, ltan_h, YEAR).sunlit_fraction)
    # one sampler, name-keyed streams: a draw depends on the seed, its name and its index
    draws = sample_table(
        {
            TEMPERATURE_COEFFICIENT_PARAMETER: Uniform(low=g_lo, high=g_hi),
            CELL_TEMPERATURE_PARAMETER: Uniform(low=t_lo, high=t_hi),
            **{f"{_GHI_ANOMALY}.{where.key}": Normal(mean=0.0, sd=1.0) for where in chosen},
        },
        samples,
        seed,
    )
    gamma = draws[TEMPERATURE_COEFFICIENT_PARAMETER]
    t_orbit = draws[CELL_TEMPERATURE_PARAMETER]
    z = np.stack([draws[f"{_GHI_ANOMALY}.{where.key}"] for where in chosen], axis=1)
    orbit_eff = solar.temperature_corrected_irradiance_w_per_m2(orbit_w, t_orbit, gamma)

    k_low = OVERCAST_CLEAR_SKY_INDEX + 1e-3
    ratio = np.empty((samples, len(chosen)))
    ratio_clear = np.empty((samples, len(chosen)))
    ground_kwh: dict[str, float] = {}
    for i, where in enumerate(chosen):  # a handful of sites; samples vectorized
        g = groundsolar.ground_yield(where, mounting)
        k = np.clip(
            g.clear_sky_index * (1.0 + where.ghi_relative_uncertainty * z[:, i]),
            k_low,
            groundsolar.MAX_CLEAR_SKY_INDEX,
        )
        ratio[:, i] = orbit_eff / g.effective_irradiance_w_per_m2(gamma, k)
        ratio_clear[:, i] = orbit_eff / g.effective_irradiance_w_per_m2(gamma, 1.0)
        ground_kwh[where.key] = float(g.effective_irradiance_w_per_m2()) * _KWH_YR_PER_W
    typical = np.median(ratio, axis=1)
    p = float(np.mean(typical >= threshold_))
    p5, p50, p95 = (float(x) for x in np.percentile(typical, [5, 50, 95]))
    p_google = float(np.mean(typical >= GOOGLE_RATIO))

    # Central case over every shipped site and both mountings (no sampling): the range.
    t_mid, g_mid = 0.5 * (t_lo + t_hi), 0.5 * (g_lo + g_hi)
    orbit_mid = float(solar.temperature_corrected_irradiance_w_per_m2(orbit_w, t_mid, g_mid))
    central = {
        (key, m): orbit_mid
        / float(groundsolar.ground_yield(key, m).effective_irradiance_w_per_m2(g_mid))
        for key in groundsites.load_sites()
        for m in MOUNTINGS
    }
    (lo_key, lo_m), lo = min(central.items(), key=lambda kv: kv[1])
    (hi_key, hi_m), hi = max(central.items(), key=lambda kv: kv[1])
    reach_8 = sorted(f"{k} ({m})" for (k, m), r in central.items() if r >= GOOGLE_RATIO * 0.95)

    per_site = ", ".join(f"{w.key} {np.median(ratio[:, i]):.1f}x" for i, w in enumerate(chosen))
    summary = (
        f"A {kind}-pointing panel in a {altitude_m / 1e3:.0f} km orbit (LTAN {ltan_h:g} h, "
        f"sunlit {sunlit:.1%} of the year) yields {orbit_mid * _KWH_YR_PER_W:,.0f} kWh/m^2/yr "
        f"per unit efficiency at {t_lo:g}-{t_hi:g} C; on {mounting} mounts the same panel "
        f"gives {per_site}: median {p50:.1f}x (90 % range {p5:.1f}-{p95:.1f}). "
        f"Over all sites and mountings the ratio spans {lo:.1f}x ({lo_key}, {lo_m}) to "
        f"{hi:.1f}x ({hi_key}, {hi_m}); Google's 'up to 8x' needs a ground yield of "
        f"{orbit_mid / GOOGLE_RATIO * _KWH_YR_PER_W:,.0f} kWh/m^2/yr, which only "
        f"{', '.join(reach_8) or 'no shipped site'} comes within 5 % of. "
        f"P(ratio >= {threshold_:g} at the typical site) = {p:.2f}."
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
            "temperature-corrected, per unit STC efficiency, central temperature",
        ),
        Number("ratio_typical_p50", p50, "1", "median over sites of orbit/ground, median"),
        Number("ratio_typical_p5", p5, "1", "5th percentile"),
        Number("ratio_typical_p95", p95, "1", "95th percentile"),
        Number("p_ratio_ge_8", p_google, "1", "P(typical ratio >= Google's 8x)"),
    ]
    for i, w in enumerate(chosen):
        numbers += [
            Number(f"ratio_{w.key}", float(np.median(ratio[:, i])), "1", f"{w.name}, all-sky"),
            Number(
                f"ratio_{w.key}_clear_sky",
                float(np.median(ratio_clear[:, i])),
                "1",
                f"{w.name}, if every day were clear",
            ),
            Number(
                f"ratio_insolation_{w.key}",
                orbit_w / float(groundsolar.ground_yield(w, mounting).poa_w_per_m2()),
                "1",
                f"{w.name}: irradiation only (no temperature effects), all-sky",
            ),
            Number(
                f"ground_yield_{w.key}",
                ground_kwh[w.key],
                "kWh/m^2/yr",
                f"{mounting}, all-sky, temperature-corrected, per unit efficiency",
            ),
        ]
    numbers += [
        Number(
            "ratio_min_all", lo, "1", f"lowest over shipped sites and mountings: {lo_key}, {lo_m}"
        ),
        Number(
            "ratio_max_all", hi, "1", f"highest over shipped sites and mountings: {hi_key}, {hi_m}"
        ),
        Number(
            "ground_yield_for_8x",
            orbit_mid / GOOGLE_RATIO * _KWH_YR_PER_W,
            "kWh/m^2/yr",
            "ground yield at which orbit/ground = 8; within 5 %: " + (", ".join(reach_8) or "none"),
        ),
    ]
    return Verdict(
        id="C12",
        statement=STATEMENT,
        probability=p,
        summary=summary,
        numbers=tuple(numbers),
        assumptions=(
            Assumption(
                "sites",
                ", ".join(w.key for w in chosen),
                "",
                "default: the sun-belt sites where utility PV is built (solar_sites.yaml)",
                deciding=True,
            ),
            Assumption("tracking", mounting, "", "ground mounting compared", deciding=True),
            Assumption(
                "threshold", threshold_, "1", "'several times' read as >= 3x", deciding=True
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
