"""Inline SVG charts: no JavaScript, no dependency, readable without CSS.

Both functions return a SafeString to put straight into a template. Every piece of text is
escaped here, so labels may come from users. The SVG scales to its container (viewBox, width
100%; its maximum width is `svg.chart` in the stylesheets, since the Content-Security-Policy
forbids style attributes) and carries a <title>/<desc> for screen readers.
"""

from __future__ import annotations

import re
from itertools import count

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 520
FONT = 12
BAR_ROW = 24
BAR_HEIGHT = 15
LABEL_WIDTH = 200
VALUE_WIDTH = 56
LABEL_CHARS = 26
X_LABEL_CHARS = 16
COLORS = ("#0b5d3b", "#0a58ca", "#a40e26", "#7a4b00", "#6f42c1", "#57606a")
MUTED = "#57606a"
LINE = "#d0d7de"

_ids = count(1)


_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")


def _localise(text: str) -> str:
    """The active language's decimal separator (a comma in Bahasa Indonesia)."""
    separator = formats.get_format("DECIMAL_SEPARATOR")
    return _DECIMAL_POINT.sub(separator, text) if separator != "." else text


def _fmt(value: float | None, value_format: str) -> str:
    if value is None:
        return "–"
    text = value_format.format(value)
    return text if "," in value_format else _localise(text)


