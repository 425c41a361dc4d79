"""What `load_demo` holds: the 2025 Xianning review and every entity and key figure it mentions (the review's facts,
stated here on their own, so a slip in demo/content.py shows). The demo is loaded once for the whole module."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from django.http import QueryDict
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from achievements.models import Achievement, KeyFigure
from enterprises.models import Enterprise, Honour, Institution, Person
from news.models import Article
from projects.models import Project
from regions.models import Region

pytestmark = pytest.mark.django_db

REGIONS = [
    # name, slug, kind, parent
    ("咸宁市", "xianning", "city", None),
    ("咸安区", "xianan", "district", "咸宁市"),
    ("嘉鱼县", "jiayu", "county", "咸宁市"),
    ("赤壁市", "chibi", "county_city", "咸宁市"),
    ("通城县", "tongcheng", "county", "咸宁市"),
    ("崇阳县", "chongyang", "county", "咸宁市"),
    ("通山县", "tongshan", "county", "咸宁市"),
    ("咸宁高新区", "gaoxinqu", "zone", "咸宁市"),
    ("武汉", "wuhan", "outside", None),
]

ENTERPRISES = [
    # name, region
    ("湖北中科华冶新材料科技有限公司", "咸宁市"),
    ("湖北世丰新材料有限公司", "咸宁市"),
    ("湖北穿石智能电器有限公司", "咸宁市"),
    ("维达力科技股份有限公司", "赤壁市"),
    ("北京高斯算电有限公司", None),
]

INSTITUTIONS = [
    # name, parent
    ("武汉大学", None),
    ("武汉大学机器人学院", "武汉大学"),
    ("武汉大学工业技术研究院", "武汉大学"),
    ("武汉理工大学", None),
    ("湖北省农业科学院", None),
    ("中国科学院", None),
]

PEOPLE = ["何立超", "焦忠久", "谭宏宇", "罗奇"]

PROJECTS = [
    # name, kind, stage, region
    ("咸宁科技创新中心", "platform", "operating", "咸宁高新区"),
    ("咸宁（武汉）离岸科创园", "park", "operating", "武汉"),
    ("园区联合贷", "finance", "operating", "咸宁高新区"),
    ("湖北咸宁高新产业区域母基金", "fund", "operating", "咸宁市"),
    ("一号种子投资基金", "fund", "operating", "咸宁高新区"),
    ("赤壁市“创新型中小企业—制造业单项冠军”双向培育快车道", "programme", "operating", "赤壁市"),
    ("通山县“1+7+N”地网服务体系", "service", "operating", "通山县"),
    ("嘉鱼县“两院三中心”平台", "platform", "operating", "嘉鱼县"),
    ("崇阳县高分子材料产业集群", "cluster", "operating", "崇阳县"),
    ("武汉大学机器人学院水下具身智能研究中心", "research", "operating", "赤壁市"),
    ("湖北高斯算电推理集群", "infrastructure", "building", "咸宁高新区"),
    ("咸宁高新区“管委会+公司”运营模式改革", "reform", "operating", "咸宁高新区"),
    ("咸安区产业“工程师工作室”", "service", "operating", "咸安区"),
    ("武汉大学工业技术研究院咸宁分院", "research", "operating", "咸宁市"),
    ("通城县柔性引才", "talent", "operating", "通城县"),
]

# Every quantity of the seed article: a word of its label, the text as written, value in the base unit, unit.
KEY_FIGURES = [
    ("高校", "4所", "4", "所"),
    ("签约入驻", "8家", "8", "家"),
    ("科创企业", "54家", "54", "家"),
    ("金融机构", "10家", "10", "家"),
    ("签约企业", "205家", "205", "家"),
    ("入驻科技企业", "103家", "103", "家"),
    ("省级实验室", "2家", "2", "家"),
    ("合作高校", "23所", "23", "所"),
    ("生产基地的企业", "82家", "82", "家"),
    ("总投资", "50亿元", "5000000000", "元"),
    ("信用贷款", "1000万元", "10000000", "元"),
    ("母基金", "30亿元", "3000000000", "元"),
    ("社会资本", "150亿元", "15000000000", "元"),
    ("种子", "5000万元", "50000000", "元"),
    ("试验新品种", "2700余个", "2700", "个"),
    ("甘蓝", "3个", "3", "个"),
    ("推广面积", "4.2万亩", "42000", "亩"),
    ("良种覆盖率", "98%", "98", "%"),
    ("产能同比", "50%", "50", "%"),
    ("产值", "10亿元", "1000000000", "元"),
    ("产能提升", "30%以上", "30", "%"),
    ("投资", "3亿元", "300000000", "元"),
    ("GPU", "500张", "500", "张"),
    ("算力", "1000P", "1000", "P"),
    ("干部职工", "一半", "50", "%"),
    ("工程师工作室", "四个", "4", "个"),
    ("关键技术突破", "8项", "8", "项"),
    ("降本增效", "超千万元", "10000000", "元"),
    ("专家", "35人", "35", "人"),
    ("团队", "20个", "20", "个"),
    ("专利", "463项", "463", "项"),
    ("成果转化", "64项", "64", "项"),
]

FEATURED_TEXTS = {"205家", "50亿元", "30亿元", "4.2万亩", "98%", "1000P", "463项", "54家"}


def load(*args) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once for the tests that only read it (each test's own transaction undoes what it changes);
    rolled back when they are done."""
    quick = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
    )
    with django_db_blocker.unblock(), quick, transaction.atomic():
        load()
        yield
        transaction.set_rollback(True)


