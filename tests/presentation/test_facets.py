"""One facet, whichever page shows it: the public lists count with queries (presentation.facets), the data page from
its rolled-up rows (achievements.figure_data), and both fill the same Option and Facet shown by one template."""

from dataclasses import replace

import pytest
from django.urls import reverse

from achievements.models import Achievement
from tests.facets import shown_facets
from tests.factories import (
    AchievementFactory,
    ArticleFactory,
    EnterpriseFactory,
    HonourFactory,
    KeyFigureFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


def rendered(client, url, params):
    response = client.get(url, params)
    assert response.status_code == 200
    assert "includes/facet.html" in [template.name for template in response.templates]
    return shown_facets(response.content.decode())


def without_links(facet):
    return replace(facet, options=[replace(option, href="") for option in facet.options])


def test_a_list_and_the_data_page_show_the_same_region_facet_the_same_way(client):
    jiayu = RegionFactory(name="嘉鱼县")
    ArticleFactory(title="嘉鱼新闻").regions.add(jiayu)
    KeyFigureFactory(achievement=AchievementFactory(region=jiayu))

    on_the_list = rendered(client, reverse("news:index"), {"region": jiayu.slug})["地区"]
    on_the_data_page = rendered(client, reverse("achievements:index"), {"region": jiayu.slug})["地区"]

    assert on_the_list.landmark == "按地区筛选"
    assert [option.text for option in on_the_list.options] == ["全部", "嘉鱼县（1）"]
    assert on_the_list.current == ["嘉鱼县（1）"]
    assert on_the_list.option("嘉鱼县（1）").count == "（1）"
    assert on_the_list.option("全部").href == reverse("news:index")
    assert on_the_data_page.option("全部").href == "?"
    # Everything but where the links lead (each page writes its own addresses) is the same.
    assert without_links(on_the_data_page) == without_links(on_the_list)


def test_an_option_that_would_show_nothing_is_greyed_on_a_list_and_on_the_data_page(client):
    ArticleFactory(kind="review")
    KeyFigureFactory(achievement__category=Achievement.Category.FINANCE, is_target=False)

    kinds = rendered(client, reverse("news:index"), {})["类型"]
    nature = rendered(client, reverse("achievements:index"), {})["数据性质"]

    assert kinds.current == ["全部"] and nature.current == ["全部"]
    assert not kinds.option("年度回顾（1）").empty and kinds.option("新闻（0）").empty
    assert not nature.option("已完成的量（1）").empty and nature.option("预期目标（0）").empty


def test_in_english_a_list_marks_as_chinese_the_names_shown_for_want_of_an_english_one(client):
    named = RegionFactory(name="咸宁市", name_en="Xianning")
    unnamed = RegionFactory(name="赤壁市")
    enterprise = EnterpriseFactory(region=named)
    enterprise.honours.add(HonourFactory(name="专精特新"))  # honours have no English names at all
    EnterpriseFactory(region=unnamed)
    client.cookies["language"] = "en"

    facets = rendered(client, reverse("enterprises:index"), {})

    assert facets["Region"].option("Xianning (1)").chinese == ""
    assert facets["Region"].option("赤壁市 (1)").chinese == "赤壁市"
    assert facets["Honours"].option("专精特新 (1)").chinese == "专精特新"
