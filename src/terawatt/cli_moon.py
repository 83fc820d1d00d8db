"""Commands for the Moon: mass driver and lunar industry (`massdriver`, `moon`)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to the ``terawatt`` application."""
