r"""Which assumption drives the answer: Sobol' indices and tornado swings.

:func:`sobol_indices` estimates variance-based (Sobol') sensitivity indices with
SALib: Saltelli's design on the unit hypercube, mapped through each parameter's
quantile function, so non-uniform inputs are sampled from their own distributions;
the model is called once on the whole design. :func:`tornado` gives the
one-at-a-time swings around the medians that a tornado chart shows.

A model is any callable that takes a mapping of parameter name to a float64 array of
shape ``(rows,)`` and returns one output per row, vectorized (no Python loop over rows).

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
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal

import numpy as np
import pandas as pd
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import sobol as sobol_sample

from terawatt.errors import InputError
from terawatt.parameters.distributions import Distribution, Fixed, open_unit
from terawatt.typing import FloatArray

__all__ = ["Model", "sobol_indices", "tornado"]

#: A vectorized model: parameter name -> values of shape (rows,), to outputs of shape (rows,).
Model = Callable[[dict[str, FloatArray]], Any]

_COLUMNS = ("S1", "S1_conf", "ST", "ST_conf")


def _evaluate(model: Model, inputs: dict[str, FloatArray], rows: int) -> FloatArray:
    """Call the model once and check it returned one finite output per row."""
    y = np.asarray(model(inputs), dtype=np.float64)
    if y.shape != (rows,):
        raise InputError(
            "model output", f"an array of shape {y.shape}", f"shape ({rows},): one per row"
        )
    finite = np.isfinite(y)
    if not finite.all():
        bad = int(np.argmin(finite))
        raise InputError(f"model output [row {bad}]", float(y[bad]), "finite numbers")
    return y


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
) -> pd.DataFrame:
    r"""First-order and total Sobol' indices of a vectorized model.

    Parameters
    ----------
    model : callable
        ``model(inputs) -> outputs``: ``inputs`` maps every name in ``dists`` to a float64
        array of shape ``(rows,)``; outputs are ``rows`` finite numbers. Called once.
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
        Estimator implementation; only SALib for now.
    num_resamples : int, optional
        Bootstrap resamples for the confidence intervals.
    conf_level : float, optional
        Confidence level of the intervals, in (0, 1).

    Returns
    -------
    pandas.DataFrame
        One row per parameter, in the order of ``dists``: ``parameter``, ``S1``,
        ``S1_conf``, ``ST``, ``ST_conf`` (dimensionless; ``*_conf`` are half-widths of the
        ``conf_level`` bootstrap interval). ``attrs`` holds ``seed``, ``n``,
        ``model_runs``, ``conf_level``, ``num_resamples``, ``backend`` and, with second
        order, ``S2`` and ``S2_conf`` as ``{p: {q: value}}`` for each pair p before q.

    Raises
    ------
    InputError
        ``n`` not a power of 2 >= 2; ``seed`` not a whole number >= 0; ``dists`` with no
        varying parameter; ``backend`` unknown; ``model output`` of the wrong shape, not
        finite or constant.

    Notes
    -----
    For :math:`Y = f(X_1, \dots, X_D)` with independent inputs,
    :math:`S_i = V[E(Y|X_i)]/V(Y)` and :math:`S_{Ti} = E[V(Y|X_{\sim i})]/V(Y)`.
    Two independent :math:`N \times D` matrices ``A`` and ``B`` of a scrambled Sobol'
    sequence on :math:`[0, 1)^{2D}`, and :math:`A_B^{(i)}` (``A`` with column ``i`` from
    ``B``), are mapped to the inputs by :math:`x = F_i^{-1}(u)`, ``u`` clipped into (0, 1).
    SALib then uses (Saltelli et al. 2010, Table 2, estimators (b) and (f), the latter
    Jansen's 1999)

    .. math::

        S_i \approx \frac{\frac1N \sum_j f(B)_j\,[f(A_B^{(i)})_j - f(A)_j]}{V(Y)}, \qquad
        S_{Ti} \approx \frac{\frac1{2N} \sum_j [f(A)_j - f(A_B^{(i)})_j]^2}{V(Y)},

    with :math:`V(Y)` the variance of the ``A`` and ``B`` outputs together, and
    Saltelli (2002) for the second-order indices. Confidence intervals are
    :math:`z_{(1+c)/2}` times the standard deviation of the estimates over
    ``num_resamples`` bootstrap resamples of the ``N`` rows.

    The scrambled Sobol' sequence is seeded with the first and the bootstrap with the
    second child of ``numpy.random.SeedSequence(seed)`` (SALib 1.6 treats an integer seed
    of 0 as "no seed" in its bootstrap, so an explicit generator is passed).
    """
    if backend != "salib":
        raise InputError("backend", backend, "'salib'")
    base = -1 if isinstance(n, bool) or not isinstance(n, int | np.integer) else int(n)
    if base < 2 or base & (base - 1):
        raise InputError("n", n, "a power of 2 >= 2 (e.g. 1024)")
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise InputError("seed", seed, "a whole number >= 0")
    if not 0.0 < conf_level < 1.0:
        raise InputError("conf_level", conf_level, "a value in (0, 1)")
    names = [name for name, dist in dists.items() if not isinstance(dist, Fixed)]
    if not names:
        raise InputError("dists", dict(dists), "at least one parameter with a distribution")

    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    design_ss, bootstrap_ss = np.random.SeedSequence(seed).spawn(2)
    unit = open_unit(
        sobol_sample.sample(
            problem,
            base,
            calc_second_order=calc_second_order,
            seed=np.random.default_rng(design_ss),
        )
    )
    rows = unit.shape[0]
    columns = {name: j for j, name in enumerate(names)}
    half = np.full(rows, 0.5)  # a fixed parameter's ppf is its value everywhere
    inputs = {
        name: dist.ppf(unit[:, columns[name]] if name in columns else half)
        for name, dist in dists.items()
    }
    y = _evaluate(model, inputs, rows)
    if np.ptp(y) == 0.0:
        raise InputError("model output", float(y[0]), "an output that varies with the inputs")

    result: Any = sobol_analyze.analyze(
        problem,
        y,
        calc_second_order=calc_second_order,
        num_resamples=num_resamples,
        conf_level=conf_level,
        seed=np.random.default_rng(bootstrap_ss),
    )
    indices = {key: dict(zip(names, result[key], strict=True)) for key in _COLUMNS}
    frame = pd.DataFrame(
        {
            "parameter": list(dists),
            **{key: [float(indices[key].get(name, 0.0)) for name in dists] for key in _COLUMNS},
        }
    )
    frame.attrs.update(
        seed=seed,
        n=base,
        model_runs=rows,
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
