import json

import pytest
from django.urls import reverse

from projects.models import Milestone, Project
from tests.api_helpers import if_match, staff_user, token_client
from tests.factories import EnterpriseFactory, MilestoneFactory, ProjectFactory, RegionFactory, TopicFactory
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

PROJECTS = reverse("api:project-list")


def names(response) -> set[str]:
    return {item["name"] for item in response.json()["results"]}


def test_project_carries_milestones_with_partial_dates_and_investment_as_string(client):
    project = ProjectFactory(investment="300000000.00", investment_text="3亿元")
    MilestoneFactory(project=project, title="集群点亮", date="2026-01-01", precision="month")
    body = client.get(reverse("api:project-detail", kwargs={"slug": project.slug})).json()
    assert body["investment"] == "300000000"
    [milestone] = body["milestones"]
    assert milestone["date"] == {"date": "2026-01-01", "precision": "month", "display": "2026年1月"}


def test_draft_operator_and_partners_are_not_named(client):
    project = ProjectFactory(operator=EnterpriseFactory(draft=True))
    project.partner_enterprises.add(EnterpriseFactory(draft=True), EnterpriseFactory(name="公开伙伴"))
    body = client.get(reverse("api:project-detail", kwargs={"slug": project.slug})).json()
    assert body["operator"] is None
    assert [partner["name"] for partner in body["partner_enterprises"]] == ["公开伙伴"]


def test_draft_project_is_not_listed(client):
    ProjectFactory(name="草稿", draft=True)
    ProjectFactory(name="公开")
    assert names(client.get(PROJECTS)) == {"公开"}


def test_projects_filter_by_kind_stage_topic_and_any_of_their_regions(client):
    wuhan, tongshan, topic = RegionFactory(name="武汉市"), RegionFactory(name="通山县"), TopicFactory()
    park = ProjectFactory(name="离岸科创园", kind=Project.Kind.PARK, stage=Project.Stage.OPERATING)
    park.other_regions.add(wuhan, tongshan)
    park.topics.add(topic)
    ProjectFactory(name="智算中心", kind=Project.Kind.INFRASTRUCTURE, stage=Project.Stage.BUILDING, region=wuhan)
    assert names(client.get(PROJECTS, {"region": wuhan.slug})) == {"离岸科创园", "智算中心"}
    assert client.get(PROJECTS, {"region": tongshan.slug}).json()["count"] == 1
    assert names(client.get(PROJECTS, {"kind": "park"})) == {"离岸科创园"}
    assert names(client.get(PROJECTS, {"stage": "building"})) == {"智算中心"}
    assert names(client.get(PROJECTS, {"topic": topic.slug})) == {"离岸科创园"}
    assert client.get(PROJECTS, {"stage": "flying"}).status_code == 400


def test_project_list_is_constant_queries(client, django_assert_num_queries):
    def add(n):
        for project in ProjectFactory.create_batch(n, operator=EnterpriseFactory()):
            MilestoneFactory(project=project)
            project.partner_enterprises.add(EnterpriseFactory())

    assert_constant_queries(client, django_assert_num_queries, PROJECTS, add, expected=8)


def test_ordering_accepts_only_documented_fields(client):
    ProjectFactory()
    assert client.get(PROJECTS, {"ordering": "-investment"}).status_code == 200
    for bad in ("operator__name", "password", "-", "name,region__name"):
        response = client.get(PROJECTS, {"ordering": bad})
        assert response.status_code == 400, bad
        assert "ordering" in response.json()


@pytest.fixture
def writer(django_user_model):
    return staff_user(django_user_model, "add_project", "add_milestone")


MILESTONES = [
    {"date": "2025-12-01", "precision": "month", "title": "完成安装调试"},
    {"date": "2026-01-01", "precision": "month", "title": "集群点亮", "is_done": True},
]


def test_staff_creates_a_project_with_milestones_in_one_request(writer):
    operator = EnterpriseFactory()
    payload = {
        "name": "咸宁智算中心",
        "kind": "infrastructure",
        "investment": "300000000",
        "operator": operator.slug,
        "milestones": MILESTONES,
    }
    response = token_client(writer).post(PROJECTS, payload, format="json")
    assert response.status_code == 201, response.json()
    project = Project.objects.get()
    assert project.status == "draft"
    assert project.operator == operator
    assert [m.title for m in project.milestones.all()] == ["完成安装调试", "集群点亮"]


def test_an_invalid_milestone_saves_no_project(writer):
    payload = {"name": "咸宁智算中心", "kind": "infrastructure", "milestones": [*MILESTONES, {"date": "明年"}]}
    response = token_client(writer).post(PROJECTS, payload, format="json")
    assert response.status_code == 400
    assert "milestones" in response.json()
    assert not Project.objects.exists()
    assert not Milestone.objects.exists()


def test_a_milestone_sent_back_with_its_id_keeps_it(django_user_model):
    editor = staff_user(django_user_model, "change_project", "view_project", "add_milestone", "change_milestone")
    editor.user_permissions.add(*staff_user(django_user_model, "delete_milestone", username="x").user_permissions.all())
    project = ProjectFactory(draft=True)
    kept, dropped = MilestoneFactory(project=project, title="开工"), MilestoneFactory(project=project, title="取消的")
    url = reverse("api:project-detail", kwargs={"slug": project.slug})
    api = token_client(editor)
    sent = [{**MILESTONES[0], "id": kept.pk, "title": "正式开工"}, MILESTONES[1]]

    response = api.patch(url, {"milestones": sent}, format="json", **if_match(api, url))

    assert response.status_code == 200, response.json()
    assert [(m["id"] == kept.pk, m["title"]) for m in response.json()["milestones"]] == [
        (True, "正式开工"),
        (False, "集群点亮"),
    ]
    assert not Milestone.objects.filter(pk=dropped.pk).exists()


def test_project_export_has_investment_as_a_number_column(client):
    ProjectFactory(name="基金", investment="3000000000")
    response = client.get(reverse("api:project-export", kwargs={"format": "json"}))
    assert json.loads(response.getvalue())[0]["investment"] == "3000000000"
