"""Whether a window can open here, asked before Qt starts (Qt's own abort blames missing libraries)."""

from __future__ import annotations

import os
import sys

NO_DISPLAY = (
    "lenet-digits: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the window cannot "
    "open; run it in a desktop session, or check this installation without one: lenet-digits --self-test"
)


def display_problem(environ: dict[str, str] | None = None, platform: str | None = None,
                    qt_args: list[str] | None = None) -> str | None:
    """Why no window can open here, in one sentence; None when a display (or a chosen Qt platform) is
    there. Checked before Qt starts: Qt's own abort blames missing libraries (libxcb-cursor0...)."""
    environ = dict(os.environ) if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM") or "-platform" in (qt_args or []):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return NO_DISPLAY
