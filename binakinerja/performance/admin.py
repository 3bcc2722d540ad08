from django.contrib import admin

from binakinerja.core.admin import ReadOnlyAdmin
from binakinerja.performance.models import Period, Skp


@admin.register(Period)
class PeriodAdmin(ReadOnlyAdmin):
    list_display = ["instansi", "year", "kind", "status"]
    list_filter = ["year", "kind", "status"]


@admin.register(Skp)
class SkpAdmin(ReadOnlyAdmin):
    list_display = ["employee", "year", "status", "atasan"]
    list_filter = ["year", "status"]
    raw_id_fields = ["employee", "atasan"]
