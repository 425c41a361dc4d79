import pytest
from django.contrib.auth.models import Group, Permission, User

from publishing.roles import EDITOR, REVIEWER, SITE_ADMINISTRATOR, sync_roles


def _staff(username, role):
    if not Group.objects.filter(name=role).exists():  # a transactional test's flush removed what migrations made
        sync_roles(Group, Permission)
    user = User.objects.create_user(username=username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor(db):
    return _staff("editor", EDITOR)


@pytest.fixture
def second_editor(db):
    return _staff("editor2", EDITOR)


@pytest.fixture
def reviewer(db):
    return _staff("reviewer", REVIEWER)


@pytest.fixture
def second_reviewer(db):
    return _staff("reviewer2", REVIEWER)


@pytest.fixture
def site_admin(db):
    return _staff("siteadmin", SITE_ADMINISTRATOR)


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on 127.0.0.1 and a free port, with the portal's mail pointed at it; yields the
    list of messages it received (``email.message.EmailMessage``, with ``rcpt_tos`` from the envelope)."""
    import email
    import email.policy
    import socket

    from aiosmtpd.controller import Controller

    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
            message.rcpt_tos = list(envelope.rcpt_tos)
            received.append(message)
            return "250 Message accepted"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    try:
        yield received
    finally:
        controller.stop()
