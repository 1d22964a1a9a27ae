"""The 32x32 image the network actually received, enlarged with sharp pixels."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.colormap import gray_image
from app.texts import Retranslating
from app.widgets.map_image import MapImage


class NetworkInputView(Retranslating, QWidget):
    """Shown as MNIST shows it, light ink on black, over the network's input range (background, ink),
    which the core defines and the page passes in."""

    def __init__(self, input_range: tuple[float, float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._range = input_range
        self.setObjectName("network_input")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image = MapImage(self, minimum=96)
        layout.addWidget(self.title)
        layout.addWidget(self.image, 1)
        self._input: np.ndarray | None = None
        self.retranslate()

    def set_input(self, network_input: np.ndarray | None) -> None:
        self._input = None if network_input is None else np.asarray(network_input, dtype=np.float32)
        if self._input is None:
            self.image.set_image(None)
        else:
            self.image.set_image(gray_image(self._input.reshape(self._input.shape[-2:]), *self._range))

    def network_input(self) -> np.ndarray | None:
        return self._input

    def retranslate(self) -> None:
        self.title.setText(self.tr("What the network sees (32×32)"))
        self.setToolTip(
            self.tr(
                "Your drawing after MNIST's preprocessing: size-normalised to 20×20, centred by mass, padded to 32×32."  # noqa: E501
            )
        )
