"""Epoch AI's GPU clusters and frontier data centres: where the AI compute is.

Three shipped files from Epoch AI, CC BY 4.0 (see ``PROVENANCE.md``):

``epoch_gpu_clusters.csv``
    *GPU Clusters* (formerly *AI Supercomputers*): 786 records of clusters, existing,
    planned and decommissioned, with country, owner, first operational date, power,
    H100-equivalents, chips and cost. Loaded by :func:`load_gpu_clusters`; summed per
    country by :func:`installed_ai_capacity`.
``epoch_frontier_data_centers.csv``
    *Frontier Data Centers*: 16 large AI campuses with their current power, compute and
    capital cost. Loaded by :func:`load_frontier_data_centers`.
``epoch_frontier_data_center_timelines.csv``
    Dated construction milestones of those campuses. Loaded by
    :func:`load_frontier_timelines`.

Country names become ISO 3166-1 alpha-3 codes through
:func:`terawatt.data.countries.resolve_country`; the name as Epoch wrote it is kept.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd

from terawatt.data.countries import resolve_country
from terawatt.errors import InputError

__all__ = [
    "CLUSTERS_FILE",
    "FRONTIER_DATA_CENTERS_FILE",
    "FRONTIER_TIMELINES_FILE",
    "UNASSIGNED",
    "installed_ai_capacity",
    "load_frontier_data_centers",
    "load_frontier_timelines",
    "load_gpu_clusters",
    "standard_analysis_mask",
]

CLUSTERS_FILE = "epoch_gpu_clusters.csv"
FRONTIER_DATA_CENTERS_FILE = "epoch_frontier_data_centers.csv"
FRONTIER_TIMELINES_FILE = "epoch_frontier_data_center_timelines.csv"

#: Label of the clusters with no single known country in :func:`installed_ai_capacity`.
UNASSIGNED = "unassigned"

_W_PER_MW = 1e6
_USD_PER_BILLION = 1e9
#: International foot, exactly 0.3048 m (NIST SP 811, appendix B).
_M2_PER_SQUARE_FOOT = 0.3048**2
#: US gallon = 231 cubic inches = 3.785411784e-3 m^3 exactly (NIST SP 811, appendix B).
_M3_PER_MILLION_US_GALLONS = 3.785411784e3
_SECONDS_PER_DAY = 86_400.0

#: Epoch AI column -> terawatt column of the clusters table (unit in the name).
_CLUSTER_COLUMNS = {
    "Name": "name",
    "Status": "status",
    "Certainty": "certainty",
    "Single cluster?": "single_cluster",
    "Owner": "owner",
    "Users": "users",
    "Sector": "sector",
    "Location": "location",
    "H100 equivalents": "h100_equivalents",
    "Chip type (primary)": "chip_type",
    "Chip quantity (primary)": "chips_primary",
    "Chip type (secondary)": "chip_type_secondary",
    "Chip quantity (secondary)": "chips_secondary",
    "Total number of AI chips": "chips",
    "Hardware Cost": "hardware_cost_usd",
    "16-bit OP/s": "op_per_s_16bit",
    "8-bit OP/s": "op_per_s_8bit",
    "Max OP/s": "op_per_s_max",
    "Energy Efficiency": "energy_efficiency_op_per_j",
    "latitude": "lat",
    "longitude": "lon",
}

_STATUSES = ("Existing", "Planned", "Decommissioned")


def _read(name: str) -> pd.DataFrame:
    with resources.files(__package__).joinpath(name).open("rb") as fh:
        return pd.read_csv(fh)


def _flag(column: pd.Series) -> pd.Series:
    """Epoch's check-box columns: ``True`` where ticked, blank otherwise -> bool."""
    text = column.astype("string").str.strip().str.lower()
    return text.isin(["true", "1", "yes"]).astype(bool)


def _country(raw: object, location: object) -> tuple[str | float, str]:
    """ISO-3 code and a note for one Epoch ``Country`` cell (NaN code if not one country)."""
    where = f" (location: {location})" if isinstance(location, str) and location else ""
    if not isinstance(raw, str) or not raw.strip():
        return np.nan, f"country not given{where}"
    parts = [p.strip() for p in re.split(r"[;,/]|\band\b", raw) if p.strip()]
    if len(parts) > 1:
        # "Korea (Republic of)" has no separator; a real list names several countries.
        codes = set()
        for part in parts:
            try:
                codes.add(resolve_country(part))
            except InputError:
                codes = set()
                break
        if len(codes) > 1:
            return np.nan, f"several countries: {raw}"
    try:
        return resolve_country(raw), ""
    except InputError:
        return np.nan, f"country not recognised: {raw}"


