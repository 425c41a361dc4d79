"""Uploads on S3-compatible object storage (issue 14, item 1), against a real S3 API on loopback: moto's server,
started and stopped by the fixture below. Upload, renditions, the public page's image addresses and a GET of them,
old files removed on delete and replace, no orphans when the admin's transaction fails, a store that is down."""

import io
import re
import urllib.request
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from moto.server import ThreadedMotoServer
from PIL import Image as PILImage

from images.models import Image, Rendition
from tests.factories import ArticleFactory
from tests.s3 import KEYS, public_bucket, stored_keys
from tests.worker import run_worker

from . import files


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def object_storage_settings(endpoint: str, bucket: str) -> dict:
    """What portal/settings.py builds from DJANGO_S3_* for this bucket."""
    import botocore.config

    return {
        "BACKEND": "images.object_storage.ObjectStorage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint,
            "access_key": KEYS["aws_access_key_id"],
            "secret_key": KEYS["aws_secret_access_key"],
            "region_name": KEYS["region_name"],
            "addressing_style": "path",
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
            "client_config": botocore.config.Config(connect_timeout=1, read_timeout=5, retries={"max_attempts": 1}),
        },
    }


@pytest.fixture
def bucket(settings, s3_endpoint):
    """A bucket of its own for each test, and the portal's media in it."""
    name = f"portal-{uuid.uuid4().hex[:12]}"
    client = public_bucket(s3_endpoint, name)
    settings.STORAGES = {**settings.STORAGES, "default": object_storage_settings(s3_endpoint, name)}

    def keys() -> list[str]:
        return stored_keys(client, name)

    return keys


def admin_upload(client, data: bytes, **fields):
    upload = files.upload(data, "photo.jpg")
    form = {
        "title": "光谷夜景",
        "alt_text": "夜色中的光谷",
        "focal_x": "0.5",
        "focal_y": "0.5",
        "file": upload,
        **fields,
    }
    return client.post(reverse("admin:images_image_add"), form)


def fetch(url: str) -> tuple[bytes, str]:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - the test's own loopback server
        return response.read(), response.headers.get("Cache-Control", "")


def test_an_upload_and_its_renditions_are_stored_in_the_bucket_and_served_from_it(admin_client, bucket, s3_endpoint):
    response = admin_upload(admin_client, files.jpeg(1600, 900))

    assert response.status_code == 302
    image = Image.objects.get()
    renditions = list(image.renditions.all())
    assert renditions
    assert bucket() == sorted([image.file.name, *(rendition.file.name for rendition in renditions)])

    article = ArticleFactory(cover=image)
    page = Client().get(article.get_absolute_url()).content.decode()
    addresses = sorted(set(re.findall(rf"{re.escape(s3_endpoint)}/[^\s\"',]+", page)))
    assert addresses, "the page links its picture in the bucket"
    for address in addresses:
        body, cache_control = fetch(address)
        assert PILImage.open(io.BytesIO(body)).size[0] > 0  # a real picture comes back
        assert "immutable" in cache_control


def test_deleting_an_image_removes_all_its_objects(admin_client, bucket, django_capture_on_commit_callbacks):
    admin_upload(admin_client, files.jpeg(1200, 800))
    image = Image.objects.get()
    assert bucket()

    with django_capture_on_commit_callbacks(execute=True):  # the objects go once the deletion commits
        response = admin_client.post(reverse("admin:images_image_delete", args=[image.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not Image.objects.exists() and not Rendition.objects.exists()
    assert bucket() == []


def test_replacing_an_images_file_removes_the_old_original_and_renditions(
    admin_client, bucket, django_capture_on_commit_callbacks
):
    admin_upload(admin_client, files.jpeg(1200, 800))
    image = Image.objects.get()
    before = set(bucket())

    form = {"title": "光谷夜景", "alt_text": "夜色中的光谷", "focal_x": "0.5", "focal_y": "0.5"}
    form["file"] = files.upload(files.jpeg(900, 900), "square.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:images_image_change", args=[image.pk]), form)

    assert response.status_code == 302
    image.refresh_from_db()
    now = set(bucket())
    assert not before & now  # nothing of the old picture is left
    assert now == {image.file.name, *image.renditions.values_list("file", flat=True)}


def test_an_admin_save_that_fails_after_the_file_was_stored_leaves_no_object(admin_user, bucket, monkeypatch):
    from images.admin import ImageAdmin

    def broken(*args, **kwargs):
        raise RuntimeError("a bug after the save")

    monkeypatch.setattr(ImageAdmin, "log_addition", broken)
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)

    response = admin_upload(client, files.jpeg(1200, 800))

    assert response.status_code == 500
    assert not Image.objects.exists()
    assert bucket() == []


def test_a_store_that_is_down_keeps_the_form_and_says_why(admin_client, settings, bucket):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": object_storage_settings("http://127.0.0.1:9", "portal-nowhere"),  # nothing listens on port 9
    }

    response = admin_upload(admin_client, files.jpeg(1200, 800))

    assert response.status_code == 200
    page = response.content.decode()
    assert "图片没有保存" in page and 'value="夜色中的光谷"' in page
    assert not Image.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_worker_makes_the_renditions_after_the_upload(client, bucket, database_queue, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.org", "pw"))

    assert admin_upload(client, files.jpeg(1600, 900)).status_code == 302

    image = Image.objects.get()
    assert not image.renditions.exists()  # the request stored the original only
    assert bucket() == [image.file.name]

    run_worker()

    assert image.renditions.exists()
    assert bucket() == sorted([image.file.name, *image.renditions.values_list("file", flat=True)])
