"""Accounts and role assignments."""

import functools
import operator

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A login. Employees get one only when they first need to sign in, so 32,000 ASN need not
    mean 32,000 accounts; the link to the ASN record is `Employee.user`."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Role(models.TextChoices):
    """Roles given by assignment. Two more follow from the registry itself: every user linked to
    an employee acts as **ASN** for their own record, and as **Atasan** for everyone they
    supervise directly or indirectly."""

    ADMIN_BKPSDM = "admin_bkpsdm", _("BKPSDM administrator")
    OPERATOR_OPD = "operator_opd", _("Agency (OPD) operator")
    PIMPINAN = "pimpinan", _("Leader (pimpinan)")
    MENTOR = "mentor", _("Mentor")
    PENYELENGGARA = "penyelenggara", _("Training provider staff")


# The levels of scope unit each role may hold; "" means no scope unit. An admin BKPSDM without
# scope is the provincial super-admin over every government (core.scoping.reach_of); a leader
# (pimpinan) leads a government or one OPD (a kepala dinas); an operator works for one OPD.
NO_SCOPE = ""
ROLE_SCOPE_KINDS = {
    Role.ADMIN_BKPSDM: ("instansi", NO_SCOPE),
    Role.OPERATOR_OPD: ("opd",),
    Role.PIMPINAN: ("instansi", "opd"),
    Role.MENTOR: (NO_SCOPE,),
    Role.PENYELENGGARA: (NO_SCOPE,),
}
SCOPE_KINDS = [("instansi", "instansi"), ("opd", "opd"), ("unit", "unit")]


def _scope_fits_role_q() -> Q:
    """Each role with one of its allowed levels of scope (for the CHECK constraint)."""
    parts = [Q(role=role, scope_kind__in=kinds) for role, kinds in ROLE_SCOPE_KINDS.items()]
    return functools.reduce(operator.or_, parts)


class RoleAssignment(models.Model):
    """A role held by a user over a scope unit (its whole subtree). A user may hold several."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    scope = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("scope"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
        help_text=_("The unit whose subtree the role covers."),
    )
    # A copy of `scope.kind`, because a CHECK constraint cannot look through a foreign key. It is
    # filled on every save (below) and never drifts: a unit's level never changes after creation
    # (organizations.services.orgunit_move refuses moves that would change it).
    scope_kind = models.CharField(
        _("scope level"), max_length=10, choices=SCOPE_KINDS, blank=True, editable=False
    )
    institution = models.CharField(
        _("training institution"),
        max_length=200,
        blank=True,
        help_text=_("For training provider staff: the institution they work for."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "scope"],
                name="roleassignment_unique",
                violation_error_message=_("This user already holds this role for this scope."),
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(scope__isnull=True),
                name="roleassignment_unique_unscoped",
                violation_error_message=_("This user already holds this role."),
            ),
            models.CheckConstraint(
                condition=Q(scope__isnull=True, scope_kind=NO_SCOPE)
                | (Q(scope__isnull=False) & ~Q(scope_kind=NO_SCOPE)),
                name="roleassignment_scope_kind_copied",
                violation_error_message=_("The scope level must be that of the scope unit."),
            ),
            models.CheckConstraint(
                condition=_scope_fits_role_q(),
                name="roleassignment_scope_fits_role",
                violation_error_message=_(
                    "This role needs a scope of another level: a government for administrators, "
                    "a government or an OPD for leaders, an OPD for operators, none for mentors "
                    "and training provider staff."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.scope or '-'}"

    def save(self, *args, **kwargs):
        # Every ORM write (services, fixtures, the demo seed) keeps the copy true; the CHECK
        # constraints then hold the role to its level of scope on both databases.
        self.copy_scope_kind()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "scope" in update_fields:
            kwargs["update_fields"] = {*update_fields, "scope_kind"}
        super().save(*args, **kwargs)

    def copy_scope_kind(self) -> None:
        """Set `scope_kind` from the scope unit (before `full_clean`, which checks it)."""
        self.scope_kind = self.scope.kind if self.scope_id is not None else NO_SCOPE
