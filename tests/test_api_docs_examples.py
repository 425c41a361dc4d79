"""The API's guide (docs/api.md) and its OpenAPI document name only addresses and region slugs that exist: a reader
who copies an example onto the demo gets an answer, not a 404."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from regions.models import Region

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "api.md"
ADDRESS = re.compile(r"/api/v1/[^\s`)\"'<>，。、；]*")
REGION_SLUGS = re.compile(r'"regions":\s*\[([^\]]*)\]')

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def test_every_example_address_of_the_api_guide_answers_on_the_demo(client, demo):
    text = GUIDE.read_text(encoding="utf-8")
    addresses = sorted(set(ADDRESS.findall(text)))
    assert len(addresses) >= 3
    answers = {address: client.get(address).status_code for address in addresses}
    assert answers == dict.fromkeys(addresses, 200)


def test_every_region_slug_the_guide_and_the_schema_give_as_an_example_exists(client, demo):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    examples = {
        slug
        for found in REGION_SLUGS.findall(GUIDE.read_text(encoding="utf-8"))
        for slug in re.findall(r'"([^"]+)"', found)
    }
    examples |= set(re.findall(r"地区的网址名，例如 ([a-z0-9-]+)", schema))
    assert examples
    assert examples <= set(Region.objects.values_list("slug", flat=True))
