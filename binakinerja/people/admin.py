from django.contrib import admin

from binakinerja.core.admin import ReadOnlyAdmin
from binakinerja.people.models import CareerHistory, Employee, ImportJob, Position


@admin.register(Position)
class PositionAdmin(ReadOnlyAdmin):
    """Positions are added on the unit page or by the import, both audited."""

    list_display = ["name", "kind", "level", "unit"]
    list_filter = ["kind", "level"]
    search_fields = ["name"]
    autocomplete_fields = ["unit"]


@admin.register(Employee)
class EmployeeAdmin(ReadOnlyAdmin):
    """Read-only view for administrators; changes go through the registry pages so that they
    are validated, versioned and audited by `people.services`."""

    list_display = ["nip", "name", "status", "golongan", "unit", "state"]
    list_filter = ["status", "state", "golongan"]
    search_fields = ["nip", "name"]
    list_select_related = ["unit"]
    show_full_result_count = False


@admin.register(CareerHistory)
class CareerHistoryAdmin(ReadOnlyAdmin):
    list_display = ["employee", "kind", "old_value", "new_value", "effective_date"]
    list_filter = ["kind"]
    raw_id_fields = ["employee"]


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdmin):
    """Read-only record of imports; the job itself runs through the import page or command."""

    list_display = ["created_at", "owner", "original_name", "status", "rows_total", "error_count"]
    list_filter = ["status"]
    exclude = ["errors"]
