"""A government site's identity: staff edit it once, every page's footer shows it."""

import pytest
from django.urls import reverse

from home.models import SiteSettings
from home.services import site_settings_get, site_settings_update
from tests.factories import (
    AchievementFactory,
    ArticleFactory,
    EnterpriseFactory,
    InstitutionFactory,
    ProjectFactory,
    RegionFactory,
    SiteSettingsFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def every_page_type():
    return [
        "/",
        reverse("news:index"),
        ArticleFactory().get_absolute_url(),
        reverse("projects:index"),
        ProjectFactory().get_absolute_url(),
        reverse("enterprises:index"),
        EnterpriseFactory().get_absolute_url(),
        reverse("enterprises:institutions"),
        InstitutionFactory().get_absolute_url(),
        reverse("achievements:index"),
        AchievementFactory().get_absolute_url(),
        reverse("regions:index"),
        RegionFactory().get_absolute_url(),
        TopicFactory().get_absolute_url(),
        "/no-such-page/",
    ]


def footer(html):
    return html[html.index('<footer class="site-footer">') :]


def test_footer_of_every_page_type_shows_the_office_contact_and_registration_numbers(client):
    SiteSettingsFactory()

    for url in every_page_type():
        html = footer(client.get(url).content.decode())
        assert "主办单位：咸宁市科学技术局" in html, url
        assert "咸宁市测试路1号" in html and "0715-1234567" in html, url
        assert 'href="mailto:office@example.cn"' in html, url
        assert "网站标识码：4212000001" in html, url
        assert '<a href="https://beian.miit.gov.cn/" rel="noopener">鄂ICP备12345678号</a>' in html, url
        assert 'href="https://beian.mps.gov.cn/#/query/webSearch?code=42120002000001"' in html, url
        assert "鄂公网安备42120002000001号" in html, url


def test_site_name_in_header_and_footer_follows_the_settings(client):
    SiteSettingsFactory(site_name="咸宁科创")

    html = client.get("/").content.decode()

    assert '<a class="site-name" href="/">咸宁科创</a>' in html
    assert "<strong>咸宁科创</strong>" in footer(html)


def test_before_staff_save_anything_the_site_is_called_keji_portal_and_shows_no_empty_labels(client):
    html = client.get("/").content.decode()

    assert "科创门户" in html
    assert "主办单位：" not in html and "网站标识码：" not in html


def test_saving_in_the_admin_updates_the_footer_at_once(admin_client, client, django_capture_on_commit_callbacks):
    settings = SiteSettingsFactory()
    assert "咸宁市科学技术局" in client.get("/").content.decode()  # now cached

    data = {field.name: getattr(settings, field.name) for field in SiteSettings._meta.fields if field.name != "id"}
    data["organizer"] = "咸宁市科技局（新）"
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:home_sitesettings_change", args=[settings.pk]), data)

    assert response.status_code == 302
    assert "主办单位：咸宁市科技局（新）" in client.get("/").content.decode()


def test_admin_allows_one_row_only_and_never_deletes_it(admin_client):
    assert admin_client.get(reverse("admin:home_sitesettings_add")).status_code == 200

    settings = SiteSettingsFactory()

    assert admin_client.get(reverse("admin:home_sitesettings_add")).status_code == 403
    assert admin_client.get(reverse("admin:home_sitesettings_delete", args=[settings.pk])).status_code == 403
    assert admin_client.get(reverse("admin:home_sitesettings_change", args=[settings.pk])).status_code == 200


def test_the_update_service_keeps_a_single_row_and_refreshes_the_cache(django_capture_on_commit_callbacks):
    assert site_settings_get().organizer == ""

    with django_capture_on_commit_callbacks(execute=True):
        site_settings_update(organizer="咸宁市科学技术局")
        site_settings_update(phone="0715-1234567")

    assert SiteSettings.objects.count() == 1
    settings = site_settings_get()
    assert (settings.organizer, settings.phone) == ("咸宁市科学技术局", "0715-1234567")


def test_footer_settings_cost_no_query_once_cached(client, django_assert_num_queries):
    SiteSettingsFactory()
    client.get("/no-such-page/")

    with django_assert_num_queries(0):
        html = client.get("/no-such-page/").content.decode()

    assert "咸宁市科学技术局" in html


def test_no_page_carries_advertising(client):
    SiteSettingsFactory()

    for url in every_page_type():
        html = client.get(url).content.decode().lower()
        assert "广告" not in html and "adsbygoogle" not in html and "doubleclick" not in html, url
