import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from achievements.models import Achievement, KeyFigure
from achievements.services import achievement_create
from api.viewsets import WritableContentViewSet
from tests.api_helpers import if_match, staff_user, token_client
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

FIGURES = reverse("api:figure-list")
ACHIEVEMENTS = reverse("api:achievement-list")


def figure_labels(response) -> set[str]:
    return {item["label"] for item in response.json()["results"]}


def test_figure_list_shows_value_as_string_and_links(client):
    figure = KeyFigureFactory(label="推广面积", text="4.2万亩", value=Decimal("42000"), unit="亩")
    item = client.get(FIGURES).json()["results"][0]
    assert item["value"] == "42000"
    assert item["text"] == "4.2万亩"
    assert item["achievement"]["slug"] == figure.achievement.slug
    assert item["achievement"]["api_url"].startswith("http://testserver/api/v1/achievements/")
    assert item["url"] == f"http://testserver{figure.achievement.get_absolute_url()}"
    assert item["region"]["slug"] == figure.achievement.region.slug


def test_a_figure_says_its_kind_and_measure_and_figures_filter_by_them(client):
    KeyFigureFactory(
        label="母基金规模", text="30亿元", value=Decimal("3e9"), unit="元", kind="stock", measure="基金规模"
    )
    KeyFigureFactory(label="单笔贷款额度", text="1000万元", value=Decimal("1e7"), unit="元", kind="ceiling")
    KeyFigureFactory(label="降本增效", text="超千万元", value=Decimal("1e7"), unit="元")

    items = {item["label"]: item for item in client.get(FIGURES).json()["results"]}

    fund = items["母基金规模"]
    assert (fund["kind"], fund["kind_display"], fund["measure"]) == (
        "stock",
        "存量（时点数，截至某时的总数）",
        "基金规模",
    )
    assert (items["降本增效"]["kind"], items["降本增效"]["kind_display"]) == ("", "未标注")
    assert figure_labels(client.get(FIGURES, {"kind": "ceiling"})) == {"单笔贷款额度"}
    assert figure_labels(client.get(FIGURES, {"measure": "基金规模"})) == {"母基金规模"}
    assert client.get(FIGURES, {"kind": "sum"}).status_code == 400


def test_figures_of_a_draft_or_scheduled_achievement_are_not_listed(client):
    KeyFigureFactory(label="公开")
    KeyFigureFactory(label="草稿", achievement=AchievementFactory(draft=True))
    KeyFigureFactory(label="定时", achievement=AchievementFactory(scheduled=True))
    assert figure_labels(client.get(FIGURES)) == {"公开"}


def test_figure_detail_of_a_draft_achievement_is_404(client):
    figure = KeyFigureFactory(achievement=AchievementFactory(draft=True))
    response = client.get(reverse("api:figure-detail", kwargs={"pk": figure.pk}))
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到。"}


def test_figure_year_and_region_fall_back_to_the_achievement(client):
    chibi = RegionFactory(name="赤壁市")
    KeyFigureFactory(label="成果在赤壁", achievement=AchievementFactory(region=chibi, year=2025))
    KeyFigureFactory(label="数据在赤壁", region=chibi, achievement=AchievementFactory(year=2024), year=2025)
    KeyFigureFactory(label="别处", achievement=AchievementFactory(year=2025))
    assert figure_labels(client.get(FIGURES, {"region": chibi.slug})) == {"成果在赤壁", "数据在赤壁"}
    assert figure_labels(client.get(FIGURES, {"year": 2025})) == {"成果在赤壁", "数据在赤壁", "别处"}
    assert figure_labels(client.get(FIGURES, {"year": 2024})) == set()


def test_figures_filter_by_category_and_search(client):
    KeyFigureFactory(label="基金规模", achievement=AchievementFactory(category=Achievement.Category.FINANCE))
    KeyFigureFactory(label="算力规模", achievement=AchievementFactory(category=Achievement.Category.COMPUTING))
    assert figure_labels(client.get(FIGURES, {"category": "finance"})) == {"基金规模"}
    assert figure_labels(client.get(FIGURES, {"search": "算力"})) == {"算力规模"}


def test_figures_order_by_value(client):
    KeyFigureFactory(label="大", value=Decimal("500"))
    KeyFigureFactory(label="小", value=Decimal("5"))
    results = client.get(FIGURES, {"ordering": "value"}).json()["results"]
    assert [item["label"] for item in results] == ["小", "大"]


