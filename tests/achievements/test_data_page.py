"""The key-figure data page as a journalist uses it: filter, compare, follow a figure to its source, download."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from achievements.models import Achievement, KeyFigure
from news.models import Article
from tests.facets import shown_facets
from tests.factories import (
    AchievementFactory,
    ArticleFactory,
    ArticleSectionFactory,
    EnterpriseFactory,
    KeyFigureFactory,
    ProjectFactory,
    RegionFactory,
)
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

STOCK, FLOW, CEILING = KeyFigure.Kind.STOCK, KeyFigure.Kind.FLOW, KeyFigure.Kind.CEILING
INDEX = reverse("achievements:index")


def page(client, params=None):
    response = client.get(INDEX, params or {})
    assert response.status_code == 200
    return response.content.decode()


def table_labels(html) -> list[str]:
    """The figure labels of the data table, in page order."""
    return re.findall(r'<th scope="row">([^<]+)</th>\s*<td class="figure-text"', html)


def chart(html, slug) -> str:
    start = html.index(f'id="chart-{slug}"')
    return html[start : html.index("</figure>", start)]


def chart_rows(html, slug) -> list[tuple[str, str]]:
    return re.findall(r'<tr class="chart__row"><th scope="row">([^<]+)</th><td>([^<]+)</td>', chart(html, slug))


@pytest.fixture
def figures():
    """Two regions, two categories, a target, two source articles; two fund sizes of one measure, two counts of
    enterprises of one measure."""
    jiayu, chibi = RegionFactory(name="嘉鱼县"), RegionFactory(name="赤壁市")
    review = ArticleFactory(kind=Article.Kind.REVIEW, title="科技创新实现新突破", slug="review")
    news = ArticleFactory(title="智算中心开建", slug="computing-news")
    fund = AchievementFactory(category=Achievement.Category.FINANCE, region=jiayu, article=review, title="母基金")
    park = AchievementFactory(category=Achievement.Category.PLATFORM, region=chibi, article=news, title="科创园")
    funds = {"kind": STOCK, "measure": "基金规模", "unit": "元"}
    enterprises = {"kind": STOCK, "measure": "企业数", "unit": "家"}
    return {
        "fund": KeyFigureFactory(achievement=fund, label="母基金规模", text="30亿元", value=Decimal("3e9"), **funds),
        "leverage": KeyFigureFactory(
            achievement=fund, label="撬动社会资本", text="150亿元", value=Decimal("1.5e10"), is_target=True, **funds
        ),
        "seed": KeyFigureFactory(
            achievement=park, label="种子基金", text="5000万元", value=Decimal("5e7"), region=jiayu, **funds
        ),
        "signed": KeyFigureFactory(achievement=park, label="签约企业", text="205家", value=205, **enterprises),
        "moved": KeyFigureFactory(achievement=park, label="入驻企业", text="103家", value=103, **enterprises),
    }


# Grouping and filters


def test_figures_can_be_grouped_by_region_and_by_year(client, figures):
    by_region = page(client, {"group": "region"})
    assert by_region.index(">嘉鱼县</h3>") < by_region.index(">赤壁市</h3>")
    # Within a region, figures follow the category order (创新平台 before 科技金融).
    assert table_labels(by_region) == ["种子基金", "母基金规模", "撬动社会资本", "签约企业", "入驻企业"]

    KeyFigureFactory(achievement__year=2024, label="去年的数据")
    by_year = page(client, {"group": "year"})
    assert by_year.index(">2025年</h3>") < by_year.index(">2024年</h3>")
    assert table_labels(by_year)[-1] == "去年的数据"


def test_filters_combine_and_the_page_shows_only_matching_figures(client, figures):
    assert table_labels(page(client, {"category": "platform"})) == ["种子基金", "签约企业", "入驻企业"]
    # A figure's own region counts, not its achievement's: the seed fund is in 嘉鱼县.
    assert table_labels(page(client, {"category": "platform", "region": figures["seed"].region.slug})) == ["种子基金"]
    assert table_labels(page(client, {"target": "1"})) == ["撬动社会资本"]
    assert table_labels(page(client, {"article": "review", "target": "0"})) == ["母基金规模"]
    assert table_labels(page(client, {"year": "2024"})) == []


def test_filter_links_show_counts_and_keep_the_other_filters_in_a_shareable_url(client, figures):
    html = page(client, {"category": "platform"})

    jiayu = figures["fund"].achievement.region
    facets = shown_facets(html)
    # Counts of a filter's options apply every other filter: 嘉鱼县 has 1 platform figure (the seed fund).
    assert facets["地区"].option("嘉鱼县（1）").href == f"?category=platform&region={jiayu.slug}"
    # The category counts ignore the category filter itself: 2 finance figures, 3 platform ones.
    assert facets["类别"].option("科技金融（2）").href == "?category=finance"
    assert facets["类别"].current == ["创新平台（3）"]
    # None of the platform figures is a target: that option would show nothing, and says so.
    assert facets["数据性质"].option("预期目标（0）").empty
    assert not facets["数据性质"].option("已完成的量（3）").empty
    assert "共 <strong>3</strong> 项数据（全部 5 项）" in html


def test_invalid_filters_are_explained_and_ignored_never_an_error(client, figures):
    html = page(client, {"category": "nope", "region": "nowhere", "year": "20x5", "target": "maybe", "article": "x"})

    assert "部分筛选条件无效" in html
    assert "没有“nope”这个类别" in html and "没有地区“nowhere”的数据" in html
    assert "年度“20x5”应为四位数字" in html
    assert len(table_labels(html)) == 5


def test_a_filter_that_matches_nothing_says_what_to_do(client, figures):
    html = page(client, {"category": "platform", "region": figures["fund"].achievement.region.slug, "target": "1"})

    assert "没有符合这些条件的数据" in html


# Links to the sources


def test_each_figure_links_to_its_section_achievement_projects_and_enterprises(client):
    section = ArticleSectionFactory(order=2, label="新突破")
    achievement = AchievementFactory(article=section.article, section=section, title="甘蓝新品种")
    achievement.projects.add(ProjectFactory(name="两院三中心"), ProjectFactory(name="草稿平台", draft=True))
    achievement.enterprises.add(EnterpriseFactory(name="中科华冶"))
    figure = KeyFigureFactory(achievement=achievement, label="推广面积")

    html = page(client)

    row = html[html.index("推广面积") : html.index("</tr>", html.index("推广面积"))]
    # To the figure's own sentence on the article's page (news/places.py), saying which article and section.
    assert f'href="{section.article.get_absolute_url()}#figure-{figure.pk}"' in row
    assert f"{section.article.title} · 新突破中的原句</a>" in row
    assert f'href="{achievement.get_absolute_url()}"' in row
    assert ">两院三中心</a>" in row and ">中科华冶</a>" in row
    assert "草稿平台" not in row


# Charts and their tables


def test_charts_count_figures_by_category_and_region_with_a_data_table_beside_each(client, figures):
    html = page(client)

    assert chart_rows(html, "count-category") == [("创新平台", "3项"), ("科技金融", "2项")]
    assert chart_rows(html, "count-region") == [("嘉鱼县", "3项"), ("赤壁市", "2项")]
    count_chart = chart(html, "count-category")
    assert "<caption>各类别数据条数</caption>" in count_chart
    assert '<th scope="col">类别</th><th scope="col">数据条数</th>' in count_chart
    assert 'role="img"' in count_chart
    assert "<desc" in count_chart and "各类别数据条数：创新平台 3项；科技金融 2项。" in count_chart


def test_sums_add_only_one_measure_in_one_unit_written_the_chinese_way_and_leave_targets_out(client, figures):
    html = page(client)

    # 基金规模 in 元: 30亿 + 5000万 achieved; the 150亿 target is not added, 家 is never added to 元.
    assert chart_rows(html, "sum-region") == [("嘉鱼县", "30.5亿元")]
    assert chart_rows(html, "sum-category") == [("创新平台", "5000万元"), ("科技金融", "30亿元")]
    assert "2 项“基金规模”之和：30.5亿元（2025年的存量，不含预期目标）。" in html
    assert '<th scope="col">相加的数据条数</th>' in chart(html, "sum-region")
    assert "不含预期目标" in chart(html, "sum-region")
    assert "<caption>各类别“基金规模”合计（元）</caption>" in chart(html, "sum-category")

    households = page(client, {"unit": "家"})  # an address from when sums were chosen by unit
    assert chart_rows(households, "sum-region") == [("赤壁市", "308家")]
    assert "2 项“企业数”之和：308家" in households


def test_sums_of_targets_only_when_only_targets_are_selected(client, figures):
    KeyFigureFactory(
        achievement=figures["fund"].achievement,
        label="带动投资",
        text="50亿元",
        value=Decimal("5e9"),
        is_target=True,
        kind=STOCK,
        measure="基金规模",
        unit="元",
    )
    html = page(client, {"target": "1"})

    assert chart_rows(html, "sum-category") == [("科技金融", "200亿元")]
    assert "只计预期目标" in chart(html, "sum-category")


def test_only_figures_of_one_measure_unit_and_additive_kind_are_added(client):
    """The 科技金融 mistake: a fund, a seed fund, a loan's ceiling and a total investment, all in 元."""
    finance = AchievementFactory(category=Achievement.Category.FINANCE, title="科技金融")
    for label, value, kind, measure in [
        ("母基金规模", "3e9", STOCK, "基金规模"),
        ("种子基金规模", "5e7", STOCK, "基金规模"),
        ("单笔贷款额度", "1e7", CEILING, ""),
        ("生产基地总投资", "5e9", STOCK, "总投资"),
        ("智算中心总投资", "3e8", STOCK, "总投资"),
        ("降本增效", "1e7", "", ""),  # kind not marked
    ]:
        KeyFigureFactory(achievement=finance, label=label, value=Decimal(value), unit="元", kind=kind, measure=measure)
    KeyFigureFactory(achievement=finance, label="增长", value=Decimal(50), unit="%", kind=KeyFigure.Kind.RATE)

    html = page(client)

    assert chart_rows(html, "sum-category") == [("科技金融", "30.5亿元")]
    assert "2 项“基金规模”之和：30.5亿元" in html
    start = html.index('aria-label="选择合计的统计口径"')
    chooser = html[start : html.index("</nav>", start)]
    offered = re.findall(r"<a href=\"([^\"]+)\"[^>]*>([^<]+)<span", chooser)
    assert [label.strip() for _url, label in offered] == ["基金规模 · 元 · 存量", "总投资 · 元 · 存量"]
    investment = page(client, {"measure": "总投资", "unit": "元", "kind": "stock"})
    assert chart_rows(investment, "sum-category") == [("科技金融", "53亿元")]
    assert "2 项“总投资”之和：53亿元" in investment
    # The ceiling, the unmarked figure and the rate are in no total; every figure still counts in the counts.
    assert chart_rows(html, "count-category") == [("科技金融", "7项")]


