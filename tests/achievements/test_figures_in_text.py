"""Key figures in the prose (publishing/richtext.py, achievements/citations.py): a body states a figure by its id,
its pages show the figure's current value linked to it, a correction reaches every page that cites it with a dated
note, and a cited figure is not deleted without naming the pages."""

import datetime
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from achievements.models import Achievement, FigureCitation, FigureCorrection, KeyFigure
from news.models import Article
from publishing.models import PublishStatus
from tests.api_helpers import if_match, token_client
from tests.factories import AchievementFactory, ArticleFactory, ArticleSectionFactory, KeyFigureFactory

pytestmark = pytest.mark.django_db


def cite(figure, text=None):
    return f'<data value="figure:{figure.pk}">{text or figure.text}</data>'


def make_figure():
    achievement = AchievementFactory(title="高标准农田建设", slug="farmland")
    return KeyFigureFactory(achievement=achievement, label="新建高标准农田", text="4.1万亩", value=41000, unit="亩")


@pytest.fixture
def figure():
    return make_figure()


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# The chooser


def test_the_editor_offers_the_figure_chooser(admin_client):
    article = ArticleFactory()

    html = admin_client.get(reverse("admin:news_article_change", args=[article.pk])).content.decode()

    assert reverse("admin:achievements_keyfigure_richtext_chooser") in html
    assert "richtext-figure" in html  # the editor's module for it (settings.DJANGO_PROSE_EDITOR_EXTENSIONS)


def test_chooser_lists_and_searches_figures_with_their_achievement(admin_client, figure):
    KeyFigureFactory(label="离岸科创园签约企业", text="205家", achievement__title="离岸科创园")
    url = reverse("admin:achievements_keyfigure_richtext_chooser")

    html = admin_client.get(url).content.decode()
    assert f'data-id="{figure.pk}" data-text="4.1万亩"' in html
    assert "高标准农田建设" in html and "205家" in html

    for query in ("农田", "4.1万", "高标准农田建设"):
        html = admin_client.get(url, {"q": query}).content.decode()
        assert f'data-id="{figure.pk}"' in html and "205家" not in html


