from django.core.paginator import Paginator
from django.views.generic import TemplateView

from presentation.language import interface_is_chinese

from .highlight import highlight, mentions, snippet
from .models import SearchEntry
from .query import COUNT_LIMIT, search
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
        results = [result(entry, parsed.terms) for entry in page.object_list]
        kinds = [
            {"value": value, "label": label, "count": count_label(counts.get(value, 0)), "current": value == kind}
            for value, label in SearchEntry.Kind.choices
        ]
        total = sum(min(count, COUNT_LIMIT) for count in counts.values())
        capped = any(count > COUNT_LIMIT for count in counts.values())
        return super().get_context_data(
            query=parsed.text,
            parsed=parsed,
            searched=bool(parsed.tokens),
            total=count_label(total, capped=capped),
            found=count_label(counts.get(kind, 0)) if kind else count_label(total, capped=capped),
            found_count=counts.get(kind, 0) if kind else total,  # for "1 result" or "2 results"
            kinds=kinds,
            current_kind=kind,
            current_kind_label=SearchEntry.Kind(kind).label if kind else "",
            page_obj=page,
            paginator=page.paginator,
            is_paginated=page.has_other_pages(),
            results=results,
            **kwargs,
        )


def count_label(count: int, *, capped: bool = False) -> str:
    """A count as shown: past COUNT_LIMIT (the search stops counting there) "1000+", never a false exact figure."""
    if count > COUNT_LIMIT:
        return f"{COUNT_LIMIT}+"
    return f"{count}+" if capped else str(count)


def result(entry: SearchEntry, terms) -> dict:
    """A result as the interface language shows it: in English, the English title and summary where the item has
    them; the Chinese ones otherwise, flagged so the template marks them lang="zh-hans"."""
    english = not interface_is_chinese()
    title = entry.title_en if english and entry.title_en else entry.title
    # The English summary, unless only the Chinese text holds what was searched for.
    chinese_match = mentions(entry.summary, terms) or mentions(entry.body, terms)
    if english and entry.summary_en and (mentions(entry.summary_en, terms) or not chinese_match):
        summary, summary_is_chinese = snippet([entry.summary_en], terms), False
    else:
        summary, summary_is_chinese = snippet([entry.summary, entry.body], terms), english
    return {
        "entry": entry,
        "title": highlight(title, terms),
        "title_is_chinese": english and not entry.title_en,
        "snippet": summary,
        "snippet_is_chinese": summary_is_chinese,
    }
