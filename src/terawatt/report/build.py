"""``terawatt report`` as a function: scenarios in, one HTML file (and slide figures) out."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from terawatt.errors import InputError
from terawatt.report import html as report_html
from terawatt.report.extras import collect_extras
from terawatt.report.figures import export_figures
from terawatt.report.results import DEFAULT_SAMPLES, ReportData, collect
from terawatt.scenario.schema import Scenario, default_scenario, load_scenario

__all__ = ["BuiltReport", "build_report", "load_scenarios"]


@dataclass(frozen=True)
class BuiltReport:
    """What :func:`build_report` wrote."""

    path: Path
    figures: tuple[Path, ...]
    data: ReportData


def load_scenarios(paths: Sequence[str | os.PathLike[str]], seed: int | None) -> list[Scenario]:
    """Scenario files (or the parameter table's defaults when none is given).

    ``seed`` replaces each scenario's own seed when given.

    Raises
    ------
    InputError
        For any mistake in a scenario file (file, line, field and what was expected).
    """
    overrides = {} if seed is None else {"seed": seed}
    if not paths:
        return [default_scenario(overrides=overrides)]
    return [load_scenario(Path(p), overrides=overrides) for p in paths]


def _check_folder(folder: Path, report: Path) -> None:
    """Refuse a figures folder that is a file, lies below one or below the report's name."""
    if report.resolve() in (folder.resolve(), *folder.resolve().parents):
        raise InputError("--figures", str(folder), "a folder apart from the report file")
    for part in (folder, *folder.parents):
        if part.exists():
            if not part.is_dir():
                raise InputError("--figures", str(folder), "a folder (a file has that name)")
            return


def build_report(
    scenario_paths: Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int | None = None,
    figures_dir: str | os.PathLike[str] | None = None,
) -> BuiltReport:
    """Run the scenarios and claims and write the report (and PNG+SVG figures if asked).

    Parameters
    ----------
    scenario_paths : sequence of path
        Scenario YAML files; none: the parameter table's defaults.
    output : path
        The ``.html`` file to write (atomically; its folder is created if missing).
    samples : int
        Monte Carlo samples per scenario.
    seed : int, optional
        Seed of every scenario and of the claims (default: each scenario's own, claims 0).
    figures_dir : path, optional
        Also write every figure there as PNG and SVG (matplotlib).

    Returns
    -------
    BuiltReport

    Raises
    ------
    InputError
        For bad scenario files, sample counts or output names.
    """
    target = report_html.check_output(output)
    if figures_dir is not None:
        _check_folder(Path(figures_dir), target)
    scenarios = load_scenarios(scenario_paths, seed)
    claims_seed = 0 if seed is None else seed
    data = collect(
        scenarios, samples=samples, claims_seed=claims_seed, extras=collect_extras(claims_seed)
    )
    text = report_html.render(data)
    figures: tuple[Path, ...] = ()
    if figures_dir is not None:
        figures = tuple(export_figures(data, figures_dir))
    path = report_html.write_report(text, output)
    return BuiltReport(path, figures, data)
