"""Validators shared by the content apps."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Characters RFC 3986 never allows in an address as typed (a browser would have encoded them): a website field
# holding `https://x.example/"><script>` is not an address, whatever Django's looser check lets through.
NOT_IN_AN_ADDRESS = re.compile(r"""[\s"'<>\\^`{|}]""")


@deconstructible
class WebAddressValidator:
    """An http(s) address as a browser would send it: Django's check, without quotes, angle brackets or spaces.

    Not a URLValidator subclass: the REST framework drops those from a serializer's validators (its URL field has
    its own, looser check)."""

    message = _("请输入有效的网址，例如 https://www.example.gov.cn/（网址中不能有空格、引号或尖括号）。")
    code = "invalid"

    def __init__(self):
        self.check = URLValidator(schemes=["http", "https"], message=self.message)

    def __call__(self, value):
        if NOT_IN_AN_ADDRESS.search(str(value)):
            raise ValidationError(self.message, code=self.code, params={"value": value})
        self.check(value)

    def __eq__(self, other):
        return isinstance(other, WebAddressValidator)


web_address = WebAddressValidator()
