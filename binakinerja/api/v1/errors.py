"""Every API error as JSON `{"detail": "<message in the request's language>", ...}`: the
project's middleware makes that Indonesian unless the caller chose otherwise."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

logger = logging.getLogger("binakinerja.api")


class ApiError(Exception):
    """A refusal with its status, message and any extra JSON members (row errors)."""

    def __init__(self, status: int, detail: str, **extra):
        super().__init__(detail)
        self.status, self.detail, self.extra = status, str(detail), extra


def _field_messages():
    """Pydantic's error types in the reader's language (its own texts are English)."""
    return {
        "missing": _("This field is required."),
        "extra_forbidden": _("Unknown field."),
        "int_parsing": _("Expected a whole number."),
        "int_type": _("Expected a whole number."),
        "int_from_float": _("Expected a whole number."),
        "string_type": _("Expected text."),
        "string_too_long": _("The text is too long."),
        "string_too_short": _("The text is too short."),
        "date_parsing": _("Expected a date as YYYY-MM-DD."),
        "date_from_datetime_parsing": _("Expected a date as YYYY-MM-DD."),
        "date_type": _("Expected a date as YYYY-MM-DD."),
        "list_type": _("Expected a list."),
        "too_long": _("The list is too long."),
        "too_short": _("The list is too short."),
        "greater_than_equal": _("The number is too small."),
        "less_than_equal": _("The number is too large."),
        "json_invalid": _("The body is not valid JSON."),
        "model_attributes_type": _("Expected a JSON object."),
        "dict_type": _("Expected a JSON object."),
        "bool_parsing": _("Expected true or false."),
        "decimal_parsing": _("Expected a number."),
        "enum": _("Not one of the allowed values."),
        "literal_error": _("Not one of the allowed values."),
    }


def validation_errors(errors: list[dict]) -> list[dict]:
    """Ninja's errors as [{"field": "body.records.0.nip", "message": …}]."""
    messages = _field_messages()
    out = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) if part != "payload"]
        field = ".".join(location) or "body"
        message = messages.get(error.get("type"), _("This value is not valid."))
        out.append({"field": field, "message": str(message)})
    return out


def install(api) -> None:
    """Register the handlers on the NinjaAPI `api`."""

    def reply(request, status, detail, **extra):
        return api.create_response(request, {"detail": str(detail), **extra}, status=status)

    @api.exception_handler(ApiError)
    def on_api_error(request, exc: ApiError):
        return reply(request, exc.status, exc.detail, **exc.extra)

    @api.exception_handler(NinjaValidationError)
    def on_validation(request, exc: NinjaValidationError):
        errors = validation_errors(exc.errors)
        return reply(request, 422, _("The request has invalid fields."), errors=errors)

    @api.exception_handler(DjangoValidationError)
    def on_refusal(request, exc: DjangoValidationError):
        if hasattr(exc, "error_dict"):
            errors = [{"field": name, "message": " ".join(str(m) for e in errs for m in e)}
                      for name, errs in exc.error_dict.items()]  # fmt: skip
        else:
            errors = [{"field": "", "message": str(m)} for m in exc.messages]
        return reply(request, 422, " ".join(e["message"] for e in errors), errors=errors)

    @api.exception_handler(Http404)
    def on_not_found(request, exc):
        return reply(request, 404, _("Not found, or not within this token's reach."))

    @api.exception_handler(PermissionDenied)
    def on_denied(request, exc):
        return reply(request, 403, _("This token may not do this."))

    @api.exception_handler(HttpError)
    def on_http_error(request, exc: HttpError):
        if isinstance(exc, AuthenticationError):
            return reply(request, 401, _("Send a valid API token: Authorization: Bearer <token>."))
        if isinstance(exc, Throttled):
            return reply(request, 429, _("Too many requests from this token; wait a moment."))
        if exc.status_code == 400:
            return reply(request, 400, _("The request cannot be read."))
        return reply(request, exc.status_code, _("The request was refused."))

    @api.exception_handler(Exception)
    def on_error(request, exc: Exception):
        # A bug; the caller gets JSON, the log gets the traceback.
        logger.exception("API error on %s %s", request.method, request.path)
        return reply(request, 500, _("Something went wrong on our side; nothing was saved."))
