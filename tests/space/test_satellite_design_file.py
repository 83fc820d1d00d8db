"""A user's design file is read by the one YAML loader: errors name file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from terawatt.errors import InputError
from terawatt.space.presets import design_from_file


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "design.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_design_file_overrides_its_preset(tmp_path: Path) -> None:
    path = _write(tmp_path, "preset: today\ncompute:\n  power: 1 MW\nradiator.temperature: 330 K\n")
    design = design_from_file(path)
    assert design.compute_power_w == pytest.approx(1e6)
    assert design.radiator_temperature_k == pytest.approx(330.0)
    assert design.label == f"{path} (preset today)"


def test_a_key_written_twice_names_both_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, "compute:\n  power: 1 MW\n  power: 2 MW\n")
    with pytest.raises(InputError, match="already on line 2") as info:
        design_from_file(path)
    assert info.value.field == "compute.power"
    assert info.value.where == f"{path}:3:3"


def test_a_bad_value_names_its_file_line_and_field(tmp_path: Path) -> None:
    path = _write(tmp_path, "preset: today\ncompute:\n  power: 5 kg\n")
    with pytest.raises(InputError) as info:
        design_from_file(path)
    assert info.value.field == "compute.power"
    assert info.value.where == f"{path}:3:3"


def test_an_unknown_key_and_preset_name_their_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "preset: today\narray.specific_powr: 1 W/kg\n")
    with pytest.raises(InputError, match="did you mean") as info:
        design_from_file(path)
    assert info.value.where == f"{path}:2:1"
    path = _write(tmp_path, "# a comment\npreset: tomorrow\n")
    with pytest.raises(InputError, match="one of") as info:
        design_from_file(path)
    assert (info.value.field, info.value.where) == ("preset", f"{path}:2:1")


def test_invalid_yaml_and_a_missing_file_are_named(tmp_path: Path) -> None:
    path = _write(tmp_path, "compute: [unclosed\n")
    with pytest.raises(InputError, match="valid YAML") as info:
        design_from_file(path)
    assert str(info.value.where).startswith(f"{path}:")
    with pytest.raises(InputError, match="an existing YAML file"):
        design_from_file(tmp_path / "missing.yaml")


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="an empty file") as info:
        design_from_file(_write(tmp_path, ""))
    assert info.value.where == f"{tmp_path / 'design.yaml'}:1:1"
