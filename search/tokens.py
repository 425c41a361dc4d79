"""Chinese has no spaces: text is indexed as overlapping character pairs (bigrams), Latin words and numbers whole.

"离岸科创园" is stored as 离岸 岸科 科创 创园 园; a query matches when all of its pairs are present, so
any two-or-more-character Chinese query finds its words wherever they stand in a sentence. The last
character of every run is kept alone too, so a one-character query (a prefix search) finds it at the
end of a run as well as inside one.

The index columns keep the tokens in reading order (``token_sequence``), so a word's pairs stand next to each
other there and ranking can tell the phrase 科创园 from 科创 and 创园 far apart; ``name_key`` makes a whole name
one marked token, for the "named exactly this" match.
"""

import re
import unicodedata
from dataclasses import dataclass

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PIECE = re.compile(rf"(?P<cjk>[{CJK}]+)|(?P<word>[^\W_{CJK}]+)")

_CJK_RUN = re.compile(rf"[{CJK}]+")

MAX_QUERY_LENGTH = 100
MAX_QUERY_TOKENS = 32


def normalise(text: str) -> str:
    """Full-width letters and digits become ASCII (１０００Ｐ → 1000p); case is folded."""
    return unicodedata.normalize("NFKC", text or "").lower()


def _token_stream(text: str):
    for match in _PIECE.finditer(normalise(text)):
        if match["word"]:
            yield match["word"]
            continue
        run = match["cjk"]
        for i in range(len(run) - 1):
            yield run[i : i + 2]
        yield run[-1]


def index_tokens(text: str) -> str:
    """The space-separated tokens of ``text``, each once, in the order they first occur."""
    return " ".join(dict.fromkeys(_token_stream(text)))


def token_sequence(text: str) -> str:
    """The tokens of ``text`` in reading order, repeats kept: what an index column holds, so that the pairs of a
    word stand next to each other there and a phrase ("科创 创园" for 科创园) can be told from scattered pairs."""
    return " ".join(_token_stream(text))


# Marks a whole-name token. Every other token is a pair or a single Chinese character, or a run of letters and
# digits without Chinese: a mark followed by anything is none of these, so a name key never shares its token
# with a word of any text (the name "科技" and the pair 科技 in ten thousand bodies stay apart in the index).
NAME_MARK = "名"


def name_key(text: str) -> str:
    """A whole name as one token: ``NAME_MARK``, then its letters, digits and Chinese characters run together,
    normalised; empty for a name without any.

    "咸宁（武汉）离岸科创园" → "名咸宁武汉离岸科创园". Stored for every name and alias of an entry, it lets the index
    find the entries *named* exactly what was searched for without comparing every title, and without reading the
    postings of the same characters as a word of the texts (the mark keeps the two apart).
    """
    key = "".join(match.group() for match in _PIECE.finditer(normalise(text)))
    return f"{NAME_MARK}{key}" if key else ""


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

    def term_tokens(self, term: str) -> tuple[QueryToken, ...]:
        """The index tokens of one term, in order: its character pairs, a lone character as a prefix, or a word."""
        if not _CJK_RUN.fullmatch(term):
            return (QueryToken(term),)
        if len(term) == 1:
            return (QueryToken(term, prefix=True),)
        return tuple(QueryToken(term[i : i + 2]) for i in range(len(term) - 1))


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