def test_load_demo_creates_every_region_with_its_kind_slug_and_parent(loaded_demo):
    for name, slug, kind, parent in REGIONS:
        region = Region.objects.get(name=name)
        assert (region.slug, region.kind) == (slug, kind), name
        assert (region.parent.name if region.parent else None) == parent, name
    assert Region.objects.count() == len(REGIONS)


def test_load_demo_creates_every_enterprise_with_a_summary_and_body(loaded_demo):
    for name, region in ENTERPRISES:
        enterprise = Enterprise.objects.get(name=name)
        assert (enterprise.region.name if enterprise.region else None) == region, name
        assert enterprise.summary and enterprise.body, name
        assert enterprise.sector is not None, name


def test_demo_enterprises_hold_no_honour_the_article_does_not_state(loaded_demo):
    honours = {"专精特新", "单项冠军", "高新技术企业", "创新型中小企业"}
    assert set(Honour.objects.values_list("name", flat=True)) == honours
    assert not Enterprise.honours.through.objects.exists()


def test_load_demo_creates_every_institution_and_person(loaded_demo):
    for name, parent in INSTITUTIONS:
        institution = Institution.objects.get(name=name)
        assert (institution.parent.name if institution.parent else None) == parent, name
    assert set(Person.objects.values_list("name", flat=True)) == set(PEOPLE)
    assert Person.objects.get(name="何立超").enterprise.name == "湖北中科华冶新材料科技有限公司"
    assert Person.objects.get(name="焦忠久").institution.name == "湖北省农业科学院"
    assert Enterprise.objects.get(name="湖北世丰新材料有限公司").partners.filter(name="武汉理工大学").exists()


def test_load_demo_creates_every_platform_project_fund_and_programme(loaded_demo):
    for name, kind, stage, region in PROJECTS:
        project = Project.objects.get(name=name)
        assert (project.kind, project.stage, project.region.name) == (kind, stage, region), name
        assert project.summary and project.body, name
    assert Project.objects.count() == len(PROJECTS)


def test_offshore_park_sits_in_wuhan_and_works_for_xianning(loaded_demo):
    park = Project.objects.get(name="咸宁（武汉）离岸科创园")
    assert list(park.other_regions.values_list("name", flat=True)) == ["咸宁市"]


def test_funds_and_cluster_carry_investment_as_written_and_in_yuan(loaded_demo):
    expected = {
        "湖北咸宁高新产业区域母基金": (Decimal("3000000000"), "30亿元"),
        "一号种子投资基金": (Decimal("50000000"), "5000万元"),
        "湖北高斯算电推理集群": (Decimal("300000000"), "3亿元"),
    }
    for name, (investment, text) in expected.items():
        project = Project.objects.get(name=name)
        assert (project.investment, project.investment_text) == (investment, text), name


def test_computing_cluster_is_run_by_gauss_and_its_milestones_are_still_ahead(loaded_demo):
    cluster = Project.objects.get(name="湖北高斯算电推理集群")
    assert cluster.short_name == "咸宁智算中心"
    assert cluster.operator.name == "北京高斯算电有限公司"
    milestones = [(m.date, m.precision, m.is_done, m.date_display) for m in cluster.milestones.all()]
    assert milestones == [
        (datetime.date(2025, 12, 1), "month", False, "2025年12月"),
        (datetime.date(2026, 1, 1), "month", False, "2026年1月"),
    ]


