"""Bulk import and export of achievements with figures, projects with milestones and enterprises."""

import csv
import datetime
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import Workbook, load_workbook
from reversion.models import Version

from achievements.models import Achievement, KeyFigure
from enterprises.models import Enterprise
from presentation import exports
from projects.models import Milestone, Project
from publishing.models import AuditEntry, Draft, PublishStatus
from publishing.roles import EDITOR, REVIEWER, SITE_ADMINISTRATOR, sync_roles
from publishing.services import content_publish
from regions.models import Region
from tests.factories import (
    AchievementFactory,
    EnterpriseFactory,
    HonourFactory,
    InstitutionFactory,
    KeyFigureFactory,
    MilestoneFactory,
    ProjectFactory,
    RegionFactory,
    SectorFactory,
)
from transfer.services import ImportFileError, content_export, content_import
from transfer.shapes import SHAPES

pytestmark = pytest.mark.django_db

CST = datetime.timezone(datetime.timedelta(hours=8))

ACHIEVEMENTS_CSV = """\
成果标题,类别,年度,地区,发布时间,指标,原文写法,数值,单位,限定词
离岸科创园集聚企业,创新平台,2025,临川市,2025-11-26 07:00,签约企业,205家,205,家,
离岸科创园集聚企业,,,,,总投资额,50亿元,,,达
良种推广,农业科技,2025,南岭县,,推广面积,4.2万亩,4.2万,亩,
"""


@pytest.fixture(autouse=True)
def regions(db):
    return [RegionFactory(name="临川市"), RegionFactory(name="南岭县")]


def run_import(text: str | bytes, name="data.csv", **kwargs):
    content = text.encode("utf-8") if isinstance(text, str) else text
    return content_import(name=name, content=content, **kwargs)


