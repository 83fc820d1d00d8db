"""Every inconsistency, omission and check in Starcloud's Table 1, with the numbers."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from terawatt.audits.starcloud.corrected import FAILURE_REPLACEMENT
from terawatt.audits.starcloud.inputs import (
    array_power_w,
    assumption,
    chips_for_it_power,
    correction,
    duration_years,
    launch_price_usd_per_kg,
    radiator_flux_w_per_m2,
    scalar,
    scaled_budget,
)
from terawatt.audits.starcloud.table1 import implied_mass_rows, table1_rows
from terawatt.data.starcloud import load_starcloud_whitepaper
from terawatt.parameters.table import central
from terawatt.physics import rocketry, solar, thermal

__all__ = ["flags"]


def flags() -> pd.DataFrame:
    """Every inconsistency, omission and check in Starcloud's Table 1, with numbers.

    Returns
    -------
    pandas.DataFrame
        Columns ``flag``, ``side``, ``their_value``, ``model_value``, ``unit`` (SI),
        ``status`` (``inconsistent``, ``omitted``, ``reproduced``) and ``note``. An
        omitted item has ``their_value`` 0.
    """
    table = {(str(r["side"]), str(r["item"])): r for r in table1_rows()}
    years = duration_years()
    rows: list[dict[str, Any]] = []

    def add(
        flag: str, side: str, their: float, model: float, unit: str, status: str, note: str
    ) -> None:
        rows.append(
            {
                "flag": flag,
                "side": side,
                "their_value": their,
                "model_value": model,
                "unit": unit,
                "status": status,
                "note": note,
            }
        )

    price = launch_price_usd_per_kg()
    add(
        "launch price per kg",
        "space",
        assumption("launch_price_per_kg_stated"),
        price,
        "USD/kg",
        "inconsistent",
        f"$5M / 100 t = ${price:.0f}/kg, not '≈ $30/kg' "
        f"({assumption('launch_price_per_kg_stated') / price - 1:+.0%})",
    )
    shielding = table[("space", "shielding")]
    add(
        "shielding priced at $30/kg",
        "space",
        float(shielding["their_usd"]),
        float(shielding["model_usd"]),
        "USD",
        "inconsistent",
        "40 t x $30/kg = $1.2M; at their own $5M / 100 t it is $2.0M -- and the 40 t is "
        "either inside the one launch (then paid twice) or beyond it",
    )
    array = table[("space", "solar_array")]
    array_w, _ = array_power_w()
    add(
        "solar array cost",
        "space",
        float(array["their_usd"]),
        float(array["model_usd"]),
        "USD",
        "inconsistent",
        str(array["note"]),
    )
    add(
        "solar array power behind $2M",
        "space",
        float(array["their_usd"]) / assumption("cell_price"),
        array_w,
        "W",
        "inconsistent",
        "the array $2M buys at $0.03/W, against the array their capacity factor and "
        "degradation size (40 MW / 0.95 / 0.9985^10)",
    )
    masses = {
        (str(r["basis"]), str(r["preset"]), str(r["component"])): float(r["mass_kg"])
        for r in implied_mass_rows()
    }
    for basis, preset in [
        ("line items", "aggressive-100wpkg"),
        ("line items", "today"),
        ("satellite", "aggressive-100wpkg"),
        ("satellite", "today"),
    ]:
        m = masses[(basis, preset, "total")]
        n_launches = scalar(rocketry.launches_needed(m, assumption("launch_payload")))
        add(
            f"launched mass ({basis}, {preset})",
            "space",
            assumption("launch_payload") * assumption("launches"),
            m,
            "kg",
            "inconsistent",
            f"{m / 1e3:,.0f} t = "
            f"{n_launches:.0f} launches of 100 t; "
            f"shielding alone is {masses[(basis, preset, 'shielding')] / 1e3:.0f} t",
        )
    for side, item, label in [
        ("terrestrial", "energy", "energy over 10 years"),
        ("terrestrial", "cooling", "cooling as 5 % of energy"),
        ("terrestrial", "total", "terrestrial total"),
    ]:
        r = table[(side, item)]
        add(
            label,
            side,
            float(r["their_usd"]),
            float(r["model_usd"]),
            "USD",
            str(r["status"]),
            str(r["formula"]),
        )
    water = table[("terrestrial", "water")]
    add(
        "water over 10 years",
        "terrestrial",
        float(water["their_quantity"]),
        float(water["model_quantity"]),
        "kg",
        str(water["status"]),
        str(water["note"]),
    )
    flux = radiator_flux_w_per_m2()
    kirchhoff = radiator_flux_w_per_m2(kirchhoff=True)
    add(
        "radiator net flux",
        "space",
        assumption("radiator_net_flux"),
        kirchhoff,
        "W/m^2",
        "inconsistent",
        f"their assumptions give {flux:.2f} W/m² (CODATA σ); Earth infrared absorbed with "
        f"α = ε = 0.92 (Kirchhoff) instead of 0.09 gives {kirchhoff:.2f}: "
        f"{assumption('radiator_net_flux') / kirchhoff - 1:+.1%} radiator area",
    )
    side_m = math.sqrt(
        scalar(
            solar.array_area_m2(
                assumption("large_cluster_power"),
                assumption("cell_efficiency"),
                packing_factor=assumption("fill_factor"),
                irradiance_w_per_m2=assumption("radiator_solar_flux"),
            )
        )
    )
    add(
        "5 GW array side",
        "space",
        assumption("large_array_side"),
        side_m,
        "m",
        "reproduced",
        f"5 GW / (1366 W/m² x 0.22 x 0.9) = a square {side_m / 1e3:.2f} km on a side, "
        "'~4 km' at beginning of life and full sun",
    )
    sunlit = scalar(
        scaled_budget(
            "aggressive-100wpkg", assumption("it_power"), assumption("duration")
        ).sunlit_fraction
    )
    add(
        "capacity factor in orbit",
        "space",
        assumption("space_capacity_factor"),
        sunlit,
        "",
        "reproduced",
        "annual sunlit fraction of a 650 km dawn-dusk SSO in 2026 (terawatt.physics.sunlight): "
        "> 0.95 holds for a dawn-dusk orbit; a 550 km orbit with the Sun in its plane is "
        "in shadow 37 % of each orbit",
    )
    n_chips, chips_usd, chip = chips_for_it_power("today")
    ground_total = load_starcloud_whitepaper()["terrestrial"]["total"].model_value
    space_total = load_starcloud_whitepaper()["space"]["total"].model_value
    add(
        "chips omitted (both sides)",
        "both",
        0.0,
        chips_usd,
        "USD",
        "omitted",
        f"{n_chips:,.0f} x {chip.name} ({chip.tdp_w:.0f} W, DGX H100 host overhead 0.82) "
        f"at Epoch AI's ${chip.price_usd:,.0f} = ${chips_usd / 1e9:.2f}B: "
        f"{chips_usd / ground_total:.1f}x the terrestrial total and "
        f"{chips_usd / space_total:.0f}x the space total",
    )
    failure = correction("failure_rate")
    add(
        "replacement of failed chips omitted",
        "space",
        0.0,
        failure * years * chips_usd,
        "USD",
        "omitted",
        f"{failure:.0%}/yr x {years:.0f} yr x ${chips_usd / 1e9:.2f}B (McCalip's rate), "
        "before launching the replacements. The corrected case replaces them by "
        f"{FAILURE_REPLACEMENT} (only the failed servers launched, plus "
        f"${central('orbit.servicing_cost'):.0f}/W of orbit.servicing_cost, the engine's "
        "rule at orbit.servicing_share = 1; no flown precedent), not by relaunching whole "
        "satellites",
    )
    radiator_m2 = scalar(thermal.radiator_area_m2(assumption("it_power"), flux))
    add(
        "radiator omitted",
        "space",
        0.0,
        radiator_m2,
        "m^2",
        "omitted",
        f"40 MW at their {flux:.0f} W/m² needs {radiator_m2:,.0f} m²: "
        f"{radiator_m2 * 2 / 1e3:.0f}-{radiator_m2 * 10 / 1e3:.0f} t at 2-10 kg/m², "
        "neither its hardware nor its launch is costed",
    )
    lo, hi = (
        masses[("satellite", preset, "bus")] + masses[("satellite", preset, "structure")]
        for preset in ("aggressive-100wpkg", "today")
    )
    add(
        "bus and structure omitted",
        "space",
        0.0,
        lo,
        "kg",
        "omitted",
        f"bus and structure of the resized presets: {lo / 1e3:.0f} t (aggressive) to "
        f"{hi / 1e3:,.0f} t (today), neither built nor launched in Table 1",
    )
    add(
        "ground stations and insurance omitted",
        "space",
        0.0,
        math.nan,
        "USD",
        "omitted",
        "no figure in the whitepaper; the corrected case costs operations and ground "
        "segment at 1 %/yr of satellite hardware (McCalip) and leaves insurance out",
    )
    return pd.DataFrame(rows)
