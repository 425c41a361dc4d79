import datetime

import factory
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from demo.services import demo_content_load
from publishing.models import PublishStatus
from search.models import SearchEntry
from search.query import COUNT_LIMIT, RANK_LIMIT, matching_entries, named_entries, search
from search.tokens import index_tokens, name_key, parse_query, token_sequence
from tests.factories import (
    AchievementFactory,
    ArticleFactory,
    ArticleSectionFactory,
    EnterpriseFactory,
    InstitutionFactory,
    KeyFigureFactory,
    ProjectFactory,
)

# The index follows the content when a transaction commits: these tests commit, as the site does.
pytestmark = pytest.mark.django_db(transaction=True)


def titles(query: str, **kwargs) -> list[str]:
    entries, _counts = search(parse_query(query), **kwargs)
    return [entry.title for entry in entries]


def page(client, query: str, **params) -> str:
    response = client.get(reverse("search:index"), {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


# Search quality on the demo content


@pytest.fixture
def demo():
    demo_content_load()


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("算力", {"湖北高斯算电推理集群"}),
        ("甘蓝 新品种", {"嘉鱼县“两院三中心”平台", "嘉鱼县育成3个甘蓝新品种"}),
        ("离岸科创园", {"咸宁（武汉）离岸科创园"}),
        ("中科华冶", {"湖北中科华冶新材料科技有限公司"}),
        ("1000P", {"湖北高斯算电推理集群", "咸宁智算中心开建"}),
        ("1000p", {"湖北高斯算电推理集群", "咸宁智算中心开建"}),
        ("母基金", {"湖北咸宁高新产业区域母基金"}),
        ("咸宁智算中心", {"湖北高斯算电推理集群"}),
    ],
)
def test_chinese_query_puts_the_right_item_first(demo, query, first):
    found = titles(query)

    assert found[0] in first, found[:5]


def test_load_demo_content_is_indexed(demo):
    assert SearchEntry.objects.filter(kind=SearchEntry.Kind.ENTERPRISE).count() >= 5
    assert SearchEntry.objects.filter(kind=SearchEntry.Kind.ARTICLE, title="科技创新实现新突破").exists()


def test_words_in_a_review_section_find_the_review(demo):
    # 焦忠久 is named only in the body of a project, and 绿玉 only in prose: the review is found through its sections.
    assert "科技创新实现新突破" in titles("绿玉 冬绿")


def test_title_match_ranks_above_body_match():
    ArticleFactory(title="正文里提到", body="<p>这里说到区域母基金的事。</p>")
    ArticleFactory(title="区域母基金启航", body="<p>无关。</p>")

    assert titles("区域母基金") == ["区域母基金启航", "正文里提到"]


def test_exact_phrase_ranks_above_scattered_character_pairs():
    ArticleFactory(title="甲", body="<p>科创很重要。创园在别处。</p>")
    ArticleFactory(title="乙", body="<p>离岸科创园开园。</p>")

    found = titles("科创园")

    assert found == ["乙", "甲"]


def test_one_character_query_finds_the_character_anywhere_in_a_word():
    ArticleFactory(title="种子基金", body="")
    ArticleFactory(title="选育良种", body="")
    ArticleFactory(title="无关新闻", body="")

    assert set(titles("种")) == {"种子基金", "选育良种"}


def test_results_are_grouped_by_kind_with_counts(client):
    ProjectFactory(name="算力平台一")
    EnterpriseFactory(name="算力科技有限公司")
    ArticleFactory(title="算力快讯甲")

    html = page(client, "算力")

    assert "全部（3）" in html
    assert "项目与平台（1）" in html
    assert "企业（1）" in html
    assert "文章（1）" in html
    only_projects = page(client, "算力", kind="project")
    assert "平台一" in only_projects and "快讯甲" not in only_projects


def test_results_are_paginated_keeping_the_query(client):
    ArticleFactory.create_batch(12, title=factory.Sequence(lambda n: f"甘蓝新闻{n}"))

    first = page(client, "甘蓝")
    second = page(client, "甘蓝", page=2)

    assert first.count('class="item"') == 10
    assert second.count('class="item"') == 2
    assert "q=%E7%94%98%E8%93%9D&amp;page=2" in first


def test_matched_words_are_marked_and_everything_else_is_escaped(client):
    ProjectFactory(name="<b>离岸科创园</b>", summary="离岸科创园<script>alert(1)</script>")

    html = page(client, "离岸科创园")

    assert "&lt;b&gt;<mark>离岸科创园</mark>&lt;/b&gt;" in html
    assert "<script>alert(1)</script>" not in html


