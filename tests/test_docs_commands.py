"""Every ``terawatt`` command quoted in the docs names a real command and real options."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer

from terawatt.cli import app

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted([*ROOT.glob("docs/*.md"), *ROOT.glob("docs/guide/*.md"), ROOT / "README.md"])
_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)
_SPAN = re.compile(r"`([^`]+)`")


def quoted_commands(text: str) -> list[str]:
    """Command lines starting with ``terawatt `` in code blocks and inline code spans."""
    found = []
    for block in _FENCE.findall(text):
        found += [line.strip().removeprefix("$ ") for line in block.splitlines()]
    for span in _SPAN.findall(_FENCE.sub("", text)):
        found.append(" ".join(span.split()))
    return [line for line in found if line.startswith("terawatt ")]


def _tokens(line: str) -> list[str]:
    line = line.split(" #", 1)[0].rstrip(" \\")
    try:
        return shlex.split(line)
    except ValueError:  # an unbalanced quote in a shortened example
        return line.split()


CASES = [
    pytest.param(line, id=f"{path.name}:{line}")
    for path in DOCS
    for line in quoted_commands(path.read_text(encoding="utf-8"))
]


def test_the_docs_quote_commands() -> None:
    assert len(CASES) > 20


@pytest.mark.parametrize("line", CASES)
def test_a_quoted_command_exists(line: str) -> None:
    group: Any = typer.main.get_command(app)  # a TyperGroup
    words = _tokens(line)[1:]
    if not words or words[0].startswith("-"):  # `terawatt --help`
        options = {o for p in group.params for o in p.opts} | {"--help"}
        assert all(w.split("=")[0] in options for w in words if w.startswith("--"))
        return
    name = words[0]
    assert name in group.commands, f"{line!r}: no command {name!r}"
    command = group.commands[name]
    options = {o for p in command.params for o in (*p.opts, *p.secondary_opts)} | {"--help"}
    for word in words[1:]:
        opt = word.strip("[]").split("=")[0]
        if opt.startswith("--"):
            assert opt in options, f"{line!r}: {name} has no option {opt}"
