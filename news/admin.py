from django.contrib import admin

from publishing.admin import FollowsParentAdmin, PublishableAdmin

from .models import Article, ArticleSection


class ArticleSectionInline(admin.StackedInline):
    model = ArticleSection
    fields = ["order", ("label", "heading"), "body"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(PublishableAdmin):
    list_display = ["title", "kind", "year", "source", "status", "is_live", "published_at"]
    list_filter = ["status", "kind", "year", "regions", "topics"]
    search_fields = ["title", "subtitle", "series", "lead", "byline"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["cover", "regions", "topics", "projects", "enterprises", "institutions", "people"]
    inlines = [ArticleSectionInline]
    fieldsets = [
        (None, {"fields": ["kind", "series", "title", "subtitle", "slug", "year"]}),
        (None, {"fields": ["byline", "source", "lead", "body", "cover"]}),
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
