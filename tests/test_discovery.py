"""What search engines, feed readers and link previews read."""

import datetime
import json
import math
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from enterprises.models import Enterprise
from news.models import Article
from news.sitemaps import ArticleSitemap
from tests.factories import (
    ArticleFactory,
    ArticleSectionFactory,
    EnterpriseFactory,
    ImageFactory,
    InstitutionFactory,
    KeyFigureFactory,
    ProjectFactory,
    RegionFactory,
    TopicFactory,
)
from tests.queries import assert_constant_queries
from tests.sitemaps import NS, index_entries, sitemap_locations, sitemap_urls

pytestmark = pytest.mark.django_db

SITEMAP_NS = NS


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return response


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    return [json.loads(block) for block in blocks]


# Feeds


def test_news_feed_lists_published_articles_only(client):
    ArticleFactory(title="公开新闻", lead="导语一")
    ArticleFactory(title="草稿新闻", draft=True)
    ArticleFactory(title="明天新闻", scheduled=True)

    response = get(client, reverse("feeds:news"))

    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "zh-cn"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["公开新闻"]
    assert items[0].findtext("description") == "导语一"
    assert items[0].findtext("link").startswith("http://testserver/news/")


def test_region_and_topic_feeds_hold_only_their_articles(client):
    region = RegionFactory(name="嘉鱼县")
    topic = TopicFactory(name="农业科技")
    ArticleFactory(title="嘉鱼新闻").regions.add(region)
    ArticleFactory(title="农业新闻").topics.add(topic)
    ArticleFactory(title="别处新闻")

    region_feed = get(client, reverse("feeds:region", kwargs={"slug": region.slug})).content.decode()
    topic_feed = get(client, reverse("feeds:topic", kwargs={"slug": topic.slug})).content.decode()

    assert "嘉鱼新闻" in region_feed and "别处新闻" not in region_feed and "农业新闻" not in region_feed
    assert "农业新闻" in topic_feed and "别处新闻" not in topic_feed


def test_feed_of_an_unknown_region_is_not_found(client):
    get(client, reverse("feeds:region", kwargs={"slug": "nowhere"}), status=404)


def test_every_page_points_feed_readers_to_the_news_feed(client):
    html = get(client, reverse("home:index")).content.decode()

    assert '<link rel="alternate" type="application/rss+xml"' in html
    atom = reverse("feeds:news_atom")
    assert f'<link rel="alternate" type="application/atom+xml" title="新闻与回顾（Atom，全文）" href="{atom}">' in html


ATOM = {"a": "http://www.w3.org/2005/Atom"}


def test_the_atom_feeds_carry_each_article_in_full_beside_its_summary(client):
    region = RegionFactory(name="嘉鱼县")
    article = ArticleFactory(
        title="甘蓝新品种通过审定", lead="三个新品种。", body="<p>正文第一段<strong>加粗</strong>。</p>"
    )
    article.regions.add(region)
    ArticleSectionFactory(article=article, label="一", heading="育种", body="<p>章节的正文。</p>")
    ArticleFactory(title="草稿新闻", draft=True)

    response = get(client, reverse("feeds:news_atom"))

    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    [entry] = feed.findall("a:entry", ATOM)
    assert entry.findtext("a:title", namespaces=ATOM) == "甘蓝新品种通过审定"
    assert entry.findtext("a:summary", namespaces=ATOM) == "三个新品种。"
    content = entry.find("a:content", ATOM)
    assert content.get("type") == "html"
    assert content.get("{http://www.w3.org/XML/1998/namespace}base") == f"http://testserver{article.get_absolute_url()}"
    assert "<p>正文第一段<strong>加粗</strong>。</p>" in content.text
    assert "<h2>一 育种</h2>" in content.text and "<p>章节的正文。</p>" in content.text
    assert feed.findtext("a:subtitle", namespaces=ATOM) == "本市科技创新的新闻、年度回顾、通知公告和政策解读。"
    region_feed = get(client, reverse("feeds:region_atom", kwargs={"slug": region.slug})).content.decode()
    assert "甘蓝新品种通过审定" in region_feed and "草稿新闻" not in region_feed


def test_the_atom_feed_reads_its_articles_in_a_fixed_number_of_queries(client, django_assert_num_queries):
    figure = KeyFigureFactory(text="4.2万亩")

    def add(n):
        for _ in range(n):
            cites = f'<p>推广<data value="figure:{figure.pk}">4.2万亩</data>。</p>'
            ArticleSectionFactory(article=ArticleFactory(cover=None, body=cites), body=cites)

    # the articles with their covers, their sections, the figures their text cites
    response = assert_constant_queries(client, django_assert_num_queries, reverse("feeds:news_atom"), add, expected=3)
    assert response.content.decode().count(f"#figure-{figure.pk}") == 20  # each entry's body and section


