"""Where the shipped resources (weights, replay data, icons, translations) are.

One answer for every way the app runs: a source checkout or editable install (the repository's
`resources/`), a PyInstaller bundle (beside the bundled packages), or an explicit override.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    override = os.environ.get("LENET_DIGITS_RESOURCES")
    if override:
        return Path(override)
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    candidates.append(Path(__file__).resolve().parent.parent / "resources")
    for c in candidates:
        if c.is_dir():
            return c
    return candidates[-1]


def shipped_weights(arch: str) -> Path:
    return resources_dir() / "weights" / f"lenet5-{arch}.safetensors"
