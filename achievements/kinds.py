"""Which key figures may be added up: a figure's kind (存量, 流量, 比率, 上限, 排名) and what it counts (统计口径).

Only stocks and flows add up, and only with figures of the same measure and unit; a rate, a ceiling, a rank or a
figure nobody has marked is never part of a sum. ``proposed_kind`` is the one place that guesses a kind from how a
figure is written, for staff to confirm (the admin, the figure extraction).
"""

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

RATE_UNITS = {"%", "‰", "倍"}
# Words that name a ratio; 增长 alone does not (产值增长5亿元 is an amount).
RATE_WORDS = ("增速", "增幅", "增长率", "占比", "比例", "比重", "覆盖率")
CEILING_WORDS = ("最高", "最多", "上限", "单笔", "不超过", "封顶", "门槛")
RANK_WORDS = ("排名", "位列", "居全省第", "居全国第", "排第")
FLOW_WORDS = ("新增", "新引进", "新认定", "新建", "当年", "全年", "年内")
STOCK_WORDS = ("累计", "总数", "总量", "总规模", "保有")


def proposed_kind(*, label: str, text: str, unit: str, qualifier: str) -> str:
    """The kind a figure's wording makes clear (a Kind value), or "" when it does not: staff decide then.

    A ceiling or a rate is named by its wording (最高, 单笔, %, 增长); stock or flow only by words that say so
    (累计 is a stock, 新增 a flow). When words of several kinds occur, the non-additive one wins: a figure wrongly left
    out of a sum is better than one wrongly added.
    """
    words = f"{qualifier} {label} {text}"
    if any(word in words for word in CEILING_WORDS):
        return Kind.CEILING
    if unit in RATE_UNITS or any(word in words for word in RATE_WORDS) or text.endswith(("%", "倍")):
        return Kind.RATE
    if any(word in words for word in RANK_WORDS) or (text.startswith("第") and text.endswith(("位", "名"))):
        return Kind.RANK
    if any(word in words for word in STOCK_WORDS):
        return Kind.STOCK
    if any(word in words for word in FLOW_WORDS):
        return Kind.FLOW
    return Kind.UNMARKED
