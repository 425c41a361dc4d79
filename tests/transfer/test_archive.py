"""The content archive as an operator uses it for a restore: export_content archive → empty database → import_content.

The round trip is judged by what the public sees (every page's HTML, in both languages, the feeds, the sitemap
and the API) and by every archived model's count, plus the search index rebuilt from them.
"""

import datetime
import io
import json
import re
from collections import deque
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from achievements.models import FigureCitation, FigureCorrection, KeyFigure
from images.models import Image
from news.models import Article, ArticleSection
from publishing.models import Draft, PublishStatus, SlugHistory
from search.models import SearchEntry
from tests.factories import ArticleFactory, ArticleSectionFactory, ProjectFactory, UserFactory
from tests.test_reachability import HREF
from transfer.archive import ARCHIVED, NOT_ARCHIVED

pytestmark = pytest.mark.django_db

# What changes from one response to the next whatever the content: the CSP nonce and the CSRF token.
PER_RESPONSE = re.compile(r'(nonce="|name="csrfmiddlewaretoken" value=")[^"]+"')
API_LISTS = [
    "/api/v1/articles/",
    "/api/v1/achievements/",
    "/api/v1/figures/",
    "/api/v1/projects/",
    "/api/v1/enterprises/",
    "/api/v1/institutions/",
    "/api/v1/regions/",
    "/api/v1/topics/",
]


def export(**options) -> str:
    out = io.StringIO()
    call_command("export_content", "archive", stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def restore(tmp_path, text: str, name="portal-content.jsonl", **options) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_content", str(path), stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def counts() -> dict[str, int]:
    rebuilt = ["search.SearchEntry", "achievements.FigureCitation"]
    return {label: apps.get_model(label)._base_manager.count() for label in [*ARCHIVED, *rebuilt]}


def same_whatever_the_response(text: str) -> str:
    return PER_RESPONSE.sub(r"\1…", text)


def pages(client) -> dict[str, str]:
    """Every page a visitor reaches by following links from the home page (each address once: its filters and
    sorts multiply into thousands of lists of the same rows), as {path: html}."""
    found, queue, html_of = {"/"}, deque(["/"]), {}
    while queue:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        html_of[path] = html = response.content.decode()
        for href in HREF.findall(html):
            url = urlparse(href)
            if url.scheme or url.netloc or not url.path.startswith("/"):
                continue
            if url.path not in found and not url.path.startswith(("/admin", "/static", "/media")):
                found.add(url.path)
                queue.append(url.path)
    return html_of


def public_site(client) -> dict[str, str]:
    """Every page, in Chinese and in English, and what other systems read."""
    seen = {}
    for language in ("zh-hans", "en"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        for path, html in pages(client).items():
            seen[f"{language} {path}"] = same_whatever_the_response(html)
        for path in ["/feeds/news/", "/sitemap.xml", *API_LISTS, *withdrawn_and_moved()]:
            response = client.get(path)
            text = same_whatever_the_response(response.content.decode())
            seen[f"{language} {path}"] = f"{response.status_code} {text}"
    return seen


def withdrawn_and_moved() -> list[str]:
    return ["/news/withdrawn-for-the-archive-test/", "/news/old-address-of-the-moved-article/", "/news/cites-a-figure/"]


def stored_times() -> list:
    return [
        *Article.objects.order_by("pk").values_list("pk", "created_at", "updated_at", "published_at"),
        *Image.objects.order_by("pk").values_list("pk", "created_at"),
    ]


def content_beyond_the_demo():
    """What a portal in service holds besides the demo: a withdrawn item, a moved one, a scheduled one, one in
    review (whose submitter is an account, which the archive does not carry) and one whose times are odd."""
    ArticleFactory(
        slug="withdrawn-for-the-archive-test",
        status=PublishStatus.UNPUBLISHED,
        public_notice="该文已撤回，更正后的数据见年度综述。",
        published_title="一篇已撤回的文章",
    )
    moved = ArticleFactory(title="搬了地址的文章", slug="old-address-of-the-moved-article")
    moved.slug = "the-moved-article"
    moved.save()
    ArticleSectionFactory(article=moved, heading="新地址下的章节")
    ProjectFactory(scheduled=True, name="明天才公开的项目")
    ArticleFactory(status=PublishStatus.IN_REVIEW, submitted_by=UserFactory(), submitted_at=timezone.now())
    ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=400, microseconds=123457))
    # A figure stated in an article's text, then corrected: the article links it and notes the correction.
    figure = KeyFigure.objects.filter(achievement__status=PublishStatus.PUBLISHED).order_by("pk").first()
    ArticleFactory(
        title="引用关键数据的文章",
        slug="cites-a-figure",
        published_at=timezone.now() - datetime.timedelta(days=1),
        body=f'<p>全年达到<data value="figure:{figure.pk}">{figure.text}</data>。</p>',
    )
    figure.text = f"{figure.text}（更正）"
    figure.save()


