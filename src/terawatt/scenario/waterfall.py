"""The cost waterfall: every term of the levelized cost per million tokens, site by site.

For one year of a scenario, each site's cost per million tokens of the capacity built
that year (``cost_per_mtok_usd``) split into the terms of
:data:`terawatt.scenario.engine.COST_TERMS`: chips, the facility or the satellite platform,
launch, the cost of capital, O&M, energy, failures, insurance, the ground segment and
obsolescence (what the other terms cost more because an ageing chip's tokens are worth
less than a new chip's: :func:`terawatt.physics.finance.obsolescence_factor`).

One implementation: the terms are what the engine's cost equations return
(:func:`terawatt.earth.datacenter.annual_cost_per_w` on the ground,
:func:`terawatt.space.fleet_steady.annual_cost_per_w` in orbit) and the engine's cost per
million tokens is their sum; :func:`cost_terms` asks
:func:`terawatt.scenario.engine.run_chunk` for them (``cost_terms=``, ``cost_year=``).

Why a run of its own, and why only one year. A run's outputs are ``(sample, year,
site)`` arrays; ten more of them would multiply the memory of a 10^6-sample run for a
table that is read for one year. The engine therefore writes the terms only when asked and
only for one year, and :func:`cost_terms` runs the scenario's samples through the years
up to that one only (the engine is causal: a year's results do not depend on later years,
so they are the full run's, sample for sample, on the same draws). It keeps one
``(sample, site)`` float32 array per term, ``1 / len(years)`` of one output of a full
run, and :func:`summarize` reduces them to the median and the 5-95 % range of each term.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from terawatt.errors import InputError
from terawatt.scenario import engine
from terawatt.scenario.runner import DEFAULT_CHUNK
from terawatt.scenario.schema import Scenario
from terawatt.scenario.structural import run_grouped

__all__ = ["TERM_LABELS", "Waterfall", "check_year", "cost_terms", "cost_waterfall", "summarize"]

#: A short label of each term for tables and figures.
TERM_LABELS: dict[str, str] = {
    "chips": "chips and servers",
    "facility": "facility",
    "platform_array": "platform per W of array",
    "platform_mass": "platform per kg",
    "launch": "launch",
    "cost_of_capital": "cost of capital",
    "om": "operations and maintenance",
    "energy": "electricity",
    "failures": "failures replaced",
    "insurance": "insurance",
    "ground_segment": "ground segment",
    "obsolescence": "obsolescence",
}

#: The quantiles a waterfall shows: the 5-95 % range and the median.
QUANTILES = (0.05, 0.5, 0.95)


def check_year(scenario: Scenario, year: Any, option: str = "--waterfall") -> int:
    """``year`` as a year of ``scenario``, or an :class:`InputError` naming ``option``."""
    first, last = scenario.start_year, scenario.end_year
    if isinstance(year, bool) or not isinstance(year, int | np.integer):
        raise InputError(option, year, f"a year of the scenario, {first}-{last}")
    if not first <= int(year) <= last:
        raise InputError(option, year, f"a year of the scenario, {first}-{last}")
    return int(year)


def cost_terms(
    scenario: Scenario,
    year: int,
    *,
    samples: int | None = None,
    chunk_size: int = DEFAULT_CHUNK,
) -> dict[str, NDArray[np.float32]]:
    """Each site's cost terms in ``year`` for every sample [USD per million tokens].

    Parameters
    ----------
    scenario : Scenario
        From :func:`terawatt.scenario.schema.load_scenario`.
    year : int
        A year of the scenario.
    samples : int, optional
        Number of samples (the scenario's by default): the same samples, on the same
        draws, as :func:`terawatt.scenario.runner.run` with that count.
    chunk_size : int
        Samples per engine call (bounded memory).

    Returns
    -------
    dict of str to numpy.ndarray
        Term -> float32 array ``(sample, site)``, one per entry of
        :data:`terawatt.scenario.engine.COST_TERMS` (0 where a site has no such term; NaN
        where the site's cost is, e.g. the Moon before it produces), and ``"total"``, their
        sum: the run's ``cost_per_mtok_usd`` in that year.

    Raises
    ------
    InputError
        For a year outside the scenario or a bad sample count.
    """
    at = check_year(scenario, year, "year")
    n = scenario.samples if samples is None else samples
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InputError("samples", n, "a whole number >= 1")
    years = np.arange(scenario.start_year, at + 1)
    sites = scenario.sites
    result = {
        name: np.zeros((n, len(sites.names)), dtype=np.float32)
        for name in (*engine.COST_TERMS, "total")
    }
    for start in range(0, n, max(int(chunk_size), 1)):
        stop = min(start + max(int(chunk_size), 1), n)
        terms = {name: np.zeros((len(sites.names), stop - start)) for name in engine.COST_TERMS}
        run_grouped(scenario, start, stop, years, cost_terms=terms, cost_year=at)
        total = np.zeros((len(sites.names), stop - start))
        for name, values in terms.items():
            result[name][start:stop] = values.T
            total = total + values
        result["total"][start:stop] = total.T
    return result


@dataclass(frozen=True)
class Waterfall:
    """The cost terms of one year, site by site: median and 5-95 % over samples.

    Attributes
    ----------
    scenario : str
        The scenario's name.
    year, samples : int
        The year and the number of samples.
    sites, kinds : tuple of str
        Site names and kinds (``earth``, ``orbit``, ``moon``).
    terms : tuple of str
        The terms some site has (in :data:`terawatt.scenario.engine.COST_TERMS` order).
    low, median, high : numpy.ndarray
        ``(term, site)``: 5th, 50th and 95th percentile of each term [USD/Mtok].
    share : numpy.ndarray
        ``(term, site)``: median over samples of the term's share of that sample's total.
    total : numpy.ndarray
        ``(3, site)``: 5th, 50th and 95th percentile of the total [USD/Mtok]. The medians
        of the terms do not add up to the median of the total (a median is not additive).
    """

    scenario: str
    year: int
    samples: int
    sites: tuple[str, ...]
    kinds: tuple[str, ...]
    terms: tuple[str, ...]
    low: NDArray[np.float64]
    median: NDArray[np.float64]
    high: NDArray[np.float64]
    share: NDArray[np.float64]
    total: NDArray[np.float64]

    def to_dict(self) -> dict[str, Any]:
        """The waterfall as JSON-ready data (None for a value that is not a number)."""

        def num(value: float) -> float | None:
            return float(value) if np.isfinite(value) else None

        return {
            "scenario": self.scenario,
            "year": self.year,
            "samples": self.samples,
            "unit": "USD per million tokens",
            "statistic": "median (p5, p95) over samples; share: median share of the total",
            "sites": {
                site: {
                    "kind": kind,
                    "terms": {
                        term: {
                            "median": num(self.median[i, j]),
                            "p5": num(self.low[i, j]),
                            "p95": num(self.high[i, j]),
                            "share": num(self.share[i, j]),
                        }
                        for i, term in enumerate(self.terms)
                    },
                    "total": {
                        "median": num(self.total[1, j]),
                        "p5": num(self.total[0, j]),
                        "p95": num(self.total[2, j]),
                    },
                }
                for j, (site, kind) in enumerate(zip(self.sites, self.kinds, strict=True))
            },
        }


def summarize(terms: dict[str, NDArray[np.float32]], scenario: Scenario, year: int) -> Waterfall:
    """Reduce :func:`cost_terms` to a :class:`Waterfall` (NaN samples left out per site)."""
    total = terms["total"].astype(np.float64)
    shown = tuple(t for t in engine.COST_TERMS if np.any(np.nan_to_num(terms[t]) != 0.0))
    stack = np.stack([terms[t].astype(np.float64) for t in shown])  # (term, sample, site)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a site with no number (all NaN)
        q = np.nanquantile(stack, QUANTILES, axis=1) if shown else np.zeros((3, 0, total.shape[1]))
        share = np.nanmedian(stack / total, axis=1) if shown else np.zeros((0, total.shape[1]))
        q_total = np.nanquantile(total, QUANTILES, axis=0)
    return Waterfall(
        scenario=scenario.name,
        year=year,
        samples=total.shape[0],
        sites=tuple(scenario.sites.names),
        kinds=tuple(scenario.sites.kinds),
        terms=shown,
        low=q[0],
        median=q[1],
        high=q[2],
        share=share,
        total=q_total,
    )


def cost_waterfall(
    scenario: Scenario,
    year: int,
    *,
    samples: int | None = None,
    chunk_size: int = DEFAULT_CHUNK,
) -> Waterfall:
    """The cost waterfall of ``scenario`` in ``year``: :func:`cost_terms`, summarized."""
    return summarize(
        cost_terms(scenario, year, samples=samples, chunk_size=chunk_size), scenario, year
    )
