"""YAML files read with the line and column of every key, for error messages.

One loader for every YAML file terawatt reads (scenario files, the parameter table,
constellation configs): YAML 1.2 core schema (``yes``, ``no``, ``on`` and ``off`` stay
text, ``1e3`` is a number, no dates or base-60 numbers), each key once per mapping, an alias
budget against alias bombs, and every failure one :class:`~terawatt.errors.InputError`
with ``file:line:column``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, TypeAlias, cast

import yaml

from terawatt.errors import InputError

__all__ = [
    "Doc",
    "Label",
    "Locator",
    "PathKey",
    "YamlLoader",
    "field_name",
    "loads",
    "parse_yaml",
    "read_yaml_file",
]


class YamlLoader(yaml.SafeLoader):
    """YAML 1.2 core schema: only ``true``/``false`` are booleans, no dates, no base 60."""

    yaml_implicit_resolvers = {}  # noqa: RUF012 - replaced, not shared: filled below


for _tag, _pattern, _first in (
    ("null", r"~|null|Null|NULL|", ["~", "n", "N", ""]),
    ("bool", r"true|True|TRUE|false|False|FALSE", list("tTfF")),
    ("int", r"[-+]?[0-9]+", list("-+0123456789")),
    (
        "float",
        (
            r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
        ),
        list("-+0123456789."),
    ),
    ("merge", r"<<", ["<"]),
):
    YamlLoader.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", re.compile(f"^(?:{_pattern})$"), _first
    )


def _construct_int(loader: yaml.SafeLoader, node: yaml.Node) -> int:
    """Decimal integers as written (``010`` is ten, not YAML 1.1's octal eight)."""
    text = str(loader.construct_scalar(cast(yaml.ScalarNode, node)))
    try:
        return int(text, 10)
    except ValueError:  # an explicit !!int 0x1f
        return loader.construct_yaml_int(cast(yaml.ScalarNode, node))


YamlLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)

PathKey: TypeAlias = tuple[str | int, ...]


