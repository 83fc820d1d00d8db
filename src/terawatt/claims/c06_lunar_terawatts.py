r"""C6: lunar factories plus a mass driver reach more than 100 TW of AI capacity a year.

How the probability is computed
-------------------------------
The lunar industry of :mod:`terawatt.moon.industry` is run year by year, as the scenario
engine's Moon site, for every Monte Carlo sample of the ``moon.*`` parameters (at the
engine's launch prices and chip costs,
:func:`terawatt.scenario.moon.default_run`). The claim holds in a sample when the AI power of
the satellites made and thrown in one year reaches ``threshold_w_per_year`` (100 TW/yr)
by ``by_year``. The seed gives no date, so the verdict states the year by which it is
judged and the year each sample gets there.

What it takes
-------------
At the threshold, per sample: satellite mass a year :math:`M = 10^{14} / s` (AI power
per kg :math:`s`); driver throughput :math:`M / \mathrm{yr}`, its shots, length and
power; the factories' electricity
:math:`c_s e_f M / \mathrm{yr}` and the solar arrays that supply it; regolith dug; and the
mass Earth must land (chips and the rest of the imported share), compared with the
world's whole launch mass of 2024 (:func:`terawatt.moon.requirements.what_it_takes`),
and with what the launch market can land: the Moon's imports fly on the engine's
launches, at most ``moon.launch_share`` of the year's capacity, sharing what the rest of
the world's launches leave with the orbital fleet in proportion to what each asks for.

Where it flips
--------------
- *The threshold* (closed form): P reaches one half at the median, over the samples, of
  the largest AI power a year each turns out by ``by_year`` (``flip_threshold_w_per_year``;
  ``shortfall_factor`` is the claim's 100 TW/yr over it).
- *The year* (closed form on a longer run, to :data:`FLIP_LAST_YEAR`): the median first
  year a sample reaches the threshold (``flip_by_year``; NaN when most samples never do).
- *The factory's growth*: ``moon.productivity`` (kg of output a year per kg of factory)
  held at one value in every sample and bisected over :data:`FLIP_PRODUCTIVITY_RANGE`
  with the same seed at every value (common random numbers;
  :func:`~terawatt.claims._scenario_run.flip_point`). The trial runs call
  :func:`terawatt.scenario.moon.run_moon` directly, uncached, so that a search does not
  fill the shared run cache.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import xarray as xr

from terawatt.claims._scenario_run import choice_outcomes, flip_point
from terawatt.claims.verdict import Assumption, Number, Verdict
from terawatt.errors import InputError
from terawatt.moon.industry import MoonParams
from terawatt.moon.kardashev_path import year_added_capacity_reaches
from terawatt.moon.requirements import what_it_takes
from terawatt.parameters.distributions import Triangular
from terawatt.parameters.table import shipped_table
from terawatt.scenario.moon import default_run, run_moon
from terawatt.scenario.schema import default_scenario
from terawatt.typing import FloatArray
from terawatt.validate import checked

__all__ = ["STATEMENT", "evaluate", "moon_assumptions"]

STATEMENT = "Lunar factories plus a mass driver reach >100 TW of AI capacity per year."

#: Last year of the longer run that finds the year by which half the samples get there.
FLIP_LAST_YEAR = 2300
#: ``moon.productivity`` searched for the flip [1/yr]: the table's low (0.3/yr) to ten
#: times its high (2/yr).
FLIP_PRODUCTIVITY_RANGE = (0.3, 20.0)


def _watts(w: float) -> str:
    """A power in words with an SI prefix (``3.6e7`` -> ``"36 MW"``)."""
    for scale, prefix in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(w) >= scale:
            return f"{w / scale:.3g} {prefix}W"
    return f"{w:.3g} W"


def peak_added_w(added_w: FloatArray) -> FloatArray:
    """Each sample's largest AI power added in one year [W/yr] (0 before production)."""
    return np.asarray(np.nan_to_num(added_w, nan=0.0).max(axis=1), dtype=np.float64)


