"""A fine-tuned model is the user's work: keeping it, saving it elsewhere, and closing the window.

Keeping can fail (a full disk, a read-only folder, another program holding the folder): the reason is
shown and the result stays in memory, ready for another Keep or for "Save as…" to another folder.
Closing with a finished run not yet kept asks Save / Discard / Cancel; when saving fails there, the
question becomes: save it to another folder, discard it, or stay open. Only an explicit Discard, or a
copy written somewhere, lets the window close.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.texts import fill

if TYPE_CHECKING:
    from app.pages.train.training_tab import TrainPage


def _reason(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def keep_result(tab: TrainPage, name: str = "") -> str | None:
    """Keep the finished run as a new library version and switch to it; its id, or None on failure."""
    panel = tab.fine_tune
    report = panel.report() if panel is not None else None
    if panel is None or report is None:
        return None
    if tab.session.library is None:
        tab.show_message(
            QCoreApplication.translate(
                "TrainingTab", "There is no folder to keep models in; save the model elsewhere (Save as…)."
            )
        )
        return None
    try:
        entry = tab.session.keep_model(report.result, name)
    except Exception as exc:  # noqa: BLE001 - OSError (full disk), SafetensorError, LibraryError: all shown
        tab.show_message(
            fill(
                QCoreApplication.translate(
                    "TrainingTab",
                    "The model could not be saved: %1. It is still here, not lost: free some space "
                    "and press Keep again, or save it to another folder (Save as…).",
                ),
                _reason(exc),
            )
        )
        return None
    panel.clear_result()
    tab.saved_as = None
    panel.status.setText(
        fill(QCoreApplication.translate("TrainingTab", "Kept as “%1”, now in use."), entry.name)
    )
    return entry.id


def save_result_as(tab: TrainPage, path: Path) -> bool:
    """Write the finished run's model to `path`, outside the library (another folder, a USB stick)."""
    from lenet_core.weights import save_weights

    panel = tab.fine_tune
    report = panel.report() if panel is not None else None
    if panel is None or report is None:
        return False
    metadata = dict(report.result.metadata())
    metadata["name"] = panel.name_edit.text().strip() or path.stem
    try:
        save_weights(report.result.model, path, metadata)
    except Exception as exc:  # noqa: BLE001 - a full or read-only destination: shown, the result stays
        tab.show_message(
            fill(
                QCoreApplication.translate("TrainingTab", "The model could not be saved to %1: %2"),
                str(path),
                _reason(exc),
            )
        )
        return False
    tab.saved_as = path
    tab.message.dismiss()
    saved = QCoreApplication.translate("TrainingTab", "Saved to %1. Keep it to use it here, or discard it.")
    panel.status.setText(fill(saved, str(path)))
    return True


def save_result_as_dialog(tab: TrainPage) -> bool:
    """Ask where to save the finished run's model, then save it there; False when cancelled or failed."""
    path, _ = QFileDialog.getSaveFileName(
        tab,
        QCoreApplication.translate("TrainingTab", "Save the fine-tuned model"),
        str(Path.home() / "lenet-digits-model.safetensors"),
        QCoreApplication.translate("TrainingTab", "Model weights (*.safetensors)"),
    )
    if not path:
        return False
    if not path.endswith(".safetensors"):
        path += ".safetensors"
    return save_result_as(tab, Path(path))


Button = QMessageBox.StandardButton


def ask_keep_before_closing(parent: QWidget) -> Button:
    """Save, Discard or Cancel, asked when the window closes with a fine-tuning result not yet kept."""
    return QMessageBox.question(
        parent,
        QCoreApplication.translate("MainWindow", "Keep the fine-tuned model?"),
        QCoreApplication.translate(
            "MainWindow", "The model you fine-tuned has not been kept yet. Keep it before closing?"
        ),
        Button.Save | Button.Discard | Button.Cancel,
        Button.Save,
    )


def ask_after_failed_save(parent: QWidget, reason: str) -> Button:
    """Save as (another folder), Discard or Cancel, asked when keeping the model failed."""
    box = QMessageBox(parent)
    box.setObjectName("save_failed_box")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("MainWindow", "The model was not saved"))
    box.setText(
        QCoreApplication.translate(
            "MainWindow", "The fine-tuned model could not be saved, so it is still only in memory."
        )
    )
    box.setInformativeText(
        reason
        + "\n\n"
        + QCoreApplication.translate(
            "MainWindow", "Save it to another folder, discard it, or cancel to keep the window open."
        )
    )
    box.setStandardButtons(Button.Save | Button.Discard | Button.Cancel)
    box.button(Button.Save).setText(QCoreApplication.translate("MainWindow", "Save as…"))
    box.setDefaultButton(Button.Save)
    box.setEscapeButton(Button.Cancel)
    return Button(box.exec())


def settle_before_closing(tab: TrainPage) -> bool:
    """True when the window may close: no unsaved result, or the user kept, saved or discarded it."""
    if not tab.has_unsaved_result():
        return True
    window = tab.window()
    answer = ask_keep_before_closing(window)
    if answer == Button.Discard:
        tab.discard()
        return True
    if answer != Button.Save:
        return False
    if tab.keep() is not None:
        return True
    while True:  # keeping failed: the result is still in memory
        answer = ask_after_failed_save(window, tab.message_text())
        if answer == Button.Discard:
            tab.discard()
            return True
        if answer != Button.Save:
            return False
        if save_result_as_dialog(tab):
            return True
        # The file dialog was cancelled, or that folder failed too: ask again.
