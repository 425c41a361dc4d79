"""Writes to the image library: uploads through the Pillow pipeline, renditions made once and stored."""

import io
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext
from PIL import Image as PILImage
from PIL import ImageOps

from publishing.models import Publishable
from publishing.richtext import RichTextField

from . import processing
from .models import Image, Rendition
from .storage import files_removed_on_failure

DEFAULT_RENDITION_WIDTHS = (320, 640, 960, 1280, 1920)
# "" keeps the picture's own proportions (article and project pages); 16:9 is the card crop.
DEFAULT_RENDITION_CROPS = ("", "16:9")
RENDITION_SAVE_OPTIONS = {
    "webp": ("WEBP", "webp", {"quality": 80, "method": 3}),
    "jpeg": ("JPEG", "jpg", {"quality": 82, "optimize": True, "progressive": True}),
    "png": ("PNG", "png", {"optimize": True}),
}


def rendition_widths() -> tuple[int, ...]:
    return tuple(sorted(getattr(settings, "IMAGE_RENDITION_WIDTHS", DEFAULT_RENDITION_WIDTHS)))


def rendition_crops() -> tuple[str, ...]:
    return tuple(getattr(settings, "IMAGE_RENDITION_CROPS", DEFAULT_RENDITION_CROPS))


def parse_crop(crop: str) -> tuple[int, int] | None:
    """``"16:9"`` → (16, 9); ``""`` → None (no crop). Raises ValueError on anything else."""
    if not crop:
        return None
    width, _, height = crop.partition(":")
    ratio = int(width), int(height)
    if min(ratio) < 1:
        raise ValueError(crop)
    return ratio


def crop_box(size: tuple[int, int], ratio: tuple[int, int], focal: tuple[float, float]) -> tuple[int, int, int, int]:
    """The largest box of ``ratio`` inside ``size``, centred on the focal point as far as the edges allow."""
    width, height = size
    ratio_w, ratio_h = ratio
    if width * ratio_h > height * ratio_w:
        box_w, box_h = max(1, round(height * ratio_w / ratio_h)), height
    else:
        box_w, box_h = width, max(1, round(width * ratio_h / ratio_w))
    left = min(max(round(focal[0] * width - box_w / 2), 0), width - box_w)
    top = min(max(round(focal[1] * height - box_h / 2), 0), height - box_h)
    return left, top, left + box_w, top + box_h


def widths_for(source_width: int) -> list[int]:
    """The configured widths below the source's, plus the source width itself up to the largest: never upscale."""
    widths = rendition_widths()
    chosen = [width for width in widths if width < source_width]
    chosen.append(min(source_width, widths[-1]))
    return sorted(set(chosen))


@transaction.atomic
def image_create(
    *,
    file,
    title: str,
    alt_text: str = "",
    is_decorative: bool = False,
    caption: str = "",
    credit: str = "",
    focal_x: float = 0.5,
    focal_y: float = 0.5,
) -> Image:
    """Check and clean ``file``, store it under a random name and make its renditions.

    Raises ValidationError (with a Chinese message) and stores nothing when the file is refused.
    """
    clean = processing.clean_upload(file)
    image = Image(
        title=title,
        alt_text=alt_text,
        is_decorative=is_decorative,
        caption=caption,
        credit=credit,
        focal_x=focal_x,
        focal_y=focal_y,
        file=clean.content,
    )
    image.full_clean()
    with files_removed_on_failure():  # the rows go with the transaction, the stored file with them
        image.save()
        image_renditions_queue(image=image)
    return image


def image_renditions_queue(*, image: Image, force: bool = False) -> None:
    """Has the task worker make the renditions of ``image`` once the transaction that saved it commits (with the
    database queue the task is stored in that transaction): the upload's request never waits for Pillow, and a
    rolled-back upload leaves no rendition behind. Until they exist, ``{% picture %}`` shows the stored original."""
    from .tasks import build_renditions

    build_renditions.enqueue(image.pk, force=force)


def _open_source(image: Image) -> PILImage.Image:
    with image.file.open("rb") as handle:
        source = PILImage.open(io.BytesIO(handle.read()))
        source.load()
    # Files cleaned on upload are already upright sRGB; older or imported ones may not be.
    return processing.to_srgb(ImageOps.exif_transpose(source))


