"""`generate_content` fills the portal with synthetic content for benchmarks: exact counts, repeatable, browsable."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.urls import reverse

from achievements.models import Achievement, KeyFigure
from demo.management.commands.generate_content import Command as GenerateContent
from enterprises.models import Enterprise, Honour, Sector
from news.models import Article
from projects.models import Project
from publishing.models import PublishStatus
from regions.models import Region
from search.models import SearchEntry
from tests.factories import RegionFactory, TopicFactory
from topics.models import Topic

pytestmark = pytest.mark.django_db


def generate(**counts) -> str:
    out = io.StringIO()
    call_command("generate_content", **counts, yes_synthetic_content=True, stdout=out)
    return out.getvalue()


def titles() -> dict[str, list[str]]:
    return {
        "articles": list(Article.objects.order_by("pk").values_list("title", flat=True)),
        "enterprises": list(Enterprise.objects.order_by("pk").values_list("name", flat=True)),
        "projects": list(Project.objects.order_by("pk").values_list("name", flat=True)),
        "achievements": list(Achievement.objects.order_by("pk").values_list("title", flat=True)),
        "figures": list(KeyFigure.objects.order_by("pk").values_list("label", "text")),
    }


def delete_everything():
    for model in (KeyFigure, Achievement, Article, Project, Enterprise, Topic, Sector, Honour):
        model.objects.all().delete()
    Region.objects.exclude(parent=None).delete()
    Region.objects.all().delete()


def test_small_counts_create_exactly_that_many_items_and_say_so():
    out = generate(articles=7, enterprises=3, projects=4, figures=12, seed=5)

    assert Article.objects.count() == 7
    assert Enterprise.objects.count() == 3
    assert Project.objects.count() == 4
    assert KeyFigure.objects.count() == 12
    # Figures need achievements to carry them; every achievement carries at least one.
    assert not Achievement.objects.filter(figures__isnull=True).exists()
    assert "文章 7 篇" in out and "企业 3 家" in out and "项目 4 个" in out and "关键数据 12 条" in out
    assert "随机种子 5" in out


def test_an_empty_database_gets_regions_topics_and_sectors_an_existing_one_keeps_its_own():
    generate(enterprises=2, seed=1)
    assert Region.objects.exists() and Topic.objects.exists() and Sector.objects.exists()

    delete_everything()
    region, topic = RegionFactory(name="甲县"), TopicFactory(name="专题甲")
    generate(articles=6, enterprises=4, projects=4, figures=10, seed=1)

    assert list(Region.objects.all()) == [region] and list(Topic.objects.all()) == [topic]
    assert set(Enterprise.objects.values_list("region", flat=True)) == {region.pk}
    assert set(Project.objects.values_list("topics", flat=True)) <= {topic.pk, None}


def test_the_same_seed_gives_the_same_content_and_another_seed_different_content():
    generate(articles=8, enterprises=5, projects=5, figures=15, seed=42)
    first = titles()
    delete_everything()

    generate(articles=8, enterprises=5, projects=5, figures=15, seed=42)
    assert titles() == first

    delete_everything()
    generate(articles=8, enterprises=5, projects=5, figures=15, seed=43)
    assert titles() != first


def test_a_second_run_adds_more_without_clashing_names_or_addresses():
    generate(enterprises=30, projects=30, seed=3)
    generate(enterprises=30, projects=30, seed=3)

    assert Enterprise.objects.values("name").distinct().count() == 60
    assert Project.objects.values("slug").distinct().count() == 60


def test_content_is_mostly_published_with_some_drafts_over_several_years():
    generate(articles=200, figures=200, seed=7)

    statuses = dict(Article.objects.values_list("status").annotate(n=Count("pk")))
    assert statuses[PublishStatus.PUBLISHED] > 150
    assert statuses.get(PublishStatus.DRAFT, 0) > 0
    assert Article.objects.filter(status=PublishStatus.DRAFT, published_at__isnull=False).count() == 0
    assert Achievement.objects.values("year").distinct().count() >= 3
    assert KeyFigure.objects.values("unit").distinct().count() >= 5
    assert Achievement.objects.values("category").distinct().count() >= 5
    assert Article.objects.filter(kind=Article.Kind.REVIEW, sections__isnull=False).exists()


def test_generated_content_is_in_the_search_index_and_found_by_its_words(client):
    generate(articles=10, enterprises=5, projects=5, figures=10, seed=11)

    published = sum(
        model.objects.filter(status=PublishStatus.PUBLISHED).count()
        for model in (Article, Enterprise, Project, Achievement)
    )
    assert SearchEntry.objects.count() == published
    enterprise = Enterprise.objects.filter(status=PublishStatus.PUBLISHED).first()
    html = client.get(reverse("search:index"), {"q": enterprise.name}).content.decode()
    assert f'href="{enterprise.get_absolute_url()}"' in html


def test_pages_render_with_generated_content(client):
    generate(articles=12, enterprises=6, projects=6, figures=40, seed=21)
    review = Article.objects.get(kind=Article.Kind.REVIEW)
    news = Article.objects.filter(kind=Article.Kind.NEWS, status=PublishStatus.PUBLISHED).first()
    section = review.sections.first()
    figure = KeyFigure.objects.published().first()
    enterprise = Enterprise.objects.filter(status=PublishStatus.PUBLISHED).first()
    project = Project.objects.filter(status=PublishStatus.PUBLISHED).first()
    region = Region.objects.filter(achievements__status=PublishStatus.PUBLISHED).first()

    pages = {
        "/": review.title,
        reverse("news:index"): news.title,
        review.get_absolute_url(): section.heading,
        news.get_absolute_url(): news.title,
        reverse("achievements:index"): figure.label,
        enterprise.get_absolute_url(): enterprise.name,
        project.get_absolute_url(): project.name,
        region.get_absolute_url(): region.name,
    }
    for url, text in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url


def test_drafts_are_generated_but_never_shown(client):
    generate(articles=80, seed=9)
    draft = Article.objects.filter(status=PublishStatus.DRAFT).first()

    assert client.get(draft.get_absolute_url()).status_code == 404
    results = client.get(reverse("search:index"), {"q": draft.title}).content.decode()
    assert draft.get_absolute_url() not in results


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"articles": -1}, "--articles 不能是负数"),
        ({"figures": -5, "articles": 3}, "--figures 不能是负数"),
        ({"enterprises": 10**7}, "--enterprises 最多 1,000,000"),
        ({}, "没有要生成的内容"),
    ],
)
def test_bad_counts_are_refused_with_a_clear_message_and_nothing_is_written(arguments, message):
    with pytest.raises(CommandError, match=message):
        generate(**arguments)

    assert not Article.objects.exists() and not Region.objects.exists()


def test_a_count_that_is_not_a_number_is_refused():
    with pytest.raises(CommandError, match="invalid int value"):
        call_command("generate_content", "--articles", "many", "--yes-synthetic-content")


def test_outside_debug_it_refuses_to_run_without_the_flag_and_says_why(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError) as refusal:
        call_command("generate_content", articles=5, enterprises=2, seed=1, stdout=io.StringIO())

    message = str(refusal.value)
    assert message.startswith("拒绝运行：generate_content 会绕过审核流程和审核日志")
    assert "可能是正式站点的数据库" in message and "什么也没有写入" in message
    assert "加上 --yes-synthetic-content 再运行" in message
    assert not Article.objects.exists() and not Enterprise.objects.exists() and not Region.objects.exists()


def test_the_flag_or_debug_lets_it_run(settings):
    settings.DEBUG = False
    call_command("generate_content", "--articles=3", "--seed=1", "--yes-synthetic-content", stdout=io.StringIO())
    assert Article.objects.count() == 3

    settings.DEBUG = True
    call_command("generate_content", articles=2, seed=2, stdout=io.StringIO())
    assert Article.objects.count() == 5


def test_the_help_names_the_flag_and_the_danger():
    parser = GenerateContent().create_parser("manage.py", "generate_content")

    text = parser.format_help()

    assert "--yes-synthetic-content" in text
    assert "不要在正式站点上运行" in text
