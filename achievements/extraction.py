"""Proposes the key figures of a Chinese news text ("4.2万亩" → 42000 亩) for staff to review.

Plain Python on purpose: it runs without Django, a database or a model, so the same code serves the
`extract_figures` command, an admin action and tests. It proposes; staff decide what becomes a KeyFigure.
"""

import bisect
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from presentation.numbers import MAGNITUDE_PATTERN, MAGNITUDE_WORDS, plain_number

from .kinds import proposed_kind

# Mirror KeyFigure.Bound and DatePrecision as plain strings so this module needs no app registry.
EXACT, AT_LEAST, AT_MOST, APPROXIMATE = "exact", "at_least", "at_most", "approximate"
YEAR, MONTH, DAY = "year", "month", "day"


@dataclass(frozen=True)
class ProposedFigure:
    text: str  # as written in the file, e.g. "2700余个", "超千万元", "30%以上"
    value: Decimal  # in the base unit: 50亿元 → 5000000000
    unit: str  # what remains once the magnitude is folded in: 元, 亩, 家, %, P
    qualifier: str = ""  # the word that changes the meaning: 余, 超过, 最高, 近, 预计, 累计, 达 …
    bound: str = EXACT
    is_target: bool = False  # 预计 / 计划 / 将: a goal, not something achieved
    label: str = ""  # what it counts, from the words around it
    subject: str = ""  # who it belongs to, when the sentence names it (a district, a company, a park)
    start: int = 0  # offsets in the original text, so text == original[start:end] minus line breaks
    end: int = 0
    context: str = ""  # the sentence, line breaks of the layout removed
    as_of_text: str = ""  # the date phrase the figure hangs on: "截至今年7月", "到2028年"
    as_of: date | None = None  # None when the year is relative (今年) and no reference year was given
    as_of_precision: str = ""
    upper: Decimal | None = None  # the top of a range: 10—20亿元 is value 1000000000, upper 2000000000
    kind: str = ""  # stock, flow, rate, ceiling, rank or "": achievements.kinds.proposed_kind

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "value": plain_number(self.value),
            "unit": self.unit,
            "qualifier": self.qualifier,
            "bound": self.bound,
            "is_target": self.is_target,
            "label": self.label,
            "subject": self.subject,
            "start": self.start,
            "end": self.end,
            "as_of_text": self.as_of_text,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "as_of_precision": self.as_of_precision,
            "upper": plain_number(self.upper) if self.upper is not None else None,
            "kind": self.kind,
            "context": self.context,
        }


# --- Vocabulary ---------------------------------------------------------------------------------


# Measure words that make a number a quantity. Deliberately absent: 年/月/日/号 (dates), 期/届 (phase
# and edition names), 部/门/处/片 (too often part of words such as 三部门).
CJK_UNITS = (
    "台（套）", "台(套)", "个工作日", "个百分点", "家次", "项次", "场次", "批次", "台套", "平方公里", "平方千米",
    "平方米", "千瓦时", "人次", "个月", "小时", "公顷", "公里", "千米",
    "千瓦", "兆瓦", "吉瓦", "千克", "公斤", "美元", "欧元", "港元", "元", "亩", "家", "所", "个", "项", "人",
    "名", "位", "张", "台", "套", "件", "条", "座", "批", "支", "款", "种", "类", "篇", "辆", "架", "艘", "株",
    "户", "场", "次", "吨", "米", "天", "倍",
)  # fmt: skip
# Computing power and storage; "P" alone is petaflops, as in "1000P算力".
LATIN_UNITS = ("EFLOPS", "PFLOPS", "PB", "EB", "TB", "GB", "MW", "GW", "kW", "P")


def _alternation(words) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


UNIT = rf"{_alternation(CJK_UNITS)}|%|(?:{_alternation(LATIN_UNITS)})(?![A-Za-z])"
CHINESE_DIGITS = dict(zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}

