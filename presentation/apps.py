from django.apps import AppConfig


class PresentationConfig(AppConfig):
    """How the portal writes for its readers, whatever the content: languages, numbers, dates, text, links, the
    public lists' filters, sitemaps, the tags of the pages' head and the CSV/Excel files. Imports no other app of
    the project but the cache, so the shared core and every feature app can build on it."""

    name = "presentation"
