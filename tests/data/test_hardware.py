"""Tests for terawatt.data.hardware: an accelerator's figures from Epoch AI's table."""

from __future__ import annotations

import math
from importlib import resources

import pytest

from terawatt.data import _hardware_records, accelerator, accelerator_record, load_ml_hardware
from terawatt.data.hardware import Accelerator
from terawatt.errors import InputError


def test_h100_sxm_from_shipped_table() -> None:
    # NVIDIA H100 Tensor Core GPU datasheet: SXM5, 989.4 TFLOP/s dense BF16 (1,979 sparse),
    # 700 W max TDP, 3.35 TB/s HBM3. Values come from the shipped Epoch AI table.
    h100 = Accelerator.from_table("H100 SXM")
    assert h100.name == "NVIDIA H100 SXM5 80GB"
    assert h100.precision == "bf16"
    assert h100.flop_per_s == pytest.approx(989.4e12, rel=1e-12)
    assert h100.tdp_w == pytest.approx(700.0)
    assert h100.memory_bandwidth_byte_s == pytest.approx(3.35e12)
    assert "Epoch AI" in h100.source


def test_from_table_price_override_and_precision_case() -> None:
    chip = Accelerator.from_table("NVIDIA H100 SXM5 80GB", precision="INT8", price_usd=25_000.0)
    assert chip.precision == "int8"
    assert chip.flop_per_s == pytest.approx(1979e12)
    assert chip.price_usd == 25_000.0
    assert "caller" in chip.source


def test_from_table_unknown_price_is_nan() -> None:
    assert math.isnan(Accelerator.from_table("GB200", "fp8").price_usd)


def test_accelerator_is_frozen() -> None:
    chip = Accelerator.from_table("H100 SXM")
    with pytest.raises(AttributeError):
        chip.tdp_w = 1.0  # type: ignore[misc]


def test_unknown_accelerator_lists_close_matches() -> None:
    with pytest.raises(InputError, match="did you mean") as err:
        Accelerator.from_table("NVIDIA H100 SXM6")
    assert err.value.field == "accelerator"
    assert "NVIDIA H100 SXM5 80GB" in str(err.value)


def test_unknown_precision() -> None:
    with pytest.raises(InputError, match="fp64") as err:
        Accelerator.from_table("H100 SXM", precision="fp128")
    assert err.value.field == "precision"


def test_precision_missing_for_chip() -> None:
    # The shipped Epoch table has no FP8 figure for the H100 SXM5 row.
    with pytest.raises(InputError, match="bf16") as err:
        Accelerator.from_table("H100 SXM", precision="fp8")
    assert err.value.field == "precision"


def test_negative_price_rejected() -> None:
    with pytest.raises(InputError) as err:
        Accelerator.from_table("H100 SXM", price_usd=-1.0)
    assert err.value.field == "price_usd"


def test_records_read_without_pandas_equal_pandas_read_csv() -> None:
    """The one reader of the table (the csv module, behind from_table and load_ml_hardware)
    gives the rows and floats pandas' own parser reads from the shipped file, bit for bit."""
    import pandas as pd  # noqa: PLC0415

    from terawatt.data import _HARDWARE_COLUMNS, _HARDWARE_TEXT  # noqa: PLC0415

    with resources.files("terawatt.data").joinpath("epoch_ml_hardware.csv").open("rb") as fh:
        raw = pd.read_csv(fh)
    records = _hardware_records()
    assert len(records) == len(raw)
    numeric = {
        theirs: ours for theirs, ours in _HARDWARE_COLUMNS.items() if ours not in _HARDWARE_TEXT
    }
    for record, (_, row) in zip(records, raw.iterrows(), strict=True):
        assert record["name"] == row["Hardware name"]
        for theirs, ours in numeric.items():
            a, b = record[ours], float(row[theirs])
            assert a == b or (math.isnan(a) and math.isnan(b)), (row["Hardware name"], ours, a, b)
    frame = load_ml_hardware()  # built from the same rows
    assert frame["name"].tolist() == [r["name"] for r in records]


@pytest.mark.parametrize(
    "name", ["H100 SXM", "nvidia b200", "B200", "GB200", "NVIDIA H100 SXM5 80GB", "Ascend 910C"]
)
def test_record_and_pandas_row_find_the_same_chip(name: str) -> None:
    assert accelerator_record(name)["name"] == accelerator(name)["name"]


@pytest.mark.parametrize("name", ["H100", "NVIDIA H100 SXM6", "zzz"])
def test_record_and_pandas_row_refuse_alike(name: str) -> None:
    with pytest.raises(InputError) as by_record:
        accelerator_record(name)
    with pytest.raises(InputError) as by_pandas:
        accelerator(name)
    assert str(by_record.value) == str(by_pandas.value)


def test_from_table_loads_no_pandas(modules_loaded_by) -> None:  # type: ignore[no-untyped-def]
    """A chip's figures come from the csv module: a satellite's sizing starts without pandas."""
    code = "from terawatt.data.hardware import Accelerator\nAccelerator.from_table('H100 SXM')"
    assert modules_loaded_by(code, ["pandas"]) == []
