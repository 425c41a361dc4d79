"""API tokens made before tokens were hashed (Django REST framework's authtoken, stored as plain text) keep
working: each becomes a hashed token (django-rest-knox) that ends in a year, and the plain text is deleted."""

import datetime

from django.db import migrations
from django.utils import timezone

OLD_TABLE = "authtoken_token"


def hash_existing_tokens(apps, schema_editor):
    from knox.crypto import hash_token
    from knox.settings import CONSTANTS

    connection = schema_editor.connection
    if OLD_TABLE not in connection.introspection.table_names():
        return  # a new installation
    AuthToken = apps.get_model("knox", "AuthToken")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, user_id FROM {OLD_TABLE}")  # nosec B608  # a constant table name, no input
        rows = cursor.fetchall()
        expiry = timezone.now() + datetime.timedelta(days=365)
        AuthToken.objects.bulk_create(
            AuthToken(digest=hash_token(key), token_key=key[: CONSTANTS.TOKEN_KEY_LENGTH], user_id=user_id, expiry=expiry)
            for key, user_id in rows
        )
        cursor.execute(f"DELETE FROM {OLD_TABLE}")  # nosec B608  # a constant table name, no input


class Migration(migrations.Migration):
    dependencies = [("knox", "0009_extend_authtoken_field")]
    operations = [migrations.RunPython(hash_existing_tokens, migrations.RunPython.noop)]
