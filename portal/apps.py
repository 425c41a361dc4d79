from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class TaskQueueConfig(TasksAppConfig):
    """django-tasks-db's queue (its tasks' results in the admin, read-only) under a Chinese name."""

    verbose_name = _("后台任务")
