"""What the network has learnt, beside what it reads now: the RBF prototypes next to the drawing's F6,
and the filter banks (the six C1 kernels, the 16 x 6 grid of C3 kernels)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.colormap import gray_image, indexed_image, layer_limit, to_indices
from app.texts import Retranslating, fill
from app.widgets.tile_grid import TileGrid

if TYPE_CHECKING:
    from lenet_core.recognizer import Prediction


def _title(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setStyleSheet("font-weight: bold;")
    return label


class PrototypesView(Retranslating, QWidget):
    """Classic: the ten fixed 7x12 prototypes, F6 drawn the same way beside them, the distances.
    Modern: it has no prototypes; its output weights, arranged like F6, play their part."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("prototypes_view")
        self._arch = ""
        self._parameters: np.ndarray | None = None  # (10, 84)
        self._scores: np.ndarray | None = None
        self._answer: int | None = None
        self._shown_prediction: Prediction | None = None
        self._stale = False  # a reading came while the tab was hidden
        self.heading = _title(self)
        self.f6 = TileGrid(1, 1, aspect=7 / 12, parent=self, max_tile=220)
        self.f6.setObjectName("f6_bitmap")
        self.prototypes = TileGrid(2, 5, aspect=7 / 12, parent=self, max_tile=130)
        self.prototypes.setObjectName("prototype_bitmaps")
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.f6, 2)
        row.addWidget(self.prototypes, 5)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(row, 1)
        layout.addWidget(self.note)
        self.retranslate()

    def set_model(self, arch: str, parameters: np.ndarray | None) -> None:
        """`parameters`: (10, 84), the prototypes (classic) or the output weights (modern)."""
        self._arch, self._parameters = arch, parameters
        if parameters is None:
            self.prototypes.set_tiles([])
        elif arch == "classic":  # ink +1 dark on paper -1, as the paper draws them
            self.prototypes.set_tiles(
                [gray_image(p.reshape(12, 7), -1.0, 1.0, invert=True) for p in parameters]
            )
        else:
            limit = layer_limit(parameters)
            self.prototypes.set_tiles(
                [indexed_image(to_indices(p.reshape(12, 7), limit)) for p in parameters]
            )
        self.retranslate()

    def show_prediction(self, prediction: Prediction | None) -> None:
        """F6 of this reading beside the prototypes; kept while the tab is hidden, drawn when shown."""
        self._shown_prediction, self._stale = prediction, True
        if self.isVisible():
            self._draw_prediction()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        self._draw_prediction()
        super().showEvent(event)

    def _draw_prediction(self) -> None:
        if not self._stale:
            return
        self._stale = False
        prediction = self._shown_prediction
        f6 = None if prediction is None else prediction.activations.get("F6")
        output = None if prediction is None else prediction.activations.get("output")
        if f6 is None or output is None or self._parameters is None:
            self.f6.set_tiles([])
            self._scores, self._answer = None, None
        else:
            f6 = np.asarray(f6, dtype=np.float64).reshape(12, 7)
            # Classic: in the prototypes' own greys (+1 dark, -1 white), so the two can be compared.
            picture = (
                gray_image(f6, -1.0, 1.0, invert=True)
                if self._arch == "classic"
                else indexed_image(to_indices(f6, layer_limit(f6)))
            )
            self.f6.set_tiles([picture], [self.tr("F6 of your drawing")])
            self._scores = np.asarray(output, dtype=np.float64)
            self._answer = int(
                np.argmin(self._scores) if self._arch == "classic" else np.argmax(self._scores)
            )
        self.prototypes.set_framed(self._answer)
        self.retranslate()

    def retranslate(self) -> None:
        classic = self._arch == "classic"
        self.heading.setText(
            self.tr("F6 of your drawing beside the ten RBF prototypes, with the distance to each")
            if classic
            else self.tr("F6 of your drawing beside the output weights of each digit, with its score")
        )
        self.f6.set_tiles(self.f6.images(), [self.tr("F6 of your drawing")])
        scores = self._scores
        captions = []
        for d in range(10):
            if scores is None:
                captions.append(str(d))
            else:
                captions.append(f"{d}: {scores[d]:.3g}")
        self.prototypes.set_tiles(self.prototypes.images(), captions)
        self.note.setText(
            self.tr(
                "The classic LeNet-5 compares F6 with a fixed bitmap of each digit (+1 ink, −1 paper) and "
                "answers with the nearest: the more your F6 looks like a prototype, the smaller its distance."
            )
            if classic
            else self.tr(
                "The modern model has no prototypes: each digit's score is F6 times that digit's weights. "
                "Red weights reward F6 units that are high, blue ones punish them."
            )
        )


