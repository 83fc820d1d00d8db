"""National electricity data: generation by source, demand, carbon intensity (1990-2025).

Two shipped files, both from Our World in Data (OWID) and Ember, CC BY 4.0 (see
``PROVENANCE.md``):

``electricity_by_country.csv``
    Country or region x year, 1990-2025, 252 entities: generation by source from OWID's
    "Electricity production by source" chart, demand, per-capita demand and carbon
    intensity from Ember's country overview (2000-2024). Loaded by :func:`load_electricity`.
``china_us_owid_energy_1990_2025.csv``
    The ``owid-energy-data.csv`` rows of China (1990-2025) and the United States
    (2000-2025), with population. Loaded by :func:`load_china_us_owid`.

Both go through :func:`read_electricity_csv`, which checks a file before anything uses
it: required columns present, numbers where numbers belong, one row per country and year.
Blank cells are missing values (NaN), never zero.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import IO, Literal

import numpy as np
import pandas as pd

from terawatt.errors import InputError

__all__ = [
    "ELECTRICITY_FILE",
    "OWID_CHINA_US_FILE",
    "SOURCE_COLUMNS",
    "load_china_us_owid",
    "load_electricity",
    "read_electricity_csv",
]

ELECTRICITY_FILE = "electricity_by_country.csv"
OWID_CHINA_US_FILE = "china_us_owid_energy_1990_2025.csv"

#: The nine by-source generation columns [TWh] of the tidy tables; their sum is
#: ``generation_twh`` (within 0.05 TWh, rounding of the published values).
SOURCE_COLUMNS: tuple[str, ...] = (
    "coal_twh",
    "gas_twh",
    "oil_twh",
    "nuclear_twh",
    "hydro_twh",
    "solar_twh",
    "wind_twh",
    "bioenergy_twh",
    "other_renewables_excl_bio_twh",
)

#: OWID codes of entities that are countries without an ISO 3166-1 code -> code used here.
#: Kosovo: XKX, the user-assigned code Ember, the EU and the IMF use.
OWID_COUNTRY_CODES: Mapping[str, str] = {"OWID_KOS": "XKX"}

Schema = Literal["electricity_by_country", "owid_energy"]


@dataclass(frozen=True)
class _Layout:
    """Columns of one CSV layout: text, numeric, and file name -> tidy name."""

    text: tuple[str, ...]
    numeric: tuple[str, ...]
    tidy: Mapping[str, str]


_LAYOUTS: Mapping[str, _Layout] = {
    "electricity_by_country": _Layout(
        text=("country", "iso_code", "source"),
        numeric=(
            "electricity_generation_twh",
            "electricity_demand_twh",
            "demand_mwh_per_capita",
            *SOURCE_COLUMNS,
            "carbon_intensity_gco2_per_kwh",
        ),
        tidy={
            "iso_code": "iso3",
            "country": "country",
            "year": "year",
            "electricity_generation_twh": "generation_twh",
            "electricity_demand_twh": "demand_twh",
            "demand_mwh_per_capita": "demand_mwh_per_capita",
            **{c: c for c in SOURCE_COLUMNS},
            "carbon_intensity_gco2_per_kwh": "carbon_intensity_g_per_kwh",
            "source": "source",
        },
    ),
    "owid_energy": _Layout(
        text=("country", "iso_code"),
        numeric=(
            "electricity_generation",
            "electricity_demand",
            "carbon_intensity_elec",
            "coal_electricity",
            "gas_electricity",
            "oil_electricity",
            "nuclear_electricity",
            "hydro_electricity",
            "solar_electricity",
            "wind_electricity",
            "biofuel_electricity",
            "other_renewable_exc_biofuel_electricity",
            "population",
        ),
        tidy={
            "iso_code": "iso3",
            "country": "country",
            "year": "year",
            "electricity_generation": "generation_twh",
            "electricity_demand": "demand_twh",
            "carbon_intensity_elec": "carbon_intensity_g_per_kwh",
            "coal_electricity": "coal_twh",
            "gas_electricity": "gas_twh",
            "oil_electricity": "oil_twh",
            "nuclear_electricity": "nuclear_twh",
            "hydro_electricity": "hydro_twh",
            "solar_electricity": "solar_twh",
            "wind_electricity": "wind_twh",
            "biofuel_electricity": "bioenergy_twh",
            "other_renewable_exc_biofuel_electricity": "other_renewables_excl_bio_twh",
            "population": "population",
        },
    ),
}


def _file_label(path_or_buffer: str | os.PathLike[str] | IO[str] | IO[bytes]) -> str:
    """A name for the file in error messages."""
    if isinstance(path_or_buffer, str | os.PathLike):
        return os.fspath(path_or_buffer)
    name = getattr(path_or_buffer, "name", None)
    return str(name) if name else "the CSV given"


def _where(file: str, frame: pd.DataFrame, index: int) -> str:
    """``"file, line N (country year)"``: the CSV line of data row ``index`` (header = 1)."""
    row = frame.iloc[index]
    what = " ".join(str(row[c]) for c in ("country", "year") if c in frame.columns)
    return f"{file}, line {index + 2} ({what})" if what.strip() else f"{file}, line {index + 2}"


def _numbers(
    raw: pd.DataFrame,
    frame: pd.DataFrame,
    column: str,
    file: str,
    expected: str,
    *,
    whole: bool = False,
) -> np.ndarray:
    """Parse one column of stripped text as float64; blank -> NaN unless ``whole``."""
    text = frame[column]
    numbers = pd.to_numeric(text, errors="coerce").to_numpy(dtype=np.float64)
    bad = ~np.isfinite(numbers)
    if whole:
        bad |= numbers != np.round(numbers)
    else:
        bad &= ~text.eq("").to_numpy()
    if bad.any():
        index = int(np.argmax(bad))
        raise InputError(
            column, raw[column].iloc[index], expected, where=_where(file, frame, index)
        )
    return numbers


def read_electricity_csv(
    path_or_buffer: str | os.PathLike[str] | IO[str] | IO[bytes],
    *,
    schema: Schema = "electricity_by_country",
) -> pd.DataFrame:
    """Read an electricity CSV and check it, keeping the file's own column names.

    Parameters
    ----------
    path_or_buffer : str, path or file-like
        The CSV: the shipped file, an updated copy, or a text buffer.
    schema : {"electricity_by_country", "owid_energy"}
        Its layout: terawatt's ``electricity_by_country.csv`` (default), or the OWID
        ``owid-energy-data.csv`` column names of ``china_us_owid_energy_1990_2025.csv``.

    Returns
    -------
    pandas.DataFrame
        One row per country and year, in file order: ``year`` as int64, the numeric
        columns as float64 (blank -> NaN: missing, not zero), the text columns as strings
        (blank -> NaN). Extra columns are kept as text.

    Raises
    ------
    InputError
        Naming the file, the column and the first offending line when a required column
        is missing, a country or year is blank, a numeric cell holds anything but a finite
        number or a blank, a year is not a whole number, or a country-year repeats.
    """
    if schema not in _LAYOUTS:
        raise InputError("schema", schema, f"one of {', '.join(map(repr, _LAYOUTS))}")
    layout = _LAYOUTS[schema]
    file = _file_label(path_or_buffer)
    try:
        raw = pd.read_csv(path_or_buffer, dtype=str, keep_default_na=False, na_values=[])
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InputError("file", file, f"a readable CSV file ({exc})") from exc

    required = ("country", "year", *layout.text[1:], *layout.numeric)
    missing = [c for c in required if c not in raw.columns]
    if missing:
        raise InputError(
            "columns",
            missing,
            f"the {schema} columns {', '.join(required)} (missing: {', '.join(missing)})",
            where=file,
        )

    frame = raw.copy()
    for column in raw.columns:
        frame[column] = raw[column].str.strip()
    for column in ("country", "year"):
        blank = frame[column].eq("").to_numpy()
        if blank.any():
            index = int(np.argmax(blank))
            raise InputError(column, "", "a value (not blank)", where=_where(file, frame, index))

    out = pd.DataFrame(index=frame.index)
    for column in raw.columns:
        if column == "year":
            year = _numbers(raw, frame, column, file, "a whole number", whole=True)
            out[column] = year.astype(np.int64)
        elif column in layout.numeric:
            out[column] = _numbers(
                raw, frame, column, file, "a finite number, or a blank cell for a missing value"
            )
        else:
            out[column] = frame[column].mask(frame[column].eq(""))

    repeated = out.duplicated(["country", "year"], keep="first").to_numpy()
    if repeated.any():
        index = int(np.argmax(repeated))
        row = out.iloc[index]
        first = out.index[
            (out["country"] == row["country"]).to_numpy() & (out["year"] == row["year"]).to_numpy()
        ][0]
        raise InputError(
            "country, year",
            (row["country"], int(row["year"])),
            f"one row per country and year (line {index + 2} repeats line {int(first) + 2})",
            where=_where(file, frame, index),
        )
    return out


def _open_shipped(name: str) -> pd.DataFrame:
    """Read a shipped CSV (through the checking reader)."""
    schema: Schema = "owid_energy" if name == OWID_CHINA_US_FILE else "electricity_by_country"
    with resources.files(__package__).joinpath(name).open("rb") as fh:
        return read_electricity_csv(fh, schema=schema)


@cache
def _shipped(name: str) -> pd.DataFrame:
    return _open_shipped(name)


def _tidy_by_country(raw: pd.DataFrame, *, aggregates: bool) -> pd.DataFrame:
    """Rename to tidy names, map OWID country codes, keep or drop aggregates."""
    layout = _LAYOUTS["electricity_by_country"]
    frame = raw[list(layout.tidy)].rename(columns=dict(layout.tidy))
    code = frame["iso3"].replace(dict(OWID_COUNTRY_CODES))
    is_country = code.notna() & ~code.fillna("").str.startswith("OWID_")
    if aggregates:
        frame["iso3"] = code.fillna(frame["country"])
    else:
        frame = frame[is_country.to_numpy()].copy()
        frame["iso3"] = code[is_country]
    return frame.reset_index(drop=True)


@cache
def _electricity(aggregates: bool) -> pd.DataFrame:
    return _tidy_by_country(_shipped(ELECTRICITY_FILE), aggregates=aggregates)


def load_electricity(
    *,
    aggregates: bool = False,
    path: str | os.PathLike[str] | None = None,
) -> pd.DataFrame:
    """Electricity generation by source, demand and carbon intensity, per country and year.

    Parameters
    ----------
    aggregates : bool, optional
        Also return regional and income-group aggregates (default False: countries only).
        OWID aggregates keep their OWID code (``OWID_WRL`` for World, ``OWID_EU27``);
        Ember and Energy Institute regions (``"EU (Ember)"``, ``"Asia Pacific (EI)"``),
        which have no code, get their name as ``iso3``.
    path : str or path, optional
        Read an updated file of the same layout instead of the shipped one (not cached).

    Returns
    -------
    pandas.DataFrame
        One row per entity and year, 1990-2025, in the order of the file. Columns:

        - ``iso3``: ISO 3166-1 alpha-3 code (``XKX`` for Kosovo), or the aggregate's code;
        - ``country``: OWID entity name; ``year``: int;
        - ``generation_twh``: annual generation [TWh], the sum of the nine sources;
        - ``demand_twh`` [TWh] and ``demand_mwh_per_capita`` [MWh per person]
          (Ember, 2000-2024);
        - ``coal_twh``, ``gas_twh``, ``oil_twh``, ``nuclear_twh``, ``hydro_twh``,
          ``solar_twh``, ``wind_twh``, ``bioenergy_twh``,
          ``other_renewables_excl_bio_twh``: generation by source [TWh];
        - ``carbon_intensity_g_per_kwh``: life-cycle emissions of generation
          [gCO2e/kWh] (Ember, 2000-2024);
        - ``source``: ``owid_chart+ember_overview``, ``owid_chart`` or
          ``owid_energy_data_csv`` (the China and US 2025 rows).

        Blank cells are NaN: missing, not zero.

    Raises
    ------
    InputError
        If the file at ``path`` is malformed (see :func:`read_electricity_csv`).

    References
    ----------
    Our World in Data, Energy dataset (Ritchie, Rosado & Roser), chart "Electricity
    production by source", based on Ember Yearly Electricity Data (2025) and the Energy
    Institute Statistical Review of World Energy (2024); Ember, Yearly Electricity Data,
    country overview (2025). CC BY 4.0.
    """
    if path is not None:
        return _tidy_by_country(read_electricity_csv(path), aggregates=aggregates)
    return _electricity(aggregates).copy()


@cache
def _china_us() -> pd.DataFrame:
    raw = _shipped(OWID_CHINA_US_FILE)
    layout = _LAYOUTS["owid_energy"]
    return raw[list(layout.tidy)].rename(columns=dict(layout.tidy)).reset_index(drop=True)


def load_china_us_owid() -> pd.DataFrame:
    """OWID energy-dataset rows for China (1990-2025) and the United States (2000-2025).

    A second, independent transcription of the OWID release built on Ember's 2026 data, for
    checking the China vs US claims and the 2025 rows of :func:`load_electricity`.

    Returns
    -------
    pandas.DataFrame
        Columns ``iso3``, ``country``, ``year``, ``generation_twh``, ``demand_twh``,
        ``carbon_intensity_g_per_kwh``, the nine by-source ``*_twh`` columns of
        :data:`SOURCE_COLUMNS` (OWID ``biofuel_electricity`` -> ``bioenergy_twh``) and
        ``population`` [people]. Units and blanks as in :func:`load_electricity`.

    Notes
    -----
    For 1990-1999 ``generation_twh`` is OWID's total from the Energy Institute, which
    exceeds the sum of China's sources by up to 3.0 TWh; from 2000 the total is the sum.

    References
    ----------
    Our World in Data, ``owid-energy-data.csv`` (github.com/owid/energy-data, commit
    e7897aed55b514b8d16e0a3d8f1518789ac3de31). CC BY 4.0.
    """
    return _china_us().copy()