@pytest.mark.django_db(transaction=True)  # the flush and the restore commit, as they do for an operator
def test_an_archive_restored_into_an_empty_database_gives_the_same_public_site(client, tmp_path):
    call_command("load_demo", verbosity=0)
    content_beyond_the_demo()
    assert SlugHistory.objects.exists()
    assert FigureCitation.objects.exists() and FigureCorrection.objects.exists()
    before_counts, before_times, before_site = counts(), stored_times(), public_site(client)
    assert before_counts["images.Rendition"] > 0 and before_counts["search.SearchEntry"] > 0
    assert sum(page.startswith("en /news/") for page in before_site) >= 5
    assert {"zh-hans /projects/", "en /regions/", "zh-hans /news/the-moved-article/"} <= before_site.keys()
    assert '<html lang="en"' in before_site["en /"] and '<html lang="zh-hans"' in before_site["zh-hans /"]

    archive = export()
    call_command("flush", interactive=False, verbosity=0)  # what a freshly migrated database holds
    assert all(number == 0 for label, number in counts().items() if label != "home.SiteSettings")
    report = restore(tmp_path, archive)

    assert "已从存档恢复" in report
    assert counts() == before_counts
    after_site = public_site(client)
    assert after_site.keys() == before_site.keys()
    assert [page for page in before_site if after_site[page] != before_site[page]] == []
    # The stored times are the archived ones, to the microsecond, not the time of the restore.
    assert stored_times() == before_times
    # The account link is empty; everything else about the item in review came back.
    in_review = Article.objects.get(status=PublishStatus.IN_REVIEW)
    assert in_review.submitted_by is None and in_review.submitted_at is not None
    # New rows get new numbers after the restored ones.
    highest = max(Article.objects.values_list("pk", flat=True))
    assert ArticleFactory().pk > highest


def test_every_model_of_the_project_is_archived_or_said_why_not():
    own = [
        model._meta.label
        for config in apps.get_app_configs()
        if Path(config.path).parent == Path(settings.BASE_DIR)
        for model in config.get_models()
    ]
    assert sorted(set(own) - set(ARCHIVED) - set(NOT_ARCHIVED)) == []
    assert sorted((set(ARCHIVED) | set(NOT_ARCHIVED)) - set(own)) == []


def test_the_archive_names_its_format_and_ends_with_its_counts():
    ArticleSectionFactory.create_batch(3)
    lines = export().splitlines()
    header, end = json.loads(lines[0]), json.loads(lines[-1])
    assert header["format"] == "portal-content-archive" and header["version"] == 1
    assert "0001_initial" in header["migrations"]["news"]
    assert end["end"]["news.article"] == 3 and end["end"]["news.articlesection"] == 3
    assert len(lines) == 2 + sum(end["end"].values())
    rows = [json.loads(line) for line in lines[1:-1]]
    # Parents come before the rows that point to them.
    order = [row["model"] for row in rows]
    assert order.index("news.articlesection") > max(i for i, model in enumerate(order) if model == "news.article")


def test_export_queries_do_not_grow_with_the_content(django_assert_max_num_queries):
    ArticleSectionFactory.create_batch(2)
    with CaptureQueriesContext(connection) as few:
        export()
    ArticleSectionFactory.create_batch(40)
    with django_assert_max_num_queries(len(few)):
        export()


def test_a_database_with_content_is_refused_and_left_as_it_was(tmp_path):
    ArticleSectionFactory.create_batch(2)
    archive = export()
    before = counts()
    with pytest.raises(CommandError, match="数据库里已有文章.*没有保存任何内容"):
        restore(tmp_path, archive)
    assert counts() == before


def test_an_archive_cut_short_restores_nothing(tmp_path):
    ArticleSectionFactory.create_batch(3)
    lines = export().splitlines(keepends=True)
    Article.objects.all().delete()
    with pytest.raises(CommandError, match="存档不完整：文件在结尾行之前就断了"):
        restore(tmp_path, "".join(lines[:-2]))
    assert Article.objects.count() == 0 and ArticleSection.objects.count() == 0


