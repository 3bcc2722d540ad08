"""Who sees which request and breach (the one door, through `core.scoping`).

A data subject sees their own requests. Requests and breaches are handled by the admins BKPSDM
of the person's (the breach's) government and by super-admins; nobody else sees them (403 for
roles that never handle them, 404 for an admin of another government)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from binakinerja.core.scoping import NOTHING, paths_q, reach_of
from binakinerja.organizations.models import OrgUnit
from binakinerja.pdp.models import Breach, SubjectRequest


def may_handle(user) -> bool:
    """Admins BKPSDM (of a government, or of all) and superusers handle PDP duties."""
    reach = reach_of(user)
    return reach.manages_everything or bool(reach.admin_paths)


def _handled_q(user, prefix: str) -> Q:
    reach = reach_of(user)
    if reach.manages_everything:
        return Q()
    return paths_q(reach.admin_paths, prefix) if reach.admin_paths else NOTHING


def requests_handled_by(user):
    """The requests of persons in the governments `user` administers."""
    return SubjectRequest.objects.filter(_handled_q(user, "employee__unit__")).select_related(
        "employee__unit"
    )


def requests_of(user):
    """The requests about the user's own ASN record."""
    reach = reach_of(user)
    if not reach.employee_id:
        return SubjectRequest.objects.none()
    return SubjectRequest.objects.filter(employee_id=reach.employee_id)


def request_get_for_user(user, pk, *, write: bool = False) -> SubjectRequest:
    """The fetcher: the requester reads their own request (403 on answering it), the
    government's admins read and answer; 404 to everyone else."""
    if may_handle(user):
        found = requests_handled_by(user).filter(pk=pk).first()
        if found is not None:
            return found
    found = requests_of(user).select_related("employee").filter(pk=pk).first()
    if found is None:
        raise Http404
    if write:
        raise PermissionDenied
    return found


def breaches_visible_to(user):
    return Breach.objects.filter(_handled_q(user, "instansi__")).select_related("instansi")


def breach_get_for_user(user, pk) -> Breach:
    if not may_handle(user):
        raise PermissionDenied
    found = breaches_visible_to(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def governments_for(user):
    """The governments whose breaches `user` records."""
    reach = reach_of(user)
    roots = OrgUnit.objects.filter(kind=OrgUnit.Kind.INSTANSI)
    if reach.manages_everything:
        return roots
    return roots.filter(paths_q(reach.admin_paths)) if reach.admin_paths else roots.none()
