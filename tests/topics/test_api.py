import pytest
from django.urls import reverse

from tests.factories import TopicFactory
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_topic_detail_by_slug(client):
    topic = TopicFactory(name="算力")
    body = client.get(reverse("api:topic-detail", kwargs={"slug": topic.slug})).json()
    assert body["name"] == "算力"
    assert body["api_url"] == f"http://testserver{reverse('api:topic-detail', kwargs={'slug': topic.slug})}"


def test_topic_list_is_constant_queries(client, django_assert_num_queries):
    assert_constant_queries(
        client, django_assert_num_queries, reverse("api:topic-list"), TopicFactory.create_batch, expected=2
    )
