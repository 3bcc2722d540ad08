"""Translation check: every message in locale/id is translated and none is fuzzy.

`python -m binakinerja.core.i18n_check` exits non-zero and lists the offending entries;
`--compile` also writes the .mo files (with polib, so no gettext binaries are needed for it).
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent.parent / "locale"
LANGUAGES = ["id"]


def problems(po_path: Path) -> list[str]:
    catalog = polib.pofile(str(po_path))
    found = []
    for entry in catalog:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            found.append(f"{po_path}: fuzzy: {entry.msgid!r}")
        elif not entry.translated():
            found.append(f"{po_path}: untranslated: {entry.msgid!r}")
    return found


def main(argv: list[str]) -> int:
    failures = []
    for language in LANGUAGES:
        po_path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
        if not po_path.exists():
            failures.append(f"{po_path}: missing")
            continue
        failures.extend(problems(po_path))
        if "--compile" in argv:
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
    for line in failures:
        print(line)
    if failures:
        print(f"{len(failures)} translation problem(s)")
        return 1
    print("translations complete")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
