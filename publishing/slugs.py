"""Readable, stable URL slugs for Chinese titles: 咸宁科技创新中心 → xian-ning-ke-ji-chuang-xin-zhong-xin."""

from collections.abc import Callable

from django.utils.text import slugify

MAX_SLUG_LENGTH = 80


def pinyin_slug(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    # Imported on first use: its dictionaries hold some 200,000 objects that every full garbage collection of a
    # process would walk, and a process that only serves pages never makes a slug.
    from pypinyin import lazy_pinyin

    slug = slugify(" ".join(lazy_pinyin(text)))[:max_length].strip("-")
    return slug or "item"


def unique_slug(text: str, taken: Callable[[str], bool]) -> str:
    """The pinyin slug of ``text``, or the first of ``-2``, ``-3`` … after it, for which ``taken`` is false."""
    base = pinyin_slug(text)
    candidate, n = base, 2
    while taken(candidate):
        suffix = f"-{n}"
        candidate = f"{base[: MAX_SLUG_LENGTH - len(suffix)]}{suffix}"
        n += 1
    return candidate