def _p_reached(
    threshold: float, year: int, samples: int, seed: int, overrides: Mapping[str, Any]
) -> float:
    """P(the threshold is reached by ``year``) in an uncached run with ``overrides``."""
    scenario = default_scenario(
        overrides={k: str(v) for k, v in overrides.items()},
        seed=seed,
        samples=samples,
        years=(2025, year),
    )
    added = run_moon(scenario).flows["ai_power_added_w"]
    return float(np.mean(peak_added_w(added) >= threshold))


def _world_upmass_2024_kg() -> float:
    """World mass launched to orbit in 2024 [kg/yr] (BryceTech via coverage, secondary).

    The mode of the table's ``launch.reference.world_upmass_2024``.
    """
    default = shipped_table()["launch.reference.world_upmass_2024"].default
    if not isinstance(default, Triangular):
        raise TypeError(f"launch.reference.world_upmass_2024: not triangular: {default!r}")
    return default.mode


SOURCES = (
    (
        "The seed: '>100 TW of AI capacity per year' from lunar factories and an electromagnetic "
        "launcher (secondary coverage of E. Musk, 2025-2026)"
    ),
    (
        "Johnson & Holbrow (eds.), Space Settlements: A Design Study, NASA SP-413 (1977), ch. 5: "
        "lunar mass launcher, 5 x 10 kg a second at 2,400 m/s"
    ),
    (
        "Freitas & Gilbreath (eds.), Advanced Automation for Space Missions, NASA CP-2255 (1982), "
        "ch. 5: self-replicating lunar factory"
    ),
    "Metzger et al. (2013), J. Aerospace Engineering 26(1), 18-29: bootstrapping space industry",
    "NASA GSFC Moon Fact Sheet: GM, radius, synodic month",
    "terawatt/data/parameters/moon.yaml: every moon.* default with its source",
)


def moon_assumptions(
    deciding: set[str], overrides: Mapping[str, Any] | None = None
) -> list[Assumption]:
    """Every ``moon.*`` parameter as an assumption: its default (or override) and source.

    Parameters
    ----------
    deciding : set of str
        Parameter names to flag as deciding.
    overrides : Mapping, optional
        Overrides given by the caller; shown instead of the default.

    Returns
    -------
    list of Assumption
        One per ``moon.*`` parameter, in table order.
    """
    table = shipped_table()
    given = dict(overrides or {})
    out = []
    for key in MoonParams.table_names().values():
        entry = table[key]
        if key in given:
            value, source = str(given[key]), "override given to evaluate()"
        else:
            value, source = entry.display(entry.default), entry.source
        out.append(Assumption(key, value, "", " ".join(source.split()), key in deciding))
    return out


def _checked_inputs(threshold_w_per_year: float, by_year: int, samples: int) -> tuple[float, int]:
    threshold = float(checked("threshold_w_per_year", threshold_w_per_year, low=0.0, low_open=True))
    if isinstance(by_year, bool) or not isinstance(by_year, int) or not 2026 <= by_year <= 2300:
        raise InputError("by_year", by_year, "a whole year in [2026, 2300]")
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 10:
        raise InputError("samples", samples, "an int >= 10")
    return threshold, by_year


