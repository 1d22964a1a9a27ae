"""Paths of the app's shipped files (icons, translations), found the same way as the core's weights."""

from __future__ import annotations

from pathlib import Path

from lenet_core.resources import resources_dir


def icons_dir() -> Path:
    return resources_dir() / "icons"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def app_icon_path() -> Path:
    return icons_dir() / "lenet-digits.svg"