def field_name(path: Sequence[str | int]) -> str:
    """Dotted field name of a path: ``('parameters', 'a.b', 'high')`` -> ``parameters.a.b.high``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(file)"


class Locator(Protocol):
    """Anything that can say where a field came from (a file with lines, a label)."""

    def where(self, path: Sequence[str | int]) -> str:
        """Location of the field at ``path``, for error messages."""


@dataclasses.dataclass(frozen=True)
class Label:
    """A locator without lines: the command line, a Python call."""

    label: str

    def where(self, path: Sequence[str | int]) -> str:
        """The label, whatever the field."""
        return self.label


@dataclasses.dataclass(frozen=True)
class Doc:
    """A YAML document as Python data, with the line and column of every key."""

    label: str
    data: Any
    marks: dict[PathKey, tuple[int, int]]

    def where(self, path: Sequence[str | int]) -> str:
        """``file:line:column`` of ``path`` (or of its nearest enclosing key)."""
        key = tuple(path)
        while key and key not in self.marks:
            key = key[:-1]
        line, column = self.marks.get(key, (1, 1))
        return f"{self.label}:{line}:{column}"


def _line_of(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _snippet(text: str, line: int) -> str:
    """The offending line, shortened (``"(end of file)"`` past the last line)."""
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return "(end of file)"
    shown = lines[line - 1].strip()
    return shown if len(shown) <= 60 else shown[:57] + "..."


class _Budget:
    """Counts constructed nodes, so that alias bombs stop early."""

    limit = 200_000

    def __init__(self) -> None:
        self.left = self.limit


def _construct(
    loader: YamlLoader,
    node: yaml.Node,
    path: PathKey,
    marks: dict[PathKey, tuple[int, int]],
    label: str,
    active: set[int],
    budget: _Budget,
) -> Any:
    """Python data of a composed node; records the mark of every key and list item."""
    budget.left -= 1
    mark = node.start_mark
    where = f"{label}:{mark.line + 1}:{mark.column + 1}"
    if budget.left < 0:
        raise InputError(
            field_name(path), "(aliases)", f"at most {_Budget.limit} YAML nodes", where
        )
    if isinstance(node, yaml.ScalarNode):
        try:
            return loader.construct_object(node, deep=True)
        except yaml.YAMLError:
            raise
        except Exception as exc:  # e.g. an integer of more than 4300 digits
            raise InputError(
                field_name(path), node.value, f"a readable value ({exc})", where
            ) from exc
    if id(node) in active:
        raise InputError(
            field_name(path), "(alias)", "a YAML alias that does not contain itself", where
        )
    active.add(id(node))
    try:
        if isinstance(node, yaml.SequenceNode):
            items = []
            for i, child in enumerate(node.value):
                marks[(*path, i)] = (child.start_mark.line + 1, child.start_mark.column + 1)
                items.append(_construct(loader, child, (*path, i), marks, label, active, budget))
            return items
        loader.flatten_mapping(cast(yaml.MappingNode, node))
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_mark = key_node.start_mark
            key_where = f"{label}:{key_mark.line + 1}:{key_mark.column + 1}"
            if not isinstance(key_node, yaml.ScalarNode):
                raise InputError(
                    field_name(path), "(a list or mapping)", "a key of text", key_where
                )
            key = str(key_node.value)
            child_path = (*path, key)
            if key in out:
                first = marks[child_path][0]
                raise InputError(
                    field_name(child_path),
                    key,
                    f"each key once (it is already on line {first})",
                    key_where,
                )
            marks[child_path] = (key_mark.line + 1, key_mark.column + 1)
            out[key] = _construct(loader, value_node, child_path, marks, label, active, budget)
        return out
    finally:
        active.discard(id(node))


def parse_yaml(raw: bytes, label: str) -> Doc:
    """Parse YAML bytes into a :class:`Doc`; every failure is an InputError with a line."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError(
            "file", f"byte 0x{raw[exc.start]:02x}", "UTF-8 text", f"{label}:{line}"
        ) from None
    marks: dict[PathKey, tuple[int, int]] = {}
    loader: YamlLoader | None = None
    try:
        loader = YamlLoader(text)  # checks every character first (ReaderError)
        node = loader.get_single_node()
        data = (
            None if node is None else _construct(loader, node, (), marks, label, set(), _Budget())
        )
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(str(exc.problem or exc.context or "a syntax error").split())
        raise InputError(
            "YAML", _snippet(text, line), f"valid YAML ({problem})", f"{label}:{line}:{column}"
        ) from None
    except yaml.YAMLError as exc:  # ReaderError: a character YAML does not allow
        line, column = _line_of(text, getattr(exc, "position", 0))
        reason = getattr(exc, "reason", "a character YAML does not allow")
        character = getattr(exc, "character", "")
        got = f"character {ord(character):#06x}" if isinstance(character, str) and character else ""
        raise InputError(
            "YAML",
            got or _snippet(text, line),
            f"valid YAML ({reason})",
            f"{label}:{line}:{column}",
        ) from None
    except RecursionError:
        raise InputError("YAML", "(nesting)", "YAML nested less deeply", f"{label}:1") from None
    finally:
        if loader is not None:
            loader.dispose()
    return Doc(label, data, marks)


def read_yaml_file(path: Path, label: str, field: str, value: Any, where: str | None) -> Doc:
    """Read and parse a YAML file, with a clear error when it cannot be read."""
    shown = "" if value == label else f" ({label})"
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(field, value, f"an existing YAML file{shown}", where) from None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        expected = f"a readable YAML file{shown} ({reason})"
        raise InputError(field, value, expected, where) from None
    return parse_yaml(raw, label)


def loads(text: str) -> Any:
    """Load one YAML value with the scenario dialect (for ``--set`` values and round trips)."""
    return yaml.load(text, Loader=YamlLoader)  # a SafeLoader: builds plain data only