def test_a_search_that_matches_very_many_counts_to_1000_and_still_puts_the_named_item_first(client):
    entries = [
        SearchEntry(
            kind=SearchEntry.Kind.ARTICLE,
            object_id=10**6 + i,
            title=f"算力快讯{i}",
            name_tokens=token_sequence(f"算力快讯{i}"),
            visible_from=timezone.now() - datetime.timedelta(days=1),
            url=f"/news/{i}/",
        )
        for i in range(COUNT_LIMIT + RANK_LIMIT)
    ]
    SearchEntry.objects.bulk_create(entries)
    # Added after all of them: not among the first matches the index gives, yet named exactly what is searched.
    EnterpriseFactory(name="算力", short_name="")

    html = page(client, "算力")

    assert "全部（1000+）" in html
    assert "文章（1000+）" in html and "企业（1）" in html
    assert "找到 1000+ 条与“算力”相关的结果" in html
    assert titles("算力")[0] == "算力"
    assert len(titles("算力", kind="article")) == RANK_LIMIT  # the ranked ones; page through them


def test_a_phrase_in_the_summary_ranks_above_its_words_apart_in_the_title():
    ProjectFactory(name="科创大道创园路", summary="无关。")
    ProjectFactory(name="另一个平台", summary="离岸科创园的故事。")

    assert titles("科创园") == ["另一个平台", "科创大道创园路"]


# Visibility and freshness


def test_unpublished_items_are_never_found():
    ProjectFactory(name="草稿算力项目", draft=True)
    ProjectFactory(name="明天的算力项目", scheduled=True)

    assert titles("算力") == []


def test_scheduled_item_is_found_once_its_time_has_come():
    project = ProjectFactory(name="定时算力项目", scheduled=True)
    assert titles("算力") == []

    project.published_at = timezone.now() - datetime.timedelta(minutes=1)
    project.save()

    assert titles("算力") == ["定时算力项目"]


def test_expired_item_is_not_found():
    project = ProjectFactory(name="过期算力项目")
    project.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    project.published_at = timezone.now() - datetime.timedelta(days=1)
    project.save()

    assert titles("算力") == []


def test_editing_an_item_updates_what_finds_it():
    enterprise = EnterpriseFactory(name="旧名称科技有限公司")

    enterprise.name = "新名称科技有限公司"
    enterprise.save()

    assert titles("旧名称") == []
    assert titles("新名称") == ["新名称科技有限公司"]


def test_unpublishing_and_republishing_an_item_removes_and_restores_it():
    article = ArticleFactory(title="算力集群点亮")

    article.status = PublishStatus.DRAFT
    article.save()
    assert titles("算力") == []
    assert not SearchEntry.objects.filter(object_id=article.pk, kind=SearchEntry.Kind.ARTICLE).exists()

    article.status = PublishStatus.PUBLISHED
    article.save()
    assert titles("算力") == ["算力集群点亮"]


def test_deleted_item_leaves_the_index():
    project = ProjectFactory(name="算力项目")

    project.delete()

    assert not SearchEntry.objects.exists()


def test_new_key_figure_makes_its_achievement_findable():
    achievement = AchievementFactory(title="智算中心开建")

    KeyFigureFactory(achievement=achievement, label="智算中心算力", text="1000P")

    assert titles("1000P") == ["智算中心开建"]


def test_new_review_section_makes_its_article_findable():
    review = ArticleFactory(title="年度回顾")

    ArticleSectionFactory(article=review, label="新生态", heading="构筑创新发展强力支撑", body="<p>柔性引才。</p>")

    assert titles("柔性引才") == ["年度回顾"]
    assert titles("新生态") == ["年度回顾"]


def index_writes_for_an_achievement_saved_with(figures: int) -> int:
    """Queries on the search index while an achievement and its figures are saved together, as the admin does."""
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        achievement = AchievementFactory(title=f"智算中心开建{figures}")
        KeyFigureFactory.create_batch(figures, achievement=achievement, label="智算中心算力", text=f"{figures}P")
    return sum("search_searchentry" in query["sql"] for query in queries)


def test_an_achievement_saved_with_its_figures_is_indexed_once_whatever_their_number():
    assert index_writes_for_an_achievement_saved_with(3) == index_writes_for_an_achievement_saved_with(30)
    # ... and the entry holds the figures saved after the achievement.
    assert titles("30P") == ["智算中心开建30"]


def test_a_rolled_back_change_never_reaches_the_index_and_later_changes_do():
    with pytest.raises(RuntimeError), transaction.atomic():
        ProjectFactory(name="撤回的算力项目")
        raise RuntimeError
    kept = ProjectFactory(name="算力项目")
    with transaction.atomic():
        ArticleFactory(title="算力新闻")
        try:
            with transaction.atomic():
                EnterpriseFactory(name="算力回滚科技有限公司")
                raise RuntimeError
        except RuntimeError:
            pass
        kept.name = "算力平台"
        kept.save()

    assert sorted(titles("算力")) == ["算力平台", "算力新闻"]


