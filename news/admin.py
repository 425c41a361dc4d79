from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from achievements.extraction_admin import FigureExtractionAdminMixin
from images.admin import ImageChooserMixin
from publishing.admin import FollowsParentAdmin, PublishableAdmin

from .models import Article, ArticleSection
from .release_admin import ReviewReleaseAdminMixin


class ArticleSectionInline(admin.StackedInline):
    model = ArticleSection
    fields = ["order", ("label", "heading"), "body"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(FigureExtractionAdminMixin, ReviewReleaseAdminMixin, ImageChooserMixin, PublishableAdmin):
    change_form_template = "admin/news/article/change_form.html"
    list_display = ["title", "kind", "year", "source", "status", "is_live", "published_at"]
    list_filter = ["status", "kind", "year", "regions", "topics"]
    search_fields = ["title", "subtitle", "series", "lead", "byline"]
    autocomplete_fields = ["cover", "regions", "topics", "projects", "enterprises", "institutions", "people"]
    inlines = [ArticleSectionInline]
    fieldsets = [
        (None, {"fields": ["kind", "series", "title", "subtitle", "slug", "year"]}),
        (None, {"fields": ["byline", "source", "lead", "body", "cover"]}),
        (
            _("据其他报刊报道整理"),
            {
                "fields": [
                    "based_on_publication",
                    "based_on_publication_en",
                    ("based_on_date", "based_on_date_precision"),
                    "based_on_url",
                    "based_on_authors",
                ],
                "classes": ["collapse"],
                "description": _("本文是本站对其他报刊报道的整理时填写：页面注明“据某报某月报道整理”，署名为本站。"),
            },
        ),
        (_("英文界面（可选）"), {"fields": ["title_en", "lead_en"], "classes": ["collapse"]}),
        (None, {"fields": ["regions", "topics", "projects", "enterprises", "institutions", "people"]}),
        PublishableAdmin.publishing_fieldset,
    ]


@admin.register(ArticleSection)
class ArticleSectionAdmin(FollowsParentAdmin):
    """Registered so achievements can pick their source section with autocomplete."""

    parent_fields = ["article"]

    list_display = ["__str__", "article", "order"]
    list_select_related = ["article"]
    search_fields = ["label", "heading", "article__title"]
    autocomplete_fields = ["article"]
