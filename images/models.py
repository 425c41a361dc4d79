from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Image(models.Model):
    """One picture in the library, described for readers who cannot see it."""

    title = models.CharField(_("标题"), max_length=200)
    file = models.ImageField(
        _("图片文件"),
        upload_to="images/%Y/%m/",
        width_field="width",
        height_field="height",
        help_text=_("JPEG、PNG 或 WebP；横图宽度建议 1200–3000 像素。"),
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
