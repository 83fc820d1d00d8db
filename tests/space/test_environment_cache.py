"""The orbit environment kept on disk: read back bit for bit, recomputed when in doubt."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from terawatt.space import _environment_cache as cache
from terawatt.space import radiation

pytest.importorskip("radbelt")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TERAWATT_CACHE_DIR", str(tmp_path))
    radiation._environment.cache_clear()
    yield tmp_path
    radiation._environment.cache_clear()


def _same(a: Any, b: Any) -> bool:
    return bool(np.array_equal(np.asarray(a), np.asarray(b))) and np.shape(a) == np.shape(b)


def test_a_kept_environment_is_the_computed_one_bit_for_bit(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    computed = radiation.orbit_environment(650e3)
    assert len(list(folder.glob("radiation-env-*.json"))) == 1
    radiation._environment.cache_clear()

    def refuse(*args: float) -> dict[str, Any]:
        raise AssertionError("computed again although kept on disk")

    monkeypatch.setattr(radiation, "_averaged", refuse)
    kept = radiation.orbit_environment(650e3)
    for f in dataclasses.fields(kept):
        assert _same(getattr(kept, f.name), getattr(computed, f.name)), f.name
    # and what the dose model derives from it is the same
    params = radiation.RadiationParams.from_table()
    before = radiation.dose_breakdown(computed, np.array([1.0, 10.0]), params)
    after = radiation.dose_breakdown(kept, np.array([1.0, 10.0]), params)
    for f in dataclasses.fields(before):
        assert _same(getattr(before, f.name), getattr(after, f.name)), f.name


def test_a_damaged_or_foreign_document_is_computed_again(folder: Path) -> None:
    calls: list[int] = []

    def compute() -> dict[str, Any]:
        calls.append(1)
        return {"protons_min": np.array([1.0, 0.5, 1e-300]), "open_sky": 0.75}

    args, maps = (650e3, 98.0, 10.0, 5.0, 200.0), ()
    first = cache.cached_environment(args, maps, compute)
    again = cache.cached_environment(args, maps, compute)
    assert len(calls) == 1
    assert _same(again["protons_min"], first["protons_min"])
    assert again["open_sky"] == 0.75
    (document,) = folder.glob("radiation-env-*.json")
    kept = json.loads(document.read_text())
    kept["data"]["protons_min"] = {"array": [[1.0], [2.0]]}  # its key, another shape
    document.write_text(json.dumps(kept))
    cache.cached_environment(args, maps, compute)
    assert len(calls) == 2
    document.write_text(document.read_text()[:20])  # torn
    cache.cached_environment(args, maps, compute)
    assert len(calls) == 3
    # another orbit, or other code or maps (another key), is another document
    cache.cached_environment((700e3, *args[1:]), maps, compute)
    assert len(calls) == 4
    other_maps = (folder / "a-map.asc",)
    other_maps[0].write_text("1 2 3")
    cache.cached_environment(args, other_maps, compute)
    assert len(calls) == 5


def test_without_a_cache_folder_every_call_computes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERAWATT_CACHE_DIR", "")
    calls: list[int] = []

    def compute() -> dict[str, Any]:
        calls.append(1)
        return {"open_sky": 0.5}

    for _ in range(2):
        assert cache.cached_environment((1.0,), (), compute) == {"open_sky": 0.5}
    assert len(calls) == 2
