"""The record of processing activities (UU PDP Pasal 31), kept as a table in the code.

Why code and not a model edited in the app: the register describes what this software does
with personal data, and that changes only when the code changes. Kept beside the code, a new
processing activity arrives in the same reviewed commit as the feature that starts it, the
register is the same on every installation, and the retention column is read from the very
settings that `pdp_retention` applies, so the page cannot say one thing while the system does
another. An agency's own notes (its DPO, its contact) belong in its documents, not here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

LEGAL_OBLIGATION = _("Legal obligation of the controller (Pasal 20 (2) c)")
PUBLIC_TASK = _("Public task and exercise of official authority (Pasal 20 (2) e)")
KEPT_AS_RECORD = _("Kept as a personnel record for as long as the law on archives requires")


@dataclass(frozen=True)
class Activity:
    name: object
    purpose: object
    subjects: object
    categories: object
    legal_basis: tuple
    regulations: object
    recipients: object
    retention: tuple = ()  # categories of settings.PDP_RETENTION; empty: KEPT_AS_RECORD
    security: tuple = field(default=())


SECURITY_COMMON = (
    _("access limited to the reader's scope (core.scoping), refused access logged"),
    _("every change audited with old and new values"),
    _("HTTPS, Argon2 passwords, lockout after failed logins, session time-outs"),
    _("data stored on the government's own servers in Indonesia"),
)

ACTIVITIES = [
    Activity(
        name=_("ASN registry"),
        purpose=_("Keep the record of each civil servant needed to manage the civil service."),
        subjects=_("ASN (PNS and PPPK) of the governments using the system"),
        categories=_("Identity and contact, employment, career history"),
        legal_basis=(LEGAL_OBLIGATION,),
        regulations=_("UU 20/2023 on ASN; PP 11/2017 as amended by PP 17/2020"),
        recipients=_(
            "The person; admins BKPSDM of their government; the operator of their "
            "OPD; their atasan; BKN through SIASN"
        ),
        security=(
            _(
                "NIK, NPWP and BPJS are not stored; phone and e-mail shown only to the "
                "person and registry managers"
            ),
        ),
    ),  # fmt: skip
    Activity(
        name=_("Performance management (SKP)"),
        purpose=_("Plan, follow and assess each ASN's performance and its follow-up."),
        subjects=_("ASN and their atasan"),
        categories=_("Performance: SKP, realisations, evidence, assessments, predikat"),
        legal_basis=(LEGAL_OBLIGATION,),
        regulations=_("PermenPANRB 6/2022"),
        recipients=_("The person; their atasan; admins BKPSDM; leaders see counts only"),
        security=(_("small groups shown as '< 5' to leaders"),),
    ),  # fmt: skip
    Activity(
        name=_("Competency development"),
        purpose=_("Measure competencies against the position and plan each ASN's development."),
        subjects=_("ASN"),
        categories=_("Competency and potential assessments, gaps, development plans (IDP)"),
        legal_basis=(LEGAL_OBLIGATION, PUBLIC_TASK),
        regulations=_("PP 17/2020; PermenPANRB 38/2017"),
        recipients=_("The person; their atasan; admins BKPSDM; OPD operators"),
    ),  # fmt: skip
    Activity(
        name=_("Training and the JP ledger"),
        purpose=_("Run trainings with institutions and count each ASN's yearly learning hours."),
        subjects=_("ASN taking part; facilitators"),
        categories=_("Enrolments, attendance, scores, evaluations, certificates, JP"),
        legal_basis=(LEGAL_OBLIGATION,),
        regulations=_("PP 17/2020 (at least 20 JP a year); LAN rules on training"),
        recipients=_(
            "The person; their atasan; admins BKPSDM; the institution running the "
            "batch; BKN through SIASN"
        ),
    ),  # fmt: skip
    Activity(
        name=_("Mentoring"),
        purpose=_("Pair senior and junior ASN and record their sessions as learning hours."),
        subjects=_("ASN as mentors and mentees"),
        categories=_("Pairs, goals, sessions, feedback, declared conflicts"),
        legal_basis=(PUBLIC_TASK,),
        regulations=_("PP 17/2020 (coaching and mentoring as competency development)"),
        recipients=_("Both sides of the pair; the cycle's coordinator; admins BKPSDM"),
    ),  # fmt: skip
    Activity(
        name=_("Program rollout and readiness"),
        purpose=_("Plan the program's phases from the units' readiness and facts."),
        subjects=_("ASN of the units in the program"),
        categories=_("Readiness answers, attendance at socialisations"),
        legal_basis=(PUBLIC_TASK,),
        regulations=_("The government's program decision"),
        recipients=_("Program coordinators and admins see units' figures, not answers of persons"),
    ),  # fmt: skip
    Activity(
        name=_("Public satisfaction survey (SKM)"),
        purpose=_("Measure the public's satisfaction with services (IKM)."),
        subjects=_("Users of public services (anonymous)"),
        categories=_("Answers, age band, sex, education, occupation; no name, phone or NIK"),
        legal_basis=(LEGAL_OBLIGATION,),
        regulations=_("UU 25/2009; PermenPANRB 14/2017"),
        recipients=_("Unit operators and admins; the public sees published results"),
        retention=("survey_device_hashes", "survey_blocked_counts"),
        security=(_("rate limits use short-lived keyed hashes, never the address itself"),),
    ),  # fmt: skip
    Activity(
        name=_("Accounts, logins and the audit trail"),
        purpose=_("Let people sign in and keep the system accountable and secure."),
        subjects=_("Users: ASN, admins, operators, leaders, institution staff"),
        categories=_(
            "User name, e-mail, roles, sessions, login attempts, audit entries, notifications"
        ),
        legal_basis=(LEGAL_OBLIGATION, PUBLIC_TASK),
        regulations=_("Perpres 95/2018 (SPBE); BSSN standards for web applications"),
        recipients=_("Super-admins and admins BKPSDM; the person for their own entries"),
        retention=("sessions", "login_records", "audit_entries", "notifications"),
    ),  # fmt: skip
    Activity(
        name=_("Imports of ASN lists"),
        purpose=_("Load the registry from SIASN exports and spreadsheets."),
        subjects=_("ASN named in the file"),
        categories=_("The rows of the file and the cells it refused"),
        legal_basis=(LEGAL_OBLIGATION,),
        regulations=_("UU 20/2023 on ASN"),
        recipients=_("The admin or operator who uploaded it"),
        retention=("import_jobs",),
        security=(_("the uploaded file is deleted as soon as the import ends"),),
    ),  # fmt: skip
    Activity(
        name=_("Personal-data requests and breaches"),
        purpose=_("Carry out the data subjects' rights and the duty to report breaches."),
        subjects=_("ASN who file requests or are affected by a breach"),
        categories=_("Requests, answers, breach records"),
        legal_basis=(LEGAL_OBLIGATION,),
        regulations=_("UU 27/2022 Pasal 32, 41, 46"),
        recipients=_("The person; admins BKPSDM of their government; the authority (breaches)"),
    ),  # fmt: skip
]


def retention_text(activity: Activity) -> list[str]:
    """The retention of an activity's data, with the periods in force."""
    if not activity.retention:
        return [str(KEPT_AS_RECORD)]
    labels = dict(RETENTION_LABELS)
    return [
        ngettext("%(what)s: %(days)s day", "%(what)s: %(days)s days", settings.PDP_RETENTION[c])
        % {"what": labels[c], "days": settings.PDP_RETENTION[c]}
        for c in activity.retention
    ]


RETENTION_LABELS = [
    ("import_jobs", _("Finished imports and their error reports")),
    ("sessions", _("Expired login sessions")),
    ("login_records", _("Login attempts and access logs")),
    ("audit_entries", _("Audit entries")),
    ("notifications", _("Notifications")),
    ("survey_device_hashes", _("Survey rate-limit hashes")),
    ("survey_blocked_counts", _("Refused survey submissions")),
]
