r"""C7: lunar industry at >100 TW a year is real progress toward a Kardashev Type II civilisation.

The Kardashev level uses Sagan's interpolation, :math:`K = (\log_{10} P[\mathrm{W}] - 6)/10`
(:func:`terawatt.physics.kardashev.level`): humanity's ~19.6 TW is K ≈ 0.73, Type I is
1e16 W (K = 1), Type II 1e26 W (K = 2, about the Sun's 3.8e26 W).

The yardstick, stated before computing
--------------------------------------
"Real progress toward Type II" is measured on Kardashev's own scale, which is logarithmic:
the **share of the way from today's K to K = 2** that civilisation covers by ``by_year``,
:math:`s = (K - K_0)/(2 - K_0)`, and the claim holds where :math:`s \ge`
``progress_threshold`` (10 %). A tenth of the way is 0.127 in K, 1.27 decades of power:
~19x today's 19.6 TW, ~370 TW in all. That is about what the whole industrial era added
(world primary energy ~0.64 TW in 1800, 19.6 TW now: 1.49 decades, 12 % of the way), so
the reading is "at least another industrial era's growth within the century"; any growth
at all would count as "progress" otherwise. The other candidate, AI power as a share of
the Sun's output, does not discriminate: every outcome the model can reach this century
is ~1e-11 of the Sun, so any threshold on it says "no" to everything (it is reported).
Reaching Type I (K = 1), the previous reading, tests a milestone, not progress toward
Type II.

How the probability is computed
-------------------------------
Per sample the AI power in operation on Earth, in orbit and from the Moon
(:func:`terawatt.scenario.moon.default_run`) is added to today's primary power (held
constant: the AI alone is judged) and the claim holds where the share reaches the
threshold. The flip points are closed forms on that yardstick: the AI power in
``by_year`` that reaches the threshold, the factor on the model's AI power at which half
the samples reach it (bisection), and the constant lunar output a year that sustains that
power through the fleet's steady state (:func:`terawatt.space.fleet_steady.plateau_years`
at the table's central satellite life and failure rate). Granting the premise (C6's
100 TW a year from the lunar start year on) gives the share the claim itself implies.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import xarray as xr

from terawatt.claims._scenario_run import choice_outcomes
from terawatt.claims.c06_lunar_terawatts import moon_assumptions
from terawatt.claims.verdict import Assumption, Number, Verdict
from terawatt.errors import InputError
from terawatt.moon.kardashev_path import HUMANITY_PRIMARY_POWER_W
from terawatt.parameters.table import central
from terawatt.physics.constants import SOLAR_LUMINOSITY_IAU2015_W
from terawatt.physics.kardashev import TYPE_II_W, level
from terawatt.scenario.moon import default_run
from terawatt.space.fleet_params import FleetParams
from terawatt.space.fleet_steady import plateau_years
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
        "Smil, V., Energy Transitions (2017), via Our World in Data, Global primary energy: "
        "~5,650 TWh in 1800 (0.64 TW; the industrial era's gain, for the 10 % threshold)"
    ),
    (
        "terawatt scenario engine (Earth and orbit) and terawatt.moon (lunar industry), "
        "defaults in "
        "the parameter table, terawatt/data/parameters/*.yaml"
    ),
)


#: The premise granted: C6's lunar AI capacity added a year [W/yr] (the seed's ">100 TW").
PREMISE_W_PER_YEAR = 1e14
#: Even odds: where the flip point puts the probability.
EVEN_ODDS = 0.5


def _share(power_w: Any, k_now: float, k_ii: float) -> Any:
    """Share of the way from ``k_now`` to ``k_ii`` at ``power_w`` of primary power."""
    return (level(power_w) - k_now) / (k_ii - k_now)


def _scale_for_even_odds(ai_w: Any, needed_w: float) -> float:
    """Factor on every sample's AI power at which half the samples reach ``needed_w``.

    The share is monotone in the AI power, so this is the factor that lifts the sample
    median to ``needed_w``: bisection would find the same number.
    """
    return float(needed_w / np.median(ai_w))


def evaluate(
    *,
    seed: int = 0,
    progress_threshold: float = 0.10,
    by_year: int = 2100,
    samples: int = 1000,
    overrides: Mapping[str, Any] | None = None,
) -> Verdict:
    """Verdict on C7: P(share of the way from today's K to Type II >= threshold by ``by_year``).

    Parameters
    ----------
    seed : int
        Seed of every draw.
    progress_threshold : float
        Share of the way from today's K to K = 2 that counts as real progress (0.10: a
        tenth, ~1.27 decades of power, about the industrial era's gain since 1800).
    by_year : int
        Year by which it is judged.
    samples : int
        Monte Carlo samples (>= 10).
    overrides : Mapping, optional
        Parameter overrides, e.g. ``{"moon.productivity": "2/year_julian"}``.

    Returns
    -------
    Verdict
        Probability, K today and in ``by_year`` by site, the share of the way to Type II,
        the flip points (AI power needed, the factor on the model's AI power, the lunar
        output a year) and the share if the premise (100 TW a year) is granted.
    """
    threshold = float(checked("progress_threshold", progress_threshold, low=0.0, high=1.0))
    if isinstance(by_year, bool) or not isinstance(by_year, int) or not 2026 <= by_year <= 2300:
        raise InputError("by_year", by_year, "a whole year in [2026, 2300]")
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 10:
        raise InputError("samples", samples, "an int >= 10")
    run = default_run(seed=seed, samples=samples, years=(2025, by_year), overrides=overrides)
    k_civ = run.path["k_civilisation"][:, -1]
    k_now = float(level(HUMANITY_PRIMARY_POWER_W))
    k_ii = float(level(TYPE_II_W))
    share = (k_civ - k_now) / (k_ii - k_now)
    p = float(np.mean(share >= threshold))
    k5, k50, k95 = (float(x) for x in np.percentile(k_civ, [5, 50, 95]))
    s5, s50, s95 = (float(x) for x in np.percentile(share, [5, 50, 95]))
    ai_final = run.path["ai_power_w"][:, -1]
    ai50 = float(np.median(ai_final))
    moon50 = float(np.median(run.flows["ai_power_installed_w"][:, -1]))
    earth50 = float(np.median(run.earth_w[:, -1]))
    orbit50 = float(np.median(run.orbit_w[:, -1]))
    share_sun = float(np.median(ai_final / SOLAR_LUMINOSITY_IAU2015_W))
    # flip points on the yardstick: the power that reaches the threshold, and what it takes
    needed_total = 10.0 ** (6.0 + 10.0 * (k_now + threshold * (k_ii - k_now)))
    needed_ai = needed_total - HUMANITY_PRIMARY_POWER_W
    scale = _scale_for_even_odds(ai_final, needed_ai)
    fleet = FleetParams(
        design_life_years=central("moon.satellite_life"),
        failure_probability_per_year=central("compute.failure_rate"),
    )
    sustain_years = float(plateau_years(fleet)[0])  # W in operation per W/yr added
    start = central("moon.start_year")
    life = central("moon.satellite_life")  # the engine counts in Julian years
    granted_w = PREMISE_W_PER_YEAR * (
        sustain_years if by_year - start >= life else max(by_year - start, 0.0)
    )
    granted = float(_share(HUMANITY_PRIMARY_POWER_W + granted_w, k_now, k_ii))
    summary = (
        f"Yardstick: the share of the way from today's K = {k_now:.3f} to Type II (K = 2) "
        f"covered by {by_year}; real progress is >= {threshold:.0%} "
        f"({threshold * (k_ii - k_now) * 10:.2f} decades of power; the industrial era since "
        f"1800 gained ~1.5). In {by_year} the median AI power in "
        f"operation is {ai50 / 1e12:,.1f} TW (medians each: Moon {moon50 / 1e12:,.3f}, orbit "
        f"{orbit50 / 1e12:,.2f}, Earth {earth50 / 1e12:,.2f} TW), which with today's "
        f"{HUMANITY_PRIMARY_POWER_W / 1e12:.1f} TW puts civilisation at K = {k50:.3f}: "
        f"{s50:.1%} of the way (90 % range {s5:.1%}-{s95:.1%}), {share_sun:.1e} of the Sun's "
        f"output. Flip point: {needed_ai / 1e12:,.0f} TW of AI in {by_year}, {scale:,.0f}x the "
        f"model's median, or {needed_ai / sustain_years / 1e12:,.0f} TW a year of lunar "
        f"output sustained. Granting the premise (100 TW a year from {start:.0f}, satellites "
        f"living {life:g} years) gives {granted:.1%}: the claim "
        f"{'follows from C6 if C6 held' if granted >= threshold else 'fails even if C6 held'}. "
        f"P(share >= {threshold:.0%} by {by_year}) = {p:.2f}."
    )
    numbers = (
        Number("probability", p, "1", f"share of samples {threshold:.0%} of the way by {by_year}"),
        Number("progress_threshold", threshold, "1", "share of the way to K = 2 that counts"),
        Number("k_today", k_now, "1", "humanity's primary power, 19.6 TW"),
        Number("k_p50", k50, "1", f"civilisation's K in {by_year}, median"),
        Number("k_p5", k5, "1", "5th percentile"),
        Number("k_p95", k95, "1", "95th percentile"),
        Number("ai_power_w_p50", ai50, "W", f"AI power in operation in {by_year}, median"),
        Number("moon_ai_power_w_p50", moon50, "W", "of which lunar-made, median"),
        Number("orbit_ai_power_w_p50", orbit50, "W", "in orbit (launched from Earth), median"),
        Number("earth_ai_power_w_p50", earth50, "W", "on Earth, median"),
        Number("progress_to_type_ii_k", s50, "1", "(K - K_today)/(2 - K_today), median"),
        Number("progress_to_type_ii_k_p5", s5, "1", "5th percentile"),
        Number("progress_to_type_ii_k_p95", s95, "1", "95th percentile"),
        Number("share_of_sun", share_sun, "1", "AI power / solar luminosity, median"),
        Number(
            "ai_power_needed_w",
            needed_ai,
            "W",
            f"AI power in {by_year} that reaches the threshold (flip point)",
        ),
        Number(
            "ai_power_scale_for_even_odds",
            scale,
            "1",
            "factor on the model's AI power at which half the samples reach the threshold",
        ),
        Number(
            "lunar_w_per_year_needed",
            needed_ai / sustain_years,
            "W/yr",
            "constant lunar output a year that sustains the needed power (fleet steady state)",
        ),
        Number(
            "progress_if_premise_granted",
            granted,
            "1",
            f"share of the way with 100 TW/yr of lunar AI from {start:.0f} (fleet steady state)",
        ),
    )
    assumptions = [
        Assumption(
            "progress_threshold",
            threshold,
            "1",
            "reading: a tenth of the way to Type II in K, ~the industrial era's gain (Smil)",
            True,
        ),
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
        structural=choice_outcomes(run.dataset, xr.DataArray(share >= threshold, dims="sample")),
    )
