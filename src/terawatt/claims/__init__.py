"""Each public claim (C1–C12 in the project's mission) as a function returning a Verdict.

``evaluate(["C9"])`` or ``evaluate()`` for all implemented claims. Every claim
function takes its deciding assumptions as keyword arguments, so a reader can ask
"and if China's generation grew at 12 %?" and get a new verdict.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib import import_module

from terawatt.claims.verdict import Assumption, Number, Verdict, verdict_word
from terawatt.errors import InputError

__all__ = ["CLAIMS", "Assumption", "Number", "Verdict", "evaluate", "verdict_word"]

#: Claim id -> "module:function" of its evaluation (imported on demand: some are costly).
CLAIMS: dict[str, str] = {
    "C1": "terawatt.claims.c01_cheapest:evaluate",
    "C2": "terawatt.claims.c02_fastest:evaluate",
    "C3": "terawatt.claims.c03_gigawatts_per_megatonne:evaluate",
    "C4": "terawatt.claims.c04_no_opex:evaluate",
    "C5": "terawatt.claims.c05_latency:evaluate",
    "C6": "terawatt.claims.c06_lunar_terawatts:evaluate",
    "C7": "terawatt.claims.c07_kardashev:evaluate",
    "C8": "terawatt.claims.c08_closed_economy:evaluate",
    "C9": "terawatt.claims.c09_china_generation:evaluate",
    "C10": "terawatt.claims.c10_china_leads:evaluate",
    "C11": "terawatt.claims.c11_us_power_bottleneck:evaluate",
    "C12": "terawatt.claims.c12_orbital_solar:evaluate",
}


def _function(claim_id: str) -> Callable[..., Verdict]:
    module, _, name = CLAIMS[claim_id].partition(":")
    fn: Callable[..., Verdict] = getattr(import_module(module), name)
    return fn


def evaluate(ids: Iterable[str] | None = None, *, seed: int = 0) -> list[Verdict]:
    """Evaluate claims by id (all implemented ones by default), in id order.

    Raises
    ------
    InputError
        For an id that is not implemented.
    """
    wanted = list(CLAIMS) if ids is None else [i.strip().upper() for i in ids]
    for claim_id in wanted:
        if claim_id not in CLAIMS:
            raise InputError("claim", claim_id, f"one of {', '.join(CLAIMS)}")
    return [_function(i)(seed=seed) for i in wanted]