def test_a_region_and_its_parent_are_not_added_together(client):
    """The city's count includes its district's: of one year and measure, the whole is added, not also its part."""
    city = RegionFactory(name="咸宁市")
    district = RegionFactory(name="咸安区", parent=city)
    outside = RegionFactory(name="武汉")
    signed = {"unit": "家", "kind": STOCK, "measure": "签约企业数", "achievement__category": "platform"}
    KeyFigureFactory(label="全市签约企业", text="205家", value=205, region=city, **signed)
    KeyFigureFactory(label="咸安区签约企业", text="30家", value=30, region=district, **signed)
    KeyFigureFactory(label="武汉签约企业", text="10家", value=10, region=outside, **signed)

    html = page(client)

    assert chart_rows(html, "sum-category") == [("创新平台", "215家")]
    assert "2 项“签约企业数”之和：215家（2025年的存量，不含预期目标）；" in html
    assert "另有 1 项属于上级地区也有此项数字的地区，为免重复计算，未相加。" in html
    # By region, each bar is that region's own figures.
    assert sorted(chart_rows(html, "sum-region")) == [("咸宁市", "205家"), ("咸安区", "30家"), ("武汉", "10家")]


def test_the_category_bars_add_up_to_the_total_when_a_city_and_its_district_are_in_two_categories(client):
    city = RegionFactory(name="咸宁市")
    district = RegionFactory(name="咸安区", parent=city)
    signed = {"unit": "家", "kind": STOCK, "measure": "签约企业数"}
    KeyFigureFactory(value=205, region=city, achievement__category="platform", **signed)
    KeyFigureFactory(value=30, region=district, achievement__category="enterprise", **signed)

    html = page(client)

    # The district's 30 is part of the city's 205 in the total: no bar adds it either.
    assert "1 项“签约企业数”之和：205家" in html
    assert chart_rows(html, "sum-category") == [("创新平台", "205家")]


