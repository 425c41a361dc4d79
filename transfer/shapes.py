"""The three shapes staff import and export, column by column: Chinese header, English key, how a cell reads.

A spreadsheet row carries one parent (an achievement, a project, an enterprise) and at most one child (a key
figure, a milestone); rows with the same parent key make one parent with several children. JSON nests the
children under the parent. docs/import/README.md documents every column.
"""

import datetime
import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from achievements.models import Achievement, KeyFigure
from enterprises.models import Enterprise, Honour, Institution, Sector
from news.models import Article
from presentation.dates import FIRST_YEAR, LAST_YEAR, DatePrecision
from presentation.exports import FORMULA_PREFIXES
from presentation.numbers import MAGNITUDE_PATTERN, MAGNITUDE_WORDS, plain_number
from projects.models import Milestone, Project
from regions.models import Region
from topics.models import Topic

# Files are Chinese whatever the interface language of whoever imports or exports them: headings, choices, 是 / 否.
FILE_LANGUAGE = "zh-hans"
LIST_SEPARATORS = re.compile(r"[；;\n]")
AMOUNT = re.compile(rf"([+-]?\d+(?:\.\d+)?)({MAGNITUDE_PATTERN})?")
PARTIAL_DATE = re.compile(r"(\d{4})(?:年)?(?:[-/.](\d{1,2})|(\d{1,2})月)?(?:[-/.](\d{1,2})|(\d{1,2})日)?")
TRUE_WORDS = {"是", "true", "yes", "y", "1", "√", "✓", "已完成"}
FALSE_WORDS = {"否", "false", "no", "n", "0", ""}


class CellError(ValueError):
    """A cell that cannot be read; the message says, in the interface language, what to write instead."""


@functools.cache
def file_labels(choices: type) -> dict[str, str]:
    """value → label as the file writes it: the Chinese label, also when the interface is English."""
    with translation.override(FILE_LANGUAGE):
        return {value: str(label) for value, label in choices.choices}


@dataclass(frozen=True)
class Column:
    key: str  # English name: the JSON key, and accepted as a spreadsheet header
    title: str  # Chinese spreadsheet header
    kind: str = "text"  # text, int, decimal, bool, date, datetime, choice, ref, refs
    required: bool = False
    field: str = ""  # model field, when it differs from key
    precision_field: str = ""  # for dates: the field that keeps 年 / 月 / 日
    choices: type | None = None
    model: type | None = None  # for ref / refs
    lookup: str = "name"

    @property
    def model_field(self) -> str:
        return self.field or self.key

    # Reading: a cell as text (or a JSON value) → the model's value.

    def parse(self, raw):
        if self.kind == "refs":
            return self._parse_refs(raw)
        text = raw_text(raw)
        if text == "":
            return None  # the caller puts the model field's default (or nothing) in its place
        return getattr(self, f"_parse_{self.kind}")(text)

    def _parse_text(self, text):
        return text

    def _parse_int(self, text):
        try:
            number = Decimal(text.replace(",", ""))
        except InvalidOperation:
            raise CellError(_("请填写整数，例如 2025；现在是“%(text)s”。") % {"text": text}) from None
        if number != number.to_integral_value() or number < 0:
            raise CellError(_("请填写不带小数的正整数，例如 2025；现在是“%(text)s”。") % {"text": text})
        return int(number)

    def _parse_decimal(self, text):
        value = parse_amount(text)
        if value is None:
            raise CellError(_("请填写数字，可以带“万”“亿”，例如 42000 或 4.2万；现在是“%(text)s”。") % {"text": text})
        return value

    def _parse_bool(self, text):
        word = text.lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise CellError(_("请填写“是”或“否”；现在是“%(text)s”。") % {"text": text})

    def _parse_date(self, text):
        return parse_partial_date(text)

    def _parse_datetime(self, text):
        return parse_datetime(text)

    def _parse_choice(self, text):
        labels = file_labels(self.choices)
        for value, label in labels.items():
            # A label's short name, before its explanation in brackets, will do: 存量 for 存量（时点数……）.
            if text.lower() == value or text in (label, label.split("（")[0]):
                return value
        choices = _("、").join(labels.values())
        raise CellError(_("“%(text)s”不是可选的值；可选：%(choices)s。") % {"text": text, "choices": choices})

    def _parse_ref(self, text):
        model = self.model
        found = model._default_manager.filter(**{self.lookup: text}).first()
        if found is None:
            raise CellError(
                _("找不到%(what)s“%(text)s”；请检查写法，或先在后台（或同一文件中）添加它。")
                % {"what": model._meta.verbose_name, "text": text}
            )
        return found

    def _parse_refs(self, raw):
        names = [str(name).strip() for name in raw] if isinstance(raw, list) else LIST_SEPARATORS.split(raw_text(raw))
        return [self._parse_ref(name) for name in names if name]

    # Writing: the model's value → a cell (text, or a number where a spreadsheet should sum it).

    def export(self, obj, *, for_json: bool = False):
        value = getattr(obj, self.model_field)
        if self.kind == "refs":
            names = [getattr(item, self.lookup) for item in value.all()]
            return names if for_json else "；".join(names)
        if value is None or value == "":
            return None if for_json and self.kind in {"int", "ref", "date", "datetime"} else ""
        if self.kind == "decimal":
            return plain_number(value)
        if self.kind == "bool":
            return value if for_json else ("是" if value else "否")
        if self.kind == "date":
            return format_partial_date(value, getattr(obj, self.precision_field))
        if self.kind == "datetime":
            return f"{timezone.localtime(value):%Y-%m-%d %H:%M:%S}"
        if self.kind == "choice":
            return file_labels(self.choices).get(value, value)
        if self.kind == "ref":
            return getattr(value, self.lookup)
        if self.kind == "int":
            return value
        return str(value)  # the 出处章节 column shows its section as 新格局 ◀ 小标题


