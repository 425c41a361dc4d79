import posixpath
import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def image_upload_to(instance, filename: str) -> str:
    """A random name: the uploader's file name (often a person's or a place's) never reaches a URL."""
    extension = posixpath.splitext(filename)[1].lower()
    return f"images/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


def rendition_upload_to(instance, filename: str) -> str:
    extension = posixpath.splitext(filename)[1].lower()
    return f"renditions/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


def _fraction_validators():
    return [MinValueValidator(0.0), MaxValueValidator(1.0)]


class Image(models.Model):
    """One picture in the library, described for readers who cannot see it."""

    title = models.CharField(_("标题"), max_length=200)
    file = models.ImageField(
        _("图片文件"),
        upload_to=image_upload_to,
        width_field="width",
        height_field="height",
        help_text=_(
            "JPEG、PNG、WebP、GIF 或 AVIF，最大 20 MB；横图宽度建议 1200–3000 像素。"
            "上传时会自动转正方向，并去掉拍摄地点等隐私信息。"
        ),
    )
    width = models.PositiveIntegerField(_("宽度"), null=True, editable=False)
    height = models.PositiveIntegerField(_("高度"), null=True, editable=False)
    alt_text = models.CharField(
        _("替代文字"),
        max_length=250,
        blank=True,
        help_text=_("用一句话说明图片内容，供视障读者的读屏软件朗读。"),
    )
    is_decorative = models.BooleanField(_("纯装饰图片"), default=False, help_text=_("纯装饰图片可不填替代文字。"))
    caption = models.CharField(_("图片说明"), max_length=300, blank=True)
    credit = models.CharField(_("来源 / 摄影"), max_length=200, blank=True)
    focal_x = models.FloatField(
        _("焦点横向位置"),
        default=0.5,
        validators=_fraction_validators(),
        help_text=_("裁成卡片图时保留的中心：0 为最左，1 为最右，0.5 为正中。"),
    )
    focal_y = models.FloatField(
        _("焦点纵向位置"),
        default=0.5,
        validators=_fraction_validators(),
        help_text=_("0 为最上，1 为最下，0.5 为正中。"),
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("图片")
        verbose_name_plural = _("图片")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def clean(self):
        if not self.is_decorative and not self.alt_text.strip():
            raise ValidationError({"alt_text": _("请填写替代文字，或勾选“纯装饰图片”。")})

    @property
    def alt(self) -> str:
        """What the ``alt`` attribute says: empty for a decorative picture, so screen readers skip it."""
        return "" if self.is_decorative else self.alt_text


class Rendition(models.Model):
    """A resized copy of an image, made once when the image is saved and served from storage."""

    class Format(models.TextChoices):
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"
        PNG = "png", "PNG"

    image = models.ForeignKey(Image, verbose_name=_("图片"), on_delete=models.CASCADE, related_name="renditions")
    crop = models.CharField(_("裁切比例"), max_length=10, blank=True, help_text=_("如 16:9；留空为原图比例。"))
    format = models.CharField(_("格式"), max_length=4, choices=Format.choices)
    file = models.FileField(_("文件"), upload_to=rendition_upload_to)
    width = models.PositiveIntegerField(_("宽度"))
    height = models.PositiveIntegerField(_("高度"))

    class Meta:
        verbose_name = _("图片尺寸版本")
        verbose_name_plural = _("图片尺寸版本")
        ordering = ["image", "crop", "format", "width"]
        constraints = [
            models.UniqueConstraint(fields=["image", "crop", "format", "width"], name="unique_rendition"),
        ]

    def __str__(self):
        crop = self.crop or _("原比例")
        return f"{self.image} · {crop} · {self.width}×{self.height} {self.get_format_display()}"

    @property
    def mime_type(self) -> str:
        return f"image/{self.format}"
