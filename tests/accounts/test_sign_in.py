"""Issue 13, item 2: signing in resists guessing. Past 20 wrong passwords an account (and, separately, an address)
is locked out and the next password is not even checked; site administrators sign in with a second factor (an
authenticator app's code, or a recovery code); a half-signed-in session has no rights; idle staff sessions end."""

import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.middleware import LAST_SEEN

pytestmark = pytest.mark.django_db

PASSWORD = "a long and good password"
LOGIN = "/admin/login/"


@pytest.fixture
def site_admin():
    return get_user_model().objects.create_superuser("chief", "chief@example.org", PASSWORD)


@pytest.fixture
def editor():
    return get_user_model().objects.create_user("writer", password=PASSWORD, is_staff=True)


def from_address(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def sign_in(client: Client, username: str, password: str = PASSWORD, next_url: str = "/admin/"):
    return client.post(f"{LOGIN}?next={next_url}", {"username": username, "password": password, "next": next_url})


def code(device: TOTPDevice, later: int = 0) -> str:
    """What the person's authenticator app shows now (or ``later`` steps of 30 s from now)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + later * device.step
    return f"{totp.token():06d}"


class TestLockout:
    def test_the_21st_password_for_an_account_is_refused_without_being_checked(self, site_admin, settings, monkeypatch):
        settings.TWO_FACTOR = "off"
        guesser = from_address("203.0.113.5")
        answers = [sign_in(guesser, "chief", f"guess {n}").status_code for n in range(settings.AXES_FAILURE_LIMIT)]
        assert set(answers[:-1]) == {200} and answers[-1] == 429  # the form again, then the lockout

        checked = []
        original = ModelBackend.authenticate
        monkeypatch.setattr(ModelBackend, "authenticate", lambda *a, **k: checked.append(1) or original(*a, **k))
        for client in (guesser, from_address("198.51.100.20")):  # the account is locked from everywhere
            refused = sign_in(client, "chief")
            assert refused.status_code == 429
            assert refused["Retry-After"] == str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
            assert "登录已暂时锁定" in refused.content.decode()
            assert "_auth_user_id" not in client.session
        assert checked == []  # the right password was never even compared

    def test_an_address_guessing_many_accounts_is_locked_out_too(self, editor, settings):
        settings.TWO_FACTOR = "off"
        guesser = from_address("203.0.113.6")
        for n in range(settings.AXES_FAILURE_LIMIT):
            sign_in(guesser, f"someone{n}", "guess")

        assert sign_in(guesser, "writer").status_code == 429
        assert sign_in(from_address("198.51.100.21"), "writer").status_code == 302  # the account itself is fine

    def test_after_the_cool_off_the_right_password_works_and_resets_the_count(self, editor, settings):
        from axes.models import AccessAttempt

        settings.TWO_FACTOR = "off"
        guesser = from_address("203.0.113.7")
        for n in range(settings.AXES_FAILURE_LIMIT):
            sign_in(guesser, "writer", f"guess {n}")
        started = AccessAttempt.objects.first().attempt_time
        AccessAttempt.objects.update(attempt_time=started - settings.AXES_COOLOFF_TIME)

        assert sign_in(guesser, "writer").status_code == 302
        assert not AccessAttempt.objects.filter(username="writer").exists()


class TestSecondFactor:
    @pytest.fixture(autouse=True)
    def _required_for_site_administrators(self, settings):
        settings.TWO_FACTOR = "superusers"

    def test_a_site_administrator_sets_up_the_app_on_first_sign_in_and_keeps_recovery_codes(self, site_admin, settings):
        settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no wait after the wrong code below (see the throttling test)
        client = Client()
        signed = sign_in(client, "chief", next_url="/admin/news/article/")
        assert signed.status_code == 302

        # The password alone opens nothing: the admin sends them to set up the second factor …
        admin_page = client.get("/admin/news/article/")
        assert admin_page.status_code == 302 and admin_page["Location"].startswith("/admin/two-factor/setup/")
        # … and the session counts as signed out everywhere else.
        assert client.get("/api/v1/articles/?status=draft").status_code in {200, 401, 403}
        assert client.post("/api/v1/topics/", {"name": "x"}, content_type="application/json").status_code in {401, 403}

        setup = client.get(admin_page["Location"])
        page = setup.content.decode()
        assert setup.status_code == 200 and "no-store" in setup["Cache-Control"]
        assert re.search(r'<img class="two-factor__qr" src="data:image/svg\+xml', page)
        device = TOTPDevice.objects.get(user=site_admin, confirmed=False)
        assert setup.context["key"].replace(" ", "") in page.replace(" ", "")

        wrong = client.post(admin_page["Location"], {"code": "000000" if code(device) != "000000" else "111111"})
        assert wrong.status_code == 200 and "验证码不对" in wrong.content.decode()

        done = client.post(admin_page["Location"], {"code": code(device), "next": "/admin/news/article/"})
        assert done.status_code == 200
        codes = done.context["codes"]
        assert len(codes) == 10 and all(recovery in done.content.decode() for recovery in codes)
        assert client.get("/admin/news/article/").status_code == 200
        device.refresh_from_db()
        assert device.confirmed

    def test_next_time_the_code_from_the_app_is_asked_for_after_the_password(self, site_admin, settings):
        settings.OTP_TOTP_THROTTLE_FACTOR = 0
        device = TOTPDevice.objects.create(user=site_admin, name="app", confirmed=True)
        client = Client()
        sign_in(client, "chief")

        asked = client.get("/admin/")
        assert asked.status_code == 302 and asked["Location"].startswith("/admin/two-factor/?next=")
        page = client.get(asked["Location"])
        assert "验证码" in page.content.decode()
        assert client.post(asked["Location"], {"code": "12345"}).status_code == 200  # wrong: asked again
        assert client.get("/admin/").status_code == 302

        verified = client.post(asked["Location"], {"code": code(device, later=1)})
        assert verified.status_code == 302 and verified["Location"] == "/admin/"
        assert client.get("/admin/").status_code == 200

    def test_a_recovery_code_works_once_in_place_of_the_app(self, site_admin):
        from accounts import twofactor

        TOTPDevice.objects.create(user=site_admin, name="app", confirmed=True)
        recovery = twofactor.new_recovery_codes(site_admin)[0]
        for attempt, expected in [(1, 200), (2, 302)]:
            client = Client()
            sign_in(client, "chief")
            client.post("/admin/two-factor/", {"code": recovery, "next": "/admin/"})
            assert client.get("/admin/").status_code == (expected if attempt == 2 else 200)
        assert not StaticToken.objects.filter(token=recovery).exists()

    def test_after_a_wrong_code_even_the_right_one_waits_a_while(self, site_admin):
        device = TOTPDevice.objects.create(user=site_admin, name="app", confirmed=True)
        client = Client()
        sign_in(client, "chief")
        client.post("/admin/two-factor/", {"code": "000000" if code(device, 1) != "000000" else "111111"})

        refused = client.post("/admin/two-factor/", {"code": code(device, later=1)})

        assert refused.status_code == 200 and "等待片刻" in refused.content.decode()
        assert client.get("/admin/").status_code == 302

    def test_a_stolen_password_cannot_make_new_recovery_codes(self, site_admin):
        TOTPDevice.objects.create(user=site_admin, name="app", confirmed=True)
        client = Client()
        sign_in(client, "chief")

        response = client.post("/admin/two-factor/recovery-codes/")

        assert response.status_code == 302 and response["Location"].startswith("/admin/two-factor/?next=")
        assert not StaticToken.objects.exists()

    def test_a_stolen_password_cannot_enrol_a_new_phone(self, site_admin):
        TOTPDevice.objects.create(user=site_admin, name="app", confirmed=True)
        client = Client()
        sign_in(client, "chief")

        response = client.get("/admin/two-factor/setup/")

        assert response.status_code == 302 and response["Location"].startswith("/admin/two-factor/?next=")
        assert TOTPDevice.objects.filter(user=site_admin).count() == 1

    def test_staff_other_than_administrators_are_asked_only_when_the_office_wants_everyone_to(self, editor, settings):
        client = Client()
        sign_in(client, "writer")
        assert client.get("/admin/").status_code == 200

        settings.TWO_FACTOR = "staff"
        assert client.get("/admin/")["Location"].startswith("/admin/two-factor/setup/")

    def test_signing_out_works_before_the_second_factor(self, site_admin):
        client = Client()
        sign_in(client, "chief")

        client.post("/admin/logout/")

        assert "_auth_user_id" not in client.session
        assert client.get("/admin/")["Location"].startswith(LOGIN)


def test_an_idle_staff_session_ends(editor, settings):
    settings.TWO_FACTOR = "off"
    client = Client()
    sign_in(client, "writer")
    assert client.get("/admin/").status_code == 200

    session = client.session
    session[LAST_SEEN] = int(time.time()) - settings.STAFF_IDLE_SECONDS - 1
    session.save()

    assert client.get("/admin/")["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_public_pages_set_no_session_for_a_visitor(client):
    response = client.get("/")

    assert not response.cookies


def test_a_lockout_is_logged_once_and_refused_requests_not_at_all(editor, settings, caplog):
    import logging

    from portal.logs import NotThrottled

    settings.TWO_FACTOR = "off"
    guesser = from_address("203.0.113.8")
    with caplog.at_level(logging.WARNING):
        for n in range(settings.AXES_FAILURE_LIMIT + 10):
            sign_in(guesser, "writer", f"guess {n}")

    shown = [record for record in caplog.records if NotThrottled().filter(record) and record.name != "axes"]
    assert [record.getMessage() for record in shown if "locked out" in record.getMessage()] == [
        "Sign-in locked out: account 'writer', address 203.0.113.8"
    ]
    assert not [record for record in shown if "Too Many Requests" in record.getMessage()]


def test_check_deploy_warns_when_the_second_factor_is_off(settings):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    settings.TWO_FACTOR = "off"
    with pytest.raises(SystemCheckError, match="accounts.W001"):
        call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "security")


def test_a_wrong_password_is_explained_in_plain_chinese(editor):
    page = sign_in(Client(), "writer", "wrong").content.decode()

    assert "请输入工作人员账号的正确用户名和密码。注意两者都区分大小写。" in page


def test_the_second_step_and_the_lockout_page_carry_the_portal_name_and_no_empty_sidebar(site_admin, settings):
    settings.TWO_FACTOR = "superusers"
    client = Client()
    sign_in(client, "chief")
    setup = client.get("/admin/two-factor/setup/").content.decode()

    assert "科创门户" in setup and "nav-sidebar" not in setup
    guesser = from_address("203.0.113.9")
    for n in range(settings.AXES_FAILURE_LIMIT):
        locked = sign_in(guesser, "chief", f"guess {n}")
    assert locked.status_code == 429 and "科创门户 · 管理后台" in locked.content.decode()
