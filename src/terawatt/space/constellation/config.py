"""Constellation configuration files: shells, Walker patterns, clusters, element sets.

A configuration is a YAML mapping. Only ``shells`` is required; each item is one of

- a **sun-synchronous shell**: ``altitude`` and ``ltan`` (local time of the ascending
  node, ``"18:00"`` for dawn-dusk), ``planes``, ``satellites_per_plane``, optional
  ``phasing`` (Walker's F, default 0) and ``ltan_spread`` (the planes' nodes spread evenly
  over this much local time, default ``"1:00"``; an estimate: dawn-dusk designs keep every
  plane near the terminator);
- a **Walker shell**: ``altitude``, ``inclination``, ``planes`` and either
  ``satellites_per_plane`` or ``satellites`` (Walker's T), optional ``phasing`` (F, default
  1) and ``raan_spread`` (360 deg for Walker delta, the default; 180 deg for Walker star);
- a **cluster**: ``cluster: N`` satellites in close formation, within ``radius`` of a
  reference on a sun-synchronous (``ltan``) or inclined orbit at ``altitude``;
- an **element-set file**: ``tle: path`` (the user's own two- or three-line elements;
  nothing is downloaded).

Top-level options: ``epoch`` (UTC, default 2030-01-01T00:00:00, or the newest element-set
epoch if every shell is a file), ``name``, and the ground and relay sections read by
:mod:`.ground` and :mod:`.latency` (``ground_stations``, ``elevation_mask``, ``downlink``,
``compute``, ``isl``). Quantities take units (``"650 km"``, ``"53 deg"``); bare numbers are
read in the unit named in the error messages. Every error names the file, the line and the
field.

References
----------
Walker, J. G. (1984), "Satellite constellations", J. Br. Interplanet. Soc. 37, 559-572
(the T/P/F notation); Vallado, 4th ed., 2013, ch. 11 (sun-synchronous orbits).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from terawatt.errors import InputError
from terawatt.physics import orbit
from terawatt.physics.constants import EARTH_EQUATORIAL_RADIUS_WGS84_M
from terawatt.physics.orbit import secular_rates, sso_inclination_rad
from terawatt.physics.time import julian_date
from terawatt.space.constellation.elements import Elements, concat
from terawatt.space.constellation.propagate import sgp4_api
from terawatt.units import parse_clock_hours, to_si
from terawatt.yamldoc import Doc, PathKey, parse_yaml

__all__ = [
    "DEFAULT_EPOCH",
    "MAX_SATELLITES",
    "ClusterSpec",
    "ConstellationConfig",
    "ShellSpec",
    "TleSpec",
    "build",
    "build_satrecs",
    "load_config",
    "parse_config",
    "parse_tle_text",
]

#: Default epoch of the elements: 2030-01-01T00:00 UTC. An estimate: the decade the seed's
#: million-tonne constellations are planned for; any epoch 1950-2050 suits the Sun formulae.
DEFAULT_EPOCH = "2030-01-01T00:00:00"
#: Default spread of the nodes of a sun-synchronous shell's planes [h of local time]: an
#: ESTIMATE, one hour (15 deg of node) around the nominal LTAN.
DEFAULT_LTAN_SPREAD_H = 1.0
#: Lowest accepted altitude [m]: 100 km, the Kármán line (FAI); anything lower re-enters.
MIN_ALTITUDE_M = 100e3
#: Highest accepted altitude [m]: GEO's 35,786 km; the model is for low orbits.
MAX_ALTITUDE_M = 35_786e3
#: Most satellites one configuration may hold: ten million, ten times the largest filed
#: constellation (SpaceX's FCC application of January 2026, up to 10^6 orbital data-centre
#: satellites). An estimate of what the simulator's arrays hold in memory (about 100 bytes of
#: elements and state per satellite); a count beyond it is a typing error, refused with a
#: message rather than an allocation that fails.
MAX_SATELLITES = 10_000_000
_R = EARTH_EQUATORIAL_RADIUS_WGS84_M
_TWO_PI = 2.0 * math.pi
_MJD0 = 2_400_000.5


@dataclass(frozen=True)
class ShellSpec:
    """A shell of circular orbits in ``planes`` planes (sun-synchronous or Walker).

    Attributes
    ----------
    name : str
        Label of the shell.
    altitude_m : float
        Altitude above the equatorial radius [m].
    inclination_rad : float
        Inclination [rad] (the sun-synchronous one when ``ltan_h`` is set).
    ltan_h : float or None
        Local time of the ascending node [h] for sun-synchronous shells, else None.
    raan0_rad : float
        Node of the first plane for Walker shells [rad].
    raan_spread_rad : float
        Span over which the planes' nodes are spread evenly [rad].
    planes, satellites_per_plane, phasing : int
        Walker's P, T/P and F.
    """

    name: str
    altitude_m: float
    inclination_rad: float
    ltan_h: float | None
    raan0_rad: float
    raan_spread_rad: float
    planes: int
    satellites_per_plane: int
    phasing: int

    @property
    def satellites(self) -> int:
        """Number of satellites, Walker's T."""
        return self.planes * self.satellites_per_plane


