"""Background tasks of the monitoring (django-tasks; `manage.py db_worker`, or Redis workers by
setting, runs them)."""

from django_tasks import task


@task()
def refresh_government_task(instansi_id: int, year: int) -> int:
    """Refresh one government-year's rollups (after an import or a closed period)."""
    from binakinerja.monitoring.rollups import refresh
    from binakinerja.organizations.models import OrgUnit

    root = OrgUnit.objects.filter(pk=instansi_id, parent__isnull=True).first()
    return refresh(root, year) if root is not None else 0
