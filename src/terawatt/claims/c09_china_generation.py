"""C9: China's electricity generation could reach 3x that of the US by 2026.

The claim is tested on generation (TWh in a year), as stated, from Ember/OWID data
through 2025 and a trend projection with uncertainty for 2026 and later. Installed
capacity (GW) is reported beside it, because a capacity ratio near 3 is the most
likely origin of the figure: China's fleet runs at a far lower average capacity
factor (much of it solar and wind), so 3x the capacity is not 3x the energy.

Where it flips (each with the same draws and window choice at every trial value)
    - ``flip_threshold``: the ratio half the samples reach in the claim's year (closed
      form, the upper median): the figure at which the claim would be a coin toss;
    - ``flip_china_growth``, ``flip_us_growth``: China's (the US's) annual growth from the
      last year with data, the other as fitted, at which P crosses one half, bisected
      (:func:`~terawatt.claims._scenario_run.flip_point`) with the same seed at every value
      (common random numbers);
    - ``flip_year``: the first year in which the trend projection reaches the threshold in
      half the samples.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import numpy as np

from terawatt.claims._scenario_run import flip_point
from terawatt.claims.verdict import Assumption, ChoiceOutcome, Number, Verdict
from terawatt.earth import electricity, trend_window
from terawatt.errors import InputError
from terawatt.parameters.choice import Choice
from terawatt.parameters.distributions import sample_table
from terawatt.parameters.table import shipped_table

STATEMENT = "China's electricity generation could reach 3x that of the US by 2026."

#: Installed generating capacity at the end of 2025 [W], entries of the parameter table:
#: China's (fixed) and the United States' (drawn).
CHINA_CAPACITY_PARAMETER = "world.china_generating_capacity_2025"
US_CAPACITY_PARAMETER = "world.us_generating_capacity_2025"

#: The trend window is a structural choice, drawn per sample (``grid.trend_window``): the
#: default (decade) window of every trend fit, or the recent one from this year to the last
#: year with data (entries of the parameter table, each with its reason).
RECENT_FIRST_YEAR = "grid.trend_fit_recent_first_year"
WINDOW_CHOICE = trend_window.TREND_WINDOW
#: The two grids compared.
COUNTRIES = ("CHN", "USA")

SOURCES = (
    (
        "Ember Yearly Electricity Data and Energy Institute Statistical Review via Our World "
        "in Data energy dataset (CC BY 4.0), generation by country 1990-2025"
    ),
    "China National Energy Administration, installed capacity end 2025 (via Xinhua, secondary)",
    "US EIA, Electric Power Monthly: US generating capacity (approximate)",
)


#: Growth rates searched for the flips [1/yr]: China's from none to doubling a year, the
#: US's from halving to +10 %/yr.
FLIP_CHINA_GROWTH_RANGE = (0.0, 1.0)
FLIP_US_GROWTH_RANGE = (-0.5, 0.1)
#: Last year searched for the year in which half the samples reach the threshold.
FLIP_LAST_YEAR = 2060


def _fitted_growth(window: tuple[int, int]) -> dict[str, float]:
    return {c: electricity.fit_trend(c, window).growth_rate for c in ("CHN", "USA")}


def _projected_ratio(
    windows: list[tuple[int, int]],
    recent: np.ndarray,
    years: list[int],
    growth: dict[str, float | None],
    samples: int,
    seed: int,
) -> np.ndarray:
    """China/US generation ``(samples, years)``, each sample on its drawn window's path.

    The draws of a year do not depend on the later years asked for
    (:func:`terawatt.earth.electricity.project_generation`), so this repeats the
    verdict's own draws for the years they share.
    """
    paths = [
        electricity.generation_ratio(
            electricity.project_generation(
                ["CHN", "USA"],
                years,
                fit_window=window,
                samples=samples,
                seed=seed,
                growth=growth,
            ),
            "CHN",
            "USA",
        )
        .transpose("sample", "year")
        .to_numpy()
        for window in windows
    ]
    return np.where(recent[:, np.newaxis], paths[-1], paths[0])


def _flips(
    ratio: np.ndarray,
    *,
    metric: str,
    year: int,
    last: int,
    threshold: float,
    draw: tuple[list[tuple[int, int]], np.ndarray, int, int],
    growth: dict[str, float | None],
) -> dict[str, float]:
    """Where the verdict flips: the threshold, each growth rate and the year (NaN: none)."""
    windows, recent, samples, seed = draw
    # P(ratio >= t) >= 1/2 exactly up to the upper median of the ratios
    out = {"threshold": float(np.sort(ratio)[samples // 2])}

    def p_growth(country: str) -> Callable[[float], float]:
        def p(rate: float) -> float:
            trial = {**growth, country: rate}
            r = _projected_ratio(windows, recent, [year], trial, samples, seed)[:, 0]
            return float(np.mean(r >= threshold))

        return p

    projected = metric == "generation" and year > last
    for key, country, (low, high) in (
        ("china", "CHN", FLIP_CHINA_GROWTH_RANGE),
        ("us", "USA", FLIP_US_GROWTH_RANGE),
    ):
        out[key] = (
            flip_point(p_growth(country), low, high)
            if projected and growth[country] is None
            else float("nan")
        )
    later = list(range(last + 1, FLIP_LAST_YEAR + 1))
    paths = _projected_ratio(windows, recent, later, growth, samples, seed)
    reached = np.flatnonzero(np.mean(paths >= threshold, axis=0) >= 0.5)
    out["year"] = float(later[reached[0]]) if reached.size else float("nan")
    return out


def _flip_numbers(
    flips: dict[str, float], *, metric: str, year: int, last: int, threshold: float
) -> list[Number]:
    """The flip points as numbers of the verdict."""
    ranges = {"china": FLIP_CHINA_GROWTH_RANGE, "us": FLIP_US_GROWTH_RANGE}
    nan_growth = "NaN: does not flip in {}, set by the caller or observed"
    return [
        Number(
            "flip_threshold",
            flips["threshold"],
            "1",
            f"China/US {metric} ratio half the samples reach in {year}: P = 0.5 at this "
            "threshold (closed form; NaN: does not flip in [0, inf))",
        ),
        Number(
            "flip_china_growth",
            flips["china"],
            "1/yr",
            f"China's annual generation growth after {last} at which P crosses 0.5, the US "
            f"as fitted ({nan_growth.format(list(ranges['china']))})",
        ),
        Number(
            "flip_us_growth",
            flips["us"],
            "1/yr",
            f"the US's annual generation growth after {last} at which P crosses 0.5, China "
            f"as fitted ({nan_growth.format(list(ranges['us']))})",
        ),
        Number(
            "flip_year",
            flips["year"],
            "yr",
            f"first year in which half the samples reach {threshold:g}x generation on the "
            f"trend (NaN: does not flip in [{last + 1}, {FLIP_LAST_YEAR}])",
        ),
    ]


def _draw_window(seed: int, samples: int) -> tuple[float, np.ndarray]:
    """The recent window's probability, and which samples drew it (``grid.trend_window``)."""
    choice = shipped_table()[WINDOW_CHOICE].default
    if not isinstance(choice, Choice) or set(choice.options) != {"decade", "recent"}:
        raise InputError(WINDOW_CHOICE, choice, "a choice between 'decade' and 'recent'")
    drawn = np.asarray(choice.options)[choice.draw(seed, WINDOW_CHOICE, 0, samples)]
    return choice.probabilities["recent"], drawn == "recent"


