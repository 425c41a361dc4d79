"""The one rich-text configuration staff write with: the editor and the server-side allowlist agree.

Pictures in bodies come from the image library only. The editor's "Figure" button opens a picker over the
library (it stores the image's id as ``data-file``); on every save each ``<img>`` is tied to its library image
(by that id, or by a library file's address pasted as the URL) and anything else is dropped. At render time the
``richtext`` template filter swaps each library ``<img>`` for the responsive ``{% picture %}`` markup.

Key figures in bodies come from the figure library (the achievements app's ``KeyFigure``). The editor's "关键数据"
button opens a chooser over it and stores ``<data value="figure:123">4.2万亩</data>``: the figure's id and its text
as it was when written. At render time each one shows the figure's current text, linked to it, or the stored text
alone when the figure is gone or no longer public.
"""

import html as html_text
import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Protocol
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.utils.functional import lazy
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField, create_sanitizer


@dataclass(frozen=True)
class LibraryPicture:
    """A picture of the library as a stored body holds it: ``<img src alt data-file>``."""

    pk: int
    url: str
    alt: str


class PictureLibrary(Protocol):
    """What rich text asks of the picture library, which the images app provides (``images/richtext.py``, set in
    its ``AppConfig.ready()``). Without one, bodies keep no pictures."""

    picker_url: str  # the editor's picker over the library

    def pictures(self, ids: set[int], names: set[str]) -> tuple[dict[int, LibraryPicture], dict[str, LibraryPicture]]:
        """The library's pictures with these ids, and those whose original or a rendition has these storage names."""

    def render(self, ids: set[int]) -> dict[int, str]:
        """The responsive markup of each of these pictures, for a page."""


_library: PictureLibrary | None = None


def use_picture_library(library: PictureLibrary) -> None:
    global _library  # one library for the whole site, as there is one admin site
    _library = library


def rendered_pictures(ids: set[int]) -> dict[int, str]:
    return _library.render(ids) if _library and ids else {}


class FigureLibrary(Protocol):
    """What rich text asks of the figure library, which the achievements app provides (``achievements/richtext.py``,
    set in its ``AppConfig.ready()``). Without one, bodies keep a figure's text and not the figure."""

    chooser_url: str  # the editor's chooser over the figures

    def existing(self, ids: set[int]) -> set[int]:
        """Which of these figures exist (public or not)."""

    def render(self, ids: set[int]) -> dict[int, str]:
        """The markup of each of these figures that is public, with its current value, for a page: one query."""


_figures: FigureLibrary | None = None


def use_figure_library(library: FigureLibrary) -> None:
    global _figures  # one library for the whole site, as for pictures
    _figures = library


BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    # "Browse…" (选择图片…) in the picture dialog opens the library picker (CKEditor's file-browser protocol).
    "Figure": {"pickerUrl": lazy(lambda: _library.picker_url if _library else "", str)()},
    "Image": True,
    "Caption": True,
    # The "关键数据" button (static/js/richtext-figure.js, listed in settings.DJANGO_PROSE_EDITOR_EXTENSIONS).
    "KeyFigure": {
        "chooserUrl": lazy(lambda: _figures.chooser_url if _figures else "", str)(),
        "label": _("插入关键数据"),
    },
}

IMAGE_HELP = _(
    "插入图片：点工具栏的图片按钮，再点“选择图片…”从图片库中选择；也可以粘贴图片库中图片的网址。"
    "图片的替代文字和尺寸以图片库为准；不在图片库里的图片保存时会被去掉，请先上传到图片库。"
)

IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
FIGURE = re.compile(r"<figure\b[^>]*>(?P<inner>.*?)</figure>", re.IGNORECASE | re.DOTALL)
LIBRARY_ID = "data-file"