def call(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def staff(username, role):
    if not Group.objects.filter(name=role).exists():  # a transactional test's flush removed what migrations made
        sync_roles(Group, Permission)
    user = User.objects.create_user(username=username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


# --- Formats --------------------------------------------------------------------------------------


def test_csv_import_creates_draft_achievements_with_their_figures_and_normalised_values():
    report = run_import(ACHIEVEMENTS_CSV)

    assert report.ok and report.saved
    park = Achievement.objects.get(title="离岸科创园集聚企业")
    assert park.status == PublishStatus.DRAFT
    assert park.region.name == "临川市"
    # A past review keeps its real date, to be used when it is published.
    assert park.published_at == datetime.datetime(
        2025, 11, 26, 7, tzinfo=datetime.timezone(datetime.timedelta(hours=8))
    )
    figures = list(park.figures.values_list("label", "text", "value", "unit", "qualifier", "bound"))
    assert figures == [
        ("签约企业", "205家", Decimal("205"), "家", "", "exact"),
        ("总投资额", "50亿元", Decimal("5000000000"), "元", "达", "exact"),
    ]
    assert KeyFigure.objects.get(label="推广面积").value == Decimal("42000")


def test_xlsx_import_reads_one_sheet_per_shape():
    workbook = Workbook()
    workbook.active.title = "说明"
    workbook.active.append(["这一页是说明，不会导入"])
    enterprises = workbook.create_sheet("企业")
    enterprises.append(["企业全称", "所在地区", "所属产业", "简介"])
    enterprises.append(["临川新材料有限公司", "临川市", "新材料", "做电磁线的企业"])
    projects = workbook.create_sheet("项目")
    projects.append(["项目名称", "类型", "运营企业", "投资金额（元）", "里程碑日期", "里程碑事项", "里程碑已完成"])
    projects.append(["临川智算中心", "算力 / 基础设施", "临川新材料有限公司", 300000000, "2025-12", "完成安装", "是"])
    projects.append(["临川智算中心", None, None, None, datetime.date(2026, 1, 15), "集群点亮", "否"])
    SectorFactory(name="新材料")
    out = io.BytesIO()
    workbook.save(out)

    report = run_import(out.getvalue(), name="data.xlsx")

    assert report.ok, report.errors
    project = Project.objects.get(name="临川智算中心")
    assert project.operator.name == "临川新材料有限公司"
    assert project.investment == Decimal("300000000")
    assert list(project.milestones.values_list("title", "date", "precision", "is_done")) == [
        ("完成安装", datetime.date(2025, 12, 1), "month", True),
        ("集群点亮", datetime.date(2026, 1, 15), "day", False),
    ]


def test_json_import_nests_figures_and_milestones():
    data = {
        "achievements": [
            {
                "title": "良种推广",
                "category": "agriculture",
                "year": 2025,
                "date": "2025-09",
                "figures": [{"label": "推广面积", "text": "4.2万亩"}],
            }
        ],
        "projects": [{"name": "两院平台", "kind": "platform", "milestones": [{"date": "2026", "title": "建成"}]}],
    }

    report = run_import(json.dumps(data, ensure_ascii=False), name="data.json")

    assert report.ok, report.errors
    achievement = Achievement.objects.get()
    assert (achievement.date, achievement.date_precision) == (datetime.date(2025, 9, 1), "month")
    figure = achievement.figures.get()
    assert (figure.value, figure.unit) == (Decimal("42000"), "亩")
    assert Milestone.objects.get().precision == "year"


# --- All or nothing -------------------------------------------------------------------------------


def test_a_bad_row_saves_nothing_and_the_report_names_its_row_and_column():
    bad = ACHIEVEMENTS_CSV.replace("4.2万亩,4.2万,亩", "4.2万亩,四点二万,亩")

    report = run_import(bad)

    assert not report.saved
    assert report.errors == ["第4行，“数值”列：请填写数字，可以带“万”“亿”，例如 42000 或 4.2万；现在是“四点二万”。"]
    assert not Achievement.objects.exists()
    assert not KeyFigure.objects.exists()
    assert not AuditEntry.objects.exists()


def test_unknown_region_and_choice_are_reported_per_cell():
    report = run_import("成果标题,类别,年度,地区\n甲,平台,2025,火星\n")
    assert report.errors == [
        "第2行，“类别”列：“平台”不是可选的值；可选：创新平台、企业创新、重点项目、科技金融、农业科技、产业升级、算力、人才引育、服务改革、科研攻关。",
        "第2行，“地区”列：找不到地区“火星”；请检查写法，或先在后台（或同一文件中）添加它。",
    ]


def test_rows_of_one_achievement_must_agree():
    report = run_import("成果标题,类别,年度,指标,原文写法\n甲,算力,2025,算力,1000P\n甲,科技金融,2025,卡,500张\n")
    assert report.errors == [
        "第3行，“类别”列：同一成果在第2行写的是“算力”，这里是“科技金融”；同一条目的各行须一致，或只在第一行填写。"
    ]


def test_dry_run_validates_and_reports_but_saves_nothing():
    report = run_import(ACHIEVEMENTS_CSV, dry_run=True)

    assert report.ok and not report.saved
    assert report.summary() == "成果：新建 2，更新 0；关键数据：新建 3，更新 0"
    assert not Achievement.objects.exists()


def test_reimporting_the_same_file_updates_instead_of_duplicating():
    run_import(ACHIEVEMENTS_CSV)
    report = run_import(ACHIEVEMENTS_CSV.replace("205家,205", "206家,206"))

    assert report.summary() == "成果：新建 0，更新 1，未变、跳过 1；关键数据：新建 0，更新 2"
    assert Achievement.objects.count() == 2
    assert KeyFigure.objects.count() == 3
    assert KeyFigure.objects.get(label="签约企业").value == Decimal("206")


def test_an_editor_changes_published_content_through_an_import_as_a_draft_over_live():
    editor = staff("editor", EDITOR)
    achievement = AchievementFactory(title="离岸科创园集聚企业", year=2025, region=Region.objects.get(name="临川市"))
    KeyFigureFactory(achievement=achievement, label="签约企业", text="200家", value=Decimal("200"), unit="家")

    report = run_import(ACHIEVEMENTS_CSV, user=editor)

    assert report.saved, report.errors
    assert "成果：新建 1，更新 0，存为待审草稿（公开版本不变）1" in report.summary()
    assert list(achievement.figures.values_list("text", flat=True)) == ["200家"]  # live: untouched
    draft = Draft.objects.get()
    assert sorted(row["fields"]["text"] for row in draft.data["inlines"][0]["rows"]) == ["205家", "50亿元"]
    entry = AuditEntry.objects.filter(object_id=str(achievement.pk)).get()
    assert (entry.action, entry.user) == (AuditEntry.Action.EDITED, editor)


def test_reimporting_an_unchanged_export_skips_every_row(client):
    client.force_login(staff("editor", EDITOR))
    published = AchievementFactory(title="离岸科创园集聚企业", year=2025, region=Region.objects.get(name="临川市"))
    KeyFigureFactory(achievement=published, label="签约企业", text="205家", value=Decimal("205"), unit="家")
    AchievementFactory(title="良种推广", year=2025, draft=True, region=Region.objects.get(name="南岭县"))
    # Downloading the exports is in the audit log; nothing else may be.
    changes = AuditEntry.objects.exclude(action=AuditEntry.Action.EXPORTED)
    versions = (published.version, Version.objects.count(), changes.count())
    for fmt in ["csv", "xlsx"]:
        exported = full_export(client, "achievements_achievement", fmt)

        response = upload(client, reverse(IMPORT_URL), exported, name=f"export.{fmt}")

        page = response.content.decode()
        assert "没有保存任何内容" not in page, re.findall(r"<li>(.*?)</li>", page)[-5:]
        assert "成果：新建 0，更新 0，未变、跳过 2" in page
    published.refresh_from_db()
    assert (published.version, changes.count()) == (versions[0], versions[2])
    assert not Draft.objects.exists()


def test_the_import_page_links_templates_with_the_import_headings(client):
    client.force_login(staff("editor", EDITOR))
    page = client.get(reverse(IMPORT_URL)).content.decode()
    template_url = reverse("admin:achievements_achievement_import_template", args=["csv"])
    assert template_url in page
    assert reverse("admin:achievements_achievement_import_template", args=["xlsx"]) in page

    response = client.get(template_url)

    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert response["Content-Disposition"].endswith('achievements-template.csv"')
    assert len(rows) == 1 and rows[0][:3] == ["网址名", "成果标题", "类别"]
    assert client.get(reverse("admin:achievements_achievement_import_template", args=["pdf"])).status_code == 404


def test_a_reviewer_without_the_force_publish_right_cannot_publish_on_import():
    reviewer = staff("reviewer", REVIEWER)

    with pytest.raises(PermissionDenied, match="只有有强制发布权限的站点管理员"):
        run_import(ACHIEVEMENTS_CSV, user=reviewer, publish=True, reason="往年内容")

    assert not Achievement.objects.exists()
    assert not AuditEntry.objects.exists()


def test_publishing_on_import_needs_a_reason():
    with pytest.raises(ValidationError, match="请填写强制发布的理由"):
        run_import(ACHIEVEMENTS_CSV, user=staff("siteadmin", SITE_ADMINISTRATOR), publish=True, reason="  ")
    assert not Achievement.objects.exists()


def test_publishing_on_import_is_a_force_publish_logged_with_who_and_why():
    site_admin = staff("siteadmin", SITE_ADMINISTRATOR)

    report = run_import(ACHIEVEMENTS_CSV, user=site_admin, publish=True, reason="2025年回顾，已线下审核")

    assert report.summary() == "成果：新建 2，更新 0；关键数据：新建 3，更新 0；强制发布 2 项"
    assert Achievement.objects.published().count() == 2
    # An imported past-year item is published at its real date; one without a date at the time of import.
    park = Achievement.objects.get(title="离岸科创园集聚企业")
    assert park.published_at == datetime.datetime(2025, 11, 26, 7, tzinfo=CST)
    assert Achievement.objects.get(title="良种推广").published_at <= timezone.now()
    entries = AuditEntry.objects.filter(object_id=str(park.pk)).order_by("id")
    assert list(entries.values_list("action", "user_repr", "comment")) == [
        ("created", "siteadmin", "批量导入：data.csv"),
        ("force_published", "siteadmin", "2025年回顾，已线下审核"),
    ]
    # The revision history names the importer and the reason, as a force publish in the admin does.
    version = Version.objects.get_for_object(park).get()
    assert version.revision.user == site_admin
    assert version.revision.comment == "批量导入：data.csv；强制发布：2025年回顾，已线下审核"
    assert version.field_dict["status"] == PublishStatus.PUBLISHED


def test_force_publish_on_import_publishes_existing_drafts_and_leaves_public_items_alone():
    site_admin = staff("siteadmin", SITE_ADMINISTRATOR)
    AchievementFactory(title="离岸科创园集聚企业", year=2025)  # already public
    AchievementFactory(title="良种推广", year=2025, status=PublishStatus.UNPUBLISHED)

    report = run_import(ACHIEVEMENTS_CSV, user=site_admin, publish=True, reason="重新上线")

    assert report.summary().endswith("强制发布 1 项")
    assert Achievement.objects.published().count() == 2
    assert list(AuditEntry.objects.filter(action="force_published").values_list("object_repr", flat=True)) == [
        "良种推广"
    ]


def test_a_publishing_import_never_changes_live_content_under_a_pending_draft():
    from publishing import drafts
    from publishing.services import draft_save

    site_admin = staff("siteadmin", SITE_ADMINISTRATOR)
    park = AchievementFactory(title="离岸科创园集聚企业", year=2025)
    region = park.region
    draft_save(obj=park, user=site_admin, data=drafts.snapshot(park, []))

    report = run_import(ACHIEVEMENTS_CSV, user=site_admin, publish=True, reason="更正地区")

    assert any("有待发布的草稿" in error for error in report.errors), report.errors
    park.refresh_from_db()
    assert park.region == region  # nothing of the file was saved: the import is all or nothing
    assert not Achievement.objects.filter(title="良种推广").exists()


def test_submitting_on_import_puts_items_in_review_for_another_reviewer():
    importer, colleague = staff("reviewer", REVIEWER), staff("colleague", REVIEWER)

    report = run_import(ACHIEVEMENTS_CSV, user=importer, submit=True)

    assert report.summary().endswith("提交审核 2 项")
    park = Achievement.objects.get(title="离岸科创园集聚企业")
    assert (park.status, park.submitted_by) == (PublishStatus.IN_REVIEW, importer)
    assert not Achievement.objects.published().exists()
    assert AuditEntry.objects.filter(action="submitted", user=importer).count() == 2
    # Four eyes: the importer cannot approve what they submitted; a colleague can.
    with pytest.raises(PermissionDenied, match="双人把关"):
        content_publish(obj=park, user=importer)
    content_publish(obj=park, user=colleague)
    assert Achievement.objects.published().get() == park


def test_an_import_that_submits_many_items_sends_each_reviewer_one_mail(mailoutbox, django_capture_on_commit_callbacks):
    importer, colleague = staff("reviewer", REVIEWER), staff("colleague", REVIEWER)
    colleague.email = "wang@example.cn"
    colleague.save()

    with django_capture_on_commit_callbacks(execute=True):
        run_import(ACHIEVEMENTS_CSV, user=importer, submit=True)

    [message] = mailoutbox
    assert message.to == ["wang@example.cn"]
    assert message.subject == "【科创门户】2 条审核通知"
    assert "离岸科创园集聚企业" in message.body and "良种推广" in message.body
    assert message.body.count("您好") == 1


def test_a_dry_run_import_sends_no_mail(mailoutbox, django_capture_on_commit_callbacks):
    importer, colleague = staff("reviewer", REVIEWER), staff("colleague", REVIEWER)
    colleague.email = "wang@example.cn"
    colleague.save()

    with django_capture_on_commit_callbacks(execute=True):
        run_import(ACHIEVEMENTS_CSV, user=importer, submit=True, dry_run=True)

    assert mailoutbox == []


def test_operator_imports_cannot_submit_or_publish_without_naming_a_person():
    with pytest.raises(PermissionDenied, match="须指明"):
        run_import(ACHIEVEMENTS_CSV, publish=True, reason="往年内容")
    with pytest.raises(PermissionDenied, match="须指明"):
        run_import(ACHIEVEMENTS_CSV, submit=True)
    assert not Achievement.objects.exists()


# --- Years out of range ---------------------------------------------------------------------------


OUT_OF_RANGE = [
    ("0001-01-01", "发布时间"),
    ("9999-12-31 23:00", "发布时间"),
    ("1899-12-31", "发布时间"),
    ("2101-01-01T00:00+08:00", "发布时间"),
    ("0001", "日期"),
    ("9999-12", "日期"),
    ("2101年1月", "日期"),
]


def out_of_range_csv(value: str, column: str) -> str:
    published_at, date = (value, "") if column == "发布时间" else ("", value)
    return f"成果标题,类别,年度,日期,发布时间\n甲,算力,2025,{date},{published_at}\n"


@pytest.mark.parametrize(("value", "column"), OUT_OF_RANGE)
def test_a_year_outside_1900_to_2100_is_a_cell_error_naming_row_and_column(value, column):
    report = run_import(out_of_range_csv(value, column))

    assert report.errors == [f"第2行，“{column}”列：年份须在 1900 至 2100 年之间；现在是“{value}”。"]
    assert not Achievement.objects.exists()


def test_years_1900_and_2100_are_accepted():
    report = run_import("成果标题,类别,年度,日期,发布时间\n甲,算力,2025,1900-01-01,2100-12-31 23:59\n")

    assert report.ok, report.errors
    assert Achievement.objects.get().date == datetime.date(1900, 1, 1)


def test_out_of_range_dates_of_milestones_key_figures_and_json_are_refused_too():
    report = run_import("项目名称,类型,启动日期,里程碑日期,里程碑事项\n甲平台,创新平台,0001,9999-01,建成\n")
    assert report.errors == [
        "第2行，“启动日期”列：年份须在 1900 至 2100 年之间；现在是“0001”。",
        "第2行，“里程碑日期”列：年份须在 1900 至 2100 年之间；现在是“9999-01”。",
    ]
    data = {
        "achievements": [
            {
                "title": "甲",
                "category": "computing",
                "year": 2025,
                "published_at": "0001-01-01",
                "figures": [{"label": "算力", "text": "1000P", "as_of": "9999"}],
            }
        ]
    }
    report = run_import(json.dumps(data, ensure_ascii=False), name="data.json")
    assert [error.split("：", 1)[1] for error in report.errors] == [
        "年份须在 1900 至 2100 年之间；现在是“0001-01-01”。",
        "年份须在 1900 至 2100 年之间；现在是“9999”。",
    ]
    assert "“发布时间”（published_at）" in report.errors[0] and "“截至时间”（as_of）" in report.errors[1]
    assert not Achievement.objects.exists() and not Project.objects.exists()


def test_import_command_reports_an_out_of_range_year_without_a_traceback(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text(out_of_range_csv("0001-01-01", "发布时间"), encoding="utf-8")
    err = io.StringIO()

    with pytest.raises(CommandError, match="没有保存任何内容"):
        call_command("import_content", str(path), stdout=io.StringIO(), stderr=err)

    assert "第2行，“发布时间”列：年份须在 1900 至 2100 年之间；现在是“0001-01-01”。" in err.getvalue()
    assert not Achievement.objects.exists()


@pytest.mark.parametrize(
    ("value", "column"), [("0001-01-01", "发布时间"), ("9999-12-31", "发布时间"), ("0001", "日期")]
)
def test_admin_import_page_reports_an_out_of_range_year(client, value, column):
    client.force_login(staff("editor", EDITOR))

    response = upload(client, reverse(IMPORT_URL), out_of_range_csv(value, column))

    assert response.status_code == 200
    page = response.content.decode()
    assert "没有保存任何内容" in page
    assert f"第2行，“{column}”列：年份须在 1900 至 2100 年之间；现在是“{value}”。" in page
    assert not Achievement.objects.exists()


# --- Bad files ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("data.csv", ACHIEVEMENTS_CSV.encode("gbk"), "不是 UTF-8 编码"),
        ("data.csv", "成果标题,类别,年度,颜色\n甲,算力,2025,红\n".encode(), "无法识别的列：第4列“颜色”"),
        ("data.csv", "成果标题,年度\n甲,2025\n".encode(), "缺少必填的列：“类别”"),
        ("data.csv", "标题,内容\n甲,乙\n".encode(), "无法识别表格内容"),
        ("data.xlsx", b"PK\x03\x04 not really a workbook", "无法打开这个 Excel 文件"),
        ("data.json", b'{"achievements": [', "JSON 格式有误"),
        ("data.json", b'{"people": []}', "无法识别的键：people"),
        ("data.xls", b"\xd0\xcf\x11\xe0", "请上传 .csv、.xlsx 或 .json"),
        ("data.csv", b"", "文件是空的"),
    ],
    ids=[
        "encoding",
        "unknown-column",
        "missing-column",
        "no-shape",
        "broken-xlsx",
        "broken-json",
        "json-key",
        "xls",
        "empty",
    ],
)
def test_a_bad_file_gets_a_clear_message(name, content, message):
    with pytest.raises(ImportFileError, match=message):
        content_import(name=name, content=content)


def test_import_command_reports_a_bad_file_without_a_traceback(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes(ACHIEVEMENTS_CSV.encode("gbk"))
    with pytest.raises(CommandError, match="不是 UTF-8 编码"):
        call("import_content", str(path))


def test_import_command_lists_row_errors_and_saves_nothing(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text(ACHIEVEMENTS_CSV.replace(",2025,南岭县", ",二五年,南岭县"), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="没有保存任何内容"):
        call_command("import_content", str(path), stdout=io.StringIO(), stderr=err)
    assert "第4行，“年度”列：请填写整数" in err.getvalue()
    assert not Achievement.objects.exists()


def test_import_command_shows_progress_and_supports_dry_run(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text(ACHIEVEMENTS_CSV, encoding="utf-8")

    out, err = call("import_content", str(path), "--dry-run")
    assert "检查通过" in out and "2/2" in err
    assert not Achievement.objects.exists()

    out, _ = call("import_content", str(path))
    assert "导入完成：成果：新建 2" in out
    assert set(Achievement.objects.values_list("status", flat=True)) == {PublishStatus.DRAFT}


@pytest.fixture
def csv_file(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text(ACHIEVEMENTS_CSV, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--publish"], "请用 --user 指明有强制发布权限的账号"),
        (["--publish", "--user", "siteadmin"], "请用 --reason"),
        (["--publish", "--user", "nobody", "--reason", "往年"], "没有用户名为“nobody”的账号"),
        (["--reason", "往年"], "--reason 只和 --publish 一起使用"),
        (["--submit"], "--submit 须用 --user 指明由谁提交审核"),
        (["--publish", "--user", "reviewer", "--reason", "往年"], "只有有强制发布权限的站点管理员"),
        (["--publish", "--user", "reviewer", "--reason", "往年", "--dry-run"], "只有有强制发布权限的站点管理员"),
    ],
    ids=["no-user", "no-reason", "unknown-user", "reason-alone", "submit-no-user", "reviewer", "reviewer-dry-run"],
)
def test_import_command_refuses_a_publish_it_may_not_do_and_saves_nothing(csv_file, args, message):
    staff("siteadmin", SITE_ADMINISTRATOR)
    staff("reviewer", REVIEWER)
    with pytest.raises(CommandError, match=message):
        call("import_content", csv_file, *args)
    assert not Achievement.objects.exists()
    assert not AuditEntry.objects.exists()


def test_import_command_force_publishes_with_the_right_and_a_reason(csv_file):
    staff("siteadmin", SITE_ADMINISTRATOR)

    out, _ = call("import_content", csv_file, "--publish", "--user", "siteadmin", "--reason", "往年回顾，已审核")

    assert "导入完成：成果：新建 2，更新 0；关键数据：新建 3，更新 0；强制发布 2 项" in out
    assert Achievement.objects.published().count() == 2
    entries = AuditEntry.objects.filter(action="force_published")
    assert set(entries.values_list("user_repr", "comment")) == {("siteadmin", "往年回顾，已审核")}
    assert entries.count() == 2


def test_import_command_submits_for_review_as_the_named_user(csv_file):
    reviewer = staff("reviewer", REVIEWER)

    out, _ = call("import_content", csv_file, "--submit", "--user", "reviewer")

    assert "提交审核 2 项" in out
    assert set(Achievement.objects.values_list("status", "submitted_by")) == {(PublishStatus.IN_REVIEW, reviewer.pk)}


def test_import_command_cannot_both_submit_and_publish(csv_file):
    with pytest.raises(CommandError, match="not allowed with argument"):
        call("import_content", csv_file, "--submit", "--publish")


# --- Export and round trip ------------------------------------------------------------------------


def make_content(region):
    sector, honour = SectorFactory(name="新材料"), HonourFactory(name="专精特新")
    university = InstitutionFactory(name="临川大学", region=region)
    enterprise = EnterpriseFactory(name="临川新材料有限公司", region=region, sector=sector, body="<p>简介</p>")
    enterprise.honours.set([honour])
    enterprise.partners.set([university])
    project = ProjectFactory(
        name="临川智算中心",
        region=region,
        operator=enterprise,
        investment=Decimal("300000000"),
        investment_text="3亿元",
    )
    project.partner_institutions.set([university])
    MilestoneFactory(project=project, date=datetime.date(2026, 1, 1), precision="month", title="集群点亮")
    MilestoneFactory(project=project, date=datetime.date(2025, 1, 1), precision="year", title="签约", is_done=True)
    achievement = AchievementFactory(
        title="=cmd()|' /C calc'!A0", region=region, date=datetime.date(2025, 10, 25), date_precision="day"
    )
    achievement.projects.set([project])
    achievement.enterprises.set([enterprise])
    KeyFigureFactory(achievement=achievement, label="算力", text="1000P", value=Decimal("1000"), unit="P", order=1)
    KeyFigureFactory(
        achievement=achievement,
        label="-投资",
        text="3亿元",
        value=Decimal("300000000"),
        unit="元",
        order=2,
        kind="stock",
        measure="总投资",
    )
    KeyFigureFactory(
        achievement=achievement, label="占比", text="12.5%", value=Decimal("12.5"), unit="%", order=3, kind="rate"
    )
    AchievementFactory(title="没有数字的成果", category="talent", year=2024, region=None)


def wipe():
    Achievement.objects.all().delete()
    Project.objects.all().delete()
    Enterprise.objects.all().delete()


def exported(**kwargs) -> bytes:
    """The file ``content_export`` writes, as bytes."""
    out = io.BytesIO()
    content_export(out=out, **kwargs)
    return out.getvalue()


def xlsx_values(content: bytes) -> dict:
    workbook = load_workbook(io.BytesIO(content))
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook.worksheets}


@pytest.mark.parametrize("fmt", ["json", "xlsx"])
def test_export_reimports_into_an_empty_database_to_the_same_content(regions, fmt):
    make_content(regions[0])
    first = exported(shape="all", fmt=fmt)

    wipe()
    report = content_import(name=f"all.{fmt}", content=first)
    second = exported(shape="all", fmt=fmt)

    assert report.ok, report.errors
    assert report.summary().startswith("企业：新建 1")
    if fmt == "xlsx":
        assert xlsx_values(second) == xlsx_values(first)
    else:
        assert second == first


@pytest.mark.parametrize("shape", ["enterprises", "projects", "achievements"])
def test_csv_export_of_each_shape_reimports_to_the_same_file(regions, shape):
    make_content(regions[0])
    files = {name: exported(shape=name, fmt="csv") for name in ["enterprises", "projects", "achievements"]}

    wipe()
    for name in ["enterprises", "projects", "achievements"]:  # what later files refer to comes first
        assert content_import(name=f"{name}.csv", content=files[name]).ok

    assert exported(shape=shape, fmt="csv") == files[shape]


def test_a_figures_kind_and_measure_are_exported_and_read_back(regions):
    make_content(regions[0])

    rows = list(csv.DictReader(io.StringIO(exported(shape="achievements", fmt="csv").decode("utf-8-sig"))))
    investment = next(row for row in rows if row["指标"] == "'-投资")
    assert (investment["指标类型"], investment["统计口径"]) == ("存量（时点数，截至某时的总数）", "总投资")
    share = next(row for row in rows if row["指标"] == "占比")
    assert (share["指标类型"], share["统计口径"]) == ("比率（增速、占比、百分比、倍数）", "")

    report = run_import(
        "成果标题,类别,年度,指标,原文写法,单位,指标类型,统计口径\n"
        "园区联合贷,科技金融,2025,单笔贷款额度,1000万元,元,ceiling,\n"
        "园区联合贷,,,授信企业,120家,家,流量（时期数，一段时间内新增或完成的量）,授信企业数\n"
        "园区联合贷,,,贷款余额,3亿元,元,,\n"
        "园区联合贷,,,贷款企业,80家,家,存量,贷款企业数\n"  # the short name before the brackets will do
    )

    assert report.ok, report.errors
    figures = KeyFigure.objects.filter(achievement__title="园区联合贷").order_by("label")
    assert {figure.label: (figure.kind, figure.measure) for figure in figures} == {
        "单笔贷款额度": ("ceiling", ""),
        "授信企业": ("flow", "授信企业数"),
        "贷款余额": ("", ""),  # left empty: not marked, never added up
        "贷款企业": ("stock", "贷款企业数"),
    }


def test_a_file_without_the_kind_columns_still_imports_its_figures_unmarked(regions):
    report = run_import(ACHIEVEMENTS_CSV)

    assert report.ok, report.errors
    assert set(KeyFigure.objects.values_list("kind", "measure")) == {("", "")}


def test_a_wrong_kind_names_the_choices():
    report = run_import("成果标题,类别,年度,指标,原文写法,指标类型\n甲,科技金融,2025,额度,10万元,最高额\n")

    assert "“最高额”不是可选的值" in report.errors[0] and "上限或门槛" in report.errors[0]


def test_hostile_cells_are_exported_as_text_and_read_back_unchanged(regions):
    make_content(regions[0])

    csv_text = exported(shape="achievements", fmt="csv").decode("utf-8")
    sheet = xlsx_values(exported(shape="achievements", fmt="xlsx"))["成果"]

    assert "'=cmd()|' /C calc'!A0" in csv_text
    assert "'-投资" in csv_text
    assert "\n=cmd" not in csv_text and ",=cmd" not in csv_text
    assert sheet[1][1] == "'=cmd()|' /C calc'!A0"
    Achievement.objects.all().delete()
    assert content_import(name="a.csv", content=csv_text.encode("utf-8")).ok
    assert Achievement.objects.filter(title="=cmd()|' /C calc'!A0").exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_an_export_reads_its_rows_a_chunk_at_a_time_with_their_links_per_chunk(regions, monkeypatch, fmt):
    """Not all rows at once, nor a query per row: a chunk's rows are read with their links and figures together."""
    monkeypatch.setattr(exports, "CHUNK_SIZE", 5)
    for number in range(12):
        KeyFigureFactory(achievement=AchievementFactory(title=f"成果{number:02}", region=regions[0]))

    def export(achievements) -> tuple[int, list[str]]:
        with CaptureQueriesContext(connection) as queries:
            content = exported(shape="achievements", fmt=fmt, querysets={"achievements": achievements})
        if fmt == "xlsx":
            titles = [row[1] for row in xlsx_values(content)["成果"][1:]]
        elif fmt == "json":
            titles = [item["title"] for item in json.loads(content)["achievements"]]
        else:
            titles = [row[1] for row in list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))[1:]]
        return len(queries), titles

    one_chunk, first_five = export(Achievement.objects.filter(title__lt="成果05"))
    three_chunks, all_twelve = export(Achievement.objects.all())

    assert first_five == [f"成果{number:02}" for number in range(5)]
    assert all_twelve == [f"成果{number:02}" for number in range(12)]
    # Per further chunk: its projects, enterprises, institutions and figures (the figures have no region).
    assert three_chunks == one_chunk + 2 * 4


def test_export_command_writes_each_format(tmp_path, regions):
    make_content(regions[0])
    out, _ = call("export_content", "projects", "--format", "csv")
    assert out.splitlines()[0].startswith("网址名,项目名称")
    call("export_content", "all", "--format", "xlsx", "-o", str(tmp_path / "all.xlsx"))
    assert set(xlsx_values((tmp_path / "all.xlsx").read_bytes())) == {"企业", "项目", "成果"}
    with pytest.raises(CommandError, match="CSV 每个文件只能放一类内容"):
        call("export_content", "all", "--format", "csv")


# --- Admin ----------------------------------------------------------------------------------------


def upload(client, url, text, name="data.csv", **fields):
    """Posts the form; a valid upload is queued (run at once in tests) and its page, with the report, is returned."""
    file = SimpleUploadedFile(name, text.encode("utf-8") if isinstance(text, str) else text)
    return client.post(url, {"file": file, **fields}, follow=True)


IMPORT_URL = "admin:achievements_achievement_import"


def full_export(client, model: str, fmt: str) -> bytes:
    """The admin's full export: queued (and run at once in tests), then downloaded from its page."""
    page = client.post(reverse(f"admin:{model}_export", args=[fmt]), follow=True).content.decode()
    return client.get(re.search(r'href="([^"]+/download/)"', page)[1]).content


def test_changelists_link_to_import_and_export(client):
    client.force_login(staff("editor", EDITOR))
    for model in ["achievements_achievement", "projects_project", "enterprises_enterprise"]:
        page = client.get(reverse(f"admin:{model}_changelist")).content.decode()
        assert reverse(f"admin:{model}_import") in page
        assert reverse(f"admin:{model}_export", args=["xlsx"]) in page


def test_admin_import_page_imports_drafts_and_reports_counts(client):
    client.force_login(staff("editor", EDITOR))
    page = client.get(reverse(IMPORT_URL)).content.decode()
    assert 'value="submit"' in page  # editors import drafts, or send them to review
    assert 'value="publish"' not in page and "强制发布的理由" not in page

    response = upload(client, reverse(IMPORT_URL), ACHIEVEMENTS_CSV)

    assert response.status_code == 200
    assert "成果：新建 2，更新 0；关键数据：新建 3，更新 0" in response.content.decode()
    assert set(Achievement.objects.values_list("status", flat=True)) == {PublishStatus.DRAFT}
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATED, user__username="editor").count() == 2


