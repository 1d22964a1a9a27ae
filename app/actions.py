"""The main window's fixed actions in one table: name, shortcuts, menu text and tooltip.

Texts are marked with QT_TRANSLATE_NOOP (context "MainWindow", so the existing translations apply)
and translated when shown, which lets a language switch re-apply the whole table at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:  # Qt's stub says object; it gives back the text it marks

    def QT_TRANSLATE_NOOP(context: str, text: str) -> str: ...  # noqa: N802
else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP

CONTEXT = "MainWindow"


@dataclass(frozen=True)
class ActionSpec:
    shortcuts: tuple[QKeySequence.StandardKey | str, ...]
    text: str  # untranslated; "&" marks the mnemonic
    tip: str
    checkable: bool = False
    translate: bool = True  # language names are shown in their own language


ACTIONS: dict[str, ActionSpec] = {
    "open": ActionSpec(
        (QKeySequence.StandardKey.Open,),
        QT_TRANSLATE_NOOP("MainWindow", "&Open image…"),
        QT_TRANSLATE_NOOP("MainWindow", "Recognise a digit from an image file"),
    ),
    "paste": ActionSpec(
        (QKeySequence.StandardKey.Paste,),
        QT_TRANSLATE_NOOP("MainWindow", "&Paste image"),
        QT_TRANSLATE_NOOP("MainWindow", "Recognise the image on the clipboard"),
    ),
    "export_maps": ActionSpec(
        ("Ctrl+E",),
        QT_TRANSLATE_NOOP("MainWindow", "Export &feature maps…"),
        QT_TRANSLATE_NOOP("MainWindow", "Save the current feature maps as PNG"),
    ),
    "export_canvas": ActionSpec(
        ("Ctrl+Shift+E",),
        QT_TRANSLATE_NOOP("MainWindow", "Export &canvas…"),
        QT_TRANSLATE_NOOP("MainWindow", "Save the drawing as PNG"),
    ),
    "quit": ActionSpec(
        ("Ctrl+Q",),
        QT_TRANSLATE_NOOP("MainWindow", "&Quit"),
        QT_TRANSLATE_NOOP("MainWindow", "Close LeNet Digits"),
    ),
    "undo": ActionSpec(
        ("Ctrl+Z",),
        QT_TRANSLATE_NOOP("MainWindow", "&Undo"),
        QT_TRANSLATE_NOOP("MainWindow", "Take back the last change: a stroke, Clear, an opened image"),
    ),
    "redo": ActionSpec(
        ("Ctrl+Shift+Z", "Ctrl+Y"),
        QT_TRANSLATE_NOOP("MainWindow", "&Redo"),
        QT_TRANSLATE_NOOP("MainWindow", "Put back the change taken back"),
    ),
    "clear": ActionSpec(
        ("Esc", "Delete"),
        QT_TRANSLATE_NOOP("MainWindow", "&Clear"),
        QT_TRANSLATE_NOOP("MainWindow", "Start again on an empty sheet (Esc, Delete; Ctrl+Z brings it back)"),
    ),
    "eraser": ActionSpec(
        ("E",),
        QT_TRANSLATE_NOOP("MainWindow", "&Eraser"),
        QT_TRANSLATE_NOOP("MainWindow", "Erase with the pen (the right mouse button always erases)"),
        checkable=True,
    ),
    "pen_wider": ActionSpec(
        ("]",),
        QT_TRANSLATE_NOOP("MainWindow", "Pen &wider"),
        QT_TRANSLATE_NOOP("MainWindow", "Make the pen wider"),
    ),
    "pen_thinner": ActionSpec(
        ("[",),
        QT_TRANSLATE_NOOP("MainWindow", "Pen &thinner"),
        QT_TRANSLATE_NOOP("MainWindow", "Make the pen thinner"),
    ),
    "reload_models": ActionSpec(
        ("F5",),
        QT_TRANSLATE_NOOP("MainWindow", "&Rescan fine-tuned models"),
        QT_TRANSLATE_NOOP("MainWindow", "List models saved by the training tab"),
    ),
    "correct": ActionSpec(
        ("Ctrl+K",),
        QT_TRANSLATE_NOOP("MainWindow", "Wrong? It &is a…"),
        QT_TRANSLATE_NOOP(
            "MainWindow", "The prediction was wrong: add the drawing to your samples with the right digit"
        ),
    ),
    "tab_recognise": ActionSpec(
        ("Alt+1",),
        QT_TRANSLATE_NOOP("MainWindow", "&Recognise"),
        QT_TRANSLATE_NOOP("MainWindow", "Show the Recognise tab"),
    ),
    "tab_train": ActionSpec(
        ("Alt+2",),
        QT_TRANSLATE_NOOP("MainWindow", "&Train"),
        QT_TRANSLATE_NOOP("MainWindow", "Show the Train tab: your samples and fine-tuning"),
    ),
    "about": ActionSpec(
        ("F1",),
        QT_TRANSLATE_NOOP("MainWindow", "&About"),
        QT_TRANSLATE_NOOP("MainWindow", "About LeNet Digits"),
    ),
}

# The drawings in resources/icons shown beside the actions (toolbar and menus), by action name.
ACTION_ICONS: dict[str, str] = {
    "open": "open",
    "paste": "paste",
    "export_maps": "export",
    "export_canvas": "export-image",
    "undo": "undo",
    "redo": "redo",
    "clear": "clear",
    "eraser": "eraser",
    "pen_wider": "pen-wider",
    "pen_thinner": "pen-thinner",
    "correct": "correct",
    "reload_models": "rescan",
    "about": "about",
    "quit": "quit",
}

# The actions that act on the Recognise tab's sheet: off while the Train tab is shown, so that its own
# keys (digits, Enter, Ctrl+Z, Delete, Esc) reach the Train tab instead.
RECOGNISE_ONLY = (
    "open", "paste", "export_maps", "export_canvas", "undo", "redo", "clear", "eraser", "correct",
)

# One entry per device torch may offer; the window creates those `available_devices()` lists.
DEVICE_ACTIONS: dict[str, ActionSpec] = {
    "auto": ActionSpec(
        ("Ctrl+Alt+0",),
        QT_TRANSLATE_NOOP("MainWindow", "&Automatic (GPU if present)"),
        QT_TRANSLATE_NOOP("MainWindow", "Use a GPU when there is one, else the CPU"),
        checkable=True,
    ),
    "cpu": ActionSpec(
        ("Ctrl+Alt+1",),
        QT_TRANSLATE_NOOP("MainWindow", "&CPU"),
        QT_TRANSLATE_NOOP("MainWindow", "Run the network on the CPU"),
        checkable=True,
    ),
    "cuda": ActionSpec(
        ("Ctrl+Alt+2",),
        QT_TRANSLATE_NOOP("MainWindow", "C&UDA GPU"),
        QT_TRANSLATE_NOOP("MainWindow", "Run the network on the NVIDIA GPU"),
        checkable=True,
    ),
    "mps": ActionSpec(
        ("Ctrl+Alt+3",),
        QT_TRANSLATE_NOOP("MainWindow", "&Apple GPU (MPS)"),
        QT_TRANSLATE_NOOP("MainWindow", "Run the network on the Apple GPU"),
        checkable=True,
    ),
}

LANGUAGE_ACTIONS: dict[str, ActionSpec] = {
    "system": ActionSpec(
        ("Ctrl+Alt+S",),
        QT_TRANSLATE_NOOP("MainWindow", "&System language"),
        QT_TRANSLATE_NOOP("MainWindow", "Follow the system's language"),
        checkable=True,
    ),
    "en": ActionSpec(("Ctrl+Alt+E",), "&English", "English", checkable=True, translate=False),
    "zh_CN": ActionSpec(("Ctrl+Alt+C",), "简体中文 (&Chinese)", "简体中文", checkable=True, translate=False),
}


def create_action(parent: QObject, name: str, spec: ActionSpec) -> QAction:
    action = QAction(parent)
    action.setObjectName(f"action_{name}")
    # Standard keys can be empty on some platforms (e.g. without a desktop theme): drop those.
    action.setShortcuts([k for k in (QKeySequence(s) for s in spec.shortcuts) if not k.isEmpty()])
    action.setCheckable(spec.checkable)
    return action


def apply_texts(action: QAction, spec: ActionSpec) -> None:
    """Set the (translated) menu text, tooltip with the shortcut, and status tip."""
    text = QCoreApplication.translate(CONTEXT, spec.text) if spec.translate else spec.text
    tip = QCoreApplication.translate(CONTEXT, spec.tip) if spec.translate else spec.tip
    set_texts(action, text, tip)


def set_texts(action: QAction, text: str, tip: str) -> None:
    action.setText(text)
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
    action.setStatusTip(tip)
