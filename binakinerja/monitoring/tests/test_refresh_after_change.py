"""An import that lands or a closed period queues the refresh of its government's rollups
(`core.signals.figures_changed` → `monitoring.signals` → `refresh_government_task`); a refused
import queues nothing; the task brings the rollups up to date."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from binakinerja.budgets import importing
from binakinerja.core.testing import xlsx_upload
from binakinerja.monitoring.models import Rollup
from binakinerja.monitoring.tasks import refresh_government_task
from binakinerja.monitoring.testing import build_monitoring_world
from binakinerja.performance.services import period_close, period_open_year

pytestmark = pytest.mark.django_db
TASK = "binakinerja.monitoring.tasks.refresh_government_task"
LINE = ["Dinas Kesehatan", "5.04.02.1.01", "5.04.02.1.01.0002", "5.1.02.02.12",
        "Pelatihan PPGD", "25.000.000", "DPA Dinkes"]  # fmt: skip


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


@pytest.fixture
def w(world):
    return build_monitoring_world(world)


def queued() -> list[tuple]:
    results = DBTaskResult.objects.filter(task_path=TASK)
    return sorted(tuple(r.args_kwargs["args"]) for r in results)


def test_an_import_that_lands_queues_its_governments_refresh(client, w, on_commit):
    client.force_login(w.admin)
    url = reverse("budgets:lines_import", args=[w.prov.pk, w.year])
    with on_commit(execute=True):
        bad = xlsx_upload(importing.LINE_COLUMNS, [[*LINE[:5], "nol", LINE[6]]])
        refused = client.post(url, {"file": bad})
    assert refused.status_code == 200 and queued() == []
    with on_commit(execute=True):
        landed = client.post(url, {"file": xlsx_upload(importing.LINE_COLUMNS, [LINE])})
    assert landed.status_code == 302
    assert queued() == [(w.prov.pk, w.year - 1), (w.prov.pk, w.year)]


def test_closing_a_period_queues_its_year_and_the_task_refreshes(w, on_commit):
    period = period_open_year(actor=w.admin, instansi=w.prov, year=w.year)[0]
    with on_commit(execute=True):
        period_close(actor=w.admin, period=period)
    assert queued() == [(w.prov.pk, period.year)]
    Rollup.objects.filter(instansi=w.prov, year=period.year).delete()
    written = refresh_government_task.call(w.prov.pk, period.year)
    assert written == Rollup.objects.filter(instansi=w.prov, year=period.year).count() > 0
    assert refresh_government_task.call(w.dinkes.pk, period.year) == 0  # not a government
