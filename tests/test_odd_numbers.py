"""Digits that are not ASCII (superscripts, other scripts) are refused as years, never a server error."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/news/", "/achievements/", "/achievements/figures.csv", "/achievements/figures.xlsx"])
@pytest.mark.parametrize("year", ["²²²²", "¹¹¹", "٢٠٢٥"])
def test_a_year_written_in_other_digits_is_not_a_server_error(client, url, year):
    assert client.get(url, {"year": year}).status_code in {200, 400}


def test_forged_forwarded_for_does_not_reset_the_api_quota(client, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "user": None}}
    codes = [client.get("/api/v1/regions/", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code for n in range(4)]
    assert codes[-1] == 429