@cache
def _clusters() -> pd.DataFrame:
    raw = _read(CLUSTERS_FILE)
    frame = raw[list(_CLUSTER_COLUMNS)].rename(columns=_CLUSTER_COLUMNS)
    countries = [_country(c, loc) for c, loc in zip(raw["Country"], raw["Location"], strict=True)]
    frame.insert(2, "country", [c for c, _ in countries])
    frame.insert(3, "country_name", raw["Country"])
    frame.insert(4, "country_note", [n for _, n in countries])
    frame["first_operational"] = pd.to_datetime(
        raw["First Operational Date"], format="ISO8601", errors="coerce"
    )
    frame["decommissioned"] = pd.to_datetime(
        raw["Decommissioned Date (if applicable)"], format="ISO8601", errors="coerce"
    )
    frame["power_mw"] = raw["Reported Power Capacity (MW)"].fillna(
        raw["Calculated Power Capacity (MW)"]
    )
    frame["power_reported_mw"] = raw["Reported Power Capacity (MW)"]
    frame["power_calculated_mw"] = raw["Calculated Power Capacity (MW)"]
    frame["include_in_standard_analysis"] = _flag(raw["Include in Standard Analysis"])
    frame["possible_duplicate"] = _flag(raw["Possible Duplicate"])
    frame["possible_duplicate_of"] = raw["Possible Duplicate Of"]
    unknown = frame.loc[~frame["status"].isin(_STATUSES), "status"]
    if len(unknown):
        msg = f"{CLUSTERS_FILE}: unknown status {unknown.iloc[0]!r}"
        raise ValueError(msg)
    return frame


def load_gpu_clusters() -> pd.DataFrame:
    """Epoch AI's *GPU Clusters* dataset, one row per cluster record.

    Returns
    -------
    pandas.DataFrame
        One row per record (786), in file order. Columns:

        ``name``, ``status`` (``"Existing"``, ``"Planned"`` or ``"Decommissioned"``),
        ``certainty`` (``"Confirmed"``, ``"Likely"``, ``"Unlikely"``), ``single_cluster``
        (``"Yes"``, ``"No"``, ``"Unclear"``); ``country`` (ISO-3; NaN where the record
        names no country or several), ``country_name`` (as Epoch wrote it),
        ``country_note`` (why ``country`` is NaN, with Epoch's ``Location``; empty
        otherwise); ``owner``, ``users``, ``sector`` (``"Private"``, ``"Public"``,
        ``"Public/Private"``), ``location``; ``first_operational`` and ``decommissioned``
        (datetime64; a month-only date is its first day); ``power_mw`` [MW]: the reported
        power capacity where Epoch has one, else its calculated one, with both kept as
        ``power_reported_mw`` and ``power_calculated_mw``; ``h100_equivalents`` [-]
        (16-bit performance in H100 SXM units), ``chips`` (total AI chips),
        ``chips_primary``, ``chip_type``, ``chips_secondary``, ``chip_type_secondary``,
        ``hardware_cost_usd`` [USD], ``op_per_s_16bit``, ``op_per_s_8bit``,
        ``op_per_s_max`` [OP/s], ``energy_efficiency_op_per_j``;
        ``include_in_standard_analysis`` and ``possible_duplicate`` (bool: Epoch's
        flags), ``possible_duplicate_of``; ``lat``, ``lon`` [degrees].
        Blank cells are NaN: missing, not zero.

    Notes
    -----
    Caveats from Epoch AI's documentation (records page and data page):

    - **Chinese systems are anonymised**: names are concealed ("Anonymized Chinese
      System") and numeric fields rounded to one significant figure, so Chinese totals
      carry rounding errors of up to ~50 % per record; many lack a power figure.
    - **Coverage is partial**: the dataset covers an estimated 10-20 % of global
      aggregate GPU-cluster performance as of March 2025; coverage varies across
      companies, sectors and hardware, though Epoch believes the distribution across
      countries remains broadly representative.
    - Planned systems are subject to change and of lower confidence.
    - An upgrade that raises performance by more than 20 % or replaces most chips is a
      new record (``Builds Upon``/``Superseded by``), so summing records over time
      double-counts; Epoch's ``include_in_standard_analysis`` flag marks the records its
      own analyses use (see :func:`standard_analysis_mask`).

    The free-text columns ``Quote`` and ``Cost Quote`` are not shipped (they excerpt
    third-party articles).

    References
    ----------
    Konstantin Pilz, Robi Rahman, James Sanders, Lennart Heim, "Trends in AI
    Supercomputers" / "Data on GPU Clusters", Epoch AI, 2025, epoch.ai, CC BY 4.0.
    Documentation: https://epoch.ai/data/gpu-clusters-documentation/records
    """
    return _clusters().copy()


