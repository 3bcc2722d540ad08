from django.contrib import admin

from binakinerja.core.admin import ReadOnlyAdmin
from binakinerja.satisfaction.models import (
    ImprovementAction,
    Service,
    ServiceUnit,
    SurveyPeriod,
    SurveyResponse,
)


@admin.register(ServiceUnit)
class ServiceUnitAdmin(ReadOnlyAdmin):
    list_display = ["unit", "public_code", "annual_users", "is_active"]
    search_fields = ["unit__name", "public_code"]


@admin.register(Service)
class ServiceAdmin(ReadOnlyAdmin):
    list_display = ["name", "service_unit", "target_minutes", "is_active"]
    search_fields = ["name", "service_unit__unit__name"]


@admin.register(SurveyPeriod)
class SurveyPeriodAdmin(ReadOnlyAdmin):
    list_display = ["service_unit", "year", "kind", "number", "status", "published_at"]
    list_filter = ["status", "kind", "year"]


@admin.register(SurveyResponse)
class SurveyResponseAdmin(ReadOnlyAdmin):
    list_display = ["pk", "period", "source", "status", "submitted_at"]
    list_filter = ["status", "source"]


@admin.register(ImprovementAction)
class ImprovementActionAdmin(ReadOnlyAdmin):
    list_display = ["period", "element", "status", "due_on"]
    list_filter = ["status"]