# Some layouts put a space between the number and its unit: 286.61 亿元, 105 家.
SPACE = r"[ \u3000]?"
FIGURE = re.compile(
    r"(?:(?P<half>一半|半数|(?<!超)过半)"
    # Digits glued to letters or to + - × / ~ are codes, models or ranges: 5G, G107, 5+4, 1+7+N.
    r"|(?:(?<![\d.A-Za-z+\-×*/~～])(?P<arabic>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"(?P<approx_before>余|多)?(?:{SPACE}(?P<magnitude>{MAGNITUDE_PATTERN}))?{SPACE}"
    r"|(?P<chinese>[零〇一二两三四五六七八九十百千万亿]+))"
    rf"(?P<approx>余|多)?(?P<unit>{UNIT}))"
    r"(?P<suffix>以上|以下|以内|左右)?"
)
UNIT_SPELLINGS = {"台(套)": "台（套）", "台套": "台（套）"}
# 3至5年, 10—20亿元, 5～8个: one figure, from the low end (at least) with the top kept as `upper`. A range
# may count years (3至5年) where a single 5年 is too often a date or a plan's name to be a figure.
RANGE_NUMBER = r"\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+"
RANGE = re.compile(
    rf"(?<![\d.A-Za-z+\-×*/~～])(?P<low>{RANGE_NUMBER})(?P<low_magnitude>{MAGNITUDE_PATTERN})?(?P<low_unit>{UNIT})?"
    rf"{SPACE}(?P<separator>至|到|——|—|－|-|~|～){SPACE}"
    rf"(?P<high>{RANGE_NUMBER}){SPACE}(?P<magnitude>{MAGNITUDE_PATTERN})?{SPACE}(?P<unit>{UNIT}|年(?![底初末度]))"
)
# 排名第3, 位居全省第一: a place in a list is a figure (a rank); 第三届, 第二批 are names.
RANK = re.compile(
    r"(?:排名|排在|位居|位列|名列|居于|居)[\u4e00-\u9fff]{0,8}?"
    r"(?P<text>第(?P<number>\d+|[一二三四五六七八九十]+)(?P<unit>位|名)?)(?![批届期次轮季年个家项\d])"
)

# Words right before the number, longest first so 超过 wins over 超.
PREFIX_BOUNDS = {
    "超过": AT_LEAST, "超出": AT_LEAST, "突破": AT_LEAST, "至少": AT_LEAST, "不少于": AT_LEAST,
    "不低于": AT_LEAST, "逾": AT_LEAST, "超": AT_LEAST,
    "最高": AT_MOST, "最多": AT_MOST, "不超过": AT_MOST, "不足": AT_MOST, "不到": AT_MOST,
    "将近": APPROXIMATE, "接近": APPROXIMATE, "大约": APPROXIMATE, "近": APPROXIMATE, "约": APPROXIMATE,
    "高达": EXACT, "达到": EXACT, "达": EXACT, "共计": EXACT, "总计": EXACT, "合计": EXACT, "共": EXACT,
}  # fmt: skip
PREFIX = re.compile(rf"(?:{_alternation(PREFIX_BOUNDS)})$")
SUFFIX_BOUNDS = {
    "余": AT_LEAST,
    "多": AT_LEAST,
    "以上": AT_LEAST,
    "以下": AT_MOST,
    "以内": AT_MOST,
    "左右": APPROXIMATE,
    "过": AT_LEAST,  # 过半
}
# Two-character words whose second character only looks like a qualifier: 签约205家 is not "about 205".
NOT_QUALIFIERS = {
    "签约", "节约", "制约", "预约", "合约", "履约", "集约", "违约", "邀约", "特约", "最近", "附近", "临近",
    "靠近", "赶超", "高超", "送达", "下达", "传达", "抵达", "表达", "发达", "到达", "公共",
}  # fmt: skip
# Bare 百/千/万 is a number only when a qualifier says so (超千万元, 近百家); otherwise 千家万户.
BARE_MAGNITUDE_PREFIXES = {"超过", "超", "逾", "近", "将近", "突破", "达", "高达"}

# 计划 is also a programme's name (科技计划, 人才计划): then it marks no target.
PLAN_NAMES = re.compile(r"(?:科技|人才|引才|专项|行动|研发|培育|重点|国家级|省级|市级)计划")
STRONG_TARGET_WORDS = ("预计", "计划", "力争", "有望")  # reach over commas within a sentence
ACHIEVED_WORDS = ("已", "截至", "截止", "目前", "累计")  # an achieved clause ends a target's reach

# Rhetorical and political set phrases that contain a numeral and a measure word.
IDIOMS = (
    "七年磨一剑", "十年磨一剑", "千家万户", "千方百计", "百家争鸣", "万人空巷", "千军万马", "四个全面",
    "四个意识", "四个自信", "两个确立", "两个维护", "三个务必", "两个毫不动摇",
)  # fmt: skip

DATE = re.compile(
    r"(?P<relation>截至|截止|到|至)?"
    r"(?:"
    r"(?:(?<![\d.])(?P<year>(?:19|20)\d{2})年|(?P<relative>今|去|明)年(?!同期))"
    r"(?:(?P<month>1[0-2]|0?[1-9])月(?:(?P<day>3[01]|[12]\d|0?[1-9])[日号])?|年底|年初|底|初)?"
    r"|(?<![\d.])(?P<month_only>1[0-2]|0?[1-9])月(?:(?P<day_only>3[01]|[12]\d|0?[1-9])[日号]|底|初)?"
    r")"
)
RELATIVE_YEARS = {"今": 0, "去": -1, "明": 1}