def test_events_of_2025_are_done_milestones_with_month_or_year_precision(loaded_demo):
    cases = {
        "崇阳县高分子材料产业集群": (datetime.date(2025, 9, 1), "month"),
        "武汉大学机器人学院水下具身智能研究中心": (datetime.date(2025, 10, 1), "month"),
        "咸宁科技创新中心": (datetime.date(2025, 1, 1), "year"),
    }
    for name, (date, precision) in cases.items():
        project = Project.objects.get(name=name)
        assert (project.start_date, project.start_precision) == (date, precision), name
        milestone = project.milestones.get()
        assert (milestone.date, milestone.precision, milestone.is_done) == (date, precision, True), name
    research = Project.objects.get(name="武汉大学机器人学院水下具身智能研究中心")
    assert research.operator_institution.name == "武汉大学机器人学院"


def test_every_key_figure_of_the_article_exists_with_normalised_value_and_unit(loaded_demo):
    figures = list(KeyFigure.objects.all())
    missing = []
    for keyword, text, value, unit in KEY_FIGURES:
        matches = [
            f for f in figures if keyword in f.label and f.text == text and f.value == Decimal(value) and f.unit == unit
        ]
        if len(matches) != 1:
            missing.append((keyword, text, value, unit, len(matches)))
    assert missing == []
    assert len(figures) == len(KEY_FIGURES) == 32


def test_key_figures_record_bounds_targets_and_dates(loaded_demo):

    def figure(text, keyword):
        return KeyFigure.objects.get(text=text, label__contains=keyword)

    assert (figure("2700余个", "品种").qualifier, figure("2700余个", "品种").bound) == ("余", "at_least")
    assert (figure("1000万元", "贷款").qualifier, figure("1000万元", "贷款").bound) == ("最高", "at_most")
    assert (figure("一半", "干部").qualifier, figure("一半", "干部").bound) == ("超过", "at_least")
    assert figure("超千万元", "降本").bound == "at_least"
    assert figure("150亿元", "社会资本").is_target
    assert figure("500张", "GPU").is_target and figure("1000P", "算力").is_target
    assert not figure("205家", "签约").is_target

    output_target = figure("10亿元", "产值")
    assert output_target.is_target and output_target.bound == "at_least"
    assert (output_target.as_of, output_target.as_of_precision) == (datetime.date(2028, 1, 1), "year")
    for text, keyword in [("四个", "工作室"), ("8项", "突破"), ("超千万元", "降本")]:
        as_of = figure(text, keyword)
        assert (as_of.as_of, as_of.as_of_display) == (datetime.date(2025, 7, 1), "2025年7月")


def test_every_key_figure_has_a_year_and_a_region(loaded_demo):
    assert not KeyFigure.objects.filter(year__isnull=True).exists()
    assert not KeyFigure.objects.filter(region__isnull=True).exists()
    assert KeyFigure.objects.get(text="4.2万亩").region.name == "嘉鱼县"
    assert KeyFigure.objects.get(text="463项").region.name == "通城县"


def test_home_page_features_the_headline_figures(loaded_demo):
    assert set(KeyFigure.objects.filter(is_featured=True).values_list("text", flat=True)) == FEATURED_TEXTS


def test_review_has_its_metadata_and_three_sections_in_order(loaded_demo):
    review = Article.objects.get(kind=Article.Kind.REVIEW, year=2025)
    assert review.title == "科技创新实现新突破"
    assert review.series == "奋发有为 这一年"
    # The portal's summary of the newspaper's review: no reporters in the byline, the newspaper credited.
    assert review.byline == ""
    assert review.is_summary
    assert review.based_on_publication == "咸宁日报"
    assert (review.based_on_date, review.based_on_date_precision) == (datetime.date(2025, 11, 1), "month")
    assert review.based_on_authors == "记者 谭宏宇 通讯员 罗奇"
    assert review.lead
    local = timezone.localtime(review.published_at)
    assert (local.year, local.month) == (2025, 11)
    sections = [(s.order, s.label, s.heading) for s in review.sections.all()]
    assert sections == [
        (1, "新格局", "打造区域协同创新样本"),
        (2, "新突破", "从技术攻坚到产业升级"),
        (3, "新生态", "构筑创新发展强力支撑"),
    ]
    assert all(s.body.startswith("<") for s in review.sections.all())


