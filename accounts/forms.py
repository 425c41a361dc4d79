from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from knox.models import AuthToken


class NewTokenForm(forms.ModelForm):
    """A new API token: whose, and for how many days (a token ends; a new one is made when it does)."""

    days = forms.IntegerField(
        label=_("有效天数"),
        min_value=1,
        max_value=730,
        initial=365,
        help_text=_("到期后令牌自动失效；需要时再新建一个。"),
    )

    class Meta:
        model = AuthToken
        fields = ["user"]
        labels = {"user": _("用户")}
        help_texts = {"user": _("令牌拥有此人的权限；只能发给工作人员。")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        staff = get_user_model().objects.filter(is_active=True, is_staff=True)
        self.fields["user"].queryset = staff.order_by("username")
