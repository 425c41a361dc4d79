"""Property-based run of the read API against its own OpenAPI document: no 500s, every answer fits the schema."""

import io

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from portal.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application).include(method="GET")

# The throttle would answer 429 long before the run ends.
NO_THROTTLE = {"anon": None, "user": None}


@pytest.fixture
def _demo_content(db):
    call_command("load_demo", verbosity=0, stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Calling the WSGI app directly fires request_finished, which closes the connection that holds the test's
    transaction on PostgreSQL; Django's own test client detaches the same handler."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.schemathesis
@pytest.mark.usefixtures("_demo_content")
@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_read_api_conforms_to_its_schema(case):
    from django.conf import settings as django_settings

    with override_settings(REST_FRAMEWORK={**django_settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": NO_THROTTLE}):
        # By design: an unknown slug (?region=xyz) is a schema-valid string rejected with a 400, and an empty
        # parameter (?year=) means "no filter", as in the site's forms. Everything else is checked.
        # Called as WSGI, nothing decodes a compressed body: ask for none (compression has its own tests).
        case.call_and_validate(
            headers={"Accept-Encoding": "identity"},
            excluded_checks=[positive_data_acceptance, negative_data_rejection],
        )
