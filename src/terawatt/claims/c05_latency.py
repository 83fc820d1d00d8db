r"""C5: satellites in sun-synchronous orbit return finished results with low latency.

Two questions, answered to first order by the model of
:mod:`terawatt.space.constellation.firstorder` (its figures are the parameter table's
``comms.*`` entries); this module reads the claim (:data:`STATEMENT`, the threshold) and
assembles the verdict.

Bandwidth
    A satellite's text output needs ``tokens/s × bytes/token × 8 × overhead`` bit/s of
    downlink, compared with an optical ground link (photon budget of
    :func:`terawatt.physics.comms.optical_link_rate_bps`, capped at the 200 Gbit/s that
    NASA's TBIRD demonstrated) and a Ka-band RF link (Shannon limit of
    :func:`terawatt.physics.comms.rf_link_rate_bps`).

Latency of a finished result to a user
    A single satellite in a dawn-dusk sun-synchronous orbit (650 km) is propagated over two
    days at 10 s steps (:func:`terawatt.physics.geodesy.ground_track_deg`: circular orbit,
    J2 node drift, Earth rotation, spherical Earth). A ground station sees it while the
    Earth central angle between them is within :math:`\lambda_{max}` of
    :func:`terawatt.physics.geodesy.earth_central_angle_deg` at the elevation mask (SMAD
    sec. 5.2). Requests arrive at random times in the first day, from users in the world's
    megacities weighted by population (or anywhere on Earth, area-weighted), and a random
    share of the stations is in service (weather, maintenance, antenna contention). Then

    - **direct**: the result waits until the satellite next sees a station in service,
      goes down over the slant range at light speed and through terrestrial fibre to the
      user at ``comms.fibre_speed`` (2/3 c) over the great circle;
    - **relayed**: it crosses inter-satellite optical links (a Starlink-class mesh) along
      the great-circle arc at orbital radius, stretched by the mesh's routing, to a
      satellite that sees a station, with a processing delay per hop, then goes down and
      through fibre. The best station is chosen per request in both cases.

The probability is the share of requests answered within ``threshold_s`` (100 ms, the
limit of a response felt as immediate) under the chosen architecture.

Where it flips
    The deciding assumption is the reading of "low": P(latency <= t) reaches one half
    where t is the median latency of the chosen architecture (a closed form on the same
    requests, ``flip_threshold_s``), and the verdict word changes at the 10th and 90th
    percentiles (below ``threshold_for_fails_s`` it fails, from ``threshold_for_holds_s``
    on it holds). The same median for the other architecture (``flip_threshold_s_direct``
    or ``flip_threshold_s_relayed``) says what dropping (or adding) relays does.

Checked against the constellation simulator
    :func:`terawatt.space.constellation.check.constellation_check` flies a dawn-dusk shell
    of 4 planes x 30 satellites at the same altitude with
    :mod:`terawatt.space.constellation` (J2 propagation, the shipped ground stations,
    contacts every 60 s over a day) and routes results over the real, time-varying
    laser-link graph (in-plane rings and nearest neighbours, line of sight clear of the
    atmosphere) to a station: the share of time a satellite sees a station, the wait of a
    direct downlink and the relayed latency to the ground come from that simulation and
    stand beside the first-order numbers. The first-order relay assumes the mesh exists
    wherever the path goes; the simulated one shows whether a shell of that size provides
    it. Queues and downlink contention are left out.

Which latency is which
    ============================  ==========================================================
    ``relayed_latency_*``         first order, **to the user**: one satellite at random
                                  times, the arc at orbital radius x path stretch
                                  (1-1.41), a processing delay per hop, a random share of
                                  the stations in service, then terrestrial fibre to a
                                  megacity user (~31 ms median from the station it lands
                                  at, ``relayed_fibre_p50``)
    ``relayed_to_station_*``      the same requests' space segment only: satellite to the
                                  nearest station in service, no fibre, no user
    ``direct_latency_*``          no relays: wait for the satellite's own next contact
                                  with a station in service, down, then fibre to the user
    ``sim_relay_latency_*``       simulated, **to a station**: every satellite of the
                                  4 x 30 shell over its real link graph to the nearest of
                                  all the stations (all in service), light time and a
                                  hop delay per link; no users, no fibre
    ``sim_first_order_relay_*``   the first-order formula on the simulator's inputs (its
                                  satellites, all stations, the in-plane spacing as hop
                                  length, its hop delay, the middle stretch)
    ============================  ==========================================================

    The ~57 ms and ~14 ms medians measure different legs: the first adds the fibre to the
    user, fewer stations in service and the stretched route. On the same inputs the two
    models agree on the median within
    :data:`~terawatt.space.constellation.check.RECONCILE_TOLERANCE` (a test checks it); the
    simulated 95th percentile is longer because a four-plane shell has few cross-plane
    links.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import numpy as np

from terawatt.claims.verdict import Assumption, Number, Verdict
from terawatt.errors import InputError
from terawatt.parameters.table import central
from terawatt.physics import comms
from terawatt.physics.geodesy import slant_range_m
from terawatt.physics.orbit import geostationary_altitude_m
from terawatt.space.constellation.check import CHECK_PER_PLANE, CHECK_PLANES, constellation_check
from terawatt.space.constellation.firstorder import (
    mesh_distributions,
    request_geometry,
    request_latencies,
    satellite_bandwidth,
)
from terawatt.space.constellation.ground import (
    GroundStation,
    comms_figures,
    default_elevation_mask_deg,
    load_ground_stations,
)
from terawatt.space.presets import load_presets
from terawatt.typing import FloatArray, as_float
from terawatt.validate import checked

__all__ = ["LOW_LATENCY_THRESHOLD_S", "SOURCES", "STATEMENT", "evaluate"]

STATEMENT = "Satellites in sun-synchronous orbit return finished results with low latency."

#: "Low" latency [s]: 0.1 s is the limit for a response to feel instantaneous (Nielsen, J.,
#: Usability Engineering, 1993, ch. 5; after Miller 1968 and Card, Robertson & Mackinlay
#: 1991). ITU-T G.114 (05/2003), sec. 3: one-way delay up to 150 ms leaves most
#: interactive (voice) applications unaffected -- the looser alternative.
LOW_LATENCY_THRESHOLD_S = 0.100

SOURCES = (
    (
        "Wertz & Larson (eds.), Space Mission Analysis and Design, 3rd ed. (1999), ch. 5 "
        "(ground-station geometry) and ch. 13 (link budgets)"
    ),
    "ITU-T Recommendation G.114 (05/2003), One-way transmission time: 150 ms; 5 us/km fibre",
    "Nielsen, J. (1993), Usability Engineering, ch. 5: 0.1 s feels instantaneous",
    "NASA/MIT Lincoln Laboratory TBIRD: 200 Gbit/s LEO-to-ground laser link (2022-2023)",
    "OpenAI help centre: ~4 characters per token of English text (secondary)",
    "Ground stations: terawatt/data/ground_stations.yaml (KSAT, NOAA, SSC, SANSA, JAXA, ...)",
    "UN DESA, World Urbanization Prospects 2018: the 33 megacities of 2018",
)


def _percentiles(x: FloatArray) -> tuple[float, float]:
    """Median and 95th percentile (infinite values -- no contact -- sort last)."""
    p50, p95 = np.quantile(x, [0.5, 0.95], method="inverted_cdf")
    return float(p50), float(p95)


def _said_s(seconds: float) -> str:
    """A latency in words: ms below a second, minutes above."""
    if not math.isfinite(seconds):
        return "never"
    return f"{seconds * 1e3:.0f} ms" if seconds < 1.0 else f"{seconds / 60:.0f} min"


def _chosen_stations(stations: Sequence[str] | None) -> list[GroundStation]:
    known = load_ground_stations()
    if stations is None:
        return list(known.values())
    if isinstance(stations, str) or not list(stations):
        raise InputError("stations", stations, "a non-empty list of station keys")
    out = []
    for key in dict.fromkeys(stations):
        if key not in known:
            raise InputError("stations", key, f"one of {', '.join(map(repr, known))}")
        out.append(known[key])
    return out


def _range(name: str, fmt: str = "g") -> str:
    """A mesh parameter's uniform range from the table, as text for an assumption."""
    dist = mesh_distributions()[name]
    return f"{dist.low:g}-{dist.high:{fmt}} (uniform)"


