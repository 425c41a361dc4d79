"""A key figure's 出处 link lands on the sentence that states it on its article's page, found at render time."""

import re
from html.parser import HTMLParser

import pytest

from news.models import Article
from tests.factories import AchievementFactory, ArticleFactory, ArticleSectionFactory, KeyFigureFactory

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class ElementById(HTMLParser):
    """The element of a page with one id: its tag, attributes, text, and the ids of the elements around it."""

    def __init__(self, wanted: str):
        super().__init__(convert_charrefs=True)
        self.wanted = wanted
        self.stack: list[dict] = []
        self.found: dict | None = None
        self.depth: int | None = None

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        self.stack.append(attrs)
        if attrs.get("id") == self.wanted and self.found is None:
            ancestors = [item["id"] for item in self.stack[:-1] if item.get("id")]
            self.found = {"tag": tag, "attrs": attrs, "text": "", "ancestors": ancestors}
            self.depth = len(self.stack)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.depth == len(self.stack):
            self.depth = None
        self.stack.pop()

    def handle_data(self, data):
        if self.depth is not None:
            self.found["text"] += data


def element(html: str, element_id: str) -> dict:
    assert html.count(f'id="{element_id}"') == 1, element_id
    parser = ElementById(element_id)
    parser.feed(html)
    assert parser.found is not None
    return parser.found


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def landing(client, figure) -> tuple[str, dict]:
    """Follows the figure's link from its achievement's page; the page it goes to and the element it lands on."""
    achievement_page = page(client, figure.achievement.get_absolute_url())
    links = re.findall(rf'<a class="figure-place" href="([^"#]+)#(figure-{figure.pk})">', achievement_page)
    assert len(links) == 1
    url, anchor = links[0]
    html = page(client, url)
    return html, element(html, anchor)


def review_with_section(body: str, **section):
    review = ArticleFactory(kind=Article.Kind.REVIEW, title="科技创新实现新突破")
    return ArticleSectionFactory(article=review, order=2, label="新突破", body=body, **section)


def test_a_figure_link_lands_on_the_sentence_that_states_it_highlighted(client):
    section = review_with_section(
        "<p>农业上，嘉鱼县共建平台。全年试种新品种2700余个，推广累计4.2万亩，良种覆盖率98%。</p>"
        "<ul><li>产能提高<strong>30%以上</strong>；</li></ul>"
    )
    achievement = AchievementFactory(article=section.article, section=section)
    area = KeyFigureFactory(achievement=achievement, text="4.2万亩")
    share = KeyFigureFactory(achievement=achievement, text="98%")
    capacity = KeyFigureFactory(achievement=achievement, text="30%以上")

    html, place = landing(client, area)

    assert place["tag"] == "span" and place["attrs"]["class"] == "figure-source"
    assert place["text"] == "全年试种新品种2700余个，推广累计4.2万亩，良种覆盖率98%。"
    assert "section-2" in place["ancestors"]
    # Two figures of one sentence: each its own element, both the whole sentence.
    assert element(html, f"figure-{share.pk}")["text"] == place["text"]
    # Inside a tag: the text node around it, the markup as it was.
    assert element(html, f"figure-{capacity.pk}")["text"] == "30%以上"
    assert f'<strong><span id="figure-{capacity.pk}" class="figure-source">30%以上</span></strong>' in html
    assert "<p>农业上，嘉鱼县共建平台。<span" in html


def test_a_figure_lands_on_its_own_number_not_on_the_end_of_a_larger_one(client):
    section = review_with_section("<p>签约企业205家。另有5家在园区设立研发中心。</p>")
    achievement = AchievementFactory(article=section.article, section=section)
    signed = KeyFigureFactory(achievement=achievement, text="205家")
    small = KeyFigureFactory(achievement=achievement, text="5家")

    html, place = landing(client, small)

    assert place["text"] == "另有5家在园区设立研发中心。"
    assert element(html, f"figure-{signed.pk}")["text"] == "签约企业205家。"


def test_a_figure_of_an_achievement_without_a_section_is_found_in_the_article_body(client):
    article = ArticleFactory(body="<p>项目总投资3亿元。计划配置500张GPU卡。</p>")
    figure = KeyFigureFactory(achievement=AchievementFactory(article=article), text="500张")

    _, place = landing(client, figure)

    assert place["tag"] == "span" and place["text"] == "计划配置500张GPU卡。"


def test_a_figure_whose_text_is_not_in_its_section_lands_on_its_card_in_that_section(client):
    section = review_with_section("<p>这一节改写过，不再有那个数字。</p>")
    figure = KeyFigureFactory(achievement=AchievementFactory(article=section.article, section=section), text="205家")

    html, place = landing(client, figure)

    assert place["tag"] == "li" and place["attrs"]["class"] == "figure-source"
    assert "205家" in place["text"]
    assert "section-2" in place["ancestors"]
    assert '<span id="figure-' not in html


def test_a_figure_text_with_markup_characters_is_matched_as_text_and_never_injected(client):
    section = review_with_section(
        '<p><a href="https://www.example.gov.cn/2025">报道</a>，误差&lt;1%，R&amp;D投入增长。全年2025项。</p>'
    )
    achievement = AchievementFactory(article=section.article, section=section)
    below = KeyFigureFactory(achievement=achievement, text="<1%")
    research = KeyFigureFactory(achievement=achievement, text="R&D")
    year = KeyFigureFactory(achievement=achievement, text="2025")
    script = KeyFigureFactory(achievement=achievement, text="<b>5</b>")

    html, place = landing(client, below)

    assert place["text"] == "，误差<1%，R&D投入增长。"
    assert element(html, f"figure-{research.pk}")["text"] == place["text"]
    assert "误差&lt;1%，R&amp;D投入增长。</span></span>" in html
    # The address holds "2025" too: only the text is searched, the link stays whole.
    assert '<a href="https://www.example.gov.cn/2025">报道</a>' in html
    assert element(html, f"figure-{year.pk}")["text"] == "全年2025项。"
    # A text found nowhere falls back to its card, escaped there as everywhere.
    assert element(html, f"figure-{script.pk}")["tag"] == "li"
    assert "<b>5</b>" not in html and "&lt;b&gt;5&lt;/b&gt;" in html
