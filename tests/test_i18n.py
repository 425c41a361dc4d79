"""The interface in two languages: Chinese unless the visitor picks English; content may carry English titles."""

import gettext
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

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

    assert f'<form class="language-switch" method="post" action="{reverse("set_language")}">' in html
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
    """msgid → msgstr of a .po file (no plurals or contexts are used in ours)."""
    entries: dict[str, str] = {}
    msgid = msgstr = None
    current = None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("msgid "):
            if msgid is not None:
                entries[msgid] = msgstr
            msgid, msgstr, current = eval_po_string(line[6:]), "", "msgid"
        elif line.startswith("msgstr "):
            msgstr, current = eval_po_string(line[7:]), "msgstr"
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