SENTENCE = re.compile(r"[^。！？!?；;\n…]+")  # a sentence, or one half of a ；-joined pair
CLAUSE_BREAKS = "，,：:"
LABEL_STOPS = "，,：:（()）"  # not 、: "3个高产、抗逆甘蓝新品种" lists adjectives of one noun
# After the measure word, these start a predicate, not the name of what is counted (3亿元建设…).
PREDICATE_STARTS = (
    "建设", "用于", "实现", "建成", "投入", "支持", "扶持", "来自", "在", "为", "用", "以", "于", "是", "已", "将",
    "均",
)  # fmt: skip
# Before the number, the counted thing follows these verbs: 柔性引进专家教授35人 → 专家教授.
LEADING_VERBS = (
    "引进", "引入", "吸引", "成立", "设立", "组建", "输送", "完成", "带动", "部署", "构建", "新增", "培育",
    "认定", "获批", "获得", "建成", "举办", "开展", "实施", "申请", "授权", "拥有", "发放", "提供", "推出",
    "选育", "培育出", "另设", "安排", "签约", "共有", "建有",
)  # fmt: skip
HOLDING_VERBS = ("拥有", "共有", "建有")  # say only that the count exists: dropped from the label
LABEL_FILLERS = (
    "我们", "我市", "全市", "全县", "全区", "很多", "已经", "已", "还", "并", "也", "共", "为", "其中", "同步",
    "累计", "预计", "计划", "力争", "有望", "今年", "目前", "将", "达到", "达", "是", "约",
    "分别",
)  # fmt: skip
# 同比 stays in the label (it says what the rate compares); 比去年同期 is dropped as wordy.
COMPARISON = re.compile(r"(?:比|较)(?:去年|上年|上一年)(?:同期)?")
# A label of only these names no quantity ("增长"): it borrows the noun of the figure before it.
BARE_MEASURES = {
    "增长", "同比增长", "环比增长", "增加", "提高", "提升", "下降", "减少", "增速", "增幅", "占比", "比重", "达",
    "突破", "超过", "为", "",
}  # fmt: skip
# 由2018年的598小时提升至947小时: the earlier value with its year, then the later one.
FROM_BEFORE = re.compile(r"(?P<word>由|从)(?P<date>(?:19|20)\d{2}年(?:底|末)?|今年|去年|上年(?:底|末)?|过去|原来)?的?$")
TO_BETWEEN = re.compile(r"(?P<verb>[\u4e00-\u9fff]{0,4}?(?:至|到))(?:(?:19|20)\d{2}年(?:底|末)?|今年|去年|上年)?的?")
LIST_BETWEEN = re.compile(rf"[、，,]?(?:和|及|与|以及)?(?:{_alternation(PREFIX_BOUNDS)})?")
LABEL_LENGTH = 20
# A name ending in an organisation or place word; 市场 and 区域 are not places.
SUBJECT = re.compile(
    r"[\u4e00-\u9fff()（）]{1,20}?(?:有限公司|公司|科创园|产业园|科技园|中心|高新区|开发区|[市县区](?![场民内域级委]))"
)
NAMED_AFTER = re.compile(r"的“(?P<quoted>[^”]{2,30})”(?P<kind>[\u4e00-\u9fff]{0,6}?(?:基金|中心|平台|园区|项目)|)")
SUBJECT_NOISE = re.compile(r"^(?:[“”‘’\"]|与此同时|同时|此外|另外|目前|今年|去年|据介绍|其中|在)+")
QUOTES = "“”‘’\"'"

# Working copy of the text: full-width digits and signs read as ASCII, one character for one.
FULL_WIDTH = str.maketrans("０１２３４５６７８９％．＋", "0123456789%.+")


# --- Layout -------------------------------------------------------------------------------------

LINE_BREAK = re.compile(r"[ \t\u3000\r]*\n\s*")


