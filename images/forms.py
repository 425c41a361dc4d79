from django import forms
from django.core.files.uploadedfile import UploadedFile

from . import processing
from .models import Image


class ImageUploadField(forms.FileField):
    """A file field that runs the Pillow pipeline: the cleaned data is the re-encoded, metadata-free copy.

    It replaces ``forms.ImageField``, whose one generic message does not tell staff what was wrong.
    """

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None or not isinstance(upload, UploadedFile):
            return upload
        return processing.clean_upload(upload).content

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs.setdefault("accept", "image/jpeg,image/png,image/webp,image/gif,image/avif")
        return attrs


class ImageAdminForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["file", "title", "alt_text", "is_decorative", "caption", "credit", "focal_x", "focal_y"]
        field_classes = {"file": ImageUploadField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Most pictures need no focal point: left empty, it stays in the centre.
        for name in ("focal_x", "focal_y"):
            self.fields[name].required = False

    def clean_focal_x(self):
        return self._focal("focal_x")

    def clean_focal_y(self):
        return self._focal("focal_y")

    def _focal(self, name: str) -> float:
        value = self.cleaned_data.get(name)
        return Image._meta.get_field(name).default if value is None else value