def standard_analysis_mask(clusters: pd.DataFrame) -> pd.Series:
    """Records that meet Epoch's inclusion rule: no duplicate, at least likely, one cluster.

    For existing clusters this reproduces Epoch's ``Include in Standard Analysis`` flag
    exactly (checked in the tests); Epoch leaves the flag blank for planned and
    decommissioned records, so the rule is what lets them be filtered the same way.

    Parameters
    ----------
    clusters : pandas.DataFrame
        Output of :func:`load_gpu_clusters` (or rows of it).

    Returns
    -------
    pandas.Series of bool
        ``~possible_duplicate & certainty != "Unlikely" & single_cluster == "Yes"``.
    """
    return (
        ~clusters["possible_duplicate"].astype(bool)
        & (clusters["certainty"] != "Unlikely")
        & (clusters["single_cluster"] == "Yes")
    )


def _weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    """Median of ``values`` with each counted in proportion to ``weights`` (NaN if none)."""
    if values.size == 0:
        return float("nan")
    order = np.argsort(values)
    cumulative = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cumulative, 0.5 * cumulative[-1])])


def _operational(clusters: pd.DataFrame, as_of: pd.Timestamp, include_planned: bool) -> pd.Series:
    """Records in service on ``as_of`` (or planned, when asked)."""
    started = clusters["first_operational"].isna() | (clusters["first_operational"] <= as_of)
    existing = (clusters["status"] == "Existing") & started
    retired_later = (
        (clusters["status"] == "Decommissioned")
        & clusters["first_operational"].notna()
        & (clusters["first_operational"] <= as_of)
        & (clusters["decommissioned"] > as_of)
    )
    planned = (clusters["status"] == "Planned") if include_planned else False
    return existing | retired_later | planned


