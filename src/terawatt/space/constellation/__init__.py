"""Constellations at full scale: build, propagate, sunlight, contacts, latency, congestion.

Modules: :mod:`.elements` (mean elements of N satellites), :mod:`.config` (YAML shells,
Walker patterns, clusters, element-set files), :mod:`.propagate` (analytic J2 secular
propagation with SGP4's periodic terms; SGP4 for element sets), :mod:`.sunlight`
(cylindrical and conical shadow), :mod:`.ground` (stations, contacts, downlink),
:mod:`.latency` (direct and relayed latency), :mod:`.run` (the streaming simulation),
:mod:`.distributed` (Dask), :mod:`.backend` (array-API namespaces), and for congestion
:mod:`.conjunctions` (close-approach screening), :mod:`.capacity` (slotted shells) and
:mod:`.debris` (collision probability, drag lifetime, the eclipse-free altitude trade).
"""

from __future__ import annotations

from terawatt.space.constellation.config import (
    ConstellationConfig,
    build,
    load_config,
    parse_config,
)
from terawatt.space.constellation.elements import Elements
from terawatt.space.constellation.propagate import propagate

__all__ = ["ConstellationConfig", "Elements", "build", "load_config", "parse_config", "propagate"]
