"""Which key figures may be added up: a figure's kind (存量, 流量, 比率, 上限, 排名) and what it counts (统计口径).

Only stocks and flows add up, and only with figures of the same measure and unit; a rate, a ceiling, a rank or a
figure nobody has marked is never part of a sum. ``proposed_kind`` is the one place that guesses a kind from how a
figure is written, for staff to confirm (the admin, the figure extraction).
"""

import re

from django.utils.translation import gettext_lazy as _

from .models import KeyFigure

Kind = KeyFigure.Kind
ADDITIVE = frozenset({Kind.STOCK, Kind.FLOW})

# The kinds' short names, where the full label would not fit (the chart chooser, the admin's proposal).
SHORT_LABELS = {
    Kind.UNMARKED: _("未标注"),
    Kind.STOCK: _("存量"),
    Kind.FLOW: _("流量"),
    Kind.RATE: _("比率"),
    Kind.CEILING: _("上限"),
    Kind.RANK: _("排名"),
}

# Checked in this order: a ceiling or a rank stated as a percentage is still a ceiling or a rank; when words of
# several kinds occur, the non-additive one wins (a figure wrongly left out of a sum is better than one wrongly added).
CEILING = re.compile(r"最高|最多|上限|单笔|不超过|封顶|门槛|超过.*的|以上的|以下的")
RANK = re.compile(r"排名|位居|位列|名列|排第|居全省第|居全国第")
RANK_TEXT = re.compile(r"^第")  # 第3, 第一: of the text only (第三产业, 第一批 in a label name no rank)
RATE_UNITS = {"%", "‰", "倍", "个百分点"}
# Words that name a ratio or a change; with an amount's unit (产值增长5亿元) only the ratio words count.
RATE_WORDS = re.compile(r"增速|增幅|增长率|占比|比例|比重|覆盖率")
RATE_SUFFIX = re.compile(r"率$")  # 转化率, without a unit of its own: 功率 in 千瓦 is no rate
CHANGE_WORDS = re.compile(r"增长|提高|提升|下降|占")
STRONG_FLOW = re.compile(r"新增|新引进|新认定|当年|全年|年内")  # before the stock words: 全年新增…达到1.2万户
STOCK = re.compile(r"累计|总数|总量|现有|拥有|保有|截至|截止|达到|总规模")
# Verbs of the year's work count as a flow where they lead the label (转化科技成果, not 成果转化周期).
FLOW = re.compile(
    r"新增|新引进|新认定|新建|当年|全年|年内|增加|投入|"
    r"^(?:引进|完成|认定|实现|转化|开展|培训|实施|举办|登记|发放|选派|培育)"
)


def proposed_kind(*, label: str, text: str, unit: str, qualifier: str) -> str:
    """The kind a figure's wording makes clear (a Kind value), or "" when it does not: staff decide then."""
    words = f"{qualifier} {label}"
    if CEILING.search(words):
        return Kind.CEILING
    if RANK_TEXT.search(text) or RANK.search(text) or RANK.search(label):
        return Kind.RANK
    rate_unit = unit in RATE_UNITS or text.endswith(("%", "倍"))
    bare = rate_unit or not unit
    if rate_unit or RATE_WORDS.search(label) or (bare and (RATE_SUFFIX.search(label) or CHANGE_WORDS.search(label))):
        return Kind.RATE
    if STRONG_FLOW.search(words):
        return Kind.FLOW
    if STOCK.search(words):
        return Kind.STOCK
    if FLOW.search(label):
        return Kind.FLOW
    return Kind.UNMARKED
