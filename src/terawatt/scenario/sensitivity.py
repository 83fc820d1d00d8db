r"""Which assumption drives the answer: Sobol' indices and tornado swings.

:func:`sobol_indices` estimates variance-based (Sobol') sensitivity indices with
Saltelli's design on the unit hypercube, mapped through each parameter's quantile
function, so non-uniform inputs are sampled from their own distributions. The design
is made and run block by block (:func:`saltelli_rows`, ``batch`` model rows at a time,
in this process or as tasks on a Dask cluster), and only the one output of each row is
kept, so memory is set by the batch, not by ``n``: at ``n = 65536`` and 65 parameters
the whole design (4.4 million rows) would take 2.1 GB, its model inputs as much again,
while the outputs take 35 MB. :func:`tornado` gives the one-at-a-time swings around the
medians that a tornado chart shows.

The rows are those of SALib's ``SALib.sample.sobol.sample`` for the same seed, and the
estimators those of ``SALib.analyze.sobol.analyze`` (SALib 1.6), computed with the same
NumPy operations in the same order, so the indices are bit for bit SALib's (the tests
compare both); the estimator only computes once, instead of once per parameter, the
bootstrap terms that do not depend on the parameter (at ``n = 65536`` and 65 parameters,
9 s instead of two minutes).

A model is any callable that takes a mapping of parameter name to a float64 array of
shape ``(rows,)`` and returns one output per row, vectorized (no Python loop over rows).
It must treat rows independently (row ``i``'s output depends on row ``i``'s inputs only),
which is what lets the design be cut into blocks.

References
----------
Sobol', I. M. (2001). Global sensitivity indices for nonlinear mathematical models and
their Monte Carlo estimates. *Mathematics and Computers in Simulation* 55, 271-280.
Saltelli, A. (2002). Making best use of model evaluations to compute sensitivity
indices. *Computer Physics Communications* 145, 280-297.
Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M., Tarantola, S. (2010).
Variance based sensitivity analysis of model output. Design and estimator for the total
sensitivity index. *Computer Physics Communications* 181, 259-270.
Saltelli, A., Ratto, M., Andres, T., et al. (2008). *Global Sensitivity Analysis: The
Primer*. Wiley.
Herman, J., Usher, W. (2017). SALib: An open-source Python library for sensitivity
analysis. *Journal of Open Source Software* 2(9), 97; Iwanaga, T., Usher, W., Herman, J.
(2022). Toward SALib 2.0. *Socio-Environmental Systems Modelling* 4, 18155.
Joe, S., Kuo, F. Y. (2008). Constructing Sobol sequences with better two-dimensional
projections. *SIAM Journal on Scientific Computing* 30, 2635-2654 (the direction numbers
of ``scipy.stats.qmc.Sobol``).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy.stats import norm, qmc

from terawatt.cluster import connect, wants_dask
from terawatt.errors import InputError
from terawatt.parameters.distributions import Distribution, Fixed, open_unit
from terawatt.typing import FloatArray

__all__ = ["DEFAULT_BATCH", "Model", "saltelli_rows", "sobol_indices", "tornado"]

#: A vectorized model: parameter name -> values of shape (rows,), to outputs of shape (rows,).
Model = Callable[[dict[str, FloatArray]], Any]

#: Model rows per call (per Dask task) when no ``batch`` is given: 65,536 rows of the
#: scenario engine with 65 parameters take about 0.15 GB of design, inputs and engine
#: arrays together, and each call is long enough (seconds) that the engine's fixed cost
#: per call (about 0.1 s) and the Dask task overhead stay small (measured with
#: benchmarks/sensitivity.py).
DEFAULT_BATCH = 1 << 16

_COLUMNS = ("S1", "S1_conf", "ST", "ST_conf")
_EPS = float(np.finfo(float).eps)


def _check_output(raw: Any, rows: int, offset: int = 0) -> FloatArray:
    """The model's outputs as float64, checked to be ``rows`` finite numbers.

    ``offset`` is the design row of the first output (for the error message).
    """
    y = np.asarray(raw, dtype=np.float64)
    if y.shape != (rows,):
        raise InputError(
            "model output", f"an array of shape {y.shape}", f"shape ({rows},): one per row"
        )
    finite = np.isfinite(y)
    if not finite.all():
        bad = int(np.argmin(finite))
        raise InputError(f"model output [row {offset + bad}]", float(y[bad]), "finite numbers")
    return y


def _evaluate(model: Model, inputs: dict[str, FloatArray], rows: int) -> FloatArray:
    """Call the model once and check it returned one finite output per row."""
    return _check_output(model(inputs), rows)


def _seeds(seed: int) -> tuple[np.random.SeedSequence, np.random.SeedSequence]:
    """The design's and the bootstrap's seed sequences (fresh ones on every call).

    Fresh, because ``scipy.stats.qmc.Sobol`` spawns its scrambling generator from the
    sequence it is given, which changes that sequence object.
    """
    design, bootstrap = np.random.SeedSequence(seed).spawn(2)
    return design, bootstrap


def saltelli_rows(
    d: int, seed: int, start: int, count: int, *, calc_second_order: bool = False
) -> FloatArray:
    """Rows of Saltelli's design on the unit hypercube, for base samples ``start`` on.

    Parameters
    ----------
    d : int
        Number of varying parameters ``D`` (>= 1).
    seed : int
        Seed (>= 0) of the scrambled Sobol' sequence (as for :func:`sobol_indices`).
    start : int
        First base sample (>= 0): the block starts at design row ``start * step``.
    count : int
        Number of base samples (>= 1).
    calc_second_order : bool, optional
        The second-order design (``step = 2D + 2`` rows per base sample, else ``D + 2``).

    Returns
    -------
    FloatArray
        Shape ``(count * step, d)``, values in [0, 1): for each base sample ``i`` the row
        of ``A``, the ``D`` rows of ``A`` with column ``k`` from ``B``, with second order
        the ``D`` rows of ``B`` with column ``k`` from ``A``, and the row of ``B`` (``A``
        and ``B`` the two halves of point ``i`` of a scrambled Sobol' sequence on
        :math:`[0, 1)^{2D}`). These are rows ``start * step`` to
        ``(start + count) * step - 1`` of ``SALib.sample.sobol.sample`` for ``D``
        parameters on [0, 1] seeded with ``numpy.random.default_rng`` of the first child
        of ``numpy.random.SeedSequence(seed)``, bit for bit, for any ``N >= start + count``.

    Raises
    ------
    InputError
        ``d``, ``start`` or ``count`` out of range.
    """
    if d < 1:
        raise InputError("d", d, "a number of parameters >= 1")
    if start < 0:
        raise InputError("start", start, "a base sample index >= 0")
    if count < 1:
        raise InputError("count", count, "a number of base samples >= 1")
    design, _ = _seeds(seed)
    sequence = qmc.Sobol(d=2 * d, scramble=True, rng=np.random.default_rng(design))
    if start:  # SciPy 1.17 cannot fast-forward by 0 points
        sequence.fast_forward(start)
    with warnings.catch_warnings():
        # SciPy warns when a first draw is not a power of 2 points; the whole design is
        # (n is a power of 2), a block of it need not be.
        warnings.filterwarnings("ignore", message="The balance properties", category=UserWarning)
        base = sequence.random(count)
    a, b = base[:, :d], base[:, d:]
    step = (2 if calc_second_order else 1) * d + 2
    rows = np.empty((count, step, d))
    k = np.arange(d)
    rows[:, : d + 1] = a[:, None, :]  # A, then A_B^(k): A with column k from B
    rows[:, 1 + k, k] = b
    if calc_second_order:
        rows[:, d + 1 : 2 * d + 1] = b[:, None, :]  # B_A^(k): B with column k from A
        rows[:, d + 1 + k, k] = a
    rows[:, -1] = b
    return rows.reshape(-1, d)


@dataclass(frozen=True)
class _Plan:
    """What one block of the design needs: sent once to each Dask worker."""

    model: Model
    dists: Mapping[str, Distribution]
    names: tuple[str, ...]
    seed: int
    calc_second_order: bool

    @property
    def step(self) -> int:
        """Design rows per base sample."""
        return (2 if self.calc_second_order else 1) * len(self.names) + 2


def _run_block(plan: _Plan, start: int, count: int) -> FloatArray:
    """The model's outputs for base samples ``start`` to ``start + count - 1`` (unchecked)."""
    unit = open_unit(
        saltelli_rows(
            len(plan.names), plan.seed, start, count, calc_second_order=plan.calc_second_order
        )
    )
    rows = unit.shape[0]
    columns = {name: j for j, name in enumerate(plan.names)}
    half = np.full(rows, 0.5)  # a fixed parameter's ppf is its value everywhere
    inputs = {
        name: dist.ppf(unit[:, columns[name]] if name in columns else half)
        for name, dist in plan.dists.items()
    }
    return np.asarray(plan.model(inputs), dtype=np.float64)


