"""Demo pictures drawn by code with Pillow: the same input always gives the same picture.

Titles are drawn in Noto Sans CJK when the system has it (Debian: fonts-noto-cjk); without it the
pictures keep their shapes and colours and simply carry no text.
"""

import io
import random
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw, ImageFilter, ImageFont

CREDIT = "科创门户示意图（程序生成）"
FONT_FILES = ("NotoSansCJK-Bold.ttc", "NotoSansCJK-Regular.ttc", "NotoSerifCJK-Bold.ttc", "wqy-zenhei.ttc")


@dataclass(frozen=True)
class Artwork:
    title: str  # the library title, also the natural key that keeps load_demo idempotent
    alt_text: str
    caption: str
    text: str  # what is drawn on the picture
    colours: tuple[str, str, str]  # gradient top, gradient bottom, accent
    kind: str = "cover"  # or "logo"
    focal: tuple[float, float] = (0.5, 0.5)


@cache
def font(size: int) -> ImageFont.FreeTypeFont | None:
    for name in FONT_FILES:
        try:
            # Pillow looks the bare file name up in the system font folders.
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return None


def _hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _gradient(size: tuple[int, int], top: str, bottom: str) -> Image.Image:
    width, height = size
    start, end = _hex(top), _hex(bottom)
    column = Image.new("RGB", (1, height))
    for y in range(height):
        t = y / max(1, height - 1)
        column.putpixel((0, y), tuple(round(a + (b - a) * t) for a, b in zip(start, end, strict=True)))
    return column.resize(size)


def draw_cover(artwork: Artwork, size: tuple[int, int] = (1280, 720)) -> bytes:
    """A gradient with soft circles, a grid of 'circuit' lines, a skyline and the title: a calm, legible cover."""
    rng = random.Random(artwork.title)  # nosec B311  # repeatable demo artwork, not a secret
    width, height = size
    top, bottom, accent = artwork.colours
    picture = _gradient(size, top, bottom).convert("RGBA")

    # Soft circles, blurred at a quarter of the size: the same look for a fraction of the work.
    small = (width // 4, height // 4)
    glow = Image.new("RGBA", small, (0, 0, 0, 0))
    glow_draw = ImageDraw.Draw(glow)
    for _ in range(7):
        radius = rng.randint(small[1] // 8, small[1] // 2)
        x, y = rng.randint(0, small[0]), rng.randint(0, small[1])
        glow_draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(*_hex(accent), rng.randint(28, 60)))
    picture.alpha_composite(glow.filter(ImageFilter.GaussianBlur(small[1] // 30)).resize(size))

    lines = ImageDraw.Draw(picture)
    for _ in range(14):
        y = rng.randint(height * 2 // 5, height * 2 // 3)  # below the title
        x = rng.randint(0, width * 3 // 4)
        length = rng.randint(width // 10, width // 3)
        lines.line((x, y, x + length, y), fill=(255, 255, 255, 70), width=3)
        lines.ellipse((x + length - 7, y - 7, x + length + 7, y + 7), outline=(255, 255, 255, 140), width=3)

    skyline = Image.new("RGBA", size, (0, 0, 0, 0))
    sky_draw = ImageDraw.Draw(skyline)
    x = 0
    while x < width:
        building_width = rng.randint(width // 30, width // 12)
        building_height = rng.randint(height // 10, height * 2 // 5)
        sky_draw.rectangle((x, height - building_height, x + building_width, height), fill=(10, 25, 45, 150))
        x += building_width + rng.randint(4, 18)
    picture.alpha_composite(skyline)

    title_font = font(height // 11)
    if title_font is not None:
        text_draw = ImageDraw.Draw(picture)
        left, baseline = width // 14, height // 5
        text_draw.rectangle((left - 28, baseline - 8, left - 16, baseline + height // 9), fill=_hex(accent))
        text_draw.text((left + 3, baseline + 3), artwork.text, font=title_font, fill=(0, 0, 0, 110))
        text_draw.text((left, baseline), artwork.text, font=title_font, fill=(255, 255, 255, 255))
    buffer = io.BytesIO()
    picture.convert("RGB").save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def draw_logo(artwork: Artwork, size: tuple[int, int] = (640, 240)) -> bytes:
    """A rounded mark with a geometric emblem and the short name beside it, on a transparent background."""
    rng = random.Random(artwork.title)  # nosec B311  # repeatable demo artwork, not a secret
    width, height = size
    top, bottom, accent = artwork.colours
    picture = Image.new("RGBA", size, (0, 0, 0, 0))
    mark_size = height - 40
    mark = _gradient((mark_size, mark_size), top, bottom).convert("RGBA")
    mask = Image.new("L", (mark_size, mark_size), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, mark_size - 1, mark_size - 1), radius=mark_size // 5, fill=255)
    picture.paste(mark, (20, 20), mask)

    draw = ImageDraw.Draw(picture)
    centre = 20 + mark_size // 2
    for ring in range(3):
        radius = mark_size // 2 - 22 - ring * rng.randint(18, 26)
        if radius > 6:
            draw.arc(
                (centre - radius, centre - radius, centre + radius, centre + radius),
                start=rng.randint(0, 180),
                end=rng.randint(200, 350),
                fill=(255, 255, 255, 230),
                width=9,
            )
    draw.ellipse((centre - 14, centre - 14, centre + 14, centre + 14), fill=_hex(accent))

    name_font = font(height // 4)
    if name_font is not None:
        draw.text((mark_size + 50, height // 2), artwork.text, font=name_font, fill=_hex(top), anchor="lm")
    else:
        draw.rounded_rectangle(
            (mark_size + 50, height // 2 - 14, width - 30, height // 2 + 14), radius=14, fill=_hex(top)
        )
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


def draw(artwork: Artwork) -> bytes:
    return draw_logo(artwork) if artwork.kind == "logo" else draw_cover(artwork)
