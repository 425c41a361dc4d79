"""Numbers the portal computes itself, written the Chinese way (1.5亿元, 4.2万亩, 1000万元) or, in the English
interface, the English way (150 million yuan, 42,000 mu, 10 million yuan)."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .language import interface_is_english

# Units that are never folded into 万/亿: a rate or a ratio reads as it is (98%, 3倍).
UNFOLDED_UNITS = {"%", "‰", "倍"}

# The magnitude words of amounts as staff and articles write them (4.2万, 50亿, 1.2千万).
MAGNITUDE_WORDS = {"万亿": 10**12, "千万": 10**7, "百万": 10**6, "十万": 10**5, "亿": 10**8, "万": 10**4}
# A regular expression's alternation of them, longest first (so 万亿 is not read as 万).
MAGNITUDE_PATTERN = "|".join(sorted(MAGNITUDE_WORDS, key=len, reverse=True))
# Those the portal writes amounts in, largest first.
FOLDED_MAGNITUDES = [(Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万")]


def _plain(value: Decimal, places: int) -> str:
    """At most ``places`` decimals, no trailing zeros, no exponent: 1.50 → 1.5, 3E+1 → 30."""
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = format(rounded, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def plain_number(value) -> str:
    """A number as a file or a form holds it: 42000, 12.5; never 4.2E+4 or 42000.0000."""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def format_exact(value) -> str:
    """A stored number in full, as staff check it: ``Decimal("3000000000.0000")`` → ``"3,000,000,000"``,
    ``Decimal("1.5E+8")`` → ``"150,000,000"``, ``Decimal("0.9850")`` → ``"0.985"``. Equal values read the same."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    text = format(number.normalize(), "f") if number else "0"
    whole, _dot, decimals = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    return f"{sign}{int(whole.lstrip('-')):,}" + (f".{decimals}" if decimals else "")


def format_cn_amount(value, unit: str = "", *, places: int = 2) -> str:
    """``Decimal("150000000"), "元"`` → ``"1.5亿元"``; ``42000, "亩"`` → ``"4.2万亩"``; ``98, "%"`` → ``"98%"``.

    Amounts of at least 1万 are written in 万, of at least 1亿 in 亿 (as in 1000万元, 30亿元), rounded to
    ``places`` decimals; units that are rates (%, 倍) are never folded. ``None`` gives an empty string.
    """
    if value is None or value == "":
        return ""
    value = Decimal(str(value))
    if unit not in UNFOLDED_UNITS:
        for size, word in FOLDED_MAGNITUDES:
            if abs(value) >= size:
                folded = _plain(value / size, places)
                # 9999.999万 rounds up to 10000万: say 1亿 instead.
                if word == "万" and abs(Decimal(folded)) >= 10000:
                    return f"{_plain(value / FOLDED_MAGNITUDES[0][0], places)}亿{unit}"
                return f"{folded}{word}{unit}"
    return f"{_plain(value, places)}{unit}"


