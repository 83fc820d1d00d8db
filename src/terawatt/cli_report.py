"""Commands for the report and the dashboard (`report`, `serve`)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to the ``terawatt`` application."""
