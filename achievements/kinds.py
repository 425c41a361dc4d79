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
RANK = re.compile(r"^第|排名|位居|位列|名列|排第|居全省第|居全国第")
RATE_UNITS = {"%", "‰", "倍", "个百分点"}
# Words that name a ratio or a change; with an amount's unit (产值增长5亿元) only the ratio words count.
RATE_WORDS = re.compile(r"增速|增幅|增长率|占比|比例|比重|覆盖率|率$")
CHANGE_WORDS = re.compile(r"增长|提高|提升|下降|占")
STOCK = re.compile(r"累计|总数|总量|现有|拥有|保有|截至|截止|达到|总规模")
# Verbs of the year's work count as a flow where they lead the label (转化科技成果, not 成果转化周期).
FLOW = re.compile(
    r"新增|新引进|新认定|新建|当年|全年|年内|增加|投入|"
    r"^(?:引进|完成|认定|签约|实现|转化|开展|培训|实施|举办|登记|发放|选派|培育)"
)


def proposed_kind(*, label: str, text: str, unit: str, qualifier: str) -> str:
    """The kind a figure's wording makes clear (a Kind value), or "" when it does not: staff decide then."""
    words = f"{qualifier} {label}"
    if CEILING.search(words):
        return Kind.CEILING
    if RANK.search(text) or RANK.search(label) or (text.startswith("第") and text.endswith(("位", "名"))):
        return Kind.RANK
    rate_unit = unit in RATE_UNITS or text.endswith(("%", "倍"))
    if rate_unit or RATE_WORDS.search(label) or (CHANGE_WORDS.search(label) and not unit):
        return Kind.RATE
    if STOCK.search(words):
        return Kind.STOCK
    if FLOW.search(label):
        return Kind.FLOW
    return Kind.UNMARKED
