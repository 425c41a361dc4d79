"""Staff sessions: a session that still lacks its second factor has no rights, and an idle one ends.

Placed after django-otp's OTPMiddleware. Requests without a session cookie (every public visitor) pass straight
through: the session is not even read, so public pages stay cacheable (no ``Vary: Cookie``)."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import twofactor

LAST_SEEN = "staff_last_seen"
SEEN_EVERY = 60  # seconds: the session is written at most once a minute to note the activity


def not_activity(view):
    """Marks a view that pages call by themselves (a progress poll): it neither counts as the staff member being
    active nor writes the session, so a page left open does not keep a session alive, and a poll never waits for
    the database's write lock."""
    view.staff_activity = False
    return view


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            if request.user.is_staff and self._idle_too_long(request):
                logout(request)  # the admin then asks for a sign-in, and comes back here after it
            else:
                request.staff_session = request.user.is_staff  # activity is noted once the view is known
                if not request.user.is_verified() and twofactor.required(request.user):  # the cheap test first
                    if response := self._second_factor_first(request):
                        return response
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "staff_activity", True) or not getattr(request, "staff_session", False):
            return None
        now = int(time.time())
        last = request.session.get(LAST_SEEN)
        if last is None or now - last >= SEEN_EVERY:
            request.session[LAST_SEEN] = now
        return None

    @staticmethod
    def _idle_too_long(request) -> bool:
        last = request.session.get(LAST_SEEN)
        return last is not None and int(time.time()) - last > settings.STAFF_IDLE_SECONDS

    @staticmethod
    def _second_factor_first(request):
        """Signed in with the password only: the two-factor pages and signing out work; the rest of the admin
        sends the person to the second step; everywhere else (the API with the session, previews) they count as
        not signed in."""
        if request.path == reverse("admin:logout"):
            return None
        request.password_user, request.user = request.user, AnonymousUser()
        two_factor = reverse("two_factor:verify")
        if request.path.startswith(two_factor):
            return None
        if request.path.startswith(reverse("admin:index")) and request.method in ("GET", "HEAD"):
            target = two_factor if twofactor.has_device(request.password_user) else reverse("two_factor:setup")
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return None
