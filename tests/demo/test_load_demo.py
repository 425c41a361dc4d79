"""`load_demo` as a command: a second run changes nothing, staff edits survive a reload, --reset, --admin, errors."""

import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.migrations.executor import MigrationExecutor

from achievements.models import Achievement, KeyFigure
from enterprises.models import Enterprise, Sector
from news.models import Article
from projects.models import Project
from regions.models import Region
from tests.demo.test_demo_content import ENTERPRISES, KEY_FIGURES, PROJECTS, load

pytestmark = pytest.mark.django_db

CONTENT_APPS = {"regions", "topics", "images", "enterprises", "projects", "news", "achievements", "auth"}


def snapshot() -> dict[str, list[dict]]:
    """Every row of every content table (through tables too), as plain values."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in CONTENT_APPS
    }


def test_running_twice_changes_no_row_and_no_value():
    first = load()
    before = snapshot()
    output = load()
    assert snapshot() == before
    assert "演示内容：新建 0 条；已存在" in output and "保留不动。" in output
    assert "新建 0 条" not in first
    assert Project.objects.count() == len(PROJECTS)
    assert KeyFigure.objects.count() == len(KEY_FIGURES)


def test_a_slug_staff_changed_survives_a_reload():
    load()
    Project.objects.filter(name="咸宁科技创新中心").update(slug="ke-chuang-zhong-xin")
    load()
    load("--reset")
    assert Project.objects.get(name="咸宁科技创新中心").slug == "ke-chuang-zhong-xin"


def staff_edits():
    """A retitled review, an unpublished project, a corrected figure, a removed milestone, a renamed enterprise."""
    review = Article.objects.get(kind=Article.Kind.REVIEW)
    review.title = "科技创新实现新突破（修订）"
    review.save()
    Project.objects.filter(name="咸宁科技创新中心").update(status="unpublished", unpublish_reason="数据待核实")
    KeyFigure.objects.filter(text="205家").update(value=Decimal("250"))
    Project.objects.get(name="崇阳县高分子材料产业集群").milestones.get().delete()
    Enterprise.objects.filter(name="湖北世丰新材料有限公司").update(name="湖北世丰新材料股份有限公司")
    return review.pk


def test_a_reload_keeps_every_staff_edit_and_says_so():
    load()
    review_pk = staff_edits()

    output = load()

    assert Article.objects.get(pk=review_pk).title == "科技创新实现新突破（修订）"
    project = Project.objects.get(name="咸宁科技创新中心")
    assert (project.status, project.unpublish_reason) == ("unpublished", "数据待核实")
    assert not Project.objects.published().filter(name="咸宁科技创新中心").exists()
    assert KeyFigure.objects.get(text="205家").value == Decimal("250")
    assert not Project.objects.get(name="崇阳县高分子材料产业集群").milestones.exists()
    # The renamed enterprise is found by its address: no second copy under the demo's name.
    assert list(Enterprise.objects.filter(name__startswith="湖北世丰").values_list("name", flat=True)) == [
        "湖北世丰新材料股份有限公司"
    ]
    assert Enterprise.objects.count() == len(ENTERPRISES)
    assert "演示内容：新建 0 条" in output
    assert "其中 4 条与演示内容不同，是工作人员的修改，已保留；恢复演示内容请加 --reset" in output
    assert "被删去的 1 条关键数据、章节或里程碑没有补建" in output
    assert "  项目 / 平台：新建 0，未变 14，保留修改 1" in output
    assert "  里程碑：新建 0，未变 6，未补建 1" in output


def test_verbose_reload_names_the_items_it_kept():
    load()
    staff_edits()
    out = io.StringIO()
    call_command("load_demo", verbosity=2, stdout=out)
    assert "项目 / 平台“咸宁科技创新中心”" in out.getvalue()
    assert "文章“科技创新实现新突破（修订）”" in out.getvalue()


def test_reset_restores_the_demo_text_status_and_parts():
    load()
    review_pk = staff_edits()
    own = Project.objects.create(name="工作人员自己的项目", kind="platform", status="draft")

    output = load("--reset")

    assert Article.objects.get(pk=review_pk).title == "科技创新实现新突破"
    assert Project.objects.published().filter(name="咸宁科技创新中心").exists()
    assert Project.objects.get(name="咸宁科技创新中心").unpublish_reason == ""
    assert KeyFigure.objects.get(text="205家").value == Decimal("205")
    assert Project.objects.get(name="崇阳县高分子材料产业集群").milestones.count() == 1
    assert Enterprise.objects.filter(name="湖北世丰新材料有限公司").exists()
    assert Enterprise.objects.count() == len(ENTERPRISES)
    # What staff made themselves is not demo content and stays as it is.
    own.refresh_from_db()
    assert (own.name, own.status) == ("工作人员自己的项目", "draft")
    assert "演示内容已恢复：新建 1 条，恢复为演示内容 4 条" in output
    assert load("--reset").count("恢复为演示内容 0 条") == 1


def test_a_deleted_demo_item_is_created_again_without_duplicating_the_rest():
    load()
    Achievement.objects.get(figures__text="4.2万亩").delete()

    output = load()

    assert KeyFigure.objects.filter(text="4.2万亩").count() == 1
    assert Achievement.objects.count() == len({a.slug for a in Achievement.objects.all()})
    assert KeyFigure.objects.count() == len(KEY_FIGURES)
    assert "演示内容：新建 " in output and "新建 0 条" not in output


def test_no_user_is_created_without_the_admin_flag():
    load()
    assert not get_user_model().objects.exists()


def test_admin_flag_prints_a_generated_password_once_and_a_second_run_keeps_it(monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_USERNAME", raising=False)
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    monkeypatch.delenv("PORT", raising=False)
    first = load("--admin")
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.is_staff
    password = first.split("请登录后修改）：")[1].split()[0]
    assert user.check_password(password)
    assert "http://127.0.0.1:8000/admin/" in first

    second = load("--admin")
    assert password not in second
    assert "已存在" in second
    assert get_user_model().objects.get(username="admin").password == user.password


def test_admin_address_names_the_port_make_run_serves_on(monkeypatch):
    monkeypatch.setenv("PORT", "8011")
    assert "后台地址：http://127.0.0.1:8011/admin/" in load("--admin")


def test_admin_flag_takes_name_and_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "keji")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-demo-password")
    output = load("--admin")
    assert "a-long-demo-password" not in output
    assert get_user_model().objects.get(username="keji").check_password("a-long-demo-password")


def test_admin_flag_never_changes_an_existing_password(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "new-password-from-env")
    monkeypatch.delenv("DJANGO_SUPERUSER_USERNAME", raising=False)
    get_user_model().objects.create_user(username="admin", password="the-old-one")
    load("--admin")
    assert get_user_model().objects.get(username="admin").check_password("the-old-one")


def test_a_clashing_region_slug_is_a_clear_error_and_writes_nothing():
    # 武汉 is the last region written, so everything before it must be rolled back too.
    Region.objects.create(name="别的地方", slug="wuhan", kind=Region.Kind.OUTSIDE)
    with pytest.raises(CommandError, match="地区"):
        load()
    assert Region.objects.count() == 1
    assert not Sector.objects.exists()


def test_unapplied_migrations_are_a_clear_error(monkeypatch):
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("pending", False)])
    with pytest.raises(CommandError, match="migrate"):
        load()
