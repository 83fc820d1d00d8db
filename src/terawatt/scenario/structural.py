"""Structural choices in a run: samples grouped by the options they drew.

A scenario's structural choices (:class:`~terawatt.parameters.choice.Choice`: the design
preset, the chip, the trend window, ...) are drawn once per sample. A chunk of samples is
split into groups that drew the same options, each with the scenario pinned to its options
(:meth:`terawatt.scenario.schema.Scenario.pinned`). Where the groups differ only in values
the engine takes per sample (a design preset's ``satellite.*`` draws, its name, its eclipse
strategy: :func:`merged_parameters`), the chunk runs as one engine call with each sample's
own group's values, in sample order. Otherwise (an option the engine reads once per call,
such as the chip) each group runs on its own and the results are put back in sample
order. Every other draw is keyed by parameter name and sample index, so a sample's
continuous inputs are the same whatever option it drew: the options are compared on
common random numbers, and the samples of one option are exactly those samples of a run
with that option fixed.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from terawatt.parameters.choice import Choice
from terawatt.scenario import _layout_kernels, engine
from terawatt.scenario.inputs import engine_parameters
from terawatt.scenario.outputs import check_arrays
from terawatt.scenario.schema import PRESET, Scenario, sample_parameters
from terawatt.scenario.sites import Sites

if TYPE_CHECKING:  # a worker computing chunks never imports xarray (scenario.jobs)
    import xarray as xr

__all__ = [
    "choice_groups",
    "choice_probabilities",
    "drawn_options",
    "engine_choices",
    "group_parameters",
    "label_choices",
    "run_grouped",
    "run_sample_major",
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
    choices = engine_choices(scenario)
    if not choices:
        return [(np.arange(stop - start), scenario)]
    # each sample's combination as one integer, the options ranked by name so that the
    # groups come in the order of their options' names (as sorting the names would give)
    key = np.zeros(stop - start, dtype=np.int64)
    options = []
    for name, choice in choices.items():
        names = np.asarray(choice.options)
        rank = np.empty(names.size, dtype=np.int64)
        rank[np.argsort(names, kind="stable")] = np.arange(names.size)
        key = key * names.size + rank[choice.draw(scenario.seed, name, start, stop)]
        options.append(np.sort(names))
    groups = []
    for combo in np.unique(key):
        picked, rest = [], int(combo)
        for names in reversed(options):
            rest, i = divmod(rest, names.size)
            picked.append(str(names[i]))
        pins = dict(zip(choices, reversed(picked), strict=True))
        groups.append((np.flatnonzero(key == combo), scenario.pinned(pins)))
    return groups


def group_parameters(
    scenario: Scenario,
    groups: list[tuple[NDArray[np.intp], Scenario]],
    start: int,
    stop: int,
) -> Iterator[dict[str, Any]]:
    """Each group's parameters (:func:`choice_groups`), its samples only, drawing once.

    The same values as ``sample_parameters(pinned, start, stop)`` subset to the group's
    samples, bit for bit: a sample's draw of a parameter depends only on the seed, the
    parameter (its stream), the sample's index and the parameter's value
    (:func:`~terawatt.parameters.distributions.sample_block`), so the samples of
    ``scenario`` are drawn once and each group draws again only the parameters its
    pinning changed (the choices themselves, the preset's ``satellite.*`` entries).
    """
    if len(groups) == 1 and groups[0][1] is scenario:
        yield sample_parameters(scenario, start, stop)
        return
    for index, params in _pinned_draws(scenario, groups, start, stop):
        whole = index.size == stop - start
        yield {
            k: v[index] if isinstance(v, np.ndarray) and not whole else v for k, v in params.items()
        }


def _pinned_draws(
    scenario: Scenario,
    groups: list[tuple[NDArray[np.intp], Scenario]],
    start: int,
    stop: int,
) -> Iterator[tuple[NDArray[np.intp], dict[str, Any]]]:
    """Each group's indices, and its parameters for *every* sample of the block.

    ``scenario``'s samples are drawn once; a group draws again only the parameters its
    pinning changed (the values of ``sample_parameters(pinned, start, stop)``, bit for bit).
    """
    drawn = sample_parameters(scenario, start, stop)
    for index, pinned in groups:
        changed = {
            k: v for k, v in pinned.parameters.items() if not _same(scenario.parameters.get(k), v)
        }
        redrawn = sample_parameters(dataclasses.replace(pinned, parameters=changed), start, stop)
        yield index, {k: redrawn[k] if k in changed else drawn[k] for k in pinned.parameters}


#: Text parameters a group may fix that one engine call takes per sample: the design
#: preset's name (never read by the engine: it gave the ``satellite.*`` values) and the
#: satellite's eclipse strategy (:func:`terawatt.space.satellite.size_satellite` sizes each
#: sample with its own).
PER_SAMPLE_TEXT = (PRESET, "satellite.power.eclipse")

#: Each group's sample indices and parameters (:func:`_pinned_draws`).
_Draws = list[tuple[NDArray[np.intp], dict[str, Any]]]


def merged_parameters(
    scenario: Scenario,
    groups: list[tuple[NDArray[np.intp], Scenario]],
    start: int,
    stop: int,
) -> dict[str, Any] | None:
    """The groups' parameters as one set in sample order, where one engine call can run them.

    Sample ``i`` of the set holds exactly the values its own group gives it
    (:func:`group_parameters`), so the engine, whose samples never interact, computes the
    same numbers for it as in its group's call, in one call and in order (no reorder after).
    That holds where the groups differ only in per-sample arrays of the same type, and in
    the text of :data:`PER_SAMPLE_TEXT` (each sample gets its group's). Returns None where
    a group differs in another fixed value (a text option the engine reads once per call,
    a number fixed in one group and drawn in another): those run group by group.
    """
    return _merge(list(_pinned_draws(scenario, groups, start, stop)), stop - start)


def _merge(draws: _Draws, n: int) -> dict[str, Any] | None:
    """:func:`merged_parameters` of the groups' draws (:func:`_pinned_draws`) of ``n`` samples."""
    if len({tuple(params) for _, params in draws}) != 1:
        return None
    merged = {}
    for name, first in draws[0][1].items():
        values = [params[name] for _, params in draws]
        if all(v is first for v in values):
            merged[name] = first
        elif all(isinstance(v, np.ndarray) and v.shape == (n,) for v in values) and (
            len({v.dtype for v in values}) == 1
        ):
            merged[name] = np.empty(n, dtype=first.dtype)
            for (index, _), v in zip(draws, values, strict=True):
                merged[name][index] = v[index]
        elif name in PER_SAMPLE_TEXT and all(isinstance(v, str) for v in values):
            merged[name] = np.empty(n, dtype=f"<U{max(map(len, values))}")
            for (index, _), v in zip(draws, values, strict=True):
                merged[name][index] = v
        elif all(not isinstance(v, np.ndarray) and _same(first, v) for v in values):
            merged[name] = first
        else:
            return None
    return merged


def _same(a: Any, b: Any) -> bool:
    """Whether two parameter values are the same value (so draw the same samples)."""
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    try:
        return bool(a == b)
    except (TypeError, ValueError):  # something without one truth value: draw again
        return False


#: Per thread: the buffers the engine fills before the samples are put in order and in
#: the result's layout (reused chunk after chunk: a fresh buffer costs a page fault per
#: 4 kB on first use, ~10 % of the engine's time for a chunk's 100 MB).
_SCRATCH = threading.local()


def _scratch(shape: tuple[int, int, int]) -> dict[str, NDArray[Any]]:
    """Buffers of ``shape`` (year, site, n) for every output, this thread's, reused."""
    years, sites, n = shape
    held: dict[str, NDArray[Any]] | None = getattr(_SCRATCH, "arrays", None)
    first = None if not held else next(iter(held.values()))
    if first is None or first.shape[:2] != (years, sites) or first.shape[2] < n:
        held = {name: np.empty(shape, dtype=engine.DTYPES[name]) for name in engine.OUTPUTS}
        _SCRATCH.arrays = held
    assert held is not None
    return {name: arr[:, :, :n] for name, arr in held.items()}


def _plan(
    scenario: Scenario, groups: list[tuple[NDArray[np.intp], Scenario]], start: int, stop: int
) -> tuple[dict[str, Any] | None, _Draws]:
    """The parameters of one engine call for the block, else each group's (:func:`_run_into`)."""
    if len(groups) == 1:
        return next(group_parameters(scenario, groups, start, stop)), []
    draws = list(_pinned_draws(scenario, groups, start, stop))
    return _merge(draws, stop - start), draws


def _run_into(
    plan: tuple[dict[str, Any] | None, _Draws],
    start: int,
    stop: int,
    years: NDArray[Any],
    sites: Sites,
    on_progress: Callable[[int], None] | None,
    buffers: Mapping[str, NDArray[Any]],
    moon_flows: Mapping[str, NDArray[Any]] | None,
    cost_terms: Mapping[str, NDArray[Any]] | None,
    cost_year: int | None,
) -> NDArray[np.intp] | None:
    """Run samples ``start`` to ``stop - 1`` into ``buffers``: in one call, or group by group.

    ``plan`` is :func:`_plan`'s. Returns ``where`` (sample ``i`` of the block sits at
    position ``where[i]`` of the buffers' last axis), or None where the samples are in
    order (one call).
    """

    def ticker(width: int) -> Callable[[int], None] | None:
        if on_progress is None:
            return None
        report = on_progress
        return lambda _year: report(width)

    merged, draws = plan
    if merged is not None:  # one call, the samples in order
        engine.run_chunk(
            merged,
            years,
            sites=sites,
            on_year=ticker(stop - start),
            out=buffers,
            moon_flows=moon_flows,
            cost_terms=cost_terms,
            cost_year=cost_year,
        )
        return None
    offset = 0
    for index, params in draws:
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
            out={name: arr[:, :, offset : offset + index.size] for name, arr in buffers.items()},
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
    where = np.empty(stop - start, dtype=np.intp)
    where[np.concatenate([index for index, _ in draws])] = np.arange(stop - start)
    return where


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
    shape = (len(years), len(sites.names), stop - start)
    plan = _plan(scenario, choice_groups(scenario, start, stop), start, stop)
    single = plan[0] is not None  # one engine call: straight into ``out``
    if out is None:  # one call fills it directly; several fill scratch, then it in order
        out = {
            name: (np.zeros if single else np.empty)(shape, dtype=engine.DTYPES[name])
            for name in engine.OUTPUTS
        }
    elif not single:
        check_arrays("out", out, shape, engine.DTYPES)
    scratch = out if single else _scratch(shape)
    where = _run_into(
        plan,
        start,
        stop,
        years,
        sites,
        on_progress,
        scratch,
        moon_flows,
        cost_terms,
        cost_year,
    )
    if single:
        return {name: np.moveaxis(out[name], 2, 0) for name in engine.OUTPUTS}
    # the samples are put back in order, one gather per output
    assert where is not None
    for name in engine.OUTPUTS:  # row by row, each a contiguous take (measured faster here
        # than a compiled loop on a 10^6-sample result: 9.6 s against 14.8 s in all)
        source, target = scratch[name], out[name]
        for row in np.ndindex(shape[:2]):
            np.take(source[row], where, out=target[row], mode="clip")
    return {name: np.moveaxis(out[name], 2, 0) for name in engine.OUTPUTS}


def run_sample_major(
    scenario: Scenario,
    start: int,
    stop: int,
    years: NDArray[Any],
    *,
    on_progress: Callable[[int], None] | None = None,
    out: Mapping[str, NDArray[Any]] | None = None,
) -> dict[str, NDArray[Any]]:
    """Every output for samples ``start`` to ``stop - 1``, C-ordered ``(sample, year, site)``.

    :func:`run_grouped`'s values in the layout of the result file (and of a Dask worker's
    answer): the engine fills this thread's reused ``(year, site, sample)`` buffers and one
    pass per output transposes them, into new arrays or into ``out`` (arrays of shape
    ``(stop - start, year, site)``, e.g. rows of a larger result): NumPy's strided copy
    where the samples are in order (one engine call), else a compiled pass that also puts
    them in order (:func:`terawatt.scenario._layout_kernels.gather_transpose`).
    """
    sites = scenario.sites
    shape = (len(years), len(sites.names), stop - start)
    scratch = _scratch(shape)
    plan = _plan(scenario, choice_groups(scenario, start, stop), start, stop)
    where = _run_into(plan, start, stop, years, sites, on_progress, scratch, None, None, None)
    result = {}
    for name in engine.OUTPUTS:
        target = (
            np.empty((stop - start, *shape[:2]), dtype=engine.DTYPES[name])
            if out is None
            else out[name]
        )
        if target.shape != (stop - start, *shape[:2]) or target.dtype != engine.DTYPES[name]:
            raise ValueError(f"out[{name!r}]: {target.dtype} {target.shape}, not {shape}")
        if where is None:  # in order: NumPy's strided copy (~2x the compiled gather here)
            np.copyto(target, scratch[name].transpose(2, 0, 1))
        else:
            _layout_kernels.gather_transpose(scratch[name], where, target)
        result[name] = target
    return result


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
