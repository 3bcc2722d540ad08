"""The public survey pages: no login, no JavaScript needed, under 50 KB. Plus the managed QR
poster that points to them.

The POST path is lean on purpose (a handful of queries, no session): the body size is checked
before anything reads it, then CSRF, the signed one-time token, the form, and one transaction.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from binakinerja.core.audit import audit_record
from binakinerja.core.exporting import file_response
from binakinerja.satisfaction.forms_public import HONEYPOT, SurveyForm
from binakinerja.satisfaction.models import ServiceUnit
from binakinerja.satisfaction.posters import survey_poster_pdf
from binakinerja.satisfaction.public import (
    DEVICE_COOKIE,
    DEVICE_COOKIE_AGE,
    MAX_FIELDS,
    TokenError,
    address_hash_of,
    body_too_large,
    device_hash_of,
    form_choices_for,
    new_device_id,
    open_period_of_code,
    period_accepts,
    public_language,
    response_submit_or_replay,
    submission_flags,
    token_issue,
    token_max_age,
    token_read,
)
from binakinerja.satisfaction.selectors import published_ikm_of, service_unit_get_for_user

PUBLIC = "satisfaction/public/"


def _message(request, title: str, text: str, *, status: int, service_unit=None, link=None):
    """A small page with one message (and a link back to the form when it helps)."""
    return render(
        request,
        PUBLIC + "message.html",
        {"title": title, "text": text, "service_unit": service_unit, "link": link},
        status=status,
    )


def _not_found(request):
    return render(request, PUBLIC + "not_found.html", status=404)


def _form_url(service_unit) -> str:
    return reverse("survey:form", args=[service_unit.public_code])


def _build_form(service_unit, period, data=None) -> SurveyForm:
    questions, services = form_choices_for(service_unit)
    return SurveyForm(
        data,
        services=services,
        extra_questions=questions,
        today=timezone.localdate(),
        period_start=period.starts_on,
    )


def _form_page(request, service_unit, period, form, token, *, status=200, problem=""):
    response = render(
        request,
        PUBLIC + "form.html",
        {
            "service_unit": service_unit,
            "period": period,
            "form": form,
            "token": token,
            "problem": problem,
            "honeypot": HONEYPOT,
        },
        status=status,
    )
    # A page holds a one-time token: the back button must fetch a fresh one.
    add_never_cache_headers(response)
    if DEVICE_COOKIE not in request.COOKIES:
        response.set_cookie(
            DEVICE_COOKIE, new_device_id(), max_age=DEVICE_COOKIE_AGE, httponly=True,
            samesite="Lax", secure=request.is_secure(),
        )  # fmt: skip
    return response


def _closed(request, service_unit, *, status=200):
    return render(request, PUBLIC + "closed.html", {"service_unit": service_unit}, status=status)


def _malformed_body(request):
    """413 for a body above the limit (checked before anything reads it), 400 for one with
    too many fields; None when the body may be read."""
    if body_too_large(request.META.get("CONTENT_LENGTH")):
        return _message(
            request, _("Form too large"),
            _("The form sent is larger than this survey accepts. Please fill it in again."),
            status=413,
        )  # fmt: skip
    try:
        too_many = len(request.POST) > MAX_FIELDS
    except (TooManyFieldsSent, RequestDataTooBig):
        too_many = True
    if too_many:
        return _message(
            request, _("Form not valid"),
            _("The form sent does not match this survey. Please fill it in again."),
            status=400,
        )  # fmt: skip
    return None


@csrf_exempt  # the size is checked first; _survey_form below applies CSRF protection
@require_http_methods(["GET", "HEAD", "POST"])
@public_language
def survey_form(request, code):
    if request.method == "POST":
        refusal = _malformed_body(request)
        if refusal is not None:
            return refusal
    return _survey_form(request, code)


@csrf_protect
def _survey_form(request, code):
    service_unit, period = open_period_of_code(code)
    if service_unit is None:
        return _not_found(request)
    now = time.time()
    is_open = period_accepts(period, timezone.localdate())
    if request.method != "POST":
        if not is_open:
            return _closed(request, service_unit)
        form = _build_form(service_unit, period)
        return _form_page(
            request, service_unit, period, form, token_issue(service_unit.pk, period.pk, now=now)
        )

    try:
        token = token_read(
            request.POST.get("token", ""), service_unit_id=service_unit.pk, now=now,
            max_age=token_max_age(),
        )  # fmt: skip
    except TokenError as error:
        if not is_open:
            return _closed(request, service_unit, status=409)
        problem = (
            _("This form has expired. Your answers are kept below: please send them again.")
            if error.kind == "expired"
            else _("This form could not be verified. Please check your answers and send again.")
        )
        form = _build_form(service_unit, period, request.POST)
        fresh = token_issue(service_unit.pk, period.pk, now=now)
        return _form_page(request, service_unit, period, form, fresh, status=400, problem=problem)
    if not is_open or token.period_id != period.pk:
        return _closed(request, service_unit, status=409)

    form = _build_form(service_unit, period, request.POST)
    if not form.is_valid():
        return _form_page(
            request, service_unit, period, form, request.POST["token"], status=400,
            problem=_("Some answers need your attention: see the messages below."),
        )  # fmt: skip
    flags = submission_flags(
        honeypot=form.cleaned_data.get(HONEYPOT) or "", issued_at=token.issued_at, now=now,
        min_seconds=settings.SATISFACTION_FORM_MIN_SECONDS,
    )  # fmt: skip
    outcome = response_submit_or_replay(
        service_unit=service_unit,
        period=period,
        cleaned_data=form.cleaned_data,
        extra_answers=form.extra_answers(),
        nonce=token.nonce,
        device_hash=device_hash_of(request),
        address_hash=address_hash_of(request, day=timezone.localdate()),
        flags=flags,
    )
    if outcome.kind == "blocked":
        return _message(
            request, _("Too many submissions"),
            _("This device has sent many responses in the last hour. Please try again later."),
            status=429, service_unit=service_unit,
        )  # fmt: skip
    if outcome.kind == "replay":
        return _message(
            request, _("Form already sent"),
            _("This form has already been sent. Thank you, your answers were received."),
            status=409, service_unit=service_unit, link=_form_url(service_unit),
        )  # fmt: skip
    return redirect("survey:thanks", code=service_unit.public_code)


@require_GET
@public_language
def survey_thanks(request, code):
    service_unit = (
        ServiceUnit.objects.select_related("unit")
        .filter(public_code=code, is_active=True, unit__is_active=True)
        .first()
    )
    if service_unit is None:
        return _not_found(request)
    published = published_ikm_of(service_unit)
    period, result = published if published else (None, None)
    return render(
        request,
        PUBLIC + "thanks.html",
        {"service_unit": service_unit, "period": period, "result": result},
    )


# --- managed: the QR poster --------------------------------------------------------------------


def survey_short_link(request, service_unit) -> str:
    """The absolute address of the unit's form: PUBLIC_BASE_URL when set (posters are printed
    for the public address, not the intranet one the operator happens to use)."""
    path = _form_url(service_unit)
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    return base + path if base else request.build_absolute_uri(path)


@login_required
@require_GET
def poster_pdf_view(request, pk):
    service_unit = service_unit_get_for_user(request.user, pk, write=True)
    link = survey_short_link(request, service_unit)
    content = survey_poster_pdf(service_unit, link)
    audit_record(
        actor=request.user, action="export", instance=service_unit,
        object_repr=f"Poster QR {service_unit}"[:200],
    )  # fmt: skip
    return file_response(content, "application/pdf", f"poster-skm-{service_unit.public_code}.pdf")
