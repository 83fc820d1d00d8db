"""The design search's figures as files: ``terawatt optimize --plot``.

The chart specs of :mod:`terawatt.report.optimize` drawn with matplotlib
(:func:`terawatt.report.figures.to_matplotlib`) and written atomically. A module of its
own: the report's charts (:mod:`terawatt.report.charts`, through its optional sections)
use :mod:`terawatt.report.optimize`, and :mod:`terawatt.report.figures` uses them.
"""

from __future__ import annotations

import os
from pathlib import Path

from terawatt.optimize import ParetoResult
from terawatt.report.figures import save_figure, to_matplotlib
from terawatt.report.optimize import over_time_chart, pareto_chart

__all__ = ["save_pareto_figure"]


def save_pareto_figure(result: ParetoResult, path: str | os.PathLike[str]) -> Path:
    """Write :func:`pareto_chart` (and, beside it, ``*-over-time``, if tabulated) with matplotlib.

    The format follows the suffix (``.png``, ``.svg``, ``.pdf``), written atomically by
    :func:`terawatt.report.figures.save_figure`.
    """
    target = Path(path)
    written = save_figure(to_matplotlib(pareto_chart(result)), target)
    if result.over_time:
        save_figure(
            to_matplotlib(over_time_chart(result)),
            target.with_name(f"{target.stem}-over-time{target.suffix}"),
        )
    return written
