"""The ``claims`` command: verdicts on the public claims."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from terawatt.cli._common import JsonOption, out, print_json

if TYPE_CHECKING:
    from terawatt.claims import Verdict

__all__ = ["claims", "claims_table", "structural_line"]


def claims_table(verdicts: list[Verdict]) -> Table:
    """The verdicts as a table: id, claim, verdict, probability and why."""
    table = Table(title="Verdicts on the public claims", show_lines=True)
    table.add_column("id")
    table.add_column("claim", overflow="fold", max_width=40)
    table.add_column("verdict")
    table.add_column("P(holds)", justify="right")
    table.add_column("why", overflow="fold")
    colour = {"holds": "green", "fails": "red", "depends": "yellow"}
    for v in verdicts:
        why = Text(v.summary)
        if v.structural:
            why.append(f"\n{structural_line(v)}", style="dim")
        table.add_row(
            v.id,
            v.statement,
            f"[{colour[v.verdict]}]{v.verdict}[/]",
            f"{v.probability:.2f}",
            why,
        )
    return table


def structural_line(v: Verdict) -> str:
    """One line with the probability under each option of each structural choice."""
    parts = [f"{o.option} (weight {o.weight:.2f}): P = {o.probability:.2f}" for o in v.structural]
    names = ", ".join(dict.fromkeys(o.parameter for o in v.structural))
    same = v.survives_every_choice
    agree = "every option gives the same verdict" if same else "the verdict turns on it"
    return f"Structural choice {names}: {'; '.join(parts)}; {agree}."


def claims(
    ids: Annotated[
        list[str] | None,
        typer.Argument(help="Claim ids (e.g. C9 C11); all implemented by default."),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of every random draw.")] = 0,
    as_json: JsonOption = False,
) -> None:
    """Verdicts on the public claims: probability, key numbers, deciding assumptions, sources."""
    from terawatt.claims import evaluate  # noqa: PLC0415 (fast --help)

    verdicts = evaluate(ids, seed=seed)
    if as_json:
        print_json([v.to_dict() for v in verdicts])
        return
    out.print(claims_table(verdicts))
