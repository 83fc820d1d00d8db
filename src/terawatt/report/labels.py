"""Labels with units for figures, tables and the dashboard, read from the parameter table.

Every scenario parameter is declared once, with its display unit and description, in
the scenario parameter table (:func:`terawatt.parameters.table.load_parameter_table`);
figures and the dashboard label axes and sliders from it, so a unit is never typed twice.
"""

from __future__ import annotations

import math
from functools import cache

from terawatt.parameters.table import Parameter, load_parameter_table

__all__ = [
    "format_number",
    "format_usd",
    "number_label",
    "parameter",
    "parameter_label",
    "pretty_unit",
    "usd_ticks",
]

#: Unit names as pint spells them -> as people read them.
_UNIT_WORDS = (
    ("year_julian", "yr"),
    ("dimensionless", ""),
)


#: Units shown with an SI prefix (17.5 GW rather than 1.75e+10 W).
_PREFIXABLE = ("W", "J", "Wh")
_PREFIXES = ("", "k", "M", "G", "T", "P", "E")


def pretty_unit(unit: str) -> str:
    """A unit as people read it: ``"%/year_julian"`` -> ``"%/yr"``."""
    text = unit
    for word, shown in _UNIT_WORDS:
        text = text.replace(word, shown)
    return text.strip()


@cache
def _table() -> dict[str, Parameter]:
    return load_parameter_table()


def parameter(name: str) -> Parameter | None:
    """The parameter table's entry called ``name`` (None if the table has no such entry)."""
    return _table().get(name)


def parameter_label(name: str, *, with_name: bool = False, short: bool = True) -> str:
    """``"price to low Earth orbit in the start year [USD/kg]"`` for ``launch.initial_cost``.

    Parameters
    ----------
    name : str
        Dotted parameter name.
    with_name : bool, optional
        Append the dotted name in parentheses.
    short : bool, optional
        Cut the description to an axis label (:func:`short_description`); ``False`` keeps
        it whole (the dashboard's sliders wrap long text).

    Returns
    -------
    str
        The description with the display unit; the name itself for an unknown parameter.
    """
    param = parameter(name)
    if param is None:
        return name
    unit = pretty_unit(param.display_unit) if param.kind == "quantity" else ""
    description = short_description(param.description) if short else param.description
    text = description + (f" [{unit}]" if unit else "")
    return f"{text} ({name})" if with_name else text


#: Longest label a figure's axis gets (characters); longer descriptions are cut.
LABEL_CHARS = 70


def short_description(text: str, limit: int = LABEL_CHARS) -> str:
    """A description short enough for an axis label: up to its first clause, then cut.

    The parameter table's descriptions say what an input is and, after a ";" or ":",
    how it is used; a label keeps the first part and ends with "…" past ``limit``.
    """
    for mark in ("; ", ": "):
        head = text.split(mark, 1)[0]
        if len(head) >= 20:
            text = head
            break
    if len(text) > limit:
        text = text[: limit - 1].rstrip(" ,") + "…"
    if text.count("(") > text.count(")"):  # a parenthesis cut open: drop it
        text = text[: text.rfind("(")].rstrip(" ,")
    return text


#: Large numbers in words (a reader sees "18.6 million kg/yr", not "1.86e+07 kg/yr").
_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
#: Money in short scale: $1k, $2.5M, $1B, $3T.
_MONEY = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k"))


def _digits(value: float, significant: int = 3) -> str:
    """``value`` to ``significant`` digits in plain decimals, thousands separated."""
    magnitude = abs(value)
    if magnitude == 0.0:
        return "0"
    digits = max(0, significant - 1 - math.floor(math.log10(magnitude)))
    text = f"{value:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _prefixable(unit: str) -> bool:
    """Whether the unit's first symbol takes an SI prefix (W, W/yr, Wh, J, bit/s)."""
    head = unit.split("/", 1)[0]
    return head in _PREFIXABLE or head == "bit"


def format_usd(value: float | None, *, significant: int = 3) -> str:
    """Dollars as people read them: ``$0.019``, ``$250``, ``$1k``, ``$2.5M``, ``$16.8B``.

    Used for dollar amounts in the report's tables and for the tick labels of every dollar
    axis (both renderers), so an axis never reads ``10µ``.
    """
    if value is None or not math.isfinite(float(value)):
        return "n/a"
    value = float(value)
    sign, magnitude = ("-" if value < 0 else ""), abs(value)
    for size, letter in _MONEY:
        if magnitude >= size:
            return f"{sign}${_digits(magnitude / size, significant)}{letter}"
    if 0.0 < magnitude < 1e-9:
        return f"{sign}${magnitude:.{significant}g}"
    return f"{sign}${_digits(magnitude, significant)}"