def test_stocks_of_different_years_are_not_added_flows_are(client):
    for kind, year, value in [(STOCK, 2024, 100), (STOCK, 2025, 120), (FLOW, 2024, 30), (FLOW, 2025, 20)]:
        KeyFigureFactory(value=value, unit="家", kind=kind, measure=f"企业{kind}", achievement__year=year)

    stocks = page(client, {"measure": "企业stock", "unit": "家", "kind": "stock"})
    flows = page(client, {"measure": "企业flow", "unit": "家", "kind": "flow"})

    assert "1 项“企业stock”之和：120家（2025年的存量，不含预期目标）。" in stocks
    assert "存量不跨年度相加：只计2025年的数据。" in chart(stocks, "sum-category")
    assert "存量不跨年度相加" not in flows
    assert chart_rows(stocks, "sum-year") == [("2024年", "100家"), ("2025年", "120家")]
    assert "2 项“企业flow”之和：50家（流量，不含预期目标）。" in flows


def test_year_over_year_view_appears_only_when_figures_span_several_years(client, figures):
    assert "逐年比较" not in page(client)

    KeyFigureFactory(
        achievement__year=2024,
        achievement__category=Achievement.Category.FINANCE,
        value=Decimal("2e9"),
        unit="元",
        kind=STOCK,
        measure="基金规模",
    )
    html = page(client)

    assert "逐年比较" in html
    assert chart_rows(html, "count-year") == [("2024年", "1项"), ("2025年", "5项")]
    assert chart_rows(html, "sum-year") == [("2024年", "20亿元"), ("2025年", "30.5亿元")]