def _window_outcomes(
    holds: np.ndarray, recent: np.ndarray, weight: float
) -> tuple[ChoiceOutcome, ...]:
    """The claim's probability among the samples that drew each trend window."""
    return tuple(
        ChoiceOutcome(
            WINDOW_CHOICE,
            option,
            weight if option == "recent" else 1.0 - weight,
            float(np.mean(holds[mask])),
            int(mask.sum()),
        )
        for option, mask in (("decade", ~recent), ("recent", recent))
        if mask.any()
    )


def evaluate(
    *,
    year: int = 2026,
    threshold: float = 3.0,
    metric: Literal["generation", "capacity"] = "generation",
    fit_window: tuple[int, int] | None = None,
    china_growth: float | None = None,
    us_growth: float | None = None,
    samples: int = 4000,
    seed: int = 0,
) -> Verdict:
    """Verdict on C9: P(China's generation ≥ ``threshold`` × the US's in ``year``).

    Parameters
    ----------
    year : int
        Year of the claim.
    threshold : float
        Ratio claimed [-].
    metric : {"generation", "capacity"}
        What is compared: annual generation (the claim's words) or installed capacity
        at the end of the preceding year (the reading under which the figure holds).
    fit_window : tuple of int, optional
        Years the trend growth is fitted over. Default: a structural choice drawn per
        sample (the table's choice ``grid.trend_window``): the default window of every trend
        fit (:func:`terawatt.earth.electricity.default_fit_window`, 2015-2024: the long
        trend, US +0.7 %/yr) or, with weight 0.5, the
        recent window from ``grid.trend_fit_recent_first_year`` (2019) to the last year
        with data (2025: the US acceleration, +1.6 %/yr).
    china_growth, us_growth : float, optional
        Scenario annual growth rates [1/yr] replacing the fitted trend; ``None`` uses
        the fit.
    samples, seed : int
        Monte Carlo size and seed.

    Notes
    -----
    Generation follows `terawatt.earth.electricity.project_generation`: a log-linear
    trend over the fit window with parameter and year-to-year uncertainty; each sample
    takes its path from the projection of its window. Capacity uses China's end-2025
    figure and the US's 1.2-1.3 TW range drawn uniformly (table entries
    ``world.china_generating_capacity_2025``, ``world.us_generating_capacity_2025``,
    drawn by :func:`terawatt.parameters.distributions.sample_table`).
    """
    if metric not in ("generation", "capacity"):
        raise InputError("metric", metric, "'generation' or 'capacity'")
    first = min(year, (fit_window or electricity.default_fit_window())[0])
    hist = electricity.history(["CHN", "USA"], start=first)
    gen = hist.pivot(index="year", columns="country", values="generation_twh").dropna()
    twh = {
        c: dict(zip(gen.index.astype(int), gen[c].to_numpy(dtype=float), strict=True))
        for c in ("CHN", "USA")
    }
    last = max(twh["CHN"])
    observed = twh["CHN"][last] / twh["USA"][last]
    growth = {"CHN": china_growth, "USA": us_growth}
    if fit_window is None:
        windows = [electricity.default_fit_window(), trend_window.fit_window("recent", COUNTRIES)]
        weight, recent = _draw_window(seed, samples)
        labels = ["long", "recent"]
    else:
        windows, weight, recent, labels = [fit_window], 0.0, np.zeros(samples, bool), ["chosen"]
    ratios = []
    for window in windows:
        proj = electricity.project_generation(
            ["CHN", "USA"],
            list(range(last + 1, max(year, last + 1) + 1)),
            fit_window=window,
            samples=samples,
            seed=seed,
            growth=growth,
        )
        if year <= last:
            ratios.append(np.full(samples, twh["CHN"][year] / twh["USA"][year]))
        else:
            ratios.append(
                electricity.generation_ratio(proj, "CHN", "USA").sel(year=year).to_numpy()
            )
    gen_ratio = np.where(recent, ratios[-1], ratios[0])
    table = shipped_table()
    capacity = sample_table(
        {k: table[k].default for k in (CHINA_CAPACITY_PARAMETER, US_CAPACITY_PARAMETER)},  # type: ignore[misc]
        samples,
        seed,
    )
    cap_ratio = capacity[CHINA_CAPACITY_PARAMETER] / capacity[US_CAPACITY_PARAMETER]
    r = gen_ratio if metric == "generation" else cap_ratio
    p = float(np.mean(r >= threshold))
    structural = (
        _window_outcomes(r >= threshold, recent, weight)
        if fit_window is None and metric == "generation"  # the window decides nothing else
        else ()
    )
    flips = _flips(
        r,
        metric=metric,
        year=year,
        last=last,
        threshold=threshold,
        draw=(windows, recent, samples, seed),
        growth=growth,
    )
    flip_threshold, flip_china, flip_us, flip_year = (
        flips[k] for k in ("threshold", "china", "us", "year")
    )
    p5, p50, p95 = (float(x) for x in np.percentile(gen_ratio, [5, 50, 95]))
    rates = []
    for window in windows:
        fitted = _fitted_growth(window)
        rates.append({c: fitted[c] if (x := growth[c]) is None else x for c in fitted})
    years_to = []
    for g in rates:
        rel = (1 + g["CHN"]) / (1 + g["USA"])
        years_to.append(float(np.log(threshold / observed) / np.log(rel)) if rel > 1 else np.inf)
    g = rates[0]
    span = " to ".join(f"{t:.0f}" for t in sorted(years_to))
    trends = "; ".join(
        f"{w[0]}-{w[1]}: China {q['CHN']:.1%}/yr, US {q['USA']:.1%}/yr"
        for w, q in zip(windows, rates, strict=True)
    )
    summary = (
        f"China generated {observed:.2f}x the US's electricity in {last}; the projection gives "
        f"{p50:.2f}x in {year} (90 % range {p5:.2f}-{p95:.2f}). At the fitted trends "
        f"({trends}), {threshold:g}x is about {span} years after {last}. "
        f"Installed capacity is already ~{np.median(cap_ratio):.1f}x: the figure fits "
        f"capacity, not generation. P(claim holds, by {metric}) = {p:.2f}. Flips: the claim "
        f"would be a coin toss at {flip_threshold:.2f}x"
        + (
            f"; at {threshold:g}x it needs China's generation to grow {flip_china:.0%} in "
            f"{year} (the US as fitted) or the US's to change by {flip_us:+.0%}"
            if np.isfinite(flip_china) and np.isfinite(flip_us)
            else ""
        )
        + (
            f"; on the trend China's generation is {threshold:g}x the US's in half the samples "
            f"first in {flip_year:.0f}."
            if np.isfinite(flip_year)
            else f"; on the trend China's generation is {threshold:g}x the US's in fewer than half "
            f"the samples by {FLIP_LAST_YEAR}."
        )
    )
    numbers = [
        Number(f"ratio_{last}", observed, "1", f"China/US generation, observed {last}"),
        Number(f"ratio_{year}_p50", p50, "1", f"China/US generation in {year}, median"),
        Number(f"ratio_{year}_p5", p5, "1", "5th percentile"),
        Number(f"ratio_{year}_p95", p95, "1", "95th percentile"),
        Number(f"china_generation_{last}", twh["CHN"][last], "TWh", "observed"),
        Number(f"us_generation_{last}", twh["USA"][last], "TWh", "observed"),
        Number("china_growth", g["CHN"], "1/yr", f"annual generation growth, {labels[0]} window"),
        Number("us_growth", g["USA"], "1/yr", f"annual generation growth, {labels[0]} window"),
        Number(
            "years_to_threshold_at_trend", years_to[0], "yr", f"from {last}, {labels[0]} window"
        ),
    ]
    if len(windows) > 1:
        numbers += [
            Number("china_growth_recent", rates[1]["CHN"], "1/yr", "recent window"),
            Number("us_growth_recent", rates[1]["USA"], "1/yr", "recent window"),
            Number("years_to_threshold_at_recent_trend", years_to[1], "yr", f"from {last}"),
        ]
    numbers += _flip_numbers(flips, metric=metric, year=year, last=last, threshold=threshold)
    numbers.append(
        Number(
            "capacity_ratio_2025",
            float(np.median(cap_ratio)),
            "1",
            "China/US installed generating capacity, end 2025",
        )
    )
    window_text = " or ".join(f"{w[0]}-{w[1]}" for w in windows)
    return Verdict(
        id="C9",
        statement=STATEMENT,
        probability=p,
        summary=summary,
        numbers=tuple(numbers),
        assumptions=(
            Assumption("metric", metric, "", "the claim says generation", deciding=True),
            Assumption(
                "china_growth",
                g["CHN"],
                "1/yr",
                "fit to data" if china_growth is None else "scenario",
                deciding=True,
            ),
            Assumption(
                "us_growth",
                g["USA"],
                "1/yr",
                "fit to data" if us_growth is None else "scenario",
                deciding=True,
            ),
            Assumption(
                "fit_window",
                window_text,
                "",
                (
                    f"structural choice: the default (long) window, or the recent one with "
                    f"weight {weight:g} ({WINDOW_CHOICE}, {RECENT_FIRST_YEAR})"
                    if len(windows) > 1
                    else "chosen window"
                ),
            ),
        ),
        sources=SOURCES,
        structural=structural,
    )
