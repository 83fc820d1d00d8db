"""Earth commands: ``grid`` (electricity by country) and ``compute-by-country``.

Parse, call, print: the model lives in :mod:`terawatt.earth`; it is imported inside the
commands, so ``terawatt --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from terawatt.cli._common import JsonOption, err, out, print_json
from terawatt.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["compute_by_country", "compute_outlook", "grid"]


def _year_range(text: str, field: str) -> tuple[int, int]:
    start, sep, end = text.partition(":")
    try:
        lo, hi = int(start), int(end if sep else start)
    except ValueError as exc:
        raise InputError(field, text, "a year range START:END, e.g. 2000:2035") from exc
    if lo > hi:
        raise InputError(field, text, "a year range with START <= END")
    return lo, hi


def _grid_table(table: pd.DataFrame) -> Table:
    import numpy as np  # noqa: PLC0415 (fast --help)

    first = str(table["country"].iloc[0])
    t = Table(title="Electricity generation [TWh/yr]; projection = median (5-95 %)")
    t.add_column("year", justify="right")
    codes = list(dict.fromkeys(table["country"]))
    for c in codes:
        t.add_column(c, justify="right")
    for c in codes[1:]:
        t.add_column(f"{first}/{c}", justify="right")
    t.add_column("AI power added [GW]", justify="right")
    for year, rows in table.groupby("year"):
        cells = [str(year)]
        by = {str(r["country"]): r for r in rows.to_dict(orient="records")}
        for c in codes:
            r = by.get(c)
            if r is None:
                cells.append("")
            elif r["kind"] == "projection":
                cells.append(
                    f"{r['generation_twh']:,.0f} ({r['generation_twh_p5']:,.0f}-"
                    f"{r['generation_twh_p95']:,.0f})"
                )
            else:
                cells.append(f"{r['generation_twh']:,.0f}")
        for c in codes[1:]:
            r = by.get(c)
            cells.append("" if r is None else f"{r['first_over_country']:.2f}")
        added = [by[c]["ai_power_added_w"] for c in codes if c in by]
        cells.append(" / ".join("-" if np.isnan(a) else f"{a / 1e9:.1f}" for a in added))
        t.add_row(*cells)
    return t


def grid(
    countries: Annotated[
        list[str], typer.Argument(help="Countries: ISO-3 codes or names, e.g. CHN USA.")
    ],
    years: Annotated[
        str, typer.Option(help="Year range START:END; projections end by 2100.")
    ] = "2000:2035",
    fit: Annotated[
        str | None,
        typer.Option(
            help="Years the trend is fitted over, START:END (default: the parameter table's "
            "grid.trend_fit_first_year:grid.trend_fit_last_year)."
        ),
    ] = None,
    samples: Annotated[int, typer.Option(min=1, max=200_000, help="Monte Carlo samples.")] = 2000,
    seed: Annotated[int, typer.Option(help="Seed of every random draw.")] = 0,
    plot: Annotated[
        Path | None, typer.Option(help="Also write a figure (.png, .svg or .pdf).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Electricity generation by country: history, projection, ratio, power for AI."""
    from terawatt.earth import electricity  # noqa: PLC0415 (fast --help)
    from terawatt.report.figures import grid_figure  # noqa: PLC0415

    lo, hi = _year_range(years, "--years")
    if hi > electricity.PROJECTION_LAST_YEAR:
        raise InputError(
            "--years",
            years,
            f"a range ending by {electricity.PROJECTION_LAST_YEAR}, the last year a trend "
            "projection reaches",
        )
    window = None if fit is None else _year_range(fit, "--fit")
    table = electricity.grid_outlook(
        countries, lo, hi, fit_window=window, samples=samples, seed=seed
    )
    if plot is not None:
        grid_figure(table, plot)
    if as_json:
        records = table.to_dict(orient="records")
        for r in records:
            if r["kind"] == "history":
                r.pop("generation_twh_p5", None)
                r.pop("generation_twh_p95", None)
        print_json(records)
        return
    out.print(_grid_table(table))
    if plot is not None:
        err.print(f"figure written to {plot}")


# ------------------------------------------------------------------ compute by country


def compute_outlook(
    countries: list[str] | None, start: int, end: int, samples: int, seed: int
) -> pd.DataFrame:
    """Per country and year: AI capacity quantiles, binding shares and the usual binding."""
    from terawatt.earth import compute as compute_model  # noqa: PLC0415 (fast --help)
    from terawatt.earth import power  # noqa: PLC0415 (fast --help)
    from terawatt.earth.compute_scenario import ComputeScenario  # noqa: PLC0415 (fast --help)

    scenario = ComputeScenario.from_defaults(countries or None)
    if not scenario.base_year <= start <= end <= scenario.end_year:
        # the model's horizon is the table's (earth.base_year to earth.end_year); a later
        # year had no power path (a message about ai_power_added_w, not --years)
        raise InputError(
            "--years",
            f"{start}:{end}",
            f"years from {scenario.base_year} to {scenario.end_year} (earth.base_year to "
            "earth.end_year, the compute-by-country model's horizon)",
        )
    drawn = scenario.sample(samples, seed)
    ds = compute_model.ai_compute_capacity(
        drawn, power.iea_path_power_additions(drawn), years=(start, end)
    )
    table = compute_model.binding_summary(ds)
    shares = table[[f"share_{b}" for b in compute_model.BINDING_MEANINGS]].to_numpy()
    table["binding"] = [compute_model.BINDING_MEANINGS[i] for i in shares.argmax(axis=1)]
    return table


def compute_by_country(
    countries: Annotated[
        list[str] | None,
        typer.Option("--countries", help="Countries (repeat the option); default the top 10."),
    ] = None,
    years: Annotated[
        str, typer.Option(help="Year range START:END, within earth.base_year:earth.end_year.")
    ] = "2025:2035",
    samples: Annotated[int, typer.Option(min=1, max=100_000, help="Monte Carlo samples.")] = 2000,
    seed: Annotated[int, typer.Option(help="Seed of every random draw.")] = 0,
    as_json: JsonOption = False,
) -> None:
    """AI compute capacity by country and year, and which constraint binds."""
    lo, hi = _year_range(years, "--years")
    table = compute_outlook(countries, lo, hi, samples, seed)
    if as_json:
        print_json(table.to_dict(orient="records"))
        return
    t = Table(title="AI compute capacity [GW of AI data centres in use], median (5-95 %)")
    for col in ("country", "year", "capacity", "binds", "power / chips / capital"):
        t.add_column(col, justify="right" if col != "country" else "left")
    for r in table.to_dict(orient="records"):
        t.add_row(
            str(r["country"]),
            str(r["year"]),
            f"{r['capacity_w_median'] / 1e9:,.1f} ({r['capacity_w_p05'] / 1e9:,.1f}-"
            f"{r['capacity_w_p95'] / 1e9:,.1f})",
            str(r["binding"]),
            f"{r['share_power']:.0%} / {r['share_chips']:.0%} / {r['share_capital']:.0%}",
        )
    out.print(t)
