"""Staff turn an article's prose into key figures in the admin: proposals, confirmation, nothing saved unasked."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from achievements.models import Achievement, KeyFigure
from presentation.text import html_to_text
from publishing.models import AuditEntry, PublishStatus
from publishing.roles import EDITOR
from tests.factories import AchievementFactory, ArticleFactory, ArticleSectionFactory, KeyFigureFactory, RegionFactory

pytestmark = pytest.mark.django_db

# Our own wording, in the genre of a yearly review.
LEAD = "一年来，临川科技创新多点开花。"
BODY = "<p>临川离岸科创园已有<strong>205家</strong>企业签约，总投资额达50亿元。</p>"
SECTION = "<p>南岭县试种新品种2700余个，推广面积4.2万亩，</p><p>良种覆盖率达98%。</p>"


@pytest.fixture
def editor(db):
    user = User.objects.create_user(username="editor", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR))
    return user


@pytest.fixture
def article(db):
    article = ArticleFactory(title="临川这一年", kind="review", year=2025, lead=LEAD, body=BODY, status="draft")
    ArticleSectionFactory(article=article, order=1, label="新突破", heading="良种走向田间", body=SECTION)
    return article


def extract_url(article) -> str:
    return reverse("admin:news_article_extract_figures", args=[article.pk])


def confirm_data(response, keep: dict[str, dict], **target) -> dict:
    """The page's own form, as a browser would send it, with the figures in ``keep`` ticked and corrected."""
    formset = response.context["formset"]
    data = {
        "figures-TOTAL_FORMS": str(formset.total_form_count()),
        "figures-INITIAL_FORMS": "0",
        "figures-MIN_NUM_FORMS": "0",
        "figures-MAX_NUM_FORMS": "1000",
        "target": "new",
    }
    for form in formset:
        values = {name: form[name].value() for name in form.fields}
        values.update(keep.get(values["text"], {}), keep=values["text"] in keep)
        for name, value in values.items():
            if value is True:
                data[form.add_prefix(name)] = "on"
            elif value not in (False, None):
                data[form.add_prefix(name)] = str(getattr(value, "pk", value))
    data.update({key: str(getattr(value, "pk", value)) for key, value in target.items()})
    return data


def test_article_change_form_links_to_figure_extraction_for_editors(client, editor, article):
    client.force_login(editor)
    response = client.get(reverse("admin:news_article_change", args=[article.pk]))
    assert "提取关键数据" in response.content.decode()
    assert extract_url(article) in response.content.decode()


def test_extraction_page_proposes_the_figures_of_lead_body_and_sections_with_context_highlighted(
    client, editor, article
):
    client.force_login(editor)
    response = client.get(extract_url(article))
    page = response.content.decode()

    texts = [form["text"].value() for form in response.context["formset"]]
    assert texts == ["205家", "50亿元", "2700余个", "4.2万亩", "98%"]
    assert "<mark>205家</mark>企业签约" in page
    assert "<mark>4.2万亩</mark>" in page
    sources = [form.source() for form in response.context["formset"]]
    assert sources == ["导语 / 正文", "导语 / 正文", "新突破", "新突破", "新突破"]


def test_context_is_escaped_not_run_as_html(client, editor, article):
    article.lead = "<script>alert(1)</script>全市新增5家企业。"
    article.save()
    client.force_login(editor)
    page = client.get(extract_url(article)).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;全市新增<mark>5家</mark>企业" in page


def test_paragraph_breaks_are_kept_when_html_becomes_text():
    assert html_to_text("<p>第一段。</p><p>第二段&amp;附注</p>") == "第一段。\n\n第二段&附注"


def test_opening_the_page_saves_nothing(client, editor, article):
    client.force_login(editor)
    client.get(extract_url(article))
    assert not Achievement.objects.exists()
    assert not KeyFigure.objects.exists()


def test_confirmed_figures_with_corrections_are_saved_under_a_new_draft_achievement_of_the_article_and_section(
    client, editor, article
):
    region = RegionFactory(name="南岭县")
    client.force_login(editor)
    page = client.get(extract_url(article))
    data = confirm_data(
        page,
        {"4.2万亩": {"label": "新品种推广面积", "region": region, "year": 2025}, "98%": {"label": "良种覆盖率"}},
        title="南岭良种推广",
        category="agriculture",
        year=2025,
    )

    response = client.post(extract_url(article), data)

    achievement = Achievement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:achievements_achievement_change", args=[achievement.pk])
    assert (achievement.title, achievement.category, achievement.status) == (
        "南岭良种推广",
        "agriculture",
        PublishStatus.DRAFT,
    )
    assert achievement.article == article
    assert achievement.section == article.sections.get()
    figures = list(achievement.figures.values_list("label", "text", "value", "unit", "qualifier", "region", "year"))
    assert figures == [
        ("新品种推广面积", "4.2万亩", Decimal("42000"), "亩", "", region.pk, 2025),
        ("良种覆盖率", "98%", Decimal("98"), "%", "达", None, 2025),
    ]
    assert AuditEntry.objects.filter(object_id=str(achievement.pk), action=AuditEntry.Action.CREATED).exists()


