"""The arithmetic of one unit, with the real numbers of the drawing on the sheet.

A non-modal window: it stays open and follows the drawing. On the left, where the unit is (its map,
the window it reads in each source map), with buttons that step the kernel across the map or animate
the sweep; on the right, every term (app/pages/explain/step_parts.py) and the equation that adds them
up to the unit's value, checked against the value the network itself computed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.colormap import indexed_image, to_indices
from app.pages.explain import equations
from app.pages.explain.focus import core_unit
from app.pages.explain.step_parts import ConvolutionTerms, FullTerms, OutputTerms, SubsamplingTerms, TermsPart
from app.texts import Retranslating, fill, layer_name
from app.widgets.diagram_layout import MAP_STAGES, UnitRef
from app.widgets.marked_map import MarkedMap

if TYPE_CHECKING:
    from lenet_core.explain import UnitArithmetic
    from lenet_core.recognizer import Prediction

SWEEP_INTERVAL_MS = 40
SWEEPING = ("C1", "S2", "C3", "S4")  # a kernel or window stepped across the map


class StepDialog(Retranslating, QDialog):
    unit_changed = Signal(object)  # UnitRef: the unit shown (stepping moves it)
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("step_view")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.resize(1140, 600)
        self._unit: UnitRef | None = None
        self._step: UnitArithmetic | None = None
        self._network_value: float | None = None
        self._model: object = None
        self._prediction: Prediction | None = None
        self._limits: dict[str, float] = {}
        self.part: TermsPart | None = None

        self.heading = QLabel(self)
        self.heading.setObjectName("step_heading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.heading.setFont(font)
        self.description = QLabel(self)
        self.description.setWordWrap(True)

        where = QVBoxLayout()
        self.where_caption = QLabel(self)
        self.where_caption.setWordWrap(True)
        self.sources_box = QGridLayout()
        self.source_maps: list[MarkedMap] = []
        self.unit_map = MarkedMap(self, minimum=150)
        self.unit_map_caption = QLabel(self)
        self.previous_button = QPushButton(self)
        self.previous_button.setObjectName("step_previous")
        self.next_button = QPushButton(self)
        self.next_button.setObjectName("step_next")
        self.play_button = QPushButton(self)
        self.play_button.setObjectName("step_play")
        self.play_button.setCheckable(True)
        buttons = QGridLayout()
        buttons.addWidget(self.previous_button, 0, 0)
        buttons.addWidget(self.next_button, 0, 1)
        buttons.addWidget(self.play_button, 1, 0, 1, 2)
        where.addWidget(self.where_caption)
        where.addLayout(self.sources_box)
        where.addWidget(self.unit_map_caption)
        where.addWidget(self.unit_map, 1)
        where.addLayout(buttons)
        self.where = QWidget(self)
        self.where.setLayout(where)
        self.where.setFixedWidth(270)

        self.terms_area = QScrollArea(self)
        self.terms_area.setWidgetResizable(True)
        self.terms_holder = QWidget()
        self.terms_layout = QVBoxLayout(self.terms_holder)
        self.equation = QLabel(self.terms_holder)
        self.equation.setObjectName("step_equation")
        self.equation.setTextFormat(Qt.TextFormat.RichText)
        self.equation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.terms_layout.addWidget(self.equation)
        self.terms_layout.addStretch(1)
        self.terms_area.setWidget(self.terms_holder)

        body = QHBoxLayout()
        body.addWidget(self.where)
        body.addWidget(self.terms_area, 1)
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("step_export")
        self.close_button = QPushButton(self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.export_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.description)
        layout.addLayout(body, 1)
        layout.addLayout(bottom)

        self.timer = QTimer(self)
        self.timer.setInterval(SWEEP_INTERVAL_MS)
        self.timer.timeout.connect(lambda: self.step_by(1, from_timer=True))
        self.previous_button.clicked.connect(lambda: self.step_by(-1))
        self.next_button.clicked.connect(lambda: self.step_by(1))
        self.play_button.toggled.connect(self._play)
        self.close_button.clicked.connect(self.close)
        self.export_button.clicked.connect(self.export_requested)
        self.finished.connect(lambda _: self.play_button.setChecked(False))
        self.retranslate()

    # == content ===================================================================================
    def unit(self) -> UnitRef | None:
        return self._unit

    def step(self) -> UnitArithmetic | None:
        return self._step

    def network_value(self) -> float | None:
        """The unit's value as the network computed it in the forward pass (the maps show it)."""
        return self._network_value

    def show_unit(
        self, unit: UnitRef, model: object, prediction: Prediction | None, limits: dict[str, float]
    ) -> None:
        """Show `unit`'s arithmetic in `model`'s forward pass `prediction` (None: nothing drawn)."""
        self._unit, self._model, self._prediction, self._limits = unit, model, prediction, dict(limits)
        self._recompute()
        self.unit_changed.emit(unit)

    def refresh(self, model: object, prediction: Prediction | None, limits: dict[str, float]) -> None:
        """The drawing (or the model) changed: the same unit, new numbers."""
        if self._unit is not None:
            self._model, self._prediction, self._limits = model, prediction, dict(limits)
            self._recompute()

    def _recompute(self) -> None:
        from lenet_core.explain import unit_arithmetic

        unit, prediction = self._unit, self._prediction
        assert unit is not None
        activations = prediction.activations if prediction is not None else {}
        self._step = None
        self._network_value = None
        if activations and self._model is not None:
            self._step = unit_arithmetic(self._model, activations, core_unit(unit))  # type: ignore[arg-type]
            self._network_value = core_unit(unit).value(activations)
        self._show_terms()
        self._show_where(activations)
        self.retranslate()

    def _show_terms(self) -> None:
        from lenet_core.explain import OutputLayer, Subsampling, WeightedSum

        step = self._step
        wanted: object = None
        if isinstance(step, WeightedSum):
            wanted = ("convolution", len(step.source_maps)) if step.kind == "convolution" else ("full",)
        elif isinstance(step, Subsampling):
            wanted = ("subsampling",)
        elif isinstance(step, OutputLayer):
            wanted = ("output",)
        if self.part is None or self.part.shape_key() != wanted:
            if self.part is not None:
                self.part.deleteLater()
            self.part = None
            if wanted is not None:
                kind = wanted[0]  # type: ignore[index]
                self.part = (
                    ConvolutionTerms(len(step.source_maps), self.terms_holder)  # type: ignore[union-attr]
                    if kind == "convolution"
                    else FullTerms(self.terms_holder)
                    if kind == "full"
                    else SubsamplingTerms(self.terms_holder)
                    if kind == "subsampling"
                    else OutputTerms(self.terms_holder)
                )
                self.terms_layout.insertWidget(0, self.part)
        if self.part is not None and step is not None:
            source = getattr(step, "source_stage", "F6")
            self.part.show_step(step, self._limits.get(source, 1.0))  # type: ignore[attr-defined]

    def _show_where(self, activations: dict[str, np.ndarray]) -> None:
        unit, step = self._unit, self._step
        assert unit is not None
        spatial = unit.stage in MAP_STAGES
        sources = list(getattr(step, "source_maps", ())) or (
            [unit.index] if unit.stage in ("S2", "S4") else []
        )
        source_stage = getattr(step, "source_stage", None)
        window = getattr(step, "window", None)
        while len(self.source_maps) < len(sources):
            tile = MarkedMap(self, minimum=44)
            self.source_maps.append(tile)
            i = len(self.source_maps) - 1
            self.sources_box.addWidget(tile, i // 4, i % 4)
        for i, tile in enumerate(self.source_maps):
            tile.setVisible(i < len(sources) and source_stage in MAP_STAGES)
            if i < len(sources) and source_stage in activations and source_stage in MAP_STAGES:
                maps = np.asarray(activations[source_stage]).reshape(
                    -1, *activations[source_stage].shape[-2:]
                )
                tile.set_image(
                    indexed_image(to_indices(maps[sources[i]], self._limits.get(source_stage, 1.0)))
                )
                tile.set_mark(
                    None if window is None else (window.top, window.left, window.bottom, window.right)
                )
                tile.setToolTip(fill(self.tr("%1 map %2"), layer_name(source_stage), sources[i] + 1))
        self.where_caption.setVisible(bool(sources) and source_stage in MAP_STAGES)
        self.unit_map.setVisible(spatial)
        self.unit_map_caption.setVisible(spatial)
        for button in (self.previous_button, self.next_button):
            button.setEnabled(step is not None)
        self.play_button.setVisible(unit.stage in SWEEPING)  # C5, F6 and the output have no map to sweep
        self.play_button.setEnabled(step is not None and unit.stage in SWEEPING)
        if spatial and unit.stage in activations:
            values = np.asarray(activations[unit.stage])[unit.index]
            self.unit_map.set_image(indexed_image(to_indices(values, self._limits.get(unit.stage, 1.0))))
            self.unit_map.set_mark((unit.y, unit.x, unit.y + 1, unit.x + 1))
        elif spatial:
            self.unit_map.set_image(None)

    # == stepping ==================================================================================
    def step_by(self, delta: int, from_timer: bool = False) -> None:
        """Move to the next (or previous) position of the kernel in reading order, or the next unit."""
        unit = self._unit
        if unit is None:
            return
        if unit.stage in MAP_STAGES:
            from lenet_core.explain import STAGE_SHAPES

            _, h, w = STAGE_SHAPES[unit.stage]
            position = unit.y * w + unit.x + delta
            if from_timer and position >= h * w:
                self.play_button.setChecked(False)
                return
            position %= h * w
            moved = UnitRef(unit.stage, unit.index, position // w, position % w)
        else:
            from lenet_core.explain import STAGE_SHAPES

            count = STAGE_SHAPES[unit.stage][0]
            moved = UnitRef(unit.stage, (unit.index + delta) % count)
        self.show_unit(moved, self._model, self._prediction, self._limits)

    def _play(self, on: bool) -> None:
        if on:
            unit = self._unit
            if unit is not None and unit.stage in SWEEPING:  # from the start, unless paused midway
                if self.play_button.property("paused_at") != unit:
                    self.show_unit(
                        UnitRef(unit.stage, unit.index), self._model, self._prediction, self._limits
                    )
            self.timer.start()
        else:
            self.timer.stop()
            self.play_button.setProperty("paused_at", self._unit)
        self._retranslate_buttons()

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt API
        self.play_button.setChecked(False)
        super().closeEvent(event)

    # == texts =====================================================================================
    def retranslate(self) -> None:
        unit = self._unit
        self.setWindowTitle(self.tr("How one unit is computed"))
        self.export_button.setText(self.tr("Export PNG…"))
        self.export_button.setToolTip(self.tr("Save this view, with the drawing's numbers, as a PNG image"))
        self.close_button.setText(self.tr("Close"))
        self.where_caption.setText(self.tr("What it reads:"))
        self._retranslate_buttons()
        if unit is None:
            return
        self.heading.setText(equations.unit_title(unit))
        self.unit_map_caption.setText(
            fill(self.tr("%1 map %2: the unit"), layer_name(unit.stage), unit.index + 1)
        )
        arch = getattr(self._model, "arch", "")
        self.description.setText(equations.description(unit, arch, self._step))
        if self._step is None:
            self.equation.setText(self.tr("Draw a digit to see the numbers."))
        else:
            self.equation.setText(equations.equation_html(self._step, self._network_value))

    def _retranslate_buttons(self) -> None:
        sweeping = self._unit is not None and self._unit.stage in SWEEPING
        self.previous_button.setText(self.tr("◀ Previous"))
        self.next_button.setText(self.tr("Next ▶"))
        self.previous_button.setToolTip(
            self.tr("The kernel one position back") if sweeping else self.tr("The unit before this one")
        )
        self.next_button.setToolTip(
            self.tr("The kernel one position on") if sweeping else self.tr("The unit after this one")
        )
        self.play_button.setText(
            self.tr("Pause") if self.play_button.isChecked() else self.tr("Sweep across the map")
        )
        self.play_button.setToolTip(self.tr("Slide the kernel across the whole map, one position at a time"))
