"""Reads of the budget, and its one scoping mechanism (SECURITY.md).

Who sees what:
- the budget of a government: its admins BKPSDM (they keep it: lines, pagu revisions, the
  year's total spending, publishing, reviews of overrides), its pimpinan (read), and the
  operators of an OPD for the lines of that OPD (read, and post realisasi to them);
- the public: the figures of published years only, aggregates without names
  (`figures.public_years`).
Budgets hold no personal data; a realisation's document may, so documents are for those who
may post to the line. Every view fetches through these functions: 404 outside reach, 403 for
a write by a reader.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from binakinerja.budgets.models import BudgetLine, Realisation
from binakinerja.core.scoping import reach_of
from binakinerja.organizations.models import OrgUnit

NOTHING = Q(pk__in=[])


def _government_path(path: str) -> str:
    return path.split(".")[0]


def may_keep(user, instansi: OrgUnit) -> bool:
    """Admins BKPSDM of the government (or of every government) keep its budget."""
    reach = reach_of(user)
    return reach.manages_everything or any(
        _government_path(p) == instansi.path for p in reach.admin_paths
    )


def governments_read_by(user) -> QuerySet[OrgUnit]:
    """The governments whose budget `user` reads (wholly or for one OPD)."""
    if not getattr(user, "is_authenticated", False):
        return OrgUnit.objects.none()
    reach = reach_of(user)
    roots = OrgUnit.objects.filter(parent__isnull=True)
    if reach.manages_everything:
        return roots
    paths = {_government_path(p) for p in reach.dashboard_paths}
    return roots.filter(path__in=paths)


def reads_whole_budget(user, instansi: OrgUnit) -> bool:
    """Admins and pimpinan of the government read every line; OPD operators and pimpinan of
    an OPD read their OPD's lines."""
    reach = reach_of(user)
    if reach.manages_everything:
        return True
    return instansi.path in reach.admin_paths + reach.pimpinan_paths


def _lines_q(user) -> Q:
    reach = reach_of(user)
    if reach.manages_everything:
        return Q()
    q = NOTHING
    governments = [path for path in reach.admin_paths + reach.pimpinan_paths if "." not in path]
    if governments:  # by id: the planner estimates `instansi_id IN (…)` far better than a join
        ids = list(OrgUnit.objects.filter(path__in=governments).values_list("pk", flat=True))
        q |= Q(instansi_id__in=ids)
    for path in reach.admin_paths + reach.pimpinan_paths:
        if "." in path:  # an OPD (or a unit inside it): that OPD's lines
            q |= Q(opd__path=path) | Q(opd__path__startswith=path + ".")
    for path in reach.operator_paths:
        q |= Q(opd__path=path) | Q(opd__path__startswith=path + ".")
    return q


def lines_visible_to(user) -> QuerySet[BudgetLine]:
    if not getattr(user, "is_authenticated", False):
        return BudgetLine.objects.none()
    return BudgetLine.objects.filter(_lines_q(user))


def may_post(user, line: BudgetLine) -> bool:
    """The government's admins and the operators of the line's OPD post realisasi."""
    if may_keep(user, line.instansi):
        return True
    reach = reach_of(user)
    return any(line.opd.path == p or line.opd.path.startswith(p + ".")
               for p in reach.operator_paths)  # fmt: skip


def line_get_for_user(user, pk, *, write: bool = False, post: bool = False) -> BudgetLine:
    """The line for its readers (404 otherwise); `post`: for those who post realisasi to it,
    `write`: for the keepers of the budget (403 for other readers)."""
    line = (
        lines_visible_to(user).select_related("instansi", "opd", "phase__program", "batch",
                                              "cycle", "event").filter(pk=pk).first()
    )  # fmt: skip
    if line is None:
        raise Http404
    if write and not may_keep(user, line.instansi):
        raise PermissionDenied
    if post and not may_post(user, line):
        raise PermissionDenied
    return line


def entry_get_for_user(user, pk, *, post: bool = False) -> Realisation:
    entry = Realisation.objects.select_related("line").filter(pk=pk).first()
    if entry is None:
        raise Http404
    line = line_get_for_user(user, entry.line_id, post=post)
    entry.line = line
    return entry


def government_get_for_user(user, pk) -> OrgUnit:
    government = governments_read_by(user).filter(pk=pk).first()
    if government is None:
        raise Http404
    return government
