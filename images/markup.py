"""A library picture as responsive markup (``{% picture %}`` in templates, and rich text's pictures): from the
renditions made when the image was saved; it never runs Pillow."""

from django.utils.html import format_html, format_html_join

from .models import Rendition

# The width the plain ``src`` points at, for browsers that ignore srcset.
FALLBACK_SRC_WIDTH = 960


def _srcset(renditions: list[Rendition]) -> str:
    return ", ".join(f"{rendition.file.url} {rendition.width}w" for rendition in renditions)


def _attrs(attrs: dict) -> str:
    return format_html_join("", ' {}="{}"', ((name, value) for name, value in attrs.items() if value is not None))


def picture(image, sizes="100vw", crop="", loading="lazy", **attrs):
    """``{% picture image sizes="(min-width: 60rem) 50vw, 100vw" crop="16:9" class="card__image" %}``.

    Reads ``image.renditions.all()``, so views prefetch ``cover__renditions``; an image without renditions
    falls back to its original file.
    """
    if not image or not image.file:
        return ""
    css_class = attrs.pop("class", None)
    available = image.renditions.all()
    # No renditions for this crop: the picture already has that shape, or they are not built yet.
    renditions = [r for r in available if r.crop == crop] or [r for r in available if not r.crop]
    webp = sorted((r for r in renditions if r.format == Rendition.Format.WEBP), key=lambda r: r.width)
    fallback = sorted((r for r in renditions if r.format != Rendition.Format.WEBP), key=lambda r: r.width)
    common = {"alt": image.alt, "class": css_class, "loading": loading, "decoding": "async", **attrs}
    if not fallback:
        img_attrs = {"src": image.file.url, "width": image.width, "height": image.height, **common}
        return format_html("<img{}>", _attrs(img_attrs))
    src = next((r for r in reversed(fallback) if r.width <= FALLBACK_SRC_WIDTH), fallback[0])
    img_attrs = {
        "src": src.file.url,
        "srcset": _srcset(fallback),
        "sizes": sizes,
        "width": src.width,
        "height": src.height,
        **common,
    }
    source = ""
    if webp:
        source = format_html('<source type="image/webp" srcset="{}" sizes="{}">', _srcset(webp), sizes)
    return format_html("<picture>{}<img{}></picture>", source, _attrs(img_attrs))
