"""The three editorial roles as groups, with their permissions.

The roles are copied here as publishing/roles.py had them when this migration was written, so that a later change
of the live code cannot change what this migration makes: a change of a role's permissions comes with a migration
of its own that applies it (nothing syncs the groups after migrate; tests call publishing.roles.sync_roles).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "编辑"
REVIEWER = "审核"
SITE_ADMINISTRATOR = "站点管理员"
CONTENT_MODELS = [
    "news.article",
    "projects.project",
    "enterprises.enterprise",
    "enterprises.institution",
    "achievements.achievement",
]
INLINE_MODELS = ["news.articlesection", "achievements.keyfigure", "projects.milestone", "enterprises.person"]
TAXONOMY_MODELS = ["regions.region", "topics.topic", "enterprises.sector", "enterprises.honour"]
SITE_ADMIN_APPS = [
    "news",
    "projects",
    "enterprises",
    "achievements",
    "regions",
    "topics",
    "images",
    "publishing",
    "reversion",
    "auth",
]


def _perms(models: list[str], actions: list[str]) -> list[tuple[str, str]]:
    return [(label.split(".")[0], f"{action}_{label.split('.')[1]}") for label in models for action in actions]


EDITOR_PERMISSIONS = [
    *_perms(CONTENT_MODELS, ["view", "add", "change"]),
    *_perms(INLINE_MODELS, ["view", "add", "change", "delete"]),
    *_perms(TAXONOMY_MODELS, ["view"]),
    *_perms(["images.image"], ["view", "add", "change"]),
    ("publishing", "submit_content"),
    ("publishing", "view_auditentry"),
]
REVIEWER_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    *_perms(CONTENT_MODELS, ["delete"]),
    *_perms(TAXONOMY_MODELS, ["add", "change"]),
    ("publishing", "review_content"),
]


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = {
        EDITOR: Permission.objects.none(),
        REVIEWER: Permission.objects.none(),
        SITE_ADMINISTRATOR: Permission.objects.filter(content_type__app_label__in=SITE_ADMIN_APPS),
    }
    for name, pairs in [(EDITOR, EDITOR_PERMISSIONS), (REVIEWER, REVIEWER_PERMISSIONS)]:
        for app_label, codename in pairs:
            wanted[name] = wanted[name] | Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            )
    for name, permissions in wanted.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions.distinct())


def remove_roles(apps, schema_editor):
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
