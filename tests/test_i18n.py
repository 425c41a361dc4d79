"""The interface in two languages: Chinese unless the visitor picks English; content may carry English titles."""

import csv
import gettext
import io
import re
import shutil
import xml.etree.ElementTree as ET
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from achievements.models import Achievement
from presentation.numbers import format_en_amount, format_en_figure
from publishing.models import PublishStatus
from publishing.roles import REVIEWER
from publishing.services import content_publish
from tests.facets import shown_facets
from tests.factories import (
    AchievementFactory,
    ArticleFactory,
    ArticleSectionFactory,
    EnterpriseFactory,
    InstitutionFactory,
    KeyFigureFactory,
    MilestoneFactory,
    ProjectFactory,
    RegionFactory,
    SectorFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
CHINESE = re.compile(r"[\u3400-\u9fff]")
# Interface text a reader sees or hears; <meta>, <link> and JSON-LD are for machines and name the Chinese content.
READ_ATTRIBUTES = {"aria-label", "placeholder", "title", "alt", "value"}


class UnmarkedChinese(HTMLParser):
    """Collects Chinese text outside any element marked lang="zh-hans": text the English page would mislabel."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, attributes: set[str], skip: set[str]):
        super().__init__()
        self.attributes = attributes
        self.skip = {"script", "style", *skip}
        self.stack: list[tuple[str, bool]] = []
        self.found: list[str] = []

    def chinese_here(self) -> bool:
        return any(is_chinese for _tag, is_chinese in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        marked = attrs.get("lang", "").startswith("zh")
        if not (self.chinese_here() or marked or tag in {"meta", "link"}):
            self.found += [
                value for name, value in attrs.items() if name in self.attributes and CHINESE.search(value or "")
            ]
        if tag not in self.VOID:
            self.stack.append((tag, marked or tag in self.skip))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self.chinese_here() and CHINESE.search(data):
            self.found.append(data.strip())


def unmarked_chinese(html: str, attributes=READ_ATTRIBUTES, skip=frozenset()) -> list[str]:
    parser = UnmarkedChinese(attributes, skip)
    parser.feed(html)
    return parser.found


def choose_english(client, next_url="/"):
    response = client.post(reverse("set_language"), {"language": "en", "next": next_url})
    assert response.status_code == 302
    return response


def test_first_visit_is_chinese_even_when_the_browser_asks_for_english(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()

    assert '<html lang="zh-hans"' in html
    assert ">新闻与回顾</a>" in html
    assert "News and reviews" not in html


def test_the_language_switcher_is_a_labelled_form_that_works_without_javascript(client):
    html = client.get("/").content.decode()

    assert f'<form class="language-switch" method="get" action="{reverse("home:language")}">' in html
    assert '<label for="language-switch-select">界面语言</label>' in html
    assert '<option value="en" lang="en">English</option>' in html
    assert '<option value="zh-hans" lang="zh-hans" selected>简体中文</option>' in html


def test_choosing_english_translates_the_interface_and_keeps_it_on_other_pages(client):
    response = choose_english(client, "/projects/")

    assert response["Location"] == "/projects/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    projects = client.get("/projects/").content.decode()
    assert '<html lang="en"' in projects
    assert "<h1>Projects and platforms</h1>" in projects
    assert "No projects or platforms are public yet; please come back later." in projects
    home = client.get("/").content.decode()
    assert ">News and reviews</a>" in home
    assert '<h2 id="news-heading">Latest news</h2>' in home
    assert "No news yet." in home
    assert "Skip to main content" in home
    assert 'aria-label="Footer navigation"' in home
    assert '<option value="en" lang="en" selected>English</option>' in home


def test_the_reader_can_switch_back_to_chinese(client):
    choose_english(client)
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})

    assert ">新闻与回顾</a>" in client.get("/").content.decode()


@pytest.mark.parametrize(
    "url",
    ["/", "/news/", "/projects/", "/enterprises/", "/achievements/", "/regions/", "/search/", "/search/?q=xyz"],
)
def test_empty_pages_in_english_have_no_chinese_interface_text(client, url):
    choose_english(client)

    assert unmarked_chinese(client.get(url).content.decode()) == []


def test_pages_vary_by_language_for_caches(client):
    response = client.get("/")

    assert "Cookie" in response["Vary"]
    assert response["Content-Language"] == "zh-hans"


def test_english_title_and_summary_show_in_english_mode_and_chinese_falls_back_marked(client):
    region = RegionFactory(name="咸安区", name_en="Xian'an District")
    translated = ProjectFactory(name="咸宁科技创新中心", name_en="Xianning Innovation Centre", summary_en="A hub.")
    untranslated = ProjectFactory(name="园区联合贷", summary="无抵押信用贷款。", region=region)
    choose_english(client)

    listing = client.get("/projects/").content.decode()
    assert ">Xianning Innovation Centre</a>" in listing
    assert "A hub." in listing
    assert f'<a href="{untranslated.get_absolute_url()}" lang="zh-hans">园区联合贷</a>' in listing
    assert '<p class="item__summary" lang="zh-hans">无抵押信用贷款。</p>' in listing
    assert "Xian&#x27;an District" in listing
    detail = client.get(untranslated.get_absolute_url()).content.decode()
    assert '<h1 lang="zh-hans">园区联合贷</h1>' in detail
    assert "<h1>Xianning Innovation Centre</h1>" in client.get(translated.get_absolute_url()).content.decode()


def test_chinese_mode_ignores_the_english_fields(client):
    ArticleFactory(title="科技创新实现新突破", title_en="New breakthroughs")

    html = client.get("/news/").content.decode()

    assert "科技创新实现新突破" in html
    assert "New breakthroughs" not in html
    assert 'lang="zh-hans">' not in html.split("<main", 1)[1]


def test_detail_pages_in_english_mark_every_chinese_part(client):
    region = RegionFactory(name="赤壁市")
    topic = TopicFactory(name="算力")
    enterprise = EnterpriseFactory(name="维达力科技股份有限公司", region=region, sector=SectorFactory(name="电子信息"))
    institution = InstitutionFactory(name="武汉大学", region=region)
    project = ProjectFactory(name="湖北高斯算电推理集群", region=region, operator=enterprise)
    project.topics.add(topic)
    project.partner_institutions.add(institution)
    MilestoneFactory(project=project, title="集群点亮")
    article = ArticleFactory(title="咸宁智算中心开建", lead="算力。", source="咸宁日报", byline="本报记者")
    article.projects.add(project)
    article.regions.add(region)
    section = ArticleSectionFactory(article=article, label="新突破", heading="算力")
    achievement = AchievementFactory(title="智算中心", region=region, article=article, section=section)
    achievement.projects.add(project)
    KeyFigureFactory(achievement=achievement, text="1000P", label="算力")
    choose_english(client)

    for obj in (article, project, enterprise, institution, achievement, region, topic):
        html = client.get(obj.get_absolute_url()).content.decode()
        # <title> cannot mark a part's language, and a label such as "新突破: key figures of this section" names
        # a Chinese part in an English phrase: both are mixed by necessity.
        assert unmarked_chinese(html, READ_ATTRIBUTES - {"aria-label"}, {"title"}) == [], obj.get_absolute_url()


def test_admin_works_in_english(admin_client):
    admin_client.post(reverse("set_language"), {"language": "en", "next": "/admin/"})

    index = admin_client.get("/admin/").content.decode()
    form = admin_client.get(reverse("admin:projects_project_add")).content.decode()

    assert "Content management" in index
    assert "Projects and platforms" in index
    assert "English interface (optional)" in form
    assert "Investment / size (yuan)" in form


def po_entries(path: Path) -> dict[str, str]:
    """msgid → msgstr of a .po file (of a plural entry, its singular msgid and ``msgstr[0]``, which is what gettext
    gives for the msgid); an entry with a context is keyed as gettext keeps it, ``context\x04msgid``."""
    entries: dict[str, str] = {}
    msgid = msgstr = None
    current = None
    context = ""
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("msgctxt "):
            if msgid is not None:
                entries[msgid] = msgstr
                msgid = None
            context = eval_po_string(line[8:])
        elif line.startswith("msgid "):
            if msgid is not None:
                entries[msgid] = msgstr
            msgid, msgstr, current = eval_po_string(line[6:]), "", "msgid"
            if context:
                msgid, context = f"{context}\x04{msgid}", ""
        elif line.startswith("msgstr "):
            msgstr, current = eval_po_string(line[7:]), "msgstr"
        elif line.startswith("msgstr[0] "):
            msgstr, current = eval_po_string(line[10:]), "msgstr"
        elif line.startswith(("msgid_plural ", "msgstr[")):
            current = None
        elif line.startswith('"') and current == "msgid":
            msgid += eval_po_string(line)
        elif line.startswith('"') and current == "msgstr":
            msgstr += eval_po_string(line)
    if msgid is not None:
        entries[msgid] = msgstr
    entries.pop("", None)
    return entries


def eval_po_string(quoted: str) -> str:
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda match: escapes.get(match.group(1), match.group(0)), quoted.strip()[1:-1])


def test_every_english_catalogue_entry_is_translated():
    po = (CATALOGUE / "django.po").read_text(encoding="utf-8")

    untranslated = [msgid for msgid, msgstr in po_entries(CATALOGUE / "django.po").items() if not msgstr]

    assert untranslated == []
    assert "#, fuzzy" not in po.split("\nmsgid", 2)[2]


def test_compiled_catalogue_matches_the_po_file():
    """The committed .mo is what Django reads: rerun compilemessages whenever the .po changes."""
    with open(CATALOGUE / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)

    stale = [
        msgid for msgid, msgstr in po_entries(CATALOGUE / "django.po").items() if compiled.gettext(msgid) != msgstr
    ]

    assert stale == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="makemessages needs GNU gettext (xgettext)")
def test_every_interface_string_in_templates_and_code_is_in_the_english_catalogue(tmp_path, settings, monkeypatch):
    """makemessages over a copy of the project finds every marked string; each must be in our catalogue.

    A copy, because makemessages writes into any ``locale`` folder it finds next to the sources.
    """
    source = tmp_path / "source"
    skipped = (".*", "media", "staticfiles", "node_modules", "locale", "tests", "*.sqlite3", "__pycache__")
    shutil.copytree(settings.BASE_DIR, source, ignore=shutil.ignore_patterns(*skipped))
    (source / "locale").mkdir()
    settings.LOCALE_PATHS = [source / "locale"]
    monkeypatch.chdir(source)

    call_command(
        "makemessages",
        locale=["en"],
        ignore_patterns=["static"],
        no_location=True,
        verbosity=0,
    )

    extracted = po_entries(source / "locale" / "en" / "LC_MESSAGES" / "django.po")
    catalogue = po_entries(CATALOGUE / "django.po")
    assert sorted(set(extracted) - set(catalogue)) == []


# The data page, its downloads, the feeds, the admin's workflow messages and search, in English


@pytest.fixture
def data_figures():
    """A fund (元) in a region with an English name, a park (家) in one without."""
    xianning = RegionFactory(name="咸宁市", name_en="Xianning")
    chibi = RegionFactory(name="赤壁市")
    fund = AchievementFactory(
        category=Achievement.Category.FINANCE, region=xianning, title="区域母基金", title_en="Regional fund of funds"
    )
    park = AchievementFactory(category=Achievement.Category.PLATFORM, region=chibi, title="离岸科创园")
    funds = {"unit": "元", "kind": "stock", "measure": "基金规模"}
    KeyFigureFactory(achievement=fund, label="母基金规模", text="30亿元", value=Decimal("3e9"), **funds)
    KeyFigureFactory(achievement=fund, label="种子基金", text="5000万元", value=Decimal("5e7"), **funds)
    KeyFigureFactory(
        achievement=fund, label="单笔贷款额度", text="1000万元", value=Decimal("1e7"), unit="元", kind="ceiling"
    )
    KeyFigureFactory(achievement=park, label="签约企业", text="2700余家", value=2700, unit="家", bound="at_least")
    return {"xianning": xianning, "chibi": chibi}


def test_numbers_the_portal_computes_read_the_english_way():
    assert format_en_amount(Decimal("3000000000"), "元") == "3 billion yuan"
    assert format_en_amount(Decimal("3060000000"), "元") == "3.06 billion yuan"
    assert format_en_amount(Decimal("10000000"), "元") == "10 million yuan"
    assert format_en_amount(Decimal("999999999"), "元") == "1 billion yuan"
    assert format_en_amount(42000, "亩") == "42,000 mu"
    assert format_en_amount(1, "家") == "1 organisation"
    assert format_en_amount(98, "%") == "98%"
    assert format_en_amount(5, "某单位") == "5 某单位"
    assert format_en_figure(2700, "个", "at_least") == "at least 2,700 units"


def test_data_page_in_english_names_units_sums_and_filters_in_english(client, data_figures):
    choose_english(client)

    html = client.get(reverse("achievements:index")).content.decode()

    measure = '<span lang="zh-hans">基金规模</span>'  # what is counted, as staff wrote it: Chinese, marked
    assert (
        f'<h4 class="chart__title" id="chart-sum-category-title">Total of “{measure}” per category (yuan)</h4>' in html
    )
    assert "<td>3.05 billion yuan</td><td>2</td>" in html  # 30亿元 + 5000万元, not the loan's ceiling
    assert f"Sum of 2 figures of “{measure}”: 3.05 billion yuan (stock as of 2025, targets left out)." in html
    # the chart's text alternative
    assert "Total of “基金规模” per category (yuan): Technology finance 3.05 billion yuan (2)." in html
    assert f"Only stock figures of the measure “{measure}” in “yuan” are added up" in html
    assert f'{measure} · yuan · stock <span class="facet__count"> (figures: 2)</span>' in html
    assert "(at least 2,700 organisations)" in html  # beside the Chinese 2700余家, marked as Chinese
    assert '<span lang="zh-hans">2700余家</span>' in html
    regions = shown_facets(html)["Region"]
    assert regions.option("Xianning (3)").chinese == ""  # a region filter with its English name
    assert regions.option("赤壁市 (1)").chinese == "赤壁市"  # one without, marked
    # A chart's SVG text alternative (<desc>) names a Chinese region or measure in an English sentence: mixed by
    # necessity; the table beside the chart, the titles and the total mark them.
    assert unmarked_chinese(html, skip={"desc"}) == []
    assert "Figures per region: Xianning 3; 赤壁市 1." in html


def test_data_page_in_chinese_is_written_the_chinese_way(client, data_figures):
    html = client.get(reverse("achievements:index")).content.decode()

    assert "各类别“基金规模”合计（元）" in html
    assert "<td>30.5亿元</td><td>2项</td>" in html
    assert "各类别“基金规模”合计（元）：科技金融 30.5亿元（2项）。" in html
    assert "2 项“基金规模”之和：30.5亿元（2025年的存量，不含预期目标）。" in html
    main = html.split("<main", 1)[1]
    assert " yuan" not in main and "billion" not in main and 'lang="zh-hans"' not in main


def test_a_figures_kind_reads_in_english_in_the_api_and_the_admin(client, admin_client, data_figures):
    choose_english(client)

    items = {item["label"]: item for item in client.get("/api/v1/figures/").json()["results"]}

    assert items["母基金规模"]["kind_display"] == "Stock (a level at a point in time)"
    assert items["单笔贷款额度"]["kind_display"] == "Ceiling or threshold (at most per loan, above some amount …)"
    assert items["签约企业"]["kind_display"] == "Unmarked"
    admin_client.cookies["language"] = "en"
    fund = Achievement.objects.get(title="区域母基金")
    page = admin_client.get(reverse("admin:achievements_achievement_change", args=[fund.pk])).content.decode()
    assert '<option value="ceiling" selected>ceiling</option>' in page
    assert "Kind of figure" in page and "Measure" in page


def test_figure_downloads_have_english_headings_in_english_and_the_same_chinese_ones_as_before(client, data_figures):
    chinese = list(
        csv.reader(io.StringIO(client.get(reverse("achievements:export_csv")).getvalue().decode("utf-8-sig")))
    )
    choose_english(client)
    english = list(
        csv.reader(io.StringIO(client.get(reverse("achievements:export_csv")).getvalue().decode("utf-8-sig")))
    )
    workbook = load_workbook(io.BytesIO(client.get(reverse("achievements:export_xlsx")).getvalue()))

    assert chinese[0] == [
        "指标", "原文写法", "数值", "单位", "限定词", "数值性质", "预期目标", "指标类型", "统计口径",
        "年度", "地区", "类别", "成果", "出处文章", "出处章节", "链接",
        "原始出处", "发布单位", "发布日期", "原始出处网址", "原文语句",
    ]  # fmt: skip
    fund = next(row for row in chinese if row[0] == "母基金规模")
    assert fund[:4] == ["母基金规模", "30亿元", "3000000000", "元"] and fund[6] == "否" and fund[10] == "咸宁市"
    assert fund[7:9] == ["存量（时点数，截至某时的总数）", "基金规模"]
    assert english[0] == [
        "Indicator", "As written", "Value", "Unit", "Qualifier", "Kind of value", "Target", "Kind of figure",
        "Measure", "Year", "Region", "Category", "Achievement", "Source article", "Source section", "Link",
        "Original source", "Issued by", "Date issued", "Address of the original", "Original sentence",
    ]  # fmt: skip
    fund = next(row for row in english if row[0] == "母基金规模")
    assert fund[:4] == ["母基金规模", "30亿元", "3000000000", "yuan"]
    assert fund[6:9] == ["No", "Stock (a level at a point in time)", "基金规模"]
    assert fund[10] == "Xianning" and fund[12] == "Regional fund of funds"
    assert workbook.active.title == "Key figures"
    assert next(workbook.active.iter_rows(values_only=True))[0] == "Indicator"


def test_a_refused_download_says_why_in_english(client, data_figures):
    choose_english(client)

    response = client.get(reverse("achievements:export_csv"), {"region": "nowhere"})

    assert response.status_code == 400
    assert response.content.decode() == (
        "Some filters are not valid, so no file was made: "
        "There are no figures for the region “nowhere”; remove or correct the region filter."
    )


def test_open_data_downloads_have_english_headings_and_yes_no_in_english(client, data_figures):
    chinese = client.get("/api/v1/figures/export.csv").getvalue().decode("utf-8-sig").splitlines()
    choose_english(client)
    english = client.get("/api/v1/figures/export.csv").getvalue().decode("utf-8-sig").splitlines()

    assert chinese[0].startswith("ID,成果,类别,指标,原文写法") and ",否," in chinese[1]
    assert english[0].startswith("ID,Achievement,Category,Indicator,As written") and ",No," in english[1]


def test_feeds_in_english_have_english_titles_and_descriptions(client):
    region = RegionFactory(name="赤壁市", name_en="Chibi", slug="chibi")
    topic = TopicFactory(name="算力", name_en="Computing power", description="算力相关。")
    article = ArticleFactory(title="赤壁新闻", title_en="News from Chibi", lead="导语。", lead_en="A lead.")
    article.regions.add(region)
    article.topics.add(topic)
    chinese = ET.fromstring(client.get(reverse("feeds:region", kwargs={"slug": "chibi"})).content).find("channel")
    choose_english(client)

    news = ET.fromstring(client.get(reverse("feeds:news")).content).find("channel")
    by_region = ET.fromstring(client.get(reverse("feeds:region", kwargs={"slug": "chibi"})).content).find("channel")
    by_topic = ET.fromstring(client.get(reverse("feeds:topic", kwargs={"slug": topic.slug})).content).find("channel")

    assert chinese.findtext("title") == "科创门户 · 赤壁市的新闻" and chinese.findtext("language") == "zh-cn"
    assert chinese.find("item").findtext("title") == "赤壁新闻"
    assert news.findtext("title") == "Innovation Portal · News and reviews" and news.findtext("language") == "en"
    assert news.findtext("description").startswith("The city's science and technology news")
    assert news.find("item").findtext("title") == "News from Chibi"
    assert news.find("item").findtext("description") == "A lead."
    assert by_region.findtext("title") == "Innovation Portal · News about Chibi"
    assert by_region.findtext("description") == "Science and technology news and reviews about Chibi."
    assert by_topic.findtext("title") == "Innovation Portal · Topic “Computing power”"
    assert by_topic.findtext("description") == "News and reviews on the topic “Computing power”."


def test_workflow_refusals_in_the_admin_are_in_the_interface_language(client):
    reviewer = User.objects.create_user(username="reviewer", password="pw", is_staff=True)
    reviewer.groups.add(Group.objects.get(name=REVIEWER))
    article = ArticleFactory(title="草稿新闻", title_en="A draft", draft=True)
    url = reverse("admin:news_article_transition", args=[article.pk, "publish"])
    client.force_login(reviewer)

    chinese = client.post(url).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/admin/"})
    english = client.post(url).content.decode()

    assert "“草稿新闻”当前是“草稿”，只有“待审核”的内容可以审核发布。" in chinese
    assert "“草稿新闻” is “Draft”; only items that are “In review” can be approved and published." in english
    article.refresh_from_db()
    assert article.status == PublishStatus.DRAFT


def test_the_four_eyes_refusal_is_translated_too():
    reviewer = User.objects.create_user(username="reviewer", password="pw", is_staff=True)
    reviewer.groups.add(Group.objects.get(name=REVIEWER))
    article = ArticleFactory(title="待审新闻", status=PublishStatus.IN_REVIEW, submitted_by=reviewer)

    with translation.override("en"), pytest.raises(PermissionDenied) as refusal:
        content_publish(obj=article, user=reviewer)

    assert (
        str(refusal.value)
        == "You submitted “待审新闻” for review, so another reviewer must review it (four-eyes rule)."
    )


def test_read_aloud_says_its_messages_in_english_and_the_script_holds_no_chinese_text(client):
    article = ArticleFactory(title="科技创新实现新突破", title_en="New breakthroughs", lead="一年回顾。")
    choose_english(client)

    html = client.get(article.get_absolute_url()).content.decode()
    script = (Path(settings.BASE_DIR) / "static" / "js" / "site.js").read_text(encoding="utf-8")

    assert 'data-read-start data-resume-label="Continue reading aloud">Read aloud</button>' in html
    assert 'data-say-playing="Reading aloud." data-say-resumed=' in html
    assert 'data-say-done="Finished reading aloud."' in html
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", script, flags=re.DOTALL)  # comments may name the features in Chinese
    assert not CHINESE.search(code)


def test_english_titles_and_summaries_are_searched_and_shown_in_english_mode(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the index follows content when it is committed
        project = ProjectFactory(
            name="咸宁科技创新中心",
            name_en="Xianning Innovation Centre",
            summary="高新区的科创综合体。",
            summary_en="The innovation complex of the high-tech zone.",
        )
        ProjectFactory(name="园区联合贷", summary="无抵押信用贷款。")
    url = reverse("search:index")

    chinese = client.get(url, {"q": "Xianning"}).content.decode()
    choose_english(client)
    by_title = client.get(url, {"q": "xianning"}).content.decode()
    by_summary = client.get(url, {"q": "complex"}).content.decode()
    in_chinese = client.get(url, {"q": "联合贷"}).content.decode()

    assert f'<a href="{project.get_absolute_url()}">咸宁科技创新中心</a>' in chinese  # found, shown in Chinese
    assert f'<a href="{project.get_absolute_url()}"><mark>Xianning</mark> Innovation Centre</a>' in by_title
    assert '<p class="item__summary">The innovation <mark>complex</mark> of the high-tech zone.</p>' in by_summary
    assert "园区联合贷" not in by_title and "园区联合贷" not in by_summary
    assert '<a href="/projects/' in in_chinese and 'lang="zh-hans">园区<mark>联合贷</mark></a>' in in_chinese
    assert unmarked_chinese(by_title) == []
