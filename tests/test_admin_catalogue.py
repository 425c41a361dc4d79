"""The admin in Chinese where Django and the rich-text editor leave English: the admin's JavaScript catalogue
(/admin/jsi18n/) and a few of Django's own strings (locale/zh_Hans); English stays English."""

import gettext
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.test_i18n import po_entries

pytestmark = pytest.mark.django_db

CHINESE_CATALOGUE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES"


def served_catalogue(client) -> dict:
    """The translations /admin/jsi18n/ hands the admin's scripts (its ``newcatalog``)."""
    script = client.get(reverse("admin:jsi18n")).content.decode()
    if "const newcatalog = " not in script:
        return {}
    return json.loads(script.split("const newcatalog = ", 1)[1].split(";\n", 1)[0])


def test_the_admin_scripts_catalogue_is_chinese(admin_client):
    catalogue = served_catalogue(admin_client)

    # Django's two-list selector (a user's groups), whose zh_Hans translation Django lacks.
    assert catalogue['Choose %s by selecting them and then select the "Choose" arrow button.'] == (
        "在左侧选中要添加的%s，再点“选择”箭头。"
    )
    assert catalogue["Choose all %s"] == "选择全部%s"
    # Django's own zh_Hans translations still come through.
    assert catalogue["Filter"] == "过滤"
    # The rich-text editor's dialogs (its gettext calls) and toolbar (through static/js/admin.js).
    assert catalogue["Insert Figure"] == "插入图片"
    assert catalogue["Browse..."] == "选择图片…"
    assert catalogue["bold"] == "加粗"


def test_the_admin_scripts_catalogue_stays_english_in_the_english_interface(admin_client):
    admin_client.post(reverse("set_language"), {"language": "en", "next": "/admin/"})

    catalogue = served_catalogue(admin_client)

    assert "Insert Figure" not in catalogue and "Choose all %s" not in catalogue


def test_the_admin_home_reads_chinese_to_screen_readers_too(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()

    assert "内容类型" in html and "修改或查看列表链接" in html
    assert "Model name" not in html and "Change or view list link" not in html


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_chinese_catalogue_entry_is_translated_and_compiled(domain):
    entries = po_entries(CHINESE_CATALOGUE / f"{domain}.po")
    with open(CHINESE_CATALOGUE / f"{domain}.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)

    def served(msgid, msgstr):
        if msgstr:
            return compiled.gettext(msgid) == msgstr
        return compiled.ngettext(msgid, msgid, 1) != msgid  # a plural entry (msgstr[0])

    assert entries
    assert [msgid for msgid, msgstr in entries.items() if not served(msgid, msgstr)] == []
