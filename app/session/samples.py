"""The user's samples as the session holds them: the SQLite store of the GUI thread, and why it cannot
be used when it cannot (a damaged, foreign or locked file is reported and never written to).

The Recognise page's corrections and the Train page's samples both come in through `add`, so the
Train page hears of a correction without either page knowing of the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, Signal

from app.config import RASTER_SIZE
from app.texts import fill
from app.widgets.strokes import Stroke as CanvasStroke

if TYPE_CHECKING:
    from lenet_core.sample_data import Stroke
    from lenet_core.sample_store import SampleStore


def stored_strokes(strokes: Sequence[CanvasStroke]) -> list[Stroke]:
    """The canvas' ink strokes (fractions of the sheet) as the store keeps them (RASTER_SIZE pixels).

    Eraser strokes are left out: the store's stroke record has no eraser flag, and replaying them as
    ink would misdraw the digit (the PNG is the sample; strokes are extra information).
    """
    from lenet_core.sample_data import Stroke

    kept = []
    for stroke in strokes:
        if stroke.eraser or not stroke.points:
            continue
        pressures = stroke.pressures or [1.0] * len(stroke.points)
        points = tuple((p.x() * RASTER_SIZE, p.y() * RASTER_SIZE, float(q))
                       for p, q in zip(stroke.points, pressures, strict=False))
        kept.append(Stroke(points, stroke.width * RASTER_SIZE))
    return kept


class SampleError(Exception):
    """A sample could not be stored; the message says why, for the user."""


class SampleShelf(QObject):
    changed = Signal()  # samples were added (drawn, corrected, imported) or changed
    state_changed = Signal(bool)  # whether the store can be used

    def __init__(self, data_dir: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self.store: SampleStore | None = None
        self.problem: str | None = None  # why the store cannot be used
        self.db_path: Path | None = None

    def open(self) -> bool:
        """Open the samples database; a damaged, foreign or locked one is reported and left untouched."""
        from lenet_core.sample_errors import describe_os_error
        from lenet_core.sample_store import SampleStore, SampleStoreError
        from lenet_core.user_data import samples_db_path

        self.close()
        try:
            self.db_path = samples_db_path(self._data_dir)
            self.store = SampleStore(self.db_path)
        except (SampleStoreError, OSError) as exc:
            self.store = None
            reason = describe_os_error(exc) if isinstance(exc, OSError) else str(exc)
            self.problem = fill(
                self.tr("Your samples cannot be used, so adding and fine-tuning are off: %1"), reason
            )
        else:
            self.problem = None
        self.state_changed.emit(self.store is not None)
        return self.store is not None

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def usable(self) -> bool:
        return self.store is not None

    def why_unusable(self) -> str:
        return self.problem or self.tr("The samples database is not open.")

    def add(self, image: np.ndarray, label: int, strokes: Sequence[CanvasStroke], source: str) -> int:
        """Store a sample drawn (or opened) on a sheet; its id. Raises SampleError with the reason
        (locked, full disk...)."""
        if self.store is None:
            raise SampleError(self.why_unusable())
        try:
            sample_id = self.store.add(image, label, stored_strokes(strokes), source=source)
        except Exception as exc:  # noqa: BLE001 - SampleStoreError (locked, full disk): said, not raised on
            raise SampleError(fill(self.tr("The sample was not saved: %1"), exc)) from exc
        self.changed.emit()
        return sample_id

    def changed_elsewhere(self) -> None:
        """Samples were changed other than through `add` (edited in the gallery, imported by a worker
        thread's own connection): every view lists them again."""
        self.changed.emit()

    def counts(self) -> dict[int, int]:
        """Samples per digit; raises SampleError when the store fails (locked or damaged since)."""
        if self.store is None:
            raise SampleError(self.why_unusable())
        try:
            return self.store.counts()
        except Exception as exc:  # noqa: BLE001
            raise SampleError(str(exc)) from exc
