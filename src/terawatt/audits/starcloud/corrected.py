"""The same 40 MW for 10 years, costed with sized satellites, chips and failures."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from terawatt.audits.starcloud.inputs import (
    DEFAULT_PRESETS,
    assumption,
    correction,
    scalar,
    scaled_budget,
)
from terawatt.data.starcloud import load_starcloud_whitepaper
from terawatt.earth.datacenter import datacenter_design, levelized_cost
from terawatt.parameters.table import central
from terawatt.physics import rocketry
from terawatt.physics.constants import JULIAN_YEAR_S
from terawatt.space.presets import preset_design
from terawatt.validate import non_negative

__all__ = ["FAILURE_REPLACEMENT", "corrected_case"]

#: How the corrected case replaces failed compute: by servicing, the engine's
#: ``orbit.servicing_share`` = 1 (only the failed servers' mass launched, plus
#: ``orbit.servicing_cost`` per W replaced), not by relaunching whole satellites.
FAILURE_REPLACEMENT = "servicing"

#: Default launch-price labels of :func:`corrected_case` -> their ``corrections`` keys.
_DEFAULT_LAUNCH_KEYS = {"falcon-9": "launch_price_falcon9", "starcloud": "launch_price_starcloud"}


def corrected_case(
    launch_prices_usd_per_kg: Mapping[str, float] | None = None,
    *,
    presets: Sequence[str] = DEFAULT_PRESETS,
    failure_rate_per_year: float | None = None,
    energy_price_usd_per_j: float | None = None,
    space_operations_fraction_per_year: float | None = None,
    ground_preset: str | None = None,
    servicing_cost_usd_per_w: float | None = None,
) -> pd.DataFrame:
    r"""The same 40 MW for 10 years, costed with sized satellites, chips and failures.

    Parameters
    ----------
    launch_prices_usd_per_kg : mapping of str to float, optional
        Launch prices to LEO by label [USD/kg]. Default: ``falcon-9`` $2,720/kg (NASA
        Ames, ICES-2018-81) and ``starcloud`` $50/kg ($5M per 100 t).
    presets : sequence of str
        Satellite presets resized to 40 MW of compute and a 10-year life; the ground
        case of each uses the same accelerator, host overhead and prices.
    failure_rate_per_year : float, optional
        Share of the compute that fails and is replaced each year [1/yr]; McCalip's
        9 %/yr by default.
    energy_price_usd_per_j : float, optional
        Ground electricity price [USD/J]; Starcloud's $0.04/kWh by default.
    space_operations_fraction_per_year : float, optional
        Operations and ground segment per year as a share of satellite hardware cost
        [1/yr]; McCalip's 1 %/yr by default.
    ground_preset : str, optional
        Data-centre preset for the ground facility; ``hyperscale-2025`` by default.
    servicing_cost_usd_per_w : float, optional
        Servicing cost per W of failed compute replaced [USD/W]; the central value of
        ``orbit.servicing_cost`` by default (the engine's rule).

    Returns
    -------
    pandas.DataFrame
        Tidy rows: ``side`` (``space``/``ground``), ``preset``, ``launch_case`` (label,
        ``""`` on the ground), ``launch_price_usd_per_kg``, ``item``, ``usd``,
        ``mass_kg`` (launched mass of launch and replacement rows; total launched
        mass on ``total`` rows of space cases), ``area_m2`` (radiator) and ``source``.
        Items of each case sum to its ``total`` row.

    Raises
    ------
    InputError
        For a negative price or rate, or an unknown preset.

    Notes
    -----
    Undiscounted sums over the period :math:`T` (as Table 1), compute load :math:`P`.

    Space: chips :math:`K_c = N p (1 + f_{hc})` and platform
    :math:`K_p = P_\mathrm{BOL} c_W + M c_\mathrm{kg}` (per W of array, per kg) from
    :func:`terawatt.space.satellite.size_satellite`; launch of every subsystem mass at
    :math:`c` per kg; failed compute replaced by servicing (:data:`FAILURE_REPLACEMENT`,
    the engine's rule at ``orbit.servicing_share`` = 1): new servers and their launch
    :math:`r T (K_c + c\,m_\mathrm{compute})`, and the servicer
    :math:`r T P c_\mathrm{servicing}` (``orbit.servicing_cost``; no flown precedent for
    servicing compute); operations
    :math:`f_\mathrm{ops} T K_p`.

    Ground: :func:`terawatt.earth.datacenter.levelized_cost` on ``ground_preset`` with
    the same chips, facility and chip lives :math:`T`, zero discount rate, availability
    equal to the satellite's compute duty (so both deliver the same compute); chips,
    facility capex, energy (IT and PUE overhead), O&M, and replacement
    :math:`r T K_c`. Insurance is costed on neither side.

    References
    ----------
    Starcloud whitepaper v1.03 (2024), Table 1; Jones (2018), ICES-2018-81; McCalip
    space data-centre calculator (static/js/math.js).
    """
    prices = (
        {label: correction(key) for label, key in _DEFAULT_LAUNCH_KEYS.items()}
        if launch_prices_usd_per_kg is None
        else dict(launch_prices_usd_per_kg)
    )
    for label, value in prices.items():
        non_negative(f"launch_prices_usd_per_kg[{label!r}]", value)
    failure = correction("failure_rate") if failure_rate_per_year is None else failure_rate_per_year
    failure = scalar(non_negative("failure_rate_per_year", failure))
    servicing = (
        central("orbit.servicing_cost")
        if servicing_cost_usd_per_w is None
        else servicing_cost_usd_per_w
    )
    servicing = scalar(non_negative("servicing_cost_usd_per_w", servicing))
    ops = (
        correction("space_operations_fraction")
        if space_operations_fraction_per_year is None
        else space_operations_fraction_per_year
    )
    ops = scalar(non_negative("space_operations_fraction_per_year", ops))
    energy = (
        assumption("energy_price") if energy_price_usd_per_j is None else energy_price_usd_per_j
    )
    energy = scalar(non_negative("energy_price_usd_per_j", energy))
    ground_name = (
        str(load_starcloud_whitepaper()["corrections"]["ground_preset"].value)
        if ground_preset is None
        else ground_preset
    )
    p_it, duration = assumption("it_power"), assumption("duration")
    years = duration / JULIAN_YEAR_S
    corrections = load_starcloud_whitepaper()["corrections"]
    rows: list[dict[str, Any]] = []

    def add_case(
        side: str,
        preset: str,
        launch_case: str,
        price: float,
        items: list[tuple[str, float, float, float, str]],
        total_mass_kg: float,
    ) -> None:
        for item, usd, mass, area, source in items:
            rows.append(
                {
                    "side": side,
                    "preset": preset,
                    "launch_case": launch_case,
                    "launch_price_usd_per_kg": price,
                    "item": item,
                    "usd": usd,
                    "mass_kg": mass,
                    "area_m2": area,
                    "source": source,
                }
            )
        rows.append(
            {
                "side": side,
                "preset": preset,
                "launch_case": launch_case,
                "launch_price_usd_per_kg": price,
                "item": "total",
                "usd": sum(i[1] for i in items),
                "mass_kg": total_mass_kg,
                "area_m2": math.nan,
                "source": "sum of the items above",
            }
        )

    nan = math.nan
    for preset in presets:
        design = preset_design(preset)
        b = scaled_budget(preset, p_it, duration)
        m = {k: scalar(v) for k, v in b.mass_breakdown_kg.items()}
        chips = scalar(b.cost_breakdown_usd["accelerators"])
        platform = scalar(b.cost_breakdown_usd["platform"])
        sat = f"satellite preset {preset} at 40 MW compute, 10-year life (size_satellite)"
        groups = {
            "launch: compute": (m["compute"], nan),
            "launch: solar array": (m["solar_array"], nan),
            "launch: radiator": (m["radiator"], scalar(b.radiator_area_m2)),
            "launch: thermal loop and battery": (m["thermal_transport"] + m["battery"], nan),
            "launch: shielding": (m["shielding"], nan),
            "launch: bus and structure": (m["bus"] + m["structure"], nan),
        }
        for label, price in prices.items():
            key = _DEFAULT_LAUNCH_KEYS.get(label, "")
            launch_source = (
                corrections[key].source
                if key and price == corrections[key].model_value
                else f"launch price {label!r} (caller)"
            )
            items: list[tuple[str, float, float, float, str]] = [
                ("chips", chips, nan, nan, f"{sat}: accelerators x price x (1 + host cost)"),
                ("platform", platform, nan, nan, f"{sat}: BOL power x $/W + mass x $/kg"),
            ]
            for item, (mass, area) in groups.items():
                usd = scalar(rocketry.launch_cost_usd(mass, price))
                items.append((item, usd, mass, area, launch_source))
            replaced_kg = failure * years * m["compute"]
            replace_usd = failure * years * chips + scalar(
                rocketry.launch_cost_usd(replaced_kg, price)
            )
            items.append(
                (
                    "replacement of failed compute",
                    replace_usd,
                    replaced_kg,
                    nan,
                    f"{corrections['failure_rate'].source}; replacements launched",
                )
            )
            items.append(
                (
                    "servicing of failed compute",
                    failure * years * p_it * servicing,
                    nan,
                    nan,
                    (
                        "orbit.servicing_cost (estimate: a servicer amortised over the "
                        "server power it swaps; no flown precedent) x the failed compute"
                    ),
                )
            )
            items.append(
                (
                    "operations and ground segment",
                    ops * years * platform,
                    nan,
                    nan,
                    corrections["space_operations_fraction"].source,
                )
            )
            add_case("space", preset, label, price, items, scalar(b.mass_kg) + replaced_kg)

        ground = datacenter_design(ground_name).replace(
            accelerator=design.accelerator,
            precision=design.precision,
            accelerator_price_usd=design.accelerator_price_usd,
            host_overhead=design.host_overhead,
            host_cost_fraction=design.host_cost_fraction,
            utilisation=design.utilisation,
            model_parameters=design.model_parameters,
            it_power_w=p_it,
            availability=scalar(b.compute_duty),
            facility_life_s=duration,
            chip_life_s=duration,
            discount_rate_per_year=0.0,
            energy_price_usd_per_j=energy,
            # McCalip's replacement cost, hardware x rate x years, on the ground too
            failure_rate_per_year=failure,
            spares_overhead=0.0,
        )
        g = levelized_cost(ground)
        crf = scalar(g.capital_recovery_factor_facility_per_year)
        life = {k: scalar(v) / crf for k, v in g.annual_cost_breakdown_usd.items()}
        facility = sum(life[k] for k in ("power", "electrical", "mechanical", "shell", "network"))
        src = f"data-centre preset {ground_name} with {preset}'s chips, 40 MW, 10 years"
        ground_items: list[tuple[str, float, float, float, str]] = [
            ("chips", life["chips"], nan, nan, src),
            ("facility", facility, nan, nan, f"{src}: five capex categories"),
            ("energy: IT", life["energy_it"], nan, nan, f"{src}: energy price x IT energy"),
            (
                "energy: cooling and losses",
                life["energy_overhead"],
                nan,
                nan,
                f"{src}: (PUE - 1) x IT energy",
            ),
            ("operations and maintenance", life["om"], nan, nan, f"{src}: O&M share of capex"),
            (
                "replacement of failed compute",
                life["failures"],
                nan,
                nan,
                corrections["failure_rate"].source,
            ),
        ]
        add_case("ground", preset, "", nan, ground_items, nan)
    return pd.DataFrame(rows)
