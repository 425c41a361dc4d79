from django.core.paginator import Paginator
from django.views.generic import TemplateView

from .highlight import highlight, snippet
from .models import SearchEntry
from .query import search
from .tokens import parse_query


class SearchView(TemplateView):
    template_name = "search/results.html"
    paginate_by = 10

    def get_context_data(self, **kwargs):
        parsed = parse_query(self.request.GET.get("q", ""))
        kind = self.request.GET.get("kind", "")
        kind = kind if kind in SearchEntry.Kind.values else ""
        entries, counts = search(parsed, kind=kind)
        # A page number past the end shows the last page rather than an error.
        page = Paginator(entries, self.paginate_by).get_page(self.request.GET.get("page"))
        results = [
            {
                "entry": entry,
                "title": highlight(entry.title, parsed.terms),
                "snippet": snippet([entry.summary, entry.body], parsed.terms),
            }
            for entry in page.object_list
        ]
        kinds = [
            {"value": value, "label": label, "count": counts.get(value, 0), "current": value == kind}
            for value, label in SearchEntry.Kind.choices
        ]
        return super().get_context_data(
            query=parsed.text,
            parsed=parsed,
            searched=bool(parsed.tokens),
            total=sum(counts.values()),
            kinds=kinds,
            current_kind=kind,
            current_kind_label=SearchEntry.Kind(kind).label if kind else "",
            page_obj=page,
            paginator=page.paginator,
            is_paginated=page.has_other_pages(),
            results=results,
            **kwargs,
        )