def test_admin_import_page_lists_row_errors_and_saves_nothing(client):
    client.force_login(staff("editor", EDITOR))
    response = upload(client, reverse(IMPORT_URL), ACHIEVEMENTS_CSV.replace("4.2万,亩", "abc,亩"))
    page = response.content.decode()
    assert "没有保存任何内容" in page
    assert "第4行，“数值”列" in page
    assert not Achievement.objects.exists()


def test_admin_import_page_answers_a_broken_file_with_a_form_error(client):
    client.force_login(staff("editor", EDITOR))
    response = upload(client, reverse(IMPORT_URL), b"PK\x03\x04junk", name="data.xlsx")
    assert response.status_code == 200
    assert "无法打开这个 Excel 文件" in response.content.decode()


def test_admin_dry_run_saves_nothing(client):
    client.force_login(staff("editor", EDITOR))
    response = upload(client, reverse(IMPORT_URL), ACHIEVEMENTS_CSV, dry_run="on")
    assert "检查通过" in response.content.decode()
    assert not Achievement.objects.exists()


def test_admin_import_page_explains_how_imported_items_are_published(client):
    client.force_login(staff("reviewer", REVIEWER))
    page = client.get(reverse(IMPORT_URL)).content.decode()
    assert "提交审核：由另一位审核人员审核后发布" in page
    assert "等同于强制发布：只有有强制发布权限的站点管理员可以选择" in page
    assert 'value="publish"' not in page and "强制发布的理由" not in page  # not offered to a plain reviewer

    client.force_login(staff("siteadmin", SITE_ADMINISTRATOR))
    page = client.get(reverse(IMPORT_URL)).content.decode()
    assert 'value="publish"' in page and "强制发布的理由" in page