def installed_ai_capacity(
    as_of: str | pd.Timestamp = "2025-10-01",
    *,
    include_planned: bool = False,
    impute_missing_power: bool = True,
) -> pd.DataFrame:
    """AI cluster power and compute per country, from Epoch AI's GPU clusters.

    Parameters
    ----------
    as_of : str or Timestamp
        Date of the count (default ``"2025-10-01"``; the data's operational dates reach
        2025-10).
    include_planned : bool, optional
        Add every planned record that meets the same inclusion rule, whatever its date
        (most have none). Default False.
    impute_missing_power : bool, optional
        Give records without a power figure but with H100-equivalents the median power per
        H100e of their country's records (the world median if the country has none).
        Default True: 37 of the 188 Chinese records counted on 2025-10-01 have H100e but
        no power (77,930 H100e), leaving China's total 40 % low otherwise.

    Returns
    -------
    pandas.DataFrame
        One row per country, largest power first: ``country`` (ISO-3, or
        :data:`UNASSIGNED` for records with no single known country), ``country_name``,
        ``clusters`` (records counted), ``clusters_power_imputed``, ``power_mw`` and
        ``power_w`` (with imputed power), ``power_imputed_mw`` (the imputed part),
        ``h100_equivalents``, ``share_of_world_power`` and ``share_of_world_h100e``
        (fractions of the sum over all rows, unassigned included). ``attrs["filters"]``
        states the filters.

    Raises
    ------
    InputError
        ``as_of`` if it is not a date.

    Notes
    -----
    Filters, in order:

    1. In service on ``as_of``: status ``Existing`` with a first operational date on or
       before ``as_of`` or none given (7 such records in the standard analysis), or
       ``Decommissioned`` after ``as_of``; plus ``Planned`` records if asked.
    2. Epoch's inclusion rule (:func:`standard_analysis_mask`): possible duplicates,
       ``Unlikely`` records and records that are not one single cluster are dropped. For
       existing records this is Epoch's ``Include in Standard Analysis`` flag.

    Totals cover the clusters Epoch recorded, an estimated 10-20 % of the world's AI
    compute (see :func:`load_gpu_clusters`); shares are the better-supported figure.
    Chinese values are rounded to one significant figure per record.

    References
    ----------
    Epoch AI, "Data on GPU Clusters", epoch.ai, CC BY 4.0.
    """
    try:
        when = pd.Timestamp(as_of)
    except (TypeError, ValueError) as exc:
        raise InputError("as_of", as_of, "a date such as '2025-10-01'") from exc
    if pd.isna(when):
        raise InputError("as_of", as_of, "a date such as '2025-10-01'")
    clusters = _clusters()
    keep = _operational(clusters, when, include_planned) & standard_analysis_mask(clusters)
    rows = clusters.loc[keep].copy()
    rows["country"] = rows["country"].fillna(UNASSIGNED)
    rows["country_name"] = np.where(
        rows["country"] == UNASSIGNED, "no single known country", rows["country_name"]
    )
    power = rows["power_mw"].to_numpy(dtype=float)
    h100e = rows["h100_equivalents"].to_numpy(dtype=float)
    imputed = np.zeros(len(rows))
    if impute_missing_power:
        both = np.isfinite(power) & np.isfinite(h100e) & (h100e > 0)
        ratio = np.where(both, power / np.where(both, h100e, 1.0), np.nan)
        world = _weighted_median(ratio[both], h100e[both])
        per_h100e = np.full(len(rows), world)
        codes = rows["country"].to_numpy()
        for code in np.unique(codes):
            mine = both & (codes == code)
            if mine.any():
                per_h100e[codes == code] = _weighted_median(ratio[mine], h100e[mine])
        missing = ~np.isfinite(power) & np.isfinite(h100e)
        imputed = np.where(missing, h100e * per_h100e, 0.0)
    rows["power_filled_mw"] = np.nan_to_num(power) + imputed
    rows["power_imputed_mw"] = imputed
    rows["imputed"] = imputed > 0
    rows["h100e_filled"] = np.nan_to_num(h100e)
    per_country = rows.groupby("country", sort=False).agg(
        country_name=("country_name", "first"),
        clusters=("name", "size"),
        clusters_power_imputed=("imputed", "sum"),
        power_mw=("power_filled_mw", "sum"),
        power_imputed_mw=("power_imputed_mw", "sum"),
        h100_equivalents=("h100e_filled", "sum"),
    )
    frame = per_country.reset_index()
    frame["clusters_power_imputed"] = frame["clusters_power_imputed"].astype(int)
    frame.insert(4, "power_w", frame["power_mw"] * _W_PER_MW)
    total_power = frame["power_mw"].sum()
    total_h100e = frame["h100_equivalents"].sum()
    frame["share_of_world_power"] = frame["power_mw"] / total_power if total_power else 0.0
    frame["share_of_world_h100e"] = frame["h100_equivalents"] / total_h100e if total_h100e else 0.0
    frame = frame.sort_values(["power_mw", "country"], ascending=[False, True], ignore_index=True)
    frame.attrs["as_of"] = str(when.date())
    frame.attrs["filters"] = (
        f"in service on {when.date()} (Existing with first operational date <= as_of or "
        "none given; Decommissioned after as_of"
        + ("; all Planned" if include_planned else "")
        + "); no possible duplicate; certainty not 'Unlikely'; single cluster 'Yes'"
        + ("; missing power imputed from H100e" if impute_missing_power else "")
    )
    return frame


# --- Frontier data centres ---

_DMS = re.compile(r"""^\s*(\d+(?:\.\d+)?)°\s*(\d+(?:\.\d+)?)'\s*(\d+(?:\.\d+)?)"\s*([NSEW])\s*$""")

#: US state names and postal codes, for the frontier data centres' street addresses.
_US_STATES = re.compile(
    r"\b(Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|"
    r"Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|"
    r"Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|"
    r"New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|"
    r"Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|"
    r"Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|"
    r"AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|"
    r"NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY)\b"
)


def _degrees(text: object) -> float:
    """``32°35'25"N`` -> 32.590 (south and west negative); NaN if not in that form."""
    if not isinstance(text, str):
        return np.nan
    match = _DMS.match(text)
    if match is None:
        return np.nan
    deg, minutes, seconds, hemisphere = match.groups()
    value = float(deg) + float(minutes) / 60.0 + float(seconds) / 3600.0
    return -value if hemisphere in "SW" else value


def _address_country(address: object) -> str | float:
    """ISO-3 of a street address: a country named last, or a US state -> USA."""
    if not isinstance(address, str):
        return np.nan
    for part in reversed([p.strip() for p in address.split(",")]):
        candidate = re.sub(r"[\d\s]+$", "", part).strip()
        if not candidate:
            continue
        try:
            return resolve_country(candidate)
        except InputError:
            continue
    return "USA" if _US_STATES.search(address) else np.nan


