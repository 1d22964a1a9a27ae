"""Where LeNet Digits keeps the user's own files (samples database, fine-tuned models).

The location follows each platform's convention for per-user application data, so the files survive
reinstalls and are found by backup tools:

* Linux and other Unix: ``$XDG_DATA_HOME/lenet-digits``, else ``~/.local/share/lenet-digits``
* macOS: ``~/Library/Application Support/LeNet Digits``
* Windows: ``%APPDATA%\\LeNet Digits``

An explicit override (the app's ``--data-dir``) wins, then the ``LENET_DIGITS_DATA_DIR`` environment
variable; both exist so tests, portable installs and power users can point the app elsewhere.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_VAR = "LENET_DIGITS_DATA_DIR"
APP_NAME = "LeNet Digits"  # macOS / Windows folder name
UNIX_APP_NAME = "lenet-digits"  # XDG convention: lower case, no spaces
SAMPLES_DB_NAME = "samples.sqlite3"


def default_data_dir() -> Path:
    """The platform's per-user application-data folder for this app (not created)."""
    home = Path.home()
    if sys.platform == "win32":
        appdata = os.environ.get("APPDATA")
        return Path(appdata if appdata else home / "AppData" / "Roaming") / APP_NAME
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / APP_NAME
    # The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
    xdg = os.environ.get("XDG_DATA_HOME", "")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".local" / "share"
    return base / UNIX_APP_NAME


def data_dir(override: str | Path | None = None) -> Path:
    """The data folder, created if missing: ``override``, else ``$LENET_DIGITS_DATA_DIR``, else default."""
    env = os.environ.get(ENV_VAR, "")
    if override is not None and str(override) != "":
        path = Path(override).expanduser()
    elif env:
        path = Path(env).expanduser()
    else:
        path = default_data_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path


def models_dir(override: str | Path | None = None) -> Path:
    """``<data>/models``, created if missing: where fine-tuned weights are saved."""
    path = data_dir(override) / "models"
    path.mkdir(exist_ok=True)
    return path


def samples_db_path(override: str | Path | None = None) -> Path:
    """``<data>/samples.sqlite3``: the training-tab sample database (the file itself is not created)."""
    return data_dir(override) / SAMPLES_DB_NAME
