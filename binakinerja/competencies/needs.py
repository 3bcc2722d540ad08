"""Training needs analysis (analisis kebutuhan pelatihan) of one ASN: the competency gaps of
their position, the open follow-ups of their SKP assessments of the year and the yearly JP
shortfall, ranked by `rules.rank_needs`. Scoped like the gaps page (themself, their atasan,
managers in scope) and a constant number of queries.

JP done is 0 for now: training records come with the training module.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binakinerja.competencies import rules
from binakinerja.competencies.selectors import employee_gap_rows
from binakinerja.people.models import Employee
from binakinerja.performance.selectors import follow_up_list_open


class SuggestedForm:
    KLASIKAL = "klasikal"
    COACHING_MENTORING = "coaching_mentoring"


SUGGESTED_FORM_LABELS = {
    SuggestedForm.KLASIKAL: gettext_lazy("Classroom training (klasikal)"),
    SuggestedForm.COACHING_MENTORING: gettext_lazy("Coaching / mentoring (non-klasikal)"),
}

SOURCE_LABELS = {
    rules.NeedSource.GAP: gettext_lazy("Competency gap"),
    rules.NeedSource.FOLLOW_UP: gettext_lazy("SKP follow-up"),
    rules.NeedSource.JP_SHORTFALL: gettext_lazy("Yearly JP"),
}


def suggested_form(source: str, gap: int | None) -> str | None:
    """The development form DOMAIN.md §8 suggests for a need: a competency gap of 2 levels or
    more → klasikal, of 1 level → coaching/mentoring; None for other needs (or no gap)."""
    if source != rules.NeedSource.GAP or gap is None or gap < 1:
        return None
    return SuggestedForm.KLASIKAL if gap >= 2 else SuggestedForm.COACHING_MENTORING


@dataclass(frozen=True)
class NeedRow:
    rank: int
    source: str
    subject: str
    reason: str
    weight: int
    gap: int | None = None
    form: str | None = None
    competency_code: str | None = None  # for competency gaps

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS.get(self.source, self.source)

    @property
    def form_label(self) -> str:
        return SUGGESTED_FORM_LABELS.get(self.form, "") if self.form else ""


def employee_needs(user, employee: Employee, *, year: int, jp_done: float = 0) -> list[NeedRow]:
    """The ranked development needs of `employee` in `year`. Http404 when `user` may not read
    the employee. Five queries, however many needs there are."""
    report = employee_gap_rows(user, employee)  # raises Http404 outside the user's reach
    gap_rows = {row.competency.code: row for row in report.rows}
    follow_ups = {
        str(f.pk): f
        for f in follow_up_list_open(
            employee_ids=[employee.pk], year=year, predikats=rules.FOLLOW_UP_WEIGHT
        ).order_by("pk")
    }
    ranked = rules.rank_needs(
        gaps_by_competency={code: row.gap for code, row in gap_rows.items()},
        follow_ups={pk: f.assessment.predikat for pk, f in follow_ups.items()},
        jp_done=jp_done,
    )
    result = []
    for rank, need in enumerate(ranked, start=1):
        if need.source == rules.NeedSource.GAP:
            row = gap_rows[need.subject]
            gap = row.gap
            subject = f"{row.competency.code} · {row.competency.name}"
            reason = _(
                "Required level %(required)d, current level %(actual)s: a gap of %(gap)d."
            ) % {
                "required": row.required,
                "actual": row.actual if row.actual is not None else _("not assessed"),
                "gap": gap,
            }
        elif need.source == rules.NeedSource.FOLLOW_UP:
            follow_up = follow_ups[need.subject]
            gap = None
            subject = f"{follow_up.get_kind_display()}: {follow_up.description}"
            reason = _("Open follow-up of the SKP %(period)s with the predikat %(predikat)s.") % {
                "period": follow_up.assessment.period.get_kind_display(),
                "predikat": follow_up.assessment.get_predikat_display(),
            }
        else:
            gap = None
            subject = _("Yearly development hours")
            reason = _("%(missing)s JP short of the %(yearly)d JP a year.") % {
                "missing": f"{rules.YEARLY_JP - jp_done:g}",
                "yearly": rules.YEARLY_JP,
            }
        result.append(
            NeedRow(
                rank=rank,
                source=need.source,
                subject=subject,
                reason=reason,
                weight=need.weight,
                gap=gap,
                form=suggested_form(need.source, gap),
                competency_code=need.subject if need.source == rules.NeedSource.GAP else None,
            )
        )
    return result