def test_a_reviewer_cannot_publish_on_import_from_the_admin(client):
    client.force_login(staff("reviewer", REVIEWER))

    response = upload(client, reverse(IMPORT_URL), ACHIEVEMENTS_CSV, after="publish", reason="往年内容")

    assert response.status_code == 200
    assert "只有有强制发布权限的站点管理员可以这样做" in response.content.decode()
    assert not Achievement.objects.exists()
    # Only the refused attempt is logged: who tried to publish which file.
    refusal = AuditEntry.objects.get()
    assert (refusal.action, refusal.user_repr) == (AuditEntry.Action.REFUSED, "reviewer")
    assert refusal.comment.startswith("导入“") and "只有有强制发布权限的站点管理员" in refusal.comment


def test_site_admin_must_give_a_reason_to_publish_on_import_from_the_admin(client):
    client.force_login(staff("siteadmin", SITE_ADMINISTRATOR))

    response = upload(client, reverse(IMPORT_URL), ACHIEVEMENTS_CSV, after="publish", reason="")

    assert "请填写强制发布的理由" in response.content.decode()
    assert not Achievement.objects.exists()


def test_site_admin_force_publishes_on_import_from_the_admin_and_the_audit_log_shows_why(client):
    client.force_login(staff("siteadmin", SITE_ADMINISTRATOR))

    response = upload(client, reverse(IMPORT_URL), ACHIEVEMENTS_CSV, after="publish", reason="往年回顾，已审核")

    assert "强制发布 2 项" in response.content.decode()
    assert Achievement.objects.published().count() == 2
    log = client.get(reverse("admin:publishing_auditentry_changelist"), {"action__exact": "force_published"})
    rows = [(entry.user_repr, entry.object_repr, entry.comment) for entry in log.context["cl"].result_list]
    assert sorted(rows) == [
        ("siteadmin", "离岸科创园集聚企业", "往年回顾，已审核"),
        ("siteadmin", "良种推广", "往年回顾，已审核"),
    ]
    assert "往年回顾，已审核" in log.content.decode()


