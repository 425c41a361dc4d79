"""The place of each key figure on its article's page: the sentence that states it, found at render time.

A figure's 出处 link everywhere (its achievement's page, the data page, downloads, the API) is
``<article page>#figure-<pk>`` (``KeyFigure.place_url``). Here the page gives that id to the sentence holding the
figure's text as written (4.2万亩) in the body of the figure's section, or of the article for an achievement placed
in no section; a figure not found there (the text was reworded) gives it to its own card beside that section, so
the link still lands in the right place. Everything comes from what the page prefetched already: no query.
"""

from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe

from publishing.richtext import mark_sentences, rendered_body

CSS_CLASS = "figure-source"


@dataclass
class FigurePlaces:
    article_body: SafeString = SafeString()
    section_bodies: dict[int, SafeString] = field(default_factory=dict)
    on_cards: set[int] = field(default_factory=set)  # figures whose card carries the id: their text was not found

    def place(self, html: str, achievements, cited: dict[int, str]) -> SafeString:
        figures = [figure for achievement in achievements for figure in achievement.figures.all()]
        html = rendered_body(html, cited)
        if not figures:
            return html
        marked, placed = mark_sentences(html, {figure.anchor: figure.text for figure in figures}, CSS_CLASS)
        self.on_cards.update(figure.pk for figure in figures if figure.anchor not in placed)
        return mark_safe(marked)  # nosec B308, B703  # sanitised HTML, text re-escaped, spans of our own ids


def figure_places(article, sections, unplaced_achievements, cited: dict[int, str]) -> FigurePlaces:
    """``cited``: the figures the bodies cite in their text, rendered once for the page (``rendered_figures``)."""
    places = FigurePlaces()
    places.section_bodies = {
        section.pk: places.place(section.body, section.achievements.all(), cited) for section in sections
    }
    places.article_body = places.place(article.body, unplaced_achievements, cited)
    return places
