"""The parsed shipped table kept on disk: read back exactly, never stale, never required."""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path

import pytest

from terawatt.data import parameter_table_files
from terawatt.errors import InputError
from terawatt.parameters import cache, table
from terawatt.parameters.table import shipped_table
from terawatt.units import registry

FILES = parameter_table_files()
#: A few small files of the table: the cache's mechanics, without parsing it all each time.
SMALL = [(n, raw) for n, raw in FILES if n in ("debris.yaml", "world.yaml", "ground.yaml")]


@pytest.fixture(scope="module")
def small() -> table.Shipped:
    """:data:`SMALL` parsed (no cache)."""
    assert len(SMALL) == 3
    return table._parse_shipped(SMALL)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh cache folder for the test."""
    where = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(where))
    return where


def _documents(folder: Path) -> list[Path]:
    return sorted(folder.glob("parameter-table-*.json"))


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make parsing the files fail: what loads then came from the cache."""

    def refuse(files: object) -> table.Shipped:
        raise AssertionError("parsed the files instead of reading the cache")

    monkeypatch.setattr(table, "_parse_shipped", refuse)


def test_the_cached_table_is_the_parsed_table(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed = table._load_shipped(FILES)  # an empty folder: parsed, then cached
    assert len(_documents(folder)) == 1
    _no_parsing(monkeypatch)
    cached = table._load_shipped(FILES)
    assert cached == parsed
    assert cached[0] == dict(shipped_table())  # every entry: fields, default, its type
    assert [type(p.default) for p in cached[0].values()] == [
        type(p.default) for p in parsed[0].values()
    ]


def test_a_changed_file_is_parsed_again(
    folder: Path, monkeypatch: pytest.MonkeyPatch, small: table.Shipped
) -> None:
    table._load_shipped(SMALL)
    (old,) = _documents(folder)
    name, raw = SMALL[0]
    edited = [(name, raw + b"\n# an edit\n"), *SMALL[1:]]
    parsed = table._load_shipped(edited)
    assert parsed == small
    assert old in _documents(folder)  # the other version keeps its document
    assert len(_documents(folder)) == 2
    _no_parsing(monkeypatch)
    assert table._load_shipped(edited) == parsed
    assert table._load_shipped(SMALL) == small


def test_only_the_newest_documents_are_kept(folder: Path) -> None:
    keys = [f"{i:02d}".ljust(64, "0") for i in range(cache._KEEP + 3)]
    for i, key in enumerate(keys):
        assert cache.write_cached("x", key, {"i": i})
    kept = sorted(folder.glob("x-*.json"))
    assert len(kept) == cache._KEEP
    assert cache.read_cached("x", keys[-1]) == {"i": len(keys) - 1}
    assert [p for p in folder.iterdir() if p.suffix != ".json"] == []  # no temporary left


def test_the_parser_code_is_part_of_the_key() -> None:
    files_only = cache.cache_key(FILES)
    key = table._cache_key(FILES)
    assert key is not None
    assert key != files_only


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"key": "another", "data": {}}'])
def test_a_damaged_document_is_parsed_again_and_rewritten(
    folder: Path, damage: bytes, small: table.Shipped
) -> None:
    table._load_shipped(SMALL)
    (document,) = _documents(folder)
    document.write_bytes(damage)
    assert table._load_shipped(SMALL) == small
    assert json.loads(document.read_text("utf-8"))["key"] == table._cache_key(SMALL)


def test_a_document_that_reads_back_wrong_is_refused(folder: Path, small: table.Shipped) -> None:
    table._load_shipped(SMALL)
    (document,) = _documents(folder)
    content = json.loads(document.read_text("utf-8"))
    content["data"]["entries"][0]["default"] = {"model": {"dist": "nonsense"}}
    document.write_text(json.dumps(content), "utf-8")
    assert table._load_shipped(SMALL) == small


def test_an_unwritable_folder_means_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small: table.Shipped
) -> None:
    """A read-only installation or home: every run parses, as without a cache."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    assert table._load_shipped(SMALL) == small
    assert blocker.read_text() == "not a folder"
    assert not cache.write_cached("x", "0" * 64, {"a": 1})
    assert list(tmp_path.iterdir()) == [blocker]  # no temporary file left behind


def test_an_empty_setting_turns_the_cache_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small: table.Shipped
) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_folder() is None
    assert table._load_shipped(SMALL) == small
    assert list(tmp_path.iterdir()) == []


def test_default_folder_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cache.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_folder() == tmp_path / "terawatt"


def test_data_that_is_not_json_raises_and_leaves_no_file(folder: Path) -> None:
    with pytest.raises(TypeError):
        cache.write_cached("x", "0" * 64, {"a": object()})
    assert [p.name for p in folder.iterdir()] == []


def test_display_conversions_without_pint_give_pints_floats() -> None:
    """Each entry's display scale (and °C offset) converts exactly as pint does."""
    ureg = registry()
    values = (0.0, -0.0, 1.0, 0.15, 1 / 7, 293.15, 6.5e-9, 3.1e7, -42.0, 1e300)
    offsets = []
    for entry in shipped_table().values():
        if entry.kind != "quantity" or entry.unit == entry.display_unit:
            continue
        assert entry.display_scale is not None, entry.name  # every shipped one is fast
        if entry.display_offset:
            offsets.append((entry.unit, entry.display_unit))
        by_pint = dataclasses.replace(entry, display_scale=None)
        for value in values:
            fast, slow = entry.to_display(value), by_pint.to_display(value)
            assert fast == slow, (entry.name, value)
            assert math.copysign(1, fast) == math.copysign(1, slow), (entry.name, value)
            expected = ureg.Quantity(value, entry.unit).to(entry.display_unit).magnitude
            assert fast == expected
    assert offsets
    assert set(offsets) == {("K", "degC")}


def test_parameters_built_by_hand_convert_through_pint() -> None:
    entry = table.Parameter("x.t", "K", "degC", "a temperature", "", "s")
    assert entry.display_scale is None
    assert entry.to_display(273.15) == 0.0


def _read(entry: table.Parameter, text: str) -> float | str:
    """``entry.to_si(text)``, or the error's message."""
    try:
        return entry.to_si(text)
    except InputError as exc:
        return str(exc)


def test_numbers_in_the_display_unit_read_as_pint_reads_them() -> None:
    """Each entry's si_scale reads '650 km' (and a bare 650) to pint's own float."""
    numbers = ("650", "-0", "0.15", "-0.0", "1e-9", "3.3e7", "12", "0.1", "1e300")
    fast = 0
    for entry in shipped_table().values():
        if entry.kind != "quantity" or entry.si_scale is None:
            continue
        fast += 1
        by_pint = dataclasses.replace(entry, si_scale=None)
        for number in numbers:
            for text in (number, f"{number} {entry.display_unit}".strip()):
                a, b = _read(entry, text), _read(by_pint, text)
                assert a == b, (entry.name, text)
                if isinstance(a, float) and isinstance(b, float):
                    assert math.copysign(1, a) == math.copysign(1, b), (entry.name, text)
    converted = [
        e for e in shipped_table().values() if e.kind == "quantity" and e.unit != e.display_unit
    ]
    offsets = [e for e in converted if e.display_offset]
    assert fast == len(converted) - len(offsets) > 100  # all but the °C ones skip pint
