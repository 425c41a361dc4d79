"""Numbers the portal computes itself, written the Chinese way: 1.5亿元, 4.2万亩, 1000万元."""

from decimal import ROUND_HALF_UP, Decimal

# Units that are never folded into 万/亿: a rate or a ratio reads as it is (98%, 3倍).
UNFOLDED_UNITS = {"%", "‰", "倍"}

MAGNITUDES = [(Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万")]


def _plain(value: Decimal, places: int) -> str:
    """At most ``places`` decimals, no trailing zeros, no exponent: 1.50 → 1.5, 3E+1 → 30."""
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = format(rounded, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def format_cn_amount(value, unit: str = "", *, places: int = 2) -> str:
    """``Decimal("150000000"), "元"`` → ``"1.5亿元"``; ``42000, "亩"`` → ``"4.2万亩"``; ``98, "%"`` → ``"98%"``.

    Amounts of at least 1万 are written in 万, of at least 1亿 in 亿 (as in 1000万元, 30亿元), rounded to
    ``places`` decimals; units that are rates (%, 倍) are never folded. ``None`` gives an empty string.
    """
    if value is None or value == "":
        return ""
    value = Decimal(str(value))
    if unit not in UNFOLDED_UNITS:
        for size, word in MAGNITUDES:
            if abs(value) >= size:
                folded = _plain(value / size, places)
                # 9999.999万 rounds up to 10000万: say 1亿 instead.
                if word == "万" and abs(Decimal(folded)) >= 10000:
                    return f"{_plain(value / MAGNITUDES[0][0], places)}亿{unit}"
                return f"{folded}{word}{unit}"
    return f"{_plain(value, places)}{unit}"
