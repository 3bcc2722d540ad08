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


# --- IDP (individual development plan) ---
from binakinerja.competencies.models import DevelopmentActivity, IndividualDevelopmentPlan  # noqa: E402


class DevelopmentActivityInline(admin.TabularInline):
    model = DevelopmentActivity
    extra = 0
    can_delete = False
    fields = ["title", "need_source", "form", "planned_jp", "target_month", "status"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(IndividualDevelopmentPlan)
class IndividualDevelopmentPlanAdmin(ReadOnlyAdmin):
    """Read-only: plans change only through the services of competencies/idp.py."""

    list_display = ["employee", "year", "status", "submitted_at", "decided_at"]
    list_filter = ["status", "year"]
    inlines = [DevelopmentActivityInline]


# --- end IDP ---
