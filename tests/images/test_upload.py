"""Every upload goes through the Pillow pipeline: refused with a clear message and nothing stored, or stored clean."""

import io
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from PIL import ExifTags, features
from PIL import Image as PILImage

from images.models import Image, Rendition
from images.services import image_create

from . import files

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored_files(settings):
    def listing() -> list[Path]:
        root = Path(settings.MEDIA_ROOT)
        return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []

    return listing


def admin_upload(client, data: bytes, name: str, **fields):
    post = {
        "title": "上传测试",
        "alt_text": "测试用的图片",
        "caption": "",
        "credit": "",
        "focal_x": "0.5",
        "focal_y": "0.5",
        "file": files.upload(data, name),
        **fields,
    }
    return client.post(reverse("admin:images_image_add"), post)


def open_stored(image: Image) -> PILImage.Image:
    with image.file.open("rb") as handle:
        return PILImage.open(io.BytesIO(handle.read()))


HOSTILE = {
    "svg_with_script": (files.SCRIPT_SVG, "logo.svg", "不是可以接受的图片"),
    "svg_renamed_png": (files.SCRIPT_SVG, "logo.png", "不是可以接受的图片"),
    "html_renamed_jpg": (files.HTML_PAGE, "photo.jpg", "不是可以接受的图片"),
    "truncated_jpeg": (files.truncated_jpeg(), "photo.jpg", "已损坏或不完整"),
    "bomb_header": (files.png_claiming_size(100_000, 100_000), "bomb.png", "图片尺寸过大"),
    "zero_bytes": (b"\x00" * 64, "empty.jpg", "不是可以接受的图片"),
}


@pytest.mark.parametrize("case", HOSTILE.keys())
def test_hostile_or_broken_upload_is_refused_with_a_chinese_message_and_nothing_stored(case, stored_files):
    data, name, message = HOSTILE[case]
    with pytest.raises(ValidationError) as excinfo:
        image_create(file=files.upload(data, name), title="坏文件", alt_text="坏文件")
    assert message in " ".join(excinfo.value.messages)
    assert not Image.objects.exists()
    assert not Rendition.objects.exists()
    assert stored_files() == []


@pytest.mark.parametrize("case", HOSTILE.keys())
def test_staff_uploading_a_hostile_file_in_the_admin_see_why_and_nothing_is_stored(case, admin_client, stored_files):
    data, name, message = HOSTILE[case]
    response = admin_upload(admin_client, data, name)
    assert response.status_code == 200  # the form again, with the error
    assert message in response.content.decode()
    assert not Image.objects.exists()
    assert stored_files() == []


def test_file_over_the_size_limit_is_refused_before_it_is_read(settings, admin_client, stored_files):
    settings.IMAGE_MAX_UPLOAD_BYTES = 1024
    data = files.encode(PILImage.effect_noise((200, 200), 80).convert("RGB"), quality=95)
    assert len(data) > 1024
    response = admin_upload(admin_client, data, "big.jpg")
    assert "文件太大" in response.content.decode()
    assert "最大 1.0\xa0KB" in response.content.decode()
    assert not Image.objects.exists()
    assert stored_files() == []


def test_image_with_more_pixels_than_allowed_is_refused_even_if_the_file_is_small(settings, stored_files):
    settings.IMAGE_MAX_PIXELS = 100 * 100
    with pytest.raises(ValidationError, match="图片尺寸过大（101×100 像素）"):
        image_create(file=files.upload(files.jpeg(101, 100)), title="大图", alt_text="大图")
    assert stored_files() == []


def test_rotated_phone_photo_is_stored_upright_without_exif_gps_or_xmp(admin_client):
    original = files.phone_photo_with_gps()
    assert PILImage.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the test file has GPS

    response = admin_upload(admin_client, original, "IMG_20251126_张三家.jpg")

    assert response.status_code == 302
    image = Image.objects.get()
    stored = open_stored(image)
    assert (image.width, image.height) == stored.size == (20, 40)  # portrait, as the phone showed it
    assert stored.getpixel((10, 5))[0] > 200  # the red half is on top after turning 90° clockwise
    assert stored.getpixel((10, 35))[2] > 200
    assert len(stored.getexif()) == 0
    assert not {"exif", "xmp", "icc_profile", "comment"} & set(stored.info)
    raw = image.file.open("rb").read()
    assert b"Exif" not in raw and b"xmpmeta" not in raw and b"Test Phone" not in raw


def test_stored_file_gets_a_random_name_through_the_storage_api():
    image = image_create(file=files.upload(files.jpeg(), "张三的身份证照片.jpg"), title="随机名", alt_text="随机名")
    assert re.fullmatch(r"images/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", image.file.name)
    assert image.file.storage.exists(image.file.name)


def test_cmyk_jpeg_is_converted_to_rgb_with_its_colours_kept():
    image = image_create(file=files.upload(files.cmyk_jpeg(), "print.jpg"), title="印刷稿", alt_text="青色")
    stored = open_stored(image)
    assert stored.mode == "RGB"
    red, green, blue = stored.getpixel((30, 20))
    assert red < 40 and green > 200 and blue > 200  # cyan ink stays cyan


def test_embedded_colour_profile_is_applied_and_not_kept():
    data = files.encode(PILImage.new("RGB", (30, 30), (200, 120, 40)), icc_profile=files.srgb_profile())
    image = image_create(file=files.upload(data), title="带色彩配置", alt_text="橙色")
    stored = open_stored(image)
    assert "icc_profile" not in stored.info
    assert stored.getpixel((15, 15))[0] > 180