def _spans(n: int, per_block: int) -> list[tuple[int, int]]:
    """``(first base sample, count)`` of each block, in design order."""
    return [(start, min(per_block, n - start)) for start in range(0, n, per_block)]


def _outputs(
    plan: _Plan, n: int, per_block: int, scheduler: str | None, workers: int
) -> tuple[FloatArray, int]:
    """All ``n * step`` outputs in design order, block by block, here or on Dask.

    Returns the outputs and the base samples per block: ``per_block``, or on Dask fewer
    where that gives each worker at least two blocks.
    """
    step = plan.step
    y = np.empty(n * step)
    if not wants_dask(scheduler, workers):
        for start, count in _spans(n, per_block):
            block = _run_block(plan, start, count)
            y[start * step : (start + count) * step] = _check_output(
                block, count * step, start * step
            )
        return y, per_block
    from dask.distributed import as_completed  # noqa: PLC0415 (only on the Dask path)

    with connect(scheduler, workers) as cluster:
        per_block = min(per_block, max(1, -(-n // (2 * cluster.workers))))
        client = cluster.client
        shared = client.scatter(plan, broadcast=True, hash=False)
        futures = {
            client.submit(_run_block, shared, start, count, pure=False): (start, count)
            for start, count in _spans(n, per_block)
        }
        for future, block in as_completed(futures, with_results=True):  # type: ignore[no-untyped-call]
            start, count = futures.pop(future)
            y[start * step : (start + count) * step] = _check_output(
                block, count * step, start * step
            )
    return y, per_block


def _ratio(numerator: Any, variance: Any) -> Any:
    """``numerator / variance`` where the variance exceeds machine epsilon, else 0 (SALib)."""
    return np.divide(
        numerator,
        variance,
        out=np.zeros_like(variance, dtype=np.float64),
        where=variance > _EPS,
    )


def _analyze(
    y: FloatArray,
    d: int,
    n: int,
    *,
    calc_second_order: bool,
    num_resamples: int,
    conf_level: float,
    rng: np.random.Generator,
) -> dict[str, FloatArray]:
    """SALib 1.6's ``sobol.analyze`` estimates, bit for bit, with shared terms hoisted.

    The same NumPy operations on the same arrays as ``SALib.analyze.sobol.analyze``
    (``first_order``, ``total_order``, ``second_order`` and the bootstrap), except that
    the resampled ``A`` and ``B`` outputs, their variance and their range, which SALib
    recomputes for every parameter, are computed once; an output constant over ``A`` and
    ``B`` gives zeros, as in SALib (which also warns).
    """
    step = 2 * d + 2 if calc_second_order else d + 2
    y = (y - y.mean()) / y.std()
    a, b = y[0::step], y[step - 1 :: step]
    ab = np.zeros((n, d))
    ba = np.zeros((n, d)) if calc_second_order else None
    for j in range(d):
        ab[:, j] = y[j + 1 :: step]
        if ba is not None:
            ba[:, j] = y[j + 1 + d :: step]
    r = rng.integers(n, size=(n, num_resamples))
    z = norm.ppf(0.5 + conf_level / 2)

    both = np.r_[a, b]
    varies = bool(np.ptp(both) > _EPS)
    variance = np.var(both, axis=0)
    a_r, b_r = a[r], b[r]
    both_r = np.r_[a_r, b_r]
    spread_r = np.ptp(both_r)
    varies_r = bool(spread_r > _EPS)
    variance_r = np.var(both_r, axis=0)
    del both_r

    out = {key: np.zeros(d) for key in _COLUMNS}
    first_r = np.zeros((d, num_resamples))  # bootstrap first-order estimates (second order)
    for j in range(d):
        ab_j, ab_jr = ab[:, j], ab[r, j]
        if varies:
            out["S1"][j] = _ratio(np.mean(b * (ab_j - a), axis=0), variance)
            out["ST"][j] = _ratio(0.5 * np.mean((a - ab_j) ** 2, axis=0), variance)
        if varies_r:
            first_r[j] = _ratio(np.mean(b_r * (ab_jr - a_r), axis=0), variance_r)
            total_r = _ratio(0.5 * np.mean((a_r - ab_jr) ** 2, axis=0), variance_r)
            if spread_r != 0.0:
                out["S1_conf"][j] = z * first_r[j].std(ddof=1)
                out["ST_conf"][j] = z * total_r.std(ddof=1)
    if ba is None:
        return out

    s2, s2_conf = _second_order(
        a,
        b,
        ab,
        ba,
        r,
        first_r,
        out["S1"],
        variance if varies else None,
        variance_r if varies_r else None,
        z,
    )
    out["S2"], out["S2_conf"] = s2, s2_conf
    return out


def _second_order(
    a: FloatArray,
    b: FloatArray,
    ab: FloatArray,
    ba: FloatArray,
    r: Any,
    first_r: FloatArray,
    first: FloatArray,
    variance: Any,
    variance_r: Any,
    z: float,
) -> tuple[FloatArray, FloatArray]:
    """SALib's ``second_order`` estimates and intervals (Saltelli 2002), bit for bit.

    ``first`` and ``first_r`` are the first-order estimates and their bootstrap
    replicates; ``variance``/``variance_r`` ``None`` where the (resampled) ``A`` and
    ``B`` outputs are constant (then zeros, as in SALib).
    """
    d = ab.shape[1]
    s2, s2_conf = np.full((d, d), np.nan), np.full((d, d), np.nan)
    a_r, b_r = a[r], b[r]
    ab_product, ab_product_r = a * b, a_r * b_r
    for j in range(d):
        ba_j, ba_jr = ba[:, j], ba[r, j]
        for k in range(j + 1, d):
            s2[j, k] = s2_conf[j, k] = 0.0
            if variance is not None:
                v_jk = _ratio(np.mean(ba_j * ab[:, k] - ab_product, axis=0), variance)
                s2[j, k] = v_jk - first[j] - first[k]
            if variance_r is not None:
                v_jk_r = _ratio(np.mean(ba_jr * ab[r, k] - ab_product_r, axis=0), variance_r)
                s2_conf[j, k] = z * (v_jk_r - first_r[j] - first_r[k]).std(ddof=1)
    return s2, s2_conf


def _whole(value: Any) -> int | None:
    """``value`` as an int if it is a whole number (not a bool), else ``None``."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        return None
    return int(value)


def sobol_indices(
    model: Model,
    dists: Mapping[str, Distribution],
    n: int,
    seed: int,
    *,
    calc_second_order: bool = False,
    backend: Literal["salib"] = "salib",
    num_resamples: int = 100,
    conf_level: float = 0.95,
    batch: int | None = None,
    scheduler: str | None = None,
    workers: int = 1,
) -> pd.DataFrame:
    r"""First-order and total Sobol' indices of a vectorized model, in bounded memory.

    Parameters
    ----------
    model : callable
        ``model(inputs) -> outputs``: ``inputs`` maps every name in ``dists`` to a float64
        array of shape ``(rows,)``; outputs are ``rows`` finite numbers. Called once per
        block of at most ``batch`` rows, in design order (or as Dask tasks, then it must
        pickle); rows must not depend on one another.
    dists : Mapping[str, Distribution]
        Parameter name -> fixed value or distribution. Fixed parameters are passed to the
        model as constants and reported with zero indices.
    n : int
        Base sample size ``N`` of the Saltelli design, a power of 2 (>= 2). The model
        sees ``N (D + 2)`` rows (``N (2D + 2)`` with second order), ``D`` the number of
        non-fixed parameters.
    seed : int
        Seed (>= 0) of the scrambled Sobol' sequence and of the bootstrap.
    calc_second_order : bool, optional
        Also estimate second-order indices (stored in ``attrs``).
    backend : {"salib"}, optional
        Design and estimators: SALib's (the only one for now).
    num_resamples : int, optional
        Bootstrap resamples for the confidence intervals.
    conf_level : float, optional
        Confidence level of the intervals, in (0, 1).
    batch : int, optional
        Most model rows per call (per task on Dask), default :data:`DEFAULT_BATCH`; a
        block is a whole number of base samples, at least one (``D + 2`` rows), and on
        Dask small enough that each worker gets at least two blocks. Memory grows with
        ``batch``, not with ``n``; the indices do not depend on it.
    scheduler : str, optional
        Address of a running Dask scheduler (``"tcp://host:8786"``); default
        ``$TERAWATT_SCHEDULER``, see :func:`terawatt.cluster.connect`.
    workers : int, optional
        Without a scheduler, more than 1 runs the blocks on a local Dask cluster of that
        many processes; 1 (default) runs them here and never imports Dask.

    Returns
    -------
    pandas.DataFrame
        One row per parameter, in the order of ``dists``: ``parameter``, ``S1``,
        ``S1_conf``, ``ST``, ``ST_conf`` (dimensionless; ``*_conf`` are half-widths of the
        ``conf_level`` bootstrap interval). ``attrs`` holds ``seed``, ``n``,
        ``model_runs``, ``batch`` (rows per model call), ``conf_level``,
        ``num_resamples``, ``backend`` and, with second order, ``S2`` and ``S2_conf`` as
        ``{p: {q: value}}`` for each pair p before q. The same for every ``batch``,
        ``scheduler`` and ``workers``, bit for bit.

    Raises
    ------
    InputError
        ``n`` not a power of 2 >= 2; ``seed`` not a whole number >= 0; ``batch`` or
        ``workers`` not a whole number >= 1; ``dists`` with no varying parameter;
        ``backend`` unknown; ``model output`` of the wrong shape, not finite or constant;
        a scheduler that cannot be reached.

    Notes
    -----
    For :math:`Y = f(X_1, \dots, X_D)` with independent inputs,
    :math:`S_i = V[E(Y|X_i)]/V(Y)` and :math:`S_{Ti} = E[V(Y|X_{\sim i})]/V(Y)`.
    Two independent :math:`N \times D` matrices ``A`` and ``B`` of a scrambled Sobol'
    sequence on :math:`[0, 1)^{2D}`, and :math:`A_B^{(i)}` (``A`` with column ``i`` from
    ``B``), are mapped to the inputs by :math:`x = F_i^{-1}(u)`, ``u`` clipped into (0, 1).
    The estimators are SALib's (Saltelli et al. 2010, Table 2, estimators (b) and (f),
    the latter Jansen's 1999)

    .. math::

        S_i \approx \frac{\frac1N \sum_j f(B)_j\,[f(A_B^{(i)})_j - f(A)_j]}{V(Y)}, \qquad
        S_{Ti} \approx \frac{\frac1{2N} \sum_j [f(A)_j - f(A_B^{(i)})_j]^2}{V(Y)},

    with :math:`V(Y)` the variance of the ``A`` and ``B`` outputs together, and
    Saltelli (2002) for the second-order indices. Confidence intervals are
    :math:`z_{(1+c)/2}` times the standard deviation of the estimates over
    ``num_resamples`` bootstrap resamples of the ``N`` rows.

    The design is made block by block (:func:`saltelli_rows`: the Sobol' sequence is
    fast-forwarded to each block's first point), each block goes through the model, and
    only the outputs are kept: ``8 N (D + 2)`` bytes (35 MB at ``N = 65536``,
    ``D = 65``); the estimator then needs about ``8 N R`` bytes for each of a few
    ``N x R`` bootstrap arrays (``R = num_resamples``: 52 MB each at ``N = 65536``).
    Blocks on Dask are put back in design order, so the outputs, and the indices, are
    those of the serial run.

    The scrambled Sobol' sequence is seeded with the first and the bootstrap with the
    second child of ``numpy.random.SeedSequence(seed)`` (SALib 1.6 treats an integer seed
    of 0 as "no seed" in its bootstrap, so an explicit generator is used).
    """
    if backend != "salib":
        raise InputError("backend", backend, "'salib'")
    base = _whole(n)
    if base is None or base < 2 or base & (base - 1):
        raise InputError("n", n, "a power of 2 >= 2 (e.g. 1024)")
    whole_seed = _whole(seed)
    if whole_seed is None or whole_seed < 0:
        raise InputError("seed", seed, "a whole number >= 0")
    if not 0.0 < conf_level < 1.0:
        raise InputError("conf_level", conf_level, "a value in (0, 1)")
    rows_per_call = DEFAULT_BATCH if batch is None else _whole(batch)
    if rows_per_call is None or rows_per_call < 1:
        raise InputError("batch", batch, "a whole number of model rows >= 1")
    worker_count = _whole(workers)
    if worker_count is None or worker_count < 1:
        raise InputError("workers", workers, "a whole number >= 1")
    names = tuple(name for name, dist in dists.items() if not isinstance(dist, Fixed))
    if not names:
        raise InputError("dists", dict(dists), "at least one parameter with a distribution")

    plan = _Plan(model, dict(dists), names, whole_seed, calc_second_order)
    per_block = max(1, min(base, rows_per_call // plan.step))
    y, per_block = _outputs(plan, base, per_block, scheduler, worker_count)
    if np.ptp(y) == 0.0:
        raise InputError("model output", float(y[0]), "an output that varies with the inputs")

    _, bootstrap = _seeds(whole_seed)
    result = _analyze(
        y,
        len(names),
        base,
        calc_second_order=calc_second_order,
        num_resamples=num_resamples,
        conf_level=conf_level,
        rng=np.random.default_rng(bootstrap),
    )
    indices = {key: dict(zip(names, result[key], strict=True)) for key in _COLUMNS}
    frame = pd.DataFrame(
        {
            "parameter": list(dists),
            **{key: [float(indices[key].get(name, 0.0)) for name in dists] for key in _COLUMNS},
        }
    )
    frame.attrs.update(
        seed=whole_seed,
        n=base,
        model_runs=base * plan.step,
        batch=per_block * plan.step,
        conf_level=conf_level,
        num_resamples=num_resamples,
        backend=backend,
    )
    if calc_second_order:
        for key in ("S2", "S2_conf"):
            frame.attrs[key] = {
                p: {q: float(result[key][i, j]) for j, q in enumerate(names) if j > i}
                for i, p in enumerate(names)
            }
    return frame


def tornado(
    model: Model,
    dists: Mapping[str, Distribution],
    *,
    low_q: float = 0.1,
    high_q: float = 0.9,
) -> pd.DataFrame:
    """One-at-a-time output swings around the medians, for a tornado chart.

    Parameters
    ----------
    model : callable
        Vectorized model, as for :func:`sobol_indices`; called once with
        ``1 + 2 len(dists)`` rows.
    dists : Mapping[str, Distribution]
        Parameter name -> fixed value or distribution.
    low_q, high_q : float, optional
        Quantiles that set each parameter low and high, ``0 < low_q < high_q < 1``.

    Returns
    -------
    pandas.DataFrame
        One row per parameter, largest ``|swing|`` first (ties in the order of
        ``dists``): ``parameter``, ``low_value`` and ``high_value`` (the parameter at
        ``low_q`` and ``high_q`` [parameter unit]), ``output_low`` and ``output_high``
        (the model with that parameter low or high and every other at its median
        [output unit]), ``swing`` = ``output_high - output_low``. ``attrs`` holds
        ``base_output`` (all parameters at their medians), ``low_q`` and ``high_q``.

    Raises
    ------
    InputError
        ``low_q``/``high_q`` out of order or outside (0, 1); ``model output`` of the
        wrong shape or not finite.
    """
    if not 0.0 < low_q < 1.0:
        raise InputError("low_q", low_q, "a quantile in (0, 1)")
    if not low_q < high_q < 1.0:
        raise InputError("high_q", high_q, f"a quantile in ({low_q:g}, 1)")
    rows = 1 + 2 * len(dists)
    low_values = {name: float(dist.ppf(low_q)) for name, dist in dists.items()}
    high_values = {name: float(dist.ppf(high_q)) for name, dist in dists.items()}
    inputs: dict[str, FloatArray] = {}
    for k, (name, dist) in enumerate(dists.items()):
        column = np.full(rows, dist.median())
        column[1 + 2 * k] = low_values[name]
        column[2 + 2 * k] = high_values[name]
        inputs[name] = column
    y = _evaluate(model, inputs, rows)
    frame = pd.DataFrame(
        {
            "parameter": list(dists),
            "low_value": list(low_values.values()),
            "high_value": list(high_values.values()),
            "output_low": y[1::2],
            "output_high": y[2::2],
        }
    )
    frame["swing"] = frame["output_high"] - frame["output_low"]
    order = np.argsort(-np.abs(frame["swing"].to_numpy()), kind="stable")
    frame = frame.iloc[order].reset_index(drop=True)
    frame.attrs.update(base_output=float(y[0]), low_q=low_q, high_q=high_q)
    return frame