class FiltersView(Retranslating, QWidget):
    """The six C1 kernels and the C3 kernels, one row per S2 map and one column per C3 map."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filters_view")
        self._arch = ""
        self.c1_title, self.c3_title = _title(self), _title(self)
        self.c1 = TileGrid(1, 6, parent=self, max_tile=80)
        self.c1.setObjectName("c1_kernels")
        self.c3 = TileGrid(6, 16, parent=self, max_tile=60)
        self.c3.setObjectName("c3_kernels")
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.c1_title)
        layout.addWidget(self.c1, 2)
        layout.addWidget(self.c3_title)
        layout.addWidget(self.c3, 5)
        layout.addWidget(self.note)
        self.retranslate()

    def set_banks(
        self,
        arch: str,
        c1: np.ndarray,
        c3: np.ndarray,
        connected: np.ndarray,
        c1_scale: float,
        c3_scale: float,
    ) -> None:
        """c1 (6, 5, 5), c3 (16, 6, 5, 5) [C3 map, S2 map], connected (16, 6)."""
        self._arch = arch
        self.c1.set_tiles(
            [indexed_image(to_indices(k, c1_scale)) for k in c1],
            [str(i + 1) for i in range(6)],
            [self._kernel_tip("C1", i, None, k) for i, k in enumerate(c1)],
        )
        images, tips = [], []
        for s2 in range(6):
            for m in range(16):
                on = bool(connected[m, s2])
                images.append(indexed_image(to_indices(c3[m, s2], c3_scale)) if on else None)
                tips.append(
                    self._kernel_tip("C3", m, s2, c3[m, s2])
                    if on
                    else fill(self.tr("C3 map %1 does not read S2 map %2 (the paper's table)"), m + 1, s2 + 1)
                )
        self.c3.set_tiles(images, tips=tips)
        self.c3.set_headers(
            [fill(self.tr("S2 %1"), s + 1) for s in range(6)], [str(m + 1) for m in range(16)]
        )
        self.retranslate()

    def _kernel_tip(self, stage: str, index: int, source: int | None, kernel: np.ndarray) -> str:
        rows = "\n".join("  ".join(f"{v:+.2f}" for v in row) for row in kernel)
        head = (
            fill(self.tr("C1 kernel %1"), index + 1)
            if source is None
            else fill(self.tr("C3 map %1, kernel on S2 map %2"), index + 1, source + 1)
        )
        return f"{head}\n{rows}"

    def retranslate(self) -> None:
        self.c1_title.setText(self.tr("C1: six 5×5 kernels over the input"))
        self.c3_title.setText(
            self.tr("C3: the 5×5 kernel each C3 map (columns) applies to each S2 map (rows)")
        )
        self.note.setText(
            self.tr(
                "Empty places: the classic LeNet-5 connects only 60 of the 96 pairs, by the paper's table. "
                "Red weights add the input under them, blue ones subtract it. Hover a kernel for its numbers."
            )
            if self._arch == "classic"
            else self.tr(
                "Red weights add the input under them, blue ones subtract it. Hover a kernel for its numbers."
            )
        )
        self.note.setAlignment(Qt.AlignmentFlag.AlignLeft)
