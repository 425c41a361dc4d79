"""The picture library as rich text uses it (``publishing.richtext.PictureLibrary``): bodies hold only its pictures,
and pages show them through ``{% picture %}``."""

from django.urls import reverse_lazy

from publishing.richtext import LibraryPicture

from .markup import picture
from .models import Image, Rendition

# Bodies are at most the width of the text column.
BODY_IMAGE_SIZES = "(min-width: 48rem) 46rem, 100vw"


def _stored(image: Image) -> LibraryPicture:
    return LibraryPicture(pk=image.pk, url=image.file.url, alt=image.alt)


class ImageLibrary:
    picker_url = reverse_lazy("admin:images_image_richtext_picker")

    def pictures(self, ids, names):
        by_id = {pk: _stored(image) for pk, image in Image.objects.in_bulk(ids).items()} if ids else {}
        by_name = {}
        if names:
            by_name = {image.file.name: _stored(image) for image in Image.objects.filter(file__in=names)}
            renditions = Rendition.objects.filter(file__in=names).select_related("image")
            by_name.update((rendition.file.name, _stored(rendition.image)) for rendition in renditions)
        return by_id, by_name

    def render(self, ids):
        images = Image.objects.prefetch_related("renditions").in_bulk(ids)
        return {pk: picture(image, sizes=BODY_IMAGE_SIZES, **{"class": "prose__image"}) for pk, image in images.items()}
