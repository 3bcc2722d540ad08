"""Text for reportlab PDFs. reportlab's `Paragraph` reads its text as a small XML markup
(`<b>`, `<img>`, `<a>`, `<para>`, entities), so a unit named `Seksi <img src=x>` or a comment
with `a < b & c` would be run as markup or make the whole document fail. Every paragraph in
every PDF of the project is built by `para`, which escapes the text first; the only markup is
the line break, added here after escaping. A test walks the package and refuses any
`Paragraph(` outside this module.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph


def pdf_text(value, *, upper: bool = False) -> str:
    """`value` as literal text for reportlab markup: `&`, `<`, `>` escaped, `None` as empty,
    line breaks kept as `<br/>`. Upper-casing happens before escaping (an escaped `&amp;`
    upper-cased to `&AMP;` is no entity)."""
    text = "" if value is None else str(value)
    if upper:
        text = text.upper()
    return escape(text).replace("\r\n", "\n").replace("\n", "<br/>")


def para(value, style, *, upper: bool = False) -> Paragraph:
    """A reportlab Paragraph that shows `value` literally, whatever characters it holds."""
    return Paragraph(pdf_text(value, upper=upper), style)
