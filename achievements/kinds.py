"""What kind of quantity a key figure is, proposed from the words the article uses for it.

stock: a level at a moment (累计 205家, 现有, 截至…); flow: what a year added (新增, 全年, 引进, 完成);
rate: a share, a growth or a multiple (%, 倍, 增长, 占比); ceiling: a limit or a threshold (最高, 上限,
超过…的); rank: a place in a list (第3, 排名). "" when the words say none of these: staff decide.

Plain Python, like the extractor that calls it: it proposes, staff confirm.
"""

import re

# Checked in this order: a ceiling or a rank stated as a percentage is still a ceiling or a rank.
CEILING = re.compile(r"最高|最多|上限|不超过|超过.*的|以上的|以下的")
RANK = re.compile(r"^第|排名|位居|位列|名列")
RATE_UNITS = {"%", "‰", "倍", "个百分点"}
RATE = re.compile(r"增长|增速|增幅|提高|提升|下降|占比|比重|占|率")
STOCK = re.compile(r"累计|总数|总量|现有|拥有|截至|截止|达到|总规模")
# Verbs of the year's work count as a flow where they lead the label (转化科技成果, not 成果转化周期).
FLOW = re.compile(
    r"新增|全年|增加|投入|^(?:引进|完成|新建|认定|签约|实现|转化|开展|培训|实施|举办|登记|发放|选派|培育)"
)


def proposed_kind(*, label: str, text: str, unit: str, qualifier: str) -> str:
    """One of "stock", "flow", "rate", "ceiling", "rank" or "" for a figure written ``text`` (e.g. "第3")."""
    words = f"{qualifier} {label}"
    if CEILING.search(words):
        return "ceiling"
    if RANK.search(text) or RANK.search(label):
        return "rank"
    if unit in RATE_UNITS or RATE.search(label):
        return "rate"
    if STOCK.search(words):
        return "stock"
    if FLOW.search(label):
        return "flow"
    return ""
