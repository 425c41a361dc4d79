"""The search index's work for the task worker (`manage.py db_worker`): refreshing the entries of saved items."""

from django.apps import apps
from django_tasks import task

from .services import search_entries_refresh


@task()
def refresh_entries(model: str, pks: list[int]) -> int:
    """Brings the entries of items ``pks`` of ``model`` ("app_label.ModelName") in line with the database; safe to
    run again (it writes what the items are now). Returns how many items it looked at."""
    search_entries_refresh(model=apps.get_model(model), pks=pks)
    return len(pks)
