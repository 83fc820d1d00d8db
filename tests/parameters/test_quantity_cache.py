"""pint's conversions kept on disk: exact, never an error, and no pint where all are kept."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

from terawatt.errors import InputError
from terawatt.parameters import cache, quantity
from terawatt.units import to_si

#: Texts that need pint: prefixes, compound units, percent per year, an offset unit.
TEXTS = (
    ("650 km", "m", "km", False),
    ("59 W/kg", "W/kg", "W/kg", False),
    ("2.5 %/yr", "1/year_julian", "%/year_julian", False),
    ("20 degC", "K", "degC", False),
    ("3 degC", "K", "degC", True),  # a difference: no offset
    ("1.2 kUSD/kW", "USD/W", "USD/W", False),
)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh cache folder, and no conversion remembered by this process."""
    where = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(where))
    quantity._converted.cache_clear()
    yield where
    quantity._converted.cache_clear()


def _parse(text: str, unit: str, shown: str, difference: bool) -> float:
    return quantity.parse_quantity(text, unit, shown, "x", None, difference=difference)


def test_kept_conversions_are_pints_to_the_bit(folder: Path) -> None:
    first = [_parse(*t) for t in TEXTS]
    assert first[0] == 650_000.0
    assert first[3] == pytest.approx(293.15, abs=1e-12)
    assert first[4] == pytest.approx(3.0, abs=1e-12)  # 3 K of difference, not 276.15
    assert first[:3] == [to_si(t, u, "x") for t, u, _, _ in TEXTS[:3]]
    (document,) = folder.glob("quantities-*.json")
    assert len(json.loads(document.read_text())["data"]) == len(TEXTS)
    quantity._converted.cache_clear()  # as a new process: from the disk
    assert [_parse(*t) for t in TEXTS] == first


def test_a_process_with_every_text_kept_never_imports_pint(
    folder: Path, modules_loaded_by: Callable[[str, Iterable[str]], list[str]]
) -> None:
    code = "from terawatt.parameters.quantity import parse_quantity\n" + "".join(
        f"parse_quantity({t!r}, {u!r}, {s!r}, 'x', None, difference={d})\n" for t, u, s, d in TEXTS
    )
    assert modules_loaded_by(code, ["pint"]) == ["pint"]  # nothing kept yet: pint converts
    assert modules_loaded_by(code, ["pint"]) == []  # every text kept by the first


def test_a_damaged_document_is_converted_again(folder: Path) -> None:
    expected = _parse(*TEXTS[0])
    (document,) = folder.glob("quantities-*.json")
    document.write_text('{"key": "' + "0" * 8 + '", "data": {"650 km')  # torn
    quantity._converted.cache_clear()
    assert _parse(*TEXTS[0]) == expected


def test_bad_text_is_an_error_and_never_kept(folder: Path) -> None:
    with pytest.raises(InputError, match="km"):
        _parse("650 kg", "m", "km", False)
    assert not quantity._converted()
    assert not list(folder.glob("quantities-*.json"))
