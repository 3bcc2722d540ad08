"""Reading dashboards from a replica (issue 17, "beyond one machine"): a view decorated with
`reads_from_replica` runs its reads on the `replica` database when one is configured
(`DATABASE_REPLICA_URL`); writes, and every page not marked, stay on the primary. A replica lags
the primary by a moment, which suits figures refreshed daily, not a page right after a write."""

from __future__ import annotations

import contextvars
from functools import wraps

from django.conf import settings

_use_replica: contextvars.ContextVar[bool] = contextvars.ContextVar("use_replica", default=False)
REPLICA = "replica"


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    """Reads of a marked request go to the replica; everything else to the primary."""

    def db_for_read(self, model, **hints):
        if _use_replica.get() and replica_configured():
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same data as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


def reads_from_replica(view):
    """Mark a read-only view: its queries read from the replica when there is one."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        token = _use_replica.set(request.method in ("GET", "HEAD"))
        try:
            return view(request, *args, **kwargs)
        finally:
            _use_replica.reset(token)

    return wrapper


def reading_replica() -> bool:
    """Whether reads are routed to the replica now (for tests and diagnostics)."""
    return _use_replica.get() and replica_configured()
