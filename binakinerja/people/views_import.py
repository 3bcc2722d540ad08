"""Import of SIASN-style ASN lists (web side)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from binakinerja.core.scoping import reach_of


@login_required
def import_upload(request):
    if not reach_of(request.user).can_manage_registry:
        raise PermissionDenied
    raise NotImplementedError  # built in the import work
