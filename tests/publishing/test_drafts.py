"""Drafts over live content: a published item keeps serving its live version while its next one is prepared."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from achievements.models import Achievement, KeyFigure
from news.models import Article
from publishing.models import AuditEntry, Draft, PublishStatus
from tests.factories import (
    AchievementFactory,
    ArticleFactory,
    ArticleSectionFactory,
    ImageFactory,
    KeyFigureFactory,
    RegionFactory,
)
from tests.publishing.test_revisions import form_data

pytestmark = pytest.mark.django_db


def url(obj, view, *args):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{view}", args=[obj.pk, *args])


def edit(client, obj, **changes):
    data = form_data(client.get(url(obj, "change")))
    data.update(changes)
    return client.post(url(obj, "change"), data)


def transition(client, obj, name, text=""):
    return client.post(url(obj, "transition", name), {"transition_text": text})


def api_title(client, obj):
    return client.get(reverse("api:achievement-detail", args=[obj.slug])).json()["title"]


@pytest.fixture
def achievement(db):
    item = AchievementFactory(title="咸宁光谷科创中心建成", summary="<p>旧摘要</p>")
    KeyFigureFactory(achievement=item, label="入驻企业", text="205家", value=Decimal("205"), unit="家")
    return item


def test_an_editor_drafts_a_change_to_a_published_item_and_the_public_sees_it_only_after_approval(
    client, editor, reviewer, achievement
):
    anonymous = type(client)()
    assert "咸宁光谷科创中心建成" in anonymous.get(achievement.get_absolute_url()).content.decode()  # cached now
    version = achievement.version
    client.force_login(editor)

    response = edit(client, achievement, title="咸宁光谷科创中心全面建成", **{"figures-0-text": "300家"})

    assert response.status_code == 302
    achievement.refresh_from_db()
    assert achievement.title == "咸宁光谷科创中心建成"
    assert achievement.version == version
    assert KeyFigure.objects.get().text == "205家"
    page = anonymous.get(achievement.get_absolute_url()).content.decode()
    assert "咸宁光谷科创中心建成" in page and "全面建成" not in page
    assert api_title(anonymous, achievement) == "咸宁光谷科创中心建成"
    entry = AuditEntry.objects.filter(object_id=str(achievement.pk)).first()
    assert (entry.action, entry.user) == (AuditEntry.Action.EDITED, editor)
    # The change page opens the draft, says so, and links the comparison.
    change = client.get(url(achievement, "change"))
    html = change.content.decode()
    assert change.context["adminform"].form["title"].value() == "咸宁光谷科创中心全面建成"
    assert "公开版本 + 待发布的草稿" in html
    compare = client.get(url(achievement, "draft_compare")).content.decode()
    assert "<ins>全面</ins>" in compare and "<ins>3</ins>0<ins>0</ins>家" in compare
    assert "发布时间" not in compare  # the workflow's fields are not the draft's to change
    # A screen reader hears which rows changed, as on the revisions' compare page.
    assert '<span class="visually-hidden">（有改动）</span>' in compare
    assert (
        "公开版本 + 草稿（草稿）" in client.get(reverse("admin:achievements_achievement_changelist")).content.decode()
    )

    assert transition(client, achievement, "submit").status_code == 302
    assert Draft.objects.get().status == Draft.Status.IN_REVIEW
    assert anonymous.get(achievement.get_absolute_url()).content.decode().count("全面建成") == 0

    client.force_login(reviewer)
    assert transition(client, achievement, "publish").status_code == 302

    achievement.refresh_from_db()
    assert achievement.title == "咸宁光谷科创中心全面建成"
    assert achievement.status == PublishStatus.PUBLISHED
    assert achievement.version > version
    assert KeyFigure.objects.get().text == "300家"
    assert not Draft.objects.exists()
    assert "咸宁光谷科创中心全面建成" in anonymous.get(achievement.get_absolute_url()).content.decode()
    assert api_title(anonymous, achievement) == "咸宁光谷科创中心全面建成"
    actions = list(AuditEntry.objects.filter(object_id=str(achievement.pk)).values_list("action", flat=True)[:2])
    assert actions == [AuditEntry.Action.PUBLISHED, AuditEntry.Action.APPROVED]


def test_a_draft_adds_and_removes_inline_rows_only_on_approval(client, editor, reviewer, achievement):
    client.force_login(editor)
    data = form_data(client.get(url(achievement, "change")))
    data.update(
        {
            "figures-0-DELETE": "on",
            "figures-TOTAL_FORMS": "2",
            "figures-1-label": "新增岗位",
            "figures-1-text": "1200个",
            "figures-1-value": "1200",
            "figures-1-unit": "个",
            "figures-1-order": "1",
            "figures-1-bound": "exact",
            "figures-1-as_of_precision": "day",
        }
    )
    assert client.post(url(achievement, "change"), data).status_code == 302
    assert list(KeyFigure.objects.values_list("label", flat=True)) == ["入驻企业"]
    # Reopened, the draft shows the new row, not the deleted one; saving it again keeps both changes.
    reopened = client.get(url(achievement, "change"))
    labels = [form["label"].value() for form in reopened.context["inline_admin_formsets"][0].formset.forms]
    assert labels == ["新增岗位"]
    assert edit(client, achievement, title="再改一次").status_code == 302
    transition(client, achievement, "submit")
    client.force_login(reviewer)
    transition(client, achievement, "publish")

    assert list(KeyFigure.objects.values_list("label", "achievement")) == [("新增岗位", achievement.pk)]
    assert Achievement.objects.get().title == "再改一次"


def test_whoever_changed_a_draft_cannot_approve_it(client, reviewer, second_reviewer, achievement):
    client.force_login(reviewer)
    edit(client, achievement, title="审核人改的标题")  # a reviewer's edit no longer goes live
    assert Achievement.objects.get().title == "咸宁光谷科创中心建成"
    transition(client, achievement, "submit")

    refused = transition(client, achievement, "publish")

    assert refused.status_code == 200
    assert "双人把关" in refused.content.decode()
    assert Achievement.objects.get().title == "咸宁光谷科创中心建成"
    client.force_login(second_reviewer)
    transition(client, achievement, "publish")
    assert Achievement.objects.get().title == "审核人改的标题"


def test_a_draft_sent_back_stays_a_draft_and_keeps_the_live_version(client, editor, reviewer, achievement):
    client.force_login(editor)
    edit(client, achievement, title="待退回的标题")
    transition(client, achievement, "submit")
    # In review, the draft is the reviewers' to change: the editor is refused, the live row untouched.
    assert client.get(url(achievement, "change")).context["has_change_permission"] is False
    client.force_login(reviewer)

    transition(client, achievement, "send_back", "请核对数据来源")

    draft = Draft.objects.get()
    assert (draft.status, draft.review_comment) == (Draft.Status.DRAFT, "请核对数据来源")
    assert Achievement.objects.get().title == "咸宁光谷科创中心建成"
    client.force_login(editor)
    assert "请核对数据来源" in client.get(url(achievement, "change")).content.decode()
    transition(client, achievement, "discard_draft")
    assert not Draft.objects.exists()
    assert client.get(url(achievement, "change")).context["adminform"].form["title"].value() == "咸宁光谷科创中心建成"


def test_a_stale_draft_form_is_refused_as_an_edit_conflict(client, editor, second_editor, achievement):
    client.force_login(editor)
    stale = form_data(client.get(url(achievement, "change")))
    client.force_login(second_editor)
    edit(client, achievement, title="同事先保存的草稿")
    client.force_login(editor)

    stale["title"] = "我后保存的草稿"
    response = client.post(url(achievement, "change"), stale)

    assert response.status_code == 200
    assert "保存未成功" in response.content.decode()
    assert Draft.objects.get().data["object"]["fields"]["title"] == "同事先保存的草稿"


IMPORT = """\
成果标题,类别,年度,地区,指标,原文写法,数值,单位
成果甲,创新平台,2025,临川市,签约企业,205家,205,家
成果乙,农业科技,2025,临川市,推广面积,4.2万亩,42000,亩
"""


def test_restoring_one_item_of_an_import_revision_drafts_that_item_only(client, editor, reviewer):
    from transfer.services import content_import

    RegionFactory(name="临川市")
    content_import(name="a.csv", content=IMPORT.encode(), user=reviewer)
    first, second = Achievement.objects.get(title="成果甲"), Achievement.objects.get(title="成果乙")
    import_version = Version.objects.get_for_object(second).get()
    assert import_version.revision.version_set.count() == 4  # both achievements and their figures
    # Since the import, A went live with a new title and B's draft title changed.
    Achievement.objects.filter(pk=first.pk).update(
        title="成果甲（新）", status=PublishStatus.PUBLISHED, published_at=timezone.now()
    )
    Achievement.objects.filter(pk=second.pk).update(title="成果乙（改过）")
    KeyFigure.objects.filter(achievement=first).update(text="300家")
    client.force_login(editor)

    restore_url = url(second, "revision", import_version.pk)
    response = client.post(restore_url, form_data(client.get(restore_url)))

    assert response.status_code == 302
    assert Achievement.objects.get(pk=first.pk).title == "成果甲（新）"
    assert KeyFigure.objects.get(achievement=first).text == "300家"
    second.refresh_from_db()
    assert (second.title, second.status) == ("成果乙", PublishStatus.DRAFT)
    entries = AuditEntry.objects.filter(user=editor)
    assert [(e.action, e.object_id) for e in entries] == [(AuditEntry.Action.RESTORED, str(second.pk))]


def test_restoring_a_published_article_makes_a_draft_and_keeps_the_correction_and_the_cover(client, reviewer):
    article = ArticleFactory(draft=True, title="第一版标题", body="<p>第一版正文</p>")
    ArticleSectionFactory(article=article, label="新格局", heading="第一版小标题")
    client.force_login(reviewer)
    client.post(url(article, "change"), form_data(client.get(url(article, "change"))))  # a revision of version 1
    old = Version.objects.get_for_object(article).order_by("pk").first()
    cover = ImageFactory()
    Article.objects.filter(pk=article.pk).update(
        title="第二版标题",
        status=PublishStatus.PUBLISHED,
        published_at=timezone.now(),
        cover=cover,
        correction_note="第三段数字有误，已更正。",
        corrected_at="2026-01-05",
    )
    article.sections.update(heading="第二版小标题")

    restore_url = url(article, "revision", old.pk)
    response = client.post(restore_url, form_data(client.get(restore_url)))

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.status) == ("第二版标题", PublishStatus.PUBLISHED)  # live: untouched
    assert article.sections.get().heading == "第二版小标题"
    fields = Draft.objects.get().data["object"]["fields"]
    assert fields["title"] == "第一版标题"
    assert fields["correction_note"] == "第三段数字有误，已更正。"
    assert fields["cover"] == cover.pk
    assert Draft.objects.get().data["inlines"][0]["rows"][0]["fields"]["heading"] == "第一版小标题"
    entry = AuditEntry.objects.first()
    assert (entry.action, entry.object_id, entry.user) == (AuditEntry.Action.RESTORED, str(article.pk), reviewer)
