"""Pillow work on uploaded pictures: check what the bytes really are, then re-encode them clean.

Nothing here touches storage or the database; ``services.py`` decides what to keep.
"""

import io
import struct
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import ImageCms, ImageOps, UnidentifiedImageError, features

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# A 50-megapixel phone photo is fine; anything beyond is refused before it is decoded.
DEFAULT_MAX_PIXELS = 60_000_000
# The stored copy is at most this many pixels on its long side (twice the widest rendition): a web page needs no
# more, and a JPEG is decoded straight at a reduced scale (Pillow's draft mode), so a 50-megapixel photo costs a
# fraction of the memory it would at full size.
DEFAULT_MAX_SIDE = 4096

# The Pillow formats an upload may be, and the format the clean copy is stored in.
STORED_FORMAT = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "GIF": "PNG"}
if features.check("avif"):
    STORED_FORMAT["AVIF"] = "JPEG"
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
SAVE_OPTIONS = {
    "JPEG": {"quality": 88, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 85, "method": 4},
}
# Errors Pillow raises on broken or hostile data; any of them means "not a picture we can use".
DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, KeyError, TypeError, MemoryError, struct.error)


def accepted_format_names() -> str:
    names = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF", "AVIF": "AVIF"}
    return "、".join(names[name] for name in STORED_FORMAT)


def max_upload_bytes() -> int:
    return getattr(settings, "IMAGE_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES)


def max_pixels() -> int:
    return getattr(settings, "IMAGE_MAX_PIXELS", DEFAULT_MAX_PIXELS)


def max_side() -> int:
    return getattr(settings, "IMAGE_MAX_SIDE", DEFAULT_MAX_SIDE)


@dataclass(frozen=True)
class CleanImage:
    """A re-encoded picture: upright, sRGB, without EXIF, GPS, XMP or ICC data."""

    content: ContentFile
    width: int
    height: int
    format: str  # JPEG, PNG or WEBP


def _not_an_image() -> ValidationError:
    return ValidationError(
        _("这个文件不是可以接受的图片。请上传 %(formats)s 格式的图片；SVG、网页或其他文件不能作为图片上传。")
        % {"formats": accepted_format_names()},
        code="invalid_image",
    )


def _broken() -> ValidationError:
    return ValidationError(
        _("图片文件已损坏或不完整，无法读取。请用看图软件打开确认后，重新导出再上传。"), code="broken_image"
    )


def _too_many_pixels(width: int | None = None, height: int | None = None) -> ValidationError:
    size = _("（%(width)s×%(height)s 像素）") % {"width": width, "height": height} if width and height else ""
    return ValidationError(
        _("图片尺寸过大%(size)s，最多允许 %(limit)s 万像素。请缩小后再上传。")
        % {"size": size, "limit": max_pixels() // 10_000},
        code="too_many_pixels",
    )


def check_size(upload) -> None:
    limit = max_upload_bytes()
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("文件太大（%(size)s），图片最大 %(limit)s。请压缩或缩小后再上传。")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )


def _open(upload) -> PILImage.Image:
    """Open ``upload`` as one of the accepted formats, refusing pixel bombs before any decoding."""
    upload.seek(0)
    try:
        image = PILImage.open(upload, formats=list(STORED_FORMAT))
    except UnidentifiedImageError as exc:
        raise _not_an_image() from exc
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
        raise _too_many_pixels() from exc
    except DECODE_ERRORS as exc:
        raise _broken() from exc
    width, height = image.size
    if width < 1 or height < 1 or width * height > max_pixels():
        image.close()
        raise _too_many_pixels(width, height)
    return image


def to_srgb(image: PILImage.Image) -> PILImage.Image:
    """Convert to RGB or RGBA in sRGB, honouring an embedded ICC profile (CMYK print files carry one)."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    target = "RGBA" if has_alpha else "RGB"
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source_profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
            converted = ImageCms.profileToProfile(
                image, source_profile, ImageCms.createProfile("sRGB"), outputMode=output_mode
            )
            if converted is not None:
                image = converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: the plain conversion below is still better than refusing the photo
    if image.mode != target:
        image = image.convert(target)
    return image


def clean_upload(upload) -> CleanImage:
    """Check ``upload`` (any Django File) and return a clean copy; raise ValidationError with a Chinese message."""
    check_size(upload)
    with warnings.catch_warnings():
        # Pillow only warns between its own limit and twice that; treat the warning as the error it is.
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        with _open(upload) as probe:
            source_format = probe.format
            try:
                probe.verify()
            except DECODE_ERRORS as exc:
                raise _broken() from exc
        # verify() leaves the image unusable; decode it again for real.
        with _open(upload) as image:
            try:
                image.seek(0)  # animated GIF/WebP: the first frame stands for the picture
                side = max_side()
                image.draft(image.mode, (side, side))  # JPEG: decoded at 1/2, 1/4 … scale when that is enough
                image.load()
                upright = ImageOps.exif_transpose(image)
                clean = to_srgb(upright)
                if max(clean.size) > side:
                    clean.thumbnail((side, side), PILImage.Resampling.LANCZOS)
            except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
                raise _too_many_pixels() from exc
            except DECODE_ERRORS as exc:
                raise _broken() from exc
    return encode(clean, STORED_FORMAT[source_format])


def encode(image: PILImage.Image, image_format: str) -> CleanImage:
    """Save ``image`` in ``image_format`` with no metadata at all; JPEG gets PNG instead if it has transparency."""
    if image_format == "JPEG" and image.mode == "RGBA":
        image_format = "PNG"
    # A fresh image carries no info dict, so no EXIF, XMP, comment or ICC profile reaches the file.
    bare = PILImage.new(image.mode, image.size)
    bare.paste(image)
    buffer = io.BytesIO()
    bare.save(buffer, format=image_format, **SAVE_OPTIONS[image_format])
    name = f"image.{EXTENSIONS[image_format]}"
    return CleanImage(
        content=ContentFile(buffer.getvalue(), name=name), width=bare.width, height=bare.height, format=image_format
    )
