from django.contrib import admin

from binakinerja.competencies.models import (
    Competency,
    CompetencyAssessment,
    CompetencyLevel,
    PositionStandard,
    PotentialAssessment,
)
from binakinerja.core.admin import ReadOnlyAdmin


class CompetencyLevelInline(admin.TabularInline):
    model = CompetencyLevel
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Competency)
class CompetencyAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "group", "is_active"]
    list_filter = ["group"]
    search_fields = ["code", "name"]
    inlines = [CompetencyLevelInline]


@admin.register(PositionStandard)
class PositionStandardAdmin(ReadOnlyAdmin):
    list_display = ["position", "competency", "level"]


@admin.register(CompetencyAssessment)
class CompetencyAssessmentAdmin(ReadOnlyAdmin):
    list_display = ["employee", "competency", "level", "assessed_on", "method"]
    list_filter = ["method"]


@admin.register(PotentialAssessment)
class PotentialAssessmentAdmin(ReadOnlyAdmin):
    list_display = ["employee", "potential", "score", "assessed_on"]