@dataclass(frozen=True)
class ClusterSpec:
    """Satellites in close formation around a reference on a circular orbit.

    Attributes
    ----------
    name : str
        Label.
    reference : ShellSpec
        One-satellite shell giving the reference orbit.
    satellites : int
        Number of satellites.
    radius_m : float
        Radius of the formation [m].
    """

    name: str
    reference: ShellSpec
    satellites: int
    radius_m: float


@dataclass(frozen=True)
class TleSpec:
    """Satellites from a two-line element file.

    Attributes
    ----------
    name : str
        Label.
    path : str
        The file, as given.
    lines : tuple of (str, str)
        Line 1 and line 2 of each element set.
    names : tuple of str
        Satellite names (from three-line sets) or catalogue numbers.
    """

    name: str
    path: str
    lines: tuple[tuple[str, str], ...]
    names: tuple[str, ...]


@dataclass(frozen=True)
class ConstellationConfig:
    """A parsed constellation configuration.

    Attributes
    ----------
    name : str
        Label.
    epoch_jd : float
        Epoch of the elements [Julian date, UTC].
    shells : tuple
        :class:`ShellSpec`, :class:`ClusterSpec` and :class:`TleSpec` items, in file order.
    options : dict
        The other top-level sections (``ground_stations``, ``elevation_mask``, ``downlink``,
        ``compute``, ``isl``), as written, for :mod:`.ground` and :mod:`.latency`.
    where : str
        The file the configuration came from.
    """

    name: str
    epoch_jd: float
    shells: tuple[ShellSpec | ClusterSpec | TleSpec, ...]
    options: dict[str, Any] = field(default_factory=dict)
    where: str = "configuration"

    @property
    def shell_names(self) -> list[str]:
        """Label of each shell, by shell index."""
        return [s.name for s in self.shells]


# --- YAML with line numbers ------------------------------------------------------------------


class _Marked(dict[str, Any]):
    """A mapping that remembers the line of each key."""

    lines: dict[str, int]


def _marked(value: Any, doc: Doc, path: PathKey) -> Any:
    """Plain data of a parsed document, each mapping remembering its keys' lines."""
    if isinstance(value, dict):
        out = _Marked()
        out.lines = {}
        for key, child in value.items():
            out[key] = _marked(child, doc, (*path, key))
            out.lines[key] = doc.marks.get((*path, key), (0, 0))[0]
        return out
    if isinstance(value, list):
        return [_marked(child, doc, (*path, i)) for i, child in enumerate(value)]
    return value


def _load_yaml(text: str, where: str) -> Any:
    """A configuration read by the project's YAML loader (:mod:`terawatt.yamldoc`)."""
    doc = parse_yaml(text.encode("utf-8"), where)
    return _marked(doc.data, doc, ())


def _at(data: Mapping[str, Any], key: str, where: str) -> str:
    lines = getattr(data, "lines", None)
    if lines and key in lines:
        return f"{where}, line {lines[key]}"
    return where


