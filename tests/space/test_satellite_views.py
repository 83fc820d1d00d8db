"""``size_satellite(design, copy=False)``: the same budget, as read-only views.

The scenario engine sizes 10^5 design samples at once and only reads the budget; without
copies it skips ~35 arrays of the samples' size. The numbers must be those of the default
(copying) sizing, bit for bit, and the views must refuse writes (they may share memory
with each other and with the design's inputs).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from terawatt.space.presets import preset_design
from terawatt.space.satellite import size_satellite


def _items(budget: Any) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    for f in dataclasses.fields(budget):
        value = getattr(budget, f.name)
        if isinstance(value, dict):
            out.update({f"{f.name}.{k}": v for k, v in value.items()})
        elif isinstance(value, np.ndarray):
            out[f.name] = value
    return out


def test_views_are_the_copies_bit_for_bit_and_read_only() -> None:
    rng = np.random.default_rng(3)
    base = preset_design()
    design = base.replace(
        array_specific_power_w_per_kg=rng.uniform(80.0, 200.0, 50),
        radiator_areal_mass_kg_per_m2=rng.uniform(3.0, 8.0, 50),
        design_life_years=rng.uniform(4.0, 6.0, 50),
    )
    copies = _items(size_satellite(design))
    views = _items(size_satellite(design, copy=False))
    assert copies.keys() == views.keys()
    for name, value in copies.items():
        assert value.shape == views[name].shape == (50,), name
        assert value.tobytes() == np.ascontiguousarray(views[name]).tobytes(), name
        assert value.flags.writeable, name
        assert not views[name].flags.writeable, name


def test_one_design_sized_without_copies() -> None:
    copies = _items(size_satellite(preset_design()))
    views = _items(size_satellite(preset_design(), copy=False))
    for name, value in copies.items():
        assert value.tobytes() == np.ascontiguousarray(views[name]).tobytes(), name
