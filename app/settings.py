"""The app's preferences in one typed place: one property per key, its default beside it.

QSettings holds what belongs to this computer and this person's taste (window layout, pen, language,
device). Which model is in use is not here: the model library's index records it, once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from app.config import (
    APPLICATION,
    DEFAULT_DEVICE,
    DEFAULT_PEN_WIDTH,
    LANGUAGES,
    ORGANIZATION,
    PEN_WIDTH_RANGE,
)


class AppSettings:
    """Typed access to a QSettings store (the platform's, or a file given by tests and tools)."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings(ORGANIZATION, APPLICATION)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.store.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    # -- interface --------------------------------------------------------------------------------
    @property
    def language(self) -> str:
        value = str(self.store.value("ui/language", "system"))
        return value if value in LANGUAGES else "system"

    @language.setter
    def language(self, value: str) -> None:
        self.store.setValue("ui/language", value if value in LANGUAGES else "system")

    @property
    def device(self) -> str:
        """The device asked for last ("auto", "cpu", "cuda", "mps"); the worker falls back if absent."""
        return str(self.store.value("model/device", DEFAULT_DEVICE)) or DEFAULT_DEVICE

    @device.setter
    def device(self, value: str) -> None:
        self.store.setValue("model/device", value)

    @property
    def pen_width(self) -> float:
        try:
            width = float(str(self.store.value("canvas/pen_width", DEFAULT_PEN_WIDTH)))
        except ValueError:
            return DEFAULT_PEN_WIDTH
        return min(PEN_WIDTH_RANGE[1], max(PEN_WIDTH_RANGE[0], width))

    @pen_width.setter
    def pen_width(self, value: float) -> None:
        self.store.setValue("canvas/pen_width", float(value))

    @property
    def mnist_folder(self) -> Path:
        """Where the Learn page reads MNIST: the folder chosen last, else `default_mnist_folder()`."""
        value = str(self.store.value("learn/mnist_folder", "") or "")
        return Path(value) if value else default_mnist_folder()

    @mnist_folder.setter
    def mnist_folder(self, value: Path) -> None:
        self.store.setValue("learn/mnist_folder", str(value))

    # -- window layout (opaque Qt state) ----------------------------------------------------------
    @property
    def window_geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self.store.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self.store.setValue("window/state", value)

    def splitter_state(self, page: str) -> QByteArray | None:
        """A page's splitter layout; the Recognise page's is stored under its historical key."""
        return self._bytes("window/splitter" if page == "recognise" else f"window/splitter_{page}")

    def set_splitter_state(self, page: str, value: QByteArray) -> None:
        self.store.setValue("window/splitter" if page == "recognise" else f"window/splitter_{page}", value)

    def sync(self) -> None:
        self.store.remove("model/key")  # where older versions also kept the model in use: not any more
        self.store.sync()


def default_mnist_folder() -> Path:
    """`../shared/data/mnist` beside a development checkout when it is there, else where Download puts
    MNIST (`<data folder>/mnist`)."""
    beside_checkout = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "mnist"
    if beside_checkout.is_dir():
        return beside_checkout
    from lenet_core.user_data import default_data_dir

    return default_data_dir() / "mnist"