def evaluate(
    *,
    seed: int = 0,
    threshold_w_per_year: float = 1e14,
    by_year: int = 2100,
    samples: int = 1000,
    overrides: Mapping[str, Any] | None = None,
) -> Verdict:
    """Verdict on C6: P(lunar-made AI capacity reaches ``threshold_w_per_year`` by ``by_year``).

    Parameters
    ----------
    seed : int
        Seed of every draw.
    threshold_w_per_year : float
        AI power added in one year for the claim to hold [W/yr]; ">100 TW" is 1e14.
    by_year : int
        Year by which the claim is judged (the seed gives none).
    samples : int
        Monte Carlo samples (>= 10).
    overrides : Mapping, optional
        Parameter overrides, e.g. ``{"moon.productivity": "2/year_julian"}``.

    Returns
    -------
    Verdict
        Probability, the year reached (percentiles), and what the threshold takes.
    """
    threshold, year = _checked_inputs(threshold_w_per_year, by_year, samples)
    run = default_run(seed=seed, samples=samples, years=(2025, year), overrides=overrides)
    added = run.flows["ai_power_added_w"]
    hit = np.nan_to_num(added, nan=0.0) >= threshold
    # P(peak >= t) >= 1/2 exactly for t up to the upper median of the peaks
    peaks = np.sort(peak_added_w(added))
    any_output = float(np.mean(peaks > 0.0))
    # a threshold is > 0: when most samples make nothing, none gives even odds
    flip_threshold = float(peaks[samples // 2]) if peaks[samples // 2] > 0.0 else float("nan")
    given = dict(overrides or {})
    longer = default_scenario(
        overrides={k: str(v) for k, v in given.items()},
        seed=seed,
        samples=samples,
        years=(2025, FLIP_LAST_YEAR),
    )
    long_run = run_moon(longer)
    first_long = year_added_capacity_reaches(
        np.nan_to_num(long_run.flows["ai_power_added_w"], nan=0.0), long_run.years, threshold
    )
    first_long = np.where(np.isnan(first_long), np.inf, first_long)
    flip_year = float(np.sort(first_long)[(samples - 1) // 2])
    flip_year = flip_year if np.isfinite(flip_year) else float("nan")
    lo, hi = FLIP_PRODUCTIVITY_RANGE

    def p_at(rate: float) -> float:
        trial = {**given, "moon.productivity": f"{rate:.6g}/year_julian"}
        return _p_reached(threshold, year, samples, seed, trial)

    flip_productivity = flip_point(p_at, lo, hi, log=True)
    p_at_high = p_at(hi)
    reached = hit.any(axis=1)
    p = float(np.mean(reached))
    first = np.where(reached, run.years[np.argmax(hit, axis=1)], np.nan)
    y5, y50, y95 = (
        (float(np.nanpercentile(first, q)) for q in (5, 50, 95))
        if reached.any()
        else (float("nan"),) * 3
    )
    final = added[:, -1]
    f5, f50, f95 = (float(x) for x in np.percentile(final, [5, 50, 95]))
    limited = float(np.mean(run.flows["import_limited"][:, -1]))
    landable = float(np.median(run.flows["import_capacity_kg"][:, -1]))
    need = {k: float(np.median(v)) for k, v in what_it_takes(run.params, threshold).items()}
    tw = threshold / 1e12
    when = (
        f"where reached, in a median {y50:.0f} (90 % range {y5:.0f}-{y95:.0f})"
        if reached.any()
        else "no sample reaches it"
    )
    summary = (
        f"P(>= {tw:g} TW/yr of lunar-made AI capacity by {year}) = {p:.2f}; "
        f"{when}. It takes {need['satellite_mass_kg_per_year'] / 1e12:.1f} Gt of satellites a "
        f"year ({need['driver_throughput_kg_s'] / 1e3:,.0f} t/s through the driver, "
        f"{need['driver_mean_power_w'] / 1e12:.2f} TW), {need['factory_power_w'] / 1e12:,.0f} TW "
        f"of factory power on {need['array_area_m2'] / 1e6:,.0f} km^2 of arrays, and "
        f"{need['imported_kg_per_year'] / 1e9:,.0f} Mt/yr of chips and parts from Earth "
        f"({need['imported_kg_per_year'] / _world_upmass_2024_kg():,.0f}x the world's 2024 launch "
        f"mass). In {year} the launch market can land a median {landable / 1e3:,.0f} t on the "
        f"Moon (what the world's other launches leave, shared with the orbital fleet in "
        f"proportion to their asks, over the mass launched per kg landed), and imports limit "
        f"growth in {limited:.1%} "
        f"of samples. {any_output:.0%} of samples make any AI satellites by {year}. Flips: "
        + (
            f"half the samples reach {_watts(flip_threshold)}/yr by {year} "
            f"({threshold / flip_threshold:,.0f}x short of the claim)"
            if np.isfinite(flip_threshold)
            else f"no threshold gives even odds by {year}, since most samples make nothing"
        )
        + f"; half reach {tw:g} TW/yr "
        + (f"by {flip_year:.0f}" if np.isfinite(flip_year) else f"not even by {FLIP_LAST_YEAR}")
        + "; factory productivity for even odds: "
        + (
            f"{flip_productivity:.3g}/yr"
            if np.isfinite(flip_productivity)
            else f"none in {lo:g}-{hi:g}/yr (P = {p_at_high:.2f} at {hi:g}/yr)"
        )
        + "."
    )
    numbers = [
        Number("probability_by_year", p, "1", f"share of samples reaching {tw:g} TW/yr by {year}"),
        Number("year_reached_p50", y50, "yr", "median first year, samples that reach it"),
        Number("year_reached_p5", y5, "yr", "5th percentile"),
        Number("year_reached_p95", y95, "yr", "95th percentile"),
        Number("added_w_final_p50", f50, "W/yr", f"AI power added in {year}, median"),
        Number("added_w_final_p5", f5, "W/yr", "5th percentile"),
        Number("added_w_final_p95", f95, "W/yr", "95th percentile"),
        Number(
            "import_capacity_final_p50",
            landable,
            "kg/yr",
            f"mass Earth's launch market can land on the Moon in {year}, median",
        ),
        Number(
            "import_limited_share", limited, "1", f"samples whose growth imports limit in {year}"
        ),
        Number(
            "flip_threshold_w_per_year",
            flip_threshold,
            "W/yr",
            f"AI power a year half the samples reach by {year}: P = 0.5 at this threshold "
            "(closed form; NaN: does not flip in (0, inf), most samples make nothing)",
        ),
        Number(
            "shortfall_factor",
            threshold / flip_threshold,
            "1",
            "the claim's threshold over flip_threshold_w_per_year (NaN with it)",
        ),
        Number(
            "p_any_output",
            any_output,
            "1",
            f"share of samples that make any AI satellites by {year}",
        ),
        Number(
            "flip_by_year",
            flip_year,
            "yr",
            f"year by which half the samples reach the threshold (NaN: does not flip in "
            f"[2026, {FLIP_LAST_YEAR}])",
        ),
        Number(
            "flip_moon_productivity",
            flip_productivity,
            "1/yr",
            f"moon.productivity for P = 0.5 by {year}, the rest as drawn (NaN: does not flip "
            f"in [{lo:g}, {hi:g}])",
        ),
        Number(
            "p_at_moon_productivity_high",
            p_at_high,
            "1",
            f"P by {year} with moon.productivity = {hi:g}/yr in every sample",
        ),
    ]
    units = {
        "satellite_mass_kg_per_year": ("kg/yr", "satellite mass a year at the threshold"),
        "driver_throughput_kg_s": ("kg/s", "mass-driver throughput"),
        "driver_shots_per_s": ("1/s", "shots a second"),
        "driver_length_m": ("m", "track length v^2/2a"),
        "driver_mean_power_w": ("W", "driver mean electrical power"),
        "driver_peak_power_w": ("W", "one shot at the muzzle, m(1+r_b)av/eta"),
        "factory_power_w": ("W", "factory electrical power for the satellites' lunar part"),
        "array_area_m2": ("m^2", "solar arrays for factories and driver, storage included"),
        "regolith_kg_per_year": ("kg/yr", "regolith dug"),
        "imported_kg_per_year": ("kg/yr", "mass landed from Earth (chips and parts)"),
    }
    numbers += [
        Number(f"need_{k}", v, units[k][0], units[k][1] + " (median)") for k, v in need.items()
    ]
    deciding = {
        "moon.productivity",
        "moon.reinvest_fraction",
        "moon.start_year",
        "moon.satellite_specific_power",
        "moon.import_capacity_growth",
        "moon.chip_mass_per_power",
        "moon.launch_share",
        "moon.import_cost_multiplier",
    }
    assumptions = [
        Assumption("threshold_w_per_year", threshold, "W/yr", "the seed: '>100 TW per year'", True),
        Assumption(
            "by_year", year, "", "estimate: the seed gives no date; judged by this year", True
        ),
        Assumption("overrides", dict(overrides or {}), "", "caller's parameter overrides"),
    ]
    assumptions += moon_assumptions(deciding, overrides)
    return Verdict(
        id="C6",
        statement=STATEMENT,
        probability=p,
        summary=summary,
        numbers=tuple(numbers),
        assumptions=tuple(assumptions),
        sources=SOURCES,
        structural=choice_outcomes(run.dataset, xr.DataArray(reached, dims="sample")),
    )