# --- field parsers ---------------------------------------------------------------------------


def _int(
    data: Mapping[str, Any],
    key: str,
    prefix: str,
    where: str,
    *,
    low: int = 1,
    high: int = MAX_SATELLITES,
) -> int:
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InputError(
            f"{prefix}.{key}", value, f"a whole number in [{low}, {high:,}]", _at(data, key, where)
        )
    return int(value)


def _quantity(
    data: Mapping[str, Any], key: str, unit: str, prefix: str, where: str, default: Any = None
) -> float:
    if key not in data:
        if default is None:
            raise InputError(f"{prefix}.{key}", None, f"a value in {unit} (required)", where)
        return float(default)
    return to_si(data[key], unit, f"{prefix}.{key}", where=_at(data, key, where))


def _altitude(data: Mapping[str, Any], prefix: str, where: str) -> float:
    h = _quantity(data, "altitude", "m", prefix, where)
    if not MIN_ALTITUDE_M <= h <= MAX_ALTITUDE_M:
        raise InputError(
            f"{prefix}.altitude",
            data["altitude"],
            "an altitude between 100 km (the Kármán line) and 35,786 km (GEO)",
            _at(data, "altitude", where),
        )
    return h


def _check_keys(data: Mapping[str, Any], allowed: set[str], prefix: str, where: str) -> None:
    for key in data:
        if key not in allowed:
            raise InputError(
                f"{prefix}.{key}", data[key], f"one of {sorted(allowed)}", _at(data, key, where)
            )


_SHELL_KEYS = {
    "name",
    "altitude",
    "ltan",
    "ltan_spread",
    "inclination",
    "raan",
    "raan_spread",
    "planes",
    "satellites_per_plane",
    "satellites",
    "phasing",
}


def _parse_shell(data: Mapping[str, Any], prefix: str, where: str, index: int) -> ShellSpec:
    _check_keys(data, _SHELL_KEYS, prefix, where)
    h = _altitude(data, prefix, where)
    planes = _int(data, "planes", prefix, where) if "planes" in data else 1
    if "satellites_per_plane" in data:
        per_plane = _int(data, "satellites_per_plane", prefix, where)
    elif "satellites" in data:
        total = _int(data, "satellites", prefix, where)
        if total % planes:
            raise InputError(
                f"{prefix}.satellites",
                total,
                f"a multiple of planes ({planes}): Walker's T = P x S",
                _at(data, "satellites", where),
            )
        per_plane = total // planes
    else:
        raise InputError(f"{prefix}.satellites_per_plane", None, "a whole number >= 1", where)
    if planes * per_plane > MAX_SATELLITES:
        key = "satellites_per_plane" if "satellites_per_plane" in data else "satellites"
        raise InputError(
            f"{prefix}.{key}",
            data[key],
            f"at most {MAX_SATELLITES:,} satellites in all ({planes:,} planes x {per_plane:,})",
            _at(data, key, where),
        )
    if "ltan" in data:
        if "inclination" in data:
            raise InputError(
                f"{prefix}.inclination",
                data["inclination"],
                "no inclination for a sun-synchronous shell (ltan sets it)",
                _at(data, "inclination", where),
            )
        ltan = parse_clock_hours(data["ltan"], f"{prefix}.ltan", where=_at(data, "ltan", where))
        spread_h = DEFAULT_LTAN_SPREAD_H if planes > 1 else 0.0
        if "ltan_spread" in data:
            spread_h = (
                to_si(
                    data["ltan_spread"],
                    "hour",
                    f"{prefix}.ltan_spread",
                    where=_at(data, "ltan_spread", where),
                )
                if not isinstance(data["ltan_spread"], str) or ":" not in data["ltan_spread"]
                else (parse_clock_hours(data["ltan_spread"], f"{prefix}.ltan_spread", where=where))
            )
        try:
            inc = float(sso_inclination_rad(_R + h))
        except InputError as exc:
            raise InputError(
                f"{prefix}.altitude", data["altitude"], exc.expected, _at(data, "altitude", where)
            ) from exc
        ltan_h: float | None = ltan
        raan0 = 0.0
        spread = spread_h * _TWO_PI / 24.0
        default_phasing = 0
    else:
        inc = math.radians(_quantity(data, "inclination", "deg", prefix, where))
        if not 0.0 <= inc <= math.pi:
            raise InputError(
                f"{prefix}.inclination",
                data["inclination"],
                "an angle in [0, 180] deg",
                _at(data, "inclination", where),
            )
        ltan_h = None
        raan0 = math.radians(_quantity(data, "raan", "deg", prefix, where, default=0.0))
        spread = math.radians(_quantity(data, "raan_spread", "deg", prefix, where, default=360.0))
        default_phasing = 1
    phasing = _int(data, "phasing", prefix, where, low=0) if "phasing" in data else default_phasing
    if phasing >= max(planes, 1) and planes > 1:
        raise InputError(
            f"{prefix}.phasing",
            phasing,
            f"Walker's F in [0, planes - 1] = [0, {planes - 1}]",
            _at(data, "phasing", where),
        )
    name = str(data.get("name", f"shell {index}"))
    return ShellSpec(name, h, inc, ltan_h, raan0, spread, planes, per_plane, phasing)