def _fallback_format(source: PILImage.Image) -> str:
    return Rendition.Format.PNG if source.mode == "RGBA" else Rendition.Format.JPEG


@transaction.atomic
def image_renditions_build(*, image: Image, force: bool = False) -> int:
    """Make every missing rendition of ``image`` (all of them again with ``force``); return how many were made.

    The original is only opened when something is missing, so a second run over the library is cheap.
    """
    if force:
        image_renditions_delete(image=image)
    existing = set(image.renditions.values_list("crop", "format", "width"))
    fallbacks = {fmt for _, fmt, _ in existing if fmt != Rendition.Format.WEBP}
    fallback = fallbacks.pop() if len(fallbacks) == 1 else None
    source = None
    size = (image.width, image.height) if image.width and image.height else None
    if size is None or fallback is None:
        source = _open_source(image)
        size, fallback = source.size, _fallback_format(source)
    # The transaction drops the rows; the files already written go too (a full disk must leave no orphans).
    with files_removed_on_failure():
        return _build(image, source, size, fallback, existing)


def _build(image, source, size, fallback, existing) -> int:
    made = 0
    for crop in rendition_crops():
        ratio = parse_crop(crop)
        box = crop_box(size, ratio, (image.focal_x, image.focal_y)) if ratio else (0, 0, *size)
        if crop and box == (0, 0, *size):
            continue  # already this shape: {% picture %} uses the uncropped renditions
        box_width, box_height = box[2] - box[0], box[3] - box[1]
        base = None
        for width in widths_for(box_width):
            height = max(1, round(box_height * width / box_width))
            resized = None
            for fmt in (Rendition.Format.WEBP, fallback):
                if (crop, fmt, width) in existing:
                    continue
                if source is None:
                    source = _open_source(image)
                if resized is None:
                    base = base or source.crop(box)
                    resized = base.resize((width, height), PILImage.Resampling.LANCZOS, reducing_gap=3.0)
                pil_format, extension, options = RENDITION_SAVE_OPTIONS[fmt]
                buffer = io.BytesIO()
                resized.save(buffer, format=pil_format, **options)
                rendition = Rendition(image=image, crop=crop, format=fmt, width=width, height=height)
                rendition.file.save(f"r.{extension}", ContentFile(buffer.getvalue()), save=False)
                rendition.save()
                made += 1
    return made


def image_renditions_delete(*, image: Image) -> None:
    """Remove the renditions of ``image``; their files go once the deletion commits (see signals.py)."""
    image.renditions.all().delete()


@dataclass(frozen=True)
class Usage:
    kind: str  # how the image is used, in the interface language: 封面图片, 标志, 正文插图
    label: str
    admin_url: str


def _admin_place(obj) -> tuple[str, str]:
    """What a usage names and links to: a content item itself, or for a part of one (an article's section) the item
    it belongs to, where staff edit it."""
    if not isinstance(obj, Publishable):
        for field in obj._meta.concrete_fields:
            if field.many_to_one and issubclass(field.related_model, Publishable):
                parent = getattr(obj, field.name)
                return gettext("%(item)s：%(part)s") % {"item": parent, "part": obj}, _change_url(parent)
    return str(obj), _change_url(obj)


def _change_url(obj) -> str:
    if not admin.site.is_registered(type(obj)):
        return ""
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def image_usages(*, image: Image) -> list[Usage]:
    """Where ``image`` is used: every field that links to a library picture (covers, logos), and every rich-text
    body that embeds its file, whichever app the content belongs to."""
    usages = []
    links = [
        relation.field
        for relation in Image._meta.get_fields(include_hidden=True)
        if relation.one_to_many and relation.related_model is not Rendition
    ]
    for field in links:
        for obj in field.model._default_manager.filter(**{field.name: image}):
            name, url = _admin_place(obj)
            label = gettext("%(kind)s“%(item)s”") % {"kind": obj._meta.verbose_name, "item": name}
            usages.append(Usage(capfirst(field.verbose_name), label, url))
    if image.file.name:
        for model in apps.get_models():
            for field in model._meta.concrete_fields:
                if isinstance(field, RichTextField):
                    for obj in model._default_manager.filter(**{f"{field.name}__contains": image.file.name}):
                        usages.append(Usage(gettext("正文插图"), *_admin_place(obj)))
    return usages
