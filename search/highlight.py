"""Marking the matched words in titles and snippets (``presentation.text.highlight``); everything else is escaped."""

from django.utils.safestring import SafeString, mark_safe

from presentation.text import highlight, terms_pattern

__all__ = ["highlight", "mentions", "snippet"]

SNIPPET_LENGTH = 120


def mentions(text: str, terms) -> bool:
    """Whether ``text`` contains one of the terms (as highlight would mark it)."""
    pattern = terms_pattern(terms)
    return bool(text and pattern and pattern.search(text))


def snippet(texts, terms, length: int = SNIPPET_LENGTH) -> SafeString:
    """A window of the first text that contains a term, around the first match; else the start of the first text."""
    pattern = terms_pattern(terms)
    texts = [text for text in texts if text]
    if not texts:
        return mark_safe("")  # nosec B308  # an empty string
    for text in texts:
        match = pattern.search(text) if pattern else None
        if match:
            start = max(0, match.start() - length // 3)
            end = start + length
            window = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
            return highlight(window, terms)
    text = texts[0]
    return highlight(text[:length] + ("…" if len(text) > length else ""), terms)
