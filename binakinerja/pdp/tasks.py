"""Background tasks of the PDP duties (django-tasks)."""

from django_tasks import task


@task()
def retention_task() -> dict:
    """The daily retention run (`manage.py pdp_retention` does the same from cron)."""
    from binakinerja.pdp.retention import retention_run

    return retention_run()