# Downloads


def download_csv(client, params=None):
    response = client.get(reverse("achievements:export_csv"), params or {})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    content = response.getvalue()  # a stream: it can be read once
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_csv_download_has_the_documented_columns_and_a_bom(client, figures):
    rows = download_csv(client)

    assert rows[0] == [
        "指标", "原文写法", "数值", "单位", "限定词", "数值性质", "预期目标", "指标类型", "统计口径", "年度",
        "地区", "类别", "成果", "出处文章", "出处章节", "链接",
        "原始出处", "发布单位", "发布日期", "原始出处网址", "原文语句",
    ]  # fmt: skip
    fund = next(row for row in rows if row[0] == "母基金规模")
    assert fund[1:4] == ["30亿元", "3000000000", "元"]
    assert fund[6:14] == [
        "否",
        "存量（时点数，截至某时的总数）",
        "基金规模",
        "2025",
        "嘉鱼县",
        "科技金融",
        "母基金",
        "科技创新实现新突破",
    ]
    assert fund[15] == f"http://testserver/news/review/#figure-{figures['fund'].pk}"
    assert fund[16:] == ["", "", "", "", ""]


def test_downloads_carry_the_citation_of_the_original(client, figures):
    figure = figures["fund"]
    figure.citation_publication = "《咸宁日报》"
    figure.citation_issuer = "咸宁高新区管委会"
    figure.citation_date = datetime.date(2025, 3, 8)
    figure.citation_url = "https://www.example.gov.cn/news/1.html"
    figure.citation_sentence = "  母基金规模30亿元，\n首期到位。"
    figure.save()

    fund = next(row for row in download_csv(client) if row[0] == "母基金规模")
    assert fund[16:] == [
        "《咸宁日报》", "咸宁高新区管委会", "2025-03-08", "https://www.example.gov.cn/news/1.html",
        "  母基金规模30亿元，\n首期到位。",
    ]  # fmt: skip

    sheet = load_workbook(io.BytesIO(client.get(reverse("achievements:export_xlsx")).getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    row = next(row for row in rows if row[0] == "母基金规模")
    assert row[15] == f"http://testserver/news/review/#figure-{figure.pk}"
    assert row[16] == "《咸宁日报》" and row[19] == "https://www.example.gov.cn/news/1.html"

    html = page(client)
    row = html[html.index("母基金规模") : html.index("</tr>", html.index("母基金规模"))]
    assert '<a class="figure-citation-link" href="https://www.example.gov.cn/news/1.html" rel="noopener">' in row


def test_csv_download_holds_exactly_the_filtered_figures(client, figures):
    params = {"category": "platform", "region": figures["seed"].region.slug}

    rows = download_csv(client, params)

    assert [row[0] for row in rows[1:]] == ["种子基金"]
    html = page(client, params)
    assert (
        f'href="{reverse("achievements:export_csv")}?category=platform&amp;region={figures["seed"].region.slug}"'
        in html
    )


def test_downloads_make_cells_that_would_run_as_formulas_safe(client):
    KeyFigureFactory(label='=HYPERLINK("http://evil")', text="+1", qualifier="-2", achievement__title="@SUM(A1)")
    KeyFigureFactory(label="\tcmd", text="\r5", value=Decimal("-3"))

    rows = download_csv(client)
    labels = {row[0]: row for row in rows[1:]}
    row = labels['\'=HYPERLINK("http://evil")']
    assert row[1] == "'+1" and row[4] == "'-2" and row[12] == "'@SUM(A1)"
    assert "'\tcmd" in labels and labels["'\tcmd"][1] == "'\r5"

    response = client.get(reverse("achievements:export_xlsx"))
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    cells = [cell.value for row in sheet.iter_rows(min_row=2) for cell in row]
    assert '\'=HYPERLINK("http://evil")' in cells and "'@SUM(A1)" in cells
    assert not any(isinstance(value, str) and value.startswith(("=", "+", "@")) for value in cells)
    assert sheet.cell(row=2, column=3).data_type == "n"  # numbers stay numbers


def test_excel_download_holds_exactly_the_filtered_figures_with_numbers_as_numbers(client, figures):
    response = client.get(reverse("achievements:export_xlsx"), {"unit": "家", "article": "computing-news"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "指标" and rows[0][15] == "链接"
    assert [row[0] for row in rows[1:]] == ["种子基金", "签约企业", "入驻企业"]
    assert rows[1][2] == 50000000 and rows[1][6] == "否" and rows[1][9] == 2025


def test_a_download_with_a_bad_filter_is_refused_with_a_clear_message(client, figures):
    response = client.get(reverse("achievements:export_csv"), {"region": "nowhere"})

    assert response.status_code == 400
    assert "筛选条件有误" in response.content.decode()


def test_downloads_leave_out_drafts_and_do_not_name_unpublished_sources(client):
    KeyFigureFactory(achievement=AchievementFactory(draft=True), label="草稿数字")
    KeyFigureFactory(achievement=AchievementFactory(article=ArticleFactory(title="草稿出处", draft=True)), label="公开")

    rows = download_csv(client)

    assert [row[0] for row in rows[1:]] == ["公开"]
    assert "草稿出处" not in rows[1]


# A page with many figures stays light: the database counts, the table is paginated, the download is complete


@pytest.fixture
def many_figures():
    """Figures of one region and one source article, in two categories, years and units; ``add(n)`` adds more."""
    region = RegionFactory(name="赤壁市")
    review = ArticleFactory(kind=Article.Kind.REVIEW, title="年度回顾", slug="review")
    section = ArticleSectionFactory(article=review)
    achievements = [
        AchievementFactory(category=category, region=region, article=review, section=section, year=year)
        for category, year in [(Achievement.Category.PLATFORM, 2025), (Achievement.Category.FINANCE, 2024)]
    ]

    def add(n):
        for i in range(n):
            unit = ["家", "元", "%"][i % 3]
            KeyFigureFactory(
                achievement=achievements[i % 2],
                unit=unit,
                value=Decimal(10 + i),
                is_target=i % 5 == 0,
                kind=KeyFigure.Kind.FLOW,
                measure="新增企业",
            )

    add.region = region
    return add


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"category": "platform", "year": "2025", "target": "0", "unit": "家"},
        {"region": "chi-bi-shi", "article": "review", "group": "region"},
    ],
    ids=["all", "filtered", "by-region-and-article"],
)
def test_data_page_queries_do_not_grow_from_3_to_30_figures(client, django_assert_num_queries, many_figures, params):
    url = f"{INDEX}?{'&'.join(f'{name}={value}' for name, value in params.items())}"

    # counts per filter combination, their regions, the latest source articles and their figure counts (+ the
    # selected article), then the table: the page's figure ids, those figures with their sources, projects and
    # enterprises
    expected = 11 if "article" in params else 10
    response = assert_constant_queries(
        client, django_assert_num_queries, url, many_figures, expected=expected, small=3, large=30
    )
    assert "部分筛选条件无效" not in response.content.decode()


def test_csv_download_queries_do_not_grow_from_3_to_30_figures(client, django_assert_num_queries, many_figures):
    # counts per filter combination (for the filters), their regions; the figures with their sources
    response = assert_constant_queries(
        client, django_assert_num_queries, reverse("achievements:export_csv"), many_figures, expected=5, large=30
    )
    assert len(list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))) == 31