def test_the_first_change_after_a_rolled_back_transaction_reaches_the_index(client):
    with pytest.raises(RuntimeError), transaction.atomic():
        ProjectFactory(name="撤回的算力项目")
        raise RuntimeError
    with transaction.atomic():
        ProjectFactory(name="算力项目")

    html = page(client, "算力")

    assert "<mark>算力</mark>项目" in html and "撤回的" not in html


def test_changes_after_a_rolled_back_savepoint_reach_the_index_though_the_first_change_was_inside_it(client):
    with transaction.atomic():
        try:
            with transaction.atomic():
                EnterpriseFactory(name="算力回滚科技有限公司")
                raise RuntimeError
        except RuntimeError:
            pass
        ProjectFactory(name="算力平台")
        ArticleFactory(title="算力新闻")

    html = page(client, "算力")

    assert "<mark>算力</mark>平台" in html and "<mark>算力</mark>新闻" in html and "回滚科技" not in html


def test_rebuild_command_recreates_the_index(capsys):
    ProjectFactory(name="算力项目")
    SearchEntry.objects.all().delete()

    call_command("rebuild_search_index")

    assert titles("算力") == ["算力项目"]
    assert "搜索索引已重建，共 1 条" in capsys.readouterr().out


def test_rebuild_indexes_every_kind_its_content_app_registers_in_the_order_of_the_kinds():
    """Each content app registers its kind (publishing/indexing.py); the entries' ids break ties between equal
    matches, so a rebuild writes the kinds in SearchEntry.Kind's order whatever order the apps registered in."""
    for make in (InstitutionFactory, EnterpriseFactory, ProjectFactory, AchievementFactory, ArticleFactory):
        make()

    call_command("rebuild_search_index", verbosity=0)

    assert list(SearchEntry.objects.order_by("pk").values_list("kind", flat=True)) == SearchEntry.Kind.values


# The index, not a scan


def search_page_queries(client, query: str) -> list[str]:
    """The SQL of every query the search page runs on the index, as it ran."""
    with CaptureQueriesContext(connection) as queries:
        page(client, query)
    return [query["sql"] for query in queries if "search_searchentry" in query["sql"]]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 index")
def test_search_uses_the_fts5_index_on_sqlite(client):
    ProjectFactory(name="算力项目")
    ArticleFactory(title="算力新闻", body="<p>集群</p>")

    sql = search_page_queries(client, "算力 集群")

    assert len(sql) == 3  # the counts, the ranking, the page's entries
    for statement in sql[:2]:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {statement}")
            plan = [row[3] for row in cursor.fetchall()]
        assert any("search_searchentry_fts VIRTUAL TABLE INDEX" in step for step in plan), plan
        # Entries are looked up by the ids the FTS5 index gives (or by kind), never read one after another.
        assert not any(step.startswith("SCAN search_searchentry ") for step in plan), plan


def postgresql_plan(statement: str) -> str:
    """PostgreSQL's plan for ``statement`` with whole-table scans priced out, so that whatever still scans a table
    does so because no index can answer."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {statement}")
        return "\n".join(row[0] for row in cursor.fetchall())


def many_other_entries(n: int = 2000):
    """The planner reads a handful of rows faster without an index; at a real site's size it must use the index."""
    SearchEntry.objects.bulk_create(
        SearchEntry(
            kind=SearchEntry.Kind.ARTICLE,
            object_id=10**6 + i,
            title=f"其他条目{i}",
            name_tokens=token_sequence(f"其他条目{i}"),
            body_tokens=token_sequence(f"正文{i}"),
            visible_from=timezone.now() - datetime.timedelta(days=1),
            url="/",
        )
        for i in range(n)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchentry")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's GIN index")
def test_search_uses_the_gin_index_on_postgresql():
    ProjectFactory(name="算力项目")
    many_other_entries()
    # The token match is what would otherwise read every entry; the visibility rule may pick other indexes.
    sql, params = matching_entries(parse_query("算力")).query.sql_with_params()

    with transaction.atomic(), connection.cursor() as cursor:
        # With whole-table and whole-index scans priced out, only a usable GIN index can answer cheaply.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = " ".join(row[0] for row in cursor.fetchall())

    assert "search_searchentry_vector_gin" in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's query plans")
