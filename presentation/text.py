"""Plain text from the rich text staff write, and words marked in plain text: what the search index, the figure
extractor, the search results and the admin share."""

import re
from html import unescape

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

# A block element ends a paragraph: its text never runs into the next one's (words in the index, figures in the
# extractor).
BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|blockquote|tr|td|th|table|ul|ol)\s*>|<br\s*/?>|<hr\s*/?>", re.IGNORECASE)


def html_to_text(html: str) -> str:
    """Rich-text HTML as plain text, one paragraph a line (a blank line between them), entities decoded."""
    text = BLOCK_END.sub("\n\n", html or "")
    text = unescape(strip_tags(text))
    return re.sub(r"\n\s*\n\s*", "\n\n", text).strip()


def html_to_line(html: str) -> str:
    """Rich-text HTML as one line of plain text, its paragraphs joined by spaces."""
    return " ".join(html_to_text(html).split())


def terms_pattern(terms) -> re.Pattern | None:
    """Any of ``terms``, the longest first, case-insensitively; None when there is none."""
    words = sorted({term for term in terms if term}, key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)


def highlight(text: str, terms) -> SafeString:
    """``text`` with each occurrence of the terms in ``<mark>``; everything escaped."""
    pattern = terms_pattern(terms)
    if pattern is None:
        return escape(text)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # nosec B308, B703  # every piece above is escaped
