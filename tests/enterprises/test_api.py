import csv
import io

import pytest
from django.urls import reverse

from enterprises.models import Enterprise
from tests.api_helpers import staff_user, token_client
from tests.factories import EnterpriseFactory, HonourFactory, InstitutionFactory, RegionFactory, SectorFactory
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

ENTERPRISES = reverse("api:enterprise-list")
INSTITUTIONS = reverse("api:institution-list")


def names(response) -> set[str]:
    return {item["name"] for item in response.json()["results"]}


def test_enterprises_filter_by_region_sector_and_honour(client):
    sector, honour, chibi = SectorFactory(name="电子信息"), HonourFactory(name="单项冠军"), RegionFactory(name="赤壁市")
    champion = EnterpriseFactory(name="维达力", sector=sector, region=chibi)
    champion.honours.add(honour)
    EnterpriseFactory(name="别家")
    assert names(client.get(ENTERPRISES, {"sector": sector.slug})) == {"维达力"}
    assert names(client.get(ENTERPRISES, {"honour": honour.slug})) == {"维达力"}
    assert names(client.get(ENTERPRISES, {"region": chibi.slug})) == {"维达力"}
    assert client.get(ENTERPRISES, {"sector": "nope"}).status_code == 400


def test_enterprise_shows_sector_honours_and_only_published_partners(client):
    enterprise = EnterpriseFactory()
    enterprise.honours.add(HonourFactory(name="专精特新"))
    enterprise.partners.add(InstitutionFactory(name="公开大学"), InstitutionFactory(name="草稿大学", draft=True))
    body = client.get(reverse("api:enterprise-detail", kwargs={"slug": enterprise.slug})).json()
    assert body["sector"]["name"] == enterprise.sector.name
    assert [honour["name"] for honour in body["honours"]] == ["专精特新"]
    assert [partner["name"] for partner in body["partners"]] == ["公开大学"]


def test_draft_enterprise_is_invisible_to_anonymous_readers(client):
    draft = EnterpriseFactory(draft=True)
    assert client.get(ENTERPRISES).json()["count"] == 0
    assert client.get(reverse("api:enterprise-detail", kwargs={"slug": draft.slug})).status_code == 404


def test_enterprise_list_is_constant_queries(client, django_assert_num_queries):
    def add(n):
        for enterprise in EnterpriseFactory.create_batch(n):
            enterprise.honours.add(HonourFactory())
            enterprise.partners.add(InstitutionFactory())

    assert_constant_queries(client, django_assert_num_queries, ENTERPRISES, add, expected=5)


def test_institution_parent_is_hidden_while_a_draft(client):
    child = InstitutionFactory(name="机器人学院", parent=InstitutionFactory(draft=True))
    body = client.get(reverse("api:institution-detail", kwargs={"slug": child.slug})).json()
    assert body["parent"] is None
    assert names(client.get(INSTITUTIONS)) == {"机器人学院"}


def test_institution_list_is_constant_queries(client, django_assert_num_queries):
    def add(n):
        InstitutionFactory.create_batch(n, parent=InstitutionFactory())

    assert_constant_queries(client, django_assert_num_queries, INSTITUTIONS, add, expected=3)


def test_enterprises_csv_export(client):
    EnterpriseFactory(name="-危险名称")
    response = client.get(reverse("api:enterprise-export", kwargs={"format": "csv"}))
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert rows[0][2] == "企业全称"
    assert rows[1][2] == "'-危险名称"


def test_staff_with_add_right_creates_a_draft_enterprise(django_user_model):
    user = staff_user(django_user_model, "add_enterprise")
    sector = SectorFactory()
    response = token_client(user).post(ENTERPRISES, {"name": "湖北新企业", "sector": sector.slug}, format="json")
    assert response.status_code == 201, response.json()
    assert Enterprise.objects.get().status == "draft"


def test_duplicate_enterprise_name_is_400_in_chinese(django_user_model):
    EnterpriseFactory(name="湖北新企业")
    user = staff_user(django_user_model, "add_enterprise")
    response = token_client(user).post(ENTERPRISES, {"name": "湖北新企业"}, format="json")
    assert response.status_code == 400
    assert "name" in response.json()
