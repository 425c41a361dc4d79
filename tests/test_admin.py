"""Staff can open, search, filter and save everything in the admin."""

import datetime
import io

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from factory.django import DjangoModelFactory
from PIL import Image as PillowImage

from achievements.models import KeyFigure
from enterprises.models import Person
from home.models import SiteSettings
from images.models import Image
from news.models import Article, ArticleSection
from publishing.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db

FACTORIES = {
    factory._meta.model: factory
    for factory in vars(factories).values()
    if isinstance(factory, type) and issubclass(factory, DjangoModelFactory) and factory._meta.model
}

# Every model of ours the admin shows; Django's own (users, groups) and the libraries' (API tokens, lockouts,
# second-factor devices: tests/accounts/) are tested where they are used.
ADMIN_MODELS = [
    model
    for model in apps.get_models()
    if admin.site.is_registered(model) and "site-packages" not in model._meta.app_config.path
]
SINGLETONS = {SiteSettings}
# The audit log is written by the workflow only: it has no add form. Inline parts are added in their parent's form.
READ_ONLY = {AuditEntry, KeyFigure, ArticleSection, Person}
SEARCHABLE_MODELS = [model for model in ADMIN_MODELS if admin.site.get_model_admin(model).search_fields]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def make(model):
    if model not in FACTORIES:
        pytest.fail(f"{model._meta.label} is in the admin but has no factory in tests/factories.py")
    return FACTORIES[model]()


def by_label(model):
    return model._meta.label


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=by_label)
def test_staff_can_open_the_list_the_add_form_and_an_existing_item(admin_client, model):
    obj = make(model)
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    # A singleton (site settings) has its one row already, so adding a second is forbidden.
    assert admin_client.get(admin_url(model, "add")).status_code == (403 if model in SINGLETONS | READ_ONLY else 200)
    assert admin_client.get(admin_url(model, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize("model", SEARCHABLE_MODELS, ids=by_label)
def test_admin_search_finds_the_item_by_its_first_search_field(admin_client, model):
    obj = make(model)
    term = obj
    for part in admin.site.get_model_admin(model).search_fields[0].lstrip("^=@").split("__"):
        term = getattr(term, part)
    url = admin_url(model, "changelist")

    found = admin_client.get(url, {"q": term})
    missed = admin_client.get(url, {"q": "没有这样的内容"})

    assert obj in found.context["cl"].result_list
    assert list(missed.context["cl"].result_list) == []


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=by_label)
def test_every_admin_filter_choice_answers(admin_client, model):
    obj = make(model)
    url = admin_url(model, "changelist")
    changelist = admin_client.get(url).context["cl"]

    for spec in changelist.filter_specs:
        for choice in spec.choices(changelist):
            response = admin_client.get(url + choice["query_string"])
            # An invalid lookup makes the admin redirect to "?e=1" instead of answering.
            assert response.status_code == 200, f"{spec.title}: {choice['query_string']}"

    date_field = admin.site.get_model_admin(model).date_hierarchy
    if date_field:
        value = getattr(obj, date_field)
        if isinstance(value, datetime.datetime):
            value = timezone.localtime(value)  # the admin's drill-down counts in the site's time zone
        response = admin_client.get(url, {f"{date_field}__year": value.year})
        assert obj in response.context["cl"].result_list


def section_form(index, **values):
    return {f"sections-{index}-{name}": value for name, value in values.items()}


def test_article_with_sections_saved_in_the_admin_has_sanitised_html(admin_client):
    data = {
        "kind": Article.Kind.REVIEW,
        "series": "奋发有为 这一年",
        "title": "科技创新实现新突破",
        "subtitle": "",
        "slug": "",
        "year": "2025",
        "byline": "本报记者 某某",
        "source": "咸宁日报",
        "based_on_date_precision": "month",  # the select always sends one
        "lead": "这一年，咸宁科技创新实现新突破。",
        "body": '<p>总投资<strong>50亿元</strong><script>alert("x")</script></p>',
        "cover": "",
        "status": "published",
        "published_at_0": "2026-01-05",
        "published_at_1": "08:00:00",
        "sections-TOTAL_FORMS": "2",
        "sections-INITIAL_FORMS": "0",
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "1000",
        **section_form(0, order="1", label="新格局", heading="打造区域协同创新样本", body="<p>离岸科创园</p>"),
        **section_form(
            1, order="2", label="新突破", heading="从技术攻坚到产业升级", body='<p onclick="steal()">中试</p>'
        ),
        "_save": "保存",
    }

    response = admin_client.post(admin_url(Article, "add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.slug == "ke-ji-chuang-xin-shi-xian-xin-tu-po"
    assert "<strong>50亿元</strong>" in article.body
    assert "script" not in article.body
    assert [(s.label, s.body) for s in article.sections.all()] == [
        ("新格局", "<p>离岸科创园</p>"),
        ("新突破", "<p>中试</p>"),
    ]


def png_upload():
    buffer = io.BytesIO()
    PillowImage.new("RGB", (40, 30), "teal").save(buffer, format="PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def test_image_without_alt_text_is_refused_unless_decorative(admin_client):
    response = admin_client.post(admin_url(Image, "add"), {"title": "科创中心", "alt_text": "", "file": png_upload()})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["alt_text"] == ["请填写替代文字，或勾选“纯装饰图片”。"]
    assert not Image.objects.exists()


def test_decorative_image_needs_no_alt_text(admin_client):
    data = {"title": "花纹", "alt_text": "", "is_decorative": "on", "file": png_upload()}

    response = admin_client.post(admin_url(Image, "add"), data)

    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (40, 30)


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=by_label)
def test_anonymous_visitor_is_sent_to_the_admin_login(client, model):
    url = admin_url(model, "changelist")

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={url}"


@pytest.mark.parametrize("model_name", ["enterprises.Enterprise", "enterprises.Institution"])
def test_a_website_pasted_without_its_scheme_is_saved_as_https(rf, admin_user, model_name):
    model = apps.get_model(model_name)
    request = rf.get("/")
    request.user = admin_user
    form_class = admin.site.get_model_admin(model).get_form(request)
    assert form_class.base_fields["website"].clean("kjj.example.gov.cn") == "https://kjj.example.gov.cn"
