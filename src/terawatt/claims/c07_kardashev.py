r"""C7: lunar industry at >100 TW a year is real progress toward a Kardashev Type II civilisation.

The Kardashev level uses Sagan's interpolation, :math:`K = (\log_{10} P[\mathrm{W}] - 6)/10`
(:func:`terawatt.physics.kardashev.level`): humanity's ~19.6 TW is K ≈ 0.73, Type I is
1e16 W (K = 1), Type II 1e26 W (K = 2, about the Sun's 3.8e26 W).

How the probability is computed
-------------------------------
"Real progress toward Type II" is read as reaching Type I, K ≥ ``k_threshold`` (1.0), by
``by_year``: a civilisation cannot be on its way to using a star's output while it uses
less than a planet's sunlight. Per sample the AI power in operation on Earth, in orbit and
from the Moon (:func:`terawatt.scenario.moon.default_run`) is added to today's primary power
(held constant: the AI alone is judged) and the claim holds where its level reaches
``k_threshold``. The verdict also gives the share of the way from today's K to Type II
covered, in K and in watts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from terawatt.claims.c06_lunar_terawatts import moon_assumptions
from terawatt.claims.verdict import Assumption, Number, Verdict
from terawatt.errors import InputError
from terawatt.moon.kardashev_path import HUMANITY_PRIMARY_POWER_W
from terawatt.physics.constants import SOLAR_LUMINOSITY_IAU2015_W
from terawatt.physics.kardashev import TYPE_II_W, level
from terawatt.scenario.moon import default_run
from terawatt.validate import checked

__all__ = ["STATEMENT", "evaluate"]

STATEMENT = "That is real progress toward a Kardashev Type II civilisation."

SOURCES = (
    (
        "Kardashev, N. S. (1964), Soviet Astronomy 8, 217; Sagan, C., The Cosmic Connection "
        "(1973): "
        "K = (log10 P - 6)/10"
    ),
    (
        "Energy Institute, Statistical Review of World Energy 2024: ~620 EJ primary energy in 2023 "
        "(19.6 TW, K = 0.73; secondary)"
    ),
    "IAU 2015 Resolution B3: nominal solar luminosity 3.828e26 W",
    (
        "terawatt scenario engine (Earth and orbit) and terawatt.moon (lunar industry), "
        "defaults in "
        "the parameter table, terawatt/data/parameters/*.yaml"
    ),
)


def evaluate(
    *,
    seed: int = 0,
    k_threshold: float = 1.0,
    by_year: int = 2100,
    samples: int = 1000,
    overrides: Mapping[str, Any] | None = None,
) -> Verdict:
    """Verdict on C7: P(civilisation's K reaches ``k_threshold`` by ``by_year``).

    Parameters
    ----------
    seed : int
        Seed of every draw.
    k_threshold : float
        Level that counts as real progress toward Type II (1.0: Type I, 1e16 W).
    by_year : int
        Year by which it is judged.
    samples : int
        Monte Carlo samples (>= 10).
    overrides : Mapping, optional
        Parameter overrides, e.g. ``{"moon.productivity": "2/year_julian"}``.

    Returns
    -------
    Verdict
        Probability, K today and in ``by_year`` by site, the share of the way to Type II.
    """
    k_min = float(checked("k_threshold", k_threshold, low=0.0, high=4.0))
    if isinstance(by_year, bool) or not isinstance(by_year, int) or not 2026 <= by_year <= 2300:
        raise InputError("by_year", by_year, "a whole year in [2026, 2300]")
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 10:
        raise InputError("samples", samples, "an int >= 10")
    run = default_run(seed=seed, samples=samples, years=(2025, by_year), overrides=overrides)
    k_civ = run.path["k_civilisation"][:, -1]
    p = float(np.mean(k_civ >= k_min))
    k_now = float(level(HUMANITY_PRIMARY_POWER_W))
    k_ii = float(level(TYPE_II_W))
    k5, k50, k95 = (float(x) for x in np.percentile(k_civ, [5, 50, 95]))
    ai_final = run.path["ai_power_w"][:, -1]
    ai50 = float(np.median(ai_final))
    moon50 = float(np.median(run.flows["ai_power_installed_w"][:, -1]))
    earth50 = float(np.median(run.earth_w[:, -1]))
    orbit50 = float(np.median(run.orbit_w[:, -1]))
    share_sun = float(np.median(ai_final / SOLAR_LUMINOSITY_IAU2015_W))
    progress = (k50 - k_now) / (k_ii - k_now)
    summary = (
        f"In {by_year} the median AI power in operation is {ai50 / 1e12:,.1f} TW (Moon "
        f"{moon50 / 1e12:,.1f}, orbit {orbit50 / 1e12:,.2f}, Earth {earth50 / 1e12:,.2f} TW), "
        f"which with today's {HUMANITY_PRIMARY_POWER_W / 1e12:.1f} TW of primary power puts "
        f"civilisation at K = {k50:.3f} (90 % range {k5:.3f}-{k95:.3f}; today {k_now:.3f}): "
        f"{progress:.1%} of the way to Type II in K, and {share_sun:.1e} of the Sun's output "
        f"in watts. P(K >= {k_min:g} by {by_year}) = {p:.2f}. A lunar industry at 100 TW/yr "
        f"for a century reaches ~1e16 W, Type I; Type II is ten orders of magnitude beyond."
    )
    numbers = (
        Number("probability", p, "1", f"share of samples with K >= {k_min:g} in {by_year}"),
        Number("k_today", k_now, "1", "humanity's primary power, 19.6 TW"),
        Number("k_p50", k50, "1", f"civilisation's K in {by_year}, median"),
        Number("k_p5", k5, "1", "5th percentile"),
        Number("k_p95", k95, "1", "95th percentile"),
        Number("ai_power_w_p50", ai50, "W", f"AI power in operation in {by_year}, median"),
        Number("moon_ai_power_w_p50", moon50, "W", "of which lunar-made, median"),
        Number("orbit_ai_power_w_p50", orbit50, "W", "in orbit (launched from Earth), median"),
        Number("earth_ai_power_w_p50", earth50, "W", "on Earth, median"),
        Number("progress_to_type_ii_k", progress, "1", "(K - K_today)/(2 - K_today), median"),
        Number("share_of_sun", share_sun, "1", "AI power / solar luminosity, median"),
    )
    assumptions = [
        Assumption("k_threshold", k_min, "1", "reading: Type I as the milestone on the way", True),
        Assumption("by_year", by_year, "", "estimate: the seed gives no date", True),
        Assumption(
            "baseline_power_w",
            HUMANITY_PRIMARY_POWER_W,
            "W",
            "today's primary power, held constant (Energy Institute 2024, secondary)",
        ),
        *moon_assumptions(
            {"moon.productivity", "moon.start_year", "moon.reinvest_fraction"}, overrides
        ),
    ]
    return Verdict(
        id="C7",
        statement=STATEMENT,
        probability=p,
        summary=summary,
        numbers=numbers,
        assumptions=tuple(assumptions),
        sources=SOURCES,
    )
