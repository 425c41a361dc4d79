from django.db import models
from django.utils.translation import gettext_lazy as _

from publishing.validators import web_address


class SiteSettings(models.Model):
    """The site's identity as a government site shows it in every footer; there is only ever one row."""

    SINGLETON_PK = 1

    site_name = models.CharField(_("网站名称"), max_length=50, default="科创门户")
    organizer = models.CharField(
        _("主办单位"), max_length=100, blank=True, help_text=_("运营本网站的单位，例如“咸宁市科学技术局”。")
    )
    address = models.CharField(_("联系地址"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    site_code = models.CharField(
        _("网站标识码"), max_length=20, blank=True, help_text=_("政府网站标识码，由上级主管部门分配。")
    )
    icp_number = models.CharField(_("ICP 备案号"), max_length=50, blank=True, help_text=_("例如：鄂ICP备12345678号"))
    icp_url = models.URLField(
        _("ICP 备案查询链接"), blank=True, default="https://beian.miit.gov.cn/", validators=[web_address]
    )
    police_number = models.CharField(
        _("公安备案号"), max_length=50, blank=True, help_text=_("例如：鄂公网安备 42120000000000号")
    )
    police_url = models.URLField(
        _("公安备案查询链接"),
        blank=True,
        validators=[web_address],
        help_text=_("全国互联网安全管理服务平台上本网站的备案信息页。"),
    )

    class Meta:
        verbose_name = _("网站信息")
        verbose_name_plural = _("网站信息")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="site_settings_single_row")]

    def __str__(self):
        return self.site_name

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_PK
        super().save(*args, **kwargs)
