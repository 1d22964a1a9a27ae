"""The models the user can pick, as the app names them: the core's model library is the one list and
the one record of which model is in use; its ids ("shipped:classic", "v3") are the app's ids too.

Nothing here imports torch: the library's index and folder are read without it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.texts import fill

if TYPE_CHECKING:
    from lenet_core.model_library import ModelEntry, ModelLibrary

SHIPPED_PREFIX = "shipped:"


def shipped_id(arch: str) -> str:
    """The library id of the model shipped for `arch` ("classic" -> "shipped:classic")."""
    return f"{SHIPPED_PREFIX}{arch}"


def open_library(data_dir: Path | None) -> tuple[ModelLibrary | None, str | None]:
    """The library of `<data>/models`, or (None, why) when the folder cannot be created.

    Temporary files that a kill left mid-save are removed on the way (under the library's lock, so a
    save running in another copy of the app is not disturbed).
    """
    from lenet_core.model_library import ModelLibrary
    from lenet_core.user_data import models_dir

    try:
        library = ModelLibrary(models_dir(data_dir))
    except OSError as exc:
        return None, str(exc)
    try:
        library.remove_stray_files()
    except OSError:
        pass  # a read-only folder or a busy lock: the leftovers are harmless, the listing ignores them
    return library, None


def display_name(entry: ModelEntry) -> str:
    """The name shown in menus and lists: the shipped models' names are translated, kept ones as given."""
    if entry.shipped:
        if entry.arch == "classic":
            return QCoreApplication.translate("MainWindow", "Classic LeNet-5 (1998)")
        return QCoreApplication.translate("MainWindow", "Modern LeNet-5")
    if entry.metadata.get("kind") == "trained":
        return fill(QCoreApplication.translate("MainWindow", "Trained: %1"), entry.name)
    return fill(QCoreApplication.translate("MainWindow", "Fine-tuned: %1"), entry.name)
