"""What a page's filters show a reader (templates/includes/facet.html, on the lists and the data page alike), read
from the page's HTML as a screen reader meets it: each facet's navigation and its links."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class ShownOption:
    text: str  # what the link reads, its count included: 嘉鱼县（1）
    count: str  # the count's text alone: （1）
    href: str
    current: bool  # aria-current
    empty: bool  # greyed: it would show nothing under the other filters
    chinese: str = ""  # the part of its name marked lang="zh-hans"


@dataclass
class ShownFacet:
    landmark: str  # the navigation's name: 按地区筛选
    title: str
    options: list[ShownOption] = field(default_factory=list)  # "all" first

    def option(self, text: str) -> ShownOption:
        return next(option for option in self.options if option.text == text)

    @property
    def current(self) -> list[str]:
        return [option.text for option in self.options if option.current]


class _FacetReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.facets: list[ShownFacet] = []
        self.facet = self.option = None
        self.within: list[str] = []  # what the text read now belongs to: title, count, chinese

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "nav" and "facet" in classes:
            self.facet = ShownFacet(attrs["aria-label"], "")
            self.facets.append(self.facet)
        elif self.facet is None:
            return
        elif tag == "h3":
            self.within.append("title")
        elif tag == "a":
            self.option = ShownOption("", "", attrs["href"], attrs.get("aria-current") == "true", "is-empty" in classes)
            self.facet.options.append(self.option)
        elif tag == "span":
            self.within.append("count" if "facet__count" in classes else "chinese" if attrs.get("lang") else "")

    def handle_endtag(self, tag):
        if tag == "nav":
            self.facet = None
        elif tag == "a":
            self.option = None
        elif tag in ("h3", "span") and self.facet is not None and self.within:
            self.within.pop()

    def handle_data(self, data):
        if self.facet is None:
            return
        if "title" in self.within:
            self.facet.title += data.strip()
        elif self.option is not None:
            self.option.text += data
            if "count" in self.within:
                self.option.count += data
            if "chinese" in self.within:
                self.option.chinese += data


def shown_facets(html: str) -> dict[str, ShownFacet]:
    """The page's facets by their titles: 地区 → its options."""
    reader = _FacetReader()
    reader.feed(html)
    return {facet.title: facet for facet in reader.facets}
