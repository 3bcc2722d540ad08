"""Drafts of the written notices of a breach (UU PDP Pasal 46 (2): the data disclosed, when and
how, and the handling and recovery), always in Indonesian: they are letters to Indonesian
persons and to the authority, whatever the language of the page."""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from binakinerja.core.documents import id_date, id_number


def _facts(breach) -> dict:
    discovered = timezone.localtime(breach.discovered_at)
    return {
        "government": breach.instansi.name,
        "date": id_date(discovered),
        "time": discovered.strftime("%H:%M"),
        "categories": "; ".join(breach.category_labels()),
        "description": breach.description,
        "measures": breach.measures,
        "count": id_number(breach.affected_count),
    }


def subject_notice(breach) -> str:
    """The letter to each affected person."""
    with translation.override("id"):
        facts = _facts(breach)
        return "\n\n".join([
            _("Subject: Notice of a failure to protect personal data"),
            _("To the affected employee,"),
            _("Under Article 46 of Law 27 of 2022 on Personal Data Protection, %(government)s "
              "informs you that on %(date)s at %(time)s a failure to protect personal data "
              "was discovered in the Bina Kinerja system, and that it concerns your data.")
            % facts,
            _("Data concerned: %(categories)s.") % facts,
            _("What happened: %(description)s") % facts,
            _("What we have done and are doing: %(measures)s") % facts,
            _("You may ask the BKPSDM of %(government)s what data of yours was concerned and "
              "file a request about your data in Bina Kinerja (Privacy, My data).") % facts,
            _("Yours faithfully,\nBKPSDM of %(government)s") % facts,
        ])  # fmt: skip


def authority_notice(breach) -> str:
    """The letter to the personal data protection authority."""
    with translation.override("id"):
        facts = _facts(breach)
        return "\n\n".join([
            _("Subject: Notice of a failure to protect personal data"),
            _("To the personal data protection authority,"),
            _("Under Article 46 of Law 27 of 2022 on Personal Data Protection, %(government)s, "
              "as personal data controller of the Bina Kinerja system, reports a failure to "
              "protect personal data discovered on %(date)s at %(time)s.") % facts,
            _("Data concerned: %(categories)s.") % facts,
            _("Number of persons affected: %(count)s.") % facts,
            _("What happened: %(description)s") % facts,
            _("Handling and recovery: %(measures)s") % facts,
            _("The affected persons are being notified in writing."),
            _("Yours faithfully,\nBKPSDM of %(government)s") % facts,
        ])  # fmt: skip