@cache
def _frontier_centers() -> pd.DataFrame:
    raw = _read(FRONTIER_DATA_CENTERS_FILE)
    power_mw = raw["Current power (MW)"].astype(float)
    return pd.DataFrame(
        {
            "handle": raw["Handle"],
            "title": raw["Title"],
            "project": raw["Project"],
            "owner": raw["Owner"],
            "users": raw["Users"],
            "investors": raw["Investors"],
            "construction_companies": raw["Construction companies"],
            "energy_companies": raw["Energy companies"],
            "address": raw["Address"],
            "country": [_address_country(a) for a in raw["Address"]],
            "lat": [_degrees(v) for v in raw["Latitude"]],
            "lon": [_degrees(v) for v in raw["Longitude"]],
            "h100_equivalents": raw["Current H100 equivalents"].astype(float),
            "power_mw": power_mw,
            "power_w": power_mw * _W_PER_MW,
            "capital_cost_usd": raw["Current total capital cost (2025 USD billions)"]
            * _USD_PER_BILLION,
        }
    )


def load_frontier_data_centers() -> pd.DataFrame:
    """Epoch AI's *Frontier Data Centers*: 16 large AI campuses and their current state.

    Returns
    -------
    pandas.DataFrame
        One row per campus: ``handle`` (the key of :func:`load_frontier_timelines`),
        ``title``, ``project``, ``owner``, ``users``, ``investors``,
        ``construction_companies``, ``energy_companies`` (as Epoch wrote them, with its
        confidence tags such as ``#confident`` or ``#speculative``), ``address``,
        ``country`` (ISO-3, from the address: a named country, else a US state -> USA),
        ``lat``, ``lon`` [degrees, decimal; south and west negative],
        ``h100_equivalents`` [-], ``power_mw`` [MW] and ``power_w`` [W] (current power;
        0 where nothing is operational yet), ``capital_cost_usd`` [2025 USD] (current
        total capital cost).

    Notes
    -----
    Current values are Epoch's estimates at the file's date (committed 2025-12-14) from
    satellite imagery, permits and disclosures; its capital cost is Epoch's cost model
    (compute plus construction), not reported spending. The Airtable image column
    ``Sentinel satellite timelapse`` is not shipped.

    References
    ----------
    Epoch AI, "Frontier Data Centers", epoch.ai, CC BY 4.0.
    """
    return _frontier_centers().copy()


@cache
def _frontier_timelines() -> pd.DataFrame:
    raw = _read(FRONTIER_TIMELINES_FILE)
    power_mw = raw["Power (MW)"].astype(float)
    water_m3_per_s = raw["Water use (MGD)"] * _M3_PER_MILLION_US_GALLONS / _SECONDS_PER_DAY
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime(raw["Date"], format="%m/%d/%Y"),
            "data_center": raw["Data center"],
            "construction_status": raw["Construction status"],
            "power_mw": power_mw,
            "power_w": power_mw * _W_PER_MW,
            "h100_equivalents": raw["H100 equivalents"].astype(float),
            "buildings_operational": raw["Buildings operational"].astype(int),
            "capital_cost_usd": raw["Total capital cost (2025 USD billions)"] * _USD_PER_BILLION,
            "compute_cost_usd": raw["Compute cost (2025 USD billions)"] * _USD_PER_BILLION,
            "construction_cost_usd": raw["Construction cost (2025 USD billions)"]
            * _USD_PER_BILLION,
            "building_area_m2": raw["Building area (square feet)"] * _M2_PER_SQUARE_FOOT,
            "site_area_m2": raw["Site area (square feet)"] * _M2_PER_SQUARE_FOOT,
            "water_use_m3_per_s": water_m3_per_s,
            "op_per_s_8bit": raw["Performance (8-bit OP/s)"].astype(float),
        }
    )
    countries = _frontier_centers().set_index("handle")["country"]
    frame.insert(2, "country", frame["data_center"].map(countries))
    return frame


def load_frontier_timelines() -> pd.DataFrame:
    """Dated construction milestones of Epoch AI's frontier data centres.

    Returns
    -------
    pandas.DataFrame
        One row per milestone (112), in file order: ``date`` (datetime64; future dates
        are Epoch's projections), ``data_center`` (the ``handle`` of
        :func:`load_frontier_data_centers`), ``country`` (ISO-3), ``construction_status``
        (Epoch's note), ``power_mw`` [MW] and ``power_w`` [W] (operational power after
        the milestone), ``h100_equivalents`` [-], ``buildings_operational``,
        ``capital_cost_usd``, ``compute_cost_usd``, ``construction_cost_usd`` [2025 USD],
        ``building_area_m2``, ``site_area_m2`` [m^2] (from square feet),
        ``water_use_m3_per_s`` [m^3/s] (from million US gallons per day),
        ``op_per_s_8bit`` [OP/s].

    References
    ----------
    Epoch AI, "Frontier Data Centers", epoch.ai, CC BY 4.0.
    """
    return _frontier_timelines().copy()
