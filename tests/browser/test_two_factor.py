"""A site administrator's first sign-in in a real browser: password, then the authenticator app is set up from the
QR code's key, ten recovery codes are shown, and the admin opens; nothing refused by the Content-Security-Policy."""

import base64
import re
import time

import pytest
from django.contrib.auth.models import User
from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.browser.test_content_security_policy import RECORD_VIOLATIONS, violations

pytestmark = pytest.mark.browser

PASSWORD = "a long test password"


def app_code(key_as_shown: str) -> str:
    """What an authenticator app shows for the key printed under the QR code."""
    key = key_as_shown.replace(" ", "")
    totp = TOTP(base64.b32decode(key + "=" * (-len(key) % 8)))
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_first_sign_in_of_a_site_administrator_sets_up_the_second_factor(page, settings):
    settings.TWO_FACTOR = "superusers"
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    User.objects.create_superuser("chief", "chief@example.org", PASSWORD)
    page.add_init_script(RECORD_VIOLATIONS)

    page.goto("/admin/login/?next=/admin/news/article/")
    page.get_by_label("用户名").fill("chief")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()

    expect(page).to_have_url(re.compile(r"/admin/two-factor/setup/"))
    qr = page.get_by_role("img", name="设置身份验证器应用的二维码")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.naturalWidth") > 0
    key = page.locator(".two-factor__key").inner_text()
    page.get_by_label("验证码").fill(app_code(key))
    page.get_by_role("button", name="完成设置").click()

    codes = page.locator(".two-factor__codes li")
    expect(codes).to_have_count(10)
    page.get_by_role("link", name="我已保存，继续").click()
    expect(page).to_have_url(re.compile(r"/admin/news/article/$"))
    expect(page.get_by_role("link", name="两步验证", exact=True)).to_be_visible()
    assert violations(page) == []
