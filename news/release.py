"""一键发布年度回顾: a yearly review is released with its achievements (and so their figures) at one time."""

import datetime

from publishing.models import Publishable
from publishing.services import content_release, release_problems

__all__ = ["release_items", "release_problems", "review_release"]


def release_items(article) -> list[Publishable]:
    """What a yearly review is released with: the review, then its achievements."""
    return [article, *article.achievements.order_by("pk")]


def review_release(*, article, at: datetime.datetime, user=None) -> list[Publishable]:
    """Publishes the review and its achievements at ``at``, all or nothing (``content_release``)."""
    return content_release(items=release_items(article), at=at, user=user)
