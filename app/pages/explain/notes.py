"""Layer notes: what the layer under the pointer computes, in a few sentences, with its shape, its
parameters and connections as the paper counts them, and its formula (from the core's layer facts)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from app.texts import Retranslating, fill, layer_name

if TYPE_CHECKING:
    from lenet_core.explain import LayerFacts


class LayerNotes(Retranslating, QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("layer_notes")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._facts: dict[str, LayerFacts] = {}
        self._arch = ""
        self._stage = ""

    def set_facts(self, facts: list[LayerFacts], arch: str) -> None:
        self._facts = {f.name: f for f in facts}
        self._arch = arch
        self.retranslate()

    def show_stage(self, stage: str) -> None:
        if stage != self._stage:
            self._stage = stage
            self.retranslate()

    def stage(self) -> str:
        return self._stage

    def minimumSizeHint(self):  # noqa: ANN201, N802 - Qt API
        hint = super().minimumSizeHint()
        hint.setHeight(self.fontMetrics().lineSpacing() * 5 + 8)
        return hint

    def sizeHint(self):  # noqa: ANN201, N802 - Qt API
        return self.minimumSizeHint()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        # Always five lines high: a longer note must not shrink the diagram above, or the unit under
        # the pointer would move away as the pointer moves onto it.
        return False

    # == texts =====================================================================================
    def _kind(self, kind: str) -> str:
        return {
            "input": self.tr("input"),
            "convolution": self.tr("convolution 5×5"),
            "subsampling": self.tr("subsampling 2×2 (trainable sum)"),
            "max_pooling": self.tr("max pooling 2×2"),
            "full": self.tr("fully connected"),
            "rbf": self.tr("radial basis functions"),
            "linear": self.tr("linear, softmax"),
        }.get(kind, kind)

    def _prose(self, stage: str) -> str:
        classic = self._arch == "classic"
        texts = {
            "input": self.tr(
                "Your drawing after MNIST's preprocessing: scaled into a 20×20 box, centred by its mass, "
                "padded to 32×32. Paper is −0.1 and full ink 1.175, so that the mean is near 0."
            ),
            "C1": self.tr(
                "Six 5×5 kernels slide over the input one pixel at a time; each map shows where its "
                "kernel's pattern (an edge, a stroke direction) lies in your drawing."
            ),
            "S2": self.tr(
                "Each unit adds up a 2×2 block of its C1 map, multiplies the sum by a trainable "
                "coefficient, adds a bias and squashes it: half the resolution, a little tolerance to "
                "shifts."
            )
            if classic
            else self.tr(
                "Each unit keeps the largest of a 2×2 block of its C1 map: half the resolution, a little "
                "tolerance to shifts."
            ),
            "C3": self.tr(
                "Sixteen maps; each reads only some S2 maps (three, four or all six, by the paper's "
                "table), which saves connections and makes the maps learn different features."
            )
            if classic
            else self.tr("Sixteen maps; each reads all six S2 maps with a 5×5 kernel per map."),
            "S4": self.tr("Subsampling again, as in S2: each map halves its C3 map to 5×5."),
            "C5": self.tr(
                "120 units, each a 5×5 convolution over all sixteen S4 maps. S4 is 5×5, so every unit "
                "sees the whole drawing."
            ),
            "F6": self.tr(
                "84 units, each a weighted sum of all 120 C5 units. They are trained to draw the 7×12 "
                "bitmap of the digit: see the RBF prototypes."
            )
            if classic
            else self.tr("84 units, each a weighted sum of all 120 C5 units, through ReLU."),
            "output": self.tr(
                "Ten RBF units: each is the squared distance from F6 to its digit's fixed 7×12 "
                "prototype. The nearest prototype wins; lower is better."
            )
            if classic
            else self.tr(
                "Ten linear units (logits), turned into probabilities by softmax: the largest wins."
            ),
        }
        return texts.get(stage, "")

    def retranslate(self) -> None:
        facts = self._facts.get(self._stage)
        if facts is None:
            self.setText(
                escape(
                    self.tr("Hover a layer or a unit for what it computes; click a unit for its arithmetic.")
                )
            )
            return
        shape = "×".join(str(n) for n in facts.output_shape[1:])
        size = (
            fill(self.tr("%1 maps %2"), facts.output_shape[0], shape)
            if shape
            else fill(self.tr("%1 units"), facts.output_shape[0])
        )
        head = " · ".join(
            [
                f"<b>{escape(layer_name(facts.name))}</b>",
                escape(self._kind(facts.kind)),
                escape(size),
                escape(fill(self.tr("%1 parameters"), f"{facts.parameters:,}")),
                escape(fill(self.tr("%1 connections"), f"{facts.connections:,}")),
            ]
        )
        formulas = [facts.formula]
        if facts.normalisation_formula:
            formulas.append(facts.normalisation_formula)
        if facts.activation_formula:
            formulas.append(facts.activation_formula)
        code = " &nbsp;&nbsp; ".join(f"<code>{escape(f)}</code>" for f in formulas)
        self.setText(f"{head}<br>{escape(self._prose(facts.name))}<br>{code}")
