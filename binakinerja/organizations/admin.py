from django.contrib import admin

from binakinerja.organizations.models import OrgUnit


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    """Browse and search units. Creating and moving units goes through the services (the tree
    path must stay consistent), so the admin does not add or re-parent units."""

    list_display = ["name", "kind", "unit_type", "is_service_unit", "kab_kota", "path"]
    list_filter = ["kind", "unit_type", "is_service_unit"]
    search_fields = ["name", "code"]
    readonly_fields = ["kind", "parent", "path", "depth"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        from binakinerja.organizations.services import EDITABLE_FIELDS, orgunit_update

        fields = {
            name: form.cleaned_data[name] for name in EDITABLE_FIELDS if name in form.cleaned_data
        }
        orgunit_update(actor=request.user, unit=OrgUnit.objects.get(pk=obj.pk), **fields)
