"""A sized satellite through its orbits: energy balance, steady-state limits, survival."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest
from numpy.testing import assert_allclose

from terawatt.cli import main
from terawatt.errors import InputError
from terawatt.space.presets import preset_design
from terawatt.space.satellite import size_satellite
from terawatt.space.transient import orbit_transient, worst_day_transient

TODAY = size_satellite(preset_design("today"))
AGGRESSIVE = size_satellite(preset_design("aggressive-100wpkg"))


@pytest.mark.parametrize("budget", [TODAY, AGGRESSIVE], ids=["today", "aggressive"])
def test_energy_balance_closes_over_a_worst_day(budget: object) -> None:
    """Array energy + absorbed environment = radiated + battery and heat stored + charge
    losses + curtailed (throttled) array energy, to 1e-4 of the energy in, with the
    radiated heat integrated independently of the time-stepping scheme (trapezoids over
    the temperatures): the error is the time discretization's."""
    run = worst_day_transient(budget, record=False)  # type: ignore[arg-type]
    assert float(run.energy_balance_error) < 1e-4
    total_in = sum(run.energy_in_j.values())
    total_out = sum(run.energy_out_j.values())
    assert_allclose(total_out, total_in, rtol=1e-4)
    assert run.orbits == 15.0  # ceil(86,400 s / 5,864 s) at 650 km


def test_no_eclipse_stays_at_the_sizing_temperature() -> None:
    """Without an eclipse the sized design sits at its sunlit full-load steady state, the
    sizing point: coolant at radiator.temperature (310 K) to 1e-9 K, full battery, no
    throttling; the balance closes to rounding."""
    run = orbit_transient(TODAY, orbits=2, eclipse_s=0.0)
    t = run.series["radiator_temperature_k"]
    assert_allclose(t, 310.0, atol=1e-9)
    assert float(run.min_state_of_charge) == 1.0
    assert float(run.throttled_energy_share) == pytest.approx(0.0, abs=1e-12)
    assert float(run.energy_balance_error) < 1e-12


def test_infinite_thermal_mass_holds_the_sizing_temperature() -> None:
    """With a vast thermal mass the eclipse cannot move the coolant: it stays within 0.01 K
    of the sizing temperature, while the real mass swings it by ~12 K (310 -> 298 K)."""
    stiff = orbit_transient(TODAY, orbits=3, heat_capacity_scale=1e6, record=False)
    assert float(stiff.max_radiator_temperature_k) == pytest.approx(310.0, abs=0.01)
    assert float(stiff.min_radiator_temperature_k) == pytest.approx(310.0, abs=0.01)
    real = orbit_transient(TODAY, orbits=3, record=False)
    swing = float(real.max_radiator_temperature_k - real.min_radiator_temperature_k)
    assert 8.0 < swing < 16.0


def test_sized_battery_rides_through_the_longest_eclipse() -> None:
    """The sizing's battery (E = P_L t_e/(DoD eta_rt)) drops, over the year's longest
    eclipse, to 1 - DoD eta_rt = 1 - 0.6 x 0.9 = 0.46 of its charge, above its floor
    1 - DoD = 0.4; the array's sized surplus refills it within the orbit. Tolerance: one
    step's load (8 s of 1,183 s of eclipse) for the eclipse edges within a step."""
    d = TODAY.design
    run = worst_day_transient(TODAY)
    dod, rt = float(d.battery_depth_of_discharge), float(d.battery_round_trip_efficiency)  # type: ignore[arg-type]
    step_share = float(run.dt_s / run.eclipse_s) * dod * rt
    assert float(run.min_state_of_charge) == pytest.approx(1 - dod * rt, abs=step_share)
    assert float(run.min_state_of_charge) > 1 - dod
    assert float(run.throttled_energy_share) == pytest.approx(0.0, abs=1e-9)
    soc = run.series["state_of_charge"]
    per_orbit = run.steps_per_orbit
    # periodic, no drift: just before each eclipse the battery is full again to within one
    # step's recharge (the sizing leaves the array no margin), the same every orbit
    before = int((0.5 - 0.5 * float(run.eclipse_s / run.period_s)) * per_orbit) - 1
    charged = soc[before::per_orbit]
    assert np.all(charged > 1.0 - step_share)
    assert_allclose(charged[1:], charged[-1], rtol=1e-9)


def test_undersized_battery_throttles_at_its_floor() -> None:
    """Half the sized battery: the state of charge stops at the floor 0.4 and compute
    throttles for the rest of the eclipse: about half the eclipse's compute is lost."""
    half = dataclasses.replace(TODAY, battery_energy_j=TODAY.battery_energy_j / 2)
    run = orbit_transient(half, orbits=1, record=False)
    assert float(run.min_state_of_charge) == pytest.approx(0.4, abs=1e-9)
    eclipse_share = float(run.eclipse_s / run.period_s)
    assert 0.3 * eclipse_share < float(run.throttled_energy_share) < 0.7 * eclipse_share
    assert float(run.thermal_throttled_energy_share) == 0.0
    assert float(run.energy_balance_error) < 1e-4