def test_review_links_everything_it_mentions(loaded_demo):
    review = Article.objects.get(kind=Article.Kind.REVIEW, year=2025)
    assert review.regions.count() == len(REGIONS)
    assert review.projects.count() == len(PROJECTS)
    assert review.enterprises.count() == len(ENTERPRISES)
    assert review.institutions.count() == len(INSTITUTIONS)
    assert set(review.people.values_list("name", flat=True)) == set(PEOPLE)
    assert review.topics.exists()


def test_every_achievement_cites_a_section_of_the_review(loaded_demo):
    review = Article.objects.get(kind=Article.Kind.REVIEW, year=2025)
    for achievement in Achievement.objects.all():
        assert achievement.year == 2025
        assert achievement.article == review, achievement.title
        assert achievement.section.article == review, achievement.title
        assert achievement.region is not None, achievement.title
    assert Achievement.objects.get(figures__text="4.2万亩").section.label == "新突破"
    assert Achievement.objects.get(figures__text="1000P").section.label == "新生态"


def test_news_list_is_not_empty(loaded_demo):
    news = Article.objects.published().filter(kind=Article.Kind.NEWS)
    assert 2 <= news.count() <= 4
    assert all(article.lead and article.body for article in news)


def test_everything_load_demo_makes_is_published(loaded_demo):
    for model in (Institution, Enterprise, Project, Article, Achievement):
        assert model.objects.exists(), model
        assert model.objects.published().count() == model.objects.count(), model
    assert KeyFigure.objects.published().count() == KeyFigure.objects.count()


def test_key_figures_say_whether_and_with_what_they_add_up(loaded_demo):
    def figure(text, keyword):
        return KeyFigure.objects.get(text=text, label__contains=keyword)

    assert (figure("30亿元", "母基金").kind, figure("30亿元", "母基金").measure) == ("stock", "基金规模")
    assert figure("5000万元", "种子").measure == "基金规模"
    assert figure("1000万元", "贷款").kind == "ceiling"
    assert {figure(text, keyword).kind for text, keyword in [("98%", "覆盖率"), ("50%", "产能"), ("一半", "干部")]} == {
        "rate"
    }
    assert figure("205家", "签约").kind == "stock" and figure("35人", "专家").kind == "flow"
    assert not KeyFigure.objects.filter(kind="").exists()


def sum_page(client, params=None) -> str:
    response = client.get(reverse("achievements:index"), params or {})
    assert response.status_code == 200
    return response.content.decode()


def chart_rows(html, slug) -> list[tuple[str, str]]:
    start = html.index(f'id="chart-{slug}"')
    table = html[start : html.index("</figure>", start)]
    return re.findall(r'<tr class="chart__row"><th scope="row">([^<]+)</th><td>([^<]+)</td>', table)


def test_the_demo_data_page_adds_no_ceiling_no_rate_and_never_two_measures(client, loaded_demo):
    html = sum_page(client)
    start = html.index('aria-label="选择合计的统计口径"')
    chooser = html[start : html.index("</nav>", start)]
    offered = re.findall(r'<a href="\?([^"#]+)#charts-heading"[^>]*>([^<]+)<span', chooser)
    assert offered

    for query, label in offered:
        measure, unit, kind = label.strip().split(" · ")
        page = sum_page(client, QueryDict(query.replace("&amp;", "&")))
        total = re.search(r"(\d+) 项“([^”]+)”之和：", page)
        assert total[2] == measure
        # What was added: figures of this one measure, all of this one additive kind and unit.
        figures = [f for f in KeyFigure.objects.published() if f.measure_name == measure and f.unit == unit]
        assert {f.kind for f in figures} == {"stock" if kind == "存量" else "flow"}, measure
        assert int(total[1]) <= len(figures)
        assert "单笔" not in label and unit != "%"

    # The old address of the money sums: the 科技金融 total is the city's fund (the seed fund is the High-tech Zone's,
    # within the city, and said to be left out), never the 30.6亿元 that added a loan's ceiling.
    money = sum_page(client, {"unit": "元"})
    assert dict(chart_rows(money, "sum-category"))["科技金融"] == "30亿元"
    assert "1 项“基金规模”之和：30亿元（2025年的存量，不含预期目标）；另有 1 项属于上级地区也有此项数字的地区" in money
    assert "30.6亿" not in money and "30.5亿" not in money
