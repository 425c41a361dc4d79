"""Marking the matched words in titles and snippets; everything else is escaped."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SNIPPET_LENGTH = 120


def _pattern(terms) -> re.Pattern | None:
    words = sorted({term for term in terms if term}, key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)


def mentions(text: str, terms) -> bool:
    """Whether ``text`` contains one of the terms (as highlight would mark it)."""
    pattern = _pattern(terms)
    return bool(text and pattern and pattern.search(text))


def highlight(text: str, terms) -> SafeString:
    pattern = _pattern(terms)
    if pattern is None:
        return escape(text)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # nosec B308, B703  # every piece above is escaped


def snippet(texts, terms, length: int = SNIPPET_LENGTH) -> SafeString:
    """A window of the first text that contains a term, around the first match; else the start of the first text."""
    pattern = _pattern(terms)
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
