"""The one rich-text configuration staff write with: the editor and the server-side allowlist agree.

Pictures in bodies come from the image library only. The editor's "Figure" button opens a picker over the
library (it stores the image's id as ``data-file``); on every save each ``<img>`` is tied to its library image
(by that id, or by a library file's address pasted as the URL) and anything else is dropped. At render time the
``richtext`` template filter swaps each library ``<img>`` for the responsive ``{% picture %}`` markup.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Protocol
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.utils.functional import lazy
from django.utils.html import format_html
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


# The allowlist alone, for HTML on its way out (the richtext template filter, the API): stored bodies were cleaned
# on save, but a fixture load, a raw ``QuerySet.update()`` or SQL bypasses ``pre_save``, and output must not trust
# them. nh3 (Rust) cleans a long body in well under a millisecond.
sanitize = create_sanitizer(BODY_EXTENSIONS)


class RichTextField(ProseEditorField):
    """HTML edited in the admin's rich-text editor, sanitised with an allowlist on every save.

    Sanitising in ``pre_save`` (not only in form validation) means HTML that arrives through
    imports, the API or the shell is cleaned too.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", BODY_EXTENSIONS)
        # Applied last to first: the allowlist, then the image-library check.
        kwargs.setdefault("sanitize", [library_images, create_sanitizer])
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = self.sanitize(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        # In the form only, so the help text needs no migration.
        if not self.help_text:
            kwargs.setdefault("help_text", IMAGE_HELP)
        return super().formfield(**kwargs)
