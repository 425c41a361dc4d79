from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


def chosen_language(request) -> str:
    """The interface language the visitor picked with the switcher; zh-hans until they pick one.

    The browser's Accept-Language is ignored on purpose: the portal's content is Chinese, and an English
    browser in a Chinese city is no sign that its owner wants an English interface.
    """
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    try:
        return translation.get_supported_language_variant(chosen) if chosen else settings.LANGUAGE_CODE
    except LookupError:
        return settings.LANGUAGE_CODE


class LanguageChoiceMiddleware:
    """Activates the chosen interface language (see ``chosen_language``); replaces Django's LocaleMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        # Any cache between us and the reader must keep the two languages' pages apart.
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response