class _StartTag(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        self.attrs = {name: value or "" for name, value in attrs}

    handle_startendtag = handle_starttag


def tag_attributes(tag: str) -> dict[str, str]:
    """The attributes of one start tag such as ``<img src="…" alt="…">``, entities decoded."""
    parser = _StartTag()
    parser.feed(tag)
    parser.close()
    return parser.attrs


def library_id(attrs: dict[str, str]) -> int | None:
    value = attrs.get(LIBRARY_ID, "").strip()
    return int(value) if value.isascii() and value.isdigit() else None


def storage_name(src: str) -> str | None:
    """The storage name behind a media address (``/media/images/2026/01/x.jpg`` → ``images/2026/01/x.jpg``)."""
    media_url = settings.MEDIA_URL
    if urlsplit(media_url).scheme:
        name = src[len(media_url) :] if src.startswith(media_url) else None
    else:
        path = urlsplit(src).path
        name = path[len(media_url) :] if path.startswith(media_url) else None
    return unquote(name) if name else None


def library_images(html: str) -> str:
    """Keeps only pictures of the image library, each as ``<img src alt data-file>``; drops every other ``<img>``
    (and a figure left without one)."""
    tags = [tag_attributes(tag) for tag in IMG_TAG.findall(html)]
    if not tags:
        return html
    ids = {pk for attrs in tags if (pk := library_id(attrs)) is not None}
    names = {name for attrs in tags if (name := storage_name(attrs.get("src", "")))}
    by_id, by_name = _library.pictures(ids, names) if _library else ({}, {})

    def replace(match):
        attrs = tag_attributes(match.group(0))
        image = by_id.get(library_id(attrs)) or by_name.get(storage_name(attrs.get("src", "")) or "")
        if image is None:
            return ""
        return format_html('<img src="{}" alt="{}" {}="{}">', image.url, image.alt, LIBRARY_ID, image.pk)

    html = IMG_TAG.sub(replace, html)
    return FIGURE.sub(lambda match: match.group(0) if IMG_TAG.search(match["inner"]) else "", html)


# A figure as the allowlist and ``library_figures`` leave it: nothing else inside, no other attribute.
FIGURE_TAG = re.compile(r'<data value="figure:(?P<pk>[0-9]{1,18})">(?P<text>[^<]*)</data>')
DATA_TAG = re.compile(r"(?P<start><data\b[^>]*>)(?P<inner>.*?)</data>", re.IGNORECASE | re.DOTALL)
FIGURE_VALUE = re.compile(r"figure:(?P<pk>[0-9]{1,18})")


def cited_figure_ids(*bodies: str) -> set[int]:
    """The figures these stored bodies cite."""
    return {int(match["pk"]) for body in bodies for match in FIGURE_TAG.finditer(body or "")}


def _figure_id(data_start_tag: str) -> int | None:
    value = FIGURE_VALUE.fullmatch(tag_attributes(data_start_tag).get("value", "").strip())
    return int(value["pk"]) if value else None


def library_figures(html: str) -> str:
    """Keeps each figure of the library as ``<data value="figure:id">text</data>``, plain text inside; any other
    ``<data>``, or one of a figure that does not exist, leaves its text only."""
    tags = DATA_TAG.findall(html)
    if not tags:
        return html
    ids = {pk for start, _inner in tags if (pk := _figure_id(start)) is not None}
    known = _figures.existing(ids) if _figures and ids else set()

    def replace(match):
        text = strip_tags(match["inner"])  # escaped by the allowlist already
        pk = _figure_id(match["start"])
        return format_html('<data value="figure:{}">{}</data>', pk, mark_safe(text)) if pk in known else text  # nosec B308, B703  # text escaped by the allowlist

    return DATA_TAG.sub(replace, html)


def rendered_figures(ids: set[int]) -> dict[int, str]:
    return _figures.render(ids) if _figures and ids else {}


LINK_OR_FIGURE = re.compile(rf"(?P<open><a\b[^>]*>)|(?P<close></a>)|{FIGURE_TAG.pattern}", re.IGNORECASE)


def with_figures(html: str, figures: dict[int, str]) -> str:
    """A cleaned body with each cited figure written as the library renders it now (``figures``, by id), or as
    its stored text when the library has none for it (deleted, or its achievement not public). A figure staff put
    inside a link of their own shows its current text without the library's link: a link in a link is no link."""
    depth = 0

    def replace(match):
        nonlocal depth
        if match["open"]:
            depth += 1
            return match.group(0)
        if match["close"]:
            depth = max(depth - 1, 0)
            return match.group(0)
        rendered = figures.get(int(match["pk"]), match["text"])
        return strip_tags(rendered) if depth else rendered

    return LINK_OR_FIGURE.sub(replace, html)


SENTENCE_ENDS = "。！？；!?;"


def _find_whole(data: str, text: str) -> int:
    """Where ``text`` stands in ``data`` as a number of its own: 5家 is not the end of 205家, 1.5亿 not of 21.5亿."""
    at = data.find(text)
    while at >= 0:
        before = data[at - 1] if at else ""
        after = data[at + len(text)] if at + len(text) < len(data) else ""
        if not (text[:1].isdigit() and (before.isdigit() or before == ".")) and not (
            text[-1:].isdigit() and after.isdigit()
        ):
            return at
        at = data.find(text, at + 1)
    return -1


class _SentenceMarker(HTMLParser):
    """Copies sanitised HTML as it is, tags verbatim, and wraps the sentence around each wanted text in the text
    node where it first occurs: only text is searched and only text is cut, so no tag or attribute is ever
    touched and the result is as well formed as the input."""

    def __init__(self, wanted: dict[str, str], css_class: str):
        super().__init__(convert_charrefs=True)  # one call of handle_data per text node, entities decoded
        self.wanted = {key: text for key, text in wanted.items() if text}
        self.css_class = css_class
        self.out: list[str] = []
        self.placed: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        sentences: dict[tuple[int, int], list[str]] = {}
        for key, text in list(self.wanted.items()):
            at = _find_whole(data, text)
            if at < 0:
                continue
            start = max(data.rfind(end, 0, at) for end in SENTENCE_ENDS) + 1
            while start < at and data[start].isspace():
                start += 1
            ends = [found for end in SENTENCE_ENDS if (found := data.find(end, at + len(text))) >= 0]
            sentences.setdefault((start, min(ends) + 1 if ends else len(data)), []).append(key)
            del self.wanted[key]
            self.placed.add(key)
        position = 0
        # Sentences of one text node never overlap; figures in the same sentence get one span each, nested.
        for (start, end), keys in sorted(sentences.items()):
            self.out.append(html_text.escape(data[position:start], quote=False))
            self.out.extend(format_html('<span id="{}" class="{}">', key, self.css_class) for key in keys)
            self.out.append(html_text.escape(data[start:end], quote=False))
            self.out.append("</span>" * len(keys))
            position = end
        self.out.append(html_text.escape(data[position:], quote=False))


def mark_sentences(html: str, wanted: dict[str, str], css_class: str) -> tuple[str, set[str]]:
    """``html`` (already sanitised) with the sentence that states each wanted text wrapped in
    ``<span id="<key>" class="<css_class>">``, and the keys placed. A text is found as text, never as markup
    (``&`` matches ``&amp;``), and only within one text node: a figure split by a tag is not found."""
    if not wanted:
        return html, set()
    marker = _SentenceMarker(wanted, css_class)
    marker.feed(html)
    marker.close()
    return "".join(marker.out), marker.placed


# The allowlist alone, for HTML on its way out (the richtext template filter, the API): stored bodies were cleaned
# on save, but a fixture load, a raw ``QuerySet.update()`` or SQL bypasses ``pre_save``, and output must not trust
# them. nh3 (Rust) cleans a long body in well under a millisecond.
sanitize = create_sanitizer(BODY_EXTENSIONS)


def rendered_body(html, figures: dict[int, str] | None = None) -> str:
    """A stored body for a page: cleaned with the allowlist (again: whatever wrote it), then each
    ``<img data-file>`` replaced by the picture library's responsive markup (srcset, width and height of the
    renditions, alt text from the library, lazy loading). Two queries per body with pictures, none without; a
    picture whose library image was deleted is left out.

    Each cited figure shows its current value (``with_figures``): ``figures`` as the page looked them up for all
    its bodies at once (``rendered_figures`` of their ``cited_figure_ids``), else one query for this body if it
    cites any."""
    html = sanitize(html or "")
    if not html:
        return ""
    if figures is None:
        figures = rendered_figures(cited_figure_ids(html))
    html = with_figures(html, figures)
    ids = {pk for tag in IMG_TAG.findall(html) if (pk := library_id(tag_attributes(tag))) is not None}
    if not ids:
        return mark_safe(html)  # nosec B308, B703  # just cleaned with the allowlist (nh3); figures escape what they add
    pictures = rendered_pictures(ids)

    def replace(match):
        return pictures.get(library_id(tag_attributes(match.group(0))), "")

    return mark_safe(IMG_TAG.sub(replace, html))  # nosec B308, B703  # cleaned with the allowlist; picture() escapes what it adds


# Set while a restore inserts rows that were cleaned when first saved (``bodies_as_stored``).
_AS_STORED = ContextVar("richtext_as_stored", default=False)


@contextmanager
def bodies_as_stored():
    """Rows inserted in here keep their bodies as they are: a restore's rows were cleaned when first saved, and
    cleaning them again before the figures or pictures they cite are back would strip those (pages clean bodies
    again on their way out in any case)."""
    token = _AS_STORED.set(True)
    try:
        yield
    finally:
        _AS_STORED.reset(token)


class RichTextField(ProseEditorField):
    """HTML edited in the admin's rich-text editor, sanitised with an allowlist on every save.

    Sanitising in ``pre_save`` (not only in form validation) means HTML that arrives through
    imports, the API or the shell is cleaned too.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", BODY_EXTENSIONS)
        # Applied last to first: the allowlist, then the figure-library check, then the image-library check.
        kwargs.setdefault("sanitize", [library_images, library_figures, create_sanitizer])
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        if _AS_STORED.get():
            return getattr(model_instance, self.attname)
        value = self.sanitize(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        # In the form only, so the help text needs no migration.
        if not self.help_text:
            kwargs.setdefault("help_text", IMAGE_HELP)
        return super().formfield(**kwargs)
