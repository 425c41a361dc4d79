from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from achievements.citations import corrections_of_page
from achievements.models import Achievement
from caching.state import until_content_changes
from presentation.facets import Facet, FacetedListMixin
from publishing.addresses import OldAddressRedirectMixin
from publishing.gone import WithdrawnMixin
from publishing.preview import PreviewMixin
from publishing.richtext import cited_figure_ids, rendered_figures

from .models import Article, ArticleSection
from .places import figure_places


class ArticleViewMixin:
    def get_queryset(self):
        return Article.objects.published()


class ArticleListView(FacetedListMixin, ArticleViewMixin, ListView):
    paginate_by = 10

    def get_facets(self):
        return [
            Facet("kind", _("类型"), lookup="kind", choices=Article.Kind.choices),
            Facet("year", _("年份"), year_of="published_at"),
            Facet.related("region", _("地区"), "regions"),
            Facet.related("topic", _("专题"), "topics"),
        ]

    def get_queryset(self):
        return super().get_queryset().select_related("cover").prefetch_related("cover__renditions")


class ArticleDetailView(OldAddressRedirectMixin, WithdrawnMixin, PreviewMixin, ArticleViewMixin, DetailView):
    model = Article

    def get_queryset(self):
        # Every relation shown beside the article is filtered to what is published.
        # A previewed review shows its own achievements too: they are released together with it.
        achievements = Achievement.objects.all() if self.preview_pk is not None else Achievement.objects.published()
        achievements = achievements.select_related("region").prefetch_related("figures")
        return (
            self.published_or_preview(Article.objects.all())
            .select_related("cover")
            .prefetch_related(
                "cover__renditions",
                Prefetch(
                    "sections",
                    queryset=ArticleSection.objects.prefetch_related(Prefetch("achievements", queryset=achievements)),
                ),
                Prefetch("achievements", queryset=achievements),
            )
        )

    def get_context_data(self, **kwargs):
        # Achievements placed in a section are shown beside that section; the rest after the body.
        sections = list(self.object.sections.all())
        section_ids = {section.pk for section in sections}
        unplaced = [item for item in self.object.achievements.all() if item.section_id not in section_ids]
        cited = self.cited_figures(sections)
        places = figure_places(self.object, sections, unplaced, cited["cited_figures"])
        for section in sections:
            section.body_html = places.section_bodies[section.pk]
        return super().get_context_data(
            unplaced_achievements=unplaced,
            article_body=places.article_body,
            figures_on_cards=places.on_cards,
            figure_corrections=cited["figure_corrections"],
            related_links=self.related_links(),
            **kwargs,
        )

    def cited_figures(self, sections) -> dict:
        """The key figures the body and the sections state, looked up once for the page, and the corrections of them
        made since the article was published."""
        article = self.object
        ids = cited_figure_ids(article.body, *(section.body for section in sections))
        return {
            "cited_figures": rendered_figures(ids),
            "figure_corrections": corrections_of_page(ids, since=article.published_at),
        }

    def related_links(self) -> str:
        """The footer of what the article links to (published items only), rendered once and kept in the data cache
        until content changes: six lists, six queries, that every reader of the article would otherwise repeat."""
        article = self.object

        def render() -> str:
            return render_to_string(
                "news/related_links.html",
                {
                    "projects": article.projects.published(),
                    "enterprises": article.enterprises.published(),
                    "institutions": article.institutions.published(),
                    "regions": article.regions.all(),
                    "topics": article.topics.all(),
                    "people": article.people.all(),
                },
            )

        if self.preview_pk is not None:
            return mark_safe(render())  # nosec B308, B703  # a template's output, escaped by it
        html = until_content_changes(f"article-related-links:{article.pk}:{get_language()}", render)
        return mark_safe(html)  # nosec B308, B703  # a template's output, escaped by it
