"""The three editorial roles, as Django groups: who may write, who may review and publish, who may do everything."""

from django.apps import apps as installed_apps
from django.utils.translation import gettext_lazy as _

EDITOR = "编辑"
REVIEWER = "审核"
SITE_ADMINISTRATOR = "站点管理员"

ROLE_DESCRIPTIONS = {
    EDITOR: _("新建和修改草稿，提交审核"),
    REVIEWER: _("审核通过或退回（附意见），发布，下线"),
    SITE_ADMINISTRATOR: _("全部权限，包括填写理由后强制发布"),
}

# Content with a publishing state, and the parts edited inline with it.
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
    "home",
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


def role_permissions(Permission, using: str = "default") -> dict:
    """Each role's permissions (a queryset each): the site administrator gets every permission of the portal's apps
    and of user management."""
    wanted = {
        EDITOR: Permission.objects.none(),
        REVIEWER: Permission.objects.none(),
        SITE_ADMINISTRATOR: Permission.objects.using(using).filter(content_type__app_label__in=SITE_ADMIN_APPS),
    }
    for name, pairs in [(EDITOR, EDITOR_PERMISSIONS), (REVIEWER, REVIEWER_PERMISSIONS)]:
        for app_label, codename in pairs:
            wanted[name] = wanted[name] | Permission.objects.using(using).filter(
                content_type__app_label=app_label, codename=codename
            )
    return wanted


def sync_roles(Group, Permission) -> None:
    """Create the groups with exactly their roles' permissions. Migration publishing 0002 made the groups from its own
    copy of these lists; after every migrate ``roles_after_migrate`` adds what a role is missing."""
    for name, permissions in role_permissions(Permission).items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions.distinct())


def roles_after_migrate(sender, using="default", apps=installed_apps, **kwargs) -> None:
    """After every ``migrate`` (and a test database's flush): the roles get the permissions they are missing.

    A model added after migration publishing 0002 (drafts, old addresses, the site settings…) has permissions the
    roles never had: a site administrator could not see drafts. Permissions are only added, never taken away: what an
    administrator granted a group by hand stays (one a role has and an administrator took away comes back), and
    taking one away from a role needs a migration of its own.
    """
    from django.contrib.auth.management import create_permissions

    # Django creates each app's permissions after that app's post_migrate; the roles need them all now. (A flush
    # sends no ``apps``: the installed ones.)
    for app_config in installed_apps.get_app_configs():
        create_permissions(app_config, apps=apps, verbosity=0, using=using)
    Group = apps.get_model("auth", "Group")
    for name, permissions in role_permissions(apps.get_model("auth", "Permission"), using).items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.add(*permissions.distinct())  # those the group already has are left as they are