# The English interface's names of the base units staff write (see achievements.extraction.CJK_UNITS):
# (one, several). Chinese counters (量词) have no English unit, so each gets a plain noun of its own; units
# that are symbols (%, P, MW) read the same in both languages. A unit not listed here is shown as written.
ENGLISH_UNITS = {
    "元": ("yuan", "yuan"),
    "美元": ("US dollar", "US dollars"),
    "欧元": ("euro", "euros"),
    "港元": ("Hong Kong dollar", "Hong Kong dollars"),
    "亩": ("mu", "mu"),
    "公顷": ("hectare", "hectares"),
    "平方米": ("square metre", "square metres"),
    "平方公里": ("square kilometre", "square kilometres"),
    "平方千米": ("square kilometre", "square kilometres"),
    "公里": ("kilometre", "kilometres"),
    "千米": ("kilometre", "kilometres"),
    "米": ("metre", "metres"),
    "吨": ("tonne", "tonnes"),
    "千克": ("kilogram", "kilograms"),
    "公斤": ("kilogram", "kilograms"),
    "千瓦": ("kilowatt", "kilowatts"),
    "兆瓦": ("megawatt", "megawatts"),
    "吉瓦": ("gigawatt", "gigawatts"),
    "千瓦时": ("kilowatt-hour", "kilowatt-hours"),
    "家": ("organisation", "organisations"),
    "所": ("institution", "institutions"),
    "个": ("unit", "units"),
    "项": ("item", "items"),
    "人": ("person", "people"),
    "名": ("person", "people"),
    "位": ("person", "people"),
    "人次": ("person-time", "person-times"),
    "张": ("sheet", "sheets"),
    "台": ("machine", "machines"),
    "套": ("set", "sets"),
    "件": ("piece", "pieces"),
    "条": ("entry", "entries"),
    "座": ("facility", "facilities"),
    "批": ("batch", "batches"),
    "支": ("team", "teams"),
    "款": ("model", "models"),
    "种": ("kind", "kinds"),
    "类": ("category", "categories"),
    "篇": ("paper", "papers"),
    "辆": ("vehicle", "vehicles"),
    "架": ("aircraft", "aircraft"),
    "艘": ("vessel", "vessels"),
    "株": ("plant", "plants"),
    "户": ("household", "households"),
    "场": ("event", "events"),
    "次": ("occasion", "occasions"),
    "天": ("day", "days"),
    "小时": ("hour", "hours"),
    "个月": ("month", "months"),
    "个百分点": ("percentage point", "percentage points"),
    "倍": ("times", "times"),
    "P": ("PFLOPS", "PFLOPS"),  # "1000P算力": petaflops
}
ENGLISH_MAGNITUDES = [(Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million")]
# How the English interface says a figure's bound (KeyFigure.Bound): 2700余个 → more than 2,700 units.
ENGLISH_BOUNDS = {"at_least": "at least", "at_most": "up to", "approximate": "about"}


def english_unit(unit: str, value=None) -> str:
    """``"家"`` → ``"organisations"`` (``"organisation"`` for exactly 1); a unit without an English name as written."""
    one, several = ENGLISH_UNITS.get(unit, (unit, unit))
    return one if value is not None and Decimal(str(value)) == 1 else several


def format_en_amount(value, unit: str = "", *, places: int = 2) -> str:
    """``Decimal("3000000000"), "元"`` → ``"3 billion yuan"``; ``42000, "亩"`` → ``"42,000 mu"``; ``98, "%"`` → 98%.

    Amounts of at least a million are written in millions, billions or trillions, rounded to ``places`` decimals;
    smaller ones in full with thousands separators. ``None`` gives an empty string.
    """
    if value is None or value == "":
        return ""
    value = Decimal(str(value))
    number = None
    if unit not in UNFOLDED_UNITS:
        rounded = abs(Decimal(_plain(value, places)))
        for index, (size, word) in enumerate(ENGLISH_MAGNITUDES):
            if rounded >= size:
                folded = _plain(value / size, places)
                # 999.999 million rounds up to 1000 million: say 1 billion instead.
                if index and abs(Decimal(folded)) >= 1000:
                    size, word = ENGLISH_MAGNITUDES[index - 1]
                    folded = _plain(value / size, places)
                number = f"{folded} {word}"
                break
    if number is None:
        plain = _plain(value, places)
        whole, _dot, decimals = plain.partition(".")
        number = f"{int(whole):,}" + (f".{decimals}" if decimals else "")
        if whole == "-0":
            number = "-" + number
    if unit in {"%", "‰"}:
        return f"{number}{unit}"
    name = english_unit(unit, value)
    return f"{number} {name}" if name else number


def localized_amount(value, unit: str = "", *, places: int = 2) -> str:
    """A computed amount with its unit in the interface language: 30亿元 in Chinese, 3 billion yuan in English
    (format_cn_amount and format_en_amount write one language whatever the interface)."""
    if interface_is_english():
        return format_en_amount(value, unit, places=places)
    return format_cn_amount(value, unit, places=places)


def unit_label(unit: str) -> str:
    """A unit as a heading names it: 元 in Chinese, yuan in English."""
    return english_unit(unit) if interface_is_english() else unit


def unit_is_untranslated(unit: str) -> bool:
    """Whether the English interface shows this unit in Chinese, for want of an English name."""
    return interface_is_english() and unit not in ENGLISH_UNITS and any("\u3400" <= char <= "\u9fff" for char in unit)


def format_en_figure(value, unit: str, bound: str = "") -> str:
    """A key figure's normalised value read out in English: ``2700, "个", "at_least"`` → ``"at least 2,700 units"``."""
    amount = format_en_amount(value, unit)
    prefix = ENGLISH_BOUNDS.get(bound, "")
    return f"{prefix} {amount}" if prefix and amount else amount