def test_editor_submits_on_import_from_the_admin_and_a_reviewer_approves(client):
    editor = staff("editor", EDITOR)
    client.force_login(editor)

    response = upload(client, reverse(IMPORT_URL), ACHIEVEMENTS_CSV, after="submit")

    assert "提交审核 2 项" in response.content.decode()
    assert set(Achievement.objects.values_list("status", "submitted_by")) == {(PublishStatus.IN_REVIEW, editor.pk)}
    client.force_login(staff("reviewer", REVIEWER))
    client.post(
        reverse("admin:achievements_achievement_changelist"),
        {"action": "publish_selected", "_selected_action": list(Achievement.objects.values_list("pk", flat=True))},
    )
    assert Achievement.objects.published().count() == 2
    assert AuditEntry.objects.filter(action="published", user__username="reviewer").count() == 2


def test_admin_export_of_ticked_rows_reimports(client, regions):
    make_content(regions[0])
    client.force_login(staff("reviewer", REVIEWER))
    chosen = Achievement.objects.get(title="没有数字的成果")
    response = client.post(
        reverse("admin:achievements_achievement_changelist"),
        {"action": "export_selected_json", "_selected_action": [chosen.pk]},
    )
    data = json.loads(response.getvalue())
    assert [item["title"] for item in data["achievements"]] == ["没有数字的成果"]
    assert response["Content-Disposition"].startswith("attachment")