def _short(label: str, limit: int = LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _num(value: float) -> str:
    return _localise(f"{value:.1f}".rstrip("0").rstrip("."))


def _open(height: int, title: str, desc: str) -> list[str]:
    uid = next(_ids)
    return [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="chart-t{uid} chart-d{uid}" '
        f'font-family="system-ui, sans-serif" font-size="{FONT}">',
        f'<title id="chart-t{uid}">{escape(title)}</title>',
        f'<desc id="chart-d{uid}">{escape(desc)}</desc>',
    ]


def bar_chart_svg(
    items: list[tuple[str, float | None]],
    *,
    max_value: float,
    min_value: float = 0,
    title: str,
    value_format: str = "{:.2f}",
    target: float | None = None,
) -> SafeString:
    """Horizontal bars, one row per item: label on the left, value on the right, a missing
    value drawn as an empty row with a dash; an optional dashed vertical target line."""
    if max_value <= min_value:
        raise ValueError("max_value must be above min_value")
    span = max_value - min_value
    top = 8
    plot_x = LABEL_WIDTH
    plot_w = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = top + BAR_ROW * max(len(items), 1) + 22

    def x_of(value: float) -> float:
        clamped = min(max(value, min_value), max_value)
        return plot_x + (clamped - min_value) / span * plot_w

    desc = "; ".join(f"{label}: {_fmt(value, value_format)}" for label, value in items)
    out = _open(height, title, desc)
    axis_bottom = top + BAR_ROW * max(len(items), 1)
    out.append(f'<line x1="{plot_x}" y1="{top}" x2="{plot_x}" y2="{axis_bottom}" stroke="{LINE}"/>')
    for row, (label, value) in enumerate(items):
        y = top + row * BAR_ROW
        text_y = y + BAR_ROW / 2 + FONT / 3
        out.append("<g>")
        out.append(f"<title>{escape(label)}: {escape(_fmt(value, value_format))}</title>")
        out.append(
            f'<text x="{plot_x - 6}" y="{text_y:.1f}" text-anchor="end">'
            f"{escape(_short(label))}</text>"
        )
        if value is not None:
            width = x_of(value) - plot_x
            out.append(
                f'<rect x="{plot_x}" y="{y + (BAR_ROW - BAR_HEIGHT) / 2:.1f}" '
                f'width="{max(width, 0):.1f}" height="{BAR_HEIGHT}" fill="{COLORS[0]}"/>'
            )
        out.append(
            f'<text x="{WIDTH - 4}" y="{text_y:.1f}" text-anchor="end">'
            f"{escape(_fmt(value, value_format))}</text>"
        )
        out.append("</g>")
    # scale: min and max under the axis
    out.append(
        f'<text x="{plot_x}" y="{axis_bottom + 15}" fill="{MUTED}" text-anchor="middle">'
        f"{escape(_num(min_value))}</text>"
        f'<text x="{plot_x + plot_w}" y="{axis_bottom + 15}" fill="{MUTED}" '
        f'text-anchor="middle">{escape(_num(max_value))}</text>'
    )
    if target is not None:
        tx = x_of(target)
        out.append(
            f'<line class="target" x1="{tx:.1f}" y1="{top - 4}" x2="{tx:.1f}" '
            f'y2="{axis_bottom}" stroke="{COLORS[2]}" stroke-width="1.5" '
            f'stroke-dasharray="5 4"><title>{escape(_fmt(target, value_format))}</title></line>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped


def line_chart_svg(
    labels: list[str],
    series: list[tuple[str, list[float | None]]],
    *,
    min_value: float,
    max_value: float,
    title: str,
    value_format: str = "{:.2f}",
) -> SafeString:
    """One polyline with points per series over the labels; None leaves a gap. Y axis with
    min, middle and max; x labels under the axis (thinned when crowded); a legend when there
    is more than one series."""
    if max_value <= min_value:
        raise ValueError("max_value must be above min_value")
    for name, values in series:
        if len(values) != len(labels):
            raise ValueError(f"series {name!r}: {len(values)} values for {len(labels)} labels")
    left, right, top = 48, 16, 12
    legend_h = 18 * len(series) if len(series) > 1 else 0
    plot_h = 200
    height = top + plot_h + 40 + legend_h
    plot_w = WIDTH - left - right
    span = max_value - min_value
    n = len(labels)

    def x_of(i: int) -> float:
        return left + (plot_w / 2 if n == 1 else i * plot_w / (n - 1))

    def y_of(v: float) -> float:
        clamped = min(max(v, min_value), max_value)
        return top + plot_h - (clamped - min_value) / span * plot_h

    desc = " | ".join(
        f"{name}: "
        + "; ".join(f"{lab} {_fmt(v, value_format)}" for lab, v in zip(labels, values, strict=True))
        for name, values in series
    )
    out = _open(height, title, desc)
    bottom = top + plot_h
    # axes and horizontal grid (min, middle, max)
    for v in (min_value, (min_value + max_value) / 2, max_value):
        y = y_of(v)
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{LINE}"/>'
            f'<text x="{left - 6}" y="{y + FONT / 3:.1f}" text-anchor="end" fill="{MUTED}">'
            f"{escape(_num(v))}</text>"
        )
    out.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}" stroke="{MUTED}"/>')
    # As many x labels as fit side by side; always the first and the last.
    chars = min(X_LABEL_CHARS, max((len(label) for label in labels), default=1))
    fit = max(2, int(plot_w // (1.5 * (chars * FONT * 0.6 + 10))) + 1)
    step = max(1, -(-(n - 1) // (fit - 1)))
    for i, label in enumerate(labels):
        if i != n - 1 and (i % step or n - 1 - i < step):
            continue
        # the outer labels stay inside the picture
        anchor = "middle" if n == 1 or 0 < i < n - 1 else ("start" if i == 0 else "end")
        out.append(
            f'<text x="{x_of(i):.1f}" y="{bottom + 16}" text-anchor="{anchor}">'
            f"{escape(_short(label, X_LABEL_CHARS))}</text>"
        )
    for k, (name, values) in enumerate(series):
        color = COLORS[k % len(COLORS)]
        out.append(f'<g class="series" fill="{color}" stroke="{color}">')
        segment: list[str] = []
        for i, v in enumerate([*values, None]):
            if v is None:
                if len(segment) > 1:
                    out.append(
                        f'<polyline fill="none" stroke-width="2" points="{" ".join(segment)}"/>'
                    )
                segment = []
                continue
            segment.append(f"{x_of(i):.1f},{y_of(v):.1f}")
        for i, v in enumerate(values):
            if v is None:
                continue
            out.append(
                f'<circle cx="{x_of(i):.1f}" cy="{y_of(v):.1f}" r="4">'
                f"<title>{escape(name)}, {escape(labels[i])}: "
                f"{escape(_fmt(v, value_format))}</title></circle>"
            )
        out.append("</g>")
        if legend_h:
            ly = bottom + 34 + 18 * k
            out.append(
                f'<rect x="{left}" y="{ly - 9}" width="12" height="12" fill="{color}"/>'
                f'<text x="{left + 18}" y="{ly + 1}">{escape(name)}</text>'
            )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped


def timeline_svg(
    rows: list[tuple[str, object, object]],
    *,
    start,
    end,
    title: str,
    today=None,
    marks: list[tuple[int, object, str]] | None = None,
) -> SafeString:
    """A timeline (Gantt) of date ranges: one row per (label, first day, last day) between
    `start` and `end` (dates), a tick at the start of every year in between, a dashed line on
    `today` when it falls inside. `marks` are (row, day, label) dots on a row (a unit's
    socialisation, start, end)."""
    if end <= start:
        raise ValueError("end must be after start")
    top, plot_x = 20, LABEL_WIDTH
    plot_w = WIDTH - LABEL_WIDTH - 8
    span = (end - start).days
    height = top + BAR_ROW * max(len(rows), 1) + 8

    def x_of(day) -> float:
        offset = min(max((day - start).days, 0), span)
        return plot_x + offset / span * plot_w

    desc = "; ".join(f"{label}: {a:%d-%m-%Y} – {b:%d-%m-%Y}" for label, a, b in rows)
    out = _open(height, title, desc)
    bottom = top + BAR_ROW * max(len(rows), 1)
    for year in range(start.year + (start.month > 1 or start.day > 1), end.year + 1):
        day = type(start)(year, 1, 1)
        x = x_of(day)
        out.append(
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{bottom}" stroke="{LINE}"/>'
            f'<text x="{x:.1f}" y="{top - 8}" text-anchor="middle" fill="{MUTED}">{year}</text>'
        )
    for row, (label, first, last) in enumerate(rows):
        y = top + row * BAR_ROW
        text_y = y + BAR_ROW / 2 + FONT / 3
        x1, x2 = x_of(first), x_of(last)
        out.append(
            f"<g><title>{escape(label)}: {first:%d-%m-%Y} – {last:%d-%m-%Y}</title>"
            f'<text x="{plot_x - 6}" y="{text_y:.1f}" text-anchor="end">'
            f"{escape(_short(label))}</text>"
            f'<rect x="{x1:.1f}" y="{y + (BAR_ROW - BAR_HEIGHT) / 2:.1f}" '
            f'width="{max(x2 - x1, 2):.1f}" height="{BAR_HEIGHT}" '
            f'fill="{COLORS[row % len(COLORS)]}"/></g>'
        )
    for row, day, label in marks or []:
        y = top + row * BAR_ROW + BAR_ROW / 2
        out.append(
            f'<circle cx="{x_of(day):.1f}" cy="{y:.1f}" r="4" fill="#fff" stroke="{MUTED}">'
            f"<title>{escape(label)}</title></circle>"
        )
    if today is not None and start <= today <= end:
        x = x_of(today)
        out.append(
            f'<line class="target" x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{bottom}" '
            f'stroke="{COLORS[2]}" stroke-width="1.5" stroke-dasharray="5 4">'
            f"<title>{escape(today.strftime('%d-%m-%Y'))}</title></line>"
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped
