"""The 关键数据 rows of an achievement's admin page, and the comparison of its revisions."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import strip_tags
from reversion import add_to_revision, create_revision
from reversion.models import Version

from achievements.models import KeyFigure
from tests.factories import AchievementFactory, KeyFigureFactory
from tests.publishing.test_revisions import form_data

pytestmark = pytest.mark.django_db


def change_url(achievement):
    return reverse("admin:achievements_achievement_change", args=[achievement.pk])


def compare(client, achievement, old, new):
    url = reverse("admin:achievements_achievement_compare", args=[achievement.pk])
    return client.get(url, {"old": old.revision_id, "new": new.revision_id})


def captions(html: str) -> list[str]:
    return [
        " ".join(strip_tags(c).split())
        for c in re.findall(r"<table class=\"revision-compare\"[^>]*>\s*<caption>(.*?)</caption>", html, re.DOTALL)
    ]


def test_a_figure_row_shows_the_value_as_typed_and_the_text_it_was_written_as(admin_client):
    fund = AchievementFactory(title="区域母基金")
    KeyFigureFactory(achievement=fund, label="母基金规模", text="30亿元", value=Decimal("3e9"), unit="元")

    html = admin_client.get(change_url(fund)).content.decode()

    assert 'name="figures-0-value" value="3000000000"' in html
    assert ".0000" not in html
    assert '<span class="stored-value">30亿元 = 3,000,000,000 元</span>' in html
    # The bound's column is narrow: short names, what they stand for in the column's help.
    assert '<option value="at_least">不少于</option>' in html
    assert "不少于：余、超、以上、突破；不超过：最高；约数：约、近。" in html


def test_staff_set_a_figures_kind_and_measure_in_its_row(admin_client):
    fund = AchievementFactory(title="区域母基金", draft=True)
    KeyFigureFactory(achievement=fund, label="母基金规模", text="30亿元", value=Decimal("3e9"), unit="元")
    data = form_data(admin_client.get(change_url(fund)))

    response = admin_client.post(
        change_url(fund), {**data, "figures-0-kind": KeyFigure.Kind.STOCK, "figures-0-measure": "基金规模"}
    )

    assert response.status_code == 302
    figure = KeyFigure.objects.get(achievement=fund)
    assert (figure.kind, figure.measure) == ("stock", "基金规模")


def test_a_figure_row_without_a_kind_shows_the_kind_its_wording_suggests(admin_client):
    loan = AchievementFactory(title="园区联合贷")
    KeyFigureFactory(
        achievement=loan, label="单笔贷款额度", text="1000万元", value=Decimal("1e7"), unit="元", qualifier="最高"
    )
    KeyFigureFactory(achievement=loan, label="签约企业", text="205家", value=205, unit="家")
    KeyFigureFactory(achievement=loan, label="覆盖率", text="98%", value=98, unit="%", kind=KeyFigure.Kind.STOCK)

    html = admin_client.get(change_url(loan)).content.decode()

    # Short names in the narrow column, none chosen for the staff: the proposal stands under the empty choice.
    assert '<option value="" selected>未标注</option>' in html
    assert '<option value="ceiling">上限</option>' in html
    assert '<span class="stored-value">建议：上限</span>' in html
    # Nothing suggested where the wording says nothing (签约企业: a stock or a flow?), nor where staff chose.
    assert html.count("建议：") == 1


def test_a_figure_row_saved_unchanged_keeps_its_value(admin_client):
    fund = AchievementFactory(title="区域母基金", draft=True)
    figure = KeyFigureFactory(achievement=fund, text="0.985亿元", value=Decimal("98500000.0000"), unit="元")

    response = admin_client.post(change_url(fund), form_data(admin_client.get(change_url(fund))))

    assert response.status_code == 302
    figure.refresh_from_db()
    assert figure.value == Decimal("98500000")


def test_the_figure_list_and_page_show_values_without_trailing_zeros(admin_client):
    figure = KeyFigureFactory(label="母基金规模", text="30亿元", value=Decimal("3e9"), unit="元")

    listing = admin_client.get(reverse("admin:achievements_keyfigure_changelist")).content.decode()
    page = admin_client.get(reverse("admin:achievements_keyfigure_change", args=[figure.pk])).content.decode()

    assert '<td class="field-exact_value">3,000,000,000</td>' in listing
    assert '<div class="readonly">3,000,000,000</div>' in page and "3000000000.0000" not in page


def test_staff_record_a_figures_original_source_in_its_row_folded_under_its_own_heading(admin_client):
    fund = AchievementFactory(title="区域母基金", draft=True)
    figure = KeyFigureFactory(achievement=fund, label="母基金规模", text="30亿元")
    response = admin_client.get(change_url(fund))
    html = response.content.decode()
    assert '<details class="citation-fields"><summary>出处</summary>' in html
    assert '<label for="id_figures-0-citation_0">原始出处</label>' in html
    assert '<label for="id_figures-0-citation_4">原文语句</label>' in html

    data = form_data(response) | {
        "figures-0-citation_0": "《咸宁日报》",
        "figures-0-citation_1": "咸宁高新区管委会",
        "figures-0-citation_2": "2025-03-08",
        "figures-0-citation_3": "https://www.example.gov.cn/news/1.html",
        "figures-0-citation_4": "  母基金规模30亿元，\r\n首期到位。",
    }
    response = admin_client.post(change_url(fund), data)

    assert response.status_code == 302
    figure.refresh_from_db()
    assert figure.citation_publication == "《咸宁日报》"
    assert figure.citation_issuer == "咸宁高新区管委会"
    assert figure.citation_date == datetime.date(2025, 3, 8)
    assert figure.citation_url == "https://www.example.gov.cn/news/1.html"
    assert figure.citation_sentence == "  母基金规模30亿元，\n首期到位。"  # as pasted (the browser sends \r\n)
    page = admin_client.get(change_url(fund))
    assert "<summary>出处（已填）</summary>" in page.content.decode()
    # Saved again unchanged, it keeps every part.
    assert admin_client.post(change_url(fund), form_data(page)).status_code == 302
    figure.refresh_from_db()
    assert figure.citation_date == datetime.date(2025, 3, 8)
    assert figure.citation_sentence == "  母基金规模30亿元，\n首期到位。"


def test_a_bad_address_of_the_original_is_refused_with_a_clear_message(admin_client):
    fund = AchievementFactory(title="区域母基金", draft=True)
    figure = KeyFigureFactory(achievement=fund)
    response = admin_client.get(change_url(fund))

    data = form_data(response) | {"figures-0-citation_3": 'https://x.example/"><script>'}
    response = admin_client.post(change_url(fund), data)

    assert response.status_code == 200
    assert "请输入有效的网址" in response.content.decode()
    figure.refresh_from_db()
    assert figure.citation_url == ""


@pytest.fixture
def imported_then_edited(admin_client):
    """An import saved two achievements in one revision (one value as the import wrote it, 1.5E+8); then the
    first was saved in the admin with its title changed."""
    fund = AchievementFactory(title="区域母基金", draft=True)
    other = AchievementFactory(title="离岸科创园", draft=True)
    figure = KeyFigureFactory(achievement=fund, label="母基金规模", text="1.5亿元", value=Decimal("1.5E+8"), unit="元")
    KeyFigureFactory(achievement=other, label="签约企业", text="205家", value=Decimal("205"), unit="家")
    with create_revision():
        add_to_revision(fund)
        add_to_revision(other)
        add_to_revision(figure)  # as the import held it, before the database rounded it to 150000000.0000
    data = form_data(admin_client.get(change_url(fund)))
    admin_client.post(change_url(fund), {**data, "title": "咸宁区域母基金"})
    old, new = Version.objects.get_for_object(fund).order_by("pk")
    return fund, old, new


def test_compare_shows_an_unchanged_number_as_unchanged(admin_client, imported_then_edited):
    fund, old, new = imported_then_edited
    stored = old.revision.version_set.values_list("serialized_data", flat=True)
    assert any('"value": "1.5E+8"' in data for data in stored)

    html = compare(admin_client, fund, old, new).content.decode()

    assert captions(html) == ["咸宁区域母基金 （有改动）", "关键数据：母基金规模：1.5亿元 （未变）"]
    assert "1.5E+8" not in html and ".0000" not in html


def test_compare_leaves_out_other_items_saved_in_the_same_revision(admin_client, imported_then_edited):
    fund, old, new = imported_then_edited

    html = compare(admin_client, fund, old, new).content.decode()

    assert "签约企业" not in html
    assert "离岸科创园" not in html
    assert "（删除）" not in html


def test_compare_shows_a_changed_figure_with_both_values_formatted(admin_client, imported_then_edited):
    fund, old, _new = imported_then_edited
    data = form_data(admin_client.get(change_url(fund)))
    admin_client.post(change_url(fund), {**data, "figures-0-value": "200000000", "figures-0-text": "2亿元"})
    latest = Version.objects.get_for_object(fund).order_by("pk").last()

    response = compare(admin_client, fund, old, latest)

    figure = response.context["diffs"][1]
    assert figure.state == "changed"
    value = next(row for row in figure.fields if row.label == "数值")
    assert (strip_tags(value.old), strip_tags(value.new)) == ("150,000,000", "200,000,000")
    assert KeyFigure.objects.get(achievement=fund).value == Decimal("200000000")