def usd_ticks(low: float, high: float, *, log: bool) -> list[float]:
    """Tick positions for a dollar axis spanning ``low`` to ``high``.

    A log axis gets every power of ten in the range (and 2 and 5 times it where the range
    spans two decades or less); a linear axis 4 to 10 steps of 1, 2 or 5 times a power of
    ten. Labels come from :func:`format_usd`.
    """
    if log:
        low, high = max(low, 1e-12), max(high, 1e-12)
        first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
        steps = (1.0, 2.0, 5.0) if last - first <= 2 else (1.0,)
        ticks = [m * 10.0**e for e in range(first, last + 1) for m in steps]
        inside = [t for t in ticks if low <= t * (1 + 1e-9) and t <= high * (1 + 1e-9)]
        if len(inside) >= 2:
            return inside
        return usd_ticks(low, high, log=False)
    low, high = min(low, high), max(low, high)
    span = high - low if high > low else abs(high) or 1.0
    raw = span / 6
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1.0, 2.0, 5.0, 10.0) if m * power >= raw)
    start = math.floor(low / step) * step
    count = math.ceil((high - start) / step)
    return [round(start + i * step, 12) for i in range(count + 1)]


def format_number(value: float | None, unit: str = "") -> str:
    """A number for people: three significant digits, thousands separated, unit appended.

    ``None`` and NaN read "n/a" (a year that never comes, a quantity that does not exist).
    Dollars read ``$0.0163``, ``$2,000/kg``, ``$16.8 billion/yr``; watts, joules and bits
    take an SI prefix (17.5 GW, 9.05 Mbit/s); other numbers of a million or more are
    written in words (18.6 million kg/yr); a rate ``1/yr`` reads ``/yr``.
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "n/a"
    unit = pretty_unit(unit)
    value = float(value)
    if unit == "USD" or unit.startswith("USD/"):
        rest = unit[3:]
        if abs(value) >= 1e6:
            text = format_number(abs(value))
            return f"{'-' if value < 0 else ''}${text}{rest}"
        return f"{'-' if value < 0 else ''}${_digits(abs(value))}{rest}"
    if _prefixable(unit) and abs(value) >= 1e3:
        exponent = min(int(math.log10(abs(value)) // 3), len(_PREFIXES) - 1)
        value, unit = value / 10 ** (3 * exponent), _PREFIXES[exponent] + unit
    suffix = unit[1:] if unit.startswith("1/") else "" if unit in ("", "1") else f" {unit}"
    if unit in ("yr", "year") and value.is_integer() and 1000 <= abs(value) <= 3000:
        return f"{int(value)}"  # a calendar year
    magnitude = abs(value)
    if 1e-3 <= magnitude < 1e6 or magnitude == 0.0:
        text = _digits(value)
    elif 1e6 <= magnitude < 1e15:
        size, word = next((s, w) for s, w in _WORDS if magnitude >= s)
        text = f"{_digits(value / size)} {word}"
    else:
        text = f"{value:.3g}"
    return text + suffix


#: Words of a key number's name as people read them (the rest are kept, "_" -> " ").
_NAME_WORDS = {
    "p50": "median",
    "p5": "5th percentile",
    "p10": "10th percentile",
    "p90": "90th percentile",
    "p95": "95th percentile",
    "mtok": "million tokens",
    "usd": "USD",
    "gw": "GW",
    "tw": "TW",
    "mw": "MW",
    "kg": "kg",
    "ai": "AI",
    "us": "US",
    "dc": "data centre",
    "china": "China",
    "ka": "Ka",
    "geo": "GEO",
    "opex": "operating cost",
    "sim": "simulated",
    "k": "K",
    "p": "P",
    "w": "W",
    "ii": "II",
}
#: Unit symbols a name may end with; the value shows the unit, so the label drops them.
_UNIT_TAILS = frozenset({"s", "m", "w", "kg", "m2", "usd", "gw"})
_QUALIFIERS = frozenset({"p5", "p10", "p50", "p90", "p95"})


def number_label(name: str) -> str:
    """A key number's name in words, for the report's tables.

    ``ground_cost_per_mtok_2029`` -> ``"ground cost per million tokens in 2029"``,
    ``gw_per_year_p50`` -> ``"GW per year, median"``, ``flip_launch_price_2029`` ->
    ``"where it flips: launch price in 2029"``.
    The report shows this label with the number's value, unit and description; the
    name itself stays in the page as a data attribute, for search and tests.
    """
    tokens = [t for t in name.split("_") if t]
    qualifier = ""
    if tokens and tokens[-1] in _QUALIFIERS and len(tokens) > 1:
        qualifier = _NAME_WORDS[tokens.pop()]
    if len(tokens) > 1 and tokens[-1] in _UNIT_TAILS and tokens[-2] != "per":
        tokens.pop()
    flip = len(tokens) > 1 and tokens[0] == "flip"
    if flip:
        tokens = tokens[1:]
    words: list[str] = []
    for token in tokens:
        if token.isdigit() and len(token) == 4:
            words.append(token if words and words[-1] in ("by", "in") else f"in {token}")
        else:
            words.append(_NAME_WORDS.get(token, token))
    text = " ".join(words)
    if flip:
        text = f"where it flips: {text}"
    if qualifier:
        text = f"{text}, {qualifier}"
    return text
