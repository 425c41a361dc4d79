"""Renditions are made once, when the image is saved: right widths, modern format plus fallback, focal crops."""

import io

import pytest
from django.core.management import call_command
from PIL import Image as PILImage

from images.models import Image, Rendition
from images.services import crop_box, image_create, image_renditions_build, widths_for

from . import files

pytestmark = pytest.mark.django_db


def create(data: bytes, name: str = "photo.jpg", **fields) -> Image:
    return image_create(file=files.upload(data, name), title=name, alt_text="测试图片", **fields)


def open_rendition(rendition: Rendition) -> PILImage.Image:
    with rendition.file.open("rb") as handle:
        return PILImage.open(io.BytesIO(handle.read()))


@pytest.mark.parametrize(
    ("source_width", "widths"),
    [(2400, [320, 640, 960, 1280, 1920]), (1000, [320, 640, 960, 1000]), (200, [200]), (320, [320])],
)
def test_renditions_are_never_wider_than_the_original(source_width, widths):
    assert widths_for(source_width) == widths


def test_each_width_comes_as_webp_and_jpeg_with_the_size_written_in_the_file():
    image = create(files.jpeg(1000, 500))
    renditions = list(image.renditions.filter(crop=""))
    assert {(r.format, r.width) for r in renditions} == {
        (fmt, width) for fmt in ("webp", "jpeg") for width in (320, 640, 960, 1000)
    }
    for rendition in renditions:
        stored = open_rendition(rendition)
        assert stored.size == (rendition.width, rendition.height)
        assert stored.format == {"webp": "WEBP", "jpeg": "JPEG"}[rendition.format]
        assert rendition.height == round(rendition.width / 2)


def test_transparent_logo_falls_back_to_png_not_jpeg():
    image = create(files.encode(PILImage.new("RGBA", (400, 200), (0, 0, 0, 0)), "PNG"), "logo.png")
    assert set(image.renditions.values_list("format", flat=True)) == {"webp", "png"}


def test_card_renditions_are_cropped_to_16_9():
    image = create(files.jpeg(1600, 1600))
    for rendition in image.renditions.filter(crop="16:9"):
        assert rendition.height == round(rendition.width * 9 / 16)
        assert open_rendition(rendition).size == (rendition.width, rendition.height)


@pytest.mark.parametrize(("focal_y", "kept"), [(0.0, "red"), (1.0, "blue")])
def test_card_crop_keeps_the_focal_point(focal_y, kept):
    image = create(files.two_tone(800, 800, top="red", bottom="blue"), focal_y=focal_y)
    card = image.renditions.get(crop="16:9", format="jpeg", width=800)
    red, _, blue = open_rendition(card).convert("RGB").getpixel((400, 225))
    assert (red > blue) == (kept == "red")


def test_crop_box_stays_inside_the_picture_when_the_focal_point_is_at_an_edge():
    assert crop_box((1600, 900), (1, 1), (0.0, 0.5)) == (0, 0, 900, 900)
    assert crop_box((1600, 900), (1, 1), (1.0, 0.5)) == (700, 0, 1600, 900)
    assert crop_box((1000, 1000), (16, 9), (0.5, 0.5)) == (0, 219, 1000, 781)


def test_renditions_are_made_once_and_not_again_on_a_second_build():
    image = create(files.jpeg(700, 400))
    before = set(image.renditions.values_list("pk", "file"))
    assert image_renditions_build(image=image) == 0
    assert set(image.renditions.values_list("pk", "file")) == before


def test_forced_rebuild_replaces_files_and_removes_the_old_ones(django_capture_on_commit_callbacks):
    image = create(files.jpeg(700, 400))
    old_names = list(image.renditions.values_list("file", flat=True))
    storage = Rendition._meta.get_field("file").storage
    with django_capture_on_commit_callbacks(execute=True):
        made = image_renditions_build(image=image, force=True)
    assert made == len(old_names)
    assert not any(storage.exists(name) for name in old_names)
    assert all(storage.exists(r.file.name) for r in image.renditions.all())


def test_deleting_an_image_deletes_its_file_and_renditions(django_capture_on_commit_callbacks):
    image = create(files.jpeg(400, 300))
    names = [image.file.name, *image.renditions.values_list("file", flat=True)]
    storage = image.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert not Rendition.objects.exists()
    assert not any(storage.exists(name) for name in names)


def test_build_renditions_command_shows_progress_and_fills_in_missing_renditions(capsys):
    first = create(files.jpeg(700, 400))
    second = create(files.jpeg(500, 300))
    Rendition.objects.filter(image=second).delete()

    call_command("build_renditions")

    out = capsys.readouterr().out
    assert "[" + "#" * 30 + "] 2/2" in out
    assert "共 2 张图片" in out
    assert second.renditions.filter(crop="", width=500).count() == 2
    assert first.renditions.count() == 2 * 2 * 3  # two crops, two formats, 320/640/700 and 320/640/700


def test_build_renditions_force_rebuilds_everything(capsys):
    image = create(files.jpeg(700, 400))
    old = set(image.renditions.values_list("pk", flat=True))
    call_command("build_renditions", "--force")
    assert "新生成 12 个尺寸版本" in capsys.readouterr().out
    assert old.isdisjoint(image.renditions.values_list("pk", flat=True))


def test_build_renditions_reports_a_missing_file_and_carries_on(capsys):
    broken = create(files.jpeg(400, 300))
    broken.file.storage.delete(broken.file.name)
    Rendition.objects.all().delete()
    fine = create(files.jpeg(400, 300))
    Rendition.objects.filter(image=fine).delete()

    call_command("build_renditions")

    captured = capsys.readouterr()
    assert "无法生成" in captured.err and "请在后台重新上传" in captured.err
    assert fine.renditions.exists()
