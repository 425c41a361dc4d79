import pytest
from django.urls import reverse

from tests.factories import RegionFactory
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_region_detail_by_slug_links_its_parent(client):
    city = RegionFactory(name="咸宁市", kind="city")
    county = RegionFactory(name="通山县", parent=city)
    body = client.get(reverse("api:region-detail", kwargs={"slug": county.slug})).json()
    assert body["parent"]["slug"] == city.slug
    assert body["url"] == f"http://testserver{county.get_absolute_url()}"


def test_regions_filter_by_kind_and_parent(client):
    city = RegionFactory(name="咸宁市", kind="city")
    RegionFactory(name="通山县", kind="county", parent=city)
    RegionFactory(name="武汉", kind="outside")
    response = client.get(reverse("api:region-list"), {"parent": city.slug})
    assert [item["name"] for item in response.json()["results"]] == ["通山县"]
    response = client.get(reverse("api:region-list"), {"kind": "outside"})
    assert [item["name"] for item in response.json()["results"]] == ["武汉"]


def test_region_list_is_constant_queries(client, django_assert_num_queries):
    city = RegionFactory(name="咸宁市", kind="city")

    def add(n):
        RegionFactory.create_batch(n, parent=city)

    assert_constant_queries(client, django_assert_num_queries, reverse("api:region-list"), add, expected=2)