# Sitemap and robots


def test_sitemap_lists_every_published_item_with_lastmod_and_nothing_unpublished(client):
    article = ArticleFactory()
    project = ProjectFactory()
    enterprise = EnterpriseFactory()
    institution = InstitutionFactory()
    draft = ArticleFactory(draft=True)
    scheduled = ProjectFactory(scheduled=True)

    urls = sitemap_locations(client)

    for item in [article, project, enterprise, institution]:
        location = f"http://testserver{item.get_absolute_url()}"
        assert location in urls
        assert urls[location].findtext("s:lastmod", namespaces=SITEMAP_NS)
    for item in [draft, scheduled]:
        assert f"http://testserver{item.get_absolute_url()}" not in urls
    assert "http://testserver/news/" in urls


def test_sitemap_xml_is_an_index_with_one_sitemap_per_section(client):
    ArticleFactory()
    RegionFactory()
    TopicFactory()

    locations = [entry.findtext("s:loc", namespaces=SITEMAP_NS) for entry in index_entries(client)]

    sections = ["pages", "news", "achievements", "projects", "enterprises", "institutions", "regions", "topics"]
    assert locations == [f"http://testserver/sitemap-{section}.xml" for section in sections]
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_sitemap_pages_list_every_published_item_once_and_the_index_names_every_page(client, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 3)
    articles = [ArticleFactory(draft=index % 4 == 1) for index in range(11)]
    published = {f"http://testserver{item.get_absolute_url()}" for item in articles if item.published_at}
    last_page = math.ceil(max(item.pk for item in articles) / 3)

    news = [
        entry.findtext("s:loc", namespaces=SITEMAP_NS)
        for entry in index_entries(client)
        if "/sitemap-news.xml" in entry.findtext("s:loc", namespaces=SITEMAP_NS)
    ]
    listed = [url.findtext("s:loc", namespaces=SITEMAP_NS) for url in sitemap_urls(client)]

    assert news == ["http://testserver/sitemap-news.xml"] + [
        f"http://testserver/sitemap-news.xml?p={page}" for page in range(2, last_page + 1)
    ]
    news_listed = [location for location in listed if "/news/" in location and location != "http://testserver/news/"]
    assert sorted(news_listed) == sorted(published)  # every published article, each exactly once
    for page in range(1, last_page + 1):
        assert len(ET.fromstring(client.get(f"/sitemap-news.xml?p={page}").content)) <= 3
    assert client.get(f"/sitemap-news.xml?p={last_page + 1}").status_code == 404
    assert client.get("/sitemap-news.xml?p=x").status_code == 404


def test_sitemap_lastmod_is_the_last_change_a_reader_sees(client):
    now = timezone.now()
    plain = ArticleFactory(published_at=now - datetime.timedelta(days=30))
    corrected = ArticleFactory(
        published_at=now - datetime.timedelta(days=30),
        correction_note="更正了一处数字。",
        corrected_at=timezone.localdate() - datetime.timedelta(days=2),
    )
    # Saved (and so updated_at moved) long after publication, without anything a reader would see.
    Article.objects.filter(pk=plain.pk).update(updated_at=now)
    enterprise = EnterpriseFactory(published_at=now - datetime.timedelta(days=30))
    Enterprise.objects.filter(pk=enterprise.pk).update(updated_at=now - datetime.timedelta(days=1))

    urls = sitemap_locations(client)

    def lastmod(item):
        return urls[f"http://testserver{item.get_absolute_url()}"].findtext("s:lastmod", namespaces=SITEMAP_NS)

    # A sitemap names the day (Django writes Y-m-d, in the site's time zone); the index the latest moment.
    assert lastmod(plain) == timezone.localdate(now - datetime.timedelta(days=30)).isoformat()
    assert lastmod(corrected) == (timezone.localdate() - datetime.timedelta(days=2)).isoformat()
    assert lastmod(enterprise) == timezone.localdate(now - datetime.timedelta(days=1)).isoformat()
    news_entry = next(
        entry for entry in index_entries(client) if entry.findtext("s:loc", namespaces=SITEMAP_NS).endswith("news.xml")
    )
    latest = datetime.datetime.fromisoformat(news_entry.findtext("s:lastmod", namespaces=SITEMAP_NS))
    assert timezone.localtime(latest).date() == timezone.localdate() - datetime.timedelta(days=2)


