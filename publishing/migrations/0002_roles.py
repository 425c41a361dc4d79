from django.contrib.auth.management import create_permissions
from django.db import migrations

from publishing.roles import sync_roles


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_roles(apps, schema_editor):
    from publishing.roles import EDITOR, REVIEWER, SITE_ADMINISTRATOR

    apps.get_model("auth", "Group").objects.filter(name__in=[EDITOR, REVIEWER, SITE_ADMINISTRATOR]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0001_audit_entry"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("news", "0002_editorial_workflow"),
        ("projects", "0002_editorial_workflow"),
        ("enterprises", "0002_editorial_workflow"),
        ("achievements", "0002_editorial_workflow"),
        ("regions", "0001_initial"),
        ("topics", "0001_initial"),
        ("images", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