def _parse_cluster(data: Mapping[str, Any], prefix: str, where: str, index: int) -> ClusterSpec:
    _check_keys(
        data,
        {"name", "cluster", "radius", "altitude", "ltan", "inclination", "raan"},
        prefix,
        where,
    )
    n = _int(data, "cluster", prefix, where)
    radius = _quantity(data, "radius", "m", prefix, where, default=1000.0)
    if radius <= 0.0:
        raise InputError(
            f"{prefix}.radius", data["radius"], "a radius > 0 m", _at(data, "radius", where)
        )
    ref_data = {k: v for k, v in data.items() if k in {"altitude", "ltan", "inclination", "raan"}}
    ref_data["planes"] = 1
    ref_data["satellites_per_plane"] = 1
    marked = _Marked(ref_data)
    marked.lines = getattr(data, "lines", {})
    ref = _parse_shell(marked, prefix, where, index)
    return ClusterSpec(str(data.get("name", f"cluster {index}")), ref, n, radius)


def _checksum_ok(line: str) -> bool:
    total = sum(int(c) if c.isdigit() else (1 if c == "-" else 0) for c in line[:68])
    return line[68].isdigit() and total % 10 == int(line[68])


def parse_tle_text(text: str, where: str) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """Split two- or three-line element sets into line pairs, checking their format.

    Parameters
    ----------
    text : str
        The file's text.
    where : str
        The file name, for errors.

    Returns
    -------
    tuple
        ``((line1, line2), ...)`` and the satellite names.

    Raises
    ------
    InputError
        For a malformed set: a line 1 without its line 2, a wrong length, a bad checksum
        (the modulo-10 sum of the digits, minus signs counting 1; Hoots & Roehrich 1980,
        Appendix) or catalogue numbers that differ between the two lines; names the line.
    """
    raw = [ln.rstrip() for ln in text.splitlines()]
    pairs: list[tuple[str, str]] = []
    names: list[str] = []
    pending_name = ""
    i = 0
    while i < len(raw):
        line = raw[i]
        if not line.strip():
            i += 1
            continue
        if line.startswith("1 ") and len(line) >= 69:
            if i + 1 >= len(raw) or not raw[i + 1].startswith("2 "):
                raise InputError(
                    "tle", line[:20], "a line 1 followed by its line 2", f"{where}:{i + 1}"
                )
            line2 = raw[i + 1]
            for k, ln in ((i, line), (i + 1, line2)):
                if len(ln) < 69:
                    raise InputError("tle", ln, "a 69-character element line", f"{where}:{k + 1}")
                if not _checksum_ok(ln):
                    raise InputError(
                        "tle", ln[:20] + "...", "a valid checksum in column 69", f"{where}:{k + 1}"
                    )
            if line[2:7] != line2[2:7]:
                raise InputError(
                    "tle", line2[:20], "the same catalogue number on both lines", f"{where}:{i + 2}"
                )
            pairs.append((line[:69], line2[:69]))
            names.append(pending_name or line[2:7].strip())
            pending_name = ""
            i += 2
            continue
        if line.startswith(("1 ", "2 ")):
            raise InputError(
                "tle", line[:20] + "...", "a 69-character element line", f"{where}:{i + 1}"
            )
        pending_name = line.removeprefix("0 ").strip()
        i += 1
    if not pairs:
        raise InputError("tle", where, "a file with at least one two-line element set")
    return tuple(pairs), tuple(names)


