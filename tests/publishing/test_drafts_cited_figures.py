"""Drafts over live content and figures cited in the prose (achievements/citations.py): a correction counts when the
change goes live, and a cited figure is not deleted by a draft."""

from decimal import Decimal

import pytest

from achievements.models import FigureCorrection, KeyFigure
from tests.factories import AchievementFactory, ArticleFactory, KeyFigureFactory
from tests.publishing.test_drafts import transition, url
from tests.publishing.test_revisions import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def cited():
    figure = KeyFigureFactory(achievement=AchievementFactory(), label="入驻企业", text="205家", value=Decimal(205))
    article = ArticleFactory(body=f'<p>入驻企业<data value="figure:{figure.pk}">205家</data>。</p>')
    return figure, article


def test_a_drafted_correction_counts_when_it_is_approved(client, editor, reviewer, cited):
    figure, article = cited
    client.force_login(editor)
    data = form_data(client.get(url(figure.achievement, "change")))
    data.update({"figures-0-text": "210家", "figures-0-value": "210"})
    assert client.post(url(figure.achievement, "change"), data).status_code == 302

    assert not FigureCorrection.objects.exists()  # the draft, and its trial on the rows, changed nothing live
    client.logout()
    assert ">205家</a>" in client.get(article.get_absolute_url()).content.decode()

    client.force_login(editor)
    transition(client, figure.achievement, "submit")
    client.force_login(reviewer)
    transition(client, figure.achievement, "publish")

    assert list(FigureCorrection.objects.values_list("old_text", "new_text")) == [("205家", "210家")]
    client.logout()
    html = client.get(article.get_absolute_url()).content.decode()
    assert ">210家</a>" in html and "入驻企业由 205家 更正为 210家。" in html


def test_a_draft_cannot_delete_a_cited_figure(client, editor, cited):
    figure, article = cited
    client.force_login(editor)
    data = form_data(client.get(url(figure.achievement, "change")))
    data["figures-0-DELETE"] = "on"

    response = client.post(url(figure.achievement, "change"), data)

    assert response.status_code == 200
    assert article.title in response.content.decode()
    assert KeyFigure.objects.filter(pk=figure.pk).exists()