def test_staff_without_add_permission_cannot_open_the_import_page(client):
    viewer = User.objects.create_user(username="viewer", password="pw", is_staff=True)
    client.force_login(viewer)
    assert client.get(reverse(IMPORT_URL)).status_code == 403


def test_time_is_china_standard_time_in_exports(regions):
    AchievementFactory(title="甲", published_at=datetime.datetime(2025, 12, 31, 23, 30, tzinfo=CST))
    assert "2025-12-31 23:30:00" in exported(shape="achievements", fmt="csv").decode("utf-8")


@pytest.mark.parametrize("name", ["enterprises.csv", "projects.csv", "achievements.csv", "template.xlsx"])
def test_documented_templates_import(name):
    RegionFactory(name="咸宁市")
    RegionFactory(name="嘉鱼县")
    path = Path(__file__).resolve().parents[2] / "docs" / "import" / name

    report = content_import(name=name, content=path.read_bytes(), dry_run=True)

    assert report.ok, report.errors


def test_readme_documents_every_column():
    readme = (Path(__file__).resolve().parents[2] / "docs" / "import" / "README.md").read_text(encoding="utf-8")
    for shape in SHAPES.values():
        for column, _, english in shape.flat_columns():
            assert f"| {column.title} |" in readme and english.split("_", 1)[-1] in readme


