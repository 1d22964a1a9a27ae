"""Which pixels made the network decide: a heat map over the network's input (and, through the page,
over the drawing), switchable between occlusion and gradient-based maps, for the answer against every
other digit, or for "3 or 9?" what separates the two."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from app.colormap import gray_image, heat_image, indexed_image, layer_limit, to_indices
from app.texts import Retranslating, fill
from app.widgets.map_image import MapImage

if TYPE_CHECKING:
    from lenet_core.explain import Saliency
    from lenet_core.recognizer import Prediction

METHODS = ("occlusion", "gradient_x_input", "integrated_gradients")
ANSWER = -1  # the target combo's first entry: whatever the network answers
AUTO, ALL = -1, -2  # the versus combo: the runner-up of a close call (else all others); all others


class SaliencyView(Retranslating, QWidget):
    choice_changed = Signal()  # method, digits or "show on the drawing" changed: compute again
    export_requested = Signal()

    def __init__(self, input_range: tuple[float, float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saliency_view")
        self._input_range = input_range
        self._saliency: Saliency | None = None
        self._input: np.ndarray | None = None
        self.method = QComboBox(self)
        self.method.setObjectName("saliency_method")
        self.target = QComboBox(self)
        self.target.setObjectName("saliency_target")
        self.versus = QComboBox(self)
        self.versus.setObjectName("saliency_versus")
        for _ in METHODS:
            self.method.addItem("")
        self.target.addItem("", ANSWER)
        self.versus.addItem("", AUTO)
        self.versus.addItem("", ALL)
        for digit in range(10):
            self.target.addItem(str(digit), digit)
            self.versus.addItem(str(digit), digit)
        self.on_drawing = QCheckBox(self)
        self.on_drawing.setObjectName("saliency_on_drawing")
        self.on_drawing.setChecked(True)
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("saliency_export")
        self.method_label, self.target_label, self.versus_label = QLabel(self), QLabel(self), QLabel(self)
        controls = QHBoxLayout()
        for widget in (
            self.method_label,
            self.method,
            self.target_label,
            self.target,
            self.versus_label,
            self.versus,
            self.on_drawing,
        ):
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.export_button)

        self.overlaid = MapImage(self, minimum=160)
        self.overlaid.setObjectName("saliency_over_input")
        self.heat_only = MapImage(self, minimum=160)
        self.heat_only.setObjectName("saliency_heat")
        self.explanation = QLabel(self)
        self.explanation.setObjectName("saliency_explanation")
        self.explanation.setWordWrap(True)
        pictures = QHBoxLayout()
        pictures.addWidget(self.overlaid)
        pictures.addWidget(self.heat_only)
        layout = QGridLayout(self)
        layout.addLayout(controls, 0, 0)
        layout.addLayout(pictures, 1, 0)
        layout.addWidget(self.explanation, 2, 0)
        layout.setRowStretch(1, 1)

        for combo in (self.method, self.target, self.versus):
            combo.currentIndexChanged.connect(self.choice_changed)
        self.on_drawing.toggled.connect(self.choice_changed)
        self.export_button.clicked.connect(self.export_requested)
        self.retranslate()

    # == the choice ================================================================================
    def method_name(self) -> str:
        return METHODS[max(0, self.method.currentIndex())]

    def set_method(self, method: str) -> None:
        self.method.setCurrentIndex(METHODS.index(method))

    def pair_for(self, prediction: Prediction | None) -> tuple[int, int | None] | None:
        """(digit explained, digit it is contrasted with or None) for this answer; None: nothing to
        explain."""
        if prediction is None or prediction.probabilities is None:
            return None
        ranked = [int(d) for d in np.argsort(-np.asarray(prediction.probabilities))]
        target = self.target.currentData()
        target = ranked[0] if target == ANSWER else int(target)
        versus = self.versus.currentData()
        if versus == AUTO:
            runner_up = prediction.alternatives[0][0] if prediction.alternatives else None
            versus = runner_up if prediction.status == "unsure" and runner_up != target else None
        elif versus == ALL:
            versus = None
        if versus == target:
            versus = next(d for d in ranked if d != target)
        return target, versus

    # == the map ===================================================================================
    def show_saliency(
        self, result: Saliency | None, network_input: np.ndarray | None, elapsed_ms: float = 0.0
    ) -> None:
        self._saliency, self._input = result, network_input
        if result is None or network_input is None:
            self.overlaid.set_image(None)
            self.heat_only.set_image(None)
        else:
            self.overlaid.set_image(self.overlaid_image())
            limit = layer_limit(result.heat)
            self.heat_only.set_image(indexed_image(to_indices(result.heat, limit)))
        self._elapsed = elapsed_ms
        self.retranslate()

    def saliency(self) -> Saliency | None:
        return self._saliency

    def overlaid_image(self, side: int = 320) -> QImage:
        """The input (light ink on black) with the heat over it, `side` pixels square."""
        assert self._saliency is not None and self._input is not None
        base = (
            gray_image(self._input.reshape(32, 32), *self._input_range)
            .convertToFormat(QImage.Format.Format_ARGB32)
            .scaled(side, side)
        )
        painter = QPainter(base)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(base.rect(), heat_image(self._saliency.heat, opacity=0.85))
        painter.end()
        return base

    def heat_overlay(self, force: bool = False) -> QImage | None:
        """The see-through heat map to lay over the drawing (None: none, or not wanted on the drawing)."""
        if self._saliency is None or not (force or self.on_drawing.isChecked()):
            return None
        return heat_image(self._saliency.heat)

    # == texts =====================================================================================
    def retranslate(self) -> None:
        names = (self.tr("Occlusion"), self.tr("Gradient × input"), self.tr("Integrated gradients"))
        for i, name in enumerate(names):
            self.method.setItemText(i, name)
        self.method.setToolTip(
            self.tr(
                "Occlusion rubs out each 4×4 patch and measures how much the score drops; the gradient "
                "methods estimate the same from derivatives"
            )
        )
        self.target.setItemText(0, self.tr("the answer"))
        self.versus.setItemText(0, self.tr("automatic"))
        self.versus.setItemText(1, self.tr("all other digits"))
        self.versus.setToolTip(
            self.tr(
                'Automatic: the runner-up when the answer is a close call ("3 or 9?"), else all other digits'
            )
        )
        self.method_label.setText(self.tr("Method:"))
        self.target_label.setText(self.tr("Evidence for"))
        self.versus_label.setText(self.tr("against"))
        self.on_drawing.setText(self.tr("Show on the drawing"))
        self.export_button.setText(self.tr("Export PNG…"))
        self.overlaid.set_caption(self.tr("over what the network sees"))
        self.heat_only.set_caption(self.tr("the heat map alone"))
        result = self._saliency
        if result is None:
            self.explanation.setText(
                self.tr("Draw a digit: the pixels that made the network decide light up.")
            )
            return
        against = (
            fill(self.tr("against %1"), result.versus)
            if result.versus is not None
            else self.tr("against all other digits")
        )
        score = (
            fill(self.tr("log(p%1 / p%2) = %3"), result.target, result.versus, f"{result.score:+.2f}")
            if result.versus is not None
            else fill(self.tr("log(p / (1 − p)) = %1"), f"{result.score:+.2f}")
        )
        self.explanation.setText(
            fill(
                self.tr(
                    "Red: ink that speaks for %1 %2; blue: ink that speaks against it. Score %3 "
                    "(computed in %4 ms)."
                ),
                result.target,
                against,
                score,
                f"{getattr(self, '_elapsed', 0.0):.0f}",
            )
        )