def _parse_tle(
    data: Mapping[str, Any], prefix: str, where: str, base: Path | None, index: int
) -> TleSpec:
    _check_keys(data, {"name", "tle"}, prefix, where)
    raw_path = data["tle"]
    if not isinstance(raw_path, str):
        raise InputError(f"{prefix}.tle", raw_path, "a file name", _at(data, "tle", where))
    path = Path(raw_path)
    if not path.is_absolute() and base is not None:
        path = base / path
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"{prefix}.tle", raw_path, "a readable element-set file", _at(data, "tle", where)
        ) from exc
    lines, names = parse_tle_text(text, str(path))
    return TleSpec(str(data.get("name", path.name)), str(path), lines, names)


def _epoch_jd(value: Any, where: str) -> float:
    text = str(value).strip().removesuffix("Z")
    try:
        return float(julian_date(np.datetime64(text, "us")))
    except (ValueError, InputError) as exc:
        raise InputError(
            "epoch", value, "a UTC date and time, e.g. '2030-01-01T00:00:00'", where
        ) from exc


def parse_config(
    data: Mapping[str, Any], where: str = "configuration", *, base: Path | None = None
) -> ConstellationConfig:
    """Check a configuration mapping and turn it into a :class:`ConstellationConfig`.

    Parameters
    ----------
    data : Mapping
        The parsed YAML (or an equivalent dict).
    where : str, optional
        Where it came from, quoted in errors.
    base : Path, optional
        Folder that relative element-set paths are read from (the configuration's folder).

    Returns
    -------
    ConstellationConfig
        The checked configuration.

    Raises
    ------
    InputError
        Naming the field, the value, what was expected, and the file and line.
    """
    if not isinstance(data, Mapping):
        raise InputError(
            "configuration", type(data).__name__, "a YAML mapping with 'shells'", where
        )
    allowed = {
        "name",
        "epoch",
        "shells",
        "ground_stations",
        "elevation_mask",
        "downlink",
        "compute",
        "isl",
    }
    _check_keys(data, allowed, "config", where)
    shells_raw = data.get("shells")
    if not isinstance(shells_raw, Sequence) or isinstance(shells_raw, str) or not shells_raw:
        raise InputError(
            "shells", shells_raw, "a non-empty list of shells", _at(data, "shells", where)
        )
    shells: list[ShellSpec | ClusterSpec | TleSpec] = []
    for i, item in enumerate(shells_raw):
        prefix = f"shells[{i}]"
        if not isinstance(item, Mapping):
            raise InputError(
                prefix, item, "a mapping (altitude, ltan or inclination, planes, ...)", where
            )
        if "tle" in item:
            shells.append(_parse_tle(item, prefix, where, base, i))
        elif "cluster" in item:
            shells.append(_parse_cluster(item, prefix, where, i))
        else:
            shells.append(_parse_shell(item, prefix, where, i))
    total = sum(s.satellites if not isinstance(s, TleSpec) else len(s.lines) for s in shells)
    if total > MAX_SATELLITES:
        raise InputError(
            "shells",
            f"{total:,} satellites",
            f"at most {MAX_SATELLITES:,} satellites in all",
            where,
        )
    if "epoch" in data:
        epoch = _epoch_jd(data["epoch"], _at(data, "epoch", where))
    elif all(isinstance(s, TleSpec) for s in shells):
        epoch = max(_tle_epoch_jd(s) for s in shells if isinstance(s, TleSpec))
    else:
        epoch = _epoch_jd(DEFAULT_EPOCH, where)
    options = {
        k: data[k]
        for k in ("ground_stations", "elevation_mask", "downlink", "compute", "isl")
        if k in data
    }
    return ConstellationConfig(
        name=str(data.get("name", "constellation")),
        epoch_jd=epoch,
        shells=tuple(shells),
        options=options,
        where=where,
    )


