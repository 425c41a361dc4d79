"""The image library's work for the task worker (`manage.py db_worker`): making an upload's renditions."""

import datetime
import logging

from django.utils import timezone
from django_tasks import task

from .models import Image
from .services import image_renditions_build

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
RETRY_SECONDS = 60  # after the first failed attempt; twice as long after the second


@task()
def build_renditions(image_id: int, force: bool = False, attempt: int = 1) -> int:
    """Makes the missing renditions of image ``image_id`` (all again with ``force``); how many were made. Safe to
    run again, as it only makes what is missing: a storage that fails (a full disk, a bucket that is away) has it
    queued again, twice, and then `manage.py build_renditions` makes what is still missing. An image deleted before
    the worker came to it needs none."""
    image = Image.objects.filter(pk=image_id).first()
    if image is None:
        return 0
    try:
        return image_renditions_build(image=image, force=force)
    except OSError:
        if attempt >= MAX_ATTEMPTS:
            logger.exception("The renditions of image %s could not be stored; gave up after %s", image_id, attempt)
            raise
        logger.warning("The renditions of image %s could not be stored; trying again", image_id, exc_info=True)
        retry = build_renditions
        if retry.get_backend().supports_defer:
            later = timezone.now() + datetime.timedelta(seconds=RETRY_SECONDS * attempt)
            retry = retry.using(run_after=later)
        retry.enqueue(image_id, force=force, attempt=attempt + 1)
        return 0
