"""Structural choices in a run: samples grouped by the options they drew.

A scenario's structural choices (:class:`~terawatt.parameters.choice.Choice`: the design
preset, the chip, the trend window, ...) are drawn once per sample. The engine computes
with one option of each per call, so a chunk of samples is split into groups that drew
the same options; each group runs on the scenario pinned to its options
(:meth:`terawatt.scenario.schema.Scenario.pinned`), and the results are put back in sample
order. Every other draw is keyed by parameter name and sample index, so a sample's
continuous inputs are the same whatever option it drew: the options are compared on
common random numbers, and the samples of one option are exactly those samples of a run
with that option fixed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import xarray as xr
from numpy.typing import NDArray

from terawatt.parameters.choice import Choice
from terawatt.scenario import engine
from terawatt.scenario.inputs import engine_parameters
from terawatt.scenario.schema import PRESET, Scenario, sample_parameters
from terawatt.scenario.sites import Sites

__all__ = [
    "choice_groups",
    "choice_probabilities",
    "drawn_options",
    "engine_choices",
    "label_choices",
    "run_grouped",
]


def engine_choices(scenario: Scenario) -> dict[str, Choice]:
    """The scenario's structural choices the engine reads for its sites.

    The design preset counts (it gives the ``satellite.*`` entries the engine reads their
    values). A choice the engine does not read for these sites splits nothing and labels
    nothing.
    """
    read = {*engine_parameters(scenario.sites), PRESET}  # the preset sets satellite.*
    return {name: c for name, c in scenario.choices.items() if name in read}


def drawn_options(scenario: Scenario, start: int, stop: int) -> dict[str, NDArray[np.str_]]:
    """The option each sample ``start`` to ``stop - 1`` drew, for each choice the engine reads."""
    return {
        name: np.asarray(choice.options)[choice.draw(scenario.seed, name, start, stop)]
        for name, choice in engine_choices(scenario).items()
    }


def choice_groups(
    scenario: Scenario, start: int, stop: int
) -> list[tuple[NDArray[np.intp], Scenario]]:
    """Split samples ``start`` to ``stop - 1`` by the options they drew.

    Returns
    -------
    list of (indices, Scenario)
        For each combination of options drawn at least once: the positions in the block
        (``0 .. stop - start - 1``, ascending) of the samples that drew it, and the
        scenario pinned to it. One group holding every sample, with ``scenario`` itself,
        where there is no choice.
    """
    drawn = drawn_options(scenario, start, stop)
    if not drawn:
        return [(np.arange(stop - start), scenario)]
    names = list(drawn)
    keys = np.stack([drawn[name] for name in names], axis=1)
    combos, inverse = np.unique(keys, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    return [
        (
            np.flatnonzero(inverse == g),
            scenario.pinned(dict(zip(names, map(str, combo), strict=True))),
        )
        for g, combo in enumerate(combos)
    ]


def run_grouped(
    scenario: Scenario,
    start: int,
    stop: int,
    years: NDArray[Any],
    *,
    sites: Sites | None = None,
    on_progress: Callable[[int], None] | None = None,
    out: Mapping[str, NDArray[Any]] | None = None,
    moon_flows: Mapping[str, NDArray[Any]] | None = None,
    cost_terms: Mapping[str, NDArray[Any]] | None = None,
    cost_year: int | None = None,
) -> dict[str, NDArray[Any]]:
    """:func:`terawatt.scenario.engine.run_chunk` for samples ``start`` to ``stop - 1``.

    The samples are split by their structural choices (:func:`choice_groups`) and each
    group is run on its pinned scenario; with no choice this is one call straight into
    ``out``. Parameters and result as for ``run_chunk`` (``sites`` defaults to the
    scenario's; ``moon_flows`` rows and ``cost_terms`` columns are filled in sample order);
    ``on_progress`` is called with the number of sample-years done after each year of each
    group.
    """
    sites = scenario.sites if sites is None else sites
    groups = choice_groups(scenario, start, stop)

    def ticker(width: int) -> Callable[[int], None] | None:
        if on_progress is None:
            return None
        report = on_progress
        return lambda _year: report(width)

    if len(groups) == 1:
        return engine.run_chunk(
            sample_parameters(groups[0][1], start, stop),
            years,
            sites=sites,
            on_year=ticker(stop - start),
            out=out,
            moon_flows=moon_flows,
            cost_terms=cost_terms,
            cost_year=cost_year,
        )
    n = stop - start
    shape = (len(years), len(sites.names), n)
    if out is None:
        out = {name: np.zeros(shape, dtype=engine.DTYPES[name]) for name in engine.OUTPUTS}
    # each group runs straight into its own stretch of one buffer (groups in turn); the
    # samples are then put back in order, one gather per output
    grouped = {name: np.empty(shape, dtype=engine.DTYPES[name]) for name in engine.OUTPUTS}
    offset = 0
    for index, pinned in groups:
        params = sample_parameters(pinned, start, stop)
        subset = {k: v[index] if isinstance(v, np.ndarray) else v for k, v in params.items()}
        flows = (
            None
            if moon_flows is None
            else {k: np.zeros((index.size, len(years))) for k in moon_flows}
        )
        terms = (
            None
            if cost_terms is None
            else {k: np.zeros((len(sites.names), index.size)) for k in cost_terms}
        )
        engine.run_chunk(
            subset,
            years,
            sites=sites,
            on_year=ticker(index.size),
            out={name: arr[:, :, offset : offset + index.size] for name, arr in grouped.items()},
            moon_flows=flows,
            cost_terms=terms,
            cost_year=cost_year,
        )
        offset += index.size
        if moon_flows is not None and flows is not None:
            for k, target in moon_flows.items():
                target[index] = flows[k]
        if cost_terms is not None and terms is not None:
            for k, target in cost_terms.items():
                target[:, index] = terms[k]
    # sample i of the block sits at position where[i] of the grouped buffer
    where = np.empty(n, dtype=np.intp)
    where[np.concatenate([index for index, _ in groups])] = np.arange(n)
    for name in engine.OUTPUTS:
        source, target = grouped.pop(name), out[name]
        for row in np.ndindex(shape[:2]):  # row by row: each a contiguous gather
            np.take(source[row], where, out=target[row], mode="clip")
    return {name: np.moveaxis(out[name], 2, 0) for name in engine.OUTPUTS}


def label_choices(ds: xr.Dataset, scenario: Scenario) -> xr.Dataset:
    """``ds`` with each structural choice's drawn option as a coordinate over ``sample``.

    The coordinate is named after the parameter (``orbit.satellite_preset``), so results
    can be read by option: ``ds.groupby("orbit.satellite_preset")``; its ``probabilities``
    attribute holds the options' probabilities (JSON).
    """
    n = ds.sizes["sample"]
    drawn = drawn_options(scenario, 0, n)
    labelled = ds.assign_coords({name: ("sample", values) for name, values in drawn.items()})
    for name, choice in engine_choices(scenario).items():
        labelled[name].attrs["probabilities"] = json.dumps(choice.probabilities)
        labelled[name].attrs["long_name"] = "structural choice drawn by each sample"
    return labelled


def choice_probabilities(ds: xr.Dataset) -> dict[str, dict[str, float]]:
    """The structural choices a labelled result holds: name -> option -> its probability."""
    return {
        str(name): json.loads(coord.attrs["probabilities"])
        for name, coord in ds.coords.items()
        if "probabilities" in coord.attrs and coord.dims == ("sample",)
    }