def _is_word_char(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or char.isalnum()


def _is_column_break(text: str, break_start: int, break_end: int) -> bool:
    """A newspaper column or page break inside a sentence: 湖北咸宁高新⏎⏎产业区域母基金."""
    if break_start == 0 or break_end >= len(text):
        return False
    left, right = text[break_start - 1], text[break_end]
    if left.isdigit() and right.isdigit():
        return False  # two numbers on two lines; joining them would invent a third
    if not (_is_word_char(left) or left in "“‘（(《") or not (_is_word_char(right) or right in "”’）)》—%"):
        return False
    line = text[text.rfind("\n", 0, break_start) + 1 : break_start]
    # Titles, bylines and section headers (新格局 ◀ …) end without punctuation too, but are marked,
    # short or spaced; a broken body line is long or punctuated, or its sentence ends on the next line.
    if "◀" in line:
        return False
    if not left.isdigit() and FIGURE.match(text, break_end) and not DATE.match(text, break_end):
        return True  # 全市新增科技型中小企业⏎105家: the figure of the line before
    if len(line.strip()) >= 20 or any(mark in line for mark in "，,。、；;：“”"):
        return True
    next_line = text[break_end:].split("\n", 1)[0].rstrip()
    return not re.search(r"[ \u3000]", line.strip()) and next_line.endswith(("。", "！", "？", "…", "”"))


def join_broken_lines(text: str) -> tuple[str, list[int]]:
    """The text without layout line breaks, and for each of its characters the offset in `text`."""
    joined, offsets, position = [], [], 0
    for match in LINE_BREAK.finditer(text):
        keep_until = match.start() if _is_column_break(text, match.start(), match.end()) else match.end()
        joined.append(text[position:keep_until])
        offsets.extend(range(position, keep_until))
        position = match.end()
    joined.append(text[position:])
    offsets.extend(range(position, len(text)))
    return "".join(joined), offsets


# --- Numbers and dates --------------------------------------------------------------------------


def chinese_number(numeral: str) -> int:
    """三 → 3, 十二 → 12, 千万 → 10000000, 一亿五千万 → 150000000."""
    total = section = below_ten_thousand = digit = 0
    for char in numeral:
        if char in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[char]
        elif char in CHINESE_UNITS:
            below_ten_thousand += (digit or 1) * CHINESE_UNITS[char]
            digit = 0
        elif char == "万":
            section += (below_ten_thousand + digit or 1) * 10**4
            below_ten_thousand = digit = 0
        elif char == "亿":
            total += (section + below_ten_thousand + digit or 1) * 10**8
            section = below_ten_thousand = digit = 0
    return total + section + below_ten_thousand + digit


def _clean_decimal(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


@dataclass(frozen=True)
class _DateMention:
    start: int
    end: int
    relation: str
    when: date | None
    precision: str


def _find_dates(working: str, reference_year: int | None) -> list[_DateMention]:
    mentions = []
    for match in DATE.finditer(working):
        if match.group("relative") and working[match.start() - 1 : match.start()] in ("比", "较", "同"):
            continue  # 比去年 is a comparison, not a date
        year = match.group("year")
        if year:
            year = int(year)
        elif match.group("relative") and reference_year:
            year = reference_year + RELATIVE_YEARS[match.group("relative")]
        elif match.group("month_only"):
            year = reference_year  # 10月25日 in a yearly review is a date of that year
        month = match.group("month") or match.group("month_only")
        day = match.group("day") or match.group("day_only")
        precision = DAY if day else MONTH if month else YEAR
        when = date(year, int(month or 1), int(day or 1)) if year else None
        mentions.append(_DateMention(match.start(), match.end(), match.group("relation") or "", when, precision))
    return mentions


# --- Words around a figure ----------------------------------------------------------------------


def _prefix_qualifier(working: str, start: int, floor: int) -> str:
    match = PREFIX.search(working[max(floor, start - 3) : start])
    if not match:
        return ""
    word = match.group()
    if len(word) == 1 and working[start - 2 : start] in NOT_QUALIFIERS:
        return ""
    return word


def _qualifier(prefix: str, suffix: str | None, target_word: str, clause_before: str) -> tuple[str, str]:
    """The one word staff should see beside the number, and the bound it implies.

    A word that bounds the value (超过, 余, 最高, 近) matters most, then a target word (预计),
    then words that only stress it (达, 累计).
    """
    if PREFIX_BOUNDS.get(prefix, EXACT) != EXACT:
        return prefix, PREFIX_BOUNDS[prefix]
    if suffix:
        return suffix, SUFFIX_BOUNDS[suffix]
    return target_word or prefix or ("累计" if "累计" in clause_before else ""), EXACT


def _target_word(sentence_before: str) -> str:
    """预计 / 计划 … earlier in the sentence, or 将 in the figure's own clause; "" if achieved."""
    clauses = re.split(f"[{CLAUSE_BREAKS}]", PLAN_NAMES.sub("", sentence_before))
    for index, clause in enumerate(reversed(clauses)):
        for word in STRONG_TARGET_WORDS:
            if word in clause:
                return word
        # 将 is also "to put" (将3个项目纳入); it marks a target only before a verb, in its own clause.
        if index == 0 and re.search(r"将(?=[^近\d零〇一二两三四五六七八九十百千万])", clause):
            return "将"
        if any(word in clause for word in ACHIEVED_WORDS):
            return ""
    return ""


def _strip_words(text: str, words) -> str:
    changed = True
    while changed and text:
        changed = False
        for word in words:
            if text.startswith(word):
                text, changed = text[len(word) :], True
            if text.endswith(word):
                text, changed = text[: -len(word)], True
    return text


def _label_before(text: str) -> str:
    text = COMPARISON.sub("", text.strip(QUOTES + " 、"))
    for separator in ("等", "的"):
        text = text.rsplit(separator, 1)[-1]
    text = _strip_words(text, LABEL_FILLERS)  # 全市 is no subject to cut at
    # 西山县柔性引进专家教授35人 → 引进专家教授: the verb says what the number measures (a flow, a stock).
    # Only a subject or an adverb is cut off before it: 技术合同认定登记 and 发明专利授权量 stay whole.
    for verb in LEADING_VERBS:
        head, found, rest = text.rpartition(verb)
        if found and len(rest) > 1 and (len(head) <= 2 or SUBJECT.match(head)):
            text = rest if verb in HOLDING_VERBS else found + rest
    # 有 ends a label as a filler (企业有12家) but may begin a word (有效发明专利).
    text = _strip_words(_strip_words(text, LABEL_FILLERS).removesuffix("有"), LABEL_FILLERS)
    return _last_chars(text, LABEL_LENGTH)


def _label_after(text: str) -> str:
    if text.startswith("、"):
        return ""  # 院士2名、博士138名: what follows is the next item of a list, not this one's name
    text = re.split("的|以及|及|和|与|并", text, maxsplit=1)[0].strip("、 ")
    # 3个高产、抗逆甘蓝新品种: a short head before 、 is one of a list of adjectives; the noun comes last.
    parts = text.split("、")
    text = parts[0] if len(parts[0]) >= 4 else parts[-1]
    if text.startswith(PREDICATE_STARTS):
        return ""
    return _first_chars(text.translate(str.maketrans("", "", QUOTES)), LABEL_LENGTH)


LATIN = re.compile(r"[A-Za-z0-9&.]")


def _last_chars(text: str, count: int) -> str:
    """The end of a label, never starting inside a Latin token: "R&D 经费占 GDP 比重", not "D 经费…"."""
    start = max(len(text) - count, 0)
    while 0 < start and LATIN.match(text[start]) and LATIN.match(text[start - 1]):
        start -= 1
    return text[start:].strip()


def _first_chars(text: str, count: int) -> str:
    end = min(count, len(text))
    while end < len(text) and LATIN.match(text[end]) and LATIN.match(text[end - 1]):
        end += 1
    return text[:end].strip()


def _named_after(text: str) -> str:
    """设立规模2亿元的“科创天使”基金: the size belongs to the fund named after 的."""
    match = NAMED_AFTER.match(text)
    return match.group("quoted") + match.group("kind") if match else ""


def _subject(sentence: str) -> str:
    for clause in re.split(f"[{CLAUSE_BREAKS}]", sentence):
        match = SUBJECT.match(SUBJECT_NOISE.sub("", clause))
        if match:
            return match.group()
    return ""


# --- Extraction ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    """A number with its unit in the working text, before the words around it are read."""

    start: int
    end: int
    value: Decimal
    unit: str
    suffix: str = ""  # 余, 多, 以上, 以下, 以内, 左右
    bare_magnitude: bool = False  # 千万 of 超千万元: the qualifier is part of the text
    upper: Decimal | None = None
    separator: str = ""  # 至 of 3至5年
    is_rank: bool = False
    is_half: bool = False


def _find_numbers(working: str, dates, idiom_spans) -> list[_Found]:
    ranges = [found for match in RANGE.finditer(working) if (found := _range(match))]
    ranks = [_rank(match) for match in RANK.finditer(working)]
    taken = [(found.start, found.end) for found in ranges + ranks]
    figures = [
        _figure(match)
        for match in FIGURE.finditer(working)
        if not any(start < match.end() and match.start() < end for start, end in taken)
        and _is_figure(match, working, idiom_spans, dates)
    ]
    return sorted(ranges + ranks + figures, key=lambda found: found.start)


def _figure(match: re.Match) -> _Found:
    numeral = match.group("chinese")
    return _Found(
        start=match.start(),
        end=match.end(),
        value=_value(match),
        unit="%" if match.group("half") else UNIT_SPELLINGS.get(match.group("unit"), match.group("unit")),
        suffix=(
            match.group("approx_before")
            or match.group("approx")
            or match.group("suffix")
            or ("过" if match.group("half") == "过半" else "")
        ),
        bare_magnitude=bool(numeral) and set(numeral) <= set("百千万亿"),
        is_half=bool(match.group("half")),
    )


def _number(numeral: str, magnitude: str | None) -> Decimal:
    number = Decimal(numeral) if numeral[0].isdigit() else Decimal(chinese_number(numeral))
    return _clean_decimal(number * MAGNITUDE_WORDS.get(magnitude, 1))


def _range(match: re.Match) -> _Found | None:
    unit = match.group("unit")
    if match.group("low_unit") and match.group("low_unit") != unit:
        return None  # 3个至5年 is two things, not a range
    low = _number(match.group("low"), match.group("low_magnitude") or match.group("magnitude"))
    high = _number(match.group("high"), match.group("magnitude"))
    if high <= low or (unit == "年" and low >= 1000):
        return None  # 2024至2025年 is a span of dates; 5至3 is not a range
    return _Found(
        start=match.start(),
        end=match.end(),
        value=low,
        unit=UNIT_SPELLINGS.get(unit, unit),
        upper=high,
        separator=match.group("separator"),
    )


def _rank(match: re.Match) -> _Found:
    number = match.group("number")
    value = Decimal(number) if number.isdigit() else Decimal(chinese_number(number))
    return _Found(start=match.start("text"), end=match.end("text"), value=value, unit="", is_rank=True)


def _clause_start(working: str, position: int, floor: int) -> int:
    return max([floor] + [working.rfind(mark, floor, position) + 1 for mark in CLAUSE_BREAKS])


def _thresholds(found: list[_Found], working: str, sentence_of) -> tuple[list[_Found], dict[int, str]]:
    """超过10亿元的企业有12家: 10亿元 only sorts the enterprises; 12家 is the figure, 超过10亿元的 its qualifier."""
    kept, qualifiers, pending = [], {}, ""
    for index, number in enumerate(found):
        prefix = _prefix_qualifier(working, number.start, sentence_of(number.start)[0])
        bounded = PREFIX_BOUNDS.get(prefix, EXACT) != EXACT or number.suffix in ("以上", "以下")
        following = found[index + 1] if index + 1 < len(found) else None
        between = working[number.end : following.start] if following else ""
        if (
            bounded
            and not (number.is_half or number.is_rank or number.upper)
            and following
            and sentence_of(following.start) == sentence_of(number.start)
            and between[:1] not in ("", *CLAUSE_BREAKS, "、")
            and not any(mark in between for mark in CLAUSE_BREAKS + "、")
        ):
            pending = working[number.start - len(prefix) : number.end + (between[:1] == "的")][:20]
            continue
        if pending:
            qualifiers[len(kept)] = pending
            pending = ""
        kept.append(number)
    return kept, qualifiers


def extract_figures(text: str, *, year: int | None = None) -> list[ProposedFigure]:
    """Every key figure in `text`, in reading order. `year` resolves 今年 / 去年 in as-of dates."""
    joined, offsets = join_broken_lines(text)
    working = joined.translate(FULL_WIDTH)
    dates = _find_dates(working, year)
    sentences = [match.span() for match in SENTENCE.finditer(working)]
    sentence_starts = [start for start, _ in sentences]
    idiom_spans = [(match.start(), match.end()) for idiom in IDIOMS for match in re.finditer(re.escape(idiom), working)]

    def sentence_of(position: int) -> tuple[int, int]:
        return sentences[bisect.bisect_right(sentence_starts, position) - 1]

    numbers, threshold_qualifiers = _thresholds(_find_numbers(working, dates, idiom_spans), working, sentence_of)
    labels = _list_labels(numbers, working, sentence_of)
    pairs = _from_to_pairs(numbers, working, sentence_of, dates)
    figures = []
    nouns = []  # per figure: the thing it counts, lent to a bare "同比增长" after it
    subjects = {}  # sentence index → subject, for the sentences after it in the paragraph
    for index, number in enumerate(numbers):
        sentence_index = bisect.bisect_right(sentence_starts, number.start) - 1
        sentence_start, sentence_end = sentences[sentence_index]
        start, end = number.start, number.end

        prefix = "" if number.is_rank else _prefix_qualifier(working, start, sentence_start)
        text_start = start - len(prefix) if number.bare_magnitude else start

        # The label looks no further than the neighbouring figures, dates and clause breaks.
        label_floor = max(
            [sentence_start]
            + [i + 1 for i in range(sentence_start, start) if working[i] in CLAUSE_BREAKS + "（()）"]
            + [n.end for n in numbers[:index] if n.end <= start]
            + [d.end for d in dates if sentence_start <= d.end <= start]
        )
        label_ceiling = min(
            [sentence_end]
            + [i for i in range(end, sentence_end) if working[i] in LABEL_STOPS]
            + [n.start for n in numbers[index + 1 :]]
        )
        after = working[end:label_ceiling]
        before = working[label_floor : start - len(prefix)]
        if number.is_rank:
            before = working[label_floor:start]
        label = _label_after(after) or _label_before(before) or _first_chars(after, LABEL_LENGTH)
        if not label and not any(sentence_start <= n.start < start for n in numbers[:index]):
            # 技术交易额实现翻番，达到96.3亿元: the clause before names what reached the figure.
            label = _label_before(working[_clause_start(working, label_floor - 1, sentence_start) : label_floor - 1])
        noun = label
        previous = index - 1 if index and sentence_of(numbers[index - 1].start)[0] == sentence_start else None
        if previous is not None and (number.is_rank or label in BARE_MEASURES | {"同比" + m for m in BARE_MEASURES}):
            # 研发投入12亿元，同比增长15%: the rate is of 研发投入; so is the rank in 位居全市第一.
            noun = nouns[previous]
            label = f"{noun}{label}" if noun not in label else label
        parent = _breakdown_parent(numbers, index, working, sentence_start)
        if parent is not None and nouns[parent] and nouns[parent] not in label:
            label = f"{nouns[parent]}：{label}"  # （其中国家级2家）: 2 of the 研发平台 counted before
        label = labels.get(index, label)

        as_of = _as_of(dates, sentence_start, sentence_end, start)
        target_word = _target_word(working[sentence_start:start])
        is_target = bool(target_word) or (as_of is not None and as_of.relation in ("到", "至"))
        clause_before = re.split(f"[{CLAUSE_BREAKS}]", working[sentence_start:start])[-1]
        qualifier, bound = _qualifier(prefix, number.suffix or None, target_word, clause_before)
        if number.upper is not None:
            qualifier, bound = number.separator, AT_LEAST
        qualifier = threshold_qualifiers.get(index, qualifier)
        if index in pairs:
            pair_label, qualifier, as_of = pairs[index]
            label = pair_label or label
            is_target = bool(target_word)

        subject = (
            _named_after(after)
            or _subject(working[sentence_start:start])
            or subjects.get(sentence_index)
            or _previous_subject(subjects, sentence_index, sentences, working)
        )
        subjects[sentence_index] = subject
        nouns.append(noun if noun not in BARE_MEASURES else "")

        figure_text = joined[text_start:end]
        figures.append(
            ProposedFigure(
                text=figure_text,
                value=number.value,
                unit=number.unit,
                qualifier=qualifier,
                bound=bound,
                is_target=is_target,
                label=label,
                subject=subject,
                start=offsets[text_start],
                end=offsets[end - 1] + 1,
                context=joined[sentence_start:sentence_end].strip(),
                as_of_text=working[as_of.start : as_of.end] if as_of else "",
                as_of=as_of.when if as_of else None,
                as_of_precision=as_of.precision if as_of else "",
                upper=number.upper,
                kind=proposed_kind(label=label, text=figure_text, unit=number.unit, qualifier=qualifier),
            )
        )
    return figures


def _list_labels(numbers: list[_Found], working: str, sentence_of) -> dict[int, str]:
    """高新技术企业和科技型中小企业分别突破1.3万家、2.9万家: each figure to its own subject, in order."""
    labels = {}
    index = 0
    while index < len(numbers):
        number = numbers[index]
        sentence_start = sentence_of(number.start)[0]
        clause_start = _clause_start(working, number.start, sentence_start)
        respectively = working.rfind("分别", clause_start, number.start)
        if respectively < 0 or (index and numbers[index - 1].end > respectively):
            index += 1
            continue
        run = [index]
        while run[-1] + 1 < len(numbers) and LIST_BETWEEN.fullmatch(
            working[numbers[run[-1]].end : numbers[run[-1] + 1].start]
        ):
            run.append(run[-1] + 1)
        names_text, _, shared = working[clause_start:respectively].rpartition("的")
        if not names_text:
            names_text, shared = shared, ""  # 东湖区、南塘区的技术合同成交额: the regions share the measure
        names = [name for name in re.split("、|和|及|与", names_text) if name]
        if len(names) == len(run):
            prefix = _prefix_qualifier(working, number.start, respectively)
            measure = _strip_words(working[respectively + 2 : number.start - len(prefix)], LABEL_FILLERS)
            for position, name in zip(run, names, strict=True):
                labels[position] = _last_chars(_strip_words(name, LABEL_FILLERS) + shared + measure, LABEL_LENGTH)
        index = run[-1] + 1
    return labels


def _from_to_pairs(numbers: list[_Found], working: str, sentence_of, dates) -> dict:
    """由2018年的598小时提升至947小时 → index: (label, qualifier, as-of date) for each of the two figures.

    Two figures, not one with its past attached: the earlier value is a fact of its own year (a point of
    the series on the data page), and staff untick it when only the new level matters.
    """
    pairs = {}
    for index in range(len(numbers) - 1):
        earlier, later = numbers[index], numbers[index + 1]
        sentence_start = sentence_of(earlier.start)[0]
        if sentence_of(later.start)[0] != sentence_start:
            continue
        clause_start = _clause_start(working, earlier.start, sentence_start)
        from_match = FROM_BEFORE.search(working[clause_start : earlier.start])
        to_match = TO_BETWEEN.fullmatch(working[earlier.end : later.start])
        if not (from_match and to_match):
            continue
        from_start = clause_start + from_match.start()
        label = _label_before(working[clause_start:from_start])
        from_dates = [d for d in dates if from_start <= d.start < earlier.start]
        to_dates = [d for d in dates if earlier.end <= d.start < later.start]
        # The later value is of the sentence's own date (截至2025年底), never of the from-year.
        own_dates = [d for d in dates if sentence_start <= d.start and d.end <= from_start]
        later_as_of = (to_dates or own_dates or [None])[-1]
        pairs[index] = (label, from_match.group("word"), from_dates[-1] if from_dates else None)
        pairs[index + 1] = (label, to_match.group("verb"), later_as_of)
    return pairs


def _breakdown_parent(numbers: list[_Found], index: int, working: str, sentence_start: int) -> int | None:
    """The figure a part belongs to: 新增平台15个（其中国家级2家；牵建6家，参建3家）, 企业56家，其中首次认定30家."""
    start = numbers[index].start
    opening = max(working.rfind("（", sentence_start, start), working.rfind("(", sentence_start, start))
    closing = max(working.rfind("）", sentence_start, start), working.rfind(")", sentence_start, start))
    clause_start = _clause_start(working, start, sentence_start)
    if opening > closing:
        boundary = opening
    elif working.startswith("其中", clause_start):
        boundary = clause_start
    else:
        return None
    before = [position for position in range(index) if sentence_start <= numbers[position].start < boundary]
    return before[-1] if before else None


def _is_figure(match: re.Match, working: str, idiom_spans, dates) -> bool:
    start, end = match.span()
    if any(start < idiom_end and idiom_start < end for idiom_start, idiom_end in idiom_spans):
        return False
    if any(start < mention.end and mention.start < end for mention in dates):
        return False
    before = working[start - 1 : start]
    if before in ("第", "数", "几", "每"):
        return False  # ordinals (第三), vague (数十家) and rates (每3人)
    numeral = match.group("chinese")
    if numeral:
        if numeral == "一":
            return False  # 一年来, 一枚, 一条, 一个…中心: rhetorical, never a key figure
        if re.search("[一二两三四五六七八九]{2}", numeral):
            return False  # 三四家: a guess, not a figure
        if set(numeral) <= set("百千万亿"):
            prefix = _prefix_qualifier(working, start, 0)
            return prefix in BARE_MAGNITUDE_PREFIXES or bool(match.group("approx"))
    return True


def _value(match: re.Match) -> Decimal:
    if match.group("half"):
        return Decimal(50)
    if match.group("arabic"):
        number = Decimal(match.group("arabic").replace(",", ""))
        return _clean_decimal(number * MAGNITUDE_WORDS.get(match.group("magnitude"), 1))
    return Decimal(chinese_number(match.group("chinese")))


def _as_of(dates, sentence_start: int, sentence_end: int, position: int) -> _DateMention | None:
    """The nearest date before the figure in its sentence, else a later 截至 date of the same sentence."""
    in_sentence = [mention for mention in dates if sentence_start <= mention.start < sentence_end]
    before = [mention for mention in in_sentence if mention.end <= position]
    if before:
        return before[-1]
    return next((mention for mention in in_sentence if mention.relation in ("截至", "截止")), None)


def _previous_subject(subjects: dict, sentence_index: int, sentences, working: str) -> str:
    """A sentence that names no one continues the previous one, within the same paragraph."""
    for earlier in range(sentence_index - 1, -1, -1):
        between = working[sentences[earlier][1] : sentences[earlier + 1][0]]
        if "\n" in between:
            return ""
        start, end = sentences[earlier]
        subject = subjects.get(earlier) or _subject(working[start:end])
        if subject:
            return subject
    return ""


@dataclass(frozen=True)
class Score:
    """How the figures found in a text compare with those a person expects there."""

    expected: int
    found: int
    matched: int

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    def __add__(self, other: "Score") -> "Score":
        return Score(self.expected + other.expected, self.found + other.found, self.matched + other.matched)


def matches_expected(figure: ProposedFigure, expected: dict) -> bool:
    """Same value and unit, and the label holds every expected word ({"value": "13000", "unit": "家",
    "label": ["高新技术企业"]}). The label is the test, not the text as written: two figures of one value
    in one sentence are told apart by what they count."""
    return (
        plain_number(figure.value) == str(expected["value"])
        and figure.unit == expected["unit"]
        and all(word in figure.label for word in expected.get("label", []))
    )


def score(found: list[ProposedFigure], expected: list[dict]) -> Score:
    """Each expected figure matched by one found figure at most; found figures left over are extra."""
    unused = list(found)
    matched = 0
    for wanted in expected:
        figure = next((figure for figure in unused if matches_expected(figure, wanted)), None)
        if figure is not None:
            unused.remove(figure)
            matched += 1
    return Score(expected=len(expected), found=len(found), matched=matched)
