"""Reads of performance data, scoped through the one mechanism in core.scoping."""

from binakinerja.core.scoping import reach_of
from binakinerja.organizations.models import OrgUnit
from binakinerja.performance.models import Period


def instansi_managed_by(user):
    """Governments whose performance periods the user runs: an admin BKPSDM's own, or all for
    the provincial super-admin."""
    reach = reach_of(user)
    if reach.manages_everything:
        return OrgUnit.objects.filter(kind=OrgUnit.Kind.INSTANSI)
    return OrgUnit.objects.filter(kind=OrgUnit.Kind.INSTANSI, path__in=reach.admin_paths)


def period_list_managed_by(user):
    return Period.objects.filter(instansi__in=instansi_managed_by(user)).select_related("instansi")