def test_an_archive_missing_rows_restores_nothing(tmp_path):
    ArticleSectionFactory.create_batch(3)
    lines = export().splitlines(keepends=True)
    Article.objects.all().delete()
    article_lines = [i for i, line in enumerate(lines) if '"model":"news.article"' in line]
    del lines[article_lines[-1]]
    with pytest.raises(CommandError, match="news.article 应有 3 行，读到 2 行"):
        restore(tmp_path, "".join(lines))
    assert Article.objects.count() == 0


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda lines: ['{"format": "something-else"}\n', *lines[1:]], "这不是本门户导出的内容存档"),
        (lambda lines: ["not json\n", *lines[1:]], "这不是本门户导出的内容存档"),
        (lambda lines: [lines[0].replace('"version":1', '"version":9'), *lines[1:]], "存档格式版本 9 不受支持"),
        (
            lambda lines: [lines[0].replace('"0001_initial"', '"0001_initial","0999_from_the_future"', 1), *lines[1:]],
            "存档来自更新的版本.*0999_from_the_future",
        ),
        (lambda lines: [lines[0], '{"model": "news.article", "pk"\n', *lines[1:]], "第 2 行不是完整的 JSON"),
        (lambda lines: [lines[0], '{"model": "auth.user", "pk": 1, "fields": {}}\n', *lines[1:]], "不应含有“auth"),
        (lambda lines: [*lines, lines[1]], "在结尾行之后还有内容"),
        (
            lambda lines: [line.replace('"published_at":"', '"published_at":"yesterday ') for line in lines],
            "有一行读不进来",
        ),
    ],
)
def test_a_damaged_archive_gets_a_clear_message_and_saves_nothing(tmp_path, damage, message):
    ArticleSectionFactory.create_batch(2)
    lines = export().splitlines(keepends=True)
    for label in reversed(ARCHIVED):
        apps.get_model(label)._base_manager.all().delete()
    with pytest.raises(CommandError, match=message):
        restore(tmp_path, "".join(damage(lines)))
    assert all(number == 0 for label, number in counts().items() if label != "home.SiteSettings")


def test_a_dry_run_checks_the_whole_archive_and_saves_nothing(tmp_path):
    ArticleSectionFactory.create_batch(2)
    archive = export()
    for label in reversed(ARCHIVED):
        apps.get_model(label)._base_manager.all().delete()
    assert "检查通过（未保存，--dry-run）：存档可恢复" in restore(tmp_path, archive, dry_run=True)
    assert Article.objects.count() == 0 and SearchEntry.objects.count() == 0


def test_the_archive_file_is_written_whole_or_not_at_all(tmp_path):
    ArticleSectionFactory.create_batch(2)
    target = tmp_path / "backup.jsonl"
    err = io.StringIO()
    call_command("export_content", "archive", output=str(target), stderr=err)
    assert "已导出内容存档到" in err.getvalue()
    written, printed = target.read_text(encoding="utf-8").splitlines(), export().splitlines()
    assert written[1:] == printed[1:]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["backup.jsonl"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"output_format": "json"}, "内容存档只有一种格式"),
        ({"output": "backup.json"}, "请以 .jsonl 结尾"),
    ],
)
def test_export_options_that_do_not_fit_an_archive_are_explained(arguments, message):
    with pytest.raises(CommandError, match=message):
        export(**arguments)


def test_import_options_that_do_not_fit_an_archive_are_explained(tmp_path):
    with pytest.raises(CommandError, match="内容存档按导出时的样子恢复"):
        restore(tmp_path, export(), user="someone")
    with pytest.raises(CommandError, match="找不到文件"):
        call_command("import_content", str(tmp_path / "missing.jsonl"))
    (tmp_path / "binary.jsonl").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(CommandError, match="不是 UTF-8 文本"):
        call_command("import_content", str(tmp_path / "binary.jsonl"))


def test_drafts_left_from_deleted_content_make_the_database_not_empty(tmp_path):
    article = ArticleFactory(title="删掉的文章")
    archive = export()
    Draft.objects.create(
        content_type=ContentType.objects.get_for_model(Article), object_id=article.pk, data={}, base_version=0
    )
    Article.objects.all().delete()
    with pytest.raises(CommandError, match="数据库里已有待发布的草稿"):
        restore(tmp_path, archive)
    assert Article.objects.count() == 0
