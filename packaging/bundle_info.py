"""Names and paths of the PyInstaller bundle, shared by the spec, `build.py`, the tests and the benchmark.

Kept free of PyInstaller and Qt imports so that anything can read it.
"""

from __future__ import annotations

import platform
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
APP_NAME = "LeNetDigits"  # the folder, the executable and the macOS .app
DISPLAY_NAME = "LeNet Digits"
DESKTOP_ID = (
    "lenet-digits"  # desktop entry / icon name (freedesktop), matches QGuiApplication.desktopFileName
)
BUNDLE_ID = "org.lenetdigits.LeNetDigits"  # macOS CFBundleIdentifier
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
ICON_BUILD = ROOT / "build" / "icons"
SPEC = PACKAGING / "LeNetDigits.spec"
ICON_SVG = ROOT / "resources" / "icons" / "lenet-digits.svg"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

# The bundle's targets (2-core CPU): launch to window, folder, archive.
TARGET_LAUNCH_S = 4.0
TARGET_FOLDER_MB = 900
TARGET_ARCHIVE_MB = 350


def version() -> str:
    """The project version from pyproject.toml (no import of the package, no TOML parser needed)."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r'^version\s*=\s*"([^"]+)"', text, re.MULTILINE)
    return match.group(1) if match else "0.0.0"


def platform_tag() -> str:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform.rstrip("0123456789"))
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "x64": "x86_64", "aarch64": "arm64"}.get(machine, machine)
    return f"{system}-{machine}"


def bundle_dir() -> Path:
    return DIST / APP_NAME


def executable() -> Path:
    if sys.platform == "darwin":
        return DIST / f"{APP_NAME}.app" / "Contents" / "MacOS" / APP_NAME
    return bundle_dir() / (f"{APP_NAME}.exe" if sys.platform == "win32" else APP_NAME)


def archive_stem() -> str:
    return f"{APP_NAME}-{version()}-{platform_tag()}"


def folder_size(path: Path) -> int:
    """Bytes of all regular files under `path` (symbolic links not followed, not counted twice)."""
    total = 0
    for p in path.rglob("*"):
        if p.is_file() and not p.is_symlink():
            total += p.stat().st_size
    return total
