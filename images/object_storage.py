"""Uploads on S3-compatible object storage: django-storages' S3 backend (boto3), whose settings come from the
environment (portal/settings.py). An object is written whole or not at all, so there is no partial file to clean up;
a store that is down or refuses the keys fails as a full disk does, with ``OSError``, so that every caller handles
one kind of storage failure."""

import logging

from botocore.exceptions import BotoCoreError, ClientError
from storages.backends.s3 import S3Storage

from .storage import WritesNoted

logger = logging.getLogger(__name__)
ERRORS = (BotoCoreError, ClientError)


class ObjectStorageUnavailable(OSError):
    pass


class ObjectStorage(WritesNoted, S3Storage):
    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except ERRORS as error:
            raise ObjectStorageUnavailable(f"object storage: {error}") from error

    def _open(self, name, mode="rb"):
        try:
            return super()._open(name, mode)
        except ERRORS as error:
            raise ObjectStorageUnavailable(f"object storage: {error}") from error

    def exists(self, name):
        try:
            return super().exists(name)
        except ERRORS as error:
            raise ObjectStorageUnavailable(f"object storage: {error}") from error

    def delete(self, name):
        try:
            return super().delete(name)
        except ERRORS as error:
            raise ObjectStorageUnavailable(f"object storage: {error}") from error

    def health(self) -> str:
        """ "ok", or "unreachable" when the bucket does not answer or refuses the keys."""
        try:
            self.connection.meta.client.head_bucket(Bucket=self.bucket_name)
        except ERRORS:
            logger.warning("Object storage unreachable", exc_info=True)
            return "unreachable"
        return "ok"