def evaluate(
    *,
    relay: bool = True,
    threshold_s: float = LOW_LATENCY_THRESHOLD_S,
    stations: Sequence[str] | None = None,
    users: Literal["megacities", "uniform"] = "megacities",
    altitude_m: float | None = None,
    elevation_mask_deg: float | None = None,
    preset: str = "today",
    samples: int = 4000,
    seed: int = 0,
    simulate: bool = True,
) -> Verdict:
    r"""Verdict on C5: P(a finished result reaches its user within ``threshold_s``).

    Parameters
    ----------
    relay : bool
        Relay over inter-satellite laser links to a satellite in view of a station
        (Starlink-class links exist) or wait for the satellite's own next contact.
    threshold_s : float
        One-way latency that counts as "low" [s]: 0.1 s (Nielsen 1993); 0.15 s is ITU-T
        G.114's limit for interactive voice.
    stations : sequence of str, optional
        Keys of the ground stations used (default: all of ``ground_stations.yaml``).
    users : {"megacities", "uniform"}
        Where users are: the 33 megacities weighted by population, or anywhere on Earth.
    altitude_m : float, optional
        Altitude of the dawn-dusk sun-synchronous orbit [m]; the table's
        ``satellite.orbit.altitude`` by default (Suncatcher: ~650 km).
    elevation_mask_deg : float, optional
        Minimum elevation for a ground contact [deg]; default 10 (SMAD sec. 5.2).
    preset : str
        Satellite design whose token output sizes the downlink need.
    samples, seed : int
        Requests simulated and the seed.
    simulate : bool
        Add the constellation simulator's numbers
        (:func:`terawatt.space.constellation.check.constellation_check`, ~1 s).

    Returns
    -------
    Verdict
        Numbers: median and 95th percentile latency of both architectures, light time at
        the altitude and from GEO, the visibility radius and contacts per day, the downlink
        need against optical and Ka-band capacity.

    Notes
    -----
    The latencies are the first-order model of
    :mod:`terawatt.space.constellation.firstorder` (its module notes give the direct and
    relayed latency of each request):
    :func:`~terawatt.space.constellation.firstorder.request_geometry` and
    :func:`~terawatt.space.constellation.firstorder.request_latencies`.
    """
    threshold = float(checked("threshold_s", threshold_s, low=0.0, low_open=True))
    if users not in ("megacities", "uniform"):
        raise InputError("users", users, "'megacities' or 'uniform'")
    if preset not in load_presets():
        raise InputError("preset", preset, f"one of {', '.join(map(repr, load_presets()))}")
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
        raise InputError("samples", samples, "an int >= 1")
    if altitude_m is None:
        altitude_m = central("satellite.orbit.altitude")
    h = float(checked("altitude_m", altitude_m, low=1e5, high=5.9e6))
    mask = default_elevation_mask_deg() if elevation_mask_deg is None else elevation_mask_deg
    mask = float(checked("elevation_mask_deg", mask, low=0.0, high=89.0))
    chosen = _chosen_stations(stations)
    st_lat = as_float([s.latitude_deg for s in chosen])
    st_lon = as_float([s.longitude_deg for s in chosen])
    n_st = len(chosen)

    geo = request_geometry(h, mask, st_lat, st_lon)
    lat = request_latencies(geo, h, st_lat, st_lon, users, samples, seed)
    direct, relayed = lat.direct_s, lat.relayed_s
    latency = relayed if relay else direct
    p = float(np.mean(latency <= threshold))
    d50, d95 = _percentiles(direct)
    r50, r95 = _percentiles(relayed)
    s50, s95 = _percentiles(lat.relayed_to_station_s)
    p_direct = float(np.mean(direct <= threshold))
    p_relay = float(np.mean(relayed <= threshold))
    # P(latency <= t) >= q exactly when t >= the q-quantile (inverted CDF: a sample value)
    flip, t_fails, t_holds = (
        float(x) for x in np.quantile(latency, [0.5, 0.1, 0.9], method="inverted_cdf")
    )
    other = "direct" if relay else "relayed"
    flip_other = float(np.quantile(direct if relay else relayed, 0.5, method="inverted_cdf"))
    bw = satellite_bandwidth(preset, float(slant_range_m(h, mask)))
    zenith_s = float(comms.light_time_s(h))
    geo_alt = geostationary_altitude_m()
    geo_s = float(comms.light_time_s(geo_alt))
    geo_relay_s = float(comms.light_time_s(geo_alt - h + geo_alt))
    tokens, need, need_stream = bw["tokens_per_s"], bw["downlink_need"], bw["streaming"]
    optical, ka = bw["optical"], bw["ka_band"]

    arch = "relayed" if relay else "direct"
    summary = (
        f"Text is light: a '{preset}' satellite makes {tokens:,.0f} tokens/s, "
        f"{need / 1e6:.1f} Mbit/s with overhead ({need_stream / 1e6:.0f} Mbit/s streamed token "
        f"by token), {need / optical:.1e} of a 200 Gbit/s laser link and {need / ka:.1e} of a "
        f"Ka-band link; bandwidth is not the limit. Latency is geometry: from {h / 1e3:.0f} km "
        f"a zenith pass is {zenith_s * 1e3:.2f} ms away (GEO {geo_s * 1e3:.0f} ms), but one "
        f"satellite sees one of {n_st} stations only {geo.contacts_per_day:.0f} times a day: a "
        f"result sent direct is quick only if a station is in view ({p_direct:.0%} of results) "
        f"and otherwise waits for the next pass, {d50 / 60:.0f} min median, {d95 / 60:.0f} min "
        f"at the 95th percentile: without relays P(direct <= {threshold * 1e3:g} ms) = "
        f"{p_direct:.2f}. Relayed over laser links it reaches its user in {r50 * 1e3:.0f} ms "
        f"(95th percentile {r95 * 1e3:.0f} ms; the satellite-to-station leg alone is "
        f"{s50 * 1e3:.0f} ms median, the fibre from the station it lands at to the user "
        f"{float(np.median(lat.relayed_fibre_s)) * 1e3:.0f} ms): "
        f"P(relayed <= {threshold * 1e3:g} ms) = {p_relay:.2f}. The verdict takes the {arch} "
        f"case: P = {p:.2f}. "
        + (
            f"P falls below one half if 'low' means under {_said_s(flip)}"
            if p >= 0.5
            else f"P reaches one half if 'low' allows {_said_s(flip)}"
        )
        + f" (the {arch} median; {other}: {_said_s(flip_other)})."
    )
    simulated: tuple[Number, ...] = ()
    if simulate:
        sim = constellation_check(h)
        summary += (
            f" Simulated ({CHECK_PLANES} x {CHECK_PER_PLANE} satellites, one day): a satellite "
            f"sees a station {sim['contact_fraction']:.0%} of the time; over the laser-link "
            f"graph {sim['relay_reachable']:.0%} of satellites reach a station, in "
            f"{sim['relay_latency_p50_s'] * 1e3:.0f} ms median to the ground (satellite to "
            f"station, all stations, no fibre); the first-order formula on the same inputs "
            f"gives {sim['first_order_relay_p50_s'] * 1e3:.0f} ms."
        )
        simulated = (
            Number("sim_contact_fraction", sim["contact_fraction"], "1", "simulated shell"),
            Number("sim_passes_per_day", sim["passes_per_day"], "1/day", "per satellite"),
            Number("sim_direct_wait_p50", sim["direct_wait_p50_s"], "s", "direct, median"),
            Number("sim_direct_wait_p90", sim["direct_wait_p90_s"], "s", "direct, p90"),
            Number(
                "sim_relay_latency_p50",
                sim["relay_latency_p50_s"],
                "s",
                "satellite to a station over the simulated laser-link graph, median",
            ),
            Number("sim_relay_latency_p95", sim["relay_latency_p95_s"], "s", "same, p95"),
            Number(
                "sim_first_order_relay_p50",
                sim["first_order_relay_p50_s"],
                "s",
                "first-order relay to a station on the simulated shell's inputs, median",
            ),
            Number(
                "sim_first_order_relay_p95",
                sim["first_order_relay_p95_s"],
                "s",
                "same, p95",
            ),
            Number(
                "sim_relay_reachable",
                sim["relay_reachable"],
                "1",
                "share of satellite-snapshots with a path to a station",
            ),
        )
    numbers = (
        Number(
            "relayed_latency_p50",
            r50,
            "s",
            "relayed over laser links to the user (hops, processing, stretch, fibre), median",
        ),
        Number("relayed_latency_p95", r95, "s", "relayed, 95th percentile"),
        Number(
            "relayed_to_station_p50",
            s50,
            "s",
            "relayed, satellite to the nearest station in service only (no fibre), median",
        ),
        Number("relayed_to_station_p95", s95, "s", "same, 95th percentile"),
        Number(
            "relayed_fibre_p50",
            float(np.median(lat.relayed_fibre_s)),
            "s",
            "relayed, fibre from the station it lands at to the user, median",
        ),
        Number(
            "direct_latency_p50",
            d50,
            "s",
            "no relays: wait for the next station contact, down, fibre to the user, median",
        ),
        Number("direct_latency_p95", d95, "s", "direct, 95th percentile"),
        Number("p_relayed_within_threshold", p_relay, "1", f"P(relayed <= {threshold:g} s)"),
        Number("p_direct_within_threshold", p_direct, "1", f"P(direct <= {threshold:g} s)"),
        Number(
            "flip_threshold_s",
            flip,
            "s",
            f"latency 'low' must allow for P = 0.5, {arch}: the median (closed form; inf: "
            "does not flip in [0, inf))",
        ),
        Number(
            "threshold_for_fails_s",
            t_fails,
            "s",
            f"below it P <= 0.1 ({arch}; the 10th percentile)",
        ),
        Number(
            "threshold_for_holds_s",
            t_holds,
            "s",
            f"from it on P >= 0.9 ({arch}; the 90th percentile)",
        ),
        Number(
            f"flip_threshold_s_{other}",
            flip_other,
            "s",
            f"the same median, {other} (inf: most requests never reach a station)",
        ),
        Number(
            "fibre_latency_p50",
            float(np.median(lat.fibre_best_s)),
            "s",
            "station nearest the user to the user, 2/3 c over the great circle, median",
        ),
        Number("light_time_zenith", zenith_s, "s", f"one way, {h / 1e3:g} km at zenith"),
        Number("light_time_geo", geo_s, "s", "one way, geostationary altitude at zenith"),
        Number(
            "geo_relay_latency_min",
            geo_relay_s,
            "s",
            "up to a GEO data relay and down, best geometry (light time only)",
        ),
        Number(
            "visibility_radius",
            math.degrees(geo.visibility_radius_rad),
            "deg",
            f"Earth central angle seen above {mask:g} deg elevation (SMAD sec. 5.2)",
        ),
        Number("slant_range_at_mask", bw["slant_range_m"], "m", f"range at {mask:g} deg elevation"),
        Number(
            "contacts_per_day",
            geo.contacts_per_day,
            "1/day",
            f"station contacts of one satellite with the {n_st} stations (all in service)",
        ),
        Number("longest_gap", geo.longest_gap_s, "s", "longest time without any station in view"),
        Number("tokens_per_s", tokens, "1/s", f"'{preset}' satellite"),
        Number("downlink_need", need, "bit/s", "text output with protocol overhead"),
        Number(
            "downlink_need_streaming",
            need_stream,
            "bit/s",
            "every token as its own server-sent event",
        ),
        Number("downlink_need_per_gw", bw["need_per_gw"], "bit/s/GW", "per GW of compute"),
        Number("optical_capacity", optical, "bit/s", "TBIRD-class laser link at the mask"),
        Number(
            "optical_photon_budget",
            bw["optical_photon_budget"],
            "bit/s",
            "photon-limited rate of the same link (transceivers cap it)",
        ),
        Number("ka_band_capacity", ka, "bit/s", "Ka-band Shannon limit at the mask"),
        Number("need_to_optical", need / optical, "1", "downlink need / optical capacity"),
        Number("need_to_ka_band", need / ka, "1", "downlink need / Ka-band capacity"),
        *simulated,
    )
    figures = comms_figures()
    assumptions = (
        Assumption(
            "relay",
            relay,
            "",
            "Starlink-class laser inter-satellite links exist; direct = no relay",
            deciding=True,
        ),
        Assumption(
            "threshold_s",
            threshold,
            "s",
            "Nielsen (1993): 0.1 s feels instantaneous; ITU-T G.114: 150 ms for voice",
            deciding=True,
        ),
        Assumption(
            "stations",
            ", ".join(s.key for s in chosen),
            "",
            "ground_stations.yaml: today's polar and mid-latitude EO stations",
            deciding=True,
        ),
        Assumption(
            "users",
            users,
            "",
            "UN WUP 2018 megacities by population, or area-uniform on Earth",
        ),
        Assumption("altitude_m", h, "m", "Google Project Suncatcher: ~650 km dawn-dusk SSO"),
        Assumption("elevation_mask_deg", mask, "deg", "SMAD 3rd ed. sec. 5.2: 5-10 deg"),
        Assumption(
            "hop_length_m",
            _range("comms.hop_length"),
            "m",
            "Starlink shell 1 neighbour spacing (FCC 2018, secondary)",
        ),
        Assumption(
            "hop_processing_s",
            _range("comms.hop_processing_delay"),
            "s",
            "estimate: optical terminal and router per hop",
        ),
        Assumption(
            "path_stretch",
            _range("comms.path_stretch", ".2f"),
            "1",
            "grid routing: 1 along a plane to sqrt(2) diagonally",
        ),
        Assumption(
            "stations_in_service",
            _range("comms.stations_in_service"),
            "1",
            "estimate: clouds, maintenance, contention",
        ),
        Assumption(
            "fibre_speed_m_s", figures.fibre_speed_m_s, "m/s", "ITU-T G.114: 5 us/km (2/3 c)"
        ),
        Assumption(
            "bytes_per_token",
            figures.bytes_per_token,
            "B",
            "OpenAI: ~4 characters/token (secondary)",
        ),
        Assumption("protocol_overhead", figures.protocol_overhead, "1", "estimate"),
        Assumption("preset", preset, "", "satellite_presets.yaml"),
    )
    return Verdict(
        id="C5",
        statement=STATEMENT,
        probability=p,
        summary=summary,
        numbers=numbers,
        assumptions=assumptions,
        sources=SOURCES,
    )