def test_chooser_is_for_staff_who_may_see_figures(client, figure):
    url = reverse("admin:achievements_keyfigure_richtext_chooser")
    assert client.get(url).status_code == 302

    client.force_login(User.objects.create_user("intern", password="pw", is_staff=True))
    assert client.get(url).status_code == 403

    user = User.objects.create_user("writer", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_keyfigure"))
    client.force_login(user)
    assert f'data-id="{figure.pk}"' in client.get(url).content.decode()


# The stored markup


def test_saving_keeps_a_figure_and_nothing_else_of_it(figure):
    body = (
        f'<p>新建 <data value="figure:{figure.pk}" onclick="alert(1)" class="x"><b>4.1万亩</b></data>，'
        '<data value="figure:999999">3家</data>、<data value="other">7项</data>、'
        '<span data-figure="1">9个</span></p>'
    )
    article = ArticleFactory(body=body)
    article.refresh_from_db()

    assert article.body == f'<p>新建 <data value="figure:{figure.pk}">4.1万亩</data>，3家、7项、9个</p>'
    assert list(FigureCitation.objects.values_list("figure", flat=True)) == [figure.pk]


def test_citations_follow_the_body(figure):
    other = KeyFigureFactory()
    article = ArticleFactory(body=f"<p>{cite(figure)}</p>")
    section = ArticleSectionFactory(body=f"<p>{cite(other)}</p>")
    assert set(figure.citations.values_list("object_id", flat=True)) == {article.pk}

    article.body = f"<p>{cite(other)}</p>"
    article.save()
    assert not figure.citations.exists()
    assert other.citations.count() == 2

    section.delete()
    assert other.citations.count() == 1


# Public pages


def test_article_shows_the_current_value_linked_to_the_figure(client, figure):
    article = ArticleFactory(body=f"<p>全年新建高标准农田{cite(figure)}。</p>")
    KeyFigure.objects.filter(pk=figure.pk).update(text="4.2万亩", value=42000)

    html = page(client, article.get_absolute_url())

    link = f'<a class="prose__figure" href="/achievements/farmland/#figure-{figure.pk}">4.2万亩</a>'
    assert f"全年新建高标准农田{link}。" in html
    assert "4.1万亩" not in html
    achievement_page = page(client, "/achievements/farmland/")
    assert f'id="figure-{figure.pk}"' in achievement_page


def test_a_figure_inside_a_link_of_its_own_shows_its_current_text_without_a_second_link(client, figure):
    link = '<a href="https://www.example.gov.cn/farmland.html">'
    article = ArticleFactory(body=f"<p>据{link}农业部门通报{cite(figure)}</a>，另有{cite(figure)}。</p>")
    KeyFigure.objects.filter(pk=figure.pk).update(text="4.2万亩", value=42000)

    html = page(client, article.get_absolute_url())

    assert f"据{link}农业部门通报4.2万亩</a>" in html  # no link inside the link
    assert f'另有<a class="prose__figure" href="/achievements/farmland/#figure-{figure.pk}">4.2万亩</a>。' in html


def test_english_page_reads_the_figure_in_english(client, figure):
    article = ArticleFactory(body=f"<p>{cite(figure)}</p>")
    client.cookies["language"] = "en"

    html = page(client, article.get_absolute_url())

    assert re.search(r'<a class="prose__figure" href="[^"]*#figure-\d+" lang="en" title="4.1万亩">41,000 mu</a>', html)


def test_a_withdrawn_or_deleted_figure_shows_its_stored_text_unlinked(client, figure):
    gone = KeyFigureFactory(text="12个")
    article = ArticleFactory(body=f"<p>{cite(figure, '4.0万亩')}与{cite(gone)}</p>")
    Article.objects.filter(pk=article.pk).update(body=article.body.replace(f"figure:{gone.pk}", "figure:999999"))
    Achievement.objects.filter(pk=figure.achievement.pk).update(status=PublishStatus.UNPUBLISHED)

    html = page(client, article.get_absolute_url())

    assert "<p>4.0万亩与12个</p>" in html
    assert "prose__figure" not in html


def test_one_query_for_every_figure_of_the_page(client):
    def figure_queries(article):
        with CaptureQueriesContext(connection) as queries:
            page(client, article.get_absolute_url())
        return [q["sql"] for q in queries if "achievements_keyfigure" in q["sql"]]

    few = ArticleFactory(kind=Article.Kind.REVIEW, body=f"<p>{cite(KeyFigureFactory())}</p>")
    ArticleSectionFactory(article=few, body=f"<p>{cite(KeyFigureFactory())}</p>")
    many = ArticleFactory(kind=Article.Kind.REVIEW, body="".join(cite(KeyFigureFactory()) for _ in range(5)))
    for _ in range(5):
        ArticleSectionFactory(article=many, body="".join(cite(KeyFigureFactory()) for _ in range(3)))

    # The figures, and their corrections: the same two queries for 2 figures in 2 bodies or 20 in 6.
    assert len(figure_queries(few)) == len(figure_queries(many)) == 2
    assert page(client, many.get_absolute_url()).count("prose__figure") == 20


# Corrections


@pytest.mark.django_db(transaction=True)  # each change commits: Redis counts it then (caching.state)
def test_a_correction_reaches_every_citing_page_with_a_dated_note(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    published = timezone.now() - datetime.timedelta(days=30)
    figure = make_figure()
    first = ArticleFactory(body=f"<p>{cite(figure)}</p>", published_at=published)
    section = ArticleSectionFactory(body=f"<p>{cite(figure)}</p>", article__published_at=published)
    second = section.article
    for article in (first, second):  # cached, with the old value
        assert "4.1万亩" in page(client, article.get_absolute_url())
        assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"

    figure.text, figure.value = "4.2万亩", Decimal("42000")
    figure.save()

    [correction] = FigureCorrection.objects.all()
    assert (correction.old_text, correction.new_text, correction.old_value) == ("4.1万亩", "4.2万亩", 41000)
    day = timezone.localdate(correction.corrected_at)
    note = f"{day.year}年{day.month}月{day.day}日更正：新建高标准农田由 4.1万亩 更正为 4.2万亩。"
    for article in (first, second):
        response = client.get(article.get_absolute_url())
        assert response["X-Page-Cache"] == "miss"
        html = response.content.decode()
        assert ">4.2万亩</a>" in html and note in html

    client.cookies["language"] = "en"
    html = page(client, second.get_absolute_url())
    assert "41,000 mu" in html and "42,000 mu" in html  # the note, read out in English


def test_a_page_published_after_the_correction_has_no_note(client, figure):
    FigureCorrection.objects.create(
        figure=figure, old_text="4.0万亩", new_text="4.1万亩", old_value=40000, new_value=41000
    )
    article = ArticleFactory(
        body=f"<p>{cite(figure)}</p>", published_at=timezone.now() + datetime.timedelta(seconds=-1)
    )
    FigureCorrection.objects.update(corrected_at=timezone.now() - datetime.timedelta(days=1))

    assert "更正为" not in page(client, article.get_absolute_url())


def test_only_a_cited_figure_records_corrections_and_only_of_its_value(figure):
    figure.text = "4.3万亩"
    figure.save()  # no page cites it yet
    ArticleFactory(body=f"<p>{cite(figure)}</p>")
    figure.label = "新建农田"
    figure.save()
    assert not FigureCorrection.objects.exists()

    figure.value = Decimal("43000")
    figure.save()
    assert FigureCorrection.objects.count() == 1


# Deleting and withdrawing


def test_admin_refuses_to_delete_a_cited_figure_naming_the_pages(admin_client, figure):
    article = ArticleFactory(title="2025年农业科技回顾", body=f"<p>{cite(figure)}</p>")
    url = reverse("admin:achievements_achievement_delete", args=[figure.achievement.pk])

    html = admin_client.get(url).content.decode()
    assert "2025年农业科技回顾" in html
    admin_client.post(url, {"post": "yes"})
    assert KeyFigure.objects.filter(pk=figure.pk).exists()

    article.body = "<p>4.1万亩</p>"
    article.save()
    admin_client.post(url, {"post": "yes"})
    assert not KeyFigure.objects.filter(pk=figure.pk).exists()


def test_unpublishing_a_cited_achievement_names_the_pages_first(admin_client, figure):
    section = ArticleSectionFactory(heading="农业科技", body=f"<p>{cite(figure)}</p>", article__title="年度回顾")
    url = reverse("admin:achievements_achievement_transition", args=[figure.achievement.pk, "unpublish"])

    html = admin_client.get(url).content.decode()

    assert "“年度回顾 › 农业科技”" in html
    assert section.article.title in html


def test_api_delete_of_a_cited_achievement_is_409_naming_the_pages(admin_user, figure):
    ArticleFactory(title="2025年农业科技回顾", body=f"<p>{cite(figure)}</p>")
    api = token_client(admin_user)
    url = reverse("api:achievement-detail", args=[figure.achievement.slug])

    response = api.delete(url, **if_match(api, url))

    assert response.status_code == 409
    assert "2025年农业科技回顾" in response.json()["detail"]
    assert KeyFigure.objects.filter(pk=figure.pk).exists()
