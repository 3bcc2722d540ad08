"""Template helpers shared by every app."""

from django import template
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst

register = template.Library()


@register.simple_tag
def audit_field_label(entry, name: str) -> str:
    """The translated label of a field named in an audit record (its verbose name)."""
    try:
        model = apps.get_model(entry.object_type)
        return capfirst(model._meta.get_field(name).verbose_name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return name


def _audit_field(entry, name: str):
    try:
        return apps.get_model(entry.object_type)._meta.get_field(name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return None


@register.simple_tag
def audit_value(entry, name: str, value) -> str:
    """A value of an audit record as a person reads it: a choice by its label, a yes/no field
    as Ya/Tidak, a date in the reader's format, a number with the language's separators, a
    foreign key stored as an id by its text (organisation units and positions only: a
    person's name may be outside the reader's reach); "–" when empty."""
    import datetime as dt

    from django.utils import formats
    from django.utils.translation import gettext

    if value is None or value == "" or value == []:
        return "–"
    field = _audit_field(entry, name)
    if field is None:
        return str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if field.get_internal_type() == "DateField" and isinstance(value, str):
        try:
            return formats.date_format(dt.date.fromisoformat(value), "j F Y")
        except ValueError:
            return value
    if field.get_internal_type() == "DateTimeField" and isinstance(value, str):
        try:
            return formats.date_format(dt.datetime.fromisoformat(value), "j F Y H:i")
        except ValueError:
            return value
    if field.is_relation and isinstance(value, int):
        model = field.related_model
        if model._meta.label_lower in {"organizations.orgunit", "people.position"}:
            return str(model._default_manager.filter(pk=value).first() or value)
        return "–"
    if field.get_internal_type() in {"DecimalField", "FloatField"}:
        return formats.number_format(value, use_l10n=True)
    return str(value)


@register.filter
def zip_with(first, second) -> list[tuple]:
    """`{% for a, b in list_a|zip_with:list_b %}`: two lists side by side (a heat map's
    competencies and one row's cells, so that each cell can name its column on a phone)."""
    return list(zip(first, second, strict=False))


@register.simple_tag
def audit_rows(entry) -> list[tuple[str, str, str]]:
    """(label, old, new) per changed field of an audit record, values as `audit_value` shows
    them; a change that reads the same on both sides ("– → –") is left out."""
    rows = []
    for name, change in (entry.changes or {}).items():
        old, new = (list(change) + [None, None])[:2] if isinstance(change, list) else (None, change)
        old, new = audit_value(entry, name, old), audit_value(entry, name, new)
        if old != new:
            rows.append((audit_field_label(entry, name), old, new))
    return rows


@register.simple_tag
def audit_split(entries) -> dict:
    """The records of a history: `changes` (what was done to the object) and `exports` (each
    download of it), shown apart so downloads do not bury the changes."""
    changes, exports = [], []
    for entry in entries:
        (exports if entry.action == "export" else changes).append(entry)
    return {"changes": changes, "exports": exports}


@register.filter
def get_item(mapping, key):
    """`{{ cells|get_item:code }}`: a dict's value by a key held in a variable."""
    return mapping.get(key) if mapping else None


@register.filter
def small_group(value, size=None):
    """`{{ count|small_group }}` or `{{ average|small_group:people }}`: the value, or "< 5"
    when it is about fewer than AGGREGATE_MIN_GROUP people (core/privacy.py)."""
    from binakinerja.core.privacy import masked

    return masked(value, value if size is None else size)


@register.simple_tag
def scroll_region(label):
    """`<div class="table-wrap"{% scroll_region _("Work results") %}>`: a table that may scroll
    sideways becomes a labelled region that the keyboard can reach and scroll (WCAG 2.1.1;
    axe rule scrollable-region-focusable). Every `.table-wrap` carries it (core/tests/
    test_accessibility.py checks the templates)."""
    from django.utils.html import format_html

    return format_html(' role="region" tabindex="0" aria-label="{}"', label)