def test_the_table_shows_a_page_of_figures_while_counts_charts_and_downloads_cover_them_all(client, many_figures):
    many_figures(150)

    first = page(client)
    last = page(client, {"page": "3"})
    rows = download_csv(client)

    assert len(table_labels(first)) == 50 and len(table_labels(last)) == 50
    assert "（第 3 页）" in last
    assert "共 <strong>150</strong> 项数据" in first
    assert chart_rows(first, "count-region") == [("赤壁市", "150项")]
    assert ("2025年", "75项") in chart_rows(first, "count-year")
    # Every third figure is in 家 (50, worth 4175 together); the 10 of them that are targets (775) are not added.
    assert chart_rows(page(client, {"unit": "家"}), "sum-region") == [("赤壁市", "3400家")]
    assert len(rows) == 151


def test_the_source_article_filter_offers_the_latest_articles_and_keeps_an_older_one_selected(client):
    articles = [ArticleFactory(title=f"出处文章{n:02d}", slug=f"source-{n}") for n in range(32)]
    for n, article in enumerate(articles):
        article.published_at = article.published_at.replace(year=1990 + n)
        article.save()
        KeyFigureFactory(achievement__article=article, label=f"指标{n:02d}")

    html = page(client)
    selected = page(client, {"article": "source-0"})

    offered = [option.text for option in shown_facets(html)["出处文章"].options]
    assert "出处文章31（1）" in offered and "出处文章02（1）" in offered and "出处文章01（1）" not in offered
    assert shown_facets(selected)["出处文章"].current == ["出处文章00（1）"]
    assert table_labels(selected) == ["指标00"]


def test_english_filters_mark_as_chinese_only_the_options_without_an_english_name(client):
    """A value of one filter (an article's address) never marks an option of another (a region, a year, a
    category) that happens to share it."""
    chibi = RegionFactory(name="赤壁市", name_en="Chibi", slug="chibi")
    for slug, title in [("chibi", "赤壁新闻"), ("2025", "年度新闻"), ("finance", "金融新闻")]:
        achievement = AchievementFactory(
            article=ArticleFactory(title=title, slug=slug),
            region=chibi,
            year=2025,
            category=Achievement.Category.FINANCE,
        )
        KeyFigureFactory(achievement=achievement)
    client.cookies["language"] = "en"

    html = page(client)

    facets = shown_facets(html)
    marked = [option.chinese for facet in facets.values() for option in facet.options if option.chinese]
    assert sorted(marked) == sorted(["赤壁新闻", "年度新闻", "金融新闻"])  # the articles, nothing else
    assert facets["Region"].option("Chibi (3)").href == "?region=chibi"