@pytest.mark.parametrize(
    "params",
    [{"year": "abc"}, {"year": "99999999999999999999"}, {"region": "nowhere"}, {"category": "magic"}],
)
def test_bad_figure_filter_values_are_400_with_the_parameter_named(client, params):
    response = client.get(FIGURES, params)
    assert response.status_code == 400
    assert set(response.json()) == set(params)


def test_figure_list_is_constant_queries(client, django_assert_num_queries):
    article = ArticleFactory()

    def add(n):
        KeyFigureFactory.create_batch(n, achievement=AchievementFactory(article=article))

    response = assert_constant_queries(client, django_assert_num_queries, FIGURES, add, expected=3)
    assert response.json()["count"] == 10


def test_achievement_embeds_only_published_projects_and_enterprises(client):
    achievement = AchievementFactory()
    achievement.projects.add(ProjectFactory(name="公开平台"), ProjectFactory(name="草稿平台", draft=True))
    achievement.enterprises.add(EnterpriseFactory(name="草稿企业", draft=True))
    achievement.article = ArticleFactory(draft=True)
    achievement.save()
    item = client.get(reverse("api:achievement-detail", kwargs={"slug": achievement.slug})).json()
    assert [project["name"] for project in item["projects"]] == ["公开平台"]
    assert item["enterprises"] == []
    assert item["article"] is None


def test_achievement_date_is_a_partial_date(client):
    achievement = AchievementFactory(date="2025-09-01", date_precision="month")
    item = client.get(reverse("api:achievement-detail", kwargs={"slug": achievement.slug})).json()
    assert item["date"] == {"date": "2025-09-01", "precision": "month", "display": "2025年9月"}


def test_achievement_list_is_constant_queries(client, django_assert_num_queries):
    def add(n):
        for achievement in AchievementFactory.create_batch(n):
            KeyFigureFactory.create_batch(2, achievement=achievement)
            achievement.projects.add(ProjectFactory())

    assert_constant_queries(client, django_assert_num_queries, ACHIEVEMENTS, add, expected=6)


def test_achievement_list_filters_by_category_year_and_region(client):
    chibi = RegionFactory(name="赤壁市")
    AchievementFactory(title="赤壁平台", region=chibi, year=2025, category="platform")
    AchievementFactory(title="别处金融", year=2024, category="finance")
    titles = lambda params: {item["title"] for item in client.get(ACHIEVEMENTS, params).json()["results"]}  # noqa: E731
    assert titles({"region": chibi.slug}) == {"赤壁平台"}
    assert titles({"year": 2024}) == {"别处金融"}
    assert titles({"category": "platform"}) == {"赤壁平台"}


# Writing: an achievement and its figures in one request, all or nothing.

FIGURE = {"label": "签约企业", "text": "205家", "value": "205", "unit": "家"}


def achievement_payload(**overrides):
    return {"title": "离岸科创园签约", "category": "platform", "year": 2025, "figures": [FIGURE], **overrides}


@pytest.fixture
def writer(django_user_model):
    return staff_user(django_user_model, "add_achievement", "change_achievement", "view_achievement", "add_keyfigure")