def test_sitemap_index_and_pages_take_the_same_queries_however_many_items(client, django_assert_num_queries):
    # The index: per published section its latest publication, its latest change and its highest key (the
    # number of pages), per taxonomy the highest key. A page: its number checked against the highest key, then
    # one range of keys.
    assert_constant_queries(client, django_assert_num_queries, "/sitemap.xml", ArticleFactory.create_batch, expected=17)
    response = assert_constant_queries(
        client, django_assert_num_queries, "/sitemap-news.xml", ArticleFactory.create_batch, expected=2
    )
    assert response.content.count(b"<url>") == Article.objects.count() == 20


def test_robots_txt_allows_all_but_admin_and_points_to_the_sitemap(client):
    response = get(client, "/robots.txt")
    text = response.content.decode()

    assert response["Content-Type"].startswith("text/plain")
    assert "User-agent: *" in text
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


# Canonical, Open Graph, JSON-LD


def test_canonical_url_is_absolute_and_drops_tracking_parameters(client):
    article = ArticleFactory()

    html = get(client, article.get_absolute_url() + "?utm_source=wechat&spm=1&from=timeline").content.decode()

    assert f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">' in html


def test_canonical_url_of_a_filtered_list_keeps_its_filters_in_a_stable_order(client):
    ArticleFactory(kind=Article.Kind.REVIEW)

    html = get(client, "/news/?utm_medium=x&kind=review&page=1").content.decode()

    assert '<link rel="canonical" href="http://testserver/news/?kind=review">' in html


def test_article_has_open_graph_and_twitter_tags_with_its_cover(client):
    cover = ImageFactory(alt_text="咸宁科技创新中心外景")
    article = ArticleFactory(title="科技创新实现新突破", lead="一年来的科技创新。", cover=cover)

    html = get(client, article.get_absolute_url()).content.decode()

    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="科技创新实现新突破">' in html
    assert '<meta property="og:description" content="一年来的科技创新。">' in html
    assert f'<meta property="og:image" content="http://testserver{cover.file.url}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_page_without_a_picture_gets_a_small_twitter_card(client):
    html = get(client, reverse("news:index")).content.decode()

    assert '<meta name="twitter:card" content="summary">' in html
    assert "og:image" not in html


def test_article_has_valid_news_article_json_ld(client):
    article = ArticleFactory(title="咸宁智算中心计划点亮", byline="本报记者 某某", lead='含"引号"和</script>的导语')

    blocks = json_ld(get(client, article.get_absolute_url()).content.decode())

    news = next(block for block in blocks if block["@type"] == "NewsArticle")
    assert news["headline"] == "咸宁智算中心计划点亮"
    assert news["author"] == {"@type": "Person", "name": "本报记者 某某"}
    assert news["url"] == f"http://testserver{article.get_absolute_url()}"
    assert news["datePublished"]
    assert news["description"] == '含"引号"和</script>的导语'


def test_enterprise_and_institution_have_organization_json_ld(client):
    enterprise = EnterpriseFactory(name="湖北中科华冶新材料科技有限公司", short_name="中科华冶")
    institution = InstitutionFactory(name="武汉大学")

    enterprise_blocks = json_ld(get(client, enterprise.get_absolute_url()).content.decode())
    institution_blocks = json_ld(get(client, institution.get_absolute_url()).content.decode())

    organization = next(block for block in enterprise_blocks if block["@type"] == "Organization")
    assert organization["name"] == "湖北中科华冶新材料科技有限公司"
    assert organization["alternateName"] == "中科华冶"
    assert any(block["@type"] == "Organization" and block["name"] == "武汉大学" for block in institution_blocks)


def test_breadcrumbs_have_breadcrumb_list_json_ld(client):
    enterprise = EnterpriseFactory(name="维达力科技股份有限公司")

    blocks = json_ld(get(client, enterprise.get_absolute_url()).content.decode())

    trail = next(block for block in blocks if block["@type"] == "BreadcrumbList")
    names = [item["name"] for item in trail["itemListElement"]]
    assert names == ["首页", "企业", "维达力科技股份有限公司"]
    assert [item["position"] for item in trail["itemListElement"]] == [1, 2, 3]
    assert all(item["item"].startswith("http://testserver/") for item in trail["itemListElement"])