def test_today_runs_cool_and_aggressive_throttles_for_heat() -> None:
    """Honest verdicts at the defaults: the today preset's chips peak at 345 K (310 K
    coolant + 35 K), under the 356 K limit, never throttled. The aggressive preset's 340 K
    loop puts its chips at 375 K in sunlight: they throttle to hold 356 K, losing ~14 % of a
    worst day's compute to heat on top of the ~20 % its throttling design loses in shadow,
    and its coolant falls to ~210 K in shadow (no load, no battery)."""
    today = worst_day_transient(TODAY, record=False)
    assert float(today.max_chip_temperature_k) == pytest.approx(345.0, abs=1e-9)
    assert float(today.thermal_throttled_energy_share) == 0.0
    aggressive = worst_day_transient(AGGRESSIVE, record=False)
    limit = float(AGGRESSIVE.design.chip_temperature_limit_k)  # type: ignore[arg-type]
    assert float(aggressive.max_chip_temperature_k) == pytest.approx(limit, abs=1.0)
    assert 0.10 < float(aggressive.thermal_throttled_energy_share) < 0.18
    eclipse_share = float(aggressive.eclipse_s / aggressive.period_s)
    assert float(aggressive.throttled_energy_share) == pytest.approx(
        eclipse_share + float(aggressive.thermal_throttled_energy_share), abs=0.01
    )
    assert 200.0 < float(aggressive.min_radiator_temperature_k) < 220.0


def test_halving_the_step_changes_little() -> None:
    """First-order scheme at 720 steps per orbit: halving the step moves the coldest coolant
    by under 0.05 K and the lowest charge by under 1e-3."""
    a = orbit_transient(TODAY, orbits=2, record=False)
    b = orbit_transient(TODAY, orbits=2, steps_per_orbit=1440, record=False)
    assert float(a.min_radiator_temperature_k) == pytest.approx(
        float(b.min_radiator_temperature_k), abs=0.05
    )
    assert float(a.min_state_of_charge) == pytest.approx(float(b.min_state_of_charge), abs=1e-3)


def test_vectorized_over_designs_equals_one_by_one() -> None:
    """Three altitudes in one call give each one's own run (same steps per orbit)."""
    design = preset_design("today")
    altitudes = np.array([550e3, 650e3, 800e3])
    many = orbit_transient(
        size_satellite(design.replace(altitude_m=altitudes)), orbits=1, record=False
    )
    for k, h in enumerate(altitudes):
        one = orbit_transient(
            size_satellite(design.replace(altitude_m=h)),
            orbits=1,
            steps_per_orbit=many.steps_per_orbit,
            record=False,
        )
        assert float(many.min_state_of_charge[k]) == pytest.approx(
            float(one.min_state_of_charge), rel=1e-12
        )
        assert float(many.min_radiator_temperature_k[k]) == pytest.approx(
            float(one.min_radiator_temperature_k), rel=1e-12
        )


def test_beta_angle_sets_the_eclipse() -> None:
    """β = 0 gives the longest eclipse of the altitude, β*/π of the orbit with
    β* = asin(R/(R + h)) = 65.2° at 650 km: 35.4 min of 97.7; beyond β* none."""
    run = orbit_transient(TODAY, beta_deg=0.0, record=False)
    assert float(run.eclipse_s) / 60 == pytest.approx(35.38, abs=0.01)
    assert float(orbit_transient(TODAY, beta_deg=70.0, record=False).eclipse_s) == 0.0


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"orbits": 0}, "orbits"),
        ({"orbits": float("nan")}, "orbits"),
        ({"eclipse_s": -1.0}, "eclipse_s"),
        ({"eclipse_s": 1e5}, "eclipse_s"),
        ({"heat_capacity_scale": 0.0}, "heat_capacity_scale"),
        ({"steps_per_orbit": 2}, "steps_per_orbit"),
    ],
)
def test_bad_input_names_the_field(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(InputError, match=field):
        orbit_transient(TODAY, **kwargs)  # type: ignore[arg-type]


def test_cli_transient_json(capsys: pytest.CaptureFixture[str]) -> None:
    """``terawatt transient --json`` prints one object with the run's summary."""
    assert main(["transient", "--orbits", "2", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["design"] == "today"
    assert payload["min_state_of_charge"] > payload["state_of_charge_floor"]
    assert payload["max_chip_temperature_k"] < payload["chip_temperature_limit_k"]
    assert payload["energy_balance_error"] < 1e-4
    assert payload["throttled_energy_share"] == pytest.approx(0.0, abs=1e-9)


def test_cli_transient_bad_input_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transient", "--orbits", "-1"]) == 2
    err = capsys.readouterr().err
    assert "--orbits" in err
    assert len(err.strip().splitlines()) == 1


def test_sunlight_computed_ahead_in_blocks_changes_no_bit(monkeypatch: pytest.MonkeyPatch) -> None:
    """The state-free sunlight series, computed a block of steps at a time, gives the same
    run whatever the block size (here blocks of 3 steps of 7 designs against one block)."""
    from terawatt.space import transient  # noqa: PLC0415

    design = preset_design().replace(compute_power_w=np.linspace(5e4, 5e5, 7))
    budget = size_satellite(design)
    whole = orbit_transient(budget, orbits=2.5, beta_deg=20.0)
    monkeypatch.setattr(transient, "_BLOCK_VALUES", 21)
    blocks = orbit_transient(budget, orbits=2.5, beta_deg=20.0)
    for f in dataclasses.fields(whole):
        a, b = getattr(whole, f.name), getattr(blocks, f.name)
        for key in a if isinstance(a, dict) else [None]:
            x, y = (a, b) if key is None else (a[key], b[key])
            assert np.array_equal(x, y, equal_nan=True), (f.name, key)