def test_the_kind_the_wording_suggests_is_proposed_and_saved_as_staff_leave_or_change_it(client, editor, article):
    client.force_login(editor)
    page = client.get(extract_url(article))
    proposed = {form["text"].value(): form["kind"].value() for form in page.context["formset"]}
    assert proposed["98%"] == KeyFigure.Kind.RATE
    assert proposed["4.2万亩"] == KeyFigure.Kind.UNMARKED  # 推广面积 says neither stock nor flow: staff choose
    assert '<option value="rate" selected>比率</option>' in page.content.decode()
    data = confirm_data(
        page,
        {"4.2万亩": {"label": "新品种推广面积", "kind": KeyFigure.Kind.STOCK}, "98%": {"label": "良种覆盖率"}},
        title="南岭良种推广",
        category="agriculture",
        year=2025,
    )

    assert client.post(extract_url(article), data).status_code == 302

    assert dict(KeyFigure.objects.values_list("text", "kind")) == {"4.2万亩": "stock", "98%": "rate"}


def test_recorded_figures_are_shown_as_recorded_and_not_proposed_again(client, editor, article):
    section = article.sections.get()
    achievement = AchievementFactory(article=article, section=section, status="draft")
    KeyFigureFactory(achievement=achievement, text="4.2万亩", value=Decimal("42000"), unit="亩")
    # Same text in the same section counts as recorded even with a different value typed in.
    KeyFigureFactory(achievement=achievement, text="98%", value=Decimal("97"), unit="%")
    client.force_login(editor)

    response = client.get(extract_url(article))

    texts = [form["text"].value() for form in response.context["formset"]]
    assert texts == ["205家", "50亿元", "2700余个"]
    assert [proposal.figure.text for proposal in response.context["recorded"]] == ["4.2万亩", "98%"]
    assert "已录入" in response.content.decode()


def test_figures_can_be_added_to_an_existing_achievement_of_the_article(client, editor, article):
    achievement = AchievementFactory(article=article, status="draft", title="离岸科创园")
    KeyFigureFactory(achievement=achievement, text="103家", value=Decimal("103"), unit="家", order=3)
    client.force_login(editor)
    page = client.get(extract_url(article))

    client.post(
        extract_url(article),
        confirm_data(page, {"205家": {"label": "签约企业"}}, target="existing", achievement=achievement),
    )

    assert list(achievement.figures.values_list("text", "order")) == [("103家", 3), ("205家", 4)]
    assert Achievement.objects.count() == 1


def test_submitting_without_ticking_any_figure_saves_nothing(client, editor, article):
    client.force_login(editor)
    page = client.get(extract_url(article))

    response = client.post(extract_url(article), confirm_data(page, {}, title="无", category="platform", year=2025))

    assert response.status_code == 200
    assert "请至少勾选一个" in response.content.decode()
    assert not Achievement.objects.exists()


def test_a_new_achievement_needs_a_title_and_a_kept_figure_needs_a_label(client, editor, article):
    client.force_login(editor)
    page = client.get(extract_url(article))

    response = client.post(extract_url(article), confirm_data(page, {"205家": {"label": ""}}, category="platform"))

    page = response.content.decode()
    assert "新建成果时请填写标题" in page
    assert "请填写这个数字统计的是什么" in page
    assert not Achievement.objects.exists()


def test_posting_the_same_confirmation_twice_records_each_figure_once(client, editor, article):
    client.force_login(editor)
    page = client.get(extract_url(article))
    data = confirm_data(page, {"205家": {"label": "签约企业"}}, title="离岸科创园", category="platform", year=2025)

    client.post(extract_url(article), data)
    client.post(extract_url(article), data)

    assert KeyFigure.objects.filter(text="205家").count() == 1


def test_staff_who_cannot_add_figures_get_no_link_and_no_page(client, article):
    viewer = User.objects.create_user(username="viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(*Group.objects.get(name=EDITOR).permissions.filter(codename="view_article"))
    client.force_login(viewer)

    change_page = client.get(reverse("admin:news_article_change", args=[article.pk])).content.decode()
    assert "提取关键数据" not in change_page
    assert client.get(extract_url(article)).status_code == 403
    assert client.post(extract_url(article), {}).status_code == 403
    assert not Achievement.objects.exists()
