"""Issue 13, item 7: a website must be an address (http or https, no quotes, angle brackets or spaces), in the
admin, the API and imports alike; a good one is kept as typed."""

import pytest
from django.urls import reverse

from enterprises.models import Enterprise
from tests.api_helpers import staff_user, token_client
from tests.factories import SectorFactory
from transfer.services import content_import

pytestmark = pytest.mark.django_db

NOT_ADDRESSES = [
    'https://x.example/"><script>alert(1)</script>',
    "https://x.example/a b",
    "javascript:alert(1)",
    "ftp://files.example/",
    "https://x.example/<b>",
]


@pytest.mark.parametrize("website", NOT_ADDRESSES)
def test_the_api_refuses_a_website_that_is_not_an_address(django_user_model, website):
    user = staff_user(django_user_model, "add_enterprise")

    response = token_client(user).post(
        reverse("api:enterprise-list"),
        {"name": "新企业", "sector": SectorFactory().slug, "website": website},
        format="json",
    )

    assert response.status_code == 400
    assert "网址" in response.json()["website"][0]
    assert not Enterprise.objects.exists()


def test_a_good_address_is_kept(django_user_model):
    user = staff_user(django_user_model, "add_enterprise")

    response = token_client(user).post(
        reverse("api:enterprise-list"),
        {"name": "新企业", "sector": SectorFactory().slug, "website": "https://www.example.gov.cn/about?x=1#top"},
        format="json",
    )

    assert response.status_code == 201
    assert Enterprise.objects.get().website == "https://www.example.gov.cn/about?x=1#top"


def test_the_admin_form_refuses_it_and_keeps_what_was_typed(admin_client):
    sector = SectorFactory()

    response = admin_client.post(
        reverse("admin:enterprises_enterprise_add"),
        {"name": "新企业", "slug": "xin-qi-ye", "sector": sector.pk, "website": NOT_ADDRESSES[0], "status": "draft"},
    )

    assert response.status_code == 200
    assert "website" in response.context["adminform"].form.errors
    assert "新企业" in response.content.decode()
    assert not Enterprise.objects.exists()


def test_an_import_reports_it_on_its_row():
    content = f'企业全称,网站\n新企业,"{NOT_ADDRESSES[0]}"\n'.encode()

    report = content_import(name="enterprises.csv", content=content)

    assert not report.ok and any("第2行" in error and "网址" in error for error in report.errors)
    assert not Enterprise.objects.exists()
