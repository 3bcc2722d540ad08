"""Helpers shared by the pages' forms."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator


def add_service_errors(form, error: ValidationError) -> None:
    """A service's refusal on the form: each message on its field when the form has that
    field, else on top of the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            for message in errors:
                form.add_error(name if name in form.fields else None, message)
    else:
        form.add_error(None, error)


class ReadOnceChoiceIterator(ModelChoiceIterator):
    """The choices of a short list read once per form: the field's queryset is evaluated on
    first use and kept (Django's default opens a fresh `.iterator()` — on PostgreSQL a
    server-side cursor of three round trips — each time the choices are read, and the view
    that also needs the rows reads them again)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:  # filled once: QuerySet keeps its result cache
            yield self.choice(obj)


class ShortModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField over a few rows (a person's SKP indicators, a year's quarters) whose
    rows the page reads once: `field.queryset` is evaluated once and shared by the view (e.g.
    `list(form.fields["period"].queryset)`), the options and `.exists()` in the template."""

    iterator = ReadOnceChoiceIterator