def raw_text(raw) -> str:
    """A cell or JSON value as stripped text: 2025.0 from Excel reads 2025, dates read 2026-01-15."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if isinstance(raw, float):
        return plain_number(Decimal(repr(raw)))
    if isinstance(raw, datetime.datetime):
        # Not strftime: it writes year 1 as "1", not "0001".
        return raw.replace(tzinfo=None, microsecond=0).isoformat(sep=" ")
    if isinstance(raw, datetime.date):
        return raw.isoformat()
    return str(raw).strip()


def unquote_formula(text: str) -> str:
    """'=cmd() (as we export it, so a spreadsheet shows it as text) → =cmd()."""
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_PREFIXES:
        return text[1:]
    return text


def parse_amount(text: str) -> Decimal | None:
    """42000, 42,000, 4.2万, 50亿 → the number in the base unit; None when it is not a number."""
    match = AMOUNT.fullmatch(re.sub(r"[,，\s]", "", text))
    if match is None:
        return None
    number = Decimal(match[1]) * MAGNITUDE_WORDS.get(match[2] or "", 1)
    return number.normalize() if number == number.to_integral_value() else number


def parse_partial_date(text: str) -> tuple[datetime.date, str]:
    """2026 → (2026-01-01, year); 2026-01 or 2026年1月 → month; 2026-01-15 or 2026/1/15 → day."""
    match = PARTIAL_DATE.fullmatch(text.replace(" ", "").replace("00:00:00", ""))
    if match is None:
        raise CellError(_("日期应写成 2026、2026-01 或 2026-01-15；现在是“%(text)s”。") % {"text": text})
    year, month, day = int(match[1]), match[2] or match[3], match[4] or match[5]
    check_year(year, text)
    precision = DatePrecision.DAY if day else DatePrecision.MONTH if month else DatePrecision.YEAR
    try:
        return datetime.date(year, int(month or 1), int(day or 1)), precision
    except ValueError:
        raise CellError(_("没有这一天：“%(text)s”。") % {"text": text}) from None


def check_year(year: int, text: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CellError(
            _("年份须在 %(min)s 至 %(max)s 年之间；现在是“%(text)s”。")
            % {"min": FIRST_YEAR, "max": LAST_YEAR, "text": text}
        )


def format_partial_date(value: datetime.date, precision: str) -> str:
    if precision == DatePrecision.YEAR:
        return f"{value:%Y}"
    if precision == DatePrecision.MONTH:
        return f"{value:%Y-%m}"
    return value.isoformat()


def parse_datetime(text: str) -> datetime.datetime:
    """2025-12-31, 2025-12-31 09:00, 2025-12-31T09:00:00+08:00; without a zone, China Standard Time."""
    try:
        value = datetime.datetime.fromisoformat(text.replace("/", "-"))
    except ValueError:
        raise CellError(_("时间应写成 2025-12-31 或 2025-12-31 09:00；现在是“%(text)s”。") % {"text": text}) from None
    check_year(value.year, text)
    return value if timezone.is_aware(value) else timezone.make_aware(value)


@dataclass(frozen=True)
class Shape:
    name: str  # achievements, projects, enterprises
    title: str  # 成果, 项目, 企业
    model: type
    columns: list[Column]
    key_column: str  # the column that tells a file of this shape apart
    child_name: str = ""  # figures, milestones
    child_title: str = ""
    child_model: type | None = None
    child_prefix: str = ""  # English headers of child columns in spreadsheets: figure_label …
    child_columns: list[Column] = field(default_factory=list)
    child_key: str = ""  # the child's natural key within its parent

    def flat_columns(self) -> list[tuple[Column, bool, str]]:
        """Every spreadsheet column: (column, is_child, English header)."""
        return [(column, False, column.key) for column in self.columns] + [
            (column, True, f"{self.child_prefix}{column.key}") for column in self.child_columns
        ]

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)