# --- English interface ----------------------------------------------------------------------------
# Files are Chinese whatever the interface language: a colleague in the Chinese admin must be able to re-import
# what was exported in the English one. The report around the file's own words follows the interface language.

TEMPLATES = Path(__file__).resolve().parents[2] / "docs" / "import"


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.parametrize("name", ["enterprises.csv", "projects.csv", "achievements.csv", "template.xlsx"])
def test_the_chinese_templates_import_from_the_english_admin(client, name):
    RegionFactory(name="咸宁市")
    RegionFactory(name="嘉鱼县")
    client.force_login(staff("editor", EDITOR))

    response = upload(in_english(client), reverse(IMPORT_URL), (TEMPLATES / name).read_bytes(), name=name)

    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en"' in page
    assert "Errors found" not in page and "is not one of the choices" not in page
    assert f"Imported “{name}”" in page
    assert Achievement.objects.exists() or Project.objects.exists() or Enterprise.objects.exists()


def test_the_english_admin_imports_chinese_choices_and_reports_counts_in_english(client):
    client.force_login(staff("editor", EDITOR))

    response = upload(in_english(client), reverse(IMPORT_URL), ACHIEVEMENTS_CSV)

    assert "Achievements: 2 new, 0 updated; Key figures: 3 new, 0 updated" in response.content.decode()
    assert set(Achievement.objects.values_list("category", flat=True)) == {"platform", "agriculture"}


def test_in_english_a_wrong_choice_offers_the_chinese_values_the_file_must_hold():
    with translation.override("en"):
        report = run_import("成果标题,类别,年度,地区\n甲,平台,2025,火星\n")

    assert report.errors[0] == (
        "Row 2, column “类别”: “平台” is not one of the choices; choose one of: 创新平台, 企业创新, 重点项目, "
        "科技金融, 农业科技, 产业升级, 算力, 人才引育, 服务改革, 科研攻关."
    )
    assert report.errors[1].startswith("Row 2, column “地区”: ")


def test_the_english_admin_reports_row_and_file_errors_in_english_naming_the_chinese_columns(client):
    client.force_login(staff("editor", EDITOR))
    in_english(client)

    rows = upload(client, reverse(IMPORT_URL), ACHIEVEMENTS_CSV.replace("4.2万亩,4.2万,亩", "4.2万亩,四点二万,亩"))
    broken = upload(client, reverse(IMPORT_URL), b"PK\x03\x04junk", name="data.xlsx")
    unknown = upload(client, reverse(IMPORT_URL), "成果标题,类别,年度,颜色\n甲,算力,2025,红\n")

    assert "Row 4, column “数值”: Please write a number" in rows.content.decode()
    assert "第4行" not in rows.content.decode() and "请填写数字" not in rows.content.decode()
    assert "Cannot open this Excel file" in broken.content.decode()
    assert "无法打开" not in broken.content.decode()
    assert "Unknown columns: column 4 “颜色”." in unknown.content.decode()
    assert not Achievement.objects.exists()


