"""Background tasks of the ASN registry (django-tasks; `manage.py db_worker` runs them)."""

from django_tasks import task


@task()
def import_job_run_task(job_id: int) -> None:
    """Run one uploaded ASN-list import (see `people.importing.jobs`)."""
    from binakinerja.people.importing.jobs import import_job_run

    import_job_run(job_id=job_id)
