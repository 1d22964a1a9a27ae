"""Classic and modern reading the same drawing at once: two diagrams with the same geometry, one above
the other, so that a layer of one lies exactly above the same layer of the other.

While its tab is hidden the view only keeps the latest readings, and draws them once it is shown: the
user may be drawing, and every stroke's answer would otherwise be drawn here too, for nobody.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.texts import Retranslating
from app.widgets.network_diagram import Focus, NetworkDiagram
from app.widgets.verdict import Verdict

ARCHS = ("classic", "modern")


class SideBySideView(Retranslating, QWidget):
    unit_hovered = Signal(str, object)  # arch, UnitRef or None
    unit_clicked = Signal(str, object)  # arch, UnitRef

    def __init__(self, input_range: tuple[float, float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("side_by_side")
        self.diagrams: dict[str, NetworkDiagram] = {}
        self.headers: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        for arch in ARCHS:
            header = QLabel(self)
            header.setObjectName(f"side_header_{arch}")
            header.setTextFormat(Qt.TextFormat.RichText)
            diagram = NetworkDiagram(input_range, self)
            diagram.setObjectName(f"side_diagram_{arch}")
            diagram.setMinimumHeight(200)
            diagram.unit_hovered.connect(lambda unit, a=arch: self.unit_hovered.emit(a, unit))
            diagram.unit_clicked.connect(lambda unit, a=arch: self.unit_clicked.emit(a, unit))
            self.headers[arch], self.diagrams[arch] = header, diagram
            layout.addWidget(header)
            layout.addWidget(diagram, 1)
        self.diagrams["classic"].set_legend_shown(False)
        self._names = {arch: "" for arch in ARCHS}
        self._notes: dict[str, tuple[str, str]] = {arch: ("", "") for arch in ARCHS}
        self._verdicts: dict[str, Verdict | None] = {arch: None for arch in ARCHS}
        self._layers: dict[str, tuple[dict | None, int | None]] = {arch: (None, None) for arch in ARCHS}
        self._stale: set[str] = set()  # readings kept while hidden, drawn when shown
        self.retranslate()

    def set_reading(
        self, arch: str, name: str, layers: dict | None, shown: Verdict | None, winner: int | None
    ) -> None:
        """One model's reading: its name, every layer, and its answer (drawn once the view is shown)."""
        self._names[arch], self._verdicts[arch] = name, shown
        self._layers[arch] = (layers, winner)
        self._stale.add(arch)
        if self.isVisible():
            self._draw_readings()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        self._draw_readings()
        super().showEvent(event)

    def _draw_readings(self) -> None:
        if not self._stale:
            return
        for arch in self._stale:
            layers, winner = self._layers[arch]
            self.diagrams[arch].set_layers(layers)
            self.diagrams[arch].set_winner(winner, *self._notes[arch])
        self._stale.clear()
        self.retranslate()

    def set_notes(self, notes: dict[str, tuple[str, str]]) -> None:
        """What each model's output values are (see `NetworkDiagram.set_winner`)."""
        self._notes.update(notes)
        for arch, diagram in self.diagrams.items():
            diagram.set_winner(diagram.winner()[0], *self._notes[arch])

    def set_focus(self, focus: dict[str, Focus | None]) -> None:
        for arch, diagram in self.diagrams.items():
            diagram.set_focus(focus.get(arch))

    def retranslate(self) -> None:
        for arch in ARCHS:
            shown = self._verdicts[arch]
            name = self._names[arch] or (
                self.tr("Classic LeNet-5") if arch == "classic" else self.tr("Modern LeNet-5")
            )
            answer = (
                shown.summary if shown is not None and shown.summary else self.tr("waiting for a drawing")
            )
            color = shown.color.name() if shown is not None and shown.color is not None else ""
            style = f" style='color:{color}'" if color else ""
            self.headers[arch].setText(f"<b>{name}</b> &nbsp; <span{style}>{answer}</span>")
