"""Refresh the translation sources from the code and compile them.

    python packaging/update_translations.py

`pyside6-lupdate` collects every `tr()` string of `app/` into resources/translations/*.ts (keeping
the translations already there); edit new entries with Qt Linguist (or any XML editor), then run this
again: `pyside6-lrelease` compiles each .ts into the .qm file the app loads.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        sys.exit(f"{name} not found: it comes with PySide6 (pip install PySide6-Essentials)")
    return path


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app").rglob("*.py"))
    for language in LANGUAGES:
        ts = TRANSLATIONS / f"lenet_digits_{language}.ts"
        subprocess.run(
            [tool("pyside6-lupdate"), *sources, "-ts", str(ts), "-target-language", language, "-no-obsolete"],
            cwd=ROOT,
            check=True,
        )
        subprocess.run(
            [tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], cwd=ROOT, check=True
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
