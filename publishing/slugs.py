"""Readable, stable URL slugs for Chinese titles: 咸宁科技创新中心 → xian-ning-ke-ji-chuang-xin-zhong-xin."""

from django.utils.text import slugify

MAX_SLUG_LENGTH = 80


def pinyin_slug(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    # Imported on first use: its dictionaries hold some 200,000 objects that every full garbage collection of a
    # process would walk, and a process that only serves pages never makes a slug.
    from pypinyin import lazy_pinyin

    slug = slugify(" ".join(lazy_pinyin(text)))[:max_length].strip("-")
    return slug or "item"


def unique_slug(instance, text: str, field: str = "slug") -> str:
    """A pinyin slug for ``text`` not yet used by another row of ``instance``'s model."""
    base = pinyin_slug(text)
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    candidate, n = base, 2
    while others.filter(**{field: candidate}).exists():
        suffix = f"-{n}"
        candidate = f"{base[: MAX_SLUG_LENGTH - len(suffix)]}{suffix}"
        n += 1
    return candidate
