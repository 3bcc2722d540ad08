"""Accounts and role assignments."""

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


# Roles whose scope unit must be of a given level; None means no scope unit at all.
ROLE_SCOPE_KIND = {
    Role.ADMIN_BKPSDM: "instansi",  # blank scope = provincial super-admin over all governments
    Role.OPERATOR_OPD: "opd",
    Role.PIMPINAN: "instansi",
    Role.MENTOR: None,
    Role.PENYELENGGARA: None,
}


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
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.scope or '-'}"