def test_png_with_transparency_stays_png_with_its_alpha():
    data = files.encode(PILImage.new("RGBA", (40, 40), (0, 128, 0, 0)), "PNG")
    image = image_create(file=files.upload(data, "logo.png"), title="标志", alt_text="企业标志")
    stored = open_stored(image)
    assert image.file.name.endswith(".png")
    assert stored.mode == "RGBA" and stored.getpixel((1, 1))[3] == 0


@pytest.mark.parametrize(
    ("image_format", "name", "stored_extension"),
    [("WEBP", "a.webp", ".webp"), ("GIF", "a.gif", ".png"), ("PNG", "a.png", ".png"), ("JPEG", "a.jpeg", ".jpg")]
    + ([("AVIF", "a.avif", ".jpg")] if features.check("avif") else []),
)
def test_accepted_formats_are_stored_as_web_friendly_files(image_format, name, stored_extension):
    data = files.encode(PILImage.new("RGB", (50, 30), "orange"), image_format)
    image = image_create(file=files.upload(data, name), title=name, alt_text=name)
    assert image.file.name.endswith(stored_extension)
    assert (image.width, image.height) == (50, 30)


def test_jpeg_named_png_is_judged_by_its_content_not_its_name():
    image = image_create(file=files.upload(files.jpeg(), "disguised.png"), title="改名", alt_text="改名")
    assert image.file.name.endswith(".jpg")


def test_tiff_is_refused_although_pillow_could_read_it(stored_files):
    data = files.encode(PILImage.new("RGB", (20, 20)), "TIFF")
    with pytest.raises(ValidationError, match="JPEG、PNG、WebP、GIF"):
        image_create(file=files.upload(data, "scan.tif"), title="扫描件", alt_text="扫描件")
    assert stored_files() == []


def test_upload_in_the_admin_makes_the_renditions_at_once(admin_client):
    response = admin_upload(admin_client, files.jpeg(1000, 600), "wide.jpg")
    assert response.status_code == 302
    image = Image.objects.get()
    widths = set(image.renditions.filter(crop="").values_list("width", flat=True))
    assert widths == {320, 640, 960, 1000}


def test_image_without_alt_text_must_be_marked_decorative(admin_client, stored_files):
    response = admin_upload(admin_client, files.jpeg(), "a.jpg", alt_text="")
    assert "请填写替代文字，或勾选“纯装饰图片”" in response.content.decode()
    assert not Image.objects.exists()
    assert stored_files() == []

    response = admin_upload(admin_client, files.jpeg(), "a.jpg", alt_text="", is_decorative="on")
    assert response.status_code == 302
    assert Image.objects.get().alt == ""


def test_focal_point_outside_the_picture_is_refused(admin_client):
    response = admin_upload(admin_client, files.jpeg(), "a.jpg", focal_x="1.5")
    assert response.status_code == 200
    assert not Image.objects.exists()


def test_focal_point_left_empty_stays_in_the_centre(admin_client):
    response = admin_upload(admin_client, files.jpeg(), "a.jpg", focal_x="", focal_y="")
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.focal_x, image.focal_y) == (0.5, 0.5)


@pytest.fixture
def disk_full_after(monkeypatch):
    """The disk fills up at the ``n``-th file written: that write leaves a partial file and fails with ENOSPC,
    as a real full disk does."""
    import errno
    import os

    from django.core.files.storage import FileSystemStorage

    original = FileSystemStorage._save

    def arm(n: int):
        calls = []

        def save(self, name, content):
            calls.append(name)
            if len(calls) < n:
                return original(self, name, content)
            path = self.path(name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as partial:
                partial.write(b"\xff\xd8 only the beginning")
            raise OSError(errno.ENOSPC, "No space left on device", path)

        monkeypatch.setattr(FileSystemStorage, "_save", save)

    return arm


def test_an_upload_on_a_full_disk_keeps_the_form_says_why_and_leaves_no_file(
    admin_client, stored_files, disk_full_after
):
    disk_full_after(1)  # the original

    response = admin_upload(admin_client, files.jpeg(1000, 600), "photo.jpg", alt_text="光谷的夜景")

    assert response.status_code == 200  # the form again, not a 500
    page = response.content.decode()
    assert "存储空间不足" in page and "什么都没有保存" in page
    assert 'value="光谷的夜景"' in page  # what was typed is still there
    assert not Image.objects.exists() and not Rendition.objects.exists()
    assert stored_files() == []  # no orphan, no empty or truncated file


@pytest.mark.parametrize("failing_write", [2, 6])  # the first rendition; one further on
def test_renditions_that_meet_a_full_disk_leave_no_file_and_are_made_once_there_is_room(
    admin_client, stored_files, disk_full_after, failing_write, monkeypatch
):
    """The upload is kept (its original was stored); the worker's renditions fail, take their files with them and
    are tried again (at once here, where tasks run in the request; later on the real queue), then left to
    ``build_renditions``."""
    disk_full_after(failing_write)

    response = admin_upload(admin_client, files.jpeg(1000, 600), "photo.jpg", alt_text="光谷的夜景")

    assert response.status_code == 302
    image = Image.objects.get()
    assert not Rendition.objects.exists()
    assert stored_files() == [Path(image.file.path)]  # the original only: no partial rendition
    monkeypatch.undo()  # room on the disk again

    call_command("build_renditions", stdout=io.StringIO())

    assert Rendition.objects.filter(image=image).count() > 0
    assert len(stored_files()) == 1 + Rendition.objects.count()


def test_the_stored_copy_of_a_huge_photo_is_at_most_the_configured_side(settings):
    settings.IMAGE_MAX_SIDE = 1000

    image = image_create(file=files.upload(files.jpeg(4000, 3000)), title="大照片", alt_text="大照片")

    assert (image.width, image.height) == (1000, 750)
    assert open_stored(image).size == (1000, 750)
