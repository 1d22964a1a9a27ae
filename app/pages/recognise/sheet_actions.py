"""What the Recognise page's actions do: open, paste and export images, edit the sheet, and
"Wrong? It is a…", which adds the sheet to the user's samples with the right digit."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QGuiApplication, QImage
from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton

from app.session import SampleError
from app.texts import fill, fit_menu_button, with_article
from app.widgets.verdict import verdict

if TYPE_CHECKING:
    from app.pages.recognise.page import RecognisePage

IMAGE_FILTER = "*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp *.pgm *.ppm"


class SheetActions(QObject):
    def __init__(self, page: RecognisePage) -> None:
        super().__init__(page)
        self.page = page
        self.session = page.session
        # "This prediction was wrong, it is a N": the drawing goes to the samples as a correction.
        self.correction_menu = QMenu(page)
        self.correction_menu.setObjectName("correction_menu")
        self.correction_menu.aboutToShow.connect(self._retranslate_correction)
        self.correction_actions: list[QAction] = []
        for digit in range(10):
            action = self.correction_menu.addAction("")
            action.setObjectName(f"correct_{digit}")
            action.triggered.connect(lambda _=False, d=digit: self.correct_prediction(d))
            self.correction_actions.append(action)
        self.correction_button = QToolButton(page)
        self.correction_button.setObjectName("correction_button")
        self.correction_button.setMenu(self.correction_menu)
        self.correction_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

    def connect_actions(self, actions: dict[str, QAction]) -> None:
        canvas = self.page.canvas
        handlers = {
            "open": self._open_dialog,
            "paste": lambda: self.paste_image(),
            "export_maps": self._export_maps_dialog,
            "export_canvas": self._export_canvas_dialog,
            "undo": canvas.undo,
            "redo": canvas.redo,
            "clear": canvas.clear,
            "pen_wider": lambda: self.session.set_pen_width(self.session.pen_width() + 0.01),
            "pen_thinner": lambda: self.session.set_pen_width(self.session.pen_width() - 0.01),
            "correct": self._popup_correction_menu,
        }
        for name, handler in handlers.items():
            actions[name].triggered.connect(handler)

    # -- images in and out -------------------------------------------------------------------------
    def paste_image(self, image: QImage | None = None) -> None:
        """Recognise the clipboard's image (or file); `image` is for callers that already have one."""
        if image is None:
            mime = QGuiApplication.clipboard().mimeData()
            files = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()] if mime is not None else []
            if files:
                self.session.open_file(files[0])
                return
            if mime is None or not mime.hasImage():
                self.session.report(self.tr("The clipboard holds no image to paste."))
                return
            image = QImage(mime.imageData())
        self.session.show_image(image)

    def export_feature_maps(self, path: str | Path) -> bool:
        """One PNG: the drawing, the network's input, the answer, the model's name and every layer."""
        return self._saved(self.page.explain.export_png("maps", path), path)

    def export_canvas(self, path: str | Path) -> bool:
        image = self.page.canvas.render_image()
        return self._saved(image.save(str(path), "PNG"), path)  # type: ignore[call-overload]  # Qt takes str

    def _saved(self, ok: bool, path: str | Path) -> bool:
        if not ok:
            self.session.report(fill(self.tr("Could not write %1."), path))
        return ok

    def _open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.page,
            self.tr("Open an image of a digit"),
            "",
            fill(self.tr("Images (%1);;All files (*)"), IMAGE_FILTER),
        )
        if path:
            self.session.open_file(path)

    def _export_maps_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.page, self.tr("Export feature maps"), "feature-maps.png", "PNG (*.png)"
        )
        if path:
            self.export_feature_maps(path)

    def _export_canvas_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.page, self.tr("Export canvas"), "digit.png", "PNG (*.png)")
        if path:
            self.export_canvas(path)

    # -- corrections -------------------------------------------------------------------------------
    def correct_prediction(self, digit: int) -> int | None:
        """ "This prediction was wrong, it is a `digit`": the sheet goes to the samples as a correction."""
        canvas = self.page.canvas
        if canvas.is_empty():
            self.session.report(self.tr("Draw a digit first, then say what it is."))
            return None
        try:
            sample_id = self.session.samples.add(
                canvas.sample_image(), digit, canvas.strokes(), "correction"
            )
        except SampleError as exc:
            self.session.report(str(exc))
            return None
        self.page.status.emit(
            fill(self.tr("Added to your samples as %1; fine-tune in the Train tab."), with_article(digit))
        )
        return sample_id

    def _popup_correction_menu(self) -> None:
        canvas = self.page.canvas
        if not canvas.is_empty():
            self.correction_menu.popup(canvas.mapToGlobal(canvas.rect().center()))

    def _retranslate_correction(self) -> None:
        """The menu's title says what the network answered, in the words the verdict uses."""
        said = verdict(self.session.prediction()).summary
        title = self.tr("Wrong? The right digit is…")
        self.correction_menu.setTitle(
            fill(self.tr("%1 — wrong? The right digit is…"), said) if said else title
        )

    def retranslate(self) -> None:
        self._retranslate_correction()
        for digit, action in enumerate(self.correction_actions):
            action.setText(fill(self.tr("It is %1"), with_article(digit, mnemonic=True)))
            action.setToolTip(fill(self.tr("Add the drawing to your samples as %1"), with_article(digit)))
        self.correction_button.setText(self.tr("Wrong? The right digit is…"))
        fit_menu_button(self.correction_button)
        self.correction_button.setToolTip(
            self.tr("The prediction was wrong: add the drawing to your samples with the right digit (Ctrl+K)")
        )