def test_staff_creates_an_achievement_with_its_figures_as_a_draft(writer):
    region = RegionFactory(name="咸宁高新区")
    payload = achievement_payload(
        region=region.slug, figures=[FIGURE, {**FIGURE, "label": "入驻企业", "text": "103家"}]
    )
    response = token_client(writer).post(ACHIEVEMENTS, payload, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft"
    assert [figure["label"] for figure in body["figures"]] == ["签约企业", "入驻企业"]
    assert response["Location"] == body["api_url"]
    assert response["ETag"]
    achievement = Achievement.objects.get()
    assert achievement.region == region
    assert achievement.figures.count() == 2


def test_staff_write_a_figures_kind_and_measure_and_a_wrong_kind_is_a_400(writer):
    figure = {**FIGURE, "kind": "flow", "measure": "签约企业数"}
    response = token_client(writer).post(ACHIEVEMENTS, achievement_payload(figures=[figure]), format="json")
    assert response.status_code == 201, response.json()
    assert (KeyFigure.objects.get().kind, KeyFigure.objects.get().measure) == ("flow", "签约企业数")

    wrong = token_client(writer).post(
        ACHIEVEMENTS, achievement_payload(figures=[{**FIGURE, "kind": "sum"}]), format="json"
    )
    assert wrong.status_code == 400
    assert wrong.json() == {"figures": {"0": {"kind": ["“sum” 不是合法选项。"]}}}


def test_status_sent_on_create_is_ignored_new_items_are_drafts(writer):
    response = token_client(writer).post(ACHIEVEMENTS, achievement_payload(status="published"), format="json")
    assert response.status_code == 201
    assert Achievement.objects.get().status == "draft"


def test_an_invalid_fourth_figure_saves_nothing(writer):
    figures = [FIGURE, FIGURE, FIGURE, {**FIGURE, "value": "很多"}]
    response = token_client(writer).post(ACHIEVEMENTS, achievement_payload(figures=figures), format="json")
    assert response.status_code == 400
    assert "figures" in response.json()
    assert not Achievement.objects.exists()
    assert not KeyFigure.objects.exists()


def test_service_rolls_back_when_a_later_figure_fails_model_validation():
    figures = [FIGURE, FIGURE, FIGURE, {**FIGURE, "label": ""}]
    with pytest.raises(Exception, match="第4项"):
        achievement_create(title="成果", category="platform", year=2025, figures=figures)
    assert not Achievement.objects.exists()
    assert not KeyFigure.objects.exists()


def test_validation_errors_name_each_field(writer):
    response = token_client(writer).post(ACHIEVEMENTS, {"category": "nonsense", "year": "abc"}, format="json")
    assert response.status_code == 400
    assert set(response.json()) >= {"title", "category", "year"}


def test_creating_figures_needs_the_figure_permission_too(django_user_model):
    user = staff_user(django_user_model, "add_achievement")
    response = token_client(user).post(ACHIEVEMENTS, achievement_payload(), format="json")
    assert response.status_code == 403
    assert not Achievement.objects.exists()


def test_staff_with_view_right_sees_draft_achievements_and_can_filter_them(writer):
    AchievementFactory(title="草稿成果", draft=True)
    AchievementFactory(title="公开成果")
    client = token_client(writer)
    assert client.get(ACHIEVEMENTS).json()["count"] == 2
    results = client.get(ACHIEVEMENTS, {"status": "draft"}).json()["results"]
    assert [item["title"] for item in results] == ["草稿成果"]


def test_stale_if_match_is_412_and_changes_nothing(writer):
    achievement = AchievementFactory(title="原标题", draft=True)
    url = reverse("api:achievement-detail", kwargs={"slug": achievement.slug})
    client = token_client(writer)
    etag = client.get(url)["ETag"]
    assert client.patch(url, {"title": "别人改的"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    response = client.patch(url, {"title": "我改的"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    assert "detail" in response.json()
    achievement.refresh_from_db()
    assert achievement.title == "别人改的"


def test_a_write_landing_while_the_request_is_checked_still_gives_412(writer, monkeypatch):
    # Another editor's save lands after the first If-Match check but before ours is written.
    achievement = AchievementFactory(title="原标题", draft=True)
    url = reverse("api:achievement-detail", kwargs={"slug": achievement.slug})
    client = token_client(writer)
    etag = client.get(url)["ETag"]
    checked = WritableContentViewSet.check_nested_permissions

    def meanwhile(self, *args, **kwargs):
        Achievement.objects.filter(pk=achievement.pk).update(title="别人改的", version=achievement.version + 1)
        return checked(self, *args, **kwargs)

    monkeypatch.setattr(WritableContentViewSet, "check_nested_permissions", meanwhile)
    response = client.patch(url, {"title": "我改的"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    achievement.refresh_from_db()
    assert achievement.title == "别人改的"


def test_unchanged_detail_answers_304_to_if_none_match(client):
    achievement = AchievementFactory()
    url = reverse("api:achievement-detail", kwargs={"slug": achievement.slug})
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_patch_with_figures_replaces_them(writer, django_user_model):
    writer.user_permissions.add(
        *staff_user(django_user_model, "change_keyfigure", "delete_keyfigure", username="x").user_permissions.all()
    )
    achievement = AchievementFactory(draft=True)
    KeyFigureFactory(achievement=achievement, label="旧的")
    url = reverse("api:achievement-detail", kwargs={"slug": achievement.slug})
    client = token_client(writer)
    response = client.patch(url, {"figures": [{**FIGURE, "label": "新的"}]}, format="json", **if_match(client, url))
    assert response.status_code == 200, response.json()
    assert list(achievement.figures.values_list("label", flat=True)) == ["新的"]


def test_a_figure_sent_back_with_its_id_keeps_its_id_and_address(writer, django_user_model, client):
    writer.user_permissions.add(
        *staff_user(django_user_model, "change_keyfigure", "delete_keyfigure", username="x").user_permissions.all()
    )
    achievement = AchievementFactory(draft=True)
    kept = KeyFigureFactory(achievement=achievement, label="保留的")
    dropped = KeyFigureFactory(achievement=achievement, label="去掉的")
    url = reverse("api:achievement-detail", kwargs={"slug": achievement.slug})
    api = token_client(writer)
    before = api.get(url).json()["figures"]
    changed = {**FIGURE, "id": kept.pk, "label": "改过的"}

    response = api.patch(
        url, {"figures": [changed, {**FIGURE, "label": "新加的"}]}, format="json", **if_match(api, url)
    )

    assert response.status_code == 200, response.json()
    after = {figure["label"]: figure for figure in response.json()["figures"]}
    assert after.keys() == {"改过的", "新加的"}
    assert after["改过的"]["id"] == kept.pk and after["改过的"]["api_url"] == before[0]["api_url"]
    assert not KeyFigure.objects.filter(pk=dropped.pk).exists()


def test_a_figure_id_of_another_achievement_is_a_400_naming_the_figure(writer, django_user_model):
    writer.user_permissions.add(
        *staff_user(django_user_model, "change_keyfigure", "delete_keyfigure", username="x").user_permissions.all()
    )
    achievement = AchievementFactory(draft=True)
    KeyFigureFactory(achievement=achievement, label="原有的")
    elsewhere = KeyFigureFactory(label="别的成果的")
    url = reverse("api:achievement-detail", kwargs={"slug": achievement.slug})
    api = token_client(writer)

    response = api.patch(url, {"figures": [{**FIGURE, "id": elsewhere.pk}]}, format="json", **if_match(api, url))

    assert response.status_code == 400
    assert f"第1项：没有编号为 {elsewhere.pk} 的关键数据" in json.dumps(response.json(), ensure_ascii=False)
    assert list(achievement.figures.values_list("label", flat=True)) == ["原有的"]
    assert KeyFigure.objects.get(pk=elsewhere.pk).label == "别的成果的"


# Open data.


def test_figures_csv_has_bom_chinese_headers_and_applies_filters(client):
    chibi = RegionFactory(name="赤壁市")
    KeyFigureFactory(label="赤壁的数", achievement=AchievementFactory(region=chibi))
    KeyFigureFactory(label="别处的数")
    response = client.get(reverse("api:figure-export", kwargs={"format": "csv"}), {"region": chibi.slug})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    content = response.getvalue()  # a stream: it can be read once
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["ID", "成果", "类别", "指标"]
    assert rows[0][9:11] == ["指标类型", "统计口径"]
    assert [row[3] for row in rows[1:]] == ["赤壁的数"]


def test_export_cells_that_would_run_as_formulas_are_escaped(client):
    KeyFigureFactory(label='=HYPERLINK("http://evil")', text="+1", qualifier="@x", value=Decimal("-5"))
    response = client.get(reverse("api:figure-export", kwargs={"format": "csv"}))
    row = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))[1]
    assert '\'=HYPERLINK("http://evil")' in row
    assert "'+1" in row
    assert "'@x" in row
    assert "-5" in row  # a plain number stays a number


def test_figures_xlsx_has_numeric_values_and_no_formulas(client):
    KeyFigureFactory(label="=1+1", value=Decimal("42000"))
    response = client.get(reverse("api:figure-export", kwargs={"format": "xlsx"}))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert row["指标"] == "'=1+1"
    assert row["数值"] == 42000


def test_export_leaves_out_drafts_and_reports_bad_filters_as_json(client):
    KeyFigureFactory(label="草稿", achievement=AchievementFactory(draft=True))
    data = json.loads(client.get(reverse("api:figure-export", kwargs={"format": "json"})).getvalue())
    assert data == []
    response = client.get(reverse("api:figure-export", kwargs={"format": "csv"}), {"year": "x"})
    assert response.status_code == 400
    assert response.json() == {"year": ["输入整数。"]}


def test_achievements_export_lists_their_figures(client):
    KeyFigureFactory(label="签约企业", text="205家")
    response = client.get(reverse("api:achievement-export", kwargs={"format": "csv"}))
    assert "签约企业：205家" in response.getvalue().decode("utf-8-sig")


def test_a_figures_year_follows_its_achievement_until_it_has_its_own(client):
    achievement = AchievementFactory(year=2024)
    follows = KeyFigureFactory(label="随成果", achievement=achievement)
    own = KeyFigureFactory(label="自有年度", achievement=achievement, year=2023)

    achievement.year = 2025
    achievement.save()
    assert figure_labels(client.get(FIGURES, {"year": 2025})) == {"随成果"}
    assert figure_labels(client.get(FIGURES, {"year": 2023})) == {"自有年度"}

    own.year = None
    own.save()
    follows.year = 2022
    follows.save(update_fields=["year"])
    assert figure_labels(client.get(FIGURES, {"year": 2025})) == {"自有年度"}
    assert figure_labels(client.get(FIGURES, {"year": 2022})) == {"随成果"}
    years = {item["label"]: item["year"] for item in client.get(FIGURES).json()["results"]}
    assert years == {"随成果": 2022, "自有年度": 2025}


def test_figures_are_listed_newest_year_first_each_achievements_together(client):
    older, newer = AchievementFactory(year=2023), AchievementFactory(year=2025)
    KeyFigureFactory(label="旧二", achievement=older, order=2)
    KeyFigureFactory(label="旧一", achievement=older, order=1)
    KeyFigureFactory(label="新", achievement=newer)
    KeyFigureFactory(label="旧成果的新数据", achievement=older, year=2024)

    labels = [item["label"] for item in client.get(FIGURES).json()["results"]]

    assert labels == ["新", "旧成果的新数据", "旧一", "旧二"]


# Where a figure is stated, and where it was first published


CITATION = {
    "citation_publication": "《咸宁日报》",
    "citation_issuer": "咸宁高新区管委会",
    "citation_date": "2025-03-08",
    "citation_url": "https://www.example.gov.cn/news/1.html",
    "citation_sentence": " 离岸科创园签约企业205家。\n",
}


def cited_figure(**kwargs):
    section = ArticleSectionFactory(article=ArticleFactory(slug="review"))
    achievement = AchievementFactory(article=section.article, section=section)
    values = {key: value for key, value in CITATION.items() if key != "citation_date"}
    return KeyFigureFactory(achievement=achievement, citation_date=datetime.date(2025, 3, 8), **values, **kwargs)


def test_a_figure_in_the_api_links_to_its_sentence_and_carries_its_citation(client):
    figure = cited_figure()
    KeyFigureFactory(achievement__article=None, label="无出处")

    items = {item["label"]: item for item in client.get(FIGURES).json()["results"]}

    item = items[figure.label]
    assert item["source_url"] == f"http://testserver/news/review/#figure-{figure.pk}"
    assert item["citation"] == {
        "publication": "《咸宁日报》",
        "issuer": "咸宁高新区管委会",
        "date": "2025-03-08",
        "url": "https://www.example.gov.cn/news/1.html",
        "sentence": " 离岸科创园签约企业205家。\n",
    }
    # Without a public source article: the achievement's page, and an empty citation.
    bare = items["无出处"]
    assert bare["source_url"].startswith("http://testserver/achievements/")
    assert bare["citation"] == {"publication": "", "issuer": "", "date": None, "url": "", "sentence": ""}
    nested = client.get(reverse("api:achievement-detail", kwargs={"slug": figure.achievement.slug})).json()
    assert nested["figures"][0]["source_url"] == item["source_url"]
    assert nested["figures"][0]["citation"] == item["citation"]


def test_the_figure_exports_carry_the_sentence_link_and_the_citation(client):
    figure = cited_figure()

    data = json.loads(client.get(reverse("api:figure-export", kwargs={"format": "json"})).getvalue())
    content = client.get(reverse("api:figure-export", kwargs={"format": "csv"})).getvalue().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))

    row = data[0] if isinstance(data, list) else data["results"][0]
    assert row["source_url"] == f"http://testserver/news/review/#figure-{figure.pk}"
    assert {key: row[key] for key in CITATION} == CITATION
    header = rows[0]
    for title in ["原文位置", "原始出处", "发布单位", "发布日期", "原始出处网址", "原文语句"]:
        assert title in header
    assert rows[1][header.index("原文位置")] == row["source_url"]
    assert rows[1][header.index("原文语句")] == CITATION["citation_sentence"]


def test_staff_write_a_citation_through_the_api_as_pasted_and_a_bad_address_is_a_400(writer):
    response = token_client(writer).post(ACHIEVEMENTS, achievement_payload(figures=[FIGURE | CITATION]), format="json")
    assert response.status_code == 201, response.json()
    figure = KeyFigure.objects.get()
    assert figure.citation_sentence == CITATION["citation_sentence"]
    assert figure.citation_date == datetime.date(2025, 3, 8)

    bad = FIGURE | {"citation_url": 'https://x.example/"><script>'}
    response = token_client(writer).post(ACHIEVEMENTS, achievement_payload(figures=[bad]), format="json")
    assert response.status_code == 400
    assert "citation_url" in response.json()["figures"]["0"]
