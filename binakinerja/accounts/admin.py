from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from binakinerja.accounts.models import RoleAssignment, User


class ReadOnlyRolesMixin:
    """Roles are given and removed only on the role page (accounts.views.role_list), through
    `services.role_assign` / `role_revoke`, which check the actor's reach and write the audit
    trail. The Django admin shows them and changes nothing (SECURITY.md: no back door)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RoleAssignmentInline(ReadOnlyRolesMixin, admin.TabularInline):
    model = RoleAssignment
    extra = 0
    fields = ["role", "scope", "institution", "created_at"]
    readonly_fields = fields


@admin.register(User)
class BinaKinerjaUserAdmin(UserAdmin):
    inlines = [RoleAssignmentInline]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ReadOnlyRolesMixin, admin.ModelAdmin):
    list_display = ["user", "role", "scope", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "scope__name"]
    list_select_related = ["user", "scope"]


# Authenticator apps and recovery codes are set up by their owner and reset by an admin only
# through accounts/two_factor.py (audited, the user told); django-otp's admin pages, which show
# and change the keys, are taken away (django_otp comes before accounts in INSTALLED_APPS).
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