ACHIEVEMENTS = Shape(
    name="achievements",
    title="成果",
    model=Achievement,
    key_column="title",
    columns=[
        Column("slug", "网址名"),
        Column("title", "成果标题", required=True),
        Column("category", "类别", "choice", required=True, choices=Achievement.Category),
        Column("year", "年度", "int", required=True),
        Column("date", "日期", "date", precision_field="date_precision"),
        Column("region", "地区", "ref", model=Region),
        Column("summary", "概述"),
        Column("article", "出处文章", "ref", model=Article, lookup="slug"),
        Column("section", "出处章节"),  # read against the article's sections
        Column("projects", "相关项目", "refs", model=Project),
        Column("enterprises", "相关企业", "refs", model=Enterprise),
        Column("institutions", "相关机构", "refs", model=Institution),
        Column("published_at", "发布时间", "datetime"),
    ],
    child_name="figures",
    child_title="关键数据",
    child_model=KeyFigure,
    child_prefix="figure_",
    child_key="label",
    child_columns=[
        Column("label", "指标", required=True),
        Column("text", "原文写法", required=True),
        Column("value", "数值", "decimal"),
        Column("unit", "单位"),
        Column("qualifier", "限定词"),
        Column("bound", "数值性质", "choice", choices=KeyFigure.Bound),
        Column("kind", "指标类型", "choice", choices=KeyFigure.Kind),
        Column("measure", "统计口径"),
        Column("is_target", "预期目标", "bool"),
        Column("year", "数据年度", "int"),
        Column("region", "数据地区", "ref", model=Region),
        Column("as_of", "截至时间", "date", precision_field="as_of_precision"),
        Column("is_featured", "首页展示", "bool"),
        Column("order", "顺序", "int"),
    ],
)

PROJECTS = Shape(
    name="projects",
    title="项目",
    model=Project,
    key_column="name",
    columns=[
        Column("slug", "网址名"),
        Column("name", "项目名称", required=True),
        Column("short_name", "简称"),
        Column("kind", "类型", "choice", required=True, choices=Project.Kind),
        Column("stage", "建设状态", "choice", choices=Project.Stage),
        Column("region", "所在地区", "ref", model=Region),
        Column("other_regions", "相关地区", "refs", model=Region),
        Column("topics", "专题", "refs", model=Topic),
        Column("summary", "简介"),
        Column("body", "详细介绍"),
        Column("investment", "投资金额（元）", "decimal"),
        Column("investment_text", "投资（原文写法）"),
        Column("operator", "运营企业", "ref", model=Enterprise),
        Column("operator_institution", "牵头机构", "ref", model=Institution),
        Column("partner_enterprises", "合作企业", "refs", model=Enterprise),
        Column("partner_institutions", "合作机构", "refs", model=Institution),
        Column("start_date", "启动日期", "date", precision_field="start_precision"),
        Column("published_at", "发布时间", "datetime"),
    ],
    child_name="milestones",
    child_title="里程碑",
    child_model=Milestone,
    child_prefix="milestone_",
    child_key="title",
    child_columns=[
        Column("date", "里程碑日期", "date", required=True, precision_field="precision"),
        Column("title", "里程碑事项", required=True),
        Column("description", "里程碑说明"),
        Column("is_done", "里程碑已完成", "bool"),
    ],
)

ENTERPRISES = Shape(
    name="enterprises",
    title="企业",
    model=Enterprise,
    key_column="name",
    columns=[
        Column("slug", "网址名"),
        Column("name", "企业全称", required=True),
        Column("short_name", "简称"),
        Column("region", "所在地区", "ref", model=Region),
        Column("sector", "所属产业", "ref", model=Sector),
        Column("honours", "荣誉", "refs", model=Honour),
        Column("partners", "合作机构", "refs", model=Institution),
        Column("summary", "简介"),
        Column("body", "详细介绍"),
        Column("website", "网站"),
        Column("published_at", "发布时间", "datetime"),
    ],
)

# Import order: what later shapes refer to comes first.
SHAPES = {shape.name: shape for shape in [ENTERPRISES, PROJECTS, ACHIEVEMENTS]}
SHEET_NAMES = {"成果": "achievements", "项目": "projects", "企业": "enterprises", **{name: name for name in SHAPES}}
