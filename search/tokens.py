"""Chinese has no spaces: text is indexed as overlapping character pairs (bigrams), Latin words and numbers whole.

"离岸科创园" is stored as 离岸 岸科 科创 创园 园; a query matches when all of its pairs are present, so
any two-or-more-character Chinese query finds its words wherever they stand in a sentence. The last
character of every run is kept alone too, so a one-character query (a prefix search) finds it at the
end of a run as well as inside one.
"""

import re
import unicodedata
from dataclasses import dataclass

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PIECE = re.compile(rf"(?P<cjk>[{CJK}]+)|(?P<word>[^\W_{CJK}]+)")

MAX_QUERY_LENGTH = 100
MAX_QUERY_TOKENS = 32


def normalise(text: str) -> str:
    """Full-width letters and digits become ASCII (１０００Ｐ → 1000p); case is folded."""
    return unicodedata.normalize("NFKC", text or "").lower()


def index_tokens(text: str) -> str:
    """The space-separated tokens stored for ``text``: unique, order irrelevant (matching is by presence)."""
    seen: dict[str, None] = {}
    for match in _PIECE.finditer(normalise(text)):
        if match["word"]:
            seen[match["word"]] = None
            continue
        run = match["cjk"]
        for i in range(len(run) - 1):
            seen[run[i : i + 2]] = None
        seen[run[-1]] = None
    return " ".join(seen)


@dataclass(frozen=True)
class QueryToken:
    text: str
    prefix: bool = False  # a lone Chinese character: matches every pair that starts with it


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # what the visitor typed, trimmed and shortened
    terms: tuple[str, ...]  # the words to rank and highlight with (runs of letters, digits or Chinese)
    tokens: tuple[QueryToken, ...]  # what the index is asked for; empty means nothing to search
    truncated: bool = False


def parse_query(raw: str) -> ParsedQuery:
    # ``raw`` comes from the search page, whose parameters hold no NUL character (publishing.middleware).
    text = " ".join((raw or "").split())
    truncated = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH]
    terms: dict[str, None] = {}
    tokens: dict[QueryToken, None] = {}
    for match in _PIECE.finditer(normalise(text)):
        terms[match.group()] = None
        if match["word"]:
            tokens[QueryToken(match["word"])] = None
        elif len(match["cjk"]) == 1:
            tokens[QueryToken(match["cjk"], prefix=True)] = None
        else:
            run = match["cjk"]
            for i in range(len(run) - 1):
                tokens[QueryToken(run[i : i + 2])] = None
    return ParsedQuery(
        text=text,
        terms=tuple(terms),
        tokens=tuple(tokens)[:MAX_QUERY_TOKENS],
        truncated=truncated,
    )