def load_config(path: str | Path) -> ConstellationConfig:
    """Read a constellation configuration file (YAML).

    Parameters
    ----------
    path : str or Path
        The file.

    Returns
    -------
    ConstellationConfig
        The checked configuration.

    Raises
    ------
    InputError
        For a missing file, invalid YAML or any bad field (naming file, line and field).
    """
    p = Path(path)
    try:
        text = p.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError("config", str(path), "a readable YAML file") from exc
    data = _load_yaml(text, str(path))
    return parse_config(data, str(path), base=p.parent)


# --- building elements -----------------------------------------------------------------------


def _shell_elements(spec: ShellSpec, epoch_jd: float, index: int) -> Elements:
    p, s, f = spec.planes, spec.satellites_per_plane, spec.phasing
    plane = np.repeat(np.arange(p), s)
    slot = np.tile(np.arange(s), p)
    if spec.ltan_h is not None:
        centre = float(orbit.sso_raan_rad(spec.ltan_h, epoch_jd))
        offsets = (plane - (p - 1) / 2.0) * (spec.raan_spread_rad / p if p > 1 else 0.0)
        raan = centre + offsets
    else:
        raan = spec.raan0_rad + plane * spec.raan_spread_rad / p
    # Walker phasing: satellite j of plane k at u = 2π (j/S + F k / (P S))
    u = _TWO_PI * (slot / s + f * plane / (p * s))
    n = p * s
    return Elements(
        semi_major_axis_m=np.full(n, _R + spec.altitude_m),
        eccentricity=np.zeros(n),
        inclination_rad=np.full(n, spec.inclination_rad),
        raan_rad=np.mod(raan, _TWO_PI),
        arg_perigee_rad=np.zeros(n),
        mean_anomaly_rad=np.mod(u, _TWO_PI),
        epoch_jd=epoch_jd,
        shell=np.full(n, index, dtype=np.int32),
    )


def _cluster_elements(spec: ClusterSpec, epoch_jd: float, index: int) -> Elements:
    """Sunflower (Vogel) disk of offsets: along-track by phase, cross-track by inclination.

    Satellite j sits at along-track offset x_j (a phase shift x_j / a) and cross-track
    amplitude y_j (an inclination offset y_j / a, largest over the poles), with the same
    semi-major axis as the reference so nothing drifts along track; every satellite stays
    within ``radius`` of the reference. The inclination offsets change the J2 node rate by
    ~(dΩ̇/di) y/a, a few hundred metres a day for a 1 km cluster: station keeping, not
    modelled, holds the formation.
    """
    ref = _shell_elements(spec.reference, epoch_jd, index)
    n = spec.satellites
    j = np.arange(n)
    rho = spec.radius_m * np.sqrt((j + 0.5) / n)
    phi = j * math.pi * (3.0 - math.sqrt(5.0))  # golden angle
    a = float(ref.semi_major_axis_m[0])
    return Elements(
        semi_major_axis_m=np.full(n, a),
        eccentricity=np.zeros(n),
        inclination_rad=ref.inclination_rad[0] + rho * np.sin(phi) / a,
        raan_rad=np.full(n, ref.raan_rad[0]),
        arg_perigee_rad=np.zeros(n),
        mean_anomaly_rad=np.mod(ref.mean_anomaly_rad[0] + rho * np.cos(phi) / a, _TWO_PI),
        epoch_jd=epoch_jd,
        shell=np.full(n, index, dtype=np.int32),
    )


