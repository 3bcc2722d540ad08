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