# A one-character prefix query (算) is left out: on a test table the planner counts it through the kind index.
@pytest.mark.parametrize("query", ["算力", "算力 集群"])
def test_search_counts_and_ranks_inside_the_gin_index_on_postgresql(client, query):
    ProjectFactory(name="算力项目")
    ArticleFactory(title="算力新闻", body="<p>集群</p>")
    many_other_entries()

    counts, ranking, entries = search_page_queries(client, query)

    for statement in (counts, ranking):
        plan = postgresql_plan(statement)
        assert "search_searchentry_vector_gin" in plan, plan
        # No entry is read but through the index: no scan of the table, of its bodies, or of every match to count.
        assert "Seq Scan on search_searchentry" not in plan, plan
    # Counting stops at 1,001 of each kind: every count runs under a limit.
    assert postgresql_plan(counts).count("Limit") == len(SearchEntry.Kind.values)
    assert "Seq Scan" not in postgresql_plan(entries)


@pytest.mark.parametrize("name", ["科技", "算力", "GPU", "5G基站", "咸宁（武汉）离岸科创园", "名城"])
def test_a_whole_name_is_never_the_same_token_as_a_word_of_a_text(name):
    # Else looking up the entries *named* 科技 would read the postings of the pair 科技 in every body.
    assert name_key(name) not in index_tokens(f"{name} {name}科技 GPU{name}").split()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's GIN index")
def test_the_named_lookup_reads_only_the_postings_of_the_name_on_postgresql():
    ProjectFactory(name="算力")
    ArticleFactory.create_batch(3, title="新闻", body="<p>算力与算力</p>")
    many_other_entries()
    SearchEntry.objects.filter(kind=SearchEntry.Kind.ARTICLE).update(body_tokens=token_sequence("算力"))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchentry")
    sql, params = named_entries(parse_query("算力"), SearchEntry.objects.all()).query.sql_with_params()

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        (plan,) = cursor.fetchone()[0]

    def nodes(node):
        yield node
        for child in node.get("Plans", []):
            yield from nodes(child)

    bitmap = next(node for node in nodes(plan["Plan"]) if node["Node Type"] == "Bitmap Heap Scan")
    # The index hands over the one entry named so, not the two thousand whose bodies hold the pair.
    assert bitmap["Actual Rows"] + bitmap.get("Rows Removed by Index Recheck", 0) == 1


def test_tokens_are_character_pairs_latin_words_and_the_last_character():
    assert index_tokens("离岸科创园，１０００Ｐ GPU") == "离岸 岸科 科创 创园 园 1000p gpu"


# Odd input gets a clear page


@pytest.mark.parametrize(
    "query",
    ["%", "_", "'", '"', '"*', "*", "😀", "' OR 1=1 --", "NEAR(a b)", "AND OR NOT", "a" * 500, "算" * 500, "%_%"],
)
def test_odd_queries_get_a_clear_page(client, query):
    ProjectFactory(name="算力项目")

    html = page(client, query)

    assert "站内搜索" in html


def test_empty_query_asks_what_to_look_for(client):
    assert "请输入要找的内容" in page(client, "")


def test_query_without_letters_or_digits_says_so(client):
    assert "没有可以搜索的文字或数字" in page(client, "😀 %")


def test_very_long_query_is_shortened_with_a_notice(client):
    assert "只按前 100 个字搜索" in page(client, "算" * 500)


def test_no_results_says_what_to_try(client):
    assert "没有找到" in page(client, "不存在的词")


def test_unknown_kind_and_page_do_not_fail(client):
    ProjectFactory(name="算力项目")

    assert "<mark>算力</mark>项目" in page(client, "算力", kind="nonsense", page="999")


def test_every_page_has_a_labelled_search_box(client):
    html = client.get(reverse("home:index")).content.decode()

    assert 'role="search"' in html
    assert '<label for="site-search-q">站内搜索</label>' in html


def test_search_page_queries_do_not_grow_with_results(client, django_assert_num_queries):
    # the counts per kind (bounded), the ranking, the page of entries with their regions; on PostgreSQL the counts
    # are asked with table scans priced out, a SET and a RESET around them
    queries = 5 if connection.vendor == "postgresql" else 3
    page(client, "")  # site settings are cached after the first page
    ProjectFactory.create_batch(3, name=factory.Sequence(lambda n: f"算力平台{n}"))
    with django_assert_num_queries(queries):
        page(client, "算力")
    ProjectFactory.create_batch(10, name=factory.Sequence(lambda n: f"算力项目{n}"))
    with django_assert_num_queries(queries):
        page(client, "算力")


def test_the_english_search_summary_says_one_result_or_several(client):
    ProjectFactory(name="专利导航服务平台", name_en="Patent navigation platform")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    one = page(client, "专利导航")
    ProjectFactory(name="专利导航二期", name_en="Patent navigation, phase two")
    two = page(client, "专利导航")

    assert "Found 1 result for “专利导航”." in one
    assert "Found 2 results for “专利导航”." in two