def _satrecs(spec: TleSpec) -> list[Any]:
    Satrec = sgp4_api().Satrec
    out = []
    for k, (l1, l2) in enumerate(spec.lines):
        try:
            sat = Satrec.twoline2rv(l1, l2)
        except (ValueError, IndexError) as exc:
            raise InputError(
                "tle", l1[:20] + "...", f"a valid element set ({exc})", f"{spec.path}, set {k + 1}"
            ) from exc
        if sat.error != 0:
            raise InputError(
                "tle",
                l1[:20] + "...",
                f"elements SGP4 accepts (error {sat.error})",
                f"{spec.path}, set {k + 1}",
            )
        out.append(sat)
    return out


def _tle_epoch_jd(spec: TleSpec) -> float:
    return max(float(s.jdsatepoch + s.jdsatepochF) for s in _satrecs(spec))


def _tle_elements(spec: TleSpec, epoch_jd: float, index: int) -> Elements:
    """Mean elements of element sets, moved to ``epoch_jd`` at the secular rates (no drag)."""
    sats = _satrecs(spec)
    # Brouwer (un-Kozai'd) mean motion of SGP4's initialisation, xke / ao^1.5 [rad/min]
    n_brouwer = np.array([s.xke / s.a**1.5 for s in sats]) / 60.0  # rad/s
    from terawatt.physics.constants import GM_EARTH_EGM96_M3_S2  # noqa: PLC0415

    a = (GM_EARTH_EGM96_M3_S2 / n_brouwer**2) ** (1.0 / 3.0)
    e = np.array([s.ecco for s in sats])
    inc = np.array([s.inclo for s in sats])
    dt = (epoch_jd - np.array([s.jdsatepoch + s.jdsatepochF for s in sats])) * 86_400.0
    rates = secular_rates(a, e, inc)
    if np.any(a * (1.0 - e) <= _R):
        raise InputError("tle", spec.path, "element sets with perigee above the Earth's surface")
    return Elements(
        semi_major_axis_m=a,
        eccentricity=e,
        inclination_rad=inc,
        raan_rad=np.mod(np.array([s.nodeo for s in sats]) + rates.raan_rad_s * dt, _TWO_PI),
        arg_perigee_rad=np.mod(
            np.array([s.argpo for s in sats]) + rates.arg_perigee_rad_s * dt, _TWO_PI
        ),
        mean_anomaly_rad=np.mod(
            np.array([s.mo for s in sats]) + rates.mean_anomaly_rad_s * dt, _TWO_PI
        ),
        epoch_jd=epoch_jd,
        shell=np.full(len(sats), index, dtype=np.int32),
    )


def build(config: ConstellationConfig) -> Elements:
    """Mean elements of every satellite of a configuration, shell by shell.

    Parameters
    ----------
    config : ConstellationConfig
        A parsed configuration.

    Returns
    -------
    Elements
        All satellites at ``config.epoch_jd``; ``shell`` indexes ``config.shells``.
        Element sets are moved from their own epochs to the common one at the secular
        rates (drag left out); propagate them with SGP4 (:func:`build_satrecs`) for fidelity.
    """
    parts: list[Elements] = []
    for i, spec in enumerate(config.shells):
        if isinstance(spec, ShellSpec):
            parts.append(_shell_elements(spec, config.epoch_jd, i))
        elif isinstance(spec, ClusterSpec):
            parts.append(_cluster_elements(spec, config.epoch_jd, i))
        else:
            parts.append(_tle_elements(spec, config.epoch_jd, i))
    return concat(parts)


def build_satrecs(config: ConstellationConfig) -> list[Any] | None:
    """SGP4 records of the element sets, if every shell is an element-set file, else None.

    Parameters
    ----------
    config : ConstellationConfig
        A parsed configuration.

    Returns
    -------
    list of sgp4.api.Satrec or None
        In the order of :func:`build`.
    """
    if not all(isinstance(s, TleSpec) for s in config.shells):
        return None
    out: list[Any] = []
    for spec in config.shells:
        if isinstance(spec, TleSpec):
            out.extend(_satrecs(spec))
    return out
