"""The kind a figure's wording proposes to staff (and to the figure extraction): only what the words make clear."""

import pytest

from achievements.kinds import proposed_kind


@pytest.mark.parametrize(
    ("label", "text", "unit", "qualifier", "expected"),
    [
        ("单笔无抵押信用贷款额度", "1000万元", "元", "最高", "ceiling"),
        ("良种覆盖率", "98%", "%", "达", "rate"),
        ("产能同比增长", "50%", "%", "", "rate"),
        ("研发投入占比", "3.2", "", "", "rate"),
        ("综合排名", "第3位", "", "", "rank"),
        ("新品种推广面积", "4.2万亩", "亩", "累计", "stock"),
        ("新增高新技术企业", "56家", "家", "", "flow"),
        # 增长 alone names an amount, not a rate; 签约 says neither stock nor flow: staff decide.
        ("产值增长", "5亿元", "元", "", ""),
        ("离岸科创园签约企业", "205家", "家", "", ""),
        ("为企业降本增效", "超千万元", "元", "超", ""),
    ],
)
def test_proposed_kind(label, text, unit, qualifier, expected):
    assert proposed_kind(label=label, text=text, unit=unit, qualifier=qualifier) == expected
