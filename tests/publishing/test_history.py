"""What staff see in an item's history: one revision for each change that was saved, holding the item and its inline
rows as saved; nothing for a change tried and undone (a draft edit, a draft read back, an import row not kept)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from reversion.models import Revision

from achievements.models import Achievement, KeyFigure
from publishing.models import Draft, PublishStatus
from tests.api_helpers import if_match, token_client
from tests.factories import AchievementFactory, KeyFigureFactory, RegionFactory
from tests.publishing.test_revisions import form_data
from tests.publishing.test_roles import change_url
from transfer.services import content_import

pytestmark = pytest.mark.django_db


def history(client, obj) -> list[Revision]:
    """The revisions the item's history page lists, newest first."""
    response = client.get(reverse("admin:achievements_achievement_history", args=[obj.pk]))
    assert response.status_code == 200
    return [action["revision"] for action in response.context["action_list"]]


def contents(revision: Revision) -> list[tuple[str, str]]:
    """What the revision holds: each object's model and name."""
    return sorted((version.content_type.model, version.object_repr) for version in revision.version_set.all())


def test_an_edit_in_the_admin_is_one_revision_with_the_figures_as_saved_and_a_draft_edit_none(client, reviewer):
    achievement = AchievementFactory(draft=True, title="离岸科创园集聚企业")
    KeyFigureFactory(achievement=achievement, label="签约企业", text="205家", order=0)
    KeyFigureFactory(achievement=achievement, label="总投资额", text="50亿元", value=Decimal("5000000000"), order=1)
    client.force_login(reviewer)
    data = form_data(client.get(change_url(achievement)))
    data.update({"title": "离岸科创园集聚企业205家", "figures-0-text": "206家", "figures-0-value": "206"})
    data["figures-1-DELETE"] = "on"

    assert client.post(change_url(achievement), data).status_code == 302

    [saved] = history(client, achievement)
    assert contents(saved) == [("achievement", "离岸科创园集聚企业205家"), ("keyfigure", "签约企业：206家")]
    figure = saved.version_set.get(content_type__model="keyfigure")
    assert figure.field_dict["value"] == Decimal("206")

    # Once it is published, a change in the admin and through the API is its draft: the history stays as it was.
    Achievement.objects.filter(pk=achievement.pk).update(status=PublishStatus.PUBLISHED)
    data = form_data(client.get(change_url(achievement)))
    data.update({"title": "草稿里的标题", "figures-0-text": "207家", "figures-0-value": "207"})
    assert client.post(change_url(achievement), data).status_code == 302
    api = token_client(reviewer)
    url = reverse("api:achievement-detail", kwargs={"slug": achievement.slug})
    draft_url = reverse("api:achievement-draft", kwargs={"slug": achievement.slug})  # the draft's ETag, read back
    assert api.patch(url, {"summary": "草稿里的概述"}, format="json", **if_match(api, draft_url)).status_code == 202

    assert Draft.objects.get().data["object"]["fields"]["summary"] == "草稿里的概述"
    assert Draft.objects.get().data["object"]["fields"]["title"] == "草稿里的标题"
    assert history(client, achievement) == [saved]
    assert Revision.objects.count() == 1


CSV_HEAD = "成果标题,类别,年度,地区,发布时间,指标,原文写法,数值,单位,限定词\n"
PARK = "离岸科创园集聚企业,创新平台,2025,临川市,,签约企业,205家,205,家,\n"
SEEDS = "良种推广,农业科技,2025,南岭县,,推广面积,4.2万亩,4.2万,亩,\n"
FUND = "产业基金设立,创新平台,2025,临川市,,母基金规模,10亿元,10亿,元,\n"


def run_import(text: str):
    return content_import(name="data.csv", content=(CSV_HEAD + text).encode("utf-8"))


def test_an_import_keeps_in_its_revision_the_rows_it_saved_and_none_it_left_unsaved(client, reviewer):
    RegionFactory(name="临川市")
    RegionFactory(name="南岭县")
    assert run_import(PARK + SEEDS).saved
    park, seeds = Achievement.objects.get(title__startswith="离岸"), Achievement.objects.get(title="良种推广")
    Achievement.objects.filter(pk=seeds.pk).update(status=PublishStatus.PUBLISHED)
    client.force_login(reviewer)
    [first] = history(client, park)
    assert history(client, seeds) == [first]
    assert contents(first) == [
        ("achievement", "离岸科创园集聚企业"),
        ("achievement", "良种推广"),
        ("keyfigure", "推广面积：4.2万亩"),
        ("keyfigure", "签约企业：205家"),
    ]

    # The park's row is unchanged (skipped), the published seeds' row becomes its draft, the fund is new.
    report = run_import(PARK + SEEDS.replace("4.2万", "5万") + FUND)

    assert report.saved, report.errors
    assert Draft.objects.get().object_id == str(seeds.pk)
    fund = Achievement.objects.get(title="产业基金设立")
    [second] = history(client, fund)
    assert contents(second) == [("achievement", "产业基金设立"), ("keyfigure", "母基金规模：10亿元")]
    assert history(client, park) == [first]
    assert history(client, seeds) == [first]

    # A file with a bad row saves nothing, and so leaves no revision.
    report = run_import(PARK.replace("205", "300") + SEEDS.replace("南岭县", "无此地"))

    assert not report.saved
    assert KeyFigure.objects.get(achievement=park).text == "205家"
    assert list(Revision.objects.order_by("pk")) == [first, second]


def test_a_change_through_the_api_is_in_the_history_as_one_made_in_the_admin(client, reviewer):
    """An item not yet public is created and changed in place through the API: each write is a revision staff see in
    its history (who, when, what it held), so a wrong API update can be undone from there like any other."""
    region = RegionFactory(name="临川市")
    api = token_client(reviewer)
    payload = {
        "title": "智算中心投入运行",
        "category": "platform",
        "year": 2025,
        "region": region.slug,
        "figures": [{"label": "算力规模", "text": "1000P", "value": "1000", "unit": "P"}],
    }
    created = api.post(reverse("api:achievement-list"), payload, format="json")
    assert created.status_code == 201, created.content
    achievement = Achievement.objects.get(title="智算中心投入运行")
    url = reverse("api:achievement-detail", kwargs={"slug": achievement.slug})
    changed = api.patch(url, {"title": "智算中心投入运行一年"}, format="json", **if_match(api, url))
    assert changed.status_code == 200, changed.content

    client.force_login(reviewer)
    [edit, creation] = history(client, achievement)
    assert contents(creation) == [("achievement", "智算中心投入运行"), ("keyfigure", "算力规模：1000P")]
    assert contents(edit) == [("achievement", "智算中心投入运行一年"), ("keyfigure", "算力规模：1000P")]
    assert edit.user == creation.user == reviewer
    assert edit.comment == creation.comment == "API"