def test_json_errors_in_english_name_the_item_and_its_key():
    content = json.dumps({"achievements": [{"title": "甲", "category": "platform", "year": "二五"}]})

    with translation.override("en"):
        report = run_import(content, name="data.json")
        with pytest.raises(ImportFileError, match=r"^Achievement 1 \(achievements\[0\]\) has unknown keys: colour\.$"):
            run_import('{"achievements": [{"title": "甲", "colour": "红"}]}', name="data.json")

    assert report.errors == [
        "Achievement 1 (achievements[0]), “年度” (year): Please write a whole number such as 2025; you wrote “二五”."
    ]


@pytest.mark.parametrize("shape", ["enterprises", "projects", "achievements"])
def test_an_export_from_the_english_admin_is_the_chinese_file_and_reimports_unchanged(client, regions, shape):
    make_content(regions[0])
    chinese = exported(shape=shape, fmt="csv")
    client.force_login(staff("reviewer", REVIEWER))
    model = {"enterprises": "enterprises_enterprise", "projects": "projects_project"}.get(
        shape, "achievements_achievement"
    )

    english = full_export(in_english(client), model, "csv")

    assert english == chinese
    words = {"enterprises": ["企业全称"], "projects": ["项目名称", "创新平台", "运营中"], "achievements": ["创新平台"]}
    assert all(word in english.decode("utf-8") for word in words[shape])
    files = {name: exported(shape=name, fmt="csv") for name in ["enterprises", "projects", "achievements"]}
    wipe()
    for name in ["enterprises", "projects", "achievements"]:
        assert content_import(name=f"{name}.csv", content=english if name == shape else files[name]).ok
    assert exported(shape=shape, fmt="csv") == chinese


def test_an_xlsx_and_json_export_made_in_english_reimports_in_chinese_to_the_same_content(regions):
    make_content(regions[0])
    with translation.override("en"):
        workbook = exported(shape="all", fmt="xlsx")
        data = exported(shape="all", fmt="json")
    sheet = xlsx_values(workbook)["成果"]
    assert sheet[0][:3] == ["网址名", "成果标题", "类别"] and {row[2] for row in sheet[1:]} == {"创新平台", "人才引育"}

    wipe()
    assert content_import(name="all.xlsx", content=workbook).ok

    assert xlsx_values(exported(shape="all", fmt="xlsx")) == xlsx_values(workbook)
    assert exported(shape="all", fmt="json") == data


def test_every_spreadsheet_download_escapes_formulas_the_same_way_and_keeps_numbers_numbers(client, regions):
    """One guard for the figure download, the open-data download and the admin's export: text that a spreadsheet
    would run (=, +, -, @) is shown as written, numbers stay numbers."""
    KeyFigureFactory(label="@SUM(A1)", text="+1", qualifier="-2", value=Decimal("-5"), unit="元")
    client.force_login(staff("reviewer", REVIEWER))

    def row(content: bytes) -> dict:
        header, first = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))[:2]
        return dict(zip(header, first, strict=True))

    downloads = {
        "figures": row(client.get(reverse("achievements:export_csv")).getvalue()),
        "open data": row(client.get(reverse("api:figure-export", kwargs={"format": "csv"})).getvalue()),
        "admin export": row(full_export(client, "achievements_achievement", "csv")),
    }

    for name, cells in downloads.items():
        assert (cells["指标"], cells["原文写法"], cells["限定词"], cells["数值"]) == (
            "'@SUM(A1)",
            "'+1",
            "'-2",
            "-5",
        ), name


def test_every_excel_download_escapes_formulas_the_same_way_and_writes_numbers_as_number_cells(client, regions):
    """The same rule in the three workbooks: a title that starts a formula is text, 数值 is a number cell."""
    KeyFigureFactory(label="@SUM(A1)", value=Decimal("-5"), achievement__title="=cmd()", achievement__year=2025)
    client.force_login(staff("reviewer", REVIEWER))

    def first_row(content: bytes) -> dict:
        header, first = list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(max_row=2))
        return {title.value: cell for title, cell in zip(header, first, strict=True)}

    downloads = {
        "figures": first_row(client.get(reverse("achievements:export_xlsx")).getvalue()),
        "open data": first_row(client.get(reverse("api:figure-export", kwargs={"format": "xlsx"})).getvalue()),
        "admin export": first_row(full_export(client, "achievements_achievement", "xlsx")),
    }

    for name, cells in downloads.items():
        title = cells["成果标题" if name == "admin export" else "成果"]
        value = cells["数值"]
        assert (title.value, title.data_type, cells["指标"].value) == ("'=cmd()", "s", "'@SUM(A1)"), name
        assert (value.value, value.data_type) == (-5, "n"), name
        assert (cells["年度"].value, cells["年度"].data_type) == (2025, "n"), name


def test_uploaded_spreadsheets_are_parsed_with_defusedxml():
    """An XLSX is a zip of XML files: openpyxl refuses entity bombs and external entities only with defusedxml."""
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL: a save commits while the export reads")
@pytest.mark.django_db(transaction=True)
def test_an_export_reads_the_content_as_it_was_when_it_began(monkeypatch):
    """A long export (a chunk at a time) and a staff member saving meanwhile: the file holds every row as it was
    when the export began, an achievement with its figures as they were together, not a mix of before and after."""
    import threading

    from django.db import connections

    monkeypatch.setattr(exports, "CHUNK_SIZE", 1)
    first = AchievementFactory(title="成果一")
    second = AchievementFactory(title="成果二")
    KeyFigureFactory(achievement=second, label="签约企业", text="205家", value=Decimal("205"), unit="家")

    def save_meanwhile():
        Achievement.objects.filter(pk=second.pk).update(title="成果二（已改）")
        KeyFigure.objects.filter(achievement=second).update(text="206家", value=Decimal("206"))
        connections.close_all()

    class SavesAfterTheFirstRow(io.BytesIO):
        saved = False

        def write(self, data):
            if not self.saved and "成果一".encode() in self.getvalue() + data:
                self.saved = True
                thread = threading.Thread(target=save_meanwhile)  # another connection, committed at once
                thread.start()
                thread.join()
            return super().write(data)

    out = SavesAfterTheFirstRow()
    content_export(shape="achievements", fmt="csv", out=out)

    rows = list(csv.reader(io.StringIO(out.getvalue().decode("utf-8-sig"))))
    assert out.saved
    assert [row[1] for row in rows[1:]] == [first.title, "成果二"]
    assert "205家" in rows[2] and "206家" not in rows[2]
    assert Achievement.objects.get(pk=second.pk).title == "成果二（已改）"
